//! The kinds of word that several rules start from (month names, reporting verbs, relative days,
//! أن and بأن, titles and first names), found with one lookup per word and shared through the
//! document's memo. A rule that starts from one of them passes over the other words on a bit,
//! instead of each rule slicing and looking up every word of the document against a list of its
//! own.
//!
//! A class says only that a word *may* be what a rule looks for: each rule still reads the word
//! in full where the bit is set, so the bits are a superset of what the rules accept (tests check
//! this against the rules' own lists).

use crate::document::{Document, TokenKind};
use crate::text::clitics::{CONJUNCTIONS, ONE_LETTER_PROCLITICS};
use crate::text::wordset::WordMap;
use std::sync::{Arc, LazyLock};

/// A month name, or one after a proclitic و ب ل ف ([`crate::text::months::name_starts`]).
pub const MONTH: u8 = 1;
/// A reporting verb in the past, or one after و/ف (the attribution rules' verbs).
pub const PAST_VERB: u8 = 2;
/// The first word of a relative day (أمس، اليوم، غدا …), or one after و/ف.
pub const RELATIVE_DAY: u8 = 4;
/// أن and its pronoun forms, folded (qala-inna).
pub const ANNA: u8 = 8;
/// بأن and its pronoun forms, folded (redundant-ba).
pub const BI_ANNA: u8 = 16;
/// A title (or one after و/ف) or a first name: where transliteration-variant looks for names.
pub const NAME_CUE: u8 = 32;

/// A word, and the word after each of these prefixes.
fn with(prefixes: &[&str], word: &str) -> Vec<String> {
    std::iter::once(word.to_string())
        .chain(prefixes.iter().map(|p| format!("{p}{word}")))
        .collect()
}

/// Every folded word of every class, with its classes.
static CLASSES: LazyLock<WordMap<u8>> = LazyLock::new(|| {
    let mut all: foldhash::HashMap<String, u8> = foldhash::HashMap::default();
    let mut add = |word: String, class: u8| *all.entry(word).or_default() |= class;
    // A month name may carry one proclitic (as `months::read` strips it); a verb, a relative day
    // or a title a conjunction.
    for name in crate::text::months::name_starts() {
        with(&ONE_LETTER_PROCLITICS, name)
            .into_iter()
            .for_each(|w| add(w, MONTH));
    }
    for verb in super::attribution::past_forms() {
        with(&CONJUNCTIONS, verb).into_iter().for_each(|w| add(w, PAST_VERB));
    }
    for day in super::dates::RELATIVE_DAY_STARTS {
        with(&CONJUNCTIONS, day).into_iter().for_each(|w| add(w, RELATIVE_DAY));
    }
    let (anna, bi_anna) = super::attribution::complementizer_forms();
    anna.into_iter().for_each(|w| add(w, ANNA));
    bi_anna.iter().for_each(|w| add(w.to_string(), BI_ANNA));
    for (cue, title) in super::transliteration::name_cues() {
        let prefixes: &[&str] = if title { &CONJUNCTIONS } else { &[] };
        with(prefixes, cue).into_iter().for_each(|w| add(w, NAME_CUE));
    }
    all.into_iter().collect()
});

/// The classes of each token of a document (0 for a token of none).
pub struct Classes(Vec<u8>);

impl Classes {
    /// Whether token `token` may be of `class`.
    #[inline]
    pub fn has(&self, token: usize, class: u8) -> bool {
        self.0.get(token).is_some_and(|&c| c & class != 0)
    }

    /// The tokens that may be of `class`, in order.
    pub fn tokens_with(&self, class: u8) -> impl Iterator<Item = usize> + '_ {
        self.0
            .iter()
            .enumerate()
            .filter(move |&(_, &c)| c & class != 0)
            .map(|(i, _)| i)
    }
}

/// The classes of a document's tokens, worked out by the first rule that asks.
pub fn classes(doc: &Document<'_>) -> Arc<Classes> {
    doc.memo(0, || {
        // Forced once here, not checked per word.
        let lexicon = &*CLASSES;
        Classes(
            doc.tokens
                .iter()
                .map(|t| match t.kind {
                    TokenKind::Arabic => lexicon.get(doc.folded(t)).copied().unwrap_or(0),
                    _ => 0,
                })
                .collect(),
        )
    })
}

