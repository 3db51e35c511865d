//! Load check of the Discord front end: 1,000 `/ask` interactions in one burst through the
//! fake Discord of the tests, each answered exactly once, then 1,000 with 50 in flight, then
//! 100 one at a time; prints dispatch-to-reply latency and CPU time per question.
//!
//! `cargo run --release --example discord_load`

#[cfg(feature = "discord")]
#[path = "../tests/support/mod.rs"]
mod support;

/// The binary's allocator, so the figures are the ones `rescbot serve` sees.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(feature = "discord"))]
fn main() {
    eprintln!("discord_load needs the `discord` feature");
}

#[cfg(feature = "discord")]
fn main() -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(load::run())
}

#[cfg(feature = "discord")]
mod load {
    use std::collections::HashMap;
    use std::path::Path;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use rescbot::config::DiscordConfig;
    use rescbot::MatchConfig;

    use super::support::{self, FakeDiscord, BOT_ID};

    const INTERACTIONS: usize = 1000;
    const SEQUENTIAL: usize = 100;
    /// Questions waiting for their reply at once in the steady run.
    const IN_FLIGHT: usize = 50;
    const QUESTIONS: [&str; 8] = [
        "Who leads LEARN?",
        "What is a RESC?",
        "What is the RESC Alliance?",
        "How many RESCs are there?",
        "Who is the executive director of ACES?",
        "What does EASTCONN stand for?",
        "What is the capital of France?",
        "Do RESCs charge fees?",
    ];

    /// CPU time this process has used (user and system, all threads), from /proc.
    fn cpu_time() -> Duration {
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map_or("", |(_, rest)| rest)
            .split_whitespace()
            .collect();
        let ticks: u64 = [11, 12]
            .iter()
            .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
            .sum();
        // USER_HZ is 100 on Linux.
        Duration::from_millis(ticks * 10)
    }

