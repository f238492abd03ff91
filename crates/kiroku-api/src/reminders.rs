//! 通知（リマインダー）: what the login and the home screen remind this user of — computed by
//! `kiroku_core::reminders` from the vault's facts on the session's day — less what the user
//! put aside for a while. Each is a link (`screen`).

use chrono::Days;
use kiroku_core::audit::AuditAction;
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::reminders::{self, ContractorDate, IncidentDue, OpenAction, ReminderFacts};
use kiroku_core::FieldError;
use kiroku_store::table::{audit, check_actions, reminder_dismissals};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, Session};

/// How long a reminder is put aside unless the user says.
pub const DEFAULT_DISMISS_DAYS: u32 = 7;

/// One reminder as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReminderView {
    /// `disposal_batch` | `reevaluation` | `pmark_expiry` | `backup` | `yearly_check` |
    /// `improvement_action` | `incident_deadline`
    pub kind: String,
    /// Names it for 「しばらく表示しない」.
    pub key: String,
    pub message: String,
    /// The screen its link opens.
    pub screen: String,
}

fn kind_code(k: reminders::ReminderKind) -> &'static str {
    use reminders::ReminderKind as K;
    match k {
        K::DisposalBatch => "disposal_batch",
        K::Reevaluation => "reevaluation",
        K::PmarkExpiry => "pmark_expiry",
        K::Backup => "backup",
        K::YearlyCheck => "yearly_check",
        K::ImprovementAction => "improvement_action",
        K::IncidentDeadline => "incident_deadline",
    }
}

impl Session {
    /// The reminders due today that this user has not put aside.
    pub fn reminders(&mut self) -> Result<Vec<ReminderView>, ApiError> {
        let schedule = self.schedule(None)?;
        let due = self.contractors_due(reminders::CONTRACTOR_DAYS_AHEAD as u32)?;
        self.reminders_from(&schedule, &due)
    }

    /// The reminders, from this 年度's disposal schedule and the contractors' dates due within
    /// 60 days as the caller has already read them (the dashboard reads both for itself).
    pub(crate) fn reminders_from(
        &self,
        schedule: &crate::ScheduleView,
        due: &[crate::DueItem],
    ) -> Result<Vec<ReminderView>, ApiError> {
        let today = self.today();
        let incidents = self.open_incidents()?;
        let conn = self.vault.conn();
        let facts = ReminderFacts {
            disposal_due_this_fy: u32::try_from(schedule.due.len() + schedule.overdue.len())
                .unwrap_or(u32::MAX),
            contractors: due
                .iter()
                .filter_map(|d| {
                    let pmark = match d.kind.as_str() {
                        "reevaluation" => false,
                        "pmark_expiry" => true,
                        _ => return None,
                    };
                    Some(ContractorDate {
                        id: d.contractor.id,
                        name: d.contractor.name.clone(),
                        pmark,
                        on: d.due_on?,
                    })
                })
                .collect(),
            last_backup: audit::last_of_action(conn, AuditAction::Backup)?
                .map(|b| kiroku_core::wareki::day_in_japan(b.entry.at)),
            backup_every_days: crate::settings::backup_every_days(conn)?,
            check_done_this_fy: self.check_done(FiscalYear::containing(today))?,
            check_by_month: crate::settings::check_by_month(conn)?,
            actions: check_actions::open_before(conn, None)?
                .into_iter()
                .map(|a| OpenAction {
                    id: a.id,
                    what: a.what,
                    due: a.due_on,
                })
                .collect(),
            incidents: incidents
                .iter()
                .filter_map(|i| {
                    let d = i.deadlines.as_ref()?;
                    if !d.sokuho_done {
                        Some(IncidentDue {
                            id: i.id,
                            report: "速報",
                            due: d.sokuho_due,
                        })
                    } else if !d.kakuho_done {
                        Some(IncidentDue {
                            id: i.id,
                            report: "確報",
                            due: d.kakuho_due,
                        })
                    } else {
                        None
                    }
                })
                .collect(),
        };
        let dismissed = reminder_dismissals::of_user(conn, &self.actor().to_string())?;
        Ok(
            reminders::visible(reminders::due(&facts, today), &dismissed, today)
                .into_iter()
                .map(|r| ReminderView {
                    kind: kind_code(r.kind).to_owned(),
                    key: r.key,
                    message: r.message,
                    screen: r.kind.screen().to_owned(),
                })
                .collect(),
        )
    }

    /// しばらく表示しない: puts reminder `key` aside for `days` days (1–90) for this user.
    pub fn dismiss_reminder(&mut self, key: &str, days: Option<u32>) -> Result<(), ApiError> {
        let days = days.unwrap_or(DEFAULT_DISMISS_DAYS);
        if !(1..=90).contains(&days) {
            return Err(FieldError::new("日数", "1日から90日の間で指定してください。").into());
        }
        kiroku_core::guard::check_field("通知", key)?;
        if key.trim().is_empty() || key.len() > 100 {
            return Err(FieldError::new(
                "通知",
                "通知のキーを指定してください（kiroku reminders で表示されます）。",
            )
            .into());
        }
        let until = self.today() + Days::new(u64::from(days));
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            reminder_dismissals::dismiss(tx, &stamp.actor, key.trim(), until, stamp.at)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("reminder:{}", key.trim()),
                    format!("通知を{days}日間表示しない（{until}まで）"),
                ),
            )?;
            Ok(())
        })
    }
}
