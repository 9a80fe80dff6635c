"""Haag-Streit EyeSuite IOL printouts of the Eyestar 900 and the Lenstar LS 900 (EyeSuite IOL 4.x).

Layout (report-formats.md "Haag-Streit Eyestar 900 / EyeSuite IOL report"; no real sample in the repository): one A4
page, OD in the left half and OS in the right half of a vertical rule, each half headed by a big `OD`/`OS` label and
the lens status, then labelled rows with units in brackets (see eyesuite_values), `(n=1.3375)`, the measurement
line `ES 900 Sep 12, 2024 - 0` (`LS 900` on a Lenstar: it names the device and the exam date), numbered warnings,
and an `IOL calculation` section of lens blocks (see eyesuite_iol). The header's `9/20/24 - 3:10 PM` is the
calculation date, not the exam date. Decimal point and US dates throughout.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime

from biometry import formulas
from biometry.devices.collect import EyeCollector
from biometry.devices.eyesuite_iol import (
    LensBlock,
    caption_words,
    constant_problems,
    read_blocks,
    resolve_signs,
    row_problems,
)
from biometry.devices.eyesuite_values import RowReader, index_token, row_of
from biometry.devices.header import find_patient, lens_status
from biometry.devices.layout import LEFT_HALF, RIGHT_HALF, Region, eye_label, lines_in
from biometry.devices.measurements import Token
from biometry.document import Document, Line, Page, Word
from biometry.grounding import provenance_of
from biometry.models import BiometryResult, Device, Extraction, EyeSide, IolCalculation, IolRow, Issue, Patient, Source
from biometry.normalize import canonical, parse_date, parse_number

MODELS = {"ES": "Eyestar 900", "LS": "Lenstar LS 900"}
_MEASUREMENT = re.compile(r"\b([EL]S)\s?900\s+([A-Z][a-z]{2})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_DEVICE_NAME = re.compile(r"\b(Eyestar|Lenstar)\b", re.IGNORECASE)
_LABEL_HINTS = re.compile(r"\[D/mm|AL\s?\[mm\]|EyeSuite|IOL\s?\[D\]")
_VERSION = re.compile(r"EyeSuite\S*\s+IOL,?\s+V\s?(\d+(?:\.\d+){1,3})")
_IOL_TITLE = re.compile(r"calculation", re.IGNORECASE)
_TARGET = re.compile(r"^target", re.IGNORECASE)
_FOOTER = re.compile(r"EyeSuite|Haag-Streit|Switzerland|Page\s\d", re.IGNORECASE)
_COLUMN_GAP = 0.08  # lens blocks are ~0.23 of the page apart; captions of one column share their left edge
_FIELD_GAP_HEIGHTS = 2.5  # a gap this many word heights wide separates two header fields on one line


class Eyesuite:
    """Coordinate-based parser for EyeSuite IOL reports (text layer or OCR)."""

    name = "eyesuite"
    version = "1.0"

    def score(self, document: Document) -> float:
        """1.0 with the device line and EyeSuite labels, 0.6 with the labels and a device name, else 0."""
        text = canonical(document.text)
        hints = len(_LABEL_HINTS.findall(text))
        if hints >= 2 and _MEASUREMENT.search(text):
            return 1.0
        return 0.6 if hints >= 2 and _DEVICE_NAME.search(text) else 0.0

    def parse(self, document: Document, source: Source) -> BiometryResult:
        collector = EyeCollector()
        calculations: list[tuple[IolCalculation, dict[str, Token], int]] = []
        dates: dict[EyeSide, tuple[str, date | None]] = {}
        for page in document.pages:
            for region in (LEFT_HALF, RIGHT_HALF):
                calculations += _read_half(page, region, collector, dates)
        provenance = dict(collector.provenance)
        for index, (_, tokens, page_number) in enumerate(calculations):
            for key, token in tokens.items():
                provenance[f"iol_calculations[{index}].{key}"] = provenance_of(page_number, token.word)
        return BiometryResult(
            document_id=document.sha256,
            source=source,
            device=Device(
                manufacturer="Haag-Streit", model=_model(dates, collector), software_version=_version(document)
            ),
            exam_date=_exam_date(dates, collector),
            patient=_patient(document),
            eyes=collector.eyes(),
            iol_calculations=[calculation for calculation, _, _ in calculations],
            status="needs_review",
            extraction=Extraction(
                method="regex",
                parser=f"{self.name}@{self.version}",
                confidence=1.0,
                issues=collector.issues,
                provenance=provenance,
            ),
        )


def _read_half(
    page: Page, region: Region, collector: EyeCollector, dates: dict[EyeSide, tuple[str, date | None]]
) -> list[tuple[IolCalculation, dict[str, Token], int]]:
    """One eye's half: its label decides the eye; measurement rows above the IOL section, lens blocks below."""
    words = [w for w in page.words if region.holds(w)]
    label = eye_label(words)
    if label is None:
        if any(row_of(line) for line in lines_in(words)):
            collector.issue("eye_unknown", f"Page {page.number}: measurements in a half without an OD/OS label.")
        return []
    side, label_word = label
    if side in collector.sides():
        collector.issue("eye_repeated", f"{side} is printed in two places.", side=side)
        return []
    collector.saw(side)
    top = label_word.bbox[1] - label_word.height
    lines = lines_in(words, y0=top)
    iol_top = next((ln.bbox[1] for ln in lines if _IOL_TITLE.search(ln.text)), 1.01)
    _read_measurements([ln for ln in lines if ln.bbox[1] < iol_top], side, page.number, collector, dates)
    if iol_top > 1.0:
        return []
    return _read_iol(page, region, side, [w for w in words if w.y_center > iol_top], collector)


