//! Archives: zip, tar, gzip and 7z. Each member is read into memory through the budget
//! (expansion ratio, total, time, size) and then read as a document of its own, so a
//! docx in a zip in a tar is opened all the way down. Nothing is ever written to disk:
//! member names are shown as stored (`../../x`, `/etc/passwd` included) and never used
//! as paths.

use std::io::{self, Cursor, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use crate::text::{sniff, Sniffed};
use crate::{human, Cx, DocPath, Format, Input, Limits, Unread};

pub(crate) fn read(
    cx: &mut Cx<'_>,
    doc: &DocPath,
    format: Format,
    input: Input,
) -> Result<(), Unread> {
    match format {
        Format::Zip => zip(cx, doc, input),
        Format::Tar => tar(cx, doc, input.into_reader()),
        Format::Gzip => gzip(cx, doc, input),
        Format::SevenZip => seven_zip(cx, doc, input),
        other => Err(Unread::not_read(format!(
            "{other}: not an archive gezi opens"
        ))),
    }
}

/// A member name for people: control characters (a newline would forge a report line)
/// become U+FFFD; the rest is kept verbatim, `..` and leading `/` included.
fn shown(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if s.is_empty() {
        "(no name)".to_string()
    } else {
        s
    }
}

/// A stored name: UTF-8 when it is, else the legacy encoding chardetng guesses with a
/// Taiwan hint (CP950 and GBK names from Windows archivers).
fn decode_name(raw: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(raw) {
        return s.to_string();
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(raw, true);
    let enc = det.guess(Some(b"tw"), false);
    enc.decode_without_bom_handling(raw).0.into_owned()
}

/// Whether a limit that stopped one member stops the whole archive (file total, time).
fn stops_archive(cx: &mut Cx<'_>, why: &Unread) -> bool {
    why.kind == crate::UnreadKind::Limit
        && (cx.budget.add_expanded(0).is_err() || cx.budget.check_time().is_err())
}

/// Counts a member and checks its depth. `Ok(false)`: this member is not opened (noted);
/// `Err`: the rest of the archive is not read.
fn admit(cx: &mut Cx<'_>, child: &DocPath) -> Result<bool, Unread> {
    cx.budget.add_member()?;
    if let Err(why) = cx.budget.check_depth(child.depth()) {
        cx.sink.unread(child, &why);
        return Ok(false);
    }
    Ok(true)
}

/// Reads a member of `stored` bytes from `reader` and then reads it as a document:
/// whether it could be read whole; `Err` when the rest of the archive must not be read.
fn member(
    cx: &mut Cx<'_>,
    child: &DocPath,
    reader: impl Read,
    stored: u64,
) -> Result<bool, Unread> {
    match cx.budget.read_member(reader, stored) {
        Ok(bytes) => {
            cx.read_doc(child, Input::Bytes(bytes));
            Ok(true)
        }
        Err(why) => {
            cx.sink.unread(child, &why);
            if stops_archive(cx, &why) {
                Err(why)
            } else {
                Ok(false)
            }
        }
    }
}

fn zip(cx: &mut Cx<'_>, doc: &DocPath, input: Input) -> Result<(), Unread> {
    let mut archive = ::zip::ZipArchive::new(input.into_reader()).map_err(|e| match e {
        ::zip::result::ZipError::Io(e) => {
            Unread::error(format!("cannot read the zip archive: {e}"))
        }
        _ => {
            Unread::error("not a readable zip archive: damaged or truncated (no central directory)")
        }
    })?;
    let limits = cx.budget.limits().clone();
    for i in 0..archive.len() {
        cx.budget.check_time()?;
        if cx.sink.cancelled() {
            return Ok(());
        }
        // Sizes, flags and method from the raw entry, before anything is inflated.
        let (name, dir, link, encrypted, method, size, stored) = match archive.by_index_raw(i) {
            Ok(f) => {
                let raw = f.name_raw();
                let utf8_flag = f.flags().as_u16() & (1 << 11) != 0;
                let name = if utf8_flag {
                    String::from_utf8_lossy(raw).into_owned()
                } else {
                    decode_name(raw)
                };
                (
                    shown(&name),
                    f.is_dir(),
                    f.is_symlink(),
                    f.encrypted(),
                    f.compression(),
                    f.size(),
                    f.compressed_size(),
                )
            }
            Err(_) => {
                let child = doc.child(format!("entry {}", i + 1));
                cx.sink
                    .unread(&child, &Unread::error("damaged zip entry: not read"));
                continue;
            }
        };
        if dir {
            continue;
        }
        let child = doc.child(name);
        if !admit(cx, &child)? {
            continue;
        }
        if link {
            cx.sink
                .unread(&child, &Unread::no_text("link: not followed"));
            continue;
        }
        if encrypted {
            cx.sink.unread(
                &child,
                &Unread::encrypted("encrypted zip member (password-protected): not read"),
            );
            continue;
        }
        use ::zip::CompressionMethod as M;
        if !matches!(method, M::Stored | M::Deflated | M::Deflate64) {
            cx.sink.unread(
                &child,
                &Unread::not_read(format!(
                    "zip member compressed with {method}, which gezi does not read"
                )),
            );
            continue;
        }
        // What the entry declares is checked first; what it really yields is checked
        // while inflating (sizes can lie).
        // The ratio first: a bomb is called a bomb, whatever its size.
        if let Err(why) = cx.budget.check_ratio(size, stored) {
            cx.sink.unread(&child, &why);
            continue;
        }
        if size > limits.max_member_in_memory {
            cx.sink.unread(
                &child,
                &Unread::limit(format!(
                    "a member larger than {} cannot be opened inside another file ({})",
                    human(limits.max_member_in_memory),
                    human(size)
                )),
            );
            continue;
        }
        let file = match archive.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                let why = match e {
                    ::zip::result::ZipError::Io(e) => format!("cannot read this zip member: {e}"),
                    _ => "damaged zip member: not read".to_string(),
                };
                cx.sink.unread(&child, &Unread::error(why));
                continue;
            }
        };
        member(cx, &child, file, stored)?;
    }
    Ok(())
}

