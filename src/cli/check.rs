//! `tadqiq check`: collect inputs, find their configurations, lint in parallel, render in order.

use super::error_list::ErrorList;
use super::path_list::{Listed, PathList};
use super::{CheckArgs, ExitStatus, FailOn, read_ahead};
use crate::baseline::{Baseline, Known, Recorder};
use crate::config::{ConfigFinder, Selection};
use crate::diagnostic::Severity;
use crate::lint::{Engine, FixMode};
use crate::render::json::FileError;
use crate::render::{self, Format, Resolved};
use crate::source::{self, SourceFile};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};

/// Extensions linted when walking folders, unless the configuration says otherwise.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Where standard input is taken to be, for the configuration that governs it.
const STDIN_PATH: &str = "./<stdin>";

#[derive(Clone, Debug)]
enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) => SourceFile::display_path(p),
        }
    }
}

/// What linting one input produced, kept until its turn to be printed.
struct FileOutcome {
    findings: Vec<Resolved>,
    rendered_text: Vec<u8>,
    error: Option<FileError>,
    diff: Option<String>,
    fixed_stdout: Option<String>,
    /// With `--fix` or `--diff`: the file and why its fixes did not settle, when they did not.
    unsettled: Option<String>,
    /// With `--write-baseline`: this file's findings, recorded, and how many there were.
    recorded: Option<(Baseline, usize)>,
    /// Whether reading the file for linting waited on the disk.
    waited_on_disk: bool,
}

impl FileOutcome {
    /// A file with nothing to report but, maybe, why it could not be read.
    fn only(error: Option<FileError>) -> Self {
        FileOutcome {
            findings: Vec::new(),
            rendered_text: Vec::new(),
            error,
            diff: None,
            fixed_stdout: None,
            unsettled: None,
            recorded: None,
            waited_on_disk: false,
        }
    }
}

/// What is left to do with the files not yet linted once the report's reader has gone (`| head`
/// closed the pipe): nobody reads their findings, so a file is linted only while its findings can
/// still change the exit code, and read only while its errors can. Codes stay those of a whole run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Remaining {
    Lint,
    /// A finding that fails the run is in: only a file that cannot be read or decoded changes
    /// the code (to 2).
    Read,
    /// A file could not be read: the code is 2 whatever the others hold.
    Nothing,
}

impl Remaining {
    /// `keeps_going`: the run does more than report (`--fix` writes files, `--write-baseline`
    /// records every finding), so every file is linted whatever happens to the report.
    fn after(reader_gone: bool, keeps_going: bool, had_errors: bool, fails: bool) -> Remaining {
        match (reader_gone && !keeps_going, had_errors, fails) {
            (false, _, _) => Remaining::Lint,
            (true, true, _) => Remaining::Nothing,
            (true, false, true) => Remaining::Read,
            (true, false, false) => Remaining::Lint,
        }
    }

    fn load(cell: &AtomicU8) -> Remaining {
        match cell.load(Ordering::Relaxed) {
            0 => Remaining::Lint,
            1 => Remaining::Read,
            _ => Remaining::Nothing,
        }
    }

    fn store(self, cell: &AtomicU8) {
        cell.store(self as u8, Ordering::Relaxed);
    }
}

/// What to do with a baseline in this run.
enum BaselineMode {
    None,
    /// `--baseline`: report only the findings it does not account for.
    Filter(Known),
    /// `--write-baseline`: record every finding (and so report none).
    Record,
}

fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let (i, n) = s
        .split_once('/')
        .ok_or_else(|| format!("--shard `{s}`: expected I/N, such as 2/8"))?;
    let i: u64 = i
        .trim()
        .parse()
        .map_err(|_| format!("--shard `{s}`: I is not a number"))?;
    let n: u64 = n
        .trim()
        .parse()
        .map_err(|_| format!("--shard `{s}`: N is not a number"))?;
    if n == 0 || i == 0 || i > n {
        return Err(format!("--shard `{s}`: need 1 ≤ I ≤ N"));
    }
    Ok((i, n))
}

