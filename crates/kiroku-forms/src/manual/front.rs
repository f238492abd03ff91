//! The front of the manual: the title page (表紙) and the table of contents (目次), whose lines
//! end in leader dots and the page number in a column of fixed width (so the contents take the
//! same pages whatever the numbers).

use crate::flow::mm;
use crate::font::Metrics;

use super::pieces::{
    body_width, line_h, Draw, Piece, TocEntry, BODY_PT, CHAPTER_PT, PAGE_H, SECTION_PT, SMALL_PT,
};

/// The manual's title, on the title page and as the PDF's title.
pub const MANUAL_TITLE: &str = "Kiroku 操作マニュアル";
const SUBTITLE: &str = "特定個人情報（マイナンバー）の取扱記録";
const TITLE_PT: f32 = 28.0;
const TOC_CHAPTER_PT: f32 = 12.0;

/// The title page's lines, each centred: (top from the page's top, size, text).
pub(crate) fn title_page(version: &str) -> Vec<(f32, f32, String)> {
    vec![
        (PAGE_H * 0.3, TITLE_PT, MANUAL_TITLE.to_owned()),
        (PAGE_H * 0.3 + mm(18.0), SECTION_PT, SUBTITLE.to_owned()),
        (PAGE_H * 0.3 + mm(32.0), BODY_PT, format!("版 {version}")),
        (
            PAGE_H - mm(40.0),
            SMALL_PT,
            "この PC の中だけで使うアプリです。ネットワークには接続しません。".to_owned(),
        ),
    ]
}

/// The contents' pieces: the heading 「目次」, then one line (or more, for a long title) per
/// entry with its page number (`None`: not known yet, drawn as nothing).
pub(crate) fn contents(
    metrics: &Metrics<'_>,
    entries: &[TocEntry],
    pages: &[Option<usize>],
) -> Vec<Piece> {
    let mut pieces = vec![
        Piece {
            height: line_h(CHAPTER_PT),
            draws: vec![Draw::Text {
                x: 0.0,
                top: 0.0,
                size: CHAPTER_PT,
                text: "目次".to_owned(),
            }],
            ..Piece::default()
        },
        Piece {
            height: mm(8.0),
            draws: vec![Draw::Rule {
                x: 0.0,
                top: mm(2.0),
                w: body_width(),
            }],
            ..Piece::default()
        },
    ];
    for (i, entry) in entries.iter().enumerate() {
        let (size, indent) = match entry.level {
            1 => (TOC_CHAPTER_PT, 0.0),
            _ => (BODY_PT, 2.0 * BODY_PT),
        };
        if entry.level == 1 && i > 0 {
            pieces.push(Piece {
                height: mm(2.5),
                is_space: true,
                ..Piece::default()
            });
        }
        let number_w = metrics.width("0000", size);
        let leader_min = 3.0 * size;
        let text_w = body_width() - indent - number_w - leader_min;
        let lines = metrics.wrap(&entry.text, text_w, size);
        let last = lines.len().saturating_sub(1);
        for (n, line) in lines.into_iter().enumerate() {
            let mut draws = Vec::new();
            if n == last {
                let end = indent + metrics.width(&line, size);
                let number = pages
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|p| p.to_string())
                    .unwrap_or_default();
                let num_w = metrics.width(&number, size);
                let dot_w = metrics.width(".", size).max(0.1);
                let gap = body_width() - num_w - end - size;
                // Leader dots, a space's width clear of the title and of the number.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let dots = (gap / dot_w).max(0.0) as usize;
                if dots > 0 {
                    draws.push(Draw::Text {
                        x: end + size / 2.0,
                        top: 0.0,
                        size,
                        text: ".".repeat(dots),
                    });
                }
                if !number.is_empty() {
                    draws.push(Draw::Text {
                        x: body_width() - num_w,
                        top: 0.0,
                        size,
                        text: number,
                    });
                }
            }
            draws.insert(
                0,
                Draw::Text {
                    x: indent,
                    top: 0.0,
                    size,
                    text: line,
                },
            );
            pieces.push(Piece {
                height: line_h(size),
                draws,
                ..Piece::default()
            });
        }
    }
    pieces
}
