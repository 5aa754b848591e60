//! Tables in text: CSV/TSV (any encoding gezi detects, streamed record by record) and
//! JSON (arrays of objects and JSON Lines become rows whose header is the keys; other
//! JSON is read as text). Also the one judgement of whether a first row is a header,
//! used by every table reader.

use std::io::{Read, Seek};

use crate::{Cell, Cx, DocPath, Format, Input, RowPiece, Unread};

const HEAD: usize = 64 << 10;
/// JSON documents up to this size are parsed whole to find their tables; larger ones
/// are read as text.
const JSON_WHOLE: u64 = 64 << 20;
/// Rows between two looks at the clock.
const CHECK_EVERY: u64 = 4096;

pub(crate) fn read(
    cx: &mut Cx<'_>,
    doc: &DocPath,
    format: Format,
    input: Input,
) -> Result<(), Unread> {
    let size = input.len();
    let (reader, head, encoding) = crate::text::open_text(input)?;
    let name = doc.leaf_name();
    cx.sink.encoding(encoding.name());
    match format {
        Format::Csv => match delimiter(&head, &name) {
            Some(delim) => csv_rows(cx, &name, reader, encoding, delim),
            // One huge line or no delimiter: not a table; read it as text.
            None => crate::text::stream(cx, reader, encoding),
        },
        _ => {
            let (text_head, _, _) = encoding.decode(&head);
            let lines_of_objects = text_head
                .lines()
                .filter(|l| !l.trim().is_empty())
                .take(3)
                .all(|l| l.trim_start().starts_with('{') && l.trim_end().ends_with('}'));
            if lines_of_objects && text_head.lines().filter(|l| !l.trim().is_empty()).count() > 1 {
                json_lines(cx, &name, reader, encoding)
            } else if size <= JSON_WHOLE && text_head.trim_start().starts_with('[') {
                json_array(cx, &name, reader, encoding)
            } else {
                crate::text::stream(cx, reader, encoding)
            }
        }
    }
}

/// The delimiter of a CSV/TSV head: tab for .tsv/.tab, else the one that splits the
/// first lines into the same number of cells. None when the head is one unbroken line.
fn delimiter(head: &[u8], name: &str) -> Option<u8> {
    let first_nl = memchr::memchr(b'\n', head);
    if first_nl.is_none() && head.len() >= HEAD {
        return None;
    }
    let ext = crate::format::extension(name);
    if ext == "tsv" || ext == "tab" {
        return Some(b'\t');
    }
    let lines: Vec<&[u8]> = head.split(|&b| b == b'\n').take(20).collect();
    let lines = &lines[..lines.len().saturating_sub(1).max(1)];
    [b',', b'\t', b';', b'|']
        .into_iter()
        .filter(|d| lines[0].contains(d))
        .max_by_key(|d| {
            let counts: Vec<usize> = lines
                .iter()
                .map(|l| l.iter().filter(|b| *b == d).count())
                .collect();
            let same = counts.iter().filter(|c| **c == counts[0]).count();
            (same, counts[0])
        })
        .or(Some(b','))
}

fn csv_rows(
    cx: &mut Cx<'_>,
    table: &str,
    reader: impl Read,
    encoding: &'static encoding_rs::Encoding,
    delim: u8,
) -> Result<(), Unread> {
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .build(reader);
    // The csv crate's own line numbers drift on CRLF and blank lines; count ourselves.
    let newlines = LineEnds::default();
    let tap = NewlineTap {
        inner: decoded,
        at: 0,
        newlines: newlines.clone(),
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(tap);
    let mut lines_before = 0u64;
    let mut header: Option<Vec<Cell>> = None;
    let mut header_row = 1;
    let mut first = true;
    let mut record = csv::StringRecord::new();
    let mut n = 0u64;
    let mut data_rows = 0u64;
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e
                    .position()
                    .map(|p| format!(" at line {}", p.line()))
                    .unwrap_or_default();
                let why = match e.kind() {
                    csv::ErrorKind::Io(io) => format!("cannot read{at}: {io}"),
                    _ => format!("not valid CSV{at}"),
                };
                return Err(Unread::error(why));
            }
        }
        // The line where the record starts (a record may span lines): newlines up to its
        // first byte (which may itself be the newline of a CRLF or of a blank line).
        let mut start = record.position().map_or(0, |p| p.byte());
        {
            // Line ends before the record, then the run of line ends (CRLF, blank lines)
            // the record's position may still point at.
            let mut ends = newlines.borrow_mut();
            // Line ends folded into a count while a long record was read: before this
            // record, or inside it (then they count for the next one).
            if ends.folded_upto < start {
                lines_before += std::mem::take(&mut ends.folded);
            }
            while let Some(&(o, lf)) = ends.queue.front() {
                if o > start {
                    break;
                }
                if o == start {
                    start += 1;
                }
                ends.queue.pop_front();
                lines_before += u64::from(lf);
            }
        }
        let row = lines_before + 1;
        let cells: Vec<Cell> = record
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(i, t)| Cell {
                col: i as u32,
                text: t.to_string(),
            })
            .collect();
        if first && !cells.is_empty() {
            first = false;
            if looks_like_header(&cells) {
                header = Some(cells);
                header_row = row;
                continue;
            }
        }
        if !cells.is_empty() {
            data_rows += 1;
            cx.sink.row(&RowPiece {
                table,
                row,
                cells: &cells,
                header: header.as_deref(),
                lines: &[],
            });
        }
        n += 1;
        if n.is_multiple_of(CHECK_EVERY) {
            cx.budget.check_time()?;
            if cx.sink.cancelled() {
                break;
            }
        }
    }
    // A table whose only row looked like a header: that row is the data.
    if let (0, Some(only)) = (data_rows, &header) {
        cx.sink.row(&RowPiece {
            table,
            row: header_row,
            cells: only,
            header: None,
            lines: &[],
        });
    }
    Ok(())
}

