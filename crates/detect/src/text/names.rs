//! Person names: after labels and honorifics, and in running Chinese text.
//!
//! Running text is scored, not matched: a candidate is a surname followed by one or two
//! Han characters; it gains from given-name character statistics (log-odds from the
//! person names of a large dictionary, see `scripts/gen_name_tables.py`) and from cues
//! around it (記者 before, 表示 or 先生 after), and loses when it runs into an ordinary
//! word (高興, 王國, 黃金) — the guard against words that start with a surname character.

use crate::fxhash::FxHashSet as HashSet;

use super::{is_han, skip_separators, Cue, Hit};
use crate::{Finding, Kind};

const SURNAMES: &str = include_str!("../../data/surnames.txt");
const GIVEN_CHARS: &str = include_str!("../../data/given_chars.txt");
const COMMON_WORDS: &str = include_str!("../../data/common_words.txt");
const TRANSLIT_CHARS: &str = include_str!("../../data/translit_chars.txt");

const HAN_BASE: u32 = 0x4E00;
const HAN_LEN: usize = 0x9FFF - 0x4E00 + 1;

/// Score a running-text candidate needs to be reported.
const THRESHOLD: f32 = 1.0;

/// The tables of the name recogniser.
pub(crate) struct NameModel {
    /// Per Han character: 0 = not a surname, 1 = surname that is also a common word, 2 = surname.
    surname: Vec<u8>,
    /// Two-character surnames (歐陽, 司馬).
    compound: HashSet<&'static str>,
    /// Per Han character: whether a two-character surname starts with it.
    compound_first: Vec<bool>,
    /// Per Han character: log-odds of appearing in a given name, scaled by 16.
    given: Vec<i8>,
    common: HashSet<&'static str>,
    /// Per Han character: log-odds of appearing in a transliterated foreign name, scaled by 16.
    translit: Vec<i8>,
}

fn han_index(c: char) -> Option<usize> {
    let i = (c as u32).checked_sub(HAN_BASE)? as usize;
    (i < HAN_LEN).then_some(i)
}

