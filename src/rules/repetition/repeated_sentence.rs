//! repeated-sentence: a sentence or long clause said twice in one article.

use super::duplicate_paragraph::{self, Settings as DupSettings, is_actor_key};
use super::{HashBits, HashedMap, Words, line_of, window_hashes};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::rules::{Context, OptionKind, OptionSpec, Rule, RuleMeta, quote_span};
use crate::text::fold::fold;
use crate::text::wordset::WordSet;
use std::sync::LazyLock;

pub struct RepeatedSentence;

static META: RuleMeta = RuleMeta::builtin(
    "repeated-sentence",
    "repetition",
    Severity::Warning,
    "A sentence or long clause (eight words or more) said twice in one article",
    r#"## What it does
Finds a run of at least `min-words` words (eight by default) that the article has already said,
word for word: a clause kept in two paragraphs when two drafts were merged. Words are compared
folded and without the article and a leading و/ف, so وقال الوزير and قال الوزير match. The later
occurrence is reported, the earlier one is a related span.

The run must read as a clause: it has to hold at least one of the small words that build
sentences (أن، إن، قد، لم، لن، لا، التي، الذي، حيث، كان …). Long names and titles
(خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود) rightly come back in a story and are
not reported. The header lines and paragraphs already reported by `duplicate-paragraph` are left
out.

## Why it matters
A clause said twice shows a merge left unfinished; the reader meets the same information twice and
wonders which paragraph is the update.

## Example
```text
واشنطن تحذر موسكو

ورغم النفي الروسي لبناء أي قواعد عسكرية في سوريا، تتمسك واشنطن بالخطاب نفسه، حيث ذكر البيت الأبيض أن دعم روسيا للرئيس السوري بشار الأسد قد يفاقم الصراع في سوريا.

وقال وزير الخارجية الأمريكي جون كيري الأربعاء إن دعم روسيا للرئيس السوري بشار الأسد قد يفاقم الصراع في سوريا، متحدثا خلال مؤتمر صحفي عن مكالمته مع نظيره الروسي.
```

## Use instead
```text
واشنطن تحذر موسكو

ورغم النفي الروسي لبناء أي قواعد عسكرية في سوريا، تتمسك واشنطن بالخطاب نفسه، حيث ذكر البيت الأبيض أن دعم روسيا للرئيس السوري بشار الأسد قد يفاقم الصراع في سوريا.

وقال وزير الخارجية الأمريكي جون كيري الأربعاء إن هذا الدعم يثير مخاطر تصاعد النزاع، متحدثا خلال مؤتمر صحفي عن مكالمته مع نظيره الروسي.
```

## Options
- `min-words` (integer, default 8): the shortest run reported, in words.
"#,
)
.with_options(&[OptionSpec {
    name: "min-words",
    kind: OptionKind::Integer,
    help: "shortest repeated run, in words",
}]);

/// Words that make a run of words a clause rather than a long name: particles, complementizers,
/// relative pronouns, auxiliaries, pronouns and demonstratives (folded, without و/ف).
const CLAUSE_WORDS: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "انهم",
    "انهما",
    "اننا",
    "انني",
    "اني",
    "بان",
    "بانه",
    "بانها",
    "بانهم",
    "لان",
    "لانه",
    "لانها",
    "قد",
    "لقد",
    "لم",
    "لن",
    "لا",
    "ما",
    "ليس",
    "ليست",
    "التي",
    "الذي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللاتي",
    "اللواتي",
    "حيث",
    "اذ",
    "اذا",
    "كما",
    "كان",
    "كانت",
    "كانوا",
    "يكون",
    "تكون",
    "هو",
    "هي",
    "هم",
    "هن",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هناك",
    "عندما",
    "بينما",
    "لكن",
    "لكنه",
    "لكنها",
    "حتي",
    "كي",
    "لكي",
    "سوف",
    "مما",
    "الا",
    "انما",
    "يجب",
    "تم",
    "يتم",
];

static CLAUSE_SET: LazyLock<WordSet> = LazyLock::new(|| CLAUSE_WORDS.iter().map(|w| fold(w)).collect());

