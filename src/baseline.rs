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
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
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

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

/// Recorded findings: path → (rule, normalised text) → count.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Baseline {
    files: BTreeMap<String, BTreeMap<(String, String), usize>>,
    /// Read from a version 1 file: a habit is matched by its first occurrence alone.
    per_finding: bool,
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

    /// Adds another baseline's counts to this one.
    pub fn merge(&mut self, other: Baseline) {
        for (path, m) in other.files {
            let mine = self.files.entry(path).or_default();
            for (key, n) in m {
                *mine.entry(key).or_default() += n;
            }
        }
    }

    /// How many places are recorded (a habit's occurrences each count).
    pub fn len(&self) -> usize {
        self.files.values().flat_map(|m| m.values()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The findings of one file that the baseline does not account for, in their order. Each
    /// place of a finding takes one from its key's count, while any is left; a finding is old
    /// when every one of its places found one.
    pub fn new_findings(&self, source: &SourceFile, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let Some(recorded) = self.files.get(&path_key(&source.path)) else {
            return diags;
        };
        let mut left = recorded.clone();
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
                    if let Some(n) = left.get_mut(&(d.rule.clone(), normalise(source.slice(span))))
                        && *n > 0
                    {
                        *n -= 1;
                        accounted += 1;
                    }
                }
                accounted < places.len()
            })
            .collect()
    }

    pub fn to_json(&self) -> String {
        let entries = self
            .files
            .iter()
            .flat_map(|(path, m)| {
                m.iter().map(move |((rule, text), &count)| Entry {
                    path: path.clone(),
                    rule: rule.clone(),
                    text: text.clone(),
                    count,
                })
            })
            .collect();
        let file = BaselineFile {
            version: VERSION,
            entries,
        };
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn from_json(text: &str) -> Result<Baseline, String> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.version != VERSION && file.version != VERSION_PER_FINDING {
            return Err(format!(
                "baseline version {} (this tadqiq reads versions {VERSION_PER_FINDING} and {VERSION})",
                file.version
            ));
        }
        let mut b = Baseline {
            per_finding: file.version == VERSION_PER_FINDING,
            ..Baseline::default()
        };
        for e in file.entries {
            *b.files
                .entry(path_key(&e.path))
                .or_default()
                .entry((e.rule, normalise(&e.text)))
                .or_default() += e.count;
        }
        Ok(b)
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the baseline: {e}"))?;
        Self::from_json(&text).map_err(|e| format!("invalid baseline: {e}"))
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        crate::fsutil::write_atomic(path, self.to_json().as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::source::Span;

    fn finding(src: &SourceFile, rule: &str, text: &str, nth: usize) -> Diagnostic {
        let at = src.text.match_indices(text).nth(nth).unwrap().0;
        Diagnostic::new(rule, Severity::Warning, Span::new(at, at + text.len()), "m")
    }

    #[test]
    fn keys_ignore_position_and_counts_are_a_multiset() {
        let old = SourceFile::new("a.md", "الأميركية هنا\nوالأميركية".to_string());
        let mut b = Baseline::default();
        b.add(&old, &finding(&old, "spelling-variant", "الأميركية", 0));
        let b = Baseline::from_json(&b.to_json()).unwrap();
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
        assert!(Baseline::from_json(r#"{"version": 3, "entries": []}"#).is_err());
        assert!(Baseline::from_json(r#"{"version": 2}"#).is_err());
        assert!(Baseline::from_json(r#"{"version": 1, "entries": []}"#).is_ok());
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
        let b = Baseline::from_json(&b.to_json()).unwrap();
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
        let b = Baseline::from_json(v1).unwrap();
        let src = SourceFile::new("a.txt", "الى الى الى الى الى الى".to_string());
        assert!(
            b.new_findings(&src, vec![habit(&src, "common-misspelling", "الى")])
                .is_empty()
        );
        // Read as version 2, the same entry accounts for one occurrence of six.
        let b = Baseline::from_json(&v1.replace(r#""version": 1"#, r#""version": 2"#)).unwrap();
        assert_eq!(
            b.new_findings(&src, vec![habit(&src, "common-misspelling", "الى")])
                .len(),
            1
        );
    }
}
