//! The office's calendar: Japan Standard Time, working days, fiscal years (4月–3月) and
//! calendar years labelled in 和暦.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::wareki;

/// 平成28年度: the first fiscal year in which 個人番号 were in use (from January 2016).
pub(super) const FIRST_FISCAL_YEAR: i32 = 2016;

/// The fiscal year (by the year it starts in) that `day` falls in.
pub(super) fn fiscal_year_of(day: NaiveDate) -> i32 {
    FiscalYear::containing(day).0
}

/// The day `y`-`m`-`d` (only real dates are asked for; an impossible one gives the earliest).
pub(super) fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The next working day (Saturdays and Sundays move to Monday).
pub(super) fn workday(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d + Duration::days(2),
        Weekday::Sun => d + Duration::days(1),
        _ => d,
    }
}

/// The working day `days` days after `d`.
pub(super) fn after(d: NaiveDate, days: i64) -> NaiveDate {
    workday(d + Duration::days(days))
}

/// `令和7年分` for calendar year `year`.
pub(super) fn year_label(year: i32) -> String {
    match wareki::era_year(ymd(year, 12, 31)) {
        Some((era, 1)) => format!("{}元年分", era.name),
        Some((era, n)) => format!("{}{n}年分", era.name),
        None => format!("{year}年分"),
    }
}

pub(super) use kiroku_core::wareki::jst;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekends_move_to_monday() {
        // 2026-11-21 is a Saturday.
        assert_eq!(workday(ymd(2026, 11, 21)), ymd(2026, 11, 23));
        assert_eq!(workday(ymd(2026, 11, 22)), ymd(2026, 11, 23));
        assert_eq!(after(ymd(2026, 11, 20), 1), ymd(2026, 11, 23));
        assert_eq!(fiscal_year_of(ymd(2027, 3, 31)), 2026);
        assert_eq!(fiscal_year_of(ymd(2027, 4, 1)), 2027);
    }

    #[test]
    fn years_are_labelled_in_wareki() {
        assert_eq!(year_label(2019), "令和元年分");
        assert_eq!(year_label(2025), "令和7年分");
        assert_eq!(year_label(2016), "平成28年分");
    }
}
