//! 和暦 (Japanese era dates): formatting and parsing, era boundaries exact.
//!
//! Supported from 明治6年1月1日 (1873-01-01, when Japan adopted the Gregorian calendar).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset, Utc};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::field::FieldError;

/// A Japanese era: its name, its one-letter abbreviation and its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Era {
    pub name: &'static str,
    pub letter: char,
    first_day: (i32, u32, u32),
}

impl Era {
    pub fn first_day(&self) -> NaiveDate {
        let (y, m, d) = self.first_day;
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }
}

/// 明治〜令和, oldest first.
pub const ERAS: [Era; 5] = [
    Era {
        name: "明治",
        letter: 'M',
        first_day: (1868, 10, 23),
    },
    Era {
        name: "大正",
        letter: 'T',
        first_day: (1912, 7, 30),
    },
    Era {
        name: "昭和",
        letter: 'S',
        first_day: (1926, 12, 25),
    },
    Era {
        name: "平成",
        letter: 'H',
        first_day: (1989, 1, 8),
    },
    Era {
        name: "令和",
        letter: 'R',
        first_day: (2019, 5, 1),
    },
];

/// The earliest date Kiroku reads or writes in 和暦.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1873, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn era_of(date: NaiveDate) -> Option<(usize, &'static Era)> {
    ERAS.iter()
        .enumerate()
        .rev()
        .find(|(_, e)| date >= e.first_day())
}

/// The era and the year within it (1 = 元年) of `date`.
pub fn era_year(date: NaiveDate) -> Option<(&'static Era, i32)> {
    if date < earliest() {
        return None;
    }
    era_of(date).map(|(_, e)| (e, date.year() - e.first_day().year() + 1))
}

/// `令和7年4月1日`, `令和元年5月1日`. Dates before [`earliest`] are written in 西暦.
pub fn format(date: NaiveDate) -> String {
    match era_year(date) {
        Some((era, year)) => {
            let year = if year == 1 {
                "元".to_owned()
            } else {
                year.to_string()
            };
            format!("{}{year}年{}月{}日", era.name, date.month(), date.day())
        }
        None => format_seireki(date),
    }
}

/// The office's calendar day (JST) at the moment `at`.
pub fn day_in_japan(at: chrono::DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&jst()).date_naive()
}

/// The moment the office's calendar day `day` begins (00:00 JST), for periods typed as days.
pub fn start_of_day_in_japan(day: NaiveDate) -> chrono::DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN)
        .and_local_timezone(jst())
        .single()
        .map_or_else(
            || day.and_time(chrono::NaiveTime::MIN).and_utc(),
            |t| t.with_timezone(&Utc),
        )
}

/// Japan Standard Time (UTC+9, no summer time): the office's clock and calendar day.
pub fn jst() -> FixedOffset {
    match FixedOffset::east_opt(9 * 3600) {
        Some(offset) => offset,
        None => Utc.fix(),
    }
}

/// How dates are written on screens and forms: 和暦 (the default) or 西暦 — a vault setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateStyle {
    /// 令和7年4月1日
    #[default]
    Wareki,
    /// 2025年4月1日
    Seireki,
}

impl DateStyle {
    pub fn format(self, date: NaiveDate) -> String {
        match self {
            DateStyle::Wareki => format(date),
            DateStyle::Seireki => format_seireki(date),
        }
    }

    /// A moment as the office's clock shows it (JST): `令和8年11月24日 9:05:30`.
    pub fn format_time(self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&jst());
        format!(
            "{} {}",
            self.format(local.date_naive()),
            local.format("%-H:%M:%S")
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DateStyle::Wareki => "wareki",
            DateStyle::Seireki => "seireki",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DateStyle::Wareki => "和暦",
            DateStyle::Seireki => "西暦",
        }
    }

    /// `wareki` | `seireki` (or 和暦 | 西暦).
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        match text.trim() {
            "wareki" | "和暦" => Ok(DateStyle::Wareki),
            "seireki" | "西暦" => Ok(DateStyle::Seireki),
            _ => Err(FieldError::new(
                "日付の表記",
                "wareki（和暦）か seireki（西暦）を指定してください。",
            )),
        }
    }
}

