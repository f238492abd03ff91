//! The embedded font, prepared once per process, and its glyph advances for measuring text.

use std::sync::OnceLock;

use allsorts::binary::write::{WriteBinary, WriteBuffer};
use allsorts::tables::cmap::owned::{CmapSubtable, CmapSubtableFormat12, CmapSubtableFormat4};
use printpdf::ParsedFont;

use crate::FormError;

/// IPAexゴシック 00401 (`fonts-ipaexfont-gothic`), IPA Font License v1.0.
const FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/ipaexg.ttf");

/// The parsed font, with a direct character map (see [`direct_cmap`]). Parsed on first use.
pub(crate) fn font() -> Result<&'static ParsedFont, FormError> {
    static FONT: OnceLock<Option<ParsedFont>> = OnceLock::new();
    FONT.get_or_init(|| {
        let mut font = ParsedFont::from_bytes(FONT_BYTES, 0, &mut Vec::new())?;
        let direct = match &font.cmap_subtable {
            Some(CmapSubtable::Format4(table)) => Some(direct_cmap(&format4_pairs(table))),
            Some(CmapSubtable::Format12(table)) => Some(direct_cmap(&format12_pairs(table))),
            _ => None,
        };
        if direct.is_some() {
            font.cmap_subtable = direct;
        }
        Some(font)
    })
    .as_ref()
    .ok_or(FormError::Font)
}

/// Every (character, glyph) of a format-4 table (the OpenType formula).
fn format4_pairs(format4: &CmapSubtableFormat4) -> Vec<(u32, u16)> {
    let mut pairs = Vec::new();
    let segments = format4.start_codes.len();
    for (i, (&start, &end)) in format4
        .start_codes
        .iter()
        .zip(&format4.end_codes)
        .enumerate()
    {
        let delta = format4.id_deltas.get(i).copied().unwrap_or(0);
        let range_offset = format4.id_range_offsets.get(i).copied().unwrap_or(0);
        for ch in start..=end {
            let glyph = if range_offset == 0 {
                ch.wrapping_add_signed(delta)
            } else {
                // The offset counts bytes from this segment's entry of id_range_offsets.
                let index = (usize::from(range_offset) / 2 + usize::from(ch - start) + i)
                    .checked_sub(segments);
                match index.and_then(|at| format4.glyph_id_array.get(at)) {
                    Some(&0) | None => 0,
                    Some(&g) => g.wrapping_add_signed(delta),
                }
            };
            pairs.push((u32::from(ch), glyph));
        }
    }
    pairs
}

/// Every (character, glyph) of a format-12 table. allsorts keeps the groups private, so they
/// are read back from the table as it writes it: format, reserved, length, language, count,
/// then (first character, last character, first glyph) per group, all big-endian.
fn format12_pairs(format12: &CmapSubtableFormat12) -> Vec<(u32, u16)> {
    let mut buffer = WriteBuffer::new();
    if CmapSubtable::write(&mut buffer, CmapSubtable::Format12(format12.clone())).is_err() {
        return Vec::new();
    }
    let bytes = buffer.into_inner();
    let u32_at = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(u32::from_be_bytes)
    };
    let groups = u32_at(12).unwrap_or(0);
    let mut pairs = Vec::new();
    for g in 0..usize::try_from(groups).unwrap_or(0) {
        let at = 16 + 12 * g;
        let (Some(first), Some(last), Some(glyph)) = (u32_at(at), u32_at(at + 4), u32_at(at + 8))
        else {
            break;
        };
        for ch in first..=last {
            pairs.push((ch, u16::try_from(glyph + (ch - first)).unwrap_or(0)));
        }
    }
    pairs
}

/// The same character → glyph map as a format-10 table: one array index per character
/// instead of a search. allsorts searches formats 4 and 12 linearly, and printpdf looks up
/// every character of every line when it saves a PDF; with IPAex's thousands of ranges that
/// was most of the time of a long form.
fn direct_cmap(pairs: &[(u32, u16)]) -> CmapSubtable {
    let last = pairs.iter().map(|&(ch, _)| ch).max().unwrap_or(0);
    let mut glyphs = vec![0u16; usize::try_from(last).unwrap_or(0) + 1];
    for &(ch, glyph) in pairs {
        if let Some(slot) = usize::try_from(ch).ok().and_then(|i| glyphs.get_mut(i)) {
            *slot = glyph;
        }
    }
    CmapSubtable::Format10 {
        language: 0,
        start_char_code: 0,
        glyph_id_array: glyphs,
    }
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
            Some(gid) if gid != 0 => {
                f32::from(self.font.get_horizontal_advance(gid)) / self.units_per_em * size_pt
            }
            _ => size_pt,
        }
    }

    pub(crate) fn width(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size_pt)).sum()
    }

    pub(crate) fn wrap(&self, text: &str, width_pt: f32, size_pt: f32) -> Vec<String> {
        crate::wrap::wrap(text, width_pt, |c| self.advance(c, size_pt))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_direct_map_gives_the_glyph_of_the_original_for_every_character() {
        let original = ParsedFont::from_bytes(FONT_BYTES, 0, &mut Vec::new()).unwrap();
        let table = original.cmap_subtable.as_ref().unwrap();
        let direct = match table {
            CmapSubtable::Format4(t) => direct_cmap(&format4_pairs(t)),
            CmapSubtable::Format12(t) => direct_cmap(&format12_pairs(t)),
            _ => panic!("IPAex has a format 4 or 12 cmap"),
        };
        let mut mapped = 0;
        // Every 7th code point keeps the test quick in debug builds; all segments are hit.
        for ch in (0u32..0x3_0000)
            .step_by(7)
            .chain("令和年月日、。「」（）○■□—".chars().map(u32::from))
        {
            let want = table.map_glyph(ch).unwrap().unwrap_or(0);
            let got = direct.map_glyph(ch).unwrap().unwrap_or(0);
            assert_eq!(got, want, "U+{ch:04X}");
            mapped += usize::from(want != 0);
        }
        assert!(mapped > 1000);
    }
}
