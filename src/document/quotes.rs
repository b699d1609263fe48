//! Quote pairing, done once per document. Pairs are found per paragraph in logical order:
//! « opens and » closes whatever the glyphs look like on screen; straight and curly quotes get
//! their role from what is around them (a space before and a letter after opens), and a mark
//! whose context says nothing closes the innermost open quote of its class, if any.
//!
//! The convention of long quotations, where each paragraph reopens the quote and only the last
//! one closes it, is honoured: a quote left open at the end of a paragraph is forgiven when the
//! next paragraph starts by opening a quote of the same class.

use super::Paragraph;
use crate::source::{Span, SpanSet};
use crate::text::chars::{TATWEEL, is_blank, is_invisible, is_word_char};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteClass {
    /// « »
    Guillemet,
    /// "
    Straight,
    /// “ ” „
    Curly,
}

impl QuoteClass {
    pub fn of(c: char) -> Option<QuoteClass> {
        match c {
            '«' | '»' => Some(QuoteClass::Guillemet),
            '"' => Some(QuoteClass::Straight),
            '\u{201C}' | '\u{201D}' | '\u{201E}' => Some(QuoteClass::Curly),
            _ => None,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            QuoteClass::Guillemet => "« »",
            QuoteClass::Straight => "\" \"",
            QuoteClass::Curly => "“ ”",
        }
    }
}

/// A paired quotation: byte offsets of the opening and closing marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuotePair {
    pub open: u32,
    pub close: u32,
    pub class: QuoteClass,
    /// 0 for an outermost quotation.
    pub depth: u16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteIssue {
    /// An opening mark never closed in its paragraph.
    Unclosed { at: u32, class: QuoteClass },
    /// A closing mark with nothing open.
    Unopened { at: u32, class: QuoteClass },
    /// A quotation inside one of the same class (" … "…" … ").
    Nested { inner: QuotePair, outer_open: u32 },
    /// A guillemet used the wrong way round in logical order (بـ»النص» or «النص«).
    Reversed { at: u32 },
}

