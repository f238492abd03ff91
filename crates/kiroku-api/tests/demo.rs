//! `kiroku_demo` (through the API): a generated office vault, the same for the same seed.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

mod common;

use chrono::{Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use kiroku_api::{EventQuery, Session};
use kiroku_core::clock::Clock;
use kiroku_demo::{self as demo, DemoReport, DemoRequest};
use kiroku_store::credentials::NoCredentials;
use std::path::Path;
use std::sync::Arc;
use zeroize::Zeroizing;

const PASSWORD: &str = "demo-password";

fn request(vault: &Path, seed: u64, events: u64, persons: u32) -> DemoRequest {
    DemoRequest {
        vault: vault.to_owned(),
        password: Zeroizing::new(PASSWORD.into()),
        seed,
        events,
        persons,
    }
}

fn today(env: &kiroku_api::Env) -> NaiveDate {
    env.clock
        .now()
        .with_timezone(&FixedOffset::east_opt(9 * 3600).unwrap())
        .date_naive()
}

fn generate(dir: &Path, name: &str, seed: u64, events: u64, persons: u32) -> (DemoReport, Session) {
    let env = common::env_with(common::clock(), Arc::new(NoCredentials));
    let vault = dir.join(name);
    let report = demo::generate(&env, &request(&vault, seed, events, persons)).unwrap();
    let session = kiroku_api::login(&env, &vault, demo::OFFICER_ID, PASSWORD)
        .unwrap()
        .0;
    (report, session)
}

/// The 運用状況記録票 and the 取扱記録表 as JSON.
fn views(s: &mut Session) -> (String, String) {
    let all = EventQuery::default();
    (
        serde_json::to_string(&s.chronological(&all).unwrap()).unwrap(),
        serde_json::to_string(&s.lifecycle(&all).unwrap()).unwrap(),
    )
}

#[test]
fn a_small_demo_has_exactly_the_events_asked_for_and_a_plausible_office() {
    let dir = tempfile::tempdir().unwrap();
    let env = common::env_with(common::clock(), Arc::new(NoCredentials));
    let vault = dir.path().join("demo.kiroku");
    let report = demo::generate(&env, &request(&vault, 42, 300, 20)).unwrap();
    assert_eq!(report.events, 300);
    assert_eq!(report.org_name, "みどり広域事務組合");
    assert_eq!(report.users, ["jimukyokucho", "sato", "suzuki", "kansa"]);

    // Every demo user can log in with the demo password.
    for user in &report.users {
        kiroku_api::login(&env, &vault, user, PASSWORD).unwrap();
    }
    let mut s = kiroku_api::login(&env, &vault, demo::OFFICER_ID, PASSWORD)
        .unwrap()
        .0;
    let rows = s.chronological(&EventQuery::default()).unwrap();
    assert_eq!(rows.len(), 300);
    let today = today(&env);
    let first = rows.first().unwrap().date;
    let last = rows.last().unwrap().date;
    assert_eq!((first, last), (report.first_day, report.last_day));
    assert!(last <= today, "{last} is after {today}");
    assert!(first >= today - Duration::days(366 * 6), "{first}");
    assert!(
        rows.windows(2).all(|w| w[0].date <= w[1].date),
        "date order"
    );
    let kinds: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.kind.as_str()).collect();
    for kind in [
        "acquire",
        "record",
        "use",
        "output",
        "submit",
        "hand_over",
        "dispose",
    ] {
        assert!(kinds.contains(kind), "no {kind} among {kinds:?}");
    }
    let clerks: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.clerk.as_str()).collect();
    assert!(clerks.len() >= 2, "{clerks:?}");
    assert!(rows.iter().any(|r| r.dependent.is_some()));

    let persons = s.list_persons().unwrap();
    assert_eq!(persons.len() as u64, report.persons);
    assert!(persons.len() >= 20);
    let deps: usize = persons.iter().map(|p| p.dependents.len()).sum();
    assert_eq!(deps as u64, report.dependents);
    assert!(persons.iter().filter(|p| !p.dependents.is_empty()).count() >= 3);
    let kinds: std::collections::BTreeSet<&str> = persons.iter().map(|p| p.kind.as_str()).collect();
    for kind in ["staff", "director", "councillor"] {
        assert!(kinds.contains(kind), "no {kind} among {kinds:?}");
    }

    let ledger = s.list_ledger().unwrap();
    assert_eq!(ledger.len() as u64, report.ledger_entries);
    assert!(ledger.iter().any(|e| e.name.contains("源泉徴収票")));
    assert!(ledger
        .iter()
        .any(|e| e.retention == "翌年1月10日の翌日から7年"));

    let lifecycle = s.lifecycle(&EventQuery::default()).unwrap();
    assert!(!lifecycle.is_empty());
    assert!(lifecycle.iter().any(|r| !r.acquired_on.is_empty()));
    assert!(lifecycle.iter().any(|r| !r.dependent.is_empty()));
    let in_rows: usize = lifecycle.iter().map(|r| r.event_ids.len()).sum();
    assert_eq!(in_rows, 300);
}

/// A clock at noon on 23 November 2026 (JST), well into 令和8年度.
fn clock_on_23_november() -> Arc<common::TestClock> {
    let clock = common::clock();
    let noon = Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap();
    clock.advance(noon - clock.now());
    clock
}