/// Texts to check the classes against the rules' own readings: every fixture, and every word of
/// every class written as an article would write it (with its hamza, a proclitic, a mark, a
/// tatweel), in sentences that give each a context.
#[cfg(test)]
pub(crate) fn sample_texts() -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push((path.display().to_string(), text));
            }
        }
    }
    let mut words: Vec<String> = Vec::new();
    words.extend(crate::text::months::name_starts().map(String::from));
    words.extend(super::attribution::past_forms().map(String::from));
    words.extend(super::dates::RELATIVE_DAY_STARTS.iter().map(|w| w.to_string()));
    let (anna, bi_anna) = super::attribution::complementizer_forms();
    words.extend(anna);
    words.extend(bi_anna.iter().map(|w| w.to_string()));
    words.extend(super::transliteration::name_cues().map(|(w, _)| w.to_string()));
    words.extend(
        [
            "أن",
            "إن",
            "بأنه",
            "أمس",
            "آب",
            "أب",
            "أيلول",
            "تشرين الأول",
            "كانون الثاني",
        ]
        .map(String::from),
    );
    let mut lines = Vec::new();
    for w in &words {
        for form in [
            w.clone(),
            format!("و{w}"),
            format!("ف{w}"),
            format!("ب{w}"),
            format!("ل{w}"),
            format!("{w}َ"),
            format!("ـ{w}"),
        ] {
            lines.push(format!(
                "قال الوزير {form} الأول إن الاجتماع عقد في 12 {form} 2015 أمس الأحد."
            ));
            lines.push(format!("وأكد المتحدث بأن {form} أن الوفد وصل."));
        }
    }
    texts.push(("words".to_string(), lines.join("\n")));
    texts
}

/// Checks, over every sample text, that each token a rule's own reading accepts
/// (`accepts(doc, token)`) has `class`; returns how many it accepted, so that a test can tell it
/// checked something.
#[cfg(test)]
pub(crate) fn assert_covers(class: u8, accepts: impl Fn(&Document<'_>, usize) -> bool) -> usize {
    let mut accepted = 0;
    for (name, text) in sample_texts() {
        let src = crate::source::SourceFile::new(name.clone(), text);
        let doc = crate::document::build(&src);
        let c = classes(&doc);
        for i in 0..doc.tokens.len() {
            if accepts(&doc, i) {
                accepted += 1;
                assert!(c.has(i, class), "{name}: {:?}", doc.surface(&doc.tokens[i]));
            }
        }
    }
    accepted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn classes_of(text: &str) -> Vec<(String, u8)> {
        let src = SourceFile::new("t", text.to_string());
        let doc = crate::document::build(&src);
        let c = classes(&doc);
        doc.tokens
            .iter()
            .enumerate()
            .map(|(i, t)| (doc.surface(t).to_string(), c.0[i]))
            .collect()
    }

    #[test]
    fn words_get_their_classes_with_their_proclitics() {
        let got = classes_of("وفي أيلول/سبتمبر قال وأكّد أمسِ بأنه وبالأمس لتشرين إنها كتب");
        let class = |w: &str| got.iter().find(|(s, _)| s == w).map(|&(_, c)| c);
        assert_eq!(class("أيلول"), Some(MONTH));
        assert_eq!(class("سبتمبر"), Some(MONTH));
        assert_eq!(class("لتشرين"), Some(MONTH));
        assert_eq!(class("قال"), Some(PAST_VERB));
        assert_eq!(class("وأكّد"), Some(PAST_VERB));
        assert_eq!(class("أمسِ"), Some(RELATIVE_DAY));
        assert_eq!(class("وبالأمس"), Some(RELATIVE_DAY));
        assert_eq!(class("بأنه"), Some(BI_ANNA));
        assert_eq!(class("إنها"), Some(ANNA));
        assert_eq!(class("وفي"), Some(0));
        assert_eq!(class("كتب"), Some(0));
        assert_eq!(class("/"), Some(0));
    }
}
