"""IOLMaster 500 measurements of one eye block: results, not the single readings printed around them.

Results: the composite `Comp. AL: 23.41 mm (SNR = 122.6)` (or `AL:` on the AL and IOL pages), the keratometer mean
`MV: 42.51/43.77 D`, the summary `K1: 42.51 D / 7.94 mm @ 175°` and `R / SE: 7.83 mm / 43.14 D`, `ACD:`, and the
selected `WTW : 11.6 mm` / `Pup: 6.0 mm` of the white-to-white page. Single readings are not results: the AL/SNR
table, the three `K1: 42.51 D x 175°` sets (`x`, not `@`), and the white-to-white table of the measurement page
(under `White-to-white values`, or a WTW printed more than once in a block).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import defaultdict
from dataclasses import replace

from biometry.devices.collect import EyeCollector
from biometry.devices.header import lens_status
from biometry.devices.iolmaster500.garbled_axes import GarbledAxes, garbled_axis
from biometry.devices.layout import lines_in
from biometry.devices.measurements import Reading, Token, read_labels, tokens_of
from biometry.document import Document, Line, Word
from biometry.models import EyeSide
from biometry.normalize import canonical, decimals, is_missing
from biometry.rules import K_TOLERANCE_D, RANGES

LABELS: dict[str, str] = {
    "AL:": "axial_length_mm",
    "ACD:": "acd_mm",
    "WTW:": "wtw_mm",
    "Pup:": "pupil_mm",
    "K1:": "k1",
    "K2:": "k2",
    "MV:": "mean_values",
    "SE:": "mean_k_d",
    "Cyl.:": "cyl",
    "Cyl:": "cyl",
    "CyL:": "cyl",
}
LABEL_SET = frozenset(LABELS)
_LABEL_BY_CASE = {label.upper(): label for label in LABELS}  # OCR mixes the case of labels (`Mv:`)
_LABEL_BY_CASE |= {"NV:": "MV:", "HV:": "MV:", "NVS": "MV:"}  # bold Courier `MV:` as OCR reads it (`NVs`: its colon
# read as an s; no such label is printed)
_SPECK_BEFORE_COLON = re.compile(r"[;,.']+:$")
# `K1:`/`K2:` with a bracket OCR glued inside (`K]1: 44.00 D / 7.67 mm @ 171°`, a frame's Times summary line): the
# digit tells the meridian (`Kl:` for `K1:` is `normalize.canonical_label`'s)
_K_LABEL = re.compile(r"^K[\]\[|)}]([1lI2])[:;]$")
# `K]:`, `K:`: a K label without its meridian's digit; `Kt:`, `Kf:`: the serif 1 read as a letter no label prints
_K_LABEL_DIGIT_LOST = re.compile(r"^K[\]\[|)}tf!]?[:;]$")
_EYE_LABEL = re.compile(r"^[O0][DS]$")  # the block's `OD` / `OS` read on the summary's first line (the IOL pages)
_SPLIT_AT = re.compile(r"[/@]")
RULE_GLYPHS = "\\|/([{‘’'`\"“”"  # a box rule (or a speck read as a quote: `‘MV:`, `"ACD:`) glued to a label's front
SELECTED_ONLY = frozenset({"wtw_mm", "pupil_mm"})  # printed as a readings table and once as the selected value
WTW_SPELLING = re.compile(r"^W[TIl1wr]{0,2}[Ww]{1,2}$")  # `WTW`; OCR: `WIW`, `WIw`, `WIWw`, `WTIW`, `Ww`
SNR_BORDERLINE = 2.0
POINT_DIGITS = {"acd_mm": 3, "axial_length_mm": 4}  # the digits of a length printed `d.dd` / `dd.dd` mm
K_RADIUS_MAX_MM = 15.0  # a keratometry number below this is a radius, above it a power
CYL_TOLERANCE_D = 0.03
_MINUS_ZERO_AS_DIGIT = re.compile(r"^[1-9](\.\d{2})D?$")  # `6.10`: a minus glued to a 0, read as one digit
_CYL_POINT_LOST = re.compile(r"^-?0(\d{2})D?$")  # `037D`, `-048`: a cylinder `-0.37 D` read without its point
_SNR = re.compile(r"SNR\s*=?\s*(\d{1,3}[.,]\d)\s*(!)?")
# The result K lines print `D / mm @ axis`; the single readings of the measurement page `D x axis` with no `@` or `/`.
K_RESULT_FORM = re.compile(r"[@/]")
# Only the single readings print `D x` (a reading whose axis OCR read with a slash, `K1: 44.35 Dx 1/0 7.61 mm`, is no
# result line for that slash)
_K_READING_FORM = re.compile(r"\dD\s?x\b|\bD\s?x\b")
# ... and their axis before their radius (`K1: 42.45 D x 175°  7.95 mm`; the result line prints the radius first): a
# reading whose `x` OCR read as `@` (`D @ ‘175" 7.95 mm`, a 200-dpi rescan, held-out seed 299) or whose `x` and axis
# as a slash and digits (`K2: 43.83 Dox /385° 7.70 mm`, a photo, held-out seed 350) is no result line either
_AXIS_BEFORE_RADIUS = re.compile(r"(?:@|\d°)[^/:]*\d[.,]\d{2}\s*mm")
# `White-to-white values`, matched without spaces: OCR splits the title (`White-to-w hite`) and misreads letters in it.
_READINGS_TITLE = re.compile(r"White.*values|to-?w\S{0,4}values|White-?to-?w", re.IGNORECASE)
# The measurement page's own results, printed above its white-to-white readings table (`Comp. AL:`, `MV:` in the
# case OCR read it, a rule glyph glued to the front); the white-to-white page, whose WTW and pupil are the selected
# ones, prints neither, nor do the IOL pages.
_MEASUREMENT_RESULT = re.compile(r"^[\\|/(\[{]?(?:MV:|Mv:|NV:|Comp\.)")
_WTW_OR_PUPIL = re.compile(r"^[\\|/(\[{]?(?:W[TIl1wr]{0,2}[Ww]|Pup:)")
_ACD_TITLE = re.compile(r"(?:anterior\s*cham|chamber\s*depth).*values", re.IGNORECASE)  # `Anterior chamk depth`
_SECTION_TITLE = re.compile(r"\bvalues\s*$", re.IGNORECASE)
ACD_RANGE_MM = (1.5, 6.0)
AL_RANGE_MM = (14.0, 40.0)  # the composite and its readings (`_al_readings`)
_SNR_OPENING = re.compile(r"^\(\s*SNR", re.IGNORECASE)  # `(SNR` after an axial length's unit
# the header's `n:` (keratometric index), also as OCR reads it: `ni:`, `nm:`, `ni` (its colon lost; the value must
# still be an index, 1.3-1.4)
_INDEX_LABEL = re.compile(r"^n[il1|mr]?:?$")
_INDEX_POINT_LOST = re.compile(r"^1\d{4}$")  # `n: 13375` for `1.3375`: the index prints four decimals
_INDEX_PRINTED = re.compile(r"^1\.3\d{3}$")
_INDEX_LABEL_GARBLED = re.compile(r"^[a-z]?n[a-z]?:?$")  # `fn:`, `ne`, `ny`: a letter more than `n:`
_INDEX_LABEL_MANGLED = re.compile(r"^\D{1,4}$")  # `fi?)`: `n:` read as other glyphs, no digit among them
_RADIUS_POINT_LOST = re.compile(r"^[5-9]\d\d$")  # `745` for a corneal radius printed `7.45`
_POWER_POINT_LOST = re.compile(r"^[3-5]\d{3}$")  # `4245` for a K printed `42.45 D`
# `R/SE: 8.22 mm/ (41.09 D`: a speck read as a bracket or rule glyph before a power behind a slash (a scan); the power
# prints `dd.dd`, so the glyph holds no digit of it (grounding reads the word so too)
_SPECK_BEFORE_POWER = re.compile(r"^[(\[{|]([3-6]\d\.\d{2})$")
# `mm/43.14.D` (a phone photo): a speck read as a point between a power printed `dd.dd` and its unit
_SPECK_BEFORE_UNIT = re.compile(r"^([3-6]\d\.\d{2})[.,]D$")
TWO_LINES_TALL = 2.0  # a word this many times as tall as its line's confident reads spans two lines of type
SURE_READ = 0.9  # OCR confidence of a read that sets its line's height
_PRINTED_FORM = re.compile(r"[^\W\d_]|\d[.,]\d|\d°")  # a letter, a decimal value or an axis
DEFAULT_INDEX = 1.3375  # the keratometric index the validator assumes where none is read
MIN_ACD_READINGS = 3
# the white-to-white measurements the measurement page prints per eye: the check needs them all (a partly read table
# proves nothing: the real report's OD `Pup: 6.0` reading sits on a line whose label OCR set apart)
WTW_MEASUREMENTS = 3
SAME_READING = 0.005  # mm: one decimal printed
SelectedReadings = defaultdict[tuple[EyeSide, str], list[float]]  # (eye, wtw_mm or pupil_mm): its readings


@dataclasses.dataclass
class DeferredChecks:
    """What is checked once every page is read: the white-to-white readings behind each selected value, and each
    eye's printed cylinders (against K1/K2 and the K1 axis as all the pages give them)."""

    selected: SelectedReadings = dataclasses.field(default_factory=lambda: defaultdict(list))
    cylinders: list[tuple[EyeSide, Reading]] = dataclasses.field(default_factory=list)
    k_results: list[tuple[EyeSide, str, Reading, int]] = dataclasses.field(default_factory=list)  # summary K lines
    unread_lengths: list[tuple[EyeSide, str, str]] = dataclasses.field(default_factory=list)  # eye, field, as read
    garbled_axes: GarbledAxes = dataclasses.field(default_factory=list)  # K result axes OCR read with letters


