//! Findings: rule id, severity, message, primary span, related spans, optional fix.

use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A replacement of one byte range. Safe fixes preserve meaning (Persian ی → Arabic ي); unsafe
/// ones are a judgement (choosing one of two spellings) and need `--unsafe-fixes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
    pub safe: bool,
    /// A fix made of several edits ([`Fix::combined`]) keeps them, in text order, so that each can
    /// be checked (and dropped) on its own; `span` and `replacement` are what they make together.
    /// Empty for a fix of one edit.
    pub edits: Vec<Edit>,
}

/// One edit of a fix made of several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
    /// Edits of one unit stand or fall together: the two marks of one quotation, the space a full
    /// stop moves from before it to after it. A habit's fix gives each occurrence its own.
    pub unit: u32,
}

impl Edit {
    pub fn new(span: Span, replacement: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
            unit: 0,
        }
    }
}

/// The text an edit of `edit` changes: the span itself, or for an empty one (an insertion) the
/// one character after it, which the inserted text joins.
pub fn reach(edit: Span) -> Span {
    Span {
        start: edit.start,
        end: edit.end.max(edit.start + 1),
    }
}

/// Whether an edit of `edit` changes text inside `span`, or inserts text into it ([`reach`]).
fn reaches(edit: Span, span: Span) -> bool {
    let r = reach(edit);
    r.start < span.end && span.start < r.end
}

impl Fix {
    pub fn safe(span: Span, replacement: impl Into<String>) -> Self {
        Fix::new(span, replacement, true)
    }

    pub fn unsafe_(span: Span, replacement: impl Into<String>) -> Self {
        Fix::new(span, replacement, false)
    }

    pub fn new(span: Span, replacement: impl Into<String>, safe: bool) -> Self {
        Fix {
            span,
            replacement: replacement.into(),
            safe,
            edits: Vec::new(),
        }
    }

    /// One fix made of `edits` to `text`: from the first to the last, the bytes between them kept
    /// as they are. An edit that starts inside the one before it (in text order) is left out, and
    /// so is the rest of its unit. None without edits; a plain fix for one alone.
    pub fn combined(text: &str, mut edits: Vec<Edit>, safe: bool) -> Option<Fix> {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let mut cursor = edits.first()?.span.start;
        let mut overlapping: Vec<u32> = Vec::new();
        for e in &edits {
            if e.span.start < cursor {
                overlapping.push(e.unit);
            } else {
                cursor = e.span.end;
            }
        }
        overlapping.sort_unstable();
        edits.retain(|e| overlapping.binary_search(&e.unit).is_err());
        let whole = edits.iter().map(|e| e.span).reduce(Span::cover)?;
        if let [one] = edits.as_slice() {
            return Some(Fix::new(one.span, one.replacement.clone(), safe));
        }
        // Sized at once: a habit's replacement runs from its first occurrence to its last, most
        // of the article, and growing it by doubling would copy it over and over.
        let taken: usize = edits.iter().map(|e| e.span.len()).sum();
        let put: usize = edits.iter().map(|e| e.replacement.len()).sum();
        let mut replacement = String::with_capacity(whole.len().saturating_sub(taken) + put);
        let mut cursor = whole.start as usize;
        for e in &edits {
            replacement.push_str(&text[cursor..e.span.start as usize]);
            replacement.push_str(&e.replacement);
            cursor = e.span.end as usize;
        }
        replacement.push_str(&text[cursor..whole.end as usize]);
        Some(Fix {
            span: whole,
            replacement,
            safe,
            edits,
        })
    }

    /// The edits the fix makes: its [`Fix::edits`], or itself as one.
    pub fn each_edit(&self) -> Vec<Edit> {
        if self.edits.is_empty() {
            return vec![Edit::new(self.span, self.replacement.clone())];
        }
        self.edits.clone()
    }

    /// The fix with only the units whose every edit `check` keeps (as it gives it back, mended
    /// or not); None when no unit is left.
    pub fn retain_units(self, text: &str, mut check: impl FnMut(Edit) -> Option<Edit>) -> Option<Fix> {
        let edits = self.each_edit();
        let mut kept: Vec<Edit> = Vec::with_capacity(edits.len());
        let mut failed: Vec<u32> = Vec::new();
        let mut changed = false;
        for e in &edits {
            match check(e.clone()) {
                Some(checked) => {
                    changed |= checked != *e;
                    kept.push(checked);
                }
                None => failed.push(e.unit),
            }
        }
        if failed.is_empty() && !changed {
            return Some(self);
        }
        failed.sort_unstable();
        kept.retain(|e| failed.binary_search(&e.unit).is_err());
        Fix::combined(text, kept, self.safe)
    }

    /// Whether applying the fix changes text inside `span`, or inserts text into it: an empty
    /// fix span (an insertion) counts as the one character after it.
    pub fn reaches(&self, span: Span) -> bool {
        reaches(self.span, span)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
    /// For a habit (one finding for a fault the article repeats): the span of each occurrence it
    /// stands for, in text order, the first being `span`. Empty for a finding of one place. Not
    /// printed (the message counts them); baselines record each occurrence.
    pub occurrences: Vec<Span>,
}

impl Diagnostic {
    pub fn new(rule: &str, severity: Severity, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule: rule.to_string(),
            severity,
            message: message.into(),
            span,
            related: Vec::new(),
            fix: None,
            occurrences: Vec::new(),
        }
    }

