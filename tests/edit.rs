//! Safe edits: only the edited entry's lines change, invalid drafts write nothing, a crash
//! before the rename leaves the old file, and every edit is in the audit log.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rescbot::config::FaqConfig;
use rescbot::edit::{Action, EditError, EntryDraft};
use rescbot::store::FaqStore;
use rescbot::MatchConfig;

/// A copy of the shipped FAQ, a store over it, and a separate folder for the audit log.
struct Fixture {
    faq: tempfile::TempDir,
    data: tempfile::TempDir,
    store: FaqStore,
}

impl Fixture {
    fn new() -> Self {
        let faq = common::shipped_faq_copy();
        // A comment between entries, which edits of the neighbours must keep.
        let path = faq.path().join("alliance.yaml");
        let text = std::fs::read_to_string(&path).unwrap().replace(
            "\n  - id: alliance-advocacy",
            "\n  # Advocacy: check with the Alliance before changing.\n  - id: alliance-advocacy",
        );
        std::fs::write(&path, text).unwrap();
        let data = tempfile::tempdir().unwrap();
        let store = Self::open(faq.path(), data.path());
        Self { faq, data, store }
    }

    fn open(faq: &Path, data: &Path) -> FaqStore {
        let config = FaqConfig {
            audit_log: data.join("logs").join("audit.jsonl"),
            ..FaqConfig::default()
        };
        FaqStore::open_with(faq, MatchConfig::default(), config).expect("the FAQ loads")
    }

    fn reopen(&self) -> FaqStore {
        Self::open(self.faq.path(), self.data.path())
    }

    fn file(&self, name: &str) -> String {
        std::fs::read_to_string(self.faq.path().join(name)).unwrap()
    }

    /// Every file under the FAQ folder (hidden ones and `.backups/` included), by path.
    fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        let mut dirs = vec![self.faq.path().to_owned()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.insert(path.clone(), std::fs::read(&path).unwrap());
                }
            }
        }
        files
    }

    fn answer_id(&self, question: &str) -> Option<String> {
        self.store
            .matcher()
            .ask(question)
            .answer_id()
            .map(str::to_owned)
    }
}

fn draft(question: &str, answer: &str) -> EntryDraft {
    EntryDraft {
        question: question.to_owned(),
        answer: answer.to_owned(),
        ..EntryDraft::default()
    }
}

/// The text before the line starting `- id: {id}` and the text from the next item on.
fn around(text: &str, id: &str, next_id: &str) -> (String, String) {
    let start = text.find(&format!("  - id: {id}\n")).unwrap();
    let end = text
        .find("\n  # Advocacy")
        .filter(|_| next_id == "alliance-advocacy");
    let end = end.unwrap_or_else(|| text.find(&format!("\n  - id: {next_id}\n")).unwrap());
    (text[..start].to_owned(), text[end..].to_owned())
}

#[test]
fn add_entry_creates_the_new_entries_file_goes_live_and_survives_a_restart() {
    let f = Fixture::new();
    let question = "What is the blue walrus policy?";
    let edited = f
        .store
        .add_entry(
            &EntryDraft {
                alternates: vec!["Are walruses allowed?".to_owned()],
                tags: vec!["animals".to_owned()],
                ..draft(question, "Line one: walruses.\n\n- welcome\n- fed")
            },
            "mod-ana",
        )
        .expect("a valid entry is added");
    assert_eq!(edited.record.id, "what-is-the-blue-walrus-policy");
    assert_eq!(edited.record.action, Action::Add);
    assert_eq!(edited.summary.added, vec![edited.record.id.clone()]);
    assert_eq!(
        f.answer_id(question).as_deref(),
        Some("what-is-the-blue-walrus-policy")
    );

    let text = f.file("moderators.yaml");
    assert!(
        text.contains("entries:\n  - id: what-is-the-blue-walrus-policy\n"),
        "{text}"
    );

    // The same question again is refused: two entries asking it could never be answered.
    let again = f
        .store
        .add_entry(&draft(question, "Still welcome."), "mod-ana")
        .unwrap_err()
        .to_string();
    assert!(
        again.contains("also asked by `what-is-the-blue-walrus-policy`"),
        "{again}"
    );
    assert_eq!(f.file("moderators.yaml"), text, "nothing was written");

    let reopened = f.reopen();
    let entry = reopened
        .matcher()
        .faq()
        .entry("what-is-the-blue-walrus-policy")
        .cloned()
        .unwrap();
    assert_eq!(entry.answer, "Line one: walruses.\n\n- welcome\n- fed");
    assert_eq!(entry.alternates, vec!["Are walruses allowed?".to_owned()]);
    assert_eq!(entry.tags, vec!["animals".to_owned()]);
}

