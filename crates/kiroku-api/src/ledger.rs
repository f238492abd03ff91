//! The 特定個人情報管理台帳 (別紙2): add, list, show, amend (a new version with its reason),
//! history. Every read and change is in the audit chain.

use crate::correction::amend_reason;
use crate::lookup::{self, guarded_id, Asked};
use crate::people::users::{stored_user, user_ref};
use crate::{ApiError, Session, UserRef};
use chrono::{DateTime, Utc};
use kiroku_core::audit::AuditAction;
use kiroku_core::ledger::{LedgerEntry, LedgerInput, Medium};
use kiroku_store::table::audit;
use kiroku_store::table::ledger::{self, LedgerVersionRow};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

impl NewLedgerEntry {
    fn from_entry(e: &LedgerEntry) -> Self {
        Self {
            name: e.name.clone(),
            scope: e.scope.clone(),
            dept: e.dept.clone(),
            owner: e.owner.clone(),
            handlers: e.handlers.clone(),
            purpose: e.purpose.clone(),
            retention: e.retention.text.clone(),
            disposal: e.disposal.to_input(),
            location: e.location.clone(),
            electronic: e.medium == Medium::Electronic,
        }
    }

    fn with(mut self, c: &LedgerChanges) -> Self {
        let set = |field: &mut String, v: &Option<String>| {
            if let Some(v) = v {
                field.clone_from(v);
            }
        };
        set(&mut self.name, &c.name);
        set(&mut self.scope, &c.scope);
        set(&mut self.dept, &c.dept);
        set(&mut self.owner, &c.owner);
        set(&mut self.purpose, &c.purpose);
        set(&mut self.retention, &c.retention);
        set(&mut self.disposal, &c.disposal);
        set(&mut self.location, &c.location);
        if let Some(h) = &c.handlers {
            self.handlers.clone_from(h);
        }
        if let Some(e) = c.electronic {
            self.electronic = e;
        }
        self
    }

    /// Validates every column and checks that the people named are users.
    fn parse(&self, conn: &Connection) -> Result<LedgerEntry, ApiError> {
        let mut entry = LedgerInput {
            name: &self.name,
            scope: &self.scope,
            dept: &self.dept,
            owner: &self.owner,
            handlers: &self.handlers,
            purpose: &self.purpose,
            retention: &self.retention,
            disposal: &self.disposal,
            location: &self.location,
            electronic: self.electronic,
        }
        .parse()?;
        entry.owner = user_ref(conn, "責任者", &entry.owner)?.0.id;
        for h in &mut entry.handlers {
            *h = user_ref(conn, "担当者", h)?.0.id;
        }
        Ok(entry)
    }
}

fn ledger_view(conn: &Connection, row: &LedgerVersionRow) -> Result<LedgerView, ApiError> {
    let e = &row.entry;
    Ok(LedgerView {
        no: row.no,
        version: row.version,
        amended: row.version > 1,
        name: e.name.clone(),
        scope: e.scope.clone(),
        dept: e.dept.clone(),
        owner: stored_user(conn, &e.owner)?,
        handlers: e
            .handlers
            .iter()
            .map(|h| stored_user(conn, h))
            .collect::<Result<_, _>>()?,
        purpose: e.purpose.clone(),
        retention: e.retention.text.clone(),
        retention_rule: e.retention.rule_id,
        disposal: e.disposal.display().to_owned(),
        disposal_status: disposal_status(conn, row.no)?,
        medium: e.medium.as_str().into(),
        medium_label: e.medium.label().into(),
        location: e.location.clone(),
        reason: row.reason.clone(),
        entered_at: row.entered_at,
        entered_at_label: crate::settings::date_style(conn)?.format_time(row.entered_at),
        entered_by: row.entered_by.clone(),
        input: NewLedgerEntry::from_entry(e),
    })
}

