//! Rules: the trait every rule implements, its metadata and documentation, and the registry.
//!
//! A rule is a stateless value: it reads the shared [`Document`] and pushes findings. Its
//! documentation has fixed headings (What it does, Why it matters, Example, Use instead, Options);
//! `tadqiq explain` prints it and the test suite runs its Example (must fire) and Use instead
//! (must stay silent), so the text cannot drift from the behaviour.

pub mod attribution;
pub mod dates;
pub mod digits;
pub mod glued_words;
pub mod hygiene;
pub mod lexicon;
pub mod mojibake;
pub mod months;
pub mod orthography;
pub mod pack_rule;
mod pack_text;
pub mod packs;
pub mod preferred;
pub mod presentation;
pub mod punctuation;
pub mod quote_style;
pub mod quotes;
pub mod registry;
pub mod repeated_punctuation;
pub mod repetition;
pub mod spacing;
pub mod suppression;
pub mod tatweel;
#[cfg(test)]
pub(crate) mod testing;
pub mod transliteration;
pub mod variants;

use crate::config::RuleOptions;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::source::Span;
use std::borrow::Cow;

pub use registry::Registry;

/// One option a rule accepts in `[rules.RULE]` of `tadqiq.toml`.
#[derive(Clone, Copy, Debug)]
pub struct OptionSpec {
    pub name: &'static str,
    pub kind: OptionKind,
    pub help: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    Integer,
    Boolean,
    Strings,
    /// One of the given words.
    Choice(&'static [&'static str]),
}

#[derive(Clone, Debug)]
pub struct RuleMeta {
    pub id: Cow<'static, str>,
    pub family: Cow<'static, str>,
    pub severity: Severity,
    pub summary: Cow<'static, str>,
    /// Markdown with the fixed headings.
    pub doc: Cow<'static, str>,
    pub options: &'static [OptionSpec],
}

impl RuleMeta {
    pub const fn builtin(
        id: &'static str,
        family: &'static str,
        severity: Severity,
        summary: &'static str,
        doc: &'static str,
    ) -> Self {
        RuleMeta {
            id: Cow::Borrowed(id),
            family: Cow::Borrowed(family),
            severity,
            summary: Cow::Borrowed(summary),
            doc: Cow::Borrowed(doc),
            options: &[],
        }
    }

    pub const fn with_options(mut self, options: &'static [OptionSpec]) -> Self {
        self.options = options;
        self
    }

    /// The text of the first fenced block under a `## heading` of the documentation.
    pub fn doc_example(&self, heading: &str) -> Option<String> {
        doc_block(&self.doc, heading)
    }

    /// The configuration the examples need, if any: a ```toml block under `## Example` (after
    /// the text). Rules that only act on a house's choices (preferred-spelling) show one.
    pub fn doc_config(&self) -> Option<String> {
        let start = self.doc.find("## Example\n")?;
        let rest = &self.doc[start..];
        let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
        let section = &rest[..end];
        let open = section.find("```toml\n")? + "```toml\n".len();
        let close = section[open..].find("```")?;
        Some(section[open..open + close].to_string())
    }
}

/// What a rule sees: the document, and the options and packs in force for this file.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub options: &'a RuleOptions,
    pub packs: &'a packs::CompiledPacks,
    /// The house's `[preferred]` spellings for this file, compiled once per distinct table
    /// (read by preferred-spelling).
    pub preferred: Option<&'a packs::Pack>,
}

impl Context<'_> {
    pub fn int_option(&self, rule: &str, name: &str, default: i64) -> i64 {
        self.options.int(rule, name).unwrap_or(default)
    }

    /// A `Choice` option, if set.
    pub fn choice_option(&self, rule: &str, name: &str) -> Option<String> {
        self.options.string(rule, name)
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);

    fn id(&self) -> &str {
        &self.meta().id
    }

    /// A finding of this rule at its default severity.
    fn diag(&self, span: crate::source::Span, message: String) -> Diagnostic {
        Diagnostic::new(&self.meta().id, self.meta().severity, span, message)
    }
}

/// Extracts the first fenced code block after `## heading`.
pub fn doc_block(doc: &str, heading: &str) -> Option<String> {
    let marker = format!("## {heading}\n");
    let start = doc.find(&marker)? + marker.len();
    let rest = &doc[start..];
    let section_end = rest.find("\n## ").unwrap_or(rest.len());
    let section = &rest[..section_end];
    let open = section.find("```")?;
    let after_open = &section[open + 3..];
    let body_start = after_open.find('\n')? + 1;
    let body = &after_open[body_start..];
    let close = body.find("```")?;
    Some(body[..close].to_string())
}

/// The headings every rule's documentation carries, in order.
pub const DOC_HEADINGS: &[&str] = &["What it does", "Why it matters", "Example", "Use instead", "Options"];

/// Quotes a span's text for a message, shortened to a readable length.
pub fn quote(s: &str) -> String {
    const MAX: usize = 60;
    let s = s.trim();
    // Messages are one line (concise, github and terminals read them so): a quoted span over
    // several lines is shown with its line breaks as spaces.
    let joined;
    let s = if memchr::memchr2(b'\n', b'\r', s.as_bytes()).is_some() {
        joined = s
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        joined.as_str()
    } else {
        s
    };
    // Every message quotes a span or two: built in one allocation, cut after MAX characters.
    let (head, cut) = match s.char_indices().nth(MAX) {
        Some((end, _)) => (&s[..end], true),
        None => (s, false),
    };
    let mut quoted = String::with_capacity(head.len() + '«'.len_utf8() + '…'.len_utf8() + '»'.len_utf8());
    quoted.push('«');
    quoted.push_str(head);
    if cut {
        quoted.push('…');
    }
    quoted.push('»');
    quoted
}

