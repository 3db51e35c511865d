//! How common English words are, so that a word the FAQ never uses is weighed by what it says.
//!
//! A question padded with everyday words ("my principal keeps bringing it up") should not be
//! declined because the FAQ lacks "principal"; a question about a rare thing the FAQ lacks
//! ("LEARN's fax") should. The table is `lexicon/english-frequency.txt`, the 30,000 most
//! common English words with their Zipf frequency, derived from the `wordfreq` package by
//! `lexicon/make_english_frequency.py` and compiled into the binary (no file to ship, nothing
//! downloaded).

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

const TABLE: &str = include_str!("../lexicon/english-frequency.txt");

fn table() -> &'static HashMap<&'static str, f32> {
    static MAP: OnceLock<HashMap<&'static str, f32>> = OnceLock::new();
    MAP.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (word, zipf) = l.split_once('\t')?;
                Some((word, zipf.parse().ok()?))
            })
            .collect()
    })
}

/// The word's Zipf frequency (log10 of its count per billion words: about 7 for "the", 3 for
/// a word seen once in a million), or `None` for a word outside the 30,000 most common.
#[must_use]
pub fn zipf(word: &str) -> Option<f32> {
    table().get(word).copied()
}

/// How much of its full weight a word the FAQ does not know keeps: 1 for a rare word, down to
/// `floor` for the most common ones. Everyday words fade, unusual ones stay telling.
#[must_use]
pub fn rarity(word: &str, floor: f32) -> f32 {
    match zipf(word) {
        // Zipf 3 (one in a million) or rarer keeps everything; 6 (one in a thousand) the floor.
        Some(z) => ((6.0 - z) / 3.0).clamp(floor, 1.0),
        None => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_words_weigh_less_than_rare_ones() {
        assert!(zipf("the").is_some_and(|z| z > 7.0));
        assert!(rarity("principal", 0.1) < rarity("legislature", 0.1));
        assert!((rarity("xyzzyplugh", 0.1) - 1.0).abs() < f32::EPSILON);
        assert!((rarity("the", 0.1) - 0.1).abs() < f32::EPSILON);
    }
}
