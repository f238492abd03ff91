//! `check_signoffs`: 作成 / 確認 / 監査意見 / 決裁 of a check, each once. 確認 keeps the items as
//! they were read (`snapshot`, JSON); 監査意見 the auditor's opinion; 決裁 the head's name.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};

use super::{col, decoded, time_from_sql, time_to_sql};
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOffRow {
    pub check_id: i64,
    /// `creator` | `officer` | `auditor` | `head`
    pub step: String,
    /// Who signed (the user's 氏名; the head's as typed).
    pub name: String,
    pub opinion: Option<String>,
    pub snapshot: Option<String>,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

const COLUMNS: &str = "check_id, step, name, opinion, snapshot, entered_at, entered_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<SignOffRow> {
    Ok(SignOffRow {
        check_id: r.get(col!(COLUMNS, "check_id"))?,
        step: r.get(col!(COLUMNS, "step"))?,
        name: r.get(col!(COLUMNS, "name"))?,
        opinion: r.get(col!(COLUMNS, "opinion"))?,
        snapshot: r.get(col!(COLUMNS, "snapshot"))?,
        entered_at: decoded(r, col!(COLUMNS, "entered_at"), time_from_sql)?,
        entered_by: r.get(col!(COLUMNS, "entered_by"))?,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignOff<'a> {
    pub check_id: i64,
    pub step: &'a str,
    pub name: &'a str,
    pub opinion: Option<&'a str>,
    pub snapshot: Option<&'a str>,
}

pub fn insert(
    conn: &Connection,
    n: &NewSignOff<'_>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO check_signoffs (check_id, step, name, opinion, snapshot, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            n.check_id,
            n.step,
            n.name,
            n.opinion,
            n.snapshot,
            time_to_sql(at),
            by
        ],
    )?;
    Ok(())
}

/// The sign-offs of check `check_id`, in the order given.
pub fn of_check(conn: &Connection, check_id: i64) -> Result<Vec<SignOffRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM check_signoffs WHERE check_id = ?1 ORDER BY entered_at, rowid"
    ))?;
    let rows = stmt.query_map([check_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
