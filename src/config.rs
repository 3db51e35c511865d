//! Settings, read from `config/rescbot.yaml`; every key has a safe default.
//!
//! The Discord token is deliberately not a setting: it comes from the environment only
//! (`DISCORD_TOKEN`, or the file named by `DISCORD_TOKEN_FILE`), never from a tracked file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How sure the matcher must be before it answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatchConfig {
    /// Lowest score (0 to 1) that is answered.
    pub answer_threshold: f32,
    /// Score (0 to 1) from which the best entry is answered without asking the decision model.
    pub confident_threshold: f32,
    /// How far the best entry must be ahead of the runner-up to be answered.
    pub margin: f32,
    /// Between `answer_threshold` and `confident_threshold`, the best entry is answered when
    /// the decision model (`config/decision.yaml`) gives at least this probability that it is
    /// the answer.
    pub answer_probability: f32,
    /// Lowest score for an entry to be offered as a suggestion when declining.
    pub suggest_threshold: f32,
    /// Suggestions offered when declining (at most).
    pub max_suggestions: usize,
    /// Entries suggested when nothing in the FAQ is near the question.
    pub default_suggestions: Vec<String>,
    /// Longest question accepted, in characters.
    pub max_question_chars: usize,
    /// Entries scored in full per question, after the index has ranked them.
    pub candidates: usize,
}

impl Default for MatchConfig {
    fn default() -> Self {
        Self {
            answer_threshold: 0.3,
            confident_threshold: 0.58,
            margin: 0.02,
            answer_probability: 0.8,
            suggest_threshold: 0.25,
            max_suggestions: 3,
            default_suggestions: vec![
                "what-is-a-resc".to_owned(),
                "what-is-the-resc-alliance".to_owned(),
                "resc-leaders".to_owned(),
            ],
            max_question_chars: 1000,
            candidates: 64,
        }
    }
}

/// Everything in `config/rescbot.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub matcher: MatchConfig,
    pub discord: DiscordConfig,
    pub records: RecordsConfig,
    pub faq: FaqConfig,
}

/// Where edits made while the bot runs are written and recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaqConfig {
    /// File in the FAQ folder that receives new entries (created when missing).
    pub new_entries_file: String,
    /// One JSON line per edit: who, when, what, before and after.
    pub audit_log: PathBuf,
}

impl Default for FaqConfig {
    fn default() -> Self {
        Self {
            new_entries_file: "moderators.yaml".to_owned(),
            audit_log: PathBuf::from("data/audit.jsonl"),
        }
    }
}

/// How the bot behaves in Discord.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DiscordConfig {
    /// Servers to register the slash commands in (instant); empty registers them globally.
    pub guilds: Vec<u64>,
    /// Seconds a user waits between questions by mention or DM.
    pub cooldown_seconds: u64,
    /// Send REST calls through this HTTP proxy (e.g. a rate-limit proxy); off when empty.
    pub api_proxy: Option<String>,
    /// Footer naming where the answers come from.
    pub source: String,
    /// Channel (id) where the bot reports FAQ reloads, refused ones with their errors; none
    /// when unset.
    pub log_channel: Option<u64>,
    /// Roles (ids) whose members may use the `/faq` moderator commands, besides everyone with
    /// the Manage Server permission.
    pub moderator_roles: Vec<u64>,
}

impl Default for DiscordConfig {
    fn default() -> Self {
        Self {
            guilds: Vec::new(),
            cooldown_seconds: 3,
            api_proxy: None,
            source: "RESC Alliance: About Us".to_owned(),
            log_channel: None,
            moderator_roles: Vec::new(),
        }
    }
}

/// Where the questions nobody answered are recorded (see [`crate::records`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecordsConfig {
    /// The `SQLite` file, created with its folder on first start; relative to where rescbot runs.
    pub path: String,
    /// Record questions and feedback at all.
    pub enabled: bool,
}

impl Default for RecordsConfig {
    fn default() -> Self {
        Self {
            path: "data/rescbot.db".to_owned(),
            enabled: true,
        }
    }
}

impl Config {
    /// Reads the config file; a missing file gives the defaults.
    ///
    /// # Errors
    /// The file exists but cannot be read, or is not valid (with line and column).
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        use anyhow::Context as _;
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot read config file {}", path.display()))
            }
        };
        if text.trim().is_empty() {
            return Ok(Self::default());
        }
        serde_yaml::from_str(&text)
            .with_context(|| format!("invalid config file {}", path.display()))
    }
}
