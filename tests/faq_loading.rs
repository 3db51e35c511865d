//! Loading the FAQ: what moderators see when they get a file wrong, and that no file can
//! crash the loader.

mod common;

use common::{faq_dir, shipped_faq_copy, shipped_faq_dir};
use rescbot::faq::{load_dir, FaqErrors};

const ENTRY: &str = "entries:\n  - id: a\n    question: What is A?\n    answer: A is a letter.\n";

fn errors(files: &[(&str, &str)]) -> FaqErrors {
    let dir = faq_dir(files);
    load_dir(dir.path()).expect_err("the FAQ should be refused")
}

#[test]
fn shipped_faq_loads_with_the_six_rescs_and_derived_entries() {
    let faq = load_dir(&shipped_faq_dir()).expect("shipped FAQ is valid");
    assert_eq!(faq.rescs.len(), 6);
    assert!(faq.rescs.iter().all(|r| r.leader.is_some()));
    for id in [
        "rescs-list",
        "resc-leaders",
        "resc-learn",
        "what-is-a-resc",
        "resc-alliance-accord",
    ] {
        assert!(faq.entry(id).is_some(), "missing entry {id}");
    }
    let learn = faq.entry("resc-learn").unwrap();
    assert!(learn.answer.contains("Kate Ericson"));
}

#[test]
fn unknown_key_is_located_and_the_closest_key_suggested() {
    let errs = errors(&[(
        "a.yaml",
        "entries:\n  - id: a\n    question: Q?\n    altenates: [x]\n    answer: A.\n",
    )]);
    assert_eq!(errs.0.len(), 1);
    let e = &errs.0[0];
    assert!(e.file.ends_with("a.yaml"));
    assert_eq!((e.line, e.column), (4, 5));
    assert!(
        e.message.contains("did you mean `alternates`"),
        "{}",
        e.message
    );
    assert_eq!(e.entry.as_deref(), Some("a"));
    assert!(e.to_string().contains("a.yaml:4:5:"));
}

#[test]
fn every_problem_of_every_file_is_reported_at_once() {
    let errs = errors(&[
        ("a.yaml", "entries:\n  - id: dup\n    question: Q1?\n    answer: A.\n  - id: empty-answer\n    question: Q2?\n    answer: \"\"\n"),
        ("b.yaml", "entries:\n  - id: dup\n    question: Q3?\n    answer: B.\n  - id: no-question\n    answer: C.\n"),
    ]);
    let text = errs.to_string();
    assert_eq!(errs.0.len(), 3, "{text}");
    assert!(
        text.contains("b.yaml:2:5: in `dup`: the id `dup` is already used at"),
        "{text}"
    );
    assert!(
        text.contains("a.yaml:7:13: in `empty-answer`: `answer` is empty"),
        "{text}"
    );
    assert!(
        text.contains("in `no-question`: `question` is missing"),
        "{text}"
    );
    assert!(text.ends_with("3 problems found; the FAQ was not loaded."));
}

#[test]
fn an_answer_over_4000_characters_is_refused() {
    let long = "word ".repeat(900);
    let errs = errors(&[(
        "a.yaml",
        &format!("entries:\n  - id: long\n    question: Q?\n    answer: {long}\n"),
    )]);
    assert!(errs.0[0].message.contains("the limit is 4000"), "{}", errs);
    assert_eq!(errs.0[0].entry.as_deref(), Some("long"));
}

#[test]
fn a_leader_of_an_unknown_resc_is_refused_with_a_suggestion() {
    let errs = errors(&[(
        "d.yaml",
        "rescs:\n  - {id: learn, name: LEARN}\nleaders:\n  - {resc: lern, name: Kate Ericson, title: Executive Director}\n",
    )]);
    let e = &errs.0[0];
    assert_eq!(e.line, 4);
    assert!(
        e.message
            .contains("`lern` is not in the directory (did you mean `learn`?)"),
        "{e}"
    );
}

