#!/usr/bin/env python3
"""Cuts the UI font down to exactly the characters the app and the lessons use.

Usage: subset-font.py --font FONT.ttc --index N --out OUT.ttf SOURCE...
Printable ASCII is always kept; every other character found in SOURCE files is kept.
Fails (and names the file) when a source uses a character the font does not have,
so a lesson can never show a missing glyph box.
The cut font's cubic (CFF) outlines are turned into quadratic TrueType ones: the app's
rasteriser draws those about twice as fast, which is most of the Korean atlas's share of the
first frame (docs/performance.md, "Load time").
"""
import argparse
import os
import subprocess
import sys
import tempfile

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

# How far a quadratic outline may stray from the cubic one, in font units (1/1000 em here):
# under a hundredth of a pixel at the UI's sizes.
MAX_ERROR_UNITS = 1.0


def used_characters(paths):
    chars = {chr(c) for c in range(0x20, 0x7F)}
    where = {}
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            sys.exit(f"subset-font: cannot read {path} as UTF-8: {e}")
        for ch in text:
            if ord(ch) >= 0x80 and ch not in chars:
                chars.add(ch)
                where.setdefault(ch, path)
    return chars, where


def to_truetype(path):
    """Rewrites the font at `path` with TrueType (glyf) outlines in place of CFF ones."""
    font = TTFont(path)
    if "CFF " not in font:
        return
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        # CFF contours run counter-clockwise, TrueType's clockwise.
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR_UNITS, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
                  "maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
                  "maxComponentDepth"):
        setattr(maxp, field, 0)
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(path)  # maxp's point and contour counts are recounted on save


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--font", required=True)
    ap.add_argument("--index", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("sources", nargs="*")
    args = ap.parse_args()

    chars, where = used_characters(args.sources)
    if args.font.lower().endswith((".ttc", ".otc")):
        face = TTCollection(args.font).fonts[args.index]
    else:
        face = TTFont(args.font)
    cmap = face.getBestCmap()
    # Characters ImGui does not draw from the font (line breaks, BOM, variation selectors).
    ignorable = {"\n", "\r", "\t", "\ufeff", "\ufe0f", "\u200b"}
    missing = sorted(c for c in chars if ord(c) not in cmap and c not in ignorable)
    if missing:
        for c in missing:
            print(f"subset-font: U+{ord(c):04X} '{c}' used in {where.get(c, '?')} is not in {args.font}",
                  file=sys.stderr)
        sys.exit(1)

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("".join(sorted(c for c in chars if c not in ignorable)))
        text_file = f.name
    try:
        cmd = ["pyftsubset", args.font, f"--font-number={args.index}", f"--text-file={text_file}",
               f"--output-file={args.out}", "--layout-features=", "--no-hinting",
               "--desubroutinize", "--name-IDs=*", "--notdef-outline"]
        subprocess.run(cmd, check=True)
        to_truetype(args.out)
    finally:
        os.unlink(text_file)
    print(f"subset-font: {len(chars)} characters -> {args.out} ({os.path.getsize(args.out)} bytes)")


if __name__ == "__main__":
    main()