/// Quotes a span of the document for a message, as [`quote`] does, without the Markdown markup
/// inside it ([`prose_text`]).
pub fn quote_span(doc: &Document<'_>, span: Span) -> String {
    quote(&prose_text(doc, span))
}

/// The text of a span as a reader sees it: in Markdown, without the markup inside the span
/// (`**الخميس** 16` reads `الخميس 16`); markup holding whitespace (a line break and the next
/// line's `> `) or a no-break space entity reads as one space. Plain text is given as it is.
pub fn prose_text<'d>(doc: &'d Document<'_>, span: Span) -> Cow<'d, str> {
    let mut pieces = doc.prose_pieces(span);
    let (first, second) = match (pieces.next(), pieces.next()) {
        (Some(first), Some(second)) => (first, second),
        // One piece (all of a plain text's span), with markup at its edges at most.
        (Some(only), None) => return Cow::Borrowed(doc.slice(only)),
        (None, _) => return Cow::Borrowed(doc.slice(span)),
    };
    let text = doc.text();
    let mut joined = String::from(doc.slice(first));
    let mut end = first.end as usize;
    for piece in std::iter::once(second).chain(pieces) {
        let piece_text = doc.slice(piece);
        let gap = &text[end..piece.start as usize];
        let gap_is_space = gap.contains(char::is_whitespace) || is_space_entity_in(gap);
        if gap_is_space && !joined.ends_with(char::is_whitespace) && !piece_text.starts_with(char::is_whitespace) {
            joined.push(' ');
        }
        joined.push_str(piece_text);
        end = piece.end as usize;
    }
    Cow::Owned(joined)
}

/// Whether markup holds an entity for a no-break space (`&nbsp;`, `&#160;`, `&#xA0;`).
fn is_space_entity_in(gap: &str) -> bool {
    let lower = gap.to_ascii_lowercase();
    ["&nbsp;", "&#160;", "&#xa0;"].iter().any(|e| lower.contains(e))
}

/// Numbers keys in the order they are first met (0, 1, 2…), each found again through a map: the
/// rules that count forms, spellings or habits use it, so that a garbled text with thousands of
/// distinct ones stays linear.
pub(crate) struct FirstSeen<K>(foldhash::HashMap<K, usize>);

impl<K: std::hash::Hash + Eq> FirstSeen<K> {
    pub fn new() -> Self {
        FirstSeen(foldhash::HashMap::default())
    }

    /// The key's number, and whether this is the first time it is met.
    pub fn number(&mut self, key: K) -> (usize, bool) {
        let next = self.0.len();
        match self.0.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => (*e.get(), false),
            std::collections::hash_map::Entry::Vacant(e) => (*e.insert(next), true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FirstSeen, quote};

    #[test]
    fn quotes_are_one_line_and_cut_after_sixty_characters() {
        assert_eq!(quote("  الأمريكي "), "«الأمريكي»");
        assert_eq!(quote("قال\r\n  الوزير\n\nإن"), "«قال الوزير إن»");
        // Sixty characters are kept whole; one more is cut to sixty and marked.
        let sixty: String = "بَ".repeat(30);
        assert_eq!(quote(&sixty), format!("«{sixty}»"));
        let longer = format!("{sixty}ت");
        assert_eq!(quote(&longer), format!("«{sixty}…»"));
        assert_eq!(quote(""), "«»");
    }

    #[test]
    fn a_quoted_span_leaves_markdown_markup_out() {
        use super::quote_span;
        use crate::document::Document;
        use crate::source::{SourceFile, Span};
        let text = "جاء **الخميس** 16 سبتمبر و[سبتمبر](http://x.com)/أيلول.\n\n> قال الوزير\n> إن `x` الأمر.\n";
        let span_of = |from: &str, to: &str| {
            let start = text.find(from).expect("fixture holds the start");
            let end = text[start..].find(to).expect("fixture holds the end") + start + to.len();
            Span::new(start, end)
        };
        let md = SourceFile::new("a.md", text.to_owned());
        let doc = Document::markdown(&md);
        let quoted = |from, to| quote_span(&doc, span_of(from, to));
        assert_eq!(quoted("الخميس", "16"), "«الخميس 16»");
        assert_eq!(quoted("**الخميس", "س**"), "«الخميس»");
        assert_eq!(quoted("سبتمبر]", "أيلول"), "«سبتمبر/أيلول»");
        // A line break and the next line's `> ` read as a space; inline code is left out.
        assert_eq!(quoted("الوزير", "إن"), "«الوزير إن»");
        assert_eq!(quoted("إن", "الأمر"), "«إن  الأمر»");
        let entity = SourceFile::new("b.md", "وصل الخميس&nbsp;16 سبتمبر.\n".to_owned());
        let doc_entity = Document::markdown(&entity);
        let at = entity.text.find("الخميس").unwrap();
        let to = entity.text.find("16").unwrap() + 2;
        assert_eq!(quote_span(&doc_entity, Span::new(at, to)), "«الخميس 16»");
        // Plain text is prose throughout: quoted as written.
        let plain = SourceFile::new("a.txt", text.to_owned());
        let doc = Document::plain(&plain);
        assert_eq!(quote_span(&doc, span_of("الخميس", "16")), "«الخميس** 16»");
    }

    #[test]
    fn first_seen_numbers_keys_in_the_order_they_are_met() {
        let mut seen = FirstSeen::new();
        let got: Vec<(usize, bool)> = ["ب", "أ", "ب", "ج", "أ"].into_iter().map(|k| seen.number(k)).collect();
        assert_eq!(got, [(0, true), (1, true), (0, false), (2, true), (1, false)]);
    }
}
