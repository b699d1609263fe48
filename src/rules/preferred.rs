//! preferred-spelling: the house's own choices between correct spellings, from the config's
//! `[preferred]` table and from the built-in region profile it selects (`profile = "levant"`).

use super::pack_rule::transfer_stem;
use super::packs::{EntryBody, FixKind, Pack};
use super::{Context, Rule, RuleMeta, quote, quote_span};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use foldhash::{HashSet, HashSetExt};

pub struct PreferredSpelling;

static META: RuleMeta = RuleMeta::builtin(
    "preferred-spelling",
    "house-style",
    Severity::Warning,
    "A spelling the house does not use, where it prefers another (أمريكي → أميركي)",
    r#"## What it does
Reports the spellings a house has chosen against, and fixes them (a safe fix: the house has
decided). The choices come from two places:

- the `[preferred]` table of `tadqiq.toml`, `"wrong" = "right"` pairs. A one-word form is also
  found with its proclitics (والأمريكي، للأمريكي) and with an ending (الأمريكية، الأمريكيين);
  the fix keeps both, and the word's diacritics;
- the region profile the config selects with `profile = "…"`: `levant` (أميركي، غوغل،
  الكونغرس), `egypt` (أمريكي، جوجل، فى/الذى/التى), `gulf` (أمريكي، جوجل) or `maghreb`
  (أمريكي، غوغل). A profile also sets the house's month names, digits and quotation marks, which
  month-system, digit-style and quote-style read.

A house can also add `substitution` packs whose `rule` is `preferred-spelling`.

## Why it matters
A house style is only a style if it holds in every story; the editor should not have to
remember every pair.

## Example
```text
قال الرئيس الأمريكي إن الإدارة الأمريكية لن تتراجع.
```

```toml
[preferred]
"أمريكي" = "أميركي"
```

## Use instead
```text
قال الرئيس الأميركي إن الإدارة الأميركية لن تتراجع.
```

## Options
None: the spellings are set in `[preferred]` and by `profile`.
"#,
);

impl Rule for PreferredSpelling {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut seen: HashSet<u32> = HashSet::new();
        if let Some(pack) = cx.preferred {
            findings(cx, pack, "the house's [preferred] spelling", &mut seen, out);
        }
        for pack in cx.packs.for_rule(&META.id) {
            let why = match &pack.profile {
                Some(p) => format!("the spelling of the `{p}` profile"),
                None => "the house's spelling".to_string(),
            };
            findings(cx, pack, &why, &mut seen, out);
        }
    }
}

fn findings(cx: &Context<'_>, pack: &Pack, why: &str, seen: &mut HashSet<u32>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    for m in cx.packs.find(doc, pack) {
        let entry = &pack.entries[m.entry];
        let EntryBody::Substitution { wrong, right, fix, .. } = &entry.body else {
            continue;
        };
        let text = doc.slice(m.span);
        let replacement = transfer_stem(text, &wrong[m.form], right);
        if replacement == text || !seen.insert(m.span.start) {
            continue;
        }
        let note = entry.message.as_deref().map(|w| format!(" ({w})")).unwrap_or_default();
        let mut d = Diagnostic::new(
            &META.id,
            META.severity,
            m.span,
            format!(
                "{} is written {}: {why}{note}",
                quote_span(doc, m.span),
                quote(&replacement)
            ),
        );
        match fix {
            FixKind::Safe => d = d.with_fix(Fix::safe(m.span, replacement)),
            FixKind::Unsafe => d = d.with_fix(Fix::unsafe_(m.span, replacement)),
            FixKind::None => {}
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::rules::packs::CompiledPacks;
    use crate::source::SourceFile;
    use std::path::Path;

    fn run(text: &str, pairs: &[(&str, &str)], profile: Option<&str>) -> Vec<(String, String)> {
        let src = SourceFile::new("t.txt", text.to_string());
        let doc = Document::plain(&src);
        let options = crate::config::RuleOptions::default();
        let packs = CompiledPacks::new(profile, Vec::new());
        let pairs: Vec<(String, String)> = pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        let pack = Pack::from_pairs(Path::new("tadqiq.toml"), "preferred-spelling", &pairs);
        let cx = Context {
            doc: &doc,
            options: &options,
            packs: &packs,
            preferred: Some(&pack),
        };
        let mut out = Vec::new();
        PreferredSpelling.check(&cx, &mut out);
        out.into_iter()
            .map(|d| {
                (
                    doc.slice(d.span).to_string(),
                    d.fix.map(|f| f.replacement).unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn config_pairs_with_clitics_endings_and_marks() {
        let got = run(
            "قال الأمريكي وللأمريكيين إن الإدارة الأمريكيّة والثلثاء أمريكا.",
            &[("أمريكي", "أميركي"), ("الثلثاء", "الثلاثاء")],
            None,
        );
        assert_eq!(
            got,
            [
                ("أمريكي".to_string(), "أميركي".to_string()),
                ("أمريكيين".to_string(), "أميركيين".to_string()),
                ("أمريكيّة".to_string(), "أميركيّة".to_string()),
                ("الثلثاء".to_string(), "الثلاثاء".to_string()),
            ]
        );
    }

    #[test]
    fn cycles_are_dropped_and_profiles_apply() {
        assert!(run("قال الأمريكي", &[("أمريكي", "أميركي"), ("أميركي", "أمريكي")], None).is_empty());
        let got = run("نشر على جوجل وفي الكونجرس الأمريكي", &[], Some("levant"));
        assert_eq!(
            got,
            [
                ("جوجل".to_string(), "غوغل".to_string()),
                ("كونجرس".to_string(), "كونغرس".to_string()),
                ("أمريكي".to_string(), "أميركي".to_string()),
            ]
        );
        assert!(run("نشر على جوجل", &[], Some("egypt")).is_empty());
        assert!(run("نشر على جوجل", &[], None).is_empty());
    }
}
