//! Changes of who can open the vault — a user's key slot made, renewed or removed, the master
//! key rotated — kept in step with the audit chain even when a process is killed half-way.
//!
//! The key-slot file lives outside the database, so no transaction covers both. Each change is
//! therefore a pair: a first transaction writes the change's audit row marked 開始 and a
//! `pending_key_change` note (what the slots must look like afterwards); then the key-slot file
//! is replaced; then a second transaction writes the row of the finished change and removes the
//! note. All of it holds the key-file lock. A note found later (at login or before the next
//! change) is settled from what the key-slot file shows: finished, undone, or — for a removal
//! or a rotation whose file swap was done — completed now. Either way the chain says what
//! happened.

use crate::session::Stamp;
use crate::{ApiError, Session};
use kiroku_core::audit::AuditAction;
use kiroku_core::recovery_code::{self, RecoveryCode};
use kiroku_core::user::LoginId;
use kiroku_store::head_keeper::HeadKeeper;
use kiroku_store::key::random_bytes;
use kiroku_store::key_file_lock::KeyFileLock;
use kiroku_store::slots::{self, KeySlots, Slot, SlotOwner};
use kiroku_store::table::{audit, meta};
use kiroku_store::{MasterKey, StoreError, Transaction, Vault};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const PENDING: &str = "pending_key_change";

/// What a change does to the key-slot file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Change {
    /// A user's slot made or renewed (a user added, a password set).
    Grant { login_id: String },
    /// A user's slot removed (the user disabled).
    Revoke { login_id: String },
    /// The master key replaced by a new generation.
    Rotate { generation: u64 },
}

#[derive(Debug, Serialize, Deserialize)]
struct Pending {
    change: Change,
    action: String,
    target: String,
    detail: String,
    digest_after: String,
}

/// Settles a change left pending by a process that was stopped half-way. `generation` is the
/// key generation the vault was opened with. Returns what the user should be told.
pub(crate) fn reconcile(
    vault: &mut Vault,
    lock: &KeyFileLock,
    keys: &mut KeySlots,
    generation: u64,
    stamp: &Stamp,
) -> Result<Vec<String>, ApiError> {
    let Some(text) = meta::get(vault.conn(), PENDING)? else {
        return Ok(Vec::new());
    };
    let Ok(pending) = serde_json::from_str::<Pending>(&text) else {
        vault.write(|tx| -> Result<(), ApiError> {
            meta::remove(tx, PENDING)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::KeyChange,
                    "vault",
                    "中断された鍵の変更（内容不明）",
                ),
            )?;
            Ok(())
        })?;
        return Ok(vec![
            "前回の鍵の変更が中断されていました。利用者とパスワードを確認してください。".into(),
        ]);
    };
    let finished = keys.slots_digest()? == pending.digest_after;
    let mut warnings = Vec::new();
    let outcome = match (&pending.change, finished) {
        (Change::Rotate { generation: g }, _) if *g == generation => {
            finish_rotation(keys, *g);
            keys.db_salts = slots::database_salt(vault.path()).into_iter().collect();
            lock.save(keys)?;
            warnings.push(
                "前回の暗号鍵の更新は、新しい復旧コードを表示する前に中断されました。更新は完了していますが、復旧コードがありません。設定の「暗号鍵の更新」をもう一度行い、新しい復旧用キーを印刷してください。".into(),
            );
            "完了（中断後に確認）".to_owned()
        }
        (Change::Rotate { generation: g }, _) => {
            abandon_rotation(keys, *g);
            lock.save(keys)?;
            warnings.push("前回の暗号鍵の更新は中断され、元の鍵のままです。".into());
            "中断（元の鍵のまま）".to_owned()
        }
        (_, true) => "完了（中断後に確認）".to_owned(),
        (Change::Revoke { login_id }, false) => {
            if let Ok(id) = LoginId::parse(login_id) {
                keys.disable(&id);
                lock.save(keys)?;
            }
            "完了（中断後に鍵スロットを削除）".to_owned()
        }
        (Change::Grant { .. }, false) => {
            warnings.push(format!(
                "前回の「{}」は中断され、パスワードは変わっていません。もう一度行ってください。",
                pending.detail
            ));
            "中断（パスワードは変わっていません）".to_owned()
        }
    };
    let action = AuditAction::parse(&pending.action).unwrap_or(AuditAction::KeyChange);
    vault.write(|tx| -> Result<(), ApiError> {
        meta::remove(tx, PENDING)?;
        audit::append(
            tx,
            stamp.entry(
                action,
                pending.target.clone(),
                format!("{}（{outcome}）", pending.detail),
            ),
        )?;
        Ok(())
    })?;
    Ok(warnings)
}

