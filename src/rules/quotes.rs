//! Quotation marks: unbalanced, nested and reversed quotes. The pairing itself is done once, in
//! the document (`document::quotes`); these rules only report what it found.

use super::{Context, Rule, RuleMeta, quote, quote_span};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::{Document, QuoteClass, QuoteIssue};
use crate::source::Span;

pub struct UnbalancedQuote;
pub struct NestedQuote;
pub struct ReversedQuote;

static UNBALANCED: RuleMeta = RuleMeta::builtin(
    "unbalanced-quote",
    "punctuation",
    Severity::Error,
    "A quotation mark opened and never closed, or closed and never opened, in its paragraph",
    r#"## What it does
Pairs the quotation marks of every paragraph (« » by code point, straight and curly quotes by
what stands around them) and reports a mark left without its partner. A quote left open at the end
of a paragraph is fine when the next paragraph opens again: that is how long quotations run over
several paragraphs. A curly quotation closed by a double prime after a digit (“خليجي 23″, made
by WordPress from a straight quote) is reported at the prime, with an unsafe fix to ”.

## Why it matters
A reader cannot tell where the quoted words end, and a quote that closes what never opened
usually marks a sentence cut in two by an edit.

## Example
```text
وقال الوزير إن "الحكومة ستواصل دعمها للقطاع، وأضاف أن الميزانية جاهزة.
```

## Use instead
```text
وقال الوزير إن "الحكومة ستواصل دعمها للقطاع"، وأضاف أن الميزانية جاهزة.
```

## Options
None.
"#,
);

static NESTED: RuleMeta = RuleMeta::builtin(
    "nested-quote",
    "punctuation",
    Severity::Warning,
    "A quotation inside another of the same kind (\" … \"داعش\" … \")",
    r#"## What it does
Reports a quotation nested inside a quotation of the same kind of mark, such as straight quotes
inside straight quotes. The fix (unsafe) rewrites the inner pair with the other style. A nested
quotation that lies inside one of its kind already reported is left to that finding: the fix of
the outer one changes what the inner one is nested in, and a chain of thousands of marks nested
in each other (garbled text) gives one finding, not one per level, each repeating all the levels
inside it.

## Why it matters
With the same mark inside and outside, the reader pairs them wrongly: the outer quotation seems to
end where the inner one opens.

## Example
```text
وقال: "ندعم جهود روسيا في محاربة تنظيم "داعش" الإرهابي".
```

## Use instead
```text
وقال: "ندعم جهود روسيا في محاربة تنظيم «داعش» الإرهابي".
```

## Options
None.
"#,
);

static REVERSED: RuleMeta = RuleMeta::builtin(
    "reversed-quote",
    "punctuation",
    Severity::Warning,
    "A guillemet used the wrong way round (»النص» or «النص«)",
    r#"## What it does
In logical order « always opens and » always closes, whatever the screen shows for right-to-left
text. This rule reports a » that opens a quotation or a « that closes one, typed by someone who
chose the mark by its look.

## Why it matters
Software that reads the text (search, screen readers, other editors) pairs marks by code point;
a reversed mark breaks the pairing and shows wrongly once the text is reflowed.

## Example
```text
اهتمت الوزارة بـ»الإنفوجرافيكس» في حملتها.
```

## Use instead
```text
اهتمت الوزارة بـ«الإنفوجرافيكس» في حملتها.
```

## Options
None.
"#,
);

/// A few words on one side of a quote mark, for messages.
fn context(doc: &Document<'_>, at: u32, after: bool) -> String {
    let text = doc.text();
    let at = at as usize;
    let mark_len = text[at..].chars().next().map_or(0, char::len_utf8);
    // A mark outside every paragraph (which the document should not give) is quoted alone.
    let para = doc
        .paragraph_at(at)
        .map_or(Span::new(at, at + mark_len), |i| doc.paragraphs[i].span);
    let piece = if after {
        let s = &text[at + mark_len..para.end as usize];
        let words: Vec<&str> = s.split_whitespace().take(4).collect();
        format!("{}{}", &text[at..at + mark_len], words.join(" "))
    } else {
        let s = &text[para.start as usize..at];
        // Read back from the mark: a long paragraph is not split whole for each of its marks.
        let mut tail: Vec<&str> = s.split_whitespace().rev().take(4).collect();
        tail.reverse();
        format!("{}{}", tail.join(" "), &text[at..at + mark_len])
    };
    quote(&piece)
}

