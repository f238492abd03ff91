//! The desktop app's use cases: the dashboard, the entry forms, the evaluation grid, the
//! recovery sheet from the setup screen and the default place of printed PDFs.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::sync::Arc;

use kiroku_api::{
    event_forms, ErrorCode, EventFields, EventQuery, JudgmentInput, JudgmentsRequest,
    NewContractor, NewEvent, NewLedgerEntry, NewPerson, PrintRequest, RecoverySheetRequest,
    RuleChanges, Session, SetupProgress, SetupRequest,
};
use kiroku_demo as demo;
use kiroku_store::credentials::NoCredentials;

fn demo_office(dir: &Path) -> (kiroku_api::Env, std::path::PathBuf) {
    common::demo_office(dir, 3, 300)
}

fn login(env: &kiroku_api::Env, vault: &Path, user: &str) -> Session {
    common::demo_login(env, vault, user)
}

#[test]
fn the_dashboard_counts_this_years_records_and_disposals() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut s = login(&env, &vault, demo::OFFICER_ID);
    let before = s.dashboard().unwrap();
    let schedule = s.schedule(None).unwrap();
    assert_eq!(before.disposal_due as usize, schedule.due.len());
    assert_eq!(before.disposal_overdue as usize, schedule.overdue.len());
    assert!(before.recent.len() <= 10);

    s.add_events(&NewEvent {
        kind: "use".into(),
        date: "2026-04-01".into(),
        affair: "1".into(),
        persons: vec![1, 2, 3],
        fields: EventFields {
            content: Some("源泉徴収票を作成".into()),
            ..EventFields::default()
        },
        ..NewEvent::default()
    })
    .unwrap();
    let after = s.dashboard().unwrap();
    assert_eq!(after.events_this_year, before.events_this_year + 3);
    assert_eq!(after.recent[0].summary, "源泉徴収票を作成");
}

/// The home's 「はじめに」 checklist of a new office ticks itself from what the office registers:
/// a second user, a 本人, a 台帳 file, the retention rules looked at, a 委託先.
#[test]
fn a_new_office_counts_its_first_steps_for_the_checklist() {
    let o = common::office();
    let mut s = o.officer();
    let setup = |s: &mut Session| s.dashboard().unwrap().setup;
    assert_eq!(
        setup(&mut s),
        SetupProgress {
            users: 1,
            persons: 0,
            ledger_files: 0,
            rules_reviewed: false,
            contractors: 0,
        },
        "a new vault: only the first officer"
    );

    o.add_user("clerk", "佐藤 花子", "clerk", "clerk-pass-1");
    s.add_person(&NewPerson {
        kind: "staff".into(),
        name: "田中 一郎".into(),
        dept: Some("総務課".into()),
        employer: None,
        kana: Some("タナカ イチロウ".into()),
    })
    .unwrap();
    s.add_ledger_entry(&NewLedgerEntry {
        name: "給与所得の源泉徴収票".into(),
        scope: "役職員の個人番号、氏名".into(),
        dept: "総務課".into(),
        owner: common::OFFICER.into(),
        handlers: vec![common::OFFICER.into()],
        purpose: "源泉徴収票の作成".into(),
        retention: "7年".into(),
        disposal: "shred".into(),
        location: "総務課キャビネット".into(),
        electronic: false,
    })
    .unwrap();
    s.add_contractor(&NewContractor {
        name: "大分データサービス".into(),
        pattern: "I".into(),
        ..NewContractor::default()
    })
    .unwrap();
    let mid = setup(&mut s);
    assert_eq!(
        (mid.users, mid.persons, mid.ledger_files, mid.contractors),
        (2, 1, 1, 1)
    );
    assert!(
        !mid.rules_reviewed,
        "the built-in catalog alone is not a review"
    );

    // A clerk may not confirm the rules for the office; the officer may.
    let mut clerk = o.login("clerk", "clerk-pass-1");
    assert_eq!(
        clerk.confirm_rules().unwrap_err().code(),
        ErrorCode::Forbidden
    );
    clerk.logout().unwrap();
    s.confirm_rules().unwrap();
    assert!(setup(&mut s).rules_reviewed);
    let audit = s.audit_list(100).unwrap();
    assert!(audit
        .iter()
        .any(|r| r.target == "setting:rules_confirmed" && r.detail.contains("確認")));

    // Changing a rule counts as reviewing them too (another office, no confirmation).
    let other = common::office();
    let mut s = other.officer();
    let rule = s.list_rules().unwrap()[0].clone();
    s.edit_rule(
        rule.id,
        "当団体の規程に合わせる",
        &RuleChanges {
            years: Some((rule.years + 1).to_string()),
            ..RuleChanges::default()
        },
    )
    .unwrap();
    assert!(setup(&mut s).rules_reviewed);
}

