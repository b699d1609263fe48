//! Orthography: misspellings with one right form, and letters from other alphabets.

use super::pack_rule::substitution_findings_by_entry;
use super::{Context, Rule, RuleMeta, quote};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::TokenKind;
use crate::source::Span;
use crate::text::chars::{is_arabic_letter, is_arabic_mark, persian_lookalike};

pub struct CommonMisspelling;
pub struct ForeignLetter;

static MISSPELLING: RuleMeta = RuleMeta::builtin(
    "common-misspelling",
    "orthography",
    Severity::Warning,
    "A common misspelling with one right form (ايضاً → أيضاً, إنشاء الله → إن شاء الله)",
    r#"## What it does
Reports the misspellings listed in the `substitution` packs of this rule (`rules/misspellings.toml`
and a house's own): mostly a missing hamza on a word that has only one right form (ايضاً، الى،
امس، اذا), and phrases written as the wrong word (إنشاء الله). Clitics are split off, so وايضاً is
found too, and the fix keeps them. Ambiguous bare forms (ان، الا، اي، اما) are not listed: they
need a reader. Five occurrences or more of one entry in an article (الى all through it) are one
finding, at the first, with one fix for them all.

## Why it matters
These are the errors a reader sees first, and the easiest to fix: the safe fix writes the right
form and keeps the word's diacritics.

## Example
```text
وقال ايضاً إن الوفد وصل الى الرياض.
```

## Use instead
```text
وقال أيضاً إن الوفد وصل إلى الرياض.
```

## Options
None.
"#,
);

static FOREIGN: RuleMeta = RuleMeta::builtin(
    "foreign-letter",
    "orthography",
    Severity::Error,
    "A Persian or Urdu look-alike letter in an Arabic word (ی ک ہ ھ)",
    r#"## What it does
Reports Persian and Urdu letters that look like Arabic ones inside Arabic words: Farsi yeh ی
(U+06CC), keheh ک (U+06A9), heh goal ہ, heh doachashmee ھ, ae ە, teh marbuta goal ۃ. They come
from a Persian keyboard layout or pasted text. The fix writes the Arabic letter; it is safe except
for a final ی outside the words the rule knows, where ي and ى both look right.

## Why it matters
The words look right on screen but are different characters: search, sorting and spell checking
fail on them, and some fonts draw them differently.

## Example
```text
قال وزیر الخارجیة علی هامش المؤتمر.
```

## Use instead
```text
قال وزير الخارجية على هامش المؤتمر.
```

## Options
None.
"#,
);

impl Rule for CommonMisspelling {
    fn meta(&self) -> &RuleMeta {
        &MISSPELLING
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for pack in cx.packs.for_rule(&MISSPELLING.id) {
            // By entry: a writer who drops the hamza of إلى all through an article has one habit.
            let found = substitution_findings_by_entry(&MISSPELLING, cx, pack);
            let summary = |_: &usize, group: &[Diagnostic]| {
                format!("{} times in this article: {}", group.len(), group[0].message)
            };
            super::spacing::push_or_collapse_each(cx.doc, &MISSPELLING, out, found, summary);
        }
    }
}

/// Words ending in alef maqsura that a final Farsi yeh stands for (its final form is dotless and
/// looks like ى). Folded-free, as they are written.
const ALEF_MAQSURA_WORDS: &[&str] = &[
    "على",
    "إلى",
    "الى",
    "حتى",
    "متى",
    "لدى",
    "سوى",
    "مدى",
    "مستشفى",
    "مصطفى",
    "موسى",
    "عيسى",
    "يحيى",
    "أعلى",
    "أدنى",
    "أقصى",
    "أولى",
    "الأولى",
    "كبرى",
    "الكبرى",
    "صغرى",
    "الصغرى",
    "أخرى",
    "الأخرى",
    "مبنى",
    "المبنى",
    "معنى",
    "بمعنى",
    "مرمى",
    "ملتقى",
    "منتدى",
    "مستوى",
    "المستوى",
    "فتوى",
    "دعوى",
    "شكوى",
    "ذكرى",
    "الذكرى",
    "قتلى",
    "جرحى",
    "أسرى",
    "الأسرى",
    "موسيقى",
    "رمى",
    "جرى",
    "أجرى",
    "بقى",
    "أبقى",
    "ألقى",
    "تلقى",
    "أعطى",
    "سعى",
    "دعى",
    "أدى",
    "أبدى",
    "تبقى",
    "يبقى",
    "يرى",
    "رأى",
    "نرى",
    "ترى",
    "سلمى",
    "ليلى",
    "منى",
    "هدى",
    "نجوى",
    "بشرى",
];

