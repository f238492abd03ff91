//! Renders every form and reads it back with poppler (`pdftotext`, `pdfinfo`), as a reader
//! of the printed page would: the values in order, the frame on each page, nothing outside
//! the printable area.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::sheets::evaluation::{EvaluationSheet, SheetDecision, SheetItem};
use crate::sheets::list::ListForm;
use crate::sheets::recovery::RecoverySheet;
use crate::{print_list, render, FormError, FormKind, Record, Rendered};

const LONG_NOTE: &str = "本人からの申出により氏名の表記を訂正した。";

#[path = "../../../kiroku-cli/tests/common/wine_retry.rs"]
mod wine_retry;
use wine_retry::output_retried;

/// A folder of this test's own: the name, the process and the thread (tests run in parallel).
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "kiroku-forms-{name}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copies `pdf` to `$KIROKU_FORMS_KEEP/<name>.pdf` when that variable is set, to look at it.
fn keep(name: &str, pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("KIROKU_FORMS_KEEP") {
        std::fs::write(Path::new(&dir).join(format!("{name}.pdf")), pdf).unwrap();
    }
}

/// Runs a poppler tool on `pdf` (written to a folder of its own) and returns what it prints;
/// `pdftotext` is told to print to stdout.
pub(crate) fn poppler(tool: &str, args: &[&str], pdf: &[u8], name: &str) -> String {
    let dir = temp_dir(name);
    let path = dir.join("form.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = output_retried(Command::new(tool).args(args).arg(&path).args(
        if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        },
    ))
    .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed by these tests: {e}"));
    assert!(out.status.success(), "{tool} failed: {out:?}");
    let _ = std::fs::remove_dir_all(&dir);
    String::from_utf8(out.stdout).unwrap()
}

