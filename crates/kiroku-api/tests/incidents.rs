//! 漏えい等の事案 through the API: a clerk's 第一報, the officer's facts and the decision with its
//! deadlines, an override with its reason (both kept), a filing refused before the decision is
//! confirmed, filings, 本人への通知, closing; an auditor writes nothing; bad input is refused
//! naming the field, a 個人番号 never echoed.
#![allow(clippy::unwrap_used)]

mod common;
use common::OutputRetried;

use chrono::NaiveDate;
use kiroku_api::{
    CloseIncidentRequest, ConfirmIncidentRequest, FileReportRequest, IncidentChanges, NewIncident,
    NewPerson, NotifyPersonsRequest, Session,
};

fn first_report() -> NewIncident {
    NewIncident {
        finder: "佐藤 花子".into(),
        // 2026-03-27, a Friday; the test clock's today is 2026-04-01.
        known_on: "令和8年3月27日".into(),
        known_time: Some("１６：４０".into()),
        what: "扶養控除等申告書を入れた封筒を郵送先を誤って送付した".into(),
        medium: "紙".into(),
        place: Some("総務課".into()),
    }
}

fn persons(s: &mut Session, names: &[&str]) -> Vec<i64> {
    names
        .iter()
        .map(|n| {
            s.add_person(&NewPerson {
                kind: "staff".into(),
                name: (*n).into(),
                dept: Some("総務課".into()),
                employer: None,
                kana: None,
            })
            .unwrap()
            .id
        })
        .collect()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn a_clerks_first_report_the_officers_decision_filings_letters_and_closing() {
    let o = common::office();
    o.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    o.add_user("kansa", "高橋 監事", "auditor", "audit-pass-1");

    // 第一報 by a clerk: the clock starts on 知った日.
    let mut clerk = o.login("sato", "clerk-pass-1");
    let first = clerk.report_incident(&first_report()).unwrap();
    assert_eq!(first.status_label, "対応中");
    assert_eq!(first.known_time.as_deref(), Some("16:40"));
    // Nothing established yet: not reportable so far, no deadlines.
    assert!(!first.reportable);
    let id = first.id;
    // The clerk may not establish the facts.
    let err = clerk
        .update_incident(
            id,
            &IncidentChanges {
                reason: "事実確認".into(),
                situations: Some(vec!["leak".into()]),
                ..IncidentChanges::default()
            },
        )
        .unwrap_err()
        .body();
    assert_eq!(err.code, kiroku_api::ErrorCode::Forbidden);

    // The officer's facts: a 漏えい of at most 150 persons, three of them known by name.
    let mut s = o.officer();
    let three = persons(&mut s, &["田村 千尋", "鈴木 一郎", "山本 花子"]);
    let v = s
        .update_incident(
            id,
            &IncidentChanges {
                reason: "事実確認".into(),
                situations: Some(vec!["漏えい".into()]),
                persons_count: Some("150".into()),
                persons_confirmed: Some(false),
                person_ids: Some(three.clone()),
                items: Some("氏名、個人番号、扶養親族の氏名".into()),
                cause: Some("宛名の確認漏れ".into()),
                cause_actor: Some("staff".into()),
                ..IncidentChanges::default()
            },
        )
        .unwrap();
    assert_eq!(v.version, 2);
    assert!(v.reportable);
    assert_eq!(v.basis, ["規則第2条4号", "個人情報保護法（100人超）"]);
    assert!(v
        .decision
        .rows
        .iter()
        .any(|g| g.code == "規則第2条4号" && g.applies && g.reason.contains("最大150人")));
    // 30 days from 3/27 (day 1): day 30 is 4/25, a Saturday → Monday 4/27. 速報 day 5 = 3/31:
    // overdue today (4/1), so urgent.
    let d = v.deadlines.clone().unwrap();
    assert_eq!(d.sokuho_due, date("2026-03-31"));
    assert_eq!(d.kakuho_due, date("2026-04-27"));
    assert_eq!(d.kakuho_moved_because.as_deref(), Some("土曜日"));
    assert_eq!(d.sokuho_days_left, Some(-1));
    assert!(d.urgent);
    assert_eq!(v.kakuho_due, Some(date("2026-04-27")));
    assert_eq!(v.persons.len(), 3);

    // A filing before the decision is confirmed is refused.
    let report = |kind: &str| FileReportRequest {
        id,
        kind: kind.into(),
        recipient: "ppc".into(),
        filed_on: "令和8年4月1日".into(),
        receipt_no: Some("R8-0401-001".into()),
        note: None,
    };
    let err = s
        .file_incident_report(&report("sokuho"))
        .unwrap_err()
        .body();
    assert!(err.message.contains("判定を確認する前"), "{}", err.message);

    // An override needs its reason; then both the computed decision and the officer's are kept.
    let err = s
        .confirm_incident(&ConfirmIncidentRequest {
            id,
            kakuho_days: Some(60),
            ..ConfirmIncidentRequest::default()
        })
        .unwrap_err()
        .body();
    assert_eq!(err.field.as_deref(), Some("判断の理由"));
    let v = s
        .confirm_incident(&ConfirmIncidentRequest {
            id,
            reportable: None,
            kakuho_days: Some(60),
            reason: Some("不正の目的の有無を調査中のため".into()),
        })
        .unwrap();
    assert_eq!(v.decision.kakuho_days, 30, "the computed decision is kept");
    let a = v.assessment.clone().unwrap();
    assert_eq!(
        (a.kakuho_days, a.override_reason.as_deref()),
        (60, Some("不正の目的の有無を調査中のため"))
    );
    assert_eq!(v.kakuho_due, Some(date("2026-05-25")));
    assert!(v
        .reasons
        .iter()
        .any(|r| r.contains("不正の目的の有無を調査中")));

    // The 速報, then the 確報: the deadlines are met and the incident is 報告済.
    let v = s.file_incident_report(&report("sokuho")).unwrap();
    assert!(v.deadlines.as_ref().unwrap().sokuho_done);
    assert_eq!(v.deadlines.as_ref().unwrap().sokuho_days_left, None);
    assert_eq!(v.status_label, "対応中");
    let v = s.file_incident_report(&report("確報")).unwrap();
    assert_eq!(v.status_label, "報告済");
    assert!(!v.deadlines.as_ref().unwrap().urgent);
    assert_eq!(v.reports.len(), 2);
    assert_eq!(v.reports[1].recipient_label, "個人情報保護委員会");

    // 本人への通知 to the three; then closed, after which nothing changes.
    let v = s
        .notify_incident_persons(&NotifyPersonsRequest {
            id,
            persons: three.clone(),
            method: "post".into(),
            notified_on: "令和8年4月1日".into(),
        })
        .unwrap();
    assert_eq!(v.notices.len(), 3);
    assert_eq!(v.notices[0].person, "田村 千尋");
    let v = s
        .close_incident(&CloseIncidentRequest {
            id,
            reason: "確報を提出し、宛名の読み合わせを始めた".into(),
        })
        .unwrap();
    assert_eq!(v.status_label, "完了");
    assert!(s
        .update_incident(
            id,
            &IncidentChanges {
                reason: "追記".into(),
                other: Some("追記".into()),
                ..IncidentChanges::default()
            },
        )
        .is_err());
    for refused in [
        s.confirm_incident(&ConfirmIncidentRequest {
            id,
            ..ConfirmIncidentRequest::default()
        }),
        s.file_incident_report(&report("tsuikan")),
        s.notify_incident_persons(&NotifyPersonsRequest {
            id,
            persons: vec![three[0]],
            method: "mail".into(),
            notified_on: "令和8年4月1日".into(),
        }),
        s.close_incident(&CloseIncidentRequest {
            id,
            reason: "もう一度".into(),
        }),
    ] {
        let err = refused.unwrap_err().body();
        assert!(
            err.message.contains("完了した事案は変更できません"),
            "{}",
            err.message
        );
    }
    assert!(s.open_incidents().unwrap().is_empty());

    // The audit chain has every step.
    let audit = s.audit_list(200).unwrap();
    let steps: Vec<&str> = audit
        .iter()
        .filter(|e| e.target.starts_with(&format!("incident:{id}")))
        .map(|e| e.detail.as_str())
        .collect();
    // 第一報, 事実確認, the officer's judgement, 速報, 確報, 本人への通知, 完了.
    assert_eq!(steps.len(), 7, "{steps:?}");
    assert!(steps.iter().any(|d| d.starts_with("第一報")), "{steps:?}");
    assert!(
        steps.iter().any(|d| d.starts_with("判定と異なる判断")),
        "{steps:?}"
    );
    assert!(steps.iter().any(|d| d.starts_with("完了")), "{steps:?}");

    // An auditor reads, writes nothing.
    let mut auditor = o.login("kansa", "audit-pass-1");
    assert_eq!(auditor.incident(id).unwrap().id, id);
    assert_eq!(
        auditor
            .report_incident(&first_report())
            .unwrap_err()
            .body()
            .code,
        kiroku_api::ErrorCode::Forbidden
    );
}

#[test]
fn bad_input_is_refused_naming_the_field_and_a_my_number_never_echoed() {
    let o = common::office();
    let mut s = o.officer();
    let refused = |s: &mut Session, new: NewIncident| s.report_incident(&new).unwrap_err().body();

    let err = refused(
        &mut s,
        NewIncident {
            known_on: "令和9年1月1日".into(),
            ..first_report()
        },
    );
    assert_eq!(err.field.as_deref(), Some("知った日"));
    assert!(err.message.contains("未来"), "{}", err.message);

    let number = "528473910645";
    let err = refused(
        &mut s,
        NewIncident {
            what: format!("番号 {number} の記載された書類"),
            ..first_report()
        },
    );
    assert_eq!(err.field.as_deref(), Some("何が起きたか"));
    assert!(!err.message.contains(number));

    let id = s.report_incident(&first_report()).unwrap().id;
    for typed in ["-3", "たくさん"] {
        let err = s
            .update_incident(
                id,
                &IncidentChanges {
                    reason: "人数".into(),
                    persons_count: Some(typed.into()),
                    ..IncidentChanges::default()
                },
            )
            .unwrap_err()
            .body();
        assert_eq!(err.field.as_deref(), Some("本人の数"), "{typed}");
    }
    let err = s
        .update_incident(
            id,
            &IncidentChanges {
                reason: "人数".into(),
                persons_count: Some(number.into()),
                ..IncidentChanges::default()
            },
        )
        .unwrap_err()
        .body();
    assert_eq!(err.field.as_deref(), Some("本人の数"));
    assert!(!err.message.contains(number));
    // Nothing of the refused changes was saved.
    assert_eq!(s.incident(id).unwrap().version, 1);
}

#[test]
fn the_body_kind_comes_from_the_template_and_changes_the_decision() {
    let o = common::office();
    let mut s = o.officer();
    assert_eq!(s.settings().unwrap().body_kind, "jimukumiai");
    // 3 persons' data leaked from no system, no other ground: A reports under the guideline.
    let id = s.report_incident(&first_report()).unwrap().id;
    let v = s
        .update_incident(
            id,
            &IncidentChanges {
                reason: "事実確認".into(),
                situations: Some(vec!["leak".into()]),
                persons_count: Some("3".into()),
                ..IncidentChanges::default()
            },
        )
        .unwrap();
    assert!(v.reportable);
    assert_eq!(
        v.decision.my_number_act,
        "報告対象（ガイドラインにより報告）"
    );
    // As a 労働保険事務組合 the same facts are 努力義務 only.
    s.set_body_kind("roudouhoken").unwrap();
    let v = s.incident(id).unwrap();
    assert!(!v.reportable);
    assert_eq!(v.decision.my_number_act, "報告は努力義務");
    assert!(v.deadlines.is_none());
    assert!(s.set_body_kind("町内会").is_err());
    let audit = s.audit_list(50).unwrap();
    assert!(audit.iter().any(|e| e.target == "setting:body_kind"));
}

/// The PDF's text, whitespace removed (`-raw`: a wrapped cell's lines together).
fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(path)
        .arg("-")
        .output_retried()
        .expect("pdftotext (poppler-utils) is needed by this test");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn the_report_the_letters_and_the_notice_record_print_every_label_and_value() {
    use kiroku_api::IncidentPrintRequest;
    let o = common::office();
    let mut s = o.officer();
    let names = ["田村 千尋", "鈴木 一郎", "山本 花子"];
    let three = persons(&mut s, &names);
    let id = s.report_incident(&first_report()).unwrap().id;
    s.update_incident(
        id,
        &IncidentChanges {
            reason: "事実確認".into(),
            situations: Some(vec!["漏えい".into()]),
            persons_count: Some("3".into()),
            person_ids: Some(three.clone()),
            items: Some("氏名、個人番号、扶養親族の氏名".into()),
            cause: Some("宛名の確認漏れ".into()),
            cause_actor: Some("職員".into()),
            secondary_damage: Some("現時点で二次被害は確認されていない".into()),
            publication: Some("なし".into()),
            other: Some("誤送付先から書類を回収済み".into()),
            ..IncidentChanges::default()
        },
    )
    .unwrap();
    s.notify_incident_persons(&NotifyPersonsRequest {
        id,
        persons: three.clone(),
        method: "郵送".into(),
        notified_on: "令和8年4月1日".into(),
    })
    .unwrap();
    let dir = o.dir.path();

    let report = s
        .print_incident(&IncidentPrintRequest {
            id,
            what: "report".into(),
            out: dir.join("報告.pdf").display().to_string(),
        })
        .unwrap();
    let text = pdf_text(std::path::Path::new(&report[0].path));
    for needle in [
        "特定個人情報の漏えい等に関する報告（下書き）",
        "1概要発生日",
        "1概要発覚日",
        "令和8年3月27日16:40",
        "1概要発生事案",
        "扶養控除等申告書を入れた封筒を郵送先を誤って送付した",
        "1概要発見者",
        "佐藤花子",
        "1概要規則第2条各号該当性",
        "1概要委託元及び委託先の有無",
        "なし",
        "1概要事実経過",
        "2特定個人情報の項目媒体",
        "紙",
        "2特定個人情報の項目種類",
        "氏名、個人番号、扶養親族の氏名",
        "3特定個人情報に係る本人の数",
        "3人（確定）",
        "4原因",
        "宛名の確認漏れ（職員の行為）",
        "5二次被害又はそのおそれの有無及びその内容",
        "現時点で二次被害は確認されていない",
        "6本人への対応の実施状況",
        "本人3人に通知済み（郵送、令和8年4月1日まで）",
        "7公表の実施状況",
        "8再発防止のための措置",
        "9その他参考となる事項",
        "誤送付先から書類を回収済み",
        "テスト広域事務組合",
    ] {
        assert!(text.contains(needle), "the report lacks {needle}: {text}");
    }

    let letters = s
        .print_incident(&IncidentPrintRequest {
            id,
            what: "letters".into(),
            out: dir.display().to_string(),
        })
        .unwrap();
    assert_eq!(letters.len(), 3);
    for (letter, name) in letters.iter().zip(names) {
        let text = pdf_text(std::path::Path::new(&letter.path));
        let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains(&format!("{name}様")), "{text}");
        for other in names.iter().filter(|n| n.replace(' ', "") != name) {
            assert!(
                !text.contains(&other.replace(' ', "")),
                "the letter to {name} names {other}"
            );
        }
        for needle in [
            "個人情報の漏えい等に関するお知らせ",
            "深くお詫び申し上げます",
            "感謝申し上げます",
            "発生した事態",
            "漏えい等した情報の項目",
            "原因",
            "二次被害又はそのおそれ",
            "市区町村長に個人番号の変更を請求することができます",
            "お問い合わせ窓口",
        ] {
            assert!(text.contains(needle), "the letter lacks {needle}: {text}");
        }
        // Items 3 (人数), 6, 7 and 8 are the regulator's, not the letter's.
        assert!(!text.contains("本人の数"), "{text}");
        assert!(
            !letter.path.contains(&name),
            "the file name carries no name"
        );
    }

    let notices = s
        .print_incident(&IncidentPrintRequest {
            id,
            what: "notices".into(),
            out: dir.join("通知記録.pdf").display().to_string(),
        })
        .unwrap();
    let text = pdf_text(std::path::Path::new(&notices[0].path));
    for needle in [
        "本人への通知の記録",
        "田村千尋",
        "鈴木一郎",
        "山本花子",
        "郵送",
        "令和8年4月1日",
    ] {
        assert!(
            text.contains(needle),
            "the notice record lacks {needle}: {text}"
        );
    }
    // A 共済組合's 様式第1号 (to the 理事長) and 第2号 (to the 連合会) carry the same nine items.
    for (what, title, to) in [
        ("kyosai1", "様式第1号", "理事長"),
        ("kyosai2", "様式第2号", "全国市町村職員共済組合連合会"),
    ] {
        let files = s
            .print_incident(&IncidentPrintRequest {
                id,
                what: what.into(),
                out: dir.join(format!("{what}.pdf")).display().to_string(),
            })
            .unwrap();
        let text = pdf_text(std::path::Path::new(&files[0].path));
        for needle in [
            title,
            to,
            "1概要発生日",
            "3特定個人情報に係る本人の数",
            "9その他参考となる事項",
            "宛名の確認漏れ",
        ] {
            assert!(text.contains(needle), "{what} lacks {needle}: {text}");
        }
    }
    // Each print is an audit row.
    let prints = s
        .audit_list(100)
        .unwrap()
        .into_iter()
        .filter(|e| e.target == format!("form:incident:{id}"))
        .count();
    assert_eq!(prints, 7);
}

