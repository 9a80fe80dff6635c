"""IOLMaster 500 measurement block of one eye column: AL with its SNR readings, K1/K2 either way, Cyl., ACD, WTW."""

from __future__ import annotations

import re

from biometry.devices.collect import EyeCollector
from biometry.devices.header import lens_status
from biometry.devices.measurements import Reading, Token, read_labels, tokens_of
from biometry.document import Document, Line
from biometry.models import EyeSide
from biometry.normalize import canonical, decimals, is_missing

LABELS: dict[str, str] = {
    "AL:": "axial_length_mm",
    "ACD:": "acd_mm",
    "WTW:": "wtw_mm",
    "WIW:": "wtw_mm",  # OCR of the Courier `T`
    "WIw:": "wtw_mm",  # OCR of the Courier `TW` on a realistic scan
    "K1:": "k1",
    "K2:": "k2",
    "Cyl.:": "cyl",
    "Cyl:": "cyl",
}
LABEL_SET = frozenset(LABELS)
SNR_BORDERLINE = 2.0
K_RADIUS_MAX_MM = 15.0  # a keratometry number below this is a radius, above it a power
CYL_TOLERANCE_D = 0.03
_SNR = re.compile(r"SNR\s*=?\s*(\d{1,2}[.,]\d)\s*(!)?")


def read_biometry(lines: list[Line], side: EyeSide, page: int, collector: EyeCollector) -> None:
    """Every labelled value of one eye column into the collector, with the lens status."""
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


def apply_index(document: Document, collector: EyeCollector) -> None:
    """The keratometric index `n: 1.3375` in each page header holds for both eyes."""
    for page in document.pages:
        for line in page.lines:
            for reading in read_labels(tokens_of(line.words), frozenset({"n:"})):
                number = reading.value.number if reading.value is not None else None
                if reading.value is not None and number is not None and 1.3 < number < 1.4:
                    for side in collector.sides():
                        collector.set_number(side, "keratometric_index", reading.value, page.number)


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
