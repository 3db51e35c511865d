//! Answers composed from the RESC directory, for the questions about people and RESCs that no
//! single FAQ entry answers: a mistaken premise ("Isn't Kate Ericson at CREC?"), a choice
//! between two leaders, two RESCs at once, part of a name ("Danehy's first name"), whether a
//! leader is listed as "Dr.", and which leaders are.
//!
//! Every sentence is built from `faq/directory.yaml` alone, so it says nothing the directory
//! does not. A question with any other topic word ("Florio's email", "when was Kitching
//! hired") is left to the FAQ entries, which decline it.

use crate::analyze::{Analyzer, Kind, Token};
use crate::faq::{count_word, Faq, Leader, Resc};
use std::collections::HashMap;

/// An answer built from the directory: the entry it is filed under (for feedback and records),
/// the question it answers as the bot understood it, and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub id: String,
    pub question: String,
    pub answer: String,
}

/// What is asked about a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Relation {
    /// Who they are, what they lead, their title.
    #[default]
    Role,
    /// Whether they are listed as "Dr." (or by what honorific).
    Honorific,
    FirstName,
    LastName,
    /// The whole name, as written (spelling, middle initial).
    FullName,
}

/// Words that name the relation asked, or only frame the question; any other topic word makes
/// the question one the directory cannot answer.
const ROLE_WORDS: &[&str] = &[
    "title",
    "titles",
    "job",
    "role",
    "position",
    "person",
    "guy",
    "man",
    "one",
    "ones",
    "work",
    "works",
    "working",
    "based",
    "over",
    "org",
    "organization",
    "agency",
    "currently",
    "current",
    "still",
    "now",
    "actually",
    "officially",
    "official",
    "exactly",
    "exact",
    "proper",
    "properly",
    "both",
    "same",
    "different",
    "vs",
    "versus",
    "compare",
    "or",
    "either",
    "neither",
    "only",
    "among",
    "which",
    "listed",
    "called",
    "known",
    "goes",
    "go",
    "right",
    "correct",
    "correctly",
    "true",
    "wrong",
    "confirm",
    "yes",
    "no",
    "thought",
    "think",
    "believe",
    "mean",
    "sure",
    "letter",
    "name",
    "names",
    "named",
    "identify",
    "kindly",
    "individual",
    "serve",
    "serves",
    "serving",
    "call",
    "want",
    "need",
    "check",
    "checking",
    "share",
    "shared",
    "common",
    "carry",
    "carries",
    "double",
    "verify",
    "verifying",
    "confirming",
    "not",
    "director",
    "directors",
    "leader",
    "leaders",
    "head",
    "heads",
    "boss",
    "executive",
    "exec",
    "ed",
    "chief",
    "top",
    "run",
    "runs",
    "running",
    "lead",
    "leads",
    "leading",
    "charge",
    "helm",
    "manage",
    "manages",
    "superintendent",
    "president",
    // How a name is listed: "listed without Dr. in front", "with Dr. on the page".
    "front",
    "with",
    "without",
    "page",
    "ceo",
    "in",
    "of",
    "hold",
    "holds",
    "holding",
    "held",
    "along",
    "within",
    "provide",
    "supply",
];
const HONORIFIC_WORDS: &[&str] = &[
    "dr",
    "doctor",
    "doctors",
    "doctorate",
    "doctorates",
    "doctoral",
    "phd",
    "phds",
    "edd",
    "doc",
    "honorific",
    "mr",
    "mrs",
    "ms",
    "mister",
];
const FIRST_NAME_WORDS: &[&str] = &["first", "1st", "given", "christian"];
const LAST_NAME_WORDS: &[&str] = &["last", "surname", "family"];
const FULL_NAME_WORDS: &[&str] = &[
    "full", "middle", "initial", "spell", "spelling", "spelled", "spelt", "write", "written",
];
/// Words about addressing someone ("should I address him as Dr.?"): framing when the
/// question asks for a name or an honorific, a topic of their own otherwise ("CREC's address").
const ADDRESSING_WORDS: &[&str] = &[
    "address",
    "addressed",
    "addressing",
    "refer",
    "referred",
    "salutation",
];

/// Whether the directory reads `word` for what it asks (a part of a name, the honorific, how
/// to address someone): such a word is kept as typed, never read as a typo of another word
/// ("spell" is not "sell").
pub fn asks_of_a_name(word: &str) -> bool {
    HONORIFIC_WORDS.contains(&word)
        || FIRST_NAME_WORDS.contains(&word)
        || LAST_NAME_WORDS.contains(&word)
        || FULL_NAME_WORDS.contains(&word)
        || ADDRESSING_WORDS.contains(&word)
}

/// Words that ask for everyone in the directory at once ("name all the directors").
const EVERYONE_WORDS: &[&str] = &[
    "all",
    "every",
    "each",
    "everyone",
    "list",
    "names",
    "leaders",
    "directors",
    "heads",
    "bosses",
    "dirs",
    "execs",
    // "the full roster", "a complete list", "the whole list".
    "roster",
    "whole",
    "complete",
    "entire",
    // "the EDs across the RESCs".
    "across",
];
/// Words that ask about someone other than today's leader, whom the directory does not list.
const NOT_THE_CURRENT_LEADER: &[&str] = &[
    "before",
    "after",
    "previous",
    "previously",
    "former",
    "formerly",
    "prior",
    "next",
    "new",
    "deputy",
    "assistant",
    "associate",
    "interim",
    "acting",
    "hr",
    "founder",
    "founded",
    "founding",
    "original",
    "originally",
    "preceded",
    "predecessor",
    "predecessors",
    "succeeded",
    "successor",
    "old",
    "older",
    "earlier",
];

