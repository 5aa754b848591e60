//! Person names by rule: after labels, honorifics, self-introductions and closings, in
//! table columns, transliterated names after a role (主教練佐拉), and the members of a list
//! one of whose members is a sure name. Names in running text without such a cue are read
//! by the tagger ([`super::tagger`]), which uses the tables kept here: surnames, given-name
//! and transliteration character log-odds (from jieba's dictionary, see
//! `scripts/gen_name_tables.py`) and the ordinary words that start with a surname character.

use std::sync::Arc;

use crate::fxhash::FxHashSet as HashSet;

use super::{is_han, skip_separators, Cue, Hit};
use crate::{Finding, Kind};

const SURNAMES: &str = include_str!("../../data/surnames.txt");
const GIVEN_CHARS: &str = include_str!("../../data/given_chars.txt");
const COMMON_WORDS: &str = include_str!("../../data/common_words.txt");
const TRANSLIT_CHARS: &str = include_str!("../../data/translit_chars.txt");

/// The Han range the per-character tables cover (Extension A and the URO).
pub(super) const HAN_BASE: u32 = 0x3400;
pub(super) const HAN_LEN: usize = (0xA000 - 0x3400) as usize;

/// The tables of the name recogniser.
pub(crate) struct NameModel {
    /// Per Han character: 0 = not a surname, 1 = surname that is also a common word, 2 = surname.
    surname: Vec<u8>,
    /// Two-character surnames (歐陽, 司馬).
    compound: Arc<HashSet<&'static str>>,
    /// Per Han character: whether a two-character surname starts with it.
    compound_first: Vec<bool>,
    /// Per Han character: log-odds of appearing in a given name, scaled by 16.
    given: Vec<i8>,
    /// Ordinary words that hold a surname character (高興, 黃金); shared with the tagger.
    common: Arc<HashSet<&'static str>>,
    /// Per Han character: log-odds of appearing in a transliterated foreign name, scaled by 16.
    translit: Vec<i8>,
}

/// The slot of `c` in the per-character tables, if it is in their range.
pub(super) fn han_slot(c: char) -> Option<usize> {
    let i = (c as u32).checked_sub(HAN_BASE)? as usize;
    (i < HAN_LEN).then_some(i)
}

/// A per-Han-character table of `char<TAB>log-odds` lines, scaled by 16 into an i8;
/// characters not listed get `missing`.
fn char_table(data: &'static str, missing: i8) -> Vec<i8> {
    let mut table = vec![missing; HAN_LEN];
    for line in data_lines(data) {
        if let Some((c, s)) = line.split_once('\t') {
            if let (Some(i), Ok(v)) = (c.chars().next().and_then(han_slot), s.parse::<f32>()) {
                table[i] = (v * 16.0).clamp(-127.0, 127.0) as i8;
            }
        }
    }
    table
}

fn data_lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines().filter(|l| !l.starts_with('#') && !l.is_empty())
}

