//! Logging in: a key slot opens the master key, the master key opens the vault.

use kiroku_core::audit::{AuditAction, AuditEntry};
use kiroku_core::user::LoginId;
use kiroku_store::attempts::AttemptLog;
use kiroku_store::credentials::DeviceSecret;
use kiroku_store::slots::{KeySlots, Slot, SlotOwner, UnwrapError};
use kiroku_store::table::{audit, meta, users};
use kiroku_store::{paths, MasterKey, Vault};
use std::path::{Path, PathBuf};

use crate::views::{FailedLogins, LoginReport, Protection, UserView};
use crate::{ApiError, Env};

/// A logged-in user with the vault open. Dropping it closes the vault; [`Session::logout`]
/// also records the logout.
#[derive(Debug)]
pub struct Session {
    pub(crate) env: Env,
    pub(crate) vault: Vault,
    pub(crate) key: MasterKey,
    pub(crate) keys: KeySlots,
    pub(crate) keys_path: PathBuf,
    pub(crate) user: users::UserRow,
}

/// Reads the key-slot file of `vault_path`, telling a missing vault from a missing key file.
pub(crate) fn load_keys(vault_path: &Path) -> Result<(KeySlots, PathBuf), ApiError> {
    if !vault_path.is_file() {
        return Err(ApiError::NotFound(format!(
            "記録ファイル {} が見つかりません。パス（--vault または KIROKU_VAULT）を確認してください。",
            vault_path.display()
        )));
    }
    let keys_path = paths::keys_file(vault_path);
    let keys = KeySlots::load(&keys_path).map_err(|e| {
        ApiError::Integrity(format!(
            "{e} {} は Kiroku の記録ファイルではないか、鍵ファイルが失われています。",
            vault_path.display()
        ))
    })?;
    Ok((keys, keys_path))
}

/// Refuses a new vault path where the vault or its key file already exists: nothing is ever
/// overwritten.
pub(crate) fn refuse_existing(vault: &Path) -> Result<(), ApiError> {
    for p in [vault.to_owned(), paths::keys_file(vault)] {
        if p.exists() {
            return Err(ApiError::AlreadyExists(format!(
                "{} はすでに存在します。既存の記録ファイルは上書きしません。別の名前を指定してください。",
                p.display()
            )));
        }
    }
    Ok(())
}

/// The device secret a device-bound slot needs, or why it cannot be had on this PC.
pub(crate) fn device_secret_for(
    env: &Env,
    slot: &Slot,
    vault_id: &str,
) -> Result<Option<DeviceSecret>, ApiError> {
    if !slot.device_bound {
        return Ok(None);
    }
    match env.credentials.get(vault_id) {
        Ok(Some(secret)) => Ok(Some(secret)),
        Ok(None) => Err(ApiError::AuthFailed(
            "この記録ファイルは別の PC に結び付けられています（この PC に端末鍵がありません）。バックアップと復旧コードで restore してください。".into(),
        )),
        Err(e) => Err(ApiError::AuthFailed(format!(
            "{e} この記録ファイルは端末鍵が必要です。OS にログインした状態で開いてください。"
        ))),
    }
}

/// Opens the vault with `key`: a file that the right key does not open is damaged.
pub(crate) fn open_vault(path: &Path, key: &MasterKey, keys: &KeySlots) -> Result<Vault, ApiError> {
    let vault = Vault::open(path, key).map_err(|e| match e {
        kiroku_store::StoreError::NotAVault(_) => ApiError::Integrity(format!(
            "記録ファイル {} は壊れているか改ざんされています（鍵は正しいのに読めません）。バックアップから restore してください。",
            path.display()
        )),
        other => other.into(),
    })?;
    let stored_id = meta::get(vault.conn(), meta::VAULT_ID)?;
    if stored_id.as_deref() != Some(keys.vault_id.as_str()) {
        return Err(ApiError::Integrity(
            "鍵ファイルが別の記録ファイルのものです。記録ファイルと同じ名前の .keys ファイルを置いてください。".into(),
        ));
    }
    Ok(vault)
}

