//! When a data subject's request must be answered: request type × jurisdiction → due
//! date, the one extension and its limit, and the basis.
//!
//! Days are calendar days counted as each place's law counts them (see [`calendar`]):
//! - Taiwan: Civil Code Art. 120(2) — the day of receipt is not counted; Art. 121 — the
//!   period ends when its last day ends; Art. 122 — a last day on a Sunday, memorial day
//!   or other rest day (Saturdays included) is replaced by the next working day.
//!   An extension runs from the end of the original period (as moved by Art. 122) and is
//!   counted the same way.
//! - Hong Kong: Cap. 1 s71 — the day of receipt is excluded; a last day on a general
//!   holiday moves to the next day that is not one.
//! - Mainland: PIPL Art. 50 asks for a timely answer without a number of days; gezi uses
//!   the 30 days of the recommended national standard GB/T 35273-2020 §8.7 and moves a
//!   last day on a weekend to the Monday (Civil Code of the PRC Art. 203). No mainland
//!   holiday calendar is shipped.
//!
//! [`calendar`]: crate::calendar

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::calendar::Calendar;
use crate::Jurisdiction;

/// What the data subject asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Request {
    /// 查詢 / 查閱 (query).
    Access,
    /// 製給複製本 (a copy).
    Copy,
    /// 更正 (correction).
    Correction,
    /// 補充 (supplement).
    Supplement,
    /// 停止蒐集、處理或利用 (stop).
    Stop,
    /// 刪除 (deletion).
    Deletion,
}

impl Request {
    /// Every request type.
    pub const ALL: [Request; 6] = [
        Request::Access,
        Request::Copy,
        Request::Correction,
        Request::Supplement,
        Request::Stop,
        Request::Deletion,
    ];

    /// The id used on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Request::Access => "access",
            Request::Copy => "copy",
            Request::Correction => "correction",
            Request::Supplement => "supplement",
            Request::Stop => "stop",
            Request::Deletion => "deletion",
        }
    }

    /// Parses an id.
    pub fn parse(s: &str) -> Option<Request> {
        Request::ALL.into_iter().find(|r| r.id() == s)
    }
}

/// The answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The last day to decide (None where the law sets no period).
    pub due: Option<NaiveDate>,
    /// The last day one extension can reach (None where the law allows none).
    pub extended_due: Option<NaiveDate>,
    /// The articles the dates come from.
    pub basis: String,
    /// What the person should also know (the extension notice; calendars not loaded).
    pub notes: Vec<String>,
}

fn add_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n))
        .expect("dates stay in range")
}