impl NameModel {
    pub fn new() -> NameModel {
        let mut surname = vec![0u8; HAN_LEN];
        let mut compound = HashSet::default();
        let mut compound_first = vec![false; HAN_LEN];
        for line in data_lines(SURNAMES) {
            let (name, strength) = line.split_once('\t').unwrap_or((line, "2"));
            let strength: u8 = strength.parse().unwrap_or(2);
            let mut chars = name.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => {
                    if let Some(i) = han_slot(c) {
                        surname[i] = strength;
                    }
                }
                (Some(c), Some(_)) => {
                    if let Some(i) = han_slot(c) {
                        compound_first[i] = true;
                    }
                    compound.insert(name);
                }
                _ => {}
            }
        }
        let given = char_table(GIVEN_CHARS, i8::MIN);
        let translit = char_table(TRANSLIT_CHARS, 0);
        let common = data_lines(COMMON_WORDS).collect();
        NameModel {
            surname,
            compound: Arc::new(compound),
            compound_first,
            given,
            common: Arc::new(common),
            translit,
        }
    }

    pub(crate) fn surname_strength(&self, c: char) -> u8 {
        han_slot(c).map_or(0, |i| self.surname[i])
    }

    /// The compound surnames (歐陽, 司馬), both scripts.
    pub(crate) fn compound_surnames(&self) -> Arc<HashSet<&'static str>> {
        Arc::clone(&self.compound)
    }

    /// Whether a compound surname (歐陽) starts with `c`.
    pub(crate) fn starts_compound_surname(&self, c: char) -> bool {
        han_slot(c).is_some_and(|i| self.compound_first[i])
    }

    /// The log-odds of `c` appearing in a given name, if the table knows it.
    pub(crate) fn given_log_odds(&self, c: char) -> Option<f32> {
        match han_slot(c).map(|i| self.given[i]) {
            Some(v) if v != i8::MIN => Some(f32::from(v) / 16.0),
            _ => None,
        }
    }

    /// The log-odds of `c` appearing in a transliterated foreign name (0 if not listed).
    pub(crate) fn translit_log_odds(&self, c: char) -> f32 {
        self.translit_score(c)
    }

    fn given_score(&self, c: char) -> f32 {
        match han_slot(c).map(|i| self.given[i]) {
            Some(v) if v != i8::MIN => f32::from(v) / 16.0,
            _ => -3.0,
        }
    }

    /// The length in bytes of the surname at the start of `s` (compound first).
    fn surname_at(&self, s: &str) -> Option<(usize, u8)> {
        let mut chars = s.chars();
        let c1 = chars.next()?;
        if let Some(c2) = chars.next() {
            let two = c1.len_utf8() + c2.len_utf8();
            if self.compound.contains(&s[..two]) {
                return Some((two, 2));
            }
        }
        match self.surname_strength(c1) {
            0 => None,
            s => Some((c1.len_utf8(), s)),
        }
    }

    fn translit_score(&self, c: char) -> f32 {
        han_slot(c).map_or(0.0, |i| f32::from(self.translit[i]) / 16.0)
    }

    /// A transliterated foreign name starting at `at` (德羅巴, 安切洛蒂, 威爾·史密斯):
    /// its end, if the characters are typical of such names.
    pub fn foreign_at(&self, text: &str, at: usize) -> Option<usize> {
        let (mut end, mut n, mut sum, mut dots) = (at, 0usize, 0.0f32, 0);
        let mut chars = text[at..].char_indices().peekable();
        while let Some((o, c)) = chars.next() {
            let s = self.translit_score(c);
            if s > 0.0 {
                n += 1;
                sum += s;
                end = at + o + c.len_utf8();
            } else if matches!(c, '·' | '•' | '‧')
                && n > 0
                && chars
                    .peek()
                    .is_some_and(|(_, d)| self.translit_score(*d) > 0.0)
            {
                dots += 1;
            } else {
                break;
            }
            if n >= 10 {
                break;
            }
        }
        let average = if n > 0 { sum / n as f32 } else { 0.0 };
        let enough = n >= 3 || (n == 2 && (average >= 3.5 || dots > 0));
        (enough && average >= 2.8).then_some(end)
    }

    /// A transliterated name ending right before `end` (…，德羅巴說).
    pub fn foreign_before(&self, text: &str, end: usize) -> Option<usize> {
        let mut start = end;
        for (i, c) in text[..end].char_indices().rev() {
            if self.translit_score(c) > 0.0 || matches!(c, '·' | '•' | '‧') {
                start = i;
            } else {
                if is_han(c) {
                    return None; // glued to an ordinary word: not clearly a name
                }
                break;
            }
        }
        (start < end && self.foreign_at(text, start) == Some(end)).then_some(start)
    }

    /// A name written with a middle dot between transliterated parts (威爾·史密斯),
    /// given the position of the dot.
    pub fn dotted_at(&self, text: &str, dot: usize) -> Option<Finding> {
        let mut start = dot;
        for (i, c) in text[..dot].char_indices().rev().take(6) {
            if self.translit_score(c) > 0.0 {
                start = i;
            } else {
                break;
            }
        }
        let after = text[dot..].chars().nth(1)?;
        if start == dot || self.translit_score(after) <= 0.0 {
            return None;
        }
        let end = self.foreign_at(text, start).filter(|&e| e > dot)?;
        Some(Finding::new(
            Kind::PersonName,
            start,
            end,
            0.8,
            "name.transliterated",
        ))
    }

    pub(crate) fn is_common(&self, s: &str) -> bool {
        self.common.contains(s)
    }

    /// The ordinary words that hold a surname character (高興, 黃金), both scripts.
    pub(crate) fn common_words(&self) -> Arc<HashSet<&'static str>> {
        Arc::clone(&self.common)
    }

    /// A Chinese name right after a cue such as 我是: surname plus one or two characters.
    pub fn after_cue(&self, text: &str, at: usize, rule: &'static str) -> Option<Finding> {
        let (s_len, _) = self.surname_at(&text[at..])?;
        let given: Vec<char> = text[at + s_len..]
            .chars()
            .take(2)
            .take_while(|&c| is_han(c))
            .collect();
        if given.is_empty() {
            return None;
        }
        // Prefer two given characters unless the second plainly starts a new word.
        let one = at + s_len + given[0].len_utf8();
        let end = if given.len() == 2
            && self.given_score(given[1]) > -1.0
            && !self.starts_word(text, one)
        {
            one + given[1].len_utf8()
        } else {
            one
        };
        // 對於他本人來講: the "name" is an ordinary word that starts with a surname.
        if self.is_common(&text[at..end]) {
            return None;
        }
        Some(Finding::new(Kind::PersonName, at, end, 0.85, rule))
    }

    fn starts_word(&self, text: &str, at: usize) -> bool {
        let rest = &text[at..];
        let mut ends = rest
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .take(2)
            .collect::<Vec<_>>();
        ends.push(
            rest.len()
                .min(rest.char_indices().nth(3).map_or(rest.len(), |(i, _)| i)),
        );
        ends.iter().any(|&e| {
            e > 0 && e <= rest.len() && rest.is_char_boundary(e) && self.is_common(&rest[..e])
        })
    }
}

