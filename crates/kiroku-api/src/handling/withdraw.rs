//! 誤登録として取り消す: a record entered by mistake is withdrawn by a new version marked
//! withdrawn, with the reason. It stays in the history and in the lists and printed forms
//! (struck through, the reason in 備考), and leaves every count.

use crate::correction::required_reason;
use crate::handling::record::{append_version, event_view, EventView};
use crate::lookup::user_names;
use crate::{lookup, ApiError, Session};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Withdraws a record entered by mistake, with the reason.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WithdrawEventRequest {
    pub id: i64,
    pub reason: String,
}

impl Session {
    /// Withdraws event `id` (誤登録として取り消す): its next version is the current one,
    /// marked withdrawn. A record already withdrawn is refused.
    pub fn withdraw_event(&mut self, req: &WithdrawEventRequest) -> Result<EventView, ApiError> {
        self.require_writer("取扱記録の取消し")?;
        let reason = required_reason(
            "取消しの理由",
            &req.reason,
            "取消しには理由が必要です。なぜ誤りなのかを入力してください（例: 別の本人で登録した）。",
        )?;
        let id = req.id;
        let stamp = self.stamp();
        let version = self.vault.write(|tx| -> Result<u32, ApiError> {
            let conn: &Connection = tx;
            let current = lookup::event(conn, id)?;
            if current.withdrawn {
                return Err(ApiError::Conflict(format!(
                    "記録 ID {id} はすでに取り消されています（理由: {}）。",
                    current.reason.as_deref().unwrap_or_default()
                )));
            }
            append_version(
                tx,
                &stamp,
                &current,
                (&current.links, &current.facts),
                &reason,
                true,
            )
        })?;
        let conn = self.vault.conn();
        let row = lookup::event(conn, id)?;
        event_view(conn, &row, version, &user_names(conn)?)
    }
}
