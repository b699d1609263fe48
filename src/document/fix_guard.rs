//! Keeps the fixes made for a Markdown file from changing its structure. Rules rewrite prose, but
//! in Markdown the same characters can be syntax: `٣.` at a line's start becomes an ordered list
//! once written `3.`, a shortcut reference link's text is also its label, an unquoted YAML title
//! cannot hold `: `, and an escaped `\,` must lose its backslash when the comma becomes `،`.
//! Each fix is checked once the rules have run: mended where one wider edit mends it, dropped
//! otherwise (the finding stays, without a fix).

use super::Document;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::source::Span;

/// Checks the fixes of a Markdown document's findings. A fix made of several edits (a habit's)
/// is checked edit by edit: the units whose edits all pass stay, made into one fix again.
pub fn apply(doc: &Document<'_>, diags: &mut [Diagnostic]) {
    for d in diags {
        let Some(fix) = d.fix.take() else { continue };
        let safe = fix.safe;
        d.fix = fix.retain_units(doc.text(), |e| {
            let unit = e.unit;
            guard(doc, Fix::new(e.span, e.replacement, safe)).map(|f| Edit {
                unit,
                ..Edit::new(f.span, f.replacement)
            })
        });
    }
}

fn guard(doc: &Document<'_>, mut fix: Fix) -> Option<Fix> {
    let at = doc.frozen.partition_point(|s| s.end <= fix.span.start);
    if doc.frozen[at..]
        .iter()
        .take_while(|s| s.start <= fix.span.end)
        .any(|s| fix.reaches(*s))
    {
        return None;
    }
    if let Some(front) = doc.meta.front_matter
        && fix.reaches(front)
    {
        return keeps_title_valid(doc, &fix).then_some(fix);
    }
    if !keeps_markup(doc, &fix) || !keeps_hard_breaks(doc, &fix) {
        return None;
    }
    take_escape(doc, &mut fix);
    (takes_emptied_lines(doc, &mut fix) || keeps_block_markers(doc, &fix)).then_some(fix)
}

/// A fix inside the front matter may only change the title, and must leave it a valid value:
/// no quote of its own kind inside a quoted one; no `: `, ` #` or leading indicator in a plain
/// YAML scalar.
fn keeps_title_valid(doc: &Document<'_>, fix: &Fix) -> bool {
    let Some(title) = doc.meta.title else {
        return false;
    };
    if fix.span.start < title.start || fix.span.end > title.end || fix.replacement.contains(['\n', '\r']) {
        return false;
    }
    let text = doc.text();
    let (start, end) = (title.start as usize, title.end as usize);
    match text[..start].chars().next_back() {
        Some('"') => !fix.replacement.contains(['"', '\\']),
        Some('\'') => !fix.replacement.contains('\''),
        _ => {
            let value = [
                &text[start..fix.span.start as usize],
                fix.replacement.as_str(),
                &text[fix.span.end as usize..end],
            ]
            .concat();
            // A title the reader took although YAML would not (`a: b`) is no worse for the fix.
            is_plain_scalar(&value) || !is_plain_scalar(&text[start..end])
        }
    }
}

/// Whether YAML reads `value` whole as a plain (unquoted) scalar on one line.
fn is_plain_scalar(value: &str) -> bool {
    let starts_with_indicator = value.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
    ]);
    !starts_with_indicator
        && !value.ends_with(':')
        && !value.contains(": ")
        && !value.contains(":\t")
        && !value.contains(" #")
        && !value.contains("\t#")
}

/// Whether the fix keeps the markup inside its span (`**`, `](url)`, a line's `> `): each piece of
/// it, whitespace aside, must still be in the replacement, in order. Deleting a whole paragraph
/// (page chrome) deletes its markup with it.
fn keeps_markup(doc: &Document<'_>, fix: &Fix) -> bool {
    let span = fix.span;
    if fix.replacement.is_empty()
        && doc
            .paragraph_at(span.start as usize)
            .is_some_and(|i| doc.paragraphs[i].span == span)
    {
        return true;
    }
    let text = doc.text();
    let mut gap_start = span.start as usize;
    let mut found_to = 0;
    let pieces = doc.prose_pieces(span).map(|p| (p.start as usize, p.end as usize));
    for (gap_end, next) in pieces.chain(std::iter::once((span.end as usize, span.end as usize))) {
        let markup = text[gap_start..gap_end].trim();
        // A backslash escape goes with the mark it escapes when that mark is rewritten
        // ([`with_escape`]): it is not markup the fix must keep.
        if !markup.is_empty() && !markup.bytes().all(|b| b == b'\\') {
            match fix.replacement[found_to..].find(markup) {
                Some(at) => found_to += at + markup.len(),
                None => return false,
            }
        }
        gap_start = next;
    }
    true
}

