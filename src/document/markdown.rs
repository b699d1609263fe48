//! The Markdown reader: which parts of a `.md` file are prose, through pulldown-cmark's offset
//! iterator, so that every span still points into the file as written.
//!
//! Prose is the text of headings, paragraphs, list items, block quotes, table cells and footnotes,
//! link text included. Not prose: code blocks and inline code, raw HTML (whose comments are kept
//! for suppressions), images, autolinks and bare URLs, link destinations and titles, and the front
//! matter — except its `title`, whose value is read as a block of its own so that the rules about
//! duplicates and variants see it.
//!
//! The reader hands the document a list of blocks, each a list of text pieces in order: one block
//! becomes one paragraph, and the pieces of a block (text, then emphasis, then a link's text…, or
//! the lines of a paragraph) are joined into sentences across the markup between them.

use super::Block;
use crate::source::{SourceFile, Span};
use crate::text::chars::is_blank;
use pulldown_cmark::{Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

/// What the reader found in a Markdown file.
#[derive(Debug, Default)]
pub struct Reading {
    /// Prose blocks in file order.
    pub blocks: Vec<Block>,
    /// The front matter's `title` value, or else the first level-one heading.
    pub title: Option<Span>,
    /// The front matter's `date`.
    pub date: Option<jiff::civil::Date>,
    /// The whole front matter block, delimiters included.
    pub front_matter: Option<Span>,
    /// Every HTML comment `<!-- … -->`, delimiters included.
    pub comments: Vec<Span>,
    /// The trailing spaces that make a hard line break (syntax, not stray whitespace).
    pub hard_breaks: Vec<Span>,
    /// Code blocks and HTML blocks, whole: lines that are not text for any rule, blank ones
    /// included.
    pub code_blocks: Vec<Span>,
    /// Shortcut and collapsed reference links (`[نص]`, `[نص][]`), whose text is also the label
    /// that finds their target: reported like any text, but no fix may change it.
    pub labels: Vec<Span>,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// pulldown-cmark takes a `---` … `---` block for metadata wherever it stands; front matter is
/// only ever the file's first lines, and further down the same lines are a rule and a setext
/// heading. So metadata blocks are looked for at the start only, and the rest is parsed without.
fn front_matter_options() -> Options {
    options() | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// The events of `body`: those of its front matter (a metadata block at offset 0), then those of
/// the rest, parsed without metadata blocks, their ranges still offsets in `body`.
fn events(body: &str) -> impl Iterator<Item = (Event<'_>, std::ops::Range<usize>)> {
    let mut head = Vec::new();
    let mut rest_from = 0;
    // pulldown-cmark reads every block of its text before the first event: the front matter is
    // looked for in the lines that could hold it, not in a second reading of the whole file.
    let could_be_front_matter = front_matter_end(body).map_or("", |end| &body[..end]);
    let mut parser = Parser::new_ext(could_be_front_matter, front_matter_options()).into_offset_iter();
    if let Some((first @ Event::Start(Tag::MetadataBlock(_)), range)) = parser.next()
        && range.start == 0
    {
        rest_from = range.end;
        head.push((first, range));
        for (event, range) in parser.by_ref() {
            let end = matches!(event, Event::End(TagEnd::MetadataBlock(_)));
            head.push((event, range));
            if end {
                break;
            }
        }
    }
    let rest = Parser::new_ext(&body[rest_from..], options())
        .into_offset_iter()
        .map(move |(event, range)| (event, range.start + rest_from..range.end + rest_from));
    head.into_iter().chain(rest)
}

/// Where a front matter block opening `body` would end: after the first line past the opening
/// `---` or `+++` line that closes it as pulldown-cmark closes one (the same three characters, or
/// `...` after `---`, then spaces). None when no such line follows a line that starts with one.
fn front_matter_end(body: &str) -> Option<usize> {
    let b = body.as_bytes();
    let fence = *b.first().filter(|&&c| c == b'-' || c == b'+')?;
    let mut line = memchr::memchr(b'\n', b)? + 1;
    while line < b.len() {
        let rest = &b[line..];
        let len = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
        let l = &rest[..len];
        let opens_like_close = l.starts_with(&[fence; 3]) || (fence == b'-' && l.starts_with(b"..."));
        if opens_like_close && l[3..].iter().all(|c| matches!(c, b' ' | b'\r' | b'\n')) {
            return Some(line + len);
        }
        line += len;
    }
    None
}

/// Bare URLs inside text (pulldown-cmark leaves them as text without the GFM autolink extension).
static BARE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>«»]+").expect("the URL pattern is valid"));

fn is_block_tag(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

struct Reader<'t> {
    text: &'t str,
    out: Reading,
    current: Vec<Span>,
    /// Where the current block's inline content starts and ends, markup included.
    extent: Option<Span>,
    /// Open elements whose text is not prose (code blocks, HTML blocks, images, autolinks).
    skip: usize,
    /// For each open link or image: whether it was counted in `skip`.
    inline_stack: Vec<bool>,
    heading_level: Option<pulldown_cmark::HeadingLevel>,
    first_heading: Option<Span>,
    metadata: Option<MetadataBlockKind>,
}

impl Reader<'_> {
    fn flush(&mut self) {
        let extent = self.extent.take();
        if self.current.is_empty() {
            return;
        }
        let pieces = std::mem::take(&mut self.current);
        let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
            return;
        };
        let span = extent.unwrap_or(*first).cover(first.cover(*last));
        if self.heading_level == Some(pulldown_cmark::HeadingLevel::H1) && self.first_heading.is_none() {
            self.first_heading = Some(span);
        }
        self.out.blocks.push(Block { span, pieces });
    }

    /// Widens the current block's extent to an inline event.
    fn inline(&mut self, span: Span) {
        self.extent = Some(self.extent.map_or(span, |e| e.cover(span)));
    }

    /// Adds a text event's range to the current block, leaving out bare URLs.
    fn push_text(&mut self, span: Span) {
        let s = &self.text[span.range()];
        let mut at = 0;
        for m in BARE_URL.find_iter(s) {
            // Punctuation that ends a sentence after a URL belongs to the sentence.
            let url = m
                .as_str()
                .trim_end_matches(['.', ',', '،', '؛', ';', ':', ')', '!', '?', '؟', '"', '\'']);
            self.push_piece(span.start as usize + at, span.start as usize + m.start());
            at = m.start() + url.len();
        }
        self.push_piece(span.start as usize + at, span.end as usize);
    }

    fn push_piece(&mut self, start: usize, end: usize) {
        if start < end {
            self.current.push(Span::new(start, end));
        }
    }

    fn html(&mut self, span: Span) {
        let s = &self.text[span.range()];
        let mut from = 0;
        while let Some(open) = s[from..].find("<!--") {
            let open = from + open;
            let Some(close) = s[open + 4..].find("-->") else {
                break;
            };
            let end = open + 4 + close + 3;
            self.out
                .comments
                .push(Span::new(span.start as usize + open, span.start as usize + end));
            from = end;
        }
    }
}

