//! `--format sarif`: SARIF 2.1.0, with every rule's metadata in `tool.driver.rules`. Columns are
//! stated as `unicodeCodePoints` (`run.columnKind`), the unit tadqiq counts in everywhere (a
//! character outside the BMP is one column, not two UTF-16 units; a leading BOM is not counted);
//! byte offsets are given too, in `region.byteOffset`/`byteLength`.
//!
//! Each result carries a `partialFingerprints` entry made of what a baseline keys on — path, rule,
//! the normalised text of the span and its occurrence — never the line, so that a code-scanning
//! service keeps tracking an alert when edits elsewhere move it.

use super::Resolved;
use crate::diagnostic::Severity;
use crate::rules::Registry;
use serde_json::{Value, json};
use std::collections::HashMap;

/// The paragraph under `## What it does` in a rule's documentation.
fn what_it_does(doc: &str) -> Option<&str> {
    let start = doc.find("## What it does\n")? + "## What it does\n".len();
    let rest = &doc[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    let text = rest[..end].trim();
    (!text.is_empty()).then_some(text)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf29ce484222325, |h, &b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: separators as `/`, and characters outside the unreserved
/// set percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The SARIF result of one finding. `seen` counts the findings with the same fingerprint key
/// (path, rule, normalised text) so far: the occurrence number keeps them apart.
fn result(registry: &Registry, seen: &mut HashMap<String, usize>, f: &Resolved) -> Value {
    let index = |id: &str| registry.rules().iter().position(|r| r.id() == id);
    let key = format!(
        "{}\0{}\0{}",
        crate::baseline::path_key(&f.path),
        f.rule,
        crate::baseline::normalise(&f.text)
    );
    let n = seen.entry(key.clone()).or_default();
    *n += 1;
    let fingerprint = format!("{:016x}", fnv1a(format!("{key}\0{n}").as_bytes()));
    let mut result = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&f.path) },
                "region": {
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": f.end_line,
                    "endColumn": f.end_column,
                    "byteOffset": f.byte_start,
                    "byteLength": f.byte_end - f.byte_start,
                    "snippet": { "text": f.text }
                }
            }
        }],
        "partialFingerprints": { "tadqiq/v1": fingerprint },
    });
    if let Some(i) = index(&f.rule) {
        result["ruleIndex"] = json!(i);
    }
    if !f.related.is_empty() {
        result["relatedLocations"] = Value::Array(
            f.related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    json!({
                        "id": i,
                        "message": { "text": r.message },
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(&f.path) },
                            "region": {
                                "startLine": r.line,
                                "startColumn": r.column,
                                "byteOffset": r.byte_start,
                                "byteLength": r.byte_end - r.byte_start
                            }
                        }
                    })
                })
                .collect(),
        );
    }
    if let Some(fix) = &f.fix {
        result["fixes"] = json!([{
            "description": { "text": if fix.safe { "safe fix" } else { "unsafe fix" } },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri(&f.path) },
                "replacements": [{
                    "deletedRegion": {
                        "byteOffset": fix.byte_start,
                        "byteLength": fix.byte_end - fix.byte_start
                    },
                    "insertedContent": { "text": fix.replacement }
                }]
            }]
        }]);
    }
    result
}