/// Whether the fix keeps the hard line breaks (two spaces or a backslash before a line's end) of
/// the lines it touches: joining two lines, or deleting the spaces, would lose one. Deleting whole
/// lines deletes their breaks with them.
fn keeps_hard_breaks(doc: &Document<'_>, fix: &Fix) -> bool {
    let text = doc.text();
    let (start, end) = (fix.span.start as usize, fix.span.end as usize);
    let line_end = next_line_start(doc, end);
    let whole_lines = fix.replacement.is_empty()
        && (start == 0 || text[..start].ends_with('\n'))
        && (end == text.len() || text[..end].ends_with('\n'));
    if whole_lines || !holds_line_break(doc, start, line_end) {
        return true;
    }
    // An edit inside one line that ends two bytes or more before the line's end (a `\r` before
    // its break is not counted) leaves the line's end, and so its break, as it was: the rest of a
    // long line is not read again for each of a habit's edits.
    let bytes = text.as_bytes();
    let content_end = match line_end.checked_sub(1) {
        Some(nl) if bytes[nl] == b'\n' => nl - usize::from(nl > 0 && bytes[nl - 1] == b'\r'),
        _ => line_end,
    };
    if end + 2 <= content_end && !holds_line_break(doc, start, end) && !fix.replacement.contains('\n') {
        return true;
    }
    // The spaces or backslash that make a break may start before the fix.
    let from = text[..start].trim_end_matches([' ', '\\']).len();
    let new = [&text[from..start], fix.replacement.as_str(), &text[end..line_end]].concat();
    hard_breaks(&text[from..line_end]) == hard_breaks(&new)
}

/// How many hard line breaks `s` holds.
fn hard_breaks(s: &str) -> usize {
    s.match_indices('\n')
        .filter(|&(i, _)| {
            let line = s[..i].strip_suffix('\r').unwrap_or(&s[..i]);
            line.ends_with("  ") || line.ends_with('\\')
        })
        .count()
}

/// A fix that turns a backslash-escaped ASCII punctuation mark (`\,`) into a character Markdown
/// does not escape (`،`), or deletes it, takes the backslash with it: it would show otherwise.
fn take_escape(doc: &Document<'_>, fix: &mut Fix) {
    let start = fix.span.start as usize;
    let Some(first) = doc.text()[start..fix.span.end as usize].chars().next() else {
        return;
    };
    if first.is_ascii_punctuation() && !fix.replacement.starts_with(|c: char| c.is_ascii_punctuation()) {
        fix.span.start = with_escape(doc, start) as u32;
    }
}

/// Where a fix of the character at `start` should start to take the Markdown escape before it
/// along: one byte earlier when a backslash that is markup escapes that character (an odd run
/// of backslashes ends in one that escapes; an even run escapes itself). Plain text has none.
fn with_escape(doc: &Document<'_>, start: usize) -> usize {
    let backslashes = doc.text().as_bytes()[..start]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    if backslashes % 2 == 1 && doc.is_markup(start - 1, '\\') {
        start - 1
    } else {
        start
    }
}

/// A deletion that leaves nothing on its lines but block markup (`## `, `- `, `> `) deletes the
/// whole lines, so that no empty heading or list item is left behind. Tells whether it does.
fn takes_emptied_lines(doc: &Document<'_>, fix: &mut Fix) -> bool {
    if !fix.replacement.is_empty() || fix.span.is_empty() {
        return false;
    }
    let text = doc.text();
    let (start, end) = (fix.span.start as usize, fix.span.end as usize);
    let line_start = line_start(doc, start);
    let line_end = next_line_start(doc, end);
    let before = &text[line_start..start];
    // An ATX heading may close with hashes (`## عنوان ##`).
    let after_is_empty = text[end..line_end].trim().trim_matches('#').trim().is_empty();
    let (markers, rest) = block_markers(before);
    if !after_is_empty || !rest.trim().is_empty() {
        return false;
    }
    // A setext heading's underline (`===`, `---`) on the next line goes with its text: left
    // alone it would show as a rule or as a line of `=`.
    let next_end = next_line_start(doc, line_end);
    let next = text[line_end..next_end].trim();
    let underlined = !next.is_empty() && (next.bytes().all(|b| b == b'=') || next.bytes().all(|b| b == b'-'));
    if underlined && markers.iter().all(|m| *m == Marker::Quote) {
        fix.span = Span::new(line_start, next_end);
        return true;
    }
    if markers.is_empty() {
        return false;
    }
    fix.span = Span::new(line_start, line_end);
    true
}

