//! Retention rules (保存期間): the built-in catalog and the office's own, changed by the officer
//! only. A change is a new version with its reason; every document under the rule is
//! recalculated (its dates are derived on every read).

use crate::correction::amend_reason;
use crate::lookup::{self, guarded_id};
use crate::{ApiError, ChoiceView, Session};
use chrono::{DateTime, Utc};
use kiroku_core::audit::AuditAction;
use kiroku_core::retention::{RetentionRule, RuleInput};
use kiroku_core::FieldError;
use kiroku_store::table::documents::{self, DocumentFilter};
use kiroku_store::table::retention_rules::{self, RuleVersionRow};
use kiroku_store::table::{audit, meta};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who enters the built-in catalog (the v5 migration).
const BUILT_IN_BY: &str = "kiroku";
/// `meta` key: the day the officer confirmed the rules as they stand (「このままでよい」).
const RULES_CONFIRMED: &str = "rules_confirmed_on";

/// Whether the office has looked at its retention rules: it added or changed one, or the
/// officer confirmed the catalog as it stands (the home's 「はじめに」 checklist).
pub(crate) fn rules_reviewed(conn: &Connection) -> Result<bool, ApiError> {
    Ok(meta::get(conn, RULES_CONFIRMED)?.is_some()
        || retention_rules::count_office_changes(conn, BUILT_IN_BY)? > 0)
}

fn rule_view(conn: &Connection, row: &RuleVersionRow) -> Result<RuleView, ApiError> {
    let r = &row.rule;
    let count = documents::count_under_rule(conn, row.id)?;
    Ok(RuleView {
        id: row.id,
        version: row.version,
        amended: row.version > 1,
        built_in: retention_rules::history(conn, row.id)?
            .first()
            .is_some_and(|v| v.entered_by == BUILT_IN_BY),
        name: r.name.clone(),
        start: r.start.as_str().into(),
        start_label: r.start.label().into(),
        years: r.years,
        period: r.period_text(),
        basis: r.basis.clone(),
        statutory: r.statutory,
        basis_kind: r.basis_kind_label().into(),
        disposal: r.disposal.display().into(),
        base_hint: r.base_hint.clone(),
        documents: u32::try_from(count).unwrap_or(u32::MAX),
        reason: row.reason.clone(),
        entered_at: row.entered_at,
        entered_at_label: crate::settings::date_style(conn)?.format_time(row.entered_at),
        entered_by: row.entered_by.clone(),
        input: input_of(r),
    })
}

fn input_of(r: &RetentionRule) -> NewRule {
    NewRule {
        name: r.name.clone(),
        start: r.start.as_str().into(),
        years: r.years.to_string(),
        basis: r.basis.clone(),
        statutory: r.statutory,
        disposal: r.disposal.to_input(),
        base_hint: r.base_hint.clone(),
    }
}

fn parse_rule(new: &NewRule) -> Result<RetentionRule, FieldError> {
    RuleInput {
        name: &new.name,
        start: &new.start,
        years: &new.years,
        basis: &new.basis,
        statutory: new.statutory,
        disposal: &new.disposal,
        base_hint: new.base_hint.as_deref(),
    }
    .parse()
}

impl Session {
    fn rule_row(&self, id: i64) -> Result<RuleVersionRow, ApiError> {
        lookup::rule(self.vault.conn(), id)
    }

    /// Every rule's current version.
    pub fn list_rules(&mut self) -> Result<Vec<RuleView>, ApiError> {
        self.audited_read("rules", "保存期間のルール一覧")?;
        let conn = self.vault.conn();
        retention_rules::list(conn)?
            .iter()
            .map(|r| rule_view(conn, r))
            .collect()
    }

    /// One rule with every version, oldest first.
    pub fn rule_history(&mut self, id: i64) -> Result<Vec<RuleView>, ApiError> {
        self.rule_row(id)?;
        self.audited_read(&format!("rule:{id}"), "")?;
        let conn = self.vault.conn();
        retention_rules::history(conn, id)?
            .iter()
            .map(|r| rule_view(conn, r))
            .collect()
    }