/// Words that ask whether a RESC belongs ("is EASTCONN part of the Alliance?"): the RESC's
/// entry says it is one of the six and a member of the Alliance.
const MEMBERSHIP_WORDS: &[&str] = &[
    "part", "belong", "belongs", "included", "includes", "include", "exist", "exists",
];

/// Words joining what a directory question asks for ("the ACES director's name, including his
/// title"), which ask nothing more.
const JOINING_WORDS: &[&str] = &["including", "plus", "along"];

/// The synonym group of "title", "job", "role" and "position".
const TITLE_GROUP: &str = "~titl";
/// The synonym group of "education".
const EDUCATION_GROUP: &str = "~educ";
/// The synonym group of "mean" and "stand for".
const MEANING_GROUP: &str = "~mean";
/// Words at least this common (Zipf frequency) are everyday words.
const EVERYDAY_ZIPF: f32 = 3.5;
/// Synonym groups that only frame a question about the directory.
const FRAMING_GROUPS: &[&str] = &[
    "~lead",
    "~titl",
    "~resc",
    "~connecticut",
    "~six",
    "~how_mani",
    "~made_up_of",
    "~list",
    "~member",
    "~other",
    "~differ_between",
    "~organ",
    "~educ",
    "~allianc",
];

/// The question's parts that decide a directory answer.
struct Parsed<'f> {
    people: Vec<&'f Resc>,
    rescs: Vec<&'f Resc>,
    relation: Relation,
    /// Asks about the leaders ("lead", "director", "title") rather than the RESCs themselves.
    about_leaders: bool,
    /// A question answered by yes or no ("Is Florio at CREC?").
    yes_no: bool,
    /// Asks something of all the leaders at once.
    all: Option<AllLeaders>,
    /// Asks whether a RESC is one of the RESCs or in the Alliance.
    membership: bool,
}

/// What a question asks of all the leaders at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AllLeaders {
    /// Names a title and the leaders ("what title do the RESC heads hold?").
    Title,
    /// Asks for everyone, with no word the directory does not explain ("name all the
    /// directors", "the leaders' first names"; not "which leaders are women?").
    Names,
    /// Asks how many ("how many executive directors are listed?").
    Count,
}

/// The directory's answer to a question, when the question is about the RESCs' leaders and
/// asks nothing the directory cannot say. `tokens` are the question's analysed terms and
/// `words` its words (both of the sentences that ask).
#[must_use]
pub fn compose(
    faq: &Faq,
    short_names: &ShortNames,
    analyzer: &Analyzer,
    tokens: &[&Token],
    words: &[&str],
    focus_words: &[&str],
) -> Option<Composed> {
    if let Some(spelled) = spelled_out(faq, short_names, tokens, words) {
        return Some(spelled);
    }
    // "I need the ACES director's name for a letter I'm drafting": the clause that says why
    // asks nothing of the directory.
    let (tokens, words) = without_telling_clauses(analyzer, tokens, words, focus_words);
    let (tokens, words) = (tokens.as_slice(), words.as_slice());
    // "deputy" may be read as a word the FAQ knows: the words as typed are checked too.
    if words
        .iter()
        .any(|w| NOT_THE_CURRENT_LEADER.contains(w) && !placed_by_name(words, w))
    {
        return None;
    }
    if let Some(all) = all_rescs(faq, tokens, words) {
        return Some(all);
    }
    let parsed = parse(faq, tokens, words)?;
    match (parsed.people.as_slice(), parsed.rescs.as_slice()) {
        ([person], [resc]) => Some(premise(person, resc, &parsed)),
        ([person], rescs) if rescs.len() > 1 => Some(which_of(person, rescs, &parsed)),
        (people, [resc]) if people.len() > 1 => Some(choice(people, resc, &parsed)),
        ([person], []) => about_person(faq, person, &parsed),
        (people, []) if people.len() > 1 => Some(several(people, parsed.relation)),
        // "last name of the guy at CES": a RESC has no first or last name; its leader does.
        ([], [resc])
            if parsed.about_leaders
                || parsed.membership
                || matches!(parsed.relation, Relation::FirstName | Relation::LastName) =>
        {
            about_person(faq, resc, &parsed)
        }
        ([], rescs) if rescs.len() > 1 && parsed.about_leaders => {
            Some(several(rescs, parsed.relation))
        }
        ([], []) if parsed.relation == Relation::Honorific && parsed.about_leaders => {
            Some(who_are_doctors(faq, words))
        }
        ([], []) if parsed.relation == Relation::Role && parsed.all == Some(AllLeaders::Title) => {
            Some(titles(faq))
        }
        ([], []) if parsed.about_leaders && parsed.all.is_some() => Some(everyone(faq, &parsed)),
        _ => None,
    }
}

/// "Which six RESCs make up the Alliance?", "name the six Connecticut RESCs": the RESCs
/// themselves, all of them, and nothing else asked.
fn all_rescs(faq: &Faq, tokens: &[&Token], words: &[&str]) -> Option<Composed> {
    const MAKING_UP: &[&str] = &[
        "make",
        "makes",
        "making",
        "up",
        "form",
        "forms",
        "formed",
        "comprise",
        "comprises",
        "constitute",
        "compose",
        "are",
        "there",
    ];
    let plural_rescs = tokens
        .iter()
        .any(|t| t.term == "~resc" && t.source.ends_with('s'));
    let for_all = words.iter().any(|w| {
        matches!(
            *w,
            "which" | "list" | "name" | "names" | "all" | "every" | "each" | "six" | "enumerate"
        )
    });
    if !plural_rescs || !for_all {
        return None;
    }
    let only_frames = tokens.iter().all(|t| match t.kind {
        Kind::Entity => false,
        Kind::Wh => matches!(t.term.as_str(), "?what" | "?which"),
        Kind::Word => {
            !names_a_leader(t)
                && t.term != "~how_mani"
                && (frames(t) || t.source.split(' ').all(|w| MAKING_UP.contains(&w)))
        }
    });
    let entry = faq.entry(crate::faq::LIST_ID).filter(|_| only_frames)?;
    Some(Composed {
        id: entry.id.clone(),
        question: entry.question.clone(),
        answer: entry.answer.clone(),
    })
}