/// Passes bytes through and notes the offset of every line-end byte (`\r`, `\n`: true for
/// `\n`), for line numbers. The csv reader reads ahead little, so the queue stays short.
struct NewlineTap<R> {
    inner: R,
    at: u64,
    newlines: LineEnds,
}

type LineEnds = std::rc::Rc<std::cell::RefCell<Ends>>;

/// Line ends not yet placed before a record: the recent ones one by one, older ones (a
/// record holding millions of quoted line breaks) folded into a count, so memory stays
/// bounded whatever the record.
#[derive(Default)]
struct Ends {
    queue: std::collections::VecDeque<(u64, bool)>,
    folded: u64,
    /// The offset of the last folded line end.
    folded_upto: u64,
}

const ENDS_KEPT: usize = 1 << 16;

impl<R: Read> Read for NewlineTap<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut ends = self.newlines.borrow_mut();
        for i in memchr::memchr2_iter(b'\n', b'\r', &buf[..n]) {
            if ends.queue.len() >= ENDS_KEPT {
                // The csv reader reads ahead by one buffer: ends this old are before the
                // record it is reading, so they only need counting.
                // The first few stay one by one: they end the previous record and the
                // blank lines before this one, which its start is measured against.
                let old: Vec<(u64, bool)> = ends.queue.drain(64..ENDS_KEPT / 2).collect();
                ends.folded += old.iter().filter(|e| e.1).count() as u64;
                ends.folded_upto = old.last().map_or(ends.folded_upto, |e| e.0);
            }
            ends.queue.push_back((self.at + i as u64, buf[i] == b'\n'));
        }
        self.at += n as u64;
        Ok(n)
    }
}

/// Whether the first non-empty row of a table names its columns: short cells of words,
/// none of which looks like a value (long digit runs, e-mail addresses).
pub(crate) fn looks_like_header(cells: &[Cell]) -> bool {
    let words = cells.iter().filter(|c| !c.text.trim().is_empty()).count();
    words > 0
        && cells.iter().all(|c| {
            let t = c.text.trim();
            let mut run = 0;
            let mut longest = 0;
            for ch in t.chars() {
                if ch.is_ascii_digit() || ('０'..='９').contains(&ch) {
                    run += 1;
                    longest = longest.max(run);
                } else {
                    run = 0;
                }
            }
            let digits = t
                .chars()
                .filter(|ch| ch.is_ascii_digit() || ('０'..='９').contains(ch))
                .count();
            t.chars().count() <= 40
                && longest < 5
                && digits < 6
                && !t.contains('@')
                && t.chars().any(|ch| ch.is_alphabetic())
        })
}

/// One row per JSON object; its keys (nested ones as `a.b`) are its header. `lines`
/// gives the line of each flattened key's value where the object spans lines.
fn object_row(
    cx: &mut Cx<'_>,
    table: &str,
    row: u64,
    value: &serde_json::Value,
    lines: Option<&std::collections::HashMap<String, u64>>,
) {
    let mut keys = Vec::new();
    let mut cells = Vec::new();
    flatten("", value, &mut keys, &mut cells);
    let header: Vec<Cell> = keys
        .into_iter()
        .enumerate()
        .map(|(i, k)| Cell {
            col: i as u32,
            text: k,
        })
        .collect();
    let cells: Vec<Cell> = cells
        .into_iter()
        .enumerate()
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|(i, t)| Cell {
            col: i as u32,
            text: t,
        })
        .collect();
    let cell_lines: Vec<u64> = match lines {
        Some(map) => cells
            .iter()
            .map(|c| {
                map.get(&header[c.col as usize].text)
                    .copied()
                    .unwrap_or(row)
            })
            .collect(),
        None => Vec::new(),
    };
    if !cells.is_empty() {
        cx.sink.row(&RowPiece {
            table,
            row,
            cells: &cells,
            header: Some(&header),
            lines: &cell_lines,
        });
    }
}

