//! 保存期間の規則 (retention rules) as data, editable by the officer (DOMAIN.md §6): each names
//! the 保存文書, where its period starts (起算点), how many years, its 根拠 (a statute or a 規程
//! article), whether that basis is a statute, and the default disposal method. A document stores
//! its rule and base date; its dates are always derived ([`RetentionRule::dates`]), so editing a
//! rule recalculates every document that follows it.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::choice::{Choice, DisposalMethod};
use crate::field::{optional_text, required_text, FieldError};
use crate::period::{retention, RetentionDates, StartKind};

mod base;
mod suggestion;

pub use base::year_of_return_label;
pub use suggestion::suggested_rule;

/// The longest period a rule may set.
pub const MAX_YEARS: u32 = 100;

/// What the period wording calls the base date when the rule does not name it.
const DEFAULT_BASE_NAME: &str = "基準日";

/// One retention rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRule {
    /// 保存文書名
    pub name: String,
    /// 起算点: where the period starts, from the document's base date.
    pub start: StartKind,
    /// 保存年数 (1..=[`MAX_YEARS`] for a rule that went through [`RuleInput::parse`]).
    pub years: u32,
    /// 根拠: the statute or 規程 article.
    pub basis: String,
    /// Whether the basis is a statute (法定) rather than a 規程 or a 規程's example.
    pub statutory: bool,
    /// The default 廃棄・削除 method.
    pub disposal: Choice<DisposalMethod>,
    /// What the base date is, e.g. 「年分（提出期限の属する年）」 or 「完結の日」. The words
    /// before any 「（」 name the base date in [`RetentionRule::period_text`]; the rest explains.
    pub base_hint: Option<String>,
}

impl RetentionRule {
    /// The dates of a document with base date `base` under this rule.
    pub fn dates(&self, base: chrono::NaiveDate) -> RetentionDates {
        retention(self.start, self.years, base)
    }

    /// The base date's name in the period wording: the hint's words before any parenthesis,
    /// else 「基準日」.
    pub fn base_name(&self) -> &str {
        self.base_hint
            .as_deref()
            .map(|h| h.split(['（', '(']).next().unwrap_or(h).trim())
            .filter(|h| !h.is_empty())
            .unwrap_or(DEFAULT_BASE_NAME)
    }

    /// The 台帳's 保存期間 wording: 「翌年1月10日の翌日から7年」, 「完結の日から4年」 (the day
    /// itself not counted, 民法第140条), 「最後の提供日から起算して3年」 (the day counted),
    /// 「失権日の属する翌年事業年度から起算して10年」.
    pub fn period_text(&self) -> String {
        let (base, n) = (self.base_name(), self.years);
        match self.start {
            StartKind::BaseDate => format!("{base}から起算して{n}年"),
            StartKind::DayAfter => format!("{base}から{n}年"),
            StartKind::AfterJan10NextYear => format!("翌年1月10日の翌日から{n}年"),
            StartKind::NextFiscalYear => format!("{base}の属する翌年事業年度から起算して{n}年"),
        }
    }

    /// 「法定」 or 「規程」: where the period comes from.
    pub fn basis_kind_label(&self) -> &'static str {
        if self.statutory {
            "法定"
        } else {
            "規程"
        }
    }
}

/// A rule as typed (CLI flags or a form). `start` is a CLI identifier or its label, `years` a
/// number (「7」「7年」, full-width too), `disposal` a [`Choice`] input (`shred`, `other:…`).
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleInput<'a> {
    pub name: &'a str,
    pub start: &'a str,
    pub years: &'a str,
    pub basis: &'a str,
    pub statutory: bool,
    pub disposal: &'a str,
    pub base_hint: Option<&'a str>,
}

impl RuleInput<'_> {
    pub fn parse(&self) -> Result<RetentionRule, FieldError> {
        Ok(RetentionRule {
            name: required_text("保存文書名", self.name, 100)?,
            start: self.start.parse()?,
            years: parse_years(self.years)?,
            basis: required_text("根拠", self.basis, 200)?,
            statutory: self.statutory,
            disposal: Choice::parse("廃棄方法", self.disposal)?,
            base_hint: optional_text("基準日の説明", self.base_hint.unwrap_or(""), 100)?,
        })
    }
}

fn parse_years(text: &str) -> Result<u32, FieldError> {
    let t: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let t = t.strip_suffix('年').unwrap_or(&t);
    match t.parse::<u32>() {
        Ok(n) if (1..=MAX_YEARS).contains(&n) && t.chars().all(|c| c.is_ascii_digit()) => Ok(n),
        _ => Err(FieldError::new(
            "年数",
            format!("保存年数は1から{MAX_YEARS}までの整数で入力してください（例: 7）。"),
        )),
    }
}

