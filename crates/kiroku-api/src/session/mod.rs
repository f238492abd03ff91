//! Logging in: a key slot opens the master key, the master key opens the vault.

pub(crate) mod key_change;
pub(crate) mod recovery;
pub(crate) mod vault_head;

pub use key_change::RotationReport;
pub use recovery::{recover_password, RecoverPasswordRequest};

use crate::{ApiError, Env};
use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::audit::{AuditAction, AuditEntry};
use kiroku_core::user::LoginId;
use kiroku_store::attempts::AttemptLog;
use kiroku_store::credentials::DeviceSecret;
use kiroku_store::head_keeper::HeadKeeper;
use kiroku_store::key_file_lock::KeyFileLock;
use kiroku_store::slots::{self, KeySlots, SaltMatch, Slot, SlotOwner, UnwrapError};
use kiroku_store::table::users::UserRow;
use kiroku_store::table::{audit, meta, users};
use kiroku_store::{paths, MasterKey, StoreError, Vault};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A logged-in user with the vault open. Dropping it closes the vault; [`Session::logout`]
/// also records the logout.
#[derive(Debug)]
pub struct Session {
    pub(crate) env: Env,
    pub(crate) vault: Vault,
    pub(crate) key: MasterKey,
    /// The generation of `key` (see `kiroku_store::slots`).
    pub(crate) generation: u64,
    /// The key-slot file as this session last read or wrote it. Every change re-reads it under
    /// the [`KeyFileLock`].
    pub(crate) keys: KeySlots,
    pub(crate) user: users::UserRow,
    /// The files this session wrote (printed forms, the 復旧用キー, exported lists), as
    /// canonical paths: the only files the desktop app may hand to the OS to open.
    pub(crate) printed: Vec<std::path::PathBuf>,
    /// Temporary folders of PDFs that must not outlive this login (the 復旧用キー printed for
    /// the viewer): removed when the session is dropped.
    pub(crate) transient: Vec<tempfile::TempDir>,
}

fn key_file_error(vault_path: &Path, e: StoreError) -> ApiError {
    match e {
        StoreError::BadKeyFile { .. } => ApiError::Integrity(format!(
            "{e} {} は Kiroku の記録ファイルではないか、鍵ファイルが失われています。",
            vault_path.display()
        )),
        other => other.into(),
    }
}

/// Reads the key-slot file of `vault_path`, telling a missing vault from a missing key file.
pub(crate) fn load_keys(vault_path: &Path) -> Result<(KeySlots, PathBuf), ApiError> {
    require_vault_file(vault_path)?;
    let keys_path = paths::keys_file(vault_path);
    let keys = KeySlots::load(&keys_path).map_err(|e| key_file_error(vault_path, e))?;
    Ok((keys, keys_path))
}