// Lines are found in the document's line index, not by reading the text: a habit's fix on a long
// line has an edit every few words, and reading to the line's ends for each made it quadratic.

/// Where the line holding byte `at` starts, past a byte-order mark on the first line (block
/// markers follow it).
fn line_start(doc: &Document<'_>, at: usize) -> usize {
    let lines = &doc.source.lines;
    match lines.line_start(lines.line_of(at)) {
        0 if doc.text().starts_with('\u{feff}') => 3.min(at),
        start => start,
    }
}

/// Where the line after the one holding byte `at` starts (past its line break), or the text's
/// end.
fn next_line_start(doc: &Document<'_>, at: usize) -> usize {
    let lines = &doc.source.lines;
    lines.line_start_or_end(doc.text(), lines.line_of(at) + 1)
}

/// Whether bytes `from..to` of the text hold a line break.
fn holds_line_break(doc: &Document<'_>, from: usize, to: usize) -> bool {
    let lines = &doc.source.lines;
    from < to && (lines.line_of(from) != lines.line_of(to - 1) || doc.text().as_bytes()[to - 1] == b'\n')
}

/// Bytes of a line's start that are enough to read its block markers.
const HEAD_BYTES: usize = 256;

/// Whether every line the fix touches opens with the same block markers once fixed (a habit's
/// one fix can run over many lines).
fn keeps_block_markers(doc: &Document<'_>, fix: &Fix) -> bool {
    let text = doc.text();
    let (start, end) = (fix.span.start as usize, fix.span.end as usize);
    let line_start = line_start(doc, start);
    // The end of the line holding `end`, before its line break.
    let line_end = match next_line_start(doc, end) {
        next if next > end && text.as_bytes()[next - 1] == b'\n' => next - 1,
        next => next,
    };
    let markers = |line: &str| block_markers(line).0;
    if !text[start..end].contains('\n') && !fix.replacement.contains('\n') {
        if start - line_start > HEAD_BYTES {
            // Markers sit at the line's start: a fix this far on leaves them as they are.
            return true;
        }
        // Only the line's start is read: a long line is not copied whole.
        let mut tail_end = line_end.min(end + HEAD_BYTES);
        while !text.is_char_boundary(tail_end) {
            tail_end -= 1;
        }
        let head = |s: &str| -> String { s.chars().take(HEAD_BYTES / 4).collect() };
        let new = [&text[line_start..start], fix.replacement.as_str(), &text[end..tail_end]].concat();
        return markers(&head(&text[line_start..line_end])) == markers(&head(&new));
    }
    let old = &text[line_start..line_end];
    let new = [&text[line_start..start], fix.replacement.as_str(), &text[end..line_end]].concat();
    if old.matches('\n').count() != new.matches('\n').count() {
        // Lines joined or split: only the first line is known to be the same line.
        return old.split('\n').next().map(markers) == new.split('\n').next().map(markers);
    }
    old.split('\n')
        .zip(new.split('\n'))
        .all(|(a, b)| markers(a) == markers(b))
}

