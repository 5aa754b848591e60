//! gezi-extract turns files into text the detector can read, with the place each piece
//! comes from: lines of text files in any encoding gezi detects; paragraphs, tables,
//! headers and notes of office documents; cells of spreadsheets; pages of PDFs; parts
//! and attachments of mail; members of archives, opened recursively; and, with an OCR
//! engine given, scanned pages and images.
//!
//! It knows nothing of detection. A reader walks a file and hands out events to a
//! [`Sink`]: a document begins, here is text at this place, here is a table row with its
//! header, this member was not read and why, the document ends. Nested documents (a
//! docx in a zip attached to a mail) are bracketed by their own begin and end.
//!
//! Every file is hostile until read: [`Limits`] on depth, members, expansion and time are
//! checked before the work they guard, a reader that panics is an error for that file
//! only, and nothing inside an archive is ever written to disk.
//!
//! Large text files stream as overlapping chunks ([`Chunks`]) that say which part each
//! owns, so a 2 GB file — or a 1 GB single line — is read in bounded memory without
//! losing a finding at a chunk border.
//!
//! ```
//! use gezi_extract::{Chunks, ChunkOptions};
//! let data = "電話 0912-345-678\n".repeat(10);
//! let chunks: Vec<_> = Chunks::new(data.as_bytes(), encoding_rs::UTF_8, ChunkOptions { size: 64, overlap: 32 })
//!     .collect::<Result<_, _>>()
//!     .unwrap();
//! assert!(chunks.len() > 1);
//! // Owned parts tile the text exactly once.
//! let owned: String = chunks.iter().map(|c| &c.text[c.owned_start()..c.owned_end()]).collect();
//! assert_eq!(owned, data);
//! ```
#![deny(missing_docs)]

use std::fs::File;
use std::io::{Cursor, Read, Seek};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Arc;

mod archive;
mod collect;
mod event;
mod format;
mod limits;
mod mail;
mod markup;
mod office;
mod pdf;
mod rtf;
mod scan;
mod sheet;
mod tables;
mod text;
mod xml;

pub use collect::{collect_bytes, Collect, CollectedDoc, CollectedRow};
pub use event::{Cell, DocPath, Lines, Place, RowPiece, Sink, TextPiece, Unread, UnreadKind};
pub use format::Format;
pub use limits::{guarded_error, human, Budget, Limits};
pub use scan::{Ocr, OcrLine, OcrPage};
pub use text::{read_head, sniff, Chunk, ChunkOptions, Chunks, ExtractError, Sniffed};

/// How to extract.
#[derive(Clone, Default)]
pub struct Options {
    /// Limits against hostile files.
    pub limits: Limits,
    /// Chunk sizes for streamed text.
    pub chunks: ChunkOptions,
    /// The OCR engine for images and PDF pages without a text layer; without one they
    /// are reported as not read.
    pub ocr: Option<Arc<dyn Ocr>>,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("limits", &self.limits)
            .field("chunks", &self.chunks)
            .field("ocr", &self.ocr.is_some())
            .finish()
    }
}

/// A file, or the bytes of a member, to read.
pub(crate) enum Input {
    File(File, u64),
    Bytes(Vec<u8>),
}

/// Readers that need to jump around (zip, calamine) take this.
pub(crate) trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

impl Input {
    pub(crate) fn len(&self) -> u64 {
        match self {
            Input::File(_, n) => *n,
            Input::Bytes(b) => b.len() as u64,
        }
    }
    pub(crate) fn into_reader(self) -> Box<dyn ReadSeek + Send> {
        match self {
            Input::File(f, _) => Box::new(f),
            Input::Bytes(b) => Box::new(Cursor::new(b)),
        }
    }
    /// The whole content in memory, within the budget (for formats whose parsers need it).
    pub(crate) fn into_bytes(self, budget: &mut Budget) -> Result<Vec<u8>, Unread> {
        match self {
            Input::Bytes(b) => Ok(b),
            Input::File(f, n) => {
                let cap = budget.limits().max_member_in_memory.max(1 << 30);
                if n > cap {
                    return Err(Unread::limit(format!(
                        "this format is read whole, and the file is larger than {}",
                        human(cap)
                    )));
                }
                let mut out = Vec::with_capacity(n as usize);
                f.take(cap + 1).read_to_end(&mut out)?;
                Ok(out)
            }
        }
    }
}

