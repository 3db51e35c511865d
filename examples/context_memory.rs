//! Memory held by the conversation contexts of 100,000 askers (`cargo run --release --example
//! context_memory`): each asker asks one question from a rotation of realistic ones, and the
//! process's resident memory is read before and after.

use std::sync::Arc;
use std::time::Duration;

use rescbot::conversation::{Conversations, SystemClock, MAX_ASKERS};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const QUESTIONS: &[&str] = &[
    "who leads LEARN?",
    "What is the RESC Alliance?",
    "is the executive director of EdAdvance a doctor?",
    "when was the RESC Alliance Accord signed?",
    "how do RESCs help districts save money on special education services?",
    "who runs CREC",
    "what law created the RESCs in Connecticut",
    "what's LEARN's fax number?",
];

fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("faq");
    let faq = rescbot::load_dir(&dir).expect("the shipped FAQ loads");
    let matcher = rescbot::Matcher::new(faq, rescbot::MatchConfig::default());
    let conversations = Conversations::new(
        Duration::from_secs(600),
        MAX_ASKERS,
        Arc::new(SystemClock::default()),
    );
    // Warm up: the allocator's and the matcher's first-use costs are not the contexts'.
    for (i, q) in QUESTIONS.iter().enumerate() {
        conversations.ask(&matcher, &format!("warm-{i}"), q);
    }
    let before = resident_bytes();
    for i in 0..MAX_ASKERS {
        let asker = format!(
            "{}:{}",
            1_000_000_000_000_000_000u64 + i as u64,
            900_000_000_000_000_000u64 + i as u64
        );
        conversations.ask(&matcher, &asker, QUESTIONS[i % QUESTIONS.len()]);
    }
    let after = resident_bytes();
    #[allow(clippy::cast_precision_loss)]
    let mib = (after.saturating_sub(before)) as f64 / (1024.0 * 1024.0);
    println!(
        "{} askers remembered: resident memory grew by {mib:.1} MiB ({:.0} bytes per asker)",
        conversations.len(),
        mib * 1024.0 * 1024.0 / conversations.len() as f64
    );
}