impl QuoteIssue {
    /// Where the issue is: its mark, or the opening mark of the inner quotation.
    pub fn at(&self) -> u32 {
        match *self {
            QuoteIssue::Unclosed { at, .. } | QuoteIssue::Unopened { at, .. } | QuoteIssue::Reversed { at } => at,
            QuoteIssue::Nested { inner, .. } => inner.open,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Quotes {
    pub pairs: Vec<QuotePair>,
    pub issues: Vec<QuoteIssue>,
    /// Every quote mark, in order, with its class.
    pub marks: Vec<(u32, QuoteClass)>,
    /// What lies between the marks of each pair (from the byte after its opening mark to its
    /// closing mark).
    quoted: SpanSet,
}

impl Quotes {
    /// Whether byte `offset` lies inside a quotation (after its opening mark, before its closing
    /// one), at any depth.
    pub fn inside(&self, offset: u32) -> bool {
        self.quoted.contains(offset)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Open,
    Close,
    Either,
}

/// Role from context: a mark after a space (or start, or tatweel, or an opening bracket) and
/// before a letter opens; a mark after a letter or punctuation and before a space, punctuation
/// or the end closes.
fn contextual_role(prev: Option<char>, next: Option<char>, after_proclitic: bool) -> Role {
    let opens_before = after_proclitic
        || prev.is_none_or(|p| is_blank(p) || p == TATWEEL || matches!(p, '(' | '[' | '«' | ':' | '،' | '“'));
    let closes_after = next.is_none_or(|n| is_blank(n) || (!is_word_char(n) && !matches!(n, '«' | '(' | '"' | '“')));
    let word_after = next.is_some_and(|n| is_word_char(n) || matches!(n, '«' | '('));
    let word_before = prev.is_some_and(|p| is_word_char(p) || matches!(p, '.' | '!' | '؟' | '?' | '…' | ')' | '»'));
    match (opens_before && word_after, word_before && closes_after) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// The prose of a paragraph as the quote pairing reads it: its pieces in order, with a blank
/// standing in for markup between two pieces that holds whitespace (a Markdown line break), so
/// that context reads as the reader sees it; other markup (`**`, a link's brackets) is looked
/// through. Context is read around each quote mark only, so a paragraph costs what its marks do,
/// not what its length does.
struct Prose<'t> {
    text: &'t str,
    /// Byte ranges of the pieces, and whether a blank stands before each.
    pieces: Vec<(usize, usize, bool)>,
}

impl<'t> Prose<'t> {
    fn new(text: &'t str, para: Span, regions: &[Span]) -> Self {
        let i = regions.partition_point(|r| r.end <= para.start);
        let mut pieces = Vec::new();
        let mut last_end: Option<usize> = None;
        for r in regions[i..].iter().take_while(|r| r.start < para.end) {
            let (a, b) = (r.start.max(para.start) as usize, r.end.min(para.end) as usize);
            let blank_before = last_end.is_some_and(|prev| prev < a && text[prev..a].contains(is_blank));
            pieces.push((a, b, blank_before));
            last_end = Some(b);
        }
        Prose { text, pieces }
    }

    /// Every character in reading order, blanks standing in for line-breaking markup included.
    fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.pieces
            .iter()
            .flat_map(|&(a, b, blank)| blank.then_some(' ').into_iter().chain(self.text[a..b].chars()))
    }

    /// The quote marks of the pieces in order: (piece, byte offset, mark).
    fn marks(&self) -> impl Iterator<Item = (usize, usize, char)> + '_ {
        self.pieces.iter().enumerate().flat_map(move |(q, &(a, b, _))| {
            quote_mark_offsets(&self.text[a..b]).map(move |i| {
                let at = a + i;
                (q, at, self.text[at..].chars().next().unwrap_or(' '))
            })
        })
    }

    /// The visible characters before byte `at` of piece `q`, nearest first.
    fn before(&self, q: usize, at: usize) -> impl Iterator<Item = char> + '_ {
        (0..=q)
            .rev()
            .flat_map(move |p| {
                let (a, b, blank) = self.pieces[p];
                let end = if p == q { at } else { b };
                self.text[a..end].chars().rev().chain(blank.then_some(' '))
            })
            .filter(|&c| !is_invisible(c))
    }

    /// The visible characters from byte `at` of piece `q` on.
    fn from(&self, q: usize, at: usize) -> impl Iterator<Item = char> + '_ {
        (q..self.pieces.len())
            .flat_map(move |p| {
                let (a, b, _) = self.pieces[p];
                let start = if p == q { at } else { a };
                let blank_after = self.pieces.get(p + 1).is_some_and(|next| next.2);
                self.text[start..b].chars().chain(blank_after.then_some(' '))
            })
            .filter(|&c| !is_invisible(c))
    }
}

/// Byte offsets in `s` of its quotation marks (the classes of [`QuoteClass::of`]), found by a
/// byte search for the first byte of each.
fn quote_mark_offsets(s: &str) -> impl Iterator<Item = usize> + '_ {
    let b = s.as_bytes();
    memchr::memchr3_iter(b'"', 0xC2, 0xE2, b).filter(move |&i| match b[i] {
        b'"' => true,
        // « U+00AB and » U+00BB
        0xC2 => matches!(b.get(i + 1), Some(0xAB | 0xBB)),
        // “ ” „ U+201C..U+201E
        _ => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9C..=0x9E)),
    })
}

/// Whether a text holds a quotation mark, so that paragraphs without quotes cost next to
/// nothing.
fn has_quote_mark(s: &str) -> bool {
    quote_mark_offsets(s).next().is_some()
}

