//! Contractors (委託先・再委託先), their 評価シート (別紙3), contract clauses and the due list
//! through the API, with the clock moved by the test.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, NaiveDate};
use common::*;
use kiroku_api::{
    ContractorRef, ContractorView, DueItem, ErrorCode, EvaluationView, EventFields, NewContractor,
    NewEvent, NewLedgerEntry, NewPerson, Session,
};
use kiroku_core::clock::Clock;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The test clock's first day in Japan (2026-04-01 09:30 JST).
fn start() -> NaiveDate {
    d(2026, 4, 1)
}

/// Moves the clock so that today (JST) is `day`.
fn move_to(o: &Office, day: NaiveDate) {
    let today = (o.clock.now() + Duration::hours(9)).date_naive();
    o.clock.advance(Duration::days((day - today).num_days()));
}

fn add(s: &mut Session, new: NewContractor) -> ContractorView {
    s.add_contractor(&new).unwrap()
}

fn contractor(name: &str, pattern: &str) -> NewContractor {
    NewContractor {
        name: name.into(),
        pattern: pattern.into(),
        ..NewContractor::default()
    }
}

fn with_pmark(name: &str, expiry: &str) -> NewContractor {
    NewContractor {
        pmark: Some("10820123".into()),
        pmark_expiry: Some(expiry.into()),
        leak_2y: Some(false),
        ..contractor(name, "I")
    }
}

