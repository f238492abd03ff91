//! The plan: the people and the dated steps (each one event for one person or one batch, or
//! someone leaving), drawn in memory from the seed and today before anything is recorded,
//! for the fewest fiscal years back from today that hold the events asked for; and the cut
//! that keeps the newest of them.

use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;

use super::calendar::{fiscal_year_of, workday, ymd, FIRST_FISCAL_YEAR};
use super::cast::{Names, PlannedPerson, Role};
use super::events::Ev;
use super::office::{Clerk, EMPLOYERS};

/// The same event for each of `persons` (one person when a dependent is named).
#[derive(Debug, Clone)]
pub(super) struct Batch {
    pub(super) date: NaiveDate,
    pub(super) clerk: Clerk,
    pub(super) affair: &'static str,
    pub(super) persons: Vec<usize>,
    pub(super) dependent: Option<usize>,
    pub(super) ev: Ev,
}

/// One step of the plan: a batch of events, or someone leaving.
#[derive(Debug, Clone)]
pub(super) enum Step {
    Events(Box<Batch>),
    Leave { person: usize, on: NaiveDate },
}

impl Step {
    pub(super) fn date(&self) -> NaiveDate {
        match self {
            Step::Events(b) => b.date,
            Step::Leave { on, .. } => *on,
        }
    }
}

/// The people and the steps in date order.
#[derive(Debug)]
pub(super) struct Plan {
    pub(super) people: Vec<PlannedPerson>,
    pub(super) steps: Vec<Step>,
    /// Events in `steps`.
    pub(super) events: u64,
    pub(super) firefighters: bool,
}

/// Where the replay starts so that exactly the events asked for are recorded, the newest
/// ones: the surplus is dropped from the oldest end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cut {
    /// The first step kept (a batch, or the end of the plan when nothing is kept).
    pub(super) step: usize,
    /// How many persons at the front of that batch are dropped.
    pub(super) skip: usize,
}

impl Plan {
    /// The cut that keeps the newest `events` (all of them when the plan holds fewer).
    pub(super) fn cut(&self, events: u64) -> Cut {
        let mut surplus = self.events.saturating_sub(events);
        for (step, s) in self.steps.iter().enumerate() {
            if let Step::Events(b) = s {
                let n = b.persons.len() as u64;
                if n > surplus {
                    let skip = usize::try_from(surplus).unwrap_or(usize::MAX);
                    return Cut { step, skip };
                }
                surplus -= n;
            }
        }
        Cut {
            step: self.steps.len(),
            skip: 0,
        }
    }
}

impl Cut {
    /// The persons kept of batch `b`, the plan's step number `step`: all but the dropped
    /// front of the first batch kept.
    pub(super) fn persons<'b>(&self, step: usize, b: &'b Batch) -> &'b [usize] {
        let skip = if step == self.step { self.skip } else { 0 };
        b.persons.get(skip..).unwrap_or_default()
    }
}

/// Draws the plan: people and dated steps.
pub(super) struct Planner {
    pub(super) rng: StdRng,
    pub(super) today: NaiveDate,
    pub(super) first_fy: i32,
    pub(super) people: Vec<PlannedPerson>,
    steps: Vec<Step>,
    events: u64,
    pub(super) names: Names,
    /// Fiscal year of a November collection of 扶養控除等申告書 → who handed one in.
    pub(super) collected: BTreeMap<i32, Vec<usize>>,
}

impl Planner {
    fn new(seed: u64, today: NaiveDate, first_fy: i32) -> Self {
        Self {
            rng: StdRng::seed_from_u64(seed),
            today,
            first_fy,
            people: Vec::new(),
            steps: Vec::new(),
            events: 0,
            names: Names::new(),
            collected: BTreeMap::new(),
        }
    }

    /// A working day between `from` and `to` of month `m`.
    pub(super) fn day(&mut self, y: i32, m: u32, from: u32, to: u32) -> NaiveDate {
        workday(ymd(y, m, self.rng.gen_range(from..=to)))
    }

