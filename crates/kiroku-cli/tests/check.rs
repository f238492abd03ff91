//! `kiroku check …`, `kiroku print check` and `kiroku reminders`: a check begun, answered, signed
//! in order (a clerk cannot 確認), frozen, shown as JSON with its items, printed and read back;
//! a reminder listed and put aside.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;

#[test]
fn a_check_from_the_command_line_answered_signed_frozen_and_printed() {
    let s = Sandbox::new();
    s.add_clerk("sato", "clerk-pass-1");
    let pdf = s.path("点検結果報告書.pdf");
    assert_refused(
        &s.run(&["print", "check", "--out", &pdf.display().to_string()]),
        1,
        "--id",
    );
    let out = s.run_as("sato", "clerk-pass-1", &["--json", "check", "new"]);
    assert_success(&out);
    let id = json(&out)["id"].to_string();
    let again = s.run(&["check", "new"]);
    assert_refused(&again, 1, "--adhoc");

    assert_success(&s.run_as(
        "sato",
        "clerk-pass-1",
        &[
            "check",
            "answer",
            &id,
            "M1=不適",
            "--note",
            "鍵を共用している",
        ],
    ));
    assert_refused(
        &s.run(&["check", "answer", &id, "M99=適"]),
        1,
        "A1〜A14、M1〜M10",
    );
    assert_refused(&s.run(&["check", "answer", &id, "M1"]), 1, "項目=結果");
    let out = s.run_as(
        "sato",
        "clerk-pass-1",
        &[
            "check",
            "action",
            "add",
            &id,
            "--what",
            "鍵を担当者ごとにする",
            "--owner",
            "佐藤 花子",
            "--due",
            "令和20年6月30日",
        ],
    );
    assert_success(&out);

    // A clerk writes 作成 and cannot 確認.
    assert_success(&s.run_as(
        "sato",
        "clerk-pass-1",
        &["check", "sign", &id, "--as", "creator"],
    ));
    assert_refused(
        &s.run_as(
            "sato",
            "clerk-pass-1",
            &["check", "sign", &id, "--as", "officer"],
        ),
        3,
        "事務取扱責任者だけ",
    );
    let out = s.run(&["check", "sign", &id, "--as", "officer"]);
    assert_success(&out);
    assert!(stdout(&out).contains("確定"), "{}", stdout(&out));
    assert_refused(&s.run(&["check", "answer", &id, "M1=適"]), 1, "確認済み");

    let show = json(&s.run(&["--json", "check", "show", &id]));
    let items = show["items"].as_array().unwrap();
    assert_eq!(items.len(), 24);
    let a1 = &items[0];
    assert_eq!(
        (a1["id"].as_str(), a1["auto"].as_bool()),
        (Some("A1"), Some(true))
    );
    assert!(
        a1["figure"].as_str().unwrap().starts_with("取扱記録"),
        "{a1}"
    );
    assert!(a1["findings"].as_array().unwrap().is_empty(), "{a1}");
    let m1 = items.iter().find(|i| i["id"] == "M1").unwrap();
    assert_eq!(
        (m1["result"].as_str(), m1["auto"].as_bool()),
        (Some("不適"), Some(false))
    );
    // No backup yet: A8 names it.
    let a8 = items.iter().find(|i| i["id"] == "A8").unwrap();
    assert!(
        a8["findings"][0]["text"]
            .as_str()
            .unwrap()
            .contains("バックアップ"),
        "{a8}"
    );
    assert_eq!(show["frozen"], true);

    let out = s.run(&[
        "print",
        "check",
        "--id",
        &id,
        "--out",
        &pdf.display().to_string(),
    ]);
    assert_success(&out);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let text = pdf_text(&pdf);
    for want in [
        "点検（監査）結果報告書",
        "鍵を共用している",
        "鍵を担当者ごとにする",
        "佐藤花子",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(path)
        .arg("-")
        .output_retried();
    assert!(
        out.status.success(),
        "pdftotext (poppler-utils) is needed by these tests"
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn reminders_are_listed_and_put_aside() {
    let s = Sandbox::new();
    // A new vault has no backup yet.
    let list = json(&s.run(&["--json", "reminders"]));
    let backup = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "backup")
        .cloned()
        .unwrap_or_else(|| panic!("{list}"));
    let status = stdout(&s.run(&["status"]));
    assert!(
        status.contains("お知らせ: まだバックアップがありません"),
        "{status}"
    );
    let key = backup["key"].as_str().unwrap();
    let out = s.run(&["reminders", "--dismiss", key, "--days", "3"]);
    assert_success(&out);
    let list = json(&s.run(&["--json", "reminders"]));
    assert!(
        !list
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == "backup"),
        "{list}"
    );
    assert_refused(
        &s.run(&["reminders", "--dismiss", key, "--days", "400"]),
        1,
        "1日から90日",
    );
}
