//! Keeping the disk from filling: question records older than `records.keep_days` and FAQ
//! backups beyond `faq.keep_backups` per file are deleted at start and once a day.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::records::Recorder;
use crate::store::FaqStore;

/// How often the bot prunes while it runs.
pub const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// What one pruning deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    /// Question and feedback rows.
    pub records: usize,
    /// Backup files.
    pub backups: usize,
}

/// Deletes records older than `keep_days` before `now` and the backups beyond the store's
/// `faq.keep_backups`, logging what went and any failure (which never stops the bot).
pub fn prune(store: &FaqStore, recorder: &Recorder, keep_days: u32, now: SystemTime) -> Pruned {
    let now = now
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let cutoff = now.saturating_sub(i64::from(keep_days) * 86_400);
    let records = recorder.prune_before(cutoff).unwrap_or_else(|e| {
        tracing::warn!("cannot prune the question records: {e}");
        0
    });
    let dir = store.dir();
    let backups =
        crate::edit::prune_backups(dir, store.faq_config.keep_backups).unwrap_or_else(|e| {
            tracing::warn!(dir = %dir.display(), "cannot prune the FAQ backups: {e}");
            0
        });
    if records + backups > 0 {
        tracing::info!(
            records,
            backups,
            keep_days,
            keep_backups = store.faq_config.keep_backups,
            "pruned old records and backups"
        );
    }
    Pruned { records, backups }
}

/// Prunes now and then every [`EVERY`], reading the time from `wall` (the system clock in
/// the bot, a controlled one in tests), until the task is dropped. Each pruning runs off the
/// async threads. `pruned` hears of each one.
pub async fn prune_daily(
    store: Arc<FaqStore>,
    recorder: Arc<Recorder>,
    keep_days: u32,
    wall: impl Fn() -> SystemTime + Send + Sync + 'static,
    pruned: impl Fn(Pruned) + Send + Sync + 'static,
) {
    let wall = Arc::new(wall);
    let mut ticks = tokio::time::interval(EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let (store, recorder, wall) =
            (Arc::clone(&store), Arc::clone(&recorder), Arc::clone(&wall));
        let done =
            tokio::task::spawn_blocking(move || prune(&store, &recorder, keep_days, wall())).await;
        match done {
            Ok(done) => pruned(done),
            Err(e) => tracing::warn!("pruning stopped unexpectedly: {e}"),
        }
    }
}
