//! 「パスワードを忘れた場合」: the printed recovery code opens the vault's recovery slot and
//! gives a chosen user a new password on this PC. The same checks as a login guard it: the
//! tries count as that user's failed logins (and wait as they do), a disabled user is refused,
//! and the change is one audited key-slot change.

use super::{
    counter_unwritable, key_file_error, open_newest, refuse_before_trying, require_vault_file,
    Session,
};
use crate::{ApiError, Env};
use kiroku_core::audit::AuditAction;
use kiroku_core::recovery_code::RecoveryCode;
use kiroku_core::user::{check_new_password, LoginId};
use kiroku_store::attempts::AttemptLog;
use kiroku_store::key_file_lock::KeyFileLock;
use kiroku_store::slots::{SlotOwner, UnwrapError};
use kiroku_store::table::users;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// A new password for `user`, authorised by the vault's recovery code.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecoverPasswordRequest {
    pub user: String,
    pub recovery_code: String,
    pub new_password: String,
}

/// Sets `req.user`'s password with the recovery code (the user then logs in as usual).
pub fn recover_password(
    env: &Env,
    vault_path: &Path,
    req: &RecoverPasswordRequest,
) -> Result<(), ApiError> {
    require_vault_file(vault_path)?;
    let id = LoginId::parse(&req.user)?;
    check_new_password(&req.new_password)?;
    let code = RecoveryCode::parse(&req.recovery_code)?;
    let lock = KeyFileLock::acquire(vault_path)?;
    let keys = lock.load().map_err(|e| key_file_error(vault_path, e))?;
    let attempts = AttemptLog::for_vault(vault_path);
    let now = env.clock.now();
    let before = refuse_before_trying(&attempts, &keys, &id, now)?;
    let recovery = keys
        .slot(&SlotOwner::Recovery)
        .cloned()
        .ok_or_else(|| ApiError::Integrity("鍵ファイルに復旧用の鍵がありません。".into()))?;
    let counted = attempts
        .record_failure(&lock, id.as_str(), now)
        .map_err(counter_unwritable)?;
    let candidates = match recovery.open(
        &keys.vault_id,
        code.secret().as_bytes(),
        None,
        keys.generation,
    ) {
        Ok(k) => k,
        Err(UnwrapError::WrongSecret) => {
            return Err(ApiError::AuthFailed(format!(
                "復旧コードが違います（{} 回失敗）。この記録ファイルの「復旧用キー」の用紙に印刷されたコードを、そのまま入力してください。暗号鍵を更新した後は、新しい用紙のコードだけが使えます。",
                counted.count
            )))
        }
        Err(UnwrapError::Store(e)) => {
            attempts
                .restore(&lock, id.as_str(), before)
                .map_err(counter_unwritable)?;
            return Err(e.into());
        }
    };
    let (generation, key, vault) = open_newest(vault_path, &keys, candidates)?;
    let user = users::get(vault.conn(), &id)?.ok_or_else(|| {
        ApiError::NotFound(format!(
            "ユーザーID「{id}」の利用者はこの記録ファイルにいません。IDを確認してください。"
        ))
    })?;
    if !user.is_active() {
        return Err(ApiError::Disabled(id.to_string()));
    }
    attempts
        .restore(&lock, id.as_str(), before)
        .map_err(counter_unwritable)?;
    drop(lock);
    let mut session = Session::opened(env, vault_path, vault, key, generation, keys, user);
    session.set_password_by_recovery(&id, &req.new_password)?;
    let lock = KeyFileLock::acquire(vault_path)?;
    attempts
        .clear(&lock, id.as_str())
        .map_err(counter_unwritable)?;
    Ok(())
}

impl Session {
    fn set_password_by_recovery(&mut self, id: &LoginId, password: &str) -> Result<(), ApiError> {
        let slot = self.user_slot(id, password)?;
        let target = id.clone();
        self.change_slots(
            crate::session::key_change::Change::Grant {
                login_id: id.to_string(),
            },
            AuditAction::Amend,
            format!("user:{id}"),
            "復旧コードによるパスワード再設定".into(),
            |_| Ok(()),
            |keys| {
                if keys.is_disabled(&target) {
                    return Err(ApiError::Disabled(target.to_string()));
                }
                keys.put(slot);
                Ok(())
            },
        )
    }
}
