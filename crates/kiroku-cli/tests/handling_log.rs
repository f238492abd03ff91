//! `kiroku ledger …`, `kiroku event …` and `kiroku view …` through the real binary: bad input,
//! roles, the happy paths, the 002 example and the audit chain.

#![allow(clippy::unwrap_used)]

mod common;

use common::log::*;
use common::*;
use serde_json::Value;

// ---- 2. Bad input ----

#[test]
fn bad_event_input_exits_1_naming_the_field_and_saves_nothing() {
    let s = office();
    let future = (jst_today() + chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    let before = saved(&s);
    let refused = |args: Vec<String>, code: i32, needle: &str| {
        let out = s.run(&strs(&args));
        assert_refused(&out, code, needle);
    };
    refused(event_add("use", "--affair", "999"), 1, "関係事務");
    refused(
        event_add("use", "--affair", "存在しない事務"),
        1,
        "関係事務",
    );
    refused(event_add("use", "--person", "999"), 1, "本人");
    refused(event_add("use", "--person", "1,999"), 1, "本人");
    refused(event_add("use", "--file", "99"), 1, "特定個人情報ファイル");
    refused(event_add("use", "--dependent", "いない人"), 1, "扶養家族");
    refused(event_add("use", "--date", "令和7年2月29日"), 1, "日付");
    let out = s.run(&strs(&event_add("use", "--date", &future)));
    assert_refused(&out, 1, "日付");
    assert!(stderr(&out).contains("未来"), "{}", stderr(&out));
    refused(event_add("use", "--kind", "steal"), 1, "種別");
    refused(event_add("use", "--date", "2025年13月1日"), 1, "日付");
    // 削除 needs a witness other than the clerk (001 第14条(6)).
    let delete = [
        ("--kind", "delete"),
        ("--date", DATE),
        ("--affair", "1"),
        ("--person", "1"),
        ("--content", "源泉徴収票データ"),
        ("--method", "system_delete"),
    ];
    refused(
        [
            owned(&["event", "add"]),
            with(&delete, "--witness", OFFICER),
        ]
        .concat(),
        1,
        "確認者",
    );
    // A detail the kind needs, missing.
    let missing = |kind: &'static str, drop: &str| {
        let mut base = event_base(kind);
        base.retain(|(f, _)| *f != drop);
        [owned(&["event", "add"]), with(&base, "--note", "x")].concat()
    };
    for (kind, drop, field) in [
        ("acquire", "--source", "取得元"),
        ("acquire", "--method", "本人確認方法"),
        ("record", "--file", "特定個人情報ファイル"),
        ("use", "--content", "利用の内容"),
        ("output", "--content", "出力したもの"),
        ("take_out", "--content", "持出しの目的"),
        ("take_out", "--to", "持出先"),
        ("take_out", "--measures", "安全措置"),
        ("submit", "--to", "提出先"),
        ("submit", "--via", "提出方法"),
        ("hand_over", "--sealed", "封緘"),
        ("dispose", "--content", "廃棄したもの"),
        ("dispose", "--method", "廃棄・削除の方法"),
        ("certificate", "--contractor", "委託先"),
        ("certificate", "--certificate-no", "証明書番号"),
        ("refusal", "--content", "求めた内容"),
        ("refusal", "--answer", "回答"),
        ("correct", "--content", "訂正等の内容"),
        ("correct", "--correction-reason", "訂正理由"),
        ("correct", "--requester", "請求者"),
        ("correct", "--officer", "責任者"),
    ] {
        let out = s.run(&strs(&missing(kind, drop)));
        assert_refused(&out, 1, &format!("{field}: "));
        let err = stderr(&out);
        assert!(
            ["必要", "指定", "入力して"].iter().any(|w| err.contains(w)),
            "{kind} without {drop}: {err}"
        );
    }
    refused(
        [owned(&["event", "add"]), flat(&delete)].concat(),
        1,
        "確認者",
    );
    // A detail that belongs to another kind.
    refused(event_add("use", "--via", "e_filing"), 1, "提出方法");
    // A correction needs its reason.
    let out = s.run(&strs(&event_add("use", "--note", "初回")));
    assert_success(&out);
    let mid = saved(&s);
    refused(owned(&["event", "amend", "1", "--note", "直す"]), 1, "理由");
    refused(
        owned(&["event", "amend", "1", "--reason", " ", "--note", "直す"]),
        1,
        "理由",
    );
    refused(
        owned(&["ledger", "amend", "1", "--name", "源泉徴収票"]),
        1,
        "理由",
    );
    refused(
        owned(&["event", "amend", "1", "--reason", "誤り"]),
        1,
        "訂正内容",
    );
    let out = s.run(&["event", "show", "99"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("記録 ID 99"), "{}", stderr(&out));
    assert_eq!(saved(&s), mid);
    assert_ne!(mid, before);
}

#[test]
fn an_auditor_may_read_but_not_record() {
    let s = office();
    assert_success(&s.run_setting(
        "audit-pass-1",
        &[
            "user", "add", "--id", "kansa", "--name", "監査", "--role", "auditor",
        ],
    ));
    let before = saved(&s);
    let out = s.run_as(
        "kansa",
        "audit-pass-1",
        &strs(&event_add("use", "--note", "x")),
    );
    assert_refused(&out, 3, "閲覧のみ");
    let out = s.run_as("kansa", "audit-pass-1", &strs(&ledger_add("--name", "x")));
    assert_refused(&out, 3, "閲覧のみ");
    let out = s.run_as(
        "kansa",
        "audit-pass-1",
        &["ledger", "amend", "1", "--reason", "誤り", "--name", "x"],
    );
    assert_refused(&out, 3, "閲覧のみ");
    // Recording as the officer with the auditor as the clerk is refused too.
    let out = s.run(&strs(&event_add("use", "--clerk", "kansa")));
    assert_refused(&out, 1, "担当");
    assert_eq!(saved(&s), before);
    let out = s.run_as("kansa", "audit-pass-1", &["--json", "ledger", "list"]);
    assert_success(&out);
    assert_eq!(json(&out).as_array().unwrap().len(), 1);
}

// ---- 3. Happy paths ----

#[test]
fn a_ledger_entry_is_added_listed_shown_and_amended_with_its_history() {
    let s = Sandbox::new();
    let added = ok_json(&s, &strs(&ledger_add("--name", "給与所得の源泉徴収票")));
    assert_eq!(added["no"], 1);
    assert_eq!(added["version"], 1);
    assert_eq!(added["amended"], false);
    assert_eq!(added["disposal"], "シュレッダー");
    assert_eq!(added["owner"]["name"], "山田 太郎");

    let list = ok_json(&s, &["ledger", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["no"], 1);
    assert_eq!(list[0]["name"], "給与所得の源泉徴収票");
    assert_eq!(ok_json(&s, &["ledger", "show", "1"]), added);

    let amended = ok_json(
        &s,
        &[
            "ledger",
            "amend",
            "1",
            "--reason",
            "保管場所の移転",
            "--location",
            "書庫（施錠可）",
            "--disposal",
            "other:溶解処理業者に委託",
        ],
    );
    assert_eq!(amended["version"], 2);
    assert_eq!(amended["amended"], true);
    assert_eq!(amended["location"], "書庫（施錠可）");
    assert_eq!(amended["disposal"], "溶解処理業者に委託");
    assert_eq!(amended["name"], "給与所得の源泉徴収票");

    let history = ok_json(&s, &["ledger", "history", "1"]);
    let versions = history.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0], added, "the first version is unchanged");
    assert_eq!(versions[1]["amended"], true);
    assert_eq!(versions[1]["reason"], "保管場所の移転");
    let list = ok_json(&s, &["ledger", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["version"], 2);
    assert_eq!(list[0]["amended"], true);
    let text = stdout(&s.run(&["ledger", "list"]));
    assert!(text.contains("＊訂正"), "{text}");
}

#[test]
fn events_for_one_person_a_list_and_a_persons_file() {
    let s = office();
    add_person(&s, "佐藤", "総務課");
    add_person(&s, "鈴木", "総務課");
    add_person(&s, "田中", "会計課");

    let one = ok_json(&s, &strs(&event_add("use", "--note", "1人分")));
    assert!(one.is_object(), "{one}");
    assert_eq!(one["id"], 1);
    assert_eq!(one["kind"], "use");
    assert_eq!(one["date"], "2025-12-10");
    assert_eq!(one["person"], "〇〇");
    assert_eq!(one["clerk"]["name"], "山田 太郎");

    let batch = ok_json(&s, &strs(&event_add("use", "--person", "1,2,3")));
    assert_eq!(ids(&batch, "person_id"), [1, 2, 3]);
    assert_eq!(ids(&batch, "id"), [2, 3, 4]);

    let file = s.path("persons.txt");
    std::fs::write(&file, "# 年末調整の対象者\n2\n\n３\n4\n").unwrap();
    let mut args = without(event_add("output", "--note", "年末調整"), "--person");
    args.extend(owned(&["--persons-file", file.to_str().unwrap()]));
    let from_file = ok_json(&s, &strs(&args));
    assert_eq!(ids(&from_file, "person_id"), [2, 3, 4]);
    assert!(from_file
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["fields"]["note"] == "年末調整"));

    // A batch is all or nothing.
    let before = saved(&s);
    let out = s.run(&strs(&event_add("use", "--person", "1,2,999")));
    assert_refused(&out, 1, "本人");
    let out = s.run(&strs(&event_add("use", "--person", "1,2,1")));
    assert_refused(&out, 1, "2回");
    assert_eq!(saved(&s), before);
    assert_eq!(ok_json(&s, &["event", "list"]).as_array().unwrap().len(), 7);
}

