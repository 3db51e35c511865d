//! Conversations: a follow-up ("and CREC?", "is she a doctor?", "full name?") read in the
//! light of the same person's last question.
//!
//! Each asker (a user in a channel, a DM, a terminal session) has a [`Context`]: the last
//! question as understood and what it was about (a RESC, a person, a named organisation, or
//! else its topic words). A message shaped like a follow-up is rewritten into a question that
//! stands alone, and the rewrite is kept when it is answered at least as well as the message
//! on its own. A message that stands alone ignores the context. The contexts are kept in a
//! bounded store that forgets the least recently used asker first and any context older than
//! the configured time.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::analyze::Kind;
use crate::matcher::{Matcher, Outcome, Reply};
use crate::text;

/// Askers remembered at most; the least recently active is forgotten first.
pub const MAX_ASKERS: usize = 100_000;

/// Words that start an elliptical follow-up: "and CREC?", "what about EASTCONN?".
const LEADS: &[&[&str]] = &[
    &["and", "what", "about"],
    &["and", "how", "about"],
    &["what", "about"],
    &["how", "about"],
    &["what", "of"],
    &["same", "for"],
    &["same", "question", "for"],
    &["and", "for"],
    &["and"],
    &["or"],
    &["also"],
];

/// Pronouns for a person, and for a thing (a RESC, the Alliance, a topic).
const PERSON_PRONOUNS: &[&str] = &["he", "she", "him", "her", "his", "hers"];
const THING_PRONOUNS: &[&str] = &[
    "it", "its", "they", "them", "their", "theirs", "that", "there", "this",
];

/// Words that ask for a RESC's leader rather than the RESC.
const LEADER_WORDS: &[&str] = &[
    "leader",
    "leads",
    "head",
    "boss",
    "director",
    "exec",
    "executive",
    "chief",
    "runs",
    "superintendent",
    "charge",
];

/// Question words: a message with one is not a bare attribute ("full name?").
const WH: &[&str] = &[
    "who", "whom", "whose", "what", "when", "where", "why", "how", "which",
];

/// What the last question of one asker was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The question as understood, in words (a follow-up's rewrite, not what was typed).
    pub words: Vec<String>,
    /// The entry that answered it, if one did.
    pub entry: Option<String>,
    /// The RESC it was about (its id), if any.
    pub resc: Option<String>,
    /// The RESC whose leader it was about (its id), if any.
    pub person: Option<String>,
    /// The words that named its subject in `words` (a RESC, a person, an organisation), or
    /// else its topic words.
    pub subject: Vec<String>,
    /// The words of every RESC, person and organisation it named, in order (a question about
    /// two RESCs names two): an elliptical follow-up replaces them all.
    pub names: Vec<Vec<String>>,
    /// It asked about a person ("who ..."), so a bare attribute is the person's.
    pub about_person: bool,
}

/// One turn of a conversation: the reply, and the question as understood when the context
/// was used to understand it (to show, so that a wrong guess is visible).
#[derive(Debug, Clone)]
pub struct Turn {
    pub reply: Reply,
    pub resolved: Option<String>,
}

/// Reads `question` in the light of `context` (the same asker's last question, if any) and
/// returns the reply and the context after it.
#[must_use]
pub fn follow_up(
    matcher: &Matcher,
    context: Option<&Context>,
    question: &str,
) -> (Turn, Option<Context>) {
    let plain = matcher.ask(question);
    if matches!(
        plain.outcome,
        Outcome::Invalid(_) | Outcome::SmallTalk { .. }
    ) {
        return (plain_turn(plain), context.cloned());
    }
    let rewrite = context.and_then(|c| rewrite(matcher, c, question));
    let turn = match rewrite {
        Some(words) => {
            let resolved = display(matcher, &words);
            let mut reply = matcher.ask(&resolved);
            // Kept when it answers at least as well; when both decline, the rewrite's
            // suggestions keep the subject.
            let better = match (reply.answered(), plain.answered()) {
                (true, true) => reply.score >= plain.score,
                (false, true) => false,
                _ => true,
            };
            if better {
                question.clone_into(&mut reply.question);
                Turn {
                    reply,
                    resolved: Some(resolved),
                }
            } else {
                plain_turn(plain)
            }
        }
        None => plain_turn(plain),
    };
    let understood = turn.resolved.as_deref().unwrap_or(question);
    let next = about(matcher, understood, &turn.reply).or_else(|| context.cloned());
    (turn, next)
}

