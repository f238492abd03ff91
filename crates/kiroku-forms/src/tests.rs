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

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kiroku-forms-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copies `pdf` to `$KIROKU_FORMS_KEEP/<name>.pdf` when that variable is set, to look at it.
fn keep(name: &str, pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("KIROKU_FORMS_KEEP") {
        std::fs::write(Path::new(&dir).join(format!("{name}.pdf")), pdf).unwrap();
    }
}

fn poppler(tool: &str, args: &[&str], pdf: &[u8], name: &str) -> String {
    let dir = temp_dir(name);
    let path = dir.join("form.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdfinfo" || tool == "pdffonts" {
            &[][..]
        } else {
            &["-"][..]
        })
        .output()
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

// ---- Any text the API accepts prints (issue 13, item 7) ----

/// The list form with its table alone: the form's fixed note under the table would read as part
/// of a column.
fn table_only(kind: FormKind, form: &ListForm) -> Rendered {
    let mut doc = crate::sheets::list::document(kind, form).unwrap();
    doc.blocks.truncate(1);
    render(&doc).unwrap_or_else(|e| panic!("{} does not print: {e}", kind.name()))
}

/// `n` characters of numbered phrases (「甲1、甲2、…」), so a lost or repeated piece shows. The
/// labels are characters no column title holds (titles are taken out of what is read back).
fn filler(label: &str, n: usize) -> String {
    let mut text = String::new();
    let mut i = 1;
    while text.chars().count() < n {
        text.push_str(&format!("{label}{i}、"));
        i += 1;
    }
    text.chars().take(n).collect()
}

/// The text printed in each column of the `main` table of `kind`, page after page, top to
/// bottom, with the column titles (repeated on every page) taken out and no whitespace.
fn column_texts(kind: FormKind, form: &ListForm, pdf: &[u8], name: &str) -> Vec<String> {
    let doc = crate::sheets::list::document(kind, form).unwrap();
    let metrics = crate::font::Metrics::new(crate::font::fonts().unwrap());
    let frame = crate::flow::Frame::new(&doc, &metrics).unwrap();
    let layout = kind.layout().unwrap();
    let columns = layout.table(kind, "main").unwrap();
    let mut edges = vec![frame.left];
    for c in columns {
        edges.push(edges.last().unwrap() + c.width_mm * 72.0 / 25.4);
    }
    let mut texts = vec![Vec::new(); columns.len()];
    for (page, (_, _, words)) in words(pdf, name).into_iter().enumerate() {
        for w in words {
            let x = (w.x_min + w.x_max) / 2.0;
            if w.y_min < frame.body_top - 1.0 || w.y_max > frame.body_bottom + 1.0 {
                continue;
            }
            if let Some(c) = edges.windows(2).position(|e| e[0] <= x && x < e[1]) {
                texts[c].push((page, w.y_min, w.x_min, w.text));
            }
        }
    }
    texts
        .into_iter()
        .zip(columns)
        .map(|(mut words, column)| {
            words.sort_by(|a, b| (a.0, a.1, a.2).partial_cmp(&(b.0, b.1, b.2)).unwrap());
            let text: String = words.into_iter().map(|w| w.3).collect();
            let title: String = column
                .title
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            text.replace(&title, "")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        })
        .collect()
}

/// Records with every text field at the longest the API accepts (kiroku-core's field limits;
/// cells composed of several fields at the longest composition), printed and read back
/// column by column: every character is there, in order.
fn assert_prints_in_full(kind: FormKind, records: Vec<Record>) {
    let form = ListForm {
        header_lines: vec!["団体名：○○広域事務組合".to_owned()],
        records,
    };
    let rendered = table_only(kind, &form);
    keep(&format!("{}-max", kind.name()), &rendered.pdf);
    let printed = column_texts(kind, &form, &rendered.pdf, kind.name());
    let layout = kind.layout().unwrap();
    let columns = layout.table(kind, "main").unwrap();
    for (c, column) in columns.iter().enumerate() {
        let want: String = form
            .records
            .iter()
            .map(|r| r.get(&column.key).unwrap())
            .collect::<String>()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(
            printed[c],
            want,
            "{}: column {} is not printed in full",
            kind.name(),
            column.key
        );
    }
    assert_inside_printable_area(&rendered, &format!("{}-max-area", kind.name()));
}

#[test]
fn the_chronological_form_prints_every_field_at_its_maximum_length() {
    let record = |n: usize| {
        Record::new()
            .with("no", n.to_string())
            .with("date", "令和7年12月28日")
            .with("kind", "委託先への提供")
            .with("affair", filler("甲", 100))
            .with(
                "person",
                format!("{}（{}）", filler("乙", 50), filler("丙", 50)),
            )
            .with("unit", filler("丁", 50))
            .with("file", "20")
            .with("summary", filler("戊", 200))
            .with("clerk", filler("己", 50))
            .with("note", format!("第12版。{}", filler("庚", 500)))
    };
    assert_prints_in_full(FormKind::Chronological, (1..=3).map(record).collect());
}

#[test]
fn the_lifecycle_form_prints_every_field_at_its_maximum_length() {
    // 利用及び持出 gathers every event of a person's years: far more than a page.
    let record = Record::new()
        .with("affair", filler("甲", 100))
        .with("person", filler("乙", 50))
        .with("unit", filler("丁", 50))
        .with(
            "dependent",
            format!("{}（{}）", filler("丙", 50), filler("辛", 20)),
        )
        .with("acquired_on", "令和7年4月1日")
        .with("identity_check", filler("壬", 100))
        .with("recorded_on", "令和7年4月1日")
        .with("clerks", filler("己", 160))
        .with("use_and_take_out", filler("癸", 3000))
        .with("disposal", format!("令和14年1月31日 {}", filler("子", 100)));
    assert_prints_in_full(FormKind::Lifecycle, vec![record.clone(), record]);
}

#[test]
fn the_ledger_prints_every_field_at_its_maximum_length() {
    let record = |n: usize| {
        Record::new()
            .with("no", n.to_string())
            .with("name", filler("丑", 100))
            .with("scope", filler("寅", 300))
            .with("medium", "紙・電子")
            .with("dept", filler("卯", 50))
            .with("owner", filler("辰", 32))
            .with("handlers", filler("己", 32 * 10 + 9))
            .with("purpose", filler("巳", 300))
            .with("retention", filler("午", 100))
            .with(
                "disposal",
                format!("{}\n{}", filler("未", 100), filler("申", 100)),
            )
            .with("location", filler("酉", 100))
    };
    assert_prints_in_full(FormKind::Ledger, (1..=4).map(record).collect());
}

#[test]
fn the_disposal_list_prints_every_field_at_its_maximum_length() {
    let record = |n: usize| {
        Record::new()
            .with("no", n.to_string())
            .with("status", "証明書待ち")
            .with("document", filler("戌", 100))
            .with("file", format!("NO.20 {}", filler("亥", 100)))
            .with("person", filler("天甲", 50))
            .with("retain_until", "令和14年1月31日")
            .with("dispose_by", "令和14年12月31日")
            .with("disposed_on", "令和14年12月1日")
            .with("method", filler("子", 100))
            .with("performer", filler("天乙", 50))
            .with("witness", filler("壬", 100))
            .with("seal", "")
    };
    assert_prints_in_full(FormKind::Disposal, (1..=5).map(record).collect());
}

#[test]
fn the_evaluation_sheet_prints_every_field_at_its_maximum_length() {
    let mut sheet = sheet(SheetDecision::AdoptedConditional);
    sheet.name = filler("丑", 100);
    sheet.dept = filler("天丙", 100);
    sheet.manager = filler("天丁", 50);
    sheet.work = filler("天戊", 300);
    sheet.data = filler("天己", 300);
    for item in &mut sheet.items {
        item.improvement = filler(&format!("改善{}の", item.no), 300);
    }
    let rendered = render(&crate::sheets::evaluation::document(&sheet).unwrap()).unwrap();
    keep("evaluation-max", &rendered.pdf);
    let text: String = pages_text(&rendered.pdf, "eval-max")
        .join("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for value in [
        &sheet.name,
        &sheet.dept,
        &sheet.manager,
        &sheet.work,
        &sheet.data,
    ] {
        // The value column is wide and alone on its lines: each value reads back whole.
        assert!(
            text.contains(value.as_str()),
            "「{value}」 is not printed in full"
        );
    }
    for item in &sheet.items {
        // The improvement column shares its lines with others: count its numbered phrases.
        let phrases = item.improvement.split('、').filter(|p| p.len() > 3).count();
        for i in 1..phrases {
            let phrase = format!("改善{}の{i}、", item.no);
            assert!(text.contains(&phrase), "「{phrase}」 missing");
        }
    }
    assert_inside_printable_area(&rendered, "eval-max-area");
}

#[test]
fn a_row_taller_than_a_page_continues_on_the_next_with_the_header_repeated() {
    let note = filler("庚", 500);
    let form = ListForm {
        header_lines: vec![],
        records: vec![
            chronological_record(1, ""),
            chronological_record(2, &format!("{note}{note}")),
            chronological_record(3, ""),
        ],
    };
    let rendered = table_only(FormKind::Chronological, &form);
    keep("split-row", &rendered.pdf);
    assert!(rendered.pages >= 3, "{} pages", rendered.pages);
    let pages = pages_text(&rendered.pdf, "split");
    for (index, page) in pages.iter().enumerate() {
        assert_in_order(
            page,
            &[
                "特定個人情報等運用状況記録票",
                "No.",
                "年月日",
                "備考",
                &format!("{} / {} ページ", index + 1, pages.len()),
            ],
        );
    }
    // The row's one-line cells print once, on the page where the row starts.
    assert_eq!(
        pages
            .iter()
            .map(|p| p.matches("職員0002").count())
            .sum::<usize>(),
        1
    );
    assert_in_order(&pages[0], &["職員0001", "職員0002"]);
    assert_in_order(&pages[pages.len() - 1], &["職員0003"]);
    let notes = &column_texts(FormKind::Chronological, &form, &rendered.pdf, "split-cols")[9];
    assert_eq!(notes, &format!("{note}{note}"));
    assert_inside_printable_area(&rendered, "split-area");
}

/// Print time of a full 年度 (10,000 events of the 運用状況記録票) and the size of a normal
/// one-page form. A measurement, not a test:
/// `cargo test -p kiroku-forms --release -- --ignored --nocapture measure_`.
#[test]
#[ignore = "a measurement; run in release"]
#[allow(clippy::print_stderr)]
fn measure_a_full_year() {
    let year = chronological(10_000);
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let start = std::time::Instant::now();
        last = Some(print_list(FormKind::Chronological, &year).unwrap());
        times.push(start.elapsed().as_millis());
    }
    times.sort_unstable();
    let year_pdf = last.unwrap();
    let normal = print_list(FormKind::Chronological, &chronological(20)).unwrap();
    eprintln!(
        "full year: {} ms median of {:?}, {} pages, {} bytes; normal form: {} bytes",
        times[1],
        times,
        year_pdf.pages,
        year_pdf.pdf.len(),
        normal.pdf.len()
    );
}

