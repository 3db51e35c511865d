//! Measuring the matcher on a question set.
//!
//! The format is a YAML list of `{q, expect, forbid}`: `expect` lists texts the answer must
//! contain (case-insensitive), is `none` when the bot must decline, or `smalltalk` when the
//! message must get a small-talk reply; `forbid` lists texts the answer must not contain. A
//! case may instead give `id`, the entry that must rank first (answered or not): the format
//! of the synthetic query files, which measures top-1 accuracy. An item may also be a
//! conversation, `{turns: [case, case, ...]}`, asked in order by one person, so that each
//! turn is read in the light of the ones before.

use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;

use crate::conversation::{Conversations, ManualClock};
use crate::decision::Features;
use crate::matcher::{Matcher, Outcome, Reply};

/// What a case expects of the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// An answer containing every one of these texts.
    Answer(Vec<String>),
    /// A decline (no answer said with confidence).
    Decline,
    /// A small-talk reply.
    SmallTalk,
}

impl Expect {
    /// The bot should answer (or reply to small talk) rather than decline.
    #[must_use]
    pub fn in_scope(&self) -> bool {
        *self != Self::Decline
    }
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Answer(texts) => write!(f, "{texts:?}"),
            Self::Decline => f.write_str("a decline"),
            Self::SmallTalk => f.write_str("small talk"),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub q: String,
    #[serde(default = "decline", deserialize_with = "expectation")]
    pub expect: Expect,
    /// The entry that must rank first.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub forbid: Vec<String>,
}

/// One item of a question set: a question, or a conversation of several.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Item {
    Conversation { turns: Vec<Case> },
    Question(Case),
}

impl Item {
    /// The item's questions, in order.
    #[must_use]
    pub fn cases(&self) -> &[Case] {
        match self {
            Self::Conversation { turns } => turns,
            Self::Question(case) => std::slice::from_ref(case),
        }
    }
}

fn decline() -> Expect {
    Expect::Decline
}

fn expectation<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Expect, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Word(String),
        List(Vec<String>),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Word(w) if w == "none" => Expect::Decline,
        Raw::Word(w) if w == "smalltalk" => Expect::SmallTalk,
        Raw::Word(w) => Expect::Answer(vec![w]),
        Raw::List(l) => Expect::Answer(l),
    })
}

/// One case that did not pass, with what the bot did instead.
#[derive(Debug, Clone)]
pub struct Failure {
    pub case: Case,
    pub got: String,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub in_scope: usize,
    pub in_scope_passed: usize,
    pub out_of_scope: usize,
    pub declined: usize,
    pub failures: Vec<Failure>,
}

impl Report {
    #[must_use]
    pub fn in_scope_accuracy(&self) -> f64 {
        ratio(self.in_scope_passed, self.in_scope)
    }

    #[must_use]
    pub fn decline_rate(&self) -> f64 {
        ratio(self.declined, self.out_of_scope)
    }

    #[must_use]
    pub fn overall(&self) -> f64 {
        // An empty set has not shown anything: it passes nothing.
        if self.in_scope + self.out_of_scope == 0 {
            return 0.0;
        }
        ratio(
            self.in_scope_passed + self.declined,
            self.in_scope + self.out_of_scope,
        )
    }
}

/// The report `rescbot eval` prints: each failure, then the three rates.
impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for failure in &self.failures {
            writeln!(
                f,
                "FAIL {:?}: expected {}, {}",
                failure.case.q, failure.case.expect, failure.got
            )?;
        }
        writeln!(
            f,
            "in-scope accuracy:      {:.3} ({}/{})",
            self.in_scope_accuracy(),
            self.in_scope_passed,
            self.in_scope
        )?;
        writeln!(
            f,
            "out-of-scope declined:  {:.3} ({}/{})",
            self.decline_rate(),
            self.declined,
            self.out_of_scope
        )?;
        writeln!(
            f,
            "overall pass rate:      {:.3} ({} cases)",
            self.overall(),
            self.in_scope + self.out_of_scope
        )
    }
}

#[allow(clippy::cast_precision_loss)] // question sets are small
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Parses a question set.
///
/// # Errors
/// The text is not a list of cases and conversations.
pub fn parse(text: &str) -> Result<Vec<Item>, serde_yaml::Error> {
    serde_yaml::from_str(text)
}

/// Asks every question (each conversation's turns in order, as one person) and checks the
/// replies.
#[must_use]
pub fn run(matcher: &Matcher, items: &[Item]) -> Report {
    let mut report = Report::default();
    for item in items {
        // A conversation of its own for each item: no context carries over between items.
        let conversations = Conversations::new(
            Duration::from_secs(600),
            1,
            Arc::new(ManualClock::default()),
        );
        for case in item.cases() {
            let reply = match item {
                Item::Conversation { .. } => conversations.ask(matcher, "eval", &case.q).reply,
                Item::Question(_) => matcher.ask(&case.q),
            };
            report.add(case, &reply);
        }
    }
    report
}

impl Report {
    /// Adds another report's counts and failures to this one.
    pub fn merge(&mut self, other: Self) {
        self.in_scope += other.in_scope;
        self.in_scope_passed += other.in_scope_passed;
        self.out_of_scope += other.out_of_scope;
        self.declined += other.declined;
        self.failures.extend(other.failures);
    }

