//! `--format json`: one object for the whole run, as the contract fixes it.

use super::Resolved;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
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

/// Two spaces a level, as serde_json's pretty printer indents: a slice of spaces kept for the
/// usual depths.
fn indentation(level: usize) -> std::borrow::Cow<'static, [u8]> {
    const SPACES: &[u8] = b"                        ";
    match SPACES.get(..2 * level) {
        Some(spaces) => std::borrow::Cow::Borrowed(spaces),
        None => std::borrow::Cow::Owned(vec![b' '; 2 * level]),
    }
}

fn indent<W: ?Sized + std::io::Write>(w: &mut W, level: usize) -> std::io::Result<()> {
    w.write_all(&indentation(level))
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

    pub fn push(&mut self, out: &mut Vec<u8>, finding: &Resolved) {
        out.extend_from_slice(if self.written == 0 { b"\n" } else { b",\n" });
        write_finding(out, finding);
        self.written += 1;
    }

    /// Ends the report with `errors` (in the order given) and the statistics.
    pub fn finish(
        self,
        out: &mut impl std::io::Write,
        errors: impl Iterator<Item = std::io::Result<FileError>>,
        statistics: Option<&std::collections::BTreeMap<String, usize>>,
    ) -> std::io::Result<()> {
        const NO_ERRORS: &str = "\"errors\": []";
        let tail = render(self.files, &[], &[], statistics);
        let from = tail.find(EMPTY_LIST).map_or(0, |i| i + EMPTY_LIST.len());
        let at = tail.find(NO_ERRORS).map_or(from, |i| i + NO_ERRORS.len() - 1);
        if self.written > 0 {
            out.write_all(b"\n  ]")?;
        } else {
            out.write_all(b"]")?;
        }
        out.write_all(&tail.as_bytes()[from..at])?;
        let mut written = 0;
        for error in errors {
            out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
            write_nested(out, &error?, 2)?;
            written += 1;
        }
        if written > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(&tail.as_bytes()[at..])
    }
}

/// A finding as an element of the report's `diagnostics` array, byte for byte what serde_json's
/// pretty printer writes there (the tests compare the two). Written by hand because reports run
/// to thousands of findings and serde_json looks at every byte of a string on its own; here a
/// string is checked sixteen bytes at a time and copied whole when it needs no escape, as almost
/// all do.
fn write_finding(out: &mut Vec<u8>, f: &Resolved) {
    const LEVEL: usize = 2;
    indent_bytes(out, LEVEL);
    let mut o = Object::open(out, LEVEL);
    o.str("path", &f.path);
    o.str("rule", &f.rule);
    o.str("severity", f.severity.as_str());
    o.str("message", &f.message);
    o.num("line", f.line as u64);
    o.num("column", f.column as u64);
    o.num("end_line", f.end_line as u64);
    o.num("end_column", f.end_column as u64);
    o.num("byte_start", f.byte_start.into());
    o.num("byte_end", f.byte_end.into());
    o.str("text", &f.text);
    o.key("related");
    if f.related.is_empty() {
        o.out.extend_from_slice(b"[]");
    } else {
        o.out.push(b'[');
        for (i, r) in f.related.iter().enumerate() {
            o.out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            indent_bytes(o.out, LEVEL + 2);
            let mut ro = Object::open(o.out, LEVEL + 2);
            ro.num("line", r.line as u64);
            ro.num("column", r.column as u64);
            ro.num("byte_start", r.byte_start.into());
            ro.num("byte_end", r.byte_end.into());
            ro.str("message", &r.message);
            ro.close();
        }
        o.out.push(b'\n');
        indent_bytes(o.out, LEVEL + 1);
        o.out.push(b']');
    }
    if let Some(fix) = &f.fix {
        o.key("fix");
        let mut fo = Object::open(o.out, LEVEL + 1);
        fo.num("byte_start", fix.byte_start.into());
        fo.num("byte_end", fix.byte_end.into());
        fo.str("replacement", &fix.replacement);
        fo.key("safe");
        fo.out.extend_from_slice(if fix.safe { b"true" } else { b"false" });
        fo.close();
    }
    o.close();
}

#[inline(always)]
fn indent_bytes(out: &mut Vec<u8>, level: usize) {
    out.extend_from_slice(&indentation(level));
}

/// A pretty-printed object being written `level` levels deep: each member on a line of its own,
/// one level further in.
struct Object<'o> {
    out: &'o mut Vec<u8>,
    level: usize,
    empty: bool,
}

impl<'o> Object<'o> {
    #[inline(always)]
    fn open(out: &'o mut Vec<u8>, level: usize) -> Self {
        out.push(b'{');
        Object {
            out,
            level,
            empty: true,
        }
    }

