//! Lays a [`Document`] out: wraps every text to its width, then pours the blocks into pages.
//! All lengths here are in points, measured from the top left of the page.

use crate::document::{Align, Block, Document, TableBlock};
use crate::font::Metrics;
use crate::FormError;

pub(crate) const MARGIN_MM: f32 = 12.0;
pub(crate) const TITLE_PT: f32 = 14.0;
/// The smallest a long title is set to fit beside the seal boxes.
pub(crate) const MIN_TITLE_PT: f32 = 8.0;
pub(crate) const HEADER_PT: f32 = 9.0;
pub(crate) const FOOTER_PT: f32 = 8.0;
/// Line pitch as a multiple of the font size.
pub(crate) const LINE_PITCH: f32 = 1.35;
/// Space between a cell's border and its text.
pub(crate) const CELL_PADDING_MM: f32 = 1.2;
pub(crate) const SEAL_WIDTH_MM: f32 = 20.0;
pub(crate) const SEAL_LABEL_MM: f32 = 5.0;
pub(crate) const SEAL_STAMP_MM: f32 = 15.0;
/// Between the frame (title, header lines, seals) and the body; between body and footer.
const FRAME_GAP_MM: f32 = 4.0;
/// Between the header lines and the seal boxes.
const SEAL_GAP_MM: f32 = 6.0;

pub(crate) fn mm(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

pub(crate) fn line_height(size_pt: f32) -> f32 {
    size_pt * LINE_PITCH
}

/// What every page repeats, and where the body goes.
pub(crate) struct Frame {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    /// Left edge of the seal boxes (= `right` when there are none).
    pub seals_left: f32,
    pub header_lines: Vec<String>,
    /// The title's size: [`TITLE_PT`], smaller when a long title would run into the seal boxes.
    pub title_pt: f32,
    /// Where the title and header lines end (the seal boxes' gap, or the right margin).
    pub text_right: f32,
    pub body_top: f32,
    pub body_bottom: f32,
    pub footer_top: f32,
}

impl Frame {
    pub(crate) fn new(doc: &Document, metrics: &Metrics<'_>) -> Result<Self, FormError> {
        let (w, h) = doc.orientation.size_mm();
        let (width, height) = (mm(w), mm(h));
        let left = mm(MARGIN_MM);
        let right = width - mm(MARGIN_MM);
        let seals_width = count_f32(doc.seals.len()) * mm(SEAL_WIDTH_MM);
        let seals_left = right - seals_width;
        let text_right = if doc.seals.is_empty() {
            right
        } else {
            seals_left - mm(SEAL_GAP_MM)
        };
        if text_right - left < mm(40.0) {
            return Err(FormError::TooWide {
                what: "押印欄".to_owned(),
            });
        }
        let header_lines: Vec<String> = doc
            .header_lines
            .iter()
            .flat_map(|l| metrics.wrap(l, text_right - left, HEADER_PT))
            .collect();
        let title_width = metrics.width(&doc.title, TITLE_PT);
        let title_pt = if title_width > text_right - left {
            (TITLE_PT * (text_right - left) / title_width).max(MIN_TITLE_PT)
        } else {
            TITLE_PT
        };
        let text_height =
            line_height(TITLE_PT) + count_f32(header_lines.len()) * line_height(HEADER_PT);
        let seals_height = if doc.seals.is_empty() {
            0.0
        } else {
            mm(SEAL_LABEL_MM + SEAL_STAMP_MM)
        };
        let body_top = mm(MARGIN_MM) + text_height.max(seals_height) + mm(FRAME_GAP_MM);
        let footer_top = height - mm(MARGIN_MM) - line_height(FOOTER_PT);
        let body_bottom = footer_top - mm(FRAME_GAP_MM) / 2.0;
        Ok(Self {
            width,
            height,
            left,
            right,
            seals_left,
            header_lines,
            title_pt,
            text_right,
            body_top,
            body_bottom,
            footer_top,
        })
    }

    pub fn body_width(&self) -> f32 {
        self.right - self.left
    }
}

/// Small counts (lines, rows, seals) as lengths.
pub(crate) fn count_f32(n: usize) -> f32 {
    // Counts here are far below 2^24; nothing is lost.
    #[allow(clippy::cast_precision_loss)]
    let n = n as f32;
    n
}

/// A row whose cells are broken into lines.
pub(crate) struct LaidRow {
    pub cells: Vec<Vec<String>>,
    /// Lines of the tallest cell (at least 1).
    pub lines: usize,
    pub height: f32,
    /// Printed struck through (a record withdrawn as entered by mistake).
    pub struck: bool,
}

pub(crate) struct LaidTable<'d> {
    pub block: &'d TableBlock,
    pub widths: Vec<f32>,
    pub header: Option<LaidRow>,
    pub rows: Vec<LaidRow>,
}