/// A name after a label: Chinese (2–4 Han characters, or a transliterated name with ·)
/// or Latin letters (HO Siu Ming, Chan Tai-man, Nicholas Logan).
pub(crate) fn after_label(
    text: &str,
    hit: &Hit,
    next_hit: Option<usize>,
    model: &NameModel,
) -> Option<Finding> {
    let start = skip_separators(text, hit.end);
    let had_separator = text[hit.end..start].contains([':', '：']);
    if next_hit == Some(start) {
        return None; // the value is another label (Name 姓名: …)
    }
    let rest = &text[start..];
    let first = rest.chars().next()?;
    if is_han(first) {
        let len: usize = rest
            .chars()
            .take_while(|&c| is_han(c) || c == '·' || c == '•')
            .take(8)
            .map(char::len_utf8)
            .sum();
        let value = &rest[..len];
        let count = value.chars().count();
        let surname = model.surname_at(value);
        if count < 2 || (!had_separator && surname.is_none_or(|(_, s)| s < 2)) {
            return None;
        }
        // Without a colon the label may be a word in a sentence (當事人權利之行使): the
        // name must then stand alone, or be followed by a title (申請人王小明先生).
        if !had_separator
            && count > 4
            && !value.char_indices().skip(2).take(2).any(|(i, _)| {
                super::lexicon::TITLE_SUFFIXES
                    .iter()
                    .any(|t| value[i..].starts_with(t))
            })
        {
            return None;
        }
        // A long run without a separator after it is prose, not a field value; keep the likely name.
        let take = if count <= 4 {
            len
        } else {
            value.char_indices().nth(3).map_or(len, |(i, _)| i)
        };
        // Without a colon, a role word may title a document (會員申請表, 學生申請書): an
        // ordinary word where the name would start is not a name.
        if !had_separator {
            let two = value.char_indices().nth(2).map_or(len, |(i, _)| i);
            if model.is_common(&value[..two]) {
                return None;
            }
        }
        let score = if surname.is_some() { 0.92 } else { 0.75 };
        return Some(Finding::new(
            Kind::PersonName,
            start,
            start + take,
            score,
            "name.label",
        ));
    }
    // English labels are ordinary words too (Customer Service): a colon must follow them.
    if !had_separator {
        return None;
    }
    let end = latin_name_end(rest, 4)?;
    Some(Finding::new(
        Kind::PersonName,
        start,
        start + end,
        0.9,
        "name.label",
    ))
}

