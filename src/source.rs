//! Keeping the FAQ in step with the About Us page it was written from.
//!
//! The page (text, Markdown or HTML) is read into blocks: headings, paragraphs and list items
//! in page order. Its leader lines ("Dr. Charles Dumais, CES Executive Director") are compared
//! with the RESC directory; every name, number, date, statute and acronym on it must appear in
//! some answer; and every paragraph or bullet must be covered by an answer. Each finding
//! quotes the page's words, so a moderator can find them.

use std::collections::HashSet;
use std::fmt;

use rust_stemmers::{Algorithm, Stemmer};

use crate::faq::Faq;

/// Elements whose text is not the page's content.
const IGNORED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "footer", "header", "aside", "svg",
    "button", "form",
];

/// Elements that start a block of their own.
const BLOCKS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "td",
    "th",
    "dt",
    "dd",
    "pre",
    "br",
    "tr",
    "ul",
    "ol",
    "table",
    "body",
];

/// Honorifics a leader line may open with.
const HONORIFICS: &[&str] = &["Dr.", "Dr", "Mr.", "Mrs.", "Ms.", "Prof.", "Rev."];

/// Words that make the end of a leader line a title.
const TITLE_WORDS: &[&str] = &[
    "Director",
    "Superintendent",
    "President",
    "Officer",
    "CEO",
    "Chief",
    "Head",
];

/// A paragraph is covered when an answer has this share of its words.
const COVERED: f32 = 0.6;

/// Blocks with fewer words that mean something are headings or page furniture.
const MIN_PARAGRAPH_WORDS: usize = 4;

/// The text of a page as blocks (headings, paragraphs, list items), in page order.
#[must_use]
pub fn html_blocks(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut ignored = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                scraper::Node::Element(e) if IGNORED.contains(&e.name()) => ignored += 1,
                scraper::Node::Element(e) if BLOCKS.contains(&e.name()) => {
                    push_block(&mut blocks, &mut current);
                }
                scraper::Node::Text(t) if ignored == 0 => {
                    current.push_str(t);
                    current.push(' ');
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => match node.value() {
                scraper::Node::Element(e) if IGNORED.contains(&e.name()) => {
                    ignored = ignored.saturating_sub(1);
                }
                scraper::Node::Element(e) if BLOCKS.contains(&e.name()) => {
                    push_block(&mut blocks, &mut current);
                }
                _ => {}
            },
        }
    }
    push_block(&mut blocks, &mut current);
    blocks
}

/// The blocks of a text or Markdown page: one per line, without Markdown's heading marks and
/// bullets.
#[must_use]
pub fn text_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    for line in text.lines() {
        let mut line = line.trim().trim_start_matches('#').trim();
        for bullet in ["• ", "- ", "* ", "+ "] {
            if let Some(rest) = line.strip_prefix(bullet) {
                line = rest;
            }
        }
        let mut current = line.to_owned();
        push_block(&mut blocks, &mut current);
    }
    blocks
}

fn push_block(blocks: &mut Vec<String>, current: &mut String) {
    let block = current
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    current.clear();
    if !block.is_empty() {
        blocks.push(block);
    }
}

/// A leader line of the page: "Dr. Charles Dumais, CES Executive Director".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderLine {
    pub honorific: Option<String>,
    pub name: String,
    /// The RESC as the page writes it.
    pub resc: String,
    pub title: String,
    /// The line as on the page.
    pub line: String,
}

/// The page's leader lines, in page order.
#[must_use]
pub fn leader_lines(blocks: &[String]) -> Vec<LeaderLine> {
    blocks.iter().filter_map(|b| leader_line(b)).collect()
}

fn leader_line(block: &str) -> Option<LeaderLine> {
    let (person, role) = block.split_once(", ")?;
    let mut person_words: Vec<&str> = person.split_whitespace().collect();
    let honorific = person_words
        .first()
        .filter(|w| HONORIFICS.contains(w))
        .map(|h| (*h).to_owned());
    if honorific.is_some() {
        person_words.remove(0);
    }
    let capitalised = |w: &&str| w.starts_with(|c: char| c.is_uppercase());
    if !(2..=4).contains(&person_words.len()) || !person_words.iter().all(capitalised) {
        return None;
    }
    let (resc, title) = role.split_once(' ')?;
    let title_like = title.split_whitespace().all(|w| capitalised(&w))
        && title.split_whitespace().any(|w| TITLE_WORDS.contains(&w));
    if !title_like || !capitalised(&resc) {
        return None;
    }
    Some(LeaderLine {
        honorific: honorific.map(|h| if h.ends_with('.') { h } else { format!("{h}.") }),
        name: person_words.join(" "),
        resc: resc.to_owned(),
        title: title.to_owned(),
        line: block.to_owned(),
    })
}

