//! The linting engine: configuration per file, one document build per file, every enabled rule
//! over it, severities applied, findings sorted; and fixing, pass after pass until nothing changes.

use crate::config::{Config, ConfigError, ConfigFinder, Selection, Settings};
use crate::diagnostic::{Diagnostic, Fix, select_fixes, splice_fixes};
use crate::document::Document;
use crate::rules::packs::{self, CompiledPacks, Pack};
use crate::rules::{Context, Registry};
use crate::source::SourceFile;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A configuration and the packs it brings, loaded once per run.
#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Config,
    pub packs: CompiledPacks,
    /// The `[preferred]` tables in force, compiled into packs once each.
    pub preferred: PreferredCache,
    /// The settings of every file this configuration governs, when it has no `[[overrides]]`
    /// (resolved for the first file, then shared).
    settings: std::sync::OnceLock<Arc<Settings>>,
}

impl Loaded {
    pub fn new(config: Config, packs: CompiledPacks) -> Self {
        Loaded {
            config,
            packs,
            preferred: PreferredCache::default(),
            settings: std::sync::OnceLock::new(),
        }
    }

    /// The compiled pack of a `[preferred]` table (the base one, or one an override extends),
    /// built the first time it is asked for. None for an empty table.
    pub fn preferred_pack(&self, pairs: &[(String, String)]) -> Option<Arc<Pack>> {
        if pairs.is_empty() {
            return None;
        }
        let mut cache = match self.preferred.0.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(pack) = cache.get(pairs) {
            return Some(pack.clone());
        }
        let path = self.config.path.clone().unwrap_or_else(|| PathBuf::from("[preferred]"));
        let pack = Arc::new(Pack::from_pairs(&path, "preferred-spelling", pairs));
        cache.insert(pairs.to_vec(), pack.clone());
        Some(pack)
    }
}

/// Compiled `[preferred]` tables by their pairs. A config has one table, but `[[overrides]]` can
/// extend it for some paths, so there may be a few.
#[derive(Debug, Default)]
pub struct PreferredCache(Mutex<HashMap<PreferredTable, Arc<Pack>>>);

/// A `[preferred]` table: (wrong, right) pairs in the config's order.
type PreferredTable = Vec<(String, String)>;

/// Everything a run needs that does not change from file to file.
pub struct Engine {
    pub registry: Registry,
    /// The configuration named with `--config`, if any: it governs every file.
    forced: Option<Arc<Loaded>>,
    /// Configurations found by discovery, by config path; `None` key = no config found.
    discovered: Mutex<HashMap<Option<PathBuf>, Arc<Loaded>>>,
    /// Which configuration governs a file.
    finder: ConfigFinder,
    /// The command line's selection, laid over every configuration.
    pub cli: Selection,
    /// Publication date from `--date`, used where the file states none.
    pub default_date: Option<jiff::civil::Date>,
}

/// Most passes `--fix` makes: fixes that overlap wait for the next pass, and each pass lints the
/// fixed text again.
pub const MAX_FIX_PASSES: usize = 10;

/// One pass of fixing: the text it started from and the fixes it applied to it (in text order,
/// disjoint).
#[derive(Clone, Debug)]
pub struct FixPass {
    pub before: String,
    pub applied: Vec<Fix>,
}

/// What fixing a file came to: the text, the findings left on it, every pass, and whether the
/// fixes converged (a last pass found nothing more to apply) within `MAX_FIX_PASSES`.
#[derive(Clone, Debug)]
pub struct FixOutcome {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub passes: Vec<FixPass>,
    pub converged: bool,
    /// Fixes that undid each other: a pass gave back a text an earlier pass started from. The
    /// passes from that one on are dropped, and the text is left as it was before them (the
    /// fixes of the cycle come to nothing, and the ones before it stand).
    pub cycled: bool,
}