/// 廃棄・削除の状況 of a file: how many of its documents are in each state.
fn disposal_status(conn: &Connection, no: i64) -> Result<String, ApiError> {
    use kiroku_core::schedule::DocumentState;
    let docs = kiroku_store::table::documents::list(
        conn,
        kiroku_store::table::documents::DocumentFilter {
            ledger_no: Some(no),
            rule_id: None,
        },
    )?;
    Ok(DocumentState::ALL
        .iter()
        .filter_map(|&state| {
            let n = docs.iter().filter(|d| d.state() == state).count();
            (n > 0).then(|| format!("{} {n}件", state.label()))
        })
        .collect::<Vec<_>>()
        .join("・"))
}

impl Session {
    fn ledger_row(&self, no: i64) -> Result<LedgerVersionRow, ApiError> {
        lookup::ledger_entry(self.vault.conn(), no, Asked::Subject)
    }

    /// Adds a 台帳 entry; it gets the next NO.
    pub fn add_ledger_entry(&mut self, new: &NewLedgerEntry) -> Result<LedgerView, ApiError> {
        self.require_writer("台帳の登録")?;
        let stamp = self.stamp();
        // The people named are looked up, and the NO. given, inside the write transaction.
        let no = self.vault.write(|tx| -> Result<i64, ApiError> {
            let entry = new.parse(tx)?;
            let no = ledger::insert(tx, &entry, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(AuditAction::Create, format!("ledger:{no}"), ""),
            )?;
            Ok(no)
        })?;
        ledger_view(self.vault.conn(), &self.ledger_row(no)?)
    }

    /// Every entry's current version, by NO. (The 台帳 holds no personal data, but every
    /// access is recorded.)
    pub fn list_ledger(&mut self) -> Result<Vec<LedgerView>, ApiError> {
        self.audited_read("ledger", "台帳一覧")?;
        let conn = self.vault.conn();
        ledger::list(conn)?
            .iter()
            .map(|r| ledger_view(conn, r))
            .collect()
    }

    /// One entry's current version.
    pub fn ledger_entry(&mut self, no: i64) -> Result<LedgerView, ApiError> {
        let row = self.ledger_row(no)?;
        self.audited_read(&format!("ledger:{no}"), "")?;
        ledger_view(self.vault.conn(), &row)
    }

    /// Every version of one entry, oldest first.
    pub fn ledger_history(&mut self, no: i64) -> Result<Vec<LedgerView>, ApiError> {
        self.ledger_row(no)?;
        self.audited_read(&format!("ledger:{no}"), "履歴")?;
        let conn = self.vault.conn();
        ledger::history(conn, no)?
            .iter()
            .map(|r| ledger_view(conn, r))
            .collect()
    }

    /// Corrects an entry: a new version with the reason; the old one stays readable. The
    /// changes apply over the current version as read inside the write transaction: two
    /// windows correcting one entry write 第2版 and 第3版, never both 第2版.
    pub fn amend_ledger_entry(
        &mut self,
        no: i64,
        reason: &str,
        changes: &LedgerChanges,
    ) -> Result<LedgerView, ApiError> {
        self.require_writer("台帳の訂正")?;
        let no = guarded_id("台帳 NO.", no)?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            let current = lookup::live_ledger_entry(tx, no)?;
            let reason = amend_reason(reason)?;
            let mut entry = NewLedgerEntry::from_entry(&current.entry)
                .with(changes)
                .parse(tx)?;
            entry.retention.rule_id = current.entry.retention.rule_id;
            if entry == current.entry {
                return Err(kiroku_core::FieldError::new(
                    "訂正内容",
                    "変更する項目がありません。直す項目に新しい値を入れてください。",
                )
                .into());
            }
            let version = current.version + 1;
            ledger::amend(tx, no, version, &entry, &reason, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("ledger:{no}"),
                    format!("第{version}版: {reason}"),
                ),
            )?;
            Ok(())
        })?;
        ledger_view(self.vault.conn(), &self.ledger_row(no)?)
    }
}

/// A correction of a 台帳 entry (訂正), with its reason.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AmendLedgerRequest {
    pub no: i64,
    pub reason: String,
    pub changes: crate::LedgerChanges,
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
