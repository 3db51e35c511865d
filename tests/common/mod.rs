//! Fixture helpers shared by the integration tests.
#![allow(dead_code)] // each test file uses a different part

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rescbot::{load_dir, MatchConfig, Matcher};

/// The FAQ shipped in the repository.
pub fn shipped_faq_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("faq")
}

/// A matcher over the shipped FAQ with the default settings.
pub fn shipped_matcher() -> Matcher {
    shipped_matcher_with(MatchConfig::default())
}

/// A matcher over the shipped FAQ with the settings `config`.
pub fn shipped_matcher_with(config: MatchConfig) -> Matcher {
    let faq = load_dir(&shipped_faq_dir()).expect("the shipped FAQ loads");
    Matcher::new(faq, config)
}

/// [`shipped_matcher`], loaded once per test binary and shared by its tests (read-only).
pub fn shared_shipped_matcher() -> Arc<Matcher> {
    static MATCHER: OnceLock<Arc<Matcher>> = OnceLock::new();
    Arc::clone(MATCHER.get_or_init(|| Arc::new(shipped_matcher())))
}

/// A temporary FAQ folder holding `files` (name, contents).
pub fn faq_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write fixture");
    }
    dir
}

/// A temporary copy of the shipped FAQ, to edit in a test.
pub fn shipped_faq_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(shipped_faq_dir()).expect("faq dir") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    dir
}

/// One `#[test]` per case, so that a failing case does not hide the ones after it: a module
/// `$group` holding a test `$name` for each case that calls `$check` with the case's arguments.
///
/// ```ignore
/// common::cases! {
///     /// What the cases have in common.
///     answered_as_learn(check) {
///         misspelled: ("who leeds learn"),
///         shouted: ("WHO LEADS LEARN???"),
///     }
/// }
/// ```
#[allow(unused_macros)] // each test file uses a different part
macro_rules! cases {
    (
        $(#[$meta:meta])*
        $group:ident($check:expr) {
            $($name:ident: ($($arg:expr),* $(,)?)),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        mod $group {
            #[allow(unused_imports, clippy::wildcard_imports)]
            use super::*;

            $(
                #[test]
                fn $name() {
                    ($check)($($arg),*);
                }
            )+
        }
    };
}
#[allow(unused_imports)] // each test file uses a different part
pub(crate) use cases;

/// A reply of the engine to `question` with `outcome`, as the records and metrics see it.
pub fn reply(question: &str, outcome: rescbot::Outcome) -> rescbot::Reply {
    rescbot::Reply {
        question: question.to_owned(),
        outcome,
        score: 0.0,
        suggestions: Vec::new(),
        candidates: Vec::new(),
        terms: Vec::new(),
        decision: rescbot::matcher::Decision::default(),
        elapsed: std::time::Duration::ZERO,
    }
}

/// A reply that declined `question`.
pub fn declined(question: &str) -> rescbot::Reply {
    reply(question, rescbot::Outcome::Declined)
}
