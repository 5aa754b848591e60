//! Check-digit and plausibility validators, one per identifier, following
//! `shared/domain/identifiers.md`. Each takes the identifier in normalised ASCII
//! (upper-case letters, separators removed) and answers whether it is valid.

/// Value of a Taiwan ID's first letter (A=10 … with the out-of-order I, O, W, Z).
fn tw_letter_value(c: u8) -> Option<u32> {
    const ORDER: &[u8; 26] = b"ABCDEFGHJKLMNPQRSTUVXYWZIO";
    ORDER.iter().position(|&x| x == c).map(|p| p as u32 + 10)
}

/// The weighted sum shared by the national ID and both resident-certificate styles.
fn tw_id_sum(first: u8, second_value: u32, rest: &[u8]) -> Option<u32> {
    let n = tw_letter_value(first)?;
    let mut sum = n / 10 + (n % 10) * 9 + second_value * 8;
    const WEIGHTS: [u32; 8] = [7, 6, 5, 4, 3, 2, 1, 1];
    for (d, w) in rest.iter().zip(WEIGHTS) {
        if !d.is_ascii_digit() {
            return None;
        }
        sum += u32::from(d - b'0') * w;
    }
    Some(sum)
}

/// 身分證字號: `[A-Z][12][0-9]{8}` with the check digit.
pub fn tw_national_id(s: &[u8]) -> bool {
    s.len() == 10
        && matches!(s[1], b'1' | b'2')
        && tw_id_sum(s[0], u32::from(s[1] - b'0'), &s[2..]).is_some_and(|v| v % 10 == 0)
}

/// 居留證 / 統一證號: new style `[A-Z][89][0-9]{8}` or old style `[A-Z][A-D][0-9]{8}`.
pub fn tw_resident_id(s: &[u8]) -> bool {
    if s.len() != 10 {
        return false;
    }
    let second = match s[1] {
        b'8' | b'9' => u32::from(s[1] - b'0'),
        // Old style: the second letter counts as the units digit of its letter value.
        b'A'..=b'D' => tw_letter_value(s[1]).map(|v| v % 10).unwrap_or(99),
        _ => return false,
    };
    tw_id_sum(s[0], second, &s[2..]).is_some_and(|v| v % 10 == 0)
}

/// 統一編號 (UBN): 8 digits; valid under the 2023 divisible-by-5 rule, which
/// also accepts every number valid under the old divisible-by-10 rule.
pub fn tw_ubn(s: &[u8]) -> bool {
    if s.len() != 8 || !s.iter().all(u8::is_ascii_digit) {
        return false;
    }
    const WEIGHTS: [u32; 8] = [1, 2, 1, 2, 1, 2, 4, 1];
    let sum: u32 = s
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| {
            let p = u32::from(d - b'0') * w;
            p / 10 + p % 10
        })
        .sum();
    sum.is_multiple_of(5) || (s[6] == b'7' && (sum + 1).is_multiple_of(5))
}

/// HKID: one or two letters, six digits, a check character (0-9 or A); no brackets.
pub fn hk_id(s: &[u8]) -> bool {
    let (letters, rest) = match s.len() {
        8 => (&s[..1], &s[1..]),
        9 => (&s[..2], &s[2..]),
        _ => return false,
    };
    if !letters.iter().all(u8::is_ascii_uppercase) || !rest[..6].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut values = Vec::with_capacity(8);
    if letters.len() == 1 {
        values.push(36);
    }
    values.extend(letters.iter().map(|c| u32::from(c - b'A') + 10));
    values.extend(rest[..6].iter().map(|d| u32::from(d - b'0')));
    let sum: u32 = values.iter().zip((2..=9).rev()).map(|(v, w)| v * w).sum();
    let check = (11 - sum % 11) % 11;
    match rest[6] {
        b'A' => check == 10,
        d @ b'0'..=b'9' => check == u32::from(d - b'0'),
        _ => false,
    }
}

