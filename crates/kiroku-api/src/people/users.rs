//! Managing users: the officer adds, disables and resets; everyone changes their own password.
//! Every check against the records runs inside the write transaction, and every change of a
//! key slot is a [`Change`] kept in step with the audit chain (see `key_change`).

use crate::lookup::{self, Asked};
use crate::session::key_change::Change;
use crate::{ApiError, Session, UserView};
use kiroku_core::audit::AuditAction;
use kiroku_core::user::{check_new_password, LoginId, Role, UserProfile};
use kiroku_core::FieldError;
use kiroku_store::attempts::AttemptLog;
use kiroku_store::key_file_lock::KeyFileLock;
use kiroku_store::slots::{SlotOwner, UnwrapError};
use kiroku_store::table::{audit, users};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

impl Session {
    /// Adds a user with their own password (officer only).
    pub fn add_user(&mut self, new: &NewUser, password: &str) -> Result<UserView, ApiError> {
        self.require_officer("利用者の追加")?;
        let id = LoginId::parse(&new.id)?;
        let role: Role = new.role.parse()?;
        let profile = UserProfile::parse(
            &new.name,
            new.dept.as_deref().unwrap_or(""),
            new.duties.as_deref().unwrap_or(""),
        )?;
        check_new_password(password)?;
        let row = users::UserRow {
            login_id: id.clone(),
            profile,
            role,
            created_at: self.env.clock.now(),
            created_by: self.actor().to_string(),
            disabled_at: None,
        };
        let slot = self.user_slot(&id, password)?;
        self.change_slots(
            Change::Grant {
                login_id: id.to_string(),
            },
            AuditAction::Create,
            format!("user:{id}"),
            format!("権限: {}", role.label()),
            |tx| {
                if users::get(tx, &id)?.is_some() {
                    return Err(ApiError::AlreadyExists(format!(
                        "ユーザーID「{id}」はすでに使われています（無効化された利用者を含む）。別のIDにしてください。"
                    )));
                }
                users::insert(tx, &row)?;
                Ok(())
            },
            |keys| {
                keys.put(slot);
                Ok(())
            },
        )?;
        Ok(UserView::from(&row))
    }

    /// Every user (氏名 is personal data: the read is audited).
    pub fn list_users(&mut self) -> Result<Vec<UserView>, ApiError> {
        let entry = self.entry(AuditAction::Read, "users", "利用者一覧");
        self.vault.write(|tx| -> Result<Vec<UserView>, ApiError> {
            audit::append(tx, entry)?;
            Ok(users::list(tx)?.iter().map(UserView::from).collect())
        })
    }

    /// Disables a user: their key slot is removed, they can no longer log in (officer only).
    /// To make sure an old copy of the key-slot file or a password they knew opens nothing
    /// new, rotate the key afterwards ([`Session::rotate_key`]).
    pub fn disable_user(&mut self, id: &str) -> Result<UserView, ApiError> {
        self.require_officer("利用者の無効化")?;
        let id = LoginId::parse(id)?;
        let now = self.env.clock.now();
        let by = self.actor().clone();
        let target = id.clone();
        self.change_slots(
            Change::Revoke {
                login_id: id.to_string(),
            },
            AuditAction::Amend,
            format!("user:{id}"),
            "無効化".into(),
            |tx| {
                let user = lookup::user_by_login(tx, &target, "ユーザーID", Asked::Subject)?;
                if !user.is_active() {
                    return Err(FieldError::new(
                        "ユーザーID",
                        format!("「{}」はすでに無効化されています。", user.login_id),
                    )
                    .into());
                }
                if user.role == Role::Officer && users::count_active_officers(tx)? <= 1 {
                    return Err(FieldError::new(
                        "ユーザーID",
                        "最後の事務取扱責任者は無効化できません。先に別の責任者を追加してください。",
                    )
                    .into());
                }
                users::disable(tx, &target, now, &by)?;
                Ok(())
            },
            |keys| {
                keys.disable(&id);
                Ok(())
            },
        )?;
        let updated = lookup::user_by_login(self.vault.conn(), &id, "ユーザーID", Asked::Subject)?;
        Ok(UserView::from(&updated))
    }

