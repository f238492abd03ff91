//! The embedded fonts, prepared once per process: the primary font, the fallback for what it
//! cannot draw, and how each character of a text is drawn (which font, which glyph).
//!
//! Per glyph: a character is drawn with IPAexゴシック when it has a glyph there, else with the
//! fallback (a subset of Noto Sans CJK JP, `assets/fonts/README.md`). An ideographic variation
//! sequence (base + VS, e.g. 葛󠄀 = 葛 U+E0100) is one glyph: the variant of the first font whose
//! format-14 cmap has one, else the base character alone. Every glyph carries the exact
//! characters it stands for, which become the PDF's ToUnicode entries: the text layer reads back
//! what was typed, selector and supplementary-plane characters included.

use std::collections::HashMap;
use std::sync::OnceLock;

use allsorts::binary::write::{WriteBinary, WriteBuffer};
use allsorts::tables::cmap::owned::{CmapSubtable, CmapSubtableFormat12, CmapSubtableFormat4};
use printpdf::ParsedFont;

use crate::chars::is_variation_selector;
use crate::FormError;

/// IPAexゴシック 00401 (`fonts-ipaexfont-gothic`), IPA Font License v1.0.
const FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/ipaexg.ttf");
/// Noto Sans CJK JP, subset by `assets/fonts/subset-noto.py`; SIL Open Font License 1.1.
const FALLBACK_BYTES: &[u8] = include_bytes!("../../../assets/fonts/NotoSansCJKjp-Kiroku.otf");

/// Which embedded font draws a glyph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Primary,
    Fallback,
}

/// The two fonts, ready to embed and to measure with.
pub(crate) struct Fonts {
    pub primary: ParsedFont,
    pub fallback: ParsedFont,
    primary_uvs: Uvs,
    fallback_uvs: Uvs,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts")
    }
}

/// One glyph of a text: the characters it stands for (a character, or a base and its
/// variation selectors), the font and the glyph id there (0: no font draws it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Glyph<'t> {
    pub text: &'t str,
    pub face: Face,
    pub gid: u16,
    /// A variation sequence drawn with a glyph of its own (not its base's).
    pub variant: bool,
}

/// The parsed fonts, with direct character maps (see [`direct_cmap`]). Parsed on first use.
pub(crate) fn fonts() -> Result<&'static Fonts, FormError> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                primary: parse(FONT_BYTES)?,
                fallback: parse(FALLBACK_BYTES)?,
                primary_uvs: Uvs::read(FONT_BYTES),
                fallback_uvs: Uvs::read(FALLBACK_BYTES),
            })
        })
        .as_ref()
        .ok_or(FormError::Font)
}

fn parse(bytes: &[u8]) -> Option<ParsedFont> {
    let mut font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
    let direct = match &font.cmap_subtable {
        Some(CmapSubtable::Format4(table)) => Some(direct_cmap(&format4_pairs(table))),
        Some(CmapSubtable::Format12(table)) => Some(direct_cmap(&format12_pairs(table))),
        _ => None,
    };
    if direct.is_some() {
        font.cmap_subtable = direct;
    }
    Some(font)
}

/// The glyph of `c` in `font`, 0 when it has none.
fn glyph_of(font: &ParsedFont, c: char) -> u16 {
    font.lookup_glyph_index(u32::from(c)).unwrap_or(0)
}

impl Fonts {
    pub(crate) fn font(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Primary => &self.primary,
            Face::Fallback => &self.fallback,
        }
    }

    /// The font and glyph that draw `c` alone.
    pub(crate) fn char_glyph(&self, c: char) -> (Face, u16) {
        match glyph_of(&self.primary, c) {
            0 => match glyph_of(&self.fallback, c) {
                0 => (Face::Primary, 0),
                g => (Face::Fallback, g),
            },
            g => (Face::Primary, g),
        }
    }

    /// The glyph of `base` followed by the selector `vs`: the variant of the first font that
    /// has one, else `base` alone.
    /// `true` with a variant glyph of its own.
    fn sequence_glyph(&self, base: char, vs: char) -> (Face, u16, bool) {
        for (face, uvs) in [
            (Face::Primary, &self.primary_uvs),
            (Face::Fallback, &self.fallback_uvs),
        ] {
            match uvs.lookup(u32::from(base), u32::from(vs)) {
                Some(Variant::Glyph(g)) => return (face, g, true),
                Some(Variant::Default) => match glyph_of(self.font(face), base) {
                    0 => {}
                    g => return (face, g, false),
                },
                None => {}
            }
        }
        let (face, gid) = self.char_glyph(base);
        (face, gid, false)
    }

    /// The glyphs of `text`, in order: each character, a base with its selectors as one.
    pub(crate) fn glyphs<'t>(&self, text: &'t str) -> Vec<Glyph<'t>> {
        let mut out = Vec::with_capacity(text.len() / 2);
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let mut end = at + c.len_utf8();
            let mut selector = None;
            while let Some(&(i, next)) = chars.peek() {
                if !is_variation_selector(next) {
                    break;
                }
                selector.get_or_insert(next);
                end = i + next.len_utf8();
                chars.next();
            }
            let (face, gid, variant) = match selector {
                Some(vs) if !is_variation_selector(c) => self.sequence_glyph(c, vs),
                _ => {
                    let (face, gid) = self.char_glyph(c);
                    (face, gid, false)
                }
            };
            out.push(Glyph {
                text: &text[at..end],
                face,
                gid,
                variant,
            });
        }
        out
    }

    /// Every character some font draws, as sorted inclusive ranges.
    #[cfg(test)]
    pub(crate) fn coverage(&self) -> Vec<(u32, u32)> {
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for cp in 0..=0x10_FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            if self.char_glyph(c).1 == 0 {
                continue;
            }
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == cp => *end = cp,
                _ => ranges.push((cp, cp)),
            }
        }
        ranges
    }
}

