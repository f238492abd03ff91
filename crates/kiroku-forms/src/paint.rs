//! Turns laid-out pages into printpdf drawing operations. Coordinates given to the painter are
//! measured from the top left of the page in points; it flips them for PDF (origin bottom left).

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect,
    TextItem,
};

use crate::document::{Align, Document};
use crate::flow::{
    line_height, mm, Frame, Item, LaidRow, LaidTable, CELL_PADDING_MM, FOOTER_PT, HEADER_PT,
    LINE_PITCH, MARGIN_MM, SEAL_LABEL_MM, SEAL_STAMP_MM, SEAL_WIDTH_MM, TITLE_PT,
};
use crate::font::Metrics;

const BORDER_PT: f32 = 0.5;
/// Fill of a table's header row (0 = black, 1 = white).
const HEADER_GREY: f32 = 0.88;
/// Fill of a shaded column.
const SHADE_GREY: f32 = 0.9;

pub(crate) struct Painter<'m> {
    font: FontId,
    metrics: &'m Metrics<'m>,
    page_height: f32,
    pub ops: Vec<Op>,
}

impl<'m> Painter<'m> {
    pub fn new(font: FontId, metrics: &'m Metrics<'m>, frame: &Frame) -> Self {
        Self {
            font,
            metrics,
            page_height: frame.height,
            ops: vec![
                Op::SetOutlineThickness { pt: Pt(BORDER_PT) },
                Op::SetOutlineColor { col: grey(0.0) },
                Op::SetFillColor { col: grey(0.0) },
            ],
        }
    }

    /// The parts every page repeats.
    pub fn frame(&mut self, doc: &Document, frame: &Frame, number: usize, count: usize) {
        let top = mm(MARGIN_MM);
        if let Some(no) = &doc.form_no {
            self.text(frame.left, top, HEADER_PT, no);
        }
        let title_width = self.metrics.width(&doc.title, TITLE_PT);
        let title_x = ((frame.left + frame.seals_left - title_width) / 2.0).max(frame.left);
        self.text(title_x, top, TITLE_PT, &doc.title);
        let mut y = top + line_height(TITLE_PT);
        for line in &frame.header_lines {
            self.text(frame.left, y, HEADER_PT, line);
            y += line_height(HEADER_PT);
        }
        let mut x = frame.seals_left;
        for label in &doc.seals {
            let (w, label_h, stamp_h) = (mm(SEAL_WIDTH_MM), mm(SEAL_LABEL_MM), mm(SEAL_STAMP_MM));
            self.rect(x, top, w, label_h, Some(HEADER_GREY));
            self.rect(x, top + label_h, w, stamp_h, None);
            let label_w = self.metrics.width(label, FOOTER_PT);
            let label_top = top + (label_h - line_height(FOOTER_PT)) / 2.0;
            self.text(x + (w - label_w) / 2.0, label_top, FOOTER_PT, label);
            x += w;
        }
        let footer = format!("{number} / {count} ページ");
        let footer_w = self.metrics.width(&footer, FOOTER_PT);
        self.text(
            (frame.width - footer_w) / 2.0,
            frame.footer_top,
            FOOTER_PT,
            &footer,
        );
    }

    pub fn item(&mut self, frame: &Frame, item: &Item<'_>) {
        match item {
            Item::Row { table, row, top } => {
                let laid = match row {
                    None => table.header.as_ref(),
                    Some(i) => table.rows.get(*i),
                };
                if let Some(laid) = laid {
                    self.row(table, laid, row.is_none(), frame.left, *top);
                }
            }
            Item::Line {
                text,
                size,
                align,
                top,
            } => {
                let w = self.metrics.width(text, *size);
                let x = aligned(*align, frame.left, frame.body_width(), w, 0.0);
                self.text(x, *top, *size, text);
            }
            Item::Checks { items, size, top } => {
                let mut x = frame.left;
                let box_side = size * 0.95;
                for (label, checked) in *items {
                    let box_top = top + (line_height(*size) - box_side) / 2.0;
                    self.rect(x, box_top, box_side, box_side, None);
                    if *checked {
                        self.tick(x, box_top, box_side);
                    }
                    x += box_side + size * 0.4;
                    self.text(x, *top, *size, label);
                    x += self.metrics.width(label, *size) + size * 2.0;
                }
            }
        }
    }

    fn row(&mut self, table: &LaidTable<'_>, row: &LaidRow, header: bool, left: f32, top: f32) {
        let padding = mm(CELL_PADDING_MM);
        let size = table.block.size_pt;
        let mut x = left;
        for ((lines, &width), column) in row
            .cells
            .iter()
            .zip(&table.widths)
            .zip(&table.block.columns)
        {
            let fill = if header {
                Some(HEADER_GREY)
            } else if column.shaded {
                Some(SHADE_GREY)
            } else {
                None
            };
            self.rect(x, top, width, row.height, fill);
            let align = if header { Align::Center } else { column.align };
            let mut line_top = top + padding;
            for line in lines {
                let w = self.metrics.width(line, size);
                self.text(aligned(align, x, width, w, padding), line_top, size, line);
                line_top += line_height(size);
            }
            x += width;
        }
    }

    /// A rectangle outlined in black, filled with `fill` grey first if given.
    fn rect(&mut self, x: f32, top: f32, w: f32, h: f32, fill: Option<f32>) {
        let rect = |mode| Rect {
            mode: Some(mode),
            ..Rect::from_xywh(Pt(x), Pt(self.page_height - top - h), Pt(w), Pt(h))
        };
        if let Some(g) = fill {
            self.ops.push(Op::SetFillColor { col: grey(g) });
            self.ops.push(Op::DrawRectangle {
                rectangle: rect(PaintMode::Fill),
            });
            self.ops.push(Op::SetFillColor { col: grey(0.0) });
        }
        self.ops.push(Op::DrawRectangle {
            rectangle: rect(PaintMode::Stroke),
        });
    }

    /// A tick inside the box at (`x`, `top`) of side `side`.
    fn tick(&mut self, x: f32, top: f32, side: f32) {
        let point = |dx: f32, dy: f32| LinePoint {
            p: Point {
                x: Pt(x + dx * side),
                y: Pt(self.page_height - (top + dy * side)),
            },
            bezier: false,
        };
        self.ops.push(Op::SetOutlineThickness { pt: Pt(1.2) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(0.18, 0.5), point(0.42, 0.78), point(0.85, 0.18)],
                is_closed: false,
            },
        });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(BORDER_PT) });
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
                    y: Pt(self.page_height - baseline),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }
}

fn aligned(align: Align, x: f32, width: f32, text_width: f32, padding: f32) -> f32 {
    match align {
        Align::Left => x + padding,
        Align::Center => x + (width - text_width) / 2.0,
        Align::Right => x + width - padding - text_width,
    }
}

fn grey(percent: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent,
        icc_profile: None,
    })
}
