//! Users, roles and logging in, through the API as both front ends call it.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Duration;
use common::*;
use kiroku_api::{ErrorCode, NewUser};

fn err_code<T: std::fmt::Debug>(r: Result<T, kiroku_api::ApiError>) -> (ErrorCode, String) {
    let e = r.unwrap_err();
    (e.code(), e.to_string())
}

#[test]
fn the_officer_created_by_init_logs_in_and_the_login_is_audited() {
    let o = office();
    let (mut s, report) = kiroku_api::login(&o.env, &o.vault, OFFICER, PASSWORD).unwrap();
    assert_eq!(report.org_name, "テスト広域事務組合");
    assert_eq!(report.user.role, "officer");
    assert!(report.failed_logins.is_none());
    let rows = s.audit_list(10).unwrap();
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["init", "create", "login", "read"]);
}

#[test]
fn a_wrong_password_is_refused_and_counted_then_reported_at_the_next_login() {
    let o = office();
    for expected in 1..=2 {
        let (code, msg) = err_code(kiroku_api::login(
            &o.env,
            &o.vault,
            OFFICER,
            "not-the-password",
        ));
        assert_eq!(code, ErrorCode::AuthFailed);
        assert!(msg.contains(&format!("{expected} 回失敗")), "{msg}");
    }
    let (mut s, report) = kiroku_api::login(&o.env, &o.vault, OFFICER, PASSWORD).unwrap();
    assert_eq!(report.failed_logins.unwrap().count, 2);
    let rows = s.audit_list(10).unwrap();
    let failures = rows.iter().find(|r| r.action == "login_failures").unwrap();
    assert!(failures.detail.starts_with("2回"), "{}", failures.detail);
    s.logout().unwrap();
    // Reported once: the counter starts again after a success.
    let (_, report) = kiroku_api::login(&o.env, &o.vault, OFFICER, PASSWORD).unwrap();
    assert!(report.failed_logins.is_none());
}

#[test]
fn repeated_failures_make_the_user_wait_longer_and_longer() {
    let o = office();
    for _ in 0..3 {
        let _ = kiroku_api::login(&o.env, &o.vault, OFFICER, "bad-password");
    }
    // After the third failure: 5 seconds, even with the right password.
    let (code, msg) = err_code(kiroku_api::login(&o.env, &o.vault, OFFICER, PASSWORD));
    assert_eq!(code, ErrorCode::Locked);
    assert!(msg.contains("5秒"), "{msg}");
    o.clock.advance(Duration::seconds(5));
    let _ = kiroku_api::login(&o.env, &o.vault, OFFICER, "bad-password");
    o.clock.advance(Duration::seconds(9));
    let (code, _) = err_code(kiroku_api::login(&o.env, &o.vault, OFFICER, PASSWORD));
    assert_eq!(
        code,
        ErrorCode::Locked,
        "the fourth failure costs 10 seconds"
    );
    o.clock.advance(Duration::seconds(1));
    let (_, report) = kiroku_api::login(&o.env, &o.vault, OFFICER, PASSWORD).unwrap();
    assert_eq!(report.failed_logins.unwrap().count, 4);
}

#[test]
fn an_unknown_user_is_told_so() {
    let o = office();
    let (code, msg) = err_code(kiroku_api::login(&o.env, &o.vault, "nobody", PASSWORD));
    assert_eq!(code, ErrorCode::AuthFailed);
    assert!(msg.contains("nobody"), "{msg}");
}

#[test]
fn the_officer_adds_a_clerk_who_logs_in_with_their_own_password() {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let s = o.login("sato", "clerk-pass-1");
    assert_eq!(s.user().role_label, "事務取扱担当者");
    assert!(kiroku_api::login(&o.env, &o.vault, "sato", PASSWORD).is_err());
}

#[test]
fn only_the_officer_manages_users() {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    o.add_user("kansa", "監査 一郎", "auditor", "audit-pass-1");
    for (id, pw) in [("sato", "clerk-pass-1"), ("kansa", "audit-pass-1")] {
        let mut s = o.login(id, pw);
        let new = NewUser {
            id: "x".into(),
            name: "誰か".into(),
            role: "clerk".into(),
            ..Default::default()
        };
        assert_eq!(
            err_code(s.add_user(&new, "password-1")).0,
            ErrorCode::Forbidden
        );
        assert_eq!(err_code(s.disable_user(OFFICER)).0, ErrorCode::Forbidden);
        assert_eq!(
            err_code(s.reset_password(OFFICER, "password-2")).0,
            ErrorCode::Forbidden
        );
    }
    let mut auditor = o.login("kansa", "audit-pass-1");
    let out = o.dir.path().join("b.kiroku-backup");
    assert_eq!(err_code(auditor.backup(&out)).0, ErrorCode::Forbidden);
    assert!(!out.exists());
}

