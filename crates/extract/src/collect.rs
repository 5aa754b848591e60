//! A [`Sink`] that keeps everything: each document with its text pieces, rows and what
//! was not read. For tests, and for callers that want a document's text whole (the
//! register's uploads) rather than streamed.

use crate::{Cell, DocPath, Format, Place, RowPiece, Sink, TextPiece, Unread};

/// One document as extracted.
#[derive(Debug, Clone)]
pub struct CollectedDoc {
    /// Its path (file, then members).
    pub path: DocPath,
    /// Its format.
    pub format: Format,
    /// Its text, piece by piece, each with its place (owned parts only).
    pub texts: Vec<(Place, String)>,
    /// Its table rows: table, row number, header, cells.
    pub rows: Vec<CollectedRow>,
    /// Members or parts not read, with why.
    pub unread: Vec<(DocPath, Unread)>,
    /// The document's outcome.
    pub result: Result<(), Unread>,
}

/// A table row as extracted.
#[derive(Debug, Clone)]
pub struct CollectedRow {
    /// The table's name.
    pub table: String,
    /// 1-based row number.
    pub row: u64,
    /// The header, if any.
    pub header: Option<Vec<Cell>>,
    /// The non-empty cells.
    pub cells: Vec<Cell>,
}

impl CollectedDoc {
    /// All text of the document, pieces and cells, joined by newlines: for searching in
    /// tests and for reading a document whole.
    pub fn all_text(&self) -> String {
        let mut s = String::new();
        for (_, t) in &self.texts {
            s.push_str(t);
            s.push('\n');
        }
        for r in &self.rows {
            for c in &r.cells {
                s.push_str(&c.text);
                s.push('\t');
            }
            s.push('\n');
        }
        s
    }
}

/// Collects every document into a list, innermost documents in the order they end.
#[derive(Debug, Default)]
pub struct Collect {
    open: Vec<CollectedDoc>,
    /// Documents that ended, in the order they ended (members before their archive).
    pub docs: Vec<CollectedDoc>,
}

impl Collect {
    /// The document whose path, shown, ends with `suffix`.
    pub fn doc(&self, suffix: &str) -> Option<&CollectedDoc> {
        self.docs
            .iter()
            .find(|d| d.path.to_string().ends_with(suffix))
    }
}

impl Sink for Collect {
    fn begin(&mut self, doc: &DocPath, format: Format, _bytes: u64) {
        self.open.push(CollectedDoc {
            path: doc.clone(),
            format,
            texts: Vec::new(),
            rows: Vec::new(),
            unread: Vec::new(),
            result: Ok(()),
        });
    }
    fn text(&mut self, piece: &TextPiece<'_>) {
        if let Some(d) = self.open.last_mut() {
            d.texts.push((
                piece.place.clone(),
                piece.text[piece.owned.clone()].to_string(),
            ));
        }
    }
    fn row(&mut self, row: &RowPiece<'_>) {
        if let Some(d) = self.open.last_mut() {
            d.rows.push(CollectedRow {
                table: row.table.to_string(),
                row: row.row,
                header: row.header.map(|h| h.to_vec()),
                cells: row.cells.to_vec(),
            });
        }
    }
    fn unread(&mut self, doc: &DocPath, why: &Unread) {
        if let Some(d) = self.open.last_mut() {
            d.unread.push((doc.clone(), why.clone()));
        }
    }
    fn end(&mut self, _doc: &DocPath, result: Result<(), Unread>) {
        if let Some(mut d) = self.open.pop() {
            d.result = result;
            self.docs.push(d);
        }
    }
}

/// Extracts a document given as bytes and returns everything in it.
pub fn collect_bytes(name: &str, bytes: Vec<u8>, opts: &crate::Options) -> Collect {
    let mut c = Collect::default();
    crate::extract_bytes(name, bytes, opts, &mut c);
    c
}
