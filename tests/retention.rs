//! Old records and surplus backups are deleted at start and once a day, so the disk does not
//! fill; the time is a controlled clock, never the machine's.

mod common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::declined;
use rescbot::config::FaqConfig;
use rescbot::records::{Recorder, Source};
use rescbot::retention::{prune, prune_daily, Pruned, EVERY};
use rescbot::store::FaqStore;
use rescbot::MatchConfig;

const DAY: i64 = 86_400;
/// 2026-11-29T00:00:00Z.
const NOW: i64 = 1_796_083_200;

fn at(unix: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(u64::try_from(unix).unwrap())
}

struct Fixture {
    faq: tempfile::TempDir,
    _data: tempfile::TempDir,
    store: Arc<FaqStore>,
    recorder: Arc<Recorder>,
}

fn fixture(keep_backups: usize) -> Fixture {
    let faq = common::shipped_faq_copy();
    let data = tempfile::tempdir().unwrap();
    let config = FaqConfig {
        audit_log: data.path().join("audit.jsonl"),
        keep_backups,
        ..FaqConfig::default()
    };
    let store = FaqStore::open_with(faq.path(), MatchConfig::default(), config).unwrap();
    let recorder = Recorder::open(&data.path().join("rescbot.db")).unwrap();
    Fixture {
        faq,
        _data: data,
        store: Arc::new(store),
        recorder: Arc::new(recorder),
    }
}

fn unanswered(recorder: &Recorder) -> Vec<String> {
    let mut questions: Vec<String> = recorder
        .unanswered(100_000, 100)
        .unwrap()
        .into_iter()
        .map(|u| u.question)
        .collect();
    questions.sort();
    questions
}

/// The name of the `n`th oldest backup of `file`.
fn backup_name(file: &str, n: usize) -> String {
    format!("{file}.20260101T0000{:02}.{:03}Z.bak", n / 1000, n % 1000)
}

#[test]
fn records_older_than_keep_days_and_surplus_backups_are_deleted() {
    let f = fixture(50);
    f.recorder
        .record_question_at(&declined("old pool question"), Source::Dm, NOW - 400 * DAY);
    f.recorder.record_question_at(
        &declined("recent gym question"),
        Source::Dm,
        NOW - 300 * DAY,
    );
    f.recorder.record_feedback_at(
        "old rating",
        "what-is-a-resc",
        false,
        Source::Dm,
        NOW - 366 * DAY,
    );
    let backups = f.faq.path().join(".backups");
    std::fs::create_dir_all(&backups).unwrap();
    for n in 0..60 {
        std::fs::write(backups.join(backup_name("alliance.yaml", n)), "old").unwrap();
    }
    for n in 0..3 {
        std::fs::write(backups.join(backup_name("rescs.yaml", n)), "old").unwrap();
    }
    std::fs::write(backups.join("notes.txt"), "a moderator's own file").unwrap();

    let pruned = prune(&f.store, &f.recorder, 365, at(NOW));
    assert_eq!(
        pruned,
        Pruned {
            records: 2,
            backups: 10
        }
    );
    assert_eq!(unanswered(&f.recorder), vec!["recent gym question"]);
    let left: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 50 + 3 + 1, "{left:?}");
    // The newest are kept.
    assert!(left.contains(&backup_name("alliance.yaml", 59)));
    assert!(!left.contains(&backup_name("alliance.yaml", 9)));
    assert!(left.contains(&backup_name("alliance.yaml", 10)));
    assert!(left.contains(&"notes.txt".to_owned()));

    // Nothing more to delete the second time.
    assert_eq!(
        prune(&f.store, &f.recorder, 365, at(NOW)),
        Pruned::default()
    );
}

#[test]
fn backups_made_by_edits_are_pruned_to_the_limit() {
    let f = fixture(2);
    for n in 0..4 {
        f.store
            .add_entry(
                &rescbot::edit::EntryDraft {
                    question: format!("What is walrus policy number {n}?"),
                    answer: "Welcome.".to_owned(),
                    ..rescbot::edit::EntryDraft::default()
                },
                "m",
            )
            .unwrap();
        // Backup stamps are to the millisecond.
        std::thread::sleep(Duration::from_millis(2));
    }
    let backups = f.faq.path().join(".backups");
    assert_eq!(std::fs::read_dir(&backups).unwrap().count(), 3);
    let pruned = prune(&f.store, &f.recorder, 365, SystemTime::now());
    assert_eq!(pruned.backups, 1);
    assert_eq!(std::fs::read_dir(&backups).unwrap().count(), 2);
}

#[tokio::test(start_paused = true)]
async fn pruning_runs_at_start_and_then_once_a_day() {
    let f = fixture(50);
    f.recorder
        .record_question_at(&declined("ten days old"), Source::Dm, NOW - 10 * DAY);
    let wall = Arc::new(AtomicI64::new(NOW));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let started = tokio::time::Instant::now();
    let task = tokio::spawn(prune_daily(
        Arc::clone(&f.store),
        Arc::clone(&f.recorder),
        30,
        {
            let wall = Arc::clone(&wall);
            move || at(wall.load(Ordering::SeqCst))
        },
        move |pruned| {
            let _ = tx.send((pruned, tokio::time::Instant::now()));
        },
    ));

    let (first, when) = rx.recv().await.unwrap();
    assert_eq!(first.records, 0, "ten days old is inside thirty");
    assert!(when - started < Duration::from_secs(1), "pruned at start");
    assert_eq!(unanswered(&f.recorder), vec!["ten days old"]);

    // A day later by the wall clock's reckoning, 25 days have passed.
    wall.store(NOW + 25 * DAY, Ordering::SeqCst);
    let (second, when) = rx.recv().await.unwrap();
    assert!(when - started >= EVERY, "the next pruning waits a day");
    assert_eq!(second.records, 1);
    assert!(unanswered(&f.recorder).is_empty());
    task.abort();
}
