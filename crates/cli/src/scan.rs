//! `gezi scan`: walk paths, read text files, detect, report.

use std::fs::File;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use gezi_detect::{Config, Detector, Kind, KindSet};
use gezi_extract::{ChunkOptions, Chunks, Sniffed};
use globset::{Glob, GlobSet, GlobSetBuilder};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::kinds::parse_kind_list;
use crate::output::Described;
use crate::report::{self, FileFinding, FileReport, Report, Skipped};

/// Output formats of `gezi scan`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// A summary for people: per file and per kind, counts and masked previews.
    Summary,
    /// One JSON document (the format `gezi register import` reads).
    Json,
    /// One JSON object per finding and per skipped file.
    Jsonl,
    /// One CSV row per finding.
    Csv,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// Arguments of `gezi scan`.
#[derive(Args)]
#[command(after_help = "\
Reads text files (txt, csv, tsv, json, jsonl, log, md, html, xml and other files whose content is
text) in UTF-8, UTF-16 with BOM, Big5, GB18030 and other encodings it detects. Office files, PDFs
and archives are listed as skipped with the reason until a later version reads them. Files are
streamed in overlapping chunks, so any size scans in bounded memory.

Exit codes: 0 nothing personal found; 1 personal data found (or, with --fail-on, one of those
kinds); 2 an error: a path or file could not be read, so the result is incomplete.

Examples:
  gezi scan ./share
  gezi scan exports/ --include '*.csv' --exclude 'tmp/**' --format json -o report.json
  gezi scan . --fail-on TW_NATIONAL_ID,CN_RESIDENT_ID,CREDIT_CARD --format sarif -o gezi.sarif")]
pub struct ScanArgs {
    /// Files and directories to scan.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Only files matching this glob (repeatable), e.g. '*.csv' or 'exports/**'.
    #[arg(long = "include", short = 'i')]
    include: Vec<String>,
    /// Leave out files matching this glob (repeatable).
    #[arg(long = "exclude", short = 'x')]
    exclude: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Summary)]
    format: Format,
    /// Write the report here instead of standard output.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Only these kinds (comma-separated ids, or `ids`, `text`, `all`); see `gezi kinds`.
    #[arg(long, default_value = "all")]
    kinds: String,
    /// Exit 1 only when one of these kinds is found (for CI gates).
    #[arg(long)]
    fail_on: Option<String>,
    /// Drop findings scoring below this (0..1).
    #[arg(long, default_value_t = 0.5)]
    min_score: f32,
    /// Print raw values. Off by default: a report must not become a second copy of the data.
    #[arg(long)]
    show_values: bool,
    /// Follow symbolic links (loops are detected and reported).
    #[arg(long)]
    follow_links: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// Findings kept in the report per file; counts stay exact beyond it.
    #[arg(long, default_value_t = 1000)]
    max_findings_per_file: usize,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// A file to scan, or one already known to be skipped.
enum Entry {
    File { path: PathBuf, size: u64 },
    Skip(Skipped),
}

