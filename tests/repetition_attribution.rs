//! The founding example (fixtures/alwasat-4758.txt) through the built binary: the repetition,
//! attribution and repeated-punctuation findings it must give, line by line, and none it must not.

use serde_json::Value;
use std::process::Command;

const RULES: &str =
    "duplicate-paragraph,repeated-sentence,doubled-word,doubled-verb,redundant-ba,qala-inna,repeated-punctuation";

fn findings() -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .args(["check", "--format", "json", "--no-color", "--select", RULES])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/alwasat-4758.txt"))
        .output()
        .expect("tadqiq runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    json["diagnostics"].as_array().expect("diagnostics").clone()
}

/// (rule, line, text, first related line) of every finding.
fn summary(diags: &[Value]) -> Vec<(String, u64, String, Option<u64>)> {
    diags
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
                d["text"].as_str().unwrap_or_default().to_string(),
                d["related"]
                    .as_array()
                    .and_then(|r| r.first())
                    .and_then(|r| r["line"].as_u64()),
            )
        })
        .collect()
}

#[test]
fn founding_example_findings_by_line() {
    let diags = findings();
    let got = summary(&diags);
    let has = |rule: &str, line: u64, text: &str, related: Option<u64>| {
        got.iter()
            .any(|(r, l, t, rel)| r == rule && *l == line && t == text && (related.is_none() || *rel == related))
    };
    let line13 = "وأفاد البيت الأبيض الأربعاء 16 أيلول/سبتمبر أنه يرحب بأي دعم روسي للتحالف في محاربة تنظيم \"داعش\" الإرهابي، مشيرا إلى أن الجهود التي تبذلها موسكو لدعم الرئيس السوري لن تكون مثمرة.";
    assert!(has("duplicate-paragraph", 13, line13, Some(9)), "{got:#?}");
    assert!(
        has(
            "repeated-sentence",
            15,
            "دعم روسيا للرئيس السوري بشار الأسد قد يفاقم الصراع في سوريا",
            Some(11)
        ),
        "{got:#?}"
    );
    assert!(
        has("doubled-verb", 35, "أفاد الرئيس الأمريكي باراك أوباما أكد", None),
        "{got:#?}"
    );
    assert!(has("redundant-ba", 35, "بأن", None), "{got:#?}");
    assert!(has("redundant-ba", 25, "بأنه", None), "{got:#?}");
    assert!(has("repeated-punctuation", 37, "..", None), "{got:#?}");
    assert_eq!(got.len(), 6, "no other finding of these rules: {got:#?}");
    assert!(
        !got.iter().any(|(r, l, _, _)| r == "doubled-verb" && *l < 35),
        "no doubled-verb before line 35: {got:#?}"
    );
}

#[test]
fn duplicate_paragraph_shows_the_word_diff() {
    let diags = findings();
    let dup = diags
        .iter()
        .find(|d| d["rule"] == "duplicate-paragraph")
        .expect("duplicate-paragraph finding");
    let note = dup["related"][0]["message"].as_str().unwrap_or_default();
    for part in [
        "[-أفاد-]{+وأفاد+}",
        "[-أمس-]",
        "[-التنظيم الإرهابي-]{+تنظيم+}",
        "{+الإرهابي+}",
    ] {
        assert!(note.contains(part), "{part} missing from {note}");
    }
    assert!(note.chars().count() < 300, "note stays short: {note}");
}