impl Rule for ForeignLetter {
    fn meta(&self) -> &RuleMeta {
        &FOREIGN
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        if !crate::text::scan::may_hold_persian(doc.text().as_bytes()) {
            return;
        }
        for tok in &doc.tokens {
            if !matches!(tok.kind, TokenKind::Arabic | TokenKind::Mixed) {
                continue;
            }
            let word = doc.surface(tok);
            if !word.chars().any(|c| persian_lookalike(c).is_some()) {
                continue;
            }
            // Garbled text (UTF-8 read as Windows-1256) is full of ھ and ک: mojibake reports it once.
            if super::mojibake::looks_garbled(word) {
                continue;
            }
            let letters: Vec<(usize, char)> = word.char_indices().filter(|(_, c)| !is_arabic_mark(*c)).collect();
            let mut fixed = String::with_capacity(word.len());
            let mut safe = true;
            for (i, c) in word.char_indices() {
                let Some(arabic) = persian_lookalike(c) else {
                    fixed.push(c);
                    continue;
                };
                let is_final = letters.last().is_some_and(|&(j, _)| j == i)
                    || word[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|n| !is_arabic_letter(n) && !is_arabic_mark(n));
                if c == '\u{06CC}' && is_final {
                    // Final ی is drawn dotless: it stands for ى in على but for ي in في.
                    let mut as_maqsura = fixed.clone();
                    as_maqsura.push('ى');
                    let stem_maqsura = strip_proclitic(&as_maqsura);
                    if ALEF_MAQSURA_WORDS.contains(&as_maqsura.as_str()) || ALEF_MAQSURA_WORDS.contains(&stem_maqsura) {
                        fixed.push('ى');
                    } else {
                        fixed.push('ي');
                        if !matches!(fixed.as_str(), "في" | "وفي" | "الذي" | "التي" | "أي" | "لدي") {
                            safe = false;
                        }
                    }
                } else {
                    fixed.push(arabic);
                }
            }
            let names: Vec<String> = word
                .chars()
                .filter(|c| persian_lookalike(*c).is_some())
                .map(|c| format!("{c} (U+{:04X})", c as u32))
                .collect();
            let span: Span = tok.span;
            let fix = if safe {
                Fix::safe(span, fixed.clone())
            } else {
                Fix::unsafe_(span, fixed.clone())
            };
            out.push(
                self.diag(
                    span,
                    format!(
                        "{} contains the Persian letter {}; write {}",
                        quote(word),
                        names.join(", "),
                        quote(&fixed)
                    ),
                )
                .with_fix(fix),
            );
        }
    }
}

fn strip_proclitic(s: &str) -> &str {
    s.strip_prefix(['و', 'ف', 'ب', 'ل', 'ك'])
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{run, with_fixes};

    #[test]
    fn one_misspelling_all_through_an_article_is_one_finding() {
        let text = "ذهب الى السوق ثم الى البيت والى المدرسة ثم عاد الى العمل ومنه الى النادي، وقال ايضا إنه تعب.";
        let (out, src) = run(&CommonMisspelling, text);
        assert_eq!(out.len(), 2, "{out:?}");
        let habit = out
            .iter()
            .find(|d| d.message.starts_with("5 times in this article"))
            .expect("a habit");
        assert_eq!(src.slice(habit.span), "الى");
        assert_eq!(
            with_fixes(&src, &out),
            "ذهب إلى السوق ثم إلى البيت وإلى المدرسة ثم عاد إلى العمل ومنه إلى النادي، وقال أيضا إنه تعب."
        );
        // Four stay four.
        let (out, _) = run(
            &CommonMisspelling,
            "ذهب الى السوق ثم الى البيت والى المدرسة ثم عاد الى العمل.",
        );
        assert_eq!(out.len(), 4, "{out:?}");
    }
}
