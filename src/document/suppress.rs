//! Inline suppression comments (Markdown): `<!-- tadqiq-disable RULE,... -->` …
//! `<!-- tadqiq-enable -->` and `<!-- tadqiq-disable-next-line RULE -->`.
//!
//! A name is a rule id, a family, or `all`; no name means every rule. Text after `--` in the
//! comment is a reason for the reader and is ignored (`<!-- tadqiq-disable-next-line
//! spelling-variant -- the quoted statement keeps its spelling -->`). `tadqiq-enable` with names
//! ends only the disables of those names.
//!
//! Suppressions that do nothing are reported by `unused-suppression`: a name whose range holds no
//! finding of a rule that ran, a name that is neither rule nor family, an unknown `tadqiq-`
//! directive, an enable with nothing to end. A rule turned off for the file is not "unused".
//!
//! Plain text has no comment syntax, so nothing is suppressed there.

use super::Document;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Edit};
use crate::rules::{Registry, RuleMeta, quote};
use crate::source::{Span, SpanSet};

/// The id of the rule that reports suppressions doing nothing.
pub const UNUSED: &str = "unused-suppression";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
    /// A comment that starts with `tadqiq-` but names no known directive.
    Unknown,
}

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The whole comment, `<!--` to `-->`.
    pub span: Span,
    /// The directive word (`tadqiq-disable`).
    pub word: Span,
    /// The names it lists, each with its span; empty means every rule.
    pub names: Vec<(String, Span)>,
}

impl Directive {
    /// Reads an HTML comment (`<!-- … -->`, delimiters included); `None` when it is not ours.
    pub fn parse(text: &str, comment: Span) -> Option<Directive> {
        let s = text.get(comment.range())?;
        let inner = s.strip_prefix("<!--")?.strip_suffix("-->")?;
        let base = comment.start as usize + 4;
        let lead = inner.len() - inner.trim_start().len();
        let body = &inner[lead..];
        if !body.starts_with("tadqiq-") {
            return None;
        }
        let word_len = body.find(char::is_whitespace).unwrap_or(body.len());
        let kind = match &body[..word_len] {
            "tadqiq-disable" => DirectiveKind::Disable,
            "tadqiq-enable" => DirectiveKind::Enable,
            "tadqiq-disable-next-line" => DirectiveKind::DisableNextLine,
            _ => DirectiveKind::Unknown,
        };
        let word = Span::new(base + lead, base + lead + word_len);
        let rest_at = lead + word_len;
        let rest = &inner[rest_at..];
        let rest = rest.find("--").map_or(rest, |i| &rest[..i]);
        // Names are split at commas and any whitespace, which can be wider than a byte (NBSP):
        // each name's span is counted from the separators' own lengths.
        let mut names = Vec::new();
        let mut piece_start = None;
        for (i, c) in rest.char_indices().chain(std::iter::once((rest.len(), ' '))) {
            let separates = c == ',' || c.is_whitespace();
            match (piece_start, separates) {
                (None, false) => piece_start = Some(i),
                (Some(from), true) => {
                    let start = base + rest_at + from;
                    names.push((rest[from..i].to_string(), Span::new(start, start + i - from)));
                    piece_start = None;
                }
                _ => {}
            }
        }
        Some(Directive {
            kind,
            span: comment,
            word,
            names,
        })
    }
}

/// A stretch of text where one name (or every rule) is suppressed.
struct Slot {
    directive: usize,
    /// The name and its span, or `None` for every rule.
    name: Option<(String, Span)>,
    start: u32,
    end: u32,
    used: bool,
}

impl Slot {
    /// Whether the slot is for `rule` (by its id, its family or `all`), or for every rule.
    fn is_for(&self, registry: &Registry, rule: &str) -> bool {
        self.name.as_ref().is_none_or(|(n, _)| name_matches(registry, n, rule))
    }

    /// Whether the slot names `unused-suppression` itself.
    fn names_unused(&self) -> bool {
        self.name.as_ref().is_some_and(|(n, _)| n == UNUSED)
    }

