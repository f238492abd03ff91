//! The handling log (別紙1) and the ledger (別紙2) through the API: the 002 example row,
//! batches, corrections as versions, filters, roles and the references an event names.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use kiroku_api::{
    ErrorCode, EventChanges, EventFields, EventQuery, LedgerChanges, NewDependent, NewEvent,
    NewLedgerEntry, NewPerson, Session,
};

fn staff(s: &mut Session, name: &str, dept: &str) -> i64 {
    s.add_person(&NewPerson {
        kind: "staff".into(),
        name: name.into(),
        dept: Some(dept.into()),
        employer: None,
        kana: None,
    })
    .unwrap()
    .id
}

fn ledger_entry() -> NewLedgerEntry {
    NewLedgerEntry {
        name: "給与所得の源泉徴収票".into(),
        scope: "役職員及び扶養家族の個人番号、氏名、生年月日、その他源泉徴収票記載事項".into(),
        dept: "〇〇課".into(),
        owner: OFFICER.into(),
        handlers: vec![OFFICER.into()],
        purpose: "源泉徴収票の作成及び税務署への提出、本人への交付".into(),
        retention: "翌年1月10日の翌日から7年".into(),
        disposal: "shred".into(),
        location: "〇〇課キャビネット（施錠可）".into(),
        electronic: false,
    }
}

fn event(kind: &str, date: &str, affair: &str, persons: Vec<i64>, fields: EventFields) -> NewEvent {
    NewEvent {
        kind: kind.into(),
        date: date.into(),
        affair: affair.into(),
        persons,
        fields,
        ..NewEvent::default()
    }
}

fn use_fields(content: &str) -> EventFields {
    EventFields {
        content: Some(content.into()),
        ..EventFields::default()
    }
}

#[test]
fn the_002_example_row_comes_from_its_events() {
    let o = office();
    let mut s = o.officer();
    s.add_affair("給与所得の源泉徴収票", None).unwrap();
    let p = staff(&mut s, "〇〇", "〇課");
    s.add_dependent(
        p,
        &NewDependent {
            name: "〇〇 〇〇".into(),
            relation: "配偶者".into(),
        },
    )
    .unwrap();
    let no = s.add_ledger_entry(&ledger_entry()).unwrap().no;
    let affair = "給与所得の源泉徴収票";
    let on_dependent = |mut e: NewEvent| {
        e.dependent = Some("〇〇 〇〇".into());
        e
    };
    let mut record = event(
        "record",
        "平成27年12月8日",
        affair,
        vec![p],
        EventFields::default(),
    );
    record.file = Some(no);
    for e in [
        event(
            "submit",
            "平成27年12月10日",
            affair,
            vec![p],
            EventFields {
                to: Some("tax_office:〇〇税務署".into()),
                via: Some("e_filing".into()),
                ..EventFields::default()
            },
        ),
        event(
            "acquire",
            "平成27年10月10日",
            affair,
            vec![p],
            EventFields {
                source: Some("person".into()),
                method: Some("mynumber_card:個人番号カードコピー".into()),
                ..EventFields::default()
            },
        ),
        event(
            "use",
            "平成27年12月10日",
            affair,
            vec![p],
            use_fields("給与所得の源泉徴収票を作成"),
        ),
        record,
        event(
            "dispose",
            "平成27年12月8日",
            affair,
            vec![p],
            EventFields {
                content: Some("個人番号カードコピー".into()),
                method: Some("shred".into()),
                ..EventFields::default()
            },
        ),
    ] {
        s.add_events(&on_dependent(e)).unwrap();
    }
    let rows = s.lifecycle(&EventQuery::default()).unwrap();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(
        [
            r.affair.as_str(),
            &r.person,
            &r.unit,
            &r.dependent,
            &r.acquired_on,
            &r.identity_check,
            &r.recorded_on,
            &r.clerks,
            &r.use_and_take_out,
            &r.disposal,
        ],
        [
            "給与所得の源泉徴収票",
            "〇〇",
            "〇課",
            "〇〇 〇〇",
            "平成27年10月10日",
            "個人番号カードコピー",
            "平成27年12月8日",
            "山田 太郎",
            "平成27年12月10日に給与所得の源泉徴収票を作成、同日〇〇税務署に提出",
            "平成27年12月8日に個人番号カードコピーを廃棄",
        ]
    );
    // The 運用状況記録票 lists the same five events, in date order.
    let chrono = s.chronological(&EventQuery::default()).unwrap();
    let kinds: Vec<&str> = chrono.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["acquire", "record", "dispose", "use", "submit"]);
}

