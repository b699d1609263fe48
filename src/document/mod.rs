//! The document model, built once per file and shared by every rule: prose regions →
//! paragraphs → sentences → tokens, each with its byte span; every token's folded form and stem;
//! quote pairs. Rules read it; none re-tokenizes.

pub mod dates;
pub mod fix_guard;
pub mod markdown;
pub mod quotes;
mod segment;
pub mod suppress;

use crate::source::{SourceFile, Span};
use crate::text::chars;
use crate::text::clitics;
pub use dates::DateMention;
pub use quotes::{QuoteClass, QuoteIssue, QuotePair, Quotes};
pub use segment::{ends_sentence, sentence_end};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Arabic-script letters (with marks, tatweel, joiners).
    Arabic,
    /// Letters of other scripts (Latin names, acronyms).
    Latin,
    /// Digits only.
    Number,
    /// Letters mixed with digits or scripts (بـ3000, الـ60, COVID-19).
    Mixed,
    /// A run of one punctuation or symbol character (، .. « ").
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    fold_start: u32,
    fold_end: u32,
    /// Byte offset within the folded form where the stem starts (after the article family).
    stem_offset: u16,
    /// The characters of the stem, [`u16::MAX`] for that many or more.
    stem_chars: u16,
    /// The clitic splits of the folded form, as [`clitics::candidate_mask`] gives them.
    candidates: u8,
    /// What tokenizing saw in the token's letters ([`features`]).
    features: u8,
}

/// Facts about a token's letters noted while tokenizing, so that rules looking for rare letters
/// pass over the other tokens without reading them again.
pub mod features {
    /// ة or ى, or ت after ا, with more of the word after it: the token may be words run
    /// together.
    pub const GLUE: u8 = 1;
    /// A tatweel (ـ) among the token's characters.
    pub const TATWEEL: u8 = 2;
}

impl Token {
    pub fn is_word(&self) -> bool {
        !matches!(self.kind, TokenKind::Punct)
    }

    /// Whether the token may be words run together: it holds ة, ى or the ت of ات followed by
    /// more of the word (what glued-words looks for).
    pub fn may_be_glued(&self) -> bool {
        self.features & features::GLUE != 0
    }

    /// Whether the token starts with the definite-article family (its stem is shorter than its
    /// folded form).
    pub fn has_article(&self) -> bool {
        self.stem_offset != 0
    }

    /// Whether the token holds a tatweel (ـ).
    pub fn has_tatweel(&self) -> bool {
        self.features & features::TATWEEL != 0
    }
}

#[derive(Clone, Debug)]
pub struct Sentence {
    pub span: Span,
    pub tokens: std::ops::Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Paragraph {
    pub span: Span,
    pub sentences: std::ops::Range<usize>,
    pub tokens: std::ops::Range<usize>,
    /// Whether the paragraph may hold a run of two spaces or more: false when the line it was
    /// cut from holds none ([`crate::text::scan::may_hold_space_run`], asked while splitting).
    pub may_hold_space_run: bool,
}

/// What the file says about itself: a title and a publication date (front matter or dateline).
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    pub title: Option<Span>,
    pub dateline: Option<Span>,
    pub date: Option<jiff::civil::Date>,
    /// A Markdown file's front matter block, delimiters included.
    pub front_matter: Option<Span>,
}

/// A block of Markdown prose (a paragraph, heading, list item's text, table cell…): its extent
/// from the first to the last inline element, markup included, and its prose pieces in order
/// (sorted, disjoint, on char boundaries, inside the extent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub pieces: Vec<Span>,
}

#[derive(Debug)]
pub struct Document<'s> {
    pub source: &'s SourceFile,
    /// The parts of the file that are prose (all of a plain-text file; Markdown's text nodes).
    pub regions: Vec<Span>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub quotes: Quotes,
    pub meta: Metadata,
    /// Markdown's hard line breaks made of trailing spaces: syntax, not stray whitespace.
    pub hard_breaks: Vec<Span>,
    /// The suppression comments of a Markdown file, in order.
    pub suppressions: Vec<suppress::Directive>,
    /// A Markdown file's code blocks and HTML blocks, whole (sorted): lines no rule reads.
    pub code_blocks: Vec<Span>,
    /// Text that no fix may change (sorted): a Markdown reference link's text that is also its
    /// label. Findings in it are still reported.
    pub frozen: Vec<Span>,
    folded: String,
    /// The dates written in the text, read on first use (`dates()`).
    dates: std::sync::OnceLock<Vec<DateMention>>,
    /// Views of the document that several rules derive alike (`memo()`).
    memo: Memo,
}

