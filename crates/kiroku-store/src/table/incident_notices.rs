//! `incident_notices`: 本人への通知 — to whom, how, on which day.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Row};

use super::{col, date_from_sql, decoded, time_from_sql, time_to_sql};
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRow {
    pub id: i64,
    pub incident_id: i64,
    pub person_id: i64,
    /// `post` | `mail` | `hand` | `alternative`
    pub method: String,
    pub notified_on: NaiveDate,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

const COLUMNS: &str = "id, incident_id, person_id, method, notified_on, entered_at, entered_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<NoticeRow> {
    Ok(NoticeRow {
        id: r.get(col!(COLUMNS, "id"))?,
        incident_id: r.get(col!(COLUMNS, "incident_id"))?,
        person_id: r.get(col!(COLUMNS, "person_id"))?,
        method: r.get(col!(COLUMNS, "method"))?,
        notified_on: decoded(r, col!(COLUMNS, "notified_on"), date_from_sql)?,
        entered_at: decoded(r, col!(COLUMNS, "entered_at"), time_from_sql)?,
        entered_by: r.get(col!(COLUMNS, "entered_by"))?,
    })
}

pub fn insert(
    conn: &Connection,
    incident_id: i64,
    person_id: i64,
    method: &str,
    notified_on: NaiveDate,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO incident_notices (incident_id, person_id, method, notified_on, entered_at,
                                       entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            incident_id,
            person_id,
            method,
            notified_on.to_string(),
            time_to_sql(at),
            by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Every notice of an incident, in the order given.
pub fn of_incident(conn: &Connection, incident_id: i64) -> Result<Vec<NoticeRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM incident_notices WHERE incident_id = ?1 ORDER BY notified_on, id"
    ))?;
    let rows = stmt.query_map([incident_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
