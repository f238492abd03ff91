//! The My Number guard on every field and ID of `kiroku ledger …`, `kiroku event …` and
//! `kiroku view …`, through the real binary: refused, named, never echoed, nothing kept.

#![allow(clippy::unwrap_used)]

mod common;

use common::log::*;
use common::*;

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
