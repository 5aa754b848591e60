//! Word-processing and presentation documents: docx, pptx, odt, odp (and the tables of
//! ods, whose cells share the OpenDocument walk).
//!
//! Each part is read as a stream of XML events through [`crate::xml`], within the
//! budget. Text comes out one paragraph per line, so the receiver's line is the
//! paragraph's number within its part; tables of docx and odt come out as rows.

use std::io::{BufRead, Read, SeekFrom};

use zip::result::ZipError;
use zip::ZipArchive;

use crate::tables::looks_like_header;
use crate::xml::{local, part_reader, Elem, Ev, XmlReader};
use crate::{
    Cell, Cx, DocPath, Format, Input, Lines, Place, ReadSeek, RowPiece, Sink, TextPiece, Unread,
};

/// Text of one part is handed out in pieces of about this size (whole paragraphs).
const FLUSH: usize = 4 << 20;
/// Paragraphs between two looks at the clock and the sink.
const CHECK_EVERY: u64 = 4096;
/// The first bytes of a Compound File (OLE2): Word 97, Excel 97, and encrypted OOXML.
pub(crate) const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

type Zip = ZipArchive<Box<dyn ReadSeek + Send>>;

pub(crate) fn read(
    cx: &mut Cx<'_>,
    doc: &DocPath,
    format: Format,
    input: Input,
) -> Result<(), Unread> {
    let mut reader = input.into_reader();
    if starts_with_cfb(&mut reader)? {
        return Err(cfb_office(reader, format));
    }
    let mut zip = open_zip(reader, format)?;
    match format {
        Format::Docx => {
            docx(cx, &mut zip)?;
            embedded(cx, doc, &mut zip, "word/embeddings/")
        }
        Format::Pptx => {
            pptx(cx, &mut zip)?;
            embedded(cx, doc, &mut zip, "ppt/embeddings/")
        }
        Format::Odp => odf_document(cx, &mut zip, OdfKind::Presentation),
        _ => odf_document(cx, &mut zip, OdfKind::Text),
    }
}

/// Documents embedded in an office file (a worksheet pasted into a report, the data of
/// a chart) are documents of their own, read like archive members. OLE objects
/// (`.bin`: equations, packages) are left alone.
fn embedded(cx: &mut Cx<'_>, doc: &DocPath, zip: &mut Zip, dir: &str) -> Result<(), Unread> {
    const DOCUMENTS: &[&str] = &[
        "docx", "docm", "xlsx", "xlsm", "xls", "pptx", "doc", "ppt", "odt", "ods", "odp", "pdf",
        "rtf", "csv", "txt",
    ];
    let members: Vec<String> = names(zip)
        .into_iter()
        .filter(|n| n.starts_with(dir) && DOCUMENTS.contains(&crate::format::extension(n).as_str()))
        .collect();
    for name in members {
        if cx.sink.cancelled() {
            break;
        }
        let read = match open_part(zip, &name) {
            Ok(Some(file)) => {
                let stored = file.compressed_size();
                cx.budget.read_member(file, stored)
            }
            Ok(None) => continue,
            Err(e) => Err(e),
        };
        match read {
            Ok(bytes) => cx.nested(doc, &name, bytes),
            Err(e) => {
                cx.sink.unread(&doc.child(name.as_str()), &e);
                // Past the file's time nothing more can be read.
                cx.budget.check_time()?;
            }
        }
    }
    Ok(())
}

/// Whether the input is a Compound File; leaves it rewound.
pub(crate) fn starts_with_cfb(reader: &mut dyn ReadSeek) -> Result<bool, Unread> {
    let mut magic = Vec::with_capacity(8);
    reader.take(8).read_to_end(&mut magic)?;
    reader.seek(SeekFrom::Start(0))?;
    Ok(magic == CFB_MAGIC)
}

/// Why a Compound File that calls itself an OOXML document (or holds an encrypted
/// package) is not read.
pub(crate) fn cfb_office(reader: Box<dyn ReadSeek + Send>, format: Format) -> Unread {
    let streams = crate::sheet::cfb::Cfb::open(reader).map(|c| c.stream_names());
    let encrypted = match &streams {
        Some(names) => names.iter().any(|n| {
            n.eq_ignore_ascii_case("EncryptedPackage") || n.eq_ignore_ascii_case("EncryptionInfo")
        }),
        // Office writes a password-protected docx/xlsx/pptx as a Compound File; one we
        // cannot even list is most likely that too.
        None => true,
    };
    if encrypted {
        return Unread::password_protected();
    }
    let has = |s: &str| {
        streams
            .as_ref()
            .is_some_and(|n| n.iter().any(|n| n.eq_ignore_ascii_case(s)))
    };
    if has("WordDocument") {
        Unread::not_read(format!(
            "a Word 97–2003 document (.doc) named as {format}: not read; save it as .docx or PDF to scan it"
        ))
    } else if has("PowerPoint Document") {
        Unread::not_read(format!(
            "a PowerPoint 97–2003 presentation named as {format}: not read; save it as .pptx or PDF to scan it"
        ))
    } else {
        Unread::not_read(format!("an OLE compound file named as {format}: not read"))
    }
}

fn open_zip(reader: Box<dyn ReadSeek + Send>, format: Format) -> Result<Zip, Unread> {
    ZipArchive::new(reader)
        .map_err(|e| Unread::error(format!("not a readable {format}: broken zip ({e})")))
}

/// A zip member by name; None when it is not there.
fn open_part<'z>(
    zip: &'z mut Zip,
    name: &str,
) -> Result<Option<zip::read::ZipFile<'z, Box<dyn ReadSeek + Send>>>, Unread> {
    match zip.by_name(name) {
        Ok(f) => Ok(Some(f)),
        Err(ZipError::FileNotFound) => Ok(None),
        Err(ZipError::UnsupportedArchive(m)) if m == ZipError::PASSWORD_REQUIRED => Err(
            Unread::encrypted(format!("{name}: encrypted zip member, not read")),
        ),
        Err(e) => Err(Unread::error(format!("{name}: cannot read ({e})"))),
    }
}

fn names(zip: &Zip) -> Vec<String> {
    zip.file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect()
}

