//! Limits against hostile files, checked before the work they guard: how deep archives
//! nest, how many members one file may hold, how much a file may expand, how long one
//! file may take. A limit ends the reading of that one file (or member) with a clear
//! reason; the scan goes on with the rest.

use std::io::{self, Read};
use std::time::{Duration, Instant};

use crate::Unread;

/// The limits of one extraction. The defaults follow mature extractors (Apache Tika,
/// trufflehog): see `shared/notes/documents-and-ocr.md`.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Archives and attachments nested deeper than this are not opened.
    pub max_depth: usize,
    /// Members (archive entries, attachments, mails of a mailbox) per file, counted over
    /// every level.
    pub max_members: usize,
    /// Bytes all members of one file may expand to, counted as they are read.
    pub max_total_bytes: u64,
    /// Expanded bytes per stored byte, checked once a member has produced
    /// [`Limits::ratio_grace`] bytes.
    pub max_ratio: u64,
    /// Expansion below this many bytes is never called a bomb.
    pub ratio_grace: u64,
    /// A member that must be held in memory to be read (a zip inside a zip, an office
    /// file inside an archive) may not be larger than this.
    pub max_member_in_memory: u64,
    /// Largest XML part of an office file, once inflated.
    pub max_xml_part: u64,
    /// XML elements nested deeper than this end the reading of the part.
    pub max_xml_depth: usize,
    /// Cells per sheet (rows × columns of its used range) beyond which the sheet is read
    /// only this far.
    pub max_sheet_cells: u64,
    /// Time for one file on disk, with everything inside it.
    pub time_per_file: Duration,
    /// Memory a helper process (pdftotext, pdftoppm) may use.
    pub subprocess_memory: u64,
    /// Pages of one PDF that are read.
    pub max_pdf_pages: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_depth: 10,
            max_members: 100_000,
            max_total_bytes: 2 << 30,
            max_ratio: 100,
            ratio_grace: 1 << 20,
            max_member_in_memory: 256 << 20,
            max_xml_part: 1 << 30,
            max_xml_depth: 256,
            max_sheet_cells: 50_000_000,
            time_per_file: Duration::from_secs(120),
            subprocess_memory: 1 << 30,
            max_pdf_pages: 5_000,
        }
    }
}

/// What one file on disk has used of its limits so far.
#[derive(Debug)]
pub struct Budget {
    limits: Limits,
    deadline: Instant,
    members: usize,
    expanded: u64,
}

