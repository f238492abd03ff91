//! The dashboard of this 年度: what is due, what was recorded lately, and today as the
//! vault's date style writes it.

use crate::{ApiError, ChronologicalRow, DueItem, EventQuery, Session};
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_store::table::{contractors, ledger, persons, users};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// ダッシュボード: what needs doing.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DashboardView {
    pub org_name: String,
    pub fy_label: String,
    /// 「今年度廃棄予定 N件 / 期限超過 M件」
    pub disposal_headline: String,
    pub disposal_due: u32,
    pub disposal_overdue: u32,
    /// 証明書待ち
    pub awaiting_certificate: u32,
    /// 再評価・P マーク・改善確認・証明書 (60 days ahead)
    pub contractors_due: Vec<DueItem>,
    /// 今年度の取扱記録の件数
    pub events_this_year: u32,
    /// 最近の記録 (newest first, at most 10)
    pub recent: Vec<ChronologicalRow>,
    /// How far the office has set itself up (the 「はじめに」 checklist of a new vault).
    pub setup: SetupProgress,
    /// 事故・漏えい等の事案 not yet 完了, with the days left to 速報/確報.
    pub incidents: Vec<crate::IncidentSummary>,
    /// 通知: what is due (each a link; put aside for a while by the user).
    pub reminders: Vec<crate::ReminderView>,
}

/// はじめに: what a new office registers first, counted from the vault (no names read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SetupProgress {
    /// 利用者 who may log in (the first officer is one of them).
    pub users: u32,
    /// 本人 registered.
    pub persons: u32,
    /// 管理台帳 files registered.
    pub ledger_files: u32,
    /// 保存期間のルール: the office added or changed a rule, or the officer confirmed them as
    /// they stand (`confirm_rules`).
    pub rules_reviewed: bool,
    /// 委託先 in use.
    pub contractors: u32,
}

/// Today as the office counts it (JST), for the screens' defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TodayView {
    /// `2026-04-01`
    pub date: String,
    pub date_label: String,
    /// This 年度 as the filters take it (`2026`).
    pub fy: String,
    pub fy_label: String,
}

impl Session {
    pub fn today_view(&self) -> Result<TodayView, ApiError> {
        let today = self.today();
        let style = crate::settings::date_style(self.vault.conn())?;
        let fy = FiscalYear::containing(today);
        Ok(TodayView {
            date: today.to_string(),
            date_label: style.format(today),
            fy: fy.0.to_string(),
            fy_label: fy.label(),
        })
    }

    /// The dashboard of this 年度.
    pub fn dashboard(&mut self) -> Result<DashboardView, ApiError> {
        let fy = FiscalYear::containing(self.today());
        let schedule = self.schedule(None)?;
        let contractors_due =
            self.contractors_due(kiroku_core::reminders::CONTRACTOR_DAYS_AHEAD as u32)?;
        let this_year = EventQuery {
            fy: Some(fy.0.to_string()),
            ..EventQuery::default()
        };
        let events_this_year = self.count_events(&this_year)?;
        // The last month is enough for the ten most recent in a working office; the whole
        // year only when it is quiet.
        let last_month = EventQuery {
            from: Some((self.today() - chrono::Days::new(31)).to_string()),
            ..EventQuery::default()
        };
        let mut recent = self.chronological(&last_month)?;
        if recent.len() < 10 {
            recent = self.chronological(&this_year)?;
        }
        recent.reverse();
        recent.truncate(10);
        let setup = self.setup_progress()?;
        let reminders = self.reminders_from(&schedule, &contractors_due)?;
        Ok(DashboardView {
            org_name: self.org_name()?,
            fy_label: fy.label(),
            disposal_headline: schedule.headline,
            disposal_due: u32::try_from(schedule.due.len()).unwrap_or(u32::MAX),
            disposal_overdue: u32::try_from(schedule.overdue.len()).unwrap_or(u32::MAX),
            awaiting_certificate: u32::try_from(schedule.awaiting_certificate.len())
                .unwrap_or(u32::MAX),
            contractors_due,
            events_this_year,
            recent,
            setup,
            incidents: self.open_incidents()?,
            reminders,
        })
    }

    /// The counts of the 「はじめに」 checklist.
    fn setup_progress(&self) -> Result<SetupProgress, ApiError> {
        let conn = self.vault.conn();
        let n = |count: u64| u32::try_from(count).unwrap_or(u32::MAX);
        Ok(SetupProgress {
            users: n(users::count_active(conn)?),
            persons: n(persons::count(conn)?),
            ledger_files: n(ledger::count_files(conn)?),
            rules_reviewed: crate::retention::rules::rules_reviewed(conn)?,
            contractors: n(contractors::count_active(conn)?),
        })
    }
}
