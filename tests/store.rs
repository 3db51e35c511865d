//! The FAQ store: reloads swap in a whole valid FAQ or nothing, and readers never see a mix.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use rescbot::store::{FaqStore, ReloadOutcome};
use rescbot::MatchConfig;

/// Generous: only a guard against a test hanging forever, never a measured duration.
const TIMEOUT: Duration = Duration::from_secs(20);

const WALRUS: &str = "entries:
  - id: walrus-policy
    question: What is the blue walrus policy?
    answer: Blue walruses are welcome at every RESC.
";

fn open(dir: &std::path::Path) -> Arc<FaqStore> {
    Arc::new(FaqStore::open(dir, MatchConfig::default()).expect("the shipped FAQ loads"))
}

#[test]
fn a_saved_file_goes_live_through_the_watcher() {
    let dir = common::shipped_faq_copy();
    let store = open(dir.path());
    let (tx, rx) = mpsc::channel();
    let _watcher = Arc::clone(&store).watch(Duration::from_millis(200), move |outcome| {
        let _ = tx.send(outcome);
    });
    assert_eq!(
        store
            .matcher()
            .ask("What is the blue walrus policy?")
            .answer_id(),
        None
    );
    std::fs::write(dir.path().join("walrus.yaml"), WALRUS).unwrap();
    // The watcher reports once the reloaded FAQ is live.
    let outcome = rx.recv_timeout(TIMEOUT).expect("the watcher reports");
    assert_eq!(
        store
            .matcher()
            .ask("What is the blue walrus policy?")
            .answer_id(),
        Some("walrus-policy"),
        "the new entry is answered"
    );
    let ReloadOutcome::Reloaded(summary) = outcome else {
        panic!("refused: {outcome}")
    };
    assert_eq!(summary.added, vec!["walrus-policy".to_owned()]);
    assert!(
        summary.to_string().contains("added `walrus-policy`"),
        "{summary}"
    );
}

#[test]
fn an_invalid_edit_is_refused_whole_and_the_old_answers_keep_coming() {
    let dir = common::shipped_faq_copy();
    let store = open(dir.path());
    let (tx, rx) = mpsc::channel();
    let _watcher = Arc::clone(&store).watch(Duration::from_millis(200), move |outcome| {
        let _ = tx.send(outcome);
    });
    let before = store.matcher().faq().entries.len();
    // A valid new entry and a broken one in the same save: neither may go live.
    let broken = format!("{WALRUS}  - id: broken\n    question: Is this broken?\n    answer: ''\n");
    std::fs::write(dir.path().join("walrus.yaml"), broken).unwrap();

    let outcome = rx.recv_timeout(TIMEOUT).expect("the watcher reports");
    let ReloadOutcome::Refused(errors) = outcome else {
        panic!("accepted a broken file: {outcome}")
    };
    let error = &errors.0[0];
    assert!(error.file.ends_with("walrus.yaml"), "{error}");
    assert_eq!(
        (error.line, error.entry.as_deref()),
        (7, Some("broken")),
        "{error}"
    );
    assert!(error.column > 0, "{error}");

    let matcher = store.matcher();
    assert_eq!(matcher.faq().entries.len(), before);
    assert_eq!(
        matcher.ask("What is the RESC Alliance?").answer_id(),
        Some("what-is-the-resc-alliance")
    );
    assert_eq!(
        matcher.ask("What is the blue walrus policy?").answer_id(),
        None
    );
    // The same refusal from a reload asked for directly.
    assert_eq!(store.reload().unwrap_err(), errors);
}