pub(crate) fn protection_of(env: &Env, keys: &KeySlots) -> Protection {
    if keys.device_bound() {
        Protection::DeviceBound {
            store: env.credentials.name().into(),
        }
    } else {
        Protection::PasswordOnly {
            reason: "作成時に OS の資格情報ストアを使えませんでした".into(),
        }
    }
}

/// The login ID used when none is given: the officer created by `init`.
pub fn default_user(vault_path: &Path) -> Result<String, ApiError> {
    Ok(load_keys(vault_path)?.0.first_officer.to_string())
}

/// Logs `login_id` in with `password`.
pub fn login(
    env: &Env,
    vault_path: &Path,
    login_id: &str,
    password: &str,
) -> Result<(Session, LoginReport), ApiError> {
    let (keys, keys_path) = load_keys(vault_path)?;
    let id = LoginId::parse(login_id)?;
    let attempts = AttemptLog::new(paths::attempts_file(vault_path));
    let now = env.clock.now();
    let stamp = Stamp {
        at: now,
        actor: id.to_string(),
    };
    if let Some(f) = attempts.get(id.as_str()) {
        let wait = (f.next_try_at() - now).num_seconds();
        if wait > 0 {
            return Err(ApiError::Locked { seconds: wait });
        }
    }
    if keys.is_disabled(&id) {
        return Err(ApiError::Disabled(id.to_string()));
    }
    let Some(slot) = keys.slot(&SlotOwner::User(id.clone())) else {
        attempts.record_failure(id.as_str(), now)?;
        return Err(ApiError::AuthFailed(format!(
            "ユーザーID「{id}」はこの記録ファイルに登録されていないか、この PC でのパスワードが未設定です。IDを確認するか、事務取扱責任者にパスワードの再設定を依頼してください。"
        )));
    };
    let device = device_secret_for(env, slot, &keys.vault_id)?;
    let key = match slot.unwrap_key(&keys.vault_id, password.as_bytes(), device.as_ref()) {
        Ok(k) => k,
        Err(UnwrapError::WrongSecret) => {
            let f = attempts.record_failure(id.as_str(), now)?;
            let wait = (f.next_try_at() - now).num_seconds();
            let tail = if wait > 0 {
                format!("次の入力まで{wait}秒お待ちください。")
            } else {
                String::new()
            };
            return Err(ApiError::AuthFailed(format!(
                "パスワードが違います（前回のログイン以降 {} 回失敗）。{tail}",
                f.count
            )));
        }
        Err(UnwrapError::Store(e)) => return Err(e.into()),
    };
    let mut vault = open_vault(vault_path, &key, &keys)?;
    let user = users::get(vault.conn(), &id)?.ok_or_else(|| {
        ApiError::AuthFailed(format!(
            "ユーザーID「{id}」はこの記録ファイルに登録されていません。"
        ))
    })?;
    if !user.is_active() {
        return Err(ApiError::Disabled(id.to_string()));
    }
    let failures = attempts.get(id.as_str());
    vault.write(|tx| -> Result<(), ApiError> {
        if let Some(f) = failures {
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::LoginFailures,
                    format!("user:{id}"),
                    format!(
                        "{}回（{} 〜 {}）",
                        f.count,
                        kiroku_core::audit::format_time(f.first),
                        kiroku_core::audit::format_time(f.last)
                    ),
                ),
            )?;
        }
        audit::append(
            tx,
            stamp.entry(AuditAction::Login, format!("user:{id}"), String::new()),
        )?;
        Ok(())
    })?;
    attempts.clear(id.as_str())?;
    let org_name = meta::get(vault.conn(), meta::ORG_NAME)?.unwrap_or_default();
    let report = LoginReport {
        user: UserView::from(&user),
        org_name,
        failed_logins: failures.map(|f| FailedLogins {
            count: f.count,
            first: f.first,
            last: f.last,
        }),
    };
    Ok((
        Session {
            env: env.clone(),
            vault,
            key,
            keys,
            keys_path,
            user,
        },
        report,
    ))
}

