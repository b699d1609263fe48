//! `--format github`: GitHub Actions workflow commands, which the runner turns into annotations.
//! Properties and messages are escaped as the runner expects; a span over several lines gets no
//! columns (the runner rejects columns on multi-line annotations).

use super::Resolved;
use crate::diagnostic::Severity;

/// Appends `s` escaped as the data of a workflow command (`%`, CR and LF), or, for a property
/// value, also `:` and `,`: one pass, each character escaped once.
fn push_escaped(out: &mut String, s: &str, property: bool) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'%' => "%25",
            b'\r' => "%0D",
            b'\n' => "%0A",
            b':' if property => "%3A",
            b',' if property => "%2C",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(escape);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

pub fn render(findings: &[Resolved]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for f in findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        out.push_str("::");
        out.push_str(level);
        out.push_str(" file=");
        push_escaped(&mut out, &f.path, true);
        // Writing to a String cannot fail.
        let _ = if f.line == f.end_line {
            write!(
                out,
                ",line={},col={},endLine={},endColumn={}",
                f.line, f.column, f.end_line, f.end_column
            )
        } else {
            write!(out, ",line={},endLine={}", f.line, f.end_line)
        };
        out.push_str(",title=");
        push_escaped(&mut out, &f.rule, true);
        out.push_str("::");
        push_escaped(&mut out, &super::text::visible(&f.message), false);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str, property: bool) -> String {
        let mut out = String::new();
        push_escaped(&mut out, s, property);
        out
    }

    #[test]
    fn escapes() {
        assert_eq!(escaped("a:b,c%", true), "a%3Ab%2Cc%25");
        assert_eq!(escaped("a:b,c%", false), "a:b,c%25");
        assert_eq!(escaped("x\ny\r\n%0A", false), "x%0Ay%0D%0A%250A");
        assert_eq!(escaped("قال: «نعم»,\n", true), "قال%3A «نعم»%2C%0A");
    }
}
