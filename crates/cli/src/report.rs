//! The scan report and its formats: summary, JSON, JSONL, CSV, SARIF.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Result;
use gezi_detect::Kind;
use gezi_extract::UnreadKind;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::output::Described;

/// The version of the JSON report format; `gezi register import` checks it. Version 2
/// added document formats, locations inside documents, table profiles and the estimated
/// number of records.
pub const REPORT_VERSION: u32 = 2;

/// Where inside its document a finding is, besides line and column.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Location {
    /// PDF page (also of a scanned page read by OCR).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// Slide of a presentation.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub slide: Option<u32>,
    /// Part of a document: `body`, `header`, `footnotes`, a mail's `headers`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub part: Option<String>,
    /// Sheet of a spreadsheet.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sheet: Option<String>,
    /// Table of another document (`table 2`, a CSV file's name).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub table: Option<String>,
    /// Cell name (`B7`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cell: Option<String>,
    /// OCR: the box of the line, `x0, y0, x1, y1` in pixels of the page image.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub bbox: Option<[u32; 4]>,
}

impl Location {
    /// `page 3, line 5`, `sheet 名冊 B7`: for people.
    pub fn describe(&self, line: u64, column: Option<u64>) -> String {
        let mut parts = Vec::new();
        if let Some(p) = self.page {
            parts.push(format!("page {p}"));
        }
        if let Some(s) = self.slide {
            parts.push(format!("slide {s}"));
        }
        if let Some(p) = &self.part {
            parts.push(p.clone());
        }
        if let (Some(s), Some(c)) = (&self.sheet, &self.cell) {
            parts.push(format!("sheet {s} {c}"));
            return parts.join(", ");
        }
        if let (Some(t), Some(c)) = (&self.table, &self.cell) {
            parts.push(format!("{t} {c}"));
            return parts.join(", ");
        }
        parts.push(match column {
            Some(c) => format!("line {line}:{c}"),
            None => format!("line {line}"),
        });
        parts.join(", ")
    }
}

/// One finding in a file: what it is, and where.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileFinding {
    #[serde(flatten)]
    pub finding: Described,
    /// 1-based line (of a text file, a page, a part; the row of a table).
    pub line: u64,
    /// 1-based column in characters, when known.
    pub column: Option<u64>,
    /// Byte offset in the decoded (UTF-8) text of a text file.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub offset: Option<u64>,
    /// Length in bytes of the decoded value.
    pub length: usize,
    /// Where inside the document.
    #[serde(flatten)]
    pub location: Location,
}

/// What one column of a table holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ColumnProfile {
    /// The column's letter (`B`) or, for JSON, its key.
    pub column: String,
    /// Its header, masked where it looks personal.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub header: Option<String>,
    /// Non-empty cells.
    pub cells: u64,
    /// Cells holding each kind.
    pub kinds: BTreeMap<String, u64>,
    /// The kind most cells hold, and in what share of the non-empty cells.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub main_kind: Option<String>,
    /// Share (0..1) of non-empty cells holding `main_kind`.
    pub share: f64,
    /// Share (0..1) of non-empty cells holding any personal kind (an ID column holds
    /// national IDs and resident certificates alike).
    pub personal_share: f64,
}

/// What one table holds: per column, and how many rows hold personal data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableProfile {
    /// Sheet or table name.
    pub name: String,
    /// Data rows read (without the header).
    pub rows: u64,
    /// Rows holding at least one personal value.
    pub rows_with_personal_data: u64,
    /// Columns holding at least one finding.
    pub columns: Vec<ColumnProfile>,
}

/// What was found in one document (a file, or a member of an archive or mail).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileReport {
    /// The path; members follow their container after `!` (`forms.zip!2024/a.docx`).
    pub path: String,
    /// The exact bytes of the path in hex, when it is not valid UTF-8 (then `path` shows
    /// the damaged bytes as U+FFFD).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path_hex: Option<String>,
    /// The format read (`text`, `docx`, `pdf`, …).
    pub format: String,
    /// Whether this is a member of an archive or mail rather than a file on disk.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub member: bool,
    pub bytes: u64,
    /// The text encoding, for text files.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub encoding: Option<String>,
    /// Malformed byte sequences replaced while decoding (0 for clean files).
    pub replaced_sequences: u64,
    pub total: u64,
    #[serde(serialize_with = "counts_ids", deserialize_with = "ids_counts")]
    pub counts: BTreeMap<Kind, u64>,
    pub special_category: bool,
    /// Estimated records (people) whose data the document holds: rows of tables with a
    /// personal value, and for other text the count of the most frequent personal kind.
    pub records: u64,
    /// Tables with what each column holds.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub tables: Vec<TableProfile>,
    /// Whether `findings` holds fewer than `total` (see --max-findings-per-file).
    pub truncated: bool,
    pub findings: Vec<FileFinding>,
}

fn counts_ids<S: serde::Serializer>(m: &BTreeMap<Kind, u64>, s: S) -> Result<S::Ok, S::Error> {
    let by_id: BTreeMap<&str, u64> = m.iter().map(|(k, n)| (k.id(), *n)).collect();
    by_id.serialize(s)
}

