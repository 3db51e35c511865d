//! A fake Discord on 127.0.0.1: a small HTTP server for the REST API and a WebSocket server
//! for the Gateway, so the real serenity/poise client can be driven end to end offline.
//!
//! It records every REST request; tests send Gateway events and then wait for the requests
//! the bot makes in reply. Nothing here sleeps: waits end as soon as the request arrives and
//! only time out when something is wrong.
#![allow(dead_code)] // the load example uses a different part than the tests

mod bot;

#[allow(unused_imports)] // each user takes what it needs
pub use bot::{assert_no_pings, button_ids, content, description, no_proxy, served, title, Bot};

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::{SinkExt as _, StreamExt as _};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message as WsMessage;

/// The bot's user and application id.
pub const BOT_ID: &str = "1";
/// How long a wait may take before the test fails; everything normally takes milliseconds.
pub const WAIT: Duration = Duration::from_secs(10);

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Without the `/api/v10` prefix: `/channels/3/messages`.
    pub path: String,
    pub body: Value,
    /// When the request arrived, for latency measurements.
    pub at: std::time::Instant,
}

#[derive(Default)]
struct State {
    requests: Mutex<Vec<Recorded>>,
    /// Problems found by the fake (requests to unknown routes) or the test's event observer
    /// (unreadable events).
    problems: Mutex<Vec<String>>,
    /// The Gateway connection that has identified or resumed last.
    gateway: Mutex<Option<mpsc::UnboundedSender<WsMessage>>>,
    /// The `shard` field ([id, total]) of each IDENTIFY.
    identified: Mutex<Vec<Value>>,
    /// Sessions started (IDENTIFY) or resumed (RESUME).
    sessions: AtomicU64,
    /// Answer command registration with a server error.
    refuse_commands: std::sync::atomic::AtomicBool,
    /// Close a session that asks for the Message Content intent with 4014, as Discord does
    /// when the intent is not enabled for the bot.
    refuse_message_content: std::sync::atomic::AtomicBool,
    /// Intents of each IDENTIFY.
    intents: Mutex<Vec<u64>>,
    /// Forum posts (threads) and the channel each is in: thread id -> parent id.
    posts: Mutex<std::collections::HashMap<String, String>>,
    /// Close every new Gateway connection at once, as when Discord is unreachable.
    refuse_gateway: std::sync::atomic::AtomicBool,
    connections: AtomicU64,
    seq: AtomicU64,
    next_id: AtomicU64,
}

#[derive(Clone)]
pub struct FakeDiscord {
    pub api_url: String,
    pub gateway_url: String,
    state: Arc<State>,
    changed_tx: Arc<watch::Sender<u64>>,
}

