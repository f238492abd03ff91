//! `kiroku contractor …` and `kiroku eval …` through the real binary: bad input with its exit
//! codes and Japanese field names, the JSON of `eval show` and `contractor due`, and the My
//! Number guard on every contractor text and on 改善措置等. The binary reads the real clock, so
//! dates are taken relative to today in Japan.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, Months, NaiveDate};
use common::log::*;
use common::*;
use serde_json::Value;

const CLERK: &str = "sato";
const CLERK_PASS: &str = "clerk-pass-1";

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `contractor add --name NAME --pattern PATTERN EXTRA…`, its ID.
fn add_contractor(s: &Sandbox, name: &str, pattern: &str, extra: &[&str]) -> i64 {
    let args = [
        &["contractor", "add", "--name", name, "--pattern", pattern],
        extra,
    ]
    .concat();
    ok_json(s, &args)["id"].as_i64().unwrap()
}

/// `eval new --contractor ID [--date DATE]`, its ID.
fn eval_new(s: &Sandbox, contractor: i64, date: Option<&str>) -> i64 {
    let id = contractor.to_string();
    let mut args = vec!["eval", "new", "--contractor", &id];
    if let Some(d) = date {
        args.extend(["--date", d]);
    }
    ok_json(s, &args)["id"].as_i64().unwrap()
}

fn eval_set(s: &Sandbox, id: i64, judgments: &str, extra: &[&str]) -> Value {
    let id = id.to_string();
    ok_json(s, &[&["eval", "set", &id, judgments], extra].concat())
}

fn finalize(s: &Sandbox, id: i64) -> Value {
    ok_json(s, &["eval", "finalize", &id.to_string()])
}

fn show(s: &Sandbox, id: i64) -> Value {
    ok_json(s, &["eval", "show", &id.to_string()])
}

/// Pattern III's six items, all A.
const III_ALL_A: &str = "1=A,2=A,3=A,4=A,5=A,6=A";

/// The contractors, every sheet of theirs and the audit rows of changes: what a refusal must
/// leave as it was.
fn kept(s: &Sandbox) -> (Value, Vec<Value>, Vec<(String, String, String)>) {
    let list = ok_json(s, &["contractor", "list"]);
    let sheets = ids(&list, "id")
        .iter()
        .map(|id| ok_json(s, &["eval", "list", "--contractor", &id.to_string()]))
        .collect();
    let changes = audit_rows(s)
        .iter()
        .filter(|r| r["action"] == "create" || r["action"] == "amend")
        .map(|r| (text(&r["action"]), text(&r["target"]), text(&r["detail"])))
        .collect();
    (list, sheets, changes)
}

fn items(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["item"].as_i64().unwrap())
        .collect()
}

