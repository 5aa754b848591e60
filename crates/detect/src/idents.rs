//! The identifier pass: government IDs, phones, e-mails, cards, accounts, IP addresses,
//! company numbers. Each recogniser is a small ASCII-only regex run over a normalised
//! [`Run`], followed by its validator and context scoring.

use std::cell::OnceCell;

use regex_automata::meta::Regex;
use regex_automata::Input;

use crate::context::{self, ContextWords, Seen};
use crate::runs::{for_each_run, Run};
use crate::validate;
use crate::{Finding, Kind, KindSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Email,
    Ipv4,
    Ipv6,
    TwId,
    HkId,
    CnRic,
    CnUscc,
    Card,
    Phone,
    Digits,
    MoId,
    LetterDigits,
    Plate,
}

impl Rule {
    fn kinds(self) -> &'static [Kind] {
        match self {
            Rule::Email => &[Kind::Email],
            Rule::Ipv4 | Rule::Ipv6 => &[Kind::IpAddress],
            Rule::TwId => &[Kind::TwNationalId, Kind::TwResidentId],
            Rule::HkId => &[Kind::HkId],
            Rule::CnRic => &[Kind::CnResidentId],
            Rule::CnUscc => &[Kind::CnUscc],
            Rule::Card => &[Kind::CreditCard],
            Rule::Phone => &[Kind::Phone],
            Rule::Digits => &[
                Kind::TwNhiCard,
                Kind::TwPassport,
                Kind::TwUbn,
                Kind::BankAccount,
            ],
            Rule::MoId => &[Kind::MoId],
            Rule::LetterDigits => &[Kind::Passport],
            Rule::Plate => &[Kind::TwLicensePlate],
        }
    }
}

const SEP: &str = r"[ \-]?";

fn patterns() -> Vec<(Rule, String)> {
    let hk_prefix = r"(?:\+|00)852[ \-]?";
    vec![
        (Rule::Email, r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}".into()),
        (Rule::Ipv4, r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])".into()),
        (Rule::Ipv6, r"[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}".into()),
        (Rule::TwId, r"[A-Z][0-9A-D][0-9]{8}".into()),
        (Rule::HkId, r"[A-Z]{1,2}[0-9]{6} ?(?:\([0-9A]\)|[0-9A])".into()),
        (Rule::CnRic, r"[1-9][0-9]{16}[0-9Xx]".into()),
        (Rule::CnUscc, r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}".into()),
        (Rule::Card, format!(r"[0-9]{{4}}(?:{SEP}[0-9]{{4}}){{2}}{SEP}[0-9]{{1,7}}|3[47][0-9]{{2}}{SEP}[0-9]{{6}}{SEP}[0-9]{{5}}|[0-9]{{12,19}}")),
        (
            Rule::Phone,
            [
                // Taiwan mobile, domestic or +886.
                format!(r"(?:(?:\+|00)886[ \-]?(?:\(0\)|0)?|0)9[0-9]{{2}}{SEP}[0-9]{{3}}{SEP}[0-9]{{3}}"),
                // Taiwan landline: (02) 2071-3943, 02-2071-3943, +886 2 2071 3943.
                format!(r"(?:(?:\+|00)886[ \-]?\(?0?[2-8][0-9]{{0,2}}\)?|\(0[2-8][0-9]{{0,2}}\)|0[2-8][0-9]{{0,2}}){SEP}[0-9]{{3,4}}{SEP}[0-9]{{4}}"),
                // Mainland mobile.
                format!(r"(?:(?:\+|00)86[ \-]?)?1[3-9][0-9]{SEP}[0-9]{{4}}{SEP}[0-9]{{4}}"),
                // Hong Kong and Macau: 8 digits.
                format!(r"(?:{hk_prefix}|(?:\+|00)853[ \-]?)?[2-9][0-9]{{3}}{SEP}[0-9]{{4}}"),
                // Any other international number.
                r"(?:\+|00)[1-9][0-9]{0,2}(?:[ \-]?\(?[0-9]{1,4}\)?){2,5}".into(),
                // North American numbers as written: (415) 555-0100, 415-555-0100, 415.555.0100.
                r"(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[\-.])[2-9][0-9]{2}[\-.][0-9]{4}".into(),
            ]
            .join("|"),
        ),
        (Rule::Digits, r"[0-9](?:[0-9]|[ \-][0-9]){6,22}".into()),
        (Rule::MoId, r"[157]/?[0-9]{6}/?(?:\([0-9]\)|[0-9])".into()),
        (Rule::LetterDigits, r"[A-Z]{1,2}[0-9]{6,8}".into()),
        (Rule::Plate, r"[A-Z]{2,3}-[0-9]{3,4}|[0-9]{4}-[A-Z0-9]{2}|[A-Z0-9]{2}-[0-9]{4}".into()),
    ]
}

