//! The human format, through codespan-reporting. Usable in a right-to-left terminal: every finding
//! shows path:line:column and its message quotes the offending text (a caret under Arabic may
//! land in the wrong place, the quote never does); bidi controls in snippets are shown as visible
//! placeholders such as ⟨RLM⟩ so that they cannot reorder the snippet. A long line is shown as the
//! stretches around what the finding marks, so that a whole article body on one line does not
//! fill the screen for each finding.

use super::Positions;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::source::{Position, SourceFile, Span};
use crate::text::chars::{invisible_name, is_bidi_control};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files, Location};
use codespan_reporting::term::{self, termcolor::Buffer};
use std::ops::Range;

/// Lines of at most this many characters are shown whole.
const WHOLE_LINE_CHARS: usize = 160;
/// On a longer line, the characters shown on each side of each place a finding marks.
const CONTEXT_CHARS: usize = 40;
/// On a longer line, what stands for the text left out: at its start, between two stretches, at
/// its end.
const LEFT_OUT: [&str; 3] = ["… ", " … ", " …"];

/// The lines of the file that a finding shows, as the terminal gets them: a short line whole, a
/// long one as the stretches around the places the finding marks (crawled articles hold a whole
/// body on one line, which would fill the screen for each finding), with bidi controls replaced
/// by placeholders; and a map between offsets in the file and offsets in what is shown.
struct Excerpt<'a> {
    source: &'a SourceFile,
    shown: String,
    /// Each line shown: its 0-based line in the file and its range in `shown` (newline included),
    /// by line.
    lines: Vec<(usize, Range<usize>)>,
    /// (offset in the file, offset in `shown`) wherever the two stop running side by side: the
    /// start of each stretch, and each side of each placeholder. Ascending in both.
    map: Vec<(usize, usize)>,
    /// The line and column of each span's start (what codespan-reporting asks the location of),
    /// counted on from the places of the findings before.
    starts: Vec<(usize, Position)>,
}

impl<'a> Excerpt<'a> {
    /// The lines that `spans` touch, and the lines between them that codespan-reporting shows
    /// (every line of a span over several lines, and a single line between two shown ones).
    fn new(source: &'a SourceFile, spans: &[Span], known: &mut Positions) -> Self {
        let index = &source.lines;
        let mut lines: Vec<usize> = Vec::new();
        for s in spans {
            lines.extend(index.line_of(s.start as usize)..=index.line_of(s.end as usize));
        }
        lines.sort_unstable();
        lines.dedup();
        let between: Vec<usize> = lines
            .windows(2)
            .filter(|w| w[1] - w[0] == 2)
            .map(|w| w[0] + 1)
            .collect();
        lines.extend(between);
        lines.sort_unstable();
        let mut points: Vec<usize> = spans.iter().flat_map(|s| [s.start as usize, s.end as usize]).collect();
        points.sort_unstable();
        points.dedup();
        // The first span is the finding's own, learnt for the findings after it.
        let starts = spans
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let at = s.start as usize;
                (
                    at,
                    if i == 0 {
                        known.learn(source, at)
                    } else {
                        known.at(source, at)
                    },
                )
            })
            .collect();
        let mut excerpt = Excerpt {
            source,
            shown: String::new(),
            lines: Vec::with_capacity(lines.len()),
            map: Vec::new(),
            starts,
        };
        for line in lines {
            excerpt.push_line(line, &points);
        }
        excerpt
    }

    fn push_line(&mut self, line: usize, points: &[usize]) {
        let text = self.source.text.as_str();
        let span = self.source.lines.line_span(text, line);
        let (start, end) = (span.start as usize, span.end as usize);
        // A place inside the line's \r\n is shown at the line's end.
        let next_line = self.source.lines.line_start_or_end(text, line + 1);
        let here: Vec<usize> = points
            .iter()
            .filter(|&&p| (start..next_line).contains(&p) || p == end)
            .map(|&p| p.min(end))
            .collect();
        let first = self.shown.len();
        let stretches = stretches(text, start..end, &here);
        for (k, r) in stretches.iter().enumerate() {
            if r.start > start {
                self.shown.push_str(LEFT_OUT[usize::from(k > 0)]);
            }
            self.push_visible(r.clone());
        }
        if stretches.last().is_some_and(|r| r.end < end) {
            self.shown.push_str(LEFT_OUT[2]);
        }
        self.shown.push('\n');
        self.lines.push((line, first..self.shown.len()));
    }

    /// Copies a stretch of the file, bidi controls as placeholders.
    fn push_visible(&mut self, r: Range<usize>) {
        let text = self.source.text.as_str();
        self.map.push((r.start, self.shown.len()));
        let mut from = r.start;
        for (i, c) in text[r.clone()].char_indices() {
            if is_bidi_control(c) {
                let at = r.start + i;
                self.shown.push_str(&text[from..at]);
                self.map.push((at, self.shown.len()));
                self.shown.push('⟨');
                self.shown.push_str(invisible_name(c));
                self.shown.push('⟩');
                from = at + c.len_utf8();
                self.map.push((from, self.shown.len()));
            }
        }
        self.shown.push_str(&text[from..r.end]);
    }

    fn to_shown(&self, orig: usize) -> usize {
        let text = self.source.text.as_str();
        let line_end = self.source.lines.line_span(text, self.source.lines.line_of(orig)).end as usize;
        let orig = orig.min(line_end);
        match self.map.partition_point(|&(o, _)| o <= orig) {
            0 => orig,
            i => {
                let (o, d) = self.map[i - 1];
                d + (orig - o)
            }
        }
    }

    /// A span of the file as a range in what is shown.
    fn shown_range(&self, span: Span) -> Range<usize> {
        self.to_shown(span.start as usize)..self.to_shown(span.end as usize)
    }

    fn to_original(&self, shown: usize) -> usize {
        match self.map.partition_point(|&(_, d)| d <= shown) {
            0 => shown,
            i => {
                let (o, d) = self.map[i - 1];
                o + shown.saturating_sub(d)
            }
        }
    }
}

