//! The scan report and its formats: summary, JSON, JSONL, CSV, SARIF.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Result;
use gezi_detect::Kind;
use serde::Serialize;
use serde_json::json;

use crate::output::Described;

/// The version of the JSON report format; `gezi register import` checks it.
pub const REPORT_VERSION: u32 = 1;

/// One finding in a file: what it is, and where (line, column, offset).
#[derive(Debug, Clone, Serialize)]
pub struct FileFinding {
    #[serde(flatten)]
    pub finding: Described,
    /// 1-based line.
    pub line: u64,
    /// 1-based column in characters, when the line starts inside the chunk that found it.
    pub column: Option<u64>,
    /// Byte offset in the decoded (UTF-8) text of the file.
    pub offset: u64,
    /// Length in bytes of the decoded value.
    pub length: usize,
}

/// What was found in one file.
#[derive(Debug, Serialize)]
pub struct FileReport {
    pub path: String,
    pub bytes: u64,
    pub encoding: &'static str,
    /// Malformed byte sequences replaced while decoding (0 for clean files).
    pub replaced_sequences: u64,
    pub total: u64,
    #[serde(serialize_with = "counts_ids")]
    pub counts: BTreeMap<Kind, u64>,
    pub special_category: bool,
    /// Whether `findings` holds fewer than `total` (see --max-findings-per-file).
    pub truncated: bool,
    pub findings: Vec<FileFinding>,
}

fn counts_ids<S: serde::Serializer>(m: &BTreeMap<Kind, u64>, s: S) -> Result<S::Ok, S::Error> {
    let by_id: BTreeMap<&str, u64> = m.iter().map(|(k, n)| (k.id(), *n)).collect();
    by_id.serialize(s)
}

impl FileReport {
    pub fn new(path: &Path, bytes: u64, encoding: &'static str) -> FileReport {
        FileReport {
            path: path.display().to_string(),
            bytes,
            encoding,
            replaced_sequences: 0,
            total: 0,
            counts: BTreeMap::new(),
            special_category: false,
            truncated: false,
            findings: Vec::new(),
        }
    }

    pub fn add(&mut self, f: FileFinding, max: usize) {
        self.total += 1;
        *self.counts.entry(f.finding.kind).or_default() += 1;
        if self.findings.len() < max {
            self.findings.push(f);
        } else {
            self.truncated = true;
        }
    }
}

/// A path that was not scanned, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
    /// True when the path should have been read but could not be (the scan is incomplete).
    pub error: bool,
}

impl Skipped {
    pub fn error(path: &Path, reason: impl Into<String>) -> Skipped {
        Skipped {
            path: path.display().to_string(),
            reason: reason.into(),
            error: true,
        }
    }
    pub fn note(path: &Path, reason: impl Into<String>) -> Skipped {
        Skipped {
            path: path.display().to_string(),
            reason: reason.into(),
            error: false,
        }
    }
}

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    pub format: &'static str,
    pub version: u32,
    pub gezi_version: &'static str,
    pub scanned_at: String,
    pub roots: Vec<String>,
    pub summary: Summary,
    pub files: Vec<FileReport>,
    pub skipped: Vec<Skipped>,
}

/// Totals.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub files_scanned: usize,
    pub files_with_findings: usize,
    pub files_skipped: usize,
    pub files_unreadable: usize,
    pub bytes_scanned: u64,
    pub findings: u64,
    pub by_kind: BTreeMap<&'static str, u64>,
    pub files_by_kind: BTreeMap<&'static str, usize>,
    pub special_category_files: usize,
    pub elapsed_ms: u128,
}

impl Report {
    pub fn new(
        roots: &[PathBuf],
        scanned: Vec<FileReport>,
        skipped: Vec<Skipped>,
        elapsed: Duration,
    ) -> Report {
        let mut by_kind = BTreeMap::new();
        let mut files_by_kind = BTreeMap::new();
        for f in &scanned {
            for (k, n) in &f.counts {
                *by_kind.entry(k.id()).or_default() += n;
                *files_by_kind.entry(k.id()).or_default() += 1;
            }
        }
        let summary = Summary {
            files_scanned: scanned.len(),
            files_with_findings: scanned.iter().filter(|f| f.total > 0).count(),
            files_skipped: skipped.iter().filter(|s| !s.error).count(),
            files_unreadable: skipped.iter().filter(|s| s.error).count(),
            bytes_scanned: scanned.iter().map(|f| f.bytes).sum(),
            findings: scanned.iter().map(|f| f.total).sum(),
            by_kind,
            files_by_kind,
            special_category_files: scanned.iter().filter(|f| f.special_category).count(),
            elapsed_ms: elapsed.as_millis(),
        };
        let files = scanned.into_iter().filter(|f| f.total > 0).collect();
        Report {
            format: "gezi-scan",
            version: REPORT_VERSION,
            gezi_version: env!("CARGO_PKG_VERSION"),
            scanned_at: utc_now(),
            roots: roots.iter().map(|p| p.display().to_string()).collect(),
            summary,
            files,
            skipped,
        }
    }
}

/// The current time as RFC 3339 UTC (`2026-11-22T20:30:00Z`).
pub fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

