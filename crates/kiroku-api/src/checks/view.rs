//! A check as the screen, `kiroku check show` and the PDF read it.

use chrono::NaiveDate;
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::wareki::DateStyle;
use kiroku_core::yearly_check::{self, Answer, SignOff};
use kiroku_store::table::{check_actions, check_addenda, check_answers, check_signoffs, checks};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::auto::{period, AutoItem};
pub use super::finding::FindingView;
use crate::{ApiError, Session};

/// One item of the check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckItemView {
    /// `A1` … `A14`, `M1` … `M10`
    pub id: String,
    pub title: String,
    /// 根拠
    pub basis: String,
    /// Filled from the vault.
    pub auto: bool,
    /// What the vault holds (auto items).
    pub figure: Option<String>,
    /// The faults found, each with its record (auto items).
    pub findings: Vec<FindingView>,
    /// 適 / 不適 / 該当なし: the answer given, else (auto items) what the findings suggest.
    pub result: Option<String>,
    /// `adequate` | `inadequate` | `not_applicable`
    pub result_code: Option<String>,
    /// Someone answered it (an auto item's result is only a suggestion until then).
    pub answered: bool,
    /// 所見
    pub note: Option<String>,
}

/// 改善措置.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionView {
    pub id: i64,
    /// The check it was found in.
    pub check_id: i64,
    pub what: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub due_label: String,
    pub done_on: Option<NaiveDate>,
    pub done_label: Option<String>,
    /// Past its 期限 and not done.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SignOffView {
    /// `creator` | `officer` | `auditor` | `head`
    pub step: String,
    pub step_label: String,
    pub name: String,
    pub opinion: Option<String>,
    pub on_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AddendumView {
    pub text: String,
    pub by: String,
    pub on_label: String,
}

/// 取扱状況の点検（監査）結果報告書.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckView {
    pub id: i64,
    pub fiscal_year: i32,
    pub fy_label: String,
    /// 臨時の点検
    pub adhoc: bool,
    /// 「令和8年度 特定個人情報等の取扱状況の点検（監査）結果報告書」
    pub title: String,
    /// The period the figures cover.
    pub period_label: String,
    /// 確認 given: nothing changes but addenda and 完了日.
    pub frozen: bool,
    /// The figures as of: now, or the 確認 (frozen).
    pub as_of_label: String,
    pub items: Vec<CheckItemView>,
    pub actions: Vec<ActionView>,
    /// Open actions of earlier checks (前回からの繰越).
    pub carried: Vec<ActionView>,
    pub signoffs: Vec<SignOffView>,
    /// The sign-offs this user may give now (`creator` …).
    pub may_sign: Vec<String>,
    pub addenda: Vec<AddendumView>,
    /// The audit chain's head hash when the items were read (A8).
    pub head_hash: Option<String>,
}

/// A check in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckSummary {
    pub id: i64,
    pub fiscal_year: i32,
    pub title: String,
    pub adhoc: bool,
    pub created_label: String,
    /// 「作成中」 / 「確認済み」 / 「決裁済み」
    pub status_label: String,
    pub frozen: bool,
}

/// What 確認 keeps: the items as they were read, and the head hash.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Snapshot {
    items: Vec<CheckItemView>,
    head_hash: Option<String>,
    as_of_label: String,
}

pub(crate) fn step_code(s: SignOff) -> &'static str {
    match s {
        SignOff::Creator => "creator",
        SignOff::Officer => "officer",
        SignOff::Auditor => "auditor",
        SignOff::Head => "head",
    }
}

pub(crate) fn step_of(code: &str) -> Option<SignOff> {
    [
        SignOff::Creator,
        SignOff::Officer,
        SignOff::Auditor,
        SignOff::Head,
    ]
    .into_iter()
    .find(|s| step_code(*s) == code)
}

/// The sign-offs given, from their rows.
pub(crate) fn given(rows: &[check_signoffs::SignOffRow]) -> Vec<SignOff> {
    rows.iter().filter_map(|s| step_of(&s.step)).collect()
}

/// The sign-offs given on check `id`.
pub(crate) fn given_on(conn: &kiroku_store::Connection, id: i64) -> Result<Vec<SignOff>, ApiError> {
    Ok(given(&check_signoffs::of_check(conn, id)?))
}

pub(crate) fn answer_code(a: Answer) -> &'static str {
    match a {
        Answer::Adequate => "adequate",
        Answer::Inadequate => "inadequate",
        Answer::NotApplicable => "not_applicable",
    }
}

fn answer_of(code: &str) -> Option<Answer> {
    [Answer::Adequate, Answer::Inadequate, Answer::NotApplicable]
        .into_iter()
        .find(|a| answer_code(*a) == code)
}

pub(crate) fn title(row: &checks::CheckRow) -> String {
    let fy = FiscalYear(row.fiscal_year).label();
    if row.adhoc {
        format!("{fy} 特定個人情報等の取扱状況の臨時点検（監査）結果報告書")
    } else {
        format!("{fy} 特定個人情報等の取扱状況の点検（監査）結果報告書")
    }
}

