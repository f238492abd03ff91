//! The manual's blocks cut into pieces a page can hold: each piece is a line of text (with its
//! list marker), a space, a rule or a picture, with the things drawn in it placed relative to
//! the piece's top left. The pager only stacks pieces; all wrapping happens here.

use crate::flow::mm;
use crate::font::Metrics;

use super::markdown::MdBlock;
use super::Term;

/// A4 portrait, in points.
pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const MARGIN_X_MM: f32 = 20.0;
pub(crate) const MARGIN_TOP_MM: f32 = 20.0;
/// From the bottom of the page to the bottom of the body.
pub(crate) const MARGIN_BOTTOM_MM: f32 = 22.0;

/// Text sizes (points).
pub(crate) const BODY_PT: f32 = 10.5;
pub(crate) const CHAPTER_PT: f32 = 20.0;
pub(crate) const SECTION_PT: f32 = 14.0;
pub(crate) const SUBSECTION_PT: f32 = 11.5;
pub(crate) const SMALL_PT: f32 = 9.0;
/// Line pitch of the manual's text, as a multiple of the size (looser than the forms').
pub(crate) const PITCH: f32 = 1.7;
/// Grey of a note's box (0 black, 1 white).
pub(crate) const NOTE_GREY: f32 = 0.94;
const NOTE_PAD_MM: f32 = 3.0;
/// The largest share of the body's height one picture may take.
const PICTURE_MAX_SHARE: f32 = 0.6;
/// An `<img width>` at or above this many CSS pixels takes the full text width.
const FULL_WIDTH_PX: f32 = 560.0;

/// Something drawn in a piece, at (`x`, `top`) from the piece's top left.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Draw {
    /// One line of text whose line box (`PITCH` × size) starts at `top`.
    Text {
        x: f32,
        top: f32,
        size: f32,
        text: String,
    },
    /// Picture number `index`, framed with a thin rule.
    Picture {
        index: usize,
        x: f32,
        top: f32,
        w: f32,
        h: f32,
    },
    /// A horizontal rule.
    Rule { x: f32, top: f32, w: f32 },
}

/// One piece of the flow.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Piece {
    pub height: f32,
    pub draws: Vec<Draw>,
    /// Starts a new page (a chapter).
    pub break_before: bool,
    /// Goes to the next page with the piece after it (a heading and its first line).
    pub keep_with_next: bool,
    /// Inside a note's box, whose left edge is this far from the body's left.
    pub boxed: Option<f32>,
    /// The heading of the table of contents' entry `n`: its page is noted.
    pub anchor: Option<usize>,
    /// Dropped at the top of a page (space between blocks).
    pub is_space: bool,
}

/// A heading listed in the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TocEntry {
    /// 1: a chapter, 2: a section.
    pub level: u8,
    pub text: String,
}

/// A picture as the text places it: its size in pixels and the document's image it draws
/// (one image for a file shown twice).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PictureRef {
    pub width_px: usize,
    pub height_px: usize,
    pub object: usize,
}

pub(crate) fn line_h(size: f32) -> f32 {
    size * PITCH
}

/// The body's width in points.
pub(crate) fn body_width() -> f32 {
    PAGE_W - 2.0 * mm(MARGIN_X_MM)
}

/// The body's height in points.
pub(crate) fn body_height() -> f32 {
    PAGE_H - mm(MARGIN_TOP_MM) - mm(MARGIN_BOTTOM_MM)
}

/// Cuts blocks into pieces.
pub(crate) struct Cutter<'a> {
    pub metrics: &'a Metrics<'a>,
    pub pieces: Vec<Piece>,
    pub toc: Vec<TocEntry>,
    /// The pictures' sizes, by the index a `Draw::Picture` names.
    pub pictures: &'a [PictureRef],
    /// The next picture to place (pictures are numbered in the order they appear).
    pub next_picture: usize,
    /// The left edge of the box of the note being cut, if any.
    boxed: Option<f32>,
}

impl<'a> Cutter<'a> {
    pub fn new(metrics: &'a Metrics<'a>, pictures: &'a [PictureRef]) -> Self {
        Self {
            metrics,
            pieces: Vec::new(),
            toc: Vec::new(),
            pictures,
            next_picture: 0,
            boxed: None,
        }
    }

    fn push(&mut self, piece: Piece) {
        self.pieces.push(Piece {
            boxed: self.boxed,
            ..piece
        });
    }

    pub fn space(&mut self, height_mm: f32) {
        self.push(Piece {
            height: mm(height_mm),
            is_space: self.boxed.is_none(),
            ..Piece::default()
        });
    }

