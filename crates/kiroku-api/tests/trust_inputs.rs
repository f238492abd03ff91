//! Issue 13 (1, 2, 9): the My Number guard cannot be slipped by neighbouring numbers or hidden
//! characters, handling dates cannot fall before My Numbers existed or into the first century,
//! and names cannot hide bidi controls or invisible characters.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use kiroku_api::{EventChanges, EventFields, NewDependent, NewEvent, NewPerson, Session};

fn person(s: &mut Session, name: &str) -> Result<i64, kiroku_api::ApiError> {
    s.add_person(&NewPerson {
        kind: "staff".into(),
        name: name.into(),
        dept: Some("総務課".into()),
        employer: None,
        kana: None,
    })
    .map(|p| p.id)
}

fn use_event(date: &str, person: i64, note: Option<&str>) -> NewEvent {
    NewEvent {
        kind: "use".into(),
        date: date.into(),
        affair: "1".into(),
        persons: vec![person],
        fields: EventFields {
            content: Some("源泉徴収票を作成".into()),
            note: note.map(str::to_owned),
            ..EventFields::default()
        },
        ..NewEvent::default()
    }
}

#[test]
fn handling_dates_before_my_numbers_or_in_the_first_century_are_refused() {
    let o = office();
    let mut s = o.officer();
    let p = person(&mut s, "山田 一郎").unwrap();
    for date in [
        "1999-01-01",
        "0007-04-01",
        "H27.10.4",
        "1868-10-23",
        "100.4.1",
    ] {
        let body = s.add_events(&use_event(date, p, None)).unwrap_err().body();
        assert_eq!(body.field.as_deref(), Some("日付"), "{date}");
    }
    let body = s
        .add_events(&use_event("1999-01-01", p, None))
        .unwrap_err()
        .body();
    assert!(body.message.contains("個人番号の通知"), "{}", body.message);

    // A year without an era is 令和: 7.4.1 is 2025-04-01, not the year 7.
    let e = s
        .add_events(&use_event("7.4.1", p, None))
        .unwrap()
        .remove(0);
    assert_eq!(e.date.to_string(), "2025-04-01");
    assert_eq!(e.date_label, "令和7年4月1日");

    let amend = |date: &str| EventChanges {
        date: Some(date.into()),
        ..EventChanges::default()
    };
    let body = s
        .amend_event(e.id, "日付の誤り", &amend("1999-01-01"))
        .unwrap_err()
        .body();
    assert_eq!(body.field.as_deref(), Some("日付"));
    let amended = s.amend_event(e.id, "日付の誤り", &amend("元.5.1")).unwrap();
    assert_eq!(amended.date.to_string(), "2019-05-01");
}

#[test]
fn a_number_beside_other_numbers_or_hidden_by_invisible_characters_is_refused() {
    let o = office();
    let mut s = o.officer();
    let p = person(&mut s, "山田 一郎").unwrap();
    for note in [
        "年末調整 2025-04-01 528473910645",
        "No.1 528473910645",
        "528473910645 03-1234-5678",
        "5284\u{200B}7391\u{200B}0645",
        "五二八四七三九一〇六四五",
    ] {
        let body = s
            .add_events(&use_event("令和8年3月1日", p, Some(note)))
            .unwrap_err()
            .body();
        assert_eq!(body.field.as_deref(), Some("備考"), "{note}");
        assert!(!body.message.contains("0645"), "{}", body.message);
    }
    s.add_events(&use_event(
        "令和8年3月1日",
        p,
        Some("法人番号 1234567890123 03-1234-5678"),
    ))
    .unwrap();
}

#[test]
fn names_refuse_bidi_controls_and_invisible_characters_but_keep_ivs() {
    let o = office();
    let mut s = o.officer();
    let body = person(&mut s, "山田\u{202E}一郎").unwrap_err().body();
    assert_eq!(body.field.as_deref(), Some("氏名"));
    assert!(body.message.contains("U+202E"), "{}", body.message);
    assert!(body.message.contains("打ち直して"), "{}", body.message);
    let body = person(&mut s, "山田\u{200B}一郎").unwrap_err().body();
    assert!(body.message.contains("見えない"), "{}", body.message);

    let kuzu = "葛\u{E0100}西 花子";
    let p = person(&mut s, kuzu).unwrap();
    assert_eq!(s.person(p).unwrap().name, kuzu);

    let body = s
        .add_dependent(
            p,
            &NewDependent {
                name: "\u{FEFF}葛西 太郎".into(),
                relation: "長男".into(),
            },
        )
        .unwrap_err()
        .body();
    assert_eq!(body.field.as_deref(), Some("扶養家族氏名"));
    let body = s.add_affair("給与\u{2066}所得", None).unwrap_err().body();
    assert_eq!(body.field.as_deref(), Some("関係事務"));
}
