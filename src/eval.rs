//! Measuring the matcher on a question set.
//!
//! The format is a YAML list of `{q, expect, forbid}`: `expect` lists texts the answer must
//! contain (case-insensitive) or is `none` when the bot must decline; `forbid` lists texts the
//! answer must not contain. A case may instead give `id`, the entry that must rank first
//! (answered or not): the format of the synthetic query files, which measures top-1 accuracy.

use serde::Deserialize;

use crate::decision::Features;
use crate::matcher::{Matcher, Outcome};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub q: String,
    #[serde(default, deserialize_with = "expectation")]
    pub expect: Option<Vec<String>>,
    /// The entry that must rank first.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub forbid: Vec<String>,
}

fn expectation<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Word(String),
        List(Vec<String>),
    }
    match Raw::deserialize(d)? {
        Raw::Word(w) if w == "none" => Ok(None),
        Raw::Word(w) => Ok(Some(vec![w])),
        Raw::List(l) => Ok(Some(l)),
    }
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
/// The text is not a list of cases.
pub fn parse(text: &str) -> Result<Vec<Case>, serde_yaml::Error> {
    serde_yaml::from_str(text)
}

/// Asks every question and checks the replies.
#[must_use]
pub fn run(matcher: &Matcher, cases: &[Case]) -> Report {
    let mut report = Report::default();
    for case in cases {
        let reply = matcher.ask(&case.q);
        let passed = match (&case.id, &case.expect, &reply.outcome) {
            (Some(id), _, _) => reply.candidates.first().is_some_and(|c| &c.id == id),
            (None, expect, outcome) => expected(expect.as_ref(), &case.forbid, outcome),
        };
        let in_scope = case.id.is_some() || case.expect.is_some();
        match (in_scope, passed) {
            (false, true) => report.declined += 1,
            (true, true) => report.in_scope_passed += 1,
            _ => {}
        }
        if in_scope {
            report.in_scope += 1;
        } else {
            report.out_of_scope += 1;
        }
        if !passed {
            let got = match &reply.outcome {
                Outcome::Answered { id, .. } => {
                    format!("answered `{id}` (score {:.2})", reply.score)
                }
                _ => format!(
                    "declined (best {} at {:.2})",
                    reply.candidates.first().map_or("none", |c| c.id.as_str()),
                    reply.score
                ),
            };
            report.failures.push(Failure {
                case: case.clone(),
                got,
            });
        }
    }
    report
}

/// For fitting the answer/decline model: each question decided on an entry's score, with what
/// the matcher measured and whether answering with its best entry would have passed.
#[must_use]
pub fn decision_samples(matcher: &Matcher, cases: &[Case]) -> Vec<(Features, bool)> {
    cases
        .iter()
        .filter(|c| c.id.is_none())
        .filter_map(|case| {
            let reply = matcher.ask(&case.q);
            if reply.decision.by != "faq" {
                return None;
            }
            let features = reply.decision.features?;
            let best = matcher.entry(&reply.candidates.first()?.id)?;
            let right = case.expect.is_some()
                && expected(
                    case.expect.as_ref(),
                    &case.forbid,
                    &Outcome::Answered {
                        id: best.id.clone(),
                        question: best.question.clone(),
                        answer: best.answer.clone(),
                    },
                );
            Some((features, right))
        })
        .collect()
}

fn expected(expect: Option<&Vec<String>>, forbid: &[String], outcome: &Outcome) -> bool {
    match (expect, outcome) {
        (None, Outcome::Answered { .. }) => false,
        (None, _) => true,
        (Some(expect), Outcome::Answered { answer, .. }) => {
            let answer = answer.to_lowercase();
            expect.iter().all(|x| answer.contains(&x.to_lowercase()))
                && !forbid.iter().any(|x| answer.contains(&x.to_lowercase()))
        }
        (Some(_), _) => false,
    }
}
