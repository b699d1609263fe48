//! Source files: decoding bytes into text, and the one line index that turns byte offsets into
//! lines and columns at the edge of the program.

use std::fmt;
use std::path::{Path, PathBuf};

/// A byte range into the file as read (a leading BOM's three bytes included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// Byte offsets given as spans, merged into sorted, disjoint stretches, so that one binary
/// search tells whether an offset is among them (what suppression comments silence, what lies
/// inside quotation marks).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpanSet(Vec<Span>);

impl SpanSet {
    /// The union of `spans`, in any order: spans that overlap or touch become one stretch.
    pub fn new(spans: impl IntoIterator<Item = Span>) -> Self {
        let mut spans: Vec<Span> = spans.into_iter().filter(|s| !s.is_empty()).collect();
        spans.sort_unstable();
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        SpanSet(merged)
    }

    /// Whether byte `offset` lies in one of the spans.
    pub fn contains(&self, offset: u32) -> bool {
        let i = self.0.partition_point(|s| s.end <= offset);
        self.0.get(i).is_some_and(|s| s.start <= offset)
    }
}

/// Why a file could not be read as text. Carries the byte offset of the first bad byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    InvalidUtf8 { byte: usize },
    Binary { byte: usize },
    TooLarge { bytes: u64 },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InvalidUtf8 { byte } => {
                write!(f, "not valid UTF-8: invalid byte at offset {byte}")
            }
            DecodeError::Binary { byte } => {
                write!(f, "binary file: NUL byte at offset {byte}")
            }
            DecodeError::TooLarge { bytes } => write!(
                f,
                "file too large: {bytes} bytes (offsets are 32-bit; the limit is 4 GiB)"
            ),
        }
    }
}

impl DecodeError {
    pub fn byte(&self) -> Option<usize> {
        match self {
            DecodeError::InvalidUtf8 { byte } | DecodeError::Binary { byte } => Some(*byte),
            DecodeError::TooLarge { .. } => None,
        }
    }
}

/// Decodes file bytes into text. A NUL byte marks a binary file (text never contains one);
/// otherwise the bytes must be valid UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.len() as u64 >= u32::MAX as u64 {
        return Err(DecodeError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    if let Some(byte) = memchr_nul(&bytes) {
        return Err(DecodeError::Binary { byte });
    }
    // Arabic text is almost all two-byte sequences, which the standard validator takes a byte at
    // a time; the vectorised one is about ten times faster. Copying the validated text out costs
    // less than validating it again would, and needs no unsafe code.
    match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        // Only the slow validator says where the text stops being valid.
        Err(_) => String::from_utf8(bytes).map_err(|e| DecodeError::InvalidUtf8 {
            byte: e.utf8_error().valid_up_to(),
        }),
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// One decoded file: its display path, its text exactly as read, and its line index.
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: String) -> Self {
        let lines = LineIndex::new(&text);
        SourceFile {
            path: path.into(),
            text,
            lines,
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    pub fn has_bom(&self) -> bool {
        self.text.starts_with('\u{feff}')
    }

    pub fn display_path(path: &Path) -> String {
        let s = path.to_string_lossy();
        s.strip_prefix("./").unwrap_or(&s).to_string()
    }

    pub fn path_buf(&self) -> PathBuf {
        PathBuf::from(&self.path)
    }
}

/// A 1-based line and column. Columns count Unicode scalar values; a leading BOM is not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Byte offsets of line starts. `\n` ends a line; a `\r` before it stays part of the line's text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    bom: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0u32];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32));
        LineIndex {
            starts,
            bom: text.starts_with('\u{feff}'),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line] as usize
    }

    /// Where a 0-based line starts, or the end of the text for the line after the last.
    pub fn line_start_or_end(&self, text: &str, line: usize) -> usize {
        self.starts.get(line).map_or(text.len(), |&s| s as usize)
    }

    /// Byte range of a 0-based line, without its `\n` (and without a `\r` before it).
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts[line] as usize;
        let mut end = self.starts.get(line + 1).map(|&s| s as usize - 1).unwrap_or(text.len());
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// 1-based line and character column of a byte offset (which must be a char boundary).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let p = self.position(text, offset);
        LineCol {
            line: p.line,
            column: p.column,
        }
    }

    /// 1-based line and column counted in UTF-16 code units (SARIF and LSP clients use these).
    pub fn line_col_utf16(&self, text: &str, offset: usize) -> LineCol {
        let p = self.position(text, offset);
        LineCol {
            line: p.line,
            column: p.column_utf16,
        }
    }

    /// Line and both columns of a byte offset (a char boundary), counted in one pass over the
    /// line up to it.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        let units = Units::of(&text.as_bytes()[start..offset]);
        // A BOM is not a character an editor shows.
        let bom = usize::from(line == 0 && self.bom && offset > 0);
        Position {
            line: line + 1,
            column: units.chars + 1 - bom,
            column_utf16: units.utf16 + 1 - bom,
        }
    }

    /// The position of `offset`, counted on from a position already known (`known`: an offset and
    /// its position) when `offset` is at or after it on the same line; from the line's start
    /// otherwise. Crawled bodies sit on one long line, and counting from its start for every
    /// finding dominated the cost of reporting.
    pub fn position_from(&self, text: &str, known: (usize, Position), offset: usize) -> Position {
        let (at, from) = known;
        // Offset 0 of a file with a BOM is before the BOM, which the columns after it skip.
        let countable = offset >= at && !(at == 0 && self.bom) && self.line_of(offset) + 1 == from.line;
        if !countable {
            return self.position(text, offset);
        }
        let units = Units::of(&text.as_bytes()[at..offset]);
        Position {
            line: from.line,
            column: from.column + units.chars,
            column_utf16: from.column_utf16 + units.utf16,
        }
    }
}

