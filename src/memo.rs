//! Work done once per question. Answering one message reads its words several times (the whole
//! message, a claim in it, each of its parts, the directory's reading), and a word's typo
//! correction and its neighbours in meaning are the same each time: while a question is
//! answered ([`one_question`]), each is worked out once and looked up after. Nothing is kept
//! from one question to the next, so a question takes as long the hundredth time as the first.

use std::cell::RefCell;

use rustc_hash::FxHashMap as HashMap;

/// What has been worked out for the question being answered on this thread, by word, and the
/// address of the analyzer or index that worked it out: another one's work (a FAQ reloaded
/// mid-question) starts the memo afresh.
#[derive(Default)]
struct Memo {
    /// How many [`one_question`] calls are open (a question may answer its parts as questions).
    depth: usize,
    corrections: Owned<Box<str>, Option<Box<str>>>,
    neighbours: Owned<usize, Vec<(u32, f32)>>,
}

/// Work of one owner, by word.
struct Owned<K, V> {
    owner: usize,
    by_word: HashMap<K, V>,
}

impl<K, V> Default for Owned<K, V> {
    fn default() -> Self {
        Self {
            owner: 0,
            by_word: HashMap::default(),
        }
    }
}

impl<K: std::hash::Hash + Eq, V> Owned<K, V> {
    /// The work, made `owner`'s: another's is forgotten.
    fn of(&mut self, owner: usize) -> &mut HashMap<K, V> {
        if self.owner != owner {
            self.by_word.clear();
            self.owner = owner;
        }
        &mut self.by_word
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Clears the memo when the outermost question ends, even by a panic.
struct Open;

impl Drop for Open {
    fn drop(&mut self) {
        MEMO.with_borrow_mut(|m| {
            m.depth -= 1;
            if m.depth == 0 {
                m.corrections.by_word.clear();
                m.neighbours.by_word.clear();
            }
        });
    }
}

/// Runs `answer` with the memo open: words met while it runs are worked out once.
pub fn one_question<R>(answer: impl FnOnce() -> R) -> R {
    MEMO.with_borrow_mut(|m| m.depth += 1);
    let _open = Open;
    answer()
}

fn open() -> bool {
    MEMO.with_borrow(|m| m.depth > 0)
}

/// The correction of `word` by the analyzer at `owner`, worked out by `find` the first time
/// in a question (and every time outside one).
pub fn correction(
    owner: usize,
    word: &str,
    find: impl FnOnce() -> Option<String>,
) -> Option<String> {
    if !open() {
        return find();
    }
    let found = MEMO.with_borrow_mut(|m| m.corrections.of(owner).get(word).cloned());
    if let Some(found) = found {
        return found.map(String::from);
    }
    let fixed = find();
    MEMO.with_borrow_mut(|m| {
        m.corrections
            .of(owner)
            .insert(Box::from(word), fixed.as_deref().map(Box::from))
    });
    fixed
}

/// The neighbours in meaning of the word at `word` (its vector's address) in the index at
/// `owner`, worked out by `find` the first time in a question (and every time outside one).
pub fn neighbours(
    owner: usize,
    word: usize,
    find: impl FnOnce() -> Vec<(u32, f32)>,
) -> Vec<(u32, f32)> {
    if !open() {
        return find();
    }
    let found = MEMO.with_borrow_mut(|m| m.neighbours.of(owner).get(&word).cloned());
    if let Some(found) = found {
        return found;
    }
    let near = find();
    MEMO.with_borrow_mut(|m| m.neighbours.of(owner).insert(word, near.clone()));
    near
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_is_done_once_per_question_and_again_in_the_next() {
        let runs = std::cell::Cell::new(0);
        let fix = || {
            runs.set(runs.get() + 1);
            Some("leader".to_owned())
        };
        one_question(|| {
            assert_eq!(correction(1, "leeder", fix).as_deref(), Some("leader"));
            assert_eq!(correction(1, "leeder", fix).as_deref(), Some("leader"));
            // Another analyzer's correction is its own.
            correction(2, "leeder", fix);
        });
        assert_eq!(runs.get(), 2);
        one_question(|| correction(1, "leeder", fix));
        assert_eq!(runs.get(), 3, "the next question works it out afresh");
        correction(1, "leeder", fix);
        correction(1, "leeder", fix);
        assert_eq!(runs.get(), 5, "outside a question nothing is kept");
    }

    #[test]
    fn a_question_inside_a_question_keeps_the_memo_until_the_outer_one_ends() {
        let runs = std::cell::Cell::new(0);
        let near = || {
            runs.set(runs.get() + 1);
            vec![(7, 0.5)]
        };
        one_question(|| {
            neighbours(1, 42, near);
            one_question(|| neighbours(1, 42, near));
            neighbours(1, 42, near);
        });
        assert_eq!(runs.get(), 1);
    }
}
