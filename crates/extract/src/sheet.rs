//! Spreadsheets: xlsx, xlsm, xls through calamine, ods through the OpenDocument walk
//! of `office`; every sheet's non-empty rows with their header.
//!
//! Memory stays bounded: xlsx sheets are streamed cell by cell (calamine's
//! `worksheet_cells_reader`) after the zip's declared sizes are checked against the
//! limits; calamine reads an xls whole and lays out every sheet's used range when it
//! opens the file, so the records of the workbook stream are scanned first and a sheet
//! larger than `max_sheet_cells` refuses the workbook before calamine sees it; ods is
//! streamed by `office`.

use std::io::{BufRead, Seek, SeekFrom};

use calamine::{
    Data, DataRef, ExcelDateTime, Reader, SheetType, Xls, XlsError, XlsOptions, Xlsx, XlsxError,
};

use crate::office::{cfb_office, starts_with_cfb};
use crate::tables::looks_like_header;
use crate::xml::{local, Ev, XmlReader};
use crate::{
    human, Cell, Cx, DocPath, Format, Input, Place, ReadSeek, RowPiece, TextPiece, Unread,
};

/// Rows between two looks at the clock.
const CHECK_EVERY: u64 = 4096;

pub(crate) fn read(
    cx: &mut Cx<'_>,
    doc: &DocPath,
    format: Format,
    input: Input,
) -> Result<(), Unread> {
    if format == Format::Ods {
        return crate::office::read_ods(cx, doc, input);
    }
    let mut reader = input.into_reader();
    if starts_with_cfb(&mut reader)? {
        return xls(cx, doc, reader, format);
    }
    if format == Format::Xls {
        return Err(Unread::error(
            "not a readable xls: not an OLE compound file",
        ));
    }
    xlsx(cx, doc, reader)
}

/// The rows of one sheet, as the sheet numbers them; the first non-empty row may be
/// the header.
struct SheetRows<'n> {
    name: &'n str,
    header: Option<Vec<Cell>>,
    header_row: u64,
    seen_first: bool,
    cells: u64,
    rows: u64,
}

impl SheetRows<'_> {
    fn new(name: &str) -> SheetRows<'_> {
        SheetRows {
            name,
            header: None,
            header_row: 0,
            seen_first: false,
            cells: 0,
            rows: 0,
        }
    }

    /// Hands out row `row` (1-based); false once the sheet is past the cell limit.
    fn row(&mut self, cx: &mut Cx<'_>, row: u64, cells: &[Cell]) -> Result<bool, Unread> {
        if cells.is_empty() {
            return Ok(true);
        }
        if !self.seen_first {
            self.seen_first = true;
            if looks_like_header(cells) {
                self.header = Some(cells.to_vec());
                self.header_row = row;
                return Ok(true);
            }
        }
        cx.sink.row(&RowPiece {
            table: self.name,
            row,
            cells,
            header: self.header.as_deref(),
            lines: &[],
        });
        self.cells += cells.len() as u64;
        self.rows += 1;
        if self.rows.is_multiple_of(CHECK_EVERY) {
            cx.budget.check_time()?;
        }
        Ok(self.cells <= cx.budget.limits().max_sheet_cells && !cx.sink.cancelled())
    }

    /// Ends the sheet: a sheet whose only row looked like a header is a row of data.
    fn finish(&mut self, cx: &mut Cx<'_>) {
        if self.rows == 0 {
            if let Some(cells) = self.header.take() {
                cx.sink.row(&RowPiece {
                    table: self.name,
                    row: self.header_row,
                    cells: &cells,
                    header: None,
                    lines: &[],
                });
            }
        }
    }
}

fn cut_note(cx: &mut Cx<'_>, doc: &DocPath, sheet: usize) {
    let max = cx.budget.limits().max_sheet_cells;
    if !cx.sink.cancelled() {
        cx.sink.unread(
            doc,
            &Unread::limit(format!(
                "sheet {sheet} has more than {max} cells: the rest of it was not read"
            )),
        );
    }
}

// ---------------------------------------------------------------------------------------
// xlsx

fn xlsx(
    cx: &mut Cx<'_>,
    doc: &DocPath,
    mut reader: Box<dyn ReadSeek + Send>,
) -> Result<(), Unread> {
    check_xlsx_zip(cx, &mut reader)?;
    let mut wb: Xlsx<_> = Xlsx::new(reader).map_err(|e| match e {
        XlsxError::Password => Unread::password_protected(),
        e => Unread::error(format!("not a readable xlsx ({})", short(&e))),
    })?;
    for (i, name) in worksheets(wb.sheets_metadata()) {
        let name = &name;
        let mut cells_reader = match wb.worksheet_cells_reader(name) {
            Ok(r) => r,
            Err(e) => {
                cx.sink.unread(
                    doc,
                    &Unread::error(format!("sheet {}: cannot read ({})", i + 1, short(&e))),
                );
                continue;
            }
        };
        let mut rows = SheetRows::new(name);
        let mut current: Option<u32> = None;
        let mut cells: Vec<Cell> = Vec::new();
        let mut complete = true;
        loop {
            let next = match cells_reader.next_cell() {
                Ok(c) => c,
                Err(e) => {
                    // What was read of the sheet stands; say the rest was not.
                    cx.sink.unread(
                        doc,
                        &Unread::error(format!(
                            "sheet {}: broken after row {} ({})",
                            i + 1,
                            current.map_or(0, |r| r + 1),
                            short(&e)
                        )),
                    );
                    break;
                }
            };
            let Some(cell) = next else { break };
            let (r, c) = cell.get_position();
            if current != Some(r) {
                if let Some(prev) = current {
                    if !rows.row(cx, prev as u64 + 1, &cells)? {
                        complete = false;
                        cells.clear();
                        break;
                    }
                }
                cells.clear();
                current = Some(r);
            }
            if let Some(text) = data_ref_text(cell.get_value()) {
                cells.push(Cell { col: c, text });
            }
        }
        if let Some(prev) = current {
            if !cells.is_empty() && !rows.row(cx, prev as u64 + 1, &cells)? {
                complete = false;
            }
        }
        rows.finish(cx);
        if !complete {
            cut_note(cx, doc, i + 1);
        }
        if cx.sink.cancelled() {
            break;
        }
    }
    Ok(())
}