#[test]
fn empty_and_lonely_synonym_groups_are_refused() {
    let errs = errors(&[
        ("s.yaml", "synonyms:\n  - []\n  - [lead]\n"),
        ("e.yaml", ENTRY),
    ]);
    assert_eq!(errs.0.len(), 2, "{errs}");
    assert!(errs
        .0
        .iter()
        .all(|e| e.message.contains("fewer than two words")));
}

#[test]
fn a_framing_phrase_that_is_not_text_is_located() {
    let errs = errors(&[
        ("s.yaml", "framing:\n  - in a nutshell\n  - [in, short]\n"),
        ("e.yaml", ENTRY),
    ]);
    let text = errs.to_string();
    assert_eq!(errs.0.len(), 1, "{text}");
    assert!(
        text.contains("s.yaml:3:5:") && text.contains("`framing` must be text"),
        "{text}"
    );
}

#[test]
fn spanish_phrases_too_long_or_given_twice_are_located() {
    let errs = errors(&[(
        "es.yaml",
        "spanish:\n  quien: who\n  \"quién\": who\n  uno dos tres cuatro cinco: five words\n",
    )]);
    let text = errs.to_string();
    assert_eq!(errs.0.len(), 2, "{text}");
    // Accents may be left out, so "quién" is "quien" again.
    assert!(
        text.contains("es.yaml:3:3:") && text.contains("already defined"),
        "{text}"
    );
    assert!(
        text.contains("es.yaml:4:3:") && text.contains("one to 4 words"),
        "{text}"
    );
}

#[test]
fn an_entry_file_may_not_reuse_a_derived_id() {
    let dir = shipped_faq_copy();
    std::fs::write(
        dir.path().join("z.yaml"),
        "entries:\n  - id: resc-learn\n    question: Q?\n    answer: A.\n",
    )
    .unwrap();
    let errs = load_dir(dir.path()).unwrap_err();
    assert!(
        errs.to_string()
            .contains("used by an entry built from the RESC directory"),
        "{errs}"
    );
}

#[test]
fn ids_must_be_lowercase_kebab() {
    let errs = errors(&[(
        "a.yaml",
        "entries:\n  - id: Who Leads\n    question: Q?\n    answer: A.\n",
    )]);
    assert!(errs.0[0].message.contains("lowercase-kebab"));
}

#[test]
fn wrong_types_are_explained() {
    let errs = errors(&[(
        "a.yaml",
        "entries:\n  - id: a\n    question: [not, text]\n    answer: A.\n    tags: basics\n",
    )]);
    let text = errs.to_string();
    assert!(
        text.contains("`question` must be text, found a list"),
        "{text}"
    );
    assert!(text.contains("`tags` must be a list"), "{text}");
}

// Hostile and broken files: each is refused with a located message, never a panic.

#[test]
fn empty_file_is_refused_clearly() {
    let errs = errors(&[("a.yaml", "")]);
    assert!(errs.0[0].message.contains("the file is empty"));
}

#[test]
fn truncated_file_is_a_syntax_error_with_position() {
    let errs = errors(&[("a.yaml", "entries:\n  - id: a\n    question: \"What is")]);
    assert!(errs.0[0].message.contains("not valid YAML"), "{errs}");
    assert!(errs.0[0].line >= 3);
}

