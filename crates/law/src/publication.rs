//! Publication of the file list: PDPA Art. 17 and point 32 of the Taipei rules.
//!
//! A government agency publishes each personal-data file (name, holding agency, legal
//! basis and purpose, data categories) and keeps the list current. Point 32: on the
//! agency's website, within **one month** of creating a file, and again within one
//! month of updating it; the page carries a complaint contact.

use chrono::{Months, NaiveDate};

/// The article and point the duty comes from, for display.
pub const BASIS: &str = "個人資料保護法第17條；臺北市政府政風處個人資料保護管理要點第32點";

/// The last day to publish a file created or changed on `changed`: one month later,
/// the same day of the month (or the month's last day when it has fewer days).
pub fn due(changed: NaiveDate) -> NaiveDate {
    changed
        .checked_add_months(Months::new(1))
        .expect("one month after a date in range is in range")
}

/// Where a file stands against the duty on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The published version is the current one.
    Published,
    /// Not yet published, due on the date.
    Due(NaiveDate),
    /// Not published and the month has passed since the date.
    Overdue(NaiveDate),
}

/// The publication state of a file last changed on `changed`, whose current version
/// is or is not the published one.
pub fn state(changed: NaiveDate, current_is_published: bool, today: NaiveDate) -> State {
    if current_is_published {
        return State::Published;
    }
    let due = due(changed);
    if today > due {
        State::Overdue(due)
    } else {
        State::Due(due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn one_month_later_clamped_to_month_end() {
        assert_eq!(due(d("2026-11-22")), d("2026-12-22"));
        assert_eq!(due(d("2026-01-31")), d("2026-02-28"));
        assert_eq!(due(d("2027-12-15")), d("2028-01-15"));
    }

    #[test]
    fn overdue_only_after_the_due_day() {
        assert_eq!(
            state(d("2026-10-01"), false, d("2026-11-01")),
            State::Due(d("2026-11-01"))
        );
        assert_eq!(
            state(d("2026-10-01"), false, d("2026-11-02")),
            State::Overdue(d("2026-11-01"))
        );
        assert_eq!(
            state(d("2026-01-01"), true, d("2026-11-02")),
            State::Published
        );
    }
}
