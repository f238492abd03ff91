//! `kiroku demo`: a generated vault of a plausible office — users, staff with their
//! dependents, directors and councillors, a 台帳 and several years of handling events —
//! for the README's run command and for benchmarks.
//!
//! Everything goes through the public API (`init`, `login`, `Session::…`), exactly as a user
//! would record it. The content is derived from the seed and the clock's day only: the same
//! seed on the same day gives the same records (the vault ID, the recovery code and the key
//! material are random as always).
//!
//! How it is made: a *plan* (people, and dated steps each recording one event for one person
//! or for many in one batch) is drawn first, in memory, for the fewest fiscal years back from
//! today that hold the requested number of events (never before 平成28年度, the first year
//! 個人番号 were in use). If even those years are too few, a 消防団 is added whose members'
//! 報酬 make more events. The plan is then replayed in date order, its *newest* events kept:
//! the surplus is dropped from the oldest end (the earliest steps skipped, the earliest batch
//! kept cut short), so that exactly that many events are recorded and the last ones are
//! close to today.
//!
//! - `office`: the office's users, clerks, 関係事務, destinations and departments;
//! - `ledger`: the 台帳 entries;
//! - `people`: the people and their names;
//! - `events`: the event builders;
//! - `calendar`: JST, working days, fiscal years, 和暦 year labels;
//! - `plan`, `yearly_cycle`, `occasions`: drawing the plan, year by year and
//!   occasion by occasion, and the cut that keeps its newest events;
//! - `replay`: recording it through the API;
//! - `contractors`: the 委託先, their contract clauses and a 評価シート each year;
//! - `documents`: the 帳票 kept under the 台帳, for the disposal schedule.

mod calendar;
mod cast;
mod contractors;
mod documents;
mod events;
mod ledger;
mod occasions;
mod office;
mod people;
mod plan;
mod replay;
mod yearly_cycle;

use chrono::{Datelike, NaiveDate};
use kiroku_core::affair_templates::OfficeTemplate;
use serde::Serialize;
use std::path::PathBuf;
use zeroize::Zeroizing;

use kiroku_api::{ApiError, Env, InitRequest, NewUser};

use calendar::jst;
use ledger::File;
use office::{A_ITAKU, A_ITAKU_BASIS, USERS};

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoRequest {
    /// The new vault (must not exist).
    pub vault: PathBuf,
    /// The password of every demo user.
    pub password: Zeroizing<String>,
    pub seed: u64,
    /// How many handling events to record in all.
    pub events: u64,
    /// How many staff (職員) the office employs at any time.
    pub persons: u32,
}

/// What was generated.
#[derive(Debug, Clone, Serialize)]
pub struct DemoReport {
    pub vault: String,
    pub org_name: String,
    /// The officer's login ID.
    pub officer: String,
    /// Every user's login ID, the officer first.
    pub users: Vec<String>,
    /// 本人 registered (staff, directors, councillors, …, those who left included).
    pub persons: u64,
    pub dependents: u64,
    pub ledger_entries: u64,
    pub events: u64,
    pub contractors: u64,
    pub evaluations: u64,
    pub documents: u64,
    pub recovery_code: String,
    /// The day of the earliest and of the latest event (today when there are none).
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

/// The demo office's name.
pub const ORG_NAME: &str = "みどり広域事務組合";
/// The demo officer's login ID.
pub const OFFICER_ID: &str = "jimukyokucho";
const OFFICER_NAME: &str = "大塚 正道";

/// Creates the demo vault at `req.vault`: the office, its users (officer `jimukyokucho`,
/// clerks `sato` and `suzuki`, auditor `kansa`, all with `req.password`), its 台帳, and
/// exactly `req.events` handling events, the newest of the fewest fiscal years back from
/// the clock's day that hold them.
pub fn generate(env: &Env, req: &DemoRequest) -> Result<DemoReport, ApiError> {
    let today = env.clock.now().with_timezone(&jst()).date_naive();
    let plan = plan::plan(req.seed, today, req.persons, req.events);

    let init = kiroku_api::init(
        env,
        InitRequest {
            vault: req.vault.clone(),
            org_name: ORG_NAME.into(),
            officer_id: OFFICER_ID.into(),
            officer_name: OFFICER_NAME.into(),
            officer_dept: Some("事務局".into()),
            password: req.password.clone(),
            template: OfficeTemplate::Jimukumiai,
            recovery_pdf: None,
        },
    )?;
    let mut officer = kiroku_api::login(env, &req.vault, OFFICER_ID, &req.password)?.0;
    for u in &USERS {
        officer.add_user(
            &NewUser {
                id: u.id.into(),
                name: u.name.into(),
                role: u.role.into(),
                dept: Some(u.dept.into()),
                duties: Some(u.duties.into()),
            },
            &req.password,
        )?;
    }
    officer.add_affair(A_ITAKU, Some(A_ITAKU_BASIS))?;
    let mut files = Vec::new();
    for f in File::ALL {
        if f == File::Dan && !plan.firefighters {
            continue;
        }
        files.push((f, officer.add_ledger_entry(&f.entry())?.no));
    }
    officer.logout()?;

    let ledger_entries = files.len() as u64;
    let cut = plan.cut(req.events);
    let files_for_documents = files.clone();
    let recorded = replay::replay(env, &req.vault, &req.password, &plan, files, cut)?;
    let (first_day, last_day) = recorded.days.unwrap_or((today, today));
    let mut officer = kiroku_api::login(env, &req.vault, OFFICER_ID, &req.password)?.0;
    let (contractors, evaluations) = contractors::register(&mut officer, today)?;
    // Papers are older than the log: nine years of them, so that some are due this year.
    let documents = documents::register(
        &mut officer,
        &files_for_documents,
        today.year() - 9,
        today,
        req.persons,
    )?;
    officer.logout()?;
    Ok(DemoReport {
        vault: init.vault,
        org_name: init.org_name,
        officer: OFFICER_ID.into(),
        users: std::iter::once(OFFICER_ID)
            .chain(USERS.iter().map(|u| u.id))
            .map(str::to_owned)
            .collect(),
        persons: recorded.persons,
        dependents: recorded.dependents,
        ledger_entries,
        events: recorded.events,
        contractors,
        evaluations,
        documents,
        recovery_code: init.recovery_code,
        first_day,
        last_day,
    })
}
