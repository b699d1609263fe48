//! doubled-word: the same word twice in a row (في في).

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::{Document, Token, TokenKind};
use crate::rules::{Context, Rule, RuleMeta, quote};
use crate::source::Span;
use crate::text::chars::{is_blank, is_invisible};
use crate::text::fold::{bare, fold};
use crate::text::letter_names;
use crate::text::wordset::WordSet;
use std::sync::LazyLock;

pub struct DoubledWord;

static META: RuleMeta = RuleMeta::builtin(
    "doubled-word",
    "repetition",
    Severity::Warning,
    "The same word twice in a row (في في)",
    r#"## What it does
Reports a word written twice in a row with nothing but a space between (في في، التي التي، رد رد),
diacritics aside; in Markdown, also across a line break inside a paragraph and across the
emphasis or link marks around one copy (`في **في**`). The fix deletes the second copy; it is safe
for the small words (prepositions, particles, pronouns) and a judgement for the rest. In Markdown
no fix is offered where deleting the copy would break the markup around it or a hard line break
(two spaces or a backslash at the end of the line) between the two.

It stays silent where Arabic doubles a word on purpose: distributive and gradual idioms
(خطوة خطوة، رويداً رويداً، حرفاً حرفاً، and any doubled word with tanween), emphatic pairs
(لا لا، جدا جدا، هو هو), the title ولي ولي العهد, spelled-out Latin initials (سي إن إن), the
question من من, and names whose first and second names are the same (بطرس بطرس غالي،
أحمد أحمد).

## Why it matters
A doubled word is a slip of the keyboard or of a cut and paste, and one of the first things a
reader notices.

## Example
```text
وأعلنت الوزارة عن تسجيل خمس حالات في في المدينة.
```

## Use instead
```text
وأعلنت الوزارة عن تسجيل خمس حالات في المدينة، وسار المشروع خطوة خطوة.
```

## Options
None.
"#,
);

/// Words Arabic doubles on purpose (folded): distributive and gradual idioms, emphasis.
const IDIOMS: &[&str] = &[
    "خطوة",
    "رويدا",
    "حرفا",
    "كلمة",
    "قليلا",
    "شبرا",
    "سطرا",
    "بندا",
    "نقطة",
    "بابا",
    "بيتا",
    "فردا",
    "واحدا",
    "واحدة",
    "صفا",
    "دكا",
    "زحفا",
    "حجرا",
    "شيئا",
    "يوما",
    "ساعة",
    "دقيقة",
    "لحظة",
    "رقما",
    "جدا",
    "لا",
    "نعم",
    "كلا",
    "هيا",
    "هو",
    "هي",
    "هم",
    "من",
    "اه",
    "ارض",
    "جو",
    "اهلا",
    "مرحبا",
    "شكرا",
    "بعيدا",
    "مستفعلن",
    "فاعلن",
    "فعولن",
    "مفاعيلن",
    "متفاعلن",
];

/// Given names that a father and son often share, so that the name is written twice.
const NAMES: &[&str] = &[
    "محمد",
    "أحمد",
    "محمود",
    "علي",
    "حسن",
    "حسين",
    "إبراهيم",
    "عبدالله",
    "مصطفى",
    "بطرس",
    "سعيد",
    "كمال",
    "جمال",
    "عادل",
    "سامي",
    "صالح",
    "خالد",
    "عمر",
    "عثمان",
    "يوسف",
    "يحيى",
    "عيسى",
    "موسى",
    "ناصر",
    "فهد",
    "سعد",
    "فيصل",
    "سلمان",
    "طارق",
    "زكي",
    "فتحي",
    "مجدي",
    "حمد",
    "راشد",
    "سالم",
];

/// Titles that a name follows (folded forms are compared).
const TITLES: &[&str] = &[
    "الرئيس",
    "العام",
    "السيد",
    "السيدة",
    "الدكتور",
    "الشيخ",
    "اللاعب",
    "المدرب",
    "الفنان",
    "الفنانة",
    "الكاتب",
    "الشاعر",
    "الأمير",
    "الملك",
    "النجم",
    "الوزير",
    "المهندس",
    "الأستاذ",
    "المواطن",
    "القائد",
    "العقيد",
    "اللواء",
];

/// Small words whose doubling is always a slip: deleting the copy is safe.
const FUNCTION_WORDS: &[&str] = &[
    "في",
    "على",
    "إلى",
    "عن",
    "مع",
    "أن",
    "إن",
    "أنه",
    "التي",
    "الذي",
    "الذين",
    "قد",
    "لم",
    "لن",
    "ما",
    "كان",
    "كانت",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "بين",
    "حتى",
    "بعد",
    "قبل",
    "عند",
    "خلال",
    "أو",
    "ثم",
    "كما",
    "وفي",
    "وعلى",
    "وهو",
    "وقد",
    "ولا",
    "أي",
    "كل",
    "منذ",
    "لدى",
    "حول",
    "بل",
];

