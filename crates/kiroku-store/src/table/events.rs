//! `events` + `event_versions`: the handling log (別紙1). An event keeps its ID for ever; a
//! correction is a new version with its reason, and the old one stays readable.

use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::handling::{EventDetails, EventFacts, EventKind};
use kiroku_core::lifecycle::HandlingRecord;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::{json_from_sql, json_to_sql, text_conversion, time_from_sql, time_to_sql};
use crate::StoreError;

/// What an event is about: the affair, the person (and dependent), the 台帳 file, the clerk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventLinks {
    pub affair_id: i64,
    pub person_id: i64,
    pub dependent_id: Option<i64>,
    pub ledger_no: Option<i64>,
    /// 担当 (login ID)
    pub clerk: String,
}

/// One version of an event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventVersionRow {
    pub event_id: i64,
    pub version: u32,
    pub links: EventLinks,
    pub facts: EventFacts,
    /// Why this version replaced the previous one (`None` for version 1).
    pub reason: Option<String>,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

const COLUMNS: &str = "event_id, version, kind, happened_on, affair_id, person_id, dependent_id, \
    ledger_no, clerk, details, content, note, reason, entered_at, entered_by";

fn date_from_sql(column: usize, text: &str) -> rusqlite::Result<NaiveDate> {
    text.parse::<NaiveDate>()
        .map_err(|e| text_conversion(column, e))
}

fn facts_from_row(r: &Row<'_>, date: usize, details: usize) -> rusqlite::Result<EventFacts> {
    let happened_on: String = r.get(date)?;
    let json: String = r.get(details)?;
    Ok(EventFacts {
        happened_on: date_from_sql(date, &happened_on)?,
        details: json_from_sql::<EventDetails>(details, &json)?,
        content: r.get(details + 1)?,
        note: r.get(details + 2)?,
    })
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<EventVersionRow> {
    let entered_at: String = r.get(13)?;
    Ok(EventVersionRow {
        event_id: r.get(0)?,
        version: r.get(1)?,
        links: EventLinks {
            affair_id: r.get(4)?,
            person_id: r.get(5)?,
            dependent_id: r.get(6)?,
            ledger_no: r.get(7)?,
            clerk: r.get(8)?,
        },
        facts: facts_from_row(r, 3, 9)?,
        reason: r.get(12)?,
        entered_at: time_from_sql(&entered_at)?,
        entered_by: r.get(14)?,
    })
}

#[allow(clippy::too_many_arguments)]
fn insert_version(
    conn: &Connection,
    event_id: i64,
    version: u32,
    links: &EventLinks,
    facts: &EventFacts,
    reason: Option<&str>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO event_versions ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
    ))?;
    stmt.execute(params![
        event_id,
        version,
        facts.details.kind().as_str(),
        facts.happened_on.to_string(),
        links.affair_id,
        links.person_id,
        links.dependent_id,
        links.ledger_no,
        links.clerk,
        json_to_sql(&facts.details)?,
        facts.content,
        facts.note,
        reason,
        time_to_sql(at),
        by
    ])?;
    Ok(())
}

/// Records a new event (version 1) and returns its ID.
pub fn insert(
    conn: &Connection,
    links: &EventLinks,
    facts: &EventFacts,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.prepare_cached("INSERT INTO events (entered_at, entered_by) VALUES (?1, ?2)")?
        .execute(params![time_to_sql(at), by])?;
    let id = conn.last_insert_rowid();
    insert_version(conn, id, 1, links, facts, None, at, by)?;
    Ok(id)
}

/// Adds version `version` of event `id`, with the reason for the correction.
#[allow(clippy::too_many_arguments)]
pub fn amend(
    conn: &Connection,
    id: i64,
    version: u32,
    links: &EventLinks,
    facts: &EventFacts,
    reason: &str,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    insert_version(conn, id, version, links, facts, Some(reason), at, by)
}

/// `v` is the current version of its event: no later version exists.
const CURRENT: &str = "NOT EXISTS (SELECT 1 FROM event_versions w \
    WHERE w.event_id = v.event_id AND w.version > v.version)";

/// The current version of event `id`.
pub fn current(conn: &Connection, id: i64) -> Result<Option<EventVersionRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM event_versions v WHERE event_id = ?1 AND {CURRENT}"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Every version of event `id`, oldest first.
pub fn history(conn: &Connection, id: i64) -> Result<Vec<EventVersionRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM event_versions v WHERE event_id = ?1 ORDER BY version"
    ))?;
    let rows = stmt.query_map([id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Which events a view shows (every condition that is set must hold).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// From this day (inclusive).
    pub from: Option<NaiveDate>,
    /// To this day (inclusive).
    pub to: Option<NaiveDate>,
    pub person_id: Option<i64>,
    pub affair_id: Option<i64>,
    pub kind: Option<EventKind>,
    pub ledger_no: Option<i64>,
}

impl EventFilter {
    fn where_clause(&self) -> (String, Vec<Value>) {
        let mut clauses = vec![CURRENT.to_owned()];
        let mut values: Vec<Value> = Vec::new();
        let mut add = |clause: &str, value: Value| {
            values.push(value);
            clauses.push(format!("{clause} ?{}", values.len()));
        };
        if let Some(d) = self.from {
            add("v.happened_on >=", Value::Text(d.to_string()));
        }
        if let Some(d) = self.to {
            add("v.happened_on <=", Value::Text(d.to_string()));
        }
        if let Some(p) = self.person_id {
            add("v.person_id =", Value::Integer(p));
        }
        if let Some(a) = self.affair_id {
            add("v.affair_id =", Value::Integer(a));
        }
        if let Some(k) = self.kind {
            add("v.kind =", Value::Text(k.as_str().to_owned()));
        }
        if let Some(n) = self.ledger_no {
            add("v.ledger_no =", Value::Integer(n));
        }
        (clauses.join(" AND "), values)
    }
}

/// The current version of every event the filter selects, with the names the views print,
/// in date order (then as entered).
pub fn handling_records(
    conn: &Connection,
    filter: &EventFilter,
) -> Result<Vec<HandlingRecord>, StoreError> {
    let (clause, values) = filter.where_clause();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT v.event_id, v.version, v.happened_on, v.details, v.content, v.note,
                v.affair_id, a.name, v.person_id, p.name, COALESCE(p.dept, p.employer),
                v.dependent_id, d.name, v.ledger_no, v.clerk, u.name
         FROM event_versions v
         JOIN affairs a ON a.id = v.affair_id
         JOIN persons p ON p.id = v.person_id
         LEFT JOIN dependents d ON d.id = v.dependent_id
         JOIN users u ON u.login_id = v.clerk
         WHERE {clause}
         ORDER BY v.happened_on, v.event_id"
    ))?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        Ok(HandlingRecord {
            event_id: r.get(0)?,
            version: r.get(1)?,
            facts: facts_from_row(r, 2, 3)?,
            affair_id: r.get(6)?,
            affair: r.get(7)?,
            person_id: r.get(8)?,
            person: r.get(9)?,
            unit: r.get(10)?,
            dependent_id: r.get(11)?,
            dependent: r.get(12)?,
            file_no: r.get(13)?,
            clerk_id: r.get(14)?,
            clerk: r.get(15)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
