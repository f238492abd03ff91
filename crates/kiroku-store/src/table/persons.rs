//! `persons`: the data subjects (本人). No 個人番号 column, by design.

use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::person::{PersonDetails, PersonKind};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{col, decoded, decoded_opt, time_from_sql, time_to_sql};
use crate::StoreError;

/// A person as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub id: i64,
    pub details: PersonDetails,
    /// 退職日等: the person left; they stay in the log.
    pub left_on: Option<NaiveDate>,
    /// The import that brought the person in (`None`: entered by hand).
    pub import_batch: Option<i64>,
    /// That import was withdrawn as a whole (取り込みの取消し): the person is kept, readable
    /// from the records that name them, but out of every list, picker and count.
    pub withdrawn: bool,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

/// The columns every query of `persons` selects; [`from_row`] reads them by name.
const COLUMNS: &str = "id, kind, name, dept, employer, kana, staff_no, born_on, left_on, import_batch, \
    EXISTS (SELECT 1 FROM import_batches b WHERE b.id = persons.import_batch AND b.withdrawn_at IS NOT NULL) AS withdrawn, \
    created_at, created_by";

/// A person who was not brought in by a withdrawn import (for a query of `persons`).
const LIVE: &str = "(import_batch IS NULL OR import_batch NOT IN \
    (SELECT id FROM import_batches WHERE withdrawn_at IS NOT NULL))";

fn from_row(r: &Row<'_>) -> rusqlite::Result<PersonRow> {
    Ok(PersonRow {
        id: r.get(col!(COLUMNS, "id"))?,
        details: PersonDetails {
            kind: decoded(r, col!(COLUMNS, "kind"), str::parse::<PersonKind>)?,
            name: r.get(col!(COLUMNS, "name"))?,
            dept: r.get(col!(COLUMNS, "dept"))?,
            employer: r.get(col!(COLUMNS, "employer"))?,
            kana: r.get(col!(COLUMNS, "kana"))?,
            staff_no: r.get(col!(COLUMNS, "staff_no"))?,
            born_on: decoded_opt(r, col!(COLUMNS, "born_on"), str::parse::<NaiveDate>)?,
        },
        left_on: decoded_opt(r, col!(COLUMNS, "left_on"), str::parse::<NaiveDate>)?,
        import_batch: r.get(col!(COLUMNS, "import_batch"))?,
        withdrawn: r.get(col!(COLUMNS, "withdrawn"))?,
        created_at: decoded(r, col!(COLUMNS, "created_at"), time_from_sql)?,
        created_by: r.get(col!(COLUMNS, "created_by"))?,
    })
}

/// Inserts a person (and their version 1) and returns the ID.
pub fn insert(
    conn: &Connection,
    p: &PersonDetails,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    insert_from(conn, p, None, at, by)
}

/// Inserts a person brought in by import batch `batch` (`None`: entered by hand).
pub fn insert_from(
    conn: &Connection,
    p: &PersonDetails,
    batch: Option<i64>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO persons (kind, name, dept, employer, kana, staff_no, born_on, import_batch,
                              created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            p.kind.as_str(),
            p.name,
            p.dept,
            p.employer,
            p.kana,
            p.staff_no,
            p.born_on.map(|d| d.to_string()),
            batch,
            time_to_sql(at),
            by
        ],
    )?;
    let id = conn.last_insert_rowid();
    insert_version(conn, id, 1, p, None, batch, at, by)?;
    Ok(id)
}

/// A correction of a person's details (氏名の訂正 and the like): the new details become the
/// current ones and are appended as the next version with the reason; the old stay readable.
/// Returns the new version number.
pub fn correct(
    conn: &Connection,
    id: i64,
    p: &PersonDetails,
    reason: &str,
    at: DateTime<Utc>,
    by: &str,
) -> Result<u32, StoreError> {
    correct_from(conn, id, p, reason, None, at, by)
}