#[test]
fn a_batch_records_the_same_event_for_each_person_or_nothing() {
    let o = office();
    let mut s = o.officer();
    let staff_ids: Vec<i64> = (1..=48)
        .map(|i| staff(&mut s, &format!("職員 {i}"), "総務課"))
        .collect();
    let nenmatsu = |persons: Vec<i64>| {
        event(
            "acquire",
            "令和8年3月2日",
            "1",
            persons,
            EventFields {
                source: Some("person".into()),
                method: Some("mynumber_card".into()),
                content: Some("扶養控除等申告書".into()),
                ..EventFields::default()
            },
        )
    };
    // One unknown person spoils the whole batch: nothing is recorded.
    let mut with_unknown = staff_ids.clone();
    with_unknown.push(999);
    let err = s.add_events(&nenmatsu(with_unknown)).unwrap_err();
    assert_eq!(err.body().field.as_deref(), Some("本人"));
    assert!(s.chronological(&EventQuery::default()).unwrap().is_empty());

    let created = s.add_events(&nenmatsu(staff_ids.clone())).unwrap();
    assert_eq!(created.len(), 48);
    let persons: Vec<i64> = created.iter().filter_map(|e| e.person_id).collect();
    assert_eq!(persons, staff_ids);
    assert_eq!(s.chronological(&EventQuery::default()).unwrap().len(), 48);

    // A dependent goes with one person only; a person twice is refused.
    let mut dup = nenmatsu(vec![staff_ids[0], staff_ids[0]]);
    assert_eq!(
        s.add_events(&dup).unwrap_err().body().field.as_deref(),
        Some("本人")
    );
    dup.persons = vec![staff_ids[0], staff_ids[1]];
    dup.dependent = Some("誰か".into());
    assert_eq!(
        s.add_events(&dup).unwrap_err().body().field.as_deref(),
        Some("扶養家族")
    );
}

#[test]
fn a_correction_is_a_new_version_and_the_old_one_stays_readable() {
    let o = office();
    let mut s = o.officer();
    let p = staff(&mut s, "山田 一郎", "総務課");
    let e = s
        .add_events(&event(
            "use",
            "令和8年1月20日",
            "1",
            vec![p],
            use_fields("源泉徴収票を作成"),
        ))
        .unwrap()
        .remove(0);
    let no_reason = s
        .amend_event(e.id, " ", &EventChanges::default())
        .unwrap_err();
    assert_eq!(no_reason.body().field.as_deref(), Some("訂正の理由"));
    let nothing = s
        .amend_event(e.id, "念のため", &EventChanges::default())
        .unwrap_err();
    assert_eq!(nothing.body().field.as_deref(), Some("訂正内容"));

    let amended = s
        .amend_event(
            e.id,
            "日付の誤り",
            &EventChanges {
                date: Some("令和8年1月21日".into()),
                fields: EventFields {
                    note: Some("再作成".into()),
                    ..EventFields::default()
                },
                ..EventChanges::default()
            },
        )
        .unwrap();
    assert_eq!((amended.version, amended.amended), (2, true));
    assert_eq!(amended.reason.as_deref(), Some("日付の誤り"));
    assert_eq!(amended.fields.content.as_deref(), Some("源泉徴収票を作成"));

    let history = s.event_history(e.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].date_label, "令和8年1月20日");
    assert_eq!(history[0].reason, None);
    assert_eq!(history[1].date_label, "令和8年1月21日");
    assert_eq!(history[1].fields.note.as_deref(), Some("再作成"));

    let list = s.chronological(&EventQuery::default()).unwrap();
    assert_eq!(list.len(), 1, "the list shows the current version only");
    assert!(list[0].amended);
    assert_eq!(list[0].date_label, "令和8年1月21日");

    // A cleared note: an empty text removes it.
    let cleared = s
        .amend_event(
            e.id,
            "備考は不要",
            &EventChanges {
                fields: EventFields {
                    note: Some(String::new()),
                    ..EventFields::default()
                },
                ..EventChanges::default()
            },
        )
        .unwrap();
    assert_eq!((cleared.version, cleared.fields.note), (3, None));

    let audit = s.audit_list(20).unwrap();
    let amends = audit
        .iter()
        .filter(|a| a.action == "amend" && a.target == format!("event:{}", e.id))
        .count();
    assert_eq!(amends, 2);
    assert!(audit
        .iter()
        .any(|a| a.action == "read" && a.target == "events"));
}

