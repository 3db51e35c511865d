//! Changing FAQ entries while the bot runs, without ever leaving a broken or half-written file.
//!
//! An edit (add, edit, remove, add an alternate) is turned into the new text of the one file
//! it touches: only the lines of that entry are replaced, so every other entry and every
//! comment stays exactly as the moderator wrote it. The whole folder is then checked with that
//! text in place by the same loader that reads the files ([`crate::faq::load_dir`]); anything
//! it refuses is refused here and nothing is written. A valid edit is written to a hidden
//! temporary file, synced, the old file copied to `.backups/`, and the temporary renamed over
//! the old file, so a crash at any point leaves either the old or the new file, never a
//! truncated one. Every edit is appended to the audit log (who, when, before, after).

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::faq::yaml::{self, Value};
use crate::faq::{self, Entry, Faq, FaqErrors, Origin};
use crate::store::{FaqStore, ReloadSummary};

/// A new or replacement entry, as a moderator fills it in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryDraft {
    /// The id; derived from the question (lowercase-kebab, made unique) when `None`.
    pub id: Option<String>,
    pub question: String,
    pub alternates: Vec<String>,
    pub answer: String,
    pub tags: Vec<String>,
}

impl EntryDraft {
    /// A draft holding an existing entry, to change a field or two.
    #[must_use]
    pub fn from_entry(entry: &Entry) -> Self {
        Self {
            id: Some(entry.id.clone()),
            question: entry.question.clone(),
            alternates: entry.alternates.clone(),
            answer: entry.answer.clone(),
            tags: entry.tags.clone(),
        }
    }
}

/// An entry's fields as written in the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryFields {
    pub id: String,
    pub question: String,
    #[serde(default)]
    pub alternates: Vec<String>,
    pub answer: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl From<&Entry> for EntryFields {
    fn from(e: &Entry) -> Self {
        Self {
            id: e.id.clone(),
            question: e.question.clone(),
            alternates: e.alternates.clone(),
            answer: e.answer.clone(),
            tags: e.tags.clone(),
        }
    }
}

/// What an edit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Add,
    Edit,
    Remove,
    AddAlternate,
    /// The directory's leaders rewritten from the About Us page.
    ImportLeaders,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// Who asked for the edit (a moderator's name or id, as the front end knows them).
    pub who: String,
    /// RFC 3339, UTC.
    pub when: String,
    pub action: Action,
    pub id: String,
    /// The file changed, relative to the FAQ folder.
    pub file: String,
    pub before: Option<EntryFields>,
    pub after: Option<EntryFields>,
    /// For an import: the page it came from, and what changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
}

/// A safe edit that was written and is now answering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub record: AuditRecord,
    /// What the FAQ now answering differs in.
    pub summary: ReloadSummary,
}

/// Why a safe edit was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The FAQ with this edit (or the folder as it is on disk) has problems.
    #[error("{0}")]
    Invalid(FaqErrors),
    #[error("there is no entry `{0}`; check the id")]
    NotFound(String),
    #[error("`{0}` is built from the RESC directory, so it cannot be changed here; edit `rescs:` and `leaders:` in faq/directory.yaml instead")]
    FromDirectory(String),
    #[error("`{id}` already has the phrasing \"{question}\"")]
    AlreadyPresent { id: String, question: String },
    /// The file is laid out in a way the edit cannot change line by line.
    #[error("{}:{line}: {reason}; edit this file by hand", .file.display())]
    Layout {
        file: PathBuf,
        line: usize,
        reason: String,
    },
    #[error("the setting faq.new_entries_file ({0:?}) must be a plain file name ending in .yaml or .yml")]
    NewEntriesFile(String),
    /// Said whole in one line (the cause is part of the message, not a separate source, so
    /// it is not printed twice); a refused permission says who must be able to write.
    #[error("cannot write {}: {cause}{}", .path.display(), permission_hint(.cause))]
    Io { path: PathBuf, cause: io::Error },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> EditError + '_ {
    move |cause| EditError::Io {
        path: path.to_owned(),
        cause,
    }
}

fn permission_hint(e: &io::Error) -> &'static str {
    if e.kind() == io::ErrorKind::PermissionDenied {
        "; the user the bot runs as must be able to write the FAQ folder and the data folder (in the Docker image, uid and gid 10001)"
    } else {
        ""
    }
}

/// The new text of one file and what it does.
struct Plan {
    action: Action,
    id: String,
    path: PathBuf,
    text: String,
    before: Option<Entry>,
}

