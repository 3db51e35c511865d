//! From words to terms: entities, synonyms, stems and typo correction, all driven by the FAQ.
//!
//! An [`Analyzer`] is built from a [`Faq`]: the RESC directory and `names` give the entities
//! (organisations and people, recognised before stemming so that "learning" never becomes the
//! RESC LEARN), `synonyms` give the phrases that collapse into one term, and every word the FAQ
//! uses forms the vocabulary that misspelt question words are corrected against.

use std::borrow::Cow;
use std::collections::HashSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use rust_stemmers::{Algorithm, Stemmer};

use crate::faq::Faq;
use crate::text;

/// What a term is, which decides how much it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An ordinary word (stemmed) or a synonym group.
    Word,
    /// A question word: who, what, when... It tells the kind of answer wanted.
    Wh,
    /// A RESC, a person or a named organisation.
    Entity,
}

/// One meaningful unit of a question or of an FAQ text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// `@aces`, `@person:aces`, `~lead`, `?who` or a plain stem such as `govern`.
    pub term: String,
    pub kind: Kind,
    /// The word was misspelt and corrected to a word the FAQ uses.
    pub corrected: bool,
    /// The question's word(s) it comes from, after shorthand and typo correction.
    pub source: String,
}

/// Question words and the terms they become.
const WH_TERMS: &[(&str, &str)] = &[
    ("who", "?who"),
    ("whom", "?whom"),
    ("whose", "?whose"),
    ("what", "?what"),
    ("when", "?when"),
    ("where", "?where"),
    ("why", "?why"),
    ("how", "?how"),
    ("which", "?which"),
];

/// The term of the framing phrases ("in a nutshell"), which no question keeps.
const FRAMING: &str = "~";

/// Words that carry no topic: function words and the fillers of conversational questions.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "accurate",
    "accurately",
    "actually",
    "afternoon",
    "again",
    "ah",
    "aimed",
    "all",
    "already",
    "also",
    "am",
    "an",
    "and",
    "any",
    "anybody",
    "anymore",
    "anyone",
    "anything",
    "apologies",
    "apologise",
    "apologize",
    "apology",
    "approximately",
    "are",
    "as",
    "at",
    "basically",
    "be",
    "been",
    "being",
    "btw",
    "but",
    "by",
    "can",
    "chiefly",
    "correct",
    "correctly",
    "could",
    "curious",
    "current",
    "currently",
    "day",
    "days",
    "dear",
    "describe",
    "designed",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "dr",
    "each",
    "else",
    "essentially",
    "even",
    "ever",
    "everyone",
    "exact",
    "exactly",
    "exist",
    "existed",
    "exists",
    "explain",
    "folks",
    "for",
    "frankly",
    "from",
    "generally",
    "get",
    "give",
    "got",
    "guys",
    "had",
    "has",
    "have",
    "he",
    "hear",
    "heard",
    "hello",
    "help",
    "her",
    "here",
    "hers",
    "herself",
    "hey",
    "heya",
    "hi",
    "him",
    "himself",
    "his",
    "hiya",
    "hmm",
    "honestly",
    "i",
    "idk",
    "if",
    "im",
    "in",
    "intended",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "keep",
    "keeps",
    "kind",
    "kinda",
    "know",
    "largely",
    "lately",
    "let",
    "like",
    "literally",
    "lol",
    "mainly",
    "may",
    "maybe",
    "me",
    "meant",
    "mention",
    "mentioning",
    "might",
    "miss",
    "more",
    "morning",
    "mostly",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "myself",
    "nah",
    "normally",
    "now",
    "nowadays",
    "of",
    "oh",
    "ok",
    "okay",
    "on",
    "one",
    "ones",
    "only",
    "or",
    "our",
    "ourselves",
    "over",
    "people",
    "perhaps",
    "please",
    "pls",
    "plz",
    "precisely",
    "primarily",
    "principally",
    "q",
    "question",
    "quick",
    "real",
    "really",
    "remember",
    "remembering",
    "remind",
    "right",
    "roughly",
    "seriously",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "somebody",
    "somehow",
    "someone",
    "something",
    "somewhere",
    "sorry",
    "sorta",
    "still",
    "stuff",
    "such",
    "supposed",
    "supposedly",
    "tbh",
    "tell",
    "thank",
    "thanks",
    "that",
    "the",
    "their",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "thru",
    "thx",
    "to",
    "today",
    "too",
    "true",
    "ty",
    "typically",
    "u",
    "uh",
    "ultimately",
    "um",
    "up",
    "us",
    "usually",
    "very",
    "via",
    "w",
    "want",
    "was",
    "we",
    "were",
    "whatever",
    "whoever",
    "will",
    "with",
    "wonder",
    "wondering",
    "would",
    "wtf",
    "yall",
    "yet",
    "yo",
    "you",
    "your",
    "yourself",
    "yourselves",
];