    pub async fn run() -> anyhow::Result<()> {
        support::no_proxy();
        let store = rescbot::store::FaqStore::open(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("faq"),
            MatchConfig::default(),
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        // Questions are recorded, as `rescbot serve` does by default.
        let data = tempfile::tempdir()?;
        let recorder = rescbot::records::Recorder::open(&data.path().join("rescbot.db"))?;
        let served = rescbot::discord::Served::new(Arc::new(store), Arc::new(recorder));
        let ops = Arc::clone(&served.ops);
        let fake = FakeDiscord::start().await;
        let (stop, bot) = support::spawn_bot(&fake, served, DiscordConfig::default());
        fake.wait_request("PUT", &format!("/applications/{BOT_ID}/commands"))
            .await;
        fake.wait_sessions(1).await;

        burst(&fake).await?;
        steady(&fake, &ops).await;
        one_at_a_time(&fake).await;
        let _ = stop.send(());
        bot.await??;
        Ok(())
    }

    /// 1,000 questions sent at once: each answered exactly once, and the latency (queueing).
    async fn burst(fake: &FakeDiscord) -> anyhow::Result<()> {
        let start = Instant::now();
        let mut sent = HashMap::with_capacity(INTERACTIONS);
        for n in 0..INTERACTIONS {
            let id = (100_000 + n).to_string();
            let question = QUESTIONS[n % QUESTIONS.len()];
            sent.insert(format!("/interactions/{id}/tok/callback"), Instant::now());
            fake.dispatch(
                "INTERACTION_CREATE",
                support::slash_json(&id, "ask", &[("question", question)]),
            )
            .await;
        }
        let burst = start.elapsed();
        let replies = fake
            .wait_for("every reply", |reqs| {
                // Count on every change, copy once: copying every reply on each change is
                // quadratic, and it holds the fake's lock while replies arrive.
                let is_reply = |r: &&support::Recorded| r.path.starts_with("/interactions/");
                (reqs.iter().filter(is_reply).count() >= INTERACTIONS)
                    .then(|| reqs.iter().filter(is_reply).cloned().collect::<Vec<_>>())
            })
            .await;
        let total = start.elapsed();

        let mut seen: HashMap<&str, usize> = HashMap::new();
        for r in &replies {
            *seen.entry(r.path.as_str()).or_default() += 1;
        }
        let once = sent
            .keys()
            .filter(|p| seen.get(p.as_str()) == Some(&1))
            .count();
        anyhow::ensure!(
            once == INTERACTIONS && replies.len() == INTERACTIONS,
            "{once} of {INTERACTIONS} interactions answered exactly once ({} replies)",
            replies.len()
        );
        let mut latencies: Vec<Duration> = replies
            .iter()
            .map(|r| r.at.saturating_duration_since(sent[&r.path]))
            .collect();
        latencies.sort();
        let pct = |p: usize| latencies[(latencies.len() * p / 100).min(latencies.len() - 1)];
        println!("{INTERACTIONS} /ask interactions, all answered exactly once");
        println!("burst sent in {burst:.1?}, all answered in {total:.1?}");
        println!(
            "dispatch-to-reply latency: p50 {:.2?}, p99 {:.2?}, max {:.2?}",
            pct(50),
            pct(99),
            latencies[latencies.len() - 1]
        );
        Ok(())
    }

    /// 1,000 questions with at most `IN_FLIGHT` waiting: latency, CPU and engine time.
    async fn steady(fake: &FakeDiscord, ops: &rescbot::ops::Ops) {
        // A steady load: at most IN_FLIGHT questions waiting for their reply at any time.
        let before = fake.requests().len();
        let mut sent_at: HashMap<String, Instant> = HashMap::with_capacity(INTERACTIONS);
        let cpu_start = cpu_time();
        let start = Instant::now();
        for n in 0..INTERACTIONS {
            if n >= IN_FLIGHT {
                let answered = n + 1 - IN_FLIGHT;
                fake.wait_for("a reply, to keep the window full", |reqs| {
                    (reqs[before..]
                        .iter()
                        .filter(|r| r.path.starts_with("/interactions/"))
                        .count()
                        >= answered)
                        .then_some(())
                })
                .await;
            }
            let id = (300_000 + n).to_string();
            sent_at.insert(format!("/interactions/{id}/tok/callback"), Instant::now());
            fake.dispatch(
                "INTERACTION_CREATE",
                support::slash_json(&id, "ask", &[("question", QUESTIONS[n % QUESTIONS.len()])]),
            )
            .await;
        }
        let steady = fake
            .wait_for("every steady reply", |reqs| {
                let replies: Vec<_> = reqs[before..]
                    .iter()
                    .filter(|r| r.path.starts_with("/interactions/"))
                    .collect();
                (replies.len() >= INTERACTIONS).then(|| {
                    replies
                        .iter()
                        .map(|r| r.at.saturating_duration_since(sent_at[&r.path]))
                        .collect::<Vec<_>>()
                })
            })
            .await;
        let took = start.elapsed();
        let cpu = cpu_time().saturating_sub(cpu_start);
        let mut steady = steady;
        steady.sort();
        let pct = |p: usize| steady[(steady.len() * p / 100).min(steady.len() - 1)];
        println!(
            "{IN_FLIGHT} in flight ({INTERACTIONS} questions in {took:.2?}): p50 {:.2?}, p99 {:.2?}, max {:.2?}",
            pct(50),
            pct(99),
            steady[steady.len() - 1]
        );
        println!(
            "process CPU time (bot and fake Discord together): {:.0?} per question",
            cpu / u32::try_from(INTERACTIONS).unwrap_or(1)
        );
        // The engine's part (matching and composing the reply), from the bot's own metrics.
        let metrics = ops.metrics();
        let value = |name: &str| {
            metrics
                .lines()
                .find_map(|l| l.strip_prefix(name)?.trim().parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        let (sum, count) = (
            value("rescbot_answer_duration_seconds_sum"),
            value("rescbot_answer_duration_seconds_count"),
        );
        println!(
            "engine time (match and compose), all questions so far: {:.0} µs per question",
            sum / count.max(1.0) * 1e6
        );
    }

    /// The same path without queueing: one question at a time.
    async fn one_at_a_time(fake: &FakeDiscord) {
        // The same path without queueing: one question at a time.
        let mut alone: Vec<Duration> = Vec::with_capacity(SEQUENTIAL);
        for n in 0..SEQUENTIAL {
            let id = (200_000 + n).to_string();
            let sent = Instant::now();
            fake.dispatch(
                "INTERACTION_CREATE",
                support::slash_json(&id, "ask", &[("question", QUESTIONS[n % QUESTIONS.len()])]),
            )
            .await;
            let path = format!("/interactions/{id}/tok/callback");
            let at = fake
                .wait_for("a sequential reply", |reqs| {
                    reqs.iter().rev().find(|r| r.path == path).map(|r| r.at)
                })
                .await;
            alone.push(at.saturating_duration_since(sent));
        }
        alone.sort();
        println!(
            "one at a time ({SEQUENTIAL} questions): p50 {:.2?}, p99 {:.2?}",
            alone[SEQUENTIAL / 2],
            alone[SEQUENTIAL * 99 / 100]
        );
    }
}
