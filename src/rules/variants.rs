//! spelling-variant: one word spelled two ways in one article.

use super::pack_rule::{check_pack_matches, matches_not_rewritten, rewritten_tokens, transfer_letters};
use super::packs::{EntryBody, Pack, PhraseMatch};
use super::{Context, OptionKind, OptionSpec, Rule, RuleMeta, quote};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::{Document, TokenKind};
use crate::source::Span;
use crate::text::fold::{TanweenSeat, tanween_seat};
use crate::text::{FoldMap, bare};
use foldhash::{HashMap, HashMapExt, HashSet};

pub struct SpellingVariant;

static META: RuleMeta = RuleMeta::builtin(
    "spelling-variant",
    "consistency",
    Severity::Warning,
    "One word spelled two ways in one article (الأمريكي / الأميركي, الأمريكي / الامريكي)",
    r#"## What it does
Finds a word written in two spellings in one article and reports the less frequent spelling, with
the more frequent one as a related span. Two sources of variants:

- the groups of the `variants` packs (`rules/variants.toml`, and a house's own): أمريكي/أميركي,
  الثلاثاء/الثلثاء, مئة/مائة, مسؤول/مسئول, عبدالله/عبد الله …;
- automatic variants: one folded word whose letters differ only in hamza on alef (الأمريكي /
  الامريكي), a hamza seat (مسؤول / مسئول), final ى / ي, or the seat of tanween (أيضاً / أيضًا).

Differences of diacritics alone are not variants. Differences that make another word are never
automatic variants: أن/إن and ألا/إلا (hamza above or below), كتابة/كتابه (ة or a pronoun),
على/علي and other short function words (see the `min-length` option).

Words that another rule rewrites are left to it, neither counted nor reported: a misspelling
common-misspelling knows (ايضا), a spelling the profile or the house's `[preferred]` table
replaces. Three ايضا against one أيضا are three misspellings, not a majority to follow.

## Why it matters
Readers notice a name or an adjective spelled two ways in one story: it is the mark of copy pasted
from two sources without an edit.

## Example
```text
قال وزير الخارجية الأمريكي إن الإدارة الأميركية لن تتراجع، وأكد المسؤول الأمريكي ذلك.
```

## Use instead
```text
قال وزير الخارجية الأمريكي إن الإدارة الأمريكية لن تتراجع، وأكد المسؤول الأمريكي ذلك.
```

## Options
- `min-length` (integer, default 4): the shortest stem, in letters, that the automatic part
  compares. Shorter words are mostly function words whose spellings are different words.
"#,
)
.with_options(&[OptionSpec {
    name: "min-length",
    kind: OptionKind::Integer,
    help: "shortest stem compared automatically",
}]);

/// Bare stems whose hamza-less spelling is ambiguous between two real words (أنها / إنها).
const AMBIGUOUS_STEMS: &[&str] = &[
    "انها",
    "انهم",
    "انهما",
    "انما",
    "انكم",
    "اننا",
    "انني",
    "اني",
    "انه",
    "لانه",
    "لانها",
    "لانهم",
    "الا",
    "اما",
    "اذا",
    // Folding merges two words here, whatever the hamza: أمام/إمام, آخر/أخر, أمر/آمر, أمن/آمن,
    // أثار/آثار, واحد (one)/وأحد (and one of).
    "امام",
    "اخر",
    "امر",
    "امن",
    "اثار",
    "واحد",
    "واحده",
    // كان (was) / كأن (as if), أنا (I) / إنا (we, in وإنا).
    "كان",
    "انا",
];

impl Rule for SpellingVariant {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let start = out.len();
        let rewritten = rewritten_tokens(cx);
        for pack in cx.packs.for_rule(&META.id) {
            let matches = matches_not_rewritten(cx, pack, &rewritten);
            check_pack_matches(&META, cx.doc, pack, &matches, out);
        }
        let reported: HashSet<u32> = out[start..].iter().map(|d| d.span.start).collect();
        let min_len = cx.int_option(&META.id, "min-length", 4).max(1) as usize;
        automatic_variants(cx.doc, min_len, &reported, &rewritten, out);
    }
}