    /// A working day of year `y` in a month between `from` and `to`.
    pub(super) fn some_day(&mut self, y: i32, from: u32, to: u32) -> NaiveDate {
        let m = self.rng.gen_range(from..=to);
        self.day(y, m, 1, 28)
    }

    /// The same event for each of `persons` (nothing when there are none or it would be
    /// after today).
    pub(super) fn push(
        &mut self,
        date: NaiveDate,
        clerk: Clerk,
        affair: &'static str,
        persons: &[usize],
        ev: Ev,
    ) {
        self.push_batch(Batch {
            date,
            clerk,
            affair,
            persons: persons.to_vec(),
            dependent: None,
            ev,
        });
    }

    /// An event about dependent `d` of `person` (recorded by the payroll clerk).
    pub(super) fn push_dependent(
        &mut self,
        date: NaiveDate,
        affair: &'static str,
        person: usize,
        d: usize,
        ev: Ev,
    ) {
        self.push_batch(Batch {
            date,
            clerk: Clerk::Sato,
            affair,
            persons: vec![person],
            dependent: Some(d),
            ev,
        });
    }

    fn push_batch(&mut self, batch: Batch) {
        if batch.date > self.today || batch.persons.is_empty() {
            return;
        }
        self.events += batch.persons.len() as u64;
        self.steps.push(Step::Events(Box::new(batch)));
    }

    /// `person` leaves on `on` (unless that is after today).
    pub(super) fn leave(&mut self, person: usize, on: NaiveDate) {
        if on > self.today {
            return;
        }
        self.people[person].left = Some(on);
        self.steps.push(Step::Leave { person, on });
    }

    /// The people for whom `f` holds.
    pub(super) fn who(&self, f: impl Fn(&PlannedPerson) -> bool) -> Vec<usize> {
        (0..self.people.len())
            .filter(|&i| f(&self.people[i]))
            .collect()
    }

    pub(super) fn staff_active(&self, on: NaiveDate) -> Vec<usize> {
        self.who(|p| p.role == Role::Staff && p.active(on))
    }

    /// One of `list`, at random.
    pub(super) fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.choose(&mut self.rng).copied().unwrap_or_default()
    }
}

/// The plan for `years` fiscal years ending with today's, with `firefighters` 消防団員.
fn plan_years(seed: u64, today: NaiveDate, staff: u32, years: i32, firefighters: u32) -> Plan {
    let last_fy = fiscal_year_of(today);
    let first_fy = last_fy - years + 1;
    let mut p = Planner::new(seed, today, first_fy);
    let start = ymd(first_fy, 4, 1);
    for _ in 0..staff {
        let temporary = p.rng.gen_bool(0.2);
        p.staff(start, temporary);
    }
    let directors = (2 + staff / 200).min(6);
    for i in 0..directors {
        let title = match i {
            0 => "管理者",
            1 => "副管理者",
            _ => "理事",
        };
        p.director(start, title);
    }
    for _ in 0..(6 + staff / 100).min(16) {
        p.councillor(start);
    }
    for i in 0..(2 + staff / 300).min(5) {
        p.employer_staff(start, EMPLOYERS[i as usize % 2]);
    }
    let per_group = 25;
    for i in 0..firefighters {
        let group = format!("みどり消防団 第{}分団", i / per_group + 1);
        p.person(Role::Firefighter, start, Some(group));
    }
    let mut vacancies = Vec::new();
    for fy in first_fy..=last_fy {
        vacancies = p.fiscal_year(fy, &vacancies);
    }
    p.steps.sort_by_key(Step::date);
    Plan {
        people: p.people,
        steps: p.steps,
        events: p.events,
        firefighters: firefighters > 0,
    }
}

