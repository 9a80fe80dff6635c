"""ZEISS IOLMaster 500 printouts (software V.7.x): MMT overview and IOL pages, OD column left, OS column right.

Layout facts from report-formats.md: Courier on US Letter, OD column x≈54-313 pt and OS column x≈316-576 pt, footer
`IOLMaster(R) Advanced Technology V.7.7`; composite `AL: 23.45 mm (SNR = 12.3)` over an AL/SNR readings table (SNR
below 2 is borderline; a reading below 1.6 prints `--`); `K1: 43.25 D / 7.80 mm @ 90°` (D or mm first), `Cyl.:`
(minus at the K1 axis, plus at the K2 axis); ACD includes the cornea; no LT, no CCT. IOL pages: one formula, up to
four lens boxes per eye (model, manufacturer, constants, `IOL (D)  REF (D)`, a bold row, `Emme. IOL: 21.34`).
Samples: the synthetic generator `biometry.synth.iolmaster500` (no real sample in the repository yet).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from biometry import formulas
from biometry.devices.collect import EyeCollector
from biometry.devices.header import find_exam_date, find_patient, lens_status
from biometry.devices.layout import Region, lines_in
from biometry.devices.measurements import Reading, Token, read_labels, tokens_of
from biometry.document import Document, Line, Page, Word
from biometry.grounding import provenance_of
from biometry.models import (
    BiometryResult,
    Device,
    Extraction,
    EyeSide,
    IolCalculation,
    IolRow,
    Issue,
    Provenance,
    Source,
)
from biometry.normalize import canonical, decimals, is_missing

_DEVICE = re.compile(r"[I1l|][O0]L\s?Master", re.IGNORECASE)
_GENERATION = re.compile(r"Advanced\s*Techno|\bV\.\s?[4-7]\.\d", re.IGNORECASE)
_OTHER_MODEL = re.compile(r"[I1l|][O0]L\s?Master\s?700", re.IGNORECASE)
_VERSION = re.compile(r"\bV\.\s?(\d\.\d{1,2})\b")
_SNR = re.compile(r"SNR\s*=?\s*(\d{1,2}[.,]\d)\s*(!)?")
_HEADS: dict[str, tuple[str, ...]] = {"OD": ("OD", "0D"), "OS": ("OS", "0S", "O5", "05")}
_SIDE_WORDS = {"OD": "right", "OS": "left"}
_LEFT_ALIGNED = ("AL:", "K1:", "K2:", "ACD:", "Target")
COLUMN_SPLIT = 314.5 / 612  # between the OD column (x ≤ 313 pt) and the OS column (x ≥ 316 pt) on US Letter
SPLIT_BAND = (0.46, 0.56)  # where the free gap between the columns is searched
SNR_BORDERLINE = 2.0
K_RADIUS_MAX_MM = 15.0  # a keratometry number below this is a radius, above it a power
CYL_TOLERANCE_D = 0.03
LABELS: dict[str, str] = {
    "AL:": "axial_length_mm",
    "ACD:": "acd_mm",
    "WTW:": "wtw_mm",
    "WIW:": "wtw_mm",  # OCR of the Courier `T`
    "K1:": "k1",
    "K2:": "k2",
    "Cyl.:": "cyl",
    "Cyl:": "cyl",
}
LABEL_SET = frozenset(LABELS)
# Constants each formula's box prints, with their printed decimals.
CONSTANTS: dict[str, dict[str, int]] = {
    "Haigis": {"a0": 3, "a1": 3, "a2": 3},
    "Holladay 1": {"sf": 2},
    "SRK/T": {"a_constant": 2},
    "Hoffer Q": {"pacd": 2},
}
_FORMULA_TITLE = re.compile(r"Formula\s*:?\s*(.+)$", re.IGNORECASE)
_TABLE_HEADER = re.compile(r"IOL\s*\(D\).*REF|\(D\).*\(D\)", re.IGNORECASE)
_EMME = re.compile(r"^\s*Em+e", re.IGNORECASE)
BOX_COLUMN_PT = 130.0  # the second lens box of a column starts 133 pt right of the first
OCR_REFRACTION_STEP_SPREAD_D = 0.04
OCR_EMMETROPIA_TOLERANCE_D = 0.05


class IolMaster500:
    """Coordinate-based parser for IOLMaster 500 PDF printouts and their scans."""

    name = "iolmaster500"
    version = "1.0"

    def score(self, document: Document) -> float:
        """1.0 when the IOLMaster footer of the 500 generation is printed (OCR-tolerant), else 0."""
        text = " ".join(canonical(p.text) for p in document.pages)
        if _OTHER_MODEL.search(text) or not _DEVICE.search(text):
            return 0.0
        return 1.0 if _GENERATION.search(text) else 0.0

    def parse(self, document: Document, source: Source) -> BiometryResult:
        collector = EyeCollector()
        iol = _IolReader(inferred=document.text_source != "text-layer")
        for page in document.pages:
            formula = _formula(page, collector)
            for column in _columns(page, collector):
                lines = lines_in(column.words)
                _read_biometry(lines, column.side, page.number, collector)
                if formula is not None:
                    iol.read_column(page, lines, column, formula)
        _apply_index(document, collector)
        iol.check_constants()
        return BiometryResult(
            document_id=document.sha256,
            source=source,
            device=Device(manufacturer="ZEISS", model="IOLMaster 500", software_version=_version(document)),
            exam_date=_iso(document),
            patient=find_patient(canonical(document.pages[0].text)) if document.pages else None,
            eyes=collector.eyes(),
            iol_calculations=iol.calculations,
            status="needs_review",
            extraction=Extraction(
                method="regex",
                parser=f"{self.name}@{self.version}",
                confidence=1.0,
                issues=[*collector.issues, *iol.issues, *_ocr_notes(iol)],
                provenance={**collector.provenance, **iol.provenance},
            ),
        )


@dataclass(frozen=True, slots=True)
class _Column:
    """One eye column of a page: its side, its words below the heads, and its left edge (page fraction)."""

    side: EyeSide
    words: list[Word]
    left: float


def _columns(page: Page, collector: EyeCollector) -> list[_Column]:
    """The eye columns of a page below their heads, each named by its label or else by its position."""
    heads = _heads(page)
    starts = [w for w in page.words if w.text.startswith(_LEFT_ALIGNED)]
    anchors = list(heads.values()) or starts
    if not anchors:
        return []
    top = min(word.bbox[1] for word in anchors) - 0.002
    body = [w for w in page.words if w.y_center > top]
    split = _split(body)
    found: list[_Column] = []
    for region, position in ((Region(0.0, split), "OD"), (Region(split, 1.01), "OS")):
        words = [w for w in body if region.holds(w)]
        labelled = [side for side, word in heads.items() if region.holds(word)]
        if len(labelled) > 1 or (labelled and labelled[0] != position):
            collector.issue("eye_unknown", f"Page {page.number}: the eye labels do not match the column layout.")
            return []
        edges = [w.bbox[0] for w in words if w.text.startswith(_LEFT_ALIGNED)]
        if labelled or edges:
            left = min(edges) if edges else heads[position].bbox[0]  # type: ignore[index]
            found.append(_Column(position, words, left))  # type: ignore[arg-type]
    return found


def _read_biometry(lines: list[Line], side: EyeSide, page: int, collector: EyeCollector) -> None:
    collector.saw(side)
    for index, line in enumerate(lines):
        for reading in read_labels(tokens_of(line.words), LABEL_SET):
            field = LABELS[reading.label]
            if field in ("k1", "k2"):
                _store_keratometry(reading, field, side, page, collector)
            elif field == "cyl":
                _check_cylinder(reading, side, collector)
            else:
                _store_value(reading, field, side, page, collector)
            if field == "axial_length_mm" and reading.value is not None:
                _check_al(reading.value, line, lines[index + 1 :], side, collector)
    status = lens_status(" ".join(line.text for line in lines))
    if status:
        collector.set_text(side, "lens_status", status)


def _store_value(reading: Reading, field: str, side: EyeSide, page: int, collector: EyeCollector) -> None:
    if reading.missing:
        collector.flag(side, field, "not_measured")
    elif reading.value is not None:
        collector.set_number(side, field, reading.value, page)


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
    """The evaluated AL readings of the table under the composite (`23.44  12.1`; `--` rows are not evaluated).

    Empty when any row cannot be read cleanly: a partly read table proves nothing about the composite.
    """
    if not lines or "SNR" not in lines[0].text:
        return []
    values = []
    for line in lines[1:]:
        tokens = tokens_of(line.words)
        if not tokens or tokens[0].text.endswith(":"):
            break
        if is_missing(tokens[0].text):
            continue
        number = tokens[0].number
        if number is None or decimals(tokens[0].text) != 2 or not 14 < number < 40:
            return []
        values.append(number)
    return values


def _store_keratometry(reading: Reading, field: str, side: EyeSide, page: int, collector: EyeCollector) -> None:
    """`K1: 43.25 D / 7.80 mm @ 90°` or `K1: 7.80 mm / 43.27 D @ 90°`: the unit (or the size) tells which is which."""
    if reading.missing:
        collector.flag(side, f"{field}_d", "not_measured")
        return
    first, second = reading.value, reading.radius
    if first is None or first.number is None:
        return
    mm_first = reading.unit == "mm" or (reading.unit is None and first.number < K_RADIUS_MAX_MM)
    power, radius = (second, first) if mm_first else (first, second)
    for token, name, radius_expected in ((power, f"{field}_d", False), (radius, f"{field}_radius_mm", True)):
        if token is None or token.number is None:
            continue
        if (token.number < K_RADIUS_MAX_MM) != radius_expected:
            collector.issue("k_unreadable", f"{side} {field} is not a power and a radius.", side=side, field=name)
            return
        collector.set_number(side, name, token, page)
    _store_axis(reading, field, side, page, collector)


def _store_axis(reading: Reading, field: str, side: EyeSide, page: int, collector: EyeCollector) -> None:
    if reading.axis is None or reading.axis.number is None:
        return
    if 0 <= reading.axis.number <= 180:
        collector.set_number(side, f"{field}_axis_deg", reading.axis, page, as_int=True)
    else:
        collector.issue("out_of_range", f"{side} {field} axis {reading.axis.text} is not 0..180.", side=side)


def _check_cylinder(reading: Reading, side: EyeSide, collector: EyeCollector) -> None:
    """Minus cylinder sits at the K1 (flat) axis, plus cylinder at the K2 axis; its size is K2 - K1."""
    k1, k2 = collector.value(side, "k1_d"), collector.value(side, "k2_d")
    if reading.value is None or reading.value.number is None or not isinstance(k1, float) or not isinstance(k2, float):
        return
    cylinder = reading.value.number
    axis = reading.axis.number if reading.axis else None
    expected_axis = collector.value(side, "k1_axis_deg" if cylinder < 0 else "k2_axis_deg")
    size_ok = abs(abs(cylinder) - (k2 - k1)) <= CYL_TOLERANCE_D
    axis_ok = cylinder == 0 or axis is None or axis == expected_axis
    if not (size_ok and axis_ok):
        collector.issue(
            "cylinder_mismatch",
            f"{side} Cyl. {cylinder} D @ {axis} disagrees with K1/K2 ({k1}/{k2} D).",
            side=side,
            field="k1_axis_deg",
        )


def _apply_index(document: Document, collector: EyeCollector) -> None:
    """The keratometric index `n: 1.3375` in each page header holds for both eyes."""
    for page in document.pages:
        for line in page.lines:
            for reading in read_labels(tokens_of(line.words), frozenset({"n:"})):
                number = reading.value.number if reading.value is not None else None
                if reading.value is not None and number is not None and 1.3 < number < 1.4:
                    for side in collector.sides():
                        collector.set_number(side, "keratometric_index", reading.value, page.number)


def _ocr_notes(iol: _IolReader) -> list[Issue]:
    """What a reviewer should know about IOL tables read by OCR: bold is invisible, O/0 and l/1 look alike."""
    if not (iol.inferred and iol.calculations):
        return []
    return [
        Issue(
            code="selected_row_inferred",
            severity="info",
            message="Bold is not visible to OCR: the highlighted IOL row is the one closest to the target.",
        ),
        Issue(
            code="iol_model_from_ocr",
            severity="info",
            message="Lens model names were read by OCR: O/0 and l/1 may be confused in model codes.",
        ),
    ]


def _version(document: Document) -> str | None:
    match = _VERSION.search(document.text)
    return match.group(1) if match else None


def _iso(document: Document) -> str | None:
    found = find_exam_date(document)
    return found.isoformat() if found is not None else None


def _heads(page: Page) -> dict[EyeSide, Word]:
    """Column heads: `OD right` / `OS left` (OCR-tolerant), the eye label word of each."""
    heads: dict[EyeSide, Word] = {}
    for line in page.lines:
        texts = [w.text.strip(".:") for w in line.words]
        for i, text in enumerate(texts[:-1]):
            for side, spellings in _HEADS.items():
                if text in spellings and texts[i + 1].lower() == _SIDE_WORDS[side]:
                    heads.setdefault(side, line.words[i])  # type: ignore[arg-type]
    return heads


def _split(words: Sequence[Word]) -> float:
    """The middle of the widest strip in the central band that no word crosses; the layout default if none."""
    lo, hi = SPLIT_BAND
    spans = sorted((max(w.bbox[0], lo), min(w.bbox[2], hi)) for w in words if w.bbox[2] > lo and w.bbox[0] < hi)
    best, width, cursor = COLUMN_SPLIT, 0.0, lo
    for x0, x1 in [*spans, (hi, hi)]:
        if x0 - cursor > width:
            best, width = (cursor + x0) / 2, x0 - cursor
        cursor = max(cursor, x1)
    return best


def _formula(page: Page, collector: EyeCollector) -> str | None:
    """The formula an IOL page names in its title (`Formula: SRK(R)/T`); None on other pages."""
    for line in page.lines:
        match = _FORMULA_TITLE.search(canonical(line.text))
        if match:
            name = formulas.formula_name(match.group(1))
            if name is not None:
                return name
            collector.issue("formula_unknown", f"Page {page.number}: the formula `{match.group(1)}` is not known.")
            return None
    return None


@dataclass(slots=True)
class _Box:
    """One lens box as read: the lines above its table, its row lines and its emmetropia line."""

    head: list[Line]
    rows: list[Line] = field(default_factory=list)
    emmetropia: Line | None = None


class _IolReader:
    """Reads the lens boxes of IOL pages into calculations, with provenance and the issues found on the way."""

    def __init__(self, *, inferred: bool) -> None:
        self.inferred = inferred
        self.calculations: list[IolCalculation] = []
        self.provenance: dict[str, Provenance] = {}
        self.issues: list[Issue] = []
        self._page_of: dict[int, int] = {}

    def read_column(self, page: Page, lines: list[Line], column: _Column, formula: str) -> None:
        """Every box of one eye column: two box columns side by side, boxes top to bottom."""
        target = _target(lines)
        top = max((ln.bbox[3] for ln in lines if _labelled(ln)), default=0.0)
        area = [w for w in column.words if w.y_center > top]
        split = column.left + BOX_COLUMN_PT / page.width_pt
        boxes = [box for region in (Region(0.0, split), Region(split, 1.01)) for box in _boxes(lines_in(area, region))]
        for box in boxes:
            self._add(page.number, column.side, formula, box, target)
        printed = sum(1 for line in lines_in(area) for w in line.words if _EMME.search(w.text))
        if printed != sum(1 for box in boxes if box.emmetropia is not None):
            message = f"Page {page.number}: {printed} lens boxes are printed, {len(boxes)} could be read."
            self.issues.append(_error("iol_box_unreadable", message, column.side, None))

    def _add(self, page: int, side: EyeSide, formula: str, box: _Box, target: Token | None) -> None:
        prefix = f"iol_calculations[{len(self.calculations)}]"
        where = f"{side} {formula} box {len(self.calculations) + 1}"
        problems: list[str] = []
        records: dict[str, Token] = {}
        model = box.head[0].text if box.head else ""
        manufacturer = box.head[1].text if len(box.head) > 1 else None
        constants = _constants(box.head[2:], formula, problems)
        records |= {f"constants.{k}": t for k, t in constants.items()}
        rows = _rows(box.rows, problems)
        for i, (power, refraction, _) in enumerate(rows):
            records |= {f"rows[{i}].iol_power_d": power, f"rows[{i}].refraction_d": refraction}
        emmetropia = _emmetropia(box.emmetropia, problems)
        if emmetropia is not None:
            records["emmetropia_power_d"] = emmetropia
        if target is not None:
            records["target_refraction_d"] = target
        calculation = IolCalculation(
            eye=side,
            formula=formula,
            iol_model=model,
            iol_manufacturer=manufacturer,
            constants={k: t.number for k, t in constants.items() if t.number is not None},
            target_refraction_d=target.number if target is not None else None,
            rows=_iol_rows(rows, target, self.inferred),
            emmetropia_power_d=emmetropia.number if emmetropia is not None else None,
        )
        if self.inferred:
            problems += _ocr_consistency(calculation)
        if len(box.head) < 3:
            problems.append("its lens and constants lines are not readable")
        self.calculations.append(calculation)
        self.provenance |= {f"{prefix}.{key}": provenance_of(page, t.word) for key, t in records.items()}
        for problem in problems:
            self.issues.append(_error("iol_box_unreadable", f"{where}: {problem}.", side, prefix))

    def check_constants(self) -> None:
        """The same lens and formula prints the same constants in every box (both eyes, every page)."""
        seen: dict[tuple[str, str, str], float] = {}
        for calculation in self.calculations:
            for name, value in calculation.constants.items():
                key = (calculation.formula, calculation.iol_model, name)
                if seen.setdefault(key, value) != value:
                    message = f"{calculation.iol_model} {calculation.formula} {name} is printed as two values."
                    self.issues.append(_error("iol_constants_conflict", message, calculation.eye, None))


def _labelled(line: Line) -> bool:
    return any(w.text.startswith(_LEFT_ALIGNED) or w.text.startswith("Cyl") for w in line.words)


def _target(lines: list[Line]) -> Token | None:
    for line in lines:
        tokens = tokens_of(line.words)
        for i, token in enumerate(tokens):
            if token.text.lower().startswith("target"):
                return next((t for t in tokens[i + 1 : i + 4] if t.number is not None), None)
    return None


def _boxes(lines: list[Line]) -> list[_Box]:
    """Split a box column's lines into boxes: head lines, the `IOL (D)  REF (D)` header, rows, `Emme. IOL:`."""
    boxes: list[_Box] = []
    pending: list[Line] = []
    current: _Box | None = None
    for line in lines:
        text = canonical(line.text)
        if _TABLE_HEADER.search(text):
            current = _Box(head=pending)
            pending = []
        elif _EMME.search(text) and current is not None:
            current.emmetropia = line
            boxes.append(current)
            current = None
        elif current is not None:
            current.rows.append(line)
        else:
            pending.append(line)
    if current is not None:
        boxes.append(current)
    return boxes