/// `1=A,2=B` as (item, value) pairs.
fn pairs(text: &str) -> Vec<(String, String)> {
    text.split(',')
        .map(|p| p.split_once('=').unwrap())
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// Pattern III's six items, all A.
const III_ALL_A: &str = "1=A,2=A,3=A,4=A,5=A,6=A";

/// `items` all judged A.
fn all_a(items: impl IntoIterator<Item = u8>) -> Vec<(String, String)> {
    items
        .into_iter()
        .map(|n| (n.to_string(), "A".into()))
        .collect()
}

fn due_of(s: &mut Session, days: u32, c: &ContractorView, kind: &str) -> Vec<DueItem> {
    s.contractors_due(days)
        .unwrap()
        .into_iter()
        .filter(|i| i.contractor.id == c.id && i.kind == kind)
        .collect()
}

fn count(s: &mut Session, days: u32, c: &ContractorView, kind: &str) -> usize {
    due_of(s, days, c, kind).len()
}

fn reason_items(e: &EvaluationView) -> Vec<u8> {
    e.reasons.iter().map(|r| r.item).collect()
}

fn field(err: &kiroku_api::ApiError) -> String {
    err.body().field.unwrap_or_default()
}

#[test]
fn a_valid_pmark_without_leaks_adopts_pattern_i_without_the_items() {
    let o = office();
    let mut s = o.officer();
    let c = add(
        &mut s,
        with_pmark("○○情報サービス株式会社", "令和9年3月31日"),
    );
    assert_eq!(
        (c.pattern.as_str(), c.pmark.as_deref()),
        ("I", Some("10820123"))
    );
    assert_eq!(c.pmark_expiry, Some(d(2027, 3, 31)));
    assert_eq!((c.leak_2y, c.last_evaluation.clone()), (Some(false), None));

    let e = s.new_evaluation(c.id, false, None).unwrap();
    assert_eq!((e.made_on, e.re_evaluation), (start(), false));
    assert!(e.shortcut && e.pmark_valid && !e.leak_2y);
    assert_eq!(e.decision, "adopted");
    assert_eq!(reason_items(&e), [0]);
    assert!(e.reasons[0].text.contains("選定基準(1)"));
    assert!(e.missing.is_empty());
    assert!(e.items.iter().all(|i| i.judgment.is_none()));
    assert!(!e.finalized);

    let f = s.finalize_evaluation(e.id).unwrap();
    assert!(f.finalized);
    assert_eq!(
        (f.decision.as_str(), f.finalized_by.as_deref()),
        ("adopted", Some(OFFICER))
    );
    let c = s.contractor(c.id).unwrap();
    let last = c.last_evaluation.unwrap();
    assert_eq!((last.id, last.decision.as_str()), (e.id, "adopted"));
    assert_eq!(c.next_evaluation_due, Some(d(2027, 4, 1)));
}

#[test]
fn a_pmark_expired_before_the_evaluation_day_means_item_by_item() {
    let o = office();
    let mut s = o.officer();
    let c = add(&mut s, with_pmark("○○計算センター", "令和8年3月31日"));
    // On its last day the P-mark still counts …
    let on_last_day = s
        .new_evaluation(c.id, false, Some("令和8年3月31日"))
        .unwrap();
    assert!(on_last_day.shortcut);
    assert_eq!(on_last_day.decision, "adopted");
    // … the day after, every pattern-I item (1–16) must be judged.
    let e = s.new_evaluation(c.id, false, None).unwrap();
    assert!(!e.shortcut && !e.pmark_valid);
    assert_eq!(e.decision, "incomplete");
    assert_eq!(e.missing, (1..=16).collect::<Vec<u8>>());
    let err = s.finalize_evaluation(e.id).unwrap_err();
    assert_eq!(field(&err), "判定");
    assert!(err.to_string().contains("No.16"), "{err}");
    let e = s.set_judgments(e.id, &all_a(1..=16), &[]).unwrap();
    assert_eq!(e.decision, "adopted");
    assert_eq!(reason_items(&e), [0]);
    assert!(e.reasons[0].text.contains("委託パターンI"));
}

#[test]
fn a_draft_is_saved_incomplete_and_a_b_gives_a_conditional_adoption() {
    let o = office();
    let mut s = o.officer();
    let c = add(&mut s, contractor("○○クラウド株式会社", "II"));
    let e = s.new_evaluation(c.id, false, None).unwrap();
    assert_eq!(e.missing, (1..=20).collect::<Vec<u8>>());

    let mut first = all_a(1..=10);
    first[2].1 = "B".into();
    let improve = pairs("3=事故時の手順書を令和8年度中に整備");
    let draft = s.set_judgments(e.id, &first, &improve).unwrap();
    assert_eq!(draft.decision, "incomplete");
    assert_eq!(draft.missing, (11..=20).collect::<Vec<u8>>());
    assert!(draft.reasons.is_empty());
    let err = s.finalize_evaluation(e.id).unwrap_err();
    assert!(err.to_string().contains("No.11、No.12"), "{err}");
    assert!(!s.evaluation(e.id).unwrap().finalized);

    let done = s.set_judgments(e.id, &all_a(11..=20), &[]).unwrap();
    assert_eq!(done.decision, "adopted_conditional");
    assert!(done.missing.is_empty());
    assert_eq!(reason_items(&done), [3]);
    assert!(done.reasons[0]
        .text
        .contains("事故時の手順書を令和8年度中に整備"));
    let item3 = &done.items[2];
    assert_eq!(item3.judgment.as_deref(), Some("B"));
    assert_eq!(
        item3.improvement.as_deref(),
        Some("事故時の手順書を令和8年度中に整備")
    );

    let fin = s.finalize_evaluation(e.id).unwrap();
    assert_eq!(
        (fin.decision.as_str(), fin.finalized),
        ("adopted_conditional", true)
    );
    let err = s.set_judgments(e.id, &pairs("3=A"), &[]).unwrap_err();
    assert_eq!(field(&err), "評価");
    let err = s.finalize_evaluation(e.id).unwrap_err();
    assert!(err.to_string().contains("確定済み"), "{err}");
    assert_eq!(s.evaluation(e.id).unwrap(), fin);
}

#[test]
fn a_c_rejects_naming_the_item() {
    let o = office();
    let mut s = o.officer();
    let c = add(&mut s, contractor("○○警備保障", "IV"));
    let e = s.new_evaluation(c.id, false, None).unwrap();
    assert_eq!(e.missing, [1, 2, 3, 5, 6]);
    let j = pairs("1=A,2=A,3=A,4=—,5=C,6=A");
    let e = s.set_judgments(e.id, &j, &[]).unwrap();
    assert_eq!(e.decision, "rejected");
    assert_eq!(reason_items(&e), [5]);
    assert!(e.reasons[0].text.contains("No.5"), "{}", e.reasons[0].text);
    let f = s.finalize_evaluation(e.id).unwrap();
    assert_eq!(f.decision, "rejected");
    let last = s.contractor(c.id).unwrap().last_evaluation.unwrap();
    assert_eq!(last.decision_label, "不採用");
}

#[test]
fn a_re_evaluation_a_year_later_is_a_new_sheet_and_the_old_one_stays() {
    let o = office();
    let mut s = o.officer();
    let c = add(&mut s, contractor("○○倉庫株式会社", "III"));
    let first = s.new_evaluation(c.id, false, None).unwrap();
    s.set_judgments(first.id, &pairs(III_ALL_A), &[]).unwrap();
    s.finalize_evaluation(first.id).unwrap();
    let old = s.evaluation(first.id).unwrap();

    move_to(&o, d(2027, 4, 1));
    let re = s.new_evaluation(c.id, true, None).unwrap();
    assert_ne!(re.id, first.id);
    assert_eq!((re.re_evaluation, re.made_on), (true, d(2027, 4, 1)));
    assert_eq!(re.decision, "incomplete");
    let j = pairs("1=c,2=A,3=A,4=A,5=A,6=A");
    let re = s.set_judgments(re.id, &j, &[]).unwrap();
    assert_eq!(re.decision, "rejected");
    // Until the new sheet is finalised the old one is the last evaluation.
    let view = s.contractor(c.id).unwrap();
    assert_eq!(view.last_evaluation.unwrap().id, first.id);
    s.finalize_evaluation(re.id).unwrap();

    assert_eq!(s.evaluation(first.id).unwrap(), old, "changed");
    let list = s.evaluations_of(c.id).unwrap();
    let ids: Vec<i64> = list.iter().map(|e| e.id).collect();
    assert_eq!(ids, [first.id, re.id]);
    assert_eq!(list[0], old);
    let view = s.contractor(c.id).unwrap();
    assert_eq!(view.last_evaluation.unwrap().id, re.id);
    assert_eq!(view.next_evaluation_due, Some(d(2028, 4, 1)));
}

#[test]
fn re_evaluation_is_listed_60_days_ahead_and_then_overdue() {
    let o = office();
    let mut s = o.officer();
    let c = add(&mut s, contractor("○○データセンター", "III"));
    let first = due_of(&mut s, 60, &c, "first_evaluation");
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].due_on, first[0].overdue), (None, false));

    let e = s.new_evaluation(c.id, false, None).unwrap();
    s.set_judgments(e.id, &pairs(III_ALL_A), &[]).unwrap();
    assert_eq!(count(&mut s, 60, &c, "first_evaluation"), 1, "a draft");
    s.finalize_evaluation(e.id).unwrap();
    assert!(due_of(&mut s, 60, &c, "first_evaluation").is_empty());
    assert!(due_of(&mut s, 60, &c, "reevaluation").is_empty());

    let anniversary = d(2027, 4, 1);
    move_to(&o, anniversary - Duration::days(61));
    assert_eq!(count(&mut s, 60, &c, "reevaluation"), 0, "61 days ahead");
    assert_eq!(count(&mut s, 61, &c, "reevaluation"), 1, "--within 61");
    move_to(&o, anniversary - Duration::days(60));
    let due = due_of(&mut s, 60, &c, "reevaluation");
    assert_eq!(due.len(), 1, "60 days ahead");
    assert_eq!((due[0].due_on, due[0].overdue), (Some(anniversary), false));
    assert!(due[0].detail.contains(&format!("ID {}", e.id)));
    move_to(&o, anniversary);
    assert!(!due_of(&mut s, 60, &c, "reevaluation")[0].overdue, "today");
    move_to(&o, anniversary + Duration::days(1));
    let due = due_of(&mut s, 0, &c, "reevaluation");
    assert_eq!((due.len(), due[0].overdue), (1, true));
    // Overdue items come first.
    let other = add(&mut s, with_pmark("○○印刷", "令和9年6月30日"));
    let all = s.contractors_due(60).unwrap();
    assert_eq!(all[0].contractor.id, c.id);
    assert!(all.iter().any(|i| i.contractor.id == other.id));
}

