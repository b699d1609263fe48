//! quote-style: quotations marked with two or three styles in one article (« », " ", “ ”). The
//! pairing is done once, in the document (`document::quotes`).

use super::{Context, OptionKind, OptionSpec, Rule, RuleMeta, quote_span};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{QuoteClass, QuotePair};
use crate::source::Span;

pub struct QuoteStyle;

const PREFER_VALUES: &[&str] = &["guillemets", "straight", "curly"];

static META: RuleMeta = RuleMeta::builtin(
    "quote-style",
    "consistency",
    Severity::Warning,
    "Quotations marked with two styles in one article (« » and \" \" or “ ”)",
    r#"## What it does
Counts the article's quotations (outermost ones: a quotation inside another may use a second
style on purpose; the headline, often styled by the CMS, is left out) by style, guillemets « », straight quotes " " or curly quotes “ ”, and reports
the quotations in a less used style, with the first quotation of the usual one as related span.
The unsafe fix rewrites the pair of marks in the usual style (it is not offered when the
quotation holds a nested one of that style). Five such quotations or more in one article make one
finding, whose fix covers them all.

## Why it matters
Quotation marks are part of a house's typography; a story whose quotes change style halfway
shows the joins between the pieces it was assembled from.

## Example
```text
قال الوزير «نعمل على الحل» وأضاف «لن نتراجع»، ثم قال "الحوار مستمر".
```

## Use instead
```text
قال الوزير «نعمل على الحل» وأضاف «لن نتراجع»، ثم قال «الحوار مستمر».
```

## Options
- `prefer` (`"guillemets"`, `"straight"` or `"curly"`): the house's quotation marks; every
  quotation in another style is reported, mixed article or not. Without it, the region profile's
  `quotes`, or else only mixing is reported.
"#,
)
.with_options(&[OptionSpec {
    name: "prefer",
    kind: OptionKind::Choice(PREFER_VALUES),
    help: "the house's quotation marks",
}]);

fn class_of(key: &str) -> Option<QuoteClass> {
    match key {
        "guillemets" => Some(QuoteClass::Guillemet),
        "straight" => Some(QuoteClass::Straight),
        "curly" => Some(QuoteClass::Curly),
        _ => None,
    }
}

fn marks(class: QuoteClass) -> (char, char) {
    match class {
        QuoteClass::Guillemet => ('«', '»'),
        QuoteClass::Straight => ('"', '"'),
        QuoteClass::Curly => ('\u{201C}', '\u{201D}'),
    }
}

fn mark_span(text: &str, at: u32) -> Span {
    let at = at as usize;
    let len = text[at..].chars().next().map_or(1, char::len_utf8);
    Span::new(at, at + len)
}

impl Rule for QuoteStyle {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        // The headline is often styled by another hand (a CMS that writes « » in titles): it is
        // left out.
        let title = doc.meta.title.filter(|_| doc.paragraphs.len() > 1);
        let outer: Vec<&QuotePair> = doc
            .quotes
            .pairs
            .iter()
            .filter(|p| p.depth == 0 && !title.is_some_and(|t| t.start <= p.open && p.open < t.end))
            .collect();
        if outer.is_empty() {
            return;
        }
        let house = cx
            .choice_option(&META.id, "prefer")
            .or_else(|| cx.packs.style().quotes)
            .and_then(|s| class_of(&s));
        // How often each style marks a quotation, in the order the styles first appear: counted
        // once, not again for every finding.
        let mut counts: Vec<(QuoteClass, usize)> = Vec::new();
        for p in &outer {
            match counts.iter_mut().find(|(c, _)| *c == p.class) {
                Some((_, n)) => *n += 1,
                None => counts.push((p.class, 1)),
            }
        }
        let count = |c: QuoteClass| counts.iter().find(|(k, _)| *k == c).map_or(0, |&(_, n)| n);
        let keep = match house {
            Some(h) => h,
            None => {
                if counts.len() < 2 {
                    return;
                }
                // The most used style; ties go to the one used first.
                let mut best = counts[0].0;
                for &(c, _) in &counts[1..] {
                    if count(c) > count(best) {
                        best = c;
                    }
                }
                best
            }
        };
        let model = outer.iter().find(|p| p.class == keep);
        let (open_k, close_k) = marks(keep);
        let mut found: Vec<Diagnostic> = Vec::new();
        for p in outer.iter().filter(|p| p.class != keep) {
            let open = mark_span(text, p.open);
            let close = mark_span(text, p.close);
            let why = if house.is_some() {
                format!("the house quotes with {}", keep.describe())
            } else {
                format!(
                    "this article quotes with {} ({}× against {}×)",
                    keep.describe(),
                    count(keep),
                    count(p.class)
                )
            };
            let mut d = Diagnostic::new(
                &META.id,
                META.severity,
                open,
                format!(
                    "quotation {} is marked with {}, but {why}",
                    quote_span(doc, Span::new(open.start as usize, close.end as usize)),
                    p.class.describe()
                ),
            )
            .with_related(close, "the quotation closes here");
            if let Some(m) = model {
                let ms = mark_span(text, m.open);
                d = d.with_related(ms, format!("{} here", keep.describe()));
            }
            // The pairs that open inside this one (they are sorted by where they open).
            let pairs = &doc.quotes.pairs;
            let nested_keep = pairs[pairs.partition_point(|q| q.open <= p.open)..]
                .iter()
                .take_while(|q| q.open < p.close)
                .any(|q| q.depth > 0 && q.close < p.close && q.class == keep);
            // The two marks are two edits, each checked on its own (a Markdown escape goes with
            // its mark); the quotation between them is kept as it is.
            let marks = vec![Edit::new(open, open_k), Edit::new(close, close_k)];
            if !nested_keep && let Some(fix) = Fix::combined(text, marks, false) {
                d = d.with_fix(fix);
            }
            found.push(d);
        }
        // The article's count of the other style, whatever a suppression comment silences.
        let other = found.len();
        let summary = |found: &[Diagnostic]| {
            let n = found.len();
            let first = &found[0];
            let first = quote_span(
                doc,
                Span::new(first.span.start as usize, first.related[0].span.end as usize),
            );
            match house {
                Some(_) => format!(
                    "{n} quotations are not marked with {}, the house's quotation marks (first: {first})",
                    keep.describe()
                ),
                None => format!(
                    "{n} quotations are marked with another style than this article's {} ({}× against {other}×; first: {first})",
                    keep.describe(),
                    count(keep)
                ),
            }
        };
        super::spacing::push_or_collapse(doc, &META, out, found, summary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, String)> {
        crate::rules::testing::texts_and_fixes(&QuoteStyle, text)
    }

    #[test]
    fn minority_style_is_reported_with_its_fix() {
        assert_eq!(
            run("عنوان \"الخبر\"\n\nقال «نعم» ثم «لا» وقال “ربما” فقط."),
            [("“".to_string(), "«ربما»".to_string())]
        );
    }

    #[test]
    fn a_habit_is_one_finding_with_one_fix() {
        let text = "قال «أ» و«ب» و«ج» و«د» و«هـ» و«و» ثم \"ز\" و\"ح\" و\"ط\" و\"ي\" و\"ك\".";
        let got = run(text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "«ز» و«ح» و«ط» و«ي» و«ك»");
    }

    #[test]
    fn nested_quotes_of_another_style_are_fine() {
        assert!(run("قال «ندعم محاربة \"داعش\" في سوريا» ثم «لا».").is_empty());
        assert!(run("قال \"نعم\" ثم \"لا\".").is_empty());
    }
}