/// One occurrence of a group member: which member, and the spans of the whole words and of the
/// matched part.
struct Occurrence {
    form: usize,
    word_span: Span,
    match_span: Span,
}

/// Findings of a variants pack: for each entry mixed in the document, every occurrence of a
/// minority member (or of a non-preferred one, when the entry names one).
pub fn pack_findings(meta: &RuleMeta, doc: &Document<'_>, pack: &Pack, out: &mut Vec<Diagnostic>) {
    pack_match_findings(meta, doc, pack, &pack.find(doc), out);
}

/// As [`pack_findings`], given the pack's matches in the document.
pub fn pack_match_findings(
    meta: &RuleMeta,
    doc: &Document<'_>,
    pack: &Pack,
    matches: &[PhraseMatch],
    out: &mut Vec<Diagnostic>,
) {
    let mut by_entry: HashMap<usize, Vec<Occurrence>> = HashMap::new();
    for m in matches {
        let word_span = Span::new(
            doc.tokens[m.first_token].span.start as usize,
            doc.tokens[m.last_token].span.end as usize,
        );
        by_entry.entry(m.entry).or_default().push(Occurrence {
            form: m.form,
            word_span,
            match_span: m.span,
        });
    }
    let mut entries: Vec<_> = by_entry.into_iter().collect();
    entries.sort_by_key(|(e, _)| *e);
    for (entry_idx, occs) in entries {
        let EntryBody::Variants { forms, prefer, .. } = &pack.entries[entry_idx].body else {
            continue;
        };
        let preferred = prefer.as_ref().and_then(|p| forms.iter().position(|f| f == p));
        let Some(keep) = choose_majority(&occs, |o| o.form, preferred, |_| 0) else {
            continue;
        };
        let Some(first_keep) = occs.iter().find(|o| o.form == keep) else {
            continue;
        };
        let per_form = counts_by(&occs, forms.len(), |o| o.form);
        let keep_count = per_form[keep];
        let keep_text = doc.slice(first_keep.word_span);
        for o in occs.iter().filter(|o| o.form != keep) {
            let text = doc.slice(o.word_span);
            let own_count = per_form[o.form];
            let reason = if preferred.is_some() {
                "the preferred spelling".to_string()
            } else {
                format!("{keep_count}× against {own_count}×")
            };
            let replacement = swap_member(doc.slice(o.match_span), &forms[o.form], &forms[keep]);
            let fix_span = o.match_span;
            out.push(
                Diagnostic::new(
                    &meta.id,
                    meta.severity,
                    o.word_span,
                    format!(
                        "{} is spelled {} elsewhere in this article ({reason})",
                        quote(text),
                        quote(keep_text)
                    ),
                )
                .with_related(first_keep.word_span, format!("{} here", quote(keep_text)))
                .with_fix(Fix::unsafe_(fix_span, replacement)),
            );
        }
    }
}

/// The member to keep: the preferred one if it occurs, else the most frequent; among equally
/// frequent ones the one `rank` puts higher, then the one that comes first. None when only one
/// member occurs.
/// How many occurrences each of `n` forms has (counted once, not again for every finding: a
/// long document has groups of thousands).
fn counts_by<T>(occs: &[T], n: usize, form: impl Fn(&T) -> usize) -> Vec<usize> {
    let mut counts = vec![0; n];
    for o in occs {
        if let Some(c) = counts.get_mut(form(o)) {
            *c += 1;
        }
    }
    counts
}