/// The shard (0-based) a path belongs to: FNV-1a of its display form, so every machine that
/// sees the same paths splits them the same way.
pub fn shard_of(path: &str, shards: u64) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in path.replace('\\', "/").bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h % shards
}

/// What a run lints: standard input or not, and the files (in `shard` only, when given).
fn collect_inputs(
    args: &CheckArgs,
    extensions: &[String],
    shard: Option<(u64, u64)>,
    errors: &mut ErrorList,
) -> std::io::Result<(bool, Listed)> {
    let in_shard = |display: &str| shard.is_none_or(|(i, n)| shard_of(display, n) == i - 1);
    let stdin_piped = !std::io::stdin().is_terminal();
    let mut files = PathList::default();
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        if stdin_piped {
            return Ok((in_shard(&Input::Stdin.display()), files.finish()?));
        }
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut stdin = false;
    let mut add = |path: PathBuf| {
        if shard.is_none() || in_shard(&SourceFile::display_path(&path)) {
            files.push(path);
        }
    };
    for p in paths {
        if p.as_os_str() == "-" {
            stdin = in_shard(&Input::Stdin.display());
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => {
                let walker = ignore::WalkBuilder::new(&p).require_git(false).build();
                for entry in walker {
                    match entry {
                        Ok(e) => {
                            let wanted = e.file_type().is_some_and(|t| t.is_file())
                                && e.path()
                                    .extension()
                                    .and_then(|x| x.to_str())
                                    .is_some_and(|x| extensions.iter().any(|w| w.eq_ignore_ascii_case(x)));
                            if wanted {
                                add(e.into_path());
                            }
                        }
                        Err(e) => errors.push(FileError {
                            path: SourceFile::display_path(&p),
                            message: e.to_string(),
                            byte: None,
                        }),
                    }
                }
            }
            Ok(_) => add(p),
            Err(e) => errors.push(FileError {
                path: SourceFile::display_path(&p),
                message: if e.kind() == std::io::ErrorKind::NotFound {
                    "no such file or folder".to_string()
                } else {
                    // A symbolic link loop, a folder the process may not enter: said as it is.
                    e.to_string()
                },
                byte: None,
            }),
        }
    }
    // The report is in path order whatever the order of the arguments, and a file named twice
    // (on its own and inside a folder given too) is linted once.
    Ok((stdin, files.finish()?))
}

/// The input's text, from `bytes_read_ahead` where they were read ahead of linting. Also
/// whether reading it here waited on the disk.
fn read_input(input: &Input, bytes_read_ahead: Option<Vec<u8>>) -> (Result<SourceFile, FileError>, bool) {
    let (bytes, waited) = match (bytes_read_ahead, input) {
        (Some(bytes), _) => (Ok(bytes), false),
        (None, Input::Stdin) => {
            let mut buf = Vec::new();
            (std::io::stdin().read_to_end(&mut buf).map(|_| buf), false)
        }
        (None, Input::File(p)) => read_ahead::read_timed(p),
    };
    (decode_input(input, bytes), waited)
}

fn decode_input(input: &Input, bytes: std::io::Result<Vec<u8>>) -> Result<SourceFile, FileError> {
    let path = input.display();
    let bytes = bytes.map_err(|e| FileError {
        path: path.clone(),
        message: format!("cannot read: {e}"),
        byte: None,
    })?;
    let text = source::decode(bytes).map_err(|e| FileError {
        path: path.clone(),
        message: e.to_string(),
        byte: e.byte(),
    })?;
    Ok(SourceFile::new(path, text))
}

