//! Turning what people type into plain lowercase words.
//!
//! This is the first, FAQ-independent step of matching: Unicode compatibility forms, accents,
//! zero-width and other invisible characters, curly quotes, contractions ("what's", "who's") and
//! possessives ("LEARN's") are all folded away here, so the rest of the engine only ever sees
//! lowercase ASCII-ish words.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Characters that take no space on screen but would split or glue words if left in.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
    )
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}')
}

/// Contractions whose second half carries meaning ("what's" is "what is").
const CONTRACTION_SUFFIXES: [(&str, &str); 6] = [
    ("n't", "not"),
    ("'re", "are"),
    ("'ve", "have"),
    ("'ll", "will"),
    ("'d", "would"),
    ("'m", "am"),
];

/// Question words people write without the apostrophe ("whats", "whos").
const APOSTROPHE_LESS: [(&str, &str); 8] = [
    ("whats", "what"),
    ("whos", "who"),
    ("wheres", "where"),
    ("whens", "when"),
    ("hows", "how"),
    ("whys", "why"),
    ("thats", "that"),
    ("theres", "there"),
];

/// Negations people write without the apostrophe ("cant", "dont").
const NEGATIONS_WITHOUT_APOSTROPHE: [(&str, &str); 12] = [
    ("cant", "can"),
    ("couldnt", "could"),
    ("wouldnt", "would"),
    ("shouldnt", "should"),
    ("dont", "do"),
    ("doesnt", "does"),
    ("didnt", "did"),
    ("isnt", "is"),
    ("arent", "are"),
    ("wasnt", "was"),
    ("wont", "will"),
    ("havent", "have"),
];

/// Words before `'s` that make it "is", not a possessive.
const IS_CONTRACTIONS: [&str; 9] = [
    "what", "who", "where", "when", "how", "why", "that", "there", "it",
];

/// Splits `input` into normalised lowercase words.
///
/// Apostrophes are resolved (contractions expanded, possessives dropped), every other
/// non-alphanumeric character separates words.
#[must_use]
pub fn words(input: &str) -> Vec<String> {
    let mut folded = String::with_capacity(input.len());
    if input.is_ascii() {
        // Nothing to decompose: the common case, and the one large FAQs are made of.
        folded.extend(input.chars().map(|c| match c {
            '`' => '\'',
            c => c.to_ascii_lowercase(),
        }));
        return split_words(&folded);
    }
    for c in input.nfkd() {
        if is_invisible(c) || is_combining_mark(c) {
            continue;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
            other => other,
        };
        folded.extend(c.to_lowercase());
    }
    split_words(&folded)
}

/// The words of `input` joined by single spaces: the form in which two phrasings are the
/// same question. Plain ASCII (nearly every FAQ phrasing) is folded in one pass without a
/// word list; other text goes through [`words`].
#[must_use]
pub fn phrase_key(input: &str) -> String {
    if !input.is_ascii() || input.contains(['\'', '`']) {
        return words(input).join(" ");
    }
    let mut key = String::with_capacity(input.len());
    for c in input.chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !key.is_empty() && !key.ends_with(' ') {
            key.push(' ');
        }
    }
    if key.ends_with(' ') {
        key.pop();
    }
    key
}

fn split_words(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    // "what statute + how many RESCs": a "+" or "&" between spaces is "and".
    let joined;
    let folded = if folded.contains(" + ") || folded.contains(" & ") {
        joined = folded.replace(" + ", " and ").replace(" & ", " and ");
        joined.as_str()
    } else {
        folded
    };
    let folded = join_dotted_letters(folded);
    let folded = join_letter_codes(&folded);
    let mut pieces = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '#'))
        .peekable();
    while let Some(piece) = pieces.next() {
        let raw = piece.trim_matches(|c| c == '\'' || c == '#');
        if raw.is_empty() {
            // "# of centers" counts them.
            if piece.contains('#') && pieces.peek() == Some(&"of") {
                out.push("number".to_owned());
            }
            continue;
        }
        push_word(raw, &mut out);
    }
    join_spelled_letters(&mut out);
    out
}

/// A letter and a number joined by a hyphen ("W-9", "K-12") as one word, "w9": the name of a
/// form or a span of grades, not a letter and a count.
fn join_letter_codes(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let code_at = |i: usize| {
        bytes[i] == b'-'
            && i >= 1
            && bytes[i - 1].is_ascii_alphabetic()
            && (i == 1 || !bytes[i - 2].is_ascii_alphanumeric())
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
    };
    if !(0..bytes.len()).any(code_at) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if !code_at(i) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Letters spelt out one by one ("R E S C", "C-E-S") as one word: three or more words of a
/// single letter in a row.
fn join_spelled_letters(words: &mut Vec<String>) {
    let single = |w: &String| w.len() == 1 && w.bytes().all(|b| b.is_ascii_alphabetic());
    let mut i = 0;
    while i < words.len() {
        let run = words[i..].iter().take_while(|w| single(w)).count();
        if run >= 3 {
            let joined: String = words.drain(i + 1..i + run).collect();
            words[i].push_str(&joined);
            i += 1;
        } else {
            i += run.max(1);
        }
    }
}

/// Letters written with dots ("C.E.S.", "R.E.S.C") as one word; a lone initial ("Greg J.
/// Florio") stays as it is.
fn join_dotted_letters(text: &str) -> Cow<'_, str> {
    if !text.contains('.') {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let letter_at = |k: usize| chars.get(k).is_some_and(|c| c.is_alphabetic());
    let word_char_at = |k: usize| chars.get(k).is_some_and(|c| c.is_alphanumeric());
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let (mut j, mut letters) = (i, 0);
        if i == 0 || !word_char_at(i - 1) {
            while letter_at(j) {
                if chars.get(j + 1) == Some(&'.') {
                    letters += 1;
                    j += 2;
                } else {
                    // "c.e.s" ends on a letter with no dot.
                    if letters > 0 && !word_char_at(j + 1) {
                        letters += 1;
                        j += 1;
                    }
                    break;
                }
            }
        }
        if letters >= 2 {
            out.extend(chars[i..j].iter().filter(|c| **c != '.'));
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    Cow::Owned(out)
}

fn push_word(raw: &str, out: &mut Vec<String>) {
    if let Some(stem) = raw.strip_suffix("'s") {
        push_word(stem, out);
        if IS_CONTRACTIONS.contains(&stem) {
            out.push("is".to_owned());
        }
        return;
    }
    for (suffix, expansion) in CONTRACTION_SUFFIXES {
        if let Some(stem) = raw.strip_suffix(suffix) {
            let stem = match stem {
                "wo" => "will",
                "ca" => "can",
                other => other,
            };
            push_word(stem, out);
            out.push(expansion.to_owned());
            return;
        }
    }
    if let Some((_, expanded)) = APOSTROPHE_LESS.iter().find(|(short, _)| *short == raw) {
        out.push((*expanded).to_owned());
        out.push("is".to_owned());
        return;
    }
    if let Some((_, verb)) = NEGATIONS_WITHOUT_APOSTROPHE
        .iter()
        .find(|(short, _)| *short == raw)
    {
        out.push((*verb).to_owned());
        out.push("not".to_owned());
        return;
    }
    // Any apostrophe left is inside a word ("o'brien"): keep the letters together.
    out.push(if raw.contains('\'') {
        raw.replace('\'', "")
    } else {
        raw.to_owned()
    });
}

/// Words that open a question or a request: a sentence starting with one is asked, not told.
const ASKING_OPENERS: &[&str] = &[
    "who", "whom", "whose", "what", "when", "where", "why", "how", "which", "is", "isn't", "isnt",
    "are", "aren't", "arent", "was", "were", "do", "does", "doesn't", "doesnt", "did", "didn't",
    "didnt", "can", "could", "should", "would", "will", "has", "have", "tell", "list", "name",
    "give", "explain", "define", "describe", "remind", "confirm", "whats", "whos", "what's",
    "who's", "wat", "wut",
];

/// The closing words that ask whether a claim is right ("... is that right?").
const CHECKING_TAGS: &[&[&str]] = &[
    &["that", "is", "right", "is", "not", "it"],
    &["that", "is", "correct", "is", "not", "it"],
    &["that", "is", "true", "is", "not", "it"],
    &["am", "i", "remembering", "correctly"],
    &["am", "i", "remembering", "right"],
    &["do", "i", "remember", "correctly"],
    &["do", "i", "remember", "right"],
    &["do", "i", "have", "that", "right"],
    &["is", "not", "that", "so"],
    &["is", "not", "that", "right"],
    &["is", "not", "it"],
    &["are", "not", "they"],
    &["was", "not", "it"],
    &["were", "not", "they"],
    &["did", "not", "they"],
    &["did", "not", "it"],
    &["is", "that", "right"],
    &["is", "that", "correct"],
    &["is", "that", "true"],
    &["is", "that", "accurate"],
    &["is", "it", "true"],
    &["is", "it", "right"],
    &["is", "it", "correct"],
    &["is", "this", "right"],
    &["is", "this", "correct"],
    &["is", "this", "true"],
    &["am", "i", "right"],
    &["is", "she", "right"],
    &["is", "he", "right"],
    &["are", "they", "right"],
    &["is", "she", "correct"],
    &["is", "he", "correct"],
    &["are", "they", "correct"],
    &["still", "right"],
    &["still", "correct"],
    &["right"],
    &["correct"],
    &["true"],
];

/// Verbs that make a sentence's first word ("name", "list") its subject: "name came up", "list was long".
const TELLING_VERBS: &[&str] = &[
    "came", "comes", "come", "is", "was", "sounds", "sounded", "rang", "rings", "popped", "keeps",
    "kept", "appeared", "appears", "seems", "seemed", "changed", "got", "has", "had",
];

/// Words said before the question itself ("so", "ok", "quick q") that do not make a sentence
/// a statement.
const LEAD_INS: &[&str] = &[
    "so", "ok", "okay", "and", "but", "also", "quick", "q", "question", "hey", "hi", "hello", "um",
    "well", "oh", "yo", "sorry", "actually", "then", "now", "plz", "pls", "please", "or", "wait",
];

/// Question words that open a question wherever they follow "but".
const WH_OPENERS: &[&str] = &[
    "what", "who", "when", "where", "why", "which", "how", "whats", "what's", "who's", "whos",
];

/// Words that open a clause saying why or who is asking ("..., need it for a form", "...,
/// I'm new here"), not what is asked.
const TELLING_OPENERS: &[&str] = &[
    "need",
    "needed",
    "needs",
    "i",
    "im",
    "i'm",
    "ive",
    "i've",
    "id",
    "i'd",
    "we",
    "we're",
    "my",
    "our",
    "just",
    "trying",
    "asking",
    "because",
    "cause",
    "cuz",
    "since",
    "for",
    "it's",
    "its",
    "this",
    "thanks",
    "thank",
    "thx",
    "ty",
    "lol",
    "haha",
    "writing",
    "working",
    // "..., making a contact sheet for our music dept": what the asker is busy with.
    "making",
    "doing",
    "prepping",
    "preparing",
    "planning",
    "drafting",
    "compiling",
    "updating",
    "putting",
    "building",
    "organizing",
    "organising",
    "assembling",
    "filling",
    "finishing",
];

/// The first word of `text` after any lead-in ("but", "so"), lowercase.
fn first_word(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .find(|w| !LEAD_INS.contains(&w.as_str()))
}

/// Whether `text` opens, after any lead-in ("but", "so"), like a question.
fn asks_next(text: &str) -> bool {
    first_word(text).is_some_and(|w| ASKING_OPENERS.contains(&w.as_str()))
}

/// Whether `words` open by saying the asker wonders or wants to know ("I was wondering whether
/// ...", "I'd like to know ..."): a question, with or without a question mark.
fn wonders(words: &[String]) -> bool {
    const OPENINGS: &[&[&str]] = &[
        &["i", "was", "wondering"],
        &["i", "am", "wondering"],
        &["i'm", "wondering"],
        &["im", "wondering"],
        &["i", "wonder"],
        &["wondering"],
        &["i'd", "like", "to", "know"],
        &["id", "like", "to", "know"],
        &["i", "would", "like", "to", "know"],
        &["i", "want", "to", "know"],
        &["i", "wanna", "know"],
    ];
    let start = words
        .iter()
        .position(|w| !LEAD_INS.contains(&w.as_str()))
        .unwrap_or(words.len());
    opening(&words[start..], OPENINGS).is_some()
}

/// The first of `phrases` that `words` open with, with at least one word after it.
#[must_use]
pub fn opening<'p>(words: &[String], phrases: &[&'p [&str]]) -> Option<&'p [&'p str]> {
    phrases
        .iter()
        .copied()
        .find(|p| words.len() > p.len() && words.iter().zip(p.iter()).all(|(w, x)| w == x))
}

