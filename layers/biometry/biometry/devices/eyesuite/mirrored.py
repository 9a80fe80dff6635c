"""A measurement label OCR garbled in one eye's copy, read from the other copy's layout.

Both eyes' copies print the same rows, each label at the same place on its line relative to the line's other labels
(`AL [mm] 25.25   K1 [D/mm/°] ...` beside `AL [mm] 24.82   K1 [D/mm/°] ...`). A word at the place where the other
copy prints a label, on a line the copies share another label with, that is no label, no value and has a value
after it, is that label garbled (`AlL[mm] 24.82`, `WWW [mm] 12.85` on a photo of the real Eyestar's page 4): it is
read as the label, and its value as usual with every check of the row. Lines without a shared label are left alone.
"""

from __future__ import annotations

import dataclasses

from biometry.devices.eyesuite.halves import Half, lens_section_top
from biometry.devices.eyesuite.values import label_of, label_words, rows_of
from biometry.devices.layout import lines_in
from biometry.document import Line, Page, Word
from biometry.normalize import canonical, parse_number

PLACE_HEIGHTS = 1.0  # a garbled label starts within this many of its word heights of where the other copy places it


def with_mirrored_labels(page: Page, found: list[Half]) -> list[Half]:
    """The halves, each with the labels OCR garbled in it and read in the other copy put back (see module)."""
    if len(found) != 2:
        return found
    seam = lens_section_top(page.lines)
    relabelled = []
    for half, other in zip(found, found[::-1], strict=True):
        fixed = _relabelled(lines_in(half.words, y1=seam), lines_in(other.words, y1=seam))
        words = [fixed.get(id(w), w) for w in half.words]
        relabelled.append(dataclasses.replace(half, words=words) if fixed else half)
    return relabelled


def _relabelled(lines: list[Line], other_lines: list[Line]) -> dict[int, Word]:
    """The garbled label words of one copy's lines, by id, as the labels the other copy prints there."""
    fixed: dict[int, Word] = {}
    others = [(line, label_words(line), {row.key for row in rows_of(line)}) for line in other_lines]
    for line in lines:
        here = label_words(line)
        sharing = [(there, read) for _, there, read in others if here.keys() & there.keys()]
        if len(sharing) != 1:  # the other copy's line of this row: one line shares its labels
            continue
        there, read = sharing[0]
        anchor = min(here.keys() & there.keys())
        for key in sorted((read & there.keys()) - here.keys()):
            x0 = here[anchor].bbox[0] + there[key].bbox[0] - there[anchor].bbox[0]
            garbled = _garbled_label_at(line, x0)
            if garbled is not None:
                fixed[id(garbled)] = dataclasses.replace(garbled, text=_as_label(garbled.text, key))
    return fixed


def _garbled_label_at(line: Line, x0: float) -> Word | None:
    """The one word starting near `x0` that is no label and no value and has a value right after it."""
    words = line.words
    near = [k for k, w in enumerate(words) if abs(w.bbox[0] - x0) <= PLACE_HEIGHTS * w.height]
    if len(near) != 1:
        return None
    k = near[0]
    text = canonical(words[k].text)
    if label_of(text) is not None or any(c.isdigit() for c in text) or not any(c.isalpha() for c in text):
        return None
    after = next((w for w in words[k + 1 :] if any(c.isdigit() for c in w.text)), None)
    between = words[k + 1 : words.index(after)] if after is not None else []
    if after is None or parse_number(canonical(after.text)) is None or any(_letters(w) for w in between):
        return None
    return words[k]


def _letters(word: Word) -> bool:
    """Whether a word between a label and its value holds letters outside a unit bracket (`[mm]`)."""
    text = canonical(word.text)
    return any(c.isalpha() for c in text) and not (text.startswith(("[", "(", "{")) or text.endswith("]"))


def _as_label(text: str, key: str) -> str:
    """The garbled word as the label, its unit bracket kept (`AlL[mm]` -> `AL[mm]`)."""
    text = canonical(text)
    bracket = text.find("[")
    return key + (text[bracket:] if bracket > 0 else "")
