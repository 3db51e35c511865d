//! Reading and checking the FAQ files, with errors written for the moderator who edits them.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::directory::derived_entries;
use super::yaml::{self, Node, Pos, Value};
use super::{Entry, Faq, Leader, Name, Origin, Resc};

/// The longest answer Discord shows in one embed description, with room to spare.
pub const MAX_ANSWER_CHARS: usize = 4000;
/// Longest question or alternate.
pub const MAX_QUESTION_CHARS: usize = 300;
/// Larger files are refused unread: no FAQ needs them, and reading them could exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One problem in the FAQ files, located for the moderator who must fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaqError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The id of the entry (or RESC) where there is one.
    pub entry: Option<String>,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl fmt::Display for FaqError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file.display(), self.line, self.column)?;
        if let Some(id) = &self.entry {
            write!(f, "in `{id}`: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Every problem found in one load; the FAQ is only used when there are none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaqErrors(pub Vec<FaqError>);

impl fmt::Display for FaqErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} found; the FAQ was not loaded.",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for FaqErrors {}

const TOP_KEYS: &[&str] = &[
    "entries",
    "rescs",
    "leaders",
    "synonyms",
    "framing",
    "names",
    "shorthand",
    "spanish",
    "smalltalk",
];
/// The most words a phrase of the Spanish table may have.
const SPANISH_WORDS: usize = 4;
const ENTRY_KEYS: &[&str] = &["id", "question", "alternates", "answer", "tags"];
const RESC_KEYS: &[&str] = &["id", "name", "full_name", "aka"];
const LEADER_KEYS: &[&str] = &["resc", "name", "title", "honorific", "aka"];
const SMALLTALK_KEYS: &[&str] = &["id", "says", "asks", "reply"];

/// Loads every `*.yaml` file in `dir` (in file-name order) into one checked [`Faq`].
///
/// Hidden files (`.name.yaml`) are skipped: editors and the safe-edit code keep their
/// temporary and backup files there, and a half-written one must never be read as FAQ.
///
/// # Errors
/// Every problem in every file, each with file, line and column.
pub fn load_dir(dir: &Path) -> Result<Faq, FaqErrors> {
    load_dir_replacing(dir, None)
}

/// Whether the loader reads this path: a visible `*.yaml`/`*.yml` file name.
pub(crate) fn is_faq_file_name(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "yaml" || x == "yml")
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.'))
}

/// [`load_dir`] with one file's text taken from memory instead of the disk (the file need not
/// exist yet), so a proposed edit is checked by exactly the same rules before it is written.
pub(crate) fn load_dir_replacing(
    dir: &Path,
    replaced: Option<(&Path, &str)>,
) -> Result<Faq, FaqErrors> {
    let mut files = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_faq_file_name(p) && p.is_file())
            .collect::<Vec<_>>(),
        Err(e) => {
            return Err(FaqErrors(vec![FaqError {
                file: dir.to_owned(),
                line: 0,
                column: 0,
                entry: None,
                message: format!("cannot read the FAQ folder ({e}); pass the right one with --faq"),
            }]))
        }
    };
    if let Some((path, _)) = replaced {
        if !files.iter().any(|p| p == path) {
            files.push(path.to_owned());
        }
    }
    files.sort();
    // Reading and parsing is most of the work for a large FAQ, and files are independent:
    // parse as many at once as there are cores, check them, and let their trees go before
    // the next batch (a whole large FAQ's trees at once would need several times its size).
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let mut loader = Loader::default();
    for batch in files.chunks(workers) {
        let trees: Vec<Result<Node, Unusable>> = std::thread::scope(|scope| {
            let handles: Vec<_> = batch
                .iter()
                .map(|p| {
                    scope.spawn(move || match replaced {
                        Some((path, text)) if path == p => parse_tree(text.as_bytes().to_vec()),
                        _ => read_tree(p),
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(Unusable::new(Pos::default(), "the file could not be read"))
                    })
                })
                .collect()
        });
        for (path, tree) in batch.iter().zip(trees) {
            loader.file(path, tree);
        }
    }
    if files.is_empty() {
        loader.error_at(
            dir,
            Pos::default(),
            None,
            "no .yaml files in the FAQ folder; add at least one file with `entries:`".to_owned(),
        );
    }
    loader.finish(dir)
}

