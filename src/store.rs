//! The FAQ the bot answers from while it runs, replaced whole when the files change.
//!
//! Moderators edit the FAQ files while the bot is answering. [`FaqStore`] loads and indexes
//! the whole folder, and only when every file is valid does it swap the new [`Matcher`] in;
//! a folder with problems is refused as a whole, the errors are reported with file, line and
//! column, and the last good FAQ keeps answering. Readers take a snapshot
//! ([`FaqStore::matcher`]) without ever waiting on a reload, so a question sees either the old
//! FAQ or the new one, never a mix.
//!
//! [`FaqStore::watch`] polls the folder instead of using file-system notifications: polling
//! works the same on Docker volumes and network shares, where inotify events do not arrive, and
//! a fingerprint of file names, sizes and modification times every ~200 ms costs next to
//! nothing. A change is loaded once it has been stable for one poll, so a file that is still
//! being saved is not read half-written.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};
use std::{fmt, fs};

use arc_swap::ArcSwap;

use crate::config::{FaqConfig, MatchConfig};
use crate::faq::{self, Entry, Faq, FaqErrors};
use crate::matcher::Matcher;

/// The FAQ folder and the matcher currently answering from it.
pub struct FaqStore {
    pub(crate) dir: PathBuf,
    config: MatchConfig,
    pub(crate) faq_config: FaqConfig,
    current: ArcSwap<Matcher>,
    /// Reloads and edits take turns, so an edit's read-check-write is never interleaved with
    /// another; readers never take it.
    writer: Mutex<()>,
    /// The folder as it was when last loaded (taken just before reading it, so a save during
    /// a load is seen as a change afterwards); the watcher compares against it.
    loaded: Mutex<Fingerprint>,
    /// Test hook: make the next safe edits stop just before the rename, as a crash would.
    pub(crate) crash_before_rename: AtomicBool,
}

impl fmt::Debug for FaqStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FaqStore")
            .field("dir", &self.dir)
            .field("entries", &self.current.load().faq().entries.len())
            .finish_non_exhaustive()
    }
}

impl FaqStore {
    /// Loads the FAQ folder, with the default [`FaqConfig`] for edits.
    pub fn open(dir: impl Into<PathBuf>, config: MatchConfig) -> Result<Self, FaqErrors> {
        Self::open_with(dir, config, FaqConfig::default())
    }

    /// Loads the FAQ folder; `faq_config` says where edits and their audit log go.
    pub fn open_with(
        dir: impl Into<PathBuf>,
        config: MatchConfig,
        faq_config: FaqConfig,
    ) -> Result<Self, FaqErrors> {
        let dir = dir.into();
        let loaded = Mutex::new(fingerprint(&dir));
        let faq = faq::load_dir(&dir)?;
        let matcher = Matcher::new(faq, config.clone());
        Ok(Self {
            dir,
            config,
            faq_config,
            current: ArcSwap::from_pointee(matcher),
            writer: Mutex::new(()),
            loaded,
            crash_before_rename: AtomicBool::new(false),
        })
    }

    /// The FAQ folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The matcher answering now. Hold the snapshot for one question (or one command): a
    /// reload during it does not change what it sees.
    #[must_use]
    pub fn matcher(&self) -> Arc<Matcher> {
        self.current.load_full()
    }

    /// Loads and indexes the folder again and swaps it in when it is valid.
    ///
    /// # Errors
    /// Every problem found, each with file, line and column; the last good FAQ stays.
    pub fn reload(&self) -> Result<ReloadSummary, FaqErrors> {
        let _turn = self.writer_turn();
        *self.loaded.lock().unwrap_or_else(PoisonError::into_inner) = fingerprint(&self.dir);
        match faq::load_dir(&self.dir) {
            Ok(faq) => {
                let summary = self.install(faq);
                tracing::info!(dir = %self.dir.display(), "{summary}");
                Ok(summary)
            }
            Err(errors) => {
                for e in &errors.0 {
                    tracing::warn!(dir = %self.dir.display(), "FAQ reload refused: {e}");
                }
                tracing::warn!(
                    dir = %self.dir.display(),
                    problems = errors.0.len(),
                    "FAQ reload refused; still answering from the last good FAQ"
                );
                Err(errors)
            }
        }
    }

    /// Waits for the other writer (a reload or an edit) to finish.
    pub(crate) fn writer_turn(&self) -> MutexGuard<'_, ()> {
        // A writer that panicked left no half-done state behind: the swap is one store.
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Indexes a validated FAQ and makes it the one answering.
    pub(crate) fn install(&self, faq: Faq) -> ReloadSummary {
        let matcher = Arc::new(Matcher::new(faq, self.config.clone()));
        let old = self.current.swap(Arc::clone(&matcher));
        let summary = ReloadSummary::between(old.faq(), matcher.faq());
        // Freeing a large FAQ takes a while and nobody waits for it.
        std::thread::spawn(move || drop(old));
        summary
    }

    /// The FAQ answering now when the files (`now`, a fingerprint just taken) are as they
    /// were when it was loaded, so an edit need not read them all again; `None` when a file
    /// changed since.
    pub(crate) fn unchanged_faq(&self, now: &Fingerprint) -> Option<Arc<Matcher>> {
        let loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        (*loaded == *now).then(|| self.matcher())
    }

