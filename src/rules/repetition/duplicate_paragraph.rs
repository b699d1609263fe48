//! duplicate-paragraph: a paragraph that repeats an earlier one, exactly or nearly.

use super::{HashBits, HashedMap, Words, line_of, window_hashes};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::rules::{Context, OptionKind, OptionSpec, Rule, RuleMeta, quote_span};
use crate::source::Span;
use similar::{Algorithm, DiffTag, capture_diff_slices};

pub struct DuplicateParagraph;

pub(crate) static META: RuleMeta = RuleMeta::builtin(
    "duplicate-paragraph",
    "repetition",
    Severity::Warning,
    "A paragraph that repeats an earlier one, word for word or nearly (reworded, words dropped or moved)",
    r#"## What it does
Finds a paragraph that repeats an earlier paragraph of the same article, exactly or nearly: a lead
pasted twice with a few words changed, dropped, added or moved. It reports the later paragraph,
with the earlier one as a related span whose note shows what differs, word by word:
`[-word-]` was only in the earlier paragraph, `{+word+}` is only in the later one.

Words are compared folded (diacritics, hamza seats and ى/ي ignored) and without the article and a
leading و/ف. Two paragraphs match when most of the three-word sequences of the shorter one occur
in the other (the `threshold` option) and they are of comparable length. Short paragraphs
(datelines, bylines, captions: fewer than `min-words` words) and the header lines at the top (the
first line of a plain-text file is its title) are not compared. Where an article has no paragraph breaks, or runs several paragraphs into one line,
its sentences are compared instead, and consecutive repeated sentences are reported together.

## Why it matters
A paragraph said twice is the commonest trace of two drafts merged in a hurry; readers notice it at
once, and the two versions often disagree in a detail.

## Example
```text
البيت الأبيض يرحب بالدعم الروسي

أفاد البيت الأبيض أمس الأربعاء أنه يرحب بأي دعم روسي للتحالف في محاربة التنظيم الإرهابي، مشيرا إلى أن جهود موسكو لن تكون مثمرة.

وأكدت وزارة الخارجية أن الاتصالات مستمرة مع الجانب الروسي.

وأفاد البيت الأبيض الأربعاء أنه يرحب بأي دعم روسي للتحالف في محاربة التنظيم الإرهابي، مشيرا إلى أن جهود موسكو لن تكون مثمرة.
```

## Use instead
```text
البيت الأبيض يرحب بالدعم الروسي

أفاد البيت الأبيض أمس الأربعاء أنه يرحب بأي دعم روسي للتحالف في محاربة التنظيم الإرهابي، مشيرا إلى أن جهود موسكو لن تكون مثمرة.

وأكدت وزارة الخارجية أن الاتصالات مستمرة مع الجانب الروسي.
```

## Options
- `min-words` (integer, default 12): paragraphs (or sentences) with fewer words are not compared.
- `threshold` (integer, percent, default 70): how much of the shorter paragraph's three-word
  sequences must occur in the other one.
"#,
)
.with_options(&[
    OptionSpec {
        name: "min-words",
        kind: OptionKind::Integer,
        help: "shortest paragraph compared, in words",
    },
    OptionSpec {
        name: "threshold",
        kind: OptionKind::Integer,
        help: "percent of shared three-word sequences",
    },
]);

/// Words per shingle.
const SHINGLE: usize = 3;
/// A paragraph of at least this many sentences and words is a run of paragraphs that lost its
/// breaks (or a one-line article): its sentences are compared one by one.
const FLAT_SENTENCES: usize = 3;
const FLAT_WORDS: usize = 60;
/// The shorter unit must also cover this share of the longer one's shingles: a short paragraph
/// inside a long one is a repeated sentence, not a repeated paragraph.
const MIN_SHARE_OF_LONGER: f64 = 0.5;
/// Postings kept per shingle. A shingle found in more units than this is boilerplate; capping
/// its list keeps the index linear on pathological input (a text made of one repeated line).
const MAX_POSTINGS: usize = 64;
/// Words of each side given to the diff (near-duplicates differ little; the note is short).
const MAX_DIFF_WORDS: usize = 400;
/// Length of the difference note, in characters, before it is cut.
const MAX_NOTE_CHARS: usize = 180;
/// Three or more alike units make a series (a template filled in again and again): its members
/// are parallel statements, not repeats, unless two of them are identical.
const SERIES: usize = 3;

