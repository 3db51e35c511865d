//! Finding the entry that answers a question, or deciding that none does.
//!
//! The [`Matcher`] indexes every phrasing of every entry as a set of terms (see
//! `analyze`), weighted by how telling they are (inverse document frequency; names and
//! acronyms count more). A question is answered by the entry whose best phrasing covers most of
//! the question's weight, and most of whose own weight the question covers; words found only in
//! the answer count for less. Entities must agree: a question naming a RESC, a person or an
//! organisation is only answered by an entry that mentions it, and an entry about one RESC only
//! answers questions naming it. Unknown words weigh the most, so a question about something the
//! FAQ does not cover is declined. Candidates come from an inverted index, so the cost of a
//! question depends on the entries that share its words, not on the size of the FAQ.

use rustc_hash::FxHashMap as HashMap;
use std::time::{Duration, Instant};

use crate::analyze::{Analyzer, Kind};
use crate::config::MatchConfig;
use crate::decision::{Features, Model};
use crate::faq::{Entry, Faq};
use crate::text;

/// How much a question word found only in an entry's answer counts.
const ANSWER_CREDIT: f32 = 0.8;
/// How much a question word counts when another phrasing of the entry has it.
const SIBLING_CREDIT: f32 = 0.9;
/// How much a corrected (misspelt) word counts.
const CORRECTED_CREDIT: f32 = 0.8;
/// Share of the score from covering the question (the rest: covering the phrasing).
const QUESTION_SHARE: f32 = 0.8;
/// Question words tell the kind of answer, not the topic: a small, fixed weight.
const WH_WEIGHT: f32 = 0.5;
/// Names and acronyms are what a question is about.
const ENTITY_BOOST: f32 = 1.5;
/// Share of the score from the wording (edit distance) of the closest candidates.
const SURFACE_SHARE: f32 = 0.15;
/// Phrasings scoring this close to an entry's best are compared by wording.
const NEAR_BEST: f32 = 0.005;
/// The highest score an entry can reach when it covers none of the question's topic words.
const TOPIC_FLOOR: f32 = 0.3;
/// The synonym group of "how many": what follows it is what is counted.
const COUNT_GROUP: &str = "~how_mani";
/// Words at least this common (Zipf frequency) after "provide" or "offer" describe what is
/// offered ("a few", "actual"); rarer ones name it ("substitutes", "transportation").
const OBJECT_ZIPF: f32 = 5.0;
/// The synonym group of the words for a leader.
const LEADER_GROUP: &str = "~lead";
/// How much of a question's wording is compared with the phrasings, in characters.
const SURFACE_CHARS: usize = 80;
/// How many of a candidate's equally good phrasings are compared by wording.
const SURFACE_PHRASINGS: usize = 4;
/// How many of the best candidates are compared by wording.
const SURFACE_CANDIDATES: usize = 3;
/// How much a sentence that only tells ("my principal keeps mentioning it") counts beside
/// the sentences that ask.
const CONTEXT_SHARE: f32 = 0.1;
/// The most the sentences that only tell weigh together, as a share of the sentences that ask.
const CONTEXT_CAP: f32 = 0.25;
/// The least an everyday English word the FAQ does not use weighs, as a share of the weight of
/// a rare unknown word.
const UNKNOWN_FLOOR: f32 = 0.1;
/// The same in a sentence that asks, where an unknown word is more likely the very thing asked
/// about ("LEARN's fax number").
const FOCUS_UNKNOWN_FLOOR: f32 = 0.7;
/// How close in meaning a word the FAQ does not use must be to one it uses to stand for it
/// (cosine of their vectors: "boss" and "leader" 0.54, "cash" and "money" 0.70).
const MEANING_LEAST: f32 = 0.5;
/// How much a figure the FAQ never states counts for an entry stating one of its kind.
const FIGURE_CREDIT: f32 = 0.8;
/// Synonym groups that say what form an answer takes, not what it is about.
const FORM_GROUPS: &[&str] = &["~list", "~lead", "~titl", "~mean", "~how_mani"];
/// The model's probability at which an answer to the whole question is not split in parts.
const WHOLE_IS_ENOUGH: f32 = 0.8;
/// The most parts a question is answered in (more are a list, not a question in parts).
const MAX_PARTS: usize = 3;
/// How many of a question's unknown words are looked up by meaning, heaviest first.
const MEANING_WORDS: usize = 4;
/// The most words of a question so short that it asks about the phrase before it ("RESC
/// funding - where from?").
const FRAGMENT_WORDS: usize = 4;
/// The most words a phrase naming what the next question asks about may have.
const TOPIC_PHRASE_WORDS: usize = 8;
/// Words asking for a number of some kind ("the statute number").
const NUMBER_WORDS: &[&str] = &["number", "num"];
/// Words of a question pointing back at what the sentence before it told.
const POINTING_BACK: &[&str] = &[
    "it", "its", "that", "these", "they", "this", "those", "them",
];
/// Words standing for a person named before.
const PERSONAL: &[&str] = &["he", "she", "him", "her", "his", "hers"];
/// Words of a question about a person besides [`PERSONAL`] ("who is that?", "what's their
/// name?").
const ASKS_OF_A_PERSON: &[&str] = &["who", "whom", "whos", "who's", "name", "their", "them"];
/// How many topic words on each side of "or" make a choice's options.
const OPTION_WORDS: usize = 2;
/// How many of the FAQ's words may stand for one unknown word.
const MEANING_STAND_INS: usize = 3;
/// How much a word matched by meaning counts, times its similarity.
const MEANING_CREDIT: f32 = 1.0;

type TermId = u32;

struct IndexedEntry {
    /// Each phrasing's terms, sorted and unique.
    phrasings: Vec<Vec<TermId>>,
    /// Each phrasing's terms' weights summed (set once the weights are known).
    phrasing_weights: Vec<f32>,
    /// Each phrasing's normalised words, for comparing the wording of close candidates.
    surfaces: Vec<Box<str>>,
    answer_terms: Vec<TermId>,
    /// The terms of all its phrasings together: a question may combine what two alternates
    /// say ("what RESC is Greg Florio the director of").
    phrasing_terms: Vec<TermId>,
    /// Entities named in the phrasings when the canonical question names one: the entry is
    /// about them and only answers questions naming one of them. Empty for general entries.
    key_entities: Vec<TermId>,
    /// Entities named anywhere in the entry.
    all_entities: Vec<TermId>,
    /// The kinds of figure (years, months, counts) its phrasings and answer state, as bits.
    figures: u8,
    /// Its answer's most exact date: a question insisting on a more exact one is declined.
    date: Option<text::DatePrecision>,
    /// Its answer states an exact amount ("$2,400"), not only "millions of dollars".
    amount: bool,
    /// Its answer states a number of some kind ("10-66a", "1972"): what "which number" asks.
    numbered: bool,
    /// Its answer lists things: a line of a bulleted list, or a sentence naming three or more
    /// things separated by commas. What "list them" asks for.
    enumerates: bool,
    /// Its answer's first sentence giving a year: what a question comparing dates quotes.
    dated: Option<text::Dated>,
    /// How many people from the directory its answer names.
    people_named: usize,
    /// The latest year its answer names: a question about what comes next needs a later one.
    latest_year: Option<u16>,
    /// How many RESCs its answer names; all of them when it says "any", "all", "every",
    /// "each" or "six". What "which RESCs ..." needs.
    rescs_named: usize,
}

impl IndexedEntry {
    /// Whether one of its phrasings asks how to apply, register or join: then it tells the
    /// steps.
    fn tells_how_to_enrol(&self) -> bool {
        self.asked_so(text::asks_how_to_enrol)
    }

    /// Whether one of its phrasings asks what `asks` finds: then it was written to answer that.
    fn asked_so(&self, asks: fn(&[&str]) -> bool) -> bool {
        self.surfaces
            .iter()
            .any(|s| asks(&s.split(' ').collect::<Vec<_>>()))
    }
}

/// This year, by the system clock: what "next" is after.
fn current_year() -> u16 {
    const SECONDS_PER_YEAR: u64 = 31_556_952;
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    u16::try_from(1970 + seconds / SECONDS_PER_YEAR).unwrap_or(u16::MAX)
}

impl IndexedEntry {
    /// Whether its answer gives the items of a list: it enumerates, or names two or more
    /// things ("including the CSDE and the OEC").
    fn lists_items(&self) -> bool {
        // `all_entities` is sorted and without repeats.
        self.enumerates || self.all_entities.len() >= 2
    }
}

/// Why a question was not even looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputProblem {
    Empty,
    TooLong { chars: usize, max: usize },
    NoWords,
}

impl InputProblem {
    /// What to tell the person who asked.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Self::Empty => "Please type a question, for example \"What is a RESC?\"".to_owned(),
            Self::TooLong { chars, max } => format!(
                "That question is {chars} characters long; please keep it under {max} characters."
            ),
            Self::NoWords => {
                "I couldn't find any words in that. Please ask a question, for example \"Who leads LEARN?\"".to_owned()
            }
        }
    }
}

/// An entry offered instead of, or beside, an answer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suggestion {
    pub id: String,
    pub question: String,
}

impl From<&Entry> for Suggestion {
    fn from(e: &Entry) -> Self {
        Self {
            id: e.id.clone(),
            question: e.question.clone(),
        }
    }
}

/// An entry and its score, for "why did it say that?".
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Candidate {
    pub id: String,
    pub question: String,
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Answered {
        id: String,
        question: String,
        answer: String,
    },
    Declined,
    /// Not a question: a greeting, thanks, "who are you?" (see `faq/smalltalk.yaml`).
    SmallTalk {
        id: String,
        reply: String,
    },
    Invalid(InputProblem),
}

impl Outcome {
    /// An answer with `entry`'s answer, filed under it.
    fn answered_by(entry: &Entry) -> Self {
        Self::Answered {
            id: entry.id.clone(),
            question: entry.question.clone(),
            answer: entry.answer.clone(),
        }
    }
}

/// The matcher's verdict on one question: plain data for any front end.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The question as asked, cleaned of invisible characters and extra space.
    pub question: String,
    pub outcome: Outcome,
    /// The best entry's score (0 to 1).
    pub score: f32,
    /// Up to `max_suggestions` entries to offer when declining.
    pub suggestions: Vec<Suggestion>,
    /// The five best entries with their scores.
    pub candidates: Vec<Candidate>,
    /// The question's terms as the matcher saw them (`@` names, `~` synonym groups, `?`
    /// question words), for explaining a reply.
    pub terms: Vec<String>,
    /// Why it answered or declined, for `--explain`.
    pub decision: Decision,
    /// Time spent answering.
    pub elapsed: Duration,
}

/// What the answer/decline decision was made from: shown by `rescbot ask --json --explain`, so
/// a moderator can see why a question was declined.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decision {
    /// `directory` (an answer composed from the RESC directory), `faq` (an entry's score),
    /// `parts` (a question in parts, each answered on its own) or empty when the question was
    /// not looked up.
    pub by: &'static str,
    /// In words: what decided it.
    pub reason: String,
    /// Sentences in the message, and how many of them ask (the others weigh less).
    pub sentences: usize,
    pub asking_sentences: usize,
    /// Share of the question's weight carried by words the FAQ does not use.
    pub unknown_share: f32,
    /// The best entry's score, the runner-up's, and what answering needs.
    pub best: f32,
    pub runner_up: f32,
    pub threshold: f32,
    /// What the decision model read of the best entry, and the probability it gave that the
    /// entry is the answer.
    pub features: Option<Features>,
    pub probability: f32,
    /// What the model read of the runner-up, when the best was declined and the runner-up
    /// scored enough to be weighed in its place.
    pub runner_up_features: Option<Features>,
}

impl Reply {
    fn declined(question: String) -> Self {
        Reply {
            question,
            outcome: Outcome::Declined,
            score: 0.0,
            suggestions: Vec::new(),
            candidates: Vec::new(),
            terms: Vec::new(),
            decision: Decision::default(),
            elapsed: Duration::ZERO,
        }
    }

    #[must_use]
    pub fn answered(&self) -> bool {
        matches!(self.outcome, Outcome::Answered { .. })
    }

    #[must_use]
    pub fn answer_id(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Answered { id, .. } => Some(id),
            _ => None,
        }
    }
}