    /// After an edit wrote `path`: the folder counts as loaded when nothing but that file
    /// changed since `before`, so the watcher does not load it all again; any other change
    /// is still seen and reloaded.
    pub(crate) fn edited(&self, before: &Fingerprint, path: &Path) {
        let after = fingerprint(&self.dir);
        let others = |fp: &Fingerprint| -> Fingerprint {
            fp.iter().filter(|(p, ..)| p != path).cloned().collect()
        };
        let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        if others(before) == others(&after) && others(&loaded) == others(before) {
            *loaded = after;
        }
    }

    /// The folder's fingerprint now.
    pub(crate) fn fingerprint(&self) -> Fingerprint {
        fingerprint(&self.dir)
    }

    /// Watches the folder from a background thread, reloading once a change has been stable
    /// for one `poll`, and tells `on_change` how each reload went. Stops when the returned
    /// [`Watcher`] is dropped.
    pub fn watch(
        self: Arc<Self>,
        poll: Duration,
        on_change: impl Fn(ReloadOutcome) + Send + 'static,
    ) -> Watcher {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let mut pending: Option<Fingerprint> = None;
            while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(poll) {
                let now = fingerprint(&self.dir);
                let loaded = self
                    .loaded
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone();
                if now == loaded {
                    pending = None;
                    continue;
                }
                if pending.as_ref() != Some(&now) {
                    // Changed since the last look: wait one poll for the save to finish.
                    pending = Some(now);
                    continue;
                }
                pending = None;
                on_change(match self.reload() {
                    Ok(summary) => ReloadOutcome::Reloaded(summary),
                    Err(errors) => ReloadOutcome::Refused(errors),
                });
            }
        });
        Watcher {
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

/// The background thread of [`FaqStore::watch`]; dropping it stops the thread.
#[derive(Debug)]
pub struct Watcher {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        // Closing the channel wakes the thread at once instead of after a poll.
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Names, sizes, modification times and, for links, what they point to, of the FAQ files:
/// cheap to take, and different after any save, including the swap of a Kubernetes
/// `ConfigMap`'s `..data` link, which changes no name in the folder.
pub(crate) type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>, Option<PathBuf>)>;

fn fingerprint(dir: &Path) -> Fingerprint {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Fingerprint = read
        .filter_map(Result::ok)
        .filter(|e| faq::is_faq_file_name(&e.path()))
        .filter_map(|e| {
            let path = e.path();
            // Follows links: what is read is the file they point to.
            let meta = fs::metadata(&path).ok()?;
            let target = path
                .is_symlink()
                .then(|| fs::canonicalize(&path).ok())
                .flatten();
            Some((path, meta.len(), meta.modified().ok(), target))
        })
        .collect();
    files.sort();
    files
}

/// How one reload by the watcher went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReloadOutcome {
    /// The new FAQ is answering.
    Reloaded(ReloadSummary),
    /// The folder has problems; the last good FAQ is still answering.
    Refused(FaqErrors),
}

impl fmt::Display for ReloadOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Reloaded(summary) => summary.fmt(f),
            Self::Refused(errors) => write!(
                f,
                "The FAQ files were changed but have problems; still answering from the last good FAQ.\n{errors}"
            ),
        }
    }
}

/// What a reload changed, by entry id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReloadSummary {
    /// Entries in the new FAQ.
    pub entries: usize,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Same id, different question, alternates, answer or tags.
    pub changed: Vec<String>,
}

impl ReloadSummary {
    /// What changed from `old` to `new`, by entry id; linear in the size of both (a reload
    /// of a large FAQ compares every entry).
    #[must_use]
    pub fn between(old: &Faq, new: &Faq) -> Self {
        let same = |a: &Entry, b: &Entry| {
            a.question == b.question
                && a.alternates == b.alternates
                && a.answer == b.answer
                && a.tags == b.tags
        };
        let before: HashMap<&str, &Entry> =
            old.entries.iter().map(|e| (e.id.as_str(), e)).collect();
        let mut summary = Self {
            entries: new.entries.len(),
            ..Self::default()
        };
        for e in &new.entries {
            match before.get(e.id.as_str()) {
                None => summary.added.push(e.id.clone()),
                Some(before) if !same(before, e) => summary.changed.push(e.id.clone()),
                Some(_) => {}
            }
        }
        let after: HashSet<&str> = new.entries.iter().map(|e| e.id.as_str()).collect();
        summary.removed = old
            .entries
            .iter()
            .filter(|e| !after.contains(e.id.as_str()))
            .map(|e| e.id.clone())
            .collect();
        summary
    }

    /// Nothing was added, removed or changed (a file was saved as it was, say).
    #[must_use]
    pub fn is_unchanged(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Ids named per kind in a summary: it stays one line even when a whole file was replaced.
const SHOWN: usize = 5;

impl fmt::Display for ReloadSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FAQ reloaded: {} entries", self.entries)?;
        if self.is_unchanged() {
            return f.write_str(", nothing changed");
        }
        for (what, ids) in [
            ("added", &self.added),
            ("removed", &self.removed),
            ("changed", &self.changed),
        ] {
            if ids.is_empty() {
                continue;
            }
            let mut list = ids
                .iter()
                .take(SHOWN)
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ");
            if ids.len() > SHOWN {
                list.push_str(&format!(" and {} more", ids.len() - SHOWN));
            }
            write!(f, "; {what} {list}")?;
        }
        Ok(())
    }
}

impl FaqStore {
    /// Test hook: while on, safe edits stop right before replacing the file, as a crash
    /// there would.
    #[doc(hidden)]
    pub fn simulate_crash_before_rename(&self, on: bool) {
        self.crash_before_rename.store(on, Ordering::SeqCst);
    }
}
