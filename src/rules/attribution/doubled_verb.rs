//! doubled-verb: two finite reporting verbs for one subject (أفاد الرئيس … أكد بأن).

use super::{can_be_subject, in_paragraph, is_complementizer, opens_speech, past_verb};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, Token, TokenKind};
use crate::rules::{Context, Rule, RuleMeta, lexicon, quote_span};
use crate::text::fold::fold;
use crate::text::wordset::WordSet;
use std::sync::LazyLock;

pub struct DoubledVerb;

static META: RuleMeta = RuleMeta::builtin(
    "doubled-verb",
    "attribution",
    Severity::Error,
    "Two reporting verbs for one subject (أفاد الرئيس … أكد بأن): two drafts merged",
    r#"## What it does
Finds a clause with two finite reporting verbs and one subject between them, with no conjunction:
a reporting verb at the start of a clause (after a full stop, a comma, a colon, the start of a
line or a Markdown hard line break, or كما / ثم / من جهته), a subject of one to five words, then a second reporting verb with no
و or ف, then أن / إن / بأن / a colon or a quotation mark. It is what is left when one draft said
أفاد and the other أكد.

It stays silent on the patterns where two verbs are right: conjoined verbs (وأكد … وأضاف),
the pluperfect (كان الوزير قد أكد), a nested report (قال إن الوزير أكد أن), a relative clause
(قال المسؤول الذي طلب عدم كشف اسمه إن), participles (مضيفاً، مشيراً), quoted speech (a quote
mark ends the subject), and the words that are also a preposition or a masdar when unvocalized
(بين، ذكر، كشف، تابع), which count only when أن or a colon follows at once. A subject of five
words is reported as a warning rather than an error.

## Why it matters
The sentence has two main verbs and reads as broken; the reader cannot tell which verb the writer
kept.

## Example
```text
ومن جهته، أفاد الرئيس الأمريكي باراك أوباما أكد بأن بلاده ستواصل محاربة التنظيم.
```

## Use instead
```text
ومن جهته، أكد الرئيس الأمريكي باراك أوباما أن بلاده ستواصل محاربة التنظيم، وأضاف أن الحملة مستمرة.
```

## Options
None.
"#,
);

/// Most words of a subject between the two verbs; at the maximum the finding is a warning.
const MAX_SUBJECT: usize = 5;

/// Words after which a clause starts without punctuation (folded).
const CLAUSE_OPENERS: &[&str] = &[
    "كما",
    "وكما",
    "ثم",
    "فيما",
    "وفيما",
    "جهته",
    "جهتها",
    "جانبه",
    "جانبها",
    "ناحيته",
    "ناحيتها",
    "بدوره",
    "بدورها",
];

/// The preposition each verb may take before أن (أشار إلى أن، شدد على أن).
const VERB_PREPOSITIONS: &[(&str, &str)] = &[
    ("أشار", "إلى"),
    ("لفت", "إلى"),
    ("نوه", "إلى"),
    ("شدد", "على"),
    ("أكد", "على"),
];

static OPENERS: LazyLock<WordSet> = LazyLock::new(|| CLAUSE_OPENERS.iter().map(|w| fold(w)).collect());

fn starts_clause(doc: &Document<'_>, toks: &[Token], i: usize) -> bool {
    match i.checked_sub(1).map(|p| &toks[p]) {
        None => true,
        Some(prev) if prev.kind == TokenKind::Punct => true,
        Some(prev) => OPENERS.contains(doc.folded(prev)) || hard_break_between(doc, prev, &toks[i]),
    }
}

/// Whether a Markdown hard line break (two spaces or a backslash ending the line) separates two
/// tokens of a sentence: the line after it starts afresh, as a new line of plain text does. A
/// soft line break is only where the writer wrapped the line.
fn hard_break_between(doc: &Document<'_>, a: &Token, b: &Token) -> bool {
    let gap = &doc.text()[a.span.end as usize..b.span.start as usize];
    gap.split_once('\n').is_some_and(|(line_end, _)| {
        let line_end = line_end.trim_end_matches('\r');
        line_end.ends_with("  ") || line_end.ends_with('\\')
    })
}

/// Whether what follows the second verb at `j` introduces reported speech: a complementizer or
/// a speech opener at once, or (unambiguous verbs) the verb's preposition and then a
/// complementizer.
fn speech_follows(doc: &Document<'_>, toks: &[Token], j: usize, lemma: &str, ambiguous: bool) -> bool {
    let Some(next) = toks.get(j + 1) else {
        return false;
    };
    if is_complementizer(doc, next) || opens_speech(doc, next) {
        return true;
    }
    if ambiguous {
        return false;
    }
    let prep = VERB_PREPOSITIONS
        .iter()
        .find(|(v, _)| *v == lemma)
        .map(|(_, p)| fold(p));
    prep.is_some_and(|p| doc.folded(next) == p && toks.get(j + 2).is_some_and(|after| is_complementizer(doc, after)))
}

