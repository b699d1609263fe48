//! Attribution: how news copy reports speech. Two reporting verbs left for one subject
//! (`doubled-verb`), a ب after a verb that takes أن directly (`redundant-ba`), أن where قال
//! needs إن (`qala-inna`). The verb lists and the word classes the three rules share live here
//! (ARABIC.md §1.6 and §2.4); every word is compared folded.

mod doubled_verb;
mod qala_inna;
mod redundant_ba;

pub use doubled_verb::DoubledVerb;
pub use qala_inna::QalaInna;
pub use redundant_ba::RedundantBa;

use crate::document::{Document, Token, TokenKind};
use crate::text::fold::fold;
use crate::text::wordset::{WordMap, WordSet};
use std::sync::LazyLock;

/// Past-tense reporting verbs (masculine, feminine): the core list of the doubled-verb heuristic.
/// The last five are also a preposition or a masdar when unvocalized (بين، ذكر، كشف، تابع) or
/// take إلى (دعا); they count only where a complementizer follows at once.
const PAST_VERBS: &[(&str, &str)] = &[
    ("قال", "قالت"),
    ("أكد", "أكدت"),
    ("أفاد", "أفادت"),
    ("أعلن", "أعلنت"),
    ("أوضح", "أوضحت"),
    ("أشار", "أشارت"),
    ("صرح", "صرحت"),
    ("شدد", "شددت"),
    ("اعتبر", "اعتبرت"),
    ("أضاف", "أضافت"),
    ("لفت", "لفتت"),
    ("نوه", "نوهت"),
    ("أردف", "أردفت"),
    ("رأى", "رأت"),
    ("أعرب", "أعربت"),
    ("أبلغ", "أبلغت"),
    ("ذكر", "ذكرت"),
    ("كشف", "كشفت"),
    ("بين", "بينت"),
    ("تابع", "تابعت"),
    ("دعا", "دعت"),
];

/// Of `PAST_VERBS`, the forms that are also other words when unvocalized.
const AMBIGUOUS_VERBS: &[&str] = &["ذكر", "كشف", "بين", "تابع", "دعا"];

/// Other verbs of saying: never a V2 of the heuristic, but they end a subject.
const OTHER_SAYING: &[&str] = &[
    "أفصح",
    "زعم",
    "ادعى",
    "ادعت",
    "نفى",
    "نفت",
    "حذر",
    "حذرت",
    "طالب",
    "طالبت",
    "استطرد",
    "تساءل",
    "علق",
    "علقت",
    "ختم",
    "ختمت",
    "قالوا",
    "أكدوا",
    "أضافوا",
    "أوضحوا",
    "يقول",
    "تقول",
    "يؤكد",
    "تؤكد",
    "يرى",
    "ترى",
    "يضيف",
    "تضيف",
];

/// Words that cannot be part of a subject between two verbs: complementizers, particles,
/// auxiliaries, prepositions, relative pronouns, time adverbs (ARABIC.md §2.4).
const NOT_SUBJECT: &[&str] = &[
    "أن",
    "إن",
    "بأن",
    "أنه",
    "إنه",
    "أنها",
    "إنها",
    "أنهم",
    "إنهم",
    "بأنه",
    "بأنها",
    "قد",
    "لقد",
    "كان",
    "كانت",
    "لم",
    "لن",
    "لا",
    "ما",
    "من",
    "في",
    "على",
    "عن",
    "إلى",
    "خلال",
    "أمام",
    "حول",
    "بعد",
    "قبل",
    "عند",
    "مع",
    "لدى",
    "بين",
    "اليوم",
    "أمس",
    "أيضا",
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللاتي",
    "اللواتي",
    "الذى",
    "حيث",
    "إذ",
    "كما",
    "أو",
    "ثم",
    "لكن",
    "هو",
    "هي",
    "هم",
    "عبر",
    "وفق",
    "حسب",
    "بحسب",
    "منذ",
    "إلا",
    "غير",
    "سوى",
    "حين",
    "عندما",
];

/// Complementizers and the openers of quoted speech that follow a verb of saying.
const COMPLEMENTIZERS: &[&str] = &[
    "أن",
    "أنه",
    "أنها",
    "أنهم",
    "أنهما",
    "أننا",
    "أنني",
    "أني",
    "بأن",
    "بأنه",
    "بأنها",
    "بأنهم",
    "بأنهما",
    "بأننا",
];

fn folded_set(list: &[&str]) -> WordSet {
    list.iter().map(|w| fold(w)).collect()
}

/// The tokens of the paragraph that holds token `token`, and its index among them: the
/// attribution rules read a word's neighbours within its paragraph.
pub(crate) fn in_paragraph<'d>(doc: &'d Document<'_>, token: usize) -> Option<(&'d [Token], usize)> {
    let p = &doc.paragraphs[doc.paragraph_of_token(token)?];
    Some((doc.paragraph_tokens(p), token - p.tokens.start))
}

/// The folded past forms of the reporting verbs ([`past_verb`] without its و/ف).
pub(crate) fn past_forms() -> impl Iterator<Item = &'static str> {
    PAST.keys().map(String::as_str)
}