/// Opens part `$name` of `$zip` as `$xml`, an XML reader within `$cx`'s budget, and runs
/// `$body` with it (a macro: the reader borrows the budget while the body uses the sink).
macro_rules! with_part {
    ($cx:ident, $zip:expr, $name:expr, |$xml:ident, $sink:ident| $body:expr) => {{
        match open_part($zip, $name)? {
            None => None,
            Some(file) => {
                let stored = file.compressed_size();
                let mut $xml = part_reader(&mut $cx.budget, file, stored, $name);
                let $sink: &mut dyn Sink = &mut *$cx.sink;
                Some($body)
            }
        }
    }};
}

// ---------------------------------------------------------------------------------------
// Output: paragraphs as lines of a part, table rows.

/// The lines of one part, handed out in pieces of whole paragraphs.
struct Out {
    place: Place,
    buf: String,
    /// Line number of the first line in `buf`.
    first_line: u64,
    lines: u64,
}

impl Out {
    fn new(place: Place) -> Out {
        Out {
            place,
            buf: String::new(),
            first_line: 1,
            lines: 0,
        }
    }

    fn line(&mut self, sink: &mut dyn Sink, text: &str) {
        // A paragraph is one line: breaks inside it would shift every line after it.
        for ch in text.chars() {
            self.buf
                .push(if ch == '\n' || ch == '\r' { ' ' } else { ch });
        }
        self.buf.push('\n');
        self.lines += 1;
        if self.buf.len() >= FLUSH {
            self.flush(sink);
        }
    }

    fn flush(&mut self, sink: &mut dyn Sink) {
        if !self.buf.trim().is_empty() {
            sink.text(&TextPiece {
                lines: Lines::Counted {
                    line: self.first_line,
                    column: Some(1),
                },
                ..TextPiece::whole(&self.buf, self.place.clone())
            });
        }
        self.buf.clear();
        self.first_line = self.lines + 1;
    }
}

/// The parts of one document, by place, in the order they were first written to.
#[derive(Default)]
struct Outs {
    outs: Vec<Out>,
}

impl Outs {
    fn get(&mut self, place: &Place) -> &mut Out {
        match self.outs.iter().position(|o| &o.place == place) {
            Some(i) => &mut self.outs[i],
            None => {
                self.outs.push(Out::new(place.clone()));
                self.outs.last_mut().expect("just pushed")
            }
        }
    }
    fn flush(&mut self, sink: &mut dyn Sink) {
        for o in &mut self.outs {
            o.flush(sink);
        }
    }
}

/// A table being read: rows come out as they end.
pub(crate) struct Table {
    name: String,
    /// 1-based number of the row that starts next.
    next_row: u64,
    header: Option<Vec<Cell>>,
    header_row: u64,
    seen_first: bool,
    /// Rows handed out.
    rows: u64,
    cells: Vec<Cell>,
    col: u32,
    cell_col: u32,
    cell_text: String,
    /// The cell's value when it has one apart from its text (a number, a date in ods).
    cell_value: Option<String>,
    pub(crate) cell_open: bool,
    /// Cells handed out, against the per-sheet limit.
    pub(crate) emitted: u64,
    /// Cells this table may hand out; repeats are cut to fit (an ODF row "repeated four
    /// billion times" is a few bytes of XML).
    pub(crate) max_cells: u64,
}

/// The largest sheet LibreOffice and Excel make: repeats past it are not data.
const MAX_COLUMNS: u32 = 16_384;
const MAX_ROWS: u64 = 1_048_576;

impl Table {
    pub(crate) fn new(name: String) -> Table {
        Table {
            name,
            next_row: 1,
            header: None,
            header_row: 0,
            seen_first: false,
            rows: 0,
            cells: Vec::new(),
            col: 0,
            cell_col: 0,
            cell_text: String::new(),
            cell_value: None,
            cell_open: false,
            emitted: 0,
            max_cells: u64::MAX,
        }
    }

    pub(crate) fn start_row(&mut self) {
        self.cells.clear();
        self.col = 0;
    }

    pub(crate) fn start_cell(&mut self) {
        self.cell_col = self.col;
        self.cell_text.clear();
        self.cell_value = None;
        self.cell_open = true;
    }

    pub(crate) fn cell_para(&mut self, text: &str) {
        if !self.cell_text.is_empty() {
            self.cell_text.push('\n');
        }
        self.cell_text.push_str(text);
    }

    /// Ends the cell, which covers `span` columns and is repeated `repeat` times.
    pub(crate) fn end_cell(&mut self, span: u32, repeat: u32) {
        self.cell_open = false;
        let text = match self.cell_value.take() {
            Some(v) => v,
            None => self.cell_text.trim().to_string(),
        };
        // Columns past the widest sheet are not data, however often a cell says it repeats.
        let repeat = repeat.min(MAX_COLUMNS.saturating_sub(self.cell_col).max(1));
        if !text.is_empty() {
            for i in 0..repeat {
                self.cells.push(Cell {
                    col: self.cell_col.saturating_add(i.saturating_mul(span)),
                    text: text.clone(),
                });
            }
        }
        self.col = self.cell_col.saturating_add(span.saturating_mul(repeat));
    }

    /// Ends the row, repeated `repeat` times; the first non-empty row may be the header.
    fn end_row(&mut self, sink: &mut dyn Sink, repeat: u64) {
        self.end_row_hinted(sink, repeat, false)
    }

    /// Ends the row; `header` says the row names its columns (HTML `<th>` cells), else
    /// the first non-empty row is judged by its words.
    pub(crate) fn end_row_hinted(&mut self, sink: &mut dyn Sink, repeat: u64, header: bool) {
        let cells = std::mem::take(&mut self.cells);
        let mut first = self.next_row;
        self.next_row = self.next_row.saturating_add(repeat);
        if cells.is_empty() {
            return;
        }
        // Rows past the longest sheet, or past this table's cell limit, are not read: the
        // limit shows as `emitted` passing `max_cells`, which the caller reports.
        let fits = self.max_cells.saturating_sub(self.emitted) / cells.len() as u64 + 1;
        let mut repeat = repeat.min(MAX_ROWS.saturating_sub(first) + 1);
        if repeat > fits {
            repeat = fits;
            // Cut: make sure the caller sees the limit passed.
            self.emitted = self.emitted.max(self.max_cells);
        }
        if !self.seen_first {
            self.seen_first = true;
            if header || looks_like_header(&cells) {
                self.header = Some(cells.clone());
                self.header_row = first;
                first += 1;
                repeat -= 1;
            }
        }
        for row in first..first + repeat {
            sink.row(&RowPiece {
                table: &self.name,
                row,
                cells: &cells,
                header: self.header.as_deref(),
                lines: &[],
            });
            self.emitted += cells.len() as u64;
            self.rows += 1;
        }
    }