/// A word at least this common in English is taken as meant, not corrected to an FAQ word.
const ENGLISH_WORD_ZIPF: f32 = 4.5;
/// From this Zipf frequency a word is a word of English (one in a million words), which a
/// name two edits away must begin like.
const NAME_LIKE_WORD_ZIPF: f32 = 3.0;

/// Phrases (words joined by one space) and what they stand for, with the first words of all
/// phrases so that most words are rejected with a single lookup, and the beginnings of the
/// longer ones so that a search stops as soon as no phrase goes on that way ("in the" after
/// "in a nutshell" and "in charge of").
#[derive(Default)]
struct PhraseTable {
    phrases: HashMap<String, String>,
    starters: FxHashSet<String>,
    beginnings: FxHashSet<String>,
    max_words: usize,
}

impl PhraseTable {
    fn insert(&mut self, words: &[String], meaning: String) {
        if let Some(first) = words.first() {
            self.starters.insert(first.clone());
            self.max_words = self.max_words.max(words.len());
            for n in 1..words.len() {
                self.beginnings.insert(words[..n].join(" "));
            }
            self.phrases.insert(words.join(" "), meaning);
        }
    }

    /// The longest phrase starting at `words[0]`: its length in words and its meaning.
    fn longest<'a>(
        &self,
        words: impl Iterator<Item = &'a str> + Clone,
    ) -> Option<(usize, &String)> {
        let mut it = words.clone();
        if !self.starters.contains(it.next()?) {
            return None;
        }
        let mut key = String::new();
        let mut found = None;
        for (n, w) in words.take(self.max_words).enumerate() {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(w);
            if let Some(meaning) = self.phrases.get(&key) {
                found = Some((n + 1, meaning));
            }
            if !self.beginnings.contains(&key) {
                break;
            }
        }
        found
    }
}

/// Turns text into [`Token`]s the same way for the FAQ and for questions.
pub struct Analyzer {
    stemmer: Stemmer,
    /// Raw words -> entity term.
    entities: PhraseTable,
    /// Stems -> synonym group term.
    synonyms: PhraseTable,
    /// The stem of every word of the FAQ, computed once.
    stems: HashMap<String, String>,
    /// The stems of the FAQ's words other than names: a word with one of them is a form of a
    /// word the FAQ uses, not a typo of another ("recommitted" is not "committed").
    known_stems: HashSet<String>,
    vocab: Vocabulary,
    /// Shorthand word -> the words it stands for.
    shorthand: HashMap<String, Vec<String>>,
}

impl Analyzer {
    /// An analyzer learning its vocabulary from `faq` (the matcher counts words itself).
    #[cfg(test)]
    #[must_use]
    pub fn new(faq: &Faq) -> Self {
        let mut counts: HashMap<String, u32> = HashMap::default();
        for text in faq
            .entries
            .iter()
            .flat_map(|e| e.phrasings().chain([e.answer.as_str()]))
        {
            for w in text::words(text) {
                *counts.entry(w).or_default() += 1;
            }
        }
        Self::from_word_counts(faq, counts.iter().map(|(w, n)| (w.as_str(), *n)))
    }