def _constants(lines: list[Line], formula: str, problems: list[str]) -> dict[str, Token]:
    """`a0: -0.769  a1: 0.234  a2: 0.217`, `SF: 1.84`, `A const: 118.70`, `pACD: 5.64` -> contract keys."""
    found: dict[str, Token] = {}
    label: list[str] = []
    for token in tokens_of(w for line in lines for w in line.words):
        if token.number is not None and label:
            name = re.sub(r"[^a-z0-9]", "", "".join(label).lower())
            found[formulas.constant_name(name)] = token
            label = []
        elif token.number is None:
            label.append(token.text)
    expected = CONSTANTS[formula]
    if set(found) != set(expected) or any(decimals(found[k].text) != expected[k] for k in found):
        problems.append(f"the constants read ({', '.join(sorted(found)) or 'none'}) are not the {formula} ones")
    return found


def _rows(lines: list[Line], problems: list[str]) -> list[tuple[Token, Token, bool]]:
    """Every line under the table header must be one `power  refraction` row."""
    rows = []
    for line in lines:
        tokens = tokens_of(line.words)
        if len(tokens) == 2 and all(t.number is not None for t in tokens):
            rows.append((tokens[0], tokens[1], any(t.word.bold for t in tokens)))
        else:
            problems.append(f"the table line `{line.text}` is not a row")
    if not rows:
        problems.append("no table rows")
    return rows


