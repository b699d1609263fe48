//! digit-style: Western (0–9) and Arabic-Indic (٠–٩) digits mixed in one article, digit systems
//! mixed inside one number, and Persian digits (۰–۹) in Arabic text.

use super::{Context, OptionKind, OptionSpec, Rule, RuleMeta, quote, quote_span};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::{Document, TokenKind};
use crate::source::Span;

pub struct DigitStyle;

const PREFER_VALUES: &[&str] = &["western", "arabic-indic"];

static META: RuleMeta = RuleMeta::builtin(
    "digit-style",
    "consistency",
    Severity::Warning,
    "Western and Arabic-Indic digits mixed in one article (2015 … ٢٠١٥), or in one number",
    r#"## What it does
Counts the numbers of an article by digit system, Western (0–9) or Arabic-Indic (٠–٩), and
reports the numbers written in the less used one, with the first number of the usual one as
related span. Numbers next to Latin words (iPhone 15, COVID-19, F-16) are left out: they are
Western by nature. Also reported, as errors:

- a number that mixes systems (`2٠15`);
- Persian digits (U+06F0–U+06F9, `۲۰۱۵`), whose 4, 5 and 6 are drawn differently: the safe fix
  writes the Arabic-Indic digits of the same values.

The fix for a minority number (writing it in the usual system) is unsafe. Five such numbers or
more in one article make one finding, whose fix covers them all.

## Why it matters
Two digit systems in one article look like two sources pasted together, and search treats ٢٠١٥
and 2015 as different words.

## Example
```text
وقع الاتفاق عام 2015 بحضور 40 دولة، ثم جدد في عام ٢٠١٧.
```

## Use instead
```text
وقع الاتفاق عام 2015 بحضور 40 دولة، ثم جدد في عام 2017.
```

## Options
- `prefer` (`"western"` or `"arabic-indic"`): the house's digits; every number in the other
  system is reported, mixed article or not. Without it, the region profile's `digits`, or else
  only mixing is reported.
"#,
)
.with_options(&[OptionSpec {
    name: "prefer",
    kind: OptionKind::Choice(PREFER_VALUES),
    help: "the house's digit system",
}]);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sys {
    Western,
    ArabicIndic,
    Persian,
}

impl Sys {
    fn of(c: char) -> Option<Sys> {
        match c {
            '0'..='9' => Some(Sys::Western),
            '\u{0660}'..='\u{0669}' => Some(Sys::ArabicIndic),
            '\u{06F0}'..='\u{06F9}' => Some(Sys::Persian),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Sys::Western => "Western",
            Sys::ArabicIndic => "Arabic-Indic",
            Sys::Persian => "Persian",
        }
    }

    fn digit(self, v: u32) -> char {
        let base = match self {
            Sys::Western => '0' as u32,
            Sys::ArabicIndic => 0x0660,
            Sys::Persian => 0x06F0,
        };
        char::from_u32(base + v).unwrap_or('?')
    }
}

/// Rewrites every digit of `s` in system `to`.
fn convert(s: &str, to: Sys) -> String {
    s.chars()
        .map(|c| match crate::text::chars::digit_value(c) {
            Some(v) => to.digit(v),
            None => c,
        })
        .collect()
}

struct DigitRun {
    span: Span,
    /// The systems of its digits, in order of first appearance.
    systems: Vec<Sys>,
    /// Next to Latin text: Western by nature, left out of the count.
    latin: bool,
}

/// Whether the text holds an Arabic-Indic or Persian digit (U+0660–0669, U+06F0–06F9), told by
/// their UTF-8 bytes.
fn has_eastern_digit(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| matches!(w, [0xD9, 0xA0..=0xA9] | [0xDB, 0xB0..=0xB9]))
}

