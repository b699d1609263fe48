//! Sorted runs in temporary files, merged back in order: how a list that grows with the archive
//! (the files a run lints, their errors, the findings `--write-baseline` records, the places
//! `--baseline` reads) keeps to a fixed memory budget. Its owner holds items up to its budget,
//! writes them here sorted as a run, and merges the runs with what it still holds at the end;
//! [`Spilling`] does all of that for a list of records.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};
use std::marker::PhantomData;

/// An item that goes to a run file and comes back.
pub trait Record: Sized {
    /// The order of runs and of the merge.
    fn order(&self, other: &Self) -> Ordering;
    /// Writes the item as [`Record::read`] reads it back.
    fn write(&self, w: &mut dyn Write) -> io::Result<()>;
    /// The next item of a run, or None at its end.
    fn read(r: &mut dyn BufRead) -> io::Result<Option<Self>>;
    /// Takes in an item of another run equal to this one in [`Record::order`].
    fn absorb(&mut self, other: Self);
}

/// Sorted runs of records, each in an anonymous temporary file (gone when the process is), and
/// the budget of what their owner holds in memory before it writes the next.
pub struct Runs<T> {
    files: Vec<File>,
    /// An estimate of the memory the owner holds.
    held_bytes: usize,
    hold_bytes: usize,
    /// A run could not be written (no temporary folder, a record this platform cannot store):
    /// the owner holds everything from then on. Nothing is lost, only the bound.
    cannot_spill: bool,
    records: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for Runs<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runs")
            .field("files", &self.files.len())
            .field("held_bytes", &self.held_bytes)
            .finish()
    }
}

impl<T: Record> Runs<T> {
    /// Run files kept open at most: past that, they are merged into one before the next.
    pub const MAX_OPEN: usize = 64;

    /// Runs for an owner that writes one once it holds about `hold_bytes`.
    pub fn with_budget(hold_bytes: usize) -> Self {
        Runs {
            files: Vec::new(),
            held_bytes: 0,
            hold_bytes,
            cannot_spill: false,
            records: PhantomData,
        }
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Counts `bytes` more held by the owner; true when it is time to [`Runs::spill`].
    pub fn hold(&mut self, bytes: usize) -> bool {
        self.held_bytes += bytes;
        self.held_bytes >= self.hold_bytes && !self.cannot_spill
    }

    /// Writes what the owner holds as a run (`write` writes its records, sorted, as
    /// [`Record::write`] would). True when it did: the owner then lets go of what it held. False
    /// when it could not, and the owner holds on to everything from now on.
    pub fn spill(&mut self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> bool {
        match self.push_with(write) {
            Ok(()) => {
                self.held_bytes = 0;
                true
            }
            Err(_) => {
                self.cannot_spill = true;
                false
            }
        }
    }

    fn push_with(&mut self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        if self.files.len() >= Self::MAX_OPEN {
            // Read through duplicates of the files, so that a failed merge loses no run.
            let readers = self.files.iter().map(File::try_clone).collect::<Result<_, _>>()?;
            let merged = write_run(|w| {
                for record in merge(readers, std::iter::empty::<T>()) {
                    record?.write(w)?;
                }
                Ok(())
            });
            match merged {
                Ok(merged) => self.files = vec![merged],
                Err(e) => {
                    for file in &mut self.files {
                        file.rewind()?;
                    }
                    return Err(e);
                }
            }
        }
        self.files.push(write_run(write)?);
        Ok(())
    }

    /// The runs and `held` (sorted too) merged in order, equal records absorbed into one.
    pub fn merge_with<'a>(self, held: impl Iterator<Item = T> + 'a) -> impl Iterator<Item = io::Result<T>> + 'a
    where
        T: 'a,
    {
        merge(self.files, held)
    }
}

/// Records held in memory up to a budget, and past it written to runs, sorted: what a list that
/// grows with the archive keeps of it.
#[derive(Debug)]
pub struct Spilling<T> {
    held: Vec<T>,
    runs: Runs<T>,
}

/// Everything a [`Spilling`] was given, in order, equal records absorbed into one.
pub enum Sorted<T> {
    /// No run was written: the records, in memory.
    Held(Vec<T>),
    /// The runs and what was held, merged as they are read.
    Merged(Box<dyn Iterator<Item = io::Result<T>>>),
}

impl<T: Record + 'static> Spilling<T> {
    /// A list that writes a run once it holds about `hold_bytes`.
    pub fn with_budget(hold_bytes: usize) -> Self {
        Spilling {
            held: Vec::new(),
            runs: Runs::with_budget(hold_bytes),
        }
    }

