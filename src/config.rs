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
    /// From `answer_threshold` up, the best entry is answered when the decision model
    /// (`config/decision.yaml`) gives at least this probability that it is the answer.
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
            answer_probability: 0.5,
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
    pub conversation: ConversationConfig,
    pub ops: OpsConfig,
}

/// What the people running the bot watch it through.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OpsConfig {
    /// Address for `GET /healthz` and `GET /metrics` (`"127.0.0.1:9100"`); off when unset.
    /// The environment variable `RESCBOT_OPS_LISTEN` overrides it.
    pub listen: Option<String>,
}

impl OpsConfig {
    /// The environment variable that overrides [`OpsConfig::listen`] (the Docker image sets it).
    pub const LISTEN_ENV: &'static str = "RESCBOT_OPS_LISTEN";

    /// Where to listen: `RESCBOT_OPS_LISTEN` when set and not empty, else `listen`.
    #[must_use]
    pub fn listen_address(&self) -> Option<String> {
        std::env::var(Self::LISTEN_ENV)
            .ok()
            .filter(|a| !a.trim().is_empty())
            .or_else(|| self.listen.clone().filter(|a| !a.trim().is_empty()))
    }
}

/// How follow-up questions are read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConversationConfig {
    /// Minutes a person's last question is remembered for reading their follow-ups ("and
    /// CREC?"); 0 reads every message on its own.
    pub context_minutes: u64,
}

impl Default for ConversationConfig {
    fn default() -> Self {
        Self {
            context_minutes: 10,
        }
    }
}

/// Where edits made while the bot runs are written and recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaqConfig {
    /// File in the FAQ folder that receives new entries (created when missing).
    pub new_entries_file: String,
    /// One JSON line per edit: who, when, what, before and after.
    pub audit_log: PathBuf,
    /// The About Us page the FAQ is written from (a URL or a file), for `/faq check-source`.
    pub source_url: Option<String>,
    /// Check `source_url` every this many hours and post differences to
    /// `discord.log_channel` (once per change); 0 or unset: never.
    pub source_check_hours: u64,
    /// Backups kept per FAQ file in `.backups/` (the newest); older ones are deleted at start
    /// and once a day.
    pub keep_backups: usize,
}

