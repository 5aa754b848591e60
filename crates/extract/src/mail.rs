//! Mail: messages (.eml) and mailboxes (mbox) through mail-parser, Outlook messages
//! (.msg) through msg_parser. A message's headers and bodies are its text; attachments
//! and attached messages are documents of their own, opened recursively.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};

use mail_parser::{Address, HeaderName, MessageParser, MimeHeaders, PartType};

use crate::{human, Cx, DocPath, Format, Input, Place, TextPiece, Unread};

pub(crate) fn read(
    cx: &mut Cx<'_>,
    doc: &DocPath,
    format: Format,
    input: Input,
) -> Result<(), Unread> {
    match format {
        Format::Mbox => mbox(cx, doc, input),
        Format::Msg => {
            let bytes = input.into_bytes(&mut cx.budget)?;
            outlook(cx, doc, &bytes)
        }
        _ => {
            let bytes = input.into_bytes(&mut cx.budget)?;
            message(cx, doc, &bytes)
        }
    }
}

/// An attachment's name for its path: control characters replaced, never empty.
fn shown(name: &str, n: usize) -> String {
    let s: String = name
        .trim()
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if s.is_empty() {
        format!("attachment {n}")
    } else {
        s
    }
}

fn emit(cx: &mut Cx<'_>, part: &str, text: &str) {
    if !text.trim().is_empty() {
        cx.sink
            .text(&TextPiece::whole(text, Place::Part(part.to_string())));
    }
}

/// An attachment, within the memory a member may take.
fn attach(cx: &mut Cx<'_>, doc: &DocPath, name: &str, bytes: Vec<u8>) {
    let cap = cx.budget.limits().max_member_in_memory;
    if bytes.len() as u64 > cap {
        cx.sink.unread(
            &doc.child(name),
            &Unread::limit(format!(
                "an attachment larger than {} is not opened",
                human(cap)
            )),
        );
        return;
    }
    cx.nested(doc, name, bytes);
}

/// The encoding a charset label names, more leniently than mail-parser: `big5_tw`,
/// `x-gbk`, `cp950`.
fn encoding_for(label: &str) -> Option<&'static encoding_rs::Encoding> {
    let l = label
        .trim()
        .trim_matches('"')
        .to_ascii_lowercase()
        .replace('_', "-");
    let l = l.strip_prefix("x-").unwrap_or(&l).to_string();
    encoding_rs::Encoding::for_label(l.as_bytes())
        .or(match l.as_str() {
            "cp950" | "ms950" | "big5-tw" | "big5tw" | "big5-hkscs" | "zh-tw" => {
                Some(encoding_rs::BIG5)
            }
            "cp936" | "ms936" | "gb2312-80" | "zh-cn" => Some(encoding_rs::GBK),
            _ => None,
        })
        .or_else(|| {
            // `big5-xxx`, `gb2312-yyy`: the part before the suffix.
            let (head, _) = l.split_once('-')?;
            encoding_rs::Encoding::for_label(head.as_bytes())
        })
        .map(|e| {
            if e == encoding_rs::GBK {
                encoding_rs::GB18030
            } else {
                e
            }
        })
}