/// What is compared: a paragraph, or a sentence of a flat paragraph.
#[derive(Clone, Debug)]
struct Unit {
    words: std::ops::Range<usize>,
    span: Span,
    para: usize,
    sentence: bool,
}

/// A later stretch of units that repeats an earlier one.
#[derive(Clone, Debug)]
pub(crate) struct Duplicate {
    /// Words of the later (repeating) stretch and of the earlier one.
    pub later: std::ops::Range<usize>,
    pub earlier: std::ops::Range<usize>,
    /// Spans of the later and earlier stretches (whole paragraphs or sentences).
    pub later_span: Span,
    pub earlier_span: Span,
    pub sentence: bool,
    /// Whether the earlier stretch is made of sentences (of a flat paragraph).
    pub earlier_sentence: bool,
    /// Parallel statements rather than a repeat: one of a series of three or more alike units
    /// (a template filled in for each caller, each market), or two units that differ in who
    /// acts (a telegram from the king, then the same from the crown prince). Not reported.
    pub parallel: bool,
}

pub(crate) struct Settings {
    pub min_words: usize,
    pub threshold: f64,
    /// The options as one number, telling apart the results of different options.
    key: u64,
}

impl Settings {
    pub fn of(cx: &Context<'_>) -> Settings {
        let min_words = cx.int_option(&META.id, "min-words", 12).max(SHINGLE as i64 + 1) as usize;
        let percent = cx.int_option(&META.id, "threshold", 70).clamp(1, 100);
        Settings {
            min_words,
            threshold: percent as f64 / 100.0,
            key: (min_words as u64).wrapping_mul(128).wrapping_add(percent as u64),
        }
    }
}

/// The duplicates of a document under these settings, found once and shared by the two rules
/// that need them (duplicate-paragraph reports them, repeated-sentence leaves them alone).
pub(crate) fn found(doc: &Document<'_>, words: &Words, settings: &Settings) -> std::sync::Arc<Vec<Duplicate>> {
    doc.memo(settings.key, || find(doc, words, settings))
}

fn units(doc: &Document<'_>, words: &Words, min_words: usize) -> Vec<Unit> {
    let mut out = Vec::new();
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        let pw = words.para_words[pi].clone();
        if pw.len() < min_words {
            continue;
        }
        if p.sentences.len() >= FLAT_SENTENCES && pw.len() >= FLAT_WORDS {
            for si in p.sentences.clone() {
                let sw = words.sent_words[si].clone();
                if sw.len() >= min_words {
                    out.push(Unit {
                        words: sw,
                        span: doc.sentences[si].span,
                        para: pi,
                        sentence: true,
                    });
                }
            }
        } else {
            out.push(Unit {
                words: pw,
                span: p.span,
                para: pi,
                sentence: false,
            });
        }
    }
    out
}

/// A shingle's entry in the index of [`find`].
struct Posting {
    /// Its last posting in the postings vector.
    head: u32,
    /// How many postings it has.
    len: u32,
    /// The last unit that held it.
    last_unit: u32,
}

/// Finds the repeated paragraphs (or sentences) of an article: each later unit paired with the
/// earlier unit it repeats best. Shingles of three word keys go into a hash index from shingle to
/// the units holding it; a unit's candidates are counted from its shingles' postings.
pub(crate) fn find(doc: &Document<'_>, words: &Words, settings: &Settings) -> Vec<Duplicate> {
    let units = units(doc, words, settings.min_words);
    if !may_repeat(words, &units) {
        return Vec::new();
    }
    search(doc, words, settings, &units)
}

