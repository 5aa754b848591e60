//! Shared XML reading for office parts and XML files: quick-xml with entities never
//! expanded, DTDs refused, depth and size bounded.
//!
//! quick-xml 0.42 hands out entity references as events of their own; only the five
//! predefined entities and numeric character references are resolved here. A document
//! whose DOCTYPE declares entities is refused outright (billion laughs), and every part
//! read from a zip goes through [`Budget::guard`] so a compressed bomb stops at the
//! ratio or total limits, and through a cap of [`Limits::max_xml_part`] bytes.
//!
//! [`Limits::max_xml_part`]: crate::Limits::max_xml_part

use std::io::{self, BufRead, BufReader, Read};

use quick_xml::events::{BytesStart, Event};

use crate::limits::Guarded;
use crate::{human, Budget, Unread};

/// An element as the readers need it: its qualified name and its attributes
/// (qualified name, value with references resolved).
#[derive(Debug, Clone)]
pub(crate) struct Elem {
    /// `w:p`, `text:p`, `person`.
    pub(crate) name: String,
    pub(crate) attrs: Vec<(String, String)>,
}

impl Elem {
    /// The name without its namespace prefix.
    pub(crate) fn local(&self) -> &str {
        local(&self.name)
    }
    /// The value of the attribute whose local name is `name`.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| local(k) == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The part of a qualified name after its prefix.
pub(crate) fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// What the readers see of an XML document.
#[derive(Debug)]
pub(crate) enum Ev {
    Start(Elem),
    /// `<x/>`: no End follows.
    Empty(Elem),
    /// The qualified name of the element that ends.
    End(String),
    /// Character data, CDATA or a resolved reference (consecutive pieces are not merged).
    Text(String),
    Eof,
}

/// A pull reader over one XML document or part.
pub(crate) struct XmlReader<R: BufRead> {
    inner: quick_xml::Reader<R>,
    buf: Vec<u8>,
    depth: usize,
    max_depth: usize,
    /// The part's name, for errors (`word/document.xml`, the XML file).
    part: String,
    /// Byte position (in the reader's input) where the last event returned began.
    event_start: u64,
}

impl<R: BufRead> XmlReader<R> {
    pub(crate) fn new(reader: R, max_depth: usize, part: &str) -> XmlReader<R> {
        let mut inner = quick_xml::Reader::from_reader(reader);
        let config = inner.config_mut();
        // Office files written by odd tools end elements loosely; the text still counts.
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        XmlReader {
            inner,
            buf: Vec::new(),
            depth: 0,
            max_depth,
            part: part.to_string(),
            event_start: 0,
        }
    }

    /// The next event; Err when the XML is broken or a limit is reached.
    pub(crate) fn next(&mut self) -> Result<Ev, Unread> {
        loop {
            self.buf.clear();
            self.event_start = self.inner.buffer_position();
            let ev = match self.inner.read_event_into(&mut self.buf) {
                Ok(ev) => ev,
                Err(e) => {
                    let at = self.inner.error_position();
                    return Err(xml_error(e, &self.part, at));
                }
            };
            return Ok(match ev {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        return Err(Unread::limit(format!(
                            "{}: XML elements nested deeper than {}: not read further",
                            self.part, self.max_depth
                        )));
                    }
                    Ev::Start(elem(&e))
                }
                Event::Empty(e) => Ev::Empty(elem(&e)),
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ev::End(e.name().as_ref().to_string())
                }
                Event::Text(t) => Ev::Text(t.xml10_content().into_owned()),
                Event::CData(t) => Ev::Text(t.xml10_content().into_owned()),
                Event::GeneralRef(r) => match resolve(&r) {
                    Some(s) => Ev::Text(s),
                    None => continue,
                },
                Event::DocType(d) => {
                    if declares_entities(&d) {
                        return Err(Unread::limit(format!(
                            "{}: XML declares its own entities (<!ENTITY>): not expanded, possible entity bomb",
                            self.part
                        )));
                    }
                    continue;
                }
                Event::Eof => Ev::Eof,
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => continue,
            });
        }
    }

    /// Byte position in the input where the last event returned began.
    pub(crate) fn event_start(&self) -> u64 {
        self.event_start
    }

    /// Skips everything up to the end of the element that just started.
    pub(crate) fn skip_element(&mut self) -> Result<(), Unread> {
        let mut open = 1usize;
        while open > 0 {
            match self.next()? {
                Ev::Start(_) => open += 1,
                Ev::End(_) => open -= 1,
                Ev::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }
}

fn elem(e: &BytesStart<'_>) -> Elem {
    let name = e.name().as_ref().to_string();
    let mut attrs = Vec::new();
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.as_ref().to_string();
        // The predefined entities and character references only; anything else stays as written.
        let value = match quick_xml::escape::unescape(&a.value) {
            Ok(v) => v.into_owned(),
            Err(_) => a.value.to_string(),
        };
        attrs.push((key, value));
    }
    Elem { name, attrs }
}