#[test]
fn bad_contractor_and_evaluation_input_is_refused_and_saves_nothing() {
    let s = Sandbox::new();
    s.add_clerk(CLERK, CLERK_PASS);
    assert_eq!(add_contractor(&s, "○○倉庫株式会社", "III", &[]), 1);
    assert_eq!(eval_new(&s, 1, None), 1);
    assert_eq!(add_contractor(&s, "○○清掃", "IV", &[]), 2);
    assert_success(&s.run(&["contractor", "disable", "2"]));
    let before = kept(&s);

    let refused = |args: &[&str], exit: i32, needles: &[&str]| {
        let out = s.run(args);
        for needle in needles {
            assert_refused(&out, exit, needle);
        }
    };
    // Item numbers and judgment letters.
    refused(
        &["eval", "set", "1", "0=A"],
        1,
        &["評価項目: ", "1 から 20"],
    );
    refused(&["eval", "set", "1", "21=A"], 1, &["評価項目: "]);
    refused(&["eval", "set", "1", "x=A"], 1, &["評価項目: "]);
    refused(&["eval", "set", "1", "1=D"], 1, &["判定: ", "No.1"]);
    refused(&["eval", "set", "1", "1=AA"], 1, &["判定: "]);
    refused(&["eval", "set", "1", "1=A,2=Z"], 1, &["判定: ", "No.2"]);
    refused(&["eval", "set", "1", "1"], 1, &["判定: ", "項目=値"]);
    // Pattern III does not evaluate No.7: only — is accepted there.
    refused(
        &["eval", "set", "1", "7=A"],
        1,
        &["判定: ", "No.7", "パターンIII"],
    );
    let b7 = ["eval", "set", "1", "7=B", "--improve", "7=改善"];
    refused(&b7, 1, &["判定: ", "No.7"]);
    refused(&["eval", "set", "1", "1=—"], 1, &["判定: ", "No.1"]);
    // B needs its 改善措置等; an improvement alone needs an item judged B.
    refused(
        &["eval", "set", "1", "1=B"],
        1,
        &["改善措置等: ", "--improve 1="],
    );
    refused(
        &["eval", "set", "1", "1=B", "--improve", "1= "],
        1,
        &["改善措置等: "],
    );
    refused(
        &["eval", "set", "1", "--improve", "2=手順書"],
        1,
        &["改善措置等: "],
    );
    refused(&["eval", "confirm", "1", "1"], 1, &["評価項目: "]);
    // Finalising: the officer only, and only a complete sheet.
    let out = s.run_as(CLERK, CLERK_PASS, &["eval", "finalize", "1"]);
    assert_refused(&out, 3, "事務取扱責任者だけ");
    let all = "No.1、No.2、No.3、No.4、No.5、No.6";
    refused(
        &["eval", "finalize", "1"],
        1,
        &["判定: ", "確定できません", all],
    );
    // Disabled or unknown contractors and sheets.
    refused(
        &["eval", "new", "--contractor", "2"],
        1,
        &["委託先: ", "無効化"],
    );
    refused(&["eval", "new", "--contractor", "9"], 1, &["委託先 ID 9"]);
    refused(&["eval", "show", "99"], 1, &["評価 ID 99"]);
    let out = s.run_as(CLERK, CLERK_PASS, &["contractor", "disable", "1"]);
    assert_refused(&out, 3, "事務取扱責任者だけ");
    refused(&["contractor", "disable", "2"], 1, &["すでに無効化"]);
    // The contractor's own fields.
    fn add<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        [&["contractor", "add", "--name", "○○社"], extra].concat()
    }
    refused(&add(&["--pattern", "V"]), 1, &["委託パターン: "]);
    refused(
        &add(&["--pattern", "I", "--pmark", "1082"]),
        1,
        &["プライバシーマーク有効期限: "],
    );
    let expiry = ["--pattern", "I", "--pmark-expiry", "令和9年3月31日"];
    refused(&add(&expiry), 1, &["プライバシーマーク登録番号: "]);
    refused(
        &add(&["--pattern", "I", "--leak-2y", "たぶん"]),
        1,
        &["過去2年間の漏えい事故: "],
    );
    refused(
        &add(&["--pattern", "I", "--approved", "令和8年3月1日"]),
        1,
        &["再委託の許諾日: "],
    );
    refused(
        &add(&["--pattern", "I", "--parent", "99"]),
        1,
        &["委託元（再委託の親）: "],
    );
    refused(
        &add(&["--pattern", "I", "--files", "5"]),
        1,
        &["特定個人情報ファイル: "],
    );
    fn clause(id: &str) -> Vec<&str> {
        let args = [
            "contractor",
            "clause",
            "set",
            "1",
            id,
            "--contract",
            "契約書",
        ];
        [&args[..], &["--date", "令和8年3月1日"]].concat()
    }
    refused(&clause("002-4-11"), 1, &["契約条項: ", "002-4-11"]);
    refused(&clause("5-1"), 1, &["契約条項: "]);
    assert_eq!(kept(&s), before, "a refused command saved something");

    // Full-width letters and digits are read as typed on a Japanese keyboard.
    let sheet = eval_set(&s, 1, "1=Ａ,2=ａ,３=A,4=A,5=A,6=A,７=ー", &[]);
    assert_eq!(sheet["items"][0]["judgment"], "A");
    assert_eq!(sheet["items"][1]["judgment"], "A");
    assert_eq!(sheet["items"][6]["judgment"], "—");
    assert_eq!(sheet["decision"], "adopted");
    assert_eq!(finalize(&s, 1)["finalized"], true);
    let frozen = kept(&s);
    refused(&["eval", "set", "1", "1=C"], 1, &["評価: ", "確定済み"]);
    let out = s.run_as(CLERK, CLERK_PASS, &["eval", "set", "1", "2=C"]);
    assert_refused(&out, 1, "確定済み");
    refused(&["eval", "finalize", "1"], 1, &["確定済み"]);
    assert_eq!(kept(&s), frozen);
    assert_eq!(show(&s, 1)["items"][0]["judgment"], "A");
}

