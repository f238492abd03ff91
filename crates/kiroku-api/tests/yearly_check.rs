//! 取扱状況の点検（監査） through the API: on an office with planted faults (an acquisition
//! without 本人確認方法, an overdue 保存文書, a contractor not evaluated for 13 months, a user who
//! left but is still enabled, 5 failed logins) each auto item reports exactly those faults and
//! their records, and on a clean office none; the sign-offs go in order and by role and 確認
//! freezes the report; last year's open actions are carried over; the PDF reads back; the
//! reminders appear on the day their trigger falls and not the day before.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use common::*;
use kiroku_api::{
    CheckActionRequest, CheckAnswerRequest, CheckPrintRequest, CheckSignRequest, CheckView,
    ErrorCode, EventFields, ImportRequest, NewCheckRequest, NewContractor, NewDocument, NewEvent,
    NewLedgerEntry, NewPerson, Session,
};
use kiroku_core::clock::Clock;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Moves the clock so that today (JST) is `day`.
fn move_to(o: &Office, day: NaiveDate) {
    let today = (o.clock.now() + Duration::hours(9)).date_naive();
    o.clock.advance(Duration::days((day - today).num_days()));
}

const III_ALL_A: &str = "1=A,2=A,3=A,4=A,5=A,6=A";

fn pairs(text: &str) -> Vec<(String, String)> {
    text.split(',')
        .map(|p| p.split_once('=').unwrap())
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn evaluate(s: &mut Session, contractor: i64, re: bool) {
    let e = s.new_evaluation(contractor, re, None).unwrap();
    s.set_judgments(e.id, &pairs(III_ALL_A), &[]).unwrap();
    s.finalize_evaluation(e.id).unwrap();
}

/// What an office is made of for the check.
struct Made {
    person: i64,
    file: i64,
    contractor: i64,
    affair: String,
}

/// An office from 2026-04-01: a clerk 佐藤 花子 (also a 本人 on the staff list), a 台帳 file, a
/// 本人, a contractor evaluated on the first day, a declaration kept under its rule.
fn office_for_check(o: &Office) -> Made {
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = o.officer();
    let affair = s.list_affairs().unwrap()[0].name.clone();
    let person = s
        .add_person(&NewPerson {
            kind: "staff".into(),
            name: "田中 一郎".into(),
            dept: Some("総務課".into()),
            ..NewPerson::default()
        })
        .unwrap()
        .id;
    s.add_person(&NewPerson {
        kind: "staff".into(),
        name: "佐藤 花子".into(),
        dept: Some("業務課".into()),
        ..NewPerson::default()
    })
    .unwrap();
    let mut e = NewLedgerEntry::default();
    (e.name, e.electronic) = ("扶養控除等申告書綴".into(), false);
    (e.scope, e.purpose) = ("役職員の個人番号、氏名".into(), "年末調整".into());
    (e.dept, e.owner, e.handlers) = ("総務課".into(), OFFICER.into(), vec![OFFICER.into()]);
    (e.retention, e.disposal) = ("翌年1月10日の翌日から7年".into(), "shred".into());
    e.location = "総務課キャビネット（施錠可）".into();
    let file = s.add_ledger_entry(&e).unwrap().no;
    let contractor = s
        .add_contractor(&NewContractor {
            name: "○○倉庫株式会社".into(),
            pattern: "III".into(),
            ..NewContractor::default()
        })
        .unwrap()
        .id;
    evaluate(&mut s, contractor, false);
    s.add_document(&NewDocument {
        name: "令和8年分 扶養控除等申告書".into(),
        file,
        rule: "給与所得者の扶養控除等（異動）申告書".into(),
        base_date: "令和8年12月1日".into(),
        ..NewDocument::default()
    })
    .unwrap();
    s.logout().unwrap();
    Made {
        person,
        file,
        contractor,
        affair,
    }
}

/// The year's ordinary work in 令和9年度: an acquisition with its 本人確認方法, a backup.
fn ordinary_year(o: &Office, m: &Made) {
    move_to(o, d(2027, 4, 5));
    let mut s = o.officer();
    s.add_events(&NewEvent {
        kind: "acquire".into(),
        date: "令和9年4月5日".into(),
        affair: m.affair.clone(),
        persons: vec![m.person],
        file: Some(m.file),
        fields: EventFields {
            source: Some("person".into()),
            method: Some("mynumber_card".into()),
            ..EventFields::default()
        },
        ..NewEvent::default()
    })
    .unwrap();
    s.logout().unwrap();
}

/// The day of the check: everyone logs in, a backup is made, the yearly check of 令和9年度
/// begins.
fn check_day(o: &Office) -> (Session, CheckView) {
    move_to(o, d(2027, 5, 15));
    o.login("sato", "clerk-pass-1").logout().unwrap();
    let mut s = o.officer();
    s.backup(&o.dir.path().join("backup.kiroku-backup"))
        .unwrap();
    let v = s
        .new_check(&NewCheckRequest {
            fy: Some("令和9年度".into()),
            adhoc: false,
        })
        .unwrap();
    (s, v)
}

/// The targets of each auto item's findings.
fn found(v: &CheckView) -> BTreeMap<String, Vec<String>> {
    v.items
        .iter()
        .filter(|i| i.auto)
        .map(|i| {
            (
                i.id.clone(),
                i.findings.iter().map(|f| f.target.clone()).collect(),
            )
        })
        .collect()
}

fn only(pairs: &[(&str, Vec<String>)]) -> BTreeMap<String, Vec<String>> {
    (1..=14)
        .map(|n| {
            let id = format!("A{n}");
            let want = pairs
                .iter()
                .find(|(k, _)| *k == id)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            (id, want)
        })
        .collect()
}

#[test]
fn on_a_clean_office_no_auto_item_finds_a_fault() {
    let o = office();
    let m = office_for_check(&o);
    ordinary_year(&o, &m);
    // Re-evaluated within the year.
    move_to(&o, d(2027, 4, 10));
    let mut s = o.officer();
    evaluate(&mut s, m.contractor, true);
    s.logout().unwrap();
    let (_s, v) = check_day(&o);
    assert_eq!(found(&v), only(&[]), "{:#?}", v.items);
    let a1 = &v.items[0];
    assert_eq!(a1.result.as_deref(), Some("適"));
    assert!(!a1.answered, "a suggestion until someone answers");
    assert!(
        a1.figure.as_deref().unwrap().contains("取扱記録 1件"),
        "{:?}",
        a1.figure
    );
    let a8 = v.items.iter().find(|i| i.id == "A8").unwrap();
    assert!(
        a8.figure.as_deref().unwrap().contains("正常"),
        "{:?}",
        a8.figure
    );
    assert_eq!(v.head_hash.as_ref().map(String::len), Some(64));
    // Items by hand wait for their answer.
    let m1 = v.items.iter().find(|i| i.id == "M1").unwrap();
    assert_eq!((m1.auto, m1.result.as_deref()), (false, None));
}

#[test]
fn on_an_office_with_planted_faults_each_auto_item_names_exactly_those() {
    let o = office();
    let m = office_for_check(&o);
    let mut s = o.officer();
    // An overdue 保存文書: 雇用保険 papers completed on 2024-03-31, to be disposed of by
    // 2027-03-31.
    let overdue = s
        .add_document(&NewDocument {
            name: "雇用保険 資格取得届 控え".into(),
            file: m.file,
            rule: "雇用保険 その他の書類".into(),
            base_date: "令和6年3月31日".into(),
            ..NewDocument::default()
        })
        .unwrap()
        .id;
    s.logout().unwrap();
    ordinary_year(&o, &m);
    let mut s = o.officer();
    // An acquisition imported from a sheet whose 本人確認方法 was left empty.
    let sheet = o.dir.path().join("取扱記録表.csv");
    std::fs::write(
        &sheet,
        format!(
            "関係事務,従業員氏名,所属,扶養家族氏名,個人番号取得日,本人確認方法,特定個人情報ファイルへの記載日等,担当,特定個人情報の利用及び持出,廃棄・削除日\n{},田中 一郎,総務課,,令和9年4月6日,,,,,\n",
            m.affair
        ),
    )
    .unwrap();
    let report = s
        .import(&ImportRequest {
            kind: "events".into(),
            from: sheet.display().to_string(),
            ..ImportRequest::default()
        })
        .unwrap();
    assert_eq!(report.added, 1);
    let imported = s
        .chronological(&kiroku_api::EventQuery::default())
        .unwrap()
        .into_iter()
        .find(|r| r.date == d(2027, 4, 6))
        .unwrap()
        .event_id;
    // 佐藤 花子 left on 31 March; her login stays enabled.
    let sato = s
        .list_persons()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "佐藤 花子")
        .unwrap()
        .id;
    s.person_leave(sato, "令和9年3月31日").unwrap();
    s.logout().unwrap();
    // Five failed logins in a row, then the right password.
    move_to(&o, d(2027, 5, 14));
    for _ in 0..5 {
        let _ = kiroku_api::login(&o.env, &o.vault, "sato", "wrong-password");
        o.clock.advance(Duration::minutes(5));
    }
    let (session, report) = kiroku_api::login(&o.env, &o.vault, "sato", "clerk-pass-1").unwrap();
    assert_eq!(report.failed_logins.unwrap().count, 5);
    session.logout().unwrap();

    let (mut s, v) = check_day(&o);
    let got = found(&v);
    assert_eq!(
        got,
        only(&[
            ("A1", vec![format!("event:{imported}")]),
            ("A3", vec![format!("document:{overdue}")]),
            ("A5", vec![format!("contractor:{}", m.contractor)]),
            ("A6", vec!["user:sato".to_owned()]),
            ("A7", vec![got["A7"].first().cloned().unwrap_or_default()]),
        ]),
        "{:#?}",
        v.items
    );
    let text = |id: &str| {
        v.items
            .iter()
            .find(|i| i.id == id)
            .unwrap()
            .findings
            .iter()
            .map(|f| f.text.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        text("A1").contains("本人確認方法の記載なし"),
        "{}",
        text("A1")
    );
    assert!(
        text("A3").contains("雇用保険 資格取得届 控え"),
        "{}",
        text("A3")
    );
    assert!(text("A5").contains("再評価"), "{}", text("A5"));
    assert!(text("A6").contains("退職"), "{}", text("A6"));
    assert!(text("A7").contains("5回"), "{}", text("A7"));
    assert!(got["A7"][0].starts_with("audit:"), "{:?}", got["A7"]);
    for id in ["A1", "A3", "A5", "A6", "A7"] {
        let item = v.items.iter().find(|i| i.id == id).unwrap();
        assert_eq!(item.result.as_deref(), Some("不適"), "{id}");
    }
    // The signer's answer replaces the suggestion; the earlier answer stays in the chain.
    let v = s
        .answer_check(&CheckAnswerRequest {
            id: v.id,
            item: "A7".into(),
            result: "適".into(),
            note: Some("本人の入力誤り。本人に確認済み".into()),
        })
        .unwrap();
    let a7 = v.items.iter().find(|i| i.id == "A7").unwrap();
    assert_eq!((a7.result.as_deref(), a7.answered), (Some("適"), true));
    let bad = s.answer_check(&CheckAnswerRequest {
        id: v.id,
        item: "M1".into(),
        result: "まあまあ".into(),
        note: None,
    });
    assert!(bad.unwrap_err().to_string().contains("結果は「適」"));
}

#[test]
fn sign_offs_go_in_order_by_role_and_confirmation_freezes_the_report() {
    let o = office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    o.add_user("kansa", "高橋 監事", "auditor", "audit-pass-1");
    let mut clerk = o.login("sato", "clerk-pass-1");
    let v = clerk.new_check(&NewCheckRequest::default()).unwrap();
    let sign = |s: &mut Session, step: &str| {
        s.sign_check(&CheckSignRequest {
            id: v.id,
            step: step.into(),
            opinion: Some("適正に取り扱われている。".into()),
            name: Some("理事長 鈴木 一郎".into()),
        })
    };
    // The clerk writes and signs 作成, and may not 確認.
    clerk
        .answer_check(&CheckAnswerRequest {
            id: v.id,
            item: "M1".into(),
            result: "不適".into(),
            note: Some("取扱区域の鍵を共用している".into()),
        })
        .unwrap();
    clerk
        .add_check_action(&CheckActionRequest {
            id: v.id,
            what: "取扱区域の鍵を担当者ごとにする".into(),
            owner: "佐藤 花子".into(),
            due: "令和8年6月30日".into(),
        })
        .unwrap();
    assert_eq!(
        sign(&mut clerk, "officer").unwrap_err().body().code,
        ErrorCode::Forbidden
    );
    let signed = sign(&mut clerk, "creator").unwrap();
    assert_eq!(signed.signoffs[0].name, "佐藤 花子");
    assert!(!signed.frozen);
    clerk.logout().unwrap();

    // The auditor writes nothing but its opinion, and that only after 確認.
    let mut auditor = o.login("kansa", "audit-pass-1");
    assert_eq!(
        auditor
            .answer_check(&CheckAnswerRequest {
                id: v.id,
                item: "M2".into(),
                result: "適".into(),
                note: None,
            })
            .unwrap_err()
            .body()
            .code,
        ErrorCode::Forbidden
    );
    let early = sign(&mut auditor, "auditor").unwrap_err().to_string();
    assert!(early.contains("確認が必要"), "{early}");
    auditor.logout().unwrap();

    let mut s = o.officer();
    let frozen = sign(&mut s, "officer").unwrap();
    assert!(frozen.frozen);
    let items_then = frozen.items.clone();
    // Nothing changes after 確認: answers, new actions refused; the figures stay as read.
    let late = s
        .answer_check(&CheckAnswerRequest {
            id: v.id,
            item: "M1".into(),
            result: "適".into(),
            note: None,
        })
        .unwrap_err();
    assert_eq!(late.body().code, ErrorCode::Conflict);
    assert!(late.to_string().contains("追記"), "{late}");
    assert_eq!(
        s.add_check_action(&CheckActionRequest {
            id: v.id,
            what: "x".into(),
            owner: "y".into(),
            due: "令和8年7月1日".into(),
        })
        .unwrap_err()
        .body()
        .code,
        ErrorCode::Conflict
    );
    s.add_person(&NewPerson {
        kind: "staff".into(),
        name: "新人 一郎".into(),
        ..NewPerson::default()
    })
    .unwrap();
    o.clock.advance(Duration::days(1));
    let later = s.check(v.id).unwrap();
    assert_eq!(later.items, items_then, "frozen at 確認");
    let added = s.add_check_addendum(v.id, "6月に鍵を交換した。").unwrap();
    assert_eq!(added.addenda[0].text, "6月に鍵を交換した。");
    // 決裁 is the head's name as the officer types it.
    let head = sign(&mut s, "head").unwrap();
    assert_eq!(head.signoffs.last().unwrap().name, "理事長 鈴木 一郎");
    assert_eq!(
        sign(&mut s, "head").unwrap_err().body().code,
        ErrorCode::Forbidden
    );
    s.logout().unwrap();

    let mut auditor = o.login("kansa", "audit-pass-1");
    let opinion = sign(&mut auditor, "auditor").unwrap();
    let a = opinion
        .signoffs
        .iter()
        .find(|s| s.step == "auditor")
        .unwrap();
    assert_eq!(
        (a.name.as_str(), a.opinion.as_deref()),
        ("高橋 監事", Some("適正に取り扱われている。"))
    );
}

#[test]
fn last_years_open_actions_are_carried_into_this_years_check() {
    let o = office();
    let mut s = o.officer();
    let last = s.new_check(&NewCheckRequest::default()).unwrap();
    for (what, due) in [
        ("廃棄簿の様式を見直す", "令和8年9月30日"),
        ("研修を行う", "令和8年12月31日"),
    ] {
        s.add_check_action(&CheckActionRequest {
            id: last.id,
            what: what.into(),
            owner: "山田 太郎".into(),
            due: due.into(),
        })
        .unwrap();
    }
    let done = s.check(last.id).unwrap().actions[0].id;
    s.complete_check_action(done, "令和8年9月1日").unwrap();
    // The same 年度 has one yearly check; a second is 臨時.
    let twice = s.new_check(&NewCheckRequest::default()).unwrap_err();
    assert_eq!(twice.body().code, ErrorCode::AlreadyExists);
    move_to(&o, d(2027, 4, 20));
    let this = s.new_check(&NewCheckRequest::default()).unwrap();
    assert_eq!(this.fy_label, "令和9年度");
    let carried: Vec<&str> = this.carried.iter().map(|a| a.what.as_str()).collect();
    assert_eq!(carried, ["研修を行う"]);
    assert!(this.carried[0].overdue);
    // Done from this year's check, it is carried no more.
    s.complete_check_action(this.carried[0].id, "").unwrap();
    assert!(s.check(this.id).unwrap().carried.is_empty());
}

#[test]
fn the_report_prints_with_its_items_actions_and_sign_offs() {
    let o = office();
    let mut s = o.officer();
    let v = s.new_check(&NewCheckRequest::default()).unwrap();
    s.answer_check(&CheckAnswerRequest {
        id: v.id,
        item: "M4".into(),
        result: "該当なし".into(),
        note: Some("利用目的はホームページで公表済み".into()),
    })
    .unwrap();
    s.add_check_action(&CheckActionRequest {
        id: v.id,
        what: "USBメモリの管理簿を作る".into(),
        owner: "山田 太郎".into(),
        due: "令和8年10月31日".into(),
    })
    .unwrap();
    s.sign_check(&CheckSignRequest {
        id: v.id,
        step: "creator".into(),
        ..CheckSignRequest::default()
    })
    .unwrap();
    let out = o.dir.path().join("点検.pdf");
    let report = s
        .print_check(&CheckPrintRequest {
            id: v.id,
            out: out.display().to_string(),
        })
        .unwrap();
    assert!(report.pages >= 2, "{report:?}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    let text = pdf_text(&out);
    for want in [
        "令和8年度特定個人情報等の取扱状況の点検（監査）結果報告書",
        "テスト広域事務組合",
        "A1",
        "M10",
        "001第11条",
        "利用目的はホームページで公表済み",
        "USBメモリの管理簿を作る",
        "山田太郎",
        "添付1取扱記録の件数",
        "添付5監査ログの検証",
    ] {
        assert!(text.contains(want), "{want} not in the PDF: {text}");
    }
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(path)
        .arg("-")
        .output_retried()
        .expect("pdftotext (poppler-utils) is needed by these tests");
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn reminder_kinds(s: &mut Session) -> Vec<String> {
    s.reminders().unwrap().into_iter().map(|r| r.kind).collect()
}

#[test]
fn reminders_appear_on_the_day_their_trigger_falls_and_can_be_put_aside() {
    let o = office();
    let mut s = o.officer();
    // A backup on the first day: the reminder comes 30 days later.
    s.backup(&o.dir.path().join("b.kiroku-backup")).unwrap();
    assert!(!reminder_kinds(&mut s).contains(&"backup".to_owned()));
    move_to(&o, d(2026, 4, 30));
    assert!(!reminder_kinds(&mut s).contains(&"backup".to_owned()));
    move_to(&o, d(2026, 5, 1));
    let r = s.reminders().unwrap();
    let backup = r.iter().find(|r| r.kind == "backup").unwrap();
    assert_eq!(backup.screen, "settings");
    // Put aside for 7 days: back on the 8th.
    s.dismiss_reminder(&backup.key, None).unwrap();
    assert!(!reminder_kinds(&mut s).contains(&"backup".to_owned()));
    move_to(&o, d(2026, 5, 8));
    assert!(reminder_kinds(&mut s).contains(&"backup".to_owned()));
    s.backup(&o.dir.path().join("b2.kiroku-backup")).unwrap();

    // The yearly check: not done by the end of May → from 1 June.
    move_to(&o, d(2026, 5, 31));
    assert!(!reminder_kinds(&mut s).contains(&"yearly_check".to_owned()));
    move_to(&o, d(2026, 6, 1));
    assert!(reminder_kinds(&mut s).contains(&"yearly_check".to_owned()));
    // An improvement action past its 期限: from the day after.
    let v = s.new_check(&NewCheckRequest::default()).unwrap();
    s.add_check_action(&CheckActionRequest {
        id: v.id,
        what: "鍵の管理簿を作る".into(),
        owner: "山田 太郎".into(),
        due: "令和8年6月10日".into(),
    })
    .unwrap();
    move_to(&o, d(2026, 6, 10));
    assert!(!reminder_kinds(&mut s).contains(&"improvement_action".to_owned()));
    move_to(&o, d(2026, 6, 11));
    assert!(reminder_kinds(&mut s).contains(&"improvement_action".to_owned()));
    // Confirmed: the check's reminder goes.
    s.sign_check(&CheckSignRequest {
        id: v.id,
        step: "creator".into(),
        ..CheckSignRequest::default()
    })
    .unwrap();
    s.sign_check(&CheckSignRequest {
        id: v.id,
        step: "officer".into(),
        ..CheckSignRequest::default()
    })
    .unwrap();
    assert!(!reminder_kinds(&mut s).contains(&"yearly_check".to_owned()));
    // The reminders are on the home screen too.
    let home = s.dashboard().unwrap();
    assert!(home
        .reminders
        .iter()
        .any(|r| r.kind == "improvement_action"));
}