/// Derived views of a document by type and key, each computed by the first rule that asks.
#[derive(Default)]
struct Memo(std::sync::Mutex<Vec<MemoEntry>>);

type MemoEntry = (std::any::TypeId, u64, std::sync::Arc<dyn std::any::Any + Send + Sync>);

impl Memo {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<MemoEntry>> {
        match self.0.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl<'s> Document<'s> {
    /// Builds the model of a plain-text file: the whole text (after a BOM) is prose.
    pub fn plain(source: &'s SourceFile) -> Self {
        let start = if source.has_bom() { 3 } else { 0 };
        let region = Span::new(start, source.text.len());
        let mut doc = Self::from_regions(source, vec![region]);
        doc.meta.title = doc.paragraphs.first().map(|p| p.span);
        if let Some((para, span, date)) = dates::dateline(&doc, doc.dates()) {
            doc.meta.dateline = Some(span);
            doc.meta.date = Some(date);
            if para == 0 {
                doc.meta.title = doc.paragraphs.get(1).map(|p| p.span);
            }
        }
        doc
    }

    fn empty(source: &'s SourceFile) -> Self {
        Document {
            source,
            regions: Vec::new(),
            // Reserved from the text's length as the tokens are, rather than grown by doubling:
            // the corpus has a paragraph per 470 bytes and a sentence per 210 or so.
            paragraphs: Vec::with_capacity(source.text.len() / 256 + 1),
            sentences: Vec::with_capacity(source.text.len() / 128 + 1),
            // About one token per eight bytes of Arabic prose (a word and its space, or a mark):
            // reserved once rather than grown by doubling.
            tokens: Vec::with_capacity(source.text.len() / 8),
            quotes: Quotes::default(),
            meta: Metadata::default(),
            hard_breaks: Vec::new(),
            suppressions: Vec::new(),
            code_blocks: Vec::new(),
            frozen: Vec::new(),
            folded: String::with_capacity(source.text.len()),
            dates: std::sync::OnceLock::new(),
            memo: Memo::default(),
        }
    }

    /// Builds the model over the given prose regions (sorted, disjoint, on char boundaries).
    /// Each region is split into paragraphs by lines (and the inline breaks of crawled copy).
    pub fn from_regions(source: &'s SourceFile, regions: Vec<Span>) -> Self {
        let text = source.text.as_str();
        let mut doc = Self::empty(source);
        for region in &regions {
            for (para, may_hold_space_run) in segment::paragraphs(text, *region) {
                doc.push_paragraph(para, may_hold_space_run);
            }
        }
        doc.regions = regions;
        doc.quotes = quotes::pair(text, &doc.paragraphs, &doc.regions);
        doc
    }

    /// Builds the model over blocks of prose pieces (Markdown): each block is one paragraph,
    /// whatever line breaks it holds, spanning the block's whole extent (so that deleting a
    /// paragraph deletes its markup too), and its pieces are joined into sentences across the
    /// markup between them. Paragraph and sentence spans cover that markup; tokens never do.
    pub fn from_blocks(source: &'s SourceFile, blocks: Vec<Block>) -> Self {
        let text = source.text.as_str();
        let mut doc = Self::empty(source);
        for block in &blocks {
            doc.push_block(block);
        }
        let mut regions: Vec<Span> = blocks.into_iter().flat_map(|b| b.pieces).collect();
        regions.sort_unstable();
        doc.regions = regions;
        doc.quotes = quotes::pair(text, &doc.paragraphs, &doc.regions);
        doc
    }

    /// Reads a Markdown file: front matter, prose blocks, suppression comments.
    pub fn markdown(source: &'s SourceFile) -> Self {
        let reading = markdown::read(source);
        let mut doc = Self::from_blocks(source, reading.blocks);
        doc.meta.title = reading.title;
        // A dateline in the body dates the article as in plain text, unless the front matter does.
        if let Some((_, span, date)) = dates::dateline(&doc, doc.dates()) {
            doc.meta.dateline = Some(span);
            doc.meta.date = Some(date);
        }
        doc.meta.date = reading.date.or(doc.meta.date);
        doc.meta.front_matter = reading.front_matter;
        doc.hard_breaks = reading.hard_breaks;
        doc.frozen = reading.labels;
        doc.code_blocks = reading.code_blocks;
        doc.suppressions = reading
            .comments
            .iter()
            .filter_map(|c| suppress::Directive::parse(&source.text, *c))
            .collect();
        doc
    }

    fn push_block(&mut self, block: &Block) {
        let text = self.source.text.as_str();
        let pieces = &block.pieces;
        // Sentences as lists of fragments: a fragment that does not end like a sentence goes on
        // in the next piece.
        let mut sentences: Vec<Vec<Span>> = Vec::new();
        let mut open = false;
        for piece in pieces {
            for (k, frag) in segment::sentences(text, *piece).into_iter().enumerate() {
                match sentences.last_mut() {
                    Some(last) if k == 0 && open => last.push(frag),
                    _ => sentences.push(vec![frag]),
                }
                open = !segment::ends_sentence(&text[frag.range()]);
            }
        }
        let (Some(first), Some(last)) = (sentences.first(), sentences.last()) else {
            return;
        };
        let para_span = block.span.cover(first[0].cover(last[last.len() - 1]));
        let sent_start = self.sentences.len();
        let tok_start = self.tokens.len();
        let count = sentences.len();
        for (i, frags) in sentences.iter().enumerate() {
            let first_token = self.tokens.len();
            for frag in frags {
                let mut folded = std::mem::take(&mut self.folded);
                segment::tokens(text, *frag, &mut folded, |read| push_token(&mut self.tokens, read));
                self.folded = folded;
            }
            // The first and last sentences reach the block's edges, markup included.
            let mut span = frags[0].cover(frags[frags.len() - 1]);
            if i == 0 {
                span.start = para_span.start;
            }
            if i + 1 == count {
                span.end = para_span.end;
            }
            self.sentences.push(Sentence {
                span,
                tokens: first_token..self.tokens.len(),
            });
        }
        self.paragraphs.push(Paragraph {
            span: para_span,
            sentences: sent_start..self.sentences.len(),
            tokens: tok_start..self.tokens.len(),
            // A block's markup may hold spaces anywhere; its text is searched when asked.
            may_hold_space_run: true,
        });
    }

    fn push_paragraph(&mut self, para: Span, may_hold_space_run: bool) {
        let text = self.source.text.as_str();
        let sent_start = self.sentences.len();
        let tok_start = self.tokens.len();
        let mut folded = std::mem::take(&mut self.folded);
        for sent in segment::sentences(text, para) {
            let first = self.tokens.len();
            segment::tokens(text, sent, &mut folded, |read| push_token(&mut self.tokens, read));
            self.sentences.push(Sentence {
                span: sent,
                tokens: first..self.tokens.len(),
            });
        }
        self.folded = folded;
        self.paragraphs.push(Paragraph {
            span: para,
            sentences: sent_start..self.sentences.len(),
            tokens: tok_start..self.tokens.len(),
            may_hold_space_run,
        });
    }

    pub fn text(&self) -> &'s str {
        &self.source.text
    }

