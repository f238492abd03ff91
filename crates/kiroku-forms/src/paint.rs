//! Turns laid-out pages into printpdf drawing operations. Coordinates given to the painter are
//! measured from the top left of the page in points; it flips them for PDF (origin bottom left).

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color, DictItem, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle,
    Point, Pt, Rect, TextItem, XObjectId, XObjectTransform,
};

use crate::document::{Align, Document};
use crate::flow::{
    line_height, mm, Frame, Item, LaidRow, LaidTable, CELL_PADDING_MM, FOOTER_PT, HEADER_PT,
    LINE_PITCH, MARGIN_MM, SEAL_LABEL_MM, SEAL_STAMP_MM, SEAL_WIDTH_MM, TITLE_PT,
};
use crate::font::{Face, Glyph, Metrics};

const BORDER_PT: f32 = 0.5;
/// Fill of a table's header row (0 = black, 1 = white).
const HEADER_GREY: f32 = 0.88;
/// Fill of a shaded column.
const SHADE_GREY: f32 = 0.9;

/// Paints one page. Graphics and text are collected apart and joined at the end: all lines
/// and fills first, then every text line in one text object (`BT … ET`), the font set only
/// when the size changes. A long form has hundreds of thousands of lines, so fewer operations
/// per line is most of what printing costs.
/// A run of rows of one table on a page: its column rules are drawn when the run ends.
struct Segment {
    /// Which table (by address: rows of two tables never join).
    table: *const (),
    left: f32,
    top: f32,
    bottom: f32,
    widths: Vec<f32>,
}

/// Which part of a laid-out row to draw.
struct Piece {
    /// Lines `from..to` of each cell.
    lines: (usize, usize),
    height: f32,
    header: bool,
}

pub(crate) struct Painter<'m> {
    /// The primary font and the fallback.
    fonts: [FontId; 2],
    metrics: &'m Metrics<'m>,
    page_height: f32,
    graphics: Vec<Op>,
    texts: Vec<Op>,
    /// The font and size last set in the text object.
    font_size: Option<(Face, f32)>,
    /// The rows of one table drawn so far on this page, whose rules are still due.
    segment: Option<Segment>,
    /// Where the text object's current line starts (PDF coordinates).
    cursor: (f32, f32),
}

impl<'m> Painter<'m> {
    pub fn new(fonts: [FontId; 2], metrics: &'m Metrics<'m>, frame: &Frame) -> Self {
        Self::on_page(fonts, metrics, frame.height)
    }

    /// A painter for a page `page_height` points tall, with no form frame (the 操作マニュアル).
    pub fn on_page(fonts: [FontId; 2], metrics: &'m Metrics<'m>, page_height: f32) -> Self {
        Self {
            fonts,
            metrics,
            page_height,
            graphics: vec![
                Op::SetOutlineThickness { pt: Pt(BORDER_PT) },
                Op::SetOutlineColor { col: grey(0.0) },
                Op::SetFillColor { col: grey(0.0) },
            ],
            texts: Vec::new(),
            font_size: None,
            segment: None,
            cursor: (0.0, 0.0),
        }
    }

    /// The page's operations: graphics, then the text object.
    pub fn finish(mut self) -> Vec<Op> {
        self.close_segment();
        let mut ops = self.graphics;
        if !self.texts.is_empty() {
            ops.push(Op::StartTextSection);
            ops.append(&mut self.texts);
            ops.push(Op::EndTextSection);
        }
        ops
    }