def read_biometry(
    lines: list[Line],
    side: EyeSide,
    page: int,
    collector: EyeCollector,
    tables_top: float,
    checks: DeferredChecks,
) -> None:
    """Every labelled result of one eye block into the collector, with the lens status.

    `tables_top`: where the page's white-to-white readings table starts (below it WTW and pupil are readings, kept in
    `checks` for `check_selected_among_readings`, as the `Cyl.:` lines are for `check_cylinders`).
    """
    collector.saw(side)
    lines = k1_by_place([Line(tuple(split_words(_of_the_line(line.words)))) for line in lines])
    tables = _readings_start(lines, tables_top)
    single: dict[str, list[float]] = {"k1": [], "k2": []}
    for index, line in enumerate(lines):
        tokens = tokens_of(line.words)
        for reading in read_labels(tokens, LABEL_SET):
            field = LABELS[reading.label]
            if field == "mean_values":
                reading = printed_pair(reading, tokens)
            if field in single and not (reading.missing or _k_result(line)):
                single[field] += _single_power(reading)
                continue
            if field in single and reading.axis is None and not reading.missing:
                axis = garbled_axis(tokens, reading.label)
                checks.garbled_axes += [(side, field, axis, page)] if axis is not None else []
            if _deferred(reading, field, side, page, checks, readings_table=index >= tables):
                continue
            _store(reading, field, side, page, collector)
            if field == "axial_length_mm" and reading.value is not None:
                _check_al(reading.value, line, lines[index + 1 :], side, collector)
        unlabelled = _unlabelled_al(tokens)
        if unlabelled is not None:
            collector.set_number(side, "axial_length_mm", unlabelled, page)
            _check_al(unlabelled, line, lines[index + 1 :], side, collector)
    _check_mean_k(single, side, collector)
    status = lens_status(" ".join(line.text for line in lines))
    if status:
        collector.set_text(side, "lens_status", status)


