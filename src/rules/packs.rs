//! Data-driven rules: packs of entries in TOML, of four kinds.
//!
//! - *variants*: groups of spellings not to be mixed in one article (optionally a preferred one);
//! - *substitution*: wrong → right;
//! - *existence*: phrases that should not appear;
//! - *pattern*: a regular expression.
//!
//! Built-in packs live in `rules/` and are compiled into the binary; a house adds its own with
//! `rules-dirs`. Every entry carries wrong/right examples that `tadqiq test-rules` runs. Packs are
//! parsed and their automata compiled once per run. Words are matched on tokens, with clitics
//! split off the first word of a phrase, at the level of sameness the kind needs: substitution
//! compares letters exactly (ايضا is wrong, أيضاً is right), variants ignore hamza on alef only
//! (أمريكي and امريكي are one member), existence folds everything.

use super::pack_text;
use crate::config::ConfigError;
use crate::document::{Document, Token, TokenKind};
use crate::source::Span;
use crate::text::chars::{TATWEEL, is_arabic_mark, is_invisible};
use crate::text::wordset::KeyFilter;
use crate::text::{bare, fold};
use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use foldhash::{HashMap, HashMapExt};
use regex::Regex;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use toml::Spanned;

/// About how much of a pack TOML reads at a time ([`Pack::parse`]): its copies of a piece this
/// size are some 2 MB.
const PIECE_BYTES: usize = 64 * 1024;

/// Region profiles a config can select with `profile = "…"`.
pub const PROFILES: &[&str] = &["levant", "egypt", "gulf", "maghreb"];

/// Why `name` is not a region profile, or None when it is one: what a config's or a pack's
/// `profile` key is checked with.
pub fn unknown_profile(name: &str) -> Option<String> {
    (!PROFILES.contains(&name)).then(|| format!("unknown profile `{name}` (known: {})", PROFILES.join(", ")))
}