    /// Adds a record that takes about `bytes` of memory.
    pub fn push(&mut self, record: T, bytes: usize) {
        self.held.push(record);
        if self.runs.hold(bytes) {
            self.held.sort_unstable_by(T::order);
            let held = &self.held;
            if self.runs.spill(|w| held.iter().try_for_each(|r| r.write(w))) {
                self.held.clear();
            }
        }
    }

    /// How many runs are written (and not yet merged into one).
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    pub fn finish(mut self) -> Sorted<T> {
        self.held.sort_unstable_by(T::order);
        let mut held: Vec<T> = Vec::with_capacity(self.held.len());
        for record in self.held {
            match held.last_mut() {
                Some(last) if last.order(&record).is_eq() => last.absorb(record),
                _ => held.push(record),
            }
        }
        if self.runs.is_empty() {
            Sorted::Held(held)
        } else {
            Sorted::Merged(Box::new(self.runs.merge_with(held.into_iter())))
        }
    }
}

impl<T: 'static> Sorted<T> {
    /// The records one by one, whether held or merged.
    pub fn records(self) -> Box<dyn Iterator<Item = io::Result<T>>> {
        match self {
            Sorted::Held(held) => Box::new(held.into_iter().map(Ok)),
            Sorted::Merged(merged) => merged,
        }
    }
}

/// Writes `value` as one line of JSON: the form of a [`Record`] that has strings in it.
pub fn write_json_line(w: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *w, value)?;
    w.write_all(b"\n")
}

/// Reads a line that [`write_json_line`] wrote, or None at the end of the run.
pub fn read_json_line<T: serde::de::DeserializeOwned>(r: &mut dyn BufRead) -> io::Result<Option<T>> {
    let mut line = String::new();
    if r.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    serde_json::from_str(&line).map(Some).map_err(io::Error::other)
}