    /// The places the finding stands for: each occurrence of a habit, or its one span.
    pub fn places(&self) -> &[Span] {
        if self.occurrences.is_empty() {
            std::slice::from_ref(&self.span)
        } else {
            &self.occurrences
        }
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// The fixes one pass can apply together, in text order: each lies inside the text on char
/// boundaries, changes something, and does not overlap one taken before it (that one waits for a
/// later pass). Two insertions at one offset also conflict (their order would be a guess), and
/// so do two fixes with one span.
pub fn select_fixes<'a>(text: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> Vec<&'a Fix> {
    let mut fixes: Vec<&Fix> = fixes.into_iter().collect();
    fixes.sort_by(|a, b| (a.span.start, a.span.end, &a.replacement).cmp(&(b.span.start, b.span.end, &b.replacement)));
    let mut taken: Vec<&Fix> = Vec::new();
    let mut cursor = 0usize;
    let mut last_insert: Option<usize> = None;
    for fix in fixes {
        let r = fix.span.range();
        if r.start < cursor || r.end > text.len() {
            continue;
        }
        if !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            continue;
        }
        if text[r.clone()] == fix.replacement {
            continue;
        }
        if r.is_empty() {
            if last_insert == Some(r.start) {
                continue;
            }
            last_insert = Some(r.start);
        }
        cursor = r.end;
        taken.push(fix);
    }
    taken
}

/// Applies fixes chosen by [`select_fixes`] to `text`, which must be the text they were chosen
/// for. Bytes outside the fixes' spans are copied unchanged.
pub fn splice_fixes(text: &str, fixes: &[&Fix]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0usize;
    for fix in fixes {
        let r = fix.span.range();
        out.push_str(&text[cursor..r.start]);
        out.push_str(&fix.replacement);
        cursor = r.end;
    }
    out.push_str(&text[cursor..]);
    out
}

/// Applies non-overlapping fixes to `text`, in order; a fix that overlaps one already taken waits
/// for a later pass. Returns the new text and how many fixes were applied. Bytes outside the
/// applied spans are copied unchanged.
pub fn apply_fixes<'a>(text: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> (String, usize) {
    let taken = select_fixes(text, fixes);
    (splice_fixes(text, &taken), taken.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_combined_fix_keeps_its_edits_and_the_text_between() {
        let text = "a,b,c,d";
        let edit = |at: usize, to: &str, unit: u32| Edit {
            unit,
            ..Edit::new(Span::new(at, at + 1), to)
        };
        // Given out of order, with one edit starting inside another: that one goes, and the
        // other edit of its unit with it.
        let wide = Edit::new(Span::new(3, 5), "XX");
        let edits = vec![edit(5, "؛", 1), edit(1, "،", 2), wide, edit(4, "!", 3), edit(6, "?", 3)];
        let fix = Fix::combined(text, edits, true).unwrap();
        assert_eq!((fix.span, fix.replacement.as_str()), (Span::new(1, 6), "،bXX؛"));
        assert_eq!(fix.edits.len(), 3);
        assert_eq!(apply_fixes(text, [&fix]).0, "a،bXX؛d");
        assert_eq!(fix.each_edit(), fix.edits);
        // Units stand or fall together: refusing the comma at 1 keeps the others.
        let kept = fix
            .clone()
            .retain_units(text, |e| (e.span.start != 1).then_some(e))
            .unwrap();
        assert_eq!(apply_fixes(text, [&kept]).0, "a,bXX؛d");
        let two = Fix::combined(text, vec![edit(1, "،", 0), edit(5, "؛", 0)], true).unwrap();
        assert_eq!(
            two.clone().retain_units(text, |e| (e.span.start != 1).then_some(e)),
            None
        );
        assert_eq!(two.clone().retain_units(text, Some), Some(two));
        // One edit is a plain fix; none is no fix.
        let one = Fix::combined(text, vec![edit(1, "،", 0)], false).unwrap();
        assert_eq!(one, Fix::unsafe_(Span::new(1, 2), "،"));
        assert_eq!(one.each_edit(), [edit(1, "،", 0)]);
        assert_eq!(Fix::combined(text, Vec::new(), true), None);
    }

    #[test]
    fn overlapping_fixes_wait() {
        let text = "abcdef";
        let a = Fix::safe(Span::new(1, 3), "X");
        let b = Fix::safe(Span::new(2, 4), "Y");
        let c = Fix::safe(Span::new(5, 6), "Z");
        let (out, n) = apply_fixes(text, [&a, &b, &c]);
        assert_eq!(out, "aXdeZ");
        assert_eq!(n, 2);
    }

    #[test]
    fn two_insertions_at_one_offset_wait() {
        let text = "ab";
        let a = Fix::safe(Span::new(1, 1), " ");
        let b = Fix::safe(Span::new(1, 1), " ");
        let c = Fix::safe(Span::new(1, 2), "B");
        let (out, n) = apply_fixes(text, [&a, &b, &c]);
        assert_eq!(out, "a B");
        assert_eq!(n, 2);
    }

    #[test]
    fn fixes_off_char_boundaries_or_past_the_end_are_dropped() {
        let text = "بب";
        let a = Fix::safe(Span::new(1, 2), "x");
        let b = Fix::safe(Span::new(3, 9), "x");
        let (out, n) = apply_fixes(text, [&a, &b]);
        assert_eq!((out.as_str(), n), ("بب", 0));
    }
}
