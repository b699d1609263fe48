//! Character classes of Arabic text (ARABIC.md §2.1).

/// Arabic letters of the basic block, the Persian/Urdu look-alikes, and the extended letters used
/// in transliteration (پ چ ڤ گ …). Not digits, marks, tatweel or punctuation.
pub const fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
    ) || is_presentation_form(c)
}

/// Combining marks written on Arabic letters: tashkeel, superscript alef, Quranic marks and the
/// combining hamza/madda.
pub const fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08CA}'..='\u{08FF}'
    )
}

pub const TATWEEL: char = '\u{0640}';
pub const TANWEEN_FATH: char = '\u{064B}';

/// Arabic Presentation Forms-A and -B (deprecated for interchange), without the BOM U+FEFF.
pub const fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

pub const fn is_arabic_indic_digit(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{0669}')
}

pub const fn is_persian_digit(c: char) -> bool {
    matches!(c, '\u{06F0}'..='\u{06F9}')
}

pub const fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || is_arabic_indic_digit(c) || is_persian_digit(c)
}

/// The value 0–9 of a digit in any of the three systems.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// Bidi formatting characters: they reorder what a terminal shows, so the text renderer replaces
/// them with visible placeholders.
pub const fn is_bidi_control(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters an editor cannot see: bidi controls, joiners, BOM inside text, word joiner, soft
/// hyphen, line/paragraph separators.
pub const fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{2028}' | '\u{2029}'
        )
}

/// Short name used in messages and placeholders.
pub fn invisible_name(c: char) -> &'static str {
    match c {
        '\u{061C}' => "ALM",
        '\u{200E}' => "LRM",
        '\u{200F}' => "RLM",
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        '\u{200B}' => "ZWSP",
        '\u{200C}' => "ZWNJ",
        '\u{200D}' => "ZWJ",
        '\u{2060}' => "WJ",
        '\u{FEFF}' => "BOM",
        '\u{00AD}' => "SHY",
        '\u{2028}' => "LS",
        '\u{2029}' => "PS",
        '\u{00A0}' => "NBSP",
        '\u{202F}' => "NNBSP",
        _ => "?",
    }
}

/// Horizontal whitespace as editors meet it in pasted copy (spaces, tabs, NBSP and friends).
pub const fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{00A0}' | '\u{202F}' | '\u{2000}'..='\u{200A}' | '\u{3000}' | '\u{205F}' | '\u{1680}'
    )
}

/// Whitespace, invisible characters included, that can fill a "blank" line.
pub const fn is_blank(c: char) -> bool {
    is_space(c) || matches!(c, '\r' | '\n' | '\u{200B}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}')
}

/// Characters below this code point have their classes looked up in a table: Unicode's
/// alphabetic test is a search through range tables, and Arabic text asks it of every letter.
pub(crate) const TABLE_END: usize = 0x800;

/// The code point of a two-byte UTF-8 sequence (`lead` 110xxxxx, `cont` 10xxxxxx): U+0080 to
/// U+07FF, below [`TABLE_END`]. The hot loops decode Arabic and Latin text with it inline.
#[inline]
pub(crate) const fn two_byte_code(lead: u8, cont: u8) -> usize {
    ((lead & 0x1F) as usize) << 6 | (cont & 0x3F) as usize
}

/// Class flags of a character, as [`flags`] returns them.
pub mod flag {
    /// [`super::is_word_char`]
    pub const WORD: u8 = 1;
    /// `char::is_alphabetic`
    pub const ALPHABETIC: u8 = 2;
    /// [`super::is_blank`]
    pub const BLANK: u8 = 4;
    /// [`super::is_invisible`]
    pub const INVISIBLE: u8 = 8;
    /// [`super::is_arabic_mark`] or tatweel
    pub const MARK_OR_TATWEEL: u8 = 16;
    /// [`super::is_digit`]
    pub const DIGIT: u8 = 32;
    /// [`super::is_arabic_letter`]
    pub const ARABIC_LETTER: u8 = 64;
    /// `char::is_alphanumeric`
    pub const ALPHANUMERIC: u8 = 128;
}