/// Pairs the quotes of every paragraph, looking only at its prose (`regions`).
pub fn pair(text: &str, paragraphs: &[Paragraph], regions: &[Span]) -> Quotes {
    let mut quotes = Quotes::default();
    let mut pending_unclosed: Vec<(u32, QuoteClass)> = Vec::new();
    for para in paragraphs {
        if !has_quote_mark(&text[para.span.range()]) {
            // Nothing to pair, and nothing reopens what the previous paragraph left open.
            for (at, class) in pending_unclosed.drain(..) {
                quotes.issues.push(QuoteIssue::Unclosed { at, class });
            }
            continue;
        }
        let prose = Prose::new(text, para.span, regions);
        // Forgive what the previous paragraph left open if this one reopens the same class.
        let first_mark = prose.chars().find(|c| !is_blank(*c)).and_then(QuoteClass::of);
        for (at, class) in pending_unclosed.drain(..) {
            if first_mark != Some(class) {
                quotes.issues.push(QuoteIssue::Unclosed { at, class });
            }
        }
        let issues_from = quotes.issues.len();
        let marks_from = quotes.marks.len();
        let mut stack = OpenQuotes::default();
        // Context skips invisible characters: an RLM between a word and its quote changes nothing.
        for (q, offset, c) in prose.marks() {
            let at = offset as u32;
            let Some(class) = QuoteClass::of(c) else {
                continue;
            };
            let mut before = prose.before(q, offset);
            let prev = before.next();
            let next = prose.from(q, offset + c.len_utf8()).next();
            quotes.marks.push((at, class));
            // و"لصق: a one-letter proclitic glued to the mark, itself after a space, opens.
            let after_proclitic =
                matches!(prev, Some('و' | 'ف' | 'ب' | 'ل' | 'ك')) && before.next().is_none_or(is_blank);
            let context = contextual_role(prev, next, after_proclitic);
            let role = match c {
                '«' if context == Role::Close => {
                    quotes.issues.push(QuoteIssue::Reversed { at });
                    Role::Close
                }
                '»' if context == Role::Open => {
                    quotes.issues.push(QuoteIssue::Reversed { at });
                    Role::Open
                }
                '«' => Role::Open,
                '»' => Role::Close,
                _ => context,
            };
            let top_same = stack.marks.last().is_some_and(|&(_, k)| k == class);
            let role = match role {
                Role::Either if top_same => Role::Close,
                Role::Either => Role::Open,
                r => r,
            };
            match role {
                Role::Open => {
                    // After a colon a quotation starts afresh (وقال: "…"): a quote of the same
                    // class still open there was left unclosed, not nested around this one.
                    let after_colon = prose.before(q, offset).find(|&p| !is_blank(p)) == Some(':');
                    if after_colon && let Some(pos) = stack.innermost(class) {
                        for &(open_at, open_class) in &stack.marks[pos..] {
                            quotes.issues.push(QuoteIssue::Unclosed {
                                at: open_at,
                                class: open_class,
                            });
                        }
                        stack.truncate(pos);
                    }
                    stack.push(at, class);
                }
                Role::Close => match stack.innermost(class) {
                    Some(pos) => {
                        for &(open_at, open_class) in &stack.marks[pos + 1..] {
                            quotes.issues.push(QuoteIssue::Unclosed {
                                at: open_at,
                                class: open_class,
                            });
                        }
                        let (open, _) = stack.marks[pos];
                        stack.truncate(pos);
                        let depth = stack.marks.len() as u16;
                        let pair = QuotePair {
                            open,
                            close: at,
                            class,
                            depth,
                        };
                        if let Some((outer_open, _)) = stack.innermost(class).map(|i| stack.marks[i]) {
                            quotes.issues.push(QuoteIssue::Nested {
                                inner: pair,
                                outer_open,
                            });
                        }
                        quotes.pairs.push(pair);
                    }
                    None => quotes.issues.push(QuoteIssue::Unopened { at, class }),
                },
                Role::Either => unreachable!("resolved above"),
            }
        }
        pair_misspaced(&mut quotes, issues_from, marks_from, &mut stack.marks);
        pending_unclosed.extend(stack.marks);
    }
    for (at, class) in pending_unclosed {
        quotes.issues.push(QuoteIssue::Unclosed { at, class });
    }
    // Leaves the pairs and the issues in text order.
    join_across_paragraphs(&mut quotes);
    // A quotation is nested only in a pair that holds it. An opener that never closes is a stray
    // mark (a reversed guillemet, a leftover of an edit), reported as unclosed; one that turned
    // out to close a pair spaced on the wrong side opened nothing.
    let pairs = &quotes.pairs;
    quotes.issues.retain(|i| match *i {
        QuoteIssue::Nested { inner, outer_open } => pairs
            .binary_search_by_key(&outer_open, |p| p.open)
            .is_ok_and(|k| pairs[k].close > inner.close),
        _ => true,
    });
    quotes.quoted = SpanSet::new(quotes.pairs.iter().map(|p| Span {
        start: p.open + 1,
        end: p.close,
    }));
    quotes
}

