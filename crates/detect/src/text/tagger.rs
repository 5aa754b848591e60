//! The name tagger: a linear-chain model that reads names in running text.
//!
//! Names in news and chat (姚明、易建联, 王建国基本上…, 記者林小明) carry no label, so they
//! are read from the characters and their neighbours. The text is cut into tokens (a Han
//! character, a Latin word, a digit run, a punctuation mark); each token gets one of the
//! tags O, B, M, E, S (outside, begin, middle, end, single-token name) by Viterbi decoding
//! over feature weights: the characters around it, their pairs, their kind, what the
//! surname, given-name and transliteration tables say of them, and the cues of the lexicon
//! (記者 before, 表示 after).
//!
//! Features are hashed into a fixed table, so the model is one array of small integers
//! (`data/name_tagger.bin`), learned offline by the averaged perceptron of
//! [`training::train`] (`scripts/train_names.sh`) from news corpora. Traditional characters
//! are folded to Simplified before they are looked at, so one model reads both scripts.
//!
//! Decoding every character would cost five times the rest of the engine, so a *gate* comes
//! first: a logistic score of four neighbouring characters, one table load per character,
//! says where a name may start; only small windows around those places are decoded.

use std::ops::Range;
use std::sync::Arc;

use super::names::{han_slot, NameModel, HAN_BASE, HAN_LEN};
use super::{is_han, Cue, Hit};

/// Number of tags: O, B, M, E, S.
const TAGS: usize = 5;
const O: usize = 0;
const B: usize = 1;
const M: usize = 2;
const E: usize = 3;
const S: usize = 4;

/// Whether tag `b` may follow tag `a` (a name is B M* E or S).
const fn allowed(a: usize, b: usize) -> bool {
    match a {
        B | M => b == M || b == E,
        _ => b == O || b == B || b == S,
    }
}

const MODEL: &[u8] = include_bytes!("../../data/name_tagger.bin");
const T2S: &str = include_str!("../../data/t2s.txt");
const NOT_NAMES: &str = include_str!("../../data/not_names.txt");
const MAGIC: &[u8; 4] = b"GZNT";
const VERSION: u8 = 2;

/// Feature templates per token. Changing one changes the meaning of every weight:
/// retrain the model (`scripts/train_names.sh`) after any edit here.
const FEATURES: usize = 24;

/// The kind of a token, as the model sees it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
enum Class {
    /// Before the first or after the last token.
    Edge = 0,
    Han,
    /// A Latin word with a capital first letter only (Grubby).
    Capitalised,
    /// A Latin word in capitals (LYN).
    Capitals,
    /// A Latin word in small letters (seth).
    Small,
    /// A Latin word with capitals inside (ReMinD).
    Mixed,
    /// Letters and digits (sc2, bet365, F-15): a code or a product, not a name.
    Code,
    Digits,
    Space,
    /// The middle dot between the parts of a transliterated name (喬·懷特).
    Dot,
    /// A punctuation mark or symbol.
    Mark,
}

impl Class {
    fn is_latin(self) -> bool {
        matches!(
            self,
            Class::Capitalised | Class::Capitals | Class::Small | Class::Mixed
        )
    }
}

/// One token: its byte range, the folded character (or a hash of the folded word), its
/// class and what the name tables and the cues say of it.
#[derive(Clone, Copy, Debug)]
struct Token {
    start: u32,
    end: u32,
    key: u32,
    class: Class,
    lex: Lexical,
}

/// Keys of tokens that are not one character.
const KEY_DIGITS: u32 = 0x11_0000;
const KEY_SPACE: u32 = 0x11_0001;
const KEY_EDGE: u32 = 0x11_0002;
const KEY_LOST: u32 = 0x11_0003;
/// Latin words are hashed into keys with this bit set (code points are below it).
const KEY_WORD: u32 = 0x8000_0000;

/// What the surname, given-name and transliteration tables and the cues say of a token.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
struct Lexical {
    /// 0 none, 1 surname that is also a common word, 2 surname, 3 starts a compound surname here.
    surname: u8,
    /// Given-name log-odds in buckets 0 (not seen) ..= 7.
    given: u8,
    /// Transliteration log-odds in buckets 0 (not seen) ..= 4.
    translit: u8,
    /// The cue of the lexicon that ends right before the token (記者, 主教練, 作者：), if any.
    cue_before: u8,
    /// The cue that starts right after the token (表示, 先生, 說), if any.
    cue_after: u8,
    /// Which ordinary words of two, three and four characters start (bits 0-2) and end
    /// (bits 3-5) at the token.
    words: u8,
    /// For a Latin word: 1 if it is an ordinary English word (blog, massive), 2 if it is a
    /// proper name of the English dictionary (Edison, Seth), 3 if both (Bill, Moon).
    english: u8,
}

/// Per Han character: its Simplified form and its table buckets, in one load.
#[derive(Clone, Copy, Default)]
struct HanInfo {
    folded: u32,
    lex: Lexical,
    /// Whether a compound surname (歐陽) may start with it.
    compound_first: bool,
}

/// The per-character tables, built once from the name tables and the fold table.
struct Chars {
    han: Vec<HanInfo>,
    compound: Arc<crate::fxhash::FxHashSet<&'static str>>,
    /// Ordinary words that hold a surname character (黃金, 王國).
    common: Arc<crate::fxhash::FxHashSet<&'static str>>,
}

impl Chars {
    fn new(names: &NameModel) -> Chars {
        let mut folded: Vec<u32> = (HAN_BASE..HAN_BASE + HAN_LEN as u32).collect();
        for line in T2S.lines().filter(|l| !l.starts_with('#')) {
            let mut chars = line.chars();
            if let (Some(t), Some('\t'), Some(s)) = (chars.next(), chars.next(), chars.next()) {
                if let Some(i) = han_slot(t) {
                    folded[i] = s as u32;
                }
            }
        }
        let han = folded
            .iter()
            .map(|&f| {
                let c = char::from_u32(f).unwrap_or(' ');
                let given = match names.given_log_odds(c) {
                    None => 0,
                    Some(v) => (v + 4.0).clamp(0.0, 6.0) as u8 + 1,
                };
                let translit = match names.translit_log_odds(c) {
                    v if v <= 0.0 => 0,
                    v => (v - 1.5).clamp(0.0, 3.0) as u8 + 1,
                };
                HanInfo {
                    folded: f,
                    lex: Lexical {
                        surname: names.surname_strength(c),
                        given,
                        translit,
                        ..Lexical::default()
                    },
                    compound_first: names.starts_compound_surname(c),
                }
            })
            .collect();
        Chars {
            han,
            compound: names.compound_surnames(),
            common: names.common_words(),
        }
    }

    /// Full-width ASCII to ASCII, the ideographic space to a space; other non-Han unchanged.
    #[inline]
    fn fold_other(c: char) -> char {
        match c as u32 {
            u @ 0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        }
    }
}

/// Cuts `text[range]` into tokens (`range` must not cut a Latin word or digit run).
fn tokenize(text: &str, range: Range<usize>, chars: &Chars, out: &mut Vec<Token>) {
    out.clear();
    let base = range.start;
    let s = &text[range];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let start = (base + i) as u32;
        let mut end = start + c.len_utf8() as u32;
        let mut lex = Lexical::default();
        let (key, class) = if let Some(h) = han_slot(c).map(|i| chars.han[i]) {
            lex = h.lex;
            if h.compound_first {
                if let Some(&(_, d)) = it.peek() {
                    let two = &s[i..i + c.len_utf8() + d.len_utf8()];
                    if chars.compound.contains(two) {
                        lex.surname = 3;
                    }
                }
            }
            (h.folded, Class::Han)
        } else if is_han(c) {
            (c as u32, Class::Han)
        } else if is_lost_han(s, i, c) {
            // 曹?推斷, 隈?吾: a character the encoding lost, between Han characters, is read as
            // an unknown one of them.
            (KEY_LOST, Class::Han)
        } else {
            let f = Chars::fold_other(c);
            if f.is_ascii_alphabetic() {
                // A Latin word: letters, with digits, apostrophes and hyphens inside (sc2, O'Neil).
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                let (mut upper, mut lower, mut n, mut digits) = (0u32, 0u32, 0u32, false);
                let mut first_upper = false;
                let mut g = f;
                loop {
                    if g.is_ascii_uppercase() {
                        upper += 1;
                        first_upper |= n == 0;
                    } else if g.is_ascii_lowercase() {
                        lower += 1;
                    } else if g.is_ascii_digit() {
                        digits = true;
                    }
                    n += 1;
                    h = (h ^ u64::from(g.to_ascii_lowercase() as u8)).wrapping_mul(0x100_0000_01b3);
                    match it.peek() {
                        Some(&(j, d))
                            if {
                                g = Chars::fold_other(d);
                                g.is_ascii_alphanumeric() || matches!(g, '\'' | '-')
                            } =>
                        {
                            end = (base + j + d.len_utf8()) as u32;
                            it.next();
                        }
                        _ => break,
                    }
                }
                let class = if digits {
                    Class::Code
                } else if lower == 0 {
                    Class::Capitals
                } else if upper == 0 {
                    Class::Small
                } else if upper == 1 && first_upper {
                    Class::Capitalised
                } else {
                    Class::Mixed
                };
                (latin_key(h), class)
            } else if f.is_ascii_digit() || f.is_whitespace() {
                let digits = f.is_ascii_digit();
                while let Some(&(j, d)) = it.peek() {
                    let g = Chars::fold_other(d);
                    if (digits && g.is_ascii_digit()) || (!digits && g.is_whitespace()) {
                        end = (base + j + d.len_utf8()) as u32;
                        it.next();
                    } else {
                        break;
                    }
                }
                if digits {
                    (KEY_DIGITS, Class::Digits)
                } else {
                    (KEY_SPACE, Class::Space)
                }
            } else if matches!(c, '·' | '•' | '‧' | '・' | '．') {
                ('·' as u32, Class::Dot)
            } else {
                (f as u32, Class::Mark)
            }
        };
        out.push(Token {
            start,
            end,
            key,
            class,
            lex,
        });
    }
}