/// The stretches of a line (`line`, without its newline) to show around the places marked on it
/// (`points`, ascending): the whole line when it is short; else each place with
/// [`CONTEXT_CHARS`] characters on each side, stretches that meet joined, and a cut word left
/// out; the start of the line when nothing on it is marked (a line inside a span).
fn stretches(text: &str, line: Range<usize>, points: &[usize]) -> Vec<Range<usize>> {
    let body = &text[line.clone()];
    // A line of n bytes holds n/4 to n characters.
    let short = body.len() <= WHOLE_LINE_CHARS
        || (body.len() <= 4 * WHOLE_LINE_CHARS && body.chars().count() <= WHOLE_LINE_CHARS);
    if short {
        return std::iter::once(line).collect();
    }
    let back = |p: usize| {
        text[line.start..p]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(line.start, |(i, _)| line.start + i)
    };
    let forward = |p: usize, n: usize| text[p..line.end].char_indices().nth(n).map_or(line.end, |(i, _)| p + i);
    // Each stretch with the first and last places marked in it.
    let mut out: Vec<(Range<usize>, usize, usize)> = Vec::new();
    if points.is_empty() {
        out.push((
            line.start..forward(line.start, 2 * CONTEXT_CHARS),
            line.start,
            line.start,
        ));
    }
    for &p in points {
        let r = back(p)..forward(p, CONTEXT_CHARS);
        match out.last_mut() {
            Some((last, _, last_point)) if r.start <= last.end => {
                last.end = r.end;
                *last_point = p;
            }
            _ => out.push((r, p, p)),
        }
    }
    out.into_iter()
        .map(|(r, first_point, last_point)| {
            // Where a stretch cuts a word, it starts after the word's end and ends before its
            // start, unless that would leave out a marked place.
            let start = if r.start > line.start && !text[..r.start].ends_with(' ') {
                text[r.start..first_point]
                    .find(' ')
                    .map_or(r.start, |i| r.start + i + 1)
            } else {
                r.start
            };
            let end = if r.end < line.end && !text[r.end..].starts_with(' ') {
                text[last_point..r.end].rfind(' ').map_or(r.end, |i| last_point + i)
            } else {
                r.end
            };
            start..end
        })
        .collect()
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(&self.source.path)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(&self.shown)
    }

    /// The line of the file (0-based) that an offset in what is shown belongs to.
    fn line_index(&'a self, _: (), byte_index: usize) -> Result<usize, FilesError> {
        let k = self
            .lines
            .partition_point(|(_, r)| r.start <= byte_index)
            .saturating_sub(1);
        self.lines.get(k).map(|(line, _)| *line).ok_or(FilesError::FileMissing)
    }

    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, FilesError> {
        match self.lines.binary_search_by_key(&line_index, |(line, _)| *line) {
            Ok(k) => Ok(self.lines[k].1.clone()),
            Err(_) => Err(FilesError::LineTooLarge {
                given: line_index,
                max: self.source.lines.line_count() - 1,
            }),
        }
    }

    fn location(&'a self, _: (), byte_index: usize) -> Result<Location, FilesError> {
        let orig = self.to_original(byte_index).min(self.source.text.len());
        let (line, column) = match self.starts.iter().find(|(at, _)| *at == orig) {
            Some((_, p)) => (p.line, p.column),
            None => {
                let lc = self.source.lines.line_col(&self.source.text, orig);
                (lc.line, lc.column)
            }
        };
        Ok(Location {
            line_number: line,
            column_number: column,
        })
    }
}

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// Renders the findings of one file, as UTF-8 (made of the file's text and of strings), to be
/// written out as it is: not checked again, which over a whole archive would read every rendered
/// byte once more.
pub fn render_file(source: &SourceFile, diags: &[Diagnostic], color: bool) -> Vec<u8> {
    render(source, diags, color, !color)
}

