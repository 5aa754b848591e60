//! HTML and XML: their text, without markup, scripts or styles.
//!
//! HTML is decoded first (BOM, `<meta charset>`, else the text sniffer: html5ever does
//! not sniff), parsed by scraper, and walked: block elements and `<br>` end lines,
//! tables become rows. XML files are streamed through [`crate::xml`] (entities never
//! expanded) and each text or attribute value is put on the line it stands on in the
//! file, so the receiver's line is the file's line.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{BufReader, Read, Seek};
use std::rc::Rc;

use encoding_rs::Encoding;
use scraper::{Html, Node};

use crate::office::Table;
use crate::text::{sniff, Sniffed};
use crate::xml::{local, Ev, XmlReader};
use crate::{Cx, DocPath, Format, Input, Lines, Place, Sink, TextPiece, Unread};

/// Text pieces of an XML file are handed out at about this size.
const FLUSH: usize = 4 << 20;
/// XML events between two looks at the clock.
const CHECK_EVERY: u64 = 4096;

pub(crate) fn read(
    cx: &mut Cx<'_>,
    _doc: &DocPath,
    format: Format,
    input: Input,
) -> Result<(), Unread> {
    match format {
        Format::Html => html(cx, input),
        _ => xml_file(cx, input),
    }
}

// ---------------------------------------------------------------------------------------
// HTML

/// HTML up to this size is parsed into a document tree (about 50 times its size in
/// memory); larger pages are read as text, markup and all.
const HTML_TREE_MAX: u64 = 8 << 20;
/// Elements nested deeper than this make html5ever's tree building quadratic: such a
/// page is read as text too.
const HTML_DEPTH_MAX: usize = 1000;

fn html(cx: &mut Cx<'_>, input: Input) -> Result<(), Unread> {
    if input.len() > HTML_TREE_MAX {
        return crate::text::read(cx, input);
    }
    let bytes = input.into_bytes(&mut cx.budget)?;
    if nesting_depth(&bytes) > HTML_DEPTH_MAX {
        return crate::text::read(cx, Input::Bytes(bytes));
    }
    let text = decode_html(&bytes);
    drop(bytes);
    let dom = Html::parse_document(&text);
    drop(text);
    cx.budget.check_time()?;
    let mut w = Walk::new(true);
    w.walk(&dom, cx.sink);
    if !w.text.trim().is_empty() {
        cx.sink.text(&TextPiece::whole(&w.text, Place::Text));
    }
    Ok(())
}

/// The plain text of an HTML string (a mail body): lines at block elements and `<br>`,
/// table rows as lines of tab-separated cells, no scripts or styles.
pub(crate) fn html_text(html: &str) -> String {
    if html.len() as u64 > HTML_TREE_MAX || nesting_depth(html.as_bytes()) > HTML_DEPTH_MAX {
        return strip_tags(html);
    }
    let dom = Html::parse_document(html);
    let mut w = Walk::new(false);
    w.walk(&dom, &mut NoRows);
    w.text
}

/// How deep elements nest, roughly: start tags minus end tags, counted on the bytes
/// (void elements such as `<br>` count as opened; the estimate errs high, which only
/// sends odd pages to the plain-text reading).
fn nesting_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for i in memchr::memchr_iter(b'<', bytes) {
        match bytes.get(i + 1) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                depth += 1;
                max = max.max(depth);
            }
            _ => {}
        }
    }
    max
}

/// Text of markup without a document tree: tags dropped, each one a line break.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The sink of [`html_text`]: it reads tables as lines, so no row ever comes.
struct NoRows;

impl Sink for NoRows {
    fn begin(&mut self, _: &DocPath, _: Format, _: u64) {}
    fn text(&mut self, _: &TextPiece<'_>) {}
    fn row(&mut self, _: &crate::RowPiece<'_>) {}
    fn unread(&mut self, _: &DocPath, _: &Unread) {}
    fn end(&mut self, _: &DocPath, _: Result<(), Unread>) {}
}

/// The text of HTML bytes in the encoding they declare or look like.
fn decode_html(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(64 << 10)];
    let enc = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared_charset(&head[..head.len().min(4096)], b"charset"))
        .unwrap_or_else(|| match sniff(head) {
            Sniffed::Text(e) => e,
            Sniffed::NotText(_) => encoding_rs::UTF_8,
        });
    // A page that says UTF-16 without a BOM is not UTF-16 (HTML's rule); GBK pages use
    // GB18030's extra characters too.
    let enc = match enc {
        e if (e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE)
            && Encoding::for_bom(bytes).is_none() =>
        {
            encoding_rs::UTF_8
        }
        e if e == encoding_rs::GBK => encoding_rs::GB18030,
        e => e,
    };
    enc.decode(bytes).0.into_owned()
}

