//! 委託先 / 再委託先: who does work that touches 特定個人情報, what the 評価シート needs to know
//! of them, and when they are due for re-evaluation (001 第14条(5), 002 第47条).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::evaluation::{Pattern, ShortcutFacts};
use crate::field::{optional_text, required_name, FieldError};
use crate::wareki;

/// プライバシーマーク: its number and the last day it is valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyMark {
    pub number: String,
    pub expires_on: NaiveDate,
}

/// A contractor's details as the 評価シート's 基本情報 needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractorDetails {
    /// 委託先名称
    pub name: String,
    /// 委託パターン
    pub pattern: Pattern,
    /// 委託先の部門名
    pub dept: Option<String>,
    /// 委託先の業務責任者
    pub manager: Option<String>,
    /// 業務委託内容
    pub work: Option<String>,
    /// 預託個人情報
    pub data: Option<String>,
    pub pmark: Option<PrivacyMark>,
    /// 過去2年間の漏えい事故の有無: `None` until asked.
    pub leak_in_2_years: Option<bool>,
}

impl ContractorDetails {
    /// 選定基準(1)'s facts on `day`: a P-mark valid that day, and a leak (unknown counts as one).
    pub fn shortcut_facts(&self, day: NaiveDate) -> ShortcutFacts {
        ShortcutFacts {
            pmark_valid: self.pmark.as_ref().is_some_and(|p| p.expires_on >= day),
            leak_in_2_years: self.leak_in_2_years != Some(false),
        }
    }
}

/// A contractor as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContractorInput<'a> {
    pub name: &'a str,
    pub pattern: &'a str,
    pub dept: Option<&'a str>,
    pub manager: Option<&'a str>,
    pub work: Option<&'a str>,
    pub data: Option<&'a str>,
    pub pmark_no: Option<&'a str>,
    pub pmark_expiry: Option<&'a str>,
    pub leak_in_2_years: Option<bool>,
}

impl ContractorInput<'_> {
    pub fn parse(&self) -> Result<ContractorDetails, FieldError> {
        let text = |field, v: Option<&str>, max| optional_text(field, v.unwrap_or_default(), max);
        let pmark_no = text("プライバシーマーク登録番号", self.pmark_no, 30)?;
        let expiry = self
            .pmark_expiry
            .filter(|v| !v.trim().is_empty())
            .map(|v| wareki::parse("プライバシーマーク有効期限", v))
            .transpose()?;
        let pmark = match (pmark_no, expiry) {
            (Some(number), Some(expires_on)) => Some(PrivacyMark { number, expires_on }),
            (None, None) => None,
            (Some(_), None) => {
                return Err(FieldError::new(
                    "プライバシーマーク有効期限",
                    "プライバシーマークの登録番号には有効期限も入力してください。",
                ))
            }
            (None, Some(_)) => {
                return Err(FieldError::new(
                    "プライバシーマーク登録番号",
                    "有効期限だけでなく、プライバシーマークの登録番号も入力してください。",
                ))
            }
        };
        Ok(ContractorDetails {
            name: required_name("委託先名称", self.name, 100)?,
            pattern: self.pattern.parse()?,
            dept: text("部門名", self.dept, 100)?,
            manager: text("業務責任者", self.manager, 50)?,
            work: text("業務委託内容", self.work, 300)?,
            data: text("預託個人情報", self.data, 300)?,
            pmark,
            leak_in_2_years: self.leak_in_2_years,
        })
    }
}

/// 再評価: due one year after the last finalised evaluation (the same day a year later; 29
/// February → 28 February).
pub fn reevaluation_due(last_evaluated_on: NaiveDate) -> NaiveDate {
    last_evaluated_on
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether `day` falls within `days` days from `today` or has already passed.
pub fn due_within(today: NaiveDate, day: NaiveDate, days: u32) -> bool {
    (day - today).num_days() <= i64::from(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_pmark_needs_number_and_expiry_and_counts_until_its_last_day() {
        let base = ContractorInput {
            name: "○○情報サービス株式会社",
            pattern: "I",
            pmark_no: Some("10820123"),
            ..ContractorInput::default()
        };
        assert_eq!(
            base.parse().unwrap_err().field,
            "プライバシーマーク有効期限"
        );
        let c = ContractorInput {
            pmark_expiry: Some("令和8年3月31日"),
            leak_in_2_years: Some(false),
            ..base
        }
        .parse()
        .unwrap();
        assert!(c.shortcut_facts(d(2026, 3, 31)).pmark_valid);
        assert!(!c.shortcut_facts(d(2026, 4, 1)).pmark_valid);
        assert!(!c.shortcut_facts(d(2026, 3, 1)).leak_in_2_years);
        // Not asked yet: counts as a leak, so no shortcut.
        let unknown = ContractorDetails {
            leak_in_2_years: None,
            ..c
        };
        assert!(unknown.shortcut_facts(d(2026, 3, 1)).leak_in_2_years);
    }

    #[test]
    fn the_guard_and_the_pattern_name_their_fields() {
        let e = ContractorInput {
            name: "委託先",
            pattern: "V",
            ..ContractorInput::default()
        };
        assert_eq!(e.parse().unwrap_err().field, "委託パターン");
        let e = ContractorInput {
            name: "委託先",
            pattern: "II",
            manager: Some("123456789018"),
            ..ContractorInput::default()
        };
        assert_eq!(e.parse().unwrap_err().field, "業務責任者");
    }

    #[test]
    fn re_evaluation_is_due_a_year_later_and_shown_60_days_ahead() {
        assert_eq!(reevaluation_due(d(2025, 6, 1)), d(2026, 6, 1));
        assert_eq!(reevaluation_due(d(2024, 2, 29)), d(2025, 2, 28));
        let due = d(2026, 6, 1);
        assert!(!due_within(d(2026, 4, 1), due, 60), "61 days ahead");
        assert!(due_within(d(2026, 4, 2), due, 60), "60 days ahead");
        assert!(due_within(d(2026, 7, 1), due, 60), "overdue");
    }
}
