//! Latin letters spelled out in Arabic script (بي for B, إن for N), the pieces of abbreviations
//! such as سي إن إن, بي.بي.سي or إل.جي.

use super::fold;
use super::wordset::WordSet;
use std::sync::LazyLock;

/// The spellings of the Latin letters, written as the press writes them; compared folded, so
/// إن and ان, آي and اي are one entry.
const LETTER_NAMES: &[&str] = &[
    "إي",
    "إيه",
    "بي",
    "سي",
    "دي",
    "إف",
    "جي",
    "جيه",
    "جاي",
    "إتش",
    "إيتش",
    "اش",
    "آي",
    "كي",
    "كيه",
    "كاي",
    "إل",
    "إم",
    "إن",
    "أو",
    "كيو",
    "آر",
    "إس",
    "تي",
    "يو",
    "في",
    "دبليو",
    "إكس",
    "واي",
    "زد",
    "زي",
    // E typed on a Persian keyboard (بي.ئي.إيه).
    "ئي",
];

static LETTER_SET: LazyLock<WordSet> = LazyLock::new(|| LETTER_NAMES.iter().map(|w| fold(w)).collect());

/// Whether `folded` (a word's folded form) spells out a Latin letter.
pub fn is_letter_name(folded: &str) -> bool {
    LETTER_SET.contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_names_are_known_in_any_hamza_spelling_and_words_are_not() {
        for name in ["بي", "إن", "ان", "آر", "ار", "إيه", "ايه", "ئي", "دبليو", "جيه"] {
            assert!(is_letter_name(&fold(name)), "{name}");
        }
        for word in ["الى", "من", "بين", "سيارة", "و", ""] {
            assert!(!is_letter_name(&fold(word)), "{word}");
        }
    }
}