    /// The parts every page repeats.
    pub fn frame(&mut self, doc: &Document, frame: &Frame, number: usize, count: usize) {
        let top = mm(MARGIN_MM);
        if let Some(no) = &doc.form_no {
            self.text(frame.left, top, HEADER_PT, no);
        }
        let title_width = self.metrics.width(&doc.title, frame.title_pt);
        let title_x = ((frame.left + frame.seals_left - title_width) / 2.0).max(frame.left);
        let title_x = title_x.min((frame.text_right - title_width).max(frame.left));
        // A smaller title sits on the same baseline as a full-size one.
        let title_top = top + line_height(TITLE_PT) - line_height(frame.title_pt);
        self.text(title_x, title_top, frame.title_pt, &doc.title);
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
            Item::Row {
                table,
                row,
                lines,
                height,
                top,
            } => {
                let laid = match row {
                    None => table.header.as_ref(),
                    Some(i) => table.rows.get(*i),
                };
                if let Some(laid) = laid {
                    let piece = Piece {
                        lines: *lines,
                        height: *height,
                        header: row.is_none(),
                    };
                    self.row(table, laid, &piece, frame.left, *top);
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

    fn row(&mut self, table: &LaidTable<'_>, row: &LaidRow, piece: &Piece, left: f32, top: f32) {
        let (header, height) = (piece.header, piece.height);
        let (from, to) = piece.lines;
        let padding = mm(CELL_PADDING_MM);
        let size = table.block.size_pt;
        let width: f32 = table.widths.iter().sum();
        let id: *const LaidTable<'_> = table;
        let continues = self
            .segment
            .as_ref()
            .is_some_and(|s| s.table == id.cast::<()>() && s.bottom == top);
        if !continues {
            self.close_segment();
            self.segment = Some(Segment {
                table: id.cast(),
                left,
                top,
                bottom: top,
                widths: table.widths.clone(),
            });
        }
        if header {
            self.fill(left, top, width, height, HEADER_GREY);
        }
        self.hline(left, left + width, top);
        let mut x = left;
        for (index, ((lines, &cell_width), column)) in row
            .cells
            .iter()
            .zip(&table.widths)
            .zip(&table.block.columns)
            .enumerate()
        {
            let struck = row.struck && !header && table.block.reason_column != Some(index);
            if column.shaded && !header {
                self.fill(x, top, cell_width, height, SHADE_GREY);
            }
            let align = if header { Align::Center } else { column.align };
            let mut line_top = top + padding;
            for line in lines.iter().take(to).skip(from) {
                let w = self.metrics.width(line, size);
                let line_x = aligned(align, x, cell_width, w, padding);
                self.text(line_x, line_top, size, line);
                if struck && w > 0.0 {
                    // 取消: one rule through the middle of the written text, readable under it.
                    let middle = line_top + line_height(size) * 0.5;
                    self.hline(line_x, line_x + w, middle);
                }
                line_top += line_height(size);
            }
            x += cell_width;
        }
        if let Some(segment) = self.segment.as_mut() {
            segment.bottom = top + height;
        }
    }

    /// Ends a run of rows of one table: its bottom rule and the column rules.
    fn close_segment(&mut self) {
        if let Some(Segment {
            left,
            top,
            bottom,
            widths,
            ..
        }) = self.segment.take()
        {
            let right = left + widths.iter().sum::<f32>();
            self.hline(left, right, bottom);
            let mut x = left;
            self.vline(x, top, bottom);
            for w in widths {
                x += w;
                self.vline(x, top, bottom);
            }
        }
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32)) {
        let point = |(x, top): (f32, f32)| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(self.page_height - top),
            },
            bezier: false,
        };
        self.graphics.push(Op::DrawLine {
            line: Line {
                points: vec![point(from), point(to)],
                is_closed: false,
            },
        });
    }

    pub(crate) fn hline(&mut self, left: f32, right: f32, top: f32) {
        self.line((left, top), (right, top));
    }

    fn vline(&mut self, x: f32, top: f32, bottom: f32) {
        self.line((x, top), (x, bottom));
    }

    pub(crate) fn fill(&mut self, x: f32, top: f32, w: f32, h: f32, grey_level: f32) {
        self.graphics.push(Op::SetFillColor {
            col: grey(grey_level),
        });
        self.graphics.push(Op::DrawRectangle {
            rectangle: Rect {
                mode: Some(PaintMode::Fill),
                ..Rect::from_xywh(Pt(x), Pt(self.page_height - top - h), Pt(w), Pt(h))
            },
        });
        self.graphics.push(Op::SetFillColor { col: grey(0.0) });
    }

    /// A rectangle outlined in black, filled with `fill` grey first if given.
    pub(crate) fn rect(&mut self, x: f32, top: f32, w: f32, h: f32, fill: Option<f32>) {
        if let Some(g) = fill {
            self.fill(x, top, w, h, g);
        }
        let outline = Rect {
            mode: Some(PaintMode::Stroke),
            ..Rect::from_xywh(Pt(x), Pt(self.page_height - top - h), Pt(w), Pt(h))
        };
        self.graphics.push(Op::DrawRectangle { rectangle: outline });
    }

    /// The image `id` (an XObject of the document) drawn into the box at (`x`, `top`), `w` × `h`.
    pub(crate) fn image(&mut self, id: &XObjectId, x: f32, top: f32, w: f32, h: f32) {
        self.graphics.push(Op::UseXobject {
            id: id.clone(),
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(self.page_height - top - h)),
                scale_x: Some(w),
                scale_y: Some(h),
                no_auto_scale: true,
                ..XObjectTransform::default()
            },
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
        self.graphics.push(Op::SetOutlineThickness { pt: Pt(1.2) });
        self.graphics.push(Op::DrawLine {
            line: Line {
                points: vec![point(0.18, 0.5), point(0.42, 0.78), point(0.85, 0.18)],
                is_closed: false,
            },
        });
        self.graphics
            .push(Op::SetOutlineThickness { pt: Pt(BORDER_PT) });
    }

