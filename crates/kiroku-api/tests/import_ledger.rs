//! Importing a 管理台帳 (別紙2) typed by hand in Excel: 002's layout under a title row, people
//! written by name, the method as words; a name that is no user refuses the row and nothing
//! is saved; a re-import finds the entries.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use kiroku_api::ImportRequest;

const HEADER: [&str; 10] = [
    "NO.",
    "名称",
    "特定個人情報の範囲",
    "取扱部署",
    "責任者",
    "担当者（アクセス権を有する者）",
    "利用目的",
    "保存期間",
    "廃棄・削除",
    "保管場所",
];

fn ledger_xlsx(path: &Path, rows: &[[&str; 10]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "特定個人情報管理台帳").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(3 + r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(path).unwrap();
}

const WITHHOLDING: [&str; 10] = [
    "1",
    "給与所得の源泉徴収票",
    "役職員及び扶養家族の個人番号、氏名、生年月日、その他源泉徴収票記載事項",
    "総務課",
    "山田 太郎",
    "佐藤 花子、山田太郎",
    "源泉徴収票の作成及び税務署への提出、本人への交付",
    "翌年1月10日の翌日から7年",
    "シュレッダー",
    "総務課キャビネット（施錠可）",
];

fn request(path: &Path, on_match: &str) -> ImportRequest {
    ImportRequest {
        kind: "ledger".into(),
        from: path.display().to_string(),
        on_match: on_match.into(),
        ..ImportRequest::default()
    }
}

#[test]
fn a_hand_typed_ledger_imports_with_its_people_found_by_name() {
    let office = common::office_with(
        std::sync::Arc::new(kiroku_store::credentials::NoCredentials),
        "山田 太郎",
    );
    office.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = office.officer();
    let mut insurance = WITHHOLDING;
    insurance[0] = "2";
    insurance[1] = "雇用保険被保険者資格取得届";
    insurance[4] = "田村 千尋";
    insurance[8] = "溶解処理（業者委託）";
    let file = office.dir.path().join("台帳.xlsx");
    ledger_xlsx(&file, &[WITHHOLDING, insurance]);

    let preview = s.import_preview(&request(&file, "skip")).unwrap();
    assert_eq!(preview.add.len(), 1);
    assert_eq!(preview.refused.len(), 1, "{:?}", preview.refused);
    assert_eq!(
        (preview.refused[0].row, preview.refused[0].field.as_str()),
        (5, "責任者")
    );
    assert!(preview.refused[0].reason.contains("田村 千尋"));
    assert!(s.import(&request(&file, "skip")).is_err());
    assert!(
        s.list_ledger().unwrap().is_empty(),
        "a refused row leaves nothing saved"
    );

    insurance[4] = "山田 太郎";
    ledger_xlsx(&file, &[WITHHOLDING, insurance]);
    let report = s.import(&request(&file, "skip")).unwrap();
    assert_eq!((report.added, report.updated, report.skipped), (2, 0, 0));
    let ledger = s.list_ledger().unwrap();
    assert_eq!(ledger.len(), 2);
    assert_eq!(ledger[0].name, "給与所得の源泉徴収票");
    assert_eq!(ledger[0].owner.id, "boss");
    assert_eq!(
        ledger[0]
            .handlers
            .iter()
            .map(|h| h.id.as_str())
            .collect::<Vec<_>>(),
        ["sato", "boss"]
    );
    assert_eq!(ledger[0].disposal, "シュレッダー");
    assert_eq!(ledger[1].disposal, "溶解処理（業者委託）");

    // The same file again: both found, nothing changes.
    let again = s.import_preview(&request(&file, "update")).unwrap();
    assert_eq!(
        (again.add.len(), again.update.len(), again.skip.len()),
        (0, 0, 2)
    );
}

#[test]
fn a_ledger_import_withdrawn_as_a_whole_takes_back_its_entries_and_its_amendments() {
    use kiroku_api::WithdrawImportRequest;
    let office = common::office_with(
        std::sync::Arc::new(kiroku_store::credentials::NoCredentials),
        "山田 太郎",
    );
    office.add_user("sato", "佐藤 花子", "clerk", "clerk-pass-1");
    let mut s = office.officer();
    let file = office.dir.path().join("台帳.xlsx");
    ledger_xlsx(&file, &[WITHHOLDING]);
    s.import(&request(&file, "skip")).unwrap();

    // Next year's sheet: the cabinet moved, and one more file.
    let mut moved = WITHHOLDING;
    moved[9] = "別館書庫";
    let mut insurance = WITHHOLDING;
    insurance[0] = "2";
    insurance[1] = "雇用保険被保険者資格取得届";
    let file2 = office.dir.path().join("台帳2.xlsx");
    ledger_xlsx(&file2, &[moved, insurance]);
    let second = s.import(&request(&file2, "update")).unwrap();
    assert_eq!((second.added, second.updated), (1, 1));
    assert_eq!(s.list_ledger().unwrap().len(), 2);

    s.withdraw_import(&WithdrawImportRequest {
        batch: second.batch,
        reason: "別の事務所の台帳だった".into(),
    })
    .unwrap();
    let ledger = s.list_ledger().unwrap();
    assert_eq!(ledger.len(), 1, "the entry it added is out of the list");
    assert_eq!(ledger[0].location, "総務課キャビネット（施錠可）");
    let history = s.ledger_history(ledger[0].no).unwrap();
    assert_eq!(history.len(), 3, "imported, amended, restored: all kept");
    // The withdrawn entry is kept, but no correction goes into it.
    let gone = ledger[0].no + 1;
    let err = s
        .amend_ledger_entry(
            gone,
            "名称の訂正",
            &kiroku_api::LedgerChanges {
                name: Some("雇用保険".into()),
                ..kiroku_api::LedgerChanges::default()
            },
        )
        .unwrap_err()
        .body();
    assert!(err.message.contains("取り込みの取消し"), "{}", err.message);
}
