//! From extraction events to reports: each document (a file, an archive member, a mail
//! attachment) becomes a [`FileReport`] with its findings placed by line, page, slide,
//! part or cell; table rows are read with their header as context and profiled per
//! column; what was not read becomes a [`Skipped`] entry.

use std::collections::BTreeMap;

use gezi_detect::{CellText, Detector, Kind};
use gezi_extract::{cell_name, DocPath, Format, Lines, Place, RowPiece, Sink, TextPiece, Unread};
use indicatif::ProgressBar;

use crate::output::Described;
use crate::report::{
    shown_path, ColumnProfile, FileFinding, FileReport, Location, Skipped, TableProfile,
};

/// Cell text bytes gathered before one call of the detector over many rows.
const ROW_BATCH_BYTES: usize = 64 << 10;

/// Turns the events of one file on disk into reports.
pub struct ReportSink<'a> {
    detector: &'a Detector,
    show_values: bool,
    max_findings: usize,
    progress: &'a ProgressBar,
    /// Bytes of the file on disk already counted on the progress bar.
    progressed: u64,
    file_size: u64,
    open: Vec<Open>,
    /// Every document that ended, members before their containers.
    pub reports: Vec<FileReport>,
    /// What was not (fully) read.
    pub skipped: Vec<Skipped>,
}

/// A document being read.
struct Open {
    report: FileReport,
    spreadsheet: bool,
    /// Text documents: findings per personal kind, for the records estimate.
    tables: BTreeMap<String, TableState>,
    rows: Vec<PendingRow>,
    row_bytes: usize,
}

struct PendingRow {
    table: String,
    row: u64,
    cells: Vec<gezi_extract::Cell>,
    header: Option<Vec<gezi_extract::Cell>>,
    /// Line of each cell where the table is written a cell per line (JSON).
    lines: Vec<u64>,
}

#[derive(Default)]
struct TableState {
    rows: u64,
    rows_with_personal: u64,
    columns: BTreeMap<String, ColumnState>,
}

#[derive(Default)]
struct ColumnState {
    header: Option<String>,
    cells: u64,
    kinds: BTreeMap<Kind, u64>,
    /// Cells holding at least one personal value.
    personal: u64,
}

impl<'a> ReportSink<'a> {
    pub fn new(
        detector: &'a Detector,
        show_values: bool,
        max_findings: usize,
        progress: &'a ProgressBar,
        file_size: u64,
    ) -> ReportSink<'a> {
        ReportSink {
            detector,
            show_values,
            max_findings,
            progress,
            progressed: 0,
            file_size,
            open: Vec::new(),
            reports: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// Moves the progress bar to the end of this file.
    pub fn finish_progress(&mut self) {
        self.progress
            .inc(self.file_size.saturating_sub(self.progressed));
        self.progressed = self.file_size;
    }

    fn flush_rows(&mut self) {
        let Some(doc) = self.open.last_mut() else {
            return;
        };
        if doc.rows.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut doc.rows);
        doc.row_bytes = 0;
        let mut cells = Vec::new();
        let mut owner = Vec::new(); // (row index, cell index) of each cell
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let header = row
                    .header
                    .as_ref()
                    .and_then(|h| h.iter().find(|x| x.col == cell.col))
                    .map(|x| x.text.as_str());
                cells.push(CellText {
                    header,
                    text: &cell.text,
                });
                owner.push((r, c));
            }
        }
        let found = self.detector.find_cells(&cells);
        let mut per_row: Vec<Vec<(usize, &gezi_detect::Finding)>> = vec![Vec::new(); rows.len()];
        for f in &found {
            let (r, c) = owner[f.cell];
            per_row[r].push((c, &f.finding));
        }
        let spreadsheet = doc.spreadsheet;
        for (row, hits) in rows.iter().zip(per_row) {
            let table = doc.tables.entry(row.table.clone()).or_default();
            table.rows += 1;
            let mut personal = false;
            let mut seen_in_cell: Vec<(u32, Kind)> = Vec::new();
            for cell in &row.cells {
                let key = column_key(row, cell.col);
                let col = table.columns.entry(key).or_default();
                col.cells += 1;
                if col.header.is_none() {
                    col.header = row
                        .header
                        .as_ref()
                        .and_then(|h| h.iter().find(|x| x.col == cell.col))
                        .map(|x| gezi_detect::mask_findings(self.detector, &x.text));
                }
            }
            let mut personal_cells: Vec<u32> = Vec::new();
            for (c, finding) in hits {
                let cell = &row.cells[c];
                personal |= finding.kind().is_personal();
                if finding.kind().is_personal() && !personal_cells.contains(&cell.col) {
                    personal_cells.push(cell.col);
                    table
                        .columns
                        .entry(column_key(row, cell.col))
                        .or_default()
                        .personal += 1;
                }
                if !seen_in_cell.contains(&(cell.col, finding.kind())) {
                    seen_in_cell.push((cell.col, finding.kind()));
                    let col = table.columns.entry(column_key(row, cell.col)).or_default();
                    *col.kinds.entry(finding.kind()).or_default() += 1;
                }
                let name = cell_name(cell.col, row.row);
                let by_line = row.lines.get(c).copied();
                let location = if spreadsheet {
                    Location {
                        sheet: Some(row.table.clone()),
                        cell: Some(name),
                        ..Location::default()
                    }
                } else {
                    Location {
                        table: Some(row.table.clone()),
                        // A table written a value per line (JSON) is placed by line.
                        cell: by_line.is_none().then_some(name),
                        ..Location::default()
                    }
                };
                let column = cell.text[..finding.start()].chars().count() as u64 + 1;
                doc.report.add(
                    FileFinding {
                        finding: Described::of(finding, &cell.text, self.show_values),
                        line: by_line.unwrap_or(row.row),
                        column: by_line.is_none().then_some(column),
                        offset: None,
                        length: finding.end() - finding.start(),
                        location,
                    },
                    self.max_findings,
                );
            }
            table.rows_with_personal += u64::from(personal);
        }
    }
}

