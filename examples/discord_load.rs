//! Load check of the Discord front end: 1,000 `/ask` interactions in one burst through the
//! fake Discord of the tests, each answered exactly once; prints dispatch-to-reply latency.
//!
//! `cargo run --release --example discord_load`

#[cfg(feature = "discord")]
#[path = "../tests/support/mod.rs"]
mod support;

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

    pub async fn run() -> anyhow::Result<()> {
        std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
        std::env::set_var("no_proxy", "127.0.0.1,localhost");
        let store = rescbot::store::FaqStore::open(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("faq"),
            MatchConfig::default(),
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let served = rescbot::discord::Served::new(
            Arc::new(store),
            Arc::new(rescbot::records::Recorder::disabled()),
        );
        let fake = FakeDiscord::start().await;
        let (stop, bot) = support::spawn_bot(&fake, served, DiscordConfig::default());
        fake.wait_request("PUT", &format!("/applications/{BOT_ID}/commands"))
            .await;
        fake.wait_sessions(1).await;

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
        let _ = stop.send(());
        bot.await??;
        Ok(())
    }
}