fn flatten(prefix: &str, v: &serde_json::Value, keys: &mut Vec<String>, cells: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) if keys.len() < 10_000 => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, keys, cells);
            }
        }
        other => {
            keys.push(prefix.to_string());
            cells.push(match other {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => String::new(),
                v => v.to_string(),
            });
        }
    }
}

fn json_lines(
    cx: &mut Cx<'_>,
    table: &str,
    reader: impl Read,
    encoding: &'static encoding_rs::Encoding,
) -> Result<(), Unread> {
    use std::io::BufRead;
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .build(reader);
    let mut lines = std::io::BufReader::new(decoded);
    let mut line = String::new();
    let mut n = 0u64;
    loop {
        line.clear();
        // A line is held whole: cap it so one endless line cannot take all memory.
        let read = (&mut lines).take(64 << 20).read_line(&mut line)?;
        if read == 0 {
            break;
        }
        n += 1;
        if !line.ends_with('\n') && read as u64 >= 64 << 20 {
            return Err(Unread::limit(format!("line {n} is longer than 64 MB")));
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(trimmed) {
            Ok(v @ serde_json::Value::Object(_)) => object_row(cx, table, n, &v, None),
            // A line that is not an object is still read, as text of its line.
            _ => cx.sink.text(&crate::TextPiece {
                text: trimmed,
                owned: 0..trimmed.len(),
                offset: 0,
                place: crate::Place::Text,
                lines: crate::Lines::Counted {
                    line: n,
                    column: Some(1),
                },
                boxes: &[],
                replaced: 0,
            }),
        }
        if n.is_multiple_of(CHECK_EVERY) {
            cx.budget.check_time()?;
        }
    }
    Ok(())
}

fn json_array(
    cx: &mut Cx<'_>,
    table: &str,
    mut reader: impl Read + Seek,
    encoding: &'static encoding_rs::Encoding,
) -> Result<(), Unread> {
    let mut bytes = Vec::new();
    (&mut reader).take(JSON_WHOLE + 1).read_to_end(&mut bytes)?;
    let (text, _, _) = encoding.decode(&bytes);
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Array(items)) if items.iter().all(|v| v.is_object()) => {
            let lines = element_lines(&text);
            for (i, v) in items.iter().enumerate() {
                // The row is the line where the object starts; each value keeps its line.
                let (row, keys) = lines.get(i).cloned().unwrap_or_default();
                object_row(cx, table, row.max(1), v, Some(&keys));
                if (i as u64).is_multiple_of(CHECK_EVERY) {
                    cx.budget.check_time()?;
                }
            }
            Ok(())
        }
        _ => {
            reader.rewind()?;
            crate::text::stream(cx, reader, encoding)
        }
    }
}