#[test]
fn an_amended_event_shows_its_current_version_and_keeps_the_old_one() {
    let s = office();
    let first = ok_json(&s, &strs(&event_add("use", "--note", "初回")));
    let id = first["id"].as_i64().unwrap().to_string();
    let amended = ok_json(
        &s,
        &[
            "event",
            "amend",
            &id,
            "--reason",
            "日付の入力誤り",
            "--date",
            "令和7年12月11日",
            "--note",
            "",
        ],
    );
    assert_eq!(amended["version"], 2);
    assert_eq!(amended["amended"], true);
    assert_eq!(amended["date"], "2025-12-11");
    assert_eq!(
        amended["fields"]["note"],
        Value::Null,
        "an empty value clears"
    );

    let list = ok_json(&s, &["event", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["event_id"], first["id"]);
    assert_eq!(list[0]["version"], 2);
    assert_eq!(list[0]["amended"], true);
    assert_eq!(list[0]["date"], "2025-12-11");
    let shown = ok_json(&s, &["event", "show", &id]);
    assert_eq!(shown["version"], 2);
    assert_eq!(shown["reason"], "日付の入力誤り");

    let history = ok_json(&s, &["event", "history", &id]);
    let versions = history.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["version"], 1);
    assert_eq!(versions[0]["date"], "2025-12-10");
    assert_eq!(versions[0]["date_label"], "令和7年12月10日");
    assert_eq!(versions[0]["fields"]["note"], "初回");
    assert_eq!(versions[0]["reason"], Value::Null);
    assert_eq!(versions[1]["date"], "2025-12-11");
    assert_eq!(versions[1]["reason"], "日付の入力誤り");
}