fn mark_span(doc: &Document<'_>, at: u32) -> Span {
    let at = at as usize;
    let len = doc.text()[at..].chars().next().map_or(1, char::len_utf8);
    Span::new(at, at + len)
}

impl Rule for UnbalancedQuote {
    fn meta(&self) -> &RuleMeta {
        &UNBALANCED
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for issue in &cx.doc.quotes.issues {
            match *issue {
                QuoteIssue::Unclosed {
                    at,
                    class: QuoteClass::Curly,
                } if let Some(prime) = prime_closer(cx.doc, at) => {
                    let span = mark_span(cx.doc, prime);
                    out.push(
                        self.diag(
                            span,
                            format!(
                                "the quotation {} is closed by a double prime ″, not a quote mark (a quote after a digit made into one): write ”",
                                quote_span(cx.doc, Span::new(at as usize, span.end as usize))
                            ),
                        )
                        .with_related(mark_span(cx.doc, at), "the quotation opens here")
                        .with_fix(Fix::unsafe_(span, "”")),
                    );
                }
                QuoteIssue::Unclosed { at, class } => out.push(self.diag(
                    mark_span(cx.doc, at),
                    format!(
                        "opening quote {} is never closed in its paragraph: {}",
                        class_mark(class, true),
                        context(cx.doc, at, true)
                    ),
                )),
                QuoteIssue::Unopened { at, class } => out.push(self.diag(
                    mark_span(cx.doc, at),
                    format!(
                        "closing quote {} has no opening quote in its paragraph: {}",
                        class_mark(class, false),
                        context(cx.doc, at, false)
                    ),
                )),
                _ => {}
            }
        }
    }
}

/// The double prime (″) after a digit that closes the curly quotation left open at `at`, if one
/// comes before the paragraph's next curly mark: WordPress makes one of a closing quote after a
/// digit (“خليجي 23″).
fn prime_closer(doc: &Document<'_>, at: u32) -> Option<u32> {
    let text = doc.text();
    let end = doc.paragraph_at(at as usize).map(|i| doc.paragraphs[i].span.end)?;
    let from = mark_span(doc, at).end as usize;
    let rest = &text[from..end as usize];
    let (i, c) = rest.char_indices().find(|&(_, c)| matches!(c, '″' | '“' | '”' | '„'))?;
    let after_digit = rest[..i].chars().next_back().is_some_and(|p| p.is_numeric());
    (c == '″' && after_digit).then_some((from + i) as u32)
}

fn class_mark(class: QuoteClass, open: bool) -> &'static str {
    match (class, open) {
        (QuoteClass::Guillemet, true) => "«",
        (QuoteClass::Guillemet, false) => "»",
        (QuoteClass::Straight, _) => "\"",
        (QuoteClass::Curly, true) => "“",
        (QuoteClass::Curly, false) => "”",
    }
}

impl Rule for NestedQuote {
    fn meta(&self) -> &RuleMeta {
        &NESTED
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut nested: Vec<_> = cx
            .doc
            .quotes
            .issues
            .iter()
            .filter_map(|issue| match *issue {
                QuoteIssue::Nested { inner, outer_open } => Some((inner, outer_open)),
                _ => None,
            })
            .collect();
        nested.sort_by_key(|(inner, _)| (inner.open, std::cmp::Reverse(inner.close)));
        // The last quotation reported of each kind: one of its kind inside it is left to its
        // finding.
        let mut reported: Vec<(QuoteClass, u32, u32)> = Vec::new();
        for (inner, outer_open) in nested {
            let last = reported.iter_mut().find(|(class, ..)| *class == inner.class);
            if last
                .as_ref()
                .is_some_and(|(_, open, close)| *open <= inner.open && inner.close <= *close)
            {
                continue;
            }
            match last {
                Some(last) => *last = (inner.class, inner.open, inner.close),
                None => reported.push((inner.class, inner.open, inner.close)),
            }
            let close = mark_span(cx.doc, inner.close);
            let span = Span::new(inner.open as usize, close.end as usize);
            let open_len = mark_span(cx.doc, inner.open).len();
            let inside = &cx.doc.text()[inner.open as usize + open_len..inner.close as usize];
            let replacement = match inner.class {
                QuoteClass::Guillemet => format!("\"{inside}\""),
                _ => format!("«{inside}»"),
            };
            out.push(
                self.diag(
                    span,
                    format!(
                        "quotation {} is nested inside another {} quotation; use a different mark inside",
                        quote_span(cx.doc, span),
                        inner.class.describe()
                    ),
                )
                .with_related(mark_span(cx.doc, outer_open), "the outer quotation opens here")
                .with_fix(Fix::unsafe_(span, replacement)),
            );
        }
    }
}