/// The tokens and words left when the clauses that only tell why or for whom the question
/// is asked are taken out ([`crate::text::telling_clauses`]); a clause with a name, a word
/// for a leader or a title, or a part of a name stays.
fn without_telling_clauses<'t>(
    analyzer: &Analyzer,
    tokens: &[&'t Token],
    words: &[&'t str],
    focus_words: &[&str],
) -> (Vec<&'t Token>, Vec<&'t str>) {
    let kept: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind == Kind::Entity || names_a_leader(t))
        .flat_map(|t| t.source.split(' '))
        .collect();
    let telling = crate::text::telling_clauses(focus_words, |w| {
        kept.contains(&w)
            || HONORIFIC_WORDS.contains(&w)
            || FIRST_NAME_WORDS.contains(&w)
            || LAST_NAME_WORDS.contains(&w)
            || FULL_NAME_WORDS.contains(&w)
    });
    let told: Vec<&str> = focus_words
        .iter()
        .zip(&telling)
        .filter(|(_, t)| **t)
        .map(|(w, _)| *w)
        .collect();
    if told.is_empty() {
        return (tokens.to_vec(), words.to_vec());
    }
    // Each told word takes out one token or word, once; a token of shorthand ("pd") is read
    // from what it stands for.
    let mut unused: Vec<&str> = told
        .iter()
        .flat_map(|w| match analyzer.stands_for(w) {
            Some(meaning) => meaning.iter().map(String::as_str).collect(),
            None => vec![*w],
        })
        .collect();
    let tokens = tokens
        .iter()
        .copied()
        .filter(|t| {
            let parts: Vec<&str> = t.source.split(' ').collect();
            if t.kind != Kind::Word || !parts.iter().all(|p| unused.contains(p)) {
                return true;
            }
            for p in parts {
                if let Some(at) = unused.iter().position(|w| *w == p) {
                    unused.swap_remove(at);
                }
            }
            false
        })
        .collect();
    let mut unused = told;
    let words = words
        .iter()
        .copied()
        .filter(|w| match unused.iter().position(|u| u == w) {
            Some(at) => {
                unused.swap_remove(at);
                false
            }
            None => true,
        })
        .collect();
    (tokens, words)
}

/// How a question asks for what a short name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpellingOut {
    /// "What does OEC stand for?", "RESC is short for?", "the CSDE acronym means?"
    Meaning,
    /// "Spell out CSDE", "the full name of ACES": also a person's name, so no leader is asked.
    LongForm,
    /// "What is OEC?": nothing but the short name of an organisation that is not a RESC.
    Bare,
}

/// Words that ask for the long form: "spell out", "full name", "official name".
fn asks_long_form(words: &[&str]) -> bool {
    words.windows(2).any(|w| {
        matches!(w[0], "spell" | "spelled" | "spelt" | "write" | "written") && w[1] == "out"
            || matches!(w[0], "full" | "official" | "formal" | "complete" | "long")
                && matches!(w[1], "name" | "names" | "form")
    })
}

/// The words of a long-form request, which ask nothing else.
const LONG_FORM_WORDS: &[&str] = &[
    "spell", "spelled", "spelt", "write", "written", "out", "full", "official", "formal",
    "complete", "long", "name", "names", "form",
];

/// Whether, and how, a question asks what a short name stands for.
fn spelling_out_asked(tokens: &[&Token], words: &[&str]) -> Option<SpellingOut> {
    // "Who heads CES, the director I mean?": "I mean" explains the question, and "who" asks
    // for someone, not for a name spelled out.
    let i_mean = words.windows(2).any(|w| w == ["i", "mean"]);
    let asks_other = tokens
        .iter()
        .any(|t| t.kind == Kind::Wh && !matches!(t.term.as_str(), "?what" | "?which"));
    if i_mean || asks_other {
        return None;
    }
    Some(if tokens.iter().any(|t| t.term == MEANING_GROUP) {
        SpellingOut::Meaning
    } else if asks_long_form(words) {
        // "the full name of the CES director" asks for a person's name.
        if tokens
            .iter()
            .any(|t| matches!(t.term.as_str(), "~lead" | TITLE_GROUP))
        {
            return None;
        }
        SpellingOut::LongForm
    } else if words.first() == Some(&"whats")
        || words
            .windows(2)
            .any(|w| w[0] == "what" && matches!(w[1], "is" | "s" | "are"))
    {
        SpellingOut::Bare
    } else {
        return None;
    })
}

