//! Telling small talk ("hi", "thanks!", "good bot", "who are you?") from questions, so that it
//! gets a friendly reply from `faq/smalltalk.yaml` instead of "I don't know".
//!
//! A message is small talk when all of it is: every word belongs to one of the phrases
//! moderators listed (the message may string several together, "ok thanks, bye"), or the whole
//! message is one of them but for a typo. A message that also asks something ("hi! who leads
//! LEARN?") is a question, and its greeting is only padding.

use rustc_hash::FxHashMap;

use crate::faq::SmallTalk;

/// Words that may accompany small talk without making it a question: the bot's own name.
const ADDRESS: &[&str] = &["bot", "rescbot"];

/// Words at least this common (Zipf frequency: "about", "with", "can") are function words.
const FUNCTION_WORD_ZIPF: f32 = 6.0;

/// Words that point at something said before: a message with one asks about it.
const THIRD_PERSON: &[&str] = &[
    "it", "its", "they", "them", "their", "he", "she", "him", "her", "his", "that", "this",
    "there", "these", "those",
];

/// Interjections that may open small talk ("oh cool", "ok thanks") but are none on their own.
const FILLERS: &[&str] = &[
    "oh", "ah", "ooh", "wow", "ok", "okay", "k", "kk", "so", "well", "hmm", "um",
];

/// Words up to some place split into phrases (and fillers): the last phrase's item, if any.
#[derive(Debug, Clone, Copy)]
struct Split {
    last: Option<usize>,
}

/// The phrases of every small-talk item, ready to match messages against.
#[derive(Debug, Default)]
pub struct Phrases {
    /// Phrase (its words joined by spaces) -> the item it belongs to.
    items: FxHashMap<String, usize>,
    /// The most words in one phrase.
    longest: usize,
    /// Word -> the items whose phrases use it.
    words: FxHashMap<String, Vec<usize>>,
    /// Phrases that make a message small talk wherever they stand (their words), and the item.
    asks: Vec<(Vec<String>, usize)>,
    /// The `items` phrases with the count of each letter in them, for [`Phrases::misspelt`].
    spellings: Vec<(String, usize, Letters)>,
}

/// How many times each letter (and, together, anything else) occurs in a text. Two texts
/// whose counts differ by more than `n` in either direction are more than `n` edits apart:
/// an edit adds, removes or changes one character, and a swap changes no count.
#[derive(Clone, Copy, Debug, Default)]
struct Letters([u8; 27]);

impl Letters {
    fn of(text: &str) -> Self {
        let mut counts = [0u8; 27];
        for c in text.chars() {
            let at = if c.is_ascii_lowercase() {
                usize::from(c as u8 - b'a')
            } else {
                26
            };
            counts[at] = counts[at].saturating_add(1);
        }
        Self(counts)
    }

    /// Whether `self` and `other` may be within `edits` edits of each other.
    fn within(&self, other: &Self, edits: usize) -> bool {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.0.iter().zip(&other.0) {
            if a > b {
                more += usize::from(a - b);
            } else {
                fewer += usize::from(b - a);
            }
        }
        more <= edits && fewer <= edits
    }
}

impl Phrases {
    #[must_use]
    pub fn new(smalltalk: &[SmallTalk]) -> Self {
        let mut phrases = Self::default();
        for (i, item) in smalltalk.iter().enumerate() {
            for said in &item.says {
                let key = crate::text::phrase_key(said);
                phrases.longest = phrases.longest.max(key.split(' ').count());
                for word in key.split(' ') {
                    let items = phrases.words.entry(word.to_owned()).or_default();
                    if !items.contains(&i) {
                        items.push(i);
                    }
                }
                if let std::collections::hash_map::Entry::Vacant(v) = phrases.items.entry(key) {
                    phrases
                        .spellings
                        .push((v.key().clone(), i, Letters::of(v.key())));
                    v.insert(i);
                }
            }
            for asked in &item.asks {
                let key = crate::text::phrase_key(asked);
                let words: Vec<String> = key.split(' ').map(str::to_owned).collect();
                if !key.is_empty() {
                    phrases.asks.push((words, i));
                }
            }
        }
        phrases
    }

    /// The item of the first `asks` phrase found anywhere in a message ("do you like
    /// teaching? haha"): `words` are the message's words (lowercase, shorthand expanded).
    #[must_use]
    pub fn asked_in(&self, words: &[&str]) -> Option<usize> {
        self.asks
            .iter()
            .find(|(phrase, _)| {
                words
                    .windows(phrase.len())
                    .any(|w| w.iter().zip(phrase).all(|(a, b)| *a == b))
            })
            .map(|&(_, item)| item)
    }

    /// The item a message is, when all of it is small talk: `words` are the message's words
    /// (lowercase, shorthand expanded). When it strings several phrases together, the last
    /// one's item ("thanks, bye" is a goodbye).
    #[must_use]
    pub fn item(&self, words: &[&str]) -> Option<usize> {
        if words.is_empty() || self.items.is_empty() {
            return None;
        }
        self.segmented(words).or_else(|| self.misspelt(words))
    }

