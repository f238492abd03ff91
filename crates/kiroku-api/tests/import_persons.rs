//! Importing a payroll staff list: fixtures written by the test itself (an xlsx with a
//! two-row header, a 個人番号 column, 和暦 and serial dates, dependants on their own rows; the
//! same list as a CP932 CSV). The numbers appear nowhere; a re-import finds the matches; a
//! refused row leaves nothing saved.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use kiroku_api::{ImportRequest, Session};
use kiroku_core::guard::check_digit;

const FAMILY: [&str; 20] = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
];
const FAMILY_KANA: [&str; 20] = [
    "サトウ",
    "スズキ",
    "タカハシ",
    "タナカ",
    "イトウ",
    "ワタナベ",
    "ヤマモト",
    "ナカムラ",
    "コバヤシ",
    "カトウ",
    "ヨシダ",
    "ヤマダ",
    "ササキ",
    "ヤマグチ",
    "マツモト",
    "イノウエ",
    "キムラ",
    "ハヤシ",
    "サイトウ",
    "シミズ",
];
const GIVEN: [&str; 15] = [
    "太郎", "花子", "一郎", "美咲", "健", "由美", "翔", "陽子", "大輔", "真理", "誠", "恵", "剛",
    "愛", "悟",
];
const GIVEN_KANA: [&str; 15] = [
    "タロウ",
    "ハナコ",
    "イチロウ",
    "ミサキ",
    "ケン",
    "ユミ",
    "ショウ",
    "ヨウコ",
    "ダイスケ",
    "マリ",
    "マコト",
    "メグミ",
    "ツヨシ",
    "アイ",
    "サトル",
];
const DEPTS: [&str; 4] = ["総務課", "業務課", "会計課", "施設課"];

/// A valid 個人番号 made from `seed` (its check digit computed).
fn my_number(seed: u64) -> String {
    let eleven = format!("{:011}", 10_000_000_000u64 + seed * 7_919);
    let digits: [u8; 11] = eleven
        .bytes()
        .map(|b| b - b'0')
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();
    format!("{eleven}{}", check_digit(&digits))
}

struct Staff {
    no: String,
    dept: &'static str,
    name: String,
    kana: String,
    /// 和暦 text as payroll systems write it.
    born: String,
    born_iso: String,
    /// An Excel serial date.
    joined_serial: f64,
    number: String,
    dependents: Vec<(String, &'static str, String)>,
}

fn staff_list(n: usize) -> Vec<Staff> {
    (0..n)
        .map(|i| {
            let (f, g) = (i % FAMILY.len(), (i / FAMILY.len()) % GIVEN.len());
            let year = 1960 + (i % 40) as i32;
            let (month, day) = (1 + (i % 12) as u32, 1 + (i % 28) as u32);
            let born_date = chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap();
            let born = match i % 3 {
                0 => kiroku_core::wareki::format(born_date),
                1 => {
                    let (era, y) = kiroku_core::wareki::era_year(born_date).unwrap();
                    let letter = if era.name == "昭和" { "S" } else { "H" };
                    format!("{letter}{y}.{month}.{day}")
                }
                _ => born_date.format("%Y/%m/%d").to_string(),
            };
            let dependents = (0..(i % 3))
                .map(|d| {
                    let relation = if d == 0 { "配偶者" } else { "長男" };
                    (
                        format!("{} {}", FAMILY[f], GIVEN[(g + d + 1) % GIVEN.len()]),
                        relation,
                        my_number(100_000 + (i * 10 + d) as u64),
                    )
                })
                .collect();
            Staff {
                no: format!("{:05}", 1001 + i),
                dept: DEPTS[i % DEPTS.len()],
                name: format!("{} {}", FAMILY[f], GIVEN[g]),
                kana: format!("{} {}", FAMILY_KANA[f], GIVEN_KANA[g]),
                born,
                born_iso: born_date.to_string(),
                joined_serial: 36_000.0 + (i * 37 % 9_000) as f64,
                number: my_number(i as u64),
                dependents,
            }
        })
        .collect()
}

/// The payroll export: a title row, a two-row header with 「扶養家族」 merged over its
/// columns, the 個人番号 in column D (as numbers and as hyphenated text), dependants on rows
/// of their own.
fn payroll_xlsx(path: &Path, staff: &[Staff]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("職員名簿").unwrap();
    sheet
        .write_string(0, 0, "職員名簿（令和7年4月1日現在）")
        .unwrap();
    let top = [
        "社員番号",
        "所属",
        "氏名",
        "個人番号",
        "フリガナ",
        "生年月日",
        "入社日",
        "退職日",
    ];
    for (c, t) in top.iter().enumerate() {
        sheet
            .merge_range(1, c as u16, 2, c as u16, t, &rust_xlsxwriter::Format::new())
            .unwrap();
    }
    sheet
        .merge_range(1, 8, 1, 9, "扶養家族", &rust_xlsxwriter::Format::new())
        .unwrap();
    sheet.write_string(2, 8, "氏名").unwrap();
    sheet.write_string(2, 9, "続柄").unwrap();
    let mut r = 3u32;
    for (i, s) in staff.iter().enumerate() {
        sheet.write_string(r, 0, &s.no).unwrap();
        sheet.write_string(r, 1, s.dept).unwrap();
        sheet.write_string(r, 2, &s.name).unwrap();
        if i % 2 == 0 {
            sheet
                .write_number(r, 3, s.number.parse::<f64>().unwrap())
                .unwrap();
        } else {
            let n = &s.number;
            sheet
                .write_string(r, 3, format!("{}-{}-{}", &n[..4], &n[4..8], &n[8..]))
                .unwrap();
        }
        sheet.write_string(r, 4, &s.kana).unwrap();
        sheet.write_string(r, 5, &s.born).unwrap();
        sheet.write_number(r, 6, s.joined_serial).unwrap();
        r += 1;
        for (name, relation, number) in &s.dependents {
            sheet.write_string(r, 3, number).unwrap();
            sheet.write_string(r, 8, name).unwrap();
            sheet.write_string(r, 9, *relation).unwrap();
            r += 1;
        }
    }
    book.save(path).unwrap();
}

/// The same list as a one-row-header CSV in CP932.
fn payroll_csv_cp932(path: &Path, staff: &[Staff]) {
    let mut text =
        String::from("社員番号,所属,氏名,フリガナ,生年月日,個人番号,続柄,扶養家族氏名\r\n");
    for s in staff {
        text.push_str(&format!(
            "{},{},{},{},{},{},本人,\r\n",
            s.no, s.dept, s.name, s.kana, s.born, s.number
        ));
        for (name, relation, number) in &s.dependents {
            text.push_str(&format!(",,,,,{number},{relation},{name}\r\n"));
        }
    }
    let (bytes, _, errors) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!errors);
    std::fs::write(path, bytes).unwrap();
}

