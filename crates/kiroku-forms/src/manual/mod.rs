//! 操作マニュアル: the user guide, rendered from its chapters' Markdown to an A4 PDF with the
//! forms' fonts, line breaking and painter.
//!
//! The pages: a title page (表紙: the title and the version), the table of contents (目次:
//! chapters and their `##` sections with page numbers), then each chapter from a new page, its
//! `#` title numbered. Page numbers ("N / M", the PDF's own page numbers) are in the footer of
//! every page but the title page. Screenshots are set as wide as the text with their alt text
//! as a caption; the glossary's terms (用語集, the same entries as the app's 「？」) go where a
//! chapter has the marker [`TERMS_MARKER`].
//!
//! Like the rest of the crate it reads no file: it is handed the chapters' text and a function
//! that gives an image's bytes for the path a chapter names.

mod draw;
mod front;
mod markdown;
mod pager;
mod picture;
mod pieces;

pub use front::MANUAL_TITLE;
pub use markdown::TERMS_MARKER;

use std::collections::HashMap;

use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions, XObjectId};

use crate::font::{self, Metrics};
use crate::{FormError, Rendered};
use markdown::MdBlock;
use pieces::{Cutter, PictureRef, PAGE_H, PAGE_W};

/// One chapter: the name it is known by in messages (its file name) and its Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterSource {
    pub name: String,
    pub markdown: String,
}

/// 用語: one entry of the glossary, as the app's 「？」 shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub term: String,
    pub text: String,
    /// 出典: where the rule comes from.
    pub source: String,
}

/// Everything the manual is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualSource {
    /// The program's version, printed on the title page.
    pub version: String,
    /// The chapters, in order.
    pub chapters: Vec<ChapterSource>,
    pub terms: Vec<Term>,
}

/// Why the manual could not be made: a fault of its source, named so its writer can fix it.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ManualError {
    #[error("操作マニュアルの章がありません")]
    NoChapters,
    #[error("{chapter}: 最初の見出しを「# 章の題」にしてください")]
    NoTitle { chapter: String },
    #[error("{chapter}: 章の題（# の見出し）は1つだけにしてください（2つ目: {second}）")]
    SecondTitle { chapter: String, second: String },
    #[error("{chapter}: 画像 {src} を使えません（{reason}）")]
    Image {
        chapter: String,
        src: String,
        reason: String,
    },
    #[error(
        "用語集の用語を置く場所がありません（どれかの章に {TERMS_MARKER} の行を入れてください）"
    )]
    NoTermsMarker,
    #[error("{0}")]
    Form(#[from] FormError),
}

/// A chapter read: its title and the blocks after it.
struct Chapter {
    name: String,
    title: String,
    blocks: Vec<MdBlock>,
}

fn read_chapter(source: &ChapterSource) -> Result<Chapter, ManualError> {
    let mut blocks = markdown::parse(&source.markdown);
    let title = match blocks.first() {
        Some(MdBlock::Heading { level: 1, text }) => text.clone(),
        _ => {
            return Err(ManualError::NoTitle {
                chapter: source.name.clone(),
            })
        }
    };
    blocks.remove(0);
    if let Some(second) = blocks.iter().find_map(|b| match b {
        MdBlock::Heading { level: 1, text } => Some(text.clone()),
        _ => None,
    }) {
        return Err(ManualError::SecondTitle {
            chapter: source.name.clone(),
            second,
        });
    }
    Ok(Chapter {
        name: source.name.clone(),
        title,
        blocks,
    })
}

/// Every picture of `blocks`, in the order the cutter meets them; and whether the glossary's
/// marker is among them.
fn walk<'b>(blocks: &'b [MdBlock], images: &mut Vec<&'b str>, marker: &mut bool) {
    for block in blocks {
        match block {
            MdBlock::Image { src, .. } => images.push(src),
            MdBlock::List { items, .. } => {
                for item in items {
                    walk(item, images, marker);
                }
            }
            MdBlock::Note(inner) => walk(inner, images, marker),
            MdBlock::Terms => *marker = true,
            _ => {}
        }
    }
}