/// What no longer matches between the page and the FAQ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A RESC the page names that the directory does not have.
    NewResc { resc: String, line: String },
    /// The page names a leader for a RESC that has none in the directory.
    NewLeader {
        resc: String,
        name: String,
        line: String,
    },
    /// The page names someone else, or another title or honorific.
    ChangedLeader {
        resc: String,
        was: String,
        now: String,
        line: String,
    },
    /// A leader in the directory whom the page does not name.
    MissingLeader { resc: String, name: String },
    /// A name, number, date, statute or acronym that appears in no answer.
    Fact {
        kind: &'static str,
        text: String,
        block: String,
    },
    /// A paragraph or bullet whose content no entry covers.
    Uncovered { block: String },
}

impl Finding {
    /// Whether importing the page's leaders would change the directory.
    #[must_use]
    pub fn is_about_leaders(&self) -> bool {
        matches!(
            self,
            Self::NewResc { .. }
                | Self::NewLeader { .. }
                | Self::ChangedLeader { .. }
                | Self::MissingLeader { .. }
        )
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NewResc { resc, line } => {
                write!(f, "new RESC: {resc} is not in the directory (\"{line}\")")
            }
            Self::NewLeader { resc, name, line } => {
                write!(f, "new leader: {name} leads {resc} (\"{line}\")")
            }
            Self::ChangedLeader {
                resc,
                was,
                now,
                line,
            } => write!(
                f,
                "changed leader: {resc} is led by {now} on the page, {was} in the directory (\"{line}\")"
            ),
            Self::MissingLeader { resc, name } => write!(
                f,
                "missing leader: the page does not name {name} of {resc}, who is in the directory"
            ),
            Self::Fact { kind, text, block } => {
                write!(f, "{kind} not in any answer: {text} (\"{block}\")")
            }
            Self::Uncovered { block } => write!(f, "not covered by any entry: \"{block}\""),
        }
    }
}

/// Everything on the page (its `blocks`) that the FAQ does not say, or says otherwise.
#[must_use]
pub fn check(faq: &Faq, blocks: &[String]) -> Vec<Finding> {
    let leaders = leader_lines(blocks);
    let mut findings = leader_findings(faq, &leaders);
    let answers = Answers::new(faq);
    let leader_blocks: HashSet<&str> = leaders.iter().map(|l| l.line.as_str()).collect();
    let mut seen = HashSet::new();
    for block in blocks
        .iter()
        .filter(|b| !leader_blocks.contains(b.as_str()))
    {
        for (kind, text) in facts(block) {
            if !answers.mention(&text) && seen.insert(text.clone()) {
                findings.push(Finding::Fact {
                    kind,
                    text,
                    block: block.clone(),
                });
            }
        }
        if !answers.cover(block) {
            findings.push(Finding::Uncovered {
                block: block.clone(),
            });
        }
    }
    findings
}

fn leader_findings(faq: &Faq, leaders: &[LeaderLine]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut named = HashSet::new();
    for l in leaders {
        let Some(resc) = faq.resc(&l.resc) else {
            findings.push(Finding::NewResc {
                resc: l.resc.clone(),
                line: l.line.clone(),
            });
            continue;
        };
        named.insert(resc.id.clone());
        let now = written(l.honorific.as_deref(), &l.name, &l.title);
        match &resc.leader {
            None => findings.push(Finding::NewLeader {
                resc: resc.name.clone(),
                name: l.name.clone(),
                line: l.line.clone(),
            }),
            Some(leader) => {
                let was = written(leader.honorific.as_deref(), &leader.name, &leader.title);
                if was != now {
                    findings.push(Finding::ChangedLeader {
                        resc: resc.name.clone(),
                        was,
                        now,
                        line: l.line.clone(),
                    });
                }
            }
        }
    }
    if !leaders.is_empty() {
        for resc in &faq.rescs {
            if let (Some(leader), false) = (&resc.leader, named.contains(&resc.id)) {
                findings.push(Finding::MissingLeader {
                    resc: resc.name.clone(),
                    name: leader.name.clone(),
                });
            }
        }
    }
    findings
}

/// "Dr. Charles Dumais (Executive Director)".
fn written(honorific: Option<&str>, name: &str, title: &str) -> String {
    match honorific {
        Some(h) => format!("{h} {name} ({title})"),
        None => format!("{name} ({title})"),
    }
}

