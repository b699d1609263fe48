//! Configuration: `tadqiq.toml` (or `.tadqiq.toml`) found from a file's folder upwards to the
//! repository root, or named with `--config`. Raw options are all optional and strict (an unknown
//! key or rule id is an error naming file, line and key); they resolve into [`Settings`].

use crate::diagnostic::Severity;
use crate::rules::{OptionKind, Registry};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const CONFIG_NAMES: &[&str] = &["tadqiq.toml", ".tadqiq.toml"];

/// A configuration or rule-pack problem, located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(key) = &self.key {
            write!(f, "key `{key}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    pub fn at(path: &Path, text: &str, offset: Option<usize>, key: Option<&str>, message: impl Into<String>) -> Self {
        ConfigError {
            path: path.to_path_buf(),
            line: offset.map(|o| line_of(text, o)),
            key: key.map(str::to_string),
            message: message.into(),
        }
    }

    /// From a TOML parse or schema error, with the offending key pulled out of serde's message.
    pub fn from_toml(path: &Path, text: &str, e: &toml::de::Error) -> Self {
        Self::from_toml_at(path, text, 0, e)
    }

    /// As [`Self::from_toml`], for an error in the piece of `text` that starts at byte `base`
    /// (a pack is read a piece at a time).
    pub fn from_toml_at(path: &Path, text: &str, base: usize, e: &toml::de::Error) -> Self {
        let message = e.message().trim().to_string();
        let at = e.span().map(|s| base + s.start);
        let key = message
            .strip_prefix("unknown field `")
            .and_then(|r| r.split('`').next())
            .map(str::to_string)
            .or_else(|| at.and_then(|at| key_before(text, at)));
        ConfigError {
            path: path.to_path_buf(),
            line: at.map(|at| line_of(text, at)),
            key,
            message,
        }
    }
}

/// The key whose value starts at `offset`, from its line (`key = value`): what a type error
/// in that value is about. None when the value does not start on the key's line.
fn key_before(text: &str, offset: usize) -> Option<String> {
    let head = text.get(..offset)?;
    let line = &head[head.rfind('\n').map_or(0, |i| i + 1)..];
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then(|| key.to_string())
}

pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

/// The selection keys, as every layer (the file's top level and each override) has them.
#[derive(Debug, Default)]
struct RawSelection {
    select: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<String, Spanned<String>>>,
    rules: Option<BTreeMap<String, Spanned<toml::Table>>>,
    preferred: Option<BTreeMap<String, Spanned<String>>>,
}

