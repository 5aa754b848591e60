//! Which reader a file goes to: decided by its first bytes where they say enough (a zip
//! that calls itself `.txt` is still a zip), by the name where they do not (a zip could
//! be a docx, an xlsx or an archive; a CFB file a .doc, .xls or .msg).

use std::fmt;

/// The formats gezi tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Plain text in any encoding gezi detects.
    Text,
    /// Comma- or tab-separated values.
    Csv,
    /// JSON (a document, or JSON Lines).
    Json,
    /// HTML.
    Html,
    /// XML.
    Xml,
    /// Word 2007+.
    Docx,
    /// Excel 2007+ (also .xlsm).
    Xlsx,
    /// Excel 97–2003.
    Xls,
    /// PowerPoint 2007+.
    Pptx,
    /// OpenDocument text.
    Odt,
    /// OpenDocument spreadsheet.
    Ods,
    /// OpenDocument presentation.
    Odp,
    /// Rich Text Format.
    Rtf,
    /// PDF.
    Pdf,
    /// A mail message (RFC 5322).
    Eml,
    /// A mailbox of messages.
    Mbox,
    /// Outlook message.
    Msg,
    /// Word 97–2003.
    Doc,
    /// PowerPoint 97–2003.
    Ppt,
    /// Zip archive.
    Zip,
    /// Tar archive.
    Tar,
    /// Gzip-compressed file (often a tar).
    Gzip,
    /// 7-Zip archive.
    SevenZip,
    /// Another archive or compression gezi does not open (rar, bz2, xz, zstd).
    OtherArchive,
    /// PNG, JPEG, TIFF, BMP, GIF, WebP images.
    Image,
    /// Audio or video.
    Media,
    /// A database file.
    Database,
    /// Anything else that is not text.
    Binary,
}