    /// Builds the analyzer from the FAQ's directory, names and synonyms, and every word of its
    /// entries' texts (as split by [`text::words`]) with how often it occurs.
    #[must_use]
    pub fn from_word_counts<'a>(
        faq: &Faq,
        entry_words: impl IntoIterator<Item = (&'a str, u32)>,
    ) -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut entities = PhraseTable::default();
        let mut vocab = Vocabulary::default();
        let mut add_entity = |name: &str, id: String, vocab: &mut Vocabulary| {
            let words = text::words(name);
            vocab.add_all(&words);
            vocab.names.extend(words.iter().cloned());
            entities.insert(&words, id);
        };
        for r in &faq.rescs {
            for name in r.all_names() {
                add_entity(name, format!("@{}", r.id), &mut vocab);
            }
            if let Some(leader) = &r.leader {
                for alias in leader.aliases() {
                    add_entity(&alias, format!("@person:{}", r.id), &mut vocab);
                }
            }
        }
        for name in &faq.names {
            let id = name_term(&name.canonical);
            for alias in &name.aliases {
                add_entity(alias, id.clone(), &mut vocab);
            }
        }

        let mut synonyms = PhraseTable::default();
        for group in &faq.synonyms {
            let stems = |w: &str| {
                text::words(w)
                    .iter()
                    .map(|x| stem(&stemmer, x))
                    .collect::<Vec<_>>()
            };
            let canonical = format!("~{}", stems(&group[0]).join("_"));
            for member in group {
                vocab.add_all(&text::words(member));
                synonyms.insert(&stems(member), canonical.clone());
            }
        }

        // A framing phrase is read like a synonym phrase, into a term that is dropped.
        for phrase in &faq.framing {
            let words = text::words(phrase);
            vocab.add_all(&words);
            let stems: Vec<String> = words.iter().map(|x| stem(&stemmer, x)).collect();
            synonyms.insert(&stems, FRAMING.to_owned());
        }

        for (word, n) in entry_words {
            vocab.add(word, n);
        }
        vocab.build();
        let stems = vocab
            .counts
            .keys()
            .map(|w| (w.clone(), stem(&stemmer, w)))
            .collect::<HashMap<_, _>>();
        let known_stems = stems
            .iter()
            .filter(|(w, _)| !vocab.names.contains(*w))
            .map(|(_, s)| s.clone())
            .collect();