    /// Sets a new password for another user (officer only). Only their key slot is made anew:
    /// no data is re-encrypted.
    pub fn reset_password(&mut self, id: &str, new_password: &str) -> Result<UserView, ApiError> {
        self.require_officer("パスワードの再設定")?;
        let id = LoginId::parse(id)?;
        check_new_password(new_password)?;
        // A quick refusal of an unknown ID before the (slow) key derivation; the check that
        // decides is made again inside the write transaction.
        lookup::user_by_login(self.vault.conn(), &id, "ユーザーID", Asked::Subject)?;
        let slot = self.user_slot(&id, new_password)?;
        let target = id.clone();
        self.change_slots(
            Change::Grant {
                login_id: id.to_string(),
            },
            AuditAction::Amend,
            format!("user:{id}"),
            "パスワード再設定".into(),
            |tx| {
                if !lookup::user_by_login(tx, &target, "ユーザーID", Asked::Subject)?.is_active()
                {
                    return Err(ApiError::Disabled(target.to_string()));
                }
                Ok(())
            },
            |keys| {
                if keys.is_disabled(&id) {
                    return Err(ApiError::Disabled(id.to_string()));
                }
                keys.put(slot);
                Ok(())
            },
        )?;
        let lock = KeyFileLock::acquire(self.vault.path())?;
        AttemptLog::for_vault(self.vault.path()).clear(&lock, id.as_str())?;
        Ok(UserView::from(&lookup::user_by_login(
            self.vault.conn(),
            &id,
            "ユーザーID",
            Asked::Subject,
        )?))
    }

    /// パスワードの変更 from the window: the logged-in user's own password, after the current
    /// one is typed again (a window left unlocked does not let a passer-by take the account).
    pub fn change_own_password(&mut self, req: &ChangePasswordRequest) -> Result<(), ApiError> {
        let id = self.actor().clone();
        let slot = self
            .keys
            .slot(&SlotOwner::User(id.clone()))
            .cloned()
            .ok_or_else(|| ApiError::Disabled(id.to_string()))?;
        let device = crate::session::device_secret_for(&self.env, &slot, &self.keys.vault_id)?;
        match slot.open(
            &self.keys.vault_id,
            req.current.as_bytes(),
            device.as_ref(),
            self.keys.generation,
        ) {
            Ok(_) => {}
            Err(UnwrapError::WrongSecret) => {
                return Err(FieldError::new(
                    "現在のパスワード",
                    "現在のパスワードが違います。いまログインに使っているパスワードを入力してください。",
                )
                .into())
            }
            Err(UnwrapError::Store(e)) => return Err(e.into()),
        }
        if req.new == req.current {
            return Err(FieldError::new(
                "新しいパスワード",
                "いまと同じパスワードです。別のパスワードにしてください。",
            )
            .into());
        }
        // The rule named for the field the window shows; `change_password` checks it again.
        check_new_password(&req.new).map_err(|e| FieldError::new("新しいパスワード", e.message))?;
        self.change_password(&req.new)
    }

    /// Changes the logged-in user's own password.
    pub fn change_password(&mut self, new_password: &str) -> Result<(), ApiError> {
        check_new_password(new_password)?;
        let id = self.actor().clone();
        let slot = self.user_slot(&id, new_password)?;
        let target = id.clone();
        self.change_slots(
            Change::Grant {
                login_id: id.to_string(),
            },
            AuditAction::Amend,
            format!("user:{id}"),
            "パスワード変更".into(),
            // A user disabled by another window or command meanwhile (this session opened
            // before) gets no new slot: the check is made inside the write transaction and
            // against the key-slot file as re-read under its lock.
            |tx| {
                if !lookup::user_by_login(tx, &target, "ユーザーID", Asked::Subject)?.is_active()
                {
                    return Err(ApiError::Disabled(target.to_string()));
                }
                Ok(())
            },
            |keys| {
                if keys.is_disabled(&id) {
                    return Err(ApiError::Disabled(id.to_string()));
                }
                keys.put(slot);
                Ok(())
            },
        )
    }
}

/// The user `id` as named in a record; an unknown ID is refused for `field`.
pub(crate) fn user_ref(
    conn: &Connection,
    field: &'static str,
    id: &str,
) -> Result<(UserRef, users::UserRow), ApiError> {
    let row = lookup::user(conn, id, field, Asked::InField)?;
    Ok((
        UserRef {
            id: row.login_id.to_string(),
            name: row.profile.name.clone(),
        },
        row,
    ))
}

/// Reads a stored user ID for a view (a user is never deleted, so it is always there).
pub(crate) fn stored_user(conn: &Connection, id: &str) -> Result<UserRef, ApiError> {
    Ok(user_ref(conn, "利用者", id)?.0)
}

/// 利用者の追加 from the settings screen.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewUserRequest {
    pub user: crate::NewUser,
    pub password: String,
}

/// A new password for another user (パスワードの再設定).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ResetPasswordRequest {
    pub id: String,
    pub password: String,
}

/// A new user's details (the password travels separately).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewUser {
    pub id: String,
    pub name: String,
    /// `officer` | `clerk` | `auditor`
    pub role: String,
    pub dept: Option<String>,
    pub duties: Option<String>,
}

/// A user named in a record: login ID and 氏名.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UserRef {
    pub id: String,
    pub name: String,
}

/// パスワードの変更: the current password again, and the new one.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangePasswordRequest {
    pub current: String,
    pub new: String,
}