fn choose_majority<T>(
    occs: &[T],
    form: impl Fn(&T) -> usize,
    preferred: Option<usize>,
    rank: impl Fn(usize) -> i64,
) -> Option<usize> {
    let mut counts: Vec<(usize, usize, usize)> = Vec::new(); // (form, count, first index)
    // Each form's place in `counts`: a word written thousands of ways (garbled hamzas) must not
    // make each occurrence search all the forms before it.
    let mut seen = super::FirstSeen::new();
    for (i, o) in occs.iter().enumerate() {
        let f = form(o);
        match seen.number(f) {
            (_, true) => counts.push((f, 1, i)),
            (at, false) => counts[at].1 += 1,
        }
    }
    if counts.len() < 2 {
        return None;
    }
    if let Some(p) = preferred
        && counts.iter().any(|c| c.0 == p)
    {
        return Some(p);
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(rank(b.0).cmp(&rank(a.0))).then(a.2.cmp(&b.2)));
    Some(counts[0].0)
}

/// Letters that carry a hamza: on a tie between two spellings of one word, the one written with
/// its hamzas is the standard orthography (الإشارة rather than الاشارة).
fn hamza_count(s: &str) -> i64 {
    // اسم، ابن، اثنان، امرأة begin with hamzat wasl: a hamza there is the error (بإسم، الأثنين),
    // not the standard form. With أ only the numeral itself: أثناء and أثنى are written so.
    let body = s.strip_prefix(['و', 'ف', 'ب', 'ل', 'ك']).unwrap_or(s);
    let wasl_noun = ["إسم", "إبن", "إثن", "إمرأ", "أثنين", "أثنان", "أثنتين", "أثنتان"]
        .iter()
        .any(|w| body.starts_with(w));
    let hamzas = s
        .chars()
        .filter(|c| matches!(c, 'أ' | 'إ' | 'آ' | 'ؤ' | 'ئ' | 'ء'))
        .count() as i64;
    if wasl_noun { hamzas - 2 } else { hamzas }
}

/// Replaces the leading `from` member inside `text` with `to`, keeping what follows (the
/// suffixes of a prefix member) and, where the two members have as many letters, the marks on
/// them. `text` starts where the member starts.
fn swap_member(text: &str, from: &str, to: &str) -> String {
    if from.contains(' ') || to.contains(' ') || text.contains(' ') {
        return to.to_string();
    }
    super::pack_rule::transfer_stem(text, from, to)
}

/// Whether two bare spellings of one folded stem differ only in ways that are spelling, not
/// another word: hamza on alef against a bare alef, a hamza seat, final ى against ي.
fn orthographic_difference(a: &str, b: &str) -> bool {
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ca.len() != cb.len() {
        return false;
    }
    let hamza_alef = |c: char| matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ');
    let seat = |c: char| matches!(c, 'ؤ' | 'ئ' | 'ء');
    let mut differs = false;
    for (i, (&x, &y)) in ca.iter().zip(&cb).enumerate() {
        if x == y {
            continue;
        }
        differs = true;
        let ok = if (hamza_alef(x) && y == 'ا') || (hamza_alef(y) && x == 'ا') {
            // اكتشف (he discovered) and أكتشف (I discover), الانقلاب and الإنقلاب: an alef
            // that opens the shapes of verb forms VII, VIII and X is hamzat wasl, and a hamza
            // there makes another word or a wasl error, not a house spelling.
            !opens_wasl_shape(&ca[i + 1..])
        } else if seat(x) && seat(y) {
            // After an alef the seat follows the case ending (حلفاءهم, حلفائهم, إنشاؤه,
            // إنشائه): grammar, not spelling.
            i == 0 || ca[i - 1] != 'ا'
        } else if matches!((x, y), ('ى', 'ي') | ('ي', 'ى')) {
            // Final ى/ي: a house style on long words (مستشفى/مستشفي, يحتوى/يحتوي), but on short
            // ones often a verb against its masdar (تبنى/تبني, رمى/رمي).
            i + 1 == ca.len() && ca.len() >= 5
        } else {
            false
        };
        if !ok {
            return false;
        }
    }
    differs
}

/// Whether the letters after an initial alef have the shape of forms VII, VIII or X
/// (انفعل, افتعل, استفعل and their masdars).
fn opens_wasl_shape(rest: &[char]) -> bool {
    // The last shape is form VIII of a root in و, assimilated: اتّفق، اتّصال.
    matches!(
        rest,
        ['س', 'ت', ..] | ['ن', _, _, ..] | [_, 'ت', _, ..] | ['ت', _, _, ..]
    )
}

