//! `documents`, `disposals`, `certificates` + `certificate_documents`: the 帳票 kept under the
//! 台帳, their 廃棄・削除 and the contractors' 廃棄・削除証明書. A document is never changed; its
//! state follows from its disposal and certificate.

use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::choice::{Choice, DisposalMethod};
use kiroku_core::schedule::{Disposer, DocumentState};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use std::collections::HashMap;

use super::{col, date_from_sql, decoded, json_from_sql, json_to_sql, time_to_sql};
use crate::StoreError;

/// A document as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    pub name: String,
    pub ledger_no: i64,
    pub rule_id: i64,
    pub base_date: NaiveDate,
    /// For one person …
    pub person_id: Option<i64>,
    /// … or a batch of this many (一式).
    pub batch_count: Option<u32>,
}

/// How a document was disposed of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disposal {
    /// 削除 (data), else 廃棄 (paper, media).
    pub deleted: bool,
    pub method: Choice<DisposalMethod>,
    pub disposed_on: NaiveDate,
    pub performer: String,
    pub witness: Option<String>,
    pub contractor_id: Option<i64>,
    /// Disposed of before its 廃棄可能日, confirmed by the officer with this reason.
    pub early_reason: Option<String>,
    /// The handling-log event that records it.
    pub event_id: i64,
}

/// A contractor's 廃棄・削除証明書.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub id: i64,
    pub contractor_id: i64,
    pub number: String,
    pub issued_on: NaiveDate,
}

/// A document as stored, with its disposal and certificate if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    pub id: i64,
    pub doc: NewDocument,
    pub disposal: Option<Disposal>,
    pub certificate: Option<Certificate>,
}

impl DocumentRow {
    /// 保存中, 廃棄済, 削除済 or 証明書待ち.
    pub fn state(&self) -> DocumentState {
        state_of(self.disposal.as_ref(), self.certificate.is_some())
    }
}

fn state_of(disposal: Option<&Disposal>, certificate: bool) -> DocumentState {
    match disposal {
        None => DocumentState::Kept,
        Some(d) => DocumentState::after_disposal(
            d.deleted,
            match d.contractor_id {
                Some(_) => Disposer::Contractor {
                    certificate_received: certificate,
                },
                None => Disposer::Office,
            },
        ),
    }
}

/// Disposals and certificates, read once per query and joined in memory: far fewer than the
/// documents, and a scan of 100,000 documents with three joins per row is several times slower.
struct Outcomes {
    disposals: HashMap<i64, Disposal>,
    certificates: HashMap<i64, Certificate>,
}