#[test]
fn views_select_rows_by_year_person_kind_affair_and_file() {
    let s = office();
    add_person(&s, "佐藤", "会計課");
    let add = |kind: &'static str, pairs: &[(&str, &str)]| {
        let mut base = event_base(kind);
        for (flag, value) in pairs {
            base.retain(|(f, _)| f != flag);
            base.push((flag, value));
        }
        let args = [owned(&["--json", "event", "add"]), flat(&base)].concat();
        let out = s.run(&strs(&args));
        assert_success(&out);
        json(&out)["id"].as_i64().unwrap()
    };
    // FY R6: e1. FY R7: e2..e4. Affair 2 only for e3, e4; file 1 only for e2.
    let e1 = add("acquire", &[("--date", "令和6年10月1日")]);
    let e2 = add("record", &[("--date", "令和7年4月10日"), ("--file", "1")]);
    let e3 = add(
        "use",
        &[
            ("--date", "令和7年5月1日"),
            ("--person", "2"),
            ("--affair", "2"),
        ],
    );
    let e4 = add("use", &[("--date", "令和7年6月1日"), ("--affair", "2")]);
    let affair2 = ok_json(&s, &["affair", "list"])[1]["name"]
        .as_str()
        .unwrap()
        .to_owned();

    let chrono_ids = |filter: &[&str]| {
        let rows = ok_json(&s, &[&["view", "chronological"], filter].concat());
        let list = ok_json(&s, &[&["event", "list"], filter].concat());
        assert_eq!(rows, list, "event list is the chronological view");
        ids(&rows, "event_id")
    };
    assert_eq!(chrono_ids(&[]), [e1, e2, e3, e4]);
    assert_eq!(chrono_ids(&["--fy", "令和7年度"]), [e2, e3, e4]);
    assert_eq!(chrono_ids(&["--fy", "R6"]), [e1]);
    assert_eq!(chrono_ids(&["--person", "1"]), [e1, e2, e4]);
    assert_eq!(chrono_ids(&["--kind", "use"]), [e3, e4]);
    assert_eq!(chrono_ids(&["--affair", "2"]), [e3, e4]);
    assert_eq!(chrono_ids(&["--affair", &affair2]), [e3, e4]);
    assert_eq!(chrono_ids(&["--file", "1"]), [e2]);
    assert_eq!(chrono_ids(&["--person", "1", "--kind", "use"]), [e4]);
    assert_eq!(
        chrono_ids(&["--fy", "R6", "--kind", "use"]),
        Vec::<i64>::new()
    );

    // The 取扱記録表: one row per 関係事務 × 本人 × 扶養家族.
    let life = |filter: &[&str]| {
        let rows = ok_json(&s, &[&["view", "lifecycle"], filter].concat());
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["affair_id"].as_i64().unwrap(),
                    r["person_id"].as_i64().unwrap(),
                    nums(&r["event_ids"]),
                )
            })
            .collect::<Vec<_>>()
    };
    let mut all = life(&[]);
    all.sort();
    assert_eq!(
        all,
        [(1, 1, vec![e1, e2]), (2, 1, vec![e4]), (2, 2, vec![e3])]
    );
    assert_eq!(life(&["--fy", "R6"]), [(1, 1, vec![e1])]);
    assert_eq!(life(&["--file", "1"]), [(1, 1, vec![e2])]);
    let mut by_person = life(&["--person", "1"]);
    by_person.sort();
    assert_eq!(by_person, [(1, 1, vec![e1, e2]), (2, 1, vec![e4])]);
    let mut by_kind = life(&["--kind", "use"]);
    by_kind.sort();
    assert_eq!(by_kind, [(2, 1, vec![e4]), (2, 2, vec![e3])]);
    let mut by_affair = life(&["--affair", "2"]);
    by_affair.sort();
    assert_eq!(by_affair, [(2, 1, vec![e4]), (2, 2, vec![e3])]);
    let row = &ok_json(&s, &["view", "lifecycle", "--fy", "R6"])[0];
    assert_eq!(row["acquired_on"], "令和6年10月1日");
    assert_eq!(row["unit"], "〇課");
}