/// The key of a Latin word from the FNV-1a hash of its letters in small case.
fn latin_key(fnv: u64) -> u32 {
    (fnv as u32 >> 1) | KEY_WORD
}

/// The FNV-1a hash of a word's letters in small case, as [`tokenize`] computes it.
fn latin_fnv(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3)
    })
}

/// Whether `c` at `s[i..]` stands for a character an encoding could not write (`?`, U+FFFD)
/// right after a Han character.
fn is_lost_han(s: &str, i: usize, c: char) -> bool {
    matches!(c, '?' | '\u{FFFD}') && s[..i].chars().next_back().is_some_and(is_han)
}

/// A cue as a small number for the features (0: none).
fn cue_id(cue: Cue) -> u8 {
    match cue {
        Cue::RolePrefix => 1,
        Cue::TitleSuffix => 2,
        Cue::SelfIntro => 3,
        Cue::NameLabel => 4,
        Cue::Honorific | Cue::Dear => 5,
        Cue::Speech => 6,
        Cue::SignOff => 7,
        _ => 0,
    }
}

/// Fills the cue fields of the tokens from the automaton's hits (sorted, not overlapping).
fn add_cues(text: &str, tokens: &mut [Token], hits: &[Hit]) {
    let Some(first) = tokens.first() else { return };
    // The last hit that ends before the first token, then on in step with the tokens.
    let mut h = hits
        .partition_point(|hit| hit.end <= first.start as usize)
        .saturating_sub(1);
    for t in tokens.iter_mut() {
        let (start, end) = (t.start as usize, t.end as usize);
        while h + 1 < hits.len() && hits[h + 1].end <= start {
            h += 1;
        }
        let Some(prev) = hits.get(h) else { break };
        // The last hit that ends at or before the token, with only separators between.
        if prev.end <= start
            && start - prev.end <= 3
            && text.as_bytes()[prev.end..start]
                .iter()
                .all(|&b| b == b':' || b == b' ' || b >= 0x80)
            && text[prev.end..start]
                .chars()
                .all(|c| matches!(c, ':' | '：' | ' ' | '\u{3000}'))
        {
            t.lex.cue_before = cue_id(prev.cue);
        }
        // A hit that starts right at the token's end.
        let mut k = h;
        while k < hits.len() && hits[k].start < end {
            k += 1;
        }
        if hits.get(k).is_some_and(|n| n.start == end) {
            t.lex.cue_after = cue_id(hits[k].cue);
        }
    }
}

/// The ordinary words (not names) of two to four Han characters, as a bit per hashed
/// word: a false hit now and then only blurs a feature.
struct Words {
    bits: Vec<u64>,
    /// English words by the key of their Latin token: a bit for ordinary words, one for names.
    english: Vec<u64>,
}

const WORD_BITS: u32 = 22;
const ENGLISH_BITS: u32 = 20;

fn english_row(key: u32, proper: bool) -> usize {
    (mix(mix(0x45, u64::from(key)), u64::from(proper)) >> (64 - ENGLISH_BITS)) as usize
}

impl Words {
    /// The two bits of a word (two hashes: one in a hundred lookups errs, not one in twenty).
    fn rows(keys: &[u32]) -> [usize; 2] {
        let h = keys.iter().fold(0x57u64, |h, &k| mix(h, u64::from(k)));
        [
            (mix(h, 0x9e37_79b9) >> (64 - WORD_BITS)) as usize,
            (mix(h, 0x7f4a_7c15) >> (64 - WORD_BITS)) as usize,
        ]
    }

    fn from_lists<'a>(
        words: impl Iterator<Item = &'a str>,
        english: impl Iterator<Item = &'a str>,
        chars: &Chars,
    ) -> Words {
        let mut table = vec![0u64; (1 << ENGLISH_BITS) / 64];
        for w in english {
            if !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic()) {
                let proper = w.as_bytes()[0].is_ascii_uppercase();
                let r = english_row(latin_key(latin_fnv(w)), proper);
                table[r / 64] |= 1 << (r % 64);
            }
        }
        let mut bits = vec![0u64; (1 << WORD_BITS) / 64];
        for w in words {
            let keys: Option<Vec<u32>> = w
                .chars()
                .map(|c| han_slot(c).map(|s| chars.han[s].folded))
                .collect();
            if let Some(keys) = keys.filter(|k| (2..=4).contains(&k.len())) {
                for r in Words::rows(&keys) {
                    bits[r / 64] |= 1 << (r % 64);
                }
            }
        }
        Words {
            bits,
            english: table,
        }
    }

    fn contains(&self, keys: &[u32]) -> bool {
        Words::rows(keys)
            .iter()
            .all(|r| self.bits[r / 64] & (1 << (r % 64)) != 0)
    }

    /// Fills the `words` field of the Han tokens and the `english` field of Latin ones.
    fn mark(&self, tokens: &mut [Token]) {
        let n = tokens.len();
        let mut keys = [0u32; 4];
        for i in 0..n {
            if tokens[i].class.is_latin() {
                let has = |proper| {
                    let r = english_row(tokens[i].key, proper);
                    self.english[r / 64] & (1 << (r % 64)) != 0
                };
                tokens[i].lex.english = u8::from(has(false)) | u8::from(has(true)) << 1;
                continue;
            }
            if tokens[i].class != Class::Han {
                continue;
            }
            // Words starting here; each also ends at its last token.
            let mut len = 0;
            while len < 4 && i + len < n && tokens[i + len].class == Class::Han {
                keys[len] = tokens[i + len].key;
                len += 1;
            }
            for l in 2..=len {
                if self.contains(&keys[..l]) {
                    tokens[i].lex.words |= 1 << (l - 2);
                    tokens[i + l - 1].lex.words |= 1 << (l + 1);
                }
            }
        }
    }
}

#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The feature rows of token `i`, into a table of `1 << bits` rows.
fn features(tokens: &[Token], i: usize, bits: u32, out: &mut [u32; FEATURES]) {
    let at = |o: isize| -> Option<&Token> { tokens.get(i.checked_add_signed(o)?) };
    let key = |o: isize| at(o).map_or(u64::from(KEY_EDGE), |t| u64::from(t.key));
    let class = |o: isize| at(o).map_or(Class::Edge as u64, |t| t.class as u64);
    let lx = |o: isize| at(o).map_or(Lexical::default(), |t| t.lex);
    let (k2, k1, k0, n1, n2) = (key(-2), key(-1), key(0), key(1), key(2));
    let (l1, l0, r1) = (lx(-1), lx(0), lx(1));
    let t = tokens[i];
    let len_bucket = match t.class {
        Class::Han | Class::Mark | Class::Dot | Class::Edge => 0,
        _ => u64::from(t.end - t.start).min(12),
    };
    let raw = [
        mix(1, k2),
        mix(2, k1),
        mix(3, k0),
        mix(4, n1),
        mix(5, n2),
        mix(mix(6, k2), k1),
        mix(mix(7, k1), k0),
        mix(mix(8, k0), n1),
        mix(mix(9, n1), n2),
        mix(mix(10, k1), n1),
        mix(mix(mix(11, class(-1)), class(0)), class(1)),
        mix(mix(12, u64::from(l0.surname)), class(-1)),
        mix(mix(13, u64::from(l0.given)), u64::from(r1.given)),
        mix(
            mix(mix(14, u64::from(l1.translit)), u64::from(l0.translit)),
            u64::from(r1.translit),
        ),
        mix(mix(15, u64::from(l1.surname)), u64::from(l0.given)),
        mix(
            mix(mix(16, class(0)), len_bucket),
            class(-1) * 16 + class(1),
        ),
        17,
        mix(mix(18, u64::from(l0.cue_before)), u64::from(l1.cue_before)),
        mix(mix(19, u64::from(l0.cue_after)), u64::from(r1.cue_after)),
        mix(20, u64::from(l0.words)),
        mix(
            mix(mix(21, u64::from(l1.words >> 3)), u64::from(l0.words)),
            u64::from(r1.words & 7),
        ),
        mix(22, key(-3)),
        mix(23, key(3)),
        mix(mix(24, class(0)), u64::from(l0.english)),
    ];
    for (o, h) in out.iter_mut().zip(raw) {
        *o = (mix(h, 0x9e37_79b9) >> (64 - bits)) as u32;
    }
}

/// Whether a token counts as Chinese text for the Latin words next to it.
fn chinese(t: &Token) -> bool {
    t.class == Class::Han || (t.class == Class::Mark && t.key > 0x2000)
}

/// Which tags each token may take, as a bit per tag: only Han characters and Latin words
/// in Chinese text begin or end names; a middle dot may join their parts.
fn masks(tokens: &[Token], out: &mut Vec<u8>) {
    const ANY: u8 = (1 << TAGS) - 1;
    const OUTSIDE: u8 = 1 << O;
    out.clear();
    for (i, t) in tokens.iter().enumerate() {
        let m = match t.class {
            Class::Han => ANY,
            Class::Dot => OUTSIDE | 1 << M,
            // Names are capitalised: a word in small letters (atm, blog, vs) is a brand, a
            // unit or a word, whatever stands around it.
            c if c.is_latin()
                && c != Class::Small
                && t.end - t.start >= 2
                && latin_in_chinese(tokens, i) =>
            {
                ANY
            }
            _ => OUTSIDE,
        };
        out.push(m);
    }
}