/// Reads a tar stream; members are read into memory one by one.
fn tar(cx: &mut Cx<'_>, doc: &DocPath, reader: impl Read) -> Result<(), Unread> {
    let mut archive = ::tar::Archive::new(reader);
    let entries = archive
        .entries()
        .map_err(|e| Unread::error(format!("not a readable tar archive: {}", io_reason(&e))))?;
    let mut n = 0usize;
    for entry in entries {
        n += 1;
        cx.budget.check_time()?;
        if cx.sink.cancelled() {
            return Ok(());
        }
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                // Headers are read in order: after a bad one, nothing further can be found.
                if let Some(why) = e.get_ref().and_then(|i| i.downcast_ref::<Unread>()) {
                    return Err(why.clone());
                }
                return Err(Unread::error(format!(
                    "damaged or truncated tar archive after {} entries: {}",
                    n - 1,
                    io_reason(&e)
                )));
            }
        };
        let kind = entry.header().entry_type();
        if kind.is_dir() || kind.is_pax_global_extensions() {
            continue;
        }
        let name = shown(&decode_name(&entry.path_bytes()));
        let child = doc.child(name);
        if !admit(cx, &child)? {
            continue;
        }
        if kind.is_symlink() || kind.is_hard_link() {
            cx.sink
                .unread(&child, &Unread::no_text("link: not followed"));
            continue;
        }
        if kind.is_character_special() || kind.is_block_special() || kind.is_fifo() {
            cx.sink
                .unread(&child, &Unread::no_text("device or pipe: not read"));
            continue;
        }
        if !(kind.is_file() || kind.is_contiguous() || kind.is_gnu_sparse()) {
            cx.sink
                .unread(&child, &Unread::no_text("special tar entry: not read"));
            continue;
        }
        let size = entry.size();
        if size > cx.budget.limits().max_member_in_memory {
            cx.sink.unread(
                &child,
                &Unread::limit(format!(
                    "a member larger than {} cannot be opened inside another file ({})",
                    human(cx.budget.limits().max_member_in_memory),
                    human(size)
                )),
            );
            continue; // the tar reader skips its data
        }
        member(cx, &child, entry, size)?;
    }
    Ok(())
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => "it ends too early".to_string(),
        io::ErrorKind::InvalidData | io::ErrorKind::Other => "damaged header".to_string(),
        _ => e.to_string(),
    }
}

