//! The pre-commit hook, through the real `pre-commit` (from PyPI) in a temporary git repository:
//! committing an article with a problem is blocked, a clean one passes.
//!
//! The hook repository is a copy of this working tree (the files git tracks or would track),
//! committed with fixed dates so that an unchanged tree gives the same commit: pre-commit then
//! reuses the tadqiq it built before. pre-commit's cache and cargo's target folder live under
//! `target/precommit-test/`, so only the first run pays for the `cargo install` (minutes), and
//! later ones rebuild only what changed.
//!
//! Skipped, with a message, when `pre-commit` or `git` is not installed (`.ci/run` installs
//! pre-commit with pip), or when `TADQIQ_SKIP_PRECOMMIT=1` is set — for quick local runs while
//! iterating on the source, since every change to `src/` costs one release build here; CI runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A command with an environment that makes commits reproducible and keeps caches in `work`.
fn cmd(program: &str, dir: &Path, work: &Path) -> Command {
    let mut c = Command::new(program);
    c.current_dir(dir)
        .env("PRE_COMMIT_HOME", work.join("pre-commit-home"))
        .env("CARGO_TARGET_DIR", work.join("cargo-target"))
        .env("GIT_AUTHOR_NAME", "tadqiq test")
        .env("GIT_AUTHOR_EMAIL", "test@tadqiq.invalid")
        .env("GIT_COMMITTER_NAME", "tadqiq test")
        .env("GIT_COMMITTER_EMAIL", "test@tadqiq.invalid")
        .env("GIT_AUTHOR_DATE", "2024-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2024-01-01T00:00:00Z")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", work.join("gitconfig"))
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE");
    c
}

fn run(mut c: Command) -> Output {
    let out = c.output().expect("run command");
    assert!(
        out.status.success(),
        "{c:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn git(dir: &Path, work: &Path, args: &[&str]) -> Output {
    let mut c = cmd("git", dir, work);
    c.args(args);
    run(c)
}

/// Copies the working tree's files (tracked, or untracked and not ignored) into `dest` and commits
/// them; returns the commit. Fixtures and tests are left out — `cargo install` does not build
/// them — so that editing a test does not make pre-commit build tadqiq again (unless the manifest
/// names test targets, whose files cargo then wants).
fn hook_repository(root: &Path, dest: &Path, work: &Path) -> String {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap_or_default();
    let keep_tests = manifest.contains("[[test]]");
    let listed = git(
        root,
        work,
        &["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    );
    if dest.exists() {
        std::fs::remove_dir_all(dest).expect("clear the old hook repository");
    }
    std::fs::create_dir_all(dest).expect("create the hook repository");
    for name in listed.stdout.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let rel = PathBuf::from(String::from_utf8_lossy(name).into_owned());
        if rel.starts_with("fixtures") || (rel.starts_with("tests") && !keep_tests) {
            continue;
        }
        let from = root.join(&rel);
        if !from.is_file() {
            continue; // deleted in the working tree
        }
        let to = dest.join(&rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::copy(&from, &to).expect("copy file");
    }
    git(dest, work, &["init", "-q"]);
    git(dest, work, &["add", "-A"]);
    git(dest, work, &["commit", "-q", "--no-verify", "-m", "tadqiq under test"]);
    let head = git(dest, work, &["rev-parse", "HEAD"]);
    String::from_utf8_lossy(&head.stdout).trim().to_string()
}

#[test]
fn precommit_hook_blocks_a_bad_article_and_passes_a_clean_one() {
    if std::env::var_os("TADQIQ_SKIP_PRECOMMIT").is_some_and(|v| v == "1") {
        eprintln!("SKIPPED precommit test: TADQIQ_SKIP_PRECOMMIT=1");
        return;
    }
    if !installed("pre-commit") {
        eprintln!("SKIPPED precommit test: `pre-commit` is not installed (python3 -m pip install pre-commit)");
        return;
    }
    if !installed("git") {
        eprintln!("SKIPPED precommit test: `git` is not installed");
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = root.join("target/precommit-test");
    std::fs::create_dir_all(&work).expect("work folder");
    std::fs::write(
        work.join("gitconfig"),
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n",
    )
    .expect("git config");
    let rev = hook_repository(&root, &work.join("hook-repo"), &work);

    // The article repository, at a stable path so that `pre-commit gc` can drop old builds.
    let articles = work.join("articles");
    if articles.exists() {
        std::fs::remove_dir_all(&articles).expect("clear the old article repository");
    }
    std::fs::create_dir_all(&articles).expect("article repository");
    git(&articles, &work, &["init", "-q"]);
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: tadqiq\n",
        work.join("hook-repo").display()
    );
    std::fs::write(articles.join(".pre-commit-config.yaml"), config).expect("write config");
    let mut gc = cmd("pre-commit", &articles, &work);
    gc.arg("gc");
    run(gc);
    let mut install = cmd("pre-commit", &articles, &work);
    install.arg("install");
    run(install);
    git(&articles, &work, &["add", ".pre-commit-config.yaml"]);

    // A Persian letter in an article: the commit is blocked and the finding shown.
    std::fs::write(
        articles.join("article.md"),
        "---\ntitle: \"خبر\"\ndate: 2024-03-01\n---\n\nقال الوزير إن الکتاب الأبيض صدر أمس.\n",
    )
    .expect("write article");
    git(&articles, &work, &["add", "article.md"]);
    let mut commit = cmd("git", &articles, &work);
    commit.args(["commit", "-m", "bad article"]);
    let out = commit.output().expect("git commit");
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !out.status.success(),
        "the commit of a bad article must be blocked:\n{shown}"
    );
    assert!(shown.contains("foreign-letter"), "the hook shows the finding:\n{shown}");
    assert!(shown.contains("article.md"), "{shown}");

    // Corrected, it passes; a file of another kind is not the hook's business.
    std::fs::write(
        articles.join("article.md"),
        "---\ntitle: \"خبر\"\ndate: 2024-03-01\n---\n\nقال الوزير إن الكتاب الأبيض صدر أمس.\n",
    )
    .expect("write article");
    std::fs::write(articles.join("notes.py"), "# الکتاب\n").expect("write notes");
    git(&articles, &work, &["add", "article.md", "notes.py"]);
    let mut commit = cmd("git", &articles, &work);
    commit.args(["commit", "-m", "clean article"]);
    let out = run(commit);
    // Git passes a hook's output on to standard error.
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(shown.contains("tadqiq") && shown.contains("Passed"), "{shown}");
}
