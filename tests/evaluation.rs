//! The quality bar: the shipped FAQ passes the project's question sets.

mod common;

use rescbot::eval;

#[test]
fn shipped_faq_passes_at_least_95_percent_of_the_evaluation_sets() {
    let m = common::shipped_matcher();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        cases.extend(eval::parse(&std::fs::read_to_string(&path).unwrap()).unwrap());
    }
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    let report = eval::run(&m, &cases);
    let failures: Vec<String> = report
        .failures
        .iter()
        .map(|f| format!("{:?}: {}", f.case.q, f.got))
        .collect();
    assert!(
        report.overall() >= 0.95,
        "overall {:.3}; failures:\n{}",
        report.overall(),
        failures.join("\n")
    );
    assert!(report.out_of_scope > 20 && report.in_scope > 100);
}