/// Declares a raw config struct with the selection keys plus its own, and how to take the
/// selection out. (`#[serde(flatten)]` would be shorter, but it buffers values and loses the
/// spans that error messages need.)
macro_rules! with_selection {
    ($(#[$m:meta])* struct $name:ident { $($field:ident: $ty:ty,)* }) => {
        $(#[$m])*
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        struct $name {
            select: Option<Vec<Spanned<String>>>,
            extend_select: Option<Vec<Spanned<String>>>,
            ignore: Option<Vec<Spanned<String>>>,
            // Keys are plain strings (TOML gives map keys no span); a problem with a key is
            // located by its value or its table header.
            severity: Option<BTreeMap<String, Spanned<String>>>,
            rules: Option<BTreeMap<String, Spanned<toml::Table>>>,
            preferred: Option<BTreeMap<String, Spanned<String>>>,
            $($field: $ty,)*
        }

        impl $name {
            fn take_selection(&mut self) -> RawSelection {
                RawSelection {
                    select: self.select.take(),
                    extend_select: self.extend_select.take(),
                    ignore: self.ignore.take(),
                    severity: self.severity.take(),
                    rules: self.rules.take(),
                    preferred: self.preferred.take(),
                }
            }
        }
    };
}

with_selection! {
    struct RawConfig {
        rules_dirs: Option<Vec<Spanned<String>>>,
        profile: Option<Spanned<String>>,
        extensions: Option<Vec<String>>,
        overrides: Option<Vec<RawOverride>>,
    }
}

with_selection! {
    struct RawOverride {
        paths: Vec<Spanned<String>>,
    }
}

/// Options of every rule, as given in `[rules.RULE]`.
#[derive(Clone, Debug, Default)]
pub struct RuleOptions {
    tables: HashMap<String, toml::Table>,
}

impl RuleOptions {
    pub fn int(&self, rule: &str, name: &str) -> Option<i64> {
        self.tables.get(rule)?.get(name)?.as_integer()
    }

    pub fn bool(&self, rule: &str, name: &str) -> Option<bool> {
        self.tables.get(rule)?.get(name)?.as_bool()
    }

    pub fn string(&self, rule: &str, name: &str) -> Option<String> {
        self.tables.get(rule)?.get(name)?.as_str().map(str::to_string)
    }

    pub fn strings(&self, rule: &str, name: &str) -> Option<Vec<String>> {
        let arr = self.tables.get(rule)?.get(name)?.as_array()?;
        Some(arr.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
    }
}

/// What one configuration layer says about rule selection.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: HashMap<String, Severity>,
    pub options: HashMap<String, toml::Table>,
    /// (wrong, right) pairs: the house's preferred spellings.
    pub preferred: Vec<(String, String)>,
}

impl Selection {
    /// Lays `other` over `self`: a later `select` replaces, ignores and options accumulate.
    pub fn merge(&mut self, other: &Selection) {
        if other.select.is_some() {
            self.select = other.select.clone();
        }
        self.extend_select.extend(other.extend_select.iter().cloned());
        self.ignore.extend(other.ignore.iter().cloned());
        self.severity
            .extend(other.severity.iter().map(|(k, v)| (k.clone(), *v)));
        for (rule, table) in &other.options {
            let entry = self.options.entry(rule.clone()).or_default();
            for (k, v) in table {
                entry.insert(k.clone(), v.clone());
            }
        }
        self.preferred.extend(other.preferred.iter().cloned());
    }
}

#[derive(Debug)]
pub struct Override {
    pub globs: GlobSet,
    pub selection: Selection,
}

/// A parsed, validated configuration file.
#[derive(Debug, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    /// The folder the config's relative paths and globs are taken from.
    pub root: PathBuf,
    pub base: Selection,
    pub rules_dirs: Vec<PathBuf>,
    pub profile: Option<String>,
    pub extensions: Option<Vec<String>>,
    pub overrides: Vec<Override>,
}

/// Names a rule selector may use: a rule id, a family, or `all`.
pub fn selector_is_known(registry: &Registry, name: &str) -> bool {
    name == "all" || registry.get(name).is_some() || registry.families().any(|f| f == name)
}

impl Config {
    pub fn load(path: &Path, registry: &Registry) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: None,
            key: None,
            message: format!("cannot read: {e}"),
        })?;
        Self::parse(path, &text, registry)
    }

    pub fn parse(path: &Path, text: &str, registry: &Registry) -> Result<Config, ConfigError> {
        let mut raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let base = resolve_selection(path, text, &raw.take_selection(), registry)?;
        let mut overrides = Vec::new();
        for mut o in raw.overrides.take().unwrap_or_default() {
            let mut b = GlobSetBuilder::new();
            for g in &o.paths {
                let glob = Glob::new(g.get_ref()).map_err(|e| {
                    ConfigError::at(
                        path,
                        text,
                        Some(g.span().start),
                        Some("paths"),
                        format!("bad glob: {e}"),
                    )
                })?;
                b.add(glob);
            }
            let globs = b
                .build()
                .map_err(|e| ConfigError::at(path, text, None, Some("paths"), e.to_string()))?;
            overrides.push(Override {
                globs,
                selection: resolve_selection(path, text, &o.take_selection(), registry)?,
            });
        }
        let profile = match raw.profile {
            Some(p) => {
                if let Some(why) = crate::rules::packs::unknown_profile(p.get_ref()) {
                    return Err(ConfigError::at(path, text, Some(p.span().start), Some("profile"), why));
                }
                Some(p.into_inner())
            }
            None => None,
        };
        Ok(Config {
            path: Some(path.to_path_buf()),
            rules_dirs: raw
                .rules_dirs
                .unwrap_or_default()
                .into_iter()
                .map(|d| root.join(d.into_inner()))
                .collect(),
            root,
            base,
            profile,
            extensions: raw.extensions,
            overrides,
        })
    }

    /// The selection in force for one file: the base, then every override whose glob matches the
    /// file's path relative to the config's folder.
    pub fn selection_for(&self, file: &Path) -> Selection {
        let mut sel = self.base.clone();
        // The root comes from discovery, canonical; the file is as given on the command line,
        // often relative: compare them in the same form.
        let absolute = absolute_path(file);
        let rel = absolute
            .strip_prefix(&self.root)
            .or_else(|_| file.strip_prefix(&self.root))
            .unwrap_or(file);
        for o in &self.overrides {
            if o.globs.is_match(rel) {
                sel.merge(&o.selection);
            }
        }
        sel
    }

    /// Finds the config governing `dir`: the nearest `tadqiq.toml`/`.tadqiq.toml` upwards,
    /// stopping at the repository root (a folder holding `.git`).
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        let mut cur = Some(dir);
        while let Some(d) = cur {
            for name in CONFIG_NAMES {
                let candidate = d.join(name);
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
            if d.join(".git").exists() {
                return None;
            }
            cur = d.parent();
        }
        None
    }
}

