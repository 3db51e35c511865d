//! Synthetic FAQs for benchmarks: realistic, deterministic, any size.
//!
//! An alliance-wide FAQ grows with every RESC's programs, services and events. This generates
//! such a FAQ from word lists (entry `n` of seed `s` is always the same), plus a query file of
//! typo'd and paraphrased versions of some entries' questions with the id each should find.

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

const LEVELS: &[&str] = &[
    "elementary",
    "middle school",
    "high school",
    "early childhood",
    "adult education",
    "special education",
    "transition",
    "alternative",
];
const SUBJECTS: &[&str] = &[
    "math",
    "science",
    "literacy",
    "reading",
    "writing",
    "coding",
    "robotics",
    "art",
    "music",
    "theater",
    "history",
    "civics",
    "geography",
    "chemistry",
    "biology",
    "physics",
    "astronomy",
    "engineering",
    "spanish",
    "french",
    "mandarin",
    "latin",
    "journalism",
    "debate",
    "photography",
    "ceramics",
    "dance",
    "nutrition",
    "health",
    "wellness",
    "mindfulness",
    "leadership",
    "financial literacy",
    "entrepreneurship",
    "agriculture",
    "marine biology",
    "environmental science",
    "forensics",
    "statistics",
    "calculus",
    "algebra",
    "geometry",
    "poetry",
    "film",
    "animation",
    "cybersecurity",
    "data science",
    "woodworking",
    "culinary arts",
    "automotive",
    "welding",
    "nursing",
    "sign language",
    "braille",
    "mentoring",
    "tutoring",
    "study skills",
    "test preparation",
    "college planning",
    "career exploration",
];
const KINDS: &[&str] = &[
    "workshop",
    "course",
    "camp",
    "conference",
    "webinar",
    "certification",
    "grant",
    "network",
    "coaching program",
    "institute",
    "bootcamp",
    "academy",
    "fair",
    "showcase",
    "clinic",
    "symposium",
    "retreat",
    "residency",
    "internship",
    "fellowship",
    "seminar",
    "festival",
    "competition",
    "field trip",
    "summit",
];
const AUDIENCES: &[&str] = &[
    "teachers",
    "principals",
    "paraprofessionals",
    "parents",
    "students",
    "superintendents",
    "counselors",
    "librarians",
    "coaches",
    "new teachers",
    "substitutes",
    "administrators",
    "school nurses",
    "social workers",
    "board members",
];
const PLACES: &[&str] = &[
    "Northfield",
    "Riverside",
    "Oak Hill",
    "Maple Grove",
    "Stonebridge",
    "Lakeview",
    "Cedar Falls",
    "Brookside",
    "Pine Ridge",
    "Harbor Point",
];
/// Question templates, the alternate an FAQ writer gives, and a wording only queries use:
/// {l}evel, {s}ubject, {k}ind, {a}udience, {p}lace.
const TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "When is the {l} {s} {k} for {a} in {p}?",
        "{p} {l} {s} {k} dates for {a}",
        "what is the schedule of the {s} {k} for {l} {a} at {p}",
    ),
    (
        "How do I register for the {l} {s} {k} for {a} in {p}?",
        "sign up for {l} {s} {k} {a} {p}",
        "how can {a} enroll in the {l} {s} {k} at {p}",
    ),
    (
        "Who runs the {l} {s} {k} for {a} in {p}?",
        "who leads the {p} {l} {s} {k} for {a}",
        "who is in charge of the {s} {k} for {l} {a} at {p}",
    ),
    (
        "What does the {l} {s} {k} for {a} in {p} cost?",
        "price of {p} {l} {s} {k} for {a}",
        "what is the fee for {p}'s {s} {k} ({l}, {a})",
    ),
    (
        "Where is the {l} {s} {k} for {a} in {p} held?",
        "location of the {l} {s} {k} {a} {p}",
        "what is the venue of the {p} {s} {k} for {l} {a}",
    ),
    (
        "Is there a {l} {s} {k} for {a} in {p}?",
        "does {p} offer a {l} {s} {k} for {a}",
        "any {s} {k} in {p} for {a} at the {l} level",
    ),
];
const SYNONYMS: &str = "synonyms:
  - [workshop, session, training]
  - [register, sign up, enroll]
  - [cost, price, fee]
  - [run, lead, organize, in charge of]
  - [location, where, venue]
  - [date, when, schedule]
