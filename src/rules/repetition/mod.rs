//! Repetition: what rewriting under deadline leaves behind. A paragraph pasted twice with small
//! edits (`duplicate-paragraph`), a long clause said twice (`repeated-sentence`), a word typed
//! twice (`doubled-word`).
//!
//! The two near-duplicate rules share one view of the article: its words after the header (title,
//! dateline, byline), each with a comparison key (folded, without the article family and a leading
//! و/ف, so والتنظيم, التنظيم and تنظيم compare equal) and the key's hash. Detection is hashing
//! only (word shingles into a hash index, then counts), so it stays linear in the article's
//! length; the word-by-word diff (`similar`) runs only on the pairs that are reported.

mod doubled_word;
mod duplicate_paragraph;
mod repeated_sentence;

pub use doubled_word::DoubledWord;
pub use duplicate_paragraph::DuplicateParagraph;
pub use repeated_sentence::RepeatedSentence;

use crate::document::{Document, TokenKind};
use crate::source::Span;

/// Leading paragraphs that can be header lines (title, dateline, byline, "updated" line).
const MAX_HEADER_PARAGRAPHS: usize = 5;
/// A header line is short and does not end like a sentence.
const MAX_HEADER_WORDS: usize = 20;

/// The words of the article's body, in order.
pub(crate) struct Words {
    /// Token index of each word.
    pub tok: Vec<u32>,
    /// Hash of each word's comparison key.
    pub hash: Vec<u64>,
    /// Paragraph index of each word.
    pub para: Vec<u32>,
    /// Sentence index of each word.
    pub sent: Vec<u32>,
    /// For each paragraph, the range of its words (empty for header paragraphs).
    pub para_words: Vec<std::ops::Range<usize>>,
    /// For each sentence, the range of its words (empty for header paragraphs).
    pub sent_words: Vec<std::ops::Range<usize>>,
}

impl Words {
    pub fn new(doc: &Document<'_>) -> Words {
        let header = header_len(doc);
        let n = doc.tokens.len();
        let mut w = Words {
            tok: Vec::with_capacity(n),
            hash: Vec::with_capacity(n),
            para: Vec::with_capacity(n),
            sent: Vec::with_capacity(n),
            para_words: vec![0..0; doc.paragraphs.len()],
            sent_words: vec![0..0; doc.sentences.len()],
        };
        for (pi, p) in doc.paragraphs.iter().enumerate() {
            if pi < header || doc.meta.dateline.is_some_and(|d| overlaps(d, p.span)) {
                continue;
            }
            let p_start = w.tok.len();
            for si in p.sentences.clone() {
                let s_start = w.tok.len();
                for ti in doc.sentences[si].tokens.clone() {
                    let t = &doc.tokens[ti];
                    if t.kind == TokenKind::Punct {
                        continue;
                    }
                    w.tok.push(ti as u32);
                    w.hash.push(hash_str(key(doc, ti)));
                    w.para.push(pi as u32);
                    w.sent.push(si as u32);
                }
                w.sent_words[si] = s_start..w.tok.len();
            }
            w.para_words[pi] = p_start..w.tok.len();
        }
        w
    }

    pub fn len(&self) -> usize {
        self.tok.len()
    }

    /// The byte span from the first to the last of a range of words.
    pub fn span(&self, doc: &Document<'_>, r: std::ops::Range<usize>) -> Span {
        let first = doc.tokens[self.tok[r.start] as usize].span;
        let last = doc.tokens[self.tok[r.end - 1] as usize].span;
        first.cover(last)
    }

    pub fn key<'d>(&self, doc: &'d Document<'_>, i: usize) -> &'d str {
        key(doc, self.tok[i] as usize)
    }
}

/// The words of a document's body, built once and shared by the repetition rules.
pub(crate) fn words(doc: &Document<'_>) -> std::sync::Arc<Words> {
    doc.memo(0, || Words::new(doc))
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// How many leading paragraphs form the header: the title (always, when the reader found one),
/// then every short paragraph that does not end with a full stop, up to the first body paragraph.
pub(crate) fn header_len(doc: &Document<'_>) -> usize {
    let mut n = 0;
    for p in doc.paragraphs.iter().take(MAX_HEADER_PARAGRAPHS) {
        let words = doc.paragraph_tokens(p).iter().filter(|t| t.is_word()).count();
        let last = doc.slice(p.span).trim_end().chars().last();
        let is_title = doc.meta.title == Some(p.span);
        if is_title || (words <= MAX_HEADER_WORDS && !matches!(last, Some('.' | '۔'))) {
            n += 1;
        } else {
            break;
        }
    }
    n
}

/// The comparison key of a word: folded, without the definite-article family, and without a
/// leading و or ف when three letters stay (وأفاد = أفاد; وزير → زير on both sides alike).
pub(crate) fn key<'d>(doc: &'d Document<'_>, ti: usize) -> &'d str {
    let stem = doc.stem(&doc.tokens[ti]);
    match crate::text::clitics::strip_conjunction(stem) {
        Some(rest) if rest.chars().nth(2).is_some() => rest,
        _ => stem,
    }
}

/// A fixed, fast hash of a word (the same in every run, unlike the std RandomState).
pub(crate) fn hash_str(s: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x9e37_79b9_7f4a_7c15).hash_one(s)
}