/// The key-slot file once a rotation to `generation` is done: only that generation's keys and
/// the new recovery slot (the caller records the new file's salt).
fn finish_rotation(keys: &mut KeySlots, generation: u64) {
    keys.slots
        .retain(|s| !(s.is_v1() && matches!(s.owner, SlotOwner::User(_))));
    if let Some(recovery) = keys.pending_recovery.take() {
        keys.slots.retain(|s| s.owner != SlotOwner::Recovery);
        keys.slots.push(recovery);
    }
    for slot in &mut keys.slots {
        slot.keep_generations_from(generation);
    }
    keys.slots
        .retain(|s| !s.generations().is_empty() || s.is_v1());
    keys.slots
        .retain(|s| !(s.is_v1() && s.owner == SlotOwner::Recovery));
    keys.generation = generation;
}

/// The key-slot file as it was before a rotation to `generation` began.
fn abandon_rotation(keys: &mut KeySlots, generation: u64) {
    keys.pending_recovery = None;
    for slot in &mut keys.slots {
        slot.forget_generation(generation);
    }
    keys.db_salts.truncate(1);
}

fn key_rotated_elsewhere() -> ApiError {
    ApiError::AuthFailed(
        "暗号鍵が更新されました。いったんログアウトして、ログインし直してください。".into(),
    )
}

impl Session {
    /// The key-slot file under the lock, with any interrupted change settled first.
    fn keys_under_lock(&mut self) -> Result<(KeyFileLock, KeySlots), ApiError> {
        let lock = KeyFileLock::acquire(self.vault.path())?;
        let mut keys = lock.load()?;
        let stamp = self.stamp();
        reconcile(&mut self.vault, &lock, &mut keys, self.generation, &stamp)?;
        if keys.generation != self.generation {
            return Err(key_rotated_elsewhere());
        }
        Ok((lock, keys))
    }

