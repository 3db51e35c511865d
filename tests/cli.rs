//! The command line as a newcomer uses it: no token, the FAQ shipped in the repository.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn rescbot(args: &[&str], stdin: Option<&str>) -> Output {
    rescbot_bytes(args, stdin.map(str::as_bytes))
}

/// [`rescbot`] with standard input given as bytes (which need not be UTF-8).
fn rescbot_bytes(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rescbot"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISCORD_TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rescbot runs");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(bytes) = stdin {
        input.write_all(bytes).expect("write stdin");
    }
    drop(input);
    child.wait_with_output().expect("rescbot finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn ask_answers_from_the_shipped_faq() {
    let out = rescbot(&["ask", "Who leads LEARN?"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Kate Ericson"));
}

#[test]
fn ask_declines_with_suggestions() {
    let out = rescbot(&["ask", "what's the weather like"], None);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("I don't know"), "{text}");
    assert!(text.contains("  - "), "{text}");
}

#[test]
fn ask_json_is_exactly_one_object_with_the_contract_fields() {
    let out = rescbot(&["ask", "--json", "when was the accord signed?"], None);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["question"], "when was the accord signed?");
    assert_eq!(v["answered"], true);
    assert_eq!(v["id"], "resc-alliance-accord");
    assert!(v["score"].as_f64().unwrap() > 0.5);
    assert!(v["answer"].as_str().unwrap().contains("2021"));
    assert!(v["suggestions"].is_array());
    assert!(v.get("candidates").is_none() && v.get("elapsed_us").is_none());
}

#[test]
fn ask_json_decline_has_null_answer_and_suggestions() {
    let out = rescbot(&["ask", "--json", "qwertyuiop"], None);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["answered"], false);
    assert!(v["id"].is_null() && v["answer"].is_null());
    let suggestions = v["suggestions"].as_array().unwrap();
    assert!(!suggestions.is_empty() && suggestions.len() <= 3);
    assert!(suggestions[0]["id"].is_string() && suggestions[0]["question"].is_string());
}

#[test]
fn ask_json_reads_questions_from_stdin_in_order() {
    let out = rescbot(
        &["ask", "--json", "--explain", "-"],
        Some("who leads CREC?\n\nwho is Eric Protulis\n"),
    );
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "resc-crec");
    assert_eq!(lines[1]["answered"], false);
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .contains("type a question"));
    assert_eq!(lines[2]["id"], "resc-eastconn");
    let candidates = lines[0]["candidates"].as_array().unwrap();
    assert!(!candidates.is_empty() && candidates.len() <= 5);
    assert!(lines[0]["elapsed_us"].is_u64());
}