/// The built-in packs, compiled into the binary. A test checks this list against `rules/`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("rules/variants.toml", include_str!("../../rules/variants.toml")),
    ("rules/misspellings.toml", include_str!("../../rules/misspellings.toml")),
    ("rules/web-residue.toml", include_str!("../../rules/web-residue.toml")),
    (
        "rules/transliterations.toml",
        include_str!("../../rules/transliterations.toml"),
    ),
    (
        "rules/profile-levant.toml",
        include_str!("../../rules/profile-levant.toml"),
    ),
    (
        "rules/profile-egypt.toml",
        include_str!("../../rules/profile-egypt.toml"),
    ),
    ("rules/profile-gulf.toml", include_str!("../../rules/profile-gulf.toml")),
    (
        "rules/profile-maghreb.toml",
        include_str!("../../rules/profile-maghreb.toml"),
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PackKind {
    Variants,
    Substitution,
    Existence,
    Pattern,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub wrong: String,
    pub right: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchMode {
    /// The form is the whole word (after clitics).
    #[default]
    Word,
    /// The form starts the word (أمريك matches أمريكي, أمريكا, الأمريكيين).
    Prefix,
    /// The form is the whole word, or the word with an inflection or pronoun ending
    /// (أمريكي matches أمريكية, أمريكيين, أمريكيون): the one-word pairs of a config's
    /// `[preferred]` table are matched this way.
    Inflected,
}

/// Endings that [`MatchMode::Inflected`] lets follow a form: gender and number endings, the
/// accusative alef, and pronoun suffixes.
pub const INFLECTION_SUFFIXES: &[&str] = &[
    "ه", "ة", "ا", "ان", "ين", "ون", "ات", "تان", "تين", "ية", "يه", "يات", "يين", "يون", "يا", "ها", "هم", "هما",
    "هن", "كم", "نا", "ته", "تها", "تهم",
];

/// What a profile pack (or a house pack) says about the house's typography: which month names,
/// which digits and which quotation marks it uses. Read by month-system, digit-style and
/// quote-style; a rule's own `prefer` option overrides it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HouseStyle {
    /// `gregorian`, `levant`, `maghreb` or `morocco`.
    pub months: Option<String>,
    /// `western` or `arabic-indic`.
    pub digits: Option<String>,
    /// `guillemets`, `straight` or `curly`.
    pub quotes: Option<String>,
}

pub const MONTH_STYLES: &[&str] = &["gregorian", "levant", "maghreb", "morocco"];
pub const DIGIT_STYLES: &[&str] = &["western", "arabic-indic"];
pub const QUOTE_STYLES: &[&str] = &["guillemets", "straight", "curly"];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    #[default]
    Safe,
    Unsafe,
    None,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawEntry {
    forms: Option<Vec<String>>,
    prefer: Option<String>,
    wrong: Option<Vec<String>>,
    right: Option<String>,
    phrases: Option<Vec<String>>,
    regex: Option<Spanned<String>>,
    replacement: Option<String>,
    #[serde(rename = "match")]
    match_mode: Option<MatchMode>,
    fix: Option<FixKind>,
    message: Option<String>,
    #[serde(default)]
    examples: Vec<Example>,
    /// Whole words the entry never matches, clitics and all: لامس is a word, not ل + امس.
    #[serde(default)]
    except: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPack {
    kind: PackKind,
    rule: Spanned<String>,
    description: Option<String>,
    profile: Option<Spanned<String>>,
    /// How strictly words are compared; each kind has a default.
    level: Option<Level>,
    style: Option<Spanned<HouseStyle>>,
    #[serde(rename = "entry", default)]
    entries: Vec<Spanned<RawEntry>>,
}

/// A piece of a pack after its head ([`pack_text::pieces`]): it starts with an `[[entry]]`
/// header, so the only other thing it can hold is the `[style]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTail {
    style: Option<Spanned<HouseStyle>>,
    #[serde(rename = "entry", default)]
    entries: Vec<Spanned<RawEntry>>,
}

#[derive(Debug)]
pub enum EntryBody {
    Variants {
        forms: Vec<String>,
        prefer: Option<String>,
        mode: MatchMode,
    },
    Substitution {
        wrong: Vec<String>,
        right: String,
        fix: FixKind,
        mode: MatchMode,
    },
    Existence {
        phrases: Vec<String>,
    },
    Pattern {
        regex: Regex,
        replacement: Option<String>,
    },
}

#[derive(Debug)]
pub struct Entry {
    pub body: EntryBody,
    pub message: Option<String>,
    pub examples: Vec<Example>,
    pub line: usize,
    /// Whole words (as written in the pack) that the entry does not match.
    pub except: Vec<String>,
}

/// One pack file, parsed and compiled.
#[derive(Debug)]
pub struct Pack {
    pub path: PathBuf,
    pub kind: PackKind,
    pub rule: String,
    pub description: Option<String>,
    pub profile: Option<String>,
    /// The house typography this pack sets (profile packs), if any.
    pub style: Option<HouseStyle>,
    pub entries: Vec<Entry>,
    pub matcher: PhraseMatcher,
    /// The pack's text, kept so a pack can be re-read on its own (test-rules runs one at a time).
    pub source: String,
}

/// Turns the entries of one piece of a pack (which starts at byte `base` of the pack) into
/// [`Entry`]s, checking each as its kind wants.
fn read_entries(
    kind: PackKind,
    base: usize,
    raw_entries: Vec<Spanned<RawEntry>>,
    lines: &crate::source::LineIndex,
    err: &dyn Fn(usize, &str, String) -> ConfigError,
    entries: &mut Vec<Entry>,
) -> Result<(), ConfigError> {
    for e in raw_entries {
        let offset = base + e.span().start;
        let line = lines.line_of(offset) + 1;
        let raw_e = e.into_inner();
        let need = |v: Option<Vec<String>>, key: &str| -> Result<Vec<String>, ConfigError> {
            match v {
                Some(v) if !v.is_empty() && v.iter().all(|s| !s.trim().is_empty()) => Ok(v),
                _ => Err(err(
                    offset,
                    key,
                    format!("a {:?} entry needs a non-empty `{key}` list", kind).to_lowercase(),
                )),
            }
        };
        let body = match kind {
            PackKind::Variants => {
                let forms = need(raw_e.forms, "forms")?;
                if forms.len() < 2 {
                    return Err(err(offset, "forms", "a variants entry needs at least two forms".into()));
                }
                if let Some(p) = &raw_e.prefer
                    && !forms.contains(p)
                {
                    return Err(err(offset, "prefer", format!("`{p}` is not one of the entry's forms")));
                }
                EntryBody::Variants {
                    forms,
                    prefer: raw_e.prefer,
                    mode: raw_e.match_mode.unwrap_or_default(),
                }
            }
            PackKind::Substitution => EntryBody::Substitution {
                wrong: need(raw_e.wrong, "wrong")?,
                right: raw_e
                    .right
                    .ok_or_else(|| err(offset, "right", "a substitution entry needs `right`".into()))?,
                fix: raw_e.fix.unwrap_or_default(),
                mode: raw_e.match_mode.unwrap_or_default(),
            },
            PackKind::Existence => EntryBody::Existence {
                phrases: need(raw_e.phrases, "phrases")?,
            },
            PackKind::Pattern => {
                let r = raw_e
                    .regex
                    .ok_or_else(|| err(offset, "regex", "a pattern entry needs `regex`".into()))?;
                let regex = Regex::new(r.get_ref())
                    .map_err(|e| err(base + r.span().start, "regex", format!("invalid regex: {e}")))?;
                EntryBody::Pattern {
                    regex,
                    replacement: raw_e.replacement,
                }
            }
        };
        if matches!(kind, PackKind::Pattern) && !raw_e.except.is_empty() {
            return Err(err(
                offset,
                "except",
                "a pattern entry is matched by its regex; `except` lists words for word entries".into(),
            ));
        }
        if raw_e.examples.is_empty() {
            return Err(err(
                offset,
                "examples",
                "every entry needs at least one {wrong, right} example".into(),
            ));
        }
        entries.push(Entry {
            body,
            message: raw_e.message,
            examples: raw_e.examples,
            line,
            except: raw_e.except,
        });
    }
    Ok(())
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

impl Pack {
    pub fn parse(path: &Path, text: &str) -> Result<Pack, ConfigError> {
        Self::parse_in_pieces(path, text, PIECE_BYTES)
    }

    /// Reads the pack a piece of about `piece_bytes` at a time ([`pack_text::pieces`]): the
    /// head with the pack's own keys, then the entries, each piece's turned into [`Entry`]s
    /// before the next piece is read.
    fn parse_in_pieces(path: &Path, text: &str, piece_bytes: usize) -> Result<Pack, ConfigError> {
        let pieces = pack_text::pieces(text, piece_bytes);
        let read_err = |base: usize, e: toml::de::Error| ConfigError::from_toml_at(path, text, base, &e);
        let head = pieces.first().cloned().unwrap_or(0..text.len());
        let raw: RawPack = toml::from_str(&text[head]).map_err(|e| read_err(0, e))?;
        let err = |offset: usize, key: &str, msg: String| ConfigError::at(path, text, Some(offset), Some(key), msg);
        if !is_kebab(raw.rule.get_ref()) {
            return Err(err(
                raw.rule.span().start,
                "rule",
                format!("rule id `{}` must be kebab-case", raw.rule.get_ref()),
            ));
        }
        if let Some(p) = &raw.profile
            && let Some(why) = unknown_profile(p.get_ref())
        {
            return Err(err(p.span().start, "profile", why));
        }
        let mut entries = Vec::new();
        // Counting the lines before each entry from the file's start made a long pack quadratic.
        let lines = crate::source::LineIndex::new(text);
        // The pack's style table, and where its piece starts (it may follow the entries).
        let mut style = raw.style.map(|st| (0, st));
        read_entries(raw.kind, 0, raw.entries, &lines, &err, &mut entries)?;
        for piece in pieces.iter().skip(1) {
            let tail: RawTail = toml::from_str(&text[piece.clone()]).map_err(|e| read_err(piece.start, e))?;
            if let Some(st) = tail.style {
                if style.is_some() {
                    return Err(err(
                        piece.start + st.span().start,
                        "style",
                        "the `style` table is given twice".into(),
                    ));
                }
                style = Some((piece.start, st));
            }
            read_entries(raw.kind, piece.start, tail.entries, &lines, &err, &mut entries)?;
        }
        let style = match style {
            Some((base, st)) => {
                let at = base + st.span().start;
                let st = st.into_inner();
                for (key, value, allowed) in [
                    ("style.months", &st.months, MONTH_STYLES),
                    ("style.digits", &st.digits, DIGIT_STYLES),
                    ("style.quotes", &st.quotes, QUOTE_STYLES),
                ] {
                    if let Some(v) = value
                        && !allowed.contains(&v.as_str())
                    {
                        return Err(err(at, key, format!("`{v}` is not one of {}", allowed.join(", "))));
                    }
                }
                Some(st)
            }
            None => None,
        };
        let matcher = PhraseMatcher::build(raw.level.unwrap_or(Level::of(raw.kind)), &entries);
        Ok(Pack {
            path: path.to_path_buf(),
            kind: raw.kind,
            rule: raw.rule.into_inner(),
            description: raw.description,
            profile: raw.profile.map(Spanned::into_inner),
            style,
            entries,
            matcher,
            source: text.to_string(),
        })
    }

    /// A substitution pack made from `wrong = right` pairs (a config's `[preferred]` table):
    /// safe fixes, letters compared exactly, a one-word form also matched with its inflection
    /// endings. A pair whose right form is itself the wrong form of a pair is left out, so fixes
    /// always converge.
    pub fn from_pairs(path: &Path, rule: &str, pairs: &[(String, String)]) -> Pack {
        // A set: a house's table can hold thousands of pairs, each checked against all of them.
        let wrongs: std::collections::HashSet<String> = pairs.iter().map(|(w, _)| Level::Bare.key(w)).collect();
        let entries: Vec<Entry> = pairs
            .iter()
            .filter(|(w, r)| {
                !w.trim().is_empty()
                    && !r.trim().is_empty()
                    && Level::Bare.key(w) != Level::Bare.key(r)
                    && !wrongs.contains(&Level::Bare.key(r))
            })
            .map(|(w, r)| Entry {
                body: EntryBody::Substitution {
                    wrong: vec![w.trim().to_string()],
                    right: r.trim().to_string(),
                    fix: FixKind::Safe,
                    mode: if w.split_whitespace().count() == 1 {
                        MatchMode::Inflected
                    } else {
                        MatchMode::Word
                    },
                },
                message: None,
                examples: Vec::new(),
                line: 0,
                except: Vec::new(),
            })
            .collect();
        let matcher = PhraseMatcher::build(Level::Bare, &entries);
        Pack {
            path: path.to_path_buf(),
            kind: PackKind::Substitution,
            rule: rule.to_string(),
            description: None,
            profile: None,
            style: None,
            entries,
            matcher,
            source: String::new(),
        }
    }

    /// All matches of this pack's word entries in a document, in text order.
    pub fn find(&self, doc: &Document<'_>) -> Vec<PhraseMatch> {
        self.matcher.find(doc)
    }
}

/// The built-in packs, parsed once per process.
pub fn builtin() -> &'static [Arc<Pack>] {
    static PACKS: OnceLock<Vec<Arc<Pack>>> = OnceLock::new();
    PACKS.get_or_init(|| (0..BUILTIN.len()).map(|i| builtin_pack(i).clone()).collect())
}

/// Built-in pack `i` of [`BUILTIN`], parsed the first time it is needed: a run parses the packs
/// of the profile it uses, not every profile's.
fn builtin_pack(i: usize) -> &'static Arc<Pack> {
    const N: usize = BUILTIN.len();
    static PACKS: [OnceLock<Arc<Pack>>; N] = [const { OnceLock::new() }; N];
    PACKS[i].get_or_init(|| {
        let (path, text) = BUILTIN[i];
        match Pack::parse(Path::new(path), text) {
            Ok(p) => Arc::new(p),
            // The built-in packs are tested; a broken one is a bug in this build.
            Err(e) => panic!("built-in rule pack is invalid: {e}"),
        }
    })
}