pub fn run(args: CheckArgs) -> ExitStatus {
    let mut errors = ErrorList::default();
    let fail = |msg: String| {
        eprintln!("tadqiq: {msg}");
        ExitStatus::Error
    };
    let shard = match args.shard.as_deref().map(parse_shard).transpose() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let default_date = match args.date.as_deref().map(|d| d.parse::<jiff::civil::Date>()).transpose() {
        Ok(d) => d,
        Err(e) => return fail(format!("--date: {e} (expected YYYY-MM-DD)")),
    };
    let baseline = match (&args.baseline, &args.write_baseline) {
        (Some(path), _) => match Known::load(path) {
            Ok(b) => BaselineMode::Filter(b),
            Err(e) => return fail(format!("{}: {e}", path.display())),
        },
        (None, Some(_)) => BaselineMode::Record,
        (None, None) => BaselineMode::None,
    };
    let cli_selection = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        ..Selection::default()
    };

    // Configurations: the one named, or every one the inputs can reach.
    let forced = args.config.clone();
    let extensions: Vec<String> = DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect();
    let (stdin, mut listed) = match collect_inputs(&args, &extensions, shard, &mut errors) {
        Ok(inputs) => inputs,
        Err(e) => return fail(format!("cannot list the files to lint: {e}")),
    };
    // A diff, or the fixed text of standard input, is written to standard output: a JSON or
    // SARIF document cannot share it.
    if matches!(args.format, Format::Json | Format::Sarif) {
        let fixes_stdin = args.fix && stdin;
        if args.diff || fixes_stdin {
            let what = if args.diff {
                "--diff prints a unified diff"
            } else {
                "--fix on standard input prints the fixed text"
            };
            return fail(format!(
                "{what} to standard output, where a {} report cannot go with it: use --format text, concise or github",
                if args.format == Format::Json { "JSON" } else { "SARIF" }
            ));
        }
    }
    let finder = ConfigFinder::default();
    let discovered: Vec<PathBuf> = if forced.is_some() {
        Vec::new()
    } else {
        // The configuration of every file, found now (a broken one stops the run before any file
        // is linted), and the finder kept for the run.
        let mut found = std::collections::BTreeSet::new();
        if stdin {
            found.extend(finder.for_file(Path::new(STDIN_PATH)));
        }
        // A folder's files come together: each run of them is asked about once.
        let mut folder: Option<PathBuf> = None;
        let scanned = listed.scan(|file| {
            if folder.as_deref() != file.parent() {
                folder = file.parent().map(Path::to_path_buf);
                found.extend(finder.for_file(file));
            }
        });
        if let Err(e) = scanned {
            return fail(format!("cannot read back the list of files: {e}"));
        }
        found.into_iter().collect()
    };
    let mut engine = match Engine::new(forced.as_deref(), &discovered, cli_selection) {
        Ok(e) => e.with_finder(finder),
        Err(e) => return fail(e.to_string()),
    };
    engine.default_date = default_date;

    let fix_mode = match (args.fix || args.diff, args.unsafe_fixes) {
        (false, _) => FixMode::None,
        (true, false) => FixMode::Safe,
        (true, true) => FixMode::All,
    };
    let color = args.format == Format::Text
        && !args.no_color
        && std::env::var_os("NO_COLOR").is_none()
        && std::io::stdout().is_terminal();

    let files = listed.len() + usize::from(stdin);
    let progress = progress_wanted(
        files,
        args.quiet,
        std::env::var_os("CI").is_some_and(|v| !v.is_empty()),
        std::io::stderr().is_terminal(),
    )
    .then(|| progress_bar(files));
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let keeps_going = args.write_baseline.is_some() || (fix_mode != FixMode::None && !args.diff);
    // A `Remaining`, set by the writer and read by the linting threads.
    let remaining = AtomicU8::new(Remaining::Lint as u8);
    let lint_guarded = |input: &Input, bytes_read_ahead: Option<Vec<u8>>| {
        let outcome = match Remaining::load(&remaining) {
            // A bug in a rule must cost one file, not the run: report it as that file's error.
            Remaining::Lint => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                lint_one(&engine, input, bytes_read_ahead, &args, fix_mode, color, &baseline)
            }))
            .unwrap_or_else(|_| {
                FileOutcome::only(Some(FileError {
                    path: input.display(),
                    message: "internal error while linting this file (a bug in tadqiq; please report it)".into(),
                    byte: None,
                }))
            }),
            Remaining::Read => FileOutcome::only(read_input(input, bytes_read_ahead).0.err()),
            Remaining::Nothing => FileOutcome::only(None),
        };
        if let Some(p) = &progress {
            p.inc(1);
        }
        outcome
    };

    // Files are read ahead of linting once reads wait on the disk (see `read_ahead`), unless
    // `TADQIQ_READ_AHEAD` says otherwise. `--fix` reads each file when it lints it, so that a
    // file named twice sees the fixes written the first time.
    let read_ahead_policy = match read_ahead::Policy::parse(std::env::var_os(read_ahead::Policy::VAR).as_deref()) {
        Ok(_) if fix_mode != FixMode::None && !args.diff => read_ahead::Policy::Never,
        Ok(p) => p,
        Err(e) => return fail(e),
    };

    let mut recorded = Recorder::default();
    let mut recorded_findings = 0;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    // Findings by severity (error, warning, info) and the worst one: all the run keeps of them
    // once they are written.
    let mut by_severity = [0usize; 3];
    let mut worst: Option<Severity> = None;
    let write_findings = !args.statistics && !args.diff;
    // JSON and SARIF wrap the whole run: their findings are written as they come.
    let mut json = match args.format {
        Format::Json => match render::json::Stream::start(&mut out, files) {
            Ok(s) => Some(s),
            Err(e) => return fail(format!("cannot write the report: {e}")),
        },
        _ => None,
    };
    let mut sarif = match args.format {
        Format::Sarif => match render::sarif::Stream::start() {
            Ok(s) => Some(s),
            Err(e) => return fail(format!("cannot write the report: {e}")),
        },
        _ => None,
    };
    // Files are linted in parallel a chunk at a time and written in order as each chunk is done;
    // while one chunk's outcomes are written, the next chunk is linted on the thread pool. Memory
    // holds two chunks' outcomes at most, and the bytes of one chunk read ahead (within
    // `read_ahead::BUDGET_BYTES`), whatever the number of files.
    let mut buf: Vec<u8> = Vec::new();
    let mut failed: Option<ExitStatus> = None;
    // The first error writing the report: the run goes on (the baseline, the exit code) and then
    // says so.
    let mut write_failed: Option<std::io::Error> = None;
    // Whether files were left unlinted because the report's reader had gone.
    let mut cut_short = false;
    let inputs = stdin
        .then_some(Ok(Input::Stdin))
        .into_iter()
        .chain(listed.into_paths().map(|p| p.map(Input::File)));
    let mut chunks = Chunks {
        inputs,
        // A short first chunk tells soon whether reads wait on the disk.
        size: FIRST_CHUNK_FILES,
        error: None,
    };
    std::thread::scope(|scope| {
        let mut next = chunks.next().map(|c| {
            let read = (read_ahead_policy == read_ahead::Policy::Always)
                .then(|| read_ahead_of(scope, c.clone()))
                .flatten();
            lint_chunk(scope, c, read, &lint_guarded)
        });
        // The chunk after the one being linted, when it is being read ahead.
        let mut reading: Option<(Chunk, Option<ReadingAhead>)> = None;
        while let Some(linting) = next.take() {
            let (outcomes, waited_ahead) = match linting.join() {
                Ok(o) => o,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            // Once the reads of a chunk have waited on the disk, the next chunk is read on reader
            // threads before it is linted, and each chunk after it while the one before is linted.
            let waited = waited_ahead + outcomes.iter().filter(|o| o.waited_on_disk).count();
            let disk_bound = read_ahead_policy.after(waited, outcomes.len());
            next = match reading.take() {
                Some((c, read)) => Some(lint_chunk(scope, c, read, &lint_guarded)),
                None => chunks.next().map(|c| {
                    let read = disk_bound.then(|| read_ahead_of(scope, c.clone())).flatten();
                    lint_chunk(scope, c, read, &lint_guarded)
                }),
            };
            if disk_bound {
                reading = chunks.next().map(|c| (c.clone(), read_ahead_of(scope, c)));
            }
            // A chunk's output is gathered, then written at once (`write_report`): with a
            // progress bar on the terminal, the bar is hidden while it is written.
            for mut o in outcomes {
                if let Some((r, n)) = o.recorded.take() {
                    recorded.add(r);
                    recorded_findings += n;
                }
                // A file that could not be read has no findings; one whose fixes could not be
                // written still has those of its text.
                if let Some(e) = o.error.take() {
                    errors.push(e);
                }
                if let Some(why) = o.unsettled.take() {
                    let note = || eprintln!("warning: {why}");
                    match &progress {
                        Some(bar) => bar.suspend(note),
                        None => note(),
                    }
                }
                for f in &o.findings {
                    *counts.entry(f.rule.clone()).or_default() += 1;
                    by_severity[severity_index(f.severity)] += 1;
                    worst = worst.max(Some(f.severity));
                }
                if let Some(text) = &o.fixed_stdout {
                    buf.extend_from_slice(text.as_bytes());
                    continue;
                }
                if let Some(diff) = &o.diff {
                    buf.extend_from_slice(diff.as_bytes());
                }
                if write_findings {
                    match args.format {
                        Format::Text => buf.extend_from_slice(&o.rendered_text),
                        Format::Concise => buf.extend_from_slice(render::concise::render(&o.findings).as_bytes()),
                        Format::Github => buf.extend_from_slice(render::github::render(&o.findings).as_bytes()),
                        Format::Json | Format::Sarif => {}
                    }
                }
                for f in &o.findings {
                    if let Some(j) = &mut json {
                        j.push(&mut buf, f);
                        // One long file's findings (a habit's fix repeats its text) are written
                        // as they come rather than held whole.
                        if buf.len() >= WRITE_AT_BYTES {
                            write_report(&mut out, progress.as_ref(), &mut buf, &mut write_failed);
                        }
                    }
                    if let Some(s) = &mut sarif
                        && let Err(e) = s.push(&engine.registry, f)
                    {
                        failed = Some(fail(format!("cannot write the report: {e}")));
                        return;
                    }
                }
            }
            write_report(&mut out, progress.as_ref(), &mut buf, &mut write_failed);
            let left = Remaining::after(
                write_failed.as_ref().is_some_and(reader_gone),
                keeps_going,
                !errors.is_empty(),
                worst.is_some_and(|w| w >= threshold),
            );
            // Files are skipped only in the chunks after this one.
            cut_short |= left != Remaining::Lint && next.is_some();
            left.store(&remaining);
        }
    });
    if let Some(status) = failed {
        return status;
    }
    if let Some(e) = chunks.error {
        return fail(format!("cannot read back the list of files: {e}"));
    }
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let total: usize = by_severity.iter().sum();

    let failed_files = !errors.is_empty();
    let errors = errors.into_sorted();
    if let Some(path) = &args.write_baseline {
        if let Err(e) = recorded.save(path) {
            return fail(format!("{}: cannot write the baseline: {e}", path.display()));
        }
        if !args.quiet {
            eprintln!(
                "tadqiq: recorded {} finding{} in {}",
                recorded_findings,
                if recorded_findings == 1 { "" } else { "s" },
                path.display()
            );
        }
    }
    match args.format {
        Format::Json => {
            let stats = args.statistics.then_some(&counts);
            if let Some(j) = json
                && let Err(e) = j.finish(&mut out, errors, stats)
            {
                write_failed.get_or_insert(e);
            }
        }
        Format::Sarif => {
            if let Some(s) = sarif
                && let Err(e) = s.finish(&mut out, &engine.registry, errors, failed_files)
            {
                write_failed.get_or_insert(e);
            }
        }
        _ => {
            if args.statistics {
                let mut rows: Vec<(&String, &usize)> = counts.iter().collect();
                rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                for (rule, n) in rows {
                    if let Err(e) = writeln!(out, "{n:>7}  {rule}") {
                        write_failed.get_or_insert(e);
                    }
                }
            }
            if let Err(e) = out.flush() {
                write_failed.get_or_insert(e);
            }
            for e in errors {
                match e {
                    Ok(e) => eprintln!("error: {}: {}", e.path, e.message),
                    Err(e) => return fail(format!("cannot read back the errors of the run: {e}")),
                }
            }
            // After a cut, the counts would be those of the files linted before it.
            if !args.quiet && !cut_short && matches!(args.format, Format::Text | Format::Concise) {
                eprintln!(
                    "{} finding{} ({} error, {} warning, {} info) in {} file{}",
                    total,
                    if total == 1 { "" } else { "s" },
                    by_severity[0],
                    by_severity[1],
                    by_severity[2],
                    files,
                    if files == 1 { "" } else { "s" }
                );
            }
        }
    }
    if let Err(e) = out.flush() {
        write_failed.get_or_insert(e);
    }
    // A reader that stopped reading is no failure of the run; a full disk is.
    if let Some(e) = write_failed
        && !reader_gone(&e)
    {
        return fail(format!("cannot write the report: {e}"));
    }
    if failed_files {
        return ExitStatus::Error;
    }
    if worst.is_some_and(|w| w >= threshold) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// Whether a report could not be written because its reader stopped reading (`| head` closed
/// the pipe), rather than for want of room or another failure.
fn reader_gone(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

/// A chunk's report is gathered in memory and written at once, or as soon as it is this long.
const WRITE_AT_BYTES: usize = 1 << 20;

/// Writes out (and empties) what `buf` holds of the report, the progress bar hidden meanwhile;
/// the first error writing is kept.
fn write_report(
    out: &mut impl Write,
    progress: Option<&indicatif::ProgressBar>,
    buf: &mut Vec<u8>,
    write_failed: &mut Option<std::io::Error>,
) {
    let written = match progress {
        Some(p) => p.suspend(|| out.write_all(buf).and_then(|()| out.flush())),
        None => out.write_all(buf),
    };
    buf.clear();
    if let Err(e) = written {
        write_failed.get_or_insert(e);
    }
}

/// A chunk's files being read on reader threads of their own.
type ReadingAhead<'scope> = std::thread::ScopedJoinHandle<'scope, read_ahead::ReadAhead>;

/// Starts reading a chunk's files ahead of linting them (unless the system cannot start a
/// thread: then the linting threads read them).
fn read_ahead_of<'scope>(scope: &'scope std::thread::Scope<'scope, '_>, chunk: Chunk) -> Option<ReadingAhead<'scope>> {
    let reading = std::thread::Builder::new().spawn_scoped(scope, move || {
        let paths: Vec<Option<&Path>> = chunk
            .iter()
            .map(|i| match i {
                Input::File(p) => Some(p.as_path()),
                Input::Stdin => None,
            })
            .collect();
        read_ahead::read_files(&paths, read_ahead::READERS, read_ahead::BUDGET_BYTES)
    });
    reading.ok()
}