/// [`render_file`], the findings laid out here where they can be (`own_layout`; never in colour)
/// or all by codespan-reporting.
fn render(source: &SourceFile, diags: &[Diagnostic], color: bool, own_layout: bool) -> Vec<u8> {
    if diags.is_empty() {
        return Vec::new();
    }
    let config = term::Config {
        before_label_lines: 0,
        after_label_lines: 0,
        ..term::Config::default()
    };
    let mut buf = if color { Buffer::ansi() } else { Buffer::no_color() };
    let mut known = Positions::default();
    let mut plain = String::new();
    for d in diags {
        let spans: Vec<Span> = std::iter::once(d.span)
            .chain(d.related.iter().map(|r| r.span))
            .collect();
        let file = Excerpt::new(source, &spans, &mut known);
        let mut notes = Vec::new();
        if let Some(fix) = &d.fix {
            notes.push(fix_note(&source.text, fix));
        }
        if own_layout && !color {
            plain.clear();
            if write_simple_finding(&mut plain, &file, d, &notes).is_ok() {
                let _ = std::io::Write::write_all(&mut buf, plain.as_bytes());
                continue;
            }
        }
        let mut labels = vec![Label::primary((), file.shown_range(d.span))];
        for r in &d.related {
            labels.push(Label::secondary((), file.shown_range(r.span)).with_message(r.message.clone()));
        }
        let cs = CsDiagnostic::new(severity(d.severity))
            .with_code(d.rule.clone())
            .with_message(visible(&d.message).into_owned())
            .with_labels(labels)
            .with_notes(notes);
        // Rendering into memory cannot fail on I/O; a malformed span is the only error left,
        // and then the concise line still tells the reader where to look.
        if term::emit_to_write_style(&mut buf, &config, &file, &cs).is_err() {
            let lc = source.lines.line_col(&source.text, d.span.start as usize);
            let line = format!(
                "{}:{}:{}: {}[{}] {}\n",
                source.path, lc.line, lc.column, d.severity, d.rule, d.message
            );
            let _ = std::io::Write::write_all(&mut buf, line.as_bytes());
        }
    }
    buf.into_inner()
}

/// A fix whose replacement is longer than this (in characters), or on several lines, is told by
/// its edits when it has several.
const WHOLE_REPLACEMENT_CHARS: usize = 60;
/// The kinds of edit a fix note names at most; the others are counted.
const NOTED_EDIT_KINDS: usize = 3;

/// What a finding's fix does, as its note says it. A fix of several edits far apart (a habit's,
/// one edit at each occurrence) replaces everything from its first edit to its last: its
/// replacement is most of the article, so the note names the edits instead, alike ones once
/// with their count.
fn fix_note(text: &str, fix: &Fix) -> String {
    let kind = if fix.safe { "safe" } else { "unsafe" };
    let long = fix.replacement.contains('\n') || fix.replacement.chars().nth(WHOLE_REPLACEMENT_CHARS).is_some();
    if fix.edits.len() < 2 || !long {
        let what = if fix.replacement.is_empty() {
            "delete it".to_string()
        } else {
            format!("replace with «{}»", visible(&fix.replacement))
        };
        return format!("fix ({kind}): {what}");
    }
    // Each kind of edit (the text it takes out, what it puts in) in the order first met, found by
    // hash: a habit of thousands of edits can hold thousands of kinds.
    let mut kinds: Vec<(&str, &str, usize)> = Vec::new();
    let mut seen = crate::rules::FirstSeen::new();
    for e in &fix.edits {
        let taken = text.get(e.span.range()).unwrap_or_default();
        let (k, new) = seen.number((taken, e.replacement.as_str()));
        if new {
            kinds.push((taken, &e.replacement, 0));
        }
        kinds[k].2 += 1;
    }
    let mut what: Vec<String> = kinds
        .iter()
        .take(NOTED_EDIT_KINDS)
        .map(|&(taken, put, n)| {
            let times = if n > 1 { format!(" ({n}×)") } else { String::new() };
            match (taken.is_empty(), put.is_empty()) {
                (_, true) => format!("delete «{}»{times}", visible(taken)),
                (true, false) => format!("insert «{}»{times}", visible(put)),
                (false, false) => format!("replace «{}» with «{}»{times}", visible(taken), visible(put)),
            }
        })
        .collect();
    let others: usize = kinds.iter().skip(NOTED_EDIT_KINDS).map(|k| k.2).sum();
    if others > 0 {
        what.push(format!("{others} other edit{}", if others == 1 { "" } else { "s" }));
    }
    if kinds.len() == 1 {
        return format!("fix ({kind}): {}", what.join("; "));
    }
    format!("fix ({kind}): {} edits: {}", fix.edits.len(), what.join("; "))
}