#[test]
fn bad_user_details_name_the_field() {
    let o = office();
    let mut s = o.officer();
    let cases = [
        (
            NewUser {
                id: "Bad ID".into(),
                name: "a".into(),
                role: "clerk".into(),
                ..Default::default()
            },
            "ユーザーID",
        ),
        (
            NewUser {
                id: "ok".into(),
                name: " ".into(),
                role: "clerk".into(),
                ..Default::default()
            },
            "氏名",
        ),
        (
            NewUser {
                id: "ok".into(),
                name: "a".into(),
                role: "admin".into(),
                ..Default::default()
            },
            "権限",
        ),
    ];
    for (new, field) in cases {
        let body = s.add_user(&new, "password-1").unwrap_err().body();
        assert_eq!(body.code, ErrorCode::InvalidInput);
        assert_eq!(body.field.as_deref(), Some(field));
    }
    let new = NewUser {
        id: "ok".into(),
        name: "a".into(),
        role: "clerk".into(),
        ..Default::default()
    };
    assert_eq!(
        s.add_user(&new, "short")
            .unwrap_err()
            .body()
            .field
            .as_deref(),
        Some("パスワード")
    );
    let dup = NewUser {
        id: OFFICER.into(),
        name: "a".into(),
        role: "clerk".into(),
        ..Default::default()
    };
    assert_eq!(
        err_code(s.add_user(&dup, "password-1")).0,
        ErrorCode::AlreadyExists
    );
}

#[test]
fn a_disabled_user_cannot_log_in_and_stays_listed() {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = o.officer();
    s.disable_user("sato").unwrap();
    let (code, msg) = err_code(kiroku_api::login(&o.env, &o.vault, "sato", "clerk-pass-1"));
    assert_eq!(code, ErrorCode::Disabled);
    assert!(msg.contains("無効化"), "{msg}");
    let listed = s.list_users().unwrap();
    assert!(listed.iter().any(|u| u.id == "sato" && !u.active));
}

#[test]
fn the_last_officer_cannot_be_disabled() {
    let o = office();
    let mut s = o.officer();
    assert_eq!(err_code(s.disable_user(OFFICER)).0, ErrorCode::InvalidInput);
}

#[test]
fn a_reset_rewraps_the_key_and_the_old_password_stops_working() {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = o.officer();
    let before = std::fs::read(&o.vault).unwrap();
    s.reset_password("sato", "clerk-pass-2").unwrap();
    s.logout().unwrap();
    assert!(kiroku_api::login(&o.env, &o.vault, "sato", "clerk-pass-1").is_err());
    o.login("sato", "clerk-pass-2");
    // Only key slots changed: the database was not re-encrypted (its first page, which holds
    // SQLCipher's salt, is the same).
    let after = std::fs::read(&o.vault).unwrap();
    assert_eq!(before[..16], after[..16]);
}

#[test]
fn a_user_changes_their_own_password() {
    let o = office();
    let mut s = o.officer();
    s.change_password("a-new-password").unwrap();
    s.logout().unwrap();
    assert!(kiroku_api::login(&o.env, &o.vault, OFFICER, PASSWORD).is_err());
    o.login(OFFICER, "a-new-password");
}

/// From the window the current password is asked again: a wrong one (or the same one as new)
/// is refused beside its field and changes nothing; the right one changes it.
#[test]
fn the_window_asks_for_the_current_password_before_changing_it() {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = o.login("sato", "clerk-pass-1");
    let change = |current: &str, new: &str| kiroku_api::ChangePasswordRequest {
        current: current.into(),
        new: new.into(),
    };
    let field = |r: Result<(), kiroku_api::ApiError>| r.unwrap_err().body().field;
    assert_eq!(
        field(s.change_own_password(&change("not-my-pass", "clerk-pass-2"))).as_deref(),
        Some("現在のパスワード")
    );
    assert_eq!(
        field(s.change_own_password(&change("clerk-pass-1", "clerk-pass-1"))).as_deref(),
        Some("新しいパスワード")
    );
    assert_eq!(
        field(s.change_own_password(&change("clerk-pass-1", "short"))).as_deref(),
        Some("新しいパスワード")
    );
    s.change_own_password(&change("clerk-pass-1", "clerk-pass-2"))
        .unwrap();
    s.logout().unwrap();
    assert!(kiroku_api::login(&o.env, &o.vault, "sato", "clerk-pass-1").is_err());
    o.login("sato", "clerk-pass-2");
}

#[test]
fn init_refuses_an_existing_file() {
    let o = office();
    let before = std::fs::read(&o.vault).unwrap();
    let again = kiroku_api::init(
        &o.env,
        kiroku_api::InitRequest {
            vault: o.vault.clone(),
            org_name: "別の組合".into(),
            officer_id: "other".into(),
            officer_name: "別人".into(),
            officer_dept: None,
            password: zeroize::Zeroizing::new("password-9".into()),
            template: kiroku_api::OfficeTemplate::Jimukumiai,
            recovery_pdf: None,
        },
    );
    assert_eq!(err_code(again).0, ErrorCode::AlreadyExists);
    assert_eq!(std::fs::read(&o.vault).unwrap(), before);
}

#[test]
fn status_counts_users_and_says_how_the_vault_is_protected() {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    o.add_user("kansa", "監査 一郎", "auditor", "audit-pass-1");
    let mut s = o.officer();
    s.disable_user("kansa").unwrap();
    let st = s.status().unwrap();
    assert_eq!(
        (
            st.users.active,
            st.users.disabled,
            st.users.clerks,
            st.users.auditors
        ),
        (2, 1, 1, 0)
    );
    assert!(matches!(
        st.protection,
        kiroku_api::Protection::PasswordOnly { .. }
    ));
    assert!(st.audit_rows >= 8);
}
