//! PDF: the text layer through poppler's pdftotext, pages without one through OCR.
//!
//! pdftotext and pdftoppm run as child processes, never in this one: a hostile PDF can
//! at worst crash or exhaust a child, which has an address-space limit, may not write
//! files, and is killed when the file's time runs out. The PDF never goes to a named
//! file: the child gets it as its stdin (the file itself, or an anonymous `memfd` for
//! bytes) and opens `/dev/stdin`, which on Linux reopens that descriptor as a seekable
//! file. (poppler's own `-` and `fd://0` read the whole input into memory first.)
//!
//! pdftotext's default mode is used, not `-layout`: it keeps reading order in tables
//! and vertical CJK text, and does not pad cells with runs of spaces.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, Write};
use std::os::fd::FromRawFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::{human, Cx, DocPath, Input, Lines, Place, TextPiece, Unread};

/// Most text one page may have; a page with more is read this far (hostile files only).
const PAGE_CAP: u64 = 64 << 20;
/// What is kept of a child's stderr to classify its failure.
const STDERR_KEEP: u64 = 8 << 10;
/// A line at least this wide (in columns, CJK counting two) can be a wrapped line; on
/// pages whose widest line is narrower, lines are short by design (lists, table cells).
const MIN_WRAP_WIDTH: usize = 30;

pub(crate) fn read(cx: &mut Cx<'_>, doc: &DocPath, input: Input) -> Result<(), Unread> {
    let source = source_file(input)?;
    let limits = cx.budget.limits().clone();
    let max_pages = limits.max_pdf_pages.max(1);
    let mut cmd = Command::new("pdftotext");
    // One page more than allowed, to know whether there were more.
    cmd.args(["-enc", "UTF-8", "-eol", "unix", "-l"])
        .arg((max_pages as u64 + 1).to_string())
        .args(["/dev/stdin", "-"]);
    let mut run = Run::start(
        cmd,
        &source,
        limits.subprocess_memory,
        cx.budget.time_left(),
    )
    .map_err(|e| spawn_error(e, "pdftotext"))?;
    let stdout = run.child.stdout.take().expect("stdout is piped");
    let mut out = BufReader::with_capacity(256 << 10, stdout);

    let mut page_no = 0u32;
    let mut scans: Vec<u32> = Vec::new();
    let mut stopped: Option<Unread> = None;
    let mut cancelled = false;
    let mut page = Vec::new();
    loop {
        page.clear();
        let (complete, truncated) = match read_page(&mut out, &mut page) {
            Ok(x) => x,
            Err(e) => {
                stopped = Some(Unread::error(format!(
                    "cannot read pdftotext's output: {e}"
                )));
                break;
            }
        };
        if !complete && page.is_empty() {
            break; // end of output
        }
        page_no += 1;
        if page_no > max_pages {
            stopped = Some(Unread::limit(format!(
                "more than {max_pages} pages: the pages after {max_pages} were not read"
            )));
            break;
        }
        let text = match String::from_utf8(std::mem::take(&mut page)) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        if text.trim().is_empty() {
            match cx.opts.ocr.clone() {
                Some(ocr) => {
                    if let Err(why) = ocr_page(cx, &source, page_no, ocr.as_ref()) {
                        let why = Unread::new(why.kind, format!("page {page_no}: {}", why.reason));
                        cx.sink.unread(doc, &why);
                    }
                }
                None => scans.push(page_no),
            }
        } else {
            emit_page(cx, page_no, &text);
        }
        if truncated {
            cx.sink.unread(
                doc,
                &Unread::limit(format!(
                    "page {page_no} has more than {} of text; the rest of the page was not read",
                    human(PAGE_CAP)
                )),
            );
        }
        if let Err(e) = cx.budget.check_time() {
            stopped = Some(e);
            break;
        }
        if cx.sink.cancelled() {
            cancelled = true;
            break;
        }
    }
    // Closing the pipe ends a child whose output is no longer wanted (SIGPIPE).
    drop(out);
    let outcome = run.finish();
    if !scans.is_empty() {
        // Pages without text are scans, unless poppler said it could not decode a font:
        // then the text layer is there but unreadable, and the note must say so.
        let undecodable = matches!(&outcome, Ended::Exited(_, e) if e.contains("Unknown CMap")
            || e.contains("Unknown character collection"));
        cx.sink.unread(doc, &scan_note(&scans, undecodable));
    }
    if let Some(why) = stopped {
        return Err(why);
    }
    if cancelled {
        return Ok(());
    }
    match outcome {
        Ended::TimedOut => Err(Unread::limit(format!(
            "took longer than the {} s allowed for one file; pages after {page_no} were not read",
            limits.time_per_file.as_secs()
        ))),
        Ended::Exited(status, stderr) if !status.success() => {
            Err(failure("pdftotext", status, &stderr, &limits, page_no))
        }
        Ended::Exited(..) => Ok(()),
    }
}