/// Reads a Markdown file: its prose blocks, front matter, comments and hard breaks.
pub fn read(source: &SourceFile) -> Reading {
    // pulldown-cmark does not see front matter behind a byte-order mark: parse after it.
    let base = if source.has_bom() { 3 } else { 0 };
    let text = source.text.as_str();
    let body = &text[base..];
    let mut r = Reader {
        text,
        out: Reading::default(),
        current: Vec::new(),
        extent: None,
        skip: 0,
        inline_stack: Vec::new(),
        heading_level: None,
        first_heading: None,
        metadata: None,
    };
    let mut front_title: Option<Span> = None;
    let mut html_block: Option<usize> = None;
    let mut metadata_text: Option<Span> = None;
    for (event, range) in events(body) {
        let span = Span::new(base + range.start, base + range.end);
        match event {
            Event::Start(tag) => {
                if is_block_tag(&tag) {
                    r.flush();
                } else if r.skip == 0 {
                    r.inline(span);
                }
                match tag {
                    Tag::Heading { level, .. } => r.heading_level = Some(level),
                    Tag::CodeBlock(_) => {
                        r.skip += 1;
                        r.out.code_blocks.push(span);
                    }
                    Tag::HtmlBlock => {
                        r.skip += 1;
                        r.out.code_blocks.push(span);
                        html_block = Some(span.start as usize);
                    }
                    Tag::MetadataBlock(kind) => {
                        r.metadata = Some(kind);
                        r.out.front_matter = Some(span);
                    }
                    Tag::Image { .. } => {
                        r.skip += 1;
                        r.inline_stack.push(true);
                    }
                    Tag::Link { link_type, .. } => {
                        if matches!(link_type, LinkType::Shortcut | LinkType::Collapsed) {
                            r.out.labels.push(span);
                        }
                        let hidden = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        r.skip += usize::from(hidden);
                        r.inline_stack.push(hidden);
                    }
                    _ => {}
                }
            }
            Event::End(end) => {
                if is_block_end(&end) {
                    r.flush();
                } else if r.skip == 0 || matches!(end, TagEnd::Image | TagEnd::Link) {
                    r.inline(span);
                }
                match end {
                    TagEnd::Heading(_) => r.heading_level = None,
                    TagEnd::CodeBlock => r.skip = r.skip.saturating_sub(1),
                    TagEnd::HtmlBlock => {
                        r.skip = r.skip.saturating_sub(1);
                        if let Some(start) = html_block.take() {
                            r.html(Span::new(start, span.end as usize));
                        }
                    }
                    TagEnd::MetadataBlock(kind) => {
                        r.metadata = None;
                        if let Some(content) = metadata_text.take() {
                            let fm = front_matter(text, content, kind == MetadataBlockKind::PlusesStyle);
                            front_title = fm.title;
                            r.out.date = fm.date;
                        }
                    }
                    TagEnd::Image | TagEnd::Link => {
                        // Only the elements that hide their text were counted in `skip`.
                        let hidden = r.inline_stack.pop() == Some(true);
                        r.skip = r.skip.saturating_sub(usize::from(hidden));
                    }
                    _ => {}
                }
            }
            Event::Text(shown) => {
                if r.metadata.is_some() {
                    metadata_text = Some(metadata_text.map_or(span, |m: Span| m.cover(span)));
                } else if r.skip == 0 {
                    r.inline(span);
                    // An entity (`&#1548;`, `&raquo;`) reads otherwise than it is written: not
                    // prose, so that no rule reports or rewrites its letters.
                    if *shown == text[span.range()] {
                        r.push_text(span);
                    }
                }
            }
            Event::Code(_) | Event::FootnoteReference(_) | Event::InlineMath(_) if r.skip == 0 => r.inline(span),
            Event::InlineHtml(_) => {
                r.inline(span);
                r.html(span);
            }
            Event::HardBreak => {
                let s = &text[span.range()];
                let spaces = s.len() - s.trim_start_matches(' ').len();
                if spaces > 0 {
                    r.out
                        .hard_breaks
                        .push(Span::new(span.start as usize, span.start as usize + spaces));
                }
            }
            Event::Html(_) if html_block.is_none() => r.html(span),
            _ => {}
        }
    }
    r.flush();
    let mut out = r.out;
    if let Some(title) = front_title {
        // The title comes first in the file, so its block goes first.
        out.blocks.insert(
            0,
            Block {
                span: title,
                pieces: vec![title],
            },
        );
        out.title = Some(title);
    } else {
        out.title = r.first_heading;
    }
    out
}