    /// `text` wrapped at `size` between `indent` and the right edge (less `right`), each line a
    /// piece; `marker` (a list's 「・」 or 「2.」) sits before the first line, in the indent's
    /// last `marker_w` points.
    pub fn lines(&mut self, text: &str, size: f32, indent: f32, marker: Option<(&str, f32)>) {
        let right = self.boxed.map_or(0.0, |_| mm(NOTE_PAD_MM));
        let width = body_width() - indent - right;
        let lines = self.metrics.wrap(text, width, size);
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let mut draws = Vec::new();
            if let (0, Some((mark, marker_w))) = (i, marker) {
                draws.push(Draw::Text {
                    x: indent - marker_w,
                    top: 0.0,
                    size,
                    text: mark.to_owned(),
                });
            }
            draws.push(Draw::Text {
                x: indent,
                top: 0.0,
                size,
                text: line,
            });
            self.push(Piece {
                height: line_h(size),
                draws,
                // No paragraph leaves its first or its last line alone on a page.
                keep_with_next: count > 1 && (i == 0 || i + 2 == count),
                ..Piece::default()
            });
        }
    }

    /// A chapter's title: a new page, the title, a rule under it.
    pub fn chapter(&mut self, number: usize, title: &str) {
        let anchor = self.toc.len();
        self.toc.push(TocEntry {
            level: 1,
            text: format!("{number}　{title}"),
        });
        let heading = format!("{number}　{title}");
        let lines = self.metrics.wrap(&heading, body_width(), CHAPTER_PT);
        for (i, line) in lines.into_iter().enumerate() {
            self.push(Piece {
                height: line_h(CHAPTER_PT),
                draws: vec![Draw::Text {
                    x: 0.0,
                    top: 0.0,
                    size: CHAPTER_PT,
                    text: line,
                }],
                break_before: i == 0,
                keep_with_next: true,
                anchor: (i == 0).then_some(anchor),
                ..Piece::default()
            });
        }
        self.push(Piece {
            height: mm(8.0),
            draws: vec![Draw::Rule {
                x: 0.0,
                top: mm(2.0),
                w: body_width(),
            }],
            keep_with_next: true,
            ..Piece::default()
        });
    }

    /// A heading inside a chapter (`##` listed in the contents, `###` not).
    pub fn heading(&mut self, level: u8, text: &str, indent: f32) {
        let (size, before, under) = match level {
            2 => (SECTION_PT, 6.0, true),
            _ => (SUBSECTION_PT, 3.0, false),
        };
        self.space(before);
        let anchor = (level == 2).then(|| {
            self.toc.push(TocEntry {
                level: 2,
                text: text.to_owned(),
            });
            self.toc.len() - 1
        });
        let mark = if level == 2 { "■ " } else { "□ " };
        let text = format!("{mark}{text}");
        let lines = self.metrics.wrap(&text, body_width() - indent, size);
        for (i, line) in lines.into_iter().enumerate() {
            self.push(Piece {
                height: line_h(size),
                draws: vec![Draw::Text {
                    x: indent,
                    top: 0.0,
                    size,
                    text: line,
                }],
                keep_with_next: true,
                anchor: if i == 0 { anchor } else { None },
                ..Piece::default()
            });
        }
        let gap = if under { mm(3.0) } else { mm(1.0) };
        self.push(Piece {
            height: gap,
            draws: if under {
                vec![Draw::Rule {
                    x: indent,
                    top: mm(0.8),
                    w: body_width() - indent,
                }]
            } else {
                Vec::new()
            },
            keep_with_next: true,
            ..Piece::default()
        });
    }

    /// The next picture, as wide as the text (or its `<img width>` share of it), no taller
    /// than [`PICTURE_MAX_SHARE`] of the body, with its caption under it.
    pub fn picture(&mut self, alt: &str, width_px: Option<u32>, indent: f32) {
        let index = self.next_picture;
        self.next_picture += 1;
        let Some(size) = self.pictures.get(index) else {
            return;
        };
        let room = body_width() - indent;
        #[allow(clippy::cast_precision_loss)]
        let (pw, ph) = (size.width_px as f32, size.height_px as f32);
        let share = width_px.map_or(1.0, |w| (w as f32 / FULL_WIDTH_PX).clamp(0.3, 1.0));
        let mut w = room * share;
        let mut h = w * ph / pw;
        let max_h = body_height() * PICTURE_MAX_SHARE;
        if h > max_h {
            w *= max_h / h;
            h = max_h;
        }
        let x = indent + (room - w) / 2.0;
        self.space(2.0);
        self.push(Piece {
            height: h + mm(1.5),
            draws: vec![Draw::Picture {
                index,
                x,
                top: 0.0,
                w,
                h,
            }],
            keep_with_next: !alt.is_empty(),
            ..Piece::default()
        });
        if !alt.is_empty() {
            let caption = format!("図　{alt}");
            for line in self.metrics.wrap(&caption, room, SMALL_PT) {
                let lw = self.metrics.width(&line, SMALL_PT);
                self.push(Piece {
                    height: line_h(SMALL_PT),
                    draws: vec![Draw::Text {
                        x: indent + (room - lw) / 2.0,
                        top: 0.0,
                        size: SMALL_PT,
                        text: line,
                    }],
                    ..Piece::default()
                });
            }
        }
        self.space(3.0);
    }

    /// Blocks of a chapter (after its title), indented by `indent` points.
    pub fn blocks(&mut self, blocks: &[MdBlock], indent: f32, terms: &[Term]) {
        for block in blocks {
            match block {
                MdBlock::Heading { level, text } => self.heading(*level, text, indent),
                MdBlock::Paragraph(text) => {
                    self.lines(text, BODY_PT, indent, None);
                    self.space(2.5);
                }
                MdBlock::List { start, items } => self.list(*start, items, indent, terms),
                MdBlock::Image { alt, width_px, .. } => self.picture(alt, *width_px, indent),
                MdBlock::Note(inner) => self.note(inner, indent, terms),
                MdBlock::Code(code) => {
                    let was = self.boxed.replace(indent);
                    self.space(NOTE_PAD_MM);
                    self.lines(code, SMALL_PT, indent + mm(NOTE_PAD_MM), None);
                    self.space(NOTE_PAD_MM);
                    self.boxed = was;
                    self.space(2.5);
                }
                MdBlock::Terms => self.terms(terms, indent),
            }
        }
    }

    fn list(&mut self, start: Option<u64>, items: &[Vec<MdBlock>], indent: f32, terms: &[Term]) {
        let em = BODY_PT;
        let marker_w = if start.is_some() { 2.0 * em } else { 1.3 * em };
        let inner = indent + marker_w;
        for (i, item) in items.iter().enumerate() {
            let marker = match start {
                Some(n) => format!("{}.", n + i as u64),
                None => "・".to_owned(),
            };
            let mut rest = item.as_slice();
            match rest.first() {
                Some(MdBlock::Paragraph(text)) => {
                    self.lines(text, BODY_PT, inner, Some((&marker, marker_w)));
                    rest = &rest[1..];
                }
                _ => self.lines(" ", BODY_PT, inner, Some((&marker, marker_w))),
            }
            for block in rest {
                match block {
                    MdBlock::Paragraph(text) => self.lines(text, BODY_PT, inner, None),
                    other => self.blocks(std::slice::from_ref(other), inner, terms),
                }
            }
            self.space(1.0);
        }
        self.space(1.5);
    }

    fn note(&mut self, inner: &[MdBlock], indent: f32, terms: &[Term]) {
        let was = self.boxed.replace(indent);
        self.space(NOTE_PAD_MM);
        let pad = mm(NOTE_PAD_MM);
        for (i, block) in inner.iter().enumerate() {
            match block {
                MdBlock::Paragraph(text) => {
                    if i > 0 {
                        self.space(1.5);
                    }
                    self.lines(text, BODY_PT, indent + pad, None);
                }
                other => self.blocks(std::slice::from_ref(other), indent + pad, terms),
            }
        }
        self.space(NOTE_PAD_MM);
        self.boxed = was;
        self.space(3.0);
    }

    /// The glossary's terms: each term, its explanation and where it comes from (出典).
    fn terms(&mut self, terms: &[Term], indent: f32) {
        for term in terms {
            self.space(2.0);
            for line in self
                .metrics
                .wrap(&term.term, body_width() - indent, SUBSECTION_PT)
            {
                self.push(Piece {
                    height: line_h(SUBSECTION_PT),
                    draws: vec![Draw::Text {
                        x: indent,
                        top: 0.0,
                        size: SUBSECTION_PT,
                        text: line,
                    }],
                    keep_with_next: true,
                    ..Piece::default()
                });
            }
            let inner = indent + BODY_PT;
            self.lines(&term.text, BODY_PT, inner, None);
            self.lines(&format!("出典: {}", term.source), SMALL_PT, inner, None);
            self.space(2.0);
        }
    }
}