";

/// One query of the synthetic query file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynthQuery {
    pub q: String,
    /// The entry the query should find.
    pub id: String,
}

/// `SplitMix64`: a tiny, well-known generator; good enough for test data and stable forever.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
}

/// The slots of entry `n`: distinct for every `n` below the number of combinations.
fn slots(n: usize, seed: u64) -> [usize; 6] {
    let radices = [
        TEMPLATES.len(),
        LEVELS.len(),
        SUBJECTS.len(),
        KINDS.len(),
        AUDIENCES.len(),
        PLACES.len(),
    ];
    let total: usize = radices.iter().product();
    // An odd multiplier coprime with `total` permutes 0..total, so entries spread over all slots.
    let mut mult = usize::try_from(seed % 1_000_003).unwrap_or(0) * 2 + 1_000_003;
    while gcd(mult, total) != 1 {
        mult += 2;
    }
    let mut x = (n % total) * mult % total;
    let mut out = [0; 6];
    for (o, r) in out.iter_mut().zip(radices) {
        *o = x % r;
        x /= r;
    }
    out
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

fn fill(template: &str, s: [usize; 6]) -> String {
    template
        .replace("{l}", LEVELS[s[1]])
        .replace("{s}", SUBJECTS[s[2]])
        .replace("{k}", KINDS[s[3]])
        .replace("{a}", AUDIENCES[s[4]])
        .replace("{p}", PLACES[s[5]])
}

/// The most entries [`write()`] can make without repeating a question.
#[must_use]
pub fn max_entries() -> usize {
    TEMPLATES.len() * LEVELS.len() * SUBJECTS.len() * KINDS.len() * AUDIENCES.len() * PLACES.len()
}

/// How many FAQ files `out/faq/` already holds (0 when it does not exist): [`write()`] would
/// overwrite them.
#[must_use]
pub fn existing_faq_files(out: &Path) -> usize {
    std::fs::read_dir(out.join("faq")).map_or(0, |rd| {
        rd.filter_map(Result::ok)
            .filter(|e| crate::faq::is_faq_file_name(&e.path()))
            .count()
    })
}

/// Writes `n` entries (files of at most 5,000 entries each, plus `synonyms.yaml`) into
/// `out/faq/`, and `queries` queries into `out/queries.yaml`.
pub fn write(n: usize, seed: u64, queries: usize, out: &Path) -> std::io::Result<()> {
    let faq_dir = out.join("faq");
    std::fs::create_dir_all(&faq_dir)?;
    let n = n.min(max_entries());
    for (file_no, start) in (0..n).step_by(5000).enumerate() {
        let mut text = String::from("entries:\n");
        for i in start..(start + 5000).min(n) {
            let s = slots(i, seed);
            let (question, alternate, _) = TEMPLATES[s[0]];
            let _ = write!(
                text,
                "  - id: synth-{i}\n    question: \"{}\"\n    alternates: [\"{}\"]\n    answer: \"The {} {} {} for {} in {} is run by the {} office; see the calendar for dates and fees.\"\n    tags: [{}]\n",
                fill(question, s),
                fill(alternate, s),
                LEVELS[s[1]],
                SUBJECTS[s[2]],
                KINDS[s[3]],
                AUDIENCES[s[4]],
                PLACES[s[5]],
                PLACES[s[5]],
                KINDS[s[3]].replace(' ', "-"),
            );
        }
        std::fs::write(faq_dir.join(format!("synth-{file_no:03}.yaml")), text)?;
    }
    std::fs::write(faq_dir.join("synonyms.yaml"), SYNONYMS)?;
    let list = make_queries(n, seed, queries);
    let yaml = serde_yaml::to_string(&list).map_err(std::io::Error::other)?;
    std::fs::write(out.join("queries.yaml"), yaml)
}

/// Words of the questions and what people also say instead (the synonyms file knows them).
const PARAPHRASES: &[(&str, &str)] = &[
    ("workshop", "training"),
    ("workshop", "session"),
    ("register", "enroll"),
    ("register", "sign up"),
    ("cost", "fee"),
    ("price", "cost"),
    ("runs", "organizes"),
    ("runs", "is in charge of"),
    ("leads", "organizes"),
    ("location", "venue"),
    ("dates", "schedule"),
];

/// Queries as people would type them: lowercase; the question, its alternate or a wording
/// the FAQ does not have; sometimes another word for one of its words; one to three typos;
/// sometimes a dropped small word.
#[must_use]
pub fn make_queries(n: usize, seed: u64, count: usize) -> Vec<SynthQuery> {
    if n == 0 {
        return Vec::new();
    }
    let mut rng = Rng(seed ^ 0x5EED);
    (0..count)
        .map(|_| {
            let i = rng.below(n);
            let s = slots(i, seed);
            let (question, alternate, unseen) = TEMPLATES[s[0]];
            let base = fill([question, alternate, unseen][rng.below(3)], s);
            let mut text = base.to_lowercase().trim_end_matches('?').to_owned();
            if rng.below(2) == 0 {
                let usable: Vec<&(&str, &str)> = PARAPHRASES
                    .iter()
                    .filter(|(from, _)| text.split_whitespace().any(|w| w == *from))
                    .collect();
                if !usable.is_empty() {
                    let (from, to) = usable[rng.below(usable.len())];
                    text = text
                        .split_whitespace()
                        .map(|w| if w == *from { *to } else { w })
                        .collect::<Vec<_>>()
                        .join(" ");
                }
            }
            let mut words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
            for _ in 0..=rng.below(3) {
                let long: Vec<usize> = (0..words.len())
                    .filter(|&w| words[w].chars().count() >= 5)
                    .collect();
                if long.is_empty() {
                    break;
                }
                let w = long[rng.below(long.len())];
                words[w] = typo(&words[w], &mut rng);
            }
            if rng.below(3) == 0 {
                if let Some(pos) = words
                    .iter()
                    .position(|w| w == "the" || w == "for" || w == "in")
                {
                    words.remove(pos);
                }
            }
            SynthQuery {
                q: words.join(" "),
                id: format!("synth-{i}"),
            }
        })
        .collect()
}

fn typo(word: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    // Typos rarely hit the first letter.
    let at = 1 + rng.below(chars.len() - 1);
    match rng.below(4) {
        0 => {
            chars.remove(at);
        }
        1 if at + 1 < chars.len() => chars.swap(at, at + 1),
        2 => chars.insert(at, chars[at]),
        _ => chars[at] = char::from(b'a' + u8::try_from(rng.below(26)).unwrap_or(0)),
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_distinct_and_deterministic() {
        let a: Vec<[usize; 6]> = (0..5000).map(|n| slots(n, 7)).collect();
        let mut unique = a.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), a.len());
        assert_eq!(make_queries(100, 7, 20), make_queries(100, 7, 20));
        assert_ne!(make_queries(100, 7, 20), make_queries(100, 8, 20));
    }

    #[test]
    fn written_faq_loads_and_queries_name_real_entries() {
        let dir = tempfile::tempdir().unwrap();
        write(6000, 1, 50, dir.path()).unwrap();
        let faq = crate::faq::load_dir(&dir.path().join("faq")).unwrap();
        assert_eq!(faq.entries.len(), 6000);
        let queries: Vec<SynthQuery> = serde_yaml::from_str(
            &std::fs::read_to_string(dir.path().join("queries.yaml")).unwrap(),
        )
        .unwrap();
        assert_eq!(queries.len(), 50);
        assert!(queries.iter().all(|q| faq.entry(&q.id).is_some()));
    }
}
