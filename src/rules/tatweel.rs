//! tatweel: the kashida ـ (U+0640) stretching a word, where it decorates and says nothing.

use super::{Context, Rule, RuleMeta, quote};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::TokenKind;
use crate::source::Span;
use crate::text::chars::{TATWEEL, is_arabic_letter, is_arabic_mark};

pub struct Tatweel;

static META: RuleMeta = RuleMeta::builtin(
    "tatweel",
    "orthography",
    Severity::Warning,
    "Decorative tatweel stretching a word (بــــوضوح, تشجيـع)",
    r#"## What it does
Reports the tatweel (kashida, ـ U+0640) between two letters of a word, where it only stretches
the word (بــــوضوح, تشجيـع). The safe fix deletes it and keeps any diacritic written on it.
Five words or more with it in one article are one finding, at the first, with one fix for them
all.

The tatweel's legitimate uses are left alone: after a proclitic before a number, Latin text or a
quotation (الـ60, بـ«…», لـ"…"), in abbreviations (هـ for the Hijri year, مـ), and as a dash
between spaces (تونس ـ باردو).

## Why it matters
Stretched words break search (بــوضوح is not found as بوضوح), and justification belongs to the
layout, not to the text.

## Example
```text
قال الوزير بــــوضوح إن الحكومة ستواصل تشجيـع الاستثمار.
```

## Use instead
```text
قال الوزير بوضوح إن الحكومة ستواصل تشجيع الاستثمار في الـ60 يوما المقبلة، عام 1436هـ.
```

## Options
None.
"#,
);

impl Rule for Tatweel {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        if !crate::text::scan::has_tatweel(doc.text().as_bytes()) {
            return;
        }
        let mut found = Vec::new();
        for tok in &doc.tokens {
            if !matches!(tok.kind, TokenKind::Arabic | TokenKind::Mixed) {
                continue;
            }
            if !tok.has_tatweel() {
                continue;
            }
            let word = doc.surface(tok);
            let chars: Vec<(usize, char)> = word.char_indices().collect();
            // Runs of tatweel (with any marks written on them) between two letters.
            let mut runs: Vec<(usize, usize)> = Vec::new();
            let mut k = 0;
            while k < chars.len() {
                if chars[k].1 != TATWEEL {
                    k += 1;
                    continue;
                }
                let start = k;
                while k < chars.len() && (chars[k].1 == TATWEEL || is_arabic_mark(chars[k].1)) {
                    k += 1;
                }
                let before = chars[..start]
                    .iter()
                    .rev()
                    .find(|(_, c)| !is_arabic_mark(*c))
                    .map(|&(_, c)| c);
                let after = chars.get(k).map(|&(_, c)| c);
                if before.is_some_and(is_arabic_letter) && after.is_some_and(is_arabic_letter) {
                    runs.push((chars[start].0, chars.get(k).map_or(word.len(), |&(i, _)| i)));
                }
            }
            let (Some(&(a, _)), Some(&(_, b))) = (runs.first(), runs.last()) else {
                continue;
            };
            // One finding for the word; the fix deletes the tatweel of those runs only (a legit
            // one in the same token, such as بـ before a number, stays).
            let mut replacement = String::new();
            let mut cursor = a;
            for &(x, y) in &runs {
                replacement.push_str(&word[cursor..x]);
                replacement.extend(word[x..y].chars().filter(|&c| c != TATWEEL));
                cursor = y;
            }
            let span = Span::new(tok.span.start as usize + a, tok.span.start as usize + b);
            let fixed = format!("{}{replacement}{}", &word[..a], &word[b..]);
            found.push(
                self.diag(
                    span,
                    format!("decorative tatweel in {}; write {}", quote(word), quote(&fixed)),
                )
                .with_fix(Fix::safe(span, replacement)),
            );
        }
        // Tatweel all through an article (a headline style carried into the text) is one habit.
        let summary = |found: &[Diagnostic]| {
            format!(
                "decorative tatweel in {} words of this article (first: {})",
                found.len(),
                found[0].message
            )
        };
        super::spacing::push_or_collapse(doc, &META, out, found, summary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{run, with_fixes};

    #[test]
    fn tatweel_all_through_an_article_is_one_finding() {
        let text = "قال الـوزير إن الحـكومة ستـواصل دعـم الـقطاع.\n";
        let (out, src) = run(&Tatweel, text);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(
            out[0].message.starts_with("decorative tatweel in 5 words"),
            "{}",
            out[0].message
        );
        assert_eq!(src.slice(out[0].span), "ـ");
        assert_eq!(with_fixes(&src, &out), "قال الوزير إن الحكومة ستواصل دعم القطاع.\n");
        // Four stay four, each with its word.
        let (out, _) = run(&Tatweel, "قال الـوزير إن الحـكومة ستـواصل دعـم القطاع.\n");
        assert_eq!(out.len(), 4, "{out:?}");
    }
}