impl FaqStore {
    /// Adds an entry to the new-entries file (`faq.new_entries_file`).
    pub fn add_entry(&self, draft: &EntryDraft, who: &str) -> Result<Edited, EditError> {
        self.apply(who, |store, faq| {
            let name = &store.faq_config.new_entries_file;
            if !faq::is_faq_file_name(Path::new(name)) || Path::new(name).components().count() != 1
            {
                return Err(EditError::NewEntriesFile(name.clone()));
            }
            let path = store.dir.join(name);
            let id = match &draft.id {
                Some(id) => id.clone(),
                None => unique_id(&draft.question, faq),
            };
            let old = match read_text(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
                Err(e) => return Err(io_error(&path)(e)),
            };
            let text = insert_entry(&old, &path, &fields(&id, draft))?;
            Ok(Plan {
                action: Action::Add,
                id,
                path,
                text,
                before: None,
            })
        })
    }

    /// Replaces an entry, in the file that holds it; `draft.id` of `None` keeps the id.
    pub fn edit_entry(&self, id: &str, draft: &EntryDraft, who: &str) -> Result<Edited, EditError> {
        self.apply(who, |_, faq| {
            let (entry, path, line) = file_entry(faq, id)?;
            let new_id = draft.id.clone().unwrap_or_else(|| id.to_owned());
            let text = replace_entry(&path, line, Some(&fields(&new_id, draft)))?;
            Ok(Plan {
                action: Action::Edit,
                id: new_id,
                path,
                text,
                before: Some(entry.clone()),
            })
        })
    }

    /// Removes an entry from the file that holds it.
    pub fn remove_entry(&self, id: &str, who: &str) -> Result<Edited, EditError> {
        self.apply(who, |_, faq| {
            let (entry, path, line) = file_entry(faq, id)?;
            let text = replace_entry(&path, line, None)?;
            Ok(Plan {
                action: Action::Remove,
                id: id.to_owned(),
                path,
                text,
                before: Some(entry.clone()),
            })
        })
    }

    /// Adds another way of asking an entry's question.
    pub fn add_alternate(&self, id: &str, question: &str, who: &str) -> Result<Edited, EditError> {
        self.apply(who, |_, faq| {
            let (entry, path, line) = file_entry(faq, id)?;
            let wanted = crate::text::words(question);
            if entry.phrasings().any(|p| crate::text::words(p) == wanted) {
                return Err(EditError::AlreadyPresent {
                    id: id.to_owned(),
                    question: question.trim().to_owned(),
                });
            }
            let mut draft = EntryDraft::from_entry(entry);
            draft.alternates.push(question.trim().to_owned());
            let text = replace_entry(&path, line, Some(&fields(id, &draft)))?;
            Ok(Plan {
                action: Action::AddAlternate,
                id: id.to_owned(),
                path,
                text,
                before: Some(entry.clone()),
            })
        })
    }

    /// The audit log, newest first, at most `limit` records. A missing log is an empty
    /// history; a line that cannot be read is skipped with a warning.
    #[must_use]
    pub fn history(&self, limit: usize) -> Vec<AuditRecord> {
        read_history(&self.faq_config.audit_log, limit)
    }

    /// Plans an edit against the files as they are now, checks the result like a reload
    /// would, writes it safely, records it and swaps the new FAQ in.
    fn apply(
        &self,
        who: &str,
        plan: impl FnOnce(&Self, &Faq) -> Result<Plan, EditError>,
    ) -> Result<Edited, EditError> {
        let _turn = self.writer_turn();
        // The files, not the FAQ answering now, are the truth: one may have been saved by hand
        // a moment ago and not be reloaded yet. When none was, the FAQ answering is the files.
        let before = self.fingerprint();
        let answering = self.unchanged_faq(&before);
        let loaded;
        let current = if let Some(matcher) = &answering {
            matcher.faq()
        } else {
            loaded = faq::load_dir(&self.dir).map_err(EditError::Invalid)?;
            &loaded
        };
        let plan = plan(self, current)?;
        let candidate = match (&answering, fs::read_to_string(&plan.path)) {
            // Only the edited file is read again; the others are as the answering FAQ has them.
            (Some(_), Ok(old)) => {
                faq::load_dir_editing(&self.dir, current, &plan.path, Some(&old), &plan.text)
            }
            (Some(_), Err(e)) if e.kind() == io::ErrorKind::NotFound => {
                faq::load_dir_editing(&self.dir, current, &plan.path, None, &plan.text)
            }
            _ => faq::load_dir_replacing(&self.dir, Some((&plan.path, &plan.text))),
        }
        .map_err(EditError::Invalid)?;
        let after = candidate
            .entry(&plan.id)
            .filter(|_| plan.action != Action::Remove);
        check_only_target_changed(current, &candidate, &plan)?;

        let log = &self.faq_config.audit_log;
        if let Some(parent) = log.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        let crash = self.crash_before_rename.load(Ordering::SeqCst);
        write_atomically(&plan.path, &plan.text, crash).map_err(io_error(&plan.path))?;
        self.edited(&before, &plan.path);

        let record = AuditRecord {
            who: who.to_owned(),
            when: rfc3339(SystemTime::now()),
            action: plan.action,
            id: plan.id.clone(),
            file: plan
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            before: plan.before.as_ref().map(EntryFields::from),
            after: after.map(EntryFields::from),
            page: None,
            changes: Vec::new(),
        };
        if let Err(e) = append_audit(log, &record) {
            // The edit is written and valid; losing its record must not undo it.
            tracing::error!(log = %log.display(), "cannot append to the audit log: {e}");
        }
        let summary = self.install(candidate);
        tracing::info!(
            who,
            action = ?record.action,
            id = %record.id,
            file = %record.file,
            "FAQ edited; {summary}"
        );
        Ok(Edited { record, summary })
    }
}

