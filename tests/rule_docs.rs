//! Every rule's documentation runs: its Example must make the rule fire and its Use instead must
//! leave it silent. So `tadqiq explain` can never drift from what the rule does. A rule whose
//! examples need a configuration (preferred-spelling) shows it in a ```toml block under Example;
//! an example in a ```markdown block is read as a Markdown file.

use std::path::Path;
use tadqiq::config::{Config, Settings};
use tadqiq::lint::Loaded;
use tadqiq::rules::packs::CompiledPacks;
use tadqiq::rules::{Context, Registry};
use tadqiq::source::SourceFile;

/// The findings of one rule on an example, as the engine reports them (suppressions applied).
fn findings_of(registry: &Registry, rule: &str, text: &str, config: Option<&str>) -> Vec<String> {
    let markdown = registry
        .get(rule)
        .is_some_and(|r| r.meta().doc.contains("```markdown\n"));
    let path = if markdown { "example.md" } else { "example.txt" };
    let src = SourceFile::new(path, text.to_string());
    let doc = tadqiq::document::build(&src);
    let config = match config {
        Some(c) => Config::parse(Path::new("tadqiq.toml"), c, registry).expect("the documented config parses"),
        None => Config::default(),
    };
    let settings = Settings::resolve(registry, &config.base);
    let packs = CompiledPacks::new(config.profile.as_deref(), Vec::new());
    let loaded = Loaded::new(config, packs);
    let preferred = loaded.preferred_pack(&settings.preferred);
    let cx = Context {
        doc: &doc,
        options: &settings.options,
        packs: &loaded.packs,
        preferred: preferred.as_deref(),
    };
    let mut out = Vec::new();
    registry.get(rule).expect("rule exists").check(&cx, &mut out);
    let out = tadqiq::document::suppress::apply(&doc, out, registry, &settings);
    out.into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| format!("{} {:?}", d.message, src.slice(d.span)))
        .collect()
}

#[test]
fn every_rule_example_fires_and_its_fix_is_silent() {
    let registry = Registry::builtin();
    let mut problems = Vec::new();
    for r in registry.rules() {
        let m = r.meta();
        let wrong = m.doc_example("Example").expect("Example block");
        let right = m.doc_example("Use instead").expect("Use instead block");
        let config = m.doc_config();
        if findings_of(&registry, &m.id, &wrong, config.as_deref()).is_empty() {
            problems.push(format!("{}: Example does not fire:\n{wrong}", m.id));
        }
        let silent = findings_of(&registry, &m.id, &right, config.as_deref());
        if !silent.is_empty() {
            problems.push(format!("{}: Use instead fires: {silent:?}", m.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn every_builtin_pack_example_holds() {
    let mut failures = Vec::new();
    let registry = Registry::builtin();
    for pack in tadqiq::rules::packs::builtin() {
        let (_, f) = tadqiq::rules::pack_rule::run_examples(pack, &registry);
        failures.extend(f);
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
