//! Managing users: the officer adds, disables and resets; everyone changes their own password.

use kiroku_core::audit::AuditAction;
use kiroku_core::user::{check_new_password, LoginId, Role, UserProfile};
use kiroku_store::attempts::AttemptLog;
use kiroku_store::paths;
use kiroku_store::table::{audit, users};

use crate::views::{NewUser, UserView};
use crate::{ApiError, Session};

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
        if users::get(self.vault.conn(), &id)?.is_some() {
            return Err(ApiError::AlreadyExists(format!(
                "ユーザーID「{id}」はすでに使われています（無効化された利用者を含む）。別のIDにしてください。"
            )));
        }
        let row = users::UserRow {
            login_id: id.clone(),
            profile,
            role,
            created_at: self.env.clock.now(),
            created_by: self.actor().to_string(),
            disabled_at: None,
        };
        let entry = self.entry(
            AuditAction::Create,
            format!("user:{id}"),
            format!("権限: {}", role.label()),
        );
        self.vault.write(|tx| -> Result<(), ApiError> {
            users::insert(tx, &row)?;
            audit::append(tx, entry)?;
            Ok(())
        })?;
        self.put_user_slot(&id, password)?;
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

    fn existing_user(&self, id: &str) -> Result<users::UserRow, ApiError> {
        let id = LoginId::parse(id)?;
        users::get(self.vault.conn(), &id)?.ok_or_else(|| {
            ApiError::NotFound(format!(
                "ユーザーID「{id}」の利用者はいません。利用者の一覧（設定、kiroku user list）で確認してください。"
            ))
        })
    }

    /// Disables a user: their key slot is removed, they can no longer log in (officer only).
    pub fn disable_user(&mut self, id: &str) -> Result<UserView, ApiError> {
        self.require_officer("利用者の無効化")?;
        let user = self.existing_user(id)?;
        if !user.is_active() {
            return Err(ApiError::Invalid(kiroku_core::FieldError::new(
                "ユーザーID",
                format!("「{}」はすでに無効化されています。", user.login_id),
            )));
        }
        if user.role == Role::Officer && users::count_active_officers(self.vault.conn())? <= 1 {
            return Err(ApiError::Invalid(kiroku_core::FieldError::new(
                "ユーザーID",
                "最後の事務取扱責任者は無効化できません。先に別の責任者を追加してください。",
            )));
        }
        let now = self.env.clock.now();
        let by = self.actor().clone();
        let entry = self.entry(
            AuditAction::Amend,
            format!("user:{}", user.login_id),
            "無効化",
        );
        self.vault.write(|tx| -> Result<(), ApiError> {
            users::disable(tx, &user.login_id, now, &by)?;
            audit::append(tx, entry)?;
            Ok(())
        })?;
        let mut keys = self.keys.clone();
        keys.disable(&user.login_id);
        keys.save(&self.keys_path)?;
        self.keys = keys;
        let updated = self.existing_user(user.login_id.as_str())?;
        Ok(UserView::from(&updated))
    }

    /// Sets a new password for another user (officer only). Only their key slot is re-wrapped:
    /// no data is re-encrypted.
    pub fn reset_password(&mut self, id: &str, new_password: &str) -> Result<UserView, ApiError> {
        self.require_officer("パスワードの再設定")?;
        let user = self.existing_user(id)?;
        if !user.is_active() {
            return Err(ApiError::Disabled(user.login_id.to_string()));
        }
        check_new_password(new_password)?;
        let entry = self.entry(
            AuditAction::Amend,
            format!("user:{}", user.login_id),
            "パスワード再設定",
        );
        self.vault.write(|tx| -> Result<(), ApiError> {
            audit::append(tx, entry)?;
            Ok(())
        })?;
        self.put_user_slot(&user.login_id, new_password)?;
        AttemptLog::new(paths::attempts_file(self.vault.path())).clear(user.login_id.as_str())?;
        Ok(UserView::from(&user))
    }

    /// Changes the logged-in user's own password.
    pub fn change_password(&mut self, new_password: &str) -> Result<(), ApiError> {
        check_new_password(new_password)?;
        let id = self.actor().clone();
        let entry = self.entry(AuditAction::Amend, format!("user:{id}"), "パスワード変更");
        self.vault.write(|tx| -> Result<(), ApiError> {
            audit::append(tx, entry)?;
            Ok(())
        })?;
        self.put_user_slot(&id, new_password)
    }
}
