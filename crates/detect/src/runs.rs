//! Finds *runs*: stretches of identifier-like characters (ASCII or full-width letters,
//! digits and the usual separators) around an anchor (a digit or `@`).
//!
//! Why: identifiers and contact data make up a few percent of the bytes of real text.
//! Skipping to anchors with a vectorisable scan and normalising only the short runs
//! around them is several times faster than running a multi-pattern regex over all
//! the text, and it lets full-width forms (０９１２, Ａ) match while every span still
//! points into the original text.

/// A run in normalised form, with the map back to the original byte offsets.
pub(crate) struct Run {
    /// Normalised ASCII bytes (full-width forms folded to ASCII).
    pub norm: Vec<u8>,
    /// `map[i]` is the original byte offset of `norm[i]`; `map[norm.len()]` is the run's end.
    pub map: Vec<usize>,
    /// Number of digits in the run.
    pub digits: usize,
}

impl Run {
    /// Original byte span of the normalised range `a..b`.
    pub fn span(&self, a: usize, b: usize) -> (usize, usize) {
        (self.map[a], self.map[b])
    }
}

/// What an identifier-class character at a position is: its ASCII form and byte length.
#[inline]
fn class_at(h: &[u8], i: usize) -> Option<(u8, usize)> {
    let b = *h.get(i)?;
    if b < 0x80 {
        return ascii_class(b).then_some((b, 1));
    }
    if b == 0xEF && i + 2 < h.len() {
        let ascii = fullwidth_to_ascii(h[i + 1], h[i + 2])?;
        return fullwidth_class(ascii).then_some((ascii, 3));
    }
    None
}

/// Same, for the character that ends at `j` (exclusive).
#[inline]
fn class_before(h: &[u8], j: usize) -> Option<(u8, usize)> {
    if j == 0 {
        return None;
    }
    let b = h[j - 1];
    if b < 0x80 {
        return ascii_class(b).then_some((b, 1));
    }
    if j >= 3 && h[j - 3] == 0xEF {
        let ascii = fullwidth_to_ascii(h[j - 2], h[j - 1])?;
        return fullwidth_class(ascii).then_some((ascii, 3));
    }
    None
}

/// Full-width forms U+FF01..U+FF5E are ASCII 0x21..0x7E shifted by 0xFEE0.
#[inline]
fn fullwidth_to_ascii(b1: u8, b2: u8) -> Option<u8> {
    match b1 {
        0xBC if (0x81..=0xBF).contains(&b2) => Some(b2 - 0x60),
        0xBD if (0x80..=0x9E).contains(&b2) => Some(b2 - 0x20),
        _ => None,
    }
}

#[inline]
fn ascii_class(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'@' | b'.' | b'+' | b'-' | b'_' | b'(' | b')' | b'/' | b':' | b'%'
        )
}

/// Full-width forms that join a run. The full-width colon (：) does not: in Chinese
/// text it separates a label from its value.
#[inline]
fn fullwidth_class(ascii: u8) -> bool {
    ascii != b':' && ascii_class(ascii)
}

#[inline]
fn is_anchor_byte(b: u8) -> bool {
    (b.wrapping_sub(b'0') < 10) | (b == b'@')
}

/// The next position at or after `i` that may start an anchor.
#[inline]
fn next_anchor(h: &[u8], from: usize) -> Option<usize> {
    const LANES: usize = 32;
    let mut i = from;
    loop {
        // Skip whole blocks with a branch-free OR over the lanes, which vectorises.
        // A full-width digit is EF BC 90..99 (＠ is EF BC A0): testing the BC byte with
        // the byte after it keeps full-width punctuation (，EF BC 8C) out of the slow path.
        while i + LANES < h.len() {
            let chunk: &[u8; LANES] = h[i..i + LANES].try_into().unwrap();
            let next: &[u8; LANES] = h[i + 1..i + 1 + LANES].try_into().unwrap();
            let mut any = false;
            for (&b, &n) in chunk.iter().zip(next) {
                any |=
                    is_anchor_byte(b) | ((b == 0xBC) & ((n.wrapping_sub(0x90) < 10) | (n == 0xA0)));
            }
            if any {
                break;
            }
            i += LANES;
        }
        // Look closely only inside this block (plus the lead byte before a BC hit).
        i = i.saturating_sub(1).max(from);
        let block_end = (i + LANES + 2).min(h.len());
        while i < block_end {
            let b = h[i];
            if b.wrapping_sub(b'0') < 10 || b == b'@' {
                return Some(i);
            }
            if b == 0xEF && i + 2 < h.len() {
                if let Some(a) = fullwidth_to_ascii(h[i + 1], h[i + 2]) {
                    if a.is_ascii_digit() || a == b'@' {
                        return Some(i);
                    }
                }
            }
            i += 1;
        }
        if i >= h.len() {
            return None;
        }
    }
}

