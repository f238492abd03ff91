//! Documents (帳票) kept under the 台帳, the disposal schedule of a 年度, disposing of
//! documents (one or a batch in one step, into the handling log) and contractors'
//! certificates.

use crate::lookup::{self, refuse_repeats, Asked};
use crate::people::users::user_ref;
use crate::settings::date_style;
use crate::{ApiError, Session};
use chrono::NaiveDate;
use kiroku_core::audit::AuditAction;
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::handling::EventInput;
use kiroku_core::ledger::Medium;
use kiroku_core::period::RetentionDates;
use kiroku_core::retention::RetentionRule;
use kiroku_core::schedule::{check_disposal_day, classify, schedule, DocumentState, EarlyDisposal};
use kiroku_core::wareki::DateStyle;
use kiroku_core::{wareki, FieldError};
use kiroku_store::table::documents::{self, Disposal, DocumentFilter, DocumentRow};
use kiroku_store::table::events::{self, EventLinks};
use kiroku_store::table::{audit, contractors, ledger, persons, retention_rules};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// What a view of documents needs besides the rows: rules, file names, person and contractor
/// names, read once.
struct Context {
    rules: HashMap<i64, (String, RetentionRule)>,
    files: HashMap<i64, String>,
    persons: HashMap<i64, String>,
    contractors: HashMap<i64, String>,
    fy_labels: std::cell::RefCell<HashMap<i32, String>>,
    /// How the screens write dates (和暦 or 西暦, the vault's setting).
    style: DateStyle,
}

impl Context {
    fn load(conn: &Connection) -> Result<Self, ApiError> {
        Ok(Self {
            rules: retention_rules::list(conn)?
                .into_iter()
                .map(|r| (r.id, (r.rule.name.clone(), r.rule)))
                .collect(),
            files: ledger::list(conn)?
                .into_iter()
                .map(|l| (l.no, l.entry.name))
                .collect(),
            persons: persons::list(conn)?
                .into_iter()
                .map(|p| (p.id, p.details.name))
                .collect(),
            contractors: contractors::list(conn)?
                .into_iter()
                .map(|c| (c.id, c.details.name))
                .collect(),
            fy_labels: Default::default(),
            style: date_style(conn)?,
        })
    }

    /// 令和N年度, formatted once per year rather than once per document.
    fn fy_label(&self, fy: FiscalYear) -> String {
        let mut labels = self.fy_labels.borrow_mut();
        labels.entry(fy.0).or_insert_with(|| fy.label()).clone()
    }

    fn rule(&self, id: i64) -> Result<&RetentionRule, ApiError> {
        self.rules
            .get(&id)
            .map(|(_, r)| r)
            .ok_or_else(|| ApiError::Integrity(format!("ルール ID {id} が見つかりません。")))
    }

    fn view(&self, d: &DocumentRow) -> Result<DocumentView, ApiError> {
        let dates = self.rule(d.doc.rule_id)?.dates(d.doc.base_date);
        self.view_with(d, &dates)
    }

    /// The view of a document whose dates are already computed.
    fn view_with(&self, d: &DocumentRow, dates: &RetentionDates) -> Result<DocumentView, ApiError> {
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
                early_reason: x.early_reason.clone(),
                event_id: x.event_id,
                certificate: d.certificate.as_ref().map(|c| c.number.clone()),
                certificate_date: d.certificate.as_ref().map(|c| c.issued_on),
            }),
        })
    }
}

/// The words the handling log uses for a document: its name, and 一式（N名） for a batch.
fn label_of(d: &DocumentRow) -> String {
    match d.doc.batch_count {
        Some(n) => format!("{} 一式（{n}名）", d.doc.name),
        None => d.doc.name.clone(),
    }
}

/// A document and the handling-log facts recorded for it.
type Planned = (DocumentRow, kiroku_core::handling::EventFacts);

