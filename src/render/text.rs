//! The human format, through codespan-reporting. Usable in a right-to-left terminal: every finding
//! shows path:line:column and its message quotes the offending text (a caret under Arabic may
//! land in the wrong place, the quote never does); bidi controls in snippets are shown as visible
//! placeholders such as ⟨RLM⟩ so that they cannot reorder the snippet.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use crate::text::chars::{invisible_name, is_bidi_control};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files, Location};
use codespan_reporting::term::{self, termcolor::Buffer};
use std::ops::Range;

/// The file as shown: bidi controls replaced by placeholders, with a map between offsets.
struct DisplayFile<'a> {
    source: &'a SourceFile,
    display: String,
    line_starts: Vec<usize>,
    /// (original offset, display offset) at every replacement, ascending.
    shifts: Vec<(usize, usize)>,
}

impl<'a> DisplayFile<'a> {
    fn new(source: &'a SourceFile) -> Self {
        let text = source.text.as_str();
        let mut display = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        for (i, c) in text.char_indices() {
            if is_bidi_control(c) {
                shifts.push((i, display.len()));
                display.push('⟨');
                display.push_str(invisible_name(c));
                display.push('⟩');
                shifts.push((i + c.len_utf8(), display.len()));
            } else {
                display.push(c);
            }
        }
        let mut line_starts = vec![0];
        line_starts.extend(display.match_indices('\n').map(|(i, _)| i + 1));
        DisplayFile {
            source,
            display,
            line_starts,
            shifts,
        }
    }

    fn to_display(&self, orig: usize) -> usize {
        match self.shifts.partition_point(|&(o, _)| o <= orig) {
            0 => orig,
            i => {
                let (o, d) = self.shifts[i - 1];
                d + (orig - o)
            }
        }
    }

    fn to_original(&self, disp: usize) -> usize {
        match self.shifts.partition_point(|&(_, d)| d <= disp) {
            0 => disp,
            i => {
                let (o, d) = self.shifts[i - 1];
                o + disp.saturating_sub(d)
            }
        }
    }
}

impl<'a> Files<'a> for DisplayFile<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(&self.source.path)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(&self.display)
    }

    fn line_index(&'a self, _: (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.line_starts.partition_point(|&s| s <= byte_index).saturating_sub(1))
    }

    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let start = *self.line_starts.get(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: self.line_starts.len() - 1,
        })?;
        let end = self
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(self.display.len());
        Ok(start..end)
    }

    fn location(&'a self, _: (), byte_index: usize) -> Result<Location, FilesError> {
        let orig = self.to_original(byte_index).min(self.source.text.len());
        let lc = self.source.lines.line_col(&self.source.text, orig);
        Ok(Location {
            line_number: lc.line,
            column_number: lc.column,
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

/// Renders the findings of one file.
pub fn render_file(source: &SourceFile, diags: &[Diagnostic], color: bool) -> String {
    if diags.is_empty() {
        return String::new();
    }
    let file = DisplayFile::new(source);
    let config = term::Config {
        before_label_lines: 0,
        after_label_lines: 0,
        ..term::Config::default()
    };
    let mut buf = if color { Buffer::ansi() } else { Buffer::no_color() };
    for d in diags {
        let range = |s: crate::source::Span| file.to_display(s.start as usize)..file.to_display(s.end as usize);
        let mut labels = vec![Label::primary((), range(d.span))];
        for r in &d.related {
            labels.push(Label::secondary((), range(r.span)).with_message(r.message.clone()));
        }
        let mut notes = Vec::new();
        if let Some(fix) = &d.fix {
            let kind = if fix.safe { "safe" } else { "unsafe" };
            let what = if fix.replacement.is_empty() {
                "delete it".to_string()
            } else {
                format!("replace with «{}»", visible(&fix.replacement))
            };
            notes.push(format!("fix ({kind}): {what}"));
        }
        let cs = CsDiagnostic::new(severity(d.severity))
            .with_code(d.rule.clone())
            .with_message(visible(&d.message))
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
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

/// Replaces bidi controls in a message with visible placeholders.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_bidi_control(c) {
            out.push('⟨');
            out.push_str(invisible_name(c));
            out.push('⟩');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn bidi_controls_become_placeholders_and_positions_hold() {
        let src = SourceFile::new("a.txt", "قال\u{200F} الوزير كلمة".to_string());
        let at = src.text.find("كلمة").unwrap();
        let d = Diagnostic::new("x", Severity::Warning, Span::new(at, at + "كلمة".len()), "m");
        let out = render_file(&src, &[d], false);
        assert!(out.contains("⟨RLM⟩"), "{out}");
        assert!(!out.contains('\u{200F}'));
        // كلمة is the 13th character: the RLM counts as one column in the file.
        assert!(out.contains("a.txt:1:13"), "{out}");
    }
}
