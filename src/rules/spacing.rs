//! repeated-space: runs of spaces inside a line of prose. Also the helper that turns a habit
//! (the same small fault all through one article) into one finding with one fix.

use super::{Context, Rule, RuleMeta, quote};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Document, suppress};
use crate::source::Span;
use crate::text::chars::is_space;

pub struct RepeatedSpace;

static META: RuleMeta = RuleMeta::builtin(
    "repeated-space",
    "hygiene",
    Severity::Info,
    "Two or more spaces between words inside a paragraph",
    r#"## What it does
Reports runs of two or more spaces (NBSP and the other Unicode spaces included) between two
words of a paragraph. The safe fix leaves one space. Whitespace that separates paragraphs is not
a fault and is left alone: the indentation at the start of a line, the spaces at its end (see
trailing-whitespace), the runs that join paragraphs on one line in crawled copy (two spaces
after a full stop, or ` \u00A0 `). In Markdown only the prose is read: a hard line break, the
indentation of a list item's lines and inline code are left alone. When the article does it five
times or more it gets one finding for all of them, whose fix covers them all.

## Why it matters
Doubled spaces show as gaps in justified text and break phrase search.

## Example
```text
قال الوزير إن  الحكومة ستواصل الدعم.
```

## Use instead
```text
قال الوزير إن الحكومة ستواصل الدعم.  وأضاف أن الميزانية جاهزة.
```

## Options
None.
"#,
);

/// One occurrence of a small fault: where it shows, and its fix.
pub struct Occurrence {
    pub span: Span,
    pub fix: Fix,
}

/// From this many occurrences in one article a habit gets one finding.
pub const HABIT: usize = 5;

/// One finding for a habit: at the first occurrence, the next few as related spans, and one fix
/// covering all of them (bytes between the occurrences are kept as they are). The fix is safe
/// only if every occurrence's is.
pub fn habit_finding(doc: &Document<'_>, base: Diagnostic, occs: &[Occurrence], also: &str) -> Diagnostic {
    let mut d = base;
    for o in occs.iter().skip(1).take(4) {
        d = d.with_related(o.span, also.to_string());
    }
    d.occurrences = occs.iter().map(|o| o.span).collect();
    match combined_fix(doc, occs) {
        Some(fix) => d.with_fix(fix),
        None => d,
    }
}

/// One fix made of the occurrences' fixes (each edit of each kept, so that each can be checked on
/// its own): from the first to the last, the bytes between them kept as they are; safe only if
/// every one is. None without occurrences.
pub fn combined_fix(doc: &Document<'_>, occs: &[Occurrence]) -> Option<Fix> {
    // Each occurrence's edits are one unit: they stand or fall together.
    let edits = occs
        .iter()
        .zip(0u32..)
        .flat_map(|(o, unit)| o.fix.each_edit().into_iter().map(move |e| Edit { unit, ..e }))
        .collect();
    Fix::combined(doc.text(), edits, occs.iter().all(|o| o.fix.safe))
}

/// Takes out of `items` (a habit's occurrences) the ones a suppression comment covers for the
/// rule, in order. The habit is counted and collapsed from the rest; the ones taken are reported
/// one by one, so that the comment silences them, and counts as used, without silencing the
/// habit (its finding sits on the first occurrence) or the occurrences after them.
pub fn take_suppressed<T>(
    doc: &Document<'_>,
    meta: &RuleMeta,
    items: &mut Vec<T>,
    span: impl Fn(&T) -> Span,
) -> Vec<T> {
    if doc.suppressions.is_empty() {
        return Vec::new();
    }
    let covered = suppress::covered(doc, meta);
    let (taken, kept) = std::mem::take(items)
        .into_iter()
        .partition(|item| covered.contains(span(item).start));
    *items = kept;
    taken
}

/// Pushes `found` (findings of one rule about one habit, in text order), or, when there are
/// [`HABIT`] or more that no suppression comment covers, one finding for those: at the first
/// one's span, with `summary(those)` as its message, the next few as related spans, and one fix
/// made of the fixes they carry.
pub fn push_or_collapse(
    doc: &Document<'_>,
    meta: &RuleMeta,
    out: &mut Vec<Diagnostic>,
    mut found: Vec<Diagnostic>,
    summary: impl FnOnce(&[Diagnostic]) -> String,
) {
    out.extend(take_suppressed(doc, meta, &mut found, |d| d.span));
    if found.len() < HABIT {
        out.extend(found);
        return;
    }
    let first = &found[0];
    let mut base = Diagnostic::new(&first.rule, first.severity, first.span, summary(&found));
    // The first finding's last related span is the usual form it was measured against.
    base.related = first.related.last().cloned().into_iter().collect();
    let occs: Vec<Occurrence> = found
        .iter()
        .filter_map(|d| {
            d.fix.as_ref().map(|f| Occurrence {
                span: d.span,
                fix: f.clone(),
            })
        })
        .collect();
    let mut d = if occs.is_empty() {
        base
    } else {
        habit_finding(doc, base, &occs, "and here")
    };
    if occs.len() < 2 {
        for other in found.iter().skip(1).take(4) {
            d = d.with_related(other.span, "and here");
        }
    }
    // Every occurrence, those without a fix too.
    d.occurrences = found.iter().map(|f| f.span).collect();
    out.push(d);
}