    /// Ends the table: a table whose only row looked like a header is a row of data.
    pub(crate) fn finish(&mut self, sink: &mut dyn Sink) {
        if self.rows == 0 {
            if let Some(cells) = self.header.take() {
                sink.row(&RowPiece {
                    table: &self.name,
                    row: self.header_row,
                    cells: &cells,
                    header: None,
                    lines: &[],
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// docx

fn docx(cx: &mut Cx<'_>, zip: &mut Zip) -> Result<(), Unread> {
    let main = main_part(cx, zip)?.unwrap_or_else(|| "word/document.xml".to_string());
    let all = names(zip);
    if !all.iter().any(|n| n == &main) {
        return Err(Unread::error(format!(
            "not a Word document: the zip has no {main} (it may be another kind of zip named .docx)"
        )));
    }
    let dir = main
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    let mut st = DocxState::default();
    let mut outs = Outs::default();
    let mut parts = vec![(main.clone(), Place::Part("body".into()))];
    for (prefix, place) in [
        ("header", "header"),
        ("footer", "footer"),
        ("footnotes", "footnotes"),
        ("endnotes", "endnotes"),
        ("comments", "comments"),
    ] {
        let mut found: Vec<(u64, String)> = all
            .iter()
            .filter_map(|n| {
                let rest = n
                    .strip_prefix(&dir)?
                    .strip_prefix(prefix)?
                    .strip_suffix(".xml")?;
                if rest.is_empty() {
                    Some((0, n.clone()))
                } else {
                    rest.parse::<u64>().ok().map(|k| (k, n.clone()))
                }
            })
            .collect();
        found.sort();
        parts.extend(
            found
                .into_iter()
                .map(|(_, n)| (n, Place::Part(place.into()))),
        );
    }
    for (name, place) in parts {
        let out = outs.get(&place);
        with_part!(cx, zip, &name, |xml, sink| docx_walk(
            &mut xml, sink, out, &mut st
        ))
        .transpose()?;
        if cx.sink.cancelled() {
            break;
        }
    }
    outs.flush(cx.sink);
    Ok(())
}

/// The main part named by `_rels/.rels` (the officeDocument relationship).
fn main_part(cx: &mut Cx<'_>, zip: &mut Zip) -> Result<Option<String>, Unread> {
    let found = with_part!(cx, zip, "_rels/.rels", |xml, _sink| {
        let mut target = None;
        loop {
            match xml.next()? {
                Ev::Start(e) | Ev::Empty(e)
                    if e.local() == "Relationship"
                        && e.attr("Type")
                            .is_some_and(|t| t.ends_with("/officeDocument")) =>
                {
                    target = e
                        .attr("Target")
                        .map(|t| t.trim_start_matches('/').to_string());
                }
                Ev::Eof => break,
                _ => {}
            }
        }
        Ok::<_, Unread>(target)
    });
    Ok(found.transpose()?.flatten())
}

#[derive(Default)]
struct DocxState {
    tables: u32,
}

fn docx_walk<B: BufRead>(
    xml: &mut XmlReader<B>,
    sink: &mut dyn Sink,
    out: &mut Out,
    st: &mut DocxState,
) -> Result<(), Unread> {
    let mut paras: Vec<String> = Vec::new();
    let (mut in_text, mut in_run, mut tbl_depth) = (0u32, 0u32, 0u32);
    let mut table: Option<Table> = None;
    let mut span = 1u32;
    let mut n = 0u64;
    loop {
        match xml.next()? {
            Ev::Start(e) => match e.local() {
                "p" => paras.push(String::new()),
                "r" => in_run += 1,
                "t" | "delText" => in_text += 1,
                // Word writes text boxes twice: the modern choice and a VML fallback.
                "Fallback" => xml.skip_element()?,
                "tbl" => {
                    tbl_depth += 1;
                    if tbl_depth == 1 {
                        st.tables += 1;
                        table = Some(Table::new(format!("table {}", st.tables)));
                    }
                }
                "tr" if tbl_depth == 1 => {
                    if let Some(t) = table.as_mut() {
                        t.start_row();
                    }
                }
                "tc" if tbl_depth == 1 => {
                    span = 1;
                    if let Some(t) = table.as_mut() {
                        t.start_cell();
                    }
                }
                _ => {}
            },
            Ev::Empty(e) => match e.local() {
                "tab" if in_run > 0 => push(&mut paras, "\t"),
                "br" | "cr" if in_run > 0 => push(&mut paras, " "),
                "noBreakHyphen" if in_run > 0 => push(&mut paras, "-"),
                "gridSpan" if tbl_depth == 1 => {
                    span = e
                        .attr("val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, 1000);
                }
                "p" => route(sink, out, table.as_mut(), String::new()),
                _ => {}
            },
            Ev::End(name) => match local(&name) {
                "p" => {
                    if let Some(p) = paras.pop() {
                        route(sink, out, table.as_mut(), p);
                    }
                    n += 1;
                    if n.is_multiple_of(CHECK_EVERY) && sink.cancelled() {
                        return Ok(());
                    }
                }
                "r" => in_run = in_run.saturating_sub(1),
                "t" | "delText" => in_text = in_text.saturating_sub(1),
                "tc" if tbl_depth == 1 => {
                    if let Some(t) = table.as_mut() {
                        t.end_cell(span, 1);
                    }
                }
                "tr" if tbl_depth == 1 => {
                    if let Some(t) = table.as_mut() {
                        t.end_row(sink, 1);
                    }
                }
                "tbl" => {
                    if tbl_depth == 1 {
                        if let Some(mut t) = table.take() {
                            t.finish(sink);
                        }
                    }
                    tbl_depth = tbl_depth.saturating_sub(1);
                }
                _ => {}
            },
            Ev::Text(t) => {
                if in_text > 0 {
                    push(&mut paras, &t);
                }
            }
            Ev::Eof => break,
        }
    }
    // Paragraphs left open by a truncated part still count.
    while let Some(p) = paras.pop() {
        route(sink, out, table.as_mut(), p);
    }
    Ok(())
}

fn push(paras: &mut [String], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.push_str(s);
    }
}

/// A finished paragraph goes to the open table cell, else is the next line of the part.
fn route(sink: &mut dyn Sink, out: &mut Out, table: Option<&mut Table>, p: String) {
    match table {
        Some(t) if t.cell_open => t.cell_para(&p),
        _ => out.line(sink, &p),
    }
}

// ---------------------------------------------------------------------------------------
// pptx

fn pptx(cx: &mut Cx<'_>, zip: &mut Zip) -> Result<(), Unread> {
    let all = names(zip);
    if !all.iter().any(|n| n == "ppt/presentation.xml") {
        return Err(Unread::error(
            "not a PowerPoint presentation: the zip has no ppt/presentation.xml (it may be another kind of zip named .pptx)",
        ));
    }
    let slides = slide_order(cx, zip, &all)?;
    for (i, slide) in slides.iter().enumerate() {
        let number = i as u32 + 1;
        let mut out = Out::new(Place::Slide(number));
        with_part!(cx, zip, slide, |xml, sink| pptx_walk(
            &mut xml, sink, &mut out
        ))
        .transpose()?;
        out.flush(cx.sink);
        if let Some(notes) = notes_of(cx, zip, slide)? {
            let mut out = Out::new(Place::Part(format!("notes {number}")));
            with_part!(cx, zip, &notes, |xml, sink| pptx_walk(
                &mut xml, sink, &mut out
            ))
            .transpose()?;
            out.flush(cx.sink);
        }
        cx.budget.check_time()?;
        if cx.sink.cancelled() {
            break;
        }
    }
    Ok(())
}

/// The slides in the order the presentation shows them (`p:sldIdLst` through the
/// relationships); slides it does not list follow in the numeric order of their names.
fn slide_order(cx: &mut Cx<'_>, zip: &mut Zip, all: &[String]) -> Result<Vec<String>, Unread> {
    let rels = relationships(cx, zip, "ppt/_rels/presentation.xml.rels", "ppt/")?;
    let ids = with_part!(cx, zip, "ppt/presentation.xml", |xml, _sink| {
        let mut ids = Vec::new();
        loop {
            match xml.next()? {
                Ev::Start(e) | Ev::Empty(e) if e.local() == "sldId" => {
                    if let Some(id) = rel_id(&e) {
                        ids.push(id);
                    }
                }
                Ev::Eof => break,
                _ => {}
            }
        }
        Ok::<_, Unread>(ids)
    })
    .transpose()?
    .unwrap_or_default();
    let mut order: Vec<String> = Vec::new();
    for id in ids {
        if let Some((_, target)) = rels.iter().find(|(i, _)| *i == id) {
            if all.contains(target) && !order.contains(target) {
                order.push(target.clone());
            }
        }
    }
    let mut rest: Vec<(u64, String)> = all
        .iter()
        .filter(|n| !order.contains(n))
        .filter_map(|n| {
            let k = n
                .strip_prefix("ppt/slides/slide")?
                .strip_suffix(".xml")?
                .parse()
                .ok()?;
            Some((k, n.clone()))
        })
        .collect();
    rest.sort();
    order.extend(rest.into_iter().map(|(_, n)| n));
    Ok(order)
}

/// The `r:id` of an element (the attribute's local name is `id` in the relationships
/// namespace; `sldId` also has a plain `id`, so take the last one).
fn rel_id(e: &Elem) -> Option<String> {
    e.attrs
        .iter()
        .rev()
        .find(|(k, _)| local(k) == "id")
        .map(|(_, v)| v.clone())
}

/// Relationships of a part: (id, target resolved against `base`).
fn relationships(
    cx: &mut Cx<'_>,
    zip: &mut Zip,
    rels: &str,
    base: &str,
) -> Result<Vec<(String, String)>, Unread> {
    let found = with_part!(cx, zip, rels, |xml, _sink| {
        let mut out = Vec::new();
        loop {
            match xml.next()? {
                Ev::Start(e) | Ev::Empty(e) if e.local() == "Relationship" => {
                    if let (Some(id), Some(target)) = (e.attr("Id"), e.attr("Target")) {
                        if e.attr("TargetMode") != Some("External") {
                            out.push((id.to_string(), resolve_target(base, target)));
                        }
                    }
                }
                Ev::Eof => break,
                _ => {}
            }
        }
        Ok::<_, Unread>(out)
    })
    .transpose()?
    .unwrap_or_default();
    Ok(found)
}

/// `../notesSlides/notesSlide1.xml` against `ppt/slides/` → `ppt/notesSlides/notesSlide1.xml`.
fn resolve_target(base: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The notes slide of a slide, from the slide's relationships.
fn notes_of(cx: &mut Cx<'_>, zip: &mut Zip, slide: &str) -> Result<Option<String>, Unread> {
    let (dir, file) = slide.rsplit_once('/').unwrap_or(("", slide));
    let rels_name = format!("{dir}/_rels/{file}.rels");
    let found = with_part!(cx, zip, &rels_name, |xml, _sink| {
        let mut notes = None;
        loop {
            match xml.next()? {
                Ev::Start(e) | Ev::Empty(e)
                    if e.local() == "Relationship"
                        && e.attr("Type").is_some_and(|t| t.ends_with("/notesSlide")) =>
                {
                    notes = e.attr("Target").map(|t| resolve_target(dir, t));
                }
                Ev::Eof => break,
                _ => {}
            }
        }
        Ok::<_, Unread>(notes)
    });
    Ok(found.transpose()?.flatten())
}

fn pptx_walk<B: BufRead>(
    xml: &mut XmlReader<B>,
    sink: &mut dyn Sink,
    out: &mut Out,
) -> Result<(), Unread> {
    let mut paras: Vec<String> = Vec::new();
    let mut in_text = 0u32;
    loop {
        match xml.next()? {
            Ev::Start(e) => match e.local() {
                "p" => paras.push(String::new()),
                "t" => in_text += 1,
                // The slide number placeholder of notes pages is not text anyone wrote.
                "fld" if e.attr("type") == Some("slidenum") => xml.skip_element()?,
                "Fallback" => xml.skip_element()?,
                _ => {}
            },
            Ev::Empty(e) => match e.local() {
                "br" => push(&mut paras, " "),
                "p" => out.line(sink, ""),
                _ => {}
            },
            Ev::End(name) => match local(&name) {
                "p" => {
                    if let Some(p) = paras.pop() {
                        out.line(sink, &p);
                    }
                }
                "t" => in_text = in_text.saturating_sub(1),
                _ => {}
            },
            Ev::Text(t) => {
                if in_text > 0 {
                    push(&mut paras, &t);
                }
            }
            Ev::Eof => break,
        }
    }
    while let Some(p) = paras.pop() {
        out.line(sink, &p);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// OpenDocument: odt, odp, and the tables of ods

#[derive(Clone, Copy, PartialEq, Eq)]
enum OdfKind {
    Text,
    Presentation,
    Spreadsheet,
}

/// Refuses an ODF package whose manifest says its parts are encrypted, and one without
/// `content.xml`.
fn odf_check(cx: &mut Cx<'_>, zip: &mut Zip, what: &str) -> Result<(), Unread> {
    let encrypted = with_part!(cx, zip, "META-INF/manifest.xml", |xml, _sink| {
        loop {
            match xml.next()? {
                Ev::Start(e) | Ev::Empty(e) if e.local() == "encryption-data" => {
                    break Ok::<_, Unread>(true)
                }
                Ev::Eof => break Ok(false),
                _ => {}
            }
        }
    })
    .transpose()?
    .unwrap_or(false);
    if encrypted {
        return Err(Unread::password_protected());
    }
    if !names(zip).iter().any(|n| n == "content.xml") {
        return Err(Unread::error(format!(
            "not an OpenDocument {what}: the zip has no content.xml"
        )));
    }
    Ok(())
}

fn odf_document(cx: &mut Cx<'_>, zip: &mut Zip, kind: OdfKind) -> Result<(), Unread> {
    odf_check(
        cx,
        zip,
        if kind == OdfKind::Text {
            "text"
        } else {
            "presentation"
        },
    )?;
    let mut outs = Outs::default();
    let mut st = OdfState::new(kind, cx.budget.limits().max_sheet_cells);
    with_part!(cx, zip, "content.xml", |xml, sink| odf_walk(
        &mut xml, sink, &mut outs, &mut st, false
    ))
    .transpose()?;
    // Headers and footers of page styles live in styles.xml.
    if kind == OdfKind::Text {
        with_part!(cx, zip, "styles.xml", |xml, sink| odf_walk(
            &mut xml, sink, &mut outs, &mut st, true
        ))
        .transpose()?;
    }
    outs.flush(cx.sink);
    Ok(())
}

/// Reads an ods: every table of content.xml as rows, streamed (calamine would hold every
/// sheet in memory at once, repeated rows expanded).
pub(crate) fn read_ods(cx: &mut Cx<'_>, doc: &DocPath, input: Input) -> Result<(), Unread> {
    let mut reader = input.into_reader();
    if starts_with_cfb(&mut reader)? {
        return Err(cfb_office(reader, Format::Ods));
    }
    let mut zip = open_zip(reader, Format::Ods)?;
    odf_check(cx, &mut zip, "spreadsheet")?;
    let mut outs = Outs::default();
    let mut st = OdfState::new(OdfKind::Spreadsheet, cx.budget.limits().max_sheet_cells);
    with_part!(cx, &mut zip, "content.xml", |xml, sink| odf_walk(
        &mut xml, sink, &mut outs, &mut st, false
    ))
    .transpose()?;
    outs.flush(cx.sink);
    for sheet in st.cut_sheets {
        cx.sink.unread(
            doc,
            &Unread::limit(format!(
                "sheet {sheet} has more than {} cells: the rest of it was not read",
                st.max_cells
            )),
        );
    }
    Ok(())
}

struct OdfState {
    kind: OdfKind,
    tables: u32,
    slides: u32,
    max_cells: u64,
    /// Sheets cut at the cell limit (by their 1-based number).
    cut_sheets: Vec<u32>,
}

impl OdfState {
    fn new(kind: OdfKind, max_cells: u64) -> OdfState {
        OdfState {
            kind,
            tables: 0,
            slides: 0,
            max_cells,
            cut_sheets: Vec::new(),
        }
    }
}

fn attr_u32(e: &Elem, name: &str) -> u32 {
    e.attr(name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
        .max(1)
}

/// The value of a spreadsheet cell when it has one besides its text: numbers as
/// written without a needless `.0`, dates as ISO dates.
fn ods_value(e: &Elem) -> Option<String> {
    match e.attr("value-type")? {
        "float" | "percentage" | "currency" => {
            let v = e.attr("value")?.trim();
            Some(match v.parse::<f64>() {
                Ok(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
                _ => v.to_string(),
            })
        }
        "date" => {
            let v = e.attr("date-value")?;
            // Midnight is a date; anything else keeps its time.
            Some(v.strip_suffix("T00:00:00").unwrap_or(v).to_string())
        }
        "boolean" => e.attr("boolean-value").map(|b| b.to_ascii_uppercase()),
        _ => None,
    }
}

fn odf_walk<B: BufRead>(
    xml: &mut XmlReader<B>,
    sink: &mut dyn Sink,
    outs: &mut Outs,
    st: &mut OdfState,
    styles: bool,
) -> Result<(), Unread> {
    let sheet = st.kind == OdfKind::Spreadsheet;
    let tables_as_rows = st.kind != OdfKind::Presentation;
    let mut paras: Vec<String> = Vec::new();
    // Where paragraphs go: None drops them (styles.xml outside headers and footers).
    let mut targets: Vec<Option<Place>> = vec![(!styles).then(|| match st.kind {
        OdfKind::Text => Place::Part("body".into()),
        OdfKind::Spreadsheet | OdfKind::Presentation => Place::Part("body".into()),
    })];
    let mut note_class = "footnotes";
    let mut tbl_depth = 0u32;
    let mut table: Option<Table> = None;
    // targets.len() when the open cell started: paragraphs of a note inside it go elsewhere.
    let mut cell_targets = 0usize;
    let (mut span, mut repeat, mut row_repeat) = (1u32, 1u32, 1u64);
    let mut sheet_cut = false;
    let mut n = 0u64;
    loop {
        match xml.next()? {
            Ev::Start(e) => match e.local() {
                "p" | "h" => paras.push(String::new()),
                "note-citation" => xml.skip_element()?,
                "note" => {
                    note_class = if e.attr("note-class") == Some("endnote") {
                        "endnotes"
                    } else {
                        "footnotes"
                    };
                }
                "note-body" => targets.push(Some(Place::Part(note_class.into()))),
                "annotation" => targets.push(Some(Place::Part("comments".into()))),
                "header" | "header-left" | "header-first" if styles => {
                    targets.push(Some(Place::Part("header".into())))
                }
                "footer" | "footer-left" | "footer-first" if styles => {
                    targets.push(Some(Place::Part("footer".into())))
                }
                "page" if st.kind == OdfKind::Presentation && !styles => {
                    st.slides += 1;
                    targets.push(Some(Place::Slide(st.slides)));
                }
                "notes" if st.kind == OdfKind::Presentation && !styles => {
                    targets.push(Some(Place::Part(format!("notes {}", st.slides))));
                }
                "table" if tables_as_rows => {
                    tbl_depth += 1;
                    if tbl_depth == 1 {
                        st.tables += 1;
                        let name = match (sheet, e.attr("name")) {
                            (true, Some(name)) => name.to_string(),
                            _ => format!("table {}", st.tables),
                        };
                        let mut t = Table::new(name);
                        if sheet {
                            t.max_cells = st.max_cells;
                        }
                        table = Some(t);
                        sheet_cut = false;
                    }
                }
                "table-row" if tbl_depth == 1 => {
                    row_repeat = attr_u32(&e, "number-rows-repeated") as u64;
                    if let Some(t) = table.as_mut() {
                        t.start_row();
                    }
                }
                "table-cell" | "covered-table-cell" if tbl_depth == 1 => {
                    span = 1;
                    repeat = attr_u32(&e, "number-columns-repeated");
                    cell_targets = targets.len();
                    if let Some(t) = table.as_mut() {
                        t.start_cell();
                        if sheet {
                            t.cell_value = ods_value(&e);
                        }
                    }
                }
                _ => {}
            },
            Ev::Empty(e) => match e.local() {
                "s" => {
                    let c = attr_u32(&e, "c").min(100) as usize;
                    push(&mut paras, &" ".repeat(c));
                }
                "tab" => push(&mut paras, "\t"),
                "line-break" => push(&mut paras, " "),
                "p" | "h" => odf_route(
                    sink,
                    outs,
                    &targets,
                    table.as_mut(),
                    cell_targets,
                    String::new(),
                ),
                "table-cell" | "covered-table-cell" if tbl_depth == 1 => {
                    if let Some(t) = table.as_mut() {
                        t.start_cell();
                        if sheet {
                            t.cell_value = ods_value(&e);
                        }
                        t.end_cell(1, attr_u32(&e, "number-columns-repeated"));
                    }
                }
                "table-row" if tbl_depth == 1 => {
                    if let Some(t) = table.as_mut() {
                        t.start_row();
                        t.end_row(sink, attr_u32(&e, "number-rows-repeated") as u64);
                    }
                }
                _ => {}
            },
            Ev::End(name) => match local(&name) {
                "p" | "h" => {
                    if let Some(p) = paras.pop() {
                        odf_route(sink, outs, &targets, table.as_mut(), cell_targets, p);
                    }
                    n += 1;
                    if n.is_multiple_of(CHECK_EVERY) && sink.cancelled() {
                        return Ok(());
                    }
                }
                "note-body" | "annotation" => {
                    targets.pop();
                }
                "header" | "header-left" | "header-first" | "footer" | "footer-left"
                | "footer-first"
                    if styles =>
                {
                    targets.pop();
                }
                "page" | "notes" if st.kind == OdfKind::Presentation && !styles => {
                    targets.pop();
                }
                "table-cell" | "covered-table-cell" if tbl_depth == 1 => {
                    if let Some(t) = table.as_mut() {
                        t.end_cell(span, repeat);
                    }
                }
                "table-row" if tbl_depth == 1 => {
                    if let Some(t) = table.as_mut() {
                        if sheet_cut {
                            t.start_row();
                        } else {
                            t.end_row(sink, row_repeat);
                            n += 1;
                            if sheet && t.emitted > st.max_cells {
                                sheet_cut = true;
                                st.cut_sheets.push(st.tables);
                            }
                        }
                    }
                }
                "table" if tables_as_rows => {
                    if tbl_depth == 1 {
                        if let Some(mut t) = table.take() {
                            t.finish(sink);
                        }
                    }
                    tbl_depth = tbl_depth.saturating_sub(1);
                }
                _ => {}
            },
            Ev::Text(t) => push(&mut paras, &t),
            Ev::Eof => break,
        }
    }
    while let Some(p) = paras.pop() {
        odf_route(sink, outs, &targets, table.as_mut(), cell_targets, p);
    }
    Ok(())
}

fn odf_route(
    sink: &mut dyn Sink,
    outs: &mut Outs,
    targets: &[Option<Place>],
    table: Option<&mut Table>,
    cell_targets: usize,
    p: String,
) {
    match table {
        Some(t) if t.cell_open && targets.len() == cell_targets => t.cell_para(&p),
        _ => {
            if let Some(Some(place)) = targets.last() {
                outs.get(place).line(sink, &p);
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;

    use crate::{collect_bytes, CollectedDoc, Options, UnreadKind};

    use super::*;

    /// A zip of (name, content) parts, stored.
    pub(crate) fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        for (name, body) in parts {
            w.start_file(*name, opts).unwrap();
            w.write_all(body.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn one(name: &str, bytes: Vec<u8>) -> CollectedDoc {
        let c = collect_bytes(name, bytes, &Options::default());
        assert_eq!(c.docs.len(), 1);
        c.docs.into_iter().next().unwrap()
    }

    fn text_at(d: &CollectedDoc, place: &Place) -> String {
        d.texts
            .iter()
            .filter(|(p, _)| p == place)
            .map(|(_, t)| t.as_str())
            .collect()
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn para(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn docx_bytes(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
        let doc = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        );
        let mut parts = vec![
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", doc.as_str()),
        ];
        parts.extend_from_slice(extra);
        zip_of(&parts)
    }

    #[test]
    fn docx_paragraphs_parts_and_tables() {
        let body = format!(
            "{}{}<w:p><w:r><w:t xml:space=\"preserve\">電話 </w:t></w:r><w:r><w:t>0912-345-678</w:t><w:tab/><w:t>&amp;</w:t></w:r></w:p>\
             <w:tbl><w:tr><w:tc><w:p><w:r><w:t>姓名</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>身分證字號</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:p><w:r><w:t>陳美玲</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>A123456789</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>{}",
            para("申請書"),
            para("身分證字號：A123456789"),
            para("after the table")
        );
        let header = format!("<w:hdr {W}>{}</w:hdr>", para("機密 王小明"));
        let foot = format!(
            "<w:footnotes {W}><w:footnote>{}</w:footnote></w:footnotes>",
            para("註：0912-345-678")
        );
        let d = one(
            "申請書.docx",
            docx_bytes(
                &body,
                &[("word/header1.xml", &header), ("word/footnotes.xml", &foot)],
            ),
        );
        assert_eq!(d.result, Ok(()));
        assert_eq!(
            text_at(&d, &Place::Part("body".into())),
            "申請書\n身分證字號：A123456789\n電話 0912-345-678\t&\nafter the table\n"
        );
        assert_eq!(text_at(&d, &Place::Part("header".into())), "機密 王小明\n");
        assert_eq!(
            text_at(&d, &Place::Part("footnotes".into())),
            "註：0912-345-678\n"
        );
        assert_eq!(d.rows.len(), 1);
        let r = &d.rows[0];
        assert_eq!((r.table.as_str(), r.row), ("table 1", 2));
        assert_eq!(r.header.as_ref().unwrap()[1].text, "身分證字號");
        assert_eq!(
            r.cells
                .iter()
                .map(|c| (c.col, c.text.as_str()))
                .collect::<Vec<_>>(),
            vec![(0, "陳美玲"), (1, "A123456789"), (3, "x")]
        );
    }

    #[test]
    fn docx_with_entities_is_refused() {
        let doc = format!(
            r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;">]><w:document {W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#
        );
        let d = one("a.docx", zip_of(&[("word/document.xml", &doc)]));
        let e = d.result.clone().unwrap_err();
        assert_eq!(e.kind, UnreadKind::Limit);
        assert!(e.reason.contains("<!ENTITY>"), "{e}");
        assert!(d.all_text().trim().is_empty());
    }

    #[test]
    fn docx_bomb_stops_at_the_ratio() {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        w.start_file("word/document.xml", opts).unwrap();
        w.write_all(format!("<w:document {W}><w:body><w:p><w:r><w:t>").as_bytes())
            .unwrap();
        let block = vec![b'a'; 1 << 20];
        for _ in 0..200 {
            w.write_all(&block).unwrap();
        }
        w.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
            .unwrap();
        let bytes = w.finish().unwrap().into_inner();
        assert!(bytes.len() < 1 << 20, "{}", bytes.len());
        let d = one("bomb.docx", bytes);
        let e = d.result.unwrap_err();
        assert_eq!(e.kind, UnreadKind::Limit);
        assert!(e.reason.contains("zip bomb"), "{e}");
    }

    #[test]
    fn truncated_and_wrong_zips_are_errors() {
        let full = docx_bytes(&para("陳美玲"), &[]);
        let d = one("cut.docx", full[..full.len() / 2].to_vec());
        assert_eq!(d.result.unwrap_err().kind, UnreadKind::Error);
        let d = one("other.docx", zip_of(&[("readme.txt", "hello")]));
        let e = d.result.unwrap_err();
        assert_eq!(e.kind, UnreadKind::Error);
        assert!(e.reason.contains("word/document.xml"), "{e}");
    }

    #[test]
    fn embedded_documents_are_read_as_members() {
        let inner = docx_bytes(&para("內嵌 陳美玲"), &[]);
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        let doc = format!(
            r#"<w:document {W}><w:body>{}</w:body></w:document>"#,
            para("外層")
        );
        for (name, body) in [
            ("word/document.xml", doc.as_bytes()),
            (
                "word/embeddings/Microsoft_Word_Document.docx",
                inner.as_slice(),
            ),
            (
                "word/embeddings/oleObject1.bin",
                b"\xD0\xCF\x11\xE0".as_slice(),
            ),
        ] {
            w.start_file(name, opts).unwrap();
            w.write_all(body).unwrap();
        }
        let c = collect_bytes(
            "outer.docx",
            w.finish().unwrap().into_inner(),
            &Options::default(),
        );
        assert_eq!(c.docs.len(), 2);
        let inner = c
            .doc("outer.docx!word/embeddings/Microsoft_Word_Document.docx")
            .unwrap();
        assert_eq!(text_at(inner, &Place::Part("body".into())), "內嵌 陳美玲\n");
        assert_eq!(c.doc("outer.docx").unwrap().result, Ok(()));
    }

    #[test]
    fn text_boxes_are_read_once() {
        let body = "<w:p><w:r><w:t>before</w:t></w:r><w:r><mc:AlternateContent xmlns:mc=\"m\"><mc:Choice><w:txbxContent><w:p><w:r><w:t>框內 陳美玲</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>框內 陳美玲</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>";
        let d = one("box.docx", docx_bytes(body, &[]));
        assert_eq!(d.all_text().matches("陳美玲").count(), 1, "{:?}", d.texts);
    }

    fn slide(text: &str) -> String {
        format!(
            r#"<p:sld xmlns:p="p" xmlns:a="a"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{text}</a:t></a:r><a:br/><a:r><a:t>第二行</a:t></a:r></a:p><a:p><a:fld type="slidenum"><a:t>9</a:t></a:fld></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"#
        )
    }

    #[test]
    fn pptx_slides_in_presentation_order_with_notes() {
        let pres = r#"<p:presentation xmlns:p="p" xmlns:r="r"><p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId2"/></p:sldIdLst></p:presentation>"#;
        let rels = r#"<Relationships><Relationship Id="rId2" Type="http://x/slide" Target="slides/slide1.xml"/><Relationship Id="rId3" Type="http://x/slide" Target="slides/slide10.xml"/></Relationships>"#;
        let s1rels = r#"<Relationships><Relationship Id="rId1" Type="http://x/notesSlide" Target="../notesSlides/notesSlide7.xml"/></Relationships>"#;
        let notes = r#"<p:notes xmlns:p="p" xmlns:a="a"><a:p><a:r><a:t>講者備忘 0912-345-678</a:t></a:r></a:p></p:notes>"#;
        let s1 = slide("第一張 陳美玲");
        let s10 = slide("封面");
        let d = one(
            "簡報.pptx",
            zip_of(&[
                ("ppt/presentation.xml", pres),
                ("ppt/_rels/presentation.xml.rels", rels),
                ("ppt/slides/slide1.xml", &s1),
                ("ppt/slides/slide10.xml", &s10),
                ("ppt/slides/_rels/slide1.xml.rels", s1rels),
                ("ppt/notesSlides/notesSlide7.xml", notes),
            ]),
        );
        assert_eq!(d.result, Ok(()));
        assert_eq!(text_at(&d, &Place::Slide(1)), "封面 第二行\n\n");
        assert_eq!(text_at(&d, &Place::Slide(2)), "第一張 陳美玲 第二行\n\n");
        assert_eq!(
            text_at(&d, &Place::Part("notes 2".into())),
            "講者備忘 0912-345-678\n"
        );
    }

    const ODF_NS: &str = r#"xmlns:office="o" xmlns:text="t" xmlns:table="tb" xmlns:style="s" xmlns:draw="d" xmlns:presentation="p""#;

    #[test]
    fn odt_body_tables_notes_and_headers() {
        let content = format!(
            r#"<office:document-content {ODF_NS}><office:body><office:text>
<text:h>申請書</text:h>
<text:p>姓名：陳美玲<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>備註 A123456789</text:p></text:note-body></text:note>，電話<text:s text:c="2"/>0912-345-678</text:p>
<table:table table:name="表格1"><table:table-row><table:table-cell><text:p>姓名</text:p></table:table-cell><table:table-cell><text:p>手機</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>王小明</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>0912-345-678</text:p></table:table-cell></table:table-row></table:table>
<text:p>end</text:p>
</office:text></office:body></office:document-content>"#
        );
        let styles = format!(
            r#"<office:document-styles {ODF_NS}><office:master-styles><style:master-page><style:header><text:p>頁首 機密</text:p></style:header><style:footer><text:p>頁尾</text:p></style:footer></style:master-page></office:master-styles><office:styles><text:p>not a header</text:p></office:styles></office:document-styles>"#
        );
        let d = one(
            "a.odt",
            zip_of(&[
                ("mimetype", "application/vnd.oasis.opendocument.text"),
                ("content.xml", &content),
                ("styles.xml", &styles),
            ]),
        );
        assert_eq!(d.result, Ok(()));
        assert_eq!(
            text_at(&d, &Place::Part("body".into())),
            "申請書\n姓名：陳美玲，電話  0912-345-678\nend\n"
        );
        assert_eq!(
            text_at(&d, &Place::Part("footnotes".into())),
            "備註 A123456789\n"
        );
        assert_eq!(text_at(&d, &Place::Part("header".into())), "頁首 機密\n");
        assert_eq!(text_at(&d, &Place::Part("footer".into())), "頁尾\n");
        assert_eq!(d.rows.len(), 1);
        assert_eq!(d.rows[0].table, "table 1");
        assert_eq!(d.rows[0].row, 2);
        assert_eq!(d.rows[0].header.as_ref().unwrap()[1].text, "手機");
        assert_eq!(d.rows[0].cells[1].col, 2);
        assert_eq!(d.rows[0].cells[1].text, "0912-345-678");
    }

    #[test]
    fn odp_pages_are_slides_with_notes() {
        let content = format!(
            r#"<office:document-content {ODF_NS}><office:body><office:presentation>
<draw:page><draw:frame><draw:text-box><text:p>第一頁</text:p></draw:text-box></draw:frame><presentation:notes><draw:frame><draw:text-box><text:p>備忘 陳美玲</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>
<draw:page><draw:frame><draw:text-box><text:p>第二頁 0912-345-678</text:p></draw:text-box></draw:frame></draw:page>
</office:presentation></office:body></office:document-content>"#
        );
        let d = one(
            "a.odp",
            zip_of(&[
                (
                    "mimetype",
                    "application/vnd.oasis.opendocument.presentation",
                ),
                ("content.xml", &content),
            ]),
        );
        assert_eq!(d.result, Ok(()));
        assert_eq!(text_at(&d, &Place::Slide(1)), "第一頁\n");
        assert_eq!(text_at(&d, &Place::Slide(2)), "第二頁 0912-345-678\n");
        assert_eq!(text_at(&d, &Place::Part("notes 1".into())), "備忘 陳美玲\n");
    }

    #[test]
    fn encrypted_odf_is_encrypted() {
        let manifest = r#"<manifest:manifest xmlns:manifest="m"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum="x"/></manifest:file-entry></manifest:manifest>"#;
        let d = one(
            "secret.odt",
            zip_of(&[
                ("mimetype", "application/vnd.oasis.opendocument.text"),
                ("META-INF/manifest.xml", manifest),
                ("content.xml", "garbage"),
            ]),
        );
        assert_eq!(d.result.unwrap_err().kind, UnreadKind::Encrypted);
    }

    #[test]
    fn cfb_named_docx_is_encrypted() {
        let cfb = crate::sheet::cfb::tests::cfb_with(&[
            ("EncryptionInfo", 200),
            ("EncryptedPackage", 5000),
        ]);
        let d = one("合約.docx", cfb.clone());
        let e = d.result.unwrap_err();
        assert_eq!(e.kind, UnreadKind::Encrypted, "{e}");
        assert_eq!(e.reason, "password-protected office document: not read");
        // The same file under another name is still found by its EncryptedPackage stream.
        let d = one("合約.doc", cfb);
        assert_eq!(d.result.unwrap_err().kind, UnreadKind::Encrypted);
        // Just the signature, named .pptx.
        let mut bare = CFB_MAGIC.to_vec();
        bare.resize(1024, 0);
        let d = one("x.pptx", bare);
        assert_eq!(d.result.unwrap_err().kind, UnreadKind::Encrypted);
    }
}