    /// One change of the key-slot file between its 開始 and finished audit rows. `in_tx` runs
    /// in the first transaction (the checks against the records and the records' change);
    /// `edit` changes the slots read under the lock.
    pub(crate) fn change_slots(
        &mut self,
        change: Change,
        action: AuditAction,
        target: String,
        detail: String,
        in_tx: impl FnOnce(&Transaction<'_>) -> Result<(), ApiError>,
        edit: impl FnOnce(&mut KeySlots) -> Result<(), ApiError>,
    ) -> Result<(), ApiError> {
        let (lock, mut keys) = self.keys_under_lock()?;
        edit(&mut keys)?;
        let pending = Pending {
            change,
            action: action.as_str().into(),
            target: target.clone(),
            detail: detail.clone(),
            digest_after: keys.slots_digest()?,
        };
        let note = serde_json::to_string(&pending)
            .map_err(|e| ApiError::Internal(format!("鍵の変更を記録できません（{e}）")))?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            in_tx(tx)?;
            meta::set(tx, PENDING, &note)?;
            audit::append(
                tx,
                stamp.entry(action, target.clone(), format!("{detail}（開始）")),
            )?;
            Ok(())
        })?;
        if let Err(e) = lock.save(&keys) {
            let _ = self.vault.write(|tx| -> Result<(), ApiError> {
                meta::remove(tx, PENDING)?;
                audit::append(
                    tx,
                    stamp.entry(
                        action,
                        target.clone(),
                        format!("{detail}（中断: 鍵ファイルを書き込めません）"),
                    ),
                )?;
                Ok(())
            });
            return Err(e.into());
        }
        self.vault.write(|tx| -> Result<(), ApiError> {
            meta::remove(tx, PENDING)?;
            audit::append(tx, stamp.entry(action, target.clone(), detail.clone()))?;
            Ok(())
        })?;
        self.keys = keys;
        Ok(())
    }

    /// A new slot for user `id` under `password`, of this session's key.
    pub(crate) fn user_slot(&self, id: &LoginId, password: &str) -> Result<Slot, ApiError> {
        let device = self.device_secret_for_new_slot()?;
        Ok(Slot::create(
            &self.keys.vault_id,
            SlotOwner::User(id.clone()),
            password.as_bytes(),
            device.as_ref(),
            self.env.kdf,
            self.generation,
            &self.key,
        )?)
    }

    /// 暗号鍵の更新: re-encrypts the vault under a new random master key, gives it to every
    /// remaining user's slot (no password needed) and to a new recovery code (shown once).
    /// After it, a disabled user's old password, an old copy of the key-slot file, an old
    /// backup's slots and the old recovery code open nothing new (officer only; nobody else
    /// may have the vault open).
    pub fn rotate_key(&mut self, reason: &str) -> Result<RotationReport, ApiError> {
        self.require_officer("暗号鍵の更新")?;
        let reason = crate::correction::required_reason(
            "更新の理由",
            reason,
            "暗号鍵の更新には理由が必要です（例: 利用者の退職、パスワード漏えいの疑い）。",
        )?;
        let (lock, keys) = self.keys_under_lock()?;
        let next = self.generation + 1;
        let new_key = MasterKey::generate();
        let code = RecoveryCode::from_random(&random_bytes::<{ recovery_code::RANDOM_BYTES }>());
        let vault_id = keys.vault_id.clone();

        let mut during = keys.clone();
        let mut users_needing_reset = Vec::new();
        for slot in &mut during.slots {
            match (&slot.owner, slot.is_v1()) {
                (SlotOwner::User(id), true) => users_needing_reset.push(id.to_string()),
                (SlotOwner::User(_), false) => slot.seal(&vault_id, next, &new_key)?,
                (SlotOwner::Recovery, _) => {}
            }
        }
        during.pending_recovery = Some(Slot::create(
            &vault_id,
            SlotOwner::Recovery,
            code.secret().as_bytes(),
            None,
            self.env.kdf,
            next,
            &new_key,
        )?);
        let mut after = during.clone();
        finish_rotation(&mut after, next);
        let detail = format!("暗号鍵の更新（第{next}世代）: {reason}");
        let pending = Pending {
            change: Change::Rotate { generation: next },
            action: AuditAction::KeyChange.as_str().into(),
            target: "vault".into(),
            detail: detail.clone(),
            digest_after: after.slots_digest()?,
        };
        let note = serde_json::to_string(&pending)
            .map_err(|e| ApiError::Internal(format!("鍵の変更を記録できません（{e}）")))?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            meta::set(tx, PENDING, &note)?;
            audit::append(
                tx,
                stamp.entry(AuditAction::KeyChange, "vault", format!("{detail}（開始）")),
            )?;
            Ok(())
        })?;
        let swapped = self.vault.reencrypt(&new_key, |salt| {
            during.db_salts.push(salt.to_owned());
            lock.save(&during)
        });
        if let Err(e) = swapped {
            // Unless the file was already swapped (then only reopening it failed, and the next
            // login finishes the rotation), the vault is as it was: say so and keep the old key.
            let new_salt = during.db_salts.get(keys.db_salts.len()).cloned();
            let file_swapped =
                new_salt.is_some() && slots::database_salt(self.vault.path()) == new_salt;
            if !file_swapped {
                let _ = lock.save(&keys);
                let _ = self.vault.write(|tx| -> Result<(), ApiError> {
                    meta::remove(tx, PENDING)?;
                    audit::append(
                        tx,
                        stamp.entry(
                            AuditAction::KeyChange,
                            "vault",
                            format!("{detail}（中断: 元の鍵のまま）"),
                        ),
                    )?;
                    Ok(())
                });
            }
            return Err(match e {
                StoreError::Busy => ApiError::Busy(
                    "暗号鍵の更新は、ほかの画面やコマンドがこの記録ファイルを開いていないときにだけ行えます。ほかの Kiroku を閉じてから、もう一度行ってください。".into(),
                ),
                other => other.into(),
            });
        }
        after.db_salts = slots::database_salt(self.vault.path())
            .into_iter()
            .collect();
        self.key = new_key;
        self.generation = next;
        self.vault.observe_commits(Box::new(HeadKeeper::new(
            self.vault.path().to_owned(),
            vault_id.clone(),
            next,
            self.key.clone(),
        )));
        lock.save(&after)?;
        let reset_note = if users_needing_reset.is_empty() {
            String::new()
        } else {
            format!(
                "。パスワードの再設定が必要: {}",
                users_needing_reset.join("、")
            )
        };
        self.vault.write(|tx| -> Result<(), ApiError> {
            meta::remove(tx, PENDING)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::KeyChange,
                    "vault",
                    format!("{detail}{reset_note}"),
                ),
            )?;
            Ok(())
        })?;
        crate::session::vault_head::record_everywhere(
            &self.env,
            &self.vault,
            &mut after,
            self.generation,
            &self.key,
        )?;
        lock.save(&after)?;
        self.keys = after;
        Ok(RotationReport {
            generation: u32::try_from(next).unwrap_or(u32::MAX),
            recovery_code: code.to_string(),
            users_needing_reset,
        })
    }
}

/// What rotating the master key (暗号鍵の更新) tells the officer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RotationReport {
    /// The new key's generation (1 is the key made at setup).
    pub generation: u32,
    /// The new recovery code: shown once, to be printed and locked away; the old one no longer
    /// opens the vault (it still opens backups made before today).
    pub recovery_code: String,
    /// Users whose password must be set again by the officer (their slot was of the old kind
    /// and could not be given the new key).
    pub users_needing_reset: Vec<String>,
}