/// A correction written by import batch `batch` (an import's 「更新」 of a matching row).
pub fn correct_from(
    conn: &Connection,
    id: i64,
    p: &PersonDetails,
    reason: &str,
    batch: Option<i64>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<u32, StoreError> {
    let last: u32 = conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM person_versions WHERE person_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let version = last + 1;
    insert_version(conn, id, version, p, Some(reason), batch, at, by)?;
    conn.execute(
        "UPDATE persons SET kind = ?2, name = ?3, dept = ?4, employer = ?5, kana = ?6,
                            staff_no = ?7, born_on = ?8
         WHERE id = ?1",
        params![
            id,
            p.kind.as_str(),
            p.name,
            p.dept,
            p.employer,
            p.kana,
            p.staff_no,
            p.born_on.map(|d| d.to_string())
        ],
    )?;
    Ok(version)
}

#[allow(clippy::too_many_arguments)]
fn insert_version(
    conn: &Connection,
    id: i64,
    version: u32,
    p: &PersonDetails,
    reason: Option<&str>,
    batch: Option<i64>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO person_versions (person_id, version, kind, name, kana, dept, employer,
                                      staff_no, born_on, reason, import_batch, entered_at,
                                      entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            id,
            version,
            p.kind.as_str(),
            p.name,
            p.kana,
            p.dept,
            p.employer,
            p.staff_no,
            p.born_on.map(|d| d.to_string()),
            reason,
            batch,
            time_to_sql(at),
            by
        ],
    )?;
    Ok(())
}

/// One version of a person's details as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonVersionRow {
    pub version: u32,
    pub details: PersonDetails,
    /// Why this version replaced the previous one (`None` for version 1).
    pub reason: Option<String>,
    /// The import that wrote this version (`None`: entered by hand).
    pub import_batch: Option<i64>,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

/// Every version of person `id`, oldest first.
pub fn history(conn: &Connection, id: i64) -> Result<Vec<PersonVersionRow>, StoreError> {
    const VERSION: &str =
        "version, kind, name, kana, dept, employer, staff_no, born_on, reason, import_batch, entered_at, entered_by";
    let mut stmt = conn.prepare(&format!(
        "SELECT {VERSION} FROM person_versions WHERE person_id = ?1 ORDER BY version"
    ))?;
    let rows = stmt.query_map([id], |r| {
        Ok(PersonVersionRow {
            version: r.get(col!(VERSION, "version"))?,
            details: PersonDetails {
                kind: decoded(r, col!(VERSION, "kind"), str::parse::<PersonKind>)?,
                name: r.get(col!(VERSION, "name"))?,
                dept: r.get(col!(VERSION, "dept"))?,
                employer: r.get(col!(VERSION, "employer"))?,
                kana: r.get(col!(VERSION, "kana"))?,
                staff_no: r.get(col!(VERSION, "staff_no"))?,
                born_on: decoded_opt(r, col!(VERSION, "born_on"), str::parse::<NaiveDate>)?,
            },
            reason: r.get(col!(VERSION, "reason"))?,
            import_batch: r.get(col!(VERSION, "import_batch"))?,
            entered_at: decoded(r, col!(VERSION, "entered_at"), time_from_sql)?,
            entered_by: r.get(col!(VERSION, "entered_by"))?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<PersonRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM persons WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Every person, by ID (the order they were registered), but those of a withdrawn import.
pub fn list(conn: &Connection) -> Result<Vec<PersonRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM persons WHERE {LIVE} ORDER BY id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records the day the person left (退職日等).
pub fn set_left_on(conn: &Connection, id: i64, on: NaiveDate) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE persons SET left_on = ?2 WHERE id = ?1",
        params![id, on.to_string()],
    )?;
    Ok(())
}

/// How many persons are registered (the home's 「はじめに」 checklist).
pub fn count(conn: &Connection) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row(
        &format!("SELECT count(*) FROM persons WHERE {LIVE}"),
        [],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or_default())
}

/// The persons import batch `batch` brought in.
pub fn of_batch(conn: &Connection, batch: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare("SELECT id FROM persons WHERE import_batch = ?1 ORDER BY id")?;
    let rows = stmt.query_map([batch], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The persons registered before import batch `batch` whose details it updated.
pub fn updated_by_batch(conn: &Connection, batch: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT v.person_id FROM person_versions v JOIN persons p ON p.id = v.person_id
         WHERE v.import_batch = ?1 AND p.import_batch IS NOT ?1 ORDER BY v.person_id",
    )?;
    let rows = stmt.query_map([batch], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
