//! What was asked and how it went, so whoever runs the bot can see the questions nobody
//! answered and which answers people found unhelpful, and improve the FAQ from them.
//!
//! Records live in a small `SQLite` database (one file, WAL mode so that reading the stats never
//! blocks the bot while it records). Only the question, normalised to lowercase words, the
//! time, where it was asked (a DM, a channel, the terminal) and the entry answered are kept:
//! never who asked. Recording is best-effort: a failed write is logged and forgotten, because
//! answering matters more than counting. Writes go through a bounded queue to a thread of
//! their own, so a locked or slow database never holds up an answer: when the queue is full,
//! records are dropped, counted ([`Recorder::dropped`]) and warned about. The nearest FAQ entry of an unanswered question is not
//! stored: it depends on the FAQ of the day, so [`nearest_entry`] computes it when reading.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, ErrorCode, OptionalExtension as _};

use crate::matcher::{Matcher, Outcome, Reply, Suggestion};
use crate::text;

/// The schema this code writes; kept in `SQLite`'s `user_version` so a later version can
/// migrate older files and an older version refuses a newer file instead of damaging it.
const SCHEMA_VERSION: i64 = 1;

/// How long a write waits for another process (e.g. `rescbot faq stats`) holding the lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How small talk is recorded in the `entry_id` column: `smalltalk:greeting`.
pub const SMALLTALK_PREFIX: &str = "smalltalk:";

/// Records waiting to be written; beyond this they are dropped rather than making anyone wait.
const QUEUE: usize = 1024;

/// How long closing the recorder waits for the records still queued to be written, and a
/// read for the writes before it.
const DRAIN_WAIT: Duration = Duration::from_secs(10);

/// Most asked entries listed by [`Recorder::stats`].
const TOP_ENTRIES: usize = 5;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS questions (
    id        INTEGER PRIMARY KEY,
    asked_at  INTEGER NOT NULL,  -- unix seconds
    question  TEXT NOT NULL,     -- normalised: lowercase words joined by spaces
    entry_id  TEXT,              -- the entry answered; NULL when declined
    source    TEXT NOT NULL      -- dm, channel or terminal
);
CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at);
CREATE TABLE IF NOT EXISTS feedback (
    id        INTEGER PRIMARY KEY,
    given_at  INTEGER NOT NULL,  -- unix seconds
    question  TEXT NOT NULL,     -- normalised, as in questions
    entry_id  TEXT NOT NULL,     -- the entry whose answer was rated
    helpful   INTEGER NOT NULL,  -- 1 for a thumbs up, 0 for a thumbs down
    source    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_given_at ON feedback (given_at);
";

/// Where a question was asked. Deliberately coarse: no server, channel or user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Dm,
    Channel,
    Terminal,
    /// Answered by the bot itself in an answer channel, without being asked.
    Auto,
}

impl Source {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dm => "dm",
            Self::Channel => "channel",
            Self::Terminal => "terminal",
            Self::Auto => "auto",
        }
    }
}

/// Why the records database cannot be used; each message names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error(
        "cannot create the folder {} for the question records: {source}; create it, or set \
         records.path in the config to a writable place",
        path.display()
    )]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the question records path {} is a folder; set records.path in the config to a file \
         inside it, e.g. {}",
        path.display(),
        path.join("rescbot.db").display()
    )]
    IsDirectory { path: PathBuf },
    #[error(
        "the question records file {} is not a readable SQLite database ({source}); move it \
         aside (rescbot starts a new one) or restore it from a backup",
        path.display()
    )]
    Corrupt {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "cannot write the question records file {} ({source}); check that the disk is not \
         read-only and that rescbot may write the file and its folder, or set records.path \
         in the config to a writable place",
        path.display()
    )]
    Unwritable {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the question records file {} was written by a newer rescbot (schema {found}, this \
         one knows {SCHEMA_VERSION}); upgrade rescbot or point records.path elsewhere",
        path.display()
    )]
    NewerSchema { path: PathBuf, found: i64 },
    #[error("cannot {action} the question records file {}: {source}", path.display())]
    Sqlite {
        action: &'static str,
        path: PathBuf,
        source: rusqlite::Error,
    },
}

impl RecordError {
    /// Sorts an `SQLite` failure into the kinds a person can act on.
    fn from_sqlite(action: &'static str, path: &Path, source: rusqlite::Error) -> Self {
        let path = path.to_owned();
        match source.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                Self::Corrupt { path, source }
            }
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                Self::Unwritable { path, source }
            }
            _ => Self::Sqlite {
                action,
                path,
                source,
            },
        }
    }
}

