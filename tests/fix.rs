//! `--fix` is trustworthy: on every file in `fixtures/` (whoever added it) and in every fix mode,
//! the fixes converge, a second run changes nothing, and each pass touches only the bytes inside
//! the spans of the fixes it applied. Through the command line: the file written is exactly the
//! engine's result, `--diff` writes nothing, and a file that cannot be written is an error
//! (exit 2) and stays as it was.

use std::path::{Path, PathBuf};
use std::process::Command;
use tadqiq::config::{Config, Selection};
use tadqiq::lint::{Engine, FixMode, Loaded, MAX_FIX_PASSES};
use tadqiq::rules::packs::CompiledPacks;
use tadqiq::source::{self, SourceFile};

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every file under `fixtures/`, recursively, sorted.
fn fixture_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            // Golden outputs are tadqiq's reports, not articles.
            if p.is_dir() && !p.ends_with("repo-golden") {
                walk(&p, out);
            } else if p.is_file()
                && p.extension()
                    .is_some_and(|x| x == "txt" || x == "md" || x == "markdown")
            {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&fixture_root(), &mut out);
    out.sort();
    out
}

/// The fixtures that are text (a fixture of invalid UTF-8 is an input error, not a fix case).
fn text_fixtures() -> Vec<(PathBuf, String)> {
    fixture_files()
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            source::decode(bytes).ok().map(|t| (p, t))
        })
        .collect()
}

/// A house configuration that turns on the house-style fixes too.
const HOUSE: &str = "profile = \"levant\"\n[preferred]\n\"الثلثاء\" = \"الثلاثاء\"\n\"مستشفى\" = \"مستشفي\"\n";

fn setups(engine: &Engine) -> Vec<(&'static str, Loaded)> {
    let house = Config::parse(Path::new("tadqiq.toml"), HOUSE, &engine.registry).expect("house config");
    let house_packs = CompiledPacks::new(house.profile.as_deref(), Vec::new());
    vec![
        (
            "default",
            Loaded::new(Config::default(), CompiledPacks::new(None, Vec::new())),
        ),
        ("house", Loaded::new(house, house_packs)),
    ]
}

/// Checks one pass: its fixes are sorted, disjoint, on char boundaries and each changes
/// something; rebuilding the text by hand from the bytes between the fixes gives `after`.
fn check_pass(name: &str, before: &str, fixes: &[tadqiq::diagnostic::Fix], after: &str) {
    let mut expected = String::new();
    let mut cursor = 0usize;
    for f in fixes {
        let (a, b) = (f.span.start as usize, f.span.end as usize);
        assert!(a >= cursor, "{name}: fixes overlap or are out of order at {a}");
        assert!(b <= before.len(), "{name}: fix past the end");
        assert!(
            before.is_char_boundary(a) && before.is_char_boundary(b),
            "{name}: fix splits a character"
        );
        assert_ne!(
            &before[a..b],
            f.replacement,
            "{name}: a fix that changes nothing was applied"
        );
        // Bytes outside the fix spans: copied from `before`, untouched.
        expected.push_str(&before[cursor..a]);
        expected.push_str(&f.replacement);
        cursor = b;
    }
    expected.push_str(&before[cursor..]);
    assert_eq!(expected, after, "{name}: bytes outside the applied fixes changed");
}

#[test]
fn fixes_converge_are_idempotent_and_keep_every_other_byte() {
    let engine = Engine::new(None, &[], Selection::default()).expect("engine");
    let fixtures = text_fixtures();
    assert!(fixtures.len() >= 10, "the fixtures folder lost its files");
    let mut applied_somewhere = 0;
    for (label, loaded) in setups(&engine) {
        for (path, text) in &fixtures {
            let settings = engine.settings_for(&loaded, path);
            for mode in [FixMode::Safe, FixMode::All] {
                let name = format!("{} [{label}, {mode:?}]", path.display());
                let src = SourceFile::new(path.display().to_string(), text.clone());
                let outcome = engine.fix_traced(&src, &loaded, &settings, mode);
                assert!(outcome.converged, "{name}: fixes did not converge");
                assert!(outcome.passes.len() < MAX_FIX_PASSES, "{name}: needed every pass");
                // Byte preservation, pass by pass.
                let mut current = text.clone();
                for (i, pass) in outcome.passes.iter().enumerate() {
                    assert_eq!(
                        pass.before, current,
                        "{name}: pass {i} did not start from the last text"
                    );
                    let next = outcome.passes.get(i + 1).map_or(&outcome.text, |p| &p.before);
                    check_pass(&format!("{name} pass {i}"), &pass.before, &pass.applied, next);
                    applied_somewhere += pass.applied.len();
                    current = next.clone();
                }
                assert_eq!(current, outcome.text, "{name}");
                // Line endings and the BOM are not the fixes' business.
                assert_eq!(
                    text.starts_with('\u{feff}'),
                    outcome.text.starts_with('\u{feff}'),
                    "{name}: BOM"
                );
                assert_eq!(
                    text.matches("\r\n").count(),
                    outcome.text.matches("\r\n").count(),
                    "{name}: CRLF"
                );
                // Idempotence: fixing the fixed text changes nothing.
                let again = SourceFile::new(src.path.clone(), outcome.text.clone());
                let (text2, _, n2) = engine.fix(&again, &loaded, &settings, mode);
                assert_eq!(n2, 0, "{name}: a second --fix applied {n2} fixes");
                assert_eq!(text2, outcome.text, "{name}: a second --fix changed the text");
                // Safe mode applies safe fixes only.
                if mode == FixMode::Safe {
                    for pass in &outcome.passes {
                        assert!(pass.applied.iter().all(|f| f.safe), "{name}: unsafe fix applied");
                    }
                }
            }
        }
    }
    assert!(
        applied_somewhere > 50,
        "the fixtures exercise too few fixes ({applied_somewhere})"
    );
}