/// What an import of the page's leaders changed (or, in a dry run, would change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The directory file.
    pub file: PathBuf,
    /// One line per change, for the moderator.
    pub changes: Vec<String>,
}

impl FaqStore {
    /// Rewrites `leaders:` (and adds RESCs the page names that `rescs:` lacks) in the file that
    /// holds them, from the page's leader lines, through the same checks, backup and audit log
    /// as any edit. Comments and the other keys stay as they are. With `dry_run`, nothing is
    /// written.
    pub fn import_leaders(
        &self,
        leaders: &[crate::source::LeaderLine],
        page: &str,
        who: &str,
        dry_run: bool,
    ) -> Result<Imported, EditError> {
        let _turn = self.writer_turn();
        let before = self.fingerprint();
        let current = faq::load_dir(&self.dir).map_err(EditError::Invalid)?;
        let path = directory_file(&self.dir)?;
        let text = read_text(&path).map_err(io_error(&path))?;
        let (new_text, changes) = rewrite_directory(&text, &path, &current, leaders)?;
        let imported = Imported {
            file: path.clone(),
            changes,
        };
        if imported.changes.is_empty() {
            return Ok(imported);
        }
        let candidate = faq::load_dir_replacing(&self.dir, Some((&path, &new_text)))
            .map_err(EditError::Invalid)?;
        if dry_run {
            return Ok(imported);
        }
        let log = &self.faq_config.audit_log;
        if let Some(parent) = log.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        let crash = self.crash_before_rename.load(Ordering::SeqCst);
        write_atomically(&path, &new_text, crash).map_err(io_error(&path))?;
        self.edited(&before, &path);
        let record = AuditRecord {
            who: who.to_owned(),
            when: rfc3339(SystemTime::now()),
            action: Action::ImportLeaders,
            id: "leaders".to_owned(),
            file: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            before: None,
            after: None,
            page: Some(page.to_owned()),
            changes: imported.changes.clone(),
        };
        if let Err(e) = append_audit(log, &record) {
            tracing::error!(log = %log.display(), "cannot append to the audit log: {e}");
        }
        let summary = self.install(candidate);
        tracing::info!(who, page, "leaders imported; {summary}");
        Ok(imported)
    }
}

/// The FAQ file that holds `leaders:` (or else `rescs:`).
fn directory_file(dir: &Path) -> Result<PathBuf, EditError> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(io_error(dir))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| faq::is_faq_file_name(p))
        .collect();
    files.sort();
    for key in ["leaders:", "rescs:"] {
        if let Some(path) = files
            .iter()
            .find(|p| read_text(p).is_ok_and(|t| t.lines().any(|l| l.starts_with(key))))
        {
            return Ok(path.clone());
        }
    }
    Err(EditError::Layout {
        file: dir.join("directory.yaml"),
        line: 0,
        reason: "no FAQ file has a `rescs:` or `leaders:` section to import into".to_owned(),
    })
}