/// An edit of one file, checked by the same rules as a full load but reading only that file:
/// every other file's part comes from `current`, the FAQ loaded from the folder as it is now.
/// `old` is the file's text before the edit (`None` for a new file). When either text holds
/// more than `entries:` (the directory, synonyms, names, shorthand or small talk, whose
/// checks span files), the whole folder is loaded as [`load_dir_replacing`] does.
pub(crate) fn load_dir_editing(
    dir: &Path,
    current: &Faq,
    path: &Path,
    old: Option<&str>,
    new: &str,
) -> Result<Faq, FaqErrors> {
    let tree = parse_tree(new.as_bytes().to_vec());
    let old_is_entries = old.map_or(true, |text| {
        only_entries(&parse_tree(text.as_bytes().to_vec()))
    });
    if !old_is_entries || !only_entries(&tree) {
        return load_dir_replacing(dir, Some((path, new)));
    }
    let in_file = |e: &&Entry, wanted: fn(&Path, &Path) -> bool| matches!(&e.origin, Origin::File { path: p, .. } if wanted(p, path));
    let before: Vec<&Entry> = current
        .entries
        .iter()
        .filter(|e| in_file(e, |p, edited| p < edited))
        .collect();
    let after = current
        .entries
        .iter()
        .filter(|e| in_file(e, |p, edited| p > edited));
    let mut loader = Loader {
        rescs: current
            .rescs
            .iter()
            .map(|r| (r.clone(), PathBuf::new(), Pos::default()))
            .collect(),
        synonyms: current.synonyms.clone(),
        framing: current.framing.clone(),
        names: current.names.clone(),
        shorthand: current.shorthand.clone(),
        spanish: current.spanish.clone(),
        smalltalk: current.smalltalk.clone(),
        ..Loader::default()
    };
    for entry in before.iter().copied().chain(after) {
        loader.known_entry(entry);
    }
    let seeded = loader.entries.len();
    loader.file(path, tree);
    let edited = loader.entries.len() - seeded;
    let mut faq = loader.finish(dir)?;
    // Back into file-name order: the edited file's entries sit between its neighbours'.
    faq.entries[before.len()..seeded + edited].rotate_right(edited);
    Ok(faq)
}

/// Whether a parsed file holds nothing but `entries:`.
fn only_entries(tree: &Result<Node, Unusable>) -> bool {
    match tree {
        Ok(Node {
            value: Value::Map(pairs),
            ..
        }) => pairs
            .iter()
            .all(|(k, _)| matches!(&k.value, Value::Str(k) if k == "entries")),
        _ => false,
    }
}

#[derive(Default)]
struct Loader {
    errors: Vec<FaqError>,
    entries: Vec<Entry>,
    /// id -> where it was first defined, for duplicate reports.
    entry_ids: HashMap<String, (PathBuf, usize)>,
    /// Normalised question or alternate -> the index in `entries` of the entry that asks it.
    phrasings: rustc_hash::FxHashMap<String, usize>,
    rescs: Vec<(Resc, PathBuf, Pos)>,
    leaders: Vec<(String, Leader, PathBuf, Pos)>,
    synonyms: Vec<Vec<String>>,
    synonym_words: HashMap<String, (PathBuf, usize)>,
    framing: Vec<String>,
    names: Vec<Name>,
    /// Shorthand word -> (its meaning, where it was written).
    shorthand: Vec<(String, String)>,
    shorthand_at: HashMap<String, (PathBuf, usize)>,
    /// Spanish word or phrase -> (its English, where it was written).
    spanish: Vec<(String, String)>,
    spanish_at: HashMap<String, (PathBuf, usize)>,
    smalltalk: Vec<super::SmallTalk>,
    /// Normalised small-talk phrase -> where it was written.
    smalltalk_at: HashMap<String, (PathBuf, usize)>,
}