/// Whether a single space between these two normalised characters joins them into one
/// run, as in `+852 9680 1064`, `(02) 2071-3943` or `4111 1111 1111 1111`.
#[inline]
fn space_joins(left: u8, right: u8) -> bool {
    (left.is_ascii_digit() || left == b')') && (right.is_ascii_digit() || right == b'(')
}

/// Calls `f` with every run that contains enough digits or an `@` to hold an identifier.
pub(crate) fn for_each_run(text: &str, mut f: impl FnMut(&Run)) {
    let h = text.as_bytes();
    let mut floor = 0; // runs never reach back before the end of the previous one
    let mut run = Run {
        norm: Vec::with_capacity(64),
        map: Vec::with_capacity(65),
        digits: 0,
    };
    let mut pos = 0;
    while let Some(anchor) = next_anchor(h, pos) {
        // Expand left.
        let mut start = anchor;
        loop {
            if let Some((_, len)) = class_before(h, start) {
                if start - len < floor {
                    break;
                }
                start -= len;
            } else if start >= floor + 2 && h[start - 1] == b' ' {
                let right = class_at(h, start).map(|c| c.0).unwrap_or(0);
                match class_before(h, start - 1) {
                    Some((left, len)) if space_joins(left, right) && start - 1 - len >= floor => {
                        start -= 1
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        // Expand right, counting what the run holds; normalise only runs worth a look.
        let mut i = start;
        let (mut digits, mut has_at, mut last) = (0usize, false, 0u8);
        let mut any = false;
        loop {
            if let Some((c, len)) = class_at(h, i) {
                digits += c.is_ascii_digit() as usize;
                has_at |= c == b'@';
                last = c;
                any = true;
                i += len;
            } else if any
                && i < h.len()
                && h[i] == b' '
                && class_at(h, i + 1).is_some_and(|(right, _)| space_joins(last, right))
            {
                last = b' ';
                i += 1;
            } else {
                break;
            }
        }
        if i <= anchor {
            // The anchor byte was a full-width form that is not a digit; move on.
            pos = anchor + 1;
            continue;
        }
        floor = i;
        pos = i;
        if !(has_at || digits >= 6 || (i - start >= 7 && worth_a_closer_look(&h[start..i]))) {
            continue;
        }
        run.norm.clear();
        run.map.clear();
        run.digits = digits;
        let mut j = start;
        while j < i {
            match class_at(h, j) {
                Some((c, len)) => {
                    run.norm.push(c);
                    run.map.push(j);
                    j += len;
                }
                None => {
                    run.norm.push(b' ');
                    run.map.push(j);
                    j += 1;
                }
            }
        }
        run.map.push(i);
        f(&run);
    }
}

/// Short runs that may still hold an IPv4 address, an IPv6 address or a licence plate
/// (full-width forms are rare there; they are judged on their ASCII bytes).
fn worth_a_closer_look(norm: &[u8]) -> bool {
    let dots = norm.iter().filter(|&&c| c == b'.').count();
    let colons = norm.iter().filter(|&&c| c == b':').count();
    let hyphen_and_letter = norm.contains(&b'-') && norm.iter().any(u8::is_ascii_alphabetic);
    dots >= 3 || colons >= 2 || hyphen_and_letter
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for_each_run(text, |r| {
            let (s, e) = r.span(0, r.norm.len());
            out.push((
                String::from_utf8(r.norm.clone()).unwrap(),
                text[s..e].to_string(),
            ));
        });
        out
    }

    #[test]
    fn joins_phone_groups_and_stops_at_words() {
        let r = runs("請打 +852 9680 1064 找我，或 (02) 2071-3943。");
        assert_eq!(r[0].0, "+852 9680 1064");
        assert_eq!(r[1].0, "(02) 2071-3943");
        let r = runs("call 17953241552 if you");
        assert_eq!(
            r,
            vec![("17953241552".to_string(), "17953241552".to_string())]
        );
    }

    #[test]
    fn folds_full_width_and_maps_back() {
        let text = "手機：０９１２－３４５－６７８";
        let r = runs(text);
        assert_eq!(r[0].0, "0912-345-678");
        assert_eq!(r[0].1, "０９１２－３４５－６７８");
    }

    #[test]
    fn short_numbers_are_skipped() {
        assert!(runs("2026年3月5日 共 12 人").is_empty());
    }
}