/// codespan-reporting's layout of a finding whose places each lie on one line (nearly every
/// finding), written here without colour: codespan writes the source lines and their carets one
/// formatted character at a time, which made the text report cost 40 % more than JSON. The tests
/// hold the two to the same bytes. Nothing is written for any other finding, or when the excerpt
/// cannot place a mark: codespan renders it, or says why not.
fn write_simple_finding(
    out: &mut String,
    file: &Excerpt<'_>,
    d: &Diagnostic,
    notes: &[String],
) -> Result<(), FilesError> {
    use std::fmt::Write;
    let not_simple = || FilesError::FileMissing;
    // The finding's own place first, then the related ones, in codespan's order.
    let marks = std::iter::once((true, file.shown_range(d.span), "")).chain(
        d.related
            .iter()
            .map(|r| (false, file.shown_range(r.span), r.message.as_str())),
    );
    // The marked lines in order, each with its range in the excerpt and its marks (within the
    // line), kept in order of place as codespan keeps them.
    let mut lines: std::collections::BTreeMap<usize, (Range<usize>, Vec<LineMark<'_>>)> = Default::default();
    for (primary, mark, message) in marks {
        let index = file.line_index((), mark.start)?;
        if file.line_index((), mark.end)? != index {
            return Err(not_simple());
        }
        let (line_range, on_line) = match lines.entry(index) {
            std::collections::btree_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::btree_map::Entry::Vacant(v) => v.insert((file.line_range((), index)?, Vec::new())),
        };
        let start = mark.start - line_range.start;
        let end = (mark.end - line_range.start).max(start + 1);
        let at = match on_line.binary_search_by(|l| (l.range.start, l.range.end).cmp(&(start, end))) {
            Ok(at) | Err(at) => at,
        };
        on_line.insert(
            at,
            LineMark {
                primary,
                range: start..end,
                message,
            },
        );
    }
    let location = file.location((), file.shown_range(d.span).start)?;
    let message = visible(&d.message);
    let shown = file.source(())?;
    let last_number = lines.keys().next_back().map_or(1, |index| index + 1);
    let pad = last_number.ilog10() as usize + 1;
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    // Writing into a String cannot fail.
    let _ = writeln!(out, "{severity}[{}]: {message}", d.rule);
    let _ = writeln!(
        out,
        "{:pad$} ┌─ {}:{}:{}",
        "", file.source.path, location.line_number, location.column_number
    );
    let _ = writeln!(out, "{:pad$} │", "");
    let mut previous: Option<usize> = None;
    for (index, (line_range, on_line)) in &lines {
        let line_text = |range: Range<usize>| {
            shown
                .get(range)
                .map(|l| l.trim_end_matches(['\n', '\r', '\0']))
                .ok_or_else(not_simple)
        };
        match previous.map(|p| index - p) {
            // A single line between two marked ones is shown, not left out.
            Some(2) => {
                let between = index - 1;
                let _ = write!(out, "{:>pad$} │ ", between + 1);
                write_line(out, line_text(file.line_range((), between)?)?);
                out.push('\n');
            }
            Some(gap) if gap > 2 => {
                let _ = writeln!(out, "{:pad$} ·", "");
            }
            _ => {}
        }
        previous = Some(*index);
        write_marked_line(out, pad, index + 1, line_text(line_range.clone())?, on_line);
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "{:pad$} │", "");
    }
    for note in notes {
        for (i, line) in note.lines().enumerate() {
            let _ = writeln!(out, "{:pad$} {} {line}", "", if i == 0 { '=' } else { ' ' });
        }
    }
    out.push('\n');
    Ok(())
}

/// A mark within its line: byte range in the line (at least one byte wide).
struct LineMark<'m> {
    primary: bool,
    range: Range<usize>,
    message: &'m str,
}