/// The byte length of a run of up to `max_words` capitalised Latin words at the start of `s`.
fn latin_name_end(s: &str, max_words: usize) -> Option<usize> {
    let mut end = 0;
    let mut words = 0;
    let mut i = 0;
    let b = s.as_bytes();
    while words < max_words && i < b.len() && b[i].is_ascii_uppercase() {
        let mut j = i + 1;
        while j < b.len() && (b[j].is_ascii_alphabetic() || matches!(b[j], b'\'' | b'-')) {
            j += 1;
        }
        if j < b.len() && b[j] == b'.' && j - i <= 2 {
            j += 1; // an initial: J. Smith
        }
        end = j;
        words += 1;
        if j + 1 < b.len() && b[j] == b' ' && b[j + 1].is_ascii_uppercase() {
            i = j + 1;
        } else {
            break;
        }
    }
    (words > 0 && end >= 2).then_some(end)
}

/// A signature around a closing: `Regards,\nJohn Smith` (after) or `王小明 敬上` (before).
pub(crate) fn around_sign_off(text: &str, hit: &Hit, model: &NameModel) -> Option<Finding> {
    let closing = &text[hit.start..hit.end];
    if closing.is_ascii() {
        let after = &text[hit.end..];
        let gap = after.len() - after.trim_start_matches([',', ' ', '\r', '\n', '!']).len();
        if gap == 0 {
            return None;
        }
        let start = hit.end + gap;
        let end = latin_name_end(&text[start..], 3)?;
        let first_word = text[start..start + end].split(' ').next().unwrap_or("");
        if NOT_NAMES.contains(&first_word) {
            return None;
        }
        return Some(Finding::new(
            Kind::PersonName,
            start,
            start + end,
            0.8,
            "name.signature",
        ));
    }
    let before = text[..hit.start].trim_end_matches([' ', '\u{3000}']);
    let han: Vec<(usize, char)> = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c))
        .take(4)
        .collect();
    // Prefer a three-character name, then two, then four.
    for len in [3usize, 2, 4] {
        if let Some(&(start, _)) = han.get(len - 1) {
            if model
                .surname_at(&before[start..])
                .is_some_and(|(_, s)| s == 2)
            {
                return Some(Finding::new(
                    Kind::PersonName,
                    start,
                    before.len(),
                    0.8,
                    "name.signature",
                ));
            }
        }
    }
    None
}

/// Salutation words that are not names.
const NOT_NAMES: &[&str] = &[
    "Sir",
    "Madam",
    "Customer",
    "Customers",
    "Valued",
    "All",
    "Team",
    "Colleagues",
    "Friends",
    "Member",
    "Members",
    "User",
    "Users",
    "Client",
    "Clients",
    "Applicant",
    "Parents",
    "Students",
    "Everyone",
    "There",
    "The",
    "Our",
    "Your",
    "This",
    "Hiring",
    "Manager",
    "Editor",
    "Reader",
    "Readers",
];