impl FakeDiscord {
    pub async fn start() -> Self {
        let http = TcpListener::bind("127.0.0.1:0").await.expect("bind http");
        let ws = TcpListener::bind("127.0.0.1:0").await.expect("bind ws");
        let api_url = format!("http://{}", http.local_addr().unwrap());
        let gateway_url = format!("ws://{}", ws.local_addr().unwrap());
        let state = Arc::new(State {
            next_id: AtomicU64::new(1000),
            ..State::default()
        });
        let (changed_tx, _) = watch::channel(0u64);
        let fake = Self {
            api_url,
            gateway_url: gateway_url.clone(),
            state,
            changed_tx: Arc::new(changed_tx),
        };
        let (state, changed) = (Arc::clone(&fake.state), Arc::clone(&fake.changed_tx));
        let url = gateway_url.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = http.accept().await {
                let (state, changed, url) = (Arc::clone(&state), Arc::clone(&changed), url.clone());
                tokio::spawn(serve_http(stream, state, changed, url));
            }
        });
        let (state, changed) = (Arc::clone(&fake.state), Arc::clone(&fake.changed_tx));
        tokio::spawn(async move {
            while let Ok((stream, _)) = ws.accept().await {
                let (state, changed, url) = (
                    Arc::clone(&state),
                    Arc::clone(&changed),
                    gateway_url.clone(),
                );
                tokio::spawn(serve_gateway(stream, state, changed, url));
            }
        });
        fake
    }

    /// Records a problem; the next wait fails the test with it.
    pub fn problem(&self, what: String) {
        self.state.problems.lock().unwrap().push(what);
        bump(&self.changed_tx);
    }

    /// From now on, registering commands fails with a server error.
    pub fn refuse_commands(&self) {
        self.state.refuse_commands.store(true, Ordering::SeqCst);
    }

    /// From now on, a session asking for the Message Content intent is closed with 4014.
    pub fn refuse_message_content(&self) {
        self.state
            .refuse_message_content
            .store(true, Ordering::SeqCst);
    }

    /// The intents of each IDENTIFY so far.
    pub fn identified_intents(&self) -> Vec<u64> {
        self.state.intents.lock().unwrap().clone()
    }

    /// A post (a thread) `thread` in the Forum channel `parent`, as `GET /channels/{thread}`
    /// describes it.
    pub fn add_post(&self, thread: &str, parent: &str) {
        self.state
            .posts
            .lock()
            .unwrap()
            .insert(thread.to_owned(), parent.to_owned());
    }

    /// From now on, new Gateway connections are closed before the handshake.
    pub fn refuse_gateway(&self) {
        self.state.refuse_gateway.store(true, Ordering::SeqCst);
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.requests.lock().unwrap().clone()
    }

    /// The `[shard id, shard count]` of each IDENTIFY so far.
    pub fn identified_shards(&self) -> Vec<Value> {
        self.state.identified.lock().unwrap().clone()
    }

    pub fn sessions(&self) -> u64 {
        self.state.sessions.load(Ordering::SeqCst)
    }

    /// Waits until `check` finds what it looks for in the recorded requests.
    pub async fn wait_for<T>(&self, what: &str, check: impl Fn(&[Recorded]) -> Option<T>) -> T {
        let mut changed = self.changed_tx.subscribe();
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let problems = self.state.problems.lock().unwrap().clone();
            assert!(
                problems.is_empty(),
                "fake Discord saw problems: {problems:?}"
            );
            if let Some(found) = check(&self.state.requests.lock().unwrap()) {
                return found;
            }
            if tokio::time::timeout_at(deadline, changed.changed())
                .await
                .is_err()
            {
                panic!(
                    "timed out waiting for {what}; requests so far: {:#?}",
                    self.requests()
                );
            }
        }
    }

    /// Waits for the one request to `path` (as `METHOD /path`) and returns its body.
    pub async fn wait_request(&self, method: &str, path: &str) -> Value {
        self.wait_for(&format!("{method} {path}"), |reqs| {
            reqs.iter()
                .find(|r| r.method == method && r.path == path)
                .map(|r| r.body.clone())
        })
        .await
    }

    /// Waits until the bot is connected with at least `n` sessions (identified or resumed).
    pub async fn wait_sessions(&self, n: u64) {
        let mut changed = self.changed_tx.subscribe();
        let deadline = tokio::time::Instant::now() + WAIT;
        while self.sessions() < n || self.state.gateway.lock().unwrap().is_none() {
            if tokio::time::timeout_at(deadline, changed.changed())
                .await
                .is_err()
            {
                panic!("timed out waiting for Gateway session {n}");
            }
        }
    }

    /// Sends a dispatch event to the connected bot.
    pub async fn dispatch(&self, kind: &str, data: Value) {
        self.wait_sessions(1).await;
        let seq = self.state.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let frame = json!({"op": 0, "s": seq, "t": kind, "d": data});
        let gateway = self.state.gateway.lock().unwrap().clone();
        gateway
            .expect("connected")
            .send(WsMessage::Text(frame.to_string()))
            .expect("gateway connection open");
    }

    /// Closes the Gateway connection from Discord's side, as Discord does now and then.
    pub fn drop_gateway(&self) {
        let gateway = self.state.gateway.lock().unwrap().take();
        gateway
            .expect("connected")
            .send(WsMessage::Close(Some(CloseFrame {
                code: CloseCode::Library(4000),
                reason: "fake Discord restarts".into(),
            })))
            .expect("gateway connection open");
    }
}

