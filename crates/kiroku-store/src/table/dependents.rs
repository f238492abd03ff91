//! `dependents`: 扶養家族 of a person.

use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::person::DependentDetails;
use rusqlite::{params, Connection, Row};

use super::{col, decoded, decoded_opt, time_from_sql, time_to_sql};
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DependentRow {
    pub id: i64,
    pub person_id: i64,
    pub details: DependentDetails,
    /// The day they left the household (no longer 扶養家族); they stay in the log.
    pub left_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// The columns every query of `dependents` selects; [`from_row`] reads them by name.
const COLUMNS: &str = "id, person_id, name, relation, left_on, created_at";

/// A dependent not brought in by a withdrawn import (for a query of `dependents`).
const LIVE: &str = "(import_batch IS NULL OR import_batch NOT IN \
    (SELECT id FROM import_batches WHERE withdrawn_at IS NOT NULL))";

fn from_row(r: &Row<'_>) -> rusqlite::Result<DependentRow> {
    Ok(DependentRow {
        id: r.get(col!(COLUMNS, "id"))?,
        person_id: r.get(col!(COLUMNS, "person_id"))?,
        details: DependentDetails {
            name: r.get(col!(COLUMNS, "name"))?,
            relation: r.get(col!(COLUMNS, "relation"))?,
        },
        left_on: decoded_opt(r, col!(COLUMNS, "left_on"), str::parse::<NaiveDate>)?,
        created_at: decoded(r, col!(COLUMNS, "created_at"), time_from_sql)?,
    })
}

pub fn insert(
    conn: &Connection,
    person_id: i64,
    d: &DependentDetails,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    insert_from(conn, person_id, d, None, at, by)
}

/// Inserts a dependent brought in by import batch `batch` (`None`: entered by hand).
pub fn insert_from(
    conn: &Connection,
    person_id: i64,
    d: &DependentDetails,
    batch: Option<i64>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO dependents (person_id, name, relation, import_batch, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![person_id, d.name, d.relation, batch, time_to_sql(at), by],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The dependents of `person_id`, but those a withdrawn import brought in.
pub fn of_person(conn: &Connection, person_id: i64) -> Result<Vec<DependentRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM dependents WHERE person_id = ?1 AND {LIVE} ORDER BY id"
    ))?;
    let rows = stmt.query_map([person_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Dependent `id`, withdrawn with its import or not (the name a past record shows).
pub fn get(conn: &Connection, id: i64) -> Result<Option<DependentRow>, StoreError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM dependents WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Records the day a dependent left the household.
pub fn set_left_on(conn: &Connection, id: i64, on: NaiveDate) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE dependents SET left_on = ?2 WHERE id = ?1",
        params![id, on.to_string()],
    )?;
    Ok(())
}
