//! Folding: the normalised form used to compare words. Diacritics and tatweel are dropped, hamza
//! seats and alef forms unified, ى→ي, ة→ه, Persian look-alikes and presentation forms mapped to
//! the basic letters, digits of every system to ASCII. Folding keeps a map back to the original
//! bytes, so a match found on folded text reports the original span, marks included.

use super::chars::{TANWEEN_FATH, TATWEEL, is_arabic_mark, is_presentation_form};
use unicode_normalization::UnicodeNormalization;

/// Below this code point the fold of a character is looked up in a table.
pub(crate) const TABLE_END: usize = 0x800;
/// A table entry for a character dropped by folding.
pub(crate) const DROPPED: u16 = u16::MAX;

/// The fold of the character with code point `i` below [`TABLE_END`]: one character, or
/// [`DROPPED`] (presentation forms, the only expansions, lie above it), computable at compile
/// time.
pub(crate) const fn fold_below_table_end(i: usize) -> u16 {
    match char::from_u32(i as u32) {
        Some(c) if !(is_arabic_mark(c) || c == TATWEEL || super::chars::is_invisible(c)) => fold_simple(c) as u16,
        _ => DROPPED,
    }
}

/// The fold of every character below [`TABLE_END`], built at compile time.
static TABLE: [u16; TABLE_END] = {
    let mut t = [DROPPED; TABLE_END];
    let mut i = 0;
    while i < TABLE_END {
        t[i] = fold_below_table_end(i);
        i += 1;
    }
    t
};

/// The table entry of `c`, if it is below [`TABLE_END`].
#[inline]
fn table_entry(c: char) -> Option<u16> {
    TABLE.get(c as usize).copied()
}

/// Appends the folded form of `c` to `out`. Most characters fold to one character or none;
/// presentation forms expand through NFKC (ﻻ → لا).
#[inline]
pub fn fold_char_into(c: char, out: &mut String) {
    match table_entry(c) {
        Some(DROPPED) => {}
        Some(f) => out.push(char::from_u32(u32::from(f)).unwrap_or(c)),
        None => fold_char_slow(c, out),
    }
}

fn fold_char_slow(c: char, out: &mut String) {
    if is_arabic_mark(c) || c == TATWEEL || super::chars::is_invisible(c) {
        return;
    }
    if is_presentation_form(c) {
        for d in std::iter::once(c).nfkc() {
            if d != c {
                fold_char_slow(d, out);
            } else {
                out.push(d);
            }
        }
        return;
    }
    out.push(fold_simple(c));
}

const fn fold_simple(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => 'ا',
        'ؤ' | 'ئ' => 'ء',
        'ى' | '\u{06CC}' | '\u{06D0}' | '\u{06D2}' => 'ي',
        'ة' | '\u{06C3}' | '\u{06C0}' => 'ه',
        '\u{06C1}' | '\u{06BE}' | '\u{06D5}' => 'ه',
        '\u{06A9}' | '\u{06AA}' => 'ك',
        '\u{0660}'..='\u{0669}' => (b'0' + (c as u32 - 0x0660) as u8) as char,
        '\u{06F0}'..='\u{06F9}' => (b'0' + (c as u32 - 0x06F0) as u8) as char,
        _ => c,
    }
}

/// How many bytes `c` folds to (what [`fold_char_into`] appends).
#[inline]
pub fn folded_len(c: char) -> usize {
    if let Some(f) = table_entry(c) {
        return if f == DROPPED {
            0
        } else {
            char::from_u32(u32::from(f)).map_or(0, char::len_utf8)
        };
    }
    if is_arabic_mark(c) || c == TATWEEL || super::chars::is_invisible(c) {
        0
    } else if is_presentation_form(c) {
        let mut s = String::new();
        fold_char_into(c, &mut s);
        s.len()
    } else {
        fold_simple(c).len_utf8()
    }
}

/// The byte offset in `s` of the character that folded byte `folded_offset` of `fold(s)` comes
/// from (`s.len()` at or past the folded end): `FoldMap::new(s).original_range(s, folded_offset,
/// …).start`, without building the map.
pub fn original_offset(s: &str, folded_offset: usize) -> usize {
    let mut f = 0;
    for (i, c) in s.char_indices() {
        f += folded_len(c);
        if f > folded_offset {
            return i;
        }
    }
    s.len()
}

/// The folded form of a word.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char_into(c, &mut out);
    }
    out
}