/// The newest events are kept: a clerk opening the demo sees this month's and last month's
/// work, and this fiscal year's.
#[test]
fn a_demo_ends_close_to_today_with_events_in_the_current_fiscal_year() {
    let dir = tempfile::tempdir().unwrap();
    let env = common::env_with(clock_on_23_november(), Arc::new(NoCredentials));
    let vault = dir.path().join("demo.kiroku");
    let report = demo::generate(&env, &request(&vault, 42, 300, 20)).unwrap();
    let today = today(&env);
    assert_eq!(today, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let mut s = kiroku_api::login(&env, &vault, demo::OFFICER_ID, PASSWORD)
        .unwrap()
        .0;
    let rows = s.chronological(&EventQuery::default()).unwrap();
    assert_eq!((rows.len(), report.events), (300, 300));

    let last = rows.last().unwrap().date;
    assert_eq!(last, report.last_day);
    let this_month = today.with_day(1).unwrap();
    let previous_month = (this_month - Duration::days(1)).with_day(1).unwrap();
    assert!(
        previous_month <= last && last <= today,
        "the last event on {last}, today {today}"
    );

    let fiscal_year_start = if today.month() >= 4 {
        NaiveDate::from_ymd_opt(today.year(), 4, 1).unwrap()
    } else {
        NaiveDate::from_ymd_opt(today.year() - 1, 4, 1).unwrap()
    };
    let this_year = rows.iter().filter(|r| r.date >= fiscal_year_start).count();
    assert!(this_year > 0, "no event since {fiscal_year_start}");
    assert!(
        report.first_day < fiscal_year_start,
        "{}: 300 events take more than this fiscal year",
        report.first_day
    );

    // Everyone named in an event is registered, and the vault is sound.
    let persons = s.list_persons().unwrap();
    assert_eq!(persons.len() as u64, report.persons);
    assert!(s.audit_verify().unwrap().ok);
}

#[test]
fn the_same_seed_gives_the_same_vault_and_another_seed_another() {
    let dir = tempfile::tempdir().unwrap();
    let (a, mut sa) = generate(dir.path(), "a.kiroku", 7, 400, 25);
    let (b, mut sb) = generate(dir.path(), "b.kiroku", 7, 400, 25);
    let (_, mut sc) = generate(dir.path(), "c.kiroku", 8, 400, 25);
    let va = views(&mut sa);
    assert_eq!(va, views(&mut sb));
    assert_ne!(va.0, views(&mut sc).0);
    assert_eq!(
        (
            a.persons,
            a.dependents,
            a.ledger_entries,
            a.first_day,
            a.last_day
        ),
        (
            b.persons,
            b.dependents,
            b.ledger_entries,
            b.first_day,
            b.last_day
        )
    );
    assert_ne!(a.recovery_code, b.recovery_code);
}

#[test]
fn the_audit_chain_of_a_demo_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s) = generate(dir.path(), "demo.kiroku", 1, 500, 30);
    let report = s.audit_verify().unwrap();
    assert!(report.ok, "{report:?}");
    assert!(report.rows > 500);
}

#[test]
fn more_events_than_the_years_hold_still_come_out_exact() {
    let dir = tempfile::tempdir().unwrap();
    let (report, mut s) = generate(dir.path(), "big.kiroku", 3, 3000, 3);
    assert_eq!(report.events, 3000);
    assert_eq!(s.chronological(&EventQuery::default()).unwrap().len(), 3000);
}

/// Ten years of a small office: every kind of event, each accepted by the API.
#[test]
fn a_long_demo_records_every_kind_of_event() {
    let dir = tempfile::tempdir().unwrap();
    let (report, mut s) = generate(dir.path(), "long.kiroku", 5, 6000, 10);
    assert_eq!(report.events, 6000);
    assert!(report.first_day < NaiveDate::from_ymd_opt(2017, 1, 1).unwrap());
    let rows = s.chronological(&EventQuery::default()).unwrap();
    let kinds: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds.len(), 12, "{kinds:?}");
    assert!(s.audit_verify().unwrap().ok);
}

#[test]
fn an_existing_vault_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (_, s) = generate(dir.path(), "demo.kiroku", 1, 10, 5);
    drop(s);
    let env = common::env_with(common::clock(), Arc::new(NoCredentials));
    let err =
        demo::generate(&env, &request(&dir.path().join("demo.kiroku"), 1, 10, 5)).unwrap_err();
    assert_eq!(err.code(), kiroku_api::ErrorCode::AlreadyExists);
}

fn measure(events: u64, persons: u32) {
    let dir = tempfile::tempdir().unwrap();
    let env = common::env_with(common::clock(), Arc::new(NoCredentials));
    let vault = dir.path().join("bench.kiroku");
    let started = std::time::Instant::now();
    let report = demo::generate(&env, &request(&vault, 1, events, persons)).unwrap();
    let took = started.elapsed();
    println!(
        "demo: {} events, {} persons ({persons} staff), {} dependents, {} – {} in {:.2?}",
        report.events, report.persons, report.dependents, report.first_day, report.last_day, took
    );
    assert_eq!(report.events, events);
}

/// `cargo test --release -p kiroku-api --test demo -- --ignored --nocapture`
#[test]
#[ignore = "a measurement, run with --release"]
fn measure_100000_events_for_1000_persons() {
    measure(100_000, 1000);
}

/// The same number of events from the default office (a 消防団 makes up the difference).
#[test]
#[ignore = "a measurement, run with --release"]
fn measure_100000_events_for_60_persons() {
    measure(100_000, 60);
}
