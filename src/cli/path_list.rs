//! The files of a run in path order, each once, in bounded memory. The report is in path order,
//! and its head needs the number of files, so the whole list is made before the first file is
//! linted. Past [`PathList::HOLD_BYTES`] of paths it goes to temporary files as sorted runs
//! ([`crate::spill`]) and is merged into one, read back as linting goes.

use crate::spill::{Record, Sorted, Spilling};
use std::cmp::Ordering;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Seek, Write};
use std::path::{Path, PathBuf};

/// Paths gathered for a run, in any order and perhaps twice.
#[derive(Debug)]
pub struct PathList {
    paths: Spilling<ListedPath>,
}

impl Default for PathList {
    fn default() -> Self {
        PathList::with_budget(Self::HOLD_BYTES)
    }
}

impl PathList {
    /// Memory held before a run is written: some 50,000 paths.
    pub const HOLD_BYTES: usize = 4 << 20;
    /// What a path takes beside its bytes (its header, the allocator's rounding).
    const PATH_OVERHEAD: usize = 48;

    /// A list that writes a run once it holds about `hold_bytes`.
    pub fn with_budget(hold_bytes: usize) -> Self {
        PathList {
            paths: Spilling::with_budget(hold_bytes),
        }
    }

    /// Adds a path. A leading `./` is dropped, as it is in the report, so that `a.txt` and
    /// `./a.txt` are one file.
    pub fn push(&mut self, path: PathBuf) {
        // Only a path starting with a dot can: most are not split into components to see.
        let path = if path.as_os_str().as_encoded_bytes().starts_with(b".")
            && let Ok(rest) = path.strip_prefix(".")
            && !rest.as_os_str().is_empty()
        {
            rest.to_path_buf()
        } else {
            path
        };
        let bytes = path.as_os_str().len() + Self::PATH_OVERHEAD;
        self.paths.push(ListedPath(path), bytes);
    }

    /// The paths in order, each once.
    pub fn finish(self) -> io::Result<Listed> {
        let merged = match self.paths.finish() {
            Sorted::Held(held) => {
                return Ok(Listed {
                    len: held.len(),
                    paths: Paths::Held(held.into_iter().map(|p| p.0).collect()),
                });
            }
            Sorted::Merged(merged) => merged,
        };
        let mut len = 0;
        let file = crate::spill::write_run(|w| {
            for path in merged {
                path?.write(w)?;
                len += 1;
            }
            Ok(())
        })?;
        Ok(Listed {
            len,
            paths: Paths::Spilled(file),
        })
    }
}

/// The paths of a run, in order, each once.
#[derive(Debug)]
pub struct Listed {
    len: usize,
    paths: Paths,
}

#[derive(Debug)]
enum Paths {
    Held(Vec<PathBuf>),
    /// One sorted run, rewound.
    Spilled(File),
}

impl Listed {
    pub fn len(&self) -> usize {
        self.len
    }

    /// Calls `visit` with each path in order; the paths can then be taken as before.
    pub fn scan(&mut self, mut visit: impl FnMut(&Path)) -> io::Result<()> {
        match &mut self.paths {
            Paths::Held(paths) => paths.iter().for_each(|p| visit(p)),
            Paths::Spilled(file) => {
                let mut r = BufReader::new(&*file);
                while let Some(path) = ListedPath::read(&mut r)? {
                    visit(&path.0);
                }
                file.rewind()?;
            }
        }
        Ok(())
    }

    /// The paths in order.
    pub fn into_paths(self) -> Box<dyn Iterator<Item = io::Result<PathBuf>> + Send> {
        match self.paths {
            Paths::Held(paths) => Box::new(paths.into_iter().map(Ok)),
            Paths::Spilled(file) => {
                let mut r = BufReader::new(file);
                Box::new(std::iter::from_fn(move || {
                    ListedPath::read(&mut r).map(|p| p.map(|p| p.0)).transpose()
                }))
            }
        }
    }
}

/// The order of paths by components (as `Path`'s own order is), so that the files of a folder
/// come out in the same order on every machine. `Path::cmp` splits paths into components at every
/// comparison, which cost more than the walk itself; on Unix paths are compared as bytes
/// instead, in place, with the separator made the lowest byte so that `a/x` comes before `a-b/x`
/// as it does by components.
fn path_order(a: &Path, b: &Path) -> Ordering {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        fn separator_first(b: Option<&u8>) -> Option<u8> {
            b.map(|&b| if b == b'/' { 0 } else { b })
        }
        let (a, b) = (a.as_os_str().as_bytes(), b.as_os_str().as_bytes());
        // Past their common start, the first differing bytes decide; eight bytes at a time, as
        // the paths of one archive share long starts.
        let words = a.chunks_exact(8).zip(b.chunks_exact(8));
        let mut common = 8 * words.take_while(|(x, y)| x == y).count();
        common += a[common..].iter().zip(&b[common..]).take_while(|(x, y)| x == y).count();
        separator_first(a.get(common)).cmp(&separator_first(b.get(common)))
    }
    #[cfg(not(unix))]
    a.cmp(b)
}

