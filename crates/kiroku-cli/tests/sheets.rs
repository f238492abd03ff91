//! `kiroku import …` and `kiroku export …`: a staff list with a 個人番号 column previewed
//! (`--dry-run --json`) and imported, then written back out; the numbers appear in no output,
//! no message and no file the command writes.

mod common;

use common::*;

const NUMBERS: [&str; 2] = ["528473910645", "5284-7391-0645"];

fn assert_no_number(what: &str, text: &str) {
    for n in NUMBERS {
        assert!(!text.contains(n), "{what} holds the 個人番号: {text}");
    }
}

#[test]
fn a_staff_list_with_my_numbers_goes_in_and_out_without_them() {
    let s = Sandbox::new();
    let csv = s.path("職員名簿.csv");
    std::fs::write(
        &csv,
        "社員番号,所属,氏名,フリガナ,生年月日,個人番号\r\n\
         0001,総務課,山田 一郎,やまだ いちろう,昭和50年4月1日,528473910645\r\n\
         0002,業務課,佐藤 花子,サトウ ハナコ,H2.10.10,5284-7391-0645\r\n",
    )
    .unwrap();
    let csv = csv.display().to_string();

    let out = s.run(&["--json", "import", "persons", "--from", &csv, "--dry-run"]);
    assert_success(&out);
    assert_no_number("stdout", &stdout(&out));
    assert_no_number("stderr", &stderr(&out));
    let preview = json(&out);
    assert_eq!(preview["add"].as_array().unwrap().len(), 2);
    assert_eq!(preview["refused"].as_array().unwrap().len(), 0);
    assert_eq!(
        preview["notices"][0],
        "個人番号の列（F列）は取り込みません。"
    );
    assert!(preview["dropped_my_number"].as_array().unwrap().is_empty());

    let out = s.run(&["import", "persons", "--from", &csv]);
    assert_success(&out);
    assert!(stdout(&out).contains("追加 2件"), "{}", stdout(&out));
    assert_no_number("stdout", &stdout(&out));

    let again = s.run(&["--json", "import", "persons", "--from", &csv, "--dry-run"]);
    assert_eq!(json(&again)["skip"].as_array().unwrap().len(), 2);

    // The import is listed with its counts (and withdrawn as a whole at the end).
    let list = s.run(&["--json", "imports", "list"]);
    assert_success(&list);
    let batches = json(&list);
    assert_eq!(batches.as_array().unwrap().len(), 1);
    assert_eq!(batches[0]["kind"], "persons");
    assert_eq!(batches[0]["added"], 2);
    let batch = batches[0]["id"].to_string();

    for format in ["xlsx", "csv", "csv-sjis"] {
        let file = s.path(&format!(
            "本人.{}",
            if format == "xlsx" { "xlsx" } else { "csv" }
        ));
        let out = s.run(&[
            "export",
            "persons",
            "--format",
            format,
            "--out",
            &file.display().to_string(),
        ]);
        assert_success(&out);
        assert!(stdout(&out).contains("2行"), "{}", stdout(&out));
        let bytes = std::fs::read(&file).unwrap();
        assert_no_number(format, &String::from_utf8_lossy(&bytes));
    }
    let audit = s.run(&["--json", "audit", "list", "--limit", "50"]);
    assert_no_number("the audit log", &stdout(&audit));
    assert!(stdout(&audit).contains("list:persons"));

    // Withdrawn as a whole: the two persons leave the list, the import says why.
    let out = s.run(&["imports", "withdraw", &batch, "--reason", "誤ったファイル"]);
    assert_success(&out);
    let persons = s.run(&["--json", "person", "list"]);
    assert_eq!(json(&persons).as_array().unwrap().len(), 0);
    let list = s.run(&["imports", "list"]);
    assert!(
        stdout(&list).contains("取消済（誤ったファイル）"),
        "{}",
        stdout(&list)
    );
    let out = s.run(&["imports", "withdraw", &batch, "--reason", "もう一度"]);
    assert_refused(&out, 1, "すでに取り消されています");
}

#[test]
fn an_unknown_list_or_a_missing_file_is_refused_in_japanese() {
    let s = Sandbox::new();
    let out = s.run(&[
        "export",
        "people",
        "--out",
        &s.path("x.xlsx").display().to_string(),
    ]);
    assert_refused(&out, 1, "一覧");
    let out = s.run(&[
        "import",
        "persons",
        "--from",
        &s.path("ない.xlsx").display().to_string(),
    ]);
    assert_refused(&out, 1, "ファイルを読めません");
}
