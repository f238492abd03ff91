//! The replay: the plan recorded through the API by the two clerks, each in their own
//! session, from the cut on; a person (with their dependents) is registered when first
//! needed.

use chrono::NaiveDate;
use std::path::Path;

use kiroku_api::{ApiError, Env, NewDependent, NewEvent, NewPerson, Session};

use super::cast::PlannedPerson;
use super::ledger::File;
use super::office::Clerk;
use super::plan::{Batch, Cut, Plan, Step};

/// What the replay recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Recorded {
    pub(super) persons: u64,
    pub(super) dependents: u64,
    pub(super) events: u64,
    /// The day of the first and of the last event (none when no event was recorded).
    pub(super) days: Option<(NaiveDate, NaiveDate)>,
}

/// Replays `plan` from `cut` into the vault, logged in as `sato` and `suzuki`; `files` are
/// the 台帳 entries by their numbers. Those who left before the cut and have events after
/// it are recorded as having left; others who left before it are not registered.
pub(super) fn replay(
    env: &Env,
    vault: &Path,
    password: &str,
    plan: &Plan,
    files: Vec<(File, i64)>,
    cut: Cut,
) -> Result<Recorded, ApiError> {
    let mut r = Replay {
        people: &plan.people,
        sato: kiroku_api::login(env, vault, "sato", password)?.0,
        suzuki: kiroku_api::login(env, vault, "suzuki", password)?.0,
        person_ids: vec![None; plan.people.len()],
        dependent_ids: plan
            .people
            .iter()
            .map(|p| vec![None; p.dependents.len()])
            .collect(),
        files,
        persons: 0,
        dependents: 0,
    };
    let mut has_events = vec![false; plan.people.len()];
    for (i, step) in plan.steps.iter().enumerate().skip(cut.step) {
        if let Step::Events(b) = step {
            for &p in cut.persons(i, b) {
                has_events[p] = true;
            }
        }
    }
    for step in plan.steps.iter().take(cut.step) {
        if let Step::Leave { person, on } = step {
            if has_events[*person] {
                r.leave(*person, *on)?;
            }
        }
    }
    let mut events = 0u64;
    let mut days: Option<(NaiveDate, NaiveDate)> = None;
    for (i, step) in plan.steps.iter().enumerate().skip(cut.step) {
        match step {
            Step::Leave { person, on } => r.leave(*person, *on)?,
            Step::Events(b) => {
                events += r.events(b, cut.persons(i, b))?;
                let first = days.map_or(b.date, |(first, _)| first);
                days = Some((first, b.date));
            }
        }
    }
    r.sato.logout()?;
    r.suzuki.logout()?;
    Ok(Recorded {
        persons: r.persons,
        dependents: r.dependents,
        events,
        days,
    })
}

/// The two clerks' sessions and what has been registered so far.
struct Replay<'a> {
    people: &'a [PlannedPerson],
    sato: Session,
    suzuki: Session,
    /// Each planned person's ID once registered.
    person_ids: Vec<Option<i64>>,
    /// Each planned dependent's ID once registered.
    dependent_ids: Vec<Vec<Option<i64>>>,
    files: Vec<(File, i64)>,
    persons: u64,
    dependents: u64,
}

impl Replay<'_> {
    fn session(&mut self, clerk: Clerk) -> &mut Session {
        match clerk {
            Clerk::Sato => &mut self.sato,
            Clerk::Suzuki => &mut self.suzuki,
        }
    }

    fn person(&mut self, i: usize, clerk: Clerk) -> Result<i64, ApiError> {
        if let Some(id) = self.person_ids[i] {
            return Ok(id);
        }
        let people = self.people;
        let p = &people[i];
        let view = self.session(clerk).add_person(&NewPerson {
            kind: p.role.kind().into(),
            name: p.name.clone(),
            dept: p.dept.clone(),
            employer: p.employer.map(str::to_owned),
            kana: None,
        })?;
        self.person_ids[i] = Some(view.id);
        self.persons += 1;
        for (d, dep) in p.dependents.iter().enumerate() {
            if dep.initial {
                self.dependent(i, d, clerk)?;
            }
        }
        Ok(view.id)
    }

    fn dependent(&mut self, i: usize, d: usize, clerk: Clerk) -> Result<i64, ApiError> {
        if let Some(id) = self.dependent_ids[i][d] {
            return Ok(id);
        }
        let person = self.person(i, clerk)?;
        let people = self.people;
        let dep = &people[i].dependents[d];
        let view = self.session(clerk).add_dependent(
            person,
            &NewDependent {
                name: dep.name.clone(),
                relation: dep.relation.clone(),
            },
        )?;
        let id = view
            .dependents
            .iter()
            .map(|x| x.id)
            .max()
            .ok_or_else(|| ApiError::NotFound(format!("扶養家族「{}」", dep.name)))?;
        self.dependent_ids[i][d] = Some(id);
        self.dependents += 1;
        Ok(id)
    }

    fn file(&self, file: File) -> Result<i64, ApiError> {
        self.files
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, no)| *no)
            .ok_or_else(|| ApiError::NotFound(format!("デモの台帳 {file:?}")))
    }

    /// Records the batch's event for `persons` (all of its persons or the newest part).
    fn events(&mut self, b: &Batch, persons: &[usize]) -> Result<u64, ApiError> {
        let mut ids = Vec::with_capacity(persons.len());
        for &p in persons {
            ids.push(self.person(p, b.clerk)?);
        }
        let dependent = match (b.dependent, persons.first()) {
            (Some(d), Some(&p)) => Some(self.dependent(p, d, b.clerk)?.to_string()),
            _ => None,
        };
        let file = b.ev.file.map(|f| self.file(f)).transpose()?;
        self.session(b.clerk).add_events(&NewEvent {
            kind: b.ev.kind.into(),
            date: b.date.to_string(),
            affair: b.affair.into(),
            persons: ids,
            dependent,
            file,
            clerk: None,
            fields: b.ev.fields.clone(),
            ..NewEvent::default()
        })?;
        Ok(persons.len() as u64)
    }

    /// Someone leaving (registered now if they were not yet).
    fn leave(&mut self, person: usize, on: NaiveDate) -> Result<(), ApiError> {
        let id = self.person(person, Clerk::Sato)?;
        self.sato.person_leave(id, &on.to_string())?;
        Ok(())
    }
}
