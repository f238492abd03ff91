//! Drawing the people of the demo office: staff with their dependents, directors,
//! councillors, lecturers, 消防団員 and contractors' staff, each with a name not given out yet.

use chrono::NaiveDate;
use rand::seq::SliceRandom;
use rand::Rng;

use super::cast::{PlannedDependent, PlannedPerson, Role};
use super::office::{DEPTS, MUNICIPALITIES};
use super::plan::Planner;

/// Drawing people.
impl Planner {
    fn municipality(&mut self) -> &'static str {
        MUNICIPALITIES
            .choose_weighted(&mut self.rng, |m| m.1)
            .map(|m| m.0)
            .unwrap_or(MUNICIPALITIES[0].0)
    }

    fn given(&mut self, female: bool) -> &'static str {
        let names = &self.names;
        let list = if female { &names.female } else { &names.male };
        list.choose(&mut self.rng).copied().unwrap_or_default()
    }

    /// A family name and a full name not used yet (after a few tries, a namesake).
    fn name(&mut self, female: bool) -> (&'static str, String) {
        let mut last = ("", String::new());
        for _ in 0..30 {
            let family = self
                .names
                .family
                .choose(&mut self.rng)
                .copied()
                .unwrap_or_default();
            let full = format!("{family} {}", self.given(female));
            if self.names.used.insert(full.clone()) {
                return (family, full);
            }
            last = (family, full);
        }
        last
    }

    pub(super) fn person(&mut self, role: Role, from: NaiveDate, dept: Option<String>) -> usize {
        let female = self.rng.gen_bool(0.45);
        let (family, name) = self.name(female);
        let municipality = self.municipality();
        self.people.push(PlannedPerson {
            role,
            name,
            family,
            female,
            dept,
            employer: None,
            municipality,
            temporary: false,
            from,
            left: None,
            dependents: Vec::new(),
        });
        self.people.len() - 1
    }

    fn dependent(&mut self, person: usize, relation: String, female: bool, initial: bool) -> usize {
        let family = self.people[person].family;
        let name = format!("{family} {}", self.given(female));
        let third_insured = relation == "配偶者" && self.rng.gen_bool(0.35);
        let deps = &mut self.people[person].dependents;
        deps.push(PlannedDependent {
            name,
            relation,
            third_insured,
            initial,
        });
        deps.len() - 1
    }

    pub(super) fn add_child(&mut self, person: usize, initial: bool) -> usize {
        let female = self.rng.gen_bool(0.5);
        let sex = if female { '女' } else { '男' };
        let same = self.people[person]
            .dependents
            .iter()
            .filter(|d| d.relation.ends_with(sex))
            .count();
        let order = ["長", "次", "三", "四"][same.min(3)];
        self.dependent(person, format!("{order}{sex}"), female, initial)
    }

    pub(super) fn staff(&mut self, from: NaiveDate, temporary: bool) -> usize {
        let dept = self.pick(&DEPTS).to_owned();
        let i = self.person(Role::Staff, from, Some(dept));
        self.people[i].temporary = temporary;
        if self.rng.gen_bool(if temporary { 0.3 } else { 0.55 }) {
            let female = !self.people[i].female;
            self.dependent(i, "配偶者".into(), female, true);
            for _ in 0..[0, 1, 1, 2, 2, 3][self.rng.gen_range(0..6)] {
                self.add_child(i, true);
            }
        }
        if self.rng.gen_bool(0.05) {
            let female = self.rng.gen_bool(0.7);
            self.dependent(i, if female { "母" } else { "父" }.into(), female, true);
        }
        i
    }

    pub(super) fn director(&mut self, from: NaiveDate, title: &str) -> usize {
        let i = self.person(Role::Director, from, None);
        let m = self.people[i].municipality;
        self.people[i].dept = Some(format!("{title}（{m}長）"));
        i
    }

    pub(super) fn councillor(&mut self, from: NaiveDate) -> usize {
        let i = self.person(Role::Councillor, from, None);
        let m = self.people[i].municipality;
        self.people[i].dept = Some(format!("組合議会議員（{m}議会選出）"));
        i
    }

    pub(super) fn employer_staff(&mut self, from: NaiveDate, employer: &'static str) -> usize {
        let i = self.person(
            Role::EmployerStaff,
            from,
            Some("清掃センター運転管理".into()),
        );
        self.people[i].employer = Some(employer);
        i
    }
}
