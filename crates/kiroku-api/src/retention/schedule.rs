//! The disposal schedule of a 年度 (廃棄予定): what is overdue, due, coming, and awaiting a
//! certificate, computed from each document's rule on every read.

use crate::retention::documents::{Context, DocumentView};
use crate::{ApiError, Session};
use chrono::NaiveDate;
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::period::RetentionDates;
use kiroku_core::schedule::{classify, schedule};
use kiroku_store::table::documents::{self, DocumentFilter, DocumentRow};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// Counts of one 台帳 file or one rule in a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleCount {
    pub id: i64,
    pub name: String,
    pub overdue: u32,
    pub due: u32,
    pub upcoming: u32,
    pub awaiting_certificate: u32,
}

/// The disposal schedule of a 年度.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleView {
    pub fy: i32,
    pub fy_label: String,
    /// 31 March: the 年度末 batch.
    pub batch_day: NaiveDate,
    /// 「今年度廃棄予定 N件 / 期限超過 M件」
    pub headline: String,
    /// Past their 廃棄期限 and still kept.
    pub overdue: Vec<DocumentView>,
    /// In this year's batch.
    pub due: Vec<DocumentView>,
    /// In next year's batch.
    pub upcoming: Vec<DocumentView>,
    /// Disposed of by a contractor whose certificate has not come.
    pub awaiting_certificate: Vec<DocumentView>,
    pub by_file: Vec<ScheduleCount>,
    pub by_rule: Vec<ScheduleCount>,
}

impl Session {
    /// The disposal schedule of `fy` (default: this 年度): overdue first, this year's batch,
    /// next year's, and the disposals waiting for a certificate; counted per file and rule.
    pub fn schedule(&mut self, fy: Option<&str>) -> Result<ScheduleView, ApiError> {
        let today = self.today();
        let fy = match fy.filter(|f| !f.trim().is_empty()) {
            Some(f) => FiscalYear::parse("年度", f)?,
            None => FiscalYear::containing(today),
        };
        self.audited_read("documents", &format!("廃棄予定 {}", fy.label()))?;
        let conn = self.vault.conn();
        let ctx = Context::load(conn)?;
        // Only the documents the schedule lists are read whole.
        let mut missing_rule = None;
        let rows = documents::list_where(conn, DocumentFilter::default(), |k| {
            match ctx.rules.get(&k.rule_id) {
                Some((_, rule)) => classify(&rule.dates(k.base_date), k.state, fy, today).is_some(),
                None => {
                    missing_rule = Some(k.rule_id);
                    false
                }
            }
        })?;
        if let Some(id) = missing_rule {
            return Err(ApiError::Integrity(format!(
                "ルール ID {id} が見つかりません。"
            )));
        }
        let mut items = Vec::with_capacity(rows.len());
        for d in &rows {
            let dates = ctx.rule(d.doc.rule_id)?.dates(d.doc.base_date);
            items.push(((d, dates), dates, d.state()));
        }
        let plan = schedule(items, fy, today);
        let headline = plan.headline();
        let views = |list: &[(&DocumentRow, RetentionDates)]| {
            list.iter()
                .map(|(d, dates)| ctx.view_with(d, dates))
                .collect::<Result<Vec<_>, ApiError>>()
        };
        let mut by_file: HashMap<i64, ScheduleCount> = HashMap::new();
        let mut by_rule: HashMap<i64, ScheduleCount> = HashMap::new();
        let count = |id: i64, name: String| ScheduleCount {
            id,
            name,
            overdue: 0,
            due: 0,
            upcoming: 0,
            awaiting_certificate: 0,
        };
        let mut tally = |list: &[(&DocumentRow, RetentionDates)], bump: fn(&mut ScheduleCount)| {
            for (d, _) in list {
                let (file, rule) = (d.doc.ledger_no, d.doc.rule_id);
                bump(by_file.entry(file).or_insert_with(|| {
                    count(file, ctx.files.get(&file).cloned().unwrap_or_default())
                }));
                bump(by_rule.entry(rule).or_insert_with(|| {
                    count(
                        rule,
                        ctx.rules
                            .get(&rule)
                            .map(|r| r.0.clone())
                            .unwrap_or_default(),
                    )
                }));
            }
        };
        tally(&plan.overdue, |c| c.overdue += 1);
        tally(&plan.due, |c| c.due += 1);
        tally(&plan.upcoming, |c| c.upcoming += 1);
        tally(&plan.awaiting_certificate, |c| c.awaiting_certificate += 1);
        let sorted = |m: HashMap<i64, ScheduleCount>| {
            let mut v: Vec<ScheduleCount> = m.into_values().collect();
            v.sort_by_key(|c| c.id);
            v
        };
        Ok(ScheduleView {
            fy: fy.0,
            fy_label: fy.label(),
            batch_day: fy.last_day(),
            headline,
            overdue: views(&plan.overdue)?,
            due: views(&plan.due)?,
            upcoming: views(&plan.upcoming)?,
            awaiting_certificate: views(&plan.awaiting_certificate)?,
            by_file: sorted(by_file),
            by_rule: sorted(by_rule),
        })
    }
}