fn plain_turn(reply: Reply) -> Turn {
    Turn {
        reply,
        resolved: None,
    }
}

/// What a question (as understood) and its reply were about, when it names something or was
/// answered; `None` leaves the previous context in place.
fn about(matcher: &Matcher, question: &str, reply: &Reply) -> Option<Context> {
    let words = text::words(question);
    let tokens = matcher.tokens(question);
    let faq = matcher.faq();
    // "who leads CREC?" and "CREC exec director?" are about a person.
    let asks_who = words.iter().any(|w| {
        matches!(w.as_str(), "who" | "whom" | "whose") || LEADER_WORDS.contains(&w.as_str())
    });
    let mut context = Context {
        words: words.clone(),
        entry: reply.answer_id().map(str::to_owned),
        resc: None,
        person: None,
        subject: Vec::new(),
        names: tokens
            .iter()
            .filter(|t| t.kind == Kind::Entity)
            .map(|t| text::words(&t.source))
            .collect(),
        about_person: false,
    };
    if let Some(entity) = tokens.iter().find(|t| t.kind == Kind::Entity) {
        context.subject = text::words(&entity.source);
        if let Some(resc) = entity.term.strip_prefix("@person:") {
            context.person = Some(resc.to_owned());
            context.resc = Some(resc.to_owned());
            context.about_person = true;
        } else if let Some(resc) = entity
            .term
            .strip_prefix('@')
            .filter(|id| faq.rescs.iter().any(|r| r.id == *id))
        {
            context.resc = Some(resc.to_owned());
            context.person = Some(resc.to_owned());
            context.about_person = asks_who;
        }
        return Some(context);
    }
    if !reply.answered() {
        return None;
    }
    // The topic: the names of things it mentions ("the Alliance", "the Accord", "RESCs"),
    // or else all its content words.
    let topic: Vec<String> = tokens
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .flat_map(|t| text::words(&t.source))
        .collect();
    let named: Vec<String> = topic
        .iter()
        .filter(|w| matcher.is_proper_noun(w))
        .cloned()
        .collect();
    context.subject = if named.is_empty() { topic } else { named };
    Some(context)
}

/// The follow-up as a question that stands alone, when it is shaped like one.
fn rewrite(matcher: &Matcher, context: &Context, question: &str) -> Option<Vec<String>> {
    let words = text::words(question);
    let tokens = matcher.tokens(question);
    let names_something = tokens.iter().any(|t| t.kind == Kind::Entity);
    let has_wh = words.iter().any(|w| WH.contains(&w.as_str()));
    // "and CREC?", "what about the accord?": the last question about something else.
    if let Some(rest) = crate::text::opening(&words, LEADS).map(|lead| &words[lead.len()..]) {
        if rest.len() <= 6 && !rest.iter().any(|w| WH.contains(&w.as_str())) {
            return Some(substitute(context, rest));
        }
    }
    // "CREC?", "eastconn then": a name and hardly anything else.
    if names_something && !has_wh && words.len() <= 3 {
        return Some(substitute(context, &words));
    }
    // "who runs it?", "is she a doctor?": the pronoun stands for the subject.
    if words
        .iter()
        .any(|w| PERSON_PRONOUNS.contains(&w.as_str()) || THING_PRONOUNS.contains(&w.as_str()))
    {
        let replaced: Vec<String> = words
            .iter()
            .flat_map(|w| {
                if PERSON_PRONOUNS.contains(&w.as_str()) {
                    person_words(matcher, context)
                } else if THING_PRONOUNS.contains(&w.as_str()) {
                    thing_words(matcher, context)
                } else {
                    vec![w.clone()]
                }
            })
            .collect();
        return (replaced != words).then_some(replaced);
    }
    // "full name?", "title?", "which RESC?", "since when?": an attribute of the subject,
    // when the FAQ knows what is asked of it ("exact dollar figure?" it does not).
    let words_known = tokens
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .map(|t| matcher.knows(&t.term))
        .fold((0, 0), |(known, all), k| (known + usize::from(k), all + 1));
    // Short: a word or two ("which RESC?"), or a few words that name nothing of their own
    // ("the exact date, please", "under which statute?").
    let names_a_thing = words.iter().any(|w| matcher.is_proper_noun(w));
    let short = words.len() <= 2 || (words_known.1 <= 3 && words.len() <= 6 && !names_a_thing);
    if !names_something && short && words_known.0 * 2 >= words_known.1 {
        let subject = if context.about_person {
            person_words(matcher, context)
        } else {
            thing_words(matcher, context)
        };
        if subject.is_empty() {
            return None;
        }
        return Some(words.into_iter().chain(subject).collect());
    }
    None
}

