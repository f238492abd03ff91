//! `evaluations` with `evaluation_judgments` and `improvement_checks`: the 評価シート (別紙3)
//! of one contractor on one day. Judgments are appended (the latest per item counts); once
//! finalised, the sheet is frozen by triggers. A draft may be discarded (破棄) with a reason:
//! it stays, marked.

use chrono::{DateTime, NaiveDate, Utc};
use kiroku_core::evaluation::{Decision, Judgment, Pattern, Sheet, ShortcutFacts};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::BTreeMap;

use super::{col, date_from_sql, decoded, text_conversion, time_from_sql, time_to_sql};
use crate::StoreError;

/// An evaluation's header as stored (the sheet itself is read with [`sheet`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationRow {
    pub id: i64,
    pub contractor_id: i64,
    /// 再評価 (else 新規).
    pub re_evaluation: bool,
    /// 作成年月日
    pub made_on: NaiveDate,
    pub pattern: Pattern,
    /// 選定基準(1)'s facts on `made_on`.
    pub facts: ShortcutFacts,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub finalized: Option<Finalized>,
    /// A draft discarded (破棄): never finalised, no longer the contractor's current sheet.
    pub discarded: Option<Discarded>,
}

/// Who discarded a draft sheet, when, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discarded {
    pub at: DateTime<Utc>,
    pub by: String,
    pub reason: String,
}

/// Who finalised the sheet, when, and the decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finalized {
    pub at: DateTime<Utc>,
    pub by: String,
    pub decision: Decision,
}

/// A new evaluation's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvaluation {
    pub contractor_id: i64,
    pub re_evaluation: bool,
    pub made_on: NaiveDate,
    pub pattern: Pattern,
    pub facts: ShortcutFacts,
}

/// The columns every query of `evaluations` selects; [`from_row`] reads them by name.
const COLUMNS: &str = "id, contractor_id, re_evaluation, made_on, pattern, pmark_valid, leak_2y, \
    created_at, created_by, finalized_at, finalized_by, decision, discarded_at, discarded_by, \
    discard_reason";

