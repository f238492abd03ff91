//! A small manual rendered and read back with poppler, as a reader would: the chapters, the
//! contents with the pages they are on, the pictures, the glossary, the page numbers.

use super::picture::tests::sample_png;
use super::*;
use crate::tests::poppler;

/// The text of each page.
fn pages_text(pdf: &[u8]) -> Vec<String> {
    let text = poppler("pdftotext", &["-layout"], pdf, "manual");
    // pdftotext widens spaces (and turns 「　」 into several): one space stands for any run.
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|page| {
            page.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn chapter(name: &str, markdown: &str) -> ChapterSource {
    ChapterSource {
        name: name.to_owned(),
        markdown: markdown.to_owned(),
    }
}

fn long_chapter() -> String {
    let mut md = String::from("# 取扱いを記録する\n\n");
    for n in 1..=6 {
        md.push_str(&format!("## 手順その{n}\n\n"));
        for _ in 0..6 {
            md.push_str(
                "取扱記録の一覧で記録を押すと、内容が表示されます。令和8年11月12日に\
                 田村 千尋さんの源泉徴収票を作成したときは、種別に「作成」を選びます。\n\n",
            );
        }
        md.push_str("1. 種別を選ぶ\n   - 取得・利用・提出\n2. 保存する\n\n");
    }
    md
}

fn source() -> ManualSource {
    ManualSource {
        version: "9.8.7".to_owned(),
        chapters: vec![
            chapter(
                "01-setup.md",
                "# はじめに・セットアップ\n\n最初に記録ファイルを作ります。\n\n\
                 ![初回セットアップの画面](shots/setup.png)\n\n\
                 > 復旧コードは鍵のかかる場所に保管します。\n",
            ),
            chapter("02-record.md", &long_chapter()),
            chapter(
                "03-terms.md",
                "# 用語集\n\n画面の「？」と同じ説明です。\n\n<!-- 用語 -->\n\n\
                 <img src=\"shots/setup.png\" width=\"280\" alt=\"もう一度\">\n",
            ),
        ],
        terms: vec![Term {
            term: "保存期限".to_owned(),
            text: "法令や規程で決められた保存期間の最後の日です。".to_owned(),
            source: "民法第140条".to_owned(),
        }],
    }
}

fn images(path: &str) -> Result<Vec<u8>, String> {
    match path {
        "shots/setup.png" => Ok(sample_png(600, 400)),
        _ => Err("ファイルがありません".to_owned()),
    }
}

fn render(source: &ManualSource) -> Result<Rendered, ManualError> {
    render_manual(source, &mut images)
}

/// The number at the end of the contents' line that names `title`.
fn listed_page(contents: &str, title: &str) -> usize {
    let line = contents
        .lines()
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("{title} is not in the contents:\n{contents}"));
    line.trim_end()
        .rsplit(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no page number in {line:?}"))
}

#[test]
fn the_contents_list_every_chapter_with_the_page_it_starts_on() {
    let rendered = render(&source()).unwrap();
    if let Some(dir) = std::env::var_os("KIROKU_FORMS_KEEP") {
        std::fs::write(std::path::Path::new(&dir).join("manual.pdf"), &rendered.pdf).unwrap();
    }
    let pages = pages_text(&rendered.pdf);
    assert_eq!(pages.len(), rendered.pages);
    assert!(pages[0].contains("Kiroku 操作マニュアル") && pages[0].contains("版 9.8.7"));
    assert!(pages[1].contains("目次"));
    let titles = ["はじめに・セットアップ", "取扱いを記録する", "用語集"];
    for (n, title) in titles.iter().enumerate() {
        let listed = listed_page(&pages[1], title);
        let heading = format!("{} {title}", n + 1);
        let found = pages
            .iter()
            .enumerate()
            .skip(2)
            .find(|(_, text)| text.contains(&heading))
            .map(|(i, _)| i + 1)
            .unwrap_or_else(|| panic!("{heading} is on no page"));
        assert_eq!(listed, found, "{title}");
        // A chapter starts a page: its title is the page's first line.
        let first = pages[found - 1]
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap();
        assert!(first.contains(title), "{first:?}");
    }
    // The long chapter runs over several pages, its sections listed too.
    let record = listed_page(&pages[1], "取扱いを記録する");
    let glossary = listed_page(&pages[1], "用語集");
    assert!(glossary > record + 1, "{record} {glossary}");
    let section = listed_page(&pages[1], "手順その6");
    assert!(pages[section - 1].contains("■ 手順その6"));
    // Page numbers in the footer, the title page without one.
    let footer = |n: usize| format!("{n}/{}", rendered.pages);
    assert!(pages[1].replace(' ', "").contains(&footer(2)));
    assert!(!pages[0].replace(' ', "").contains(&footer(1)));
}

#[test]
fn pictures_are_embedded_once_per_file_with_their_caption() {
    let rendered = render(&source()).unwrap();
    let list = poppler("pdfimages", &["-list"], &rendered.pdf, "manual");
    let rows: Vec<&str> = list.lines().skip(2).collect();
    // The same file shown twice is one image, drawn on two pages.
    assert_eq!(rows.len(), 2, "{list}");
    assert!(rows
        .iter()
        .all(|r| r.contains(" 600 ") && r.contains(" 400 ")));
    let text = pages_text(&rendered.pdf).concat();
    assert!(text.contains("図 初回セットアップの画面"), "{text}");
}

#[test]
fn the_glossary_gives_each_term_its_text_and_source() {
    let rendered = render(&source()).unwrap();
    let pages = pages_text(&rendered.pdf);
    let glossary = pages
        .iter()
        .skip(2)
        .find(|p| p.contains("3 用語集"))
        .unwrap();
    assert!(glossary.contains("保存期限"));
    assert!(glossary.contains("法令や規程で決められた保存期間の最後の日です。"));
    assert!(glossary.contains("出典: 民法第140条"));
}

#[test]
fn a_faulty_source_is_refused_naming_the_chapter() {
    let mut no_title = source();
    no_title.chapters[0].markdown = "本文だけ".to_owned();
    let err = render(&no_title).unwrap_err();
    assert_eq!(
        err.to_string(),
        "01-setup.md: 最初の見出しを「# 章の題」にしてください"
    );

    let mut missing = source();
    missing.chapters[0].markdown = "# 章\n\n![画面](shots/none.png)\n".to_owned();
    let err = render(&missing).unwrap_err();
    assert_eq!(
        err.to_string(),
        "01-setup.md: 画像 shots/none.png を使えません（ファイルがありません）"
    );

    let mut no_marker = source();
    no_marker.chapters.pop();
    assert_eq!(render(&no_marker).unwrap_err(), ManualError::NoTermsMarker);

    let mut two = source();
    two.chapters[1].markdown.push_str("\n# 別の章\n");
    assert!(
        matches!(render(&two), Err(ManualError::SecondTitle { second, .. }) if second == "別の章")
    );

    let none = ManualSource {
        chapters: Vec::new(),
        ..source()
    };
    assert_eq!(render(&none).unwrap_err(), ManualError::NoChapters);
}