#[test]
fn questions_answered_during_many_reloads_always_see_a_whole_faq() {
    let dir = common::shipped_faq_copy();
    let store = open(dir.path());
    let base = store.matcher().faq().entries.len();
    let two = format!(
        "{WALRUS}  - id: walrus-food\n    question: What do blue walruses eat?\n    answer: Clams.\n"
    );
    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let store = Arc::clone(&store);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut asked = 0;
                while !stop.load(Ordering::Relaxed) || asked == 0 {
                    let matcher = store.matcher();
                    let faq = matcher.faq();
                    let walruses = ["walrus-policy", "walrus-food"]
                        .iter()
                        .filter(|id| faq.entry(id).is_some())
                        .count();
                    assert!(
                        (walruses == 0 && faq.entries.len() == base)
                            || (walruses == 2 && faq.entries.len() == base + 2),
                        "a mixed FAQ: {walruses} walrus entries of {}",
                        faq.entries.len()
                    );
                    assert_eq!(
                        matcher.ask("What is the RESC Alliance?").answer_id(),
                        Some("what-is-the-resc-alliance")
                    );
                    asked += 1;
                }
                asked
            })
        })
        .collect();
    let file = dir.path().join("walrus.yaml");
    for round in 0..30 {
        if round % 2 == 0 {
            std::fs::write(&file, &two).unwrap();
        } else {
            std::fs::remove_file(&file).unwrap();
        }
        store.reload().expect("every version is valid");
    }
    stop.store(true, Ordering::Relaxed);
    for reader in readers {
        assert!(reader.join().expect("no reader failed") > 0);
    }
}

#[test]
fn reload_summary_names_what_changed() {
    let dir = common::shipped_faq_copy();
    let store = open(dir.path());
    let summary = store.reload().unwrap();
    assert!(summary.is_unchanged());
    assert!(
        summary.to_string().ends_with("nothing changed"),
        "{summary}"
    );

    let path = dir.path().join("alliance.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "Can my district use resources from any RESC?",
            "Can we use any RESC?",
        ),
    )
    .unwrap();
    std::fs::write(dir.path().join("walrus.yaml"), WALRUS).unwrap();
    let summary = store.reload().unwrap();
    assert_eq!(summary.added, vec!["walrus-policy".to_owned()]);
    assert_eq!(summary.changed, vec!["alliance-access".to_owned()]);
    assert!(summary.removed.is_empty());
    assert_eq!(summary.entries, store.matcher().faq().entries.len());
}

#[test]
fn hidden_and_temporary_files_are_not_read() {
    let dir = common::shipped_faq_copy();
    std::fs::write(dir.path().join(".half-written.yaml"), "entries: [").unwrap();
    std::fs::write(dir.path().join(".alliance.yaml.tmp"), "entries: [").unwrap();
    assert!(FaqStore::open(dir.path(), MatchConfig::default()).is_ok());
}

/// What a reload changed is worked out by id lookups, not by scanning the old FAQ once per
/// entry: at 200,000 entries a scan per entry takes minutes, a lookup per entry milliseconds.
#[test]
fn the_change_summary_of_a_large_faq_is_linear() {
    let entry = |i: usize, answer: &str| rescbot::faq::Entry {
        id: format!("entry-{i}"),
        question: format!("Question number {i}?"),
        alternates: Vec::new(),
        answer: answer.to_owned(),
        tags: Vec::new(),
        origin: rescbot::faq::Origin::Directory,
    };
    let n = 200_000;
    let old = rescbot::faq::Faq {
        entries: (0..n).map(|i| entry(i, "old")).collect(),
        ..Default::default()
    };
    let mut new = old.clone();
    new.entries.remove(0);
    new.entries[10].answer = "new".to_owned();
    new.entries.push(entry(n, "added"));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(rescbot::store::ReloadSummary::between(&old, &new));
    });
    let summary = rx
        .recv_timeout(TIMEOUT)
        .expect("the summary of one change in 200,000 entries is quick");
    assert_eq!(summary.removed, ["entry-0"]);
    assert_eq!(summary.changed, ["entry-11"]);
    assert_eq!(summary.added, [format!("entry-{n}")]);
    assert_eq!(summary.entries, n);
}
