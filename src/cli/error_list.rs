//! The errors of a run (files that could not be read, linted or fixed), given at the end sorted by
//! path, in bounded memory: an archive whose every file is in another encoding than UTF-8 has an
//! error a file. Past [`ErrorList::HOLD_BYTES`] they go to temporary files as sorted runs
//! ([`crate::spill`]).

use crate::render::json::FileError;
use crate::spill::{Record, Spilling, read_json_line, write_json_line};
use std::cmp::Ordering;
use std::io::{self, BufRead, Write};

/// Errors in the order they came, to be given sorted by path.
#[derive(Debug)]
pub struct ErrorList {
    errors: Spilling<Numbered>,
    len: u64,
}

impl Default for ErrorList {
    fn default() -> Self {
        ErrorList::with_budget(Self::HOLD_BYTES)
    }
}

impl ErrorList {
    /// Memory held before a run is written: some 20,000 errors.
    pub const HOLD_BYTES: usize = 4 << 20;
    /// What an error takes beside its strings (their headers, the allocator's rounding).
    const ERROR_OVERHEAD: usize = 96;

    /// A list that writes a run once it holds about `hold_bytes`.
    pub fn with_budget(hold_bytes: usize) -> Self {
        ErrorList {
            errors: Spilling::with_budget(hold_bytes),
            len: 0,
        }
    }

    pub fn push(&mut self, error: FileError) {
        let bytes = error.path.len() + error.message.len() + Self::ERROR_OVERHEAD;
        self.errors.push(Numbered(self.len, error), bytes);
        self.len += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The errors sorted by path, those of one path in the order they came.
    pub fn into_sorted(self) -> impl Iterator<Item = io::Result<FileError>> {
        self.errors.finish().records().map(|e| e.map(|e| e.1))
    }
}

/// An error and the order it came in; in a run, a line of JSON.
#[derive(Debug)]
struct Numbered(u64, FileError);

impl Record for Numbered {
    fn order(&self, other: &Self) -> Ordering {
        (&self.1.path, self.0).cmp(&(&other.1.path, other.0))
    }

    fn write(&self, w: &mut dyn Write) -> io::Result<()> {
        write_json_line(w, &(self.0, &self.1))
    }

    fn read(r: &mut dyn BufRead) -> io::Result<Option<Self>> {
        Ok(read_json_line(r)?.map(|(n, error)| Numbered(n, error)))
    }

    /// Never called: no two errors came in the same place of the order.
    fn absorb(&mut self, _same: Self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_written_to_runs_come_back_sorted_as_held_ones_do() {
        let errors: Vec<FileError> = (0..2_000u32)
            .map(|i| FileError {
                path: format!("archive/{:03}.txt", i * 7919 % 500),
                message: format!("error {i} \"quoted\"\n"),
                byte: (i % 3 == 0).then_some(i as usize),
            })
            .collect();
        let mut expected = errors.clone();
        expected.sort_by(|a, b| a.path.cmp(&b.path));
        for budget in [0, 20_000, ErrorList::HOLD_BYTES] {
            let mut list = ErrorList::with_budget(budget);
            errors.iter().cloned().for_each(|e| list.push(e));
            assert_eq!(
                list.errors.runs() == 0,
                budget == ErrorList::HOLD_BYTES,
                "budget {budget}"
            );
            let sorted: Vec<FileError> = list.into_sorted().map(Result::unwrap).collect();
            assert_eq!(sorted, expected, "budget {budget}");
        }
        assert!(ErrorList::default().is_empty());
        assert_eq!(ErrorList::default().into_sorted().count(), 0);
    }
}
