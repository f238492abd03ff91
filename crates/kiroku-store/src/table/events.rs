//! `events` + `event_versions`: the handling log (別紙1). An event keeps its ID for ever; a
//! correction is a new version with its reason, and the old one stays readable.

use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::handling::{EventDetails, EventFacts, EventKind};
use kiroku_core::lifecycle::{HandlingRecord, Name};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, Row};
use std::collections::HashMap;

use super::{
    col, date_from_sql, decoded, insert_row, json_from_sql, json_to_sql, position, text_conversion,
    time_from_sql, time_to_sql, Versioned,
};
use crate::StoreError;

/// What an event is about: the affair, the person (and dependent), the 台帳 file, the clerk.
/// An event the clerk records names an affair and a person; one about a document as a whole
/// (a batch 一式 disposed of together) may name neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventLinks {
    pub affair_id: Option<i64>,
    pub person_id: Option<i64>,
    pub dependent_id: Option<i64>,
    pub ledger_no: Option<i64>,
    /// 担当 (login ID)
    pub clerk: String,
    /// The 帳票 it handled, when it handled one (a disposal of a document).
    pub document_id: Option<i64>,
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
    /// 誤登録として取り消し: the record was entered by mistake (its reason says why).
    pub withdrawn: bool,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

/// The columns every query of whole versions selects ([`from_row`] reads them by name) and a
/// new version writes.
const COLUMNS: &str = "event_id, version, kind, happened_on, affair_id, person_id, dependent_id, \
    ledger_no, clerk, details, content, note, reason, entered_at, entered_by, document_id, withdrawn";

/// Where a query selects an event's facts (found by name at compile time).
#[derive(Clone, Copy)]
struct FactColumns {
    happened_on: usize,
    details: usize,
    content: usize,
    note: usize,
}

impl FactColumns {
    /// The facts' columns in the SELECT list `columns`.
    const fn of(columns: &str) -> Self {
        Self {
            happened_on: position(columns, "happened_on"),
            details: position(columns, "details"),
            content: position(columns, "content"),
            note: position(columns, "note"),
        }
    }

