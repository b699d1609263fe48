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
use serde::Serialize;
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

/// Starts counting fingerprint keys afresh when `finding` is of another file than the last one:
/// a run reports each file once, its findings together, so only the current file's keys are kept.
fn counting_for(seen: &mut HashMap<String, usize>, path: &mut Option<String>, finding: &Resolved) {
    if path.as_deref() != Some(finding.path.as_str()) {
        seen.clear();
        *path = Some(finding.path.clone());
    }
}

/// The SARIF result of one finding. `seen` counts the findings with the same fingerprint key
/// (path, rule, normalised text) so far: the occurrence number keeps them apart.
fn result<'f>(registry: &Registry, seen: &mut HashMap<String, usize>, f: &'f Resolved) -> SarifResult<'f> {
    let key = format!(
        "{}\0{}\0{}",
        crate::baseline::path_key(&f.path),
        f.rule,
        crate::baseline::normalise(&f.text)
    );
    let n = seen.entry(key.clone()).or_default();
    *n += 1;
    let fingerprint = format!("{:016x}", fnv1a(format!("{key}\0{n}").as_bytes()));
    let uri = uri(&f.path);
    let artifact = || ArtifactLocation { uri: uri.clone() };
    SarifResult {
        fixes: f.fix.as_ref().map(|fix| {
            [Fix {
                artifact_changes: [ArtifactChange {
                    artifact_location: artifact(),
                    replacements: [Replacement {
                        deleted_region: ByteRegion {
                            byte_length: fix.byte_end - fix.byte_start,
                            byte_offset: fix.byte_start,
                        },
                        inserted_content: Text { text: &fix.replacement },
                    }],
                }],
                description: Text {
                    text: if fix.safe { "safe fix" } else { "unsafe fix" },
                },
            }]
        }),
        level: level(f.severity),
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: artifact(),
                region: Region {
                    byte_length: f.byte_end - f.byte_start,
                    byte_offset: f.byte_start,
                    end_column: f.end_column,
                    end_line: f.end_line,
                    snippet: Text { text: &f.text },
                    start_column: f.column,
                    start_line: f.line,
                },
            },
        }],
        message: Text { text: &f.message },
        partial_fingerprints: Fingerprints { v1: fingerprint },
        related_locations: f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| RelatedLocation {
                id: i,
                message: Text { text: &r.message },
                physical_location: RelatedPhysicalLocation {
                    artifact_location: artifact(),
                    region: RelatedRegion {
                        byte_length: r.byte_end - r.byte_start,
                        byte_offset: r.byte_start,
                        start_column: r.column,
                        start_line: r.line,
                    },
                },
            })
            .collect(),
        rule_id: &f.rule,
        rule_index: registry.rules().iter().position(|r| r.id() == f.rule),
    }
}

// A result as typed structs, written straight out rather than built as a `serde_json::Value` and
// dropped (which cost more than the rest of a run's report). Fields are declared in the sorted
// order that `Value` maps give their keys, so that [`render`], which goes through `Value`, and
// [`Stream`] write the same bytes (a test compares them).

#[derive(Serialize)]
struct SarifResult<'f> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[Fix<'f>; 1]>,
    level: &'static str,
    locations: [Location<'f>; 1],
    message: Text<'f>,
    #[serde(rename = "partialFingerprints")]
    partial_fingerprints: Fingerprints,
    #[serde(rename = "relatedLocations", skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'f>>,
    #[serde(rename = "ruleId")]
    rule_id: &'f str,
    #[serde(rename = "ruleIndex", skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

#[derive(Serialize)]
struct Text<'f> {
    text: &'f str,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "tadqiq/v1")]
    v1: String,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
struct Fix<'f> {
    #[serde(rename = "artifactChanges")]
    artifact_changes: [ArtifactChange<'f>; 1],
    description: Text<'static>,
}

#[derive(Serialize)]
struct ArtifactChange<'f> {
    #[serde(rename = "artifactLocation")]
    artifact_location: ArtifactLocation,
    replacements: [Replacement<'f>; 1],
}

#[derive(Serialize)]
struct Replacement<'f> {
    #[serde(rename = "deletedRegion")]
    deleted_region: ByteRegion,
    #[serde(rename = "insertedContent")]
    inserted_content: Text<'f>,
}

#[derive(Serialize)]
struct ByteRegion {
    #[serde(rename = "byteLength")]
    byte_length: u32,
    #[serde(rename = "byteOffset")]
    byte_offset: u32,
}

#[derive(Serialize)]
struct Location<'f> {
    #[serde(rename = "physicalLocation")]
    physical_location: PhysicalLocation<'f>,
}

#[derive(Serialize)]
struct PhysicalLocation<'f> {
    #[serde(rename = "artifactLocation")]
    artifact_location: ArtifactLocation,
    region: Region<'f>,
}

#[derive(Serialize)]
struct Region<'f> {
    #[serde(rename = "byteLength")]
    byte_length: u32,
    #[serde(rename = "byteOffset")]
    byte_offset: u32,
    #[serde(rename = "endColumn")]
    end_column: usize,
    #[serde(rename = "endLine")]
    end_line: usize,
    snippet: Text<'f>,
    #[serde(rename = "startColumn")]
    start_column: usize,
    #[serde(rename = "startLine")]
    start_line: usize,
}