fn request(from: &Path, on_match: &str) -> ImportRequest {
    ImportRequest {
        kind: "persons".into(),
        from: from.display().to_string(),
        on_match: on_match.into(),
        ..ImportRequest::default()
    }
}

fn numbers_of(staff: &[Staff]) -> Vec<String> {
    staff
        .iter()
        .flat_map(|s| {
            std::iter::once(s.number.clone()).chain(s.dependents.iter().map(|d| d.2.clone()))
        })
        .collect()
}

fn assert_no_number(what: &str, text: &str, numbers: &[String]) {
    for n in numbers {
        assert!(!text.contains(n.as_str()), "{what} holds a 個人番号");
        let hyphenated = format!("{}-{}-{}", &n[..4], &n[4..8], &n[8..]);
        assert!(!text.contains(&hyphenated), "{what} holds a 個人番号");
    }
}

fn office() -> (common::Office, Session) {
    let office = common::office_with(
        std::sync::Arc::new(kiroku_store::credentials::NoCredentials),
        "山田 太郎",
    );
    let s = office.officer();
    (office, s)
}

fn fixture(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

#[test]
fn a_payroll_list_with_my_numbers_imports_without_them() {
    let (office, mut s) = office();
    let staff = staff_list(300);
    let numbers = numbers_of(&staff);
    let file = fixture(office.dir.path(), "職員名簿.xlsx");
    payroll_xlsx(&file, &staff);

    let preview = s.import_preview(&request(&file, "skip")).unwrap();
    assert_eq!(preview.source, "Excel（.xlsx）");
    assert_eq!(preview.add.len(), 300, "{:?}", preview.refused);
    assert!(preview.refused.is_empty(), "{:?}", preview.refused);
    assert!(
        preview
            .notices
            .iter()
            .any(|n| n == "個人番号の列（D列）は取り込みません。"),
        "{:?}",
        preview.notices
    );
    assert_no_number(
        "the preview",
        &serde_json::to_string(&preview).unwrap(),
        &numbers,
    );
    let dependants: usize = staff.iter().map(|s| s.dependents.len()).sum();
    assert!(
        preview.add[2].summary.contains("扶養家族2人"),
        "{}",
        preview.add[2].summary
    );

    let report = s.import(&request(&file, "skip")).unwrap();
    assert_eq!((report.added, report.updated, report.skipped), (300, 0, 0));
    let persons = s.list_persons().unwrap();
    assert_eq!(persons.len(), 300);
    assert_eq!(
        persons.iter().map(|p| p.dependents.len()).sum::<usize>(),
        dependants
    );
    let first = &persons[0];
    assert_eq!(first.name, staff[0].name);
    assert_eq!(first.kana.as_deref(), Some(staff[0].kana.as_str()));
    assert_eq!(first.dept.as_deref(), Some(staff[0].dept));

    // One audit row for the import: the file's SHA-256, the counts, the batch.
    let audit = s.audit_list(500).unwrap();
    let import_rows: Vec<_> = audit
        .iter()
        .filter(|r| r.target.starts_with("import:"))
        .collect();
    let created = import_rows.iter().find(|r| r.action == "create").unwrap();
    assert_eq!(created.target, format!("import:{}", report.batch));
    assert!(created.detail.contains(&preview.sha256) && created.detail.contains("追加300"));
    let all_audit = serde_json::to_string(&audit).unwrap();
    assert_no_number("the audit log", &all_audit, &numbers);

    // Nowhere in the vault's files (encrypted), nor in what the vault gives back.
    for entry in std::fs::read_dir(office.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "xlsx") {
            continue;
        }
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert_no_number(
                &path.display().to_string(),
                &String::from_utf8_lossy(&bytes),
                &numbers,
            );
        }
    }
    assert_no_number(
        "the persons",
        &serde_json::to_string(&persons).unwrap(),
        &numbers,
    );
}

