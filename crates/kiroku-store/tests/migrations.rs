//! Schema migrations: every earlier version's fixture opens and is brought up to date with its
//! data intact; a file from a newer Kiroku is refused untouched.
//!
//! When adding migration N+1: first run
//! `KIROKU_WRITE_FIXTURE=1 cargo test -p kiroku-store --test migrations -- --ignored`
//! with the code still at version N (it writes `fixtures/vN.kiroku`), commit it, then add the
//! migration.
#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use kiroku_core::audit::{AuditAction, AuditEntry};
use kiroku_core::person::PersonDetails;
use kiroku_core::user::{LoginId, Role, UserProfile};
use kiroku_store::table::{
    affairs, audit, check_actions, check_answers, checks, contractors, documents, evaluations,
    events, incidents, ledger, meta, persons, retention_rules, users,
};
use kiroku_store::{migrations, MasterKey, StoreError, Vault};
use std::path::{Path, PathBuf};

/// The fixtures' key (test data only).
fn fixture_key() -> MasterKey {
    MasterKey::from_bytes(*b"kiroku-fixture-key-not-a-secret!")
}

fn fixtures() -> Vec<(i64, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<(i64, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name()?.to_str()?.to_owned();
            let v = name
                .strip_prefix('v')?
                .strip_suffix(".kiroku")?
                .parse()
                .ok()?;
            Some((v, p))
        })
        .collect();
    out.sort();
    out
}

fn fixture_ledger_entry(handlers: &[String]) -> kiroku_core::ledger::LedgerEntry {
    kiroku_core::ledger::LedgerInput {
        name: "給与所得の源泉徴収票",
        scope: "役職員の個人番号、氏名",
        dept: "総務課",
        owner: "boss",
        handlers,
        purpose: "源泉徴収票の作成",
        retention: "翌年1月10日の翌日から7年",
        disposal: "shred",
        location: "総務課キャビネット",
        electronic: false,
    }
    .parse()
    .unwrap()
}

fn fixture_incident() -> kiroku_core::incident::IncidentRecord {
    kiroku_core::incident::IncidentRecord {
        first: kiroku_core::incident::FirstReport {
            finder: "移行 太郎".into(),
            known_on: chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            known_time: None,
            what: "申告書の綴りが見当たらない".into(),
            medium: "紙".into(),
            place: Some("総務課".into()),
        },
        facts: kiroku_core::incident::OfficerFacts::default(),
    }
}

fn fixture_event() -> kiroku_core::handling::EventFacts {
    kiroku_core::handling::EventInput {
        kind: "acquire",
        date: "令和8年1月5日",
        clerk: "boss",
        source: Some("person"),
        method: Some("mynumber_card"),
        ..Default::default()
    }
    .parse(chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap())
    .unwrap()
}

#[test]
fn the_migrations_are_well_formed() {
    migrations::all().validate().unwrap();
}

#[test]
fn there_is_a_fixture_for_every_earlier_version() {
    let versions: Vec<i64> = fixtures().into_iter().map(|(v, _)| v).collect();
    let expected: Vec<i64> = (1..=migrations::LATEST).collect();
    assert_eq!(
        versions, expected,
        "write the fixture of each released schema version"
    );
}

#[test]
fn every_fixture_opens_migrated_with_its_data() {
    for (version, fixture) in fixtures() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.kiroku");
        std::fs::copy(&fixture, &path).unwrap();
        let v = Vault::open(&path, &fixture_key()).unwrap_or_else(|e| panic!("v{version}: {e}"));
        assert_eq!(v.schema_version().unwrap(), migrations::LATEST);
        assert_eq!(
            meta::get(v.conn(), meta::ORG_NAME).unwrap().as_deref(),
            Some("移行試験組合")
        );
        let boss = users::get(v.conn(), &LoginId::parse("boss").unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(boss.profile.name, "移行 太郎");
        if version >= 3 {
            let handlers = vec!["boss".to_owned()];
            let entry = ledger::current(v.conn(), 1).unwrap().unwrap();
            assert_eq!(entry.entry, fixture_ledger_entry(&handlers), "v{version}");
            let event = events::current(v.conn(), 1).unwrap().unwrap();
            assert_eq!(event.facts, fixture_event(), "v{version}");
        }
        if version >= 4 {
            let c = contractors::get(v.conn(), 1).unwrap().unwrap();
            assert_eq!(c.details.name, "移行情報サービス", "v{version}");
            let sheet = evaluations::sheet(v.conn(), 1).unwrap();
            assert_eq!(sheet.judgments.len(), 1, "v{version}");
        }
        // Every vault has the built-in retention rules from v5 on (the hook of the migration).
        let rules = retention_rules::list(v.conn()).unwrap();
        assert_eq!(
            rules.len(),
            kiroku_core::retention::built_in().len(),
            "v{version}"
        );
        if version >= 5 {
            let doc = documents::get(v.conn(), 1).unwrap().unwrap();
            assert_eq!(doc.doc.batch_count, Some(48), "v{version}");
        }
        // v6: every person registered before has their version 1 (no フリガナ yet); events
        // are not withdrawn.
        if version >= 3 {
            let person = persons::get(v.conn(), 1).unwrap().unwrap();
            assert_eq!(person.details.kana, None, "v{version}");
            let history = persons::history(v.conn(), 1).unwrap();
            assert_eq!(history.len(), 1, "v{version}");
            assert_eq!(history[0].details, person.details, "v{version}");
            assert!(!events::current(v.conn(), 1).unwrap().unwrap().withdrawn);
        }
        // v8: the kind of body, from the template the vault was made with (the fixtures' only
        // affair names no 規程: a 事務組合); an incident from v8 on.
        assert_eq!(
            meta::get(v.conn(), meta::BODY_KIND).unwrap().as_deref(),
            Some("jimukumiai"),
            "v{version}"
        );
        if version >= 8 {
            let incident = incidents::current(v.conn(), 1).unwrap().unwrap();
            assert_eq!(incident.record, fixture_incident(), "v{version}");
        }
        // v9: a yearly check with an answer and an open action from v9 on.
        let check = checks::get(v.conn(), 1).unwrap();
        assert_eq!(check.is_some(), version >= 9, "v{version}");
        if version >= 9 {
            assert_eq!(check_answers::latest(v.conn(), 1).unwrap().len(), 1);
            assert_eq!(check_actions::open_before(v.conn(), None).unwrap().len(), 1);
        }
        let chain = audit::verify(v.conn()).unwrap();
        assert_eq!((chain.rows, chain.first_break), (2, None), "v{version}");
        assert!(v.integrity_check().unwrap().is_ok());
    }
}