    /// What happened, as the row holds it.
    fn read(self, r: &Row<'_>) -> rusqlite::Result<EventFacts> {
        Ok(EventFacts {
            happened_on: decoded(r, self.happened_on, date_from_sql)?,
            details: decoded(r, self.details, json_from_sql::<EventDetails>)?,
            content: r.get(self.content)?,
            note: r.get(self.note)?,
        })
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<EventVersionRow> {
    Ok(EventVersionRow {
        event_id: r.get(col!(COLUMNS, "event_id"))?,
        version: r.get(col!(COLUMNS, "version"))?,
        links: EventLinks {
            affair_id: r.get(col!(COLUMNS, "affair_id"))?,
            person_id: r.get(col!(COLUMNS, "person_id"))?,
            dependent_id: r.get(col!(COLUMNS, "dependent_id"))?,
            ledger_no: r.get(col!(COLUMNS, "ledger_no"))?,
            clerk: r.get(col!(COLUMNS, "clerk"))?,
            document_id: r.get(col!(COLUMNS, "document_id"))?,
        },
        facts: const { FactColumns::of(COLUMNS) }.read(r)?,
        reason: r.get(col!(COLUMNS, "reason"))?,
        withdrawn: r.get(col!(COLUMNS, "withdrawn"))?,
        entered_at: decoded(r, col!(COLUMNS, "entered_at"), time_from_sql)?,
        entered_by: r.get(col!(COLUMNS, "entered_by"))?,
    })
}

/// One version as it is written: the row [`from_row`] reads back.
struct NewVersion<'a> {
    event_id: i64,
    version: u32,
    links: &'a EventLinks,
    facts: &'a EventFacts,
    /// Why it replaces the previous version (`None` for version 1).
    reason: Option<&'a str>,
    withdrawn: bool,
    at: DateTime<Utc>,
    by: &'a str,
}

fn insert_version(conn: &Connection, v: &NewVersion<'_>) -> Result<(), StoreError> {
    insert_row(
        conn,
        "event_versions",
        COLUMNS,
        &[
            (col!(COLUMNS, "event_id"), &v.event_id),
            (col!(COLUMNS, "version"), &v.version),
            (col!(COLUMNS, "kind"), &v.facts.details.kind().as_str()),
            (
                col!(COLUMNS, "happened_on"),
                &v.facts.happened_on.to_string(),
            ),
            (col!(COLUMNS, "affair_id"), &v.links.affair_id),
            (col!(COLUMNS, "person_id"), &v.links.person_id),
            (col!(COLUMNS, "dependent_id"), &v.links.dependent_id),
            (col!(COLUMNS, "ledger_no"), &v.links.ledger_no),
            (col!(COLUMNS, "clerk"), &v.links.clerk),
            (col!(COLUMNS, "details"), &json_to_sql(&v.facts.details)?),
            (col!(COLUMNS, "content"), &v.facts.content),
            (col!(COLUMNS, "note"), &v.facts.note),
            (col!(COLUMNS, "reason"), &v.reason),
            (col!(COLUMNS, "entered_at"), &time_to_sql(v.at)),
            (col!(COLUMNS, "entered_by"), &v.by),
            (col!(COLUMNS, "document_id"), &v.links.document_id),
            (col!(COLUMNS, "withdrawn"), &v.withdrawn),
        ],
    )
}

/// Records a new event (version 1) and returns its ID.
pub fn insert(
    conn: &Connection,
    links: &EventLinks,
    facts: &EventFacts,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    insert_from(conn, links, facts, None, at, by)
}

/// Records a new event brought in by import batch `batch` (`None`: entered by hand).
pub fn insert_from(
    conn: &Connection,
    links: &EventLinks,
    facts: &EventFacts,
    batch: Option<i64>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO events (entered_at, entered_by, import_batch) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![time_to_sql(at), by, batch])?;
    let id = conn.last_insert_rowid();
    insert_version(
        conn,
        &NewVersion {
            event_id: id,
            version: 1,
            links,
            facts,
            reason: None,
            withdrawn: false,
            at,
            by,
        },
    )?;
    Ok(id)
}

/// The events import batch `batch` brought in, by ID.
pub fn of_batch(conn: &Connection, batch: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare("SELECT id FROM events WHERE import_batch = ?1 ORDER BY id")?;
    let rows = stmt.query_map([batch], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A correction of an event: its next version, what the event says now, and why.
#[derive(Debug, Clone, Copy)]
pub struct Amendment<'a> {
    pub event_id: i64,
    /// The new version's number (the current version's plus one).
    pub version: u32,
    pub links: &'a EventLinks,
    pub facts: &'a EventFacts,
    /// Why the new version replaces the current one.
    pub reason: &'a str,
    /// The new version withdraws the record (誤登録として取り消す).
    pub withdrawn: bool,
}

/// Adds version `a.version` of event `a.event_id`, with the reason for the correction.
pub fn amend(
    conn: &Connection,
    a: &Amendment<'_>,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    insert_version(
        conn,
        &NewVersion {
            event_id: a.event_id,
            version: a.version,
            links: a.links,
            facts: a.facts,
            reason: Some(a.reason),
            withdrawn: a.withdrawn,
            at,
            by,
        },
    )
}

/// `v` is the current version of its event: no later version exists.
const CURRENT: &str = "NOT EXISTS (SELECT 1 FROM event_versions w \
    WHERE w.event_id = v.event_id AND w.version > v.version)";

const VERSIONS: Versioned = Versioned {
    table: "event_versions",
    key: "event_id",
    columns: COLUMNS,
};

/// The current version of event `id`.
pub fn current(conn: &Connection, id: i64) -> Result<Option<EventVersionRow>, StoreError> {
    VERSIONS.current(conn, id, from_row)
}