/// The actor and the time of one use case: every row it writes carries the same.
#[derive(Debug, Clone)]
pub(crate) struct Stamp {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: String,
}

impl Stamp {
    pub fn entry(
        &self,
        action: AuditAction,
        target: impl Into<String>,
        detail: impl Into<String>,
    ) -> AuditEntry {
        AuditEntry {
            at: self.at,
            actor: self.actor.clone(),
            action,
            target: target.into(),
            detail: detail.into(),
        }
    }
}

impl Session {
    pub fn user(&self) -> UserView {
        UserView::from(&self.user)
    }

    pub(crate) fn actor(&self) -> &LoginId {
        &self.user.login_id
    }

    /// Who and when, for the records and audit rows a use case writes inside one transaction.
    pub(crate) fn stamp(&self) -> Stamp {
        Stamp {
            at: self.env.clock.now(),
            actor: self.actor().to_string(),
        }
    }

    /// An audit entry by this session's user, now.
    pub(crate) fn entry(
        &self,
        action: AuditAction,
        target: impl Into<String>,
        detail: impl Into<String>,
    ) -> AuditEntry {
        self.stamp().entry(action, target, detail)
    }

    /// Records that this user read `target` (personal data or a record), in its own
    /// transaction.
    pub(crate) fn audited_read(&mut self, target: &str, detail: &str) -> Result<(), ApiError> {
        let entry = self.entry(AuditAction::Read, target, detail);
        self.vault.write(|tx| -> Result<(), ApiError> {
            audit::append(tx, entry)?;
            Ok(())
        })
    }

    /// Records the logout and closes the vault.
    pub fn logout(mut self) -> Result<(), ApiError> {
        let entry = self.entry(AuditAction::Logout, format!("user:{}", self.actor()), "");
        self.vault.write(|tx| -> Result<(), ApiError> {
            audit::append(tx, entry)?;
            Ok(())
        })
    }

    pub(crate) fn require_officer(&self, what: &str) -> Result<(), ApiError> {
        if self.user.role.may_manage_users() {
            Ok(())
        } else {
            Err(ApiError::forbidden(what))
        }
    }

    pub(crate) fn require_writer(&self, what: &str) -> Result<(), ApiError> {
        if self.user.role.may_write_records() {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "{what}は事務取扱責任者または事務取扱担当者だけが行えます（{}は閲覧のみ）。",
                self.user.role.label()
            )))
        }
    }

    /// The device secret for new slots, when the vault's slots are device-bound.
    pub(crate) fn device_secret_for_new_slot(&self) -> Result<Option<DeviceSecret>, ApiError> {
        if !self.keys.device_bound() {
            return Ok(None);
        }
        match self.env.credentials.get(&self.keys.vault_id) {
            Ok(Some(s)) => Ok(Some(s)),
            Ok(None) | Err(_) => Err(ApiError::AuthFailed(
                "この PC の端末鍵を読めません。OS にログインした状態でやり直してください。".into(),
            )),
        }
    }

    /// Wraps the master key for `id` under `password` and saves the key-slot file.
    pub(crate) fn put_user_slot(&mut self, id: &LoginId, password: &str) -> Result<(), ApiError> {
        let device = self.device_secret_for_new_slot()?;
        let slot = Slot::wrap(
            &self.keys.vault_id,
            SlotOwner::User(id.clone()),
            password.as_bytes(),
            device.as_ref(),
            self.env.kdf,
            &self.key,
        )?;
        let mut keys = self.keys.clone();
        keys.put(slot);
        keys.save(&self.keys_path)?;
        self.keys = keys;
        Ok(())
    }

    pub fn vault_path(&self) -> &Path {
        self.vault.path()
    }
}
