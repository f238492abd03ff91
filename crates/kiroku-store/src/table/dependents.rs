//! `dependents`: 扶養家族 of a person.

use chrono::{DateTime, Utc};
use kiroku_core::person::DependentDetails;
use rusqlite::{params, Connection, Row};

use super::{time_from_sql, time_to_sql};
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DependentRow {
    pub id: i64,
    pub person_id: i64,
    pub details: DependentDetails,
    pub created_at: DateTime<Utc>,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<DependentRow> {
    let created_at: String = r.get(4)?;
    Ok(DependentRow {
        id: r.get(0)?,
        person_id: r.get(1)?,
        details: DependentDetails {
            name: r.get(2)?,
            relation: r.get(3)?,
        },
        created_at: time_from_sql(4, &created_at)?,
    })
}

pub fn insert(
    conn: &Connection,
    person_id: i64,
    d: &DependentDetails,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO dependents (person_id, name, relation, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![person_id, d.name, d.relation, time_to_sql(at), by],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn of_person(conn: &Connection, person_id: i64) -> Result<Vec<DependentRow>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, person_id, name, relation, created_at FROM dependents WHERE person_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([person_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
