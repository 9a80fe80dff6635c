"""TrueType fonts for the synthetic reports: regular, bold, and a regular copy whose `˂` draws a Δ."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from biometry.errors import BiometryError

REGULAR = "SynthSans"
BOLD = "SynthSans-Bold"
DELTA_TRAP = "SynthSans-DeltaTrap"  # text layer says U+02C2, the glyph shown is Δ (as on real printouts)
CLAIMS_BOLD = "SynthSans-ClaimsBold"  # a regular face whose descriptor claims bold (the IOLMaster 700's subset font)
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag ForceBold
_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/truetype/liberation2",
         "/usr/local/share/fonts")  # fmt: skip


class FontNotFoundError(BiometryError):
    """A font the generators draw with is not installed (Debian: fonts-dejavu-core, fonts-liberation2)."""

    code = "synth_font_missing"


@functools.cache
def register_fonts() -> None:
    """Register the four fonts once per process."""
    regular, bold = font_path("DejaVuSans.ttf"), font_path("DejaVuSans-Bold.ttf")
    pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    trap = TTFont(DELTA_TRAP, str(regular))
    trap.face.charToGlyph[0x02C2] = trap.face.charToGlyph[0x0394]
    trap.face.charWidths[0x02C2] = trap.face.charWidths[0x0394]
    trap.face.name = b"DejaVuSans-Symbols"  # own subset objects: the PDF would otherwise share regular's
    pdfmetrics.registerFont(trap)
    claims_bold = TTFont(CLAIMS_BOLD, str(regular))
    claims_bold.face.flags |= _FORCE_BOLD
    claims_bold.face.stemV = 1496  # the real font's nonsense weight
    claims_bold.face.name = b"DejaVuSans-ClaimsBold"
    pdfmetrics.registerFont(claims_bold)


def font_path(filename: str) -> Path:
    """Find a DejaVu or Liberation font: $BIOMETRY_FONT_DIR, the usual Debian folders, then fontconfig."""
    dirs = [os.environ.get("BIOMETRY_FONT_DIR", ""), *_DIRS]
    for folder in filter(None, dirs):
        if (Path(folder) / filename).is_file():
            return Path(folder) / filename
    found = _fc_list(filename)
    if found is None:
        raise FontNotFoundError(
            f"{filename} not found; install fonts-dejavu-core and fonts-liberation2 or set BIOMETRY_FONT_DIR"
        )
    return found


def _fc_list(filename: str) -> Path | None:
    if shutil.which("fc-list") is None:
        return None
    listing = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=False)
    return next((Path(p) for p in listing.stdout.splitlines() if Path(p).name == filename), None)