/// The compiled recognisers of the identifier pass.
pub(crate) struct Identifiers {
    rules: Vec<(Rule, Regex)>,
}

impl Identifiers {
    pub fn new(enabled: KindSet) -> Identifiers {
        let rules = patterns()
            .into_iter()
            .filter(|(rule, _)| rule.kinds().iter().any(|k| enabled.contains(*k)))
            .map(|(rule, pattern)| {
                let regex = crate::ascii_regex(&format!("{rule:?}"), &pattern);
                (rule, regex)
            })
            .collect();
        Identifiers { rules }
    }

    /// Appends the identifier findings of `text` to `out`.
    pub fn find(&self, text: &str, words: &ContextWords, out: &mut Vec<Finding>) {
        for_each_run(text, |run| {
            let seen: OnceCell<Seen> = OnceCell::new();
            let shape = Shape::of(run);
            for (rule, regex) in self.rules.iter().filter(|(rule, _)| shape.may_hold(*rule)) {
                for m in regex.find_iter(Input::new(&run.norm)) {
                    let (a, b) = (m.start(), m.end());
                    if !bounded(&run.norm, a, b, *rule) {
                        continue;
                    }
                    let (start, end) = run.span(a, b);
                    let candidate = Candidate {
                        run,
                        a,
                        b,
                        start,
                        end,
                        seen: &seen,
                        words,
                        text,
                    };
                    if let Some(f) = candidate.recognise(*rule) {
                        out.push(f);
                    }
                }
            }
        });
    }
}

/// What a run is made of, to skip the recognisers that cannot match it.
struct Shape {
    digits: usize,
    upper: usize,
    at: bool,
    colons: usize,
    dots: usize,
    hyphen: bool,
    len: usize,
}

impl Shape {
    fn of(run: &Run) -> Shape {
        let mut s = Shape {
            digits: run.digits,
            upper: 0,
            at: false,
            colons: 0,
            dots: 0,
            hyphen: false,
            len: run.norm.len(),
        };
        for &c in &run.norm {
            match c {
                b'A'..=b'Z' => s.upper += 1,
                b'@' => s.at = true,
                b':' => s.colons += 1,
                b'.' => s.dots += 1,
                b'-' => s.hyphen = true,
                _ => {}
            }
        }
        s
    }

    fn may_hold(&self, rule: Rule) -> bool {
        let (d, up) = (self.digits, self.upper > 0);
        match rule {
            Rule::Email => self.at,
            Rule::Ipv4 => self.dots >= 3 && d >= 4,
            Rule::Ipv6 => self.colons >= 2,
            Rule::TwId => up && d >= 8,
            Rule::HkId | Rule::LetterDigits => up && d >= 6,
            Rule::CnRic => d >= 17,
            Rule::CnUscc => d >= 6 && self.len >= 18,
            Rule::Card => d >= 12,
            Rule::Phone | Rule::Digits | Rule::MoId => d >= 7,
            Rule::Plate => up && self.hyphen && d >= 3,
        }
    }
}

/// Whether the match stands alone in its run: no letter or digit glued to either side.
fn bounded(norm: &[u8], a: usize, b: usize, rule: Rule) -> bool {
    let before = a.checked_sub(1).map(|i| norm[i]);
    let after = norm.get(b).copied();
    let glued = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if glued(before) || glued(after) {
        return false;
    }
    match rule {
        // 1.2.3.4.5 is a version or an OID, not an address.
        Rule::Ipv4 => {
            before != Some(b'.')
                && !(after == Some(b'.') && norm.get(b + 1).is_some_and(u8::is_ascii_digit))
        }
        Rule::Email => !before.is_some_and(|c| matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')),
        _ => {
            !matches!(before, Some(b'-' | b'/' | b'.')) || matches!(rule, Rule::Phone | Rule::Card)
        }
    }
}

struct Candidate<'a> {
    run: &'a Run,
    a: usize,
    b: usize,
    start: usize,
    end: usize,
    /// The context of the run, looked up on first use: validated IDs never need it.
    seen: &'a OnceCell<Seen>,
    words: &'a ContextWords,
    text: &'a str,
}