/// The text of each page (pdftotext separates pages by form feeds).
fn pages_text(pdf: &[u8], name: &str) -> Vec<String> {
    let text = poppler("pdftotext", &["-layout"], pdf, name);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Every word with its box, per page: (page width, page height, words).
struct Word {
    x_min: f32,
    y_min: f32,
    x_max: f32,
    y_max: f32,
    text: String,
}

fn attr(tag: &str, name: &str) -> f32 {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let rest = &tag[start..];
    rest[..rest.find('"').unwrap()].parse().unwrap()
}

fn words(pdf: &[u8], name: &str) -> Vec<(f32, f32, Vec<Word>)> {
    let html = poppler("pdftotext", &["-bbox"], pdf, name);
    let mut pages = Vec::new();
    for chunk in html.split("<page ").skip(1) {
        let head = &chunk[..chunk.find('>').unwrap()];
        let (w, h) = (attr(head, "width"), attr(head, "height"));
        let mut list = Vec::new();
        for word in chunk.split("<word ").skip(1) {
            let close = word.find('>').unwrap();
            let tag = &word[..close];
            let text = &word[close + 1..word.find("</word>").unwrap()];
            list.push(Word {
                x_min: attr(tag, "xMin"),
                y_min: attr(tag, "yMin"),
                x_max: attr(tag, "xMax"),
                y_max: attr(tag, "yMax"),
                text: text.to_owned(),
            });
        }
        pages.push((w, h, list));
    }
    pages
}

/// No glyph of any page lies outside the 12 mm margins.
fn assert_inside_printable_area(rendered: &Rendered, name: &str) {
    let margin = 12.0 * 72.0 / 25.4 - 0.5;
    let pages = words(&rendered.pdf, name);
    assert_eq!(pages.len(), rendered.pages);
    for (index, (w, h, words)) in pages.iter().enumerate() {
        assert!(!words.is_empty(), "page {} is empty", index + 1);
        for word in words {
            assert!(
                word.x_min >= margin
                    && word.y_min >= margin
                    && word.x_max <= w - margin
                    && word.y_max <= h - margin,
                "{name} page {}: 「{}」 at ({}, {})–({}, {}) is outside the printable area",
                index + 1,
                word.text,
                word.x_min,
                word.y_min,
                word.x_max,
                word.y_max
            );
        }
    }
}

/// Asserts `needles` occur in `haystack` in this order.
fn assert_in_order(haystack: &str, needles: &[&str]) {
    let flat: String = haystack.chars().filter(|c| !c.is_whitespace()).collect();
    let mut from = 0;
    for needle in needles {
        let needle: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
        match flat[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("「{needle}」 not found (in order) in:\n{haystack}"),
        }
    }
}

fn chronological_record(n: usize, note: &str) -> Record {
    Record::new()
        .with("no", n.to_string())
        .with("date", "令和7年4月1日")
        .with("kind", "取得")
        .with("affair", "給与所得の源泉徴収票作成事務")
        .with("person", format!("職員{n:04}"))
        .with("unit", "総務課")
        .with("file", "1")
        .with("summary", "本人から取得（個人番号カード）")
        .with("clerk", "山田 太郎")
        .with("note", note)
}

fn chronological(rows: usize) -> ListForm {
    ListForm {
        header_lines: vec![
            "団体名：○○広域事務組合".to_owned(),
            "期間：令和7年度（令和7年4月1日～令和8年3月31日）　作成日：令和7年11月24日".to_owned(),
        ],
        records: (1..=rows).map(|n| chronological_record(n, "")).collect(),
    }
}

#[test]
fn every_form_file_is_read_and_its_tables_fit_the_paper() {
    for kind in FormKind::ALL {
        let layout = kind
            .layout()
            .unwrap_or_else(|e| panic!("{}: {e}", kind.name()));
        let (w, _) = layout.orientation.size_mm();
        for (name, columns) in &layout.tables {
            let total: f32 = columns.iter().map(|c| c.width_mm).sum();
            assert!(
                total <= w - 24.0 + 0.01,
                "{} table {name}: {total} mm is wider than the paper",
                kind.name()
            );
        }
        assert!(!layout.title.is_empty());
    }
}

#[test]
fn a_list_form_shows_the_values_in_column_and_row_order() {
    let mut form = chronological(3);
    form.records[1] = chronological_record(2, "第2版: 誤記訂正");
    let rendered = print_list(FormKind::Chronological, &form).unwrap();
    keep("chronological-3", &rendered.pdf);
    assert_eq!(rendered.pages, 1);
    let text = &pages_text(&rendered.pdf, "order")[0];
    assert_in_order(
        text,
        &[
            "別紙1",
            "特定個人情報等運用状況記録票",
            "団体名：○○広域事務組合",
            "作成日：令和7年11月24日",
            "No.",
            "年月日",
            "取扱いの内容",
            "備考",
            "職員0001",
            "職員0002",
            "第2版:誤記訂正",
            "職員0003",
            "1 / 1 ページ",
        ],
    );
    assert!(
        rendered.pdf.len() < 200_000,
        "a page with the subset font should stay small, got {} bytes",
        rendered.pdf.len()
    );
}

#[test]
fn a_200_character_note_wraps_inside_its_cell() {
    let note: String = LONG_NOTE.chars().cycle().take(200).collect();
    let form = ListForm {
        header_lines: vec![],
        records: vec![chronological_record(1, &note)],
    };
    let rendered = print_list(FormKind::Chronological, &form).unwrap();
    keep("long-note", &rendered.pdf);
    // The 備考 column is the last: it spans the last 35 mm before the right margin.
    let right = (297.0 - 12.0) * 72.0 / 25.4;
    let left = right - 35.0 * 72.0 / 25.4;
    let pages = words(&rendered.pdf, "wrap");
    let note_words: Vec<&Word> = pages[0]
        .2
        .iter()
        .filter(|w| w.text.contains("申出"))
        .collect();
    assert!(note_words.len() >= 5, "the note takes many lines");
    for w in &note_words {
        assert!(
            w.x_min >= left && w.x_max <= right,
            "「{}」 leaves its cell: {}–{} not within {left}–{right}",
            w.text,
            w.x_min,
            w.x_max
        );
    }
    let text: String = pages_text(&rendered.pdf, "wrap-text")[0]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let kept: String = note.chars().filter(|c| !c.is_whitespace()).collect();
    // Every character of the note is printed (pdftotext may interleave other columns'
    // lines, so count the characters rather than look for one run).
    assert!(text.matches("申出").count() >= kept.matches("申出").count());
}

#[test]
fn two_thousand_rows_repeat_the_header_and_number_every_page() {
    let rendered = print_list(FormKind::Chronological, &chronological(2_000)).unwrap();
    keep("chronological-2000", &rendered.pdf);
    let pages = pages_text(&rendered.pdf, "2000");
    assert!(pages.len() > 20, "{} pages", pages.len());
    assert_eq!(pages.len(), rendered.pages);
    let count = pages.len();
    let mut seen = 0;
    for (index, page) in pages.iter().enumerate() {
        assert_in_order(
            page,
            &[
                "特定個人情報等運用状況記録票",
                "No.",
                "取扱いの内容",
                &format!("{} / {count} ページ", index + 1),
            ],
        );
        seen += page.matches("職員").count();
    }
    assert_eq!(seen, 2_000, "every row printed once");
    assert_in_order(&pages[count - 1], &["職員2000"]);
    assert_inside_printable_area(&rendered, "2000-area");
}

#[test]
fn the_pdf_carries_no_personal_data_in_its_metadata() {
    let form = chronological(1);
    let rendered = print_list(FormKind::Chronological, &form).unwrap();
    let info = poppler("pdfinfo", &[], &rendered.pdf, "info");
    assert!(info.contains("特定個人情報等運用状況記録票"), "{info}");
    assert!(
        !info.contains("職員0001") && !info.contains("事務組合"),
        "{info}"
    );
}

#[test]
fn a_missing_value_is_a_typed_error() {
    let form = ListForm {
        header_lines: vec![],
        records: vec![Record::new().with("no", "1")],
    };
    assert!(matches!(
        print_list(FormKind::Chronological, &form),
        Err(FormError::MissingValue { key, .. }) if key == "date"
    ));
}

#[test]
fn an_empty_list_says_so() {
    let rendered = print_list(FormKind::Ledger, &ListForm::default()).unwrap();
    let text = &pages_text(&rendered.pdf, "empty")[0];
    assert_in_order(
        text,
        &["NO.", "保管場所", "台帳に登録されたファイルはありません。"],
    );
}

fn sheet(decision: SheetDecision) -> EvaluationSheet {
    EvaluationSheet {
        header_lines: vec!["団体名：○○広域事務組合".to_owned()],
        made_on: "令和7年4月10日".to_owned(),
        decision,
        decision_note: "改善措置の実施を条件に採用".to_owned(),
        re_evaluation: true,
        name: "株式会社クラウド保管".to_owned(),
        dept: "データセンター事業部".to_owned(),
        manager: "佐藤 一郎".to_owned(),
        work: "給与計算システムの運用".to_owned(),
        data: "職員の個人番号、氏名".to_owned(),
        pattern: 1,
        pmark: "—".to_owned(),
        no_leak: "—".to_owned(),
        items: (1..=20)
            .map(|no| SheetItem {
                no,
                text: format!("評価項目{no}の文"),
                applies: [no <= 16, true, no <= 6, no <= 3],
                judgment: if no == 7 { "B" } else { "A" }.to_owned(),
                improvement: if no == 7 {
                    "入退室記録を紙から電子に切り替える".to_owned()
                } else {
                    String::new()
                },
            })
            .collect(),
    }
}

#[test]
fn the_evaluation_sheet_follows_the_form_of_001() {
    let rendered = render(
        &crate::sheets::evaluation::document(&sheet(SheetDecision::AdoptedConditional)).unwrap(),
    )
    .unwrap();
    keep("evaluation", &rendered.pdf);
    let text = pages_text(&rendered.pdf, "eval").join("\n");
    assert_in_order(
        &text,
        &[
            "別紙3",
            "特定個人情報等取扱業務委託先評価シート",
            "作成年月日：令和7年4月10日",
            "1 最終判定",
            "採用",
            "不採用",
            "改善措置の実施を条件に採用",
            "2 基本情報",
            "■再評価",
            "株式会社クラウド保管",
            "データセンター事業部",
            "佐藤 一郎",
            "給与計算システムの運用",
            "職員の個人番号、氏名",
            "3 評価項目",
            "プライバシーマーク付与事業者か",
            "※ 上記を満たす場合は",
            "評価項目1の文",
            "評価項目7の文",
            "入退室記録を紙から電子に切り替える",
            "評価項目20の文",
            "※1 委託パターン",
            "【評価方法】",
            "【選定基準】",
        ],
    );
    assert!(text.contains("□新規"));
    assert_inside_printable_area(&rendered, "eval-area");
}

#[test]
fn the_recovery_sheet_prints_the_code_large_and_each_group() {
    let code = "7K3QZ-ABCD1-EFGH2-JKMN3-PQRS4-TVWX5-YZ016";
    let rendered = render(
        &crate::sheets::recovery::document(&RecoverySheet {
            org_name: "○○広域事務組合".to_owned(),
            vault_name: "kiroku.vault".to_owned(),
            made_on: "令和7年11月24日".to_owned(),
            code: code.to_owned(),
        })
        .unwrap(),
    )
    .unwrap();
    keep("recovery", &rendered.pdf);
    assert_eq!(rendered.pages, 1);
    let text = &pages_text(&rendered.pdf, "recovery")[0];
    assert_in_order(
        text,
        &[
            "復旧用キー",
            "団体名：○○広域事務組合",
            "kiroku.vault",
            code,
            "第1組",
            "7 K 3 Q Z",
            "第7組",
            "Y Z 0 1 6",
            "鍵のかかる書庫",
        ],
    );
    assert_inside_printable_area(&rendered, "recovery-area");
}

mod fonts;
mod long_text;

#[test]
fn a_withdrawn_record_is_struck_through_except_the_cell_that_says_why() {
    let mut form = chronological(3);
    form.records[1] = chronological_record(2, "誤登録として取消（本人違い）").struck_through();
    let doc = crate::sheets::list::document(FormKind::Chronological, &form).unwrap();
    let Some(crate::document::Block::Table(table)) = doc.blocks.first() else {
        panic!("the list is a table");
    };
    assert_eq!(table.struck, vec![1]);
    let note = table.reason_column.unwrap();
    assert_eq!(table.columns[note].title, "備考");
    // Still printed, with its reason readable.
    let pdf = render(&doc).unwrap().pdf;
    keep("struck", &pdf);
    let text: String = pages_text(&pdf, "struck")
        .join("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("職員0002"), "{text}");
    // (The 備考 cell wraps: its two lines come out between the other cells' lines.)
    assert!(text.contains("誤登録として取消"), "{text}");
    assert!(text.contains("（本人違い）"), "{text}");
}