/// A loaded FAQ, indexed and ready to answer.
pub struct Matcher {
    faq: Faq,
    analyzer: Analyzer,
    config: MatchConfig,
    /// Decides whether the best entry is the answer.
    model: Model,
    terms: HashMap<String, TermId>,
    /// Weight of each term: inverse document frequency, boosted for entities.
    weights: Vec<f32>,
    /// Weight of a word the FAQ never uses.
    unknown_weight: f32,
    entries: Vec<IndexedEntry>,
    /// Term -> entries using it (in a phrasing or the answer).
    postings: Vec<Vec<u32>>,
    /// The FAQ's plain words by meaning, to find what an unknown word stands for.
    meanings: crate::meaning::Neighbours<TermId>,
    /// Each entry's texts as meaning vectors, made when first needed (most entries of a large
    /// FAQ are never the best candidate).
    entry_meanings: Vec<std::sync::OnceLock<Box<EntryMeaning>>>,
    /// Entry id -> its index.
    ids: HashMap<String, usize>,
    /// Tag -> the entries carrying it, in FAQ order.
    tags: HashMap<String, Vec<usize>>,
    /// Each entry's question in lowercase, for searching as someone types.
    lowercase_questions: Vec<String>,
    /// The small-talk phrases, to reply to messages that are not questions.
    smalltalk: crate::smalltalk::Phrases,
    /// The English of Spanish words, for questions asked in Spanish.
    spanish: crate::spanish::Spanish,
    /// Words the questions write with a capital inside a sentence ("Alliance", "Accord",
    /// "RESCs"): the names of things, which a follow-up's "it" or "they" can stand for.
    proper_nouns: rustc_hash::FxHashSet<String>,
    /// How names are written ("crec" -> "CREC"), to show a rewritten follow-up.
    written_forms: rustc_hash::FxHashMap<String, String>,
    /// The short names the answers spell out ("RESC"), for "what does RESC stand for?".
    short_names: crate::knowledge::ShortNames,
    /// The terms of the organisations in `names` ("@oec"), which the FAQ mentions but does
    /// not describe unless an entry is asked so ("What does the OEC do?").
    organisations: rustc_hash::FxHashSet<String>,
}

/// Every text of the FAQ (each entry's phrasings, then its answer) as ids of distinct words,
/// and the distinct words with their counts: a large FAQ repeats its words a lot, so each is
/// split once and analysed once.
fn vocabulary(faq: &Faq) -> (Vec<Vec<u32>>, Vec<(String, u32)>) {
    let mut word_ids: HashMap<String, u32> = HashMap::default();
    let mut distinct: Vec<(String, u32)> = Vec::new();
    let texts = faq
        .entries
        .iter()
        .flat_map(|e| e.phrasings().chain([e.answer.as_str()]))
        .map(|t| {
            text::words(t)
                .into_iter()
                .map(|w| {
                    let id = *word_ids.entry(w).or_insert_with_key(|w| {
                        distinct.push((w.clone(), 0));
                        u32::try_from(distinct.len() - 1).unwrap_or(u32::MAX)
                    });
                    distinct[id as usize].1 += 1;
                    id
                })
                .collect()
        })
        .collect();
    (texts, distinct)
}

/// The entries' terms, interned, with each term's kind.
struct Indexed {
    entries: Vec<IndexedEntry>,
    terms: HashMap<String, TermId>,
    kinds: Vec<Kind>,
    /// The FAQ's plain words by meaning, under their terms.
    meanings: crate::meaning::Neighbours<TermId>,
}

/// How many of the RESCs (`names`, as words) an answer's words name; all of them when it
/// says "any", "all", "every", "each" or "six" ("any RESC", "the six RESCs").
fn rescs_named(names: &[Vec<String>], answer: &[&str]) -> usize {
    if answer
        .iter()
        .any(|w| matches!(*w, "any" | "all" | "every" | "each" | "six"))
    {
        return names.len();
    }
    names
        .iter()
        .filter(|name| {
            !name.is_empty()
                && answer
                    .windows(name.len())
                    .any(|w| w.iter().zip(name.iter()).all(|(a, b)| *a == b))
        })
        .count()
}

/// How many people from the directory `answer` names (by surname).
fn people_named(faq: &Faq, answer: &str) -> usize {
    faq.rescs
        .iter()
        .filter_map(|r| r.leader.as_ref())
        .filter_map(|l| l.name.split_whitespace().last())
        .filter(|surname| answer.contains(surname))
        .count()
}

/// Analyses every text (from [`vocabulary`]) into terms and indexes each entry: its
/// phrasings' and answer's terms, and the entities it is about.
fn index_entries<'d>(
    faq: &Faq,
    analyzer: &Analyzer,
    texts: Vec<Vec<u32>>,
    distinct: &'d [(String, u32)],
) -> Indexed {
    let not_corrected = vec![false; texts.iter().map(Vec::len).max().unwrap_or(0)];
    let resc_names: Vec<Vec<String>> = faq.rescs.iter().map(|r| text::words(&r.name)).collect();
    let mut texts = texts.into_iter().map(|ids| {
        ids.into_iter()
            .map(|i| distinct[i as usize].0.as_str())
            .collect::<Vec<&str>>()
    });
    let mut terms: HashMap<String, TermId> = HashMap::default();
    let mut kinds: Vec<Kind> = Vec::new();
    let mut meanings = crate::meaning::Neighbours::default();
    let mut with_meaning: rustc_hash::FxHashSet<(TermId, &'d str)> =
        rustc_hash::FxHashSet::default();
    // The terms of one text, interned: (id, is it an entity?).
    let mut analyse = |words: &[&'d str]| -> Vec<(TermId, bool)> {
        let mut ids = Vec::with_capacity(words.len());
        analyzer.visit(
            words,
            &not_corrected[..words.len()],
            |term, kind, _, span| {
                let id = if let Some(&id) = terms.get(term) {
                    id
                } else {
                    let id = TermId::try_from(kinds.len()).unwrap_or(TermId::MAX);
                    kinds.push(kind);
                    terms.insert(term.to_owned(), id);
                    id
                };
                if kind == Kind::Word {
                    for &word in &words[span] {
                        if with_meaning.insert((id, word)) {
                            meanings.add(id, word);
                        }
                    }
                }
                ids.push((id, kind == Kind::Entity));
            },
        );
        ids
    };
    let mut entries = Vec::with_capacity(faq.entries.len());
    for entry in &faq.entries {
        let mut key_entities = Vec::new();
        let mut phrasings = Vec::with_capacity(entry.alternates.len() + 1);
        let mut surfaces = Vec::with_capacity(entry.alternates.len() + 1);
        let mut about_entities = false;
        let mut figures = 0;
        let figures_in = |words: &[&str]| {
            words
                .iter()
                .filter_map(|w| text::figure(w))
                .fold(0, |kinds, f| kinds | f.bit())
        };
        for n in 0..=entry.alternates.len() {
            let phrase_words = texts.next().unwrap_or_default();
            figures |= figures_in(&phrase_words);
            let ids = analyse(&phrase_words);
            let before = key_entities.len();
            key_entities.extend(ids.iter().filter(|t| t.1).map(|t| t.0));
            about_entities |= n == 0 && key_entities.len() > before;
            phrasings.push(sorted(ids.iter().map(|t| t.0).collect()));
            surfaces.push(phrase_words.join(" ").into_boxed_str());
        }
        if !about_entities {
            key_entities.clear();
        }
        let answer_words = texts.next().unwrap_or_default();
        figures |= figures_in(&answer_words);
        let date = text::finest_date(&answer_words);
        let amount = text::states_amount(&entry.answer, &answer_words);
        let dated = text::dated_sentence(&entry.answer);
        let answer = analyse(&answer_words);
        let key_entities = sorted(key_entities);
        let mut all_entities = key_entities.clone();
        all_entities.extend(answer.iter().filter(|t| t.1).map(|t| t.0));
        entries.push(IndexedEntry {
            figures,
            people_named: people_named(faq, &entry.answer),
            rescs_named: rescs_named(&resc_names, &answer_words),
            latest_year: text::latest_year(&answer_words),
            date,
            amount,
            numbered: entry.answer.bytes().any(|b| b.is_ascii_digit()),
            enumerates: text::enumerates(&entry.answer),
            dated,
            phrasing_terms: sorted(phrasings.iter().flatten().copied().collect()),
            phrasing_weights: Vec::new(),
            phrasings,
            surfaces,
            answer_terms: sorted(answer.iter().map(|t| t.0).collect()),
            key_entities,
            all_entities: sorted(all_entities),
        });
    }
    Indexed {
        entries,
        terms,
        kinds,
        meanings,
    }
}

/// For each term, the entries (in order) whose phrasings or answer hold it.
fn postings(entries: &[IndexedEntry], terms: usize) -> Vec<Vec<u32>> {
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); terms];
    for (i, e) in entries.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let mut doc: Vec<TermId> = e
            .phrasings
            .iter()
            .flatten()
            .chain(&e.answer_terms)
            .copied()
            .collect();
        doc.sort_unstable();
        doc.dedup();
        for t in doc {
            postings[t as usize].push(i);
        }
    }
    postings
}

/// Each term's weight: its inverse document frequency over `n` entries, boosted for
/// entities; question words weigh a fixed little.
fn weights(postings: &[Vec<u32>], kinds: &[Kind], n: f32) -> Vec<f32> {
    postings
        .iter()
        .zip(kinds)
        .map(|(p, kind)| {
            #[allow(clippy::cast_precision_loss)]
            let idf = ((n + 1.0) / (p.len() as f32 + 1.0)).ln() + 1.0;
            match kind {
                Kind::Wh => WH_WEIGHT,
                Kind::Entity => idf * ENTITY_BOOST,
                Kind::Word => idf,
            }
        })
        .collect()
}

/// Capitalised words inside the FAQ's questions ("the Alliance", "the Accord", "RESCs"):
/// the names of things, which a follow-up's "it" or "they" can stand for.
fn proper_nouns(faq: &Faq) -> rustc_hash::FxHashSet<String> {
    faq.entries
        .iter()
        .flat_map(Entry::phrasings)
        .flat_map(|p| {
            p.split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .filter(|w| !w.is_empty())
                .skip(1)
                .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
                .flat_map(text::words)
        })
        .collect()
}

