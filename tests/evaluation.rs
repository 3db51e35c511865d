//! The quality bar: the shipped FAQ passes the project's question sets.
//!
//! `tests/eval/` holds the public development set and the project's earlier sets;
//! `tests/pool/` holds the tuning pool: sets written by writers who saw only the About Us page,
//! each recorded in BENCHMARKS.md on its first run before it joined the pool.

mod common;

use rescbot::eval;

fn cases_in(folder: &str) -> Vec<eval::Item> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        cases.extend(eval::parse(&std::fs::read_to_string(&path).unwrap()).unwrap());
    }
    cases
}

fn failures(report: &eval::Report) -> String {
    report
        .failures
        .iter()
        .map(|f| format!("{:?}: {}", f.case.q, f.got))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn shipped_faq_passes_at_least_97_percent_of_the_evaluation_sets() {
    let m = common::shipped_matcher();
    let cases = cases_in("tests/eval");
    assert!(cases.len() >= 150, "only {} items", cases.len());
    let report = eval::run(&m, &cases);
    assert!(
        report.overall() >= 0.97,
        "overall {:.3}; failures:\n{}",
        report.overall(),
        failures(&report)
    );
    assert!(report.out_of_scope > 20 && report.in_scope > 100);
}

#[test]
fn shipped_faq_holds_its_level_on_the_tuning_pool() {
    let m = common::shipped_matcher();
    let cases = cases_in("tests/pool");
    assert!(cases.len() >= 700, "only {} items", cases.len());
    let report = eval::run(&m, &cases);
    // The level reached on the pool (0.957 overall, 0.977 declined on 173 sets; see
    // BENCHMARKS.md), less a small allowance: a change that loses ground on questions people
    // really wrote fails here.
    assert!(
        report.overall() >= 0.955 && report.decline_rate() >= 0.975,
        "overall {:.3}, in scope {:.3}, declined {:.3}; failures:\n{}",
        report.overall(),
        report.in_scope_accuracy(),
        report.decline_rate(),
        failures(&report)
    );
}

#[test]
fn conversations_are_followed() {
    let m = common::shipped_matcher();
    let items = cases_in("tests/conversations");
    assert!(items.len() >= 50, "only {} conversations", items.len());
    let report = eval::run(&m, &items);
    // The level reached on the three blind conversation sets together (0.907, see
    // BENCHMARKS.md), less a small allowance.
    assert!(
        report.overall() >= 0.89,
        "overall {:.3}; failures:\n{}",
        report.overall(),
        failures(&report)
    );
}

#[test]
fn asked_afresh_a_question_meets_the_faq_without_the_phrasing_written_after_it() {
    // "Who handles overdue fines?" is answered only through the alternate worded like it;
    // asked afresh, that alternate is gone, and the question is scored as a new wording would
    // be.
    let dir = common::faq_dir(&[(
        "library.yaml",
        "entries:
  - id: who-runs-the-library
    question: Who runs the Riverside Library?
    alternates: [Who handles overdue fines?]
    answer: Pat Lee is the head of the Riverside Library.
  - id: opening-hours
    question: When is the library open?
    answer: The library is open 8am to 6pm on weekdays.
",
    )]);
    let m = rescbot::Matcher::new(
        rescbot::load_dir(dir.path()).unwrap(),
        rescbot::MatchConfig::default(),
    );
    let cases = eval::parse(
        "- {q: Who handles overdue fines?, expect: Pat Lee}
- {q: When is the library open?, expect: 8am}
- {q: Who cleans the library?, expect: none}
",
    )
    .unwrap();
    let as_is = eval::run(&m, &cases);
    assert_eq!(as_is.in_scope_passed, 2, "{}", failures(&as_is));
    let mut afresh = eval::Report::default();
    for part in eval::afresh(&m, &cases, eval::run) {
        afresh.merge(part);
    }
    // The hours entry has one phrasing, which it keeps; the decline meets the whole FAQ.
    assert_eq!((afresh.in_scope, afresh.out_of_scope), (2, 1));
    assert_eq!(afresh.in_scope_passed, 1, "{}", failures(&afresh));
    assert!(afresh.failures[0].case.q.contains("fines"));
    assert_eq!(afresh.declined, as_is.declined);
}