impl Format {
    /// A short lower-case name for reports (`docx`, `pdf`, `text`).
    pub fn id(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Html => "html",
            Format::Xml => "xml",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Pptx => "pptx",
            Format::Odt => "odt",
            Format::Ods => "ods",
            Format::Odp => "odp",
            Format::Rtf => "rtf",
            Format::Pdf => "pdf",
            Format::Eml => "eml",
            Format::Mbox => "mbox",
            Format::Msg => "msg",
            Format::Doc => "doc",
            Format::Ppt => "ppt",
            Format::Zip => "zip",
            Format::Tar => "tar",
            Format::Gzip => "gzip",
            Format::SevenZip => "7z",
            Format::OtherArchive => "archive",
            Format::Image => "image",
            Format::Media => "media",
            Format::Database => "database",
            Format::Binary => "binary",
        }
    }

    /// Whether this is an archive whose members are documents of their own.
    pub fn is_archive(self) -> bool {
        matches!(
            self,
            Format::Zip | Format::Tar | Format::Gzip | Format::SevenZip
        )
    }

    /// Decides the format from a name (only its extension is used) and the first bytes
    /// of the content (at least 512 when the file is that long).
    pub fn detect(name: &str, head: &[u8]) -> Format {
        let ext = extension(name);
        let ext = ext.as_str();
        if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
            return match ext {
                "docx" | "docm" | "dotx" => Format::Docx,
                "xlsx" | "xlsm" | "xltx" => Format::Xlsx,
                "pptx" | "pptm" | "ppsx" => Format::Pptx,
                "odt" | "ott" => Format::Odt,
                "ods" | "ots" => Format::Ods,
                "odp" | "otp" => Format::Odp,
                // A zip with another name: look at its first member to tell an office
                // file from an archive (the reader re-checks the parts it needs).
                _ => office_by_first_member(head),
            };
        }
        if head.starts_with(b"%PDF-") {
            return Format::Pdf;
        }
        if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return match ext {
                // A password-protected docx/xlsx/pptx is a Compound File holding an
                // encrypted package: its reader says so (or reads an xls named .xlsx).
                "docx" | "docm" | "dotx" => Format::Docx,
                "xlsx" | "xlsm" | "xltx" => Format::Xlsx,
                "pptx" | "pptm" | "ppsx" => Format::Pptx,
                "xls" | "xlt" => Format::Xls,
                "msg" => Format::Msg,
                _ if holds_encrypted_package(head) => Format::Docx,
                "ppt" | "pps" => Format::Ppt,
                _ => Format::Doc,
            };
        }
        if head.starts_with(b"{\\rtf") {
            return Format::Rtf;
        }
        if head.starts_with(&[0x1F, 0x8B]) {
            return Format::Gzip;
        }
        if head.starts_with(b"7z\xBC\xAF\x27\x1C") {
            return Format::SevenZip;
        }
        if head.len() >= 262 && &head[257..262] == b"ustar" {
            return Format::Tar;
        }
        if head.starts_with(b"Rar!")
            || head.starts_with(b"BZh")
            || head.starts_with(&[0xFD, b'7', b'z', b'X', b'Z', 0])
            || head.starts_with(&[0x28, 0xB5, 0x2F, 0xFD])
        {
            return Format::OtherArchive;
        }
        if head.starts_with(b"\x89PNG")
            || head.starts_with(&[0xFF, 0xD8, 0xFF])
            || head.starts_with(b"II*\0")
            || head.starts_with(b"MM\0*")
            || head.starts_with(b"GIF8")
            || (head.starts_with(b"BM") && matches!(ext, "bmp" | "dib"))
            || (head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP"))
        {
            return Format::Image;
        }
        if head.starts_with(b"SQLite format 3\0") {
            return Format::Database;
        }
        match ext {
            // A name that promises a binary document whose content is something else: the
            // document's own reader says what is wrong (damaged, not a zip), rather than
            // calling it text or binary.
            "pdf" if !looks_like_text(head) => Format::Pdf,
            "docx" | "docm" if !looks_like_text(head) => Format::Docx,
            "xlsx" | "xlsm" if !looks_like_text(head) => Format::Xlsx,
            "pptx" if !looks_like_text(head) => Format::Pptx,
            "odt" if !looks_like_text(head) => Format::Odt,
            "ods" if !looks_like_text(head) => Format::Ods,
            "odp" if !looks_like_text(head) => Format::Odp,
            "zip" if !looks_like_text(head) => Format::Zip,
            "7z" if !looks_like_text(head) => Format::SevenZip,
            "csv" | "tsv" | "tab" => Format::Csv,
            "json" | "jsonl" | "ndjson" | "geojson" => Format::Json,
            "html" | "htm" | "xhtml" => Format::Html,
            "xml" => Format::Xml,
            "eml" => Format::Eml,
            "mbox" | "mbx" => Format::Mbox,
            "tar" => Format::Tar,
            "rar" | "bz2" | "xz" | "zst" | "lz" | "lzma" => Format::OtherArchive,
            "mp3" | "mp4" | "mov" | "wav" | "avi" | "mkv" | "m4a" | "flac" | "ogg" => Format::Media,
            "mdb" | "accdb" | "sqlite" | "db" => Format::Database,
            _ if looks_like_mail(head) => {
                if head.starts_with(b"From ") {
                    Format::Mbox
                } else {
                    Format::Eml
                }
            }
            _ => Format::Text,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The lower-case extension of a name (`""` when there is none).
pub(crate) fn extension(name: &str) -> String {
    let leaf = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match leaf.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// An office file whose name lost its extension: the first zip member of files written
/// by Office is `[Content_Types].xml`, of ODF files `mimetype` followed by the type.
fn office_by_first_member(head: &[u8]) -> Format {
    let name_len = head
        .get(26..28)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let name = head.get(30..30 + name_len).unwrap_or(&[]);
    if name == b"mimetype" {
        let rest = &head[(30 + name_len + 2).min(head.len())..];
        let find = |needle: &[u8]| rest.windows(needle.len()).any(|w| w == needle);
        if find(b"opendocument.text") {
            return Format::Odt;
        }
        if find(b"opendocument.spreadsheet") {
            return Format::Ods;
        }
        if find(b"opendocument.presentation") {
            return Format::Odp;
        }
    }
    Format::Zip
}

/// Whether a Compound File's first bytes name an `EncryptedPackage` stream (directory
/// entries are UTF-16 names; small encrypted office files have theirs near the start).
fn holds_encrypted_package(head: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    head.windows(name.len()).any(|w| w == name.as_slice())
}

/// Whether the first bytes read as text (then a wrong extension is only a wrong name).
fn looks_like_text(head: &[u8]) -> bool {
    matches!(crate::text::sniff(head), crate::text::Sniffed::Text(_))
}

/// A file that starts like a mail message: `From ` (mbox) or a run of RFC 5322 headers.
fn looks_like_mail(head: &[u8]) -> bool {
    if head.starts_with(b"From ") {
        return head
            .windows(9)
            .take(2048)
            .any(|w| w.eq_ignore_ascii_case(b"\nsubject:"))
            || head
                .windows(6)
                .take(2048)
                .any(|w| w.eq_ignore_ascii_case(b"\nfrom:"));
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let mut known = 0;
    for line in text.lines().take(40) {
        if line.is_empty() {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if [
            "from:",
            "to:",
            "subject:",
            "date:",
            "message-id:",
            "mime-version:",
            "received:",
        ]
        .iter()
        .any(|h| lower.starts_with(h))
        {
            known += 1;
        }
    }
    known >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_over_the_name() {
        assert_eq!(Format::detect("a.txt", b"%PDF-1.7\n"), Format::Pdf);
        assert_eq!(Format::detect("x.docx", b"PK\x03\x04rest"), Format::Docx);
        assert_eq!(Format::detect("x.zip", b"PK\x03\x04rest"), Format::Zip);
        assert_eq!(Format::detect("x", b"\x1f\x8b\x08"), Format::Gzip);
        let cfb = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(Format::detect("x.docx", &cfb), Format::Docx);
        assert_eq!(Format::detect("x.XLSX", &cfb), Format::Xlsx);
        assert_eq!(Format::detect("x.doc", &cfb), Format::Doc);
        let mut enc = cfb.to_vec();
        enc.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(Format::detect("x.doc", &enc), Format::Docx);
        assert_eq!(
            Format::detect("x.csv", "姓名,電話\n".as_bytes()),
            Format::Csv
        );
        assert_eq!(Format::detect("README", b"hello"), Format::Text);
        // A name that promises a PDF over random bytes goes to the PDF reader, which says
        // it is damaged; text named .pdf is text.
        assert_eq!(
            Format::detect("x.pdf", &[0x00, 0x9f, 0x13, 0x00, 0xff]),
            Format::Pdf
        );
        assert_eq!(Format::detect("x.pdf", b"just text"), Format::Text);
        assert_eq!(
            Format::detect(
                "note",
                b"From: a@b.c\nTo: d@e.f\nSubject: hi\nDate: Mon, 1 Jan 2024\n\nbody"
            ),
            Format::Eml
        );
        assert_eq!(extension("dir.v2/file"), "");
        assert_eq!(extension(".bashrc"), "");
        assert_eq!(extension("A.XLSX"), "xlsx");
    }
}
