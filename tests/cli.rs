//! The command line as users and scripts meet it: the founding example, span invariants in every
//! format, bad input, configuration errors, exit codes.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tadqiq"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("NO_COLOR");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).stdin(Stdio::null()).output().expect("tadqiq runs")
}

fn json(args: &[&str]) -> (Value, i32) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = run(&all);
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (v, out.status.code().unwrap_or(-1))
}

fn diags(v: &Value) -> &Vec<Value> {
    v["diagnostics"].as_array().expect("diagnostics array")
}

fn has(v: &Value, rule: &str, line: u64) -> bool {
    diags(v).iter().any(|d| d["rule"] == rule && d["line"] == line)
}

#[test]
fn founding_example_reports_what_the_issue_names() {
    let (v, code) = json(&["fixtures/alwasat-4758.txt"]);
    assert_eq!(code, 1);
    let variant = diags(&v)
        .iter()
        .find(|d| d["rule"] == "spelling-variant" && d["line"] == 19)
        .expect("الأميركية on line 19");
    assert_eq!(variant["text"], "الأميركية");
    assert!(
        variant["related"].as_array().is_some_and(|r| !r.is_empty()),
        "the majority spelling is a related span"
    );
    assert!(has(&v, "unbalanced-quote", 35));
    assert!(has(&v, "nested-quote", 21));
    assert!(has(&v, "nested-quote", 25));
    let misspelling = diags(&v)
        .iter()
        .find(|d| d["rule"] == "common-misspelling" && d["line"] == 53)
        .expect("ايضاً on line 53");
    assert_eq!(misspelling["text"], "ايضاً");
    for line in [47, 48, 50, 51, 53] {
        assert!(has(&v, "web-residue", line), "web residue on line {line}");
    }
    assert!(has(&v, "trailing-whitespace", 39));
    assert!(has(&v, "trailing-whitespace", 41));
    // كيري and كيربي are two people, not two spellings.
    for d in diags(&v).iter().filter(|d| d["rule"] == "spelling-variant") {
        let text = d["text"].as_str().unwrap_or_default();
        assert!(!text.contains("كيري") && !text.contains("كيربي"), "{d}");
    }
}

/// Line and column (characters, BOM not counted) of a byte offset, computed independently.
fn line_col(bytes: &[u8], offset: usize) -> (u64, u64) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let mut col = std::str::from_utf8(&bytes[line_start..offset])
        .expect("char boundary")
        .chars()
        .count() as u64
        + 1;
    if line_start == 0 && bytes.starts_with("\u{feff}".as_bytes()) && offset > 0 {
        col -= 1;
    }
    (line, col)
}

fn check_spans(v: &Value) {
    for d in diags(v) {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(d["path"].as_str().expect("path"));
        let bytes = std::fs::read(&path).expect("file");
        let (s, e) = (
            d["byte_start"].as_u64().unwrap() as usize,
            d["byte_end"].as_u64().unwrap() as usize,
        );
        let text = std::str::from_utf8(&bytes[s..e]).unwrap_or_else(|_| panic!("span not on char boundaries: {d}"));
        assert_eq!(d["text"], text, "{d}");
        assert_eq!(
            line_col(&bytes, s),
            (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()),
            "{d}"
        );
        assert_eq!(
            line_col(&bytes, e),
            (d["end_line"].as_u64().unwrap(), d["end_column"].as_u64().unwrap()),
            "{d}"
        );
        // A span never separates a letter from the marks that follow it.
        let after = std::str::from_utf8(&bytes[e..]).unwrap_or("").chars().next();
        if let Some(c) = after {
            let is_mark = ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0670}';
            assert!(!is_mark || s == e, "span ends before a mark: {d}");
        }
        for r in d["related"].as_array().into_iter().flatten() {
            let (rs, re) = (
                r["byte_start"].as_u64().unwrap() as usize,
                r["byte_end"].as_u64().unwrap() as usize,
            );
            assert!(std::str::from_utf8(&bytes[rs..re]).is_ok(), "related span: {r}");
            assert_eq!(
                line_col(&bytes, rs),
                (r["line"].as_u64().unwrap(), r["column"].as_u64().unwrap()),
                "{r}"
            );
        }
        if let Some(f) = d.get("fix") {
            let (fs, fe) = (
                f["byte_start"].as_u64().unwrap() as usize,
                f["byte_end"].as_u64().unwrap() as usize,
            );
            assert!(std::str::from_utf8(&bytes[fs..fe]).is_ok(), "fix span: {f}");
        }
    }
}