/// The fields of one mapping, checked against the keys it may have.
struct Fields<'a> {
    pairs: Vec<(&'a str, &'a Node)>,
}

impl Fields<'_> {
    fn get(&self, key: &str) -> Option<&Node> {
        self.pairs.iter().find(|(k, _)| *k == key).map(|(_, n)| *n)
    }
}

impl Loader {
    fn error_at(&mut self, file: &Path, pos: Pos, entry: Option<&str>, message: String) {
        self.errors.push(FaqError {
            file: file.to_owned(),
            line: pos.line,
            column: pos.column,
            entry: entry.map(str::to_owned),
            message,
        });
    }

    /// Checks one file's parsed tree (or reports why it could not be read).
    fn file(&mut self, path: &Path, tree: Result<Node, Unusable>) {
        match tree {
            Ok(root) => self.top(path, &root),
            Err(Unusable { at, why }) => self.error_at(path, at, None, why),
        }
    }

    /// Checks that `node` is a mapping with only `allowed` keys, reporting unknown or repeated ones.
    fn fields<'n>(
        &mut self,
        path: &Path,
        node: &'n Node,
        allowed: &[&str],
        what: &str,
        entry: Option<&str>,
    ) -> Option<Fields<'n>> {
        let Value::Map(pairs) = &node.value else {
            self.error_at(
                path,
                node.pos,
                entry,
                format!(
                    "expected {what} (`key: value` lines), found {}",
                    node.kind()
                ),
            );
            return None;
        };
        let mut fields = Fields { pairs: Vec::new() };
        for (k, v) in pairs {
            let Value::Str(key) = &k.value else {
                self.error_at(
                    path,
                    k.pos,
                    entry,
                    format!("a key must be plain text, found {}", k.kind()),
                );
                continue;
            };
            if !allowed.contains(&key.as_str()) {
                let hint = closest(key, allowed)
                    .map_or_else(String::new, |c| format!("did you mean `{c}`? "));
                self.error_at(
                    path,
                    k.pos,
                    entry,
                    format!(
                        "unknown key `{key}` in {what}; {hint}the keys allowed here are {}",
                        allowed
                            .iter()
                            .map(|a| format!("`{a}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                continue;
            }
            if fields.get(key).is_some() {
                self.error_at(
                    path,
                    k.pos,
                    entry,
                    format!("`{key}` is given twice; keep one"),
                );
                continue;
            }
            fields.pairs.push((key.as_str(), v));
        }
        Some(fields)
    }

    /// A required text field: trimmed, non-empty, at most `max` characters.
    fn text(
        &mut self,
        path: &Path,
        fields: &Fields,
        parent: &Node,
        key: &str,
        max: usize,
        entry: Option<&str>,
    ) -> Option<String> {
        let Some(node) = fields.get(key) else {
            self.error_at(
                path,
                parent.pos,
                entry,
                format!("`{key}` is missing; add `{key}: ...`"),
            );
            return None;
        };
        self.text_value(path, node, key, max, entry)
    }

    /// An optional text field, checked like a required one when present.
    fn optional_text(
        &mut self,
        path: &Path,
        fields: &Fields,
        key: &str,
        max: usize,
        entry: Option<&str>,
    ) -> Option<String> {
        let node = fields.get(key)?;
        self.text_value(path, node, key, max, entry)
    }

    fn text_value(
        &mut self,
        path: &Path,
        node: &Node,
        key: &str,
        max: usize,
        entry: Option<&str>,
    ) -> Option<String> {
        match &node.value {
            Value::Str(s) if !s.trim().is_empty() => {
                let s = s.trim().to_owned();
                let n = s.chars().count();
                if n > max {
                    self.error_at(path, node.pos, entry, format!("`{key}` is {n} characters long; the limit is {max}, so shorten it or split the entry"));
                    return None;
                }
                Some(s)
            }
            Value::Str(_) | Value::Null => {
                self.error_at(
                    path,
                    node.pos,
                    entry,
                    format!("`{key}` is empty; write the text after `{key}:`"),
                );
                None
            }
            _ => {
                self.error_at(
                    path,
                    node.pos,
                    entry,
                    format!("`{key}` must be text, found {}", node.kind()),
                );
                None
            }
        }
    }

    /// An optional list of texts (`alternates`, `tags`, `aka`).
    fn text_list(
        &mut self,
        path: &Path,
        fields: &Fields,
        key: &str,
        max: usize,
        entry: Option<&str>,
    ) -> Vec<String> {
        let Some(node) = fields.get(key) else {
            return Vec::new();
        };
        match &node.value {
            Value::Null => Vec::new(),
            Value::Seq(items) => items
                .iter()
                .filter_map(|item| self.text_value(path, item, key, max, entry))
                .collect(),
            _ => {
                self.error_at(
                    path,
                    node.pos,
                    entry,
                    format!(
                        "`{key}` must be a list (`- item` lines or `[a, b]`), found {}",
                        node.kind()
                    ),
                );
                Vec::new()
            }
        }
    }

    fn id(&mut self, path: &Path, fields: &Fields, parent: &Node, what: &str) -> Option<String> {
        let id = self.text(path, fields, parent, "id", 80, None)?;
        let kebab = id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
        if !kebab {
            let pos = fields.get("id").map_or(parent.pos, |n| n.pos);
            self.error_at(path, pos, Some(&id), format!("the {what} id `{id}` must be lowercase-kebab (letters, digits and single dashes, like `who-leads-learn`)"));
            return None;
        }
        Some(id)
    }

    fn list<'n>(&mut self, path: &Path, node: &'n Node, key: &str) -> &'n [Node] {
        match &node.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            _ => {
                self.error_at(
                    path,
                    node.pos,
                    None,
                    format!(
                        "`{key}` must be a list of `- ` items, found {}",
                        node.kind()
                    ),
                );
                &[]
            }
        }
    }

    fn top(&mut self, path: &Path, root: &Node) {
        let Some(fields) = self.fields(path, root, TOP_KEYS, "an FAQ file", None) else {
            return;
        };
        if fields.pairs.is_empty() {
            self.error_at(
                path,
                root.pos,
                None,
                "the file has no sections; add `entries:`".to_owned(),
            );
        }
        for (key, node) in &fields.pairs {
            if matches!(*key, "shorthand" | "spanish") {
                self.word_table(path, node, key);
                continue;
            }
            for item in self.list(path, node, key) {
                match *key {
                    "entries" => self.entry(path, item),
                    "rescs" => self.resc(path, item),
                    "leaders" => self.leader(path, item),
                    "smalltalk" => self.smalltalk(path, item),
                    "synonyms" => {
                        if let Some(group) = self.group(path, item, "synonyms") {
                            self.synonyms.push(group);
                        }
                    }
                    "framing" => {
                        if let Some(phrase) = self.text_value(path, item, key, 100, None) {
                            self.framing.push(phrase);
                        }
                    }
                    _ => {
                        if let Some(group) = self.group(path, item, "names") {
                            self.names.push(Name {
                                canonical: group[0].clone(),
                                aliases: group,
                            });
                        }
                    }
                }
            }
        }
    }

    fn entry(&mut self, path: &Path, node: &Node) {
        // Name the entry in errors about its keys too, when its id can be read.
        let written_id = match &node.value {
            Value::Map(pairs) => pairs.iter().find_map(|(k, v)| match (&k.value, &v.value) {
                (Value::Str(k), Value::Str(v)) if k == "id" => Some(v.clone()),
                _ => None,
            }),
            _ => None,
        };
        let Some(fields) = self.fields(path, node, ENTRY_KEYS, "an entry", written_id.as_deref())
        else {
            return;
        };
        let id = self.id(path, &fields, node, "entry");
        let e = id.as_deref();
        let question = self.text(path, &fields, node, "question", MAX_QUESTION_CHARS, e);
        let answer = self.text(path, &fields, node, "answer", MAX_ANSWER_CHARS, e);
        let alternates = self.text_list(path, &fields, "alternates", MAX_QUESTION_CHARS, e);
        let tags = self.text_list(path, &fields, "tags", 40, e);
        let (Some(id), Some(question), Some(answer)) = (id, question, answer) else {
            return;
        };
        if let Some((other, line)) = self.entry_ids.get(&id) {
            let msg = format!("the id `{id}` is already used at {}:{line}; ids must be unique across all files, so rename one", other.display());
            self.error_at(path, node.pos, Some(&id), msg);
            return;
        }
        self.entry_ids
            .insert(id.clone(), (path.to_owned(), node.pos.line));
        let index = self.entries.len();
        for phrasing in std::iter::once(&question).chain(&alternates) {
            self.unique_phrasing(phrasing, &id, index, path, node.pos);
        }
        let tags = tags.into_iter().map(|t| t.to_lowercase()).collect();
        self.entries.push(Entry {
            id,
            question,
            alternates,
            answer,
            tags,
            origin: Origin::File {
                path: path.to_owned(),
                line: node.pos.line,
            },
        });
    }

    /// Takes an entry already checked in an earlier load, so the entries read next are checked
    /// against it.
    fn known_entry(&mut self, entry: &Entry) {
        if let Origin::File { path, line } = &entry.origin {
            self.entry_ids
                .insert(entry.id.clone(), (path.clone(), *line));
        }
        let index = self.entries.len();
        for phrasing in entry.phrasings() {
            let norm = crate::text::phrase_key(phrasing);
            if !norm.is_empty() {
                self.phrasings.entry(norm).or_insert(index);
            }
        }
        self.entries.push(entry.clone());
    }

    /// Reports a question (or alternate) that another entry already asks: the matcher could
    /// never choose between them, so it would decline it forever. `index` is where the entry
    /// asking it goes in `entries`.
    fn unique_phrasing(&mut self, phrasing: &str, id: &str, index: usize, path: &Path, pos: Pos) {
        let norm = crate::text::phrase_key(phrasing);
        if norm.is_empty() {
            return;
        }
        match self.phrasings.get(&norm).map(|&i| &self.entries[i]) {
            Some(other) if other.id == id => {}
            Some(other) => {
                let place = match &other.origin {
                    Origin::File { path, line } => format!("at {}:{line}", path.display()),
                    Origin::Directory => "from the RESC directory".to_owned(),
                };
                let msg = format!("\"{phrasing}\" is also asked by `{}` {place}; the same question in two entries is never answered, so keep it in one", other.id);
                self.error_at(path, pos, Some(id), msg);
            }
            None => {
                self.phrasings.insert(norm, index);
            }
        }
    }

    fn resc(&mut self, path: &Path, node: &Node) {
        let Some(fields) = self.fields(path, node, RESC_KEYS, "a RESC", None) else {
            return;
        };
        let id = self.id(path, &fields, node, "RESC");
        let name = self.text(path, &fields, node, "name", 100, id.as_deref());
        let full_name = self.optional_text(path, &fields, "full_name", 200, id.as_deref());
        let aka = self.text_list(path, &fields, "aka", 100, id.as_deref());
        let (Some(id), Some(name)) = (id, name) else {
            return;
        };
        if let Some((_, other, pos)) = self.rescs.iter().find(|(r, _, _)| r.id == id) {
            let msg = format!(
                "the RESC `{id}` is already listed at {}:{}; keep one",
                other.display(),
                pos.line
            );
            self.error_at(path, node.pos, Some(&id), msg);
            return;
        }
        self.rescs.push((
            Resc {
                id,
                name,
                full_name,
                aka,
                leader: None,
            },
            path.to_owned(),
            node.pos,
        ));
    }

    fn leader(&mut self, path: &Path, node: &Node) {
        let Some(fields) = self.fields(path, node, LEADER_KEYS, "a leader", None) else {
            return;
        };
        let resc = self.text(path, &fields, node, "resc", 80, None);
        let r = resc.as_deref();
        let name = self.text(path, &fields, node, "name", 100, r);
        let title = self.text(path, &fields, node, "title", 100, r);
        let honorific = self.optional_text(path, &fields, "honorific", 20, r);
        let aka = self.text_list(path, &fields, "aka", 100, r);
        if let (Some(resc), Some(name), Some(title)) = (resc, name, title) {
            let pos = fields.get("resc").map_or(node.pos, |n| n.pos);
            self.leaders.push((
                resc,
                Leader {
                    name,
                    title,
                    honorific,
                    aka,
                },
                path.to_owned(),
                pos,
            ));
        }
    }

    /// One `smalltalk:` item: an id, what people say, and the reply.
    fn smalltalk(&mut self, path: &Path, node: &Node) {
        let Some(fields) = self.fields(path, node, SMALLTALK_KEYS, "a small-talk item", None)
        else {
            return;
        };
        let id = self.id(path, &fields, node, "small-talk");
        let reply = self.text(
            path,
            &fields,
            node,
            "reply",
            MAX_ANSWER_CHARS,
            id.as_deref(),
        );
        let says = self.text_list(path, &fields, "says", 100, id.as_deref());
        let asks = self.text_list(path, &fields, "asks", 100, id.as_deref());
        let (Some(id), Some(reply)) = (id, reply) else {
            return;
        };
        if says.is_empty() {
            self.error_at(
                path,
                node.pos,
                Some(&id),
                "`says` is missing or empty; list what people say, like `says: [hi, hello]`"
                    .to_owned(),
            );
            return;
        }
        if let Some(other) = self.smalltalk.iter().find(|s| s.id == id) {
            let msg = format!("the small-talk id `{}` is used twice; rename one", other.id);
            self.error_at(path, node.pos, Some(&id), msg);
            return;
        }
        for said in says.iter().chain(&asks) {
            let key = crate::text::phrase_key(said);
            if key.is_empty() {
                self.error_at(
                    path,
                    node.pos,
                    Some(&id),
                    format!("`{said}` has no words; write what people say"),
                );
                continue;
            }
            if let Some((other, line)) = self.smalltalk_at.get(&key) {
                let msg = format!(
                    "\"{said}\" is already small talk at {}:{line}; keep it in one item",
                    other.display()
                );
                self.error_at(path, node.pos, Some(&id), msg);
                continue;
            }
            self.smalltalk_at
                .insert(key, (path.to_owned(), node.pos.line));
        }
        self.smalltalk.push(super::SmallTalk {
            id,
            says,
            asks,
            reply,
        });
    }

    /// `shorthand:` is a mapping from what people type to what it means: `ppl: people`;
    /// `spanish:` one from Spanish words, or phrases of up to [`SPANISH_WORDS`] words, to
    /// English: `quien: who`, `como se llama: what is the name of`.
    fn word_table(&mut self, path: &Path, node: &Node, key: &str) {
        let (example, most) = if key == "spanish" {
            ("`quien: who`", SPANISH_WORDS)
        } else {
            ("`ppl: people`", 1)
        };
        let pairs = match &node.value {
            Value::Map(pairs) => pairs,
            Value::Null => return,
            _ => {
                self.error_at(
                    path,
                    node.pos,
                    None,
                    format!(
                        "`{key}` must be `written: meaning` lines like {example}, found {}",
                        node.kind()
                    ),
                );
                return;
            }
        };
        for (k, v) in pairs {
            let Some(written) = self.text_value(path, k, key, 40, None) else {
                continue;
            };
            let Some(meaning) = self.text_value(path, v, &written, 100, None) else {
                continue;
            };
            let words = crate::text::words(&written);
            if words.is_empty() || words.len() > most {
                let msg = if most == 1 {
                    format!("the {key} `{written}` must be one word (letters and digits); for phrases, use a synonym group")
                } else {
                    format!("the {key} `{written}` must be one to {most} words")
                };
                self.error_at(path, k.pos, None, msg);
                continue;
            }
            if crate::text::words(&meaning).is_empty() {
                self.error_at(
                    path,
                    v.pos,
                    None,
                    format!("`{written}` must stand for words, found `{meaning}`"),
                );
                continue;
            }
            let written = words.join(" ");
            let (table, at) = if most == 1 {
                (&mut self.shorthand, &mut self.shorthand_at)
            } else {
                (&mut self.spanish, &mut self.spanish_at)
            };
            if let Some((other, line)) = at.get(&written) {
                let msg = format!(
                    "the {key} `{written}` is already defined at {}:{line}; keep one",
                    other.display()
                );
                self.error_at(path, k.pos, None, msg);
                continue;
            }
            at.insert(written.clone(), (path.to_owned(), k.pos.line));
            table.push((written, meaning));
        }
    }

    fn group(&mut self, path: &Path, node: &Node, key: &str) -> Option<Vec<String>> {
        let Value::Seq(items) = &node.value else {
            self.error_at(path, node.pos, None, format!("each item of `{key}` must be a list of words like `[lead, head, run]`, found {}", node.kind()));
            return None;
        };
        let words: Vec<String> = items
            .iter()
            .filter_map(|i| self.text_value(path, i, key, 100, None))
            .collect();
        if words.len() < 2 && key == "synonyms" {
            self.error_at(path, node.pos, None, "this synonym group has fewer than two words; add words that mean the same, or remove the group".to_owned());
            return None;
        }
        if words.is_empty() {
            self.error_at(
                path,
                node.pos,
                None,
                format!("this `{key}` group is empty; add names, or remove the group"),
            );
            return None;
        }
        if key == "synonyms" {
            let mut own = std::collections::HashSet::new();
            for w in &words {
                let norm = crate::text::words(w).join(" ");
                if !own.insert(norm.clone()) {
                    continue;
                }
                if let Some((other, line)) = self.synonym_words.get(&norm) {
                    let msg = format!("`{w}` is already in the synonym group at {}:{line}; a word may be in one group only", other.display());
                    self.error_at(path, node.pos, None, msg);
                    return None;
                }
            }
            for norm in own {
                self.synonym_words
                    .insert(norm, (path.to_owned(), node.pos.line));
            }
        }
        Some(words)
    }

    fn finish(mut self, dir: &Path) -> Result<Faq, FaqErrors> {
        let leaders = std::mem::take(&mut self.leaders);
        for (resc_id, leader, path, pos) in leaders {
            let ids: Vec<&str> = self.rescs.iter().map(|(r, _, _)| r.id.as_str()).collect();
            let Some(i) = self.rescs.iter().position(|(r, _, _)| r.id == resc_id) else {
                let hint = closest(&resc_id, &ids)
                    .map_or_else(String::new, |c| format!(" (did you mean `{c}`?)"));
                let msg = format!("this leader's RESC `{resc_id}` is not in the directory{hint}; the RESCs are {}", ids.join(", "));
                self.error_at(&path, pos, Some(&resc_id), msg);
                continue;
            };
            if self.rescs[i].0.leader.is_some() {
                self.error_at(&path, pos, Some(&resc_id), format!("`{resc_id}` already has a leader; a RESC has one leader, so remove the old line"));
                continue;
            }
            self.rescs[i].0.leader = Some(leader);
        }
        let rescs: Vec<Resc> = self.rescs.into_iter().map(|(r, _, _)| r).collect();
        for derived in derived_entries(&rescs) {
            if let Some((path, line)) = self.entry_ids.get(&derived.id) {
                self.errors.push(FaqError {
                    file: path.clone(),
                    line: *line,
                    column: 1,
                    entry: Some(derived.id.clone()),
                    message: format!("the id `{}` is used by an entry built from the RESC directory; choose another id", derived.id),
                });
            }
            for phrasing in derived.phrasings() {
                let norm = crate::text::phrase_key(phrasing);
                let Some(other) = self.phrasings.get(&norm).map(|&i| &self.entries[i]) else {
                    continue;
                };
                if let (Origin::File { path, line }, true) = (&other.origin, other.id != derived.id)
                {
                    let msg = format!("\"{phrasing}\" is also asked by `{}`, an entry built from the RESC directory; the same question in two entries is never answered, so remove it here", derived.id);
                    self.errors.push(FaqError {
                        file: path.clone(),
                        line: *line,
                        column: 1,
                        entry: Some(other.id.clone()),
                        message: msg,
                    });
                }
            }
            self.entries.push(derived);
        }
        if self.errors.is_empty() && self.entries.is_empty() {
            self.errors.push(FaqError {
                file: dir.to_owned(),
                line: 0,
                column: 0,
                entry: None,
                message: "the FAQ has no entries; add some under `entries:`".to_owned(),
            });
        }
        if !self.errors.is_empty() {
            return Err(FaqErrors(self.errors));
        }
        Ok(Faq {
            entries: self.entries,
            rescs,
            synonyms: self.synonyms,
            framing: self.framing,
            names: self.names,
            shorthand: self.shorthand,
            spanish: self.spanish,
            smalltalk: self.smalltalk,
        })
    }
}

