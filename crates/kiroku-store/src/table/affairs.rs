//! `affairs`: the catalog of 関係事務 the office uses My Numbers for.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{col, decoded, time_from_sql, time_to_sql};
use crate::StoreError;

/// An affair as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffairRow {
    pub id: i64,
    pub name: String,
    /// The 規程 article it comes from, when seeded from a template.
    pub basis: Option<String>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

/// The columns every query of `affairs` selects; [`from_row`] reads them by name.
const COLUMNS: &str = "id, name, basis, created_at, created_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<AffairRow> {
    Ok(AffairRow {
        id: r.get(col!(COLUMNS, "id"))?,
        name: r.get(col!(COLUMNS, "name"))?,
        basis: r.get(col!(COLUMNS, "basis"))?,
        created_at: decoded(r, col!(COLUMNS, "created_at"), time_from_sql)?,
        created_by: r.get(col!(COLUMNS, "created_by"))?,
    })
}

/// Inserts an affair and returns its ID.
pub fn insert(
    conn: &Connection,
    name: &str,
    basis: Option<&str>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO affairs (name, basis, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
        params![name, basis, time_to_sql(at), by],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn list(conn: &Connection) -> Result<Vec<AffairRow>, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM affairs ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<AffairRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM affairs WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

pub fn by_name(conn: &Connection, name: &str) -> Result<Option<AffairRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM affairs WHERE name = ?1"),
            [name],
            from_row,
        )
        .optional()?)
}