/// Folded text with, for each folded byte, the original byte offset (relative to `s`) of the
/// character it came from; the last entry maps the folded end to `s.len()`.
pub struct FoldMap {
    pub folded: String,
    pub map: Vec<u32>,
}

impl FoldMap {
    pub fn new(s: &str) -> Self {
        let mut folded = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len() + 1);
        for (i, c) in s.char_indices() {
            let before = folded.len();
            fold_char_into(c, &mut folded);
            map.extend(std::iter::repeat_n(i as u32, folded.len() - before));
        }
        map.push(s.len() as u32);
        FoldMap { folded, map }
    }

    /// The original range covering folded bytes `start..end`, widened so that it keeps every
    /// mark and tatweel that follows the last matched letter.
    pub fn original_range(&self, s: &str, start: usize, end: usize) -> std::ops::Range<usize> {
        let o_start = self.map[start] as usize;
        let o_end = if end >= self.folded.len() {
            s.len()
        } else {
            self.map[end] as usize
        };
        // A match ending before dropped characters keeps them: the next folded char's origin
        // already sits after them.
        o_start..o_end
    }
}

/// The word with marks and tatweel removed but letters kept as written (used to tell whether two
/// spellings of one folded word differ in more than diacritics).
pub fn bare(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_arabic_mark(c) && c != TATWEEL && !super::chars::is_invisible(c))
        .collect()
}

/// Where a word puts its tanween fath relative to its alef: أيضاً (on the alef) against أيضًا
/// (on the letter before). The one difference of diacritics that is a house-style variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TanweenSeat {
    None,
    OnAlef,
    BeforeAlef,
}

pub fn tanween_seat(s: &str) -> TanweenSeat {
    let chars: Vec<char> = s
        .chars()
        .filter(|&c| c != TATWEEL && !super::chars::is_invisible(c))
        .collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == TANWEEN_FATH {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            if prev == Some('ا') {
                return TanweenSeat::OnAlef;
            }
            if next == Some('ا') || next == Some('ى') {
                return TanweenSeat::BeforeAlef;
            }
        }
    }
    TanweenSeat::None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_hamza_yeh_taa_and_marks() {
        assert_eq!(fold("الأمريكيّة"), "الامريكيه");
        assert_eq!(fold("إلى"), "الي");
        assert_eq!(fold("مسؤول"), fold("مسئول"));
        assert_eq!(fold("أيضاً"), fold("أيضًا"));
        assert_eq!(fold("بــــوضوح"), "بوضوح");
        assert_eq!(fold("علی"), "علي");
        assert_eq!(fold("٢٠١٥"), "2015");
        assert_eq!(fold("ﻻ"), "لا");
    }

    #[test]
    fn map_points_back_to_original_bytes() {
        let s = "الأَمريكي";
        let fm = FoldMap::new(s);
        let start = fm.folded.find("مريكي").unwrap();
        let r = fm.original_range(s, start, fm.folded.len());
        assert_eq!(&s[r], "مريكي");
        let r = fm.original_range(s, 0, 6);
        assert_eq!(&s[r], "الأَ");
    }

    #[test]
    fn table_agrees_with_the_rules() {
        for i in 0..0x1_0000u32 {
            let Some(c) = char::from_u32(i) else { continue };
            let (mut a, mut b) = (String::new(), String::new());
            fold_char_into(c, &mut a);
            fold_char_slow(c, &mut b);
            assert_eq!(a, b, "{c:?}");
            assert_eq!(folded_len(c), b.len(), "{c:?}");
        }
    }

    #[test]
    fn original_offset_agrees_with_the_map() {
        for s in ["الأَمريكي", "وﻻية", "بـــالأمريكيّة", "a\u{200f}b", "", "ﷲ أكبر"] {
            let fm = FoldMap::new(s);
            for k in 0..=fm.folded.len() {
                let want = if k >= fm.folded.len() {
                    s.len()
                } else {
                    fm.map[k] as usize
                };
                assert_eq!(original_offset(s, k), want, "{s:?} at {k}");
            }
        }
    }

    #[test]
    fn tanween_position_is_seen() {
        assert_eq!(tanween_seat("أيضاً"), TanweenSeat::OnAlef);
        assert_eq!(tanween_seat("أيضًا"), TanweenSeat::BeforeAlef);
        assert_eq!(tanween_seat("أيضا"), TanweenSeat::None);
        assert_eq!(bare("أيضًا"), "أيضا");
    }
}
