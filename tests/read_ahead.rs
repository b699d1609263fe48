//! Reading files ahead of linting them (on reader threads, when reads wait on the disk) changes
//! when a file is read, never what is reported: a run that reads every chunk ahead and one that
//! reads none give the same report, byte for byte, errors included.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// `tadqiq check --format FORMAT archive` in `cwd`, with `TADQIQ_READ_AHEAD` set to `policy`
/// (unset for `None`).
fn command(cwd: &Path, policy: Option<&str>, format: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tadqiq"));
    cmd.current_dir(cwd)
        .args(["check", "--format", format, "archive"])
        .env_remove("TADQIQ_READ_AHEAD")
        .stdin(Stdio::null());
    if let Some(p) = policy {
        cmd.env("TADQIQ_READ_AHEAD", p);
    }
    cmd
}

fn check(cwd: &Path, policy: Option<&str>, format: &str) -> Output {
    command(cwd, policy, format).output().expect("tadqiq runs")
}

#[test]
fn reading_ahead_changes_nothing_in_the_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = dir.path().join("archive");
    // More files than the first chunk and one full chunk, so that the run reads several chunks
    // ahead; in a few folders, with findings in most files.
    let files = 400;
    for i in 0..files {
        let folder = archive.join(format!("{:02}", i % 5));
        std::fs::create_dir_all(&folder).expect("folder");
        let text = match i % 4 {
            0 => format!("خبر رقم {i}\n\nقال المتحدث إن الاجتماع انتهى بــوضوح.\n"),
            1 => format!("\u{feff}خبر رقم {i}\r\n\r\nأكد الوزير بأن الحكومة ماضية في خطتها.\r\n"),
            2 => format!("# خبر {i}\n\nقالَ المُتحدّثُ «إن الاتفاق قريب.\n"),
            _ => format!("خبر هادئ رقم {i} بلا ملاحظة.\n"),
        };
        let name = if i % 4 == 2 {
            format!("a{i:03}.md")
        } else {
            format!("a{i:03}.txt")
        };
        std::fs::write(folder.join(name), text).expect("write");
    }
    // Input that is an error, whoever reads it.
    std::fs::write(archive.join("00/bad.txt"), b"\xd8\xa8\xff\xfe not UTF-8").expect("write");
    std::fs::write(archive.join("01/empty.txt"), b"").expect("write");

    for format in ["json", "text"] {
        let never = check(dir.path(), Some("never"), format);
        let always = check(dir.path(), Some("always"), format);
        let auto = check(dir.path(), None, format);
        assert_eq!(never.status.code(), Some(2), "the bad file is an error");
        let report = String::from_utf8_lossy(&never.stdout);
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&report).expect("JSON");
            assert_eq!(v["files"], files + 2);
            assert!(v["diagnostics"].as_array().expect("diagnostics").len() >= files * 3 / 4);
            assert_eq!(v["errors"].as_array().expect("errors").len(), 1);
        }
        for (name, other) in [("always", &always), ("auto", &auto)] {
            assert_eq!(other.status.code(), never.status.code(), "{format}, {name}");
            assert!(other.stdout == never.stdout, "{format}: {name} and never differ");
            assert_eq!(
                String::from_utf8_lossy(&other.stderr),
                String::from_utf8_lossy(&never.stderr),
                "{format}, {name}"
            );
        }
    }
}

#[test]
fn an_unknown_policy_is_an_error_that_names_the_variable() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("archive")).expect("folder");
    let out = check(dir.path(), Some("sometimes"), "json");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("TADQIQ_READ_AHEAD=sometimes"), "{err}");
}

/// A named pipe on the command line is read once, by the thread that lints it: a reader thread
/// that opened it and closed it unread would lose what its writer sent.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_read_by_the_linting_thread_only() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("temp dir");
    let pipe = dir.path().join("archive");
    match Command::new("mkfifo").arg(&pipe).status() {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("skipped: mkfifo is not available here");
            return;
        }
    }
    let writer_path = pipe.clone();
    // Opening a pipe to write waits for a reader; the writer then sends the text and closes it.
    std::thread::spawn(move || {
        if let Ok(mut w) = std::fs::OpenOptions::new().write(true).open(writer_path) {
            let _ = w.write_all("قال المتحدث إن الاجتماع انتهى بــوضوح.\n".as_bytes());
        }
    });
    let mut child = command(dir.path(), Some("always"), "concise")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tadqiq runs");
    // Had the text been lost, the linting thread would wait for a writer that never comes.
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("tadqiq waited on the pipe: its text was lost");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("[tatweel]"), "{report}");
}
