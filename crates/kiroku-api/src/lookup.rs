//! Finding a record by the ID or name a user typed, each kind with the one message that says
//! it is not there and where to look it up.
//!
//! Every look-up takes the `&Connection` it reads through, so a use case runs it inside its
//! write transaction and sees what another writer committed meanwhile.
//!
//! Architecture invariant: this module depends only on the core, the store and `error`; every
//! use case may use it, it uses none.

use kiroku_core::field::{required_name, required_text};
use kiroku_core::guard;
use kiroku_core::user::LoginId;
use kiroku_core::FieldError;
use kiroku_store::table::{
    affairs, contractors, dependents, documents, evaluations, events, ledger, persons,
    retention_rules, users,
};
use kiroku_store::Connection;
use std::collections::HashMap;

use crate::ApiError;

/// How a missing record is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Asked {
    /// The record the request is about: "not found".
    Subject,
    /// A record one field of the request refers to: invalid input naming that field.
    InField,
}

fn missing(asked: Asked, field: &'static str, message: String) -> ApiError {
    match asked {
        Asked::Subject => ApiError::NotFound(message),
        Asked::InField => FieldError::new(field, message).into(),
    }
}

/// A number typed where an ID goes is still text the guard reads: an ID that looks like a
/// 個人番号 is refused before it can be echoed in a "not found" message.
pub(crate) fn guarded_id(field: &'static str, id: i64) -> Result<i64, FieldError> {
    guard::check_field(field, &id.to_string())?;
    Ok(id)
}

/// Each ID once in one request (persons of a batch, documents of a disposal): a repeated one
/// is a typing mistake, named as such for `field`.
pub(crate) fn refuse_repeats(field: &'static str, ids: &[i64]) -> Result<(), ApiError> {
    let mut seen = std::collections::HashSet::new();
    match ids.iter().find(|id| !seen.insert(**id)) {
        // The guard first: a repeated 個人番号 typed as an ID is refused as such, never echoed.
        Some(&id) => {
            let id = guarded_id(field, id)?;
            Err(FieldError::new(field, format!("{field} ID {id} が2回指定されています。")).into())
        }
        None => Ok(()),
    }
}

/// 本人 `id`.
pub(crate) fn person(
    conn: &Connection,
    id: i64,
    asked: Asked,
) -> Result<persons::PersonRow, ApiError> {
    let id = guarded_id("本人", id)?;
    let row = persons::get(conn, id)?.ok_or_else(|| {
        missing(
            asked,
            "本人",
            format!("本人 ID {id} は登録されていません。本人の一覧（本人、kiroku person list）で確認してください。"),
        )
    })?;
    if asked == Asked::InField && row.withdrawn {
        return Err(FieldError::new("本人", withdrawn_person(&row)).into());
    }
    Ok(row)
}

/// 本人 `id` as the subject of a change: one whose import was withdrawn is kept as it was.
pub(crate) fn live_person(conn: &Connection, id: i64) -> Result<persons::PersonRow, ApiError> {
    let row = person(conn, id, Asked::Subject)?;
    if row.withdrawn {
        return Err(ApiError::Conflict(withdrawn_person(&row)));
    }
    Ok(row)
}

fn withdrawn_person(row: &persons::PersonRow) -> String {
    format!(
        "本人 ID {}（{}）は取り込みの取消し（取り込み番号 {}）で取り消されています。新しい記録や変更には使えません。",
        row.id,
        row.details.name,
        row.import_batch.unwrap_or_default()
    )
}

/// A 扶養家族 of `person_id`, by ID or name.
pub(crate) fn dependent(conn: &Connection, person_id: i64, text: &str) -> Result<i64, ApiError> {
    let text = required_name("扶養家族", text, 50)?;
    let deps = dependents::of_person(conn, person_id)?;
    let by_id = text.parse::<i64>().ok();
    deps.iter()
        .find(|d| Some(d.id) == by_id || d.details.name == text)
        .map(|d| d.id)
        .ok_or_else(|| {
            FieldError::new(
                "扶養家族",
                format!("本人 ID {person_id} の扶養家族に「{text}」はいません。本人の扶養家族（本人、kiroku person show {person_id}）で確認してください。"),
            )
            .into()
        })
}

/// 扶養家族 `id`, who must be a dependent of `person` (a family member ticked under a 本人).
pub(crate) fn dependent_of(
    conn: &Connection,
    person: &persons::PersonRow,
    id: i64,
) -> Result<dependents::DependentRow, ApiError> {
    let id = guarded_id("扶養家族", id)?;
    dependents::of_person(conn, person.id)?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| {
            FieldError::new(
                "扶養家族",
                format!(
                    "扶養家族 ID {id} は{}（本人 ID {}）の扶養家族ではありません。本人の画面で扶養家族を確認して選び直してください。",
                    person.details.name, person.id
                ),
            )
            .into()
        })
}

