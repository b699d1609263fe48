//! presentation-form: Arabic Presentation Forms (U+FB50–U+FDFF, U+FE70–U+FEFC) in running text,
//! the residue of a PDF or an old word processor.

use super::spacing::{Occurrence, combined_fix};
use super::{Context, Rule, RuleMeta, quote, quote_span};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::source::Span;
use crate::text::chars::is_presentation_form;
use unicode_normalization::UnicodeNormalization;

pub struct PresentationForm;

static META: RuleMeta = RuleMeta::builtin(
    "presentation-form",
    "orthography",
    Severity::Warning,
    "Arabic presentation forms (ﻻ ﻟ ﺎ …) instead of letters, from a PDF or an old word processor",
    r#"## What it does
Reports words written with Arabic presentation forms (the shaped glyphs of U+FB50–U+FDFF and
U+FE70–U+FEFC, such as ﻻ ﻟ ﺎ ﻤ) instead of the letters. The safe fix writes each form as its
letters (ﻻ becomes لا). Word ligatures (ﷺ ﷻ ﷽) are reported with an unsafe fix, since
writing them out changes how the page looks; the rial sign ﷼ and the ornate parentheses ﴾ ﴿
are left alone. When more than twenty words are affected the article gets one finding, whose
fix covers them all.

## Why it matters
The text looks right on screen but is not made of letters: search, copy and paste, spell
checking and text-to-speech all fail on it.

## Example
```text
أكد الوزير ﺃﻥ المشروع ﻻ يزال قائما.
```

## Use instead
```text
أكد الوزير أن المشروع لا يزال قائما.
```

## Options
None.
"#,
);

/// Presentation forms that are symbols in their own right, not shaped letters.
fn kept(c: char) -> bool {
    matches!(c, '\u{FD3E}' | '\u{FD3F}' | '\u{FDFC}')
}

/// Ligatures of whole words or phrases (ﷲ ﷺ ﷽): writing them out is a choice.
fn word_ligature(c: char) -> bool {
    matches!(c, '\u{FDF0}'..='\u{FDFB}' | '\u{FDFD}'..='\u{FDFF}')
}

/// The text with every presentation form written as its letters; whether that was safe.
fn unshaped(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut safe = true;
    for c in s.chars() {
        if is_presentation_form(c) && !kept(c) {
            safe &= !word_ligature(c);
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    (out, safe)
}

/// More affected words than this make one finding for the whole article.
const DOCUMENT_LEVEL: usize = 20;

impl Rule for PresentationForm {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        if !crate::text::scan::may_hold_presentation_form(doc.text().as_bytes()) {
            return;
        }
        let hits: Vec<Span> = doc
            .tokens
            .iter()
            .filter(|t| doc.surface(t).chars().any(|c| is_presentation_form(c) && !kept(c)))
            .map(|t| t.span)
            .collect();
        if hits.is_empty() {
            return;
        }
        let make_fix = |span: Span| {
            let (text, safe) = unshaped(doc.slice(span));
            if safe {
                Fix::safe(span, text)
            } else {
                Fix::unsafe_(span, text)
            }
        };
        if hits.len() > DOCUMENT_LEVEL {
            let samples: Vec<String> = hits.iter().take(3).map(|s| quote_span(doc, *s)).collect();
            let d = self.diag(
                hits[0],
                format!(
                    "{} words are written with presentation forms (e.g. {}): text from a PDF or an old word processor",
                    hits.len(),
                    samples.join(", ")
                ),
            );
            // The words' own fixes, joined: what lies between them (code, a link's target) is
            // kept as it is.
            let occs: Vec<Occurrence> = hits
                .iter()
                .map(|&span| Occurrence {
                    span,
                    fix: make_fix(span),
                })
                .collect();
            out.push(match combined_fix(doc, &occs) {
                Some(fix) => d.with_fix(fix),
                None => d,
            });
            return;
        }
        for span in hits {
            let text = doc.slice(span);
            let fix = make_fix(span);
            out.push(
                self.diag(
                    span,
                    format!(
                        "{} is written with presentation forms; write {}",
                        quote(text),
                        quote(&fix.replacement)
                    ),
                )
                .with_fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fix_for_the_whole_article_changes_only_the_words() {
        use crate::rules::testing::run_markdown;
        let mut text = "قال ﻻ ".repeat(21);
        text.push_str("`ﻻ` [ر](http://x.com/ﻻ) قال ﻻ\n");
        let (out, src) = run_markdown(&PresentationForm, &text);
        assert_eq!(out.len(), 1, "{out:?}");
        let fixed = crate::rules::testing::with_fixes(&src, &out);
        let mut expected = "قال لا ".repeat(21);
        expected.push_str("`ﻻ` [ر](http://x.com/ﻻ) قال لا\n");
        assert_eq!(fixed, expected);
    }

    #[test]
    fn forms_become_letters() {
        assert_eq!(unshaped("ﻻ"), ("لا".to_string(), true));
        assert_eq!(unshaped("ﺃﻥ"), ("أن".to_string(), true));
        assert_eq!(unshaped("ﻷﻥ"), ("لأن".to_string(), true));
        assert!(!unshaped("محمد ﷺ").1);
        assert_eq!(unshaped("﴾ﷲ﴿ 5 ﷼").0, "﴾الله﴿ 5 ﷼");
    }
}
