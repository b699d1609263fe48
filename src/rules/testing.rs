//! Helpers for the rules' unit tests: run one rule over a text with the default settings.

use crate::config::{Selection, Settings};
use crate::diagnostic::Diagnostic;
use crate::rules::packs::CompiledPacks;
use crate::rules::{Context, Registry, Rule};
use crate::source::SourceFile;

/// Runs one rule over a text with the default settings; returns the findings and the source.
pub fn run(rule: &dyn Rule, text: &str) -> (Vec<Diagnostic>, SourceFile) {
    run_with(rule, text, "")
}

/// Runs one rule with its options given as the TOML body of `[rules.RULE]`.
pub fn run_with(rule: &dyn Rule, text: &str, options: &str) -> (Vec<Diagnostic>, SourceFile) {
    run_file(rule, SourceFile::new("t.txt", text.to_string()), options)
}

/// As [`run`], over a Markdown file.
pub fn run_markdown(rule: &dyn Rule, text: &str) -> (Vec<Diagnostic>, SourceFile) {
    run_file(rule, SourceFile::new("t.md", text.to_string()), "")
}

fn run_file(rule: &dyn Rule, src: SourceFile, options: &str) -> (Vec<Diagnostic>, SourceFile) {
    let out = {
        let doc = crate::document::build(&src);
        let registry = Registry::builtin();
        let mut selection = Selection::default();
        let table: toml::Table = toml::from_str(options).expect("test options are valid TOML");
        selection.options.insert(rule.id().to_string(), table);
        let settings = Settings::resolve(&registry, &selection);
        let packs = CompiledPacks::new(None, Vec::new());
        let cx = Context {
            doc: &doc,
            options: &settings.options,
            packs: &packs,
            preferred: None,
        };
        let mut out = Vec::new();
        rule.check(&cx, &mut out);
        out
    };
    (out, src)
}

/// The flagged texts of a rule's findings.
pub fn flagged(rule: &dyn Rule, text: &str) -> Vec<String> {
    slices(run(rule, text))
}

/// As [`flagged`], over a Markdown file.
pub fn flagged_markdown(rule: &dyn Rule, text: &str) -> Vec<String> {
    slices(run_markdown(rule, text))
}

fn slices((out, src): (Vec<Diagnostic>, SourceFile)) -> Vec<String> {
    out.iter().map(|d| src.slice(d.span).to_string()).collect()
}

/// The source's text with the fixes of every finding applied at once (one pass of
/// `--fix --unsafe-fixes` over one rule's findings).
pub fn with_fixes(src: &SourceFile, out: &[Diagnostic]) -> String {
    crate::diagnostic::apply_fixes(&src.text, out.iter().filter_map(|d| d.fix.as_ref())).0
}

/// Each finding's flagged text and the replacement its fix offers ("" without a fix).
pub fn texts_and_fixes(rule: &dyn Rule, text: &str) -> Vec<(String, String)> {
    let (out, src) = run(rule, text);
    out.into_iter()
        .map(|d| {
            (
                src.slice(d.span).to_string(),
                d.fix.map(|f| f.replacement).unwrap_or_default(),
            )
        })
        .collect()
}