/// Whether the Latin word `tokens[i]` stands alone in Chinese text (包括了Grubby、Moon都…),
/// not in an English phrase (。Access logs are…) and not as a label (Tel：, e-mail:).
fn latin_in_chinese(tokens: &[Token], i: usize) -> bool {
    let before = tokens[..i].iter().rev().find(|t| t.class != Class::Space);
    let after = tokens[i + 1..].iter().find(|t| t.class != Class::Space);
    let latin = |t: Option<&Token>| t.is_some_and(|t| t.class.is_latin());
    let label = after
        .is_some_and(|t| t.class == Class::Mark && (t.key == ':' as u32 || t.key == '：' as u32));
    let chinese_before = before.is_some_and(chinese);
    let chinese_after = after.is_some_and(chinese);
    !label && ((chinese_before && !latin(after)) || (chinese_after && !latin(before)))
}

/// Runs Viterbi over `emissions` (one row of tag scores per token), each token limited to
/// the tags of its mask, writes the best tags and returns their score. `first` is the row of
/// `trans` the first token comes from: `TAGS` at the start of a text, `O` inside one (a
/// window). `alpha` keeps, per token and tag, the best score of a reading that ends there
/// with that tag, which [`outside_scores`] reuses.
fn viterbi(
    emissions: &[[i32; TAGS]],
    masks: &[u8],
    trans: &[[i32; TAGS]; TAGS + 1],
    first: usize,
    alpha: &mut Vec<[i32; TAGS]>,
    back: &mut Vec<[u8; TAGS]>,
    tags: &mut Vec<u8>,
) -> i32 {
    let n = emissions.len();
    alpha.clear();
    back.clear();
    tags.clear();
    if n == 0 {
        return 0;
    }
    let mut score = [NEG; TAGS];
    for t in [O, B, S] {
        if masks[0] & (1 << t) != 0 {
            score[t] = trans[first][t] + emissions[0][t];
        }
    }
    alpha.push(score);
    back.push([0; TAGS]);
    for i in 1..n {
        let mut next = [NEG; TAGS];
        let mut from = [0u8; TAGS];
        for b in (0..TAGS).filter(|&b| masks[i] & (1 << b) != 0) {
            let mut best = NEG;
            for a in 0..TAGS {
                if allowed(a, b) && score[a] > NEG && score[a] + trans[a][b] > best {
                    best = score[a] + trans[a][b];
                    from[b] = a as u8;
                }
            }
            if best > NEG {
                next[b] = best + emissions[i][b];
            }
        }
        score = next;
        alpha.push(score);
        back.push(from);
    }
    // A name may not be left open at the end.
    let mut best = O;
    for t in [E, S] {
        if score[t] > score[best] {
            best = t;
        }
    }
    tags.resize(n, 0);
    tags[n - 1] = best as u8;
    for i in (1..n).rev() {
        tags[i - 1] = back[i][tags[i] as usize];
    }
    score[best]
}

/// "Minus infinity" of the decoders, far enough from `i32::MIN` that sums do not wrap.
const NEG: i32 = i32::MIN / 4;

/// For each token, the score of the best tag sequence that reads it as outside a name,
/// from the forward scores `alpha` that [`viterbi`] left: its difference from the best
/// score over a name's tokens says how near the model came to not reading it.
fn outside_scores(
    emissions: &[[i32; TAGS]],
    masks: &[u8],
    trans: &[[i32; TAGS]; TAGS + 1],
    alpha: &[[i32; TAGS]],
    out: &mut Vec<i32>,
) {
    let n = alpha.len();
    out.clear();
    out.resize(n, NEG);
    // Backwards: the best continuation from each tag; a name may not stay open at the end.
    let mut beta = [NEG; TAGS];
    for t in [O, E, S] {
        beta[t] = 0;
    }
    for i in (0..n).rev() {
        if alpha[i][O] > NEG && beta[O] > NEG {
            out[i] = alpha[i][O] + beta[O];
        }
        if i > 0 {
            let mut prev = [NEG; TAGS];
            for (a, p) in prev.iter_mut().enumerate() {
                *p = (0..TAGS)
                    .filter(|&b| allowed(a, b) && masks[i] & (1 << b) != 0 && beta[b] > NEG)
                    .map(|b| trans[a][b] + emissions[i][b] + beta[b])
                    .max()
                    .unwrap_or(NEG);
            }
            beta = prev;
        }
    }
}

/// The gate: a logistic score of the four characters around a possible start (the one
/// before, the start, the two after) and of the two pairs that meet at the start, scaled by
/// [`GATE_SCALE`].
struct Gate {
    /// Per Han character: its weight in each of the four places, and its folded form.
    han: Vec<([i16; 4], u32)>,
    /// The weights of a character that is not Han, per place.
    other: [i16; 4],
    /// Weights of the pairs (before, start) and (start, next), hashed into `1 << GATE_BITS` rows.
    pairs: Vec<[i16; 2]>,
    /// The most the two pairs can add.
    pairs_max: i32,
    bias: i32,
    /// Starts scoring below this are not decoded.
    threshold: i32,
}

const GATE_SCALE: f32 = 1000.0;
const GATE_BITS: u32 = 16;

/// The pair row of two folded characters (0 for a character that is not Han).
#[inline]
fn pair_row(a: u32, b: u32) -> usize {
    (mix(mix(0x47, u64::from(a)), u64::from(b)) >> (64 - GATE_BITS)) as usize
}

/// What the gate reads around one possible start: the Han slots of the four places and
/// their folded characters (0 where not Han).
#[derive(Clone, Copy)]
struct GateInput {
    slots: [Option<usize>; 4],
    keys: [u32; 4],
}

impl Gate {
    #[inline]
    fn score(&self, g: &GateInput) -> i32 {
        let mut s = self.bias;
        for (o, slot) in g.slots.iter().enumerate() {
            s += i32::from(slot.map_or(self.other[o], |i| self.han[i].0[o]));
        }
        s + i32::from(self.pairs[pair_row(g.keys[0], g.keys[1])][0])
            + i32::from(self.pairs[pair_row(g.keys[1], g.keys[2])][1])
    }

    /// The byte offsets where a name may start: Han characters that score enough, and
    /// Latin words next to text that is not ASCII (包括了Grubby、Moon都…; [`masks`] decides
    /// which of those may be names).
    fn starts(&self, text: &str, out: &mut Vec<usize>) {
        let b = text.as_bytes();
        let mut ring = Ring {
            w: [self.other; 4],
            key: [0; 4],
            at: [0; 4],
            n: 0,
        };
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            if x < 0x80 {
                let end = ascii_run_end(b, i);
                latin_at_borders(b, i, end, out);
                // Three characters that are not Han flush the ring; skip the rest of the run.
                for k in i..end.min(i + 3) {
                    ring.push(self, self.other, 0, k, out);
                }
                i = end;
                continue;
            }
            let len = match x {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let entry = if len == 3 && i + 2 < b.len() {
                let c = (u32::from(x & 0x0F) << 12)
                    | (u32::from(b[i + 1] & 0x3F) << 6)
                    | u32::from(b[i + 2] & 0x3F);
                c.checked_sub(HAN_BASE)
                    .and_then(|s| self.han.get(s as usize))
            } else {
                None
            };
            match entry {
                Some(&(weights, key)) => ring.push(self, weights, key, i, out),
                None => ring.push(self, self.other, 0, i, out),
            }
            i += len;
        }
        ring.push(self, self.other, 0, b.len(), out);
        ring.push(self, self.other, 0, b.len(), out);
    }
}

/// The last four characters the gate read, in a ring (the start candidate is the second of
/// them): their weights, their folded form (0 if not Han) and where they are.
struct Ring {
    w: [[i16; 4]; 4],
    key: [u32; 4],
    at: [usize; 4],
    /// Characters pushed so far; the newest is at `(n - 1) % 4`.
    n: usize,
}

impl Ring {
    #[inline(always)]
    fn push(&mut self, gate: &Gate, weights: [i16; 4], key: u32, i: usize, out: &mut Vec<usize>) {
        let k = self.n & 3;
        self.w[k] = weights;
        self.key[k] = key;
        self.at[k] = i;
        self.n += 1;
        // The character before the candidate, the candidate, the two after.
        let (b, c, d, e) = (self.n & 3, (self.n + 1) & 3, (self.n + 2) & 3, k);
        if self.key[c] == 0 {
            return;
        }
        let w = &self.w;
        let s = gate.bias
            + i32::from(w[b][0])
            + i32::from(w[c][1])
            + i32::from(w[d][2])
            + i32::from(w[e][3]);
        // Most characters fail on their own: look up the pairs only when they can matter.
        if s + gate.pairs_max >= gate.threshold
            && s + i32::from(gate.pairs[pair_row(self.key[b], self.key[c])][0])
                + i32::from(gate.pairs[pair_row(self.key[c], self.key[d])][1])
                >= gate.threshold
        {
            out.push(self.at[c]);
        }
    }
}