impl Default for FaqConfig {
    fn default() -> Self {
        Self {
            new_entries_file: "moderators.yaml".to_owned(),
            audit_log: PathBuf::from("data/audit.jsonl"),
            source_url: None,
            source_check_hours: 0,
            keep_backups: 50,
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
    /// How many Gateway shards to run: `auto` (as many as Discord recommends), a count (this
    /// process runs them all), or `{first, last, total}` (this process runs shards `first` to
    /// `last` of `total`, so several processes can split them).
    pub shards: Shards,
    /// Channels (ids) where the bot reads every message and answers by itself when it is
    /// sure; a Forum channel means the first message of each new post. Needs Discord's
    /// Message Content intent.
    pub answer_channels: Vec<u64>,
    /// Lowest score (0 to 1) at which the bot answers by itself in an answer channel; stricter
    /// than for `/ask`, because nobody asked the bot.
    pub auto_answer_threshold: f32,
    /// Answers the bot gives by itself per answer channel per minute (1 to 1000).
    pub auto_answer_per_minute: u32,
    /// A reaction (an emoji) the bot adds to a question in an answer channel that it is not
    /// sure about; none (silence) when unset.
    pub unsure_reaction: Option<String>,
}

/// See [`DiscordConfig::shards`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ShardsAsWritten", into = "ShardsAsWritten")]
pub enum Shards {
    #[default]
    Auto,
    Count(u32),
    Range {
        first: u32,
        last: u32,
        total: u32,
    },
}

/// [`Shards`] as written in the file: the word `auto`, a number or a mapping.
#[derive(Serialize, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
enum ShardsAsWritten {
    Word(String),
    Count(u32),
    Range { first: u32, last: u32, total: u32 },
}

impl TryFrom<ShardsAsWritten> for Shards {
    type Error = String;

    fn try_from(written: ShardsAsWritten) -> Result<Self, String> {
        match written {
            ShardsAsWritten::Word(word) if word == "auto" => Ok(Self::Auto),
            ShardsAsWritten::Word(word) => Err(format!(
                "`{word}` is not `auto`, a shard count or {{first, last, total}}"
            )),
            ShardsAsWritten::Count(n) => Ok(Self::Count(n)),
            ShardsAsWritten::Range { first, last, total } => Ok(Self::Range { first, last, total }),
        }
    }
}

impl From<Shards> for ShardsAsWritten {
    fn from(shards: Shards) -> Self {
        match shards {
            Shards::Auto => Self::Word("auto".to_owned()),
            Shards::Count(n) => Self::Count(n),
            Shards::Range { first, last, total } => Self::Range { first, last, total },
        }
    }
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
            shards: Shards::Auto,
            answer_channels: Vec::new(),
            auto_answer_threshold: 0.85,
            auto_answer_per_minute: 6,
            unsure_reaction: None,
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
    /// Days questions and feedback are kept; older ones are deleted at start and once a day.
    pub keep_days: u32,
}

impl Default for RecordsConfig {
    fn default() -> Self {
        Self {
            path: "data/rescbot.db".to_owned(),
            enabled: true,
            keep_days: 365,
        }
    }
}

/// Why the config file cannot be used; each message names the file, and where it can, the
/// line and column.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {}: {cause}", .path.display())]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    /// Not YAML, an unknown key, or a value of the wrong kind (serde's message has the line).
    #[error("invalid config file {}: {cause}", .path.display())]
    Invalid {
        path: PathBuf,
        cause: serde_yaml::Error,
    },
    /// Numbers the bot cannot use: one line each, `file:line:col: key: what is allowed`.
    #[error("invalid config file {}:\n{}", .path.display(), .problems.join("\n"))]
    OutOfRange {
        path: PathBuf,
        problems: Vec<String>,
    },
}

impl Config {
    /// Reads the config file; a missing file gives the defaults.
    ///
    /// # Errors
    /// The file exists but cannot be read, or is not valid (with line and column).
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(cause) => {
                return Err(ConfigError::Read {
                    path: path.to_owned(),
                    cause,
                })
            }
        };
        if text.trim().is_empty() {
            return Ok(Self::default());
        }
        let config: Self = serde_yaml::from_str(&text).map_err(|cause| ConfigError::Invalid {
            path: path.to_owned(),
            cause,
        })?;
        let problems = config.out_of_range();
        if problems.is_empty() {
            return Ok(config);
        }
        let tree = crate::faq::yaml::parse(&text).ok().flatten();
        let problems = problems
            .into_iter()
            .map(|(key, problem)| {
                let at = tree
                    .as_ref()
                    .and_then(|root| position(root, key))
                    .map_or_else(String::new, |p| format!(":{}:{}", p.line, p.column));
                format!("{}{at}: {}: {problem}", path.display(), key.join("."))
            })
            .collect();
        Err(ConfigError::OutOfRange {
            path: path.to_owned(),
            problems,
        })
    }

    /// Every setting outside the range the code can use, with its key and what is allowed.
    #[must_use]
    // One check per setting, in the order of the template: a flat list reads more plainly
    // than the same checks spread over one function per section.
    #[allow(clippy::too_many_lines)]
    pub fn out_of_range(&self) -> Vec<(&'static [&'static str], String)> {
        let m = &self.matcher;
        let mut problems = Vec::new();
        let share = [
            (&["matcher", "answer_threshold"][..], m.answer_threshold),
            (&["matcher", "suggest_threshold"][..], m.suggest_threshold),
        ];
        for (key, value) in share {
            if !(0.0..=1.0).contains(&value) {
                problems.push((key, format!("{value} is not a number from 0 to 1")));
            }
        }
        // Above 1 the model never answers: 1.01 is the documented way to turn it off.
        if !(0.0..=1.01).contains(&m.answer_probability) {
            problems.push((
                &["matcher", "answer_probability"][..],
                format!(
                    "{} is not a number from 0 to 1 (or 1.01, which turns the decision model off)",
                    m.answer_probability
                ),
            ));
        }
        let counts = [
            (
                &["matcher", "max_suggestions"][..],
                m.max_suggestions,
                0,
                MAX_SUGGESTIONS,
            ),
            (
                &["matcher", "max_question_chars"][..],
                m.max_question_chars,
                1,
                MAX_QUESTION_CHARS,
            ),
            (
                &["matcher", "candidates"][..],
                m.candidates,
                1,
                MAX_CANDIDATES,
            ),
        ];
        for (key, value, min, max) in counts {
            if !(min..=max).contains(&value) {
                problems.push((
                    key,
                    format!("{value} is not a whole number from {min} to {max}"),
                ));
            }
        }
        if self.conversation.context_minutes > MAX_CONTEXT_MINUTES {
            problems.push((
                &["conversation", "context_minutes"][..],
                format!(
                    "{} is not a whole number from 0 to {MAX_CONTEXT_MINUTES}",
                    self.conversation.context_minutes
                ),
            ));
        }
        if self.discord.cooldown_seconds > MAX_COOLDOWN_SECONDS {
            problems.push((
                &["discord", "cooldown_seconds"][..],
                format!(
                    "{} is not a whole number from 0 to {MAX_COOLDOWN_SECONDS}",
                    self.discord.cooldown_seconds
                ),
            ));
        }
        match self.discord.shards {
            Shards::Count(0) => problems.push((
                &["discord", "shards"][..],
                "0 is not a shard count; use `auto` or a whole number from 1".to_owned(),
            )),
            Shards::Range { first, last, total } if first > last || last >= total => {
                problems.push((
                    &["discord", "shards"][..],
                    format!("shards {first} to {last} of {total} is not a range: it needs first <= last < total"),
                ));
            }
            _ => {}
        }
        if !(0.0..=1.0).contains(&self.discord.auto_answer_threshold) {
            problems.push((
                &["discord", "auto_answer_threshold"][..],
                format!(
                    "{} is not a number from 0 to 1",
                    self.discord.auto_answer_threshold
                ),
            ));
        }
        if !(1..=MAX_AUTO_ANSWERS_PER_MINUTE).contains(&self.discord.auto_answer_per_minute) {
            problems.push((
                &["discord", "auto_answer_per_minute"][..],
                format!(
                    "{} is not a whole number from 1 to {MAX_AUTO_ANSWERS_PER_MINUTE}",
                    self.discord.auto_answer_per_minute
                ),
            ));
        }
        if self.records.keep_days == 0 {
            problems.push((
                &["records", "keep_days"][..],
                "0 is not a whole number of days from 1; set `records.enabled: false` to keep none"
                    .to_owned(),
            ));
        }
        if let Some(address) = &self.ops.listen {
            if address.parse::<std::net::SocketAddr>().is_err() {
                problems.push((
                    &["ops", "listen"][..],
                    format!("`{address}` is not an address and port like 127.0.0.1:9100"),
                ));
            }
        }
        problems
    }
}

/// Suggestions shown when declining: Discord shows one row of five buttons.
pub const MAX_SUGGESTIONS: usize = 5;
/// Discord's own limit on a slash command's text option.
pub const MAX_QUESTION_CHARS: usize = 6000;
/// Entries scored in full per question; more only costs time.
pub const MAX_CANDIDATES: usize = 10_000;
/// A day.
pub const MAX_COOLDOWN_SECONDS: u64 = 86_400;
/// Far more than people type in one channel.
pub const MAX_AUTO_ANSWERS_PER_MINUTE: u32 = 1000;
/// A day, in minutes.
pub const MAX_CONTEXT_MINUTES: u64 = 1_440;

/// Where the value of `key` (a path of mapping keys) is written.
fn position(root: &crate::faq::yaml::Node, key: &[&str]) -> Option<crate::faq::yaml::Pos> {
    use crate::faq::yaml::Value;
    let mut node = root;
    for part in key {
        let Value::Map(pairs) = &node.value else {
            return None;
        };
        node = pairs
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == part))
            .map(|(_, v)| v)?;
    }
    Some(node.pos)
}
