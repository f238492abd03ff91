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
