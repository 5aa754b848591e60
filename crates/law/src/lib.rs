//! gezi-law: what the law and an agency's rules say, as data and pure functions.
//!
//! Nothing here does I/O or keeps state. The store loads the code lists from here, the
//! server renders the labels, and every rule names the article or point it comes from,
//! so that a privacy officer can check gezi against the text.
//!
//! - [`codes`]: the official lists of specific purposes and personal-data categories
//!   (特定目的及個人資料之類別, MOJ 2012), shipped partial and importable in full.
//! - [`inventory`]: the 20 fields of a personal-data file (point 37 of the Taipei rules),
//!   storage forms and the Art. 6 special items.
//! - [`risk`]: the 7 risk factors of point 38 and how they combine into a level.
//! - [`publication`]: the one-month publication duty of point 32 (PDPA Art. 17).
//! - [`deadline`] and [`calendar`]: when a data subject's request must be answered, with
//!   the days counted as each place's law counts them, on its official rest-day calendar.
//! - [`grounds`]: the grounds a refusal may give, with their articles, and fees.
//! - [`incident`]: the 4-hour clocks, the 13 measures and the report and notice contents.
//! - [`retention`]: the five-year record keeping and when data is due for disposal.
//! - [`records`]: consent, notices, purpose-external use, exchanges, vendors, the roster,
//!   training and audits — each kind's fields, compulsory parts and due date.
#![deny(missing_docs)]

pub mod calendar;
pub mod codes;
pub mod deadline;
pub mod grounds;
pub mod incident;
pub mod inventory;
pub mod publication;
pub mod records;
pub mod retention;
pub mod risk;

/// A place whose data-protection law gezi applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Jurisdiction {
    /// Taiwan: Personal Data Protection Act (個人資料保護法).
    Tw,
    /// Hong Kong: Personal Data (Privacy) Ordinance, Cap. 486.
    Hk,
    /// Mainland China: Personal Information Protection Law (个人信息保护法).
    Cn,
}

impl Jurisdiction {
    /// Every jurisdiction, in display order.
    pub const ALL: [Jurisdiction; 3] = [Jurisdiction::Tw, Jurisdiction::Hk, Jurisdiction::Cn];

    /// The short id used in URLs and on the command line (`tw`, `hk`, `cn`).
    pub fn id(self) -> &'static str {
        match self {
            Jurisdiction::Tw => "tw",
            Jurisdiction::Hk => "hk",
            Jurisdiction::Cn => "cn",
        }
    }

    /// Parses `tw`, `hk` or `cn` (any case).
    pub fn parse(s: &str) -> Option<Jurisdiction> {
        Jurisdiction::ALL
            .into_iter()
            .find(|j| j.id().eq_ignore_ascii_case(s.trim()))
    }

    /// The law's name, in the language of the place.
    pub fn law_name(self) -> &'static str {
        match self {
            Jurisdiction::Tw => "個人資料保護法",
            Jurisdiction::Hk => "《個人資料（私隱）條例》（第486章）",
            Jurisdiction::Cn => "《个人信息保护法》",
        }
    }
}

/// A `(label in Traditional Chinese, label in English)` pair for anything shown to people.
pub type Labels = (&'static str, &'static str);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jurisdictions_round_trip() {
        for j in Jurisdiction::ALL {
            assert_eq!(Jurisdiction::parse(j.id()), Some(j));
        }
        assert_eq!(Jurisdiction::parse("TW"), Some(Jurisdiction::Tw));
        assert_eq!(Jurisdiction::parse("us"), None);
    }
}