/// The directory file's text with `leaders:` rewritten from the page (a line kept as it is
/// for a leader who has not changed, so an `aka:` stays), and RESCs the page adds appended to
/// `rescs:`; and what changed, in words.
fn rewrite_directory(
    text: &str,
    path: &Path,
    current: &Faq,
    leaders: &[crate::source::LeaderLine],
) -> Result<(String, Vec<String>), EditError> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut changes = Vec::new();
    let mut new_rescs = Vec::new();
    let mut items = Vec::new();
    let mut on_page = Vec::new();
    for l in leaders {
        let (id, name) = if let Some(r) = current.resc(&l.resc) {
            (r.id.clone(), r.name.clone())
        } else {
            let id = crate::text::words(&l.resc).join("-");
            new_rescs.push(format!(
                "{{id: {}, name: {}}}",
                yaml_word(&id),
                yaml_word(&l.resc)
            ));
            changes.push(format!("new RESC {} (id `{id}`)", l.resc));
            (id, l.resc.clone())
        };
        on_page.push(id.clone());
        let existing = current
            .rescs
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.leader.as_ref());
        let aka = existing
            .filter(|e| e.name == l.name)
            .map(|e| e.aka.clone())
            .unwrap_or_default();
        let mut item = format!("{{resc: {}, name: {}", yaml_word(&id), yaml_word(&l.name));
        if let Some(h) = &l.honorific {
            item.push_str(&format!(", honorific: {}", yaml_word(h)));
        }
        item.push_str(&format!(", title: {}", yaml_word(&l.title)));
        if !aka.is_empty() {
            let aka: Vec<String> = aka.iter().map(|a| yaml_word(a)).collect();
            item.push_str(&format!(", aka: [{}]", aka.join(", ")));
        }
        item.push('}');
        match existing {
            None => changes.push(format!("{name}: now led by {}", l.name)),
            Some(e) if e.name != l.name => {
                changes.push(format!("{name}: {} replaced by {}", e.name, l.name));
            }
            Some(e) if e.title != l.title || e.honorific != l.honorific => changes.push(format!(
                "{name}: {} now written {}{} ({})",
                e.name,
                l.honorific
                    .as_deref()
                    .map_or(String::new(), |h| format!("{h} ")),
                l.name,
                l.title
            )),
            Some(_) => {}
        }
        items.push(item);
    }
    for r in &current.rescs {
        if let (Some(leader), false) = (&r.leader, on_page.contains(&r.id)) {
            changes.push(format!(
                "{}: {} removed (the page names no leader for it)",
                r.name, leader.name
            ));
        }
    }
    if changes.is_empty() {
        return Ok((text.to_owned(), changes));
    }
    let mut out = replace_items(&lines, path, "leaders:", &items, false)?;
    if !new_rescs.is_empty() {
        let lines: Vec<&str> = out.split_inclusive('\n').collect();
        out = replace_items(&lines, path, "rescs:", &new_rescs, true)?;
    }
    Ok((out, changes))
}

/// The text with the `- ` items of the top-level `key` replaced by `items` (or, with
/// `append`, followed by them); comments and blank lines in the section stay. The section is
/// added at the end when there is none.
fn replace_items(
    lines: &[&str],
    path: &Path,
    key: &str,
    items: &[String],
    append: bool,
) -> Result<String, EditError> {
    let top_level = |l: &str| !l.is_empty() && !l.starts_with([' ', '\t', '#', '\n', '\r', '-']);
    let Some(start) = lines.iter().position(|l| l.starts_with(key)) else {
        let mut out = lines.concat();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("\n{key}\n"));
        for item in items {
            out.push_str(&format!("  - {item}\n"));
        }
        return Ok(out);
    };
    let end = (start + 1..lines.len())
        .find(|&i| top_level(lines[i]))
        .unwrap_or(lines.len());
    let section = &lines[start + 1..end];
    let mut indent = "  ".to_owned();
    let mut kept = Vec::new();
    let mut last_item = None;
    for (n, line) in section.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("- ") {
            line[..line.len() - trimmed.len()].clone_into(&mut indent);
            if !trimmed.trim_end().ends_with('}') || !trimmed.starts_with("- {") {
                return Err(EditError::Layout {
                    file: path.to_owned(),
                    line: start + n + 2,
                    reason: format!(
                        "`{key}` must be written one `- {{...}}` item per line to be imported into"
                    ),
                });
            }
            last_item = Some(n);
            if append {
                kept.push((*line).to_owned());
            }
        } else if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            kept.push((*line).to_owned());
        } else {
            return Err(EditError::Layout {
                file: path.to_owned(),
                line: start + n + 2,
                reason: format!(
                    "`{key}` must be written one `- {{...}}` item per line to be imported into"
                ),
            });
        }
    }
    let new_items: Vec<String> = items.iter().map(|i| format!("{indent}- {i}\n")).collect();
    // The new items go where the old ones were: after the section's leading comments, before
    // its trailing blank lines.
    let at = if append {
        last_item.map_or(0, |n| kept.iter().take(n + 1).count())
    } else {
        kept.iter()
            .position(|l| l.trim().is_empty())
            .unwrap_or(kept.len())
    };
    let mut body = kept;
    for (k, item) in new_items.into_iter().enumerate() {
        body.insert(at + k, item);
    }
    let mut out = lines[..=start].concat();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&body.concat());
    out.push_str(&lines[end..].concat());
    Ok(out)
}