    /// 「このままでよい」: the officer confirms the retention rules as they stand (audited). The
    /// home's 「はじめに」 checklist then counts the rules as reviewed.
    pub fn confirm_rules(&mut self) -> Result<(), ApiError> {
        self.require_officer("保存期間のルールの確認")?;
        let today = self.today().to_string();
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            meta::set(tx, RULES_CONFIRMED, &today)?;
            let rules = retention_rules::list(tx)?.len();
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    "setting:rules_confirmed",
                    format!("保存期間のルール {rules} 件を確認"),
                ),
            )?;
            Ok(())
        })
    }

    /// Adds a rule (officer only).
    pub fn add_rule(&mut self, new: &NewRule) -> Result<RuleView, ApiError> {
        self.require_officer("保存期間のルールの追加")?;
        let rule = parse_rule(new)?;
        let stamp = self.stamp();
        // The name is checked against the rules inside the write transaction: two windows
        // adding the same rule never both succeed.
        let id = self.vault.write(|tx| -> Result<i64, ApiError> {
            if retention_rules::list(tx)?
                .iter()
                .any(|r| r.rule.name == rule.name)
            {
                return Err(FieldError::new(
                    "保存文書名",
                    format!(
                        "ルール「{}」はすでにあります。追加ではなく、そのルールを変更してください。",
                        rule.name
                    ),
                )
                .into());
            }
            let id = retention_rules::insert(tx, &rule, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    format!("rule:{id}"),
                    rule.period_text(),
                ),
            )?;
            Ok(id)
        })?;
        rule_view(self.vault.conn(), &self.rule_row(id)?)
    }

    /// Changes a rule (officer only): a new version with the reason. Every document under it
    /// follows the new version; the audit row says how many.
    ///
    /// The changes apply over the current version as read inside the write transaction, and
    /// the documents under the rule are counted there too: two windows changing one rule
    /// write 第2版 and 第3版, and the count is of the documents the new version governs.
    pub fn edit_rule(
        &mut self,
        id: i64,
        reason: &str,
        changes: &RuleChanges,
    ) -> Result<RuleView, ApiError> {
        self.require_officer("保存期間のルールの変更")?;
        let id = guarded_id("保存期間のルール", id)?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            let current = lookup::rule(tx, id)?;
            let reason = amend_reason(reason)?;
            let rule = parse_rule(&changed_rule(&current.rule, changes))?;
            if rule.name != current.rule.name
                && retention_rules::list(tx)?
                    .iter()
                    .any(|r| r.id != id && r.rule.name == rule.name)
            {
                return Err(FieldError::new(
                    "保存文書名",
                    format!(
                        "ルール「{}」はすでにあります。別の名称にしてください。",
                        rule.name
                    ),
                )
                .into());
            }
            if rule == current.rule {
                return Err(FieldError::new(
                    "変更内容",
                    "変更する項目がありません。直す項目に新しい値を入れてください。",
                )
                .into());
            }
            // Kept documents follow the new version; disposed ones are done with.
            let affected = documents::list(
                tx,
                DocumentFilter {
                    rule_id: Some(id),
                    ..DocumentFilter::default()
                },
            )?
            .iter()
            .filter(|d| d.disposal.is_none())
            .count();
            let version = current.version + 1;
            retention_rules::amend(tx, id, version, &rule, &reason, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("rule:{id}"),
                    format!(
                        "第{version}版: {reason}（{}、保存文書 {affected} 件を再計算）",
                        rule.period_text()
                    ),
                ),
            )?;
            Ok(())
        })?;
        rule_view(self.vault.conn(), &self.rule_row(id)?)
    }
}

/// `changes` over the input of `current`: a given value replaces, an empty hint clears.
fn changed_rule(current: &RetentionRule, changes: &RuleChanges) -> NewRule {
    let mut new = input_of(current);
    let set = |field: &mut String, v: &Option<String>| {
        if let Some(v) = v {
            field.clone_from(v);
        }
    };
    set(&mut new.name, &changes.name);
    set(&mut new.start, &changes.start);
    set(&mut new.years, &changes.years);
    set(&mut new.basis, &changes.basis);
    set(&mut new.disposal, &changes.disposal);
    if let Some(s) = changes.statutory {
        new.statutory = s;
    }
    if let Some(h) = &changes.base_hint {
        new.base_hint = Some(h.clone()).filter(|h| !h.trim().is_empty());
    }
    new
}

/// A change of a retention rule (保存期間のルール), with its reason.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EditRuleRequest {
    pub id: i64,
    pub reason: String,
    pub changes: crate::RuleChanges,
}

/// Where a retention period may start (起算点), for the rule form's pick-list.
pub fn rule_starts() -> Vec<ChoiceView> {
    kiroku_core::period::StartKind::ALL
        .iter()
        .map(|k| ChoiceView {
            id: k.as_str().to_owned(),
            label: k.label().to_owned(),
        })
        .collect()
}

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
