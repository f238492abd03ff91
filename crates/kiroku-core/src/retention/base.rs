//! The base date (基準日) of a document as the clerk types it: a date, or for a rule counted
//! from the 年分 (「翌年1月10日の翌日から」) the year alone — 「令和8年分」, 「R8」, 「2026」.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

use super::RetentionRule;
use crate::field::FieldError;
use crate::fiscal_year::FiscalYear;
use crate::period::StartKind;
use crate::wareki;

impl RetentionRule {
    /// Whether only the base date's year counts (the 申告書 family: the 年分, DOMAIN.md §6).
    pub fn counts_from_year(&self) -> bool {
        self.start == StartKind::AfterJan10NextYear
    }

    /// Reads the base date typed for a document under this rule: a date in 和暦 or 西暦, or,
    /// when the rule counts from the 年分, a year (its 1 January).
    pub fn read_base(&self, field: &'static str, text: &str) -> Result<NaiveDate, FieldError> {
        if self.counts_from_year() {
            if let Some(year) = year_of_return(text) {
                return NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| {
                    FieldError::new(
                        field,
                        "年分は「令和8年分」「R8」「2026」のように入力してください。",
                    )
                });
            }
            return wareki::parse(field, text).map_err(|_| {
                FieldError::new(
                    field,
                    "年分（「令和8年分」「R8」「2026」）か日付（「令和8年1月1日」）で入力してください。",
                )
            });
        }
        wareki::parse(field, text)
    }
}

/// The year a 「…年分」 names: `令和8年分`, `令和8年`, `令和8`, `R8`, `2026年分`, `2026`.
fn year_of_return(text: &str) -> Option<i32> {
    let t: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let t = t.strip_suffix('分').unwrap_or(&t);
    let t = t.strip_suffix('年').unwrap_or(t);
    if t.is_empty() || t.contains(['年', '月', '日', '.', '/', '-']) {
        return None;
    }
    FiscalYear::parse("年分", t).ok().map(|fy| fy.0)
}

/// 「令和8年分」: the 年分 of `date` (the era of its 1 January, as the forms print it).
pub fn year_of_return_label(date: NaiveDate) -> String {
    let jan1 = NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date);
    match wareki::era_year(jan1) {
        Some((era, 1)) => format!("{}元年分", era.name),
        Some((era, n)) => format!("{}{n}年分", era.name),
        None => format!("{}年分", date.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retention::built_in;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rule(name: &str) -> RetentionRule {
        built_in().into_iter().find(|r| r.name == name).unwrap()
    }

    #[test]
    fn a_return_is_dated_by_its_year() {
        // 令和8年分 扶養控除等申告書: base 2026-01-01 whatever form the year is typed in; the
        // 保存期限 is 2034-01-10 (S = 2027-01-11, 7 years).
        let r = rule("給与所得者の扶養控除等（異動）申告書");
        assert!(r.counts_from_year());
        for text in [
            "令和8年分",
            "令和8年",
            "令和８",
            "R8",
            "r8年分",
            "2026",
            "２０２６年分",
            " 令和 8 年分 ",
        ] {
            assert_eq!(
                r.read_base("基準日", text).unwrap(),
                d(2026, 1, 1),
                "{text}"
            );
        }
        assert_eq!(
            r.read_base("基準日", "令和7年12月10日").unwrap(),
            d(2025, 12, 10)
        );
        assert_eq!(r.dates(d(2026, 1, 1)).retain_until, d(2034, 1, 10));
        let err = r.read_base("基準日", "来年").unwrap_err();
        assert_eq!(err.field, "基準日");
        assert!(err.message.contains("令和8年分"), "{}", err.message);
    }

    #[test]
    fn other_rules_need_a_day() {
        let r = rule("雇用保険 被保険者に関する書類（資格取得届等の控え）");
        assert!(!r.counts_from_year());
        assert_eq!(r.read_base("基準日", "R8.4.1").unwrap(), d(2026, 4, 1));
        assert_eq!(
            r.read_base("基準日", "令和8年分").unwrap_err().field,
            "基準日"
        );
    }

    #[test]
    fn the_year_label_names_the_era_of_1_january() {
        assert_eq!(year_of_return_label(d(2026, 12, 10)), "令和8年分");
        // 2019 began in 平成: the returns of that year are 平成31年分.
        assert_eq!(year_of_return_label(d(2019, 6, 1)), "平成31年分");
        assert_eq!(year_of_return_label(d(2020, 1, 1)), "令和2年分");
    }
}