/// A path in a run: its length (four bytes, little-endian), then its bytes.
#[derive(Debug)]
struct ListedPath(PathBuf);

fn write_path(path: &Path, w: &mut dyn Write) -> io::Result<()> {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes()
    };
    // Elsewhere a path goes to a run as UTF-8; one that is not keeps the list in memory.
    #[cfg(not(unix))]
    let bytes = path
        .to_str()
        .ok_or_else(|| io::Error::other("a path that is not Unicode"))?
        .as_bytes();
    let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(bytes)
}

impl Record for ListedPath {
    fn order(&self, other: &Self) -> Ordering {
        path_order(&self.0, &other.0)
    }

    fn write(&self, w: &mut dyn Write) -> io::Result<()> {
        write_path(&self.0, w)
    }

    fn read(r: &mut dyn BufRead) -> io::Result<Option<Self>> {
        if r.fill_buf()?.is_empty() {
            return Ok(None);
        }
        let mut len = [0; 4];
        r.read_exact(&mut len)?;
        let mut bytes = vec![0; u32::from_le_bytes(len) as usize];
        r.read_exact(&mut bytes)?;
        #[cfg(unix)]
        let path = {
            use std::os::unix::ffi::OsStringExt;
            PathBuf::from(std::ffi::OsString::from_vec(bytes))
        };
        #[cfg(not(unix))]
        let path = PathBuf::from(String::from_utf8(bytes).map_err(io::Error::other)?);
        Ok(Some(ListedPath(path)))
    }

    /// The same path twice is one file.
    fn absorb(&mut self, _same: Self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_component_by_component() {
        // Names holding bytes below the separator ('-', '.', ' ', '!') are where a plain byte order
        // of whole paths and the order of components differ.
        let names = [
            "corpus/a/x.txt",
            "corpus/a-b/x.txt",
            // Differing past two words in common, at the eighteenth or nineteenth byte.
            "archive/2015/09/16/a.txt",
            "archive/2015/09/16-b/a.txt",
            "archive/2015/09/16.txt",
            "archive/2015/09/1/a.txt",
            "archive/2015/09/1-/a.txt",
            "corpus/a.b/y.md",
            "corpus/a b/z.txt",
            "corpus/a!/z.txt",
            "corpus/a/b/c.txt",
            "corpus/a/b.txt",
            "corpus/ab.txt",
            "corpus/a.txt",
            "corpus/أخبار/١.txt",
            "corpus/أخبار-2/١.txt",
            "corpus/Z.txt",
        ];
        let mut paths: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        let mut by_components = paths.clone();
        by_components.sort_by(|a, b| a.components().cmp(b.components()));
        paths.reverse();
        paths.sort_unstable_by(|a, b| path_order(a, b));
        assert_eq!(paths, by_components);
    }

    /// Every path of `paths` through a list of the given budget.
    fn listed(paths: &[PathBuf], budget: usize) -> (Vec<PathBuf>, usize, usize) {
        let mut list = PathList::with_budget(budget);
        for p in paths {
            list.push(p.clone());
        }
        let runs = list.paths.runs();
        let mut listed = list.finish().unwrap();
        let len = listed.len();
        let mut scanned = Vec::new();
        listed.scan(|p| scanned.push(p.to_path_buf())).unwrap();
        let taken: Vec<PathBuf> = listed.into_paths().map(Result::unwrap).collect();
        assert_eq!(scanned, taken, "a scan sees what is then taken");
        assert_eq!(len, taken.len());
        (taken, runs, len)
    }

    #[test]
    fn a_list_that_writes_runs_gives_the_paths_one_held_in_memory_would() {
        // An archive's worth of paths, in walk order, some given twice (a file named and its folder
        // too, `./` or not), with names whose bytes sort apart from their components.
        let mut paths = Vec::new();
        for i in 0..3_000u32 {
            let folder = ["أخبار", "أخبار-2", "a", "a-b", "a.b", "a/b"][(i % 6) as usize];
            paths.push(PathBuf::from(format!("corpus/{folder}/{:04}.txt", i * 7919 % 3_000)));
            if i % 9 == 0 {
                paths.push(PathBuf::from(format!("./corpus/{folder}/{:04}.txt", i * 7919 % 3_000)));
            }
        }
        let mut expected: Vec<PathBuf> = paths
            .iter()
            .map(|p| p.strip_prefix(".").unwrap_or(p).to_path_buf())
            .collect();
        expected.sort_by(|a, b| a.components().cmp(b.components()));
        expected.dedup();
        // A run per path (merged whenever 64 are open), a few runs, none.
        for (budget, runs) in [
            (0, 1..=crate::spill::Runs::<ListedPath>::MAX_OPEN),
            (40_000, 2..=20),
            (PathList::HOLD_BYTES, 0..=0),
        ] {
            let (taken, spilled, _) = listed(&paths, budget);
            assert!(runs.contains(&spilled), "budget {budget}: {spilled} runs");
            assert_eq!(taken, expected, "budget {budget}");
        }
        let (none, runs, len) = listed(&[], 0);
        assert_eq!((none.len(), runs, len), (0, 0, 0));
    }
}
