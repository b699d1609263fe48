//! Quote pairing, done once per document. Pairs are found per paragraph in logical order:
//! « opens and » closes whatever the glyphs look like on screen; straight and curly quotes get
//! their role from what is around them (a space before and a letter after opens), and a mark
//! whose context says nothing closes the innermost open quote of its class, if any.
//!
//! The convention of long quotations, where each paragraph reopens the quote and only the last
//! one closes it, is honoured: a quote left open at the end of a paragraph is forgiven when the
//! next paragraph starts by opening a quote of the same class.

use super::Paragraph;
use crate::source::Span;
use crate::text::chars::{TATWEEL, is_blank, is_word_char};

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

#[derive(Clone, Debug, Default)]
pub struct Quotes {
    pub pairs: Vec<QuotePair>,
    pub issues: Vec<QuoteIssue>,
    /// Every quote mark, in order, with its class.
    pub marks: Vec<(u32, QuoteClass)>,
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
fn contextual_role(prev: Option<char>, next: Option<char>) -> Role {
    let opens_before =
        prev.is_none_or(|p| is_blank(p) || p == TATWEEL || matches!(p, '(' | '[' | '«' | ':' | '،' | '“'));
    let closes_after = next.is_none_or(|n| is_blank(n) || (!is_word_char(n) && !matches!(n, '«' | '(' | '"' | '“')));
    let word_after = next.is_some_and(|n| is_word_char(n) || matches!(n, '«' | '('));
    let word_before = prev.is_some_and(|p| is_word_char(p) || matches!(p, '.' | '!' | '؟' | '?' | '…' | ')' | '»'));
    match (opens_before && word_after, word_before && closes_after) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// The prose characters of a paragraph with their offsets. Where markup between two prose pieces
/// holds whitespace (a Markdown line break), a blank stands in for it, so that context reads as
/// the reader sees it; other markup (`**`, a link's brackets) is looked through.
fn prose_chars(text: &str, para: Span, regions: &[Span]) -> Vec<(u32, char)> {
    let i = regions.partition_point(|r| r.end <= para.start);
    let mut out: Vec<(u32, char)> = Vec::with_capacity(para.len());
    let mut last_end: Option<u32> = None;
    for r in regions[i..].iter().take_while(|r| r.start < para.end) {
        let (a, b) = (r.start.max(para.start), r.end.min(para.end));
        if let Some(prev) = last_end
            && prev < a
            && text[prev as usize..a as usize].contains(is_blank)
        {
            out.push((u32::MAX, ' '));
        }
        out.extend(
            text[a as usize..b as usize]
                .char_indices()
                .map(|(j, c)| (a + j as u32, c)),
        );
        last_end = Some(b);
    }
    out
}

/// Pairs the quotes of every paragraph, looking only at its prose (`regions`).
pub fn pair(text: &str, paragraphs: &[Paragraph], regions: &[Span]) -> Quotes {
    let mut quotes = Quotes::default();
    let mut pending_unclosed: Vec<(u32, QuoteClass)> = Vec::new();
    for para in paragraphs {
        let chars = prose_chars(text, para.span, regions);
        // Forgive what the previous paragraph left open if this one reopens the same class.
        let first_mark = chars
            .iter()
            .map(|&(_, c)| c)
            .find(|c| !is_blank(*c))
            .and_then(QuoteClass::of);
        for (at, class) in pending_unclosed.drain(..) {
            if first_mark != Some(class) {
                quotes.issues.push(QuoteIssue::Unclosed { at, class });
            }
        }
        let mut stack: Vec<(u32, QuoteClass)> = Vec::new();
        let mut prev: Option<char> = None;
        let mut iter = chars.iter().copied().peekable();
        while let Some((at, c)) = iter.next() {
            let next = iter.peek().map(|&(_, n)| n);
            if let Some(class) = QuoteClass::of(c) {
                quotes.marks.push((at, class));
                let context = contextual_role(prev, next);
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
                let top_same = stack.last().is_some_and(|&(_, k)| k == class);
                let role = match role {
                    Role::Either if top_same => Role::Close,
                    Role::Either => Role::Open,
                    r => r,
                };
                match role {
                    Role::Open => stack.push((at, class)),
                    Role::Close => match stack.iter().rposition(|&(_, k)| k == class) {
                        Some(pos) => {
                            for &(open_at, open_class) in &stack[pos + 1..] {
                                quotes.issues.push(QuoteIssue::Unclosed {
                                    at: open_at,
                                    class: open_class,
                                });
                            }
                            let (open, _) = stack[pos];
                            stack.truncate(pos);
                            let depth = stack.len() as u16;
                            let pair = QuotePair {
                                open,
                                close: at,
                                class,
                                depth,
                            };
                            if let Some(&(outer_open, _)) = stack.iter().rev().find(|&&(_, k)| k == class) {
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
            prev = Some(c);
        }
        pending_unclosed.extend(stack);
    }
    for (at, class) in pending_unclosed {
        quotes.issues.push(QuoteIssue::Unclosed { at, class });
    }
    quotes.pairs.sort_by_key(|p| p.open);
    quotes.issues.sort_by_key(|i| match i {
        QuoteIssue::Unclosed { at, .. } | QuoteIssue::Unopened { at, .. } | QuoteIssue::Reversed { at } => *at,
        QuoteIssue::Nested { inner, .. } => inner.open,
    });
    quotes
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::source::SourceFile;

    use super::*;

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
    fn reopened_quote_across_paragraphs_is_fine() {
        let (i, _) = issues("قال: «الفقرة الأولى.\n«والفقرة الثانية».");
        assert!(i.is_empty(), "{i:?}");
    }
}
