#!/usr/bin/env python3
"""Subsets the theme's web fonts to the characters a Russian site uses. Run once; its output is
committed (themes/default/static/fonts/VitrinaSans-*.woff2).

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install fonttools brotli
    /tmp/venv/bin/python tools/subset-fonts.py

The sources are PT Sans Regular and Bold as the theme shipped them before (the unmodified
fonts in WOFF2), read from git at commit 294103d, so the script needs no font on the machine.

Kept: Basic Latin and Latin-1 (NBSP, «», ·, ×, ÷, °, §), the Russian alphabet with Ё and the
other letters of U+0400–045F and Ґ, dashes, quotes, ellipsis and the other general punctuation,
‰, ‹›, №, ₽, €, ™, minus, ∞, ≈, ≠, ≤, ≥ — every character the built pages use that PT Sans has
(tests/sizes.rs holds the demo and the example region to this list, tools/subset-fonts.txt).
PT Sans has no narrow no-break space (U+202F, between thousands) or arrows; browsers take those
from a fallback font, as before. Kerning and the other layout features stay. TrueType hinting
goes: it was three quarters of each file (62 KB with it, 16 KB without), and today's browsers
render PT Sans from outlines (DirectWrite on Windows, and the font is the charts' and print's,
the pages' text being set in the system's font).

The ParaType Free Font License forbids distributing a modified font under its original name
or a name combining it with other words: the subsets are named «Vitrina Sans», and
LICENSE-PTSans.txt says what they are.
"""

import io
import subprocess
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "themes/default/static/fonts"
SOURCE_COMMIT = "294103d"
RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1: NBSP, « », ·, ×, ÷, °, §, ©
    (0x0400, 0x045F),  # Cyrillic: А–я, Ё ё and the letters of neighbouring alphabets
    (0x0490, 0x0491),  # Ґ ґ
    (0x2010, 0x2027),  # hyphens and dashes, quotes “ ” „, bullet, ellipsis
    (0x2030, 0x2030),  # ‰
    (0x2032, 0x2033),  # ′ ″
    (0x2039, 0x203A),  # ‹ ›
    (0x20AC, 0x20AC),  # €
    (0x20BD, 0x20BD),  # ₽
    (0x2116, 0x2116),  # №
    (0x2122, 0x2122),  # ™
    (0x2212, 0x2212),  # − minus
    (0x221E, 0x221E),  # ∞
    (0x2248, 0x2248),  # ≈
    (0x2260, 0x2260),  # ≠
    (0x2264, 0x2265),  # ≤ ≥
]
FACES = [
    ("PTSans-Regular.woff2", "VitrinaSans-Regular.woff2", "Regular"),
    ("PTSans-Bold.woff2", "VitrinaSans-Bold.woff2", "Bold"),
]
FAMILY = "Vitrina Sans"


def source(name: str) -> bytes:
    path = f"{SOURCE_COMMIT}:themes/default/static/fonts/{name}"
    return subprocess.run(
        ["git", "-C", str(ROOT), "show", path], check=True, capture_output=True
    ).stdout


def rename(font: TTFont, style: str) -> None:
    """The family, full and PostScript names become Vitrina Sans; the copyright, the designers
    and the licence text stay. The trademark line and the unique id go with the old name."""
    table = font["name"]
    table.names = [n for n in table.names if n.nameID not in (3, 7, 16, 17, 18)]
    names = {
        1: FAMILY,
        2: style,
        3: f"{FAMILY} {style}: subset of PT Sans 2.005 for Vitrina",
        4: f"{FAMILY} {style}",
        6: f"VitrinaSans-{style}",
        10: "A subset of PT Sans (ParaType Ltd) for the Vitrina static-site generator.",
    }
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)


def main() -> int:
    unicodes = [u for lo, hi in RANGES for u in range(lo, hi + 1)]
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    kept = set()
    for original, out, style in FACES:
        font = TTFont(io.BytesIO(source(original)))
        before = len(source(original))
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        rename(font, style)
        font.flavor = "woff2"
        target = FONTS / out
        font.save(target)
        kept |= set(font.getBestCmap())
        print(f"{out}: {before} → {target.stat().st_size} bytes, {len(font.getBestCmap())} characters")
    (ROOT / "tools/subset-fonts.txt").write_text(
        "".join(f"{u:04X}\n" for u in sorted(kept)), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