// ---- Names the primary font cannot draw (issue 13, item 8) ----

const NAMES: [&str; 5] = [
    "𠮷田 太郎",
    "髙橋 一郎",
    "山﨑 花子",
    "葛\u{E0100}城 次郎",
    "辻\u{E0100} 三郎",
];

#[test]
fn names_outside_the_primary_font_print_and_read_back_exactly() {
    let form = ListForm {
        header_lines: vec![],
        records: NAMES
            .iter()
            .enumerate()
            .map(|(i, name)| chronological_record(i + 1, "").with("person", *name))
            .collect(),
    };
    let rendered = print_list(FormKind::Chronological, &form).unwrap();
    keep("names", &rendered.pdf);
    let text = pages_text(&rendered.pdf, "names").join("");
    for name in NAMES {
        let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            flat.contains(&name),
            "「{name}」 ({:?}) does not read back:\n{text}",
            name
        );
    }
    // Nothing reads back as a character that was not typed (☒, 😀, U+FFFD), and every
    // selector follows its base.
    for stray in ['\u{2612}', '\u{1F600}', '\u{FFFD}'] {
        assert!(!text.contains(stray), "stray {stray} in:\n{text}");
    }
    assert_eq!(text.matches('\u{E0100}').count(), 2, "{text}");
}

