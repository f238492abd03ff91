//! Kiroku forms: lays out the views it is handed and renders them to PDF.
//!
//! The Japanese font (IPAexゴシック, IPA Font License — see `assets/fonts/`) is compiled in and
//! embedded *subset* into every PDF, so a printed form needs nothing installed on the machine
//! and stays small (tens of KB rather than the font's 6 MB).
//!
//! This crate does no store access: callers hand it plain views ([`Table`]).

mod wrap;

use printpdf::{
    Color, FontId, Greyscale, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem,
};

/// IPAexゴシック 00401 (`fonts-ipaexfont-gothic`), IPA Font License v1.0.
const FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/ipaexg.ttf");

/// A4 landscape.
const PAGE_WIDTH_MM: f32 = 297.0;
const PAGE_HEIGHT_MM: f32 = 210.0;
const MARGIN_MM: f32 = 12.0;

const TITLE_SIZE_PT: f32 = 14.0;
const BODY_SIZE_PT: f32 = 9.0;
const FOOTER_SIZE_PT: f32 = 8.0;
/// Line pitch as a multiple of the font size.
const LINE_PITCH: f32 = 1.35;
/// Space between the cell border and its text.
const CELL_PADDING_MM: f32 = 1.5;
/// Space between the title block and the table.
const TITLE_GAP_MM: f32 = 4.0;
const BORDER_PT: f32 = 0.5;
/// Fill of the header row (0 = black, 1 = white).
const HEADER_GREY: f32 = 0.88;

/// A titled table: the header is repeated at the top of every page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// One width per column; their sum must fit between the page margins (273 mm).
    pub column_widths_mm: Vec<f32>,
}

/// Why a table could not be rendered.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FormError {
    #[error("同梱のフォントを読み込めません")]
    Font,
    #[error("列幅の数（{widths}）が見出しの列数（{header}）と一致しません")]
    ColumnWidths { header: usize, widths: usize },
    #[error("{row}行目の列数（{found}）が見出しの列数（{expected}）と一致しません")]
    RowLength {
        row: usize,
        expected: usize,
        found: usize,
    },
    #[error("{column}列目の幅（{width_mm} mm）が正しくありません")]
    ColumnWidth { column: usize, width_mm: f32 },
    #[error("列幅の合計（{total_mm} mm）が用紙の幅（{available_mm} mm）を超えています")]
    TooWide { total_mm: f32, available_mm: f32 },
    #[error("{row}行目が1ページに収まりません")]
    RowTooTall { row: usize },
    #[error("見出しが1ページに収まりません")]
    HeaderTooTall,
}

/// Renders `table` to PDF bytes: A4 landscape, as many pages as the rows need, the header
/// repeated on each page, long cells wrapped within their column (with simple 禁則).
pub fn render(table: &Table) -> Result<Vec<u8>, FormError> {
    validate(table)?;
    let font = ParsedFont::from_bytes(FONT_BYTES, 0, &mut Vec::new()).ok_or(FormError::Font)?;
    let metrics = Metrics::new(&font);

    let mut doc = PdfDocument::new(&table.title);
    let font_id = doc.add_font(&font);

    let layout = Layout::new(table, &metrics)?;
    let page_count = layout.pages.len();
    let pages = layout
        .pages
        .iter()
        .enumerate()
        .map(|(index, rows)| {
            let mut painter = Painter::new(font_id.clone());
            painter.page(table, &layout, rows, index + 1, page_count, &metrics);
            PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), painter.ops)
        })
        .collect();

    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    Ok(doc.with_pages(pages).save(&options, &mut Vec::new()))
}