pub fn write_summary(r: &Report, out: &mut dyn Write) -> Result<()> {
    let s = &r.summary;
    writeln!(
        out,
        "gezi scan: {} files scanned ({}), {} with personal data, {} skipped, {} unreadable — {:.1} s",
        s.files_scanned,
        human_bytes(s.bytes_scanned),
        s.files_with_findings,
        s.files_skipped,
        s.files_unreadable,
        s.elapsed_ms as f64 / 1000.0
    )?;
    for f in &r.files {
        writeln!(out)?;
        let special = if f.special_category {
            "  ⚠ special category (PDPA Art. 6)"
        } else {
            ""
        };
        writeln!(
            out,
            "{}  ({}, {}){special}",
            f.path,
            f.encoding,
            human_bytes(f.bytes)
        )?;
        for (kind, n) in &f.counts {
            let mut previews: Vec<&str> = Vec::new();
            for x in f.findings.iter().filter(|x| x.finding.kind == *kind) {
                let shown = x.finding.shown();
                if !previews.contains(&shown) {
                    previews.push(shown);
                }
                if previews.len() == 3 {
                    break;
                }
            }
            let first_line = f
                .findings
                .iter()
                .find(|x| x.finding.kind == *kind)
                .map(|x| x.line);
            let at = first_line
                .map(|l| format!("  (first at line {l})"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {:<26} {:>7}  {}{at}",
                kind.id(),
                n,
                previews.join(", ")
            )?;
        }
        if f.replaced_sequences > 0 {
            writeln!(
                out,
                "  note: malformed byte sequences were replaced while decoding as {}",
                f.encoding
            )?;
        }
    }
    if !s.by_kind.is_empty() {
        writeln!(out, "\nBy kind:{:>27} {:>7}", "findings", "files")?;
        for (kind, n) in &s.by_kind {
            writeln!(out, "  {:<26} {:>7} {:>7}", kind, n, s.files_by_kind[kind])?;
        }
    }
    if !r.skipped.is_empty() {
        writeln!(out, "\nSkipped:")?;
        for k in &r.skipped {
            let tag = if k.error { "unreadable" } else { "skipped" };
            writeln!(out, "  {} — {tag}: {}", k.path, k.reason)?;
        }
    }
    Ok(())
}

pub fn write_json(r: &Report, out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, r)?;
    writeln!(out)?;
    Ok(())
}

pub fn write_jsonl(r: &Report, out: &mut dyn Write) -> Result<()> {
    for f in &r.files {
        for x in &f.findings {
            let mut v = serde_json::to_value(x)?;
            v["path"] = json!(f.path);
            writeln!(out, "{v}")?;
        }
    }
    for k in &r.skipped {
        writeln!(
            out,
            "{}",
            json!({"path": k.path, "skipped": k.reason, "error": k.error})
        )?;
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn write_csv(r: &Report, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "path,line,column,offset,kind,score,validated,rule,preview,value,note"
    )?;
    for f in &r.files {
        for x in &f.findings {
            writeln!(
                out,
                "{},{},{},{},{},{:.3},{},{},{},{},",
                csv_field(&f.path),
                x.line,
                x.column.map(|c| c.to_string()).unwrap_or_default(),
                x.offset,
                x.finding.kind.id(),
                x.finding.score,
                x.finding.validated,
                x.finding.rule,
                csv_field(&x.finding.preview),
                csv_field(x.finding.text.as_deref().unwrap_or("")),
            )?;
        }
    }
    for k in &r.skipped {
        let tag = if k.error { "unreadable" } else { "skipped" };
        writeln!(
            out,
            "{},,,,,,,,,,{}",
            csv_field(&k.path),
            csv_field(&format!("{tag}: {}", k.reason))
        )?;
    }
    Ok(())
}

pub fn write_sarif(r: &Report, out: &mut dyn Write) -> Result<()> {
    let rules: Vec<_> = Kind::ALL
        .iter()
        .map(|k| {
            json!({
                "id": k.id(),
                "shortDescription": {"text": k.label()},
                "properties": {"personal": k.is_personal(), "pdpa_category": k.pdpa_category()},
            })
        })
        .collect();
    let mut results = Vec::new();
    for f in &r.files {
        for x in &f.findings {
            let level = if x.finding.kind.is_special_category() {
                "error"
            } else if x.finding.kind.is_personal() {
                "warning"
            } else {
                "note"
            };
            let mut region = json!({"startLine": x.line});
            if let Some(c) = x.column {
                region["startColumn"] = json!(c);
            }
            results.push(json!({
                "ruleId": x.finding.kind.id(),
                "level": level,
                "message": {"text": format!("{} ({})", x.finding.kind.label(), x.finding.shown())},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path}, "region": region}}],
                "properties": {"score": x.finding.score, "validated": x.finding.validated, "rule": x.finding.rule},
            }));
        }
    }
    let notifications: Vec<_> = r
        .skipped
        .iter()
        .map(|k| {
            json!({
                "level": if k.error { "error" } else { "note" },
                "message": {"text": format!("{}: {}", k.path, k.reason)},
            })
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "gezi", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "invocations": [{"executionSuccessful": r.summary.files_unreadable == 0, "toolExecutionNotifications": notifications}],
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)?;
    Ok(())
}
