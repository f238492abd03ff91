//! Contractors (委託先・再委託先), the clauses of their contracts, and what is due about them.

use crate::lookup::{self, guarded_id};
use crate::{ApiError, Session};
use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::audit::AuditAction;
use kiroku_core::contract_clauses::{self, CLAUSES};
use kiroku_core::contractor::{due_within, reevaluation_due, ContractorInput};
use kiroku_core::evaluation::{Decision, Judgment};
use kiroku_core::field::required_text;
use kiroku_core::handling::EventKind;
use kiroku_core::{wareki, FieldError};
use kiroku_store::table::contractors::{self, ContractorRow, Placement};
use kiroku_store::table::{audit, contract_clauses as ticks, evaluations, events};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub(crate) fn contractor_ref(c: &ContractorRow) -> ContractorRef {
    ContractorRef {
        id: c.id,
        name: c.details.name.clone(),
    }
}

/// The last finalised evaluation of a contractor.
fn last_finalized(
    conn: &Connection,
    id: i64,
) -> Result<Option<evaluations::EvaluationRow>, ApiError> {
    Ok(evaluations::of_contractor(conn, id)?
        .into_iter()
        .filter(|e| e.finalized.is_some())
        .max_by_key(|e| (e.made_on, e.id)))
}

fn summary(e: &evaluations::EvaluationRow) -> Option<EvaluationSummary> {
    e.finalized.as_ref().map(|f| EvaluationSummary {
        id: e.id,
        made_on: e.made_on,
        decision: f.decision.as_str().into(),
        decision_label: f.decision.label().into(),
    })
}

fn contractor_view(
    conn: &Connection,
    c: &ContractorRow,
    with_clauses: bool,
) -> Result<ContractorView, ApiError> {
    let all = contractors::list(conn)?;
    let last = last_finalized(conn, c.id)?;
    let style = crate::settings::date_style(conn)?;
    let next_due = last.as_ref().map(|e| reevaluation_due(e.made_on));
    let ticked = ticks::current(conn, c.id)?;
    let clauses: Vec<ClauseView> = CLAUSES
        .iter()
        .map(|k| {
            let tick = ticked.iter().find(|t| t.clause == k.id);
            ClauseView {
                id: k.id.into(),
                article: k.article.into(),
                text: k.text.into(),
                ticked: tick.is_some(),
                contract: tick.map(|t| t.contract.clone()),
                signed_on: tick.map(|t| t.signed_on),
            }
        })
        .collect();
    let d = &c.details;
    Ok(ContractorView {
        id: c.id,
        name: d.name.clone(),
        pattern: d.pattern.as_str().into(),
        pattern_label: d.pattern.label().into(),
        dept: d.dept.clone(),
        manager: d.manager.clone(),
        work: d.work.clone(),
        data: d.data.clone(),
        pmark: d.pmark.as_ref().map(|p| p.number.clone()),
        pmark_expiry: d.pmark.as_ref().map(|p| p.expires_on),
        pmark_expiry_label: d.pmark.as_ref().map(|p| style.format(p.expires_on)),
        leak_2y: d.leak_in_2_years,
        parent: c
            .parent_id
            .and_then(|p| all.iter().find(|x| x.id == p))
            .map(contractor_ref),
        approved_on: c.approved_on,
        subcontractors: all
            .iter()
            .filter(|x| x.parent_id == Some(c.id))
            .map(contractor_ref)
            .collect(),
        files: c.ledger_files.clone(),
        active: c.is_active(),
        next_evaluation_due: next_due,
        next_evaluation_due_label: next_due.map(|d| style.format(d)),
        last_evaluation: last.as_ref().and_then(summary),
        clauses_missing: u32::try_from(clauses.iter().filter(|k| !k.ticked).count())
            .unwrap_or(u32::MAX),
        clauses: if with_clauses { clauses } else { Vec::new() },
        created_at: c.created_at,
    })
}

