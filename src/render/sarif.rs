//! `--format sarif`: SARIF 2.1.0, with every rule's metadata in `tool.driver.rules`. Columns are
//! stated as `unicodeCodePoints` (`run.columnKind`), the unit tadqiq counts in everywhere; byte
//! offsets are given too, in `region.byteOffset`/`byteLength`.

use super::Resolved;
use crate::diagnostic::Severity;
use crate::rules::Registry;
use serde_json::{Value, json};

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
                "fullDescription": { "text": m.summary },
                "help": { "text": m.doc, "markdown": m.doc },
                "defaultConfiguration": { "level": level(m.severity) },
                "properties": { "family": m.family, "tags": [m.family] }
            })
        })
        .collect();
    let index = |id: &str| registry.rules().iter().position(|r| r.id() == id);
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
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
        })
        .collect();
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
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("a b/مقال.md"), "a%20b/%D9%85%D9%82%D8%A7%D9%84.md");
    }
}
