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
use crate::diagnostic::Diagnostic;
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
    /// Whether the slot is for `rule` (by its id, its family or `all`; `meta` is the rule's, as
    /// the registry gives it), or for every rule.
    fn is_for(&self, rule: &str, meta: Option<&RuleMeta>) -> bool {
        self.name.as_ref().is_none_or(|(n, _)| names(n, rule, meta))
    }

    /// Whether the slot names `unused-suppression` itself.
    fn names_unused(&self) -> bool {
        self.name.as_ref().is_some_and(|(n, _)| n == UNUSED)
    }
}

fn name_matches(registry: &Registry, name: &str, rule: &str) -> bool {
    names(name, rule, registry.get(rule).map(|r| r.meta()))
}

/// [`name_matches`] with the rule already looked up (`meta`, None for a rule the registry does not
/// know).
fn names(name: &str, rule: &str, meta: Option<&RuleMeta>) -> bool {
    match meta {
        Some(m) => names_rule(name, m),
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
    // The open disables by name (None: every rule): an enable ends those of its names at once,
    // rather than reading every disable still open.
    let mut open: std::collections::HashMap<Option<String>, Vec<usize>> = std::collections::HashMap::new();
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
                    open.entry(name.as_ref().map(|(n, _)| n.clone()))
                        .or_default()
                        .push(slots.len());
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
                let ended: Vec<usize> = if d.names.is_empty() {
                    open.drain().flat_map(|(_, open)| open).collect()
                } else {
                    d.names
                        .iter()
                        .filter_map(|(n, _)| open.remove(&Some(n.clone())))
                        .flatten()
                        .collect()
                };
                if ended.is_empty() {
                    problems.push((d.span, format!("{} has no open `tadqiq-disable` to end", whole())));
                }
                for si in ended {
                    slots[si].end = d.span.start;
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

/// For each stretch `[start, end)` of `a`, whether it meets one of `b` (`a.start < b.end &&
/// b.start < a.end`, empty stretches as the numbers say): `b` sorted by start once, and each of
/// `a` asked by a binary search against the furthest end reached before its end, so that
/// thousands of comments left open do not make each finding read them all.
fn meets_any(a: &[(u32, u32)], b: &[(u32, u32)]) -> Vec<bool> {
    let mut b = b.to_vec();
    b.sort_unstable_by_key(|s| s.0);
    let mut furthest = 0;
    let furthest_end: Vec<u32> = b
        .iter()
        .map(|s| {
            furthest = furthest.max(s.1);
            furthest
        })
        .collect();
    a.iter()
        .map(|&(start, end)| {
            let before_end = b.partition_point(|s| s.0 < end);
            before_end > 0 && furthest_end[before_end - 1] > start
        })
        .collect()
}

/// Which of `items` (a rule and a stretch each) a slot for its rule meets, among the slots that
/// name `unused-suppression` (`unused_rule`) or the others; every slot met is marked used. Each
/// rule's slots are picked once, and met by [`meets_any`] both ways.
fn silence(slots: &mut [Slot], registry: &Registry, unused_rule: bool, items: &[(&str, u32, u32)]) -> Vec<bool> {
    let mut by_rule: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, item) in items.iter().enumerate() {
        by_rule.entry(item.0).or_default().push(i);
    }
    let mut hit = vec![false; items.len()];
    for (rule, of_rule) in by_rule {
        let meta = registry.get(rule).map(|r| r.meta());
        let mine: Vec<usize> = (0..slots.len())
            .filter(|&i| slots[i].names_unused() == unused_rule && slots[i].is_for(rule, meta))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let reaches: Vec<(u32, u32)> = mine.iter().map(|&i| (slots[i].start, slots[i].end)).collect();
        let stretches: Vec<(u32, u32)> = of_rule.iter().map(|&i| (items[i].1, items[i].2)).collect();
        for (&i, met) in of_rule.iter().zip(meets_any(&stretches, &reaches)) {
            hit[i] = met;
        }
        for (&si, met) in mine.iter().zip(meets_any(&reaches, &stretches)) {
            slots[si].used |= met;
        }
    }
    hit
}

/// Drops the findings that a suppression comment covers, and reports (as `unused-suppression`,
/// when that rule is enabled) the suppressions that covered nothing.
pub fn apply(doc: &Document<'_>, diags: Vec<Diagnostic>, registry: &Registry, settings: &Settings) -> Vec<Diagnostic> {
    if doc.suppressions.is_empty() {
        return diags;
    }
    let text = doc.text();
    let (mut slots, problems) = slots(doc);
    // A finding is silenced by the slots that hold its start.
    let suppress = |slots: &mut [Slot], diags: Vec<Diagnostic>, unused_rule: bool| -> Vec<Diagnostic> {
        let starts: Vec<(&str, u32, u32)> = diags
            .iter()
            .map(|d| (d.rule.as_str(), d.span.start, d.span.start + 1))
            .collect();
        let silenced = silence(slots, registry, unused_rule, &starts);
        diags
            .into_iter()
            .zip(silenced)
            .filter(|(_, s)| !s)
            .map(|(d, _)| d)
            .collect()
    };
    let mut out = suppress(&mut slots, diags, false);
    // A finding that stays may carry a fix reaching into text suppressed for its rule (one fix for
    // a habit all through the article): the edits that reach it are dropped rather than rewrite
    // that text, and the suppression counts as used.
    let edits: Vec<(&str, u32, u32)> = out
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (d, f)))
        .flat_map(|(d, f)| {
            let spans: Vec<Span> = match f.edits.as_slice() {
                [] => vec![f.span],
                edits => edits.iter().map(|e| e.span).collect(),
            };
            spans.into_iter().map(|s| {
                let r = crate::diagnostic::reach(s);
                (d.rule.as_str(), r.start, r.end)
            })
        })
        .collect();
    let mut reaching = silence(&mut slots, registry, false, &edits).into_iter();
    for d in &mut out {
        let Some(fix) = d.fix.take() else { continue };
        // `retain_units` asks about each edit once, in the order `edits` lists them.
        d.fix = fix.retain_units(text, |e| (!reaching.next().unwrap_or(false)).then_some(e));
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
    let mut unused = suppress(&mut slots, unused, true);
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
    fn stretches_meet_exactly_those_they_overlap() {
        // Nested, overlapping, empty and long stretches, in no order.
        let slots = [
            (90, 91),
            (0, 100),
            (5, 5),
            (12, 40),
            (10, 20),
            (12, 14),
            (55, 56),
            (30, 31),
            (50, 60),
        ];
        let meet = |a: (u32, u32), b: (u32, u32)| a.0 < b.1 && b.0 < a.1;
        let mut asked = Vec::new();
        for start in 0..=101 {
            for end in start..=102 {
                asked.push((start, end));
            }
        }
        let found = meets_any(&asked, &slots);
        for (a, got) in asked.iter().zip(&found) {
            assert_eq!(*got, slots.iter().any(|&b| meet(*a, b)), "{a:?}");
        }
        let back = meets_any(&slots, &asked);
        for (b, got) in slots.iter().zip(&back) {
            assert_eq!(*got, asked.iter().any(|&a| meet(*b, a)), "{b:?}");
        }
        // Without the long stretch, some are met by none.
        let found = meets_any(&asked, &slots[2..]);
        assert!(found.iter().any(|m| !m));
        for (a, got) in asked.iter().zip(&found) {
            assert_eq!(*got, slots[2..].iter().any(|&b| meet(*a, b)), "{a:?}");
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