/// "What does OEC stand for?", "what does CREC stand for?", "spell out CSDE", "what is OEC?":
/// what the FAQ's `names` say an organisation's short name is short for, a RESC's `full_name`
/// in the directory, or a short name an entry's answer spells out ("Regional Educational
/// Service Centers (RESCs)"), when that is all the question asks. A RESC without a full name
/// is left to the entries.
fn spelled_out(
    faq: &Faq,
    short_names: &ShortNames,
    tokens: &[&Token],
    words: &[&str],
) -> Option<Composed> {
    let how = spelling_out_asked(tokens, words)?;
    // "CES: what is her full name?" asks for a person's name.
    if speaks_of_a_person(words) {
        return None;
    }
    // (short name, what it stands for, the answer's id)
    let mut named: Vec<(String, String, String)> = Vec::new();
    let mut everyday = 0;
    for t in tokens {
        match t.kind {
            Kind::Entity => {
                let id = t.term.strip_prefix('@').unwrap_or(&t.term);
                let found = if let Some(resc) = faq.rescs.iter().find(|r| r.id == id) {
                    if how == SpellingOut::Bare {
                        return None;
                    }
                    let full = resc.full_name.clone()?;
                    (resc.name.clone(), full, resc.entry_id())
                } else {
                    let name = faq
                        .names
                        .iter()
                        .find(|n| crate::text::words(&n.canonical).join("-") == id)?;
                    // "What is the Office of Early Childhood?" asks what it is, not its name.
                    if how == SpellingOut::Bare && !t.source.eq_ignore_ascii_case(&name.canonical) {
                        return None;
                    }
                    // The first spelling in a group is its short name; the longest, the full one.
                    let long = name
                        .aliases
                        .iter()
                        .max_by_key(|a| a.len())
                        .unwrap_or(&name.canonical);
                    (
                        name.canonical.clone(),
                        format!("the {long}"),
                        format!("name-{id}"),
                    )
                };
                if !named.contains(&found) {
                    named.push(found);
                }
            }
            Kind::Wh => {}
            // "What is OEC?" asks only its name; "what is CSDE's role?" asks more.
            Kind::Word if how == SpellingOut::Bare => return None,
            Kind::Word if t.term == MEANING_GROUP || FRAMING_GROUPS.contains(&t.term.as_str()) => {}
            Kind::Word
                if how == SpellingOut::LongForm
                    && t.source.split(' ').all(|w| LONG_FORM_WORDS.contains(&w)) => {}
            Kind::Word => {
                if crate::lexicon::zipf(&t.source).is_some_and(|z| z >= EVERYDAY_ZIPF) {
                    everyday += 1;
                } else {
                    return None;
                }
            }
        }
    }
    if everyday > 2 {
        return None;
    }
    // "What does RESC stand for?": the entry whose answer spells it out answers, when
    // nothing else is asked ("what does access to one RESC mean?" asks about access).
    if named.is_empty() && how != SpellingOut::Bare && everyday == 0 {
        let entry = tokens.iter().find_map(|t| {
            let source = t.source.strip_suffix('s').unwrap_or(&t.source);
            (t.term.starts_with('~') && source.len() >= 2 && !source.contains(' '))
                .then(|| short_names.entry(faq, source))
                .flatten()
        })?;
        return Some(Composed {
            id: entry.id.clone(),
            question: entry.question.clone(),
            answer: entry.answer.clone(),
        });
    }
    let lines: Vec<String> = named
        .iter()
        .map(|(short, long, _)| format!("{short} stands for {long}."))
        .collect();
    let (short, _, id) = named.first()?;
    Some(Composed {
        id: id.clone(),
        question: format!("What does {short} stand for?"),
        answer: lines.join(" "),
    })
}

/// The short names the entries' answers spell out before them in brackets ("Regional
/// Educational Service Centers (RESCs)" for RESC), each with the first entry doing so: found
/// once, when the FAQ is indexed, not for each question. The words before the brackets must
/// begin with the short name's letters, in order ("of", "and", "the" and "for" may come
/// between).
#[derive(Debug, Default)]
pub struct ShortNames(HashMap<String, usize>);

impl ShortNames {
    #[must_use]
    pub fn of(faq: &Faq) -> Self {
        let mut found = HashMap::new();
        for (i, e) in faq.entries.iter().enumerate() {
            let answer = &e.answer;
            let mut from = 0;
            while let Some(open) = answer[from..].find('(').map(|at| at + from) {
                from = open + 1;
                let Some(close) = answer[open..].find(')').map(|at| at + open) else {
                    break;
                };
                let inside = &answer[open + 1..close];
                let bare = inside.strip_suffix('s').unwrap_or(inside);
                if bare.len() >= 2 && spelled_by_initials(&answer[..open], bare) {
                    found.entry(bare.to_lowercase()).or_insert(i);
                }
            }
        }
        Self(found)
    }

    /// The entry spelling out `short` (lowercase, as asked), if any.
    fn entry<'f>(&self, faq: &'f Faq, short: &str) -> Option<&'f crate::faq::Entry> {
        self.0.get(short).and_then(|&i| faq.entries.get(i))
    }
}

/// Whether the words at the end of `before` begin with the letters of `short`, in order
/// ("Office of Early Childhood" for OEC).
fn spelled_by_initials(before: &str, short: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let mut letters = short
        .chars()
        .rev()
        .map(|c| c.to_ascii_uppercase())
        .peekable();
    let mut matched = 0;
    while let Some(&letter) = letters.peek() {
        let Some(word) = words.next() else {
            return false;
        };
        if word.starts_with(letter) {
            letters.next();
            matched += 1;
        } else if matched == 0 || !matches!(word, "of" | "and" | "the" | "for") {
            return false;
        }
    }
    true
}

/// Whether the question asks for an honorific ("is she a doctor?"). "Dr." and "Mr." are not
/// topic words, so they are looked for among the words; before a name ("Dr. Florio's title"),
/// misspelt or not ("is dr kitchin at CES"), they are part of the name, not the question.
fn asks_honorific(tokens: &[&Token], words: &[&str]) -> bool {
    let name_starts: Vec<&str> = tokens
        .iter()
        .filter(|t| t.term.starts_with("@person:"))
        .filter_map(|t| t.source.split(' ').next())
        .collect();
    // "address him as Dr. Protulis" asks it, name and all.
    words.iter().enumerate().any(|(i, w)| {
        HONORIFIC_WORDS.contains(w)
            && !(matches!(*w, "dr" | "mr" | "mrs" | "ms" | "mister")
                && (i == 0 || words[i - 1] != "as")
                && words.get(i + 1).is_some_and(|next| {
                    name_starts
                        .iter()
                        .any(|start| strsim::osa_distance(start, next) <= 2)
                }))
    })
}

