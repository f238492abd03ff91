//! `checks`: 取扱状況の点検（監査） — the yearly check of a 年度 (one each) and 臨時 checks.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{col, decoded, time_from_sql, time_to_sql};
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRow {
    pub id: i64,
    /// 年度 (2026 = 令和8年度)
    pub fiscal_year: i32,
    /// 臨時の点検
    pub adhoc: bool,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

const COLUMNS: &str = "id, fiscal_year, adhoc, created_at, created_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<CheckRow> {
    Ok(CheckRow {
        id: r.get(col!(COLUMNS, "id"))?,
        fiscal_year: r.get(col!(COLUMNS, "fiscal_year"))?,
        adhoc: r.get(col!(COLUMNS, "adhoc"))?,
        created_at: decoded(r, col!(COLUMNS, "created_at"), time_from_sql)?,
        created_by: r.get(col!(COLUMNS, "created_by"))?,
    })
}

pub fn insert(
    conn: &Connection,
    fiscal_year: i32,
    adhoc: bool,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO checks (fiscal_year, adhoc, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
        params![fiscal_year, adhoc, time_to_sql(at), by],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<CheckRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM checks WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// The yearly check of 年度 `fiscal_year`, if made.
pub fn yearly(conn: &Connection, fiscal_year: i32) -> Result<Option<CheckRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM checks WHERE fiscal_year = ?1 AND adhoc = 0"),
            [fiscal_year],
            from_row,
        )
        .optional()?)
}

/// Every check, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<CheckRow>, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM checks ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