/// Lints a chunk of files on the thread pool, from a thread of its own so that the caller can
/// write the previous chunk meanwhile. Also gives how many reads ahead waited on the disk.
fn lint_chunk<'scope, 'env, F>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    chunk: Chunk,
    reading: Option<ReadingAhead<'scope>>,
    lint: &'env F,
) -> std::thread::ScopedJoinHandle<'scope, (Vec<FileOutcome>, usize)>
where
    F: Fn(&Input, Option<Vec<u8>>) -> FileOutcome + Sync,
{
    scope.spawn(move || {
        // Reading ahead is a head start only: what it did not read, the linting thread reads.
        let read = reading.and_then(|h| h.join().ok()).unwrap_or_default();
        let mut bytes = read.bytes;
        bytes.resize(chunk.len(), None);
        let outcomes = chunk
            .par_iter()
            .zip(bytes)
            .map(|(input, bytes)| lint(input, bytes))
            .collect();
        (outcomes, read.waited)
    })
}

/// Files linted together: shared by the thread that lints them and the one that reads them ahead.
type Chunk = std::sync::Arc<[Input]>;

/// The inputs of a run, a chunk at a time. A path list that cannot be read back ends the chunks
/// early and keeps the error.
struct Chunks<I> {
    inputs: I,
    size: usize,
    error: Option<std::io::Error>,
}

