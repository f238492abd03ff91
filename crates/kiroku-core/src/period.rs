//! Period arithmetic of the 民法 (第140条・第143条) for retention periods (保存期間).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::fiscal_year::FiscalYear;

/// Where a retention period starts (起算点), from the document's base date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StartKind {
    /// The base date itself (a period "…の翌日から", where the base date is already that day).
    BaseDate,
    /// The day after the base date (「…の日から」: the first day is not counted, 民法第140条).
    DayAfter,
    /// 11 January of the year after the base date's year (「翌年1月10日の翌日から」).
    AfterJan10NextYear,
    /// 1 April of the fiscal year after the one containing the base date
    /// (「…の属する翌年事業年度から起算して」).
    NextFiscalYear,
}

impl StartKind {
    /// The first day S of the period (inclusive).
    pub fn start(self, base: NaiveDate) -> NaiveDate {
        match self {
            StartKind::BaseDate => base,
            StartKind::DayAfter => base.succ_opt().unwrap_or(NaiveDate::MAX),
            StartKind::AfterJan10NextYear => {
                NaiveDate::from_ymd_opt(base.year() + 1, 1, 11).unwrap_or(NaiveDate::MAX)
            }
            StartKind::NextFiscalYear => FiscalYear::containing(base).next().first_day(),
        }
    }

    /// Every kind, in the order the forms list them.
    pub const ALL: [StartKind; 4] = [
        StartKind::BaseDate,
        StartKind::DayAfter,
        StartKind::AfterJan10NextYear,
        StartKind::NextFiscalYear,
    ];

    /// The CLI identifier (also the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            StartKind::BaseDate => "base-date",
            StartKind::DayAfter => "day-after",
            StartKind::AfterJan10NextYear => "after-jan10-next-year",
            StartKind::NextFiscalYear => "next-fiscal-year",
        }
    }

    /// What the forms show: where the period's first day lies.
    pub fn label(self) -> &'static str {
        match self {
            StartKind::BaseDate => "基準日当日から起算",
            StartKind::DayAfter => "基準日の翌日から起算",
            StartKind::AfterJan10NextYear => "翌年1月10日の翌日から起算",
            StartKind::NextFiscalYear => "翌年度の4月1日から起算",
        }
    }
}

impl std::fmt::Display for StartKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for StartKind {
    type Err = crate::field::FieldError;

    /// The identifier (an underscore may stand for the hyphen) or the Japanese label.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let id = s.replace('_', "-");
        StartKind::ALL
            .into_iter()
            .find(|k| k.as_str() == id || k.label() == s)
            .ok_or_else(|| {
                let list: Vec<String> = StartKind::ALL
                    .iter()
                    .map(|k| format!("{}（{}）", k.as_str(), k.label()))
                    .collect();
                crate::field::FieldError::new(
                    "起算点",
                    format!("次のいずれかを指定してください: {}。", list.join("、")),
                )
            })
    }
}

/// The last day of a period of `years` years whose first day is `start` (民法第143条): the day
/// before the day corresponding to `start` `years` later; where that day does not exist
/// (a start on 29 February, an end year that is not leap) the period ends on that month's last day.
pub fn last_day(start: NaiveDate, years: u32) -> NaiveDate {
    let Some(year) = i32::try_from(years)
        .ok()
        .and_then(|y| start.year().checked_add(y))
    else {
        return NaiveDate::MAX;
    };
    match NaiveDate::from_ymd_opt(year, start.month(), start.day()) {
        Some(corresponding) => corresponding.pred_opt().unwrap_or(NaiveDate::MIN),
        // Only 29 February lacks a corresponding day: the month's last day is 28 February.
        None => NaiveDate::from_ymd_opt(year, start.month(), 28).unwrap_or(NaiveDate::MAX),
    }
}

/// What the period arithmetic gives for one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionDates {
    /// 保存期限: the last day to keep it.
    pub retain_until: NaiveDate,
    /// 廃棄可能日: the first day it may be disposed of.
    pub disposable_from: NaiveDate,
    /// 廃棄期限: disposal is due within one year after the period (002 第21条④⑤).
    pub dispose_by: NaiveDate,
    /// The 年度末 batch it goes in: the fiscal year containing `disposable_from`
    /// (the batch day is that year's 31 March).
    pub batch_fy: FiscalYear,
}