impl Matcher {
    /// Indexes `faq`: its vocabulary, each entry's terms, the postings and term weights, and
    /// what follow-ups need (proper nouns, written forms).
    #[must_use]
    pub fn new(faq: Faq, config: MatchConfig) -> Self {
        let (texts, distinct) = vocabulary(&faq);
        let analyzer =
            Analyzer::from_word_counts(&faq, distinct.iter().map(|(w, n)| (w.as_str(), *n)));
        let Indexed {
            mut entries,
            terms,
            kinds,
            meanings,
        } = index_entries(&faq, &analyzer, texts, &distinct);
        drop(distinct);
        let postings = postings(&entries, kinds.len());
        #[allow(clippy::cast_precision_loss)] // FAQ sizes are far below f32's exact range
        let n = entries.len() as f32;
        let n_entries = entries.len();
        let weights = weights(&postings, &kinds, n);
        for e in &mut entries {
            e.phrasing_weights = e
                .phrasings
                .iter()
                .map(|p| p.iter().map(|t| weights[*t as usize]).sum())
                .collect();
        }
        let ids = faq
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let mut tags: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, e) in faq.entries.iter().enumerate() {
            for tag in &e.tags {
                tags.entry(tag.clone()).or_default().push(i);
            }
        }
        // The English word table is read once, here, not on the first question.
        let _ = crate::lexicon::zipf("the");
        let lowercase_questions = faq
            .entries
            .iter()
            .map(|e| e.question.to_lowercase())
            .collect();
        Self {
            written_forms: crate::conversation::written_forms(&faq),
            proper_nouns: proper_nouns(&faq),
            short_names: crate::knowledge::ShortNames::of(&faq),
            organisations: faq
                .names
                .iter()
                .map(|n| crate::analyze::name_term(&n.canonical))
                .collect(),
            smalltalk: crate::smalltalk::Phrases::new(&faq.smalltalk),
            spanish: crate::spanish::Spanish::new(&faq.spanish),
            unknown_weight: (n + 1.0).ln() + 1.0,
            ids,
            tags,
            lowercase_questions,
            faq,
            analyzer,
            config,
            model: Model::shipped().clone(),
            terms,
            weights,
            entries,
            entry_meanings: (0..n_entries).map(|_| std::sync::OnceLock::new()).collect(),
            postings,
            meanings,
        }
    }

    /// The same matcher deciding with another model (a refitted one, before it is compiled in).
    #[must_use]
    pub fn with_model(mut self, model: Model) -> Self {
        self.model = model;
        self
    }

    /// The same matcher over the FAQ without one phrasing of one entry (the question itself
    /// when `phrasing` is 0, the first alternate taking its place): how the FAQ would answer
    /// had no one written that phrasing.
    #[must_use]
    pub fn without_phrasing(&self, entry: usize, phrasing: usize) -> Self {
        let mut faq = self.faq.clone();
        if let Some(e) = faq.entries.get_mut(entry) {
            if phrasing == 0 && !e.alternates.is_empty() {
                e.question = e.alternates.remove(0);
            } else if (1..=e.alternates.len()).contains(&phrasing) {
                e.alternates.remove(phrasing - 1);
            }
        }
        Self::new(faq, self.config.clone()).with_model(self.model.clone())
    }

    #[must_use]
    pub fn faq(&self) -> &Faq {
        &self.faq
    }

    #[must_use]
    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// How the matcher reads `question`: its words analysed into terms, with the names of
    /// RESCs, people and organisations found (typos and shorthand corrected), in order.
    #[must_use]
    pub fn tokens(&self, question: &str) -> Vec<crate::analyze::Token> {
        self.analyzer.question_word_tokens(&text::words(question))
    }

    /// How the FAQ writes `word` (lowercase) when it is part of a name: "crec" is "CREC".
    #[must_use]
    pub fn written_form(&self, word: &str) -> Option<&str> {
        self.written_forms.get(word).map(String::as_str)
    }

    /// Whether the FAQ uses this term (a token's `term`) anywhere.
    #[must_use]
    pub fn knows(&self, term: &str) -> bool {
        self.terms.contains_key(term)
    }

    /// Whether the questions write `word` (lowercase) with a capital inside a sentence: the
    /// name of a thing ("alliance", "accord", "rescs").
    #[must_use]
    pub fn is_proper_noun(&self, word: &str) -> bool {
        self.proper_nouns.contains(word)
    }

    /// Answers `question`, or declines with suggestions.
    #[must_use]
    pub fn ask(&self, question: &str) -> Reply {
        let start = Instant::now();
        let mut reply = crate::memo::one_question(|| self.ask_once(question));
        reply.elapsed = start.elapsed();
        reply
    }

    fn ask_once(&self, question: &str) -> Reply {
        let mut reply = Reply::declined(text::clean_display(question));
        let chars = question.chars().count();
        if chars > self.config.max_question_chars {
            reply.outcome = Outcome::Invalid(InputProblem::TooLong {
                chars,
                max: self.config.max_question_chars,
            });
        } else if reply.question.is_empty() {
            reply.outcome = Outcome::Invalid(InputProblem::Empty);
        } else {
            // A question asked in Spanish is read in English (see `faq/spanish.yaml`).
            let english = self.spanish.english(question);
            // Split once: the analysis and the wording comparison both use these words.
            let sentences = text::sentences(english.as_deref().unwrap_or(question));
            if sentences.is_empty() {
                reply.outcome = Outcome::Invalid(InputProblem::NoWords);
            } else if let Some(item) = self.small_talk(&sentences) {
                small_talk(&mut reply, item, "the whole message is small talk");
            } else {
                let (opening, rest) = self.after_small_talk(&sentences);
                match opening {
                    // "hi!! hope you're having a good day": a greeting and chit-chat; "ok ty,
                    // that's what i needed": thanks and a remark on the answer.
                    Some(item)
                        if !rest.iter().any(|s| s.asks)
                            && (!self.asks_anything(&rest) || self.remarks_on_it(&rest)) =>
                    {
                        let why = "small talk, then words that ask nothing the FAQ knows";
                        small_talk(&mut reply, item, why);
                    }
                    // Cut only before a question: "thanks, that's what I needed" is read whole.
                    Some(_) if rest.iter().any(|s| s.asks) => self.answer(&rest, &mut reply),
                    _ => self.answer(&sentences, &mut reply),
                }
            }
        }
        reply
    }

    /// The small-talk item the whole message is, if it is one.
    fn small_talk(&self, sentences: &[text::Sentence]) -> Option<&crate::faq::SmallTalk> {
        let words: Vec<String> = sentences.iter().flat_map(|s| s.words.clone()).collect();
        let expanded: Vec<&str> = self.analyzer.expand_shorthand(&words).collect();
        let names_nothing = || {
            !self
                .analyzer
                .question_word_tokens(&words)
                .iter()
                .any(|t| t.kind == Kind::Entity)
        };
        // "what can u help with": every word that means something is a small-talk word; "do
        // you like teaching?": a question to the bot itself. Either names nothing (checked
        // last: most questions fail the cheap tests first).
        let item = self.smalltalk.item(&expanded).or_else(|| {
            self.smalltalk
                .by_words(&expanded)
                .or_else(|| self.smalltalk.asked_in(&expanded))
                .filter(|_| names_nothing())
        })?;
        self.faq.smalltalk.get(item)
    }

    /// The message without the small talk it opens with ("thanks! and who runs CREC?" is
    /// asked as "and who runs CREC?"), and that small talk's item, if it opens with any.
    fn after_small_talk(
        &self,
        sentences: &[text::Sentence],
    ) -> (Option<&crate::faq::SmallTalk>, Vec<text::Sentence>) {
        // Shorthand may change the number of words: only a message whose opening words are
        // not shorthand is cut, so the cut falls where it was found.
        let plain: Vec<&str> = sentences
            .iter()
            .flat_map(|s| s.words.iter().map(String::as_str))
            .collect();
        let Some((mut skip, item)) = self.smalltalk.opening(&plain) else {
            return (None, sentences.to_vec());
        };
        let mut rest = Vec::with_capacity(sentences.len());
        for s in sentences {
            if skip >= s.words.len() {
                skip -= s.words.len();
                continue;
            }
            let mut s = s.clone();
            s.words.drain(..skip);
            skip = 0;
            rest.push(s);
        }
        if rest.is_empty() {
            return (None, sentences.to_vec());
        }
        (self.faq.smalltalk.get(item), rest)
    }

    /// Whether the sentences only remark on what was said or on the help: each opens with
    /// "that", "this", "it", "you" or the "for" of thanks, and none names anything ("that's
    /// what I needed", "this is perfect", "thank you so much for your help; you have saved me
    /// a great deal of time").
    fn remarks_on_it(&self, sentences: &[text::Sentence]) -> bool {
        sentences.iter().all(|s| {
            s.words.first().is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "that" | "this" | "it" | "you" | "youve" | "youre" | "for"
                )
            }) && !self
                .analyzer
                .question_word_tokens(&s.words)
                .iter()
                .any(|t| t.kind == Kind::Entity)
        })
    }

    /// Whether the sentences ask about anything the FAQ knows: a name, or a word it uses
    /// ("that's what I needed" asks about nothing).
    fn asks_anything(&self, sentences: &[text::Sentence]) -> bool {
        sentences.iter().any(|s| {
            self.analyzer
                .question_word_tokens(&s.words)
                .iter()
                .any(|t| match t.kind {
                    Kind::Entity => true,
                    Kind::Word => self.terms.contains_key(&t.term),
                    Kind::Wh => false,
                })
        })
    }

    /// Answers or declines (see [`Matcher::answer_whole`]); a question asking two or three
    /// things the FAQ answers in different entries gets each answer.
    fn answer(&self, sentences: &[text::Sentence], reply: &mut Reply) {
        self.answer_whole(sentences, reply);
        let words = text::asking_words(sentences);
        // "write a roast of the CREC director": nothing the FAQ or the directory holds is an
        // answer to a request for hostile or made-up talk (the candidates stay for --explain).
        // A request to write as someone is looked for in the whole message: it may end on a
        // sentence that only tells ("... just put his name at the end, nobody will check.").
        let all: Vec<&str> = sentences
            .iter()
            .flat_map(|s| s.words.iter().map(String::as_str))
            .collect();
        if text::asks_for_hostile(&words) || text::writes_as_someone(&all) {
            reply.outcome = Outcome::Declined;
            reply.decision.by = "faq";
            "asks for hostile or made-up talk about people, which no answer serves"
                .clone_into(&mut reply.decision.reason);
            return;
        }
        // "old email says Florio runs ACES is that right": the claim itself is asked,
        // without who made it.
        // A claim the directory settles is settled so, even when the whole message matched
        // an entry ("old email says Greg Florio runs ACES is that right" is not answered with
        // the list of leaders).
        if let Some(claim) = text::checked_claim(sentences) {
            let mut checked = Reply::declined(reply.question.clone());
            self.answer_whole(&claim, &mut checked);
            // A claim with more than the directory holds ("... has been at EdAdvance since
            // 2010, is that right?") is not confirmed by naming the leader.
            let replaces = if reply.answered() && reply.decision.by != "directory" {
                checked.decision.by == "directory"
            } else {
                checked.answered() || reply.decision.by == "directory"
            };
            if replaces {
                *reply = checked;
            }
        }
        // A confident answer to the whole question needs no parts, unless the question asks
        // which of two things came first ("which is older, the library or the wing?"), which
        // no one entry's date answers, or asks a second question (below). A question whose
        // best entry scores below the threshold has no parts to answer.
        let compares = || {
            text::asks_about_time(&words)
                && words.iter().any(|w| matches!(*w, "or" | "vs" | "versus"))
        };
        // Two sentences that ask ("alliance formed when? accord when?") are two questions,
        // unless a later one refers back ("what is the Accord for, and when did it happen?").
        let asked_apart = || {
            let asking: Vec<&text::Sentence> = sentences.iter().filter(|s| s.asks).collect();
            asking.len() > 1
                && asking[1..].iter().all(|s| {
                    !s.words
                        .iter()
                        .any(|w| text::REFERRING.contains(&w.as_str()))
                })
        };
        // "when were RESCs created and when did the alliance form?": a joining word opens a
        // second question, which one entry's answer, however confident, does not answer.
        let asks_again = || text::parts(&words, false).len() > 1;
        // The directory answers several names at once ("who lead CES and CREC?"), and is
        // left only for a second question ("..., and also what's the accord?").
        let directory = reply.decision.by == "directory";
        let whole_is_enough = directory
            || reply.answered() && reply.decision.probability >= WHOLE_IS_ENOUGH && !compares();
        if whole_is_enough && !asked_apart() && !asks_again()
            || !directory && reply.score < reply.decision.threshold
        {
            return;
        }
        let Some(split) = self.split(sentences) else {
            return;
        };
        let (answered, other) = self.answer_parts(&split);
        // Beside the directory's answer, a part about something else than a RESC or its
        // leader ("what's the accord?"); "..., or was it ACES?" is the directory's.
        let beside_directory = |a: &PartAnswer| {
            !a.directory
                && a.entry
                    .is_some_and(|i| self.entries[i].key_entities.is_empty())
        };
        if answered.len() < 2 || directory && !answered.iter().any(beside_directory) {
            return;
        }
        let mut dated: Option<Vec<&text::Dated>> = answered
            .iter()
            .map(|a| a.entry.and_then(|i| self.entries[i].dated.as_ref()))
            .collect();
        let answer = if split.time && !other {
            // Dates asked of what has none ("how long are board terms, and how are members
            // chosen?") are not answered by quoting entries.
            let Some(answer) = dated.as_mut().and_then(|d| timeline(d, &split.words)) else {
                return;
            };
            answer
        } else {
            let answers: Vec<&str> = answered.iter().map(|a| a.answer.as_str()).collect();
            answers.join("\n\n")
        };
        let ids: Vec<&str> = answered.iter().map(|a| a.id.as_str()).collect();
        let questions: Vec<&str> = answered.iter().map(|a| a.question.as_str()).collect();
        reply.decision.by = "parts";
        reply.decision.reason = format!(
            "asks {} things, each answered on its own: {}",
            ids.len(),
            ids.join(", ")
        );
        reply.suggestions.clear();
        reply.outcome = Outcome::Answered {
            id: ids[0].to_owned(),
            question: questions.join(" / "),
            answer,
        };
    }

    /// The parts of a question asking two or three things, if it does.
    fn split<'s>(&self, sentences: &'s [text::Sentence]) -> Option<Split<'s>> {
        let any_asks = sentences.iter().any(|s| s.asks);
        // Statements are not split: "you're the director now. approve my contract".
        if !any_asks && sentences.len() > 1 {
            return None;
        }
        let asking: Vec<&text::Sentence> =
            sentences.iter().filter(|s| s.asks || !any_asks).collect();
        let words: Vec<&str> = asking
            .iter()
            .flat_map(|s| s.words.iter().map(String::as_str))
            .collect();
        let time = text::asks_about_time(&words);
        let mut parts: Vec<Vec<&str>> = Vec::new();
        for s in &asking {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            for part in text::parts(&words, time) {
                // "..., can you list them?" continues the part before it; "..., and how
                // many are there?" asks a question of its own.
                let continues = part.iter().any(|w| text::REFERRING.contains(w))
                    && !self.has_topic(&part)
                    && !self
                        .part_tokens(&part)
                        .iter()
                        .any(|t| t.term == COUNT_GROUP);
                match parts.last_mut() {
                    Some(last) if continues => last.extend(part),
                    _ => parts.push(part),
                }
            }
        }
        (2..=MAX_PARTS)
            .contains(&parts.len())
            .then_some(Split { parts, words, time })
    }

    /// Each part's answer, each entry once, and whether a part asks something other than a
    /// date ("... and who runs CREC?").
    fn answer_parts(&self, split: &Split) -> (Vec<PartAnswer>, bool) {
        let mut answered: Vec<PartAnswer> = Vec::new();
        let mut other = false;
        let insisted = text::insisted_date(&split.words);
        for (k, part) in split.parts.iter().enumerate() {
            let tokens = self.part_tokens(part);
            // "..., and what is its budget?" asks what, not when.
            let of_time = text::asks_about_time(part) || tokens.iter().any(|t| t.term == "~when");
            let asks_other = tokens.iter().any(|t| {
                t.kind == Kind::Wh
                    && (matches!(t.term.as_str(), "?who" | "?whom" | "?why" | "?where")
                        || !of_time && t.term == "?what")
                    || !of_time && t.term == COUNT_GROUP
            });
            other |= asks_other;
            // "the RESCs" or "which came first, the RESCs": a bare subject, or one asked about
            // time with no other question word ("what is its budget?" asks something else).
            let asks_order = !tokens.iter().any(|t| t.kind == Kind::Wh)
                || text::asks_about_time(part)
                    && tokens.iter().all(|t| {
                        t.kind != Kind::Wh
                            || matches!(t.term.as_str(), "?which" | "?what" | "?when")
                    });
            // "which came first, the RESCs or the Alliance": each subject is asked when.
            let words: Vec<String> = if split.time && !asks_other {
                let subject = text::time_subject(part);
                if subject.is_empty() {
                    continue;
                }
                std::iter::once("when")
                    .chain(subject)
                    .map(str::to_owned)
                    .collect()
            } else {
                part.iter().map(|w| (*w).to_owned()).collect()
            };
            // "When was the Alliance formed, and how many RESCs are part of it?": a part that
            // refers back, and finds no answer as it is, is asked again with what the part
            // before it was about.
            let refers = k > 0 && words.iter().any(|w| text::REFERRING.contains(&w.as_str()));
            let mut r = self.ask_part(words.clone());
            if refers && !r.answered() {
                let mut about = words;
                about.extend(self.topic_words(&split.parts[k - 1]));
                let again = self.ask_part(about);
                if again.answered() {
                    r = again;
                }
            }
            // "which came first, the Alliance or the RESCs themselves": a subject asked when,
            // too short for the model to judge, is its best entry when that entry gives a date.
            if split.time && asks_order && !r.answered() && r.score >= r.decision.threshold {
                if let Some(e) = r
                    .candidates
                    .first()
                    .and_then(|c| self.ids.get(c.id.as_str()))
                    .filter(|&&i| self.entries[i].dated.is_some())
                {
                    r.outcome = Outcome::answered_by(&self.faq.entries[*e]);
                }
            }
            let directory = r.decision.by == "directory";
            if let Outcome::Answered {
                id,
                question,
                answer,
            } = r.outcome
            {
                let entry = self.ids.get(id.as_str()).copied();
                // "what exact year ...? 1993?" is not answered by a decade.
                let too_vague =
                    insisted.is_some_and(|a| entry.is_some_and(|i| self.entries[i].date < Some(a)));
                if !too_vague && !answered.iter().any(|a| a.id == id) {
                    answered.push(PartAnswer {
                        entry,
                        directory,
                        id,
                        question,
                        answer,
                    });
                }
            }
        }
        (answered, other)
    }

    fn part_tokens(&self, words: &[&str]) -> Vec<crate::analyze::Token> {
        let words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        self.analyzer.question_word_tokens(&words)
    }

    /// Whether entry `i`'s answer gives a way to reach someone: an email or web address.
    fn gives_contact(&self, i: usize) -> bool {
        let answer = &self.faq.entries[i].answer;
        answer.contains('@') || answer.contains("http") || answer.contains("www.")
    }

    /// The reply to one part of a question, asked on its own.
    fn ask_part(&self, words: Vec<String>) -> Reply {
        let mut r = Reply::declined(String::new());
        self.answer_whole(&[text::Sentence { words, asks: true }], &mut r);
        r
    }

    /// The words of a part of a question that say what it is about: names and the FAQ's
    /// words, without those saying what form the answer takes or asking when.
    fn topic_words(&self, words: &[&str]) -> Vec<String> {
        self.part_tokens(words)
            .into_iter()
            .filter(|t| match t.kind {
                Kind::Entity => true,
                Kind::Word => {
                    !FORM_GROUPS.contains(&t.term.as_str())
                        && t.term != "~when"
                        && self.terms.contains_key(&t.term)
                }
                Kind::Wh => false,
            })
            .flat_map(|t| t.source.split(' ').map(str::to_owned).collect::<Vec<_>>())
            .collect()
    }

    /// Whether a part of a question has a topic of its own: a name, or a word of the FAQ other
    /// than those saying what form the answer takes ("list them", "who's the boss there",
    /// "when did it happen").
    fn has_topic(&self, words: &[&str]) -> bool {
        !self.topic_words(words).is_empty()
    }

    /// Answers or declines: ranks the entries, decides, and suggests when declining; a
    /// question about the directory's people and RESCs is answered from the directory.
    fn answer_whole(&self, sentences: &[text::Sentence], reply: &mut Reply) {
        let query = self.query(sentences);
        let words = text::asking_words(sentences);
        reply.decision = self.decision_inputs(&query);
        reply.terms = query.terms.iter().map(|t| t.text.clone()).collect();
        let scored = self.score_candidates(&query);
        let ranked = self.rank(&scored, &words);
        reply.candidates = ranked
            .iter()
            .take(5)
            .map(|&(i, s)| self.candidate(i, s))
            .collect();
        let mut best = ranked.first().copied();
        let runner_up = ranked.get(1).map_or(0.0, |r| r.1);
        reply.score = best.map_or(0.0, |b| b.1);
        let meaning = best.and_then(|_| crate::meaning::sentence(words.iter().copied()));
        let features_of = |(i, score): (usize, f32), other: f32| {
            let parts = scored
                .iter()
                .find(|s| s.0 == i)
                .map_or(Parts::default(), |s| s.3);
            self.features(&query, score, other, parts, i, meaning.as_ref())
        };
        let features = best.map(|b| features_of(b, runner_up));
        let mut answers = self.decide(&mut reply.decision, reply.score, runner_up, features);
        // A best entry the model declines may be the near miss of the runner-up ("who do the
        // RESCs partner with, like what kind of groups"): the runner-up, its margin taken from
        // the best, answers when the model's part for runner-ups finds it likely enough. (Read
        // always when the score alone decides, as when the model is fitted.)
        if !answers || self.model.leaves_it_to_the_score() {
            let second = ranked
                .get(1)
                .copied()
                .filter(|r| r.1 >= reply.decision.threshold);
            reply.decision.runner_up_features = second.map(|r| features_of(r, reply.score));
            if let Some((r, f)) = second.zip(reply.decision.runner_up_features) {
                if !answers && self.prefers_runner_up(&mut reply.decision, &f) {
                    best = Some(r);
                    reply.score = r.1;
                    answers = true;
                }
            }
        }
        // "What exact year in the 1990s?", "the exact dollar amount saved": the entry says no
        // more than the decade, or "millions".
        // Checked whatever the model said, so that the reason names it; not when a moderator
        // has made the question, word for word, one of the entry's phrasings.
        let asked = words.join(" ");
        if let Some((i, _)) = best.filter(|b| {
            b.1 >= reply.decision.threshold
                && !self.entries[b.0].surfaces.iter().any(|p| **p == *asked)
        }) {
            if let Some(why) = self.what_it_cannot_answer(&words, i) {
                answers = false;
                reply.decision.reason = why;
            }
        }
        match best {
            Some((i, _)) if answers => reply.outcome = Outcome::answered_by(&self.faq.entries[i]),
            _ => reply.suggestions = self.suggestions(&query, &ranked),
        }
        // A question about the directory's people and RESCs is answered from the directory,
        // whatever the entries scored (their ranking stays for --explain).
        let focus_words: Vec<&str> = query.focus_words.iter().map(String::as_str).collect();
        if let Some(c) = crate::knowledge::compose(
            &self.faq,
            &self.short_names,
            &self.analyzer,
            &query.directory_tokens(),
            &words,
            &focus_words,
        ) {
            reply.score = 1.0;
            reply.suggestions.clear();
            reply.decision.by = "directory";
            "names a RESC or a leader and asks what the directory holds"
                .clone_into(&mut reply.decision.reason);
            reply.outcome = Outcome::Answered {
                id: c.id,
                question: c.question,
                answer: c.answer,
            };
        }
    }

    /// Why entry `i`, however well it matched, cannot answer the question in `words` ("What
    /// exact year in the 1990s?" of an entry that gives the decade), if it cannot.
    fn what_it_cannot_answer(&self, words: &[&str], i: usize) -> Option<String> {
        let e = &self.entries[i];
        if let Some(asked) = text::insisted_date(words).filter(|&a| e.date < Some(a)) {
            Some(format!(
                "asks for the exact {}, and the entry gives no date that exact",
                asked.name()
            ))
        } else if !e.amount && text::insists_on_amount(words) {
            Some("asks for an exact amount, and the entry states none".to_owned())
        } else if self.asks_before_its_date(words, e) {
            Some("asks for a time before the one the entry gives".to_owned())
        } else if e.rescs_named == 0 && text::asks_which_resc(words) {
            Some("asks which RESCs, and the entry names none of them nor all".to_owned())
        } else if e.people_named == 0 && text::asks_who_did_it(words) {
            Some("asks which people did something, and the entry names no one".to_owned())
        } else if text::asks_when_ahead(words)
            && e.latest_year.map_or(true, |y| y <= current_year())
        {
            Some(
                "asks when something comes next or ends, and the entry gives no date ahead"
                    .to_owned(),
            )
        } else if !e.lists_items() && text::asks_for_items(words) {
            Some("asks for the items of a list, and the entry's answer lists none".to_owned())
        } else if !e.amount && text::asks_price(words) {
            Some("asks what something costs or pays, and the entry states no amount".to_owned())
        } else if text::asks_contact(words) && !self.gives_contact(i) {
            Some("asks for contact details, and the entry gives none".to_owned())
        } else if text::asks_how_to_enrol(words) && !e.tells_how_to_enrol() {
            Some("asks how to apply, register or join, and the entry tells no steps".to_owned())
        } else if text::asks_about_other_states(words) && !e.asked_so(text::asks_about_other_states)
        {
            Some("asks about other states, and the entry is about Connecticut's".to_owned())
        } else if self.asks_what_a_named_organisation_does(words, e) {
            Some(
                "asks what an organisation does or when it began, and the entry only names it"
                    .to_owned(),
            )
        } else if text::asks_about_changes(words) && !e.asked_so(text::asks_about_changes) {
            Some("asks about a later change, and the entry tells of none".to_owned())
        } else if self.offers_something_unknown(words) {
            Some("asks whether RESCs offer something the FAQ never mentions".to_owned())
        } else {
            self.counts_what_the_entry_does_not(words, i)
                .map(|counted| {
                    format!("asks how many {counted}, and the entry gives no number of them")
                })
        }
    }

    /// What a "how many" question counts, when the entry neither gives a number of it nor
    /// was written to answer that count: "how many districts are members of the Alliance?"
    /// is not answered by "six RESCs". Years and other spans of time are asked elsewhere.
    fn counts_what_the_entry_does_not(&self, words: &[&str], i: usize) -> Option<String> {
        const GENERAL_NOUNS: &[&str] = &[
            "organization",
            "organizations",
            "organisation",
            "organisations",
            "org",
            "orgs",
            "agency",
            "agencies",
            "member",
            "members",
            "entity",
            "entities",
            "group",
            "groups",
            "body",
            "bodies",
            "institution",
            "institutions",
            "unit",
            "units",
            "one",
            "ones",
            "party",
            "parties",
        ];
        const TIME: &[&str] = &[
            "year", "years", "yrs", "decade", "decades", "month", "months", "day", "days", "time",
            "times",
        ];
        // "how many of these regional centers": what is counted is named after the
        // determiners, up to a verb, a preposition or a relative word.
        const BEFORE_NOUN: &[&str] = &["of", "the", "these", "those", "our", "their", "its", "all"];
        const AFTER_NOUN: &[&str] = &[
            "do", "does", "did", "are", "is", "were", "was", "r", "have", "has", "had", "can",
            "could", "will", "would", "should", "make", "makes", "belong", "belongs", "in", "at",
            "on", "for", "to", "per", "across", "within", "under", "with", "from", "by", "of",
            "that", "which", "who", "there",
        ];
        let at = words
            .windows(2)
            .position(|w| w == ["how", "many"] || w == ["number", "of"])?;
        let named: Vec<String> = words[at + 2..]
            .iter()
            .skip_while(|w| BEFORE_NOUN.contains(w))
            .take_while(|w| !AFTER_NOUN.contains(w))
            .take(5)
            .map(|w| (*w).to_owned())
            .collect();
        // Spans of time are asked elsewhere; a general noun ("how many organizations",
        // "members") is whatever the entry counts.
        if named
            .iter()
            .any(|w| TIME.contains(&w.as_str()) || GENERAL_NOUNS.contains(&w.as_str()))
        {
            return None;
        }
        let counted: Vec<crate::analyze::Token> = self
            .analyzer
            .question_word_tokens(&named)
            .into_iter()
            .filter(|t| t.kind != Kind::Wh && self.terms.contains_key(&t.term))
            .collect();
        // The leaders are counted from the directory, one to each RESC.
        if counted.is_empty() || counted.iter().any(|t| t.term == LEADER_GROUP) {
            return None;
        }
        let is_counted = |t: &crate::analyze::Token| counted.iter().any(|c| c.term == t.term);
        let answer = text::words(&self.faq.entries[i].answer);
        let e = &self.entries[i];
        // An answer listing things line by line answers how many when its lines name what is
        // counted.
        let listed = || {
            let lines: Vec<&str> = self.faq.entries[i]
                .answer
                .lines()
                .filter(|l| l.trim_start().starts_with("- "))
                .collect();
            lines.len() >= 2
                && self
                    .analyzer
                    .question_word_tokens(&text::words(&lines.join(" ")))
                    .iter()
                    .any(is_counted)
        };
        let counts = answer.iter().enumerate().any(|(j, w)| {
            text::is_number(w)
                && self
                    .analyzer
                    .question_word_tokens(&answer[j + 1..answer.len().min(j + 3)])
                    .iter()
                    .any(is_counted)
        });
        // An entry written to answer that count ("How many RESCs are there?") answers it.
        let asked = || {
            e.surfaces.iter().any(|s| {
                let words: Vec<String> = s.split(' ').map(str::to_owned).collect();
                let tokens = self.analyzer.question_word_tokens(&words);
                tokens
                    .windows(2)
                    .any(|w| w[0].term == COUNT_GROUP && is_counted(&w[1]))
            })
        };
        (!counts && !listed() && !asked()).then(|| named.join(" "))
    }

    /// "What does the OEC actually do?", "when was the OEC founded?": what an organisation the
    /// FAQ only mentions does, or when it began, which an entry answers only when one of its
    /// phrasings asks that of it.
    fn asks_what_a_named_organisation_does(&self, words: &[&str], e: &IndexedEntry) -> bool {
        let organisations_in = |subject: &[&str]| -> Vec<String> {
            let subject: Vec<String> = subject.iter().map(|w| (*w).to_owned()).collect();
            self.analyzer
                .question_word_tokens(&subject)
                .into_iter()
                .filter(|t| t.kind == Kind::Entity && self.organisations.contains(&t.term))
                .map(|t| t.term)
                .collect()
        };
        let subject = |w: &'_ [&str]| -> Option<Vec<String>> {
            text::asks_what_it_does(w)
                .or_else(|| text::asks_when_it_began(w))
                .map(organisations_in)
        };
        let Some(asked) = subject(words) else {
            return false;
        };
        !asked.is_empty()
            && !e.surfaces.iter().any(|p| {
                let p: Vec<&str> = p.split(' ').collect();
                subject(&p).is_some_and(|s| s.iter().any(|o| asked.contains(o)))
            })
    }

    /// "Do RESCs provide substitute teachers?", "do they serve charter schools?": whether
    /// something is provided or served, named by a word the FAQ never uses (right after
    /// "provide", "offer", "serve"), which no entry can say yes to. Everyday words there
    /// ("offer a few things", "run actual programs") describe rather than name.
    fn offers_something_unknown(&self, words: &[&str]) -> bool {
        if !words
            .first()
            .is_some_and(|w| matches!(*w, "do" | "does" | "can" | "will"))
        {
            return false;
        }
        let objects = words.iter().enumerate().filter_map(|(n, w)| {
            matches!(
                *w,
                "provide" | "offer" | "supply" | "serve" | "run" | "deliver"
            )
            .then(|| {
                words[n + 1..]
                    .iter()
                    .copied()
                    .find(|o| !matches!(*o, "a" | "an" | "the" | "any" | "some"))
            })
            .flatten()
        });
        objects
            .filter(|o| crate::lexicon::zipf(o).map_or(true, |z| z < OBJECT_ZIPF))
            .any(|o| {
                self.analyzer
                    .question_word_tokens(&[o.to_owned()])
                    .iter()
                    .any(|t| {
                        t.kind == Kind::Word
                            && !t.term.starts_with('~')
                            && !self.terms.contains_key(&t.term)
                    })
            })
    }

    /// "When was the Accord originally signed, before the 2021 reaffirmation?": a time question
    /// about before what the entry dates (its year, or a word of its answer), which the
    /// entry's date cannot answer. "before the pandemic" or "before I started teaching" names
    /// something else.
    fn asks_before_its_date(&self, words: &[&str], e: &IndexedEntry) -> bool {
        if e.dated.is_none() || !text::asks_when(words) {
            return false;
        }
        words.iter().enumerate().any(|(i, w)| {
            if !matches!(*w, "before" | "prior") {
                return false;
            }
            let after: Vec<String> = words[i + 1..]
                .iter()
                .take(4)
                .map(|w| (*w).to_owned())
                .collect();
            !after
                .first()
                .is_some_and(|a| matches!(a.as_str(), "i" | "we" | "you" | "my" | "our" | "or"))
                && self
                    .analyzer
                    .question_word_tokens(&after)
                    .iter()
                    .filter_map(|t| self.terms.get(&t.term))
                    .any(|id| e.answer_terms.contains(id))
        })
    }

    /// What the decision starts from: the question's shape and how much of it the FAQ knows.
    fn decision_inputs(&self, query: &Query) -> Decision {
        let unknown: f32 = query
            .terms
            .iter()
            .filter(|t| t.id.is_none())
            .map(|t| t.weight)
            .sum();
        Decision {
            sentences: query.sentences,
            asking_sentences: query.asking,
            unknown_share: if query.total > 0.0 {
                unknown / query.total
            } else {
                0.0
            },
            threshold: self.config.answer_threshold,
            ..Decision::default()
        }
    }

    /// The scored entries best first, the closest few told apart by wording too: of two
    /// entries covering the same terms, the one worded like the question wins.
    fn rank(&self, scored: &[(usize, f32, u64, Parts)], words: &[&str]) -> Vec<(usize, f32)> {
        let mut ranked: Vec<(usize, f32)> = scored
            .iter()
            .map(|&(i, s, _, _)| (i, s - SURFACE_SHARE))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut surface = words.join(" ");
        // Wording is compared on the first words only: past a few times a phrasing's length the
        // comparison says nothing more, and its cost grows with the product of the lengths.
        if let Some((cut, _)) = surface.char_indices().nth(SURFACE_CHARS) {
            surface.truncate(cut);
        }
        let best_terms = ranked.first().map_or(0.0, |r| r.1);
        // Only candidates within reach of the best can change places; the rest keep no
        // wording bonus, which cannot bring them near the best either.
        for r in ranked
            .iter_mut()
            .take(SURFACE_CANDIDATES)
            .take_while(|r| r.1 >= best_terms - SURFACE_SHARE)
        {
            let near_best = scored.iter().find(|s| s.0 == r.0).map_or(0, |s| s.2);
            let similarity = self.entries[r.0]
                .surfaces
                .iter()
                .enumerate()
                .filter(|(n, _)| *n < 64 && near_best & (1 << n) != 0)
                .take(SURFACE_PHRASINGS)
                .map(|(_, p)| wording_similarity(&surface, p))
                .fold(0.0, f64::max);
            #[allow(clippy::cast_possible_truncation)] // a similarity in 0..=1
            let similarity = similarity as f32;
            r.1 += SURFACE_SHARE * similarity;
        }
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }

    /// Whether the best entry is the answer: its score reaches the threshold and the decision
    /// model gives it at least `answer_probability` (above 1, the model is off and the score
    /// alone decides). Fills in `d` with the figures and the reason.
    fn decide(
        &self,
        d: &mut Decision,
        score: f32,
        runner_up: f32,
        features: Option<Features>,
    ) -> bool {
        let probability = features.map_or(0.0, |f| self.model.probability(&f));
        d.by = "faq";
        d.best = score;
        d.runner_up = runner_up;
        d.features = features;
        d.probability = probability;
        let wanted = self.config.answer_probability;
        if score < d.threshold {
            d.reason = format!(
                "best score {score:.2} is below the threshold {:.2}",
                d.threshold
            );
            return false;
        }
        // Words matched by meaning alone are weaker evidence than the words themselves; the
        // model weighs them, and the reason says how much of the score they make.
        let by_meaning = features.map_or(0.0, |f| f.value("meaning_share"));
        let best = if by_meaning > 0.0 {
            format!(
                "best score {score:.2} ({:.2} without the words matched by meaning)",
                score - by_meaning
            )
        } else {
            format!("best score {score:.2}")
        };
        // Above 1 the model is turned off, and the score alone decides.
        if wanted > 1.0 {
            d.reason = format!("{best} reaches the threshold {:.2}", d.threshold);
            return true;
        }
        let answers = probability >= wanted;
        d.reason = if answers {
            format!("{best}, and the model gives {probability:.2} that it is the answer")
        } else {
            format!(
                "{best}, but the model gives only {probability:.2} (answering needs {wanted:.2})"
            )
        };
        answers
    }

    /// Whether the runner-up, read by the model as `f`, answers in place of a declined best:
    /// the model's part for runner-ups gives it at least `answer_probability`. Fills in `d`
    /// with its figures when it does.
    fn prefers_runner_up(&self, d: &mut Decision, f: &Features) -> bool {
        let wanted = self.config.answer_probability;
        let Some(probability) = self.model.runner_up_probability(f) else {
            return false;
        };
        if wanted > 1.0 || probability < wanted {
            return false;
        }
        d.reason = format!(
            "best score {:.2}, but the model gives only {:.2}; the runner-up (score {:.2}) it gives {probability:.2} that it is the answer",
            d.best, d.probability, d.runner_up
        );
        (d.runner_up, d.best) = (d.best, d.runner_up);
        d.features = Some(*f);
        d.probability = probability;
        true
    }

    /// What to offer when declining: the entries about what the question names first
    /// ("LEARN's fax number?" suggests the LEARN entries), then the nearest, then the
    /// configured defaults, each once.
    fn suggestions(&self, query: &Query, ranked: &[(usize, f32)]) -> Vec<Suggestion> {
        let about = self.entries_about(query, ranked);
        let nearest = ranked
            .iter()
            .filter(|r| r.1 >= self.config.suggest_threshold)
            .map(|r| &self.faq.entries[r.0]);
        let defaults = self
            .config
            .default_suggestions
            .iter()
            .filter_map(|id| self.entry(id));
        let mut picked: Vec<&Entry> = Vec::with_capacity(self.config.max_suggestions);
        for e in about.into_iter().chain(nearest).chain(defaults) {
            if picked.len() == self.config.max_suggestions {
                break;
            }
            if !picked.iter().any(|p| p.id == e.id) {
                picked.push(e);
            }
        }
        picked.into_iter().map(Suggestion::from).collect()
    }

    /// The entries about the RESCs, people and organisations the question names (a person
    /// counts for their RESC), best ranked first.
    fn entries_about(&self, query: &Query, ranked: &[(usize, f32)]) -> Vec<&Entry> {
        let named: Vec<TermId> = query
            .terms
            .iter()
            .filter(|t| t.kind == Kind::Entity && t.focus)
            .flat_map(|t| {
                let resc = t.text.strip_prefix("@person:").map(|r| format!("@{r}"));
                [t.id, resc.and_then(|r| self.terms.get(&r).copied())]
            })
            .flatten()
            .collect();
        if named.is_empty() {
            return Vec::new();
        }
        let is_about = |i: usize| {
            let e = &self.entries[i];
            named
                .iter()
                .any(|t| e.key_entities.binary_search(t).is_ok())
        };
        let mut about: Vec<usize> = ranked
            .iter()
            .map(|r| r.0)
            .filter(|&i| is_about(i))
            .collect();
        // The others about them, through the entries that use their terms (not a scan of all).
        let mut rest: Vec<usize> = named
            .iter()
            .flat_map(|&t| &self.postings[t as usize])
            .map(|&i| i as usize)
            .filter(|&i| is_about(i) && !about.contains(&i))
            .collect();
        rest.sort_unstable();
        rest.dedup();
        about.extend(rest);
        about.into_iter().map(|i| &self.faq.entries[i]).collect()
    }

    /// What the decision model reads of the question and its best entry.
    fn features(
        &self,
        query: &Query,
        score: f32,
        runner_up: f32,
        parts: Parts,
        entry: usize,
        meaning: Option<&[f32; crate::meaning::DIMS]>,
    ) -> Features {
        // How close the question is in meaning to the entry's closest phrasing, and to its
        // answer (0 when the word table knows too little of either).
        let vectors = self.entry_meaning(entry);
        let close = |text: &Option<Vector>| {
            meaning
                .zip(text.as_ref())
                .map_or(0.0, |(q, t)| crate::meaning::similarity(q, t))
        };
        let to_phrasing = vectors.phrasings.iter().map(close).fold(0.0, f32::max);
        let to_answer = close(&vectors.answer);
        let alignment = alignment(query, &self.entries[entry], vectors);
        let total = query.total.max(f32::EPSILON);
        let content = query.terms.iter().filter(|t| t.kind != Kind::Wh && t.focus);
        let unknown = content.clone().filter(|t| t.id.is_none());
        #[allow(clippy::cast_precision_loss)] // a handful of words
        let count = |it: &mut dyn Iterator<Item = &QueryTerm>| it.count() as f32;
        #[allow(clippy::cast_precision_loss)] // a message of at most a few hundred words
        let number = |n: usize| n as f32;
        // Which question words the sentences that ask use ("how many" counts as its own).
        let asks = |term: &str| {
            f32::from(u8::from(
                query.terms.iter().any(|t| t.focus && t.text == term),
            ))
        };
        let values = [
            score,
            score - runner_up,
            parts.question,
            parts.phrasing,
            parts.topic,
            unknown.clone().map(|t| t.weight).sum::<f32>() / total,
            unknown.clone().map(|t| t.weight).fold(0.0, f32::max) / total,
            count(&mut content.clone().filter(|t| t.id.is_some())),
            count(&mut unknown.clone()),
            query
                .terms
                .iter()
                .filter(|t| !t.focus)
                .map(|t| t.weight)
                .sum::<f32>()
                / total,
            f32::from(u8::from(
                query
                    .terms
                    .iter()
                    .any(|t| t.kind == Kind::Entity && t.focus),
            )),
            f32::from(u8::from(!self.entries[entry].key_entities.is_empty())),
            // "Who signed the Accord?" asks who; no phrasing of the Accord entry does.
            f32::from(u8::from({
                let mut wh = query
                    .terms
                    .iter()
                    .filter(|t| t.kind == Kind::Wh && t.focus)
                    .filter_map(|t| t.id)
                    .peekable();
                wh.peek().is_some()
                    && !wh.any(|id| {
                        self.entries[entry]
                            .phrasing_terms
                            .binary_search(&id)
                            .is_ok()
                    })
            })),
            f32::from(u8::from(query.counts_unknown)),
            parts.meaning,
            to_phrasing,
            to_answer,
            alignment.phrasings,
            alignment.answer,
            alignment.worst,
            parts.figure,
            number(query.sentences),
            number(query.asking),
            number(query.words),
            number(query.terms.len()),
            asks("?who"),
            asks("?what"),
            asks("?when"),
            asks("?where"),
            asks("?why"),
            asks("?how"),
            asks("?which"),
            asks(COUNT_GROUP),
            // A choice offered, and whether the entry's answer states one of its options:
            // 0 no choice, 0.5 neither option, 1 an option.
            if query.options.is_empty() {
                0.0
            } else if query.options.iter().any(|o| {
                o.iter()
                    .any(|t| self.entries[entry].answer_terms.binary_search(t).is_ok())
            }) {
                1.0
            } else {
                0.5
            },
            // A list asked for, and whether the entry's answer lists things: 0 no list asked,
            // 0.5 an answer listing nothing, 1 a list.
            if !query.asks_list {
                0.0
            } else if self.entries[entry].enumerates {
                1.0
            } else {
                0.5
            },
        ];
        Features { values }
    }

    /// The entry's texts as meaning vectors, made the first time it is a best candidate.
    fn entry_meaning(&self, entry: usize) -> &EntryMeaning {
        self.entry_meanings[entry].get_or_init(|| {
            let e = &self.faq.entries[entry];
            let sentence = |t: &str| {
                let words = text::words(t);
                crate::meaning::sentence(words.iter().map(String::as_str))
            };
            let word_vectors = |texts: &mut dyn Iterator<Item = &str>| -> Vec<Word> {
                let mut words: Vec<String> = texts.flat_map(text::words).collect();
                words.sort_unstable();
                words.dedup();
                words
                    .iter()
                    .filter_map(|w| crate::meaning::word(w))
                    .collect()
            };
            Box::new(EntryMeaning {
                phrasings: e.phrasings().map(sentence).collect(),
                answer: sentence(&e.answer),
                phrasing_words: word_vectors(&mut e.phrasings()),
                answer_words: word_vectors(&mut std::iter::once(e.answer.as_str())),
            })
        })
    }

    fn candidate(&self, i: usize, score: f32) -> Candidate {
        let e = &self.faq.entries[i];
        Candidate {
            id: e.id.clone(),
            question: e.question.clone(),
            score,
        }
    }

    /// "How many employees ...": what is counted, after the count words, is a word the FAQ
    /// never uses.
    fn counts_something_unknown(&self, tokens: &[crate::analyze::Token]) -> bool {
        tokens.windows(2).any(|w| {
            w[0].term == COUNT_GROUP
                && w[1].kind == Kind::Word
                && !self.terms.contains_key(&w[1].term)
        })
    }

    /// The question as weighted terms; unknown words get `None` and a weight by how rare they
    /// are in English. Sentences that only tell ("my principal keeps mentioning it") weigh
    /// less than the ones that ask.
    fn query(&self, sentences: &[text::Sentence]) -> Query {
        let any_asks = sentences.iter().any(|s| s.asks);
        let mut terms: Vec<QueryTerm> = Vec::new();
        let mut focus_tokens = Vec::new();
        let mut focus_words = Vec::new();
        let mut context_entities = Vec::new();
        let mut context_leaders = Vec::new();
        let (mut counts_unknown, mut refers_back, mut asks_list) = (false, false, false);
        let mut options = Vec::new();
        let analysed: Vec<Vec<crate::analyze::Token>> = sentences
            .iter()
            .map(|s| self.analyzer.question_word_tokens(&s.words))
            .collect();
        for (n, (sentence, tokens)) in sentences.iter().zip(analysed.iter()).enumerate() {
            // A sentence that tells what the next one asks about is read in full, but its
            // words the FAQ lacks are background, weighed as in a sentence that only tells.
            let telling = Telling::new(sentence, tokens, sentences.get(n + 1), analysed.get(n + 1));
            let told = telling.told_before_asking_about_it();
            let focus = sentence.asks || !any_asks || told || telling.names_the_next_question();
            if focus && options.is_empty() {
                options = self.choice(&sentence.words);
            }
            asks_list |= focus && text::asks_for_list(&sentence.words);
            refers_back |= focus && text::any_of(&sentence.words, PERSONAL);
            counts_unknown |= focus && self.counts_something_unknown(tokens);
            focus_words.extend(sentence.words.iter().filter(|_| focus).cloned());
            if !focus {
                context_leaders.extend(leaders_of_rescs(tokens));
            }
            for t in tokens.iter().cloned() {
                if focus {
                    focus_tokens.push(t.clone());
                } else if t.kind == Kind::Entity {
                    context_entities.push(t.clone());
                }
                let id = self.terms.get(&t.term).copied();
                let weight = self.term_weight(id, &t, focus && !told)
                    * if focus { 1.0 } else { CONTEXT_SHARE };
                if let Some(q) = terms
                    .iter_mut()
                    .find(|q| q.id.is_some() && q.id == id || q.id.is_none() && q.text == t.term)
                {
                    q.weight = q.weight.max(weight);
                    q.focus |= focus;
                    continue;
                }
                let credit = if t.corrected { CORRECTED_CREDIT } else { 1.0 };
                terms.push(QueryTerm {
                    id,
                    text: t.term,
                    weight,
                    credit,
                    kind: t.kind,
                    focus,
                    stand_ins: Vec::new(),
                    figure: id.is_none().then(|| text::figure(&t.source)).flatten(),
                    word: (t.kind == Kind::Word)
                        .then(|| crate::meaning::word(&t.source))
                        .flatten(),
                });
            }
        }
        // However many words the telling sentences have, they weigh at most a share of what
        // the asking ones weigh: "new sped teacher here. what exactly is a RESC?" is about
        // what a RESC is, not about teachers.
        let asked: f32 = terms.iter().filter(|t| t.focus).map(|t| t.weight).sum();
        let told: f32 = terms
            .iter()
            .filter(|t| !t.focus && t.id.is_some())
            .map(|t| t.weight)
            .sum();
        if asked > 0.0 && told > CONTEXT_CAP * asked {
            let scale = CONTEXT_CAP * asked / told;
            for t in terms.iter_mut().filter(|t| !t.focus && t.id.is_some()) {
                t.weight *= scale;
            }
        }
        no_premise_unless_asked_when(&mut terms);
        self.one_resc_for_another(&mut terms);
        self.find_stand_ins(&mut terms);
        Query {
            entities: terms
                .iter()
                .filter(|t| t.kind == Kind::Entity && t.focus)
                .filter_map(|t| t.id)
                .collect(),
            counts_unknown,
            focus_tokens,
            focus_words,
            context_entities,
            context_leaders,
            refers_back,
            options,
            asks_list,
            sentences: sentences.len(),
            asking: sentences.iter().filter(|s| s.asks).count(),
            words: sentences.iter().map(|s| s.words.len()).sum(),
            total: terms.iter().map(|t| t.weight).sum(),
            topic_total: terms
                .iter()
                .filter(|t| t.kind == Kind::Word && t.focus)
                .map(|t| t.weight)
                .sum(),
            terms,
        }
    }

    /// What a term weighs: a word the FAQ lacks weighs by how rare it is in English, and more
    /// in a sentence that `asks` about it.
    fn term_weight(&self, id: Option<TermId>, t: &crate::analyze::Token, asks: bool) -> f32 {
        let floor = if asks {
            FOCUS_UNKNOWN_FLOOR
        } else {
            UNKNOWN_FLOOR
        };
        match (id, t.kind) {
            (_, Kind::Wh) => WH_WEIGHT,
            (Some(id), _) => self.weights[id as usize],
            (None, _) => self.unknown_weight * crate::lexicon::rarity(&t.source, floor),
        }
    }

    /// The options of a choice the sentence offers ("do RESCs serve public schools or private
    /// schools?", "fee-for-service or state-funded?"): up to [`OPTION_WORDS`] topic words on
    /// each side of its first "or", as known terms, each side keeping those the other lacks.
    /// Empty when there is no "or" with topic words on both sides.
    fn choice(&self, words: &[String]) -> Vec<Vec<TermId>> {
        let Some(at) = words.iter().position(|w| w == "or") else {
            return Vec::new();
        };
        let side = |words: &[String], last: bool| -> Vec<Option<TermId>> {
            let tokens = self.analyzer.question_word_tokens(words);
            let topic = tokens
                .iter()
                .filter(|t| matches!(t.kind, Kind::Word | Kind::Entity))
                .map(|t| self.terms.get(&t.term).copied());
            if last {
                let all: Vec<_> = topic.collect();
                all[all.len().saturating_sub(OPTION_WORDS)..].to_vec()
            } else {
                topic.take(OPTION_WORDS).collect()
            }
        };
        let left = side(&words[..at], true);
        let right = side(&words[at + 1..], false);
        if left.is_empty() || right.is_empty() {
            return Vec::new();
        }
        let only = |a: &[Option<TermId>], b: &[Option<TermId>]| -> Vec<TermId> {
            a.iter()
                .flatten()
                .filter(|t| !b.contains(&Some(**t)))
                .copied()
                .collect()
        };
        vec![only(&left, &right), only(&right, &left)]
    }

    /// "We're a LEARN district, can we tap into CREC's stuff?": a question about using
    /// one RESC's resources from another names two RESCs, and is answered by what holds for
    /// any RESC. Its RESC names (also those of a sentence that only tells) are read as the
    /// word RESC when it asks about access.
    fn one_resc_for_another(&self, terms: &mut Vec<QueryTerm>) {
        let is_resc = |t: &QueryTerm| {
            t.kind == Kind::Entity
                && t.text
                    .strip_prefix('@')
                    .is_some_and(|id| self.faq.rescs.iter().any(|r| r.id == id))
        };
        let (Some(&access), Some(&resc)) = (self.terms.get("~access"), self.terms.get("~resc"))
        else {
            return;
        };
        if terms.iter().filter(|t| is_resc(t)).count() < 2
            || !terms.iter().any(|t| t.id == Some(access) && t.focus)
        {
            return;
        }
        let weight = terms
            .iter()
            .filter(|t| is_resc(t))
            .map(|t| t.weight)
            .fold(0.0, f32::max);
        terms.retain(|t| !is_resc(t));
        match terms.iter_mut().find(|t| t.id == Some(resc)) {
            Some(t) => t.weight = t.weight.max(weight),
            None => terms.push(QueryTerm {
                id: Some(resc),
                text: "~resc".to_owned(),
                weight,
                credit: 1.0,
                kind: Kind::Word,
                focus: true,
                stand_ins: Vec::new(),
                figure: None,
                word: None,
            }),
        }
    }

    /// The FAQ words closest in meaning to the heaviest unknown words of the sentences that
    /// ask (a long message's other unknown words change little, and each costs a pass over the
    /// FAQ's words).
    fn find_stand_ins(&self, terms: &mut [QueryTerm]) {
        let mut unknown: Vec<&mut QueryTerm> = terms
            .iter_mut()
            .filter(|t| t.id.is_none() && t.kind == Kind::Word && t.focus)
            .collect();
        unknown.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        for t in unknown.into_iter().take(MEANING_WORDS) {
            if let Some(v) = t.word {
                let owner = std::ptr::from_ref(&self.meanings) as usize;
                t.stand_ins = crate::memo::neighbours(owner, v.key(), || {
                    self.meanings.nearest(v, MEANING_LEAST, MEANING_STAND_INS)
                });
            }
        }
    }

    /// Ranks entries sharing a word with the question through the index, then scores the
    /// best `candidates` of them in full.
    fn score_candidates(&self, query: &Query) -> Vec<(usize, f32, u64, Parts)> {
        // Dense accumulators: one add per posting, no hashing (weights are all positive, so
        // zero means untouched).
        let mut acc = vec![0.0f32; self.entries.len()];
        let mut touched: Vec<u32> = Vec::new();
        for t in &query.terms {
            if t.kind == Kind::Wh {
                continue;
            }
            let found = t.id.map(|id| (id, 1.0)).into_iter();
            for (id, similarity) in found.chain(t.stand_ins.iter().copied()) {
                for &e in &self.postings[id as usize] {
                    let a = &mut acc[e as usize];
                    if *a == 0.0 {
                        touched.push(e);
                    }
                    *a += t.weight * similarity;
                }
            }
        }
        let mut rough: Vec<(u32, f32)> =
            touched.into_iter().map(|e| (e, acc[e as usize])).collect();
        if rough.len() > self.config.candidates {
            rough.select_nth_unstable_by(self.config.candidates, |a, b| b.1.total_cmp(&a.1));
            rough.truncate(self.config.candidates);
        }
        // One buffer for what the terms earn from each entry, not one per entry.
        let mut outside = Vec::with_capacity(query.terms.len());
        rough
            .into_iter()
            .filter_map(|(e, _)| {
                let (s, near_best, parts) =
                    Self::score(&self.entries[e as usize], query, &mut outside);
                (s > 0.0).then_some((e as usize, s, near_best, parts))
            })
            .collect()
    }

    /// The entry's score (0 when entities disagree) and, as a bit mask, its phrasings that
    /// score within [`NEAR_BEST`] of the best (only the first 64 phrasings are compared).
    /// `outside` is room for what each term earns from the entry outside a phrasing.
    fn score(e: &IndexedEntry, query: &Query, outside: &mut Vec<Outside>) -> (f32, u64, Parts) {
        let q_entities = &query.entities;
        if q_entities
            .iter()
            .any(|t| e.all_entities.binary_search(t).is_err())
        {
            return (0.0, 0, Parts::default());
        }
        if !e.key_entities.is_empty()
            && !q_entities
                .iter()
                .any(|t| e.key_entities.binary_search(t).is_ok())
        {
            return (0.0, 0, Parts::default());
        }
        if query.total <= 0.0 {
            return (0.0, 0, Parts::default());
        }
        // What each term earns from the entry outside any one phrasing, looked up once.
        outside.clear();
        outside.extend(
            query
                .terms
                .iter()
                .map(|t| Outside::of(t, e, q_entities.len())),
        );
        let mut scores = [0.0f32; 64];
        let mut best_parts = Parts::default();
        let mut best_so_far = 0.0f32;
        for (n, (p, &p_total)) in e
            .phrasings
            .iter()
            .zip(&e.phrasing_weights)
            .enumerate()
            .take(64)
        {
            let Cover {
                question: covered_q,
                topic: covered_topic,
                shared,
                meaning: by_meaning,
                figure: by_figure,
            } = Cover::of(p, &query.terms, outside);
            let cov_p = if p_total > 0.0 {
                (shared / p_total).min(1.0)
            } else {
                0.0
            };
            let mut s = QUESTION_SHARE * (covered_q / query.total) + (1.0 - QUESTION_SHARE) * cov_p;
            // A name says who or what the question is about; the other words say what about
            // it. An entry that matches the name but not the rest ("LEARN's phone number")
            // is not an answer.
            let topic = if query.topic_total > 0.0 {
                covered_topic / query.topic_total
            } else {
                1.0
            };
            s = s.min(TOPIC_FLOOR + (1.0 - TOPIC_FLOOR) * topic);
            if s > best_so_far {
                best_so_far = s;
                best_parts = Parts {
                    question: covered_q / query.total,
                    phrasing: cov_p,
                    topic,
                    meaning: by_meaning / query.total,
                    figure: by_figure / query.total,
                };
            }
            scores[n] = s;
        }
        let best = best_so_far;
        let near_best = scores
            .iter()
            .enumerate()
            .filter(|(_, s)| **s >= best - NEAR_BEST)
            .fold(0u64, |m, (n, _)| m | 1 << n);
        (best, near_best, best_parts)
    }

    /// Entries sharing a tag with `id`, most shared tags first, at most `n`.
    #[must_use]
    pub fn related(&self, id: &str, n: usize) -> Vec<Suggestion> {
        let Some(&index) = self.ids.get(id) else {
            return Vec::new();
        };
        // Through the tag index: only entries sharing a tag are looked at.
        let mut shared: HashMap<usize, usize> = HashMap::default();
        for tag in &self.faq.entries[index].tags {
            for &other in self.tags.get(tag).map_or(&[][..], Vec::as_slice) {
                if other != index {
                    *shared.entry(other).or_default() += 1;
                }
            }
        }
        let mut related: Vec<(usize, usize)> = shared.into_iter().collect();
        related.sort_by_key(|&(entry, count)| (std::cmp::Reverse(count), entry));
        related
            .into_iter()
            .take(n)
            .map(|(e, _)| Suggestion::from(&self.faq.entries[e]))
            .collect()
    }

    /// Entries whose id or question contains `typed` (compared in lowercase), in FAQ order:
    /// for suggesting entries as someone types, without lowercasing the whole FAQ each time.
    pub fn entries_containing<'a>(&'a self, typed: &str) -> impl Iterator<Item = &'a Entry> + 'a {
        let typed = typed.trim().to_lowercase();
        self.faq
            .entries
            .iter()
            .zip(&self.lowercase_questions)
            .filter(move |(e, q)| e.id.contains(&typed) || q.contains(&typed))
            .map(|(e, _)| e)
    }

    /// Entries that name this RESC or its leader (in a phrasing or the answer), the ones whose
    /// question names it first, then in FAQ order; through the index.
    #[must_use]
    pub fn entries_naming(&self, resc: &crate::faq::Resc) -> Vec<&Entry> {
        let mut found: Vec<u32> = [format!("@{}", resc.id), format!("@person:{}", resc.id)]
            .iter()
            .filter_map(|term| self.terms.get(term))
            .flat_map(|&t| self.postings[t as usize].iter().copied())
            .collect();
        found.sort_unstable();
        found.dedup();
        found.sort_by_key(|&i| self.entries[i as usize].key_entities.is_empty());
        found
            .into_iter()
            .map(|i| &self.faq.entries[i as usize])
            .collect()
    }

    /// The entry with this id, through the index.
    #[must_use]
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.ids.get(id).map(|&i| &self.faq.entries[i])
    }
}

