//! `ledger_files` + `ledger_versions`: the 特定個人情報管理台帳 (別紙2). An entry keeps its NO.
//! for ever; a correction is a new version with its reason.

use chrono::{DateTime, Utc};
use kiroku_core::ledger::{LedgerEntry, Medium, RetentionRef};
use rusqlite::{params, Connection, Row};

use super::{
    col, decoded, insert_row, json_from_sql, json_to_sql, time_from_sql, time_to_sql, Versioned,
};
use crate::StoreError;

/// One version of a 台帳 entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerVersionRow {
    /// NO.
    pub no: i64,
    pub version: u32,
    pub entry: LedgerEntry,
    /// Why this version replaced the previous one (`None` for version 1).
    pub reason: Option<String>,
    /// The import that wrote this version (`None`: entered by hand).
    pub import_batch: Option<i64>,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

/// The columns every query of `ledger_versions` selects ([`from_row`] reads them by name) and
/// a new version writes.
const COLUMNS: &str = "no, version, name, scope, dept, owner, handlers, purpose, retention, \
    retention_rule, disposal, location, medium, reason, import_batch, entered_at, entered_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<LedgerVersionRow> {
    Ok(LedgerVersionRow {
        no: r.get(col!(COLUMNS, "no"))?,
        version: r.get(col!(COLUMNS, "version"))?,
        entry: LedgerEntry {
            name: r.get(col!(COLUMNS, "name"))?,
            scope: r.get(col!(COLUMNS, "scope"))?,
            dept: r.get(col!(COLUMNS, "dept"))?,
            owner: r.get(col!(COLUMNS, "owner"))?,
            handlers: decoded(r, col!(COLUMNS, "handlers"), json_from_sql)?,
            purpose: r.get(col!(COLUMNS, "purpose"))?,
            retention: RetentionRef {
                text: r.get(col!(COLUMNS, "retention"))?,
                rule_id: r.get(col!(COLUMNS, "retention_rule"))?,
            },
            disposal: decoded(r, col!(COLUMNS, "disposal"), json_from_sql)?,
            location: r.get(col!(COLUMNS, "location"))?,
            medium: decoded(r, col!(COLUMNS, "medium"), str::parse::<Medium>)?,
        },
        reason: r.get(col!(COLUMNS, "reason"))?,
        import_batch: r.get(col!(COLUMNS, "import_batch"))?,
        entered_at: decoded(r, col!(COLUMNS, "entered_at"), time_from_sql)?,
        entered_by: r.get(col!(COLUMNS, "entered_by"))?,
    })
}

#[allow(clippy::too_many_arguments)]
fn insert_version(
    conn: &Connection,
    no: i64,
    version: u32,
    e: &LedgerEntry,
    reason: Option<&str>,
    batch: Option<i64>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    insert_row(
        conn,
        "ledger_versions",
        COLUMNS,
        &[
            (col!(COLUMNS, "no"), &no),
            (col!(COLUMNS, "version"), &version),
            (col!(COLUMNS, "name"), &e.name),
            (col!(COLUMNS, "scope"), &e.scope),
            (col!(COLUMNS, "dept"), &e.dept),
            (col!(COLUMNS, "owner"), &e.owner),
            (col!(COLUMNS, "handlers"), &json_to_sql(&e.handlers)?),
            (col!(COLUMNS, "purpose"), &e.purpose),
            (col!(COLUMNS, "retention"), &e.retention.text),
            (col!(COLUMNS, "retention_rule"), &e.retention.rule_id),
            (col!(COLUMNS, "disposal"), &json_to_sql(&e.disposal)?),
            (col!(COLUMNS, "location"), &e.location),
            (col!(COLUMNS, "medium"), &e.medium.as_str()),
            (col!(COLUMNS, "reason"), &reason),
            (col!(COLUMNS, "import_batch"), &batch),
            (col!(COLUMNS, "entered_at"), &time_to_sql(at)),
            (col!(COLUMNS, "entered_by"), &by),
        ],
    )
}

