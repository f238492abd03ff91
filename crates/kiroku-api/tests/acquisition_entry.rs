//! What the entry form's person picker and 「保存する書類」 part rely on: 扶養家族 ticked under
//! each 本人 recorded as events of their own, 「前回と同じ人たち」, the rule an affair suggests
//! and the dates a document would get before it is saved.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Duration;
use common::*;
use kiroku_api::{
    DocumentFromEvent, ErrorCode, EventFields, EventQuery, FamilyTick, NewDependent, NewEvent,
    NewLedgerEntry, NewPerson, RetentionPreviewRequest, Session, WithdrawEventRequest,
};

const AFFAIR: &str = "年末調整事務";

fn staff(s: &mut Session, name: &str) -> i64 {
    s.add_person(&NewPerson {
        kind: "staff".into(),
        name: name.into(),
        dept: Some("総務課".into()),
        employer: None,
        kana: None,
    })
    .unwrap()
    .id
}

fn dependent(s: &mut Session, person: i64, name: &str, relation: &str) -> i64 {
    s.add_dependent(
        person,
        &NewDependent {
            name: name.into(),
            relation: relation.into(),
        },
    )
    .unwrap()
    .dependents
    .into_iter()
    .find(|d| d.name == name)
    .unwrap()
    .id
}

fn ledger(s: &mut Session) -> i64 {
    s.add_ledger_entry(&NewLedgerEntry {
        name: "扶養控除等申告書".into(),
        scope: "役職員及び扶養家族の個人番号、氏名".into(),
        dept: "総務課".into(),
        owner: OFFICER.into(),
        handlers: vec![OFFICER.into()],
        purpose: "年末調整".into(),
        retention: "翌年1月10日の翌日から7年".into(),
        disposal: "shred".into(),
        location: "総務課キャビネット".into(),
        electronic: false,
    })
    .unwrap()
    .no
}

fn acquire(persons: Vec<i64>, family: Vec<FamilyTick>) -> NewEvent {
    NewEvent {
        kind: "acquire".into(),
        date: "令和8年3月2日".into(),
        affair: AFFAIR.into(),
        persons,
        family,
        fields: EventFields {
            source: Some("person".into()),
            method: Some("mynumber_card".into()),
            content: Some("扶養控除等申告書".into()),
            ..EventFields::default()
        },
        ..NewEvent::default()
    }
}

/// An office with an affair, two staff (the first with a wife and a child) and a 台帳 file.
struct Family {
    s: Session,
    taro: i64,
    hanako: i64,
    ichiro: i64,
    jiro: i64,
    file: i64,
}

fn family_office(o: &Office) -> Family {
    let mut s = o.officer();
    s.add_affair(AFFAIR, None).unwrap();
    let taro = staff(&mut s, "山本 太郎");
    let hanako = dependent(&mut s, taro, "山本 花子", "妻");
    let ichiro = dependent(&mut s, taro, "山本 一郎", "子");
    let jiro = staff(&mut s, "田中 次郎");
    let file = ledger(&mut s);
    Family {
        s,
        taro,
        hanako,
        ichiro,
        jiro,
        file,
    }
}

#[test]
fn each_ticked_family_member_gets_an_event_of_their_own() {
    let o = office();
    let Family {
        mut s,
        taro,
        hanako,
        ichiro,
        jiro,
        ..
    } = family_office(&o);
    let ticks = vec![
        FamilyTick {
            person: taro,
            dependent: ichiro,
        },
        FamilyTick {
            person: taro,
            dependent: hanako,
        },
    ];
    let saved = s.add_events(&acquire(vec![taro, jiro], ticks)).unwrap();
    // 太郎, then the family ticked under him, then 次郎: four events in one transaction.
    let who: Vec<_> = saved
        .iter()
        .map(|e| (e.person.clone().unwrap(), e.dependent.clone()))
        .collect();
    assert_eq!(
        who,
        [
            ("山本 太郎".to_owned(), None),
            ("山本 太郎".to_owned(), Some("山本 一郎".to_owned())),
            ("山本 太郎".to_owned(), Some("山本 花子".to_owned())),
            ("田中 次郎".to_owned(), None),
        ]
    );
    // The 取扱記録表 has a row for each family member beside the 本人's.
    let rows = s.lifecycle(&EventQuery::default()).unwrap();
    let mut dependents: Vec<_> = rows.iter().map(|r| r.dependent.as_str()).collect();
    dependents.sort_unstable();
    assert_eq!(dependents, ["", "", "山本 一郎", "山本 花子"]);
}

