"""What an IOLMaster 700 printout prints, counted per eye from labels and table headers, apart from the values read."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from biometry.completeness import Printed, inventory, name_and_id_printed
from biometry.devices.iolmaster700.boxes import (
    CalculationHalf,
    calculation_halves,
    is_calculation_page,
    is_caption,
    is_table_unit,
    one_edit_apart,
)
from biometry.devices.iolmaster700.null_vote import (
    LONE_DIGIT,
    LOST,
    NULL,
    VALUE,
    LabelReading,
    fields_with_values,
    reading_kind,
    voted_nulls,
)
from biometry.devices.iolmaster700.order import labelled_by_order, labels_of_unread_rows
from biometry.devices.iolmaster700.side_word import sides_named
from biometry.devices.iolmaster700.slots import FIELDS_OF_LABEL, UNIT_OF, unit_of_label, unlabelled_fields
from biometry.devices.iolmaster700.values import in_printed_form
from biometry.devices.layout import LEFT_HALF, RIGHT_HALF, eye_label, lines_in
from biometry.devices.measurements import Token, label_spelling, tokens_of
from biometry.document import Document, Line, Page, Word, union_bbox
from biometry.lens_catalogue import names_known_manufacturer
from biometry.models import EyeSide
from biometry.normalize import canonical_label, is_missing, parse_number

# Labels of values that are no eye field (SDs, offsets, status, constants), in upper case: OCR's `sD:`, `ly:`.
_OTHER_LABELS = frozenset(
    {"SD:", "IX:", "IY:", "LY:", "LX:", "N:", "CVD:", "LS:", "VS:", "LF:", "DF:", "PACD:", "SIA:"}
)
_ROW_OF_FIELD = {name: label for label, names in FIELDS_OF_LABEL.items() for name in names}  # `k1_axis_deg`: K1
_EACH_EYE_AND_THE_OTHER: tuple[tuple[EyeSide, EyeSide], ...] = (("OD", "OS"), ("OS", "OD"))
_ROW_ONLY_LABELS = frozenset({"SD:", "IX:", "IY:", "LX:", "LY:"})  # printed after an eye value, on its row
_ROW_LABELS = frozenset(FIELDS_OF_LABEL)  # the labels a row of eye values begins with
_MIN_LABEL_CHARS = 3  # `P:`, `ix:`: a letter and the colon at least
_DOUBLED_LETTER = re.compile(r"([A-Z])\1")  # a letter OCR read twice (`PP:` once upper-cased)
# `WTW:` with its T read as up to two letters or lost (`Wwiw:`, a photo, held-out seed 200): no other label starts
# and ends with a W
_WTW_SHAPE = re.compile(r"^W[TIL1WR|]{0,2}W:$")
_FUZZY_LENGTH = 4  # two-letter labels (`SD:`, `SE:`, `LS:`, `LT:`) are one letter apart: never read one for another
_STATUS_LABELS = frozenset({"LS:", "Ref:"})
_MAX_ROW_PITCH = 0.03  # of the page height: the eye block's rows are ~0.015 apart
COLON_CONFIDENCE = 0.5  # a glyph between a label and its value read below this may be the label's colon ...
COLON_WIDTH_SHARE = 0.5  # ... where it is narrower than this share of the label's mean glyph width
_COLON_GLUED = re.compile(r"^:[+-]?\d")  # `:44,35D`: a value with its label's colon before it
_AT_GLUED = re.compile(r"^[+-]?\d+[.,]\d+D@$")  # `41,72D@`: a K with its axis's `@` after the unit
_DASHES_AS_READ = re.compile(r"^[-=~_—–“\"]{1,5}$")
# A label as OCR may read its case (`WTw:`, `Cct:`), by its upper-case spelling.
_BY_UPPER = {label.upper(): label for label in (*FIELDS_OF_LABEL, "n:", "CVD:")} | {"WW:": "WTW:"}  # `Ww:`: T lost
# Longest first, so `TK1:` is never read as `K1:` and `TSE:` never as `SE:`.
_LABEL = re.compile("|".join(re.escape(label) for label in sorted(FIELDS_OF_LABEL, key=len, reverse=True)))
# `Target ref.:`, `Refr.-alvo:`, `Zielrefr.:`: not the status block's `Ref:` (the eye's refraction). A point read as a
# comma before the hyphen (`Refr,-alvo:`, a 150-dpi rescan) is still the label; a comma alone (`Ref,`) is not.
TARGET_LABEL = re.compile(r"^(?:target|ziel|alvo|objetivo|cible|destino|réf|ref)\w*(?:[.-]|,-)", re.IGNORECASE)


def printed(document: Document) -> Printed:
    """Per eye: the labelled values, the result tables (by their headers) and whether a target is printed."""
    fields: dict[EyeSide, set[str]] = {"OD": set(), "OS": set()}
    tables: dict[EyeSide, int] = {"OD": 0, "OS": 0}
    targets: set[EyeSide] = set()
    readings: dict[EyeSide, list[LabelReading]] = {"OD": [], "OS": []}
    slotted: dict[EyeSide, set[str]] = {"OD": set(), "OS": set()}  # values under labels OCR lost
    halves_of_pages: list[dict[EyeSide, _Half]] = []
    for page in document.pages:
        first_label, last_label = _label_rows(page)
        areas = list(_eye_areas(page))
        boxes_top = min((line.bbox[1] for _, _, lines in areas for line in lines if is_caption(line)), default=1.01)
        halves_of_pages.append({})
        for side, words, lines in areas:
            captions = [line.bbox[1] for line in lines if is_caption(line)]
            above_boxes = lines_in(words, y1=min(captions)) if captions else lines  # no boxes: the area's lines
            if page.source != "text-layer":  # a text layer loses no label
                above_boxes = _named_by_order(above_boxes, first_label, last_label)
            block = [line for line in above_boxes if _in_band(line, first_label, last_label)]
            present = _labelled_fields(block, with_value=False)
            slots = unlabelled_fields(block, present, _is_field_label, calculation=bool(captions))
            if page.source != "text-layer":
                slots |= _fields_of_unread_rows(block)
            half = _Half(_label_readings(above_boxes), slots, block)
            halves_of_pages[-1][side] = half
            readings[side] += half.readings
            slotted[side] |= half.slotted
            tables[side] += _tables(words, boxes_top)
            if any(_has_target(line) for line in above_boxes):
                targets.add(side)
    # The header prints the exam date and the keratometric index (`n: 1,3375`), and every eye's status block its lens
    # status (`LS: Fácico`), whatever OCR makes of their labels.
    always = {"keratometric_index", "lens_status"}
    for side, found in readings.items():
        fields[side] |= fields_with_values(found) | (slotted[side] - voted_nulls(found))
    nulls = {side: voted_nulls(found) for side, found in readings.items()}
    for halves in halves_of_pages:
        _count_rows_of_both_halves(fields, halves, nulls)
    return inventory(
        document,
        {s: n | always if n else n for s, n in fields.items()},
        tables,
        targets,
        exam_date=True,
        patient_fields=name_and_id_printed(document),  # every page's header prints `ID de paciente`
    )


@dataclass(frozen=True, slots=True)
class _Half:
    """What one eye's area of a page shows: its labels with what OCR read after them, and the fields its values
    without a readable label may fill (`slots.unlabelled_fields`)."""

    readings: list[LabelReading]
    slotted: set[str]
    block: list[Line]  # the lines of its eye values

    def printed(self) -> set[str]:
        """The fields the area prints with a value."""
        return fields_with_values(self.readings) | (self.slotted - voted_nulls(self.readings))

    def shown(self) -> set[str]:
        """The fields the area shows a label of (value, null or nothing read after it) or may hold a value of."""
        return {name for names, _ in self.readings for name in names} | self.slotted

    def unlabelled_nulls(self) -> int:
        """The nulls (`---`) its value lines read after no label: rows whose label OCR garbled (`LT: ---` read
        `LES mm ---`; `TK2: ---` read `7: =`, the null's dashes run together after a word with the label's colon, as
        `null_vote.reading_kind` reads them after a label). A lens heading below the last row (`Johnson & Johnson
        Vision --`, its model on the next line) prints no row: its dashes are no null."""
        return sum(
            (is_missing(text) or (before.endswith(":") and reading_kind(text, after) == NULL))
            and not (_LABEL.search(before) or is_vocabulary(before))
            for texts in map(_spelled, (line for line in self.block if not names_known_manufacturer(line.text)))
            for before, text, after in zip(["", *texts], texts, [*texts[1:], ""], strict=False)
        )


def _count_rows_of_both_halves(
    fields: dict[EyeSide, set[str]], halves: dict[EyeSide, _Half], nulls: dict[EyeSide, set[str]]
) -> None:
    """A calculation page prints the same rows in both eyes' halves (a value or `---`): a value one half prints
    where the other shows neither its label nor a value that may be it was printed there too, its row lost (a
    photo's OD `AL: 23,73 mm` read as its `SD: 20 µm` alone). It counts as printed in both, so it is read or the
    document goes to review; unless the eye's other pages vote it null (`---` after its label, `voted_nulls`): then
    the row this half lost prints `---` too (`LT:` read `Ch:` before its `---`, a rescan); or the half read as many
    nulls after no label as rows are missing (`LT: --- mm` read `LES --- mm` on a one-page calculation printout: the
    row is there, printed null)."""
    if not (halves.get("OD") and halves["OD"].readings and halves.get("OS") and halves["OS"].readings):
        return  # an analysis page, or a calculation page of one eye
    for side, other in _EACH_EYE_AND_THE_OTHER:
        lost = halves[other].printed() - halves[side].shown() - nulls[side]
        if lost and len({_ROW_OF_FIELD.get(name, name) for name in lost}) > halves[side].unlabelled_nulls():
            fields[side] |= lost


def _eye_areas(page: Page) -> Iterable[tuple[EyeSide, list[Word], list[Line]]]:
    """An analysis page is one eye (its big label); a calculation page's halves are each the eye they name.

    Each area with its words and their lines (`lines_in(words)`; a calculation half's are shared with the parse).
    """
    if not is_calculation_page(page):
        side = analysis_eye(page)
        if side is not None:
            yield side, page.words, lines_in(page.words)
        return
    for half in calculation_halves(page, holds_status_label):
        side = calculation_half_eye(half)
        if side is not None:
            yield side, half.words, half.lines


def calculation_half_eye(half: CalculationHalf) -> EyeSide | None:
    """The eye a calculation page's half names: its big label, else the side word printed under it (`esquerda`: OCR
    lost the big letters). None where it names neither: a half is no eye by its place alone (a photo of part of a
    page put OS's block in the picture's left half, its label in the right)."""
    label = eye_label(half.words)
    if label is not None:
        return label[0]
    status_top = min((line.bbox[1] for line in half.lines if holds_status_label(line)), default=0.0)
    named = sides_named(half.lines, above=status_top)
    return next(iter(named)) if len(named) == 1 else None


def analysis_eye(page: Page) -> EyeSide | None:
    """An analysis page's eye: its big label, or the side word beside it where OCR lost the label (on both halves);
    None where a side word names another eye than the label, or side words name both eyes (a page of both eyes is
    read half by half)."""
    label = eye_label(page.words)
    first_measurement = min((line.bbox[1] for line in page.lines if holds_label(line)), default=0.0)
    named = sides_named(page.lines, above=first_measurement)
    if label is not None:
        return label[0] if named <= {label[0]} else None
    if any(eye_label([w for w in page.words if half.holds(w)]) for half in (LEFT_HALF, RIGHT_HALF)):
        return None
    return next(iter(named)) if len(named) == 1 else None


def _named_by_order(lines: list[Line], top: float, bottom: float) -> list[Line]:
    """The lines, those of the eye block (centred from `top` to `bottom`) of a run of rows whose labels OCR lost that
    the order of the rows names (`order.labelled_by_order`, as the parse reads them) beginning with the label named:
    their values are those labels', no slot for another field (a photo's `: 42,59 D` under `LT:` is `SE:`, never a
    `TK2:` whose label OCR garbled beside it)."""
    block = [k for k, line in enumerate(lines) if _in_band(line, top, bottom)]
    rows = [in_vocabulary(tokens_of(lines[k].words)) for k in block]
    out = list(lines)
    for k, read, named in zip(block, rows, labelled_by_order(rows, _ROW_LABELS), strict=True):
        if named and named[0].text != read[0].text:
            out[k] = _beginning_with(lines[k], named[0].text, named[1].word)
    return out


def _fields_of_unread_rows(block: list[Line]) -> set[str]:
    """The fields of the rows of the eye block whose label OCR lost that the order of the rows names, whatever their
    values read as (`/4145D @ 75°` between `SE:` and `K2:` is K1's row: its value unreadable, the row is printed; a
    photo, held-out seed 287, was accepted without K1)."""
    rows = [in_vocabulary(tokens_of(line.words)) for line in block]
    named = labels_of_unread_rows(rows, _ROW_LABELS)
    return {name for k, label in named.items() if not _printed_null(rows[k]) for name in FIELDS_OF_LABEL.get(label, ())}


def _printed_null(row: list[Token]) -> bool:
    """Whether a row shows the null (`---`) before its first number: its field is printed null (`LES --- mm`, the
    `LT:` row of a rescan; its number is an SD's on the same row)."""
    first = next((k for k, token in enumerate(row) if token.number is not None), len(row))
    return any(is_missing(token.text) for token in row[:first])


def _in_band(line: Line, top: float, bottom: float) -> bool:
    """Whether the line's middle lies from `top` to `bottom` (the eye block's band, `_label_rows`)."""
    return top <= (line.bbox[1] + line.bbox[3]) / 2 <= bottom


def _beginning_with(line: Line, label: str, value: Word) -> Line:
    """The line from its word `value` on, after a word `label` in the place of the words before it."""
    start = line.words.index(value)
    before = line.words[:start] or (value,)
    return Line((Word(label, union_bbox([w.bbox for w in before])), *line.words[start:]))


def _labelled_fields(lines: list[Line], *, with_value: bool = True) -> set[str]:
    """Labels found anywhere in a word (glued to a unit before, `DK1:`, or a value after, `AL:23,41`) with a value
    (or, `with_value=False`, printed at all)."""
    kinds = (VALUE, LONE_DIGIT, LOST) if with_value else (VALUE, LONE_DIGIT, LOST, NULL, "")
    return {name for fields, kind in _label_readings(lines) if kind in kinds for name in fields}


def _label_readings(lines: list[Line]) -> list[LabelReading]:
    """Every label found anywhere in a word, with what OCR read after it (`VALUE`, `LONE_DIGIT`, `LOST`, `NULL` or
    "")."""
    return [reading for line in lines for reading in _line_label_readings(tuple([w.text for w in line.words]))]


@functools.lru_cache(maxsize=16384)
def _line_label_readings(words: tuple[str, ...]) -> tuple[LabelReading, ...]:
    """`_label_readings` of one line, by its words' texts (a printout's lines repeat from page to page)."""
    found: list[LabelReading] = []
    texts = _spelled_texts(words)
    for index, text in enumerate(texts):
        after, then = (texts[index + k] if index + k < len(texts) else "" for k in (1, 2))
        for match in _LABEL.finditer(text):
            value, following = (text[match.end() :], after) if text[match.end() :] else (after, then)
            lost = not text[match.end() :] and is_other_label(after)  # `P: Ix: +0,3 mm`: P's value lost
            found.append((FIELDS_OF_LABEL[match.group(0)], LOST if lost else reading_kind(value, following)))
    return tuple(found)


def _spelled(line: Line) -> list[str]:
    """The line's words as the label vocabulary spells them, a colon OCR set apart rejoined, nulls OCR garbled
    read as `---`."""
    return _spelled_texts([w.text for w in line.words])


def _spelled_texts(words: Sequence[str]) -> list[str]:
    """`_spelled` of a line's words' texts."""
    rejoined = [text for text in colons_rejoined(list(words)) if text is not None]
    return [text for text in garbled_nulls([vocabulary_label(label_spelling(t)) for t in rejoined]) if text is not None]


def in_vocabulary(tokens: list[Token]) -> list[Token]:
    """The tokens with labels whose case OCR changed (`WTw:`) spelled as the label vocabulary does, a colon OCR set
    apart joined to its label (`SE : 42,59 D`, `SE :44,26D`), an `@` glued to a unit set apart (`41,72D@`), and a null
    `---` OCR read as a digit and dashes (`9 ==`) as the null. A label one letter off (`vocabulary_label`) stays as
    read where its value shows another unit than its field's (`_unit_belies`): the row's place may name it."""
    tokens = marks_set_apart(tokens)  # `SE :44,26D`, `41,72D@ 54°`
    rejoined = colons_rejoined(colons_read_as_glyphs(tokens))  # `SE : 42,59 D`, `ΔK 2 -2,35 D`
    kept = [Token(text, t.word) for t, text in zip(tokens, rejoined, strict=True) if text is not None]
    readings = [_vocabulary_reading(t.text) for t in kept]
    labels = [
        t.text if fuzzy and _unit_belies(kept, k, label) else label
        for k, (t, (label, fuzzy)) in enumerate(zip(kept, readings, strict=True))
    ]
    texts = garbled_nulls(labels)
    return in_printed_form([Token(text, t.word) for t, text in zip(kept, texts, strict=True) if text is not None])


def marks_set_apart(tokens: list[Token]) -> list[Token]:
    """The tokens with a label's colon OCR glued to the value after it (`SE :44,26D`; `:43,32D @ 71°`, the label lost
    and its colon kept), or a K's `@` glued to its value's unit (`41,72D@ 54°`), set apart: the colon, the value and
    its unit as a word of their own would give them, the `@`."""
    out: list[Token] = []
    for token in tokens:
        colon, at = _COLON_GLUED.match(token.text), _AT_GLUED.match(token.text)
        if not (colon or at):
            out.append(token)
            continue
        value = token.text[1:] if colon else token.text[:-1]
        split = [Token(t.text, token.word) for t in tokens_of([Word(value, token.word.bbox)])]
        out += [Token(":", token.word), *marks_set_apart(split)] if colon else [*split, Token("@", token.word)]
    return out


def colons_read_as_glyphs(tokens: list[Token]) -> list[str]:
    """The tokens' texts with a label's colon OCR read as a glyph of its own, narrow and doubted, between the label and
    its value (`ΔK 2 -2,35 D`: a photo's colon read `2` at 0.15, a third of a glyph wide, held-out seed 261) as `:`. A
    digit is as wide as the label's letters; a value is one number."""
    texts = [t.text for t in tokens]
    for k in range(1, len(tokens) - 1):
        label, glyph, value = tokens[k - 1 : k + 2]
        if (
            len(glyph.text) == 1
            and glyph.word.confidence < COLON_CONFIDENCE
            and glyph.word is not label.word
            and not label.text.endswith(":")
            and _is_labelled(label.text + ":")
            and value.number is not None
            and _glyph_width(glyph.word) < COLON_WIDTH_SHARE * _glyph_width(label.word)
        ):
            texts[k] = ":"
    return texts


def _glyph_width(word: Word) -> float:
    """A word's width per character (a share of the page's width)."""
    return (word.bbox[2] - word.bbox[0]) / max(len(word.text), 1)


def colons_rejoined(texts: list[str]) -> list[str | None]:
    """The texts with a colon OCR set apart from its label (`SE : 42,59 D`) joined to it again (the colon None)."""
    out: list[str | None] = list(texts)
    for index in range(1, len(texts)):
        before = out[index - 1]
        if texts[index] == ":" and before is not None and not before.endswith(":") and _is_labelled(before + ":"):
            out[index - 1], out[index] = before + ":", None
    return out


def _label_rows(page: Page) -> tuple[float, float]:
    """Where the eye values begin and end on the page, in both halves of a calculation page whatever OCR lost of one
    half's labels: from the top of the first line holding a measurement label (the header's `CVD: 12,00 mm` is above
    it) to one row below the last one (a last row whose labels OCR lost is still in; the footer is not). A row whose
    eye label OCR lost still shows its SD or offsets (`: 23,73 mm  sD: 20 um`): only value rows print those."""
    labelled = [line.bbox for line in page.lines if holds_label(line) or _holds_row_label(line)]
    if not labelled:
        return 1.01, 1.01
    rows = [top for _, top, _, _ in labelled]
    pitch = max((b - a for a, b in itertools.pairwise(rows)), default=0.0)
    return rows[0], max(bottom for *_, bottom in labelled) + min(pitch, _MAX_ROW_PITCH)


def _holds_row_label(line: Line) -> bool:
    """Whether the line prints a label only the eye value rows print: an SD (`SD:`) or a centre offset (`Ix:`)."""
    return any(vocabulary_label(label_spelling(w.text)).upper() in _ROW_ONLY_LABELS for w in line.words)


def is_other_label(token: str) -> bool:
    """A label, as OCR reads it, that names no eye value (`Ix:`, `ix:`, `ity:`, `So:` for `SD:`, `LS:`): the numbers
    after it are its own, never those of an eye label before it whose value OCR lost."""
    text = vocabulary_label(token)
    return (
        len(text) >= _MIN_LABEL_CHARS
        and text.endswith(":")
        and any(c.isalpha() for c in text)
        and text not in FIELDS_OF_LABEL
    )


def is_vocabulary(token: str) -> bool:
    """A label of this printout (`AL:`, `TSE:`, `ΔK:`) or of its SDs and offsets (`SD:`, `Ix:`)."""
    text = vocabulary_label(token)
    return text in FIELDS_OF_LABEL or text.upper() in _OTHER_LABELS


def _is_field_label(token: str) -> bool:
    """A label of this printout's eye values (`AL:`, `TSE:`, `ΔK:`), as OCR may spell it (`WTw:`)."""
    return vocabulary_label(token) in FIELDS_OF_LABEL


def holds_status_label(line: Line) -> bool:
    """Whether a line of a calculation page's status block prints a label each eye's copy repeats: a measurement
    label, the lens status `LS:`, the refraction `Ref:` or the target (OCR may lose all of one copy's measurement
    labels, and the copies' offset then pairs values, not labels)."""
    return holds_label(line) or any(w.text in _STATUS_LABELS or TARGET_LABEL.match(w.text) for w in line.words)


def holds_label(line: Line) -> bool:
    """Whether a measurement label (`AL:`, `K1:`, `ΔTK:` ...) is printed on the line."""
    return any(_is_labelled(w.text) for w in line.words)


@functools.lru_cache(maxsize=65536)
def _is_labelled(word: str) -> bool:
    return _LABEL.search(vocabulary_label(label_spelling(word))) is not None


@functools.lru_cache(maxsize=65536)
def vocabulary_label(text: str) -> str:
    """A token that spells a label of this printout but for the case of a letter (`WTw:`), or for one letter OCR
    added, lost or misread (`WITW:`) when no other label is that close (`ISE:`: SE or TSE), as the label; else as is.
    A K label's 1 read as a lower-case i (`TKi;`) is the 1 read as I, l or | (`normalize.canonical_label`). A short
    label with a letter OCR read twice (`Pp:` for `P:`) is that label: no two labels differ by a doubled letter. WTW
    is read by its shape (`_WTW_SHAPE`)."""
    return _vocabulary_reading(text)[0]


@functools.lru_cache(maxsize=65536)
def _vocabulary_reading(text: str) -> tuple[str, bool]:
    """`vocabulary_label`'s label, and whether it is a label one letter off what OCR read (`WITW:`, `ict:`); answered
    once per distinct text (a printout's status lines repeat a few dozen texts thousands of times)."""
    upper = canonical_label(text.upper())
    if _WTW_SHAPE.match(upper):
        return "WTW:", False
    if not text.endswith(":"):
        return text, False
    if upper in _BY_UPPER or upper in _OTHER_LABELS or len(text) < _FUZZY_LENGTH:
        return _BY_UPPER.get(upper, _BY_UPPER.get(_DOUBLED_LETTER.sub(r"\1", upper), text)), False
    near = {label for key, label in _BY_UPPER.items() if one_edit_apart(upper, key)}  # `WIW:`: WTW: and WW: (WTW:)
    labels = [label for label in near if FIELDS_OF_LABEL.get(label)]  # `ISE:` is no TSE: (no field, nothing asked)
    fuzzy = len(labels) == 1 and len(labels[0]) >= _FUZZY_LENGTH  # `xK1:`: K1 or TK1
    return (labels[0], True) if fuzzy else (text, False)


def _unit_belies(tokens: list[Token], index: int, label: str) -> bool:
    """Whether the value after a label is printed in another unit than the label's field (`ict: 4,95 mm`, `LT:` read
    one letter off `CCT:`, whose value is printed in µm: held-out seed 387, a 300-dpi rescan)."""
    printed_unit, after = unit_of_label(label), tokens[index + 1 : index + 3]
    if printed_unit is None or len(after) < 2 or after[0].number is None:
        return False
    unit = UNIT_OF.get(after[1].text.lower())
    return unit is not None and unit != printed_unit


def _tables(words: list[Word], boxes_top: float) -> int:
    """The result tables an eye's half prints, by their headers from the page's first formula caption down: the
    other half's where OCR lost every caption of this half's first row (their tables are still printed)."""
    return sum(_table_headers(line) for line in lines_in(words, y0=boxes_top))


def _table_headers(line: Line) -> int:
    return sum(1 for w in line.words if is_table_unit(w.text)) // 2


def _has_target(line: Line) -> bool:
    tokens = tokens_of(line.words)
    return any(
        TARGET_LABEL.match(t.text) and any(parse_number(n.text) is not None for n in tokens[i + 1 : i + 3])
        for i, t in enumerate(tokens)
    )


def garbled_nulls(texts: list[str]) -> list[str | None]:
    """The texts with a null `---` that OCR read as one digit and a dash or two (`TK1: 9 ==`, `0 =`) as `---` (its
    dashes None): a value is printed with its decimals, never as a lone digit before dashes."""
    out: list[str | None] = list(texts)
    for index, (text, after) in enumerate(itertools.pairwise(texts)):
        if len(text) == 1 and text.isdigit() and _DASHES_AS_READ.match(after) and out[index] is not None:
            out[index], out[index + 1] = "---", None
    return out