/// The last question with its subject replaced by `new` ("who leads aces" + "crec"; "who
/// leads ces and edadvance" + "crec" is "who leads crec").
fn substitute(context: &Context, new: &[String]) -> Vec<String> {
    if context.names.len() > 1 {
        let mut out: Vec<String> = Vec::with_capacity(context.words.len());
        let mut placed = false;
        let mut i = 0;
        while i < context.words.len() {
            let rest = &context.words[i..];
            if let Some(name) = context
                .names
                .iter()
                .find(|n| !n.is_empty() && rest.starts_with(n))
            {
                if placed {
                    // "ces and edadvance": the joining word goes with the later name.
                    if out.last().is_some_and(|w| w == "and" || w == "or") {
                        out.pop();
                    }
                } else {
                    out.extend_from_slice(new);
                    placed = true;
                }
                i += name.len();
            } else {
                out.push(context.words[i].clone());
                i += 1;
            }
        }
        if placed {
            return out;
        }
    }
    let old = &context.subject;
    // The subject as written, or misspelt as the asker wrote it ("eastcon" for EASTCONN).
    let misspelt = |w: &[String]| {
        let allowed = if old[0].len() > 6 { 2 } else { 1 };
        old.len() == 1 && w[0].len() >= 4 && strsim::osa_distance(&w[0], &old[0]) <= allowed
    };
    let at =
        |matches: &dyn Fn(&[String]) -> bool| context.words.windows(old.len()).position(matches);
    if let Some(at) = (!old.is_empty())
        .then(|| at(&|w: &[String]| w == old.as_slice()).or_else(|| at(&misspelt)))
        .flatten()
    {
        let mut out = context.words[..at].to_vec();
        out.extend_from_slice(new);
        out.extend_from_slice(&context.words[at + old.len()..]);
        return out;
    }
    // Topic words need not be next to each other: the first becomes the new subject.
    let mut out = Vec::with_capacity(context.words.len() + new.len());
    let mut placed = false;
    for w in &context.words {
        if old.contains(w) {
            if !placed {
                out.extend_from_slice(new);
                placed = true;
            }
        } else {
            out.push(w.clone());
        }
    }
    if !placed {
        out.extend_from_slice(new);
    }
    out
}

/// The words for "he" or "she": the leader the context is about.
fn person_words(matcher: &Matcher, context: &Context) -> Vec<String> {
    context
        .person
        .as_deref()
        .and_then(|id| matcher.faq().rescs.iter().find(|r| r.id == id))
        .and_then(|r| r.leader.as_ref())
        .map_or_else(|| context.subject.clone(), |l| text::words(&l.name))
}

/// The words for "it" or "they": the RESC, organisation or topic the context is about.
fn thing_words(matcher: &Matcher, context: &Context) -> Vec<String> {
    match context
        .resc
        .as_deref()
        .and_then(|id| matcher.faq().rescs.iter().find(|r| r.id == id))
    {
        Some(resc) => text::words(&resc.name),
        None => context.subject.clone(),
    }
}

/// A rewritten question as people write it: names as the FAQ writes them ("CREC", "Kate
/// Ericson"), a capital and a question mark.
fn display(matcher: &Matcher, words: &[String]) -> String {
    let mut out = words
        .iter()
        .map(|w| matcher.written_form(w).unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(first) = out.get(..1) {
        let upper = first.to_uppercase();
        out.replace_range(..1, &upper);
    }
    out.push('?');
    out
}

/// How the FAQ writes the words of names that are not all lowercase ("crec" -> "CREC",
/// "ericson" -> "Ericson", "resc" -> "RESC"): the RESCs', leaders' and organisations' names,
/// and the acronyms of the questions. Built once, with the matcher.
pub(crate) fn written_forms(faq: &crate::faq::Faq) -> rustc_hash::FxHashMap<String, String> {
    faq.rescs
        .iter()
        .flat_map(|r| {
            r.all_names()
                .map(str::to_owned)
                .chain(r.leader.iter().flat_map(crate::faq::Leader::aliases))
                .collect::<Vec<_>>()
        })
        .chain(faq.names.iter().flat_map(|n| n.aliases.clone()))
        .flat_map(|name| {
            name.split_whitespace()
                .map(|w| {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    (w.to_lowercase(), w.to_owned())
                })
                .collect::<Vec<_>>()
        })
        // Acronyms as the questions write them: "RESC", "CSDE".
        .chain(faq.entries.iter().flat_map(|e| {
            e.question
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()))
                .map(|w| (w.to_lowercase(), w.to_owned()))
                .collect::<Vec<_>>()
        }))
        .filter(|(lower, written)| lower != written)
        .collect()
}

