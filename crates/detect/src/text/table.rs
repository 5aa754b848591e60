//! Delimited tables (CSV, TSV, pipe tables): a header cell such as 姓名, 地址 or 出生日期
//! names what every cell below it holds, so `E1626,王俊宇,…` under `員工編號,姓名,…`
//! is a name although nothing next to it says so.

use super::{dates, is_han, names::NameModel, Cue, Hit};
use crate::{Finding, Kind};

const DELIMITERS: [u8; 4] = [b',', b'\t', b'|', b';'];

/// Findings from the columns of every delimited table in `text`. Only lines holding a
/// label can be headers, so the rest of the text is never split into lines.
pub(crate) fn columns(text: &str, hits: &[Hit], model: &NameModel, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    let line_end =
        |from: usize| memchr::memchr(b'\n', &bytes[from..]).map_or(text.len(), |i| from + i + 1);
    let mut pos = 0; // everything before has been looked at
    let mut i = 0;
    while i < hits.len() {
        let hit = hits[i];
        if hit.start < pos || !matches!(hit.cue, Cue::NameLabel | Cue::AddressLabel | Cue::DobLabel)
        {
            i += 1;
            continue;
        }
        // A header cell holds the label and little else: most labels stand in prose
        // (申請人：王小明), where no delimiter or line end is near, and need no line split.
        if !cell_border_near(bytes, hit.start, hit.end) {
            i += 1;
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..hit.start]).map_or(0, |i| i + 1);
        let end = line_end(hit.start);
        let line_hits = &hits
            [hits.partition_point(|h| h.start < start)..hits.partition_point(|h| h.start < end)];
        pos = end;
        if let Some((delim, cells, cues)) = header_of(trim_eol(&text[start..end]), start, line_hits)
        {
            // The rows below the header, until a line of another shape.
            let mut row_start = end;
            while row_start < text.len() {
                let row_end = line_end(row_start);
                let body = trim_eol(&text[row_start..row_end]);
                if body.trim().is_empty()
                    || body.bytes().filter(|b| *b == delim).count() + 1 != cells
                {
                    break;
                }
                row(text, body, row_start, delim, &cues, model, out);
                row_start = row_end;
            }
            pos = row_start;
        }
        i = hits.partition_point(|h| h.start < pos);
    }
}

/// Whether a delimiter, a line end or the text's end lies within reach of both sides of
/// the label at `start..end` (a header cell is the label, up to nine bytes, and padding).
fn cell_border_near(bytes: &[u8], start: usize, end: usize) -> bool {
    const REACH: usize = 24;
    let border = |b: &u8| DELIMITERS.contains(b) || *b == b'\n' || *b == b'\r';
    let before = &bytes[start.saturating_sub(REACH)..start];
    let after = &bytes[end..(end + REACH).min(bytes.len())];
    (start <= REACH || before.iter().any(border))
        && (bytes.len() - end <= REACH || after.iter().any(border))
}

fn trim_eol(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

/// A header line: delimited, with at least one cell that is a name, address or DOB label.
fn header_of(body: &str, line_start: usize, hits: &[Hit]) -> Option<(u8, usize, Vec<Option<Cue>>)> {
    if hits.is_empty() {
        return None;
    }
    let delim = *DELIMITERS
        .iter()
        .max_by_key(|d| body.bytes().filter(|b| b == *d).count())?;
    if !body.as_bytes().contains(&delim) {
        return None;
    }
    let mut cues = Vec::new();
    let mut any = false;
    let mut cell_start = line_start;
    for cell in body.split(delim as char) {
        let cell_end = cell_start + cell.len();
        let trimmed = cell.trim().trim_matches('"');
        let cue = hits
            .iter()
            .find(|h| {
                h.start >= cell_start && h.end <= cell_end && trimmed.len() <= h.end - h.start + 9
            })
            .map(|h| h.cue)
            .filter(|c| matches!(c, Cue::NameLabel | Cue::AddressLabel | Cue::DobLabel));
        any |= cue.is_some();
        cues.push(cue);
        cell_start = cell_end + 1;
    }
    any.then_some((delim, cues.len(), cues))
}

fn row(
    text: &str,
    body: &str,
    line_start: usize,
    delim: u8,
    cues: &[Option<Cue>],
    model: &NameModel,
    out: &mut Vec<Finding>,
) {
    let mut cell_start = line_start;
    for (cell, cue) in body.split(delim as char).zip(cues) {
        let cell_end = cell_start + cell.len();
        let lead = cell.len() - cell.trim_start().len();
        let value = cell.trim().trim_matches('"');
        let start = cell_start + lead + usize::from(cell.trim_start().starts_with('"'));
        let end = start + value.len();
        debug_assert_eq!(&text[start..end], value);
        match cue {
            Some(Cue::NameLabel) if plausible_name(value, model) => {
                out.push(Finding::new(
                    Kind::PersonName,
                    start,
                    end,
                    0.88,
                    "name.table_column",
                ));
            }
            Some(Cue::AddressLabel) if value.chars().count() >= 4 => {
                out.push(Finding::new(
                    Kind::Address,
                    start,
                    end,
                    0.85,
                    "address.table_column",
                ));
            }
            Some(Cue::DobLabel) => {
                if let Some(len) = dates::parse_date(value) {
                    out.push(Finding::new(
                        Kind::DateOfBirth,
                        start,
                        start + len,
                        0.9,
                        "dob.table_column",
                    ));
                }
            }
            _ => {}
        }
        cell_start = cell_end + 1;
    }
}

fn plausible_name(value: &str, model: &NameModel) -> bool {
    let n = value.chars().count();
    if value.chars().all(is_han) {
        return (2..=4).contains(&n) || (n <= 8 && model.after_cue(value, 0, "").is_some());
    }
    let words = value.split(' ').count();
    value
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.' | '·'))
        && (1..=5).contains(&words)
        && value.chars().next().is_some_and(char::is_uppercase)
}
