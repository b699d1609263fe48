//! Reading the next files before they are linted, on threads of their own, when reading them
//! waits on the disk.
//!
//! Linting keeps one thread per core busy, and each of those threads reads the files it lints.
//! From the page cache that costs next to nothing. When the pages are on the disk (an archive read
//! for the first time, a cold CI runner), each read waits, and with one read in flight per core
//! the disk sits idle between reads: the corpus then takes twice as long. So when the reads of a
//! chunk of files have waited on the disk, the next chunks are read by reader threads that keep
//! several reads in flight, while the cores lint the files already read. When they have not,
//! reading ahead would only cost: threads to start and bytes handed from one core to another.
//!
//! Reading ahead is only a head start: a file it does not read (not a regular file, past the
//! byte budget, or an error) is read again when it is linted, where any error is reported as
//! before.

use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Reads in flight at once. Linting does not wait on these threads, so they can outnumber the
/// cores: most of their time is spent blocked in the kernel.
pub const READERS: usize = 8;

/// Bytes read ahead at most for one chunk of files, so that a folder of very large files does not
/// all wait in memory at once.
pub const BUDGET_BYTES: u64 = 16 << 20;

/// Whether a read of `bytes` bytes that took `elapsed` waited on the disk. From the page cache
/// a file of the corpus (3 KB) takes 5 µs (14 µs at the 99th percentile, 10 to 20 µs on slower
/// machines), and a large one about half a nanosecond a byte; from the disks measured, 60 µs
/// and more (a median of 126 µs on a virtual disk the host caches, 200 µs and more on others).
pub fn waited_on_disk(elapsed: Duration, bytes: usize) -> bool {
    let copy_nanos = u64::try_from(bytes / 2).unwrap_or(u64::MAX);
    elapsed > Duration::from_micros(40).saturating_add(Duration::from_nanos(copy_nanos))
}

/// A file's bytes, and whether reading them waited on the disk: how the linting threads and the
/// reader threads alike read a file.
pub fn read_timed(path: &Path) -> (std::io::Result<Vec<u8>>, bool) {
    let started = Instant::now();
    let bytes = std::fs::read(path);
    let waited = bytes.as_ref().is_ok_and(|b| waited_on_disk(started.elapsed(), b.len()));
    (bytes, waited)
}

/// Whether a chunk whose reads waited on the disk `waited` times in `reads` came from the disk.
/// One slow read can be a thread put off the core mid-read; a cold chunk has most of them slow.
pub fn disk_bound(waited: usize, reads: usize) -> bool {
    waited > 0 && waited * 4 >= reads
}

/// When to read ahead, from the environment variable `TADQIQ_READ_AHEAD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// The default: once the reads of a chunk have waited on the disk.
    Auto,
    /// Every chunk, the first one included.
    Always,
    /// No chunk: each file is read by the thread that lints it.
    Never,
}

impl Policy {
    pub const VAR: &'static str = "TADQIQ_READ_AHEAD";

    /// The policy a value of the variable names (unset or empty: `auto`).
    pub fn parse(value: Option<&std::ffi::OsStr>) -> Result<Policy, String> {
        match value.map(|v| v.to_str()) {
            None => Ok(Policy::Auto),
            Some(Some("" | "auto")) => Ok(Policy::Auto),
            Some(Some("always")) => Ok(Policy::Always),
            Some(Some("never")) => Ok(Policy::Never),
            Some(v) => Err(format!(
                "{}={}: expected auto, always or never",
                Self::VAR,
                v.unwrap_or("(not UTF-8)")
            )),
        }
    }

    /// Whether the chunks after one whose reads waited `waited` times in `reads` are read ahead.
    pub fn after(self, waited: usize, reads: usize) -> bool {
        match self {
            Policy::Auto => disk_bound(waited, reads),
            Policy::Always => true,
            Policy::Never => false,
        }
    }
}

/// What the reader threads read of a chunk.
#[derive(Debug, Default)]
pub struct ReadAhead {
    /// The bytes of each file, where it was read; `None` where it is left for the linter.
    pub bytes: Vec<Option<Vec<u8>>>,
    /// How many of the reads waited on the disk.
    pub waited: usize,
}