/// The handling-log entry of a document handled as a whole (no affair; its person if any).
fn document_links(d: &DocumentRow, clerk: &str) -> EventLinks {
    EventLinks {
        affair_id: None,
        person_id: d.doc.person_id,
        dependent_id: None,
        ledger_no: Some(d.doc.ledger_no),
        clerk: clerk.to_owned(),
        document_id: Some(d.id),
    }
}

/// Records a certificate, its receipt in the handling log for each document, and the audit.
fn write_certificate(
    tx: &Connection,
    stamp: &crate::session::Stamp,
    contractor_id: i64,
    number: &str,
    on: NaiveDate,
    planned: &[Planned],
) -> Result<(), ApiError> {
    let ids: Vec<i64> = planned.iter().map(|p| p.0.id).collect();
    let cert =
        documents::add_certificate(tx, contractor_id, number, on, &ids, stamp.at, &stamp.actor)?;
    for (d, facts) in planned {
        let event_id = events::insert(
            tx,
            &document_links(d, &stamp.actor),
            facts,
            stamp.at,
            &stamp.actor,
        )?;
        audit::append(
            tx,
            stamp.entry(
                AuditAction::Create,
                format!("event:{event_id}"),
                "証明書の受領",
            ),
        )?;
    }
    audit::append(
        tx,
        stamp.entry(
            AuditAction::Create,
            format!("certificate:{cert}"),
            format!("contractor:{contractor_id}"),
        ),
    )?;
    Ok(())
}