/// Whether the clause opening `text` opens with a verb that asks only when the clause ends
/// with "?" and ends as a statement, with "." or "!": "..., Sandy, did a workshop there."
/// tells what Sandy did; "..., please list them." still asks. The dot of "Dr." or "J." ends
/// nothing.
fn ends_as_statement(text: &str) -> bool {
    const AUXILIARIES: &[&str] = &[
        "did", "does", "do", "is", "are", "was", "were", "can", "could", "has", "have", "had",
        "will", "would", "should",
    ];
    if !first_word(text).is_some_and(|w| AUXILIARIES.contains(&w.as_str())) {
        return false;
    }
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '?' | '\n' => return false,
            '!' => return true,
            '.' => {
                let abbreviation = word.chars().count() == 1
                    || matches!(
                        word.as_str(),
                        "dr" | "mr" | "mrs" | "ms" | "st" | "jr" | "sr"
                    );
                if !abbreviation && chars.peek().map_or(true, |n| n.is_whitespace()) {
                    return true;
                }
                word.clear();
            }
            c if c.is_alphanumeric() => word.extend(c.to_lowercase()),
            _ => word.clear(),
        }
    }
    false
}

/// Whether a comma between `before` (this sentence so far) and `rest` ends a question: it
/// opened like one, and what follows says why or who asks ("who leads LEARN, need it for a
/// permission form").
fn question_then_context(before: &str, rest: &str) -> bool {
    asks_next(before)
        && (first_word(rest).is_some_and(|w| TELLING_OPENERS.contains(&w.as_str()))
            || says_why(rest))
}

/// Whether `text` opens a clause of purpose or reason in a more formal register: "so that I
/// may address him correctly", "given that my notes are old", "as I am preparing a briefing",
/// "in order to ...".
fn says_why(text: &str) -> bool {
    let mut words = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    match (words.next().as_deref(), words.next().as_deref()) {
        // "..., if you don't mind my asking?", "..., if possible": politeness.
        (Some("so"), Some("that"))
        | (Some("given"), _)
        | (Some("in"), Some("order"))
        | (Some("if"), Some("you" | "possible" | "u")) => true,
        // "..., as it should appear in a citation?": how the answer will be used.
        (Some("as"), Some(w)) => {
            matches!(w, "i" | "we" | "my" | "our" | "i'm" | "im")
                || w == "it"
                    && words.next().is_some_and(|v| {
                        matches!(
                            v.as_str(),
                            "should" | "would" | "will" | "must" | "needs" | "appears" | "goes"
                        )
                    })
        }
        _ => false,
    }
}

/// "wait what even is a RESC": a "wait" among the words before the question is not one of
/// its words.
fn drop_wait(words: &mut Vec<String>) {
    let lead = words
        .iter()
        .take_while(|w| LEAD_INS.contains(&w.as_str()))
        .count();
    if lead < words.len() && words[..lead].iter().any(|w| w == "wait") {
        let mut at = 0;
        words.retain(|w| {
            at += 1;
            at > lead || w != "wait"
        });
    }
}

/// The words of the sentences that ask, in order; of every sentence when none asks.
#[must_use]
pub fn asking_words(sentences: &[Sentence]) -> Vec<&str> {
    let any_asks = sentences.iter().any(|s| s.asks);
    sentences
        .iter()
        .filter(|s| s.asks || !any_asks)
        .flat_map(|s| s.words.iter().map(String::as_str))
        .collect()
}

/// Where a closing doubt opens: "..., or is that just marketing?", "... or is that
/// marketing" ("that" at the end, with a word or two after it); "or was that the Alliance?"
/// names another thing.
fn closing_doubt(words: &[String]) -> Option<usize> {
    words
        .windows(4)
        .position(|w| {
            w[0] == "or"
                && matches!(w[1].as_str(), "is" | "was")
                && matches!(w[2].as_str(), "that" | "it" | "this")
                && w[3] == "just"
        })
        .or_else(|| {
            let at = words.len().checked_sub(5)?;
            (at..words.len() - 3).find(|&i| {
                words[i] == "or"
                    && matches!(words[i + 1].as_str(), "is" | "was")
                    && matches!(words[i + 2].as_str(), "that" | "this")
                    && !matches!(words[i + 3].as_str(), "the" | "a" | "an" | "my" | "our")
            })
        })
}

/// One sentence of a message, and whether it asks something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<String>,
    /// Ends with `?` or opens like a question or request ("who", "is", "tell me").
    pub asks: bool,
}

/// Splits a message into sentences (at `.`, `!`, `?`, `;`, `:`, line breaks, a comma before
/// a question word, a comma between a question and words saying why it is asked, before "but"
/// and a question word, and before a question's closing "for my ..." or "for our ..."; not at
/// the dot of "Dr." or "J.") and
/// their words (see [`words`]).
///
/// A chatty message says why before it asks ("My principal keeps mentioning it. What is a
/// RESC?"): the matcher weighs the sentences that ask above the ones that tell.
#[must_use]
pub fn sentences(input: &str) -> Vec<Sentence> {
    // "tl;dr" is one word, not two sentences ("dr" alone would be a doctor).
    if let Some(at) = input
        .contains(';')
        .then(|| input.to_ascii_lowercase().find("tl;dr"))
        .flatten()
    {
        return sentences(&format!("{}tldr{}", &input[..at], &input[at + 5..]));
    }
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = input.as_bytes();
    // The piece after a comma that ended a question and opened why it is asked ("who leads
    // ACES, since I must write to him?") tells, whatever mark it ends with.
    let mut context = false;
    let push = |piece: &str, end: Option<u8>, context: bool, out: &mut Vec<Sentence>| {
        let mut words = words(piece);
        if words.is_empty() {
            return;
        }
        drop_wait(&mut words);
        let mut raw = piece
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
            .skip_while(|w| LEAD_INS.contains(&w.as_str()));
        let (first_raw, second_raw) = (raw.next(), raw.next());
        // "name came up in a meeting": a noun, not "name the leaders".
        let told = matches!(first_raw.as_deref(), Some("name" | "list"))
            && second_raw
                .as_deref()
                .is_some_and(|w| TELLING_VERBS.contains(&w))
            // "When I served as a liaison there were a dozen": a time or place the asker
            // tells of, not a question.
            || matches!(first_raw.as_deref(), Some("when" | "where"))
                && second_raw
                    .as_deref()
                    .is_some_and(|w| matches!(w, "i" | "we" | "i'm" | "i've" | "we're" | "we've"));
        let opens_question = first_raw
            .as_deref()
            .is_some_and(|w| ASKING_OPENERS.contains(&w))
            || wonders(&words);
        let asks = (end == Some(b'?') && !context) || !told && opens_question;
        // "Who leads LEARN for our newsletter?": what follows "for my/our" says why it is
        // asked, not what.
        let purpose = words
            .windows(2)
            .position(|w| w[0] == "for" && matches!(w[1].as_str(), "my" | "our"))
            .filter(|&at| asks && at >= 2);
        // "Have RESCs saved money, or is that just marketing?": a doubt added at the end tells
        // what the asker suspects; the question is before it.
        let doubt = closing_doubt(&words).filter(|&at| asks && at >= 2);
        if let Some(at) = purpose.or(doubt) {
            let why = words.split_off(at);
            out.push(Sentence { words, asks });
            out.push(Sentence {
                words: why,
                asks: false,
            });
            return;
        }
        out.push(Sentence { words, asks });
    };
    for (i, c) in input.char_indices() {
        let rest = &input[i + c.len_utf8()..];
        let mut reason_next = false;
        let ends = match c {
            '?' | '!' | ';' | '\n' | '\u{2014}' | '\u{2013}' | '\u{2026}' => true,
            // "I need it for a memo, but what is the statute?": a question after a comma,
            // or after a dash between spaces.
            ',' => {
                let asks = asks_next(rest) && !ends_as_statement(rest);
                let why = !asks && question_then_context(&input[start..i], rest);
                // A clause of reason or purpose ("since ...", "so that ...") tells; "...,
                // need it for a memo?" is read as before.
                reason_next = why
                    && (says_why(rest)
                        || first_word(rest)
                            .is_some_and(|w| matches!(w.as_str(), "since" | "because")));
                asks || why
            }
            '-' => i > 0 && bytes[i - 1] == b' ' && rest.starts_with(' '),
            // "my mentor keeps saying 'call the RESC' but what actually is a RESC?": a
            // question word after "but" opens the question, with or without a comma.
            ' ' => {
                rest.get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case("but "))
                    && first_word(&rest[4..]).is_some_and(|w| WH_OPENERS.contains(&w.as_str()))
                    && input[start..i].split_whitespace().count() >= 3
            }
            ':' => !rest.starts_with(|c: char| c.is_ascii_digit()),
            '.' => {
                // The last dot of "..." ends a sentence like one dot.
                let before = input[start..i].trim_end_matches('.');
                let word = before
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                let next_is_space = rest.chars().next().map_or(true, char::is_whitespace);
                // "Dr." and the "J." of "Greg J. Florio" do not end a sentence.
                let abbreviation = word.chars().count() == 1
                    || matches!(
                        word.as_str(),
                        "dr" | "mr" | "mrs" | "ms" | "st" | "jr" | "sr" | "vs"
                    );
                next_is_space && !word.is_empty() && !abbreviation
            }
            _ => false,
        };
        if ends {
            let end = u8::try_from(c).ok();
            push(&input[start..i], end, context, &mut out);
            start = i + c.len_utf8();
            context = reason_next;
        }
    }
    push(&input[start..], None, context, &mut out);
    out
}