#[test]
fn hostile_questions_get_clear_messages_not_panics() {
    let long = "a".repeat(6000);
    let out = rescbot(&["ask", &long], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("6000 characters"), "{}", stderr(&out));
    let out = rescbot(&["ask", "\u{200B}\u{200B}"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = rescbot(&["ask", "!!! ???"], None);
    assert!(stderr(&out).contains("couldn't find any words"));
}

#[test]
fn chat_answers_and_runs_commands_until_quit() {
    let out = rescbot(
        &["chat"],
        Some("who leads aces\n/leaders\n/topics\n/help\n/quit\nwho leads learn\n"),
    );
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("Danehy"));
    assert!(text.contains("Area Cooperative Educational Services") && text.contains("Protulis"));
    assert!(text.contains("alliance:"));
    assert!(text.contains("/quit"));
    assert!(
        !text.contains("Kate Ericson is"),
        "chat went on after /quit"
    );
}

#[test]
fn leaders_lists_the_six_rescs() {
    let text = stdout(&rescbot(&["leaders"], None));
    for name in [
        "ACES",
        "CES",
        "CREC",
        "EASTCONN",
        "EdAdvance",
        "LEARN",
        "Dumais",
        "Kitching",
        "Florio",
        "Danehy",
        "Ericson",
        "Protulis",
    ] {
        assert!(text.contains(name), "{name} missing:\n{text}");
    }
}

#[test]
fn faq_export_includes_derived_entries() {
    let entries: Vec<Value> =
        serde_json::from_str(&stdout(&rescbot(&["faq", "export", "--json"], None))).unwrap();
    assert!(entries
        .iter()
        .any(|e| e["id"] == "resc-leaders" && e["source"] == "directory"));
    assert!(entries.iter().any(|e| e["id"] == "what-is-a-resc"
        && e["source"].as_str().unwrap().starts_with("faq/rescs.yaml:")));
}

#[test]
fn faq_validate_reports_problems_and_exit_status() {
    let ok = rescbot(&["faq", "validate"], None);
    assert!(ok.status.success());
    assert!(stdout(&ok).contains("OK"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.yaml"),
        "entries:\n  - id: x\n    question: Q?\n    anwser: A\n",
    )
    .unwrap();
    let bad = rescbot(&["faq", "validate", dir.path().to_str().unwrap()], None);
    assert_eq!(bad.status.code(), Some(1));
    let err = stderr(&bad);
    assert!(
        err.contains("bad.yaml:4:5") && err.contains("did you mean `answer`"),
        "{err}"
    );
}

#[test]
fn eval_reports_rates_and_fails_below_the_minimum() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.yaml");
    std::fs::write(&set, "- {q: \"who leads LEARN\", expect: [Ericson]}\n- {q: \"who leads LEARN\", expect: [Protulis]}\n- {q: \"qwerty\", expect: none}\n").unwrap();
    let out = rescbot(&["eval", set.to_str().unwrap()], None);
    let text = stdout(&out);
    assert!(out.status.success());
    assert!(text.contains("in-scope accuracy:      0.500"), "{text}");
    assert!(text.contains("out-of-scope declined:  1.000"), "{text}");
    assert!(text.contains("FAIL \"who leads LEARN\""), "{text}");
    let strict = rescbot(
        &["eval", set.to_str().unwrap(), "--min-overall", "0.9"],
        None,
    );
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn a_broken_faq_folder_is_a_clear_error() {
    let out = rescbot(&["--faq", "/nonexistent", "ask", "hi"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read the FAQ folder"));
}

#[test]
fn explain_shows_why_a_question_was_declined() {
    let out = rescbot(
        &[
            "ask",
            "--json",
            "--explain",
            "what is the RESC Alliance mascot",
        ],
        None,
    );
    let v: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["answered"], false);
    let d = &v["decision"];
    assert_eq!(d["by"], "faq");
    assert!(d["reason"].as_str().unwrap().contains("model"), "{d}");
    assert!(
        d["features"]["unknown_share"].as_f64().unwrap() > 0.0,
        "{d}"
    );
    assert!(d["probability"].as_f64().unwrap() < 0.8, "{d}");
}

#[test]
fn eval_fit_prints_a_model_that_eval_model_reads() {
    let out = rescbot(&["eval", "--fit", "tests/eval/dev-questions.yaml"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("decision.yaml");
    std::fs::write(&model, stdout(&out)).unwrap();
    let out = rescbot(
        &[
            "eval",
            "--model",
            model.to_str().unwrap(),
            "tests/eval/dev-questions.yaml",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("overall pass rate"));
}

#[test]
fn ask_json_of_an_empty_question_exits_2_with_an_error_object() {
    let out = rescbot(&["ask", "--json", ""], None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let v: Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
    assert!(v["error"].is_string(), "{v}");
}

#[test]
fn a_line_that_is_not_utf8_is_answered_with_an_error_and_the_rest_still_answered() {
    let input = b"Who leads LEARN?\n\xff\xfe not text\nWho leads CREC?\n";
    let out = rescbot_bytes(&["ask", "--json", "-"], Some(input));
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["answered"], true);
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .contains("line 2 is not UTF-8"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2]["answered"], true);
    assert!(
        lines[2]["answer"].as_str().unwrap().contains("Florio"),
        "{}",
        lines[2]
    );

    let out = rescbot_bytes(&["chat"], Some(input));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("line 2 is not UTF-8"), "{text}");
    assert!(
        text.contains("Florio"),
        "the question after it is answered: {text}"
    );
}

#[test]
fn eval_of_an_empty_question_set_fails() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.yaml");
    std::fs::write(&empty, "[]\n").unwrap();
    let out = rescbot(&["eval", empty.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("no questions"), "{}", stderr(&out));
}

#[test]
fn synth_refuses_to_overwrite_an_faq_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let faq = dir.path().join("faq");
    std::fs::create_dir(&faq).unwrap();
    std::fs::write(faq.join("synonyms.yaml"), "synonyms:\n  - [lead, head]\n").unwrap();
    let out_dir = dir.path().to_str().unwrap();
    let out = rescbot(&["faq", "synth", "--n", "10", "--out", out_dir], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(faq.join("synonyms.yaml")).unwrap(),
        "synonyms:\n  - [lead, head]\n",
        "nothing was overwritten"
    );
    assert!(!faq.join("synth-000.yaml").exists());
    let out = rescbot(
        &["faq", "synth", "--n", "10", "--out", out_dir, "--force"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(faq.join("synth-000.yaml").exists());
}

#[test]
fn ask_conversation_reads_standard_input_as_one_persons_conversation() {
    let out = rescbot(
        &["ask", "--json", "--conversation", "-"],
        Some("who leads ACES?\nand CREC?\nthanks!\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["resolved"], "Who leads CREC?");
    assert!(lines[1]["answer"].as_str().unwrap().contains("Florio"));
    assert_eq!(lines[2]["smalltalk"], "thanks");
    // Without --conversation each line stands alone.
    let out = rescbot(
        &["ask", "--json", "-"],
        Some("who leads ACES?\nfull name?\n"),
    );
    let last: Value = serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    assert!(last.get("resolved").is_none());
}