#[test]
fn eval_show_json_gives_the_decision_its_reasons_and_what_is_missing() {
    let s = Sandbox::new();
    let cloud = add_contractor(&s, "○○クラウド株式会社", "II", &[]);
    let e = eval_new(&s, cloud, None);
    let first = "1=A,2=A,3=B,4=A,5=A,6=A,7=A,8=A,9=A,10=A";
    eval_set(&s, e, first, &["--improve", "3=事故時の手順書を整備"]);
    let draft = show(&s, e);
    assert_eq!(draft["decision"], "incomplete");
    assert_eq!(nums(&draft["missing"]), (11..=20).collect::<Vec<i64>>());
    assert_eq!(draft["reasons"], serde_json::json!([]));
    assert_eq!(draft["finalized"], false);
    assert_eq!(draft["re_evaluation"], false);
    assert_eq!(draft["made_on"], ymd(jst_today()));
    assert_eq!(draft["items"].as_array().unwrap().len(), 20);
    assert_eq!(draft["items"][2]["improvement"], "事故時の手順書を整備");

    let rest = "11=A,12=A,13=A,14=A,15=A,16=A,17=A,18=A,19=A,20=A";
    eval_set(&s, e, rest, &[]);
    let done = show(&s, e);
    assert_eq!(done["decision"], "adopted_conditional");
    assert_eq!(done["decision_label"], "採用（改善条件付）");
    assert_eq!(items(&done["reasons"]), [3]);
    let why = text(&done["reasons"][0]["text"]);
    assert!(
        why.contains("No.3") && why.contains("事故時の手順書を整備"),
        "{why}"
    );
    assert_eq!(done["missing"], serde_json::json!([]));
    assert_eq!(done["finalized"], false);
    finalize(&s, e);
    let fin = show(&s, e);
    assert_eq!(
        (fin["finalized"].clone(), fin["finalized_by"].clone()),
        (true.into(), OFFICER.into())
    );
    let plain = stdout(&s.run(&["eval", "show", &e.to_string()]));
    assert!(
        plain.contains("【確定】") && plain.contains("採用（改善条件付）"),
        "{plain}"
    );

    // 選定基準(1): a P-mark valid today and no leak adopt pattern I without the items.
    let expiry = ymd(jst_today() + Duration::days(365));
    let pmark = [
        "--pmark",
        "10820123",
        "--pmark-expiry",
        &expiry,
        "--leak-2y",
        "no",
    ];
    let it = add_contractor(&s, "○○情報サービス", "I", &pmark);
    let quick = show(&s, eval_new(&s, it, None));
    assert_eq!(
        (quick["decision"].clone(), quick["shortcut"].clone()),
        ("adopted".into(), true.into())
    );
    assert_eq!(items(&quick["reasons"]), [0]);
    assert_eq!(quick["missing"], serde_json::json!([]));
    // A P-mark that ran out yesterday counts on a sheet of yesterday, not on one of today.
    let yesterday = ymd(jst_today() - Duration::days(1));
    let expired = [
        "--pmark",
        "10820123",
        "--pmark-expiry",
        &yesterday,
        "--leak-2y",
        "no",
    ];
    let lapsed = add_contractor(&s, "○○計算センター", "I", &expired);
    let then = show(&s, eval_new(&s, lapsed, Some(&yesterday)));
    assert_eq!(then["decision"], "adopted");
    let slow = show(&s, eval_new(&s, lapsed, None));
    assert_eq!(
        (slow["decision"].clone(), slow["shortcut"].clone()),
        ("incomplete".into(), false.into())
    );
    assert_eq!(nums(&slow["missing"]), (1..=16).collect::<Vec<i64>>());
    // A leak not asked about counts as one.
    let unasked = add_contractor(&s, "○○計算サービス", "I", &pmark[..4]);
    assert_eq!(show(&s, eval_new(&s, unasked, None))["shortcut"], false);

    let guard = add_contractor(&s, "○○警備保障", "IV", &[]);
    let e = eval_new(&s, guard, None);
    let rejected = eval_set(&s, e, "1=A,2=A,3=A,4=-,5=C,6=A", &[]);
    assert_eq!(rejected["decision"], "rejected");
    assert_eq!(items(&rejected["reasons"]), [5]);
    assert_eq!(finalize(&s, e)["decision"], "rejected");
}

