//! The committed config files are valid and say what the code defaults to.

use std::path::Path;

use rescbot::Config;

fn load(name: &str) -> Config {
    Config::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("config")
            .join(name),
    )
    .expect(name)
}

#[test]
fn template_documents_every_default() {
    assert_eq!(load("rescbot.template.yaml"), Config::default());
}

#[test]
fn committed_config_is_valid() {
    let config = load("rescbot.yaml");
    assert!(config.matcher.answer_threshold > 0.0 && config.matcher.answer_threshold < 1.0);
}

#[test]
fn unknown_keys_are_refused_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    std::fs::write(&path, "matcher:\n  answer_treshold: 0.5\n").unwrap();
    let err = format!("{:#}", Config::load(&path).unwrap_err());
    assert!(
        err.contains("unknown field `answer_treshold`") && err.contains("line 2"),
        "{err}"
    );
}

#[test]
fn numbers_out_of_range_are_refused_with_position_and_range() {
    let cases = [
        (
            "matcher:\n  max_suggestions: 18446744073709551615\n",
            "matcher.max_suggestions",
            "2:20",
            "from 0 to 5",
        ),
        (
            "matcher:\n  answer_threshold: .nan\n",
            "matcher.answer_threshold",
            "2:21",
            "from 0 to 1",
        ),
        (
            "matcher:\n  answer_threshold: -1\n",
            "matcher.answer_threshold",
            "2:21",
            "from 0 to 1",
        ),
        (
            "matcher:\n  answer_threshold: 2\n",
            "matcher.answer_threshold",
            "2:21",
            "from 0 to 1",
        ),
        (
            "matcher:\n  candidates: 0\n",
            "matcher.candidates",
            "2:15",
            "from 1 to",
        ),
        (
            "matcher:\n  max_question_chars: 0\n",
            "matcher.max_question_chars",
            "2:23",
            "from 1 to 6000",
        ),
        (
            "discord:\n  cooldown_seconds: 99999999\n",
            "discord.cooldown_seconds",
            "2:21",
            "from 0 to 86400",
        ),
        (
            "discord:\n  shards: 0\n",
            "discord.shards",
            "2:11",
            "use `auto` or a whole number",
        ),
        (
            "discord:\n  shards:\n    first: 2\n    last: 1\n    total: 4\n",
            "discord.shards",
            "3:5",
            "first <= last < total",
        ),
        (
            "records:\n  keep_days: 0\n",
            "records.keep_days",
            "2:14",
            "from 1",
        ),
        (
            "ops:\n  listen: localhost\n",
            "ops.listen",
            "2:11",
            "like 127.0.0.1:9100",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (text, key, at, range) in cases {
        let path = dir.path().join("c.yaml");
        std::fs::write(&path, text).unwrap();
        let err = format!("{:#}", Config::load(&path).unwrap_err());
        assert!(
            err.contains(&format!("c.yaml:{at}: {key}:")) && err.contains(range),
            "{text}: {err}"
        );
    }
}

#[test]
fn shards_are_auto_a_count_or_a_range() {
    use rescbot::config::Shards;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    let cases = [
        ("discord:\n  shards: auto\n", Shards::Auto),
        ("discord:\n  shards: 4\n", Shards::Count(4)),
        (
            "discord:\n  shards: {first: 0, last: 1, total: 4}\n",
            Shards::Range {
                first: 0,
                last: 1,
                total: 4,
            },
        ),
    ];
    for (text, shards) in cases {
        std::fs::write(&path, text).unwrap();
        assert_eq!(Config::load(&path).expect(text).discord.shards, shards);
    }
    std::fs::write(&path, "discord:\n  shards: lots\n").unwrap();
    let err = format!("{:#}", Config::load(&path).unwrap_err());
    assert!(err.contains("`lots` is not `auto`"), "{err}");
}
