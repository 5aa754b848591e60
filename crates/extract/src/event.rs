//! What extraction hands out: documents that begin and end, text with its place, table
//! rows with their header, and what was not read. A [`Sink`] receives them in order;
//! documents nest (an archive member, a mail attachment), so `begin`/`end` pair up like
//! brackets and everything between belongs to the innermost open document.

use std::fmt;
use std::ops::Range;

use crate::Format;

/// Where in its document a piece of text stands (the line inside the piece is counted
/// by the receiver, see [`Lines`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The lines of a text file (or of a text member).
    Text,
    /// A page of a PDF (1-based).
    Page(u32),
    /// A slide of a presentation (1-based).
    Slide(u32),
    /// A named part: `body`, `header`, `footnotes`, `notes 3`, a mail's `headers`,
    /// `body`, `subject`…
    Part(String),
    /// Text read by OCR from an image: the PDF page or the image frame (1-based); each
    /// line of the text has its box in [`TextPiece::boxes`].
    Scan {
        /// Page of a PDF, or frame of a multi-frame image (1 for a plain image).
        page: u32,
    },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Text => f.write_str("text"),
            Place::Page(p) => write!(f, "page {p}"),
            Place::Slide(s) => write!(f, "slide {s}"),
            Place::Part(p) => f.write_str(p),
            Place::Scan { page } => write!(f, "scan of page {page}"),
        }
    }
}

/// How the receiver finds the line of a position in a [`TextPiece`].
#[derive(Debug, Clone, Copy)]
pub enum Lines<'a> {
    /// Count `\n` in the text: the owned part starts on line `line` (1-based) at
    /// character column `column` (1-based), or at an unknown column when the line began
    /// before this piece.
    Counted {
        /// Line of `text[owned.start]`.
        line: u64,
        /// Column of `text[owned.start]`, if known.
        column: Option<u64>,
    },
    /// The text is a view that joined wrapped lines; original line `k + 1` starts at byte
    /// `starts[k]` of the text (sorted, `starts[0] == 0`).
    Starts(&'a [usize]),
}

/// A piece of text of the current document.
#[derive(Debug, Clone)]
pub struct TextPiece<'a> {
    /// The text, including look-behind and look-ahead around the owned part.
    pub text: &'a str,
    /// The part of `text` this piece reports: a finding belongs here if it starts inside.
    pub owned: Range<usize>,
    /// Byte offset of `text[0]` in the document's whole decoded text stream (0 for
    /// pieces that are not streamed).
    pub offset: u64,
    /// Where it stands.
    pub place: Place,
    /// How lines are counted.
    pub lines: Lines<'a>,
    /// OCR only: the box (`x0, y0, x1, y1` in pixels of the page image) of each line.
    pub boxes: &'a [[u32; 4]],
    /// Malformed byte sequences replaced by U+FFFD so far in this document's decoding.
    pub replaced: u64,
}

impl<'a> TextPiece<'a> {
    /// A whole piece of text at `place`, starting at line 1, column 1.
    pub fn whole(text: &'a str, place: Place) -> TextPiece<'a> {
        TextPiece {
            text,
            owned: 0..text.len(),
            offset: 0,
            place,
            lines: Lines::Counted {
                line: 1,
                column: Some(1),
            },
            boxes: &[],
            replaced: 0,
        }
    }
}

/// One cell of a table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// 0-based column.
    pub col: u32,
    /// The cell's text as shown.
    pub text: String,
}

/// A row of a table of the current document.
#[derive(Debug, Clone)]
pub struct RowPiece<'a> {
    /// The table: a sheet name, `table 2` in a word-processing document, the file's
    /// name for CSV.
    pub table: &'a str,
    /// 1-based row number as a person sees it (the spreadsheet's row, the CSV line
    /// where the record starts).
    pub row: u64,
    /// The non-empty cells.
    pub cells: &'a [Cell],
    /// The header row, when the table has one: its cells name the columns.
    pub header: Option<&'a [Cell]>,
    /// Where the table is written as text with a cell per line (pretty JSON): the line of
    /// each cell, parallel to `cells`. Empty when every cell is on line `row`.
    pub lines: &'a [u64],
}

/// How serious it is that something was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnreadKind {
    /// Holds no text a person wrote (a program, a font, a picture when OCR is off is
    /// *not* this: see `NotRead`).
    NoText,
    /// Could hold personal data, but this gezi does not read it (or was told not to):
    /// an image without `--ocr`, a legacy format. The scan is incomplete.
    NotRead,
    /// Encrypted or password-protected. The scan is incomplete.
    Encrypted,
    /// A limit was reached (size, depth, members, expansion ratio, time). The scan is
    /// incomplete.
    Limit,
    /// Corrupt, unreadable, or the reader failed. The scan is incomplete.
    Error,
}