#[test]
fn a_pmark_is_listed_60_days_before_it_expires() {
    let o = office();
    let mut s = o.officer();
    let soon = add(&mut s, with_pmark("○○商事", "令和8年5月31日"));
    let later = add(&mut s, with_pmark("○○物産", "令和8年6月1日"));
    let due = due_of(&mut s, 60, &soon, "pmark_expiry");
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].due_on, due[0].overdue),
        (Some(d(2026, 5, 31)), false)
    );
    assert!(due[0].detail.contains("10820123"));
    assert!(due_of(&mut s, 59, &soon, "pmark_expiry").is_empty());
    assert!(due_of(&mut s, 60, &later, "pmark_expiry").is_empty());
    move_to(&o, d(2026, 6, 1));
    assert!(due_of(&mut s, 60, &soon, "pmark_expiry")[0].overdue);
    assert!(!due_of(&mut s, 60, &later, "pmark_expiry")[0].overdue);
    // A disabled contractor is no longer listed.
    s.disable_contractor(soon.id).unwrap();
    assert!(s
        .contractors_due(365)
        .unwrap()
        .iter()
        .all(|i| i.contractor.id != soon.id));
    let err = s.new_evaluation(soon.id, false, None).unwrap_err();
    assert_eq!(field(&err), "委託先");
    assert!(err.to_string().contains("無効化"), "{err}");
}