/// A decompressing reader checked as it yields, for streams read while the budget is
/// busy elsewhere (a tar inside a gzip reads its members through the budget): the
/// expansion ratio against the compressed size, a cap on the bytes, and the time.
struct Meter<R> {
    inner: R,
    stored: u64,
    produced: u64,
    cap: u64,
    limits: Limits,
    deadline: Instant,
}

impl<R: Read> Read for Meter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.produced += n as u64;
        let l = &self.limits;
        let why = if self.produced > self.cap {
            Some(Unread::limit(format!(
                "expands to more than {} in all: the rest was not read (possible archive bomb)",
                human(self.cap)
            )))
        } else if self.produced > l.ratio_grace && self.produced / self.stored.max(1) > l.max_ratio
        {
            Some(Unread::limit(format!(
                "expands more than {}:1 ({} from {}): not read further (possible zip bomb)",
                l.max_ratio,
                human(self.produced),
                human(self.stored)
            )))
        } else if Instant::now() >= self.deadline {
            Some(Unread::limit(format!(
                "took longer than the {} s allowed for one file; the rest of it was not read",
                l.time_per_file.as_secs()
            )))
        } else {
            None
        };
        match why {
            Some(u) => Err(io::Error::other(u)),
            None => Ok(n),
        }
    }
}

/// A gzip file holds one member, named after the file without `.gz` (`.tgz` → `.tar`).
/// A tar or plain text inside is streamed; anything else is read into memory.
fn gzip(cx: &mut Cx<'_>, doc: &DocPath, input: Input) -> Result<(), Unread> {
    let stored = input.len();
    let leaf = doc.leaf_name();
    let lower = leaf.to_lowercase();
    let inner_name = if lower.ends_with(".tgz") {
        format!("{}.tar", &leaf[..leaf.len() - 4])
    } else if lower.ends_with(".gz") && leaf.len() > 3 {
        leaf[..leaf.len() - 3].to_string()
    } else {
        format!("{leaf} (uncompressed)")
    };
    let limits = cx.budget.limits().clone();
    let mut meter = Meter {
        inner: flate2::read::MultiGzDecoder::new(input.into_reader()),
        stored,
        produced: 0,
        cap: limits.max_total_bytes,
        limits: limits.clone(),
        deadline: Instant::now() + cx.budget.time_left(),
    };
    let mut head = Vec::with_capacity(64 << 10);
    if let Err(e) = (&mut meter).take(64 << 10).read_to_end(&mut head) {
        return Err(match e.get_ref().and_then(|i| i.downcast_ref::<Unread>()) {
            Some(u) => u.clone(),
            None => Unread::error("not a readable gzip file: damaged or truncated"),
        });
    }
    let mut format = crate::Format::detect(&inner_name, &head);
    if format == Format::Text {
        if let Sniffed::NotText(_) = sniff(&head) {
            format = Format::Binary;
        }
    }
    let stream = Cursor::new(head.clone()).chain(meter);
    if format == Format::Tar {
        // A .tar.gz is one archive to its users: its members are named under it
        // (`bundle.tar.gz!forms/a.csv`), with no level for the tar in between.
        return tar(cx, doc, stream);
    }
    let child = doc.child(shown(&inner_name));
    if !admit(cx, &child)? {
        return Ok(());
    }
    match format {
        Format::Tar | Format::Text => {
            // Streamed: bracketed here as read_doc would, a panic ending this member.
            cx.sink.begin(&child, format, stored);
            let result = catch_unwind(AssertUnwindSafe(|| match format {
                Format::Tar => tar(cx, &child, stream),
                _ => match sniff(&head) {
                    Sniffed::Text(enc) => crate::text::stream(cx, stream, enc),
                    Sniffed::NotText(why) => Err(Unread::no_text(why)),
                },
            }))
            .unwrap_or_else(|_| {
                Err(Unread::error(
                    "the reader failed on this member; it is probably corrupt",
                ))
            });
            let stop = match &result {
                Err(why) => stops_archive(cx, why),
                Ok(()) => false,
            };
            cx.sink.end(&child, result.clone());
            if stop {
                return result;
            }
            Ok(())
        }
        _ => member(cx, &child, stream, stored).map(|_| ()),
    }
}