/// A per-Han-character table of `char<TAB>log-odds` lines, scaled by 16 into an i8;
/// characters not listed get `missing`.
fn char_table(data: &'static str, missing: i8) -> Vec<i8> {
    let mut table = vec![missing; HAN_LEN];
    for line in data_lines(data) {
        if let Some((c, s)) = line.split_once('\t') {
            if let (Some(i), Ok(v)) = (c.chars().next().and_then(han_index), s.parse::<f32>()) {
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
                    if let Some(i) = han_index(c) {
                        surname[i] = strength;
                    }
                }
                (Some(c), Some(_)) => {
                    if let Some(i) = han_index(c) {
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
            compound,
            compound_first,
            given,
            common,
            translit,
        }
    }

    pub(crate) fn surname_strength(&self, c: char) -> u8 {
        han_index(c).map_or(0, |i| self.surname[i])
    }

    /// Whether a compound surname (歐陽) starts with `c`.
    pub(crate) fn starts_compound_surname(&self, c: char) -> bool {
        han_index(c).is_some_and(|i| self.compound_first[i])
    }

    /// Whether `s` (two characters) is a compound surname (歐陽, 司馬).
    pub(crate) fn is_compound_surname(&self, s: &str) -> bool {
        self.compound.contains(s)
    }

    /// The log-odds of `c` appearing in a given name, if the table knows it.
    pub(crate) fn given_log_odds(&self, c: char) -> Option<f32> {
        match han_index(c).map(|i| self.given[i]) {
            Some(v) if v != i8::MIN => Some(f32::from(v) / 16.0),
            _ => None,
        }
    }

    /// The log-odds of `c` appearing in a transliterated foreign name (0 if not listed).
    pub(crate) fn translit_log_odds(&self, c: char) -> f32 {
        self.translit_score(c)
    }

    fn given_score(&self, c: char) -> f32 {
        match han_index(c).map(|i| self.given[i]) {
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
        han_index(c).map_or(0.0, |i| f32::from(self.translit[i]) / 16.0)
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

    fn is_common(&self, s: &str) -> bool {
        self.common.contains(s)
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

    /// Names in running text.
    pub fn running_text(&self, text: &str, hits: &[Hit], out: &mut Vec<Finding>) {
        // A window of characters around each surname: two before, eight from it on.
        const BEFORE: usize = 2;
        const AHEAD: usize = 8;
        let mut window = [(0usize, '\0'); BEFORE + AHEAD];
        let mut prev = [(0usize, '\0'); BEFORE];
        let mut n_prev = 0;
        let mut skip_until = 0; // candidates may not overlap a name already reported here
        let mut cursor = 0; // first hit starting at or after the current character
        for (i, c) in text.char_indices() {
            let h = han_index(c);
            let candidate =
                i >= skip_until && h.is_some_and(|h| self.surname[h] > 0 || self.compound_first[h]);
            if candidate {
                while cursor < hits.len() && hits[cursor].start < i {
                    cursor += 1;
                }
                let cues = Cues {
                    role_before: cursor.checked_sub(1).map(|p| &hits[p]).is_some_and(|h| {
                        h.end <= i
                            && i - h.end <= 3
                            && matches!(h.cue, Cue::RolePrefix | Cue::TitleSuffix | Cue::SelfIntro)
                    }),
                    ahead: &hits[cursor..],
                };
                let k = n_prev;
                window[..k].copy_from_slice(&prev[BEFORE - n_prev..]);
                let mut n = k;
                for (o, ch) in text[i..].char_indices().take(AHEAD) {
                    window[n] = (i + o, ch);
                    n += 1;
                }
                let limit = if n > k {
                    window[n - 1].0 + window[n - 1].1.len_utf8()
                } else {
                    text.len()
                };
                let chars = &window[..n];
                if let Some(end) = self.best_at(text, &cues, chars, k, limit) {
                    out.push(Finding::new(
                        Kind::PersonName,
                        i,
                        end.0,
                        end.1,
                        "name.running_text",
                    ));
                    skip_until = end.0;
                }
            }
            if n_prev == BEFORE {
                prev[0] = prev[1];
                prev[1] = (i, c);
            } else {
                prev[n_prev] = (i, c);
                n_prev += 1;
            }
        }
    }

    /// The best name starting at `chars[k]`, if it scores enough: (end byte, confidence).
    fn best_at(
        &self,
        text: &str,
        cues: &Cues,
        chars: &[(usize, char)],
        k: usize,
        limit: usize,
    ) -> Option<(usize, f32)> {
        let n = chars.len();
        let byte_at = |q: usize| if q < n { chars[q].0 } else { limit };
        let compound = k + 1 < n && self.compound.contains(&text[chars[k].0..byte_at(k + 2)]);
        let strength = self.surname_strength(chars[k].1);
        if strength == 0 && !compound {
            return None;
        }
        let s_chars = if compound { 2 } else { 1 };
        let strength = if compound { 2 } else { strength };
        let mut best: Option<(f32, usize)> = None;
        for given_len in [2usize, 1] {
            let j = k + s_chars + given_len;
            if j > n || !(k + s_chars..j).all(|q| is_han(chars[q].1)) {
                continue;
            }
            let score = self.score(text, cues, chars, limit, k, s_chars, given_len, strength);
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, j));
            }
        }
        let (score, j) = best?;
        (score >= THRESHOLD).then(|| (byte_at(j), (0.5 + score / 10.0).min(0.8)))
    }

    #[allow(clippy::too_many_arguments)]
    fn score(
        &self,
        text: &str,
        cues: &Cues,
        chars: &[(usize, char)],
        limit: usize,
        k: usize,
        s_chars: usize,
        given_len: usize,
        strength: u8,
    ) -> f32 {
        let n = chars.len();
        let byte_at = |q: usize| if q < n { chars[q].0 } else { limit };
        let g0 = k + s_chars;
        let j = g0 + given_len;
        let mut score: f32 =
            (g0..j).map(|q| self.given_score(chars[q].1)).sum::<f32>() / given_len as f32;
        if given_len == 1 {
            score -= 0.8;
        }
        if strength == 1 {
            score -= 1.5;
        }
        let end = byte_at(j);
        // Cues: a role just before, a title or a verb of saying just after.
        if cues.role_before {
            score += 2.5;
        }
        // 王學武則表示: one adverb may stand between the name and the verb.
        let gap_ok = |h: &Hit| {
            h.start == end
                || (h.start > end && h.start - end <= 3 && ADVERBS.contains(&&text[end..h.start]))
        };
        let after = cues
            .ahead
            .iter()
            .take_while(|h| h.start <= end + 3)
            .find(|h| gap_ok(h));
        if after.is_some_and(|h| matches!(h.cue, Cue::TitleSuffix | Cue::RolePrefix | Cue::Speech))
        {
            score += 1.5;
        }
        let next = chars.get(j).map(|c| c.1);
        // 王小明：好的 — a speaker at the start of a line or sentence (chats, interviews).
        let at_start = k == 0
            || matches!(
                chars[k - 1].1,
                '\n' | '。' | '！' | '？' | ' ' | '「' | '“' | '（' | '('
            );
        if at_start && matches!(next, Some('：' | ':')) {
            score += 2.0;
        }
        // 鄒平縣, 玉林市, 賀蘭山: a place, not a person.
        if next.is_some_and(is_place_suffix) || (g0..j).any(|q| is_place_suffix(chars[q].1)) {
            score -= 3.0;
        }
        // 《鹿鼎記》: inside a title.
        if k > 0 && matches!(chars[k - 1].1, '《' | '〈' | '「' | '『') && !cues.role_before {
            score -= 2.0;
        }
        // 應於, 金的: function words do not make given names.
        if (g0..j).any(|q| {
            matches!(
                chars[q].1,
                '於' | '于'
                    | '的'
                    | '了'
                    | '是'
                    | '在'
                    | '和'
                    | '與'
                    | '与'
                    | '及'
                    | '或'
                    | '之'
                    | '也'
                    | '而'
                    | '以'
                    | '為'
                    | '为'
                    | '被'
                    | '將'
                    | '将'
                    | '把'
                    | '對'
                    | '对'
                    | '等'
                    | '其'
                    | '此'
                    | '並'
                    | '并'
            )
        }) {
            score -= 3.0;
        }
        // 劉女士, 尹姓經理: a surname with a title or 姓 is not a full name.
        let title_next = cues
            .ahead
            .iter()
            .take_while(|h| h.start <= chars[g0].0)
            .any(|h| h.start == chars[g0].0 && h.cue == Cue::TitleSuffix);
        if matches!(chars[g0].1, '姓' | '氏' | '某') || title_next {
            score -= 3.0;
        }
        // 烏克蘭, 佛羅倫薩, 富勒姆: the characters around read as a transliteration.
        let foreign = |q: usize| q < n && self.translit_score(chars[q].1) >= 2.5;
        let foreign_count = (g0..j).filter(|&q| foreign(q)).count()
            + usize::from(foreign(j))
            + usize::from(k > 0 && foreign(k - 1));
        if foreign_count >= 3 {
            score -= 2.0;
        }
        if k == 0 || !is_han(chars[k - 1].1) {
            score += 0.5;
        }
        if (j == n && limit == text.len()) || (j < n && !is_han(chars[j].1)) {
            score += 0.5;
        }
        // Everything below only lowers the score: stop before the word lookups when it
        // is already too low (most surname characters in prose end here).
        if score < THRESHOLD {
            return score;
        }
        let sub = |a: usize, b: usize| &text[byte_at(a)..byte_at(b.min(n))];
        // The surname starts an ordinary word (高興, 王國).
        if s_chars == 1 && (2..=4).any(|l| k + l <= n && self.is_common(sub(k, k + l))) {
            score -= 3.0;
        }
        // The character before glues to the surname (實施, 其中).
        if k > 0
            && ((k >= 1 && self.is_common(sub(k - 1, k + 1)))
                || (k >= 2 && self.is_common(sub(k - 2, k + 1))))
        {
            score -= 2.0;
        }
        // The name would end inside a word.
        if j < n && self.is_common(sub(j - 1, j + 1)) {
            score -= 1.5;
        }
        // The given name is itself an ordinary word (表示, 認為).
        if (2..=3).any(|l| g0 + l <= n && self.is_common(sub(g0, g0 + l))) {
            score -= 1.0;
        }
        score
    }
}

/// Adverbs that may stand between a name and its verb of saying.
const ADVERBS: &[&str] = &[
    "則", "则", "也", "就", "曾", "又", "還", "还", "便", "都", "亦", "隨即", "随即", "公開",
    "公开",
];

/// Whether `c` ends place names, works and organisations rather than people.
fn is_place_suffix(c: char) -> bool {
    matches!(
        c,
        '市' | '縣'
            | '县'
            | '區'
            | '区'
            | '鎮'
            | '镇'
            | '村'
            | '鄉'
            | '乡'
            | '省'
            | '路'
            | '街'
            | '山'
            | '河'
            | '湖'
            | '港'
            | '城'
            | '島'
            | '岛'
            | '國'
            | '国'
            | '州'
            | '灣'
            | '湾'
            | '洲'
            | '江'
            | '峰'
            | '堤'
            | '寺'
            | '宮'
            | '宫'
            | '廟'
            | '庙'
            | '橋'
            | '桥'
            | '站'
            | '館'
            | '馆'
            | '園'
            | '园'
            | '記'
            | '记'
            | '隊'
            | '队'
            | '廷'
    )
}

/// The cues around a running-text candidate.
struct Cues<'h> {
    /// A role or self-introduction ends just before the surname.
    role_before: bool,
    /// The hits from the surname on.
    ahead: &'h [Hit],
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
/// read by the tagger, which knows 西門子、愛立信 from 梅西、埃託奧.
pub(crate) fn enumerations(text: &str, found: &mut Vec<Finding>) {
    const SEP: char = '、';
    let names: Vec<(usize, usize)> = found
        .iter()
        .filter(|f| f.kind() == Kind::PersonName && f.score >= 0.8)
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