impl Session {
    /// Registers a document kept under a 台帳 file by a rule, for one person or a batch.
    pub fn add_document(&mut self, new: &NewDocument) -> Result<DocumentView, ApiError> {
        self.require_writer("帳票の登録")?;
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
        self.audited_read("documents", "帳票一覧")?;
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

    /// The disposal schedule of `fy` (default: this 年度): overdue first, this year's batch,
    /// next year's, and the disposals waiting for a certificate; counted per file and rule.
    pub fn schedule(&mut self, fy: Option<&str>) -> Result<ScheduleView, ApiError> {
        let today = self.today();
        let fy = match fy.filter(|f| !f.trim().is_empty()) {
            Some(f) => FiscalYear::parse("年度", f)?,
            None => FiscalYear::containing(today),
        };
        self.audited_read("documents", &format!("廃棄予定 {}", fy.label()))?;
        let conn = self.vault.conn();
        let ctx = Context::load(conn)?;
        // Only the documents the schedule lists are read whole.
        let mut missing_rule = None;
        let rows = documents::list_where(conn, DocumentFilter::default(), |k| {
            match ctx.rules.get(&k.rule_id) {
                Some((_, rule)) => classify(&rule.dates(k.base_date), k.state, fy, today).is_some(),
                None => {
                    missing_rule = Some(k.rule_id);
                    false
                }
            }
        })?;
        if let Some(id) = missing_rule {
            return Err(ApiError::Integrity(format!(
                "ルール ID {id} が見つかりません。"
            )));
        }
        let mut items = Vec::with_capacity(rows.len());
        for d in &rows {
            let dates = ctx.rule(d.doc.rule_id)?.dates(d.doc.base_date);
            items.push(((d, dates), dates, d.state()));
        }
        let plan = schedule(items, fy, today);
        let headline = plan.headline();
        let views = |list: &[(&DocumentRow, RetentionDates)]| {
            list.iter()
                .map(|(d, dates)| ctx.view_with(d, dates))
                .collect::<Result<Vec<_>, ApiError>>()
        };
        let mut by_file: HashMap<i64, ScheduleCount> = HashMap::new();
        let mut by_rule: HashMap<i64, ScheduleCount> = HashMap::new();
        let count = |id: i64, name: String| ScheduleCount {
            id,
            name,
            overdue: 0,
            due: 0,
            upcoming: 0,
            awaiting_certificate: 0,
        };
        let mut tally = |list: &[(&DocumentRow, RetentionDates)], bump: fn(&mut ScheduleCount)| {
            for (d, _) in list {
                let (file, rule) = (d.doc.ledger_no, d.doc.rule_id);
                bump(by_file.entry(file).or_insert_with(|| {
                    count(file, ctx.files.get(&file).cloned().unwrap_or_default())
                }));
                bump(by_rule.entry(rule).or_insert_with(|| {
                    count(
                        rule,
                        ctx.rules
                            .get(&rule)
                            .map(|r| r.0.clone())
                            .unwrap_or_default(),
                    )
                }));
            }
        };
        tally(&plan.overdue, |c| c.overdue += 1);
        tally(&plan.due, |c| c.due += 1);
        tally(&plan.upcoming, |c| c.upcoming += 1);
        tally(&plan.awaiting_certificate, |c| c.awaiting_certificate += 1);
        let sorted = |m: HashMap<i64, ScheduleCount>| {
            let mut v: Vec<ScheduleCount> = m.into_values().collect();
            v.sort_by_key(|c| c.id);
            v
        };
        Ok(ScheduleView {
            fy: fy.0,
            fy_label: fy.label(),
            batch_day: fy.last_day(),
            headline,
            overdue: views(&plan.overdue)?,
            due: views(&plan.due)?,
            upcoming: views(&plan.upcoming)?,
            awaiting_certificate: views(&plan.awaiting_certificate)?,
            by_file: sorted(by_file),
            by_rule: sorted(by_rule),
        })
    }

    /// Disposes of (廃棄) or deletes (削除, a 電子データ file) documents in one step, each
    /// recorded in the handling log. All or nothing.
    pub fn dispose(&mut self, req: &DisposalRequest) -> Result<Vec<DocumentView>, ApiError> {
        self.require_writer("廃棄・削除の記録")?;
        if req.documents.is_empty() {
            return Err(FieldError::new(
                "帳票",
                "廃棄する帳票を選んでください（コマンドでは帳票の ID。kiroku doc list で確認できます）。",
            )
            .into());
        }
        refuse_repeats("帳票", &req.documents)?;
        let today = self.today();
        let on = wareki::parse_handling("廃棄日", &req.date, today)?;
        let who = Who {
            actor: self.actor().to_string(),
            may_dispose_early: self.require_officer("保存期限前の廃棄").is_ok(),
            today,
        };
        let stamp = self.stamp();
        // Every document, contractor and witness is looked up, and every rule checked, inside
        // the write transaction: a document disposed of by another window or command meanwhile
        // is refused by name, never disposed of twice.
        self.vault.write(|tx| -> Result<(), ApiError> {
            let plan = plan_disposal(tx, req, on, &who)?;
            for (d, electronic, facts, early) in &plan.documents {
                let links = document_links(d, &stamp.actor);
                let event_id = events::insert(tx, &links, facts, stamp.at, &stamp.actor)?;
                let method = match &facts.details {
                    kiroku_core::handling::EventDetails::Dispose { method, .. }
                    | kiroku_core::handling::EventDetails::Delete { method, .. } => method.clone(),
                    _ => return Err(ApiError::Integrity("廃棄の記録を作れません。".into())),
                };
                documents::dispose(
                    tx,
                    d.id,
                    &Disposal {
                        deleted: *electronic,
                        method,
                        disposed_on: facts.happened_on,
                        performer: stamp.actor.clone(),
                        witness: plan.witness.clone(),
                        contractor_id: plan.contractor.as_ref().map(|c| c.id),
                        early_reason: early.clone(),
                        event_id,
                    },
                    stamp.at,
                    &stamp.actor,
                )?;
                audit::append(
                    tx,
                    stamp.entry(
                        AuditAction::Amend,
                        format!("document:{}", d.id),
                        if *electronic { "削除" } else { "廃棄" },
                    ),
                )?;
                audit::append(
                    tx,
                    stamp.entry(
                        AuditAction::Create,
                        format!("event:{event_id}"),
                        facts.details.kind().label(),
                    ),
                )?;
            }
            if let (Some(c), Some(no)) = (&plan.contractor, &plan.certificate) {
                let receipts = plan
                    .documents
                    .iter()
                    .map(|(d, ..)| {
                        Ok((
                            d.clone(),
                            certificate_facts(d, &c.details.name, no, on, &who)?,
                        ))
                    })
                    .collect::<Result<Vec<Planned>, ApiError>>()?;
                write_certificate(tx, &stamp, c.id, no, on, &receipts)?;
            }
            Ok(())
        })?;
        let conn = self.vault.conn();
        let ctx = Context::load(conn)?;
        req.documents
            .iter()
            .map(|&id| ctx.view(&lookup::document(conn, id)?))
            .collect()
    }

    /// Records a contractor's 廃棄・削除証明書 for documents it disposed of: they leave
    /// 「証明書待ち」, and the receipt is in the handling log.
    pub fn add_certificate(
        &mut self,
        req: &CertificateRequest,
    ) -> Result<Vec<DocumentView>, ApiError> {
        self.require_writer("証明書の記録")?;
        let who = Who {
            actor: self.actor().to_string(),
            may_dispose_early: false,
            today: self.today(),
        };
        let stamp = self.stamp();
        // The documents' disposals and certificates are read inside the write transaction: a
        // certificate recorded by another window or command meanwhile is refused by name.
        self.vault.write(|tx| -> Result<(), ApiError> {
            let (contractor, number, on, planned) = plan_certificate(tx, req, &who)?;
            write_certificate(tx, &stamp, contractor, &number, on, &planned)
        })?;
        let conn = self.vault.conn();
        let ctx = Context::load(conn)?;
        req.documents
            .iter()
            .map(|&id| ctx.view(&lookup::document(conn, id)?))
            .collect()
    }
}

/// Who records a disposal or a certificate, and their day: what the checks inside the write
/// transaction need of the session.
struct Who {
    actor: String,
    /// Whether the user may dispose of a document before its retention ends (the officer).
    may_dispose_early: bool,
    today: NaiveDate,
}

/// A document to register, every reference resolved against what `conn` holds now.
fn new_document(conn: &Connection, new: &NewDocument) -> Result<documents::NewDocument, ApiError> {
    let name = kiroku_core::field::required_text("帳票名", &new.name, 100)?;
    let ledger_no = lookup::file_no(conn, new.file)?;
    let rule = lookup::rule_by_text(conn, &new.rule)?;
    let base_date = wareki::parse("基準日", &new.base_date)?;
    let person_id = new
        .person
        .map(|p| lookup::person(conn, p, Asked::InField).map(|p| p.id))
        .transpose()?;
    if person_id.is_some() && new.batch_count.is_some() {
        return Err(FieldError::new(
            "件数",
            "本人を指定した帳票には件数（一式）を指定しません。どちらか一方にしてください。",
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

/// A disposal checked against what `conn` holds now: each document with whether it is a
/// deletion, its handling-log facts and its early-disposal reason.
struct DisposalPlan {
    documents: Vec<(
        DocumentRow,
        bool,
        kiroku_core::handling::EventFacts,
        Option<String>,
    )>,
    contractor: Option<contractors::ContractorRow>,
    certificate: Option<String>,
    witness: Option<String>,
}

fn plan_disposal(
    conn: &Connection,
    req: &DisposalRequest,
    on: NaiveDate,
    who: &Who,
) -> Result<DisposalPlan, ApiError> {
    let contractor = req
        .contractor
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| lookup::contractor_by_text(conn, "委託先", c))
        .transpose()?;
    let certificate = req
        .certificate
        .as_deref()
        .map(|c| kiroku_core::field::optional_text("証明書番号", c, 50))
        .transpose()?
        .flatten();
    if certificate.is_some() && contractor.is_none() {
        return Err(FieldError::new(
            "証明書番号",
            "証明書は委託先による廃棄に添えます。委託先も指定してください。",
        )
        .into());
    }
    let witness = req
        .witness
        .as_deref()
        .filter(|w| !w.trim().is_empty())
        .map(|w| user_ref(conn, "確認者", w).map(|u| u.0.id))
        .transpose()?;
    if witness.as_deref() == Some(who.actor.as_str()) {
        return Err(FieldError::new(
            "確認者",
            "確認者は廃棄・削除した本人とは別の利用者にしてください。",
        )
        .into());
    }
    // Checked (the guard first) whether or not it is needed: a reason is never ignored.
    let early_reason = req
        .early_reason
        .as_deref()
        .map(|r| kiroku_core::field::optional_text("早期廃棄の理由", r, 200))
        .transpose()?
        .flatten();
    let mut planned = Vec::new();
    for &id in &req.documents {
        let d = lookup::document(conn, id)?;
        if d.disposal.is_some() {
            return Err(FieldError::new(
                "帳票",
                format!(
                    "帳票 ID {id}「{}」はすでに廃棄・削除済みです（別の画面・コマンドで記録された可能性があります）。何も保存していません。帳票の一覧（帳票・廃棄、kiroku doc list）で状態を確認してください。",
                    d.doc.name
                ),
            )
            .into());
        }
        let rule = retention_rules::current(conn, d.doc.rule_id)?.ok_or_else(|| {
            ApiError::Integrity(format!("ルール ID {} が見つかりません。", d.doc.rule_id))
        })?;
        let dates = rule.rule.dates(d.doc.base_date);
        let early = match check_disposal_day(&dates, on, early_reason.as_deref()) {
            Ok(EarlyDisposal::OnTime) => None,
            Ok(EarlyDisposal::Confirmed(reason)) => {
                if !who.may_dispose_early {
                    return Err(ApiError::forbidden("保存期限前の廃棄"));
                }
                Some(reason)
            }
            Err(e) => {
                return Err(FieldError::new(e.field, format!("帳票 ID {id}: {}", e.message)).into())
            }
        };
        let electronic = ledger::current(conn, d.doc.ledger_no)?
            .is_some_and(|l| l.entry.medium == Medium::Electronic);
        if electronic && contractor.is_some() {
            return Err(FieldError::new(
                "委託先",
                format!("帳票 ID {id} は電子データです。削除は委託先ではなく、確認者を立てて記録します。"),
            )
            .into());
        }
        let content = label_of(&d);
        let facts = EventInput {
            kind: if electronic { "delete" } else { "dispose" },
            date: &on.to_string(),
            clerk: &who.actor,
            method: Some(&req.method),
            content: Some(&content),
            contractor: if electronic {
                None
            } else {
                contractor.as_ref().map(|c| c.details.name.as_str())
            },
            witness: if electronic { witness.as_deref() } else { None },
            note: early.as_deref(),
            ..EventInput::default()
        }
        .parse(who.today)?;
        planned.push((d, electronic, facts, early));
    }
    Ok(DisposalPlan {
        documents: planned,
        contractor,
        certificate,
        witness,
    })
}

/// The receipt of a certificate as a handling-log event for one document.
fn certificate_facts(
    d: &DocumentRow,
    contractor: &str,
    number: &str,
    on: NaiveDate,
    who: &Who,
) -> Result<kiroku_core::handling::EventFacts, ApiError> {
    let content = label_of(d);
    Ok(EventInput {
        kind: "certificate",
        date: &on.to_string(),
        clerk: &who.actor,
        contractor: Some(contractor),
        certificate_no: Some(number),
        content: Some(&content),
        ..EventInput::default()
    }
    .parse(who.today)?)
}

/// A certificate checked against what `conn` holds now: the contractor, the number, the day
/// and each document with its receipt.
fn plan_certificate(
    conn: &Connection,
    req: &CertificateRequest,
    who: &Who,
) -> Result<(i64, String, NaiveDate, Vec<Planned>), ApiError> {
    let contractor = lookup::contractor_by_text(conn, "委託先", &req.contractor)?;
    let number = kiroku_core::field::required_text("証明書番号", &req.number, 50)?;
    let on: NaiveDate = wareki::parse_handling("証明書の日付", &req.date, who.today)?;
    if req.documents.is_empty() {
        return Err(FieldError::new("帳票", "証明書の対象の帳票 ID を指定してください。").into());
    }
    refuse_repeats("帳票", &req.documents)?;
    let mut planned: Vec<Planned> = Vec::new();
    for &id in &req.documents {
        let d = lookup::document(conn, id)?;
        if d.certificate.is_some()
            && d.disposal
                .as_ref()
                .is_some_and(|x| x.contractor_id == Some(contractor.id))
        {
            return Err(FieldError::new(
                "帳票",
                format!(
                    "帳票 ID {id}「{}」の「{}」による廃棄の証明書はすでに記録されています（別の画面・コマンドで記録された可能性があります）。何も保存していません。帳票の一覧（帳票・廃棄、kiroku doc list）で確認してください。",
                    d.doc.name, contractor.details.name
                ),
            )
            .into());
        }
        let disposal = d
            .disposal
            .as_ref()
            .filter(|x| x.contractor_id == Some(contractor.id) && d.certificate.is_none());
        let Some(disposal) = disposal else {
            return Err(FieldError::new(
                "帳票",
                format!(
                    "帳票 ID {id} は「{}」による廃棄で証明書を待っているものではありません。",
                    contractor.details.name
                ),
            )
            .into());
        };
        if on < disposal.disposed_on {
            return Err(FieldError::new(
                "証明書の日付",
                format!(
                    "証明書の日付が帳票 ID {id} の廃棄日（{}）より前です。",
                    wareki::format(disposal.disposed_on)
                ),
            )
            .into());
        }
        let facts = certificate_facts(&d, &contractor.details.name, &number, on, who)?;
        planned.push((d, facts));
    }
    Ok((contractor.id, number, on, planned))
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

/// Counts of one 台帳 file or one rule in a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleCount {
    pub id: i64,
    pub name: String,
    pub overdue: u32,
    pub due: u32,
    pub upcoming: u32,
    pub awaiting_certificate: u32,
}

/// The disposal schedule of a 年度.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleView {
    pub fy: i32,
    pub fy_label: String,
    /// 31 March: the 年度末 batch.
    pub batch_day: NaiveDate,
    /// 「今年度廃棄予定 N件 / 期限超過 M件」
    pub headline: String,
    /// Past their 廃棄期限 and still kept.
    pub overdue: Vec<DocumentView>,
    /// In this year's batch.
    pub due: Vec<DocumentView>,
    /// In next year's batch.
    pub upcoming: Vec<DocumentView>,
    /// Disposed of by a contractor whose certificate has not come.
    pub awaiting_certificate: Vec<DocumentView>,
    pub by_file: Vec<ScheduleCount>,
    pub by_rule: Vec<ScheduleCount>,
}

/// Disposing of documents in one step. `witness` is required for data (a 電子データ file);
/// with `contractor`, the documents wait for the certificate unless `certificate` is given.
/// Before its 廃棄可能日 a document is refused unless the officer gives `early_reason`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DisposalRequest {
    pub documents: Vec<i64>,
    pub method: String,
    pub date: String,
    pub witness: Option<String>,
    pub contractor: Option<String>,
    pub certificate: Option<String>,
    pub early_reason: Option<String>,
}

/// A contractor's 廃棄・削除証明書 covering disposed documents.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CertificateRequest {
    pub contractor: String,
    pub number: String,
    pub date: String,
    pub documents: Vec<i64>,
}