#[test]
fn a_family_member_who_is_not_that_persons_is_refused_and_nothing_is_saved() {
    let o = office();
    let Family {
        mut s,
        taro,
        hanako,
        jiro,
        ..
    } = family_office(&o);
    // 花子 is 太郎's wife, not 次郎's.
    let e = s
        .add_events(&acquire(
            vec![taro, jiro],
            vec![FamilyTick {
                person: jiro,
                dependent: hanako,
            }],
        ))
        .unwrap_err()
        .body();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidInput, Some("扶養家族"))
    );
    assert!(e.message.contains("田中 次郎"), "{}", e.message);
    assert!(
        e.message.contains("扶養家族ではありません"),
        "{}",
        e.message
    );
    // A family member under a 本人 who is not chosen, or ticked twice, is refused too.
    let e = s
        .add_events(&acquire(
            vec![jiro],
            vec![FamilyTick {
                person: taro,
                dependent: hanako,
            }],
        ))
        .unwrap_err()
        .body();
    assert_eq!(e.field.as_deref(), Some("扶養家族"));
    assert!(
        e.message.contains("本人に選ばれていません"),
        "{}",
        e.message
    );
    let tick = FamilyTick {
        person: taro,
        dependent: hanako,
    };
    let e = s
        .add_events(&acquire(vec![taro], vec![tick, tick]))
        .unwrap_err()
        .body();
    assert!(e.message.contains("2回"), "{}", e.message);
    // All or nothing: no event of any of these entries was written.
    assert!(s.chronological(&EventQuery::default()).unwrap().is_empty());
}

#[test]
fn a_batch_with_family_files_one_set_for_the_persons() {
    let o = office();
    let Family {
        mut s,
        taro,
        hanako,
        jiro,
        file,
        ..
    } = family_office(&o);
    let mut new = acquire(
        vec![taro, jiro],
        vec![FamilyTick {
            person: taro,
            dependent: hanako,
        }],
    );
    new.file = Some(file);
    let rule = s.suggested_rule(AFFAIR).unwrap().unwrap();
    new.new_document = Some(DocumentFromEvent {
        rule: rule.to_string(),
        name: None,
        base_date: Some("令和8年分".into()),
    });
    let saved = s.add_events(&new).unwrap();
    let doc = saved[0].document.unwrap();
    assert!(saved.iter().all(|e| e.document == Some(doc)));
    let d = s.document(doc).unwrap();
    // One 一式 for the two 本人 (the wife is on her husband's 申告書), dated by the 年分.
    assert_eq!(d.name, "扶養控除等申告書");
    assert_eq!(d.rule, "給与所得者の扶養控除等（異動）申告書");
    assert_eq!((d.person_id, d.batch_count), (None, Some(2)));
    assert_eq!(d.base_date.to_string(), "2026-01-01");
    assert_eq!(d.retain_until_label, "令和16年1月10日");
}

#[test]
fn one_person_with_family_files_their_own_document() {
    let o = office();
    let Family {
        mut s,
        taro,
        ichiro,
        file,
        ..
    } = family_office(&o);
    let mut new = acquire(
        vec![taro],
        vec![FamilyTick {
            person: taro,
            dependent: ichiro,
        }],
    );
    new.file = Some(file);
    new.new_document = Some(DocumentFromEvent {
        rule: "給与所得者の扶養控除等（異動）申告書".into(),
        name: Some("令和8年分 扶養控除等申告書".into()),
        base_date: None,
    });
    let saved = s.add_events(&new).unwrap();
    assert_eq!(saved.len(), 2);
    let d = s.document(saved[0].document.unwrap()).unwrap();
    assert_eq!((d.person_id, d.batch_count), (Some(taro), None));
}

#[test]
fn the_previous_entry_gives_its_persons_once_each() {
    let o = office();
    let Family {
        mut s,
        taro,
        hanako,
        jiro,
        ..
    } = family_office(&o);
    // Nothing entered yet.
    assert!(s.last_entry_persons().unwrap().is_empty());
    s.add_events(&acquire(
        vec![jiro, taro],
        vec![FamilyTick {
            person: taro,
            dependent: hanako,
        }],
    ))
    .unwrap();
    assert_eq!(s.last_entry_persons().unwrap(), [jiro, taro]);
    o.clock.advance(Duration::minutes(5));
    s.add_events(&acquire(vec![taro], vec![])).unwrap();
    assert_eq!(s.last_entry_persons().unwrap(), [taro]);
    // Another clerk's entries are theirs, not this user's previous entry.
    o.add_user("sato", "佐藤 美咲", "clerk", "clerk-pass-1");
    let mut clerk = o.login("sato", "clerk-pass-1");
    assert!(clerk.last_entry_persons().unwrap().is_empty());
    o.clock.advance(Duration::minutes(5));
    clerk.add_events(&acquire(vec![jiro], vec![])).unwrap();
    assert_eq!(clerk.last_entry_persons().unwrap(), [jiro]);
    assert_eq!(s.last_entry_persons().unwrap(), [taro]);
    // An entry withdrawn as a mistake is no previous entry: the one before it is.
    o.clock.advance(Duration::minutes(5));
    let wrong = s.add_events(&acquire(vec![jiro], vec![])).unwrap();
    assert_eq!(s.last_entry_persons().unwrap(), [jiro]);
    s.withdraw_event(&WithdrawEventRequest {
        id: wrong[0].id,
        reason: "別の本人で登録した".into(),
    })
    .unwrap();
    assert_eq!(s.last_entry_persons().unwrap(), [taro]);
    // The read is in the audit chain.
    let rows = s.audit_list(5).unwrap();
    assert!(rows.iter().any(|r| r.detail == "前回と同じ人たち"));
}

