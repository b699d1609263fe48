//! redundant-ba: أكد بأن → أكد أن; ذكر بأن → ذكر أن.

use super::{can_be_subject, in_paragraph, strip_conjunction};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::{Document, Token, TokenKind};
use crate::rules::{Context, Rule, RuleMeta, lexicon, quote_span};
use crate::source::Span;
use crate::text::chars::{TATWEEL, is_arabic_mark};
use crate::text::clitics::{stem_key, strip_pronoun_suffix};
use crate::text::fold::{bare, fold};
use crate::text::wordset::{WordMap, WordSet};
use std::sync::LazyLock;

pub struct RedundantBa;

static META: RuleMeta = RuleMeta::builtin(
    "redundant-ba",
    "attribution",
    Severity::Warning,
    "A ب after a verb that takes أن directly (أكد بأن → أكد أن, ذكر بأن → ذكر أن)",
    r#"## What it does
Reports بأن (بأنه، بأنها …) after a verb whose complement is أن without a preposition: أكد، ذكر،
أضاف، أوضح، اعتبر، رأى، قال, in the past, the present (يؤكد، يرى) and as participles (مؤكداً،
مضيفاً، موضحاً، معتبراً), right after the verb or after its subject or a short phrase
(واعتبر المسؤول الأمريكي بأنه). The fix drops the ب; it is safe right after أكد، أضاف، أوضح،
اعتبر and رأى. After قال the fix writes إن, and after ذكر it is a judgement: ذكّر (remind) does
take ب.

Verbs that do take ب are not listed and never reported: أفاد بـ، صرّح بـ، أقرّ بـ، اعترف بـ،
أشاد بـ، نوّه بـ، طالب بـ، أبلغ بـ. Nor is بأن after a noun that takes ب (ثقته بأن، إيمانه بأن،
علماً بأن).

## Why it matters
أكد بأن is one of the most frequent slips of news Arabic; style guides and proofreaders correct it
to أكد أن.

## Example
```text
وأكد الوزير بأن المحادثات ستستمر، واعتبر المسؤول الأمريكي بأنه لا حاجة إلى تحالف آخر.
```

## Use instead
```text
وأكد الوزير أن المحادثات ستستمر، وأفاد المسؤول بأنه لا حاجة إلى تحالف آخر، معرباً عن ثقته بأن الحل قريب.
```

## Options
None.
"#,
);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fixing {
    /// Dropping the ب is safe.
    Safe,
    /// Dropping the ب is a judgement (ذكر / ذكّر).
    Judgement,
    /// After قال: بأن → إن.
    Inna,
}

/// Verbs whose complement is أن directly: (form, how to fix).
const VERBS: &[(&str, Fixing)] = &[
    ("أكد", Fixing::Safe),
    ("أكدت", Fixing::Safe),
    ("أكدوا", Fixing::Safe),
    ("يؤكد", Fixing::Safe),
    ("تؤكد", Fixing::Safe),
    ("نؤكد", Fixing::Safe),
    ("أؤكد", Fixing::Safe),
    ("مؤكدا", Fixing::Safe),
    ("مؤكدة", Fixing::Safe),
    ("مؤكدين", Fixing::Safe),
    ("أضاف", Fixing::Safe),
    ("أضافت", Fixing::Safe),
    ("أضافوا", Fixing::Safe),
    ("يضيف", Fixing::Safe),
    ("تضيف", Fixing::Safe),
    ("مضيفا", Fixing::Safe),
    ("مضيفة", Fixing::Safe),
    ("أوضح", Fixing::Safe),
    ("أوضحت", Fixing::Safe),
    ("أوضحوا", Fixing::Safe),
    ("يوضح", Fixing::Safe),
    ("توضح", Fixing::Safe),
    ("موضحا", Fixing::Safe),
    ("موضحة", Fixing::Safe),
    ("اعتبر", Fixing::Safe),
    ("اعتبرت", Fixing::Safe),
    ("اعتبروا", Fixing::Safe),
    ("يعتبر", Fixing::Safe),
    ("تعتبر", Fixing::Safe),
    ("نعتبر", Fixing::Safe),
    ("معتبرا", Fixing::Safe),
    ("معتبرة", Fixing::Safe),
    ("رأى", Fixing::Safe),
    ("رأت", Fixing::Safe),
    ("رأوا", Fixing::Safe),
    ("يرى", Fixing::Safe),
    ("ترى", Fixing::Safe),
    ("نرى", Fixing::Safe),
    ("أرى", Fixing::Safe),
    ("ذكر", Fixing::Judgement),
    ("ذكرت", Fixing::Judgement),
    ("ذكروا", Fixing::Judgement),
    ("يذكر", Fixing::Judgement),
    ("تذكر", Fixing::Judgement),
    ("قال", Fixing::Inna),
    ("قالت", Fixing::Inna),
    ("قالوا", Fixing::Inna),
    ("يقول", Fixing::Inna),
    ("تقول", Fixing::Inna),
    ("نقول", Fixing::Inna),
    ("أقول", Fixing::Inna),
];

