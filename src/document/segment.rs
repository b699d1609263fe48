//! Splitting prose into paragraphs, sentences and tokens. Copes with the shapes of real crawled
//! articles: CRLF, blank lines made of NBSP, indented lines, bodies on one line whose paragraphs
//! are separated by " \u{a0} " (sabq) or by two spaces after a full stop (Jawhara FM).

use super::TokenKind;
use crate::source::Span;
use crate::text::chars::{self, char_at, flag, is_blank, is_sentence_end, is_word_char};
use crate::text::fold::fold_char_into;
use crate::text::scan;

/// Paragraph spans inside a region, trimmed of surrounding whitespace; blank ones dropped. Each
/// with whether it may hold a run of spaces (false when its line holds none).
pub fn paragraphs(text: &str, region: Span) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    let mut line_start = region.start as usize;
    let end = region.end as usize;
    while line_start < end {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..end]).map_or(end, |i| line_start + i);
        split_inline_paragraphs(text, line_start, line_end, &mut out);
        line_start = line_end + 1;
    }
    out
}

/// One line may hold several paragraphs: a whitespace run that mixes NBSP with other spaces, or
/// two or more spaces after sentence-final punctuation, separates them.
fn split_inline_paragraphs(text: &str, start: usize, end: usize, out: &mut Vec<(Span, bool)>) {
    let line = &text[start..end];
    let b = line.as_bytes();
    if !scan::may_hold_space_run(b) {
        push_trimmed(text, start, end, false, out);
        return;
    }
    // Read by bytes: a space starts with a byte no other character's UTF-8 has in that place
    // (`scan::space_len_at`), so the bytes inside other characters are passed over one by one.
    let mut para_start = 0;
    let mut i = 0;
    while i < b.len() {
        if scan::space_len_at(b, i) == 0 {
            i += 1;
            continue;
        }
        let run_start = i;
        let mut count = 0;
        let mut has_nbsp = false;
        while i < b.len() {
            let len = scan::space_len_at(b, i);
            if len == 0 {
                break;
            }
            // The one space of two bytes is NBSP (C2 A0).
            has_nbsp |= len == 2;
            count += 1;
            i += len;
        }
        // The run is whole: the character before it is no space, or the line starts with it.
        let prev = line[..run_start].chars().next_back();
        let after_stop = prev.is_some_and(|p| is_sentence_end(p) || p == '"' || p == '»' || p == '”');
        if count >= 2 && (has_nbsp || after_stop) && i < b.len() && prev.is_some() {
            push_trimmed(text, start + para_start, start + run_start, true, out);
            para_start = i;
        }
    }
    push_trimmed(text, start + para_start, end, true, out);
}

fn push_trimmed(text: &str, start: usize, end: usize, may_hold_space_run: bool, out: &mut Vec<(Span, bool)>) {
    let s = &text[start..end];
    let trimmed_start = s.len() - s.trim_start_matches(is_blank).len();
    let trimmed = s.trim_matches(is_blank);
    if !trimmed.is_empty() {
        let a = start + trimmed_start;
        out.push((Span::new(a, a + trimmed.len()), may_hold_space_run));
    }
}

/// Sentence spans in a paragraph. A sentence ends after a run of . ! ? ؟ … (with closing quotes
/// and brackets after it) that is followed by whitespace or the paragraph's end; not inside a
/// number (1.5) nor after a one-letter abbreviation (د. محمد).
pub fn sentences(text: &str, para: Span) -> Vec<Span> {
    let s = &text[para.range()];
    let base = para.start as usize;
    let mut out = Vec::new();
    let mut sent_start = 0;
    let next_char = |at: usize| s[at..].chars().next();
    let mut i = 0;
    let mut ends = SentenceEnds::new(s.as_bytes());
    while let Some(at) = ends.next(i) {
        i = at;
        let mut j = i;
        while let Some(d) = next_char(j).filter(|&d| is_sentence_end(d)) {
            j += d.len_utf8();
        }
        while let Some(d) = next_char(j).filter(|d| matches!(d, '"' | '»' | '”' | '“' | ')' | ']')) {
            j += d.len_utf8();
        }
        let at_end = j == s.len();
        let followed_by_space = next_char(j).is_some_and(is_blank);
        if (at_end || followed_by_space) && !is_abbreviation(s, i) {
            push_sentence(s, base, sent_start, j, &mut out);
            sent_start = j;
        }
        // The run holds at least the sentence-final mark at `i`.
        i = j;
    }
    if sent_start < s.len() {
        push_sentence(s, base, sent_start, s.len(), &mut out);
    }
    out
}