fn decision_from_sql(text: &str) -> Option<Decision> {
    [
        Decision::Adopted,
        Decision::AdoptedConditional,
        Decision::Rejected,
    ]
    .into_iter()
    .find(|d| d.as_str() == text)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<EvaluationRow> {
    let finalized_at: Option<String> = r.get(col!(COLUMNS, "finalized_at"))?;
    let finalized_by: Option<String> = r.get(col!(COLUMNS, "finalized_by"))?;
    let decision: Option<String> = r.get(col!(COLUMNS, "decision"))?;
    let finalized = match (finalized_at, finalized_by, decision) {
        (Some(at), Some(by), Some(d)) => Some(Finalized {
            at: time_from_sql(&at)
                .map_err(|e| text_conversion(col!(COLUMNS, "finalized_at"), e))?,
            by,
            decision: decision_from_sql(&d).ok_or_else(|| {
                text_conversion(
                    col!(COLUMNS, "decision"),
                    std::io::Error::other("unknown decision"),
                )
            })?,
        }),
        _ => None,
    };
    let discarded_at: Option<String> = r.get(col!(COLUMNS, "discarded_at"))?;
    let discarded = match discarded_at {
        Some(at) => Some(Discarded {
            at: time_from_sql(&at)
                .map_err(|e| text_conversion(col!(COLUMNS, "discarded_at"), e))?,
            by: r
                .get::<_, Option<String>>(col!(COLUMNS, "discarded_by"))?
                .unwrap_or_default(),
            reason: r
                .get::<_, Option<String>>(col!(COLUMNS, "discard_reason"))?
                .unwrap_or_default(),
        }),
        None => None,
    };
    Ok(EvaluationRow {
        id: r.get(col!(COLUMNS, "id"))?,
        contractor_id: r.get(col!(COLUMNS, "contractor_id"))?,
        re_evaluation: r.get::<_, i64>(col!(COLUMNS, "re_evaluation"))? != 0,
        made_on: decoded(r, col!(COLUMNS, "made_on"), date_from_sql)?,
        pattern: decoded(r, col!(COLUMNS, "pattern"), str::parse::<Pattern>)?,
        facts: ShortcutFacts {
            pmark_valid: r.get::<_, i64>(col!(COLUMNS, "pmark_valid"))? != 0,
            leak_in_2_years: r.get::<_, i64>(col!(COLUMNS, "leak_2y"))? != 0,
        },
        created_at: decoded(r, col!(COLUMNS, "created_at"), time_from_sql)?,
        created_by: r.get(col!(COLUMNS, "created_by"))?,
        finalized,
        discarded,
    })
}

pub fn insert(
    conn: &Connection,
    e: &NewEvaluation,
    at: DateTime<Utc>,
    by: &str,
) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO evaluations (contractor_id, re_evaluation, made_on, pattern, pmark_valid,
             leak_2y, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            e.contractor_id,
            i64::from(e.re_evaluation),
            e.made_on.to_string(),
            e.pattern.as_str(),
            i64::from(e.facts.pmark_valid),
            i64::from(e.facts.leak_in_2_years),
            time_to_sql(at),
            by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<EvaluationRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM evaluations WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// A contractor's evaluations, oldest first.
pub fn of_contractor(
    conn: &Connection,
    contractor_id: i64,
) -> Result<Vec<EvaluationRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM evaluations WHERE contractor_id = ?1 ORDER BY made_on, id"
    ))?;
    let rows = stmt.query_map([contractor_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Appends judgments (item, judgment, 改善措置等).
pub fn add_judgments(
    conn: &Connection,
    evaluation_id: i64,
    judgments: &[(u8, Judgment, Option<String>)],
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO evaluation_judgments (evaluation_id, item, judgment, improvement, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (item, judgment, improvement) in judgments {
        let code = match judgment {
            Judgment::NotApplicable => "-",
            j => j.as_str(),
        };
        stmt.execute(params![
            evaluation_id,
            item,
            code,
            improvement,
            time_to_sql(at),
            by
        ])?;
    }
    Ok(())
}

/// The sheet as it stands: the latest judgment (and its 改善措置等) of each item.
pub fn sheet(conn: &Connection, evaluation_id: i64) -> Result<Sheet, StoreError> {
    const JUDGMENT: &str = "item, judgment, improvement";
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {JUDGMENT} FROM evaluation_judgments j
         WHERE evaluation_id = ?1 AND NOT EXISTS (SELECT 1 FROM evaluation_judgments k
             WHERE k.evaluation_id = j.evaluation_id AND k.item = j.item AND k.id > j.id)"
    ))?;
    let mut sheet = Sheet::default();
    let rows = stmt.query_map([evaluation_id], |r| {
        let item: u8 = r.get(col!(JUDGMENT, "item"))?;
        let judgment = decoded(r, col!(JUDGMENT, "judgment"), |code| {
            Judgment::parse(item, code)
        })?;
        Ok((
            item,
            judgment,
            r.get::<_, Option<String>>(col!(JUDGMENT, "improvement"))?,
        ))
    })?;
    for row in rows {
        let (item, judgment, improvement) = row?;
        sheet.judgments.insert(item, judgment);
        if let Some(text) = improvement {
            sheet.improvements.insert(item, text);
        }
    }
    Ok(sheet)
}

/// Freezes the sheet with its decision.
pub fn finalize(
    conn: &Connection,
    id: i64,
    decision: Decision,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE evaluations SET finalized_at = ?2, finalized_by = ?3, decision = ?4
         WHERE id = ?1 AND finalized_at IS NULL",
        params![id, time_to_sql(at), by, decision.as_str()],
    )?;
    Ok(())
}

/// Marks a draft sheet discarded (破棄) with its reason; a finalised or already discarded
/// sheet is left as it is (the caller checks first).
pub fn discard(
    conn: &Connection,
    id: i64,
    reason: &str,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE evaluations SET discarded_at = ?2, discarded_by = ?3, discard_reason = ?4
         WHERE id = ?1 AND finalized_at IS NULL AND discarded_at IS NULL",
        params![id, time_to_sql(at), by, reason],
    )?;
    Ok(())
}

/// Records that a B item's improvement was confirmed done.
pub fn confirm_improvement(
    conn: &Connection,
    evaluation_id: i64,
    item: u8,
    on: NaiveDate,
    at: DateTime<Utc>,
    by: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO improvement_checks (evaluation_id, item, confirmed_on, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![evaluation_id, item, on.to_string(), time_to_sql(at), by],
    )?;
    Ok(())
}

/// The day each confirmed improvement of an evaluation was confirmed.
pub fn confirmed_improvements(
    conn: &Connection,
    evaluation_id: i64,
) -> Result<BTreeMap<u8, NaiveDate>, StoreError> {
    const CHECK: &str = "item, confirmed_on";
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CHECK} FROM improvement_checks WHERE evaluation_id = ?1"
    ))?;
    let rows = stmt.query_map([evaluation_id], |r| {
        Ok((
            r.get::<_, u8>(col!(CHECK, "item"))?,
            decoded(r, col!(CHECK, "confirmed_on"), date_from_sql)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