fn is_clause_word(doc: &Document<'_>, words: &Words, i: usize) -> bool {
    let f = doc.folded(&doc.tokens[words.tok[i] as usize]);
    let f = match crate::text::clitics::strip_conjunction(f) {
        Some(rest) if CLAUSE_SET.contains(rest) => rest,
        _ => f,
    };
    CLAUSE_SET.contains(f)
}

/// Below this length, a run with a title or honorific in it is a protocol formula.
const PROTOCOL_WORDS: usize = 12;

/// Occurrences that make a repeated run a template.
const SERIES: u32 = 3;

/// A repeated run: the later words and the earlier words, of equal length.
struct Run {
    later: std::ops::Range<usize>,
    earlier: std::ops::Range<usize>,
}

/// Every later run of at least `k` words that repeats earlier words of the article. Windows of
/// `k` word keys are hashed into a map from window to its first position; a hit is checked word
/// by word and extended as far as the two runs agree. Runs stay inside one paragraph and never
/// overlap their earlier occurrence.
fn runs(doc: &Document<'_>, words: &Words, k: usize) -> Vec<Run> {
    let n = words.len();
    let mut out = Vec::new();
    if n < 2 * k {
        return out;
    }
    // The hash of the k words from each word on, None where they cross a paragraph's end.
    let windows: Vec<Option<u64>> = window_hashes(&words.hash, k)
        .enumerate()
        .map(|(i, h)| (words.para[i] == words.para[i + k - 1]).then_some(h))
        .collect();
    // Most articles say no k words twice: a window whose hash no other window has is passed over
    // without a probe of the map, and an article with no such window is done here.
    let Some(repeated) = RepeatedHashes::of(&windows) else {
        return out;
    };
    let window = |i: usize| windows[i];
    // How often each window occurs: a run said three times or more is a template (a market
    // report's "وارتفعت قيم وأحجام التداولات" for each market), not a slip. Counted the first
    // time a run is found (most articles have none).
    let mut occurrences: Option<HashedMap<u32>> = None;
    let mut first: HashedMap<usize> = HashedMap::default();
    let mut i = 0;
    while i + k <= n {
        // A window whose hash is not repeated has no earlier place, and no later window will
        // look for it: leaving it out of the map changes nothing that is found.
        let Some(h) = window(i).filter(|&h| repeated.may_hold(h)) else {
            i += 1;
            continue;
        };
        // One probe per window: the first place it was seen, or now it is.
        let a = match first.entry(h) {
            std::collections::hash_map::Entry::Occupied(o) => *o.get(),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
                i += 1;
                continue;
            }
        };
        if !(a + k <= i && (0..k).all(|j| words.key(doc, a + j) == words.key(doc, i + j))) {
            i += 1;
            continue;
        }
        let mut len = k;
        while i + len < n
            && a + len < i
            && words.para[i + len] == words.para[i]
            && words.para[a + len] == words.para[a]
            && words.key(doc, a + len) == words.key(doc, i + len)
        {
            len += 1;
        }
        // Any stretch of the run said three times makes it part of a template.
        let occurrences = occurrences.get_or_insert_with(|| {
            let mut counts: HashedMap<u32> = HashedMap::with_capacity_and_hasher(windows.len(), Default::default());
            for h in windows.iter().flatten() {
                *counts.entry(*h).or_default() += 1;
            }
            counts
        });
        let series = (i..=i + len - k)
            .filter_map(window)
            .any(|w| occurrences.get(&w).copied().unwrap_or(0) >= SERIES);
        if !series {
            out.push(Run {
                later: i..i + len,
                earlier: a..a + len,
            });
        }
        i += len;
    }
    out
}

/// The hashes that may occur more than once in a sequence: a hash met again sets its bit in a
/// second set of bits. Every hash that occurs twice or more has its bit set; a hash that occurs
/// once has it set only when another hash shares its bit (about one in sixteen).
struct RepeatedHashes(HashBits);

impl RepeatedHashes {
    /// Bits per hash: sparse enough that few hashes met once share a bit with a repeated one.
    const BITS_PER_HASH: usize = 16;

