//! How long a large FAQ takes to open, to reload after one changed file, and to take an edit
//! made from Discord (`cargo bench --bench edit`). Uses the binary's allocator, so the figures
//! are the ones `rescbot serve` sees.

use std::path::Path;
use std::time::Instant;

use rescbot::config::FaqConfig;
use rescbot::edit::EntryDraft;
use rescbot::store::FaqStore;
use rescbot::MatchConfig;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    println!(
        "{:<10} {:>10} {:>18} {:>12}",
        "entries", "open", "reload (1 file)", "/faq add"
    );
    for n in [10_000usize, 30_000, 100_000] {
        let out = tmp.path().join(n.to_string());
        rescbot::synth::write(n, 1, 10, &out).expect("write synthetic FAQ");
        let dir = out.join("faq");
        let config = FaqConfig {
            audit_log: out.join("audit.jsonl"),
            ..FaqConfig::default()
        };
        let start = Instant::now();
        let store = FaqStore::open_with(&dir, MatchConfig::default(), config).expect("valid FAQ");
        let open = start.elapsed();

        let file = first_file(&dir);
        let text = std::fs::read_to_string(&file).expect("read");
        std::fs::write(&file, text.replacen("answer: ", "answer: Changed. ", 1)).expect("write");
        let start = Instant::now();
        let summary = store.reload().expect("reload");
        let reload = start.elapsed();
        assert_eq!(summary.changed.len(), 1, "{summary}");

        let draft = EntryDraft {
            question: "What is the blue walrus policy?".to_owned(),
            answer: "Blue walruses are welcome.".to_owned(),
            ..EntryDraft::default()
        };
        // When the new entry answers, seen from another thread, as a question would see it.
        let store = std::sync::Arc::new(store);
        let watcher = {
            let store = std::sync::Arc::clone(&store);
            std::thread::spawn(move || {
                let start = Instant::now();
                while store
                    .matcher()
                    .entry("what-is-the-blue-walrus-policy")
                    .is_none()
                {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                start.elapsed()
            })
        };
        let start = Instant::now();
        store.add_entry(&draft, "bench").expect("add");
        let add = start.elapsed();
        let live = watcher.join().expect("watcher");
        println!("{n:<10} {open:>10.2?} {reload:>18.2?} {add:>12.2?} {live:>12.2?}");
    }
}

fn first_file(dir: &Path) -> std::path::PathBuf {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("synth"))
        })
        .collect();
    files.sort();
    files.remove(0)
}