    pub fn slice(&self, span: Span) -> &'s str {
        &self.source.text[span.range()]
    }

    /// The token as written.
    pub fn surface(&self, token: &Token) -> &'s str {
        self.slice(token.span)
    }

    /// The token's folded form (empty for punctuation).
    pub fn folded(&self, token: &Token) -> &str {
        &self.folded[token.fold_start as usize..token.fold_end as usize]
    }

    /// Whether two tokens have the same folded form (lengths compared before bytes).
    pub fn same_folded(&self, a: &Token, b: &Token) -> bool {
        let bytes = self.folded.as_bytes();
        a.fold_end - a.fold_start == b.fold_end - b.fold_start
            && bytes[a.fold_start as usize..a.fold_end as usize] == bytes[b.fold_start as usize..b.fold_end as usize]
    }

    /// The folded form without the definite-article family prefix.
    pub fn stem(&self, token: &Token) -> &str {
        &self.folded[token.fold_start as usize + token.stem_offset as usize..token.fold_end as usize]
    }

    /// Whether the stem ([`Self::stem`]) has at least `n` characters, told without reading it.
    pub fn stem_has_chars(&self, token: &Token, n: usize) -> bool {
        if token.stem_chars < u16::MAX {
            usize::from(token.stem_chars) >= n
        } else {
            self.stem(token).chars().nth(n.saturating_sub(1)).is_some()
        }
    }

    /// Every plausible stem of the token's folded form (`clitics::stem_candidates`), worked out
    /// once when the document was built.
    pub fn stem_candidates(&self, token: &Token) -> clitics::StemCandidates<'_> {
        clitics::StemCandidates::with_mask(self.folded(token), token.candidates)
    }

    /// The dates written in the text, in order, Hijri–Gregorian pairs linked.
    pub fn dates(&self) -> &[DateMention] {
        self.dates.get_or_init(|| dates::read(self))
    }

    /// A view of the document that several rules derive the same way (the months it names, the
    /// words the repetition rules compare): computed by `make` the first time a value of type `T`
    /// is asked for with this `key` (which tells apart views made with different options), then
    /// shared.
    pub fn memo<T: std::any::Any + Send + Sync>(&self, key: u64, make: impl FnOnce() -> T) -> std::sync::Arc<T> {
        let id = std::any::TypeId::of::<T>();
        if let Some(hit) = self
            .memo
            .lock()
            .iter()
            .find(|(t, k, _)| *t == id && *k == key)
            .and_then(|(_, _, v)| v.clone().downcast::<T>().ok())
        {
            return hit;
        }
        // Made outside the lock: `make` may itself ask for another view.
        let value = std::sync::Arc::new(make());
        self.memo.lock().push((id, key, value.clone()));
        value
    }

    /// Tokens of a sentence.
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        &self.tokens[s.tokens.clone()]
    }

    pub fn paragraph_tokens(&self, p: &Paragraph) -> &[Token] {
        &self.tokens[p.tokens.clone()]
    }

    /// The paragraph index holding a token index.
    pub fn paragraph_of_token(&self, token: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.tokens.end <= token);
        (i < self.paragraphs.len() && self.paragraphs[i].tokens.contains(&token)).then_some(i)
    }

    /// The paragraph index whose span holds a byte offset.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let o = offset as u32;
        let i = self.paragraphs.partition_point(|p| p.span.end <= o);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= o).then_some(i)
    }

    /// The sentence index holding a token index.
    pub fn sentence_of_token(&self, token: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.tokens.end <= token);
        (i < self.sentences.len() && self.sentences[i].tokens.contains(&token)).then_some(i)
    }

    /// Whether a byte offset lies in a Markdown code block or HTML block.
    pub fn in_code_block(&self, offset: usize) -> bool {
        let o = offset as u32;
        let i = self.code_blocks.partition_point(|b| b.end <= o);
        self.code_blocks.get(i).is_some_and(|b| b.start <= o)
    }

    /// The parts of `span` that are prose, in order (all of it in a plain-text file).
    pub fn prose_pieces(&self, span: Span) -> impl Iterator<Item = Span> + '_ {
        let i = self.regions.partition_point(|r| r.end <= span.start);
        self.regions[i..]
            .iter()
            .take_while(move |r| r.start < span.end)
            .map(move |r| Span {
                start: r.start.max(span.start),
                end: r.end.min(span.end),
            })
    }

    /// Whether a byte offset lies in a prose region.
    pub fn in_prose(&self, offset: usize) -> bool {
        let o = offset as u32;
        let i = self.regions.partition_point(|r| r.end <= o);
        i < self.regions.len() && self.regions[i].start <= o
    }

    /// Whether the character `c` at byte `offset` is markup the reader does not see: outside the
    /// prose and neither a letter nor a digit (Markdown's `**`, `_`, `[`, `](`; a link's target
    /// has letters). Never in plain text, which is prose throughout.
    pub fn is_markup(&self, offset: usize, c: char) -> bool {
        !chars::is_alphanumeric(c) && !self.in_prose(offset)
    }
}