    /// Of the hashes present (None is no hash); None when no hash occurs twice (nor shares a bit
    /// with another).
    fn of(hashes: &[Option<u64>]) -> Option<RepeatedHashes> {
        let mut seen = HashBits::new(hashes.len(), Self::BITS_PER_HASH);
        let mut again = HashBits::new(hashes.len(), Self::BITS_PER_HASH);
        let mut any = false;
        for &h in hashes.iter().flatten() {
            if seen.insert(h) {
                again.insert(h);
                any = true;
            }
        }
        any.then_some(RepeatedHashes(again))
    }

    fn may_hold(&self, h: u64) -> bool {
        self.0.may_hold(h)
    }
}

/// The longest part of a run that lies in one sentence of the later occurrence, if it is still
/// `k` words long: a run that begins at the end of one sentence (نقطة. وانخفضت …) is reported
/// from where its sentence begins.
fn within_one_sentence(words: &Words, run: Run, k: usize) -> Option<Run> {
    let mut best: Option<std::ops::Range<usize>> = None;
    let mut start = run.later.start;
    for i in run.later.start..=run.later.end {
        if i == run.later.end || words.sent[i] != words.sent[start] {
            if best.as_ref().is_none_or(|b| i - start > b.len()) {
                best = Some(start..i);
            }
            start = i;
        }
    }
    let best = best.filter(|b| b.len() >= k)?;
    let shift = best.start - run.later.start;
    Some(Run {
        earlier: run.earlier.start + shift..run.earlier.start + shift + best.len(),
        later: best,
    })
}

