"""What an IOLMaster 500 printout prints, counted per eye block from labels and box lines, apart from the values read.

Counted: a result label followed by a number (`AL:`, `MV:`, summary `K1:`/`K2:`, `SE:`, `ACD:`, the selected
`WTW`/`Pup:`), the header's `n:`, a target in the header of a page with boxes, the lens status beside a composite AL
or a `Status:` label, and per eye the lens boxes — the largest of the `Emme. IOL:` lines, the `IOL (D) REF (D)`
headers and the lens captions. Single readings (`K1: .. D x
175°`, the AL and white-to-white tables) are not results and are not counted.
"""

from __future__ import annotations

import functools
import itertools
import re

from biometry.completeness import Printed, inventory, name_and_id_printed
from biometry.devices.iolmaster500.biometry import is_k_result, readings_table_top, split_words
from biometry.devices.iolmaster500.boxes import emmetropia_words
from biometry.devices.iolmaster500.columns import columns
from biometry.devices.iolmaster500.iol import TABLE_UNIT, has_boxes, target_of
from biometry.devices.layout import lines_in
from biometry.devices.measurements import tokens_of
from biometry.document import Document, Line, Word
from biometry.extract.refiners import DOUBT
from biometry.lens_catalogue import catalogue_name
from biometry.models import EyeSide
from biometry.normalize import canonical, is_missing, parse_number

# Printed label -> the Eye fields a value after it fills (a summary K line also prints its radius and axis).
FIELDS_OF_LABEL: dict[str, tuple[str, ...]] = {
    "AL:": ("axial_length_mm",),
    "MV:": ("k1_d", "k2_d"),
    "K1:": ("k1_d", "k1_radius_mm", "k1_axis_deg"),
    "K2:": ("k2_d", "k2_radius_mm", "k2_axis_deg"),
    "SE:": ("mean_k_d",),
    "ACD:": ("acd_mm",),
    "WTW:": ("wtw_mm",),
    "Pup:": ("pupil_mm",),
}
# Results printed as a pair: a block that prints the one prints the other (its label).
PRINTED_PAIRS = (("wtw_mm", "Pup:"), ("pupil_mm", "WTW:"), ("k1_radius_mm", "K2:"), ("k2_radius_mm", "K1:"))
# Sections whose eye block prints these results whenever it prints a number at all: counted from the section, so a
# result line OCR garbled past its label (`3.23 a fa "a3` for `ACD: 3.22 mm`) is still printed, never omitted.
# `Comp. AL:` whose value OCR set on a line of its own (a rescan: `Comp. AL: mm (SNR =` under `24.61 64.3)`) too.
# Titles as a photo's OCR garbles them too (`Keratome ‘er values`, `Anterior chamk depth values`).
_SECTION_FIELDS = ((re.compile(r"anterior\s*cham|chamber\s*depth", re.IGNORECASE), ("acd_mm",)),
                   (re.compile(r"kerato", re.IGNORECASE), ("k1_d", "k2_d")),
                   (re.compile(r"axial\s*length", re.IGNORECASE), ("axial_length_mm",)))  # fmt: skip
# `Axial length values`, `White-to-white values`, ...; specks OCR read after the title (`values l a,`) aside
_SECTION_TITLE = re.compile(r"\bvalues(?:\s+\S{1,2})*\s*$", re.IGNORECASE)
_WTW_LINE = re.compile(r"^W\S{1,4}\s*[:=]\s*\d{1,2}[.,]\d\s*mm")  # `WTW : 11.6 mm` whatever OCR makes of `WTW`
# An axial length with its signal-to-noise ratio (`AL: 25.49 mm (SNR = 1.8)`, `Comp. AL:` alike) whatever OCR made
# of its label (a rescan: `: 25.49 mm (SNR = 1.8)`): nothing else prints `(SNR =`.
_AL_LINE = re.compile(r"[\d?]\s*mm\s*\(\s*SNR\s*=", re.IGNORECASE)  # `?`: a length its readings contradict
# The summary's `R / SE: 7.83 mm / 43.14 D` with a number, whatever OCR made of its colon and spaces (`R/ SE 7.83
# mm/43.14D` on a photo, held-out seed 195: the label split, the mean K unread and not counted, an accepted omission)
_SE_LINE = re.compile(r"\bR\s*/\s*SE\b.*\d[.,]\d", re.IGNORECASE)
# The lens status (`Phakic`) is printed in the block of every eye whose composite AL is printed with its SNR: above
# `Comp. AL:` on the measurement page, as `Status: Phakic` under an IOL page's summary (the AL graph pages print
# `AL:` and `SNR:` on lines of their own, and no status).
_STATUS_LABEL = re.compile(r"^Stat\S{0,3}\s*:", re.IGNORECASE)
MIN_MODEL_CODE = 5  # characters of the shortest model code a caption ends with (`ZCB00`)
_MODEL_CODE = re.compile(r"^[A-Z][A-Z0-9]*\d[A-Z0-9]*$")  # capitals and digits, a digit among them: `SA60AT`