/// Adds a token whose folded form was just appended to the document's folded text: its article
/// family and clitic splits are worked out now, once.
fn push_token(tokens: &mut Vec<Token>, read: segment::ReadToken<'_>) {
    let (kind, form) = (read.kind, read.folded);
    // Most words start with a letter no clitic starts with: no article, no split.
    let (art, candidates) = if !clitics::may_have_proclitic(form) {
        (0, 1)
    } else if matches!(kind, TokenKind::Arabic | TokenKind::Mixed) {
        let art = clitics::article_prefix_len(form);
        (art, clitics::candidate_mask(form, art))
    } else {
        (0, clitics::candidate_mask(form, 0))
    };
    let stem_offset = if kind == TokenKind::Arabic { art as u16 } else { 0 };
    tokens.push(Token {
        span: read.span,
        kind,
        fold_start: read.fold_at as u32,
        fold_end: (read.fold_at + form.len()) as u32,
        stem_offset,
        // The article family's letters take two bytes each.
        stem_chars: u16::try_from(read.folded_chars.saturating_sub(u32::from(stem_offset) / 2)).unwrap_or(u16::MAX),
        candidates,
        features: read.features,
    });
}

/// Whether a path names a Markdown file (`.md`, `.markdown`).
pub fn is_markdown(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("markdown"))
}

