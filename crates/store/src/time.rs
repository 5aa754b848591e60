//! Times as the register keeps and shows them: stored in UTC as RFC 3339 text to the
//! second; days and clock times in the organisation's time, UTC+8 (Taiwan, Hong Kong and
//! the mainland keep the same offset and no daylight saving), in one place.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

/// The organisation's offset from UTC.
const OFFSET: Duration = Duration::hours(8);

/// A time as stored (RFC 3339 UTC to the second).
pub fn stored_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The current time as stored.
pub fn now() -> String {
    stored_time(Utc::now())
}

/// A stored time (RFC 3339) as a time.
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A stored time's or date's date as written (`2026-11-22T…` → 2026-11-22).
pub fn date_of(stored: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(stored.get(..10)?, "%Y-%m-%d").ok()
}

/// The organisation's day at `t`.
pub fn local_date_at(t: DateTime<Utc>) -> NaiveDate {
    (t + OFFSET).date_naive()
}

/// The organisation's today.
pub fn local_today() -> NaiveDate {
    local_date_at(Utc::now())
}

/// A time in organisation time as a form's `datetime-local` value (`2026-12-02T14:05`).
pub fn local_input(t: DateTime<Utc>) -> String {
    (t + OFFSET).format("%Y-%m-%dT%H:%M").to_string()
}

/// A date-time from a form's `datetime-local` (organisation time) or RFC 3339.
pub fn parse_local_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Some(t) = parse_time(s) {
        return Some(t);
    }
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .ok()?;
    Some(naive.and_utc() - OFFSET)
}

/// A stored time shown in organisation time: `2026-12-02 14:05`.
pub fn local_display(stored: &str) -> String {
    parse_time(stored)
        .map(|t| (t + OFFSET).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn organisation_time_is_utc_plus_eight() {
        let t = Utc.with_ymd_and_hms(2026, 12, 31, 17, 30, 0).unwrap();
        assert_eq!(
            local_date_at(t),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        assert_eq!(local_input(t), "2027-01-01T01:30");
        assert_eq!(parse_local_time("2027-01-01T01:30"), Some(t));
        assert_eq!(local_display(&stored_time(t)), "2027-01-01 01:30");
        assert_eq!(parse_time(&stored_time(t)), Some(t));
        assert_eq!(
            date_of("2026-11-22T10:00:00Z"),
            NaiveDate::from_ymd_opt(2026, 11, 22)
        );
    }
}