pub fn run(args: ScanArgs) -> Result<ExitCode> {
    let kinds = parse_kind_list(&args.kinds)?;
    let fail_on = match &args.fail_on {
        Some(list) => parse_kind_list(list)?,
        None => kinds.iter().filter(|k| k.is_personal()).collect(),
    };
    let include = globs(&args.include).context("in --include")?;
    let exclude = globs(&args.exclude).context("in --exclude")?;
    let started = Instant::now();
    let entries = walk(&args, include.as_ref(), &exclude)?;
    let detector = Detector::with_config(Config {
        kinds,
        min_score: args.min_score,
    });

    let total_bytes: u64 = entries
        .iter()
        .map(|e| {
            if let Entry::File { size, .. } = e {
                *size
            } else {
                0
            }
        })
        .sum();
    let progress = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} scanning [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {msg}",
            )
            .expect("progress template")
            .progress_chars("=> "),
        );
        bar
    };

    let files: Vec<(PathBuf, u64)> = entries
        .iter()
        .filter_map(|e| {
            if let Entry::File { path, size } = e {
                Some((path.clone(), *size))
            } else {
                None
            }
        })
        .collect();
    let mut skipped: Vec<Skipped> = entries
        .into_iter()
        .filter_map(|e| {
            if let Entry::Skip(s) = e {
                Some(s)
            } else {
                None
            }
        })
        .collect();
    let results: Mutex<Vec<Result<FileReport, Skipped>>> =
        Mutex::new(Vec::with_capacity(files.len()));
    let next = AtomicUsize::new(0);
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    std::thread::scope(|s| {
        for _ in 0..threads.min(files.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((path, size)) = files.get(i) else {
                    break;
                };
                progress.set_message(short_name(path));
                let r = scan_file(
                    &detector,
                    path,
                    *size,
                    args.max_findings_per_file,
                    args.show_values,
                    &progress,
                );
                results.lock().expect("results lock").push(r);
            });
        }
    });
    progress.finish_and_clear();

    let mut reports = Vec::new();
    for r in results.into_inner().expect("results lock") {
        match r {
            Ok(report) => reports.push(report),
            Err(skip) => skipped.push(skip),
        }
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let report = Report::new(&args.paths, reports, skipped, started.elapsed());

    let mut out: Box<dyn std::io::Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    match args.format {
        Format::Summary => report::write_summary(&report, &mut out)?,
        Format::Json => report::write_json(&report, &mut out)?,
        Format::Jsonl => report::write_jsonl(&report, &mut out)?,
        Format::Csv => report::write_csv(&report, &mut out)?,
        Format::Sarif => report::write_sarif(&report, &mut out)?,
    }
    out.flush()?;
    drop(out);

    let code = exit_code(&report, fail_on);
    if args.format == Format::Summary || args.output.is_some() {
        let why = match code {
            0 => "no personal data found",
            1 => "personal data found",
            _ => "some paths or files could not be read (listed above); the result is incomplete",
        };
        eprintln!("gezi scan: exit {code}: {why}");
    }
    Ok(ExitCode::from(code))
}

fn exit_code(report: &Report, fail_on: KindSet) -> u8 {
    if report.skipped.iter().any(|s| s.error) {
        return 2;
    }
    let found = report
        .files
        .iter()
        .any(|f| f.counts.keys().any(|k| fail_on.contains(*k)));
    u8::from(found)
}

fn globs(patterns: &[String]) -> Result<Option<GlobSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).with_context(|| format!("bad glob `{p}`"))?);
        // `*.csv` should match in any directory, as people expect from grep-like tools.
        if !p.contains('/') {
            b.add(Glob::new(&format!("**/{p}")).with_context(|| format!("bad glob `{p}`"))?);
        }
    }
    Ok(Some(b.build()?))
}

fn short_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Lists what to scan; everything left out for a reason is listed as skipped.
fn walk(
    args: &ScanArgs,
    include: Option<&GlobSet>,
    exclude: &Option<GlobSet>,
) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for root in &args.paths {
        let meta = match std::fs::symlink_metadata(root) {
            Ok(m) => m,
            Err(e) => {
                entries.push(Entry::Skip(Skipped::error(
                    root,
                    format!("cannot read: {e}"),
                )));
                continue;
            }
        };
        if meta.is_file() {
            entries.push(Entry::File {
                path: root.clone(),
                size: meta.len(),
            });
            continue;
        }
        // Directories are listed by a parallel walker; the order is restored by sorting later.
        let found = Mutex::new(Vec::new());
        ignore::WalkBuilder::new(root)
            .standard_filters(false)
            .follow_links(args.follow_links)
            .threads(args.threads.unwrap_or(0))
            .build_parallel()
            .run(|| {
                Box::new(|item| {
                    if let Some(entry) = classify(item, root, include, exclude) {
                        found.lock().expect("walk lock").push(entry);
                    }
                    ignore::WalkState::Continue
                })
            });
        entries.extend(found.into_inner().expect("walk lock"));
    }
    if entries.is_empty() && args.paths.iter().all(|p| !p.exists()) {
        bail!("none of the given paths exists");
    }
    Ok(entries)
}