/// Builds the document model of a file, choosing the reader by its kind: Markdown for `.md` and
/// `.markdown`, plain text for everything else.
pub fn build(source: &SourceFile) -> Document<'_> {
    let doc = if is_markdown(&source.path) {
        Document::markdown(source)
    } else {
        Document::plain(source)
    };
    debug_assert_eq!(doc.broken_invariant(), None, "{}", source.path);
    doc
}

impl Document<'_> {
    /// The first of the model's invariants that does not hold, if any: what rules rely on when
    /// they search the lists by position. Regions, paragraphs, sentences and tokens are sorted,
    /// disjoint and on char boundaries; each sentence lies in its paragraph and each token in its
    /// sentence; code blocks and frozen spans are sorted.
    pub fn broken_invariant(&self) -> Option<String> {
        let text = self.text();
        let sound = |s: Span| {
            s.start <= s.end && text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize)
        };
        fn in_order(mut spans: impl Iterator<Item = Span>, sound: impl Fn(Span) -> bool) -> bool {
            let mut last_end = 0;
            spans.all(|s| {
                let ok = sound(s) && s.start >= last_end;
                last_end = s.end;
                ok
            })
        }
        let inside = |outer: Span, inner: Span| outer.start <= inner.start && inner.end <= outer.end;
        if !in_order(self.regions.iter().copied(), sound) {
            return Some("regions out of order or unsound".into());
        }
        if !in_order(self.paragraphs.iter().map(|p| p.span), sound) {
            return Some("paragraphs out of order or unsound".into());
        }
        if !in_order(self.sentences.iter().map(|s| s.span), sound) {
            return Some("sentences out of order or unsound".into());
        }
        if !in_order(self.tokens.iter().map(|t| t.span), sound) {
            return Some("tokens out of order or unsound".into());
        }
        for (pi, p) in self.paragraphs.iter().enumerate() {
            let Some(sentences) = self.sentences.get(p.sentences.clone()) else {
                return Some(format!("paragraph {pi}: sentences out of range"));
            };
            if let Some(s) = sentences.iter().find(|s| !inside(p.span, s.span)) {
                return Some(format!("paragraph {pi}: sentence {:?} outside {:?}", s.span, p.span));
            }
        }
        for (si, s) in self.sentences.iter().enumerate() {
            let Some(tokens) = self.tokens.get(s.tokens.clone()) else {
                return Some(format!("sentence {si}: tokens out of range"));
            };
            if let Some(t) = tokens.iter().find(|t| !inside(s.span, t.span)) {
                return Some(format!("sentence {si}: token {:?} outside {:?}", t.span, s.span));
            }
        }
        let sorted =
            |spans: &[Span]| spans.windows(2).all(|w| w[0].start <= w[1].start) && spans.iter().all(|&s| sound(s));
        if !sorted(&self.code_blocks) || !sorted(&self.frozen) {
            return Some("code blocks or frozen spans out of order".into());
        }
        None
    }
}

