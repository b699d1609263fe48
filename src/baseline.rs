//! Baselines: today's findings of an archive, recorded so that a later run reports only the new
//! ones (`--write-baseline FILE`, `--baseline FILE`).
//!
//! A finding is keyed by its path (as displayed), its rule and the normalised text of its span —
//! folded and with whitespace collapsed — never by line or column, so that an edit elsewhere in
//! the file does not turn old findings into new ones. The same key can occur several times in a
//! file; the baseline keeps a count, and a run subtracts counts: a second copy of an old finding
//! is new.
//!
//! A habit (one finding for a fault the article repeats five times or more) is recorded
//! occurrence by occurrence. So a habit that gains an occurrence is new, and one fixed down to
//! fewer than five, whose leftovers come back as single findings, is not.
//!
//! The file is JSON, sorted, so that it diffs well in review:
//! `{"version": 2, "entries": [{"path", "rule", "text", "count"}]}`. Version 1 (tadqiq before
//! habits were recorded occurrence by occurrence) counted a habit once, by its first occurrence;
//! such a file is still read, and matched that way.

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::spill::{Record, Runs, Sorted, Spilling, read_json_line, write_json_line};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::path::Path;

pub const VERSION: u32 = 2;
/// The version that counted a habit once, by the text of its first occurrence.
const VERSION_PER_FINDING: u32 = 1;

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub text: String,
    pub count: usize,
}

/// An [`Entry`] borrowed from a [`Baseline`], written as an entry is.
#[derive(Serialize)]
struct EntryRef<'a> {
    path: &'a str,
    rule: &'a str,
    text: &'a str,
    count: usize,
}

/// Recorded findings: path → (rule, normalised text) → count. What a run records of each file,
/// gathered by a [`Recorder`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Baseline {
    files: BTreeMap<String, BTreeMap<(String, String), usize>>,
}

/// The form of a path used as a key: `/` as separator, no leading `./`.
pub fn path_key(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.strip_prefix("./").unwrap_or(&p).to_string()
}

