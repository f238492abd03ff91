//! Requests and responses of retention rules (保存期間), documents (帳票), the disposal
//! schedule and disposals. Dates are ISO in JSON.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A new retention rule. `start`: `base-date` | `day-after` | `after-jan10-next-year` |
/// `next-fiscal-year`; `disposal`: `shred` … or `other:内容`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewRule {
    pub name: String,
    pub start: String,
    pub years: String,
    pub basis: String,
    /// 法定 (else a 規程 or a 規程's example).
    pub statutory: bool,
    pub disposal: String,
    pub base_hint: Option<String>,
}

/// A change of a rule: the fields given replace the current ones.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleChanges {
    pub name: Option<String>,
    pub start: Option<String>,
    pub years: Option<String>,
    pub basis: Option<String>,
    pub statutory: Option<bool>,
    pub disposal: Option<String>,
    pub base_hint: Option<String>,
}

/// A rule (one version) as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleView {
    pub id: i64,
    pub version: u32,
    pub amended: bool,
    /// Shipped with Kiroku (DOMAIN.md §6), not added by the office.
    pub built_in: bool,
    pub name: String,
    pub start: String,
    pub start_label: String,
    pub years: u32,
    /// The 保存期間 as the 台帳 words it.
    pub period: String,
    pub basis: String,
    pub statutory: bool,
    /// 法定 | 規程
    pub basis_kind: String,
    pub disposal: String,
    pub base_hint: Option<String>,
    /// Documents kept under this rule.
    pub documents: u32,
    pub reason: Option<String>,
    pub entered_at: DateTime<Utc>,
    /// `entered_at` on the office's clock, as the screens write dates.
    pub entered_at_label: String,
    pub entered_by: String,
    /// The rule as the change form takes it (every field filled with the current value).
    pub input: NewRule,
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