#[test]
fn a_correction_of_the_kind_leaves_no_detail_of_the_old_kind() {
    let o = office();
    let mut s = o.officer();
    let p = staff(&mut s, "山田 一郎", "総務課");
    let take_out = s
        .add_events(&event(
            "take_out",
            "令和8年1月20日",
            "1",
            vec![p],
            EventFields {
                to: Some("税務署".into()),
                content: Some("源泉徴収票の提出".into()),
                measures: vec!["seal".into()],
                ..EventFields::default()
            },
        ))
        .unwrap()
        .remove(0);
    let hand_over = s
        .add_events(&event(
            "hand_over",
            "令和8年1月20日",
            "1",
            vec![p],
            EventFields {
                sealed: Some(true),
                content: Some("源泉徴収票".into()),
                ..EventFields::default()
            },
        ))
        .unwrap()
        .remove(0);
    let to_use = EventChanges {
        kind: Some("use".into()),
        ..EventChanges::default()
    };
    for id in [take_out.id, hand_over.id] {
        let used = s.amend_event(id, "種別の誤り", &to_use).unwrap();
        assert_eq!((used.kind.as_str(), used.version), ("use", 2));
        assert_eq!(used.fields.measures, Vec::<String>::new());
        assert_eq!((used.fields.to, used.fields.sealed), (None, None));
        assert!(used.fields.content.is_some(), "内容 stays");
    }
    // Back to 持出し: its details must be given again.
    let back = s
        .amend_event(
            take_out.id,
            "種別の誤り",
            &EventChanges {
                kind: Some("take_out".into()),
                ..EventChanges::default()
            },
        )
        .unwrap_err();
    assert_eq!(back.body().field.as_deref(), Some("持出先"));
}

#[test]
fn a_ledger_entry_keeps_its_number_and_its_versions() {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = o.officer();
    let first = s.add_ledger_entry(&ledger_entry()).unwrap();
    let mut second = ledger_entry();
    second.name = "給与所得者の扶養控除等（異動）申告書".into();
    second.electronic = true;
    let second = s.add_ledger_entry(&second).unwrap();
    assert_eq!((first.no, second.no), (1, 2));
    assert_eq!(second.medium_label, "電子データ");

    let err = s
        .amend_ledger_entry(1, "", &LedgerChanges::default())
        .unwrap_err();
    assert_eq!(err.body().field.as_deref(), Some("訂正の理由"));
    let amended = s
        .amend_ledger_entry(
            1,
            "担当者の追加",
            &LedgerChanges {
                handlers: Some(vec![OFFICER.into(), "sato".into()]),
                ..LedgerChanges::default()
            },
        )
        .unwrap();
    assert_eq!((amended.no, amended.version, amended.amended), (1, 2, true));
    let names: Vec<&str> = amended.handlers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["山田 太郎", "佐藤 花子"]);
    let history = s.ledger_history(1).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].handlers.len(), 1);
    let list = s.list_ledger().unwrap();
    assert_eq!(list.iter().map(|l| l.no).collect::<Vec<_>>(), [1, 2]);

    let unknown_owner = NewLedgerEntry {
        owner: "nobody".into(),
        ..ledger_entry()
    };
    let err = s.add_ledger_entry(&unknown_owner).unwrap_err();
    assert_eq!(err.body().field.as_deref(), Some("責任者"));
}