        let shorthand = faq
            .shorthand
            .iter()
            .map(|(w, meaning)| (w.clone(), text::words(meaning)))
            .collect();
        Self {
            stemmer,
            entities,
            synonyms,
            stems,
            known_stems,
            vocab,
            shorthand,
        }
    }

    /// Analyses a question, correcting words the FAQ does not use to the nearest one it does.
    #[cfg(test)]
    #[must_use]
    pub fn question_tokens(&self, input: &str) -> Vec<Token> {
        self.question_word_tokens(&text::words(input))
    }

    /// Analyses a question already split by [`text::words`], correcting words the FAQ does
    /// not use to the nearest one it does.
    #[must_use]
    pub fn question_word_tokens(&self, words: &[String]) -> Vec<Token> {
        let joined = self.vocab.join_split_names(words);
        let words: Vec<(String, bool)> = self
            .expand_shorthand(joined.as_deref().unwrap_or(words))
            .map(|w| {
                let owner = std::ptr::from_ref(self) as usize;
                match crate::memo::correction(owner, w, || self.correct(w).map(str::to_owned)) {
                    Some(fixed) => (fixed, true),
                    None => (w.to_owned(), false),
                }
            })
            .collect();
        self.tokens(&words)
    }

    /// What `word` stands for when it is shorthand ("pd" -> "professional development").
    #[must_use]
    pub fn stands_for(&self, word: &str) -> Option<&[String]> {
        self.shorthand.get(word).map(Vec::as_slice)
    }

    /// The words with each shorthand replaced by what it stands for ("ppl" -> "people").
    pub fn expand_shorthand<'a>(
        &'a self,
        words: &'a [String],
    ) -> impl Iterator<Item = &'a str> + 'a {
        words.iter().flat_map(move |w| match self.shorthand.get(w) {
            Some(meaning) => meaning.iter().map(String::as_str).collect::<Vec<_>>(),
            None => vec![w.as_str()],
        })
    }

    fn correct(&self, word: &str) -> Option<&str> {
        if self.vocab.contains(word)
            || is_stopword(word)
            || WH_TERMS.iter().any(|(w, _)| *w == word)
            || crate::knowledge::asks_of_a_name(word)
            || word.chars().any(|c| c.is_ascii_digit())
        {
            return None;
        }
        // An everyday English word is no typo ("saying" is not "saving"), unless it is near a
        // name ("Kitchen" for Kitching): names are what people misremember.
        let everyday = crate::lexicon::zipf(word).is_some_and(|z| z >= ENGLISH_WORD_ZIPF);
        let nearest = self.vocab.nearest(word, everyday)?;
        // A form of another word the FAQ uses is no typo of this one ("recommitted" is not
        // "committed").
        let own = stem(&self.stemmer, word);
        (own == *self.stem_of(nearest) || !self.known_stems.contains(&own)).then_some(nearest)
    }

    fn stem_of(&self, word: &str) -> Cow<'_, str> {
        match self.stems.get(word) {
            Some(stem) => Cow::Borrowed(stem),
            None => Cow::Owned(stem(&self.stemmer, word)),
        }
    }

    fn tokens(&self, words: &[(String, bool)]) -> Vec<Token> {
        let (words, corrected): (Vec<&str>, Vec<bool>) =
            words.iter().map(|(w, c)| (w.as_str(), *c)).unzip();
        let mut out = Vec::with_capacity(words.len());
        self.visit(&words, &corrected, |term, kind, corrected, span| {
            out.push(Token {
                term: term.to_owned(),
                kind,
                corrected,
                source: words[span].join(" "),
            });
        });
        out
    }

    /// Calls `f(term, kind, corrected, span)` for each term of `words`, in order;
    /// `corrected[i]` says whether word `i` was a corrected misspelling, `span` which words
    /// the term comes from. Nothing is allocated per term, which matters when indexing a
    /// large FAQ.
    pub fn visit(
        &self,
        words: &[&str],
        corrected: &[bool],
        mut f: impl FnMut(&str, Kind, bool, std::ops::Range<usize>),
    ) {
        let any_corrected = |range: std::ops::Range<usize>| corrected[range].iter().any(|c| *c);
        // Stems of the words, computed when first needed.
        let mut stems: Vec<Option<Cow<'_, str>>> = vec![None; words.len()];
        let mut i = 0;
        while i < words.len() {
            // 1. Entities, on whole words (before stemming), longest first.
            if let Some((n, entity)) = self.entities.longest(words[i..].iter().copied()) {
                f(entity, Kind::Entity, any_corrected(i..i + n), i..i + n);
                i += n;
                continue;
            }
            // 2. Synonym phrases, over stems, longest first.
            let end = (i + self.synonyms.max_words.max(1)).min(words.len());
            for j in i..end {
                if stems[j].is_none() {
                    stems[j] = Some(self.stem_of(words[j]));
                }
            }
            let stemmed = stems[i..end].iter().map(|s| s.as_deref().unwrap_or(""));
            if let Some((n, group)) = self.synonyms.longest(stemmed) {
                if group != FRAMING {
                    f(group, Kind::Word, any_corrected(i..i + n), i..i + n);
                }
                i += n;
                continue;
            }
            // 3. Single words; stop words go, and so does the "not" of a question tag.
            let word = words[i];
            if let Some((_, term)) = WH_TERMS.iter().find(|(w, _)| *w == word) {
                f(term, Kind::Wh, false, i..i + 1);
            } else if !is_stopword(word) && !is_tag_negation(words, i) {
                f(
                    stems[i].as_deref().unwrap_or(word),
                    Kind::Word,
                    corrected[i],
                    i..i + 1,
                );
            }
            i += 1;
        }
    }
}

/// Whether the word at `i` is the "not" of a question tag ("… in 1985, weren't they?",
/// "That's right, isn't it?", "isn't that so?"): it asks for agreement and negates nothing,
/// unlike the "not" of "services schools couldn't afford".
fn is_tag_negation(words: &[&str], i: usize) -> bool {
    const PRONOUNS: &[&str] = &["he", "i", "it", "she", "that", "there", "they", "we", "you"];
    const AFTER: &[&str] = &["correct", "right", "so", "true"];
    words[i] == "not"
        && words.get(i + 1).is_some_and(|w| PRONOUNS.contains(w))
        && words.get(i + 2).map_or(true, |w| AFTER.contains(w))
}

/// The term of an organisation in `names` ("@oec" for "OEC"), from its canonical name.
#[must_use]
pub fn name_term(canonical: &str) -> String {
    format!("@{}", text::words(canonical).join("-"))
}