def _deferred(
    reading: Reading, field: str, side: EyeSide, page: int, checks: DeferredChecks, *, readings_table: bool
) -> bool:
    """Keep what is read once every page is: K results (by the index the header prints), cylinders (against K1/K2),
    WTW and pupil readings of the white-to-white table (behind the selected ones). True when kept."""
    if field in ("k1", "k2"):
        checks.k_results.append((side, field, reading, page))
    elif field == "cyl":
        checks.cylinders.append((side, reading))
    elif field in SELECTED_ONLY and readings_table:
        if reading.value is not None and reading.value.number is not None:
            checks.selected[side, field].append(reading.value.number)
    elif field in POINT_DIGITS and reading.value is not None and not reading.missing:
        token = _point_restored(reading.value, field)
        if decimals(token.text) == 2:  # a length as printed: stored by `_store`
            return False
        checks.unread_lengths.append((side, field, token.text))
    else:
        return False
    return True


def check_unread_lengths(unread: list[tuple[EyeSide, str, str]], collector: EyeCollector) -> None:
    """A length read with other decimals than the device prints (`ACD: 3 3.73 mm` on a phone photo: `3`; a rescan's
    `3` for 3.38) is a speck or a split, never a value: it goes to review (`length_unreadable`) unless another page's
    copy of it was read as printed (the measurement page and every IOL page print each eye's AL and ACD; copies that
    were read are compared with each other), as a K copy that reads as no power does (`store_k_results`)."""
    for side, field, text in dict.fromkeys(unread):
        if collector.value(side, field) is None:
            message = f"{side} {field} is read as `{text}`, not with the two decimals the device prints."
            collector.issue("length_unreadable", message, side=side, field=field)


def check_selected_among_readings(wtw_readings: SelectedReadings, collector: EyeCollector) -> None:
    """The white-to-white page's selected WTW and pupil are one of the measurements the measurement page prints (the
    real report: the third of three, OD 11.6 mm / 6.0 mm), so a selected value that none of its eye's readings shows
    is a misread of one or the other (a generated frame's `Pup: 5.8 mm` read `5.3`): review."""
    for (side, field), readings in wtw_readings.items():
        selected = collector.value(side, field)
        if len(readings) != WTW_MEASUREMENTS or not isinstance(selected, float):
            continue
        if all(abs(selected - reading) > SAME_READING for reading in readings):
            collector.issue(
                "wtw_readings_mismatch",
                f"{side} {field} {selected} is not one of the measurements printed ({sorted(readings)}).",
                side=side,
                field=field,
            )


def _single_power(reading: Reading) -> list[float]:
    """The power of one keratometer reading (`K2: 43.89 D x 82°`) as printed, two decimals and a power a cornea can
    have; [] when not read so (`83.77.` for 43.77, a photo's Courier 4 read as 8, held-out seed 232: no reading of a
    cornea, and no check of the mean)."""
    token = reading.value
    if token is None or token.number is None or decimals(token.text) != 2:
        return []
    low, high = RANGES["k1_d"]
    return [token.number] if low <= token.number <= high else []


def _check_mean_k(single: dict[str, list[float]], side: EyeSide, collector: EyeCollector) -> None:
    """`MV:` is the middle of the keratometer readings printed under it (the real report), so it lies within them
    (`MV: 43.32/43.59` read for `43.89` beside three readings of 43.89 is a misread); else review."""
    for meridian, readings in single.items():
        mean = collector.value(side, f"{meridian}_d")
        if len(readings) < 2 or not isinstance(mean, float):
            continue
        if not min(readings) - 0.005 <= mean <= max(readings) + 0.005:
            collector.issue(
                "k_readings_mismatch",
                f"{side} {meridian.upper()} {mean} D lies outside its readings ({min(readings)}..{max(readings)} D).",
                side=side,
                field=f"{meridian}_d",
            )