impl Rule for DoubledVerb {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let words = lexicon::classes(doc);
        for (t, (toks, i)) in words
            .tokens_with(lexicon::PAST_VERB)
            .filter_map(|t| Some((t, in_paragraph(doc, t)?)))
        {
            // The second verb is among the next MAX_SUBJECT + 1 words, and the lexicon marks it:
            // most reporting verbs have none there, and are passed over before they are read.
            let reach = (toks.len() - i).min(MAX_SUBJECT + 2);
            if !(1..reach).any(|k| words.has(t + k, lexicon::PAST_VERB)) {
                continue;
            }
            let Some(v1) = past_verb(doc, &toks[i]) else {
                continue;
            };
            if v1.ambiguous || !starts_clause(doc, toks, i) {
                continue;
            }
            // The subject: one to MAX_SUBJECT words, then the second verb.
            let mut j = i + 1;
            while j < toks.len() && j - i - 1 <= MAX_SUBJECT {
                let t = &toks[j];
                if let Some(v2) = past_verb(doc, t) {
                    let subject = j - i - 1;
                    if !v2.conjunction
                        && (1..=MAX_SUBJECT).contains(&subject)
                        && speech_follows(doc, toks, j, v2.lemma, v2.ambiguous)
                    {
                        let span = toks[i].span.cover(t.span);
                        let severity = if subject < MAX_SUBJECT {
                            Severity::Error
                        } else {
                            Severity::Warning
                        };
                        out.push(Diagnostic::new(
                            &META.id,
                            severity,
                            span,
                            format!(
                                "{} has two reporting verbs for one subject ({} and {}); keep one",
                                quote_span(doc, span),
                                doc.surface(&toks[i]),
                                doc.surface(t)
                            ),
                        ));
                    }
                    break;
                }
                if !can_be_subject(doc, t) {
                    break;
                }
                j += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn founding_example_is_found() {
        let text =
            "ومن جهته وفي تصريحات تبدو متناقضة، أفاد الرئيس الأمريكي باراك أوباما أكد بأن بلاده ستواصل محاربة التنظيم.";
        let (out, src) = run(&DoubledVerb, text);
        assert_eq!(out.len(), 1);
        assert_eq!(src.slice(out[0].span), "أفاد الرئيس الأمريكي باراك أوباما أكد");
        assert_eq!(out[0].severity, Severity::Error);
        assert_eq!(
            flagged(&DoubledVerb, "وقال وزير الخارجية أكد أن المحادثات مستمرة."),
            ["وقال وزير الخارجية أكد"]
        );
    }

    #[test]
    fn five_word_subject_is_a_warning_and_six_is_silent() {
        let (out, _) = run(
            &DoubledVerb,
            "قال وزير الخارجية الأمريكي جون كيري أكد أن المحادثات مستمرة.",
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity, Severity::Warning);
        assert!(
            flagged(
                &DoubledVerb,
                "قال وزير الخارجية الأمريكي جون كيري الأربعاء أكد أن المحادثات مستمرة."
            )
            .is_empty()
        );
    }

    #[test]
    fn legitimate_patterns_are_silent() {
        for ok in [
            "وأكد الوزير أن المحادثات مستمرة، وأضاف أن الحل قريب.",
            "وكان الرئيس الروسي فلاديمير بوتين قد أكد أن بلاده ستواصل الدعم.",
            "وقال إن الوزير أكد أن المحادثات مستمرة.",
            "وقال المسؤول الذي طلب عدم كشف اسمه إن الاجتماع تأجل.",
            "وأوضح الوزير مشيراً إلى أن الحل قريب.",
            "وقال الوزير: \"أكدنا أن الحل قريب\".",
            "وقال الوزير بين الحين والآخر إن الحل قريب.",
            "وأضاف الوزير قائلاً إن الحل قريب.",
            "قال المتحدث الرسمي ذكر التقرير.",
            "وأكد كيربي في الوقت نفسه أن الولايات المتحدة تملك أدوات.",
        ] {
            assert!(flagged(&DoubledVerb, ok).is_empty(), "{ok}");
        }
    }

    #[test]
    fn a_verb_in_the_middle_of_a_clause_does_not_start_one() {
        assert!(flagged(&DoubledVerb, "حيث أعلن البيت الأبيض أكد أن الدعم مستمر.").is_empty());
        assert_eq!(
            flagged(&DoubledVerb, "كما أعلن البيت الأبيض أكد أن الدعم مستمر."),
            ["أعلن البيت الأبيض أكد"]
        );
    }

    #[test]
    fn a_markdown_hard_line_break_starts_a_clause() {
        use crate::rules::testing::flagged_markdown;
        let verbs = "أفاد الرئيس الأمريكي أكد بأن الاتفاق جيد.";
        for hard in ["\\\n", "  \n", "  \r\n"] {
            let text = format!("وقال المتحدث إن الاجتماع انتهى{hard}{verbs}\n");
            assert_eq!(
                flagged_markdown(&DoubledVerb, &text),
                ["أفاد الرئيس الأمريكي أكد"],
                "{text:?}"
            );
        }
        // A soft break is a space: the verb is in the middle of the clause.
        let soft = format!("وقال المتحدث إن الاجتماع انتهى\n{verbs}\n");
        assert!(flagged_markdown(&DoubledVerb, &soft).is_empty());
    }

    #[test]
    fn second_verb_with_its_preposition() {
        assert_eq!(
            flagged(&DoubledVerb, "أفاد المتحدث أشار إلى أن الدعم مستمر."),
            ["أفاد المتحدث أشار"]
        );
        assert!(flagged(&DoubledVerb, "أفاد المتحدث كشف عن أن الدعم مستمر.").is_empty());
    }
}
