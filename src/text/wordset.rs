//! Sets and maps of folded words that rules look every token up in. Most tokens are in none of
//! them, so a lookup first asks three cheap questions, "is the word's length one of the keys'
//! lengths?", "do its first bytes start a key?" and "do its last bytes end one?", and hashes the
//! word only when all say yes.

use foldhash::HashMap;

/// Lengths (in bytes) of the keys and a bit per hash of the first four bytes of each.
#[derive(Clone, Debug, Default)]
pub struct KeyFilter {
    /// Bit n: some key is n bytes long (longer keys set the last bit).
    lengths: u64,
    /// A bit per hash of a key's first four bytes.
    starts: [u64; 16],
    /// A bit per hash of a key's last four bytes.
    ends: [u64; 16],
    /// Some key is shorter than four bytes (its start is not in `starts`).
    short: bool,
}

impl KeyFilter {
    const WIDTH: usize = 4;

    pub fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> Self {
        let mut f = KeyFilter::default();
        for k in keys {
            f.lengths |= Self::length_bit(k.len());
            match (Self::start_bit(k.as_bytes()), Self::end_bit(k.as_bytes())) {
                (Some(b), Some(e)) => {
                    f.starts[b / 64] |= 1 << (b % 64);
                    f.ends[e / 64] |= 1 << (e % 64);
                }
                _ => f.short = true,
            }
        }
        f
    }

    fn length_bit(len: usize) -> u64 {
        1 << len.min(63)
    }

    fn start_bit(b: &[u8]) -> Option<usize> {
        let w: [u8; Self::WIDTH] = b.get(..Self::WIDTH)?.try_into().ok()?;
        Some((u32::from_le_bytes(w).wrapping_mul(0x9E37_79B1) >> 22) as usize)
    }

    fn end_bit(b: &[u8]) -> Option<usize> {
        let w: [u8; Self::WIDTH] = b.get(b.len().checked_sub(Self::WIDTH)?..)?.try_into().ok()?;
        Some((u32::from_le_bytes(w).wrapping_mul(0x85EB_CA77) >> 22) as usize)
    }

    /// Whether `word` may be a key: false means it is not one.
    #[inline]
    pub fn may_hold(&self, word: &str) -> bool {
        if self.lengths & Self::length_bit(word.len()) == 0 {
            return false;
        }
        match (Self::start_bit(word.as_bytes()), Self::end_bit(word.as_bytes())) {
            (Some(b), Some(e)) => {
                self.starts[b / 64] & (1 << (b % 64)) != 0 && self.ends[e / 64] & (1 << (e % 64)) != 0
            }
            _ => self.short,
        }
    }
}

/// A map from folded words, with a [`KeyFilter`] in front of the hash table.
#[derive(Clone, Debug)]
pub struct WordMap<V> {
    map: HashMap<String, V>,
    filter: KeyFilter,
}

impl<V> WordMap<V> {
    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        if !self.filter.may_hold(word) {
            return None;
        }
        self.map.get(word)
    }

    #[inline]
    pub fn contains_key(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl<V> FromIterator<(String, V)> for WordMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let map: HashMap<String, V> = iter.into_iter().collect();
        let filter = KeyFilter::new(map.keys().map(String::as_str));
        WordMap { map, filter }
    }
}

/// A set of folded words, with a [`KeyFilter`] in front of the hash table.
#[derive(Clone, Debug)]
pub struct WordSet(WordMap<()>);

impl WordSet {
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains_key(word)
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        WordSet(iter.into_iter().map(|w| (w, ())).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_never_hides_a_key() {
        let words = ["قال", "و", "ab", "الرئيس", "abcd", "abcde", "وزير الخارجية"];
        let set: WordSet = words.iter().map(|w| w.to_string()).collect();
        for w in words {
            assert!(set.contains(w), "{w}");
        }
        for w in ["قالت", "", "a", "abc", "الرئيسة", "abce", "xbcd"] {
            assert!(!set.contains(w), "{w}");
        }
        let long = "ا".repeat(40);
        let set: WordSet = [long.clone()].into_iter().collect();
        assert!(set.contains(&long));
        assert!(!set.contains(&"ا".repeat(41)));
    }

    #[test]
    fn maps_give_their_values() {
        let map: WordMap<u8> = [("قال".to_string(), 1), ("أكد".to_string(), 2)].into_iter().collect();
        assert_eq!(map.get("قال"), Some(&1));
        assert_eq!(map.get("أكد"), Some(&2));
        assert_eq!(map.get("اكد"), None);
        assert_eq!(map.len(), 2);
    }
}
