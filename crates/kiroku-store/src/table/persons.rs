//! `persons`: the data subjects (本人). No 個人番号 column, by design.

use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::person::{PersonDetails, PersonKind};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{col, decoded, decoded_opt, time_from_sql, time_to_sql};
use crate::StoreError;

/// A person as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub id: i64,
    pub details: PersonDetails,
    /// 退職日等: the person left; they stay in the log.
    pub left_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

/// The columns every query of `persons` selects; [`from_row`] reads them by name.
const COLUMNS: &str = "id, kind, name, dept, employer, left_on, created_at, created_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<PersonRow> {
    Ok(PersonRow {
        id: r.get(col!(COLUMNS, "id"))?,
        details: PersonDetails {
            kind: decoded(r, col!(COLUMNS, "kind"), str::parse::<PersonKind>)?,
            name: r.get(col!(COLUMNS, "name"))?,
            dept: r.get(col!(COLUMNS, "dept"))?,
            employer: r.get(col!(COLUMNS, "employer"))?,
        },
        left_on: decoded_opt(r, col!(COLUMNS, "left_on"), str::parse::<NaiveDate>)?,
        created_at: decoded(r, col!(COLUMNS, "created_at"), time_from_sql)?,
        created_by: r.get(col!(COLUMNS, "created_by"))?,
    })
}

/// Inserts a person and returns the ID.
pub fn insert(
    conn: &Connection,
    p: &PersonDetails,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO persons (kind, name, dept, employer, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            p.kind.as_str(),
            p.name,
            p.dept,
            p.employer,
            time_to_sql(at),
            by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<PersonRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM persons WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Every person, by ID (the order they were registered).
pub fn list(conn: &Connection) -> Result<Vec<PersonRow>, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM persons ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records the day the person left (退職日等).
pub fn set_left_on(conn: &Connection, id: i64, on: NaiveDate) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE persons SET left_on = ?2 WHERE id = ?1",
        params![id, on.to_string()],
    )?;
    Ok(())
}

/// How many persons are registered (the home's 「はじめに」 checklist).
pub fn count(conn: &Connection) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row("SELECT count(*) FROM persons", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or_default())
}