pub fn render(registry: &Registry, findings: &[Resolved], errors: &[super::json::FileError]) -> String {
    let rules: Vec<Value> = registry
        .rules()
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.id,
                "name": m.id,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": what_it_does(&m.doc).unwrap_or(&m.summary) },
                "help": { "text": m.doc, "markdown": m.doc },
                "defaultConfiguration": { "level": level(m.severity) },
                "properties": { "family": m.family, "tags": [m.family] }
            })
        })
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let results: Vec<Value> = findings.iter().map(|f| result(registry, &mut seen, f)).collect();
    let notifications: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", e.path, e.message) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&e.path) } } }]
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "tadqiq",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/tadqiq/tadqiq",
                    "rules": rules
                }
            },
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications
            }],
            "results": results
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The SARIF log written as the run goes. Its results come after the invocation (which says
/// whether every file could be read, known at the end), so they wait in a temporary file, not in
/// memory; the document is then [`render`]'s, byte for byte.
pub struct Stream {
    spool: std::io::BufWriter<std::fs::File>,
    written: usize,
    /// Fingerprint keys counted so far, for the file being written ([`result`]).
    seen: HashMap<String, usize>,
    /// Whose keys `seen` holds, and the keys of paths given more than once (kept to the end).
    path: Option<String>,
    repeated: std::collections::HashSet<String>,
    kept: HashMap<String, HashMap<String, usize>>,
}

impl Stream {
    /// `paths` are the display paths of every input, to tell which ones come back.
    pub fn start<'a>(paths: impl IntoIterator<Item = &'a str>) -> std::io::Result<Stream> {
        let mut once = std::collections::HashSet::new();
        let mut repeated = std::collections::HashSet::new();
        for p in paths {
            let k = crate::baseline::path_key(p);
            if !once.insert(k.clone()) {
                repeated.insert(k);
            }
        }
        Ok(Stream {
            spool: std::io::BufWriter::new(tempfile::tempfile()?),
            written: 0,
            seen: HashMap::new(),
            path: None,
            repeated,
            kept: HashMap::new(),
        })
    }

    pub fn push(&mut self, registry: &Registry, finding: &Resolved) -> std::io::Result<()> {
        let key = crate::baseline::path_key(&finding.path);
        if self.path.as_deref() != Some(key.as_str()) {
            // A new file: its keys cannot meet the last file's, unless a path comes back.
            let done = std::mem::take(&mut self.seen);
            if let Some(old) = self.path.take()
                && self.repeated.contains(&old)
            {
                self.kept.insert(old, done);
            }
            self.seen = self.kept.remove(&key).unwrap_or_default();
            self.path = Some(key);
        }
        let value = result(registry, &mut self.seen, finding);
        use std::io::Write;
        self.spool.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        super::json::write_nested(&mut self.spool, &value, 4)?;
        self.written += 1;
        Ok(())
    }

    pub fn finish(
        self,
        out: &mut impl std::io::Write,
        registry: &Registry,
        errors: &[super::json::FileError],
    ) -> std::io::Result<()> {
        use std::io::{Read, Seek};
        let doc = render(registry, &[], errors);
        const EMPTY: &str = "\"results\": []";
        let at = doc.find(EMPTY).unwrap_or(0) + EMPTY.len() - 1;
        out.write_all(&doc.as_bytes()[..at])?;
        let mut spool = self.spool.into_inner().map_err(|e| e.into_error())?;
        spool.rewind()?;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = spool.read(&mut buf)?;
            if n == 0 {
                break;
            }
            out.write_all(&buf[..n])?;
        }
        if self.written > 0 {
            out.write_all(b"\n      ]")?;
        } else {
            out.write_all(b"]")?;
        }
        out.write_all(&doc.as_bytes()[at + 1..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_writes_what_render_makes() {
        let src = SourceFile::new("a.txt", "كلمة كلمة كلمة".to_string());
        let other = SourceFile::new("b.txt", "كلمة".to_string());
        let d = |a: usize| Diagnostic::new("foreign-letter", Severity::Warning, Span::new(a, a + "كلمة".len()), "m");
        let all = [
            super::super::resolve(&src, &d(0)),
            super::super::resolve(&src, &d(9)),
            super::super::resolve(&other, &d(0)),
            // a.txt given twice: its keys go on counting.
            super::super::resolve(&src, &d(0)),
        ];
        let errors = [super::super::json::FileError {
            path: "c.txt".into(),
            message: "cannot read".into(),
            byte: None,
        }];
        let registry = Registry::builtin();
        for n in [0, 1, 4] {
            for errs in [&errors[..0], &errors[..]] {
                let mut s = Stream::start(["a.txt", "b.txt", "a.txt"]).unwrap();
                for f in &all[..n] {
                    s.push(&registry, f).unwrap();
                }
                let mut out = Vec::new();
                s.finish(&mut out, &registry, errs).unwrap();
                assert_eq!(String::from_utf8(out).unwrap(), render(&registry, &all[..n], errs));
            }
        }
    }

    use crate::diagnostic::Diagnostic;
    use crate::source::{SourceFile, Span};

    #[test]
    fn columns_are_code_points_and_fingerprints_ignore_lines() {
        let text = "\u{feff}😀 كلمة\nسطر 😀 كلمة";
        let src = SourceFile::new("a.txt", text.to_string());
        let at = text.rfind("كلمة").unwrap();
        let first = text.find("كلمة").unwrap();
        let d = |a: usize| Diagnostic::new("foreign-letter", Severity::Warning, Span::new(a, a + "كلمة".len()), "m");
        let findings = vec![
            super::super::resolve(&src, &d(first)),
            super::super::resolve(&src, &d(at)),
        ];
        let v: Value = serde_json::from_str(&render(&Registry::builtin(), &findings, &[])).unwrap();
        let run = &v["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let region = &run["results"][1]["locations"][0]["physicalLocation"]["region"];
        // "سطر 😀 " is six code points (eight UTF-16 units): the word starts in column 7.
        assert_eq!(
            (region["startLine"].as_u64(), region["startColumn"].as_u64()),
            (Some(2), Some(7))
        );
        assert_eq!(region["endColumn"], 11);
        // On line 1 the BOM is not counted: "😀 " is two code points.
        let region = &run["results"][0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startColumn"], 3);
        // Same key, two occurrences: distinct fingerprints; shifting lines would not change them.
        let fp = |i: usize| run["results"][i]["partialFingerprints"]["tadqiq/v1"].clone();
        assert_ne!(fp(0), fp(1));
        let moved = SourceFile::new("a.txt", format!("\n\n{text}"));
        let m = |a: usize| super::super::resolve(&moved, &d(a + 2));
        let v2: Value = serde_json::from_str(&render(&Registry::builtin(), &[m(first), m(at)], &[])).unwrap();
        assert_eq!(
            v2["runs"][0]["results"][1]["partialFingerprints"],
            run["results"][1]["partialFingerprints"]
        );
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("a b/مقال.md"), "a%20b/%D9%85%D9%82%D8%A7%D9%84.md");
    }
}