/// A new contractor checked against what `conn` holds now: its details and its place (the
/// parent it is a 再委託先 of, the 台帳 files it handles).
fn new_contractor(
    conn: &Connection,
    new: &NewContractor,
    today: NaiveDate,
) -> Result<(kiroku_core::contractor::ContractorDetails, Placement), ApiError> {
    let details = ContractorInput {
        name: &new.name,
        pattern: &new.pattern,
        dept: new.dept.as_deref(),
        manager: new.manager.as_deref(),
        work: new.work.as_deref(),
        data: new.data.as_deref(),
        pmark_no: new.pmark.as_deref(),
        pmark_expiry: new.pmark_expiry.as_deref(),
        leak_in_2_years: new.leak_2y,
    }
    .parse()?;
    if contractors::list(conn)?
        .iter()
        .any(|c| c.is_active() && c.details.name == details.name)
    {
        return Err(FieldError::new(
            "委託先名称",
            format!(
                "委託先「{}」はすでに登録されています。委託先の一覧（委託先・評価シート、kiroku contractor list）で確認してください。",
                details.name
            ),
        )
        .into());
    }
    let parent = new
        .parent
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(|p| lookup::contractor_by_text(conn, "委託元（再委託の親）", p))
        .transpose()?;
    if let Some(p) = parent.as_ref().filter(|p| !p.is_active()) {
        return Err(FieldError::new(
            "委託元（再委託の親）",
            format!(
                "委託先「{}」は無効化されているため、再委託元にできません。",
                p.details.name
            ),
        )
        .into());
    }
    let approved_on = new
        .approved_on
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .map(|d| wareki::parse_happened("再委託の許諾日", d, today))
        .transpose()?;
    if approved_on.is_some() && parent.is_none() {
        return Err(FieldError::new(
            "再委託の許諾日",
            "許諾日は再委託先（元の委託先を指定した委託先）にだけ入力します。",
        )
        .into());
    }
    let ledger_files = new
        .files
        .iter()
        .map(|&no| lookup::file_no(conn, no))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((
        details,
        Placement {
            parent_id: parent.map(|p| p.id),
            approved_on,
            ledger_files,
        },
    ))
}

/// A contractor's details with `changes` applied over what `conn` holds now, and the names
/// of the parts changed (for the audit row).
fn changed_contractor(
    conn: &Connection,
    id: i64,
    changes: &ContractorChanges,
) -> Result<
    (
        kiroku_core::contractor::ContractorDetails,
        Vec<&'static str>,
    ),
    ApiError,
> {
    let c = lookup::contractor(conn, id)?;
    let d = &c.details;
    let pick = |new: &Option<String>, old: Option<String>| match new {
        Some(v) => Some(v.clone()),
        None => old,
    };
    let pmark_cleared = changes
        .pmark
        .as_deref()
        .is_some_and(|p| p.trim().is_empty());
    let (pmark, expiry) = if pmark_cleared {
        (None, None)
    } else {
        (
            pick(&changes.pmark, d.pmark.as_ref().map(|p| p.number.clone())),
            pick(
                &changes.pmark_expiry,
                d.pmark.as_ref().map(|p| p.expires_on.to_string()),
            ),
        )
    };
    let pattern = d.pattern.as_str();
    let name = pick(&changes.name, Some(d.name.clone())).unwrap_or_default();
    let [dept, manager, work, data] = [
        pick(&changes.dept, d.dept.clone()),
        pick(&changes.manager, d.manager.clone()),
        pick(&changes.work, d.work.clone()),
        pick(&changes.data, d.data.clone()),
    ];
    let details = ContractorInput {
        name: &name,
        pattern,
        dept: dept.as_deref(),
        manager: manager.as_deref(),
        work: work.as_deref(),
        data: data.as_deref(),
        pmark_no: pmark.as_deref(),
        pmark_expiry: expiry.as_deref(),
        leak_in_2_years: changes.leak_2y.or(d.leak_in_2_years),
    }
    .parse()?;
    if details.name != d.name
        && contractors::list(conn)?
            .iter()
            .any(|x| x.id != id && x.is_active() && x.details.name == details.name)
    {
        return Err(FieldError::new(
            "委託先名称",
            format!("委託先「{}」はすでに登録されています。", details.name),
        )
        .into());
    }
    if details == c.details {
        return Err(FieldError::new(
            "変更内容",
            "変更する項目がありません。直す項目（Pマークの有効期限など）に新しい値を入れてください。",
        )
        .into());
    }
    let mut changed = Vec::new();
    if details.name != d.name {
        changed.push("名称");
    }
    if (
        &details.dept,
        &details.manager,
        &details.work,
        &details.data,
    ) != (&d.dept, &d.manager, &d.work, &d.data)
    {
        changed.push("基本情報");
    }
    if details.pmark != d.pmark {
        changed.push("プライバシーマーク");
    }
    if details.leak_in_2_years != d.leak_in_2_years {
        changed.push("漏えい事故の有無");
    }
    Ok((details, changed))
}

