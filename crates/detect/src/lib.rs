//! gezi-detect finds personal data in Traditional Chinese, Simplified Chinese and
//! English text. It does no I/O: give it a `&str`, get back [`Finding`]s.
//!
//! The key design decision is **two passes over the text**, built once and shared
//! by every thread:
//!
//! * the *identifier pass* jumps from anchor to anchor (digits, `@`, full-width digits)
//!   with a vectorisable scan, normalises the short run around each anchor and runs small
//!   ASCII-only regexes there, then validates (check digits, Luhn, real dates) and scores
//!   by context words. Identifiers are a few percent of real text, so this pass reads most
//!   bytes once and does nothing else with them;
//! * the *text pass* runs one Aho-Corasick automaton of labels, cues and lexicons over
//!   the characters, and the name, address and date-of-birth recognisers work from its hits.
//!
//! ```
//! use gezi_detect::{Detector, Kind};
//!
//! let detector = Detector::new();
//! let found = detector.find("申請人：王小明，身分證字號 A123456789，電話 0912-345-678");
//! let kinds: Vec<Kind> = found.iter().map(|f| f.kind()).collect();
//! assert!(kinds.contains(&Kind::TwNationalId));
//! assert!(kinds.contains(&Kind::Phone));
//! assert!(kinds.contains(&Kind::PersonName));
//! // Spans are byte offsets into the original text.
//! let id = found.iter().find(|f| f.kind() == Kind::TwNationalId).unwrap();
//! assert_eq!(&"申請人：王小明，身分證字號 A123456789，電話 0912-345-678"[id.span()], "A123456789");
//! ```
#![deny(missing_docs)]

mod cells;
mod context;
mod finding;
mod fxhash;
mod idents;
mod kind;
mod runs;
mod text;
pub mod validate;

/// Training of the running-text name tagger (used by `examples/train_names.rs`).
pub use text::tagger::training as name_training;

pub use cells::{CellFinding, CellText};
pub use finding::Finding;

/// Compiles one of the engine's own ASCII-only patterns (over bytes). Unicode classes and
/// `\b` next to CJK text run at under 1 MB/s (see `shared/notes`), so every pattern of the
/// engine goes through here. The patterns are constants: failing to compile is a bug.
pub(crate) fn ascii_regex(what: &str, pattern: &str) -> regex_automata::meta::Regex {
    regex_automata::meta::Regex::builder()
        // Every regex reads a short run or window, where a literal prefilter only costs
        // (the identifier pass runs 1.16x faster without it, docs/performance.md).
        .configure(regex_automata::meta::Config::new().auto_prefilter(false))
        .syntax(
            regex_automata::util::syntax::Config::new()
                .unicode(false)
                .utf8(false),
        )
        .build(pattern)
        .unwrap_or_else(|e| panic!("pattern for {what}: {e}"))
}
pub use kind::{Kind, KindSet, Pass, UnknownKind};

/// Which kinds to look for and how sure a finding must be to be reported.
#[derive(Debug, Clone)]
pub struct Config {
    /// The kinds to report.
    pub kinds: KindSet,
    /// Findings scoring below this are dropped (0..=1).
    pub min_score: f32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            kinds: KindSet::all(),
            min_score: 0.5,
        }
    }
}

/// The detection engine. Build it once (it compiles its automata), then call
/// [`Detector::find`] from as many threads as you like.
pub struct Detector {
    config: Config,
    words: context::ContextWords,
    identifiers: Option<idents::Identifiers>,
    text: Option<text::TextPass>,
}

impl Default for Detector {
    fn default() -> Detector {
        Detector::new()
    }
}

