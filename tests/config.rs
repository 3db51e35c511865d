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
