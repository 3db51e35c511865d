//! What the people running the bot watch: `GET /healthz` and `GET /metrics` (Prometheus text
//! format), served on `ops.listen`. The front end reports questions and the Gateway's state
//! to [`Ops`]; the FAQ and the records are read when asked.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use crate::conversation::{Clock, SystemClock};
use crate::records::Recorder;
use crate::store::FaqStore;

/// How long the Gateway may be away before `/healthz` says so: Discord closes connections
/// now and then, and the client is back within seconds.
pub const GATEWAY_GRACE: Duration = Duration::from_secs(60);

type Labels = Vec<(&'static str, &'static str)>;

/// How a question ended, as counted in `rescbot_questions_total{outcome}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionOutcome {
    Answered,
    Declined,
    SmallTalk,
    /// Refused before matching (empty, too long, no words).
    Invalid,
    /// The reply could not be sent.
    Error,
}

impl QuestionOutcome {
    const ALL: [Self; 5] = [
        Self::Answered,
        Self::Declined,
        Self::SmallTalk,
        Self::Invalid,
        Self::Error,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::Answered => "answered",
            Self::Declined => "declined",
            Self::SmallTalk => "smalltalk",
            Self::Invalid => "invalid",
            Self::Error => "error",
        }
    }
}

/// What happened to a message in an answer channel, or to an answer given there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoAnswer {
    /// Answered by itself.
    Answered,
    /// Not sure: no answer.
    Silent,
    /// Sure, but the channel's per-minute limit was reached.
    Limited,
    /// Someone clicked "Not what I asked" under an answer given by itself.
    Dismissed,
    /// People talking (a reply to someone, a mention, not a question): left alone.
    Talk,
}

impl AutoAnswer {
    const ALL: [Self; 5] = [
        Self::Answered,
        Self::Silent,
        Self::Limited,
        Self::Dismissed,
        Self::Talk,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::Answered => "answered",
            Self::Silent => "silent",
            Self::Limited => "limited",
            Self::Dismissed => "dismissed",
            Self::Talk => "talk",
        }
    }
}

/// The state of this process's Gateway shards.
#[derive(Debug, Default)]
struct Gateway {
    /// Shard id -> connected.
    shards: BTreeMap<u32, bool>,
    /// When a shard last went away while all were connected (clock time).
    down_since: Option<Duration>,
    /// What the bot runs without because Discord refused it (the Message Content intent).
    degraded: Option<String>,
}

/// Counters, the Gateway's state, and what `/healthz` and `/metrics` answer.
pub struct Ops {
    store: Arc<FaqStore>,
    recorder: Arc<Recorder>,
    clock: Arc<dyn Clock>,
    gateway: Mutex<Gateway>,
    registry: Registry,
    /// One counter per [`QuestionOutcome`], in `ALL` order, so counting a question looks
    /// nothing up and allocates nothing.
    questions: [Counter; 5],
    /// One counter per [`AutoAnswer`], in `ALL` order.
    auto_answers: [Counter; 5],
    answer_seconds: Histogram,
    reloads: Family<Labels, Counter>,
    entries: Gauge,
    connected: Gauge,
    dropped: Counter,
}

impl std::fmt::Debug for Ops {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ops").finish_non_exhaustive()
    }
}

impl Ops {
    /// Counting from zero, with the system clock.
    #[must_use]
    pub fn new(store: Arc<FaqStore>, recorder: Arc<Recorder>) -> Self {
        Self::with_clock(store, recorder, Arc::new(SystemClock::default()))
    }