/// The plan with the fewest fiscal years back from today (none before 平成28年度) that holds
/// `events`; with a 消防団 when even all those years are too few.
pub(super) fn plan(seed: u64, today: NaiveDate, staff: u32, events: u64) -> Plan {
    let last_fy = fiscal_year_of(today);
    let max_years = (last_fy - FIRST_FISCAL_YEAR + 1).max(2);
    let mut best = plan_years(seed, today, staff, 1, 0);
    for years in 2..=max_years {
        if best.events >= events {
            return best;
        }
        best = plan_years(seed, today, staff, years, 0);
    }
    // Each member: joined (3 events) and about 4 a year.
    let per_member = 3 + 4 * u64::try_from(max_years).unwrap_or(1);
    let mut firefighters = 0u32;
    for _ in 0..100 {
        if best.events >= events {
            break;
        }
        let more = (events - best.events).div_ceil(per_member).max(1);
        firefighters = firefighters.saturating_add(u32::try_from(more).unwrap_or(u32::MAX));
        best = plan_years(seed, today, staff, max_years, firefighters);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn today() -> NaiveDate {
        ymd(2026, 4, 1)
    }

    #[test]
    fn the_plan_holds_the_events_asked_for_and_none_in_the_future() {
        for (staff, events) in [(20, 300), (60, 2000), (5, 5000), (0, 50)] {
            let plan = plan(7, today(), staff, events);
            assert!(plan.events >= events, "{staff} staff, {events} events");
            assert!(plan.steps.iter().all(|s| s.date() <= today()));
            assert!(plan.steps.windows(2).all(|w| w[0].date() <= w[1].date()));
        }
    }

    #[test]
    fn the_plan_depends_on_the_seed_only() {
        let a = plan(1, today(), 30, 1000);
        let b = plan(1, today(), 30, 1000);
        let c = plan(2, today(), 30, 1000);
        assert_eq!(format!("{:?}", a.steps), format!("{:?}", b.steps));
        assert_ne!(format!("{:?}", a.steps), format!("{:?}", c.steps));
    }

    #[test]
    fn a_long_plan_has_every_kind_of_event() {
        let plan = plan(3, today(), 60, 20_000);
        let kinds: HashSet<&str> = plan
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::Events(b) => Some(b.ev.kind),
                Step::Leave { .. } => None,
            })
            .collect();
        for kind in kiroku_core::handling::EventKind::ALL {
            assert!(kinds.contains(kind.as_str()), "no {kind}");
        }
        let first = plan.steps.first().map(Step::date);
        assert!(first >= Some(ymd(FIRST_FISCAL_YEAR, 4, 1)), "{first:?}");
    }

    /// The events the cut keeps, counted over the plan.
    fn kept(plan: &Plan, cut: Cut) -> u64 {
        plan.steps
            .iter()
            .enumerate()
            .skip(cut.step)
            .map(|(i, s)| match s {
                Step::Events(b) => cut.persons(i, b).len() as u64,
                Step::Leave { .. } => 0,
            })
            .sum()
    }

    #[test]
    fn the_cut_keeps_exactly_the_newest_events() {
        let today = ymd(2026, 11, 23);
        for (staff, events) in [(20, 300), (60, 2000), (30, 1000), (3, 3000), (0, 50)] {
            let plan = plan(7, today, staff, events);
            let cut = plan.cut(events);
            assert_eq!(kept(&plan, cut), events, "{staff} staff, {events} events");
            assert!(matches!(plan.steps.get(cut.step), Some(Step::Events(_))));
            let last = plan
                .steps
                .iter()
                .rev()
                .find(|s| matches!(s, Step::Events(_)));
            assert!(last.is_some_and(|s| s.date() <= today));
            assert!(
                last.is_some_and(|s| s.date() >= ymd(2026, 10, 1)),
                "{last:?}"
            );
        }
    }

    #[test]
    fn a_cut_for_more_than_the_plan_keeps_it_all_and_for_none_nothing() {
        let plan = plan(7, today(), 20, 300);
        let all = plan.cut(plan.events + 10);
        assert_eq!(all.skip, 0);
        assert_eq!(kept(&plan, all), plan.events);
        let none = plan.cut(0);
        assert_eq!((none.step, kept(&plan, none)), (plan.steps.len(), 0));
    }
}
