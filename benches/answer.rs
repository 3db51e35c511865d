//! Answer latency and load-and-index time, on the shipped FAQ and on synthetic FAQs of
//! 1,000, 10,000 and 100,000 entries (`cargo bench`).
//!
//! Before criterion's own measurements it prints, per FAQ, the latency percentiles of single
//! questions (p50/p99, which criterion's means do not show), load-and-index time, and the
//! top-1 accuracy on the synthetic queries.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::Criterion;
use rescbot::synth::SynthQuery;
use rescbot::{eval, load_dir, MatchConfig, Matcher};

/// Every question of the folders (of `tests/eval`, `tests/blind` and `tests/pool`): short and
/// long, chatty and terse, answered and declined.
fn shipped_questions(folders: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut questions = Vec::new();
    let files = folders
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).expect("question folder"));
    for entry in files {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("question set");
        questions.extend(
            eval::parse(&text)
                .expect("valid set")
                .iter()
                .flat_map(|item| item.cases().iter().map(|c| c.q.clone())),
        );
    }
    questions
}

fn load(dir: &Path) -> Matcher {
    Matcher::new(load_dir(dir).expect("valid FAQ"), MatchConfig::default())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// Times each question on its own, three rounds, and prints p50/p99.
fn latency_line(name: &str, m: &Matcher, questions: &[String]) {
    for q in questions.iter().take(50) {
        let _ = m.ask(q);
    }
    let mut times: Vec<Duration> = (0..3)
        .flat_map(|_| questions.iter())
        .map(|q| {
            let start = Instant::now();
            let reply = m.ask(q);
            let elapsed = start.elapsed();
            std::hint::black_box(reply);
            elapsed
        })
        .collect();
    times.sort();
    println!(
        "{name:<22} questions {:>5}  p50 {:>8.1?}  p99 {:>8.1?}",
        times.len(),
        percentile(&times, 0.50),
        percentile(&times, 0.99)
    );
}

fn main() {
    let shipped_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("faq");
    let shipped = load(&shipped_dir);
    // The target is set over `tests/eval` and `tests/blind`; the pool's long messages are
    // timed too.
    let targeted = shipped_questions(&["tests/eval", "tests/blind"]);
    let questions = shipped_questions(&["tests/eval", "tests/blind", "tests/pool"]);
    let tmp = tempfile::tempdir().expect("temp dir");
    let sizes = [1_000usize, 10_000, 100_000];

    println!("== percentiles and accuracy");
    latency_line("shipped, eval+blind", &shipped, &targeted);
    latency_line("shipped, all sets", &shipped, &questions);
    for n in sizes {
        let out = tmp.path().join(n.to_string());
        rescbot::synth::write(n, 1, 1000, &out).expect("write synthetic FAQ");
        let start = Instant::now();
        let m = load(&out.join("faq"));
        let load_time = start.elapsed();
        let queries: Vec<SynthQuery> = serde_yaml::from_str(
            &std::fs::read_to_string(out.join("queries.yaml")).expect("queries"),
        )
        .expect("queries parse");
        let hits = queries
            .iter()
            .filter(|q| m.ask(&q.q).candidates.first().is_some_and(|c| c.id == q.id))
            .count();
        let texts: Vec<String> = queries.into_iter().map(|q| q.q).collect();
        latency_line(&format!("synthetic {n}"), &m, &texts);
        println!(
            "{:<22} load+index {load_time:>8.2?}  top-1 accuracy {:.3} ({hits}/{})",
            "",
            hits as f64 / texts.len() as f64,
            texts.len()
        );
    }

    let mut c = Criterion::default().configure_from_args();
    c.bench_function("ask/shipped", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % questions.len();
            shipped.ask(&questions[i])
        });
    });
    c.bench_function("load_and_index/shipped", |b| b.iter(|| load(&shipped_dir)));
    for n in sizes {
        let dir = tmp.path().join(n.to_string());
        let m = load(&dir.join("faq"));
        let queries: Vec<SynthQuery> = serde_yaml::from_str(
            &std::fs::read_to_string(dir.join("queries.yaml")).expect("queries"),
        )
        .expect("queries parse");
        c.bench_function(&format!("ask/synthetic-{n}"), |b| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % queries.len();
                m.ask(&queries[i].q)
            });
        });
        drop(m);
        let mut group = c.benchmark_group("load_and_index");
        if n >= 10_000 {
            group.sample_size(10);
        }
        group.bench_function(format!("synthetic-{n}"), |b| {
            b.iter(|| load(&dir.join("faq")));
        });
        group.finish();
    }
    c.final_summary();
}