/// The spellings of one stem in order of first appearance, and its occurrences as
/// (spelling index, token index).
#[derive(Default)]
struct StemGroup {
    spellings: Vec<Spelling>,
    occurrences: Vec<(usize, usize)>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Spelling {
    bare: String,
    seat: TanweenSeat,
}

static AMBIGUOUS: std::sync::LazyLock<crate::text::wordset::WordSet> =
    std::sync::LazyLock::new(|| AMBIGUOUS_STEMS.iter().map(|s| s.to_string()).collect());

/// `left_out`, by token: words another rule rewrites ([`rewritten_tokens`]), neither counted nor
/// reported.
fn automatic_variants(
    doc: &Document<'_>,
    min_len: usize,
    reported: &HashSet<u32>,
    left_out: &[bool],
    out: &mut Vec<Diagnostic>,
) {
    // Tokens by stem first, each stem's tokens linked in text order; the spellings of a stem are
    // only worked out when its tokens are not all written the same way (most stems have one
    // spelling, and then there is nothing to do).
    const NONE: u32 = u32::MAX;
    struct Chain {
        first: u32,
        last: u32,
        /// Some token is written otherwise than the first.
        differs: bool,
    }
    let mut chains: foldhash::HashMap<&str, Chain> = HashMap::with_capacity(doc.tokens.len() / 2);
    let mut next: Vec<u32> = vec![NONE; doc.tokens.len()];
    for (ti, tok) in doc.tokens.iter().enumerate() {
        if tok.kind != TokenKind::Arabic {
            continue;
        }
        if !doc.stem_has_chars(tok, min_len) {
            continue;
        }
        let stem = doc.stem(tok);
        let ti = ti as u32;
        match chains.entry(stem) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(Chain {
                    first: ti,
                    last: ti,
                    differs: false,
                });
            }
            std::collections::hash_map::Entry::Occupied(mut o) => {
                let chain = o.get_mut();
                next[chain.last as usize] = ti;
                chain.last = ti;
                // Equal surfaces have equal stems as written; only unequal ones are compared
                // without their clitics.
                if !chain.differs
                    && doc.surface(tok) != doc.surface(&doc.tokens[chain.first as usize])
                    && stem_surface(doc, stem, ti) != stem_surface(doc, stem, chain.first)
                {
                    chain.differs = true;
                }
            }
        }
    }
    // Words whose hamza-less spelling is two words are left out (before counting), and so are
    // the words another rule rewrites.
    let mut runs: Vec<Vec<u32>> = Vec::new();
    for chain in chains.values().filter(|c| c.differs) {
        let mut run = Vec::new();
        let mut ti = chain.first;
        while ti != NONE {
            if left_out.get(ti as usize) != Some(&true)
                && !doc
                    .stem_candidates(&doc.tokens[ti as usize])
                    .any(|c| AMBIGUOUS.contains(c))
            {
                run.push(ti);
            }
            ti = next[ti as usize];
        }
        if run.len() > 1 {
            runs.push(run);
        }
    }
    let mut groups: Vec<StemGroup> = Vec::new();
    for run in runs {
        let stem = doc.stem(&doc.tokens[run[0] as usize]);
        let tokens = run.iter().copied();
        let stem_surface = |ti: u32| stem_surface(doc, stem, ti);
        let first = stem_surface(run[0]);
        if tokens.clone().all(|ti| stem_surface(ti) == first) {
            continue;
        }
        let mut group = StemGroup::default();
        // Each spelling's index in the group, found by hash (a stem written thousands of ways
        // must not make each occurrence compare itself with all the spellings before it).
        let mut seen = super::FirstSeen::new();
        for ti in tokens {
            let stem_surface = stem_surface(ti);
            let spelling = Spelling {
                bare: bare(stem_surface),
                seat: tanween_seat(stem_surface),
            };
            let (si, new) = seen.number(spelling.clone());
            if new {
                group.spellings.push(spelling);
            }
            group.occurrences.push((si, ti as usize));
        }
        groups.push(group);
    }
    let mut groups: Vec<StemGroup> = groups.into_iter().filter(|g| g.spellings.len() > 1).collect();
    groups.sort_by_key(|g| g.occurrences[0].1);
    for StemGroup {
        spellings,
        occurrences: occs,
    } in groups
    {
        let Some(keep) = choose_majority(&occs, |o| o.0, None, |si| hamza_count(&spellings[si].bare)) else {
            continue;
        };
        let keep_sp = &spellings[keep];
        let Some(&(_, keep_tok)) = occs.iter().find(|o| o.0 == keep) else {
            continue;
        };
        let keep_span = doc.tokens[keep_tok].span;
        let per_spelling = counts_by(&occs, spellings.len(), |o| o.0);
        let keep_count = per_spelling[keep];
        for &(si, ti) in occs.iter().filter(|o| o.0 != keep) {
            let sp = &spellings[si];
            let is_variant = if sp.bare == keep_sp.bare {
                sp.seat != TanweenSeat::None && keep_sp.seat != TanweenSeat::None && sp.seat != keep_sp.seat
            } else {
                orthographic_difference(&sp.bare, &keep_sp.bare)
            };
            let span = doc.tokens[ti].span;
            if !is_variant || reported.contains(&span.start) {
                continue;
            }
            let own = per_spelling[si];
            let text = doc.slice(span);
            let keep_text = doc.slice(keep_span);
            // The unsafe fix rewrites the stem (its article and proclitics kept): letter for
            // letter where the letters differ (marks stay), the usual stem as written where only
            // the seat of tanween does.
            let own_stem = stem_span(doc, ti);
            let replacement = if sp.bare == keep_sp.bare {
                doc.slice(stem_span(doc, keep_tok)).to_string()
            } else {
                transfer_letters(doc.slice(own_stem), &sp.bare, &keep_sp.bare)
            };
            out.push(
                Diagnostic::new(
                    &META.id,
                    META.severity,
                    span,
                    format!(
                        "{} is spelled {} elsewhere in this article ({keep_count}× against {own}×)",
                        quote(text),
                        quote(keep_text)
                    ),
                )
                .with_related(keep_span, format!("{} here", quote(keep_text)))
                .with_fix(Fix::unsafe_(own_stem, replacement)),
            );
        }
    }
}