/// 002 別紙1 記入例, entered through the command line.
#[test]
fn the_002_example_gives_the_example_row() {
    let s = Sandbox::new();
    let affair = ok_json(&s, &["affair", "add", "--name", "給与所得の源泉徴収票"]);
    assert_eq!(affair["name"], "給与所得の源泉徴収票");
    assert_eq!(add_person(&s, "〇〇", "〇課"), 1);
    assert_success(&s.run(&[
        "person",
        "dependent",
        "add",
        "1",
        "--name",
        "〇〇 〇〇",
        "--relation",
        "子",
    ]));
    assert_eq!(
        ok_json(&s, &strs(&ledger_add("--name", "源泉徴収簿")))["no"],
        1
    );
    let event = |kind: &str, date: &str, details: &[&str]| {
        let args = [
            &[
                "--json",
                "event",
                "add",
                "--kind",
                kind,
                "--date",
                date,
                "--affair",
                "給与所得の源泉徴収票",
                "--person",
                "1",
                "--dependent",
                "〇〇 〇〇",
            ][..],
            details,
        ]
        .concat();
        let out = s.run(&args);
        assert_success(&out);
    };
    event(
        "acquire",
        "平成27年10月10日",
        &[
            "--source",
            "person",
            "--method",
            "mynumber_card:個人番号カードコピー",
        ],
    );
    event("record", "平成27年12月8日", &["--file", "1"]);
    event(
        "dispose",
        "平成27年12月8日",
        &["--content", "個人番号カードコピー", "--method", "shred"],
    );
    event(
        "use",
        "平成27年12月10日",
        &["--content", "給与所得の源泉徴収票を作成"],
    );
    event(
        "submit",
        "平成27年12月10日",
        &["--to", "tax_office:〇〇税務署", "--via", "e_filing"],
    );

    let rows = ok_json(&s, &["view", "lifecycle"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    for (key, expected) in [
        ("affair", "給与所得の源泉徴収票"),
        ("person", "〇〇"),
        ("unit", "〇課"),
        ("dependent", "〇〇 〇〇"),
        ("acquired_on", "平成27年10月10日"),
        ("identity_check", "個人番号カードコピー"),
        ("recorded_on", "平成27年12月8日"),
        ("clerks", "山田 太郎"),
        (
            "use_and_take_out",
            "平成27年12月10日に給与所得の源泉徴収票を作成、同日〇〇税務署に提出",
        ),
        ("disposal", "平成27年12月8日に個人番号カードコピーを廃棄"),
    ] {
        assert_eq!(row[key], expected, "{key} in {row}");
    }
    assert_eq!(nums(&row["event_ids"]).len(), 5);
    assert_eq!(row["amended"], false);
    let text = stdout(&s.run(&["view", "lifecycle"]));
    assert!(
        text.contains("■ 給与所得の源泉徴収票 ／ 〇〇（〇課） ／ 扶養家族: 〇〇 〇〇"),
        "{text}"
    );
}

// ---- 4. The audit chain ----

#[test]
fn every_change_and_read_of_the_log_is_in_the_audit_chain() {
    let s = office();
    let id = ok_json(&s, &strs(&event_add("use", "--note", "初回")))["id"]
        .as_i64()
        .unwrap();
    let target = format!("event:{id}");
    assert_success(&s.run(&[
        "event",
        "amend",
        &id.to_string(),
        "--reason",
        "備考の誤り",
        "--note",
        "二回目",
    ]));
    assert_success(&s.run(&["event", "list", "--kind", "use"]));
    assert_success(&s.run(&["event", "show", &id.to_string()]));
    assert_success(&s.run(&["event", "history", &id.to_string()]));
    assert_success(&s.run(&["view", "lifecycle"]));
    assert_success(&s.run(&["ledger", "show", "1"]));

    let rows = audit_rows(&s);
    let has = |action: &str, target: &str| {
        rows.iter()
            .filter(|r| r["action"] == action && r["target"] == target)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(has("create", &target).len(), 1, "{rows:?}");
    assert_eq!(has("create", "ledger:1").len(), 1);
    let amend = has("amend", &target);
    assert_eq!(amend.len(), 1);
    assert!(
        text(&amend[0]["detail"]).contains("備考の誤り"),
        "{amend:?}"
    );
    let reads = has("read", "events");
    assert_eq!(reads.len(), 2, "event list and view lifecycle: {rows:?}");
    assert!(text(&reads[0]["detail"]).contains("種別=use"), "{reads:?}");
    assert_eq!(has("read", &target).len(), 2, "show and history");
    assert_eq!(has("read", "ledger:1").len(), 1);
    assert!(rows.iter().all(|r| r["actor"] == OFFICER));
    let out = s.run(&["--json", "audit", "verify"]);
    assert_success(&out);
    assert_eq!(json(&out)["ok"], true);
}

#[test]
fn a_withdrawn_event_stays_listed_marked_and_cannot_be_withdrawn_again() {
    let s = office();
    let first = ok_json(&s, &strs(&event_add("use", "--note", "誤登録")));
    let id = first["id"].as_i64().unwrap().to_string();
    let out = s.run(&["event", "withdraw", &id, "--reason", " "]);
    assert_refused(&out, 1, "取消しの理由");
    let withdrawn = ok_json(&s, &["event", "withdraw", &id, "--reason", "本人違い"]);
    assert_eq!(withdrawn["withdrawn"], true);
    assert_eq!(withdrawn["version"], 2);
    let list = ok_json(&s, &["event", "list"]);
    assert_eq!(list[0]["withdrawn"], "本人違い");
    let out = s.run(&["event", "withdraw", &id, "--reason", "もう一度"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("すでに取り消されています"),
        "{}",
        stderr(&out)
    );
}
