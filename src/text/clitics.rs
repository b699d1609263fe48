//! Clitic splitting on folded words: و ف ب ك ل ال لل and their combinations in front, pronoun and
//! plural suffixes behind. Conservative: a split is only offered while at least two letters stay.
//!
//! Words such as وزير or واشنطن begin with a letter that can be a proclitic, so splitting returns
//! every plausible stem (longest first) and callers that look words up try each; the canonical
//! key strips only the definite-article family, which is unambiguous.

/// Byte length of the definite-article prefix family at the start of a folded word
/// ((و|ف)?(ب|ك|ل)?ال or (و|ف)?لل), or 0. The stem after it keeps at least two letters.
pub fn article_prefix_len(folded: &str) -> usize {
    // Asked of every word: its letters are told by their bytes (each two in UTF-8).
    let b = folded.as_bytes();
    let conj = if starts_with_any(b, &[WAW, FA]) { 2 } else { 0 };
    let rest = &b[conj..];
    let article = if rest.starts_with(&[LAM[0], LAM[1], LAM[0], LAM[1]]) {
        4
    } else {
        let prep = if starts_with_any(rest, &[BA, KAF, LAM]) { 2 } else { 0 };
        if !rest[prep..].starts_with(&[ALEF[0], ALEF[1], LAM[0], LAM[1]]) {
            return 0;
        }
        prep + 4
    };
    if at_least_two_chars(&folded[conj + article..]) {
        conj + article
    } else {
        0
    }
}

/// The conjunctions و and ف that [`strip_conjunction`] strips, as text.
pub const CONJUNCTIONS: [&str; 2] = ["و", "ف"];
/// The one-letter proclitics و ب ل ف that [`strip_one_proclitic`] strips, as text.
pub const ONE_LETTER_PROCLITICS: [&str; 4] = ["و", "ب", "ل", "ف"];

/// The UTF-8 bytes of the letters clitics are made of.
const WAW: [u8; 2] = [0xD9, 0x88];
const FA: [u8; 2] = [0xD9, 0x81];
const BA: [u8; 2] = [0xD8, 0xA8];
const KAF: [u8; 2] = [0xD9, 0x83];
const LAM: [u8; 2] = [0xD9, 0x84];
const ALEF: [u8; 2] = [0xD8, 0xA7];

/// Whether `b` starts with one of these two-byte letters.
#[inline]
fn starts_with_any(b: &[u8], letters: &[[u8; 2]]) -> bool {
    // The two bytes compared at once.
    match b.first_chunk::<2>() {
        Some(&head) => letters
            .iter()
            .any(|&l| u16::from_ne_bytes(l) == u16::from_ne_bytes(head)),
        None => false,
    }
}

/// `s.chars().count() >= 2`, without counting them all (eight bytes always hold two).
#[inline]
fn at_least_two_chars(s: &str) -> bool {
    s.len() >= 8 || s.chars().nth(1).is_some()
}

/// The folded word without a leading و or ف (the conjunctions), if it has one; told by the
/// letters' bytes, as every word is asked.
#[inline]
pub fn strip_conjunction(folded: &str) -> Option<&str> {
    if starts_with_any(folded.as_bytes(), &[WAW, FA]) {
        folded.get(2..)
    } else {
        None
    }
}

/// The folded word without one leading proclitic letter, و ب ل or ف, if it has one.
#[inline]
pub fn strip_one_proclitic(folded: &str) -> Option<&str> {
    if starts_with_any(folded.as_bytes(), &[WAW, BA, LAM, FA]) {
        folded.get(2..)
    } else {
        None
    }
}

/// The word without its definite-article family prefix: the key that makes الأمريكي, والأمريكي
/// and للأمريكي meet.
pub fn stem_key(folded: &str) -> &str {
    &folded[article_prefix_len(folded)..]
}

/// Every plausible stem of a folded word, from the whole word down to the shortest split:
/// the word itself, without و/ف, without و/ف + ب/ك/ل, without the article family.
pub fn stem_candidates(folded: &str) -> Vec<&str> {
    StemCandidates::new(folded).collect()
}

/// The stems of [`stem_candidates`], without allocating. Every candidate is a suffix of the word,
/// and the bytes split off are 0, 2, 4, 6 or 8 (و/ف, ب/ك/ل and ال, each letter two bytes), in
/// increasing order: so the list is kept as a bit mask of them (bit k: k × 2 bytes split off).
#[derive(Clone, Debug)]
pub struct StemCandidates<'a> {
    folded: &'a str,
    mask: u8,
}

