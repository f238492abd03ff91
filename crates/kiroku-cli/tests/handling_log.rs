//! `kiroku ledger …`, `kiroku event …` and `kiroku view …` through the real binary: the My
//! Number guard on every field, bad input, the happy paths, the 002 example and the audit chain.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::Value;
use std::process::Output;
use unicode_normalization::UnicodeNormalization;

/// One valid 個人番号 (check digit 8) in the forms people type it.
const MY_NUMBERS: [&str; 4] = [
    "123456789018",
    "1234 5678 9018",
    "１２３４-５６７８-９０１８",
    "番号は123456789018です",
];

/// A day that has certainly come (the CLI reads the real clock).
const DATE: &str = "令和7年12月10日";

/// A 台帳 entry that is valid as it stands.
const LEDGER: [(&str, &str); 9] = [
    ("--name", "給与所得の源泉徴収票"),
    ("--scope", "役職員及び扶養家族の個人番号、氏名"),
    ("--dept", "総務課"),
    ("--owner", OFFICER),
    ("--handlers", OFFICER),
    ("--purpose", "源泉徴収票の作成及び税務署への提出"),
    ("--retention", "翌年1月10日の翌日から7年"),
    ("--disposal", "shred"),
    ("--location", "総務課キャビネット（施錠可）"),
];