    /// A member's key: one of the names above, none of which needs an escape.
    #[inline(always)]
    fn key(&mut self, name: &str) {
        self.out.extend_from_slice(if self.empty { b"\n" } else { b",\n" });
        self.empty = false;
        indent_bytes(self.out, self.level + 1);
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    #[inline(always)]
    fn str(&mut self, name: &str, value: &str) {
        self.key(name);
        write_str(self.out, value);
    }

    #[inline(always)]
    fn num(&mut self, name: &str, value: u64) {
        self.key(name);
        self.out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    #[inline(always)]
    fn close(self) {
        if !self.empty {
            self.out.push(b'\n');
            indent_bytes(self.out, self.level);
        }
        self.out.push(b'}');
    }
}

/// A JSON string, escaped as serde_json escapes it: `"`, `\\` and the control characters below
/// U+0020 (the usual ones by letter, the rest as `\u00xx`), nothing else.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.push(b'"');
    // Runs between escapes are copied whole; a multi-line text has one escape per line.
    let mut run = 0;
    while let Some(at) = first_escaped(&bytes[run..]).map(|i| run + i) {
        out.extend_from_slice(&bytes[run..at]);
        run = at + 1;
        match bytes[at] {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            b => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xF)]);
            }
        }
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

fn escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The first byte that needs an escape, found sixteen bytes at a time (the compiler turns each
/// block's test into a few vector compares); the last few bytes are tested as a block padded
/// with spaces.
fn first_escaped(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 16;
    let block = |c: &[u8; BLOCK]| c.iter().fold(false, |any, &b| any | escaped(b));
    let in_block = |c: &[u8]| c.iter().position(|&b| escaped(b));
    let mut blocks = bytes.chunks_exact(BLOCK);
    for (k, c) in blocks.by_ref().enumerate() {
        if <&[u8; BLOCK]>::try_from(c).map_or(true, block) {
            return in_block(c).map(|i| k * BLOCK + i);
        }
    }
    let rest = blocks.remainder();
    let mut last = [b' '; BLOCK];
    last[..rest.len()].copy_from_slice(rest);
    if block(&last) {
        in_block(rest).map(|i| bytes.len() - rest.len() + i)
    } else {
        None
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
    fn indentation_is_two_spaces_a_level_at_any_depth() {
        for level in [0, 1, 5, 12, 13, 40] {
            assert_eq!(*indentation(level), *vec![b' '; 2 * level], "{level}");
        }
    }

    #[test]
    fn the_stream_writes_what_render_makes() {
        let errors = [
            FileError {
                path: "b.txt".into(),
                message: "cannot read".into(),
                byte: Some(3),
            },
            FileError {
                path: "c.txt".into(),
                message: "no such file or folder".into(),
                byte: None,
            },
        ];
        let mut stats = std::collections::BTreeMap::new();
        stats.insert("tatweel".to_string(), 2usize);
        for n in [0, 1, 3] {
            let all: Vec<Resolved> = (0..n).map(finding).collect();
            for (errs, st) in [(&errors[..0], None), (&errors[..1], None), (&errors[..], Some(&stats))] {
                let mut out = Vec::new();
                let mut s = Stream::start(&mut out, 7).unwrap();
                for f in &all {
                    s.push(&mut out, f);
                }
                s.finish(&mut out, errs.iter().cloned().map(Ok), st).unwrap();
                assert_eq!(String::from_utf8(out).unwrap(), render(7, &all, errs, st));
            }
        }
    }

    /// Every string field, with every ASCII byte (the control characters, the quote and the
    /// backslash among them) at the start, at the end and on each side of a sixteen-byte block's
    /// edge, after and before Arabic with tashkeel, tatweel and a bidi mark: what the hand-written writer makes is what serde_json makes.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all = Vec::new();
        const ASCII: &str = "abcdefghijklmnopqrstuvwxyzABCDEF";
        const ARABIC: &str = "سَلامٌ\u{200f}ـتم";
        for byte in 0u8..0x80 {
            let places = [0usize, 1, 15, 16, 17, 31].into_iter();
            for (at, before, after) in places.flat_map(|at| [(at, "", ARABIC), (at, ARABIC, ""), (at, "", "")]) {
                let one = format!("{before}{}{}{after}", &ASCII[..at], char::from(byte));
                // Several escapes in one string too, a line apart as in a multi-line fix.
                for s in [one.clone(), format!("{one}\n{one}\"{one}")] {
                    let mut f = finding(u32::from(byte));
                    f.path = s.clone();
                    f.rule = s.clone();
                    f.message = s.clone();
                    f.text = s.clone();
                    if let Some(r) = f.related.first_mut() {
                        r.message = s.clone();
                    }
                    if let Some(fix) = &mut f.fix {
                        fix.replacement = s.clone();
                    }
                    all.push(f);
                }
            }
        }
        let mut out = Vec::new();
        let mut stream = Stream::start(&mut out, all.len()).unwrap();
        for f in &all {
            stream.push(&mut out, f);
        }
        stream.finish(&mut out, std::iter::empty(), None).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), render(all.len(), &all, &[], None));
    }
}