    /// The item of the phrase a message says in other words ("what can u help with" is
    /// "what can you do"): every word of the message is a small-talk word or one of the
    /// commonest English words, and it has at least three quarters of a phrase's words.
    #[must_use]
    pub fn by_words(&self, words: &[&str]) -> Option<usize> {
        let function = |w: &str| crate::lexicon::zipf(w).is_some_and(|z| z >= FUNCTION_WORD_ZIPF);
        // "what do they do?" is about something said before, not about the bot.
        if words.iter().any(|w| THIRD_PERSON.contains(w)) {
            return None;
        }
        if words
            .iter()
            .any(|w| !self.words.contains_key(*w) && !function(w) && !FILLERS.contains(w))
        {
            return None;
        }
        self.items
            .iter()
            .filter_map(|(phrase, &item)| {
                let phrase: Vec<&str> = phrase.split(' ').collect();
                let have = phrase.iter().filter(|p| words.contains(p)).count();
                // Whole phrases only when they are one word; partial ones need three quarters.
                (phrase.len() >= 2 && have * 4 >= phrase.len() * 3).then_some((
                    have * 100 / phrase.len(),
                    have,
                    item,
                ))
            })
            .max_by_key(|&(share, have, item)| (share, have, std::cmp::Reverse(item)))
            .map(|(.., item)| item)
    }

    /// The small talk a message opens with ("thanks! and who runs CREC?", "oh cool, when
    /// was that?"): how many words it takes, and its item (the last phrase's).
    #[must_use]
    pub fn opening(&self, words: &[&str]) -> Option<(usize, usize)> {
        let reach = self.reach(words);
        (1..=words.len())
            .rev()
            .find_map(|end| reach[end].and_then(|s| s.last).map(|item| (end, item)))
    }

    /// Splits `words` into known phrases (and the bot's name), as a chain of exact matches.
    fn segmented(&self, words: &[&str]) -> Option<usize> {
        self.reach(words)[words.len()].and_then(|s| s.last)
    }

    /// For each place in `words`: whether the words before it split into phrases, fillers
    /// and the bot's name (`Some`), and the last phrase's item among them.
    fn reach(&self, words: &[&str]) -> Vec<Option<Split>> {
        let mut reach: Vec<Option<Split>> = vec![None; words.len() + 1];
        reach[0] = Some(Split { last: None });
        for start in 0..words.len() {
            let Some(last) = reach[start] else { continue };
            if ADDRESS.contains(&words[start]) || FILLERS.contains(&words[start]) {
                reach[start + 1] = reach[start + 1].or(Some(last));
            }
            for end in start + 1..=words.len().min(start + self.longest) {
                if let Some(&item) = self.items.get(&words[start..end].join(" ")) {
                    reach[end] = Some(Split { last: Some(item) });
                }
            }
        }
        reach
    }

    /// The whole message as one phrase with a typo: one edit in a short phrase, two in a long one.
    fn misspelt(&self, words: &[&str]) -> Option<usize> {
        let message = words.join(" ");
        if message.len() < 4 {
            return None;
        }
        let allowed = if message.len() <= 8 { 1 } else { 2 };
        // Lengths or letters further apart than the edits allowed cannot match: only
        // near-equal lengths and letters are compared (a long question never is).
        let letters = Letters::of(&message);
        self.spellings
            .iter()
            .filter(|(phrase, _, of)| {
                phrase.len() >= 4
                    && phrase.len().abs_diff(message.len()) <= allowed
                    && letters.within(of, allowed)
            })
            .map(|(phrase, item, _)| (strsim::osa_distance(&message, phrase), *item))
            .filter(|(d, _)| *d <= allowed)
            .min_by_key(|(d, item)| (*d, *item))
            .map(|(_, item)| item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases() -> Phrases {
        let item = |id: &str, says: &[&str]| SmallTalk {
            id: id.to_owned(),
            says: says.iter().map(|s| (*s).to_owned()).collect(),
            asks: Vec::new(),
            reply: String::new(),
        };
        Phrases::new(&[
            item("greeting", &["hi", "hello there"]),
            item("thanks", &["thanks", "ok thanks"]),
            item("goodbye", &["bye"]),
        ])
    }

    #[test]
    fn whole_messages_of_small_talk_are_recognised() {
        let p = phrases();
        for (words, item) in [
            (&["hi"][..], Some(0)),
            (&["hello", "there", "bot"], Some(0)),
            (&["ok", "thanks", "bye"], Some(2)),
            (&["thnaks"], Some(1)),
            (&["hello", "thre"], Some(0)),
            (&["ok", "thnks"], Some(1)),
            (&["ok", "thinks", "so"], None),
            (&["hi", "who", "leads", "learn"], None),
            (&["bot"], None),
            (&["thanksgiving", "break"], None),
        ] {
            assert_eq!(p.item(words), item, "{words:?}");
        }
    }

    #[test]
    fn letter_counts_never_rule_out_a_near_spelling() {
        let near = |a: &str, b: &str, edits: usize| Letters::of(a).within(&Letters::of(b), edits);
        // A swap changes no count; one edit changes one each way.
        assert!(near("thnaks", "thanks", 0));
        assert!(near("thanx", "thanks", 2));
        assert!(!near("thanx", "thanks", 1));
        assert!(near("héllo", "hello", 1));
        assert!(!near("thinks so", "thanks", 2));
    }
}
