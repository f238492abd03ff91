//! Corrections of a 本人 (氏名の訂正, 所属, フリガナ …) kept as versions with their reason, and
//! a 扶養家族 who left the household.

use crate::correction::amend_reason;
use crate::lookup::{self, guarded_id, Asked};
use crate::people::persons::PersonView;
use crate::{ApiError, Session};
use chrono::{DateTime, Utc};
use kiroku_core::audit::AuditAction;
use kiroku_core::person::PersonDetails;
use kiroku_core::{wareki, FieldError};
use kiroku_store::table::{audit, dependents, persons};
use kiroku_store::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A correction of a person: the fields given replace the current ones (an empty text clears
/// an optional one), with the reason.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonCorrection {
    pub id: i64,
    pub reason: String,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub kana: Option<String>,
    pub dept: Option<String>,
    pub employer: Option<String>,
}

/// One version of a person's details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonVersionView {
    pub version: u32,
    pub kind_label: String,
    pub name: String,
    pub kana: Option<String>,
    pub dept: Option<String>,
    pub employer: Option<String>,
    /// Why it replaced the previous version (none for the first).
    pub reason: Option<String>,
    pub entered_at: DateTime<Utc>,
    pub entered_by: String,
}

/// 扶養家族が外れた: the dependent and the day.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DependentLeaveRequest {
    pub person: i64,
    pub dependent: i64,
    pub date: String,
}

/// 退職日等: the person and the day.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonLeaveRequest {
    pub person: i64,
    pub date: String,
}

fn corrected(current: &PersonDetails, c: &PersonCorrection) -> Result<PersonDetails, ApiError> {
    let pick = |new: &Option<String>, old: Option<&str>| -> String {
        new.as_deref()
            .map_or_else(|| old.unwrap_or("").to_owned(), str::to_owned)
    };
    Ok(PersonDetails::parse(
        &pick(&c.kind, Some(current.kind.as_str())),
        &pick(&c.name, Some(&current.name)),
        &pick(&c.dept, current.dept.as_deref()),
        &pick(&c.employer, current.employer.as_deref()),
    )?
    .with_kana(&pick(&c.kana, current.kana.as_deref()))?)
}

impl Session {
    /// Corrects a person's details: the current ones change, the old stay readable as earlier
    /// versions with the reason (the records keep pointing at the same person).
    pub fn correct_person(&mut self, c: &PersonCorrection) -> Result<PersonView, ApiError> {
        self.require_writer("本人の訂正")?;
        let id = guarded_id("本人", c.id)?;
        let reason = amend_reason(&c.reason)?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            let conn: &Connection = tx;
            let current = lookup::live_person(conn, id)?;
            let details = corrected(&current.details, c)?;
            if details == current.details {
                return Err(FieldError::new(
                    "本人",
                    "変更する項目がありません。直す項目（氏名・所属など）に新しい値を入れてください。",
                )
                .into());
            }
            let version = persons::correct(tx, id, &details, &reason, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("person:{id}"),
                    format!("第{version}版: {reason}"),
                ),
            )?;
            Ok(())
        })?;
        self.person_view(id)
    }

    /// Every version of a person's details, oldest first (the read is audited).
    pub fn person_history(&mut self, id: i64) -> Result<Vec<PersonVersionView>, ApiError> {
        let id = guarded_id("本人", id)?;
        lookup::person(self.vault.conn(), id, Asked::Subject)?;
        self.audited_read(&format!("person:{id}"), "訂正履歴")?;
        Ok(persons::history(self.vault.conn(), id)?
            .into_iter()
            .map(|v| PersonVersionView {
                version: v.version,
                kind_label: v.details.kind.label().into(),
                name: v.details.name,
                kana: v.details.kana,
                dept: v.details.dept,
                employer: v.details.employer,
                reason: v.reason,
                entered_at: v.entered_at,
                entered_by: v.entered_by,
            })
            .collect())
    }

    /// Records the day a dependent left the household: no longer offered in entries, kept in
    /// every record.
    pub fn dependent_leave(&mut self, req: &DependentLeaveRequest) -> Result<PersonView, ApiError> {
        self.require_writer("扶養家族の変更")?;
        let person_id = guarded_id("本人", req.person)?;
        let today = self.today();
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            lookup::live_person(tx, person_id)?;
            let dependent = dependents::of_person(tx, person_id)?
                .into_iter()
                .find(|d| d.id == req.dependent)
                .ok_or_else(|| {
                    FieldError::new(
                        "扶養家族",
                        format!(
                            "ID {} の扶養家族は、この本人（ID {person_id}）の扶養家族にいません。",
                            req.dependent
                        ),
                    )
                })?;
            if dependent.left_on.is_some() {
                return Err(ApiError::Conflict(format!(
                    "{} はすでに扶養から外れています。",
                    dependent.details.name
                )));
            }
            let on = wareki::parse_happened("扶養から外れた日", &req.date, today)?;
            dependents::set_left_on(tx, dependent.id, on)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("person:{person_id}/dependent:{}", dependent.id),
                    format!("扶養から外れた日 {on}"),
                ),
            )?;
            Ok(())
        })?;
        self.person_view(person_id)
    }
}
