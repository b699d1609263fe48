//! `check --shard I/N` splits a run across machines: the N shards of one set of inputs lint every
//! file exactly once, the same way on every machine, and their JSON reports add up to the
//! report of the whole run.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `tadqiq check --format json ARGS DIR` from `cwd` and returns the report.
fn check(cwd: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
        .current_dir(cwd)
        .args(["check", "--format", "json"])
        .args(args)
        .arg("archive")
        .stdin(Stdio::null())
        .output()
        .expect("tadqiq runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?}: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON report")
}

/// How many findings each file got in a report, by path.
fn per_file(report: &Value) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for d in report["diagnostics"].as_array().expect("diagnostics") {
        *m.entry(d["path"].as_str().expect("path").to_string()).or_default() += 1;
    }
    m
}

#[test]
fn shards_lint_every_file_exactly_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = dir.path().join("archive");
    // 150 small articles in a few folders, each with a finding of its own (a tatweel that
    // stretches a word), so every file linted shows in the report.
    let mut all = Vec::new();
    for i in 0..150 {
        let folder = archive.join(format!("{:02}", i % 7));
        std::fs::create_dir_all(&folder).expect("folder");
        let name = format!("article-{i:03}.txt");
        let text = format!("عنوان الخبر رقم {i}\n\nقال المتحدث إن الاجتماع انتهى بــوضوح بعد ساعتين.\n");
        std::fs::write(folder.join(&name), text).expect("write");
        all.push(format!("archive/{:02}/{name}", i % 7));
    }
    all.sort();

    let whole = check(dir.path(), &[]);
    let whole_files = per_file(&whole);
    assert_eq!(whole["files"], 150);
    assert_eq!(
        whole_files.keys().cloned().collect::<Vec<_>>(),
        all,
        "every file has a finding"
    );

    for n in [1usize, 2, 3, 7, 16] {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut files = 0;
        let mut findings = 0;
        for i in 1..=n {
            let shard = format!("{i}/{n}");
            let report = check(dir.path(), &["--shard", &shard]);
            assert_eq!(
                report,
                check(dir.path(), &["--shard", &shard]),
                "shard {shard} is deterministic"
            );
            files += report["files"].as_u64().expect("files") as usize;
            for (path, count) in per_file(&report) {
                assert_eq!(whole_files.get(&path), Some(&count), "{path} in shard {shard}");
                findings += count;
                *seen.entry(path).or_default() += 1;
            }
        }
        assert_eq!(files, 150, "the shards of {n} cover every file once");
        assert_eq!(seen.keys().cloned().collect::<Vec<_>>(), all, "{n} shards");
        assert!(seen.values().all(|&c| c == 1), "no file is linted twice in {n} shards");
        assert_eq!(findings, whole["diagnostics"].as_array().map_or(0, Vec::len));
    }
}

#[test]
fn a_bad_shard_is_a_usage_error() {
    for bad in ["0/3", "4/3", "1/0", "x", "1-3"] {
        let out = Command::new(env!("CARGO_BIN_EXE_tadqiq"))
            .args(["check", "--shard", bad, "fixtures"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .output()
            .expect("tadqiq runs");
        assert_eq!(out.status.code(), Some(2), "--shard {bad}");
    }
}