/// How the best phrasing of an entry covers a question: shares of the question's weight, of
/// the phrasing's weight and of the question's topic weight.
#[derive(Debug, Clone, Copy, Default)]
struct Parts {
    question: f32,
    phrasing: f32,
    topic: f32,
    /// Share of the question's weight covered by words matched by meaning only.
    meaning: f32,
    /// Share of the question's weight in figures the entry states others of.
    figure: f32,
}

/// How the question's topic words find words of the same meaning in an entry: the weighted
/// mean of the best similarity in its phrasings and in its answer, and the largest share of
/// the question's weight left without a counterpart.
struct Alignment {
    phrasings: f32,
    answer: f32,
    worst: f32,
}

struct QueryTerm {
    id: Option<TermId>,
    text: String,
    weight: f32,
    credit: f32,
    kind: Kind,
    /// From a sentence that asks (or from a message where none does).
    focus: bool,
    /// For a word the FAQ does not use: the FAQ's terms closest to it in meaning, with their
    /// similarity, best first.
    stand_ins: Vec<(TermId, f32)>,
    /// For a word the FAQ does not use: the kind of figure it is ("2019", "eight").
    figure: Option<text::Figure>,
    /// The meaning of a plain word, when the word table has it.
    word: Option<Word>,
}

impl QueryTerm {
    /// How much this unknown question word counts for an entry's phrasing `p` through the FAQ
    /// words closest to it in meaning: the best of its stand-ins, by similarity and by where
    /// the entry has it (this phrasing, or `elsewhere`: the best through another phrasing or
    /// the answer). 0 when none. Also whether `p` has one of the stand-ins.
    fn meaning_credit_in(&self, p: &[TermId], elsewhere: f32) -> (f32, bool) {
        let mut here = false;
        let credit = self
            .stand_ins
            .iter()
            .filter(|s| p.binary_search(&s.0).is_ok())
            .map(|&(_, similarity)| {
                here = true;
                self.credit * MEANING_CREDIT * similarity
            })
            .fold(elsewhere, f32::max);
        (credit, here)
    }
}

