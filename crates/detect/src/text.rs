//! The text pass: names, addresses, dates of birth and the special categories.
//!
//! One Aho-Corasick automaton holds every label (姓名, 地址, 出生日期, Name, Address),
//! cue (先生, 記者, Mr., Dear, 我是) and special-category term; its hits drive the
//! recognisers. Names in running text are scored by [`crate::text::names`] from a
//! surname table, given-name character statistics and an ordinary-word guard.

mod address;
mod dates;
mod lexicon;
mod names;
mod table;
pub(crate) mod tagger;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use crate::{Finding, Kind, KindSet};
pub(crate) use lexicon::Cue;

/// A hit of the cue automaton.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub cue: Cue,
}

/// The automaton of the lexicon: labels, cues and special-category terms.
pub(crate) struct CueAutomaton {
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
    cues: Vec<Cue>,
}

impl CueAutomaton {
    pub fn new() -> CueAutomaton {
        let entries = lexicon::entries();
        let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, (w, _))| (w.as_str(), i as u32)),
            )
            .expect("cue automaton builds");
        let cues = entries.into_iter().map(|(_, c)| c).collect();
        CueAutomaton { automaton, cues }
    }

    /// The hits in `text`, in order, not overlapping.
    pub fn hits(&self, text: &str) -> Vec<Hit> {
        self.automaton
            .leftmost_find_iter(text)
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                cue: self.cues[m.value() as usize],
            })
            // ASCII words must stand as words: `Name` is not inside `Surname`.
            .filter(|h| lexicon::word_bounded(text, h.start, h.end))
            .collect()
    }
}

/// The compiled text pass.
pub(crate) struct TextPass {
    cues: CueAutomaton,
    names: names::NameModel,
    tagger: tagger::Tagger,
}

impl TextPass {
    pub fn new() -> TextPass {
        let names = names::NameModel::new();
        TextPass {
            cues: CueAutomaton::new(),
            tagger: tagger::Tagger::new(&names),
            names,
        }
    }

    /// Appends the text-pass findings of `text` to `out`. `identifiers` are the findings
    /// of the identifier pass, so that a name or address is not cut out of an ID.
    pub fn find(
        &self,
        text: &str,
        kinds: KindSet,
        identifiers: &[Finding],
        out: &mut Vec<Finding>,
    ) {
        let hits = self.cues.hits(text);
        // Where the next field starts after each hit: a field value runs up to the next label at most.
        let mut next_label = vec![None; hits.len()];
        let mut upcoming = None;
        for (i, h) in hits.iter().enumerate().rev() {
            next_label[i] = upcoming;
            if matches!(h.cue, Cue::NameLabel | Cue::AddressLabel | Cue::DobLabel) {
                upcoming = Some(h.start);
            }
        }
        let mut found = Vec::new();
        for (i, hit) in hits.iter().enumerate() {
            let next_hit_start = next_label[i];
            match hit.cue {
                Cue::Sensitive(kind) => found.push(Finding::new(
                    kind,
                    hit.start,
                    hit.end,
                    0.8,
                    "lexicon.special_category",
                )),
                Cue::NameLabel => {
                    if let Some(f) = names::after_label(text, hit, next_hit_start, &self.names) {
                        found.push(f);
                    }
                }
                Cue::Honorific | Cue::Dear => {
                    if let Some(f) = names::after_honorific(text, hit) {
                        found.push(f);
                    }
                }
                Cue::SelfIntro => {
                    if let Some(f) = self
                        .names
                        .after_cue(text, hit.end, "name.self_introduction")
                    {
                        found.push(f);
                    }
                }
                Cue::AddressLabel => {
                    if let Some(f) = address::after_label(text, hit, next_hit_start) {
                        found.push(f);
                    }
                }
                Cue::DobLabel => {
                    if let Some(f) = dates::after_label(text, hit) {
                        found.push(f);
                    }
                }
                Cue::RolePrefix | Cue::TitleSuffix => {
                    // 主教練佐拉, 前鋒卡維納吉: a foreign name after a role.
                    if let Some(end) = self
                        .names
                        .foreign_at(text, hit.end)
                        .or_else(|| names::latin_word_end(text, hit.end))
                    {
                        found.push(Finding::new(
                            Kind::PersonName,
                            hit.end,
                            end,
                            0.7,
                            "name.transliterated",
                        ));
                    }
                }
                Cue::Speech => {
                    if let Some(start) = self.names.foreign_before(text, hit.start) {
                        found.push(Finding::new(
                            Kind::PersonName,
                            start,
                            hit.start,
                            0.65,
                            "name.transliterated",
                        ));
                    }
                }
                Cue::NameDot => {
                    if let Some(f) = self.names.dotted_at(text, hit.start) {
                        found.push(f);
                    }
                }
                Cue::SignOff => {
                    if let Some(f) = names::around_sign_off(text, hit, &self.names) {
                        found.push(f);
                    }
                }
                Cue::Street | Cue::HouseNumber => {}
            }
        }
        table::columns(text, &hits, &self.names, &mut found);
        if kinds.contains(Kind::Address) {
            address::unlabelled(text, &hits, &mut found);
        }
        if kinds.contains(Kind::PersonName) {
            let mut read = Vec::new();
            self.tagger.find(text, &hits, &mut read);
            found.extend(read.into_iter().map(|n| {
                Finding::new(
                    Kind::PersonName,
                    n.span.start,
                    n.span.end,
                    n.confidence(),
                    "name.tagger",
                )
            }));
        }
        if kinds.contains(Kind::PersonName) {
            names::enumerations(text, &mut found);
        }
        // A name or address never swallows part of a validated identifier.
        let mut validated: Vec<(usize, usize)> = identifiers
            .iter()
            .filter(|f| f.validated)
            .map(|f| (f.start(), f.end()))
            .collect();
        validated.sort_unstable();
        // Validated spans may overlap each other, so look at every one that starts before `f` ends
        // and keep a running maximum of their ends.
        let mut max_end = Vec::with_capacity(validated.len());
        let mut m = 0;
        for (_, e) in &validated {
            m = m.max(*e);
            max_end.push(m);
        }
        found.retain(|f| {
            let n = validated.partition_point(|(s, _)| *s < f.end());
            n == 0 || max_end[n - 1] <= f.start()
        });
        out.extend(found);
    }
}

/// Whether `c` is a CJK unified ideograph (the characters names and addresses are made of).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Skips separators between a label and its value: spaces, colons (ASCII and
/// full-width), and small joining words. Returns the byte offset of the value.
pub(crate) fn skip_separators(text: &str, mut i: usize) -> usize {
    let mut budget = 12;
    while budget > 0 {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        if matches!(
            c,
            ' ' | '\t'
                | ':'
                | '：'
                | '\u{3000}'
                | '='
                | '為'
                | '为'
                | '是'
                | '﹕'
                | '-'
                | '>'
                | '\u{a0}'
        ) {
            i += c.len_utf8();
            budget -= 1;
        } else {
            break;
        }
    }
    i
}
