//! The document model, built once per file and shared by every rule: prose regions →
//! paragraphs → sentences → tokens, each with its byte span; every token's folded form and stem;
//! quote pairs. Rules read it; none re-tokenizes.

pub mod dates;
pub mod quotes;
mod segment;
pub mod suppress;

use crate::source::{SourceFile, Span};
use crate::text::chars;
use crate::text::clitics;
pub use dates::DateMention;
pub use quotes::{QuoteClass, QuoteIssue, QuotePair, Quotes};

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
}

impl Token {
    pub fn is_word(&self) -> bool {
        !matches!(self.kind, TokenKind::Punct)
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
}

/// What the file says about itself: a title and a publication date (front matter or dateline).
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    pub title: Option<Span>,
    pub dateline: Option<Span>,
    pub date: Option<jiff::civil::Date>,
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
    folded: String,
    /// The dates written in the text, read on first use (`dates()`).
    dates: std::sync::OnceLock<Vec<DateMention>>,
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

    /// Builds the model over the given prose regions (sorted, disjoint, on char boundaries).
    pub fn from_regions(source: &'s SourceFile, regions: Vec<Span>) -> Self {
        let text = source.text.as_str();
        let mut doc = Document {
            source,
            regions: Vec::new(),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::new(),
            quotes: Quotes::default(),
            meta: Metadata::default(),
            folded: String::with_capacity(text.len()),
            dates: std::sync::OnceLock::new(),
        };
        for region in &regions {
            for para in segment::paragraphs(text, *region) {
                doc.push_paragraph(para);
            }
        }
        doc.regions = regions;
        doc.quotes = quotes::pair(text, &doc.paragraphs);
        doc
    }

    fn push_paragraph(&mut self, para: Span) {
        let text = self.source.text.as_str();
        let sent_start = self.sentences.len();
        let tok_start = self.tokens.len();
        for sent in segment::sentences(text, para) {
            let first = self.tokens.len();
            for (span, kind) in segment::tokens(text, sent) {
                self.push_token(span, kind);
            }
            self.sentences.push(Sentence {
                span: sent,
                tokens: first..self.tokens.len(),
            });
        }
        self.paragraphs.push(Paragraph {
            span: para,
            sentences: sent_start..self.sentences.len(),
            tokens: tok_start..self.tokens.len(),
        });
    }

    fn push_token(&mut self, span: Span, kind: TokenKind) {
        let fold_start = self.folded.len();
        if kind != TokenKind::Punct {
            for c in self.source.text[span.range()].chars() {
                chars_fold(c, &mut self.folded);
            }
        }
        let folded = &self.folded[fold_start..];
        let stem_offset = if kind == TokenKind::Arabic {
            clitics::article_prefix_len(folded) as u16
        } else {
            0
        };
        self.tokens.push(Token {
            span,
            kind,
            fold_start: fold_start as u32,
            fold_end: self.folded.len() as u32,
            stem_offset,
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

    /// The folded form without the definite-article family prefix.
    pub fn stem(&self, token: &Token) -> &str {
        &self.folded[token.fold_start as usize + token.stem_offset as usize..token.fold_end as usize]
    }

    /// The dates written in the text, in order, Hijri–Gregorian pairs linked.
    pub fn dates(&self) -> &[DateMention] {
        self.dates.get_or_init(|| dates::read(self))
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

    /// Whether the line holding `offset` has prose on it (line-based rules such as trailing
    /// whitespace look at whole lines, which run past the prose regions of Markdown).
    pub fn prose_line(&self, offset: usize) -> bool {
        let lines = &self.source.lines;
        let line = lines.line_of(offset);
        let span = lines.line_span(&self.source.text, line);
        let i = self.regions.partition_point(|r| r.end < span.start);
        self.regions.get(i).is_some_and(|r| r.start <= span.end)
    }

    /// Whether a byte offset lies in a prose region.
    pub fn in_prose(&self, offset: usize) -> bool {
        let o = offset as u32;
        let i = self.regions.partition_point(|r| r.end <= o);
        i < self.regions.len() && self.regions[i].start <= o
    }
}

/// Builds the document model of a file, choosing the reader by its kind.
pub fn build(source: &SourceFile) -> Document<'_> {
    Document::plain(source)
}

fn chars_fold(c: char, out: &mut String) {
    crate::text::fold::fold_char_into(c, out);
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

    #[test]
    fn sabq_inline_breaks_and_bom() {
        let (src,) = doc_of("\u{feff}سبق- أبها: خبر أول. \u{a0} خبر ثان.");
        let doc = Document::plain(&src);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.slice(doc.paragraphs[1].span), "خبر ثان.");
        assert_eq!(doc.paragraphs[0].span.start, 3);
    }

    #[test]
    fn crlf_lines_are_paragraphs_without_cr() {
        let (src,) = doc_of("سطر أول\r\n\r\nسطر ثان\r\n");
        let doc = Document::plain(&src);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.slice(doc.paragraphs[1].span), "سطر ثان");
    }

    #[test]
    fn decimals_and_abbreviations_do_not_end_sentences() {
        let (src,) = doc_of("ارتفع 1.5 في المئة وقال د. محمد إن ذلك جيد. انتهى");
        let doc = Document::plain(&src);
        assert_eq!(doc.sentences.len(), 2);
    }
}
