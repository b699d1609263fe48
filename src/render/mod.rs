//! Renderers: one file per output format. Each renders the findings of one file (so output can
//! be streamed file by file); JSON and SARIF also wrap the whole run.

pub mod concise;
pub mod github;
pub mod json;
pub mod sarif;
pub mod text;

use crate::diagnostic::Diagnostic;
use crate::source::{Position, SourceFile};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Concise,
    Json,
    Sarif,
    Github,
}

/// A finding with its positions resolved against its file: what every renderer needs, and all
/// that is kept of a file once it has been linted.
#[derive(Clone, Debug, Serialize)]
pub struct Resolved {
    pub path: String,
    pub rule: String,
    pub severity: crate::diagnostic::Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: u32,
    pub byte_end: u32,
    pub text: String,
    pub related: Vec<ResolvedRelated>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<ResolvedFix>,
    /// Columns in UTF-16 code units (SARIF's unit), not serialised in JSON.
    #[serde(skip)]
    pub column_utf16: usize,
    #[serde(skip)]
    pub end_column_utf16: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct ResolvedRelated {
    pub line: usize,
    pub column: usize,
    pub byte_start: u32,
    pub byte_end: u32,
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ResolvedFix {
    pub byte_start: u32,
    pub byte_end: u32,
    pub replacement: String,
    pub safe: bool,
}

pub fn resolve(source: &SourceFile, d: &Diagnostic) -> Resolved {
    resolve_from(source, d.clone(), &mut Positions::default())
}

/// Resolves a file's findings (sorted by where they start), taking their messages and fixes
/// over rather than copying them: each place is counted on from the nearest finding start before
/// it on its line.
pub fn resolve_all(source: &SourceFile, diags: Vec<Diagnostic>) -> Vec<Resolved> {
    let mut known = Positions::default();
    diags.into_iter().map(|d| resolve_from(source, d, &mut known)).collect()
}

/// The positions of places in one file, each counted on from the nearest place already known
/// before it on its line: crawled bodies sit on one long line, and counting from its start for
/// every finding and every related place made a long file quadratic.
#[derive(Default)]
pub(crate) struct Positions(Vec<(usize, Position)>);

impl Positions {
    /// The position of `offset` (a char boundary of `source`).
    pub(crate) fn at(&self, source: &SourceFile, offset: usize) -> Position {
        let known = &self.0[..self.0.partition_point(|k| k.0 <= offset)];
        match known.last() {
            Some(&k) => source.lines.position_from(&source.text, k, offset),
            None => source.lines.position(&source.text, offset),
        }
    }

    /// As [`Self::at`], and known from now on (places after the last one known; others are
    /// counted but not kept, which keeps the list in order).
    pub(crate) fn learn(&mut self, source: &SourceFile, offset: usize) -> Position {
        let p = self.at(source, offset);
        if self.0.last().is_none_or(|k| k.0 < offset) {
            self.0.push((offset, p));
        }
        p
    }
}

/// Resolves a finding, its places counted through `known`, which learns its start.
fn resolve_from(source: &SourceFile, d: Diagnostic, known: &mut Positions) -> Resolved {
    let text = source.text.as_str();
    let lines = &source.lines;
    let (start_offset, end_offset) = (d.span.start as usize, d.span.end as usize);
    let start = known.learn(source, start_offset);
    let end = lines.position_from(text, (start_offset, start), end_offset);
    Resolved {
        path: source.path.clone(),
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_start: d.span.start,
        byte_end: d.span.end,
        text: source.slice(d.span).to_string(),
        related: d
            .related
            .into_iter()
            .map(|r| {
                let at = known.at(source, r.span.start as usize);
                ResolvedRelated {
                    line: at.line,
                    column: at.column,
                    byte_start: r.span.start,
                    byte_end: r.span.end,
                    message: r.message,
                }
            })
            .collect(),
        fix: d.fix.map(|f| ResolvedFix {
            byte_start: f.span.start,
            byte_end: f.span.end,
            replacement: f.replacement,
            safe: f.safe,
        }),
        column_utf16: start.column_utf16,
        end_column_utf16: end.column_utf16,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::source::Span;

    /// Counting each place on from the findings before gives what resolving each finding alone
    /// gives: spans and related places on one line and across lines, at the BOM, in any order, and
    /// with every width of character.
    #[test]
    fn findings_resolved_together_match_findings_resolved_alone() {
        let text = "\u{feff}سَلامٌ عليكم 😀 𝑥 ok\r\nعلى السطر الثاني 🇸🇦 end\n\nأخير".to_string();
        let source = SourceFile::new("t.txt", text.clone());
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut spans: Vec<Span> = bounds
            .iter()
            .zip(bounds.iter().skip(3))
            .map(|(&a, &b)| Span::new(a, b))
            .collect();
        // Out of order too: a finding before the one resolved last starts afresh.
        spans.push(Span::new(0, bounds[2]));
        spans.push(Span::new(bounds[5], text.len()));
        // Each with related places before and after it, on its line and on others.
        let diags: Vec<Diagnostic> = spans
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                let before = bounds[i / 2];
                let after = bounds[(i + 7).min(bounds.len() - 1)];
                Diagnostic::new("r", Severity::Info, s, "m")
                    .with_related(Span::new(before, before), "earlier")
                    .with_related(Span::new(after, after), "later")
            })
            .collect();
        let together: Vec<String> = resolve_all(&source, diags.clone())
            .iter()
            .map(|r| format!("{r:?}"))
            .collect();
        let alone: Vec<String> = diags.iter().map(|d| format!("{:?}", resolve(&source, d))).collect();
        assert_eq!(together, alone);
    }
}