fn validate(table: &Table) -> Result<(), FormError> {
    let columns = table.header.len();
    if table.column_widths_mm.len() != columns {
        return Err(FormError::ColumnWidths {
            header: columns,
            widths: table.column_widths_mm.len(),
        });
    }
    if let Some((row, found)) = table
        .rows
        .iter()
        .map(Vec::len)
        .enumerate()
        .find(|&(_, len)| len != columns)
    {
        return Err(FormError::RowLength {
            row: row + 1,
            expected: columns,
            found,
        });
    }
    let min_width = 2.0 * CELL_PADDING_MM + pt_to_mm(BODY_SIZE_PT);
    if let Some((column, &width_mm)) = table
        .column_widths_mm
        .iter()
        .enumerate()
        .find(|&(_, &w)| !w.is_finite() || w < min_width)
    {
        return Err(FormError::ColumnWidth {
            column: column + 1,
            width_mm,
        });
    }
    let total_mm: f32 = table.column_widths_mm.iter().sum();
    let available_mm = PAGE_WIDTH_MM - 2.0 * MARGIN_MM;
    if total_mm > available_mm + 0.01 {
        return Err(FormError::TooWide {
            total_mm,
            available_mm,
        });
    }
    Ok(())
}

fn mm_to_pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

fn pt_to_mm(pt: f32) -> f32 {
    pt * 25.4 / 72.0
}

/// Glyph advances of the embedded font, for measuring text.
struct Metrics<'a> {
    font: &'a ParsedFont,
    units_per_em: f32,
}

impl<'a> Metrics<'a> {
    fn new(font: &'a ParsedFont) -> Self {
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        Self { font, units_per_em }
    }

    /// Advance of `c` at `size_pt`, in points. A character the font lacks counts as full width.
    fn advance(&self, c: char, size_pt: f32) -> f32 {
        match self.font.lookup_glyph_index(u32::from(c)) {
            Some(gid) => {
                f32::from(self.font.get_horizontal_advance(gid)) / self.units_per_em * size_pt
            }
            None => size_pt,
        }
    }

    fn width(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size_pt)).sum()
    }

    fn wrap(&self, text: &str, width_pt: f32) -> Vec<String> {
        wrap::wrap(text, width_pt, |c| self.advance(c, BODY_SIZE_PT))
    }
}

/// A row whose cells are already broken into lines.
struct LaidRow {
    cells: Vec<Vec<String>>,
    height_pt: f32,
}

struct Layout {
    header: LaidRow,
    /// Indices into `rows`, per page.
    pages: Vec<Vec<usize>>,
    rows: Vec<LaidRow>,
    widths_pt: Vec<f32>,
    /// Top of the table, in points from the top of the page.
    table_top_pt: f32,
}

impl Layout {
    fn new(table: &Table, metrics: &Metrics<'_>) -> Result<Self, FormError> {
        let widths_pt: Vec<f32> = table
            .column_widths_mm
            .iter()
            .copied()
            .map(mm_to_pt)
            .collect();
        let lay_row = |cells: &[String]| {
            let cells: Vec<Vec<String>> = cells
                .iter()
                .zip(&widths_pt)
                .map(|(text, width)| metrics.wrap(text, width - 2.0 * mm_to_pt(CELL_PADDING_MM)))
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            LaidRow {
                height_pt: row_height_pt(lines),
                cells,
            }
        };
        let header = lay_row(&table.header);
        let rows: Vec<LaidRow> = table.rows.iter().map(|r| lay_row(r)).collect();

        let table_top_pt = mm_to_pt(MARGIN_MM + TITLE_GAP_MM) + TITLE_SIZE_PT * LINE_PITCH;
        let table_bottom_pt = mm_to_pt(PAGE_HEIGHT_MM - MARGIN_MM) - FOOTER_SIZE_PT * LINE_PITCH;
        let room = table_bottom_pt - table_top_pt - header.height_pt;
        if room <= 0.0 {
            return Err(FormError::HeaderTooTall);
        }

        let mut pages = vec![Vec::new()];
        let mut used = 0.0;
        for (index, row) in rows.iter().enumerate() {
            if row.height_pt > room {
                return Err(FormError::RowTooTall { row: index + 1 });
            }
            if used + row.height_pt > room {
                pages.push(Vec::new());
                used = 0.0;
            }
            used += row.height_pt;
            if let Some(page) = pages.last_mut() {
                page.push(index);
            }
        }
        Ok(Self {
            header,
            pages,
            rows,
            widths_pt,
            table_top_pt,
        })
    }
}