/// What the front matter says about the article.
#[derive(Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<Span>,
    pub date: Option<jiff::civil::Date>,
}

/// Reads `title` and `date` from the content of a front matter block (between its delimiters).
///
/// Only these two top-level keys matter, so a line reader does (no YAML library): `key: value`
/// for YAML, `key = value` for TOML; values may be quoted. A block scalar (`title: >`) or a
/// multi-line string gives no title. A date is `YYYY-MM-DD`, or a date-time whose date is taken.
pub fn front_matter(text: &str, content: Span, toml: bool) -> FrontMatter {
    let mut out = FrontMatter::default();
    let mut line_start = content.start as usize;
    let end = content.end as usize;
    while line_start < end {
        let line_end = text[line_start..end].find('\n').map_or(end, |i| line_start + i);
        let line = &text[line_start..line_end];
        let sep = if toml { '=' } else { ':' };
        if let Some(pos) = line.find(sep)
            && !line.starts_with(is_blank)
        {
            let key = line[..pos].trim().trim_matches(['"', '\'']);
            let value_start = line_start + pos + 1;
            if let Some(value) = scalar(text, value_start, line_end, toml) {
                match key {
                    "title" if out.title.is_none() => out.title = Some(value),
                    "date" if out.date.is_none() => out.date = parse_date(&text[value.range()]),
                    _ => {}
                }
            }
        }
        line_start = line_end + 1;
    }
    out
}

