//! `gezi detect`: JSONL records in, JSONL spans out — the batch interface for
//! pipelines and for measuring accuracy.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use gezi_detect::{Config, Detector};
use serde_json::Value;

use crate::kinds::parse_kind_list;
use crate::output::spans;

/// Arguments of `gezi detect`.
#[derive(Args)]
#[command(
    after_help = "Input, one JSON object per line:  {\"id\": \"a1\", \"text\": \"電話 0912-345-678\"}\n\
Output, one line per input line, in the same order:\n  \
{\"id\":\"a1\",\"spans\":[{\"start\":3,\"end\":15,\"bstart\":7,\"bend\":19,\"kind\":\"PHONE\",\"score\":0.95,…}]}\n\
start/end count Unicode characters, bstart/bend UTF-8 bytes. A line that is not a JSON object\n\
with a string \"text\" (or one that is not UTF-8) is reported on stderr by line\n\
number and answered in its place with {\"id\":null,\"line\":N,\"error\":…}; the exit code is then 2.\n\
An empty line is answered with {\"id\":null,\"spans\":[]}."
)]
pub struct DetectArgs {
    /// JSONL file to read; `-` or nothing reads standard input.
    input: Option<PathBuf>,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Only these kinds (comma-separated ids, or `ids`, `text`, `all`).
    #[arg(long, default_value = "all")]
    kinds: String,
    /// Drop findings scoring below this (0..1).
    #[arg(long, default_value_t = 0.5)]
    min_score: f32,
    /// Include the raw value of each span (`text`). Off by default: output is not a second copy of the data.
    #[arg(long)]
    show_values: bool,
}

pub fn run(args: DetectArgs) -> Result<ExitCode> {
    let config = Config {
        kinds: parse_kind_list(&args.kinds)?,
        min_score: args.min_score,
    };
    let detector = Detector::with_config(config);
    let reader: Box<dyn BufRead> = match &args.input {
        Some(p) if p.as_os_str() != "-" => Box::new(BufReader::new(
            File::open(p).with_context(|| format!("cannot open {}", p.display()))?,
        )),
        _ => Box::new(BufReader::new(io::stdin().lock())),
    };
    let writer: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut writer = BufWriter::new(writer);
    let mut bad_lines = 0usize;
    let mut batch: Vec<(usize, String)> = Vec::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let flush = |batch: &mut Vec<(usize, String)>,
                 writer: &mut BufWriter<Box<dyn Write>>|
     -> Result<usize> {
        let results = process_batch(&detector, batch, threads, args.show_values);
        let mut bad = 0;
        for (line_no, result) in results {
            match result {
                Ok(json) => writeln!(writer, "{json}")?,
                Err(reason) => {
                    bad += 1;
                    eprintln!("gezi detect: line {line_no}: {reason}; skipped");
                    writeln!(
                        writer,
                        "{}",
                        serde_json::json!({"id": Value::Null, "line": line_no, "error": reason})
                    )?;
                }
            }
        }
        batch.clear();
        Ok(bad)
    };
    // Lines are read as bytes, so a line that is not UTF-8 still gets its answer in its
    // place: one output line per input line, always.
    for (i, line) in reader.split(b'\n').enumerate() {
        let line_no = i + 1;
        let mut line = line.with_context(|| format!("cannot read input at line {line_no}"))?;
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        let line = String::from_utf8(line).unwrap_or_else(|_| {
            // Marks the line as unreadable for one_line without echoing its bytes.
            String::from(NOT_UTF8)
        });
        batch.push((line_no, line));
        if batch.len() >= 4096 {
            bad_lines += flush(&mut batch, &mut writer)?;
        }
    }
    bad_lines += flush(&mut batch, &mut writer)?;
    writer.flush()?;
    Ok(if bad_lines > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

type LineResult = (usize, Result<String, String>);

fn process_batch(
    detector: &Detector,
    batch: &[(usize, String)],
    threads: usize,
    show_values: bool,
) -> Vec<LineResult> {
    let chunk = batch.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = batch
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|(n, line)| (*n, one_line(detector, line, show_values)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("detector thread"))
            .collect()
    })
}

/// Stands for a line that is not UTF-8 (a JSON text can never be this).
const NOT_UTF8: &str = "\u{0}not utf-8";

fn one_line(detector: &Detector, line: &str, show_values: bool) -> Result<String, String> {
    if line == NOT_UTF8 {
        return Err("not UTF-8 text".into());
    }
    if line.trim().is_empty() {
        // Nothing to read, but still a line of output in its place.
        return Ok(r#"{"id":null,"spans":[]}"#.into());
    }
    let record: Value = serde_json::from_str(line).map_err(|e| format!("not JSON ({e})"))?;
    let text = record
        .get("text")
        .and_then(Value::as_str)
        .ok_or("no string field \"text\"")?;
    let id = record.get("id").cloned().unwrap_or(Value::Null);
    let findings = detector.find(text);
    let out = serde_json::json!({"id": id, "spans": spans(text, &findings, show_values)});
    Ok(out.to_string())
}