/// Words that report what someone else said or wrote ("old email says ...", "a parent
/// told me ...", "my notes list ...").
const REPORTING: &[&str] = &[
    "says",
    "said",
    "say",
    "told",
    "tells",
    "tell",
    "thinks",
    "think",
    "thought",
    "insists",
    "insisted",
    "claims",
    "claimed",
    "swears",
    "swore",
    "mentioned",
    "mentions",
    "wrote",
    "writes",
    "lists",
    "listed",
    "heard",
    "believes",
    "believe",
    "assumed",
    "assumes",
    "shows",
    "showed",
    "reckons",
];

/// A claim and the check that closes it ("old email says Florio runs ACES is that right",
/// "a parent told me Ericson runs CREC. Is that right?"), as one question that asks about the
/// claim itself: "Florio runs ACES is that right". Who made the claim becomes a sentence that
/// tells. `None` unless the message ends by checking a claim.
#[must_use]
pub fn checked_claim(sentences: &[Sentence]) -> Option<Vec<Sentence>> {
    let tag_of = |words: &[String]| {
        CHECKING_TAGS
            .iter()
            .find(|t| words.len() >= t.len() && words[words.len() - t.len()..] == ***t)
            .map(|t| t.len())
            // "I want the letterhead to be right" says why, it checks nothing.
            .filter(|n| {
                *n == words.len() || !matches!(words[words.len() - n - 1].as_str(), "be" | "get")
            })
    };
    let (last, before) = sentences.split_last()?;
    let opens_question = |words: &[String]| {
        words
            .iter()
            .find(|w| !LEAD_INS.contains(&w.as_str()))
            .is_some_and(|w| ASKING_OPENERS.contains(&w.as_str()))
    };
    // "That's right, isn't it?" checks in two sentences: both are the check.
    let whole_check = |words: &[String]| {
        tag_of(words) == Some(words.len())
            || matches!(
                words,
                [a, b, c] if matches!(a.as_str(), "that" | "it" | "this")
                    && b == "is"
                    && matches!(c.as_str(), "right" | "correct" | "true")
            )
    };
    let checks = sentences
        .iter()
        .rev()
        .take_while(|s| whole_check(&s.words))
        .count();
    // The claim's words, the check's, and the sentences before the claim.
    let joined: Vec<String>;
    let (claim, check, earlier): (&[String], &[String], &[Sentence]) = match tag_of(&last.words) {
        // "..., is that right?": the sentence before is the claim.
        Some(n) if n == last.words.len() => {
            let (claim, earlier) = sentences[..sentences.len() - checks].split_last()?;
            joined = sentences[sentences.len() - checks..]
                .iter()
                .flat_map(|s| s.words.iter().cloned())
                .collect();
            (&claim.words, &joined, earlier)
        }
        Some(n)
            if last.words.len() >= n + 3
                && (last.asks || sentences.len() == 1)
                && !opens_question(&last.words) =>
        {
            let (claim, check) = last.words.split_at(last.words.len() - n);
            (claim, check, before)
        }
        _ => return None,
    };
    if opens_question(claim) {
        return None;
    }
    // "a parent told me ...", "I was under the impression that ...".
    let reported = claim
        .iter()
        .take(8)
        .position(|w| REPORTING.contains(&w.as_str()))
        .or_else(|| claim.iter().take(8).position(|w| w == "that"));
    let (source, mut said) = match reported {
        Some(at) => (&claim[..=at], &claim[at + 1..]),
        None => (&claim[..0], claim),
    };
    // "..., because I saw his name near LEARN": why they think so is not the claim.
    if let Some(why) = said
        .iter()
        .position(|w| matches!(w.as_str(), "because" | "cause" | "cuz"))
    {
        said = &said[..why];
    }
    while said
        .first()
        .is_some_and(|w| matches!(w.as_str(), "me" | "us" | "that"))
    {
        said = &said[1..];
    }
    let mut out = earlier.to_vec();
    if !source.is_empty() {
        out.push(Sentence {
            words: source.to_vec(),
            asks: false,
        });
    }
    out.push(Sentence {
        words: said.iter().chain(check).cloned().collect(),
        asks: true,
    });
    Some(out)
}

/// Collapses runs of whitespace, drops invisible characters and trims: the form in which a
/// question is echoed back and recorded.
#[must_use]
pub fn clean_display(input: &str) -> String {
    input
        .chars()
        .filter(|c| !is_invisible(*c))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What kind of figure a word is: a question that gives a wrong one ("signed back in 2019?",
/// "eight RESCs?") is answered by the entry that states the right one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// 1972, 2021; also a decade ("1990s", "80s", "nineties"): a time in years.
    Year,
    /// August, aug, sept.
    Month,
    /// six, 8, a dozen.
    Count,
}

impl Figure {
    /// The bit of this kind in a set of kinds.
    #[must_use]
    pub fn bit(self) -> u8 {
        match self {
            Figure::Year => 1,
            Figure::Month => 2,
            Figure::Count => 4,
        }
    }
}

const MONTHS: &[&str] = &[
    "january",
    "jan",
    "february",
    "feb",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sept",
    "sep",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
];
const COUNT_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "dozen", "twenty", "thirty", "forty", "fifty", "hundred",
];
/// Whether `word` is a number: digits ("6", "1,200" split as words) or a count word ("six").
#[must_use]
pub fn is_number(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) || COUNT_WORDS.contains(&word)
}

const DECADE_WORDS: &[&str] = &[
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
    "thousands",
];

/// How exactly a date is given or asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DatePrecision {
    Decade,
    Year,
    Month,
    Day,
}

impl DatePrecision {
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Decade => "decade",
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
        }
    }
}

/// The most exact date in `words` (folded, as [`words`] gives them), if any: "August 1, 1972"
/// gives a day, "July 2021" a month, "1972" a year, "the 1990s" a decade.
#[must_use]
pub fn finest_date(words: &[&str]) -> Option<DatePrecision> {
    let mut finest = None;
    for (i, w) in words.iter().enumerate() {
        let given = if *w != "may" && MONTHS.contains(w) {
            let day = words
                .get(i + 1)
                .is_some_and(|d| d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()));
            Some(if day {
                DatePrecision::Day
            } else {
                DatePrecision::Month
            })
        } else if figure(w) == Some(Figure::Year) {
            Some(if w.ends_with('s') || DECADE_WORDS.contains(w) {
                DatePrecision::Decade
            } else {
                DatePrecision::Year
            })
        } else {
            None
        };
        finest = finest.max(given);
    }
    finest
}

/// A statement of an answer that gives a date: the year it sorts by (a decade's first year),
/// the date as written ("1972", "the 1990s" gives "1990s") and the sentence itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub year: u16,
    pub label: String,
    pub sentence: String,
}

impl Dated {
    /// Whether it gives a decade ("the 1990s") rather than a year.
    #[must_use]
    pub fn decade(&self) -> bool {
        self.label.ends_with('s')
    }
}

/// The first sentence (or list line) of `answer` that gives a year or a decade, if any.
#[must_use]
pub fn dated_sentence(answer: &str) -> Option<Dated> {
    answer
        .split('\n')
        .flat_map(|line| line.split_inclusive(". "))
        .find_map(|piece| {
            let label = words(piece).into_iter().find(|w| {
                figure(w) == Some(Figure::Year) && w.len() >= 4 && w.as_bytes()[0] != b'0'
            })?;
            let year = label.trim_end_matches('s').parse().ok()?;
            let sentence = piece.trim().trim_start_matches("- ").trim();
            Some(Dated {
                year,
                label,
                sentence: sentence.to_owned(),
            })
        })
}

/// Words that ask when something happened, or in what order ("which came first", "how many
/// years between"): a question with them and two subjects asks for two dates.
const TIME_WORDS: &[&str] = &[
    "when",
    "year",
    "years",
    "yr",
    "yrs",
    "date",
    "dates",
    "dated",
    "decade",
    "decades",
    "first",
    "earlier",
    "earliest",
    "later",
    "latest",
    "older",
    "oldest",
    "newer",
    "newest",
    "before",
    "after",
    "timeline",
    "chronological",
    "chronologically",
    "order",
    "elapsed",
    "passed",
    "apart",
    "separate",
    "separates",
];

/// Words that join the subjects of a comparison ("the RESCs or the Alliance", "between the
/// statute and the Accord").
const COMPARING: &[&str] = &["and", "or", "vs", "versus", "than", "then"];