/// The sentence-final marks ([`is_sentence_end`]) of a text, found left to right by their bytes:
/// . ! ? by a vector search, then ؟ (D8 9F), ۔ (DB 94) and … (E2 80 A6) by their last byte
/// before that point, checked against the bytes before it.
struct SentenceEnds<'b> {
    bytes: &'b [u8],
    /// Where the last vector search found the next . ! ? (the text's length for none): still the
    /// answer while the searches start at or before it, so that a run of ؟ with no full stop
    /// after them does not search the rest of the text again for each.
    ascii: Option<usize>,
}

impl<'b> SentenceEnds<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        SentenceEnds { bytes, ascii: None }
    }

    /// The byte offset of the next mark at or after `from` (which never goes back).
    fn next(&mut self, from: usize) -> Option<usize> {
        let b = self.bytes;
        let rest = b.get(from..)?;
        let ascii = match self.ascii {
            Some(at) if from <= at => at,
            _ => {
                let at = memchr::memchr3(b'.', b'!', b'?', rest).map_or(b.len(), |a| from + a);
                self.ascii = Some(at);
                at
            }
        };
        let window = &b[from..ascii];
        let wide = memchr::memchr3_iter(0x9F, 0x94, 0xA6, window).find_map(|i| {
            let at = from + i;
            // The mark starts before its last byte, at or after `from` (a character `from` cuts
            // through is not looked at).
            match b[at] {
                0x9F if at > from && b[at - 1] == 0xD8 => Some(at - 1),
                0x94 if at > from && b[at - 1] == 0xDB => Some(at - 1),
                0xA6 if at > from + 1 && b[at - 2] == 0xE2 && b[at - 1] == 0x80 => Some(at - 2),
                _ => None,
            }
        });
        wide.or((ascii < b.len()).then_some(ascii))
    }
}

/// Whether a piece of text ends like a sentence: terminal punctuation, possibly followed by
/// closing quotes and brackets. Markdown joins the pieces of a block into sentences with it.
pub fn ends_sentence(s: &str) -> bool {
    sentence_end(s).is_some()
}

/// The terminal punctuation a piece of text ends with, before any closing quotes and brackets
/// (`.` of `قال «نعم».`), if it ends like a sentence.
pub fn sentence_end(s: &str) -> Option<char> {
    s.trim_end_matches(is_blank)
        .trim_end_matches(['"', '»', '”', '“', ')', ']'])
        .chars()
        .next_back()
        .filter(|&c| is_sentence_end(c))
}

fn push_sentence(s: &str, base: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &s[start..end];
    let lead = piece.len() - piece.trim_start_matches(is_blank).len();
    let trimmed = piece.trim_matches(is_blank);
    if !trimmed.is_empty() {
        out.push(Span::new(base + start + lead, base + start + lead + trimmed.len()));
    }
}

/// A full stop right after a single letter that starts a word (د. م. أ.) abbreviates a title.
/// `dot` is a byte offset in `s`.
fn is_abbreviation(s: &str, dot: usize) -> bool {
    if !s[dot..].starts_with('.') {
        return false;
    }
    let mut before = s[..dot].chars().rev();
    let Some(prev) = before.next() else {
        return false;
    };
    chars::is_arabic_letter(prev) && before.next().is_none_or(|b| !is_word_char(b))
}

/// A token as [`tokens`] reads it.
pub struct ReadToken<'f> {
    pub span: Span,
    pub kind: TokenKind,
    /// [`super::features`] bits.
    pub features: u8,
    /// Where the folded form starts in the document's folded text.
    pub fold_at: usize,
    /// The folded form (empty for punctuation).
    pub folded: &'f str,
    /// The characters of the folded form.
    pub folded_chars: u32,
}