/// How much of the question a phrasing covers, summed over the question's terms (each times
/// its weight): in all, in the sentences that ask, shared with the phrasing, through words of
/// like meaning, and through figures of the kind the entry states.
#[derive(Debug, Clone, Copy, Default)]
struct Cover {
    question: f32,
    topic: f32,
    shared: f32,
    meaning: f32,
    figure: f32,
}

impl Cover {
    /// Sums what `terms` earn from the entry phrasing `p`, given what each earns from the
    /// entry outside it.
    fn of(p: &[TermId], terms: &[QueryTerm], outside: &[Outside]) -> Self {
        let mut c = Self::default();
        for (t, outside) in terms.iter().zip(outside) {
            let credit = match *outside {
                Outside::Known(id, elsewhere) => {
                    if p.binary_search(&id).is_ok() {
                        c.shared += t.weight;
                        t.credit
                    } else if let Some(credit) = elsewhere {
                        credit
                    } else {
                        continue;
                    }
                }
                // A figure the FAQ never states, asked of an entry stating one of its kind, is
                // a premise the answer settles ("signed back in 2019?").
                Outside::Premise(credit) => {
                    let covered = t.weight * credit;
                    c.question += covered;
                    if t.focus {
                        c.topic += covered;
                    }
                    c.figure += covered;
                    continue;
                }
                // Another word the FAQ lacks counts through the words of its meaning.
                Outside::Meaning(elsewhere) => {
                    let (credit, here) = t.meaning_credit_in(p, elsewhere);
                    let covered = t.weight * credit;
                    c.question += covered;
                    // Words the FAQ lacks are plain words (names and question words it knows).
                    if t.focus {
                        c.topic += covered;
                    }
                    c.meaning += covered;
                    if here {
                        c.shared += covered;
                    }
                    continue;
                }
            };
            c.question += t.weight * credit;
            if t.kind == Kind::Word && t.focus {
                c.topic += t.weight * credit;
            }
        }
        c
    }
}