def _read_measurements(
    lines: list[Line], side: EyeSide, page: int, collector: EyeCollector, dates: dict[EyeSide, tuple[str, date | None]]
) -> None:
    reader = RowReader(collector, side, page)
    for line in lines:
        row = row_of(line)
        index = index_token(line)
        measured = _MEASUREMENT.search(canonical(line.text))
        if row is not None:
            reader.read(row)
        elif index is not None:
            collector.set_number(side, "keratometric_index", index, page)
        elif measured is not None:
            dates[side] = (measured.group(1), _month_date(measured))
    reader.finish()
    status = lens_status(" ".join(line.text for line in lines[:4]))
    if status:
        collector.set_text(side, "lens_status", status)


def _month_date(match: re.Match[str]) -> date | None:
    try:
        return datetime.strptime(f"{match.group(2)} {match.group(3)} {match.group(4)}", "%b %d %Y").date()
    except ValueError:
        return None


def _read_iol(
    page: Page, region: Region, side: EyeSide, words: list[Word], collector: EyeCollector
) -> list[tuple[IolCalculation, dict[str, Token], int]]:
    lines = lines_in(words)
    target = _target(lines)
    footer = {id(w) for line in lines if _FOOTER.search(line.text) for w in line.words}
    area = [w for w in words if id(w) not in footer and (not lines or w.y_center > _target_bottom(lines))]
    calculations = []
    for column in _columns(caption_words(area), region):
        for block in read_blocks(lines_in(area, column)):
            calculation = _calculation(block, side, target, page.source != "text-layer", collector)
            if calculation is not None:
                calculations.append((calculation, _tokens(block, target), page.number))
    return calculations


def _info(code: str, message: str) -> Issue:
    return Issue(code=code, severity="info", message=message)


def _columns(captions: list[Word], region: Region) -> list[Region]:
    """Block columns: each starts just left of the left edge its formula captions share."""
    edges: list[float] = []
    for x0 in sorted(w.bbox[0] for w in captions):
        if not edges or x0 - edges[-1] > _COLUMN_GAP:
            edges.append(x0)
    bounds = [region.x0, *(x - 0.01 for x in edges[1:]), region.x1]
    return [Region(a, b) for a, b in itertools.pairwise(bounds)]


def _tokens(block: LensBlock, target: Token | None) -> dict[str, Token]:
    """Where each value of a calculation is printed (its provenance)."""
    tokens = {f"constants.{k}": t for k, t in block.constants.items()}
    for i, (power, refraction, _) in enumerate(block.rows):
        tokens[f"rows[{i}].iol_power_d"], tokens[f"rows[{i}].refraction_d"] = power, refraction
    return {**tokens, "target_refraction_d": target} if target is not None else tokens


