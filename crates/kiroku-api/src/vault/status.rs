//! `status`: the vault at a glance.

use crate::session::protection_of;
use crate::{ApiError, Protection, Session};
use chrono::{DateTime, Utc};
use kiroku_core::user::Role;
use kiroku_store::slots::SlotOwner;
use kiroku_store::table::{audit, meta, users};
use serde::Serialize;
use ts_rs::TS;

impl Session {
    /// 団体名, as the forms and the dashboard head it.
    pub(crate) fn org_name(&self) -> Result<String, ApiError> {
        Ok(meta::get(self.vault.conn(), meta::ORG_NAME)?.unwrap_or_default())
    }

    pub fn status(&self) -> Result<StatusView, ApiError> {
        let conn = self.vault.conn();
        let all = users::list(conn)?;
        let count =
            |f: &dyn Fn(&users::UserRow) -> bool| all.iter().filter(|u| f(u)).count() as u32;
        let active_with_role = |role: Role| count(&|u| u.is_active() && u.role == role);
        let users_without_slot = all
            .iter()
            .filter(|u| {
                u.is_active()
                    && self
                        .keys
                        .slot(&SlotOwner::User(u.login_id.clone()))
                        .is_none()
            })
            .map(|u| u.login_id.to_string())
            .collect();
        Ok(StatusView {
            org_name: self.org_name()?,
            vault: self.vault.path().display().to_string(),
            vault_id: self.keys.vault_id.clone(),
            created_at: meta::get(conn, meta::CREATED_AT)?
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| t.with_timezone(&chrono::Utc)),
            schema_version: self.vault.schema_version()?,
            users: UserCounts {
                active: count(&|u| u.is_active()),
                disabled: count(&|u| !u.is_active()),
                officers: active_with_role(Role::Officer),
                clerks: active_with_role(Role::Clerk),
                auditors: active_with_role(Role::Auditor),
            },
            audit_rows: audit::count(conn)?,
            protection: protection_of(&self.env, &self.keys),
            users_without_slot,
            open_incidents: self.open_incidents()?,
        })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UserCounts {
    pub active: u32,
    pub disabled: u32,
    pub officers: u32,
    pub clerks: u32,
    pub auditors: u32,
}

/// `status`: the vault at a glance.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StatusView {
    /// 漏えい等の事案 not yet 完了, with their deadlines.
    pub open_incidents: Vec<crate::IncidentSummary>,
    pub org_name: String,
    pub vault: String,
    pub vault_id: String,
    pub created_at: Option<DateTime<Utc>>,
    pub schema_version: i64,
    pub users: UserCounts,
    pub audit_rows: u64,
    pub protection: Protection,
    /// Users who have no key slot on this PC (e.g. after a restore): they need a reset.
    pub users_without_slot: Vec<String>,
}