/// Whether a character can end a word for boundary checks on raw text.
pub fn is_word_boundary_char(c: Option<char>) -> bool {
    c.is_none_or(|c| !chars::is_word_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_of(text: &str) -> (SourceFile,) {
        (SourceFile::new("t.txt", text.to_string()),)
    }

    #[test]
    fn a_model_that_breaks_its_invariants_is_told() {
        let src = SourceFile::new("t.txt", "أول سطر.\n\nثاني سطر.\n".to_string());
        assert_eq!(build(&src).broken_invariant(), None);
        let mut doc = build(&src);
        doc.paragraphs.swap(0, 1);
        assert!(doc.broken_invariant().is_some_and(|why| why.starts_with("paragraphs")));
        let mut doc = build(&src);
        // Inside the first letter.
        doc.tokens[0].span = Span::new(1, 4);
        assert!(doc.broken_invariant().is_some_and(|why| why.starts_with("tokens")));
        let mut doc = build(&src);
        doc.sentences[1].span = doc.sentences[0].span;
        assert!(doc.broken_invariant().is_some());
    }

    #[test]
    fn paragraphs_sentences_tokens() {
        let (src,) = doc_of("العنوان\n\nقال الوزير: «نعم». ثم غادر.\n  \u{a0}\nفقرة ثانية");
        let doc = Document::plain(&src);
        assert_eq!(doc.paragraphs.len(), 3);
        assert_eq!(doc.slice(doc.paragraphs[1].span), "قال الوزير: «نعم». ثم غادر.");
        let p = &doc.paragraphs[1];
        assert_eq!(p.sentences.len(), 2);
        let words: Vec<&str> = doc.paragraph_tokens(p).iter().map(|t| doc.surface(t)).collect();
        assert_eq!(words, ["قال", "الوزير", ":", "«", "نعم", "»", ".", "ثم", "غادر", "."]);
    }

    #[test]
    fn folded_and_stem_forms() {
        let (src,) = doc_of("والأمريكيّة");
        let doc = Document::plain(&src);
        let t = &doc.tokens[0];
        assert_eq!(doc.folded(t), "والامريكيه");
        assert_eq!(doc.stem(t), "امريكيه");
    }

    /// The stem's length kept from tokenizing answers as counting the stem's characters would:
    /// articles, marks, tatweel, presentation forms (ﻻ folds to two letters), digits, Latin and
    /// astral letters; in plain text and in Markdown.
    #[test]
    fn stem_lengths_match_the_stems() {
        let text = "والأمريكيّة بالـــدولة ﻻجئ ﷲ الﻻجئين 123 ٤٥٦ Google كَتَبَ 𝑥ب لل فالتقى وللمؤتمر ال ب";
        for name in ["t.txt", "t.md"] {
            let src = SourceFile::new(name, text.to_string());
            let doc = build(&src);
            assert!(doc.tokens.len() > 10, "{name}");
            for t in &doc.tokens {
                let count = doc.stem(t).chars().count();
                for n in 0..count + 3 {
                    assert_eq!(doc.stem_has_chars(t, n), count >= n, "{name}: {:?} {n}", doc.surface(t));
                }
            }
        }
    }

    #[test]
    fn sabq_inline_breaks_and_bom() {
        let (src,) = doc_of("\u{feff}سبق- أبها: خبر أول. \u{a0} خبر ثان.");
        let doc = Document::plain(&src);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.slice(doc.paragraphs[1].span), "خبر ثان.");
        assert_eq!(doc.paragraphs[0].span.start, 3);
    }

    /// A paragraph is marked free of space runs only when it holds none: lines with and without
    /// runs of each kind of space, one split into paragraphs by NBSP runs (sabq).
    #[test]
    fn paragraphs_without_space_runs_are_marked_so() {
        let text = "سطر  بمسافتين\nسطر بلا\nسطر\t\tبجدولة\nقال: نعم. \u{a0} خبر ثان بلا\nسطر\u{2009}\u{2009}رفيع\nسطر «بلا» — شيء";
        let src = SourceFile::new("t.txt", text.to_string());
        let doc = Document::plain(&src);
        assert_eq!(doc.paragraphs.len(), 7);
        let mut marked_free = 0;
        for p in &doc.paragraphs {
            let para = doc.slice(p.span);
            let chars: Vec<char> = para.chars().collect();
            let has_run = chars.windows(2).any(|w| chars::is_space(w[0]) && chars::is_space(w[1]));
            assert!(p.may_hold_space_run || !has_run, "{para:?}");
            marked_free += usize::from(!p.may_hold_space_run);
        }
        assert_eq!(marked_free, 2, "the lines without a run");
    }

    #[test]
    fn crlf_lines_are_paragraphs_without_cr() {
        let (src,) = doc_of("سطر أول\r\n\r\nسطر ثان\r\n");
        let doc = Document::plain(&src);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.slice(doc.paragraphs[1].span), "سطر ثان");
    }

    fn md(text: &str) -> SourceFile {
        SourceFile::new("a.md", text.to_string())
    }

    #[test]
    fn markdown_block_is_one_paragraph_across_markup_and_soft_breaks() {
        let src =
            md("قال **الوزير** إن [الحكومة](https://gov.example/x \"t\")\nستواصل الدعم. ثم غادر.\n\n> اقتباس\n> ثان\n");
        let doc = build(&src);
        assert_eq!(doc.paragraphs.len(), 2);
        let p = &doc.paragraphs[0];
        assert_eq!(p.sentences.len(), 2);
        let first = &doc.sentences[p.sentences.start];
        let words: Vec<&str> = doc.sentence_tokens(first).iter().map(|t| doc.surface(t)).collect();
        assert_eq!(words, ["قال", "الوزير", "إن", "الحكومة", "ستواصل", "الدعم", "."]);
        assert!(doc.slice(first.span).starts_with("قال **الوزير**"));
        assert!(doc.slice(p.span).ends_with("ثم غادر."));
        assert!(doc.slice(first.span).ends_with("الدعم."));
        let q = &doc.paragraphs[1];
        let words: Vec<&str> = doc.paragraph_tokens(q).iter().map(|t| doc.surface(t)).collect();
        assert_eq!(words, ["اقتباس", "ثان"]);
    }

    #[test]
    fn markdown_front_matter_title_is_prose_and_meta() {
        let src = md("---\ntitle: \"الحكومة تعلن\"\ndate: 2024-03-01\nslug: x-y\n---\n\nنص المقال.\n\n```\nكود\n```\n");
        let doc = build(&src);
        assert_eq!(doc.meta.title.map(|t| doc.slice(t)), Some("الحكومة تعلن"));
        assert_eq!(doc.meta.date, Some(jiff::civil::date(2024, 3, 1)));
        let paras: Vec<&str> = doc.paragraphs.iter().map(|p| doc.slice(p.span)).collect();
        assert_eq!(paras, ["الحكومة تعلن", "نص المقال."]);
        assert!(!doc.in_prose(src.text.find("كود").unwrap()));
        assert!(!doc.in_prose(src.text.find("slug").unwrap()));
    }

    #[test]
    fn markdown_quotes_ignore_link_titles_and_cross_lines() {
        let src = md("قال \"نعم\" و[هنا](http://x.com \"عنوان\") ثم «الفقرة\nتستمر» هنا.\n");
        let doc = build(&src);
        assert!(doc.quotes.issues.is_empty(), "{:?}", doc.quotes.issues);
        assert_eq!(doc.quotes.pairs.len(), 2);
        let src = md("قال **\"نعم** هنا.\n");
        let doc = build(&src);
        assert_eq!(doc.quotes.issues.len(), 1);
    }

    #[test]
    fn plain_files_stay_plain() {
        let src = SourceFile::new("a.txt", "# ليس عنواناً\n`ليس كوداً`".to_string());
        let doc = build(&src);
        assert_eq!(doc.tokens.iter().filter(|t| doc.surface(t) == "#").count(), 1);
        assert!(doc.suppressions.is_empty());
    }

    #[test]
    fn decimals_and_abbreviations_do_not_end_sentences() {
        let (src,) = doc_of("ارتفع 1.5 في المئة وقال د. محمد إن ذلك جيد. انتهى");
        let doc = Document::plain(&src);
        assert_eq!(doc.sentences.len(), 2);
    }
}
