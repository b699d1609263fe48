//! month-pair-order and month-system: how an article names its months. The month tables and the
//! reader of dual patterns live in `text::months`.

use super::{Context, OptionKind, OptionSpec, Rule, RuleMeta, quote, quote_span};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::Document;
use crate::text::months::{self, Mention, Pair, System};
use foldhash::{HashMap, HashMapExt};

pub struct MonthPairOrder;
pub struct MonthSystem;

static PAIR_ORDER: RuleMeta = RuleMeta::builtin(
    "month-pair-order",
    "consistency",
    Severity::Warning,
    "A month named in two systems in both orders (أيلول/سبتمبر … سبتمبر/أيلول), or a pair of two different months",
    r#"## What it does
Finds the dual month names that newsrooms write to serve every reader (أيلول/سبتمبر,
يوليو (تموز), مايو أيار) and reports:

- a pair written in the other order than the article's usual one (أيلول/سبتمبر three times,
  سبتمبر/أيلول twice: the two are reported, with the first أيلول/سبتمبر as related span);
- a pair whose two names are different months (أيلول/أكتوبر), as an error.

The separator does not matter (`/`, `/ `, ` (…)`, none). Two names of one system side by side
(سبتمبر/أكتوبر) are a range, not a pair. The unsafe fix swaps the two names.

## Why it matters
An article that writes the pair both ways reads as stitched together from two sources; a pair of
two different months gives the reader two dates.

## Example
```text
أعلن الأربعاء 16 أيلول/سبتمبر أنه يرحب، وقال الثلثاء 15 سبتمبر/أيلول إنه يدعم، وكرر في 17 أيلول/سبتمبر موقفه.
```

## Use instead
```text
أعلن الأربعاء 16 أيلول/سبتمبر أنه يرحب، وقال الثلثاء 15 أيلول/سبتمبر إنه يدعم، وكرر في 17 أيلول/سبتمبر موقفه.
```

## Options
None.
"#,
);

const PREFER_VALUES: &[&str] = &["gregorian", "levant", "maghreb", "morocco"];

static SYSTEM: RuleMeta = RuleMeta::builtin(
    "month-system",
    "consistency",
    Severity::Warning,
    "Month names of two systems mixed in one article (آذار … مارس) outside a dual pattern",
    r#"## What it does
Reads every month name that stands alone (not in a dual pattern such as أيلول/سبتمبر) and tags
it with its system: Gregorian (يناير، فبراير …), Levantine (كانون الثاني، شباط، آذار …),
Algerian-Tunisian (جانفي، فيفري، أفريل …) or Moroccan (يوليوز، غشت، شتنبر …). When one article
names months in two systems, the names of the less used system are reported, with the usual one
as related span; the unsafe fix writes the month's name in the usual system.

With a house system (the `prefer` option, or the `months` of the config's region profile) every
lone name of another system is reported, even in an article that does not mix. Dual patterns are
always accepted: they are a convention, not a mix. Five reported names or more in one article
make one finding, whose fix covers them all.

Names that are also ordinary words (مارس "practised", ماي, جوان, نيسان, تموز, آب) count only
next to a number, after شهر, or before الماضي/المقبل.

## Why it matters
A reader who meets آذار in one paragraph and مارس in the next has to stop and check that the
two are the same month.

## Example
```text
وصل الوفد في 3 آذار، وغادر في 20 مارس بعد أن وقع الاتفاق في 15 مارس.
```

## Use instead
```text
وصل الوفد في 3 مارس، وغادر في 20 مارس بعد أن وقع الاتفاق في 15 مارس.
```

## Options
- `prefer` (one of `"gregorian"`, `"levant"`, `"maghreb"`, `"morocco"`): the house's month
  system. Without it, the region profile's, or else only mixing is reported.
"#,
)
.with_options(&[OptionSpec {
    name: "prefer",
    kind: OptionKind::Choice(PREFER_VALUES),
    help: "the house's month system",
}]);

/// The month names of a document, read once for both month rules; only the words the lexicon
/// says may start a name are looked at.
fn read_months(doc: &Document<'_>) -> std::sync::Arc<months::Months> {
    doc.memo(0, || {
        let words = super::lexicon::classes(doc);
        months::read(doc, |i| words.has(i, super::lexicon::MONTH))
    })
}

fn short(s: System) -> &'static str {
    match s {
        System::Gregorian => "Gregorian",
        System::Levant => "Levantine",
        System::Maghreb => "Algerian-Tunisian",
        System::Morocco => "Moroccan",
    }
}