/// What the walker's item becomes: a file to scan, a skip with its reason, or nothing
/// (directories, paths left out by the globs).
fn classify(
    item: Result<ignore::DirEntry, ignore::Error>,
    root: &Path,
    include: Option<&GlobSet>,
    exclude: &Option<GlobSet>,
) -> Option<Entry> {
    let entry = match item {
        Ok(e) => e,
        Err(e) => {
            let path = error_path(&e).unwrap_or_else(|| root.to_path_buf());
            return Some(Entry::Skip(Skipped::error(&path, describe_walk_error(&e))));
        }
    };
    let path = entry.path().to_path_buf();
    let ft = entry.file_type()?;
    if ft.is_dir() {
        return None;
    }
    let rel = path.strip_prefix(root).unwrap_or(&path);
    if exclude.as_ref().is_some_and(|g| g.is_match(rel))
        || include.is_some_and(|g| !g.is_match(rel))
    {
        return None;
    }
    if ft.is_symlink() {
        return Some(Entry::Skip(Skipped::note(
            &path,
            "symbolic link: not followed (use --follow-links)",
        )));
    }
    if !ft.is_file() {
        return Some(Entry::Skip(Skipped::note(
            &path,
            "not a regular file (device, socket or pipe)",
        )));
    }
    let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
    Some(Entry::File { path, size })
}

fn error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn describe_walk_error(e: &ignore::Error) -> String {
    match e {
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop back to {}", ancestor.display())
        }
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => {
            describe_walk_error(err)
        }
        ignore::Error::Io(io) => format!("cannot read: {io}"),
        other => format!("cannot read: {other}"),
    }
}

const HEAD: usize = 64 << 10;

fn scan_file(
    detector: &Detector,
    path: &Path,
    size: u64,
    max_findings: usize,
    show_values: bool,
    progress: &ProgressBar,
) -> Result<FileReport, Skipped> {
    if let Some(reason) = gezi_extract::unsupported_format(path) {
        progress.inc(size);
        return Err(Skipped::note(path, reason));
    }
    let head = gezi_extract::read_head(path, HEAD).map_err(|e| {
        progress.inc(size); // the bar still reaches its end
        Skipped::error(path, e.to_string())
    })?;
    let encoding = match gezi_extract::sniff(&head) {
        Sniffed::Text(enc) => enc,
        Sniffed::NotText(reason) => {
            progress.inc(size);
            return Err(Skipped::note(path, &reason));
        }
    };
    let file = File::open(path).map_err(|e| Skipped::error(path, format!("cannot read: {e}")))?;
    let mut report = FileReport::new(path, size, encoding.name());
    let mut lines_before = 0u64; // newlines before the current chunk's owned part
    for chunk in Chunks::new(
        CountingReader {
            inner: file,
            progress,
        },
        encoding,
        ChunkOptions::default(),
    ) {
        let chunk = chunk
            .map_err(|e| Skipped::error(path, format!("{e} (after {} findings)", report.total)))?;
        let text = &chunk.text;
        let bytes = text.as_bytes();
        // Line and column advance with a cursor over the sorted findings, so a chunk
        // with no newline (a 1 GB single line) costs no more than one with many.
        let mut line = lines_before;
        let mut cursor = chunk.owned_start();
        let mut line_known = true;
        let mut column = match memchr::memrchr(b'\n', &bytes[..cursor]) {
            Some(nl) => text[nl + 1..cursor].chars().count() as u64,
            None if chunk.offset == 0 => text[..cursor].chars().count() as u64,
            None => {
                line_known = false; // the line began in an earlier chunk
                0
            }
        };
        for f in detector
            .find(text)
            .into_iter()
            .filter(|f| chunk.owns(f.start()))
        {
            let segment = &bytes[cursor..f.start()];
            match memchr::memrchr(b'\n', segment) {
                Some(nl) => {
                    line += memchr::memchr_iter(b'\n', segment).count() as u64;
                    column = text[cursor + nl + 1..f.start()].chars().count() as u64;
                    line_known = true;
                }
                None => column += text[cursor..f.start()].chars().count() as u64,
            }
            cursor = f.start();
            let column = line_known.then_some(column + 1);
            report.add(
                FileFinding {
                    finding: Described::of(&f, text, show_values),
                    line: line + 1,
                    column,
                    offset: chunk.offset + f.start() as u64,
                    length: f.end() - f.start(),
                },
                max_findings,
            );
        }
        lines_before += memchr::memchr_iter(
            b'\n',
            &text.as_bytes()[chunk.owned_start()..chunk.owned_end()],
        )
        .count() as u64;
        report.replaced_sequences = chunk.replaced;
    }
    report.special_category = report.counts.keys().any(|k: &Kind| k.is_special_category());
    Ok(report)
}

/// Counts bytes read, for the progress bar.
struct CountingReader<'a, R> {
    inner: R,
    progress: &'a ProgressBar,
}

impl<R: Read> Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.inc(n as u64);
        Ok(n)
    }
}
