//! Rest days: the calendars that move a deadline's last day.
//!
//! Taiwan (Civil Code Art. 122): a last day on a Sunday, a memorial day or another rest
//! day — Saturdays included — moves to the next working day; the government's office
//! calendar (政府行政機關辦公日曆表, DGPA) lists the rest days that are not weekends.
//! Hong Kong (Interpretation and General Clauses Ordinance, Cap. 1, s71): a last day on a
//! general holiday — every Sunday and the gazetted days — moves to the next day that is
//! not one; Saturdays are not general holidays.
//!
//! Shipped: Taiwan 2026 (DGPA calendar approved June 2025: 120 rest days) and Hong Kong
//! 2026 (general holidays gazetted 16 May 2025). 2027 is not shipped yet: for a year
//! without a loaded calendar only weekends and the fixed-date statutory holidays count,
//! and every deadline computed into that year says so. An administrator imports the
//! official list (`date,name` CSV) to complete a year.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};

use crate::Jurisdiction;

/// The rest days of one jurisdiction.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Whose calendar.
    pub jurisdiction: Jurisdiction,
    /// Rest days other than the weekly ones, with their names.
    pub holidays: BTreeMap<NaiveDate, String>,
    /// Years whose official list is loaded.
    pub years: BTreeSet<i32>,
}

impl Calendar {
    /// The calendar gezi ships for a jurisdiction (mainland: weekends only).
    pub fn shipped(j: Jurisdiction) -> Calendar {
        let text = match j {
            Jurisdiction::Tw => include_str!("../data/holidays-tw.csv"),
            Jurisdiction::Hk => include_str!("../data/holidays-hk.csv"),
            Jurisdiction::Cn => "date,name\n",
        };
        let mut c = Calendar {
            jurisdiction: j,
            holidays: BTreeMap::new(),
            years: BTreeSet::new(),
        };
        c.import(text).expect("shipped calendars parse");
        c
    }

    /// Adds an official list (`date,name` per line after a header); the years it covers
    /// count as loaded. Bad lines are reported by number and nothing is added.
    pub fn import(&mut self, csv: &str) -> Result<usize, String> {
        let days = parse_list(csv)?;
        let n = days.len();
        for (date, name) in days {
            self.add(date, name);
        }
        Ok(n)
    }

    /// Adds one rest day; its year counts as loaded.
    pub fn add(&mut self, date: NaiveDate, name: String) {
        self.years.insert(date.year());
        self.holidays.insert(date, name);
    }

    /// Whether the official list of `year` is loaded.
    pub fn has_year(&self, year: i32) -> bool {
        self.jurisdiction == Jurisdiction::Cn || self.years.contains(&year)
    }

    /// Whether a last day falling on `d` moves to the next day.
    pub fn is_rest_day(&self, d: NaiveDate) -> bool {
        let weekly = match self.jurisdiction {
            // Civil Code Art. 122 and the two-day weekend of the civil service.
            Jurisdiction::Tw | Jurisdiction::Cn => {
                matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            }
            // Cap. 1 s71 with the General Holidays Ordinance: every Sunday.
            Jurisdiction::Hk => d.weekday() == Weekday::Sun,
        };
        weekly
            || self.holidays.contains_key(&d)
            || (!self.has_year(d.year()) && self.fixed_holiday(d))
    }

    /// Holidays fixed by statute on a calendar date, for years without a loaded list.
    fn fixed_holiday(&self, d: NaiveDate) -> bool {
        let md = (d.month(), d.day());
        match self.jurisdiction {
            // 紀念日及節日實施條例: 開國紀念日, 和平紀念日, 兒童節, 勞動節, 教師節, 國慶日,
            // 光復節, 行憲紀念日.
            Jurisdiction::Tw => {
                matches!(
                    md,
                    (1, 1) | (2, 28) | (4, 4) | (5, 1) | (9, 28) | (10, 10) | (10, 25) | (12, 25)
                )
            }
            // General Holidays Ordinance (Cap. 149) Schedule: 1 Jan, Labour Day,
            // Establishment Day, National Day, Christmas Day.
            Jurisdiction::Hk => matches!(md, (1, 1) | (5, 1) | (7, 1) | (10, 1) | (12, 25)),
            Jurisdiction::Cn => false,
        }
    }

    /// The first day on or after `d` that is not a rest day.
    pub fn next_working_day(&self, mut d: NaiveDate) -> NaiveDate {
        while self.is_rest_day(d) {
            d = d.succ_opt().expect("dates stay in range");
        }
        d
    }

    /// The name of a listed holiday.
    pub fn holiday_name(&self, d: NaiveDate) -> Option<&str> {
        self.holidays.get(&d).map(String::as_str)
    }
}

/// Reads an official list: `date,name` per line after a header line; the first bad
/// line is reported by number.
pub fn parse_list(csv: &str) -> Result<Vec<(NaiveDate, String)>, String> {
    let mut days = Vec::new();
    for (i, line) in csv.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let (date, name) = line.split_once(',').unwrap_or((line, ""));
        let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
            .map_err(|_| format!("line {}: the date is not YYYY-MM-DD", i + 1))?;
        days.push((date, name.trim().to_string()));
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn taiwan_2026_has_120_rest_days() {
        let c = Calendar::shipped(Jurisdiction::Tw);
        let days = d("2026-01-01")
            .iter_days()
            .take_while(|x| x.year() == 2026)
            .filter(|x| c.is_rest_day(*x))
            .count();
        assert_eq!(days, 120, "the DGPA calendar for 2026 has 120 rest days");
        assert!(
            c.is_rest_day(d("2026-02-20")),
            "make-up day for New Year's Eve eve"
        );
        assert!(!c.is_rest_day(d("2026-02-23")));
    }

    #[test]
    fn hong_kong_saturdays_are_not_holidays() {
        let c = Calendar::shipped(Jurisdiction::Hk);
        assert!(!c.is_rest_day(d("2026-06-20")), "a Saturday");
        assert!(c.is_rest_day(d("2026-06-21")), "a Sunday");
        assert!(
            c.is_rest_day(d("2026-04-07")),
            "the day following Easter Monday"
        );
        // 2027 not loaded: fixed-date holidays still count.
        assert!(!c.has_year(2027));
        assert!(c.is_rest_day(d("2027-01-01")));
    }

    #[test]
    fn imports_report_bad_lines() {
        let mut c = Calendar::shipped(Jurisdiction::Hk);
        assert_eq!(c.import("date,name\n2027-02-06,農曆年初一\n").unwrap(), 1);
        assert!(c.has_year(2027));
        assert_eq!(
            c.import("date,name\n6 Feb 2027,x\n").unwrap_err(),
            "line 2: the date is not YYYY-MM-DD"
        );
    }
}