/// A temporary file holding what `write` writes, rewound.
pub fn write_run(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<File> {
    let mut file = tempfile::tempfile()?;
    {
        let mut w = BufWriter::new(&mut file);
        write(&mut w)?;
        w.flush()?;
    }
    file.rewind()?;
    Ok(file)
}

/// Sorted run files and a sorted iterator merged into one sorted stream.
fn merge<'a, T: Record + 'a>(
    files: Vec<File>,
    held: impl Iterator<Item = T> + 'a,
) -> impl Iterator<Item = io::Result<T>> + 'a {
    /// The next record of source `from`, ordered for a min-heap (by the record, then the source).
    struct Head<T> {
        record: T,
        from: usize,
    }
    impl<T: Record> PartialEq for Head<T> {
        fn eq(&self, other: &Self) -> bool {
            self.cmp(other) == Ordering::Equal
        }
    }
    impl<T: Record> Eq for Head<T> {}
    impl<T: Record> PartialOrd for Head<T> {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }
    impl<T: Record> Ord for Head<T> {
        fn cmp(&self, other: &Self) -> Ordering {
            other.record.order(&self.record).then(other.from.cmp(&self.from))
        }
    }
    let mut sources: Vec<Box<dyn Iterator<Item = io::Result<T>> + 'a>> = files
        .into_iter()
        .map(|file| -> Box<dyn Iterator<Item = io::Result<T>> + 'a> {
            let mut r = BufReader::new(file);
            Box::new(std::iter::from_fn(move || T::read(&mut r).transpose()))
        })
        .collect();
    sources.push(Box::new(held.map(Ok)));
    let mut heap = BinaryHeap::new();
    let mut failed: Option<io::Error> = None;
    for (from, source) in sources.iter_mut().enumerate() {
        match source.next() {
            Some(Ok(record)) => heap.push(Head { record, from }),
            Some(Err(e)) => failed = failed.or(Some(e)),
            None => {}
        }
    }
    std::iter::from_fn(move || {
        if let Some(e) = failed.take() {
            return Some(Err(e));
        }
        let Head { mut record, from } = heap.pop()?;
        let mut advance = |from: usize, heap: &mut BinaryHeap<Head<T>>| -> io::Result<()> {
            if let Some(next) = sources[from].next() {
                heap.push(Head { record: next?, from });
            }
            Ok(())
        };
        if let Err(e) = advance(from, &mut heap) {
            return Some(Err(e));
        }
        while let Some(top) = heap.peek()
            && top.record.order(&record) == Ordering::Equal
        {
            let Some(Head { record: same, from }) = heap.pop() else {
                break;
            };
            record.absorb(same);
            if let Err(e) = advance(from, &mut heap) {
                return Some(Err(e));
            }
        }
        Some(Ok(record))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word and how often it was met, written as a line.
    #[derive(Debug, PartialEq)]
    struct Counted(String, usize);

    impl Record for Counted {
        fn order(&self, other: &Self) -> Ordering {
            self.0.cmp(&other.0)
        }
        fn write(&self, w: &mut dyn Write) -> io::Result<()> {
            writeln!(w, "{} {}", self.0, self.1)
        }
        fn read(r: &mut dyn BufRead) -> io::Result<Option<Self>> {
            let mut line = String::new();
            if r.read_line(&mut line)? == 0 {
                return Ok(None);
            }
            let (word, n) = line
                .trim_end()
                .split_once(' ')
                .ok_or_else(|| io::Error::other("bad line"))?;
            Ok(Some(Counted(word.to_string(), n.parse().map_err(io::Error::other)?)))
        }
        fn absorb(&mut self, other: Self) {
            self.1 += other.1;
        }
    }

    fn run(runs: &mut Runs<Counted>, words: &[&str]) {
        let mut sorted: Vec<&str> = words.to_vec();
        sorted.sort();
        assert!(runs.spill(|w| {
            for word in sorted {
                Counted(word.to_string(), 1).write(w)?;
            }
            Ok(())
        }));
    }

    #[test]
    fn runs_merge_in_order_with_equal_records_absorbed() {
        // More runs than are kept open, so that they are merged along the way too.
        let mut runs = Runs::with_budget(0);
        let mut expected = std::collections::BTreeMap::new();
        for i in 0..(Runs::<Counted>::MAX_OPEN * 2 + 3) {
            let words: Vec<String> = (0..5).map(|j| format!("w{:03}", (i * 7 + j * 13) % 97)).collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            for w in &words {
                *expected.entry(w.to_string()).or_insert(0) += 1;
            }
            run(&mut runs, &words);
            assert!(runs.len() <= Runs::<Counted>::MAX_OPEN);
        }
        let held = vec![Counted("w000".into(), 10), Counted("zzz".into(), 1)];
        *expected.entry("w000".into()).or_insert(0) += 10;
        expected.insert("zzz".into(), 1);
        let merged: Vec<Counted> = runs.merge_with(held.into_iter()).map(Result::unwrap).collect();
        let expected: Vec<Counted> = expected.into_iter().map(|(w, n)| Counted(w, n)).collect();
        assert_eq!(merged, expected);
    }

    #[test]
    fn a_run_that_cannot_be_read_back_is_an_error() {
        let mut runs = Runs::with_budget(0);
        assert!(runs.spill(|w| w.write_all(b"no-count\n")));
        let merged: Vec<io::Result<Counted>> = runs.merge_with(std::iter::empty()).collect();
        assert!(matches!(merged.as_slice(), [Err(_)]), "{merged:?}");
    }
}