#[test]
fn a_second_import_finds_the_matches_and_updates_only_when_asked() {
    let (office, mut s) = office();
    let mut staff = staff_list(40);
    let file = fixture(office.dir.path(), "職員名簿.xlsx");
    payroll_xlsx(&file, &staff);
    s.import(&request(&file, "skip")).unwrap();

    let again = s.import_preview(&request(&file, "skip")).unwrap();
    assert_eq!(
        (again.add.len(), again.update.len(), again.skip.len()),
        (0, 0, 40)
    );

    // The payroll moved one person and took on one more.
    staff[5].dept = "施設課";
    staff.push(staff_list(41).pop().unwrap());
    let file2 = fixture(office.dir.path(), "職員名簿2.xlsx");
    payroll_xlsx(&file2, &staff);
    let skip = s.import_preview(&request(&file2, "skip")).unwrap();
    assert_eq!(
        (skip.add.len(), skip.update.len(), skip.skip.len()),
        (1, 0, 40)
    );
    let update = s.import(&request(&file2, "update")).unwrap();
    assert_eq!((update.added, update.updated, update.skipped), (1, 1, 39));
    let moved = s
        .list_persons()
        .unwrap()
        .into_iter()
        .find(|p| p.name == staff[5].name && p.kana.as_deref() == Some(staff[5].kana.as_str()))
        .unwrap();
    assert_eq!(moved.dept.as_deref(), Some("施設課"));
    // The update is a new version with the import as its reason; the old stays readable.
    let history = s.person_history(moved.id).unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[1]
        .reason
        .as_deref()
        .unwrap()
        .contains("職員名簿2.xlsx"));
}

#[test]
fn a_refused_row_leaves_nothing_saved() {
    let (office, mut s) = office();
    let mut staff = staff_list(30);
    staff[12].born = "平成99年13月1日".into();
    let file = fixture(office.dir.path(), "職員名簿.xlsx");
    payroll_xlsx(&file, &staff);
    let preview = s.import_preview(&request(&file, "skip")).unwrap();
    assert_eq!(preview.refused.len(), 1, "{:?}", preview.refused);
    assert_eq!(preview.refused[0].field, "生年月日");
    let err = s.import(&request(&file, "skip")).unwrap_err().body();
    assert!(
        err.message.contains("何も取り込んでいません"),
        "{}",
        err.message
    );
    assert!(s.list_persons().unwrap().is_empty());
    assert!(s.import_batches().unwrap().is_empty());
}

