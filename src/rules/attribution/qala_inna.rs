//! qala-inna: قال أن → قال إن.

use super::{can_be_subject, in_paragraph, in_set_with_conjunction, strip_conjunction};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::{Document, Token, TokenKind};
use crate::rules::{Context, Rule, RuleMeta, lexicon, quote_span};
use crate::source::Span;
use crate::text::fold::{bare, fold};
use crate::text::wordset::WordSet;
use std::sync::LazyLock;

pub struct QalaInna;

static META: RuleMeta = RuleMeta::builtin(
    "qala-inna",
    "attribution",
    Severity::Warning,
    "أن where قال needs إن (قال أن → قال إن)",
    r#"## What it does
Reports أن (أنه، أنها، أنهم …) written with hamza above where it opens the speech reported by قال
(قالت، يقول، قائلاً …), right after the verb or after its subject or a short phrase (قالت
الوزارة في بيان أن). After قال, reported speech opens with إنّ.

It is a warning: it is not reported where أن is followed by a verb in the present (أن يكون,
which may belong to a word between), nor where a modal stands between (قال يجب أن), nor where the
alef has no hamza at all (ان): outlets that write ان for both are following their own house style.
An unsafe fix writes إن where the reading is clear (أنه، أنها …, or أن before a noun with the
article); elsewhere there is no fix.

## Why it matters
After قال the clause is a quotation and takes إنّ; أنّ is the most frequent grammar slip in
attribution.

## Example
```text
وقال الوزير في بيان أن الحكومة لن تتراجع، وقالت المتحدثة أنها ستتابع الملف.
```

## Use instead
```text
وقال الوزير في بيان إن الحكومة لن تتراجع، وأكدت المتحدثة أنها ستتابع الملف.
```

## Options
None.
"#,
);

/// Forms of قال (folded after dropping و/ف).
const QALA: &[&str] = &[
    "قال",
    "قالت",
    "قالوا",
    "قلنا",
    "يقول",
    "تقول",
    "يقولون",
    "نقول",
    "أقول",
    "قائلا",
    "قائلة",
    "قائلين",
];

/// أن with its pronouns, written with hamza above (bare, diacritics dropped).
pub(super) const ANNA_FORMS: &[&str] = &[
    "أن",
    "أنه",
    "أنها",
    "أنهم",
    "أنهما",
    "أنهن",
    "أننا",
    "أنني",
    "أني",
    "أنك",
    "أنكم",
];

/// The form of [`ANNA_FORMS`] a token is, marks and tatweel aside (so أن, not إن: the hamza tells
/// them apart).
fn anna_form(doc: &Document<'_>, t: &Token) -> Option<String> {
    let b = bare(doc.surface(t));
    (t.kind == TokenKind::Arabic && ANNA_FORMS.contains(&b.as_str())).then_some(b)
}

/// Words between قال and أن that make أن theirs (قال يجب أن), folded.
const MODALS: &[&str] = &[
    "يجب",
    "يمكن",
    "ينبغي",
    "يتعين",
    "لابد",
    "بد",
    "المقرر",
    "المتوقع",
    "المنتظر",
    "المفترض",
    "المهم",
    "الضروري",
    "الممكن",
    "المرجح",
    "المستبعد",
    "الواجب",
    "يريد",
    "تريد",
    "يرفض",
    "يحاول",
    "أراد",
    "حاول",
    "رفض",
    "طلب",
    "لله",
];

/// Most words between the verb and أن.
const MAX_GAP: usize = 4;

static QALA_SET: LazyLock<WordSet> = LazyLock::new(|| QALA.iter().map(|w| fold(w)).collect());
static MODAL_SET: LazyLock<WordSet> = LazyLock::new(|| MODALS.iter().map(|w| fold(w)).collect());

fn is_qala(doc: &Document<'_>, t: &Token) -> bool {
    t.kind == TokenKind::Arabic && {
        let f = doc.folded(t);
        in_set_with_conjunction(&QALA_SET, f)
    }
}

/// Whether a word looks like a verb in the present (يكون، تعمل، نرى): a prefix of the imperfect
/// and no article. Nouns such as تنظيم look the same, so such a word makes the finding uncertain.
fn may_be_present_verb(doc: &Document<'_>, t: &Token) -> bool {
    let f = doc.folded(t);
    t.kind == TokenKind::Arabic && !f.starts_with("ال") && f.starts_with(['ي', 'ت', 'ن'])
}

/// Whether what follows أن is clearly its noun subject: a word with the article, a number, a
/// demonstrative or هناك.
fn noun_follows(doc: &Document<'_>, next: Option<&Token>) -> bool {
    next.is_some_and(|n| match n.kind {
        TokenKind::Number | TokenKind::Mixed => true,
        TokenKind::Arabic => {
            let f = doc.folded(n);
            f.starts_with("ال") || matches!(f, "هذا" | "هذه" | "ذلك" | "تلك" | "هناك" | "ثمه" | "هؤلاء")
        }
        _ => false,
    })
}

