//! `incidents` + `incident_versions`: 漏えい等の事案. An incident keeps its ID for ever; every
//! change (the officer's facts, a correction, the status) is the next version with its reason.

use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::incident::{IncidentRecord, IncidentStatus};
use rusqlite::{params, Connection, Row};

use super::{
    col, date_from_sql, decoded, insert_row, json_from_sql, json_to_sql, time_from_sql,
    time_to_sql, Versioned,
};
use crate::StoreError;

/// One version of an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentVersionRow {
    pub id: i64,
    pub version: u32,
    pub known_on: NaiveDate,
    pub status: IncidentStatus,
    pub record: IncidentRecord,
    /// Why this version replaced the previous one (`None` for version 1).
    pub reason: Option<String>,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

const COLUMNS: &str =
    "incident_id, version, known_on, status, record, reason, entered_at, entered_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<IncidentVersionRow> {
    Ok(IncidentVersionRow {
        id: r.get(col!(COLUMNS, "incident_id"))?,
        version: r.get(col!(COLUMNS, "version"))?,
        known_on: decoded(r, col!(COLUMNS, "known_on"), date_from_sql)?,
        status: decoded(r, col!(COLUMNS, "status"), |s| {
            IncidentStatus::parse(s).ok_or_else(|| UnknownCode(s.to_owned()))
        })?,
        record: decoded(r, col!(COLUMNS, "record"), json_from_sql)?,
        reason: r.get(col!(COLUMNS, "reason"))?,
        entered_at: decoded(r, col!(COLUMNS, "entered_at"), time_from_sql)?,
        entered_by: r.get(col!(COLUMNS, "entered_by"))?,
    })
}

/// A stored code this build does not know (a newer Kiroku wrote it).
#[derive(Debug, thiserror::Error)]
#[error("unknown code {0:?}")]
pub struct UnknownCode(pub String);

const VERSIONS: Versioned = Versioned {
    table: "incident_versions",
    key: "incident_id",
    columns: COLUMNS,
};

/// Records a new incident (its 第一報 as version 1) and returns its ID.
pub fn insert(
    conn: &Connection,
    record: &IncidentRecord,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO incidents (created_at, created_by) VALUES (?1, ?2)",
        params![time_to_sql(at), by],
    )?;
    let id = conn.last_insert_rowid();
    add_version(conn, id, 1, record, IncidentStatus::Open, None, at, by)?;
    Ok(id)
}

/// Adds version `version` of incident `id` with its reason.
#[allow(clippy::too_many_arguments)]
pub fn add_version(
    conn: &Connection,
    id: i64,
    version: u32,
    record: &IncidentRecord,
    status: IncidentStatus,
    reason: Option<&str>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    insert_row(
        conn,
        "incident_versions",
        COLUMNS,
        &[
            (col!(COLUMNS, "incident_id"), &id),
            (col!(COLUMNS, "version"), &version),
            (
                col!(COLUMNS, "known_on"),
                &record.first.known_on.to_string(),
            ),
            (col!(COLUMNS, "status"), &status.as_str()),
            (col!(COLUMNS, "record"), &json_to_sql(record)?),
            (col!(COLUMNS, "reason"), &reason),
            (col!(COLUMNS, "entered_at"), &time_to_sql(at)),
            (col!(COLUMNS, "entered_by"), &by),
        ],
    )
}

/// The current version of incident `id`.
pub fn current(conn: &Connection, id: i64) -> Result<Option<IncidentVersionRow>, StoreError> {
    VERSIONS.current(conn, id, from_row)
}

/// Every incident's current version, by ID.
pub fn list(conn: &Connection) -> Result<Vec<IncidentVersionRow>, StoreError> {
    VERSIONS.list(conn, from_row)
}

/// Every version of incident `id`, oldest first.
pub fn history(conn: &Connection, id: i64) -> Result<Vec<IncidentVersionRow>, StoreError> {
    VERSIONS.history(conn, id, from_row)
}