#[test]
fn filters_select_by_year_range_person_kind_affair_and_file() {
    let o = office();
    let mut s = o.officer();
    let a = staff(&mut s, "甲", "総務課");
    let b = staff(&mut s, "乙", "業務課");
    let no = s.add_ledger_entry(&ledger_entry()).unwrap().no;
    s.add_events(&event(
        "use",
        "令和7年3月31日",
        "1",
        vec![a],
        use_fields("R6年度の作成"),
    ))
    .unwrap();
    s.add_events(&event(
        "use",
        "令和7年4月1日",
        "1",
        vec![a, b],
        use_fields("R7年度の作成"),
    ))
    .unwrap();
    let mut rec = event(
        "record",
        "令和7年4月2日",
        "2",
        vec![b],
        EventFields::default(),
    );
    rec.file = Some(no);
    s.add_events(&rec).unwrap();

    let ids = |s: &mut Session, q: EventQuery| -> Vec<i64> {
        s.chronological(&q)
            .unwrap()
            .iter()
            .map(|r| r.event_id)
            .collect()
    };
    assert_eq!(
        ids(
            &mut s,
            EventQuery {
                fy: Some("令和6年度".into()),
                ..Default::default()
            }
        ),
        [1]
    );
    assert_eq!(
        ids(
            &mut s,
            EventQuery {
                fy: Some("R7".into()),
                ..Default::default()
            }
        ),
        [2, 3, 4]
    );
    assert_eq!(
        ids(
            &mut s,
            EventQuery {
                from: Some("2025-03-31".into()),
                to: Some("R7.4.1".into()),
                ..Default::default()
            }
        ),
        [1, 2, 3]
    );
    assert_eq!(
        ids(
            &mut s,
            EventQuery {
                person: Some(b),
                ..Default::default()
            }
        ),
        [3, 4]
    );
    assert_eq!(
        ids(
            &mut s,
            EventQuery {
                kind: Some("record".into()),
                ..Default::default()
            }
        ),
        [4]
    );
    assert_eq!(
        ids(
            &mut s,
            EventQuery {
                affair: Some("2".into()),
                ..Default::default()
            }
        ),
        [4]
    );
    assert_eq!(
        ids(
            &mut s,
            EventQuery {
                file: Some(no),
                ..Default::default()
            }
        ),
        [4]
    );
    assert_eq!(
        ids(
            &mut s,
            EventQuery {
                fy: Some("R7".into()),
                person: Some(a),
                ..Default::default()
            }
        ),
        [2]
    );
    let rows = s
        .lifecycle(&EventQuery {
            fy: Some("R7".into()),
            ..Default::default()
        })
        .unwrap();
    let keys: Vec<(i64, i64)> = rows.iter().map(|r| (r.affair_id, r.person_id)).collect();
    assert_eq!(keys, [(1, a), (1, b), (2, b)]);

    for (q, field) in [
        (
            EventQuery {
                fy: Some("来年".into()),
                ..Default::default()
            },
            "年度",
        ),
        (
            EventQuery {
                person: Some(99),
                ..Default::default()
            },
            "本人",
        ),
        (
            EventQuery {
                kind: Some("steal".into()),
                ..Default::default()
            },
            "種別",
        ),
        (
            EventQuery {
                affair: Some("ない事務".into()),
                ..Default::default()
            },
            "関係事務",
        ),
        (
            EventQuery {
                file: Some(9),
                ..Default::default()
            },
            "特定個人情報ファイル",
        ),
        (
            EventQuery {
                from: Some("R7.4.2".into()),
                to: Some("R7.4.1".into()),
                ..Default::default()
            },
            "終了日",
        ),
    ] {
        let err = s.chronological(&q).unwrap_err();
        assert_eq!(err.body().field.as_deref(), Some(field));
    }
}