/// The profile a built-in pack belongs to, by its file name (`rules/profile-NAME.toml`); a test
/// checks it against the `profile` the pack declares.
fn builtin_profile(path: &str) -> Option<&str> {
    path.strip_prefix("rules/profile-")?.strip_suffix(".toml")
}

/// Loads every `*.toml` pack in a folder, sorted by name.
pub fn load_dir(dir: &Path) -> Result<Vec<Arc<Pack>>, ConfigError> {
    let entries = std::fs::read_dir(dir).map_err(|e| ConfigError {
        path: dir.to_path_buf(),
        line: None,
        key: None,
        message: format!("cannot read rule pack folder: {e}"),
    })?;
    load_listing(entries)
}

/// Loads every `*.toml` pack of a folder's listing, sorted by name.
pub fn load_listing(entries: std::fs::ReadDir) -> Result<Vec<Arc<Pack>>, ConfigError> {
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| ConfigError {
                path: p.clone(),
                line: None,
                key: None,
                message: format!("cannot read: {e}"),
            })?;
            Pack::parse(&p, &text).map(Arc::new)
        })
        .collect()
}

/// The packs in force for one configuration: the built-ins (those of its profile included) and
/// the house's own.
#[derive(Debug, Default, Clone)]
pub struct CompiledPacks {
    pub packs: Vec<Arc<Pack>>,
    /// Tells this set's matches apart from another set's in a document's memo.
    id: u64,
    /// All the packs' whole-word keys in one map, built on first use.
    index: OnceLock<Arc<PackIndex>>,
}

/// The matches of every pack of a [`CompiledPacks`] in one document, by pack.
struct PackMatches(Vec<Vec<PhraseMatch>>);

impl CompiledPacks {
    pub fn new(profile: Option<&str>, house: Vec<Arc<Pack>>) -> Self {
        // A pack for one region is in force under that region's profile only; a house pack may
        // be for one region as the built-in profile packs are.
        let in_force = |pack_profile: Option<&str>| pack_profile.is_none_or(|p| Some(p) == profile);
        let packs = BUILTIN
            .iter()
            .enumerate()
            .filter(|(_, (path, _))| in_force(builtin_profile(path)))
            .map(|(i, _)| builtin_pack(i).clone())
            .chain(house.into_iter().filter(|p| in_force(p.profile.as_deref())))
            .collect();
        Self::of(packs)
    }

    /// A set of exactly these packs.
    pub fn of(packs: Vec<Arc<Pack>>) -> Self {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        CompiledPacks {
            packs,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            index: OnceLock::new(),
        }
    }

    /// The matches of `pack` in `doc`, as [`Pack::find`] gives them. The packs of this set are
    /// matched together, in one pass over the document's words shared by every rule that asks.
    pub fn find(&self, doc: &Document<'_>, pack: &Pack) -> Vec<PhraseMatch> {
        let Some(i) = self.packs.iter().position(|p| std::ptr::eq(&**p, pack)) else {
            return pack.find(doc);
        };
        let all = doc.memo(self.id, || {
            let matchers: Vec<&PhraseMatcher> = self.packs.iter().map(|p| &p.matcher).collect();
            let index = self.index.get_or_init(|| Arc::new(PackIndex::build(&matchers)));
            PackMatches(index.find_all(doc, &matchers))
        });
        all.0[i].clone()
    }

    pub fn for_rule<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Arc<Pack>> + 'a {
        self.packs.iter().filter(move |p| p.rule == rule)
    }

    /// The house typography in force: each key from the last pack that sets it (a house pack
    /// after the profile's).
    pub fn style(&self) -> HouseStyle {
        let mut out = HouseStyle::default();
        for st in self.packs.iter().filter_map(|p| p.style.as_ref()) {
            if st.months.is_some() {
                out.months = st.months.clone();
            }
            if st.digits.is_some() {
                out.digits = st.digits.clone();
            }
            if st.quotes.is_some() {
                out.quotes = st.quotes.clone();
            }
        }
        out
    }
}

/// The whole-word keys of several packs in one map, so that a document's words are looked up
/// once for all of them; prefix keys stay with each pack (each wants its own longest).
#[derive(Debug)]
struct PackIndex {
    /// Key → (pack, phrase) for every pack's whole-word keys, each pack's in its own order.
    by_first: HashMap<String, Vec<(u32, u32)>>,
    /// The lengths, first and last bytes of every whole-word key: a stem candidate that is no
    /// key is mostly told without hashing it (the last letters alone let through the common
    /// endings, ية ين ات, and so two words in five).
    key_filter: KeyFilter,
    /// The last four bytes of every whole-word key of four bytes or more: every stem candidate
    /// ends where its word ends, so a word whose end is no key's has no candidate of that length
    /// to look up (asked once per word, before the candidates).
    key_ends: KeyEnds,
    /// The packs that have prefix keys.
    prefix_packs: Vec<u32>,
    /// The first bytes of every pack's prefix keys: most words are ruled out before each pack
    /// is asked.
    prefix_starts: ByteFilter,
}

