//! tadqiq (تدقيق): an editorial consistency linter for Arabic news articles.
//!
//! The pipeline runs one way, each stage in one module:
//!
//! ```text
//! bytes ─▶ source::SourceFile (path, text, line index)
//!       ─▶ document::Document (paragraphs → sentences → tokens, folded forms, quote pairs)
//!       ─▶ rules (each reads the shared Document)
//!       ─▶ diagnostic::Diagnostic (rule, severity, message, span, related spans, fix)
//!       ─▶ render (text, concise, json, sarif, github) and fixes (--fix, --diff)
//! ```
//!
//! Offsets are byte offsets into the file as read; lines and columns are computed only at the
//! edge, in `source::LineIndex`.

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fsutil;
pub mod lint;
pub mod render;
pub mod rules;
pub mod source;
pub mod spill;
pub mod text;
