//! `audit`: the hash-chained, append-only record of every access and change.

use kiroku_core::audit::{link, AuditAction, AuditEntry, AuditRecord, ChainBreak, ChainVerifier};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{col, time_from_sql, time_to_sql};
use crate::StoreError;

fn head(conn: &Connection) -> Result<Option<(u64, [u8; 32])>, StoreError> {
    const HEAD: &str = "seq, hash";
    let row: Option<(i64, Vec<u8>)> = conn
        .query_row(
            &format!("SELECT {HEAD} FROM audit ORDER BY seq DESC LIMIT 1"),
            [],
            |r| Ok((r.get(col!(HEAD, "seq"))?, r.get(col!(HEAD, "hash"))?)),
        )
        .optional()?;
    match row {
        None => Ok(None),
        Some((seq, hash)) => {
            let hash: [u8; 32] = hash.as_slice().try_into().map_err(|_| {
                StoreError::Corrupt(format!("監査ログ {seq} 行目のハッシュの長さが不正です"))
            })?;
            Ok(Some((seq as u64, hash)))
        }
    }
}

/// Appends one row, chained to the current head. Call inside the write transaction of the
/// change it records, so that the change and its record commit together.
pub fn append(conn: &Connection, entry: AuditEntry) -> Result<AuditRecord, StoreError> {
    let record = link(head(conn)?, entry);
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, target, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            record.seq as i64,
            time_to_sql(record.entry.at),
            record.entry.actor,
            record.entry.action.as_str(),
            record.entry.target,
            record.entry.detail,
            record.prev_hash.as_slice(),
            record.hash.as_slice(),
        ],
    )?;
    Ok(record)
}

/// A stored row as read back; `Err` holds why a row could not be decoded.
fn from_row(r: &Row<'_>) -> rusqlite::Result<Result<AuditRecord, ChainBreak>> {
    let seq: i64 = r.get(col!(COLUMNS, "seq"))?;
    let seq = seq as u64;
    let unreadable = |reason: &str| ChainBreak::Unreadable {
        seq,
        reason: reason.to_owned(),
    };
    let at: String = r.get(col!(COLUMNS, "at"))?;
    let action: String = r.get(col!(COLUMNS, "action"))?;
    let prev: Vec<u8> = r.get(col!(COLUMNS, "prev_hash"))?;
    let hash: Vec<u8> = r.get(col!(COLUMNS, "hash"))?;
    let Ok(at) = time_from_sql(&at) else {
        return Ok(Err(unreadable("日時")));
    };
    let Some(action) = AuditAction::parse(&action) else {
        return Ok(Err(unreadable("操作")));
    };
    let (Ok(prev_hash), Ok(hash)) = (prev.as_slice().try_into(), hash.as_slice().try_into()) else {
        return Ok(Err(unreadable("ハッシュ")));
    };
    Ok(Ok(AuditRecord {
        seq,
        entry: AuditEntry {
            at,
            actor: r.get(col!(COLUMNS, "actor"))?,
            action,
            target: r.get(col!(COLUMNS, "target"))?,
            detail: r.get(col!(COLUMNS, "detail"))?,
        },
        prev_hash,
        hash,
    }))
}

/// The columns every query of whole rows selects; [`from_row`] reads them by name.
const COLUMNS: &str = "seq, at, actor, action, target, detail, prev_hash, hash";

/// The newest `limit` rows, newest last (skipping rows that cannot be decoded; `verify` names them).
pub fn latest(conn: &Connection, limit: u64) -> Result<Vec<AuditRecord>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM (SELECT {COLUMNS} FROM audit ORDER BY seq DESC LIMIT ?1) ORDER BY seq"
    ))?;
    let rows = stmt.query_map([limit as i64], from_row)?;
    let mut out = Vec::new();
    for row in rows {
        if let Ok(record) = row? {
            out.push(record);
        }
    }
    Ok(out)
}