impl PackIndex {
    fn build(packs: &[&PhraseMatcher]) -> Self {
        let mut by_first: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        for (p, matcher) in packs.iter().enumerate() {
            // A key's phrases: pack by pack, each pack's in its own order.
            for (key, ids) in &matcher.by_first {
                by_first
                    .entry(key.clone())
                    .or_default()
                    .extend(ids.iter().map(|&pi| (p as u32, pi)));
            }
        }
        let key_filter = KeyFilter::new(by_first.keys().map(String::as_str));
        let key_ends = KeyEnds::new(by_first.keys().map(String::as_str));
        let prefix_packs = (0..packs.len() as u32)
            .filter(|&p| packs[p as usize].has_prefixes)
            .collect();
        let mut few: Vec<&str> = Vec::new();
        let mut many = false;
        for p in packs {
            match p.prefix_keys.few_keys() {
                Some(keys) => few.extend(keys),
                None => many = true,
            }
        }
        let mut prefix_starts = ByteFilter::build_starts(few.iter().map(|k| k.as_bytes()));
        // A pack with many prefix keys is always asked.
        prefix_starts.has_short |= many;
        PackIndex {
            by_first,
            key_filter,
            key_ends,
            prefix_packs,
            prefix_starts,
        }
    }

    /// Whether a candidate may be a whole-word key (false: it is none).
    #[inline]
    fn may_be_key(&self, cand: &str) -> bool {
        self.key_filter.may_hold(cand)
    }

    /// Whether some pack's prefix key may start the candidate.
    #[inline]
    fn may_start_prefix(&self, cand: &str) -> bool {
        self.prefix_starts.may_hold(cand.as_bytes()) || self.prefix_starts.has_short()
    }

    /// The matches of every pack, in one pass: per pack and per word, the first way of splitting
    /// clitics that matches, the longest phrase there. Each pack's are what it finds alone.
    fn find_all(&self, doc: &Document<'_>, packs: &[&PhraseMatcher]) -> Vec<Vec<PhraseMatch>> {
        let n = packs.len();
        let mut out: Vec<Vec<PhraseMatch>> = vec![Vec::new(); n];
        let mut best: Vec<Option<PhraseMatch>> = vec![None; n];
        let mut done = vec![false; n];
        let mut prefix_hits: Vec<(u32, usize)> = Vec::new();
        // The key of the candidate at the level last asked for (packs of one kind share it).
        let mut first_key = String::new();
        let mut word_key = String::new();
        for sent in &doc.sentences {
            for i in 0..sent.tokens.len() {
                let tok = &doc.tokens[sent.tokens.start + i];
                if !matches!(tok.kind, TokenKind::Arabic | TokenKind::Mixed) {
                    continue;
                }
                let folded = doc.folded(tok);
                let end_is_a_keys = self.key_ends.may_hold(folded);
                // A word none of whose splits may be a key or start a prefix key starts no
                // match: most words are passed over here, before any per-pack bookkeeping.
                let may_be_key = |cand: &str| (end_is_a_keys || cand.len() < KeyEnds::WIDTH) && self.may_be_key(cand);
                let may_start =
                    |cand: &str| may_be_key(cand) || (!self.prefix_packs.is_empty() && self.may_start_prefix(cand));
                if !doc.stem_candidates(tok).any(may_start) {
                    continue;
                }
                done.fill(false);
                for cand in doc.stem_candidates(tok) {
                    let skip = folded.len() - cand.len();
                    let by_first = if may_be_key(cand) {
                        self.by_first.get(cand)
                    } else {
                        None
                    };
                    prefix_hits.clear();
                    if self.may_start_prefix(cand) {
                        for &p in &self.prefix_packs {
                            if !done[p as usize]
                                && let Some(m) = packs[p as usize].prefix_hit(cand)
                            {
                                prefix_hits.push((p, m));
                            }
                        }
                    }
                    if by_first.is_none() && prefix_hits.is_empty() {
                        continue;
                    }
                    let surface = doc.surface(tok);
                    let start = if skip == 0 {
                        0
                    } else {
                        crate::text::fold::original_offset(surface, skip)
                    };
                    let mut key_level: Option<Level> = None;
                    let mut try_phrase = |p: u32, pi: u32, best: &mut [Option<PhraseMatch>]| {
                        let matcher = packs[p as usize];
                        if key_level != Some(matcher.level) {
                            matcher.level.key_into(&surface[start..], &mut first_key);
                            key_level = Some(matcher.level);
                        }
                        matcher.try_phrase(
                            doc,
                            sent,
                            i,
                            start,
                            &first_key,
                            &mut word_key,
                            pi,
                            &mut best[p as usize],
                        );
                    };
                    for &(p, pi) in by_first.into_iter().flatten() {
                        if !done[p as usize] {
                            try_phrase(p, pi, &mut best);
                        }
                    }
                    for &(p, m) in &prefix_hits {
                        for &pi in &packs[p as usize].prefix_ids[m] {
                            try_phrase(p, pi, &mut best);
                        }
                    }
                    // A pack stops at the first split of the word that gives it a match.
                    for (d, b) in done.iter_mut().zip(&best) {
                        *d |= b.is_some();
                    }
                    if done.iter().all(|&d| d) {
                        break;
                    }
                }
                for (o, b) in out.iter_mut().zip(best.iter_mut()) {
                    if let Some(m) = b.take() {
                        o.push(m);
                    }
                }
            }
        }
        out.into_iter().map(swallow_inner).collect()
    }
}

/// A multi-word match swallows the matches that start inside it.
fn swallow_inner(matches: Vec<PhraseMatch>) -> Vec<PhraseMatch> {
    let mut kept: Vec<PhraseMatch> = Vec::with_capacity(matches.len());
    for m in matches {
        if kept.last().is_some_and(|k| m.first_token <= k.last_token) {
            continue;
        }
        kept.push(m);
    }
    kept
}

/// How strictly a word of a pack is compared with a word of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Letters exactly as written (marks and tatweel aside).
    Bare,
    /// As Bare, but أ إ آ ٱ count as ا.
    Loose,
    /// Fully folded.
    Folded,
}

impl Level {
    fn of(kind: PackKind) -> Level {
        match kind {
            PackKind::Substitution => Level::Bare,
            PackKind::Variants => Level::Loose,
            PackKind::Existence | PackKind::Pattern => Level::Folded,
        }
    }