#[test]
fn a_count_that_passes_100_later_starts_the_clock_on_the_day_it_was_known() {
    let o = common::office();
    let mut s = o.officer();
    // 第一報 on 3/27 about a few papers; on 3/31 it turned out 120 persons' data were in the box.
    let id = s.report_incident(&first_report()).unwrap().id;
    let v = s
        .update_incident(
            id,
            &IncidentChanges {
                reason: "人数の判明".into(),
                situations: Some(vec!["滅失".into()]),
                persons_count: Some("120".into()),
                count_known_on: Some("令和8年3月31日".into()),
                ..IncidentChanges::default()
            },
        )
        .unwrap();
    assert_eq!(v.basis, ["規則第2条4号", "個人情報保護法（100人超）"]);
    let d = v.deadlines.unwrap();
    // Day 1 is 3/31: 速報 day 5 = 4/4, 確報 day 30 = 4/29 (昭和の日) → 4/30.
    assert_eq!(d.sokuho_due, date("2026-04-04"));
    assert_eq!(d.kakuho_due, date("2026-04-30"));
    assert_eq!(d.kakuho_moved_because.as_deref(), Some("昭和の日"));
    // With a ground that does not depend on the count, the clock runs from 知った日 again.
    let v = s
        .update_incident(
            id,
            &IncidentChanges {
                reason: "不正の目的".into(),
                unlawful_purpose: Some(true),
                ..IncidentChanges::default()
            },
        )
        .unwrap();
    assert_eq!(v.deadlines.unwrap().sokuho_due, date("2026-03-31"));
}
