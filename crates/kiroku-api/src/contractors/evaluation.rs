//! The 評価シート (別紙3): a new sheet per contractor per year, judgments entered as they are
//! found, the decision the rule gives, and finalising by the officer. Never overwritten; a
//! draft the officer discards (破棄) stays readable, marked, with its reason.

use crate::contractors::contractor::contractor_ref;
use crate::{lookup, ApiError, ContractorRef, Session};
use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::audit::AuditAction;
use kiroku_core::evaluation::{
    self, check_judgment, decide, parse_item, Decision, Judgment, Outcome,
};
use kiroku_core::{wareki, FieldError};
use kiroku_store::table::{audit, evaluations};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

fn evaluation_view(
    conn: &Connection,
    e: &evaluations::EvaluationRow,
) -> Result<EvaluationView, ApiError> {
    let contractor = lookup::contractor(conn, e.contractor_id)?;
    let sheet = evaluations::sheet(conn, e.id)?;
    let confirmed = evaluations::confirmed_improvements(conn, e.id)?;
    let outcome = decide(e.pattern, e.facts, &sheet);
    let (decision, decision_label, reasons, missing) = match &outcome {
        _ if e.discarded.is_some() => ("discarded", "破棄", Vec::new(), Vec::new()),
        Outcome::Decided { decision, reasons } => (
            decision.as_str(),
            decision.label(),
            reasons
                .iter()
                .map(|r| ReasonView {
                    item: r.item,
                    text: r.text.clone(),
                })
                .collect(),
            Vec::new(),
        ),
        Outcome::Incomplete { missing } => (
            "incomplete",
            "未完了（判定していない項目あり）",
            Vec::new(),
            missing.clone(),
        ),
    };
    Ok(EvaluationView {
        id: e.id,
        contractor: contractor_ref(&contractor),
        re_evaluation: e.re_evaluation,
        made_on: e.made_on,
        made_on_label: crate::settings::date_style(conn)?.format(e.made_on),
        pattern: e.pattern.as_str().into(),
        pmark_valid: e.facts.pmark_valid,
        leak_2y: e.facts.leak_in_2_years,
        shortcut: evaluation::shortcut_applies(e.pattern, e.facts),
        items: (1..=20u8)
            .map(|n| ItemView {
                no: n,
                text: evaluation::item_text(n).unwrap_or_default().into(),
                applies: evaluation::applies(e.pattern, n),
                judgment: sheet.judgments.get(&n).map(|j| j.as_str().into()),
                improvement: sheet.improvements.get(&n).cloned(),
                improvement_confirmed_on: confirmed.get(&n).copied(),
            })
            .collect(),
        decision: decision.into(),
        decision_label: decision_label.into(),
        reasons,
        missing,
        finalized: e.finalized.is_some(),
        finalized_at: e.finalized.as_ref().map(|f| f.at),
        finalized_by: e.finalized.as_ref().map(|f| f.by.clone()),
        discarded: e.discarded.is_some(),
        discarded_at: e.discarded.as_ref().map(|d| d.at),
        discarded_by: e.discarded.as_ref().map(|d| d.by.clone()),
        discard_reason: e.discarded.as_ref().map(|d| d.reason.clone()),
    })
}

/// Sheet `id`, refused once finalised or discarded (by this window or another meanwhile).
fn open_evaluation(conn: &Connection, id: i64) -> Result<evaluations::EvaluationRow, ApiError> {
    let e = lookup::evaluation(conn, id)?;
    if e.finalized.is_some() {
        return Err(FieldError::new(
            "評価",
            format!("評価 ID {id} は確定済みのため変更できません。直すときは新しい評価を作成してください。"),
        )
        .into());
    }
    if e.discarded.is_some() {
        return Err(FieldError::new(
            "評価",
            format!("評価 ID {id} は破棄済みのため変更できません。評価するときは新しい評価を作成してください。"),
        )
        .into());
    }
    Ok(e)
}

/// The reason a draft sheet is discarded: required, guarded like every text.
fn discard_reason(reason: &str) -> Result<String, ApiError> {
    crate::correction::required_reason(
        "破棄の理由",
        reason,
        "破棄には理由が必要です。この下書きを使わない理由（例: 委託先を取り違えた）を入力してください。",
    )
}