impl<I: Iterator<Item = std::io::Result<Input>>> Iterator for Chunks<I> {
    type Item = Chunk;

    fn next(&mut self) -> Option<Chunk> {
        if self.error.is_some() {
            return None;
        }
        let mut chunk = Vec::with_capacity(self.size);
        while chunk.len() < self.size {
            match self.inputs.next() {
                Some(Ok(input)) => chunk.push(input),
                Some(Err(e)) => {
                    self.error = Some(e);
                    break;
                }
                None => break,
            }
        }
        self.size = CHUNK_FILES;
        (!chunk.is_empty()).then(|| chunk.into())
    }
}

/// Files linted in parallel before their outcomes are written: enough to keep every thread busy,
/// few enough that their outcomes take little memory.
const CHUNK_FILES: usize = 256;

/// Files in the first chunk: enough to keep every thread busy a moment, few enough that their
/// reads, when they wait on the disk, soon set the reading ahead of the next chunks going.
const FIRST_CHUNK_FILES: usize = 32;

fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// Runs with more files than this show a progress bar (where one is wanted at all).
pub const PROGRESS_MIN_FILES: usize = 50;

/// A progress bar is for a person watching a long run: standard error is a terminal, the run is
/// not `--quiet`, not in CI (the `CI` variable that CI services set), and has many files. Never in
/// pipes, where it would be noise in a log.
fn progress_wanted(files: usize, quiet: bool, ci: bool, stderr_is_terminal: bool) -> bool {
    files > PROGRESS_MIN_FILES && !quiet && !ci && stderr_is_terminal
}