/// `char::is_alphabetic` below [`TABLE_END`], as ranges (Unicode's Alphabetic property; a test
/// checks them against the standard library), so that the class table is built at compile time.
const ALPHABETIC_BELOW_TABLE_END: &[(u32, u32)] = &[
    (0x0041, 0x005A),
    (0x0061, 0x007A),
    (0x00AA, 0x00AA),
    (0x00B5, 0x00B5),
    (0x00BA, 0x00BA),
    (0x00C0, 0x00D6),
    (0x00D8, 0x00F6),
    (0x00F8, 0x02C1),
    (0x02C6, 0x02D1),
    (0x02E0, 0x02E4),
    (0x02EC, 0x02EC),
    (0x02EE, 0x02EE),
    (0x0345, 0x0345),
    (0x0363, 0x0374),
    (0x0376, 0x0377),
    (0x037A, 0x037D),
    (0x037F, 0x037F),
    (0x0386, 0x0386),
    (0x0388, 0x038A),
    (0x038C, 0x038C),
    (0x038E, 0x03A1),
    (0x03A3, 0x03F5),
    (0x03F7, 0x0481),
    (0x048A, 0x052F),
    (0x0531, 0x0556),
    (0x0559, 0x0559),
    (0x0560, 0x0588),
    (0x05B0, 0x05BD),
    (0x05BF, 0x05BF),
    (0x05C1, 0x05C2),
    (0x05C4, 0x05C5),
    (0x05C7, 0x05C7),
    (0x05D0, 0x05EA),
    (0x05EF, 0x05F2),
    (0x0610, 0x061A),
    (0x0620, 0x0657),
    (0x0659, 0x065F),
    (0x066E, 0x06D3),
    (0x06D5, 0x06DC),
    (0x06E1, 0x06E8),
    (0x06ED, 0x06EF),
    (0x06FA, 0x06FC),
    (0x06FF, 0x06FF),
    (0x0710, 0x073F),
    (0x074D, 0x07B1),
    (0x07CA, 0x07EA),
    (0x07F4, 0x07F5),
    (0x07FA, 0x07FA),
];

/// `char::is_numeric` below [`TABLE_END`], as ranges (checked like the alphabetic ones).
const NUMERIC_BELOW_TABLE_END: &[(u32, u32)] = &[
    (0x0030, 0x0039),
    (0x00B2, 0x00B3),
    (0x00B9, 0x00B9),
    (0x00BC, 0x00BE),
    (0x0660, 0x0669),
    (0x06F0, 0x06F9),
    (0x07C0, 0x07C9),
];

const fn in_ranges(c: u32, ranges: &[(u32, u32)]) -> bool {
    let mut i = 0;
    while i < ranges.len() {
        if ranges[i].0 <= c && c <= ranges[i].1 {
            return true;
        }
        i += 1;
    }
    false
}

/// The flags of a character, given whether it is alphabetic and numeric.
const fn flags_given(c: char, alphabetic: bool, numeric: bool) -> u8 {
    let mut f = 0;
    if word_char_given(c, alphabetic || numeric) {
        f |= flag::WORD;
    }
    if alphabetic {
        f |= flag::ALPHABETIC;
    }
    if alphabetic || numeric {
        f |= flag::ALPHANUMERIC;
    }
    if is_blank(c) {
        f |= flag::BLANK;
    }
    if is_invisible(c) {
        f |= flag::INVISIBLE;
    }
    if is_arabic_mark(c) || c == TATWEEL {
        f |= flag::MARK_OR_TATWEEL;
    }
    if is_digit(c) {
        f |= flag::DIGIT;
    }
    if is_arabic_letter(c) {
        f |= flag::ARABIC_LETTER;
    }
    f
}

fn compute_flags(c: char) -> u8 {
    flags_given(c, c.is_alphabetic(), c.is_numeric())
}

/// The flags of the character with code point `i` below [`TABLE_END`] (0 for a surrogate),
/// computable at compile time.
pub(crate) const fn flags_below_table_end(i: usize) -> u8 {
    match char::from_u32(i as u32) {
        Some(c) => flags_given(
            c,
            in_ranges(i as u32, ALPHABETIC_BELOW_TABLE_END),
            in_ranges(i as u32, NUMERIC_BELOW_TABLE_END),
        ),
        None => 0,
    }
}

/// Flags of the characters below [`TABLE_END`], built at compile time: no start-up cost, no
/// check on each lookup.
static TABLE: [u8; TABLE_END] = {
    let mut t = [0u8; TABLE_END];
    let mut i = 0;
    while i < TABLE_END {
        t[i] = flags_below_table_end(i);
        i += 1;
    }
    t
};

/// Every class of a character at once (bits of [`flag`]): one table lookup for the characters
/// of Arabic and Latin text.
#[inline]
pub fn flags(c: char) -> u8 {
    match TABLE.get(c as usize) {
        Some(&f) => f,
        None => compute_flags(c),
    }
}

