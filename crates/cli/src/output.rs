//! Turning findings into what people and programs read: character offsets, masked previews.

use std::borrow::Cow;

use gezi_detect::{mask, Finding, Kind};
use serde::{Deserialize, Serialize};

/// What every output says about a finding, wherever it was found: its kind, how sure,
/// why, and a masked preview — the raw value only when the user asked for it.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Described {
    #[serde(serialize_with = "kind_id", deserialize_with = "kind_of_id")]
    pub kind: Kind,
    pub score: f32,
    pub validated: bool,
    pub rule: Cow<'static, str>,
    /// Context words that changed the score (電話, 訂單編號, passport …).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub context: Vec<Cow<'static, str>>,
    pub preview: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

fn kind_id<S: serde::Serializer>(k: &Kind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.id())
}

/// Reads a kind back from its id (the scan cache keeps reports as JSON).
pub fn kind_of_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
    let id = String::deserialize(d)?;
    id.parse().map_err(serde::de::Error::custom)
}

impl Described {
    /// `f`, found in `text` (the text its span points into).
    pub fn of(f: &Finding, text: &str, show_values: bool) -> Described {
        let value = &text[f.span()];
        Described {
            kind: f.kind(),
            score: (f.score * 1000.0).round() / 1000.0,
            validated: f.validated,
            rule: Cow::Borrowed(f.rule),
            context: f.context.iter().map(|w| Cow::Borrowed(*w)).collect(),
            preview: mask(value),
            text: show_values.then(|| value.to_string()),
        }
    }

    /// What a person is shown: the raw value if asked for, else the masked preview.
    pub fn shown(&self) -> &str {
        self.text.as_deref().unwrap_or(&self.preview)
    }
}

/// A finding as `gezi detect` writes it: character and byte offsets.
#[derive(Serialize, Clone, Debug)]
pub struct SpanOut {
    pub start: usize,
    pub end: usize,
    pub bstart: usize,
    pub bend: usize,
    #[serde(flatten)]
    pub finding: Described,
}

/// Converts findings (sorted by start) to output spans with character offsets.
pub fn spans(text: &str, findings: &[Finding], show_values: bool) -> Vec<SpanOut> {
    let mut out = Vec::with_capacity(findings.len());
    let mut chars_before = 0; // characters in text[..cursor]
    let mut cursor = 0;
    let mut char_at = |b: usize| {
        // Findings are sorted by start, but an end can lie beyond the next start's cursor.
        if b >= cursor {
            chars_before += text[cursor..b].chars().count();
            cursor = b;
            chars_before
        } else {
            chars_before - text[b..cursor].chars().count()
        }
    };
    for f in findings {
        let start = char_at(f.start());
        let end = char_at(f.end());
        out.push(SpanOut {
            start,
            end,
            bstart: f.start(),
            bend: f.end(),
            finding: Described::of(f, text, show_values),
        });
    }
    out
}