def _target(lines: list[Line]) -> Token | None:
    for line in lines:
        if _TARGET.match(canonical(line.text)):
            numbers = [w for w in line.words if parse_number(canonical(w.text)) is not None]
            return Token(canonical(numbers[0].text), numbers[0]) if len(numbers) == 1 else None
    return None


def _target_bottom(lines: list[Line]) -> float:
    return next((ln.bbox[3] for ln in lines if _TARGET.match(canonical(ln.text))), lines[0].bbox[3])


def _calculation(
    block: LensBlock, side: EyeSide, target: Token | None, infer: bool, collector: EyeCollector
) -> IolCalculation | None:
    """The block's calculation; None (with an issue where it matters) for a no-lens block or an unreadable one."""
    where = f"{side} lens block {' / '.join(ln.text for ln in block.lens_lines[:1]) or '?'}"
    if block.no_lens:
        collector.issues.append(_info("iol_no_lens_model", f"{where}: `No appropriate lens model found`, skipped."))
        return None
    resolve_signs(block)
    problems = block.problems + row_problems(block.rows) + constant_problems(block.constants)
    missing = formulas.missing_constants(block.formula, block.constants) if infer else []
    problems += [f"constant(s) {', '.join(missing)} not read"] if missing else []
    if block.formula is None or len(block.lens_lines) != 2 or problems:
        details = "; ".join(problems) or "no formula caption or lens lines"
        collector.issue("iol_block_unreadable", f"{where}: {details}.", side=side)
        return None
    rows = [IolRow(iol_power_d=p.number or 0.0, refraction_d=r.number or 0.0, selected=b) for p, r, b in block.rows]
    aim = target.number if target is not None else None
    if infer:
        collector.issues.append(_info("selected_row_inferred", f"{where}: bold is not visible to OCR, closest row."))
        best = min(range(len(rows)), key=lambda i: abs(rows[i].refraction_d - (aim or 0.0)))
        rows = [row.model_copy(update={"selected": i == best}) for i, row in enumerate(rows)]
    return IolCalculation(
        eye=side,
        formula=block.formula,
        iol_model=" ".join(canonical(block.lens_lines[0].text).split()),
        iol_manufacturer=" ".join(canonical(block.lens_lines[1].text).split()),
        constants={k: t.number for k, t in block.constants.items() if t.number is not None},
        target_refraction_d=aim,
        rows=rows,
    )


def _model(dates: dict[EyeSide, tuple[str, date | None]], collector: EyeCollector) -> str:
    codes = {code for code, _ in dates.values()}
    if len(codes) == 1:
        return MODELS[codes.pop()]
    collector.issue("device_model_unknown", "The measurement lines do not name one device (ES 900 / LS 900).")
    return "EyeSuite device"


def _exam_date(dates: dict[EyeSide, tuple[str, date | None]], collector: EyeCollector) -> str | None:
    found = {day for _, day in dates.values()}
    if len(found) == 1 and None not in found:
        return found.pop().isoformat()  # type: ignore[union-attr]
    if len(found) > 1:
        collector.issue("exam_date_unclear", "The eyes carry different or unreadable measurement dates.")
    return None


def _patient(document: Document) -> Patient | None:
    """Name and ID as printed, birth date (US order) as ISO; PHI, never logged."""
    if not document.pages:
        return None
    patient = find_patient(_header_text(document.pages[0]))
    if patient is None or patient.birth_date is None:
        return patient
    born = parse_date(patient.birth_date, day_first=False)
    return patient.model_copy(update={"birth_date": born.isoformat() if born else None})


def _header_text(page: Page) -> str:
    """The page text with wide gaps as line breaks, so `Patient: DOE, JANE   Patient ID: 123` stays two fields."""
    out = []
    for line in page.lines:
        parts = [line.words[0].text]
        for a, b in itertools.pairwise(line.words):
            parts.append("\n" if b.bbox[0] - a.bbox[2] > _FIELD_GAP_HEIGHTS * a.height else " ")
            parts.append(b.text)
        out.append("".join(parts))
    return canonical("\n".join(out))


def _version(document: Document) -> str | None:
    match = _VERSION.search(canonical(document.text))
    return match.group(1) if match else None
