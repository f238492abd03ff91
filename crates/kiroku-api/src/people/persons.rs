//! The data subjects (本人・扶養家族) and the affair catalog (関係事務).

use crate::lookup::{self, guarded_id, Asked};
use crate::{ApiError, Session};
use kiroku_core::audit::AuditAction;
use kiroku_core::person::{DependentDetails, PersonDetails};
use kiroku_core::wareki;
use kiroku_store::table::{audit, dependents, persons};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

impl Session {
    /// Registers a person (本人).
    pub fn add_person(&mut self, new: &NewPerson) -> Result<PersonView, ApiError> {
        self.require_writer("本人の登録")?;
        let details = PersonDetails::parse(
            &new.kind,
            &new.name,
            new.dept.as_deref().unwrap_or(""),
            new.employer.as_deref().unwrap_or(""),
        )?
        .with_kana(new.kana.as_deref().unwrap_or(""))?;
        let stamp = self.stamp();
        let id = self.vault.write(|tx| -> Result<i64, ApiError> {
            let id = persons::insert(tx, &details, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    format!("person:{id}"),
                    details.kind.label(),
                ),
            )?;
            Ok(id)
        })?;
        self.person_view(id)
    }

    pub(crate) fn person_view(&self, id: i64) -> Result<PersonView, ApiError> {
        let conn = self.vault.conn();
        let row = lookup::person(conn, id, Asked::Subject)?;
        let deps = dependents::of_person(conn, id)?;
        Ok(PersonView::new(&row, &deps))
    }

    /// One person with their dependents (the read is audited).
    pub fn person(&mut self, id: i64) -> Result<PersonView, ApiError> {
        let view = self.person_view(id)?;
        self.audited_read(&format!("person:{id}"), "")?;
        Ok(view)
    }

    /// Every person, those who left included (the read is audited).
    pub fn list_persons(&mut self) -> Result<Vec<PersonView>, ApiError> {
        let entry = self.entry(AuditAction::Read, "persons", "本人一覧");
        self.vault.write(|tx| -> Result<Vec<PersonView>, ApiError> {
            audit::append(tx, entry)?;
            let all = persons::list(tx)?;
            all.iter()
                .map(|p| Ok(PersonView::new(p, &dependents::of_person(tx, p.id)?)))
                .collect()
        })
    }

    /// Adds a dependent (扶養家族) to a person.
    pub fn add_dependent(
        &mut self,
        person_id: i64,
        new: &NewDependent,
    ) -> Result<PersonView, ApiError> {
        self.require_writer("扶養家族の登録")?;
        let person_id = guarded_id("本人", person_id)?;
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            lookup::live_person(tx, person_id)?;
            let details = DependentDetails::parse(&new.name, &new.relation)?;
            let id = dependents::insert(tx, person_id, &details, stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Create,
                    format!("person:{person_id}/dependent:{id}"),
                    "",
                ),
            )?;
            Ok(())
        })?;
        self.person_view(person_id)
    }

    /// Records that a person left (退職日等); they stay in every record.
    pub fn person_leave(&mut self, person_id: i64, date: &str) -> Result<PersonView, ApiError> {
        self.require_writer("退職日の記録")?;
        let person_id = guarded_id("本人", person_id)?;
        let today = self.today();
        let stamp = self.stamp();
        self.vault.write(|tx| -> Result<(), ApiError> {
            lookup::live_person(tx, person_id)?;
            let on = wareki::parse_happened("退職日", date, today)?;
            persons::set_left_on(tx, person_id, on)?;
            audit::append(
                tx,
                stamp.entry(
                    AuditAction::Amend,
                    format!("person:{person_id}"),
                    format!("退職日 {on}"),
                ),
            )?;
            Ok(())
        })?;
        self.person_view(person_id)
    }
}

/// 扶養家族の追加.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewDependentRequest {
    pub person: i64,
    pub dependent: crate::NewDependent,
}

/// A new person (本人): `kind` is `staff` | `director` | `councillor` | `third_party` |
/// `employer_staff`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewPerson {
    pub kind: String,
    pub name: String,
    pub dept: Option<String>,
    pub employer: Option<String>,
    /// フリガナ (optional; hiragana is written as katakana)
    #[serde(default)]
    pub kana: Option<String>,
}

/// A new dependent (扶養家族).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewDependent {
    pub name: String,
    /// 続柄
    pub relation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DependentView {
    pub id: i64,
    pub name: String,
    pub relation: String,
    /// The day they left the household (no longer offered in entries).
    pub left_on: Option<chrono::NaiveDate>,
}

/// A person with their dependents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonView {
    pub id: i64,
    pub kind: String,
    pub kind_label: String,
    pub name: String,
    pub dept: Option<String>,
    pub employer: Option<String>,
    /// フリガナ
    pub kana: Option<String>,
    /// 退職日等 (ISO date)
    pub left_on: Option<chrono::NaiveDate>,
    /// 取り込みの取消しで取り消された: the import that brought the person in was withdrawn; kept
    /// and readable, out of every list and picker.
    pub withdrawn: bool,
    pub dependents: Vec<DependentView>,
}

impl PersonView {
    pub(crate) fn new(
        p: &kiroku_store::table::persons::PersonRow,
        deps: &[kiroku_store::table::dependents::DependentRow],
    ) -> Self {
        Self {
            id: p.id,
            kind: p.details.kind.as_str().into(),
            kind_label: p.details.kind.label().into(),
            name: p.details.name.clone(),
            dept: p.details.dept.clone(),
            employer: p.details.employer.clone(),
            kana: p.details.kana.clone(),
            left_on: p.left_on,
            withdrawn: p.withdrawn,
            dependents: deps
                .iter()
                .map(|d| DependentView {
                    id: d.id,
                    name: d.details.name.clone(),
                    relation: d.details.relation.clone(),
                    left_on: d.left_on,
                })
                .collect(),
        }
    }
}