/// What a question term earns from an entry outside any one phrasing of it.
#[derive(Debug, Clone, Copy)]
enum Outside {
    /// A term the FAQ uses, and its credit when the phrasing lacks it but another phrasing or
    /// the answer has it.
    Known(TermId, Option<f32>),
    /// A figure the FAQ never states, asked of an entry stating one of its kind: its credit.
    Premise(f32),
    /// Another word the FAQ lacks: its best credit through the words of its meaning in other
    /// phrasings or the answer (0 when none).
    Meaning(f32),
}

impl Outside {
    /// Works out what `t` earns from `e` outside its phrasings; `entities` is how many names
    /// the question gives.
    fn of(t: &QueryTerm, e: &IndexedEntry, entities: usize) -> Self {
        let Some(id) = t.id else {
            if t.figure.is_some_and(|f| e.figures & f.bit() != 0) {
                return Self::Premise(t.credit * FIGURE_CREDIT);
            }
            let elsewhere = t
                .stand_ins
                .iter()
                .map(|&(id, similarity)| {
                    let place = if e.phrasing_terms.binary_search(&id).is_ok() {
                        SIBLING_CREDIT
                    } else if e.answer_terms.binary_search(&id).is_ok() {
                        ANSWER_CREDIT
                    } else {
                        0.0
                    };
                    t.credit * MEANING_CREDIT * similarity * place
                })
                .fold(0.0, f32::max);
            return Self::Meaning(elsewhere);
        };
        let elsewhere = if e.phrasing_terms.binary_search(&id).is_ok() {
            Some(t.credit * SIBLING_CREDIT)
        } else if e.answer_terms.binary_search(&id).is_ok() {
            // A name in a list (of RESCs, of leaders) is what a question naming several of
            // them asks for.
            if entities > 1 && t.kind == Kind::Entity {
                Some(t.credit)
            } else {
                Some(t.credit * ANSWER_CREDIT)
            }
        } else {
            None
        };
        Self::Known(id, elsewhere)
    }
}

