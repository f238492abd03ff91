//! 取り込みの取消し: an import of a 取扱記録表 withdrawn as a whole — each record it brought in
//! gets a new version marked withdrawn with the reason (struck through in the lists and
//! forms, out of every count), and the batch is marked withdrawn. Nothing is deleted.

use kiroku_core::audit::AuditAction;
use kiroku_store::table::{audit, events, import_batches};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::correction::required_reason;
use crate::handling::record::append_version;
use crate::{lookup, ApiError, Session};

/// Withdraws an import batch, with the reason.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WithdrawImportRequest {
    pub batch: i64,
    pub reason: String,
}

impl Session {
    /// Withdraws import batch `req.batch`: every record it brought in is withdrawn (a record
    /// already withdrawn by hand stays as it is). Only an import of a 取扱記録表 can be
    /// withdrawn so far; a batch already withdrawn is refused.
    pub fn withdraw_import(
        &mut self,
        req: &WithdrawImportRequest,
    ) -> Result<super::ImportBatchView, ApiError> {
        self.require_writer("取り込みの取消し")?;
        let reason = required_reason(
            "取消しの理由",
            &req.reason,
            "取消しには理由が必要です（例: 別の年度のファイルを取り込んだ）。",
        )?;
        let stamp = self.stamp();
        let batch_id = req.batch;
        self.vault.write(|tx| -> Result<(), ApiError> {
            let batch = import_batches::get(tx, batch_id)?.ok_or_else(|| {
                ApiError::NotFound(format!("取り込み番号 {batch_id} はありません。"))
            })?;
            if batch.withdrawn_at.is_some() {
                return Err(ApiError::Conflict(format!(
                    "取り込み番号 {batch_id} はすでに取り消されています（理由: {}）。",
                    batch.withdraw_reason.unwrap_or_default()
                )));
            }
            if batch.kind != "events" {
                return Err(ApiError::Conflict(
                    "本人・扶養家族と管理台帳の取り込みは、まだまとめて取り消せません。誤って取り込んだ本人や台帳は、それぞれの画面で訂正してください。".into(),
                ));
            }
            let why = format!("取り込みの取消し（取り込み番号 {batch_id}）: {reason}");
            let mut count = 0u32;
            for id in events::of_batch(tx, batch_id)? {
                let current = lookup::event(tx, id)?;
                if current.withdrawn {
                    continue;
                }
                append_version(tx, &stamp, &current, (&current.links, &current.facts), &why, true)?;
                count += 1;
            }
            import_batches::withdraw(tx, batch_id, &reason, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("import:{batch_id}"),
                    format!("取り込みの取消し {}件: {reason}", count),
                ),
            )?;
            Ok(())
        })?;
        self.import_batches()?
            .into_iter()
            .find(|b| b.id == batch_id)
            .ok_or_else(|| ApiError::NotFound(format!("取り込み番号 {batch_id} はありません。")))
    }
}