/// The quotations open at a point of a paragraph, innermost last, with the places of each
/// class's among them: the innermost open quotation of a class is found at once, however many of
/// the other classes are open above it (a scan down the marks made a paragraph of thousands of
/// open guillemets, each followed by a pair of straight quotes, quadratic).
#[derive(Default)]
struct OpenQuotes {
    marks: Vec<(u32, QuoteClass)>,
    /// For each class ([`OpenQuotes::slot`]), the indices in `marks` of its open quotations.
    by_class: [Vec<usize>; 3],
}

impl OpenQuotes {
    fn slot(class: QuoteClass) -> usize {
        match class {
            QuoteClass::Guillemet => 0,
            QuoteClass::Straight => 1,
            QuoteClass::Curly => 2,
        }
    }

    fn push(&mut self, at: u32, class: QuoteClass) {
        self.by_class[Self::slot(class)].push(self.marks.len());
        self.marks.push((at, class));
    }

    /// The index in `marks` of the innermost open quotation of `class`.
    fn innermost(&self, class: QuoteClass) -> Option<usize> {
        self.by_class[Self::slot(class)].last().copied()
    }

    /// Closes every quotation from index `len` on.
    fn truncate(&mut self, len: usize) {
        self.marks.truncate(len);
        for open in &mut self.by_class {
            while open.last().is_some_and(|&i| i >= len) {
                open.pop();
            }
        }
    }
}

/// Two straight or curly marks of one class that a paragraph leaves unmatched, one after the
/// other with no mark of their class between (`أن" موهبة"`, `" واعي "بالرياض`), are one
/// quotation whose marks are spaced on the wrong side, not two unbalanced marks. Pairs them:
/// the paragraph's closers with nothing open (its issues from `issues_from`, its marks from
/// `marks_from`) and its openers left on `stack`. Guillemets show their role in their glyph and
/// are left as they are.
fn pair_misspaced(quotes: &mut Quotes, issues_from: usize, marks_from: usize, stack: &mut Vec<(u32, QuoteClass)>) {
    let mut loose: Vec<(u32, QuoteClass)> = quotes.issues[issues_from..]
        .iter()
        .filter_map(|i| match *i {
            QuoteIssue::Unopened { at, class } => Some((at, class)),
            _ => None,
        })
        .chain(stack.iter().copied())
        .filter(|&(_, class)| class != QuoteClass::Guillemet)
        .collect();
    if loose.len() < 2 {
        return;
    }
    loose.sort_unstable_by_key(|&(at, _)| at);
    // The paragraph's marks are in text order: the next one of a class after a mark is found
    // from there, and the searches of consecutive candidates do not overlap.
    let marks = &quotes.marks[marks_from..];
    let next_of_class = |at: u32, class: QuoteClass| {
        marks[marks.partition_point(|&(m, _)| m <= at)..]
            .iter()
            .find(|&&(_, c)| c == class)
            .map(|&(m, _)| m)
    };
    let mut paired: Vec<QuotePair> = Vec::new();
    let mut k = 0;
    while k + 1 < loose.len() {
        let ((open, class), (close, next_class)) = (loose[k], loose[k + 1]);
        if class == next_class && next_of_class(open, class) == Some(close) {
            paired.push(QuotePair {
                open,
                close,
                class,
                depth: 0,
            });
            k += 2;
        } else {
            k += 1;
        }
    }
    let mut ends: Vec<u32> = paired.iter().flat_map(|p| [p.open, p.close]).collect();
    ends.sort_unstable();
    let is_paired = |at: u32| ends.binary_search(&at).is_ok();
    stack.retain(|&(at, _)| !is_paired(at));
    let tail = quotes.issues.split_off(issues_from);
    quotes.issues.extend(
        tail.into_iter()
            .filter(|i| !matches!(*i, QuoteIssue::Unopened { at, .. } if is_paired(at))),
    );
    quotes.pairs.extend(paired);
}