/// `2025年4月1日`.
pub fn format_seireki(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// Day, month, era-year or year and the era given, before calendar checks.
struct Parts {
    era: Option<&'static Era>,
    year: i32,
    /// How many digits the year was typed with (`元` counts as one).
    year_digits: usize,
    month: u32,
    day: u32,
}

/// The numbers of a date, each with the count of digits it was typed with.
fn numbers(s: &str) -> Option<Vec<(i64, usize)>> {
    s.split(['.', '/', '-', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            if p == "元" {
                Some((1, 1))
            } else if p.chars().all(|c| c.is_ascii_digit()) && p.len() <= 9 {
                p.parse::<i64>().ok().map(|n| (n, p.len()))
            } else {
                None
            }
        })
        .collect()
}

fn split(text: &str) -> Option<Parts> {
    let text: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let (era, rest) = match ERAS.iter().find(|e| text.starts_with(e.name)) {
        Some(e) => (Some(e), &text[e.name.len()..]),
        None => match text.chars().next().map(|c| c.to_ascii_uppercase()) {
            Some(c) if c.is_ascii_alphabetic() => {
                (Some(ERAS.iter().find(|e| e.letter == c)?), &text[1..])
            }
            _ => (None, text.as_str()),
        },
    };
    if rest.ends_with(['.', '/', '-']) {
        return None;
    }
    let n = numbers(rest)?;
    let [(year, year_digits), (month, _), (day, _)] = n.as_slice() else {
        return None;
    };
    Some(Parts {
        era,
        year: i32::try_from(*year).ok()?,
        year_digits: *year_digits,
        month: u32::try_from(*month).ok()?,
        day: u32::try_from(*day).ok()?,
    })
}

/// 令和, the era a year typed without one is read in.
fn reiwa() -> &'static Era {
    &ERAS[ERAS.len() - 1]
}

/// Reads a date typed in 和暦 (`令和7年4月1日`, `令和元年5月1日`, `R7.4.1`, `H31/4/30`) or
/// 西暦 (`2025-04-01`, `2025/4/1`, `2025年4月1日`), full-width digits included. A year of one
/// or two digits without an era is a year of 令和 (`7.4.1`, `8/4/1`, `7年4月1日`, `元.5.1`);
/// a 西暦 year has four digits and is 1873 or later (明治6年, when Japan took up the Gregorian
/// calendar), so `0007-04-01` or a three-digit year is refused, not read as the first
/// century. `field` names the field in the error.
pub fn parse(field: &'static str, text: &str) -> Result<NaiveDate, FieldError> {
    let bad_form = || {
        FieldError::new(
            field,
            "日付は「令和7年4月1日」「R7.4.1」「2025-04-01」のように入力してください。",
        )
    };
    let parts = split(text).ok_or_else(bad_form)?;
    let era = match parts.era {
        Some(era) => era,
        None if parts.year_digits <= 2 => reiwa(),
        None if parts.year_digits == 4 && parts.year >= earliest().year() => {
            return NaiveDate::from_ymd_opt(parts.year, parts.month, parts.day).ok_or_else(|| {
                FieldError::new(
                    field,
                    format!(
                        "{}年{}月{}日という日はありません。",
                        parts.year, parts.month, parts.day
                    ),
                )
            });
        }
        None if parts.year_digits == 4 => {
            return Err(FieldError::new(
                field,
                format!(
                    "{}年は扱えません。西暦は1873年（明治6年）以降を4桁で入力してください（例: 2025-04-01）。和暦なら「令和7年4月1日」「R7.4.1」のように入力してください。",
                    parts.year
                ),
            ));
        }
        None => {
            return Err(FieldError::new(
                field,
                format!(
                    "年が{}桁です。西暦は4桁（例: 2025-04-01）、令和は1〜2桁（例: 7.4.1）で入力してください。",
                    parts.year_digits
                ),
            ));
        }
    };
    let typed = format!(
        "{}{}年{}月{}日",
        era.name,
        if parts.year == 1 {
            "元".to_owned()
        } else {
            parts.year.to_string()
        },
        parts.month,
        parts.day
    );
    if parts.year < 1 {
        return Err(FieldError::new(
            field,
            format!(
                "{}{}年という年はありません（{}は元年から始まります）。",
                era.name, parts.year, era.name
            ),
        ));
    }
    let western = era.first_day().year() + parts.year - 1;
    let date = NaiveDate::from_ymd_opt(western, parts.month, parts.day)
        .ok_or_else(|| FieldError::new(field, format!("{typed}という日はありません。")))?;
    if date < era.first_day() {
        return Err(FieldError::new(
            field,
            format!(
                "{typed}は{}の始まり（{}）より前です。",
                era.name,
                format(era.first_day())
            ),
        ));
    }
    if date < earliest() {
        return Err(FieldError::new(
            field,
            "明治6年（1873年）より前の日付は扱えません。",
        ));
    }
    match era_year(date) {
        Some((actual, _)) if actual == era => Ok(date),
        _ => Err(FieldError::new(
            field,
            format!(
                "{typed}はありません。{}のことであれば「{}」と入力してください。",
                format_seireki(date),
                format(date)
            ),
        )),
    }
}

