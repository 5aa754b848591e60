//! `gezi scan`: walk paths, read text files, detect, report.

use std::fs::File;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use gezi_detect::{Config, Detector, KindSet};
use globset::{Glob, GlobSet, GlobSetBuilder};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cache::{Cache, Cached};
use crate::documents::ReportSink;
use crate::kinds::parse_kind_list;
use crate::report::{self, FileReport, Report, Skipped};

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
Reads text in UTF-8, UTF-16, Big5, GB18030 and other encodings it detects; office files (docx,
xlsx, xlsm, xls, pptx, odt, ods, odp, rtf); PDFs (text layer through poppler's pdftotext); mail
(eml, mbox, msg) with attachments; html, xml, csv, tsv, json, jsonl; and archives (zip, tar, gz,
7z), nested. With --ocr, images (png, jpg, tiff, bmp) and PDF pages without text are read by OCR;
without it they are listed as not read. Each finding says where it is: line and column, page,
slide, sheet and cell (B7), the member of an archive (forms.zip!2024/a.docx), the mail part.
Tables are read with their header as context and profiled per column.

Hostile files are contained: archive depth, member count, expansion ratio, total size and time per
file are limited; encrypted files are reported as such; a corrupt file is an error for that file.

Exit codes: 0 nothing personal found; 1 personal data found (or, with --fail-on, one of those
kinds); 2 something could not be fully read (unreadable, encrypted, a limit reached, not read),
so the result is incomplete. 2 wins over 1: the report says what was found either way.
JSON and CSV: `line`/`column` count lines and characters; `offset`/`length` count bytes of the
decoded UTF-8 text.

Examples:
  gezi scan ./share
  gezi scan share/ --ocr --cache ~/.cache/gezi-share.db       # re-reads only what changed
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
    /// Read images and PDF pages without a text layer by OCR (Traditional and Simplified
    /// Chinese, English). Needs the models: scripts/setup_ocr.sh.
    #[arg(long)]
    ocr: bool,
    /// Remember each file's size, time and content hash in this SQLite file, and read
    /// again only what changed; the report still covers everything.
    #[arg(long, value_name = "FILE")]
    cache: Option<PathBuf>,
    /// Seconds one file may take, with everything inside it.
    #[arg(long, default_value_t = 120, value_name = "SECONDS")]
    time_per_file: u64,
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
    if args.cache.is_some() && args.show_values {
        bail!("--cache cannot be used with --show-values: the cache must not keep raw values");
    }
    let include = globs(&args.include).context("in --include")?;
    let exclude = globs(&args.exclude).context("in --exclude")?;
    let started = Instant::now();
    let mut options = gezi_extract::Options::default();
    options.limits.time_per_file = Duration::from_secs(args.time_per_file.max(1));
    if args.ocr {
        options.ocr = Some(load_ocr()?);
    }
    // What makes a cached result stale besides the file: this gezi and these options.
    let fingerprint = format!(
        "gezi {} kinds={} min_score={} ocr={} max_findings={} time={}",
        env!("CARGO_PKG_VERSION"),
        args.kinds,
        args.min_score,
        args.ocr,
        args.max_findings_per_file,
        args.time_per_file
    );
    let cache = match &args.cache {
        Some(p) => Some(Cache::open(p, &fingerprint)?),
        None => None,
    };
    let entries = walk(&args, include.as_ref(), &exclude)?;
    let detector = Detector::with_config(Config {
        kinds,
        min_score: args.min_score,
    });

    let files: Vec<(PathBuf, u64)> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::File { path, size } => Some((path.clone(), *size)),
            Entry::Skip(_) => None,
        })
        .collect();
    let total_bytes: u64 = files.iter().map(|(_, n)| n).sum();
    let mut skipped: Vec<Skipped> = entries
        .into_iter()
        .filter_map(|e| match e {
            Entry::Skip(s) => Some(s),
            Entry::File { .. } => None,
        })
        .collect();
    let progress = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} · {prefix} files · {wide_msg}",
            )
            .expect("progress template")
            .progress_chars("=> "),
        );
        bar
    };
    let files_done = AtomicUsize::new(0);
    progress.set_prefix(format!("0/{}", files.len()));

    let results: Mutex<Vec<(usize, Cached)>> = Mutex::new(Vec::with_capacity(files.len()));
    let from_cache = AtomicUsize::new(0);
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
                progress.set_message(report::escaped(&short_name(path)).into_owned());
                let cached = cache.as_ref().and_then(|c| c.lookup(path));
                let result = match cached {
                    Some(hit) => {
                        progress.inc(*size);
                        from_cache.fetch_add(hit.reports.len(), Ordering::Relaxed);
                        hit
                    }
                    None => {
                        let mut sink = ReportSink::new(
                            &detector,
                            args.show_values,
                            args.max_findings_per_file,
                            &progress,
                            *size,
                        );
                        gezi_extract::extract_file(path, &options, &mut sink);
                        sink.finish_progress();
                        let result = Cached {
                            reports: std::mem::take(&mut sink.reports),
                            skipped: std::mem::take(&mut sink.skipped),
                        };
                        if let Some(c) = &cache {
                            c.store(path, &result);
                        }
                        result
                    }
                };
                let done = files_done.fetch_add(1, Ordering::Relaxed) + 1;
                progress.set_prefix(format!("{done}/{}", files.len()));
                results.lock().expect("results lock").push((i, result));
            });
        }
    });
    progress.finish_and_clear();
    if let Some(c) = cache {
        if let Err(e) = c.save() {
            eprintln!("gezi scan: warning: the cache could not be saved: {e:#}");
        }
    }

    let mut reports: Vec<FileReport> = Vec::new();
    let mut results = results.into_inner().expect("results lock");
    results.sort_by_key(|(i, _)| *i);
    for (_, r) in results {
        reports.extend(r.reports);
        skipped.extend(r.skipped);
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let report = Report::new(
        &args.paths,
        reports,
        skipped,
        from_cache.into_inner(),
        started.elapsed(),
    );

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
            _ if args.output.is_some() => "some files or parts could not be fully read (listed under \"skipped\" in the report); the result is incomplete",
            _ => "some files or parts could not be fully read (listed above); the result is incomplete",
        };
        eprintln!("gezi scan: exit {code}: {why}");
    }
    Ok(ExitCode::from(code))
}

/// The OCR engine, from the models installed by scripts/setup_ocr.sh.
#[cfg(feature = "ocr")]
fn load_ocr() -> Result<Arc<dyn gezi_extract::Ocr>> {
    let dir = gezi_ocr::OcrEngine::default_dir();
    let engine = gezi_ocr::OcrEngine::from_dir(&dir)
        .with_context(|| format!("--ocr: cannot load the OCR models from {}", dir.display()))?;
    Ok(Arc::new(engine))
}

#[cfg(not(feature = "ocr"))]
fn load_ocr() -> Result<Arc<dyn gezi_extract::Ocr>> {
    bail!("--ocr: this gezi was built without OCR (cargo feature `ocr`)")
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
