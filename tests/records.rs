//! The question records: created on first use, grouped and dated right, nothing identifying
//! stored, clear errors for bad files, safe from several threads.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use rescbot::matcher::InputProblem;
use rescbot::records::{RecordError, Recorder, Source};
use rescbot::{Outcome, Reply};

const DAY: i64 = 86_400;

fn now() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap()
}

use common::{declined, reply};

fn answered(question: &str, id: &str) -> Reply {
    reply(
        question,
        Outcome::Answered {
            id: id.to_owned(),
            question: "q".to_owned(),
            answer: "a".to_owned(),
        },
    )
}

fn open(dir: &Path) -> Recorder {
    Recorder::open(&dir.join("data").join("rescbot.db")).unwrap()
}

#[test]
fn first_open_creates_the_folder_and_a_wal_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("rescbot.db");
    let recorder = Recorder::open(&path).unwrap();
    assert!(path.is_file());
    assert!(recorder.is_enabled());
    assert!(recorder.is_empty().unwrap());
    drop(recorder);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    // Opening again keeps what is there.
    Recorder::open(&path).unwrap();
}

#[test]
fn declined_and_thumbs_down_are_listed_grouped_most_frequent_first() {
    let dir = tempfile::tempdir().unwrap();
    let r = open(dir.path());
    let t = now();
    r.record_question_at(&declined("Where is the pool?"), Source::Dm, t - 60);
    r.record_question_at(&declined("where is the POOL"), Source::Channel, t - 30);
    r.record_question_at(&declined("  Where is the pool!!"), Source::Dm, t - 10);
    r.record_question_at(&declined("Who plays chess?"), Source::Channel, t - 20);
    r.record_question_at(&answered("What is LEARN?", "learn"), Source::Dm, t);
    r.record_feedback_at("What is LEARN?", "learn", false, Source::Dm, t - 5);
    r.record_feedback_at("what is learn", "learn", false, Source::Channel, t - 3);
    r.record_feedback_at("What is EASTCONN?", "eastconn", true, Source::Dm, t);
    // Too old for a 30-day list.
    for _ in 0..5 {
        r.record_question_at(&declined("old question"), Source::Dm, t - 40 * DAY);
    }
    r.record_feedback_at("old rating", "learn", false, Source::Dm, t - 40 * DAY);

    let list = r.unanswered(30, 20).unwrap();
    let summary: Vec<_> = list
        .iter()
        .map(|u| {
            (
                u.question.as_str(),
                u.count,
                u.declined,
                u.not_helpful,
                u.entry_id.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("where is the pool", 3, 3, 0, None),
            ("what is learn", 2, 0, 2, Some("learn")),
            ("who plays chess", 1, 1, 0, None),
        ]
    );
    assert_eq!(list[0].last_asked, t - 10);
    assert_eq!(r.unanswered(30, 1).unwrap().len(), 1);
    // A longer period brings the old ones back.
    let all = r.unanswered(60, 20).unwrap();
    assert_eq!(all[0].question, "old question");
    assert!(all.iter().any(|u| u.question == "old rating"));
}

#[test]
fn invalid_questions_are_not_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let r = open(dir.path());
    r.record_question(
        &reply("", Outcome::Invalid(InputProblem::Empty)),
        Source::Dm,
    );
    r.record_question(
        &reply(
            "x",
            Outcome::Invalid(InputProblem::TooLong { chars: 2, max: 1 }),
        ),
        Source::Dm,
    );
    r.record_question(&declined("?!"), Source::Dm);
    assert!(r.is_empty().unwrap());
    assert_eq!(r.stats(30).unwrap().asked, 0);
}