/// Why a file cannot be used at all (unreadable, not text, not YAML, empty), and where.
struct Unusable {
    at: Pos,
    why: String,
}

impl Unusable {
    fn new(at: Pos, why: impl Into<String>) -> Self {
        Self {
            at,
            why: why.into(),
        }
    }
}

/// Reads and parses one file, or says why it cannot be used, and where. Only regular files
/// are read, and no further than the size they had when opened: a link to a device or to
/// something like `/proc/kmsg` (which says 0 bytes and never ends) cannot hang the loader.
fn read_tree(path: &Path) -> Result<Node, Unusable> {
    use std::io::Read as _;
    let start = Pos { line: 1, column: 1 };
    let cannot =
        |e: std::io::Error| Unusable::new(Pos::default(), format!("cannot read the file: {e}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(Unusable::new(
            Pos::default(),
            "this is not a regular file; FAQ files must be plain text files".to_owned(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        let mib = MAX_FILE_BYTES / (1024 * 1024);
        return Err(Unusable::new(
            start,
            format!("the file is larger than {mib} MiB; split it into several files"),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(meta.len())
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    parse_tree(bytes)
}

/// Parses one file's bytes, or says why they cannot be used, and where.
fn parse_tree(bytes: Vec<u8>) -> Result<Node, Unusable> {
    let start = Pos { line: 1, column: 1 };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let mib = MAX_FILE_BYTES / (1024 * 1024);
        return Err(Unusable::new(
            start,
            format!("the file is larger than {mib} MiB; split it into several files"),
        ));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let at = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = at.split(|b| *b == b'\n').count();
        Unusable::new(
            Pos { line, column: 1 },
            "the file is not UTF-8 text; save it as UTF-8",
        )
    })?;
    // A byte order mark (Windows editors write one) is not part of the text.
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if let Some(line) = binary_line(&text) {
        return Err(Unusable::new(
            Pos { line, column: 1 },
            "the file contains binary data (control characters); save it as plain text".to_owned(),
        ));
    }
    match yaml::parse(&text) {
        Err(e) => Err(Unusable::new(
            e.pos,
            format!(
                "this is not valid YAML: {}; check the indentation and quotes around this place",
                e.message
            ),
        )),
        Ok(None) => Err(Unusable::new(
            start,
            "the file is empty; add `entries:` with at least one entry, or delete the file"
                .to_owned(),
        )),
        Ok(Some(root)) => Ok(root),
    }
}

/// The line of the first control character other than tab and line breaks, if any.
fn binary_line(text: &str) -> Option<usize> {
    let at = text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
    Some(text[..at].matches('\n').count() + 1)
}

/// The allowed word closest to a misspelt one, if it is close enough to be a likely typo.
fn closest<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(word, a), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}