/// A value for a flow mapping: quoted when YAML would read it otherwise.
fn yaml_word(value: &str) -> String {
    let plain = !value.is_empty()
        && !value.starts_with([' ', '-', '?', '!', '&', '*', '\'', '"', '%', '@', '`'])
        && !value.ends_with(' ')
        && !value.contains([',', ':', '[', ']', '{', '}', '#', '|', '>']);
    if plain {
        value.to_owned()
    } else {
        serde_json::to_string(value).unwrap_or_default()
    }
}

/// An entry written in a file, with that file and its line; directory entries are refused.
fn file_entry<'f>(faq: &'f Faq, id: &str) -> Result<(&'f Entry, PathBuf, usize), EditError> {
    let entry = faq
        .entry(id)
        .ok_or_else(|| EditError::NotFound(id.to_owned()))?;
    match &entry.origin {
        Origin::File { path, line } => Ok((entry, path.clone(), *line)),
        Origin::Directory => Err(EditError::FromDirectory(id.to_owned())),
    }
}

fn fields(id: &str, draft: &EntryDraft) -> EntryFields {
    let line = |s: &String| one_line(s);
    EntryFields {
        id: id.to_owned(),
        question: line(&draft.question),
        alternates: draft.alternates.iter().map(line).collect(),
        answer: plain_line_breaks(&draft.answer),
        tags: draft.tags.iter().map(line).collect(),
    }
}

