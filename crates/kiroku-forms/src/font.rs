//! The embedded font and its glyph advances, for measuring text.

use printpdf::ParsedFont;

use crate::FormError;

/// IPAexゴシック 00401 (`fonts-ipaexfont-gothic`), IPA Font License v1.0.
const FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/ipaexg.ttf");

pub(crate) fn parse() -> Result<ParsedFont, FormError> {
    ParsedFont::from_bytes(FONT_BYTES, 0, &mut Vec::new()).ok_or(FormError::Font)
}

/// Glyph advances of the embedded font.
pub(crate) struct Metrics<'a> {
    font: &'a ParsedFont,
    units_per_em: f32,
}

impl<'a> Metrics<'a> {
    pub(crate) fn new(font: &'a ParsedFont) -> Self {
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        Self { font, units_per_em }
    }

    /// Advance of `c` at `size_pt`, in points. A character the font lacks counts as full width.
    pub(crate) fn advance(&self, c: char, size_pt: f32) -> f32 {
        match self.font.lookup_glyph_index(u32::from(c)) {
            Some(gid) => {
                f32::from(self.font.get_horizontal_advance(gid)) / self.units_per_em * size_pt
            }
            None => size_pt,
        }
    }

    pub(crate) fn width(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size_pt)).sum()
    }

    pub(crate) fn wrap(&self, text: &str, width_pt: f32, size_pt: f32) -> Vec<String> {
        crate::wrap::wrap(text, width_pt, |c| self.advance(c, size_pt))
    }
}