    /// The text the slot suppresses.
    fn reach(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}

fn name_matches(registry: &Registry, name: &str, rule: &str) -> bool {
    match registry.get(rule) {
        Some(r) => names_rule(name, r.meta()),
        None => name == "all" || name == rule,
    }
}

/// Whether a name in a suppression comment stands for the rule `meta`: `all`, its id or its
/// family. A rule id is never a family's name (the registry refuses a house rule so named, and a
/// test holds the built-in ones to it), so the two readings cannot clash.
fn names_rule(name: &str, meta: &RuleMeta) -> bool {
    name == "all" || name == meta.id || name == meta.family
}

fn name_is_known(registry: &Registry, name: &str) -> bool {
    crate::config::selector_is_known(registry, name)
}

/// Whether any rule the name covers is enabled for this file.
fn name_is_enabled(registry: &Registry, settings: &Settings, name: &str) -> bool {
    registry
        .rules()
        .iter()
        .enumerate()
        .any(|(i, r)| settings.enabled.get(i).copied().unwrap_or(false) && name_matches(registry, name, r.id()))
}

/// Builds the slots of the document's directives; directives that do nothing by their shape
/// (an enable with nothing open, an unknown directive) are returned as findings-to-be.
fn slots(doc: &Document<'_>) -> (Vec<Slot>, Vec<(Span, String)>) {
    let text = doc.text();
    let lines = &doc.source.lines;
    let mut slots: Vec<Slot> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut problems: Vec<(Span, String)> = Vec::new();
    for (di, d) in doc.suppressions.iter().enumerate() {
        let whole = || quote(&text[d.span.range()]);
        match d.kind {
            DirectiveKind::Disable => {
                let names: Vec<Option<(String, Span)>> = if d.names.is_empty() {
                    vec![None]
                } else {
                    d.names.iter().cloned().map(Some).collect()
                };
                for name in names {
                    open.push(slots.len());
                    slots.push(Slot {
                        directive: di,
                        name,
                        start: d.span.end,
                        end: text.len() as u32,
                        used: false,
                    });
                }
            }
            DirectiveKind::Enable => {
                let before = open.len();
                open.retain(|&si| {
                    let s = &mut slots[si];
                    let ends = d.names.is_empty()
                        || s.name
                            .as_ref()
                            .is_some_and(|(n, _)| d.names.iter().any(|(m, _)| m == n));
                    if ends {
                        s.end = d.span.start;
                    }
                    !ends
                });
                if open.len() == before {
                    problems.push((d.span, format!("{} has no open `tadqiq-disable` to end", whole())));
                }
            }
            DirectiveKind::DisableNextLine => {
                let comment_line = lines.line_of(d.span.end.saturating_sub(1) as usize);
                let target = (comment_line + 1..lines.line_count())
                    .map(|l| lines.line_span(text, l))
                    .find(|s| !text[s.range()].trim().is_empty());
                let (start, end) = match target {
                    Some(s) => (s.start, s.end + 1),
                    None => (d.span.end, d.span.end),
                };
                let names: Vec<Option<(String, Span)>> = if d.names.is_empty() {
                    vec![None]
                } else {
                    d.names.iter().cloned().map(Some).collect()
                };
                for name in names {
                    slots.push(Slot {
                        directive: di,
                        name,
                        start,
                        end,
                        used: false,
                    });
                }
            }
            DirectiveKind::Unknown => problems.push((
                d.word,
                format!(
                    "{} is not a suppression directive (tadqiq-disable, tadqiq-enable, tadqiq-disable-next-line)",
                    quote(&text[d.word.range()])
                ),
            )),
        }
    }
    (slots, problems)
}

/// Where the document's suppression comments apply (`unused-suppression`'s own left out): each
/// stretch with the name it is for, `None` for every rule.
struct Stretches(Vec<(u32, u32, Option<String>)>);

/// Where suppression comments silence the findings of the rule `meta`. A rule that folds many
/// occurrences into one habit finding asks it first, so that a comment on one occurrence silences
/// that one and not the habit.
pub fn covered(doc: &Document<'_>, meta: &RuleMeta) -> SpanSet {
    if doc.suppressions.is_empty() {
        return SpanSet::default();
    }
    let stretches = doc.memo(0, || {
        Stretches(
            slots(doc)
                .0
                .into_iter()
                .filter(|s| !s.names_unused())
                .map(|s| (s.start, s.end, s.name.map(|(n, _)| n)))
                .collect(),
        )
    });
    SpanSet::new(
        stretches
            .0
            .iter()
            .filter(|(_, _, name)| name.as_deref().is_none_or(|n| names_rule(n, meta)))
            .map(|&(start, end, _)| Span { start, end }),
    )
}

/// The slots in order of where they start, with the furthest end reached so far: the slots that
/// meet a stretch are found by a binary search and a walk back over the ones that may reach it,
/// not by trying every slot for every finding (a file can hold thousands of comments).
struct SlotIndex {
    by_start: Vec<usize>,
    /// The greatest end among the slots `by_start[..=k]`.
    furthest_end: Vec<u32>,
}

impl SlotIndex {
    fn new(slots: &[Slot]) -> Self {
        let mut by_start: Vec<usize> = (0..slots.len()).collect();
        by_start.sort_by_key(|&i| slots[i].start);
        let mut furthest = 0;
        let furthest_end = by_start
            .iter()
            .map(|&i| {
                furthest = furthest.max(slots[i].end);
                furthest
            })
            .collect();
        SlotIndex { by_start, furthest_end }
    }

