//! The machine formats parse with their real consumers' rules: SARIF validates against the
//! SARIF 2.1.0 JSON schema (`tests/data/sarif-schema-2.1.0.json`, the OASIS schema, errata 01,
//! as published), and every `--format github` line is a well-formed workflow command.

use regex::Regex;
use std::path::Path;
use std::process::Command;

fn tadqiq(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .current_dir(dir)
        .args(args)
        .env("CI", "true")
        .output()
        .expect("run tadqiq");
    (out.status.code(), String::from_utf8(out.stdout).expect("UTF-8 output"))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let schema_text = std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).expect("schema file");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn validate_sarif(sarif: &str) {
    let validator = validator();
    let instance: serde_json::Value = serde_json::from_str(sarif).expect("SARIF output is JSON");
    // The schema is not vacuous: a result without its message, or with a column of 0, fails.
    if instance["runs"][0]["results"].get(0).is_some() {
        let mut broken = instance.clone();
        broken["runs"][0]["results"][0]["message"] = serde_json::json!(null);
        assert!(
            !validator.is_valid(&broken),
            "the validator must reject a result without a message"
        );
        let mut broken = instance.clone();
        broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
            serde_json::json!(0);
        assert!(!validator.is_valid(&broken), "the validator must reject column 0");
    }
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF does not validate:\n{}", errors.join("\n"));
}

/// A folder with what stresses the formats: a path with a comma and a colon, a finding over two
/// lines, one with a fix and related spans, and a file that is not UTF-8 (an error).
fn awkward_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(
        d.join("a,b:c.md"),
        "---\ntitle: \"الرئيس الأمريكي يزور المنطقة\"\n---\n\nقال الرئيس الأميركي إن الزيارة «مهمة.\n\nوقال الوزير إن الحكومة ستواصل الدعم خلال العام المقبل، وإن الميزانية ستعرض على البرلمان قريباً.\n\nالتعليقات\nأضف تعليقك\n",
    )
    .expect("write");
    std::fs::write(d.join("broken.txt"), b"\xd9\x82\xff bad").expect("write");
    dir
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let (code, sarif) = tadqiq(root(), &["check", "fixtures/repo", "--format", "sarif"]);
    assert_eq!(code, Some(1));
    validate_sarif(&sarif);

    let dir = awkward_folder();
    let (code, sarif) = tadqiq(dir.path(), &["check", ".", "--format", "sarif"]);
    assert_eq!(code, Some(2), "an undecodable file makes the run exit 2");
    validate_sarif(&sarif);
    let v: serde_json::Value = serde_json::from_str(&sarif).expect("JSON");
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.iter().any(|r| r["id"] == "unused-suppression"));
    let results = run["results"].as_array().expect("results");
    assert!(results.iter().all(|r| {
        let i = r["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        rules.get(i).is_some_and(|rule| rule["id"] == r["ruleId"])
    }));
    assert!(
        results
            .iter()
            .any(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a%2Cb%3Ac.md")
    );
}

#[test]
fn github_lines_are_workflow_commands() {
    // ::LEVEL file=F,line=L[,col=C],endLine=L[,endColumn=C],title=T::MESSAGE — property values
    // escape % \r \n : , and the message escapes % \r \n.
    let property = r"(?:[^%\r\n:,]|%25|%0D|%0A|%3A|%2C)+";
    let pattern = format!(
        r"^::(error|warning|notice) file={property},line=\d+(,col=\d+)?,endLine=\d+(,endColumn=\d+)?,title={property}::(?:[^%\r\n]|%25|%0D|%0A)*$"
    );
    let line_re = Regex::new(&pattern).expect("regex");
    let line_numbers = Regex::new(r"(?:^|,)(?:line|endLine)=(\d+)").expect("regex");
    let mut seen_multiline = false;
    let mut seen_escaped_path = false;
    let dir = awkward_folder();
    for (cwd, path) in [(root(), "fixtures/repo"), (dir.path(), ".")] {
        let (_, out) = tadqiq(cwd, &["check", path, "--format", "github"]);
        assert!(!out.is_empty());
        for line in out.lines() {
            let caps = line_re
                .captures(line)
                .unwrap_or_else(|| panic!("not a workflow command: {line}"));
            let (col, end_col) = (caps.get(2).is_some(), caps.get(3).is_some());
            assert_eq!(col, end_col, "columns come in pairs: {line}");
            let lines: Vec<u64> = line_numbers
                .captures_iter(line)
                .map(|c| c[1].parse().expect("number"))
                .collect();
            if lines[0] != lines[1] {
                seen_multiline = true;
                assert!(!col, "no column on a multi-line annotation: {line}");
            }
            seen_escaped_path |= line.contains("file=a%2Cb%3Ac.md");
        }
    }
    assert!(seen_multiline, "the fixtures include a finding over two lines");
    assert!(seen_escaped_path, "the path with , and : is escaped");
}

#[test]
fn no_progress_bar_in_pipes() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..60 {
        std::fs::write(
            dir.path().join(format!("a{i:02}.md")),
            "قال الوزير إن الحكومة ستواصل الدعم.\n",
        )
        .expect("write");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .current_dir(dir.path())
        .args(["check", "."])
        .env_remove("CI")
        .output()
        .expect("run tadqiq");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr, "0 findings (0 error, 0 warning, 0 info) in 60 files\n");
}
