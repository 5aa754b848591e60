//! What the engine reports.

use crate::Kind;

/// One piece of found data: a kind, where it is, how sure the engine is, and why.
///
/// Spans are UTF-8 byte offsets into the text given to [`crate::Detector::find`]; they
/// always lie on character boundaries.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    kind: Kind,
    start: usize,
    end: usize,
    /// Confidence in 0..=1.
    pub score: f32,
    /// Whether a checksum or a structural validator accepted the value.
    pub validated: bool,
    /// The rule that produced the finding (e.g. `tw_id.checksum`, `name.label`).
    pub rule: &'static str,
    /// Context words seen near the value that changed its score.
    pub context: Vec<&'static str>,
    /// A normalised form where one is useful (a phone number in E.164).
    pub normalized: Option<String>,
}

impl Finding {
    /// A finding of `kind` at `start..end`.
    ///
    /// # Panics
    /// If `start > end`: a span never runs backwards, so nothing downstream re-checks it.
    pub fn new(kind: Kind, start: usize, end: usize, score: f32, rule: &'static str) -> Finding {
        assert!(start <= end, "span {start}..{end} runs backwards");
        Finding {
            kind,
            start,
            end,
            score: score.clamp(0.0, 1.0),
            validated: false,
            rule,
            context: Vec::new(),
            normalized: None,
        }
    }

    /// Marks the finding as checksum-validated.
    pub fn validated(mut self) -> Finding {
        self.validated = true;
        self
    }

    /// Adds the context words that changed the score.
    pub fn with_context(mut self, words: Vec<&'static str>) -> Finding {
        self.context = words;
        self
    }

    /// Adds a normalised value.
    pub fn with_normalized(mut self, value: String) -> Finding {
        self.normalized = Some(value);
        self
    }

    /// The kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// Start byte offset.
    pub fn start(&self) -> usize {
        self.start
    }
    /// End byte offset (exclusive).
    pub fn end(&self) -> usize {
        self.end
    }
    /// The byte span.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    /// Moves the span by `delta` bytes (used when a chunk of a stream is scanned).
    pub fn shifted(mut self, delta: usize) -> Finding {
        self.start += delta;
        self.end += delta;
        self
    }

    /// The order in which overlapping findings win: validated first, then score,
    /// then length, then position and kind, so the result never depends on input order.
    pub(crate) fn precedence(
        &self,
    ) -> (
        bool,
        u32,
        usize,
        std::cmp::Reverse<usize>,
        std::cmp::Reverse<Kind>,
    ) {
        (
            self.validated,
            (self.score * 1000.0) as u32,
            self.end - self.start,
            std::cmp::Reverse(self.start),
            std::cmp::Reverse(self.kind),
        )
    }
}
