//! The terminal front end: replies, lists and the interactive chat as plain text and JSON.
//!
//! Whoever runs rescbot without a Discord token gets the same answers here as educators get
//! in Discord.

use std::fmt::Write as _;
use std::io::{BufRead, Write};

use serde_json::{json, Value};

use crate::faq::Faq;
use crate::matcher::{Outcome, Reply};
use crate::store::FaqStore;

/// Every entry, derived ones included, as `rescbot faq export --json` prints them: with the
/// file and line each comes from, or `directory`.
#[must_use]
pub fn export_json(faq: &Faq) -> Value {
    faq.entries
        .iter()
        .map(|e| {
            json!({
                "id": e.id, "question": e.question, "alternates": e.alternates,
                "answer": e.answer, "tags": e.tags,
                "source": match &e.origin {
                    crate::faq::Origin::File { path, line } => format!("{}:{line}", path.display()),
                    crate::faq::Origin::Directory => "directory".to_owned(),
                },
            })
        })
        .collect()
}

/// A reply as a person reads it in a terminal.
#[must_use]
pub fn format_reply(reply: &Reply) -> String {
    match &reply.outcome {
        Outcome::Answered {
            question, answer, ..
        } => format!("{question}\n\n{}", answer.trim_end()),
        Outcome::Invalid(problem) => problem.message(),
        Outcome::SmallTalk { reply, .. } => reply.trim_end().to_owned(),
        Outcome::Declined => {
            let mut out = "I don't know the answer to that one.".to_owned();
            if !reply.suggestions.is_empty() {
                out.push_str(" Maybe one of these helps:");
                for s in &reply.suggestions {
                    let _ = write!(out, "\n  - {}", s.question);
                }
            }
            out
        }
    }
}

/// A turn of a conversation as a person reads it: when the question was read as a follow-up,
/// what it was read as comes first, so that a wrong guess is visible.
#[must_use]
pub fn format_turn(turn: &crate::conversation::Turn) -> String {
    match (&turn.resolved, &turn.reply.outcome) {
        (Some(resolved), Outcome::Answered { answer, .. }) => {
            format!("{resolved}\n\n{}", answer.trim_end())
        }
        _ => format_reply(&turn.reply),
    }
}

/// A reply as one JSON object: `question`, `answered`, `id`, `score`, `answer`, `suggestions`,
/// plus `error` for a question that could not be looked up and, with `explain`, `candidates`,
/// `terms`, `decision` and `elapsed_us`.
#[must_use]
pub fn json_reply(reply: &Reply, explain: bool) -> Value {
    let (id, answer) = match &reply.outcome {
        Outcome::Answered { id, answer, .. } => (Some(id.as_str()), Some(answer.as_str())),
        Outcome::SmallTalk { reply, .. } => (None, Some(reply.as_str())),
        _ => (None, None),
    };
    let mut v = json!({
        "question": reply.question,
        "answered": reply.answered(),
        "id": id,
        "score": round(reply.score),
        "answer": answer,
        "suggestions": reply.suggestions,
    });
    if let Outcome::Invalid(problem) = &reply.outcome {
        v["error"] = json!(problem.message());
    }
    if let Outcome::SmallTalk { id, .. } = &reply.outcome {
        v["smalltalk"] = json!(id);
    }
    if explain {
        v["candidates"] = reply
            .candidates
            .iter()
            .map(|c| json!({"id": c.id, "question": c.question, "score": round(c.score)}))
            .collect();
        v["terms"] = json!(reply.terms);
        let d = &reply.decision;
        v["decision"] = json!({
            "by": d.by,
            "reason": d.reason,
            "sentences": d.sentences,
            "asking_sentences": d.asking_sentences,
            "unknown_share": round(d.unknown_share.max(0.0)),
            "best": round(d.best),
            "runner_up": round(d.runner_up),
            "threshold": round(d.threshold),
            "probability": round(d.probability),
            "features": d.features.map(|f| {
                f.named()
                    .map(|(name, x)| (name.to_owned(), json!(round(x))))
                    .collect::<serde_json::Map<_, _>>()
            }),
        });
        v["elapsed_us"] = json!(u64::try_from(reply.elapsed.as_micros()).unwrap_or(u64::MAX));
    }
    v
}

fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// The RESCs and their leaders, one line each.
#[must_use]
pub fn leaders_text(faq: &Faq) -> String {
    let mut out = format!(
        "The {} RESCs of the RESC Alliance and their leaders:\n",
        crate::faq::count_word(faq.rescs.len())
    );
    for r in &faq.rescs {
        let leader = r.leader.as_ref().map_or_else(
            || "leader not listed".to_owned(),
            |l| format!("{}, {}", l.display_name(), l.title),
        );
        let _ = writeln!(out, "  - {}: {leader}", r.display_name());
    }
    out
}

/// The FAQ's questions grouped by tag.
#[must_use]
pub fn topics_text(faq: &Faq) -> String {
    let mut out = String::new();
    for (tag, entries) in faq.topics() {
        let _ = writeln!(out, "{tag}:");
        for e in entries {
            let _ = writeln!(out, "  - {}", e.question);
        }
    }
    out
}

/// One line of input: text, or bytes that are not UTF-8 (answered with an error, not the end
/// of the session).
pub type InputLine = Result<String, NotText>;

/// A line of input that is not UTF-8 text, by its 1-based number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotText {
    pub line: usize,
}

impl NotText {
    /// What the person who typed it is told.
    #[must_use]
    pub fn message(self) -> String {
        format!(
            "line {} is not UTF-8 text, so it cannot be read; type it again",
            self.line
        )
    }
}

/// The lines of `input` without their line ends, each checked for UTF-8 on its own, so that
/// one bad line does not end the run and lose the questions after it.
pub fn input_lines(mut input: impl BufRead) -> impl Iterator<Item = std::io::Result<InputLine>> {
    let mut number = 0;
    std::iter::from_fn(move || {
        let mut bytes = Vec::new();
        match input.read_until(b'\n', &mut bytes) {
            Ok(0) => None,
            Ok(_) => {
                number += 1;
                if bytes.last() == Some(&b'\n') {
                    bytes.pop();
                    if bytes.last() == Some(&b'\r') {
                        bytes.pop();
                    }
                }
                Some(Ok(
                    String::from_utf8(bytes).map_err(|_| NotText { line: number })
                ))
            }
            Err(e) => Some(Err(e)),
        }
    })
}

/// The JSON line for an input line that is not text.
#[must_use]
pub fn json_not_text(not_text: NotText) -> Value {
    json!({
        "question": null,
        "answered": false,
        "id": null,
        "answer": null,
        "suggestions": [],
        "error": not_text.message(),
    })
}

pub const CHAT_HELP: &str = "Ask a question about Connecticut's RESCs or the RESC Alliance, for example \"Who leads LEARN?\", then follow up (\"and CREC?\").
Commands: /leaders (the RESCs and their leaders), /topics (what I know about), /help, /quit.";

/// An interactive session: one question per line until `/quit` or end of input. Each line is
/// answered from the store's FAQ of the moment, so edits reloaded meanwhile are live.
///
/// # Errors
/// Reading input or writing output failed.
pub fn chat(
    store: &FaqStore,
    conversations: &crate::conversation::Conversations,
    input: impl BufRead,
    mut output: impl Write,
) -> std::io::Result<()> {
    writeln!(
        output,
        "rescbot: ask me about Connecticut's RESCs. Type /help for commands, /quit to leave."
    )?;
    prompt(&mut output)?;
    for line in input_lines(input) {
        let line = match line? {
            Ok(line) => line,
            Err(not_text) => {
                writeln!(output, "Sorry, {}.", not_text.message())?;
                prompt(&mut output)?;
                continue;
            }
        };
        let line = line.trim();
        let matcher = store.matcher();
        match line {
            "" => {}
            "/quit" | "/exit" => break,
            "/help" => writeln!(output, "{CHAT_HELP}")?,
            "/leaders" => write!(output, "{}", leaders_text(matcher.faq()))?,
            "/topics" => write!(output, "{}", topics_text(matcher.faq()))?,
            cmd if cmd.starts_with('/') => writeln!(output, "Unknown command {cmd}. {CHAT_HELP}")?,
            question => writeln!(
                output,
                "{}",
                format_turn(&conversations.ask(&matcher, "chat", question))
            )?,
        }
        prompt(&mut output)?;
    }
    writeln!(output)?;
    Ok(())
}

fn prompt(output: &mut impl Write) -> std::io::Result<()> {
    write!(output, "\n> ")?;
    output.flush()
}