#[test]
fn every_finding_on_every_fixture_has_sound_spans() {
    let engine = Engine::new(None, &[], Selection::default()).expect("engine");
    for (label, loaded) in setups(&engine) {
        for (path, text) in text_fixtures() {
            let settings = engine.settings_for(&loaded, &path);
            let src = SourceFile::new(path.display().to_string(), text.clone());
            for d in engine.lint(&src, &loaded, &settings) {
                let name = format!("{} [{label}] {}", path.display(), d.rule);
                let spans = std::iter::once(d.span)
                    .chain(d.related.iter().map(|r| r.span))
                    .chain(d.fix.iter().map(|f| f.span));
                for s in spans {
                    assert!(
                        s.start <= s.end && (s.end as usize) <= text.len(),
                        "{name}: span out of range"
                    );
                    assert!(
                        text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize),
                        "{name}: span splits a character"
                    );
                    // A span never separates a letter from the marks after it.
                    let next = text[s.end as usize..].chars().next();
                    if !s.is_empty() && d.rule != "tatweel" {
                        assert!(
                            next.is_none_or(|c| !tadqiq::text::chars::is_arabic_mark(c)),
                            "{name}: span {s:?} ends before a mark"
                        );
                    }
                }
                // Findings quote the offending text (the hygiene rules of the foundation that report
                // whitespace and invisible characters have nothing visible to quote).
                if !matches!(d.rule.as_str(), "trailing-whitespace" | "invisible-char") {
                    assert!(
                        d.message.contains('«'),
                        "{name}: the message quotes nothing: {}",
                        d.message
                    );
                }
            }
        }
    }
}

// ---- the command line ----

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_tadqiq")
}

/// A temporary folder with an empty config (so discovery finds nothing else) and a copy of a file.
fn sandbox(name: &str, text: &[u8]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("tadqiq.toml");
    std::fs::write(&config, "").expect("config");
    let file = dir.path().join(name);
    std::fs::write(&file, text).expect("copy");
    (dir, config, file)
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(bin()).args(args).output().expect("run tadqiq")
}

/// `tadqiq check --fix --config CONFIG FILE`.
fn fix_with(config: &Path, file: &Path) -> std::process::Output {
    run(&[
        "check",
        "--fix",
        "--config",
        &config.to_string_lossy(),
        &file.to_string_lossy(),
    ])
}