/// Latin words at the borders of the ASCII run `b[start..end]` that touch text that is not
/// ASCII: the first word if the run follows such text, the last if such text follows it —
/// only a word that stands alone there (not the edge of an English sentence, not a label
/// before a colon) and has a capital, as [`masks`] requires of a name.
fn latin_at_borders(b: &[u8], start: usize, end: usize, out: &mut Vec<usize>) {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'\'' || c == b'-';
    let spaces = |mut i: usize| {
        while i < end && b[i] == b' ' {
            i += 1;
        }
        i
    };
    let candidate = |first: usize, last: usize| {
        let w = &b[first..last];
        w.len() >= 2 && w[0].is_ascii_alphabetic() && w.iter().any(u8::is_ascii_uppercase)
    };
    let mut pushed = None;
    if start > 0 {
        let first = spaces(start);
        let mut last = first;
        while last < end && word(b[last]) {
            last += 1;
        }
        let next = spaces(last);
        let alone = next == end || !(b[next].is_ascii_alphabetic() || b[next] == b':');
        if candidate(first, last) && alone {
            out.push(first);
            pushed = Some(first);
        }
    }
    if end < b.len() {
        let mut last = end;
        while last > start && b[last - 1] == b' ' {
            last -= 1;
        }
        let mut first = last;
        while first > start && word(b[first - 1]) {
            first -= 1;
        }
        let mut before = first;
        while before > start && b[before - 1] == b' ' {
            before -= 1;
        }
        let alone = before == start || !b[before - 1].is_ascii_alphabetic();
        if candidate(first, last) && alone && (first > start || start > 0) && pushed != Some(first)
        {
            out.push(first);
        }
    }
}

/// The end of the run of ASCII bytes that starts at `i`.
fn ascii_run_end(b: &[u8], mut i: usize) -> usize {
    while i + 8 <= b.len() {
        let word = u64::from_le_bytes(b[i..i + 8].try_into().unwrap());
        let high = word & 0x8080_8080_8080_8080;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] < 0x80 {
        i += 1;
    }
    i
}

/// A name the tagger read.
#[derive(Debug, Clone)]
pub(crate) struct Name {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// How much better the best reading is than the best that leaves the name out, in
    /// perceptron updates: near 0 the model hesitated.
    pub margin: f32,
}

impl Name {
    /// The confidence of a finding: from 0.55 where the model hesitated to 0.8 where it
    /// was sure; below the rules' (a label, an honorific), which win where both report.
    pub fn confidence(&self) -> f32 {
        0.55 + 0.25 * (1.0 - (-self.margin.max(0.0) / 20.0).exp())
    }
}

/// The compiled name tagger.
pub(crate) struct Tagger {
    bits: u32,
    /// Weights are perceptron updates times this.
    scale: f32,
    /// [`NAME_BIAS`] in the units of the weights.
    name_bias: i32,
    weights: Vec<[i8; TAGS]>,
    trans: [[i32; TAGS]; TAGS + 1],
    gate: Gate,
    chars: Chars,
    words: Words,
    /// Places, teams and companies written like names (切尔西, 阿斯旺), in Simplified.
    not_names: crate::fxhash::FxHashSet<&'static str>,
    /// The first characters of [`Tagger::not_names`]: most places a lookup could start
    /// hold none of them, which saves building and hashing the words.
    not_name_starts: crate::fxhash::FxHashSet<char>,
}

/// Scratch space reused between the windows of one call.
#[derive(Default)]
struct Scratch {
    tokens: Vec<Token>,
    masks: Vec<u8>,
    emissions: Vec<[i32; TAGS]>,
    back: Vec<[u8; TAGS]>,
    tags: Vec<u8>,
    starts: Vec<usize>,
    alpha: Vec<[i32; TAGS]>,
    outside: Vec<i32>,
}

/// Characters decoded before a gated start and after it; a long transliteration extends
/// the window (阿內爾卡, 德爾維齊奧).
const WINDOW_BEFORE: usize = 1;
const WINDOW_AFTER: usize = 4;
const WINDOW_MAX: usize = 16;
/// Tokens of context read on each side of a window (the features look two tokens away).
const CONTEXT: usize = 3;
/// How much more willing to see a name the model is in running text than the news it learnt
/// from, and next to a name in a list (姚明、易建联), in perceptron updates: set on the
/// development set (docs/accuracy.md), the only numbers of the tagger chosen there.
const NAME_BIAS: f32 = 3.0;
const LIST_BIAS: f32 = 300.0;
/// Below this margin a name that starts with an ordinary word (黃金都) is not reported.
const DOUBT: f32 = 20.0;

impl Tagger {
    /// The shipped model.
    pub fn new(names: &NameModel) -> Tagger {
        Tagger::from_bytes(MODEL, names).expect("data/name_tagger.bin is a valid model")
    }

    fn from_bytes(b: &[u8], names: &NameModel) -> Option<Tagger> {
        let mut r = Reader { b, at: 0 };
        if r.take(4)? != MAGIC || r.take(1)?[0] != VERSION {
            return None;
        }
        let bits = u32::from(r.take(1)?[0]);
        r.take(2)?;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
        let mut trans = [[0i32; TAGS]; TAGS + 1];
        for row in trans.iter_mut() {
            for v in row.iter_mut() {
                *v = r.i32()?;
            }
        }
        let rows = 1usize << bits;
        let mut weights = vec![[0i8; TAGS]; rows];
        for row in weights.iter_mut() {
            for v in row.iter_mut() {
                *v = r.take(1)?[0] as i8;
            }
        }
        let bias = r.i32()?;
        let threshold = r.i32()?;
        let mut other = [0i16; 4];
        for v in other.iter_mut() {
            *v = r.i16()?;
        }
        let chars = Chars::new(names);
        // The gate learnt its weights per Simplified character; a Traditional one reads
        // the weights of its Simplified form.
        let mut learnt = vec![[0i16; 4]; HAN_LEN];
        for row in learnt.iter_mut() {
            for v in row.iter_mut() {
                *v = r.i16()?;
            }
        }
        let han = chars
            .han
            .iter()
            .enumerate()
            .map(|(raw, info)| {
                let folded = char::from_u32(info.folded)
                    .and_then(han_slot)
                    .unwrap_or(raw);
                (learnt[folded], info.folded)
            })
            .collect();
        let mut pairs = vec![[0i16; 2]; 1 << GATE_BITS];
        for row in pairs.iter_mut() {
            for v in row.iter_mut() {
                *v = r.i16()?;
            }
        }
        let mut word_bits = vec![0u64; (1 << WORD_BITS) / 64];
        for v in word_bits.iter_mut() {
            *v = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
        }
        let mut english = vec![0u64; (1 << ENGLISH_BITS) / 64];
        for v in english.iter_mut() {
            *v = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
        }
        let pairs_max = (0..2)
            .map(|k| pairs.iter().map(|p| i32::from(p[k])).max().unwrap_or(0))
            .sum();
        let name_bias = (NAME_BIAS * scale) as i32;
        let not_names: crate::fxhash::FxHashSet<&str> = NOT_NAMES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        let not_name_starts = not_names.iter().filter_map(|w| w.chars().next()).collect();
        (r.at == b.len()).then_some(Tagger {
            bits,
            scale,
            name_bias,
            weights,
            trans,
            gate: Gate {
                han,
                other,
                pairs,
                pairs_max,
                bias,
                threshold,
            },
            chars,
            words: Words {
                bits: word_bits,
                english,
            },
            not_names,
            not_name_starts,
        })
    }

    /// The names in `text`, as byte ranges, decoded around the gate's starts, the cues and
    /// the Latin words inside Chinese text.
    pub fn find(&self, text: &str, hits: &[Hit], out: &mut Vec<Name>) {
        let mut s = Scratch::default();
        self.gate.starts(text, &mut s.starts);
        // 記者林小明, 作者：金庸: the cue says a name may follow even where the gate doubts.
        for h in hits {
            if matches!(
                h.cue,
                Cue::RolePrefix | Cue::NameLabel | Cue::SelfIntro | Cue::TitleSuffix
            ) {
                // Only where a name can start: a surname, a transliteration.
                let after = super::skip_separators(text, h.end);
                let first = text[after..].chars().next();
                if first.and_then(han_slot).is_some_and(|c| {
                    let lex = self.chars.han[c].lex;
                    lex.surname > 0 || lex.translit > 0 || self.chars.han[c].compound_first
                }) {
                    s.starts.push(after);
                }
            }
        }
        s.starts.sort_unstable();
        s.starts.dedup();
        // Only the cues the features read.
        let hits: Vec<Hit> = hits
            .iter()
            .filter(|h| cue_id(h.cue) != 0)
            .copied()
            .collect();
        let hits = &hits[..];
        let mut windows: Vec<Range<usize>> = Vec::new();
        for &start in &s.starts {
            let w = window(&self.chars, text, start);
            match windows.last_mut() {
                Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                _ => windows.push(w),
            }
        }
        let from = out.len();
        for w in windows {
            self.decode(text, hits, w, 0, &mut s, out);
        }
        let mut k = from;
        for i in from..out.len() {
            if self.acceptable(text, hits, &out[i]) {
                out.swap(k, i);
                k += 1;
            }
        }
        out.truncate(k);
        self.coordinated(text, hits, from, &mut s, out);
    }

    /// Whether `span`, just decoded into `s.tokens`, is exactly an ordinary word (朋友).
    fn ordinary_word(&self, span: &Range<usize>, s: &Scratch) -> bool {
        let first = s
            .tokens
            .partition_point(|t| (t.start as usize) < span.start);
        let last = s.tokens.partition_point(|t| (t.end as usize) <= span.end);
        let len = last.saturating_sub(first);
        (2..=4).contains(&len) && s.tokens[first].lex.words & (1 << (len - 2)) != 0
    }