/// The built-in catalog (DOMAIN.md §6): a starting point the officer adjusts to the office's
/// 規程. Where the article of a statute is not verified the basis says 「（条項要確認）」.
pub fn built_in() -> Vec<RetentionRule> {
    const NENBUN: &str = "年分（提出期限の属する年）";
    const KANKETSU: &str = "完結の日";
    let rule = |name: &str,
                start: StartKind,
                years: u32,
                basis: &str,
                statutory: bool,
                disposal: Choice<DisposalMethod>,
                hint: &str| RetentionRule {
        name: name.to_owned(),
        start,
        years,
        basis: basis.to_owned(),
        statutory,
        disposal,
        base_hint: Some(hint.to_owned()),
    };
    let shred = || Choice::new(DisposalMethod::Shred);
    vec![
        rule(
            "給与所得者の扶養控除等（異動）申告書",
            StartKind::AfterJan10NextYear,
            7,
            "所得税法施行規則第76条の3",
            true,
            shred(),
            NENBUN,
        ),
        rule(
            "保険料控除申告書・配偶者控除等申告書・基礎控除申告書 等",
            StartKind::AfterJan10NextYear,
            7,
            "所得税法施行規則第76条の3",
            true,
            shred(),
            NENBUN,
        ),
        rule(
            "退職所得の受給に関する申告書",
            StartKind::AfterJan10NextYear,
            7,
            "所得税法施行規則（条項要確認）",
            true,
            shred(),
            NENBUN,
        ),
        rule(
            "給与所得の源泉徴収票（控え）",
            StartKind::AfterJan10NextYear,
            7,
            "宮崎県労働保険協会 特定個人情報取扱規程 別紙2 記入例（事業者の控えに法定の保存期間はない）",
            false,
            shred(),
            "年分",
        ),
        rule(
            "雇用保険 被保険者に関する書類（資格取得届等の控え）",
            StartKind::DayAfter,
            4,
            "雇用保険法施行規則第143条",
            true,
            shred(),
            KANKETSU,
        ),
        rule(
            "雇用保険 その他の書類",
            StartKind::DayAfter,
            2,
            "雇用保険法施行規則第143条",
            true,
            shred(),
            KANKETSU,
        ),
        rule(
            "健康保険・厚生年金保険 届出の控え",
            StartKind::DayAfter,
            2,
            "健康保険法施行規則・厚生年金保険法施行規則（条項要確認）",
            true,
            shred(),
            KANKETSU,
        ),
        rule(
            "年金請求書等（共済 長期給付）",
            StartKind::NextFiscalYear,
            10,
            "兵庫県市町村職員共済組合 特定個人情報等取扱要綱 第15条",
            false,
            // 第15条's table: 「シュレッダー・溶解」.
            Choice {
                code: DisposalMethod::Shred,
                text: Some("シュレッダー・溶解".to_owned()),
            },
            "失権日（遺族給付に転給した場合は遺族給付の受給権者が死亡した日）",
        ),
        rule(
            "訂正等の記録",
            StartKind::DayAfter,
            1,
            "宮崎県労働保険協会 特定個人情報取扱規程 第43条第2項③",
            false,
            shred(),
            "訂正等の日",
        ),
        rule(
            "第三者提供の記録",
            // 「最後に…提供を行った日から起算して3年」: 「起算して」 counts that day itself.
            StartKind::BaseDate,
            3,
            "大分県市町村職員共済組合個人情報保護に関する規程細則 第13条第2号・第3号",
            false,
            shred(),
            "最後の提供日",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::choice::ChoiceKind;
    use crate::fiscal_year::FiscalYear;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rule(name: &str) -> RetentionRule {
        built_in()
            .into_iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("no built-in rule {name}"))
    }

    fn input_of(r: &RetentionRule, years: &str, disposal: &str) -> RetentionRule {
        RuleInput {
            name: &r.name,
            start: r.start.as_str(),
            years,
            basis: &r.basis,
            statutory: r.statutory,
            disposal,
            base_hint: r.base_hint.as_deref(),
        }
        .parse()
        .unwrap()
    }

    #[test]
    fn a_reiwa_6_dependents_declaration_is_kept_until_10_january_2032() {
        // 令和6年分 扶養控除等申告書 一式 (48名): the base is the 年分, 2024, whatever day in it
        // (even if collected in December 2023). 「翌年1月10日の翌日から7年」: S = 2025-01-11;
        // the corresponding day 7 years on is 2032-01-11, so the last day is 2032-01-10. It may
        // go from 2032-01-11, within 1 year (by 2033-01-10, 002 第21条⑤), in the batch of the
        // fiscal year containing 2032-01-11: 令和13年度, batch day 2032-03-31.
        let r = rule("給与所得者の扶養控除等（異動）申告書");
        let dates = r.dates(d(2024, 1, 1));
        assert_eq!(dates.retain_until, d(2032, 1, 10));
        assert_eq!(dates.disposable_from, d(2032, 1, 11));
        assert_eq!(dates.dispose_by, d(2033, 1, 10));
        assert_eq!(dates.batch_fy, FiscalYear(2031));
        assert_eq!(dates.batch_fy.label(), "令和13年度");
        assert_eq!(dates.batch_fy.last_day(), d(2032, 3, 31));
        assert_eq!(r.dates(d(2024, 12, 31)), dates);
        assert_eq!(r.period_text(), "翌年1月10日の翌日から7年");
        assert!(r.statutory);
    }

    #[test]
    fn a_pension_claim_counts_ten_years_from_the_next_fiscal_year() {
        // 001 第15条: 「失権した日…の属する翌年事業年度から起算して10年」. 失権日 2020-08-15 is
        // in 令和2年度; the next fiscal year starts 2021-04-01 (S, counted); ten years on the
        // corresponding day is 2031-04-01, so the last day is 2031-03-31. Disposable from
        // 2031-04-01, which lies in 令和13年度 (FY2031): batch day 2032-03-31.
        let r = rule("年金請求書等（共済 長期給付）");
        let dates = r.dates(d(2020, 8, 15));
        assert_eq!(dates.retain_until, d(2031, 3, 31));
        assert_eq!(dates.disposable_from, d(2031, 4, 1));
        assert_eq!(dates.batch_fy, FiscalYear(2031));
        assert_eq!(dates.batch_fy.last_day(), d(2032, 3, 31));
        assert_eq!(dates.dispose_by, d(2032, 3, 31));
        assert_eq!(
            r.period_text(),
            "失権日の属する翌年事業年度から起算して10年"
        );
        assert!(!r.statutory);
        assert_eq!(r.disposal.display(), "シュレッダー・溶解");
    }

    #[test]
    fn a_period_starting_on_29_february_ends_on_28_february() {
        // A base-date rule whose base is 2024-02-29 (S = that day, counted): one year on there is
        // no 29 February, so the period ends on the month's last day, 2025-02-28 (民法第143条2項
        // ただし書), and the document may go from 2025-03-01, in 令和6年度's batch (2025-03-31).
        let r = RuleInput {
            name: "記録簿",
            start: "base-date",
            years: "1",
            basis: "取扱規程",
            disposal: "shred",
            ..RuleInput::default()
        }
        .parse()
        .unwrap();
        let dates = r.dates(d(2024, 2, 29));
        assert_eq!(dates.retain_until, d(2025, 2, 28));
        assert_eq!(dates.disposable_from, d(2025, 3, 1));
        assert_eq!(dates.batch_fy, FiscalYear(2024));
        // Day-after from 28 February 2024: S = 29 February, the same end.
        let day_after = RetentionRule {
            start: StartKind::DayAfter,
            ..r
        };
        assert_eq!(day_after.dates(d(2024, 2, 28)).retain_until, d(2025, 2, 28));
    }

    #[test]
    fn changing_a_rule_recalculates_its_documents() {
        // Documents store their rule and base date, never the dates: the officer shortening a
        // rule from 7 to 5 years moves the 令和6年分 declarations from 2032-01-10 to 2030-01-10
        // (S = 2025-01-11, corresponding day 2030-01-11) and their batch to 令和11年度.
        let before = rule("給与所得者の扶養控除等（異動）申告書");
        let after = input_of(&before, "5", "shred");
        let base = d(2024, 6, 1);
        assert_eq!(before.dates(base).retain_until, d(2032, 1, 10));
        assert_eq!(after.dates(base).retain_until, d(2030, 1, 10));
        assert_eq!(after.dates(base).batch_fy.label(), "令和11年度");
        assert_eq!(after.period_text(), "翌年1月10日の翌日から5年");
    }

    #[test]
    fn every_built_in_rule_reads_back_through_the_input() {
        // The catalog is data the officer edits through the same input: each rule must survive
        // the round trip, by identifier and by label, and name its basis.
        let rules = built_in();
        assert_eq!(rules.len(), 10);
        for r in &rules {
            assert!(!r.basis.trim().is_empty(), "{}", r.name);
            assert!(r.base_hint.is_some(), "{}", r.name);
            let years = r.years.to_string();
            let disposal = r.disposal.to_input();
            assert_eq!(&input_of(r, &years, &disposal), r);
            let by_label = RuleInput {
                name: &r.name,
                start: r.start.label(),
                years: &format!("{}年", r.years),
                basis: &r.basis,
                statutory: r.statutory,
                disposal: r.disposal.code.label(),
                base_hint: r.base_hint.as_deref(),
            }
            .parse()
            .unwrap();
            assert_eq!((by_label.start, by_label.years), (r.start, r.years));
        }
        let names: std::collections::HashSet<_> = rules.iter().map(|r| &r.name).collect();
        assert_eq!(names.len(), rules.len());
    }

    #[test]
    fn the_catalog_names_its_sources() {
        // Statutes (所得税法施行規則, 雇用保険法施行規則 …) are 法定; the 源泉徴収票 控え follows
        // only the 002 別紙2 example, and 001/002/004 are the offices' own 規程.
        let statutory: Vec<_> = built_in()
            .into_iter()
            .map(|r| (r.name, r.statutory))
            .collect();
        for (name, is) in [
            ("給与所得の源泉徴収票（控え）", false),
            ("年金請求書等（共済 長期給付）", false),
            ("訂正等の記録", false),
            ("第三者提供の記録", false),
            ("雇用保険 その他の書類", true),
        ] {
            assert!(statutory.contains(&(name.to_owned(), is)), "{name}");
        }
        assert_eq!(
            rule("雇用保険 被保険者に関する書類（資格取得届等の控え）").period_text(),
            "完結の日から4年"
        );
        assert_eq!(
            rule("第三者提供の記録").period_text(),
            "最後の提供日から起算して3年"
        );
        assert!(rule("退職所得の受給に関する申告書")
            .basis
            .contains("（条項要確認）"));
        assert_eq!(rule("訂正等の記録").basis_kind_label(), "規程");
    }

    #[test]
    fn period_text_without_a_hint_says_base_date() {
        // A rule the officer wrote without saying what its base date is.
        let mut r = rule("雇用保険 その他の書類");
        r.base_hint = None;
        assert_eq!(r.period_text(), "基準日から2年");
        r.start = StartKind::BaseDate;
        assert_eq!(r.period_text(), "基準日から起算して2年");
        r.base_hint = Some("（説明のみ）".to_owned());
        assert_eq!(r.base_name(), "基準日");
    }

    #[test]
    fn input_errors_name_the_field() {
        let ok = RuleInput {
            name: "扶養控除等申告書",
            start: "after-jan10-next-year",
            years: "７",
            basis: "所得税法施行規則第76条の3",
            statutory: true,
            disposal: "shred",
            base_hint: None,
        };
        assert_eq!(ok.parse().unwrap().years, 7);
        for (input, field) in [
            (RuleInput { name: " ", ..ok }, "保存文書名"),
            (
                RuleInput {
                    start: "monday",
                    ..ok
                },
                "起算点",
            ),
            (RuleInput { years: "0", ..ok }, "年数"),
            (RuleInput { years: "101", ..ok }, "年数"),
            (RuleInput { years: "-1", ..ok }, "年数"),
            (RuleInput { years: "7.5", ..ok }, "年数"),
            (RuleInput { basis: "", ..ok }, "根拠"),
            (
                RuleInput {
                    disposal: "burn",
                    ..ok
                },
                "廃棄方法",
            ),
            (
                RuleInput {
                    disposal: "other",
                    ..ok
                },
                "廃棄方法",
            ),
        ] {
            assert_eq!(input.parse().unwrap_err().field, field, "{input:?}");
        }
        assert_eq!(RuleInput { years: "100", ..ok }.parse().unwrap().years, 100);
    }

    #[test]
    fn a_my_number_in_a_rule_is_refused() {
        // Rules are not 特定個人情報: every text passes the My Number guard, and the message does
        // not repeat the number.
        let ok = RuleInput {
            name: "扶養控除等申告書",
            start: "after-jan10-next-year",
            years: "7",
            basis: "所得税法施行規則第76条の3",
            statutory: true,
            disposal: "shred",
            base_hint: None,
        };
        for (input, field) in [
            (
                RuleInput {
                    name: "申告書 123456789018",
                    ..ok
                },
                "保存文書名",
            ),
            (
                RuleInput {
                    basis: "123456789018",
                    ..ok
                },
                "根拠",
            ),
            (
                RuleInput {
                    base_hint: Some("123456789018"),
                    ..ok
                },
                "基準日の説明",
            ),
            (
                RuleInput {
                    disposal: "other:123456789018",
                    ..ok
                },
                "廃棄方法",
            ),
        ] {
            let err = input.parse().unwrap_err();
            assert_eq!(err.field, field);
            assert!(err.message.contains("個人番号"), "{}", err.message);
            assert!(!err.message.contains("9018"));
        }
    }
}