/// Like [`parse`], for the day something happened: at most one day after `today` (a day's
/// grace for work finished after midnight or across a time zone), never later.
pub fn parse_happened(
    field: &'static str,
    text: &str,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    let date = parse(field, text)?;
    if date > today + chrono::Duration::days(1) {
        return Err(FieldError::new(
            field,
            format!(
                "{}は未来の日付です。実際に行った日を入力してください（今日は{}）。",
                format(date),
                format(today)
            ),
        ));
    }
    Ok(date)
}

/// 2015-10-05 (平成27年10月5日): the day 個人番号 began to be notified. No one handled a
/// My Number before it, so no handling date can be earlier.
pub fn my_number_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 10, 5).unwrap_or(NaiveDate::MIN)
}

/// Like [`parse_happened`], for the day a 個人番号 was handled (取得・利用・提供・廃棄, …):
/// not before [`my_number_start`], not after `today` + 1 day.
pub fn parse_handling(
    field: &'static str,
    text: &str,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    let date = parse_happened(field, text, today)?;
    if date < my_number_start() {
        return Err(FieldError::new(
            field,
            format!(
                "{}は個人番号の通知が始まった{}より前です。個人番号を取り扱った日を入力してください。",
                label(date),
                format(my_number_start())
            ),
        ));
    }
    Ok(date)
}

/// A date as read back to the person who typed it, shown beside the field: the ISO date and
/// 「令和7年4月1日 (2025-04-01)」.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DateEcho {
    /// `2025-04-01`
    pub date: String,
    /// 令和7年4月1日 (2025-04-01)
    pub label: String,
}

impl DateEcho {
    pub fn new(date: NaiveDate) -> Self {
        Self {
            date: date.format("%Y-%m-%d").to_string(),
            label: label(date),
        }
    }
}

/// 「令和7年4月1日 (2025-04-01)」: the 和暦 and the 西暦 of `date`, so that a date typed
/// either way can be checked at a glance.
pub fn label(date: NaiveDate) -> String {
    format!("{} ({})", format(date), date.format("%Y-%m-%d"))
}

/// Reads `text` as [`parse`] does and echoes the date back.
pub fn read_input(field: &'static str, text: &str) -> Result<DateEcho, FieldError> {
    parse(field, text).map(DateEcho::new)
}

