//! Exporting lists for Excel: every list of a generated office written as xlsx and CSV, read
//! back (calamine for xlsx, encoding_rs for CSV) and compared with the view the screens show;
//! the audit row of each export.
#![allow(clippy::unwrap_used)]

mod common;

use kiroku_api::{EventQuery, ExportRequest, Session};
use kiroku_tables::{read, Source, Value};

fn fy(label: &str) -> EventQuery {
    EventQuery {
        fy: Some(label.into()),
        ..EventQuery::default()
    }
}

fn export(
    s: &mut Session,
    list: &str,
    format: &str,
    out: &std::path::Path,
) -> kiroku_api::ExportReport {
    s.export(&ExportRequest {
        audit: None,
        list: list.into(),
        format: format.into(),
        query: fy("R7"),
        out: out.display().to_string(),
    })
    .unwrap()
}

fn text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Number(n) => format!("{n}"),
        Value::Date(d) => d.to_string(),
        Value::Empty => String::new(),
        Value::Dropped => "<dropped>".into(),
    }
}

#[test]
fn the_log_exports_as_a_workbook_equal_to_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = common::demo_office(dir.path(), 7, 400);
    let mut s = common::demo_login(&env, &vault, "sato");
    let view = s.chronological(&fy("R7")).unwrap();
    assert!(view.len() > 20, "the demo office has a year of records");

    let out = dir.path().join("記録.xlsx");
    let report = export(&mut s, "chronological", "xlsx", &out);
    assert_eq!(report.rows as usize, view.len());
    let book = read(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(book.source, Source::Xlsx);
    let sheet = &book.sheets[0];
    let captions: Vec<String> = sheet.rows[0].iter().map(text).collect();
    assert_eq!(
        captions,
        [
            "No.",
            "年月日",
            "区分",
            "関係事務",
            "本人（扶養家族）",
            "所属",
            "台帳",
            "取扱いの内容",
            "担当",
            "備考"
        ]
    );
    assert_eq!(sheet.rows.len(), view.len() + 1);
    for (row, v) in sheet.rows[1..].iter().zip(&view) {
        assert_eq!(row[0], Value::Number(v.event_id as f64));
        // A real Excel date, not text.
        assert_eq!(row[1], Value::Date(v.date));
        assert_eq!(text(&row[2]), v.kind_label);
        assert_eq!(text(&row[7]), v.summary);
    }
}

#[test]
fn csv_in_utf8_and_cp932_read_back_as_the_printed_captions_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = common::demo_office(dir.path(), 7, 200);
    let mut s = common::demo_login(&env, &vault, "sato");
    let ledger = s.list_ledger().unwrap();
    for (format, source) in [("csv", Source::CsvUtf8Bom), ("csv-sjis", Source::CsvCp932)] {
        let out = dir.path().join(format!("台帳-{format}.csv"));
        let report = export(&mut s, "ledger", format, &out);
        assert_eq!(report.rows as usize, ledger.len());
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");
        if format == "csv-sjis" {
            let (text, _, errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
            assert!(!errors);
            assert!(
                text.starts_with("NO.,名称（ファイルの種類・名称）,特定個人情報の範囲"),
                "{text}"
            );
        }
        let book = read(&bytes).unwrap();
        assert_eq!(book.source, source);
        let rows = &book.sheets[0].rows;
        assert_eq!(rows.len(), ledger.len() + 1);
        for (row, e) in rows[1..].iter().zip(&ledger) {
            assert_eq!(text(&row[0]), e.no.to_string());
            assert_eq!(text(&row[1]), e.name);
        }
    }
}