impl Query {
    /// The tokens the directory reads: those of the sentences that ask, with the names from
    /// the rest of the message when the asking sentences name nobody ("Our chair says Florio
    /// runs ACES. Can you confirm?").
    ///
    /// A person named before a question that says "he" or "she" is the one it asks about
    /// ("Eric Protulis, is he at CREC or LEARN?").
    fn directory_tokens(&self) -> Vec<&crate::analyze::Token> {
        let mut tokens: Vec<&crate::analyze::Token> = self.focus_tokens.iter().collect();
        let is_person = |t: &crate::analyze::Token| t.term.starts_with("@person:");
        // "list all six leaders? I am new at ACES" asks for everyone, not for ACES.
        let everyone = self.asks_list
            || tokens
                .iter()
                .any(|t| matches!(t.source.as_str(), "all" | "every" | "each" | "everyone"));
        // "Kate Ericson - LEARN or EASTCONN?": a choice of RESCs for the person named before.
        let choice_of_rescs = tokens
            .iter()
            .filter(|t| t.kind == Kind::Entity && !is_person(t))
            .count()
            > 1;
        if !tokens.iter().any(|t| t.kind == Kind::Entity) {
            if !everyone {
                tokens.extend(self.context_entities.iter());
                // "I need to email the head of EdAdvance. What's their name?": the leader
                // named before is the person asked about.
                if self.refers_back || text::any_of(&self.focus_words, ASKS_OF_A_PERSON) {
                    tokens.extend(self.context_leaders.iter());
                }
            }
        } else if (self.refers_back || choice_of_rescs) && !tokens.iter().any(|t| is_person(t)) {
            tokens.extend(self.context_entities.iter().filter(|t| is_person(t)));
        }
        tokens
    }
}