pub(crate) fn action_view(
    a: &check_actions::ActionRow,
    style: DateStyle,
    today: NaiveDate,
) -> ActionView {
    ActionView {
        id: a.id,
        check_id: a.check_id,
        what: a.what.clone(),
        owner: a.owner.clone(),
        due_on: a.due_on,
        due_label: style.format(a.due_on),
        done_on: a.done_on,
        done_label: a.done_on.map(|d| style.format(d)),
        overdue: a.done_on.is_none() && today > a.due_on,
    }
}

impl Session {
    /// Check `id` whole: the items (read now, or as frozen at 確認), answers, actions, carried
    /// actions, sign-offs and addenda.
    pub(crate) fn check_view(&mut self, id: i64) -> Result<CheckView, ApiError> {
        let row = super::current(self.vault.conn(), id)?;
        let today = self.today();
        let conn = self.vault.conn();
        let style = crate::settings::date_style(conn)?;
        let signoffs = check_signoffs::of_check(conn, id)?;
        let given = given(&signoffs);
        let frozen = yearly_check::is_frozen(&given);
        let snapshot = signoffs
            .iter()
            .find(|s| s.step == "officer")
            .and_then(|s| s.snapshot.as_deref())
            .and_then(|j| serde_json::from_str::<Snapshot>(j).ok());
        let fy = FiscalYear(row.fiscal_year);
        let (items, head_hash, as_of_label) = match snapshot {
            Some(s) => (s.items, s.head_hash, s.as_of_label),
            None => {
                let (items, head) = self.read_items(id, fy)?;
                (items, head, style.format(today))
            }
        };
        let conn = self.vault.conn();
        let (from, to) = period(fy, today);
        let role = self.user.role;
        let may_sign = [
            SignOff::Creator,
            SignOff::Officer,
            SignOff::Auditor,
            SignOff::Head,
        ]
        .into_iter()
        .filter(|s| yearly_check::may_sign(role, *s, &given).is_ok())
        .map(|s| step_code(s).to_owned())
        .collect();
        Ok(CheckView {
            id,
            fiscal_year: row.fiscal_year,
            fy_label: fy.label(),
            adhoc: row.adhoc,
            title: title(&row),
            period_label: format!("{} 〜 {}", style.format(from), style.format(to)),
            frozen,
            as_of_label,
            items,
            actions: check_actions::of_check(conn, id)?
                .iter()
                .map(|a| action_view(a, style, today))
                .collect(),
            carried: check_actions::open_before(conn, Some(id))?
                .iter()
                .map(|a| action_view(a, style, today))
                .collect(),
            signoffs: signoffs
                .iter()
                .map(|s| SignOffView {
                    step: s.step.clone(),
                    step_label: step_of(&s.step)
                        .map(SignOff::label)
                        .unwrap_or("")
                        .to_owned(),
                    name: s.name.clone(),
                    opinion: s.opinion.clone(),
                    on_label: style.format(kiroku_core::wareki::day_in_japan(s.entered_at)),
                })
                .collect(),
            may_sign,
            addenda: check_addenda::of_check(conn, id)?
                .iter()
                .map(|a| AddendumView {
                    text: a.text.clone(),
                    by: a.entered_by.clone(),
                    on_label: style.format(kiroku_core::wareki::day_in_japan(a.entered_at)),
                })
                .collect(),
            head_hash,
        })
    }

    /// The items as the vault and the answers hold them now.
    fn read_items(
        &mut self,
        id: i64,
        fy: FiscalYear,
    ) -> Result<(Vec<CheckItemView>, Option<String>), ApiError> {
        let mut auto = self.auto_items(fy)?;
        let answers = check_answers::latest(self.vault.conn(), id)?;
        let head = auto.get("A8").and_then(|a| a.head.clone());
        let items = yearly_check::ITEMS
            .iter()
            .map(|item| {
                let found: AutoItem = auto.remove(item.id).unwrap_or_default();
                let answer = answers.iter().find(|a| a.item == item.id);
                let suggested =
                    (item.auto && !found.not_recorded).then_some(if found.findings.is_empty() {
                        Answer::Adequate
                    } else {
                        Answer::Inadequate
                    });
                let result = answer.and_then(|a| answer_of(&a.result)).or(suggested);
                CheckItemView {
                    id: item.id.to_owned(),
                    title: item.title.to_owned(),
                    basis: item.basis.to_owned(),
                    auto: item.auto,
                    figure: item.auto.then_some(found.figure),
                    findings: found.findings,
                    result: result.map(|r| r.label().to_owned()),
                    result_code: result.map(|r| answer_code(r).to_owned()),
                    answered: answer.is_some(),
                    note: answer.and_then(|a| a.note.clone()),
                }
            })
            .collect();
        Ok((items, head))
    }

    /// The items frozen at 確認 (JSON for the sign-off row).
    pub(crate) fn snapshot_json(&mut self, id: i64, fy: FiscalYear) -> Result<String, ApiError> {
        let (items, head_hash) = self.read_items(id, fy)?;
        let style = crate::settings::date_style(self.vault.conn())?;
        serde_json::to_string(&Snapshot {
            items,
            head_hash,
            as_of_label: style.format(self.today()),
        })
        .map_err(|e| ApiError::Internal(e.to_string()))
    }
}