/// The encoding named after `key` (`charset=big5`, `encoding="GB2312"`) in `head`.
fn declared_charset(head: &[u8], key: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].windows(key.len()).position(|w| w == key) {
        let mut i = from + at + key.len();
        from = i;
        while lower.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |n| i + n);
        if let Some(e) = Encoding::for_label(&lower[i..end]) {
            return Some(e);
        }
    }
    None
}

/// Elements whose content is not text a person reads.
const SKIP: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object", "svg", "math",
];

/// Elements that begin and end lines.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "title",
    "tr",
    "ul",
    "textarea",
];

struct Walk {
    /// Tables as rows (else as lines of tab-separated cells).
    as_rows: bool,
    text: String,
    line: String,
    pre: u32,
    tables: u32,
    tbl_depth: u32,
    table: Option<Table>,
    /// The current row's cells are all `<th>`.
    all_th: bool,
    span: u32,
}

impl Walk {
    fn new(as_rows: bool) -> Walk {
        Walk {
            as_rows,
            text: String::new(),
            line: String::new(),
            pre: 0,
            tables: 0,
            tbl_depth: 0,
            table: None,
            all_th: true,
            span: 1,
        }
    }

    fn walk(&mut self, dom: &Html, sink: &mut dyn Sink) {
        // Depth-first without recursion: documents nest as deep as they like.
        let mut stack = vec![(dom.tree.root(), false)];
        while let Some((node, closing)) = stack.pop() {
            if let Node::Element(e) = node.value() {
                if closing {
                    self.close(e, sink);
                    continue;
                }
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                self.open(e);
                stack.push((node, true));
            } else if let Node::Text(t) = node.value() {
                self.put(t);
                continue;
            } else if !matches!(node.value(), Node::Document | Node::Fragment) {
                continue;
            }
            let mut child = node.last_child();
            while let Some(c) = child {
                stack.push((c, false));
                child = c.prev_sibling();
            }
        }
        self.end_line();
    }

    fn in_cell(&self) -> bool {
        self.table.as_ref().is_some_and(|t| t.cell_open)
    }

    fn open(&mut self, e: &scraper::node::Element) {
        let name = e.name();
        match name {
            "table" if self.as_rows => {
                self.tbl_depth += 1;
                if self.tbl_depth == 1 {
                    self.end_line();
                    self.tables += 1;
                    self.table = Some(Table::new(format!("table {}", self.tables)));
                }
                return;
            }
            "tr" if self.tbl_depth == 1 => {
                self.all_th = true;
                if let Some(t) = self.table.as_mut() {
                    t.start_row();
                }
                return;
            }
            "td" | "th" if self.tbl_depth == 1 => {
                self.all_th &= name == "th";
                self.span = e
                    .attr("colspan")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
                // Whitespace between the cells belongs to none of them.
                self.line.clear();
                if let Some(t) = self.table.as_mut() {
                    t.start_cell();
                }
                return;
            }
            "br" => self.end_line(),
            "pre" => self.pre += 1,
            "input" => {
                if let Some(v) = e
                    .attr("value")
                    .filter(|_| e.attr("type") != Some("password"))
                {
                    self.put(v);
                    self.put(" ");
                }
            }
            _ => {}
        }
        if BLOCK.contains(&name) {
            self.end_line();
        }
    }

    fn close(&mut self, e: &scraper::node::Element, sink: &mut dyn Sink) {
        let name = e.name();
        match name {
            "table" if self.as_rows => {
                if self.tbl_depth == 1 {
                    if let Some(mut t) = self.table.take() {
                        t.finish(sink);
                    }
                }
                self.tbl_depth = self.tbl_depth.saturating_sub(1);
                return;
            }
            "tr" if self.tbl_depth == 1 => {
                if let Some(t) = self.table.as_mut() {
                    t.end_row_hinted(sink, 1, self.all_th);
                }
                return;
            }
            "td" | "th" if self.tbl_depth == 1 => {
                if let Some(t) = self.table.as_mut() {
                    let text = collapse(&std::mem::take(&mut self.line));
                    t.cell_para(text.trim());
                    t.end_cell(self.span, 1);
                }
                return;
            }
            "td" | "th" if !self.as_rows => {
                self.line.push('\t');
                return;
            }
            "pre" => self.pre = self.pre.saturating_sub(1),
            _ => {}
        }
        if BLOCK.contains(&name) {
            self.end_line();
        }
    }