impl Rule for QalaInna {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let words = lexicon::classes(doc);
        for (toks, k) in words.tokens_with(lexicon::ANNA).filter_map(|i| in_paragraph(doc, i)) {
            // The verb is one of the few words before أن: most أن have none there, and are
            // passed over before their form is read.
            if !toks[k.saturating_sub(MAX_GAP + 1)..k].iter().any(|w| is_qala(doc, w)) {
                continue;
            }
            let t = &toks[k];
            let Some(b) = anna_form(doc, t) else {
                continue;
            };
            let mut verb = None;
            for back in 1..=MAX_GAP + 1 {
                let Some(i) = k.checked_sub(back) else { break };
                let w = &toks[i];
                if is_qala(doc, w) {
                    verb = Some(i);
                    break;
                }
                let f = doc.folded(w);
                let in_phrase = matches!(f, "في" | "خلال" | "امام" | "لدي" | "عبر");
                if in_set_with_conjunction(&MODAL_SET, f) {
                    break;
                }
                // A verb with و or ف starts a new clause (بما قال وتذكرت أن). Folded, a
                // final ت is a verb's (nouns end in ه for ة, or in ات).
                let (rest, conj) = strip_conjunction(f);
                if conj && rest.ends_with('ت') && !rest.ends_with("ات") && rest.chars().count() >= 4 {
                    break;
                }
                if !(can_be_subject(doc, w) || in_phrase) {
                    break;
                }
            }
            let Some(i) = verb else { continue };
            let next = toks.get(k + 1);
            let pronoun = b != "أن";
            if !pronoun && next.is_some_and(|n| may_be_present_verb(doc, n)) {
                continue;
            }
            let clear = pronoun || noun_follows(doc, next);
            let phrase = quote_span(doc, toks[i].span.cover(t.span));
            let mut d = Diagnostic::new(
                &META.id,
                META.severity,
                t.span,
                format!("{phrase}: reported speech after قال opens with إن, not أن"),
            )
            .with_related(toks[i].span, "the verb of saying");
            if clear {
                let s = doc.surface(t);
                if let Some(alef) = s.char_indices().find(|&(_, c)| c == 'أ') {
                    let at = t.span.start as usize + alef.0;
                    d = d.with_fix(Fix::unsafe_(Span::new(at, at + 'أ'.len_utf8()), "إ"));
                }
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::apply_fixes;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn the_lexicon_marks_every_anna() {
        let n = lexicon::assert_covers(lexicon::ANNA, |doc, i| anna_form(doc, &doc.tokens[i]).is_some());
        assert!(n > 10, "{n}");
    }

    #[test]
    fn qala_anna_is_found_and_fixed_where_clear() {
        let text = "وقال الوزير في بيان أن الحكومة لن تتراجع، وقالت المتحدثة أنها ستتابع الملف.";
        let (out, src) = run(&QalaInna, text);
        assert_eq!(out.len(), 2, "{out:#?}");
        assert_eq!(src.slice(out[0].span), "أن");
        assert_eq!(src.slice(out[1].span), "أنها");
        let (fixed, n) = apply_fixes(&src.text, out.iter().filter_map(|d| d.fix.as_ref()));
        assert_eq!(n, 2);
        assert_eq!(
            fixed,
            "وقال الوزير في بيان إن الحكومة لن تتراجع، وقالت المتحدثة إنها ستتابع الملف."
        );
    }

    #[test]
    fn subject_words_that_begin_with_waw_are_still_subjects() {
        assert_eq!(flagged(&QalaInna, "وقال وزير الخارجية أن الحكومة لن تتراجع."), ["أن"]);
        assert_eq!(flagged(&QalaInna, "وقالت وكالات الأنباء أن الحكومة لن تتراجع."), ["أن"]);
    }

    /// The verb is looked for as far back as four words before أن, and no further.
    #[test]
    fn the_verb_may_stand_four_words_back() {
        assert_eq!(
            flagged(&QalaInna, "قال وزير التربية ناجي جلول أن الوزارة جاهزة."),
            ["أن"]
        );
        assert!(flagged(&QalaInna, "قال وزير التربية التونسي ناجي جلول أن الوزارة جاهزة.").is_empty());
    }

    #[test]
    fn unclear_reading_has_no_fix() {
        let (out, _) = run(&QalaInna, "وقال أوباما أن روسيا تخاطر.");
        assert_eq!(out.len(), 1);
        assert!(out[0].fix.is_none());
    }

    #[test]
    fn inna_present_verbs_modals_and_bare_alef_are_silent() {
        for ok in [
            "وقال الوزير إن الحكومة لن تتراجع.",
            "وقال الوزير ان الحكومة لن تتراجع.",
            "وقال الوزير يجب أن تتراجع الحكومة.",
            "قال إنه من المقرر أن يصل الوفد.",
            "وقال الوزير أن يكون الحل سياسيا.",
            "وأكد الوزير أن الحكومة لن تتراجع.",
            "وقال الوزير: لا بد أن نعمل.",
            "فكرت بما قال وتذكرت أن معظم المخترعات حدثت هناك.",
            "وأقول الحمد لله أنك لم تر ذلك.",
        ] {
            assert!(flagged(&QalaInna, ok).is_empty(), "{ok}");
        }
    }
}