/// `base` as arguments, with `flag` set to `value` (replaced, or added when absent).
fn with(base: &[(&str, &str)], flag: &str, value: &str) -> Vec<String> {
    let mut args: Vec<String> = Vec::new();
    let mut replaced = false;
    for (f, v) in base {
        args.push((*f).to_owned());
        if *f == flag {
            args.push(value.to_owned());
            replaced = true;
        } else {
            args.push((*v).to_owned());
        }
    }
    if !replaced {
        args.push(flag.to_owned());
        args.push(value.to_owned());
    }
    args
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// `ledger add` with `flag` set to `value`.
fn ledger_add(flag: &str, value: &str) -> Vec<String> {
    [
        vec!["ledger".to_owned(), "add".to_owned()],
        with(&LEDGER, flag, value),
    ]
    .concat()
}

/// A valid `event add` of `kind` for person 1 under affair 1: the details the kind needs.
fn event_base(kind: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut base = vec![
        ("--kind", kind),
        ("--date", DATE),
        ("--affair", "1"),
        ("--person", "1"),
    ];
    base.extend_from_slice(match kind {
        "acquire" => &[("--source", "person"), ("--method", "mynumber_card")][..],
        "record" => &[("--file", "1")],
        "use" => &[("--content", "源泉徴収票の作成")],
        "output" => &[("--content", "源泉徴収票")],
        "take_out" => &[
            ("--content", "税務署への提出"),
            ("--to", "〇〇税務署"),
            ("--measures", "seal"),
        ],
        "submit" => &[("--to", "tax_office"), ("--via", "e_filing")],
        "hand_over" => &[("--sealed", "yes")],
        "dispose" => &[("--content", "個人番号カードコピー"), ("--method", "shred")],
        "certificate" => &[("--contractor", "〇〇社"), ("--certificate-no", "A-1")],
        "refusal" => &[("--content", "個人番号の提供"), ("--answer", "提供を拒否")],
        "correct" => &[
            ("--content", "住所の訂正"),
            ("--correction-reason", "転居"),
            ("--requester", "本人"),
            ("--officer", OFFICER),
        ],
        other => panic!("no base for {other}"),
    });
    base
}

/// `event add` of `kind` with `flag` set to `value`.
fn event_add(kind: &'static str, flag: &str, value: &str) -> Vec<String> {
    [
        vec!["event".to_owned(), "add".to_owned()],
        with(&event_base(kind), flag, value),
    ]
    .concat()
}

/// Panics if `text`, NFKC-normalised, shows any part of the refused number.
fn assert_no_my_number(what: &str, text: &str) {
    let folded: String = text.nfkc().collect();
    assert!(
        !folded.contains("9018"),
        "{what} repeats the 個人番号: {text}"
    );
}

/// Refused by the guard: exit 1, the field named (on stderr and in the JSON error), and the
/// number nowhere in the output. The command must have been run with `--json`.
fn assert_guarded(out: &Output, field: &str, case: &str) {
    let err = stderr(out);
    assert_eq!(code(out), 1, "{case}\nstderr: {err}");
    assert!(
        err.starts_with(&format!("エラー: {field}: ")),
        "{case}: expected the field «{field}» in: {err}"
    );
    assert!(err.contains("個人番号"), "{case}: {err}");
    let body = json(out);
    assert_eq!(body["error"]["field"], field, "{case}");
    assert_no_my_number(&format!("{case}: stderr"), &err);
    assert_no_my_number(&format!("{case}: stdout"), &stdout(out));
}

/// Like [`assert_guarded`], for a command run without `--json`.
fn assert_guarded_plain(out: &Output, field: &str) {
    let err = stderr(out);
    assert_eq!(code(out), 1, "stderr: {err}");
    assert!(err.starts_with(&format!("エラー: {field}: ")), "{err}");
    assert!(err.contains("個人番号"), "{err}");
    assert_no_my_number("stderr", &err);
}

/// Runs `kiroku --json ARGS` where `{}` in ARGS is each form of the number in turn, and
/// checks each is refused for `field`.
fn refuse_everywhere(s: &Sandbox, args: &[String], field: &str) {
    for n in MY_NUMBERS {
        let filled: Vec<String> = args.iter().map(|a| a.replace("{}", n)).collect();
        let mut full = vec!["--json"];
        full.extend(strs(&filled));
        let out = s.run(&full);
        assert_guarded(&out, field, &filled.join(" "));
    }
}

/// What a refusal must leave unchanged: the events, the 台帳, the people, the records' audit
/// rows and the key file.
#[derive(Debug, PartialEq)]
struct Saved {
    events: Value,
    ledger: Value,
    persons: Value,
    changes: Vec<(String, String)>,
    keys: Vec<u8>,
}

fn saved(s: &Sandbox) -> Saved {
    let list = |args: &[&str]| {
        let out = s.run(args);
        assert_success(&out);
        json(&out)
    };
    Saved {
        events: list(&["--json", "event", "list"]),
        ledger: list(&["--json", "ledger", "list"]),
        persons: list(&["--json", "person", "list"]),
        changes: audit_rows(s)
            .iter()
            .filter(|r| r["action"] == "create" || r["action"] == "amend")
            .map(|r| (text(&r["action"]), text(&r["target"])))
            .collect(),
        keys: s.snapshot().1,
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

fn audit_rows(s: &Sandbox) -> Vec<Value> {
    let out = s.run(&["--json", "audit", "list", "--limit", "100000"]);
    assert_success(&out);
    json(&out).as_array().unwrap().clone()
}

/// After refusals: nothing new was saved, and neither the audit chain (its words: the hash and
/// the time are hex and digits that may hold "9018" by chance) nor any file of the vault
/// folder holds the number.
fn assert_nothing_kept(s: &Sandbox, before: &Saved) {
    assert_eq!(&saved(s), before, "a refused command saved something");
    for row in audit_rows(s) {
        for key in ["actor", "action", "target", "detail"] {
            assert_no_my_number(&format!("audit row {row}"), &text(&row[key]));
        }
    }
    assert_eq!(code(&s.run(&["audit", "verify"])), 0);
    // The vault is encrypted; its key file must be unchanged (above) and no attempts file
    // may have been written (no login failed).
    assert!(
        !kiroku_store::paths::attempts_file(&s.vault).exists(),
        "an attempts file was written"
    );
    let needles: Vec<Vec<u8>> = ["9018", "９０１８", "123456789018", "１２３４"]
        .iter()
        .map(|n| n.as_bytes().to_vec())
        .collect();
    for entry in std::fs::read_dir(s.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() || path == kiroku_store::paths::keys_file(&s.vault) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for needle in &needles {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
                "{} holds {}",
                path.display(),
                String::from_utf8_lossy(needle)
            );
        }
    }
}

fn ok_json(s: &Sandbox, args: &[&str]) -> Value {
    let out = s.run(&[&["--json"], args].concat());
    assert_success(&out);
    json(&out)
}

fn add_person(s: &Sandbox, name: &str, dept: &str) -> i64 {
    ok_json(
        s,
        &[
            "person", "add", "--kind", "staff", "--name", name, "--dept", dept,
        ],
    )["id"]
        .as_i64()
        .unwrap()
}

/// A vault with person 1 (〇〇 of 〇課, dependent 〇〇 〇〇) and 台帳 NO.1.
fn office() -> Sandbox {
    let s = Sandbox::new();
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
    let entry = ok_json(&s, &strs(&ledger_add("--name", "給与所得の源泉徴収票")));
    assert_eq!(entry["no"], 1);
    s
}

fn ids(rows: &Value, key: &str) -> Vec<i64> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].as_i64().unwrap())
        .collect()
}

fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| (*x).to_owned()).collect()
}

/// The numbers of a JSON array.
fn nums(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_i64().unwrap())
        .collect()
}

/// `pairs` as arguments.
fn flat(pairs: &[(&str, &str)]) -> Vec<String> {
    pairs
        .iter()
        .flat_map(|(f, v)| [(*f).to_owned(), (*v).to_owned()])
        .collect()
}

