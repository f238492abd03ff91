//! Any text the API accepts prints (issue 13, item 7): every field at its maximum length, and a
//! row taller than a page continued on the next with the header repeated.

use super::*;

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

/// A title too long for the room beside the seal boxes (the yearly check's, with its 年度 and
/// four boxes) is set smaller so that it ends before the first box.
#[test]
fn a_long_title_shrinks_to_end_before_the_seal_boxes() {
    let sheet = crate::sheets::check::CheckSheet {
        org_name: "みどり広域事務組合".into(),
        title_prefix: "令和8年度 臨時".into(),
        period: "令和8年4月1日 〜 令和8年12月3日".into(),
        made_on: "令和8年12月3日".into(),
        ..Default::default()
    };
    let doc = crate::sheets::check::document(&sheet).unwrap();
    let metrics = crate::font::Metrics::new(crate::font::fonts().unwrap());
    let frame = crate::flow::Frame::new(&doc, &metrics).unwrap();
    assert!(frame.title_pt < crate::flow::TITLE_PT, "{}", frame.title_pt);
    let pdf = render(&doc).unwrap().pdf;
    let pages = words(&pdf, "check");
    let (_, _, first) = &pages[0];
    let title_words: Vec<&Word> = first
        .iter()
        .filter(|w| w.y_max < frame.body_top && doc.title.contains(w.text.as_str()))
        .filter(|w| w.text.contains("結果報告書"))
        .collect();
    assert!(!title_words.is_empty(), "the title is printed");
    for w in title_words {
        assert!(
            w.x_max <= frame.seals_left,
            "{} ends at {} beyond the seal boxes at {}",
            w.text,
            w.x_max,
            frame.seals_left
        );
    }
}
