//! Postal addresses: after a label (地址, 寄到, Address), or in running text around a
//! house number (…路63號4樓, 香港…道西71號19樓H室) or an English street line
//! (Flat A, 12/F, 8 Tsing Lung Road).

use std::sync::OnceLock;

use regex_automata::meta::Regex;

use super::{is_han, skip_separators, Cue, Hit};
use crate::context::{ceil_char, floor_char};
use crate::{Finding, Kind};

/// Characters that mark a Chinese address: administrative divisions, roads, numbers, floors.
const MARKERS: &[char] = &[
    '路', '街', '道', '巷', '弄', '段', '號', '号', '樓', '楼', '室', '村', '里', '鄰', '邻', '區',
    '区', '市', '縣', '县', '鄉', '乡', '鎮', '镇', '省', '座', '廈', '厦', '邨', '苑', '屋',
];

const EN_MARKERS: &[&str] = &[
    "Road",
    "Street",
    "Avenue",
    "Lane",
    "Drive",
    "Flat",
    "Room",
    "Floor",
    "Block",
    "Building",
    "Tower",
    "Rd",
    "St",
    "/F",
    "Estate",
    "Court",
    "Kowloon",
    "Hong Kong",
    "New Territories",
    "District",
    "Village",
];

fn looks_like_address(value: &str) -> bool {
    value.contains(MARKERS) || EN_MARKERS.iter().any(|m| value.contains(m))
}

/// An address after a label: the rest of the field, to the end of the line or the
/// next field.
pub(crate) fn after_label(text: &str, hit: &Hit, next_hit: Option<usize>) -> Option<Finding> {
    let start = skip_separators(text, hit.end);
    if next_hit == Some(start) {
        return None;
    }
    let rest = &text[start..];
    let latin = rest
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic());
    let limit = next_hit
        .map_or(rest.len(), |n| n.saturating_sub(start))
        .min(300);
    let mut end = 0;
    let mut prev = '\0';
    for (i, c) in rest.char_indices() {
        if i >= limit {
            break;
        }
        let stop = match c {
            '\n' | '\r' | '\t' | '。' | '；' | ';' | '|' | '，' | '、' => true,
            ',' => !latin,
            ' ' => prev == ' ',
            _ => false,
        };
        if stop {
            break;
        }
        prev = c;
        end = i + c.len_utf8();
    }
    let value = rest[..end].trim_end_matches([' ', ',', '.']);
    // An address has a number (號, 樓, postcode, Flat 3); 地址及電話號碼 is a phrase about one.
    let has_number = value.chars().any(|c| is_numeral(c) || c.is_ascii_digit());
    if value.chars().count() < 4
        || !looks_like_address(value)
        || !has_number
        || value.contains("號碼")
        || value.contains("号码")
    {
        return None;
    }
    Some(Finding::new(
        Kind::Address,
        start,
        start + value.len(),
        0.9,
        "address.label",
    ))
}

/// Words that end the stretch to the left of an unlabelled address.
const LEFT_STOPS: &[&str] = &[
    "寄到", "送到", "寄至", "送至", "住在", "位於", "位于", "地址", "搬到", "前往", "來到", "来到",
    "在", "於", "于", "到", "至", "往", "從", "从", "是", "的", "和", "與", "与", "及",
];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_numeral(c: char) -> bool {
    is_digit(c) || "一二三四五六七八九十百零〇".contains(c)
}

/// Bytes of the numerals at the start of `chars`.
fn numeral_len(chars: impl Iterator<Item = char>) -> usize {
    chars
        .take_while(|&c| is_numeral(c))
        .map(char::len_utf8)
        .sum()
}