fn require_vault_file(vault_path: &Path) -> Result<(), ApiError> {
    if vault_path.is_file() {
        Ok(())
    } else {
        Err(ApiError::NotFound(format!(
            "記録ファイル {} が見つかりません。パス（--vault または KIROKU_VAULT）を確認してください。",
            vault_path.display()
        )))
    }
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

fn not_this_vaults_key_file(path: &Path) -> ApiError {
    ApiError::Conflict(format!(
        "鍵ファイル {} は、この記録ファイル {} のものではありません（別の記録ファイルの鍵ファイルです）。記録ファイルと一緒に作られた .keys ファイルを同じフォルダに置いてください。",
        paths::keys_file(path).display(),
        path.display()
    ))
}

fn damaged(path: &Path) -> ApiError {
    ApiError::Integrity(format!(
        "記録ファイル {} は壊れているか改ざんされています（鍵は正しいのに読めません）。バックアップから restore してください。",
        path.display()
    ))
}

/// Opens the vault with `key`: a file that the right key does not open is damaged; a file whose
/// salt is wholly unlike the recorded one belongs to another key file.
pub(crate) fn open_vault(path: &Path, key: &MasterKey, keys: &KeySlots) -> Result<Vault, ApiError> {
    match slots::salt_match(path, &keys.db_salts) {
        SaltMatch::Foreign => return Err(not_this_vaults_key_file(path)),
        SaltMatch::Unreadable => return Err(damaged(path)),
        SaltMatch::Recorded | SaltMatch::Damaged => {}
    }
    let vault = Vault::open(path, key).map_err(|e| match e {
        StoreError::NotAVault(_) => damaged(path),
        other => other.into(),
    })?;
    let stored_id = meta::get(vault.conn(), meta::VAULT_ID)?;
    if stored_id.as_deref() != Some(keys.vault_id.as_str()) {
        return Err(not_this_vaults_key_file(path));
    }
    Ok(vault)
}

/// Opens the vault with the newest of `candidates` that opens it (an older one only while a
/// key rotation was interrupted before the file was replaced).
fn open_newest(
    path: &Path,
    keys: &KeySlots,
    candidates: Vec<(u64, MasterKey)>,
) -> Result<(u64, MasterKey, Vault), ApiError> {
    let count = candidates.len();
    for (i, (generation, key)) in candidates.into_iter().enumerate() {
        let last = i + 1 == count;
        match open_vault(path, &key, keys) {
            Ok(vault) => return Ok((generation, key, vault)),
            Err(ApiError::Integrity(_)) if !last => continue,
            Err(e) => return Err(e),
        }
    }
    Err(ApiError::AuthFailed(
        "この鍵スロットには記録ファイルを開く鍵がありません。事務取扱責任者にパスワードの再設定を依頼してください。".into(),
    ))
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

/// How to log in beyond the ID and password.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoginOptions {
    /// The officer accepts a vault file older than the audit head recorded outside it (a copy
    /// put back on purpose). Recorded in the chain; refused for anyone else.
    pub accept_older_vault: bool,
}

/// Logs `login_id` in with `password`.
pub fn login(
    env: &Env,
    vault_path: &Path,
    login_id: &str,
    password: &str,
) -> Result<(Session, LoginReport), ApiError> {
    login_with(env, vault_path, login_id, password, LoginOptions::default())
}

pub(super) fn counter_unwritable(e: StoreError) -> ApiError {
    ApiError::Io(format!(
        "ログイン失敗の回数を記録できないため、ログインを受け付けません（{e}）。記録ファイルのフォルダーに書き込めるか確認してください。"
    ))
}

/// What is refused before any secret is tried: a try while `id` must still wait after failed
/// ones, or a disabled user. Returns the failures counted so far.
pub(super) fn refuse_before_trying(
    attempts: &AttemptLog,
    keys: &KeySlots,
    id: &LoginId,
    now: DateTime<Utc>,
) -> Result<Option<kiroku_store::attempts::Failures>, ApiError> {
    let before = attempts.get(keys, id.as_str());
    if let Some(f) = before {
        let wait = (f.next_try_at() - now).num_seconds();
        if wait > 0 {
            return Err(ApiError::Locked { seconds: wait });
        }
    }
    if keys.is_disabled(id) {
        return Err(ApiError::Disabled(id.to_string()));
    }
    Ok(before)
}

impl Session {
    /// The session of `user` over an opened vault: the audit head is kept in the key-slot file
    /// after every commit from now on.
    pub(super) fn opened(
        env: &Env,
        vault_path: &Path,
        mut vault: Vault,
        key: MasterKey,
        generation: u64,
        keys: KeySlots,
        user: UserRow,
    ) -> Session {
        vault.observe_commits(Box::new(HeadKeeper::new(
            vault_path.to_owned(),
            keys.vault_id.clone(),
            generation,
            key.clone(),
        )));
        Session {
            env: env.clone(),
            vault,
            key,
            generation,
            keys,
            user,
            printed: Vec::new(),
            transient: Vec::new(),
        }
    }
}

/// Logs `login_id` in with `password`, as [`login`], with `options`.
pub fn login_with(
    env: &Env,
    vault_path: &Path,
    login_id: &str,
    password: &str,
    options: LoginOptions,
) -> Result<(Session, LoginReport), ApiError> {
    require_vault_file(vault_path)?;
    let id = LoginId::parse(login_id)?;
    kiroku_store::temp_file::sweep(&paths::folder_of(vault_path));
    let lock = KeyFileLock::acquire(vault_path)?;
    let mut keys = lock.load().map_err(|e| key_file_error(vault_path, e))?;
    let attempts = AttemptLog::for_vault(vault_path);
    let now = env.clock.now();
    let before = refuse_before_trying(&attempts, &keys, &id, now)?;
    let Some(slot) = keys.slot(&SlotOwner::User(id.clone())).cloned() else {
        attempts
            .record_failure(&lock, id.as_str(), now)
            .map_err(counter_unwritable)?;
        return Err(ApiError::AuthFailed(format!(
            "ユーザーID「{id}」はこの記録ファイルに登録されていないか、この PC でのパスワードが未設定です。IDを確認するか、事務取扱責任者にパスワードの再設定を依頼してください。"
        )));
    };
    let device = device_secret_for(env, &slot, &keys.vault_id)?;
    // The try is counted before it is made: a counter that cannot be saved stops the login
    // instead of letting guesses go uncounted.
    let counted = attempts
        .record_failure(&lock, id.as_str(), now)
        .map_err(counter_unwritable)?;
    let candidates = match slot.open(
        &keys.vault_id,
        password.as_bytes(),
        device.as_ref(),
        keys.generation,
    ) {
        Ok(k) => k,
        Err(UnwrapError::WrongSecret) => {
            let wait = (counted.next_try_at() - now).num_seconds();
            let tail = if wait > 0 {
                format!("次の入力まで{wait}秒お待ちください。")
            } else {
                String::new()
            };
            return Err(ApiError::AuthFailed(format!(
                "パスワードが違います（前回のログイン以降 {} 回失敗）。{tail}",
                counted.count
            )));
        }
        Err(UnwrapError::Store(e)) => {
            attempts
                .restore(&lock, id.as_str(), before)
                .map_err(counter_unwritable)?;
            return Err(e.into());
        }
    };
    attempts
        .restore(&lock, id.as_str(), before)
        .map_err(counter_unwritable)?;
    keys = lock.load()?;
    let (generation, key, mut vault) = open_newest(vault_path, &keys, candidates)?;
    let user = users::get(vault.conn(), &id)?.ok_or_else(|| {
        ApiError::AuthFailed(format!(
            "ユーザーID「{id}」はこの記録ファイルに登録されていません。"
        ))
    })?;
    if !user.is_active() {
        return Err(ApiError::Disabled(id.to_string()));
    }
    let stamp = Stamp {
        at: now,
        actor: id.to_string(),
    };
    let mut warnings = Vec::new();
    let rollback =
        crate::session::vault_head::check_at_login(env, &vault, &keys, generation, &key)?;
    if let Some(found) = &rollback {
        if !(options.accept_older_vault && user.role.may_manage_users()) {
            return Err(ApiError::OlderVault(found.refusal(vault_path)));
        }
        warnings.push(found.accepted_warning());
    }
    warnings.extend(crate::session::key_change::reconcile(
        &mut vault, &lock, &mut keys, generation, &stamp,
    )?);
    // A slot of the old kind is renewed now that the password is at hand.
    if slot.is_v1() {
        let renewed = Slot::create(
            &keys.vault_id,
            SlotOwner::User(id.clone()),
            password.as_bytes(),
            device.as_ref(),
            env.kdf,
            generation,
            &key,
        )?;
        keys.put(renewed);
    }
    if let Some(salt) = slots::database_salt(vault_path) {
        if !keys.db_salts.contains(&salt) {
            keys.db_salts = vec![salt];
        }
    }
    let counter_lost = attempts.file_lost_count(&keys, id.as_str());
    if counter_lost {
        warnings.push(
            "ログイン失敗の回数を記録するファイル（.attempts）が削除されていました。回数は鍵ファイルの控えから数えています。".into(),
        );
    }
    let newest_at = kiroku_store::table::audit::latest(vault.conn(), 1)?
        .first()
        .map(|r| r.entry.at);
    let clock_behind = newest_at.filter(|at| *at > now);
    if let Some(at) = clock_behind {
        warnings.push(format!(
            "この PC の時計（{}）が、最後の記録の時刻（{}）より前になっています。時計を確認してください。",
            kiroku_core::wareki::DateStyle::Wareki.format_time(now),
            kiroku_core::wareki::DateStyle::Wareki.format_time(at)
        ));
    }
    vault.write(|tx| -> Result<(), ApiError> {
        if let Some(found) = &rollback {
            audit::append(
                tx,
                stamp.entry(AuditAction::Verify, "vault", found.accepted_detail()),
            )?;
        }
        if let Some(f) = before {
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::LoginFailures,
                    format!("user:{id}"),
                    format!(
                        "{}回（{} 〜 {}）{}",
                        f.count,
                        kiroku_core::audit::format_time(f.first),
                        kiroku_core::audit::format_time(f.last),
                        if counter_lost {
                            "、回数のファイルは削除されていました"
                        } else {
                            ""
                        }
                    ),
                ),
            )?;
        }
        let detail = match clock_behind {
            Some(at) => format!(
                "PC の時計が最後の記録（{}）より前",
                kiroku_core::audit::format_time(at)
            ),
            None => String::new(),
        };
        audit::append(
            tx,
            stamp.entry(AuditAction::Login, format!("user:{id}"), detail),
        )?;
        Ok(())
    })?;
    attempts
        .clear(&lock, id.as_str())
        .map_err(counter_unwritable)?;
    keys.failed_logins = lock.load()?.failed_logins;
    crate::session::vault_head::record_everywhere(env, &vault, &mut keys, generation, &key)?;
    lock.save(&keys)?;
    drop(lock);
    let org_name = meta::get(vault.conn(), meta::ORG_NAME)?.unwrap_or_default();
    let report = LoginReport {
        user: UserView::from(&user),
        org_name,
        failed_logins: before.map(|f| FailedLogins {
            count: f.count,
            first: f.first,
            last: f.last,
        }),
        warnings,
    };
    Ok((
        Session::opened(env, vault_path, vault, key, generation, keys, user),
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
        })?;
        let lock = KeyFileLock::acquire(self.vault.path())?;
        let mut keys = lock.load()?;
        if keys.generation == self.generation {
            crate::session::vault_head::record_everywhere(
                &self.env,
                &self.vault,
                &mut keys,
                self.generation,
                &self.key,
            )?;
            lock.save(&keys)?;
        }
        Ok(())
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

    pub fn vault_path(&self) -> &Path {
        self.vault.path()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LoginRequest {
    pub user: String,
    pub password: String,
    /// The officer knowingly opens a vault file older than the audit head recorded outside it.
    #[serde(default)]
    pub accept_older_vault: bool,
}

/// A user as shown (no password, no key material).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UserView {
    /// The login ID (also the record's `id`).
    pub id: String,
    /// 氏名
    pub name: String,
    /// 所属
    pub dept: Option<String>,
    /// 業務内容
    pub duties: Option<String>,
    /// `officer` | `clerk` | `auditor`
    pub role: String,
    pub role_label: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
}

