//! 取り込みの取消し: an import withdrawn as a whole. Nothing is deleted:
//! - a 取扱記録表 import: each record it brought in gets a new version marked withdrawn with
//!   the reason (struck through in the lists and forms, out of every count);
//! - a 本人・扶養家族 or 管理台帳 import: the persons, dependents and 台帳 entries it added are
//!   marked withdrawn with the batch (kept, readable from the records that name them, out of
//!   every list, picker and count), and each person or entry it updated gets its details from
//!   before the import back as a new version — unless someone corrected it by hand since, in
//!   which case that correction stays. Refused while a record in force uses what it added.

use kiroku_core::audit::AuditAction;
use kiroku_store::table::{audit, events, import_batches, ledger, persons};
use kiroku_store::Transaction;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::correction::required_reason;
use crate::handling::record::append_version;
use crate::session::Stamp;
use crate::{lookup, ApiError, Session};

/// Withdraws an import batch, with the reason.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WithdrawImportRequest {
    pub batch: i64,
    pub reason: String,
}

impl Session {
    /// Withdraws import batch `req.batch` (see the module's doc); a batch already withdrawn is
    /// refused.
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
            let why = format!("取り込みの取消し（取り込み番号 {batch_id}）: {reason}");
            let summary = match batch.kind.as_str() {
                "events" => format!(
                    "取扱記録 {}件を取消し",
                    withdraw_events(tx, &stamp, batch_id, &why)?
                ),
                _ => withdraw_registrations(tx, &stamp, batch_id, &batch.kind, &why)?,
            };
            import_batches::withdraw(tx, batch_id, &reason, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("import:{batch_id}"),
                    format!("取り込みの取消し（{summary}）: {reason}"),
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

/// Each record of the batch not yet withdrawn by hand gets a withdrawn version; returns how many.
fn withdraw_events(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    batch: i64,
    why: &str,
) -> Result<u32, ApiError> {
    let mut count = 0u32;
    for id in events::of_batch(tx, batch)? {
        let current = lookup::event(tx, id)?;
        if current.withdrawn {
            continue;
        }
        append_version(
            tx,
            stamp,
            &current,
            (&current.links, &current.facts),
            why,
            true,
        )?;
        count += 1;
    }
    Ok(count)
}

/// A 本人 or 台帳 import: refused while records in force use what it added; what it updated
/// gets its earlier details back. Returns the audit's summary.
fn withdraw_registrations(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    batch: i64,
    kind: &str,
    why: &str,
) -> Result<String, ApiError> {
    let uses = import_batches::live_uses(tx, batch)?;
    if uses.events > 0 || uses.documents > 0 {
        let what = if kind == "persons" {
            "本人・扶養家族"
        } else {
            "台帳"
        };
        return Err(ApiError::Conflict(format!(
            "この取り込みで登録した{what}を使う取扱記録が {}件、保存文書が {}件 あります。先にそれらを取り消すか訂正してから、取り込みを取り消してください。",
            uses.events, uses.documents
        )));
    }
    let (mut restored, mut kept) = (0u32, 0u32);
    if kind == "persons" {
        for id in persons::updated_by_batch(tx, batch)? {
            let history = persons::history(tx, id)?;
            match history.as_slice() {
                [.., before, last] if last.import_batch == Some(batch) => {
                    persons::correct(tx, id, &before.details, why, stamp.at, &stamp.actor)?;
                    restored += 1;
                }
                _ => kept += 1,
            }
        }
        let added = persons::of_batch(tx, batch)?.len();
        Ok(summary("本人", added, restored, kept))
    } else {
        for no in ledger::amended_by_batch(tx, batch)? {
            let history = ledger::history(tx, no)?;
            match history.as_slice() {
                [.., before, last] if last.import_batch == Some(batch) => {
                    ledger::amend(
                        tx,
                        no,
                        last.version + 1,
                        &before.entry,
                        why,
                        stamp.at,
                        &stamp.actor,
                    )?;
                    restored += 1;
                }
                _ => kept += 1,
            }
        }
        let added = ledger::of_batch(tx, batch)?.len();
        Ok(summary("台帳", added, restored, kept))
    }
}

fn summary(what: &str, added: usize, restored: u32, kept: u32) -> String {
    let mut s = format!("追加した{what} {added}件を取消し、更新した {restored}件を元に戻した");
    if kept > 0 {
        s.push_str(&format!("。取り込み後に手で訂正された {kept}件はそのまま"));
    }
    s
}