#[test]
fn the_people_an_event_names_must_fit_their_part() {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    o.add_user("kansa", "高橋 監事", "auditor", "audit-pass-1");
    let mut s = o.officer();
    let p = staff(&mut s, "山田 一郎", "総務課");
    let delete = |witness: &str| {
        event(
            "delete",
            "令和8年3月31日",
            "1",
            vec![p],
            EventFields {
                content: Some("申告書データ".into()),
                method: Some("system_delete".into()),
                witness: Some(witness.into()),
                ..EventFields::default()
            },
        )
    };
    let field = |s: &mut Session, e: &NewEvent| s.add_events(e).unwrap_err().body().field;
    assert_eq!(field(&mut s, &delete(OFFICER)).as_deref(), Some("確認者"));
    assert_eq!(field(&mut s, &delete("nobody")).as_deref(), Some("確認者"));
    assert!(s.add_events(&delete("sato")).is_ok());

    // An auditor handles no data: not as the clerk of an event either.
    let mut by_auditor = event("use", "令和8年3月31日", "1", vec![p], use_fields("作成"));
    by_auditor.clerk = Some("kansa".into());
    assert_eq!(field(&mut s, &by_auditor).as_deref(), Some("担当"));

    let correct = |officer: &str| {
        event(
            "correct",
            "令和8年3月31日",
            "1",
            vec![p],
            EventFields {
                content: Some("扶養家族の氏名".into()),
                correction_reason: Some("婚姻による改姓".into()),
                requester: Some("本人".into()),
                officer: Some(officer.into()),
                ..EventFields::default()
            },
        )
    };
    assert_eq!(field(&mut s, &correct("sato")).as_deref(), Some("責任者"));
    assert!(s.add_events(&correct(OFFICER)).is_ok());
    s.logout().unwrap();

    let mut auditor = o.login("kansa", "audit-pass-1");
    let err = auditor
        .add_events(&event(
            "use",
            "令和8年3月31日",
            "1",
            vec![p],
            use_fields("作成"),
        ))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
    assert_eq!(
        auditor
            .add_ledger_entry(&ledger_entry())
            .unwrap_err()
            .code(),
        ErrorCode::Forbidden
    );
    assert_eq!(
        auditor
            .amend_event(1, "理由", &EventChanges::default())
            .unwrap_err()
            .code(),
        ErrorCode::Forbidden
    );
    // The auditor reads.
    assert_eq!(
        auditor.chronological(&EventQuery::default()).unwrap().len(),
        2
    );
}

#[test]
fn a_my_number_in_any_event_field_is_refused_and_never_echoed() {
    let o = office();
    let mut s = o.officer();
    let p = staff(&mut s, "山田 一郎", "総務課");
    let number = "１２３４-５６７８-９０１８";
    let base = event("use", "令和8年3月1日", "1", vec![p], use_fields("作成"));
    let cases: Vec<(NewEvent, &str)> = vec![
        (
            event("use", "令和8年3月1日", "1", vec![p], use_fields(number)),
            "利用の内容",
        ),
        (
            NewEvent {
                fields: EventFields {
                    note: Some(format!("番号は{number}です")),
                    ..use_fields("作成")
                },
                ..base.clone()
            },
            "備考",
        ),
        (
            NewEvent {
                affair: number.into(),
                ..base.clone()
            },
            "関係事務",
        ),
        (
            NewEvent {
                persons: vec![123_456_789_018, 123_456_789_018],
                ..base.clone()
            },
            "本人",
        ),
        (
            NewEvent {
                persons: vec![123_456_789_018],
                ..base.clone()
            },
            "本人",
        ),
        (
            NewEvent {
                file: Some(123_456_789_018),
                ..base.clone()
            },
            "特定個人情報ファイル",
        ),
        (
            NewEvent {
                dependent: Some(number.into()),
                ..base.clone()
            },
            "扶養家族",
        ),
    ];
    for (e, field) in cases {
        let body = s.add_events(&e).unwrap_err().body();
        assert_eq!(body.field.as_deref(), Some(field));
        assert!(body.message.contains("個人番号"), "{}", body.message);
        assert!(!body.message.contains("9018") && !body.message.contains("９０１８"));
    }
    let err = s.event(123_456_789_018).unwrap_err().body();
    assert!(!err.message.contains("9018"), "{}", err.message);
    assert!(s.chronological(&EventQuery::default()).unwrap().is_empty());
    let audit = s.audit_list(100).unwrap();
    assert!(audit
        .iter()
        .all(|a| !a.detail.contains("9018") && !a.target.contains("9018")));
}

/// Under the 西暦 setting, an event, its history and the list all say 2026年, not 令和.
#[test]
fn the_seireki_setting_is_honoured_by_the_event_and_its_history() {
    let o = office();
    let mut s = o.officer();
    s.add_affair("給与所得の源泉徴収票", None).unwrap();
    let p = staff(&mut s, "鈴木 一郎", "総務課");
    s.set_date_style("seireki").unwrap();
    let id = s
        .add_events(&event(
            "use",
            "令和8年3月16日",
            "給与所得の源泉徴収票",
            vec![p],
            use_fields("年末調整"),
        ))
        .unwrap()[0]
        .id;
    let shown = s.event(id).unwrap();
    let history = s.event_history(id).unwrap();
    for label in std::iter::once(&shown.date_label).chain(history.iter().map(|v| &v.date_label)) {
        assert!(label.contains("2026"), "{label}");
        assert!(!label.contains("令和"), "{label}");
    }
}
