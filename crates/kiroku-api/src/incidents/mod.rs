//! 漏えい等の事案: the 第一報 (any writer), the officer's facts (versions with a reason), the
//! decision (computed by `kiroku_core::incident`, confirmed or overridden by the officer with a
//! reason — both kept), the filings, the 本人通知, closing; and the deadlines every list shows.
//! Every step and every read is in the audit chain.

mod assessment;
mod facts;
mod filing;
mod first_report;
mod input;
mod print;
mod view;

pub use assessment::ConfirmIncidentRequest;
pub use facts::{ContainmentInput, IncidentChanges, PreventionInput};
pub use filing::{CloseIncidentRequest, FileReportRequest, NotifyPersonsRequest};
pub use first_report::NewIncident;
pub use print::IncidentPrintRequest;
pub(crate) use view::build as view_of;
pub use view::{
    AssessmentView, DeadlineView, DecisionView, GroundView, IncidentSummary, IncidentView,
    LinkedPerson, NoticeView, ReportView,
};

use kiroku_core::audit::AuditAction;
use kiroku_store::table::{audit, incidents};

use crate::{ApiError, Session};

impl Session {
    /// Every incident with its status and deadlines, newest first (the read is audited).
    pub fn list_incidents(&mut self) -> Result<Vec<IncidentSummary>, ApiError> {
        let today = self.today();
        let entry = self.entry(AuditAction::Read, "incidents", "事案一覧");
        self.vault
            .write(|tx| -> Result<Vec<IncidentSummary>, ApiError> {
                audit::append(tx, entry)?;
                let mut all = incidents::list(tx)?
                    .into_iter()
                    .map(|row| Ok(view::build(tx, row, today)?.summary()))
                    .collect::<Result<Vec<_>, ApiError>>()?;
                all.reverse();
                Ok(all)
            })
    }

    /// One incident, whole (the read is audited).
    pub fn incident(&mut self, id: i64) -> Result<IncidentView, ApiError> {
        let view = self.incident_view(id)?;
        self.audited_read(&format!("incident:{id}"), "")?;
        Ok(view)
    }

    /// The incidents still open (対応中 or 報告済 but not 完了) with their deadlines, for the home
    /// screen and `kiroku status` (not audited on its own: the home screen's read is).
    pub fn open_incidents(&self) -> Result<Vec<IncidentSummary>, ApiError> {
        let conn = self.vault.conn();
        let today = self.today();
        incidents::list(conn)?
            .into_iter()
            .filter(|r| r.status != kiroku_core::incident::IncidentStatus::Closed)
            .map(|row| Ok(view::build(conn, row, today)?.summary()))
            .collect()
    }

    pub(crate) fn incident_view(&self, id: i64) -> Result<IncidentView, ApiError> {
        let conn = self.vault.conn();
        let row = current(conn, id)?;
        view::build(conn, row, self.today())
    }
}

/// Incident `id`'s current version, or "not found".
pub(crate) fn current(
    conn: &kiroku_store::Connection,
    id: i64,
) -> Result<incidents::IncidentVersionRow, ApiError> {
    let id = crate::lookup::guarded_id("事案", id)?;
    incidents::current(conn, id)?.ok_or_else(|| {
        ApiError::NotFound(format!(
            "事案 ID {id} はありません。事案の一覧（事故・漏えい、kiroku incident list）で確認してください。"
        ))
    })
}

/// 完了 is final: nothing of a closed incident changes (its record stays readable).
pub(crate) fn refuse_closed(row: &incidents::IncidentVersionRow) -> Result<(), ApiError> {
    if row.status == kiroku_core::incident::IncidentStatus::Closed {
        return Err(ApiError::Conflict(format!(
            "事案 ID {} は完了しています。完了した事案は変更できません。",
            row.id
        )));
    }
    Ok(())
}
