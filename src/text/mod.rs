//! Arabic text: character classes, folding with a map back to the original bytes, clitics.

pub mod chars;
pub mod clitics;
pub mod dates;
pub mod fold;
pub mod letter_names;
pub mod months;
pub mod scan;
pub mod wordset;

pub use fold::{FoldMap, bare, fold};