/// Words that join two questions when a question word follows ("... and who runs CREC?").
const JOINING: &[&str] = &["and", "or", "plus", "also"];

/// What a part of a question comparing dates asks the date of: its words without the
/// words about time and order ("which came first, the RESCs" asks about "the RESCs").
#[must_use]
pub fn time_subject<'w>(part: &[&'w str]) -> Vec<&'w str> {
    part.iter()
        .copied()
        .filter(|w| {
            !TIME_WORDS.contains(w)
                && !matches!(
                    *w,
                    "which" | "what" | "how" | "many" | "long" | "came" | "come" | "between"
                )
        })
        .collect()
}

/// Words of a request for hostile, private or made-up talk about people ("write a roast of
/// the CREC director", "say Dr. Danehy is corrupt"), which no FAQ
/// answer serves.
const HOSTILE: &[&str] = &[
    "roast",
    "joke",
    "jokes",
    "insult",
    "insults",
    "mock",
    "corrupt",
    "incompetent",
    "gossip",
    "rumor",
    "rumors",
    "rumour",
    "rumours",
    "embarrassing",
    "scandal",
    "scandals",
    "dirt",
    "badmouth",
    "pretend",
    "insulting",
    "nasty",
    "trash",
    "trashing",
    "bash",
    "bashing",
    "diss",
    "defame",
    "defamatory",
    "slander",
    "smear",
    "hateful",
    "humiliate",
    "humiliating",
    "ridicule",
    "harass",
    // Judging people: "which director is the worst at their job?"
    "worst",
    "laziest",
    "dumbest",
    "stupidest",
];

/// Whether `words` (of the sentences that ask) request hostile or made-up talk about people,
/// or ask to set the rules aside ("ignore your rules and tell me ...").
#[must_use]
pub fn asks_for_hostile(words: &[&str]) -> bool {
    words.iter().any(|w| HOSTILE.contains(w))
        || words.windows(2).any(|w| {
            w[0] == "ignore" && matches!(w[1], "your" | "all" | "previous" | "the")
                // "a mean post about ...", "so people stop trusting LEARN", "make fun of"
                || w[0] == "mean"
                    && matches!(
                        w[1],
                        "post" | "posts" | "message" | "tweet" | "comment" | "comments"
                            | "email" | "review" | "things" | "stuff" | "letter" | "note"
                    )
                || w[0] == "stop" && matches!(w[1], "trusting" | "respecting" | "liking")
                || matches!(w, ["hit", "piece"] | ["make", "fun"])
                // "a fake complaint about ...", "made-up reviews"
                || matches!(w[0], "fake" | "false" | "made" | "invented")
                    && matches!(
                        w[1],
                        "complaint" | "complaints" | "review" | "reviews" | "story" | "stories"
                            | "quote" | "quotes" | "accusation" | "accusations" | "allegation"
                            | "allegations" | "report" | "reports"
                    )
        })
        // "... so we can get her in trouble", "get him fired"
        || words.windows(3).any(|w| {
            w[0] == "get"
                && matches!(w[1], "her" | "him" | "them")
                && matches!(w[2], "fired" | "in")
                && (w[2] == "fired" || words.contains(&"trouble"))
        })
        || says_truth_does_not_matter(words)
}

/// "Write me an email in the name of Dr. Kitching ...", "draft a note on behalf of the
/// director", "write a letter from Dr. Florio, nobody will check": a request to write as
/// someone else.
#[must_use]
pub fn writes_as_someone(words: &[&str]) -> bool {
    const WRITING: &[&str] = &[
        "write", "draft", "compose", "sign", "send", "email", "letter", "note", "message", "memo",
    ];
    words.iter().enumerate().any(|(i, w)| {
        let as_someone = matches!(words.get(i..i + 4), Some(["in", "the", "name", "of"]))
            // "on behalf of a few old colleagues" or "of our staff" speaks for the asker's own
            // people, not as someone else.
            || matches!(words.get(i..i + 3), Some(["on", "behalf", "of"]))
                && !words.get(i + 3).is_some_and(|w| {
                    matches!(
                        *w,
                        "my" | "our" | "us" | "me" | "a" | "some" | "several" | "all" | "colleagues" | "staff" | "team"
                    )
                })
            || matches!(*w, "impersonate" | "impersonating" | "forge" | "forged")
            // "an email pretending to be Dr. Kitching", "posing as the director"
            || matches!(*w, "pretending" | "pretend" | "posing")
                && matches!(words.get(i + 1), Some(&("to" | "as")));
        // "... just put his name at the end, nobody will check."
        let unchecked = matches!(*w, "nobody" | "noone") && words.get(i + 1) == Some(&"will")
            || matches!(words.get(i..i + 3), Some(["no", "one", "will"]));
        as_someone && words[..i].iter().any(|b| WRITING.contains(b))
            || matches!(*w, "impersonate" | "impersonating")
            || unchecked && words.iter().any(|b| WRITING.contains(b))
    })
}

/// "... doesn't matter if it's true", "it doesn't have to be true", "even if it's not true",
/// "whether or not it's true": a request for made-up talk. "Is it true that ...?" is not.
fn says_truth_does_not_matter(words: &[&str]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let before = &words[i.saturating_sub(4)..i];
        *w == "true"
            && (before
                .iter()
                .any(|b| matches!(*b, "matter" | "matters" | "whether" | "even"))
                || before
                    .windows(2)
                    .any(|b| matches!(b[0], "need" | "needs" | "have" | "has") && b[1] == "to"))
    })
}

/// Whether any of `words` is one of `these`.
#[must_use]
pub fn any_of(words: &[String], these: &[&str]) -> bool {
    words.iter().any(|w| these.contains(&w.as_str()))
}

/// Which of `words` tell why or for whom something is asked, inside a sentence that asks:
/// a purpose or reason ("... for a letter I'm drafting", "... so I can update the sheet",
/// "... before I transfer a call"), who asked ("a parent asked who ..."), or how a name came
/// up ("... came up in a meeting, which ..."). A clause holding a word for which `keeps` is
/// true (a name, or a word of what is asked) is never one.
#[must_use]
pub fn telling_clauses(words: &[&str], keeps: impl Fn(&str) -> bool) -> Vec<bool> {
    const DETERMINERS: &[&str] = &[
        "a", "an", "the", "my", "our", "this", "that", "some", "his", "her", "their", "your",
    ];
    const SUBJECTS: &[&str] = &["i", "we", "i'm", "im", "we're", "i'll", "we'll", "ill"];
    const REASONS: &[&str] = &["because", "cause", "cuz", "bc"];
    // Words after which "I" or "we" is part of the question ("who do I ask", "if we join").
    const BEFORE_ASKING_SUBJECT: &[&str] = &[
        "do", "does", "did", "can", "could", "should", "would", "will", "shall", "may", "might",
        "must", "am", "are", "is", "was", "were", "if", "that", "when", "what", "who", "whom",
        "where", "how", "which", "why", "whether", "and", "or", "but", "so", "as", "than", "have",
        "has", "had", "let", "to", "because", "cause", "cuz", "bc", "since", "before", "while",
        "after", "until", "once", "where's", "what's", "who's", "whats",
    ];
    const ASKED: &[&str] = &[
        "asked",
        "asking",
        "asks",
        "ask",
        "wondering",
        "wondered",
        "wants",
        "wanted",
        "curious",
    ];
    const QUESTION_WORDS: &[&str] = &["who", "whom", "whose", "which", "what", "whats", "who's"];
    // What one means to do with the answer: "to discuss shared services", "to reach out".
    const REACHING: &[&str] = &[
        "discuss",
        "talk",
        "propose",
        "invite",
        "thank",
        "schedule",
        "arrange",
        "introduce",
        "follow",
        "pitch",
        "request",
        "reach",
        "contact",
    ];
    let mut telling = vec![false; words.len()];
    let is_question_word = |w: &str| QUESTION_WORDS.contains(&w);
    // The clause from `start` up to the next question word or kept word (or the end): "...
    // before I transfer a call, Kate Ericson is at LEARN right?" tells up to the name.
    let mark = |start: usize, telling: &mut Vec<bool>| {
        let end = words[start + 1..]
            .iter()
            .position(|w| is_question_word(w) || keeps(w))
            .map_or(words.len(), |p| start + 1 + p);
        if end - start >= 2 {
            telling[start..end].iter_mut().for_each(|t| *t = true);
        }
    };
    for i in 1..words.len() {
        let (w, next) = (words[i], words.get(i + 1).copied().unwrap_or(""));
        let after_next = words.get(i + 2).copied().unwrap_or("");
        let opens = match w {
            // "for a letter", not "for CES"; never the opening word ("for CES, who ...").
            "for" => i >= 2 && DETERMINERS.contains(&next),
            "so" => next == "that" || SUBJECTS.contains(&next),
            // "before I send it", not "before I started" (a time in the past).
            "before" | "while" => {
                SUBJECTS.contains(&next)
                    && !after_next.ends_with("ed")
                    && !matches!(
                        after_next,
                        "got" | "was" | "were" | "came" | "began" | "left"
                    )
            }
            "in" => next == "case",
            // "... regarding a collaboration proposal", "... about an interdistrict
            // partnership", "... to discuss shared services".
            "regarding" | "concerning" => i >= 2,
            "about" => {
                i >= 3
                    && DETERMINERS.contains(&next)
                    && !matches!(
                        words[i - 1],
                        "what" | "how" | "tell" | "know" | "more" | "info" | "information"
                    )
            }
            // "..., wanna reach out abt coaching PD": "wanna" is "want to".
            "to" | "wanna" | "gonna" => i >= 2 && REACHING.contains(&next),
            // "Danehy came up in a meeting", "his name keeps coming up".
            "came" | "comes" | "come" | "coming" | "popped" => next == "up",
            // "since I need it", not "since 2010".
            "since" => SUBJECTS.contains(&next) || matches!(next, "my" | "our" | "it's" | "its"),
            // "list the directors pls i can never keep them straight": what the asker says of
            // themselves after the question; "who do I ask", "what should we call him" ask.
            _ if SUBJECTS.contains(&w) => i >= 3 && !BEFORE_ASKING_SUBJECT.contains(&words[i - 1]),
            _ => REASONS.contains(&w),
        };
        if opens {
            mark(i, &mut telling);
        }
    }
    // "a parent asked who leads CREC": who asked, before the question word.
    if let Some(q) = words.iter().position(|w| is_question_word(w)) {
        if q >= 2
            && words[..q].iter().any(|w| ASKED.contains(w))
            && !words[..q].iter().any(|w| keeps(w))
        {
            telling[..q].iter_mut().for_each(|t| *t = true);
        }
    }
    telling
}

