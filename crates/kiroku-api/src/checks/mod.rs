//! 取扱状況の点検（監査）: a check per 年度 (and 臨時 checks at any time) — A1–A14 filled from
//! the vault with the records behind each fault, M1–M10 answered by hand, findings kept as
//! improvement actions carried into the next check, and the four sign-offs; 確認 freezes the
//! report (later notes are addenda). Every step and every read is in the audit chain.

mod auto;
mod change;
mod finding;
mod print;
mod view;

pub use change::{CheckActionRequest, CheckAnswerRequest, CheckSignRequest, NewCheckRequest};
pub use print::CheckPrintRequest;
pub use view::{
    ActionView, AddendumView, CheckItemView, CheckSummary, CheckView, FindingView, SignOffView,
};

use kiroku_core::audit::AuditAction;
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::yearly_check::{self, SignOff};
use kiroku_store::table::{audit, checks};

use crate::{ApiError, Session};

impl Session {
    /// Every check, newest first (the read is audited).
    pub fn list_checks(&mut self) -> Result<Vec<CheckSummary>, ApiError> {
        let style = crate::settings::date_style(self.vault.conn())?;
        let entry = self.entry(AuditAction::Read, "checks", "点検の一覧");
        self.vault
            .write(|tx| -> Result<Vec<CheckSummary>, ApiError> {
                audit::append(tx, entry)?;
                let mut out = Vec::new();
                for row in checks::list(tx)? {
                    let given = view::given_on(tx, row.id)?;
                    let frozen = yearly_check::is_frozen(&given);
                    out.push(CheckSummary {
                        id: row.id,
                        fiscal_year: row.fiscal_year,
                        title: view::title(&row),
                        adhoc: row.adhoc,
                        created_label: style
                            .format(kiroku_core::wareki::day_in_japan(row.created_at)),
                        status_label: if given.contains(&SignOff::Head) {
                            "決裁済み"
                        } else if frozen {
                            "確認済み"
                        } else {
                            "作成中"
                        }
                        .to_owned(),
                        frozen,
                    });
                }
                out.reverse();
                Ok(out)
            })
    }

    /// Check `id` whole (the read is audited).
    pub fn check(&mut self, id: i64) -> Result<CheckView, ApiError> {
        let view = self.check_view(id)?;
        self.audited_read(&format!("check:{id}"), "")?;
        Ok(view)
    }

    /// This 年度's yearly check has been confirmed (確認).
    pub(crate) fn check_done(&self, fy: FiscalYear) -> Result<bool, ApiError> {
        let conn = self.vault.conn();
        Ok(match checks::yearly(conn, fy.0)? {
            None => false,
            Some(c) => yearly_check::is_frozen(&view::given_on(conn, c.id)?),
        })
    }
}

/// Check `id`, or "not found".
pub(crate) fn current(
    conn: &kiroku_store::Connection,
    id: i64,
) -> Result<checks::CheckRow, ApiError> {
    let id = crate::lookup::guarded_id("点検", id)?;
    checks::get(conn, id)?.ok_or_else(|| {
        ApiError::NotFound(format!(
            "点検 ID {id} はありません。点検の一覧（年次点検、kiroku check list）で確認してください。"
        ))
    })
}