    fn put(&mut self, t: &str) {
        if self.pre > 0 && !self.in_cell() {
            // Preformatted text keeps its lines.
            let mut parts = t.split('\n');
            if let Some(first) = parts.next() {
                self.line.push_str(first);
            }
            for p in parts {
                self.end_line();
                self.line.push_str(p);
            }
        } else {
            self.line.push_str(t);
        }
    }

    fn end_line(&mut self) {
        if self.in_cell() {
            // A break inside a cell separates words of the cell.
            self.line.push(' ');
            return;
        }
        let line = collapse(&std::mem::take(&mut self.line));
        let line = line.trim();
        if !line.is_empty() {
            self.text.push_str(line);
            self.text.push('\n');
        }
    }
}

/// Runs of whitespace as one space (tabs between cells kept).
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        if ch == '\t' {
            out.push('\t');
            space = false;
        } else if ch.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(ch);
            space = false;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// XML files

/// Counts the newlines that pass through, by position, for the events read so far.
struct LineCounter<R> {
    inner: R,
    pos: u64,
    newlines: Rc<RefCell<VecDeque<u64>>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut q = self.newlines.borrow_mut();
        for i in memchr::memchr_iter(b'\n', &buf[..n]) {
            q.push_back(self.pos + i as u64);
        }
        self.pos += n as u64;
        Ok(n)
    }
}

/// The encoding of an XML file: its BOM, its declaration, else what it looks like.
fn xml_encoding(head: &[u8]) -> &'static Encoding {
    if let Some((e, _)) = Encoding::for_bom(head) {
        return e;
    }
    if head.starts_with(b"<?xml") {
        let end = head.windows(2).position(|w| w == b"?>").unwrap_or(0);
        if let Some(e) = declared_charset(&head[..end], b"encoding") {
            // Declared UTF-16 without a BOM is recognised by its bytes below.
            if e != encoding_rs::UTF_16LE && e != encoding_rs::UTF_16BE {
                return if e == encoding_rs::GBK {
                    encoding_rs::GB18030
                } else {
                    e
                };
            }
        }
    }
    match sniff(head) {
        Sniffed::Text(e) => e,
        Sniffed::NotText(_) => encoding_rs::UTF_8,
    }
}

/// XML files larger than this are read as text, markup and all: element by element, a
/// single huge text node would be held whole.
const XML_ELEMENTS_MAX: u64 = 64 << 20;