impl FixOutcome {
    /// Why the fixes did not settle, for the user (None when they did).
    pub fn unsettled(&self) -> Option<String> {
        if self.cycled {
            Some("some fixes undo each other; the text is left as it was before them".to_string())
        } else if !self.converged {
            Some(format!(
                "fixes were still being applied after {MAX_FIX_PASSES} passes; run again to apply the rest"
            ))
        } else {
            None
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    None,
    Safe,
    All,
}

impl FixMode {
    pub fn takes(self, fix: &Fix) -> bool {
        match self {
            FixMode::None => false,
            FixMode::Safe => fix.safe,
            FixMode::All => true,
        }
    }
}

/// The house packs named by a config's `rules-dirs`, read before the config itself is validated
/// (the rule ids those packs define are valid names in the config).
fn house_packs_of(path: &Path) -> Result<Vec<Arc<Pack>>, ConfigError> {
    #[derive(serde::Deserialize)]
    struct DirsOnly {
        #[serde(rename = "rules-dirs")]
        rules_dirs: Option<Vec<toml::Spanned<String>>>,
    }
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: None,
        key: None,
        message: format!("cannot read: {e}"),
    })?;
    let dirs: DirsOnly = toml::from_str(&text).map_err(|e| ConfigError::from_toml(path, &text, &e))?;
    let root = path.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for d in dirs.rules_dirs.unwrap_or_default() {
        let dir = root.join(d.get_ref());
        // A folder that cannot be read is the configuration's error: named at its line.
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            let why = format!("cannot read rule pack folder {}: {e}", dir.display());
            ConfigError::at(path, &text, Some(d.span().start), Some("rules-dirs"), why)
        })?;
        out.extend(packs::load_listing(entries)?);
    }
    Ok(out)
}

impl Engine {
    /// Sets up a run. `config_paths` are every configuration the run will use (the forced one, or
    /// those discovered for the inputs), loaded now so that their house rules join the registry.
    pub fn new(forced: Option<&Path>, discovered: &[PathBuf], cli: Selection) -> Result<Engine, ConfigError> {
        let all: Vec<PathBuf> = forced
            .map(Path::to_path_buf)
            .into_iter()
            .chain(discovered.iter().cloned())
            .collect();
        let mut house: HashMap<PathBuf, Vec<Arc<Pack>>> = HashMap::new();
        for p in &all {
            house.insert(p.clone(), house_packs_of(p)?);
        }
        let registry = Registry::with_packs(house.values().flatten())?;
        for name in cli.select.iter().flatten().chain(&cli.ignore).chain(&cli.extend_select) {
            if !crate::config::selector_is_known(&registry, name) {
                return Err(ConfigError {
                    path: PathBuf::from("<command line>"),
                    line: None,
                    key: None,
                    message: format!("unknown rule or family `{name}` (see `tadqiq rules`)"),
                });
            }
        }
        let load = |p: &PathBuf| -> Result<Arc<Loaded>, ConfigError> {
            let config = Config::load(p, &registry)?;
            let packs = CompiledPacks::new(config.profile.as_deref(), house.get(p).cloned().unwrap_or_default());
            Ok(Arc::new(Loaded::new(config, packs)))
        };
        let forced_loaded = forced.map(|p| load(&p.to_path_buf())).transpose()?;
        let mut disc = HashMap::new();
        for p in discovered {
            disc.insert(Some(p.clone()), load(p)?);
        }
        disc.insert(
            None,
            Arc::new(Loaded::new(Config::default(), CompiledPacks::new(None, Vec::new()))),
        );
        Ok(Engine {
            registry,
            forced: forced_loaded,
            discovered: Mutex::new(disc),
            finder: ConfigFinder::default(),
            cli,
            default_date: None,
        })
    }

    /// Takes over the finder that discovered the configurations, with what it remembers.
    pub fn with_finder(mut self, finder: ConfigFinder) -> Self {
        self.finder = finder;
        self
    }

    /// The loaded configuration for a file. Discovery results not seen at start-up fall back to
    /// running without a config (start-up loads every config the inputs can reach).
    pub fn loaded_for(&self, file: &Path) -> Arc<Loaded> {
        if let Some(f) = &self.forced {
            return f.clone();
        }
        let key = self.finder.for_file(file);
        let map = match self.discovered.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        map.get(&key)
            .or_else(|| map.get(&None))
            .cloned()
            .unwrap_or_else(|| Arc::new(Loaded::new(Config::default(), CompiledPacks::new(None, Vec::new()))))
    }

    pub fn settings_for(&self, loaded: &Loaded, file: &Path) -> Arc<Settings> {
        let resolve = || {
            let mut sel = loaded.config.selection_for(file);
            sel.merge(&self.cli);
            Arc::new(Settings::resolve(&self.registry, &sel))
        };
        // Without overrides, every file of a configuration has the same settings.
        if loaded.config.overrides.is_empty() {
            loaded.settings.get_or_init(resolve).clone()
        } else {
            resolve()
        }
    }

