//! Rich Text Format, through rtf-parser-tt (code pages such as `\ansicpg950` Big5 and
//! negative `\uN` decoded): the body one paragraph per line, then footnotes, headers
//! and footers as parts of their own. Hidden text is read too: it is still in the file.

use rtf_parser_tt::{Part, RtfDocument, RtfError};

use crate::{human, Cx, DocPath, Input, Place, TextPiece, Unread};

pub(crate) fn read(cx: &mut Cx<'_>, _doc: &DocPath, input: Input) -> Result<(), Unread> {
    // The parser holds the whole file and its tokens: bound it like a member held in memory.
    let cap = cx.budget.limits().max_member_in_memory;
    if input.len() > cap {
        return Err(Unread::limit(format!(
            "RTF larger than {} is not read (it is parsed whole)",
            human(cap)
        )));
    }
    let bytes = input.into_bytes(&mut cx.budget)?;
    let doc = RtfDocument::from_bytes(&bytes).map_err(|e| {
        // The parser's messages can quote the file: say only which stage failed.
        Unread::error(match e {
            RtfError::Lexer(_) => "not readable RTF (broken control words or groups)",
            RtfError::Parser(_) => "not readable RTF (broken document structure)",
            _ => "not readable RTF",
        })
    })?;
    drop(bytes);
    cx.budget.check_time()?;
    let mut parts: Vec<(&str, String)> = ["body", "footnotes", "header", "footer"]
        .iter()
        .map(|p| (*p, String::new()))
        .collect();
    for block in &doc.body {
        let i = match block.part {
            Part::Note(_) => 1,
            Part::Header => 2,
            Part::Footer => 3,
            _ => 0,
        };
        parts[i].1.push_str(&block.text);
    }
    for (name, text) in parts {
        // Paragraphs end with a line break; carriage returns would count twice.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        if !text.trim().is_empty() {
            cx.sink
                .text(&TextPiece::whole(&text, Place::Part(name.to_string())));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{collect_bytes, Options, Place, UnreadKind};

    fn body(rtf: &[u8]) -> Vec<(Place, String)> {
        let c = collect_bytes("a.rtf", rtf.to_vec(), &Options::default());
        assert_eq!(c.docs[0].result, Ok(()), "{:?}", c.docs[0].result);
        c.docs[0].texts.clone()
    }

    #[test]
    fn big5_and_unicode_escapes() {
        // 陳美玲 in Big5: B3AF ACFC ACC2; 身分證 as \u with negative values where ≥ 0x8000.
        let rtf = b"{\\rtf1\\ansi\\ansicpg950\\deff0{\\fonttbl{\\f0\\fnil\\fcharset136 PMingLiU;}}\\f0 \\'b3\\'af\\'ac\\'fc\\'ac\\'c2\\par\n\\uc1\\u-29013?\\u20998?\\u-29879?\\u23383?\\u-31137?\\u-230?A123456789\\par\n0912-345-678\\par}";
        let texts = body(rtf);
        assert_eq!(texts.len(), 1);
        assert_eq!(texts[0].0, Place::Part("body".into()));
        let lines: Vec<&str> = texts[0].1.lines().collect();
        assert_eq!(lines[0], "陳美玲");
        assert_eq!(lines[1], "身分證字號：A123456789");
        assert_eq!(lines[2], "0912-345-678");
    }

    #[test]
    fn headers_and_footnotes_are_parts() {
        let rtf = r"{\rtf1\ansi{\header\pard 機密\par}Body text{\super\chftn}{\footnote\pard\plain{\super\chftn} 註 0912345678}\par}".as_bytes();
        let texts = body(rtf);
        let find = |p: &str| {
            texts
                .iter()
                .find(|(pl, _)| pl == &Place::Part(p.into()))
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        };
        assert!(find("body").contains("Body text"), "{texts:?}");
        assert!(find("footnotes").contains("0912345678"), "{texts:?}");
        assert!(find("header").contains("機密"), "{texts:?}");
    }

    #[test]
    fn broken_rtf_is_an_error() {
        let c = collect_bytes(
            "a.rtf",
            b"{\\rtf1\\ansi \\'zz{{{".to_vec(),
            &Options::default(),
        );
        let r = &c.docs[0].result;
        assert!(
            r.is_ok() || r.as_ref().unwrap_err().kind == UnreadKind::Error,
            "{r:?}"
        );
    }
}
