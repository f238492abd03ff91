//! `retention_rules` + `retention_rule_versions`: the 保存期間 rules, versioned; the current
//! version of a rule is the one with no later version.

use chrono::{DateTime, Utc};
use kiroku_core::period::StartKind;
use kiroku_core::retention::RetentionRule;
use rusqlite::{params, Connection, Row};

use super::{
    col, decoded, insert_row, json_from_sql, json_to_sql, time_from_sql, time_to_sql, Versioned,
};
use crate::StoreError;

/// One version of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleVersionRow {
    pub id: i64,
    pub version: u32,
    pub rule: RetentionRule,
    pub reason: Option<String>,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

/// The columns every query of `retention_rule_versions` selects ([`from_row`] reads them by
/// name) and a new version writes.
const COLUMNS: &str = "rule_id, version, name, start_kind, years, basis, statutory, disposal, \
    base_hint, reason, entered_at, entered_by";

const VERSIONS: Versioned = Versioned {
    table: "retention_rule_versions",
    key: "rule_id",
    columns: COLUMNS,
};

fn from_row(r: &Row<'_>) -> rusqlite::Result<RuleVersionRow> {
    Ok(RuleVersionRow {
        id: r.get(col!(COLUMNS, "rule_id"))?,
        version: r.get(col!(COLUMNS, "version"))?,
        rule: RetentionRule {
            name: r.get(col!(COLUMNS, "name"))?,
            start: decoded(r, col!(COLUMNS, "start_kind"), str::parse::<StartKind>)?,
            years: r.get(col!(COLUMNS, "years"))?,
            basis: r.get(col!(COLUMNS, "basis"))?,
            statutory: r.get::<_, i64>(col!(COLUMNS, "statutory"))? != 0,
            disposal: decoded(r, col!(COLUMNS, "disposal"), json_from_sql)?,
            base_hint: r.get(col!(COLUMNS, "base_hint"))?,
        },
        reason: r.get(col!(COLUMNS, "reason"))?,
        entered_at: decoded(r, col!(COLUMNS, "entered_at"), time_from_sql)?,
        entered_by: r.get(col!(COLUMNS, "entered_by"))?,
    })
}

fn insert_version(
    conn: &Connection,
    id: i64,
    version: u32,
    rule: &RetentionRule,
    reason: Option<&str>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    insert_row(
        conn,
        "retention_rule_versions",
        COLUMNS,
        &[
            (col!(COLUMNS, "rule_id"), &id),
            (col!(COLUMNS, "version"), &version),
            (col!(COLUMNS, "name"), &rule.name),
            (col!(COLUMNS, "start_kind"), &rule.start.as_str()),
            (col!(COLUMNS, "years"), &rule.years),
            (col!(COLUMNS, "basis"), &rule.basis),
            (col!(COLUMNS, "statutory"), &i64::from(rule.statutory)),
            (col!(COLUMNS, "disposal"), &json_to_sql(&rule.disposal)?),
            (col!(COLUMNS, "base_hint"), &rule.base_hint),
            (col!(COLUMNS, "reason"), &reason),
            (col!(COLUMNS, "entered_at"), &time_to_sql(at)),
            (col!(COLUMNS, "entered_by"), &by),
        ],
    )
}

/// Adds a rule (version 1) and returns its ID.
pub fn insert(
    conn: &Connection,
    rule: &RetentionRule,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO retention_rules (created_at, created_by) VALUES (?1, ?2)",
        params![time_to_sql(at), by],
    )?;
    let id = conn.last_insert_rowid();
    insert_version(conn, id, 1, rule, None, at, by)?;
    Ok(id)
}

/// Adds version `version` of rule `id`, with the reason for the change.
pub fn amend(
    conn: &Connection,
    id: i64,
    version: u32,
    rule: &RetentionRule,
    reason: &str,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    insert_version(conn, id, version, rule, Some(reason), at, by)
}

pub fn current(conn: &Connection, id: i64) -> Result<Option<RuleVersionRow>, StoreError> {
    VERSIONS.current(conn, id, from_row)
}

/// Every rule's current version, by ID.
pub fn list(conn: &Connection) -> Result<Vec<RuleVersionRow>, StoreError> {
    VERSIONS.list(conn, from_row)
}

/// Every version of rule `id`, oldest first.
pub fn history(conn: &Connection, id: i64) -> Result<Vec<RuleVersionRow>, StoreError> {
    VERSIONS.history(conn, id, from_row)
}

/// How many rules the office itself added or changed: entered by someone other than
/// `built_in_by` (who enters the built-in catalog), or amended since.
pub fn count_office_changes(conn: &Connection, built_in_by: &str) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM retention_rules r WHERE r.created_by <> ?1 \
         OR EXISTS (SELECT 1 FROM retention_rule_versions v WHERE v.rule_id = r.id AND v.version > 1)",
        [built_in_by],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or_default())
}