impl Candidate<'_> {
    fn seen(&self) -> &Seen {
        self.seen.get_or_init(|| {
            let (rs, re) = self.run.span(0, self.run.norm.len());
            self.words.around(self.text, rs, re)
        })
    }

    fn raw(&self) -> &[u8] {
        &self.run.norm[self.a..self.b]
    }

    /// The letters and digits of the match, without separators or brackets.
    fn compact(&self) -> Vec<u8> {
        self.raw()
            .iter()
            .copied()
            .filter(u8::is_ascii_alphanumeric)
            .collect()
    }

    fn finding(&self, kind: Kind, score: f32, rule: &'static str) -> Finding {
        Finding::new(kind, self.start, self.end, score, rule)
    }

    fn recognise(&self, rule: Rule) -> Option<Finding> {
        match rule {
            Rule::Email => Some(self.finding(Kind::Email, 0.97, "email.shape").validated()),
            Rule::Ipv4 => {
                let score = if self.seen().has(context::NEGATIVE, 16)
                    && !self.seen().has(context::IP, 16)
                {
                    0.3
                } else {
                    0.9
                };
                Some(self.finding(Kind::IpAddress, score, "ip.v4"))
            }
            Rule::Ipv6 => self.ipv6(),
            Rule::TwId => self.tw_id(),
            Rule::HkId => {
                let id = self.compact();
                validate::hk_id(&id)
                    .then(|| self.finding(Kind::HkId, 0.98, "hk_id.checksum").validated())
            }
            Rule::CnRic => {
                let id = self.compact().to_ascii_uppercase();
                validate::cn_resident_id(&id).then(|| {
                    self.finding(Kind::CnResidentId, 0.99, "cn_ric.checksum")
                        .validated()
                })
            }
            Rule::CnUscc => {
                let id = self.compact();
                // An all-digit 18-character value is far more often a resident ID.
                let all_digits = id.iter().all(u8::is_ascii_digit);
                (validate::cn_uscc(&id)
                    && (!all_digits || self.seen().has(context::USCC | context::UBN, 48)))
                .then(|| {
                    self.finding(Kind::CnUscc, 0.95, "cn_uscc.checksum")
                        .validated()
                })
            }
            Rule::Card => self.card(),
            Rule::Phone => self.phone(),
            Rule::Digits => self.digits(),
            Rule::MoId => self.seen().has(context::MACAU, context::BEFORE).then(|| {
                self.finding(Kind::MoId, 0.8, "mo_id.shape+context")
                    .with_context(self.seen().words(context::MACAU))
            }),
            Rule::LetterDigits => (self.seen().has(context::PASSPORT, 32)
                && self.seen().positive_wins(context::PASSPORT))
            .then(|| {
                self.finding(Kind::Passport, 0.85, "passport.shape+context")
                    .with_context(self.seen().words(context::PASSPORT))
            }),
            Rule::Plate => self.seen().has(context::PLATE, 32).then(|| {
                self.finding(Kind::TwLicensePlate, 0.85, "plate.shape+context")
                    .with_context(self.seen().words(context::PLATE))
            }),
        }
    }

    fn ipv6(&self) -> Option<Finding> {
        let raw = std::str::from_utf8(self.raw()).ok()?;
        let colons = raw.bytes().filter(|&c| c == b':').count();
        let groups = raw.split(':').filter(|g| !g.is_empty()).count();
        if groups < 3 || !(colons == 7 || raw.contains("::")) {
            return None;
        }
        raw.parse::<std::net::Ipv6Addr>().ok()?;
        Some(self.finding(Kind::IpAddress, 0.9, "ip.v6").validated())
    }

    fn tw_id(&self) -> Option<Finding> {
        let id = self.raw();
        if validate::tw_national_id(id) {
            return Some(
                self.finding(Kind::TwNationalId, 0.99, "tw_id.checksum")
                    .validated(),
            );
        }
        if validate::tw_resident_id(id) {
            return Some(
                self.finding(Kind::TwResidentId, 0.99, "tw_resident_id.checksum")
                    .validated(),
            );
        }
        None
    }

    fn card(&self) -> Option<Finding> {
        let digits = self.compact();
        if !(12..=19).contains(&digits.len()) || !validate::luhn(&digits) {
            return None;
        }
        let issuer = validate::card_issuer(&digits)?;
        let card_word = self.seen().has(context::CARD, context::BEFORE);
        let mut score: f32 = match (card_word, digits.len()) {
            (true, _) => 0.99,
            // Short Maestro numbers look like any other reference number.
            (false, 12..=13) => 0.45,
            (false, _) => 0.9,
        };
        let other_number = self
            .seen()
            .has(context::BANK | context::ID | context::PHONE, 24)
            && !card_word;
        if self.seen().negative_wins(context::CARD)
            || other_number
            || self.seen().has_after(context::INVALID)
        {
            score = 0.35;
        }
        Some(
            self.finding(Kind::CreditCard, score, "card.luhn+issuer")
                .validated()
                .with_context(self.seen().words(context::CARD))
                .with_normalized(issuer.to_string()),
        )
    }

    fn phone(&self) -> Option<Finding> {
        let raw = self.raw();
        let digits: Vec<u8> = raw.iter().copied().filter(u8::is_ascii_digit).collect();
        let separated = raw.iter().any(|c| matches!(c, b' ' | b'-' | b'(' | b')'));
        let international = raw.first() == Some(&b'+') || digits.starts_with(b"00");
        let body: &[u8] = if raw.first() == Some(&b'+') {
            &digits
        } else if international {
            &digits[2..]
        } else {
            &digits
        };
        let (e164, base): (String, f32) = if international {
            let nsn_of = |cc: &[u8]| {
                let rest = &body[cc.len()..];
                rest.strip_prefix(b"0").unwrap_or(rest).to_vec()
            };
            if body.starts_with(b"886") {
                let nsn = nsn_of(b"886");
                if !(8..=9).contains(&nsn.len()) {
                    return None;
                }
                (format!("+886{}", ascii(&nsn)), 0.95)
            } else if body.starts_with(b"852") || body.starts_with(b"853") {
                let nsn = &body[3..];
                if nsn.len() != 8 {
                    return None;
                }
                (format!("+{}", ascii(body)), 0.95)
            } else if body.starts_with(b"86") {
                let nsn = nsn_of(b"86");
                if !(10..=11).contains(&nsn.len()) {
                    return None;
                }
                (format!("+86{}", ascii(&nsn)), 0.95)
            } else {
                if !(8..=15).contains(&body.len()) {
                    return None;
                }
                (format!("+{}", ascii(body)), 0.85)
            }
        } else if digits.starts_with(b"09") && digits.len() == 10 {
            (format!("+886{}", ascii(&digits[1..])), 0.9)
        } else if digits.first() == Some(&b'0') {
            if !(9..=10).contains(&digits.len()) {
                return None;
            }
            (
                format!("+886{}", ascii(&digits[1..])),
                if separated { 0.85 } else { 0.55 },
            )
        } else if digits.len() == 10 && separated_like_nanp(raw) {
            (format!("+1{}", ascii(&digits)), 0.75)
        } else if digits.len() == 11 && digits[0] == b'1' {
            (format!("+86{}", ascii(&digits)), 0.85)
        } else if digits.len() == 8 {
            let spaced_in_middle = raw.len() == 9 && matches!(raw[4], b' ' | b'-');
            (
                format!("+852{}", ascii(&digits)),
                if spaced_in_middle { 0.7 } else { 0.45 },
            )
        } else {
            return None;
        };
        let mut score = base;
        let near_phone_word = self.seen().has(context::PHONE, context::BEFORE)
            || self.seen().has_after(context::PHONE);
        if near_phone_word && self.seen().positive_wins(context::PHONE) {
            score += 0.2;
        }
        if self.seen().negative_wins(context::PHONE)
            || self
                .seen()
                .has(context::BANK | context::CARD | context::ID, 20)
                && !near_phone_word
        {
            score -= 0.5;
        }
        Some(
            self.finding(Kind::Phone, score, "phone.shape")
                .with_context(self.seen().words(context::PHONE | context::NEGATIVE))
                .with_normalized(e164),
        )
    }

    /// Bare digit strings that only context can name.
    fn digits(&self) -> Option<Finding> {
        let digits = self.compact();
        let s = self.seen();
        let near = |cats, max| s.has(cats, max) && s.positive_wins(cats);
        let (kind, score, rule, cats, validated) = match digits.len() {
            // First-generation (pre-1999) resident ID: 6-digit area, YYMMDD, 3-digit sequence.
            15 if near(context::ID, context::BEFORE) && validate::cn_resident_id_15(&digits) => (
                Kind::CnResidentId,
                0.85,
                "cn_ric15.date+context",
                context::ID,
                true,
            ),
            12 if near(context::NHI, context::BEFORE) => (
                Kind::TwNhiCard,
                0.85,
                "nhi.shape+context",
                context::NHI,
                false,
            ),
            9 if near(context::PASSPORT, context::BEFORE) => (
                Kind::TwPassport,
                0.85,
                "tw_passport.shape+context",
                context::PASSPORT,
                false,
            ),
            8 if validate::tw_ubn(&digits) && s.has(context::UBN, context::BEFORE) => (
                Kind::TwUbn,
                0.95,
                "tw_ubn.checksum+context",
                context::UBN,
                true,
            ),
            10..=16 if near(context::BANK, context::BEFORE) && !s.has(context::CARD, 24) => (
                Kind::BankAccount,
                0.8,
                "bank_account.shape+context",
                context::BANK,
                false,
            ),
            _ => return None,
        };
        let f = self.finding(kind, score, rule).with_context(s.words(cats));
        Some(if validated { f.validated() } else { f })
    }
}

/// `(415) 555-0100`, `415-555-0100`, `415.555.0100`: three, three and four digits.
fn separated_like_nanp(raw: &[u8]) -> bool {
    let groups: Vec<usize> = raw
        .split(|c| !c.is_ascii_digit())
        .map(<[u8]>::len)
        .filter(|&n| n > 0)
        .collect();
    groups == [3, 3, 4] && raw.iter().any(|c| matches!(c, b'-' | b'.' | b')'))
}

fn ascii(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
