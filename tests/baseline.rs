//! `--write-baseline` / `--baseline` through the real binary: findings recorded today stay quiet
//! when the file is edited elsewhere (lines shift), and only new findings are reported — a second
//! copy of an old finding included.

use std::path::Path;
use std::process::{Command, Output};

fn tadqiq(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .current_dir(dir)
        .args(args)
        .env("CI", "true")
        .output()
        .expect("run tadqiq")
}

fn diagnostics(out: &Output) -> Vec<(String, String, u64)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["text"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

const ARTICLE: &str = "---\ntitle: \"الحكومة تقر الميزانية\"\ndate: 2024-01-02\n---\n\nقال الوزير إن الکتاب الأبيض صدر أمس.\n\nوقال المتحدث «نعم ثم غادر القاعة.\n";

#[test]
fn baseline_reports_only_new_findings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::create_dir(d.join("news")).expect("mkdir");
    std::fs::write(d.join("news/a.md"), ARTICLE).expect("write");

    // Today's findings exist…
    let out = tadqiq(d, &["check", "news", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(diagnostics(&out).len(), 2, "{}", String::from_utf8_lossy(&out.stdout));

    // …and are recorded: the run reports nothing and succeeds.
    let out = tadqiq(
        d,
        &["check", "news", "--format", "json", "--write-baseline", "baseline.json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(diagnostics(&out).is_empty());
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("baseline.json")).expect("baseline written"))
            .expect("baseline is JSON");
    assert_eq!(recorded["version"], 2);
    let entries = recorded["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| e["path"] == "news/a.md" && e["count"] == 1));
    assert!(entries.iter().all(|e| e.get("line").is_none()));

    // An edit elsewhere shifts every line: nothing new.
    let edited = ARTICLE.replace("---\n\n", "---\n\nفقرة جديدة في أول المقال.\n\nوفقرة ثانية.\n\n");
    std::fs::write(d.join("news/a.md"), &edited).expect("write");
    let out = tadqiq(d, &["check", "news", "--format", "json", "--baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(diagnostics(&out).is_empty());

    // A new problem, and a second copy of an old one: both reported, nothing else.
    let worse = format!("{edited}\nوأضاف أن الکتاب سيوزع، وأن الوزیر سيحضر.\n");
    std::fs::write(d.join("news/a.md"), &worse).expect("write");
    let out = tadqiq(d, &["check", "news", "--format", "json", "--baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(1));
    let found = diagnostics(&out);
    let rules_texts: Vec<(&str, &str)> = found.iter().map(|(r, t, _)| (r.as_str(), t.as_str())).collect();
    assert_eq!(
        rules_texts,
        [("foreign-letter", "الکتاب"), ("foreign-letter", "الوزیر")],
        "{found:?}"
    );
    assert!(found.iter().all(|(_, _, line)| *line == 14), "{found:?}");

    // The text format agrees, and a missing baseline is an error (exit 2).
    let out = tadqiq(
        d,
        &["check", "news", "--format", "concise", "--baseline", "baseline.json"],
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
    let out = tadqiq(d, &["check", "news", "--baseline", "missing.json"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `الى` written `n` times, in sentences of their own, and `إلى` written `m` times.
fn misspelled(n: usize, m: usize) -> String {
    let mut text = String::from("المقال\n\n");
    for _ in 0..n {
        text.push_str("ذهب الوفد الى المدينة.\n\n");
    }
    for _ in 0..m {
        text.push_str("عاد الوفد إلى المدينة.\n\n");
    }
    text
}

#[test]
fn a_habit_is_recorded_by_its_occurrences() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(d.join("a.txt"), misspelled(6, 0)).expect("write");
    let out = tadqiq(d, &["check", "a.txt", "--format", "json"]);
    let found = diagnostics(&out);
    assert_eq!(found.len(), 1, "six «الى» are one habit: {found:?}");
    let out = tadqiq(d, &["check", "a.txt", "--write-baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("recorded 1 finding in"));
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("baseline.json")).expect("baseline written"))
            .expect("baseline is JSON");
    assert_eq!(recorded["entries"][0]["count"], 6, "{recorded}");

    // A seventh: the habit has grown, and is reported.
    std::fs::write(d.join("a.txt"), misspelled(7, 0)).expect("write");
    let out = tadqiq(
        d,
        &["check", "a.txt", "--format", "json", "--baseline", "baseline.json"],
    );
    assert_eq!(diagnostics(&out).len(), 1, "{}", String::from_utf8_lossy(&out.stdout));

    // Three left: single findings again, each an old one.
    std::fs::write(d.join("a.txt"), misspelled(3, 3)).expect("write");
    let out = tadqiq(d, &["check", "a.txt", "--format", "json"]);
    assert_eq!(diagnostics(&out).len(), 3);
    let out = tadqiq(
        d,
        &["check", "a.txt", "--format", "json", "--baseline", "baseline.json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(diagnostics(&out).is_empty());
}