/// The due date of a request received on `received` (in the organisation's time zone).
pub fn request_deadline(
    j: Jurisdiction,
    req: Request,
    received: NaiveDate,
    cal: &Calendar,
) -> Deadline {
    let mut notes = Vec::new();
    let end = |days: u64, from: NaiveDate, notes: &mut Vec<String>| {
        let last = add_days(from, days);
        let moved = cal.next_working_day(last);
        for year in [last.year(), moved.year()] {
            if !cal.has_year(year) {
                let note = format!(
                    "the official {year} holiday calendar of {} is not loaded: only weekends and fixed-date holidays were counted; import it to be sure",
                    j.id()
                );
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
        moved
    };
    match j {
        Jurisdiction::Tw => {
            let (days, article) = match req {
                Request::Access | Request::Copy => (15, "個人資料保護法第13條第1項（查詢、閱覽、製給複製本：15日內准駁，必要時得延長，延長期間不得逾15日）"),
                _ => (30, "個人資料保護法第13條第2項（補充、更正、停止蒐集處理利用、刪除：30日內准駁，必要時得延長，延長期間不得逾30日）"),
            };
            let due = end(days, received, &mut notes);
            let extended = end(days, due, &mut notes);
            notes.insert(0, format!("an extension (at most {days} days, once) must be notified to the requester in writing, with its reason, within the original period (by {due})"));
            Deadline {
                due: Some(due),
                extended_due: Some(extended),
                basis: format!("{article}；民法第120條第2項、第121條、第122條（收件當日不算入；末日為星期六、星期日、紀念日或其他休息日者，以其次一上班日代之）"),
                notes,
            }
        }
        Jurisdiction::Hk => match req {
            Request::Access | Request::Copy => {
                let due = end(40, received, &mut notes);
                notes.insert(0, format!("if unable to comply by {due}: before then, tell the requester in writing why and comply as far as able, then fully as soon as practicable (s19(2)); a refusal needs written reasons within the same 40 days (s21)"));
                Deadline {
                    due: Some(due),
                    extended_due: None,
                    basis: "《個人資料（私隱）條例》第19(1)條（查閱資料要求：收到後40日內依從）；《釋義及通則條例》第71條（不計收件當日；末日為公眾假期者順延）".into(),
                    notes,
                }
            }
            Request::Correction | Request::Supplement => {
                let due = end(40, received, &mut notes);
                notes.insert(0, "also tell third parties who received the data in the previous 12 months (s23(1)(c))".into());
                Deadline {
                    due: Some(due),
                    extended_due: None,
                    basis: "《個人資料（私隱）條例》第23(1)條（改正資料要求：收到後40日內改正並提供副本）；《釋義及通則條例》第71條".into(),
                    notes,
                }
            }
            Request::Stop | Request::Deletion => Deadline {
                due: None,
                extended_due: None,
                basis: "《個人資料（私隱）條例》無此類要求之法定期限：直接促銷的拒絕須立即停止（第35G條）；保留不得超過所需（保障資料第2(2)原則、第26條）".into(),
                notes: vec!["no statutory period: act without delay and record when".into()],
            },
        },
        Jurisdiction::Cn => {
            let due = end(30, received, &mut notes);
            Deadline {
                due: Some(due),
                extended_due: None,
                basis: "《个人信息保护法》第44–47、50条（及时响应，未定日数）；GB/T 35273-2020 第8.7条（推荐：30日内答复）；《民法典》第201、203条（开始当日不计入；末日为法定休假日的顺延）".into(),
                notes,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// (jurisdiction, request, received, due, extended due, why).
    const CASES: &[(&str, &str, &str, &str, &str, &str)] = &[
        // Taiwan: PDPA Art. 13, Civil Code Art. 120–122, DGPA 2026 calendar.
        (
            "tw",
            "access",
            "2026-11-22",
            "2026-12-07",
            "2026-12-22",
            "received on a Sunday; plain 15 + 15 days",
        ),
        (
            "tw",
            "copy",
            "2026-02-03",
            "2026-02-23",
            "2026-03-10",
            "day 15 is 春節 (2/18); 2/19–2/22 rest days",
        ),
        (
            "tw",
            "access",
            "2026-06-05",
            "2026-06-22",
            "2026-07-07",
            "day 15 is a Saturday: Saturdays are rest days",
        ),
        (
            "tw",
            "access",
            "2026-03-20",
            "2026-04-07",
            "2026-04-22",
            "day 15 is 兒童節 (Sat); 4/5 Sun, 4/6 make-up day",
        ),
        (
            "tw",
            "correction",
            "2026-01-30",
            "2026-03-02",
            "2026-04-01",
            "across February's end; day 30 is a Sunday",
        ),
        (
            "tw",
            "deletion",
            "2026-08-29",
            "2026-09-29",
            "2026-10-29",
            "day 30 is 教師節 (9/28, Mon)",
        ),
        (
            "tw",
            "stop",
            "2026-09-10",
            "2026-10-12",
            "2026-11-11",
            "day 30 is 國慶日 (10/10, Sat), then a Sunday",
        ),
        (
            "tw",
            "supplement",
            "2026-12-15",
            "2027-01-14",
            "2027-02-15",
            "across the year end into 2027; extension ends on a Sunday",
        ),
        // Hong Kong: PDPO s19, s23; Cap. 1 s71; 2026 general holidays.
        (
            "hk",
            "access",
            "2026-02-24",
            "2026-04-08",
            "",
            "day 40 is Ching Ming (Sun); 4/6 and 4/7 are general holidays",
        ),
        (
            "hk",
            "correction",
            "2026-05-10",
            "2026-06-20",
            "",
            "day 40 is Tuen Ng (Fri); a Saturday is not a general holiday",
        ),
        (
            "hk",
            "copy",
            "2026-03-24",
            "2026-05-04",
            "",
            "day 40 is a Sunday",
        ),
        (
            "hk",
            "access",
            "2026-11-22",
            "2027-01-02",
            "",
            "day 40 is 1 January 2027 (fixed by statute)",
        ),
        (
            "hk",
            "supplement",
            "2026-08-21",
            "2026-09-30",
            "",
            "an ordinary weekday",
        ),
        // Mainland: GB/T 35273 §8.7 (30 days, recommended); PRC Civil Code Art. 203.
        (
            "cn",
            "access",
            "2026-11-22",
            "2026-12-22",
            "",
            "an ordinary weekday",
        ),
        (
            "cn",
            "deletion",
            "2026-10-01",
            "2026-11-02",
            "",
            "day 30 is a Saturday",
        ),
    ];

    #[test]
    fn the_table_of_cases() {
        for (j, r, received, due, extended, why) in CASES {
            let j = Jurisdiction::parse(j).unwrap();
            let got = request_deadline(
                j,
                Request::parse(r).unwrap(),
                d(received),
                &Calendar::shipped(j),
            );
            assert_eq!(
                got.due,
                Some(d(due)),
                "{j:?} {r} received {received}: {why}"
            );
            let want_ext = if extended.is_empty() {
                None
            } else {
                Some(d(extended))
            };
            assert_eq!(
                got.extended_due, want_ext,
                "{j:?} {r} received {received} (extension): {why}"
            );
            assert!(!got.basis.is_empty());
        }
    }

    #[test]
    fn years_without_a_calendar_say_so() {
        let got = request_deadline(
            Jurisdiction::Tw,
            Request::Supplement,
            d("2026-12-15"),
            &Calendar::shipped(Jurisdiction::Tw),
        );
        assert!(
            got.notes
                .iter()
                .any(|n| n.contains("2027") && n.contains("not loaded")),
            "{:?}",
            got.notes
        );
        let got = request_deadline(
            Jurisdiction::Tw,
            Request::Access,
            d("2026-11-22"),
            &Calendar::shipped(Jurisdiction::Tw),
        );
        assert!(!got.notes.iter().any(|n| n.contains("not loaded")));
    }

    #[test]
    fn hong_kong_sets_no_period_for_stop_and_deletion() {
        let got = request_deadline(
            Jurisdiction::Hk,
            Request::Deletion,
            d("2026-11-22"),
            &Calendar::shipped(Jurisdiction::Hk),
        );
        assert_eq!((got.due, got.extended_due), (None, None));
    }
}
