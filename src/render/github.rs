//! `--format github`: GitHub Actions workflow commands, which the runner turns into annotations.
//! Properties and messages are escaped as the runner expects; a span over several lines gets no
//! columns (the runner rejects columns on multi-line annotations).

use super::Resolved;
use crate::diagnostic::Severity;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(findings: &[Resolved]) -> String {
    let mut out = String::new();
    for f in findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let position = if f.line == f.end_line {
            format!(
                "line={},col={},endLine={},endColumn={}",
                f.line, f.column, f.end_line, f.end_column
            )
        } else {
            format!("line={},endLine={}", f.line, f.end_line)
        };
        out.push_str(&format!(
            "::{level} file={},{position},title={}::{}\n",
            escape_property(&f.path),
            escape_property(&f.rule),
            escape_data(&super::text::visible(&f.message))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(escape_data("x\ny"), "x%0Ay");
    }
}
