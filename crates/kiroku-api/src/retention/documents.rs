//! Documents (保存文書) kept under the 台帳: adding one (or a batch 一式), listing and reading them
//! with the dates their rule gives today. Disposal is in `disposal`, the 年度's schedule in
//! `schedule`.

//! Documents (保存文書) kept under the 台帳, the disposal schedule of a 年度, disposing of
//! documents (one or a batch in one step, into the handling log) and contractors'
//! certificates.

use crate::lookup::{self, Asked};
use crate::settings::date_style;
use crate::{ApiError, Session};
use chrono::NaiveDate;
use kiroku_core::audit::AuditAction;
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::period::RetentionDates;
use kiroku_core::retention::RetentionRule;
use kiroku_core::schedule::DocumentState;
use kiroku_core::wareki::DateStyle;
use kiroku_core::FieldError;
use kiroku_store::table::documents::{self, DocumentFilter, DocumentRow};
use kiroku_store::table::events::EventLinks;
use kiroku_store::table::{audit, ledger, retention_rules};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// What a view of documents needs besides the rows: rules, file names, person and contractor
/// names, read once.
pub(crate) struct Context {
    pub(crate) rules: HashMap<i64, (String, RetentionRule)>,
    pub(crate) files: HashMap<i64, String>,
    persons: HashMap<i64, String>,
    contractors: HashMap<i64, String>,
    fy_labels: std::cell::RefCell<HashMap<i32, String>>,
    /// How the screens write dates (和暦 or 西暦, the vault's setting).
    style: DateStyle,
}

impl Context {
    pub(crate) fn load(conn: &Connection) -> Result<Self, ApiError> {
        Ok(Self {
            rules: retention_rules::list(conn)?
                .into_iter()
                .map(|r| (r.id, (r.rule.name.clone(), r.rule)))
                .collect(),
            files: ledger::list(conn)?
                .into_iter()
                .map(|l| (l.no, l.entry.name))
                .collect(),
            persons: crate::lookup::person_names(conn)?,
            contractors: crate::lookup::contractor_names(conn)?,
            fy_labels: Default::default(),
            style: date_style(conn)?,
        })
    }

    /// 令和N年度, formatted once per year rather than once per document.
    fn fy_label(&self, fy: FiscalYear) -> String {
        let mut labels = self.fy_labels.borrow_mut();
        labels.entry(fy.0).or_insert_with(|| fy.label()).clone()
    }

    pub(crate) fn rule(&self, id: i64) -> Result<&RetentionRule, ApiError> {
        self.rules
            .get(&id)
            .map(|(_, r)| r)
            .ok_or_else(|| ApiError::Integrity(format!("ルール ID {id} が見つかりません。")))
    }

    pub(crate) fn view(&self, d: &DocumentRow) -> Result<DocumentView, ApiError> {
        let dates = self.rule(d.doc.rule_id)?.dates(d.doc.base_date);
        self.view_with(d, &dates)
    }

    /// The view of a document whose dates are already computed.
    pub(crate) fn view_with(
        &self,
        d: &DocumentRow,
        dates: &RetentionDates,
    ) -> Result<DocumentView, ApiError> {
        let rule = self.rule(d.doc.rule_id)?;
        let state = d.state();
        Ok(DocumentView {
            id: d.id,
            name: d.doc.name.clone(),
            file: d.doc.ledger_no,
            file_name: self
                .files
                .get(&d.doc.ledger_no)
                .cloned()
                .unwrap_or_default(),
            rule_id: d.doc.rule_id,
            rule: rule.name.clone(),
            base_date: d.doc.base_date,
            base_date_label: self.style.format(d.doc.base_date),
            person_id: d.doc.person_id,
            person: d.doc.person_id.and_then(|p| self.persons.get(&p).cloned()),
            batch_count: d.doc.batch_count,
            retain_until: dates.retain_until,
            retain_until_label: self.style.format(dates.retain_until),
            disposable_from: dates.disposable_from,
            disposable_from_label: self.style.format(dates.disposable_from),
            dispose_by: dates.dispose_by,
            dispose_by_label: self.style.format(dates.dispose_by),
            batch_fy: dates.batch_fy.0,
            batch_fy_label: self.fy_label(dates.batch_fy),
            batch_day: dates.batch_fy.last_day(),
            state: state.as_str().into(),
            state_label: state.label().into(),
            disposal: d.disposal.as_ref().map(|x| DisposalView {
                deleted: x.deleted,
                method: x.method.display().into(),
                disposed_on: x.disposed_on,
                disposed_on_label: self.style.format(x.disposed_on),
                performer: x.performer.clone(),
                witness: x.witness.clone(),
                contractor: x
                    .contractor_id
                    .and_then(|c| self.contractors.get(&c).cloned()),
                contractor_id: x.contractor_id,
                early_reason: x.early_reason.clone(),
                event_id: x.event_id,
                certificate: d.certificate.as_ref().map(|c| c.number.clone()),
                certificate_date: d.certificate.as_ref().map(|c| c.issued_on),
            }),
        })
    }
}

/// The words the handling log uses for a document: its name, and 一式（N名） for a batch.
pub(crate) fn label_of(d: &DocumentRow) -> String {
    match d.doc.batch_count {
        Some(n) => format!("{} 一式（{n}名）", d.doc.name),
        None => d.doc.name.clone(),
    }
}

/// The handling-log entry of a document handled as a whole (no affair; its person if any).
pub(crate) fn document_links(d: &DocumentRow, clerk: &str) -> EventLinks {
    EventLinks {
        affair_id: None,
        person_id: d.doc.person_id,
        dependent_id: None,
        ledger_no: Some(d.doc.ledger_no),
        clerk: clerk.to_owned(),
        document_id: Some(d.id),
    }
}