#[test]
fn every_span_is_exact_in_every_fixture() {
    let (v, _) = json(&["fixtures"]);
    assert!(diags(&v).len() > 10);
    check_spans(&v);
}

#[test]
fn crlf_file_with_bom_keeps_exact_spans_and_columns() {
    let (v, _) = json(&["fixtures/crlf-bom.txt"]);
    check_spans(&v);
    let first = diags(&v).iter().find(|d| d["line"] == 1).expect("a finding on line 1");
    // "واشنطن – الوسط " : the trailing space is the 15th character; the BOM does not count.
    assert_eq!(first["column"], 15);
    assert!(has(&v, "foreign-letter", 7));
    assert!(has(&v, "spelling-variant", 5));
    assert!(
        !diags(&v)
            .iter()
            .any(|d| d["text"].as_str().is_some_and(|t| t.contains('\r')))
    );
}

#[test]
fn diacritised_text_keeps_marks_inside_spans() {
    let (v, _) = json(&["fixtures/diacritics.txt"]);
    check_spans(&v);
    let variant = diags(&v)
        .iter()
        .find(|d| d["rule"] == "spelling-variant")
        .expect("variant");
    assert_eq!(variant["text"], "الأَمِيرْكِيَّةَ");
    // The RLM after a Latin brand name is needed; the ZWNJ inside an Arabic word is not.
    let invisible: Vec<&Value> = diags(&v).iter().filter(|d| d["rule"] == "invisible-char").collect();
    assert_eq!(invisible.len(), 1, "{invisible:?}");
    assert_eq!(invisible[0]["text"], "\u{200c}");
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

#[test]
fn invalid_utf8_is_an_error_with_its_offset_and_other_files_are_still_linted() {
    let dir = temp_dir();
    let mut bad = "قال الوزير".as_bytes().to_vec();
    let offset = bad.len();
    bad.extend_from_slice(&[0xD8, 0x20, 0xFF]);
    write(dir.path(), "a-bad.txt", &bad);
    write(dir.path(), "b-good.txt", "وصل الوفد الى الرياض.\n".as_bytes());
    let (v, code) = json(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    let errors = v["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1);
    assert!(errors[0]["path"].as_str().unwrap().ends_with("a-bad.txt"));
    assert_eq!(errors[0]["byte"], offset as u64);
    assert!(
        diags(&v)
            .iter()
            .any(|d| d["path"].as_str().unwrap().ends_with("b-good.txt"))
    );
    assert_eq!(v["files"], 2);
}

/// Files found in folders are reported in path order, compared component by component (`a/z`
/// before `a-b/c`, though `-` sorts before `/` byte for byte), whatever order the disk lists them.
#[test]
fn files_in_folders_are_reported_in_path_order() {
    let dir = temp_dir();
    let names = [
        "a-b/c.txt",
        "a/z.txt",
        "a.txt",
        "b/y/x.md",
        "b/a.txt",
        "B.txt",
        "a/b/c.txt",
        "a b/c.txt",
    ];
    let mut written = Vec::new();
    for name in names {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        // Trailing whitespace: one finding per file, so each file shows in the report.
        written.push(write(dir.path(), name, "وصل الوفد. \n".as_bytes()));
    }
    written.sort();
    let expected: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    let (v, _) = json(&[dir.path().to_str().unwrap()]);
    let mut reported: Vec<String> = Vec::new();
    for d in diags(&v) {
        let path = d["path"].as_str().expect("path").to_string();
        if reported.last() != Some(&path) {
            reported.push(path);
        }
    }
    assert_eq!(reported, expected);
}

/// Files named on the command line join the same order, and a file named twice (alone and
/// inside a folder also named) is linted once.
#[test]
fn files_named_in_any_order_are_reported_in_path_order_once() {
    let dir = temp_dir();
    std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    let late = write(dir.path(), "sub/x.md", "وصل الوفد. \n".as_bytes());
    let early = write(dir.path(), "keep.txt", "وصل الوفد. \n".as_bytes());
    let (v, _) = json(&[
        late.to_str().unwrap(),
        early.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    let paths: Vec<&str> = diags(&v).iter().map(|d| d["path"].as_str().expect("path")).collect();
    assert_eq!(paths, [early.to_str().unwrap(), late.to_str().unwrap()]);
    assert_eq!(v["files"], 2);
}

/// `x.txt` and `./x.txt` are one file, reported once under the name the report gives it.
#[test]
fn a_file_named_with_and_without_a_leading_dot_slash_is_linted_once() {
    let dir = temp_dir();
    write(dir.path(), "x.txt", "وصل الوفد. \n".as_bytes());
    std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    write(dir.path(), "sub/y.txt", "وصل الوفد. \n".as_bytes());
    let out = bin()
        .args(["check", "--format", "json", "./x.txt", "x.txt", "./sub", "sub/y.txt"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("run tadqiq");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let paths: Vec<&str> = diags(&v).iter().map(|d| d["path"].as_str().expect("path")).collect();
    assert_eq!(paths, ["sub/y.txt", "x.txt"]);
    assert_eq!(v["files"], 2);
}

/// A report that cannot be written (a full disk) fails the run; one whose reader stopped reading
/// (`| head`) does not.
#[test]
fn a_report_that_cannot_be_written_fails_the_run() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    for format in ["json", "text", "sarif"] {
        let out = bin()
            .args(["check", "--format", format, "fixtures/alwasat-4758.txt"])
            .stdin(Stdio::null())
            .stdout(full.try_clone().expect("dup /dev/full"))
            .output()
            .expect("run tadqiq");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {stderr}");
        assert!(stderr.contains("cannot write the report"), "{format}: {stderr}");
    }
    for format in ["json", "sarif", "text"] {
        let (code, stderr) = run_until_reader_stops(&["check", "--format", format, "fixtures/alwasat-4758.txt"], 0);
        assert_eq!(code, Some(1), "{format}: {stderr}");
        // One file, linted whole before its report was written: its count is the whole run's.
        if format == "text" {
            assert!(stderr.contains("24 findings"), "{stderr}");
        }
    }
}

/// Runs tadqiq with its report read up to `keep` bytes (as `| head -c`), then the pipe closed.
/// Its exit code and standard error.
fn run_until_reader_stops(args: &[&str], keep: usize) -> (Option<i32>, String) {
    use std::io::Read;
    let mut child = bin()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tadqiq");
    if let Some(stdout) = child.stdout.take() {
        let mut head = Vec::new();
        stdout
            .take(keep as u64)
            .read_to_end(&mut head)
            .expect("read the report's head");
    }
    let out = child.wait_with_output().expect("tadqiq ends");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Once the reader has gone (`| head`), the files left are linted only while they can change the
/// exit code: it is the one the whole run gives, and no count of a part of the run is printed.
#[test]
fn a_run_whose_reader_stops_keeps_the_exit_code_of_the_whole_run() {
    let dir = temp_dir();
    // Far more report than a pipe holds, so that the writes after the first line fail.
    for i in 0..2000 {
        write(
            dir.path(),
            &format!("a{i:04}.txt"),
            "قال الرئيس الأمريكي إن الرئيس الأميركي  سيزور البلاد.\n".as_bytes(),
        );
    }
    let folder = dir.path().to_str().expect("UTF-8 temp path");
    let concise = ["check", "--format", "concise", folder];
    let (code, stderr) = run_until_reader_stops(&concise, 100);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stderr.contains("findings"), "a count of part of the run: {stderr}");
    // The whole run lints and counts every file.
    let whole = run(&concise);
    assert_eq!(whole.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&whole.stderr).contains("4000 findings"));
    // A file that cannot be decoded, after the cut, still makes the run fail with 2 (and, in
    // the formats that say so on standard error, is named there).
    write(dir.path(), "zz.txt", b"\xff\xfe not text");
    let (code, stderr) = run_until_reader_stops(&concise, 100);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("error: ") && stderr.contains("zz.txt"), "{stderr}");
    let (code, stderr) = run_until_reader_stops(&["check", "--format", "json", folder], 100);
    assert_eq!(code, Some(2), "{stderr}");
    // No finding fails the run (`--fail-on error`, warnings and infos only): every file is
    // linted, since any of them could hold one that does; the code is 0 as in a whole run.
    std::fs::remove_file(dir.path().join("zz.txt")).expect("remove");
    let (code, stderr) = run_until_reader_stops(&["check", "--format", "concise", "--fail-on", "error", folder], 100);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("4000 findings"),
        "every file linted and counted: {stderr}"
    );
}

#[test]
fn a_path_that_cannot_be_read_says_why() {
    let dir = temp_dir();
    let one = dir.path().join("l1.txt");
    let two = dir.path().join("l2.txt");
    std::os::unix::fs::symlink(&two, &one).expect("symlink");
    std::os::unix::fs::symlink(&one, &two).expect("symlink");
    let missing = dir.path().join("none.txt");
    let (v, code) = json(&[one.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    let messages: Vec<&str> = v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["message"].as_str().expect("message"))
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("symbolic links"), "{messages:?}");
    assert_eq!(messages[1], "no such file or folder");
}

#[test]
fn binary_file_is_an_error_not_half_linted() {
    let dir = temp_dir();
    let p = write(dir.path(), "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let (v, code) = json(&[p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(v["errors"][0]["byte"], 8);
    assert!(diags(&v).is_empty());
}

#[test]
fn empty_file_has_no_findings() {
    let dir = temp_dir();
    let p = write(dir.path(), "empty.txt", b"");
    let (v, code) = json(&[p.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(diags(&v).is_empty());
    assert!(v["errors"].as_array().unwrap().is_empty());
}

#[test]
fn standard_input_is_read() {
    let mut child = bin()
        .args(["check", "--format", "concise", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .unwrap()
        .write_all("وقال ايضاً إن الوفد وصل.\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("<stdin>:1:6: warning[common-misspelling]"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn select_ignore_and_fail_on_shape_the_exit_code() {
    let f = "fixtures/alwasat-4758.txt";
    let (v, code) = json(&["--select", "trailing-whitespace", f]);
    assert!(diags(&v).iter().all(|d| d["rule"] == "trailing-whitespace"));
    assert_eq!(code, 0, "trailing whitespace is info; --fail-on defaults to warning");
    let (_, code) = json(&["--select", "trailing-whitespace", "--fail-on", "info", f]);
    assert_eq!(code, 1);
    let (v, _) = json(&["--select", "hygiene", "--ignore", "web-residue", f]);
    assert!(diags(&v).iter().all(|d| d["rule"] != "web-residue"));
    assert!(diags(&v).iter().any(|d| d["rule"] == "trailing-whitespace"));
    let out = run(&["check", "--select", "no-such-rule", f]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-rule"));
}

#[test]
fn broken_config_names_file_line_and_key() {
    let dir = temp_dir();
    write(
        dir.path(),
        "tadqiq.toml",
        b"ignore = [\"trailing-whitespace\"]\n\n[rules.spelling-variant]\nmin-lenght = 3\n",
    );
    let art = write(dir.path(), "a.txt", "نص.\n".as_bytes());
    let out = run(&["check", art.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tadqiq.toml:4"), "{err}");
    assert!(err.contains("min-lenght"), "{err}");

    write(
        dir.path(),
        "tadqiq.toml",
        b"select = [\"spelling-variant\"]\ncolour = true\n",
    );
    let out = run(&["check", art.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tadqiq.toml:2") && err.contains("colour"), "{err}");

    write(dir.path(), "tadqiq.toml", b"\nignore = [\"spelling-varient\"]\n");
    let out = run(&["check", art.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("tadqiq.toml:2") && err.contains("spelling-varient"),
        "{err}"
    );
}

#[test]
fn rule_options_are_read_and_checked() {
    let dir = temp_dir();
    let art = write(dir.path(), "a.txt", "قال المسؤول الأمريكي إن الامريكي وصل.\n".as_bytes());
    write(dir.path(), "tadqiq.toml", b"[rules.spelling-variant]\nmin-length = 4\n");
    let (v, code) = json(&[art.to_str().unwrap()]);
    assert_eq!(code, 1, "{v}");
    assert!(has(&v, "spelling-variant", 1));
    write(dir.path(), "tadqiq.toml", b"[rules.spelling-variant]\nmin-length = 9\n");
    let (v, _) = json(&[art.to_str().unwrap()]);
    assert!(
        !has(&v, "spelling-variant", 1),
        "a stem shorter than min-length is not compared"
    );
    write(
        dir.path(),
        "tadqiq.toml",
        b"\n[rules.spelling-variant]\nmin-length = \"four\"\n",
    );
    let out = run(&["check", art.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("tadqiq.toml:3") && err.contains("min-length"), "{err}");
}

#[test]
fn config_is_discovered_and_applies() {
    let dir = temp_dir();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    write(
        dir.path(),
        "tadqiq.toml",
        b"ignore = [\"common-misspelling\"]\n[severity]\nforeign-letter = \"info\"\n",
    );
    std::fs::create_dir(dir.path().join("desk")).unwrap();
    let art = write(
        &dir.path().join("desk"),
        "a.txt",
        "قال ايضاً إن علی الجميع الحضور.\n".as_bytes(),
    );
    let (v, code) = json(&[art.to_str().unwrap()]);
    assert!(diags(&v).iter().all(|d| d["rule"] != "common-misspelling"));
    let foreign = diags(&v)
        .iter()
        .find(|d| d["rule"] == "foreign-letter")
        .expect("foreign-letter");
    assert_eq!(foreign["severity"], "info");
    assert_eq!(code, 0);
}

#[test]
fn broken_house_pack_names_file_line_and_key() {
    let dir = temp_dir();
    write(dir.path(), "tadqiq.toml", b"rules-dirs = [\"house\"]\n");
    std::fs::create_dir(dir.path().join("house")).unwrap();
    write(
        &dir.path().join("house"),
        "style.toml",
        "kind = \"substitution\"\nrule = \"house-words\"\n\n[[entry]]\nwrong = [\"بالنسبة ل\"]\nrigth = \"لـ\"\n"
            .as_bytes(),
    );
    let art = write(dir.path(), "a.txt", "نص.\n".as_bytes());
    let out = run(&["check", art.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("style.toml:6") && err.contains("rigth"), "{err}");
}

#[test]
fn a_rules_dirs_folder_that_cannot_be_read_names_the_config_line_and_key() {
    let dir = temp_dir();
    write(
        dir.path(),
        "tadqiq.toml",
        b"profile = \"gulf\"\nrules-dirs = [\"house\", \"hosue\"]\n",
    );
    std::fs::create_dir(dir.path().join("house")).unwrap();
    let art = write(dir.path(), "a.txt", "نص.\n".as_bytes());
    let out = run(&["check", art.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tadqiq.toml:2: key `rules-dirs`") && err.contains("hosue"),
        "{err}"
    );
}

#[test]
fn a_house_rule_named_like_a_family_is_refused() {
    // `hygiene` in `--select` or a suppression comment must name one thing.
    let dir = temp_dir();
    write(dir.path(), "tadqiq.toml", b"rules-dirs = [\"house\"]\n");
    std::fs::create_dir(dir.path().join("house")).unwrap();
    for name in ["hygiene", "house"] {
        let pack = format!(
            "kind = \"substitution\"\nrule = \"{name}\"\n\n[[entry]]\nwrong = [\"غسيل الأموال\"]\nright = \"تبييض الأموال\"\nexamples = [{{ wrong = \"مكافحة غسيل الأموال\", right = \"مكافحة تبييض الأموال\" }}]\n"
        );
        write(&dir.path().join("house"), "style.toml", pack.as_bytes());
        let art = write(dir.path(), "a.txt", "نص.\n".as_bytes());
        let out = run(&["check", art.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("style.toml:1") && err.contains("family"), "{err}");
    }
}

#[test]
fn house_pack_adds_a_rule_and_test_rules_runs_its_examples() {
    let dir = temp_dir();
    write(dir.path(), "tadqiq.toml", b"rules-dirs = [\"house\"]\n");
    let house = dir.path().join("house");
    std::fs::create_dir(&house).unwrap();
    write(
        &house,
        "style.toml",
        "kind = \"substitution\"\nrule = \"house-words\"\ndescription = \"Words the desk avoids\"\n\n[[entry]]\nwrong = [\"غسيل الأموال\"]\nright = \"تبييض الأموال\"\nexamples = [{ wrong = \"مكافحة غسيل الأموال\", right = \"مكافحة تبييض الأموال\" }]\n".as_bytes(),
    );
    let art = write(
        dir.path(),
        "a.txt",
        "أعلنت الهيئة خطة لمكافحة غسيل الأموال.\n".as_bytes(),
    );
    let (v, _) = json(&[art.to_str().unwrap()]);
    let d = diags(&v)
        .iter()
        .find(|d| d["rule"] == "house-words")
        .expect("house rule fires");
    assert_eq!(d["text"], "غسيل الأموال");
    // `rules` and `explain` run in the repository know its house rules.
    let here = |args: &[&str]| {
        let out = bin().args(args).current_dir(dir.path()).output().expect("run tadqiq");
        (out.status.code(), String::from_utf8_lossy(&out.stdout).to_string())
    };
    let (code, listed) = here(&["rules"]);
    assert_eq!(code, Some(0));
    assert!(
        listed.contains("house-words") && listed.contains("Words the desk avoids"),
        "{listed}"
    );
    let (code, explained) = here(&["explain", "house-words"]);
    assert_eq!(code, Some(0), "{explained}");
    assert!(explained.starts_with("# house-words"), "{explained}");
    let out = run(&["test-rules", house.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.trim_end().ends_with("passed, 0 failed"), "{stdout}");

    write(
        &house,
        "style.toml",
        "kind = \"substitution\"\nrule = \"house-words\"\n[[entry]]\nwrong = [\"غسيل الأموال\"]\nright = \"تبييض الأموال\"\nexamples = [{ wrong = \"مكافحة تبييض الأموال\", right = \"مكافحة تبييض الأموال\" }]\n".as_bytes(),
    );
    let out = run(&["test-rules", house.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("style.toml:3"));
}

#[test]
fn rules_explain_and_init() {
    let out = run(&["rules"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("spelling-variant") && l.contains("consistency"))
    );
    let out = run(&["explain", "unbalanced-quote"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for h in [
        "## What it does",
        "## Why it matters",
        "## Example",
        "## Use instead",
        "## Options",
    ] {
        assert!(text.contains(h), "{h}");
    }
    assert_eq!(run(&["explain", "no-such-rule"]).status.code(), Some(2));
    let dir = temp_dir();
    let out = bin().arg("init").current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let starter = std::fs::read_to_string(dir.path().join("tadqiq.toml")).unwrap();
    assert!(starter.contains("# ignore"));
    let out = bin().arg("init").current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "init does not overwrite");
}

#[test]
fn text_format_quotes_text_and_shows_positions() {
    let out = run(&["check", "--no-color", "fixtures/alwasat-4758.txt"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("fixtures/alwasat-4758.txt:19:"), "{text}");
    assert!(text.contains("«الأميركية»"));
    assert!(!text.contains('\u{1b}'), "no colour codes with --no-color");
}

#[test]
fn large_file_is_linted() {
    // 50 MB of varied prose, built from numbered sentences so rules have little to say.
    let dir = temp_dir();
    let mut text = String::with_capacity(51 << 20);
    let mut i = 0u64;
    while text.len() < 50 << 20 {
        text.push_str(&format!(
            "وقال المتحدث إن الاجتماع رقم {i} انتهى بالاتفاق على خطة العمل المشتركة للعام المقبل.\n"
        ));
        i += 1;
    }
    let p = write(dir.path(), "big.txt", text.as_bytes());
    let out = run(&["check", "--format", "concise", "--quiet", p.to_str().unwrap()]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_report_longer_than_a_megabyte_from_one_file_is_whole_and_in_order() {
    // One file with thousands of findings (its JSON report is written in pieces while its
    // chunk is still being written), and a small one after it in the same chunk.
    let dir = temp_dir();
    let long = format!(
        "مقال\n\n{}\n",
        (0..3000)
            .map(|_| "قال الأمريكي ثم الأميركي.")
            .collect::<Vec<_>>()
            .join("\n")
    );
    write(dir.path(), "a.txt", long.as_bytes());
    write(dir.path(), "b.txt", "قال الوزير ايضا ان الاجتماع انتهى.\n".as_bytes());
    let folder = dir.path().to_str().unwrap();
    let out = run(&["check", "--format", "json", folder]);
    assert!(out.stdout.len() > 1 << 20, "{} bytes only", out.stdout.len());
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(v["files"], 2);
    let concise = run(&["check", "--format", "concise", "--quiet", folder]);
    let lines = String::from_utf8_lossy(&concise.stdout).lines().count();
    let found = diags(&v);
    assert_eq!(found.len(), lines);
    // By path, then place: every finding of a.txt before b.txt's, b.txt's last.
    let keys: Vec<(String, u64)> = found
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or_default().to_string(),
                d["byte_start"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]));
    assert!(keys.last().is_some_and(|k| k.0.ends_with("b.txt")), "{:?}", keys.last());
    assert!(found.len() > 2000);
}