/// Reads one form-feed-terminated page into `page` (without the form feed): whether the
/// form feed was seen, and whether the page was cut at [`PAGE_CAP`].
fn read_page(out: &mut impl BufRead, page: &mut Vec<u8>) -> io::Result<(bool, bool)> {
    let n = out.take(PAGE_CAP).read_until(b'\x0c', page)?;
    if page.last() == Some(&b'\x0c') {
        page.pop();
        return Ok((true, false));
    }
    if (n as u64) < PAGE_CAP {
        return Ok((false, false)); // end of output
    }
    // Too long: keep what was read, skip to the end of the page.
    loop {
        let buf = out.fill_buf()?;
        if buf.is_empty() {
            return Ok((false, true));
        }
        if let Some(at) = memchr::memchr(b'\x0c', buf) {
            out.consume(at + 1);
            return Ok((true, true));
        }
        let len = buf.len();
        out.consume(len);
    }
}

/// Hands one page's text to the sink as a view that joins wrapped lines.
fn emit_page(cx: &mut Cx<'_>, page_no: u32, text: &str) {
    let (view, starts) = join_wrapped(text.trim_end_matches(['\n', '\r', ' ']));
    let replaced = view.matches('\u{FFFD}').count() as u64;
    cx.sink.text(&TextPiece {
        text: &view,
        owned: 0..view.len(),
        offset: 0,
        place: Place::Page(page_no),
        lines: Lines::Starts(&starts),
        boxes: &[],
        replaced,
    });
}

/// "page 3 has no text layer…", or "pages 3, 5–9 have…"; for a text layer whose font
/// encoding poppler cannot decode, says that instead.
fn scan_note(pages: &[u32], undecodable: bool) -> Unread {
    if undecodable {
        return Unread::not_read(format!(
            "the text layer of {} uses a font encoding poppler cannot decode (an unknown CMap): not read; gezi scan --ocr reads such pages as images",
            match pages {
                [one] => format!("page {one}"),
                _ => format!("{} pages", pages.len()),
            }
        ));
    }
    if let [one] = pages {
        return Unread::not_read(format!(
            "page {one} has no text layer (a scan): not read; run gezi scan with --ocr"
        ));
    }
    let mut ranges: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        ranges.push(if j == i {
            pages[i].to_string()
        } else {
            format!("{}–{}", pages[i], pages[j])
        });
        i = j + 1;
    }
    Unread::not_read(format!(
        "pages {} have no text layer (scans): not read; run gezi scan with --ocr",
        ranges.join(", ")
    ))
}

/// Renders one page with pdftoppm and reads it with the OCR engine.
fn ocr_page(
    cx: &mut Cx<'_>,
    source: &File,
    page_no: u32,
    ocr: &dyn crate::Ocr,
) -> Result<(), Unread> {
    let limits = cx.budget.limits().clone();
    let n = page_no.to_string();
    let mut cmd = Command::new("pdftoppm");
    cmd.args(["-r", "200", "-f", &n, "-l", &n, "-png", "/dev/stdin"]);
    let mut run = Run::start(cmd, source, limits.subprocess_memory, cx.budget.time_left())
        .map_err(|e| spawn_error(e, "pdftoppm"))?;
    let mut png = Vec::new();
    let cap = limits.max_member_in_memory;
    let stdout = run.child.stdout.take().expect("stdout is piped");
    let read = stdout.take(cap + 1).read_to_end(&mut png);
    let outcome = run.finish();
    if png.len() as u64 > cap {
        return Err(Unread::limit(format!(
            "the page's image is larger than {}: not read by OCR",
            human(cap)
        )));
    }
    match outcome {
        Ended::TimedOut => {
            return Err(Unread::limit(format!(
                "took longer than the {} s allowed for one file: not rendered for OCR",
                limits.time_per_file.as_secs()
            )))
        }
        Ended::Exited(status, stderr) if !status.success() => {
            return Err(failure("pdftoppm", status, &stderr, &limits, 0));
        }
        Ended::Exited(..) => {}
    }
    read.map_err(|e| Unread::error(format!("cannot read pdftoppm's output: {e}")))?;
    let pages = ocr
        .read(&png, cx.budget.time_left())
        .map_err(|e| Unread::error(format!("OCR could not read this page: {e}")))?;
    if let Some(first) = pages.first() {
        crate::scan::emit_page(cx, page_no, first);
    }
    Ok(())
}