impl Rule for ReversedQuote {
    fn meta(&self) -> &RuleMeta {
        &REVERSED
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for issue in &cx.doc.quotes.issues {
            let QuoteIssue::Reversed { at } = *issue else { continue };
            let span = mark_span(cx.doc, at);
            let mark = cx.doc.slice(span);
            let (role, right) = if mark == "»" {
                ("opens", "«")
            } else {
                ("closes", "»")
            };
            out.push(
                self.diag(
                    span,
                    format!(
                        "{mark} {role} a quotation here ({}); in logical order write {right}",
                        context(cx.doc, at, role == "opens")
                    ),
                )
                .with_fix(Fix::unsafe_(span, right)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run, with_fixes};

    #[test]
    fn a_double_prime_after_a_digit_closes_a_curly_quotation() {
        // WordPress's “خليجي 23″: the prime is the fault, not an unclosed quote.
        let (out, src) = run(&UnbalancedQuote, "تقرر تأجيل بطولة “خليجي 23″ إلى نهاية العام.");
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(src.slice(out[0].span), "″");
        assert!(out[0].message.contains("double prime"), "{}", out[0].message);
        assert_eq!(src.slice(out[0].related[0].span), "“");
        assert_eq!(with_fixes(&src, &out), "تقرر تأجيل بطولة “خليجي 23” إلى نهاية العام.");
        // A prime not after a digit is not the closer.
        assert_eq!(flagged(&UnbalancedQuote, "بطولة “خليجي ″ هنا."), ["“"]);
        // Not in the next paragraph either.
        assert_eq!(flagged(&UnbalancedQuote, "بطولة “خليجي هنا.\n\nعام 23″ ثم."), ["“"]);
    }

    #[test]
    fn a_quotation_nested_in_a_reported_one_is_left_to_it() {
        // Two nested quotations side by side are both reported.
        assert_eq!(
            flagged(&NestedQuote, "قال: «ندعم «الحكومة» و«الجيش» معا» ثم غادر."),
            ["«الحكومة»", "«الجيش»"]
        );
        // In a chain, the outermost nested level is reported; the one inside it is left to it.
        assert_eq!(
            flagged(&NestedQuote, "قال: «أولى «ثانية «ثالثة» ثانية» أولى» ثم غادر."),
            ["«ثانية «ثالثة» ثانية»"]
        );
        // A chain of 2,000 levels is one finding, not 1,999 each holding the levels inside.
        let depth = 2000;
        let text = format!("قال {} وسط {} انتهى.", "«كلمة ".repeat(depth), " كلمة»".repeat(depth));
        let (out, src) = run(&NestedQuote, &text);
        assert_eq!(out.len(), 1, "{}", out.len());
        assert!(src.slice(out[0].span).starts_with("«كلمة «كلمة"));
        // A quotation of another kind inside a reported one is reported on its own: «ج» is
        // nested in «ب», and "د" inside it is nested in the straight quotation around them all.
        assert_eq!(
            flagged(&NestedQuote, "قال: \"أ «ب «ج \"د\" ج» ب» أ\" ثم."),
            ["«ج \"د\" ج»", "\"د\""]
        );
        // Marks of two kinds alternating, ten levels deep: each kind's outermost nested level.
        let text = format!("قال {} وسط {} انتهى.", "«ك \"ك ".repeat(5), " ك\" ك»".repeat(5));
        assert_eq!(run(&NestedQuote, &text).0.len(), 2);
    }
}