/// The names, numbers, dates, statutes and acronyms in a block.
fn facts(block: &str) -> Vec<(&'static str, String)> {
    const MONTHS: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let words: Vec<&str> = block.split_whitespace().collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_owned()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = bare(words[i]);
        if MONTHS.contains(&w.as_str()) {
            // "August 1, 1972" or "July 2021".
            let mut date = vec![w.clone()];
            let mut j = i + 1;
            while j < words.len()
                && j <= i + 2
                && bare(words[j]).chars().all(|c| c.is_ascii_digit())
                && !bare(words[j]).is_empty()
            {
                date.push(words[j].trim_end_matches(['.', ';', ')']).to_owned());
                j += 1;
            }
            if date.len() > 1 {
                out.push(("date", date.join(" ").trim_end_matches(',').to_owned()));
                i = j;
                continue;
            }
        }
        if w.contains(|c: char| c.is_ascii_digit()) {
            let kind = if w.contains('-') && w.starts_with(|c: char| c.is_ascii_digit()) {
                "statute"
            } else if w.len() >= 4 && (w.starts_with("19") || w.starts_with("20")) {
                "date"
            } else {
                "number"
            };
            out.push((kind, w));
        } else if w.len() >= 2
            && w.chars().filter(char::is_ascii_uppercase).count() >= 2
            && w.chars().all(|c| c.is_ascii_uppercase() || c == 's')
            && !block
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        {
            out.push(("acronym", w));
        }
        i += 1;
    }
    out.extend(names(&words).into_iter().map(|n| ("name", n)));
    out
}

