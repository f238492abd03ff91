//! 国民の祝日 and the days an office is closed (閉庁日), for deadlines counted in days: the rules
//! of the 祝日法 (国民の祝日に関する法律) as they stand since 2020 — fixed dates, the 「第N月曜日」
//! (happy-Monday) days, 春分・秋分 by the formula the 国立天文台 announcements follow —, the days
//! moved for the Tokyo Olympics (2020, 2021), the one-off days of the 2019 enthronement, the
//! names before 2020 (体育の日), 振替休日 (祝日法第3条2項) and 国民の休日 (同3項).
//!
//! The app is offline: this is the table. It is exact for 1980–2099 (the 春分・秋分 formula's
//! range) as far as the law stands today; a later amendment needs a new version of Kiroku.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// What kind of day off a date is, with its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOff {
    /// 国民の祝日 (its name, e.g. 「春分の日」).
    Holiday(&'static str),
    /// 振替休日: a 祝日 fell on a Sunday.
    Substitute,
    /// 国民の休日: a day between two 祝日.
    Citizens,
}

impl DayOff {
    pub fn name(self) -> &'static str {
        match self {
            Self::Holiday(n) => n,
            Self::Substitute => "振替休日",
            Self::Citizens => "国民の休日",
        }
    }
}

/// The 国民の祝日 proper on `d` (not 振替休日 or 国民の休日).
pub fn national_holiday(d: NaiveDate) -> Option<&'static str> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let nth_monday = |n: u32| d.weekday() == Weekday::Mon && (day - 1) / 7 + 1 == n;
    let name = match (m, day) {
        (1, 1) => "元日",
        (1, _) if nth_monday(2) => "成人の日",
        (2, 11) => "建国記念の日",
        (2, 23) if y >= 2020 => "天皇誕生日",
        (12, 23) if (1989..=2018).contains(&y) => "天皇誕生日",
        (3, _) if Some(day) == vernal_equinox(y) => "春分の日",
        (4, 29) => "昭和の日",
        (5, 3) => "憲法記念日",
        (5, 4) => "みどりの日",
        (5, 5) => "こどもの日",
        (9, _) if Some(day) == autumnal_equinox(y) => "秋分の日",
        (9, _) if nth_monday(3) => "敬老の日",
        (11, 3) => "文化の日",
        (11, 23) => "勤労感謝の日",
        _ => return moved_or_one_off(y, m, day).or_else(|| by_rule(y, m, nth_monday)),
    };
    Some(name)
}

/// 海の日, 山の日 and スポーツの日 in an ordinary year.
fn by_rule(y: i32, m: u32, nth_monday: impl Fn(u32) -> bool) -> Option<&'static str> {
    if matches!(y, 2020 | 2021) {
        return None; // moved for the Olympics: see `moved_or_one_off`
    }
    match m {
        7 if nth_monday(3) => Some("海の日"),
        10 if nth_monday(2) => Some(if y >= 2020 {
            "スポーツの日"
        } else {
            "体育の日"
        }),
        _ => None,
    }
}

/// Days fixed by special laws, and 山の日 (8月11日) outside the Olympic years.
fn moved_or_one_off(y: i32, m: u32, day: u32) -> Option<&'static str> {
    match (y, m, day) {
        (2019, 5, 1) => Some("天皇の即位の日"),
        (2019, 10, 22) => Some("即位礼正殿の儀の行われる日"),
        (2020, 7, 23) | (2021, 7, 22) => Some("海の日"),
        (2020, 7, 24) | (2021, 7, 23) => Some("スポーツの日"),
        (2020, 8, 10) | (2021, 8, 8) => Some("山の日"),
        (2020 | 2021, 8, 11) => None,
        (y, 8, 11) if y >= 2016 => Some("山の日"),
        _ => None,
    }
}

/// 春分日 in March (国立天文台's formula, 1980–2099).
fn vernal_equinox(y: i32) -> Option<u32> {
    equinox(y, 20.8431)
}

/// 秋分日 in September (the same formula).
fn autumnal_equinox(y: i32) -> Option<u32> {
    equinox(y, 23.2488)
}

fn equinox(y: i32, base: f64) -> Option<u32> {
    if !(1980..=2099).contains(&y) {
        return None;
    }
    let n = f64::from(y - 1980);
    let day = (base + 0.242194 * n - (n / 4.0).floor()).floor();
    // The formula gives 19–24 over its range: always a valid day of March or September.
    Some(day as u32)
}

/// The day off `d` is, if any: a 祝日, a 振替休日 or a 国民の休日.
pub fn day_off(d: NaiveDate) -> Option<DayOff> {
    if let Some(name) = national_holiday(d) {
        return Some(DayOff::Holiday(name));
    }
    if is_substitute(d) {
        return Some(DayOff::Substitute);
    }
    // 国民の休日: the day before and the day after are 祝日 (and it is none itself).
    let (before, after) = (d - Duration::days(1), d + Duration::days(1));
    if d.weekday() != Weekday::Sun
        && national_holiday(before).is_some()
        && national_holiday(after).is_some()
    {
        return Some(DayOff::Citizens);
    }
    None
}

/// 振替休日: the first day after a Sunday 祝日 that is not a 祝日 itself (祝日法第3条2項).
fn is_substitute(d: NaiveDate) -> bool {
    let mut prev = d - Duration::days(1);
    while national_holiday(prev).is_some() {
        if prev.weekday() == Weekday::Sun {
            return true;
        }
        prev -= Duration::days(1);
    }
    false
}

/// 12月29日から1月3日: the year-end closure (行政機関の休日).
pub fn is_year_end(d: NaiveDate) -> bool {
    matches!((d.month(), d.day()), (12, 29..=31) | (1, 1..=3))
}

/// Why the office is closed on `d`, if it is: 土曜日, 日曜日, a day off, or 年末年始.
pub fn closed_because(d: NaiveDate) -> Option<&'static str> {
    match d.weekday() {
        Weekday::Sat => return Some("土曜日"),
        Weekday::Sun => return Some("日曜日"),
        _ => {}
    }
    if let Some(off) = day_off(d) {
        return Some(off.name());
    }
    is_year_end(d).then_some("年末年始")
}

/// `d`, or the first day after it on which the office is open (a deadline that falls on a
/// closed day moves to the next open day).
pub fn next_open_day(d: NaiveDate) -> NaiveDate {
    let mut d = d;
    while closed_because(d).is_some() {
        d += Duration::days(1);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|_| panic!("{s}"))
    }

    #[test]
    fn substitute_and_citizens_days() {
        // 2019-05-06: こどもの日 fell on a Sunday, the days before were all 祝日.
        assert_eq!(day_off(date("2019-05-06")), Some(DayOff::Substitute));
        assert_eq!(day_off(date("2019-04-30")), Some(DayOff::Citizens));
        assert_eq!(day_off(date("2026-09-22")), Some(DayOff::Citizens));
        // 2020-05-06: 憲法記念日 (Sunday) → the first non-holiday after it.
        assert_eq!(day_off(date("2020-05-06")), Some(DayOff::Substitute));
        assert_eq!(day_off(date("2026-09-24")), None);
    }

    #[test]
    fn closed_days_roll_forward() {
        assert_eq!(next_open_day(date("2026-12-29")), date("2027-01-04"));
        assert_eq!(closed_because(date("2027-01-02")), Some("土曜日"));
        assert_eq!(closed_because(date("2026-12-30")), Some("年末年始"));
        assert_eq!(next_open_day(date("2026-05-02")), date("2026-05-07"));
        assert_eq!(next_open_day(date("2026-06-01")), date("2026-06-01"));
    }
}