#[test]
fn a_file_from_a_newer_kiroku_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.kiroku");
    let key = MasterKey::generate();
    let v = Vault::create(&path, &key).unwrap();
    v.conn()
        .execute_batch(&format!(
            "PRAGMA user_version = {};",
            migrations::LATEST + 1
        ))
        .unwrap();
    drop(v);
    let before = std::fs::read(&path).unwrap();
    let err = Vault::open(&path, &key).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("Kiroku を更新してください"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// Writes `fixtures/v{LATEST}.kiroku` with the current code.
#[test]
#[ignore = "writes a fixture; run by hand before adding a migration"]
fn write_fixture_of_the_current_version() {
    if std::env::var("KIROKU_WRITE_FIXTURE").is_err() {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let path = dir.join(format!("v{}.kiroku", migrations::LATEST));
    let _ = std::fs::remove_file(&path);
    let at = Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap();
    let mut v = Vault::create(&path, &fixture_key()).unwrap();
    v.write(|tx| -> Result<(), StoreError> {
        meta::set(tx, meta::VAULT_ID, "fixture-vault")?;
        meta::set(tx, meta::ORG_NAME, "移行試験組合")?;
        users::insert(
            tx,
            &users::UserRow {
                login_id: LoginId::parse("boss").unwrap(),
                profile: UserProfile::parse("移行 太郎", "総務課", "").unwrap(),
                role: Role::Officer,
                created_at: at,
                created_by: "boss".into(),
                disabled_at: None,
            },
        )?;
        for action in [AuditAction::Init, AuditAction::Login] {
            audit::append(
                tx,
                AuditEntry {
                    at,
                    actor: "boss".into(),
                    action,
                    target: "vault".into(),
                    detail: String::new(),
                },
            )?;
        }
        // From v3 on: a 台帳 entry and one handling event about a person.
        let affair = affairs::insert(tx, "給与所得の源泉徴収票", None, at, "boss")?;
        let person = persons::insert(
            tx,
            &PersonDetails::parse("staff", "移行 花子", "総務課", "").unwrap(),
            at,
            "boss",
        )?;
        let handlers = vec!["boss".to_owned()];
        let no = ledger::insert(tx, &fixture_ledger_entry(&handlers), at, "boss")?;
        events::insert(
            tx,
            &events::EventLinks {
                affair_id: Some(affair),
                person_id: Some(person),
                dependent_id: None,
                ledger_no: Some(no),
                clerk: "boss".into(),
                document_id: None,
            },
            &fixture_event(),
            at,
            "boss",
        )?;
        // From v4 on: a contractor and its evaluation with one judgment.
        if migrations::LATEST < 4 {
            return Ok(());
        }
        let contractor = contractors::insert(
            tx,
            &kiroku_core::contractor::ContractorInput {
                name: "移行情報サービス",
                pattern: "II",
                leak_in_2_years: Some(false),
                ..Default::default()
            }
            .parse()
            .unwrap(),
            &contractors::Placement::default(),
            at,
            "boss",
        )?;
        let evaluation = evaluations::insert(
            tx,
            &evaluations::NewEvaluation {
                contractor_id: contractor,
                re_evaluation: false,
                made_on: at.date_naive(),
                pattern: kiroku_core::evaluation::Pattern::II,
                facts: Default::default(),
            },
            at,
            "boss",
        )?;
        evaluations::add_judgments(
            tx,
            evaluation,
            &[(1, kiroku_core::evaluation::Judgment::A, None)],
            at,
            "boss",
        )?;
        // From v5 on: a document under 台帳 NO.1 kept by the first built-in rule.
        if migrations::LATEST < 5 {
            return Ok(());
        }
        documents::insert(
            tx,
            &documents::NewDocument {
                name: "令和7年分 扶養控除等申告書".into(),
                ledger_no: no,
                rule_id: 1,
                base_date: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                person_id: None,
                batch_count: Some(48),
            },
            at,
            "boss",
        )?;
        // From v8 on: an incident's 第一報.
        if migrations::LATEST < 8 {
            return Ok(());
        }
        incidents::insert(tx, &fixture_incident(), at, "boss")?;
        // From v9 on: a yearly check, answered in part, with an open improvement action.
        if migrations::LATEST < 9 {
            return Ok(());
        }
        let check = checks::insert(tx, 2026, false, at, "boss")?;
        check_answers::insert(tx, check, "M1", "adequate", Some("施錠を確認"), at, "boss")?;
        check_actions::insert(
            tx,
            check,
            "鍵の管理簿を作る",
            "移行 太郎",
            chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            at,
            "boss",
        )?;
        Ok(())
    })
    .unwrap();
    v.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
        .unwrap();
}