#[test]
fn edit_entry_replaces_only_its_lines() {
    let f = Fixture::new();
    let original = f.file("alliance.yaml");
    let (before, after) = around(&original, "alliance-access", "alliance-advocacy");
    let entry = f
        .store
        .matcher()
        .faq()
        .entry("alliance-access")
        .cloned()
        .unwrap();
    let mut changed = EntryDraft::from_entry(&entry);
    changed.answer = "Yes: \"any\" RESC, #1 rule.".to_owned();
    f.store
        .edit_entry("alliance-access", &changed, "mod-ben")
        .expect("a valid edit");

    let text = f.file("alliance.yaml");
    assert!(
        text.starts_with(&before) && text.ends_with(&after),
        "{text}"
    );
    assert_ne!(text, original);
    let reopened = f.reopen();
    let now = reopened
        .matcher()
        .faq()
        .entry("alliance-access")
        .cloned()
        .unwrap();
    assert_eq!(now.answer, "Yes: \"any\" RESC, #1 rule.");
    assert_eq!(
        (now.question, now.alternates, now.tags),
        (entry.question, entry.alternates, entry.tags)
    );
}

#[test]
fn edit_entry_can_rename_and_the_last_entry_of_a_file_keeps_what_follows() {
    let f = Fixture::new();
    let original = f.file("alliance.yaml");
    let last_start = original.find("  - id: resc-alliance-accord\n").unwrap();
    let entry = f
        .store
        .matcher()
        .faq()
        .entry("resc-alliance-accord")
        .cloned()
        .unwrap();
    let renamed = EntryDraft {
        id: Some("the-accord".to_owned()),
        ..EntryDraft::from_entry(&entry)
    };
    let edited = f
        .store
        .edit_entry("resc-alliance-accord", &renamed, "mod-ben")
        .unwrap();
    assert_eq!(edited.summary.added, vec!["the-accord".to_owned()]);
    assert_eq!(
        edited.summary.removed,
        vec!["resc-alliance-accord".to_owned()]
    );
    let text = f.file("alliance.yaml");
    assert_eq!(text[..last_start], original[..last_start]);
    assert_eq!(
        f.answer_id("What is the RESC Alliance Accord?").as_deref(),
        Some("the-accord")
    );
}

#[test]
fn remove_entry_removes_its_lines_and_keeps_the_comment_of_the_next() {
    let f = Fixture::new();
    let original = f.file("alliance.yaml");
    let (before, after) = around(&original, "alliance-access", "alliance-advocacy");
    f.store
        .remove_entry("alliance-access", "mod-ben")
        .expect("removed");
    let text = f.file("alliance.yaml");
    // One blank line stays between the neighbours.
    assert_eq!(text, format!("{before}{}", &after[1..]));
    assert!(text.contains("  # Advocacy: check with the Alliance before changing.\n"));
    assert!(f.store.matcher().faq().entry("alliance-access").is_none());
    assert!(f
        .reopen()
        .matcher()
        .faq()
        .entry("alliance-access")
        .is_none());
}

#[test]
fn add_alternate_appends_a_phrasing_that_is_answered() {
    let f = Fixture::new();
    let original = f.file("alliance.yaml");
    let (before, after) = around(&original, "alliance-access", "alliance-advocacy");
    let phrasing = "Is a membership at one RESC a pass to all of them?";
    f.store
        .add_alternate("alliance-access", phrasing, "mod-cy")
        .expect("added");
    let text = f.file("alliance.yaml");
    assert!(
        text.starts_with(&before) && text.ends_with(&after),
        "{text}"
    );
    let entry = f
        .reopen()
        .matcher()
        .faq()
        .entry("alliance-access")
        .cloned()
        .unwrap();
    assert_eq!(entry.alternates.last().map(String::as_str), Some(phrasing));
    assert_eq!(f.answer_id(phrasing).as_deref(), Some("alliance-access"));

    let again = f.store.add_alternate("alliance-access", phrasing, "mod-cy");
    assert!(
        matches!(again, Err(EditError::AlreadyPresent { .. })),
        "{again:?}"
    );
}

