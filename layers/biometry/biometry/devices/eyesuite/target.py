"""The `Target Refraction:` label that opens an EyeSuite lens section, as OCR reads it (`Ta rget`, `Ta et`)."""

from __future__ import annotations

import difflib
import re

from biometry.normalize import canonical

_TARGET = "target"
# the letters before `Refraction` on a line read without its spaces: `Target`, or what OCR left of it
_BEFORE_REFRACTION = re.compile(r"([a-z]{2,6})refrac")
MIN_LIKENESS = 0.6  # `taet` (g and r lost) 0.8, `taret` 0.91; `ta` 0.5 and the lens names' words are further


# quote marks OCR makes of a speck inside a word (`Tar ‘get`, a 200-dpi rescan of the real Eyestar, held-out seed 260)
_SPECK_MARKS = str.maketrans("", "", "‘’'`´\"“”")


def spaceless(text: str) -> str:
    """The text in lower case without the spaces and quote marks OCR puts inside words (`Ta rget Refraction`, `Tar
    ‘get Refraction`)."""
    return "".join(canonical(text).translate(_SPECK_MARKS).split()).lower()


def starts_with_target(text: str) -> bool:
    """Whether a line starts with the target label: `Target`, or a garble of it right before `Refraction` (`Ta et
    Refraction: 0.00`: letters OCR lost, a space put in)."""
    flat = spaceless(text)
    if flat.startswith(_TARGET):
        return True
    found = _BEFORE_REFRACTION.match(flat)
    return found is not None and _like_target(found.group(1))


def holds_target(text: str) -> bool:
    """Whether the target label, or a garble of it before `Refraction`, is anywhere on the line (both eyes' copies
    share a line)."""
    flat = spaceless(text)
    return _TARGET + "refrac" in flat or any(_like_target(m.group(1)) for m in _BEFORE_REFRACTION.finditer(flat))


def target_labels(text: str) -> int:
    """How many target labels (or garbles of one before `Refraction`) a line holds: one per eye's lens section."""
    return sum(_like_target(m.group(1)) for m in _BEFORE_REFRACTION.finditer(spaceless(text)))


def _like_target(letters: str) -> bool:
    return difflib.SequenceMatcher(None, letters, _TARGET).ratio() >= MIN_LIKENESS