#[test]
fn a_variation_sequence_is_one_glyph_of_the_font_that_has_the_variant() {
    let fonts = crate::font::fonts().unwrap();
    for name in ["葛\u{E0100}", "辻\u{E0100}"] {
        let glyphs = fonts.glyphs(name);
        assert_eq!(glyphs.len(), 1, "{name}");
        assert!(
            glyphs[0].variant && glyphs[0].gid != 0,
            "{name}: {glyphs:?}"
        );
        let (_, plain) = fonts.char_glyph(name.chars().next().unwrap());
        assert_ne!(
            glyphs[0].gid, plain,
            "{name}: the variant is not the base glyph"
        );
    }
    // 𠮷 is not in IPAex: the fallback draws it.
    let yoshi = fonts.glyphs("𠮷");
    assert_eq!(yoshi[0].face, crate::font::Face::Fallback);
    assert_ne!(yoshi[0].gid, 0);
    // A selector no font knows for this base: the base glyph, with the selector kept.
    let unknown = fonts.glyphs("山\u{E0105}");
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].text, "山\u{E0105}");
    assert_eq!(unknown[0].gid, fonts.char_glyph('山').1);
}

#[test]
fn a_form_without_such_names_does_not_embed_the_fallback_font() {
    let plain = print_list(FormKind::Chronological, &chronological(20)).unwrap();
    let mut form = chronological(20);
    form.records[3] = chronological_record(4, "").with("person", "𠮷田 太郎");
    let with = print_list(FormKind::Chronological, &form).unwrap();
    let fonts = poppler("pdffonts", &[], &plain.pdf, "fonts-plain");
    assert_eq!(fonts.matches("Identity-H").count(), 1, "{fonts}");
    let fonts = poppler("pdffonts", &[], &with.pdf, "fonts-with");
    assert_eq!(fonts.matches("Identity-H").count(), 2, "{fonts}");
    assert!(
        with.pdf.len() < plain.pdf.len() + 30_000,
        "one fallback glyph costs {} bytes",
        with.pdf.len() - plain.pdf.len()
    );
}

