//! `--format json`: one object for the whole run, as the contract fixes it.

use super::Resolved;
use serde::Serialize;

#[derive(Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byte: Option<usize>,
}

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    files: usize,
    diagnostics: &'a [Resolved],
    errors: &'a [FileError],
    #[serde(skip_serializing_if = "Option::is_none")]
    statistics: Option<&'a std::collections::BTreeMap<String, usize>>,
}

pub fn render(
    files: usize,
    diagnostics: &[Resolved],
    errors: &[FileError],
    statistics: Option<&std::collections::BTreeMap<String, usize>>,
) -> String {
    let report = Report {
        version: 1,
        files,
        diagnostics,
        errors,
        statistics,
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