impl Budget {
    /// A fresh budget for one file, its clock starting now.
    pub fn new(limits: &Limits) -> Budget {
        Budget {
            limits: limits.clone(),
            deadline: Instant::now() + limits.time_per_file,
            members: 0,
            expanded: 0,
        }
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Time left before the deadline.
    pub fn time_left(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    /// Err once the file's time is up.
    pub fn check_time(&self) -> Result<(), Unread> {
        if Instant::now() >= self.deadline {
            return Err(Unread::limit(format!(
                "took longer than the {} s allowed for one file; the rest of it was not read",
                self.limits.time_per_file.as_secs()
            )));
        }
        Ok(())
    }

    /// Counts one more member (entry, attachment, message); Err past the limit.
    pub fn add_member(&mut self) -> Result<(), Unread> {
        self.members += 1;
        if self.members > self.limits.max_members {
            return Err(Unread::limit(format!(
                "more than {} members in one file (archive or mailbox); the rest were not read",
                self.limits.max_members
            )));
        }
        self.check_time()
    }

    /// Err when a member at `depth` would nest too deep.
    pub fn check_depth(&self, depth: usize) -> Result<(), Unread> {
        if depth > self.limits.max_depth {
            return Err(Unread::limit(format!(
                "nested deeper than {} archives or attachments: not opened (possible archive bomb)",
                self.limits.max_depth
            )));
        }
        Ok(())
    }

    /// Counts `n` expanded bytes; Err when the file's total passes its limit.
    pub fn add_expanded(&mut self, n: u64) -> Result<(), Unread> {
        self.expanded += n;
        if self.expanded > self.limits.max_total_bytes {
            return Err(Unread::limit(format!(
                "expands to more than {} in all: the rest was not read (possible archive bomb)",
                human(self.limits.max_total_bytes)
            )));
        }
        Ok(())
    }

    /// Err when `expanded` bytes from `stored` bytes is more than the ratio allows.
    pub fn check_ratio(&self, expanded: u64, stored: u64) -> Result<(), Unread> {
        if expanded > self.limits.ratio_grace && expanded / stored.max(1) > self.limits.max_ratio {
            return Err(Unread::limit(format!(
                "expands more than {}:1 ({} from {}): not read further (possible zip bomb)",
                self.limits.max_ratio,
                human(expanded),
                human(stored)
            )));
        }
        Ok(())
    }

    /// Reads all of `reader` (a member of `stored` bytes) into memory, within the limits
    /// of memory, ratio, total and time.
    pub fn read_member(&mut self, reader: impl Read, stored: u64) -> Result<Vec<u8>, Unread> {
        let cap = self.limits.max_member_in_memory;
        let mut guarded = self.guard(reader, stored);
        let mut out = Vec::new();
        let mut buf = vec![0u8; 64 << 10];
        loop {
            let n = guarded.read(&mut buf).map_err(guarded_error)?;
            if n == 0 {
                break;
            }
            if out.len() as u64 + n as u64 > cap {
                return Err(Unread::limit(format!(
                    "a member larger than {} cannot be opened inside another file",
                    human(cap)
                )));
            }
            out.extend_from_slice(&buf[..n]);
        }
        Ok(out)
    }

    /// Wraps a decompressing reader so that every byte it yields is counted against the
    /// budget: the expansion ratio of this member, the file's total, and the time.
    pub fn guard<R: Read>(&mut self, inner: R, stored: u64) -> Guarded<'_, R> {
        Guarded {
            inner,
            budget: self,
            stored,
            produced: 0,
        }
    }
}

/// A reader whose output is counted against a [`Budget`]; a limit shows up as an
/// `io::Error` whose inner error is the [`Unread`] (see [`guarded_error`]).
pub struct Guarded<'b, R> {
    inner: R,
    budget: &'b mut Budget,
    stored: u64,
    produced: u64,
}

impl<R: Read> Read for Guarded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.produced += n as u64;
        let check = self
            .budget
            .add_expanded(n as u64)
            .and_then(|_| self.budget.check_ratio(self.produced, self.stored))
            .and_then(|_| self.budget.check_time());
        check.map_err(io::Error::other)?;
        Ok(n)
    }
}

/// The [`Unread`] inside an error from a [`Guarded`] reader, or the I/O error as a
/// read error.
pub fn guarded_error(e: io::Error) -> Unread {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<Unread>()) {
        Some(u) => u.clone(),
        None => Unread::error(format!("cannot read: {e}")),
    }
}

/// `1.5 GB`, `300 MB`: sizes for people.
pub fn human(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else if v.fract() == 0.0 {
        format!("{v:.0} {}", UNITS[u])
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bomb_is_stopped_by_its_ratio() {
        let mut b = Budget::new(&Limits::default());
        let zeros = io::repeat(0).take(10 << 20);
        let err = b.read_member(zeros, 1000).unwrap_err();
        assert_eq!(err.kind, crate::UnreadKind::Limit);
        assert!(err.reason.contains("zip bomb"), "{err}");
    }

    #[test]
    fn the_total_is_counted_over_members() {
        let mut b = Budget::new(&Limits {
            max_total_bytes: 3 << 20,
            ..Limits::default()
        });
        for _ in 0..3 {
            b.read_member(io::repeat(1).take(1 << 20), 1 << 20).unwrap();
        }
        assert!(b.read_member(io::repeat(1).take(10), 10).is_err());
    }
}
