//! What English words mean, roughly: a vector per word, so that a question worded unlike every
//! phrasing of the FAQ ("who is the boss at LEARN", "what statute set them up") can still reach
//! the entry that uses words of the same meaning ("leader", "law").
//!
//! The table is `lexicon/word-vectors.bin`: the 30,000 most common English words, each as 128
//! signed bytes, distilled from the sentence model all-MiniLM-L6-v2 (Apache-2.0) by
//! `lexicon/make_word_vectors.py` and compiled into the binary. Nothing is downloaded, and the
//! table is read in place: only the word index is built, once.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

const TABLE: &[u8] = include_bytes!("../lexicon/word-vectors.bin");
const MAGIC: &[u8] = b"RWV1";

/// How many numbers make a word's vector.
pub const DIMS: usize = 128;

struct Table {
    /// Word -> offset of its vector in [`TABLE`].
    rows: HashMap<&'static str, usize>,
}

/// Reads the header and indexes the words. A table that does not parse (which a test rules
/// out) knows no word, and the matcher works on words alone.
fn table() -> &'static Table {
    static TABLE_INDEX: OnceLock<Table> = OnceLock::new();
    TABLE_INDEX.get_or_init(|| Table {
        rows: index(TABLE).unwrap_or_default(),
    })
}

fn index(bytes: &'static [u8]) -> Option<HashMap<&'static str, usize>> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let count = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let dims = usize::from(u16::from_le_bytes(rest.get(4..6)?.try_into().ok()?));
    if dims != DIMS {
        return None;
    }
    let mut at = MAGIC.len() + 6;
    let mut rows = HashMap::with_capacity_and_hasher(count, rustc_hash::FxBuildHasher);
    for _ in 0..count {
        let len = usize::from(*bytes.get(at)?);
        let word = std::str::from_utf8(bytes.get(at + 1..at + 1 + len)?).ok()?;
        at += 1 + len;
        bytes.get(at..at + DIMS)?;
        rows.insert(word, at);
        at += DIMS;
    }
    (at == bytes.len()).then_some(rows)
}

/// The word's meaning as a unit vector, or `None` for a word outside the table.
#[must_use]
pub fn vector(word: &str) -> Option<[f32; DIMS]> {
    let &at = table().rows.get(word)?;
    let mut v = [0.0f32; DIMS];
    for (x, b) in v.iter_mut().zip(&TABLE[at..at + DIMS]) {
        *x = f32::from(i8::from_le_bytes([*b]));
    }
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm == 0.0 {
        return None;
    }
    for x in &mut v {
        *x /= norm;
    }
    Some(v)
}

/// A word's vector as stored: signed bytes read in place from the table, with its length.
/// Comparing two of them is integer arithmetic, a quarter of the memory of floats.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    bytes: &'static [u8; DIMS],
    norm: f32,
}

/// The word's vector as stored, or `None` for a word outside the table.
#[must_use]
pub fn word(word: &str) -> Option<Word> {
    let &at = table().rows.get(word)?;
    let bytes: &'static [u8; DIMS] = TABLE[at..at + DIMS].try_into().ok()?;
    #[allow(clippy::cast_precision_loss)] // at most 128 * 127^2
    let norm = (dot(bytes, bytes) as f32).sqrt();
    (norm > 0.0).then_some(Word { bytes, norm })
}

fn dot(a: &[u8; DIMS], b: &[u8; DIMS]) -> i32 {
    dot_wide(&widened(a), &widened(b))
}

/// The stored bytes as the signed numbers they are, widened to 16 bits: what the processor
/// multiplies and adds in pairs.
fn widened(bytes: &[u8; DIMS]) -> [i16; DIMS] {
    bytes.map(|b| i16::from(i8::from_ne_bytes([b])))
}

fn dot_wide(a: &[i16; DIMS], b: &[i16; DIMS]) -> i32 {
    // Sixteen running sums, so that the compiler multiplies and adds a vector register at a
    // time.
    let mut sums = [0i32; 16];
    for (x, y) in a.chunks_exact(16).zip(b.chunks_exact(16)) {
        for i in 0..16 {
            sums[i] += i32::from(x[i]) * i32::from(y[i]);
        }
    }
    sums.iter().sum()
}

impl Word {
    /// Tells the word from every other in the table (where its vector is stored).
    #[must_use]
    pub fn key(self) -> usize {
        self.bytes.as_ptr() as usize
    }

