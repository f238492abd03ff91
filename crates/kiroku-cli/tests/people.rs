//! `kiroku person …` and `kiroku affair …` on the command line.

mod common;

use common::*;

#[test]
fn persons_and_dependents_through_the_command_line() {
    let s = Sandbox::new();
    let out = s.run(&[
        "--json",
        "person",
        "add",
        "--kind",
        "staff",
        "--name",
        "山田 一郎",
        "--dept",
        "総務課",
    ]);
    assert_success(&out);
    let p = json(&out);
    let id = p["id"].as_i64().unwrap().to_string();
    assert_eq!(p["kind_label"], "職員等");

    let out = s.run(&[
        "--json",
        "person",
        "dependent",
        "add",
        &id,
        "--name",
        "山田 花子",
        "--relation",
        "配偶者",
    ]);
    assert_success(&out);
    assert_eq!(json(&out)["dependents"][0]["relation"], "配偶者");

    let out = s.run(&["person", "leave", &id, "--date", "R8.3.31"]);
    assert_success(&out);
    assert!(stdout(&out).contains("令和8年3月31日"), "{}", stdout(&out));

    let list = json(&s.run(&["--json", "person", "list"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["left_on"], "2026-03-31");
    let shown = stdout(&s.run(&["person", "show", &id]));
    assert!(shown.contains("扶養家族: 山田 花子（配偶者）"), "{shown}");
}

#[test]
fn bad_person_input_exits_1_naming_the_field() {
    let s = Sandbox::new();
    assert_refused(
        &s.run(&["person", "add", "--kind", "boss", "--name", "山田"]),
        1,
        "種別",
    );
    assert_refused(
        &s.run(&[
            "person",
            "add",
            "--kind",
            "employer-staff",
            "--name",
            "田中",
        ]),
        1,
        "委託事業主名",
    );
    let out = s.run(&[
        "person",
        "add",
        "--kind",
        "staff",
        "--name",
        "山田 1234 5678 9018",
    ]);
    assert_refused(&out, 1, "個人番号");
    assert!(!stderr(&out).contains("9018"));
    assert_refused(&s.run(&["person", "show", "99"]), 1, "99");
    let p = json(&s.run(&[
        "--json", "person", "add", "--kind", "staff", "--name", "佐藤",
    ]));
    let id = p["id"].as_i64().unwrap().to_string();
    assert_refused(
        &s.run(&["person", "leave", &id, "--date", "令和7年2月29日"]),
        1,
        "退職日",
    );
    assert_refused(
        &s.run(&["person", "leave", &id, "--date", "2999-01-01"]),
        1,
        "未来",
    );
}

#[test]
fn an_auditor_cannot_write_and_a_clerk_cannot_edit_the_affair_catalog() {
    let s = Sandbox::new();
    assert_success(&s.run_setting(
        "audit-pass-1",
        &[
            "user", "add", "--id", "kansa", "--name", "監査", "--role", "auditor",
        ],
    ));
    s.add_clerk("sato", "clerk-pass-1");
    let out = s.run_as(
        "kansa",
        "audit-pass-1",
        &["person", "add", "--kind", "staff", "--name", "山田"],
    );
    assert_refused(&out, 3, "閲覧のみ");
    let out = s.run_as(
        "sato",
        "clerk-pass-1",
        &["affair", "add", "--name", "独自事務"],
    );
    assert_refused(&out, 3, "事務取扱責任者だけ");
    let out = s.run(&[
        "--json",
        "affair",
        "add",
        "--name",
        "独自事務",
        "--basis",
        "規程第3条",
    ]);
    assert_success(&out);
    assert_eq!(json(&out)["name"], "独自事務");
    let list = json(&s.run(&["--json", "affair", "list"]));
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["name"] == "独自事務"));
}

#[test]
fn init_takes_an_office_type_template() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("kyosai.kiroku");
    let init = |template: &str| {
        kiroku(dir.path())
            .arg("--vault")
            .arg(&vault)
            .args([
                "--user",
                "boss",
                "init",
                "--org",
                "○○共済組合",
                "--name",
                "山田",
                "--template",
                template,
            ])
            .env("KIROKU_NEW_PASSWORD", PASSWORD)
            .output_retried()
    };
    assert_refused(&init("ginkou"), 1, "テンプレート");
    assert!(!vault.exists());
    assert_success(&init("kyosai"));
    let out = kiroku(dir.path())
        .arg("--vault")
        .arg(&vault)
        .args(["--json", "affair", "list"])
        .env("KIROKU_PASSWORD", PASSWORD)
        .output_retried();
    let affairs = json(&out);
    assert_eq!(affairs.as_array().unwrap().len(), 7);
    assert_eq!(affairs[1]["basis"], "001 第4条(2)");
}

/// A name with a character no printed form can draw is saved, and the clerk is told which
/// character, at once; a name the fonts draw (𠮷, 髙, 﨑, 葛󠄀) gets no warning.
#[test]
fn a_name_the_forms_cannot_draw_is_named_at_entry() {
    let s = Sandbox::new();
    let out = s.run(&["person", "add", "--kind", "staff", "--name", "山田 😀太郎"]);
    assert_success(&out);
    let err = stderr(&out);
    assert!(err.contains("注意: 氏名の 「😀」(U+1F600)"), "{err}");
    for name in ["𠮷田 一郎", "髙橋 二郎", "山﨑 三郎", "葛\u{E0100}城 四郎"] {
        let out = s.run(&["person", "add", "--kind", "staff", "--name", name]);
        assert_success(&out);
        assert!(!stderr(&out).contains("注意"), "{name}: {}", stderr(&out));
    }
}