#[test]
fn a_cp932_csv_is_detected_and_reads_as_the_workbook_does() {
    let (office, mut s) = office();
    let staff = staff_list(60);
    let numbers = numbers_of(&staff);
    let file = fixture(office.dir.path(), "職員名簿.csv");
    payroll_csv_cp932(&file, &staff);
    let preview = s.import_preview(&request(&file, "skip")).unwrap();
    assert_eq!(preview.source, "CSV（Shift_JIS）");
    assert_eq!(preview.add.len(), 60, "{:?}", preview.refused);
    assert!(
        preview
            .notices
            .iter()
            .any(|n| n.contains("個人番号の列（F列）")),
        "{:?}",
        preview.notices
    );
    assert_no_number(
        "the preview",
        &serde_json::to_string(&preview).unwrap(),
        &numbers,
    );
    s.import(&request(&file, "skip")).unwrap();
    let persons = s.list_persons().unwrap();
    assert_eq!(
        persons.iter().map(|p| p.dependents.len()).sum::<usize>(),
        staff.iter().map(|s| s.dependents.len()).sum::<usize>()
    );
    let _ = staff[0].born_iso.clone();
}

#[test]
fn a_staff_import_withdrawn_as_a_whole_hides_its_people_and_undoes_its_updates() {
    use kiroku_api::{EventFields, NewEvent, WithdrawEventRequest, WithdrawImportRequest};
    let (office, mut s) = office();
    s.add_affair("給与所得の源泉徴収票作成事務", None).unwrap();
    let mut staff = staff_list(40);
    let file = fixture(office.dir.path(), "職員名簿.xlsx");
    payroll_xlsx(&file, &staff);
    s.import(&request(&file, "skip")).unwrap();
    let before = s.list_persons().unwrap();
    let moved_id = before
        .iter()
        .find(|p| p.name == staff[5].name && p.kana.as_deref() == Some(staff[5].kana.as_str()))
        .unwrap()
        .id;
    let old_dept = staff[5].dept;

    // A second list moves one person and brings one more; it is imported with updates.
    staff[5].dept = if old_dept == "施設課" {
        "総務課"
    } else {
        "施設課"
    };
    staff.push(staff_list(41).pop().unwrap());
    let file2 = fixture(office.dir.path(), "職員名簿2.xlsx");
    payroll_xlsx(&file2, &staff);
    let second = s.import(&request(&file2, "update")).unwrap();
    assert_eq!((second.added, second.updated), (1, 1));
    let newcomer = s
        .list_persons()
        .unwrap()
        .into_iter()
        .find(|p| p.name == staff[40].name && p.kana.as_deref() == Some(staff[40].kana.as_str()))
        .unwrap();

    // The newcomer's acquisition is recorded: the import cannot be withdrawn under it.
    let acquire = NewEvent {
        kind: "acquire".into(),
        date: "令和8年4月1日".into(),
        affair: "給与所得の源泉徴収票作成事務".into(),
        persons: vec![newcomer.id],
        fields: EventFields {
            source: Some("person".into()),
            method: Some("mynumber_card".into()),
            ..EventFields::default()
        },
        ..NewEvent::default()
    };
    let event = s.add_events(&acquire).unwrap().remove(0);
    let withdraw = WithdrawImportRequest {
        batch: second.batch,
        reason: "前年の名簿を取り込んだ".into(),
    };
    let refused = s.withdraw_import(&withdraw).unwrap_err().body();
    assert!(
        refused.message.contains("取扱記録が 1件"),
        "{}",
        refused.message
    );
    assert!(s
        .list_persons()
        .unwrap()
        .iter()
        .any(|p| p.id == newcomer.id));

    // Once that record is withdrawn, the import is: the newcomer leaves every list (kept and
    // readable, marked), the moved person has the department from before, as a new version.
    s.withdraw_event(&WithdrawEventRequest {
        id: event.id,
        reason: "誤登録".into(),
    })
    .unwrap();
    let batch = s.withdraw_import(&withdraw).unwrap();
    assert!(batch.withdrawn);
    let after = s.list_persons().unwrap();
    assert_eq!(after.len(), 40);
    assert!(after.iter().all(|p| p.id != newcomer.id));
    let kept = s.person(newcomer.id).unwrap();
    assert!(kept.withdrawn);
    let moved = after.iter().find(|p| p.id == moved_id).unwrap();
    assert_eq!(moved.dept.as_deref(), Some(old_dept));
    let history = s.person_history(moved_id).unwrap();
    assert_eq!(history.len(), 3, "imported, updated, restored: all kept");
    assert!(history[2]
        .reason
        .as_deref()
        .unwrap()
        .contains("前年の名簿を取り込んだ"));

    // A withdrawn person takes no new record and no correction.
    let err = s.add_events(&acquire).unwrap_err().body();
    assert!(err.message.contains("取り込みの取消し"), "{}", err.message);
    assert!(s.person_leave(newcomer.id, "令和8年5月1日").is_err());

    // The same list imported again finds the newcomer missing and adds them anew.
    let again = s.import_preview(&request(&file2, "update")).unwrap();
    assert_eq!((again.add.len(), again.update.len()), (1, 1));
}