    /// A name the model read that the filters let through.
    fn acceptable(&self, text: &str, hits: &[Hit], name: &Name) -> bool {
        let span = &name.span;
        plausible(&self.chars, text, hits, span)
            && !self.known_not_name(text, span)
            && !(name.margin < DOUBT && self.starts_with_word(text, span))
    }

    /// Whether the name's first two characters are an ordinary word (黃金 of 黃金都): a
    /// reading the model was not sure of is then dropped.
    fn starts_with_word(&self, text: &str, span: &Range<usize>) -> bool {
        let mut ends = text[span.clone()].char_indices().map(|(i, _)| i).skip(2);
        let two = ends.next().unwrap_or(span.end - span.start);
        text[span.start..span.start + two].chars().count() == 2
            && self
                .chars
                .common
                .contains(&text[span.start..span.start + two])
    }

    /// 姚明、易建联、王治郅: the members next to a name in a list are read again, more willing
    /// to see a name, since lists join things of a kind.
    fn coordinated(
        &self,
        text: &str,
        hits: &[Hit],
        from: usize,
        s: &mut Scratch,
        out: &mut Vec<Name>,
    ) {
        const JOINS: &[&str] = &["、", "和", "與", "与", "及", "+", "＋"];
        let mut i = from;
        let mut found = Vec::new();
        while i < out.len() && out.len() - from < 64 {
            let span = out[i].span.clone();
            i += 1;
            let taken = |out: &[Name], r: &Range<usize>| {
                out[from..]
                    .iter()
                    .any(|n| n.span.start < r.end && r.start < n.span.end)
            };
            // The member after the name.
            if let Some(join) = JOINS.iter().find(|j| text[span.end..].starts_with(**j)) {
                let start = span.end + join.len();
                if text[start..].starts_with(is_han) {
                    let w = window(&self.chars, text, start);
                    if let Some(n) =
                        self.list_member(text, hits, w, s, &mut found, |n| n.span.start == start)
                    {
                        if !taken(out, &n.span) {
                            out.push(n);
                        }
                    }
                }
            }
            // The member before it.
            if let Some(join) = JOINS.iter().find(|j| text[..span.start].ends_with(**j)) {
                let end = span.start - join.len();
                if text[..end].ends_with(is_han) {
                    let start = text[..end]
                        .char_indices()
                        .rev()
                        .take(WINDOW_AFTER + 2)
                        .last()
                        .map_or(end, |(i, _)| i);
                    let w = tokens_back(text, start, 0)..tokens_ahead(text, end, 1);
                    if let Some(n) =
                        self.list_member(text, hits, w, s, &mut found, |n| n.span.end == end)
                    {
                        if !taken(out, &n.span) {
                            out.push(n);
                        }
                    }
                }
            }
        }
        out[from..].sort_by_key(|n| n.span.start);
    }

    /// Decodes `window` more willing to see a name ([`LIST_BIAS`]) and returns the reading
    /// `is_member` picks, if it is not an ordinary word and the filters let it through.
    fn list_member(
        &self,
        text: &str,
        hits: &[Hit],
        window: Range<usize>,
        s: &mut Scratch,
        found: &mut Vec<Name>,
        is_member: impl Fn(&Name) -> bool,
    ) -> Option<Name> {
        found.clear();
        let bias = (LIST_BIAS * self.scale) as i32;
        self.decode(text, hits, window, bias, s, found);
        found
            .iter()
            .find(|n| is_member(n))
            .filter(|n| !self.ordinary_word(&n.span, s) && self.acceptable(text, hits, n))
            .cloned()
    }

    /// Whether a place, team or company of the list covers the name read at `span`
    /// (切尔西, 纽卡斯 of 纽卡斯尔), or the name is one of them with a character more.
    fn known_not_name(&self, text: &str, span: &Range<usize>) -> bool {
        const LONGEST: usize = 10;
        let fold = |c: char| {
            han_slot(c).map_or(c, |s| char::from_u32(self.chars.han[s].folded).unwrap_or(c))
        };
        let before: Vec<char> = text[..span.start].chars().rev().take(LONGEST - 1).collect();
        let inside: Vec<char> = text[span.clone()].chars().collect();
        let after: Vec<char> = text[span.end..].chars().take(LONGEST - 1).collect();
        let chars: Vec<char> = before
            .iter()
            .rev()
            .chain(&inside)
            .chain(&after)
            .map(|&c| fold(c))
            .collect();
        let (first, last) = (before.len(), before.len() + inside.len());
        let mut word = String::new();
        for a in (0..=first).filter(|&a| {
            chars
                .get(a)
                .is_some_and(|c| self.not_name_starts.contains(c))
        }) {
            for b in (a + 2).max(last - 1)..=(a + LONGEST).min(chars.len()) {
                // The entry holds the whole name, or all of it but one character.
                let covered = a.max(first)..b.min(last);
                if covered.len() + 1 < inside.len() || covered.is_empty() {
                    continue;
                }
                word.clear();
                word.extend(&chars[a..b]);
                if self.not_names.contains(word.as_str()) {
                    return true;
                }
            }
        }
        false
    }

    /// Decodes the tokens of `window`, reading the tokens around it as context.
    fn decode(
        &self,
        text: &str,
        hits: &[Hit],
        window: Range<usize>,
        bias: i32,
        s: &mut Scratch,
        out: &mut Vec<Name>,
    ) {
        let context =
            tokens_back(text, window.start, CONTEXT)..tokens_ahead(text, window.end, CONTEXT);
        tokenize(text, context, &self.chars, &mut s.tokens);
        add_cues(text, &mut s.tokens, hits);
        self.words.mark(&mut s.tokens);
        let first = s
            .tokens
            .partition_point(|t| (t.start as usize) < window.start);
        let last = s.tokens.partition_point(|t| (t.end as usize) <= window.end);
        if first >= last {
            return;
        }
        masks(&s.tokens, &mut s.masks);
        s.emissions.clear();
        let mut f = [0u32; FEATURES];
        for i in first..last {
            features(&s.tokens, i, self.bits, &mut f);
            let mut e = [0i32; TAGS];
            for &row in &f {
                let w = &self.weights[row as usize];
                for t in 0..TAGS {
                    e[t] += i32::from(w[t]);
                }
            }
            // A one-token name is a Latin word; a Han character alone is never reported, so
            // the push towards a name must not make one.
            let single = if s.tokens[i].class == Class::Han {
                0
            } else {
                bias
            };
            e[B] += self.name_bias + bias;
            e[S] += self.name_bias + single;
            s.emissions.push(e);
        }
        // A window inside the text follows a token read as outside a name.
        let row = if first == 0 && s.tokens[0].start == 0 {
            TAGS
        } else {
            O
        };
        let total = viterbi(
            &s.emissions,
            &s.masks[first..last],
            &self.trans,
            row,
            &mut s.alpha,
            &mut s.back,
            &mut s.tags,
        );
        if !s.tags.iter().any(|&t| t != O as u8) {
            return;
        }
        outside_scores(
            &s.emissions,
            &s.masks[first..last],
            &self.trans,
            &s.alpha,
            &mut s.outside,
        );
        spans(
            &s.tokens[first..last],
            &s.tags,
            &s.outside,
            total,
            self.scale,
            out,
        );
    }

    /// Every token of `text` decoded at once, without the gate (training and evaluation).
    fn decode_all(&self, text: &str, hits: &[Hit], out: &mut Vec<Name>) {
        let mut s = Scratch::default();
        self.decode(text, hits, 0..text.len(), 0, &mut s, out);
    }
}

/// Whether a span the model read is a person's name as the register means it: not one
/// character, not a surname with a title (陳女士, 劉總, 范某: a way of addressing, which the
/// honorific rules report), not inside the title of a work.
fn plausible(tables: &Chars, text: &str, hits: &[Hit], span: &Range<usize>) -> bool {
    let value = &text[span.clone()];
    let mut chars = value.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else {
        return false;
    };
    if second.is_none() && is_han(first) {
        return false;
    }
    // A currency (NT$, US$, HK$) or two capitals alone (NT, ID) are not a person.
    if value.is_ascii()
        && (text[span.end..].starts_with(['$', '＄'])
            || (value.len() <= 2 && value.bytes().all(|b| b.is_ascii_uppercase())))
    {
        return false;
    }
    let surname = if second.is_some_and(|c| {
        tables
            .compound
            .contains(&value[..first.len_utf8() + c.len_utf8()])
    }) {
        first.len_utf8() + second.map_or(0, char::len_utf8)
    } else if han_slot(first).is_some_and(|i| tables.han[i].lex.surname > 0) {
        first.len_utf8()
    } else {
        0
    };
    if surname > 0 {
        let rest = &value[surname..];
        let at = span.start + surname;
        let title_hit = hits[hits.partition_point(|h| h.start < at)..]
            .iter()
            .take_while(|h| h.start == at)
            .any(|h| h.cue == Cue::TitleSuffix && h.end == span.end);
        if title_hit || ADDRESSES.contains(&rest) {
            return false;
        }
    }
    !inside_title(text, span)
}

/// Whether `span` lies inside the title of a work (《林語堂的晚年》, 《巫妖王之怒》): the
/// title is the name of a book, a film or a game, not of a person.
fn inside_title(text: &str, span: &Range<usize>) -> bool {
    const REACH: usize = 30;
    let open = text[..span.start]
        .chars()
        .rev()
        .take(REACH)
        .find(|c| matches!(c, '《' | '》' | '〈' | '〉' | '\n'));
    let close = text[span.end..]
        .chars()
        .take(REACH)
        .find(|c| matches!(c, '《' | '》' | '〈' | '〉' | '\n'));
    matches!(open, Some('《' | '〈')) && matches!(close, Some('》' | '〉'))
}

