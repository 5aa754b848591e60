//! Text files: is it text, in which encoding (UTF-8, UTF-16 with or without BOM, Big5,
//! GB18030, …), and the stream of overlapping chunks it is read as.

use std::fs::File;
use std::io::{self, Read, Seek};
use std::path::Path;

use encoding_rs::{CoderResult, Decoder, Encoding};

/// Why a file was not read as text.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The file could not be opened or read (permission, vanished, I/O error).
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
}

/// What kind of file this is, as far as the scanner is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// Text in this encoding.
    Text(&'static Encoding),
    /// Not text: the reason says what it looked like.
    NotText(String),
}

/// Decides from the first bytes of a file whether it is text and in which encoding.
/// Text followed by NUL padding is text; UTF-16 without a byte-order mark is recognised
/// by its pattern of NUL bytes.
pub fn sniff(head: &[u8]) -> Sniffed {
    if let Some((enc, _)) = Encoding::for_bom(head) {
        return Sniffed::Text(enc);
    }
    if head.is_empty() {
        return Sniffed::Text(encoding_rs::UTF_8);
    }
    // NUL bytes do not occur in text in any of the 8-bit and multi-byte encodings we read,
    // except as padding after the text (fixed-size records, pre-allocated logs).
    let first_nul = memchr::memchr(0, head);
    if let Some(at) = first_nul {
        if let Some(enc) = utf16_without_bom(head) {
            return Sniffed::Text(enc);
        }
        let padding = head[at..].iter().all(|&b| b == 0);
        if !padding || at == 0 {
            let nuls = head.iter().filter(|&&b| b == 0).count();
            return Sniffed::NotText(if at == 0 && padding {
                format!("only NUL bytes in the first {} bytes", head.len())
            } else {
                format!(
                    "binary content ({nuls} NUL bytes in the first {} bytes)",
                    head.len()
                )
            });
        }
        return sniff(&head[..at]);
    }
    if valid_utf8_prefix(head) || mostly_utf8(head) {
        return Sniffed::Text(encoding_rs::UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(head, false);
    let enc = detector.guess(None, true);
    // GBK is a subset of GB18030: decode with the superset.
    Sniffed::Text(if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    })
}

/// UTF-16 without a byte-order mark: ASCII characters (digits, punctuation, line ends)
/// put their NUL byte on one side of each pair, and the decoded text has no control
/// characters and no broken surrogates.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head[..pairs * 2].iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1
            } else {
                odd += 1
            }
        }
    }
    let enc = if odd > 0 && even * 20 <= odd {
        encoding_rs::UTF_16LE
    } else if even > 0 && odd * 20 <= even {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let units = head[..pairs * 2].chunks_exact(2).map(|p| {
        if enc == encoding_rs::UTF_16LE {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let (mut chars, mut bad) = (0usize, 0usize);
    // Trailing NUL padding is allowed here too.
    let units: Vec<u16> = units.collect();
    let end = units.iter().rposition(|&u| u != 0).map_or(0, |i| i + 1);
    for c in char::decode_utf16(units[..end].iter().copied()) {
        chars += 1;
        match c {
            Ok(c) if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') => bad += 1,
            // A surrogate cut at the end of the sample is not damage.
            Err(_) => bad += 1,
            _ => {}
        }
    }
    (chars >= 2 && bad * 50 <= chars).then_some(enc)
}

/// UTF-8 text with a few damaged bytes: read it as UTF-8 and replace the damage,
/// rather than guess a legacy encoding that would garble every character.
fn mostly_utf8(b: &[u8]) -> bool {
    let (mut good_multibyte, mut bad) = (0usize, 0usize);
    let mut rest = b;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let valid = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or("");
                good_multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
                bad += 1;
                rest = &rest
                    [e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to())..];
            }
        }
    }
    good_multibyte >= 8 && bad * 10 <= good_multibyte
}

/// UTF-8 validity, allowing a multi-byte character cut at the end of the sample.
fn valid_utf8_prefix(b: &[u8]) -> bool {
    match std::str::from_utf8(b) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && b.len() - e.valid_up_to() < 4,
    }
}

/// Reads a text file as a stream of overlapping chunks, each handed to the sink with the
/// line and column where its owned part starts.
pub(crate) fn read(cx: &mut crate::Cx<'_>, input: crate::Input) -> Result<(), crate::Unread> {
    let (reader, head, encoding) = open_text(input)?;
    drop(head);
    stream(cx, reader, encoding)
}