    /// The cosine of the two words' vectors (see [`similarity`]).
    #[must_use]
    pub fn similarity(self, other: Word) -> f32 {
        #[allow(clippy::cast_precision_loss)] // at most 128 * 127^2
        let d = dot(self.bytes, other.bytes) as f32;
        d / (self.norm * other.norm)
    }
}

/// The cosine of two unit vectors: about 0.7 for "cash" and "money", 0.6 for "statute" and
/// "law", near 0 for unrelated words.
#[must_use]
pub fn similarity(a: &[f32; DIMS], b: &[f32; DIMS]) -> f32 {
    // Eight running sums, so that the compiler can keep them in one vector register.
    let mut sums = [0.0f32; 8];
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for i in 0..8 {
            sums[i] += x[i] * y[i];
        }
    }
    sums.iter().sum()
}

/// What a text is about, as one unit vector: its words' vectors added up, each weighted by how
/// rare the word is in English (everyday words say little of the topic). `None` when the table
/// knows none of its words.
#[must_use]
pub fn sentence<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<[f32; DIMS]> {
    let mut sum = [0.0f32; DIMS];
    let mut any = false;
    for word in words {
        let weight = crate::lexicon::rarity(word, 0.0);
        if weight <= 0.0 {
            continue;
        }
        let Some(v) = vector(word) else { continue };
        any = true;
        for (s, x) in sum.iter_mut().zip(v) {
            *s += weight * x;
        }
    }
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if !any || norm == 0.0 {
        return None;
    }
    for s in &mut sum {
        *s /= norm;
    }
    Some(sum)
}

/// Vectors of many words side by side, to find those closest in meaning to a given word.
///
/// The vectors are copied side by side (not read where the table keeps them), so that a pass
/// over them reads memory in order.
#[derive(Debug, Default)]
pub struct Neighbours<T> {
    keys: Vec<T>,
    vectors: Vec<[i16; DIMS]>,
    norms: Vec<f32>,
}

impl<T: Copy + PartialEq> Neighbours<T> {
    /// Adds `word` (when the table knows it) under `key`; a key may have several words.
    pub fn add(&mut self, key: T, text: &str) {
        if let Some(v) = word(text) {
            self.keys.push(key);
            self.vectors.push(widened(v.bytes));
            self.norms.push(v.norm);
        }
    }

    /// The keys whose words are closest in meaning to `v`, at least `least` similar, each
    /// once with its best similarity, best first, at most `n`.
    #[must_use]
    pub fn nearest(&self, v: Word, least: f32, n: usize) -> Vec<(T, f32)> {
        let mut found: Vec<(T, f32)> = Vec::new();
        let bytes = widened(v.bytes);
        for ((key, other), norm) in self.keys.iter().zip(&self.vectors).zip(&self.norms) {
            #[allow(clippy::cast_precision_loss)] // at most 128 * 127^2
            let s = dot_wide(&bytes, other) as f32 / (v.norm * norm);
            if s < least {
                continue;
            }
            match found.iter_mut().find(|f| f.0 == *key) {
                Some(f) => f.1 = f.1.max(s),
                None => found.push((*key, s)),
            }
        }
        found.sort_by(|a, b| b.1.total_cmp(&a.1));
        found.truncate(n);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_parses_and_knows_everyday_words() {
        assert!(index(TABLE).is_some_and(|rows| rows.len() == 30_000));
        assert!(vector("school").is_some());
        assert!(vector("xyzzyplugh").is_none());
    }

    #[test]
    fn words_of_one_meaning_are_closer_than_unrelated_words() {
        let v = |w| vector(w).unwrap();
        assert!(similarity(&v("cash"), &v("money")) > similarity(&v("cash"), &v("leader")) + 0.3);
        let (cash, money) = (word("cash").unwrap(), word("money").unwrap());
        assert!((cash.similarity(money) - similarity(&v("cash"), &v("money"))).abs() < 1e-4);
        assert!(
            similarity(&v("statute"), &v("law")) > similarity(&v("statute"), &v("weather")) + 0.3
        );
        let mut n = Neighbours::default();
        n.add(1, "law");
        n.add(2, "leader");
        n.add(2, "chief");
        n.add(3, "weather");
        let near = n.nearest(word("boss").unwrap(), 0.4, 3);
        assert_eq!(near.first().map(|f| f.0), Some(2), "{near:?}");
        assert!(near.iter().all(|f| f.0 != 3), "{near:?}");
    }
}