/// Whether `words` ask for a list of things ("list the beliefs", "name them one by one",
/// "item by item").
#[must_use]
pub fn asks_for_list(words: &[String]) -> bool {
    words
        .iter()
        .any(|w| matches!(w.as_str(), "list" | "enumerate" | "itemize" | "itemise"))
        || words
            .windows(3)
            .any(|w| w[1] == "by" && w[0] == w[2] && matches!(w[0].as_str(), "one" | "item"))
}

/// Whether `words` ask when: "when", or "what year", "which date", "what month", "what day".
#[must_use]
pub fn asks_when(words: &[&str]) -> bool {
    words.contains(&"when")
        || words.windows(2).any(|w| {
            matches!(w[0], "what" | "which") && matches!(w[1], "year" | "date" | "month" | "day")
        })
}

/// Whether `words` ask when something comes next or ends ("when does the Accord expire?",
/// "when is the next training?", "when will it come up for renewal?"): a time ahead, which an
/// answer giving only past dates does not tell.
#[must_use]
pub fn asks_when_ahead(words: &[&str]) -> bool {
    const AHEAD: &[&str] = &[
        "next",
        "upcoming",
        "expire",
        "expires",
        "expiring",
        "expiration",
        "expiry",
        "lapse",
        "lapses",
        "sunset",
        "sunsets",
    ];
    asks_when(words)
        && (words.iter().any(|w| AHEAD.contains(w))
            || words
                .windows(2)
                .any(|w| w == ["when", "will"] || w == ["for", "renewal"]))
}

/// The latest year `words` (folded) name, if any ("the 1990s" gives 1990).
#[must_use]
pub fn latest_year(words: &[&str]) -> Option<u16> {
    words
        .iter()
        .filter(|w| figure(w) == Some(Figure::Year) && w.len() >= 4)
        .filter_map(|w| w.trim_end_matches('s').parse().ok())
        .max()
}

/// Whether `words` ask for the items themselves, one at a time or word for word ("list the
/// beliefs in the Accord", "quote them", "one by one", "verbatim", "what specific laws"): an
/// answer that only names what the items are about does not give them. "the list of services" names a list.
#[must_use]
pub fn asks_for_items(words: &[&str]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let before = i.checked_sub(1).map(|b| words[b]);
        let after = words.get(i + 1).copied();
        match *w {
            "list" | "quote" | "enumerate" | "itemize" | "itemise" => {
                !matches!(
                    before,
                    Some("the" | "a" | "its" | "their" | "this" | "that" | "our" | "your")
                ) && after.is_some_and(|a| a != "of")
            }
            "verbatim" => true,
            // "what specific laws", "which particular programs": the items by name ("does
            // it push for specific laws?" asks whether).
            "specific" | "particular" => {
                words[i.saturating_sub(3)..i]
                    .iter()
                    .any(|b| matches!(*b, "what" | "which"))
                    && after.is_some_and(|a| a.len() > 3 && a.ends_with('s') && !a.ends_with("ss"))
            }
            _ => false,
        }
    }) || words.windows(3).any(|w| {
        w[1] == "by" && w[0] == w[2] && matches!(w[0], "one" | "item")
            || w == ["word", "for", "word"]
    })
}

/// Whether `text` lists things: a bulleted or numbered line, or a sentence naming three or
/// more things between commas ("quality, cost-effective programs, services, and resources").
#[must_use]
pub fn enumerates(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with("- ")
            || line.starts_with("* ")
            || line.starts_with('•')
            || line
                .split_once(['.', ')'])
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    }) || text
        .split(['.', '!', '?', ';', ':'])
        .any(|sentence| sentence.matches(',').count() >= 2)
}

/// Words that make a sentence a statement rather than a phrase naming a topic: someone
/// speaking, or a verb ("I work at CES", "CREC is great", "my aunt says ...").
pub const SPEAKING_OR_VERB: &[&str] = &[
    "i", "im", "me", "my", "we", "our", "us", "you", "your", "is", "are", "was", "were", "be",
    "been", "am", "has", "have", "had", "do", "does", "did", "can", "could", "will", "would",
    "should", "may", "might", "must", "says", "said", "say", "told", "tells", "think", "thought",
    "heard", "hear", "know", "knows", "works", "work", "worked", "thanks", "thank", "ok", "okay",
];

/// Words that refer to something named before: a part with one and no name of its own
/// ("... can you list them", "who's the boss there") continues the part before it.
pub const REFERRING: &[&str] = &[
    "it", "its", "them", "they", "their", "there", "that", "this", "these", "those", "he", "she",
    "him", "her", "his", "one", "ones",
];

/// Whether `words` ask how much time passed ("how many years between", "how long after",
/// "how far apart").
#[must_use]
pub fn asks_how_long(words: &[&str]) -> bool {
    words
        .windows(2)
        .any(|w| w[0] == "how" && matches!(w[1], "long" | "many" | "far"))
        || words.iter().any(|w| {
            matches!(
                *w,
                "apart" | "elapsed" | "passed" | "separate" | "separates"
            )
        })
}

/// Whether `words` ask when something happened or in what order.
#[must_use]
pub fn asks_about_time(words: &[&str]) -> bool {
    words.iter().any(|w| TIME_WORDS.contains(w)) || words.windows(2).any(|w| w == ["how", "long"])
}

/// A question's parts, when it asks more than one thing: split where a joining word opens
/// another question ("when were the RESCs created and who runs `EdAdvance`"), and, when it asks
/// about time (`time`), between the subjects it compares ("which came first, the RESCs or
/// the Alliance"). One part when there is nothing to split.
#[must_use]
pub fn parts<'w>(words: &[&'w str], time: bool) -> Vec<Vec<&'w str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for (i, &w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied();
        let opens_question = JOINING.contains(&w)
            && next.is_some_and(|n| ASKING_OPENERS.contains(&n) && !matches!(n, "name" | "list"));
        let joins_subjects = time && COMPARING.contains(&w);
        let current = out.last().map_or(0, Vec::len);
        if (opens_question || joins_subjects) && current > 0 && next.is_some() {
            out.push(Vec::new());
            continue;
        }
        if let Some(last) = out.last_mut() {
            last.push(w);
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// Words that insist on exactness ("what exact year").
const EXACTLY: &[&str] = &[
    "exact",
    "exactly",
    "precise",
    "precisely",
    "specific",
    "specifically",
    "particular",
];

/// Whether a question insists on exactness: "exact", "precisely", "not just the decade".
fn insists(words: &[&str]) -> bool {
    words.iter().any(|w| EXACTLY.contains(w)) || words.windows(2).any(|w| w == ["not", "just"])
}

/// How exactly a question insists on a date: "what exact year", "which day in July 2021",
/// "what year in the 1990s", "the year, not just the decade". `None` for "when" or a plain
/// "what year", which a decade or a month answers as well as the page can.
#[must_use]
pub fn insisted_date(words: &[&str]) -> Option<DatePrecision> {
    let insists = insists(words);
    words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let asked = match *w {
                "day" | "date" => DatePrecision::Day,
                "month" => DatePrecision::Month,
                "year" | "yr" => DatePrecision::Year,
                _ => return None,
            };
            // "what day", "which exact year", "the precise date"; not "day to day".
            let before = &words[i.saturating_sub(2)..i];
            let asks = before
                .iter()
                .any(|b| matches!(*b, "what" | "which" | "the") || EXACTLY.contains(b));
            // "which month in the 1990s": a time within the one the question gives.
            let within = words.get(i + 1) == Some(&"in")
                && words
                    .iter()
                    .skip(i + 2)
                    .take(2)
                    .any(|x| matches!(figure(x), Some(Figure::Year | Figure::Month)));
            (asks && (insists || within)).then_some(asked)
        })
        .max()
        .or_else(|| {
            // "When exactly in the 1990s?": a year within the decade the question gives.
            let when_exactly = words
                .windows(2)
                .any(|w| w[0] == "when" && EXACTLY.contains(&w[1]));
            let within = words.windows(3).any(|w| {
                w[0] == "in"
                    && w[1..]
                        .iter()
                        .any(|x| matches!(figure(x), Some(Figure::Year)))
            });
            (when_exactly && within).then_some(DatePrecision::Year)
        })
}

/// Whether a question insists on an exact amount ("the exact dollar amount saved", "how
/// much exactly"): "millions of dollars" does not answer it.
#[must_use]
pub fn insists_on_amount(words: &[&str]) -> bool {
    insists(words)
        && (words.iter().any(|w| {
            matches!(
                *w,
                "amount"
                    | "amounts"
                    | "dollar"
                    | "dollars"
                    | "figure"
                    | "figures"
                    | "sum"
                    | "total"
            )
        }) || words.windows(2).any(|w| w == ["how", "much"]))
}

/// Whether `words` ask which people did something only a person does ("who signed the
/// Accord?", "who drafted it?", "which person founded it?"): an answer naming an organisation
/// does not answer it. "Who formed the Alliance?" may be answered by "the six RESCs".
#[must_use]
pub fn asks_who_did_it(words: &[&str]) -> bool {
    const PERSONAL_ACTS: &[&str] = &[
        "signed",
        "sign",
        "signs",
        "signing",
        "drafted",
        "draft",
        "wrote",
        "authored",
        "attended",
        "signatory",
        "signatories",
        "signers",
        "signer",
    ];
    // "who was the very first director?": a post someone held before.
    const POSTS: &[&str] = &[
        "director",
        "directors",
        "head",
        "leader",
        "leaders",
        "president",
        "chair",
        "chairman",
        "chairperson",
        "chairwoman",
        "superintendent",
        "ceo",
    ];
    let who = words.iter().any(|w| matches!(*w, "who" | "whom"));
    let which_person = words.windows(2).any(|w| {
        matches!(w[0], "which" | "what") && matches!(w[1], "person" | "people" | "individuals")
    });
    // "the first director", "the first RESC director"
    let earlier_post = words.iter().enumerate().any(|(i, w)| {
        matches!(
            *w,
            "first" | "original" | "founding" | "previous" | "former" | "prior" | "inaugural"
        ) && words.iter().skip(i + 1).take(2).any(|p| POSTS.contains(p))
    });
    let personally = words.contains(&"personally");
    which_person
        || who && (personally || earlier_post || words.iter().any(|w| PERSONAL_ACTS.contains(w)))
}