/// The block markers a line opens with, as CommonMark reads them (block quotes, list items,
/// then a heading, a fence or a rule), and the rest of the line.
fn block_markers(line: &str) -> (Vec<Marker>, &str) {
    let mut out = Vec::new();
    let mut rest = line;
    loop {
        let s = rest.trim_start_matches([' ', '\t']);
        let b = s.as_bytes();
        let spaced = |i: usize| b.get(i).is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r'));
        let run = |c: u8| b.iter().take_while(|&&x| x == c).count();
        match b.first() {
            Some(b'>') => {
                out.push(Marker::Quote);
                rest = &s[1..];
            }
            Some(&c @ (b'-' | b'+' | b'*')) if spaced(1) && !is_rule(s) => {
                out.push(Marker::Bullet(c));
                rest = &s[1..];
            }
            // A task list item's box, right after its list marker.
            Some(b'[')
                if matches!(out.last(), Some(Marker::Bullet(_) | Marker::Ordered(_)))
                    && matches!(b.get(1), Some(b' ' | b'x' | b'X'))
                    && b.get(2) == Some(&b']')
                    && spaced(3) =>
            {
                out.push(Marker::Task);
                rest = &s[3..];
            }
            Some(b'0'..=b'9') => {
                let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
                match b.get(digits) {
                    Some(&d @ (b'.' | b')')) if digits <= 9 && spaced(digits + 1) => {
                        out.push(Marker::Ordered(d));
                        rest = &s[digits + 1..];
                    }
                    _ => return (out, s),
                }
            }
            Some(b'#') if run(b'#') <= 6 && spaced(run(b'#')) => {
                out.push(Marker::Heading(run(b'#') as u8));
                return (out, &s[run(b'#')..]);
            }
            Some(&c @ (b'`' | b'~')) if run(c) >= 3 => {
                out.push(Marker::Fence);
                return (out, &s[run(c)..]);
            }
            Some(b'-' | b'*' | b'_' | b'=') if is_rule(s) => {
                out.push(Marker::Rule);
                return (out, "");
            }
            _ => return (out, s),
        }
    }
}