/// The state of one extraction: options, the budget of the file on disk, the sink.
pub(crate) struct Cx<'a> {
    pub(crate) opts: &'a Options,
    pub(crate) budget: Budget,
    pub(crate) sink: &'a mut dyn Sink,
}

impl Cx<'_> {
    /// Reads a member or attachment of `parent` named `name` (its path inside the parent,
    /// shown as is), held in memory. Counts it, checks depth, brackets it with begin/end.
    pub(crate) fn nested(&mut self, parent: &DocPath, name: &str, bytes: Vec<u8>) {
        let doc = parent.child(name);
        if let Err(why) = self
            .budget
            .check_depth(doc.depth())
            .and_then(|_| self.budget.add_member())
        {
            self.sink.unread(&doc, &why);
            return;
        }
        self.read_doc(&doc, Input::Bytes(bytes));
    }

    /// Reads one document: decides its format, runs its reader (a panic is an error
    /// for this document only), and brackets it with begin/end.
    pub(crate) fn read_doc(&mut self, doc: &DocPath, input: Input) {
        let size = input.len();
        let (format, input) = match sniff_format(&doc.leaf_name(), input) {
            Ok(x) => x,
            Err(e) => {
                self.sink.begin(doc, Format::Binary, size);
                self.sink.end(doc, Err(e));
                return;
            }
        };
        self.sink.begin(doc, format, size);
        let result = match self.budget.check_time() {
            Err(e) => Err(e),
            Ok(()) => catch_unwind(AssertUnwindSafe(|| self.dispatch(doc, format, input)))
                .unwrap_or_else(|_| {
                    // The panic's message is not shown: a third-party parser's text can
                    // quote the file, and the file may hold personal data.
                    Err(Unread::error(format!(
                        "the {format} reader failed on this file; it is probably corrupt"
                    )))
                }),
        };
        self.sink.end(doc, result);
    }

    fn dispatch(&mut self, doc: &DocPath, format: Format, input: Input) -> Result<(), Unread> {
        match format {
            Format::Text => text::read(self, input),
            Format::Csv | Format::Json => tables::read(self, doc, format, input),
            Format::Html | Format::Xml => markup::read(self, doc, format, input),
            Format::Docx | Format::Pptx | Format::Odt | Format::Odp => {
                office::read(self, doc, format, input)
            }
            Format::Xlsx | Format::Xls | Format::Ods => sheet::read(self, doc, format, input),
            Format::Rtf => rtf::read(self, doc, input),
            Format::Pdf => pdf::read(self, doc, input),
            Format::Eml | Format::Mbox | Format::Msg => mail::read(self, doc, format, input),
            Format::Zip | Format::Tar | Format::Gzip | Format::SevenZip => {
                archive::read(self, doc, format, input)
            }
            Format::Image => scan::read_image(self, doc, input),
            Format::Doc => Err(Unread::not_read(
                "Word 97–2003 document (.doc): not read; save it as .docx or PDF to scan it",
            )),
            Format::Ppt => Err(Unread::not_read(
                "PowerPoint 97–2003 presentation (.ppt): not read; save it as .pptx or PDF to scan it",
            )),
            Format::OtherArchive => Err(Unread::not_read(
                "archive or compression format not read (rar, bz2, xz, zstd); unpack it to scan it",
            )),
            Format::Media => Err(Unread::no_text("audio or video: no text to read")),
            Format::Database => Err(Unread::not_read(
                "database file: not read as a file; scan the database with its connector",
            )),
            Format::Binary => Err(Unread::no_text("binary content, no text to read")),
        }
    }
}

