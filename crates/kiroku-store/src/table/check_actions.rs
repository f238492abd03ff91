//! `check_actions`: 改善措置 — a finding to act on (内容, 担当, 期限), with its 完了日 from
//! `check_action_completions` once done.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Row};

use super::{col, date_from_sql, decoded, decoded_opt, time_from_sql, time_to_sql};
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    pub id: i64,
    pub check_id: i64,
    /// 内容
    pub what: String,
    /// 担当
    pub owner: String,
    /// 期限
    pub due_on: NaiveDate,
    /// 完了日
    pub done_on: Option<NaiveDate>,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

const COLUMNS: &str = "id, check_id, what, owner, due_on, \
    (SELECT done_on FROM check_action_completions c WHERE c.action_id = check_actions.id) AS done_on, \
    entered_at, entered_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ActionRow> {
    Ok(ActionRow {
        id: r.get(col!(COLUMNS, "id"))?,
        check_id: r.get(col!(COLUMNS, "check_id"))?,
        what: r.get(col!(COLUMNS, "what"))?,
        owner: r.get(col!(COLUMNS, "owner"))?,
        due_on: decoded(r, col!(COLUMNS, "due_on"), date_from_sql)?,
        done_on: decoded_opt(r, col!(COLUMNS, "done_on"), date_from_sql)?,
        entered_at: decoded(r, col!(COLUMNS, "entered_at"), time_from_sql)?,
        entered_by: r.get(col!(COLUMNS, "entered_by"))?,
    })
}

pub fn insert(
    conn: &Connection,
    check_id: i64,
    what: &str,
    owner: &str,
    due_on: NaiveDate,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO check_actions (check_id, what, owner, due_on, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            check_id,
            what,
            owner,
            due_on.to_string(),
            time_to_sql(at),
            by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Records action `id` done on `done_on` (once: a second completion is refused by the key).
pub fn complete(
    conn: &Connection,
    id: i64,
    done_on: NaiveDate,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO check_action_completions (action_id, done_on, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4)",
        params![id, done_on.to_string(), time_to_sql(at), by],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<ActionRow>, StoreError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM check_actions WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// The actions of check `check_id`, in the order entered.
pub fn of_check(conn: &Connection, check_id: i64) -> Result<Vec<ActionRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM check_actions WHERE check_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([check_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The actions not done of every check before `check_id` (carried over into it); all open
/// actions when `check_id` is `None`.
pub fn open_before(conn: &Connection, check_id: Option<i64>) -> Result<Vec<ActionRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM check_actions
         WHERE check_id < ?1
           AND NOT EXISTS (SELECT 1 FROM check_action_completions c WHERE c.action_id = check_actions.id)
         ORDER BY due_on, id"
    ))?;
    let rows = stmt.query_map([check_id.unwrap_or(i64::MAX)], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