/// The PDF as a file a child can take as its stdin: the file itself, or the bytes in an
/// anonymous memory file.
fn source_file(input: Input) -> Result<File, Unread> {
    match input {
        Input::File(mut f, _) => {
            f.rewind()?;
            Ok(f)
        }
        Input::Bytes(bytes) => {
            // SAFETY: a constant NUL-terminated name; the descriptor returned is owned
            // by the File from here on.
            let fd = unsafe { libc::memfd_create(c"gezi-pdf".as_ptr(), libc::MFD_CLOEXEC) };
            if fd < 0 {
                return Err(Unread::error(format!(
                    "cannot hold the PDF for pdftotext: {}",
                    io::Error::last_os_error()
                )));
            }
            // SAFETY: fd is a fresh descriptor nobody else owns.
            let mut f = unsafe { File::from_raw_fd(fd) };
            f.write_all(&bytes)?;
            f.rewind()?;
            Ok(f)
        }
    }
}

/// A child process with a watchdog that kills it when the time is up, and a thread that
/// drains its stderr (keeping the start, to classify failures).
struct Run {
    child: Child,
    done: mpsc::Sender<()>,
    watchdog: JoinHandle<bool>,
    stderr: JoinHandle<Vec<u8>>,
}

enum Ended {
    TimedOut,
    Exited(ExitStatus, String),
}

impl Run {
    fn start(mut cmd: Command, stdin: &File, memory: u64, time: Duration) -> io::Result<Run> {
        cmd.stdin(Stdio::from(stdin.try_clone()?))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env("LC_ALL", "C");
        // SAFETY: only async-signal-safe calls (setrlimit) between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                let set = |what, n: u64| {
                    let lim = libc::rlimit {
                        rlim_cur: n as libc::rlim_t,
                        rlim_max: n as libc::rlim_t,
                    };
                    if libc::setrlimit(what, &lim) != 0 {
                        return Err(io::Error::last_os_error());
                    }
                    Ok(())
                };
                set(libc::RLIMIT_AS, memory)?;
                // Writes to files (not pipes) fail: the child cannot leave anything on disk.
                set(libc::RLIMIT_FSIZE, 0)?;
                set(libc::RLIMIT_CORE, 0)?;
                Ok(())
            });
        }
        let mut child = cmd.spawn()?;
        let pid = child.id() as libc::pid_t;
        let (done, wait) = mpsc::channel::<()>();
        let watchdog = std::thread::spawn(move || match wait.recv_timeout(time) {
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // The child is not reaped before this thread is joined, so the pid is
                // still ours.
                // SAFETY: plain kill(2) on our own child.
                unsafe { libc::kill(pid, libc::SIGKILL) };
                true
            }
            _ => false,
        });
        let err = child.stderr.take().expect("stderr is piped");
        let stderr = std::thread::spawn(move || {
            let mut err = err;
            let mut kept = Vec::new();
            let _ = (&mut err).take(STDERR_KEEP).read_to_end(&mut kept);
            let _ = io::copy(&mut err, &mut io::sink());
            kept
        });
        Ok(Run {
            child,
            done,
            watchdog,
            stderr,
        })
    }

    /// Waits for the child (killing it if its output is no longer wanted).
    fn finish(mut self) -> Ended {
        // Output not read to the end means we stopped early: the child must not block.
        if matches!(self.child.try_wait(), Ok(None)) {
            drop(self.child.stdout.take());
        }
        let status = self.child.wait();
        let _ = self.done.send(());
        let killed = self.watchdog.join().unwrap_or(false);
        let stderr = self.stderr.join().unwrap_or_default();
        match status {
            _ if killed => Ended::TimedOut,
            Ok(s) => Ended::Exited(s, String::from_utf8_lossy(&stderr).into_owned()),
            Err(_) => Ended::TimedOut,
        }
    }
}

