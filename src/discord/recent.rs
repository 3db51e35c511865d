//! A bounded memory of what was seen lately, for "only once" rules that must not grow
//! without end: a form submission delivered twice, a second vote on the same answer.

use std::collections::{HashSet, VecDeque};
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};

/// The last `capacity` keys seen; the oldest are forgotten first.
pub struct Recent<K> {
    capacity: usize,
    seen: Mutex<(HashSet<K>, VecDeque<K>)>,
}

impl<K: Hash + Eq + Clone> Recent<K> {
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            seen: Mutex::new((HashSet::new(), VecDeque::new())),
        }
    }

    /// Whether `key` is new (and remembers it): true once per key while it is remembered.
    pub fn first_time(&self, key: K) -> bool {
        let mut guard = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        let (set, order) = &mut *guard;
        if !set.insert(key.clone()) {
            return false;
        }
        order.push_back(key);
        while order.len() > self.capacity {
            if let Some(old) = order.pop_front() {
                set.remove(&old);
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_counts_once_and_the_oldest_are_forgotten() {
        let recent = Recent::new(2);
        assert!(recent.first_time(1));
        assert!(!recent.first_time(1));
        assert!(recent.first_time(2));
        assert!(recent.first_time(3));
        assert!(recent.first_time(1), "1 was forgotten when 3 came");
        assert!(!recent.first_time(3));
    }
}