/// The span of a scalar value that starts at `start` on a line ending at `end`: inside its quotes,
/// or a plain YAML scalar without a trailing comment; trimmed; `None` when empty or not a scalar.
fn scalar(text: &str, start: usize, end: usize, toml: bool) -> Option<Span> {
    let raw = &text[start..end];
    let lead = raw.len() - raw.trim_start_matches(is_blank).len();
    let v = &raw[lead..];
    let at = start + lead;
    let inner = if let Some(rest) = v.strip_prefix('"') {
        if rest.starts_with("\"\"") {
            return None; // TOML multi-line string
        }
        let mut escaped = false;
        let close = rest.char_indices().find(|&(_, c)| {
            let hit = c == '"' && !escaped;
            escaped = c == '\\' && !escaped;
            hit
        })?;
        (at + 1, at + 1 + close.0)
    } else if let Some(rest) = v.strip_prefix('\'') {
        if rest.starts_with("''") && toml {
            return None;
        }
        // YAML doubles a quote inside single quotes ('it''s'); TOML literal strings have none.
        let bytes = rest.as_bytes();
        let mut i = 0;
        let close = loop {
            let j = i + rest[i..].find('\'')?;
            if !toml && bytes.get(j + 1) == Some(&b'\'') {
                i = j + 2;
                continue;
            }
            break j;
        };
        (at + 1, at + 1 + close)
    } else {
        // YAML block scalars, flow collections, anchors, tags and comments are not a plain
        // scalar; TOML's bare values (dates) are read, its arrays and tables are not.
        let special: &[char] = if toml {
            &['[', '{', '#']
        } else {
            &['|', '>', '[', '{', '&', '*', '!', '#']
        };
        if v.is_empty() || v.starts_with(special) {
            return None;
        }
        let cut = v.find(" #").unwrap_or(v.len());
        (at, at + cut)
    };
    let s = &text[inner.0..inner.1];
    let a = inner.0 + (s.len() - s.trim_start_matches(is_blank).len());
    let b = inner.0 + s.trim_end_matches(is_blank).len();
    (a < b).then(|| Span::new(a, b))
}

