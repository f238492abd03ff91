use std::path::Path;
use std::process::Command;

use super::{render, FormError, Table};

const LONG: &str = "平成27年12月10日に給与所得の源泉徴収票を作成、同日〇〇税務署に提出";

fn sample(rows: usize) -> Table {
    Table {
        title: "特定個人情報等取扱記録表（令和7年度）".to_owned(),
        header: ["番号", "日付", "事務", "取扱いの内容", "担当者", "確認者"]
            .map(str::to_owned)
            .to_vec(),
        rows: (1..=rows)
            .map(|n| {
                vec![
                    n.to_string(),
                    "令和7年4月1日".to_owned(),
                    "給与所得・退職所得に係る源泉徴収票作成事務".to_owned(),
                    LONG.to_owned(),
                    "山田 太郎".to_owned(),
                    "鈴木 花子（総務課長）".to_owned(),
                ]
            })
            .collect(),
        column_widths_mm: vec![14.0, 32.0, 55.0, 100.0, 36.0, 36.0],
    }
}

/// `pdftotext -layout` of `pdf`, or `None` if poppler's tools are not installed.
fn pdftotext(pdf: &[u8], dir: &Path) -> Option<String> {
    let path = dir.join("form.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Copies `pdf` to `$KIROKU_FORMS_KEEP/<name>.pdf` when that variable is set, to look at it.
fn keep(name: &str, pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("KIROKU_FORMS_KEEP") {
        std::fs::write(Path::new(&dir).join(format!("{name}.pdf")), pdf).unwrap();
    }
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kiroku-forms-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn renders_a_small_pdf_with_the_font_subset_and_real_text() {
    let pdf = render(&sample(3)).unwrap();
    keep("three-rows", &pdf);
    assert!(pdf.starts_with(b"%PDF-"));
    // The whole IPAex font is 6 MB: a small file proves it was subset.
    assert!(pdf.len() < 200 * 1024, "PDF is {} bytes", pdf.len());

    let dir = temp_dir("text");
    if let Some(text) = pdftotext(&pdf, &dir) {
        assert!(text.contains("給与所得の源泉徴収票"), "{text}");
        assert!(text.contains("特定個人情報等取扱記録表"), "{text}");
        assert!(text.contains("取扱いの内容"), "{text}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn many_rows_run_over_several_pages_with_the_header_on_each() {
    let pdf = render(&sample(40)).unwrap();
    keep("forty-rows", &pdf);
    assert!(pdf.len() < 200 * 1024, "PDF is {} bytes", pdf.len());
    let dir = temp_dir("pages");
    if let Some(text) = pdftotext(&pdf, &dir) {
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert!(pages.len() > 1, "{text}");
        for page in &pages {
            assert!(page.contains("取扱いの内容"), "{page}");
        }
        // pdftotext -layout drops the spaces around the slash.
        let squeezed: String = text.chars().filter(|c| *c != ' ').collect();
        assert!(squeezed.contains(&format!("1/{}", pages.len())), "{text}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_empty_table_still_renders_its_header() {
    let pdf = render(&sample(0)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn refuses_rows_that_do_not_match_the_header() {
    let mut table = sample(2);
    table.rows[1].pop();
    assert_eq!(
        render(&table),
        Err(FormError::RowLength {
            row: 2,
            expected: 6,
            found: 5
        })
    );
}

#[test]
fn refuses_columns_wider_than_the_page() {
    let mut table = sample(1);
    table.column_widths_mm[3] = 200.0;
    assert!(matches!(render(&table), Err(FormError::TooWide { .. })));
    table.column_widths_mm.pop();
    assert!(matches!(
        render(&table),
        Err(FormError::ColumnWidths {
            header: 6,
            widths: 5
        })
    ));
}

#[test]
fn refuses_a_row_taller_than_a_page() {
    let mut table = sample(1);
    table.rows[0][3] = LONG.repeat(40);
    assert_eq!(render(&table), Err(FormError::RowTooTall { row: 1 }));
}
