//! Changing a contractor's details: a renewed P-mark clears the due item, sheets already made
//! keep the facts of their own day, and every change is audited.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use kiroku_api::{ContractorChanges, NewContractor};

#[test]
fn a_renewed_pmark_leaves_the_due_list_and_old_sheets_keep_their_facts() {
    let o = office();
    let mut s = o.officer();
    // The office clock says 2026-04-01; the P-mark ends on 31 May: within 60 days.
    let c = s
        .add_contractor(&NewContractor {
            name: "○○情報サービス株式会社".into(),
            pattern: "I".into(),
            pmark: Some("10820123".into()),
            pmark_expiry: Some("令和8年5月31日".into()),
            leak_2y: Some(false),
            ..NewContractor::default()
        })
        .unwrap();
    let sheet = s.new_evaluation(c.id, false, None).unwrap();
    assert!(sheet.shortcut);
    let kinds = |s: &mut kiroku_api::Session| -> Vec<String> {
        s.contractors_due(60)
            .unwrap()
            .into_iter()
            .map(|d| d.kind)
            .collect()
    };
    assert!(kinds(&mut s).contains(&"pmark_expiry".to_owned()));

    let renewed = s
        .update_contractor(
            c.id,
            &ContractorChanges {
                pmark_expiry: Some("令和10年5月31日".into()),
                manager: Some("田中 一郎".into()),
                ..ContractorChanges::default()
            },
        )
        .unwrap();
    assert_eq!(renewed.pmark_expiry.unwrap().to_string(), "2028-05-31");
    assert_eq!(renewed.manager.as_deref(), Some("田中 一郎"));
    assert!(!kinds(&mut s).contains(&"pmark_expiry".to_owned()));

    // A leak reported now: the next sheet is item by item; the first keeps its shortcut.
    s.update_contractor(
        c.id,
        &ContractorChanges {
            leak_2y: Some(true),
            ..ContractorChanges::default()
        },
    )
    .unwrap();
    assert!(s.evaluation(sheet.id).unwrap().shortcut);
    assert!(!s.new_evaluation(c.id, true, None).unwrap().shortcut);

    // Clearing the P-mark, a refused number, and a change that changes nothing.
    let cleared = s
        .update_contractor(
            c.id,
            &ContractorChanges {
                pmark: Some(String::new()),
                ..ContractorChanges::default()
            },
        )
        .unwrap();
    assert_eq!(cleared.pmark, None);
    let err = s
        .update_contractor(
            c.id,
            &ContractorChanges {
                manager: Some("１２３４-５６７８-９０１８".into()),
                ..ContractorChanges::default()
            },
        )
        .unwrap_err()
        .body();
    assert_eq!(err.field.as_deref(), Some("業務責任者"));
    assert!(!err.message.contains("9018"));
    let err = s
        .update_contractor(c.id, &ContractorChanges::default())
        .unwrap_err()
        .body();
    assert_eq!(err.field.as_deref(), Some("変更内容"));

    let amends: Vec<String> = s
        .audit_list(50)
        .unwrap()
        .into_iter()
        .filter(|a| a.action == "amend" && a.target == format!("contractor:{}", c.id))
        .map(|a| a.detail)
        .collect();
    assert_eq!(amends.len(), 3, "{amends:?}");
    assert!(amends.iter().any(|d| d.contains("プライバシーマーク")));
}

fn contractor(s: &mut kiroku_api::Session, name: &str, pattern: &str) -> i64 {
    s.add_contractor(&NewContractor {
        name: name.into(),
        pattern: pattern.into(),
        leak_2y: Some(false),
        ..NewContractor::default()
    })
    .unwrap()
    .id
}

#[test]
fn names_are_unique_among_active_contractors_and_a_disabled_one_is_no_parent() {
    let o = office();
    let mut s = o.officer();
    let a = contractor(&mut s, "倉庫株式会社", "III");
    let b = contractor(&mut s, "清掃株式会社", "IV");
    let dup = s
        .add_contractor(&NewContractor {
            name: "倉庫株式会社".into(),
            pattern: "III".into(),
            ..NewContractor::default()
        })
        .unwrap_err()
        .body();
    assert_eq!(dup.field.as_deref(), Some("委託先名称"));
    let rename = s
        .update_contractor(
            b,
            &ContractorChanges {
                name: Some("倉庫株式会社".into()),
                ..ContractorChanges::default()
            },
        )
        .unwrap_err()
        .body();
    assert_eq!(rename.field.as_deref(), Some("委託先名称"));
    s.disable_contractor(a).unwrap();
    let sub = s
        .add_contractor(&NewContractor {
            name: "再委託株式会社".into(),
            pattern: "III".into(),
            parent: Some(a.to_string()),
            ..NewContractor::default()
        })
        .unwrap_err()
        .body();
    assert_eq!(sub.field.as_deref(), Some("委託元（再委託の親）"));
    // The name is free again once its holder is disabled.
    assert!(s
        .add_contractor(&NewContractor {
            name: "倉庫株式会社".into(),
            pattern: "III".into(),
            ..NewContractor::default()
        })
        .is_ok());
}

#[test]
fn an_improvement_goes_only_with_a_b_and_a_rejection_stays_on_the_due_list() {
    let o = office();
    let mut s = o.officer();
    let c = contractor(&mut s, "清掃株式会社", "IV");
    let sheet = s.new_evaluation(c, false, None).unwrap();
    let pair = |n: &str, j: &str| (n.to_owned(), j.to_owned());
    let err = s
        .set_judgments(sheet.id, &[pair("1", "A")], &[pair("1", "手順書を整備")])
        .unwrap_err()
        .body();
    assert_eq!(err.field.as_deref(), Some("改善措置等"));
    assert!(
        s.evaluation(sheet.id).unwrap().items[0].judgment.is_none(),
        "nothing kept"
    );
    let all: Vec<_> = ["1", "2", "3", "5", "6"]
        .iter()
        .map(|n| pair(n, "A"))
        .collect();
    s.set_judgments(sheet.id, &all, &[]).unwrap();
    s.set_judgments(sheet.id, &[pair("4", "—"), pair("6", "C")], &[])
        .unwrap();
    s.finalize_evaluation(sheet.id).unwrap();
    let due = s.contractors_due(60).unwrap();
    assert!(due
        .iter()
        .any(|d| d.kind == "rejected" && d.contractor.id == c));
}

#[test]
fn a_disabled_contractor_still_owes_its_certificate() {
    let o = office();
    let mut s = o.officer();
    let c = contractor(&mut s, "溶解株式会社", "I");
    let p = s
        .add_person(&kiroku_api::NewPerson {
            kind: "staff".into(),
            name: "山田 一郎".into(),
            dept: None,
            employer: None,
            kana: None,
        })
        .unwrap()
        .id;
    s.add_events(&kiroku_api::NewEvent {
        kind: "dispose".into(),
        date: "令和8年3月31日".into(),
        affair: "1".into(),
        persons: vec![p],
        fields: kiroku_api::EventFields {
            content: Some("扶養控除等申告書".into()),
            method: Some("dissolve".into()),
            contractor: Some("溶解株式会社".into()),
            ..Default::default()
        },
        ..Default::default()
    })
    .unwrap();
    s.disable_contractor(c).unwrap();
    let kinds: Vec<String> = s
        .contractors_due(60)
        .unwrap()
        .into_iter()
        .filter(|d| d.contractor.id == c)
        .map(|d| d.kind)
        .collect();
    assert_eq!(
        kinds,
        ["certificate"],
        "no evaluation is due, the certificate still is"
    );
}