/// Whether `y-m-d` is a real calendar date.
pub fn real_date(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

fn digits_value(s: &[u8]) -> u32 {
    s.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0'))
}

/// Province-level codes of GB/T 2260 (first two digits), including 71 (Taiwan),
/// 81 (Hong Kong), 82 (Macao) and 83 (residence permits of Taiwan residents).
fn cn_province(code: u32) -> bool {
    matches!(code, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83)
}

/// 居民身份证号码: 18 characters, MOD 11-2 check, a real birth date, a province code.
pub fn cn_resident_id(s: &[u8]) -> bool {
    if s.len() != 18 || !s[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !cn_province(digits_value(&s[..2])) {
        return false;
    }
    let (y, m, d) = (
        digits_value(&s[6..10]),
        digits_value(&s[10..12]),
        digits_value(&s[12..14]),
    );
    if !(1880..=2100).contains(&y) || !real_date(y, m, d) {
        return false;
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = s[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| u32::from(c - b'0') * w)
        .sum();
    let check = (12 - sum % 11) % 11;
    match s[17] {
        b'X' | b'x' => check == 10,
        c @ b'0'..=b'9' => check == u32::from(c - b'0'),
        _ => false,
    }
}

/// The first-generation (15-digit) resident ID: a province code and a real 19YYMMDD date.
/// It has no check digit, so callers also need context.
pub fn cn_resident_id_15(s: &[u8]) -> bool {
    s.len() == 15
        && s.iter().all(u8::is_ascii_digit)
        && cn_province(digits_value(&s[..2]))
        && real_date(
            1900 + digits_value(&s[6..8]),
            digits_value(&s[8..10]),
            digits_value(&s[10..12]),
        )
}

/// 统一社会信用代码: 18 symbols from a 31-symbol alphabet, MOD 31 check.
pub fn cn_uscc(s: &[u8]) -> bool {
    const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    if s.len() != 18 || !s[2..8].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut values = [0u32; 18];
    for (i, c) in s.iter().enumerate() {
        match ALPHABET.iter().position(|a| a == c) {
            Some(v) => values[i] = v as u32,
            None => return false,
        }
    }
    let mut weight = 1u32;
    let mut sum = 0u32;
    for v in &values[..17] {
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    values[17] == (31 - sum % 31) % 31
}

/// The Luhn (mod 10) check of payment cards.
pub fn luhn(digits: &[u8]) -> bool {
    if digits.len() < 2 || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut sum = 0;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

/// Whether a card number's prefix and length belong to a known issuer network.
pub fn card_issuer(digits: &[u8]) -> Option<&'static str> {
    let len = digits.len();
    let prefix = |n: usize| digits_value(&digits[..n.min(len)]);
    let p2 = prefix(2);
    let p3 = prefix(3);
    let p4 = prefix(4);
    let p6 = prefix(6);
    match () {
        _ if digits[0] == b'4' && matches!(len, 13 | 16 | 19) => Some("Visa"),
        _ if ((51..=55).contains(&p2) || (2221..=2720).contains(&p4)) && len == 16 => {
            Some("Mastercard")
        }
        _ if matches!(p2, 34 | 37) && len == 15 => Some("American Express"),
        // JCB's range is 3528-3589; generators and older cards use all of 35xx.
        _ if p2 == 35 && (16..=19).contains(&len) => Some("JCB"),
        _ if matches!(p4, 1800 | 2131) && len == 15 => Some("JCB"),
        _ if (p4 == 6011 || p2 == 65 || (644..=649).contains(&p3)) && (16..=19).contains(&len) => {
            Some("Discover")
        }
        _ if p2 == 62 && (16..=19).contains(&len) => Some("UnionPay"),
        _ if ((300..=305).contains(&p3) || p2 == 36 || p2 == 38) && (14..=19).contains(&len) => {
            Some("Diners Club")
        }
        _ if (622126..=622925).contains(&p6) => Some("UnionPay"),
        _ if (matches!(
            p4,
            5018 | 5020 | 5038 | 6304 | 6759 | 6761 | 6762 | 6763 | 6390 | 604
        ) || (56..=58).contains(&p2))
            && (12..=19).contains(&len) =>
        {
            Some("Maestro")
        }
        _ => None,
    }
}

/// ICAO 9303 check digit over an MRZ field (digits, A-Z, `<`).
pub fn icao_check_digit(field: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (c, w) in field.iter().zip([7u32, 3, 1].iter().cycle()) {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            b'<' => 0,
            _ => return None,
        };
        sum += v * w;
    }
    Some((sum % 10) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taiwan_national_id_vectors() {
        for ok in [
            "A123456789",
            "F131104093",
            "O158238845",
            "N116247806",
            "L122544270",
            "C180661564",
            "Y123456788",
        ] {
            assert!(tw_national_id(ok.as_bytes()), "{ok}");
        }
        for bad in ["A123456788", "A12345678", "A323456789", "a123456789"] {
            assert!(!tw_national_id(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn taiwan_resident_id_vectors() {
        for ok in [
            "A800000014",
            "A900207177",
            "B801300667",
            "T900251126",
            "A870000015",
            "AA00000009",
            "AB23456789",
            "AB00207171",
            "AC03095424",
            "BD01300667",
            "HD02717288",
        ] {
            assert!(tw_resident_id(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "A800000000",
            "AA00000000",
            "AE23456785",
            "AA23456786",
            "A123456789",
        ] {
            assert!(!tw_resident_id(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn ubn_vectors_including_the_2023_rule() {
        for ok in ["00501503", "04595252", "12345675"] {
            assert!(tw_ubn(ok.as_bytes()), "{ok}");
        }
        for bad in ["00501502", "12345678", "1234567"] {
            assert!(!tw_ubn(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn hkid_vectors() {
        for ok in ["A1234563", "CA1823611", "G123456A"] {
            assert!(hk_id(ok.as_bytes()), "{ok}");
        }
        assert!(hk_id(b"X666836A") && hk_id(b"C922001A"));
        for bad in ["C8763000", "A1234564", "R7416103"] {
            assert!(!hk_id(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn cn_ids() {
        assert!(cn_resident_id(b"11010519491231002X"));
        assert!(cn_resident_id(b"360426199101010071"));
        assert!(!cn_resident_id(b"110105194912310021"));
        assert!(!cn_resident_id(b"21138119791108601X"));
        // Valid check digit but 30 February is no birth date.
        assert!(!cn_resident_id(b"110105194902300000"));
        assert!(cn_uscc(b"91110000600037341L"));
        assert!(cn_uscc(b"9144030071526726XG"));
        assert!(cn_uscc(b"91350100M000100Y43"));
        assert!(!cn_uscc(b"91110000600037341M"));
    }

    #[test]
    fn cards_and_icao() {
        assert!(luhn(b"4111111111111111"));
        assert!(!luhn(b"4111111111111112"));
        assert_eq!(card_issuer(b"4111111111111111"), Some("Visa"));
        assert_eq!(card_issuer(b"180038507058339"), Some("JCB"));
        assert_eq!(card_issuer(b"9111111111111111"), None);
        assert_eq!(icao_check_digit(b"L898902C3"), Some(6));
        assert_eq!(icao_check_digit(b"740812"), Some(2));
        assert_eq!(icao_check_digit(b"120415"), Some(9));
    }

    #[test]
    fn dates() {
        assert!(real_date(2024, 2, 29));
        assert!(!real_date(2023, 2, 29));
        assert!(!real_date(1900, 2, 29));
        assert!(!real_date(2000, 13, 1));
    }
}
