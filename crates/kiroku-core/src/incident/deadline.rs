//! The deadlines of a reportable incident, counted from 知った日 (the day anyone in the body
//! knew) as day 1: 速報 「速やかに」 — 概ね3〜5日, warned on day 3, overdue after day 5 —, and
//! 確報 within 30 days (60 when 規則第2条2号 applies), its last day moved past 土日・祝日・
//! 12/29–1/3 to the next open day.

use chrono::{Duration, NaiveDate};

use crate::holidays;

/// A deadline within this many days (or past) is shown as urgent (red).
pub const URGENT_WITHIN_DAYS: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    /// 知った日 (day 1).
    pub known_on: NaiveDate,
    /// Day 3: the 速報 should be on its way.
    pub sokuho_warn: NaiveDate,
    /// Day 5: after it the 速報 is overdue.
    pub sokuho_due: NaiveDate,
    /// 30 or 60.
    pub kakuho_days: u32,
    /// Day 30 (or 60) as counted, before moving past closed days.
    pub kakuho_counted: NaiveDate,
    /// The 確報's last day.
    pub kakuho_due: NaiveDate,
    /// Why the last day moved (「日曜日」, 「年末年始」 …), if it did.
    pub kakuho_moved_because: Option<&'static str>,
}

impl Deadlines {
    pub fn new(known_on: NaiveDate, kakuho_days: u32) -> Self {
        let day = |n: u32| known_on + Duration::days(i64::from(n) - 1);
        let kakuho_counted = day(kakuho_days);
        let kakuho_due = holidays::next_open_day(kakuho_counted);
        Self {
            known_on,
            sokuho_warn: day(3),
            sokuho_due: day(5),
            kakuho_days,
            kakuho_counted,
            kakuho_due,
            kakuho_moved_because: holidays::closed_because(kakuho_counted),
        }
    }
}

/// Days from `today` to `due` (0: due today; negative: overdue by that many days).
pub fn days_left(today: NaiveDate, due: NaiveDate) -> i64 {
    (due - today).num_days()
}

/// Due within [`URGENT_WITHIN_DAYS`] days, or overdue.
pub fn is_urgent(today: NaiveDate, due: NaiveDate) -> bool {
    days_left(today, due) <= URGENT_WITHIN_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|_| panic!("{s}"))
    }

    #[test]
    fn day_one_is_the_day_known() {
        let t = Deadlines::new(d("2026-06-01"), 30);
        assert_eq!(t.sokuho_warn, d("2026-06-03"));
        assert_eq!(t.sokuho_due, d("2026-06-05"));
        // Day 30 is 6/30, a Tuesday: no move.
        assert_eq!(t.kakuho_due, d("2026-06-30"));
        assert_eq!(t.kakuho_moved_because, None);
    }

    #[test]
    fn the_last_day_moves_past_the_year_end() {
        // Known 2026-11-30: day 30 is 12/29 (年末年始) → 1/4 (Monday).
        let t = Deadlines::new(d("2026-11-30"), 30);
        assert_eq!(t.kakuho_counted, d("2026-12-29"));
        assert_eq!(t.kakuho_due, d("2027-01-04"));
        assert_eq!(t.kakuho_moved_because, Some("年末年始"));
    }

    #[test]
    fn the_last_day_moves_past_golden_week() {
        // Known 2026-04-03: day 30 is 5/2 (Saturday); 5/3–5/6 are 祝日 and 振替休日 → 5/7.
        let t = Deadlines::new(d("2026-04-03"), 30);
        assert_eq!(t.kakuho_counted, d("2026-05-02"));
        assert_eq!(t.kakuho_due, d("2026-05-07"));
    }

    #[test]
    fn the_last_day_moves_past_a_substitute_and_a_citizens_holiday() {
        // 2027-03-22 is the 振替休日 of 春分の日 (3/21, a Sunday).
        let t = Deadlines::new(d("2027-02-21"), 30);
        assert_eq!(t.kakuho_counted, d("2027-03-22"));
        assert_eq!(t.kakuho_moved_because, Some("振替休日"));
        assert_eq!(t.kakuho_due, d("2027-03-23"));
        // 2026-09-22 is a 国民の休日 between 敬老の日 and 秋分の日 → 9/24.
        let t = Deadlines::new(d("2026-07-25"), 60);
        assert_eq!(t.kakuho_counted, d("2026-09-22"));
        assert_eq!(t.kakuho_moved_because, Some("国民の休日"));
        assert_eq!(t.kakuho_due, d("2026-09-24"));
    }

    #[test]
    fn urgency_is_three_days_or_overdue() {
        let due = d("2026-06-10");
        assert!(!is_urgent(d("2026-06-06"), due));
        assert!(is_urgent(d("2026-06-07"), due));
        assert_eq!(days_left(d("2026-06-12"), due), -2);
        assert!(is_urgent(d("2026-06-12"), due));
    }
}
