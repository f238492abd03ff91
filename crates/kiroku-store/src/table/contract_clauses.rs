//! `contract_clauses`: the clauses ticked in a contractor's contract (契約に盛り込む事項). Each
//! tick is a new row; the latest per clause counts.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Row};

use super::{col, date_from_sql, decoded, time_from_sql, time_to_sql};
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseTick {
    pub clause: String,
    /// The contract's name.
    pub contract: String,
    /// The day it was signed.
    pub signed_on: NaiveDate,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

/// The columns every query of `contract_clauses` selects; [`from_row`] reads them by name.
const COLUMNS: &str = "clause, contract, signed_on, entered_at, entered_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ClauseTick> {
    Ok(ClauseTick {
        clause: r.get(col!(COLUMNS, "clause"))?,
        contract: r.get(col!(COLUMNS, "contract"))?,
        signed_on: decoded(r, col!(COLUMNS, "signed_on"), date_from_sql)?,
        entered_at: decoded(r, col!(COLUMNS, "entered_at"), time_from_sql)?,
        entered_by: r.get(col!(COLUMNS, "entered_by"))?,
    })
}

pub fn insert(conn: &Connection, contractor_id: i64, tick: &ClauseTick) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO contract_clauses (contractor_id, clause, contract, signed_on, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            contractor_id,
            tick.clause,
            tick.contract,
            tick.signed_on.to_string(),
            time_to_sql(tick.entered_at),
            tick.entered_by
        ],
    )?;
    Ok(())
}

/// The latest tick of each clause of a contractor.
pub fn current(conn: &Connection, contractor_id: i64) -> Result<Vec<ClauseTick>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM contract_clauses c
         WHERE contractor_id = ?1 AND NOT EXISTS (SELECT 1 FROM contract_clauses d
             WHERE d.contractor_id = c.contractor_id AND d.clause = c.clause AND d.id > c.id)
         ORDER BY clause"
    ))?;
    let rows = stmt.query_map([contractor_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