#[derive(Serialize)]
struct RelatedLocation<'f> {
    id: usize,
    message: Text<'f>,
    #[serde(rename = "physicalLocation")]
    physical_location: RelatedPhysicalLocation,
}

#[derive(Serialize)]
struct RelatedPhysicalLocation {
    #[serde(rename = "artifactLocation")]
    artifact_location: ArtifactLocation,
    region: RelatedRegion,
}

#[derive(Serialize)]
struct RelatedRegion {
    #[serde(rename = "byteLength")]
    byte_length: u32,
    #[serde(rename = "byteOffset")]
    byte_offset: u32,
    #[serde(rename = "startColumn")]
    start_column: usize,
    #[serde(rename = "startLine")]
    start_line: usize,
}

pub fn render(registry: &Registry, findings: &[Resolved], errors: &[super::json::FileError]) -> String {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut path = None;
    // Through `Value`, whose maps sort their keys: the order the result structs declare.
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            counting_for(&mut seen, &mut path, f);
            serde_json::to_value(result(registry, &mut seen, f)).unwrap_or_default()
        })
        .collect();
    let notifications: Vec<Value> = errors.iter().map(notification).collect();
    document(registry, results, notifications, errors.is_empty())
}

/// The notification of a file that could not be linted.
fn notification(e: &super::json::FileError) -> Value {
    json!({
        "level": "error",
        "message": { "text": format!("{}: {}", e.path, e.message) },
        "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&e.path) } } }]
    })
}

/// The SARIF log of a run, pretty-printed.
fn document(registry: &Registry, results: Vec<Value>, notifications: Vec<Value>, successful: bool) -> String {
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
                "executionSuccessful": successful,
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
    /// Whose keys `seen` holds.
    path: Option<String>,
}

impl Stream {
    pub fn start() -> std::io::Result<Stream> {
        Ok(Stream {
            spool: std::io::BufWriter::new(tempfile::tempfile()?),
            written: 0,
            seen: HashMap::new(),
            path: None,
        })
    }

    pub fn push(&mut self, registry: &Registry, finding: &Resolved) -> std::io::Result<()> {
        counting_for(&mut self.seen, &mut self.path, finding);
        let value = result(registry, &mut self.seen, finding);
        use std::io::Write;
        self.spool.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        super::json::write_nested(&mut self.spool, &value, 4)?;
        self.written += 1;
        Ok(())
    }

    /// Ends the log: the notifications of `errors` (in the order given; `failed` says whether
    /// there are any), then the results spooled.
    pub fn finish(
        self,
        out: &mut impl std::io::Write,
        registry: &Registry,
        errors: impl Iterator<Item = std::io::Result<super::json::FileError>>,
        failed: bool,
    ) -> std::io::Result<()> {
        use std::io::Seek;
        const NO_NOTIFICATIONS: &str = "\"toolExecutionNotifications\": []";
        const NO_RESULTS: &str = "\"results\": []";
        let doc = document(registry, Vec::new(), Vec::new(), !failed);
        let notes_at = doc.find(NO_NOTIFICATIONS).map_or(0, |i| i + NO_NOTIFICATIONS.len() - 1);
        let results_at = doc.find(NO_RESULTS).map_or(notes_at, |i| i + NO_RESULTS.len() - 1);
        out.write_all(&doc.as_bytes()[..notes_at])?;
        let mut notes = 0;
        for error in errors {
            out.write_all(if notes == 0 { b"\n" } else { b",\n" })?;
            super::json::write_nested(out, &notification(&error?), 6)?;
            notes += 1;
        }
        if notes > 0 {
            out.write_all(b"\n          ")?;
        }
        out.write_all(&doc.as_bytes()[notes_at..results_at])?;
        let mut spool = self.spool.into_inner().map_err(|e| e.into_error())?;
        spool.rewind()?;
        std::io::copy(&mut spool, out)?;
        if self.written > 0 {
            out.write_all(b"\n      ")?;
        }
        out.write_all(&doc.as_bytes()[results_at..])
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
        // With a fix and a related place too: every field of a result, in the order it is written.
        let full = d(9)
            .with_related(Span::new(0, 8), "here")
            .with_related(Span::new(18, 26), "and \"here\"")
            .with_fix(crate::diagnostic::Fix::safe(Span::new(9, 17), "كلمه"));
        let all = [
            super::super::resolve(&src, &d(0)),
            super::super::resolve(&src, &full),
            super::super::resolve(&other, &d(0)),
            // Another a.txt (two files that display alike): its keys are counted afresh.
            super::super::resolve(&src, &d(0)),
        ];
        let error = |path: &str| super::super::json::FileError {
            path: path.into(),
            message: "cannot read".into(),
            byte: None,
        };
        let errors = [error("c.txt"), error("d e.txt")];
        let registry = Registry::builtin();
        for n in [0, 1, 4] {
            for errs in [&errors[..0], &errors[..1], &errors[..]] {
                let mut s = Stream::start().unwrap();
                for f in &all[..n] {
                    s.push(&registry, f).unwrap();
                }
                let mut out = Vec::new();
                s.finish(&mut out, &registry, errs.iter().cloned().map(Ok), !errs.is_empty())
                    .unwrap();
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
