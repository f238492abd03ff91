//! `kiroku print …`, `kiroku setting dates …` and `kiroku init --recovery-pdf`.
#![allow(clippy::unwrap_used)]

mod common;

use common::log::{ledger_add, strs};
use common::*;
use std::process::Command;

/// The PDF's text in drawing order, whitespace removed (cells wrap).
fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed by these tests");
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn init_writes_the_recovery_sheet_beside_the_code() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("new.kiroku");
    let sheet = dir.path().join("復旧用キー.pdf");
    let out = kiroku(dir.path())
        .arg("--vault")
        .arg(&vault)
        .args([
            "--user",
            "tanaka",
            "--json",
            "init",
            "--org",
            "○○広域事務組合",
        ])
        .args(["--name", "田中一郎", "--recovery-pdf"])
        .arg(&sheet)
        .env("KIROKU_NEW_PASSWORD", "tanaka-pass-1")
        .output_retried();
    assert_success(&out);
    let code = json(&out)["recovery_code"].as_str().unwrap().to_owned();
    let text = pdf_text(&sheet);
    assert!(text.contains(&code), "{text}");
    assert!(text.contains("○○広域事務組合"));
}

#[test]
fn print_writes_each_form_and_says_how_many_pages() {
    let s = Sandbox::new();
    assert_success(&s.run(&strs(&ledger_add("--name", "給与所得の源泉徴収票（控え）"))));
    let pdf = s.path("台帳.pdf");
    let out = s.run(&["print", "ledger", "--out", pdf.to_str().unwrap()]);
    assert_success(&out);
    assert!(stdout(&out).contains("特定個人情報管理台帳を印刷しました"));
    assert!(stdout(&out).contains("1ページ"));
    assert!(pdf_text(&pdf).contains("給与所得の源泉徴収票（控え）"));

    let out = s.run(&[
        "--json",
        "print",
        "chronological",
        "--fy",
        "R7",
        "--out",
        s.path("log.pdf").to_str().unwrap(),
    ]);
    assert_success(&out);
    assert_eq!(json(&out)["form"], "chronological");
    assert!(json(&out)["pages"].as_u64().unwrap() >= 1);

    // 西暦 by the officer's setting.
    assert_success(&s.run(&["setting", "dates", "seireki"]));
    assert!(stdout(&s.run(&["setting", "show"])).contains("西暦"));
    let out = s.run(&["print", "ledger", "--out", pdf.to_str().unwrap()]);
    assert_success(&out);
    assert!(pdf_text(&pdf).contains("作成日：20"));
}

#[test]
fn bad_print_requests_are_refused_with_the_field() {
    let s = Sandbox::new();
    let out_path = s.path("x.pdf");
    let out = out_path.to_str().unwrap();
    assert_refused(&s.run(&["print", "receipt", "--out", out]), 1, "記録票");
    assert_refused(
        &s.run(&["print", "evaluation", "--out", out]),
        1,
        "評価シート",
    );
    assert_refused(
        &s.run(&["print", "evaluation", "--eval", "abc", "--out", out]),
        1,
        "評価シート",
    );
    assert_refused(
        &s.run(&[
            "print",
            "ledger",
            "--out",
            s.path("nowhere/x.pdf").to_str().unwrap(),
        ]),
        1,
        "出力先",
    );
    assert_eq!(code(&s.run(&["print", "ledger"])), 2, "--out is required");
    assert!(!out_path.exists());
}
