//! Kiroku forms: lays out the views it is handed and renders them to PDF.
//!
//! - [`layout`]: the form files of `forms/` (columns, widths, fixed texts), compiled in.
//! - [`sheets`]: fill a layout with one print-out's values → a [`Document`].
//! - [`render`]: a [`Document`] → PDF bytes, A4, paginated: the frame (form number, title,
//!   header lines, seal boxes, "N / M ページ") on every page, a table's header repeated on
//!   each page it continues on, text wrapped by character with simple 禁則. A row goes whole
//!   to the next page when it fits there; a row taller than a page (a 500-character 備考, a
//!   300-character 範囲) is split between lines and continues under the repeated header, so
//!   any text the API accepts prints.
//!
//! The Japanese fonts are compiled in and embedded *subset* into every PDF, so a printed form
//! needs nothing installed on the machine and stays small: IPAexゴシック (IPA Font License), and
//! for what it cannot draw a subset of Noto Sans CJK JP (SIL OFL: JIS X 0213 kanji such as 𠮷,
//! the ideographic variation sequences used for names such as 葛󠄀). Fallback is per glyph, a
//! variation sequence is one glyph, and the text layer (ToUnicode, `/ActualText`) reads back the
//! exact characters; the fallback is embedded only in a PDF that uses it. See
//! `assets/fonts/README.md`; `kiroku_core::glyphs` lists what the two fonts draw. The PDF's only
//! metadata is the form's name.
//!
//! Architecture invariant: this crate reads no vault; callers hand it plain values.

mod chars;
mod document;
mod flow;
mod font;
pub mod layout;
pub mod manual;
mod paint;
mod record;
pub mod sheets;
mod wrap;

pub use document::{Align, Block, Column, Document, Orientation, TableBlock, BODY_PT};
pub use layout::{FormKind, FormLayout};
pub use record::Record;

use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions};

/// Why a form could not be rendered. These are faults of a layout or of the program handing it
/// values, not of the user's input.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FormError {
    #[error("同梱のフォントを読み込めません")]
    Font,
    #[error("記録票レイアウト {form} が正しくありません: {detail}")]
    Layout { form: &'static str, detail: String },
    #[error("記録票 {form} の列 {key} の値が渡されていません")]
    MissingValue { form: &'static str, key: String },
    #[error("{row}行目の列数（{found}）が見出しの列数（{expected}）と一致しません")]
    RowLength {
        row: usize,
        expected: usize,
        found: usize,
    },
    #[error("{column}列目の幅（{width_mm} mm）が正しくありません")]
    ColumnWidth { column: usize, width_mm: f32 },
    #[error("{what}が用紙の幅に収まりません")]
    TooWide { what: String },
    #[error("見出しが1ページに収まりません")]
    HeaderTooTall,
}

/// What was rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// Renders `doc` to PDF.
pub fn render(doc: &Document) -> Result<Rendered, FormError> {
    let fonts = font::fonts()?;
    let mut pdf = PdfDocument::new(&doc.title);
    // A font no page uses is not embedded: most forms carry the primary font alone.
    let font_ids = [pdf.add_font(&fonts.primary), pdf.add_font(&fonts.fallback)];
    let (w, h) = doc.orientation.size_mm();
    // The laid-out rows are dropped before saving: only the drawing operations stay.
    let pages: Vec<PdfPage> = {
        let metrics = font::Metrics::new(fonts);
        let flow = flow::Flow::new(doc, &metrics)?;
        let laid_pages = flow.pages()?;
        let count = laid_pages.len();
        laid_pages
            .iter()
            .enumerate()
            .map(|(index, items)| {
                let mut painter = paint::Painter::new(font_ids.clone(), &metrics, &flow.frame);
                painter.frame(doc, &flow.frame, index + 1, count);
                for item in items {
                    painter.item(&flow.frame, item);
                }
                PdfPage::new(Mm(w), Mm(h), painter.finish())
            })
            .collect()
    };
    let count = pages.len();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    Ok(Rendered {
        pdf: pdf.with_pages(pages).save(&options, &mut Vec::new()),
        pages: count,
    })
}

/// Renders a list form (`kind` other than the evaluation and recovery sheets).
pub fn print_list(kind: FormKind, form: &sheets::list::ListForm) -> Result<Rendered, FormError> {
    render(&sheets::list::document(kind, form)?)
}

#[cfg(test)]
mod tests;