#[test]
fn contractor_due_json_lists_each_kind_of_deadline() {
    let s = office();
    let today = jst_today();
    let soon = ymd(today + Duration::days(30));
    let pmark = [
        "--pmark",
        "10820123",
        "--pmark-expiry",
        &soon,
        "--leak-2y",
        "no",
    ];
    let marked = add_contractor(&s, "○○商事", "I", &pmark);
    finalize(&s, eval_new(&s, marked, None));
    let evaluate = |name: &str, made_on: NaiveDate| {
        let id = add_contractor(&s, name, "III", &[]);
        let e = eval_new(&s, id, Some(&ymd(made_on)));
        eval_set(&s, e, III_ALL_A, &[]);
        finalize(&s, e);
        id
    };
    let recent = evaluate("○○データセンター", today - Duration::days(335));
    let stale = evaluate("○○倉庫", today - Duration::days(400));
    let cleaner = add_contractor(&s, "○○清掃", "III", &[]);
    let e = eval_new(&s, cleaner, None);
    let j = "1=A,2=B,3=A,4=A,5=A,6=A";
    eval_set(&s, e, j, &["--improve", "2=規程の整備"]);
    finalize(&s, e);
    let shredder = add_contractor(&s, "○○文書処理", "IV", &[]);
    assert_success(&s.run(&strs(&event_add("dispose", "--contractor", "○○文書処理"))));
    let fresh = add_contractor(&s, "○○新規", "II", &[]);

    let due = |extra: &[&str]| -> Vec<(i64, String, Value, bool)> {
        let list = ok_json(&s, &[&["contractor", "due"], extra].concat());
        for item in list.as_array().unwrap() {
            for key in [
                "contractor",
                "kind",
                "kind_label",
                "due_on",
                "overdue",
                "detail",
            ] {
                assert!(item.get(key).is_some(), "{key} missing in {item}");
            }
        }
        let row = |i: &Value| {
            let who = i["contractor"]["id"].as_i64().unwrap();
            (
                who,
                text(&i["kind"]),
                i["due_on"].clone(),
                i["overdue"] == true,
            )
        };
        list.as_array().unwrap().iter().map(row).collect()
    };
    let anniversary = |d: NaiveDate| Value::from(ymd(d + Months::new(12)));
    let listed = due(&[]);
    let expected = [
        (
            stale,
            "reevaluation".into(),
            anniversary(today - Duration::days(400)),
            true,
        ),
        (marked, "pmark_expiry".into(), soon.clone().into(), false),
        (
            recent,
            "reevaluation".into(),
            anniversary(today - Duration::days(335)),
            false,
        ),
        (cleaner, "improvement".into(), Value::Null, false),
        (shredder, "first_evaluation".into(), Value::Null, false),
        (shredder, "certificate".into(), Value::Null, false),
        (fresh, "first_evaluation".into(), Value::Null, false),
    ];
    for want in &expected {
        assert!(listed.contains(want), "{want:?} not in {listed:?}");
    }
    assert_eq!(listed.len(), expected.len(), "{listed:?}");
    assert_eq!(listed[0].0, stale, "overdue first");
    // --within 20: the P-mark (30 days) and the re-evaluation (about 30 days) drop out.
    let near = due(&["--within", "20"]);
    assert!(
        near.iter().all(|r| r.0 != marked && r.0 != recent),
        "{near:?}"
    );
    assert!(near.iter().any(|r| r.0 == stale));

    assert_success(&s.run(&["eval", "confirm", &e.to_string(), "2"]));
    let certificate = event_add("certificate", "--contractor", "○○文書処理");
    assert_success(&s.run(&strs(&certificate)));
    let after = due(&[]);
    assert!(
        after
            .iter()
            .all(|r| r.1 != "improvement" && r.1 != "certificate"),
        "{after:?}"
    );
    let plain = stdout(&s.run(&["contractor", "due"]));
    assert!(
        plain.contains("期限超過") && plain.contains("○○倉庫"),
        "{plain}"
    );
}