impl<'a> StemCandidates<'a> {
    pub fn new(folded: &'a str) -> Self {
        Self::with_mask(folded, candidate_mask(folded, article_prefix_len(folded)))
    }

    /// The candidates of `folded` from a mask [`candidate_mask`] made for it.
    pub fn with_mask(folded: &'a str, mask: u8) -> Self {
        StemCandidates { folded, mask }
    }
}

/// Whether a folded word starts with a letter that can begin a clitic or the article
/// (و ف ب ك ل ا): the others have no split, and most words are told by their first two bytes.
#[inline]
pub fn may_have_proclitic(folded: &str) -> bool {
    starts_with_any(folded.as_bytes(), &[WAW, FA, BA, KAF, LAM, ALEF])
}

/// The candidates of a folded word as a mask (see [`StemCandidates`]); `art` is its
/// [`article_prefix_len`].
pub fn candidate_mask(folded: &str, art: usize) -> u8 {
    let b = folded.as_bytes();
    let mut mask = 1u8;
    let bit = |skip: usize| 1u8 << (skip / 2);
    // و/ف, then ب/ك/ل after it or at the start, each leaving at least two letters.
    let conj = starts_with_any(b, &[WAW, FA]) && at_least_two_chars(&folded[2..]);
    if conj {
        mask |= bit(2);
    }
    for base in if conj { &[0usize, 2][..] } else { &[0][..] } {
        if starts_with_any(&b[*base..], &[BA, KAF, LAM]) && at_least_two_chars(&folded[base + 2..]) {
            mask |= bit(base + 2);
        }
    }
    if art > 0 {
        mask |= bit(art);
    }
    mask
}

impl<'a> Iterator for StemCandidates<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        if self.mask == 0 {
            return None;
        }
        let k = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        self.folded.get(k * 2..)
    }
}

/// Pronoun suffixes, longest first. A word ending in one of these may be a noun with a possessive
/// (كتابه "his book"), which folding would merge with a ة-ending noun (كتابة "writing").
pub const PRONOUN_SUFFIXES: &[&str] = &["هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه"];

