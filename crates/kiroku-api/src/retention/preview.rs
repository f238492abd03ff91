//! What a new document (帳票) would get before it is saved: the rule an acquisition's 関係事務
//! suggests, and the 保存期限 and 廃棄可能日 a rule and base date give.

use crate::lookup;
use crate::settings::date_style;
use crate::{ApiError, Session};
use chrono::{Datelike, NaiveDate};
use kiroku_core::retention::{suggested_rule, year_of_return_label};
use kiroku_core::wareki::DateStyle;
use kiroku_store::table::{affairs, retention_rules};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The dates a document would get: under `rule` (ID or 帳票名) from `base_date` (和暦 or 西暦;
/// for a rule counted from the 年分, the year alone: 「令和8年分」).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RetentionPreviewRequest {
    pub rule: String,
    pub base_date: String,
}

/// A rule's dates for one base date, as the 帳票 would show them once saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RetentionPreview {
    pub rule_id: i64,
    pub rule: String,
    /// The period in words: 「翌年1月10日の翌日から7年」.
    pub period: String,
    /// Only the base date's year counts (the 申告書 family: the 年分, e.g. 令和8年分).
    pub counts_from_year: bool,
    pub base_date: NaiveDate,
    /// The base as the forms write it: the 年分 (「令和8年分」) or the day.
    pub base_label: String,
    /// 保存期限: the last day to keep it.
    pub retain_until: NaiveDate,
    pub retain_until_label: String,
    /// 廃棄可能日
    pub disposable_from: NaiveDate,
    pub disposable_from_label: String,
    /// 廃棄期限
    pub dispose_by_label: String,
    /// The 年度 whose 年度末 batch it goes in (令和N年度).
    pub batch_fy_label: String,
}

/// 「令和8年分」 or 「2026年分」, as the vault writes dates.
fn year_label(style: DateStyle, date: NaiveDate) -> String {
    match style {
        DateStyle::Wareki => year_of_return_label(date),
        DateStyle::Seireki => format!("{}年分", date.year()),
    }
}

impl Session {
    /// The 保存期限 and 廃棄可能日 a document under `req.rule` from `req.base_date` would get
    /// (nothing is saved; no personal data is read).
    pub fn retention_preview(
        &self,
        req: &RetentionPreviewRequest,
    ) -> Result<RetentionPreview, ApiError> {
        let conn = self.vault.conn();
        let row = lookup::rule_by_text(conn, &req.rule)?;
        let rule = &row.rule;
        let base = rule.read_base("基準日", &req.base_date)?;
        let dates = rule.dates(base);
        let style = date_style(conn)?;
        Ok(RetentionPreview {
            rule_id: row.id,
            rule: rule.name.clone(),
            period: rule.period_text(),
            counts_from_year: rule.counts_from_year(),
            base_date: base,
            base_label: if rule.counts_from_year() {
                year_label(style, base)
            } else {
                style.format(base)
            },
            retain_until: dates.retain_until,
            retain_until_label: style.format(dates.retain_until),
            disposable_from: dates.disposable_from,
            disposable_from_label: style.format(dates.disposable_from),
            dispose_by_label: style.format(dates.dispose_by),
            batch_fy_label: dates.batch_fy.label(),
        })
    }

    /// The rule (its ID) an acquisition for `affair` (ID or name) most likely files its papers
    /// under, from the affair's words; `None` when nothing fits or the office renamed that rule.
    pub fn suggested_rule(&self, affair: &str) -> Result<Option<i64>, ApiError> {
        let conn = self.vault.conn();
        let id = lookup::affair(conn, affair)?;
        let Some(affair) = affairs::get(conn, id)? else {
            return Ok(None);
        };
        let rules = retention_rules::list(conn)?;
        let name = suggested_rule(&affair.name, rules.iter().map(|r| r.rule.name.as_str()));
        Ok(name.and_then(|n| rules.iter().find(|r| r.rule.name == n).map(|r| r.id)))
    }
}