/// `c.is_alphabetic()`, with a table for the scripts of Arabic text.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match TABLE.get(c as usize) {
        Some(f) => f & flag::ALPHABETIC != 0,
        None => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()`, with a table for the scripts of Arabic text (the standard library's
/// search of its Unicode tables costs some fifty instructions for each Arabic letter).
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match TABLE.get(c as usize) {
        Some(f) => f & flag::ALPHANUMERIC != 0,
        None => c.is_alphanumeric(),
    }
}

/// Characters that belong inside a word token: letters of any script, digits, Arabic marks,
/// tatweel, joiners and bidi marks glued to letters (the invisible-char rule looks at those).
#[inline]
pub fn is_word_char(c: char) -> bool {
    match TABLE.get(c as usize) {
        Some(f) => f & flag::WORD != 0,
        None => word_char_given(c, c.is_alphanumeric()),
    }
}

/// [`is_word_char`], given whether `c` is alphanumeric.
const fn word_char_given(c: char, alphanumeric: bool) -> bool {
    alphanumeric
        || is_arabic_mark(c)
        || c == TATWEEL
        || matches!(
            c,
            '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{00AD}' | '\u{2060}'
        )
        || matches!(c, '\u{0300}'..='\u{036F}')
}

/// Persian/Urdu letters that look like Arabic ones, with the Arabic letter to use instead.
/// Final Farsi yeh is ambiguous (ي or ى): the caller decides with context.
pub fn persian_lookalike(c: char) -> Option<char> {
    match c {
        '\u{06CC}' => Some('ي'), // ی Farsi yeh
        '\u{06A9}' => Some('ك'), // ک keheh
        '\u{06C1}' | '\u{06BE}' | '\u{06D5}' => Some('ه'),
        '\u{06C3}' => Some('ة'),
        '\u{06C0}' => Some('ة'),
        _ => None,
    }
}

/// Opening and closing sentence punctuation in both scripts.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

pub fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

/// The character at byte `pos` of `s` (a character boundary), decoded inline for the one- and
/// two-byte characters of Arabic and Latin text.
#[inline]
pub fn char_at(s: &str, pos: usize) -> Option<char> {
    let b = s.as_bytes();
    let b0 = *b.get(pos)?;
    if b0 < 0x80 {
        return Some(char::from(b0));
    }
    if b0 & 0xE0 == 0xC0
        && let Some(&b1) = b.get(pos + 1)
    {
        // A two-byte sequence of a valid string: U+0080..U+07FF, always a character.
        return char::from_u32(two_byte_code(b0, b1) as u32);
    }
    s.get(pos..)?.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_read_where_they_start() {
        let s = "aé؟…😀ب";
        let mut pos = 0;
        let mut got = Vec::new();
        while let Some(c) = char_at(s, pos) {
            got.push(c);
            pos += c.len_utf8();
        }
        assert_eq!(got, s.chars().collect::<Vec<_>>());
        assert_eq!(char_at(s, s.len()), None);
    }

    #[test]
    fn classes() {
        assert!(is_arabic_letter('ب'));
        assert!(is_arabic_letter('ی'));
        assert!(!is_arabic_letter('\u{064E}'));
        assert!(is_arabic_mark('\u{0651}'));
        assert!(!is_arabic_letter(TATWEEL));
        assert_eq!(digit_value('٧'), Some(7));
        assert_eq!(digit_value('۴'), Some(4));
        assert!(is_bidi_control('\u{200F}'));
        assert!(!is_bidi_control('\u{200C}'));
        assert!(is_invisible('\u{200C}'));
        assert!(is_word_char('\u{0651}'));
        assert!(!is_word_char('،'));
    }

    #[test]
    fn ranges_agree_with_the_standard_library() {
        for i in 0..TABLE_END as u32 {
            let Some(c) = char::from_u32(i) else { continue };
            assert_eq!(in_ranges(i, ALPHABETIC_BELOW_TABLE_END), c.is_alphabetic(), "{c:?}");
            assert_eq!(in_ranges(i, NUMERIC_BELOW_TABLE_END), c.is_numeric(), "{c:?}");
        }
    }

    #[test]
    fn table_agrees_with_unicode() {
        for i in 0..0x3000u32 {
            let Some(c) = char::from_u32(i) else { continue };
            assert_eq!(is_word_char(c), word_char_given(c, c.is_alphanumeric()), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(flags(c), compute_flags(c), "{c:?}");
        }
    }
}