/// What the words of a question (other than names and question words) say to the directory.
#[derive(Default)]
struct WordsRead {
    relation: Relation,
    about_leaders: bool,
    /// Everyday words that say nothing the directory lacks ("Who serves as ED of CES?"); how
    /// many are forgiven depends on how plainly the question is about the directory.
    everyday: usize,
    addressing: usize,
    /// A word right after a word for a leader ("the CES director's wife").
    asks_of_a_leader: bool,
}

impl WordsRead {
    /// Reads one word; `None` when it asks what the directory does not hold.
    fn word(&mut self, t: &Token, words: &[&str]) -> Option<()> {
        let word = t.source.as_str();
        self.about_leaders |= names_a_leader(t);
        if t.term == "~when" || NOT_THE_CURRENT_LEADER.contains(&word) {
            return None;
        }
        // "the special education director at CES" is someone else, as is "the transportation
        // director" (below).
        if t.term == EDUCATION_GROUP && names_another_role(words, word) {
            return None;
        }
        if HONORIFIC_WORDS.contains(&word) {
            self.relation = Relation::Honorific;
            self.about_leaders |= word.starts_with("doc") || word == "dr" || word == "phd";
        } else if FIRST_NAME_WORDS.contains(&word) || LAST_NAME_WORDS.contains(&word) {
            // "first name" is a name; "the first director" is not today's leader.
            if !names_follow(words, word) {
                return None;
            }
            self.relation = name_part(self.relation, word);
        } else if FULL_NAME_WORDS.contains(&word) {
            // "written with Dr." asks for the honorific, not the spelling.
            if self.relation != Relation::Honorific {
                self.relation = Relation::FullName;
            }
        } else if ADDRESSING_WORDS.contains(&word) {
            self.addressing += 1;
        } else if !frames(t) {
            if !crate::lexicon::zipf(word).is_some_and(|z| z >= EVERYDAY_ZIPF) {
                return None;
            }
            // "the transportation director at EdAdvance" is someone else.
            if names_another_role(words, word) {
                return None;
            }
            self.everyday += 1;
            self.asks_of_a_leader |= follows_a_leader(words, word);
        }
        Some(())
    }
}

fn parse<'f>(faq: &'f Faq, tokens: &[&Token], words: &[&str]) -> Option<Parsed<'f>> {
    let mut people: Vec<&Resc> = Vec::new();
    let mut rescs: Vec<&Resc> = Vec::new();
    let honorific = asks_honorific(tokens, words);
    let mut read = WordsRead {
        relation: if honorific {
            Relation::Honorific
        } else {
            Relation::Role
        },
        about_leaders: honorific
            && words
                .iter()
                .any(|w| matches!(*w, "dr" | "doctor" | "doctors" | "phd")),
        ..WordsRead::default()
    };
    // "How do you spell ...?" asks for a name; other "how" questions do not.
    let mut asks_how = false;
    let mut asks_where = false;
    // "Dr. Charles Dumont": a word no one uses, next to a name the directory knows, is that
    // name misremembered.
    let misremembered = |at: usize| {
        let t = tokens[at];
        let person = |n: Option<&&Token>| n.is_some_and(|n| n.term.starts_with("@person:"));
        t.kind == Kind::Word
            && !t.term.starts_with('~')
            && t.source.chars().count() > 2
            && t.source.chars().all(char::is_alphabetic)
            && crate::lexicon::zipf(&t.source).is_none()
            && (person(tokens.get(at + 1)) || at > 0 && person(tokens.get(at - 1)))
    };
    // "Dr. before their name" places the title.
    let kept = tokens
        .iter()
        .enumerate()
        .filter(|&(at, t)| !placed_by_name(words, &t.source) && !misremembered(at))
        .map(|(_, t)| t);
    for t in kept {
        match t.kind {
            Kind::Entity => {
                let (list, id) = match t.term.strip_prefix("@person:") {
                    Some(id) => (&mut people, id),
                    None => (&mut rescs, t.term.strip_prefix('@').unwrap_or(&t.term)),
                };
                // Another organisation (CSDE, OEC) is not in the directory.
                let resc = faq.rescs.iter().find(|r| r.id == id)?;
                if !list.iter().any(|r| r.id == resc.id) {
                    list.push(resc);
                }
            }
            // "when", "why" and "how" ask for what the directory does not hold, "where" too unless
            // of a person.
            Kind::Wh => {
                if t.term == "?how" {
                    asks_how = true;
                } else if t.term == "?where" {
                    asks_where = true;
                } else if matches!(t.term.as_str(), "?when" | "?why") {
                    return None;
                }
            }
            // "Eric P's title": a single letter is an initial.
            Kind::Word if t.source.chars().count() == 1 => {}
            Kind::Word => read.word(t, words)?,
        }
    }
    let WordsRead {
        relation,
        mut about_leaders,
        mut everyday,
        addressing,
        asks_of_a_leader,
    } = read;
    // "..., what is his full name?" of a RESC asks about its leader: a RESC is no "he".
    about_leaders |= people.is_empty() && !rescs.is_empty() && speaks_of_a_person(words);
    if people.is_empty() && rescs.is_empty() && !about_leaders {
        return None;
    }
    let asks_for_names = asks_for_names(words);
    let names_or_honorific = relation != Relation::Role;
    if !names_or_honorific {
        everyday += addressing;
    }
    // Asked of a leader ("the CES director's wife"), or "how" with a word more than a name
    // ("how is the name pronounced?"): what the directory lacks.
    if !names_or_honorific && (asks_of_a_leader || asks_how && !(asks_for_names && everyday == 0)) {
        return None;
    }
    // A person and a RESC named together, or a question for a person or a RESC ("who serves
    // as ED of CES?", "which RESC is Protulis responsible for?") may have one more word; a
    // lone name with other words may ask anything ("what's Florio's email?").
    // So may a question whether a RESC belongs ("is EdAdvance part of the RESC group?").
    let plain = people.len() + rescs.len() > 1
        || about_leaders && asks_for_names
        || asks_membership(tokens)
        || tokens
            .iter()
            .any(|t| matches!(t.term.as_str(), "?who" | "?whom" | "?which"));
    // A question that names the part of a name or the honorific it wants asks for that,
    // whatever it says about why ("Dr. Danehy's first name, for our contact sheet").
    let explicit = if relation == Relation::Role { 0 } else { 2 };
    if everyday > usize::from(plain) + explicit {
        return None;
    }
    let parsed = Parsed {
        people,
        rescs,
        relation,
        about_leaders,
        yes_no: answered_yes_or_no(words),
        all: all_leaders(tokens, words, everyday),
        membership: asks_membership(tokens),
    };
    directory_holds(&parsed, tokens, words, asks_where).then_some(parsed)
}