/// A file's text without the byte order mark some editors write (the loader ignores it too);
/// the edited file is written without it.
fn read_text(path: &Path) -> io::Result<String> {
    let text = fs::read_to_string(path)?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// Unicode's other line breaks (U+2028 line separator, U+2029 paragraph separator, U+0085
/// next line), which phones and word processors paste into forms, as the `\n` that YAML
/// keeps as written. YAML would otherwise fold them into a break plus the indentation.
fn plain_line_breaks(text: &str) -> String {
    text.replace(['\u{2028}', '\u{85}'], "\n")
        .replace('\u{2029}', "\n\n")
}

/// A one-line field (question, alternate, tag): any line break becomes a space.
fn one_line(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    if spaced == text {
        return spaced;
    }
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every entry but the ones an edit may change, field by field, without copying.
fn others<'f>(faq: &'f Faq, skip: [&'f str; 2]) -> impl Iterator<Item = EntryView<'f>> {
    faq.entries
        .iter()
        .filter(move |e| !skip.contains(&e.id.as_str()))
        .map(|e| (&e.id, &e.question, &e.alternates, &e.answer, &e.tags))
}
type EntryView<'f> = (
    &'f String,
    &'f String,
    &'f Vec<String>,
    &'f String,
    &'f Vec<String>,
);

/// A guard against splicing mistakes: the edit may change its own entry and nothing else.
fn check_only_target_changed(current: &Faq, candidate: &Faq, plan: &Plan) -> Result<(), EditError> {
    let old_id = plan
        .before
        .as_ref()
        .map_or(plan.id.as_str(), |e| e.id.as_str());
    let skip = [old_id, plan.id.as_str()];
    let target_ok = match plan.action {
        Action::Remove => candidate.entry(&plan.id).is_none(),
        _ => candidate.entry(&plan.id).is_some(),
    };
    if target_ok && others(current, skip).eq(others(candidate, skip)) {
        return Ok(());
    }
    Err(EditError::Layout {
        file: plan.path.clone(),
        line: plan.before.as_ref().map_or(0, |e| match e.origin {
            Origin::File { line, .. } => line,
            Origin::Directory => 0,
        }),
        reason: "the edit could not be made without changing other entries".to_owned(),
    })
}

/// A lowercase-kebab id from the question's words, numbered when already taken.
fn unique_id(question: &str, faq: &Faq) -> String {
    let mut base = String::new();
    for word in crate::text::words(question) {
        let word: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
        if word.is_empty() {
            continue;
        }
        if base.len() + word.len() + 1 > 60 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(&word);
    }
    if base.is_empty() {
        "entry".clone_into(&mut base);
    }
    let mut id = base.clone();
    let mut n = 2;
    while faq.entry(&id).is_some() {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// One entry as YAML lines: `- id: ...` at `indent` spaces, its keys two further in.
#[must_use]
pub fn render_entry(fields: &EntryFields, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    let key = |out: &mut String, name: &str, first: bool, value: &str| {
        let lead = if first { "- " } else { "  " };
        out.push_str(&format!("{pad}{lead}{name}:"));
        push_value(out, &format!("{pad}  "), value);
    };
    key(&mut out, "id", true, &fields.id);
    key(&mut out, "question", false, &fields.question);
    if !fields.alternates.is_empty() {
        out.push_str(&format!("{pad}  alternates:\n"));
        for alt in &fields.alternates {
            out.push_str(&format!("{pad}    -"));
            push_value(&mut out, &format!("{pad}    "), alt);
        }
    }
    key(&mut out, "answer", false, &fields.answer);
    if !fields.tags.is_empty() {
        let simple = |t: &String| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        if fields.tags.iter().all(simple) {
            out.push_str(&format!("{pad}  tags: [{}]\n", fields.tags.join(", ")));
        } else {
            out.push_str(&format!("{pad}  tags:\n"));
            for tag in &fields.tags {
                out.push_str(&format!("{pad}    -"));
                push_value(&mut out, &format!("{pad}    "), tag);
            }
        }
    }
    out
}

/// Appends ` value` after a key or dash: `serde_yaml` decides the quoting (and a block scalar
/// for several lines); its continuation lines are indented under the key.
fn push_value(out: &mut String, indent: &str, value: &str) {
    let yaml = serde_yaml::to_string(value).unwrap_or_else(|_| format!("{value:?}\n"));
    for (i, line) in yaml.lines().enumerate() {
        if i == 0 {
            out.push(' ');
        } else if !line.is_empty() {
            out.push_str(indent);
        }
        out.push_str(line);
        out.push('\n');
    }
}

/// Where the items of `entries:` start in a file, and where the sections start.
struct Layout {
    /// 1-based line of `entries:` and whether its value is a block list, empty, or other.
    entries_key: Option<(usize, EntriesValue)>,
    /// 1-based lines where each item of `entries:` starts.
    items: Vec<usize>,
    /// 1-based lines of every top-level key.
    sections: Vec<usize>,
}

#[derive(PartialEq, Eq)]
enum EntriesValue {
    Items,
    Empty,
    Other,
}

fn layout(text: &str, path: &Path) -> Result<Layout, EditError> {
    let invalid = |line, reason: String| EditError::Layout {
        file: path.to_owned(),
        line,
        reason,
    };
    let root = yaml::parse(text).map_err(|e| invalid(e.pos.line, e.message))?;
    let mut layout = Layout {
        entries_key: None,
        items: Vec::new(),
        sections: Vec::new(),
    };
    let Some(root) = root else {
        return Ok(layout);
    };
    let Value::Map(pairs) = &root.value else {
        return Err(invalid(
            root.pos.line,
            "the file is not a set of sections".into(),
        ));
    };
    for (k, v) in pairs {
        layout.sections.push(k.pos.line);
        if !matches!(&k.value, Value::Str(s) if s == "entries") {
            continue;
        }
        let kind = match &v.value {
            Value::Seq(items) if !items.is_empty() => {
                layout.items = items.iter().map(|i| i.pos.line).collect();
                EntriesValue::Items
            }
            Value::Null => EntriesValue::Empty,
            _ => EntriesValue::Other,
        };
        layout.entries_key = Some((k.pos.line, kind));
    }
    Ok(layout)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The 0-based line range of the item starting at 1-based `start`, and its dash's column:
/// up to the next item or section, without the blank lines and comments that lead into
/// what follows (they belong to the next entry or section).
fn item_span(
    lines: &[&str],
    layout: &Layout,
    start: usize,
    path: &Path,
) -> Result<(std::ops::Range<usize>, usize), EditError> {
    let invalid = |reason: &str| EditError::Layout {
        file: path.to_owned(),
        line: start,
        reason: reason.to_owned(),
    };
    let first = lines
        .get(start - 1)
        .ok_or_else(|| invalid("the entry is past the end of the file"))?;
    let dash = indent_of(first);
    let one_per_line = layout.items.iter().filter(|l| **l == start).count() == 1;
    if !first[dash..].starts_with('-') || !one_per_line || !layout.items.contains(&start) {
        return Err(invalid(
            "this entry is not written as a `- id: ...` item on its own line",
        ));
    }
    let end = layout
        .items
        .iter()
        .chain(&layout.sections)
        .copied()
        .filter(|l| *l > start)
        .min()
        .map_or(lines.len(), |l| l - 1);
    let mut end = end.max(start);
    while end > start {
        let line = lines[end - 1];
        let lead_in = line.trim_start().starts_with('#') && indent_of(line) <= dash;
        if is_blank(line) || lead_in {
            end -= 1;
        } else {
            break;
        }
    }
    Ok((start - 1..end, dash))
}

/// The file holding the entry at `line`, with that entry replaced by `new` (or removed).
fn replace_entry(path: &Path, line: usize, new: Option<&EntryFields>) -> Result<String, EditError> {
    let text = read_text(path).map_err(io_error(path))?;
    let layout = layout(&text, path)?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let (span, dash) = item_span(&lines, &layout, line, path)?;
    let mut out: String = lines[..span.start].concat();
    let mut rest = &lines[span.end..];
    if let Some(fields) = new {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&render_entry(fields, dash));
    } else {
        // Keep one blank line between the neighbours, not two.
        let blank_before =
            span.start == 0 || lines.get(span.start - 1).is_some_and(|l| is_blank(l));
        while blank_before && rest.first().is_some_and(|l| is_blank(l)) {
            rest = &rest[1..];
        }
    }
    out.push_str(&rest.concat());
    Ok(out)
}

/// The text of the new-entries file with `new` added at the end of its `entries:`.
fn insert_entry(text: &str, path: &Path, new: &EntryFields) -> Result<String, EditError> {
    let layout = layout(text, path)?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::new();
    match layout.entries_key {
        None => {
            out.push_str(text);
            if text.is_empty() {
                out.push_str(
                    "# Entries added while the bot runs; the audit log says who added what.\n",
                );
            } else {
                if !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push('\n');
            }
            out.push_str("entries:\n");
            out.push_str(&render_entry(new, 2));
        }
        Some((key_line, EntriesValue::Empty)) => {
            out.push_str(&lines[..key_line].concat());
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&render_entry(new, 2));
            out.push_str(&lines[key_line..].concat());
        }
        Some((_, EntriesValue::Items)) => {
            let last = *layout.items.iter().max().unwrap_or(&1);
            let (span, dash) = item_span(&lines, &layout, last, path)?;
            out.push_str(&lines[..span.end].concat());
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push('\n');
            out.push_str(&render_entry(new, dash));
            out.push_str(&lines[span.end..].concat());
        }
        Some((key_line, EntriesValue::Other)) => {
            return Err(EditError::Layout {
                file: path.to_owned(),
                line: key_line,
                reason: "`entries:` is not written as a list of `- ` items".to_owned(),
            })
        }
    }
    Ok(out)
}

/// Replaces `path` with `contents` so that a crash at any moment leaves the old file or the
/// new one, never a mix: the text goes to a hidden temporary file in the same folder (which
/// the loader does not read), is synced to disk, the old file is copied to `.backups/`, and
/// only then is the temporary renamed over the old file. `crash_before_rename` stops right
/// before the rename, as a crash there would, so tests can check what is left.
pub fn write_atomically(path: &Path, contents: &str, crash_before_rename: bool) -> io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("the path has no file name"))?
        .to_string_lossy()
        .into_owned();
    // A link (a Kubernetes ConfigMap mounts `x.yaml -> ..data/x.yaml`) stays a link: the
    // file it points to is the one replaced.
    let target = if path.is_symlink() {
        fs::canonicalize(path)?
    } else {
        path.to_owned()
    };
    let target_dir = target.parent().unwrap_or_else(|| Path::new("."));
    let tmp = target_dir.join(format!(".{name}.tmp"));
    let old = fs::metadata(&target).ok();
    {
        let mut file = File::create(&tmp)?;
        file.write_all(contents.as_bytes())?;
        if let Some(old) = &old {
            keep_owner_and_mode(&file, old);
        }
        file.sync_all()?;
    }
    if old.is_some() {
        let backups = dir.join(".backups");
        fs::create_dir_all(&backups)?;
        let stamp = backup_stamp(SystemTime::now());
        fs::copy(&target, backups.join(format!("{name}.{stamp}.bak")))?;
    }
    if crash_before_rename {
        return Err(io::Error::other("simulated crash before the rename"));
    }
    fs::rename(&tmp, &target)?;
    // Make the rename itself durable; not every platform can open a folder, hence best effort.
    if let Ok(folder) = File::open(target_dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Gives the new file the old one's permissions and, where allowed, its owner and group, so
/// an edit does not change who may read or write the file.
fn keep_owner_and_mode(file: &File, old: &fs::Metadata) {
    if let Err(e) = file.set_permissions(old.permissions()) {
        tracing::warn!("cannot keep the file's permissions: {e}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        // Only root may give a file away; anyone may keep their own group. Best effort.
        if std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
            let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
        }
    }
}

fn append_audit(log: &Path, record: &AuditRecord) -> io::Result<()> {
    let mut line = serde_json::to_string(record).map_err(io::Error::other)?;
    line.push('\n');
    let mut file = OpenOptions::new().create(true).append(true).open(log)?;
    // One write per record, so records from two processes never interleave within a line.
    file.write_all(line.as_bytes())?;
    file.sync_all()
}

fn read_history(log: &Path, limit: usize) -> Vec<AuditRecord> {
    let file = match File::open(log) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            tracing::warn!(log = %log.display(), "cannot read the audit log: {e}");
            return Vec::new();
        }
    };
    let mut records = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(log = %log.display(), line = n + 1, "unreadable audit line skipped: {e}");
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<AuditRecord>(&line) {
            Ok(r) => records.push(r),
            Err(e) => {
                tracing::warn!(log = %log.display(), line = n + 1, "corrupt audit line skipped: {e}");
            }
        }
    }
    records.reverse();
    records.truncate(limit);
    records
}

