//! Throughput of the document build and of each rule family over the whole corpus.
//!
//! `cargo bench --bench rules` times, with divan, on every article of ../shared/corpus (skipped
//! with a message when the corpus is absent):
//!
//! - `document_build`: reading every article into the document model (segmentation, folding,
//!   clitic splits, quote pairing, dates);
//! - `family`: each rule family's rules over every article's document (built beforehand, not
//!   timed), one family per row, with the default settings and the built-in packs;
//! - `all_rules`: every rule, with suppression and sorting, as `tadqiq check` runs them.
//!
//! Each sample runs over the whole corpus, so the times are per corpus (7.5 MB), and the
//! throughput column reads in bytes per second. The whole-process figures (start-up, reading,
//! threads, output) are `scripts/bench.sh`'s.

use divan::{Bencher, counter::BytesCount};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use tadqiq::config::{Selection, Settings};
use tadqiq::document::{self, Document};
use tadqiq::lint::{Engine, Loaded};
use tadqiq::rules::packs::CompiledPacks;
use tadqiq::rules::{Context, Registry};
use tadqiq::source::SourceFile;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// Every article of the corpus, read once.
static CORPUS: LazyLock<Vec<SourceFile>> = LazyLock::new(|| {
    let mut paths: Vec<PathBuf> = ignore::WalkBuilder::new(corpus_dir())
        .build()
        .flatten()
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some(SourceFile::new(p.display().to_string(), text))
        })
        .collect()
});

fn corpus_bytes() -> BytesCount {
    BytesCount::new(CORPUS.iter().map(|s| s.text.len()).sum::<usize>())
}

static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::builtin);
static SETTINGS: LazyLock<Settings> = LazyLock::new(|| Settings::resolve(&REGISTRY, &Selection::default()));
static PACKS: LazyLock<CompiledPacks> = LazyLock::new(|| CompiledPacks::new(None, Vec::new()));

/// The rule families, in the order `tadqiq rules` groups them.
const FAMILIES: &[&str] = &[
    "attribution",
    "consistency",
    "dates",
    "house-style",
    "hygiene",
    "orthography",
    "punctuation",
    "repetition",
];

#[divan::bench(sample_count = 10, sample_size = 1)]
fn document_build(bencher: Bencher) {
    bencher.counter(corpus_bytes()).bench_local(|| {
        for src in CORPUS.iter() {
            divan::black_box(document::build(src));
        }
    });
}

/// Runs the rules of `family` over fresh documents (documents share views between rules, so a
/// sample must not find them made by the one before).
#[divan::bench(args = FAMILIES, sample_count = 10, sample_size = 1)]
fn family(bencher: Bencher, family: &str) {
    let rules: Vec<usize> = REGISTRY
        .rules()
        .iter()
        .enumerate()
        .filter(|(i, r)| r.meta().family == family && SETTINGS.enabled[*i])
        .map(|(i, _)| i)
        .collect();
    bencher
        .counter(corpus_bytes())
        .with_inputs(|| CORPUS.iter().map(document::build).collect::<Vec<Document<'static>>>())
        .bench_local_refs(|docs| {
            let mut found = 0;
            for doc in docs.iter() {
                let cx = Context {
                    doc,
                    options: &SETTINGS.options,
                    packs: &PACKS,
                    preferred: None,
                };
                let mut out = Vec::new();
                for &i in &rules {
                    REGISTRY.rules()[i].check(&cx, &mut out);
                }
                found += out.len();
            }
            found
        });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn all_rules(bencher: Bencher) {
    let engine = Engine::new(None, &[], Selection::default()).expect("the built-in configuration loads");
    let loaded = Loaded::new(Default::default(), CompiledPacks::new(None, Vec::new()));
    let settings = engine.settings_for(&loaded, Path::new("article.txt"));
    bencher
        .counter(corpus_bytes())
        .with_inputs(|| CORPUS.iter().map(document::build).collect::<Vec<Document<'static>>>())
        .bench_local_refs(|docs| {
            docs.iter()
                .map(|doc| engine.lint_document(doc, &loaded, &settings).len())
                .sum::<usize>()
        });
}

fn main() {
    // `cargo test --all-targets` runs this binary without --bench: nothing to time then (an
    // unoptimized build would only slow the tests down).
    if !std::env::args().any(|a| a == "--bench") {
        println!("rules bench: run it with `cargo bench --bench rules`");
        return;
    }
    if !corpus_dir().is_dir() || CORPUS.is_empty() {
        println!(
            "rules bench: no corpus at {}: nothing to time (the bench reads ../shared/corpus)",
            corpus_dir().display()
        );
        return;
    }
    let known: Vec<&str> = REGISTRY.families().collect();
    if known != FAMILIES {
        println!("rules bench: the families are now {known:?}; update FAMILIES in benches/rules.rs");
    }
    println!(
        "rules bench: {} articles, {:.1} MB",
        CORPUS.len(),
        CORPUS.iter().map(|s| s.text.len()).sum::<usize>() as f64 / 1e6
    );
    divan::main();
}