/// Whether what the parsed question asks is what the directory holds: "What is her doctorate
/// in?" is not, though "is he a doctor? what's his name" is; "Where is Protulis the director?"
/// asks which RESC, "where is CREC?" a place.
fn directory_holds(parsed: &Parsed, tokens: &[&Token], words: &[&str], asks_where: bool) -> bool {
    let asks_name = words.iter().any(|w| matches!(*w, "name" | "names"));
    let asks_what = tokens.iter().any(|t| t.term == "?what");
    if parsed.relation == Relation::Honorific && asks_what && !asks_name {
        return false;
    }
    !asks_where
        || !parsed.people.is_empty() && parsed.rescs.is_empty() && parsed.relation == Relation::Role
}

/// Whether `word`, right before a word for a leader, names another role ("the transportation
/// director", "the finance director"): one saying which leader it is ("the current director")
/// does not.
fn names_another_role(words: &[&str], word: &str) -> bool {
    const WHICH_LEADER: &[&str] = &[
        "current", "actual", "main", "overall", "real", "big", "present", "official", "full",
    ];
    !WHICH_LEADER.contains(&word)
        && words
            .windows(2)
            .any(|pair| pair[0] == word && LEADER_NOUNS.contains(&pair[1]))
}

/// Whether the words say "he", "she" or their forms: a person is spoken of.
fn speaks_of_a_person(words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| matches!(*w, "he" | "his" | "him" | "she" | "her" | "hers"))
}

/// Words for a leader.
const LEADER_NOUNS: &[&str] = &[
    "director",
    "directors",
    "leader",
    "leaders",
    "head",
    "boss",
    "ed",
    "exec",
    "chief",
    "superintendent",
    "president",
    "ceo",
    "guy",
    "lady",
    "person",
];

/// Whether `word` comes right after a word for a leader ("the CES director's wife", "the ED
/// salary"): then it is what the question asks of them.
fn follows_a_leader(words: &[&str], word: &str) -> bool {
    words
        .windows(2)
        .any(|pair| pair[1] == word && LEADER_NOUNS.contains(&pair[0]))
}

/// Whether the question asks for names: "How is the director of LEARN called?", "how are the
/// leaders listed?", "the name of the CES director".
fn asks_for_names(words: &[&str]) -> bool {
    words.iter().any(|w| {
        matches!(
            *w,
            "name" | "names" | "named" | "called" | "listed" | "list"
        )
    })
}

/// What the question asks of all the leaders at once, if anything; `everyday` counts its
/// words the directory does not explain.
fn all_leaders(tokens: &[&Token], words: &[&str], everyday: usize) -> Option<AllLeaders> {
    // "the job of a RESC" asks what it does; "the title of the RESC heads", a title.
    if tokens.iter().any(|t| t.term == TITLE_GROUP) && tokens.iter().any(|t| t.term == "~lead") {
        Some(AllLeaders::Title)
    } else if everyday > 0 || !words.iter().any(|w| EVERYONE_WORDS.contains(w)) {
        None
    } else if tokens.iter().any(|t| t.term == "~how_mani") {
        Some(AllLeaders::Count)
    } else {
        Some(AllLeaders::Names)
    }
}

/// Whether the question is answered by yes or no: it opens with no question word or request.
fn answered_yes_or_no(words: &[&str]) -> bool {
    let first_word = words
        .iter()
        .copied()
        .find(|w| {
            !matches!(
                *w,
                "so" | "ok" | "okay" | "and" | "hey" | "hi" | "um" | "quick"
            )
        })
        .unwrap_or("");
    !matches!(
        first_word,
        "who" | "whom" | "whose" | "what" | "which" | "where" | "name" | "list" | "tell" | "give"
    )
}

/// Whether the question asks if a RESC belongs to the RESCs or the Alliance.
fn asks_membership(tokens: &[&Token]) -> bool {
    tokens
        .iter()
        .any(|t| MEMBERSHIP_WORDS.contains(&t.source.as_str()) || t.term == "~member")
        && tokens
            .iter()
            .any(|t| matches!(t.term.as_str(), "~allianc" | "~resc"))
}

/// "Run by", a synonym of governing ("are RESCs run by the state?"): said of a named person
/// ("is CREC run by Dr. Kitching?") it asks about a leader.
const RUN_BY: &str = "run by";