impl Session {
    /// Registers a contractor (or a 再委託先 under its parent).
    pub fn add_contractor(&mut self, new: &NewContractor) -> Result<ContractorView, ApiError> {
        self.require_writer("委託先の登録")?;
        let today = self.today();
        let stamp = self.stamp();
        // The name, the parent and the files are checked inside the write transaction: a
        // contractor added or disabled by another window or command meanwhile is seen.
        let id = self.vault.write(|tx| -> Result<i64, ApiError> {
            let (details, placement) = new_contractor(tx, new, today)?;
            let id = contractors::insert(tx, &details, &placement, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    format!("contractor:{id}"),
                    format!("委託パターン{}", details.pattern),
                ),
            )?;
            Ok(id)
        })?;
        let conn = self.vault.conn();
        contractor_view(conn, &lookup::contractor(conn, id)?, true)
    }

    /// Every contractor, disabled ones included (the read is audited).
    pub fn list_contractors(&mut self) -> Result<Vec<ContractorView>, ApiError> {
        self.audited_read("contractors", "委託先一覧")?;
        let conn = self.vault.conn();
        contractors::list(conn)?
            .iter()
            .map(|c| contractor_view(conn, c, false))
            .collect()
    }

    /// One contractor with its contract checklist.
    pub fn contractor(&mut self, id: i64) -> Result<ContractorView, ApiError> {
        let c = lookup::contractor(self.vault.conn(), id)?;
        self.audited_read(&format!("contractor:{id}"), "")?;
        contractor_view(self.vault.conn(), &c, true)
    }

    /// Stops using a contractor (officer only): no new evaluation; the records stay.
    pub fn disable_contractor(&mut self, id: i64) -> Result<ContractorView, ApiError> {
        self.require_officer("委託先の無効化")?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            let c = lookup::contractor(tx, id)?;
            if !c.is_active() {
                return Err(ApiError::AlreadyExists(format!(
                    "委託先「{}」はすでに無効化されています（別の画面・コマンドで無効化された可能性があります）。",
                    c.details.name
                )));
            }
            contractors::disable(tx, id, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(AuditAction::Amend, format!("contractor:{id}"), "無効化"),
            )?;
            Ok(())
        })?;
        let conn = self.vault.conn();
        contractor_view(conn, &lookup::contractor(conn, id)?, true)
    }

    /// Changes a contractor's details (officer or clerk): a renewed P-mark, a new manager, the
    /// leak question asked again. Sheets already made keep the facts of their own day.
    pub fn update_contractor(
        &mut self,
        id: i64,
        changes: &ContractorChanges,
    ) -> Result<ContractorView, ApiError> {
        self.require_writer("委託先の変更")?;
        let stamp = self.stamp();
        // The changes apply over the details as read inside the write transaction: a change
        // made by another window or command meanwhile is kept, not overwritten.
        self.vault.write(|tx| -> Result<(), ApiError> {
            let (details, changed) = changed_contractor(tx, id, changes)?;
            contractors::update(tx, id, &details)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("contractor:{id}"),
                    changed.join("・"),
                ),
            )?;
            Ok(())
        })?;
        let conn = self.vault.conn();
        contractor_view(conn, &lookup::contractor(conn, id)?, true)
    }

    /// Ticks a clause of a contractor's contract with the contract's name and day.
    pub fn set_clause(
        &mut self,
        id: i64,
        clause: &str,
        contract: &str,
        signed_on: &str,
    ) -> Result<ContractorView, ApiError> {
        self.require_writer("契約条項の記録")?;
        let id = guarded_id("委託先", id)?;
        let clause = required_text("契約条項", clause, 20)?;
        let known = contract_clauses::clause(&clause).ok_or_else(|| {
            FieldError::new(
                "契約条項",
                format!("契約条項「{clause}」はありません。contractor show {id} で ID（例: 002-4-1）を確認してください。"),
            )
        })?;
        let tick = ticks::ClauseTick {
            clause: known.id.into(),
            contract: required_text("契約名", contract, 100)?,
            signed_on: wareki::parse_happened("契約日", signed_on, self.today())?,
            entered_at: self.env.clock.now(),
            entered_by: self.actor().to_string(),
        };
        let entry = self.entry(
            AuditAction::Create,
            format!("contractor:{id}/clause:{}", known.id),
            tick.contract.clone(),
        );
        // The contractor is looked up inside the write transaction.
        self.vault.write(|tx| -> Result<(), ApiError> {
            lookup::contractor(tx, id)?;
            ticks::insert(tx, id, &tick)?;
            audit::append(tx, entry)?;
            Ok(())
        })?;
        let conn = self.vault.conn();
        contractor_view(conn, &lookup::contractor(conn, id)?, true)
    }

    /// What is due within `days` days (or overdue) for the active contractors: first
    /// evaluations, re-evaluations, P-marks expiring, B items whose improvement is not yet
    /// confirmed, and disposals by a contractor still waiting for their certificate.
    pub fn contractors_due(&mut self, days: u32) -> Result<Vec<DueItem>, ApiError> {
        self.audited_read("contractors", &format!("期限一覧（{days}日以内）"))?;
        let today = self.today();
        let conn = self.vault.conn();
        let style = crate::settings::date_style(conn)?;
        let disposals = events::days_by_contractor(conn, EventKind::Dispose)?;
        let certificates = events::days_by_contractor(conn, EventKind::Certificate)?;
        let mut due = Vec::new();
        for c in contractors::list(conn)?.iter() {
            let who = contractor_ref(c);
            let item =
                |kind: &str, label: &str, due_on: Option<NaiveDate>, detail: String| DueItem {
                    contractor: who.clone(),
                    kind: kind.into(),
                    kind_label: label.into(),
                    due_on,
                    overdue: due_on.is_some_and(|d| d < today),
                    detail,
                };
            // A disabled contractor is evaluated no more, but a certificate it owes is still owed.
            let evaluated = if c.is_active() {
                last_finalized(conn, c.id)?.map(Some)
            } else {
                Some(None)
            };
            match evaluated {
                Some(None) => {}
                None => due.push(item(
                    "first_evaluation",
                    "評価未実施",
                    None,
                    "契約の前に委託先評価シート（別紙3）で評価してください。".into(),
                )),
                Some(Some(last)) => {
                    if last
                        .finalized
                        .as_ref()
                        .is_some_and(|f| f.decision == Decision::Rejected)
                    {
                        due.push(item(
                            "rejected",
                            "不採用",
                            None,
                            format!(
                                "最終評価 {}（ID {}）が不採用です。委託を見直すか、改善後に再評価してください。",
                                style.format(last.made_on),
                                last.id
                            ),
                        ));
                    }
                    let on = reevaluation_due(last.made_on);
                    if due_within(today, on, days) {
                        due.push(item(
                            "reevaluation",
                            "再評価",
                            Some(on),
                            format!(
                                "前回の評価 {}（ID {}）から1年",
                                style.format(last.made_on),
                                last.id
                            ),
                        ));
                    }
                    let sheet = evaluations::sheet(conn, last.id)?;
                    let confirmed = evaluations::confirmed_improvements(conn, last.id)?;
                    let open: Vec<String> = sheet
                        .judgments
                        .iter()
                        .filter(|(n, j)| **j == Judgment::B && !confirmed.contains_key(n))
                        .map(|(n, _)| format!("No.{n}"))
                        .collect();
                    if !open.is_empty()
                        && last
                            .finalized
                            .as_ref()
                            .is_some_and(|f| f.decision == Decision::AdoptedConditional)
                    {
                        due.push(item(
                            "improvement",
                            "改善の確認",
                            None,
                            format!(
                                "{} の改善措置の実施が未確認（評価 ID {}）",
                                open.join("、"),
                                last.id
                            ),
                        ));
                    }
                }
            }
            if let Some(p) = c.details.pmark.as_ref().filter(|_| c.is_active()) {
                if due_within(today, p.expires_on, days) {
                    due.push(item(
                        "pmark_expiry",
                        "プライバシーマーク期限",
                        Some(p.expires_on),
                        format!("登録番号 {}", p.number),
                    ));
                }
            }
            let last_certificate = certificates
                .iter()
                .filter(|(name, _)| *name == c.details.name)
                .map(|(_, d)| *d)
                .max();
            let waiting: Vec<NaiveDate> = disposals
                .iter()
                .filter(|(name, day)| {
                    *name == c.details.name && last_certificate.is_none_or(|l| *day > l)
                })
                .map(|(_, d)| *d)
                .collect();
            if let Some(oldest) = waiting.iter().min() {
                due.push(item(
                    "certificate",
                    "廃棄・削除証明書待ち",
                    None,
                    format!(
                        "委託した廃棄 {} 件の証明書が未受領（最初の廃棄 {}）",
                        waiting.len(),
                        style.format(*oldest)
                    ),
                ));
            }
        }
        due.sort_by_key(|d| (!d.overdue, d.due_on.unwrap_or(today), d.contractor.id));
        Ok(due)
    }
}