#[test]
fn cli_fix_writes_the_engine_result_and_a_second_run_changes_nothing() {
    let engine = Engine::new(None, &[], Selection::default()).expect("engine");
    let loaded = Loaded::new(Config::default(), CompiledPacks::new(None, Vec::new()));
    let mut changed = 0;
    for (path, text) in text_fixtures() {
        let fname = path.file_name().unwrap().to_string_lossy().to_string();
        for (flags, mode) in [
            (&["--fix"][..], FixMode::Safe),
            (&["--fix", "--unsafe-fixes"][..], FixMode::All),
        ] {
            let (_dir, config, file) = sandbox(&fname, text.as_bytes());
            let settings = engine.settings_for(&loaded, &file);
            let src = SourceFile::new(file.display().to_string(), text.clone());
            let (expected, _, _) = engine.fix(&src, &loaded, &settings, mode);
            let c = config.to_string_lossy().to_string();
            let f = file.to_string_lossy().to_string();
            let mut args = vec!["check", "--quiet", "--no-color", "--config", c.as_str()];
            args.extend_from_slice(flags);
            args.push(f.as_str());
            let out = run(&args);
            assert_ne!(
                out.status.code(),
                Some(2),
                "{fname}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let written = std::fs::read(&file).expect("read back");
            assert_eq!(
                written,
                expected.as_bytes(),
                "{fname} {flags:?}: file differs from the engine's fix"
            );
            if expected != text {
                changed += 1;
            }
            let out2 = run(&args);
            assert_eq!(
                out2.status.code(),
                out.status.code(),
                "{fname}: exit code changed on a second run"
            );
            assert_eq!(
                std::fs::read(&file).unwrap(),
                written,
                "{fname}: second --fix changed the file"
            );
        }
    }
    assert!(changed > 5, "too few fixtures changed under --fix ({changed})");
}

#[test]
fn cli_diff_prints_and_writes_nothing() {
    let text = std::fs::read(fixture_root().join("unicode/crlf.txt")).expect("fixture");
    let (_dir, config, file) = sandbox("a.txt", &text);
    let out = run(&[
        "check",
        "--diff",
        "--config",
        &config.to_string_lossy(),
        &file.to_string_lossy(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("--- a/") && stdout.contains("+++ b/"), "{stdout}");
    assert!(stdout.contains("+قال وزير الخارجية،"), "{stdout}");
    assert_eq!(std::fs::read(&file).unwrap(), text, "--diff wrote the file");
}

#[test]
fn cli_diff_or_fixed_standard_input_cannot_go_with_a_json_or_sarif_report() {
    let (_dir, config, file) = sandbox("a.txt", "قال الوزير, إن الحكومة مستعدة.\n".as_bytes());
    let c = config.to_string_lossy().to_string();
    let f = file.to_string_lossy().to_string();
    for format in ["json", "sarif"] {
        let out = run(&["check", "--diff", "--format", format, "--config", &c, &f]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(
            out.stdout.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("--diff"));
        let mut child = Command::new(bin())
            .args(["check", "--fix", "--format", format, "--config", &c, "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run tadqiq");
        drop(child.stdin.take());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(2), "{format} stdin");
    }
    // The text formats take a diff.
    let out = run(&["check", "--diff", "--format", "concise", "--config", &c, &f]);
    assert_ne!(out.status.code(), Some(2));
}

#[test]
fn cli_fix_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, config, file) = sandbox("a.txt", "قال الوزير, إن الحكومة مستعدة.\n".as_bytes());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = fix_with(&config, &file);
    assert_ne!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "قال الوزير، إن الحكومة مستعدة.\n"
    );
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
}

/// A file that cannot be written: the process may not grow any file (RLIMIT_FSIZE 0, with SIGXFSZ
/// ignored so that the write fails with EFBIG instead of killing it). Chmod would not do: the
/// tests may run as root. The run is an error, the file is as it was, no temporary file is left.
#[test]
fn cli_fix_of_an_unwritable_file_is_an_error_and_leaves_it_alone() {
    let text = "قال الوزير, إن الحكومة مستعدة.\n";
    let (dir, config, file) = sandbox("a.txt", text.as_bytes());
    let other = dir.path().join("b.txt");
    std::fs::write(&other, "قال الوزير إن الحكومة مستعدة.\n").unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 0 && exec \"$0\" \"$@\"")
        .arg(bin())
        .args(["check", "--fix", "--no-color", "--config"])
        .arg(&config)
        .arg(&file)
        .arg(&other)
        .output()
        .expect("run tadqiq under ulimit");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "the file changed");
    // Its findings are still reported, as they stand in the file.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("latin-punctuation"), "{stdout}");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["a.txt", "b.txt", "tadqiq.toml"],
        "a temporary file was left behind"
    );
}

#[test]
fn cli_unsafe_fixes_only_with_the_flag() {
    let text = "قال الرئيس الأمريكي إن الإدارة الأمريكية والشعب الأمريكي مع الإدارة الأميركية.\n";
    let (_dir, config, file) = sandbox("a.txt", text.as_bytes());
    let c = config.to_string_lossy().to_string();
    let f = file.to_string_lossy().to_string();
    run(&["check", "--fix", "--config", &c, &f]);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "a judgement fix was applied without --unsafe-fixes"
    );
    run(&["check", "--fix", "--unsafe-fixes", "--config", &c, &f]);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text.replace("الأميركية", "الأمريكية")
    );
}

#[test]
fn cli_preferred_spellings_are_safe_fixes() {
    let text = "قال المسؤول الأمريكي وللأمريكيين يوم الثلثاء إن جوجل ستغلق.\n";
    let (_dir, config, file) = sandbox("a.txt", text.as_bytes());
    std::fs::write(&config, HOUSE).unwrap();
    fix_with(&config, &file);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "قال المسؤول الأميركي وللأميركيين يوم الثلاثاء إن غوغل ستغلق.\n"
    );
}

