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
use kiroku_store::table::{audit, check_signoffs, checks};

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
                    let signed = check_signoffs::of_check(tx, row.id)?;
                    let has = |step: &str| signed.iter().any(|s| s.step == step);
                    let frozen = has("officer");
                    out.push(CheckSummary {
                        id: row.id,
                        fiscal_year: row.fiscal_year,
                        title: view::title(&row),
                        adhoc: row.adhoc,
                        created_label: style.format(
                            row.created_at
                                .with_timezone(&kiroku_core::wareki::jst())
                                .date_naive(),
                        ),
                        status_label: if has("head") {
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
            Some(c) => check_signoffs::of_check(conn, c.id)?
                .iter()
                .any(|s| s.step == "officer"),
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