    /// [`Ops::new`] with the clock that times the Gateway's absences (tests move it by hand).
    #[must_use]
    pub fn with_clock(
        store: Arc<FaqStore>,
        recorder: Arc<Recorder>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let mut registry = Registry::with_prefix("rescbot");
        let question_family = Family::<Labels, Counter>::default();
        let questions = QuestionOutcome::ALL.map(|outcome| {
            question_family
                .get_or_create(&vec![("outcome", outcome.label())])
                .clone()
        });
        registry.register(
            "questions",
            "Questions asked, by how they ended",
            question_family,
        );
        let auto_family = Family::<Labels, Counter>::default();
        let auto_answers = AutoAnswer::ALL.map(|result| {
            auto_family
                .get_or_create(&vec![("result", result.label())])
                .clone()
        });
        registry.register(
            "auto_answers",
            "Questions in answer channels, by what the bot did: answered by itself, silent (not sure), limited (per-minute limit), dismissed (\"Not what I asked\"), talk (people talking, left alone)",
            auto_family,
        );
        // 50 µs to about 3 s.
        let answer_seconds = Histogram::new(exponential_buckets(0.000_05, 3.0, 11));
        registry.register(
            "answer_duration_seconds",
            "Time to match a question and compose the reply, in seconds",
            answer_seconds.clone(),
        );
        let reloads = Family::<Labels, Counter>::default();
        for result in ["ok", "refused"] {
            drop(reloads.get_or_create(&vec![("result", result)]));
        }
        registry.register(
            "faq_reloads",
            "FAQ reloads after the files changed, by result",
            reloads.clone(),
        );
        let entries = Gauge::default();
        registry.register(
            "faq_entries",
            "Entries in the FAQ answering now",
            entries.clone(),
        );
        let connected = Gauge::default();
        registry.register(
            "gateway_connected",
            "1 when every shard of this process is connected to the Discord Gateway",
            connected.clone(),
        );
        let dropped = Counter::default();
        registry.register(
            "records_dropped",
            "Question records dropped because the records database was too slow or locked",
            dropped.clone(),
        );
        Self {
            store,
            recorder,
            clock,
            gateway: Mutex::new(Gateway::default()),
            registry,
            questions,
            auto_answers,
            answer_seconds,
            reloads,
            entries,
            connected,
            dropped,
        }
    }

    /// Counts one question and how long answering it took.
    pub fn question(&self, outcome: QuestionOutcome, took: Duration) {
        self.questions[outcome as usize].inc();
        if outcome != QuestionOutcome::Error {
            self.answer_seconds.observe(took.as_secs_f64());
        }
    }

    /// Counts a question whose reply could not be sent (already counted by its outcome).
    pub fn reply_failed(&self) {
        self.question(QuestionOutcome::Error, Duration::ZERO);
    }

    /// Counts what happened in an answer channel.
    pub fn auto_answer(&self, what: AutoAnswer) {
        self.auto_answers[what as usize].inc();
    }

    /// Counts one reload of the FAQ files.
    pub fn reload(&self, ok: bool) {
        let result = if ok { "ok" } else { "refused" };
        self.reloads.get_or_create(&vec![("result", result)]).inc();
    }

    /// Records that shard `id` connected (or resumed) or went away.
    pub fn shard(&self, id: u32, connected: bool) {
        let now = self.clock.now();
        let mut gateway = self.gateway.lock().unwrap_or_else(PoisonError::into_inner);
        let was_up = !gateway.shards.is_empty() && gateway.shards.values().all(|c| *c);
        gateway.shards.insert(id, connected);
        if connected {
            if gateway.shards.values().all(|c| *c) {
                gateway.down_since = None;
            }
        } else if was_up || gateway.down_since.is_none() {
            gateway.down_since = Some(now);
        }
    }

    /// Records what the bot now runs without, and why (shown by `/healthz`).
    pub fn degraded(&self, why: String) {
        self.gateway
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .degraded = Some(why);
    }

    fn all_connected(gateway: &Gateway) -> bool {
        !gateway.shards.is_empty() && gateway.shards.values().all(|c| *c)
    }

