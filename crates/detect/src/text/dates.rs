//! Dates of birth: a label (出生日期, DOB, born on) followed by a date in one of the
//! forms people write: 1986-03-21, 21/03/1986, 1986年3月21日, 民國75年3月21日,
//! 75.03.21 (民國 year), 21 March 1986, March 21, 1986.

use super::{skip_separators, Hit};
use crate::validate::real_date;
use crate::{Finding, Kind};

/// A date of birth right after a label.
pub(crate) fn after_label(text: &str, hit: &Hit) -> Option<Finding> {
    let start = skip_separators(text, hit.end);
    let len = parse_date(&text[start..])?;
    Some(Finding::new(
        Kind::DateOfBirth,
        start,
        start + len,
        0.92,
        "dob.label",
    ))
}

/// A cursor over characters that reads full-width digits as digits.
struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.s[self.i..].chars().next()
    }
    fn digit(c: char) -> Option<u32> {
        match c {
            '0'..='9' => Some(c as u32 - '0' as u32),
            '０'..='９' => Some(c as u32 - '０' as u32),
            _ => None,
        }
    }
    /// Reads 1..=max digits; returns (value, count).
    fn number(&mut self, max: usize) -> Option<(u32, usize)> {
        let mut v = 0;
        let mut n = 0;
        while n < max {
            match self.peek().and_then(Cursor::digit) {
                Some(d) => {
                    v = v * 10 + d;
                    n += 1;
                    self.i += self.peek().unwrap().len_utf8();
                }
                None => break,
            }
        }
        // A longer number is not a date part.
        if n == 0 || self.peek().and_then(Cursor::digit).is_some() {
            return None;
        }
        Some((v, n))
    }
    fn eat(&mut self, options: &[&str]) -> Option<&'a str> {
        let rest = &self.s[self.i..];
        let found = options.iter().find(|o| rest.starts_with(**o))?;
        self.i += found.len();
        Some(&rest[..found.len()])
    }
    fn eat_spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.i += 1;
        }
    }
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_name(s: &str) -> Option<(u32, usize)> {
    let word_len = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    if word_len < 3 {
        return None;
    }
    let lower = s[..3].to_ascii_lowercase();
    let m = MONTHS.iter().position(|m| *m == lower)? as u32 + 1;
    let mut len = word_len;
    if s[len..].starts_with('.') {
        len += 1;
    }
    Some((m, len))
}

/// The byte length of a date at the start of `s`, if there is a plausible birth date.
pub(crate) fn parse_date(s: &str) -> Option<usize> {
    let plausible = |y: u32, m: u32, d: u32| (1880..=2100).contains(&y) && real_date(y, m, d);
    // Chinese forms: [民國|西元]Y年M月D日.
    {
        let mut c = Cursor { s, i: 0 };
        let roc = c.eat(&["民國", "民国"]).is_some();
        if !roc {
            c.eat(&["西元", "公元"]);
        }
        c.eat_spaces();
        if let Some((y, ny)) = c.number(4) {
            c.eat_spaces();
            if c.eat(&["年"]).is_some() {
                c.eat_spaces();
                let (m, _) = c.number(2)?;
                c.eat_spaces();
                c.eat(&["月"])?;
                c.eat_spaces();
                let (d, _) = c.number(2)?;
                c.eat_spaces();
                c.eat(&["日", "號", "号"]);
                let year = if roc || ny <= 3 { y + 1911 } else { y };
                return plausible(year, m, d).then_some(c.i);
            }
        }
    }
    // 19860321
    {
        let mut c8 = Cursor { s, i: 0 };
        if let Some((v, 8)) = c8.number(8) {
            return plausible(v / 10000, v / 100 % 100, v % 100).then_some(c8.i);
        }
    }
    // Numeric forms with separators.
    {
        let mut c = Cursor { s, i: 0 };
        if let Some((a, na)) = c.number(4) {
            if let Some(sep) = c.eat(&["-", "/", ".", "－", "／"]) {
                let (b, _) = c.number(2)?;
                c.eat(&[sep])?;
                let (d, nd) = c.number(4)?;
                let ok = match (na, nd) {
                    (4, 1..=2) => plausible(a, b, d),
                    // 民國 year with dots or slashes: 75.03.21, 075/03/21.
                    (2..=3, 1..=2) => plausible(a + 1911, b, d),
                    // Day first (21/03/1986) or month first (03/21/1986).
                    (1..=2, 4) => plausible(d, b, a) || plausible(d, a, b),
                    _ => false,
                };
                return ok.then_some(c.i);
            }
            // 21 March 1986
            c.eat_spaces();
            if let Some((m, len)) = month_name(&s[c.i..]) {
                c.i += len;
                c.eat_spaces();
                c.eat(&[","]);
                c.eat_spaces();
                let (y, 4) = c.number(4)? else { return None };
                return plausible(y, m, a).then_some(c.i);
            }
            return None;
        }
    }
    // March 21, 1986
    let (m, len) = month_name(s)?;
    let mut c = Cursor { s, i: len };
    c.eat_spaces();
    let (d, _) = c.number(2)?;
    c.eat(&["st", "nd", "rd", "th"]);
    c.eat(&[","]);
    c.eat_spaces();
    let (y, 4) = c.number(4)? else { return None };
    plausible(y, m, d).then_some(c.i)
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn forms_people_write() {
        for (s, want) in [
            ("1986-03-21 x", "1986-03-21"),
            ("21/03/1986", "21/03/1986"),
            ("03/21/1986", "03/21/1986"),
            ("1986年3月21日生", "1986年3月21日"),
            ("民國75年3月21日", "民國75年3月21日"),
            ("75.03.21", "75.03.21"),
            ("１９８６年３月２１日", "１９８６年３月２１日"),
            ("21 March 1986", "21 March 1986"),
            ("March 21, 1986", "March 21, 1986"),
            ("19860321", "19860321"),
        ] {
            assert_eq!(parse_date(s).map(|n| &s[..n]), Some(want), "{s}");
        }
        for s in ["1986-13-01", "2023-02-29", "12345"] {
            assert_eq!(parse_date(s).map(|n| &s[..n]), None, "{s}");
        }
    }
}