#[test]
fn the_my_number_guard_covers_every_contractor_text_and_improvements() {
    let s = office();
    assert_eq!(add_contractor(&s, "○○倉庫株式会社", "III", &[]), 1);
    assert_eq!(eval_new(&s, 1, None), 1);
    let before = saved(&s);
    let base = [("--name", "○○社"), ("--pattern", "II")];
    let add = |flag: &str, extra: &[&str]| {
        let mut args = owned(&["contractor", "add"]);
        args.extend(with(&base, flag, "{}"));
        args.extend(owned(extra));
        args
    };
    let expiry = ["--pmark-expiry", "令和9年3月31日"];
    for (flag, field, extra) in [
        ("--name", "委託先名称", &[][..]),
        ("--dept", "部門名", &[]),
        ("--manager", "業務責任者", &[]),
        ("--work", "業務委託内容", &[]),
        ("--data", "預託個人情報", &[]),
        ("--pmark", "プライバシーマーク登録番号", &expiry),
        ("--parent", "委託元（再委託の親）", &[]),
        ("--files", "特定個人情報ファイル", &[]),
    ] {
        refuse_everywhere(&s, &add(flag, extra), field);
    }
    let improve = owned(&["eval", "set", "1", "1=B", "--improve", "1={}"]);
    refuse_everywhere(&s, &improve, "改善措置等");
    let improve_only = owned(&["eval", "set", "1", "--improve", "1={}"]);
    refuse_everywhere(&s, &improve_only, "改善措置等");
    let contract = [
        "contractor",
        "clause",
        "set",
        "1",
        "004-1",
        "--contract",
        "{}",
    ];
    let contract = [owned(&contract), owned(&["--date", "令和8年3月1日"])].concat();
    refuse_everywhere(&s, &contract, "契約名");
    refuse_everywhere(&s, &owned(&["eval", "new", "--contractor", "{}"]), "委託先");
    refuse_everywhere(&s, &owned(&["eval", "show", "{}"]), "評価ID");
    // Dates are not text: a number typed there is refused without being repeated.
    let n = MY_NUMBERS[0];
    for (date, field) in [
        (
            ["--pmark", "1082", "--pmark-expiry", n],
            "プライバシーマーク有効期限",
        ),
        (["--parent", "1", "--approved", n], "再委託の許諾日"),
    ] {
        let args = [
            &["contractor", "add", "--name", "○○社", "--pattern", "I"][..],
            &date,
        ]
        .concat();
        let out = s.run(&args);
        assert_refused(&out, 1, &format!("{field}: "));
        assert_no_my_number(field, &stderr(&out));
        assert_no_my_number(field, &stdout(&out));
    }
    assert_nothing_kept(&s, &before);
    assert_eq!(
        show(&s, 1)["missing"],
        serde_json::json!([1, 2, 3, 4, 5, 6])
    );
}
