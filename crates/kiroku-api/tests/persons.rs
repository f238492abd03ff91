//! 本人・扶養家族 and the affair catalog.

mod common;

use chrono::Duration;
use common::*;
use kiroku_api::{ErrorCode, NewDependent, NewPerson};

fn staff(name: &str) -> NewPerson {
    NewPerson {
        kind: "staff".into(),
        name: name.into(),
        dept: Some("総務課".into()),
        employer: None,
        kana: None,
    }
}

#[test]
fn a_person_with_dependents_is_registered_and_read_back() {
    let o = office();
    let mut s = o.officer();
    let p = s.add_person(&staff("山田 一郎")).unwrap();
    assert_eq!(
        (p.kind_label.as_str(), p.dept.as_deref()),
        ("職員等", Some("総務課"))
    );
    let p = s
        .add_dependent(
            p.id,
            &NewDependent {
                name: "山田 花子".into(),
                relation: "配偶者".into(),
            },
        )
        .unwrap();
    let p = s
        .add_dependent(
            p.id,
            &NewDependent {
                name: "山田 太郎".into(),
                relation: "長男".into(),
            },
        )
        .unwrap();
    let names: Vec<&str> = p.dependents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["山田 花子", "山田 太郎"]);
    let again = s.person(p.id).unwrap();
    assert_eq!(again, p);
    let rows = s.audit_list(20).unwrap();
    assert!(rows
        .iter()
        .any(|r| r.action == "read" && r.target == format!("person:{}", p.id)));
    assert!(rows
        .iter()
        .any(|r| r.action == "create" && r.target.contains("/dependent:")));
}

#[test]
fn a_person_who_left_stays_listed_with_the_date() {
    let o = office();
    let mut s = o.officer();
    let p = s.add_person(&staff("佐藤 次郎")).unwrap();
    // The test clock says 2026-04-01 09:30 JST.
    let left = s.person_leave(p.id, "令和8年3月31日").unwrap();
    assert_eq!(left.left_on.unwrap().to_string(), "2026-03-31");
    let all = s.list_persons().unwrap();
    assert_eq!(all.len(), 1);
    assert!(all[0].left_on.is_some());
}

#[test]
fn a_leaving_date_that_does_not_exist_or_has_not_come_is_refused() {
    let o = office();
    let mut s = o.officer();
    let p = s.add_person(&staff("佐藤 次郎")).unwrap();
    let e = s.person_leave(p.id, "令和7年2月29日").unwrap_err().body();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidInput, Some("退職日"))
    );
    // Tomorrow is allowed (work finished after midnight); the day after is not.
    assert!(s.person_leave(p.id, "令和8年4月2日").is_ok());
    let e = s.person_leave(p.id, "令和8年4月3日").unwrap_err();
    assert!(e.to_string().contains("未来"), "{e}");
    o.clock.advance(Duration::days(2));
    assert!(s.person_leave(p.id, "令和8年4月3日").is_ok());
}

#[test]
fn an_employers_staff_member_needs_the_employer_and_no_field_takes_a_my_number() {
    let o = office();
    let mut s = o.officer();
    let e = s
        .add_person(&NewPerson {
            kind: "employer-staff".into(),
            name: "田中".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(e.body().field.as_deref(), Some("委託事業主名"));
    let e = s.add_person(&staff("番号は123456789018です")).unwrap_err();
    assert_eq!(e.body().field.as_deref(), Some("氏名"));
    assert!(!e.to_string().contains("9018"));
    let p = s.add_person(&staff("田中")).unwrap();
    let e = s
        .add_dependent(
            p.id,
            &NewDependent {
                name: "田中 花".into(),
                relation: "１２３４-５６７８-９０１８".into(),
            },
        )
        .unwrap_err();
    assert_eq!(e.body().field.as_deref(), Some("続柄"));
    assert!(s.person(p.id).unwrap().dependents.is_empty());
}

#[test]
fn an_unknown_person_is_named() {
    let o = office();
    let mut s = o.officer();
    let e = s.person(42).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert!(e.to_string().contains("42"));
    let e = s
        .add_dependent(
            42,
            &NewDependent {
                name: "a".into(),
                relation: "b".into(),
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[test]
fn an_auditor_reads_but_cannot_register_and_only_the_officer_edits_affairs() {
    let o = office();
    o.add_user("kansa", "監査 一郎", "auditor", "audit-pass-1");
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut auditor = o.login("kansa", "audit-pass-1");
    assert_eq!(
        auditor.add_person(&staff("誰か")).unwrap_err().code(),
        ErrorCode::Forbidden
    );
    assert!(auditor.list_persons().unwrap().is_empty());
    let mut clerk = o.login("sato", "clerk-pass-1");
    assert!(clerk.add_person(&staff("山田")).is_ok());
    assert_eq!(
        clerk.add_affair("独自事務", None).unwrap_err().code(),
        ErrorCode::Forbidden
    );
    let mut officer = o.officer();
    let a = officer.add_affair("独自事務", Some("規程第3条")).unwrap();
    assert!(officer.list_affairs().unwrap().contains(&a));
    assert_eq!(
        officer.add_affair("独自事務", None).unwrap_err().code(),
        ErrorCode::AlreadyExists
    );
}

#[test]
fn init_seeds_the_affair_catalog_of_the_chosen_office_type() {
    for template in kiroku_api::OfficeTemplate::ALL {
        let dir = tempfile::tempdir().unwrap();
        let env = env_with(
            clock(),
            std::sync::Arc::new(kiroku_store::credentials::NoCredentials),
        );
        let vault = dir.path().join("o.kiroku");
        kiroku_api::init(
            &env,
            kiroku_api::InitRequest {
                vault: vault.clone(),
                org_name: "組合".into(),
                officer_id: OFFICER.into(),
                officer_name: "山田".into(),
                officer_dept: None,
                password: zeroize::Zeroizing::new(PASSWORD.into()),
                template,
                recovery_pdf: None,
            },
        )
        .unwrap();
        let (s, _) = kiroku_api::login(&env, &vault, OFFICER, PASSWORD).unwrap();
        let names: Vec<String> = s
            .list_affairs()
            .unwrap()
            .into_iter()
            .map(|a| a.name)
            .collect();
        let expected: Vec<&str> = template.affairs().iter().map(|a| a.name).collect();
        assert_eq!(names, expected, "{}", template.as_str());
    }
}
