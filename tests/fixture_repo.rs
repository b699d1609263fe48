//! Golden outputs of the fixture newsroom repository (`fixtures/repo/`: Markdown articles with
//! front matter, code blocks, tables, links and suppressions, a plain-text brief, a `tadqiq.toml`)
//! in every output format, compared byte for byte with `fixtures/repo-golden/`.
//!
//! When a change is meant to change the output (a new rule, a reworded message, a rule's
//! documentation, which SARIF carries), regenerate the goldens and review the diff:
//!
//! ```sh
//! TADQIQ_BLESS=1 cargo test --test fixture_repo
//! git diff fixtures/repo-golden/
//! ```
//!
//! The runs use `fixtures/repo` as a relative path from the repository root, so the paths in the
//! goldens are the same on every machine.

use std::path::{Path, PathBuf};
use std::process::Command;

const FORMATS: &[(&str, &str)] = &[
    ("text", "text.txt"),
    ("concise", "concise.txt"),
    ("json", "json.json"),
    ("sarif", "sarif.json"),
    ("github", "github.txt"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `tadqiq check fixtures/repo` from the repository root.
pub fn run_fixture(format: &str) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .current_dir(root())
        .args(["check", "fixtures/repo", "--format", format, "--no-color"])
        .env("CI", "true")
        .env_remove("NO_COLOR")
        .output()
        .expect("run tadqiq");
    (out.status.code(), String::from_utf8(out.stdout).expect("UTF-8 output"))
}

fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(2)
        .header("golden", "actual")
        .to_string()
}

#[test]
fn fixture_repo_matches_goldens_in_every_format() {
    let golden_dir = root().join("fixtures/repo-golden");
    let bless = std::env::var_os("TADQIQ_BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (format, file) in FORMATS {
        let (code, actual) = run_fixture(format);
        assert_eq!(
            code,
            Some(1),
            "{format}: the fixture repository has findings, so exit 1"
        );
        let path: PathBuf = golden_dir.join(file);
        if bless {
            std::fs::create_dir_all(&golden_dir).expect("create golden folder");
            std::fs::write(&path, &actual).expect("write golden");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            stale.push(format!(
                "--format {format} ({}):\n{}",
                rel(&path),
                diff(&expected, &actual)
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "output differs from the goldens; if the change is intended, run\n  TADQIQ_BLESS=1 cargo test --test fixture_repo\nand review `git diff fixtures/repo-golden/`.\n\n{}",
        stale.join("\n")
    );
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// What the fixtures are there to show, asserted on the JSON output so that a bless cannot hide
/// a regression of the Markdown reader, the front matter or the suppressions.
#[test]
fn fixture_repo_findings_are_the_intended_ones() {
    let (_, json) = run_fixture("json");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let found: Vec<(String, String, String)> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap_or_default();
            let file = path.rsplit('/').next().unwrap_or_default().to_string();
            (
                file,
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let has = |file: &str, rule: &str, text: &str| found.iter().any(|f| f.0 == file && f.1 == rule && f.2 == text);
    let in_file = |file: &str| found.iter().filter(|f| f.0 == file).count();
    // The title in the front matter takes part in the variant check: it is the majority form.
    assert!(
        has("2024-03-01-budget.md", "spelling-variant", "الأميركية"),
        "{found:#?}"
    );
    // Code blocks, inline code, URLs, link targets and raw HTML are not prose: nothing there.
    assert_eq!(in_file("2024-03-04-tech.md"), 0, "{found:#?}");
    assert_eq!(in_file("2024-03-02-elections.md"), 0, "{found:#?}");
    // A hard line break (two trailing spaces) is syntax; a single trailing space is not.
    assert_eq!(
        found
            .iter()
            .filter(|f| f.0 == "2024-03-03-weather.md" && f.1 == "trailing-whitespace")
            .count(),
        1
    );
    // Suppressions: the used ones silence, the unknown name and the unused one are reported.
    assert!(
        !found
            .iter()
            .any(|f| f.0 == "2024-03-06-sports.md" && f.1 != "unused-suppression")
    );
    assert!(has("2024-03-06-sports.md", "unused-suppression", "no-such-rule"));
    assert!(has("2024-03-06-sports.md", "unused-suppression", "foreign-letter"));
    // TOML front matter, Persian letters, a missing hamza.
    assert!(has("2024-03-05-economy.md", "foreign-letter", "کيلو"));
    assert!(has("2024-03-05-economy.md", "common-misspelling", "الى"));
    // BOM and CRLF: the invisible character is found and its span is exact.
    assert!(has("2024-03-09-interview.md", "invisible-char", "\u{200c}"));
    // The configuration's override: briefs keep the wire's quotes.
    assert!(
        !found
            .iter()
            .any(|f| f.0 == "2024-03-10-brief.txt" && f.1 == "unbalanced-quote")
    );
}
