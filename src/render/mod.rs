//! Renderers: one file per output format. Each renders the findings of one file (so output can
//! be streamed file by file); JSON and SARIF also wrap the whole run.

pub mod concise;
pub mod github;
pub mod json;
pub mod sarif;
pub mod text;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
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
    let text = source.text.as_str();
    let (start, end) = source
        .lines
        .span_positions(text, d.span.start as usize, d.span.end as usize);
    Resolved {
        path: source.path.clone(),
        rule: d.rule.clone(),
        severity: d.severity,
        message: d.message.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_start: d.span.start,
        byte_end: d.span.end,
        text: source.slice(d.span).to_string(),
        related: d
            .related
            .iter()
            .map(|r| {
                let lc = source.lines.line_col(text, r.span.start as usize);
                ResolvedRelated {
                    line: lc.line,
                    column: lc.column,
                    byte_start: r.span.start,
                    byte_end: r.span.end,
                    message: r.message.clone(),
                }
            })
            .collect(),
        fix: d.fix.as_ref().map(|f| ResolvedFix {
            byte_start: f.span.start,
            byte_end: f.span.end,
            replacement: f.replacement.clone(),
            safe: f.safe,
        }),
        column_utf16: start.column_utf16,
        end_column_utf16: end.column_utf16,
    }
}