    /// One line of text whose line box starts `top` points below the top of the page.
    ///
    /// Runs of characters the primary font draws go out as text; a character it lacks is drawn
    /// with the fallback font, and a variation sequence as its one glyph, each glyph carrying
    /// the characters it stands for (ToUnicode). A variation sequence, and a character no font
    /// draws, is also wrapped in an `/ActualText` span with its exact characters: a glyph
    /// shared with the base character alone (or .notdef) cannot say them by itself.
    pub(crate) fn text(&mut self, x: f32, top: f32, size_pt: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        // Baseline: centre the em box in the line pitch, then drop by the ascent (~0.88 em).
        let baseline = top + size_pt * (LINE_PITCH - 1.0) / 2.0 + size_pt * 0.88;
        let y = self.page_height - baseline;
        let fonts = self.metrics.fonts;
        let simple = |c: char| matches!(fonts.char_glyph(c), (Face::Primary, g) if g != 0);
        if text
            .chars()
            .all(|c| simple(c) && !crate::chars::is_variation_selector(c))
        {
            self.show(
                Face::Primary,
                size_pt,
                (x, y),
                TextItem::Text(text.to_owned()),
            );
            return;
        }
        let glyphs = fonts.glyphs(text);
        let mut x = x;
        let mut rest = glyphs.as_slice();
        while let Some(first) = rest.first() {
            let special = |g: &Glyph<'_>| g.gid == 0 || g.text.chars().count() > 1;
            // A run: glyphs of one font, or one glyph that needs its own span.
            let len = if special(first) {
                1
            } else {
                rest.iter()
                    .take_while(|g| g.face == first.face && !special(g))
                    .count()
            };
            let (run, tail) = rest.split_at(len);
            rest = tail;
            let item = if first.face == Face::Primary && !special(first) {
                TextItem::Text(run.iter().map(|g| g.text).collect())
            } else {
                TextItem::GlyphIds(
                    run.iter()
                        .map(|g| Codepoint {
                            gid: g.gid,
                            offset: 0.0,
                            cid: Some(glyph_text(g).to_owned()),
                        })
                        .collect(),
                )
            };
            if special(first) {
                self.texts.push(Op::BeginMarkedContentWithProperties {
                    tag: "Span".to_owned(),
                    properties: actual_text(first.text),
                });
            }
            self.show(first.face, size_pt, (x, y), item);
            if special(first) {
                self.texts.push(Op::EndMarkedContent);
            }
            x += run
                .iter()
                .map(|g| self.metrics.glyph_advance(g.face, g.gid, size_pt))
                .sum::<f32>();
        }
    }

    /// Shows `item` with `face` at `size_pt`, starting at `(x, y)` (PDF coordinates).
    fn show(&mut self, face: Face, size_pt: f32, (x, y): (f32, f32), item: TextItem) {
        if self.font_size != Some((face, size_pt)) {
            let font = match face {
                Face::Primary => &self.fonts[0],
                Face::Fallback => &self.fonts[1],
            };
            self.texts.push(Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(size_pt),
            });
            self.font_size = Some((face, size_pt));
        }
        // `Td` moves the start of the line relatively: two numbers per line instead of `Tm`'s six.
        let (x0, y0) = self.cursor;
        self.texts.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(x - x0),
                y: Pt(y - y0),
            },
        });
        self.cursor = (x, y);
        self.texts.push(Op::ShowText { items: vec![item] });
    }
}

/// The ToUnicode text of a glyph: its characters, when the glyph is theirs alone. A variant
/// glyph of the fallback font is its sequence's own; the base glyph (default sequence, or no
/// variant anywhere) stands for the base character, the span's `/ActualText` adds the
/// selector. .notdef stands for nothing it can name.
fn glyph_text<'t>(glyph: &Glyph<'t>) -> &'t str {
    if glyph.gid == 0 {
        return "\u{FFFD}";
    }
    let mut chars = glyph.text.char_indices();
    match (chars.next(), chars.next()) {
        (Some(_), Some((vs_at, _))) if !glyph.variant => &glyph.text[..vs_at],
        _ => glyph.text,
    }
}

/// `<< /ActualText (text) >>`, the text as UTF-16BE with a byte order mark.
fn actual_text(text: &str) -> DictItem {
    let mut data = vec![0xFE, 0xFF];
    data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    DictItem::Dict {
        map: BTreeMap::from([(
            "ActualText".to_owned(),
            DictItem::String {
                data,
                literal: false,
            },
        )]),
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