/// Which rows [`search`] returns; a part left empty does not narrow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// The actor's login ID.
    pub actor: Option<String>,
    /// Kinds of target: a row matches when its target is one of them (`vault`) or starts with
    /// one and a colon (`ledger` matches `ledger:1`).
    pub target_kinds: Vec<&'static str>,
    /// From this moment on (inclusive).
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    /// Before this moment (exclusive).
    pub until: Option<chrono::DateTime<chrono::Utc>>,
}

/// What [`search`] found: the newest rows (oldest first) and how many matched in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditMatches {
    pub rows: Vec<AuditRecord>,
    pub total: u64,
}

/// The newest `limit` rows that `filter` lets through, oldest first, and the number of all
/// that match (skipping rows that cannot be decoded; `verify` names them).
pub fn search(
    conn: &Connection,
    filter: &AuditFilter,
    limit: u64,
) -> Result<AuditMatches, StoreError> {
    let mut clauses = vec![
        "(?1 IS NULL OR actor = ?1)".to_owned(),
        "(?2 IS NULL OR at >= ?2)".to_owned(),
        "(?3 IS NULL OR at < ?3)".to_owned(),
    ];
    if !filter.target_kinds.is_empty() {
        // The kinds are the program's own constants, never typed text: checked, then inlined.
        let kinds: Vec<String> = filter
            .target_kinds
            .iter()
            .filter(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .map(|k| {
                format!(
                    "target = '{k}' OR substr(target, 1, {}) = '{k}:'",
                    k.len() + 1
                )
            })
            .collect();
        clauses.push(format!("({})", kinds.join(" OR ")));
    }
    let condition = clauses.join(" AND ");
    let since = filter.since.map(time_to_sql);
    let until = filter.until.map(time_to_sql);
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM audit WHERE {condition}"),
        params![filter.actor, since, until],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM (SELECT {COLUMNS} FROM audit WHERE {condition} \
         ORDER BY seq DESC LIMIT ?4) ORDER BY seq"
    ))?;
    let rows = stmt.query_map(params![filter.actor, since, until, limit as i64], from_row)?;
    let mut out = Vec::new();
    for row in rows {
        if let Ok(record) = row? {
            out.push(record);
        }
    }
    Ok(AuditMatches {
        rows: out,
        total: total as u64,
    })
}

pub fn count(conn: &Connection) -> Result<u64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM audit", [], |r| r.get::<_, i64>(0))? as u64)
}

/// The outcome of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub rows: u64,
    pub head: [u8; 32],
    pub first_break: Option<ChainBreak>,
}

/// Recomputes every row's hash in order and names the first broken row.
pub fn verify(conn: &Connection) -> Result<ChainReport, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM audit ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    let mut verifier = ChainVerifier::default();
    let mut first_break = None;
    while let Some(row) = rows.next()? {
        let checked = from_row(row)?.and_then(|record| verifier.push(&record));
        if let Err(b) = checked {
            first_break = Some(b);
            break;
        }
    }
    Ok(ChainReport {
        rows: verifier.rows(),
        head: verifier.head(),
        first_break,
    })
}

/// The rows of `action` at or after `since`, oldest first (skipping rows that cannot be
/// decoded; `verify` names them).
pub fn of_action_since(
    conn: &Connection,
    action: AuditAction,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<AuditRecord>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM audit WHERE action = ?1 AND at >= ?2 ORDER BY seq"
    ))?;
    let rows = stmt.query_map(params![action.as_str(), time_to_sql(since)], from_row)?;
    let mut out = Vec::new();
    for row in rows {
        if let Ok(record) = row? {
            out.push(record);
        }
    }
    Ok(out)
}

/// The newest row of `action`, if any.
pub fn last_of_action(
    conn: &Connection,
    action: AuditAction,
) -> Result<Option<AuditRecord>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM audit WHERE action = ?1 ORDER BY seq DESC LIMIT 1"
    ))?;
    let mut rows = stmt.query_map([action.as_str()], from_row)?;
    Ok(rows.next().transpose()?.and_then(Result::ok))
}