/// A map keyed by hashes ([`hash_str`], [`window_hashes`]): already well mixed, so they are used as
/// they are instead of being hashed again.
pub(crate) type HashedMap<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<KeyIsHash>>;

/// The hasher of [`HashedMap`]: the key is the hash.
#[derive(Default)]
pub(crate) struct KeyIsHash(u64);

impl std::hash::Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed with it; fold anything else in rather than lose it.
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A set of bits indexed by hash, sized at `bits_per_hash` bits for each of the hashes it will
/// hold: a hash not put in finds its bit set only when another shares it (about one in
/// `bits_per_hash`). The filters of the repetition rules, which pass over most articles before
/// any map is built. Hashes must be mixed ([`hash_str`], [`window_hashes`]): the top bits index.
pub(crate) struct HashBits {
    bits: Vec<u64>,
    shift: u32,
}

impl HashBits {
    pub fn new(hashes: usize, bits_per_hash: usize) -> Self {
        let bits = (hashes * bits_per_hash).next_power_of_two().max(64);
        HashBits {
            bits: vec![0; bits / 64],
            shift: 64 - bits.trailing_zeros(),
        }
    }

    fn slot(&self, h: u64) -> (usize, u64) {
        let bit = (h >> self.shift) as usize;
        (bit / 64, 1u64 << (bit % 64))
    }

    pub fn may_hold(&self, h: u64) -> bool {
        let (word, mask) = self.slot(h);
        self.bits[word] & mask != 0
    }

    /// Sets the bit of `h`; whether it was set already.
    pub fn insert(&mut self, h: u64) -> bool {
        let (word, mask) = self.slot(h);
        let was = self.bits[word] & mask != 0;
        self.bits[word] |= mask;
        was
    }
}

/// The base of the polynomial window hash (odd, so multiplying by it loses no bits).
const WINDOW_BASE: u64 = 0x0000_0100_0000_01b3;

/// The hash of every run of `k` consecutive word hashes, in order: `hashes.len() + 1 - k` of
/// them (none when there are fewer than `k`). A polynomial hash rolled along the words, so each
/// window costs the same whatever `k`; then mixed, since [`HashedMap`] uses it as it is.
pub(crate) fn window_hashes(hashes: &[u64], k: usize) -> impl Iterator<Item = u64> + '_ {
    let k = k.max(1);
    // WINDOW_BASE^(k-1): the weight of the word that leaves the window.
    let top = (1..k).fold(1u64, |p, _| p.wrapping_mul(WINDOW_BASE));
    let mut h = hashes
        .iter()
        .take(k)
        .fold(0u64, |h, &x| h.wrapping_mul(WINDOW_BASE).wrapping_add(x));
    let count = (hashes.len() + 1).saturating_sub(k);
    (0..count).map(move |i| {
        let out = mix(h);
        if let Some(&entering) = hashes.get(i + k) {
            h = h
                .wrapping_sub(hashes[i].wrapping_mul(top))
                .wrapping_mul(WINDOW_BASE)
                .wrapping_add(entering);
        }
        out
    })
}

/// Spreads every bit of `h` over the whole word (the finalizer of SplitMix64).
fn mix(mut h: u64) -> u64 {
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(doc: &Document<'_>, offset: u32) -> usize {
    doc.source.lines.line_of(offset as usize) + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// Rolled window hashes are the hashes of the windows computed afresh: equal windows hash
    /// alike wherever they are, and windows that differ in one word or in order do not.
    #[test]
    fn rolled_window_hashes_are_the_windows_own() {
        let words: Vec<u64> = "a b c d a b c e c b a d a b c d".split(' ').map(hash_str).collect();
        for k in 1..=5 {
            let rolled: Vec<u64> = window_hashes(&words, k).collect();
            let fresh: Vec<u64> = words.windows(k).map(|w| window_hashes(w, k).next().unwrap()).collect();
            assert_eq!(rolled, fresh, "k = {k}");
        }
        let w3: Vec<u64> = window_hashes(&words, 3).collect();
        // "a b c" at 0, 4 and 12; "b c d" at 1 and 13; "c b a" (reversed) differs.
        assert_eq!(w3[0], w3[4]);
        assert_eq!(w3[0], w3[12]);
        assert_eq!(w3[1], w3[13]);
        assert_ne!(w3[0], w3[8]);
        assert_ne!(w3[1], w3[5]);
        assert_eq!(window_hashes(&words[..2], 3).count(), 0);
    }

    #[test]
    fn header_lines_are_skipped_and_keys_drop_clitics() {
        let src = SourceFile::new(
            "t.txt",
            "العدد 4758 - الأربعاء 16 سبتمبر 2015م\n\nعنوان الخبر هنا\n\nوأفاد البيت الأبيض بأن التنظيم جاهز.\n".into(),
        );
        let doc = Document::plain(&src);
        assert_eq!(header_len(&doc), 2);
        let w = Words::new(&doc);
        let keys: Vec<&str> = (0..w.len()).map(|i| w.key(&doc, i)).collect();
        assert_eq!(keys, ["افاد", "بيت", "ابيض", "بان", "تنظيم", "جاهز"]);
    }
}
