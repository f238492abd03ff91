//! `check_answers`: each answer to an item of a check (適 / 不適 / 該当なし with a note); the
//! latest per item stands, the earlier ones stay.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};

use super::{col, decoded, time_from_sql, time_to_sql};
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRow {
    pub id: i64,
    pub check_id: i64,
    /// `A1` … `M10`
    pub item: String,
    /// `adequate` | `inadequate` | `not_applicable`
    pub result: String,
    pub note: Option<String>,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

const COLUMNS: &str = "id, check_id, item, result, note, entered_at, entered_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<AnswerRow> {
    Ok(AnswerRow {
        id: r.get(col!(COLUMNS, "id"))?,
        check_id: r.get(col!(COLUMNS, "check_id"))?,
        item: r.get(col!(COLUMNS, "item"))?,
        result: r.get(col!(COLUMNS, "result"))?,
        note: r.get(col!(COLUMNS, "note"))?,
        entered_at: decoded(r, col!(COLUMNS, "entered_at"), time_from_sql)?,
        entered_by: r.get(col!(COLUMNS, "entered_by"))?,
    })
}

pub fn insert(
    conn: &Connection,
    check_id: i64,
    item: &str,
    result: &str,
    note: Option<&str>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO check_answers (check_id, item, result, note, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![check_id, item, result, note, time_to_sql(at), by],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The answer standing for each item of check `check_id` (the latest of each).
pub fn latest(conn: &Connection, check_id: i64) -> Result<Vec<AnswerRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM check_answers a WHERE check_id = ?1
           AND id = (SELECT max(id) FROM check_answers b WHERE b.check_id = a.check_id AND b.item = a.item)
         ORDER BY item"
    ))?;
    let rows = stmt.query_map([check_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
