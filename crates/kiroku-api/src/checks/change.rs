//! What changes a check: making it, answering items, improvement actions, sign-offs and
//! addenda. Answers and new actions stop at 確認; addenda and 完了日 go on.

use kiroku_core::audit::AuditAction;
use kiroku_core::field::{optional_text, required_name, required_text};
use kiroku_core::fiscal_year::FiscalYear;
use kiroku_core::yearly_check::{self, Answer, SignOff};
use kiroku_core::FieldError;
use kiroku_store::table::{
    audit, check_actions, check_addenda, check_answers, check_signoffs, checks,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::view::{answer_code, given_on, step_code, step_of, CheckView};
use crate::{ApiError, Session};

/// 点検を始める.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewCheckRequest {
    /// 年度 (`2026`, 「令和8年度」); this 年度 when left out.
    pub fy: Option<String>,
    /// 臨時の点検 (any number of them; the yearly one is one per 年度).
    pub adhoc: bool,
}

/// An answer to an item: `result` 適 / 不適 / 該当なし (or `adequate` …), with a note.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckAnswerRequest {
    pub id: i64,
    pub item: String,
    pub result: String,
    pub note: Option<String>,
}

/// 改善措置を追加する.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckActionRequest {
    pub id: i64,
    pub what: String,
    pub owner: String,
    /// 期限 (和暦 or 西暦)
    pub due: String,
}

/// A sign-off: `step` `creator` | `officer` | `auditor` | `head`; the auditor's `opinion`; the
/// head's `name` as the officer types it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckSignRequest {
    pub id: i64,
    pub step: String,
    pub opinion: Option<String>,
    pub name: Option<String>,
}

fn frozen(conn: &kiroku_store::Connection, id: i64) -> Result<bool, ApiError> {
    Ok(yearly_check::is_frozen(&given_on(conn, id)?))
}

fn refuse_frozen(conn: &kiroku_store::Connection, id: i64, what: &str) -> Result<(), ApiError> {
    if frozen(conn, id)? {
        return Err(ApiError::Conflict(format!(
            "点検 ID {id} は確認済みです。確認後は{what}できません。気づいたことは追記として残してください（kiroku check addendum）。"
        )));
    }
    Ok(())
}