/// A 関係事務 by ID or exact name.
pub(crate) fn affair(conn: &Connection, text: &str) -> Result<i64, ApiError> {
    let text = required_name("関係事務", text, 100)?;
    let found = match text.parse::<i64>() {
        Ok(id) => affairs::get(conn, id)?,
        Err(_) => affairs::by_name(conn, &text)?,
    };
    found.map(|a| a.id).ok_or_else(|| {
        FieldError::new(
            "関係事務",
            format!("「{text}」は関係事務の一覧にありません。affair list で ID か名称を確認してください。"),
        )
        .into()
    })
}

/// The current version of 台帳 entry `no` (as a request's subject, or as the
/// 特定個人情報ファイル a record is filed under).
pub(crate) fn ledger_entry(
    conn: &Connection,
    no: i64,
    asked: Asked,
) -> Result<ledger::LedgerVersionRow, ApiError> {
    let field = match asked {
        Asked::Subject => "台帳 NO.",
        Asked::InField => "特定個人情報ファイル",
    };
    let no = guarded_id(field, no)?;
    let row = ledger::current(conn, no)?.ok_or_else(|| {
        missing(
            asked,
            field,
            format!("台帳 NO.{no} はありません。管理台帳の一覧（管理台帳、kiroku ledger list）で確認してください。"),
        )
    })?;
    if asked == Asked::InField && ledger::withdrawn(conn, no)? {
        return Err(FieldError::new(field, withdrawn_entry(no)).into());
    }
    Ok(row)
}

/// 台帳 entry `no` as the subject of a change: one whose import was withdrawn is kept as it was.
pub(crate) fn live_ledger_entry(
    conn: &Connection,
    no: i64,
) -> Result<ledger::LedgerVersionRow, ApiError> {
    let row = ledger_entry(conn, no, Asked::Subject)?;
    if ledger::withdrawn(conn, no)? {
        return Err(ApiError::Conflict(withdrawn_entry(no)));
    }
    Ok(row)
}

fn withdrawn_entry(no: i64) -> String {
    format!("台帳 NO.{no} は取り込みの取消しで取り消されています。新しい記録や訂正には使えません。")
}

/// The 特定個人情報ファイル (台帳 NO.) a record is filed under: `no` if the 台帳 has it.
pub(crate) fn file_no(conn: &Connection, no: i64) -> Result<i64, ApiError> {
    Ok(ledger_entry(conn, no, Asked::InField)?.no)
}

/// 保存文書 `id`, disposed of or not.
pub(crate) fn document(conn: &Connection, id: i64) -> Result<documents::DocumentRow, ApiError> {
    let id = guarded_id("保存文書", id)?;
    documents::get(conn, id)?.ok_or_else(|| {
        FieldError::new(
            "保存文書",
            format!("保存文書 ID {id} はありません。保存文書の一覧（保存文書・廃棄、kiroku doc list）で確認してください。"),
        )
        .into()
    })
}

/// The current version of handling record `id`.
pub(crate) fn event(conn: &Connection, id: i64) -> Result<events::EventVersionRow, ApiError> {
    let id = guarded_id("記録ID", id)?;
    events::current(conn, id)?.ok_or_else(|| {
        ApiError::NotFound(format!(
            "記録 ID {id} はありません。取扱記録の一覧（取扱記録、kiroku event list）で確認してください。"
        ))
    })
}

/// The current version of retention rule `id`.
pub(crate) fn rule(
    conn: &Connection,
    id: i64,
) -> Result<retention_rules::RuleVersionRow, ApiError> {
    let id = guarded_id("保存期間のルール", id)?;
    retention_rules::current(conn, id)?.ok_or_else(|| {
        FieldError::new(
            "保存期間のルール",
            format!("ルール ID {id} はありません。保存期間のルールの一覧（設定、kiroku rule list）で確認してください。"),
        )
        .into()
    })
}

/// A retention rule by ID or exact 保存文書名.
pub(crate) fn rule_by_text(
    conn: &Connection,
    text: &str,
) -> Result<retention_rules::RuleVersionRow, ApiError> {
    let text = required_text("保存期間のルール", text, 100)?;
    let by_id = text.parse::<i64>().ok();
    retention_rules::list(conn)?
        .into_iter()
        .find(|r| Some(r.id) == by_id || r.rule.name == text)
        .ok_or_else(|| {
            FieldError::new(
                "保存期間のルール",
                format!(
                    "ルール「{text}」はありません。保存期間のルールの一覧（設定、kiroku rule list）で ID か保存文書名を確認してください。"
                ),
            )
            .into()
        })
}