    /// Puts into `out` exactly the slots whose stretch meets `[start, end)`.
    fn meeting(&self, slots: &[Slot], start: u32, end: u32, out: &mut Vec<usize>) {
        out.clear();
        let upto = self.by_start.partition_point(|&i| slots[i].start < end);
        out.extend(
            (0..upto)
                .rev()
                .take_while(|&k| self.furthest_end[k] > start)
                .map(|k| self.by_start[k])
                .filter(|&i| slots[i].end > start),
        );
    }
}

/// Drops the findings that a suppression comment covers, and reports (as `unused-suppression`,
/// when that rule is enabled) the suppressions that covered nothing.
pub fn apply(doc: &Document<'_>, diags: Vec<Diagnostic>, registry: &Registry, settings: &Settings) -> Vec<Diagnostic> {
    if doc.suppressions.is_empty() {
        return diags;
    }
    let text = doc.text();
    let (mut slots, problems) = slots(doc);
    let index = SlotIndex::new(&slots);
    let mut near: Vec<usize> = Vec::new();
    let mut suppress = |slots: &mut [Slot], d: &Diagnostic, only_unused_rule: bool| -> bool {
        // Exactly the slots whose stretch holds the finding's start.
        index.meeting(slots, d.span.start, d.span.start + 1, &mut near);
        let mut hit = false;
        for &i in &near {
            let s = &mut slots[i];
            if only_unused_rule == s.names_unused() && s.is_for(registry, &d.rule) {
                s.used = true;
                hit = true;
            }
        }
        hit
    };
    let mut out: Vec<Diagnostic> = diags.into_iter().filter(|d| !suppress(&mut slots, d, false)).collect();
    // A finding that stays may carry a fix reaching into text suppressed for its rule (one fix for
    // a habit all through the article): the edits that reach it are dropped rather than rewrite
    // that text, and the suppression counts as used.
    let mut near: Vec<usize> = Vec::new();
    for d in &mut out {
        let Some(fix) = d.fix.take() else { continue };
        let mut reaches_suppressed = |edit: &Edit| {
            // An insertion reaches the character after it.
            index.meeting(&slots, edit.span.start, edit.span.end + 1, &mut near);
            let mut reaches = false;
            for &i in &near {
                let s = &mut slots[i];
                if edit.reaches(s.reach()) && !s.names_unused() && s.is_for(registry, &d.rule) {
                    s.used = true;
                    reaches = true;
                }
            }
            reaches
        };
        d.fix = fix.retain_units(doc.text(), |e| (!reaches_suppressed(&e)).then_some(e));
    }

    let Some(index) = registry.index_of(UNUSED) else {
        return out;
    };
    if !settings.enabled.get(index).copied().unwrap_or(false) {
        return out;
    }
    let rule = &registry.rules()[index];
    let severity = settings.severity.get(UNUSED).copied().unwrap_or(rule.meta().severity);
    let finding = |span: Span, message: String| Diagnostic::new(UNUSED, severity, span, message);

    let report = |slots: &[Slot], named_unused: bool| -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for s in slots {
            if s.used || s.names_unused() != named_unused {
                continue;
            }
            let d = &doc.suppressions[s.directive];
            match &s.name {
                None => found.push(finding(
                    d.span,
                    format!("{} suppresses nothing", quote(&text[d.span.range()])),
                )),
                Some((name, span)) if !name_is_known(registry, name) => found.push(finding(
                    *span,
                    format!(
                        "{} in a suppression comment is not a rule or family (see `tadqiq rules`)",
                        quote(name)
                    ),
                )),
                Some((name, span)) if name_is_enabled(registry, settings, name) => found.push(finding(
                    *span,
                    format!("suppression of {} suppresses nothing", quote(name)),
                )),
                // A rule turned off for this file: its suppression is neither used nor unused.
                Some(_) => {}
            }
        }
        found
    };
    let mut unused = report(&slots, false);
    unused.extend(problems.into_iter().map(|(span, message)| finding(span, message)));
    unused.retain(|d| !suppress(&mut slots, d, true));
    unused.extend(report(&slots, true));
    out.extend(unused);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Selection;
    use crate::diagnostic::Severity;
    use crate::source::SourceFile;