/// The text of a reference: the five predefined entities and character references.
/// Any other entity is left as written (never expanded).
fn resolve(r: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten().map(String::from);
    }
    let s = match &**r {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        other => return Some(format!("&{other};")),
    };
    Some(s.to_string())
}

fn declares_entities(doctype: &str) -> bool {
    doctype
        .as_bytes()
        .windows(8)
        .any(|w| w.eq_ignore_ascii_case(b"<!ENTITY"))
}

/// An error of quick-xml as an [`Unread`]: a limit hit by the guarded reader underneath,
/// or broken XML, named by the part and the byte position (never the content).
fn xml_error(e: quick_xml::Error, part: &str, at: u64) -> Unread {
    let what = match e {
        quick_xml::Error::Io(io) => {
            if let Some(u) = io.get_ref().and_then(|i| i.downcast_ref::<Unread>()) {
                return u.clone();
            }
            return Unread::error(format!("{part}: cannot read: {io}"));
        }
        quick_xml::Error::Syntax(_) => "a syntax error",
        quick_xml::Error::IllFormed(_) => "ill-formed XML",
        quick_xml::Error::InvalidAttr(_) => "a broken attribute",
        quick_xml::Error::Encoding(_) => "text that is not UTF-8",
        quick_xml::Error::Escape(_) => "a broken character reference",
        quick_xml::Error::Namespace(_) => "a broken namespace",
    };
    Unread::error(format!(
        "{part}: not well-formed XML ({what} near byte {at})"
    ))
}

/// Stops a reader after `cap` bytes with a limit naming the part.
pub(crate) struct Capped<R> {
    inner: R,
    left: u64,
    cap: u64,
    part: String,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            return Err(io::Error::other(Unread::limit(format!(
                "{}: larger than {} once inflated: not read further",
                self.part,
                human(self.cap)
            ))));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// A part of a zip (`stored` bytes as compressed) as an XML reader: every inflated byte
/// counted against the budget (ratio, total, time) and capped at `max_xml_part`.
pub(crate) fn part_reader<'b, R: Read>(
    budget: &'b mut Budget,
    inner: R,
    stored: u64,
    part: &str,
) -> XmlReader<BufReader<Capped<Guarded<'b, R>>>> {
    let cap = budget.limits().max_xml_part;
    let depth = budget.limits().max_xml_depth;
    let capped = Capped {
        inner: budget.guard(inner, stored),
        left: cap,
        cap,
        part: part.to_string(),
    };
    XmlReader::new(BufReader::with_capacity(64 << 10, capped), depth, part)
}

/// An XML document held in memory as text.
#[cfg(test)]
pub(crate) fn str_reader<'s>(text: &'s str, max_depth: usize, part: &str) -> XmlReader<&'s [u8]> {
    XmlReader::new(text.as_bytes(), max_depth, part)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> Result<String, Unread> {
        let mut r = str_reader(xml, 256, "test.xml");
        let mut out = String::new();
        loop {
            match r.next()? {
                Ev::Text(t) => out.push_str(&t),
                Ev::Eof => return Ok(out),
                _ => {}
            }
        }
    }

    #[test]
    fn references_are_resolved_and_nothing_else() {
        assert_eq!(
            texts("<a>陳&amp;美&#29618;&#x7389; &lt;x&gt; &nbsp;</a>").unwrap(),
            "陳&美玲玉 <x> &nbsp;"
        );
    }

    #[test]
    fn declared_entities_are_refused() {
        let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>"#;
        let e = texts(bomb).unwrap_err();
        assert_eq!(e.kind, crate::UnreadKind::Limit);
        assert!(e.reason.contains("<!ENTITY>"), "{e}");
    }

    #[test]
    fn depth_is_capped() {
        let deep = "<a>".repeat(300);
        let e = texts(&deep).unwrap_err();
        assert_eq!(e.kind, crate::UnreadKind::Limit);
        assert!(e.reason.contains("deeper than 256"), "{e}");
    }

    #[test]
    fn attributes_are_unescaped() {
        let mut r = str_reader(r#"<p name="王&amp;明" x='&#x41;'/>"#, 8, "t");
        match r.next().unwrap() {
            Ev::Empty(e) => {
                assert_eq!(e.attr("name"), Some("王&明"));
                assert_eq!(e.attr("x"), Some("A"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_part_is_capped() {
        let mut budget = Budget::new(&crate::Limits {
            max_xml_part: 1000,
            ..crate::Limits::default()
        });
        let xml = format!("<a>{}</a>", "x".repeat(5000));
        let mut r = part_reader(&mut budget, xml.as_bytes(), 5000, "word/document.xml");
        let e = loop {
            match r.next() {
                Err(e) => break e,
                Ok(Ev::Eof) => panic!("not capped"),
                Ok(_) => {}
            }
        };
        assert_eq!(e.kind, crate::UnreadKind::Limit);
        assert!(
            e.reason.starts_with("word/document.xml: larger than"),
            "{e}"
        );
    }
}