enum Laid<'d> {
    Table(LaidTable<'d>),
    Text {
        lines: Vec<String>,
        size: f32,
        align: Align,
    },
    Checks {
        items: &'d [(String, bool)],
        size: f32,
    },
    Space(f32),
}

/// Something drawn at `top` on a page.
pub(crate) enum Item<'l> {
    Row {
        table: &'l LaidTable<'l>,
        /// `None`: the table's header.
        row: Option<usize>,
        /// The lines of the row drawn here (`from..to`, per cell): all of them unless a row
        /// taller than a page is split across pages.
        lines: (usize, usize),
        height: f32,
        top: f32,
    },
    Line {
        text: &'l str,
        size: f32,
        align: Align,
        top: f32,
    },
    Checks {
        items: &'l [(String, bool)],
        size: f32,
        top: f32,
    },
}

/// The laid-out document: its frame and the blocks, ready to be poured into pages.
pub(crate) struct Flow<'d> {
    pub frame: Frame,
    laid: Vec<Laid<'d>>,
}

impl<'d> Flow<'d> {
    pub fn new(doc: &'d Document, metrics: &Metrics<'_>) -> Result<Self, FormError> {
        let frame = Frame::new(doc, metrics)?;
        let laid = doc
            .blocks
            .iter()
            .enumerate()
            .map(|(index, block)| lay_block(block, index + 1, &frame, metrics))
            .collect::<Result<_, _>>()?;
        Ok(Self { frame, laid })
    }

    /// The items of each page, in drawing order.
    pub fn pages(&self) -> Result<Vec<Vec<Item<'_>>>, FormError> {
        let frame = &self.frame;
        let room = frame.body_bottom - frame.body_top;
        let mut pager = Pager::new(frame);
        for laid in &self.laid {
            match laid {
                Laid::Space(h) => pager.space(*h),
                Laid::Text { lines, size, align } => {
                    for line in lines {
                        pager.place(line_height(*size), |top| Item::Line {
                            text: line,
                            size: *size,
                            align: *align,
                            top,
                        });
                    }
                }
                Laid::Checks { items, size } => {
                    pager.place(line_height(*size) * 1.2, |top| Item::Checks {
                        items,
                        size: *size,
                        top,
                    });
                }
                Laid::Table(table) => {
                    let header_height = table.header.as_ref().map_or(0.0, |h| h.height);
                    let line = line_height(table.block.size_pt);
                    let padding = 2.0 * mm(CELL_PADDING_MM);
                    // A split row needs the header and one line of it on every page.
                    if header_height + line + padding > room {
                        return Err(FormError::HeaderTooTall);
                    }
                    let header = |top| Item::Row {
                        table,
                        row: None,
                        lines: (0, table.header.as_ref().map_or(0, |h| h.lines)),
                        height: header_height,
                        top,
                    };
                    for (index, row) in table.rows.iter().enumerate() {
                        // The header goes at the top of the table and of every page it
                        // continues on, always with at least one line of a row under it.
                        let mut header_due = index == 0 || pager.at_top();
                        let whole = row.height + if header_due { header_height } else { 0.0 };
                        if !pager.fits(whole) && header_height + row.height <= room {
                            // It fits a page of its own: keep it whole on the next one.
                            pager.break_page();
                            header_due = true;
                        }
                        let mut from = 0;
                        while from < row.lines {
                            let above = if header_due { header_height } else { 0.0 };
                            // Whole lines that fit in what is left of this page.
                            let free = pager.free() - above - padding;
                            let fit = lines_in(free, line).min(row.lines - from);
                            if fit == 0 {
                                pager.break_page();
                                header_due = true;
                                continue;
                            }
                            if header_due && table.header.is_some() {
                                pager.place(header_height, header);
                            }
                            let to = from + fit;
                            let height = count_f32(fit) * line + padding;
                            pager.place(height, |top| Item::Row {
                                table,
                                row: Some(index),
                                lines: (from, to),
                                height,
                                top,
                            });
                            from = to;
                            if from < row.lines {
                                pager.break_page();
                                header_due = true;
                            }
                        }
                    }
                    if table.rows.is_empty() && table.header.is_some() {
                        pager.place(header_height, header);
                    }
                }
            }
        }
        Ok(pager.pages)
    }
}