/// Token `ti` as written, without the clitics before its stem (`stem`, folded).
fn stem_surface<'d>(doc: &Document<'d>, stem: &str, ti: u32) -> &'d str {
    let tok = &doc.tokens[ti as usize];
    let surface = doc.surface(tok);
    let skip = doc.folded(tok).len() - stem.len();
    if skip == 0 {
        surface
    } else {
        &surface[crate::text::fold::original_offset(surface, skip)..]
    }
}

/// The span of a token without its definite-article family prefix.
fn stem_span(doc: &Document<'_>, ti: usize) -> Span {
    let tok = &doc.tokens[ti];
    let folded = doc.folded(tok);
    let skip = folded.len() - doc.stem(tok).len();
    if skip == 0 {
        return tok.span;
    }
    let surface = doc.surface(tok);
    let r = FoldMap::new(surface).original_range(surface, skip, folded.len());
    Span::new(tok.span.start as usize + r.start, tok.span.end as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orthographic_differences() {
        assert!(orthographic_difference("أمريكي", "امريكي"));
        assert!(orthographic_difference("مسؤول", "مسئول"));
        assert!(orthographic_difference("مستشفى", "مستشفي"));
        assert!(!orthographic_difference("أثار", "آثار"));
        assert!(!orthographic_difference("كتابة", "كتابه"));
        assert!(!orthographic_difference("كيري", "كيربي"));
        assert!(
            !orthographic_difference("حلفاءهم", "حلفائهم"),
            "case ending, not spelling"
        );
        assert!(
            !orthographic_difference("إنشاؤه", "إنشائه"),
            "case ending, not spelling"
        );
        assert!(!orthographic_difference("تبنى", "تبني"), "verb against masdar");
        assert!(
            !orthographic_difference("اكتشف", "أكتشف"),
            "he discovered against I discover"
        );
        assert!(!orthographic_difference("انقلابيين", "إنقلابيين"), "hamzat wasl");
        assert!(!orthographic_difference("اتفق", "أتفق"), "he agreed against I agree");
        assert!(orthographic_difference("يحتوى", "يحتوي"));
        assert!(orthographic_difference("اسنان", "أسنان"));
        assert!(orthographic_difference("اعلام", "إعلام"));
    }

    #[test]
    fn automatic_variants_have_an_unsafe_fix_that_keeps_clitics_and_marks() {
        let src = crate::source::SourceFile::new(
            "t",
            "قال المسؤول الامريكي إن الجيش الأمريكي والأمريكيّ وأيضاً أيضاً أيضًا جاهز.".to_string(),
        );
        let doc = Document::plain(&src);
        let mut out = Vec::new();
        automatic_variants(&doc, 4, &HashSet::default(), &[], &mut out);
        let fixes: Vec<(&str, &str, bool)> = out
            .iter()
            .map(|d| {
                let f = d.fix.as_ref().unwrap();
                (doc.slice(f.span), f.replacement.as_str(), f.safe)
            })
            .collect();
        assert_eq!(fixes, [("امريكي", "أمريكي", false), ("أيضًا", "أيضاً", false)]);
    }

    #[test]
    fn on_a_tie_the_hamzated_spelling_is_kept() {
        let flagged = |text: &str| {
            let src = crate::source::SourceFile::new("t", text.to_string());
            let doc = Document::plain(&src);
            let mut out = Vec::new();
            automatic_variants(&doc, 4, &HashSet::default(), &[], &mut out);
            out.iter().map(|d| doc.slice(d.span).to_string()).collect::<Vec<_>>()
        };
        assert_eq!(flagged("وتجدر الاشارة إلى الإشارة الثانية."), ["الاشارة"]);
        // Monday opens with hamzat wasl: the hamza is the error.
        assert_eq!(flagged("يصل يوم الاثنين ويغادر مساء الأثنين المقبل."), ["الأثنين"]);
    }

    #[test]
    fn words_that_folding_merges_are_not_compared() {
        let src =
            crate::source::SourceFile::new("t", "وقف امام المسجد ثم صلى خلف إمام الحي وصلى إمام آخر.".to_string());
        let doc = Document::plain(&src);
        let mut out = Vec::new();
        automatic_variants(&doc, 4, &HashSet::default(), &[], &mut out);
        assert!(out.is_empty(), "{out:?}");
        for text in [
            "وكان الوفد قد وصل، وكأن شيئا لم يحدث.",
            "وقال وإنا على فراقك لمحزونون، وانا معه.",
        ] {
            let src = crate::source::SourceFile::new("t", text.to_string());
            let doc = Document::plain(&src);
            let mut out = Vec::new();
            automatic_variants(&doc, 4, &HashSet::default(), &[], &mut out);
            assert!(out.is_empty(), "{text}: {out:?}");
        }
        let src = crate::source::SourceFile::new("t", "وقال بإسم الشعب ثم تحدث باسم الحكومة.".to_string());
        let doc = Document::plain(&src);
        let mut out = Vec::new();
        automatic_variants(&doc, 4, &HashSet::default(), &[], &mut out);
        let flagged: Vec<&str> = out.iter().map(|d| doc.slice(d.span)).collect();
        assert_eq!(flagged, ["بإسم"], "the hamza on the wasl of اسم is the odd one");
    }

    #[test]
    fn member_swap_keeps_suffix() {
        assert_eq!(swap_member("أميركية", "أميرك", "أمريك"), "أمريكية");
        assert_eq!(swap_member("عبد الله", "عبد الله", "عبدالله"), "عبدالله");
        assert_eq!(swap_member("مَسْئُولِيَّة", "مسئول", "مسؤول"), "مَسْؤُولِيَّة");
    }
}