/// Where the time comes from: the system's clock, or one a test moves by hand.
pub trait Clock: Send + Sync {
    /// Time since some fixed start.
    fn now(&self) -> Duration;
}

/// The system's monotonic clock.
#[derive(Debug)]
pub struct SystemClock(Instant);

impl Default for SystemClock {
    fn default() -> Self {
        Self(Instant::now())
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.0.elapsed()
    }
}

/// A clock that moves only when told to (for tests: expiry without sleeping).
#[derive(Debug, Default)]
pub struct ManualClock(AtomicU64);

impl ManualClock {
    pub fn advance(&self, by: Duration) {
        let ms = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        Duration::from_millis(self.0.load(Ordering::SeqCst))
    }
}

/// Every asker's context: an LRU of at most `capacity` askers whose contexts expire `ttl`
/// after their last question. Safe to share between threads.
pub struct Conversations {
    ttl: Duration,
    capacity: usize,
    clock: Arc<dyn Clock>,
    store: Mutex<Store>,
}

#[derive(Default)]
struct Store {
    /// Asker -> (context, when it was last used, its place in `order`).
    contexts: HashMap<String, (Context, Duration, u64)>,
    /// Place -> asker, least recently used first.
    order: BTreeMap<u64, String>,
    next: u64,
}

impl std::fmt::Debug for Conversations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conversations")
            .field("ttl", &self.ttl)
            .field("askers", &self.len())
            .finish_non_exhaustive()
    }
}

impl Conversations {
    #[must_use]
    pub fn new(ttl: Duration, capacity: usize, clock: Arc<dyn Clock>) -> Self {
        Self {
            ttl,
            capacity: capacity.max(1),
            clock,
            store: Mutex::new(Store::default()),
        }
    }

    /// Contexts kept `minutes` after each asker's last question, for up to [`MAX_ASKERS`]
    /// askers, on the system clock.
    #[must_use]
    pub fn with_minutes(minutes: u64) -> Self {
        Self::new(
            Duration::from_secs(minutes.saturating_mul(60)),
            MAX_ASKERS,
            Arc::new(SystemClock::default()),
        )
    }

    /// Answers `question` from `asker` (any stable key: a user in a channel, a session),
    /// reading it in the light of that asker's own last question.
    pub fn ask(&self, matcher: &Matcher, asker: &str, question: &str) -> Turn {
        let context = self.get(asker);
        let (turn, next) = follow_up(matcher, context.as_ref(), question);
        if let Some(next) = next {
            self.put(asker, next);
        }
        turn
    }

    /// The asker's context, unless it has expired.
    #[must_use]
    pub fn get(&self, asker: &str) -> Option<Context> {
        let now = self.clock.now();
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let (context, at, place) = store.contexts.get(asker)?.clone();
        if now.saturating_sub(at) > self.ttl {
            store.contexts.remove(asker);
            store.order.remove(&place);
            return None;
        }
        Some(context)
    }

    fn put(&self, asker: &str, context: Context) {
        let now = self.clock.now();
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let place = store.next;
        store.next += 1;
        if let Some((_, _, old)) = store
            .contexts
            .insert(asker.to_owned(), (context, now, place))
        {
            store.order.remove(&old);
        }
        store.order.insert(place, asker.to_owned());
        while store.contexts.len() > self.capacity {
            let Some((_, oldest)) = store.order.pop_first() else {
                break;
            };
            store.contexts.remove(&oldest);
        }
    }

    /// Askers remembered now (expired ones included until they are next looked up or pushed
    /// out).
    #[must_use]
    pub fn len(&self) -> usize {
        self.store
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contexts
            .len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