/// What follows a surname when a person is addressed, not named (劉總, 范某, 李sir).
const ADDRESSES: &[&str] = &[
    "總", "总", "某", "氏", "姓", "老", "sir", "Sir", "SIR", "xx", "XX", "先生", "女士", "小姐",
    "太太",
];

/// The window decoded for a name that may start at `start`: a character before, four
/// from it, and on while the characters read as a transliteration (阿內爾卡, 德爾維齊奧).
fn window(chars: &Chars, text: &str, start: usize) -> Range<usize> {
    let before = text[..start]
        .char_indices()
        .rev()
        .take(WINDOW_BEFORE)
        .last()
        .map_or(start, |(i, _)| i);
    let mut end = start;
    for (n, (i, c)) in text[start..].char_indices().enumerate() {
        let foreign = c == '·'
            || c.is_ascii_alphabetic()
            || han_slot(c).is_some_and(|s| chars.han[s].lex.translit > 0);
        if n >= WINDOW_MAX || (n >= WINDOW_AFTER && !foreign) {
            break;
        }
        end = start + i + c.len_utf8();
    }
    // Never cut a Latin word or a digit run; end with a token after the name, so that the
    // step out of it is scored as it is inside a sentence.
    tokens_back(text, before, 0)..tokens_ahead(text, end, 1)
}

/// Whether byte `b` continues an ASCII word or number with the byte before it.
fn glued(text: &[u8], at: usize) -> bool {
    at > 0
        && at < text.len()
        && text[at - 1].is_ascii_alphanumeric()
        && text[at].is_ascii_alphanumeric()
}

/// The start of the token `n` tokens before the one at `at` (Latin words and digit runs count once).
fn tokens_back(text: &str, mut at: usize, n: usize) -> usize {
    let b = text.as_bytes();
    while glued(b, at) {
        at -= 1;
    }
    for _ in 0..n {
        let Some(c) = text[..at].chars().next_back() else {
            break;
        };
        at -= c.len_utf8();
        while glued(b, at) {
            at -= 1;
        }
    }
    at
}

/// The end of the token `n` tokens after the one ending at `at`.
fn tokens_ahead(text: &str, mut at: usize, n: usize) -> usize {
    let b = text.as_bytes();
    while glued(b, at) {
        at += 1;
    }
    for _ in 0..n {
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        while glued(b, at) {
            at += 1;
        }
    }
    at
}

/// The names in a tag sequence: byte range and margin, the best score of all less the best
/// score that reads one of the name's tokens as outside (`outside`, `total`).
fn spans(
    tokens: &[Token],
    tags: &[u8],
    outside: &[i32],
    total: i32,
    scale: f32,
    out: &mut Vec<Name>,
) {
    let mut start = None;
    for (k, (t, &tag)) in tokens.iter().zip(tags).enumerate() {
        match tag as usize {
            B => start = Some(k),
            S => start = Some(k),
            _ => {}
        }
        if matches!(tag as usize, E | S) {
            if let Some(first) = start.take() {
                let closest = outside[first..=k].iter().copied().max().unwrap_or(NEG);
                out.push(Name {
                    span: tokens[first].start as usize..t.end as usize,
                    margin: (total - closest) as f32 / scale,
                });
            }
        }
        if tag as usize == O {
            start = None;
        }
    }
}