/// Word and punctuation tokens of a sentence. Whitespace separates; a run of word characters is
/// one token; a run of the same punctuation character is one token (so ".." and "،،" can be
/// seen), except quotes and brackets, which are always single. The folded form of each word
/// token is appended to `folded` as the word is read; each token is handed to `out` as a
/// [`ReadToken`].
pub fn tokens(text: &str, sent: Span, folded: &mut String, mut out: impl FnMut(ReadToken<'_>)) {
    let s = &text[sent.range()];
    let b = s.as_bytes();
    let base = sent.start as usize;
    let mut pos = 0;
    while let Some(&b0) = b.get(pos) {
        let i = pos;
        // One word in two is followed by a plain space, and most words start with a two-byte
        // letter: both are told by their bytes, before any character is decoded.
        if b0 == b' ' {
            pos += 1;
            continue;
        }
        let two_byte_letter = b.get(i..i + 2).and_then(|p| p.first_chunk::<2>()).is_some_and(|&pair| {
            PAIR_INFO[usize::from(u16::from_le_bytes(pair) & PAIR_MASK)] & u16::from(flag::WORD) != 0
        });
        if !two_byte_letter {
            let Some(c) = char_at(s, i) else { break };
            pos += c.len_utf8();
            let f = chars::flags(c);
            if f & flag::BLANK != 0 || (f & flag::INVISIBLE != 0 && f & flag::WORD == 0) {
                continue;
            }
            if f & flag::WORD == 0 {
                if !chars::is_quote_char(c) && !matches!(c, '(' | ')' | '[' | ']') {
                    while char_at(s, pos) == Some(c) {
                        pos += c.len_utf8();
                    }
                }
                out(ReadToken {
                    span: Span::new(base + i, base + pos),
                    kind: TokenKind::Punct,
                    features: 0,
                    fold_at: folded.len(),
                    folded: "",
                    folded_chars: 0,
                });
                continue;
            }
            pos = i;
        }
        let fold_start = folded.len();
        let features = read_word(s, &mut pos, folded);
        let kind = match features.kind {
            ARABIC | 0 => TokenKind::Arabic,
            OTHER => TokenKind::Latin,
            DIGIT => TokenKind::Number,
            // A decimal or thousands separator between digits stays inside the number.
            _ => TokenKind::Mixed,
        };
        out(ReadToken {
            span: Span::new(base + i, base + pos),
            kind,
            features: features.flags,
            fold_at: fold_start,
            folded: &folded[fold_start..],
            folded_chars: features.chars,
        });
    }
}

/// What a word's letters say about its kind: bits of the scripts seen (marks count for none).
const ARABIC: u8 = 1;
const OTHER: u8 = 2;
const DIGIT: u8 = 4;

/// What reading a word found.
struct WordFeatures {
    /// [`ARABIC`], [`OTHER`] and [`DIGIT`] as seen.
    kind: u8,
    /// [`super::features`] bits.
    flags: u8,
    /// The characters appended to the folded text.
    chars: u32,
}

/// The script bit of a word character with flags `f` (marks and tatweel count for none).
const fn kind_bit(f: u8) -> u8 {
    if f & flag::MARK_OR_TATWEEL != 0 {
        // Marks belong to the letter before them; Unicode calls some of them alphabetic.
        0
    } else if f & flag::DIGIT != 0 {
        DIGIT
    } else if f & flag::ARABIC_LETTER != 0 {
        ARABIC
    } else if f & flag::ALPHABETIC != 0 {
        OTHER
    } else {
        0
    }
}

/// Bits of [`WORD_INFO`] for the letters that words run together are told by.
const GLUE_END: u32 = 1 << 11; // ة or ى
const TEH: u32 = 1 << 12; // ت
const ALEF: u32 = 1 << 13; // ا
/// Bit of [`WORD_INFO`] for a character that folds to itself.
const FOLDS_TO_ITSELF: u32 = 1 << 14;
/// Bit of [`WORD_INFO`] for tatweel.
const IS_TATWEEL: u32 = 1 << 15;
/// The bits of a word character that folds to itself: what the tokenizer's inner loop reads.
const PLAIN_WORD_CHAR: u32 = flag::WORD as u32 | FOLDS_TO_ITSELF;

/// Everything tokenizing asks of a character below [`chars::TABLE_END`], in one word built at
/// compile time: its [`chars::flags`] (bits 0–7), its script bit (8–10), the letters of
/// [`GLUE_END`], [`TEH`] and [`ALEF`] (11–13), [`FOLDS_TO_ITSELF`] (14), [`IS_TATWEEL`] (15), and
/// its fold (16–31, [`crate::text::fold::DROPPED`] when folding drops it).
static WORD_INFO: [u32; chars::TABLE_END] = {
    let mut t = [0u32; chars::TABLE_END];
    let mut i = 0;
    while i < chars::TABLE_END {
        let f = chars::flags_below_table_end(i);
        let fold = crate::text::fold::fold_below_table_end(i);
        let letter = match i {
            0x0629 | 0x0649 => GLUE_END,
            0x062A => TEH,
            0x0627 => ALEF,
            _ => 0,
        };
        let same = if fold as usize == i { FOLDS_TO_ITSELF } else { 0 };
        let tatweel = if i == chars::TATWEEL as usize { IS_TATWEEL } else { 0 };
        t[i] = f as u32 | (kind_bit(f) as u32) << 8 | letter | same | tatweel | (fold as u32) << 16;
        i += 1;
    }
    t
};

/// The low half of [`WORD_INFO`] (every bit but the fold) for each pair of bytes, read as a
/// little-endian `u16` and masked with [`PAIR_MASK`]: that of the character they encode when the
/// first is the lead byte of a two-byte character, else 0. The tokenizer's inner loop reads a
/// word's letters with one load each, with no lead byte to check nor code to assemble.
static PAIR_INFO: [u16; PAIR_MASK as usize + 1] = {
    let mut t = [0u16; PAIR_MASK as usize + 1];
    let mut lead = 0xC0;
    while lead < 0xE0 {
        let mut cont = 0x80;
        while cont < 0xC0 {
            let code = chars::two_byte_code(lead as u8, cont as u8);
            if code < chars::TABLE_END {
                t[(lead | cont << 8) & PAIR_MASK as usize] = WORD_INFO[code] as u16;
            }
            cont += 1;
        }
        lead += 1;
    }
    t
};

/// The bits of a byte pair that tell its character: all of the lead byte, the low six of the
/// continuation byte (in valid UTF-8 its top two are always 10 after a lead byte).
const PAIR_MASK: u16 = 0x3FFF;

/// The [`WORD_INFO`] entry of the two-byte character `lead` `cont` of a valid string
/// (U+0080..U+07FF, inside the table).
#[inline]
fn two_byte_info(lead: u8, cont: u8) -> u32 {
    WORD_INFO[chars::two_byte_code(lead, cont) & (chars::TABLE_END - 1)]
}

/// Reads the run of word characters starting at `*pos` (which holds one), appending its folded
/// form to `folded`, and moves `*pos` past it. Characters of Arabic and Latin text (two bytes
/// at most) are decoded inline and looked up in [`WORD_INFO`]; others take the general path.
// Called for every word from the one loop that reads a sentence: inlined there, the cursor
// stays in a register and the call's cost is not paid per word (9 M instructions over the corpus).
#[inline(always)]
fn read_word(s: &str, pos: &mut usize, folded: &mut String) -> WordFeatures {
    let b = s.as_bytes();
    let word_start = *pos;
    // A local cursor, written back once: the loop keeps it in a register.
    let mut at = *pos;
    // The table bits of every character, and of every character but the last: what the word
    // holds is read off them once at the end, so the loop carries no state from one character
    // to the next but these.
    let mut all = 0u32;
    let mut before_last = 0u32;
    // Characters that fold to themselves are copied to `folded` a run at a time, from here.
    let mut copy_from = at;
    let mut chars = 0u32;
    loop {
        // Most characters of a word are two-byte letters that fold to themselves: they are read
        // here, with nothing to write, no length to carry and no count to keep.
        let run_start = at;
        while let Some(&pair) = b.get(at..at + 2).and_then(|p| p.first_chunk::<2>()) {
            let info = u32::from(PAIR_INFO[usize::from(u16::from_le_bytes(pair) & PAIR_MASK)]);
            if info & PLAIN_WORD_CHAR != PLAIN_WORD_CHAR {
                break;
            }
            before_last = all;
            all |= info;
            at += 2;
        }
        // Two bytes a character in the run.
        chars += ((at - run_start) / 2) as u32;
        let Some(&b0) = b.get(at) else { break };
        let (len, info) = if b0 < 0x80 {
            (1, WORD_INFO[usize::from(b0)])
        } else if b0 & 0xE0 == 0xC0
            && let Some(&b1) = b.get(at + 1)
        {
            (2, two_byte_info(b0, b1))
        } else {
            let Some(d) = s.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let f = chars::flags(d);
            // Not in the table: no letter bits, and folded by the general path below.
            (d.len_utf8(), u32::from(f) | u32::from(kind_bit(f)) << 8)
        };
        if info & u32::from(flag::WORD) == 0 {
            break;
        }
        if info & FOLDS_TO_ITSELF == 0 {
            folded.push_str(&s[copy_from..at]);
            copy_from = at + len;
            match (info >> 16) as u16 {
                _ if len > 2 => {
                    // Presentation forms may fold to more than one character.
                    let before = folded.len();
                    s[at..].chars().take(1).for_each(|d| fold_char_into(d, folded));
                    chars += folded[before..].chars().count() as u32;
                }
                crate::text::fold::DROPPED => {}
                code => {
                    folded.push(char::from_u32(u32::from(code)).unwrap_or(char::REPLACEMENT_CHARACTER));
                    chars += 1;
                }
            }
        } else {
            chars += 1;
        }
        before_last = all;
        all |= info;
        at += len;
    }
    *pos = at;
    folded.push_str(&s[copy_from..at]);
    let mut flags = 0;
    // ة or ى with more of the word after it; or ت after ا (seen only when both are there).
    if before_last & GLUE_END != 0
        || (before_last & TEH != 0 && all & ALEF != 0 && teh_after_alef_before_end(&s[word_start..at]))
    {
        flags |= super::features::GLUE;
    }
    if all & IS_TATWEEL != 0 {
        flags |= super::features::TATWEEL;
    }
    WordFeatures {
        kind: (all >> 8) as u8 & (ARABIC | OTHER | DIGIT),
        flags,
        chars,
    }
}

/// Whether a ت whose last letter before it (marks and tatweel skipped) is ا comes before the
/// last character of `word`: the ات of a plural glued to the next word.
fn teh_after_alef_before_end(word: &str) -> bool {
    let mut after_alef = false;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'ت' && after_alef && chars.peek().is_some() {
            return true;
        }
        if chars::flags(c) & flag::MARK_OR_TATWEEL == 0 {
            after_alef = c == 'ا';
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens as read character by character, without the byte-level shortcuts of
    /// [`tokens`]: what it must give.
    fn tokens_char_by_char(s: &str) -> Vec<(Span, TokenKind)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(c) = s[pos..].chars().next() {
            let i = pos;
            pos += c.len_utf8();
            let f = chars::flags(c);
            if f & flag::BLANK != 0 || (f & flag::INVISIBLE != 0 && f & flag::WORD == 0) {
                continue;
            }
            if f & flag::WORD != 0 {
                pos = i;
                let features = read_word(s, &mut pos, &mut String::new());
                let kind = match features.kind {
                    ARABIC | 0 => TokenKind::Arabic,
                    OTHER => TokenKind::Latin,
                    DIGIT => TokenKind::Number,
                    _ => TokenKind::Mixed,
                };
                out.push((Span::new(i, pos), kind));
            } else {
                if !chars::is_quote_char(c) && !matches!(c, '(' | ')' | '[' | ']') {
                    while s[pos..].starts_with(c) {
                        pos += c.len_utf8();
                    }
                }
                out.push((Span::new(i, pos), TokenKind::Punct));
            }
        }
        out
    }

    #[test]
    fn tokens_are_those_read_character_by_character() {
        let every: String = (0x20..0x800u32).filter_map(char::from_u32).collect();
        let mut texts = vec![
            every.clone(),
            every.chars().flat_map(|c| [c, ' ']).collect(),
            every.chars().flat_map(|c| ['ب', c, c, 'ة', '\u{a0}']).collect(),
            "قال «الوزير» إن ٣٫٥ مليار، و10,000 COVID-19 بـ3000 الـ60 … ؟! ".repeat(3),
            "\u{200f}كلمة\u{200c}أخرى\u{feff} ﻻ 𝑥 ـــ ۔ «» \"\" (()) [[]]".to_string(),
        ];
        texts.extend(crate::rules::lexicon::sample_texts().into_iter().map(|(_, t)| t));
        for text in &texts {
            let mut got = Vec::new();
            let whole = Span::new(0, text.len());
            tokens(text, whole, &mut String::new(), |t| got.push((t.span, t.kind)));
            assert_eq!(got, tokens_char_by_char(text), "{text:?}");
        }
    }

    /// Each two-byte character's entry in the pair table is its own, read from the bytes as the
    /// word reader reads them; a pair that starts otherwise has none.
    #[test]
    fn the_pair_table_gives_each_two_byte_character_its_entry() {
        let entry = |pair: [u8; 2]| PAIR_INFO[usize::from(u16::from_le_bytes(pair) & PAIR_MASK)];
        for c in (0x80..0x800u32).filter_map(char::from_u32) {
            let mut pair = [0u8; 2];
            c.encode_utf8(&mut pair);
            assert_eq!(
                u32::from(entry(pair)),
                two_byte_info(pair[0], pair[1]) & 0xFFFF,
                "{c:?}"
            );
        }
        let starts_no_two_byte_char = (0..=u8::MAX).filter(|b| b & 0xE0 != 0xC0);
        for b0 in starts_no_two_byte_char {
            for b1 in 0..=u8::MAX {
                assert_eq!(entry([b0, b1]), 0, "{b0:#x} {b1:#x}");
            }
        }
    }

    /// The word reader against the definitions it tabulates, character by character: every
    /// word character below U+0800, and some above (joiners, presentation forms, astral letters),
    /// each alone and inside words, with the letters that glue words (ة ى ات) around it.
    #[test]
    fn words_read_by_table_match_the_character_definitions() {
        let mut words: Vec<String> = Vec::new();
        let above = ['\u{200D}', '\u{2060}', '\u{FEF5}', '\u{FB50}', '𝑥', 'ⅳ', '\u{1E900}'];
        let every = (0..0x800u32).filter_map(char::from_u32).chain(above);
        for c in every.filter(|&c| is_word_char(c)) {
            for w in [
                format!("{c}"),
                format!("ب{c}ة"),
                format!("ة{c}ت"),
                format!("ا{c}تب"),
                format!("{c}اتم{c}"),
                format!("ى{c}ى"),
                format!("x{c}9"),
                format!("بـ{c}ـ"),
            ] {
                words.push(w);
            }
        }
        for w in &words {
            let mut folded = String::new();
            let mut pos = 0;
            let got = read_word(w, &mut pos, &mut folded);
            assert_eq!(pos, w.len(), "{w:?}");
            assert_eq!(folded, crate::text::fold::fold(w), "{w:?}");
            assert_eq!(got.chars as usize, folded.chars().count(), "{w:?}");
            let (mut kind, mut features) = (0, 0);
            let (mut glue, mut last_letter) = (false, '\0');
            for (k, d) in w.chars().enumerate() {
                let f = chars::flags(d);
                kind |= kind_bit(f);
                if glue {
                    features |= crate::document::features::GLUE;
                }
                if d == chars::TATWEEL {
                    features |= crate::document::features::TATWEEL;
                }
                glue = matches!(d, 'ة' | 'ى') || (k > 0 && d == 'ت' && last_letter == 'ا');
                if f & flag::MARK_OR_TATWEEL == 0 || k == 0 {
                    last_letter = d;
                }
            }
            assert_eq!((got.kind, got.flags), (kind, features), "{w:?}");
        }
    }

    #[test]
    fn sentence_ends_are_found_by_their_bytes() {
        let s = "أ.ب!ج?د؟ه۔و…ز ئ ٔ ء";
        let mut found = Vec::new();
        let mut i = 0;
        let mut ends = SentenceEnds::new(s.as_bytes());
        while let Some(at) = ends.next(i) {
            let c = s[at..].chars().next().unwrap();
            found.push(c);
            i = at + c.len_utf8();
        }
        assert_eq!(found, ['.', '!', '?', '؟', '۔', '…']);
        let want: Vec<char> = s.chars().filter(|&c| is_sentence_end(c)).collect();
        assert_eq!(found, want);
        // Wide marks before and after a full stop, and after the last one: the full stop found
        // once is kept until it is passed, and then searched for again.
        let s = "أ؟ ب؟ ج… د. هـ؟ و! ز؟ ح۔";
        let mut ends = SentenceEnds::new(s.as_bytes());
        let mut found = Vec::new();
        let mut i = 0;
        while let Some(at) = ends.next(i) {
            found.push(at);
            i = at + s[at..].chars().next().unwrap().len_utf8();
        }
        let want: Vec<usize> = s
            .char_indices()
            .filter(|&(_, c)| is_sentence_end(c))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(found, want);
    }
}
