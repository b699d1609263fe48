//! Byte-level searches that rule out most text before a rule looks at it character by
//! character. Each one answers "may this text hold what the rule looks for?" and never says no
//! where the character-level test would say yes (the tests below check the characters they stand
//! for). They look for the bytes a character starts with in UTF-8, with `memchr`'s vector search.

use memchr::memmem::Finder;
use std::sync::LazyLock;

// Searchers built once: `memmem::find` builds one on every call, and these are asked of every
// paragraph or file.
static TWO_SPACES: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"  "));
static ALM: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\u{061C}".as_bytes()));
static TATWEEL: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\u{0640}".as_bytes()));

/// Whether the text may hold a run of two or more spaces ([`super::chars::is_space`]): two ASCII
/// spaces, a tab, or a space outside ASCII (NBSP and friends, whose UTF-8 starts with C2, E1, E2
/// or E3, checked where found: curly quotes and dashes start with E2 too).
pub fn may_hold_space_run(b: &[u8]) -> bool {
    TWO_SPACES.find(b).is_some()
        || memchr::memchr(b'\t', b).is_some()
        || memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b).any(|i| wide_space_at(b, i))
        || memchr::memchr_iter(0xE3, b).any(|i| wide_space_at(b, i))
}

/// The length in bytes of the space ([`super::chars::is_space`]) that starts at byte `i`, or 0
/// when none does. `i` may be inside a character: its later bytes (80–BF) start no space.
#[inline]
pub fn space_len_at(b: &[u8], i: usize) -> usize {
    match b[i] {
        b' ' | b'\t' => 1,
        0xC2 if wide_space_at(b, i) => 2,
        0xE1..=0xE3 if wide_space_at(b, i) => 3,
        _ => 0,
    }
}

/// Whether a space outside ASCII starts at byte `i`: U+00A0 (C2 A0), U+1680 (E1 9A 80),
/// U+2000–U+200A (E2 80 80–8A), U+202F (E2 80 AF), U+205F (E2 81 9F), U+3000 (E3 80 80).
fn wide_space_at(b: &[u8], i: usize) -> bool {
    let rest = &b[i..];
    matches!(
        rest,
        [0xC2, 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

/// Whether the text holds an invisible character ([`super::chars::is_invisible`]). ALM (U+061C)
/// is searched for whole; the others start with C2, E2 or EF and are checked where found.
pub fn has_invisible(s: &str) -> bool {
    let b = s.as_bytes();
    ALM.find(b).is_some()
        || memchr::memchr3_iter(0xC2, 0xE2, 0xEF, b).any(|i| {
            s.get(i..)
                .and_then(|t| t.chars().next())
                .is_some_and(super::chars::is_invisible)
        })
}

/// Whether the text may hold a letter of the Persian/Urdu look-alikes
/// ([`super::chars::persian_lookalike`]): all of them start with DA or DB.
pub fn may_hold_persian(b: &[u8]) -> bool {
    memchr::memchr2(0xDA, 0xDB, b).is_some()
}

/// Whether the text may hold a presentation form ([`super::chars::is_presentation_form`]): all
/// of them start with EF.
pub fn may_hold_presentation_form(b: &[u8]) -> bool {
    memchr::memchr(0xEF, b).is_some()
}

/// Whether the text holds a tatweel (U+0640).
pub fn has_tatweel(b: &[u8]) -> bool {
    TATWEEL.find(b).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::chars::{is_invisible, is_presentation_form, is_space, persian_lookalike};

    /// Every character a search stands for, one by one.
    fn each_char(pred: impl Fn(char) -> bool) -> Vec<char> {
        (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| pred(c))
            .collect()
    }

    #[test]
    fn searches_see_every_character_they_stand_for() {
        for c in each_char(is_space) {
            for d in each_char(is_space) {
                let s = format!("قال{c}{d}نعم");
                assert!(may_hold_space_run(s.as_bytes()), "{c:?}{d:?}");
            }
        }
        for c in each_char(is_invisible) {
            assert!(has_invisible(&format!("قال{c}نعم")), "{c:?}");
        }
        for c in each_char(|c| persian_lookalike(c).is_some()) {
            assert!(may_hold_persian(format!("قال{c}").as_bytes()), "{c:?}");
        }
        for c in each_char(is_presentation_form) {
            assert!(may_hold_presentation_form(format!("{c}").as_bytes()), "{c:?}");
        }
        assert!(has_tatweel("بــوضوح".as_bytes()));
    }

    /// Every character, at its start and at each byte inside it: a space's length where a space
    /// starts, 0 everywhere else.
    #[test]
    fn space_lengths_are_read_where_spaces_start_only() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("{c}ب");
            let b = s.as_bytes();
            let want = if is_space(c) { c.len_utf8() } else { 0 };
            assert_eq!(space_len_at(b, 0), want, "{c:?}");
            for i in 1..c.len_utf8() {
                assert_eq!(space_len_at(b, i), 0, "{c:?} at {i}");
            }
        }
    }

    #[test]
    fn plain_arabic_is_ruled_out() {
        let s = "قال الوزير: نعم، ثم غادر. وأكد المسؤول أن الحكومة جاهزة";
        assert!(!may_hold_space_run(s.as_bytes()));
        // Curly quotes, dashes and the ellipsis start like wide spaces but are not spaces.
        assert!(!may_hold_space_run("قال “نعم” – ثم غادر…".as_bytes()));
        // Punctuation outside Arabic shares first bytes with invisibles; it is checked, not taken.
        assert!(!has_invisible("قال: «نعم» … ثم غادر"));
        assert!(!has_invisible(s));
        assert!(!may_hold_persian(s.as_bytes()));
        assert!(!may_hold_presentation_form(s.as_bytes()));
        assert!(!has_tatweel(s.as_bytes()));
    }
}