/// The normalised text of a span: folded (marks, tatweel, hamza seats, letter variants) and with
/// every run of whitespace made one space, trimmed.
pub fn normalise(text: &str) -> String {
    let folded = crate::text::fold::fold(text);
    let mut out = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| crate::text::chars::is_blank(c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

impl Baseline {
    /// Adds one finding of a file: each of its places ([`Diagnostic::places`]).
    pub fn add(&mut self, source: &SourceFile, d: &Diagnostic) {
        let file = self.files.entry(path_key(&source.path)).or_default();
        for &span in d.places() {
            *file.entry((d.rule.clone(), normalise(source.slice(span)))).or_default() += 1;
        }
    }

    /// How many places are recorded (a habit's occurrences each count).
    pub fn len(&self) -> usize {
        self.files.values().flat_map(|m| m.values()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entries, sorted by path, rule and text, borrowed.
    fn entries(&self) -> impl Iterator<Item = EntryRef<'_>> {
        self.files.iter().flat_map(|(path, m)| {
            m.iter().map(move |((rule, text), &count)| EntryRef {
                path,
                rule,
                text,
                count,
            })
        })
    }

    /// The entries, sorted by path, rule and text.
    fn into_entries(self) -> impl Iterator<Item = Entry> {
        self.files.into_iter().flat_map(|(path, m)| {
            m.into_iter().map(move |((rule, text), count)| Entry {
                path: path.clone(),
                rule,
                text,
                count,
            })
        })
    }
}

/// Gathers the findings of a run for `--write-baseline` in bounded memory. Entries are held,
/// sorted, until they take about [`Recorder::HOLD_BYTES`]; then they go to a temporary file as a
/// sorted run, and saving merges the runs with what is held. A baseline of any archive is so
/// written within a fixed budget, and it is the same file as one made all in memory.
#[derive(Debug)]
pub struct Recorder {
    held: Baseline,
    runs: Runs<Entry>,
}

impl Default for Recorder {
    fn default() -> Self {
        Recorder::with_budget(Self::HOLD_BYTES)
    }
}

impl Recorder {
    /// Memory held before a run is written: about 25,000 entries.
    pub const HOLD_BYTES: usize = 4 << 20;
    /// What a map entry takes beside its strings (nodes, string headers, the count).
    const ENTRY_OVERHEAD: usize = 120;

    /// A recorder that writes a run once it holds about `hold_bytes`.
    pub fn with_budget(hold_bytes: usize) -> Self {
        Recorder {
            held: Baseline::default(),
            runs: Runs::with_budget(hold_bytes),
        }
    }

    /// Adds the findings recorded of one file (or several).
    pub fn add(&mut self, recorded: Baseline) {
        let mut added = 0;
        for (path, m) in recorded.files {
            let path_len = path.len();
            let mine = match self.held.files.entry(path) {
                std::collections::btree_map::Entry::Occupied(o) => o.into_mut(),
                std::collections::btree_map::Entry::Vacant(v) => {
                    added += path_len + Self::ENTRY_OVERHEAD;
                    v.insert(BTreeMap::new())
                }
            };
            for (key, n) in m {
                let key_len = key.0.len() + key.1.len();
                let count = mine.entry(key).or_insert_with(|| {
                    added += key_len + Self::ENTRY_OVERHEAD;
                    0
                });
                *count += n;
            }
        }
        if self.runs.hold(added) {
            // Written one JSON entry per line, as `Entry` reads them back.
            let held = &self.held;
            let spilled = self
                .runs
                .spill(|w| held.entries().try_for_each(|entry| write_json_line(w, &entry)));
            if spilled {
                self.held = Baseline::default();
            }
        }
    }

    /// Writes the baseline file (sorted, pretty JSON) to `w`.
    pub fn write_json(self, w: &mut dyn Write) -> std::io::Result<()> {
        write!(w, "{{\n  \"version\": {VERSION},\n  \"entries\": [")?;
        let mut first = true;
        let mut pretty = Vec::new();
        for entry in self.runs.merge_with(self.held.into_entries()) {
            pretty.clear();
            serde_json::to_writer_pretty(&mut pretty, &entry?)?;
            w.write_all(if first { b"\n    " } else { b",\n    " })?;
            first = false;
            // The entry's own lines, indented as the third level of the file.
            for (i, line) in pretty.split(|&b| b == b'\n').enumerate() {
                if i > 0 {
                    w.write_all(b"\n    ")?;
                }
                w.write_all(line)?;
            }
        }
        w.write_all(if first { b"]\n}\n" } else { b"\n  ]\n}\n" })?;
        Ok(())
    }

    pub fn save(self, path: &Path) -> std::io::Result<()> {
        crate::fsutil::write_atomic_with(path, |w| self.write_json(w))
    }
}

/// In a run, an entry is a line of JSON; equal places' counts add up.
impl Record for Entry {
    fn order(&self, other: &Self) -> std::cmp::Ordering {
        (&self.path, &self.rule, &self.text).cmp(&(&other.path, &other.rule, &other.text))
    }

    fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        write_json_line(w, self)
    }

    fn read(r: &mut dyn BufRead) -> std::io::Result<Option<Self>> {
        read_json_line(r)
    }

    fn absorb(&mut self, other: Self) {
        self.count += other.count;
    }
}

/// A baseline read for `--baseline`. Each entry is kept as hashes (64 bits of its path, 64 of
/// its rule and text) with its count, 20 bytes, sorted; the file is read as a stream, never held.
/// Two different places share both hashes with odds far below one in a million even for an
/// archive of millions of files, so hashing cannot in practice hide a new finding. Past
/// [`Known::HOLD_BYTES`] of entries, they go to a temporary file (see [`Entries`]).
#[derive(Debug)]
pub struct Known {
    entries: Entries,
    /// Read from a version 1 file: a habit is matched by its first occurrence alone.
    per_finding: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct KnownEntry {
    path: u64,
    key: u64,
    count: u32,
}

impl KnownEntry {
    /// Its bytes in a run or in the spilled entries.
    const BYTES: usize = 20;

    fn to_bytes(self) -> [u8; Self::BYTES] {
        let mut b = [0; Self::BYTES];
        b[..8].copy_from_slice(&self.path.to_le_bytes());
        b[8..16].copy_from_slice(&self.key.to_le_bytes());
        b[16..].copy_from_slice(&self.count.to_le_bytes());
        b
    }

    fn from_bytes(b: &[u8; Self::BYTES]) -> KnownEntry {
        let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
        KnownEntry {
            path: word(0),
            key: word(8),
            count: u32::from_le_bytes(b[16..].try_into().unwrap_or_default()),
        }
    }
}

/// In a run, an entry is its 20 bytes; a place listed twice (a file edited by hand) counts twice.
impl Record for KnownEntry {
    fn order(&self, other: &Self) -> std::cmp::Ordering {
        (self.path, self.key).cmp(&(other.path, other.key))
    }

    fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        w.write_all(&self.to_bytes())
    }

    fn read(r: &mut dyn BufRead) -> std::io::Result<Option<Self>> {
        if r.fill_buf()?.is_empty() {
            return Ok(None);
        }
        let mut b = [0; Self::BYTES];
        r.read_exact(&mut b)?;
        Ok(Some(KnownEntry::from_bytes(&b)))
    }

    fn absorb(&mut self, other: Self) {
        self.count = self.count.saturating_add(other.count);
    }
}

/// A baseline's entries, sorted by path and key hashes, equal ones summed: held in memory, or
/// in a temporary file with the path hash of every [`Entries::BLOCK`]th entry held, so that a
/// file's entries are found with a read or two of a few kilobytes.
#[derive(Debug)]
enum Entries {
    Held(Vec<KnownEntry>),
    Spilled {
        file: std::sync::Mutex<std::fs::File>,
        /// The path hash of the first entry of each block.
        firsts: Vec<u64>,
        len: usize,
        /// How many places are recorded.
        places: usize,
    },
}

impl Entries {
    /// Entries per block of the spilled file.
    const BLOCK: usize = 256;

    /// The entries gathered, sorted and summed.
    fn finish(gathered: Spilling<KnownEntry>) -> std::io::Result<Entries> {
        let merged = match gathered.finish() {
            Sorted::Held(held) => return Ok(Entries::Held(held)),
            Sorted::Merged(merged) => merged,
        };
        let (mut firsts, mut len, mut places) = (Vec::new(), 0, 0);
        let file = crate::spill::write_run(|w| {
            for entry in merged {
                let entry = entry?;
                if len % Self::BLOCK == 0 {
                    firsts.push(entry.path);
                }
                entry.write(w)?;
                len += 1;
                places += entry.count as usize;
            }
            Ok(())
        })?;
        Ok(Entries::Spilled {
            file: std::sync::Mutex::new(file),
            firsts,
            len,
            places,
        })
    }

    /// The (key, count) of every entry of the file whose path hashes to `path`, sorted by key.
    fn of_path(&self, path: u64) -> std::io::Result<Vec<(u64, u32)>> {
        match self {
            Entries::Held(entries) => {
                let from = entries.partition_point(|e| e.path < path);
                let to = from + entries[from..].partition_point(|e| e.path == path);
                Ok(entries[from..to].iter().map(|e| (e.key, e.count)).collect())
            }
            Entries::Spilled { file, firsts, len, .. } => {
                use std::io::Seek;
                // The block before the first that starts past `path` may hold its first entries.
                let mut block = firsts.partition_point(|&f| f < path).saturating_sub(1);
                let mut found = Vec::new();
                let mut bytes = vec![0; Self::BLOCK * KnownEntry::BYTES];
                let mut file = file.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                while block < firsts.len() {
                    let start = block * Self::BLOCK;
                    let bytes = &mut bytes[..(len - start).min(Self::BLOCK) * KnownEntry::BYTES];
                    file.seek(std::io::SeekFrom::Start((start * KnownEntry::BYTES) as u64))?;
                    file.read_exact(bytes)?;
                    for record in bytes.chunks_exact(KnownEntry::BYTES) {
                        let e = KnownEntry::from_bytes(record.try_into().unwrap_or(&[0; KnownEntry::BYTES]));
                        if e.path > path {
                            return Ok(found);
                        }
                        if e.path == path {
                            found.push((e.key, e.count));
                        }
                    }
                    block += 1;
                }
                Ok(found)
            }
        }
    }
}

fn path_hash(path_key: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x7ad9_1e5b).hash_one(path_key)
}

fn key_hash(rule: &str, normalised: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x5eed_0ba5).hash_one((rule, normalised))
}