#[test]
fn stats_compute_the_answer_rate_feedback_and_top_entries() {
    let dir = tempfile::tempdir().unwrap();
    let r = open(dir.path());
    let t = now();
    for _ in 0..3 {
        r.record_question_at(&answered("what is learn", "learn"), Source::Dm, t);
    }
    r.record_question_at(&answered("who leads ces", "ces"), Source::Channel, t);
    r.record_question(&declined("where is the pool"), Source::Terminal);
    r.record_question(&declined("what is lunch"), Source::Dm);
    r.record_question_at(&answered("old", "old-entry"), Source::Dm, t - 10 * DAY);
    r.record_feedback("what is learn", "learn", true, Source::Dm);
    r.record_feedback("what is learn", "learn", true, Source::Dm);
    r.record_feedback("who leads ces", "ces", false, Source::Dm);

    let s = r.stats(7).unwrap();
    assert_eq!((s.asked, s.answered), (6, 4));
    assert!((s.answer_rate - 4.0 / 6.0).abs() < 1e-9);
    assert_eq!((s.helpful, s.not_helpful), (2, 1));
    assert_eq!(
        s.top_entries,
        [("learn".to_owned(), 3), ("ces".to_owned(), 1)]
    );
    let s = r.stats(30).unwrap();
    assert_eq!((s.asked, s.answered), (7, 5));
    let empty = Recorder::open(&dir.path().join("other.db")).unwrap();
    assert!(empty.stats(30).unwrap().answer_rate.abs() < f64::EPSILON);
}

#[test]
fn nothing_identifying_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let r = Recorder::open(&path).unwrap();
    r.record_question(&declined("Where is the pool?"), Source::Dm);
    r.record_feedback("Where is the pool?", "pools", false, Source::Channel);
    drop(r);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut columns = Vec::new();
    for table in ["questions", "feedback"] {
        let mut s = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        let names: Vec<String> = s
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        columns.push((table, names));
    }
    assert_eq!(
        columns,
        [
            (
                "questions",
                ["id", "asked_at", "question", "entry_id", "source"]
                    .map(String::from)
                    .to_vec()
            ),
            (
                "feedback",
                ["id", "given_at", "question", "entry_id", "helpful", "source"]
                    .map(String::from)
                    .to_vec()
            ),
        ]
    );
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(tables, ["feedback", "questions"]);
    let stored: (String, String) = conn
        .query_row("SELECT question, source FROM questions", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(stored, ("where is the pool".to_owned(), "dm".to_owned()));
}

#[test]
fn a_corrupt_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rescbot.db");
    std::fs::write(&path, vec![0x5a_u8; 8192]).unwrap();
    let err = Recorder::open(&path).unwrap_err();
    assert!(matches!(err, RecordError::Corrupt { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains(&path.display().to_string()) && message.contains("move it aside"),
        "{message}"
    );
}

#[test]
fn a_folder_path_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = Recorder::open(dir.path()).unwrap_err();
    assert!(matches!(err, RecordError::IsDirectory { .. }), "{err:?}");
    assert!(err.to_string().contains("records.path"), "{err}");
}

#[test]
fn a_folder_that_cannot_be_created_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let err = Recorder::open(&file.join("rescbot.db")).unwrap_err();
    assert!(matches!(err, RecordError::Folder { .. }), "{err:?}");
    assert!(err.to_string().contains("records.path"), "{err}");
}

#[test]
fn a_disabled_recorder_records_nothing() {
    let r = Recorder::disabled();
    assert!(!r.is_enabled());
    r.record_question(&declined("where is the pool"), Source::Dm);
    r.record_feedback("where is the pool", "pools", false, Source::Dm);
    assert!(r.unanswered(30, 20).unwrap().is_empty());
    assert_eq!(r.stats(30).unwrap().asked, 0);
    assert!(r.is_empty().unwrap());
    let off = rescbot::config::RecordsConfig {
        enabled: false,
        ..Default::default()
    };
    assert!(!Recorder::from_config(&off).is_enabled());
}