    /// [`Level::key`] written into `out` (cleared first), reusing its allocation.
    pub fn key_into(self, s: &str, out: &mut String) {
        out.clear();
        match self {
            Level::Bare | Level::Loose => {
                for c in s.chars() {
                    if is_arabic_mark(c) || c == TATWEEL || is_invisible(c) {
                        continue;
                    }
                    out.push(if self == Level::Loose && matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ') {
                        'ا'
                    } else {
                        c
                    });
                }
            }
            Level::Folded => {
                for c in s.chars() {
                    crate::text::fold::fold_char_into(c, out);
                }
            }
        }
    }

    pub fn key(self, s: &str) -> String {
        match self {
            Level::Bare => bare(s),
            Level::Loose => bare(s)
                .chars()
                .map(|c| {
                    if matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ') {
                        'ا'
                    } else {
                        c
                    }
                })
                .collect(),
            Level::Folded => fold(s),
        }
    }
}

#[derive(Debug)]
struct Phrase {
    entry: u32,
    /// Index of the form within the entry (variants: which member).
    form: u32,
    /// The folded whole words the entry does not match (its `except`).
    except: Vec<String>,
    /// Per word: the key at the pack's level.
    words: Vec<String>,
    prefix: bool,
    /// The one word may carry an inflection ending (see [`INFLECTION_SUFFIXES`]).
    inflected: bool,
}

/// The word phrases of one pack, compiled. The first word is looked up by its folded form (a
/// hash map for whole words, the longest prefix key for prefixes) for every way of splitting its
/// clitics; a hit is then verified at the pack's level, word by word. The pass over a document
/// is `PackIndex::find_all`'s, for one pack or several.
#[derive(Debug)]
pub struct PhraseMatcher {
    level: Level,
    phrases: Vec<Phrase>,
    by_first: HashMap<String, Vec<u32>>,
    prefix_keys: PrefixKeys,
    has_prefixes: bool,
    prefix_ids: Vec<Vec<u32>>,
    /// The first bytes of every prefix key, ruling out most candidates before the automaton.
    prefix_starts: ByteFilter,
    /// The index of this pack on its own, for [`PhraseMatcher::find`], built on first use.
    alone: OnceLock<PackIndex>,
}

/// The last four bytes of a set of keys, as a bit per hash.
#[derive(Debug)]
struct KeyEnds {
    bits: [u64; 64],
}

impl KeyEnds {
    const WIDTH: usize = 4;

    fn new<'a>(keys: impl Iterator<Item = &'a str>) -> Self {
        let mut f = KeyEnds { bits: [0; 64] };
        for b in keys.filter_map(Self::bit) {
            f.bits[b / 64] |= 1 << (b % 64);
        }
        f
    }

    /// The bit of a word's last four bytes; None for a shorter word.
    fn bit(word: &str) -> Option<usize> {
        let end = word.as_bytes().last_chunk::<4>()?;
        Some((u32::from_le_bytes(*end).wrapping_mul(0x85EB_CA77) >> 20) as usize)
    }

    /// Whether a word of four bytes or more may end like a key (false: no key of four bytes or
    /// more is a suffix of it). A shorter word is answered yes.
    fn may_hold(&self, word: &str) -> bool {
        Self::bit(word).is_none_or(|b| self.bits[b / 64] & (1 << (b % 64)) != 0)
    }
}

/// The leading bytes of the pack's prefix keys (four to eight), as a bit per hash: a word that
/// does not start with any of them starts with no key (no false negatives; a false positive
/// costs a lookup). Keys shorter than four bytes cannot be filtered: `has_short` says to ask.
#[derive(Debug, Default)]
struct ByteFilter {
    bits: Vec<u64>,
    has_short: bool,
    /// How many leading bytes are hashed: as many as the shortest key has, from four to eight
    /// (so that ال, which starts half the words, does not pass them all).
    width: usize,
}

impl ByteFilter {
    const BITS: usize = 1 << 12;
    const WIDTH: usize = 4;

    /// A filter of key starts as wide as the shortest key allows (four to eight bytes).
    fn build_starts<'a>(keys: impl Iterator<Item = &'a [u8]> + Clone) -> Self {
        let width = keys
            .clone()
            .map(<[u8]>::len)
            .min()
            .unwrap_or(Self::WIDTH)
            .clamp(Self::WIDTH, 8);
        let mut f = ByteFilter {
            bits: vec![0; Self::BITS / 64],
            has_short: false,
            width,
        };
        for k in keys {
            match f.code(k) {
                Some(c) => f.bits[c / 64] |= 1 << (c % 64),
                None => f.has_short = true,
            }
        }
        f
    }

    /// The bit of the first `width` bytes; None when there are fewer.
    #[inline]
    fn code(&self, b: &[u8]) -> Option<usize> {
        if b.len() < self.width {
            return None;
        }
        // Four or eight bytes read at once, the ones past `width` masked off.
        let v = match (self.width, b.first_chunk::<8>()) {
            (Self::WIDTH, _) => u64::from(u32::from_le_bytes(*b.first_chunk::<4>()?)),
            (_, Some(w)) => u64::from_le_bytes(*w),
            (_, None) => {
                let mut w = [0u8; 8];
                w[..b.len()].copy_from_slice(b);
                u64::from_le_bytes(w)
            }
        };
        let v = if self.width >= 8 {
            v
        } else {
            v & ((1u64 << (8 * self.width)) - 1)
        };
        let h = v.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        Some((h >> (64 - 12)) as usize)
    }

    /// Whether a word starting with these bytes may start with a key.
    fn may_hold(&self, b: &[u8]) -> bool {
        if b.len() < self.width {
            // A word shorter than the width starts with no key, unless a key is shorter still.
            return self.has_short;
        }
        match self.code(b) {
            Some(c) => self.bits[c / 64] & (1 << (c % 64)) != 0,
            None => true,
        }
    }

    /// Whether any key is shorter than the filter's width (a shorter word may match one).
    fn has_short(&self) -> bool {
        self.has_short
    }
}

/// The prefix keys of a pack, asked for the longest one that starts a word. A few keys are
/// tried longest first, each by its first four bytes before its whole (cheaper than an automaton
/// for the handful a pack has); many go into an anchored leftmost-longest automaton.
#[derive(Debug)]
enum PrefixKeys {
    Few(Vec<FewKey>),
    Many(AhoCorasick),
}

#[derive(Debug)]
struct FewKey {
    /// The key's first four bytes (None for a shorter key).
    head: Option<u32>,
    key: String,
    index: usize,
}

fn head(b: &[u8]) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(..4)?.try_into().ok()?))
}

impl PrefixKeys {
    const FEW: usize = 16;

    fn new(keys: Vec<String>) -> Self {
        if keys.len() <= Self::FEW {
            let mut few: Vec<FewKey> = keys
                .into_iter()
                .enumerate()
                .map(|(index, key)| FewKey {
                    head: head(key.as_bytes()),
                    key,
                    index,
                })
                .collect();
            few.sort_by_key(|k| std::cmp::Reverse(k.key.len()));
            return PrefixKeys::Few(few);
        }
        PrefixKeys::Many(
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .build(&keys)
                .expect("prefix automaton of a pack's words always builds"),
        )
    }