/// A source line and what codespan writes under it for marks that lie within it: a line of
/// carets (`^` for the finding's place, `-` for a related one) ending with the message of the
/// rightmost mark when nothing overlaps it, then a line of pointers and one line for each other
/// message, the rightmost first.
fn write_marked_line(out: &mut String, pad: usize, number: usize, line: &str, marks: &[LineMark<'_>]) {
    use std::fmt::Write;
    let _ = write!(out, "{number:>pad$} │ ");
    write_line(out, line);
    out.push('\n');
    let mut messages = 0;
    let mut max_start = 0;
    let mut max_end = 0;
    // The mark whose message is written after the carets: the last to reach furthest right.
    let mut trailing: Option<usize> = None;
    for (i, m) in marks.iter().enumerate() {
        if !m.message.is_empty() {
            messages += 1;
        }
        max_start = max_start.max(m.range.start);
        max_end = max_end.max(m.range.end);
        if m.range.end == max_end {
            trailing = (!m.message.is_empty()).then_some(i);
        }
    }
    if let Some(t) = trailing
        && marks
            .iter()
            .enumerate()
            .any(|(i, m)| i != t && overlaps(&marks[t].range, &m.range))
    {
        trailing = None;
    }
    let _ = write!(out, "{:pad$} │ ", "");
    // The column after the line's last character holds the caret of a mark at its end.
    let past_the_end = std::iter::once((line.len(), '\0', 1));
    for (at, c, width) in columns(line).chain(past_the_end) {
        let cell = at..at + c.len_utf8();
        // A place of the finding's own wins over a related one.
        let under = marks
            .iter()
            .filter(|m| overlaps(&m.range, &cell))
            .map(|m| m.primary)
            .max();
        let caret = match under {
            Some(true) => '^',
            Some(false) => '-',
            None if at < max_end => ' ',
            None => break,
        };
        out.extend(std::iter::repeat_n(caret, width));
    }
    if let Some(t) = trailing {
        out.push(' ');
        out.push_str(marks[t].message);
    }
    out.push('\n');
    // The other messages hang below, each under a pointer to its mark.
    let hanging = || {
        marks
            .iter()
            .enumerate()
            .filter(|(i, m)| !m.message.is_empty() && trailing != Some(*i))
            .map(|(_, m)| m)
    };
    if messages > usize::from(trailing.is_some()) {
        let _ = write!(out, "{:pad$} │ ", "");
        write_pointers(out, line, line.len(), max_start, hanging);
        out.push('\n');
        for m in hanging().rev() {
            let _ = write!(out, "{:pad$} │ ", "");
            write_pointers(out, line, m.range.start, max_start, hanging);
            out.push_str(m.message);
            out.push('\n');
        }
    }
}

/// Under the characters of `line` that start before `until`: a pointer `│` where a hanging
/// message's mark starts, spaces elsewhere up to the rightmost mark's start.
fn write_pointers<'m, I: Iterator<Item = &'m LineMark<'m>>>(
    out: &mut String,
    line: &str,
    until: usize,
    max_start: usize,
    hanging: impl Fn() -> I,
) {
    for (at, c, width) in columns(line).take_while(|&(at, ..)| at < until) {
        let cell = at..at + c.len_utf8();
        let pointed = hanging().any(|m| cell.contains(&m.range.start));
        let spaces = if pointed {
            out.push('│');
            width.saturating_sub(1)
        } else {
            width
        };
        if at <= max_start {
            out.extend(std::iter::repeat_n(' ', spaces));
        }
    }
}

/// Whether two byte ranges share a byte.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start.max(b.start) < a.end.min(b.end)
}

/// A source line as codespan writes it: a tab as the spaces up to its stop, the rest as it is.
fn write_line(out: &mut String, line: &str) {
    let mut copied = 0;
    for (at, c, width) in columns(line) {
        if c == '\t' {
            out.push_str(&line[copied..at]);
            out.extend(std::iter::repeat_n(' ', width));
            copied = at + 1;
        }
    }
    out.push_str(&line[copied..]);
}

/// Each character of a line with its offset and its width in columns as codespan-reporting
/// counts it: a tab reaches the next stop of four, a character of no width (a mark, a control)
/// counts none.
fn columns(line: &str) -> impl Iterator<Item = (usize, char, usize)> + '_ {
    const TAB_WIDTH: usize = 4;
    let mut column = 0;
    line.char_indices().map(move |(at, c)| {
        let width = match c {
            '\t' => TAB_WIDTH - column % TAB_WIDTH,
            _ => unicode_width::UnicodeWidthChar::width(c).unwrap_or(0),
        };
        column += width;
        (at, c, width)
    })
}