#[test]
fn invalid_drafts_write_nothing() {
    let f = Fixture::new();
    let files = f.snapshot();
    let entries = f.store.matcher().faq().entries.clone();
    let existing = f
        .store
        .matcher()
        .faq()
        .entry("alliance-access")
        .cloned()
        .unwrap();
    let cases: Vec<(&str, Result<_, EditError>, &str)> = vec![
        (
            "empty answer",
            f.store.add_entry(&draft("What is new?", "  "), "m"),
            "`answer` is empty",
        ),
        (
            "duplicate id",
            f.store.add_entry(
                &EntryDraft {
                    id: Some("what-is-a-resc".to_owned()),
                    ..draft("What is new?", "Something.")
                },
                "m",
            ),
            "already used",
        ),
        (
            "answer too long",
            f.store
                .add_entry(&draft("What is new?", &"a".repeat(4001)), "m"),
            "the limit is 4000",
        ),
        (
            "edit with an empty answer",
            f.store.edit_entry(
                "alliance-access",
                &EntryDraft {
                    answer: String::new(),
                    ..EntryDraft::from_entry(&existing)
                },
                "m",
            ),
            "`answer` is empty",
        ),
        (
            "rename onto another id",
            f.store.edit_entry(
                "alliance-access",
                &EntryDraft {
                    id: Some("alliance-advocacy".to_owned()),
                    ..EntryDraft::from_entry(&existing)
                },
                "m",
            ),
            "already used",
        ),
        (
            "bad id",
            f.store.add_entry(
                &EntryDraft {
                    id: Some("Not Kebab".to_owned()),
                    ..draft("What is new?", "Something.")
                },
                "m",
            ),
            "lowercase-kebab",
        ),
    ];
    for (case, result, message) in cases {
        let Err(EditError::Invalid(errors)) = result else {
            panic!("{case}: not refused as invalid: {result:?}")
        };
        let error = errors.0.iter().find(|e| e.message.contains(message));
        let error = error.unwrap_or_else(|| panic!("{case}: {errors}"));
        assert!(error.line > 0 && error.column > 0, "{case}: {error}");
    }
    assert_eq!(f.snapshot(), files, "something was written");
    assert_eq!(f.store.matcher().faq().entries, entries);
    assert!(f.store.history(10).is_empty());
}

#[test]
fn directory_entries_and_unknown_ids_are_refused_clearly() {
    let f = Fixture::new();
    let err = f.store.remove_entry("resc-leaders", "m").unwrap_err();
    assert!(matches!(err, EditError::FromDirectory(_)));
    assert!(err.to_string().contains("faq/directory.yaml"), "{err}");
    let err = f
        .store
        .add_alternate("resc-aces", "Who runs ACES?", "m")
        .unwrap_err();
    assert!(matches!(err, EditError::FromDirectory(_)), "{err}");
    let err = f.store.remove_entry("no-such-entry", "m").unwrap_err();
    assert!(matches!(err, EditError::NotFound(_)), "{err}");
}

