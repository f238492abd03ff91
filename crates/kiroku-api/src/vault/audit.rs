//! Reading and verifying the audit chain.

use super::audit_words::{target_kind, AuditChoice, AuditNames, TARGET_KINDS};
use crate::{ApiError, Session};
use chrono::{DateTime, Utc};
use kiroku_core::audit::{AuditAction, AuditRecord};
use kiroku_core::wareki;
use kiroku_core::FieldError;
use kiroku_store::table::audit;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

impl Session {
    /// The newest `limit` audit rows, oldest first. The read itself is recorded.
    pub fn audit_list(&mut self, limit: u64) -> Result<Vec<AuditRow>, ApiError> {
        Ok(self
            .audit_search(&AuditQuery {
                limit: Some(limit),
                ..AuditQuery::default()
            })?
            .rows)
    }

    /// 監査ログ: the newest rows the filters (利用者, 種別, 期間) let through, in words, with the
    /// filters' choices. The read itself is recorded first (the newest row when it matches).
    pub fn audit_search(&mut self, query: &AuditQuery) -> Result<AuditPage, ApiError> {
        let filter = query.filter()?;
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
        let entry = self.entry(AuditAction::Read, "audit", query.describe(limit));
        let style = crate::settings::date_style(self.vault.conn())?;
        self.vault.write(|tx| -> Result<AuditPage, ApiError> {
            audit::append(tx, entry)?;
            let found = audit::search(tx, &filter, limit)?;
            let names = AuditNames::read(tx)?;
            Ok(AuditPage {
                rows: found
                    .rows
                    .iter()
                    .map(|r| AuditRow::new(r, style, &names))
                    .collect(),
                total: found.total,
                users: names.user_choices(),
                kinds: TARGET_KINDS
                    .iter()
                    .map(|k| AuditChoice {
                        value: k.id.into(),
                        label: k.label.into(),
                    })
                    .collect(),
            })
        })
    }

    /// Checks every page of the file and recomputes the whole chain; the result is recorded.
    pub fn audit_verify(&mut self) -> Result<VerifyReport, ApiError> {
        let integrity = self.vault.integrity_check()?;
        let chain = audit::verify(self.vault.conn())?;
        let report = VerifyReport {
            ok: integrity.is_ok() && chain.first_break.is_none(),
            rows: chain.rows,
            page_problems: integrity.problems,
            first_broken_row: chain.first_break.as_ref().map(|b| b.seq()),
            chain_problem: chain.first_break.as_ref().map(ToString::to_string),
            head: hex_string(&chain.head),
        };
        let detail = if report.ok {
            format!("正常（{}行）", report.rows)
        } else {
            format!(
                "異常あり（最初の異常: {}行目）",
                report.first_broken_row.unwrap_or(0)
            )
        };
        let entry = self.entry(AuditAction::Verify, "audit", detail);
        // A damaged file may refuse the write; the report still reaches the user.
        let _ = self.vault.write(|tx| -> Result<(), ApiError> {
            audit::append(tx, entry)?;
            Ok(())
        });
        Ok(report)
    }
}

/// How many rows the screen shows when the request names no number.
const DEFAULT_LIMIT: u64 = 2000;

/// The 監査ログ screen's filters; an empty one does not narrow.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditQuery {
    /// 利用者: a login ID.
    pub user: Option<String>,
    /// 種別: one of the page's `kinds` (`event`, `ledger`, …).
    pub kind: Option<String>,
    /// 期間: the first day (和暦 or 西暦), the office's day (JST).
    pub from: Option<String>,
    /// 期間: the last day, inclusive.
    pub to: Option<String>,
    /// The newest this many rows (default 2000).
    #[ts(type = "number | null")]
    pub limit: Option<u64>,
}

impl AuditQuery {
    /// The store's filter; a bad date or an unknown 種別 is refused, naming the field.
    pub(crate) fn filter(&self) -> Result<audit::AuditFilter, ApiError> {
        let text = |t: &Option<String>| {
            t.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        let (from, to) = crate::lookup::period(&self.from, &self.to)?;
        let targets = match text(&self.kind) {
            None => Vec::new(),
            Some(k) => target_kind(&k)
                .ok_or_else(|| {
                    FieldError::new(
                        "種別",
                        format!("種別「{k}」はありません。一覧から選んでください。"),
                    )
                })?
                .targets
                .to_vec(),
        };
        Ok(audit::AuditFilter {
            actor: text(&self.user),
            target_kinds: targets,
            since: from.map(wareki::start_of_day_in_japan),
            until: to
                .and_then(|t| t.succ_opt())
                .map(wareki::start_of_day_in_japan),
        })
    }

    /// The read's audit detail: what was asked.
    fn describe(&self, limit: u64) -> String {
        let mut parts = vec![format!("監査ログ一覧（最新{limit}行）")];
        let mut add = |what: &str, v: &Option<String>| {
            if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
                parts.push(format!("{what}: {v}"));
            }
        };
        add("利用者", &self.user);
        add("種別", &self.kind);
        add("開始日", &self.from);
        add("終了日", &self.to);
        parts.join("、")
    }
}

/// What the 監査ログ screen shows: the rows, how many matched in all, and the filters' choices.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// Rows that match the filters (more than `rows` when the limit cut them).
    #[ts(type = "number")]
    pub total: u64,
    /// 利用者 to filter by.
    pub users: Vec<AuditChoice>,
    /// 種別 to filter by.
    pub kinds: Vec<AuditChoice>,
}

/// One audit row as shown: in words, with the stored values kept for the export and the proof.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditRow {
    pub seq: u64,
    pub at: DateTime<Utc>,
    /// `at` on the office's clock (JST), as the screens write dates.
    pub at_label: String,
    /// The login ID as stored.
    pub actor: String,
    /// 「佐藤 美咲」.
    pub actor_name: String,
    pub action: String,
    pub action_label: String,
    /// What was touched, as stored (`ledger:1`).
    pub target: String,
    /// The same in words (「管理台帳 NO.1」).
    pub target_label: String,
    /// The row as one sentence (「管理台帳 NO.1 を訂正」).
    pub summary: String,
    pub detail: String,
    pub hash: String,
}

impl AuditRow {
    pub(crate) fn new(
        r: &AuditRecord,
        style: kiroku_core::wareki::DateStyle,
        names: &AuditNames,
    ) -> Self {
        Self {
            seq: r.seq,
            at: r.entry.at,
            at_label: style.format_time(r.entry.at),
            actor: r.entry.actor.clone(),
            actor_name: names.actor(&r.entry.actor),
            action: r.entry.action.as_str().into(),
            action_label: r.entry.action.label().into(),
            target: r.entry.target.clone(),
            target_label: names.target(&r.entry.target),
            summary: names.summary(&r.entry),
            detail: r.entry.detail.clone(),
            hash: hex_string(&r.hash),
        }
    }
}

pub(crate) fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `audit verify`: every page of the file and the whole chain.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VerifyReport {
    pub ok: bool,
    pub rows: u64,
    /// Problems reported by `cipher_integrity_check` / `integrity_check`.
    pub page_problems: Vec<String>,
    /// The first broken row of the chain, if any.
    pub first_broken_row: Option<u64>,
    pub chain_problem: Option<String>,
    pub head: String,
}