/// Seconds, days and the civil date of a time, in UTC.
fn utc_parts(t: SystemTime) -> (i64, i64, i64, i64, i64, i64, u32) {
    let since = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = i64::try_from(since.as_secs()).unwrap_or(i64::MAX);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's days-to-civil algorithm: exact for every date, no dependency needed.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since.subsec_millis(),
    )
}

/// `2025-01-31T09:05:00Z`.
#[must_use]
pub fn rfc3339(t: SystemTime) -> String {
    let (year, month, day, hour, minute, second, _) = utc_parts(t);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

/// Deletes all but the newest `keep` backups of each file in `faq_dir/.backups/`. Files whose
/// names are not `NAME.STAMP.bak` are left alone. Returns how many were deleted.
pub fn prune_backups(faq_dir: &Path, keep: usize) -> io::Result<usize> {
    let backups = faq_dir.join(".backups");
    let listing = match fs::read_dir(&backups) {
        Ok(listing) => listing,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    // File name -> its backups' stamps and paths.
    let mut by_file: std::collections::BTreeMap<String, Vec<(String, PathBuf)>> =
        std::collections::BTreeMap::new();
    for item in listing {
        let path = item?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(rest) = name.strip_suffix(".bak") else {
            continue;
        };
        let stamp_at = rest.len().saturating_sub(STAMP_LEN);
        let (Some(file), Some(stamp)) = (
            rest.get(..stamp_at).and_then(|f| f.strip_suffix('.')),
            rest.get(stamp_at..),
        ) else {
            continue;
        };
        if !path.is_file() || !stamp.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        by_file
            .entry(file.to_owned())
            .or_default()
            .push((stamp.to_owned(), path));
    }
    let mut deleted = 0;
    for mut copies in by_file.into_values() {
        copies.sort_unstable_by(|a, b| b.0.cmp(&a.0));
        for (_, old) in copies.into_iter().skip(keep) {
            fs::remove_file(old)?;
            deleted += 1;
        }
    }
    Ok(deleted)
}

/// Length of a [`backup_stamp`]: `20261129T122339.123Z`.
const STAMP_LEN: usize = 20;

/// A file-name-safe timestamp (no colons), to the millisecond.
fn backup_stamp(t: SystemTime) -> String {
    let (year, month, day, hour, minute, second, milli) = utc_parts(t);
    format!("{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}.{milli:03}Z")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn rfc3339_formats_known_dates() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(951_825_600); // leap day 2000
        assert_eq!(rfc3339(t), "2000-02-29T12:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_735_689_599);
        assert_eq!(rfc3339(t), "2024-12-31T23:59:59Z");
    }

    #[test]
    fn rendered_entries_parse_back() {
        let fields = EntryFields {
            id: "a-b".into(),
            question: "yes".into(),
            alternates: vec!["What's \"this\": #1?".into()],
            answer: "Line one.\n\n- item: two\n".into(),
            tags: vec!["Two Words".into()],
        };
        let text = format!("entries:\n{}", render_entry(&fields, 2));
        let root = yaml::parse(&text).unwrap().unwrap();
        let Value::Map(top) = root.value else {
            panic!()
        };
        let Value::Seq(items) = &top[0].1.value else {
            panic!()
        };
        let Value::Map(entry) = &items[0].value else {
            panic!("{text}")
        };
        let get = |k: &str| {
            entry
                .iter()
                .find(|(key, _)| key.value == Value::Str(k.into()))
                .unwrap()
                .1
                .value
                .clone()
        };
        assert_eq!(get("question"), Value::Str("yes".into()), "{text}");
        assert_eq!(
            get("answer"),
            Value::Str("Line one.\n\n- item: two\n".into()),
            "{text}"
        );
    }
}
