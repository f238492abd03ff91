//! The use cases the window added for the clerk's everyday jobs: withdrawing a record entered
//! by mistake, correcting a 本人 (versions with reasons), a 扶養家族 who left, a new password
//! with the recovery code, and a restore started from the app.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use kiroku_api::{
    DependentLeaveRequest, ErrorCode, EventChanges, EventFields, EventQuery, NewDependent,
    NewEvent, NewPerson, PersonCorrection, RecoverPasswordRequest, RestoreFromAppRequest, Session,
    WithdrawEventRequest,
};

const AFFAIR: &str = "給与所得の源泉徴収票";

fn person(s: &mut Session, name: &str, kana: &str) -> i64 {
    s.add_person(&NewPerson {
        kind: "staff".into(),
        name: name.into(),
        dept: Some("総務課".into()),
        employer: None,
        kana: Some(kana.into()),
    })
    .unwrap()
    .id
}

fn use_event(s: &mut Session, person: i64, content: &str) -> i64 {
    s.add_events(&NewEvent {
        kind: "use".into(),
        date: "令和8年3月1日".into(),
        affair: AFFAIR.into(),
        persons: vec![person],
        fields: EventFields {
            content: Some(content.into()),
            ..EventFields::default()
        },
        ..NewEvent::default()
    })
    .unwrap()[0]
        .id
}

fn withdraw(
    s: &mut Session,
    id: i64,
    reason: &str,
) -> Result<kiroku_api::EventView, kiroku_api::ApiError> {
    s.withdraw_event(&WithdrawEventRequest {
        id,
        reason: reason.into(),
    })
}

#[test]
fn a_withdrawn_record_stays_listed_struck_through_and_leaves_every_count() {
    let o = office();
    let mut s = o.officer();
    s.add_affair(AFFAIR, None).unwrap();
    let tanaka = person(&mut s, "田中 一郎", "タナカ イチロウ");
    let keep = use_event(&mut s, tanaka, "源泉徴収票の作成");
    let wrong = use_event(&mut s, tanaka, "別の人の分を誤って登録");
    let all = EventQuery::default();
    assert_eq!(s.count_events(&all).unwrap(), 2);

    let v = withdraw(&mut s, wrong, "別の本人の記録を誤って登録した").unwrap();
    assert_eq!((v.version, v.withdrawn), (2, true));

    // Counted no more, but listed with its reason (the list strikes it through).
    assert_eq!(s.count_events(&all).unwrap(), 1);
    let rows = s.chronological(&all).unwrap();
    assert_eq!(rows.len(), 2);
    let struck = rows.iter().find(|r| r.event_id == wrong).unwrap();
    assert_eq!(
        struck.withdrawn.as_deref(),
        Some("別の本人の記録を誤って登録した")
    );
    assert!(rows
        .iter()
        .find(|r| r.event_id == keep)
        .unwrap()
        .withdrawn
        .is_none());
    // The 取扱記録表 row is made of the live record only.
    let rows = s.lifecycle(&all).unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].use_and_take_out.contains("源泉徴収票の作成"));
    assert!(!rows[0].use_and_take_out.contains("誤って"));
    assert!(rows[0].withdrawn.is_none());
    // The history keeps the version as entered and the withdrawal.
    let history = s.event_history(wrong).unwrap();
    assert_eq!(history.len(), 2);
    assert!(!history[0].withdrawn);
    assert_eq!(
        history[1].reason.as_deref(),
        Some("別の本人の記録を誤って登録した")
    );
    // And the audit chain names it.
    assert!(s
        .audit_list(20)
        .unwrap()
        .iter()
        .any(|r| r.detail.contains("誤登録として取消し")));
}

#[test]
fn a_row_whose_every_record_was_withdrawn_is_kept_marked_with_the_reason() {
    let o = office();
    let mut s = o.officer();
    s.add_affair(AFFAIR, None).unwrap();
    let p = person(&mut s, "鈴木 花子", "スズキ ハナコ");
    let id = use_event(&mut s, p, "誤登録");
    withdraw(&mut s, id, "本人違い").unwrap();
    let rows = s.lifecycle(&EventQuery::default()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].withdrawn.as_deref(), Some("本人違い"));
}

#[test]
fn withdrawing_twice_correcting_a_withdrawn_record_and_no_reason_are_refused() {
    let o = office();
    o.add_user("kansa", "監査 一郎", "auditor", "auditor-pass-1");
    let mut s = o.officer();
    s.add_affair(AFFAIR, None).unwrap();
    let p = person(&mut s, "田中 一郎", "タナカ イチロウ");
    let id = use_event(&mut s, p, "源泉徴収票の作成");

    let e = withdraw(&mut s, id, "  ").unwrap_err();
    assert_eq!(e.body().field.as_deref(), Some("取消しの理由"));

    let mut auditor = o.login("kansa", "auditor-pass-1");
    let e = withdraw(&mut auditor, id, "誤り").unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);

    withdraw(&mut s, id, "誤登録").unwrap();
    let e = withdraw(&mut s, id, "もう一度").unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict);
    assert!(e.to_string().contains("すでに取り消されています"), "{e}");

    let e = s
        .amend_event(
            id,
            "日付の誤り",
            &EventChanges {
                date: Some("令和8年3月2日".into()),
                ..EventChanges::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict);
    assert!(
        e.to_string().contains("取り消した記録は訂正できません"),
        "{e}"
    );
    assert_eq!(s.event_history(id).unwrap().len(), 2);
}