def _emmetropia(line: Line | None, problems: list[str]) -> Token | None:
    tokens = tokens_of(line.words) if line is not None else []
    found = next((t for t in tokens if t.number is not None), None)
    if found is None:
        problems.append("the emmetropia power is not readable")
    return found


def _iol_rows(rows: list[tuple[Token, Token, bool]], target: Token | None, inferred: bool) -> list[IolRow]:
    """Rows as printed; on OCR (no bold) the selected row is the one closest to the target."""
    built = [IolRow(iol_power_d=p.number or 0.0, refraction_d=r.number or 0.0, selected=b) for p, r, b in rows]
    if inferred and built:
        aim = target.number if target is not None and target.number is not None else 0.0
        best = min(range(len(built)), key=lambda i: abs(built[i].refraction_d - aim))
        built = [row.model_copy(update={"selected": i == best}) for i, row in enumerate(built)]
    return built


def _ocr_consistency(calculation: IolCalculation) -> list[str]:
    """OCR checks a text layer does not need: even refraction steps, emmetropia where the rows cross zero."""
    rows = calculation.rows
    steps = [b.refraction_d - a.refraction_d for a, b in itertools.pairwise(rows)]
    problems = []
    if steps and max(steps) - min(steps) > OCR_REFRACTION_STEP_SPREAD_D:
        problems.append("the refraction steps are uneven (an OCR misread?)")
    emmetropia = calculation.emmetropia_power_d
    if emmetropia is not None and len(rows) >= 2:
        a, b = min(itertools.pairwise(rows), key=lambda pair: abs(pair[0].refraction_d + pair[1].refraction_d))
        if b.refraction_d != a.refraction_d:
            expected = a.iol_power_d + (b.iol_power_d - a.iol_power_d) * (0 - a.refraction_d) / (
                b.refraction_d - a.refraction_d
            )
            if abs(expected - emmetropia) > OCR_EMMETROPIA_TOLERANCE_D:
                problems.append(f"the emmetropia power {emmetropia} does not fit the rows ({expected:.2f})")
    return problems


def _error(code: str, message: str, side: EyeSide | None, field: str | None) -> Issue:
    return Issue(code=code, severity="error", eye=side, field=field, message=message)