    /// `Ok` (with `ok`, and what the bot runs without, if anything) when the FAQ is loaded
    /// and the Gateway is connected (or was within [`GATEWAY_GRACE`]); otherwise why not.
    pub fn health(&self) -> Result<String, String> {
        if self.store.matcher().faq().entries.is_empty() {
            return Err("the FAQ has no entries".to_owned());
        }
        let gateway = self.gateway.lock().unwrap_or_else(PoisonError::into_inner);
        let ok = || match &gateway.degraded {
            Some(why) => format!("ok, degraded: {why}"),
            None => "ok".to_owned(),
        };
        if Self::all_connected(&gateway) {
            return Ok(ok());
        }
        match gateway.down_since {
            None => Err("not connected to the Discord Gateway yet".to_owned()),
            Some(since) => {
                let away = self.clock.now().saturating_sub(since);
                if away <= GATEWAY_GRACE {
                    Ok(ok())
                } else {
                    let down = gateway.shards.values().filter(|c| !**c).count();
                    Err(format!(
                        "{down} of {} Gateway shards disconnected for {} s",
                        gateway.shards.len(),
                        away.as_secs()
                    ))
                }
            }
        }
    }

    /// Every metric in the Prometheus text format.
    #[must_use]
    pub fn metrics(&self) -> String {
        let entries = self.store.matcher().faq().entries.len();
        self.entries.set(i64::try_from(entries).unwrap_or(i64::MAX));
        let connected =
            Self::all_connected(&self.gateway.lock().unwrap_or_else(PoisonError::into_inner));
        self.connected.set(i64::from(connected));
        let dropped = self.recorder.dropped();
        self.dropped
            .inc_by(dropped.saturating_sub(self.dropped.get()));
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }
}

/// The content type of [`Ops::metrics`].
pub const METRICS_CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Answers `GET /healthz` and `GET /metrics` on `listener` until the task is dropped.
///
/// # Errors
/// The listener failed.
pub async fn serve(listener: tokio::net::TcpListener, ops: Arc<Ops>) -> std::io::Result<()> {
    use axum::http::{header, StatusCode};
    use axum::routing::get;

    async fn healthz(
        axum::extract::State(ops): axum::extract::State<Arc<Ops>>,
    ) -> (StatusCode, String) {
        match ops.health() {
            Ok(body) => (StatusCode::OK, format!("{body}\n")),
            Err(why) => (StatusCode::SERVICE_UNAVAILABLE, format!("{why}\n")),
        }
    }
    async fn metrics(
        axum::extract::State(ops): axum::extract::State<Arc<Ops>>,
    ) -> ([(header::HeaderName, &'static str); 1], String) {
        (
            [(header::CONTENT_TYPE, METRICS_CONTENT_TYPE)],
            ops.metrics(),
        )
    }
    let app = axum::Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(ops);
    axum::serve(listener, app).await
}

/// Binds `address` (`host:port`) for [`serve`].
///
/// # Errors
/// The address is taken or not allowed.
pub async fn bind(address: &str) -> std::io::Result<(tokio::net::TcpListener, SocketAddr)> {
    let listener = tokio::net::TcpListener::bind(address).await?;
    let at = listener.local_addr()?;
    Ok((listener, at))
}

/// Where `rescbot health` asks by default: `/healthz` on `listen` (an address the bot listens
/// on for every interface is asked on this machine's loopback), or on 127.0.0.1:9100.
#[must_use]
pub fn health_url(listen: Option<&str>) -> String {
    let at = listen
        .and_then(|a| a.parse::<SocketAddr>().ok())
        .map_or_else(
            || SocketAddr::from(([127, 0, 0, 1], 9100)),
            |mut a| {
                if a.ip().is_unspecified() {
                    a.set_ip(if a.is_ipv4() {
                        std::net::Ipv4Addr::LOCALHOST.into()
                    } else {
                        std::net::Ipv6Addr::LOCALHOST.into()
                    });
                }
                a
            },
        );
    format!("http://{at}/healthz")
}

/// Asks `url` (a `/healthz`); `Ok` with the body when it answers 200, else why not.
///
/// # Errors
/// Not 200, no answer within `timeout`, or no connection, said in a sentence.
pub async fn probe(url: &str, timeout: Duration) -> Result<String, String> {
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .no_proxy()
        .build()
        .map_err(|e| format!("cannot make an HTTP client: {e}"))?;
    let response = client
        .get(url)
        .send()
        .await
        .map_err(|e| format!("no answer from {url}: {e}"))?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    if status.is_success() {
        Ok(body)
    } else {
        Err(format!("{url} answered {status}: {}", body.trim_end()))
    }
}