/// The table behind `kiroku_core::glyphs::drawable`: every character some embedded font draws.
/// `KIROKU_WRITE_COVERAGE=1 cargo test -p kiroku-forms coverage` rewrites it after a font changes.
#[test]
fn the_committed_coverage_table_matches_the_fonts() {
    let ranges = crate::font::fonts().unwrap().coverage();
    let mut table = String::from(
        "//! Generated by kiroku-forms' `the_committed_coverage_table_matches_the_fonts`\n\
         //! (`KIROKU_WRITE_COVERAGE=1 cargo test -p kiroku-forms coverage`): the characters the\n\
         //! embedded fonts draw (IPAexゴシック and the Noto Sans CJK JP subset), as inclusive ranges.\n\n\
         pub(super) const DRAWABLE: &[(u32, u32)] = &[\n",
    );
    for (first, last) in &ranges {
        table.push_str(&format!("    (0x{first:04X}, 0x{last:04X}),\n"));
    }
    table.push_str("];\n");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../kiroku-core/src/glyphs/drawable.rs");
    if std::env::var_os("KIROKU_WRITE_COVERAGE").is_some_and(|v| v == "1") {
        std::fs::write(&path, &table).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == table,
        "{} is out of date: run KIROKU_WRITE_COVERAGE=1 cargo test -p kiroku-forms coverage",
        path.display()
    );
    assert!(
        ranges.iter().any(|&(a, b)| (a..=b).contains(&0x20BB7)),
        "𠮷"
    );
}
