//! `import_batches`: one row per import (取り込み) — the file's name and SHA-256, what it added,
//! updated and skipped — withdrawn as a whole at most once, never deleted.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{col, decoded, decoded_opt, time_from_sql, time_to_sql};
use crate::StoreError;

/// What was imported: `persons` | `ledger` | `events`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBatch<'a> {
    pub kind: &'a str,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub added: u32,
    pub updated: u32,
    pub skipped: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchRow {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub added: u32,
    pub updated: u32,
    pub skipped: u32,
    pub imported_at: DateTime<Utc>,
    pub imported_by: String,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawn_by: Option<String>,
    pub withdraw_reason: Option<String>,
}

const COLUMNS: &str = "id, kind, file_name, sha256, added, updated, skipped, imported_at, \
                       imported_by, withdrawn_at, withdrawn_by, withdraw_reason";

fn from_row(r: &Row<'_>) -> rusqlite::Result<BatchRow> {
    Ok(BatchRow {
        id: r.get(col!(COLUMNS, "id"))?,
        kind: r.get(col!(COLUMNS, "kind"))?,
        file_name: r.get(col!(COLUMNS, "file_name"))?,
        sha256: r.get(col!(COLUMNS, "sha256"))?,
        added: r.get(col!(COLUMNS, "added"))?,
        updated: r.get(col!(COLUMNS, "updated"))?,
        skipped: r.get(col!(COLUMNS, "skipped"))?,
        imported_at: decoded(r, col!(COLUMNS, "imported_at"), time_from_sql)?,
        imported_by: r.get(col!(COLUMNS, "imported_by"))?,
        withdrawn_at: decoded_opt(r, col!(COLUMNS, "withdrawn_at"), time_from_sql)?,
        withdrawn_by: r.get(col!(COLUMNS, "withdrawn_by"))?,
        withdraw_reason: r.get(col!(COLUMNS, "withdraw_reason"))?,
    })
}

/// Records a batch with its counts (known from the plan before its rows are written, in the
/// same transaction) and returns its ID.
pub fn insert(
    conn: &Connection,
    new: &NewBatch<'_>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO import_batches (kind, file_name, sha256, added, updated, skipped,
                                     imported_at, imported_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            new.kind,
            new.file_name,
            new.sha256,
            new.added,
            new.updated,
            new.skipped,
            time_to_sql(at),
            by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<BatchRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM import_batches WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Every batch, newest first.
pub fn list(conn: &Connection) -> Result<Vec<BatchRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM import_batches ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Marks a batch withdrawn (once).
pub fn withdraw(
    conn: &Connection,
    id: i64,
    reason: &str,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE import_batches SET withdrawn_at = ?2, withdrawn_by = ?3, withdraw_reason = ?4
         WHERE id = ?1",
        params![id, time_to_sql(at), by, reason],
    )?;
    Ok(())
}

/// The records still in force that use what import batch `batch` brought in (its persons,
/// dependents or 台帳 entries): a batch they use cannot be withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LiveUses {
    /// 取扱記録 whose current version is not withdrawn.
    pub events: u64,
    /// 帳票 (kept papers), disposed of or not.
    pub documents: u64,
}

pub fn live_uses(conn: &Connection, batch: i64) -> Result<LiveUses, StoreError> {
    const PERSONS: &str = "SELECT id FROM persons WHERE import_batch = ?1";
    const DEPENDENTS: &str = "SELECT id FROM dependents WHERE import_batch = ?1";
    const FILES: &str = "SELECT no FROM ledger_files WHERE import_batch = ?1";
    let events: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM event_versions v
             WHERE NOT v.withdrawn
               AND NOT EXISTS (SELECT 1 FROM event_versions w
                               WHERE w.event_id = v.event_id AND w.version > v.version)
               AND (v.person_id IN ({PERSONS}) OR v.dependent_id IN ({DEPENDENTS})
                    OR v.ledger_no IN ({FILES}))"
        ),
        [batch],
        |r| r.get(0),
    )?;
    let documents: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM documents
             WHERE person_id IN ({PERSONS}) OR ledger_no IN ({FILES})"
        ),
        [batch],
        |r| r.get(0),
    )?;
    Ok(LiveUses {
        events: u64::try_from(events).unwrap_or_default(),
        documents: u64::try_from(documents).unwrap_or_default(),
    })
}