/// The folded forms of أن, إن and their pronoun forms that qala-inna looks at, and of بأن.
pub(crate) fn complementizer_forms() -> (Vec<String>, &'static [&'static str]) {
    (
        qala_inna::ANNA_FORMS.iter().map(|w| fold(w)).collect(),
        redundant_ba::BI_ANNA_FORMS,
    )
}

/// Folded past forms → (lemma, ambiguous).
static PAST: LazyLock<WordMap<(&'static str, bool)>> = LazyLock::new(|| {
    PAST_VERBS
        .iter()
        .flat_map(|&(masc, fem)| {
            let ambiguous = AMBIGUOUS_VERBS.contains(&masc);
            [(fold(masc), (masc, ambiguous)), (fold(fem), (masc, ambiguous))]
        })
        .collect()
});
static OTHER: LazyLock<WordSet> = LazyLock::new(|| folded_set(OTHER_SAYING));
static NOT_SUBJECT_SET: LazyLock<WordSet> = LazyLock::new(|| folded_set(NOT_SUBJECT));
static COMPLEMENTIZER_SET: LazyLock<WordSet> = LazyLock::new(|| folded_set(COMPLEMENTIZERS));

/// The folded word without a و/ف conjunction, and whether it had one.
pub(crate) fn strip_conjunction(folded: &str) -> (&str, bool) {
    match crate::text::clitics::strip_conjunction(folded) {
        Some(rest) if rest.chars().nth(1).is_some() => (rest, true),
        _ => (folded, false),
    }
}

/// Whether `folded`, or `folded` without a leading و/ف, is in `set` (the second lookup only when
/// there is a conjunction to strip).
pub(crate) fn in_set_with_conjunction(set: &WordSet, folded: &str) -> bool {
    set.contains(folded) || {
        let (rest, conj) = strip_conjunction(folded);
        conj && set.contains(rest)
    }
}

/// A past-tense reporting verb of the core list: its lemma, whether it carries و/ف, whether
/// the form is ambiguous unvocalized.
pub(crate) struct PastVerb {
    pub lemma: &'static str,
    pub conjunction: bool,
    pub ambiguous: bool,
}

pub(crate) fn past_verb(doc: &Document<'_>, t: &Token) -> Option<PastVerb> {
    if t.kind != TokenKind::Arabic {
        return None;
    }
    let f = doc.folded(t);
    // The longest form is a conjunction and a seven-letter verb (واعتبرت): skip longer words
    // before hashing.
    if f.len() > 16 {
        return None;
    }
    if let Some(&(lemma, ambiguous)) = PAST.get(f) {
        return Some(PastVerb {
            lemma,
            conjunction: false,
            ambiguous,
        });
    }
    let (rest, conj) = strip_conjunction(f);
    if !conj {
        return None;
    }
    PAST.get(rest).map(|&(lemma, ambiguous)| PastVerb {
        lemma,
        conjunction: conj,
        ambiguous,
    })
}

/// Whether a word is any verb of saying the rules know, with or without و/ف.
pub(crate) fn is_saying_verb(doc: &Document<'_>, t: &Token) -> bool {
    past_verb(doc, t).is_some() || in_set_with_conjunction(&OTHER, doc.folded(t))
}

/// Whether a word can sit inside the subject between a verb and what follows it.
pub(crate) fn can_be_subject(doc: &Document<'_>, t: &Token) -> bool {
    if t.kind == TokenKind::Punct {
        return false;
    }
    !(in_set_with_conjunction(&NOT_SUBJECT_SET, doc.folded(t)) || is_saying_verb(doc, t))
}

/// Whether a token is a complementizer (أن، إن، بأن، أنه …), folded.
pub(crate) fn is_complementizer(doc: &Document<'_>, t: &Token) -> bool {
    t.kind == TokenKind::Arabic && COMPLEMENTIZER_SET.contains(doc.folded(t))
}

/// Whether a token opens quoted speech or a reported statement (: « " “).
pub(crate) fn opens_speech(doc: &Document<'_>, t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(doc.surface(t), ":" | "«" | "\"" | "\u{201C}" | "\u{201D}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn the_lexicon_marks_every_past_verb() {
        let n = crate::rules::lexicon::assert_covers(crate::rules::lexicon::PAST_VERB, |doc, i| {
            past_verb(doc, &doc.tokens[i]).is_some()
        });
        assert!(n > 100, "{n}");
    }

    #[test]
    fn verbs_and_classes() {
        let src = SourceFile::new("t.txt", "وأكدت أفاد بين الذي الوزير بأنه".into());
        let doc = Document::plain(&src);
        let t = &doc.tokens;
        let v = past_verb(&doc, &t[0]).expect("verb");
        assert_eq!((v.lemma, v.conjunction), ("أكد", true));
        assert!(!past_verb(&doc, &t[1]).expect("verb").conjunction);
        assert!(past_verb(&doc, &t[2]).expect("verb").ambiguous);
        assert!(!can_be_subject(&doc, &t[3]));
        assert!(can_be_subject(&doc, &t[4]));
        assert!(is_complementizer(&doc, &t[5]));
    }
}