    fn add(&mut self, case: &Case, reply: &Reply) {
        let passed = match &case.id {
            Some(id) => reply.candidates.first().is_some_and(|c| &c.id == id),
            None => expected(&case.expect, &case.forbid, &reply.outcome),
        };
        let in_scope = case.id.is_some() || case.expect.in_scope();
        match (in_scope, passed) {
            (false, true) => self.declined += 1,
            (true, true) => self.in_scope_passed += 1,
            _ => {}
        }
        if in_scope {
            self.in_scope += 1;
        } else {
            self.out_of_scope += 1;
        }
        if !passed {
            let got = match &reply.outcome {
                Outcome::Answered { id, .. } => {
                    format!("answered `{id}` (score {:.2})", reply.score)
                }
                Outcome::SmallTalk { id, .. } => format!("small talk `{id}`"),
                _ => format!(
                    "declined (best {} at {:.2})",
                    reply.candidates.first().map_or("none", |c| c.id.as_str()),
                    reply.score
                ),
            };
            self.failures.push(Failure {
                case: case.clone(),
                got,
            });
        }
    }
}

/// What the answer/decline model is fitted on: for each question decided on an entry's score,
/// what the matcher measured of its best entry and of its runner-up, each with whether
/// answering with that entry would have passed.
#[derive(Debug, Default)]
pub struct Samples {
    pub best: Vec<(Features, bool)>,
    pub runner_up: Vec<(Features, bool)>,
}

impl Samples {
    pub fn extend(&mut self, other: Samples) {
        self.best.extend(other.best);
        self.runner_up.extend(other.runner_up);
    }
}

/// The [`Samples`] of the questions in `items` (conversations and questions for an entry named
/// by id are left out).
#[must_use]
pub fn decision_samples(matcher: &Matcher, items: &[Item]) -> Samples {
    let mut samples = Samples::default();
    let cases = items.iter().filter_map(|item| match item {
        Item::Question(case) if case.id.is_none() => Some(case),
        _ => None,
    });
    for case in cases {
        let reply = matcher.ask(&case.q);
        if reply.decision.by != "faq" {
            continue;
        }
        let right = |n: usize| {
            matches!(case.expect, Expect::Answer(_))
                && reply
                    .candidates
                    .get(n)
                    .and_then(|c| matcher.entry(&c.id))
                    .is_some_and(|e| {
                        expected(
                            &case.expect,
                            &case.forbid,
                            &Outcome::Answered {
                                id: e.id.clone(),
                                question: e.question.clone(),
                                answer: e.answer.clone(),
                            },
                        )
                    })
        };
        if let Some(f) = reply.decision.features {
            samples.best.push((f, right(0)));
        }
        if let Some(f) = reply.decision.runner_up_features {
            samples.runner_up.push((f, right(1)));
        }
    }
    samples
}

/// Calls `f` with each group of `items` and the matcher to ask them of afresh: the FAQ without
/// the phrasing nearest to the group's question, in the entry that question matches best. A
/// question the FAQ was worded after then meets the FAQ as a new wording of it would, which is
/// what scores on questions no one has tuned for are like. Questions to decline, conversations,
/// and questions whose entry has one phrasing are asked of the FAQ as it is, as they would be
/// in use.
pub fn afresh<T>(
    matcher: &Matcher,
    items: &[Item],
    mut f: impl FnMut(&Matcher, &[Item]) -> T,
) -> Vec<T> {
    let mut groups: std::collections::BTreeMap<Option<(usize, usize)>, Vec<Item>> =
        std::collections::BTreeMap::new();
    for item in items {
        let nearest = match item {
            Item::Question(case)
                if matches!(case.expect, Expect::Answer(_)) && case.id.is_none() =>
            {
                nearest_phrasing(matcher, &case.q)
            }
            _ => None,
        };
        groups.entry(nearest).or_default().push(item.clone());
    }
    groups
        .into_iter()
        .map(|(nearest, items)| match nearest {
            Some((entry, phrasing)) => f(&matcher.without_phrasing(entry, phrasing), &items),
            None => f(matcher, &items),
        })
        .collect()
}

/// The entry `question` matches best and its phrasing sharing the largest part of their terms
/// with it, when the entry has another phrasing to fall back on.
fn nearest_phrasing(matcher: &Matcher, question: &str) -> Option<(usize, usize)> {
    let reply = matcher.ask(question);
    let id = &reply.candidates.first()?.id;
    let entry = matcher.faq().entries.iter().position(|e| &e.id == id)?;
    let terms = |text: &str| -> std::collections::BTreeSet<String> {
        matcher.tokens(text).into_iter().map(|t| t.term).collect()
    };
    let asked = terms(question);
    let phrasings: Vec<&str> = matcher.faq().entries[entry].phrasings().collect();
    if phrasings.len() < 2 {
        return None;
    }
    #[allow(clippy::cast_precision_loss)] // a phrasing has few terms
    let overlap = |p: &str| {
        let p = terms(p);
        let shared = asked.intersection(&p).count();
        shared as f32 / (asked.len() + p.len() - shared).max(1) as f32
    };
    let mut best = (0, f32::MIN);
    for (n, p) in phrasings.iter().enumerate() {
        let o = overlap(p);
        if o > best.1 {
            best = (n, o);
        }
    }
    Some((entry, best.0))
}

fn expected(expect: &Expect, forbid: &[String], outcome: &Outcome) -> bool {
    match (expect, outcome) {
        (Expect::Decline, Outcome::Answered { .. }) => false,
        (Expect::Decline, _) | (Expect::SmallTalk, Outcome::SmallTalk { .. }) => true,
        (Expect::Answer(expect), Outcome::Answered { answer, .. }) => {
            let answer = answer.to_lowercase();
            expect.iter().all(|x| answer.contains(&x.to_lowercase()))
                && !forbid.iter().any(|x| answer.contains(&x.to_lowercase()))
        }
        _ => false,
    }
}