/// Every version of event `id`, oldest first.
pub fn history(conn: &Connection, id: i64) -> Result<Vec<EventVersionRow>, StoreError> {
    VERSIONS.history(conn, id, from_row)
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
    /// Also records withdrawn as entered by mistake (the lists and printed forms show them
    /// struck through; counts leave them out).
    pub with_withdrawn: bool,
}

impl EventFilter {
    fn where_clause(&self) -> (String, Vec<Value>) {
        let mut clauses = vec![CURRENT.to_owned()];
        if !self.with_withdrawn {
            clauses.push("v.withdrawn = 0".to_owned());
        }
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

/// The names a view prints, read once per query: resolving them in memory is several times
/// faster than joining four tables for every one of 100,000 events.
struct Names {
    affairs: HashMap<i64, Name>,
    /// 氏名 and 所属 (or 委託事業主名)
    persons: HashMap<i64, (Name, Option<Name>)>,
    dependents: HashMap<i64, Name>,
    users: HashMap<String, Name>,
}

impl Names {
    fn load(conn: &Connection) -> Result<Self, StoreError> {
        fn map<K: std::hash::Hash + Eq, V>(
            conn: &Connection,
            sql: &str,
            row: impl Fn(&Row<'_>) -> rusqlite::Result<(K, V)>,
        ) -> Result<HashMap<K, V>, StoreError> {
            let mut stmt = conn.prepare_cached(sql)?;
            let rows = stmt.query_map([], row)?;
            Ok(rows.collect::<Result<_, _>>()?)
        }
        const ID_NAME: &str = "id, name";
        /// 氏名 and 所属 (or 委託事業主名)
        const PERSON: &str = "id, name, COALESCE(dept, employer) AS unit";
        const USER: &str = "login_id, name";
        Ok(Self {
            affairs: map(conn, &format!("SELECT {ID_NAME} FROM affairs"), |r| {
                Ok((r.get(col!(ID_NAME, "id"))?, name(r, col!(ID_NAME, "name"))?))
            })?,
            persons: map(conn, &format!("SELECT {PERSON} FROM persons"), |r| {
                let unit: Option<String> = r.get(col!(PERSON, "unit"))?;
                Ok((
                    r.get(col!(PERSON, "id"))?,
                    (name(r, col!(PERSON, "name"))?, unit.map(Into::into)),
                ))
            })?,
            dependents: map(conn, &format!("SELECT {ID_NAME} FROM dependents"), |r| {
                Ok((r.get(col!(ID_NAME, "id"))?, name(r, col!(ID_NAME, "name"))?))
            })?,
            users: map(conn, &format!("SELECT {USER} FROM users"), |r| {
                Ok((r.get(col!(USER, "login_id"))?, name(r, col!(USER, "name"))?))
            })?,
        })
    }
}

fn name(r: &Row<'_>, column: usize) -> rusqlite::Result<Name> {
    Ok(r.get::<_, String>(column)?.into())
}

/// A reference the schema guarantees (foreign key) but the row does not hold.
fn missing(column: usize, what: &str) -> rusqlite::Error {
    text_conversion(column, std::io::Error::other(format!("{what} not found")))
}

/// How many current events the filter selects.
pub fn count(conn: &Connection, filter: &EventFilter) -> Result<u64, StoreError> {
    let (clause, values) = filter.where_clause();
    let n: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM event_versions v WHERE {clause}"),
        params_from_iter(values),
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The current version of every event the filter selects, with the names the views print,
/// in date order (then as entered).
pub fn handling_records(
    conn: &Connection,
    filter: &EventFilter,
) -> Result<Vec<HandlingRecord>, StoreError> {
    let names = Names::load(conn)?;
    let (clause, values) = filter.where_clause();
    /// What a view shows of a version.
    const RECORD: &str = "v.event_id, v.version, v.happened_on, v.details, v.content, v.note, \
        v.affair_id, v.person_id, v.dependent_id, v.ledger_no, v.clerk, v.document_id, \
        CASE WHEN v.withdrawn = 1 THEN v.reason END AS withdrawn";
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RECORD}
         FROM event_versions v
         WHERE {clause}
         ORDER BY v.happened_on, v.event_id"
    ))?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        let affair_id: Option<i64> = r.get(col!(RECORD, "affair_id"))?;
        let person_id: Option<i64> = r.get(col!(RECORD, "person_id"))?;
        let dependent_id: Option<i64> = r.get(col!(RECORD, "dependent_id"))?;
        let clerk_id: String = r.get(col!(RECORD, "clerk"))?;
        let (person, unit) = match person_id {
            Some(p) => {
                let (name, unit) = names
                    .persons
                    .get(&p)
                    .cloned()
                    .ok_or_else(|| missing(col!(RECORD, "person_id"), "person"))?;
                (Some(name), unit)
            }
            None => (None, None),
        };
        Ok(HandlingRecord {
            event_id: r.get(col!(RECORD, "event_id"))?,
            version: r.get(col!(RECORD, "version"))?,
            facts: const { FactColumns::of(RECORD) }.read(r)?,
            affair: affair_id
                .map(|a| {
                    names
                        .affairs
                        .get(&a)
                        .cloned()
                        .ok_or_else(|| missing(col!(RECORD, "affair_id"), "affair"))
                })
                .transpose()?,
            affair_id,
            person,
            unit,
            person_id,
            dependent: dependent_id
                .map(|d| {
                    names
                        .dependents
                        .get(&d)
                        .cloned()
                        .ok_or_else(|| missing(col!(RECORD, "dependent_id"), "dependent"))
                })
                .transpose()?,
            dependent_id,
            file_no: r.get(col!(RECORD, "ledger_no"))?,
            document_id: r.get(col!(RECORD, "document_id"))?,
            withdrawn: r.get(col!(RECORD, "withdrawn"))?,
            clerk: names
                .users
                .get(&clerk_id)
                .cloned()
                .ok_or_else(|| missing(col!(RECORD, "clerk"), "user"))?,
            clerk_id,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The day of every current event of `kind` that names a contractor, with that contractor's
/// name as typed (`dispose` by a contractor, `certificate` received from one).
pub fn days_by_contractor(
    conn: &Connection,
    kind: EventKind,
) -> Result<Vec<(String, NaiveDate)>, StoreError> {
    const DAYS: &str = "json_extract(v.details, '$.contractor') AS contractor, v.happened_on";
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DAYS} FROM event_versions v
         WHERE v.kind = ?1 AND json_extract(v.details, '$.contractor') IS NOT NULL AND {CURRENT}
           AND v.withdrawn = 0"
    ))?;
    let rows = stmt.query_map([kind.as_str()], |r| {
        Ok((
            r.get(col!(DAYS, "contractor"))?,
            decoded(r, col!(DAYS, "happened_on"), date_from_sql)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The persons of the newest entry `by` made of handling events (one event or a batch: the
/// events entered together, at one moment), each once, in entry order. Events about a
/// document as a whole (a disposal 一式) are not entries of persons, and records withdrawn as
/// entered by mistake are no entry: both are passed over.
pub fn persons_of_last_entry(conn: &Connection, by: &str) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH last AS (
             SELECT e.entered_at FROM events e
             JOIN event_versions v ON v.event_id = e.id
             WHERE e.entered_by = ?1 AND v.affair_id IS NOT NULL AND v.person_id IS NOT NULL
               AND v.withdrawn = 0 AND {CURRENT}
             ORDER BY e.id DESC LIMIT 1
         )
         SELECT v.person_id FROM events e
         JOIN event_versions v ON v.event_id = e.id
         WHERE e.entered_by = ?1 AND e.entered_at = (SELECT entered_at FROM last)
           AND v.person_id IS NOT NULL AND v.withdrawn = 0 AND {CURRENT}
         GROUP BY v.person_id
         ORDER BY MIN(e.id)"
    ))?;
    let rows = stmt.query_map([by], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
