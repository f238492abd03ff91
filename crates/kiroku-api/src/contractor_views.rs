//! Requests and responses of contractors (委託先), their contract clauses and the 評価シート
//! (別紙3).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
    /// `adopted` | `adopted_conditional` | `rejected` | `incomplete`
    pub decision: String,
    pub decision_label: String,
    pub reasons: Vec<ReasonView>,
    /// Applicable items still without a judgment.
    pub missing: Vec<u8>,
    pub finalized: bool,
    pub finalized_at: Option<DateTime<Utc>>,
    pub finalized_by: Option<String>,
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