/// A text input's reader, its first bytes and their encoding.
pub(crate) type OpenText = (Box<dyn crate::ReadSeek + Send>, Vec<u8>, &'static Encoding);

/// A text input opened for reading: the reader (rewound), its first 64 KiB, and the
/// encoding they show; "no text" when they are not text.
pub(crate) fn open_text(input: crate::Input) -> Result<OpenText, crate::Unread> {
    let mut reader = input.into_reader();
    let mut head = Vec::with_capacity(HEAD);
    (&mut reader).take(HEAD as u64).read_to_end(&mut head)?;
    reader.rewind()?;
    match sniff(&head) {
        Sniffed::Text(enc) => Ok((reader, head, enc)),
        Sniffed::NotText(reason) => Err(crate::Unread::no_text(reason)),
    }
}

/// Streams decoded text from `reader` to the sink as chunks.
pub(crate) fn stream(
    cx: &mut crate::Cx<'_>,
    reader: impl Read,
    encoding: &'static Encoding,
) -> Result<(), crate::Unread> {
    cx.sink.encoding(encoding.name());
    let mut lines_before = 0u64; // newlines before the current chunk's owned part
    for chunk in Chunks::new(reader, encoding, cx.opts.chunks) {
        let chunk = chunk.map_err(|ExtractError::Io(e)| crate::guarded_error(e))?;
        let text = &chunk.text;
        let bytes = text.as_bytes();
        let start = chunk.owned_start();
        let column = match memchr::memrchr(b'\n', &bytes[..start]) {
            Some(nl) => Some(text[nl + 1..start].chars().count() as u64 + 1),
            None if chunk.offset == 0 => Some(text[..start].chars().count() as u64 + 1),
            None => None, // the line began in an earlier chunk
        };
        cx.sink.text(&crate::TextPiece {
            text,
            owned: start..chunk.owned_end(),
            offset: chunk.offset,
            place: crate::Place::Text,
            lines: crate::Lines::Counted {
                line: lines_before + 1,
                column,
            },
            boxes: &[],
            replaced: chunk.replaced,
        });
        lines_before += memchr::memchr_iter(b'\n', &bytes[start..chunk.owned_end()]).count() as u64;
        cx.budget.check_time()?;
        if cx.sink.cancelled() {
            break;
        }
    }
    Ok(())
}

const HEAD: usize = 64 << 10;

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Reads the first `n` bytes of a file (fewer if it is shorter).
pub fn read_head(path: &Path, n: usize) -> Result<Vec<u8>, ExtractError> {
    let mut f = File::open(path)?;
    let mut buf = vec![0; n];
    let mut filled = 0;
    while filled < n {
        match f.read(&mut buf[filled..])? {
            0 => break,
            k => filled += k,
        }
    }
    buf.truncate(filled);
    Ok(buf)
}

/// Chunk sizes, in bytes of decoded UTF-8 text.
#[derive(Debug, Clone, Copy)]
pub struct ChunkOptions {
    /// Bytes of new text per chunk.
    pub size: usize,
    /// Bytes of the previous chunk repeated at the start of the next, so that a value
    /// or its context standing across the border is seen whole. Must exceed the longest
    /// finding plus its context.
    pub overlap: usize,
}

impl Default for ChunkOptions {
    fn default() -> ChunkOptions {
        ChunkOptions {
            size: 8 << 20,
            overlap: 16 << 10,
        }
    }
}

/// A piece of decoded text.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// The text: the repeated tail of the previous chunk, then new text.
    pub text: String,
    /// Offset of `text[0]` in the whole decoded text, in bytes.
    pub offset: u64,
    /// Where this chunk's owned part starts; before it is look-behind owned by the previous chunk.
    owned_start: usize,
    /// Where this chunk's owned part ends; the rest is owned by the next chunk.
    owned_end: usize,
    /// How many malformed byte sequences were replaced by U+FFFD so far in this file.
    pub replaced: u64,
}

impl Chunk {
    /// Start of the part of `text` this chunk reports.
    pub fn owned_start(&self) -> usize {
        self.owned_start
    }
    /// End of the part of `text` this chunk reports.
    pub fn owned_end(&self) -> usize {
        self.owned_end
    }
    /// Whether a finding starting at byte `start` of `text` belongs to this chunk.
    pub fn owns(&self, start: usize) -> bool {
        start >= self.owned_start && start < self.owned_end
    }
}

/// An iterator of overlapping chunks of decoded text from a byte reader.
pub struct Chunks<R> {
    reader: R,
    decoder: Decoder,
    opts: ChunkOptions,
    carry: String,
    carry_owned: usize,
    offset: u64,
    replaced: u64,
    done: bool,
    buf: Vec<u8>,
}

impl<R: Read> Chunks<R> {
    /// Chunks of `reader`, decoded from `encoding` (a BOM, if any, is removed).
    pub fn new(reader: R, encoding: &'static Encoding, opts: ChunkOptions) -> Chunks<R> {
        assert!(
            opts.size > 0 && opts.overlap < opts.size,
            "overlap must be smaller than the chunk"
        );
        Chunks {
            reader,
            decoder: encoding.new_decoder(),
            opts,
            carry: String::new(),
            carry_owned: 0,
            offset: 0,
            replaced: 0,
            done: false,
            buf: vec![0; 64 << 10],
        }
    }