fn bump(changed: &watch::Sender<u64>) {
    changed.send_modify(|n| *n += 1);
}

async fn serve_http(
    stream: TcpStream,
    state: Arc<State>,
    changed: Arc<watch::Sender<u64>>,
    gateway_url: String,
) {
    let _ = stream.set_nodelay(true);
    let mut stream = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if stream.read_line(&mut request_line).await.unwrap_or(0) == 0 {
            return;
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let target = parts.next().unwrap_or_default().to_owned();
        let mut length = 0;
        loop {
            let mut header = String::new();
            if stream.read_line(&mut header).await.unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        if stream.read_exact(&mut body).await.is_err() {
            return;
        }
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let path = target
            .split('?')
            .next()
            .unwrap_or_default()
            .trim_start_matches("/api/v10")
            .to_owned();
        let (status, response) = respond(&state, &method, &path, &body, &gateway_url);
        let response = response.map(|r| r.to_string()).unwrap_or_default();
        let head = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            response.len()
        );
        // Recorded before answering, so a test never waits on a request already answered.
        state.requests.lock().unwrap().push(Recorded {
            method,
            path,
            body,
            at: std::time::Instant::now(),
        });
        bump(&changed);
        // One write: a head and a body in two small writes meet Nagle's algorithm and the
        // client's delayed ACK, a 40 ms stall that real Discord does not have.
        if stream
            .get_mut()
            .write_all(format!("{head}{response}").as_bytes())
            .await
            .is_err()
        {
            return;
        }
    }
}

fn respond(
    state: &State,
    method: &str,
    path: &str,
    body: &Value,
    gateway_url: &str,
) -> (&'static str, Option<Value>) {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match (method, segments.as_slice()) {
        ("GET", ["gateway"]) => ("200 OK", Some(json!({ "url": gateway_url }))),
        // Autosharding asks how many shards to run: one, as Discord says for a small bot.
        ("GET", ["gateway", "bot"]) => (
            "200 OK",
            Some(json!({
                "url": gateway_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1
                }
            })),
        ),
        ("PUT", ["applications", _, "commands"] | ["applications", _, "guilds", _, "commands"]) => {
            if state.refuse_commands.load(Ordering::SeqCst) {
                (
                    "500 Internal Server Error",
                    Some(json!({"message": "the fake Discord refuses", "code": 0})),
                )
            } else {
                ("200 OK", Some(json!([])))
            }
        }
        ("POST", ["interactions", _, _, "callback"])
        | ("PUT", ["channels", _, "messages", _, "reactions", _, "@me"])
        | ("DELETE", ["channels", _, "messages", _]) => ("204 No Content", None),
        ("GET", ["channels", id]) => match state.posts.lock().unwrap().get(*id) {
            Some(parent) => ("200 OK", Some(thread_json(id, parent))),
            None => (
                "404 Not Found",
                Some(json!({"message": "Unknown Channel", "code": 10003})),
            ),
        },
        // A message in a channel, or a follow-up to a deferred interaction (the reply after
        // "thinking...", in the interaction's channel).
        ("POST", ["channels", _, "messages"] | ["webhooks", _, _]) => {
            let channel = match segments.as_slice() {
                ["channels", channel, _] => channel,
                _ => CHANNEL_ID,
            };
            let id = state.next_id.fetch_add(1, Ordering::SeqCst);
            let mut message = message_json(
                &id.to_string(),
                channel,
                BOT_ID,
                body["content"].as_str().unwrap_or_default(),
                &[],
            );
            message["author"]["bot"] = json!(true);
            ("200 OK", Some(message))
        }
        // A request the fake does not know is a test that no longer says what the bot does:
        // it fails the test (at its next wait), not only the bot's request.
        _ => {
            state.problems.lock().unwrap().push(format!(
                "the bot requested {method} {path}, an unknown route"
            ));
            (
                "404 Not Found",
                Some(json!({"message": "the fake Discord has no such route", "code": 0})),
            )
        }
    }
}