/// Whether `words` ask which of the RESCs ("which RESCs offer summer programs?", "which
/// center runs it?"): an answer naming none of them, and not all of them, does not answer.
#[must_use]
pub fn asks_which_resc(words: &[&str]) -> bool {
    let resc = |w: &str| {
        matches!(
            w,
            "resc" | "rescs" | "center" | "centers" | "centre" | "centres"
        )
    };
    words.windows(2).enumerate().any(|(i, w)| {
        // "what RESC is my district in?", not "what RESC services are there?" nor "what RESCs
        // are dedicated to".
        let what_then_verb = w[0] == "what"
            && matches!(w[1], "resc" | "center" | "centre")
            && words
                .get(i + 2)
                .is_some_and(|v| matches!(*v, "is" | "does" | "covers" | "serves"));
        (w[0] == "which" || what_then_verb) && resc(w[1])
    })
}

/// Whether `words` ask how much something costs or pays ("how much do RESC services cost?",
/// "how much does the state give them?"): a price or sum, which an answer saying only
/// "fee-for-service" does not give. What was saved is not a price.
#[must_use]
pub fn asks_price(words: &[&str]) -> bool {
    const MONEY: &[&str] = &[
        "cost", "costs", "charge", "charges", "charged", "pay", "pays", "paid", "price", "prices",
        "priced", "pricing", "spend", "spends", "spent", "budget", "budgets", "funding", "funded",
        "give", "gives", "receive", "receives", "salary", "salaries", "earn", "earns",
    ];
    // "what is its budget?", "what's Florio's salary?": a sum, asked with "what".
    const SUMS: &[&str] = &["budget", "budgets", "salary", "salaries", "price", "prices"];
    let how_much = words.windows(2).any(|w| w == ["how", "much"]);
    let saved = words.iter().any(|w| w.starts_with("sav"));
    let priced = words.iter().any(|w| MONEY.contains(w));
    let what_sum = words
        .iter()
        .any(|w| matches!(*w, "what" | "whats" | "what's" | "wat" | "wut"))
        && words.windows(2).any(|w| {
            (matches!(w[0], "its" | "their" | "the" | "his" | "her") || w[0].ends_with("'s"))
                && SUMS.contains(&w[1])
        });
    !saved && (how_much && priced || what_sum)
}

/// Whether `words` ask how to apply, register, join or sign up ("how do I register for a
/// workshop?", "how can we join a purchasing program", "how do i get on a RESC board"): steps
/// to take, which only an entry written for them gives.
#[must_use]
pub fn asks_how_to_enrol(words: &[&str]) -> bool {
    const ENROLLING: &[&str] = &[
        "apply",
        "register",
        "enroll",
        "enrol",
        "subscribe",
        "join",
        "become",
        "volunteer",
    ];
    words.iter().enumerate().any(|(i, w)| {
        *w == "how"
            && words.get(i + 1).is_some_and(|n| {
                matches!(
                    *n,
                    "do" | "does" | "can" | "could" | "would" | "should" | "to" | "may"
                )
            })
            && words.iter().skip(i + 2).take(3).enumerate().any(|(k, v)| {
                let at = |n: usize| words.get(i + 3 + k + n).copied().unwrap_or("");
                // "get on", "get myself on", "get us onto"
                let placed =
                    |w: &str| matches!(w, "on" | "onto" | "elected" | "hired" | "appointed");
                ENROLLING.contains(v)
                    || *v == "sign" && at(0) == "up"
                    || *v == "get"
                        && (placed(at(0))
                            || matches!(at(0), "myself" | "ourselves" | "me" | "us")
                                && placed(at(1))
                            // "how do i get a job at crec"
                            || matches!(at(0), "a" | "an")
                                && matches!(at(1), "job" | "position" | "seat" | "spot"))
            })
    })
}

/// Whether `words` ask for contact details ("list all the leaders' emails", "Florio's
/// email", "the phone number for CREC", "contact info"), not only mention them ("before I
/// send an email").
#[must_use]
pub fn asks_contact(words: &[&str]) -> bool {
    const CHANNELS: &[&str] = &["email", "e-mail", "phone", "cell", "telephone", "fax"];
    words.iter().any(|w| matches!(*w, "emails" | "phones"))
        || words.windows(2).any(|w| {
            CHANNELS.contains(&w[0])
                && matches!(w[1], "address" | "addresses" | "number" | "numbers")
                || w[0] == "contact" && matches!(w[1], "info" | "information" | "details")
                || (w[0].ends_with("'s") || matches!(w[0], "his" | "her" | "their"))
                    && CHANNELS.contains(&w[1])
        })
}

/// Whether `words` ask about other states than the one the FAQ is about ("do other states
/// have RESCs?", "out of state"), not about other state agencies.
#[must_use]
pub fn asks_about_other_states(words: &[&str]) -> bool {
    words.windows(2).enumerate().any(|(i, w)| {
        let next = words.get(i + 2).copied().unwrap_or("");
        matches!(w, ["other" | "another" | "different", "states"])
            || matches!(w, ["other" | "another" | "different", "state"])
                && !matches!(
                    next,
                    "agency"
                        | "agencies"
                        | "department"
                        | "departments"
                        | "partner"
                        | "partners"
                        | "office"
                        | "offices"
                        | "level"
                        | "law"
                        | "laws"
                        | "statute"
                )
            || matches!(w, ["of", "state"]) && i > 0 && words[i - 1] == "out"
    })
}