/// Bytes in `label`'s encoding, or the encoding chardetng guesses (hint: Taiwan).
fn decode(bytes: &[u8], label: Option<&str>) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let enc = label.and_then(encoding_for).unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new();
        det.feed(bytes, true);
        det.guess(Some(b"tw"), false)
    });
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// RFC 2047 encoded words (`=?big5?B?...?=`) and raw 8-bit bytes of a header value,
/// decoded ourselves: for values mail-parser left with U+FFFD (an unmapped label).
fn decode_header(raw: &[u8]) -> String {
    let mut out = String::new();
    let mut rest = raw;
    let mut last_was_word = false;
    while !rest.is_empty() {
        let Some(start) = find(rest, b"=?") else {
            out.push_str(&decode(rest, None));
            break;
        };
        let word = parse_word(&rest[start..]);
        let Some((text, len)) = word else {
            out.push_str(&decode(&rest[..start + 2], None));
            rest = &rest[start + 2..];
            last_was_word = false;
            continue;
        };
        let between = &rest[..start];
        // Whitespace between two encoded words is not part of the text.
        if !(last_was_word && between.iter().all(|b| b.is_ascii_whitespace())) {
            out.push_str(&decode(between, None));
        }
        out.push_str(&text);
        rest = &rest[start + len..];
        last_was_word = true;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `=?charset?enc?data?=` at the start of `s`: its text and length.
fn parse_word(s: &[u8]) -> Option<(String, usize)> {
    let body = s.get(2..)?;
    let q1 = body.iter().position(|&b| b == b'?')?;
    let charset = std::str::from_utf8(&body[..q1]).ok()?;
    let charset = charset.split('*').next().unwrap_or(charset); // RFC 2231 language
    let enc = *body.get(q1 + 1)?;
    if body.get(q1 + 2) != Some(&b'?') {
        return None;
    }
    let data_start = q1 + 3;
    let end = find(&body[data_start..], b"?=")? + data_start;
    let data = &body[data_start..end];
    let bytes = match enc {
        b'B' | b'b' => mail_parser::decoders::base64::base64_decode(data)?,
        b'Q' | b'q' => {
            let data: Vec<u8> = data
                .iter()
                .map(|&b| if b == b'_' { b' ' } else { b })
                .collect();
            mail_parser::decoders::quoted_printable::quoted_printable_decode(&data)?
        }
        _ => return None,
    };
    let text = match encoding_for(charset) {
        Some(e) => e.decode_without_bom_handling(&bytes).0.into_owned(),
        None => decode(&bytes, None),
    };
    Some((text, 2 + end + 2))
}

fn addresses(a: &Address<'_>) -> String {
    a.iter()
        .map(|x| match (&x.name, &x.address) {
            (Some(n), Some(e)) => format!("{n} <{e}>"),
            (Some(n), None) => n.to_string(),
            (None, Some(e)) => e.to_string(),
            (None, None) => String::new(),
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Nested message/rfc822 and multipart parts one message may declare.
const MAX_NESTED_PARTS: usize = 500;

/// Declarations of parts that can nest (`message/rfc822`, `multipart/…`), counted in the
/// raw bytes, case-insensitively.
fn count_nested_parts(bytes: &[u8]) -> usize {
    let lower = |b: &u8| b.to_ascii_lowercase();
    let mut n = 0;
    for needle in [&b"message/rfc822"[..], b"multipart/"] {
        let first = needle[0];
        n += memchr::memchr2_iter(first, first.to_ascii_uppercase(), bytes)
            .filter(|&i| {
                bytes.len() - i >= needle.len()
                    && bytes[i..i + needle.len()]
                        .iter()
                        .map(lower)
                        .eq(needle.iter().copied())
            })
            .count();
    }
    n
}

/// Reads one RFC 5322 message: headers, bodies, attachments.
fn message(cx: &mut Cx<'_>, doc: &DocPath, bytes: &[u8]) -> Result<(), Unread> {
    // mail-parser parses (and frees) nested parts recursively: thousands of nested
    // message/rfc822 or multipart parts overflow the stack. Count them before parsing.
    let nested = count_nested_parts(bytes);
    if nested > MAX_NESTED_PARTS {
        return Err(Unread::limit(format!(
            "more than {MAX_NESTED_PARTS} nested message or multipart parts: not read (possible mail bomb)"
        )));
    }
    let msg = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| Unread::error("not a readable mail message (no headers)"))?;

    // Headers: decoded by mail-parser, or by us where it left U+FFFD.
    let wanted = [
        (HeaderName::From, "From"),
        (HeaderName::To, "To"),
        (HeaderName::Cc, "Cc"),
        (HeaderName::ReplyTo, "Reply-To"),
        (HeaderName::Subject, "Subject"),
        (HeaderName::Date, "Date"),
    ];
    let mut head = String::new();
    for h in msg.headers() {
        let Some((_, label)) = wanted.iter().find(|(n, _)| *n == h.name) else {
            continue;
        };
        let mut value = match &h.value {
            mail_parser::HeaderValue::Address(a) => addresses(a),
            mail_parser::HeaderValue::Text(t) => t.to_string(),
            mail_parser::HeaderValue::TextList(l) => l.join(", "),
            mail_parser::HeaderValue::DateTime(d) => d.to_rfc3339(),
            _ => String::new(),
        };
        let raw = bytes
            .get(h.offset_start as usize..h.offset_end as usize)
            .unwrap_or_default();
        if value.contains('\u{FFFD}')
            || value.contains("=?")
            || (value.is_empty() && !raw.trim_ascii().is_empty())
        {
            value = decode_header(raw);
        }
        let value = value.replace(['\r', '\n'], " ");
        head.push_str(&format!("{label}: {}\n", value.trim()));
    }
    emit(cx, "headers", &head);

    // Bodies: plain text parts; HTML parts only when there is no plain alternative.
    let mut ids: Vec<u32> = msg
        .text_body
        .iter()
        .chain(msg.html_body.iter())
        .copied()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let has_plain = ids.iter().any(|&i| {
        matches!(
            msg.parts.get(i as usize).map(|p| &p.body),
            Some(PartType::Text(_))
        )
    });
    for &i in &ids {
        let Some(part) = msg.parts.get(i as usize) else {
            continue;
        };
        match &part.body {
            PartType::Text(t) => {
                let text = fix_charset(bytes, part, t);
                emit(cx, "body", &text);
            }
            PartType::Html(h) if !has_plain => {
                let html = fix_charset(bytes, part, h);
                emit(cx, "body", &crate::markup::html_text(&html));
            }
            _ => {}
        }
        cx.budget.check_time()?;
    }

    // Attachments and attached messages.
    for (n, &i) in msg.attachments.iter().enumerate() {
        let Some(part) = msg.parts.get(i as usize) else {
            continue;
        };
        let name = shown(part.attachment_name().unwrap_or(""), n + 1);
        let content: Vec<u8> = match &part.body {
            PartType::Message(m) => {
                let name = if crate::format::extension(&name).is_empty() {
                    format!("{name}.eml")
                } else {
                    name
                };
                attach(cx, doc, &name, m.raw_message().to_vec());
                continue;
            }
            PartType::Text(t) | PartType::Html(t) => t.as_bytes().to_vec(),
            PartType::Binary(b) | PartType::InlineBinary(b) => b.to_vec(),
            PartType::Multipart(_) => continue,
        };
        attach(cx, doc, &name, content);
        cx.budget.check_time()?;
        if cx.sink.cancelled() {
            break;
        }
    }
    Ok(())
}

/// A text part mail-parser decoded with U+FFFD (a charset it does not map, or none):
/// its bytes decoded again with encoding_rs's label lookup or a guess.
fn fix_charset<'a>(raw: &[u8], part: &mail_parser::MessagePart<'_>, text: &'a str) -> Cow<'a, str> {
    if !text.contains('\u{FFFD}') {
        return Cow::Borrowed(text);
    }
    let Some(body) = raw.get(part.offset_body as usize..part.offset_end as usize) else {
        return Cow::Borrowed(text);
    };
    let decoded = match part.encoding {
        mail_parser::Encoding::Base64 => mail_parser::decoders::base64::base64_decode(body),
        mail_parser::Encoding::QuotedPrintable => {
            mail_parser::decoders::quoted_printable::quoted_printable_decode(body)
        }
        mail_parser::Encoding::None => Some(body.to_vec()),
    };
    let Some(bytes) = decoded else {
        return Cow::Borrowed(text);
    };
    let label = part.content_type().and_then(|ct| ct.attribute("charset"));
    let again = decode(&bytes, label);
    if again.matches('\u{FFFD}').count() < text.matches('\u{FFFD}').count() {
        Cow::Owned(again)
    } else {
        Cow::Borrowed(text)
    }
}

/// Most a single line of a mailbox may be before it is cut (hostile files only).
const MBOX_LINE: u64 = 1 << 20;

/// A mailbox, read message by message (never whole): each message is a document
/// `message N` of its own.
fn mbox(cx: &mut Cx<'_>, doc: &DocPath, input: Input) -> Result<(), Unread> {
    let cap = cx.budget.limits().max_member_in_memory;
    let mut reader = BufReader::with_capacity(256 << 10, input.into_reader());
    let mut current: Vec<u8> = Vec::new();
    let mut started = false;
    let mut too_big = false;
    let mut n = 0usize;
    let mut line = Vec::new();
    loop {
        line.clear();
        let got = (&mut reader).take(MBOX_LINE).read_until(b'\n', &mut line)?;
        let eof = got == 0;
        let from_line = !eof && line.starts_with(b"From ");
        if (eof || from_line) && started {
            n += 1;
            let msg = std::mem::take(&mut current);
            if too_big {
                let child = doc.child(format!("message {n}"));
                cx.budget.add_member()?;
                cx.sink.unread(
                    &child,
                    &Unread::limit(format!("a message larger than {} is not read", human(cap))),
                );
            } else {
                one_message(cx, doc, n, msg)?;
            }
            too_big = false;
            if cx.sink.cancelled() {
                return Ok(());
            }
        }
        if eof {
            break;
        }
        if from_line {
            started = true;
            continue;
        }
        if !started {
            // Text before the first `From ` line: a mailbox that does not start as
            // one is read as a single message.
            started = true;
        }
        if too_big {
            continue;
        }
        // mboxrd: `>From ` (any number of `>`) lost one `>` when it was written.
        let unquoted = match line.iter().position(|&b| b != b'>') {
            Some(i) if i > 0 && line[i..].starts_with(b"From ") => &line[1..],
            _ => &line[..],
        };
        if (current.len() + unquoted.len()) as u64 > cap {
            too_big = true;
            current = Vec::new();
            continue;
        }
        current.extend_from_slice(unquoted);
    }
    if n == 0 {
        return Err(Unread::no_text("empty mailbox"));
    }
    Ok(())
}

/// One message of a mailbox, bracketed as a document of its own.
fn one_message(cx: &mut Cx<'_>, doc: &DocPath, n: usize, bytes: Vec<u8>) -> Result<(), Unread> {
    let child = doc.child(format!("message {n}"));
    cx.budget.add_member()?;
    if let Err(why) = cx.budget.check_depth(child.depth()) {
        cx.sink.unread(&child, &why);
        return Ok(());
    }
    cx.sink.begin(&child, Format::Eml, bytes.len() as u64);
    let result =
        catch_unwind(AssertUnwindSafe(|| message(cx, &child, &bytes))).unwrap_or_else(|_| {
            Err(Unread::error(
                "the mail reader failed on this message; it is probably corrupt",
            ))
        });
    cx.sink.end(&child, result);
    cx.budget.check_time()
}

/// An Outlook message: sender, recipients, subject and date as headers, the text body
/// (or the HTML one, or the HTML inside the RTF body), attachments and embedded
/// messages.
fn outlook(cx: &mut Cx<'_>, doc: &DocPath, bytes: &[u8]) -> Result<(), Unread> {
    let msg = msg_parser::Outlook::from_slice(bytes).map_err(|_| {
        Unread::error("not a readable Outlook message (.msg): damaged or not a message")
    })?;
    let person = |p: &msg_parser::Person| match (p.name.trim(), p.email.trim()) {
        ("", "") => String::new(),
        (n, "") => n.to_string(),
        ("", e) => e.to_string(),
        (n, e) => format!("{n} <{e}>"),
    };
    let people = |v: &[msg_parser::Person]| {
        v.iter()
            .map(person)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let date = if msg.headers.date.is_empty() {
        msg.client_submit_time.clone()
    } else {
        msg.headers.date.clone()
    };
    let mut head = String::new();
    for (label, value) in [
        ("From", person(&msg.sender)),
        ("To", people(&msg.to)),
        ("Cc", people(&msg.cc)),
        ("Bcc", people(&msg.bcc)),
        ("Reply-To", msg.headers.reply_to.clone()),
        ("Subject", msg.subject.clone()),
        ("Date", date),
    ] {
        let value = value.replace(['\r', '\n'], " ");
        if !value.trim().is_empty() {
            head.push_str(&format!("{label}: {}\n", value.trim()));
        }
    }
    emit(cx, "headers", &head);
    if !msg.body.trim().is_empty() {
        emit(cx, "body", &msg.body);
    } else if !msg.html.trim().is_empty() {
        emit(cx, "body", &crate::markup::html_text(&msg.html));
    } else if let Some(html) = msg.html_from_rtf() {
        emit(cx, "body", &crate::markup::html_text(&html));
    }
    for (n, a) in msg.attachments.iter().enumerate() {
        let name = [&a.long_file_name, &a.file_name, &a.display_name]
            .into_iter()
            .find(|s| !s.trim().is_empty())
            .map_or(String::new(), |s| s.to_string());
        let mut name = shown(&name, n + 1);
        if a.is_embedded_message() && crate::format::extension(&name) != "msg" {
            name.push_str(".msg");
        }
        if a.payload_bytes.is_empty() {
            if a.attach_method == 6 {
                cx.sink.unread(
                    &doc.child(name),
                    &Unread::not_read("embedded OLE object: not read"),
                );
            }
            continue;
        }
        attach(cx, doc, &name, a.payload_bytes.clone());
        cx.budget.check_time()?;
    }
    Ok(())
}

#[cfg(test)]
mod nesting_tests {
    use crate::{collect_bytes, Options, UnreadKind};

    #[test]
    fn thousands_of_nested_messages_are_a_limit_not_a_crash() {
        let hdr = b"From: a@b.c\r\nSubject: x\r\nContent-Type: message/rfc822\r\n\r\n";
        let mut mail = hdr.repeat(50_000);
        mail.extend(b"From: a@b.c\r\n\r\nID A123456789\r\n");
        let c = collect_bytes("bomb.eml", mail, &Options::default());
        let d = c.doc("bomb.eml").unwrap();
        let why = d.result.as_ref().unwrap_err();
        assert_eq!(why.kind, UnreadKind::Limit);
        assert!(!why.reason.contains("A123456789"));
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use crate::{collect_bytes, Options, Place, UnreadKind};

    fn b64(data: &[u8]) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut s = String::new();
        for c in data.chunks(3) {
            let n = (c[0] as u32) << 16
                | (*c.get(1).unwrap_or(&0) as u32) << 8
                | *c.get(2).unwrap_or(&0) as u32;
            for i in 0..4 {
                if i <= c.len() {
                    s.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
                } else {
                    s.push('=');
                }
            }
        }
        s
    }

    fn zip_with_id() -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("id.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all("身分證字號 A123456789".as_bytes()).unwrap();
        w.finish().unwrap().into_inner()
    }

    fn eml() -> Vec<u8> {
        let (subject, _, _) = encoding_rs::GBK.encode("客户资料 王小明");
        let (body, _, _) =
            encoding_rs::BIG5.encode("地址：臺北市中正區重慶南路一段122號\r\n電話 0912345678\r\n");
        let mut m = Vec::new();
        m.extend_from_slice(b"From: =?big5?B?");
        m.extend_from_slice(b64(&encoding_rs::BIG5.encode("陳大文").0).as_bytes());
        m.extend_from_slice(b"?= <tai@example.tw>\r\nTo: a@example.com, b@example.com\r\n");
        m.extend_from_slice(format!("Subject: =?GB2312?B?{}?=\r\n", b64(&subject)).as_bytes());
        m.extend_from_slice(b"Date: Mon, 1 Jan 2024 10:00:00 +0800\r\nMIME-Version: 1.0\r\n");
        m.extend_from_slice(b"Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n--XX\r\n");
        m.extend_from_slice(
            b"Content-Type: text/plain; charset=big5_tw\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
        );
        m.extend_from_slice(&body);
        m.extend_from_slice(b"\r\n--XX\r\nContent-Type: application/zip; name=\"data.zip\"\r\n");
        m.extend_from_slice(b"Content-Disposition: attachment; filename=\"data.zip\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        let z = b64(&zip_with_id());
        for line in z.as_bytes().chunks(76) {
            m.extend_from_slice(line);
            m.extend_from_slice(b"\r\n");
        }
        m.extend_from_slice(b"--XX--\r\n");
        m
    }

    #[test]
    fn an_eml_with_big5_body_gb2312_subject_and_a_zip() {
        let c = collect_bytes("m.eml", eml(), &Options::default());
        let d = c.doc("m.eml").unwrap();
        assert!(d.result.is_ok(), "{:?}", d.result);
        let headers = &d
            .texts
            .iter()
            .find(|(p, _)| *p == Place::Part("headers".into()))
            .unwrap()
            .1;
        assert!(headers.contains("Subject: 客户资料 王小明"), "{headers}");
        assert!(
            headers.contains("From: 陳大文 <tai@example.tw>"),
            "{headers}"
        );
        assert!(
            headers.contains("To: a@example.com, b@example.com"),
            "{headers}"
        );
        assert!(headers.contains("Date: 2024-01-01"), "{headers}");
        let body = &d
            .texts
            .iter()
            .find(|(p, _)| *p == Place::Part("body".into()))
            .unwrap()
            .1;
        assert!(body.contains("臺北市中正區重慶南路一段122號"), "{body}");
        assert!(!body.contains('\u{FFFD}'));
        let inner = c.doc("m.eml!data.zip!id.txt").unwrap();
        assert!(inner.all_text().contains("A123456789"));
    }

    #[test]
    fn an_mbox_of_three_messages() {
        let mut mbox = Vec::new();
        for (i, who) in ["王小明", "陳大文", "李美玲"].iter().enumerate() {
            mbox.extend_from_slice(
                format!("From sender{i}@example.com Mon Jan  1 10:00:00 2024\n").as_bytes(),
            );
            mbox.extend_from_slice(
                format!("From: sender{i}@example.com\nTo: x@example.com\nSubject: {who}\n")
                    .as_bytes(),
            );
            mbox.extend_from_slice(b"Content-Type: text/plain; charset=utf-8\n\n");
            mbox.extend_from_slice(
                format!("{who} 0912-345-67{i}\n>From the office\n\n").as_bytes(),
            );
        }
        let c = collect_bytes("inbox.mbox", mbox, &Options::default());
        let top = c.doc("inbox.mbox").unwrap();
        assert!(top.result.is_ok(), "{:?}", top.result);
        for (i, who) in ["王小明", "陳大文", "李美玲"].iter().enumerate() {
            let d = c.doc(&format!("inbox.mbox!message {}", i + 1)).unwrap();
            let text = d.all_text();
            assert!(text.contains(&format!("Subject: {who}")), "{text}");
            assert!(text.contains(&format!("0912-345-67{i}")), "{text}");
            assert!(text.contains("\nFrom the office"), "{text}");
        }
        assert!(c.doc("inbox.mbox!message 4").is_none());

        // The member limit counts messages.
        let opts = Options {
            limits: crate::Limits {
                max_members: 2,
                ..Default::default()
            },
            ..Default::default()
        };
        let mut mbox = Vec::new();
        for i in 0..3 {
            mbox.extend_from_slice(
                format!("From a Mon Jan  1 10:00:00 2024\nFrom: a@b.c\nSubject: {i}\n\nbody\n\n")
                    .as_bytes(),
            );
        }
        let c = collect_bytes("x.mbox", mbox, &opts);
        assert_eq!(
            c.doc("x.mbox").unwrap().result.as_ref().unwrap_err().kind,
            UnreadKind::Limit
        );
        assert!(c.doc("x.mbox!message 2").is_some());
    }

    #[test]
    fn header_words_in_unmapped_charsets() {
        let raw = "=?big5_tw?B?".to_string()
            + &b64(&encoding_rs::BIG5.encode("臺灣").0)
            + "?= =?utf-8?Q?A=E5=8F=B0?= x";
        assert_eq!(super::decode_header(raw.as_bytes()), "臺灣A台 x");
        assert_eq!(super::encoding_for("big5_tw"), Some(encoding_rs::BIG5));
        assert_eq!(super::encoding_for("GB2312"), Some(encoding_rs::GB18030));
    }

    #[test]
    fn html_only_mail_and_an_attached_message() {
        let inner = b"From: in@example.com\r\nSubject: inner\r\nContent-Type: text/plain\r\n\r\nA123456789\r\n";
        let mut m = b"From: a@example.com\r\nTo: b@example.com\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>\xe9\x9b\xbb\xe8\xa9\xb1 0912345678</p><script>var x=1</script></body></html>\r\n--B\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"fw\"\r\n\r\n".to_vec();
        m.extend_from_slice(inner);
        m.extend_from_slice(b"--B--\r\n");
        let c = collect_bytes("h.eml", m, &Options::default());
        let d = c.doc("h.eml").unwrap();
        assert!(d.all_text().contains("電話 0912345678"), "{:?}", d.texts);
        assert!(!d.all_text().contains("<p>"));
        let fw = c.doc("h.eml!fw.eml").unwrap_or_else(|| {
            panic!(
                "{:?}",
                c.docs
                    .iter()
                    .map(|d| d.path.to_string())
                    .collect::<Vec<_>>()
            )
        });
        assert!(fw.all_text().contains("A123456789"));
    }

    /// The sample messages shipped with msg_parser's crate source, where cargo put them
    /// (no .msg writer is available to build one here).
    fn sample_msg(name: &str) -> Option<Vec<u8>> {
        let home = std::env::var("CARGO_HOME")
            .map(std::path::PathBuf::from)
            .or_else(|_| std::env::var("HOME").map(|h| std::path::Path::new(&h).join(".cargo")))
            .ok()?;
        let src = std::fs::read_dir(home.join("registry/src")).ok()?;
        for reg in src.flatten() {
            let p = reg.path().join("msg_parser-0.3.6/data").join(name);
            if let Ok(b) = std::fs::read(p) {
                return Some(b);
            }
        }
        None
    }

    #[test]
    fn outlook_messages() {
        let c = collect_bytes(
            "bad.msg",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not really".to_vec(),
            &Options::default(),
        );
        assert_eq!(
            c.docs[0].result.as_ref().unwrap_err().kind,
            UnreadKind::Error
        );
        let Some(bytes) = sample_msg("attachment.msg") else {
            eprintln!("msg_parser's sample messages not found: skipped");
            return;
        };
        let c = collect_bytes("a.msg", bytes, &Options::default());
        let d = c.doc("a.msg").unwrap();
        assert!(d.result.is_ok(), "{:?}", d.result);
        let head = &d.texts[0];
        assert_eq!(head.0, Place::Part("headers".into()));
        assert!(head.1.contains("Subject: "), "{}", head.1);
        assert!(c.docs.len() > 1, "attachments are documents");
    }
}
