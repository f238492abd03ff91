//! Disposing of documents (廃棄・削除) and recording the contractor's certificate (証明書):
//! each planned and checked inside its write transaction, with its handling events.

use crate::lookup::{self, refuse_repeats};
use crate::people::users::user_ref;
use crate::retention::documents::{document_links, label_of, Context, DocumentView};
use crate::{ApiError, Session};
use chrono::NaiveDate;
use kiroku_core::audit::AuditAction;
use kiroku_core::handling::EventInput;
use kiroku_core::ledger::Medium;
use kiroku_core::schedule::{check_disposal_day, EarlyDisposal};
use kiroku_core::{wareki, FieldError};
use kiroku_store::table::documents::{self, Disposal, DocumentRow};
use kiroku_store::table::events::{self};
use kiroku_store::table::{audit, contractors, ledger, retention_rules};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A document and the handling-log facts recorded for it.
type Planned = (DocumentRow, kiroku_core::handling::EventFacts);

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

/// Who records a disposal or a certificate, and their day: what the checks inside the write
/// transaction need of the session.
struct Who {
    actor: String,
    /// Whether the user may dispose of a document before its retention ends (the officer).
    may_dispose_early: bool,
    today: NaiveDate,
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
                "保存文書",
                format!(
                    "保存文書 ID {id}「{}」はすでに廃棄・削除済みです（別の画面・コマンドで記録された可能性があります）。何も保存していません。保存文書の一覧（保存文書・廃棄、kiroku doc list）で状態を確認してください。",
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
                return Err(
                    FieldError::new(e.field, format!("保存文書 ID {id}: {}", e.message)).into(),
                )
            }
        };
        let electronic = ledger::current(conn, d.doc.ledger_no)?
            .is_some_and(|l| l.entry.medium == Medium::Electronic);
        if electronic && contractor.is_some() {
            return Err(FieldError::new(
                "委託先",
                format!("保存文書 ID {id} は電子データです。削除は委託先ではなく、確認者を立てて記録します。"),
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
        return Err(
            FieldError::new("保存文書", "証明書の対象の保存文書 ID を指定してください。").into(),
        );
    }
    refuse_repeats("保存文書", &req.documents)?;
    let mut planned: Vec<Planned> = Vec::new();
    for &id in &req.documents {
        let d = lookup::document(conn, id)?;
        if d.certificate.is_some()
            && d.disposal
                .as_ref()
                .is_some_and(|x| x.contractor_id == Some(contractor.id))
        {
            return Err(FieldError::new(
                "保存文書",
                format!(
                    "保存文書 ID {id}「{}」の「{}」による廃棄の証明書はすでに記録されています（別の画面・コマンドで記録された可能性があります）。何も保存していません。保存文書の一覧（保存文書・廃棄、kiroku doc list）で確認してください。",
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
                "保存文書",
                format!(
                    "保存文書 ID {id} は「{}」による廃棄で証明書を待っているものではありません。",
                    contractor.details.name
                ),
            )
            .into());
        };
        if on < disposal.disposed_on {
            return Err(FieldError::new(
                "証明書の日付",
                format!(
                    "証明書の日付が保存文書 ID {id} の廃棄日（{}）より前です。",
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

impl Session {
    /// Disposes of (廃棄) or deletes (削除, a 電子データ file) documents in one step, each
    /// recorded in the handling log. All or nothing.
    pub fn dispose(&mut self, req: &DisposalRequest) -> Result<Vec<DocumentView>, ApiError> {
        self.require_writer("廃棄・削除の記録")?;
        if req.documents.is_empty() {
            return Err(FieldError::new(
                "保存文書",
                "廃棄する保存文書を選んでください（コマンドでは保存文書の ID。kiroku doc list で確認できます）。",
            )
            .into());
        }
        refuse_repeats("保存文書", &req.documents)?;
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