async fn serve_gateway(
    stream: TcpStream,
    state: Arc<State>,
    changed: Arc<watch::Sender<u64>>,
    gateway_url: String,
) {
    if state.refuse_gateway.load(Ordering::SeqCst) {
        return;
    }
    let Ok(ws) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    state.connections.fetch_add(1, Ordering::SeqCst);
    let (mut sink, mut stream) = ws.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<WsMessage>();
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 45000}});
    if sink.send(WsMessage::Text(hello.to_string())).await.is_err() {
        return;
    }
    let mut closing = false;
    loop {
        tokio::select! {
            incoming = stream.next() => {
                let Some(Ok(frame)) = incoming else { break };
                let text = match frame {
                    WsMessage::Text(text) => text,
                    WsMessage::Close(_) => break,
                    _ => continue,
                };
                if closing {
                    continue;
                }
                let payload: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                let reply = match payload["op"].as_u64() {
                    Some(1) => Some(json!({"op": 11})),
                    Some(2) => {
                        state.identified.lock().unwrap().push(payload["d"]["shard"].clone());
                        let intents = payload["d"]["intents"].as_u64().unwrap_or(0);
                        state.intents.lock().unwrap().push(intents);
                        if intents & MESSAGE_CONTENT != 0
                            && state.refuse_message_content.load(Ordering::SeqCst)
                        {
                            let close = WsMessage::Close(Some(CloseFrame {
                                code: CloseCode::Library(4014),
                                reason: "Disallowed intent(s).".into(),
                            }));
                            let _ = sink.send(close).await;
                            bump(&changed);
                            break;
                        }
                        let seq = state.seq.fetch_add(1, Ordering::SeqCst) + 1;
                        Some(json!({"op": 0, "s": seq, "t": "READY", "d": ready_json(&gateway_url)}))
                    }
                    Some(6) => {
                        let seq = state.seq.fetch_add(1, Ordering::SeqCst) + 1;
                        Some(json!({"op": 0, "s": seq, "t": "RESUMED", "d": {}}))
                    }
                    _ => None,
                };
                if let Some(reply) = reply {
                    if sink.send(WsMessage::Text(reply.to_string())).await.is_err() {
                        break;
                    }
                }
                if matches!(payload["op"].as_u64(), Some(2 | 6)) {
                    *state.gateway.lock().unwrap() = Some(tx.clone());
                    state.sessions.fetch_add(1, Ordering::SeqCst);
                    bump(&changed);
                }
            }
            Some(outgoing) = rx.recv() => {
                closing = matches!(outgoing, WsMessage::Close(_));
                if sink.send(outgoing).await.is_err() {
                    break;
                }
                // After a close frame, keep reading until the client's own close arrives.
            }
        }
    }
}

// Payloads: the minimal JSON Discord sends, each checked against serenity's types in
// tests/discord_e2e.rs (a payload serenity cannot read would be silently dropped).

pub fn ready_json(gateway_url: &str) -> Value {
    json!({
        "v": 10,
        "user": {"id": BOT_ID, "username": "rescbot", "bot": true},
        "guilds": [],
        "session_id": "fake-session",
        "resume_gateway_url": gateway_url,
        "application": {"id": BOT_ID, "flags": 0},
    })
}

/// Where an interaction or message comes from: a server channel or a DM.
#[derive(Clone, Copy)]
pub enum Place {
    Guild,
    Dm,
}

/// The Message Content intent's bit.
pub const MESSAGE_CONTENT: u64 = 1 << 15;

/// A thread (a Forum post) in `parent`, as `GET /channels/{id}` returns it.
pub fn thread_json(id: &str, parent: &str) -> Value {
    json!({
        "id": id, "type": 11, "guild_id": GUILD_ID, "parent_id": parent, "name": "A post",
        "owner_id": USER_ID, "position": 0, "permission_overwrites": [], "nsfw": false,
        "rate_limit_per_user": 0, "message_count": 1, "member_count": 1,
        "thread_metadata": {
            "archived": false, "auto_archive_duration": 1440, "locked": false,
            "archive_timestamp": "2024-01-01T00:00:00.000000+00:00"
        },
    })
}