/// For each element of a top-level JSON array: the line it starts on, and the line of
/// each of its values by flattened key (`a.b`). A small scanner over valid JSON (serde
/// has already parsed it), so it only tracks strings, nesting and line ends.
fn element_lines(text: &str) -> Vec<(u64, std::collections::HashMap<String, u64>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut line = 1u64;
    let mut i = 0;
    // Skips a string starting at b[i] == '"'; returns the index after it.
    let skip_string = |mut i: usize| {
        i += 1;
        while i < b.len() && b[i] != b'"' {
            i += if b[i] == b'\\' { 2 } else { 1 };
        }
        i + 1
    };
    // The path of keys to the current position, and whether we wait for a key.
    let mut path: Vec<String> = Vec::new();
    let mut depth = 0usize; // brackets and braces
    let mut pending: Option<String> = None; // key whose value comes next
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'"' => {
                let end = skip_string(i).min(b.len());
                let after = text[end..].trim_start();
                if depth >= 2 && after.starts_with(':') {
                    let key: String = serde_json::from_str(&text[i..end]).unwrap_or_default();
                    pending = Some(key);
                } else if let Some(k) = pending.take() {
                    record(&mut out, &path, k, line);
                }
                i = end;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth == 2 && b[i] == b'{' {
                    out.push((line, std::collections::HashMap::new()));
                    path.clear();
                } else if let Some(k) = pending.take() {
                    if b[i] == b'{' {
                        path.push(k);
                    } else {
                        // An array value is one cell, on the line where it starts.
                        record(&mut out, &path, k, line);
                        path.push(String::new());
                    }
                } else if depth > 2 {
                    path.push(String::new());
                }
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth >= 2 {
                    path.pop();
                }
                i += 1;
            }
            c if !c.is_ascii_whitespace() && c != b',' && c != b':' => {
                // A number, true, false or null.
                if let Some(k) = pending.take() {
                    record(&mut out, &path, k, line);
                }
                while i < b.len() && !matches!(b[i], b',' | b'}' | b']' | b'\n') {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn record(
    out: &mut [(u64, std::collections::HashMap<String, u64>)],
    path: &[String],
    key: String,
    line: u64,
) {
    if path.iter().any(String::is_empty) {
        return; // inside an array value: counted with its array
    }
    if let Some((_, map)) = out.last_mut() {
        let mut full = path.join(".");
        if !full.is_empty() {
            full.push('.');
        }
        full.push_str(&key);
        map.entry(full).or_insert(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_values_keep_their_lines() {
        let text = "[\n  {\n    \"name\": \"王小明\",\n    \"id\": \"A123456789\",\n    \"tags\": [1, 2],\n    \"addr\": {\n      \"city\": \"臺北市\"\n    },\n    \"age\": 30\n  },\n  {\"name\": \"陳\\\"美玲\"}\n]";
        let lines = element_lines(text);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].0, 2);
        assert_eq!(lines[0].1["name"], 3);
        assert_eq!(lines[0].1["id"], 4);
        assert_eq!(lines[0].1["tags"], 5);
        assert_eq!(lines[0].1["addr.city"], 7);
        assert_eq!(lines[0].1["age"], 9);
        assert_eq!(lines[1].0, 11);
        assert_eq!(lines[1].1["name"], 11);
    }

    fn cells(v: &[&str]) -> Vec<Cell> {
        v.iter()
            .enumerate()
            .map(|(i, t)| Cell {
                col: i as u32,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn headers_are_words() {
        assert!(looks_like_header(&cells(&[
            "姓名",
            "身分證字號",
            "手機",
            "Email"
        ])));
        assert!(looks_like_header(&cells(&["id", "name", "2024年"])));
        assert!(!looks_like_header(&cells(&[
            "王小明",
            "A123456789",
            "0912345678"
        ])));
        assert!(!looks_like_header(&cells(&["a@b.com", "x"])));
        assert!(!looks_like_header(&cells(&["123", "456"])));
        assert!(!looks_like_header(&cells(&["王小明", "0912-345-678"])));
    }

    #[test]
    fn delimiters() {
        assert_eq!(
            delimiter("姓名\t電話\n王\t1\n".as_bytes(), "a.csv"),
            Some(b'\t')
        );
        assert_eq!(delimiter("a;b;c\n1;2;3\n".as_bytes(), "a.csv"), Some(b';'));
        assert_eq!(delimiter(b"a,b\n1,2\n", "a.tsv"), Some(b'\t'));
    }
}

#[cfg(test)]
mod row_numbers {
    #[test]
    fn rows_are_numbered_by_their_line() {
        let csv = "姓名,電話\n王小明,0912345678\n\n\"陳\n美玲\",0933111222\n林志明,0911222333\n";
        let c = crate::collect_bytes("a.csv", csv.as_bytes().to_vec(), &crate::Options::default());
        let rows: Vec<u64> = c.docs[0].rows.iter().map(|r| r.row).collect();
        assert_eq!(rows, vec![2, 4, 6]);
        // A record with more quoted line breaks than are kept one by one.
        let long = format!("姓名,備註\n王小明,\"{}\"\n林志明,x\n", "\n".repeat(200_000));
        let c = crate::collect_bytes("l.csv", long.into_bytes(), &crate::Options::default());
        let rows: Vec<u64> = c.docs[0].rows.iter().map(|r| r.row).collect();
        assert_eq!(rows, vec![2, 200_003]);
        let crlf = csv.replace('\n', "\r\n");
        let c = crate::collect_bytes("c.csv", crlf.into_bytes(), &crate::Options::default());
        let rows: Vec<u64> = c.docs[0].rows.iter().map(|r| r.row).collect();
        assert_eq!(rows, vec![2, 4, 6]);
        let bom = format!("\u{feff}{csv}");
        let c = crate::collect_bytes("b.csv", bom.into_bytes(), &crate::Options::default());
        let rows: Vec<u64> = c.docs[0].rows.iter().map(|r| r.row).collect();
        assert_eq!(rows, vec![2, 4, 6]);
    }
}