fn seven_zip(cx: &mut Cx<'_>, doc: &DocPath, input: Input) -> Result<(), Unread> {
    use sevenz_rust2::{Archive, BlockDecoder, EncoderMethod, Error as E, Password};
    let stored = input.len();
    let mut source = input.into_reader();
    let limits = cx.budget.limits().clone();
    // Decoder dictionaries are allocated up front: bound them like a member in memory.
    let memory_kb = (limits.max_member_in_memory / 1024).max(64 << 10) as usize;
    let password = Password::empty();
    let encrypted = |e: &E| match e {
        E::PasswordRequired | E::MaybeBadPassword(_) => true,
        E::UnsupportedCompressionMethod(m) => m.contains("AES"),
        _ => false,
    };
    let archive =
        Archive::read_with_memory_limit(&mut source, &password, memory_kb).map_err(|e| {
            if encrypted(&e) {
                Unread::encrypted("encrypted 7z archive (its file list too): not read")
            } else {
                match e {
                    E::MaxMemLimited { .. } => Unread::limit(format!(
                        "7z archive needs more than {} of memory to decode",
                        human(memory_kb as u64 * 1024)
                    )),
                    E::UnsupportedCompressionMethod(m) => Unread::not_read(format!(
                        "7z archive compressed with {m}, which gezi does not read"
                    )),
                    _ => Unread::error("not a readable 7z archive: damaged or truncated"),
                }
            }
        })?;
    let mut stop: Option<Unread> = None;
    for block in 0..archive.blocks.len() {
        let files: Vec<usize> = (0..archive.files.len())
            .filter(|&f| {
                archive
                    .stream_map
                    .file_block_index
                    .get(f)
                    .copied()
                    .flatten()
                    == Some(block)
            })
            .collect();
        let is_encrypted = archive.blocks[block]
            .coders
            .iter()
            .any(|c| c.encoder_method_id() == EncoderMethod::ID_AES256_SHA256);
        if is_encrypted {
            for &f in &files {
                let child = doc.child(shown(archive.files[f].name()));
                admit(cx, &child)?;
                cx.sink.unread(
                    &child,
                    &Unread::encrypted("encrypted 7z member (password-protected): not read"),
                );
            }
            continue;
        }
        let mut done = 0usize;
        let mut skipped = false;
        let decoder = BlockDecoder::new_with_memory_limit(
            1,
            memory_kb,
            block,
            &archive,
            &password,
            &mut source,
        );
        let result = decoder.for_each_entries(&mut |entry, reader| {
            done += 1;
            if entry.is_directory() || entry.is_anti_item() {
                return Ok(true);
            }
            let child = doc.child(shown(entry.name()));
            match admit(cx, &child) {
                Ok(true) => {}
                Ok(false) => return Ok(true),
                Err(why) => {
                    stop = Some(why);
                    return Ok(false);
                }
            }
            if entry.size() > limits.max_member_in_memory {
                cx.sink.unread(
                    &child,
                    &Unread::limit(format!(
                        "a member larger than {} cannot be opened inside another file ({})",
                        human(limits.max_member_in_memory),
                        human(entry.size())
                    )),
                );
            } else {
                // Solid blocks have no per-member compressed size: the ratio is
                // against the whole archive.
                match member(cx, &child, reader, stored) {
                    Ok(true) => return Ok(true),
                    Ok(false) => {}
                    Err(why) => {
                        stop = Some(why);
                        return Ok(false);
                    }
                }
            }
            // Going on would decode the rest of this member (a bomb's zeros, too):
            // the rest of the block is given up instead.
            skipped = true;
            Ok(false)
        });
        if let Some(why) = stop.take() {
            return Err(why);
        }
        let rest = match result {
            Ok(_) if skipped => Some((
                done,
                Unread::limit(
                    "not read: an earlier member of the same compressed block was too large",
                ),
            )),
            Ok(_) => None,
            Err(e) => Some((
                done.saturating_sub(1),
                if encrypted(&e) {
                    Unread::encrypted("encrypted 7z member (password-protected): not read")
                } else if let E::UnsupportedCompressionMethod(m) = &e {
                    Unread::not_read(format!(
                        "7z member compressed with {m}, which gezi does not read"
                    ))
                } else {
                    Unread::error("damaged 7z data: not read")
                },
            )),
        };
        // The members of the block not reached are noted one by one.
        if let Some((from, why)) = rest {
            for &f in files.iter().skip(from) {
                if !archive.files[f].is_directory() {
                    cx.sink
                        .unread(&doc.child(shown(archive.files[f].name())), &why);
                }
            }
        }
        cx.budget.check_time()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use ::zip::write::SimpleFileOptions;
    use ::zip::{CompressionMethod, ZipWriter};

    use crate::{collect_bytes, Collect, Limits, Options, UnreadKind};

    fn zip_of(members: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in members {
            w.start_file(
                *name,
                SimpleFileOptions::default().compression_method(method),
            )
            .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    use super::*;

    fn replace_all(bytes: &mut [u8], from: &[u8], to: &[u8]) {
        assert_eq!(from.len(), to.len());
        let mut i = 0;
        let mut n = 0;
        while i + from.len() <= bytes.len() {
            if &bytes[i..i + from.len()] == from {
                bytes[i..i + from.len()].copy_from_slice(to);
                n += 1;
            }
            i += 1;
        }
        assert!(n > 0);
    }

    /// Offsets of every local (`PK\3\4`) and central (`PK\1\2`) header.
    fn headers(bytes: &[u8]) -> (Vec<usize>, Vec<usize>) {
        let find = |sig: &[u8]| {
            (0..bytes.len().saturating_sub(4))
                .filter(|&i| &bytes[i..i + 4] == sig)
                .collect::<Vec<_>>()
        };
        (find(b"PK\x03\x04"), find(b"PK\x01\x02"))
    }

    fn text_of(c: &Collect, suffix: &str) -> String {
        c.doc(suffix)
            .unwrap_or_else(|| {
                panic!(
                    "no {suffix} in {:?}",
                    c.docs
                        .iter()
                        .map(|d| d.path.to_string())
                        .collect::<Vec<_>>()
                )
            })
            .all_text()
    }

    #[test]
    fn zip_members_with_utf8_and_cp950_names() {
        let mut bytes = zip_of(
            &[
                ("資料/名單.txt", "王小明 A123456789\n".as_bytes()),
                ("XXXX.txt", "客戶電話 0912345678\n".as_bytes()),
            ],
            CompressionMethod::Deflated,
        );
        // 客戶 in Big5 (CP950), stored without the UTF-8 flag as Windows archivers do.
        replace_all(&mut bytes, b"XXXX.txt", b"\xab\xc8\xa4\xe1.txt");
        let c = collect_bytes("a.zip", bytes, &Options::default());
        assert!(text_of(&c, "a.zip!資料/名單.txt").contains("A123456789"));
        assert!(text_of(&c, "a.zip!客戶.txt").contains("0912345678"));
        let top = c.doc("a.zip").unwrap();
        assert!(top.result.is_ok());
        assert_eq!(top.format, Format::Zip);
    }

    #[test]
    fn nested_zips_are_opened_and_too_deep_is_a_limit() {
        let inner = zip_of(&[("b.txt", b"A123456789")], CompressionMethod::Deflated);
        let mid = zip_of(&[("deeper.zip", &inner)], CompressionMethod::Stored);
        let outer = zip_of(&[("inner.zip", &mid)], CompressionMethod::Deflated);
        let c = collect_bytes("a.zip", outer, &Options::default());
        assert!(text_of(&c, "a.zip!inner.zip!deeper.zip!b.txt").contains("A123456789"));

        // Twelve levels: the eleventh member is not opened.
        let mut z = zip_of(&[("core.txt", b"A123456789")], CompressionMethod::Deflated);
        for level in 0..12 {
            z = zip_of(
                &[(&format!("l{level}.zip"), &z)],
                CompressionMethod::Deflated,
            );
        }
        let c = collect_bytes("deep.zip", z, &Options::default());
        let limited: Vec<_> = c
            .docs
            .iter()
            .flat_map(|d| d.unread.iter())
            .filter(|(_, u)| u.kind == UnreadKind::Limit && u.reason.contains("nested deeper"))
            .collect();
        assert_eq!(limited.len(), 1, "{limited:?}");
        assert_eq!(limited[0].0.depth(), 11);
        assert!(!c.docs.iter().any(|d| d.all_text().contains("A123456789")));
        assert!(c.doc("deep.zip").unwrap().result.is_ok());
    }

    #[test]
    fn a_zip_bomb_is_stopped_before_or_while_inflating() {
        let zeros = vec![0u8; 20 << 20];
        let honest = zip_of(
            &[("bomb.bin", &zeros), ("ok.txt", b"A123456789")],
            CompressionMethod::Deflated,
        );
        let c = collect_bytes("bomb.zip", honest.clone(), &Options::default());
        let top = c.doc("bomb.zip").unwrap();
        assert!(top.result.is_ok());
        assert_eq!(top.unread.len(), 1);
        assert_eq!(top.unread[0].1.kind, UnreadKind::Limit);
        assert!(
            top.unread[0].1.reason.contains("zip bomb"),
            "{:?}",
            top.unread
        );
        // The other member is still read.
        assert!(text_of(&c, "bomb.zip!ok.txt").contains("A123456789"));

        // The same bomb declaring a small size: caught while inflating.
        let mut liar = honest;
        let (_, central) = headers(&liar);
        let size_at = central[0] + 24;
        liar[size_at..size_at + 4].copy_from_slice(&1000u32.to_le_bytes());
        let c = collect_bytes("liar.zip", liar, &Options::default());
        let top = c.doc("liar.zip").unwrap();
        // The zip crate stops at the declared size itself; the guard is the second net.
        assert!(
            matches!(top.unread[0].1.kind, UnreadKind::Limit | UnreadKind::Error),
            "{:?}",
            top.unread
        );
        assert!(c.doc("liar.zip!bomb.bin").is_none());
        assert!(text_of(&c, "liar.zip!ok.txt").contains("A123456789"));

        // The file's total: the rest of the archive is not read, with the reason.
        let opts = Options {
            limits: Limits {
                max_total_bytes: 1 << 20,
                ..Limits::default()
            },
            ..Options::default()
        };
        let big = vec![b'x'; 600 << 10];
        let z = zip_of(
            &[("1.txt", &big), ("2.txt", &big), ("3.txt", b"A123456789")],
            CompressionMethod::Stored,
        );
        let c = collect_bytes("total.zip", z, &opts);
        let top = c.doc("total.zip").unwrap();
        assert_eq!(top.result.as_ref().unwrap_err().kind, UnreadKind::Limit);
        assert!(c.doc("total.zip!3.txt").is_none());
    }

    #[test]
    fn traversal_names_are_only_names() {
        let z = zip_of(
            &[
                ("../../evil.txt", b"A123456789"),
                ("/etc/passwd", b"root:x:0:0 0912345678"),
            ],
            CompressionMethod::Deflated,
        );
        let before = std::path::Path::new("../../evil.txt").exists();
        let c = collect_bytes("t.zip", z.clone(), &Options::default());
        assert!(text_of(&c, "t.zip!../../evil.txt").contains("A123456789"));
        assert!(text_of(&c, "t.zip!/etc/passwd").contains("0912345678"));
        assert_eq!(std::path::Path::new("../../evil.txt").exists(), before);
        assert!(!std::env::temp_dir().join("evil.txt").exists());

        // The same from a tar, names as stored in the header.
        let mut header = ::tar::Header::new_gnu();
        header.set_size(10);
        header.set_mode(0o644);
        header.set_entry_type(::tar::EntryType::Regular);
        header.as_old_mut().name[..14].copy_from_slice(b"../../evil.txt");
        header.set_cksum();
        let mut b = ::tar::Builder::new(Vec::new());
        b.append(&header, &b"A123456789"[..]).unwrap();
        let t = b.into_inner().unwrap();
        let c = collect_bytes("t.tar", t, &Options::default());
        assert!(text_of(&c, "t.tar!../../evil.txt").contains("A123456789"));
        assert_eq!(std::path::Path::new("../../evil.txt").exists(), before);
    }

    #[test]
    fn encrypted_and_unsupported_members_are_noted() {
        let mut z = zip_of(
            &[("secret.txt", b"A123456789"), ("open.txt", b"0912345678")],
            CompressionMethod::Stored,
        );
        // General-purpose flag bit 0 (encrypted) on the first entry, local and central.
        let (local, central) = headers(&z);
        z[local[0] + 6] |= 1;
        z[central[0] + 8] |= 1;
        // Compression method 12 (bzip2, not built in) on the second.
        z[local[1] + 8] = 12;
        z[central[1] + 10] = 12;
        let c = collect_bytes("e.zip", z, &Options::default());
        let top = c.doc("e.zip").unwrap();
        assert!(top.result.is_ok());
        assert_eq!(top.unread.len(), 2, "{:?}", top.unread);
        assert_eq!(top.unread[0].0.to_string(), "e.zip!secret.txt");
        assert_eq!(top.unread[0].1.kind, UnreadKind::Encrypted);
        assert_eq!(top.unread[1].1.kind, UnreadKind::NotRead);
        assert!(
            top.unread[1].1.reason.contains("Bzip2"),
            "{:?}",
            top.unread[1]
        );
        // Never inflated, never read.
        assert!(!c.docs.iter().any(|d| d.all_text().contains("A123456789")));
    }

    #[test]
    fn a_truncated_zip_is_an_error_not_a_panic() {
        let z = zip_of(
            &[("a.txt", &vec![b'a'; 5000]), ("b.txt", b"A123456789")],
            CompressionMethod::Deflated,
        );
        for cut in [10, z.len() / 2, z.len() - 10] {
            let c = collect_bytes("cut.zip", z[..cut].to_vec(), &Options::default());
            let top = c.doc("cut.zip").unwrap();
            assert_eq!(
                top.result.as_ref().unwrap_err().kind,
                UnreadKind::Error,
                "cut at {cut}"
            );
        }
    }

    fn tar_with(files: &[(&str, &[u8])], link: Option<(&str, &str)>) -> Vec<u8> {
        let mut b = ::tar::Builder::new(Vec::new());
        for (name, data) in files {
            let mut h = ::tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            b.append_data(&mut h, name, *data).unwrap();
        }
        if let Some((name, target)) = link {
            let mut h = ::tar::Header::new_gnu();
            h.set_entry_type(::tar::EntryType::Symlink);
            h.set_size(0);
            b.append_link(&mut h, name, target).unwrap();
        }
        b.into_inner().unwrap()
    }

    #[test]
    fn tar_and_tar_gz() {
        let inner_zip = zip_of(&[("id.txt", b"A123456789")], CompressionMethod::Deflated);
        let t = tar_with(
            &[
                ("docs/名單.txt", "陳大文 0912345678".as_bytes()),
                ("x.zip", &inner_zip),
            ],
            Some(("docs/link", "/etc/shadow")),
        );
        let c = collect_bytes("a.tar", t.clone(), &Options::default());
        assert!(text_of(&c, "a.tar!docs/名單.txt").contains("0912345678"));
        assert!(text_of(&c, "a.tar!x.zip!id.txt").contains("A123456789"));
        let top = c.doc("a.tar").unwrap();
        assert!(top.result.is_ok());
        assert_eq!(top.unread[0].0.to_string(), "a.tar!docs/link");
        assert_eq!(top.unread[0].1, Unread::no_text("link: not followed"));

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&t).unwrap();
        let gz = gz.finish().unwrap();
        let c = collect_bytes("a.tgz", gz.clone(), &Options::default());
        // A .tgz is one archive: its members are named right under it.
        assert!(text_of(&c, "a.tgz!docs/名單.txt").contains("0912345678"));
        assert!(text_of(&c, "a.tgz!x.zip!id.txt").contains("A123456789"));
        assert_eq!(c.doc("a.tgz").unwrap().format, Format::Gzip);
        let c = collect_bytes("a.tar.gz", gz, &Options::default());
        assert!(c.doc("a.tar.gz!docs/名單.txt").is_some());

        // A truncated tar: what was before the damage is read, then an error.
        let c = collect_bytes("cut.tar", t[..700].to_vec(), &Options::default());
        assert_eq!(
            c.doc("cut.tar").unwrap().result.as_ref().unwrap_err().kind,
            UnreadKind::Error
        );
    }

    #[test]
    fn gzip_text_and_a_gzip_bomb() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("姓名 王小明\n電話 0912345678\n".repeat(1000).as_bytes())
            .unwrap();
        let c = collect_bytes("notes.txt.gz", gz.finish().unwrap(), &Options::default());
        let d = c.doc("notes.txt.gz!notes.txt").unwrap();
        assert_eq!(d.format, Format::Text);
        assert!(d.all_text().contains("0912345678"));

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..30 {
            gz.write_all(&zeros).unwrap();
        }
        let c = collect_bytes("z.bin.gz", gz.finish().unwrap(), &Options::default());
        let top = c.doc("z.bin.gz").unwrap();
        assert!(
            top.unread.iter().any(|(_, u)| u.kind == UnreadKind::Limit),
            "{:?}",
            top.unread
        );

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        for _ in 0..30 {
            gz.write_all(&[b'a'; 1 << 20]).unwrap();
        }
        let c = collect_bytes("z.txt.gz", gz.finish().unwrap(), &Options::default());
        let d = c.doc("z.txt.gz!z.txt").unwrap();
        assert_eq!(
            d.result.as_ref().unwrap_err().kind,
            UnreadKind::Limit,
            "{:?}",
            d.result
        );
    }

    /// 7z archives are written with the 7z tool (sevenz-rust2 is built without its
    /// encoder): Debian's p7zip-full, which .ci/run installs.
    fn seven(dir: &std::path::Path, name: &str, args: &[&str]) -> Option<Vec<u8>> {
        let out = dir.join(name);
        let ok = std::process::Command::new("7z")
            .arg("a")
            .args(args)
            .arg(&out)
            .arg(".")
            .current_dir(dir.join("src"))
            .output()
            .unwrap_or_else(|e| panic!("cannot run 7z ({e}): apt-get install p7zip-full"))
            .status
            .success();
        assert!(ok, "7z could not write {name}");
        Some(std::fs::read(&out).unwrap())
    }

    #[test]
    fn seven_zip_plain_and_encrypted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src/表")).unwrap();
        std::fs::write(dir.path().join("src/表/名單.txt"), "王小明 A123456789").unwrap();
        std::fs::write(
            dir.path().join("src/in.zip"),
            zip_of(&[("id.txt", b"0912345678")], CompressionMethod::Deflated),
        )
        .unwrap();
        let Some(plain) = seven(dir.path(), "p.7z", &[]) else {
            eprintln!("7z not installed: skipped");
            return;
        };
        let c = collect_bytes("p.7z", plain, &Options::default());
        assert!(text_of(&c, "p.7z!表/名單.txt").contains("A123456789"));
        assert!(text_of(&c, "p.7z!in.zip!id.txt").contains("0912345678"));
        assert!(c.doc("p.7z").unwrap().result.is_ok());

        let locked = seven(dir.path(), "e.7z", &["-psecret"]).unwrap();
        let c = collect_bytes("e.7z", locked, &Options::default());
        let top = c.doc("e.7z").unwrap();
        assert!(top.result.is_ok(), "{:?}", top.result);
        assert!(!top.unread.is_empty());
        assert!(
            top.unread
                .iter()
                .all(|(_, u)| u.kind == UnreadKind::Encrypted),
            "{:?}",
            top.unread
        );

        let hidden = seven(dir.path(), "h.7z", &["-psecret", "-mhe=on"]).unwrap();
        let c = collect_bytes("h.7z", hidden, &Options::default());
        let top = c.doc("h.7z").unwrap();
        assert_eq!(top.result.as_ref().unwrap_err().kind, UnreadKind::Encrypted);

        std::fs::remove_dir_all(dir.path().join("src")).unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/zeros.bin"), vec![0u8; 30 << 20]).unwrap();
        std::fs::write(dir.path().join("src/z2.txt"), b"A123456789").unwrap();
        let bomb = seven(dir.path(), "b.7z", &["-ms=off"]).unwrap();
        let c = collect_bytes("b.7z", bomb, &Options::default());
        let top = c.doc("b.7z").unwrap();
        assert!(
            top.unread.iter().any(|(_, u)| u.kind == UnreadKind::Limit),
            "{:?}",
            top.unread
        );
    }
}