    /// Every key, when there are few (an automaton does not give its keys back).
    fn few_keys(&self) -> Option<impl Iterator<Item = &str>> {
        match self {
            PrefixKeys::Few(keys) => Some(keys.iter().map(|k| k.key.as_str())),
            PrefixKeys::Many(_) => None,
        }
    }

    /// The index of the longest key that `word` starts with.
    fn longest(&self, word: &str) -> Option<usize> {
        match self {
            PrefixKeys::Few(keys) => {
                let word_head = head(word.as_bytes());
                keys.iter()
                    .find(|k| {
                        (k.head.is_none() || k.head == word_head) && word.as_bytes().starts_with(k.key.as_bytes())
                    })
                    .map(|k| k.index)
            }
            PrefixKeys::Many(ac) => ac
                .find(Input::new(word).anchored(Anchored::Yes))
                .map(|m| m.pattern().as_usize()),
        }
    }
}

/// A match: which entry and form, the tokens it covers, and its exact span (the first word's
/// clitics left out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    pub entry: usize,
    pub form: usize,
    pub first_token: usize,
    pub last_token: usize,
    pub span: Span,
}

impl PhraseMatcher {
    fn build(level: Level, entries: &[Entry]) -> Self {
        let mut phrases = Vec::new();
        for (ei, e) in entries.iter().enumerate() {
            let (list, mode): (&[String], MatchMode) = match &e.body {
                EntryBody::Variants { forms, mode, .. } => (forms, *mode),
                EntryBody::Substitution { wrong, mode, .. } => (wrong, *mode),
                EntryBody::Existence { phrases } => (phrases, MatchMode::Word),
                EntryBody::Pattern { .. } => (&[], MatchMode::Word),
            };
            for (fi, form) in list.iter().enumerate() {
                let words: Vec<String> = form.split_whitespace().map(|w| level.key(w)).collect();
                let one = words.len() == 1;
                phrases.push(Phrase {
                    entry: ei as u32,
                    form: fi as u32,
                    except: e.except.iter().map(|w| fold(w.trim())).collect(),
                    words,
                    prefix: mode == MatchMode::Prefix,
                    inflected: mode == MatchMode::Inflected && one,
                });
            }
        }
        let mut by_first: HashMap<String, Vec<u32>> = HashMap::new();
        let mut prefix_keys: Vec<String> = Vec::new();
        let mut prefix_ids: Vec<Vec<u32>> = Vec::new();
        // Where each prefix key is in `prefix_keys`: a house's list can hold thousands.
        let mut prefix_at: HashMap<String, usize> = HashMap::new();
        for (pi, p) in phrases.iter().enumerate() {
            let Some(first) = p.words.first() else { continue };
            let key = fold(first);
            if (p.prefix || p.inflected) && p.words.len() == 1 {
                match prefix_at.get(&key) {
                    Some(&i) => prefix_ids[i].push(pi as u32),
                    None => {
                        prefix_at.insert(key.clone(), prefix_keys.len());
                        prefix_keys.push(key);
                        prefix_ids.push(vec![pi as u32]);
                    }
                }
            } else {
                by_first.entry(key).or_default().push(pi as u32);
            }
        }
        let prefix_starts = ByteFilter::build_starts(prefix_keys.iter().map(|k| k.as_bytes()));
        let has_prefixes = !prefix_keys.is_empty();
        let prefix_keys = PrefixKeys::new(prefix_keys);
        PhraseMatcher {
            level,
            phrases,
            by_first,
            prefix_keys,
            has_prefixes,
            prefix_ids,
            prefix_starts,
            alone: OnceLock::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The matches of this pack alone (the same pass that matches several packs together).
    pub fn find(&self, doc: &Document<'_>) -> Vec<PhraseMatch> {
        let index = self.alone.get_or_init(|| PackIndex::build(&[self]));
        index.find_all(doc, &[self]).pop().unwrap_or_default()
    }

    /// The prefix key (its index in `prefix_ids`) that a stem candidate starts with, the longest.
    fn prefix_hit(&self, cand: &str) -> Option<usize> {
        if self.has_prefixes && (self.prefix_starts.may_hold(cand.as_bytes()) || self.prefix_starts.has_short()) {
            self.prefix_keys.longest(cand)
        } else {
            None
        }
    }

    /// Phrase `pi` tried at token `i` of a sentence, its clitics ending at byte `start` of the
    /// surface and `key` the key of the rest at this pack's level; kept in `best` if longer.
    #[allow(clippy::too_many_arguments)]
    fn try_phrase(
        &self,
        doc: &Document<'_>,
        sent: &crate::document::Sentence,
        i: usize,
        start: usize,
        key: &str,
        scratch: &mut String,
        pi: u32,
        best: &mut Option<PhraseMatch>,
    ) {
        let toks = &doc.tokens[sent.tokens.clone()];
        let p = &self.phrases[pi as usize];
        if p.except.iter().any(|w| w == doc.folded(&toks[i])) {
            return;
        }
        if let Some(m) = self.verify(doc, toks, i, start, key, scratch, p) {
            let m = PhraseMatch {
                first_token: sent.tokens.start + m.0,
                last_token: sent.tokens.start + m.1,
                span: m.2,
                entry: p.entry as usize,
                form: p.form as usize,
            };
            // Prefer the longest phrase, then the fewest clitics split off.
            if best.as_ref().is_none_or(|b| m.last_token > b.last_token) {
                *best = Some(m);
            }
        }
    }

    /// Checks phrase `p` at token `i`, whose clitics end at byte `start` of its surface; `key` is
    /// the key of the rest of the word. Returns the first and last token (sentence-relative) and
    /// the span.
    #[allow(clippy::too_many_arguments)]
    fn verify(
        &self,
        doc: &Document<'_>,
        toks: &[Token],
        i: usize,
        start: usize,
        key: &str,
        scratch: &mut String,
        p: &Phrase,
    ) -> Option<(usize, usize, Span)> {
        let first = &toks[i];
        let first_ok = if p.prefix {
            key.starts_with(p.words[0].as_str())
        } else if p.inflected {
            key.strip_prefix(p.words[0].as_str())
                .is_some_and(|rest| rest.is_empty() || INFLECTION_SUFFIXES.contains(&rest))
        } else {
            key == p.words[0]
        };
        if !first_ok {
            return None;
        }
        let mut last = i;
        for w in &p.words[1..] {
            last += 1;
            let t = toks.get(last)?;
            if !t.is_word() {
                return None;
            }
            self.level.key_into(doc.surface(t), scratch);
            if scratch != w {
                return None;
            }
        }
        let span = Span::new(first.span.start as usize + start, toks[last].span.end as usize);
        Some((i, last, span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn pack(text: &str) -> Pack {
        Pack::parse(Path::new("t.toml"), text).unwrap()
    }

    #[test]
    fn a_house_pack_for_a_region_loads_only_under_its_profile() {
        let body = "kind = \"pattern\"\nrule = \"house-zzz\"\nprofile = \"gulf\"\n[[entry]]\nregex = \"zzz\"\nexamples = [{ wrong = \"zzz\", right = \"c\" }]\n";
        let house = Arc::new(pack(body));
        let has = |profile: Option<&str>| {
            CompiledPacks::new(profile, vec![house.clone()])
                .for_rule("house-zzz")
                .next()
                .is_some()
        };
        assert!(has(Some("gulf")));
        assert!(!has(None));
        assert!(!has(Some("levant")));
        let e = Pack::parse(Path::new("t.toml"), &body.replace("gulf", "nowhere")).unwrap_err();
        assert_eq!((e.key.as_deref(), e.line), (Some("profile"), Some(3)), "{e}");
    }

    #[test]
    fn builtin_packs_parse() {
        assert!(!builtin().is_empty());
        // Profile packs are told by their file name before they are parsed.
        for (i, (path, _)) in BUILTIN.iter().enumerate() {
            assert_eq!(builtin_pack(i).profile.as_deref(), builtin_profile(path), "{path}");
        }
        for profile in [None, Some("levant"), Some("gulf")] {
            let compiled = CompiledPacks::new(profile, Vec::new());
            let got: Vec<&str> = compiled.packs.iter().map(|p| p.rule.as_str()).collect();
            let want: Vec<&str> = builtin()
                .iter()
                .filter(|p| p.profile.is_none() || p.profile.as_deref() == profile)
                .map(|p| p.rule.as_str())
                .collect();
            assert_eq!(got, want, "{profile:?}");
        }
    }

    #[test]
    fn builtin_list_matches_rules_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".toml"))
            .map(|n| format!("rules/{n}"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = BUILTIN.iter().map(|(p, _)| p.to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed, "BUILTIN in packs.rs is stale");
    }

    #[test]
    fn packs_matched_together_find_what_each_finds_alone() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut texts: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        texts.push("قال الرئيس الامريكي إن الإدارة الأميركية والأمريكيين ايضا الى إنشاء الله. التعليقات ت م".into());
        assert!(texts.len() > 3);
        let mut found = 0;
        for profile in [None, Some("levant"), Some("egypt"), Some("gulf"), Some("maghreb")] {
            let compiled = CompiledPacks::new(profile, Vec::new());
            for text in &texts {
                let src = SourceFile::new("t.txt", text.clone());
                let doc = Document::plain(&src);
                for pack in &compiled.packs {
                    let together = compiled.find(&doc, pack);
                    assert_eq!(together, pack.find(&doc), "{} {profile:?}", pack.path.display());
                    found += together.len();
                }
            }
        }
        assert!(found > 20, "the texts should hold matches of several packs ({found})");
    }

    #[test]
    fn start_filters_never_rule_out_a_word_a_key_starts() {
        let words = [
            "امريكيين",
            "اوروبا",
            "مسوولية",
            "الكترونيه",
            "انجليزي",
            "ب",
            "بيت",
            "ال",
            "الامريكي",
        ];
        for keys in [
            vec!["امريك", "اورب", "مسوول", "الكترون"],
            vec!["امريك", "ب"],
            vec!["انجليز"],
        ] {
            let f = ByteFilter::build_starts(keys.iter().map(|k| k.as_bytes()));
            for w in words {
                if keys.iter().any(|k| w.starts_with(k)) {
                    assert!(f.may_hold(w.as_bytes()) || f.has_short(), "{w} {keys:?}");
                }
            }
            // A word shorter than every key starts with none of them.
            if keys.iter().all(|k| k.len() >= 8) {
                assert!(!f.may_hold("بيت".as_bytes()) && !f.has_short());
            }
        }
    }

    /// A word passes the end filter whenever a key of four bytes or more is a suffix of it (so
    /// one of its stem candidates may be that key); shorter words always pass.
    #[test]
    fn words_ending_like_a_key_pass_the_end_filter() {
        let keys = ["امريكي", "مسؤول", "ايضا", "ت", "ab"];
        let ends = KeyEnds::new(keys.iter().copied());
        // A key shorter than four bytes is left to the candidate's own length (see `find_all`).
        for k in keys.iter().filter(|k| k.len() >= KeyEnds::WIDTH) {
            for w in [k.to_string(), format!("وال{k}"), format!("ب{k}")] {
                assert!(ends.may_hold(&w), "{w}");
            }
        }
        assert!(ends.may_hold("و") && ends.may_hold("ab"));
        let passed = ["كتاب", "مدرسة", "الطلاب", "وزير", "قال", "الخارجية"]
            .iter()
            .filter(|w| ends.may_hold(w))
            .count();
        assert!(passed <= 1, "{passed}");
    }

    #[test]
    fn few_prefix_keys_find_what_the_automaton_finds() {
        let keys: Vec<String> = ["امريك", "اميرك", "ام", "امريكا", "مسؤول", "مس", "اوروب", "ب"]
            .iter()
            .map(|k| k.to_string())
            .collect();
        let few = PrefixKeys::new(keys.clone());
        assert!(matches!(few, PrefixKeys::Few(_)));
        let many = PrefixKeys::Many(
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .build(&keys)
                .unwrap(),
        );
        for word in [
            "امريكيين",
            "امريكا",
            "ام",
            "امس",
            "مسؤولية",
            "مسار",
            "اوروبا",
            "بيت",
            "سلام",
            "ا",
            "",
        ] {
            assert_eq!(few.longest(word), many.longest(word), "{word}");
        }
        assert_eq!(few.longest("امريكا").map(|i| keys[i].as_str()), Some("امريكا"));
    }

    #[test]
    fn prefix_forms_match_with_clitics() {
        let p = pack(
            r#"kind = "variants"
rule = "spelling-variant"
[[entry]]
forms = ["أمريك", "أميرك"]
match = "prefix"
examples = [{ wrong = "x", right = "y" }]
"#,
        );
        let src = SourceFile::new("t", "قال الأمريكي وللأميركيين وأمريكا".to_string());
        let doc = Document::plain(&src);
        let m = p.find(&doc);
        let forms: Vec<(usize, &str)> = m.iter().map(|m| (m.form, doc.slice(m.span))).collect();
        assert_eq!(forms, [(0, "أمريكي"), (1, "أميركيين"), (0, "أمريكا")]);
    }

    #[test]
    fn substitution_is_exact_and_phrases_span_tokens() {
        let p = pack(
            r#"kind = "substitution"
rule = "common-misspelling"
[[entry]]
wrong = ["ايضا"]
right = "أيضاً"
examples = [{ wrong = "x", right = "y" }]
[[entry]]
wrong = ["إنشاء الله"]
right = "إن شاء الله"
examples = [{ wrong = "x", right = "y" }]
"#,
        );
        let src = SourceFile::new("t", "وايضاً أيضاً إنشاء الله".to_string());
        let doc = Document::plain(&src);
        let m = p.find(&doc);
        let got: Vec<&str> = m.iter().map(|m| doc.slice(m.span)).collect();
        assert_eq!(got, ["ايضاً", "إنشاء الله"]);
    }

    #[test]
    fn an_entry_does_not_match_its_excepted_words() {
        let p = pack(
            r#"kind = "substitution"
rule = "common-misspelling"
[[entry]]
wrong = ["لان"]
right = "لأن"
except = ["فلان", "بلان"]
examples = [{ wrong = "x", right = "y" }]
"#,
        );
        let src = SourceFile::new("t", "قال فلان لان المدرب بلان ولان غاب.".to_string());
        let doc = Document::plain(&src);
        let got: Vec<usize> = p.find(&doc).iter().map(|m| m.span.start as usize).collect();
        // The excepted words are passed over; the clitic split of ولان still matches.
        let at = |w: &str| src.text.find(w).unwrap();
        assert_eq!(got, [at(" لان") + 1, at("ولان") + "و".len()], "{got:?}");
        let e = Pack::parse(
            Path::new("house.toml"),
            "kind = \"pattern\"\nrule = \"x\"\n[[entry]]\nregex = \"a\"\nexcept = [\"b\"]\nexamples = [{wrong=\"a\", right=\"b\"}]\n",
        )
        .unwrap_err();
        assert_eq!(e.key.as_deref(), Some("except"));
    }

    #[test]
    fn keys_in_place_agree() {
        let mut out = String::from("stale");
        for level in [Level::Bare, Level::Loose, Level::Folded] {
            for w in ["الأَمريكيّة", "إنشاء", "ﻻ", "بـــآثار", "a\u{200f}b"] {
                level.key_into(w, &mut out);
                assert_eq!(out, level.key(w), "{level:?} {w}");
            }
        }
    }

    /// The entries' lines of a pack read whole by TOML, as the parser did before it read
    /// packs in pieces.
    fn lines_read_whole(text: &str) -> Vec<usize> {
        let raw: RawPack = toml::from_str(text).unwrap();
        raw.entries.iter().map(|e| line_of(text, e.span().start)).collect()
    }

    fn line_of(text: &str, offset: usize) -> usize {
        crate::config::line_of(text, offset)
    }

    /// Read an entry at a time or in one piece, a pack gives the same entries, on the lines
    /// TOML reading the whole file gives them: the built-in packs, and one with a `[style]`
    /// after its entries, a multi-line string holding a line `[[entry]]`, comments and CRLF.
    #[test]
    fn a_pack_read_in_pieces_is_the_pack_read_whole() {
        let house = "kind = \"substitution\"\r\nrule = \"house\"\r\n# words\r\n[[entry]]\r\nwrong = [\"ايضا\"]\r\nright = \"أيضاً\"\r\nmessage = \"\"\"\r\n[[entry]]\r\n\"\"\"\r\nexamples = [{ wrong = \"ايضا\", right = \"أيضاً\" }]\r\n\r\n[[ entry ]] # spaced\r\nwrong = [\"اذا\"]\r\nright = \"إذا\"\r\nexamples = [\r\n  { wrong = \"اذا\", right = \"إذا\" },\r\n]\r\n[style]\r\ndigits = \"western\"\r\n[[entry]]\r\nwrong = [\"الى\"]\r\nright = \"إلى\"\r\nexamples = [{ wrong = \"الى\", right = \"إلى\" }]\r\n";
        let packs = BUILTIN.iter().copied().chain([("house.toml", house)]);
        for (path, text) in packs {
            let whole = lines_read_whole(text);
            let mut read = Vec::new();
            for piece_bytes in [1, 200, PIECE_BYTES] {
                let pack = Pack::parse_in_pieces(Path::new(path), text, piece_bytes).unwrap();
                let lines: Vec<usize> = pack.entries.iter().map(|e| e.line).collect();
                assert_eq!(lines, whole, "{path}, pieces of {piece_bytes}");
                read.push(format!("{:?} {:?}", pack.entries, pack.style));
            }
            assert!(read.windows(2).all(|w| w[0] == w[1]), "{path}");
        }
        let pack = Pack::parse_in_pieces(Path::new("house.toml"), house, 1).unwrap();
        assert_eq!(pack.entries.len(), 3);
        assert_eq!(pack.style.and_then(|s| s.digits).as_deref(), Some("western"));
        assert!(matches!(&pack.entries[0].message, Some(m) if m.contains("[[entry]]")));
    }

    /// An error in a later piece names the line and key in the whole file; a `[style]` table
    /// given twice, in two pieces, is an error as it is in one.
    #[test]
    fn errors_in_a_later_piece_name_their_line_in_the_file() {
        let entry = |w: &str| {
            format!("[[entry]]\nwrong = [\"{w}\"]\nright = \"x\"\nexamples = [{{ wrong = \"{w}\", right = \"x\" }}]\n")
        };
        let head = "kind = \"substitution\"\nrule = \"house\"\n";
        let broken = format!("{head}{}{}[[entry]]\nwrang = [\"c\"]\n", entry("a"), entry("b"));
        let bad_regex = "kind = \"pattern\"\nrule = \"house\"\n[[entry]]\nregex = \"a\"\nexamples = [{wrong=\"a\", right=\"b\"}]\n[[entry]]\nregex = \"(\"\nexamples = [{wrong=\"a\", right=\"b\"}]\n";
        let twice = format!(
            "{head}[style]\ndigits = \"western\"\n{}[style]\nquotes = \"curly\"\n",
            entry("a")
        );
        for piece_bytes in [1, PIECE_BYTES] {
            let e = Pack::parse_in_pieces(Path::new("house.toml"), &broken, piece_bytes).unwrap_err();
            assert_eq!((e.line, e.key.as_deref()), (Some(12), Some("wrang")), "{piece_bytes}");
            let e = Pack::parse_in_pieces(Path::new("house.toml"), bad_regex, piece_bytes).unwrap_err();
            assert_eq!((e.line, e.key.as_deref()), (Some(7), Some("regex")), "{piece_bytes}");
            let e = Pack::parse_in_pieces(Path::new("house.toml"), &twice, piece_bytes).unwrap_err();
            assert_eq!(e.line, Some(9), "{piece_bytes}: {e}");
        }
    }

    #[test]
    fn pack_errors_name_line_and_key() {
        let e = Pack::parse(
            Path::new("house.toml"),
            "kind = \"variants\"\nrule = \"x\"\n[[entry]]\nformz = [\"a\"]\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(4));
        assert_eq!(e.key.as_deref(), Some("formz"));
        let e = Pack::parse(
            Path::new("house.toml"),
            "kind = \"pattern\"\nrule = \"x\"\n[[entry]]\nregex = \"(\"\nexamples = [{wrong=\"a\", right=\"b\"}]\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(4));
        assert_eq!(e.key.as_deref(), Some("regex"));
    }
}