/// Checks that sheet `id` is a draft that may be discarded, as `conn` holds it now.
fn check_discardable(conn: &Connection, id: i64) -> Result<(), ApiError> {
    let e = lookup::evaluation(conn, id)?;
    if e.finalized.is_some() {
        return Err(FieldError::new(
            "評価",
            format!("評価 ID {id} は確定済みのため破棄できません。確定した評価シートは記録として残ります。"),
        )
        .into());
    }
    if e.discarded.is_some() {
        return Err(ApiError::AlreadyExists(format!(
            "評価 ID {id} はすでに破棄されています（別の画面・コマンドで破棄された可能性があります）。"
        )));
    }
    Ok(())
}

/// The rows `judgments` and `improvements` add to open sheet `id`, checked against the sheet
/// as `conn` holds it now.
fn judgment_rows(
    conn: &Connection,
    id: i64,
    judgments: &[(String, String)],
    improvements: &[(String, String)],
) -> Result<Vec<(u8, Judgment, Option<String>)>, ApiError> {
    let e = open_evaluation(conn, id)?;
    let current = evaluations::sheet(conn, id)?;
    let mut texts = std::collections::BTreeMap::new();
    for (item, text) in improvements {
        let n = parse_item(item)?;
        texts.insert(
            n,
            kiroku_core::field::required_text("改善措置等", text, 300)?,
        );
    }
    let mut rows = Vec::new();
    for (item, judgment) in judgments {
        let n = parse_item(item)?;
        let j = Judgment::parse(n, judgment)?;
        if j != Judgment::B && texts.contains_key(&n) {
            return Err(FieldError::new(
                "改善措置等",
                format!(
                    "改善措置等は B（改善が必要）と判定した項目に入力します（No.{n} は {}）。",
                    j.as_str()
                ),
            )
            .into());
        }
        let improvement = texts.remove(&n).or_else(|| {
            (j == Judgment::B)
                .then(|| current.improvements.get(&n).cloned())
                .flatten()
        });
        check_judgment(e.pattern, n, j, improvement.as_deref())?;
        rows.push((n, j, improvement.filter(|_| j == Judgment::B)));
    }
    // An improvement alone updates the text of an item already judged B.
    for (n, text) in texts {
        if current.judgments.get(&n) != Some(&Judgment::B) {
            return Err(FieldError::new(
                "改善措置等",
                format!("改善措置等は B（改善が必要）と判定した項目に入力します（No.{n} は B ではありません）。"),
            )
            .into());
        }
        rows.push((n, Judgment::B, Some(text)));
    }
    if rows.is_empty() {
        return Err(FieldError::new(
            "判定",
            "判定を「項目=判定」の形で入力してください（例: 1=A,2=B）。",
        )
        .into());
    }
    Ok(rows)
}

/// The decision the rule gives open sheet `id` as `conn` holds it now; an incomplete sheet is
/// refused with the items still missing.
fn final_decision(conn: &Connection, id: i64) -> Result<Decision, ApiError> {
    let e = open_evaluation(conn, id)?;
    let sheet = evaluations::sheet(conn, id)?;
    match decide(e.pattern, e.facts, &sheet) {
        Outcome::Decided { decision, .. } => Ok(decision),
        Outcome::Incomplete { missing } => {
            let list: Vec<String> = missing.iter().map(|n| format!("No.{n}")).collect();
            Err(FieldError::new(
                "判定",
                format!(
                    "判定していない項目があるため確定できません: {}。",
                    list.join("、")
                ),
            )
            .into())
        }
    }
}

/// Checks that item `n` of sheet `id` is a B item of a finalised sheet whose improvement is not
/// yet confirmed, as `conn` holds it now.
fn check_confirmable(conn: &Connection, id: i64, n: u8) -> Result<(), ApiError> {
    let e = lookup::evaluation(conn, id)?;
    let sheet = evaluations::sheet(conn, id)?;
    if sheet.judgments.get(&n) != Some(&Judgment::B) {
        return Err(FieldError::new(
            "評価項目",
            format!("No.{n} は B（改善が必要）ではありません。"),
        )
        .into());
    }
    if e.finalized.is_none() {
        return Err(FieldError::new("評価", "改善の確認は、評価を確定してから記録します。").into());
    }
    if evaluations::confirmed_improvements(conn, id)?.contains_key(&n) {
        return Err(ApiError::AlreadyExists(format!(
            "No.{n} の改善はすでに確認済みです（別の画面・コマンドで記録された可能性があります）。評価シート（kiroku eval show {id}）で確認してください。"
        )));
    }
    Ok(())
}

impl Session {
    fn evaluation_row(&self, id: i64) -> Result<evaluations::EvaluationRow, ApiError> {
        lookup::evaluation(self.vault.conn(), id)
    }