struct Query {
    terms: Vec<QueryTerm>,
    /// The entities named in the sentences that ask: every answer must mention them.
    entities: Vec<TermId>,
    /// Asks how many of something the FAQ never mentions.
    counts_unknown: bool,
    /// Names in the sentences that only tell.
    context_entities: Vec<crate::analyze::Token>,
    /// The words for a leader next to a RESC's name in those sentences ("the head of CREC").
    context_leaders: Vec<crate::analyze::Token>,
    /// The sentences that ask say "he" or "she" (of someone named before).
    refers_back: bool,
    /// A choice offered ("public schools or private schools?"): each option's known terms
    /// that the other lacks. Empty when the question offers none.
    options: Vec<Vec<TermId>>,
    /// The sentences that ask ask for a list ("list them", "one by one").
    asks_list: bool,
    /// The analysed words of the sentences that ask, in order.
    focus_tokens: Vec<crate::analyze::Token>,
    /// The words of the sentences the focus tokens come from.
    focus_words: Vec<String>,
    total: f32,
    /// Weight of the topic words: neither names nor question words.
    topic_total: f32,
    /// The message's sentences, how many of them ask, and its words.
    sentences: usize,
    asking: usize,
    words: usize,
}

/// Makes `reply` the small-talk `item`'s, saying why.
/// A question asking two or three things: its parts, all its words, and whether it asks
/// when things happened.
struct Split<'s> {
    parts: Vec<Vec<&'s str>>,
    words: Vec<&'s str>,
    time: bool,
}

/// One part's answer: the index of the entry it is filed under (if any) and what it says.
struct PartAnswer {
    entry: Option<usize>,
    /// Answered from the directory.
    directory: bool,
    id: String,
    question: String,
    answer: String,
}

/// The tokens of a word for a leader right before or after a RESC's name ("the head of
/// CREC", "CES's director").
fn leaders_of_rescs(tokens: &[crate::analyze::Token]) -> Vec<crate::analyze::Token> {
    let is_resc =
        |t: &crate::analyze::Token| t.kind == Kind::Entity && !t.term.starts_with("@person:");
    tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            t.term == LEADER_GROUP
                && (i.checked_sub(1).is_some_and(|p| is_resc(&tokens[p]))
                    || tokens.get(i + 1).is_some_and(is_resc))
        })
        .map(|(_, t)| t.clone())
        .collect()
}

/// A sentence of a message that does not ask, with the one after it: what it tells may be
/// what that one asks about.
struct Telling<'a> {
    sentence: &'a text::Sentence,
    tokens: &'a [crate::analyze::Token],
    /// The next sentence, when it asks, and its tokens.
    question: Option<(&'a text::Sentence, &'a [crate::analyze::Token])>,
}

impl<'a> Telling<'a> {
    fn new(
        sentence: &'a text::Sentence,
        tokens: &'a [crate::analyze::Token],
        next: Option<&'a text::Sentence>,
        next_tokens: Option<&'a Vec<crate::analyze::Token>>,
    ) -> Self {
        let question = next
            .zip(next_tokens)
            .filter(|(s, _)| s.asks && !sentence.asks)
            .map(|(s, t)| (s, t.as_slice()));
        Self {
            sentence,
            tokens,
            question,
        }
    }

    /// The question after it, when that names no RESC or leader.
    fn question_naming_no_one(&self) -> Option<&'a text::Sentence> {
        self.question
            .filter(|(_, t)| !t.iter().any(is_entity))
            .map(|(s, _)| s)
    }

    /// Whether it names what the question after it asks about: a short phrase naming a RESC
    /// or a leader, with no one speaking and no verb of its own ("the executive director of
    /// EASTCONN, how is the name", "ED of eastconn - who is that again"), before a question
    /// naming no one. "I work at CES. Who leads LEARN?" and "CREC is great, who runs it?" keep
    /// their first sentence as context.
    fn names_the_next_question(&self) -> bool {
        let Some(next) = self.question_naming_no_one() else {
            return false;
        };
        // "resc alliance - what decade was that started?", "RESC funding - where from?": a
        // phrase of the FAQ's words that the question refers back to, or that a fragment asks
        // about.
        let referred_to = || {
            (next.words.len() <= FRAGMENT_WORDS
                || next
                    .words
                    .iter()
                    .any(|w| text::REFERRING.contains(&w.as_str())))
                && self.tokens.iter().any(is_faq_phrase)
        };
        self.sentence.words.len() <= TOPIC_PHRASE_WORDS
            && (self.tokens.iter().any(is_entity) || referred_to())
            && !self
                .sentence
                .words
                .iter()
                .any(|w| text::SPEAKING_OR_VERB.contains(&w.as_str()))
    }

    /// Whether it tells what the question right after it asks about, when that question names
    /// nothing of its own and points back at it ("a parent told me we can use programs from a
    /// different RESC. Is that true?", "I heard the Alliance recommitted a few years back.
    /// What year was that?").
    fn told_before_asking_about_it(&self) -> bool {
        self.question_naming_no_one().is_some_and(|next| {
            next.words
                .iter()
                .any(|w| POINTING_BACK.contains(&w.as_str()))
        }) && self.tokens.iter().any(|t| is_entity(t) || is_faq_phrase(t))
    }
}

fn is_entity(t: &crate::analyze::Token) -> bool {
    t.kind == Kind::Entity
}

/// A word or phrase of one of the FAQ's synonym groups.
fn is_faq_phrase(t: &crate::analyze::Token) -> bool {
    t.kind == Kind::Word && t.term.starts_with('~')
}

/// The dated sentences in date order, when they give at least two dates; two years (not
/// decades) asked about with "how many years between" get the years between them.
fn timeline(dates: &mut Vec<&text::Dated>, words: &[&str]) -> Option<String> {
    dates.sort_by_key(|d| d.year);
    dates.dedup_by_key(|d| d.year);
    if dates.len() < 2 {
        return None;
    }
    let mut lines: Vec<String> = dates
        .iter()
        .map(|d| format!("- {}: {}", d.label, d.sentence))
        .collect();
    if let [a, b] = dates.as_slice() {
        if text::asks_how_long(words) && !a.decade() && !b.decade() {
            lines.push(format!(
                "From {} to {} is {} years.",
                a.label,
                b.label,
                b.year - a.year
            ));
        }
    }
    Some(format!("In date order:\n{}", lines.join("\n")))
}

/// "What did the Alliance lobby for in the 2023 session?" asks what, not when: a time the FAQ
/// never states is then no premise its dates settle, but a time it does not cover.
fn no_premise_unless_asked_when(terms: &mut [QueryTerm]) {
    let asks = |wanted: &[&str]| {
        terms
            .iter()
            .any(|t| t.focus && wanted.contains(&t.text.as_str()))
    };
    if asks(&["?what", "?who", "?which", "?why", "?where"]) && !asks(&["?when", "~when"]) {
        for t in terms {
            if matches!(t.figure, Some(text::Figure::Year | text::Figure::Month)) {
                t.figure = None;
            }
        }
    }
}

fn small_talk(reply: &mut Reply, item: &crate::faq::SmallTalk, why: &str) {
    reply.decision.by = "smalltalk";
    why.clone_into(&mut reply.decision.reason);
    reply.outcome = Outcome::SmallTalk {
        id: item.id.clone(),
        reply: item.reply.clone(),
    };
}

/// How well each topic word of the question finds a word of the same meaning in the entry:
/// itself (or its stem or synonym), else the entry word closest in meaning.
fn alignment(query: &Query, e: &IndexedEntry, vectors: &EntryMeaning) -> Alignment {
    let closest =
        |v: Word, among: &[Word]| among.iter().map(|o| v.similarity(*o)).fold(0.0, f32::max);
    let topic = query
        .terms
        .iter()
        .filter(|t| t.focus && t.kind == Kind::Word);
    let weights: f32 = topic.clone().map(|t| t.weight).sum();
    if weights <= 0.0 {
        return Alignment {
            phrasings: 1.0,
            answer: 1.0,
            worst: 0.0,
        };
    }
    let (mut phrasings, mut answer, mut worst) = (0.0f32, 0.0f32, 0.0f32);
    for t in topic {
        let v = t.word;
        let found = |terms: &[TermId], among: &[Word]| {
            if t.id.is_some_and(|id| terms.binary_search(&id).is_ok()) {
                1.0
            } else {
                v.map_or(0.0, |v| closest(v, among))
            }
        };
        let p = found(&e.phrasing_terms, &vectors.phrasing_words);
        // "which number is the statute": an answer stating one has what the word asks for.
        let a = if e.numbered && NUMBER_WORDS.contains(&t.text.as_str()) {
            1.0
        } else {
            found(&e.answer_terms, &vectors.answer_words)
        };
        let share = t.weight / weights;
        phrasings += share * p;
        answer += share * a;
        worst = worst.max(share * (1.0 - p.max(a)));
    }
    Alignment {
        phrasings,
        answer,
        worst,
    }
}

type Vector = [f32; crate::meaning::DIMS];
use crate::meaning::Word;

/// An entry's texts as meaning vectors: each phrasing and the answer as a whole, and the
/// distinct words of its phrasings and of its answer.
struct EntryMeaning {
    phrasings: Vec<Option<Vector>>,
    answer: Option<Vector>,
    phrasing_words: Vec<Word>,
    answer_words: Vec<Word>,
}

fn sorted(mut v: Vec<TermId>) -> Vec<TermId> {
    v.sort_unstable();
    v.dedup();
    v
}

/// 1 minus the edit distance over the longer length, as `strsim::normalized_levenshtein`, but
/// over bytes when both texts are ASCII (as folded text almost always is): no decoding, and
/// 64 cells of the table at a time when the shorter text fits in a machine word.
fn wording_similarity(a: &str, b: &str) -> f64 {
    if !(a.is_ascii() && b.is_ascii()) {
        return strsim::normalized_levenshtein(a, b);
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let distance = if short.is_empty() {
        long.len()
    } else if short.len() <= 64 {
        bit_parallel_distance(short, long)
    } else {
        row_distance(short, long)
    };
    #[allow(clippy::cast_precision_loss)] // short texts
    let similarity = 1.0 - distance as f64 / longest as f64;
    similarity
}

/// Levenshtein distance with one row of the table.
fn row_distance(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Levenshtein distance of a `pattern` of 1 to 64 bytes and a `text`, a column of the table
/// per step as bit vectors (Myers 1999, in Hyyrö's formulation for edit distance).
fn bit_parallel_distance(pattern: &[u8], text: &[u8]) -> usize {
    debug_assert!((1..=64).contains(&pattern.len()));
    let mut peq = [0u64; 128];
    for (i, &c) in pattern.iter().enumerate() {
        peq[usize::from(c & 0x7f)] |= 1 << i;
    }
    let last = 1u64 << (pattern.len() - 1);
    let (mut pv, mut mv) = (!0u64, 0u64);
    let mut distance = pattern.len();
    for &c in text {
        let eq = peq[usize::from(c & 0x7f)];
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & last != 0 {
            distance += 1;
        } else if mh & last != 0 {
            distance -= 1;
        }
        ph = (ph << 1) | 1;
        mh <<= 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
    }
    distance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_similarity_is_strsims_normalised_levenshtein() {
        // Short and long, equal and empty, the 64-byte edge, and text past it.
        let texts = [
            "",
            "a",
            "who leads learn",
            "who is the leader of learn",
            "what is a resc",
            "what are the rescs and who leads each of them in connecticut today",
            "how many regional educational service centers are there in connecticut and who",
            "0123456789012345678901234567890123456789012345678901234567890123",
            "01234567890123456789012345678901234567890123456789012345678901234",
            "x0123456789012345678901234567890123456789012345678901234567890123",
        ];
        for a in texts {
            for b in texts {
                let want = strsim::normalized_levenshtein(a, b);
                let got = wording_similarity(a, b);
                assert!((want - got).abs() < 1e-12, "{a:?} {b:?}: {want} != {got}");
            }
        }
    }
}