/// Renders the manual. `image` gives the bytes of a PNG named in a chapter (as written there),
/// or why it cannot.
pub fn render_manual(
    source: &ManualSource,
    image: &mut dyn FnMut(&str) -> Result<Vec<u8>, String>,
) -> Result<Rendered, ManualError> {
    if source.chapters.is_empty() {
        return Err(ManualError::NoChapters);
    }
    let chapters = source
        .chapters
        .iter()
        .map(read_chapter)
        .collect::<Result<Vec<_>, _>>()?;
    let fonts = font::fonts()?;
    let metrics = Metrics::new(fonts);
    let mut pdf = PdfDocument::new(MANUAL_TITLE);

    // The pictures, each file decoded once.
    let mut pictures = Vec::new();
    let mut objects: Vec<XObjectId> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut marker = false;
    for chapter in &chapters {
        let mut srcs = Vec::new();
        walk(&chapter.blocks, &mut srcs, &mut marker);
        for src in srcs {
            let fail = |reason: String| ManualError::Image {
                chapter: chapter.name.clone(),
                src: src.to_owned(),
                reason,
            };
            let (object, width_px, height_px) = match seen.get(src) {
                Some(&object) => {
                    let first: &PictureRef = pictures
                        .iter()
                        .find(|p: &&PictureRef| p.object == object)
                        .ok_or_else(|| fail("画像を見失いました".to_owned()))?;
                    (object, first.width_px, first.height_px)
                }
                None => {
                    let decoded = picture::decode(&image(src).map_err(fail)?).map_err(fail)?;
                    let xobject = picture::xobject(&decoded).map_err(fail)?;
                    objects.push(pdf.add_xobject(&xobject));
                    seen.insert(src.to_owned(), objects.len() - 1);
                    (objects.len() - 1, decoded.width, decoded.height)
                }
            };
            pictures.push(PictureRef {
                width_px,
                height_px,
                object,
            });
        }
    }
    if !source.terms.is_empty() && !marker {
        return Err(ManualError::NoTermsMarker);
    }

    let mut cutter = Cutter::new(&metrics, &pictures);
    for (number, chapter) in chapters.iter().enumerate() {
        cutter.chapter(number + 1, &chapter.title);
        cutter.blocks(&chapter.blocks, 0.0, &source.terms);
    }
    let body = pager::paginate(&cutter.pieces);
    // The contents take the same pages whatever their numbers: lay them once to count them.
    let unnumbered = front::contents(&metrics, &cutter.toc, &[]);
    let contents_pages = pager::paginate(&unnumbered).pages.len();
    let first_body_page = 1 + contents_pages + 1;
    let numbers: Vec<Option<usize>> = body
        .anchors
        .iter()
        .map(|page| Some(first_body_page + page))
        .collect();
    let contents = front::contents(&metrics, &cutter.toc, &numbers);
    let contents_paged = pager::paginate(&contents);

    let font_ids = [pdf.add_font(&fonts.primary), pdf.add_font(&fonts.fallback)];
    let ink = draw::Ink {
        fonts: font_ids,
        metrics: &metrics,
        pictures: &pictures,
        objects: &objects,
    };
    let count = 1 + contents_paged.pages.len() + body.pages.len();
    let page = |ops| PdfPage::new(Mm(PAGE_W * 25.4 / 72.0), Mm(PAGE_H * 25.4 / 72.0), ops);
    let mut pages = vec![page(ink.title_page(&front::title_page(&source.version)))];
    for (pieces, paged) in [(&contents, &contents_paged), (&cutter.pieces, &body)] {
        for placed in &paged.pages {
            pages.push(page(ink.page(pieces, placed, pages.len() + 1, count)));
        }
    }
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let pages_len = pages.len();
    Ok(Rendered {
        pdf: pdf.with_pages(pages).save(&options, &mut Vec::new()),
        pages: pages_len,
    })
}

#[cfg(test)]
mod tests;
