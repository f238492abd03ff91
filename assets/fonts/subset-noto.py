#!/usr/bin/env python3
"""Builds assets/fonts/NotoSansCJKjp-Kiroku.otf, Kiroku's fallback font, from Debian's
fonts-noto-cjk (Noto Sans CJK JP Regular, SIL Open Font License 1.1).

The primary font (IPAexゴシック, ipaexg.ttf) draws JIS X 0208 and more; the fallback keeps only
what a name may need and IPAex cannot draw:
  - every character of JIS X 0213 (planes 1 and 2), JIS X 0212 (補助漢字) and the NEC/IBM
    extensions of CP932 (髙, 﨑 …) that IPAex lacks, plus a few well-known 人名 characters
    outside those sets (𠮷 …);
  - every ideographic variation sequence (IVS, format-14 cmap) of Noto Sans CJK JP that has a
    glyph of its own, with its base character (so 葛󠄀 = 葛 U+E0100 draws the right shape).
Vertical metrics and layout tables are dropped: Kiroku writes horizontally and places glyphs
itself. The output is reproducible: same input font, same fontTools → same bytes.

Usage: pip install fonttools; python3 assets/fonts/subset-noto.py [path/to/NotoSansCJK-Regular.ttc]
"""
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
OUT = os.path.join(HERE, "NotoSansCJKjp-Kiroku.otf")

# 人名 characters seen in registers that none of the JIS/CP932 sets below hold.
EXTRA = "𠮷𡈽𡌛𡑮𡢽𠀋𠂉𠆢𠈓𠝏𠮟𡚴𡵅𢌞𣗄𣜿𣝣𤟱𥔎𥝱𥶡𦫿𧃴𧚄𨉷𨏍𪆐𪚲"


def repertoire():
    """JIS X 0213 (euc_jis_2004), JIS X 0212 (euc_jp with 0x8F) and CP932, as code points."""
    chars = set()
    for b1 in range(0xA1, 0xFF):
        for b2 in range(0xA1, 0xFF):
            for codec, raw in (
                ("euc_jis_2004", bytes([b1, b2])),
                ("euc_jis_2004", bytes([0x8F, b1, b2])),
                ("euc_jp", bytes([0x8F, b1, b2])),
            ):
                try:
                    chars.update(ord(c) for c in raw.decode(codec))
                except UnicodeDecodeError:
                    pass
    for b1 in list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD)):
        for b2 in range(0x40, 0xFD):
            try:
                chars.update(ord(c) for c in bytes([b1, b2]).decode("cp932"))
            except UnicodeDecodeError:
                pass
    chars.update(ord(c) for c in EXTRA)
    return chars


def main():
    collection = TTCollection(SOURCE)
    face = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK JP")
    noto = set(face.getBestCmap())
    ipaex = set(TTFont(os.path.join(HERE, "ipaexg.ttf")).getBestCmap())
    wanted = {c for c in repertoire() if c not in ipaex and c in noto}
    uvs = face["cmap"].getcmap(0, 5).uvsDict
    # Bases of the sequences with a glyph of their own (a "default" sequence is the base's
    # own glyph, which IPAex or this font already draws).
    bases = {
        base for sequences in uvs.values() for base, glyph in sequences
        if glyph is not None and base in noto
    }
    # fontTools keeps a format-14 record only when its selector is requested too.
    selectors = set(uvs)
    unicodes = sorted(wanted | bases | selectors | {0x20, 0x3000})

    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(face)
    face.save(OUT, reorderTables=True)
    print(
        f"{OUT}: {len(wanted)} characters IPAex lacks, {len(bases)} IVS bases, "
        f"{len(face.getGlyphOrder())} glyphs, {os.path.getsize(OUT)} bytes"
    )


if __name__ == "__main__":
    main()