def _unlabelled_al(tokens: list[Token]) -> Token | None:
    """The length of an `AL: 23.11 mm (SNR = 1.9)` line whose label OCR lost (a photo: `: 23.11 mm (SNR = 1.9)`):
    nothing else the device prints has a length followed by `(SNR =` (the readings print `23.44 mm  13.5`), and the
    inventory counts that line as a printed AL (`printed._AL_LINE`). Taken only as printed, two decimals within the
    range of axial lengths, and only where the line has no AL label (else the label's own reading stands); None
    otherwise."""
    if any(token.text == "AL:" for token in tokens):
        return None
    for value, unit, snr in zip(tokens, tokens[1:], tokens[2:], strict=False):
        number = value.number
        printed = number is not None and decimals(value.text) == 2 and AL_RANGE_MM[0] < number < AL_RANGE_MM[1]
        if printed and unit.text == "mm" and _SNR_OPENING.match(snr.text):
            return value
    return None


def read_unlabelled_acd(
    page_lines: list[Line], words: list[Word], side: EyeSide, page: int, collector: EyeCollector
) -> None:
    """The ACD result of the measurement page's `Anterior chamber depth values` section whose label OCR garbled past
    the vocabulary (`lee 3.21 om` for `ACD: 3.21 mm`, beside a rule): the section's first line in the eye block holds
    one length, and it must lie within the single readings printed under it (`3.20 mm 3.21 mm ...`), else nothing."""
    lines = _section_lines(page_lines, words, _ACD_TITLE)
    if len(lines) < 2 or any(t.text == "ACD:" for t in tokens_of(split_words(lines[0].words))):
        return
    values = [t for t in tokens_of(lines[0].words) if _acd_like(t)]
    readings = [t.number for t in tokens_of(lines[1].words) if _acd_like(t) and t.number is not None]
    if len(values) != 1 or len(readings) < MIN_ACD_READINGS or values[0].number is None:
        return
    if min(readings) <= values[0].number <= max(readings):
        collector.set_number(side, "acd_mm", values[0], page)


def _section_lines(page_lines: list[Line], words: list[Word], title: re.Pattern[str]) -> list[Line]:
    """The lines of an eye block's words under a section title, down to the next section title."""
    tops = [ln.bbox[3] for ln in page_lines if title.search(canonical(ln.text))]
    if not tops:
        return []
    titles = [ln.bbox[1] for ln in page_lines if _SECTION_TITLE.search(canonical(ln.text)) and ln.bbox[1] > tops[0]]
    bottom = min(titles, default=1.0)
    return lines_in([w for w in words if tops[0] < w.y_center < bottom])


def _acd_like(token: Token) -> bool:
    """A length printed as an ACD is: two decimals, within the range of anterior chambers."""
    number = token.number
    return number is not None and decimals(token.text) == 2 and ACD_RANGE_MM[0] <= number <= ACD_RANGE_MM[1]


def _k_result(line: Line) -> bool:
    """True for a K line in the result form (`K1: 42.51 D / 7.94 mm @ 175°`), not a single `D x 175°` reading."""
    return is_k_result(line.text)


def is_k_result(text: str) -> bool:
    """True for a K line's text in the result form (`@` or `/`), never a single reading's `D x axis`."""
    return bool(K_RESULT_FORM.search(text)) and not (_K_READING_FORM.search(text) or _AXIS_BEFORE_RADIUS.search(text))


def readings_table_top(page_lines: list[Line]) -> float:
    """The top of the page's `White-to-white values` readings table (page fraction; 1.01 when not printed).

    Where OCR garbled the title past reading (`Wh ee Les valuse`, a 150-dpi rescan), the table starts at the first
    WTW or pupil line below the measurement page's results (`Comp. AL:`, `MV:`): its readings table comes last.
    A reading taken for the selected value would stand against the white-to-white page's (`Pup: 5.8` and `6.0`), or
    where that page is not printed be a value the report does not give as a result."""
    titled = next((line.bbox[1] for line in page_lines if _READINGS_TITLE.search(line.text.replace(" ", ""))), None)
    if titled is not None:
        return titled
    results = [line.bbox[3] for line in page_lines if any(_MEASUREMENT_RESULT.match(w.text) for w in line.words)]
    if not results:
        return 1.01
    labelled = [line.bbox[1] for line in page_lines if any(_WTW_OR_PUPIL.match(w.text) for w in line.words)]
    return min((top for top in labelled if top > min(results)), default=1.01)