/// Reads the regular files among `paths` on `readers` threads, as many as fit in `budget` bytes
/// in all. A `None` path (standard input) is left alone.
pub fn read_files(paths: &[Option<&Path>], readers: usize, budget: u64) -> ReadAhead {
    let next = AtomicUsize::new(0);
    let left = AtomicU64::new(budget);
    let waited = AtomicUsize::new(0);
    let read: Vec<Vec<(usize, Vec<u8>)>> = std::thread::scope(|scope| {
        // A reader the system cannot start leaves its share to the others (or, with none, to
        // the linting threads).
        let handles: Vec<_> = (0..readers.min(paths.len()))
            .filter_map(|_| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, || {
                        let mut got = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(path) = paths.get(i) else { break };
                            if let Some((bytes, waited_here)) = path.and_then(|p| read_within(p, &left)) {
                                if waited_here {
                                    waited.fetch_add(1, Ordering::Relaxed);
                                }
                                got.push((i, bytes));
                            }
                        }
                        got
                    })
                    .ok()
            })
            .collect();
        // A reader that panicked read nothing that is kept: its files are read when linted.
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let mut bytes: Vec<Option<Vec<u8>>> = vec![None; paths.len()];
    for (i, b) in read.into_iter().flatten() {
        bytes[i] = Some(b);
    }
    ReadAhead {
        bytes,
        waited: waited.into_inner(),
    }
}

/// A regular file's bytes (and whether reading them waited on the disk), if its length fits in
/// what is left of the budget.
fn read_within(path: &Path, left: &AtomicU64) -> Option<(Vec<u8>, bool)> {
    let meta = std::fs::metadata(path).ok()?;
    // Pipes and devices are left to the linting thread, and not even opened here: opening a
    // named pipe and closing it unread would lose what its writer sent.
    if !meta.is_file() {
        return None;
    }
    let len = meta.len();
    left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |l| l.checked_sub(len))
        .ok()?;
    let (bytes, waited) = read_timed(path);
    Some((bytes.ok()?, waited))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_waited_when_it_took_longer_than_a_copy_from_memory() {
        let us = Duration::from_micros;
        assert!(!waited_on_disk(us(20), 3_000), "a corpus article from the page cache");
        assert!(waited_on_disk(us(400), 3_000), "the same article from the disk");
        assert!(!waited_on_disk(us(14), 3_000), "a slow read from the page cache");
        assert!(
            waited_on_disk(us(60), 3_000),
            "a fast disk (a virtual one the host caches)"
        );
        // 50 MB copied at half a nanosecond a byte: 25 ms is a copy, 40 ms a wait.
        assert!(!waited_on_disk(Duration::from_millis(25), 50_000_000));
        assert!(waited_on_disk(Duration::from_millis(40), 50_000_000));
        assert!(
            waited_on_disk(Duration::MAX, usize::MAX),
            "no overflow on the largest sizes"
        );
    }

    #[test]
    fn a_chunk_is_disk_bound_when_a_quarter_of_its_reads_waited() {
        assert!(!disk_bound(0, 0));
        assert!(!disk_bound(0, 256));
        assert!(!disk_bound(3, 256), "a few threads put off the core mid-read");
        assert!(disk_bound(64, 256));
        assert!(disk_bound(256, 256));
        assert!(disk_bound(1, 1));
    }

    #[test]
    fn the_policy_comes_from_the_environment_variable() {
        use std::ffi::OsStr;
        assert_eq!(Policy::parse(None), Ok(Policy::Auto));
        assert_eq!(Policy::parse(Some(OsStr::new(""))), Ok(Policy::Auto));
        assert_eq!(Policy::parse(Some(OsStr::new("always"))), Ok(Policy::Always));
        assert_eq!(Policy::parse(Some(OsStr::new("never"))), Ok(Policy::Never));
        let err = Policy::parse(Some(OsStr::new("sometimes"))).expect_err("not a policy");
        assert!(err.contains("TADQIQ_READ_AHEAD=sometimes") && err.contains("auto, always or never"));
        assert!(Policy::Always.after(0, 256));
        assert!(!Policy::Never.after(256, 256));
        assert!(Policy::Auto.after(256, 256) && !Policy::Auto.after(0, 256));
    }

    #[test]
    fn reads_regular_files_within_the_budget_and_leaves_the_rest() {
        let dir = tempfile::tempdir().expect("temp dir");
        let small = dir.path().join("small.txt");
        let large = dir.path().join("large.txt");
        std::fs::write(&small, "نص قصير").expect("write");
        std::fs::write(&large, "ب".repeat(600)).expect("write");
        let missing = dir.path().join("missing.txt");
        let paths = [
            Some(small.as_path()),
            None,
            Some(missing.as_path()),
            Some(dir.path()),
            Some(large.as_path()),
        ];
        let read = read_files(&paths, 3, 1000).bytes;
        assert_eq!(read[0].as_deref(), Some("نص قصير".as_bytes()));
        assert_eq!(read[1], None, "no path (standard input)");
        assert_eq!(read[2], None, "a missing file is left for the linter to report");
        assert_eq!(read[3], None, "a folder is not a regular file");
        assert_eq!(read[4], None, "1,200 bytes do not fit in what is left of 1,000");
        let read = read_files(&paths, 1, 2000).bytes;
        assert_eq!(read[4].as_ref().map(Vec::len), Some(1200));
    }
}