/// Checks the zip's parts before calamine inflates them: the sizes they declare (the
/// zip reader fails on a part that inflates past its declared size) against the part,
/// ratio and total limits. calamine holds the shared strings in memory.
fn check_xlsx_zip(cx: &mut Cx<'_>, reader: &mut Box<dyn ReadSeek + Send>) -> Result<(), Unread> {
    let limits = cx.budget.limits().clone();
    let mut zip = zip::ZipArchive::new(&mut *reader)
        .map_err(|e| Unread::error(format!("not a readable xlsx: broken zip ({e})")))?;
    let mut has_workbook = false;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index_raw(i) else { continue };
        let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
        if name == "xl/workbook.xml" || name == "xl/workbook.bin" {
            has_workbook = true;
        }
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        if f.encrypted() {
            return Err(Unread::password_protected());
        }
        let (size, stored) = (f.size(), f.compressed_size());
        // Worksheets are streamed cell by cell, so their size alone is no reason to stop
        // (the total, the ratio and the cell limit still hold); other parts are held whole.
        if size > limits.max_xml_part && !name.starts_with("xl/worksheets/") {
            return Err(Unread::limit(format!(
                "{name}: larger than {} once inflated: workbook not read",
                human(limits.max_xml_part)
            )));
        }
        cx.budget
            .check_ratio(size, stored)
            .map_err(|u| Unread::limit(format!("{name}: {u}")))?;
        total += size;
    }
    if !has_workbook {
        return Err(Unread::error(
            "not an Excel workbook: the zip has no xl/workbook.xml (it may be another kind of zip named .xlsx)",
        ));
    }
    if zip.index_for_name("xl/workbook.bin").is_some()
        && zip.index_for_name("xl/workbook.xml").is_none()
    {
        return Err(Unread::not_read(
            "Excel binary workbook (.xlsb): not read; save it as .xlsx to scan it",
        ));
    }
    cx.budget.add_expanded(total)?;
    // calamine does not read cell comments; they are text a person wrote.
    let mut comments: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok())
        .filter(|n| n.starts_with("xl/comments") && n.ends_with(".xml"))
        .map(|n| n.into_owned())
        .collect();
    comments.sort();
    let mut out = String::new();
    for name in comments {
        let Ok(file) = zip.by_name(&name) else {
            continue;
        };
        let stored = file.compressed_size();
        let mut xml = crate::xml::part_reader(&mut cx.budget, file, stored, &name);
        read_comments(&mut xml, &mut out)?;
    }
    if !out.trim().is_empty() {
        cx.sink
            .text(&TextPiece::whole(&out, Place::Part("comments".into())));
    }
    drop(zip);
    reader.seek(SeekFrom::Start(0))?;
    Ok(())
}

