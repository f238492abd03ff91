//! `users`: who may open the vault, with 氏名・所属・業務内容 and role.

use chrono::{DateTime, Utc};
use kiroku_core::user::{LoginId, Role, UserProfile};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{col, decoded, decoded_opt, insert_row, time_from_sql, time_to_sql};
use crate::StoreError;

/// A user as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub login_id: LoginId,
    pub profile: UserProfile,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub disabled_at: Option<DateTime<Utc>>,
}

impl UserRow {
    pub fn is_active(&self) -> bool {
        self.disabled_at.is_none()
    }
}

/// The columns every query of `users` selects ([`from_row`] reads them by name) and
/// [`insert`] writes.
const COLUMNS: &str = "login_id, name, dept, duties, role, created_at, created_by, disabled_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<UserRow> {
    Ok(UserRow {
        login_id: decoded(r, col!(COLUMNS, "login_id"), LoginId::parse)?,
        profile: UserProfile {
            name: r.get(col!(COLUMNS, "name"))?,
            dept: r.get(col!(COLUMNS, "dept"))?,
            duties: r.get(col!(COLUMNS, "duties"))?,
        },
        role: decoded(r, col!(COLUMNS, "role"), str::parse::<Role>)?,
        created_at: decoded(r, col!(COLUMNS, "created_at"), time_from_sql)?,
        created_by: r.get(col!(COLUMNS, "created_by"))?,
        disabled_at: decoded_opt(r, col!(COLUMNS, "disabled_at"), time_from_sql)?,
    })
}

pub fn insert(conn: &Connection, user: &UserRow) -> Result<(), StoreError> {
    insert_row(
        conn,
        "users",
        COLUMNS,
        &[
            (col!(COLUMNS, "login_id"), &user.login_id.as_str()),
            (col!(COLUMNS, "name"), &user.profile.name),
            (col!(COLUMNS, "dept"), &user.profile.dept),
            (col!(COLUMNS, "duties"), &user.profile.duties),
            (col!(COLUMNS, "role"), &user.role.as_str()),
            (col!(COLUMNS, "created_at"), &time_to_sql(user.created_at)),
            (col!(COLUMNS, "created_by"), &user.created_by),
            (
                col!(COLUMNS, "disabled_at"),
                &user.disabled_at.map(time_to_sql),
            ),
        ],
    )
}

pub fn get(conn: &Connection, id: &LoginId) -> Result<Option<UserRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM users WHERE login_id = ?1"),
            [id.as_str()],
            from_row,
        )
        .optional()?)
}

/// Every user, the officer(s) first, then by login ID.
pub fn list(conn: &Connection) -> Result<Vec<UserRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM users
         ORDER BY CASE role WHEN 'officer' THEN 0 WHEN 'clerk' THEN 1 ELSE 2 END, login_id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn disable(
    conn: &Connection,
    id: &LoginId,
    at: DateTime<Utc>,
    by: &LoginId,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE users SET disabled_at = ?2, disabled_by = ?3 WHERE login_id = ?1 AND disabled_at IS NULL",
        params![id.as_str(), time_to_sql(at), by.as_str()],
    )?;
    Ok(())
}

pub fn count_active_officers(conn: &Connection) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM users WHERE role = 'officer' AND disabled_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}

/// Users who may still log in (the home's 「はじめに」 checklist).
pub fn count_active(conn: &Connection) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM users WHERE disabled_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or_default())
}