    /// Starts a 評価シート for an active contractor on `date` (default today): 新規, or 再評価
    /// with `re`. The pattern and the P-mark facts of that day are fixed on the sheet.
    pub fn new_evaluation(
        &mut self,
        contractor_id: i64,
        re: bool,
        date: Option<&str>,
    ) -> Result<EvaluationView, ApiError> {
        self.require_writer("委託先評価")?;
        let today = self.today();
        let stamp = self.stamp();
        // The contractor is read inside the write transaction: one disabled or changed by
        // another window or command meanwhile is seen, and the sheet fixes its facts of now.
        let id = self.vault.write(|tx| -> Result<i64, ApiError> {
            let c = lookup::contractor(tx, contractor_id)?;
            if !c.is_active() {
                return Err(FieldError::new(
                    "委託先",
                    format!(
                        "委託先「{}」は無効化されているため評価できません。",
                        c.details.name
                    ),
                )
                .into());
            }
            let made_on = match date.filter(|d| !d.trim().is_empty()) {
                Some(d) => wareki::parse_happened("作成年月日", d, today)?,
                None => today,
            };
            let new = evaluations::NewEvaluation {
                contractor_id,
                re_evaluation: re,
                made_on,
                pattern: c.details.pattern,
                facts: c.details.shortcut_facts(made_on),
            };
            let id = evaluations::insert(tx, &new, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    format!("evaluation:{id}"),
                    format!(
                        "contractor:{contractor_id} {}",
                        if re { "再評価" } else { "新規" }
                    ),
                ),
            )?;
            Ok(id)
        })?;
        evaluation_view(self.vault.conn(), &self.evaluation_row(id)?)
    }

    /// Enters judgments (`ITEM`, `JUDGMENT`) and 改善措置等 (`ITEM`, text) on an open sheet.
    /// Every pair is checked against the sheet's rules first; nothing is kept if one fails.
    pub fn set_judgments(
        &mut self,
        id: i64,
        judgments: &[(String, String)],
        improvements: &[(String, String)],
    ) -> Result<EvaluationView, ApiError> {
        self.require_writer("委託先評価")?;
        let stamp = self.stamp();
        // The sheet is read, and the judgments checked, inside the write transaction: a sheet
        // finalised by another window meanwhile is never changed.
        self.vault.write(|tx| -> Result<(), ApiError> {
            let rows = judgment_rows(tx, id, judgments, improvements)?;
            let detail = rows
                .iter()
                .map(|(n, j, _)| format!("{n}={}", j.as_str()))
                .collect::<Vec<_>>()
                .join(",");
            evaluations::add_judgments(tx, id, &rows, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(AuditAction::Amend, format!("evaluation:{id}"), detail),
            )?;
            Ok(())
        })?;
        evaluation_view(self.vault.conn(), &self.evaluation_row(id)?)
    }

    /// Finalises a complete sheet with the rule's decision (officer only). An incomplete one
    /// is refused with the items still missing.
    pub fn finalize_evaluation(&mut self, id: i64) -> Result<EvaluationView, ApiError> {
        self.require_officer("評価の確定")?;
        let stamp = self.stamp();
        // The decision is made from the sheet as read inside the write transaction: a
        // judgment entered by another window meanwhile is part of it.
        self.vault.write(|tx| -> Result<(), ApiError> {
            let decision = final_decision(tx, id)?;
            evaluations::finalize(tx, id, decision, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("evaluation:{id}"),
                    format!("確定: {}", decision.label()),
                ),
            )?;
            Ok(())
        })?;
        evaluation_view(self.vault.conn(), &self.evaluation_row(id)?)
    }

    /// Records that a B item's improvement was carried out (on a finalised sheet).
    pub fn confirm_improvement(
        &mut self,
        id: i64,
        item: &str,
        date: Option<&str>,
    ) -> Result<EvaluationView, ApiError> {
        self.require_writer("改善の確認")?;
        let today = self.today();
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            lookup::evaluation(tx, id)?;
            let n = parse_item(item)?;
            check_confirmable(tx, id, n)?;
            let on = match date.filter(|d| !d.trim().is_empty()) {
                Some(d) => wareki::parse_happened("確認日", d, today)?,
                None => today,
            };
            evaluations::confirm_improvement(tx, id, n, on, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("evaluation:{id}"),
                    format!("No.{n} 改善確認"),
                ),
            )?;
            Ok(())
        })?;
        evaluation_view(self.vault.conn(), &self.evaluation_row(id)?)
    }

    /// Discards a draft sheet (破棄, officer only) with its reason: it stays readable, marked
    /// 破棄, takes no more judgments and is never finalised. A finalised sheet, or one already
    /// discarded, is refused.
    pub fn discard_evaluation(
        &mut self,
        id: i64,
        reason: &str,
    ) -> Result<EvaluationView, ApiError> {
        self.require_officer("評価シートの破棄")?;
        let reason = discard_reason(reason)?;
        let stamp = self.stamp();
        // Checked inside the write transaction: a sheet finalised or discarded by another
        // window or command meanwhile is refused.
        self.vault.write(|tx| -> Result<(), ApiError> {
            check_discardable(tx, id)?;
            evaluations::discard(tx, id, &reason, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("evaluation:{id}"),
                    format!("破棄: {reason}"),
                ),
            )?;
            Ok(())
        })?;
        evaluation_view(self.vault.conn(), &self.evaluation_row(id)?)
    }

    /// One sheet with its decision, reasons and what is missing (the read is audited).
    pub fn evaluation(&mut self, id: i64) -> Result<EvaluationView, ApiError> {
        let e = self.evaluation_row(id)?;
        self.audited_read(&format!("evaluation:{id}"), "")?;
        evaluation_view(self.vault.conn(), &e)
    }

    /// A contractor's sheets, oldest first.
    pub fn evaluations_of(&mut self, contractor_id: i64) -> Result<Vec<EvaluationView>, ApiError> {
        lookup::contractor(self.vault.conn(), contractor_id)?;
        self.audited_read(&format!("contractor:{contractor_id}"), "評価一覧")?;
        let conn = self.vault.conn();
        evaluations::of_contractor(conn, contractor_id)?
            .iter()
            .map(|e| evaluation_view(conn, e))
            .collect()
    }
}