impl UnreadKind {
    /// Whether a scan that met this is incomplete (exit 2).
    pub fn incomplete(self) -> bool {
        self != UnreadKind::NoText
    }

    /// A short word for reports.
    pub fn id(self) -> &'static str {
        match self {
            UnreadKind::NoText => "no_text",
            UnreadKind::NotRead => "not_read",
            UnreadKind::Encrypted => "encrypted",
            UnreadKind::Limit => "limit",
            UnreadKind::Error => "error",
        }
    }
}

/// Why something was not read, in words for the user (never with a value of the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// How serious.
    pub kind: UnreadKind,
    /// Why, for a person: "encrypted zip member", "archive nested deeper than 10".
    pub reason: String,
}

impl Unread {
    /// Unread for this reason.
    pub fn new(kind: UnreadKind, reason: impl Into<String>) -> Unread {
        Unread {
            kind,
            reason: reason.into(),
        }
    }
    /// Corrupt or unreadable.
    pub fn error(reason: impl Into<String>) -> Unread {
        Unread::new(UnreadKind::Error, reason)
    }
    /// A limit was reached.
    pub fn limit(reason: impl Into<String>) -> Unread {
        Unread::new(UnreadKind::Limit, reason)
    }
    /// Encrypted.
    pub fn encrypted(reason: impl Into<String>) -> Unread {
        Unread::new(UnreadKind::Encrypted, reason)
    }
    /// A password-protected office document (OOXML in a CFB container, encrypted ODF
    /// or xls): one wording wherever it is found.
    pub fn password_protected() -> Unread {
        Unread::encrypted("password-protected office document: not read")
    }
    /// Not read by this gezi.
    pub fn not_read(reason: impl Into<String>) -> Unread {
        Unread::new(UnreadKind::NotRead, reason)
    }
    /// No text in it.
    pub fn no_text(reason: impl Into<String>) -> Unread {
        Unread::new(UnreadKind::NoText, reason)
    }
}

impl fmt::Display for Unread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Unread {}

impl From<std::io::Error> for Unread {
    fn from(e: std::io::Error) -> Unread {
        Unread::error(format!("cannot read: {e}"))
    }
}

/// The path of a document: the file on disk, then the members inside it
/// (`forms.zip`, `2024/申請書.docx`). Shown joined by `!`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocPath {
    /// The file as given or found by the walk.
    pub file: std::path::PathBuf,
    /// Member names inside it, outermost first.
    pub members: Vec<String>,
}

impl DocPath {
    /// The path of a file on disk.
    pub fn file(path: impl Into<std::path::PathBuf>) -> DocPath {
        DocPath {
            file: path.into(),
            members: Vec::new(),
        }
    }
    /// A member inside this document.
    pub fn child(&self, name: impl Into<String>) -> DocPath {
        let mut members = self.members.clone();
        members.push(name.into());
        DocPath {
            file: self.file.clone(),
            members,
        }
    }
    /// How deep inside the file this is (0 for the file itself).
    pub fn depth(&self) -> usize {
        self.members.len()
    }
    /// The name of the innermost part (for the format's extension).
    pub fn leaf_name(&self) -> String {
        match self.members.last() {
            Some(m) => m.rsplit('/').next().unwrap_or(m).to_string(),
            None => self
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }
}

impl fmt::Display for DocPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        for m in &self.members {
            write!(f, "!{m}")?;
        }
        Ok(())
    }
}

/// Receives what extraction finds, in document order.
pub trait Sink {
    /// A document begins: the file itself, or a member or attachment inside the current
    /// one. `bytes` is its size as stored (compressed size is not known for every member).
    fn begin(&mut self, doc: &DocPath, format: Format, bytes: u64);
    /// Text of the innermost open document.
    fn text(&mut self, piece: &TextPiece<'_>);
    /// A table row of the innermost open document.
    fn row(&mut self, row: &RowPiece<'_>);
    /// Something inside the innermost open document was not read (a member listed
    /// but skipped, a page that could not be read); the rest of the document was.
    fn unread(&mut self, doc: &DocPath, why: &Unread);
    /// The innermost open document ends; `Err` says why it was not (fully) read.
    fn end(&mut self, doc: &DocPath, result: Result<(), Unread>);
    /// The text encoding the current document was decoded from (text, CSV, JSON).
    fn encoding(&mut self, _name: &'static str) {}
    /// Whether to stop early (the receiver has seen enough); checked between pieces.
    fn cancelled(&self) -> bool {
        false
    }
}