/// Rounding slack when heights are compared (points).
const EPSILON: f32 = 0.01;

/// How many lines of `line` height fit in `free` points.
fn lines_in(free: f32, line: f32) -> usize {
    let mut n = 0;
    while count_f32(n + 1) * line <= free + EPSILON {
        n += 1;
    }
    n
}

/// Pours items down the body of the pages, starting a new page when one does not fit.
struct Pager<'f, 'l> {
    frame: &'f Frame,
    pages: Vec<Vec<Item<'l>>>,
    y: f32,
}

impl<'f, 'l> Pager<'f, 'l> {
    fn new(frame: &'f Frame) -> Self {
        Self {
            frame,
            pages: vec![Vec::new()],
            y: frame.body_top,
        }
    }

    fn at_top(&self) -> bool {
        self.y <= self.frame.body_top
    }

    fn fits(&self, height: f32) -> bool {
        self.y + height <= self.frame.body_bottom + EPSILON
    }

    /// Height left on this page.
    fn free(&self) -> f32 {
        self.frame.body_bottom - self.y
    }

    fn break_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.frame.body_top;
    }

    /// Vertical space, dropped at the top of a page.
    fn space(&mut self, height: f32) {
        if !self.at_top() {
            self.y += height;
        }
    }

    /// Places an item of `height` (on a new page if it does not fit on this one).
    fn place(&mut self, height: f32, item: impl FnOnce(f32) -> Item<'l>) {
        if !self.fits(height) {
            self.break_page();
        }
        let top = self.y;
        if let Some(page) = self.pages.last_mut() {
            page.push(item(top));
        }
        self.y += height;
    }
}

fn lay_block<'d>(
    block: &'d Block,
    number: usize,
    frame: &Frame,
    metrics: &Metrics<'_>,
) -> Result<Laid<'d>, FormError> {
    Ok(match block {
        Block::Space { mm: h } => Laid::Space(mm(*h)),
        Block::Text {
            text,
            size_pt,
            align,
        } => Laid::Text {
            lines: metrics.wrap(text, frame.body_width(), *size_pt),
            size: *size_pt,
            align: *align,
        },
        Block::Checks { items, size_pt } => Laid::Checks {
            items,
            size: *size_pt,
        },
        Block::Table(table) => Laid::Table(lay_table(table, number, frame, metrics)?),
    })
}

fn lay_table<'d>(
    table: &'d TableBlock,
    number: usize,
    frame: &Frame,
    metrics: &Metrics<'_>,
) -> Result<LaidTable<'d>, FormError> {
    let columns = table.columns.len();
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
    let min_width = 2.0 * CELL_PADDING_MM + table.size_pt * 25.4 / 72.0;
    if let Some((column, c)) = table
        .columns
        .iter()
        .enumerate()
        .find(|(_, c)| !c.width_mm.is_finite() || c.width_mm < min_width)
    {
        return Err(FormError::ColumnWidth {
            column: column + 1,
            width_mm: c.width_mm,
        });
    }
    let widths: Vec<f32> = table.columns.iter().map(|c| mm(c.width_mm)).collect();
    let total: f32 = widths.iter().sum();
    if total > frame.body_width() + 0.5 {
        return Err(FormError::TooWide {
            what: format!("{number}番目の表"),
        });
    }
    let padding = mm(CELL_PADDING_MM);
    let lay_row = |cells: &mut dyn Iterator<Item = &str>| {
        let cells: Vec<Vec<String>> = cells
            .zip(&widths)
            .map(|(text, width)| metrics.wrap(text, width - 2.0 * padding, table.size_pt))
            .collect();
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        LaidRow {
            height: count_f32(lines) * line_height(table.size_pt) + 2.0 * padding,
            lines,
            cells,
            struck: false,
        }
    };
    let header = table
        .show_header
        .then(|| lay_row(&mut table.columns.iter().map(|c| c.title.as_str())));
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| LaidRow {
            struck: table.struck.contains(&i),
            ..lay_row(&mut r.iter().map(String::as_str))
        })
        .collect();
    Ok(LaidTable {
        block: table,
        widths,
        header,
        rows,
    })
}