/// A message in the server's channel `channel` (a thread is a channel too).
pub fn message_in_json(id: &str, channel: &str, author: &str, content: &str) -> Value {
    let mut m = message_json(id, channel, author, content, &[]);
    m["guild_id"] = json!(GUILD_ID);
    m
}

pub const GUILD_ID: &str = "2";
pub const CHANNEL_ID: &str = "3";
pub const DM_CHANNEL_ID: &str = "30";
pub const USER_ID: &str = "4";

fn user_json(id: &str) -> Value {
    json!({"id": id, "username": format!("user{id}")})
}

fn interaction_json(id: &str, kind: u8, place: Place, data: Value) -> Value {
    let mut v = json!({
        "id": id, "application_id": BOT_ID, "type": kind, "token": "tok", "version": 1,
        "locale": "en-US", "entitlements": [], "attachment_size_limit": 8_388_608,
    });
    v["data"] = data;
    match place {
        Place::Guild => {
            v["guild_id"] = json!(GUILD_ID);
            v["channel_id"] = json!(CHANNEL_ID);
            v["member"] = json!({
                "user": user_json(USER_ID), "roles": [], "deaf": false, "mute": false,
                "flags": 0, "permissions": "2147485696",
            });
        }
        Place::Dm => {
            v["channel_id"] = json!(DM_CHANNEL_ID);
            v["user"] = user_json(USER_ID);
        }
    }
    v
}

/// A slash command: `options` as (name, string value).
pub fn slash_json(id: &str, command: &str, options: &[(&str, &str)]) -> Value {
    let options: Vec<Value> = options
        .iter()
        .map(|(name, value)| json!({"name": name, "type": 3, "value": value}))
        .collect();
    interaction_json(
        id,
        2,
        Place::Guild,
        json!({"id": "9", "name": command, "type": 1, "options": options}),
    )
}

/// Autocomplete of the string option `option` of `command`, typed so far: `partial`.
pub fn autocomplete_json(id: &str, command: &str, option: &str, partial: &str) -> Value {
    interaction_json(
        id,
        4,
        Place::Guild,
        json!({"id": "9", "name": command, "type": 1,
               "options": [{"name": option, "type": 3, "value": partial, "focused": true}]}),
    )
}

/// A click on the button `custom_id` under one of the bot's messages.
pub fn button_json(id: &str, custom_id: &str) -> Value {
    let mut message = message_json("500", CHANNEL_ID, BOT_ID, "", &[]);
    message["author"]["bot"] = json!(true);
    interaction_json(
        id,
        3,
        Place::Guild,
        json!({"custom_id": custom_id, "component_type": 2}),
    )
    .as_object()
    .cloned()
    .map(|mut o| {
        o.insert("message".into(), message);
        Value::Object(o)
    })
    .expect("object")
}

/// A message from `author` in `channel`, mentioning `mentions` (user ids).
pub fn message_json(
    id: &str,
    channel: &str,
    author: &str,
    content: &str,
    mentions: &[&str],
) -> Value {
    json!({
        "id": id, "channel_id": channel, "author": user_json(author), "content": content,
        "timestamp": "2024-01-01T00:00:00.000000+00:00", "tts": false,
        "mention_everyone": false,
        "mentions": mentions.iter().map(|m| user_json(m)).collect::<Vec<_>>(),
        "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0,
    })
}

/// A message in a server channel.
pub fn guild_message_json(id: &str, author: &str, content: &str, mentions: &[&str]) -> Value {
    let mut m = message_json(id, CHANNEL_ID, author, content, mentions);
    m["guild_id"] = json!(GUILD_ID);
    m
}