/// `args` without `flag` and its value.
fn without(mut args: Vec<String>, flag: &str) -> Vec<String> {
    let at = args.iter().position(|a| a == flag).unwrap();
    args.drain(at..at + 2);
    args
}

/// Today in Japan, as the binary reads it from the real clock (Japan keeps no summer time).
#[allow(clippy::disallowed_methods)]
fn jst_today() -> chrono::NaiveDate {
    let jst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
    chrono::Utc::now().with_timezone(&jst).date_naive()
}

/// `event add --json` of a use for the persons listed in a file holding `lines`.
fn persons_file_event(s: &Sandbox, lines: &str) -> Output {
    let file = s.path("persons.txt");
    std::fs::write(&file, lines).unwrap();
    let args = without(event_add("use", "--note", "一括"), "--person");
    let out = s.run(&strs(
        &[
            owned(&["--json"]),
            args,
            owned(&["--persons-file", file.to_str().unwrap()]),
        ]
        .concat(),
    ));
    std::fs::remove_file(&file).unwrap();
    out
}

// ---- 1. The My Number guard ----

#[test]
fn every_text_field_of_an_event_refuses_a_my_number() {
    let s = office();
    let before = saved(&s);
    let cases: [(&'static str, &str, &str, &str); 18] = [
        ("use", "--content", "{}", "利用の内容"),
        ("use", "--note", "{}", "備考"),
        ("use", "--affair", "{}", "関係事務"),
        ("use", "--dependent", "{}", "扶養家族"),
        ("output", "--content", "{}", "出力したもの"),
        ("take_out", "--content", "{}", "持出しの目的"),
        ("take_out", "--to", "{}", "持出先"),
        ("take_out", "--measures", "other:{}", "安全措置"),
        ("submit", "--to", "tax_office:{}", "提出先"),
        ("submit", "--via", "other:{}", "提出方法"),
        ("acquire", "--source", "other:{}", "取得元"),
        ("acquire", "--method", "other:{}", "本人確認方法"),
        ("dispose", "--method", "other:{}", "廃棄・削除の方法"),
        ("dispose", "--contractor", "{}", "委託先"),
        ("certificate", "--certificate-no", "{}", "証明書番号"),
        ("refusal", "--answer", "{}", "回答"),
        ("correct", "--requester", "{}", "請求者"),
        ("correct", "--correction-reason", "{}", "訂正理由"),
    ];
    for (kind, flag, value, field) in cases {
        refuse_everywhere(&s, &event_add(kind, flag, value), field);
    }
    assert_nothing_kept(&s, &before);
}

#[test]
fn every_text_field_of_the_ledger_and_of_corrections_refuses_a_my_number() {
    let s = office();
    let event = ok_json(&s, &strs(&event_add("use", "--note", "初回")));
    let id = event["id"].as_i64().unwrap().to_string();
    let before = saved(&s);
    for (flag, value, field) in [
        ("--name", "{}", "名称"),
        ("--scope", "{}", "特定個人情報の範囲"),
        ("--dept", "{}", "取扱部署"),
        ("--purpose", "{}", "利用目的"),
        ("--retention", "{}", "保存期間"),
        ("--disposal", "other:{}", "廃棄・削除"),
        ("--location", "{}", "保管場所"),
    ] {
        refuse_everywhere(&s, &ledger_add(flag, value), field);
    }
    let ledger_amend = |extra: &[&str]| owned(&[&["ledger", "amend", "1"], extra].concat());
    refuse_everywhere(
        &s,
        &ledger_amend(&["--reason", "{}", "--name", "源泉徴収票"]),
        "訂正の理由",
    );
    refuse_everywhere(
        &s,
        &ledger_amend(&["--reason", "名称の誤り", "--name", "{}"]),
        "名称",
    );
    refuse_everywhere(
        &s,
        &ledger_amend(&["--reason", "場所の変更", "--location", "{}"]),
        "保管場所",
    );
    let event_amend = |extra: &[&str]| owned(&[&["event", "amend", id.as_str()], extra].concat());
    refuse_everywhere(
        &s,
        &event_amend(&["--reason", "{}", "--note", "直した"]),
        "訂正の理由",
    );
    refuse_everywhere(
        &s,
        &event_amend(&["--reason", "備考の誤り", "--note", "{}"]),
        "備考",
    );
    refuse_everywhere(
        &s,
        &event_amend(&["--reason", "内容の誤り", "--content", "{}"]),
        "利用の内容",
    );
    assert_nothing_kept(&s, &before);
}

#[test]
fn an_id_that_looks_like_a_my_number_is_refused_without_echo() {
    let s = office();
    let event = ok_json(&s, &strs(&event_add("use", "--note", "初回")));
    assert_eq!(event["id"], 1);
    let before = saved(&s);
    for (args, field) in [
        (owned(&["event", "show", "{}"]), "記録ID"),
        (owned(&["event", "history", "{}"]), "記録ID"),
        (
            owned(&["event", "amend", "{}", "--reason", "誤り", "--note", "x"]),
            "記録ID",
        ),
        (owned(&["ledger", "show", "{}"]), "台帳 NO."),
        (owned(&["ledger", "history", "{}"]), "台帳 NO."),
        (
            owned(&["ledger", "amend", "{}", "--reason", "誤り", "--name", "x"]),
            "台帳 NO.",
        ),
        (event_add("use", "--person", "{}"), "本人"),
        (event_add("use", "--person", "1,{}"), "本人"),
        (event_add("use", "--file", "{}"), "特定個人情報ファイル"),
        (
            owned(&["event", "amend", "1", "--reason", "誤り", "--person", "{}"]),
            "本人",
        ),
        (
            owned(&["event", "amend", "1", "--reason", "誤り", "--file", "{}"]),
            "特定個人情報ファイル",
        ),
        (owned(&["event", "list", "--person", "{}"]), "本人"),
        (owned(&["view", "lifecycle", "--person", "{}"]), "本人"),
        (
            owned(&["view", "chronological", "--file", "{}"]),
            "特定個人情報ファイル",
        ),
    ] {
        refuse_everywhere(&s, &args, field);
    }
    // The full-width form of the brief, as one run of digits.
    let out = s.run(&strs(
        &[
            owned(&["--json"]),
            event_add("use", "--file", "１２３４５６７８９０１８"),
        ]
        .concat(),
    ));
    assert_guarded(
        &out,
        "特定個人情報ファイル",
        "--file １２３４５６７８９０１８",
    );
    // A persons file with a 個人番号 on a line: refused by line number, never echoed.
    for n in MY_NUMBERS {
        let out = persons_file_event(&s, &format!("# 対象者\n1\n{n}\n"));
        assert_refused(&out, 1, "本人の一覧ファイル");
        assert!(stderr(&out).contains("3 行目"), "{}", stderr(&out));
        assert_no_my_number("stderr", &stderr(&out));
        assert_no_my_number("stdout", &stdout(&out));
    }
    assert_nothing_kept(&s, &before);
}

#[test]
fn thirteen_and_eleven_digits_are_not_a_my_number() {
    let s = office();
    for note in ["1234567890123", "12345678901", "法人番号 1234567890123"] {
        let out = s.run(&strs(
            &[owned(&["--json"]), event_add("use", "--note", note)].concat(),
        ));
        assert_success(&out);
        assert_eq!(json(&out)["fields"]["note"], note);
    }
    let out = s.run(&strs(&ledger_add("--location", "書庫 12345678901")));
    assert_success(&out);
    // Tomorrow is still accepted (a clerk a little past midnight, a clock a little behind).
    let tomorrow = (jst_today() + chrono::Duration::days(1)).to_string();
    assert_success(&s.run(&strs(&event_add("use", "--date", &tomorrow))));
}

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

// ---- User IDs and persons files ----

/// A user ID passes the guard (`LoginId::parse`): `--clerk` and `--user` never echo a number,
/// and a failed login never writes one to the `.attempts` file.
#[test]
fn a_user_id_that_looks_like_a_my_number_is_never_echoed_or_kept() {
    let s = office();
    assert_success(&s.run(&strs(&event_add("use", "--note", "初回"))));
    let before = saved(&s);
    refuse_everywhere(&s, &event_add("use", "--clerk", "{}"), "担当");
    refuse_everywhere(
        &s,
        &owned(&["event", "amend", "1", "--reason", "誤り", "--clerk", "{}"]),
        "担当",
    );
    // Digits and hyphens are valid in a login ID, so this form reaches the "unknown user" text.
    let out = s.run(&strs(&event_add("use", "--clerk", "1234-5678-9018")));
    assert_guarded_plain(&out, "担当");
    for n in MY_NUMBERS {
        let out = s.run_as(n, PASSWORD, &["event", "list"]);
        assert_ne!(code(&out), 0);
        assert_no_my_number("stderr", &stderr(&out));
    }
    assert_nothing_kept(&s, &before);
}

/// The whole persons-file line passes the guard before it is cut at the first space, so
/// `1234 5678 9018` is refused rather than taken as person ID 1234.
#[test]
fn a_persons_file_line_with_a_spaced_my_number_is_refused_by_the_guard() {
    let s = office();
    let before = saved(&s);
    let out = persons_file_event(&s, "# 対象者\n1\n1234 5678 9018\n");
    assert_refused(&out, 1, "本人の一覧ファイル");
    assert!(stderr(&out).contains("3 行目"), "{}", stderr(&out));
    assert_nothing_kept(&s, &before);
}