#[test]
fn every_kind_has_an_entry_form_whose_labels_name_the_fields_of_its_errors() {
    let forms = event_forms();
    assert_eq!(forms.len(), 12);
    let delete = forms.iter().find(|f| f.kind == "delete").unwrap();
    assert!(delete
        .fields
        .iter()
        .any(|f| f.label == "確認者" && f.input == "user" && f.required));
    let submit = forms.iter().find(|f| f.kind == "submit").unwrap();
    let to = submit.fields.iter().find(|f| f.key == "to").unwrap();
    assert!(to.choices.iter().any(|c| c.label == "税務署"));

    // A delete without its witness is refused naming exactly the form's label.
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut s = login(&env, &vault, demo::OFFICER_ID);
    let err = s
        .add_events(&NewEvent {
            kind: "delete".into(),
            date: "2026-04-01".into(),
            affair: "1".into(),
            persons: vec![1],
            fields: EventFields {
                content: Some("源泉徴収票データ".into()),
                method: Some("system_delete".into()),
                ..EventFields::default()
            },
            ..NewEvent::default()
        })
        .unwrap_err();
    assert_eq!(err.body().field.as_deref(), Some("確認者"));
}

#[test]
fn the_evaluation_grid_is_saved_in_one_step_and_decides() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut s = login(&env, &vault, demo::OFFICER_ID);
    let contractor = s
        .list_contractors()
        .unwrap()
        .into_iter()
        .find(|c| c.pattern == "II")
        .unwrap();
    let sheet = s.new_evaluation(contractor.id, true, None).unwrap();
    let rows = |judge: &dyn Fn(u8) -> &'static str| JudgmentsRequest {
        id: sheet.id,
        judgments: sheet
            .items
            .iter()
            .filter(|i| i.applies)
            .map(|i| JudgmentInput {
                item: i.no.to_string(),
                judgment: judge(i.no).into(),
                improvement: (judge(i.no) == "B").then(|| "手順書を改訂する".to_owned()),
            })
            .collect(),
    };
    // A B without … is fine with its improvement: 採用（改善条件付）.
    let view = s
        .set_judgment_rows(&rows(&|n| if n == 19 { "B" } else { "A" }))
        .unwrap();
    assert_eq!(view.decision, "adopted_conditional");
    // An invalid letter anywhere keeps nothing new.
    let err = s
        .set_judgment_rows(&rows(&|n| if n == 3 { "D" } else { "C" }))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(
        s.evaluation(sheet.id).unwrap().decision,
        "adopted_conditional"
    );
    assert!(s.finalize_evaluation(sheet.id).unwrap().finalized);
}

