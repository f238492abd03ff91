//! Character classes that both the fonts and the line breaker need.

/// Variation selectors: FE00–FE0F (standardised) and E0100–E01EF (ideographic).
pub(crate) fn is_variation_selector(c: char) -> bool {
    matches!(u32::from(c), 0xFE00..=0xFE0F | 0xE0100..=0xE01EF)
}