/// A question that was declined, or whose answer got a thumbs down, in a period.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unanswered {
    /// Normalised: lowercase words joined by spaces.
    pub question: String,
    /// `declined + not_helpful`: what the list is sorted by.
    pub count: u64,
    /// Times the bot declined it.
    pub declined: u64,
    /// Thumbs down given to its answer.
    pub not_helpful: u64,
    /// The latest time it was declined or rated down, in unix seconds.
    pub last_asked: i64,
    /// The entry whose answer was most recently rated down, if any was.
    pub entry_id: Option<String>,
}

/// How the bot did over a period.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Stats {
    /// The period, in days up to now.
    pub days: u32,
    pub asked: u64,
    pub answered: u64,
    /// `answered / asked`, 0 when nothing was asked.
    pub answer_rate: f64,
    /// Thumbs up.
    pub helpful: u64,
    /// Thumbs down.
    pub not_helpful: u64,
    /// The most answered entries with their counts, most first.
    pub top_entries: Vec<(String, u64)>,
    /// Of `answered`, the answers given by the bot itself in answer channels.
    pub answered_by_itself: u64,
    /// Answers given by itself that someone marked "Not what I asked".
    pub dismissed: u64,
}

/// The summary moderators read, in the terminal and in Discord alike.
impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Last {} days: {} questions, {} answered ({:.0}%); rated helpful {}, not helpful {}",
            self.days,
            self.asked,
            self.answered,
            self.answer_rate * 100.0,
            self.helpful,
            self.not_helpful
        )?;
        if self.answered_by_itself > 0 || self.dismissed > 0 {
            write!(
                f,
                "\nIn answer channels: {} answered by the bot itself, {} marked \"Not what I asked\"",
                self.answered_by_itself, self.dismissed
            )?;
        }
        if !self.top_entries.is_empty() {
            let top: Vec<String> = self
                .top_entries
                .iter()
                .map(|(id, n)| format!("{id} ({n})"))
                .collect();
            write!(f, "\nMost asked: {}", top.join(", "))?;
        }
        Ok(())
    }
}

/// Records questions and feedback; cheap to call on every question, safe to share between
/// threads (an `Arc<Recorder>`). Recording never waits for the database: it hands the record
/// to a writer thread through a bounded queue. Reads (stats, unanswered) use their own
/// connection and first wait for the writes queued before them.
pub struct Recorder {
    db: Option<Db>,
}

struct Db {
    path: PathBuf,
    reader: Mutex<Connection>,
    queue: Option<SyncSender<Job>>,
    dropped: Arc<AtomicU64>,
    /// Says when the writer thread has written everything and stopped.
    finished: Mutex<Receiver<()>>,
    writer: Option<JoinHandle<()>>,
}

/// What the writer thread is asked to do.
enum Job {
    Question {
        when: i64,
        question: String,
        entry_id: Option<String>,
        source: Source,
    },
    Feedback {
        when: i64,
        question: String,
        entry_id: String,
        helpful: bool,
        source: Source,
    },
    /// Answer on the channel once everything queued before is written.
    Flush(mpsc::Sender<()>),
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("path", &self.path())
            .finish()
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        // Closing the queue lets the writer finish what is queued and stop; wait for that a
        // bounded time, so a locked database cannot stop the process from exiting.
        drop(self.queue.take());
        let finished = self.finished.lock().unwrap_or_else(PoisonError::into_inner);
        match finished.recv_timeout(DRAIN_WAIT) {
            Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                if let Some(writer) = self.writer.take() {
                    let _ = writer.join();
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                tracing::warn!(path = %self.path.display(), "the question records still being written are lost: the database stayed locked");
            }
        }
    }
}

