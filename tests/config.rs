//! The committed config files are valid and say what the code defaults to.

mod common;

use std::path::Path;

use rescbot::config::Shards;
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

/// Loads `text` as a config file and checks the refusal names the place (`line:column`), the
/// key and the accepted range.
fn refused_with_position_and_range(text: &str, key: &str, at: &str, range: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    std::fs::write(&path, text).unwrap();
    let err = format!("{:#}", Config::load(&path).unwrap_err());
    assert!(
        err.contains(&format!("c.yaml:{at}: {key}:")) && err.contains(range),
        "{text}: {err}"
    );
}

common::cases! {
    numbers_out_of_range_are_refused_with_position_and_range(refused_with_position_and_range) {
        max_suggestions_beyond_u64: (
            "matcher:\n  max_suggestions: 18446744073709551615\n",
            "matcher.max_suggestions",
            "2:20",
            "from 0 to 5",
        ),
        answer_threshold_nan: (
            "matcher:\n  answer_threshold: .nan\n",
            "matcher.answer_threshold",
            "2:21",
            "from 0 to 1",
        ),
        answer_threshold_negative: (
            "matcher:\n  answer_threshold: -1\n",
            "matcher.answer_threshold",
            "2:21",
            "from 0 to 1",
        ),
        answer_threshold_above_one: (
            "matcher:\n  answer_threshold: 2\n",
            "matcher.answer_threshold",
            "2:21",
            "from 0 to 1",
        ),
        no_candidates: (
            "matcher:\n  candidates: 0\n",
            "matcher.candidates",
            "2:15",
            "from 1 to",
        ),
        max_question_chars_zero: (
            "matcher:\n  max_question_chars: 0\n",
            "matcher.max_question_chars",
            "2:23",
            "from 1 to 6000",
        ),
        cooldown_over_a_day: (
            "discord:\n  cooldown_seconds: 99999999\n",
            "discord.cooldown_seconds",
            "2:21",
            "from 0 to 86400",
        ),
        no_shards: (
            "discord:\n  shards: 0\n",
            "discord.shards",
            "2:11",
            "use `auto` or a whole number",
        ),
        shard_range_backwards: (
            "discord:\n  shards:\n    first: 2\n    last: 1\n    total: 4\n",
            "discord.shards",
            "3:5",
            "first <= last < total",
        ),
        keep_no_days: (
            "records:\n  keep_days: 0\n",
            "records.keep_days",
            "2:14",
            "from 1",
        ),
        listen_without_a_port: (
            "ops:\n  listen: localhost\n",
            "ops.listen",
            "2:11",
            "like 127.0.0.1:9100",
        ),
    }
}

/// Loads `text` as a config file and checks its `discord.shards` is `shards`.
fn shards_read_as(text: &str, shards: &Shards) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    std::fs::write(&path, text).unwrap();
    assert_eq!(&Config::load(&path).expect(text).discord.shards, shards);
}

common::cases! {
    shards_are_auto_a_count_or_a_range(shards_read_as) {
        auto: ("discord:\n  shards: auto\n", &Shards::Auto),
        a_count: ("discord:\n  shards: 4\n", &Shards::Count(4)),
        a_range: (
            "discord:\n  shards: {first: 0, last: 1, total: 4}\n",
            &Shards::Range {
                first: 0,
                last: 1,
                total: 4,
            },
        ),
    }
}

#[test]
fn shards_that_are_neither_auto_a_count_nor_a_range_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    std::fs::write(&path, "discord:\n  shards: lots\n").unwrap();
    let err = format!("{:#}", Config::load(&path).unwrap_err());
    assert!(err.contains("`lots` is not `auto`"), "{err}");
}