#[test]
fn a_crash_before_the_rename_leaves_the_old_file_intact() {
    let f = Fixture::new();
    let original = f.file("alliance.yaml");
    let entries = f.store.matcher().faq().entries.clone();
    f.store.simulate_crash_before_rename(true);
    let result = f
        .store
        .add_alternate("alliance-access", "Can we borrow from LEARN?", "m");
    assert!(matches!(result, Err(EditError::Io { .. })), "{result:?}");

    assert_eq!(f.file("alliance.yaml"), original);
    // What the crash left behind is never read as FAQ, and nothing half-written is a .yaml.
    let yaml: Vec<_> = std::fs::read_dir(f.faq.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut yaml = yaml;
    yaml.sort();
    assert_eq!(
        yaml,
        [
            "alliance.yaml",
            "directory.yaml",
            "rescs.yaml",
            "shorthand.yaml",
            "smalltalk.yaml",
            "spanish.yaml",
            "synonyms.yaml"
        ]
    );
    assert_eq!(f.reopen().matcher().faq().entries, entries);
    assert_eq!(f.store.matcher().faq().entries, entries);
    assert!(f.store.history(10).is_empty());

    // After the restart the same edit goes through, and the previous version is backed up.
    f.store.simulate_crash_before_rename(false);
    f.store
        .add_alternate("alliance-access", "Can we borrow from LEARN?", "m")
        .unwrap();
    let backups: Vec<_> = std::fs::read_dir(f.faq.path().join(".backups"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        backups.iter().all(|b| *b == original),
        "backups differ from the old file"
    );
    assert!(!backups.is_empty());
}

#[test]
fn history_is_newest_first_and_skips_corrupt_lines() {
    let f = Fixture::new();
    assert!(
        f.store.history(10).is_empty(),
        "a missing log is an empty history"
    );
    let added = f
        .store
        .add_entry(&draft("What is the blue walrus policy?", "Welcome."), "ana")
        .unwrap();
    let id = added.record.id;
    let entry = f.store.matcher().faq().entry(&id).cloned().unwrap();
    let changed = EntryDraft {
        answer: "Very welcome.".to_owned(),
        ..EntryDraft::from_entry(&entry)
    };
    f.store.edit_entry(&id, &changed, "ben").unwrap();
    let log = f.data.path().join("logs").join("audit.jsonl");
    let mut text = std::fs::read_to_string(&log).unwrap();
    text.push_str("{not json\n");
    std::fs::write(&log, text).unwrap();
    f.store.remove_entry(&id, "cy").unwrap();

    let history = f.store.history(10);
    let actions: Vec<_> = history.iter().map(|r| (r.action, r.who.as_str())).collect();
    assert_eq!(
        actions,
        [
            (Action::Remove, "cy"),
            (Action::Edit, "ben"),
            (Action::Add, "ana")
        ]
    );
    let edit = &history[1];
    assert_eq!(
        edit.before.as_ref().map(|e| e.answer.as_str()),
        Some("Welcome.")
    );
    assert_eq!(
        edit.after.as_ref().map(|e| e.answer.as_str()),
        Some("Very welcome.")
    );
    assert_eq!(edit.file, "moderators.yaml");
    assert!(history[0].after.is_none() && history[2].before.is_none());
    let when = &history[0].when;
    assert!(
        when.len() == 20 && when.ends_with('Z') && when.as_bytes()[10] == b'T',
        "{when}"
    );
    assert_eq!(f.store.history(1).len(), 1);
}

/// The Kubernetes `ConfigMap` layout: `x.yaml -> ..data/x.yaml`, `..data -> ..<version>`.
#[cfg(unix)]
fn config_map(faq: &Path, version: &str, files: &[(&str, String)]) {
    let real = faq.join(format!("..{version}"));
    std::fs::create_dir(&real).unwrap();
    for (name, text) in files {
        std::fs::write(real.join(name), text).unwrap();
        let link = faq.join(name);
        if !link.is_symlink() {
            std::os::unix::fs::symlink(Path::new("..data").join(name), link).unwrap();
        }
    }
    // Swapped atomically, as the kubelet does: a new link renamed over the old one.
    let tmp = faq.join("..data_tmp");
    std::os::unix::fs::symlink(format!("..{version}"), &tmp).unwrap();
    std::fs::rename(&tmp, faq.join("..data")).unwrap();
}

#[cfg(unix)]
#[test]
fn linked_faq_files_reload_when_the_links_are_swapped_and_edits_write_through() {
    let shipped = common::shipped_faq_dir();
    let files: Vec<(&str, String)> = ["alliance.yaml", "directory.yaml", "resc.yaml"]
        .into_iter()
        .filter(|n| shipped.join(n).exists())
        .map(|n| (n, std::fs::read_to_string(shipped.join(n)).unwrap()))
        .collect();
    assert!(files.len() >= 2, "the shipped FAQ has these files");
    let faq = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    config_map(faq.path(), "v1", &files);
    let store = std::sync::Arc::new(Fixture::open(faq.path(), data.path()));
    let (tx, rx) = std::sync::mpsc::channel();
    let _watcher =
        std::sync::Arc::clone(&store).watch(std::time::Duration::from_millis(50), move |outcome| {
            let _ = tx.send(outcome.to_string());
        });

    let mut changed = files.clone();
    changed[0].1 = changed[0]
        .1
        .replacen("question: ", "question: Updated, ", 1);
    config_map(faq.path(), "v2", &changed);
    let outcome = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the swap of ..data is seen and reloaded");
    assert!(outcome.contains("changed"), "{outcome}");

    let draft = EntryDraft {
        question: "Where is the walrus pool?".to_owned(),
        answer: "Behind the gym.".to_owned(),
        ..EntryDraft::default()
    };
    let name = changed[0].0;
    let entry_id = store.matcher().faq().entries.iter().find(|e| matches!(&e.origin, rescbot::faq::Origin::File { path, .. } if path.ends_with(name))).unwrap().id.clone();
    store
        .edit_entry(&entry_id, &draft, "moderator")
        .expect("the edit writes through the link");
    let link = faq.path().join(name);
    assert!(link.is_symlink(), "the link is still a link");
    let target = faq.path().join("..v2").join(name);
    assert!(std::fs::read_to_string(target)
        .unwrap()
        .contains("Where is the walrus pool?"));
}

#[cfg(unix)]
#[test]
fn an_edit_keeps_the_files_mode_and_group() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let f = Fixture::new();
    let path = f.faq.path().join("alliance.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let before = std::fs::metadata(&path).unwrap();
    // Root may hand the file to another group; others keep their own.
    let group = if before.uid() == 0 {
        4242
    } else {
        before.gid()
    };
    std::os::unix::fs::chown(&path, None, Some(group)).unwrap();
    let id = f
        .store
        .matcher()
        .faq()
        .entries
        .iter()
        .find(|e| matches!(&e.origin, rescbot::faq::Origin::File { path, .. } if path.ends_with("alliance.yaml")))
        .unwrap()
        .id
        .clone();
    f.store
        .add_alternate(&id, "What does the walrus alliance do?", "moderator")
        .expect("edited");
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(after.permissions().mode() & 0o7777, 0o640);
    assert_eq!(after.gid(), group);
}

/// Phones and word processors paste U+2028 (line separator) and U+2029 (paragraph separator)
/// into forms; the entry keeps them as the line breaks they are, without stray spaces.
#[test]
fn unicode_line_separators_in_a_form_become_plain_line_breaks() {
    let f = Fixture::new();
    let draft = EntryDraft {
        question: "Where is the\u{2028}walrus pool?".to_owned(),
        answer: "Line one.\u{2028}Line two.\u{2029}New paragraph.".to_owned(),
        ..EntryDraft::default()
    };
    let id = f.store.add_entry(&draft, "mod-ana").unwrap().record.id;
    let entry = f.reopen().matcher().faq().entry(&id).cloned().unwrap();
    assert_eq!(entry.question, "Where is the walrus pool?");
    assert_eq!(entry.answer, "Line one.\nLine two.\n\nNew paragraph.");
}

/// An edit reads only the file it changes; what answers afterwards must be exactly what a
/// restart would load, with entries from files before and after it in their places.
#[test]
fn after_each_edit_the_bot_answers_from_what_a_restart_would_load() {
    let f = Fixture::new();
    let loaded = || rescbot::faq::load_dir(f.faq.path()).expect("the folder loads");
    let answering = || f.store.matcher().faq().clone();

    f.store
        .add_entry(&draft("What is the blue walrus policy?", "Welcome."), "m")
        .unwrap();
    assert_eq!(answering(), loaded(), "after adding to a new file");
    f.store
        .add_entry(&draft("Where do walruses park?", "Out back."), "m")
        .unwrap();
    assert_eq!(answering(), loaded(), "after adding to that file");

    let existing = f.store.matcher().faq().entry("alliance-access").cloned();
    let existing = existing.expect("a shipped entry");
    f.store
        .edit_entry(
            "alliance-access",
            &EntryDraft {
                answer: "Changed.".to_owned(),
                ..EntryDraft::from_entry(&existing)
            },
            "m",
        )
        .unwrap();
    assert_eq!(answering(), loaded(), "after editing the first file");
    f.store
        .remove_entry("what-is-the-blue-walrus-policy", "m")
        .unwrap();
    assert_eq!(answering(), loaded(), "after removing");

    // A question that an entry in a later file asks is refused, naming that entry.
    let later = loaded();
    let later = later
        .entries
        .iter()
        .find(|e| matches!(&e.origin, rescbot::faq::Origin::File { path, .. } if path.ends_with("rescs.yaml")))
        .expect("an entry in rescs.yaml");
    let refused = f
        .store
        .add_entry(&draft(&later.question, "Mine."), "m")
        .unwrap_err()
        .to_string();
    assert!(refused.contains(&format!("`{}`", later.id)), "{refused}");
    assert!(refused.contains("rescs.yaml"), "{refused}");
    assert_eq!(answering(), loaded(), "nothing changed");
}