/// [`push_or_collapse`] for each habit among `found`: findings keyed by the habit they show (a
/// mark, a pack entry), in text order. Keys are numbered through a map ([`super::FirstSeen`]): a
/// garbled text can show thousands of marks, and a house list thousands of entries.
pub fn push_or_collapse_each<K: Eq + std::hash::Hash + Clone>(
    doc: &Document<'_>,
    meta: &RuleMeta,
    out: &mut Vec<Diagnostic>,
    found: impl IntoIterator<Item = (K, Diagnostic)>,
    summary: impl Fn(&K, &[Diagnostic]) -> String,
) {
    let mut habits: Vec<(K, Vec<Diagnostic>)> = Vec::new();
    let mut seen = super::FirstSeen::new();
    for (key, d) in found {
        match seen.number(key.clone()) {
            (_, true) => habits.push((key, vec![d])),
            (i, false) => habits[i].1.push(d),
        }
    }
    for (key, group) in habits {
        push_or_collapse(doc, meta, out, group, |group| summary(&key, group));
    }
}

impl Rule for RepeatedSpace {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let mut occs: Vec<Occurrence> = Vec::new();
        for para in &doc.paragraphs {
            if !para.may_hold_space_run || !crate::text::scan::may_hold_space_run(text[para.span.range()].as_bytes()) {
                continue;
            }
            // Only prose: in Markdown a paragraph's span also covers its markup (a list item's
            // indentation, the spaces of a hard line break) and inline code.
            for piece in doc.prose_pieces(para.span) {
                let base = piece.start as usize;
                let mut iter = text[piece.range()].char_indices().peekable();
                while let Some((i, c)) = iter.next() {
                    if !is_space(c) {
                        continue;
                    }
                    let mut end = i + c.len_utf8();
                    let mut count = 1;
                    while let Some(&(j, d)) = iter.peek() {
                        if !is_space(d) {
                            break;
                        }
                        end = j + d.len_utf8();
                        count += 1;
                        iter.next();
                    }
                    let span = Span::new(base + i, base + end);
                    // A run that ends the line is trailing whitespace, that rule's to report.
                    let ends_line = text[base + end..]
                        .chars()
                        .next()
                        .is_none_or(|c| matches!(c, '\n' | '\r'));
                    if count >= 2 && !ends_line {
                        occs.push(Occurrence {
                            span,
                            fix: Fix::safe(span, " "),
                        });
                    }
                }
            }
        }
        if occs.is_empty() {
            return;
        }
        let describe = |span: Span| {
            let n = doc.slice(span).chars().count();
            let nbsp = doc.slice(span).contains('\u{a0}');
            // The words on either side, so the message shows where the gap is.
            let before = &text[..span.start as usize];
            let a = before
                .trim_end_matches(is_space)
                .rfind(char::is_whitespace)
                .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
            let after = &text[span.end as usize..];
            let b = span.end as usize + after.find(char::is_whitespace).unwrap_or(after.len());
            format!(
                "{n} spaces{} in a row: {}",
                if nbsp { " (NBSP among them)" } else { "" },
                quote(&super::prose_text(doc, Span::new(a, b)).replace(is_space, "·"))
            )
        };
        for o in take_suppressed(doc, self.meta(), &mut occs, |o| o.span) {
            out.push(self.diag(o.span, describe(o.span)).with_fix(o.fix));
        }
        if occs.len() >= HABIT {
            let base = self.diag(
                occs[0].span,
                format!(
                    "runs of spaces between words, {} times in this article (first: {})",
                    occs.len(),
                    describe(occs[0].span)
                ),
            );
            out.push(habit_finding(doc, base, &occs, "and here"));
            return;
        }
        for o in occs {
            out.push(self.diag(o.span, describe(o.span)).with_fix(o.fix));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, flagged_markdown};

    fn flagged_in_markdown(text: &str) -> Vec<String> {
        flagged_markdown(&RepeatedSpace, text)
    }

    #[test]
    fn a_run_between_words_is_found_in_plain_text_and_markdown() {
        let text = "قال الوزير إن  الحكومة ستواصل   الدعم.\n";
        assert_eq!(flagged(&RepeatedSpace, text), ["  ", "   "]);
        assert_eq!(flagged_in_markdown(text), ["  ", "   "]);
        assert_eq!(flagged_in_markdown("ستواصل\u{a0} الدعم.\n"), ["\u{a0} "]);
        // Markup between the words does not hide the gap.
        assert_eq!(flagged_in_markdown("قال **الوزير**  إن الحكومة جاهزة.\n"), ["  "]);
    }

    #[test]
    fn markdown_syntax_made_of_spaces_is_left_alone() {
        // The indentation of a list item's next lines, a hard line break, and inline code.
        let text = "- أول بند في القائمة\n  وتابع السطر الثاني\n  وتابع السطر الثالث\n\n\
                    فقرة فيها سطر أول  \nوسطر ثان بعد فاصل صلب.\n\nنص فيه `رمز  برمجي` وكلام.\n";
        assert!(flagged_in_markdown(text).is_empty(), "{:?}", flagged_in_markdown(text));
        // The same with CRLF line ends.
        let crlf = text.replace('\n', "\r\n");
        assert!(
            flagged_in_markdown(&crlf).is_empty(),
            "{:?}",
            flagged_in_markdown(&crlf)
        );
    }

    #[test]
    fn spaces_that_end_a_line_are_left_to_trailing_whitespace() {
        for text in [
            "قال الوزير إن الحكومة مستعدة.\u{a0}\u{a0}\nوقال أيضا.\n",
            "مستعدة.\u{a0} \r\nنعم",
            "مستعدة.  ",
        ] {
            assert!(flagged(&RepeatedSpace, text).is_empty(), "{text:?}");
            assert!(flagged_in_markdown(text).is_empty(), "{text:?}");
        }
    }
}
