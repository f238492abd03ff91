//! Reading and verifying the audit chain.

use kiroku_core::audit::AuditAction;
use kiroku_store::table::audit;

use crate::views::{hex_string, AuditRow, VerifyReport};
use crate::{ApiError, Session};

impl Session {
    /// The newest `limit` audit rows, oldest first. The read itself is recorded.
    pub fn audit_list(&mut self, limit: u64) -> Result<Vec<AuditRow>, ApiError> {
        let entry = self.entry(
            AuditAction::Read,
            "audit",
            format!("監査ログ一覧（最新{limit}行）"),
        );
        let style = crate::settings::date_style(self.vault.conn())?;
        self.vault.write(|tx| -> Result<Vec<AuditRow>, ApiError> {
            audit::append(tx, entry)?;
            Ok(audit::latest(tx, limit)?
                .iter()
                .map(|r| AuditRow::new(r, style))
                .collect())
        })
    }

    /// Checks every page of the file and recomputes the whole chain; the result is recorded.
    pub fn audit_verify(&mut self) -> Result<VerifyReport, ApiError> {
        let integrity = self.vault.integrity_check()?;
        let chain = audit::verify(self.vault.conn())?;
        let report = VerifyReport {
            ok: integrity.is_ok() && chain.first_break.is_none(),
            rows: chain.rows,
            page_problems: integrity.problems,
            first_broken_row: chain.first_break.as_ref().map(|b| b.seq()),
            chain_problem: chain.first_break.as_ref().map(ToString::to_string),
            head: hex_string(&chain.head),
        };
        let detail = if report.ok {
            format!("正常（{}行）", report.rows)
        } else {
            format!(
                "異常あり（最初の異常: {}行目）",
                report.first_broken_row.unwrap_or(0)
            )
        };
        let entry = self.entry(AuditAction::Verify, "audit", detail);
        // A damaged file may refuse the write; the report still reaches the user.
        let _ = self.vault.write(|tx| -> Result<(), ApiError> {
            audit::append(tx, entry)?;
            Ok(())
        });
        Ok(report)
    }
}