impl Detector {
    /// The detector for every kind with the default threshold, built on first use and
    /// shared by the whole process: building compiles the automata, so the audit trail,
    /// the reminders and the redaction of a package all use this one.
    pub fn shared() -> &'static Detector {
        static SHARED: std::sync::OnceLock<Detector> = std::sync::OnceLock::new();
        SHARED.get_or_init(Detector::new)
    }

    /// A detector for every kind with the default threshold.
    pub fn new() -> Detector {
        Detector::with_config(Config::default())
    }

    /// A detector with the given configuration.
    pub fn with_config(config: Config) -> Detector {
        let identifiers = config
            .kinds
            .any_of_pass(Pass::Identifier)
            .then(|| idents::Identifiers::new(config.kinds));
        let text = config
            .kinds
            .any_of_pass(Pass::Text)
            .then(text::TextPass::new);
        Detector {
            words: context::ContextWords::new(),
            identifiers,
            text,
            config,
        }
    }

    /// The configuration this detector was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Finds personal data in `text`. The findings are sorted by start, do not overlap,
    /// and lie on character boundaries.
    pub fn find(&self, text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(identifiers) = &self.identifiers {
            identifiers.find(text, &self.words, &mut out);
        }
        if let Some(pass) = &self.text {
            let mut from_text = Vec::new();
            pass.find(text, self.config.kinds, &out, &mut from_text);
            out.append(&mut from_text);
        }
        out.retain(|f| f.score >= self.config.min_score && self.config.kinds.contains(f.kind()));
        resolve_overlaps(out)
    }
}

/// Keeps, of every set of overlapping findings, the ones that win by
/// [`Finding::precedence`]; the result is the same whatever the input order.
fn resolve_overlaps(mut found: Vec<Finding>) -> Vec<Finding> {
    found.retain(|f| f.start() < f.end());
    found.sort_unstable_by_key(|f| (f.start(), f.end(), f.kind()));
    // Most findings overlap nothing: resolve only clusters of overlapping ones.
    let mut out = Vec::with_capacity(found.len());
    let mut cluster: Vec<Finding> = Vec::new();
    let mut cluster_end = 0;
    for f in found {
        if !cluster.is_empty() && f.start() >= cluster_end {
            resolve_cluster(&mut cluster, &mut out);
        }
        cluster_end = if cluster.is_empty() {
            f.end()
        } else {
            cluster_end.max(f.end())
        };
        cluster.push(f);
    }
    resolve_cluster(&mut cluster, &mut out);
    out
}

/// Greedy by precedence inside one cluster of overlapping findings; appends the
/// winners to `out` in order of position.
fn resolve_cluster(cluster: &mut Vec<Finding>, out: &mut Vec<Finding>) {
    if cluster.len() == 1 {
        out.append(cluster);
        return;
    }
    cluster.sort_by(|a, b| b.precedence().partial_cmp(&a.precedence()).unwrap());
    let mut kept: Vec<Finding> = Vec::new();
    for f in cluster.drain(..) {
        if kept
            .iter()
            .all(|k| k.end() <= f.start() || f.end() <= k.start())
        {
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| (f.start(), f.end(), f.kind()));
    out.extend(kept);
}

/// A masked preview: the first and last characters of long values, stars between
/// (`A12*****89`); short values keep only their first character.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let n = chars.len();
    let (head, tail) = match n {
        0..=2 => (1.min(n), 0),
        3..=5 => (1, 0),
        6..=9 => (2, 1),
        _ => (3, 2),
    };
    let mut s: String = chars[..head].iter().collect();
    s.extend(std::iter::repeat_n('*', n - head - tail));
    s.extend(&chars[n - tail..]);
    s
}

/// `text` with every finding of `detector` replaced by its [`mask`]: what logs and the
/// audit trail keep of free text, so that they never become a second copy of the data.
pub fn mask_findings(detector: &Detector, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in detector.find(text) {
        let span = f.span();
        if span.start < at {
            continue;
        }
        out.push_str(&text[at..span.start]);
        out.push_str(&mask(&text[span.clone()]));
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod mask_tests {
    use super::*;

    #[test]
    fn masks_keep_little() {
        assert_eq!(mask("A123456789"), "A12*****89");
        assert_eq!(mask("王小明"), "王**");
        assert_eq!(mask("0912-345-678"), "091*******78");
        assert_eq!(mask("ab"), "a*");
    }

    #[test]
    fn free_text_is_masked_where_personal() {
        let d = Detector::new();
        let out = mask_findings(&d, "聯絡人電話 0912-345-678，身分證 A123456789。");
        assert!(
            !out.contains("0912-345-678") && !out.contains("A123456789"),
            "{out}"
        );
        assert!(
            out.contains("091*******78") && out.contains("A12*****89"),
            "{out}"
        );
        assert!(out.starts_with("聯絡人電話 "));
    }
}