/// Cell comments, one a line: `B3 the comment`.
fn read_comments<B: BufRead>(xml: &mut XmlReader<B>, out: &mut String) -> Result<(), Unread> {
    let (mut current, mut in_text) = (None::<String>, 0u32);
    loop {
        match xml.next()? {
            Ev::Start(e) if e.local() == "comment" => {
                current = Some(format!("{} ", e.attr("ref").unwrap_or_default()));
            }
            Ev::Start(e) if e.local() == "t" => in_text += 1,
            Ev::End(n) if local(&n) == "t" => in_text = in_text.saturating_sub(1),
            Ev::End(n) if local(&n) == "comment" => {
                if let Some(c) = current.take() {
                    out.push_str(c.trim().replace(['\n', '\r'], " ").as_str());
                    out.push('\n');
                }
            }
            Ev::Text(t) if in_text > 0 => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Ev::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The worksheets of a workbook (charts and macro sheets hold no cells to read), with
/// their position among all sheets, which is how a person counts them.
fn worksheets(sheets: &[calamine::Sheet]) -> Vec<(usize, String)> {
    sheets
        .iter()
        .enumerate()
        .filter(|(_, s)| s.typ == SheetType::WorkSheet)
        .map(|(i, s)| (i, s.name.clone()))
        .collect()
}

/// A calamine error as its kind only: its message can quote a cell (`Unsupported cell
/// error value 'A123456789'`), and cells hold personal data.
fn short(e: &dyn std::fmt::Display) -> String {
    let text = e.to_string();
    let kind: String = text
        .split([':', '\'', '"', '(', '`'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .take(60)
        .collect();
    let kind = kind.trim();
    if kind.is_empty() {
        "damaged".to_string()
    } else {
        kind.to_string()
    }
}

fn data_ref_text(d: &DataRef<'_>) -> Option<String> {
    let s = match d {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(dt) => date(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => return None,
    };
    (!s.trim().is_empty()).then_some(s)
}

fn data_text(d: &Data) -> Option<String> {
    let s = match d {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::String(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => date(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => return None,
    };
    (!s.trim().is_empty()).then_some(s)
}

/// Integers without `.0` (a phone or ID number typed as a number).
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// Dates as ISO dates; a time of day is kept when there is one.
fn date(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        return number(dt.as_f64());
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if dt.as_f64() < 1.0 {
        format!("{h:02}:{mi:02}:{s:02}")
    } else if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
    }
}

// ---------------------------------------------------------------------------------------
// xls

fn xls(
    cx: &mut Cx<'_>,
    doc: &DocPath,
    mut reader: Box<dyn ReadSeek + Send>,
    format: Format,
) -> Result<(), Unread> {
    let limits = cx.budget.limits().clone();
    let stream = {
        let Some(mut file) = cfb::Cfb::open(&mut reader) else {
            return Err(if format == Format::Xls {
                Unread::error("not a readable xls: broken OLE compound file")
            } else {
                Unread::password_protected()
            });
        };
        let names = file.stream_names();
        if names
            .iter()
            .any(|n| n.eq_ignore_ascii_case("EncryptedPackage"))
        {
            return Err(Unread::password_protected());
        }
        let name = names
            .iter()
            .find(|n| n.eq_ignore_ascii_case("Workbook") || n.eq_ignore_ascii_case("Book"))
            .cloned();
        match name {
            Some(n) => {
                let size = file.stream_size(&n).unwrap_or(0);
                if size > limits.max_member_in_memory {
                    return Err(Unread::limit(format!(
                        "the workbook stream is larger than {}: not read",
                        human(limits.max_member_in_memory)
                    )));
                }
                file.read_stream(&n, limits.max_member_in_memory)
            }
            None => None,
        }
    };
    reader.seek(SeekFrom::Start(0))?;
    let Some(stream) = stream else {
        if format == Format::Xls {
            return Err(Unread::error("not a readable xls: no workbook stream"));
        }
        return Err(cfb_office(reader, format));
    };
    let scan = biff_scan(&stream);
    drop(stream);
    if scan.encrypted {
        return Err(Unread::password_protected());
    }
    if let Some((i, cells)) = scan
        .sheets
        .iter()
        .enumerate()
        .find(|(_, c)| **c > limits.max_sheet_cells)
    {
        return Err(Unread::limit(format!(
            "sheet {} spans {cells} cells, more than the {} allowed: the workbook was not read (the xls reader lays out every sheet in memory)",
            i + 1,
            limits.max_sheet_cells
        )));
    }
    let mut wb = Xls::new_with_options(reader, XlsOptions::default()).map_err(|e| match e {
        XlsError::Password => Unread::password_protected(),
        e => Unread::error(format!("not a readable xls ({})", short(&e))),
    })?;
    for (i, name) in worksheets(wb.sheets_metadata()) {
        let name = &name;
        let range = match wb.worksheet_range(name) {
            Ok(r) => r,
            Err(e) => {
                cx.sink.unread(
                    doc,
                    &Unread::error(format!("sheet {}: cannot read ({})", i + 1, short(&e))),
                );
                continue;
            }
        };
        let Some((top, left)) = range.start() else {
            continue;
        };
        let mut rows = SheetRows::new(name);
        let mut complete = true;
        for (k, row) in range.rows().enumerate() {
            let cells: Vec<Cell> = row
                .iter()
                .enumerate()
                .filter_map(|(j, d)| {
                    data_text(d).map(|text| Cell {
                        col: left + j as u32,
                        text,
                    })
                })
                .collect();
            if !rows.row(cx, top as u64 + k as u64 + 1, &cells)? {
                complete = false;
                break;
            }
        }
        rows.finish(cx);
        if !complete {
            cut_note(cx, doc, i + 1);
        }
        if cx.sink.cancelled() {
            break;
        }
    }
    Ok(())
}

struct BiffScan {
    /// A FILEPASS record: the workbook is encrypted.
    encrypted: bool,
    /// Cells of the used range of each worksheet, in order.
    sheets: Vec<u64>,
}

/// Scans the records of a workbook stream for what calamine would lay out: the
/// bounding box of each worksheet's cells.
fn biff_scan(wb: &[u8]) -> BiffScan {
    let u16_at = |d: &[u8], i: usize| {
        d.get(i..i + 2)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
    };
    let mut out = BiffScan {
        encrypted: false,
        sheets: Vec::new(),
    };
    let (mut pos, mut depth, mut in_sheet) = (0usize, 0u32, false);
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    let extend = |bounds: &mut Option<(u32, u32, u32, u32)>, r: u32, c0: u32, c1: u32| {
        *bounds = Some(match *bounds {
            None => (r, r, c0, c1),
            Some((r0, r1, a, b)) => (r0.min(r), r1.max(r), a.min(c0), b.max(c1)),
        });
    };
    while pos + 4 <= wb.len() {
        let typ = u16_at(wb, pos);
        let len = u16_at(wb, pos + 2) as usize;
        let data = &wb[pos + 4..(pos + 4 + len).min(wb.len())];
        pos += 4 + len;
        match typ {
            0x0809 => {
                depth += 1;
                if depth == 1 {
                    in_sheet = u16_at(data, 2) == 0x0010;
                    bounds = None;
                }
            }
            0x000A => {
                if depth == 1 && in_sheet {
                    out.sheets.push(bounds.map_or(0, |(r0, r1, c0, c1)| {
                        (r1 - r0 + 1) as u64 * (c1.saturating_sub(c0) + 1) as u64
                    }));
                }
                depth = depth.saturating_sub(1);
            }
            0x002F if depth == 1 && !in_sheet => out.encrypted = true,
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006
                if depth == 1 && in_sheet =>
            {
                let (r, c) = (u16_at(data, 0) as u32, u16_at(data, 2) as u32);
                extend(&mut bounds, r, c, c);
            }
            0x00BD if depth == 1 && in_sheet && data.len() >= 6 => {
                let (r, c) = (u16_at(data, 0) as u32, u16_at(data, 2) as u32);
                let last = u16_at(data, data.len() - 2) as u32;
                extend(&mut bounds, r, c, last.max(c));
            }
            _ => {}
        }
    }
    out
}

/// Just enough of the Compound File Binary format to list the streams of a file (an
/// encrypted OOXML package is a Compound File with an `EncryptedPackage` stream) and
/// read one of them (the workbook stream of an xls).
pub(crate) mod cfb {
    use std::io::{Read, Seek, SeekFrom};

    const END: u32 = 0xFFFF_FFFA; // ids from here on are markers, not sectors

    struct Entry {
        name: String,
        kind: u8,
        start: u32,
        size: u64,
    }

    pub(crate) struct Cfb<R> {
        r: R,
        shift: u32,
        len: u64,
        fat: Vec<u32>,
        minifat: Vec<u32>,
        cutoff: u64,
        entries: Vec<Entry>,
    }

    fn u32_at(d: &[u8], i: usize) -> u32 {
        d.get(i..i + 4)
            .map_or(END, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    impl<R: Read + Seek> Cfb<R> {
        /// Reads the header, the allocation tables and the directory; None when they are
        /// broken.
        pub(crate) fn open(mut r: R) -> Option<Cfb<R>> {
            let len = r.seek(SeekFrom::End(0)).ok()?;
            r.seek(SeekFrom::Start(0)).ok()?;
            let mut h = [0u8; 512];
            r.read_exact(&mut h).ok()?;
            if h[..8] != crate::office::CFB_MAGIC {
                return None;
            }
            let shift = u16::from_le_bytes([h[0x1E], h[0x1F]]) as u32;
            if shift != 9 && shift != 12 {
                return None;
            }
            let major = u16::from_le_bytes([h[0x1A], h[0x1B]]);
            let mut cfb = Cfb {
                r,
                shift,
                len,
                fat: Vec::new(),
                minifat: Vec::new(),
                cutoff: u32_at(&h, 0x38) as u64,
                entries: Vec::new(),
            };
            let max_sectors = (len >> shift) as usize + 1;
            let per = (1usize << shift) / 4;
            let mut fat_ids: Vec<u32> = (0..109)
                .map(|i| u32_at(&h, 0x4C + 4 * i))
                .filter(|&id| id < END)
                .collect();
            let (mut difat, mut steps) = (u32_at(&h, 0x44), 0usize);
            while difat < END && steps < max_sectors {
                let s = cfb.sector(difat)?;
                fat_ids.extend(
                    (0..per - 1)
                        .map(|i| u32_at(&s, 4 * i))
                        .filter(|&id| id < END),
                );
                difat = u32_at(&s, 4 * (per - 1));
                steps += 1;
            }
            fat_ids.truncate(max_sectors);
            for id in fat_ids {
                let s = cfb.sector(id)?;
                cfb.fat.extend((0..per).map(|i| u32_at(&s, 4 * i)));
            }
            let dir = cfb.chain_bytes(u32_at(&h, 0x30), u64::MAX)?;
            for e in dir.chunks_exact(128) {
                let name_len = (u16::from_le_bytes([e[0x40], e[0x41]]) as usize).min(64);
                let units: Vec<u16> = e[..name_len]
                    .chunks_exact(2)
                    .map(|p| u16::from_le_bytes([p[0], p[1]]))
                    .take_while(|&u| u != 0)
                    .collect();
                let mut size = u64::from_le_bytes(e[0x78..0x80].try_into().ok()?);
                if major == 3 {
                    size &= 0xFFFF_FFFF;
                }
                cfb.entries.push(Entry {
                    name: String::from_utf16_lossy(&units),
                    kind: e[0x42],
                    start: u32_at(e, 0x74),
                    size,
                });
            }
            if cfb.entries.first().is_none_or(|e| e.kind != 5) {
                return None;
            }
            let minifat = cfb
                .chain_bytes(u32_at(&h, 0x3C), u64::MAX)
                .unwrap_or_default();
            cfb.minifat = minifat.chunks_exact(4).map(|b| u32_at(b, 0)).collect();
            Some(cfb)
        }

        /// The names of the streams (at any level).
        pub(crate) fn stream_names(&self) -> Vec<String> {
            self.entries
                .iter()
                .filter(|e| e.kind == 2)
                .map(|e| e.name.clone())
                .collect()
        }

        /// The size the directory gives for the stream `name`.
        pub(crate) fn stream_size(&self, name: &str) -> Option<u64> {
            self.entries
                .iter()
                .find(|e| e.kind == 2 && e.name == name)
                .map(|e| e.size)
        }

        /// The content of the stream `name`, if it is there and not larger than `cap`.
        pub(crate) fn read_stream(&mut self, name: &str, cap: u64) -> Option<Vec<u8>> {
            let e = self
                .entries
                .iter()
                .find(|e| e.kind == 2 && e.name == name)?;
            let (start, size) = (e.start, e.size);
            if size > cap || size > self.len {
                return None;
            }
            if size >= self.cutoff {
                return self.chain_bytes(start, size);
            }
            let root = &self.entries[0];
            let mini = self.chain_bytes(root.start, root.size.min(self.len))?;
            let mut out = Vec::with_capacity(size as usize);
            let mut id = start;
            let mut steps = 0;
            while (out.len() as u64) < size && id < END && steps <= self.minifat.len() {
                let at = id as usize * 64;
                out.extend_from_slice(mini.get(at..at + 64)?);
                id = *self.minifat.get(id as usize)?;
                steps += 1;
            }
            out.truncate(size as usize);
            (out.len() as u64 == size).then_some(out)
        }

        fn sector(&mut self, id: u32) -> Option<Vec<u8>> {
            let size = 1usize << self.shift;
            let at = (id as u64 + 1) << self.shift;
            if at >= self.len {
                return None;
            }
            self.r.seek(SeekFrom::Start(at)).ok()?;
            let mut s = Vec::with_capacity(size);
            (&mut self.r).take(size as u64).read_to_end(&mut s).ok()?;
            s.resize(size, 0);
            Some(s)
        }

        /// The bytes of the chain from `start`, at most `cap` of them.
        fn chain_bytes(&mut self, start: u32, cap: u64) -> Option<Vec<u8>> {
            let mut out = Vec::new();
            let (mut id, mut steps) = (start, 0usize);
            while id < END && (out.len() as u64) < cap {
                if steps > self.fat.len() {
                    return None; // a loop in the chain
                }
                out.extend_from_slice(&self.sector(id)?);
                id = *self.fat.get(id as usize)?;
                steps += 1;
            }
            if cap != u64::MAX {
                out.truncate(cap as usize);
            }
            Some(out)
        }
    }

    #[cfg(test)]
    pub(crate) mod tests {
        /// A version-3 Compound File with the given streams (name, size ≥ 4096 so they
        /// live in regular sectors), each filled with its index.
        pub(crate) fn cfb_with(streams: &[(&str, usize)]) -> Vec<u8> {
            cfb_of(
                &streams
                    .iter()
                    .map(|(n, s)| (*n, vec![0x41u8; *s]))
                    .collect::<Vec<_>>(),
            )
        }

        /// A version-3 Compound File holding these streams in regular sectors (short
        /// streams are padded to the 4096-byte cutoff in size only as stored).
        pub(crate) fn cfb_of(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
            const SEC: usize = 512;
            let mut data_sectors: Vec<(u32, u32, u64)> = Vec::new(); // (start, count, size)
            let mut next = 2u32; // 0: FAT, 1: directory
            for (_, body) in streams {
                let count = body.len().max(4096).div_ceil(SEC) as u32;
                data_sectors.push((next, count, body.len().max(4096) as u64));
                next += count;
            }
            assert!(next as usize <= SEC / 4, "test files fit one FAT sector");
            assert!(streams.len() < 4, "test files fit one directory sector");
            let mut fat = vec![0xFFFF_FFFFu32; SEC / 4];
            fat[0] = 0xFFFF_FFFD; // FAT sector
            fat[1] = 0xFFFF_FFFE; // directory: one sector
            for &(start, count, _) in &data_sectors {
                for k in 0..count {
                    fat[(start + k) as usize] = if k + 1 == count {
                        0xFFFF_FFFE
                    } else {
                        start + k + 1
                    };
                }
            }
            let mut h = vec![0u8; SEC];
            h[..8].copy_from_slice(&crate::office::CFB_MAGIC);
            h[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
            h[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
            h[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
            h[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
            h[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
            h[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes());
            h[0x30..0x34].copy_from_slice(&1u32.to_le_bytes());
            h[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
            h[0x3C..0x40].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
            h[0x44..0x48].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
            for i in 0..109 {
                let v: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
                h[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
            }
            let mut dir = vec![0u8; SEC];
            let mut entry =
                |i: usize, name: &str, kind: u8, start: u32, size: u64, child: u32, right: u32| {
                    let e = &mut dir[i * 128..(i + 1) * 128];
                    let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
                    for (k, u) in units.iter().enumerate() {
                        e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
                    }
                    e[0x40..0x42].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
                    e[0x42] = kind;
                    e[0x43] = 1; // black
                    e[0x44..0x48].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
                    e[0x48..0x4C].copy_from_slice(&right.to_le_bytes());
                    e[0x4C..0x50].copy_from_slice(&child.to_le_bytes());
                    e[0x74..0x78].copy_from_slice(&start.to_le_bytes());
                    e[0x78..0x80].copy_from_slice(&size.to_le_bytes());
                };
            entry(
                0,
                "Root Entry",
                5,
                0xFFFF_FFFE,
                0,
                if streams.is_empty() { 0xFFFF_FFFF } else { 1 },
                0xFFFF_FFFF,
            );
            for (i, ((name, _), &(start, _, size))) in streams.iter().zip(&data_sectors).enumerate()
            {
                let right = if i + 2 <= streams.len() {
                    i as u32 + 2
                } else {
                    0xFFFF_FFFF
                };
                entry(i + 1, name, 2, start, size, 0xFFFF_FFFF, right);
            }
            let mut out = h;
            out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
            out.extend_from_slice(&dir);
            for ((_, body), &(_, count, _)) in streams.iter().zip(&data_sectors) {
                let mut b = body.clone();
                b.resize(count as usize * SEC, 0);
                out.extend_from_slice(&b);
            }
            out
        }

        #[test]
        fn streams_are_listed_and_read() {
            let bytes = cfb_of(&[
                ("Workbook", b"hello".repeat(1000)),
                ("EncryptionInfo", vec![1; 10]),
            ]);
            let mut c = super::Cfb::open(std::io::Cursor::new(bytes)).unwrap();
            assert_eq!(c.stream_names(), vec!["Workbook", "EncryptionInfo"]);
            let wb = c.read_stream("Workbook", u64::MAX).unwrap();
            assert_eq!(&wb[..10], b"hellohello");
            assert_eq!(wb.len(), 5000);
            assert!(super::Cfb::open(std::io::Cursor::new(vec![0u8; 600])).is_none());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;

    use super::*;
    use crate::{collect_bytes, CollectedDoc, Options, UnreadKind};

    fn one(name: &str, bytes: Vec<u8>, opts: &Options) -> CollectedDoc {
        let c = collect_bytes(name, bytes, opts);
        assert_eq!(c.docs.len(), 1);
        c.docs.into_iter().next().unwrap()
    }

    fn xlsx_bytes(sheets: &[(&str, String)], shared: &[&str]) -> Vec<u8> {
        xlsx_with(sheets, shared, &[])
    }

    fn xlsx_with(sheets: &[(&str, String)], shared: &[&str], extra: &[(&str, &str)]) -> Vec<u8> {
        let mut wb = String::from(
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
        );
        let mut rels = String::from(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        );
        let mut types = String::from(
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
        );
        for (i, (name, _)) in sheets.iter().enumerate() {
            let k = i + 1;
            wb.push_str(&format!(
                r#"<sheet name="{name}" sheetId="{k}" r:id="rId{k}"/>"#
            ));
            rels.push_str(&format!(r#"<Relationship Id="rId{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{k}.xml"/>"#));
            types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        }
        wb.push_str("</sheets></workbook>");
        let n = sheets.len() + 1;
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#, n + 1));
        types.push_str("</Types>");
        let sst = format!(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">{1}</sst>"#,
            shared.len(),
            shared
                .iter()
                .map(|s| format!("<si><t>{s}</t></si>"))
                .collect::<String>()
        );
        // Style 1 is a date (numFmtId 14).
        let styles = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
        let root_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
        let mut parts: Vec<(String, String)> = vec![
            ("[Content_Types].xml".into(), types),
            ("_rels/.rels".into(), root_rels.into()),
            ("xl/workbook.xml".into(), wb),
            ("xl/_rels/workbook.xml.rels".into(), rels),
            ("xl/sharedStrings.xml".into(), sst),
            ("xl/styles.xml".into(), styles.into()),
        ];
        for (i, (_, data)) in sheets.iter().enumerate() {
            parts.push((
                format!("xl/worksheets/sheet{}.xml", i + 1),
                format!(r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#),
            ));
        }
        let mut parts: Vec<(&str, &str)> = parts
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        parts.extend_from_slice(extra);
        crate::office::tests::zip_of(&parts)
    }

    #[test]
    fn xlsx_rows_with_header_numbers_and_dates() {
        let sheet1 = r#"<row r="3"><c r="B3" t="s"><v>0</v></c><c r="C3" t="s"><v>1</v></c><c r="D3" t="s"><v>2</v></c><c r="E3" t="s"><v>5</v></c></row>
<row r="4"><c r="B4" t="s"><v>3</v></c><c r="C4" t="s"><v>4</v></c><c r="D4"><v>912345678</v></c><c r="E4" s="1"><v>45306</v></c></row>
<row r="7"><c r="C7" t="inlineStr"><is><t>B234567890</t></is></c><c r="D7"><v>3.5</v></c></row>"#;
        let sheet2 =
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>王小明 0912-345-678</t></is></c></row>"#;
        let comments = r#"<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>HR</author></authors><commentList><comment ref="B4" authorId="0"><text><r><t>HR:</t></r><r><t xml:space="preserve"> 舊證號 B123456780</t></r></text></comment></commentList></comments>"#;
        let bytes = xlsx_with(
            &[
                ("客戶名單", sheet1.to_string()),
                ("工作表2", sheet2.to_string()),
            ],
            &["姓名", "身分證字號", "電話", "陳美玲", "A123456789", "生日"],
            &[("xl/comments1.xml", comments)],
        );
        let d = one("名單.xlsx", bytes, &Options::default());
        assert_eq!(d.result, Ok(()), "{:?}", d.unread);
        assert!(d.unread.is_empty(), "{:?}", d.unread);
        let rows: Vec<_> = d
            .rows
            .iter()
            .map(|r| {
                (
                    r.table.as_str(),
                    r.row,
                    r.cells
                        .iter()
                        .map(|c| (c.col, c.text.as_str()))
                        .collect::<Vec<_>>(),
                    r.header.as_ref().map(|h| h.len()),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "客戶名單",
                    4,
                    vec![
                        (1, "陳美玲"),
                        (2, "A123456789"),
                        (3, "912345678"),
                        (4, "2024-01-15")
                    ],
                    Some(4)
                ),
                ("客戶名單", 7, vec![(2, "B234567890"), (3, "3.5")], Some(4)),
                // A sheet whose only row looks like a header is still read.
                ("工作表2", 1, vec![(0, "王小明 0912-345-678")], None),
            ]
        );
        assert_eq!(d.rows[0].header.as_ref().unwrap()[1].text, "身分證字號");
        assert_eq!(
            d.texts,
            vec![(
                crate::Place::Part("comments".into()),
                "B4 HR: 舊證號 B123456780\n".to_string()
            )]
        );
    }

    #[test]
    fn xlsx_sheet_is_cut_at_the_cell_limit() {
        let data: String = (1..=50)
            .map(|r| {
                format!(
                    r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>{}</v></c></row>"#,
                    r * 7
                )
            })
            .collect();
        let opts = Options {
            limits: crate::Limits {
                max_sheet_cells: 20,
                ..crate::Limits::default()
            },
            ..Options::default()
        };
        let d = one("big.xlsx", xlsx_bytes(&[("S", data)], &[]), &opts);
        assert_eq!(d.result, Ok(()));
        assert!(d.rows.len() <= 11, "{}", d.rows.len());
        assert_eq!(d.unread.len(), 1);
        assert_eq!(d.unread[0].1.kind, UnreadKind::Limit);
        assert!(d.unread[0].1.reason.contains("sheet 1"), "{:?}", d.unread);
    }

    #[test]
    fn xlsx_bomb_is_refused_before_calamine() {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        w.start_file("xl/workbook.xml", opts).unwrap();
        w.write_all(b"<workbook/>").unwrap();
        w.start_file("xl/sharedStrings.xml", opts).unwrap();
        w.write_all(b"<sst>").unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..50 {
            w.write_all(&block).unwrap();
        }
        w.write_all(b"</sst>").unwrap();
        let d = one(
            "bomb.xlsx",
            w.finish().unwrap().into_inner(),
            &Options::default(),
        );
        let e = d.result.unwrap_err();
        assert_eq!(e.kind, UnreadKind::Limit);
        assert!(e.reason.contains("zip bomb"), "{e}");
    }

    #[test]
    fn not_a_workbook_and_encrypted() {
        let d = one(
            "x.xlsx",
            crate::office::tests::zip_of(&[("a.txt", "hi")]),
            &Options::default(),
        );
        let e = d.result.unwrap_err();
        assert_eq!(e.kind, UnreadKind::Error);
        assert!(e.reason.contains("xl/workbook.xml"), "{e}");
        let cfb = cfb::tests::cfb_with(&[("EncryptionInfo", 4096), ("EncryptedPackage", 8192)]);
        for name in ["x.xlsx", "x.xlsm", "x.xls"] {
            let d = one(name, cfb.clone(), &Options::default());
            assert_eq!(d.result.unwrap_err().kind, UnreadKind::Encrypted, "{name}");
        }
    }

    /// A BIFF8 record.
    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend_from_slice(data);
        r
    }

    /// A minimal BIFF8 workbook stream: one sheet named `name` with these cells
    /// (row, col, text as LABEL or number as NUMBER).
    fn biff_workbook(
        name: &str,
        cells: &[(u16, u16, Result<&str, f64>)],
        filepass: bool,
    ) -> Vec<u8> {
        let bof = |dt: u16| {
            rec(
                0x0809,
                &[&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes(), &[0; 12]].concat(),
            )
        };
        let mut globals = bof(0x0005);
        if filepass {
            globals.extend(rec(0x002F, &[0; 6]));
        }
        globals.extend(rec(0x0042, &1200u16.to_le_bytes())); // CODEPAGE: UTF-16
        let units: Vec<u16> = name.encode_utf16().collect();
        let sheet_name: Vec<u8> = [
            &[units.len() as u8, 1][..],
            &units
                .iter()
                .flat_map(|u| u.to_le_bytes())
                .collect::<Vec<_>>(),
        ]
        .concat();
        // BOUNDSHEET's offset is patched once the globals' length is known.
        let boundsheet_at = globals.len();
        globals.extend(rec(
            0x0085,
            &[&0u32.to_le_bytes()[..], &[0, 0], &sheet_name].concat(),
        ));
        globals.extend(rec(0x000A, &[]));
        let offset = globals.len() as u32;
        globals[boundsheet_at + 4..boundsheet_at + 8].copy_from_slice(&offset.to_le_bytes());
        let mut sheet = bof(0x0010);
        for (r, c, v) in cells {
            let head = [&r.to_le_bytes()[..], &c.to_le_bytes(), &0u16.to_le_bytes()].concat();
            sheet.extend(match v {
                Ok(text) => {
                    let u: Vec<u16> = text.encode_utf16().collect();
                    let body = [
                        &head[..],
                        &(u.len() as u16).to_le_bytes(),
                        &[1],
                        &u.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<_>>(),
                    ]
                    .concat();
                    rec(0x0204, &body)
                }
                Err(n) => rec(0x0203, &[&head[..], &n.to_le_bytes()].concat()),
            });
        }
        sheet.extend(rec(0x000A, &[]));
        [globals, sheet].concat()
    }

    #[test]
    fn xls_rows_from_a_hand_built_workbook() {
        let wb = biff_workbook(
            "名冊",
            &[
                (0, 0, Ok("姓名")),
                (0, 1, Ok("手機")),
                (2, 0, Ok("陳美玲")),
                (2, 1, Err(912345678.0)),
            ],
            false,
        );
        let bytes = cfb::tests::cfb_of(&[("Workbook", wb)]);
        let d = one("名冊.xls", bytes, &Options::default());
        assert_eq!(d.result, Ok(()), "{:?}", d.unread);
        assert_eq!(d.rows.len(), 1, "{:?}", d.rows);
        let r = &d.rows[0];
        assert_eq!((r.table.as_str(), r.row), ("名冊", 3));
        assert_eq!(r.cells[0].text, "陳美玲");
        assert_eq!((r.cells[1].col, r.cells[1].text.as_str()), (1, "912345678"));
        assert_eq!(r.header.as_ref().unwrap()[1].text, "手機");
    }

    #[test]
    fn xls_huge_range_and_filepass_are_refused_first() {
        let wb = biff_workbook("S", &[(0, 0, Ok("a")), (65535, 255, Ok("b"))], false);
        let opts = Options {
            limits: crate::Limits {
                max_sheet_cells: 1_000_000,
                ..crate::Limits::default()
            },
            ..Options::default()
        };
        let d = one("wide.xls", cfb::tests::cfb_of(&[("Workbook", wb)]), &opts);
        let e = d.result.unwrap_err();
        assert_eq!(e.kind, UnreadKind::Limit);
        assert!(e.reason.contains("16777216 cells"), "{e}");
        let wb = biff_workbook("S", &[(0, 0, Ok("a"))], true);
        let d = one(
            "locked.xls",
            cfb::tests::cfb_of(&[("Workbook", wb)]),
            &Options::default(),
        );
        assert_eq!(d.result.unwrap_err().kind, UnreadKind::Encrypted);
    }

    #[test]
    fn a_broken_cell_is_reported_without_its_content() {
        for row in [
            r#"<row r="1"><c r="A1" t="e"><v>A123456789</v></c></row>"#,
            r#"<row r="1"><c r="A1" t="A123456789"><v>1</v></c></row>"#,
        ] {
            let sheet = format!(
                r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{row}</sheetData></worksheet>"#
            );
            let d = one(
                "broken.xlsx",
                xlsx_bytes(&[("S", sheet)], &[]),
                &Options::default(),
            );
            let said = format!("{:?} {:?}", d.result, d.unread);
            assert!(!said.contains("A123456789"), "{said}");
        }
    }

    #[test]
    fn ods_repeat_bombs_stop_at_the_sheet_limits() {
        let ns = r#"xmlns:office="o" xmlns:text="t" xmlns:table="tb""#;
        for body in [
            r#"<table:table-row><table:table-cell table:number-columns-repeated="4000000000"><text:p>hello</text:p></table:table-cell></table:table-row>"#,
            r#"<table:table-row table:number-rows-repeated="4000000000"><table:table-cell><text:p>hello</text:p></table:table-cell></table:table-row>"#,
        ] {
            let content = format!(
                r#"<office:document-content {ns}><office:body><office:spreadsheet><table:table table:name="S">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
            );
            let bytes = crate::office::tests::zip_of(&[
                ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                ("content.xml", &content),
            ]);
            let started = std::time::Instant::now();
            let opts = Options {
                limits: crate::Limits {
                    max_sheet_cells: 100_000,
                    ..Default::default()
                },
                ..Default::default()
            };
            let d = one("bomb.ods", bytes, &opts);
            let cells: usize = d.rows.iter().map(|r| r.cells.len()).sum();
            assert!(cells <= 100_001, "{cells} cells");
            assert!(started.elapsed().as_secs() < 20);
            assert!(
                d.unread.iter().any(|(_, w)| w.kind == UnreadKind::Limit)
                    || d.result
                        .as_ref()
                        .is_err_and(|w| w.kind == UnreadKind::Limit)
                    || cells <= 16_384,
                "{:?} {:?}",
                d.result,
                d.unread
            );
        }
    }

    #[test]
    fn ods_rows_repeats_and_values() {
        let ns = r#"xmlns:office="o" xmlns:text="t" xmlns:table="tb""#;
        let content = format!(
            r#"<office:document-content {ns}><office:body><office:spreadsheet>
<table:table table:name="員工"><table:table-column table:number-columns-repeated="3"/>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
<table:table-row><table:table-cell/><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell><table:table-cell><text:p>電話</text:p></table:table-cell><table:table-cell><text:p>到職日</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell/><table:table-cell office:value-type="string"><text:p>陳美玲</text:p><office:annotation><text:p>備註 A123456789</text:p></office:annotation></table:table-cell><table:table-cell office:value-type="float" office:value="912345678"><text:p>912,345,678</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2024-01-15T00:00:00"><text:p>15/01/24</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>
<table:table table:name="Sheet2"><table:table-row><table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>B234567890</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"#
        );
        let bytes = crate::office::tests::zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", &content),
        ]);
        let d = one("員工.ods", bytes, &Options::default());
        assert_eq!(d.result, Ok(()));
        let rows: Vec<_> = d
            .rows
            .iter()
            .map(|r| {
                (
                    r.table.as_str(),
                    r.row,
                    r.cells
                        .iter()
                        .map(|c| (c.col, c.text.as_str()))
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "員工",
                    4,
                    vec![(1, "陳美玲"), (2, "912345678"), (3, "2024-01-15")]
                ),
                ("Sheet2", 1, vec![(0, "B234567890"), (1, "B234567890")]),
            ]
        );
        assert_eq!(d.rows[0].header.as_ref().unwrap()[0].text, "姓名");
        assert!(d
            .texts
            .iter()
            .any(|(p, t)| p == &crate::Place::Part("comments".into()) && t.contains("A123456789")));
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(number(912345678.0), "912345678");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(0.25), "0.25");
        let dt = ExcelDateTime::new(45306.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(date(&dt), "2024-01-15");
        let dt = ExcelDateTime::new(45306.5, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(date(&dt), "2024-01-15T12:00:00");
    }
}
