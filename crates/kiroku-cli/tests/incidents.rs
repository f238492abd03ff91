//! `kiroku incident …` and `kiroku status`: a clerk's 第一報, the officer's facts, the decision
//! as `incident show --json` gives it, a filing refused before the confirmation, the deadline in
//! `status`; bad input refused naming the field.

mod common;

use common::*;

#[test]
fn a_first_report_assessed_confirmed_and_filed_from_the_command_line() {
    let s = Sandbox::new();
    s.add_clerk("sato", "clerk-pass-1");
    // 2026-11-30 (a Monday), day 1: day 30 is 12/29 (年末年始) → 2027-01-04.
    let out = s.run_as(
        "sato",
        "clerk-pass-1",
        &[
            "--json",
            "incident",
            "add",
            "--finder",
            "佐藤 花子",
            "--known-on",
            "令和8年11月30日",
            "--known-time",
            "16:40",
            "--what",
            "申告書を誤送付した",
            "--medium",
            "紙",
        ],
    );
    assert_success(&out);
    let id = json(&out)["id"].to_string();

    let out = s.run(&[
        "incident",
        "update",
        &id,
        "--reason",
        "事実確認",
        "--situation",
        "漏えい",
        "--persons",
        "150",
        "--persons-max",
    ]);
    assert_success(&out);
    let show = json(&s.run(&["--json", "incident", "show", &id]));
    assert_eq!(show["reportable"], true);
    assert!(
        show["basis"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b == "規則第2条4号"),
        "{show}"
    );
    assert_eq!(show["kakuho_due"], "2027-01-04");
    assert_eq!(show["sokuho_due"], "2026-12-04");
    assert_eq!(show["may_notify_principal"], false);
    assert!(!show["reasons"].as_array().unwrap().is_empty());

    // Containment and prevention, as typed on the command line.
    let out = s.run(&[
        "incident",
        "update",
        &id,
        "--reason",
        "措置の記録",
        "--containment",
        "令和8年12月1日 17:00 誤送付先に回収を依頼",
        "--prevention",
        "予定:封入の二重確認:佐藤 花子:令和9年1月31日",
        "--grounds-note",
        "人数が確定しないため最大数で判断",
    ]);
    assert_success(&out);
    let facts = &json(&s.run(&["--json", "incident", "show", &id]))["facts"];
    assert_eq!(facts["containment"][0]["action"], "誤送付先に回収を依頼");
    assert_eq!(facts["containment"][0]["time"], "17:00:00");
    assert_eq!(facts["prevention"][0]["done"], false);
    assert_eq!(facts["prevention"][0]["owner"], "佐藤 花子");
    assert_eq!(facts["prevention"][0]["due"], "2027-01-31");
    let out = s.run(&[
        "incident",
        "update",
        &id,
        "--reason",
        "x",
        "--prevention",
        "いつか:やる",
    ]);
    assert_refused(&out, 1, "再発防止策");

    let assess = s.run(&["incident", "assess", &id]);
    assert_success(&assess);
    assert!(stdout(&assess).contains("最大150人"), "{}", stdout(&assess));

    let report = [
        "incident",
        "report",
        &id,
        "--kind",
        "速報",
        "--to",
        "個人情報保護委員会",
        "--on",
        "令和8年12月1日",
    ];
    assert_refused(&s.run(&report), 1, "判定を確認する前");
    let status = s.run(&["status"]);
    assert!(
        stdout(&status).contains(&format!("事故・漏えい: 事案 ID {id}")),
        "{}",
        stdout(&status)
    );
    assert!(
        stdout(&status).contains("2027年1月4日") || stdout(&status).contains("令和9年1月4日"),
        "{}",
        stdout(&status)
    );

    assert_success(&s.run(&["incident", "confirm", &id]));
    assert_success(&s.run(&report));
    let list = s.run(&["incident", "list"]);
    assert!(stdout(&list).contains("確報"), "{}", stdout(&list));
    assert!(
        !stdout(&list).contains("速報"),
        "the 速報 was filed: {}",
        stdout(&list)
    );

    // Bad input: named, refused, nothing saved.
    let out = s.run(&[
        "incident",
        "update",
        &id,
        "--reason",
        "人数",
        "--persons",
        "たくさん",
    ]);
    assert_refused(&out, 1, "本人の数");
    let out = s.run(&[
        "incident",
        "update",
        &id,
        "--reason",
        "人数",
        "--persons",
        "528473910645",
    ]);
    // A 個人番号 anywhere on the command line is refused before anything reads it.
    assert_refused(&out, 1, "個人番号");
    assert!(!stderr(&out).contains("528473910645"));
    // The clerk may not confirm.
    let out = s.run_as("sato", "clerk-pass-1", &["incident", "confirm", &id]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
}
