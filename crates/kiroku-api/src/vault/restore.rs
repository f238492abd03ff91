//! Restoring a backup on a new PC (or a new path) with the recovery code alone.

use crate::session::{open_vault, protection_of, refuse_existing, Stamp};
use crate::{ApiError, Env, Protection, UserView};
use chrono::{DateTime, Utc};
use kiroku_core::audit::AuditAction;
use kiroku_core::recovery_code::RecoveryCode;
use kiroku_core::user::{check_new_password, LoginId};
use kiroku_store::backup::BackupFile;
use kiroku_store::credentials::DeviceSecret;
use kiroku_store::key::random_bytes;
use kiroku_store::key_file_lock::KeyFileLock;
use kiroku_store::paths;
use kiroku_store::slots::{self, KeySlots, Slot, SlotOwner, UnwrapError};
use kiroku_store::table::{audit, users};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;
use zeroize::Zeroizing;

/// `restore`: from which backup, to which new vault path, and who will log in.
#[derive(Debug, Clone)]
pub struct RestoreRequest {
    pub from: PathBuf,
    pub vault: PathBuf,
    pub user: String,
    pub recovery_code: Zeroizing<String>,
    pub new_password: Zeroizing<String>,
}

/// A new device secret for `vault_id` on this PC, or `None` where no credential store is reachable.
fn new_device_secret(env: &Env, vault_id: &str) -> Option<DeviceSecret> {
    let secret: DeviceSecret = Zeroizing::new(random_bytes::<32>());
    env.credentials.put(vault_id, &secret).ok().map(|()| secret)
}

/// Prepares the key slots for this PC. A password-only vault stays password-only. For a
/// device-bound vault: where this PC already holds the vault's device secret (restoring on the
/// same PC) every slot keeps working; elsewhere the other users' device-bound slots cannot
/// open, so they are dropped and those users are named for a password reset.
fn rebind_slots(
    env: &Env,
    keys: &mut KeySlots,
    restoring: &LoginId,
) -> (Option<DeviceSecret>, Vec<String>) {
    if !keys.device_bound() {
        return (None, Vec::new());
    }
    if let Ok(Some(secret)) = env.credentials.get(&keys.vault_id) {
        return (Some(secret), Vec::new());
    }
    let device = new_device_secret(env, &keys.vault_id);
    let stale: Vec<LoginId> = keys
        .slots
        .iter()
        .filter_map(|s| match &s.owner {
            SlotOwner::User(u) if s.device_bound && u != restoring => Some(u.clone()),
            _ => None,
        })
        .collect();
    keys.slots.retain(|s| {
        !(s.device_bound && matches!(&s.owner, SlotOwner::User(u) if stale.contains(u)))
    });
    (device, stale.iter().map(ToString::to_string).collect())
}

