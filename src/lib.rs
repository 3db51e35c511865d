//! rescbot answers educators' questions about Connecticut's Regional Educational Service
//! Centers (RESCs) and the RESC Alliance, from FAQ files that moderators edit.
//!
//! # Layout
//! The engine, in the order a question meets it (modules in `code` are private: the
//! binary, benches and tests never need them):
//! - `text`: folding what people type into plain lowercase words.
//! - [`faq`]: the FAQ files: model, loading and validation with located errors, the RESC
//!   directory and the entries derived from it.
//! - `lexicon`: how common English words are (a table compiled in), to weigh words the FAQ
//!   does not know.
//! - `meaning`: what English words mean, as vectors (a table compiled in), so a word the FAQ
//!   never uses can stand for FAQ words of the same meaning.
//! - `analyze`: words to terms (entities, synonyms, stems, typo correction), driven by the FAQ.
//! - `memo`: a word's correction and neighbours in meaning, worked out once per question.
//! - `knowledge`: answers composed from the RESC directory (premises, choices, names,
//!   honorifics, several RESCs at once).
//! - [`decision`]: the fitted model that decides whether the best entry is the answer.
//! - `smalltalk`: telling greetings, thanks and "who are you?" from questions.
//! - [`matcher`]: the index and the scoring that answers a question or declines it.
//! - [`conversation`]: follow-ups ("and CREC?") read in the light of the same person's last
//!   question, kept per asker in a bounded store that forgets.
//!
//! Around it:
//! - [`config`]: settings from `config/rescbot.yaml`, range-checked, with a typed error.
//! - [`store`]: the FAQ answering now, reloaded whole (and watched) when the files change.
//! - [`edit`]: safe edits of single entries while the bot runs, with backups and an audit log.
//!   It adds methods to [`store::FaqStore`] rather than living in `store.rs`: writing files
//!   safely (atomic replace, symlinks, owners, backups), splicing YAML and the audit log are
//!   a concern of their own, with their own error type, and most of the lines.
//! - [`eval`]: running a question set (questions and conversations) and measuring the matcher.
//! - [`source`]: comparing the FAQ with the About Us page (text, HTML or a URL with the
//!   `fetch` feature) it is written from.
//! - [`records`]: the questions asked, declined and rated (no user ids or names), in `SQLite`.
//! - [`retention`]: deleting old records and backups at start and once a day.
//! - `ops` (feature `discord`): `/healthz` and `/metrics` for whoever runs the bot.
//! - [`console`]: the terminal front end (`rescbot ask`, `rescbot chat`).
//! - `discord` (feature `discord`): the Discord front end (`rescbot serve`): slash commands,
//!   mentions and DMs, answer channels, feedback buttons, and the moderators' `/faq` commands
//!   (`discord/moderation.rs`). Tested end to end against the fake Discord in `tests/support`.
//! - [`synth`]: synthetic FAQs of any size, for benchmarks.
//!
//! The engine (everything above but the front ends) knows nothing of Discord. The types most
//! callers need are re-exported here.
//!
//! # Example
//! ```
//! use rescbot::{load_dir, MatchConfig, Matcher};
//!
//! let faq = load_dir(std::path::Path::new("faq")).expect("the shipped FAQ is valid");
//! let matcher = Matcher::new(faq, MatchConfig::default());
//! let reply = matcher.ask("who leeds LEARN?");
//! assert_eq!(reply.answer_id(), Some("resc-learn"));
//! assert!(!matcher.ask("what's the weather like?").answered());
//! ```

mod analyze;
pub mod config;
pub mod console;
pub mod conversation;
pub mod decision;
#[cfg(feature = "discord")]
pub mod discord;
pub mod edit;
pub mod eval;
pub mod faq;
mod knowledge;
mod lexicon;
pub mod matcher;
mod meaning;
mod memo;
#[cfg(feature = "discord")]
pub mod ops;
pub mod records;
pub mod retention;
mod smalltalk;
pub mod source;
mod spanish;
pub mod store;
pub mod synth;
mod text;

pub use config::{Config, MatchConfig};
pub use edit::EntryDraft;
pub use faq::{load_dir, Faq};
pub use matcher::{Matcher, Outcome, Reply};
pub use records::{Recorder, Source};
pub use store::FaqStore;