#[test]
fn a_record_may_be_corrected_to_another_person() {
    let o = office();
    let mut s = o.officer();
    s.add_affair(AFFAIR, None).unwrap();
    let wrong = person(&mut s, "田中 一郎", "タナカ イチロウ");
    let right = person(&mut s, "田中 一朗", "タナカ イチロウ");
    let id = use_event(&mut s, wrong, "源泉徴収票の作成");
    let v = s
        .amend_event(
            id,
            "同姓の別人で登録した",
            &EventChanges {
                person: Some(right),
                ..EventChanges::default()
            },
        )
        .unwrap();
    assert_eq!(v.person_id, Some(right));
    let of_right = s
        .chronological(&EventQuery {
            person: Some(right),
            ..EventQuery::default()
        })
        .unwrap();
    assert_eq!(of_right.len(), 1);
    let of_wrong = s
        .chronological(&EventQuery {
            person: Some(wrong),
            ..EventQuery::default()
        })
        .unwrap();
    assert!(of_wrong.is_empty());
}

#[test]
fn a_person_is_corrected_by_a_new_version_with_its_reason() {
    let o = office();
    let mut s = o.officer();
    s.add_affair(AFFAIR, None).unwrap();
    let p = person(&mut s, "山田 花子", "やまだ はなこ");
    assert_eq!(s.person(p).unwrap().kana.as_deref(), Some("ヤマダ ハナコ"));
    use_event(&mut s, p, "源泉徴収票の作成");

    let v = s
        .correct_person(&PersonCorrection {
            id: p,
            reason: "婚姻による氏の変更".into(),
            name: Some("佐藤 花子".into()),
            kana: Some("サトウ ハナコ".into()),
            ..PersonCorrection::default()
        })
        .unwrap();
    assert_eq!(
        (v.name.as_str(), v.kana.as_deref(), v.dept.as_deref()),
        ("佐藤 花子", Some("サトウ ハナコ"), Some("総務課"))
    );
    let history = s.person_history(p).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].name, "山田 花子");
    assert_eq!(history[1].reason.as_deref(), Some("婚姻による氏の変更"));
    // The records show the person as they are now.
    let rows = s.chronological(&EventQuery::default()).unwrap();
    assert_eq!(rows[0].person.as_deref(), Some("佐藤 花子"));
    // An optional field is cleared by an empty text.
    let v = s
        .correct_person(&PersonCorrection {
            id: p,
            reason: "所属なし".into(),
            dept: Some(String::new()),
            ..PersonCorrection::default()
        })
        .unwrap();
    assert_eq!(v.dept, None);
}

#[test]
fn a_person_correction_needs_a_reason_a_change_and_a_writer() {
    let o = office();
    o.add_user("kansa", "監査 一郎", "auditor", "auditor-pass-1");
    let mut s = o.officer();
    let p = person(&mut s, "山田 花子", "ヤマダ ハナコ");
    let e = s
        .correct_person(&PersonCorrection {
            id: p,
            reason: String::new(),
            name: Some("山田 華子".into()),
            ..PersonCorrection::default()
        })
        .unwrap_err();
    assert_eq!(e.body().field.as_deref(), Some("訂正の理由"));
    let e = s
        .correct_person(&PersonCorrection {
            id: p,
            reason: "念のため".into(),
            name: Some("山田 花子".into()),
            ..PersonCorrection::default()
        })
        .unwrap_err();
    assert!(e.to_string().contains("変更する項目がありません"), "{e}");
    let e = s
        .correct_person(&PersonCorrection {
            id: p,
            reason: "読みの誤り".into(),
            kana: Some("山田".into()),
            ..PersonCorrection::default()
        })
        .unwrap_err();
    assert_eq!(e.body().field.as_deref(), Some("フリガナ"));
    let mut auditor = o.login("kansa", "auditor-pass-1");
    let e = auditor
        .correct_person(&PersonCorrection {
            id: p,
            reason: "誤字".into(),
            name: Some("山田 華子".into()),
            ..PersonCorrection::default()
        })
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);
    assert_eq!(s.person_history(p).unwrap().len(), 1);
}

