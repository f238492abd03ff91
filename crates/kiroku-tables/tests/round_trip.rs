//! What is written reads back as the same table, in every format.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use kiroku_tables::{read, write, Cell, Column, DateStyle, Format, Row, Source, Table, Value};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn sample() -> Table {
    Table {
        title: "運用状況記録票".into(),
        columns: ["NO.", "年月日", "氏名", "内容", "備考"]
            .into_iter()
            .map(Column::new)
            .collect(),
        rows: vec![
            Row::new(vec![
                Cell::Number(1.0),
                Cell::Date {
                    date: date(2025, 4, 1),
                    label: "令和7年4月1日".into(),
                },
                Cell::text("佐藤 花子"),
                Cell::text("源泉徴収票を作成\n同日 税務署に提出"),
                Cell::Empty,
            ]),
            Row {
                cells: vec![
                    Cell::Number(2.0),
                    Cell::Date {
                        date: date(2019, 5, 1),
                        label: "令和元年5月1日".into(),
                    },
                    Cell::text("髙橋 一郎〜"),
                    Cell::text("=1+1 は式ではない"),
                    Cell::text("誤登録として取消（重複）"),
                ],
                struck: true,
            },
        ],
        dates: DateStyle::Wareki,
        reason_column: Some(4),
    }
}

fn texts(values: &[Value]) -> Vec<String> {
    values
        .iter()
        .map(|v| match v {
            Value::Text(s) => s.clone(),
            Value::Number(n) => format!("{n}"),
            Value::Date(d) => d.to_string(),
            Value::Empty => String::new(),
            Value::Dropped => "<dropped>".into(),
        })
        .collect()
}

#[test]
fn xlsx_reads_back_with_real_dates_and_numbers() {
    let bytes = write(&sample(), Format::Xlsx).unwrap();
    let book = read(&bytes).unwrap();
    assert_eq!(book.source, Source::Xlsx);
    assert_eq!(book.sheets.len(), 1);
    let sheet = &book.sheets[0];
    assert_eq!(sheet.name, "運用状況記録票");
    assert_eq!(
        texts(&sheet.rows[0]),
        vec!["NO.", "年月日", "氏名", "内容", "備考"]
    );
    assert_eq!(sheet.rows[1][0], Value::Number(1.0));
    assert_eq!(sheet.rows[1][1], Value::Date(date(2025, 4, 1)));
    assert_eq!(sheet.rows[2][1], Value::Date(date(2019, 5, 1)));
    assert_eq!(
        sheet.rows[1][3],
        Value::Text("源泉徴収票を作成\n同日 税務署に提出".into())
    );
    // No formula in xlsx: the text is kept as text, without an apostrophe.
    assert_eq!(sheet.rows[2][3], Value::Text("=1+1 は式ではない".into()));
}

#[test]
fn xlsx_shows_dates_in_the_offices_style_and_strikes_withdrawn_rows() {
    for (style, format) in [(DateStyle::Wareki, "ggge"), (DateStyle::Seireki, "yyyy")] {
        let mut table = sample();
        table.dates = style;
        let bytes = write(&table, Format::Xlsx).unwrap();
        let styles = zip_entry(&bytes, "xl/styles.xml");
        assert!(styles.contains(format), "{style:?}: {styles}");
        assert!(styles.contains("<strike/>"), "no struck font");
        let sheet = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
        assert!(
            sheet.contains("<pane ySplit=\"1\""),
            "header row not frozen"
        );
        assert!(sheet.contains("<cols>"), "no column widths");
    }
}

/// One file of the xlsx (a zip), as text.
fn zip_entry(xlsx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn csv_utf8_has_a_bom_crlf_and_guards_formulas() {
    let bytes = write(&sample(), Format::CsvUtf8).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.starts_with("NO.,年月日,氏名,内容,備考\r\n"));
    assert!(text.contains("1,令和7年4月1日,佐藤 花子,\"源泉徴収票を作成\n同日 税務署に提出\",\r\n"));
    assert!(text.contains(",'=1+1 は式ではない,"), "{text}");
    let book = read(&bytes).unwrap();
    assert_eq!(book.source, Source::CsvUtf8Bom);
    assert_eq!(
        texts(&book.sheets[0].rows[2]),
        vec![
            "2",
            "令和元年5月1日",
            "髙橋 一郎〜",
            "'=1+1 は式ではない",
            "誤登録として取消（重複）"
        ]
    );
}

#[test]
fn csv_cp932_writes_what_windows_reads_back() {
    let bytes = write(&sample(), Format::CsvCp932).unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
    let (text, _, errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!errors);
    // 髙 (an IBM extension) is in CP932; 〜 (U+301C, as a Mac types it) is written as the
    // ～ (U+FF5E) Windows types, 0x8160.
    assert!(text.contains("髙橋 一郎～"), "{text}");
    assert!(bytes.windows(2).any(|w| w == [0x81, 0x60]));
    let book = read(&bytes).unwrap();
    assert_eq!(book.source, Source::CsvCp932);
    assert_eq!(texts(&book.sheets[0].rows[1])[2], "佐藤 花子");
}

#[test]
fn a_character_cp932_lacks_is_refused_naming_its_cell() {
    let mut table = sample();
    table.rows[0].cells[2] = Cell::text("𠮷田 太郎");
    let err = write(&table, Format::CsvCp932).unwrap_err().to_string();
    assert!(err.contains("2行目の「氏名」"), "{err}");
    assert!(err.contains("𠮷") && err.contains("UTF-8"), "{err}");
    // UTF-8 and xlsx write it.
    assert!(write(&table, Format::CsvUtf8).is_ok());
    assert!(write(&table, Format::Xlsx).is_ok());
}

#[test]
fn a_table_holding_a_my_number_is_never_written() {
    let mut table = sample();
    table.rows[0].cells[4] = Cell::text("番号 5284 7391 0645");
    for format in [Format::CsvUtf8, Format::CsvCp932, Format::Xlsx] {
        let err = write(&table, format).unwrap_err().to_string();
        assert!(err.contains("2行目の「備考」"), "{err}");
        assert!(!err.contains("5284"), "{err}");
    }
}

#[test]
fn an_xlsx_with_a_my_number_column_reads_with_those_cells_dropped() {
    let table = Table {
        title: "職員".into(),
        columns: ["氏名", "個人番号"].into_iter().map(Column::new).collect(),
        rows: vec![Row::new(vec![Cell::text("佐藤"), Cell::Number(123.0)])],
        dates: DateStyle::Wareki,
        reason_column: None,
    };
    // The writer refuses a 個人番号, so build the file by hand with rust_xlsxwriter.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "氏名").unwrap();
    sheet.write_string(0, 1, "個人番号").unwrap();
    sheet.write_string(1, 0, "佐藤").unwrap();
    sheet.write_number(1, 1, 528_473_910_645.0).unwrap();
    sheet.write_string(2, 0, "鈴木").unwrap();
    sheet
        .write_string(2, 1, "５２８４７３９１０６４５")
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let read = read(&bytes).unwrap();
    let sheet = &read.sheets[0];
    assert_eq!(sheet.rows[1][1], Value::Dropped);
    assert_eq!(sheet.rows[2][1], Value::Dropped);
    assert_eq!(
        sheet.dropped.iter().map(|c| c.a1()).collect::<Vec<_>>(),
        vec!["B2", "B3"]
    );
    assert!(!format!("{read:?}").contains("528473910645"));
    // The same list without the number writes and reads.
    assert!(write(&table, Format::Xlsx).is_ok());
}