impl From<&UserRow> for UserView {
    fn from(u: &UserRow) -> Self {
        Self {
            id: u.login_id.to_string(),
            name: u.profile.name.clone(),
            dept: u.profile.dept.clone(),
            duties: u.profile.duties.clone(),
            role: u.role.as_str().into(),
            role_label: u.role.label().into(),
            active: u.is_active(),
            created_at: u.created_at,
            disabled_at: u.disabled_at,
        }
    }
}

/// How the vault's everyday key slots are protected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "mode", rename_all = "snake_case")]
#[ts(export)]
pub enum Protection {
    /// Password + this PC's device secret (the OS credential store named).
    DeviceBound { store: String },
    /// Password only: no OS credential store was reachable when the slots were made.
    PasswordOnly { reason: String },
}

impl Protection {
    pub fn label(&self) -> String {
        match self {
            Protection::DeviceBound { store } => {
                format!("端末に結び付け（パスワード＋この PC の端末鍵、{store}）")
            }
            Protection::PasswordOnly { reason } => {
                format!("パスワードのみ（{reason}）")
            }
        }
    }
}

/// Failed logins since the user's last success, shown at the next login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FailedLogins {
    pub count: u32,
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
}

/// What a successful login tells the user.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LoginReport {
    pub user: UserView,
    pub org_name: String,
    pub failed_logins: Option<FailedLogins>,
    /// What the user must know before working (a clock set back, a counter file deleted, a
    /// key change that was interrupted and finished or undone now, …).
    pub warnings: Vec<String>,
}

impl Session {
    /// Today in the office (JST), from the session's clock.
    pub(crate) fn today(&self) -> NaiveDate {
        kiroku_core::wareki::day_in_japan(self.env.clock.now())
    }
}