/// A new contractor. `pattern` is `I`–`IV`; `parent` (a contractor's ID or exact name) makes
/// it a 再委託先, with `approved_on` the officer's 許諾日; `files` are 台帳 NO.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewContractor {
    pub name: String,
    pub pattern: String,
    pub dept: Option<String>,
    pub manager: Option<String>,
    pub work: Option<String>,
    pub data: Option<String>,
    pub pmark: Option<String>,
    pub pmark_expiry: Option<String>,
    /// 過去2年間の漏えい事故: `None` until asked.
    pub leak_2y: Option<bool>,
    pub parent: Option<String>,
    pub approved_on: Option<String>,
    pub files: Vec<i64>,
}

/// A change of a contractor's details: the fields given replace the current ones (an empty
/// text clears an optional one; `pmark: ""` removes the P-mark). The pattern is fixed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContractorChanges {
    pub name: Option<String>,
    pub dept: Option<String>,
    pub manager: Option<String>,
    pub work: Option<String>,
    pub data: Option<String>,
    pub pmark: Option<String>,
    pub pmark_expiry: Option<String>,
    pub leak_2y: Option<bool>,
}

/// A change of contractor `id`'s details (the window's 「変更を保存」).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContractorUpdateRequest {
    pub id: i64,
    pub changes: ContractorChanges,
}

