//! Paints the manual's pages with the forms' painter: notes' boxes first, then every piece's
//! text, rules and pictures, then the page number in the footer.

use printpdf::{FontId, Op, XObjectId};

use crate::flow::{mm, LINE_PITCH};
use crate::font::Metrics;
use crate::paint::Painter;

use super::pieces::{
    body_width, Draw, PictureRef, Piece, MARGIN_TOP_MM, MARGIN_X_MM, NOTE_GREY, PAGE_H, PAGE_W,
    PITCH, SMALL_PT,
};

/// What every page is painted with.
pub(crate) struct Ink<'a> {
    pub fonts: [FontId; 2],
    pub metrics: &'a Metrics<'a>,
    /// The pictures, by the index a `Draw::Picture` names.
    pub pictures: &'a [PictureRef],
    /// The document's images, by `PictureRef::object`.
    pub objects: &'a [XObjectId],
}

/// From the bottom of the page to the footer's line.
const FOOTER_MM: f32 = 14.0;

impl Ink<'_> {
    fn painter(&self) -> Painter<'_> {
        Painter::on_page(self.fonts.clone(), self.metrics, PAGE_H)
    }

    /// One line of text whose manual line box (`PITCH`) starts at `top`.
    fn text(painter: &mut Painter<'_>, x: f32, top: f32, size: f32, text: &str) {
        painter.text(x, top + size * (PITCH - LINE_PITCH) / 2.0, size, text);
    }

    /// The title page: its lines centred, no page number.
    pub fn title_page(&self, lines: &[(f32, f32, String)]) -> Vec<Op> {
        let mut painter = self.painter();
        for (top, size, text) in lines {
            let w = self.metrics.width(text, *size);
            Self::text(&mut painter, (PAGE_W - w) / 2.0, *top, *size, text);
        }
        painter.finish()
    }

    /// A page of pieces (index, top from the body's top) with its number in the footer.
    pub fn page(
        &self,
        pieces: &[Piece],
        placed: &[(usize, f32)],
        number: usize,
        count: usize,
    ) -> Vec<Op> {
        let mut painter = self.painter();
        let left = mm(MARGIN_X_MM);
        let body_top = mm(MARGIN_TOP_MM);
        // Notes: one box around each run of boxed pieces that follow each other on the page.
        let mut run: Option<(f32, f32, f32)> = None;
        let mut boxes = Vec::new();
        for &(index, top) in placed {
            let Some(piece) = pieces.get(index) else {
                continue;
            };
            run = match (run, piece.boxed) {
                (Some((x, from, to)), Some(bx))
                    if (x - bx).abs() < 0.01 && (to - top).abs() < 0.5 =>
                {
                    Some((x, from, top + piece.height))
                }
                (open, boxed) => {
                    boxes.extend(open);
                    boxed.map(|bx| (bx, top, top + piece.height))
                }
            };
        }
        boxes.extend(run);
        for (x, from, to) in boxes {
            painter.rect(
                left + x,
                body_top + from,
                body_width() - x,
                to - from,
                Some(NOTE_GREY),
            );
        }
        for &(index, top) in placed {
            let Some(piece) = pieces.get(index) else {
                continue;
            };
            let top = body_top + top;
            for draw in &piece.draws {
                match draw {
                    Draw::Text {
                        x,
                        top: dy,
                        size,
                        text,
                    } => Self::text(&mut painter, left + x, top + dy, *size, text),
                    Draw::Rule { x, top: dy, w } => {
                        painter.hline(left + x, left + x + w, top + dy);
                    }
                    Draw::Picture {
                        index,
                        x,
                        top: dy,
                        w,
                        h,
                    } => {
                        let object = self
                            .pictures
                            .get(*index)
                            .and_then(|p| self.objects.get(p.object));
                        if let Some(id) = object {
                            painter.image(id, left + x, top + dy, *w, *h);
                            painter.rect(left + x, top + dy, *w, *h, None);
                        }
                    }
                }
            }
        }
        let footer = format!("{number} / {count}");
        let w = self.metrics.width(&footer, SMALL_PT);
        Self::text(
            &mut painter,
            (PAGE_W - w) / 2.0,
            PAGE_H - mm(FOOTER_MM),
            SMALL_PT,
            &footer,
        );
        painter.finish()
    }
}