#[test]
fn an_improvement_is_listed_until_it_is_confirmed() {
    let o = office();
    let mut s = o.officer();
    let c = add(&mut s, contractor("○○清掃", "III"));
    let e = s.new_evaluation(c.id, false, None).unwrap();
    let j = pairs("1=A,2=B,3=A,4=A,5=A,6=A");
    s.set_judgments(e.id, &j, &pairs("2=規程を整備し写しを提出"))
        .unwrap();
    let err = s.confirm_improvement(e.id, "2", None).unwrap_err();
    assert!(err.to_string().contains("確定してから"), "{err}");
    s.finalize_evaluation(e.id).unwrap();
    let due = due_of(&mut s, 60, &c, "improvement");
    assert_eq!(due.len(), 1);
    assert!(due[0].detail.contains("No.2"), "{}", due[0].detail);

    let err = s.confirm_improvement(e.id, "1", None).unwrap_err();
    assert_eq!(field(&err), "評価項目");
    let done = s.confirm_improvement(e.id, "2", None).unwrap();
    assert_eq!(done.items[1].improvement_confirmed_on, Some(start()));
    assert!(done.finalized);
    assert!(due_of(&mut s, 60, &c, "improvement").is_empty());
    let again = s.confirm_improvement(e.id, "2", None).unwrap_err();
    assert_eq!(again.code(), ErrorCode::AlreadyExists);
}

fn record(s: &mut Session, kind: &str, date: &str, person: i64, contractor: &str) {
    s.add_events(&NewEvent {
        kind: kind.into(),
        date: date.into(),
        affair: "1".into(),
        persons: vec![person],
        fields: EventFields {
            content: (kind == "dispose").then(|| "扶養控除等申告書".into()),
            method: (kind == "dispose").then(|| "shred".into()),
            certificate_no: (kind == "certificate").then(|| "第123号".into()),
            contractor: Some(contractor.into()),
            ..EventFields::default()
        },
        ..NewEvent::default()
    })
    .unwrap();
}