/// One row of the evaluation grid: item (1–20), A/B/C/—, and the improvement for a B.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct JudgmentInput {
    pub item: String,
    pub judgment: String,
    pub improvement: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct JudgmentsRequest {
    pub id: i64,
    pub judgments: Vec<JudgmentInput>,
}

/// One 評価項目 of a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemView {
    pub no: u8,
    pub text: String,
    /// ○ for this pattern.
    pub applies: bool,
    /// `A` | `B` | `C` | `—`, when judged.
    pub judgment: Option<String>,
    pub improvement: Option<String>,
    /// The day a B item's improvement was confirmed.
    pub improvement_confirmed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReasonView {
    /// The item (0 for 選定基準(1) or the sheet as a whole).
    pub item: u8,
    pub text: String,
}

/// An evaluation (評価シート) as shown: its decision so far, the reasons and what is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvaluationView {
    pub id: i64,
    pub contractor: ContractorRef,
    /// 再評価 (else 新規).
    pub re_evaluation: bool,
    /// 作成年月日
    pub made_on: NaiveDate,
    pub made_on_label: String,
    pub pattern: String,
    pub pmark_valid: bool,
    pub leak_2y: bool,
    /// 選定基準(1) applies: 採用 without the items.
    pub shortcut: bool,
    pub items: Vec<ItemView>,
    /// `adopted` | `adopted_conditional` | `rejected` | `incomplete` | `discarded`
    pub decision: String,
    pub decision_label: String,
    pub reasons: Vec<ReasonView>,
    /// Applicable items still without a judgment.
    pub missing: Vec<u8>,
    pub finalized: bool,
    pub finalized_at: Option<DateTime<Utc>>,
    pub finalized_by: Option<String>,
    /// A draft discarded (破棄): kept and shown marked, no longer the contractor's current sheet.
    pub discarded: bool,
    pub discarded_at: Option<DateTime<Utc>>,
    pub discarded_by: Option<String>,
    pub discard_reason: Option<String>,
}

/// A draft 評価シート discarded (破棄) with its reason.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DiscardEvaluationRequest {
    pub id: i64,
    pub reason: String,
}

impl Session {
    /// The evaluation grid saved in one step (all pairs checked before any is kept).
    pub fn set_judgment_rows(
        &mut self,
        req: &JudgmentsRequest,
    ) -> Result<crate::EvaluationView, ApiError> {
        let judgments: Vec<(String, String)> = req
            .judgments
            .iter()
            .filter(|j| !j.judgment.trim().is_empty())
            .map(|j| (j.item.clone(), j.judgment.clone()))
            .collect();
        let improvements: Vec<(String, String)> = req
            .judgments
            .iter()
            .filter_map(|j| {
                j.improvement
                    .as_ref()
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| (j.item.clone(), t.clone()))
            })
            .collect();
        self.set_judgments(req.id, &judgments, &improvements)
    }
}