/// A document to register, every reference resolved against what `conn` holds now.
fn new_document(conn: &Connection, new: &NewDocument) -> Result<documents::NewDocument, ApiError> {
    let name = kiroku_core::field::required_text("保存文書名", &new.name, 100)?;
    let ledger_no = lookup::file_no(conn, new.file)?;
    let rule = lookup::rule_by_text(conn, &new.rule)?;
    let base_date = rule.rule.read_base("基準日", &new.base_date)?;
    let person_id = new
        .person
        .map(|p| lookup::person(conn, p, Asked::InField).map(|p| p.id))
        .transpose()?;
    if person_id.is_some() && new.batch_count.is_some() {
        return Err(FieldError::new(
            "件数",
            "本人を指定した保存文書には件数（一式）を指定しません。どちらか一方にしてください。",
        )
        .into());
    }
    if new.batch_count == Some(0) {
        return Err(FieldError::new("件数", "件数は1以上で入力してください。").into());
    }
    Ok(documents::NewDocument {
        name,
        ledger_no,
        rule_id: rule.id,
        base_date,
        person_id,
        batch_count: new.batch_count,
    })
}

/// A new document: under 台帳 NO. `file`, kept by `rule` (ID or exact name) from `base_date`
/// (和暦 or 西暦), for one `person` or as a batch of `batch_count`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewDocument {
    pub name: String,
    pub file: i64,
    pub rule: String,
    pub base_date: String,
    pub person: Option<i64>,
    pub batch_count: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DisposalView {
    /// 削除 (data), else 廃棄.
    pub deleted: bool,
    pub method: String,
    pub disposed_on: NaiveDate,
    /// The day as the screens write it (和暦 or 西暦, the vault's setting).
    pub disposed_on_label: String,
    pub performer: String,
    pub witness: Option<String>,
    pub contractor: Option<String>,
    /// The 委託先's ID (a certificate from the window names it by ID: a name may repeat once
    /// a contractor is disabled).
    pub contractor_id: Option<i64>,
    /// Disposed of before its 廃棄可能日 with the officer's reason.
    pub early_reason: Option<String>,
    /// The handling-log event.
    pub event_id: i64,
    pub certificate: Option<String>,
    pub certificate_date: Option<NaiveDate>,
}

/// A document with its computed dates and state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentView {
    pub id: i64,
    pub name: String,
    pub file: i64,
    pub file_name: String,
    pub rule_id: i64,
    pub rule: String,
    pub base_date: NaiveDate,
    /// Each `…_label`: the date as the screens write it (和暦 or 西暦, the vault's setting).
    pub base_date_label: String,
    pub person_id: Option<i64>,
    pub person: Option<String>,
    pub batch_count: Option<u32>,
    /// 保存期限: the last day to keep it.
    pub retain_until: NaiveDate,
    pub retain_until_label: String,
    /// 廃棄可能日
    pub disposable_from: NaiveDate,
    pub disposable_from_label: String,
    /// 廃棄期限 (within a year after the period)
    pub dispose_by: NaiveDate,
    pub dispose_by_label: String,
    /// The 年度 of the 年度末 batch it belongs to (its 31 March is `batch_day`).
    pub batch_fy: i32,
    pub batch_fy_label: String,
    pub batch_day: NaiveDate,
    /// `kept` | `disposed` | `deleted` | `awaiting_certificate`
    pub state: String,
    pub state_label: String,
    pub disposal: Option<DisposalView>,
}

impl Session {
    /// Registers a document kept under a 台帳 file by a rule, for one person or a batch.
    pub fn add_document(&mut self, new: &NewDocument) -> Result<DocumentView, ApiError> {
        self.require_writer("保存文書の登録")?;
        let stamp = self.stamp();
        // The file, rule and person are looked up inside the write transaction: one removed or
        // changed by another window or command meanwhile is seen.
        let id = self.vault.write(|tx| -> Result<i64, ApiError> {
            let doc = new_document(tx, new)?;
            let id = documents::insert(tx, &doc, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    format!("document:{id}"),
                    format!("ledger:{} rule:{}", doc.ledger_no, doc.rule_id),
                ),
            )?;
            Ok(id)
        })?;
        let conn = self.vault.conn();
        Context::load(conn)?.view(&lookup::document(conn, id)?)
    }

    /// Documents, optionally of one 台帳 file or in one state.
    pub fn list_documents(
        &mut self,
        file: Option<i64>,
        state: Option<&str>,
    ) -> Result<Vec<DocumentView>, ApiError> {
        let conn = self.vault.conn();
        let ledger_no = file.map(|n| lookup::file_no(conn, n)).transpose()?;
        let state = state
            .filter(|s| !s.trim().is_empty())
            .map(str::parse::<DocumentState>)
            .transpose()?;
        self.audited_read("documents", "保存文書一覧")?;
        let conn = self.vault.conn();
        let ctx = Context::load(conn)?;
        documents::list(
            conn,
            DocumentFilter {
                ledger_no,
                rule_id: None,
            },
        )?
        .iter()
        .filter(|d| state.is_none_or(|s| d.state() == s))
        .map(|d| ctx.view(d))
        .collect()
    }

    /// One document with its dates, state and disposal.
    pub fn document(&mut self, id: i64) -> Result<DocumentView, ApiError> {
        let d = lookup::document(self.vault.conn(), id)?;
        self.audited_read(&format!("document:{id}"), "")?;
        Context::load(self.vault.conn())?.view(&d)
    }
}