/// The configuration governing each file: discovered from its folder upwards, the answers kept
/// for the folders met lately. A run meets a folder's files together (in path order), so a few
/// thousand folders remembered are as good as all of them, and an archive with a folder per
/// article does not grow the memory.
#[derive(Debug, Default)]
pub struct ConfigFinder {
    /// By folder as written, looked up without a system call.
    by_folder: std::sync::Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// By folder made canonical (system calls), so that two spellings of a folder share a walk.
    by_canonical: std::sync::Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl ConfigFinder {
    /// Folders remembered in each map; past that, the map starts again.
    const FOLDERS_KEPT: usize = 4096;

    /// The configuration path governing `file`, if any.
    pub fn for_file(&self, file: &Path) -> Option<PathBuf> {
        let dir = file
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if let Some(hit) = Self::recall(&self.by_folder, dir) {
            return hit;
        }
        let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let found = match Self::recall(&self.by_canonical, &canonical) {
            Some(hit) => hit,
            None => {
                let found = Config::discover(&canonical);
                Self::remember(&self.by_canonical, canonical, found.clone());
                found
            }
        };
        Self::remember(&self.by_folder, dir.to_path_buf(), found.clone());
        found
    }

    fn recall(map: &std::sync::Mutex<HashMap<PathBuf, Option<PathBuf>>>, dir: &Path) -> Option<Option<PathBuf>> {
        map.lock().ok()?.get(dir).cloned()
    }

    fn remember(map: &std::sync::Mutex<HashMap<PathBuf, Option<PathBuf>>>, dir: PathBuf, found: Option<PathBuf>) {
        if let Ok(mut map) = map.lock() {
            if map.len() >= Self::FOLDERS_KEPT {
                map.clear();
            }
            map.insert(dir, found);
        }
    }
}

fn resolve_selection(
    path: &Path,
    text: &str,
    raw: &RawSelection,
    registry: &Registry,
) -> Result<Selection, ConfigError> {
    let check_names = |names: &Option<Vec<Spanned<String>>>, key: &str| -> Result<Option<Vec<String>>, ConfigError> {
        let Some(names) = names else { return Ok(None) };
        let mut out = Vec::new();
        for n in names {
            if !selector_is_known(registry, n.get_ref()) {
                return Err(ConfigError::at(
                    path,
                    text,
                    Some(n.span().start),
                    Some(key),
                    format!("unknown rule or family `{}`", n.get_ref()),
                ));
            }
            out.push(n.get_ref().clone());
        }
        Ok(Some(out))
    };
    let select = check_names(&raw.select, "select")?;
    let extend_select = check_names(&raw.extend_select, "extend-select")?.unwrap_or_default();
    let ignore = check_names(&raw.ignore, "ignore")?.unwrap_or_default();
    let mut severity = HashMap::new();
    for (rule, sev) in raw.severity.iter().flatten() {
        if registry.get(rule).is_none() {
            return Err(ConfigError::at(
                path,
                text,
                Some(sev.span().start),
                Some(rule),
                format!("unknown rule `{rule}` in [severity]"),
            ));
        }
        let Some(s) = Severity::parse(sev.get_ref()) else {
            return Err(ConfigError::at(
                path,
                text,
                Some(sev.span().start),
                Some(rule),
                format!("severity must be error, warning or info, not `{}`", sev.get_ref()),
            ));
        };
        severity.insert(rule.clone(), s);
    }
    let mut options = HashMap::new();
    for (rule, table) in raw.rules.iter().flatten() {
        let Some(r) = registry.get(rule) else {
            return Err(ConfigError::at(
                path,
                text,
                Some(header_offset(text, rule).unwrap_or(table.span().start)),
                Some(rule),
                format!("unknown rule `{rule}` in [rules]"),
            ));
        };
        let meta = r.meta();
        for (k, v) in table.get_ref() {
            let Some(spec) = meta.options.iter().find(|o| o.name == k) else {
                return Err(ConfigError::at(
                    path,
                    text,
                    Some(key_offset(text, table.span(), k)),
                    Some(&format!("rules.{rule}.{k}")),
                    format!(
                        "unknown option `{k}` for rule `{rule}` (options: {})",
                        if meta.options.is_empty() {
                            "none".to_string()
                        } else {
                            meta.options.iter().map(|o| o.name).collect::<Vec<_>>().join(", ")
                        }
                    ),
                ));
            };
            let ok = match spec.kind {
                OptionKind::Integer => v.is_integer(),
                OptionKind::Boolean => v.is_bool(),
                OptionKind::Strings => v.as_array().is_some_and(|a| a.iter().all(|x| x.is_str())),
                OptionKind::Choice(values) => v.as_str().is_some_and(|s| values.contains(&s)),
            };
            if !ok {
                let expected = match spec.kind {
                    OptionKind::Choice(values) => format!("one of \"{}\"", values.join("\", \"")),
                    kind => format!("{kind:?}").to_lowercase(),
                };
                return Err(ConfigError::at(
                    path,
                    text,
                    Some(key_offset(text, table.span(), k)),
                    Some(&format!("rules.{rule}.{k}")),
                    format!("option `{k}` must be {expected}"),
                ));
            }
        }
        options.insert(rule.clone(), table.get_ref().clone());
    }
    let preferred = raw
        .preferred
        .iter()
        .flatten()
        .map(|(w, r)| (w.clone(), r.get_ref().clone()))
        .collect();
    Ok(Selection {
        select,
        extend_select,
        ignore,
        severity,
        options,
        preferred,
    })
}

/// Where the `[rules.NAME]` header of a table sits in the text.
fn header_offset(text: &str, rule: &str) -> Option<usize> {
    text.find(&format!("[rules.{rule}]"))
        .or_else(|| text.find(&format!("[rules.\"{rule}\"]")))
}

/// Where key `key` starts in the table that begins at `span` (the table runs to the next header),
/// or the span's start.
fn key_offset(text: &str, span: std::ops::Range<usize>, key: &str) -> usize {
    let start = span.start.min(text.len());
    let end = text[start..]
        .find("\n[")
        .map_or(text.len(), |i| start + i + 1)
        .max(span.end.min(text.len()));
    text.get(start..end)
        .and_then(|t| {
            t.match_indices(key)
                .find(|(i, _)| *i == 0 || t.as_bytes()[i - 1] == b'\n' || t.as_bytes()[i - 1] == b' ')
        })
        .map_or(span.start, |(i, _)| start + i)
}

/// Which rules run for a file, at which severity, with which options.
#[derive(Clone, Debug)]
pub struct Settings {
    pub enabled: Vec<bool>,
    pub severity: HashMap<String, Severity>,
    pub options: RuleOptions,
    pub preferred: Vec<(String, String)>,
}

impl Settings {
    /// Resolves a selection (config layers merged, then the command line's) against the registry.
    pub fn resolve(registry: &Registry, sel: &Selection) -> Settings {
        let expand = |names: &[String]| -> HashSet<String> {
            let mut out = HashSet::new();
            for n in names {
                for r in registry.rules() {
                    let m = r.meta();
                    if n == "all" || *n == m.id || *n == m.family {
                        out.insert(m.id.to_string());
                    }
                }
            }
            out
        };
        let selected = match &sel.select {
            Some(s) => expand(s),
            None => registry
                .rules()
                .iter()
                .filter(|r| registry.default_enabled(&r.meta().id))
                .map(|r| r.meta().id.to_string())
                .collect(),
        };
        let extend = expand(&sel.extend_select);
        let ignored = expand(&sel.ignore);
        let enabled = registry
            .rules()
            .iter()
            .map(|r| {
                let id = r.meta().id.as_ref();
                (selected.contains(id) || extend.contains(id)) && !ignored.contains(id)
            })
            .collect();
        Settings {
            enabled,
            severity: sel.severity.clone(),
            options: RuleOptions {
                tables: sel.options.clone(),
            },
            preferred: sel.preferred.clone(),
        }
    }
}

/// The commented starter written by `tadqiq init`.
pub const STARTER: &str = r#"# tadqiq configuration. Every key is optional; an unknown key is an error.
# Rules can be named by id (spelling-variant) or by family (consistency); `tadqiq rules` lists them.

# Replace the default set of rules (all of them):
# select = ["all"]
# Add to the set, or take away from it:
# extend-select = []
# ignore = ["trailing-whitespace"]

# Change a rule's severity (error, warning or info):
# [severity]
# repeated-space = "info"

# A rule's options (`tadqiq explain RULE` lists them):
# [rules.spelling-variant]
# min-length = 4

# The house's preferred spellings, reported and fixed by preferred-spelling:
# [preferred]
# "أمريكي" = "أميركي"
# "الثلثاء" = "الثلاثاء"

# A region profile: levant, egypt, gulf or maghreb. It sets spellings (أميركي/أمريكي, غوغل/جوجل,
# في/فى) and the house's month names, digits and quotation marks.
# profile = "levant"

# The house's typography without a profile, or against it:
# [rules.month-system]
# prefer = "levant"       # gregorian, levant, maghreb, morocco
# [rules.digit-style]
# prefer = "western"      # western, arabic-indic
# [rules.quote-style]
# prefer = "guillemets"   # guillemets, straight, curly

# Folders with the house's own rule packs (TOML, see rules/README.md):
# rules-dirs = ["house-rules"]

# File extensions linted when walking folders:
# extensions = ["txt", "md", "markdown"]

# Settings for some paths only (globs relative to this file):
# [[overrides]]
# paths = ["archive/**"]
# ignore = ["web-residue"]
"#;

/// A file's path made absolute through its canonical folder (the file itself need not exist).
fn absolute_path(file: &Path) -> PathBuf {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(dir), file.file_name()) {
        (Ok(d), Some(name)) => d.join(name),
        _ => std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_keys_parse_at_top_level_and_in_overrides() {
        let registry = Registry::builtin();
        let text = "ignore = [\"trailing-whitespace\"]\n[severity]\nforeign-letter = \"info\"\n[[overrides]]\npaths = [\"briefs/**\"]\nignore = [\"unbalanced-quote\"]\n";
        let config = Config::parse(Path::new("/n/tadqiq.toml"), text, &registry).expect("valid config");
        let sel = config.selection_for(Path::new("/n/briefs/a.txt"));
        assert!(sel.ignore.iter().any(|r| r == "trailing-whitespace"));
        assert!(sel.ignore.iter().any(|r| r == "unbalanced-quote"));
        let sel = config.selection_for(Path::new("/n/articles/a.md"));
        assert!(!sel.ignore.iter().any(|r| r == "unbalanced-quote"));
        let err = Config::parse(
            Path::new("t.toml"),
            "[[overrides]]\npaths = []\nignor = []\n",
            &registry,
        )
        .expect_err("unknown key");
        assert_eq!((err.line, err.key.as_deref()), (Some(3), Some("ignor")));
        // A relative file path is matched against the (canonical) folder of the config.
        let dir = tempfile::tempdir().expect("temp dir");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        std::fs::create_dir(root.join("briefs")).expect("mkdir");
        let config = Config::parse(&root.join("tadqiq.toml"), text, &registry).expect("valid config");
        let cwd = std::env::current_dir().expect("cwd");
        let relative: PathBuf = pathdiff(&root.join("briefs/a.txt"), &cwd);
        let sel = config.selection_for(&relative);
        assert!(sel.ignore.iter().any(|r| r == "unbalanced-quote"), "{relative:?}");
    }

    /// `target` relative to `base`, with `..` as needed.
    fn pathdiff(target: &Path, base: &Path) -> PathBuf {
        let t: Vec<_> = target.components().collect();
        let b: Vec<_> = base.components().collect();
        let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let mut out = PathBuf::new();
        for _ in common..b.len() {
            out.push("..");
        }
        for c in &t[common..] {
            out.push(c);
        }
        out
    }

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("tadqiq.toml"), text, &Registry::builtin())
    }

    #[test]
    fn tables_with_keys_parse() {
        let c = parse("[severity]\nrepeated-space = \"info\"\n").unwrap();
        assert_eq!(c.base.severity.get("repeated-space"), Some(&Severity::Info));
        let c = parse("[preferred]\n\"أمريكي\" = \"أميركي\"\n\"الثلثاء\" = \"الثلاثاء\"\n").unwrap();
        assert_eq!(
            c.base.preferred,
            [
                ("أمريكي".to_string(), "أميركي".to_string()),
                ("الثلثاء".to_string(), "الثلاثاء".to_string())
            ]
        );
        let c = parse("profile = \"levant\"\n[rules.digit-style]\nprefer = \"western\"\n").unwrap();
        assert_eq!(c.profile.as_deref(), Some("levant"));
        let e = parse("[rules.digit-style]\nprefer = \"roman\"\n").unwrap_err();
        assert!(e.message.contains("one of"), "{e}");
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_key() {
        for (text, key, line) in [
            ("ignore = \"tatweel\"\n", "ignore", 1),
            ("[severity]\ntatweel = 3\n", "tatweel", 2),
            ("extensions = [\"txt\", 3]\n", "extensions", 1),
        ] {
            let e = parse(text).unwrap_err();
            assert_eq!(e.key.as_deref(), Some(key), "{text:?}: {e}");
            assert_eq!(e.line, Some(line), "{text:?}: {e}");
        }
    }
}