/// A name after Mr./Ms./Dr. or Dear. The honorific is part of the span; Dear is not.
pub(crate) fn after_honorific(text: &str, hit: &Hit) -> Option<Finding> {
    let after = &text[hit.end..];
    let gap = after.len() - after.trim_start_matches([' ', '.']).len();
    if gap == 0 && hit.cue == Cue::Dear {
        return None;
    }
    let start = hit.end + gap;
    let rest = &text[start..];
    // Dear Mrs. Maria Harris: the honorific after Dear starts the name.
    if hit.cue == Cue::Dear {
        for h in super::lexicon::HONORIFICS {
            if rest.starts_with(h) && rest[h.len()..].starts_with([' ', '.']) {
                let inner = Hit {
                    start,
                    end: start + h.len(),
                    cue: Cue::Honorific,
                };
                return after_honorific(text, &inner);
            }
        }
    }
    let end = latin_name_end(rest, 3)?;
    let first_word = rest[..end].split(' ').next().unwrap_or("");
    if NOT_NAMES.contains(&first_word) {
        return None;
    }
    let span_start = if hit.cue == Cue::Honorific {
        hit.start
    } else {
        start
    };
    let score = if hit.cue == Cue::Honorific { 0.9 } else { 0.85 };
    Some(Finding::new(
        Kind::PersonName,
        span_start,
        start + end,
        score,
        "name.honorific",
    ))
}

/// Characters that end a list element rather than belong to a name in it.
fn ends_element(c: char) -> bool {
    matches!(
        c,
        '的' | '等'
            | '和'
            | '與'
            | '与'
            | '及'
            | '都'
            | '是'
            | '在'
            | '為'
            | '为'
            | '被'
            | '也'
            | '又'
            | '各'
            | '兩'
            | '两'
            | '三'
    )
}

/// The other members of a list (陳大文、歐陽美玲、林小華) one of whose members is a name
/// a rule is sure of (a label, an honorific, a table column). Lists in running text are
/// read by the tagger, which knows 西門子、愛立信 from 姚明、易建聯.
pub(crate) fn enumerations(text: &str, found: &mut Vec<Finding>) {
    const SEP: char = '、';
    let names: Vec<(usize, usize)> = found
        .iter()
        .filter(|f| f.kind() == Kind::PersonName && f.score >= 0.8 && f.rule != "name.tagger")
        .map(|f| (f.start(), f.end()))
        .collect();
    for (start, end) in names {
        let mut pos = end;
        while text[pos..].starts_with(SEP) {
            let from = pos + SEP.len_utf8();
            let len: usize = text[from..]
                .chars()
                .take_while(|&c| is_han(c) && !ends_element(c))
                .take(4)
                .map(char::len_utf8)
                .sum();
            if text[from..from + len].chars().count() < 2 {
                break;
            }
            found.push(Finding::new(
                Kind::PersonName,
                from,
                from + len,
                0.6,
                "name.enumeration",
            ));
            pos = from + len;
        }
        let mut pos = start;
        while text[..pos].ends_with(SEP) {
            let to = pos - SEP.len_utf8();
            let len: usize = text[..to]
                .chars()
                .rev()
                .take_while(|&c| is_han(c) && !ends_element(c))
                .take(4)
                .map(char::len_utf8)
                .sum();
            if text[to - len..to].chars().count() < 2 {
                break;
            }
            found.push(Finding::new(
                Kind::PersonName,
                to - len,
                to,
                0.6,
                "name.enumeration",
            ));
            pos = to - len;
        }
    }
}

/// A Latin-letter name glued after a Chinese role (隊長ArtStyle, 設計師KenRolston):
/// one word of 3 to 16 letters, ended by a non-letter.
pub(crate) fn latin_word_end(text: &str, at: usize) -> Option<usize> {
    let b = &text.as_bytes()[at..];
    let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let glued_digit = b.get(n).is_some_and(u8::is_ascii_digit);
    ((3..=16).contains(&n) && !glued_digit && b[0].is_ascii_alphabetic()).then_some(at + n)
}