/// Nouns that take ب themselves (ثقته بأن، علماً بأن): a بأن after one of them belongs to it.
const BA_NOUNS: &[&str] = &[
    "ثقة",
    "إيمان",
    "قناعة",
    "يقين",
    "علم",
    "علما",
    "اعتقاد",
    "شعور",
    "إحساس",
    "وعي",
    "معرفة",
    "قول",
    "أمل",
    "وعد",
    "تعهد",
    "التزام",
    "ترحيب",
    "تذكير",
    "اعتراف",
    "إقرار",
    "مطالبة",
    "إشادة",
    "تنويه",
    "تصريح",
    "إفادة",
    "إشعار",
    "إخطار",
    "رأي",
    "رؤية",
    "قرار",
    "حكم",
    "فتوى",
    "شهادة",
    "اتهام",
    "نبأ",
    "خبر",
    "إبلاغ",
    "تفاؤل",
    "حلم",
    "رغبة",
    "تمسك",
    "اهتمام",
    "اقتناع",
    "إدراك",
    "يقينا",
    "إيمانا",
    "قناعته",
    "ثقته",
    "ثقتها",
    "ثقتهم",
    "أمله",
    "أملها",
    "علمه",
    "علمها",
];

/// Most words between the verb and بأن.
const MAX_GAP: usize = 5;

static VERB_MAP: LazyLock<WordMap<Fixing>> = LazyLock::new(|| VERBS.iter().map(|&(w, f)| (fold(w), f)).collect());
static BA_NOUN_SET: LazyLock<WordSet> = LazyLock::new(|| BA_NOUNS.iter().map(|w| fold(w)).collect());

/// بأن and its pronoun forms, folded.
pub(super) const BI_ANNA_FORMS: &[&str] = &[
    "بان",
    "بانه",
    "بانها",
    "بانهم",
    "بانهما",
    "باننا",
    "بانني",
    "باني",
    "بانك",
    "بانكم",
    "بانهن",
];

/// A token of [`BI_ANNA_FORMS`], written with ب then أن or ان.
fn is_bi_anna(doc: &Document<'_>, t: &Token) -> bool {
    t.kind == TokenKind::Arabic && BI_ANNA_FORMS.contains(&doc.folded(t)) && {
        let b = bare(doc.surface(t));
        b.starts_with("بأن") || b.starts_with("بان")
    }
}

fn verb_of(doc: &Document<'_>, t: &Token) -> Option<Fixing> {
    if t.kind != TokenKind::Arabic {
        return None;
    }
    let f = doc.folded(t);
    let (rest, conj) = strip_conjunction(f);
    let fixing = VERB_MAP
        .get(f)
        .or_else(|| conj.then(|| VERB_MAP.get(rest)).flatten())
        .copied()?;
    // ذكّر (remind) takes ب: a written shadda settles it.
    if fixing == Fixing::Judgement && doc.surface(t).contains('\u{0651}') {
        return None;
    }
    // رأى the verb folds like رأي the noun (رأي اللجنة بأن …), which takes ب.
    if rest == "راي" && bare(doc.surface(t)).ends_with('ي') {
        return None;
    }
    Some(fixing)
}

/// The verb as written, without a و/ف conjunction, for messages.
fn without_conjunction<'d>(doc: &'d Document<'_>, t: &Token) -> &'d str {
    let s = doc.surface(t);
    let f = doc.folded(t);
    if !VERB_MAP.contains_key(f) && f.starts_with(['و', 'ف']) {
        let mut it = s.char_indices().skip(1).skip_while(|&(_, c)| is_arabic_mark(c));
        if let Some((i, _)) = it.next() {
            return &s[i..];
        }
    }
    s
}

fn takes_ba_itself(doc: &Document<'_>, t: &Token) -> bool {
    let stem = stem_key(doc.folded(t));
    let stem = stem
        .strip_prefix(['ب', 'ل'])
        .filter(|s| s.chars().count() >= 3)
        .unwrap_or(stem);
    if BA_NOUN_SET.contains(stem) || BA_NOUN_SET.contains(doc.folded(t)) {
        return true;
    }
    // With a pronoun the ة is written ت: رؤيتنا → رؤية.
    strip_pronoun_suffix(stem).is_some_and(|s| {
        BA_NOUN_SET.contains(s)
            || s.strip_suffix('ت')
                .is_some_and(|b| BA_NOUN_SET.contains(&format!("{b}ه")))
    })
}

/// Words allowed between the verb and بأن besides the subject: short prepositional phrases
/// (في بيان، خلال لقائه، أمام الصحفيين).
fn is_phrase_preposition(doc: &Document<'_>, t: &Token) -> bool {
    matches!(
        doc.folded(t),
        "في" | "خلال" | "امام" | "عبر" | "لدي" | "عن" | "الي" | "مع"
    )
}

/// The byte span of the leading ب of a token and the marks on it, and (for قال) of the alef
/// after it too.
fn ba_span(doc: &Document<'_>, t: &Token, with_alef: bool) -> Span {
    let s = doc.surface(t);
    let mut end = 0;
    let mut letters = 0;
    for (i, c) in s.char_indices() {
        if is_arabic_mark(c) || c == TATWEEL {
            end = i + c.len_utf8();
            continue;
        }
        letters += 1;
        if letters > if with_alef { 2 } else { 1 } {
            break;
        }
        end = i + c.len_utf8();
    }
    Span::new(t.span.start as usize, t.span.start as usize + end)
}