impl Rule for RepeatedSentence {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let k = cx.int_option(&META.id, "min-words", 8).max(3) as usize;
        let words = super::words(doc);
        let duplicates = duplicate_paragraph::found(doc, &words, &DupSettings::of(cx));
        for run in runs(doc, &words, k) {
            let Some(mut run) = within_one_sentence(&words, run, k) else {
                continue;
            };
            // أن and إن fold alike: a run that starts with one opens on the clause after it, and
            // one at its end opens the next clause (… نائب رئيس اللجنة أن).
            let complementizer = |i: usize| matches!(words.key(doc, i), "ان" | "بان" | "لان" | "انه" | "بانه");
            while !run.later.is_empty() && complementizer(run.later.start) {
                run.later.start += 1;
                run.earlier.start += 1;
            }
            while !run.later.is_empty() && complementizer(run.later.end - 1) {
                run.later.end -= 1;
                run.earlier.end -= 1;
            }
            if run.later.len() < k || !run.later.clone().any(|i| is_clause_word(doc, &words, i)) {
                continue;
            }
            // A short formula of protocol news (بعد الاطلاع على ما رفعه صاحب السمو الملكي) comes
            // back with every decision it introduces.
            if run.later.len() < PROTOCOL_WORDS && run.later.clone().any(|i| is_actor_key(words.key(doc, i))) {
                continue;
            }
            if duplicates
                .iter()
                .any(|d| d.later.start <= run.later.start && run.later.end <= d.later.end)
            {
                continue;
            }
            let span = words.span(doc, run.later.clone());
            let earlier = words.span(doc, run.earlier.clone());
            out.push(
                Diagnostic::new(
                    &META.id,
                    META.severity,
                    span,
                    format!(
                        "{} repeats {} words already said on line {}",
                        quote_span(doc, span),
                        run.later.len(),
                        line_of(doc, earlier.start)
                    ),
                )
                .with_related(earlier, "said here first"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn repeated_hashes_hold_every_hash_met_twice() {
        // Eight hashes with distinct top bits share no bit of the 128 they are given.
        let distinct: Vec<Option<u64>> = (0..8u64).map(|i| Some(i << 58 | 0x5555)).collect();
        assert!(RepeatedHashes::of(&distinct).is_none());
        let mut with_none = distinct.clone();
        with_none.insert(3, None);
        with_none.push(None);
        assert!(RepeatedHashes::of(&with_none).is_none(), "None is no hash");
        let mut repeated = distinct.clone();
        repeated.push(distinct[5]);
        repeated.push(distinct[2]);
        let set = RepeatedHashes::of(&repeated).expect("two hashes come back");
        for (i, h) in distinct.iter().flatten().enumerate() {
            assert_eq!(set.may_hold(*h), i == 5 || i == 2, "hash {i}");
        }
    }

    #[test]
    fn repeated_clause_is_reported_with_the_first_occurrence() {
        let text = "عنوان\n\nورغم النفي الروسي، حيث ذكر البيت الأبيض أن دعم روسيا للرئيس السوري بشار الأسد قد يفاقم الصراع في سوريا.\n\nوقال كيري الأربعاء إن دعم روسيا للرئيس السوري بشار الأسد قد يفاقم الصراع في سوريا، متحدثا عن مكالمته.\n";
        let (out, src) = run(&RepeatedSentence, text);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(
            src.slice(out[0].span),
            "دعم روسيا للرئيس السوري بشار الأسد قد يفاقم الصراع في سوريا"
        );
        assert_eq!(src.slice(out[0].related[0].span), src.slice(out[0].span));
        assert!(out[0].related[0].span.start < out[0].span.start);
        assert!(
            out[0].message.contains("11 words") && out[0].message.contains("line 3"),
            "{}",
            out[0].message
        );
    }

    #[test]
    fn long_names_that_come_back_are_not_clauses() {
        let text = "عنوان\n\nاستقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود رئيس الوزراء.\n\nوأقام خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود مأدبة غداء.\n";
        assert!(flagged(&RepeatedSentence, text).is_empty());
    }

    #[test]
    fn seven_words_are_not_enough_and_folding_matches_clitics() {
        let short = "عنوان\n\nقال إن الحكومة لن تتراجع عن قرارها أبدا.\n\nوأكد أن الحكومة لن تتراجع عن قرارها أبدا في النهاية.\n";
        assert!(flagged(&RepeatedSentence, short).is_empty());
        let clitic = "عنوان\n\nقال إن الحكومة لن تتراجع عن قرارها الأخير بشأن الضرائب.\n\nوأضاف: والحكومة لن تتراجع عن قرارها الأخير بشأن الضرائب.\n";
        assert_eq!(
            flagged(&RepeatedSentence, clitic),
            ["والحكومة لن تتراجع عن قرارها الأخير بشأن الضرائب"]
        );
    }

    #[test]
    fn a_formula_said_three_times_is_a_template() {
        let m = |name: &str, n: u32| {
            format!(
                "وارتفع مؤشر سوق {name} بنسبة {n} في المائة، وارتفعت قيم وأحجام التداولات، حيث قام المستثمرون بتناقل ملكية {n} مليون سهم."
            )
        };
        let text = format!("عنوان\n\n{}\n\n{}\n\n{}\n", m("دبي", 3), m("الكويت", 5), m("مسقط", 7));
        assert!(flagged(&RepeatedSentence, &text).is_empty());
    }

    #[test]
    fn a_run_is_cut_to_the_sentence_it_is_in() {
        let a = "وأغلق المؤشر عند مستوى مرتفع. وحذر الخبراء من أن الأسواق لن تستقر قبل نهاية العام الجاري.";
        let b = "وأغلق المؤشر عند مستوى مرتفع. وحذر الخبراء من أن الأسواق لن تستقر قبل نهاية العام الجاري بحسب التقرير.";
        let other =
            "وفي سوق أخرى تراجعت أسهم البنوك والشركات الصناعية بعد إعلان نتائج الربع الثاني التي جاءت أقل من التوقعات.";
        let text = format!("عنوان\n\nفقرة أولى هنا.\n\n{a}\n\nفقرة فاصلة.\n\n{other} {b}\n");
        assert_eq!(
            flagged(&RepeatedSentence, &text),
            ["وحذر الخبراء من أن الأسواق لن تستقر قبل نهاية العام الجاري"]
        );
    }

    #[test]
    fn a_duplicate_paragraph_is_left_to_its_own_rule() {
        let p = "وقال وزير الخارجية إن المحادثات مع الجانب الروسي ستستمر خلال الأيام المقبلة رغم الخلافات القائمة بين البلدين.";
        let text = format!("عنوان\n\n{p}\n\nفقرة أخرى قصيرة.\n\n{p}\n");
        assert!(flagged(&RepeatedSentence, &text).is_empty());
    }
}
