//! 年度: the fiscal year, 1 April to 31 March (令和7年度 = 2025-04-01 .. 2026-03-31).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use unicode_normalization::UnicodeNormalization;

use crate::field::FieldError;
use crate::wareki::ERAS;

/// A fiscal year, named by the calendar year in which it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FiscalYear(pub i32);

impl FiscalYear {
    /// The fiscal year that contains `date`.
    pub fn containing(date: NaiveDate) -> Self {
        if date.month() >= 4 {
            FiscalYear(date.year())
        } else {
            FiscalYear(date.year() - 1)
        }
    }

    /// 1 April.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).unwrap_or(NaiveDate::MAX)
    }

    /// 31 March of the next calendar year: also the day of the 年度末 disposal batch.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 3, 31).unwrap_or(NaiveDate::MAX)
    }

    /// Reads `2025`, `2025年度`, `令和7年度`, `令和7`, `R7`, `令和元年度` (full-width too).
    pub fn parse(field: &'static str, text: &str) -> Result<Self, FieldError> {
        let bad = || {
            FieldError::new(
                field,
                "年度は「令和7年度」「R7」「2025」のように入力してください。",
            )
        };
        let t: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
        let t = t.strip_suffix("年度").unwrap_or(&t);
        if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
            return match t.parse::<i32>() {
                Ok(y) if (1873..=9998).contains(&y) => Ok(FiscalYear(y)),
                _ => Err(bad()),
            };
        }
        let (era, rest) = ERAS
            .iter()
            .find_map(|e| {
                t.strip_prefix(e.name)
                    .or_else(|| {
                        t.strip_prefix(e.letter)
                            .or_else(|| t.strip_prefix(e.letter.to_ascii_lowercase()))
                    })
                    .map(|rest| (e, rest))
            })
            .ok_or_else(bad)?;
        let n: i32 = match rest.strip_suffix('年').unwrap_or(rest) {
            "元" => 1,
            digits => digits.parse().map_err(|_| bad())?,
        };
        if n < 1 {
            return Err(bad());
        }
        Ok(FiscalYear(era.first_day().year() + n - 1))
    }

    pub fn next(self) -> Self {
        FiscalYear(self.0 + 1)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Self::containing(date) == self
    }

    /// `令和7年度`. A fiscal year in whose starting calendar year a new era began takes the new
    /// era's name (2019 → 令和元年度, 1989 → 平成元年度), as government documents do.
    pub fn label(self) -> String {
        match ERAS.iter().rev().find(|e| e.first_day().year() <= self.0) {
            Some(era) => {
                let n = self.0 - era.first_day().year() + 1;
                let n = if n == 1 {
                    "元".to_owned()
                } else {
                    n.to_string()
                };
                format!("{}{n}年度", era.name)
            }
            None => format!("{}年度", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_clerks_type() {
        for (text, year) in [
            ("2025", 2025),
            ("2025年度", 2025),
            ("令和7年度", 2025),
            ("令和7", 2025),
            ("R7", 2025),
            ("ｒ７", 2025),
            ("令和元年度", 2019),
            ("平成27年度", 2015),
        ] {
            assert_eq!(
                FiscalYear::parse("年度", text),
                Ok(FiscalYear(year)),
                "{text}"
            );
        }
        for text in ["", "令和", "R0", "今年", "20250"] {
            assert_eq!(
                FiscalYear::parse("年度", text).unwrap_err().field,
                "年度",
                "{text}"
            );
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reiwa_7_runs_from_april_2025_to_march_2026() {
        let fy = FiscalYear(2025);
        assert_eq!(fy.label(), "令和7年度");
        assert_eq!(
            (fy.first_day(), fy.last_day()),
            (d(2025, 4, 1), d(2026, 3, 31))
        );
        assert_eq!(FiscalYear::containing(d(2026, 3, 31)), fy);
        assert_eq!(FiscalYear::containing(d(2026, 4, 1)), fy.next());
        assert_eq!(FiscalYear::containing(d(2025, 3, 31)), FiscalYear(2024));
    }

    #[test]
    fn labels_follow_the_era_of_the_starting_year() {
        assert_eq!(FiscalYear(2019).label(), "令和元年度");
        assert_eq!(FiscalYear(2018).label(), "平成30年度");
        assert_eq!(FiscalYear(1989).label(), "平成元年度");
        assert_eq!(FiscalYear(1988).label(), "昭和63年度");
        assert_eq!(FiscalYear(2031).label(), "令和13年度");
    }
}