fn ids_counts<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<Kind, u64>, D::Error> {
    let by_id = BTreeMap::<String, u64>::deserialize(d)?;
    by_id
        .into_iter()
        .map(|(k, n)| Ok((k.parse().map_err(serde::de::Error::custom)?, n)))
        .collect()
}

impl FileReport {
    pub fn new(path: &str, path_hex: Option<String>, bytes: u64, format: &str) -> FileReport {
        FileReport {
            path: path.to_string(),
            path_hex,
            format: format.to_string(),
            member: false,
            bytes,
            encoding: None,
            replaced_sequences: 0,
            total: 0,
            counts: BTreeMap::new(),
            special_category: false,
            records: 0,
            tables: Vec::new(),
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

/// A path that was not (fully) read, and why.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path_hex: Option<String>,
    pub reason: String,
    /// `no_text`, `not_read`, `encrypted`, `limit`, `error`.
    pub status: String,
    /// True when something that could hold personal data was not read (the scan is
    /// incomplete: exit 2).
    pub error: bool,
}

impl Skipped {
    pub fn new(
        path: &str,
        path_hex: Option<String>,
        status: UnreadKind,
        reason: impl Into<String>,
    ) -> Skipped {
        Skipped {
            path: path.to_string(),
            path_hex,
            reason: reason.into(),
            status: status.id().to_string(),
            error: status.incomplete(),
        }
    }
    pub fn error(path: &Path, reason: impl Into<String>) -> Skipped {
        let (p, hex) = shown_path(path);
        Skipped::new(&p, hex, UnreadKind::Error, reason)
    }
    pub fn note(path: &Path, reason: impl Into<String>) -> Skipped {
        let (p, hex) = shown_path(path);
        Skipped::new(&p, hex, UnreadKind::NoText, reason)
    }
}

/// A path as text, and its exact bytes in hex when it is not UTF-8.
pub fn shown_path(path: &Path) -> (String, Option<String>) {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(_) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some(bytes.iter().map(|b| format!("{b:02x}")).collect()),
        ),
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

/// Documents and bytes read of one format.
#[derive(Debug, Default, Serialize)]
pub struct FormatTotals {
    pub documents: usize,
    pub bytes: u64,
    pub with_findings: usize,
}

/// Totals.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Documents read: files, and members of archives and mail.
    pub files_scanned: usize,
    pub files_with_findings: usize,
    pub files_skipped: usize,
    pub files_unreadable: usize,
    pub bytes_scanned: u64,
    pub findings: u64,
    /// Estimated records holding personal data, over all documents.
    pub records: u64,
    pub by_kind: BTreeMap<&'static str, u64>,
    pub files_by_kind: BTreeMap<&'static str, usize>,
    pub by_format: BTreeMap<String, FormatTotals>,
    pub special_category_files: usize,
    /// Documents taken from the --cache without reading them again.
    pub from_cache: usize,
    pub elapsed_ms: u128,
}

impl Report {
    pub fn new(
        roots: &[PathBuf],
        scanned: Vec<FileReport>,
        skipped: Vec<Skipped>,
        from_cache: usize,
        elapsed: Duration,
    ) -> Report {
        let mut by_kind = BTreeMap::new();
        let mut files_by_kind = BTreeMap::new();
        let mut by_format: BTreeMap<String, FormatTotals> = BTreeMap::new();
        for f in &scanned {
            for (k, n) in &f.counts {
                *by_kind.entry(k.id()).or_default() += n;
                *files_by_kind.entry(k.id()).or_default() += 1;
            }
            let t = by_format.entry(f.format.clone()).or_default();
            t.documents += 1;
            t.bytes += f.bytes;
            t.with_findings += usize::from(f.total > 0);
        }
        let summary = Summary {
            files_scanned: scanned.len(),
            files_with_findings: scanned.iter().filter(|f| f.total > 0).count(),
            files_skipped: skipped.iter().filter(|s| !s.error).count(),
            files_unreadable: skipped.iter().filter(|s| s.error).count(),
            bytes_scanned: scanned.iter().filter(|f| !f.member).map(|f| f.bytes).sum(),
            findings: scanned.iter().map(|f| f.total).sum(),
            records: scanned.iter().map(|f| f.records).sum(),
            by_kind,
            files_by_kind,
            by_format,
            special_category_files: scanned.iter().filter(|f| f.special_category).count(),
            from_cache,
            elapsed_ms: elapsed.as_millis(),
        };
        let files = scanned.into_iter().filter(|f| f.total > 0).collect();
        Report {
            format: "gezi-scan",
            version: REPORT_VERSION,
            gezi_version: env!("CARGO_PKG_VERSION"),
            scanned_at: utc_now(),
            roots: roots.iter().map(|p| shown_path(p).0).collect(),
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

/// A path or reason as the terminal may show it: control characters, line breaks and
/// bidirectional controls written as escapes, so a file name cannot rewrite the screen
/// or make one line look like another.
pub fn escaped(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

pub fn write_summary(r: &Report, out: &mut dyn Write) -> Result<()> {
    let s = &r.summary;
    writeln!(
        out,
        "gezi scan: {} documents read ({}), {} with personal data, {} skipped, {} not fully read — {:.1} s",
        s.files_scanned,
        gezi_extract::human(s.bytes_scanned),
        s.files_with_findings,
        s.files_skipped,
        s.files_unreadable,
        s.elapsed_ms as f64 / 1000.0
    )?;
    if s.from_cache > 0 {
        writeln!(
            out,
            "  ({} unchanged documents taken from the cache)",
            s.from_cache
        )?;
    }
    for f in &r.files {
        writeln!(out)?;
        let special = if f.special_category {
            "  ⚠ special category (PDPA Art. 6)"
        } else {
            ""
        };
        let what = match &f.encoding {
            Some(enc) => format!("{}, {enc}", f.format),
            None => f.format.clone(),
        };
        writeln!(
            out,
            "{}  ({what}, {}, ~{} records){special}",
            escaped(&f.path),
            gezi_extract::human(f.bytes),
            f.records
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
            let at = f
                .findings
                .iter()
                .find(|x| x.finding.kind == *kind)
                .map(|x| {
                    format!(
                        "  (first at {})",
                        escaped(&x.location.describe(x.line, x.column))
                    )
                })
                .unwrap_or_default();
            writeln!(
                out,
                "  {:<26} {:>7}  {}{at}",
                kind.id(),
                n,
                escaped(&previews.join(", "))
            )?;
        }
        for t in &f.tables {
            let cols: Vec<String> = t
                .columns
                .iter()
                .filter_map(|c| {
                    c.main_kind.as_ref()?;
                    let name = c
                        .header
                        .as_deref()
                        .map_or(c.column.clone(), |h| format!("{} {h}", c.column));
                    // Every kind the column holds, most frequent first (an ID column holds
                    // Taiwan, Hong Kong and mainland numbers alike), and the share of its
                    // cells holding any personal value.
                    let mut kinds: Vec<(&String, &u64)> = c.kinds.iter().collect();
                    kinds.sort_by(|a, b| b.1.cmp(a.1));
                    let kinds: Vec<&str> = kinds.iter().map(|(k, _)| k.as_str()).collect();
                    Some(format!(
                        "{} = {} {:.0}%",
                        escaped(&name),
                        kinds.join("/"),
                        c.personal_share.max(c.share) * 100.0
                    ))
                })
                .collect();
            if !cols.is_empty() {
                writeln!(
                    out,
                    "  table {}: {} of {} rows hold personal data; {}",
                    escaped(&t.name),
                    t.rows_with_personal_data,
                    t.rows,
                    cols.join("; ")
                )?;
            }
        }
        if f.replaced_sequences > 0 {
            writeln!(
                out,
                "  note: malformed byte sequences were replaced while decoding as {}",
                f.encoding.as_deref().unwrap_or("text")
            )?;
        }
    }
    if !s.by_kind.is_empty() {
        writeln!(out, "\nBy kind:{:>27} {:>7}", "findings", "files")?;
        for (kind, n) in &s.by_kind {
            writeln!(out, "  {:<26} {:>7} {:>7}", kind, n, s.files_by_kind[kind])?;
        }
    }
    if !s.by_format.is_empty() {
        writeln!(
            out,
            "\nBy format:{:>15} {:>10} {:>14}",
            "documents", "size", "with findings"
        )?;
        for (format, t) in &s.by_format {
            writeln!(
                out,
                "  {:<12} {:>10} {:>10} {:>14}",
                format,
                t.documents,
                gezi_extract::human(t.bytes),
                t.with_findings
            )?;
        }
    }
    if !r.skipped.is_empty() {
        writeln!(out, "\nNot read:")?;
        for k in &r.skipped {
            let tag = match k.status.as_str() {
                "no_text" => "skipped",
                "encrypted" => "encrypted",
                "limit" => "limit reached",
                "not_read" => "not read",
                _ => "unreadable",
            };
            writeln!(
                out,
                "  {} — {tag}: {}",
                escaped(&k.path),
                escaped(&k.reason)
            )?;
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
        "path,line,column,offset,where,kind,score,validated,rule,preview,value,note"
    )?;
    for f in &r.files {
        for x in &f.findings {
            writeln!(
                out,
                "{},{},{},{},{},{},{:.3},{},{},{},{},",
                csv_field(&f.path),
                x.line,
                x.column.map(|c| c.to_string()).unwrap_or_default(),
                x.offset.map(|c| c.to_string()).unwrap_or_default(),
                csv_field(&x.location.describe(x.line, x.column)),
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
        writeln!(
            out,
            "{},,,,,,,,,,,{}",
            csv_field(&k.path),
            csv_field(&format!("{}: {}", k.status, k.reason))
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
            let inside = x.location.describe(x.line, x.column);
            results.push(json!({
                "ruleId": x.finding.kind.id(),
                "level": level,
                "message": {"text": format!("{} ({})", x.finding.kind.label(), x.finding.shown())},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path}, "region": region}, "logicalLocations": [{"name": inside}]}],
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
                "descriptor": {"id": k.status},
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