#[test]
fn the_affair_suggests_the_rule_and_the_preview_shows_the_dates() {
    let o = office();
    let mut s = o.officer();
    s.add_affair("雇用保険に関する届出等の事務（本部）", None)
        .unwrap();
    s.add_affair("委託先管理事務（本部）", None).unwrap();
    let by_name = |s: &mut Session, name: &str| {
        s.list_rules()
            .unwrap()
            .into_iter()
            .find(|r| r.name == name)
            .unwrap()
            .id
    };
    let koyou = by_name(
        &mut s,
        "雇用保険 被保険者に関する書類（資格取得届等の控え）",
    );
    assert_eq!(
        s.suggested_rule("雇用保険に関する届出等の事務（本部）")
            .unwrap(),
        Some(koyou)
    );
    assert_eq!(s.suggested_rule("委託先管理事務（本部）").unwrap(), None);
    let e = s.suggested_rule("存在しない事務").unwrap_err().body();
    assert_eq!(e.field.as_deref(), Some("関係事務"));

    // 申告書: counted from the 年分 — 令和8年分 → kept until 令和16年1月10日.
    let p = s
        .retention_preview(&RetentionPreviewRequest {
            rule: "給与所得者の扶養控除等（異動）申告書".into(),
            base_date: "令和8年分".into(),
        })
        .unwrap();
    assert!(p.counts_from_year);
    assert_eq!(p.base_label, "令和8年分");
    assert_eq!(p.retain_until_label, "令和16年1月10日");
    assert_eq!(p.disposable_from_label, "令和16年1月11日");
    assert_eq!(p.batch_fy_label, "令和15年度");
    // A day of the year gives the same 年分.
    let same = s
        .retention_preview(&RetentionPreviewRequest {
            rule: p.rule_id.to_string(),
            base_date: "2026-11-20".into(),
        })
        .unwrap();
    assert_eq!(same.retain_until, p.retain_until);
    // 雇用保険: from the day (完結の日から4年).
    let p = s
        .retention_preview(&RetentionPreviewRequest {
            rule: koyou.to_string(),
            base_date: "令和8年4月1日".into(),
        })
        .unwrap();
    assert!(!p.counts_from_year);
    assert_eq!(p.base_label, "令和8年4月1日");
    assert_eq!(p.retain_until_label, "令和12年4月1日");
    assert_eq!(p.disposable_from_label, "令和12年4月2日");
    // Refusals name the field.
    for (req, field) in [
        (
            RetentionPreviewRequest {
                rule: koyou.to_string(),
                base_date: "令和8年分".into(),
            },
            "基準日",
        ),
        (
            RetentionPreviewRequest {
                rule: "ない規則".into(),
                base_date: "令和8年4月1日".into(),
            },
            "保存期間のルール",
        ),
    ] {
        let e = s.retention_preview(&req).unwrap_err().body();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidInput, Some(field))
        );
    }
}

#[test]
fn a_family_member_who_left_is_refused_after_the_day_they_left_and_kept_before() {
    let o = office();
    let Family {
        mut s,
        taro,
        hanako,
        ..
    } = family_office(&o);
    s.dependent_leave(&kiroku_api::DependentLeaveRequest {
        person: taro,
        dependent: hanako,
        date: "令和8年3月1日".into(),
    })
    .unwrap();
    let tick = || {
        vec![FamilyTick {
            person: taro,
            dependent: hanako,
        }]
    };
    // 令和8年3月2日, the day after she left: refused, nothing saved.
    let e = s.add_events(&acquire(vec![taro], tick())).unwrap_err();
    assert_eq!(e.body().field.as_deref(), Some("扶養家族"));
    assert!(e.to_string().contains("扶養から外れています"), "{e}");
    assert_eq!(s.count_events(&EventQuery::default()).unwrap(), 0);
    // A handling from before she left may still be entered.
    let earlier = NewEvent {
        date: "令和8年2月27日".into(),
        ..acquire(vec![taro], tick())
    };
    assert_eq!(s.add_events(&earlier).unwrap().len(), 2);
}