impl Recorder {
    /// Opens the records at `path`, creating the file and its folder on first use.
    pub fn open(path: &Path) -> Result<Self, RecordError> {
        if path.is_dir() {
            return Err(RecordError::IsDirectory {
                path: path.to_owned(),
            });
        }
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| RecordError::Folder {
                path: folder.to_owned(),
                source,
            })?;
        }
        let sqlite = |action| move |e| RecordError::from_sqlite(action, path, e);
        let conn = Connection::open(path).map_err(sqlite("open"))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(sqlite("configure"))?;
        // The first statement reads the header: a file that is not a database fails here.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sqlite("read"))?;
        if version > SCHEMA_VERSION {
            return Err(RecordError::NewerSchema {
                path: path.to_owned(),
                found: version,
            });
        }
        // WAL: readers (the stats commands) and the writer (the bot) do not block each other.
        // NORMAL sync is safe with WAL; a power cut may lose the last few records, not the file.
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(sqlite("configure"))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(path = %path.display(), mode, "question records are not in WAL mode");
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sqlite("configure"))?;
        if version < SCHEMA_VERSION {
            conn.execute_batch(&format!(
                "BEGIN; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
            ))
            .map_err(sqlite("create the tables of"))?;
        }
        let reader = Connection::open(path).map_err(sqlite("open"))?;
        reader
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(sqlite("configure"))?;
        let (queue, jobs) = mpsc::sync_channel(QUEUE);
        let (done, finished) = mpsc::channel();
        let owned = path.to_owned();
        let writer = std::thread::Builder::new()
            .name("records-writer".to_owned())
            .spawn(move || {
                write_jobs(&conn, &owned, &jobs);
                drop(conn);
                let _ = done.send(());
            })
            .map_err(|source| RecordError::Folder {
                path: path.to_owned(),
                source,
            })?;
        Ok(Self {
            db: Some(Db {
                path: path.to_owned(),
                reader: Mutex::new(reader),
                queue: Some(queue),
                dropped: Arc::new(AtomicU64::new(0)),
                finished: Mutex::new(finished),
                writer: Some(writer),
            }),
        })
    }

    /// Records dropped because the queue to the database was full (it was locked or slow).
    #[must_use]
    pub fn dropped(&self) -> u64 {
        self.db
            .as_ref()
            .map_or(0, |db| db.dropped.load(Ordering::Relaxed))
    }

    /// Waits (a bounded time) until everything recorded so far is written.
    pub fn flush(&self) {
        let Some(queue) = self.db.as_ref().and_then(|db| db.queue.as_ref()) else {
            return;
        };
        let (tx, rx) = mpsc::channel();
        if queue.send(Job::Flush(tx)).is_ok() {
            let _ = rx.recv_timeout(DRAIN_WAIT);
        }
    }

    /// Deletes questions and feedback recorded before `cutoff` (unix seconds), after writing
    /// what is queued. Returns how many rows went.
    pub fn prune_before(&self, cutoff: i64) -> Result<usize, RecordError> {
        let Some(db) = &self.db else { return Ok(0) };
        self.flush();
        let conn = db.reader.lock().unwrap_or_else(PoisonError::into_inner);
        let deleted = (|| -> rusqlite::Result<usize> {
            let tx = conn.unchecked_transaction()?;
            let questions = tx.execute("DELETE FROM questions WHERE asked_at < ?1", [cutoff])?;
            let feedback = tx.execute("DELETE FROM feedback WHERE given_at < ?1", [cutoff])?;
            tx.commit()?;
            Ok(questions + feedback)
        })();
        deleted.map_err(|e| RecordError::from_sqlite("delete old records from", &db.path, e))
    }

    /// A recorder that records nothing and finds nothing: for when recording is off or the
    /// database cannot be opened.
    #[must_use]
    pub fn disabled() -> Self {
        Self { db: None }
    }

    /// Opens the configured records, or, when they are off or cannot be opened (logged as a
    /// warning), a disabled recorder: the bot answers either way.
    #[must_use]
    pub fn from_config(config: &crate::config::RecordsConfig) -> Self {
        if !config.enabled {
            return Self::disabled();
        }
        match Self::open(Path::new(&config.path)) {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!("not recording questions: {e}");
                Self::disabled()
            }
        }
    }

    #[must_use]
    pub fn is_enabled(&self) -> bool {
        self.db.is_some()
    }

    /// The database file, when enabled.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.db.as_ref().map(|db| db.path.as_path())
    }

    /// Records a question and whether it was answered. Invalid questions (empty, too long, no
    /// words) are not recorded. Never fails: errors are logged as warnings.
    pub fn record_question(&self, reply: &Reply, source: Source) {
        self.record_question_at(reply, source, now());
    }

    /// [`Self::record_question`] at a given time (unix seconds), for tests and imports.
    pub fn record_question_at(&self, reply: &Reply, source: Source, when: i64) {
        let entry_id = match &reply.outcome {
            Outcome::Answered { id, .. } => Some(id.clone()),
            // Small talk is not a question nobody answered: recorded under its own name.
            Outcome::SmallTalk { id, .. } => Some(format!("{SMALLTALK_PREFIX}{id}")),
            Outcome::Declined => None,
            Outcome::Invalid(_) => return,
        };
        let Some(question) = normalise(&reply.question) else {
            return;
        };
        self.queue(Job::Question {
            when,
            question,
            entry_id,
            source,
        });
    }

    /// Records a thumbs up (`helpful`) or down on the answer `entry_id` gave to `question` (as
    /// asked or normalised). Never fails: errors are logged as warnings.
    pub fn record_feedback(&self, question: &str, entry_id: &str, helpful: bool, source: Source) {
        self.record_feedback_at(question, entry_id, helpful, source, now());
    }

    /// [`Self::record_feedback`] at a given time (unix seconds), for tests and imports.
    pub fn record_feedback_at(
        &self,
        question: &str,
        entry_id: &str,
        helpful: bool,
        source: Source,
        when: i64,
    ) {
        let Some(question) = normalise(question) else {
            return;
        };
        self.queue(Job::Feedback {
            when,
            question,
            entry_id: entry_id.to_owned(),
            helpful,
            source,
        });
    }

    /// Hands a record to the writer without ever waiting; a full queue drops it.
    fn queue(&self, job: Job) {
        let Some(db) = &self.db else { return };
        let Some(queue) = &db.queue else { return };
        match queue.try_send(job) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                let n = db.dropped.fetch_add(1, Ordering::Relaxed) + 1;
                // Warn on the first drop and then every thousandth, not once per question.
                if n == 1 || n % 1000 == 0 {
                    tracing::warn!(
                        path = %db.path.display(),
                        dropped = n,
                        "question records dropped: the database is not keeping up (locked by another process?)"
                    );
                }
            }
            Err(TrySendError::Disconnected(_)) => {
                tracing::warn!(path = %db.path.display(), "the question records writer has stopped; record dropped");
            }
        }
    }

    fn read<T>(
        &self,
        empty: T,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, RecordError> {
        let Some(db) = &self.db else { return Ok(empty) };
        self.flush();
        let conn = db.reader.lock().unwrap_or_else(PoisonError::into_inner);
        f(&conn).map_err(|e| RecordError::from_sqlite("read", &db.path, e))
    }

    /// The most frequent questions of the last `days` days that were declined or whose answer
    /// got a thumbs down, grouped by normalised question, most frequent (then most recent)
    /// first.
    pub fn unanswered(&self, days: u32, limit: usize) -> Result<Vec<Unanswered>, RecordError> {
        let since = since(days);
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.read(Vec::new(), |conn| {
            let mut statement = conn.prepare_cached(
                "SELECT question, SUM(declined), SUM(not_helpful), MAX(at),
                        (SELECT f.entry_id FROM feedback f
                          WHERE f.question = u.question AND f.helpful = 0 AND f.given_at >= ?1
                          ORDER BY f.given_at DESC LIMIT 1)
                   FROM (SELECT question, 1 AS declined, 0 AS not_helpful, asked_at AS at
                           FROM questions WHERE entry_id IS NULL AND asked_at >= ?1
                         UNION ALL
                         SELECT question, 0, 1, given_at
                           FROM feedback WHERE helpful = 0 AND given_at >= ?1) AS u
                  GROUP BY question
                  ORDER BY SUM(declined) + SUM(not_helpful) DESC, MAX(at) DESC, question
                  LIMIT ?2",
            )?;
            let rows = statement.query_map(params![since, limit], |r| {
                let declined = count(r.get(1)?);
                let not_helpful = count(r.get(2)?);
                Ok(Unanswered {
                    question: r.get(0)?,
                    count: declined + not_helpful,
                    declined,
                    not_helpful,
                    last_asked: r.get(3)?,
                    entry_id: r.get(4)?,
                })
            })?;
            rows.collect()
        })
    }

    /// Questions asked and answered, feedback and the most answered entries over the last
    /// `days` days.
    pub fn stats(&self, days: u32) -> Result<Stats, RecordError> {
        let since = since(days);
        let empty = Stats {
            days,
            asked: 0,
            answered: 0,
            answer_rate: 0.0,
            helpful: 0,
            not_helpful: 0,
            top_entries: Vec::new(),
            answered_by_itself: 0,
            dismissed: 0,
        };
        self.read(empty, |conn| {
            let (asked, answered): (i64, i64) = conn.query_row(
                "SELECT COUNT(*), COUNT(entry_id) FROM questions WHERE asked_at >= ?1",
                [since],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let (helpful, not_helpful): (Option<i64>, Option<i64>) = conn.query_row(
                "SELECT SUM(helpful), SUM(1 - helpful) FROM feedback WHERE given_at >= ?1",
                [since],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let auto = Source::Auto.as_str();
            let answered_by_itself: i64 = conn.query_row(
                "SELECT COUNT(entry_id) FROM questions WHERE asked_at >= ?1 AND source = ?2",
                params![since, auto],
                |r| r.get(0),
            )?;
            let dismissed: i64 = conn.query_row(
                "SELECT COUNT(*) FROM feedback WHERE given_at >= ?1 AND source = ?2 AND helpful = 0",
                params![since, auto],
                |r| r.get(0),
            )?;
            let top_entries = conn
                .prepare_cached(
                    "SELECT entry_id, COUNT(*) AS n FROM questions
                      WHERE asked_at >= ?1 AND entry_id IS NOT NULL
                      GROUP BY entry_id ORDER BY n DESC, entry_id LIMIT ?2",
                )?
                .query_map(params![since, TOP_ENTRIES], |r| {
                    Ok((r.get::<_, String>(0)?, count(r.get(1)?)))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let (asked, answered) = (count(asked), count(answered));
            Ok(Stats {
                days,
                asked,
                answered,
                answer_rate: if asked == 0 {
                    0.0
                } else {
                    answered as f64 / asked as f64
                },
                helpful: count(helpful.unwrap_or(0)),
                not_helpful: count(not_helpful.unwrap_or(0)),
                top_entries,
                answered_by_itself: count(answered_by_itself),
                dismissed: count(dismissed),
            })
        })
    }

    /// Whether anything at all was ever recorded (for "nothing recorded yet").
    pub fn is_empty(&self) -> Result<bool, RecordError> {
        self.read(true, |conn| {
            conn.query_row(
                "SELECT 1 FROM questions UNION ALL SELECT 1 FROM feedback LIMIT 1",
                [],
                |_| Ok(()),
            )
            .optional()
            .map(|row| row.is_none())
        })
    }
}

/// The writer thread: takes the queued records as they come, and writes each batch that has
/// built up in one transaction, until the queue is closed and empty.
fn write_jobs(conn: &Connection, path: &Path, jobs: &Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < QUEUE {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let mut flushed = Vec::new();
        let result = (|| -> rusqlite::Result<()> {
            let tx = conn.unchecked_transaction()?;
            for job in batch {
                match job {
                    Job::Question {
                        when,
                        question,
                        entry_id,
                        source,
                    } => {
                        tx.prepare_cached(
                            "INSERT INTO questions (asked_at, question, entry_id, source) VALUES (?1, ?2, ?3, ?4)",
                        )?
                        .execute(params![when, question, entry_id, source.as_str()])?;
                    }
                    Job::Feedback {
                        when,
                        question,
                        entry_id,
                        helpful,
                        source,
                    } => {
                        tx.prepare_cached(
                            "INSERT INTO feedback (given_at, question, entry_id, helpful, source) \
                             VALUES (?1, ?2, ?3, ?4, ?5)",
                        )?
                        .execute(params![
                            when,
                            question,
                            entry_id,
                            helpful,
                            source.as_str()
                        ])?;
                    }
                    Job::Flush(done) => flushed.push(done),
                }
            }
            tx.commit()
        })();
        if let Err(e) = result {
            let e = RecordError::from_sqlite("write records to", path, e);
            tracing::warn!("{e}");
        }
        for done in flushed {
            let _ = done.send(());
        }
    }
}

/// The entry the matcher finds closest to `question` today, even below the answer threshold:
/// a hint for where an unanswered question's answer might belong.
#[must_use]
pub fn nearest_entry(matcher: &Matcher, question: &str) -> Option<Suggestion> {
    matcher
        .ask(question)
        .candidates
        .into_iter()
        .find(|c| c.score > 0.0)
        .map(|c| Suggestion {
            id: c.id,
            question: c.question,
        })
}

/// Lowercase words joined by spaces, so that the same question asked with other capitals or
/// punctuation is counted once; `None` when there are no words.
fn normalise(question: &str) -> Option<String> {
    let words = text::words(question);
    (!words.is_empty()).then(|| words.join(" "))
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The start of the last `days` days, in unix seconds.
fn since(days: u32) -> i64 {
    now() - i64::from(days) * 86_400
}

/// `SQLite` counts are never negative.
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}