fn progress_bar(files: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(Some(files as u64), indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files, {elapsed} ({eta} left)") {
        bar.set_style(style.progress_chars("█▌ "));
    }
    bar
}

fn lint_one(
    engine: &Engine,
    input: &Input,
    bytes_read_ahead: Option<Vec<u8>>,
    args: &CheckArgs,
    fix_mode: FixMode,
    color: bool,
    baseline: &BaselineMode,
) -> FileOutcome {
    let mut outcome = FileOutcome::only(None);
    let (source, waited) = read_input(input, bytes_read_ahead);
    outcome.waited_on_disk = waited;
    let source = match source {
        Ok(s) => s,
        Err(e) => {
            outcome.error = Some(e);
            return outcome;
        }
    };
    let path_for_config = match input {
        Input::Stdin => PathBuf::from(STDIN_PATH),
        Input::File(p) => p.clone(),
    };
    let loaded = engine.loaded_for(&path_for_config);
    let settings = engine.settings_for(&loaded, &path_for_config);
    let (final_source, diags) = if fix_mode == FixMode::None {
        let diags = engine.lint(&source, &loaded, &settings);
        (None, diags)
    } else {
        let fixing = engine.fix_traced(&source, &loaded, &settings, fix_mode);
        outcome.unsettled = fixing.unsettled().map(|why| format!("{}: {why}", source.path));
        let (fixed, diags) = (fixing.text, fixing.diagnostics);
        let mut written = true;
        if fixed != source.text {
            if args.diff {
                outcome.diff = Some(unified_diff(&source.path, &source.text, &fixed));
            } else {
                match input {
                    Input::Stdin => outcome.fixed_stdout = Some(fixed.clone()),
                    Input::File(p) => {
                        if let Err(e) = crate::fsutil::write_atomic(p, fixed.as_bytes()) {
                            outcome.error = Some(FileError {
                                path: source.path.clone(),
                                message: format!("cannot write the fixes: {e}"),
                                byte: None,
                            });
                            written = false;
                        }
                    }
                }
            }
        }
        if written {
            (Some(SourceFile::new(source.path.clone(), fixed)), diags)
        } else {
            // The file is as it was: its findings are those of its text.
            (None, engine.lint(&source, &loaded, &settings))
        }
    };
    // Findings are reported against the text they were found in: the fixed text when fixing.
    let shown = if args.diff { None } else { final_source };
    let src = match &shown {
        Some(s) => s,
        None => &source,
    };
    let diags = if args.diff {
        engine.lint(&source, &loaded, &settings)
    } else {
        diags
    };
    let diags = match baseline {
        BaselineMode::None => diags,
        BaselineMode::Filter(b) => match b.of_file(src) {
            Ok(known) => known.new_findings(src, diags),
            Err(e) => {
                // Every finding is reported rather than lost, and the run says why.
                outcome.error = Some(FileError {
                    path: src.path.clone(),
                    message: format!("cannot read the baseline back: {e}"),
                    byte: None,
                });
                diags
            }
        },
        BaselineMode::Record => {
            let mut mine = Baseline::default();
            for d in &diags {
                mine.add(src, d);
            }
            outcome.recorded = Some((mine, diags.len()));
            Vec::new()
        }
    };
    if args.format == Format::Text && !args.statistics {
        outcome.rendered_text = render::text::render_file(src, &diags, color);
    }
    outcome.findings = render::resolve_all(src, diags);
    outcome
}

fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_left_after_the_reader_goes_are_linted_only_while_they_can_change_the_code() {
        use Remaining::*;
        // (reader gone, keeps going, had errors, fails) → what is left.
        let cases = [
            ((false, false, false, false), Lint),
            ((false, false, true, true), Lint),
            ((true, false, false, false), Lint),
            ((true, false, false, true), Read),
            ((true, false, true, false), Nothing),
            ((true, false, true, true), Nothing),
            // `--fix` and `--write-baseline` need every file, whoever reads the report.
            ((true, true, true, true), Lint),
            ((true, true, false, false), Lint),
        ];
        for ((gone, keeps, errors, fails), want) in cases {
            assert_eq!(
                Remaining::after(gone, keeps, errors, fails),
                want,
                "{gone} {keeps} {errors} {fails}"
            );
        }
        let cell = AtomicU8::new(0);
        for r in [Read, Nothing, Lint] {
            r.store(&cell);
            assert_eq!(Remaining::load(&cell), r);
        }
    }

    #[test]
    fn shards_partition_paths() {
        let paths: Vec<String> = (0..500).map(|i| format!("corpus/{i:05}.txt")).collect();
        let n = 7;
        let mut seen = vec![0usize; paths.len()];
        for shard in 0..n {
            for (i, p) in paths.iter().enumerate() {
                if shard_of(p, n) == shard {
                    seen[i] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&c| c == 1));
    }

    #[test]
    fn progress_only_for_a_person_watching_a_long_run() {
        assert!(progress_wanted(51, false, false, true));
        assert!(
            !progress_wanted(50, false, false, true),
            "short runs finish before a bar helps"
        );
        assert!(!progress_wanted(500, true, false, true), "--quiet");
        assert!(!progress_wanted(500, false, true, true), "CI");
        assert!(!progress_wanted(500, false, false, false), "a pipe or a file");
    }

    #[test]
    fn shard_syntax() {
        assert_eq!(parse_shard("2/8"), Ok((2, 8)));
        assert!(parse_shard("0/8").is_err());
        assert!(parse_shard("9/8").is_err());
        assert!(parse_shard("x").is_err());
    }
}