/// Whether the word only frames a question about the directory: a role, framing or
/// membership word, or a count ("which two leaders ...").
fn frames(t: &Token) -> bool {
    ROLE_WORDS.contains(&t.source.as_str())
        || MEMBERSHIP_WORDS.contains(&t.source.as_str())
        || EVERYONE_WORDS.contains(&t.source.as_str())
        || JOINING_WORDS.contains(&t.source.as_str())
        || FRAMING_GROUPS.contains(&t.term.as_str())
        || t.source == RUN_BY
        || crate::text::figure(&t.source) == Some(crate::text::Figure::Count)
}

/// Whether the word asks about a leader: "director", "title", "the EASTCONN guy", or
/// [`RUN_BY`].
fn names_a_leader(t: &Token) -> bool {
    t.term == "~lead"
        || t.term == TITLE_GROUP
        || t.source == RUN_BY
        || matches!(
            t.source.as_str(),
            "guy" | "lady" | "woman" | "man" | "person"
        )
}

/// The part of a name `word` ("first", "surname") asks for, after `relation`: "first and last
/// name" is the whole name.
fn name_part(relation: Relation, word: &str) -> Relation {
    let part = if FIRST_NAME_WORDS.contains(&word) {
        Relation::FirstName
    } else {
        Relation::LastName
    };
    match relation {
        Relation::FirstName | Relation::LastName if relation != part => Relation::FullName,
        _ => part,
    }
}

/// Whether `word` places something by a name ("Dr. before their name", "listed with Dr.
/// before the names"), not a time ("the director before Florio").
fn placed_by_name(words: &[&str], word: &str) -> bool {
    matches!(word, "before" | "after")
        && words.iter().enumerate().any(|(i, w)| {
            *w == word
                && words
                    .iter()
                    .skip(i + 1)
                    .take(2)
                    .any(|n| matches!(*n, "name" | "names" | "surname" | "surnames"))
        })
}

/// Whether `word` is followed by "name" ("first name", "last name"): a first or last of
/// something else ("the first director") is not a name.
fn names_follow(words: &[&str], word: &str) -> bool {
    let is_name = |w: &str| matches!(w, "name" | "names");
    words
        .windows(2)
        .any(|w| w[0] == word && is_name(w[1]))
        // "first and last name"
        || words.windows(4).any(|w| {
            w[0] == word && matches!(w[1], "and" | "or" | "&") && is_name(w[3])
        })
        || matches!(word, "surname" | "given")
}

fn leader(resc: &Resc) -> Option<&Leader> {
    resc.leader.as_ref()
}

/// "Dr. Greg J. Florio, CREC Executive Director, leads CREC."
fn role_sentence(resc: &Resc) -> String {
    match resc.leader_line() {
        Some(line) => format!("{line}, leads {}.", resc.name),
        None => format!(
            "The directory does not list the leader of {} yet.",
            resc.name
        ),
    }
}

/// The sentence that answers `relation` about the leader of `resc`.
fn relation_sentence(resc: &Resc, relation: Relation) -> String {
    let (Some(l), Some(line)) = (leader(resc), resc.leader_line()) else {
        return role_sentence(resc);
    };
    let words: Vec<&str> = l.name.split_whitespace().collect();
    match relation {
        Relation::Role => role_sentence(resc),
        Relation::Honorific => match &l.honorific {
            Some(h) => format!("Yes: {line}, is listed with the title {h}"),
            None => format!("{line}, is listed without a title such as Dr."),
        },
        Relation::FirstName | Relation::LastName => {
            let (part, value) = if relation == Relation::FirstName {
                ("first", words.first())
            } else {
                ("last", words.last())
            };
            format!("The {part} name of {line}, is {}.", value.unwrap_or(&""))
        }
        Relation::FullName => format!(
            "The {} {} is written {}.",
            resc.name,
            l.title,
            l.display_name()
        ),
    }
}

fn filed_under(resc: &Resc, question: String, answer: String) -> Composed {
    Composed {
        id: resc.entry_id(),
        question,
        answer,
    }
}

/// A question naming one person and one RESC: confirmed, or corrected.
fn premise(person: &Resc, resc: &Resc, parsed: &Parsed) -> Composed {
    let name = leader(person).map_or_else(String::new, |l| l.name.clone());
    if person.id == resc.id {
        let sentence = relation_sentence(resc, parsed.relation);
        let answer = if parsed.yes_no && !sentence.starts_with("Yes") {
            format!("Yes: {sentence}")
        } else {
            sentence
        };
        return filed_under(resc, format!("Does {name} lead {}?", resc.name), answer);
    }
    let mut answer = format!(
        "No: {} {}",
        role_sentence(person),
        match resc.leader_line() {
            Some(line) => format!("{} is led by {line}.", resc.name),
            None => String::new(),
        }
    );
    if parsed.relation != Relation::Role {
        answer = format!("{answer} {}", relation_sentence(person, parsed.relation));
    }
    filed_under(
        person,
        format!("Does {name} lead {}?", resc.name),
        answer.trim().to_owned(),
    )
}

/// One person and several RESCs ("Is Danehy with CES or ACES?"): the one they lead, or
/// none of them.
fn which_of(person: &Resc, rescs: &[&Resc], parsed: &Parsed) -> Composed {
    let name = leader(person).map_or_else(String::new, |l| l.name.clone());
    let question = format!("Which RESC does {name} lead?");
    if rescs.iter().any(|r| r.id == person.id) {
        return filed_under(person, question, relation_sentence(person, parsed.relation));
    }
    filed_under(
        person,
        question,
        format!("Neither: {}", role_sentence(person)),
    )
}