def _of_the_line(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """A line's words without the fragments OCR boxed across two lines of type: a word that tall holding no letter
    and no value in a printed form (`3.73`, `175°`, `--`). A phone photo read the OS `ACD: 3.73 mm` and the readings row
    under it with a `3` boxed over both, set between label and value (`ACD: 3 3.73 mm`); a value boxed that tall with
    a speck (`(41.09`) stays. The line's height is that of its confident reads; a line without any keeps every word."""
    sure = sorted(w.height for w in words if w.confidence >= SURE_READ)
    if not sure:
        return words
    limit = TWO_LINES_TALL * sure[len(sure) // 2]
    return tuple(w for w in words if w.height <= limit or _PRINTED_FORM.search(w.text) or is_missing(w.text))


def split_words(words: tuple[Word, ...] | list[Word]) -> list[Word]:
    """Words as the labels need them: `43.77D/7.71` -> `43.77D` `/` `7.71`, `mm@91°` -> `mm` `@` `91°` (a rescan
    glued the axis to the unit), `WTW` `:` -> `WTW:`, `/` `(41.09` -> `/` `41.09` (a speck before a power), `R/ SE`
    -> `R` `/` `SE:` (the summary's label with its colon lost).

    The parts keep the whole word's box (its provenance: the printed word holds every number of it).
    """
    parts: list[Word] = []
    for word in words:
        if word.text in (":", "=") and parts and WTW_SPELLING.match(parts[-1].text):  # `WIw = 11.4 mm`: its colon
            parts[-1] = replace(parts[-1], text="WTW:")
            continue
        pieces = [p for p in re.split(r"([/@])", word.text) if p] if _SPLIT_AT.search(word.text) else [word.text]
        for piece in pieces:
            if piece.upper() == "SE" and [part.text.upper() for part in parts[-2:]] == ["R", "/"]:
                parts.append(replace(word, text="SE:"))  # `R/ SE 7.83 mm/43.14D` (a photo): the label's colon lost
                continue
            speck = _SPECK_BEFORE_POWER.match(piece) if parts and parts[-1].text == "/" else None
            unit = _SPECK_BEFORE_UNIT.match(piece)
            if unit:
                parts += [replace(word, text=unit.group(1)), replace(word, text="D")]
                continue
            parts.append(replace(word, text=speck.group(1) if speck else piece))
    return [_label_spelling(w) for w in parts]


def _label_spelling(word: Word) -> Word:
    """A label as OCR spells it, in the label table's spelling: `Mv:` -> `MV:`, `WIW:` -> `WTW:`, and with a box
    rule read as a glyph before it (`\\Pup:`, `|ACD:`)."""
    if WTW_SPELLING.match(word.text.rstrip(":")) and word.text.endswith(":"):
        return replace(word, text="WTW:")
    text = _SPECK_BEFORE_COLON.sub(":", word.text)  # `K1;:`: a speck read before the colon
    k_label = _K_LABEL.match(text)
    if k_label:
        text = "K2:" if k_label.group(1) == "2" else "K1:"
    label = _LABEL_BY_CASE.get(text.upper()) or _LABEL_BY_CASE.get(text.lstrip(RULE_GLYPHS).upper())
    return replace(word, text=label) if label is not None and label != word.text else word


def k1_by_place(lines: list[Line]) -> list[Line]:
    """The lines with a K label whose digit OCR lost or read as a letter (`K]: 44.06 D / 7.66 mm @ 161°`, the frame's
    Times summary; `Kt:` on a rescan) named `K1:` where the next line is the `K2:` result line: the summary prints K1
    right above K2. Only in the result form (`/` or `@`); the power and radius of the line still check each other
    (`store_k_results`)."""
    named = list(lines)
    for index, (line, below) in enumerate(itertools.pairwise(lines)):
        at, under = _label_index(line), below.words[_label_index(below)]
        first = line.words[at]
        if _K_LABEL_DIGIT_LOST.match(first.text) and under.text == "K2:" and _k_result(line) and _k_result(below):
            named[index] = Line((*line.words[:at], replace(first, text="K1:"), *line.words[at + 1 :]))
    return named


def _label_index(line: Line) -> int:
    """Where a line's label stands: first, or after the block's `OD`/`OS` read on its line."""
    return 1 if len(line.words) > 1 and _EYE_LABEL.match(line.words[0].text) else 0


def _readings_start(lines: list[Line], tables_top: float) -> int:
    """The index of the first line of the white-to-white readings table (len(lines) when there is none).

    The table starts under its title, or else at its first WTW line when a block prints WTW more than once.
    """
    titled = next((i for i, line in enumerate(lines) if line.bbox[1] >= tables_top), None)
    if titled is not None:
        return titled
    labelled = [i for i, line in enumerate(lines) if any(t.text == "WTW:" for t in tokens_of(line.words))]
    return labelled[0] if len(labelled) > 1 else len(lines)


def _store(reading: Reading, field: str, side: EyeSide, page: int, collector: EyeCollector) -> None:
    if field == "mean_values":
        _store_mean_values(reading, side, page, collector)
    elif field == "mean_k_d":
        _store_power(reading, field, side, page, collector)
    elif reading.missing:
        collector.flag(side, field, "not_measured")
    elif reading.value is not None:
        _store_length(_point_restored(reading.value, field), field, side, page, collector)


def _store_length(token: Token, field: str, side: EyeSide, page: int, collector: EyeCollector) -> None:
    """A length as printed (`d.dd mm`); one read with other decimals is a speck or a split (`ACD: 3 3.73 mm` on a
    phone photo: the first number is `3`) and goes to review, never into the result."""
    if field in POINT_DIGITS and decimals(token.text) != 2:
        message = f"{side} {field} is read as `{token.text}`, not with the two decimals the device prints."
        collector.issue("length_unreadable", message, side=side, field=field)
        return
    collector.set_number(side, field, token, page)


def _point_restored(token: Token, field: str) -> Token:
    """`ACD: 262 mm` for `2.62 mm`, `AL: 2341 mm` for `23.41`: lengths print two decimals, so digits without their
    point (OCR lost it) have it back before the last two (grounding accepts exactly that reading)."""
    digits = POINT_DIGITS.get(field)
    if digits is None or not token.text.isdigit() or len(token.text) != digits:
        return token
    return Token(f"{token.text[:-2]}.{token.text[-2:]}", token.word)


def apply_index(document: Document, collector: EyeCollector) -> None:
    """The keratometric index `n: 1.3375` in each page header holds for both eyes."""
    for page in document.pages:
        for line in page.lines:
            words = [replace(w, text="n:") if _INDEX_LABEL.match(w.text) else w for w in line.words]
            for label, after in itertools.pairwise(tokens_of(words)):
                value = _index_point_restored(after) if _index_label(label.text, after.text) else None
                if value is not None and value.number is not None and 1.3 < value.number < 1.4:
                    for side in collector.sides():
                        collector.set_number(side, "keratometric_index", value, page.number)


def _index_label(label: str, value: str) -> bool:
    """True for the header's `n:` before the index, also where OCR garbled it with a letter more (`fn: 13375`, `ne
    1.3375`, `ny 1.3375`, rescans) before an index in the printed form (four decimals, or its five digits without
    the point); `on:` before a date is no index (the value decides). A label garbled past that (`fi?) 1.3375`, a
    rescan) counts before the index printed whole, point and four decimals: no other number the pages print has
    that form."""
    if label == "n:":
        return True
    printed = _INDEX_PRINTED.match(value) or _INDEX_POINT_LOST.match(value)
    mangled = _INDEX_LABEL_MANGLED.match(label) and _INDEX_PRINTED.match(value)
    return bool((_INDEX_LABEL_GARBLED.match(label) and printed) or mangled)


def _index_point_restored(token: Token) -> Token:
    """`13375` for `1.3375`: the index's digits without the point OCR lost, with it back after the first digit."""
    return Token(f"{token.text[0]}.{token.text[1:]}", token.word) if _INDEX_POINT_LOST.match(token.text) else token


def _check_al(value: Token, line: Line, below: list[Line], side: EyeSide, collector: EyeCollector) -> None:
    """The composite SNR sets the borderline flag; the composite must lie within its evaluated readings."""
    snr = _SNR.search(canonical(line.text))
    if snr and (snr.group(2) or float(snr.group(1).replace(",", ".")) < SNR_BORDERLINE):
        collector.flag(side, "axial_length_mm", "borderline")
    readings = _al_readings(below)
    composite = value.number
    if len(readings) >= 2 and composite is not None and not min(readings) - 0.005 <= composite <= max(readings) + 0.005:
        collector.issue(
            "al_readings_mismatch",
            f"{side} AL {composite} mm lies outside its single readings ({min(readings)}..{max(readings)} mm).",
            side=side,
            field="axial_length_mm",
        )


def _al_readings(lines: list[Line]) -> list[float]:
    """The evaluated AL readings of the table under the composite (`23.44 mm 12.1`; `--` rows are not evaluated).

    The table ends at a line without a digit (the next section's title) or at a label. Empty when any row cannot be
    read cleanly: a partly read table proves nothing about the composite. A reading with a colon glued on (`23.43:`,
    the real IOLMaster 500's 200-dpi rescan, seed 374; `23283:` for `23.43`, a photo, held-out seed 256) is such a row,
    no label (a label begins with a letter): read as one, it ended the table after a few readings and the composite
    fell outside them (`al_readings_mismatch`).
    """
    if not lines or "SNR" not in lines[0].text:
        return []
    values = []
    for line in lines[1:]:
        tokens = tokens_of(line.words)
        if tokens and tokens[0].text.endswith(":") and tokens[0].text[:1].isdigit():
            return []
        if not tokens or tokens[0].text.endswith(":") or not any(c.isdigit() for c in line.text):
            break
        if is_missing(tokens[0].text):
            continue
        number = tokens[0].number
        if number is None or decimals(tokens[0].text) != 2 or not AL_RANGE_MM[0] < number < AL_RANGE_MM[1]:
            return []
        values.append(number)
    return values


def printed_pair(reading: Reading, tokens: list[Token]) -> Reading:
    """An `MV:` reading with each power only where it stands in the printed form `MV: 42.51/43.77 D`: the first right
    after the label, the second right after the slash. OCR that garbled the first (`MV: 43-10/43.27 D`) must not
    make the second the K1 mean (nor a speck after the unit the K2: `MV: 44.00/45-61 D |5D: 0.00mm`)."""
    at = next((i for i, token in enumerate(tokens) if token.text == reading.label), None)
    if at is None or reading.missing:
        return reading
    first, slash, second = [*tokens[at + 1 : at + 4], None, None, None][:3]
    slashed = slash is not None and slash.text == "/"
    return replace(reading, value=_number_or_none(first), radius=_number_or_none(second) if slashed else None)


def _number_or_none(token: Token | None) -> Token | None:
    return token if token is not None and token.number is not None else None


def _store_mean_values(reading: Reading, side: EyeSide, page: int, collector: EyeCollector) -> None:
    """`MV: 42.51/43.77 D`: the mean K1 and K2 powers of the keratometer readings."""
    if reading.missing:  # `MV: --`: neither meridian was measured
        collector.flag(side, "k1_d", "not_measured")
        collector.flag(side, "k2_d", "not_measured")
        return
    for token, name in ((reading.value, "k1_d"), (reading.radius, "k2_d")):
        if token is not None and token.number is not None and token.number >= K_RADIUS_MAX_MM:
            collector.set_number(side, name, token, page)


def _store_power(reading: Reading, field: str, side: EyeSide, page: int, collector: EyeCollector) -> None:
    """`R / SE: 7.83 mm / 43.14 D`: the power of a radius/power pair, whichever comes first; a power whose point OCR
    lost (`8.16 mm/4140D`) has it back (the validator holds SE against K1/K2)."""
    for token in (reading.value, _power_point_restored(reading.radius)):
        if token is None or token.number is None or not token.text[:1].isdigit() or decimals(token.text) != 2:
            continue  # a radius whose point OCR lost (`811` for `8.11 mm`) is no power
        if token.number >= K_RADIUS_MAX_MM:
            collector.set_number(side, field, token, page)
            return


def store_k_results(results: list[tuple[EyeSide, str, Reading, int]], collector: EyeCollector) -> None:
    """Every K result line (`K1: 42.51 D / 7.94 mm @ 175°`) into the collector, each read against the index the
    header prints (`apply_index` first). A copy that reads as no power and radius (`K2: 45.24 D/ 146 mm`: 7.46 with
    its point lost and its 7 read 1) casts no doubt where another page's copy gives the power, as a copy whose power
    and radius disagree does not; with none, `k_unreadable` (review)."""
    unreadable: list[tuple[EyeSide, str]] = []
    for side, field, reading, page in results:
        index = collector.value(side, "keratometric_index")
        index = index if isinstance(index, float) else DEFAULT_INDEX
        if not _store_keratometry(reading, field, side, page, collector, index):
            unreadable.append((side, field))
    for side, field in dict.fromkeys(unreadable):
        if collector.value(side, f"{field}_d") is None:
            collector.issue(
                "k_unreadable", f"{side} {field} is not a power and a radius.", side=side, field=f"{field}_d"
            )


def _store_keratometry(
    reading: Reading, field: str, side: EyeSide, page: int, collector: EyeCollector, index: float
) -> bool:
    """`K1: 43.25 D / 7.80 mm @ 90°` or `K1: 7.80 mm / 43.27 D @ 90°`: the unit (or the size) tells which is which.

    The line prints one keratometry twice, as a power and as a radius (power = (index - 1) * 1000 / radius): a copy
    whose two disagree (`43.49 D / 7.16 mm` for 7.76, a serif 7 read as 1) holds a misread and gives neither (another
    page's copy, or review for a value printed but unread); a power whose point OCR lost (`4245 D / 7.95 mm`) counts
    only where its radius confirms it, and a radius only as printed, two decimals (`7.561mm`: a speck). False for
    a copy that reads as no power and radius."""
    if reading.missing:
        collector.flag(side, f"{field}_d", "not_measured")
        return True
    first, second = reading.value, reading.radius
    if first is None or first.number is None:
        return True
    mm_first = reading.unit == "mm" or (reading.unit is None and first.number < K_RADIUS_MAX_MM)
    power, radius = (second, first) if mm_first else (_power_point_restored(first), _radius_point_restored(second))
    if _is_radius(power) or _is_radius(radius) is False:
        return False
    agree = _power_fits_radius(power, radius, index)
    restored = power is not first and power is not second
    if agree is not False and not (restored and agree is None):
        _set_k_token(power, f"{field}_d", side, page, collector)
        if radius is not None and decimals(radius.text) == 2:
            _set_k_token(radius, f"{field}_radius_mm", side, page, collector)
    _store_axis(reading, field, side, page, collector)
    return True


def _is_radius(token: Token | None) -> bool | None:
    """Whether a keratometry number is a radius (below 15) or a power; None where not read."""
    return None if token is None or token.number is None else token.number < K_RADIUS_MAX_MM


def _power_fits_radius(power: Token | None, radius: Token | None, index: float) -> bool | None:
    """Whether a line's power and radius are one keratometry (the validator's tolerance); None where one is unread."""
    if power is None or radius is None or power.number is None or not radius.number:
        return None
    return abs(power.number - (index - 1) * 1000 / radius.number) <= K_TOLERANCE_D


def _set_k_token(token: Token | None, name: str, side: EyeSide, page: int, collector: EyeCollector) -> None:
    if token is not None and token.number is not None:
        collector.set_number(side, name, token, page)


def _power_point_restored(token: Token | None) -> Token | None:
    """`K1: 4245 D/ 7.95 mm`: a power whose point OCR lost has it back before its last two digits (powers print
    `dd.dd`; grounding accepts exactly that reading); it counts only where the radius confirms it."""
    if token is None or not _POWER_POINT_LOST.match(token.text):
        return token
    return Token(f"{token.text[:2]}.{token.text[2:]}", token.word)


def _radius_point_restored(token: Token | None) -> Token | None:
    """`K1: 45.30 D/ 745 mm`: a radius after its power whose point OCR lost has it back after its first digit (radii
    print `d.dd`; grounding accepts exactly that reading, and the validator holds it against the power)."""
    if token is None or not _RADIUS_POINT_LOST.match(token.text):
        return token
    return Token(f"{token.text[0]}.{token.text[1:]}", token.word)


def _store_axis(reading: Reading, field: str, side: EyeSide, page: int, collector: EyeCollector) -> None:
    if reading.axis is None or reading.axis.number is None:
        return
    if 0 <= reading.axis.number <= 180:
        collector.set_number(side, f"{field}_axis_deg", reading.axis, page, as_int=True)
    else:
        collector.issue("out_of_range", f"{side} {field} axis {reading.axis.text} is not 0..180.", side=side)


def check_cylinders(cylinders: list[tuple[EyeSide, Reading]], collector: EyeCollector) -> None:
    """Each eye's printed cylinders against its K1/K2 and K1 axis as read from every page: one copy OCR garbled
    (`Cyl.: 6.00 D` for 0.00, one page of two) casts no doubt on them where another copy agrees (the K values are
    one per eye: copies that differ are conflicts of their own); none agreeing sends the document to review."""
    for side in ("OD", "OS"):
        readings = [reading for eye, reading in cylinders if eye == side]
        verdicts = [_cylinder_agrees(reading, side, collector) for reading in readings]
        if False in verdicts and True not in verdicts:
            _cylinder_mismatch(readings[verdicts.index(False)], side, collector)


def _cylinder_mismatch(reading: Reading, side: EyeSide, collector: EyeCollector) -> None:
    """The `cylinder_mismatch` issue for a cylinder that disagrees with K1/K2 (`_cylinder_agrees`)."""
    k1, k2 = collector.value(side, "k1_d"), collector.value(side, "k2_d")
    cylinder, axis = reading.value.number if reading.value else None, reading.axis.number if reading.axis else None
    collector.issue(
        "cylinder_mismatch",
        f"{side} Cyl. {cylinder} D @ {axis} disagrees with K1/K2 ({k1}/{k2} D).",
        side=side,
        field="k1_axis_deg",
    )


def _minus_zero_restored(text: str, size: float) -> float | None:
    """`Cyl.: 6.10D` for `-0.10D`: the serif minus glued to the 0 read as one digit (as a Haigis `-0.111` reads
    `6.111`, `4.111`), taken as `-0.10` only where that is the cylinder's size K2 - K1; None otherwise."""
    match = _MINUS_ZERO_AS_DIGIT.match(text)
    if match is None or abs(float(match.group(1)) - size) > CYL_TOLERANCE_D:
        return None
    return -float(match.group(1))


def _point_lost_restored(text: str, size: float) -> float | None:
    """`Cyl.: 037D` for `-0.37 D`: the minus and the point lost (a device frame), or the point alone (`-048 D`, a
    rescan), taken as `-0.37` only where that is the cylinder's size K2 - K1 (the device prints minus cylinders:
    `Cyl.: -1.26 D @ 175°`); None otherwise."""
    match = _CYL_POINT_LOST.match(text)
    if match is None or abs(float(f"0.{match.group(1)}") - size) > CYL_TOLERANCE_D:
        return None
    return -float(f"0.{match.group(1)}")


def _cylinder_agrees(reading: Reading, side: EyeSide, collector: EyeCollector) -> bool | None:
    """Minus cylinder sits at the K1 (flat) axis, plus cylinder at the K2 axis; its size is K2 - K1. None where the
    cylinder or K1/K2 were not read."""
    k1, k2 = collector.value(side, "k1_d"), collector.value(side, "k2_d")
    if reading.value is None or reading.value.number is None or not isinstance(k1, float) or not isinstance(k2, float):
        return None
    restored = _minus_zero_restored(reading.value.text, k2 - k1)
    restored = _point_lost_restored(reading.value.text, k2 - k1) if restored is None else restored
    cylinder = reading.value.number if restored is None else restored
    axis = reading.axis.number if reading.axis else None
    expected_axis = collector.value(side, "k1_axis_deg" if cylinder < 0 else "k2_axis_deg")
    size_ok = abs(abs(cylinder) - (k2 - k1)) <= CYL_TOLERANCE_D
    # A minus OCR lost (`Cyl.: 0.52 D @ 179°` for `-0.52 D`): unsigned at the K1 axis is still the minus cylinder.
    unsigned_minus = reading.value.text[:1].isdigit() and axis == collector.value(side, "k1_axis_deg")
    axis_ok = cylinder == 0 or axis is None or axis == expected_axis or unsigned_minus
    return size_ok and axis_ok
