//! Importing a 取扱記録表 kept in Excel in 002 別紙1's layout: several events per cell split as
//! the 002 example reads, matched to the registered 本人, 関係事務 and 台帳; a re-import adds
//! nothing; a 個人番号 in the sheet is dropped and named.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use kiroku_api::{
    EventQuery, ImportRequest, NewDependent, NewLedgerEntry, NewPerson, WithdrawImportRequest,
};

const HEADER: [&str; 10] = [
    "関係事務",
    "従業員氏名",
    "所属",
    "扶養家族氏名",
    "個人番号取得日",
    "本人確認方法",
    "特定個人情報ファイ ルへの記載日等",
    "担当",
    "特定個人情報の利用及び持出",
    "廃棄・削除日",
];

fn log_xlsx(path: &Path, rows: &[[&str; 10]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 0, "特定個人情報等取扱記録表")
        .unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(2 + r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(path).unwrap();
}

fn request(path: &Path) -> ImportRequest {
    ImportRequest {
        kind: "events".into(),
        from: path.display().to_string(),
        ..ImportRequest::default()
    }
}

#[test]
fn the_002_example_row_splits_into_its_five_records() {
    let office = common::office_with(
        std::sync::Arc::new(kiroku_store::credentials::NoCredentials),
        "山田 太郎",
    );
    let mut s = office.officer();
    let person = s
        .add_person(&NewPerson {
            kind: "staff".into(),
            name: "鈴木 一郎".into(),
            dept: Some("総務課".into()),
            ..NewPerson::default()
        })
        .unwrap();
    s.add_dependent(
        person.id,
        &NewDependent {
            name: "鈴木 花子".into(),
            relation: "配偶者".into(),
        },
    )
    .unwrap();
    s.add_ledger_entry(&NewLedgerEntry {
        name: "給与所得の源泉徴収票".into(),
        scope: "役職員及び扶養家族の個人番号、氏名".into(),
        dept: "総務課".into(),
        owner: common::OFFICER.into(),
        handlers: vec![common::OFFICER.into()],
        purpose: "源泉徴収票の作成及び税務署への提出".into(),
        retention: "翌年1月10日の翌日から7年".into(),
        disposal: "shred".into(),
        location: "総務課キャビネット".into(),
        electronic: false,
    })
    .unwrap();
    // The 002 別紙1 example, in 令和 (a date in 平成27年 is before the 番号法 began here and is
    // refused as it is on the screen).
    let example = [
        "給与所得の源泉徴収票",
        "鈴木 一郎",
        "総務課",
        "鈴木 花子",
        "令和7年10月10日",
        "個人番号カードコピー",
        "令和7年12月8日",
        "山田 太郎",
        "令和7年12月10日に給与所得の源泉徴収票を作成、同日○○税務署に提出",
        "令和7年12月8日に個人番号カードコピーを廃棄",
    ];
    let mut with_number = example;
    with_number[5] = "個人番号カード 5284-7391-0645";
    let file = office.dir.path().join("取扱記録表.xlsx");
    log_xlsx(&file, &[example]);

    office.clock.advance(chrono::Duration::days(365));
    let preview = s.import_preview(&request(&file)).unwrap();
    assert!(preview.refused.is_empty(), "{:?}", preview.refused);
    assert_eq!(preview.add.len(), 1);
    assert!(
        preview
            .notices
            .iter()
            .any(|n| n == "関係事務「給与所得の源泉徴収票」を新しく登録します。"),
        "{:?}",
        preview.notices
    );
    assert!(
        preview.add[0].summary.contains("5件"),
        "{}",
        preview.add[0].summary
    );
    let report = s.import(&request(&file)).unwrap();
    assert_eq!(report.added, 5);

    let log = s.chronological(&EventQuery::default()).unwrap();
    let kinds: Vec<(&str, String)> = log
        .iter()
        .map(|r| (r.kind.as_str(), r.date.to_string()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("acquire", "2025-10-10".to_owned()),
            ("record", "2025-12-08".to_owned()),
            ("dispose", "2025-12-08".to_owned()),
            ("use", "2025-12-10".to_owned()),
            ("submit", "2025-12-10".to_owned()),
        ]
    );
    assert!(log
        .iter()
        .all(|r| r.dependent.as_deref() == Some("鈴木 花子")));
    let submit = log.iter().find(|r| r.kind == "submit").unwrap();
    assert!(submit.summary.contains("○○税務署"), "{}", submit.summary);
    let acquire = log.iter().find(|r| r.kind == "acquire").unwrap();
    assert!(
        acquire.summary.contains("個人番号カード"),
        "{}",
        acquire.summary
    );
    let lifecycle = s.lifecycle(&EventQuery::default()).unwrap();
    assert_eq!(lifecycle.len(), 1);
    assert!(
        lifecycle[0].use_and_take_out.contains("税務署に提出"),
        "{}",
        lifecycle[0].use_and_take_out
    );

    // The whole import withdrawn: every record struck through with the reason, none deleted,
    // the batch marked; a second withdrawal is refused.
    let withdrawn = s
        .withdraw_import(&WithdrawImportRequest {
            batch: report.batch,
            reason: "別の年度のファイルだった".into(),
        })
        .unwrap();
    assert!(withdrawn.withdrawn);
    let log = s.chronological(&EventQuery::default()).unwrap();
    assert_eq!(log.len(), 5);
    assert!(log.iter().all(|r| r
        .withdrawn
        .as_deref()
        .is_some_and(|w| w.contains("別の年度のファイルだった"))));
    assert!(s
        .withdraw_import(&WithdrawImportRequest {
            batch: report.batch,
            reason: "もう一度".into(),
        })
        .is_err());
    let report = s.import(&request(&file)).unwrap();
    assert_eq!(
        report.added, 5,
        "withdrawn records do not count as registered"
    );

    // Again: every record is found.
    let again = s.import_preview(&request(&file)).unwrap();
    assert_eq!((again.add.len(), again.skip.len()), (0, 1));

    // A 個人番号 typed into a cell: the cell is dropped and named, never shown.
    let file2 = office.dir.path().join("取扱記録表2.xlsx");
    log_xlsx(&file2, &[with_number]);
    let preview = s.import_preview(&request(&file2)).unwrap();
    assert_eq!(preview.dropped_my_number.len(), 1);
    assert_eq!(preview.dropped_my_number[0].column, "F");
    let json = serde_json::to_string(&preview).unwrap();
    assert!(!json.contains("5284-7391-0645") && !json.contains("528473910645"));
}
