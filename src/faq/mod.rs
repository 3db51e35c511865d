//! The FAQ: what moderators write, checked and turned into the entries the bot answers from.
//!
//! Every `*.yaml` file in the FAQ folder may hold any of four sections:
//! `entries` (questions and answers), `rescs` and `leaders` (the directory of RESCs, from
//! which the leader questions are derived), `synonyms`/`names` (words that mean the same,
//! and organisations the matcher must not confuse), `shorthand` (what texting shorthand
//! stands for), `spanish` (the English of Spanish words, for questions asked in Spanish) and
//! `smalltalk` (replies to greetings and thanks). [`load_dir`] reads them all, reports every
//! problem with file, line and column, and only returns a [`Faq`] when there are none.

mod directory;
mod load;
pub mod yaml;

pub use directory::{count_word, Leader, Resc, LEADERS_ID, LIST_ID};
pub(crate) use load::{is_faq_file_name, load_dir_editing, load_dir_replacing};
pub use load::{load_dir, FaqError, FaqErrors, MAX_ANSWER_CHARS, MAX_FILE_BYTES};

use std::path::PathBuf;

/// One question the bot can answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// The canonical question, shown in lists and suggestions.
    pub question: String,
    /// Other ways people ask it.
    pub alternates: Vec<String>,
    pub answer: String,
    pub tags: Vec<String>,
    pub origin: Origin,
}

/// Where an entry comes from, so moderators know which file to edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Written in an entries file, at this line.
    File { path: PathBuf, line: usize },
    /// Built from the RESC directory.
    Directory,
}

impl Entry {
    /// The question and its alternates: every phrasing the matcher compares against.
    pub fn phrasings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.question.as_str()).chain(self.alternates.iter().map(String::as_str))
    }
}

/// A group of names for one organisation that is not a RESC (CSDE, OEC, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The first spelling in the group, used as its identity.
    pub canonical: String,
    pub aliases: Vec<String>,
}

/// A friendly reply to a message that is not a question: a greeting, thanks, "who are you?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallTalk {
    pub id: String,
    /// What people say ("hi", "thanks", "good bot"); a message that is one of these, give or
    /// take a typo and punctuation, gets `reply`.
    pub says: Vec<String>,
    /// Phrases that make a message this small talk wherever they stand in it, when it names
    /// nothing the FAQ knows ("do you like", "your favorite"): questions to the bot itself.
    pub asks: Vec<String>,
    pub reply: String,
}

/// A validated FAQ: file entries first (in file-name order), then the derived ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faq {
    pub entries: Vec<Entry>,
    pub rescs: Vec<Resc>,
    pub synonyms: Vec<Vec<String>>,
    /// Phrases that only say how the answer should be put ("in a nutshell", "in plain
    /// English"): questions are read as if they were not there.
    pub framing: Vec<String>,
    pub names: Vec<Name>,
    /// Shorthand people type and what it stands for ("ppl" -> "people"), one word each.
    pub shorthand: Vec<(String, String)>,
    /// Spanish words and short phrases and their English ("quien" -> "who"), for questions
    /// written in Spanish.
    pub spanish: Vec<(String, String)>,
    /// Replies to greetings, thanks and questions about the bot itself.
    pub smalltalk: Vec<SmallTalk>,
}

impl Faq {
    #[must_use]
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Finds a RESC by id, name, full name or another name people use (case-insensitive).
    #[must_use]
    pub fn resc(&self, name: &str) -> Option<&Resc> {
        let wanted = crate::text::words(name).join(" ");
        self.rescs.iter().find(|r| {
            r.id == wanted
                || r.all_names()
                    .any(|n| crate::text::words(n).join(" ") == wanted)
        })
    }

    /// Tags in first-seen order with the entries that carry them.
    #[must_use]
    pub fn topics(&self) -> Vec<(String, Vec<&Entry>)> {
        let mut topics: Vec<(String, Vec<&Entry>)> = Vec::new();
        for entry in &self.entries {
            let tags: &[String] = &entry.tags;
            let general = ["general".to_owned()];
            for tag in if tags.is_empty() { &general[..] } else { tags } {
                match topics.iter_mut().find(|(t, _)| t == tag) {
                    Some((_, list)) => list.push(entry),
                    None => topics.push((tag.clone(), vec![entry])),
                }
            }
        }
        topics
    }
}