const HEAD: usize = 64 << 10;

/// The format of `input`, from its first bytes and its name; gives the input back whole.
fn sniff_format(name: &str, input: Input) -> Result<(Format, Input), Unread> {
    match input {
        Input::Bytes(b) => {
            let format = refine(
                Format::detect(name, &b[..b.len().min(HEAD)]),
                &b[..b.len().min(HEAD)],
            );
            Ok((format, Input::Bytes(b)))
        }
        Input::File(mut f, n) => {
            let mut head = Vec::with_capacity(HEAD.min(n as usize));
            (&mut f).take(HEAD as u64).read_to_end(&mut head)?;
            f.rewind()?;
            Ok((
                refine(Format::detect(name, &head), &head),
                Input::File(f, n),
            ))
        }
    }
}

/// A file the name calls text that is not text by its content is binary.
fn refine(format: Format, head: &[u8]) -> Format {
    match format {
        Format::Text | Format::Csv | Format::Json | Format::Html | Format::Xml => {
            match text::sniff(head) {
                Sniffed::Text(_) => format,
                Sniffed::NotText(_) => Format::Binary,
            }
        }
        other => other,
    }
}

/// Reads a file on disk and everything inside it, handing what it finds to `sink`.
/// Nothing is returned: the file's outcome is the `end` event of its document.
pub fn extract_file(path: &Path, opts: &Options, sink: &mut dyn Sink) {
    let doc = DocPath::file(path);
    let mut cx = Cx {
        opts,
        budget: Budget::new(&opts.limits),
        sink,
    };
    // Non-blocking, and the type checked on the open handle: a file swapped for a FIFO
    // or a device after the walk listed it must not hang the scan.
    use std::os::unix::fs::OpenOptionsExt;
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .and_then(|f| {
            let meta = f.metadata()?;
            Ok((f, meta))
        });
    match opened {
        Ok((f, meta)) if meta.is_file() => cx.read_doc(&doc, Input::File(f, meta.len())),
        Ok(_) => {
            cx.sink.begin(&doc, Format::Binary, 0);
            cx.sink.end(
                &doc,
                Err(Unread::no_text(
                    "not a regular file (device, socket or pipe)",
                )),
            );
        }
        Err(e) => {
            cx.sink.begin(&doc, Format::Binary, 0);
            cx.sink
                .end(&doc, Err(Unread::error(format!("cannot read: {e}"))));
        }
    }
}

/// Reads a document given as bytes with its name (an upload): the same as
/// [`extract_file`] for a file of that name and content.
pub fn extract_bytes(name: &str, bytes: Vec<u8>, opts: &Options, sink: &mut dyn Sink) {
    let doc = DocPath::file(name);
    let mut cx = Cx {
        opts,
        budget: Budget::new(&opts.limits),
        sink,
    };
    cx.read_doc(&doc, Input::Bytes(bytes));
}

/// `B7`: the spreadsheet name of a 0-based column and a 1-based row.
pub fn cell_name(col: u32, row: u64) -> String {
    let mut letters = Vec::new();
    let mut c = col as u64 + 1;
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8(letters).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_fifo_given_as_a_file_does_not_hang() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("z.txt");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let mut sink = crate::Collect::default();
        crate::extract_file(&fifo, &crate::Options::default(), &mut sink);
        let why = sink.docs[0].result.as_ref().unwrap_err();
        assert_eq!(why.kind, crate::UnreadKind::NoText);
        assert!(why.reason.contains("not a regular file"));
    }

    #[test]
    fn cell_names() {
        assert_eq!(super::cell_name(0, 1), "A1");
        assert_eq!(super::cell_name(1, 7), "B7");
        assert_eq!(super::cell_name(25, 2), "Z2");
        assert_eq!(super::cell_name(26, 3), "AA3");
        assert_eq!(super::cell_name(701, 1), "ZZ1");
        assert_eq!(super::cell_name(702, 1), "AAA1");
    }
}