impl Outcomes {
    fn load(conn: &Connection, only: Option<i64>) -> Result<Self, StoreError> {
        let filter = if only.is_some() {
            " WHERE document_id = ?1"
        } else {
            ""
        };
        let args: Vec<Value> = only.map(Value::Integer).into_iter().collect();
        const DISPOSAL: &str = "document_id, deleted, method, disposed_on, performer, witness, \
            contractor_id, early_reason, event_id";
        let mut stmt = conn.prepare_cached(&format!("SELECT {DISPOSAL} FROM disposals{filter}"))?;
        let disposals = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok((
                    r.get::<_, i64>(col!(DISPOSAL, "document_id"))?,
                    Disposal {
                        deleted: r.get::<_, i64>(col!(DISPOSAL, "deleted"))? != 0,
                        method: decoded(r, col!(DISPOSAL, "method"), json_from_sql)?,
                        disposed_on: decoded(r, col!(DISPOSAL, "disposed_on"), date_from_sql)?,
                        performer: r.get(col!(DISPOSAL, "performer"))?,
                        witness: r.get(col!(DISPOSAL, "witness"))?,
                        contractor_id: r.get(col!(DISPOSAL, "contractor_id"))?,
                        early_reason: r.get(col!(DISPOSAL, "early_reason"))?,
                        event_id: r.get(col!(DISPOSAL, "event_id"))?,
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        const CERTIFICATE: &str = "cd.document_id, c.id, c.contractor_id, c.number, c.issued_on";
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {CERTIFICATE}
             FROM certificate_documents cd JOIN certificates c ON c.id = cd.certificate_id{}",
            if only.is_some() {
                " WHERE cd.document_id = ?1"
            } else {
                ""
            }
        ))?;
        let certificates = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok((
                    r.get::<_, i64>(col!(CERTIFICATE, "document_id"))?,
                    Certificate {
                        id: r.get(col!(CERTIFICATE, "id"))?,
                        contractor_id: r.get(col!(CERTIFICATE, "contractor_id"))?,
                        number: r.get(col!(CERTIFICATE, "number"))?,
                        issued_on: decoded(r, col!(CERTIFICATE, "issued_on"), date_from_sql)?,
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        Ok(Self {
            disposals,
            certificates,
        })
    }
}

/// The columns every query of `documents` selects; [`from_row`] reads them by name. Who
/// entered a document and when is in the audit chain; a view reads only what it shows.
const COLUMNS: &str = "id, name, ledger_no, rule_id, base_date, person_id, batch_count";

fn from_row(r: &Row<'_>, outcomes: &Outcomes) -> rusqlite::Result<DocumentRow> {
    let id: i64 = r.get(col!(COLUMNS, "id"))?;
    Ok(DocumentRow {
        id,
        doc: NewDocument {
            name: r.get(col!(COLUMNS, "name"))?,
            ledger_no: r.get(col!(COLUMNS, "ledger_no"))?,
            rule_id: r.get(col!(COLUMNS, "rule_id"))?,
            base_date: decoded(r, col!(COLUMNS, "base_date"), date_from_sql)?,
            person_id: r.get(col!(COLUMNS, "person_id"))?,
            batch_count: r.get(col!(COLUMNS, "batch_count"))?,
        },
        disposal: outcomes.disposals.get(&id).cloned(),
        certificate: outcomes.certificates.get(&id).cloned(),
    })
}

pub fn insert(
    conn: &Connection,
    d: &NewDocument,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO documents (name, ledger_no, rule_id, base_date, person_id, batch_count,
             created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        d.name,
        d.ledger_no,
        d.rule_id,
        d.base_date.to_string(),
        d.person_id,
        d.batch_count,
        time_to_sql(at),
        by
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<DocumentRow>, StoreError> {
    let outcomes = Outcomes::load(conn, Some(id))?;
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM documents WHERE id = ?1"),
            [id],
            |r| from_row(r, &outcomes),
        )
        .optional()?)
}

/// Which documents a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentFilter {
    pub ledger_no: Option<i64>,
    pub rule_id: Option<i64>,
}

/// Documents by ID.
pub fn list(conn: &Connection, filter: DocumentFilter) -> Result<Vec<DocumentRow>, StoreError> {
    list_where(conn, filter, |_| true)
}

/// What decides whether a document belongs in a view: read before the rest of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentKey {
    pub id: i64,
    pub rule_id: i64,
    pub base_date: NaiveDate,
    pub state: DocumentState,
}

/// The documents `keep` accepts, by ID. Only the key columns of every row are read; the rest
/// only for the rows kept (a schedule over 100,000 documents lists a fraction of them).
pub fn list_where(
    conn: &Connection,
    filter: DocumentFilter,
    mut keep: impl FnMut(&DocumentKey) -> bool,
) -> Result<Vec<DocumentRow>, StoreError> {
    let mut clauses = Vec::new();
    let mut values = Vec::new();
    if let Some(no) = filter.ledger_no {
        values.push(Value::Integer(no));
        clauses.push(format!("ledger_no = ?{}", values.len()));
    }
    if let Some(rule) = filter.rule_id {
        values.push(Value::Integer(rule));
        clauses.push(format!("rule_id = ?{}", values.len()));
    }
    let condition = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    let outcomes = Outcomes::load(conn, None)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM documents{condition} ORDER BY id"
    ))?;
    let mut rows = stmt.query(params_from_iter(values))?;
    let mut kept = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(col!(COLUMNS, "id"))?;
        let key = DocumentKey {
            id,
            rule_id: r.get(col!(COLUMNS, "rule_id"))?,
            base_date: decoded(r, col!(COLUMNS, "base_date"), date_from_sql)?,
            state: state_of(
                outcomes.disposals.get(&id),
                outcomes.certificates.contains_key(&id),
            ),
        };
        if keep(&key) {
            kept.push(from_row(r, &outcomes)?);
        }
    }
    Ok(kept)
}

/// How many documents a rule keeps (disposed of or not).
pub fn count_under_rule(conn: &Connection, rule_id: i64) -> Result<u64, StoreError> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM documents WHERE rule_id = ?1")?
        .query_row([rule_id], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or_default())
}

/// Records a document's disposal.
pub fn dispose(
    conn: &Connection,
    document_id: i64,
    d: &Disposal,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO disposals (document_id, deleted, method, disposed_on, performer, witness,
             contractor_id, early_reason, event_id, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        document_id,
        i64::from(d.deleted),
        json_to_sql(&d.method)?,
        d.disposed_on.to_string(),
        d.performer,
        d.witness,
        d.contractor_id,
        d.early_reason,
        d.event_id,
        time_to_sql(at),
        by
    ])?;
    Ok(())
}

/// Records a certificate covering `documents`; returns its ID.
pub fn add_certificate(
    conn: &Connection,
    contractor_id: i64,
    number: &str,
    issued_on: NaiveDate,
    documents: &[i64],
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO certificates (contractor_id, number, issued_on, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            contractor_id,
            number,
            issued_on.to_string(),
            time_to_sql(at),
            by
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO certificate_documents (document_id, certificate_id) VALUES (?1, ?2)",
    )?;
    for doc in documents {
        stmt.execute(params![doc, id])?;
    }
    Ok(id)
}