    fn fill(&mut self, text: &mut String) -> io::Result<bool> {
        let target = self.carry.len() + self.opts.size;
        while text.len() < target {
            let n = self.reader.read(&mut self.buf)?;
            let last = n == 0;
            let mut input = &self.buf[..n];
            loop {
                text.reserve(
                    self.decoder
                        .max_utf8_buffer_length(input.len())
                        .unwrap_or(input.len() * 3 + 16),
                );
                let before = text.len();
                let (res, read, had_errors) = self.decoder.decode_to_string(input, text, last);
                if had_errors {
                    // Count the replacement characters this call added.
                    self.replaced += text[before..].matches('\u{FFFD}').count() as u64;
                }
                input = &input[read..];
                if res == CoderResult::InputEmpty {
                    break;
                }
            }
            if last {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl<R: Read> Iterator for Chunks<R> {
    type Item = Result<Chunk, ExtractError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut text = std::mem::take(&mut self.carry);
        let owned_start = self.carry_owned;
        let eof = match self.fill(&mut text) {
            Ok(eof) => eof,
            Err(e) => {
                self.done = true;
                return Some(Err(e.into()));
            }
        };
        let offset = self.offset;
        let owned_end = if eof {
            self.done = true;
            text.len()
        } else {
            // The last `overlap` bytes belong to the next chunk; this one sees them only as
            // look-ahead. The next chunk also gets a quarter of that as look-behind, so
            // context words before its first values are still seen.
            let cut = floor_boundary(&text, text.len() - self.opts.overlap);
            let behind = floor_boundary(&text, cut - (self.opts.overlap / 4).min(cut));
            self.carry = text[behind..].to_string();
            self.carry_owned = cut - behind;
            self.offset += behind as u64;
            cut
        };
        if eof && text.is_empty() && offset > 0 {
            return None;
        }
        Some(Ok(Chunk {
            text,
            offset,
            owned_start,
            owned_end,
            replaced: self.replaced,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_encodings() {
        assert_eq!(sniff("電話".as_bytes()), Sniffed::Text(encoding_rs::UTF_8));
        assert_eq!(
            sniff(b"\xFF\xFEa\x00"),
            Sniffed::Text(encoding_rs::UTF_16LE)
        );
        assert!(matches!(
            sniff(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00\x01\x00\x00\x00"),
            Sniffed::NotText(_)
        ));
        let le: Vec<u8> = "電話 0912-345-678\r\n姓名：王小明\r\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(sniff(&le), Sniffed::Text(encoding_rs::UTF_16LE));
        let be: Vec<u8> = "Phone 0912-345-678\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(sniff(&be), Sniffed::Text(encoding_rs::UTF_16BE));
        let mut padded = "身分證字號 A123456789\n".as_bytes().to_vec();
        padded.extend([0u8; 4096]);
        assert_eq!(sniff(&padded), Sniffed::Text(encoding_rs::UTF_8));
        assert!(matches!(sniff(&[0u8; 512]), Sniffed::NotText(_)));
        let (big5, _, _) = encoding_rs::BIG5
            .encode("個人資料保護法施行細則，姓名：陳小明，地址：臺北市中正區重慶南路一段122號");
        assert_eq!(sniff(&big5), Sniffed::Text(encoding_rs::BIG5));
        let (gb, _, _) = encoding_rs::GB18030
            .encode("个人信息保护法规定，姓名：陈小明，地址：北京市东城区长安街一号，联系电话");
        assert_eq!(sniff(&gb), Sniffed::Text(encoding_rs::GB18030));
        let mut damaged = "個人資料：姓名、電話、地址、身分證字號。"
            .repeat(3)
            .into_bytes();
        damaged.insert(10, 0xFF);
        assert_eq!(sniff(&damaged), Sniffed::Text(encoding_rs::UTF_8));
    }

    #[test]
    fn chunks_tile_the_text_and_overlap() {
        let text = "個資 A123456789 x".repeat(1000);
        let chunks: Vec<Chunk> = Chunks::new(
            text.as_bytes(),
            encoding_rs::UTF_8,
            ChunkOptions {
                size: 1000,
                overlap: 100,
            },
        )
        .collect::<Result<_, _>>()
        .unwrap();
        let owned: String = chunks
            .iter()
            .map(|c| &c.text[c.owned_start()..c.owned_end()])
            .collect();
        assert_eq!(owned, text);
        for c in &chunks {
            assert_eq!(
                &text[c.offset as usize..c.offset as usize + c.text.len()],
                c.text
            );
        }
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        let bytes = b"ok \xff\xfe bad";
        let chunks: Vec<Chunk> =
            Chunks::new(&bytes[..], encoding_rs::UTF_8, ChunkOptions::default())
                .collect::<Result<_, _>>()
                .unwrap();
        assert_eq!(chunks.len(), 1);
        assert!(chunks[0].text.contains('\u{FFFD}'));
        assert!(chunks[0].replaced > 0);
    }

    #[test]
    fn empty_input_gives_one_empty_chunk() {
        let chunks: Vec<Chunk> = Chunks::new(&b""[..], encoding_rs::UTF_8, ChunkOptions::default())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(chunks.len(), 1);
        assert!(chunks[0].text.is_empty());
    }
}