/// Reads `text` as [`parse_handling`] does and echoes the date back.
pub fn read_handling_input(
    field: &'static str,
    text: &str,
    today: NaiveDate,
) -> Result<DateEcho, FieldError> {
    parse_handling(field, text, today).map(DateEcho::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[rstest]
    #[case(d(2025, 4, 1), "令和7年4月1日")]
    #[case(d(2019, 5, 1), "令和元年5月1日")]
    #[case(d(2019, 4, 30), "平成31年4月30日")]
    #[case(d(1989, 1, 8), "平成元年1月8日")]
    #[case(d(1989, 1, 7), "昭和64年1月7日")]
    #[case(d(1926, 12, 25), "昭和元年12月25日")]
    #[case(d(1926, 12, 24), "大正15年12月24日")]
    fn formats_at_the_era_boundaries(#[case] date: NaiveDate, #[case] text: &str) {
        assert_eq!(format(date), text);
    }

    #[test]
    fn a_moment_is_shown_on_the_office_clock_a_utc_evening_being_the_next_morning_in_japan() {
        use chrono::TimeZone;
        let at = Utc.with_ymd_and_hms(2019, 4, 30, 15, 5, 30).unwrap();
        assert_eq!(DateStyle::Wareki.format_time(at), "令和元年5月1日 0:05:30");
        assert_eq!(DateStyle::Seireki.format_time(at), "2019年5月1日 0:05:30");
        let noon = Utc.with_ymd_and_hms(2026, 11, 24, 3, 45, 0).unwrap();
        assert_eq!(
            DateStyle::Wareki.format_time(noon),
            "令和8年11月24日 12:45:00"
        );
    }

    #[rstest]
    #[case("令和7年4月1日", d(2025, 4, 1))]
    #[case("令和元年5月1日", d(2019, 5, 1))]
    #[case("令和1年5月1日", d(2019, 5, 1))]
    #[case("R7.4.1", d(2025, 4, 1))]
    #[case("r07.04.01", d(2025, 4, 1))]
    #[case("H31/4/30", d(2019, 4, 30))]
    #[case("平成31年4月30日", d(2019, 4, 30))]
    #[case("令和７年４月１日", d(2025, 4, 1))]
    #[case("Ｒ７．４．１", d(2025, 4, 1))]
    #[case("2025-04-01", d(2025, 4, 1))]
    #[case("2025/4/1", d(2025, 4, 1))]
    #[case("2025年4月1日", d(2025, 4, 1))]
    #[case(" 令和 7年 4月 1日 ", d(2025, 4, 1))]
    fn parses_what_clerks_type(#[case] text: &str, #[case] date: NaiveDate) {
        assert_eq!(parse("取得日", text), Ok(date));
    }

    #[rstest]
    #[case("令和0年4月1日", "元年から")]
    #[case("平成32年1月1日", "令和2年1月1日")]
    #[case("平成31年5月1日", "令和元年5月1日")]
    #[case("令和7年13月1日", "ありません")]
    #[case("令和7年2月29日", "ありません")]
    #[case("令和元年4月30日", "始まり")]
    #[case("2025-02-30", "ありません")]
    #[case("X7.4.1", "のように入力")]
    #[case("7.4", "のように入力")]
    #[case("あした", "のように入力")]
    fn refuses_dates_that_do_not_exist_naming_the_field(#[case] text: &str, #[case] hint: &str) {
        let err = parse("取得日", text).unwrap_err();
        assert_eq!(err.field, "取得日");
        assert!(err.message.contains(hint), "{text}: {}", err.message);
    }

    #[test]
    fn a_day_that_has_not_come_is_refused() {
        let today = d(2025, 4, 1);
        assert_eq!(
            parse_happened("退職日", "令和7年4月2日", today),
            Ok(d(2025, 4, 2))
        );
        let err = parse_happened("退職日", "令和7年4月3日", today).unwrap_err();
        assert_eq!(err.field, "退職日");
        assert!(err.message.contains("未来"), "{}", err.message);
    }

    /// Before, each of these was read as the first century (7.4.1 → 0007-04-01).
    #[rstest]
    #[case("7.4.1", d(2025, 4, 1))]
    #[case("8/4/1", d(2026, 4, 1))]
    #[case("7年4月1日", d(2025, 4, 1))]
    #[case("7-4-1", d(2025, 4, 1))]
    #[case("07.04.01", d(2025, 4, 1))]
    #[case("７．４．１", d(2025, 4, 1))]
    #[case("７年４月１日", d(2025, 4, 1))]
    #[case("元.5.1", d(2019, 5, 1))]
    #[case("元年5月1日", d(2019, 5, 1))]
    #[case("1.5.1", d(2019, 5, 1))]
    #[case("2.2.29", d(2020, 2, 29))]
    #[case("12.1.31", d(2030, 1, 31))]
    #[case(" 7 . 4 . 1 ", d(2025, 4, 1))]
    fn a_year_without_an_era_is_reiwa(#[case] text: &str, #[case] date: NaiveDate) {
        assert_eq!(parse("取扱日", text), Ok(date));
    }

    #[rstest]
    #[case("0007-04-01", "7年は")]
    #[case("0001-01-01", "1年は")]
    #[case("1868-10-23", "1868年は")]
    #[case("1872-12-31", "1873年")]
    #[case("100.4.1", "3桁")]
    #[case("025-04-01", "3桁")]
    #[case("10000-01-01", "5桁")]
    #[case("1.4.30", "令和の始まり")]
    #[case("0.4.1", "元年から")]
    #[case("3.2.29", "ありません")]
    fn refuses_years_that_cannot_be_meant(#[case] text: &str, #[case] hint: &str) {
        let err = parse("取扱日", text).unwrap_err();
        assert_eq!(err.field, "取扱日");
        assert!(err.message.contains(hint), "{text}: {}", err.message);
    }

    #[test]
    fn the_earliest_western_year_is_still_read() {
        assert_eq!(parse("生年月日", "1873-01-01"), Ok(d(1873, 1, 1)));
        assert_eq!(parse("生年月日", "1999-01-01"), Ok(d(1999, 1, 1)));
    }

    #[rstest]
    #[case("1999-01-01")]
    #[case("平成27年10月4日")]
    #[case("H27.10.4")]
    #[case("2015-10-04")]
    #[case("平成元年1月8日")]
    fn a_handling_date_before_my_numbers_were_notified_is_refused(#[case] text: &str) {
        let today = d(2025, 4, 1);
        let err = parse_handling("日付", text, today).unwrap_err();
        assert_eq!(err.field, "日付");
        assert!(err.message.contains("個人番号の通知"), "{}", err.message);
        assert!(err.message.contains("平成27年10月5日"), "{}", err.message);
        assert!(read_handling_input("日付", text, today).is_err());
    }

    #[test]
    fn a_handling_date_from_the_first_day_to_tomorrow_is_read() {
        let today = d(2025, 4, 1);
        assert_eq!(my_number_start(), d(2015, 10, 5));
        assert_eq!(
            parse_handling("日付", "平成27年10月5日", today),
            Ok(my_number_start())
        );
        assert_eq!(parse_handling("日付", "7.4.2", today), Ok(d(2025, 4, 2)));
        let err = parse_handling("日付", "7.4.3", today).unwrap_err();
        assert!(err.message.contains("未来"), "{}", err.message);
    }

    #[test]
    fn the_label_shows_both_calendars() {
        assert_eq!(label(d(2025, 4, 1)), "令和7年4月1日 (2025-04-01)");
        assert_eq!(label(d(2019, 5, 1)), "令和元年5月1日 (2019-05-01)");
        assert_eq!(label(d(2019, 4, 30)), "平成31年4月30日 (2019-04-30)");
    }

    #[test]
    fn input_is_echoed_back_as_read() {
        let echo = read_input("日付", "7.4.1").unwrap();
        assert_eq!(
            echo,
            DateEcho {
                date: "2025-04-01".to_owned(),
                label: "令和7年4月1日 (2025-04-01)".to_owned(),
            }
        );
        assert_eq!(
            serde_json::to_value(&echo).unwrap(),
            serde_json::json!({"date": "2025-04-01", "label": "令和7年4月1日 (2025-04-01)"})
        );
        assert_eq!(
            read_handling_input("日付", "元.5.1", d(2025, 4, 1)).map(|e| e.label),
            Ok("令和元年5月1日 (2019-05-01)".to_owned())
        );
        assert_eq!(read_input("日付", "0007-04-01").unwrap_err().field, "日付");
    }

    proptest::proptest! {
        #[test]
        fn any_era_less_short_year_is_reiwa(year in 1i32..100, m in 1u32..13, day in 1u32..29, sep in 0usize..3) {
            let western = 2018 + year;
            let text = match sep {
                0 => format!("{year}.{m}.{day}"),
                1 => format!("{year}/{m}/{day}"),
                _ => format!("{year}年{m}月{day}日"),
            };
            let expected = NaiveDate::from_ymd_opt(western, m, day).unwrap();
            match parse("日付", &text) {
                Ok(date) => proptest::prop_assert_eq!(date, expected),
                // 令和元年 starts on 5月1日.
                Err(e) => proptest::prop_assert!(year == 1 && expected < d(2019, 5, 1), "{}: {}", text, e.message),
            }
        }

        #[test]
        fn no_year_before_1873_is_read(year in 0i32..1873, m in 1u32..13, day in 1u32..29) {
            let text = format!("{year:04}-{m:02}-{day:02}");
            proptest::prop_assert!(parse("日付", &text).is_err(), "{}", text);
            let text = format!("{year:03}/{m}/{day}");
            proptest::prop_assert!(year > 999 || parse("日付", &text).is_err(), "{}", text);
        }

        #[test]
        fn no_handling_date_before_the_first_notice_is_read(days in 1i64..40_000) {
            let date = my_number_start() - chrono::Duration::days(days);
            let text = date.format("%Y-%m-%d").to_string();
            proptest::prop_assert!(parse_handling("日付", &text, d(2025, 4, 1)).is_err());
        }
    }

    #[test]
    fn every_day_from_showa_to_2100_round_trips() {
        let mut day = d(1926, 12, 25);
        let last = d(2100, 12, 31);
        let mut n = 0;
        while day <= last {
            let text = format(day);
            assert_eq!(parse("日付", &text), Ok(day), "{text}");
            let (era, year) = era_year(day).unwrap();
            let short = format!("{}{}.{}.{}", era.letter, year, day.month(), day.day());
            assert_eq!(parse("日付", &short), Ok(day), "{short}");
            day = day.succ_opt().unwrap();
            n += 1;
        }
        assert_eq!(
            n,
            (last - d(1926, 12, 25)).num_days() + 1,
            "every day was visited"
        );
    }
}