/// Replaces bidi controls in a message with visible placeholders; most messages have none and
/// are given back as they are.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    // Every bidi control is encoded with a byte 0xE2 (U+2xxx) or 0x9C (U+061C): a string with
    // neither, found at memchr's speed, is given back unread (a habit's fix repeats long text).
    if memchr::memchr2(0xE2, 0x9C, s.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::new();
    let mut from = 0;
    for (i, c) in s.char_indices() {
        if is_bidi_control(c) {
            out.push_str(&s[from..i]);
            out.push('⟨');
            out.push_str(invisible_name(c));
            out.push('⟩');
            from = i + c.len_utf8();
        }
    }
    if from == 0 {
        return std::borrow::Cow::Borrowed(s);
    }
    out.push_str(&s[from..]);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Edit;

    /// The layout written here is codespan's, byte for byte: random articles of Arabic with
    /// marks, tatweel, tabs, wide characters, bidi controls, CRLF and long lines, and random
    /// findings over them (empty places, places at a line's end or across lines, related places
    /// on the same line, the next, two lines down or far away, with and without messages, fixes
    /// whose replacement has several lines).
    #[test]
    fn the_own_layout_writes_what_codespan_writes() {
        let pieces = [
            "قال",
            "الوزير",
            "الأمريكيّة",
            "بالـــدولة",
            " ",
            " ",
            "  ",
            "\t",
            "،",
            ".",
            "«",
            "»",
            "\"",
            "😀",
            "中文",
            "\u{200F}",
            "\u{202E}",
            "\u{200D}",
            "\u{a0}",
            "abc",
            "123",
            "\n",
            "\r\n",
            "\n\n",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut own_findings = 0;
        for case in 0..400 {
            let words = 5 + next(if case % 5 == 0 { 200 } else { 40 });
            let text: String = (0..words).map(|_| pieces[next(pieces.len())]).collect();
            let src = SourceFile::new(if case % 2 == 0 { "a.txt" } else { "مقالة.md" }, text.clone());
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let span = |next: &mut dyn FnMut(usize) -> usize| {
                let i = next(bounds.len());
                let j = match next(4) {
                    0 => i,
                    // Anywhere: often on another line.
                    1 => next(bounds.len()),
                    _ => (i + 1 + next(8)).min(bounds.len() - 1),
                };
                Span::new(bounds[i.min(j)], bounds[i.max(j)])
            };
            let mut diags = Vec::new();
            for k in 0..1 + next(4) {
                let severity = [Severity::Error, Severity::Warning, Severity::Info][next(3)];
                let mut d = Diagnostic::new("rule-id", severity, span(&mut next), format!("رسالة {k}\u{200F}"));
                for r in 0..next(5) {
                    let message = if next(3) == 0 {
                        String::new()
                    } else {
                        format!("هنا {r}")
                    };
                    d = d.with_related(span(&mut next), message);
                }
                match next(3) {
                    0 => d.fix = Some(Fix::safe(d.span, "")),
                    1 => d.fix = Some(Fix::unsafe_(d.span, "سطر\nسطر ثان")),
                    _ => {}
                }
                diags.push(d);
            }
            let own = String::from_utf8(render(&src, &diags, false, true)).unwrap();
            let theirs = String::from_utf8(render(&src, &diags, false, false)).unwrap();
            assert_eq!(own, theirs, "case {case}: {text:?}");
            // How many of them the own layout wrote (the others went to codespan).
            let mut known = Positions::default();
            for d in &diags {
                let spans: Vec<Span> = std::iter::once(d.span)
                    .chain(d.related.iter().map(|r| r.span))
                    .collect();
                let file = Excerpt::new(&src, &spans, &mut known);
                own_findings += usize::from(write_simple_finding(&mut String::new(), &file, d, &[]).is_ok());
            }
        }
        assert!(own_findings > 300, "{own_findings} findings laid out here");
    }

    fn rendered(source: &SourceFile, diags: &[Diagnostic], color: bool) -> String {
        String::from_utf8(render_file(source, diags, color)).expect("the text format is UTF-8")
    }

    /// A fix of one edit at each place `word` is written in `text`, replacing it with `put`.
    fn habit_fix(text: &str, word: &str, put: &str) -> Fix {
        let edits = text
            .match_indices(word)
            .enumerate()
            .map(|(unit, (at, _))| Edit {
                unit: unit as u32,
                ..Edit::new(Span::new(at, at + word.len()), put)
            })
            .collect();
        Fix::combined(text, edits, true).expect("the word is in the text")
    }

    #[test]
    fn a_habit_fix_is_told_by_its_edits_not_by_the_text_between_them() {
        let body = "وصل الوفد الى الرياض ثم توجه الى جدة في زيارة تستغرق يومين.\n";
        let text = body.repeat(4);
        let src = SourceFile::new("a.txt", text.clone());
        let fix = habit_fix(&text, "الى", "إلى");
        assert_eq!(fix.edits.len(), 8);
        assert_eq!(fix_note(&text, &fix), "fix (safe): replace «الى» with «إلى» (8×)");
        let mut d = Diagnostic::new("common-misspelling", Severity::Warning, fix.edits[0].span, "8 times");
        d.fix = Some(fix);
        let out = rendered(&src, &[d], false);
        assert!(out.contains("= fix (safe): replace «الى» with «إلى» (8×)\n"), "{out}");
        // The words between the edits are in the snippet once, not again in the note.
        assert_eq!(out.matches("جدة").count(), 1, "{out}");

        // Deletions and insertions say so; edits of several kinds are each counted.
        let spaced = "قال الوزير :نعم في المؤتمر الصحفي الذي عقده صباح اليوم ثم قال :لا في اللقاء التالي مع الصحافيين ثم قال :ربما.";
        let tightened = habit_fix(spaced, " :", ":");
        assert_eq!(fix_note(spaced, &tightened), "fix (safe): replace « :» with «:» (3×)");
        let gaps: Vec<Edit> = spaced
            .match_indices(':')
            .enumerate()
            .flat_map(|(unit, (at, _))| {
                let unit = unit as u32 * 2;
                [
                    Edit {
                        unit,
                        ..Edit::new(Span::new(at - 1, at), "")
                    },
                    Edit {
                        unit: unit + 1,
                        ..Edit::new(Span::new(at + 1, at + 1), " ")
                    },
                ]
            })
            .collect();
        let moved = Fix::combined(spaced, gaps, true).unwrap();
        assert_eq!(
            fix_note(spaced, &moved),
            "fix (safe): 6 edits: delete « » (3×); insert « » (3×)"
        );
    }

    #[test]
    fn a_short_fix_of_several_edits_shows_its_replacement_and_many_kinds_are_counted() {
        // The two marks of one quotation: the replacement reads as it is.
        let text = "قال \"نعم\" ومضى.";
        let open = text.find('"').unwrap();
        let close = text.rfind('"').unwrap();
        let pair = Fix::combined(
            text,
            vec![
                Edit::new(Span::new(open, open + 1), "«"),
                Edit::new(Span::new(close, close + 1), "»"),
            ],
            false,
        )
        .unwrap();
        assert_eq!(fix_note(text, &pair), "fix (unsafe): replace with ««نعم»»");
        // Digits written one by one: three kinds named, the rest counted.
        let digits = format!(
            "{}في النهاية.",
            "العدد ١ والعدد ٢ والعدد ٣ والعدد ٤ والعدد ٥ والعدد ٥ ".repeat(2)
        );
        let edits: Vec<Edit> = digits
            .char_indices()
            .filter(|(_, c)| ('١'..='٩').contains(c))
            .enumerate()
            .map(|(unit, (at, c))| Edit {
                unit: unit as u32,
                ..Edit::new(Span::new(at, at + c.len_utf8()), (c as u32 - '٠' as u32).to_string())
            })
            .collect();
        let fix = Fix::combined(&digits, edits, false).unwrap();
        assert_eq!(
            fix_note(&digits, &fix),
            "fix (unsafe): 12 edits: replace «١» with «1» (2×); replace «٢» with «2» (2×); \
             replace «٣» with «3» (2×); 6 other edits"
        );
    }

    #[test]
    fn visible_replaces_every_bidi_control_and_borrows_otherwise() {
        assert!(matches!(visible("قال «نعم» – 3×"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(visible("\u{200F}قال\u{061C}نعم\u{2067}"), "⟨RLM⟩قال⟨ALM⟩نعم⟨RLI⟩");
        assert_eq!(visible("\u{202E}"), "⟨RLO⟩");
        // Every bidi control, alone and between letters, is found past the quick test.
        for c in ('\u{0}'..='\u{3000}').filter(|&c| is_bidi_control(c)) {
            let shown = visible(&format!("قال{c}نعم")).into_owned();
            assert_eq!(shown, format!("قال⟨{}⟩نعم", invisible_name(c)), "{c:?}");
        }
        assert!(matches!(visible("قال “نعم” – ٜ…"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_controls_become_placeholders_and_positions_hold() {
        let src = SourceFile::new("a.txt", "قال\u{200F} الوزير كلمة".to_string());
        let at = src.text.find("كلمة").unwrap();
        let d = Diagnostic::new("x", Severity::Warning, Span::new(at, at + "كلمة".len()), "m");
        let out = rendered(&src, &[d], false);
        assert!(out.contains("⟨RLM⟩"), "{out}");
        assert!(!out.contains('\u{200F}'));
        // كلمة is the 13th character: the RLM counts as one column in the file.
        assert!(out.contains("a.txt:1:13"), "{out}");
    }

    /// A long line of numbered words (و1 و2 …), so that what is shown tells where it was cut.
    fn long_line(words: usize) -> String {
        (1..=words).map(|i| format!("كلمة{i}")).collect::<Vec<_>>().join(" ")
    }

    fn span_of(text: &str, word: &str) -> Span {
        let at = text.find(&format!(" {word} ")).map(|i| i + 1).unwrap();
        Span::new(at, at + word.len())
    }

    /// The header of each finding gives the line and column its start resolves to alone, when
    /// many findings on one long line are counted on from each other.
    #[test]
    fn headers_locate_every_finding_of_a_long_line() {
        let text = "قال «نعم» و\u{200F}«لا» 😀 ".repeat(40) + "\r\nسطر ثان «هنا»\n";
        let src = SourceFile::new("a.txt", text.clone());
        let diags: Vec<Diagnostic> = text
            .match_indices('«')
            .map(|(i, m)| {
                Diagnostic::new("x", Severity::Warning, Span::new(i, i + m.len()), "m")
                    .with_related(Span::new(4, 6), "first")
            })
            .collect();
        let out = rendered(&src, &diags, false);
        let headers: Vec<&str> = out.lines().filter_map(|l| l.trim_start().strip_prefix("┌─ ")).collect();
        let expected: Vec<String> = diags
            .iter()
            .map(|d| {
                let r = super::super::resolve(&src, d);
                format!("a.txt:{}:{}", r.line, r.column)
            })
            .collect();
        assert_eq!(headers, expected);
    }

    #[test]
    fn a_long_line_is_shown_around_the_finding() {
        let text = format!("عنوان قصير\n{}\n", long_line(300));
        let src = SourceFile::new("a.txt", text.clone());
        let span = span_of(&text, "كلمة150");
        let d = Diagnostic::new("x", Severity::Warning, span, "m");
        let out = rendered(&src, &[d], false);
        let column = text[src.lines.line_start(1)..span.start as usize].chars().count() + 1;
        assert!(out.contains(&format!("a.txt:2:{column}")), "{out}");
        let shown = out
            .lines()
            .find(|l| l.contains("كلمة150"))
            .expect("the marked word is shown");
        assert!(shown.starts_with("2 │ … كلمة") && shown.ends_with(" …"), "{shown}");
        assert!(!shown.contains("كلمة140 ") && !shown.contains(" كلمة160"), "{shown}");
        assert!(shown.chars().count() < 2 * CONTEXT_CHARS + 20, "{shown}");
        // The carets stand under the word: as many as it has characters, after as many columns
        // as the characters before it on the shown line.
        let carets = out.lines().find(|l| l.contains('^')).unwrap();
        let before = shown.split("كلمة150").next().unwrap().chars().count();
        assert_eq!(
            carets.find('^').map(|i| carets[..i].chars().count()),
            Some(before),
            "{out}"
        );
        assert_eq!(carets.matches('^').count(), "كلمة150".chars().count());
        // A short line is shown whole.
        let title = out.lines().any(|l| l.contains("عنوان قصير"));
        assert!(!title, "the title line is not marked, so not shown");
        let short = SourceFile::new("b.txt", "عنوان قصير\n".to_string());
        let out = rendered(
            &short,
            &[Diagnostic::new("x", Severity::Info, Span::new(0, 10), "m")],
            false,
        );
        assert!(out.contains("1 │ عنوان قصير\n"), "{out}");
    }

    /// Every place a finding marks maps into what is shown and back, its text shown as it is in
    /// the file (bidi controls as placeholders), whether the line is long or short, the places
    /// near or far apart, on one line or across several.
    #[test]
    fn marked_places_map_into_the_excerpt_and_back() {
        let long = long_line(200).replacen("كلمة50", "كلمة50\u{200F}", 1);
        let text = format!("\u{feff}سطر قصير فيه كلمة\r\n{long}\r\n{}\nآخر", long_line(120));
        let src = SourceFile::new("c.txt", text.clone());
        let words = ["قصير", "كلمة3", "كلمة50", "كلمة51", "كلمة120", "كلمة199", "كلمة7"];
        let mut spans: Vec<Span> = words
            .iter()
            .map(|w| {
                match text
                    .find(&format!(" {w} "))
                    .or_else(|| text.find(&format!(" {w}\u{200f}")))
                {
                    Some(i) => Span::new(i + 1, i + 1 + w.len()),
                    None => panic!("{w}"),
                }
            })
            .collect();
        // A span over three lines, and one that ends at a line's end.
        let last = text.rfind("آخر").unwrap();
        spans.push(Span::new(spans[1].start as usize, last));
        let line_end = src.lines.line_span(&text, 1).end as usize;
        let six_before = text[..line_end].char_indices().rev().nth(5).map(|(i, _)| i).unwrap();
        spans.push(Span::new(six_before, line_end));
        // A place between a line's \r and its \n is shown at the line's end; and the text's end.
        let after_cr = Span::new(six_before, line_end + 1);
        let ex = Excerpt::new(&src, &[after_cr], &mut Positions::default());
        assert_eq!(ex.to_shown(line_end + 1), ex.to_shown(line_end));
        let at_end = Span::new(text.len() - "آخر".len(), text.len());
        let both = [
            Diagnostic::new("x", Severity::Info, after_cr, "m"),
            Diagnostic::new("y", Severity::Info, at_end, "m"),
        ];
        let out = rendered(&src, &both, false);
        assert!(
            out.contains("c.txt:2:") && out.contains("c.txt:4:1") && !out.contains("info[x] m"),
            "{out}"
        );
        for pick in [
            vec![0],
            vec![2, 3],
            vec![1, 5],
            vec![4, 6],
            vec![7],
            vec![8, 0],
            (0..spans.len()).collect(),
        ] {
            let chosen: Vec<Span> = pick.iter().map(|&i| spans[i]).collect();
            let ex = Excerpt::new(&src, &chosen, &mut Positions::default());
            for s in &chosen {
                let (a, b) = (ex.to_shown(s.start as usize), ex.to_shown(s.end as usize));
                assert_eq!(ex.to_original(a), s.start as usize);
                let line = src.lines.line_of(s.start as usize);
                assert_eq!(ex.line_index((), a).unwrap(), line);
                assert_eq!(ex.location((), a).unwrap().line_number, line + 1);
                if line == src.lines.line_of(s.end as usize) && s.len() < 2 * CONTEXT_CHARS {
                    assert_eq!(&ex.shown[a..b], visible(src.slice(*s)), "{pick:?}");
                }
            }
        }
    }
}