/// [`find`] over the units of an article, through the shingle index.
fn search(doc: &Document<'_>, words: &Words, settings: &Settings, units: &[Unit]) -> Vec<Duplicate> {
    // The units holding each shingle, as linked lists in one vector (no vector per shingle):
    // the map gives a shingle's last posting, how many it has, and the last unit that met it (so
    // a shingle said twice in one unit counts once, without sorting the unit's shingles).
    let mut index: HashedMap<Posting> = HashedMap::with_capacity_and_hasher(words.len(), Default::default());
    let mut postings: Vec<(u32, u32)> = Vec::with_capacity(words.len());
    const END: u32 = u32::MAX;
    let mut counts = vec![0u32; units.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut sizes = Vec::with_capacity(units.len());
    // (later unit, earlier unit, exact)
    let mut pairs: Vec<(usize, usize, bool)> = Vec::new();
    // Units joined by any match, to find series of alike units.
    let mut parent: Vec<usize> = (0..units.len()).collect();
    for (b, unit) in units.iter().enumerate() {
        let hashes = &words.hash[unit.words.clone()];
        let mut size = 0;
        // One lookup per shingle: the earlier units holding it are counted, then this unit is
        // added to them (its own postings go to other shingles' lists, never this one's).
        for s in window_hashes(hashes, SHINGLE) {
            let entry = index.entry(s).or_insert(Posting {
                head: END,
                len: 0,
                last_unit: END,
            });
            if entry.last_unit == b as u32 {
                continue;
            }
            entry.last_unit = b as u32;
            size += 1;
            let mut p = entry.head;
            while p != END {
                let (a, next) = postings[p as usize];
                if counts[a as usize] == 0 {
                    touched.push(a);
                }
                counts[a as usize] += 1;
                p = next;
            }
            if (entry.len as usize) < MAX_POSTINGS {
                postings.push((b as u32, entry.head));
                entry.head = (postings.len() - 1) as u32;
                entry.len += 1;
            }
        }
        sizes.push(size);
        touched.sort_unstable();
        let mut best: Option<(f64, u32, usize)> = None;
        for &a in &touched {
            let a = a as usize;
            let shared = counts[a];
            counts[a] = 0;
            let (small, large) = if sizes[a] < sizes[b] {
                (sizes[a], sizes[b])
            } else {
                (sizes[b], sizes[a])
            };
            let containment = f64::from(shared) / small.max(1) as f64;
            let share_of_large = f64::from(shared) / large.max(1) as f64;
            if containment < settings.threshold || share_of_large < MIN_SHARE_OF_LONGER {
                continue;
            }
            union(&mut parent, a, b);
            if best.is_none_or(|(c, s, _)| containment > c || (containment == c && shared > s)) {
                best = Some((containment, shared, a));
            }
        }
        touched.clear();
        if let Some((_, shared, a)) = best {
            let exact = shared as usize == sizes[a] && sizes[a] == sizes[b];
            pairs.push((b, a, exact));
        }
    }
    let roots: Vec<usize> = (0..units.len()).map(|u| find_root(&mut parent, u)).collect();
    let mut component = vec![0usize; units.len()];
    for &r in &roots {
        component[r] += 1;
    }
    let mut found = merge_runs(units, &pairs, |b, exact| !exact && component[roots[b]] >= SERIES);
    for d in &mut found {
        if !d.parallel && actors_differ(doc, words, d) {
            d.parallel = true;
        }
    }
    found
}

/// Bits of [`may_repeat`]'s set per shingle: a shingle of no earlier unit finds its bit set by
/// chance once in this many, or less.
const BITS_PER_SHINGLE: usize = 16;

/// Whether some unit may repeat an earlier one: false only when none can, so that [`find`] can
/// pass over an article (most have no repeat) without building its index. A unit repeats an
/// earlier one only if it shares with it at least half of its distinct shingles
/// ([`MIN_SHARE_OF_LONGER`] of the longer of the two, which is at least as long): at least as many
/// as it has that no earlier unit holds. The shingles of the units before it are kept as bits of a
/// set by hash. A shingle whose bit is set may be a collision, so the unit's shingles found there
/// are at least those it shares; a shingle that sets a new bit is held by no earlier unit, so
/// those are at most its shingles no earlier unit holds. A unit that could repeat always passes.
fn may_repeat(words: &Words, units: &[Unit]) -> bool {
    // A unit has fewer shingles than words.
    let words_in_units: usize = units.iter().map(|u| u.words.len()).sum();
    let mut seen = HashBits::new(words_in_units, BITS_PER_SHINGLE);
    let mut shingles: Vec<u64> = Vec::new();
    for unit in units {
        shingles.clear();
        shingles.extend(window_hashes(&words.hash[unit.words.clone()], SHINGLE));
        let found = shingles.iter().filter(|&&h| seen.may_hold(h)).count();
        let mut new = 0;
        for &h in &shingles {
            new += usize::from(!seen.insert(h));
        }
        // shared ≥ m × distinct ≥ m × (shared + held by none), so shared × (1 − m) ≥ m × new.
        if MIN_SHARE_OF_LONGER * new as f64 <= (1.0 - MIN_SHARE_OF_LONGER) * found as f64 {
            return true;
        }
    }
    false
}

fn find_root(parent: &mut [usize], mut u: usize) -> usize {
    while parent[u] != u {
        parent[u] = parent[parent[u]];
        u = parent[u];
    }
    u
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find_root(parent, a), find_root(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Titles and honorifics (comparison keys): when the words that differ between two alike
/// paragraphs name who acts, the paragraphs are parallel statements of protocol news
/// (برقية من الملك، ثم من ولي العهد), not a repeat.
const ACTORS: &[&str] = &[
    "سمو",
    "سموه",
    "معالي",
    "معاليه",
    "فخامه",
    "فخامته",
    "جلاله",
    "جلالته",
    "سعاده",
    "سعادته",
    "ملك",
    "امير",
    "شيخ",
    "نائب",
    "خادم",
    "ولي",
    "سلطان",
    "سيد",
    "سيده",
];

/// Whether a comparison key is a title or honorific, with or without ل/ب (لفخامته).
pub(crate) fn is_actor_key(k: &str) -> bool {
    ACTORS.contains(&k) || k.strip_prefix(['ل', 'ب']).is_some_and(|r| ACTORS.contains(&r))
}

fn actors_differ(doc: &Document<'_>, words: &Words, d: &Duplicate) -> bool {
    let ops = diff_ops(doc, words, d.earlier.clone(), d.later.clone());
    let is_actor = |i: usize| is_actor_key(words.key(doc, i));
    ops.iter().any(|op| {
        let (tag, ra, rb) = op.as_tag_tuple();
        tag != DiffTag::Equal
            && (ra.clone().any(|i| is_actor(d.earlier.start + i)) || rb.clone().any(|i| is_actor(d.later.start + i)))
    })
}

/// Joins consecutive sentences of one paragraph that repeat consecutive sentences of another.
fn merge_runs(
    units: &[Unit],
    pairs: &[(usize, usize, bool)],
    in_series: impl Fn(usize, bool) -> bool,
) -> Vec<Duplicate> {
    let mut out: Vec<Duplicate> = Vec::new();
    // (last later unit, last earlier unit) of the run being built
    let mut last: Option<(usize, usize)> = None;
    for &(b, a, exact) in pairs {
        let parallel = in_series(b, exact);
        let extends = last.is_some_and(|(pb, pa)| {
            b == pb + 1
                && a == pa + 1
                && units[b].sentence
                && units[pb].sentence
                && units[b].para == units[pb].para
                && units[a].para == units[pa].para
                && pb != a
                && out.last().is_some_and(|run| run.parallel == parallel)
        });
        match out.last_mut() {
            Some(run) if extends => {
                run.later.end = units[b].words.end;
                run.earlier.end = units[a].words.end;
                run.later_span = run.later_span.cover(units[b].span);
                run.earlier_span = run.earlier_span.cover(units[a].span);
            }
            _ => out.push(Duplicate {
                later: units[b].words.clone(),
                earlier: units[a].words.clone(),
                later_span: units[b].span,
                earlier_span: units[a].span,
                sentence: units[b].sentence,
                earlier_sentence: units[a].sentence,
                parallel,
            }),
        }
        last = Some((b, a));
    }
    out
}

fn capped(r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    r.start..r.end.min(r.start + MAX_DIFF_WORDS)
}

/// The diff of two stretches of words (folded forms; each side capped at `MAX_DIFF_WORDS`);
/// indices in the ops are relative to the starts of the stretches.
fn diff_ops(
    doc: &Document<'_>,
    words: &Words,
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
) -> Vec<similar::DiffOp> {
    let folded = |r: std::ops::Range<usize>| -> Vec<&str> {
        capped(r)
            .map(|i| doc.folded(&doc.tokens[words.tok[i] as usize]))
            .collect()
    };
    capture_diff_slices(Algorithm::Myers, &folded(old), &folded(new))
}

/// The word-by-word difference between two stretches of words, as a short note with
/// `[-deleted-]` and `{+inserted+}` marks and one word of context before each change; and the
/// share of words the two have in common.
pub(crate) fn word_diff(
    doc: &Document<'_>,
    words: &Words,
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
) -> (String, f64) {
    let (old, new) = (capped(old), capped(new));
    let surface = |i: usize| doc.surface(&doc.tokens[words.tok[i] as usize]);
    let ops = diff_ops(doc, words, old.clone(), new.clone());
    let mut equal = 0;
    let mut hunks: Vec<String> = Vec::new();
    for op in &ops {
        let (tag, ra, rb) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            equal += ra.len();
            continue;
        }
        let mut h = String::new();
        // One word of context: the word before the change in the later text.
        if rb.start > 0 {
            h.push_str(surface(new.start + rb.start - 1));
            h.push(' ');
        }
        let join = |base: usize, r: std::ops::Range<usize>| -> String {
            r.map(|i| surface(base + i)).collect::<Vec<_>>().join(" ")
        };
        if !ra.is_empty() {
            h.push_str(&format!("[-{}-]", join(old.start, ra.clone())));
        }
        if !rb.is_empty() {
            h.push_str(&format!("{{+{}+}}", join(new.start, rb.clone())));
        }
        hunks.push(h);
    }
    let mut note = String::new();
    for (n, h) in hunks.iter().enumerate() {
        if note.chars().count() + h.chars().count() > MAX_NOTE_CHARS && n > 0 {
            note.push_str(&format!(" … ({} more)", hunks.len() - n));
            break;
        }
        if n > 0 {
            note.push_str(" … ");
        }
        note.push_str(h);
    }
    let same = (2 * equal) as f64 / (old.len() + new.len()).max(1) as f64;
    (note, same)
}

/// The diagnostic of one repeated stretch.
fn diagnostic(doc: &Document<'_>, words: &Words, d: &Duplicate) -> Diagnostic {
    let (span, earlier) = (d.later_span, d.earlier_span);
    let kind = |sentence: bool| if sentence { "sentence" } else { "paragraph" };
    let (what, other) = (kind(d.sentence), kind(d.earlier_sentence));
    let line = line_of(doc, earlier.start);
    let (note, same) = word_diff(doc, words, d.earlier.clone(), d.later.clone());
    let (message, related) = if note.is_empty() {
        (
            format!(
                "{what} {} repeats the {other} on line {line} word for word",
                quote_span(doc, span)
            ),
            format!("the earlier {other}, identical"),
        )
    } else {
        (
            format!(
                "{what} {} repeats the {other} on line {line} ({:.0}% the same words)",
                quote_span(doc, span),
                same * 100.0
            ),
            format!("the earlier {other}; what differs: {note}"),
        )
    };
    Diagnostic::new(&META.id, META.severity, span, message).with_related(earlier, related)
}

impl Rule for DuplicateParagraph {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let words = super::words(cx.doc);
        for d in found(cx.doc, &words, &Settings::of(cx)).iter() {
            if d.parallel {
                continue;
            }
            out.push(diagnostic(cx.doc, &words, d));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    const LEAD: &str = "أفاد البيت الأبيض أمس الأربعاء أنه يرحب بأي دعم روسي للتحالف في محاربة التنظيم الإرهابي \"داعش\"، مشيرا إلى أن الجهود التي تبذلها موسكو لدعم الرئيس السوري لن تكون مثمرة، وذلك بحسب ما ذكره موقع إخباري.";
    const AGAIN: &str = "وأفاد البيت الأبيض الأربعاء أنه يرحب بأي دعم روسي للتحالف في محاربة تنظيم \"داعش\" الإرهابي، مشيرا إلى أن الجهود التي تبذلها موسكو لدعم الرئيس السوري لن تكون مثمرة.";
    const OTHER: &str = "وقال وزير الخارجية إن المحادثات مع الجانب الروسي ستستمر خلال الأيام المقبلة رغم الخلافات القائمة بين البلدين حول مستقبل سوريا.";

    #[test]
    fn near_duplicate_lead_is_reported_with_its_diff() {
        let text = format!("عنوان\n\n{LEAD}\n\n{OTHER}\n\n{AGAIN}\n");
        let (out, src) = run(&DuplicateParagraph, &text);
        assert_eq!(out.len(), 1, "{out:#?}");
        let d = &out[0];
        assert_eq!(src.slice(d.span), AGAIN);
        assert_eq!(src.slice(d.related[0].span), LEAD);
        assert!(d.message.contains("line 3"), "{}", d.message);
        let note = &d.related[0].message;
        assert!(note.contains("[-أفاد-]{+وأفاد+}"), "{note}");
        assert!(note.contains("[-أمس-]"), "{note}");
        assert!(note.contains("{+الإرهابي+}"), "{note}");
    }

    #[test]
    fn exact_duplicate_says_word_for_word() {
        let text = format!("عنوان\n\n{OTHER}\n\n{LEAD}\n\n{OTHER}\n");
        let (out, _) = run(&DuplicateParagraph, &text);
        assert_eq!(out.len(), 1);
        assert!(out[0].message.contains("word for word"), "{}", out[0].message);
    }

    #[test]
    fn different_paragraphs_and_short_repeated_lines_are_silent() {
        let text = format!("عنوان\n\nالرياض - واس\n\n{LEAD}\n\n{OTHER}\n\nالرياض - واس\n");
        assert!(flagged(&DuplicateParagraph, &text).is_empty());
    }

    #[test]
    fn headline_repeated_in_the_lead_is_not_a_duplicate() {
        let head = "البيت الأبيض يرحب بأي دعم روسي للتحالف في محاربة التنظيم الإرهابي داعش في سوريا والعراق";
        let text = format!("{head}\n\n{head}، مشيرا إلى أن الجهود لن تكون مثمرة.\n\n{OTHER}\n");
        assert!(flagged(&DuplicateParagraph, &text).is_empty());
    }

    #[test]
    fn one_line_article_compares_sentences_and_joins_runs() {
        let s1 = "وصل وزير الخارجية إلى العاصمة في زيارة رسمية تستغرق ثلاثة أيام يلتقي خلالها كبار المسؤولين.";
        let s2 = "وسيبحث الوزير مع نظرائه سبل تعزيز التعاون الاقتصادي والتجاري بين البلدين الصديقين في المرحلة المقبلة.";
        let s3 =
            "ومن المقرر أن يوقع الجانبان عددا من الاتفاقيات في مجالات الطاقة والنقل والتعليم والصحة قبل نهاية الزيارة.";
        let s4 = "وكان الوزير قد زار المنطقة العام الماضي والتقى عددا من رجال الأعمال والمستثمرين في الغرفة التجارية.";
        let text = format!("عنوان الخبر\n\n{s1} {s2} {s3} {s4} {s1} {s2}\n");
        let (out, src) = run(&DuplicateParagraph, &text);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(src.slice(out[0].span), format!("{s1} {s2}"));
        assert!(out[0].message.starts_with("sentence"));
    }

    #[test]
    fn a_template_filled_in_three_times_is_a_series_not_a_repeat() {
        let t = |who: &str| {
            format!(
                "وأعرب {who} عن عزائه ومواساته لأسر الشهداء، سائلاً الله أن يتغمدهم بواسع رحمته وأن يمن على المصابين بالشفاء العاجل."
            )
        };
        let text = format!(
            "عنوان\n\n{}\n\n{OTHER}\n\n{}\n\n{}\n",
            t("سموه"),
            t("معاليه"),
            t("الوزير")
        );
        assert!(flagged(&DuplicateParagraph, &text).is_empty());
    }

    #[test]
    fn telegrams_from_two_senders_are_parallel_statements() {
        let a = "بعث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود برقية تهنئة لفخامة رئيس جمهورية بوليفيا بمناسبة ذكرى استقلال بلاده.";
        let b = "كما بعث نائب خادم الحرمين الشريفين الأمير محمد بن نايف بن عبدالعزيز آل سعود برقية تهنئة لفخامة رئيس جمهورية بوليفيا بمناسبة ذكرى استقلال بلاده.";
        let text = format!("عنوان\n\n{a}\n\n{b}\n");
        assert!(flagged(&DuplicateParagraph, &text).is_empty());
    }

    #[test]
    fn a_line_repeated_many_times_stays_linear_and_reports_each_copy() {
        let mut text = String::from("عنوان\n\n");
        for _ in 0..200 {
            text.push_str(OTHER);
            text.push_str("\n\n");
        }
        let (out, _) = run(&DuplicateParagraph, &text);
        assert_eq!(out.len(), 199);
    }

    /// The quick test never turns away an article the index search finds a repeat in: over the
    /// fixtures and over articles whose last paragraph repeats the first in part (every few words
    /// dropped, or only its start kept, down to the share where no repeat is found), under several
    /// settings. And it does turn away articles with no repeat, or it would save nothing.
    #[test]
    fn the_quick_test_passes_every_article_with_a_repeat() {
        const UNRELATED: &str = "وفي سياق منفصل أعلنت البلدية عن افتتاح حديقة عامة جديدة في الحي الشمالي للمدينة بحضور عدد كبير من السكان والمسؤولين المحليين.";
        let base = format!("{LEAD} {OTHER}");
        let words: Vec<&str> = base.split(' ').collect();
        // Words of no other paragraph, so that they share no shingle with them.
        let letters: Vec<char> = "بتثجحخدذرزسشصضطظعغفقكلمنهي".chars().collect();
        let novel: Vec<String> = (0..words.len())
            .map(|i| format!("{}{}{}ات", letters[i % 26], letters[i / 26 % 26], letters[(i * 7) % 26]))
            .collect();
        let filler: Vec<&str> = novel.iter().map(String::as_str).collect();
        let mut laters: Vec<String> = Vec::new();
        for step in 2..=12 {
            let dropped: Vec<&str> = words
                .iter()
                .enumerate()
                .filter(|(i, _)| i % step != 0)
                .map(|(_, w)| *w)
                .collect();
            laters.push(dropped.join(" "));
        }
        for percent in (30..=100).step_by(2) {
            let kept = words.len() * percent / 100;
            laters.push([&words[..kept], &filler[kept..]].concat().join(" "));
        }
        let mut texts: Vec<String> = crate::rules::lexicon::sample_texts()
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        for later in &laters {
            texts.push(format!("عنوان\n\n{base}\n\n{UNRELATED}\n\n{later}\n"));
            // Flat: the same as sentences of one long line.
            texts.push(format!("عنوان\n\n{base} {UNRELATED} {later}\n"));
        }
        let (mut searched, mut found, mut passed_over) = (0, 0, 0);
        for text in &texts {
            let src = crate::source::SourceFile::new("t.txt", text.clone());
            let doc = crate::document::build(&src);
            let words = Words::new(&doc);
            for (min_words, percent) in [(4, 1), (6, 30), (12, 50), (12, 70), (8, 90), (12, 100)] {
                let settings = Settings {
                    min_words,
                    threshold: f64::from(percent) / 100.0,
                    key: 0,
                };
                let units = units(&doc, &words, min_words);
                searched += 1;
                if search(&doc, &words, &settings, &units).is_empty() {
                    passed_over += usize::from(!may_repeat(&words, &units));
                } else {
                    found += 1;
                    assert!(may_repeat(&words, &units), "{min_words} {percent}: {text}");
                }
            }
        }
        assert!(found > searched / 4, "{found} of {searched}");
        assert!(passed_over > searched / 4, "{passed_over} of {searched}");
    }
}