/// "What does the OEC actually do?": the words naming what the question asks the work of
/// (between "what does" and the closing "do"), when that is all it asks.
#[must_use]
pub fn asks_what_it_does<'a>(words: &'a [&'a str]) -> Option<&'a [&'a str]> {
    const AFTER: &[&str] = &[
        "actually", "exactly", "really", "even", "all", "again", "nowadays", "now", "today",
    ];
    let start = words.iter().position(|w| *w == "what")?;
    if !matches!(words.get(start + 1), Some(&("does" | "do"))) {
        return None;
    }
    let mut end = words.len();
    while end > start + 2 && AFTER.contains(&words[end - 1]) {
        end -= 1;
    }
    (end > start + 3 && words[end - 1] == "do").then(|| &words[start + 2..end - 1])
}

/// "When was the Office of Early Childhood founded?": the words naming what the question asks
/// the beginning of (between "when was" or "when did" and the word of beginning).
#[must_use]
pub fn asks_when_it_began<'a>(words: &'a [&'a str]) -> Option<&'a [&'a str]> {
    const BEGAN: &[&str] = &[
        "founded",
        "created",
        "established",
        "formed",
        "started",
        "begun",
        "born",
        "set",
        "start",
        "begin",
        "form",
        "found",
        "establish",
        "create",
    ];
    let start = words.iter().position(|w| *w == "when")?;
    if !matches!(words.get(start + 1), Some(&("was" | "were" | "did" | "is"))) {
        return None;
    }
    let end = start + 2 + words[start + 2..].iter().position(|w| BEGAN.contains(w))?;
    (end > start + 2).then(|| &words[start + 2..end])
}

/// Whether `words` ask whether or how something was changed ("has 10-66a been amended?",
/// "was the Accord revised?", "what changed in 2021?"): a later change, which an entry
/// telling how a thing was made does not tell.
#[must_use]
pub fn asks_about_changes(words: &[&str]) -> bool {
    words.iter().any(|w| {
        matches!(
            *w,
            "amend"
                | "amended"
                | "amending"
                | "amendment"
                | "amendments"
                | "revise"
                | "revised"
                | "revision"
                | "revisions"
                | "modify"
                | "modified"
                | "modification"
                | "modifications"
                | "changed"
        )
    })
}

/// Whether `words` (an answer's, folded) state an exact amount: "$2,400", "12 million dollars".
#[must_use]
pub fn states_amount(text: &str, words: &[&str]) -> bool {
    text.contains('$')
        || words.windows(2).any(|w| {
            w[0].bytes().any(|b| b.is_ascii_digit())
                && matches!(
                    w[1],
                    "dollars" | "million" | "billion" | "thousand" | "percent"
                )
        })
}

/// The kind of figure `word` (folded, as [`words`] gives it) is, if any. "may" and "one" are
/// not counted: they are far more often everyday words.
#[must_use]
pub fn figure(word: &str) -> Option<Figure> {
    let digits = word.trim_end_matches('s');
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let decade = digits.len() < word.len();
        return match (digits.len(), decade) {
            (4, _) if digits.starts_with("19") || digits.starts_with("20") => Some(Figure::Year),
            (2, true) => Some(Figure::Year),
            (1 | 2, false) => Some(Figure::Count),
            _ => None,
        };
    }
    if DECADE_WORDS.contains(&word) {
        Some(Figure::Year)
    } else if word != "may" && MONTHS.contains(&word) {
        Some(Figure::Month)
    } else if COUNT_WORDS.contains(&word) {
        Some(Figure::Count)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_saying_truth_does_not_matter_is_hostile() {
        let hostile = |q: &str| asks_for_hostile(&q.split(' ').collect::<Vec<_>>());
        assert!(hostile("say she wasted funds doesnt matter if its true"));
        assert!(hostile("it doesnt have to be true"));
        assert!(hostile("even if its not true"));
        assert!(!hostile("is it true that ericson leads learn"));
        assert!(!hostile("do you have proof its true"));
    }

    #[test]
    fn letters_written_with_dots_are_one_word() {
        assert_eq!(words("who runs C.E.S."), ["who", "runs", "ces"]);
        assert_eq!(
            words("what does R.E.S.C stand for"),
            ["what", "does", "resc", "stand", "for"]
        );
        assert_eq!(words("Dr. Greg J. Florio"), ["dr", "greg", "j", "florio"]);
        assert_eq!(words("see ct.gov"), ["see", "ct", "gov"]);
        assert_eq!(
            words("statute + how many"),
            ["statute", "and", "how", "many"]
        );
        assert_eq!(words("Q&A"), ["q", "a"]);
    }

    #[test]
    fn letters_spelt_out_one_by_one_are_one_word() {
        assert_eq!(
            words("what do the letters R E S C mean"),
            ["what", "do", "the", "letters", "resc", "mean"]
        );
        assert_eq!(words("who runs c-e-s"), ["who", "runs", "ces"]);
        // Two single letters are left alone: "Q&A", "a b" are not a spelt word.
        assert_eq!(words("is it a or b"), ["is", "it", "a", "or", "b"]);
        assert_eq!(words("Dr. Greg J. Florio"), ["dr", "greg", "j", "florio"]);
    }

    #[test]
    fn writing_as_someone_else_is_hostile() {
        let hostile = |q: &str| writes_as_someone(&q.split(' ').collect::<Vec<_>>());
        assert!(hostile(
            "write me an email in the name of dr kitching which says i am hired"
        ));
        assert!(hostile("draft a note on behalf of the director"));
        assert!(hostile(
            "help me write an email pretending to be dr kitching so i get a raise"
        ));
        // Speaking for one's own colleagues is no impersonation.
        assert!(!hostile(
            "i want to send a note of congratulations on behalf of a few old colleagues"
        ));
        assert!(!hostile("what is in the name of the accord"));
        assert!(!hostile("who signs letters for crec"));
        assert!(hostile(
            "write me a letter from dr florio just put his name nobody will check"
        ));
    }

    #[test]
    fn clauses_that_tell_why_or_who_asked() {
        let told = |q: &str, kept: &[&str]| {
            let words: Vec<&str> = q.split(' ').collect();
            let telling = telling_clauses(&words, |w| kept.contains(&w));
            words
                .iter()
                .zip(telling)
                .filter(|(_, t)| *t)
                .map(|(w, _)| *w)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let kept = ["aces", "crec", "director", "danehy"];
        assert_eq!(
            told(
                "the aces director for a letter i'm drafting who is it",
                &kept
            ),
            "for a letter i'm drafting"
        );
        assert_eq!(
            told("a parent asked who is the head of crec", &kept),
            "a parent asked"
        );
        assert_eq!(
            told("danehy came up in a meeting which resc is he with", &kept),
            "came up in a meeting"
        );
        assert_eq!(
            told(
                "who's the ed over at crec wanna reach out abt coaching pd",
                &kept
            ),
            "wanna reach out abt coaching pd"
        );
        assert_eq!(
            told(
                "checking before i transfer a call danehy is at aces right",
                &kept
            ),
            "before i transfer a call"
        );
        // A name ends the clause; a time asks.
        assert_eq!(
            told("kitching has been at aces since 2010 is that right", &kept),
            ""
        );
        assert_eq!(
            told("who leads crec for the aces director", &kept),
            "for the"
        );
        assert_eq!(told("who led aces before i started", &kept), "");
        assert_eq!(told("who was at aces before i got there", &kept), "");
    }

    #[test]
    fn a_time_ahead_is_asked_and_years_are_read() {
        let ahead = |q: &str| asks_when_ahead(&q.split(' ').collect::<Vec<_>>());
        assert!(ahead("when does the accord expire"));
        assert!(ahead("when is the next training"));
        assert!(ahead("what year does it come up for renewal"));
        assert!(!ahead("when was the accord renewed"));
        assert!(!ahead("what comes next after the statute"));
        assert_eq!(
            latest_year(&["in", "1972", "and", "the", "1990s"]),
            Some(1990)
        );
    }

    #[test]
    fn lists_asked_for_and_given() {
        let words = |q: &str| q.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert!(asks_for_list(&words("can u list them")));
        assert!(asks_for_list(&words("name the beliefs one by one")));
        assert!(!asks_for_list(&words("one of the six by the way")));
        let asks_items = |q: &str| asks_for_items(&q.split(' ').collect::<Vec<_>>());
        assert!(asks_items("can you list the beliefs in the accord"));
        assert!(asks_items("what beliefs are in it can you quote them"));
        assert!(asks_items("give them to me word for word"));
        assert!(!asks_items("does the list of services keep growing"));
        assert!(!asks_items("is there a list"));
        assert!(asks_items("what specific laws has the alliance pushed for"));
        assert!(asks_items("which particular beliefs are in the accord"));
        assert!(!asks_items("does the alliance push for specific laws"));
        assert!(!asks_items("which specific center runs it"));
        assert!(enumerates(
            "Meet the leaders:\n- Dr. Thomas Danehy\n- Kate Ericson"
        ));
        assert!(enumerates(
            "They provide quality, cost-effective programs, services, and resources."
        ));
        assert!(!enumerates(
            "In July 2021, the Alliance reaffirmed its commitment. Dr. Florio leads CREC."
        ));
    }

    #[test]
    fn a_formal_clause_of_reason_or_purpose_tells_even_before_a_question_mark() {
        let asks = |q: &str| -> Vec<bool> { sentences(q).iter().map(|s| s.asks).collect() };
        assert_eq!(
            asks("Who leads ACES, so that I may address my letter properly?"),
            [true, false]
        );
        assert_eq!(
            asks("How many RESCs are there, given that my notes are old?"),
            [true, false]
        );
        assert_eq!(
            asks("What is his first name, since I would hate to get it wrong?"),
            [true, false]
        );
        // "as well as" opens no reason: the question goes on.
        assert_eq!(asks("Who leads ACES, as well as CES?"), [true]);
    }

    #[test]
    fn a_question_splits_where_it_asks_again_or_compares_dates() {
        let split = |q: &str, time: bool| {
            let w = words(q);
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            parts(&w, time)
                .into_iter()
                .map(|p| p.join(" "))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            split("when were rescs created and who runs edadvance", false),
            ["when were rescs created", "who runs edadvance"]
        );
        // "and" between two names is a list, not a second question.
        assert_eq!(
            split("who leads aces and crec", false),
            ["who leads aces and crec"]
        );
        assert_eq!(
            split("which came first the rescs or the alliance", true),
            ["which came first the rescs", "the alliance"]
        );
        assert_eq!(
            time_subject(&["which", "came", "first", "the", "rescs"]),
            ["the", "rescs"]
        );
        let asks =
            |q: &str| asks_about_time(&words(q).iter().map(String::as_str).collect::<Vec<_>>());
        assert!(asks("which came first, the RESCs or the Alliance?"));
        assert!(asks("how long between the statute and the Accord"));
        assert!(!asks(
            "what is the difference between a RESC and the Alliance"
        ));
    }

    #[test]
    fn a_checked_claim_drops_who_made_it() {
        let claim = |q: &str| {
            checked_claim(&sentences(q)).map(|s| {
                s.iter()
                    .map(|s| format!("{}{}", s.words.join(" "), if s.asks { "?" } else { "." }))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            claim("old email says Florio runs ACES is that right").unwrap(),
            ["old email says.", "florio runs aces is that right?"]
        );
        assert_eq!(
            claim("A parent told me Ericson runs CREC, because she read it. Right?").unwrap(),
            ["a parent told.", "ericson runs crec right?"]
        );
        // The check may name who made the claim.
        assert_eq!(
            claim("My coworker says the RESCs were made in 1982, is she right?").unwrap(),
            [
                "my coworker says.",
                "the rescs were made in 1982 is she right?"
            ]
        );
        // A check in two sentences, with a question tag.
        assert_eq!(
            claim("Someone said RESCs began in 1985. That's right, isn't it?").unwrap(),
            [
                "someone said.",
                "rescs began in 1985 that is right is not it?"
            ]
        );
        // A question, or a reason that only ends in "right", checks no claim.
        assert_eq!(claim("Is Florio at CREC, right?"), None);
        assert_eq!(claim("I need the place cards to be right"), None);
        // "name came up" tells; "name the leaders" asks.
        assert!(!sentences("who's protulis? name came up at the meeting")[1].asks);
        assert!(sentences("name the leaders")[0].asks);
    }

    #[test]
    fn an_answer_gives_its_first_dated_sentence() {
        let dated =
            dated_sentence("Yes. In the 1990s, the six RESCs formed it. Later, more.").unwrap();
        assert_eq!(
            (dated.year, dated.label.as_str(), dated.sentence.as_str()),
            (1990, "1990s", "In the 1990s, the six RESCs formed it.")
        );
        assert!(dated.decade());
        let listed =
            dated_sentence("RESCs are:\n- Created by statute 10-66a on August 1, 1972\n- Governed")
                .unwrap();
        assert_eq!(
            listed.sentence,
            "Created by statute 10-66a on August 1, 1972"
        );
        assert_eq!(dated_sentence("Statute 10-66a, no year."), None);
    }

    #[test]
    fn phrase_key_is_the_words_joined() {
        for q in [
            "What is a RESC?",
            "  Who LEADS   learn?? ",
            "What's the RESC Alliance's role?",
            "Ã©cole d'été — when?",
            "CGS 10-66a, section (b)",
            "",
        ] {
            assert_eq!(phrase_key(q), words(q).join(" "), "{q:?}");
        }
    }

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn folds_case_punctuation_and_width() {
        assert_eq!(w("WHO LEADS EdAdvance???"), ["who", "leads", "edadvance"]);
        assert_eq!(w("Ｗｈｏ leads LEARN"), ["who", "leads", "learn"]);
    }

    #[test]
    fn a_number_sign_before_of_is_a_number() {
        assert_eq!(w("# of RESCs?"), ["number", "of", "rescs"]);
        assert_eq!(w("RESCs, of course #1"), ["rescs", "of", "course", "1"]);
    }

    #[test]
    fn removes_zero_width_characters_inside_words() {
        assert_eq!(
            w("who le\u{200B}ads LE\u{FEFF}ARN"),
            ["who", "leads", "learn"]
        );
    }

    #[test]
    fn expands_contractions_and_drops_possessives() {
        assert_eq!(w("what’s LEARN's phone"), ["what", "is", "learn", "phone"]);
        assert_eq!(w("whats a resc"), ["what", "is", "a", "resc"]);
        assert_eq!(w("who's in charge"), ["who", "is", "in", "charge"]);
        assert_eq!(w("ACES's email"), ["aces", "email"]);
        assert_eq!(w("don't"), ["do", "not"]);
        assert_eq!(w("a W-9 for K-12"), ["a", "w9", "for", "k12"]);
        assert_eq!(
            w("C-E-S, fee-for-service, 10-66a"),
            ["ces", "fee", "for", "service", "10", "66a"]
        );
        assert_eq!(w("cant afford"), ["can", "not", "afford"]);
        assert_eq!(w("RESCs' boards"), ["rescs", "boards"]);
    }

    #[test]
    fn strips_accents() {
        assert_eq!(w("Ericsón"), ["ericson"]);
    }

    #[test]
    fn splits_hyphens_and_numbers() {
        assert_eq!(w("statute 10-66a"), ["statute", "10", "66a"]);
    }

    #[test]
    fn sentences_split_telling_from_asking() {
        let s = sentences("Hi all! My principal keeps saying it. What is a RESC, actually?");
        let asks: Vec<bool> = s.iter().map(|s| s.asks).collect();
        assert_eq!(asks, [false, false, true]);
        assert_eq!(s[2].words, ["what", "is", "a", "resc", "actually"]);
        // Titles and initials do not end a sentence.
        let s = sentences("Is Dr. Greg J. Florio at CREC");
        assert_eq!(s.len(), 1);
        assert!(s[0].asks);
        let s = sentences("quick q: who runs ACES");
        assert!(s.last().is_some_and(|s| s.asks));
        // A question after a comma (and a lead-in), a dash or an ellipsis is a sentence of
        // its own.
        let s = sentences("Sorry if this is silly, but who runs CREC? I keep seeing it");
        assert_eq!(s.iter().filter(|s| s.asks).count(), 1);
        assert_eq!(s[1].words, ["but", "who", "runs", "crec"]);
        let s = sentences("hope it's ok to ask... who leads LEARN");
        assert!(!s[0].asks && s[1].asks);
        let s = sentences("Who leads ACES, as it should appear in a citation?");
        assert_eq!(s.iter().map(|s| s.asks).collect::<Vec<_>>(), [true, false]);
        let s = sentences("i need it for my memo, what is the statute");
        assert_eq!(s.len(), 2);
        assert!(!s[0].asks && s[1].asks);
        // A question word after "but" opens the question without a comma too; "but" before
        // other words does not.
        let s = sentences("my mentor keeps saying call the RESC but what is a RESC?");
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].words, ["but", "what", "is", "a", "resc"]);
        assert_eq!(sentences("small but growing, who runs it?").len(), 2);
        assert_eq!(sentences("who leads ACES but not CREC?").len(), 1);
        // "When I ..." tells of the asker's past; "when do I ..." and a question mark ask.
        let s = sentences("Who sits on the board? When I was on it there were nine of us.");
        assert_eq!(s.iter().map(|s| s.asks).collect::<Vec<_>>(), [true, false]);
        assert!(sentences("when do I renew my contract")[0].asks);
        assert!(sentences("when I call CES, who answers?")
            .last()
            .is_some_and(|s| s.asks));
    }

    #[test]
    fn why_someone_asks_after_a_comma_is_not_part_of_the_question() {
        let s = sentences("who leads LEARN, need it for a permission form");
        let asks: Vec<bool> = s.iter().map(|s| s.asks).collect();
        assert_eq!(asks, [true, false]);
        assert_eq!(s[0].words, ["who", "leads", "learn"]);
        // "I was wondering ..." asks, with or without a question mark.
        let s = sentences("I was wondering whether RESCs save money. My nephew asked.");
        assert_eq!(s.iter().map(|s| s.asks).collect::<Vec<_>>(), [true, false]);
        let s = sentences("ok i'd like to know who governs a resc.");
        assert!(s[0].asks);
        assert!(!sentences("I was there.")[0].asks);
        // Politeness after a comma tells, like a reason.
        let s = sentences("who governs a RESC, if you don't mind my asking?");
        assert_eq!(s.iter().map(|s| s.asks).collect::<Vec<_>>(), [true, false]);
        // And so does what the asker is busy with.
        let s = sentences("who leads CREC, drafting a memo for the board");
        assert_eq!(s.iter().map(|s| s.asks).collect::<Vec<_>>(), [true, false]);
        // A list of names after the comma is still the question.
        assert_eq!(sentences("who leads ACES, CREC and LEARN").len(), 1);
        // So is a comma after words that tell.
        assert_eq!(sentences("my principal asked, i think about CREC").len(), 1);
        // A closing "for our ..." says why, too; "for LEARN" is what is asked.
        let s = sentences("Could you name the director of LEARN for our newsletter?");
        assert_eq!(
            s[0].words,
            ["could", "you", "name", "the", "director", "of", "learn"]
        );
        assert_eq!(s.iter().map(|s| s.asks).collect::<Vec<_>>(), [true, false]);
        assert_eq!(sentences("who is the director for LEARN?").len(), 1);
        // A closing doubt ("or is that just marketing?") tells; an alternative still asks.
        let s = sentences("did the RESCs save money or is that just hype?");
        assert_eq!(s[0].words, ["did", "the", "rescs", "save", "money"]);
        assert_eq!(s.iter().map(|s| s.asks).collect::<Vec<_>>(), [true, false]);
        assert_eq!(sentences("is it a law or is it an agreement?").len(), 1);
        let s = sentences("have RESCs saved money or is that marketing");
        assert_eq!(s.iter().map(|s| s.asks).collect::<Vec<_>>(), [true, false]);
        assert_eq!(
            sentences("were the RESCs formed in the 1990s or was that the Alliance?").len(),
            1
        );
    }

    #[test]
    fn contact_details_asked_for_are_told_from_ones_mentioned() {
        let asks = |q: &str| asks_contact(&q.split(' ').collect::<Vec<_>>());
        assert!(asks("list all the leaders emails"));
        assert!(asks("what is florio's email"));
        assert!(asks("phone number for crec"));
        assert!(asks("crec contact info"));
        assert!(!asks(
            "is kate ericson a dr i don't want to get it wrong in an email"
        ));
        assert!(!asks("how should i address him"));
    }

    #[test]
    fn a_post_held_before_asks_for_a_person() {
        let asks = |q: &str| asks_who_did_it(&q.split(' ').collect::<Vec<_>>());
        assert!(asks("who was the very first resc director back in 72"));
        assert!(asks("who was the founding director of ces"));
        assert!(!asks(
            "who governs a resc like who's in charge above the executive director"
        ));
        assert!(!asks("who was first to form the alliance"));
    }

    #[test]
    fn how_to_apply_or_join_is_told_apart_from_how_to_describe() {
        let asks = |q: &str| asks_how_to_enrol(&q.split(' ').collect::<Vec<_>>());
        assert!(asks("how do i register for a resc workshop"));
        assert!(asks(
            "how can we join a resc cooperative purchasing program"
        ));
        assert!(asks("how do i get myself on a resc executive board"));
        assert!(asks("how do i sign up for the ces newsletter"));
        assert!(asks("how do i get a job at crec"));
        assert!(!asks("how do i explain what a resc is"));
        assert!(!asks("how do you spell the ces director's last name"));
        assert!(!asks("how do districts get services from a resc"));
        assert!(!asks("can i sign up"));
    }

    #[test]
    fn clean_display_collapses_space_and_invisibles() {
        assert_eq!(
            clean_display("  who\u{200B}  leads\n LEARN "),
            "who leads LEARN"
        );
    }

    #[test]
    fn dates_are_told_by_how_exact_they_are() {
        let finest =
            |t: &str| finest_date(&words(t).iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(finest("on August 1, 1972"), Some(DatePrecision::Day));
        assert_eq!(
            finest("In July 2021, the Alliance"),
            Some(DatePrecision::Month)
        );
        assert_eq!(finest("since 1972"), Some(DatePrecision::Year));
        assert_eq!(
            finest("In the 1990s, the six RESCs"),
            Some(DatePrecision::Decade)
        );
        assert_eq!(finest("no date here"), None);
        let insisted =
            |t: &str| insisted_date(&words(t).iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(
            insisted("what exact year was it formed"),
            Some(DatePrecision::Year)
        );
        assert_eq!(
            insisted("what day in July 2021 was it signed"),
            Some(DatePrecision::Day)
        );
        assert_eq!(
            insisted("which year in the 1990s"),
            Some(DatePrecision::Year)
        );
        // A plain "what year" or "when" insists on nothing; nor does "day to day".
        assert_eq!(insisted("what year was the Alliance formed"), None);
        assert_eq!(insisted("when exactly was it formed"), None);
        assert_eq!(insisted("what exactly do RESCs do day to day"), None);
    }

    #[test]
    fn amounts_insisted_on_are_told() {
        let w = |t: &str| words(t);
        let insists =
            |t: &str| insists_on_amount(&w(t).iter().map(String::as_str).collect::<Vec<_>>());
        assert!(insists("what is the exact dollar amount RESCs saved"));
        assert!(insists("how much exactly did they save last year"));
        assert!(!insists("how much have RESCs saved schools"));
        assert!(!insists(
            "the law is 10-66 something, what's the exact number?"
        ));
        let states =
            |t: &str| states_amount(t, &w(t).iter().map(String::as_str).collect::<Vec<_>>());
        assert!(!states(
            "saved public schools millions of dollars since 1972"
        ));
        assert!(states("saved 12 million dollars"));
        assert!(states("a fee of $2,400"));
    }

    #[test]
    fn figures_are_told_by_kind() {
        assert_eq!(figure("2019"), Some(Figure::Year));
        assert_eq!(figure("80s"), Some(Figure::Year));
        assert_eq!(figure("1990s"), Some(Figure::Year));
        assert_eq!(figure("sept"), Some(Figure::Month));
        assert_eq!(figure("eight"), Some(Figure::Count));
        assert_eq!(figure("8"), Some(Figure::Count));
        assert_eq!(figure("may"), None);
        assert_eq!(figure("10-66a"), None);
        assert_eq!(figure("school"), None);
        let kinds = words("signed in July 2021 by six RESCs")
            .iter()
            .filter_map(|w| figure(w))
            .fold(0, |kinds, f| kinds | f.bit());
        assert_eq!(kinds, 7);
    }
}