fn digit_runs(doc: &Document<'_>) -> Vec<DigitRun> {
    let mut out = Vec::new();
    for para in &doc.paragraphs {
        let toks = &doc.tokens[para.tokens.clone()];
        for (k, tok) in toks.iter().enumerate() {
            if !matches!(tok.kind, TokenKind::Number | TokenKind::Mixed) {
                continue;
            }
            let s = doc.surface(tok);
            let has_latin = s.chars().any(|c| c.is_alphabetic() && c.is_ascii());
            let near = |t: &&crate::document::Token| t.is_word() || !matches!(doc.surface(t), "-" | "–" | "/" | ".");
            let is_latin = |t: &crate::document::Token| t.kind == TokenKind::Latin;
            let latin = has_latin
                || toks[..k].iter().rev().find(near).is_some_and(is_latin)
                || toks[k + 1..].iter().find(near).is_some_and(is_latin);
            let mut cur: Option<(usize, usize, Vec<Sys>)> = None;
            for (i, c) in s.char_indices() {
                match Sys::of(c) {
                    Some(sys) => {
                        let entry = cur.get_or_insert((i, i, Vec::new()));
                        entry.1 = i + c.len_utf8();
                        if !entry.2.contains(&sys) {
                            entry.2.push(sys);
                        }
                    }
                    None => {
                        if let Some((a, b, systems)) = cur.take() {
                            out.push(DigitRun {
                                span: Span::new(tok.span.start as usize + a, tok.span.start as usize + b),
                                systems,
                                latin,
                            });
                        }
                    }
                }
            }
            if let Some((a, b, systems)) = cur.take() {
                out.push(DigitRun {
                    span: Span::new(tok.span.start as usize + a, tok.span.start as usize + b),
                    systems,
                    latin,
                });
            }
        }
    }
    join_times(doc.text(), out)
}

/// The two numbers of a time or a score written with a colon (١٢:٤١, 3:1) are one number.
fn join_times(text: &str, runs: Vec<DigitRun>) -> Vec<DigitRun> {
    let mut out: Vec<DigitRun> = Vec::with_capacity(runs.len());
    for run in runs {
        if let Some(last) = out.last_mut()
            && &text[last.span.end as usize..run.span.start as usize] == ":"
        {
            last.span = last.span.cover(run.span);
            last.latin |= run.latin;
            for sys in run.systems {
                if !last.systems.contains(&sys) {
                    last.systems.push(sys);
                }
            }
            continue;
        }
        out.push(run);
    }
    out
}