fn spawn_error(e: io::Error, tool: &str) -> Unread {
    if e.kind() == io::ErrorKind::NotFound {
        Unread::not_read(format!("PDF: {tool} (poppler-utils) is not installed"))
    } else {
        Unread::error(format!("PDF: cannot run {tool}: {e}"))
    }
}

/// Why a poppler tool failed, in words that never quote the document: poppler's
/// messages are used only to pick a reason.
fn failure(
    tool: &str,
    status: ExitStatus,
    stderr: &str,
    limits: &crate::Limits,
    pages: u32,
) -> Unread {
    let after = if pages > 0 {
        format!(" (after {pages} pages)")
    } else {
        String::new()
    };
    if stderr.contains("Incorrect password") {
        return Unread::encrypted("password-protected PDF: not read");
    }
    if status.code() == Some(3) {
        return Unread::encrypted("the PDF's permissions forbid copying its text: not read");
    }
    if stderr.contains("failed to map segment") || stderr.contains("Out of memory") {
        return Unread::limit(format!(
            "{tool} needed more than the {} of memory allowed{after}",
            human(limits.subprocess_memory)
        ));
    }
    if let Some(sig) = status.signal() {
        // An allocation past RLIMIT_AS aborts the child (SIGABRT) or kills it (SIGSEGV).
        if matches!(
            sig,
            libc::SIGABRT | libc::SIGSEGV | libc::SIGKILL | libc::SIGBUS
        ) {
            return Unread::limit(format!(
                "{tool} stopped{after}: it needed more than the {} of memory allowed, or crashed on this PDF",
                human(limits.subprocess_memory)
            ));
        }
        return Unread::error(format!("{tool} was stopped by signal {sig}{after}"));
    }
    if stderr.contains("Couldn't read xref table")
        || stderr.contains("Couldn't find trailer dictionary")
        || stderr.contains("May not be a PDF file")
    {
        return Unread::error(format!(
            "not a readable PDF: damaged or truncated (no cross-reference table){after}"
        ));
    }
    Unread::error(format!(
        "{tool} could not read this PDF (exit code {}){after}; it is probably damaged",
        status.code().unwrap_or(-1)
    ))
}

/// Characters of scripts written without spaces between words (and their punctuation).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

fn width(line: &str) -> usize {
    line.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
}

/// Whether a line ending in `a` and the next beginning with `b` are one run of text
/// cut by the line end: CJK next to CJK or to a letter or digit (no space is lost), a
/// code or number cut before a digit (`A12345` / `6789`), a number cut after a hyphen.
fn continues(a: char, b: char) -> bool {
    (is_cjk(a) && (is_cjk(b) || b.is_alphanumeric()))
        || (a.is_alphanumeric() && is_cjk(b))
        || (a.is_ascii_alphanumeric() && b.is_ascii_digit())
        || (a == '-' && b.is_ascii_alphanumeric())
}