/// Adds a new entry (version 1) and returns its NO.
pub fn insert(
    conn: &Connection,
    e: &LedgerEntry,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    insert_from(conn, e, None, at, by)
}

/// Adds a new entry brought in by import batch `batch` (`None`: entered by hand).
pub fn insert_from(
    conn: &Connection,
    e: &LedgerEntry,
    batch: Option<i64>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO ledger_files (created_at, created_by, import_batch) VALUES (?1, ?2, ?3)",
        params![time_to_sql(at), by, batch],
    )?;
    let no = conn.last_insert_rowid();
    insert_version(conn, no, 1, e, None, batch, at, by)?;
    Ok(no)
}

/// Adds version `version` of entry `no`, replacing the current one, with its reason.
pub fn amend(
    conn: &Connection,
    no: i64,
    version: u32,
    e: &LedgerEntry,
    reason: &str,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    insert_version(conn, no, version, e, Some(reason), None, at, by)
}

/// [`amend`] by import batch `batch` (an import's 「更新」).
#[allow(clippy::too_many_arguments)]
pub fn amend_from(
    conn: &Connection,
    no: i64,
    version: u32,
    e: &LedgerEntry,
    reason: &str,
    batch: i64,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    insert_version(conn, no, version, e, Some(reason), Some(batch), at, by)
}

const VERSIONS: Versioned = Versioned {
    table: "ledger_versions",
    key: "no",
    columns: COLUMNS,
};

/// The current version of entry `no`.
pub fn current(conn: &Connection, no: i64) -> Result<Option<LedgerVersionRow>, StoreError> {
    VERSIONS.current(conn, no, from_row)
}

/// An entry not brought in by a withdrawn import (for a query naming `ledger_versions` `v`).
const LIVE: &str =
    "NOT EXISTS (SELECT 1 FROM ledger_files f JOIN import_batches b ON b.id = f.import_batch \
    WHERE f.no = v.no AND b.withdrawn_at IS NOT NULL)";

/// Every entry's current version, by NO., but those of a withdrawn import.
pub fn list(conn: &Connection) -> Result<Vec<LedgerVersionRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM ledger_versions v WHERE {} AND {LIVE} ORDER BY v.no",
        VERSIONS.current_clause()
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Entry `no` came in with an import that was withdrawn (取り込みの取消し): it stays readable
/// but no new record may be filed under it.
pub fn withdrawn(conn: &Connection, no: i64) -> Result<bool, StoreError> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM ledger_files f JOIN import_batches b ON b.id = f.import_batch
                        WHERE f.no = ?1 AND b.withdrawn_at IS NOT NULL)",
        [no],
        |r| r.get(0),
    )?)
}

/// The entries import batch `batch` brought in.
pub fn of_batch(conn: &Connection, batch: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT no FROM ledger_files WHERE import_batch = ?1 ORDER BY no")?;
    let rows = stmt.query_map([batch], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The entries registered before import batch `batch` that it amended.
pub fn amended_by_batch(conn: &Connection, batch: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT v.no FROM ledger_versions v JOIN ledger_files f ON f.no = v.no
         WHERE v.import_batch = ?1 AND f.import_batch IS NOT ?1 ORDER BY v.no",
    )?;
    let rows = stmt.query_map([batch], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every version of entry `no`, oldest first.
pub fn history(conn: &Connection, no: i64) -> Result<Vec<LedgerVersionRow>, StoreError> {
    VERSIONS.history(conn, no, from_row)
}

/// How many 台帳 files are registered (the home's 「はじめに」 checklist).
pub fn count_files(conn: &Connection) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM ledger_files f WHERE NOT EXISTS
           (SELECT 1 FROM import_batches b WHERE b.id = f.import_batch AND b.withdrawn_at IS NOT NULL)",
        [],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or_default())
}