fn xml_file(cx: &mut Cx<'_>, input: Input) -> Result<(), Unread> {
    if input.len() > XML_ELEMENTS_MAX {
        return crate::text::read(cx, input);
    }
    let mut reader = input.into_reader();
    let mut head = Vec::with_capacity(4096);
    (&mut reader).take(4096).read_to_end(&mut head)?;
    reader.rewind()?;
    let enc = xml_encoding(&head);
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(enc))
        .bom_override(true)
        .build(reader);
    let newlines = Rc::new(RefCell::new(VecDeque::new()));
    let counter = LineCounter {
        inner: decoded,
        pos: 0,
        newlines: Rc::clone(&newlines),
    };
    let depth = cx.budget.limits().max_xml_depth;
    let mut xml = XmlReader::new(BufReader::with_capacity(64 << 10, counter), depth, "XML");
    let mut out = XmlOut::default();
    let mut lines_before = 0u64;
    let mut line_of = |pos: u64| {
        let mut q = newlines.borrow_mut();
        while q.front().is_some_and(|&p| p < pos) {
            q.pop_front();
            lines_before += 1;
        }
        lines_before + 1
    };
    let mut pending: Option<(u64, String)> = None;
    // The element whose text comes next: in a record file (<姓名>王小明</姓名>) its name is
    // the label of its text, so it is read as `姓名：王小明`.
    let mut open: Option<String> = None;
    let mut n = 0u64;
    loop {
        let ev = xml.next()?;
        let line = line_of(xml.event_start());
        if let Ev::Text(t) = ev {
            match pending.as_mut() {
                Some((_, p)) => p.push_str(&t),
                None => pending = Some((line, t)),
            }
            continue;
        }
        if let Some((l, t)) = pending.take() {
            match (&open, &ev) {
                (Some(name), Ev::End(_)) if !t.trim().is_empty() => {
                    let label = local(name);
                    let sep = if label.is_ascii() { ": " } else { "：" };
                    out.put_text(cx.sink, l, &format!("{label}{sep}{}", t.trim()));
                }
                _ => out.put_text(cx.sink, l, &t),
            }
        }
        open = match &ev {
            Ev::Start(e) => Some(e.name.clone()),
            _ => None,
        };
        match ev {
            Ev::Start(e) | Ev::Empty(e) => {
                let values: Vec<String> = e
                    .attrs
                    .iter()
                    .filter(|(k, v)| {
                        !k.starts_with("xmlns")
                            && !local(k).ends_with("schemaLocation")
                            && v.chars().any(char::is_alphanumeric)
                            && v != "true"
                            && v != "false"
                    })
                    // The attribute's name labels its value, as an element's does.
                    .map(|(k, v)| {
                        let k = local(k);
                        format!("{k}{}{}", if k.is_ascii() { ": " } else { "：" }, v.trim())
                    })
                    .collect();
                if !values.is_empty() {
                    out.put(cx.sink, line, &values.join(" ").replace(['\n', '\r'], " "));
                }
            }
            Ev::Eof => break,
            _ => {}
        }
        n += 1;
        if n.is_multiple_of(CHECK_EVERY) {
            cx.budget.check_time()?;
            if cx.sink.cancelled() {
                break;
            }
        }
    }
    out.flush(cx.sink);
    Ok(())
}

/// Text of an XML file placed on the lines it stands on.
struct XmlOut {
    buf: String,
    /// The file's line of `buf`'s first line.
    first_line: u64,
    /// The file's line `buf` ends on.
    line: u64,
}

impl Default for XmlOut {
    fn default() -> XmlOut {
        XmlOut {
            buf: String::new(),
            first_line: 1,
            line: 1,
        }
    }
}

impl XmlOut {
    /// Text that began on `line` (its leading blank lines skipped).
    fn put_text(&mut self, sink: &mut dyn Sink, line: u64, text: &str) {
        let start = text.len() - text.trim_start().len();
        let skipped = text[..start].matches('\n').count() as u64;
        let body = text.trim();
        if !body.is_empty() {
            // \r\n inside the text would count twice.
            self.put(
                sink,
                line + skipped,
                &body.replace("\r\n", "\n").replace('\r', "\n"),
            );
        }
    }