#[test]
fn binary_file_is_refused() {
    let errs = errors(&[("a.yaml", "entries:\n\u{0}\u{1}")]);
    assert!(errs.0[0].message.contains("binary data"), "{errs}");
    assert_eq!(errs.0[0].line, 2);
    let dir = faq_dir(&[]);
    std::fs::write(dir.path().join("b.yaml"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let errs = load_dir(dir.path()).unwrap_err();
    assert!(errs.0[0].message.contains("not UTF-8"), "{errs}");
}

#[test]
fn deeply_nested_file_is_refused() {
    let text = format!(
        "entries:\n  - id: a\n    question: {}x{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let errs = errors(&[("a.yaml", &text)]);
    assert!(errs.0[0].message.contains("nested"), "{errs}");
}

#[test]
fn alias_bomb_is_refused_before_expansion() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let mut prev = "a";
    for n in names {
        text += &format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        );
        prev = n;
    }
    let errs = errors(&[("bomb.yaml", &text)]);
    assert!(errs.0[0].message.contains("aliases"), "{errs}");
    assert_eq!(errs.0[0].line, 2);
}

#[test]
fn very_large_valid_file_loads() {
    let mut text = String::from("entries:\n");
    for i in 0..5000 {
        text += &format!("  - id: entry-{i}\n    question: What is item number {i}?\n    answer: Item {i} is one of many.\n");
    }
    let dir = faq_dir(&[("big.yaml", &text)]);
    let faq = load_dir(dir.path()).expect("a large valid file loads");
    assert_eq!(faq.entries.len(), 5000);
}

#[test]
fn missing_folder_is_reported() {
    let errs = load_dir(std::path::Path::new("/nonexistent/faq")).unwrap_err();
    assert!(errs.0[0].message.contains("cannot read the FAQ folder"));
}

#[test]
fn the_same_question_in_two_entries_is_a_problem_naming_both_places() {
    let errs = errors(&[
        ("a.yaml", ENTRY),
        (
            "b.yaml",
            "entries:\n  - id: b\n    question: What is B?\n    alternates: [\"what is a\"]\n    answer: B.\n",
        ),
    ]);
    assert_eq!(errs.0.len(), 1, "{errs}");
    let e = &errs.0[0];
    assert!(e.file.ends_with("b.yaml"));
    assert_eq!(e.line, 2);
    assert_eq!(e.entry.as_deref(), Some("b"));
    assert!(
        e.message.contains("`a`") && e.message.contains("a.yaml:2"),
        "{}",
        e.message
    );
}

#[test]
fn a_question_the_directory_already_asks_is_a_problem() {
    let dir = shipped_faq_copy();
    std::fs::write(
        dir.path().join("zz.yaml"),
        "entries:\n  - id: learn-boss\n    question: Who is the boss at LEARN?\n    alternates: [Who leads LEARN]\n    answer: Someone.\n",
    )
    .unwrap();
    let errs = load_dir(dir.path()).expect_err("refused");
    let text = errs.to_string();
    assert!(
        text.contains("zz.yaml:2") && text.contains("`resc-learn`"),
        "{text}"
    );
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_text() {
    let dir = faq_dir(&[("a.yaml", &format!("\u{feff}{ENTRY}"))]);
    let faq = load_dir(dir.path()).expect("a file saved with a BOM loads");
    assert_eq!(faq.entries[0].question, "What is A?");
}

#[test]
fn a_second_yaml_document_is_a_problem_not_ignored() {
    let errs = errors(&[(
        "a.yaml",
        &format!("{ENTRY}---\nentries:\n  - id: b\n    question: What is B?\n    answer: B.\n"),
    )]);
    assert_eq!(errs.0.len(), 1, "{errs}");
    let e = &errs.0[0];
    assert_eq!(e.line, 6, "{e}");
    assert!(e.message.contains("second YAML document"), "{e}");
    // A lone `---` at the start, or an empty document at the end, is fine.
    let dir = faq_dir(&[("a.yaml", &format!("---\n{ENTRY}---\n"))]);
    assert!(load_dir(dir.path()).is_ok());
}

/// A link to a file that says it is empty but never ends (`/proc/kmsg`, readable by root)
/// is reported, not read forever.
#[cfg(target_os = "linux")]
#[test]
fn a_link_to_an_endless_file_does_not_hang_the_loader() {
    if !std::path::Path::new("/proc/kmsg").exists() {
        return;
    }
    let dir = faq_dir(&[("a.yaml", ENTRY)]);
    std::os::unix::fs::symlink("/proc/kmsg", dir.path().join("kmsg.yaml")).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let path = dir.path().to_owned();
    std::thread::spawn(move || {
        let _ = tx.send(load_dir(&path));
    });
    let result = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the loader returns");
    let errs = result.expect_err("the link is refused");
    assert!(
        errs.0.iter().any(|e| e.file.ends_with("kmsg.yaml")),
        "{errs}"
    );
}