#[test]
fn a_disposal_by_a_contractor_waits_for_its_certificate() {
    let o = office();
    let mut s = o.officer();
    let name = "○○文書処理株式会社";
    let c = add(&mut s, contractor(name, "IV"));
    let p = s
        .add_person(&NewPerson {
            kind: "staff".into(),
            name: "職員 一".into(),
            dept: Some("総務課".into()),
            employer: None,
            kana: None,
        })
        .unwrap()
        .id;
    assert!(due_of(&mut s, 60, &c, "certificate").is_empty());
    record(&mut s, "dispose", "令和8年3月1日", p, name);
    record(&mut s, "dispose", "令和8年3月5日", p, "別の業者");
    let due = due_of(&mut s, 60, &c, "certificate");
    assert_eq!(due.len(), 1);
    assert!(due[0].detail.contains("1 件"), "{}", due[0].detail);
    assert!(due[0].detail.contains("令和8年3月1日"), "{}", due[0].detail);

    record(&mut s, "certificate", "令和8年3月10日", p, "別の業者");
    assert_eq!(count(&mut s, 60, &c, "certificate"), 1, "another's");
    record(&mut s, "certificate", "令和8年3月10日", p, name);
    assert!(due_of(&mut s, 60, &c, "certificate").is_empty());
    // A later disposal waits for a later certificate.
    record(&mut s, "dispose", "令和8年3月20日", p, name);
    let due = due_of(&mut s, 60, &c, "certificate");
    assert!(
        due[0].detail.contains("令和8年3月20日"),
        "{}",
        due[0].detail
    );
}

#[test]
fn a_subcontractor_names_its_parent_and_is_evaluated_the_same_way() {
    let o = office();
    let mut s = o.officer();
    let parent = add(&mut s, contractor("○○システム株式会社", "I"));
    let sub = add(
        &mut s,
        NewContractor {
            parent: Some(parent.id.to_string()),
            approved_on: Some("令和8年3月15日".into()),
            ..contractor("○○ソフト株式会社", "II")
        },
    );
    let parent_ref = ContractorRef {
        id: parent.id,
        name: parent.name.clone(),
    };
    assert_eq!(sub.parent, Some(parent_ref));
    assert_eq!(sub.approved_on, Some(d(2026, 3, 15)));
    let by_name = add(
        &mut s,
        NewContractor {
            parent: Some("○○システム株式会社".into()),
            ..contractor("○○サポート", "IV")
        },
    );
    let subs = s.contractor(parent.id).unwrap().subcontractors;
    assert_eq!(
        subs.iter().map(|r| r.id).collect::<Vec<_>>(),
        [sub.id, by_name.id]
    );
    let e = s.new_evaluation(sub.id, false, None).unwrap();
    assert_eq!((e.pattern.as_str(), e.missing.len()), ("II", 20));
    assert_eq!(e.contractor.id, sub.id);

    let mut orphan = contractor("x", "I");
    orphan.approved_on = Some("令和8年3月15日".into());
    let err = s.add_contractor(&orphan).unwrap_err();
    assert_eq!(field(&err), "再委託の許諾日");
    orphan.parent = Some("いない会社".into());
    let err = s.add_contractor(&orphan).unwrap_err();
    assert_eq!(field(&err), "委託元（再委託の親）");
    assert_eq!(s.list_contractors().unwrap().len(), 3);
}

#[test]
fn clause_ticks_reduce_the_missing_count_and_unknown_clauses_are_refused() {
    let o = office();
    let mut s = o.officer();
    let no = s
        .add_ledger_entry(&NewLedgerEntry {
            name: "給与所得の源泉徴収票".into(),
            scope: "役職員の個人番号、氏名".into(),
            dept: "総務課".into(),
            owner: OFFICER.into(),
            handlers: vec![OFFICER.into()],
            purpose: "源泉徴収票の作成".into(),
            retention: "7年".into(),
            disposal: "shred".into(),
            location: "総務課キャビネット".into(),
            electronic: false,
        })
        .unwrap()
        .no;
    let c = add(
        &mut s,
        NewContractor {
            files: vec![no],
            ..contractor("○○会計事務所", "I")
        },
    );
    assert_eq!(c.files, [no]);
    let total = c.clauses.len() as u32;
    assert_eq!(c.clauses_missing, total);
    let mut missing = total;
    for id in ["001-5-1", "002-4-10", "004-13"] {
        let v = s
            .set_clause(c.id, id, "業務委託契約書", "令和8年3月1日")
            .unwrap();
        missing -= 1;
        assert_eq!(v.clauses_missing, missing, "{id}");
        let k = v.clauses.iter().find(|k| k.id == id).unwrap();
        assert!(k.ticked);
        assert_eq!(k.contract.as_deref(), Some("業務委託契約書"));
        assert_eq!(k.signed_on, Some(d(2026, 3, 1)));
    }
    // Ticked again from a later contract: the latest counts, the count stays.
    let v = s
        .set_clause(c.id, "002-4-10", "変更契約書", "令和8年3月20日")
        .unwrap();
    assert_eq!(v.clauses_missing, missing);
    let k = v.clauses.iter().find(|k| k.id == "002-4-10").unwrap();
    assert_eq!(k.contract.as_deref(), Some("変更契約書"));
    for (clause, contract, date, name) in [
        ("002-4-11", "契約書", "令和8年3月1日", "契約条項"),
        ("001-5", "契約書", "令和8年3月1日", "契約条項"),
        ("004-1", " ", "令和8年3月1日", "契約名"),
        ("004-1", "契約書", "令和9年3月1日", "契約日"),
    ] {
        let err = s.set_clause(c.id, clause, contract, date).unwrap_err();
        assert_eq!(field(&err), name, "{clause}");
    }
    let list = s.list_contractors().unwrap();
    assert_eq!(list[0].clauses_missing, missing);
    assert!(list[0].clauses.is_empty(), "no checklist in the list");
}

