//! The data subjects (本人・扶養家族) and the affair catalog (関係事務).

use chrono::NaiveDate;
use kiroku_core::audit::AuditAction;
use kiroku_core::field::{optional_text, required_name};
use kiroku_core::person::{DependentDetails, PersonDetails};
use kiroku_core::wareki;
use kiroku_store::table::{affairs, audit, dependents, persons};

use crate::lookup::{self, guarded_id, Asked};
use crate::views::{AffairView, NewDependent, NewPerson, PersonView};
use crate::{ApiError, Session};

impl Session {
    /// Today in the office (JST), from the session's clock.
    pub(crate) fn today(&self) -> NaiveDate {
        self.env
            .clock
            .now()
            .with_timezone(&kiroku_core::wareki::jst())
            .date_naive()
    }

    /// The affair catalog (not personal data).
    pub fn list_affairs(&self) -> Result<Vec<AffairView>, ApiError> {
        Ok(affairs::list(self.vault.conn())?
            .iter()
            .map(AffairView::from)
            .collect())
    }

    /// Adds an affair to the catalog (officer only).
    pub fn add_affair(&mut self, name: &str, basis: Option<&str>) -> Result<AffairView, ApiError> {
        self.require_officer("関係事務の追加")?;
        let name = required_name("関係事務", name, 100)?;
        let basis = optional_text("根拠", basis.unwrap_or(""), 100)?;
        let stamp = self.stamp();
        // The name is checked inside the write transaction: two windows adding the same
        // affair never reach the database's own refusal.
        let id = self.vault.write(|tx| -> Result<i64, ApiError> {
            if affairs::by_name(tx, &name)?.is_some() {
                return Err(ApiError::AlreadyExists(format!(
                    "関係事務「{name}」はすでにあります。関係事務の一覧（kiroku affair list）で確認してください。"
                )));
            }
            let id = affairs::insert(tx, &name, basis.as_deref(), stamp.at, &stamp.actor)?;
            audit::append(
                tx,
                stamp.entry(AuditAction::Create, format!("affair:{id}"), ""),
            )?;
            Ok(id)
        })?;
        let row = affairs::get(self.vault.conn(), id)?
            .ok_or_else(|| ApiError::NotFound(format!("関係事務 {id}")))?;
        Ok(AffairView::from(&row))
    }

    /// Registers a person (本人).
    pub fn add_person(&mut self, new: &NewPerson) -> Result<PersonView, ApiError> {
        self.require_writer("本人の登録")?;
        let details = PersonDetails::parse(
            &new.kind,
            &new.name,
            new.dept.as_deref().unwrap_or(""),
            new.employer.as_deref().unwrap_or(""),
        )?;
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

    fn person_view(&self, id: i64) -> Result<PersonView, ApiError> {
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
            lookup::person(tx, person_id, Asked::Subject)?;
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
            lookup::person(tx, person_id, Asked::Subject)?;
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