def printed(document: Document) -> Printed:
    """Per eye: the labelled results, the lens boxes, and whether a target is printed."""
    fields: dict[EyeSide, set[str]] = {"OD": set(), "OS": set()}
    boxes: dict[EyeSide, int] = {"OD": 0, "OS": 0}
    targets: set[EyeSide] = set()
    for page in document.pages:
        tables_top = readings_table_top(page.lines)
        for column in columns(page):
            lines = [Line(tuple(split_words(line.words))) for line in lines_in(column.words, y1=tables_top)]
            fields[column.side] |= _with_index(_labelled_fields(lines) | _section_fields(page.lines, column.words))
            fields[column.side] |= _lens_status(lines)
            count = _boxes(lines_in(column.words))
            boxes[column.side] += count
            if count and has_boxes(page) and target_of(page) is not None:
                targets.add(column.side)
    # Every page's header box prints `Examination date:` and the date, so a date OCR split (`03/3 1/2023`) or lost,
    # label and all (a photo's page pass lost the whole header box once), is printed and unread (review), not absent.
    # It prints `ID:` too, its value typed or blank (`name_and_id_printed`).
    return inventory(document, fields, boxes, targets, exam_date=True, patient_fields=name_and_id_printed(document))


def _with_index(found: set[str]) -> set[str]:
    """A page that prints an eye's K results (the measurement page, the IOL pages) prints the keratometric index in
    its header (`n: 1.3375`), also where OCR lost all of it (a photo's `Examination date: 05/08/2023 _ aa`)."""
    return found | {"keratometric_index"} if found & {"k1_d", "k2_d"} else found


def _lens_status(lines: list[Line]) -> set[str]:
    """`lens_status` where the block prints it: beside its composite AL with the SNR, or after a `Status:` label,
    whatever OCR made of the status word (`Pha MELGR ic` for `Phakic` on a photo: printed, unread, review)."""
    texts = [canonical(line.text) for line in lines]
    printed = any(_AL_LINE.search(text) or _STATUS_LABEL.match(text) for text in texts)
    return {"lens_status"} if printed else set()


def _labelled_fields(lines: list[Line]) -> set[str]:
    found = _labelled_results(lines)
    labels = {t.text for line in lines for t in tokens_of(line.words)}
    for field, label in PRINTED_PAIRS:  # the selected WTW and pupil, the summary's K1 and K2: a line of a pair
        if field in found and label not in labels:  # that OCR lost or garbled past its label is still printed
            found.update(FIELDS_OF_LABEL[label])
    return found


def _labelled_results(lines: list[Line]) -> set[str]:
    found: set[str] = set()
    for line in lines:
        if _WTW_LINE.match(canonical(line.text)):
            found.add("wtw_mm")  # counted from the line's shape too: OCR spells `WTW` many ways
        if _AL_LINE.search(canonical(line.text)):
            found.add("axial_length_mm")
        if _SE_LINE.search(canonical(line.text)):
            found.add("mean_k_d")
        tokens = tokens_of(line.words)
        for label, after in itertools.pairwise(tokens):
            if label.text in ("K1:", "K2:") and not is_k_result(line.text):
                continue  # a single reading of the measurement page, not a result
            if label.text in FIELDS_OF_LABEL and _prints_value(label.text, after.text):
                found.update(FIELDS_OF_LABEL[label.text])
    return found


def _prints_value(label: str, text: str) -> bool:
    """A number after a result label, or the `?` a refiner put where its readings contradict (`length_cells`); after
    `MV:` also digits OCR garbled past a number (`MV: 43-10/43.27 D`: both means are printed), never the `--` of a
    value not measured."""
    if is_missing(text):
        return False
    doubted = text == DOUBT
    return doubted or parse_number(text) is not None or (label == "MV:" and any(c.isdigit() for c in text))


def _section_fields(page_lines: list[Line], words: list[Word]) -> set[str]:
    """The results of the sections in which this eye block prints a number."""
    titles = sorted(line.words[0].bbox[1] for line in page_lines if _SECTION_TITLE.search(canonical(line.text)))
    found: set[str] = set()
    for line in page_lines:
        section = next((f for pattern, f in _SECTION_FIELDS if pattern.search(line.text)), None)
        if section is None or not _SECTION_TITLE.search(canonical(line.text)):
            continue
        top = line.words[0].bbox[3]
        bottom = next((y for y in titles if y > top), 1.0)
        inside = [w for w in words if top < w.y_center < bottom]
        if any(parse_number(w.text.strip("[]|()")) is not None for w in inside) and not _result_missing(inside):
            found.update(section)
    return found


def _result_missing(words: list[Word]) -> bool:
    """True when the block prints its result as not measured (`MV: --`): its other numbers (`SD: 0.00 mm`) are no
    result."""
    tokens = tokens_of(split_words(words))
    return any(label.text in FIELDS_OF_LABEL and is_missing(after.text) for label, after in itertools.pairwise(tokens))


def _boxes(lines: list[Line]) -> int:
    """The lens boxes of an eye block: `Emme. IOL:` lines, table headers (two `(D)` each, `(D}` as OCR may close
    one) or lens captions (`Opt A118.7SA60AT`: a catalogue model ends the word), whichever is more. A box whose
    table and constants the page pass lost whole still shows its caption (a 200-dpi rescan of the real page 5)."""
    emmetropia = sum(len(emmetropia_words(line.words)) for line in lines)
    headers = sum(sum(1 for w in line.words if TABLE_UNIT.search(w.text)) // 2 for line in lines)
    captions = sum(1 for line in lines for w in line.words if _ends_with_model(w.text))
    return max(emmetropia, headers, captions)


@functools.lru_cache(maxsize=4096)
def _ends_with_model(text: str) -> bool:
    """True for a word that ends with a catalogue lens model code (`A118.7SA60AT`, `MTA3U0`, `SN6OWF` as OCR reads
    it): letters and digits, at least MIN_MODEL_CODE long."""
    return any(
        _MODEL_CODE.match(text[start:]) and catalogue_name(text[start:]) is not None
        for start in range(len(text) - MIN_MODEL_CODE + 1)
    )