#[test]
fn every_read_and_change_is_audited_and_roles_are_enforced() {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut clerk = o.login("sato", "clerk-pass-1");
    let c = add(&mut clerk, contractor("○○倉庫", "III"));
    clerk
        .set_clause(c.id, "004-1", "業務委託契約書", "令和8年3月1日")
        .unwrap();
    let e = clerk.new_evaluation(c.id, false, None).unwrap();
    let j = pairs("1=B,2=A,3=A,4=A,5=A,6=A");
    let improve = pairs("1=体制図を提出");
    clerk.set_judgments(e.id, &j, &improve).unwrap();
    for err in [
        clerk.finalize_evaluation(e.id).unwrap_err(),
        clerk.disable_contractor(c.id).unwrap_err(),
    ] {
        assert_eq!(err.code(), ErrorCode::Forbidden);
        assert!(err.to_string().contains("事務取扱責任者"), "{err}");
    }
    clerk.logout().unwrap();

    let mut s = o.officer();
    s.finalize_evaluation(e.id).unwrap();
    s.confirm_improvement(e.id, "1", None).unwrap();
    s.list_contractors().unwrap();
    s.contractor(c.id).unwrap();
    s.evaluation(e.id).unwrap();
    s.evaluations_of(c.id).unwrap();
    s.contractors_due(60).unwrap();
    s.disable_contractor(c.id).unwrap();
    let audit = s.audit_list(200).unwrap();
    let (c, e) = (
        format!("contractor:{}", c.id),
        format!("evaluation:{}", e.id),
    );
    let clause = format!("{c}/clause:004-1");
    let list = "contractors".to_owned();
    for (actor, action, target, detail) in [
        ("sato", "create", &c, "委託パターンIII"),
        ("sato", "create", &clause, "業務委託契約書"),
        ("sato", "create", &e, "新規"),
        ("sato", "amend", &e, "1=B"),
        (OFFICER, "amend", &e, "確定: 採用（改善条件付）"),
        (OFFICER, "amend", &e, "No.1 改善確認"),
        (OFFICER, "read", &list, "委託先一覧"),
        (OFFICER, "read", &c, ""),
        (OFFICER, "read", &e, ""),
        (OFFICER, "read", &c, "評価一覧"),
        (OFFICER, "read", &list, "期限一覧（60日以内）"),
        (OFFICER, "amend", &c, "無効化"),
    ] {
        let found = audit.iter().any(|a| {
            (a.actor.as_str(), a.action.as_str()) == (actor, action)
                && a.target == *target
                && a.detail.contains(detail)
        });
        assert!(found, "no {action} {target} «{detail}» by {actor}");
    }
    // The refused finalise and disable left no row.
    let by_clerk = |d: &str| {
        audit
            .iter()
            .any(|a| a.actor == "sato" && a.detail.contains(d))
    };
    assert!(!by_clerk("確定") && !by_clerk("無効化"));
    assert!(s.audit_verify().unwrap().ok);
}
