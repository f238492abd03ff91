//! Requests and responses of the handling log (別紙1) and the ledger (別紙2).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A user named in a record: login ID and 氏名.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UserRef {
    pub id: String,
    pub name: String,
}

/// A new 台帳 entry (別紙2). `owner` and `handlers` are login IDs; `disposal` is a method
/// (`shred`, `dissolve`, … or `other:内容`); `retention` is the 保存期間 as printed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewLedgerEntry {
    pub name: String,
    pub scope: String,
    pub dept: String,
    pub owner: String,
    pub handlers: Vec<String>,
    pub purpose: String,
    pub retention: String,
    pub disposal: String,
    pub location: String,
    pub electronic: bool,
}

/// A correction of a 台帳 entry: the fields given replace the current ones.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LedgerChanges {
    pub name: Option<String>,
    pub scope: Option<String>,
    pub dept: Option<String>,
    pub owner: Option<String>,
    pub handlers: Option<Vec<String>>,
    pub purpose: Option<String>,
    pub retention: Option<String>,
    pub disposal: Option<String>,
    pub location: Option<String>,
    pub electronic: Option<bool>,
}

/// One version of a 台帳 entry as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LedgerView {
    /// NO.
    pub no: i64,
    pub version: u32,
    /// True when a later version replaced an earlier one (this is not version 1).
    pub amended: bool,
    pub name: String,
    pub scope: String,
    pub dept: String,
    pub owner: UserRef,
    pub handlers: Vec<UserRef>,
    pub purpose: String,
    pub retention: String,
    /// The retention rule it follows, once linked (retention issue).
    pub retention_rule: Option<i64>,
    /// 廃棄・削除 as printed (the method).
    pub disposal: String,
    /// 廃棄・削除の状況: the documents kept under this file by state, e.g.
    /// 「保存中 12件・廃棄済 3件・証明書待ち 1件」 (empty when it has none).
    pub disposal_status: String,
    /// `medium`: `paper` | `electronic`
    pub medium: String,
    pub medium_label: String,
    pub location: String,
    /// Why this version replaced the previous one.
    pub reason: Option<String>,
    pub entered_at: DateTime<Utc>,
    /// `entered_at` on the office's clock, as the screens write dates.
    pub entered_at_label: String,
    pub entered_by: String,
    /// The entry as the amend form takes it (every field filled with the current value).
    pub input: NewLedgerEntry,
}

/// A handling event to record (別紙1). Identifiers are those of DOMAIN.md §3; a choice may
/// carry its precise text as `ID:内容` (e.g. `tax_office:○○税務署`).
///
/// `persons` takes one person, or many for a batch (the same event for each, e.g. 年末調整).
/// `affair` is an affair's ID or exact name; `dependent` a dependent's ID or name (only with
/// one person); `file` a 台帳 NO.; `clerk` the login ID of who did it (default: the user).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewEvent {
    pub kind: String,
    pub date: String,
    pub affair: String,
    pub persons: Vec<i64>,
    pub dependent: Option<String>,
    pub file: Option<i64>,
    pub clerk: Option<String>,
    pub fields: EventFields,
    /// The 帳票 this acquisition's papers go into: an existing one …
    pub document: Option<i64>,
    /// … or a new one made from the event (one person: theirs; a batch: 一式 of them all).
    pub new_document: Option<DocumentFromEvent>,
}

/// A document made from an acquisition: kept under the event's 台帳 file by `rule` (ID or
/// 帳票名); its name defaults to the event's 内容, its base date to the event's date.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentFromEvent {
    pub rule: String,
    pub name: Option<String>,
    pub base_date: Option<String>,
}

/// The details of an event; which are needed depends on the kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventFields {
    /// 取得元 (acquire): `person` | `agent` | `employer` | `jlis` | `other:…`
    pub source: Option<String>,
    /// 本人確認方法 (acquire) or 廃棄・削除の方法 (dispose, delete).
    pub method: Option<String>,
    /// 提出先 (submit: `tax_office:○○税務署` …) or 持出先 (take_out, free text).
    pub to: Option<String>,
    /// 提出方法 (submit): `e_filing` | `registered_mail` | `sealed_hand_carry` | …
    pub via: Option<String>,
    /// 安全措置 (take_out): `seal`, `tracked_mail`, `encryption`, `password`, `locked_case`, `other:…`
    pub measures: Vec<String>,
    /// 封緘 (hand_over).
    pub sealed: Option<bool>,
    /// 内容: 利用の内容, 出力したもの, 持出しの目的, 廃棄・削除したもの, 求めた内容, 訂正等の内容.
    pub content: Option<String>,
    /// 委託先 (dispose by a contractor, certificate).
    pub contractor: Option<String>,
    /// 証明書番号 (certificate).
    pub certificate_no: Option<String>,
    /// 回答 (refusal).
    pub answer: Option<String>,
    /// 請求者 (correct).
    pub requester: Option<String>,
    /// 訂正理由 (correct).
    pub correction_reason: Option<String>,
    /// 確認者 (delete): login ID of a user other than the clerk.
    pub witness: Option<String>,
    /// 責任者 (correct): login ID of an officer.
    pub officer: Option<String>,
    /// 備考
    pub note: Option<String>,
}

/// A correction of an event: the parts given replace the current ones, an empty text clears
/// an optional one; in `fields` likewise, and given measures replace the list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventChanges {
    pub kind: Option<String>,
    pub date: Option<String>,
    pub affair: Option<String>,
    pub person: Option<i64>,
    pub dependent: Option<String>,
    pub file: Option<String>,
    pub clerk: Option<String>,
    pub fields: EventFields,
}

/// One version of an event as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventView {
    pub id: i64,
    pub version: u32,
    /// How many versions the event has (the current one is the last).
    pub versions: u32,
    pub amended: bool,
    pub kind: String,
    pub kind_label: String,
    pub date: NaiveDate,
    /// The date in 和暦.
    pub date_label: String,
    /// None for a handling of a document as a whole.
    pub affair_id: Option<i64>,
    pub affair: Option<String>,
    /// None for a batch (一式).
    pub person_id: Option<i64>,
    pub person: Option<String>,
    pub dependent_id: Option<i64>,
    pub dependent: Option<String>,
    pub file: Option<i64>,
    /// The 帳票 it handled or filed the papers in.
    pub document: Option<i64>,
    pub clerk: UserRef,
    /// Everything the event recorded, in words (the 運用状況記録票's 内容).
    pub summary: String,
    /// The details as the amend form takes them.
    pub fields: EventFields,
    /// Why this version replaced the previous one.
    pub reason: Option<String>,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

/// Which events a list or view shows. Dates in 和暦 or 西暦; `fy` as `令和7年度`, `R7` or `2025`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventQuery {
    pub fy: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub person: Option<i64>,
    pub affair: Option<String>,
    pub kind: Option<String>,
    pub file: Option<i64>,
}

/// One row of the 運用状況記録票 (別紙1, chronological).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChronologicalRow {
    pub event_id: i64,
    pub version: u32,
    pub amended: bool,
    pub date: NaiveDate,
    pub date_label: String,
    pub kind: String,
    pub kind_label: String,
    pub affair: Option<String>,
    pub person: Option<String>,
    pub unit: Option<String>,
    pub dependent: Option<String>,
    pub file: Option<i64>,
    pub summary: String,
    pub clerk: String,
    pub note: Option<String>,
}