impl Known {
    /// Entries held before they go to a temporary file: about 200,000.
    pub const HOLD_BYTES: usize = 4 << 20;

    /// Reads a baseline file as it streams in.
    pub fn from_reader(r: impl Read) -> Result<Known, String> {
        Known::from_reader_with_budget(r, Self::HOLD_BYTES)
    }

    /// Reads a baseline file, holding about `hold_bytes` of entries in memory at most.
    pub fn from_reader_with_budget(r: impl Read, hold_bytes: usize) -> Result<Known, String> {
        let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(r));
        let known =
            de::Deserializer::deserialize_map(&mut de, FileVisitor { hold_bytes }).map_err(|e| e.to_string())?;
        de.end().map_err(|e| e.to_string())?;
        Ok(known)
    }

    pub fn from_json(text: &str) -> Result<Known, String> {
        Known::from_reader(text.as_bytes())
    }

    pub fn load(path: &Path) -> Result<Known, String> {
        let file = std::fs::File::open(path).map_err(|e| format!("cannot read the baseline: {e}"))?;
        Known::from_reader(file).map_err(|e| format!("invalid baseline: {e}"))
    }

    /// How many places are recorded.
    pub fn len(&self) -> usize {
        match &self.entries {
            Entries::Held(entries) => entries.iter().map(|e| e.count as usize).sum(),
            Entries::Spilled { places, .. } => *places,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What the baseline records of `source`. Fails only when the entries, spilled to a
    /// temporary file, cannot be read back.
    pub fn of_file(&self, source: &SourceFile) -> std::io::Result<KnownFile> {
        let left = self.entries.of_path(path_hash(&path_key(&source.path)))?;
        Ok(KnownFile {
            left,
            per_finding: self.per_finding,
        })
    }
}

/// What a baseline records of one file: its keys (sorted) and what is left of each count.
#[derive(Debug)]
pub struct KnownFile {
    left: Vec<(u64, u32)>,
    per_finding: bool,
}

impl KnownFile {
    /// The findings of the file that the baseline does not account for, in their order. Each
    /// place of a finding takes one from its key's count, while any is left; a finding is old
    /// when every one of its places found one.
    pub fn new_findings(mut self, source: &SourceFile, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if self.left.is_empty() {
            return diags;
        }
        diags
            .into_iter()
            .filter(|d| {
                let places = if self.per_finding {
                    std::slice::from_ref(&d.span)
                } else {
                    d.places()
                };
                let mut accounted = 0;
                for &span in places {
                    let key = key_hash(&d.rule, &normalise(source.slice(span)));
                    if let Ok(i) = self.left.binary_search_by_key(&key, |&(k, _)| k)
                        && self.left[i].1 > 0
                    {
                        self.left[i].1 -= 1;
                        accounted += 1;
                    }
                }
                accounted < places.len()
            })
            .collect()
    }
}

/// Reads the top level of a baseline file: `version` and `entries`, nothing else.
struct FileVisitor {
    hold_bytes: usize,
}

impl<'de> Visitor<'de> for FileVisitor {
    type Value = Known;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a baseline: {\"version\": 2, \"entries\": [...]}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Known, A::Error> {
        const FIELDS: &[&str] = &["version", "entries"];
        let mut version: Option<u32> = None;
        let mut entries: Option<Entries> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "version" if version.is_some() => return Err(de::Error::duplicate_field("version")),
                "version" => {
                    // Told before anything else is read: a later version's entries may not parse.
                    let v: u32 = map.next_value()?;
                    if v != VERSION && v != VERSION_PER_FINDING {
                        return Err(de::Error::custom(format!(
                            "baseline version {v} (this tadqiq reads versions {VERSION_PER_FINDING} and {VERSION})"
                        )));
                    }
                    version = Some(v);
                }
                "entries" if entries.is_some() => return Err(de::Error::duplicate_field("entries")),
                "entries" => {
                    entries = Some(map.next_value_seed(EntriesSeed {
                        hold_bytes: self.hold_bytes,
                    })?)
                }
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            }
        }
        let version = version.ok_or_else(|| de::Error::missing_field("version"))?;
        let entries = entries.ok_or_else(|| de::Error::missing_field("entries"))?;
        Ok(Known {
            entries,
            per_finding: version == VERSION_PER_FINDING,
        })
    }
}

