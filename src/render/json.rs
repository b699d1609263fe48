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

/// Writes `value` pretty-printed as an element of an array `level` levels deep in a
/// pretty-printed document: byte for byte what serde_json's pretty printer writes for it there.
pub(crate) fn write_nested(out: &mut impl std::io::Write, value: &impl Serialize, level: usize) -> std::io::Result<()> {
    indent(out, level)?;
    let mut ser = serde_json::Serializer::with_formatter(out, Nested::at(level));
    value.serialize(&mut ser).map_err(std::io::Error::other)
}

/// Two spaces a level, as serde_json's pretty printer indents.
fn indent<W: ?Sized + std::io::Write>(w: &mut W, level: usize) -> std::io::Result<()> {
    for _ in 0..level {
        w.write_all(b"  ")?;
    }
    Ok(())
}

/// serde_json's pretty layout (two spaces a level) for a value that sits `level` levels deep in
/// a larger document: every line it breaks starts that much further in. Writing straight to the
/// output this way costs less than laying the value out alone and indenting its lines after.
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn at(level: usize) -> Self {
        Nested {
            level,
            has_value: false,
        }
    }

    fn line<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        indent(w, self.level)
    }

    /// An array or object opens one level deeper.
    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// It closes on a line of its own, unless it is empty.
    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(w)?;
        }
        w.write_all(bracket)
    }

    /// Each element or key starts a line, after a comma unless it is the first.
    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.line(w)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The JSON report written as the run goes: the head (version, file count) first, each finding
/// as its file is done, the errors and statistics at the end; byte for byte what [`render`] makes
/// of the same findings, without holding them all.
pub struct Stream {
    files: usize,
    written: usize,
}

/// Where the findings go in the document [`render`] makes of none.
const EMPTY_LIST: &str = "\"diagnostics\": []";

impl Stream {
    pub fn start(out: &mut impl std::io::Write, files: usize) -> std::io::Result<Stream> {
        let empty = render(files, &[], &[], None);
        let at = empty.find(EMPTY_LIST).unwrap_or(0) + EMPTY_LIST.len() - 1;
        out.write_all(&empty.as_bytes()[..at])?;
        Ok(Stream { files, written: 0 })
    }

    pub fn push(&mut self, out: &mut impl std::io::Write, finding: &Resolved) -> std::io::Result<()> {
        out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        write_nested(out, finding, 2)?;
        self.written += 1;
        Ok(())
    }

    pub fn finish(
        self,
        out: &mut impl std::io::Write,
        errors: &[FileError],
        statistics: Option<&std::collections::BTreeMap<String, usize>>,
    ) -> std::io::Result<()> {
        let tail = render(self.files, &[], errors, statistics);
        let at = tail.find(EMPTY_LIST).map_or(0, |i| i + EMPTY_LIST.len());
        if self.written > 0 {
            out.write_all(b"\n  ]")?;
        } else {
            out.write_all(b"]")?;
        }
        out.write_all(&tail.as_bytes()[at..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    /// Findings alternate between one with a related place and no fix, and one with a fix and
    /// no related place (an empty array and a nested object).
    fn finding(n: u32) -> Resolved {
        let odd = n % 2 == 1;
        Resolved {
            path: format!("a/{n}.txt"),
            rule: "tatweel".into(),
            severity: Severity::Warning,
            message: format!("«x{n}»\nsecond line"),
            line: 1,
            column: 2,
            end_line: 1,
            end_column: 3,
            byte_start: n,
            byte_end: n + 2,
            text: "ـ".into(),
            related: if odd {
                Vec::new()
            } else {
                vec![super::super::ResolvedRelated {
                    line: 1,
                    column: 1,
                    byte_start: 0,
                    byte_end: 1,
                    message: "here".into(),
                }]
            },
            fix: odd.then(|| super::super::ResolvedFix {
                byte_start: n,
                byte_end: n + 2,
                replacement: String::new(),
                safe: true,
            }),
            column_utf16: 0,
            end_column_utf16: 0,
        }
    }

    #[test]
    fn the_stream_writes_what_render_makes() {
        let errors = [FileError {
            path: "b.txt".into(),
            message: "cannot read".into(),
            byte: Some(3),
        }];
        let mut stats = std::collections::BTreeMap::new();
        stats.insert("tatweel".to_string(), 2usize);
        for n in [0, 1, 3] {
            let all: Vec<Resolved> = (0..n).map(finding).collect();
            for (errs, st) in [(&errors[..0], None), (&errors[..], Some(&stats))] {
                let mut out = Vec::new();
                let mut s = Stream::start(&mut out, 7).unwrap();
                for f in &all {
                    s.push(&mut out, f).unwrap();
                }
                s.finish(&mut out, errs, st).unwrap();
                assert_eq!(String::from_utf8(out).unwrap(), render(7, &all, errs, st));
            }
        }
    }
}
