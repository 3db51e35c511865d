//! Questions asked in Spanish, read in English: "¿Quién dirige CREC?" is asked as "who leads
//! CREC?". The words come from the FAQ's `spanish:` table (`faq/spanish.yaml`), which
//! moderators read and extend like the shorthand; the answers stay in English.
//!
//! A sentence is read as Spanish when the table knows at least two of its words and they make
//! at least a third of it (or when the whole message is one word of it, "gracias"): an English sentence
//! with one word that is also Spanish ("my son", "a para") stays as it is.

use rustc_hash::FxHashMap as HashMap;

/// The Spanish table, ready to read sentences with.
#[derive(Debug, Default)]
pub struct Spanish {
    /// Word or phrase (lowercase, without accents, single spaces) -> its English.
    phrases: HashMap<String, String>,
    /// The most words a phrase of the table has.
    longest: usize,
    /// The first word of every word or phrase: a sentence with none of them is no Spanish the
    /// table reads, and is passed over without looking up its phrases.
    first_words: rustc_hash::FxHashSet<String>,
}

/// A word of the message and where it is.
struct Word {
    key: String,
    start: usize,
    end: usize,
}

impl Spanish {
    #[must_use]
    pub fn new(table: &[(String, String)]) -> Self {
        let longest = table
            .iter()
            .map(|(w, _)| w.split(' ').count())
            .max()
            .unwrap_or(0);
        Self {
            phrases: table.iter().cloned().collect(),
            longest,
            first_words: table
                .iter()
                .filter_map(|(w, _)| w.split(' ').next())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// The message with its Spanish sentences put into English, or `None` when no sentence
    /// reads as Spanish.
    #[must_use]
    pub fn english(&self, message: &str) -> Option<String> {
        if self.phrases.is_empty() || !self.may_be_spanish(message) {
            return None;
        }
        let mut out = String::with_capacity(message.len() + 16);
        let mut changed = false;
        let mut done = 0;
        for (start, end) in sentence_spans(message) {
            let words = words_of(message, start, end);
            let Some(found) = self.read(&words) else {
                continue;
            };
            changed = true;
            for (first, count, english) in found {
                out.push_str(&message[done..words[first].start]);
                out.push_str(english);
                done = words[first + count - 1].end;
            }
        }
        if !changed {
            return None;
        }
        out.push_str(&message[done..]);
        Some(out)
    }

    /// Whether at least two words of the message open a word or phrase of the table: the
    /// least a sentence read as Spanish has (checked without building the words).
    fn may_be_spanish(&self, message: &str) -> bool {
        let mut word = String::new();
        let mut hits = 0;
        for raw in message.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
            if raw.is_empty() {
                continue;
            }
            fold(raw, &mut word);
            if self.first_words.contains(&word) {
                hits += 1;
                if hits >= 2 {
                    return true;
                }
            }
        }
        // "gracias": one word, all of it the table's.
        hits == 1 && message.split_whitespace().count() == 1
    }

    /// The table's phrases found in a sentence, longest first at each word, as (first word,
    /// words, English), when the sentence reads as Spanish.
    fn read<'a>(&'a self, words: &[Word]) -> Option<Vec<(usize, usize, &'a str)>> {
        let mut found = Vec::new();
        let mut covered = 0;
        let mut at = 0;
        while at < words.len() {
            let longest = self.longest.min(words.len() - at);
            let hit = (1..=longest).rev().find_map(|n| {
                let key = words[at..at + n]
                    .iter()
                    .map(|w| w.key.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                self.phrases.get(&key).map(|e| (n, e.as_str()))
            });
            match hit {
                Some((n, english)) => {
                    found.push((at, n, english));
                    covered += n;
                    at += n;
                }
                None => at += 1,
            }
        }
        let spanish =
            (covered >= 2 && covered * 3 >= words.len()) || (covered > 0 && covered == words.len());
        spanish.then_some(found)
    }
}

/// Byte ranges of the message's sentences: cut after `.`, `?`, `!`, `;` and line breaks, and
/// before the opening `¿` and `¡`.
fn sentence_spans(message: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, c) in message.char_indices() {
        match c {
            '.' | '?' | '!' | ';' | '\n' => {
                let end = i + c.len_utf8();
                spans.push((start, end));
                start = end;
            }
            '¿' | '¡' => {
                spans.push((start, i));
                start = i;
            }
            _ => {}
        }
    }
    spans.push((start, message.len()));
    spans
}

/// The words of `message[start..end]`, each with its table key (lowercase, without accents).
fn words_of(message: &str, start: usize, end: usize) -> Vec<Word> {
    let mut words = Vec::new();
    let mut word_start = None;
    let piece = &message[start..end];
    for (i, c) in piece
        .char_indices()
        .chain(std::iter::once((piece.len(), ' ')))
    {
        let inside = c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
        match (inside, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(s)) => {
                let mut key = String::new();
                fold(&piece[s..i], &mut key);
                words.push(Word {
                    key,
                    start: start + s,
                    end: start + i,
                });
                word_start = None;
            }
            _ => {}
        }
    }
    words
}

/// Puts the table key of the word `raw` in `key`: lowercase, without accents.
fn fold(raw: &str, key: &mut String) {
    key.clear();
    if raw.is_ascii() {
        key.extend(raw.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        key.push_str(&crate::text::words(raw).join(" "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Spanish {
        Spanish::new(&[
            ("quien".into(), "who".into()),
            ("dirige".into(), "leads".into()),
            ("como se llama".into(), "what is the name of".into()),
            ("el".into(), "the".into()),
            ("son".into(), "are".into()),
            ("gracias".into(), "thanks".into()),
        ])
    }

    #[test]
    fn a_spanish_sentence_is_read_in_english_with_its_names_and_marks() {
        let s = table();
        assert_eq!(
            s.english("¿Quién dirige CREC?").as_deref(),
            Some("¿who leads CREC?")
        );
        assert_eq!(
            s.english("EdAdvance, como se llama el director?")
                .as_deref(),
            Some("EdAdvance, what is the name of the director?")
        );
        assert_eq!(s.english("gracias").as_deref(), Some("thanks"));
    }

    #[test]
    fn english_with_a_word_that_is_also_spanish_stays_as_it_is() {
        let s = table();
        assert_eq!(s.english("my son asked who leads CREC"), None);
        assert_eq!(s.english("who leads CREC?"), None);
    }

    #[test]
    fn only_the_spanish_sentence_of_a_message_changes() {
        let s = table();
        assert_eq!(
            s.english("I work at CREC. Quien dirige LEARN?").as_deref(),
            Some("I work at CREC. who leads LEARN?")
        );
    }
}
