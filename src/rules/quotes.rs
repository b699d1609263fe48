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
several paragraphs.

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
inside straight quotes. The fix (unsafe) rewrites the inner pair with the other style.

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
    let para = doc
        .paragraph_at(at)
        .map_or(Span::new(at, at), |i| doc.paragraphs[i].span);
    let piece = if after {
        let mark_len = text[at..].chars().next().map_or(0, char::len_utf8);
        let s = &text[at + mark_len..para.end as usize];
        let words: Vec<&str> = s.split_whitespace().take(4).collect();
        format!("{}{}", &text[at..at + mark_len], words.join(" "))
    } else {
        let s = &text[para.start as usize..at];
        // Read back from the mark: a long paragraph is not split whole for each of its marks.
        let mut tail: Vec<&str> = s.split_whitespace().rev().take(4).collect();
        tail.reverse();
        let mark_len = text[at..].chars().next().map_or(0, char::len_utf8);
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
        for issue in &cx.doc.quotes.issues {
            let QuoteIssue::Nested { inner, outer_open } = *issue else {
                continue;
            };
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