impl Session {
    /// Starts the check of a 年度 (one yearly check each) or a 臨時 check.
    pub fn new_check(&mut self, req: &NewCheckRequest) -> Result<CheckView, ApiError> {
        self.require_writer("点検の作成")?;
        let fy = match req.fy.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => FiscalYear::containing(self.today()),
            Some(s) => FiscalYear::parse("年度", s)?,
        };
        let stamp = self.stamp();
        let id = self.vault.write(|tx| -> Result<i64, ApiError> {
            if !req.adhoc {
                if let Some(c) = checks::yearly(tx, fy.0)? {
                    return Err(ApiError::AlreadyExists(format!(
                        "{}の点検はすでにあります（点検 ID {}）。もう一度行うときは臨時の点検にしてください（--adhoc）。",
                        fy.label(),
                        c.id
                    )));
                }
            }
            let id = checks::insert(tx, fy.0, req.adhoc, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    format!("check:{id}"),
                    format!(
                        "{}の{}を作成",
                        fy.label(),
                        if req.adhoc { "臨時点検" } else { "点検" }
                    ),
                ),
            )?;
            Ok(id)
        })?;
        self.check_view(id)
    }

    /// Answers an item (the latest answer stands; the earlier ones are kept).
    pub fn answer_check(&mut self, req: &CheckAnswerRequest) -> Result<CheckView, ApiError> {
        self.require_writer("点検項目の回答")?;
        let item = yearly_check::item_of(&req.item).ok_or_else(|| {
            FieldError::new(
                "項目",
                format!(
                    "項目「{}」はありません。A1〜A14、M1〜M10 のいずれかを指定してください。",
                    req.item
                ),
            )
        })?;
        let result = Answer::parse(&req.result)
            .or_else(|| match req.result.trim() {
                "adequate" => Some(Answer::Adequate),
                "inadequate" => Some(Answer::Inadequate),
                "not_applicable" => Some(Answer::NotApplicable),
                _ => None,
            })
            .ok_or_else(|| {
                FieldError::new("結果", "結果は「適」「不適」「該当なし」のいずれかです。")
            })?;
        let note = optional_text("所見", req.note.as_deref().unwrap_or(""), 500)?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            super::current(tx, req.id)?;
            refuse_frozen(tx, req.id, "回答を変更")?;
            check_answers::insert(
                tx,
                req.id,
                item.id,
                answer_code(result),
                note.as_deref(),
                stamp.at,
                &stamp.actor,
            )?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("check:{}", req.id),
                    format!("{} {}: {}", item.id, item.title, result.label()),
                ),
            )?;
            Ok(())
        })?;
        self.check_view(req.id)
    }

    /// Adds an improvement action (内容, 担当, 期限) found by check `req.id`.
    pub fn add_check_action(&mut self, req: &CheckActionRequest) -> Result<CheckView, ApiError> {
        self.require_writer("改善措置の追加")?;
        let what = required_text("改善措置の内容", &req.what, 300)?;
        let owner = required_name("担当", &req.owner, 50)?;
        let due = kiroku_core::wareki::parse("期限", &req.due)?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            super::current(tx, req.id)?;
            refuse_frozen(tx, req.id, "改善措置を追加")?;
            let action =
                check_actions::insert(tx, req.id, &what, &owner, due, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    format!("check_action:{action}"),
                    format!(
                        "点検 ID {} の改善措置: {what}（担当 {owner}、期限 {due}）",
                        req.id
                    ),
                ),
            )?;
            Ok(())
        })?;
        self.check_view(req.id)
    }

    /// Records improvement action `action` done on `done` (和暦 or 西暦; today when empty).
    /// Returns the check it belongs to.
    pub fn complete_check_action(
        &mut self,
        action: i64,
        done: &str,
    ) -> Result<CheckView, ApiError> {
        self.require_writer("改善措置の完了")?;
        let done_on = if done.trim().is_empty() {
            self.today()
        } else {
            kiroku_core::wareki::parse("完了日", done)?
        };
        let stamp = self.stamp();
        let check_id = self.vault.write(|tx| -> Result<i64, ApiError> {
            let a = check_actions::get(tx, action)?.ok_or_else(|| {
                ApiError::NotFound(format!(
                    "改善措置 ID {action} はありません。点検の画面（kiroku check show）で確認してください。"
                ))
            })?;
            if let Some(d) = a.done_on {
                return Err(ApiError::Conflict(format!(
                    "改善措置 ID {action} は {d} に完了しています。"
                )));
            }
            check_actions::complete(tx, action, done_on, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("check_action:{action}"),
                    format!("改善措置の完了（{done_on}）: {}", a.what),
                ),
            )?;
            Ok(a.check_id)
        })?;
        self.check_view(check_id)
    }

    /// A sign-off in its order and by its role: 作成 (clerk or officer), 確認 (officer; freezes
    /// the report with its figures), 監査意見 (auditor, its opinion only), 決裁 (the head's name,
    /// typed by the officer).
    pub fn sign_check(&mut self, req: &CheckSignRequest) -> Result<CheckView, ApiError> {
        let step = step_of(req.step.trim()).ok_or_else(|| {
            FieldError::new(
                "署名の種類",
                "creator（作成）、officer（確認）、auditor（監査意見）、head（決裁）のいずれかです。",
            )
        })?;
        let conn = self.vault.conn();
        let row = super::current(conn, req.id)?;
        let given = given_on(conn, req.id)?;
        yearly_check::may_sign(self.user.role, step, &given)
            .map_err(|e| ApiError::Forbidden(e.to_string()))?;
        let opinion = match step {
            SignOff::Auditor => Some(required_text(
                "監査意見",
                req.opinion.as_deref().unwrap_or(""),
                2000,
            )?),
            _ => None,
        };
        let name = match step {
            SignOff::Head => required_name("決裁者の氏名", req.name.as_deref().unwrap_or(""), 50)?,
            _ => self.user.profile.name.clone(),
        };
        let snapshot = match step {
            SignOff::Officer => Some(self.snapshot_json(req.id, FiscalYear(row.fiscal_year))?),
            _ => None,
        };
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            check_signoffs::insert(
                tx,
                &check_signoffs::NewSignOff {
                    check_id: req.id,
                    step: step_code(step),
                    name: &name,
                    opinion: opinion.as_deref(),
                    snapshot: snapshot.as_deref(),
                },
                stamp.at,
                &stamp.actor,
            )?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("check:{}", req.id),
                    match step {
                        SignOff::Officer => format!("{}（{name}）: 報告書を確定", step.label()),
                        _ => format!("{}（{name}）", step.label()),
                    },
                ),
            )?;
            Ok(())
        })?;
        self.check_view(req.id)
    }

    /// 追記: a note on a check after its 確認 (any user, the auditor too).
    pub fn add_check_addendum(&mut self, id: i64, text: &str) -> Result<CheckView, ApiError> {
        let text = required_text("追記", text, 1000)?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            super::current(tx, id)?;
            if !frozen(tx, id)? {
                return Err(ApiError::Conflict(format!(
                    "点検 ID {id} はまだ確認されていません。確認の前は所見や改善措置に書いてください。"
                )));
            }
            check_addenda::insert(tx, id, &text, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(AuditAction::Amend, format!("check:{id}"), format!("追記: {text}")),
            )?;
            Ok(())
        })?;
        self.check_view(id)
    }
}