/// The folded word without a trailing pronoun suffix, if one can be split off leaving at least
/// three letters.
pub fn strip_pronoun_suffix(folded: &str) -> Option<&str> {
    PRONOUN_SUFFIXES
        .iter()
        .find_map(|suf| folded.strip_suffix(suf).filter(|stem| stem.chars().count() >= 3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;

    /// A word that does not start with a clitic letter has no article and no split.
    #[test]
    fn words_without_a_proclitic_letter_have_no_split() {
        let letters = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي";
        for c in letters.chars() {
            for rest in ["كتاب", "الكتاب", "لكتاب", "الي", "ب"] {
                let word = format!("{c}{rest}");
                if !may_have_proclitic(&word) {
                    assert_eq!(article_prefix_len(&word), 0, "{word}");
                    assert_eq!(candidate_mask(&word, 0), 1, "{word}");
                }
            }
        }
        assert!(may_have_proclitic("والكتاب") && may_have_proclitic("الكتاب") && !may_have_proclitic("مكتب"));
    }

    #[test]
    fn the_proclitic_lists_are_what_the_strippers_strip() {
        let letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
        for c in letters.chars() {
            let word = format!("{c}كتاب");
            let conj = strip_conjunction(&word).is_some();
            assert_eq!(conj, CONJUNCTIONS.contains(&c.to_string().as_str()), "{c}");
            let one = strip_one_proclitic(&word).is_some();
            assert_eq!(one, ONE_LETTER_PROCLITICS.contains(&c.to_string().as_str()), "{c}");
        }
    }

    /// The clitic splits as first written (with char patterns), to check the byte versions.
    fn article_prefix_len_by_chars(folded: &str) -> usize {
        let two = |s: &str| s.chars().nth(1).is_some();
        let mut rest = folded;
        let mut len = 0;
        if let Some(r) = rest.strip_prefix(['و', 'ف']) {
            rest = r;
            len += 2;
        }
        let article = if let Some(r) = rest.strip_prefix("لل") {
            Some((r, 4))
        } else {
            let (r, l) = match rest.strip_prefix(['ب', 'ك', 'ل']) {
                Some(r) => (r, 2),
                None => (rest, 0),
            };
            r.strip_prefix("ال").map(|r2| (r2, l + 4))
        };
        match article {
            Some((stem, l)) if two(stem) => len + l,
            _ => 0,
        }
    }

    fn candidate_mask_by_chars(folded: &str, art: usize) -> u8 {
        let two = |s: &&str| s.chars().nth(1).is_some();
        let mut mask = 1u8;
        let bit = |skip: usize| 1u8 << (skip / 2);
        let conj = folded.strip_prefix(['و', 'ف']).filter(two);
        if let Some(after) = conj {
            mask |= bit(folded.len() - after.len());
        }
        for base in std::iter::once(folded).chain(conj) {
            if let Some(r) = base.strip_prefix(['ب', 'ك', 'ل']).filter(two) {
                mask |= bit(folded.len() - r.len());
            }
        }
        if art > 0 {
            mask |= bit(art);
        }
        mask
    }

    #[test]
    fn byte_splits_agree_with_char_splits() {
        let letters = ["و", "ف", "ب", "ك", "ل", "ا", "م", "ي", "x", "😀", "ه"];
        // Every word of up to five of these letters.
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = words
                .iter()
                .filter(|w| w.chars().count() == words.last().map_or(0, |l| l.chars().count()))
                .flat_map(|w| letters.iter().map(move |l| format!("{w}{l}")))
                .collect();
            words.extend(longer);
        }
        assert!(words.len() > 100_000);
        for w in &words {
            let art = article_prefix_len(w);
            assert_eq!(art, article_prefix_len_by_chars(w), "{w}");
            assert_eq!(candidate_mask(w, art), candidate_mask_by_chars(w, art), "{w}");
        }
    }

    #[test]
    fn article_family_meets_in_one_key() {
        let a = fold("والأمريكيين");
        let b = fold("للأمريكي");
        let c = fold("الأمريكية");
        assert_eq!(stem_key(&a), "امريكيين");
        assert_eq!(stem_key(&b), "امريكي");
        assert_eq!(stem_key(&c), "امريكيه");
        assert!(stem_key(&a).starts_with("امريكي") && stem_key(&c).starts_with("امريكي"));
    }

    #[test]
    fn short_words_are_not_split() {
        assert_eq!(stem_key(&fold("والد")), "والد");
        assert_eq!(stem_key(&fold("فالح")), "فالح");
    }

    #[test]
    fn candidates_keep_the_whole_word_first() {
        let w = fold("وبالأمريكي");
        let c = stem_candidates(&w);
        assert_eq!(c[0], "وبالامريكي");
        assert!(c.contains(&"امريكي"));
        let w = fold("واشنطن");
        assert!(stem_candidates(&w).contains(&"واشنطن"));
    }

    /// The list as first written (allocating), kept to check the allocation-free one against.
    fn stem_candidates_reference(folded: &str) -> Vec<&str> {
        let mut out = vec![folded];
        let enough = |s: &str| s.chars().count() >= 2;
        let after_conj = folded.strip_prefix(['و', 'ف']).filter(|s| enough(s));
        let bases: Vec<&str> = std::iter::once(folded).chain(after_conj).collect();
        for base in bases {
            if base.len() != folded.len() {
                out.push(base);
            }
            if let Some(r) = base.strip_prefix(['ب', 'ك', 'ل']).filter(|s| enough(s)) {
                out.push(r);
            }
        }
        let art = article_prefix_len(folded);
        if art > 0 {
            out.push(&folded[art..]);
        }
        out.dedup();
        out
    }

    #[test]
    fn candidates_match_the_reference_list() {
        for w in [
            "وبالامريكي",
            "واشنطن",
            "والد",
            "فالح",
            "لل",
            "للامريكي",
            "وللامريكي",
            "فبال",
            "كالة",
            "بلد",
            "وب",
            "و",
            "",
            "ولل",
            "وكالة",
            "فلسطين",
            "بالبيت",
            "ككل",
            "ووو",
            "لالا",
        ] {
            let w = fold(w);
            assert_eq!(stem_candidates(&w), stem_candidates_reference(&w), "{w}");
        }
    }

    #[test]
    fn pronoun_suffix_split() {
        assert_eq!(strip_pronoun_suffix(&fold("كتابه")), Some("كتاب"));
        assert_eq!(strip_pronoun_suffix(&fold("له")), None);
    }
}