fn row_height_pt(lines: usize) -> f32 {
    // Line counts are small; the cast cannot lose anything that matters.
    #[allow(clippy::cast_precision_loss)]
    let lines = lines as f32;
    lines * BODY_SIZE_PT * LINE_PITCH + 2.0 * mm_to_pt(CELL_PADDING_MM)
}

/// Collects the drawing operations of one page. Coordinates given to it are measured from the
/// top left of the page, in points; it flips them for PDF (origin bottom left).
struct Painter {
    font: FontId,
    ops: Vec<Op>,
}

impl Painter {
    fn new(font: FontId) -> Self {
        Self {
            font,
            ops: Vec::new(),
        }
    }

    fn page(
        &mut self,
        table: &Table,
        layout: &Layout,
        rows: &[usize],
        number: usize,
        count: usize,
        metrics: &Metrics<'_>,
    ) {
        let left = mm_to_pt(MARGIN_MM);
        let top = mm_to_pt(MARGIN_MM);
        self.text(left, top, TITLE_SIZE_PT, &table.title);

        let footer = format!("{number} / {count}");
        let footer_x = mm_to_pt(PAGE_WIDTH_MM - MARGIN_MM) - metrics.width(&footer, FOOTER_SIZE_PT);
        let footer_y = mm_to_pt(PAGE_HEIGHT_MM - MARGIN_MM) - FOOTER_SIZE_PT * LINE_PITCH;
        self.text(footer_x, footer_y, FOOTER_SIZE_PT, &footer);

        self.ops.push(Op::SetOutlineThickness { pt: Pt(BORDER_PT) });
        self.ops.push(Op::SetOutlineColor { col: grey(0.0) });
        let mut y = layout.table_top_pt;
        self.row(&layout.header, &layout.widths_pt, left, y, true);
        y += layout.header.height_pt;
        for &index in rows {
            if let Some(row) = layout.rows.get(index) {
                self.row(row, &layout.widths_pt, left, y, false);
                y += row.height_pt;
            }
        }
    }

    fn row(&mut self, row: &LaidRow, widths: &[f32], left: f32, top: f32, header: bool) {
        let padding = mm_to_pt(CELL_PADDING_MM);
        let mut x = left;
        for (lines, &width) in row.cells.iter().zip(widths) {
            let rect = |mode| Rect {
                mode: Some(mode),
                ..Rect::from_xywh(
                    Pt(x),
                    Pt(mm_to_pt(PAGE_HEIGHT_MM) - top - row.height_pt),
                    Pt(width),
                    Pt(row.height_pt),
                )
            };
            if header {
                self.ops.push(Op::SetFillColor {
                    col: grey(HEADER_GREY),
                });
                self.ops.push(Op::DrawRectangle {
                    rectangle: rect(PaintMode::Fill),
                });
                self.ops.push(Op::SetFillColor { col: grey(0.0) });
            }
            self.ops.push(Op::DrawRectangle {
                rectangle: rect(PaintMode::Stroke),
            });
            let mut line_top = top + padding;
            for line in lines {
                self.text(x + padding, line_top, BODY_SIZE_PT, line);
                line_top += BODY_SIZE_PT * LINE_PITCH;
            }
            x += width;
        }
    }

    /// One line of text whose line box starts `top` points below the top of the page.
    fn text(&mut self, x: f32, top: f32, size_pt: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        // Baseline: centre the em box in the line pitch, then drop by the ascent (~0.88 em).
        let baseline = top + size_pt * (LINE_PITCH - 1.0) / 2.0 + size_pt * 0.88;
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(self.font.clone()),
                size: Pt(size_pt),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(mm_to_pt(PAGE_HEIGHT_MM) - baseline),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }
}

fn grey(percent: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent,
        icc_profile: None,
    })
}

#[cfg(test)]
mod tests;
