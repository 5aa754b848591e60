//! Delimited tables (CSV, TSV, pipe tables): a header cell such as 姓名, 地址 or 出生日期
//! names what every cell below it holds, so `E1626,王俊宇,…` under `員工編號,姓名,…`
//! is a name although nothing next to it says so.

use super::{dates, is_han, names::NameModel, Cue, Hit};
use crate::{Finding, Kind};

const DELIMITERS: [u8; 4] = [b',', b'\t', b'|', b';'];

/// Findings from the columns of every delimited table in `text`.
pub(crate) fn columns(text: &str, hits: &[Hit], model: &NameModel, out: &mut Vec<Finding>) {
    let mut header: Option<(u8, usize, Vec<Option<Cue>>)> = None; // delimiter, cells, column cues
    let mut hit_index = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        while hit_index < hits.len() && hits[hit_index].start < line_start {
            hit_index += 1;
        }
        let first_hit = hit_index;
        while hit_index < hits.len() && hits[hit_index].start < line_end {
            hit_index += 1;
        }
        let line_hits = &hits[first_hit..hit_index];
        if let Some(h) = header_of(body, line_start, line_hits) {
            header = Some(h);
        } else if let Some((delim, cells, cues)) = &header {
            if body.trim().is_empty() || body.bytes().filter(|b| b == delim).count() + 1 != *cells {
                header = None;
            } else {
                row(text, body, line_start, *delim, cues, model, out);
            }
        }
        line_start = line_end;
    }
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