/// Runs of two or more capitalised words ("Office of Early Childhood"), not at the start of a
/// sentence.
fn names(words: &[&str]) -> Vec<String> {
    const JOINERS: &[&str] = &["of", "the", "and", "for"];
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        while run.last().is_some_and(|w| JOINERS.contains(w)) {
            run.pop();
        }
        let capitals = run.iter().filter(|w| !JOINERS.contains(w)).count();
        if capitals >= 2 {
            out.push(run.join(" "));
        }
        run.clear();
    };
    for (i, raw) in words.iter().enumerate() {
        if raw.starts_with('(') {
            flush(&mut run, &mut out);
        }
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let sentence_start = i == 0 || words[i - 1].ends_with(['.', '?', '!', ':']);
        let capital = w.starts_with(|c: char| c.is_uppercase())
            && w.chars().skip(1).any(char::is_lowercase)
            && !sentence_start;
        if capital || (!run.is_empty() && JOINERS.contains(&w)) {
            run.push(w);
        } else {
            flush(&mut run, &mut out);
        }
        if raw.ends_with([',', '.', ';', ':', '(', ')']) {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The FAQ's answers, for finding a fact and covering a paragraph.
struct Answers {
    /// All answers, lowercase, with straight quotes and single spaces.
    text: String,
    /// Each answer's word stems.
    stems: Vec<HashSet<String>>,
    /// All answers as word stems joined by spaces, for names written slightly differently
    /// ("Services Centers" for "Service Centers").
    stemmed: String,
    stemmer: Stemmer,
}

impl Answers {
    fn new(faq: &Faq) -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let stems = faq
            .entries
            .iter()
            .map(|e| {
                crate::text::words(&e.answer)
                    .iter()
                    .map(|w| stemmer.stem(w).into_owned())
                    .collect()
            })
            .collect();
        let text = faq
            .entries
            .iter()
            .map(|e| normal(&e.answer))
            .collect::<Vec<_>>()
            .join("\n");
        let mut joined = String::new();
        for e in &faq.entries {
            joined.push(' ');
            joined.push_str(&stem_words(&stemmer, &e.answer));
            joined.push(' ');
        }
        Self {
            text,
            stems,
            stemmed: joined,
            stemmer,
        }
    }

    fn mention(&self, fact: &str) -> bool {
        let fact = normal(fact);
        self.text.contains(&fact)
            || fact
                .strip_suffix('s')
                .is_some_and(|one| self.text.contains(one))
            || self
                .stemmed
                .contains(&format!(" {} ", stem_words(&self.stemmer, &fact)))
    }

    /// Whether one answer holds most of the block's meaningful words.
    fn cover(&self, block: &str) -> bool {
        let words: Vec<String> = crate::text::words(block)
            .into_iter()
            .filter(|w| w.len() > 2 && !crate::lexicon::zipf(w).is_some_and(|z| z >= 6.0))
            .map(|w| self.stemmer.stem(&w).into_owned())
            .collect();
        if words.len() < MIN_PARAGRAPH_WORDS {
            return true;
        }
        self.stems.iter().any(|answer| {
            let have = words.iter().filter(|w| answer.contains(*w)).count();
            #[allow(clippy::cast_precision_loss)]
            let share = have as f32 / words.len() as f32;
            share >= COVERED
        })
    }
}

/// A text's words as stems, joined by spaces.
fn stem_words(stemmer: &Stemmer, text: &str) -> String {
    crate::text::words(text)
        .iter()
        .map(|w| stemmer.stem(w).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercase, straight quotes, single spaces: how facts are compared.
fn normal(text: &str) -> String {
    text.replace(['\u{2019}', '\u{2018}'], "'")
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The largest page read, from a file or a URL.
pub const MAX_PAGE_BYTES: usize = 5 * 1024 * 1024;

/// Why the page could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{page} is larger than {} MB; is it the About Us page?", MAX_PAGE_BYTES / (1024 * 1024))]
    TooLarge { page: String },
    #[error("{page} is not text or HTML ({what}); give the page itself")]
    NotText { page: String, what: String },
    #[error("{url} answered HTTP {status}")]
    Status { url: String, status: u16 },
    #[error("{url} did not answer within {secs} s")]
    Timeout { url: String, secs: u64 },
    #[error("cannot fetch {url}: {reason}")]
    Fetch { url: String, reason: String },
    #[error("this rescbot was built without the `fetch` feature, so it cannot read {url}; save the page to a file and give that")]
    NoFetch { url: String },
}

/// The blocks of a page held in memory: HTML when it says so (or looks like it), else text.
pub fn blocks_of(bytes: &[u8], page: &str, html: bool) -> Result<Vec<String>, PageError> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(PageError::TooLarge {
            page: page.to_owned(),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| PageError::NotText {
        page: page.to_owned(),
        what: "its bytes are not UTF-8 text".to_owned(),
    })?;
    if text.contains('\0') {
        return Err(PageError::NotText {
            page: page.to_owned(),
            what: "it holds binary data".to_owned(),
        });
    }
    let looks_html = text.trim_start().starts_with('<');
    Ok(if html || looks_html {
        html_blocks(text)
    } else {
        text_blocks(text)
    })
}

/// Reads a page from a file (`.txt`, `.md`, `.html`).
pub fn read_file(path: &std::path::Path) -> Result<Vec<String>, PageError> {
    use std::io::Read as _;
    let page = path.display().to_string();
    let io = |source| PageError::Io {
        path: page.clone(),
        source,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_PAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let html = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("html") || x.eq_ignore_ascii_case("htm"));
    blocks_of(&bytes, &page, html)
}

/// Whether the page is given as a URL rather than a file.
#[must_use]
pub fn is_url(page: &str) -> bool {
    page.starts_with("http://") || page.starts_with("https://")
}

/// Fetches a page: redirects followed, `timeout` for the whole exchange, at most
/// [`MAX_PAGE_BYTES`], and only a text or HTML body.
#[cfg(feature = "fetch")]
pub async fn fetch(url: &str, timeout: std::time::Duration) -> Result<Vec<String>, PageError> {
    let failed = |e: reqwest::Error| {
        if e.is_timeout() {
            PageError::Timeout {
                url: url.to_owned(),
                secs: timeout.as_secs(),
            }
        } else {
            PageError::Fetch {
                url: url.to_owned(),
                reason: e.without_url().to_string(),
            }
        }
    };
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::limited(10))
        .build()
        .map_err(failed)?;
    let mut response = client.get(url).send().await.map_err(failed)?;
    let status = response.status();
    if !status.is_success() {
        return Err(PageError::Status {
            url: url.to_owned(),
            status: status.as_u16(),
        });
    }
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !(content_type.is_empty()
        || content_type.starts_with("text/")
        || content_type.contains("html"))
    {
        return Err(PageError::NotText {
            page: url.to_owned(),
            what: format!("Content-Type {content_type}"),
        });
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(failed)? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > MAX_PAGE_BYTES {
            return Err(PageError::TooLarge {
                page: url.to_owned(),
            });
        }
    }
    blocks_of(&bytes, url, content_type.contains("html"))
}

/// Reads a page from a file or, with the `fetch` feature, a URL (blocking the thread).
pub fn read_page(page: &str, timeout: std::time::Duration) -> Result<Vec<String>, PageError> {
    if !is_url(page) {
        return read_file(std::path::Path::new(page));
    }
    #[cfg(feature = "fetch")]
    {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|source| PageError::Io {
                path: page.to_owned(),
                source,
            })?;
        runtime.block_on(fetch(page, timeout))
    }
    #[cfg(not(feature = "fetch"))]
    {
        let _ = timeout;
        Err(PageError::NoFetch {
            url: page.to_owned(),
        })
    }
}