impl Rule for MonthPairOrder {
    fn meta(&self) -> &RuleMeta {
        &PAIR_ORDER
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let found = read_months(doc);
        for p in &found.pairs {
            if p.first.month != p.second.month {
                out.push(Diagnostic::new(
                    &PAIR_ORDER.id,
                    Severity::Error,
                    p.span,
                    format!(
                        "{} pairs two different months: {} is {}, {} is {}",
                        quote_span(doc, p.span),
                        quote_span(doc, p.first.span),
                        months::english(p.first.month),
                        quote_span(doc, p.second.span),
                        months::english(p.second.month)
                    ),
                ));
            }
        }
        // Pairs of the same two systems, by which one comes first.
        let mut groups: HashMap<(System, System), Vec<&Pair>> = HashMap::new();
        for p in &found.pairs {
            let (a, b) = (p.first.main_system(), p.second.main_system());
            let key = if (a as u8) < (b as u8) { (a, b) } else { (b, a) };
            groups.entry(key).or_default().push(p);
        }
        let mut groups: Vec<_> = groups.into_values().collect();
        groups.sort_by_key(|g| g[0].span.start);
        for pairs in groups {
            let order = |p: &Pair| p.first.main_system();
            let first_order = order(pairs[0]);
            let n_first = pairs.iter().filter(|p| order(p) == first_order).count();
            let n_other = pairs.len() - n_first;
            if n_other == 0 {
                continue;
            }
            let keep = if n_other > n_first {
                match pairs.iter().find(|p| order(p) != first_order) {
                    Some(p) => order(p),
                    None => continue,
                }
            } else {
                first_order
            };
            let Some(model) = pairs.iter().find(|p| order(p) == keep) else {
                continue;
            };
            let keep_n = pairs.iter().filter(|p| order(p) == keep).count();
            let own_n = pairs.len() - keep_n;
            for p in pairs.iter().filter(|p| order(p) != keep) {
                out.push(
                    Diagnostic::new(
                        &PAIR_ORDER.id,
                        PAIR_ORDER.severity,
                        p.span,
                        format!(
                            "{} puts the {} name first; this article writes {} ({keep_n}× against {own_n}×)",
                            quote_span(doc, p.span),
                            short(p.first.main_system()),
                            quote_span(doc, model.span),
                        ),
                    )
                    .with_related(model.span, format!("{} here", quote_span(doc, model.span)))
                    .with_fix(Fix::unsafe_(p.span, swapped(doc, p))),
                );
            }
        }
    }
}

/// The pair's text with its two names swapped, separators and a closing bracket kept in place.
fn swapped(doc: &Document<'_>, p: &Pair) -> String {
    let text = doc.text();
    let a = &text[p.first.span.range()];
    let between = &text[p.first.span.end as usize..p.second.span.start as usize];
    let b = &text[p.second.span.range()];
    let tail = &text[p.second.span.end as usize..p.span.end as usize];
    format!("{b}{between}{a}{tail}")
}

