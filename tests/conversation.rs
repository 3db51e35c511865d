//! Follow-ups: what a message means after the same person's earlier questions.

mod common;

use std::sync::Arc;
use std::time::Duration;

use rescbot::conversation::{Conversations, ManualClock};
use rescbot::Outcome;

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

/// Asks `history` and then `follow_up` as one person, and checks the answer to the follow-up
/// contains all of `expect` and none of `forbid`.
fn read_after(history: &[&str], follow_up: &str, expect: &[&str], forbid: &[&str]) {
    let m = common::shared_shipped_matcher();
    let c = conversations();
    for q in history {
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

common::cases! {
    /// Earlier questions, the follow-up, texts the answer must contain, texts it must not.
    follow_ups_are_read_in_the_light_of_the_last_question(read_after) {
        and_crec: (&["who leads ACES?"], "and CREC?", &["Florio"], &["Danehy"]),
        what_about_eastconn: (
            &["who leads ACES?"],
            "what about EASTCONN",
            &["Protulis"],
            &["Danehy"],
        ),
        is_she_a_doctor: (
            &["Who leads LEARN?"],
            "is she a doctor?",
            &["Kate Ericson"],
            &["Florio"],
        ),
        is_he_a_doctor: (
            &["who runs CREC"],
            "is he a doctor?",
            &["Florio", "Dr."],
            &["Ericson"],
        ),
        full_name_of_the_edadvance_leader: (
            &["who leads EdAdvance?"],
            "full name?",
            &["Jeffrey Kitching"],
            &["Ericson"],
        ),
        title: (
            &["who leads LEARN"],
            "title?",
            &["Executive Director"],
            &["Protulis"],
        ),
        who_runs_it: (
            &["what is LEARN?"],
            "who runs it?",
            &["Ericson"],
            &["Protulis"],
        ),
        when_did_the_alliance_start: (
            &["What is the RESC Alliance?"],
            "when did it start?",
            &["1990s"],
            &["1972"],
        ),
        when_did_rescs_start: (&["What is a RESC?"], "when did it start?", &["1972"], &[]),
        when_was_the_accord_signed: (
            &["what is the RESC Alliance Accord?"],
            "when was that signed?",
            &["2021"],
            &[],
        ),
        a_follow_up_of_a_follow_up: (
            &["who leads ACES?", "and CREC?"],
            "is he a doctor?",
            &["Florio"],
            &["Danehy"],
        ),
        misspelled_names: (
            &["who's the head of Eastcon"],
            "and Aces?",
            &["Danehy"],
            &["Protulis"],
        ),
        one_of_two_rescs_asked_before: (
            &["Who leads CES and EdAdvance?"],
            "And CREC?",
            &["Florio"],
            &["Dumais", "Kitching"],
        ),
        full_name_of_the_crec_leader: (
            &["CREC exec director?"],
            "full name?",
            &["Greg J. Florio"],
            &[],
        ),
        // A question that stands on its own ignores what came before.
        a_question_that_stands_on_its_own: (
            &["who leads ACES?"],
            "What is the RESC Alliance?",
            &["1990s"],
            &["Danehy"],
        ),
        a_new_question_after_another_topic: (
            &["What is the RESC Alliance?"],
            "who leads LEARN?",
            &["Ericson"],
            &[],
        ),
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
