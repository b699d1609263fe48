//! Sets and maps of folded words that rules look every token up in. Most tokens are in none of
//! them, so a lookup first asks two cheap questions, "is the word's length one of the keys'
//! lengths?" and "is the bit of its length, first and last bytes set?", and hashes the whole
//! word only when both say yes.

use foldhash::HashMap;

/// Lengths (in bytes) of the keys, and a bit per hash of each key's length, first four bytes
/// and last four bytes taken together (separate bits for starts and ends let through every word
/// that starts like one key and ends like another: ان, التي, كان).
#[derive(Clone, Debug)]
pub struct KeyFilter {
    /// Bit n: some key is n bytes long (longer keys set the last bit).
    lengths: u64,
    /// The bits, a power of two of them, about 32 per key (a false positive in 30 or fewer).
    bits: Box<[u64]>,
    /// 64 less the log2 of the number of bits: the top bits of a hash pick one.
    shift: u32,
}

impl Default for KeyFilter {
    fn default() -> Self {
        KeyFilter::new([])
    }
}

impl KeyFilter {
    const MIN_BITS_LOG2: u32 = 9;
    const MAX_BITS_LOG2: u32 = 20;

    pub fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> Self {
        let keys: Vec<&str> = keys.into_iter().collect();
        let log2 = (keys.len().max(1) * 32)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(Self::MIN_BITS_LOG2, Self::MAX_BITS_LOG2);
        let mut f = KeyFilter {
            lengths: 0,
            bits: vec![0; 1 << (log2 - 6)].into_boxed_slice(),
            shift: 64 - log2,
        };
        for k in keys {
            f.lengths |= Self::length_bit(k.len());
            let b = f.bit(k.as_bytes());
            f.bits[b / 64] |= 1 << (b % 64);
        }
        f
    }

    fn length_bit(len: usize) -> u64 {
        1 << len.min(63)
    }

    /// The bit of a word: its length, first and last four bytes (read at once), hashed.
    #[inline]
    fn bit(&self, b: &[u8]) -> usize {
        let (head, tail) = match (b.first_chunk::<4>(), b.last_chunk::<4>()) {
            (Some(h), Some(t)) => (u32::from_le_bytes(*h), u32::from_le_bytes(*t)),
            _ => {
                let mut w = [0u8; 4];
                w[..b.len()].copy_from_slice(b);
                (u32::from_le_bytes(w), 0)
            }
        };
        let x = (u64::from(head) | u64::from(tail) << 32) ^ (b.len() as u64).rotate_right(8);
        // The top bits of the product depend on every bit of x.
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Whether `word` may be a key: false means it is not one.
    #[inline]
    pub fn may_hold(&self, word: &str) -> bool {
        if self.lengths & Self::length_bit(word.len()) == 0 {
            return false;
        }
        let b = self.bit(word.as_bytes());
        self.bits[b / 64] & (1 << (b % 64)) != 0
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

    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.map.iter()
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

    /// Words that start like one key and end like another (the common function words) are
    /// mostly turned away before hashing.
    #[test]
    fn the_filter_turns_away_most_words_that_are_no_key() {
        let stems = ["كتب", "درس", "علم", "عمل", "سكن", "قتل", "حكم", "نصر", "فتح", "رسم"];
        let keys: Vec<String> = stems.iter().map(|s| format!("{s}ات")).collect();
        let filter = KeyFilter::new(keys.iter().map(String::as_str));
        let others: Vec<String> = stems
            .iter()
            .flat_map(|a| stems.iter().map(move |b| format!("{}{}ات", &a[..4], &b[2..])))
            .filter(|w| !keys.contains(w))
            .collect();
        let passed = others.iter().filter(|w| filter.may_hold(w)).count();
        assert!(passed * 10 < others.len(), "{passed} of {} passed", others.len());
        assert!(keys.iter().all(|k| filter.may_hold(k)));
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