/// 委託先 `id`.
pub(crate) fn contractor(
    conn: &Connection,
    id: i64,
) -> Result<contractors::ContractorRow, ApiError> {
    let id = guarded_id("委託先", id)?;
    contractors::get(conn, id)?.ok_or_else(|| {
        FieldError::new(
            "委託先",
            format!("委託先 ID {id} は登録されていません。委託先の一覧（委託先・評価シート、kiroku contractor list）で確認してください。"),
        )
        .into()
    })
}

/// A 委託先 by ID or exact name, typed into `field`.
pub(crate) fn contractor_by_text(
    conn: &Connection,
    field: &'static str,
    text: &str,
) -> Result<contractors::ContractorRow, ApiError> {
    let text = required_name(field, text, 100)?;
    let all = contractors::list(conn)?;
    let by_id = text.parse::<i64>().ok();
    all.into_iter()
        .find(|c| Some(c.id) == by_id || c.details.name == text)
        .ok_or_else(|| {
            FieldError::new(
                field,
                format!(
                    "委託先「{text}」は登録されていません。委託先の一覧（委託先・評価シート、kiroku contractor list）で確認してください。"
                ),
            )
            .into()
        })
}

/// Evaluation sheet (別紙3) `id`.
pub(crate) fn evaluation(
    conn: &Connection,
    id: i64,
) -> Result<evaluations::EvaluationRow, ApiError> {
    let id = guarded_id("評価ID", id)?;
    evaluations::get(conn, id)?.ok_or_else(|| {
        ApiError::NotFound(format!(
            "評価 ID {id} はありません。委託先の評価シートの一覧（委託先・評価シート、kiroku eval list --contractor）で確認してください。"
        ))
    })
}

/// The user whose ID was typed: into `field` (as a record's clerk or approver, `Asked::InField`)
/// or as the subject of a user change.
pub(crate) fn user(
    conn: &Connection,
    id: &str,
    field: &'static str,
    asked: Asked,
) -> Result<users::UserRow, ApiError> {
    let login = LoginId::parse(id).map_err(|e| FieldError::new(field, e.message))?;
    user_by_login(conn, &login, field, asked)
}

/// The user `login`, as [`user`] finds it.
pub(crate) fn user_by_login(
    conn: &Connection,
    login: &LoginId,
    field: &'static str,
    asked: Asked,
) -> Result<users::UserRow, ApiError> {
    users::get(conn, login)?.ok_or_else(|| {
        missing(
            asked,
            field,
            format!("ユーザーID「{login}」は登録されていません。利用者の一覧（設定、kiroku user list）で確認してください。"),
        )
    })
}

/// Login ID → 氏名 of every user (disabled ones too: old records name them).
pub(crate) fn user_names(conn: &Connection) -> Result<HashMap<String, String>, ApiError> {
    Ok(users::list(conn)?
        .into_iter()
        .map(|u| (u.login_id.to_string(), u.profile.name))
        .collect())
}

/// A user's 氏名 from `user_names`, or the login ID itself when the user is not known.
pub(crate) fn name_of(names: &HashMap<String, String>) -> impl Fn(&str) -> String + '_ {
    move |id| names.get(id).cloned().unwrap_or_else(|| id.to_owned())
}

/// 本人 ID → 氏名 of every person (withdrawn imports too: old records name them).
pub(crate) fn person_names(conn: &Connection) -> Result<HashMap<i64, String>, ApiError> {
    Ok(persons::list(conn)?
        .into_iter()
        .map(|p| (p.id, p.details.name))
        .collect())
}

/// 委託先 ID → 名称 of every contractor (disabled ones too).
pub(crate) fn contractor_names(conn: &Connection) -> Result<HashMap<i64, String>, ApiError> {
    Ok(contractors::list(conn)?
        .into_iter()
        .map(|c| (c.id, c.details.name))
        .collect())
}

/// A date field that may be left empty: its day (和暦 or 西暦), or none when blank.
pub(crate) fn optional_day(
    field: &'static str,
    text: &Option<String>,
) -> Result<Option<chrono::NaiveDate>, FieldError> {
    text.as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| kiroku_core::wareki::parse(field, t))
        .transpose()
}

/// A period typed as 開始日 and 終了日 (either may be empty), refused when it runs backwards.
pub(crate) fn period(
    from: &Option<String>,
    to: &Option<String>,
) -> Result<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>), FieldError> {
    let from = optional_day("開始日", from)?;
    let to = optional_day("終了日", to)?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(FieldError::new(
                "終了日",
                "終了日が開始日より前です。期間を確認してください。",
            ));
        }
    }
    Ok((from, to))
}
