//! repeated-punctuation: ".." "،،" "؟؟" "!!".

use super::repetition::header_len;
use super::{Context, OptionKind, OptionSpec, Rule, RuleMeta, quote};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::TokenKind;

pub struct RepeatedPunctuation;

static META: RuleMeta = RuleMeta::builtin(
    "repeated-punctuation",
    "punctuation",
    Severity::Warning,
    "A punctuation mark typed twice or more (.. ،، ؟؟ !!)",
    r#"## What it does
Reports a run of one punctuation mark: two full stops (..), four or more, and any doubled comma,
question mark, exclamation mark, semicolon or colon (،، ؟؟ !! ؛؛ ::), in Arabic or Latin form. An
ellipsis of exactly three dots (...) or … is fine, and so are the mixed pairs ؟! and !؟, which are
not a run of one mark.

Two dots are the Saudi headline separator ("سلال الغذائية".. نموذج): in the header lines at the
top of the article (title, dateline) they are reported as info only; in the body, as a warning.

The fix keeps one mark (safe) for commas, question and exclamation marks, semicolons and colons;
for two or four or more dots it writes an ellipsis (...), which is a judgement: a full stop may be
what was meant. Five runs or more of one mark at one severity in an article (a writer who pauses
with .. all through) are one finding, at the first, with one fix for them all.

## Why it matters
Stacked marks read as chat, not as news copy; Arabic punctuation rules allow no stacking except ؟!
(dorar.net, after the Damascus Academy rules).

## Example
```text
قال إن الاستراتيجية محكوم عليها بالفشل.. وإذا كانت لدى روسيا رغبة في التعاون،، فأهلاً بها!!
```

## Use instead
```text
قال إن الاستراتيجية محكوم عليها بالفشل... وإذا كانت لدى روسيا رغبة في التعاون، فأهلاً بها! أحقاً؟!
```

## Options
- `allow-two-dots` (boolean, default false): accept two full stops as a pause everywhere, for a
  house whose style uses them (as many Saudi papers do in the body too).
"#,
)
.with_options(&[OptionSpec {
    name: "allow-two-dots",
    kind: OptionKind::Boolean,
    help: "accept .. as a house-style pause",
}]);

/// Marks whose run is reported, and what one of them is.
fn repeatable(c: char) -> bool {
    matches!(c, '.' | '،' | ',' | '؟' | '?' | '!' | '؛' | ';' | ':' | '…')
}

impl Rule for RepeatedPunctuation {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let allow_two_dots = cx.options.bool(&META.id, "allow-two-dots").unwrap_or(false);
        // Where the header ends, worked out at the first repeated mark (most articles have none).
        let mut header_end: Option<u32> = None;
        // By mark and severity: a writer who pauses with «..» all through an article has one habit.
        let mut found: Vec<((char, Severity), Diagnostic)> = Vec::new();
        for t in &doc.tokens {
            if t.kind != TokenKind::Punct {
                continue;
            }
            let s = doc.surface(t);
            let mut chars = s.chars();
            let Some(c) = chars.next() else { continue };
            let n = 1 + chars.count();
            if n < 2 || !repeatable(c) || (c == '.' && (n == 3 || (n == 2 && allow_two_dots))) {
                continue;
            }
            let header_end =
                *header_end.get_or_insert_with(|| doc.paragraphs[..header_len(doc)].last().map_or(0, |p| p.span.end));
            let in_header = t.span.end <= header_end
                || doc
                    .meta
                    .dateline
                    .is_some_and(|d| d.start <= t.span.start && t.span.end <= d.end);
            let severity = if c == '.' && n == 2 && in_header {
                Severity::Info
            } else {
                META.severity
            };
            let fix = if c == '.' || c == '…' {
                Fix::unsafe_(t.span, "...")
            } else {
                Fix::safe(t.span, c.to_string())
            };
            let what = match c {
                '.' if n == 2 => "two full stops; use one, or an ellipsis (...)".to_string(),
                '.' => format!("{n} full stops; an ellipsis has three"),
                '…' => "ellipses repeated; use one".to_string(),
                _ => format!("{c} repeated {n} times; use one"),
            };
            let d = Diagnostic::new(&META.id, severity, t.span, format!("{}: {what}", quote(s))).with_fix(fix);
            found.push(((c, severity), d));
        }
        let summary = |&(c, _): &(char, Severity), group: &[Diagnostic]| {
            format!(
                "{} runs of repeated «{c}» in this article (first: {})",
                group.len(),
                group[0].message
            )
        };
        super::spacing::push_or_collapse_each(doc, &META, out, found, summary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::apply_fixes;
    use crate::rules::testing::{flagged, run, run_with};

    #[test]
    fn runs_are_found_and_ellipses_pass() {
        let text = "عنوان\n\nقال إنها فاشلة.. وإذا رغبت،، فأهلا!! وماذا بعد؟؟ ثم... انتهى… أحقا؟! نعم.... ";
        // Findings come grouped by mark (the engine sorts them by place).
        assert_eq!(flagged(&RepeatedPunctuation, text), ["..", "....", "،،", "!!", "؟؟"]);
    }

    #[test]
    fn fixes_keep_one_mark_or_write_an_ellipsis() {
        let (out, src) = run(&RepeatedPunctuation, "عنوان\n\nفاشلة.. وإذا رغبت،، فأهلا!!!");
        let safe: Vec<_> = out.iter().filter_map(|d| d.fix.as_ref()).filter(|f| f.safe).collect();
        let (fixed, _) = apply_fixes(&src.text, safe);
        assert_eq!(fixed, "عنوان\n\nفاشلة.. وإذا رغبت، فأهلا!");
        assert_eq!(
            crate::rules::testing::with_fixes(&src, &out),
            "عنوان\n\nفاشلة... وإذا رغبت، فأهلا!"
        );
    }

    #[test]
    fn a_house_can_allow_two_dots() {
        let text = "عنوان\n\nقال إنها فاشلة.. وإذا رغبت،، فأهلا.\n";
        let (out, src) = run_with(&RepeatedPunctuation, text, "allow-two-dots = true");
        let flagged: Vec<&str> = out.iter().map(|d| src.slice(d.span)).collect();
        assert_eq!(flagged, ["،،"]);
    }

    #[test]
    fn a_mark_repeated_all_through_an_article_is_one_finding() {
        let text = "عنوان\n\nقال.. ثم.. وبعد.. لكن.. وأخيرا.. انتهى!! حقا!!\n";
        let (out, src) = run(&RepeatedPunctuation, text);
        let spans: Vec<&str> = out.iter().map(|d| src.slice(d.span)).collect();
        assert_eq!(spans, ["..", "!!", "!!"], "{out:?}");
        assert!(
            out[0].message.starts_with("5 runs of repeated «.» in this article"),
            "{}",
            out[0].message
        );
        assert_eq!(
            crate::rules::testing::with_fixes(&src, &out),
            "عنوان\n\nقال... ثم... وبعد... لكن... وأخيرا... انتهى! حقا!\n"
        );
    }

    #[test]
    fn headline_separator_is_info() {
        let (out, _) = run(
            &RepeatedPunctuation,
            "\"سلال الغذائية\".. نموذج للعطاء\n\nوقال المدير إن المشروع ناجح.. جدا.\n",
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].severity, Severity::Info);
        assert_eq!(out[1].severity, Severity::Warning);
    }
}