fn is_stopword(word: &str) -> bool {
    static SET: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    // No stop word is longer than this: most words are rejected without hashing.
    word.len() <= 12
        && SET
            .get_or_init(|| STOPWORDS.iter().copied().collect())
            .contains(word)
}

/// Irregular past forms of common verbs and the verb they are ("led" is "lead", "taught" is
/// "teach"), which no suffix-stripping stemmer finds. Sorted, for a binary search. Forms that
/// are also words of their own in these questions stay out: "found" (establish), "made"
/// (made up of), "given" (a given name), "known" (also known as), "left", "saw".
const IRREGULAR: &[(&str, &str)] = &[
    ("arisen", "arise"),
    ("arose", "arise"),
    ("became", "become"),
    ("began", "begin"),
    ("begun", "begin"),
    ("bought", "buy"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("came", "come"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("dealt", "deal"),
    ("drawn", "draw"),
    ("drew", "draw"),
    ("felt", "feel"),
    ("fought", "fight"),
    ("gone", "go"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("heard", "hear"),
    ("held", "hold"),
    ("kept", "keep"),
    ("led", "lead"),
    ("lent", "lend"),
    ("lost", "lose"),
    ("meant", "mean"),
    ("met", "meet"),
    ("oversaw", "oversee"),
    ("overseen", "oversee"),
    ("paid", "pay"),
    ("ran", "run"),
    ("rebuilt", "rebuild"),
    ("risen", "rise"),
    ("rose", "rise"),
    ("said", "say"),
    ("seen", "see"),
    ("sent", "send"),
    ("shown", "show"),
    ("sold", "sell"),
    ("sought", "seek"),
    ("spent", "spend"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("stood", "stand"),
    ("taken", "take"),
    ("taught", "teach"),
    ("thought", "think"),
    ("told", "tell"),
    ("took", "take"),
    ("understood", "understand"),
    ("undertaken", "undertake"),
    ("undertook", "undertake"),
    ("went", "go"),
    ("withdrew", "withdraw"),
    ("won", "win"),
    ("written", "write"),
    ("wrote", "write"),
];

fn stem(stemmer: &Stemmer, word: &str) -> String {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_owned();
    }
    let word = IRREGULAR
        .binary_search_by_key(&word, |&(form, _)| form)
        .map_or(word, |i| IRREGULAR[i].1);
    stemmer.stem(word).into_owned()
}

/// The FAQ's words, with a character-bigram index to find the nearest one to a misspelling
/// without comparing against every word.
#[derive(Default)]
struct Vocabulary {
    counts: HashMap<String, u32>,
    /// Words of names (RESCs, people, organisations).
    names: HashSet<String>,
    words: Vec<String>,
    /// Each word's length in characters, by its index in `words`.
    lengths: Vec<usize>,
    bigrams: HashMap<[char; 2], Vec<u32>>,
}

impl Vocabulary {
    /// Counts `words`; stop words too, so that every word's stem is computed once, but they
    /// are never offered as corrections.
    fn add_all(&mut self, words: &[String]) {
        for w in words {
            self.add(w, 1);
        }
    }

    fn add(&mut self, word: &str, n: u32) {
        match self.counts.get_mut(word) {
            Some(count) => *count += n,
            None => {
                self.counts.insert(word.to_owned(), n);
            }
        }
    }

    fn build(&mut self) {
        self.words = self
            .counts
            .keys()
            .filter(|w| !is_stopword(w))
            .cloned()
            .collect();
        self.words.sort();
        self.lengths = self.words.iter().map(|w| w.chars().count()).collect();
        for (i, w) in self.words.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            let mut seen = HashSet::new();
            for bg in bigrams(w) {
                if seen.insert(bg) {
                    self.bigrams.entry(bg).or_default().push(i);
                }
            }
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.counts.contains_key(word) && !is_stopword(word)
    }

    /// The words with a name typed as two words joined back ("East Con" for `EASTCONN`, "Ed
    /// Advance" for `EdAdvance`), or `None` when no two neighbours make a name: the first word
    /// begins a name of six letters or more, the second is no name and neither a stop word,
    /// and the two together are that name or one edit from it.
    fn join_split_names(&self, words: &[String]) -> Option<Vec<String>> {
        let splits: Vec<usize> = (1..words.len())
            .filter(|&i| self.joins_a_name(&words[i - 1], &words[i]))
            .collect();
        if splits.is_empty() {
            return None;
        }
        let mut out = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            if splits.contains(&(i + 1)) {
                out.push(format!("{}{}", words[i], words[i + 1]));
                i += 2;
            } else {
                out.push(words[i].clone());
                i += 1;
            }
        }
        Some(out)
    }

    fn joins_a_name(&self, a: &str, b: &str) -> bool {
        if a.len() < 2 || is_stopword(a) || is_stopword(b) || self.names.contains(b) {
            return false;
        }
        let len = a.len() + b.len();
        self.names.iter().any(|name| {
            name.len() >= 6
                && name.len() > a.len()
                && name.len().abs_diff(len) <= 1
                && name.starts_with(a)
                && strsim::osa_distance(&format!("{a}{b}"), name) <= 1
        })
    }

    /// The name that `word` is with two neighbouring letters swapped back, if any.
    fn transposed_name(&self, word: &str) -> Option<&str> {
        let chars: Vec<char> = word.chars().collect();
        (0..chars.len().saturating_sub(1)).find_map(|i| {
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            let swapped: String = swapped.into_iter().collect();
            self.names.get(&swapped).map(String::as_str)
        })
    }

    /// The closest known word (or name, with `names_only`) within the typo allowance for
    /// `word`'s length: none for short words (too many real words are one letter apart), one
    /// edit from 4 letters (only to a longer word: a dropped letter), two from 8. Names are
    /// rarely real words, and rarely typed right, so they allow two edits from 6 letters.
    fn nearest(&self, word: &str, names_only: bool) -> Option<&str> {
        let len = word.chars().count();
        let allowance = |is_name: bool| allowance(len, is_name);
        // A five-letter word that is no everyday word may be a name misremembered at its end
        // ("Dumay" for Dumais): two edits, when the first three letters agree.
        let five_letter_name = len == 5 && !names_only;
        let max_edits = if five_letter_name { 2 } else { allowance(true) };
        // A short name with two letters swapped ("CSE" for CES, "CDSE" for CSDE); no other
        // edit of a three-letter word is safe.
        if (3..=4).contains(&len) && !names_only {
            if let Some(name) = self.transposed_name(word) {
                return Some(name);
            }
        }
        if max_edits == 0 {
            return None;
        }
        self.nearest_by_edits(word, len, names_only, five_letter_name, max_edits)
            .or_else(|| self.name_begun(word, len, names_only))
    }

    /// A name half remembered: a word of six letters or more that is no everyday word and
    /// begins like a name of five letters or more, over at least two thirds of the name and
    /// not past its end by more than half of it ("Edadvantage" for Edadvance).
    fn name_begun(&self, word: &str, len: usize, names_only: bool) -> Option<&str> {
        if names_only || len < 6 {
            return None;
        }
        self.names
            .iter()
            .filter(|name| {
                let n = name.chars().count();
                let shared = word
                    .chars()
                    .zip(name.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                n >= 5
                    && shared >= 5
                    && 3 * shared >= 2 * n
                    && 2 * len <= 3 * n
                    && !crate::lexicon::zipf(name).is_some_and(|z| z >= ENGLISH_WORD_ZIPF)
            })
            .min()
            .map(String::as_str)
    }

    fn nearest_by_edits(
        &self,
        word: &str,
        len: usize,
        names_only: bool,
        five_letter_name: bool,
        max_edits: usize,
    ) -> Option<&str> {
        let allowance = |is_name: bool| allowance(len, is_name);
        // Whether the word is one of English, looked up once for all candidates.
        let english = crate::lexicon::zipf(word).is_some_and(|z| z >= NAME_LIKE_WORD_ZIPF);
        let grams: Vec<[char; 2]> = bigrams(word).collect();
        // Each edit destroys at most three padded bigrams (a transposition).
        let needed = grams.len().saturating_sub(3 * max_edits).max(1);
        let mut shared = vec![0u16; self.words.len()];
        let mut touched = Vec::new();
        let mut grams = grams;
        grams.sort_unstable();
        grams.dedup();
        for bg in &grams {
            for &i in self.bigrams.get(bg).map_or(&[][..], Vec::as_slice) {
                let n = &mut shared[i as usize];
                if *n == 0 {
                    touched.push(i);
                }
                *n = n.saturating_add(1);
            }
        }
        touched
            .into_iter()
            .filter(|i| usize::from(shared[*i as usize]) >= needed)
            // No word more letters apart than any allowance, nor too short, is looked at.
            .filter(|i| {
                let clen = self.lengths[*i as usize];
                clen.abs_diff(len) <= max_edits && clen > 3 && !(len == 4 && clen <= 4)
            })
            .filter_map(|i| {
                let cand = &self.words[i as usize];
                // An everyday word is read as a name only when the name is no everyday word
                // itself, or is the word with an ending: "Kitchen" may be Kitching and "Ed
                // Advanced" EdAdvance, but "earn" is not LEARN.
                if names_only
                    && (!self.names.contains(cand)
                        || crate::lexicon::zipf(cand).is_some_and(|z| z >= ENGLISH_WORD_ZIPF)
                            && !word.starts_with(cand.as_str()))
                {
                    return None;
                }
                let clen = cand.chars().count();
                let is_name = self.names.contains(cand);
                let max_edits = if five_letter_name && is_name && word.get(..3) == cand.get(..3) {
                    2
                } else {
                    allowance(is_name)
                };
                if clen.abs_diff(len) > max_edits || (len == 4 && clen <= 4) || clen <= 3 {
                    return None;
                }
                // Optimal string alignment: edits and transpositions of neighbours, the typos
                // people make, without the full Damerau table.
                let d = strsim::osa_distance(word, cand);
                // Ties go to the word that starts alike (typos are rarer at the start), then
                // to the more common word.
                let prefix = std::cmp::Reverse(
                    word.chars()
                        .zip(cand.chars())
                        .take_while(|(a, b)| a == b)
                        .count(),
                );
                // A word of English two edits from a name is that name only when it begins
                // with the name's first five letters and is no longer than the name ("Kitchen"
                // for Kitching); "charter" is not Charles, nor "Florida" Florio.
                if d >= 2 && is_name && english && (prefix.0 < 5 || clen < len) {
                    return None;
                }
                (d <= max_edits).then(|| {
                    (
                        d,
                        prefix,
                        std::cmp::Reverse(self.counts[cand]),
                        cand.as_str(),
                    )
                })
            })
            .min()
            .map(|(_, _, _, w)| w)
    }
}

/// How many edits a word of `len` letters may be from the word it is read as (see
/// `Vocabulary::nearest`).
fn allowance(len: usize, is_name: bool) -> usize {
    match len {
        0..=3 => 0,
        6..=7 if is_name => 2,
        4..=7 => 1,
        _ => 2,
    }
}

fn bigrams(word: &str) -> impl Iterator<Item = [char; 2]> + '_ {
    let chars: Vec<char> = std::iter::once('^')
        .chain(word.chars())
        .chain(std::iter::once('$'))
        .collect();
    (0..chars.len() - 1).map(move |i| [chars[i], chars[i + 1]])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faq::{Leader, Name, Resc};

    fn faq() -> Faq {
        Faq {
            entries: Vec::new(),
            rescs: vec![
                Resc {
                    id: "learn".into(),
                    name: "LEARN".into(),
                    full_name: None,
                    aka: vec![],
                    leader: Some(Leader {
                        name: "Kate Ericson".into(),
                        title: "Executive Director".into(),
                        honorific: None,
                        aka: vec![],
                    }),
                },
                Resc {
                    id: "eastconn".into(),
                    name: "EASTCONN".into(),
                    full_name: None,
                    aka: vec![],
                    leader: None,
                },
            ],
            synonyms: vec![vec![
                "lead".into(),
                "leads".into(),
                "in charge of".into(),
                "director".into(),
            ]],
            framing: vec!["in a nutshell".into()],
            names: vec![Name {
                canonical: "OEC".into(),
                aliases: vec!["OEC".into(), "Office of Early Childhood".into()],
            }],
            shorthand: vec![("ppl".into(), "people".into())],
            spanish: Vec::new(),
            smalltalk: Vec::new(),
        }
    }

    fn terms(a: &Analyzer, q: &str) -> Vec<String> {
        a.question_tokens(q).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn stopwords_are_sorted_and_unique() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn the_not_of_a_question_tag_is_no_term() {
        let a = Analyzer::new(&faq());
        assert_eq!(
            terms(&a, "LEARN started in 1985, didn't it?"),
            terms(&a, "LEARN started in 1985")
        );
        assert_eq!(terms(&a, "isn't that so"), Vec::<String>::new());
        // A "not" that negates something stays.
        assert!(terms(&a, "services schools couldn't afford").contains(&"not".to_owned()));
        assert!(terms(&a, "isn't it free").contains(&"not".to_owned()));
    }

    #[test]
    fn words_that_only_frame_a_question_carry_no_term() {
        let a = Analyzer::new(&faq());
        for (framed, plain) in [
            // Whether something exists, or a claim is true, is not what it is about.
            ("how long has LEARN existed", "how long has LEARN"),
            (
                "is it accurate that Kate Ericson leads LEARN",
                "Kate Ericson leads LEARN",
            ),
            (
                "is it true that Kate Ericson leads LEARN",
                "Kate Ericson leads LEARN",
            ),
            // "Only" narrows a question without changing what it is about.
            (
                "is LEARN only for some districts",
                "is LEARN for some districts",
            ),
            // A framing phrase says how to answer, not what is asked.
            ("who leads LEARN, in a nutshell", "who leads LEARN"),
            // What something is meant or supposed to be is what it is.
            (
                "are RESCs supposed to be affordable",
                "are RESCs affordable",
            ),
            ("are RESCs meant to be affordable", "are RESCs affordable"),
            (
                "are RESCs intended to be affordable",
                "are RESCs affordable",
            ),
        ] {
            assert_eq!(terms(&a, framed), terms(&a, plain), "{framed}");
        }
    }

    #[test]
    fn the_longest_phrase_is_found_past_a_shorter_one() {
        let mut table = PhraseTable::default();
        let words = |p: &str| p.split(' ').map(str::to_owned).collect::<Vec<_>>();
        table.insert(&words("in a sentence"), "short".into());
        table.insert(&words("in a sentence or two"), "long".into());
        table.insert(&words("in charge of"), "lead".into());
        let longest = |q: &'static str| table.longest(q.split(' ')).map(|(n, m)| (n, m.clone()));
        assert_eq!(
            longest("in a sentence or two please"),
            Some((5, "long".into()))
        );
        assert_eq!(longest("in a sentence or so"), Some((3, "short".into())));
        assert_eq!(longest("in charge of it"), Some((3, "lead".into())));
        assert_eq!(longest("in a minute"), None);
    }

    #[test]
    fn entities_are_found_before_stemming() {
        let a = Analyzer::new(&faq());
        assert_eq!(terms(&a, "who leads LEARN"), ["?who", "~lead", "@learn"]);
        assert_eq!(terms(&a, "improve learning"), ["improv", "learn"]);
        assert_eq!(terms(&a, "who is Kate Ericson"), ["?who", "@person:learn"]);
        assert_eq!(
            terms(&a, "who leads the Office of Early Childhood"),
            ["?who", "~lead", "@oec"]
        );
    }

    #[test]
    fn phrases_collapse_into_their_synonym_group() {
        let a = Analyzer::new(&faq());
        assert_eq!(
            terms(&a, "who's in charge of learn"),
            ["?who", "~lead", "@learn"]
        );
    }

    #[test]
    fn misspelt_words_are_corrected_to_faq_words() {
        let a = Analyzer::new(&faq());
        assert_eq!(
            terms(&a, "who leeds eastcom"),
            ["?who", "~lead", "@eastconn"]
        );
        let tokens = a.question_tokens("ericsen");
        assert!(tokens[0].corrected);
        // Three-letter words are never "corrected" into something else.
        assert_eq!(terms(&a, "ean"), ["ean"]);
        // A five-letter name misremembered at its end, not at its start.
        assert_eq!(terms(&a, "erics"), ["@person:learn"]);
        assert_ne!(terms(&a, "arics"), ["@person:learn"]);
    }
}
