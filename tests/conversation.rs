//! Follow-ups: what a message means after the same person's earlier questions.

mod common;

use std::sync::Arc;
use std::time::Duration;

use rescbot::conversation::{Conversations, ManualClock};
use rescbot::Outcome;

/// Earlier questions, the follow-up, texts the answer must contain, texts it must not.
type Case = (
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const CASES: &[Case] = &[
    (&["who leads ACES?"], "and CREC?", &["Florio"], &["Danehy"]),
    (
        &["who leads ACES?"],
        "what about EASTCONN",
        &["Protulis"],
        &["Danehy"],
    ),
    (
        &["Who leads LEARN?"],
        "is she a doctor?",
        &["Kate Ericson"],
        &["Florio"],
    ),
    (
        &["who runs CREC"],
        "is he a doctor?",
        &["Florio", "Dr."],
        &["Ericson"],
    ),
    (
        &["who leads EdAdvance?"],
        "full name?",
        &["Jeffrey Kitching"],
        &["Ericson"],
    ),
    (
        &["who leads LEARN"],
        "title?",
        &["Executive Director"],
        &["Protulis"],
    ),
    (
        &["what is LEARN?"],
        "who runs it?",
        &["Ericson"],
        &["Protulis"],
    ),
    (
        &["What is the RESC Alliance?"],
        "when did it start?",
        &["1990s"],
        &["1972"],
    ),
    (&["What is a RESC?"], "when did it start?", &["1972"], &[]),
    (
        &["what is the RESC Alliance Accord?"],
        "when was that signed?",
        &["2021"],
        &[],
    ),
    (
        &["who leads ACES?", "and CREC?"],
        "is he a doctor?",
        &["Florio"],
        &["Danehy"],
    ),
    (
        &["who's the head of Eastcon"],
        "and Aces?",
        &["Danehy"],
        &["Protulis"],
    ),
    (
        &["Who leads CES and EdAdvance?"],
        "And CREC?",
        &["Florio"],
        &["Dumais", "Kitching"],
    ),
    (
        &["CREC exec director?"],
        "full name?",
        &["Greg J. Florio"],
        &[],
    ),
    // A question that stands on its own ignores what came before.
    (
        &["who leads ACES?"],
        "What is the RESC Alliance?",
        &["1990s"],
        &["Danehy"],
    ),
    (
        &["What is the RESC Alliance?"],
        "who leads LEARN?",
        &["Ericson"],
        &[],
    ),
];

fn conversations() -> Conversations {
    Conversations::new(
        Duration::from_secs(600),
        100,
        Arc::new(ManualClock::default()),
    )
}

fn answer(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Answered { answer, .. } => answer,
        _ => "",
    }
}

#[test]
fn follow_ups_are_read_in_the_light_of_the_last_question() {
    let m = common::shipped_matcher();
    for (history, follow_up, expect, forbid) in CASES {
        let c = conversations();
        for q in *history {
            c.ask(&m, "someone", q);
        }
        let turn = c.ask(&m, "someone", follow_up);
        let got = answer(&turn.reply.outcome);
        assert!(
            expect.iter().all(|x| got.contains(x)) && !forbid.iter().any(|x| got.contains(x)),
            "after {history:?}, {follow_up:?} was read as {:?} and got {:?}",
            turn.resolved,
            turn.reply.outcome
        );
    }
}

#[test]
fn a_follow_up_without_context_is_asked_on_its_own() {
    let m = common::shipped_matcher();
    let c = conversations();
    c.ask(&m, "someone", "who leads LEARN?");
    let turn = c.ask(&m, "someone else", "full name?");
    assert_eq!(turn.resolved, None);
    assert!(!answer(&turn.reply.outcome).contains("Ericson"));
}

#[test]
fn small_talk_leaves_the_context_as_it_was() {
    let m = common::shipped_matcher();
    let c = conversations();
    c.ask(&m, "someone", "who leads LEARN?");
    assert!(matches!(
        c.ask(&m, "someone", "thanks!").reply.outcome,
        Outcome::SmallTalk { .. }
    ));
    assert!(answer(&c.ask(&m, "someone", "full name?").reply.outcome).contains("Kate Ericson"));
}

#[test]
fn contexts_expire_and_the_store_forgets_the_least_recent_asker_first() {
    let m = common::shipped_matcher();
    let clock = Arc::new(ManualClock::default());
    let c = Conversations::new(Duration::from_secs(600), 2, clock.clone());
    c.ask(&m, "a", "who leads LEARN?");
    c.ask(&m, "b", "who leads CREC?");
    c.ask(&m, "c", "who leads ACES?");
    assert_eq!(c.len(), 2);
    assert!(c.get("a").is_none(), "the least recent asker is forgotten");
    assert!(c.get("b").is_some() && c.get("c").is_some());
    clock.advance(Duration::from_secs(601));
    assert!(
        c.get("b").is_none(),
        "a context older than the limit is gone"
    );
}