/// Columns are named by letter, or by their key where a table has named fields but no
/// fixed positions (JSON objects).
fn column_key(row: &PendingRow, col: u32) -> String {
    cell_name(col, 1).trim_end_matches('1').to_string()
        + &match &row.header {
            Some(h) if row.table.ends_with(".json") || row.table.ends_with(".jsonl") => h
                .iter()
                .find(|x| x.col == col)
                .map(|x| format!(" {}", x.text))
                .unwrap_or_default(),
            _ => String::new(),
        }
}

impl Sink for ReportSink<'_> {
    fn begin(&mut self, doc: &DocPath, format: Format, bytes: u64) {
        self.flush_rows();
        let (path, hex) = doc_path(doc);
        let mut report = FileReport::new(&path, hex, bytes, format.id());
        report.member = doc.depth() > 0;
        self.open.push(Open {
            report,
            spreadsheet: matches!(format, Format::Xlsx | Format::Xls | Format::Ods),
            tables: BTreeMap::new(),
            rows: Vec::new(),
            row_bytes: 0,
        });
    }

    fn text(&mut self, piece: &TextPiece<'_>) {
        self.flush_rows();
        let depth = self.open.len();
        let Some(doc) = self.open.last_mut() else {
            return;
        };
        let text = piece.text;
        let bytes = text.as_bytes();
        if piece.place == Place::Text && depth == 1 {
            // A text file on disk: the bar follows the decoded stream.
            let at = (piece.offset + piece.owned.end as u64).min(self.file_size);
            if at > self.progressed {
                self.progress.inc(at - self.progressed);
                self.progressed = at;
            }
        }
        doc.report.replaced_sequences = doc.report.replaced_sequences.max(piece.replaced);
        let found = self.detector.find(text);
        // Line and column advance with a cursor over the sorted findings, so a piece
        // with no newline (a 1 GB single line) costs no more than one with many.
        let (mut line, mut column) = match piece.lines {
            Lines::Counted { line, column } => (line, column),
            Lines::Starts(_) => (1, Some(1)),
        };
        let mut cursor = piece.owned.start;
        for f in found.iter().filter(|f| piece.owned.contains(&f.start())) {
            let (at_line, at_column) = match piece.lines {
                Lines::Counted { .. } => {
                    let segment = &bytes[cursor..f.start()];
                    match memchr::memrchr(b'\n', segment) {
                        Some(nl) => {
                            line += memchr::memchr_iter(b'\n', segment).count() as u64;
                            column =
                                Some(text[cursor + nl + 1..f.start()].chars().count() as u64 + 1);
                        }
                        None => {
                            column =
                                column.map(|c| c + text[cursor..f.start()].chars().count() as u64)
                        }
                    }
                    cursor = f.start();
                    (line, column)
                }
                Lines::Starts(starts) => {
                    let k = starts.partition_point(|&s| s <= f.start()).max(1) - 1;
                    let line_start = starts.get(k).copied().unwrap_or(0).min(f.start());
                    (
                        k as u64 + 1,
                        Some(text[line_start..f.start()].chars().count() as u64 + 1),
                    )
                }
            };
            let mut location = Location::default();
            match &piece.place {
                Place::Text => {}
                Place::Page(p) => location.page = Some(*p),
                Place::Slide(s) => location.slide = Some(*s),
                Place::Part(p) => location.part = Some(p.clone()),
                Place::Scan { page } => {
                    location.page = Some(*page);
                    location.bbox = piece.boxes.get(at_line.saturating_sub(1) as usize).copied();
                }
            }
            let offset = (piece.place == Place::Text).then_some(piece.offset + f.start() as u64);
            doc.report.add(
                FileFinding {
                    finding: Described::of(f, text, self.show_values),
                    line: at_line,
                    column: at_column,
                    offset,
                    length: f.end() - f.start(),
                    location,
                },
                self.max_findings,
            );
        }
    }

    fn encoding(&mut self, name: &'static str) {
        if let Some(doc) = self.open.last_mut() {
            doc.report.encoding = Some(name.to_string());
        }
    }

    fn row(&mut self, row: &RowPiece<'_>) {
        let Some(doc) = self.open.last_mut() else {
            return;
        };
        doc.row_bytes += row.cells.iter().map(|c| c.text.len()).sum::<usize>();
        doc.rows.push(PendingRow {
            table: row.table.to_string(),
            row: row.row,
            cells: row.cells.to_vec(),
            header: row.header.map(|h| h.to_vec()),
            lines: row.lines.to_vec(),
        });
        if doc.row_bytes >= ROW_BATCH_BYTES {
            self.flush_rows();
        }
    }

    fn unread(&mut self, doc: &DocPath, why: &Unread) {
        let (path, hex) = doc_path(doc);
        self.skipped
            .push(Skipped::new(&path, hex, why.kind, &why.reason));
    }

    fn end(&mut self, doc: &DocPath, result: Result<(), Unread>) {
        self.flush_rows();
        let Some(open) = self.open.pop() else { return };
        let mut report = open.report;
        let mut table_rows = 0;
        for (name, t) in open.tables {
            table_rows += t.rows_with_personal;
            let columns = t
                .columns
                .into_iter()
                .filter(|(_, c)| !c.kinds.is_empty())
                .map(|(column, c)| {
                    let main = c
                        .kinds
                        .iter()
                        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)));
                    ColumnProfile {
                        column,
                        header: c.header,
                        cells: c.cells,
                        share: main.map_or(0.0, |(_, n)| {
                            ((*n as f64 / c.cells.max(1) as f64) * 1000.0).round() / 1000.0
                        }),
                        main_kind: main.map(|(k, _)| k.id().to_string()),
                        personal_share: ((c.personal as f64 / c.cells.max(1) as f64) * 1000.0)
                            .round()
                            / 1000.0,
                        kinds: c
                            .kinds
                            .iter()
                            .map(|(k, n)| (k.id().to_string(), *n))
                            .collect(),
                    }
                })
                .collect();
            report.tables.push(TableProfile {
                name,
                rows: t.rows,
                rows_with_personal_data: t.rows_with_personal,
                columns,
            });
        }
        // Text outside tables: the most frequent personal kind counts the people in it.
        let text_records = {
            let mut in_tables: BTreeMap<Kind, u64> = BTreeMap::new();
            for t in &report.tables {
                for c in &t.columns {
                    for (k, n) in &c.kinds {
                        if let Ok(kind) = k.parse::<Kind>() {
                            *in_tables.entry(kind).or_default() += n;
                        }
                    }
                }
            }
            report
                .counts
                .iter()
                .filter(|(k, _)| k.is_personal())
                .map(|(k, n)| n.saturating_sub(in_tables.get(k).copied().unwrap_or(0)))
                .max()
                .unwrap_or(0)
        };
        report.records = table_rows + text_records;
        report.special_category = report.counts.keys().any(|k| k.is_special_category());
        if let Err(why) = result {
            let (path, hex) = doc_path(doc);
            let reason = if report.total > 0 {
                format!(
                    "{} (after {} findings, which are reported)",
                    why.reason, report.total
                )
            } else {
                why.reason.clone()
            };
            self.skipped
                .push(Skipped::new(&path, hex, why.kind, reason));
            // A container that could not be read at all is not a document read.
            if report.total == 0 {
                return;
            }
        }
        self.reports.push(report);
    }
}

/// The shown path of a document (`dir/forms.zip!2024/a.docx`), and the hex of the file's
/// path when it is not UTF-8.
fn doc_path(doc: &DocPath) -> (String, Option<String>) {
    let (file, hex) = shown_path(&doc.file);
    let mut s = file;
    for m in &doc.members {
        s.push('!');
        s.push_str(m);
    }
    (s, hex)
}
