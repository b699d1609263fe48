//! Clitic splitting on folded words: و ف ب ك ل ال لل and their combinations in front, pronoun and
//! plural suffixes behind. Conservative: a split is only offered while at least two letters stay.
//!
//! Words such as وزير or واشنطن begin with a letter that can be a proclitic, so splitting returns
//! every plausible stem (longest first) and callers that look words up try each; the canonical
//! key strips only the definite-article family, which is unambiguous.

/// Byte length of the definite-article prefix family at the start of a folded word
/// ((و|ف)?(ب|ك|ل)?ال or (و|ف)?لل), or 0. The stem after it keeps at least two letters.
pub fn article_prefix_len(folded: &str) -> usize {
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
        Some((stem, l)) if stem.chars().count() >= 2 => len + l,
        _ => 0,
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

    #[test]
    fn pronoun_suffix_split() {
        assert_eq!(strip_pronoun_suffix(&fold("كتابه")), Some("كتاب"));
        assert_eq!(strip_pronoun_suffix(&fold("له")), None);
    }
}
