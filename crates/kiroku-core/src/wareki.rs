//! 和暦 (Japanese era dates): formatting and parsing, era boundaries exact.
//!
//! Supported from 明治6年1月1日 (1873-01-01, when Japan adopted the Gregorian calendar).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset, Utc};
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
    month: u32,
    day: u32,
}

fn numbers(s: &str) -> Option<Vec<i64>> {
    let parts: Vec<&str> = s
        .split(['.', '/', '-', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    parts
        .iter()
        .map(|p| {
            if *p == "元" {
                Some(1)
            } else {
                p.parse::<i64>().ok()
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
    let [year, month, day] = n.as_slice() else {
        return None;
    };
    Some(Parts {
        era,
        year: i32::try_from(*year).ok()?,
        month: u32::try_from(*month).ok()?,
        day: u32::try_from(*day).ok()?,
    })
}

/// Reads a date typed in 和暦 (`令和7年4月1日`, `令和元年5月1日`, `R7.4.1`, `H31/4/30`) or
/// 西暦 (`2025-04-01`, `2025/4/1`, `2025年4月1日`), full-width digits included. `field` names
/// the field in the error.
pub fn parse(field: &'static str, text: &str) -> Result<NaiveDate, FieldError> {
    let bad_form = || {
        FieldError::new(
            field,
            "日付は「令和7年4月1日」「R7.4.1」「2025-04-01」のように入力してください。",
        )
    };
    let parts = split(text).ok_or_else(bad_form)?;
    let Some(era) = parts.era else {
        return NaiveDate::from_ymd_opt(parts.year, parts.month, parts.day).ok_or_else(|| {
            FieldError::new(
                field,
                format!(
                    "{}年{}月{}日という日はありません。",
                    parts.year, parts.month, parts.day
                ),
            )
        });
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