#[test]
fn a_dependent_who_left_is_marked_once_and_only_for_their_person() {
    let o = office();
    let mut s = o.officer();
    let p = person(&mut s, "山田 太郎", "ヤマダ タロウ");
    let other = person(&mut s, "鈴木 一郎", "スズキ イチロウ");
    let view = s
        .add_dependent(
            p,
            &NewDependent {
                name: "山田 一郎".into(),
                relation: "長男".into(),
            },
        )
        .unwrap();
    let child = view.dependents[0].id;
    let leave = |person: i64| DependentLeaveRequest {
        person,
        dependent: child,
        date: "令和8年4月1日".into(),
    };
    let e = s.dependent_leave(&leave(other)).unwrap_err();
    assert_eq!(e.body().field.as_deref(), Some("扶養家族"));
    let v = s.dependent_leave(&leave(p)).unwrap();
    assert_eq!(
        v.dependents[0].left_on,
        chrono::NaiveDate::from_ymd_opt(2026, 4, 1)
    );
    let e = s.dependent_leave(&leave(p)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict);
}

fn recover(o: &Office, user: &str, code: &str, password: &str) -> Result<(), kiroku_api::ApiError> {
    kiroku_api::recover_password(
        &o.env,
        &o.vault,
        &RecoverPasswordRequest {
            user: user.into(),
            recovery_code: code.into(),
            new_password: password.into(),
        },
    )
}

#[test]
fn the_recovery_code_gives_a_user_a_new_password_and_the_chain_says_so() {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    recover(&o, "sato", &o.init.recovery_code, "new-clerk-pass-2").unwrap();
    assert!(kiroku_api::login(&o.env, &o.vault, "sato", "clerk-pass-1").is_err());
    let mut s = o.login("sato", "new-clerk-pass-2");
    // The officer's own password is untouched.
    assert!(kiroku_api::login(&o.env, &o.vault, OFFICER, PASSWORD).is_ok());
    assert!(s
        .audit_list(30)
        .unwrap()
        .iter()
        .any(|r| r.detail.contains("復旧コードによるパスワード再設定")));
    assert!(s.audit_verify().unwrap().ok);
}

#[test]
fn a_wrong_recovery_code_counts_as_a_failed_login_and_changes_nothing() {
    let o = office();
    let other = office();
    let before = std::fs::read(kiroku_store::paths::keys_file(&o.vault)).unwrap();
    // A well-formed code of another vault.
    let e = recover(&o, OFFICER, &other.init.recovery_code, "new-pass-123").unwrap_err();
    assert_eq!(e.code(), ErrorCode::AuthFailed);
    assert!(e.to_string().contains("復旧コードが違います"), "{e}");
    assert!(kiroku_api::login(&o.env, &o.vault, OFFICER, "new-pass-123").is_err());
    let (_, report) = kiroku_api::login(&o.env, &o.vault, OFFICER, PASSWORD).unwrap();
    // The wrong code and the wrong password above: two failures reported at login.
    assert_eq!(report.failed_logins.map(|f| f.count), Some(2));
    let after = std::fs::read(kiroku_store::paths::keys_file(&o.vault)).unwrap();
    assert_ne!(before, after, "only the failure counter changes");
}

#[test]
fn the_recovery_code_is_refused_for_an_unknown_or_disabled_user_and_a_weak_password() {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = o.officer();
    s.disable_user("sato").unwrap();
    s.logout().unwrap();
    let code = o.init.recovery_code.clone();
    assert_eq!(
        recover(&o, "sato", &code, "new-clerk-pass-2")
            .unwrap_err()
            .code(),
        ErrorCode::Disabled
    );
    assert_eq!(
        recover(&o, "nobody", &code, "new-clerk-pass-2")
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    let e = recover(&o, OFFICER, &code, "short").unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(kiroku_api::login(&o.env, &o.vault, OFFICER, PASSWORD).is_ok());
}

#[test]
fn the_app_restores_a_backup_it_finds_beside_its_vault_path() {
    let o = office();
    let mut s = o.officer();
    let report = s.backup_beside_vault().unwrap();
    s.logout().unwrap();
    let found = kiroku_api::backups_beside(&o.vault);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0], report.file);

    // On the new PC the app's vault path does not exist yet.
    let target = o.dir.path().join("新しいPC.kiroku");
    let request = |backup: &str| RestoreFromAppRequest {
        backup: backup.into(),
        user: OFFICER.into(),
        recovery_code: o.init.recovery_code.clone(),
        new_password: "restored-pass-1".into(),
    };
    let e = request(" ").into_restore(&target).unwrap_err();
    assert_eq!(e.body().field.as_deref(), Some("バックアップファイル"));
    kiroku_api::restore(&o.env, request(&found[0]).into_restore(&target).unwrap()).unwrap();
    assert!(kiroku_api::login(&o.env, &target, OFFICER, "restored-pass-1").is_ok());
    // The app's vault exists now: a second restore into it is refused, nothing overwritten.
    let e =
        kiroku_api::restore(&o.env, request(&found[0]).into_restore(&target).unwrap()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::AlreadyExists);
}
