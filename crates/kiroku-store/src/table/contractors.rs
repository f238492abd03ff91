//! `contractors`: 委託先 and 再委託先. Never deleted; a contractor no longer used is disabled.

use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::contractor::{ContractorDetails, PrivacyMark};
use kiroku_core::evaluation::Pattern;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{
    col, date_from_sql, decoded, decoded_opt, json_from_sql, json_to_sql, text_conversion,
    time_from_sql, time_to_sql,
};
use crate::StoreError;

/// A contractor as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractorRow {
    pub id: i64,
    pub details: ContractorDetails,
    /// The contractor this one is a 再委託先 of.
    pub parent_id: Option<i64>,
    /// 再委託の許諾日.
    pub approved_on: Option<NaiveDate>,
    /// 台帳 NO. of the files they touch.
    pub ledger_files: Vec<i64>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

impl ContractorRow {
    pub fn is_active(&self) -> bool {
        self.disabled_at.is_none()
    }
}

/// Where a new contractor stands: under which parent, approved when, touching which files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placement {
    pub parent_id: Option<i64>,
    pub approved_on: Option<NaiveDate>,
    pub ledger_files: Vec<i64>,
}

/// The columns every query of `contractors` selects; [`from_row`] reads them by name.
const COLUMNS: &str = "id, name, pattern, dept, manager, work, data, pmark_no, pmark_expiry, \
    leak_2y, parent_id, approved_on, ledger_files, disabled_at, created_at, created_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ContractorRow> {
    let pmark_no: Option<String> = r.get(col!(COLUMNS, "pmark_no"))?;
    let pmark_expiry: Option<String> = r.get(col!(COLUMNS, "pmark_expiry"))?;
    Ok(ContractorRow {
        id: r.get(col!(COLUMNS, "id"))?,
        details: ContractorDetails {
            name: r.get(col!(COLUMNS, "name"))?,
            pattern: decoded(r, col!(COLUMNS, "pattern"), str::parse::<Pattern>)?,
            dept: r.get(col!(COLUMNS, "dept"))?,
            manager: r.get(col!(COLUMNS, "manager"))?,
            work: r.get(col!(COLUMNS, "work"))?,
            data: r.get(col!(COLUMNS, "data"))?,
            pmark: match (pmark_no, pmark_expiry) {
                (Some(number), Some(expiry)) => Some(PrivacyMark {
                    number,
                    expires_on: date_from_sql(&expiry)
                        .map_err(|e| text_conversion(col!(COLUMNS, "pmark_expiry"), e))?,
                }),
                _ => None,
            },
            leak_in_2_years: r
                .get::<_, Option<i64>>(col!(COLUMNS, "leak_2y"))?
                .map(|v| v != 0),
        },
        parent_id: r.get(col!(COLUMNS, "parent_id"))?,
        approved_on: decoded_opt(r, col!(COLUMNS, "approved_on"), date_from_sql)?,
        ledger_files: decoded(r, col!(COLUMNS, "ledger_files"), json_from_sql)?,
        disabled_at: decoded_opt(r, col!(COLUMNS, "disabled_at"), time_from_sql)?,
        created_at: decoded(r, col!(COLUMNS, "created_at"), time_from_sql)?,
        created_by: r.get(col!(COLUMNS, "created_by"))?,
    })
}

pub fn insert(
    conn: &Connection,
    c: &ContractorDetails,
    placement: &Placement,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO contractors (name, pattern, dept, manager, work, data, pmark_no, pmark_expiry,
             leak_2y, parent_id, approved_on, ledger_files, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            c.name,
            c.pattern.as_str(),
            c.dept,
            c.manager,
            c.work,
            c.data,
            c.pmark.as_ref().map(|p| p.number.clone()),
            c.pmark.as_ref().map(|p| p.expires_on.to_string()),
            c.leak_in_2_years.map(i64::from),
            placement.parent_id,
            placement.approved_on.map(|d| d.to_string()),
            json_to_sql(&placement.ledger_files)?,
            time_to_sql(at),
            by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<ContractorRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM contractors WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Every contractor, by ID.
pub fn list(conn: &Connection) -> Result<Vec<ContractorRow>, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM contractors ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn disable(conn: &Connection, id: i64, at: DateTime<Utc>, by: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE contractors SET disabled_at = ?2, disabled_by = ?3 WHERE id = ?1 AND disabled_at IS NULL",
        params![id, time_to_sql(at), by],
    )?;
    Ok(())
}

/// Replaces a contractor's details (a renewed P-mark, a new manager …). The pattern and the
/// sheets already made are not touched: each sheet keeps the facts of its own day.
pub fn update(conn: &Connection, id: i64, c: &ContractorDetails) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE contractors SET name = ?2, dept = ?3, manager = ?4, work = ?5, data = ?6,
             pmark_no = ?7, pmark_expiry = ?8, leak_2y = ?9
         WHERE id = ?1",
        params![
            id,
            c.name,
            c.dept,
            c.manager,
            c.work,
            c.data,
            c.pmark.as_ref().map(|p| p.number.clone()),
            c.pmark.as_ref().map(|p| p.expires_on.to_string()),
            c.leak_in_2_years.map(i64::from)
        ],
    )?;
    Ok(())
}

/// Contractors still in use (the home's 「はじめに」 checklist).
pub fn count_active(conn: &Connection) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM contractors WHERE disabled_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or_default())
}
