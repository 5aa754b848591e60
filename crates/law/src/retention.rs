//! How long records are kept, and when data is due for disposal.
//!
//! Point 39 of the Taipei rules: the records and evidence it lists — written consent,
//! notices, requests of data subjects, logs, purpose-external use, checks and audits,
//! vendor supervision, accuracy disputes, incidents — are kept **at least five years**
//! unless another law or a contract says otherwise. gezi refuses to delete any of its
//! records before then.
//!
//! Points 21–24: each file has a retention period; when the purpose ends or the period
//! expires the data is deleted or its use stopped (Art. 11(3)), after an impact check of
//! the systems that use it (point 23(2)) and with proof that it cannot be restored or
//! recombined (point 24).

use chrono::{Days, Months, NaiveDate};

/// Years every record is kept (point 39).
pub const RECORD_YEARS: u32 = 5;

/// The basis of the five years.
pub const RECORD_BASIS: &str =
    "臺北市政府政風處個人資料保護管理要點第39點第2項（紀錄或證據至少保存五年）";

/// The basis of disposal.
pub const DISPOSAL_BASIS: &str =
    "個人資料保護法第11條第3項；要點第21點（保存期限屆滿應停止處理或利用）、第23點第2項（刪除前影響評估）、第24點（確認無法還原或再組合）";

/// Days ahead that a disposal is listed as coming.
pub const DISPOSAL_NOTICE_DAYS: u64 = 30;

/// The first day a record created on `created` may be deleted.
pub fn deletable_from(created: NaiveDate) -> NaiveDate {
    // 29 February + 5 years falls on 28 February, which keeps it at least five years.
    created
        .checked_add_months(Months::new(12 * RECORD_YEARS))
        .expect("dates stay in range")
}

/// Whether a record created on `created` may be deleted on `today`.
pub fn may_delete(created: NaiveDate, today: NaiveDate) -> bool {
    today >= deletable_from(created)
}

/// Where a file stands against its retention date on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposal {
    /// Not due within the notice period.
    NotYet,
    /// Due on the date, within the notice period.
    Coming(NaiveDate),
    /// The retention period has ended: dispose now.
    Due(NaiveDate),
}

/// The disposal state of data to be kept until `retain_until` (inclusive).
pub fn disposal(retain_until: NaiveDate, today: NaiveDate) -> Disposal {
    if today > retain_until {
        Disposal::Due(retain_until)
    } else if today
        .checked_add_days(Days::new(DISPOSAL_NOTICE_DAYS))
        .is_some_and(|horizon| horizon >= retain_until)
    {
        Disposal::Coming(retain_until)
    } else {
        Disposal::NotYet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn five_years_to_the_day() {
        assert_eq!(deletable_from(d("2026-12-02")), d("2031-12-02"));
        assert_eq!(deletable_from(d("2028-02-29")), d("2033-02-28"));
        assert!(!may_delete(d("2026-12-02"), d("2031-12-01")));
        assert!(may_delete(d("2026-12-02"), d("2031-12-02")));
    }

    #[test]
    fn disposals_are_listed_a_month_ahead() {
        assert_eq!(disposal(d("2027-03-01"), d("2026-12-02")), Disposal::NotYet);
        assert_eq!(
            disposal(d("2027-01-01"), d("2026-12-02")),
            Disposal::Coming(d("2027-01-01"))
        );
        assert_eq!(
            disposal(d("2026-12-02"), d("2026-12-02")),
            Disposal::Coming(d("2026-12-02"))
        );
        assert_eq!(
            disposal(d("2026-12-01"), d("2026-12-02")),
            Disposal::Due(d("2026-12-01"))
        );
    }
}
