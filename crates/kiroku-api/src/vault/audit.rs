//! Reading and verifying the audit chain.

use crate::{ApiError, Session};
use chrono::{DateTime, Utc};
use kiroku_core::audit::{AuditAction, AuditRecord};
use kiroku_store::table::audit;
use serde::Serialize;
use ts_rs::TS;

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

/// One audit row as shown.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditRow {
    pub seq: u64,
    pub at: DateTime<Utc>,
    /// `at` on the office's clock (JST), as the screens write dates.
    pub at_label: String,
    pub actor: String,
    pub action: String,
    pub action_label: String,
    pub target: String,
    pub detail: String,
    pub hash: String,
}

impl AuditRow {
    pub(crate) fn new(r: &AuditRecord, style: kiroku_core::wareki::DateStyle) -> Self {
        Self {
            seq: r.seq,
            at: r.entry.at,
            at_label: style.format_time(r.entry.at),
            actor: r.entry.actor.clone(),
            action: r.entry.action.as_str().into(),
            action_label: r.entry.action.label().into(),
            target: r.entry.target.clone(),
            detail: r.entry.detail.clone(),
            hash: hex_string(&r.hash),
        }
    }
}

pub(crate) fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `audit verify`: every page of the file and the whole chain.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VerifyReport {
    pub ok: bool,
    pub rows: u64,
    /// Problems reported by `cipher_integrity_check` / `integrity_check`.
    pub page_problems: Vec<String>,
    /// The first broken row of the chain, if any.
    pub first_broken_row: Option<u64>,
    pub chain_problem: Option<String>,
    pub head: String,
}