/// Reads the little-endian numbers of a model.
struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.b.get(self.at..self.at + n)?;
        self.at += n;
        Some(s)
    }
    fn i16(&mut self) -> Option<i16> {
        Some(i16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
    fn i32(&mut self) -> Option<i32> {
        Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

/// Training of the tagger: the averaged structured perceptron (Collins 2002) over
/// sentences with their names, and the logistic gate; writes the model format [`Tagger`]
/// reads. Used by `examples/train_names.rs`.
pub mod training {
    use super::*;
    use crate::text::CueAutomaton;

    /// One training sentence: its text and the byte ranges of the person names in it.
    pub struct Example {
        /// The sentence.
        pub text: String,
        /// Byte ranges of the names, on character boundaries.
        pub names: Vec<Range<usize>>,
    }

    /// Options of [`train`].
    pub struct Options {
        /// The feature table has `1 << bits` rows.
        pub bits: u32,
        /// Passes over the examples.
        pub epochs: usize,
        /// The share of the names' starts in the training sentences that the gate must let
        /// through (its threshold is set there).
        pub gate_recall: f64,
        /// Ordinary words (not names) of two to four characters.
        pub words: Vec<String>,
        /// English words, names capitalised (a spelling dictionary such as Debian's wamerican).
        pub english: Vec<String>,
        /// Seed of the order in which the sentences are read.
        pub seed: u64,
    }

    struct Prepared {
        features: Vec<u32>,
        masks: Vec<u8>,
        gold: Vec<u8>,
        /// Per Han token, what the gate reads there and whether a name starts there.
        gate: Vec<(GateInput, bool)>,
    }

    fn gold_tags(tokens: &[Token], names: &[Range<usize>]) -> Vec<u8> {
        let mut tags = vec![O as u8; tokens.len()];
        for r in names {
            let first = tokens.partition_point(|t| (t.start as usize) < r.start);
            let last = tokens.partition_point(|t| (t.end as usize) <= r.end);
            match last.saturating_sub(first) {
                0 => {}
                1 => tags[first] = S as u8,
                _ => {
                    tags[first] = B as u8;
                    tags[first + 1..last - 1].fill(M as u8);
                    tags[last - 1] = E as u8;
                }
            }
        }
        tags
    }

    fn prepare(
        ex: &Example,
        pass: &CueAutomaton,
        chars: &Chars,
        words: &Words,
        bits: u32,
    ) -> Prepared {
        let mut tokens = Vec::new();
        tokenize(&ex.text, 0..ex.text.len(), chars, &mut tokens);
        add_cues(&ex.text, &mut tokens, &pass.hits(&ex.text));
        words.mark(&mut tokens);
        let mut features_ = Vec::with_capacity(tokens.len() * FEATURES);
        let mut f = [0u32; FEATURES];
        for i in 0..tokens.len() {
            features(&tokens, i, bits, &mut f);
            features_.extend_from_slice(&f);
        }
        let mut m = Vec::new();
        masks(&tokens, &mut m);
        let gold = gold_tags(&tokens, &ex.names);
        // A name the masks rule out (a digit run, a word in English text) cannot be learned:
        // let the gold path through rather than teach the model the impossible.
        for (g, mask) in gold.iter().zip(m.iter_mut()) {
            *mask |= 1 << g;
        }
        // The gate learns per folded character (the slot of the Simplified form).
        let slot = |j: Option<usize>| -> (Option<usize>, u32) {
            match j.and_then(|j| tokens.get(j)) {
                Some(t) if t.class == Class::Han => {
                    let slot = char::from_u32(t.key).and_then(han_slot);
                    (slot, t.key)
                }
                _ => (None, 0),
            }
        };
        let gate = (0..tokens.len())
            .filter(|&i| tokens[i].class == Class::Han)
            .map(|i| {
                let places = [
                    slot(i.checked_sub(1)),
                    slot(Some(i)),
                    slot(Some(i + 1)),
                    slot(Some(i + 2)),
                ];
                let input = GateInput {
                    slots: places.map(|p| p.0),
                    keys: places.map(|p| if p.0.is_some() { p.1 } else { 0 }),
                };
                (input, matches!(gold[i] as usize, B | S))
            })
            .collect();
        Prepared {
            features: features_,
            masks: m,
            gold,
            gate,
        }
    }

    /// Learns a model from `examples`; returns the bytes of `data/name_tagger.bin`.
    /// `progress` is called after each epoch with the epoch and the share of sentences
    /// that were tagged wrongly in it.
    pub fn train(
        examples: &[Example],
        options: &Options,
        mut progress: impl FnMut(usize, f64),
    ) -> Vec<u8> {
        let names = NameModel::new();
        let chars = Chars::new(&names);
        let pass = CueAutomaton::new();
        let bits = options.bits;
        let words = Words::from_lists(
            options.words.iter().map(String::as_str),
            options.english.iter().map(String::as_str),
            &chars,
        );
        let prepared: Vec<Prepared> = examples
            .iter()
            .map(|ex| prepare(ex, &pass, &chars, &words, bits))
            .collect();
        let (w, tw) = perceptron(&prepared, options, &mut progress);

        let mut max = 0f32;
        for row in &w {
            for v in row {
                max = max.max(v.abs());
            }
        }
        // Weights as i8: rounding the small ones away costs nothing measurable on the
        // development set and halves the model (docs/accuracy.md).
        let scale = if max > 0.0 { 127.0 / max } else { 1.0 };
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[VERSION, bits as u8, 0, 0]);
        out.extend_from_slice(&scale.to_le_bytes());
        for row in &tw {
            for v in row {
                out.extend_from_slice(&((v * scale) as i32).to_le_bytes());
            }
        }
        for row in &w {
            for v in row {
                out.push((v * scale).round().clamp(-127.0, 127.0) as i8 as u8);
            }
        }
        write_gate(&prepared, options.gate_recall, &mut out);
        for v in words.bits.iter().chain(&words.english) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// A deterministic shuffle (Fisher-Yates with a xorshift): the same corpus and seed
    /// give the same model.
    fn shuffle(order: &mut [usize], rng: &mut u64) {
        for i in (1..order.len()).rev() {
            *rng ^= *rng << 13;
            *rng ^= *rng >> 7;
            *rng ^= *rng << 17;
            order.swap(i, (*rng % (i as u64 + 1)) as usize);
        }
    }

    type Weights = (Vec<[f32; TAGS]>, [[f32; TAGS]; TAGS + 1]);

    /// The averaged structured perceptron: decode, and where the tags are wrong add the
    /// gold path's features and subtract the decoded path's; the averages of the weights
    /// over all steps are the model.
    fn perceptron(
        prepared: &[Prepared],
        options: &Options,
        progress: &mut impl FnMut(usize, f64),
    ) -> Weights {
        let rows = 1usize << options.bits;
        let mut w = vec![[0f32; TAGS]; rows];
        let mut u = vec![[0f32; TAGS]; rows];
        let mut tw = [[0f32; TAGS]; TAGS + 1];
        let mut tu = [[0f32; TAGS]; TAGS + 1];
        let mut c: f32 = 1.0;
        let mut order: Vec<usize> = (0..prepared.len()).collect();
        let mut rng: u64 = 0x2545_F491_4F6C_DD1D ^ options.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let (mut emissions, mut tags, mut back, mut alpha) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for epoch in 0..options.epochs {
            shuffle(&mut order, &mut rng);
            let mut wrong = 0usize;
            for &k in &order {
                let p = &prepared[k];
                let n = p.gold.len();
                if n == 0 {
                    continue;
                }
                // Decode with the current weights (whole numbers until averaged).
                emissions.clear();
                for i in 0..n {
                    let mut e = [0i32; TAGS];
                    for &ix in &p.features[i * FEATURES..(i + 1) * FEATURES] {
                        for t in 0..TAGS {
                            e[t] += w[ix as usize][t] as i32;
                        }
                    }
                    emissions.push(e);
                }
                let mut trans = [[0i32; TAGS]; TAGS + 1];
                for (a, row) in tw.iter().enumerate() {
                    for (b, v) in row.iter().enumerate() {
                        trans[a][b] = *v as i32;
                    }
                }
                viterbi(
                    &emissions, &p.masks, &trans, TAGS, &mut alpha, &mut back, &mut tags,
                );
                if tags != p.gold {
                    wrong += 1;
                    let mut update = |seq: &[u8], d: f32| {
                        let mut prev = TAGS;
                        for (i, &t) in seq.iter().enumerate() {
                            let t = t as usize;
                            for &ix in &p.features[i * FEATURES..(i + 1) * FEATURES] {
                                w[ix as usize][t] += d;
                                u[ix as usize][t] += c * d;
                            }
                            tw[prev][t] += d;
                            tu[prev][t] += c * d;
                            prev = t;
                        }
                    };
                    update(&p.gold, 1.0);
                    update(&tags, -1.0);
                }
                c += 1.0;
            }
            progress(epoch + 1, wrong as f64 / prepared.len() as f64);
        }
        let avg = |w: f32, u: f32| w - u / c;
        for (wr, ur) in w.iter_mut().zip(&u) {
            for t in 0..TAGS {
                wr[t] = avg(wr[t], ur[t]);
            }
        }
        for (a, row) in tw.iter_mut().enumerate() {
            for (b, v) in row.iter_mut().enumerate() {
                *v = avg(*v, tu[a][b]);
            }
        }
        (w, tw)
    }

    /// Trains the gate by stochastic gradient descent on the logistic loss, positives
    /// weighted up (a missed start costs a name; a false one only a little decoding), on
    /// nine tenths of the sentences, and sets its threshold to let `recall` of the starts of
    /// the other tenth through.
    fn write_gate(prepared: &[Prepared], recall: f64, out: &mut Vec<u8>) {
        let mut gate = GateF {
            han: vec![[0f32; 4]; HAN_LEN],
            other: [0f32; 4],
            pairs: vec![[0f32; 2]; 1 << GATE_BITS],
            bias: 0.0,
        };
        let held_out = |k: usize| k.is_multiple_of(10);
        for epoch in 0..4 {
            let rate = 0.1 / (1.0 + epoch as f32);
            for (_, p) in prepared.iter().enumerate().filter(|(k, _)| !held_out(*k)) {
                for (g, y) in &p.gate {
                    let z = gate.score(g);
                    let p = 1.0 / (1.0 + (-z).exp());
                    let d = if *y { 5.0 * (1.0 - p) } else { -p } * rate;
                    gate.add(g, d);
                }
            }
        }
        let q = |v: f32| (v * GATE_SCALE).round().clamp(-32000.0, 32000.0) as i16;
        let quantised = Gate {
            han: gate.han.iter().map(|r| (r.map(q), 0)).collect(),
            other: gate.other.map(q),
            pairs: gate.pairs.iter().map(|r| r.map(q)).collect(),
            pairs_max: 0,
            bias: (gate.bias * GATE_SCALE) as i32,
            threshold: 0,
        };
        let mut starts: Vec<i32> = prepared
            .iter()
            .enumerate()
            .filter(|(k, _)| held_out(*k))
            .flat_map(|(_, p)| &p.gate)
            .filter(|g| g.1)
            .map(|g| quantised.score(&g.0))
            .collect();
        starts.sort_unstable();
        let mut all: Vec<i32> = prepared
            .iter()
            .enumerate()
            .filter(|(k, _)| held_out(*k))
            .flat_map(|(_, p)| &p.gate)
            .map(|g| quantised.score(&g.0))
            .collect();
        all.sort_unstable();
        for r in [0.95, 0.98, 0.99, 0.995, 0.998] {
            let t = starts[((1.0 - r) * starts.len() as f64) as usize];
            let pass = all.len() - all.partition_point(|&s| s < t);
            eprintln!(
                "gate recall {r}: {:.1}% of held-out Han characters pass",
                100.0 * pass as f64 / all.len() as f64
            );
        }
        let threshold = starts
            .get(((1.0 - recall) * starts.len() as f64) as usize)
            .copied()
            .unwrap_or(i32::MIN);
        out.extend_from_slice(&quantised.bias.to_le_bytes());
        out.extend_from_slice(&threshold.to_le_bytes());
        for v in quantised.other {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for (row, _) in &quantised.han {
            for v in row {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        for row in &quantised.pairs {
            for v in row {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
    }

    /// The gate while it learns, in floating point.
    struct GateF {
        han: Vec<[f32; 4]>,
        other: [f32; 4],
        pairs: Vec<[f32; 2]>,
        bias: f32,
    }

    impl GateF {
        fn score(&self, g: &GateInput) -> f32 {
            let mut s = self.bias;
            for (o, slot) in g.slots.iter().enumerate() {
                s += slot.map_or(self.other[o], |i| self.han[i][o]);
            }
            s + self.pairs[pair_row(g.keys[0], g.keys[1])][0]
                + self.pairs[pair_row(g.keys[1], g.keys[2])][1]
        }

        fn add(&mut self, g: &GateInput, d: f32) {
            self.bias += d * 0.1;
            for (o, slot) in g.slots.iter().enumerate() {
                match slot {
                    Some(i) => self.han[*i][o] += d,
                    None => self.other[o] += d,
                }
            }
            self.pairs[pair_row(g.keys[0], g.keys[1])][0] += d;
            self.pairs[pair_row(g.keys[1], g.keys[2])][1] += d;
        }
    }

    /// A model read back from the bytes [`train`] wrote, for held-out evaluation.
    pub struct Trained {
        tagger: Tagger,
        pass: CueAutomaton,
    }

    impl Trained {
        /// Reads a model; `None` if the bytes are not one.
        pub fn from_bytes(bytes: &[u8]) -> Option<Trained> {
            Some(Trained {
                tagger: Tagger::from_bytes(bytes, &NameModel::new())?,
                pass: CueAutomaton::new(),
            })
        }

        /// The byte ranges and margins of the names the model reads in `text`, through the gate
        /// (`gated`) as the detector does, or decoding every token.
        pub fn names(&self, text: &str, gated: bool) -> Vec<(Range<usize>, f32)> {
            let hits = self.pass.hits(text);
            let mut out = Vec::new();
            if gated {
                self.tagger.find(text, &hits, &mut out);
            } else {
                self.tagger.decode_all(text, &hits, &mut out);
            }
            out.into_iter().map(|n| (n.span, n.margin)).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars() -> Chars {
        Chars::new(&NameModel::new())
    }

    fn tokens(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize(text, 0..text.len(), &chars(), &mut out);
        out
    }

    #[test]
    fn tokens_fold_scripts_and_widths() {
        let t = tokens("國Ａbc 12３ Grubby、LYN sc2 ReMinD·");
        let classes: Vec<Class> = t.iter().map(|t| t.class).collect();
        use Class::*;
        assert_eq!(
            classes,
            [
                Han,
                Capitalised,
                Space,
                Digits,
                Space,
                Capitalised,
                Mark,
                Capitals,
                Space,
                Code,
                Space,
                Mixed,
                Dot
            ]
        );
        // 國 reads as 国; full-width letters as ASCII, one word.
        assert_eq!(t[0].key, '国' as u32);
        assert_eq!(t[1].key, tokens("abc")[0].key);
        assert_eq!((t[1].start, t[1].end), (3, 8));
        assert_eq!(t[3].key, KEY_DIGITS);
        // Traditional and Simplified text give the same keys.
        let a: Vec<u32> = tokens("張學友說").iter().map(|t| t.key).collect();
        let b: Vec<u32> = tokens("张学友说").iter().map(|t| t.key).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn a_lost_character_after_han_stays_in_the_name() {
        let t = tokens("曹?推斷 ok?");
        assert_eq!(t[1].class, Class::Han);
        assert_eq!(t[1].key, KEY_LOST);
        assert_eq!(t.last().unwrap().class, Class::Mark);
    }

    /// A small deterministic generator for the property loops below.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn decoding_always_gives_whole_names_within_the_masks() {
        let mut rng = Rng(7);
        let (mut back, mut tags, mut alpha, mut outside) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in 0..2000 {
            let n = 1 + (rng.next() % 12) as usize;
            let emissions: Vec<[i32; TAGS]> = (0..n)
                .map(|_| [0; TAGS].map(|_| (rng.next() % 200) as i32 - 100))
                .collect();
            let masks: Vec<u8> = (0..n)
                .map(|_| {
                    if rng.next().is_multiple_of(4) {
                        1 << O
                    } else {
                        (1 << TAGS) - 1
                    }
                })
                .collect();
            let mut trans = [[0i32; TAGS]; TAGS + 1];
            for row in trans.iter_mut() {
                for v in row.iter_mut() {
                    *v = (rng.next() % 60) as i32 - 30;
                }
            }
            let first = if rng.next().is_multiple_of(2) {
                TAGS
            } else {
                O
            };
            let total = viterbi(
                &emissions, &masks, &trans, first, &mut alpha, &mut back, &mut tags,
            );
            assert_eq!(tags.len(), n);
            let mut prev = O;
            for (i, &t) in tags.iter().enumerate() {
                let t = t as usize;
                assert!(masks[i] & (1 << t) != 0, "tag {t} outside the mask");
                assert!(allowed(prev, t), "{prev} -> {t}");
                prev = t;
            }
            assert!(matches!(prev, O | E | S), "a name left open");
            // The best score equals the Viterbi path's; no reading as outside beats it.
            outside_scores(&emissions, &masks, &trans, &alpha, &mut outside);
            let mut path = trans[first][tags[0] as usize] + emissions[0][tags[0] as usize];
            for i in 1..n {
                path +=
                    trans[tags[i - 1] as usize][tags[i] as usize] + emissions[i][tags[i] as usize];
            }
            assert_eq!(total, path);
            for (i, &o) in outside.iter().enumerate() {
                assert!(o <= total);
                if tags[i] as usize == O {
                    assert_eq!(o, total, "the best path itself reads token {i} as outside");
                }
            }
        }
    }

    #[test]
    fn latin_candidates_stand_alone_next_to_chinese() {
        let starts = |text: &str| {
            let mut out = Vec::new();
            let b = text.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i] < 0x80 {
                    let end = ascii_run_end(b, i);
                    latin_at_borders(b, i, end, &mut out);
                    i = end;
                } else {
                    i += 1;
                }
            }
            out.iter()
                .map(|&s| &text[s..])
                .map(|s| {
                    s.split(|c: char| !c.is_ascii_alphanumeric())
                        .next()
                        .unwrap()
                        .to_string()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(starts("包括了Grubby、Moon都是"), ["Grubby", "Moon"]);
        assert!(starts("時撤回同意。Access logs are kept").is_empty());
        assert!(starts("聯繫。Tel: +852 9123").is_empty());
        assert!(starts("玩dota2的人，atm機").is_empty());
        assert_eq!(ascii_run_end(b"abcdefghij\xe4", 0), 10);
        assert_eq!(ascii_run_end(b"ab", 0), 2);
    }

    #[test]
    fn windows_hold_whole_words_and_a_token_after() {
        let c = chars();
        let text = "昨天隊長ArtStyle離開，德羅巴與阿內爾卡";
        for (i, _) in text.char_indices() {
            let w = window(&c, text, i);
            assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
            assert!(!glued(text.as_bytes(), w.start) && !glued(text.as_bytes(), w.end));
            assert!(w.start <= i && w.end > i);
        }
        // A transliteration runs on past the four characters (德羅巴與 …).
        let at = text.find("阿內爾卡").unwrap();
        assert_eq!(window(&c, text, at).end, text.len());
    }

    #[test]
    fn titles_of_works_and_forms_of_address_are_not_names() {
        let c = chars();
        let span = |text: &str, name: &str| {
            let s = text.find(name).unwrap();
            s..s + name.len()
        };
        let t = "周文華《林語堂的晚年》獲獎";
        assert!(inside_title(t, &span(t, "林語堂")));
        assert!(!inside_title(t, &span(t, "周文華")));
        assert!(plausible(&c, t, &[], &span(t, "周文華")));
        let t = "櫃檯的陳女士為其開票，劉總同意";
        assert!(!plausible(&c, t, &[], &span(t, "陳女士")));
        assert!(!plausible(&c, t, &[], &span(t, "劉總")));
        assert!(!plausible(&c, "王說", &[], &(0..3)));
    }

    #[test]
    fn the_gates_ring_scores_as_the_gate_it_learnt() {
        // The ring in `Gate::starts` inlines `Gate::score` with an early exit; both must
        // pick the same starts, Traditional and Simplified, at the text's edges too.
        let tagger = Tagger::new(&NameModel::new());
        let gate = &tagger.gate;
        let pool: Vec<char> = "王李張张陳陈林黃黄吳吴劉刘周明華华建國国偉伟芳的了是在和說说，。、記者表示德羅罗巴斯基"
            .chars()
            .collect();
        let mut rng = Rng(11);
        let mut starts = Vec::new();
        let (mut started, mut han) = (0, 0);
        for _ in 0..500 {
            let n = 1 + (rng.next() % 20) as usize;
            let text: String = (0..n)
                .map(|_| pool[(rng.next() % pool.len() as u64) as usize])
                .collect();
            let at: Vec<(usize, char)> = text.char_indices().collect();
            let place =
                |k: Option<usize>| k.and_then(|k| at.get(k)).and_then(|&(_, c)| han_slot(c));
            let expected: Vec<usize> = (0..at.len())
                .filter(|&k| han_slot(at[k].1).is_some())
                .filter(|&k| {
                    let slots = [
                        place(k.checked_sub(1)),
                        place(Some(k)),
                        place(Some(k + 1)),
                        place(Some(k + 2)),
                    ];
                    let keys = slots.map(|s| s.map_or(0, |s| gate.han[s].1));
                    gate.score(&GateInput { slots, keys }) >= gate.threshold
                })
                .map(|k| at[k].0)
                .collect();
            starts.clear();
            gate.starts(&text, &mut starts);
            assert_eq!(starts, expected, "{text}");
            started += starts.len();
            han += text.chars().filter(|&c| han_slot(c).is_some()).count();
        }
        // Both ways are taken: the gate lets some characters through, not all.
        assert!(started > 0 && started < han, "{started} of {han}");
    }

    #[test]
    fn the_shipped_model_loads_and_bad_bytes_do_not() {
        let names = NameModel::new();
        let tagger = Tagger::new(&names);
        assert!(
            tagger.gate.threshold > i32::MIN,
            "the shipped gate is trained"
        );
        assert!(tagger.not_names.contains("切尔西"));
        assert!(Tagger::from_bytes(&MODEL[..MODEL.len() - 1], &names).is_none());
        assert!(Tagger::from_bytes(b"GZNT", &names).is_none());
        let mut other = MODEL.to_vec();
        other[4] = VERSION + 1;
        assert!(Tagger::from_bytes(&other, &names).is_none());
        // A known team next to a name's reading is not a name; a person is.
        let t = "切爾西主場迎戰阿森納";
        assert!(tagger.known_not_name(t, &(0..9)));
        assert!(!tagger.known_not_name("王小明", &(0..9)));
    }

    #[test]
    fn training_learns_names_from_their_context() {
        // Sentences of a few shapes with names drawn from two small lists; the model must
        // then read a name it never saw, in a sentence it never saw.
        let surnames = ["王", "李", "張", "陳", "林", "黃", "吳", "劉"];
        let givens = [
            "小明", "大同", "美玲", "建國", "志強", "淑芬", "家豪", "雅婷",
        ];
        let shapes = [
            ("記者", "報導，會議今天召開。"),
            ("昨天", "表示將會出席。"),
            ("主任", "說明了預算安排。"),
            ("", "認為這個計畫可行。"),
        ];
        let mut rng = Rng(11);
        let mut examples = Vec::new();
        for k in 0..400 {
            let (before, after) = shapes[k % shapes.len()];
            let name = format!(
                "{}{}",
                surnames[(rng.next() % 8) as usize],
                givens[(rng.next() % 8) as usize]
            );
            let text = format!("{before}{name}{after}");
            let start = before.len();
            examples.push(training::Example {
                names: std::iter::once(start..start + name.len()).collect(),
                text,
            });
            examples.push(training::Example {
                text: format!("{before}會議{after}"),
                names: vec![],
            });
        }
        let options = training::Options {
            bits: 14,
            epochs: 4,
            gate_recall: 0.99,
            words: vec!["會議".to_string()],
            english: vec![],
            seed: 1,
        };
        let bytes = training::train(&examples, &options, |_, _| {});
        let model = training::Trained::from_bytes(&bytes).unwrap();
        let text = "昨天周杰倫表示將會出席。";
        let found: Vec<&str> = model
            .names(text, false)
            .iter()
            .map(|(r, _)| &text[r.clone()])
            .collect();
        assert_eq!(found, ["周杰倫"]);
        let found = model.names("昨天會議表示將會出席。", false);
        assert!(found.is_empty(), "{found:?}");
    }
}