/// Computes the dates of a document with base date `base` kept `years` years from `start`.
pub fn retention(start: StartKind, years: u32, base: NaiveDate) -> RetentionDates {
    let retain_until = last_day(start.start(base), years);
    // Saturating: a date at the end of the calendar never panics.
    let disposable_from = retain_until.succ_opt().unwrap_or(NaiveDate::MAX);
    RetentionDates {
        retain_until,
        disposable_from,
        dispose_by: last_day(disposable_from, 1),
        batch_fy: FiscalYear::containing(disposable_from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_reiwa_6_dependents_declaration_is_kept_until_10_january_2032() {
        // 令和6年分 扶養控除等申告書: 7 years "翌年1月10日の翌日から" (所得税法施行規則第76条の3).
        // The base is the 年分 (2024), so S = 2025-01-11; the day corresponding to S seven years
        // later is 2032-01-11, and the period ends the day before: 2032-01-10. It may go from
        // 2032-01-11, which lies in 令和13年度, whose 年度末 batch is 2032-03-31.
        let r = retention(StartKind::AfterJan10NextYear, 7, d(2024, 12, 31));
        assert_eq!(r.retain_until, d(2032, 1, 10));
        assert_eq!(r.disposable_from, d(2032, 1, 11));
        assert_eq!(r.dispose_by, d(2033, 1, 10));
        assert_eq!(r.batch_fy.label(), "令和13年度");
        assert_eq!(r.batch_fy.last_day(), d(2032, 3, 31));
    }

    #[test]
    fn a_declaration_collected_early_still_counts_from_its_year() {
        // A 令和6年分 申告書 handed in during December 2023 has the base 2024 (the 年分), not the
        // day it was collected: same dates as above.
        let r = retention(StartKind::AfterJan10NextYear, 7, d(2024, 1, 1));
        assert_eq!(r.retain_until, d(2032, 1, 10));
    }

    #[test]
    fn a_pension_claim_is_kept_ten_years_from_the_next_fiscal_year() {
        // 001 第15条: 失権日 2020-08-15 lies in 令和2年度; the next fiscal year starts
        // 2021-04-01; ten years later the corresponding day is 2031-04-01, so the last day is
        // 2031-03-31.
        let r = retention(StartKind::NextFiscalYear, 10, d(2020, 8, 15));
        assert_eq!(r.retain_until, d(2031, 3, 31));
        assert_eq!(r.batch_fy, FiscalYear(2031));
    }

    #[test]
    fn a_period_from_the_day_does_not_count_that_day() {
        // 完結の日 2025-03-10, 2 years "…の日から" (民法第140条): S = 2025-03-11, ends 2027-03-10.
        let r = retention(StartKind::DayAfter, 2, d(2025, 3, 10));
        assert_eq!(r.retain_until, d(2027, 3, 10));
        // The same base as a start that is already "the next day": S = 2025-03-10, ends 2027-03-09.
        assert_eq!(
            retention(StartKind::BaseDate, 2, d(2025, 3, 10)).retain_until,
            d(2027, 3, 9)
        );
    }

    #[test]
    fn start_kinds_read_identifier_underscore_or_label() {
        // The CLI identifiers are the serde names; the labels are what the forms show.
        for k in StartKind::ALL {
            assert_eq!(k.as_str().parse::<StartKind>(), Ok(k));
            assert_eq!(k.label().parse::<StartKind>(), Ok(k));
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.as_str())
            );
        }
        assert_eq!(
            " after_jan10_next_year ".parse::<StartKind>(),
            Ok(StartKind::AfterJan10NextYear)
        );
        let err = "tomorrow".parse::<StartKind>().unwrap_err();
        assert_eq!(err.field, "起算点");
        assert!(err.message.contains("day-after（基準日の翌日から起算）"));
    }

    #[test]
    fn a_start_on_29_february_ends_at_the_end_of_february() {
        // S = 2024-02-29; one year later there is no 29 February, so the period ends on the last
        // day of that month, 2025-02-28 (民法第143条2項ただし書).
        assert_eq!(last_day(d(2024, 2, 29), 1), d(2025, 2, 28));
        // Four years later the day exists (2028-02-29), so the period ends the day before.
        assert_eq!(last_day(d(2024, 2, 29), 4), d(2028, 2, 28));
        // A start on 1 March ending in a leap year ends on 29 February.
        assert_eq!(last_day(d(2023, 3, 1), 1), d(2024, 2, 29));
    }

    #[test]
    fn a_period_past_the_end_of_the_calendar_saturates_instead_of_panicking() {
        let far = retention(StartKind::DayAfter, u32::MAX, d(2025, 1, 1));
        assert_eq!(far.disposable_from, NaiveDate::MAX);
        let last = retention(StartKind::DayAfter, 1, NaiveDate::MAX);
        assert!(last.retain_until >= NaiveDate::MAX.pred_opt().unwrap_or(NaiveDate::MAX));
    }
}