impl Rule for RedundantBa {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let words = lexicon::classes(doc);
        for (toks, k) in words.tokens_with(lexicon::BI_ANNA).filter_map(|i| in_paragraph(doc, i)) {
            let t = &toks[k];
            if !is_bi_anna(doc, t) {
                continue;
            }
            // Walk back over the gap to the verb.
            let mut found = None;
            for back in 1..=MAX_GAP + 1 {
                let Some(i) = k.checked_sub(back) else { break };
                let w = &toks[i];
                if let Some(fixing) = verb_of(doc, w) {
                    found = Some((i, fixing));
                    break;
                }
                if takes_ba_itself(doc, w) || !(can_be_subject(doc, w) || is_phrase_preposition(doc, w)) {
                    break;
                }
            }
            let Some((i, fixing)) = found else { continue };
            let adjacent = i + 1 == k;
            let verb = without_conjunction(doc, &toks[i]);
            let phrase = quote_span(doc, toks[i].span.cover(t.span));
            let (fix, advice) = match fixing {
                Fixing::Inna => (
                    Fix::unsafe_(ba_span(doc, t, true), "إ"),
                    "reported speech after قال takes إن".to_string(),
                ),
                Fixing::Safe if adjacent => (
                    Fix::safe(ba_span(doc, t, false), ""),
                    format!("{verb} takes أن without ب"),
                ),
                Fixing::Safe => (
                    Fix::unsafe_(ba_span(doc, t, false), ""),
                    format!("{verb} takes أن without ب"),
                ),
                Fixing::Judgement => (
                    Fix::unsafe_(ba_span(doc, t, false), ""),
                    format!("{verb} (mentioned) takes أن without ب, unless ذكّر (reminded) is meant"),
                ),
            };
            out.push(
                Diagnostic::new(&META.id, META.severity, t.span, format!("{phrase}: {advice}"))
                    .with_related(toks[i].span, "the verb")
                    .with_fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::apply_fixes;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn the_lexicon_marks_every_bi_anna() {
        let n = lexicon::assert_covers(lexicon::BI_ANNA, |doc, i| is_bi_anna(doc, &doc.tokens[i]));
        assert!(n > 10, "{n}");
    }

    #[test]
    fn adjacent_and_separated_verbs() {
        let text = "ومن جهته، أفاد الرئيس أوباما أكد بأن بلاده ستواصل، واعتبر المسؤول الأمريكي بأنه لا حاجة.";
        let (out, src) = run(&RedundantBa, text);
        assert_eq!(out.len(), 2, "{out:#?}");
        assert_eq!(src.slice(out[0].span), "بأن");
        assert_eq!(src.slice(out[0].related[0].span), "أكد");
        assert!(out[0].fix.as_ref().is_some_and(|f| f.safe));
        assert_eq!(src.slice(out[1].span), "بأنه");
        assert!(out[1].fix.as_ref().is_some_and(|f| !f.safe));
        let (fixed, n) = apply_fixes(&src.text, out.iter().filter_map(|d| d.fix.as_ref()));
        assert_eq!(n, 2);
        assert!(
            fixed.contains("أكد أن بلاده") && fixed.contains("الأمريكي أنه لا"),
            "{fixed}"
        );
    }

    #[test]
    fn qala_gets_inna_and_marks_stay_whole() {
        let (out, src) = run(&RedundantBa, "وقال الوزير بِأَنَّ الحل قريب.");
        assert_eq!(out.len(), 1);
        assert_eq!(
            crate::rules::testing::with_fixes(&src, &out),
            "وقال الوزير إنَّ الحل قريب."
        );
    }

    #[test]
    fn verbs_and_nouns_that_take_ba_are_silent() {
        for ok in [
            "وأفاد الرئيس بأن بلاده ستواصل.",
            "وصرح الوزير بأنه سيزور المدينة.",
            "واعترف المسؤول بأن الخطأ وقع.",
            "وطالب النواب بأن تعقد جلسة.",
            "وأكد الوزير ثقته بأن الحل قريب.",
            "وأضاف الوزير، علماً بأن الاجتماع تأجل.",
            "وذكّر الوزير بأن الاجتماع تأجل.",
            "وأكد أن الحل قريب.",
            "وإذا رأى تعديل النصوص بما ينسجم مع رأي اللجنة القانونية بأن يطلب تعديل النظام.",
            "وقال: تؤكد هذه البيانات رؤيتنا بأن الانخفاض لن يستمر.",
        ] {
            assert!(flagged(&RedundantBa, ok).is_empty(), "{ok}");
        }
    }

    #[test]
    fn dhakara_is_a_judgement() {
        let (out, _) = run(&RedundantBa, "وذكر التقرير بأن الأسعار ارتفعت.");
        assert_eq!(out.len(), 1);
        assert!(out[0].fix.as_ref().is_some_and(|f| !f.safe));
    }
}