/// A 1-based line with its column counted two ways: in characters (Unicode scalar values) and in
/// UTF-16 code units. A leading BOM is not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub column_utf16: usize,
}

/// How many characters and UTF-16 code units a run of valid UTF-8 holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Units {
    chars: usize,
    utf16: usize,
}

impl Units {
    /// Characters are the bytes that are not continuation bytes (10xxxxxx); a character takes
    /// two UTF-16 units when its lead byte is 11110xxx. Both are counted eight bytes at a time.
    fn of(bytes: &[u8]) -> Units {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let mut chunks = bytes.chunks_exact(8);
        let (mut continuation, mut four_byte_leads) = (0usize, 0usize);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            // Bit 7 of each byte: set with bit 6 clear marks a continuation byte; bits 7..4 all
            // set mark a four-byte lead. Shifts carry only into lower bits of the next byte.
            continuation += (w & !(w << 1) & HIGH).count_ones() as usize;
            four_byte_leads += (w & (w << 1) & (w << 2) & (w << 3) & HIGH).count_ones() as usize;
        }
        for &b in chunks.remainder() {
            continuation += usize::from(b & 0xC0 == 0x80);
            four_byte_leads += usize::from(b >= 0xF0);
        }
        let chars = bytes.len() - continuation;
        Units {
            chars,
            utf16: chars + four_byte_leads,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_span_set_merges_what_overlaps_or_touches() {
        let set = SpanSet::new([
            Span::new(10, 20),
            Span::new(0, 3),
            Span::new(15, 25),
            Span::new(25, 27),
            Span::new(40, 40),
        ]);
        let inside: Vec<u32> = (0..45).filter(|&o| set.contains(o)).collect();
        let want: Vec<u32> = (0..3).chain(10..27).collect();
        assert_eq!(inside, want);
        assert!(!SpanSet::default().contains(0));
    }

    use super::*;

    #[test]
    fn decode_reports_first_invalid_byte() {
        let mut bytes = "سلام".as_bytes().to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice("x".as_bytes());
        assert_eq!(decode(bytes), Err(DecodeError::InvalidUtf8 { byte: 8 }));
    }

    #[test]
    fn decode_keeps_long_text_and_finds_invalid_bytes_past_the_first_block() {
        // Longer than the vector validator's blocks, so that its fast path is the one taken.
        let text = "قال المتحدث باسم الوزارة إن الاجتماع سيعقد غدا. 😀 ".repeat(20);
        assert_eq!(decode(text.clone().into_bytes()).as_deref(), Ok(text.as_str()));
        for cut in [text.len() / 2, text.len() - 1] {
            let mut bytes = text.clone().into_bytes();
            bytes.insert(cut, 0xC0);
            let at = (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            // The first invalid byte: the inserted one, or the lead byte whose sequence it cut.
            assert_eq!(decode(bytes), Err(DecodeError::InvalidUtf8 { byte: at }));
        }
    }

    #[test]
    fn decode_flags_nul_as_binary() {
        assert_eq!(decode(b"ab\0cd".to_vec()), Err(DecodeError::Binary { byte: 2 }));
    }

    #[test]
    fn columns_count_characters_and_skip_bom() {
        let text = "\u{feff}أب ج\r\nد";
        let idx = LineIndex::new(text);
        let j = text.find('ج').unwrap();
        assert_eq!(idx.line_col(text, j), LineCol { line: 1, column: 4 });
        let d = text.find('د').unwrap();
        assert_eq!(idx.line_col(text, d), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_span(text, 0), Span::new(0, text.find('\r').unwrap()));
    }

    #[test]
    fn utf16_columns_count_code_units() {
        let text = "a😀b";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col_utf16(text, 5).column, 4);
        assert_eq!(idx.line_col(text, 5).column, 3);
        // Every boundary of a line mixing a BOM, Arabic with marks, and astral characters, against
        // encoding the prefix.
        let text = "\u{feff}سَلام 😀 𝑥\r\nعليكم 🇸🇦 ـ end";
        let idx = LineIndex::new(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let line = idx.line_of(offset);
            let start = idx.line_start(line) + usize::from(line == 0 && offset > 0) * 3;
            let want = text[start..offset].encode_utf16().count() + 1;
            assert_eq!(idx.line_col_utf16(text, offset).column, want, "offset {offset}");
        }
    }

    #[test]
    fn positions_count_on_from_a_known_one() {
        // Long enough that the eight-byte counting runs, with every width of character.
        let text = "\u{feff}سَلامٌ عليكم 😀 𝑥 ok é ـ\r\nعلى السطر الثاني 🇸🇦 end\n\nأخير";
        let idx = LineIndex::new(text);
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for &a in &bounds {
            let p = idx.position(text, a);
            let line_start = idx.line_start(p.line - 1) + usize::from(p.line == 1 && a > 0) * 3;
            assert_eq!(p.column, text[line_start..a].chars().count() + 1, "offset {a}");
            assert_eq!(
                p.column_utf16,
                text[line_start..a].encode_utf16().count() + 1,
                "offset {a}"
            );
            for &b in &bounds {
                assert_eq!(
                    idx.position_from(text, (a, p), b),
                    idx.position(text, b),
                    "{b} from {a}"
                );
            }
        }
    }
}