    /// Lints one decoded file.
    pub fn lint(&self, source: &SourceFile, loaded: &Loaded, settings: &Settings) -> Vec<Diagnostic> {
        let mut doc = crate::document::build(source);
        if doc.meta.date.is_none() {
            doc.meta.date = self.default_date;
        }
        self.lint_document(&doc, loaded, settings)
    }

    pub fn lint_document(&self, doc: &Document<'_>, loaded: &Loaded, settings: &Settings) -> Vec<Diagnostic> {
        let preferred = loaded.preferred_pack(&settings.preferred);
        let cx = Context {
            doc,
            options: &settings.options,
            packs: &loaded.packs,
            preferred: preferred.as_deref(),
        };
        let mut out = Vec::new();
        for (i, rule) in self.registry.rules().iter().enumerate() {
            if !settings.enabled[i] {
                continue;
            }
            let start = out.len();
            rule.check(&cx, &mut out);
            if let Some(&sev) = settings.severity.get(rule.id()) {
                for d in &mut out[start..] {
                    d.severity = sev;
                }
            }
        }
        let mut out = crate::document::suppress::apply(doc, out, &self.registry, settings);
        if crate::document::is_markdown(&doc.source.path) {
            crate::document::fix_guard::apply(doc, &mut out);
        }
        out.sort_by(|a, b| (a.span.start, &a.rule, a.span.end).cmp(&(b.span.start, &b.rule, b.span.end)));
        out.dedup_by(|a, b| a.span == b.span && a.rule == b.rule && a.message == b.message);
        out
    }

    /// Applies fixes pass after pass until none applies (or `MAX_FIX_PASSES`). Returns the fixed
    /// text, the findings on it, and how many fixes were applied.
    pub fn fix(
        &self,
        source: &SourceFile,
        loaded: &Loaded,
        settings: &Settings,
        mode: FixMode,
    ) -> (String, Vec<Diagnostic>, usize) {
        let outcome = self.fix_traced(source, loaded, settings, mode);
        let total = outcome.passes.iter().map(|p| p.applied.len()).sum();
        (outcome.text, outcome.diagnostics, total)
    }

    /// As [`Engine::fix`], keeping each pass: the text it started from and the fixes it applied.
    pub fn fix_traced(&self, source: &SourceFile, loaded: &Loaded, settings: &Settings, mode: FixMode) -> FixOutcome {
        let mut current = SourceFile::new(source.path.clone(), source.text.clone());
        let mut passes: Vec<FixPass> = Vec::new();
        for _ in 0..MAX_FIX_PASSES {
            let diags = self.lint(&current, loaded, settings);
            let taken = select_fixes(
                &current.text,
                diags.iter().filter_map(|d| d.fix.as_ref()).filter(|f| mode.takes(f)),
            );
            if taken.is_empty() {
                return FixOutcome {
                    text: current.text,
                    diagnostics: diags,
                    passes,
                    converged: true,
                    cycled: false,
                };
            }
            let text = splice_fixes(&current.text, &taken);
            let applied: Vec<Fix> = taken.into_iter().cloned().collect();
            passes.push(FixPass {
                before: std::mem::take(&mut current.text),
                applied,
            });
            // Two rules that disagree (one spelling or quote style and back) would go round
            // until the passes run out, and stop wherever they were.
            if let Some(first) = passes.iter().position(|p| p.before == text) {
                passes.truncate(first);
                let current = SourceFile::new(source.path.clone(), text);
                return FixOutcome {
                    diagnostics: self.lint(&current, loaded, settings),
                    text: current.text,
                    passes,
                    converged: false,
                    cycled: true,
                };
            }
            current = SourceFile::new(source.path.clone(), text);
        }
        let diags = self.lint(&current, loaded, settings);
        let converged = select_fixes(
            &current.text,
            diags.iter().filter_map(|d| d.fix.as_ref()).filter(|f| mode.takes(f)),
        )
        .is_empty();
        FixOutcome {
            text: current.text,
            diagnostics: diags,
            passes,
            converged,
            cycled: false,
        }
    }
}