/// What a format-14 cmap says of a (base, selector) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    /// The base character's own glyph is the variant.
    Default,
    Glyph(u16),
}

/// A font's variation sequences (cmap format 14), read straight from the font file: allsorts
/// does not keep them.
#[derive(Debug, Default)]
struct Uvs {
    glyphs: HashMap<(u32, u32), u16>,
    /// (selector, first base, last base) of the default sequences.
    defaults: Vec<(u32, u32, u32)>,
}

impl Uvs {
    fn lookup(&self, base: u32, vs: u32) -> Option<Variant> {
        if let Some(&g) = self.glyphs.get(&(base, vs)) {
            return Some(Variant::Glyph(g));
        }
        self.defaults
            .iter()
            .any(|&(v, first, last)| v == vs && (first..=last).contains(&base))
            .then_some(Variant::Default)
    }

    /// The format-14 subtable of an sfnt (`bytes`), empty when there is none or it is damaged.
    fn read(bytes: &[u8]) -> Self {
        Self::try_read(bytes).unwrap_or_default()
    }

    fn try_read(b: &[u8]) -> Option<Self> {
        let u8_at = |at: usize| b.get(at).copied().map(u32::from);
        let u16_at = |at: usize| Some(u8_at(at)? << 8 | u8_at(at + 1)?);
        let u24_at = |at: usize| Some(u16_at(at)? << 8 | u8_at(at + 2)?);
        let u32_at = |at: usize| Some(u16_at(at)? << 16 | u16_at(at + 2)?);
        let usize_at = |at: usize| u32_at(at).and_then(|v| usize::try_from(v).ok());
        // Table directory: find `cmap`.
        let tables = usize::try_from(u16_at(4)?).ok()?;
        let cmap = (0..tables)
            .map(|i| 12 + 16 * i)
            .find(|&rec| b.get(rec..rec + 4) == Some(b"cmap".as_slice()))
            .and_then(|rec| usize_at(rec + 8))?;
        // Encoding records: the (0, 5) subtable is format 14.
        let encodings = usize::try_from(u16_at(cmap + 2)?).ok()?;
        let sub = (0..encodings)
            .map(|i| cmap + 4 + 8 * i)
            .find(|&rec| u16_at(rec) == Some(0) && u16_at(rec + 2) == Some(5))
            .and_then(|rec| usize_at(rec + 4))
            .map(|offset| cmap + offset)?;
        if u16_at(sub)? != 14 {
            return None;
        }
        let mut uvs = Uvs::default();
        let records = usize_at(sub + 6)?;
        for i in 0..records {
            let rec = sub + 10 + 11 * i;
            let vs = u24_at(rec)?;
            let (default, non_default) = (usize_at(rec + 3)?, usize_at(rec + 7)?);
            if default != 0 {
                let at = sub + default;
                for r in 0..usize_at(at)? {
                    let first = u24_at(at + 4 + 4 * r)?;
                    let more = u8_at(at + 4 + 4 * r + 3)?;
                    uvs.defaults.push((vs, first, first + more));
                }
            }
            if non_default != 0 {
                let at = sub + non_default;
                for m in 0..usize_at(at)? {
                    let base = u24_at(at + 4 + 5 * m)?;
                    let glyph = u16::try_from(u16_at(at + 4 + 5 * m + 3)?).ok()?;
                    uvs.glyphs.insert((base, vs), glyph);
                }
            }
        }
        Some(uvs)
    }
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

/// Glyph advances of the embedded fonts.
pub(crate) struct Metrics<'a> {
    pub fonts: &'a Fonts,
    units_per_em: [f32; 2],
}

impl<'a> Metrics<'a> {
    pub(crate) fn new(fonts: &'a Fonts) -> Self {
        let upem = |f: &ParsedFont| f32::from(f.pdf_font_metrics.units_per_em.max(1));
        Self {
            fonts,
            units_per_em: [upem(&fonts.primary), upem(&fonts.fallback)],
        }
    }

    /// Advance of glyph `gid` of `face` at `size_pt`, in points. A glyph no font has counts as
    /// full width.
    pub(crate) fn glyph_advance(&self, face: Face, gid: u16, size_pt: f32) -> f32 {
        if gid == 0 {
            return size_pt;
        }
        let (font, upem) = match face {
            Face::Primary => (&self.fonts.primary, self.units_per_em[0]),
            Face::Fallback => (&self.fonts.fallback, self.units_per_em[1]),
        };
        f32::from(font.get_horizontal_advance(gid)) / upem * size_pt
    }

    /// Advance of `c` at `size_pt`, in points. A variation selector has none: it is drawn
    /// with its base character.
    pub(crate) fn advance(&self, c: char, size_pt: f32) -> f32 {
        if is_variation_selector(c) {
            return 0.0;
        }
        let (face, gid) = self.fonts.char_glyph(c);
        self.glyph_advance(face, gid, size_pt)
    }

    pub(crate) fn width(&self, text: &str, size_pt: f32) -> f32 {
        if text.chars().any(is_variation_selector) {
            return self
                .fonts
                .glyphs(text)
                .iter()
                .map(|g| self.glyph_advance(g.face, g.gid, size_pt))
                .sum();
        }
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