/// Several people and one RESC: which of them leads it.
fn choice(people: &[&Resc], resc: &Resc, parsed: &Parsed) -> Composed {
    let question = format!("Who leads {}?", resc.name);
    if people.iter().any(|p| p.id == resc.id) {
        return filed_under(resc, question, relation_sentence(resc, parsed.relation));
    }
    let lines: Vec<String> = people.iter().map(|p| role_sentence(p)).collect();
    filed_under(
        resc,
        question,
        format!("Neither: {} {}", role_sentence(resc), lines.join(" ")),
    )
}

fn about_person(faq: &Faq, resc: &Resc, parsed: &Parsed) -> Option<Composed> {
    let l = leader(resc)?;
    if parsed.relation == Relation::Role {
        // The entry built for this RESC answers it, in the words moderators see.
        let entry = faq.entry(&resc.entry_id())?;
        return Some(filed_under(
            resc,
            entry.question.clone(),
            entry.answer.clone(),
        ));
    }
    let question = match parsed.relation {
        Relation::Honorific => format!("Is {} listed as Dr.?", l.name),
        Relation::FirstName => format!("What is {}'s first name?", l.name),
        Relation::LastName => format!("What is {}'s last name?", l.name),
        _ => format!("How is {}'s name written?", l.name),
    };
    Some(filed_under(
        resc,
        question,
        relation_sentence(resc, parsed.relation),
    ))
}

/// Several people or RESCs at once: one line each.
fn several(rescs: &[&Resc], relation: Relation) -> Composed {
    let lines: Vec<String> = rescs
        .iter()
        .map(|r| format!("- {}", relation_sentence(r, relation)))
        .collect();
    let names: Vec<&str> = rescs.iter().map(|r| r.name.as_str()).collect();
    Composed {
        id: crate::faq::LEADERS_ID.to_owned(),
        question: format!("Who leads {}?", names.join(" and ")),
        answer: lines.join("\n"),
    }
}

/// Every leader at once: the leaders' entry, in the words moderators see, or one line each
/// for a part of their names.
fn everyone(faq: &Faq, parsed: &Parsed) -> Composed {
    let entry = faq.entry(crate::faq::LEADERS_ID);
    match entry {
        Some(e) if parsed.relation == Relation::Role => Composed {
            id: e.id.clone(),
            question: e.question.clone(),
            answer: if parsed.all == Some(AllLeaders::Count) {
                let n = listed(faq).len();
                format!(
                    "The RESC Alliance lists {} leaders, one for each RESC.\n\n{}",
                    count_word(n),
                    e.answer
                )
            } else {
                e.answer.clone()
            },
        },
        _ => {
            let rescs: Vec<&Resc> = listed(faq).into_iter().map(|(r, _)| r).collect();
            several(&rescs, parsed.relation)
        }
    }
}

/// A RESC with its leader.
type Listed<'f> = (&'f Resc, &'f Leader);

/// Every RESC that has a leader, with the leader, in the directory's order.
fn listed(faq: &Faq) -> Vec<Listed<'_>> {
    faq.rescs
        .iter()
        .filter_map(|r| Some((r, leader(r)?)))
        .collect()
}

/// The leaders' titles: one sentence when they share one ("All six RESC leaders hold the
/// title Executive Director: ..."), else one line each.
fn titles(faq: &Faq) -> Composed {
    let listed = listed(faq);
    let names: Vec<String> = listed
        .iter()
        .map(|(r, l)| format!("{} ({})", l.display_name(), r.name))
        .collect();
    let answer = match listed.first() {
        Some((_, first)) if listed.iter().all(|(_, l)| l.title == first.title) => format!(
            "All {} RESC leaders hold the title {}: {}.",
            count_word(listed.len()),
            first.title,
            names.join(", ")
        ),
        _ => listed
            .iter()
            .map(|(r, l)| format!("- {}: {} {}", l.display_name(), r.name, l.title))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    Composed {
        id: crate::faq::LEADERS_ID.to_owned(),
        question: "What title do the RESC leaders hold?".to_owned(),
        answer,
    }
}

/// Which leaders are listed as "Dr.", and which are not.
fn who_are_doctors(faq: &Faq, words: &[&str]) -> Composed {
    let (with, without): (Vec<Listed>, Vec<Listed>) = listed(faq)
        .into_iter()
        .partition(|(_, l)| l.honorific.is_some());
    let with: Vec<String> = with
        .iter()
        .map(|(r, l)| format!("{} ({})", l.display_name(), r.name))
        .collect();
    let without: Vec<String> = without
        .iter()
        .map(|(r, l)| format!("{} ({})", l.name, r.name))
        .collect();
    let total = with.len() + without.len();
    // "Which leaders are listed without a Dr.?" names those without it, and only them.
    let asks_without = words
        .iter()
        .any(|w| matches!(*w, "without" | "not" | "no" | "lack" | "lacks"));
    let (question, answer) = if asks_without {
        let answer = if without.is_empty() {
            format!("All {} RESC leaders are listed as Dr.", count_word(total))
        } else {
            format!(
                "{} of the {} RESC leaders are listed without Dr.: {}.",
                capitalised(&count_word(without.len())),
                count_word(total),
                without.join(", ")
            )
        };
        ("Which RESC leaders are listed without Dr.?", answer)
    } else {
        let mut answer = format!(
            "{} of the {} RESC leaders are listed as Dr.: {}.",
            capitalised(&count_word(with.len())),
            count_word(total),
            with.join(", ")
        );
        if !without.is_empty() {
            answer.push_str(&format!(" Listed without it: {}.", without.join(", ")));
        }
        ("Which RESC leaders are listed as Dr.?", answer)
    };
    Composed {
        id: crate::faq::LEADERS_ID.to_owned(),
        question: question.to_owned(),
        answer,
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}
