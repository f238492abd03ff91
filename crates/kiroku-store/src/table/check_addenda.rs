//! `check_addenda`: 追記 — what is noted on a check after its 確認 froze it.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};

use super::{col, decoded, time_from_sql, time_to_sql};
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddendumRow {
    pub id: i64,
    pub check_id: i64,
    pub text: String,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

const COLUMNS: &str = "id, check_id, text, entered_at, entered_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<AddendumRow> {
    Ok(AddendumRow {
        id: r.get(col!(COLUMNS, "id"))?,
        check_id: r.get(col!(COLUMNS, "check_id"))?,
        text: r.get(col!(COLUMNS, "text"))?,
        entered_at: decoded(r, col!(COLUMNS, "entered_at"), time_from_sql)?,
        entered_by: r.get(col!(COLUMNS, "entered_by"))?,
    })
}

pub fn insert(
    conn: &Connection,
    check_id: i64,
    text: &str,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO check_addenda (check_id, text, entered_at, entered_by) VALUES (?1, ?2, ?3, ?4)",
        params![check_id, text, time_to_sql(at), by],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn of_check(conn: &Connection, check_id: i64) -> Result<Vec<AddendumRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM check_addenda WHERE check_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([check_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