#[test]
fn every_list_exports_and_each_export_is_an_audit_row() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = common::demo_office(dir.path(), 7, 200);
    let mut s = common::demo_login(&env, &vault, kiroku_demo::OFFICER_ID);
    let persons = s.list_persons().unwrap();
    let dependents: usize = persons.iter().map(|p| p.dependents.len()).sum();
    for list in [
        "chronological",
        "lifecycle",
        "ledger",
        "persons",
        "documents",
        "disposal",
        "contractors",
        "evaluations",
        "audit",
    ] {
        let out = dir.path().join(format!("{list}.xlsx"));
        let report = export(&mut s, list, "xlsx", &out);
        let book = read(&std::fs::read(&out).unwrap()).unwrap();
        assert_eq!(
            book.sheets[0].rows.len(),
            report.rows as usize + 1,
            "{list}"
        );
        if list == "persons" {
            assert_eq!(report.rows as usize, persons.len() + dependents);
        }
        // The newest row is the read of the audit list itself; the export is the one before.
        let audit = s.audit_list(2).unwrap();
        let last = &audit[0];
        assert_eq!(last.action, "export", "{list}");
        assert_eq!(last.target, format!("list:{list}"));
        assert!(
            last.detail.contains(&format!("{}行", report.rows))
                && last.detail.contains(&format!("{list}.xlsx")),
            "{}",
            last.detail
        );
    }
}

#[test]
fn a_bad_format_or_list_is_refused_naming_the_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = common::demo_office(dir.path(), 7, 50);
    let mut s = common::demo_login(&env, &vault, "sato");
    let out = dir.path().join("x.xlsx");
    for (list, format, field) in [("chronological", "pdf", "形式"), ("people", "xlsx", "一覧")]
    {
        let err = s
            .export(&ExportRequest {
                audit: None,
                list: list.into(),
                format: format.into(),
                query: EventQuery::default(),
                out: out.display().to_string(),
            })
            .unwrap_err()
            .body();
        assert_eq!(err.field.as_deref(), Some(field), "{}", err.message);
    }
    assert!(!out.exists());
}

/// A list written out and read back in: into the same vault every row is found unchanged;
/// into a new vault the staff list gives the same people and families.
#[test]
fn exporting_a_list_and_importing_it_back_gives_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let (env, vault) = common::demo_office(dir.path(), 7, 100);
    let mut s = common::demo_login(&env, &vault, kiroku_demo::OFFICER_ID);
    let persons = s.list_persons().unwrap();
    let ledger = s.list_ledger().unwrap();
    for (list, format, kind, expected) in [
        ("persons", "xlsx", "persons", persons.len()),
        ("persons", "csv-sjis", "persons", persons.len()),
        ("ledger", "csv", "ledger", ledger.len()),
        ("ledger", "xlsx", "ledger", ledger.len()),
    ] {
        let out = dir.path().join(format!(
            "{list}-{format}.{}",
            if format == "xlsx" { "xlsx" } else { "csv" }
        ));
        export(&mut s, list, format, &out);
        let preview = s
            .import_preview(&kiroku_api::ImportRequest {
                kind: kind.into(),
                from: out.display().to_string(),
                on_match: "update".into(),
                ..kiroku_api::ImportRequest::default()
            })
            .unwrap();
        assert!(
            preview.refused.is_empty(),
            "{list} {format}: {:?}",
            preview.refused
        );
        assert_eq!(
            (preview.add.len(), preview.update.len(), preview.skip.len()),
            (0, 0, expected),
            "{list} {format}: {:?}",
            preview.update
        );
    }

    // Into a new office: the same people, フリガナ, 所属 and families.
    let out = dir.path().join("本人.xlsx");
    export(&mut s, "persons", "xlsx", &out);
    let office = common::office_with(
        std::sync::Arc::new(kiroku_store::credentials::NoCredentials),
        "山田 太郎",
    );
    let mut fresh = office.officer();
    let report = fresh
        .import(&kiroku_api::ImportRequest {
            kind: "persons".into(),
            from: out.display().to_string(),
            ..kiroku_api::ImportRequest::default()
        })
        .unwrap();
    assert_eq!(report.added as usize, persons.len());
    let key = |p: &kiroku_api::PersonView| {
        (
            p.kind.clone(),
            p.name.clone(),
            p.kana.clone(),
            p.dept.clone(),
            p.employer.clone(),
            p.left_on,
            p.dependents
                .iter()
                .map(|d| (d.name.clone(), d.relation.clone()))
                .collect::<Vec<_>>(),
        )
    };
    let imported: Vec<_> = fresh.list_persons().unwrap().iter().map(key).collect();
    let original: Vec<_> = persons.iter().map(key).collect();
    assert_eq!(imported, original);
}
