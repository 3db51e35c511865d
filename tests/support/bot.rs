//! The bot under test: the real client started against a new fake Discord, with helpers that
//! send it interactions and messages and wait for what it answers, and small readers of the
//! JSON it sends.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use rescbot::config::DiscordConfig;
use serde_json::{json, Value};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::{FakeDiscord, Recorded, BOT_ID, WAIT};

/// Keeps the client's requests to 127.0.0.1 off any proxy the machine has set.
pub fn no_proxy() {
    std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
    std::env::set_var("no_proxy", "127.0.0.1,localhost");
}

/// The shipped FAQ, read-only, with nothing recorded.
pub fn served() -> rescbot::discord::Served {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("faq");
    rescbot::discord::Served::new(
        Arc::new(
            rescbot::store::FaqStore::open(dir, rescbot::MatchConfig::default())
                .expect("the shipped FAQ loads"),
        ),
        Arc::new(rescbot::records::Recorder::disabled()),
    )
}

/// The real client running against its own fake Discord.
pub struct Bot {
    pub fake: FakeDiscord,
    /// Send to stop the client.
    pub stop: oneshot::Sender<()>,
    /// The client's task; it ends once stopped.
    pub task: JoinHandle<anyhow::Result<()>>,
    /// Interaction ids handed out by [`Self::interact_with`].
    next_id: AtomicU64,
}

impl Bot {
    /// Starts the bot against a new fake Discord and waits until its commands are registered.
    pub async fn start(config: DiscordConfig) -> Self {
        Self::start_with(config, served()).await
    }

    /// [`Self::start`] serving `served` instead of the shipped FAQ with nothing recorded.
    pub async fn start_with(config: DiscordConfig, served: rescbot::discord::Served) -> Self {
        no_proxy();
        let fake = FakeDiscord::start().await;
        Self::start_on(fake, config, served).await
    }

    /// [`Self::start_with`] against `fake`, a fake Discord the test has already set up.
    pub async fn start_on(
        fake: FakeDiscord,
        config: DiscordConfig,
        served: rescbot::discord::Served,
    ) -> Self {
        no_proxy();
        let registered_in_guilds = !config.guilds.is_empty();
        let (stop, task) = super::spawn_bot(&fake, served, config);
        if !registered_in_guilds {
            fake.wait_request("PUT", &format!("/applications/{BOT_ID}/commands"))
                .await;
        }
        fake.wait_sessions(1).await;
        Self {
            fake,
            stop,
            task,
            next_id: AtomicU64::new(100),
        }
    }

    /// The shipped FAQ with the default settings, no cooldown.
    pub async fn started() -> Self {
        Self::started_with(served()).await
    }

    /// [`Self::started`] serving `served`.
    pub async fn started_with(served: rescbot::discord::Served) -> Self {
        Self::start_with(
            DiscordConfig {
                cooldown_seconds: 0,
                ..DiscordConfig::default()
            },
            served,
        )
        .await
    }

    /// A new interaction id.
    pub fn id(&self) -> String {
        self.next_id.fetch_add(1, Ordering::SeqCst).to_string()
    }

    /// Sends a slash command (or autocomplete, button) and returns the body of its response.
    pub async fn interact(&self, id: &str, interaction: Value) -> Value {
        self.fake.dispatch("INTERACTION_CREATE", interaction).await;
        self.fake
            .wait_request("POST", &format!("/interactions/{id}/tok/callback"))
            .await
    }

    /// Sends an interaction built for a new id and returns the body of its response.
    pub async fn interact_with(&self, build: impl FnOnce(&str) -> Value) -> Value {
        let id = self.id();
        self.interact(&id, build(&id)).await
    }

    pub async fn slash(&self, id: &str, command: &str, options: &[(&str, &str)]) -> Value {
        self.interact(id, super::slash_json(id, command, options))
            .await
    }

    /// Sends a message and returns the body of the bot's message in `channel`.
    pub async fn message(&self, message: Value) -> Value {
        let channel = message["channel_id"].as_str().unwrap().to_owned();
        let id = message["id"].as_str().unwrap().to_owned();
        self.fake.dispatch("MESSAGE_CREATE", message).await;
        self.fake
            .wait_for("the reply to a message", |reqs: &[Recorded]| {
                reqs.iter()
                    .find(|r| {
                        r.method == "POST"
                            && r.path == format!("/channels/{channel}/messages")
                            && r.body["message_reference"]["message_id"] == json!(id)
                    })
                    .map(|r| r.body.clone())
            })
            .await
    }

    /// Stops the bot, checks it stopped cleanly, and returns every request it made.
    pub async fn stop(self) -> Vec<Recorded> {
        self.stop.send(()).expect("bot running");
        let result = tokio::time::timeout(WAIT, self.task)
            .await
            .expect("the bot stops promptly")
            .expect("the bot task does not panic");
        result.expect("the bot stops cleanly");
        self.fake.requests()
    }
}

/// Checks that a message (or an interaction response's `data`) pings no one.
pub fn assert_no_pings(data: &Value) {
    assert_eq!(
        data["allowed_mentions"],
        json!({"parse": [], "users": [], "roles": [], "replied_user": false}),
        "allowed_mentions in {data:#}"
    );
}

/// The custom ids of the buttons in a message (or an interaction response's `data`).
pub fn button_ids(data: &Value) -> Vec<String> {
    data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| b["custom_id"].as_str().unwrap().to_owned())
        .collect()
}

/// The title of the embed in an interaction response.
pub fn title(body: &Value) -> String {
    body["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap_or("")
        .to_owned()
}

/// The description of the embed in an interaction response.
pub fn description(body: &Value) -> String {
    body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or("")
        .to_owned()
}

/// The text of an interaction response.
pub fn content(body: &Value) -> &str {
    body["data"]["content"].as_str().unwrap_or_default()
}
