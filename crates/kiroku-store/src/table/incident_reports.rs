//! `incident_reports`: each filing of an incident's report (速報 / 確報 / 速報兼確報 / 追完).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Row};

use super::{col, date_from_sql, decoded, time_from_sql, time_to_sql};
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub id: i64,
    pub incident_id: i64,
    /// `sokuho` | `kakuho` | `sokuho_kakuho` | `tsuikan`
    pub kind: String,
    /// `ppc` | `soumu` | `rengokai` | `rijicho` | `principal`
    pub recipient: String,
    pub filed_on: NaiveDate,
    /// 受付番号
    pub receipt_no: Option<String>,
    pub note: Option<String>,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport<'a> {
    pub incident_id: i64,
    pub kind: &'a str,
    pub recipient: &'a str,
    pub filed_on: NaiveDate,
    pub receipt_no: Option<&'a str>,
    pub note: Option<&'a str>,
}

const COLUMNS: &str =
    "id, incident_id, kind, recipient, filed_on, receipt_no, note, entered_at, entered_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ReportRow> {
    Ok(ReportRow {
        id: r.get(col!(COLUMNS, "id"))?,
        incident_id: r.get(col!(COLUMNS, "incident_id"))?,
        kind: r.get(col!(COLUMNS, "kind"))?,
        recipient: r.get(col!(COLUMNS, "recipient"))?,
        filed_on: decoded(r, col!(COLUMNS, "filed_on"), date_from_sql)?,
        receipt_no: r.get(col!(COLUMNS, "receipt_no"))?,
        note: r.get(col!(COLUMNS, "note"))?,
        entered_at: decoded(r, col!(COLUMNS, "entered_at"), time_from_sql)?,
        entered_by: r.get(col!(COLUMNS, "entered_by"))?,
    })
}

pub fn insert(
    conn: &Connection,
    n: &NewReport<'_>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO incident_reports (incident_id, kind, recipient, filed_on, receipt_no, note,
                                       entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            n.incident_id,
            n.kind,
            n.recipient,
            n.filed_on.to_string(),
            n.receipt_no,
            n.note,
            time_to_sql(at),
            by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Every filing of an incident, in the order filed.
pub fn of_incident(conn: &Connection, incident_id: i64) -> Result<Vec<ReportRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM incident_reports WHERE incident_id = ?1 ORDER BY filed_on, id"
    ))?;
    let rows = stmt.query_map([incident_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