#[test]
fn several_threads_record_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let r = Arc::new(open(dir.path()));
    let threads: Vec<_> = (0..4)
        .map(|n| {
            let r = Arc::clone(&r);
            std::thread::spawn(move || {
                for i in 0..50 {
                    r.record_question(&declined(&format!("question {}", i % 5)), Source::Dm);
                    r.record_feedback("what is learn", "learn", n % 2 == 0, Source::Channel);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(r.stats(1).unwrap().asked, 200);
    let s = r.stats(1).unwrap();
    assert_eq!((s.helpful, s.not_helpful), (100, 100));
    let list = r.unanswered(1, 20).unwrap();
    assert_eq!(list.len(), 6);
    assert_eq!(list[0].count, 100);
}

fn rescbot_faq(dir: &Path, args: &[&str]) -> std::process::Output {
    let config = dir.join("rescbot.yaml");
    let db = dir.join("records").join("rescbot.db");
    std::fs::write(
        &config,
        format!("records:\n  path: {:?}\n", db.display().to_string()),
    )
    .unwrap();
    Command::new(env!("CARGO_BIN_EXE_rescbot"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--config")
        .arg(&config)
        .arg("faq")
        .args(args)
        .output()
        .unwrap()
}

/// Runs `rescbot faq <args>` on a fresh path: it says nothing is recorded yet, and looking
/// does not create a database.
fn nothing_recorded_yet(args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let out = rescbot_faq(dir.path(), args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{args:?}: {out:?}");
    assert!(
        stdout.contains("nothing recorded yet"),
        "{args:?}: {stdout}"
    );
    assert!(!dir.path().join("records").exists());
}

common::cases! {
    cli_on_a_fresh_path_says_nothing_recorded_yet(nothing_recorded_yet) {
        unanswered: (&["unanswered"]),
        stats: (&["stats", "--days", "7"]),
    }
}

#[test]
fn cli_lists_unanswered_questions_with_the_nearest_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("records").join("rescbot.db");
    let r = Recorder::open(&db).unwrap();
    r.record_question(&declined("Who leads LEARN really?"), Source::Dm);
    r.record_question(&declined("who leads learn really"), Source::Dm);
    r.record_question(&answered("What is a RESC?", "what-is-a-resc"), Source::Dm);
    r.record_feedback("What is a RESC?", "what-is-a-resc", false, Source::Channel);
    drop(r);
    let out = rescbot_faq(dir.path(), &["unanswered", "--days", "7"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("who leads learn really"), "{stdout}");
    assert!(stdout.contains("not helpful"), "{stdout}");
    assert!(stdout.contains("nearest:"), "{stdout}");
    let out = rescbot_faq(dir.path(), &["stats"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("what-is-a-resc"), "{stdout}");
}

/// A database locked by another process never makes recording wait: records queue up, the
/// ones beyond the queue are dropped and counted, and the rest are written once it is free.
#[test]
fn a_locked_database_drops_records_instead_of_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let r = Recorder::open(&path).unwrap();
    let lock = rusqlite::Connection::open(&path).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE; INSERT INTO questions (asked_at, question, source) VALUES (0, 'held', 'dm');")
        .unwrap();
    let n = 5_000;
    for i in 0..n {
        r.record_question(&declined(&format!("question number {i}")), Source::Dm);
    }
    let dropped = r.dropped();
    assert!(dropped > 0 && dropped < n, "dropped {dropped} of {n}");
    lock.execute_batch("ROLLBACK").unwrap();
    let stats = r.stats(1).unwrap();
    assert_eq!(stats.asked, n - dropped);
}

#[test]
fn small_talk_is_recorded_as_small_talk_not_as_unanswered() {
    let dir = tempfile::tempdir().unwrap();
    let r = open(dir.path());
    let m = common::shipped_matcher();
    r.record_question(&m.ask("thanks!"), Source::Dm);
    r.record_question(&m.ask("what's the wifi password"), Source::Dm);
    let unanswered = r.unanswered(1, 10).unwrap();
    assert_eq!(unanswered.len(), 1, "{unanswered:?}");
    assert_eq!(unanswered[0].question, "what is the wifi password");
    let stats = r.stats(1).unwrap();
    assert_eq!(stats.asked, 2);
    assert!(
        stats
            .top_entries
            .iter()
            .any(|(id, _)| id == "smalltalk:thanks"),
        "{stats:?}"
    );
}