/// A thematic break (`---`, `* * *`) or a setext underline (`===`): one mark, repeated.
fn is_rule(s: &str) -> bool {
    let s = s.trim_end();
    let Some(mark) = s.chars().next() else {
        return false;
    };
    s.chars().all(|c| c == mark || c == ' ' || c == '\t')
        && (mark == '=' || s.chars().filter(|&c| c == mark).count() >= 3)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    Quote,
    Bullet(u8),
    Ordered(u8),
    Heading(u8),
    Task,
    Fence,
    Rule,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// The fix as the guard leaves it, applied to `text` (a Markdown file); `None` when dropped.
    fn guarded(text: &str, from: &str, replacement: &str) -> Option<String> {
        let source = SourceFile::new("a.md", text.to_owned());
        let doc = Document::markdown(&source);
        let start = text.find(from).expect("the fixture holds the text to fix");
        let fix = Fix::safe(Span::new(start, start + from.len()), replacement);
        let kept = guard(&doc, fix)?;
        let mut out = text.to_owned();
        out.replace_range(kept.span.range(), &kept.replacement);
        Some(out)
    }

    #[test]
    fn a_fix_that_would_make_a_list_or_heading_is_dropped() {
        assert_eq!(guarded("٣. بند هنا.\n", "٣", "3"), None);
        assert_eq!(guarded("نص.\n\n- بند.\n", "- ", "+ "), None);
        assert_eq!(guarded("> ٣. بند هنا.\n", "٣", "3"), None);
        assert_eq!(guarded("#عنوان هنا.\n", "#", "# "), None);
        assert_eq!(guarded("\u{feff}٣. بند هنا.\n", "٣", "3"), None);
        // The same digits inside a line, or followed by no space, are prose.
        assert_eq!(guarded("عام ٣. بند.\n", "٣", "3").as_deref(), Some("عام 3. بند.\n"));
        assert_eq!(guarded("٣.٥ مليون.\n", "٣.٥", "3.5").as_deref(), Some("3.5 مليون.\n"));
        // A fix inside a list item keeps its marker.
        assert_eq!(guarded("1. بند ٣.\n", "٣", "3").as_deref(), Some("1. بند 3.\n"));
        // A fix over several lines (a habit's) is checked on each.
        let lines = "رقم ١ هنا\n٣. بند\n- بند ٤\n";
        assert_eq!(guarded(lines, "١ هنا\n٣", "1 هنا\n3"), None);
        assert_eq!(
            guarded(lines, "١ هنا\n٣. بند\n- بند ٤", "1 هنا\n٣. بند\n- بند 4").as_deref(),
            Some("رقم 1 هنا\n٣. بند\n- بند 4\n")
        );
    }

    #[test]
    fn a_shortcut_reference_link_keeps_its_label() {
        let text = "انظر [الى] المصدر.\n\n[الى]: https://example.com\n";
        assert_eq!(guarded(text, "الى", "إلى"), None);
        // A full reference link's text is not its label: it may change.
        let full = "انظر [الى][م] المصدر.\n\n[م]: https://example.com\n";
        assert_eq!(
            guarded(full, "الى", "إلى").as_deref(),
            Some("انظر [إلى][م] المصدر.\n\n[م]: https://example.com\n")
        );
    }

    #[test]
    fn a_front_matter_title_stays_valid() {
        let plain = "---\ntitle: القمة :الرئيس يصل\n---\n\nنص.\n";
        assert_eq!(guarded(plain, " :", ": "), None);
        assert_eq!(
            guarded(plain, "الرئيس", "رئيس").as_deref(),
            Some("---\ntitle: القمة :رئيس يصل\n---\n\nنص.\n")
        );
        let quoted = "---\ntitle: \"القمة :الرئيس\"\n---\n\nنص.\n";
        assert_eq!(
            guarded(quoted, " :", ": ").as_deref(),
            Some("---\ntitle: \"القمة: الرئيس\"\n---\n\nنص.\n")
        );
        assert_eq!(guarded(quoted, "الرئيس", "\"الرئيس\""), None);
        // Nothing else in the front matter is for a rule to change.
        assert_eq!(guarded(plain, "title", "عنوان"), None);
    }

    #[test]
    fn an_escaped_mark_loses_its_backslash_with_its_latin_form() {
        let text = "قال الكاتب\\, إن الأمر مهم.\n";
        assert_eq!(guarded(text, ",", "،").as_deref(), Some("قال الكاتب، إن الأمر مهم.\n"));
        // A backslash that is itself escaped stays, and so does an escape still needed.
        let double = "قال الكاتب\\\\, إن.\n";
        assert_eq!(guarded(double, ",", "،").as_deref(), Some("قال الكاتب\\\\، إن.\n"));
        assert_eq!(guarded(text, ",", ";").as_deref(), Some("قال الكاتب\\; إن الأمر مهم.\n"));
    }

    #[test]
    fn deleting_a_heading_or_list_items_text_deletes_its_line() {
        let text = "نص الخبر.\n\n## أضف تعليقك\n\n- اقرأ أيضا\n- شارك\n";
        assert_eq!(
            guarded(text, "أضف تعليقك", "").as_deref(),
            Some("نص الخبر.\n\n\n- اقرأ أيضا\n- شارك\n")
        );
        assert_eq!(
            guarded(text, "اقرأ أيضا", "").as_deref(),
            Some("نص الخبر.\n\n## أضف تعليقك\n\n- شارك\n")
        );
        // A task list item, a setext heading with its underline, and after a byte-order mark.
        let tasks = "نص الخبر.\n\n* [ ] أضف تعليقك\n* [x] شارك\n";
        assert_eq!(
            guarded(tasks, "أضف تعليقك", "").as_deref(),
            Some("نص الخبر.\n\n* [x] شارك\n")
        );
        let setext = "نص الخبر.\n\nأضف تعليقك\n==========\n\nاقرأ أيضا\n---\n";
        assert_eq!(
            guarded(setext, "أضف تعليقك", "").as_deref(),
            Some("نص الخبر.\n\n\nاقرأ أيضا\n---\n")
        );
        assert_eq!(
            guarded(setext, "اقرأ أيضا", "").as_deref(),
            Some("نص الخبر.\n\nأضف تعليقك\n==========\n\n")
        );
        assert_eq!(
            guarded("\u{feff}# اقرأ أيضا\n", "اقرأ أيضا", "").as_deref(),
            Some("\u{feff}")
        );
        // Deleting part of a line's text leaves the line.
        assert_eq!(
            guarded(text, "أضف ", "").as_deref(),
            Some("نص الخبر.\n\n## تعليقك\n\n- اقرأ أيضا\n- شارك\n")
        );
    }

    #[test]
    fn a_fix_over_markup_must_keep_it() {
        let text = "قال إنشاء **الله** غدا.\n";
        assert_eq!(guarded(text, "إنشاء **الله", "إن شاء الله"), None);
        assert_eq!(
            guarded(text, "إنشاء **الله", "إن شاء **الله").as_deref(),
            Some("قال إن شاء **الله** غدا.\n")
        );
        let linked = "في [سبتمبر](http://x.com)/أيلول.\n";
        assert_eq!(
            guarded(linked, "سبتمبر](http://x.com)/أيلول", "أيلول](http://x.com)/سبتمبر").as_deref(),
            Some("في [أيلول](http://x.com)/سبتمبر.\n")
        );
        assert_eq!(guarded(linked, "سبتمبر](http://x.com)/أيلول", "أيلول/سبتمبر"), None);
        // Whitespace between pieces is not markup: a trailing space may go.
        assert_eq!(guarded("سطر \nثان.\n", " ", "").as_deref(), Some("سطر\nثان.\n"));
        // Page chrome goes with its markup, the whole paragraph.
        let chrome = "نص.\n\n**اقرأ** [أيضا](http://x.com)\n";
        assert_eq!(
            guarded(chrome, "**اقرأ** [أيضا](http://x.com)", "").as_deref(),
            Some("نص.\n\n\n")
        );
        // Part of it is not the paragraph.
        assert_eq!(guarded(chrome, "**اقرأ** [أيضا", ""), None);
    }

    #[test]
    fn a_hard_line_break_is_kept() {
        // Two spaces or a backslash before a line's end break the line; a fix may not take either.
        assert_eq!(guarded("سطر  \nثان.\n", "  ", ""), None);
        assert_eq!(guarded("سطر  \nثان.\n", " ", ""), None);
        assert_eq!(guarded("في  \nفي المدينة.\n", "  \nفي", ""), None);
        assert_eq!(guarded("في\\\r\nفي المدينة.\r\n", "\\\r\nفي", ""), None);
        // An NBSP before the spaces may go alone; a soft break may be joined.
        assert_eq!(
            guarded("سطر\u{a0}  \nثان.\n", "\u{a0}", "").as_deref(),
            Some("سطر  \nثان.\n")
        );
        assert_eq!(
            guarded("في\nفي المدينة.\n", "\nفي", "").as_deref(),
            Some("في المدينة.\n")
        );
        // Whole lines go with their breaks.
        assert_eq!(
            guarded("نص.\n\nسطر  \nثان\n", "سطر  \nثان\n", "").as_deref(),
            Some("نص.\n\n")
        );
        // An edit two bytes or more before a line's end leaves its break; one that reaches the
        // spaces that make it does not (with a CR before the break too), nor one that adds them.
        assert_eq!(
            guarded("قال , نعم  \nثان.\n", " ,", "،").as_deref(),
            Some("قال، نعم  \nثان.\n")
        );
        assert_eq!(guarded("قال نعم,  \r\nثان.\r\n", ",  ", "، "), None);
        assert_eq!(guarded("قال نعم ,\nثان.\n", ",", "،  "), None);
        assert_eq!(
            guarded("قال نعم ,\r\nثان.\r\n", " ,", "،").as_deref(),
            Some("قال نعم،\r\nثان.\r\n")
        );
    }

    #[test]
    fn an_escape_may_go_with_its_mark() {
        let text = "قال \\\"نعم\\\" للخطة.\n";
        assert_eq!(
            guarded(text, "\\\"نعم\\\"", "«نعم»").as_deref(),
            Some("قال «نعم» للخطة.\n")
        );
    }

    #[test]
    fn block_markers_read_as_commonmark_does() {
        let kinds = |line: &str| block_markers(line).0;
        assert_eq!(
            kinds("> - 12) نص"),
            [Marker::Quote, Marker::Bullet(b'-'), Marker::Ordered(b')')]
        );
        assert_eq!(kinds("### عنوان"), [Marker::Heading(3)]);
        assert_eq!(kinds("- [x] مهمة"), [Marker::Bullet(b'-'), Marker::Task]);
        assert_eq!(kinds("[x] ليست مهمة"), []);
        assert_eq!(kinds("####### ليس عنوانا"), []);
        assert_eq!(kinds("-نص"), []);
        assert_eq!(kinds("1234567890. ليس بندا"), []);
        assert_eq!(kinds("- - -"), [Marker::Rule]);
        assert_eq!(kinds("```rust"), [Marker::Fence]);
        assert_eq!(kinds("==="), [Marker::Rule]);
        assert_eq!(kinds("نص - عادي"), []);
    }
}