fn folded_set(list: &[&str]) -> WordSet {
    list.iter().map(|w| fold(w)).collect()
}

static IDIOM_SET: LazyLock<WordSet> = LazyLock::new(|| folded_set(IDIOMS));
static NAME_SET: LazyLock<WordSet> = LazyLock::new(|| folded_set(NAMES));
static TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| folded_set(TITLES));
static FUNCTION_SET: LazyLock<WordSet> = LazyLock::new(|| folded_set(FUNCTION_WORDS));

/// Whether the word carries tanween: a doubled indefinite accusative is distributive
/// (حرفاً حرفاً، يوماً يوماً).
fn has_tanween(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{064B}'..='\u{064D}'))
}

fn is_letter_name(doc: &Document<'_>, t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.is_word() && letter_names::is_letter_name(doc.folded(t)))
}

/// Why a doubled word is meant, if it is.
fn intended(doc: &Document<'_>, toks: &[Token], i: usize) -> bool {
    let (a, b) = (&toks[i], &toks[i + 1]);
    let folded = doc.folded(a);
    let stem = doc.stem(a);
    if has_tanween(doc.surface(a)) || has_tanween(doc.surface(b)) {
        return true;
    }
    if IDIOM_SET.contains(folded) || IDIOM_SET.contains(stem) || NAME_SET.contains(folded) {
        return true;
    }
    let function_word = FUNCTION_SET.contains(folded);
    // Inside quoted speech a doubled word is emphasis (الحفلة رائعة رائعة), unless it is a small
    // word, which no one doubles on purpose.
    if !function_word && doc.quotes.inside(a.span.start) {
        return true;
    }
    // ولي ولي العهد: the deputy crown prince.
    if folded.ends_with("ولي") && toks.get(i + 2).is_some_and(|n| doc.stem(n).starts_with("عهد")) {
        return true;
    }
    // Spelled-out initials: بي بي (BP, basis points), سي إن إن، يو إس إس. في is also the
    // preposition: only its neighbours can make it a letter.
    if letter_names::is_letter_name(folded)
        && (folded != "في"
            || is_letter_name(doc, i.checked_sub(1).map(|p| &toks[p]))
            || is_letter_name(doc, toks.get(i + 2)))
    {
        return true;
    }
    // A name whose first and second names are the same, after a title or a nisba adjective:
    // الأمين العام بطرس بطرس غالي، الفلسطيني سرحان سرحان.
    let prev = i.checked_sub(1).map(|p| &toks[p]);
    if !function_word && !folded.starts_with("ال") && prev.is_some_and(|p| introduces_name(doc, p)) {
        return true;
    }
    false
}

/// Words after which a name comes: titles, and nisba adjectives with the article (المصري).
fn introduces_name(doc: &Document<'_>, t: &Token) -> bool {
    let f = doc.folded(t);
    t.kind == TokenKind::Arabic
        && (TITLE_SET.contains(f) || (f.starts_with("ال") && f.ends_with('ي') && f.chars().count() >= 5))
}