/// Addresses in running text, found from their house numbers (號/号).
pub(crate) fn unlabelled(text: &str, hits: &[Hit], out: &mut Vec<Finding>) {
    for hit in hits.iter().filter(|h| h.cue == Cue::HouseNumber) {
        let (pos, marker) = (hit.start, &text[hit.start..hit.end]);
        let before = &text[..pos];
        // The house number: digits right before 號.
        let num_len = numeral_len(before.chars().rev());
        if num_len == 0 {
            continue;
        }
        // Walk left over the road, district and city, and an optional postcode.
        let mut start = pos - num_len;
        let mut han = 0;
        let mut in_postcode = false;
        for (i, c) in before[..start].char_indices().rev() {
            let through = &before[..i + c.len_utf8()];
            let take = if in_postcode {
                is_digit(c)
            } else if c == ' ' {
                // 24717 楊梅…: a postcode before a space.
                let digit_before = before[..i].chars().next_back().is_some_and(is_digit);
                in_postcode = digit_before && han > 0;
                in_postcode
            } else {
                (is_han(c) || is_numeral(c) || c == '-')
                    && han < 24
                    && !LEFT_STOPS.iter().any(|w| through.ends_with(w))
            };
            if !take {
                break;
            }
            han += is_han(c) as usize;
            start = i;
        }
        let start = start + text[start..].len() - text[start..].trim_start().len();
        // Walk right over 之N, N樓, N室, N-N.
        let mut end = pos + marker.len();
        loop {
            let rest = &text[end..];
            let digits: usize = rest
                .chars()
                .take_while(|&c| is_numeral(c) || c == '-')
                .map(char::len_utf8)
                .sum();
            let after = &rest[digits..];
            let unit = ["樓", "楼", "F", "室", "層", "层"]
                .iter()
                .find(|u| after.starts_with(**u));
            if rest.starts_with('之') {
                let n = numeral_len(rest['之'.len_utf8()..].chars());
                if n == 0 {
                    break;
                }
                end += '之'.len_utf8() + n;
            } else if digits > 0 && unit.is_some() {
                end += digits + unit.unwrap().len();
            } else if let Some(c) = rest.chars().next().filter(|c| c.is_ascii_uppercase()) {
                if rest[1..].starts_with('室') {
                    end += c.len_utf8() + '室'.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let value = &text[start..end];
        let road = value.contains(['路', '街', '道', '巷', '弄', '段', '村', '里']);
        if han >= 3 && road {
            out.push(Finding::new(
                Kind::Address,
                start,
                end,
                0.75,
                "address.house_number",
            ));
        }
    }
    english(text, hits, out);
}

fn english_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let unit = r"(?:(?:Flat|Room|Rm|Unit|Suite|Apt|Shop)\.? ?[0-9A-Z]{1,5}, ?)?";
        let floor = r"(?:(?:[0-9]{1,3}/F|[0-9]{1,3}(?:st|nd|rd|th) Floor|G/F), ?)?";
        let block = r"(?:(?:Block|Blk|Tower) [0-9A-Z]{1,3}, ?)?";
        let estate = r"(?:(?:[A-Z][A-Za-z'\-]+ ){1,4}(?:Building|Mansion|Court|Garden|Gardens|Estate|Centre|Center|Plaza|House|Tower)s?, ?)?";
        let street = r"[0-9]{1,5}[A-Z]?(?:-[0-9]{1,5})?,? (?:[A-Z][A-Za-z'\-]+ ){1,4}(?:Road|Street|Avenue|Lane|Drive|Boulevard|Terrace|Path|Way|Rd|St|Ave)\.?";
        let district = r"(?:, ?(?:[A-Z][A-Za-z]+ ?){1,3}(?:, ?(?:Hong Kong|Kowloon|New Territories|NT|HK|Macau|Taiwan|China))?)?";
        crate::ascii_regex("English address", &format!("{unit}{floor}{block}{estate}{street}{district}"))
    })
}

/// English street addresses (8 Tsing Lung Road, Flat A, 12/F, …), looked for only
/// around street words so the regex never reads the whole text.
fn english(text: &str, hits: &[Hit], out: &mut Vec<Finding>) {
    let mut done = 0; // windows overlap; never report a match twice
    for hit in hits.iter().filter(|h| h.cue == Cue::Street) {
        let from = floor_char(text, hit.start.saturating_sub(160).max(done));
        let to = ceil_char(text, (hit.end + 80).min(text.len()));
        if from >= to {
            continue;
        }
        for m in english_regex().find_iter(&text.as_bytes()[from..to]) {
            let (s, e) = (from + m.start(), from + m.end());
            let glued = s > 0 && text.as_bytes()[s - 1].is_ascii_alphanumeric();
            if !glued && e > done && text.is_char_boundary(s) && text.is_char_boundary(e) {
                out.push(Finding::new(
                    Kind::Address,
                    s,
                    e,
                    0.75,
                    "address.english_street",
                ));
                done = e;
            }
        }
    }
}