#[cfg(test)]
mod override_tests {
    use super::*;

    #[test]
    fn selections_and_overrides_parse_with_positions() {
        let reg = Registry::builtin();
        let text = "select = [\"all\"]\nignore = [\"tatweel\"]\n[[overrides]]\npaths = [\"archive/**\"]\nignore = [\"digit-style\"]\n[overrides.preferred]\n\"ترمب\" = \"ترامب\"\n";
        let c = Config::parse(Path::new("/x/tadqiq.toml"), text, &reg).unwrap();
        assert_eq!(c.base.ignore, ["tatweel"]);
        let sel = c.selection_for(Path::new("/x/archive/a.txt"));
        assert_eq!(sel.ignore, ["tatweel", "digit-style"]);
        assert_eq!(sel.preferred, [("ترمب".to_string(), "ترامب".to_string())]);
        let e = Config::parse(
            Path::new("t.toml"),
            "select = [\"all\"]\nignore = [\"no-such-rule\"]\n",
            &reg,
        )
        .unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (Some(2), Some("ignore")));
        let e = Config::parse(Path::new("t.toml"), "selec = []\n", &reg).unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (Some(1), Some("selec")));
    }
}

#[cfg(test)]
mod finder_tests {
    use super::*;

    #[test]
    fn a_finder_that_forgot_its_folders_gives_the_same_answers() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("desk/sub")).unwrap();
        std::fs::write(root.join("desk/tadqiq.toml"), "").unwrap();
        let finder = ConfigFinder::default();
        let governed = root.join("desk/sub/a.txt");
        let config = Some(root.join("desk/tadqiq.toml"));
        assert_eq!(finder.for_file(&governed), config);
        // More folders than it keeps (they need not exist: none has a configuration).
        for i in 0..ConfigFinder::FOLDERS_KEPT + 10 {
            assert_eq!(finder.for_file(&root.join(format!("f{i}/a.txt"))), None);
        }
        for map in [&finder.by_folder, &finder.by_canonical] {
            let kept = map.lock().unwrap().len();
            assert!((1..=ConfigFinder::FOLDERS_KEPT).contains(&kept), "{kept} folders kept");
        }
        assert_eq!(finder.for_file(&governed), config);
        assert_eq!(finder.for_file(&root.join("desk/b.txt")), config);
        assert_eq!(finder.for_file(&root.join("b.txt")), None);
    }
}