/// Reads `entries` one at a time into their hashes, sorted, equal ones summed: a file lists each
/// place once, but one edited by hand may not.
struct EntriesSeed {
    hold_bytes: usize,
}

impl<'de> DeserializeSeed<'de> for EntriesSeed {
    type Value = Entries;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EntriesSeed {
    type Value = Entries;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut gathered = Spilling::with_budget(self.hold_bytes);
        while let Some(e) = seq.next_element::<Entry>()? {
            let entry = KnownEntry {
                path: path_hash(&path_key(&e.path)),
                key: key_hash(&e.rule, &normalise(&e.text)),
                count: u32::try_from(e.count).unwrap_or(u32::MAX),
            };
            gathered.push(entry, std::mem::size_of::<KnownEntry>());
        }
        Entries::finish(gathered).map_err(|e| de::Error::custom(format!("cannot set its entries aside: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::source::Span;

    impl Known {
        /// The findings of `source` the baseline does not account for.
        fn new_findings(&self, source: &SourceFile, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
            self.of_file(source).unwrap().new_findings(source, diags)
        }
    }

    /// A baseline as a later run reads it: written to a file's text, then read back.
    fn written_and_read(b: Baseline) -> Known {
        let mut recorder = Recorder::default();
        recorder.add(b);
        let mut json = Vec::new();
        recorder.write_json(&mut json).unwrap();
        Known::from_reader(json.as_slice()).unwrap()
    }

    fn finding(src: &SourceFile, rule: &str, text: &str, nth: usize) -> Diagnostic {
        let at = src.text.match_indices(text).nth(nth).unwrap().0;
        Diagnostic::new(rule, Severity::Warning, Span::new(at, at + text.len()), "m")
    }

    #[test]
    fn keys_ignore_position_and_counts_are_a_multiset() {
        let old = SourceFile::new("a.md", "الأميركية هنا\nوالأميركية".to_string());
        let mut b = Baseline::default();
        b.add(&old, &finding(&old, "spelling-variant", "الأميركية", 0));
        let b = written_and_read(b);
        // Lines shift, the text gains a diacritic: still the old finding.
        let new = SourceFile::new("./a.md", "سطر جديد\n\nالأميركيّة هنا\nالأميركية ثانية".to_string());
        let d1 = finding(&new, "spelling-variant", "الأميركيّة", 0);
        let d2 = finding(&new, "spelling-variant", "الأميركية", 0);
        let left = b.new_findings(&new, vec![d1, d2.clone()]);
        assert_eq!(left, vec![d2]);
        // Another rule or another file is new.
        let other = Diagnostic::new("foreign-letter", Severity::Warning, left[0].span, "m");
        assert_eq!(b.new_findings(&new, vec![other.clone()]), vec![other]);
    }

    #[test]
    fn normalises_text_and_rejects_other_versions() {
        assert_eq!(normalise("  الأمريكيّة \u{a0}\n  هنا "), "الامريكيه هنا");
        assert!(Known::from_json(r#"{"version": 3, "entries": []}"#).is_err());
        // A later version is named as such, whatever its entries look like.
        for later in [r#"{"version": 99}"#, r#"{"version": 99, "entries": {"new": "shape"}}"#] {
            let e = Known::from_json(later).map(|_| ()).unwrap_err().to_string();
            assert!(e.contains("baseline version 99"), "{e}");
        }
        assert!(Known::from_json(r#"{"version": 2}"#).is_err());
        assert!(Known::from_json(r#"{"version": 1, "entries": []}"#).is_ok());
        for broken in [
            r#"{"entries": []}"#,
            r#"{"version": 2, "entries": [], "extra": 1}"#,
            r#"{"version": 2, "version": 2, "entries": []}"#,
            r#"{"version": 2, "entries": [{"path": "a", "rule": "r", "text": "t"}]}"#,
            r#"{"version": 2, "entries": []} trailing"#,
            r#"[2]"#,
        ] {
            assert!(Known::from_json(broken).is_err(), "{broken}");
        }
        let e = Known::from_json(r#"{"version": 2, "entries": [], "extra": 1}"#).unwrap_err();
        assert!(e.contains("extra") && e.contains("line 1"), "{e}");
    }

    /// Entries of many files, several findings each, some files met twice (two path arguments
    /// naming one file): what a run hands the recorder.
    fn records() -> Vec<Baseline> {
        let rules = ["spelling-variant", "common-misspelling", "digit-style"];
        let words = ["الأميركية", "الى", "١٢", "هذا \"نص\"", "سطر\nجديد"];
        (0..300)
            .map(|i| {
                let mut b = Baseline::default();
                let path = format!("news/{:03}.md", (i * 37) % 250);
                let file = b.files.entry(path).or_default();
                for j in 0..(i % 7) {
                    let key = (rules[(i + j) % 3].to_string(), normalise(words[(i * j) % 5]));
                    *file.entry(key).or_default() += 1 + j % 2;
                }
                b
            })
            .collect()
    }

    #[test]
    fn a_recorder_that_writes_runs_writes_the_file_one_held_in_memory_would() {
        let mut all = Baseline::default();
        for b in records() {
            for (path, m) in b.files {
                let mine = all.files.entry(path).or_default();
                for (key, n) in m {
                    *mine.entry(key).or_default() += n;
                }
            }
        }
        // The reference: the whole baseline held, written by serde_json.
        #[derive(Serialize)]
        struct File {
            version: u32,
            entries: Vec<Entry>,
        }
        let entries: Vec<Entry> = all.clone().into_entries().collect();
        assert!(entries.len() > 100);
        let reference = serde_json::to_string_pretty(&File {
            version: VERSION,
            entries,
        })
        .unwrap()
            + "\n";
        for budget in [0, 1, 2_000, Recorder::HOLD_BYTES] {
            let mut recorder = Recorder::with_budget(budget);
            records().into_iter().for_each(|b| recorder.add(b));
            let spilled = recorder.runs.len();
            match budget {
                // A run per file (300), merged into one whenever 64 are open.
                0 | 1 => assert!((2..=Runs::<Entry>::MAX_OPEN).contains(&spilled), "{spilled} runs"),
                2_000 => assert!((2..Runs::<Entry>::MAX_OPEN).contains(&spilled), "{spilled} runs"),
                _ => assert_eq!(spilled, 0),
            }
            let mut json = Vec::new();
            recorder.write_json(&mut json).unwrap();
            assert_eq!(String::from_utf8(json).unwrap(), reference, "budget {budget}");
        }
        // An empty baseline is written as serde_json writes it too.
        let mut json = Vec::new();
        Recorder::default().write_json(&mut json).unwrap();
        let empty = serde_json::to_string_pretty(&File {
            version: VERSION,
            entries: Vec::new(),
        })
        .unwrap();
        assert_eq!(String::from_utf8(json).unwrap(), empty + "\n");
    }

    #[test]
    fn a_baseline_read_back_counts_what_was_recorded() {
        let mut recorder = Recorder::with_budget(1);
        records().into_iter().for_each(|b| recorder.add(b));
        let mut json = Vec::new();
        recorder.write_json(&mut json).unwrap();
        let known = Known::from_reader(json.as_slice()).unwrap();
        let recorded: usize = records().iter().map(Baseline::len).sum();
        assert_eq!(known.len(), recorded);
        // An entry listed twice (a file edited by hand) counts twice.
        let twice = r#"{"version": 2, "entries": [
            {"path": "a.txt", "rule": "r", "text": "الى", "count": 1},
            {"path": "./a.txt", "rule": "r", "text": "الى", "count": 2}]}"#;
        for budget in [0, Known::HOLD_BYTES] {
            let known = Known::from_reader_with_budget(twice.as_bytes(), budget).unwrap();
            let of_a = known.entries.of_path(path_hash("a.txt")).unwrap();
            assert_eq!((known.len(), of_a.len(), of_a[0].1), (3, 1, 3), "budget {budget}");
        }
    }

    #[test]
    fn entries_set_aside_in_a_file_are_found_as_held_ones_are() {
        // 150 files, some with one entry and some with dozens, so that a file's entries start in
        // one block of the file and end in the next; a few places listed twice.
        let mut entries = Vec::new();
        for file in 0..150 {
            for n in 0..(file * 7 % 40 + 1) {
                let entry = Entry {
                    path: format!("archive/{file:03}.txt"),
                    rule: ["spelling-variant", "digit-style"][n % 2].to_string(),
                    text: format!("كلمة {n}"),
                    count: n % 3 + 1,
                };
                if n % 17 == 5 {
                    entries.push(entry.clone());
                }
                entries.push(entry);
            }
        }
        let json = serde_json::json!({ "version": VERSION, "entries": entries }).to_string();
        let held = Known::from_reader_with_budget(json.as_bytes(), usize::MAX).unwrap();
        assert!(matches!(held.entries, Entries::Held(_)));
        let paths: Vec<u64> = (0..151).map(|f| path_hash(&format!("archive/{f:03}.txt"))).collect();
        for budget in [0, 2_000, 30_000] {
            let set_aside = Known::from_reader_with_budget(json.as_bytes(), budget).unwrap();
            let Entries::Spilled { firsts, len, .. } = &set_aside.entries else {
                panic!("budget {budget}: held");
            };
            assert!(firsts.len() > 4 && *len > 4 * Entries::BLOCK, "{} blocks", firsts.len());
            assert_eq!(set_aside.len(), held.len());
            for &path in &paths {
                assert_eq!(
                    set_aside.entries.of_path(path).unwrap(),
                    held.entries.of_path(path).unwrap(),
                    "budget {budget}"
                );
            }
        }
        // The one file with no entries (archive/150.txt) has none either way.
        assert!(held.entries.of_path(paths[150]).unwrap().is_empty());
    }

    /// A habit finding of `rule` over every `text` in `src`.
    fn habit(src: &SourceFile, rule: &str, text: &str) -> Diagnostic {
        let places: Vec<Span> = src
            .text
            .match_indices(text)
            .map(|(at, _)| Span::new(at, at + text.len()))
            .collect();
        let mut d = Diagnostic::new(rule, Severity::Warning, places[0], "habit");
        d.occurrences = places;
        d
    }

    #[test]
    fn a_habit_is_recorded_occurrence_by_occurrence() {
        let old = SourceFile::new("a.txt", "الى الى الى الى الى".to_string());
        let mut b = Baseline::default();
        b.add(&old, &habit(&old, "common-misspelling", "الى"));
        assert_eq!(b.len(), 5);
        let b = written_and_read(b);
        assert!(
            b.new_findings(&old, vec![habit(&old, "common-misspelling", "الى")])
                .is_empty()
        );
        // One occurrence more: the habit is new.
        let grown = SourceFile::new("a.txt", "الى الى الى الى الى الى".to_string());
        let d = habit(&grown, "common-misspelling", "الى");
        assert_eq!(b.new_findings(&grown, vec![d.clone()]), vec![d]);
        // Fixed down to three, which come back one by one: all old.
        let fixed = SourceFile::new("a.txt", "الى إلى الى إلى الى".to_string());
        let singles: Vec<Diagnostic> = (0..3)
            .map(|n| finding(&fixed, "common-misspelling", "الى", n))
            .collect();
        assert!(b.new_findings(&fixed, singles).is_empty());
    }

    #[test]
    fn a_version_1_baseline_matches_a_habit_by_its_first_occurrence() {
        let v1 = r#"{"version": 1, "entries": [{"path": "a.txt", "rule": "common-misspelling", "text": "الى", "count": 1}]}"#;
        let b = Known::from_json(v1).unwrap();
        let src = SourceFile::new("a.txt", "الى الى الى الى الى الى".to_string());
        assert!(
            b.new_findings(&src, vec![habit(&src, "common-misspelling", "الى")])
                .is_empty()
        );
        // Read as version 2, the same entry accounts for one occurrence of six.
        let b = Known::from_json(&v1.replace(r#""version": 1"#, r#""version": 2"#)).unwrap();
        assert_eq!(
            b.new_findings(&src, vec![habit(&src, "common-misspelling", "الى")])
                .len(),
            1
        );
    }
}