    fn put(&mut self, sink: &mut dyn Sink, line: u64, text: &str) {
        if line > self.line {
            if self.buf.len() >= FLUSH || line - self.line > 10_000 {
                self.flush(sink);
                self.first_line = line;
            } else {
                for _ in self.line..line {
                    self.buf.push('\n');
                }
            }
            self.line = line;
        } else if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push(' ');
        }
        self.buf.push_str(text);
        self.line += text.matches('\n').count() as u64;
    }

    fn flush(&mut self, sink: &mut dyn Sink) {
        if !self.buf.trim().is_empty() {
            sink.text(&TextPiece {
                // The first value may stand anywhere on its line.
                lines: Lines::Counted {
                    line: self.first_line,
                    column: None,
                },
                ..TextPiece::whole(&self.buf, Place::Text)
            });
        }
        self.buf.clear();
        self.first_line = self.line;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_or_huge_html_is_read_as_text_in_bounded_time() {
        let deep = format!(
            "<html><body>{}身分證字號 A123456789</body></html>",
            "<div>".repeat(100_000)
        );
        let started = std::time::Instant::now();
        let d = one("deep.html", deep.clone().into_bytes());
        assert!(d.all_text().contains("A123456789"));
        assert!(html_text(&deep).contains("A123456789"));
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }
    use crate::{collect_bytes, CollectedDoc, Options, UnreadKind};

    fn one(name: &str, bytes: Vec<u8>) -> CollectedDoc {
        let c = collect_bytes(name, bytes, &Options::default());
        assert_eq!(c.docs.len(), 1);
        c.docs.into_iter().next().unwrap()
    }

    #[test]
    fn big5_html_with_meta_charset_and_a_table() {
        let page = "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\"><title>名單</title>\
<style>p { color: red }</style><script>var x = \"A999999999\";</script></head><body>\
<p>聯絡人：陳美玲<br>電話 0912-345-678</p><div>身分證字號：<b>A123456789</b></div>\
<table><tr><th>姓名</th><th>手機</th></tr><tr><td>王小明</td><td colspan=2>0911-222-333</td><td>x</td></tr></table>\
<noscript>B111111111</noscript><p>完</p></body></html>";
        let (bytes, _, bad) = encoding_rs::BIG5.encode(page);
        assert!(!bad);
        let d = one("名單.html", bytes.into_owned());
        assert_eq!(d.result, Ok(()));
        assert_eq!(d.texts.len(), 1);
        assert_eq!(d.texts[0].0, Place::Text);
        assert_eq!(
            d.texts[0].1,
            "名單\n聯絡人：陳美玲\n電話 0912-345-678\n身分證字號：A123456789\n完\n"
        );
        assert_eq!(d.rows.len(), 1);
        let r = &d.rows[0];
        assert_eq!((r.table.as_str(), r.row), ("table 1", 2));
        assert_eq!(r.header.as_ref().unwrap()[0].text, "姓名");
        assert_eq!(
            r.cells
                .iter()
                .map(|c| (c.col, c.text.as_str()))
                .collect::<Vec<_>>(),
            vec![(0, "王小明"), (1, "0911-222-333"), (3, "x")]
        );
        assert!(!d.all_text().contains("A999999999") && !d.all_text().contains("B111111111"));
    }

    #[test]
    fn html_without_a_declaration_is_sniffed() {
        let page = "<html><body><p>陳美玲 住址：臺北市中正區重慶南路一段122號</p><p>電話 0912-345-678</p></body></html>";
        let (bytes, _, _) = encoding_rs::BIG5.encode(page);
        let d = one("a.htm", bytes.into_owned());
        assert!(
            d.texts[0].1.contains("臺北市中正區重慶南路一段122號"),
            "{:?}",
            d.texts
        );
    }

    #[test]
    fn html_text_for_mail() {
        let t = html_text("<div>您好，<br/>王小明</div><table><tr><td>手機</td><td>0912-345-678</td></tr></table><style>x{}</style>");
        assert_eq!(t, "您好，\n王小明\n手機\t0912-345-678\n");
    }

    #[test]
    fn xml_text_and_attributes_on_their_lines() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<people xmlns=\"urn:x\">\n  <person name=\"王小明\" id=\"7\">\n    <phone>0912-345-678</phone>\n    <note>陳&amp;美玲\n第二行</note>\n  </person>\n</people>\n";
        let d = one("people.xml", xml.as_bytes().to_vec());
        assert_eq!(d.result, Ok(()));
        let all: String = d.texts.iter().map(|(_, t)| t.as_str()).collect();
        let lines: Vec<&str> = all.lines().collect();
        assert_eq!(lines[2], "name: 王小明 id: 7");
        assert_eq!(lines[3], "phone: 0912-345-678");
        assert_eq!(lines[4], "note: 陳&美玲");
        assert_eq!(lines[5], "第二行");
        assert!(d.texts.iter().all(|(p, _)| *p == Place::Text));
    }

    #[test]
    fn big5_xml_by_its_declaration() {
        let xml = "<?xml version=\"1.0\" encoding=\"Big5\"?>\n<r><n>身分證字號：A123456789</n></r>";
        let (bytes, _, _) = encoding_rs::BIG5.encode(xml);
        let d = one("b.xml", bytes.into_owned());
        assert_eq!(d.result, Ok(()));
        assert!(
            d.all_text().contains("身分證字號：A123456789"),
            "{:?}",
            d.texts
        );
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut bomb =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for i in 1..10 {
            let prev = if i == 1 {
                "lol".to_string()
            } else {
                format!("lol{}", i - 1)
            };
            bomb.push_str(&format!(
                "<!ENTITY lol{i} \"{}\">\n",
                format!("&{prev};").repeat(10)
            ));
        }
        bomb.push_str("]>\n<lolz>&lol9;</lolz>\n");
        let d = one("bomb.xml", bomb.into_bytes());
        let e = d.result.clone().unwrap_err();
        assert_eq!(e.kind, UnreadKind::Limit);
        assert!(e.reason.contains("entity bomb"), "{e}");
        assert!(d.all_text().len() < 100);
    }
}