/// Whether a month name is part of a proper name rather than a date: the whole of a quotation
/// (a film called "أغسطس") or the name of an event (ثورة 23 يوليو، حرب تشرين).
fn names_something(doc: &Document<'_>, m: &Mention) -> bool {
    let surface = |i: usize| doc.tokens.get(i).map(|t| doc.surface(t));
    let quoted = m.first_token > 0
        && surface(m.first_token - 1).is_some_and(|s| matches!(s, "\"" | "«" | "“" | "”"))
        && surface(m.last_token + 1).is_some_and(|s| matches!(s, "\"" | "»" | "”" | "“"));
    let event = |i: usize| {
        doc.tokens.get(i).is_some_and(|t| {
            matches!(
                doc.stem(t),
                "ثوره" | "حرب" | "انتفاضه" | "حركه" | "احداث" | "مجزره" | "اتفاق"
            )
        })
    };
    let before_number = m.first_token.checked_sub(1).filter(|&j| {
        doc.tokens
            .get(j)
            .is_some_and(|t| t.kind == crate::document::TokenKind::Number)
    });
    let named_event = m.first_token.checked_sub(1).is_some_and(event)
        || before_number.and_then(|j| j.checked_sub(1)).is_some_and(event);
    quoted || named_event
}

impl Rule for MonthSystem {
    fn meta(&self) -> &RuleMeta {
        &SYSTEM
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let found = read_months(doc);
        let single: Vec<&Mention> = found
            .single
            .iter()
            .filter(|m| !m.doubtful && !names_something(doc, m))
            .collect();
        if single.is_empty() {
            return;
        }
        let house = cx
            .choice_option(&SYSTEM.id, "prefer")
            .or_else(|| cx.packs.style().months)
            .and_then(|s| System::from_key(&s));
        let (keep, why) = match house {
            Some(h) => (h, format!("the house names months the {} way", short(h))),
            None => {
                if single.iter().fold(0xffu8, |acc, m| acc & m.systems) != 0 {
                    return;
                }
                // The system most names belong to; ties go to the one named first.
                let mut best: Option<(System, usize, usize)> = None;
                for s in months::SYSTEMS {
                    let count = single.iter().filter(|m| m.has(s)).count();
                    let first = single.iter().position(|m| m.has(s)).unwrap_or(usize::MAX);
                    if count > 0 && best.is_none_or(|(_, c, f)| count > c || (count == c && first < f)) {
                        best = Some((s, count, first));
                    }
                }
                let Some((s, count, _)) = best else { return };
                let other = single.len() - count;
                (
                    s,
                    format!(
                        "this article names months the {} way ({count}× against {other}×)",
                        short(s)
                    ),
                )
            }
        };
        let model = single.iter().find(|m| m.has(keep));
        let mut found: Vec<Diagnostic> = Vec::new();
        for m in single.iter().filter(|m| !m.has(keep)) {
            let text = doc.slice(m.span);
            let replacement = keep.name(m.month);
            let mut d = Diagnostic::new(
                &SYSTEM.id,
                SYSTEM.severity,
                m.span,
                format!(
                    "{} is {} {} month name, but {why}: write {}",
                    quote(text),
                    if short(m.main_system()).starts_with('A') {
                        "an"
                    } else {
                        "a"
                    },
                    short(m.main_system()),
                    quote(replacement)
                ),
            )
            .with_fix(Fix::unsafe_(m.span, replacement));
            if let Some(model) = model {
                d = d.with_related(model.span, format!("{} here", quote_span(doc, model.span)));
            }
            found.push(d);
        }
        let summary = |found: &[Diagnostic]| {
            format!(
                "{} month names are not {}, but {why} (first: {})",
                found.len(),
                short(keep),
                quote_span(doc, found[0].span)
            )
        };
        super::spacing::push_or_collapse(doc, &SYSTEM, out, found, summary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::packs::CompiledPacks;
    use crate::source::SourceFile;

    #[test]
    fn months_read_through_the_lexicon_are_all_the_months() {
        let mut names = 0;
        for (name, text) in crate::rules::lexicon::sample_texts() {
            let src = SourceFile::new(name.clone(), text);
            let doc = crate::document::build(&src);
            let all = months::read(&doc, |_| true);
            let gated = read_months(&doc);
            assert_eq!((&gated.single, &gated.pairs), (&all.single, &all.pairs), "{name}");
            names += all.single.len() + all.pairs.len();
        }
        assert!(names > 100, "{names}");
    }

    fn run(rule: &dyn Rule, text: &str) -> Vec<(String, String)> {
        crate::rules::testing::texts_and_fixes(rule, text)
    }

    #[test]
    fn founding_example_pair_order() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/alwasat-4758.txt")).unwrap();
        let src = SourceFile::new("alwasat-4758.txt", text.clone());
        let doc = Document::plain(&src);
        let options = crate::config::RuleOptions::default();
        let packs = CompiledPacks::new(None, Vec::new());
        let cx = Context {
            doc: &doc,
            options: &options,
            packs: &packs,
            preferred: None,
        };
        let mut out = Vec::new();
        MonthPairOrder.check(&cx, &mut out);
        let lines: Vec<(usize, &str, usize)> = out
            .iter()
            .map(|d| {
                (
                    src.lines.line_col(&text, d.span.start as usize).line,
                    doc.slice(d.span),
                    src.lines.line_col(&text, d.related[0].span.start as usize).line,
                )
            })
            .collect();
        assert_eq!(lines, [(21, "سبتمبر/أيلول", 9), (31, "سبتمبر/أيلول", 9)]);
        assert!(out[0].message.contains("3× against 2×"), "{}", out[0].message);
        assert_eq!(out[0].fix.as_ref().unwrap().replacement, "أيلول/سبتمبر");
        let mut sys = Vec::new();
        MonthSystem.check(&cx, &mut sys);
        assert!(sys.is_empty(), "{sys:?}");
    }

    #[test]
    fn mismatched_pair_is_an_error() {
        let got = run(&MonthPairOrder, "في 3 أيلول/أكتوبر الماضي.");
        assert_eq!(got, [("أيلول/أكتوبر".to_string(), String::new())]);
    }

    #[test]
    fn bracket_pairs_swap_with_their_bracket() {
        let got = run(
            &MonthPairOrder,
            "في 3 يوليو (تموز) ثم 4 يوليو (تموز) ثم 5 تموز (يوليو).",
        );
        assert_eq!(got, [("تموز (يوليو)".to_string(), "يوليو (تموز)".to_string())]);
    }

    #[test]
    fn mixed_systems_report_the_minority() {
        let got = run(&MonthSystem, "وصل في 3 كانون الثاني، وغادر في 20 يناير ثم في 2 فبراير.");
        assert_eq!(got, [("كانون الثاني".to_string(), "يناير".to_string())]);
        assert!(run(&MonthSystem, "في 3 مارس وفي 4 أبريل و 5 جانفي").len() == 1);
        // Maghreb and Gregorian share مارس and سبتمبر: no mix.
        assert!(run(&MonthSystem, "في 3 مارس وفي 4 سبتمبر و 5 جانفي").is_empty());
        // Five or more: one finding, one fix for all.
        let got = run(
            &MonthSystem,
            "في 1 شباط و2 آذار و3 نيسان و4 أيار و5 حزيران و6 تموز ثم 7 يناير و8 فبراير و9 مارس و10 أبريل و11 مايو و12 يونيو و13 يوليو.",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "فبراير و2 مارس و3 أبريل و4 مايو و5 يونيو و6 يوليو");
        // Names of things are not dates.
        assert!(
            run(
                &MonthSystem,
                "في 3 آذار عرض فيلم \"أغسطس\" بمناسبة ذكرى ثورة 23 يوليو وحرب تشرين."
            )
            .is_empty()
        );
        // Dual pairs are a convention.
        assert!(run(&MonthSystem, "في 3 آذار/مارس وفي 4 أبريل").is_empty());
    }
}