/// A quotation that runs over several paragraphs without reopening marks: a quote left open in
/// one paragraph and a closing mark of the same class with nothing to close in a later one, with
/// no mark of that class between them, are one quotation.
/// The pairs and the issues are sorted in text order on the way.
fn join_across_paragraphs(quotes: &mut Quotes) {
    quotes.issues.sort_by_key(QuoteIssue::at);
    // With no mark of its class between them, the close is the first mark of the open's class
    // after it; so each open looks up that one mark, by class, instead of reading on.
    let class_index = |class: QuoteClass| class as usize;
    let mut marks_of: [Vec<u32>; 3] = Default::default();
    debug_assert!(quotes.marks.is_sorted_by_key(|m| m.0), "marks are read in text order");
    for &(at, class) in &quotes.marks {
        marks_of[class_index(class)].push(at);
    }
    let mut unopened_of: [Vec<u32>; 3] = Default::default();
    for issue in &quotes.issues {
        if let QuoteIssue::Unopened { at, class } = *issue {
            unopened_of[class_index(class)].push(at);
        }
    }
    let mut joined: Vec<(u32, u32, QuoteClass)> = Vec::new();
    for issue in &quotes.issues {
        let QuoteIssue::Unclosed { at: open, class } = *issue else {
            continue;
        };
        let marks = &marks_of[class_index(class)];
        let Some(&close) = marks.get(marks.partition_point(|&m| m <= open)) else {
            continue;
        };
        if unopened_of[class_index(class)].binary_search(&close).is_ok() {
            joined.push((open, close, class));
        }
    }
    let mut ends: Vec<u32> = joined.iter().flat_map(|&(open, close, _)| [open, close]).collect();
    ends.sort_unstable();
    if !ends.is_empty() {
        quotes.issues.retain(|i| ends.binary_search(&i.at()).is_err());
    }
    quotes
        .pairs
        .extend(joined.into_iter().map(|(open, close, class)| QuotePair {
            open,
            close,
            class,
            depth: 0,
        }));
    quotes.pairs.sort_by_key(|p| p.open);
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::source::SourceFile;

    use super::*;

    #[test]
    fn quote_marks_are_found_by_their_bytes() {
        for c in ['"', '«', '»', '\u{201C}', '\u{201D}', '\u{201E}'] {
            assert!(has_quote_mark(&format!("قال {c}نعم")), "{c:?}");
        }
        for s in ["قال نعم\u{a0}— لا…", "\u{2019}x\u{2018}", "'", ""] {
            assert!(!has_quote_mark(s), "{s:?}");
        }
    }

    /// The context of every mark read around it agrees with reading the whole paragraph into
    /// a list of visible characters (how pairing used to read it), over Markdown whose pieces are
    /// joined across emphasis, links and line breaks, and text with invisible characters.
    #[test]
    fn context_around_a_mark_is_the_context_in_the_whole_paragraph() {
        let texts = [
            "قال **\"نعم\"** ثم [«لا»](http://x) و\"لصق\u{200F}\" \u{200F}«هنا»\n",
            "قال:  \n\"نعم ثم\"\n*«غادر*»\nو**\"**كلمة\" `\"` \"\n\n> \u{200E}\"اقتباس\"\u{200E}\n",
            "- \"بند\"\n- ب\"بند\n\n| \"خلية\" | «ثانية» |\n|---|---|\n| x\" | \"y |\n",
        ];
        for text in texts {
            let src = SourceFile::new("t.md", text.to_string());
            let doc = Document::markdown(&src);
            for para in &doc.paragraphs {
                // The paragraph read whole: prose pieces, a blank for line-breaking markup.
                let mut all: Vec<(u32, char)> = Vec::new();
                let mut last_end: Option<u32> = None;
                for r in doc
                    .regions
                    .iter()
                    .filter(|r| r.end > para.span.start && r.start < para.span.end)
                {
                    let (a, b) = (r.start.max(para.span.start), r.end.min(para.span.end));
                    if last_end.is_some_and(|e| e < a && text[e as usize..a as usize].contains(is_blank)) {
                        all.push((u32::MAX, ' '));
                    }
                    all.extend(
                        text[a as usize..b as usize]
                            .char_indices()
                            .map(|(j, c)| (a + j as u32, c)),
                    );
                    last_end = Some(b);
                }
                let prose = Prose::new(text, para.span, &doc.regions);
                assert_eq!(
                    prose.chars().collect::<String>(),
                    all.iter().map(|x| x.1).collect::<String>()
                );
                let visible: Vec<(u32, char)> = all.into_iter().filter(|&(_, c)| !is_invisible(c)).collect();
                let dense: Vec<_> = visible
                    .iter()
                    .enumerate()
                    .filter(|(_, (at, c))| *at != u32::MAX && QuoteClass::of(*c).is_some())
                    .map(|(k, &(at, c))| {
                        let before: Vec<char> = visible[..k].iter().rev().map(|x| x.1).take(2).collect();
                        let colon = visible[..k].iter().rev().map(|x| x.1).find(|&p| !is_blank(p));
                        (at as usize, c, before, visible.get(k + 1).map(|x| x.1), colon)
                    })
                    .collect();
                let sparse: Vec<_> = prose
                    .marks()
                    .map(|(q, at, c)| {
                        let before: Vec<char> = prose.before(q, at).take(2).collect();
                        let colon = prose.before(q, at).find(|&p| !is_blank(p));
                        (at, c, before, prose.from(q, at + c.len_utf8()).next(), colon)
                    })
                    .collect();
                assert!(!dense.is_empty() || !has_quote_mark(doc.slice(para.span)), "{text:?}");
                assert_eq!(sparse, dense, "{text:?}");
            }
        }
    }

    fn issues(text: &str) -> (Vec<QuoteIssue>, usize) {
        let src = SourceFile::new("t", text.to_string());
        let doc = Document::plain(&src);
        (doc.quotes.issues.clone(), doc.quotes.pairs.len())
    }

    #[test]
    fn balanced_straight_and_guillemets() {
        let (i, p) = issues("قال \"نعم\" ثم «لا» وبـ\"داعش\".");
        assert!(i.is_empty(), "{i:?}");
        assert_eq!(p, 3);
    }

    #[test]
    fn nested_same_class() {
        let (i, _) = issues("وقال، \"ندعم جهود تنظيم \"داعش\" الإرهابي\".");
        assert!(matches!(i.as_slice(), [QuoteIssue::Nested { .. }]), "{i:?}");
    }

    #[test]
    fn unopened_closer() {
        let (i, _) = issues("محاربة \"داعش\" في سوريا لا تشمل الأسد\".");
        assert!(matches!(i.as_slice(), [QuoteIssue::Unopened { .. }]), "{i:?}");
    }

    #[test]
    fn unclosed_opener() {
        let (i, _) = issues("قال «نعم ثم غادر.");
        assert!(matches!(i.as_slice(), [QuoteIssue::Unclosed { .. }]), "{i:?}");
    }

    #[test]
    fn reversed_guillemet() {
        let (i, _) = issues("اهتمت بـ»الإنفوجرافيكس» كثيرا.");
        assert!(i.iter().any(|x| matches!(x, QuoteIssue::Reversed { .. })), "{i:?}");
    }

    #[test]
    fn quote_running_over_paragraphs_without_reopening_is_one_quotation() {
        let (i, p) = issues("قال: \"ترى هل غدونا\nكأسنان المشط\".");
        assert!(i.is_empty(), "{i:?}");
        assert_eq!(p, 1);
    }

    #[test]
    fn a_quote_after_a_colon_starts_afresh() {
        let (i, _) = issues("وأضاف: \"إن المضللين يعيشون. وقال: \"الإسلام واحد\".");
        assert!(matches!(i.as_slice(), [QuoteIssue::Unclosed { .. }]), "{i:?}");
    }

    #[test]
    fn proclitic_glued_quote_opens() {
        let (i, _) = issues("بمجرد الضغط على زري \"قص \" و\"لصق\" إذا كان.");
        assert!(i.is_empty(), "{i:?}");
    }

    #[test]
    fn a_pair_spaced_on_the_wrong_side_is_one_quotation() {
        for text in [
            "وأكد أن\" موهبة\" اللاعب كبيرة.",
            "وقالت إنها لـ\" عدم الجدوى الاقتصادية\" فقط.",
            "ويقع المركز \" واعي \"بالرياض الآن.",
            "ضمن “عاصفة الحزم ” و” إعادة الأمل ” معا.",
        ] {
            let (i, p) = issues(text);
            assert!(i.is_empty(), "{text}: {i:?}");
            assert!(p >= 1, "{text}");
        }
        // One stray mark stays one, and a guillemet's role is its glyph.
        let (i, _) = issues("وأكد أن\" موهبة اللاعب كبيرة، و\"الفريق\" جاهز.");
        assert!(matches!(i.as_slice(), [QuoteIssue::Unopened { .. }]), "{i:?}");
        let (i, _) = issues("قال » نعم » ثم غادر.");
        assert!(!i.is_empty());
    }

    #[test]
    fn a_quotation_inside_an_opener_that_never_closes_is_not_nested() {
        let (i, _) = issues("وقال «إن «أكثر الناس» يريدون السلام، ثم غادر.");
        assert!(matches!(i.as_slice(), [QuoteIssue::Unclosed { .. }]), "{i:?}");
        // Closed, the outer one holds the inner one.
        let (i, _) = issues("وقال «إن «أكثر الناس» يريدون السلام» ثم غادر.");
        assert!(matches!(i.as_slice(), [QuoteIssue::Nested { .. }]), "{i:?}");
        // The mark that closes a pair spaced on the wrong side holds nothing after it.
        let (i, _) = issues("وأوضح مدير فرع \" واعي \"بالرياض أن برنامج \"رخصة القيادة\" ناجح.");
        assert!(i.is_empty(), "{i:?}");
    }

    #[test]
    fn invisible_marks_do_not_change_roles() {
        let (i, _) = issues("وتنطلق الآلة \u{202b}«\u{200f}ثاقبة» من جنوب المحطة.");
        assert!(i.is_empty(), "{i:?}");
    }

    #[test]
    fn a_quotation_closed_in_a_later_paragraph_is_one_pair() {
        let text = "قال: «الفقرة الأولى.\nوالفقرة الثانية، وفيها \"عبارة\" أخرى.\nوالأخيرة».";
        let src = SourceFile::new("t", text.to_string());
        let doc = Document::plain(&src);
        assert!(doc.quotes.issues.is_empty(), "{:?}", doc.quotes.issues);
        let open = text.find('«').unwrap() as u32;
        let close = text.find('»').unwrap() as u32;
        assert!(doc.quotes.pairs.iter().any(|p| p.open == open && p.close == close));
        // A mark of its class between them: not one quotation, both marks are reported.
        let (i, _) = issues("قال: «الفقرة الأولى.\nوفيها «عبارة» أخرى.\nوالأخيرة».");
        assert!(
            matches!(i.as_slice(), [QuoteIssue::Unclosed { .. }, QuoteIssue::Unopened { .. }]),
            "{i:?}"
        );
    }

    #[test]
    fn inside_tells_quoted_text_at_any_depth() {
        let text = "قال «إن \"الوفد\" وصل» ثم «غادر» أمس.";
        let src = SourceFile::new("t", text.to_string());
        let doc = Document::plain(&src);
        let at = |w: &str| text.find(w).unwrap() as u32;
        for (w, inside) in [
            ("قال", false),
            ("إن", true),
            ("الوفد", true),
            ("وصل", true),
            ("ثم", false),
            ("غادر", true),
            ("أمس", false),
        ] {
            assert_eq!(doc.quotes.inside(at(w)), inside, "{w}");
        }
        // The marks themselves are not inside their own quotation.
        assert!(!doc.quotes.inside(at("«")));
        assert!(!doc.quotes.inside(at("» ثم")));
    }

    #[test]
    fn reopened_quote_across_paragraphs_is_fine() {
        let (i, _) = issues("قال: «الفقرة الأولى.\n«والفقرة الثانية».");
        assert!(i.is_empty(), "{i:?}");
    }

    /// The innermost open quotation of a class is what a scan down the open marks finds, through
    /// any sequence of opens and closes.
    #[test]
    fn open_quotes_find_the_innermost_of_a_class_as_a_scan_does() {
        let classes = [QuoteClass::Guillemet, QuoteClass::Straight, QuoteClass::Curly];
        let mut open = OpenQuotes::default();
        let mut seed = 7u64;
        for step in 0..5000u32 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let class = classes[(seed >> 33) as usize % 3];
            if (seed >> 40).is_multiple_of(3) && !open.marks.is_empty() {
                let len = (seed >> 20) as usize % open.marks.len();
                open.truncate(len);
            } else {
                open.push(step, class);
            }
            for class in classes {
                let scanned = open.marks.iter().rposition(|&(_, k)| k == class);
                assert_eq!(open.innermost(class), scanned, "step {step}");
            }
        }
    }
}