/// A clause of contractor `id`'s contract ticked (契約条項): the clause's ID (e.g. `001-5-1`),
/// the contract's name and the day it was signed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClauseRequest {
    pub id: i64,
    pub clause: String,
    pub contract: String,
    pub signed_on: String,
}

/// A contractor named in another record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContractorRef {
    pub id: i64,
    pub name: String,
}

/// One clause of the contract checklist, ticked or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClauseView {
    pub id: String,
    /// e.g. 「002 第47条4項⑩」
    pub article: String,
    pub text: String,
    pub ticked: bool,
    pub contract: Option<String>,
    pub signed_on: Option<NaiveDate>,
}

/// A contractor as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContractorView {
    pub id: i64,
    pub name: String,
    pub pattern: String,
    pub pattern_label: String,
    pub dept: Option<String>,
    pub manager: Option<String>,
    pub work: Option<String>,
    pub data: Option<String>,
    pub pmark: Option<String>,
    pub pmark_expiry: Option<NaiveDate>,
    /// As the screens write dates (和暦 or 西暦, the vault's setting).
    pub pmark_expiry_label: Option<String>,
    pub leak_2y: Option<bool>,
    pub parent: Option<ContractorRef>,
    pub approved_on: Option<NaiveDate>,
    pub subcontractors: Vec<ContractorRef>,
    pub files: Vec<i64>,
    pub active: bool,
    /// The last finalised evaluation: its ID, day and decision.
    pub last_evaluation: Option<EvaluationSummary>,
    /// 再評価の期限: a year after the last finalised evaluation.
    pub next_evaluation_due: Option<NaiveDate>,
    pub next_evaluation_due_label: Option<String>,
    /// Every clause of the checklist, ticked or not (only in `contractor show`).
    pub clauses: Vec<ClauseView>,
    pub clauses_missing: u32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvaluationSummary {
    pub id: i64,
    pub made_on: NaiveDate,
    pub decision: String,
    pub decision_label: String,
}

/// Something about a contractor that needs doing soon (the dashboard lists these).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DueItem {
    pub contractor: ContractorRef,
    /// `first_evaluation` | `reevaluation` | `rejected` | `pmark_expiry` | `improvement` | `certificate`
    pub kind: String,
    pub kind_label: String,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    pub detail: String,
}