/// `2024-03-01`, `2024-03-01T10:30:00+03:00`, `2024-03-01 10:30`: the date.
fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let head = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    head.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(text: &str) -> (SourceFile, Reading) {
        let src = SourceFile::new("a.md", text.to_string());
        let r = read(&src);
        (src, r)
    }

    fn block_texts(src: &SourceFile, r: &Reading) -> Vec<Vec<String>> {
        r.blocks
            .iter()
            .map(|b| b.pieces.iter().map(|s| src.slice(*s).to_string()).collect())
            .collect()
    }

    #[test]
    fn prose_pieces_skip_code_html_urls_and_link_targets() {
        let (src, r) = reading(
            "# عنوان **كبير**\n\nقال [الوزير](http://x.com \"t\") إن `code` و<https://a.b> هنا www.example.com.\n\n```\nشيفرة\n```\n\n<div>\nنص\n</div>\n\n![صورة](a.png) بعد\n",
        );
        assert_eq!(
            block_texts(&src, &r),
            [
                vec!["عنوان ", "كبير"],
                vec!["قال ", "الوزير", " إن ", " و", " هنا ", "."],
                vec![" بعد"],
            ]
        );
        assert_eq!(src.slice(r.title.unwrap()), "عنوان **كبير**");
        let extents: Vec<&str> = r.blocks.iter().map(|b| src.slice(b.span)).collect();
        assert_eq!(
            extents,
            [
                "عنوان **كبير**",
                "قال [الوزير](http://x.com \"t\") إن `code` و<https://a.b> هنا www.example.com.",
                "![صورة](a.png) بعد"
            ]
        );
    }

    #[test]
    fn entities_are_not_prose_and_an_escaped_mark_is() {
        let (src, r) = reading("وقال الوزير&#1548; إن &laquo;نعم&raquo; \\*هنا\\*.\n");
        assert_eq!(
            block_texts(&src, &r),
            [vec!["وقال الوزير", " إن ", "نعم", " ", "*هنا", "*."]]
        );
    }

    #[test]
    fn lists_quotes_tables_are_blocks() {
        let (src, r) = reading("> سطر أول\n> سطر ثان\n\n- بند\n  - فرعي\n\n| أ | ب |\n|---|---|\n| خلية | أخرى |\n");
        assert_eq!(
            block_texts(&src, &r),
            [
                vec!["سطر أول", "سطر ثان"],
                vec!["بند"],
                vec!["فرعي"],
                vec!["أ"],
                vec!["ب"],
                vec!["خلية"],
                vec!["أخرى"],
            ]
        );
    }

    #[test]
    fn yaml_front_matter_gives_title_and_date() {
        let (src, r) = reading(
            "\u{feff}---\ntitle: \"الحكومة تعلن\" \ndate: 2024-03-01T10:00:00+03:00\ntags:\n  - title: x\n---\n\nنص.\n",
        );
        assert_eq!(src.slice(r.title.unwrap()), "الحكومة تعلن");
        assert_eq!(r.date, Some(jiff::civil::date(2024, 3, 1)));
        assert_eq!(block_texts(&src, &r), [vec!["الحكومة تعلن"], vec!["نص."]]);
        assert_eq!(src.slice(r.front_matter.unwrap()).lines().next(), Some("---"));
    }

    #[test]
    fn toml_front_matter_and_plain_yaml_values() {
        let (src, r) = reading("+++\ntitle = 'عنوان'\ndate = 2023-12-31\n+++\nنص\n");
        assert_eq!(src.slice(r.title.unwrap()), "عنوان");
        assert_eq!(r.date, Some(jiff::civil::date(2023, 12, 31)));
        let (src, r) = reading("---\ntitle: عنوان بلا علامات # تعليق\ndate: '2020-02-29'\n---\n");
        assert_eq!(src.slice(r.title.unwrap()), "عنوان بلا علامات");
        assert_eq!(r.date, Some(jiff::civil::date(2020, 2, 29)));
        let (_, r) = reading("---\ntitle: >\n  مطوي\ndate: 2020-02-30\n---\n");
        assert_eq!((r.title, r.date), (None, None));
    }

    #[test]
    fn only_the_first_lines_can_be_front_matter() {
        // Further down, `---` lines around text are a rule and a setext heading: prose, and no
        // title or date is read from them.
        let (src, r) = reading("> «نص\n---\nسطر\ntitle: عنوان\ndate: 2020-01-01\n---\n");
        assert_eq!(
            block_texts(&src, &r),
            [vec!["«نص"], vec!["سطر", "title: عنوان", "date: 2020-01-01"]]
        );
        // A `---` heading is of level two: no title.
        assert_eq!((r.front_matter, r.date, r.title), (None, None, None));
        // After front matter at the start, the same lines are prose too.
        let (src, r) = reading("---\ntitle: أ\n---\nنص.\n\n---\nسطر\ntitle: ب\n---\n");
        assert_eq!(src.slice(r.title.unwrap()), "أ");
        assert_eq!(block_texts(&src, &r), [vec!["أ"], vec!["نص."], vec!["سطر", "title: ب"]]);
        assert_eq!(src.slice(r.front_matter.unwrap()), "---\ntitle: أ\n---");
    }

    /// The front matter read from the lines that can hold it is what pulldown-cmark finds at the
    /// top of the whole file: the same events, the same ranges.
    #[test]
    fn front_matter_is_read_from_the_lines_that_can_hold_it() {
        let head_of = |events: &mut dyn Iterator<Item = (Event<'_>, std::ops::Range<usize>)>| {
            let mut head = Vec::new();
            for (e, r) in events {
                let end = matches!(e, Event::End(TagEnd::MetadataBlock(_)));
                if head.is_empty() && !matches!(e, Event::Start(Tag::MetadataBlock(_))) {
                    break;
                }
                head.push((format!("{e:?}"), r));
                if end {
                    break;
                }
            }
            head
        };
        for body in [
            "---\ntitle: أ\n---\nنص.\n",
            "---\r\ntitle: أ\r\n---  \r\n\r\nنص.\r\n",
            "---\ntitle: أ\n...\nنص.\n",
            "+++\ntitle = 'أ'\n+++\n",
            "+++\ntitle = 'أ'\n...\n+++\n",
            "---\ntitle: أ\n----\nsummary: ب\n---\n",
            "---\ntitle: أ\n---",
            "---\n\ntitle: أ\n---\n",
            "---\n---\n",
            "---\ntitle: أ\n",
            "--- \ntitle: أ\n--- x\n---\n",
            "-- \ntitle: أ\n---\n",
            "نص.\n\n---\ntitle: أ\n---\n",
        ] {
            let whole = head_of(&mut Parser::new_ext(body, front_matter_options()).into_offset_iter());
            let read = head_of(&mut events(body));
            assert_eq!(read, whole, "{body:?}");
        }
    }

    #[test]
    fn comments_and_hard_breaks() {
        let (src, r) = reading("<!-- tadqiq-disable -->\n\nسطر  \nثان <!-- x --> نص\n");
        let comments: Vec<&str> = r.comments.iter().map(|s| src.slice(*s)).collect();
        assert_eq!(comments, ["<!-- tadqiq-disable -->", "<!-- x -->"]);
        assert_eq!(r.hard_breaks.len(), 1);
        assert_eq!(src.slice(r.hard_breaks[0]), "  ");
    }
}