#[test]
/// Forms printed without a path go to `記録票/` beside the vault; the 復旧用キー never does: it is a
/// temporary file for the viewer, gone when the login ends (whoever copies the vault folder
/// must not get the key with it).
fn setup_then_prints_go_beside_the_vault_but_the_recovery_sheet_never_does() {
    let dir = tempfile::tempdir().unwrap();
    let env = common::env_with(common::clock(), Arc::new(NoCredentials));
    let vault = dir.path().join("new.kiroku");
    let setup = SetupRequest {
        org_name: "みどり広域事務組合".into(),
        template: "kyosai".into(),
        officer_id: "boss".into(),
        officer_name: "大塚 正道".into(),
        officer_dept: None,
        password: "officer-pass-1".into(),
    };
    let bad = SetupRequest {
        template: "bank".into(),
        ..setup.clone()
    };
    assert_eq!(
        bad.into_init(&vault).unwrap_err().body().field.as_deref(),
        Some("事務所の種類")
    );
    let created = kiroku_api::init(&env, setup.into_init(&vault).unwrap()).unwrap();
    let mut s = kiroku_api::login(&env, &vault, "boss", "officer-pass-1")
        .unwrap()
        .0;

    let mistyped = {
        let mut c: Vec<char> = created.recovery_code.chars().collect();
        c[0] = if c[0] == 'A' { 'B' } else { 'A' };
        c.into_iter().collect::<String>()
    };
    let err = s
        .print_recovery_sheet(&RecoverySheetRequest {
            code: mistyped,
            out: String::new(),
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);

    let sheet = s
        .print_recovery_sheet(&RecoverySheetRequest {
            code: created.recovery_code.clone(),
            out: String::new(),
        })
        .unwrap();
    let sheet_path = std::path::PathBuf::from(&sheet.path);
    assert!(sheet.path.ends_with(".pdf"));
    assert!(
        sheet_path.exists(),
        "the viewer can open it while logged in"
    );
    assert!(
        !sheet_path.starts_with(dir.path()),
        "never in the vault's folder: {}",
        sheet.path
    );
    assert!(
        s.printed_file(&sheet.path).is_ok(),
        "the app may open it in the viewer"
    );

    let report = s
        .print(&PrintRequest {
            form: "ledger".into(),
            query: EventQuery::default(),
            evaluation: None,
            out: String::new(),
        })
        .unwrap();
    assert!(Path::new(&report.path).starts_with(dir.path().join("記録票")));
    assert!(report.path.contains("特定個人情報管理台帳_20260401-"));
    assert!(Path::new(&report.path).exists());
    let prints: Vec<_> = s
        .audit_list(100)
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "print")
        .collect();
    assert_eq!(prints.len(), 2);
    s.logout().unwrap();
    assert!(
        !sheet_path.exists(),
        "the recovery sheet is removed at logout"
    );
    let left: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("復旧用キー"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn the_auto_lock_setting_is_the_officers_within_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut s = login(&env, &vault, demo::OFFICER_ID);
    assert_eq!(s.settings().unwrap().auto_lock_minutes, 5);
    for bad in [0, 121] {
        let err = s.set_auto_lock_minutes(bad).unwrap_err();
        assert_eq!(err.body().field.as_deref(), Some("自動ロック"));
    }
    assert_eq!(s.set_auto_lock_minutes(15).unwrap().auto_lock_minutes, 15);
    drop(s);
    let mut clerk = login(&env, &vault, "sato");
    assert_eq!(clerk.settings().unwrap().auto_lock_minutes, 15);
    assert_eq!(
        clerk.set_auto_lock_minutes(30).unwrap_err().code(),
        ErrorCode::Forbidden
    );
}

#[test]
fn document_dates_are_labelled_as_the_vault_writes_dates() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut s = login(&env, &vault, demo::OFFICER_ID);
    let wareki = s.list_documents(None, None).unwrap();
    let d = &wareki[0];
    assert_eq!(
        d.retain_until_label,
        kiroku_core::wareki::format(d.retain_until)
    );
    assert!(d.base_date_label.starts_with("令和") || d.base_date_label.starts_with("平成"));

    s.set_date_style("seireki").unwrap();
    let seireki = s.list_documents(None, None).unwrap();
    let d = &seireki[0];
    let year = d.dispose_by.format("%Y").to_string();
    assert!(
        d.dispose_by_label.starts_with(&format!("{year}年")),
        "{}",
        d.dispose_by_label
    );
    assert_eq!(
        d.retain_until, wareki[0].retain_until,
        "the same date, written differently"
    );
}

/// Beside a date field the window shows the date read back in full as it is typed; an era-less
/// year is 令和, and a handling date before the 個人番号 existed is refused with that reason.
#[test]
fn a_date_is_echoed_in_full_as_it_is_typed() {
    let o = common::office();
    let s = o.officer();
    let echo = s.echo_date("7.4.1", true).unwrap();
    assert_eq!(echo.date, "2025-04-01");
    assert_eq!(echo.label, "令和7年4月1日 (2025-04-01)");
    let refused = s.echo_date("1999-01-01", true).unwrap_err();
    assert!(
        refused.to_string().contains("2015") || refused.to_string().contains("平成27年"),
        "{refused}"
    );
    assert_eq!(s.echo_date("1999-01-01", false).unwrap().date, "1999-01-01");
    assert!(s.echo_date("123.4.1", false).is_err());
}

/// A name with a character no form can draw is named as it is typed; 𠮷 and 葛󠄀 are not.
#[test]
fn a_character_no_form_can_draw_is_named_as_it_is_typed() {
    assert!(kiroku_api::text_warnings("氏名", "𠮷田 葛\u{E0100}城").is_empty());
    let warnings = kiroku_api::text_warnings("氏名", "山田 😀");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("「😀」(U+1F600)"), "{warnings:?}");
}

/// Under the 西暦 setting the evaluation list and the contractors' due list say 西暦 too.
#[test]
fn the_seireki_setting_is_honoured_by_the_evaluation_list() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = demo_office(dir.path());
    let mut s = login(&env, &vault, demo::OFFICER_ID);
    s.set_date_style("seireki").unwrap();
    let mut seen = 0;
    for c in s.list_contractors().unwrap() {
        for e in s.evaluations_of(c.id).unwrap() {
            assert!(!e.made_on_label.contains("令和"), "{}", e.made_on_label);
            assert!(e.made_on_label.contains('年'), "{}", e.made_on_label);
            seen += 1;
        }
    }
    assert!(seen > 0, "the demo office has evaluations");
    for item in s.contractors_due(3650).unwrap() {
        assert!(!item.detail.contains("令和"), "{}", item.detail);
    }
}