/// Restores `from` into the new vault `vault` and sets `user`'s new password.
/// Never overwrites: the vault and its key file must not exist yet.
pub fn restore(env: &Env, req: RestoreRequest) -> Result<RestoreReport, ApiError> {
    let id = LoginId::parse(&req.user)?;
    check_new_password(&req.new_password)?;
    let code = RecoveryCode::parse(&req.recovery_code)?;
    let keys_path = paths::keys_file(&req.vault);
    refuse_existing(&req.vault)?;
    if !req.from.is_file() {
        return Err(ApiError::NotFound(format!(
            "バックアップファイル {} が見つかりません。",
            req.from.display()
        )));
    }
    let backup = BackupFile::read(&req.from)?;
    let vault_id = backup.header.vault_id.clone();
    let recovery = backup
        .header
        .keys
        .slot(&SlotOwner::Recovery)
        .ok_or_else(|| ApiError::Integrity("バックアップに復旧用の鍵がありません。".into()))?;
    let master = match recovery.open(
        &vault_id,
        code.secret().as_bytes(),
        None,
        backup.header.keys.generation,
    ) {
        // The key that signed the backup is the one of its database.
        Ok(candidates) => candidates
            .into_iter()
            .find(|(_, k)| backup.authenticate(k).is_ok())
            .ok_or_else(|| {
                ApiError::Integrity(
                    "バックアップファイルが壊れているか、改ざんされています（署名が一致しません）。".into(),
                )
            })?,
        Err(UnwrapError::WrongSecret) => {
            return Err(ApiError::AuthFailed(
                "復旧コードがこのバックアップのものではありません。このバックアップを作った記録ファイルの復旧用キーを使ってください。".into(),
            ))
        }
        Err(UnwrapError::Store(e)) => return Err(e.into()),
    };
    let (generation, master) = master;
    backup.authenticate(&master)?;

    kiroku_store::temp_file::sweep(&paths::folder_of(&req.vault));
    backup.write_database(&req.vault)?;
    let mut keys_written = false;
    let restored = (|| -> Result<RestoreReport, ApiError> {
        let mut keys: KeySlots = backup.header.keys.clone();
        // The restored file is a new file: its own salt, its own head, no pending rotation.
        keys.db_salts = slots::database_salt(&req.vault).into_iter().collect();
        keys.head = None;
        keys.pending_recovery = None;
        keys.failed_logins.clear();
        keys.generation = generation;
        let mut vault = open_vault(&req.vault, &master, &keys)?;
        let integrity = vault.integrity_check()?;
        if !integrity.is_ok() {
            return Err(ApiError::Integrity(format!(
                "復元したデータベースに異常があります: {}",
                integrity.problems.join("; ")
            )));
        }
        if let Some(b) = audit::verify(vault.conn())?.first_break {
            return Err(ApiError::Integrity(format!(
                "バックアップの監査ログに異常があります: {b}"
            )));
        }
        let user = users::get(vault.conn(), &id)?.ok_or_else(|| {
            ApiError::NotFound(format!(
                "ユーザーID「{id}」の利用者はこのバックアップにいません。"
            ))
        })?;
        if !user.is_active() {
            return Err(ApiError::Disabled(id.to_string()));
        }

        let (device, users_needing_reset) = rebind_slots(env, &mut keys, &id);
        keys.put(Slot::create(
            &vault_id,
            SlotOwner::User(id.clone()),
            req.new_password.as_bytes(),
            device.as_ref(),
            env.kdf,
            generation,
            &master,
        )?);
        keys.save_new(&keys_path)?;
        keys_written = true;

        let now = env.clock.now();

        let stamp = Stamp {
            at: now,

            actor: id.to_string(),
        };
        let name = req
            .from
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        vault.write(|tx| -> Result<(), ApiError> {
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Restore,
                    "vault",
                    format!(
                        "{name}（{}作成）から復元",
                        kiroku_core::audit::format_time(backup.header.created_at)
                    ),
                ),
            )?;
            Ok(())
        })?;
        // The restored chain is the vault's history from now on, here and in the OS store.
        let lock = KeyFileLock::acquire(&req.vault)?;
        crate::session::vault_head::record_everywhere(env, &vault, &mut keys, generation, &master)?;
        lock.save(&keys)?;
        Ok(RestoreReport {
            vault: req.vault.display().to_string(),
            user: UserView::from(&user),
            backup_created_at: backup.header.created_at,
            protection: protection_of(env, &keys),
            users_needing_reset,
        })
    })();
    if restored.is_err() {
        paths::remove_database(&req.vault);
        if keys_written {
            let _ = std::fs::remove_file(&keys_path);
        }
    }
    restored
}

/// `restore`: the new vault and who must have their password reset.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RestoreReport {
    pub vault: String,
    pub user: UserView,
    pub backup_created_at: DateTime<Utc>,
    pub protection: Protection,
    pub users_needing_reset: Vec<String>,
}

/// 「バックアップから復元」 in the window: the backup file, who logs in, the recovery code and
/// the new password. The app restores into its own vault path, which must not exist yet.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RestoreFromAppRequest {
    pub backup: String,
    pub user: String,
    pub recovery_code: String,
    pub new_password: String,
}

impl RestoreFromAppRequest {
    /// The full request, restoring into `vault`.
    pub fn into_restore(self, vault: &Path) -> Result<RestoreRequest, ApiError> {
        let backup = self.backup.trim();
        if backup.is_empty() {
            return Err(kiroku_core::FieldError::new(
                "バックアップファイル",
                "復元するバックアップファイル（.kiroku-backup）を選ぶか、その場所を入力してください。",
            )
            .into());
        }
        Ok(RestoreRequest {
            from: PathBuf::from(backup),
            vault: vault.to_owned(),
            user: self.user,
            recovery_code: Zeroizing::new(self.recovery_code),
            new_password: Zeroizing::new(self.new_password),
        })
    }
}

/// The backups the app wrote beside `vault` (`バックアップ/*.kiroku-backup`), newest first: the
/// choices 「バックアップから復元」 offers before a path is typed.
pub fn backups_beside(vault: &Path) -> Vec<String> {
    let dir = vault
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("バックアップ");
    let mut found: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "kiroku-backup"))
        .map(|e| {
            let modified = e
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (modified, e.path().display().to_string())
        })
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    found.into_iter().map(|(_, p)| p).collect()
}
