//! `incident_assessments`: the officer's word on an incident's decision — confirmed as
//! computed, or overridden with a reason. Both the computed decision and the officer's are
//! kept; the latest assessment is the one in force.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{col, decoded, time_from_sql, time_to_sql};
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRow {
    pub id: i64,
    pub incident_id: i64,
    /// The version of the incident the decision read.
    pub incident_version: u32,
    /// The decision as computed (JSON the API writes and reads).
    pub computed: String,
    /// The officer's word: reportable or not.
    pub reportable: bool,
    pub kakuho_days: u32,
    /// `None`: confirmed as computed; else why the officer decided otherwise.
    pub override_reason: Option<String>,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

/// What an assessment records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssessment<'a> {
    pub incident_id: i64,
    pub incident_version: u32,
    pub computed: &'a str,
    pub reportable: bool,
    pub kakuho_days: u32,
    pub override_reason: Option<&'a str>,
}

const COLUMNS: &str = "id, incident_id, incident_version, computed, reportable, kakuho_days, \
    override_reason, entered_at, entered_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<AssessmentRow> {
    Ok(AssessmentRow {
        id: r.get(col!(COLUMNS, "id"))?,
        incident_id: r.get(col!(COLUMNS, "incident_id"))?,
        incident_version: r.get(col!(COLUMNS, "incident_version"))?,
        computed: r.get(col!(COLUMNS, "computed"))?,
        reportable: r.get(col!(COLUMNS, "reportable"))?,
        kakuho_days: r.get(col!(COLUMNS, "kakuho_days"))?,
        override_reason: r.get(col!(COLUMNS, "override_reason"))?,
        entered_at: decoded(r, col!(COLUMNS, "entered_at"), time_from_sql)?,
        entered_by: r.get(col!(COLUMNS, "entered_by"))?,
    })
}

pub fn insert(
    conn: &Connection,
    a: &NewAssessment<'_>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO incident_assessments (incident_id, incident_version, computed, reportable,
                                           kakuho_days, override_reason, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            a.incident_id,
            a.incident_version,
            a.computed,
            a.reportable,
            a.kakuho_days,
            a.override_reason,
            time_to_sql(at),
            by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The assessment in force (the latest), if the officer gave one.
pub fn latest(conn: &Connection, incident_id: i64) -> Result<Option<AssessmentRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM incident_assessments WHERE incident_id = ?1
                 ORDER BY id DESC LIMIT 1"
            ),
            [incident_id],
            from_row,
        )
        .optional()?)
}

/// Every assessment of an incident, oldest first.
pub fn of_incident(conn: &Connection, incident_id: i64) -> Result<Vec<AssessmentRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM incident_assessments WHERE incident_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([incident_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