/// The page as a view in which wrapped lines are joined (the newline between them is
/// dropped), and where each original line starts in it. A line is taken as wrapped only
/// when it is nearly as wide as the page's widest line (it reached the margin) and its
/// last and the next line's first character continue each other.
fn join_wrapped(page: &str) -> (String, Vec<usize>) {
    let lines: Vec<&str> = page.split('\n').collect();
    let widths: Vec<usize> = lines.iter().map(|l| width(l)).collect();
    let widest = widths.iter().copied().max().unwrap_or(0);
    let mut view = String::with_capacity(page.len());
    let mut starts = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let prev = lines[i - 1];
            let full = widest >= MIN_WRAP_WIDTH && widths[i - 1] * 10 >= widest * 7;
            let join = full
                && match (prev.chars().next_back(), line.chars().next()) {
                    (Some(a), Some(b)) => continues(a, b),
                    _ => false,
                };
            if !join {
                view.push('\n');
            }
        }
        starts.push(view.len());
        view.push_str(line);
    }
    (view, starts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{collect_bytes, Options, UnreadKind};

    /// A PDF with one content stream per page: font F1 is Helvetica, F2 the
    /// non-embedded `MSung-Light` with `UniCNS-UCS2-H` (as in old government forms;
    /// poppler-data maps it to Unicode).
    fn pdf(pages: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
        let mut objs: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            Vec::new(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /MSung-Light /Encoding /UniCNS-UCS2-H /DescendantFonts [5 0 R] >>".to_vec(),
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MSung-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (CNS1) /Supplement 4 >> /DW 1000 /W [1 95 500] /FontDescriptor 6 0 R >>".to_vec(),
            b"<< /Type /FontDescriptor /FontName /MSung-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>".to_vec(),
        ];
        let mut kids = Vec::new();
        for content in pages {
            let mut s = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
            s.extend_from_slice(content);
            s.extend_from_slice(b"\nendstream");
            objs.push(s);
            let c = objs.len();
            objs.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {c} 0 R >>").into_bytes());
            kids.push(format!("{} 0 R", objs.len()));
        }
        objs[1] = format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes();
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(o);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R{trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
                objs.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    /// Text lines at 16 pt steps down the page; a line starting with `#` is CJK (F2).
    fn page(lines: &[&str]) -> Vec<u8> {
        let mut s = String::new();
        for (i, l) in lines.iter().enumerate() {
            let y = 800 - 16 * i;
            match l.strip_prefix('#') {
                Some(cjk) => {
                    let hex: String = cjk.encode_utf16().map(|u| format!("{u:04X}")).collect();
                    s.push_str(&format!("BT /F2 10 Tf 40 {y} Td <{hex}> Tj ET\n"));
                }
                None => s.push_str(&format!("BT /F1 10 Tf 40 {y} Td ({l}) Tj ET\n")),
            }
        }
        s.into_bytes()
    }

    /// The PDF tests need poppler (.ci/run installs it): without it they fail, not skip.
    fn have_poppler() -> bool {
        assert!(
            Command::new("pdftotext").arg("-v").output().is_ok(),
            "pdftotext is missing: apt-get install poppler-utils poppler-data (or run .ci/run)"
        );
        true
    }

    #[test]
    fn wrapped_lines_are_joined() {
        let page = "申請人地址：臺北市中正區重慶南路一段\n122號，申請人身分證統一編號A12345\n6789\n\nshort\nlist";
        let (view, starts) = join_wrapped(page);
        assert!(view.contains("重慶南路一段122號"), "{view}");
        assert!(view.contains("A123456789"), "{view}");
        assert_eq!(starts.len(), 6);
        assert_eq!(&view[starts[1]..starts[1] + 3], "122");
        assert_eq!(&view[starts[2]..starts[2] + 4], "6789");
        // Short lines (lists, cells) stay lines; English words are not glued.
        assert_eq!(join_wrapped("王小明\n陳大文").0, "王小明\n陳大文");
        let en = "The applicant lives at the address given above and\nhas a phone";
        assert_eq!(join_wrapped(en).0, en);
    }

    #[test]
    fn scan_notes_name_page_ranges() {
        assert_eq!(
            scan_note(&[2], false).reason,
            "page 2 has no text layer (a scan): not read; run gezi scan with --ocr"
        );
        assert!(scan_note(&[2, 3, 4, 7], false)
            .reason
            .starts_with("pages 2–4, 7 have"));
    }

    #[test]
    fn text_pages_and_a_scan() {
        if !have_poppler() {
            eprintln!("pdftotext not installed: skipped");
            return;
        }
        let p1 = page(&[
            "Hello page one",
            "#申請人地址：臺北市中正區重慶南路一段一二三巷四五六弄",
            "#七八號，身分證統一編號及電話號碼 A12345",
            "#6789，電話 0912345678。",
        ]);
        let p3 = page(&["Third page text"]);
        let bytes = pdf(&[p1, b"".to_vec(), p3], "");
        let c = collect_bytes("form.pdf", bytes.clone(), &Options::default());
        let d = c.doc("form.pdf").unwrap();
        assert!(d.result.is_ok(), "{:?}", d.result);
        assert_eq!(d.texts.len(), 2);
        assert_eq!(d.texts[0].0, Place::Page(1));
        assert_eq!(d.texts[1].0, Place::Page(3));
        let one = &d.texts[0].1;
        assert!(one.starts_with("Hello page one\n申請人"), "{one}");
        assert!(one.contains("五六弄七八號"), "{one}");
        assert!(one.contains("A123456789"), "{one}");
        assert_eq!(d.texts[1].1, "Third page text");
        assert_eq!(d.unread.len(), 1);
        assert_eq!(d.unread[0].1.kind, UnreadKind::NotRead);
        assert!(d.unread[0].1.reason.starts_with("page 2 has no text layer"));

        // The same from a file on disk (the file itself is the child's stdin).
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("form.pdf");
        std::fs::write(&path, &bytes).unwrap();
        let mut c = crate::Collect::default();
        crate::extract_file(&path, &Options::default(), &mut c);
        let d = &c.docs[0];
        assert!(d.result.is_ok());
        assert_eq!(d.texts.len(), 2);

        // Past the page limit.
        let opts = Options {
            limits: crate::Limits {
                max_pdf_pages: 1,
                ..Default::default()
            },
            ..Default::default()
        };
        let c = collect_bytes("form.pdf", bytes, &opts);
        let d = c.doc("form.pdf").unwrap();
        assert_eq!(d.texts.len(), 1);
        assert_eq!(d.result.as_ref().unwrap_err().kind, UnreadKind::Limit);
    }

    #[test]
    fn the_starts_point_at_original_lines() {
        if !have_poppler() {
            return;
        }
        struct Lines(Vec<(String, Vec<usize>)>);
        impl crate::Sink for Lines {
            fn begin(&mut self, _: &DocPath, _: crate::Format, _: u64) {}
            fn text(&mut self, p: &TextPiece<'_>) {
                if let crate::Lines::Starts(s) = p.lines {
                    self.0.push((p.text.to_string(), s.to_vec()));
                }
            }
            fn row(&mut self, _: &crate::RowPiece<'_>) {}
            fn unread(&mut self, _: &DocPath, _: &Unread) {}
            fn end(&mut self, _: &DocPath, _: Result<(), Unread>) {}
        }
        let bytes = pdf(
            &[page(&[
                "#申請人地址：臺北市中正區重慶南路一段一二三巷四五六弄",
                "#七八號",
            ])],
            "",
        );
        let mut sink = Lines(Vec::new());
        crate::extract_bytes("a.pdf", bytes, &Options::default(), &mut sink);
        let (text, starts) = &sink.0[0];
        assert_eq!(starts.len(), 2);
        assert!(text[starts[1]..].starts_with("七八號"));
        assert!(!text.contains('\n'));
    }

    #[test]
    fn encrypted_and_damaged_pdfs() {
        if !have_poppler() {
            return;
        }
        // An /Encrypt dictionary whose user password is not empty.
        let enc = format!(
            " /Encrypt << /Filter /Standard /V 1 /R 2 /O <{}> /U <{}> /P -4 >> /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]",
            "11".repeat(32),
            "22".repeat(32)
        );
        let bytes = pdf(&[page(&["secret"])], &enc);
        let c = collect_bytes("locked.pdf", bytes, &Options::default());
        let err = c.docs[0].result.clone().unwrap_err();
        assert_eq!(err.kind, UnreadKind::Encrypted, "{err}");

        let mut garbage = b"%PDF-1.4\n".to_vec();
        garbage.extend(b"A123456789 ".repeat(50));
        let c = collect_bytes("bad.pdf", garbage, &Options::default());
        let err = c.docs[0].result.clone().unwrap_err();
        assert_eq!(err.kind, UnreadKind::Error);
        assert!(!err.reason.contains("A123456789"), "{err}");

        let good = pdf(&[page(&["Hello"])], "");
        let c = collect_bytes(
            "cut.pdf",
            good[..good.len() / 2].to_vec(),
            &Options::default(),
        );
        assert!(c.docs[0].result.is_err() || c.docs[0].texts.len() <= 1);
    }

    #[test]
    fn vertical_text_reads_in_column_order() {
        if !have_poppler() {
            return;
        }
        let hex = |s: &str| {
            s.encode_utf16()
                .map(|u| format!("{u:04X}"))
                .collect::<String>()
        };
        let content = format!(
            "BT /F2 12 Tf 300 800 Td <{}> Tj ET BT /F2 12 Tf 280 800 Td <{}> Tj ET",
            hex("第一欄姓名王小明"),
            hex("第二欄電話")
        );
        // Same length, so the cross-reference offsets still hold.
        let s = String::from_utf8(pdf(&[content.into_bytes()], ""))
            .unwrap()
            .replace("UniCNS-UCS2-H", "UniCNS-UCS2-V");
        let c = collect_bytes("v.pdf", s.into_bytes(), &Options::default());
        let text = c.docs[0].all_text();
        let a = text.find("第一欄姓名王小明").expect(&text);
        let b = text.find("第二欄電話").expect(&text);
        assert!(a < b);
    }

    /// reportlab 5.1 writes MSung-Light (Adobe-CNS1) with the mainland encoding
    /// UniGB-UCS2-H, which poppler cannot decode: the page is not a scan, and the note
    /// says what really happened.
    #[test]
    fn an_undecodable_text_layer_is_not_called_a_scan() {
        let hex = |s: &str| {
            s.encode_utf16()
                .map(|u| format!("{u:04X}"))
                .collect::<String>()
        };
        let content = format!(
            "BT /F2 12 Tf 60 800 Td <{}> Tj ET",
            hex("身分證字號 A123456789")
        );
        // Same length, so the cross-reference offsets still hold.
        let s = String::from_utf8(pdf(&[content.into_bytes()], ""))
            .unwrap()
            .replace("UniCNS-UCS2-H", "UniGB-UCS2-H ");
        let c = collect_bytes("g.pdf", s.into_bytes(), &Options::default());
        let d = &c.docs[0];
        let note = &d.unread.first().expect("a note").1;
        assert_eq!(note.kind, UnreadKind::NotRead);
        assert!(note.reason.contains("cannot decode"), "{note}");
        assert!(!note.reason.contains("A123456789"));
    }

    /// An OCR engine that reads every image as one line.
    struct FakeEye;
    impl crate::Ocr for FakeEye {
        fn read(&self, image: &[u8], _: Duration) -> Result<Vec<crate::OcrPage>, String> {
            assert!(image.starts_with(b"\x89PNG"));
            Ok(vec![crate::OcrPage {
                lines: vec![crate::OcrLine {
                    text: "掃描 A123456789".into(),
                    bbox: [1, 2, 3, 4],
                    confidence: 0.9,
                }],
            }])
        }
    }

    #[test]
    fn a_scanned_page_goes_to_ocr() {
        if !have_poppler() {
            return;
        }
        let bytes = pdf(&[page(&["text"]), b"".to_vec()], "");
        let opts = Options {
            ocr: Some(std::sync::Arc::new(FakeEye)),
            ..Default::default()
        };
        let c = collect_bytes("s.pdf", bytes, &opts);
        let d = &c.docs[0];
        assert!(d.result.is_ok(), "{:?}", d.result);
        assert!(d.unread.is_empty(), "{:?}", d.unread);
        assert_eq!(d.texts[1].0, Place::Scan { page: 2 });
        assert!(d.texts[1].1.contains("A123456789"));
    }
    #[test]
    fn a_child_is_killed_when_the_time_is_up() {
        let dev_null = File::open("/dev/null").unwrap();
        let mut cmd = Command::new("sleep");
        cmd.arg("30");
        let started = std::time::Instant::now();
        let run = Run::start(cmd, &dev_null, 1 << 30, Duration::from_millis(200)).unwrap();
        assert!(matches!(run.finish(), Ended::TimedOut));
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_child_past_its_memory_is_a_limit() {
        if !have_poppler() {
            return;
        }
        let bytes = pdf(&[page(&["Hello"])], "");
        let opts = Options {
            limits: crate::Limits {
                subprocess_memory: 4 << 20,
                ..Default::default()
            },
            ..Default::default()
        };
        let c = collect_bytes("big.pdf", bytes, &opts);
        let err = c.docs[0].result.clone().unwrap_err();
        assert_eq!(err.kind, UnreadKind::Limit, "{err}");
    }
}
