//! Requests' and responses' shapes as the front ends see them (TypeScript via ts-rs).

use chrono::{DateTime, Utc};
use kiroku_core::audit::AuditRecord;
use kiroku_store::table::users::UserRow;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// What `init` returns. The recovery code is shown once and never stored in clear.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct InitResponse {
    /// The vault's ID.
    pub id: String,
    pub vault: String,
    pub org_name: String,
    pub officer: UserView,
    pub recovery_code: String,
    pub protection: Protection,
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

/// One audit row as shown.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditRow {
    pub seq: u64,
    pub at: DateTime<Utc>,
    /// `at` on the office's clock (JST), as the screens write dates.
    pub at_label: String,
    pub actor: String,
    pub action: String,
    pub action_label: String,
    pub target: String,
    pub detail: String,
    pub hash: String,
}

impl AuditRow {
    pub(crate) fn new(r: &AuditRecord, style: kiroku_core::wareki::DateStyle) -> Self {
        Self {
            seq: r.seq,
            at: r.entry.at,
            at_label: style.format_time(r.entry.at),
            actor: r.entry.actor.clone(),
            action: r.entry.action.as_str().into(),
            action_label: r.entry.action.label().into(),
            target: r.entry.target.clone(),
            detail: r.entry.detail.clone(),
            hash: hex_string(&r.hash),
        }
    }
}

pub(crate) fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `audit verify`: every page of the file and the whole chain.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VerifyReport {
    pub ok: bool,
    pub rows: u64,
    /// Problems reported by `cipher_integrity_check` / `integrity_check`.
    pub page_problems: Vec<String>,
    /// The first broken row of the chain, if any.
    pub first_broken_row: Option<u64>,
    pub chain_problem: Option<String>,
    pub head: String,
}

/// `backup`: where it went and what the check after writing found.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupReport {
    pub file: String,
    pub bytes: u64,
    pub audit_rows: u64,
    pub verified: bool,
    pub created_at: DateTime<Utc>,
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

/// A 関係事務 of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AffairView {
    pub id: i64,
    pub name: String,
    /// The 規程 article it was seeded from.
    pub basis: Option<String>,
}

impl From<&kiroku_store::table::affairs::AffairRow> for AffairView {
    fn from(a: &kiroku_store::table::affairs::AffairRow) -> Self {
        Self {
            id: a.id,
            name: a.name.clone(),
            basis: a.basis.clone(),
        }
    }
}

/// A new person (本人): `kind` is `staff` | `director` | `councillor` | `third_party` |
/// `employer_staff`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewPerson {
    pub kind: String,
    pub name: String,
    pub dept: Option<String>,
    pub employer: Option<String>,
}

/// A new dependent (扶養家族).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewDependent {
    pub name: String,
    /// 続柄
    pub relation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DependentView {
    pub id: i64,
    pub name: String,
    pub relation: String,
}

/// A person with their dependents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonView {
    pub id: i64,
    pub kind: String,
    pub kind_label: String,
    pub name: String,
    pub dept: Option<String>,
    pub employer: Option<String>,
    /// 退職日等 (ISO date)
    pub left_on: Option<chrono::NaiveDate>,
    pub dependents: Vec<DependentView>,
}

impl PersonView {
    pub(crate) fn new(
        p: &kiroku_store::table::persons::PersonRow,
        deps: &[kiroku_store::table::dependents::DependentRow],
    ) -> Self {
        Self {
            id: p.id,
            kind: p.details.kind.as_str().into(),
            kind_label: p.details.kind.label().into(),
            name: p.details.name.clone(),
            dept: p.details.dept.clone(),
            employer: p.details.employer.clone(),
            left_on: p.left_on,
            dependents: deps
                .iter()
                .map(|d| DependentView {
                    id: d.id,
                    name: d.details.name.clone(),
                    relation: d.details.relation.clone(),
                })
                .collect(),
        }
    }
}