impl Rule for DigitStyle {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let house = cx
            .choice_option(&META.id, "prefer")
            .or_else(|| cx.packs.style().digits)
            .map(|s| {
                if s == "arabic-indic" {
                    Sys::ArabicIndic
                } else {
                    Sys::Western
                }
            });
        // Without a house system, an article whose numbers are all Western has nothing to
        // report (most articles): it is told without reading its numbers digit by digit.
        let has_eastern = || {
            doc.tokens
                .iter()
                .any(|t| matches!(t.kind, TokenKind::Number | TokenKind::Mixed) && has_eastern_digit(doc.surface(t)))
        };
        if house.is_none() && !has_eastern() {
            return;
        }
        let runs = digit_runs(doc);
        if runs.is_empty() {
            return;
        }
        // Which system the article uses for its numbers (Persian digits count as Arabic-Indic).
        let eastern = |s: Sys| if s == Sys::Persian { Sys::ArabicIndic } else { s };
        let single: Vec<(&DigitRun, Sys)> = runs
            .iter()
            .filter(|r| r.systems.len() == 1 && !r.latin)
            .map(|r| (r, eastern(r.systems[0])))
            .collect();
        let count = |s: Sys| single.iter().filter(|(_, x)| *x == s).count();
        let (n_west, n_east) = (count(Sys::Western), count(Sys::ArabicIndic));
        let majority = match (n_west, n_east) {
            (0, 0) => None,
            (w, e) if w > e => Some(Sys::Western),
            (w, e) if e > w => Some(Sys::ArabicIndic),
            _ => single.first().map(|(_, s)| *s),
        };
        let keep = house.or(if n_west > 0 && n_east > 0 { majority } else { None });
        let model = keep.and_then(|k| single.iter().find(|(_, s)| *s == k).map(|(r, _)| r.span));
        let mut style: Vec<Diagnostic> = Vec::new();
        for r in &runs {
            let text = doc.slice(r.span);
            if r.systems.len() > 1 {
                let to = majority.unwrap_or(eastern(r.systems[0]));
                out.push(
                    Diagnostic::new(
                        &META.id,
                        Severity::Error,
                        r.span,
                        format!(
                            "{} mixes {} digits in one number; write {}",
                            quote(text),
                            r.systems.iter().map(|s| s.name()).collect::<Vec<_>>().join(" and "),
                            quote(&convert(text, to))
                        ),
                    )
                    .with_fix(Fix::unsafe_(r.span, convert(text, to))),
                );
                continue;
            }
            let sys = r.systems[0];
            if sys == Sys::Persian {
                let fixed = convert(text, Sys::ArabicIndic);
                out.push(
                    Diagnostic::new(
                        &META.id,
                        Severity::Error,
                        r.span,
                        format!("{} is written in Persian digits; write {}", quote(text), quote(&fixed)),
                    )
                    .with_fix(Fix::safe(r.span, fixed)),
                );
                continue;
            }
            let Some(keep) = keep else { continue };
            if r.latin || sys == keep {
                continue;
            }
            let fixed = convert(text, keep);
            let why = if house.is_some() {
                format!("the house writes {} digits", keep.name())
            } else {
                let (k, o) = if keep == Sys::Western {
                    (n_west, n_east)
                } else {
                    (n_east, n_west)
                };
                format!(
                    "this article writes numbers in {} digits ({k}× against {o}×)",
                    keep.name()
                )
            };
            let mut d = Diagnostic::new(
                &META.id,
                META.severity,
                r.span,
                format!(
                    "{} is written in {} digits, but {why}: write {}",
                    quote(text),
                    sys.name(),
                    quote(&fixed)
                ),
            )
            .with_fix(Fix::unsafe_(r.span, fixed));
            if let Some(m) = model {
                d = d.with_related(m, format!("{} here", quote_span(doc, m)));
            }
            style.push(d);
        }
        if let Some(keep) = keep {
            let summary = |style: &[Diagnostic]| {
                format!(
                    "{} numbers are not written in {} digits, {} (first: {})",
                    style.len(),
                    keep.name(),
                    if house.is_some() {
                        "the house's digits"
                    } else {
                        "the digits of most of this article"
                    },
                    quote_span(doc, style[0].span)
                )
            };
            super::spacing::push_or_collapse(doc, &META, out, style, summary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte test stands for the character classes: every character below U+0800 (the
    /// Arabic-Indic and Persian digits among them), alone and between Western digits.
    #[test]
    fn eastern_digits_are_told_by_their_bytes() {
        for c in (0..0x800u32).filter_map(char::from_u32) {
            let eastern = matches!(Sys::of(c), Some(Sys::ArabicIndic | Sys::Persian));
            assert_eq!(has_eastern_digit(&c.to_string()), eastern, "{c:?}");
            assert_eq!(has_eastern_digit(&format!("1{c}2")), eastern, "{c:?}");
        }
    }

    fn run(text: &str) -> Vec<(String, Severity, String)> {
        let (out, src) = crate::rules::testing::run(&DigitStyle, text);
        out.into_iter()
            .map(|d| {
                (
                    src.slice(d.span).to_string(),
                    d.severity,
                    d.fix.map(|f| f.replacement).unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn minority_mixed_and_persian() {
        assert_eq!(
            run("عام 2015 و40 دولة و٢٠١٧."),
            [("٢٠١٧".to_string(), Severity::Warning, "2017".to_string())]
        );
        assert_eq!(
            run("عام 2٠15 فقط."),
            [("2٠15".to_string(), Severity::Error, "2015".to_string())]
        );
        assert_eq!(
            run("عام ۲۰۱۵ فقط."),
            [("۲۰۱۵".to_string(), Severity::Error, "٢٠١٥".to_string())]
        );
    }

    #[test]
    fn a_time_is_one_number() {
        assert_eq!(
            run("عام 2015 و40 دولة عند الساعة ١٢:٤١ ظهرا."),
            [("١٢:٤١".to_string(), Severity::Warning, "12:41".to_string())]
        );
        assert_eq!(
            run("عام 2015 عند الساعة 12:٤١ ظهرا."),
            [("12:٤١".to_string(), Severity::Error, "12:41".to_string())]
        );
    }

    /// A house system flags every number of the other one, even in an article that writes all
    /// its numbers one way (which, without a house system, has nothing to report).
    #[test]
    fn the_house_system_flags_an_article_written_in_the_other() {
        let text = "عام 2015 و40 دولة.";
        assert!(run(text).is_empty());
        let (out, src) = crate::rules::testing::run_with(&DigitStyle, text, r#"prefer = "arabic-indic""#);
        let got: Vec<(&str, Option<String>)> = out
            .iter()
            .map(|d| (src.slice(d.span), d.fix.as_ref().map(|f| f.replacement.clone())))
            .collect();
        assert_eq!(got, [("2015", Some("٢٠١٥".into())), ("40", Some("٤٠".into()))]);
        let (out, _) = crate::rules::testing::run_with(&DigitStyle, "عام ٢٠١٥ فقط.", r#"prefer = "western""#);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn latin_numbers_and_single_systems_are_fine() {
        assert!(run("في عام ٢٠١٥ أطلق iPhone 6 وطائرات F-16 وعددها ٤٠.").is_empty());
        assert!(run("في عام ٢٠١٥ وعددها ٤٠.").is_empty());
    }
}