    fn directive(text: &str) -> Option<Directive> {
        Directive::parse(text, Span::new(0, text.len()))
    }

    #[test]
    fn parses_directives_names_and_reasons() {
        let d = directive("<!-- tadqiq-disable spelling-variant, foreign-letter -- quoted as said -->").unwrap();
        assert_eq!(d.kind, DirectiveKind::Disable);
        let names: Vec<&str> = d.names.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["spelling-variant", "foreign-letter"]);
        let text = "<!-- tadqiq-disable spelling-variant, foreign-letter -- quoted as said -->";
        assert_eq!(&text[d.names[1].1.range()], "foreign-letter");
        assert_eq!(directive("<!--tadqiq-enable-->").unwrap().kind, DirectiveKind::Enable);
        assert_eq!(
            directive("<!-- tadqiq-disable-next-line x -->").unwrap().kind,
            DirectiveKind::DisableNextLine
        );
        assert_eq!(
            directive("<!-- tadqiq-disabel x -->").unwrap().kind,
            DirectiveKind::Unknown
        );
        assert_eq!(directive("<!-- a comment -->"), None);
    }

    #[test]
    fn names_after_a_wide_space_have_their_own_spans() {
        // NBSP and the ideographic space are wider than a byte.
        let text = "<!-- tadqiq-disable-next-line\u{a0}spelling-variant,\u{3000}quote-style -- سبب -->";
        let d = directive(text).unwrap();
        let spans: Vec<&str> = d.names.iter().map(|(_, s)| &text[s.range()]).collect();
        assert_eq!(spans, ["spelling-variant", "quote-style"]);
        // Reported as unused, each at its name (the slice would panic off a char boundary).
        let md = format!("{text}\nقال الرئيس.\n");
        let unused: Vec<String> = run(&md, &[], None).into_iter().map(|(_, s)| s).collect();
        assert_eq!(unused, ["spelling-variant", "quote-style"]);
    }

    /// Runs `apply` over hand-made findings of `trailing-whitespace` at the given byte offsets.
    fn run(text: &str, at: &[usize], settings: Option<Settings>) -> Vec<(String, String)> {
        let src = SourceFile::new("a.md", text.to_string());
        let doc = Document::markdown(&src);
        let registry = Registry::builtin();
        let settings = settings.unwrap_or_else(|| Settings::resolve(&registry, &Selection::default()));
        let diags = at
            .iter()
            .map(|&a| Diagnostic::new("trailing-whitespace", Severity::Info, Span::new(a, a + 1), "m"))
            .collect();
        apply(&doc, diags, &registry, &settings)
            .into_iter()
            .map(|d| (d.rule.clone(), src.slice(d.span).to_string()))
            .collect()
    }

    #[test]
    fn a_fix_reaching_into_suppressed_text_is_dropped_and_the_suppression_is_used() {
        let text = "أ \nب \n<!-- tadqiq-disable-next-line trailing-whitespace -->\nج \nد \n";
        let src = SourceFile::new("a.md", text.to_string());
        let doc = Document::markdown(&src);
        let registry = Registry::builtin();
        let settings = Settings::resolve(&registry, &Selection::default());
        let at = |w: &str| text.find(w).unwrap() + w.len() - 1;
        let finding = |from: usize, to: usize| {
            Diagnostic::new("trailing-whitespace", Severity::Info, Span::new(from, from + 1), "m")
                .with_fix(crate::diagnostic::Fix::safe(Span::new(from, to), ""))
        };
        // One fix over the first two lines leaves the suppressed third alone: it stays.
        let clear = apply(&doc, vec![finding(at("أ "), at("ب ") + 1)], &registry, &settings);
        assert_eq!(clear.len(), 2, "{clear:?}");
        assert!(clear[0].fix.is_some());
        assert_eq!(clear[1].rule, UNUSED);
        // One fix from the first line to the last would rewrite the suppressed line: dropped.
        let got = apply(&doc, vec![finding(at("أ "), at("د ") + 1)], &registry, &settings);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].rule, "trailing-whitespace");
        assert!(got[0].fix.is_none());
    }

    #[test]
    fn covered_stretches_agree_with_apply() {
        // Nested and overlapping ranges, a family, another rule, every rule.
        let text = "أ,\n<!-- tadqiq-disable punctuation -->\nب,\n<!-- tadqiq-disable latin-punctuation -->\nج,\n\
                    <!-- tadqiq-enable punctuation -->\nد,\n<!-- tadqiq-enable -->\nه,\n\
                    <!-- tadqiq-disable-next-line tatweel -->\nو,\n<!-- tadqiq-disable-next-line -->\nز,\n";
        let src = SourceFile::new("a.md", text.to_string());
        let doc = Document::markdown(&src);
        let registry = Registry::builtin();
        let settings = Settings::resolve(&registry, &Selection::default());
        let meta = registry.get("latin-punctuation").unwrap().meta();
        let covered = covered(&doc, meta);
        for (w, silenced) in [
            ("أ,", false),
            ("ب,", true),
            ("ج,", true),
            ("د,", true),
            ("ه,", false),
            ("و,", false),
            ("ز,", true),
        ] {
            let at = text.find(w).unwrap() + w.len() - 1;
            assert_eq!(covered.contains(at as u32), silenced, "{w}");
            let d = Diagnostic::new("latin-punctuation", Severity::Warning, Span::new(at, at + 1), "m");
            let kept = apply(&doc, vec![d], &registry, &settings);
            assert_eq!(
                kept.iter().all(|d| d.rule != "latin-punctuation"),
                silenced,
                "{w}: {kept:?}"
            );
        }
    }

    #[test]
    fn slot_index_finds_exactly_the_slots_meeting_a_stretch() {
        // Nested, overlapping, empty and long stretches, in no order.
        let stretches = [
            (0, 100),
            (5, 5),
            (10, 20),
            (12, 14),
            (12, 40),
            (30, 31),
            (50, 60),
            (55, 56),
            (90, 91),
        ];
        let slots: Vec<Slot> = stretches
            .iter()
            .map(|&(start, end)| Slot {
                directive: 0,
                name: None,
                start,
                end,
                used: false,
            })
            .rev()
            .collect();
        let index = SlotIndex::new(&slots);
        let mut near = Vec::new();
        for start in 0..=101 {
            for end in start + 1..=102 {
                index.meeting(&slots, start, end, &mut near);
                near.sort_unstable();
                let expected: Vec<usize> = (0..slots.len())
                    .filter(|&i| slots[i].start < end && slots[i].end > start)
                    .collect();
                assert_eq!(near, expected, "[{start}, {end})");
            }
        }
    }

    #[test]
    fn disable_enable_range() {
        let text = "أ \n<!-- tadqiq-disable trailing-whitespace -->\nب \n<!-- tadqiq-enable -->\nج \n";
        let at: Vec<usize> = ["أ ", "ب ", "ج "]
            .iter()
            .map(|w| text.find(w).unwrap() + w.len() - 1)
            .collect();
        let got = run(text, &at, None);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|(r, _)| r == "trailing-whitespace"));
    }

    #[test]
    fn next_line_family_and_all() {
        let text = "<!-- tadqiq-disable-next-line hygiene -->\n\nب \nج \n";
        let b = text.find("ب ").unwrap() + "ب".len();
        let j = text.find("ج ").unwrap() + "ج".len();
        assert_eq!(run(text, &[b, j], None), [("trailing-whitespace".into(), " ".into())]);
        let text = "<!-- tadqiq-disable -->\nب \n";
        let b = text.find("ب ").unwrap() + "ب".len();
        assert!(run(text, &[b], None).is_empty());
    }

    #[test]
    fn unused_unknown_and_stray_enable_are_reported() {
        let text = "<!-- tadqiq-disable-next-line trailing-whitespace, foreign-letter, no-such-rule -->\nب \n<!-- tadqiq-enable -->\n<!-- tadqiq-disabel -->\n";
        let b = text.find("ب ").unwrap() + "ب".len();
        let got = run(text, &[b], None);
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "foreign-letter",
                "no-such-rule",
                "<!-- tadqiq-enable -->",
                "tadqiq-disabel"
            ],
            "{got:?}"
        );
        assert!(got.iter().all(|(r, _)| r == UNUSED));
    }

    #[test]
    fn a_rule_turned_off_is_not_unused_and_unused_can_be_silenced() {
        let registry = Registry::builtin();
        let sel = Selection {
            ignore: vec!["foreign-letter".into()],
            ..Selection::default()
        };
        let text = "<!-- tadqiq-disable-next-line foreign-letter -->\nب\n";
        assert!(run(text, &[], Some(Settings::resolve(&registry, &sel))).is_empty());
        let text =
            "<!-- tadqiq-disable unused-suppression -->\n<!-- tadqiq-disable-next-line trailing-whitespace -->\nب\n";
        assert!(run(text, &[], None).is_empty());
    }
}