#[test]
fn cli_fixes_that_undo_each_other_stop_where_they_started_and_say_so() {
    // The house prefers ايضا; common-misspelling writes أيضا: each fix undoes the other's.
    let text = "وقال الوزير أيضا إن الاجتماع انتهى، وقال ايضا إن الوفد غادر.\n";
    let (_dir, config, file) = sandbox("a.txt", text.as_bytes());
    std::fs::write(&config, "[preferred]\n\"أيضا\" = \"ايضا\"\n").unwrap();
    for flags in [&["--fix"][..], &["--fix", "--unsafe-fixes"], &["--diff"]] {
        let mut args = vec!["check", "--no-color", "--config"];
        let (c, f) = (config.to_string_lossy(), file.to_string_lossy());
        args.push(&c);
        args.extend_from_slice(flags);
        args.push(&f);
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("a.txt: some fixes undo each other"), "{flags:?}: {err}");
        assert_eq!(out.status.code(), Some(1), "{flags:?}: {err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "{flags:?}");
    }
    // Fixes that settle say nothing.
    let (_dir, config, file) = sandbox("b.txt", text.as_bytes());
    let out = fix_with(&config, &file);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning:"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "وقال الوزير أيضا إن الاجتماع انتهى، وقال أيضا إن الوفد غادر.\n"
    );
}

#[test]
fn a_spelling_variant_leaves_the_words_other_rules_rewrite_to_them() {
    let engine = Engine::new(None, &[], Selection::default()).expect("engine");
    let found = |config: &str, text: &str| {
        let config = Config::parse(Path::new("tadqiq.toml"), config, &engine.registry).expect("config");
        let packs = CompiledPacks::new(config.profile.as_deref(), Vec::new());
        let loaded = Loaded::new(config, packs);
        let settings = engine.settings_for(&loaded, Path::new("a.txt"));
        let src = SourceFile::new("a.txt", text.to_string());
        let mut rules: Vec<String> = engine
            .lint(&src, &loaded, &settings)
            .into_iter()
            .map(|d| d.rule)
            .collect();
        rules.dedup();
        rules
    };
    // Three hamza-less ايضا against one أيضا: the majority is the misspelling, and
    // spelling-variant used to tell the writer to drop the hamza of the right one.
    let also =
        "قال ايضا إن الاجتماع انتهى. وأكد ايضا أن الوفد غادر. وأشار ايضا إلى المحادثات. وقال أيضا إن الموعد تغير.";
    assert_eq!(found("", also), ["common-misspelling"]);
    // Three أمريكي against one أميركي, where the house or its profile prefers أميركي.
    let american = "قال المسؤول الأمريكي إن الجيش الأمريكي والأسطول الأمريكي والسفير الأميركي جاهزون.";
    assert_eq!(found("", american), ["spelling-variant"]);
    assert_eq!(
        found("[preferred]\n\"أمريكي\" = \"أميركي\"\n", american),
        ["preferred-spelling"]
    );
    assert_eq!(found("profile = \"levant\"\n", american), ["preferred-spelling"]);
}

/// The same guarantees on real articles: a sample of `../shared/corpus` (every 8th file), when
/// the corpus is there.
#[test]
fn corpus_sample_fixes_converge_and_keep_every_other_byte() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipped: no corpus at {}", corpus.display());
        return;
    }
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&corpus).expect("corpus").flatten() {
        if dir.path().is_dir() {
            files.extend(
                std::fs::read_dir(dir.path())
                    .expect("outlet")
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "txt")),
            );
        }
    }
    files.sort();
    let engine = Engine::new(None, &[], Selection::default()).expect("engine");
    let setups = setups(&engine);
    let mut checked = 0;
    for (i, path) in files.iter().enumerate().filter(|(i, _)| i % 8 == 0) {
        let text = std::fs::read_to_string(path).expect("utf-8 article");
        let (label, loaded) = &setups[i / 8 % setups.len()];
        let settings = engine.settings_for(loaded, path);
        let name = format!("{} [{label}]", path.display());
        let src = SourceFile::new(path.display().to_string(), text.clone());
        let outcome = engine.fix_traced(&src, loaded, &settings, FixMode::All);
        assert!(outcome.converged, "{name}: fixes did not converge");
        for (k, pass) in outcome.passes.iter().enumerate() {
            let next = outcome.passes.get(k + 1).map_or(&outcome.text, |p| &p.before);
            check_pass(&format!("{name} pass {k}"), &pass.before, &pass.applied, next);
        }
        let again = SourceFile::new(src.path.clone(), outcome.text.clone());
        let (_, _, n2) = engine.fix(&again, loaded, &settings, FixMode::All);
        assert_eq!(n2, 0, "{name}: a second --fix applied {n2} fixes");
        checked += 1;
    }
    assert!(checked > 100, "checked only {checked} articles");
}