impl Rule for DoubledWord {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        for p in &doc.paragraphs {
            let toks = doc.paragraph_tokens(p);
            for i in 0..toks.len().saturating_sub(1) {
                let (a, b) = (&toks[i], &toks[i + 1]);
                if !matches!(a.kind, TokenKind::Arabic | TokenKind::Latin) || a.kind != b.kind {
                    continue;
                }
                // Folded forms first (their lengths, then their bytes); letters as written only
                // when they meet.
                if a.kind == TokenKind::Arabic && !doc.same_folded(a, b) {
                    continue;
                }
                let (sa, sb) = (doc.surface(a), doc.surface(b));
                let same = if a.kind == TokenKind::Latin {
                    if sa.is_ascii() && sb.is_ascii() {
                        sa.eq_ignore_ascii_case(sb)
                    } else {
                        sa.to_lowercase() == sb.to_lowercase()
                    }
                } else {
                    bare(sa) == bare(sb)
                };
                if !same || doc.folded(a).chars().count() < 2 {
                    continue;
                }
                let gap_start = a.span.end as usize;
                let gap = &text[gap_start..b.span.start as usize];
                // Between the two: whitespace (a Markdown paragraph's line break too, which reads
                // as a space), and in Markdown the emphasis or link marks around a copy, which
                // the reader does not see (`في **في**`).
                let spaced = gap.chars().all(|c| is_blank(c) || is_invisible(c));
                let markup_only = || {
                    gap.char_indices()
                        .all(|(i, c)| is_blank(c) || is_invisible(c) || doc.is_markup(gap_start + i, c))
                };
                if gap.is_empty() || !(spaced || markup_only()) {
                    continue;
                }
                if intended(doc, toks, i) {
                    continue;
                }
                let span = a.span.cover(b.span);
                let found = Diagnostic::new(&META.id, META.severity, span, format!("{} is written twice", quote(sa)));
                // In Markdown, the fix guard drops a deletion that would break the markup around a
                // copy or a hard line break between the two.
                let delete = Span::new(a.span.end as usize, b.span.end as usize);
                let fix = if FUNCTION_SET.contains(doc.folded(a)) {
                    Fix::safe(delete, "")
                } else {
                    Fix::unsafe_(delete, "")
                };
                out.push(found.with_fix(fix));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn doubled_words_are_found_with_a_fix() {
        let (out, src) = run(&DoubledWord, "أدت السيول إلى إلى جرح شخصين وتنتظر رد رد اللاعب.");
        assert_eq!(out.len(), 2);
        assert_eq!(src.slice(out[0].span), "إلى إلى");
        assert!(out[0].fix.as_ref().is_some_and(|f| f.safe));
        let fixed = crate::rules::testing::with_fixes(&src, &out);
        assert_eq!(fixed, "أدت السيول إلى جرح شخصين وتنتظر رد اللاعب.");
        assert!(!out[1].fix.as_ref().is_some_and(|f| f.safe));
    }

    #[test]
    fn in_markdown_a_doubling_across_a_line_break_or_markup_is_found() {
        let found = |text: &str| {
            let (out, src) = crate::rules::testing::run_markdown(&DoubledWord, text);
            out.iter()
                .map(|d| (src.slice(d.span).to_string(), d.fix.is_some()))
                .collect::<Vec<_>>()
        };
        // Which of their fixes stay is for the fix guard (tests/markdown_fixes.rs).
        let yes = |s: &str| vec![(s.to_string(), true)];
        assert_eq!(found("سجلت حالات في\nفي المدينة.\n"), yes("في\nفي"));
        assert_eq!(found("سجلت حالات في  \nفي المدينة.\n"), yes("في  \nفي"));
        assert_eq!(found("سجلت حالات في **في** المدينة.\n"), yes("في **في"));
        assert_eq!(found("**سجلت حالات في** في المدينة.\n"), yes("في** في"));
        assert_eq!(found("سجلت حالات في [في](https://x.com) المدينة.\n"), yes("في [في"));
        // Words of separate blocks, and a link target between, are not in a row.
        assert!(found("- في\n- في\n").is_empty());
        assert!(found("| في | في |\n|---|---|\n| أ | ب |\n").is_empty());
        assert!(found("[في](https://x.com/في) في\n").is_empty());
    }

    #[test]
    fn diacritics_do_not_hide_a_doubling() {
        assert_eq!(flagged(&DoubledWord, "وصلَ الوفدُ فِي في الموعد."), ["فِي في"]);
    }

    #[test]
    fn idioms_names_titles_and_initials_are_silent() {
        for ok in [
            "تقدم المشروع خطوة خطوة ورويداً رويداً.",
            "قرأ النص حرفاً حرفاً.",
            "قال الأمين العام بطرس بطرس غالي إن المنظمة مستعدة.",
            "استقبل صاحب السمو الملكي ولي ولي العهد الضيوف.",
            "وكانت شبكة سي ان ان قد بثت الخبر.",
            "من من مصلحته أن يغيب الجمهور؟",
            "قُتل على يد الفلسطيني سرحان سرحان عام 1968.",
            "وقالت إن \"الحفلة رائعة رائعة\" بلا شك.",
            "وبلغ الهامش 35 «بي بي» على القرض.",
            "واستخدم صواريخ أرض أرض.",
            "وحضر سمو ولي ولي عهده الحفل.",
            "ما زالت الأمور هي هي.",
        ] {
            assert!(flagged(&DoubledWord, ok).is_empty(), "{ok}");
        }
    }

    #[test]
    fn small_words_doubled_inside_quotes_still_count() {
        assert_eq!(flagged(&DoubledWord, "وقال: \"سنعمل في في المدينة\"."), ["في في"]);
        assert_eq!(flagged(&DoubledWord, "وقال الرئيس في في المدينة."), ["في في"]);
    }

    #[test]
    fn punctuation_or_a_line_break_between_is_not_a_doubling() {
        assert!(flagged(&DoubledWord, "قال: لا، لا أحد يعلم. يعلم الجميع").is_empty());
        assert!(flagged(&DoubledWord, "نهاية السطر في\nفي بداية سطر").is_empty());
    }
}