/// A slash command of a group: `/group sub` with `options` (strings, or numbers for integer
/// options), sent by a server member holding `permissions` (Discord's bit set, as a string).
pub fn subcommand_json(
    id: &str,
    group: &str,
    sub: &str,
    options: &[(&str, Value)],
    permissions: &str,
) -> Value {
    let options: Vec<Value> = options
        .iter()
        .map(|(name, value)| {
            let kind = if value.is_number() { 4 } else { 3 };
            json!({"name": name, "type": kind, "value": value})
        })
        .collect();
    with_permissions(
        interaction_json(
            id,
            2,
            Place::Guild,
            json!({"id": "9", "name": group, "type": 1,
                   "options": [{"name": sub, "type": 1, "options": options}]}),
        ),
        permissions,
    )
}

/// The same interaction, from a member holding `permissions` instead.
pub fn with_permissions(mut interaction: Value, permissions: &str) -> Value {
    interaction["member"]["permissions"] = json!(permissions);
    interaction
}

/// A modal (form) submission: type 5, one row per text input (custom id, value).
pub fn modal_json(id: &str, custom_id: &str, fields: &[(&str, &str)], permissions: &str) -> Value {
    let rows: Vec<Value> = fields
        .iter()
        .map(|(field, value)| {
            json!({"type": 1, "components": [{"type": 4, "custom_id": field, "value": value}]})
        })
        .collect();
    with_permissions(
        interaction_json(
            id,
            5,
            Place::Guild,
            json!({"custom_id": custom_id, "components": rows}),
        ),
        permissions,
    )
}

/// A click on the button `custom_id` under `message` (one of the bot's, as Discord sends it).
pub fn button_on_json(id: &str, custom_id: &str, message: Value, permissions: &str) -> Value {
    let mut click = button_json(id, custom_id);
    click["message"] = message;
    with_permissions(click, permissions)
}

/// One of the bot's messages holding an embed titled `title` (as an answer is).
pub fn answer_message_json(id: &str, title: &str) -> Value {
    let mut message = message_json(id, CHANNEL_ID, BOT_ID, "", &[]);
    message["author"]["bot"] = json!(true);
    message["embeds"] = json!([{"title": title, "description": "…", "type": "rich"}]);
    message
}

/// Autocomplete of the string option `option` of `/group sub`, typed so far: `partial`.
pub fn subcommand_autocomplete_json(
    id: &str,
    group: &str,
    sub: &str,
    option: &str,
    partial: &str,
) -> Value {
    with_permissions(
        interaction_json(
            id,
            4,
            Place::Guild,
            json!({"id": "9", "name": group, "type": 1, "options": [{"name": sub, "type": 1,
                   "options": [{"name": option, "type": 3, "value": partial, "focused": true}]}]}),
        ),
        "32",
    )
}

/// Fails the test on any gateway event serenity could not read (serenity would otherwise turn
/// it into `Event::Unknown` silently, and the test would only time out).
pub struct Observer(pub FakeDiscord);

#[poise::serenity_prelude::async_trait]
impl poise::serenity_prelude::RawEventHandler for Observer {
    async fn raw_event(
        &self,
        _ctx: poise::serenity_prelude::Context,
        event: poise::serenity_prelude::Event,
    ) {
        if let poise::serenity_prelude::Event::Unknown(unknown) = event {
            self.0.problem(format!(
                "unreadable event {}: {:?}",
                unknown.kind, unknown.value
            ));
        }
    }
}

/// Starts the real client (`rescbot::discord::run_observed`) against `fake`, with an
/// [`Observer`] that fails the test on unreadable events. Send on the returned channel to stop it.
pub fn spawn_bot(
    fake: &FakeDiscord,
    served: rescbot::discord::Served,
    config: rescbot::config::DiscordConfig,
) -> (
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<anyhow::Result<()>>,
) {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let api = fake.api_url.clone();
    let observer: Arc<dyn poise::serenity_prelude::RawEventHandler> =
        Arc::new(Observer(fake.clone()));
    let task = tokio::spawn(async move {
        rescbot::discord::run_observed(
            "fake-token",
            served,
            config,
            Some(&api),
            async {
                let _ = stopped.await;
            },
            Some(observer),
        )
        .await
    });
    (stop, task)
}
