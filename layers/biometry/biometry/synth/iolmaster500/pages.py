"""IOLMaster 500 measurement pages as the real printout draws them: measurement tables, AL graphs, white-to-white.

The measurement page: per half `Axial length values` (graph, `Phakic`, `Comp. AL: 23.41 mm  (SNR = 122.6)`, AL/SNR
readings in two sub-columns), `Keratometer values` (`MV: 42.51/43.77 D`, three `K1/K2/ΔK: .. D x 175°` sets with
their radii in a column of their own), `Anterior chamber depth values` (`ACD:` over five readings) and
`White-to-white values` (three WTW/pupil measurements). Then one AL graph page per eye and the white-to-white page
(OD block above OS, the photo left, the selected measurement right).
"""

from __future__ import annotations

from biometry.synth.fonts import REGULAR as DELTA_FONT
from biometry.synth.iolmaster500.plan import Eye500, Plan500, Side
from biometry.synth.iolmaster500.sheet import (
    LEFT,
    MID,
    MONO,
    MONO_BOLD,
    MONO_PITCH_PT,
    MONO_PT,
    RIGHT,
    SANS_BOLD,
    SERIF_BOLD,
    HeaderRows,
    Sheet,
    eye_label,
    footer,
    header,
    legend,
    patient_rows,
)

HALF_LEFT: dict[Side, float] = {"OD": LEFT, "OS": MID + 1.05}
HALF_W = MID - 1.05 - LEFT
SUB_W = 127.7  # a readings table's sub-column; the radii column starts here too
LINE_PT = 11.3  # Courier rows
K_SET_PT = 33.9
ACD_INSET_PT = 5.6  # an ACD reading starts this far right of its cell's rule (real frames: 11 px; never glued to it)
MISSING = "--"
WTW_CELL_PT = 22.7  # one white-to-white measurement's cell on the measurement page
HEAD_PT = 9.1  # the readings' `AL`/`SNR` column heads: Times bold, capitals 12 px high in the real frames
SECTIONS = ((16.3, 230.5), (247.8, 360.8), (377.9, 400.3), (417.5, 485.3))  # below the body's top


def half_right(x: float) -> float:
    """Where the rules of the eye half starting at `x` end: at the double rule (OD) or at the frame (OS)."""
    return MID - 1.05 if x < MID else RIGHT


def draw_measurement_page(sheet: Sheet, plan: Plan500) -> None:
    """Page 1 of the real printout; y offsets are from the body's top (198.1 pt on the real page)."""
    top = header(sheet, plan, HeaderRows(patient_rows(plan), [("n:", "1.3375")], warning=True))
    _title(sheet, "Axial length values", top + 12.0)
    for side, eye in plan.eyes.items():
        _graph(sheet, side, top)
        _al_block(sheet, HALF_LEFT[side], top, eye)
    _k_section(sheet, plan, top)
    _acd_section(sheet, plan, top)
    _wtw_section(sheet, plan, top)
    for (y0, y1), frame_top in zip(SECTIONS, (0.0, 230.5, 360.8, 400.3), strict=True):
        sheet.rect(LEFT, top + frame_top, RIGHT, top + y1)  # a frame per section: the blocks are drawn apart
        sheet.vline(MID - 1.05, top + y0, top + y1)  # the double rule between the eyes stops at the title row
        sheet.vline(MID + 1.05, top + y0, top + y1)
    legend(sheet, top + 494.0)
    footer(sheet, plan)


def _title(sheet: Sheet, title: str, baseline: float) -> None:
    sheet.text(MID, baseline, title, SANS_BOLD, 11.9, "centre")
    sheet.hline(LEFT, RIGHT, baseline + 4.3)


def _graph(sheet: Sheet, side: Side, top: float) -> None:
    """The eye label in its corner and a small A-scan with one peak."""
    label_x = (LEFT, LEFT + 76.0) if side == "OD" else (RIGHT - 76.0, RIGHT)
    eye_label(sheet, side, *label_x, top + 38.5, 24.5)
    x0 = HALF_LEFT[side] + (80.0 if side == "OD" else 4.0)
    sheet.hline(x0, x0 + 140.0, top + 66.8, 0.4)
    sheet.vline(x0 + 50.0, top + 26.0, top + 66.8, 0.8)
    sheet.vline(label_x[1] if side == "OD" else label_x[0], top, top + 77.5)
    sheet.hline(HALF_LEFT[side], half_right(HALF_LEFT[side]), top + 77.5)


def _al_block(sheet: Sheet, x: float, top: float, eye: Eye500) -> None:
    """`Phakic`, the composite AL with its SNR, then the readings in sub-columns of ten."""
    sheet.text(x + 10.5, top + 87.5, "Phakic", MONO, MONO_PT)
    sheet.hline(x, half_right(x), top + 90.9)
    if "axial_length_mm" in eye.missing:
        sheet.text(x + 10.5, top + 100.4, f"Comp. AL: {MISSING}", MONO_BOLD, MONO_PT)
        return
    sheet.text(x + 10.5, top + 100.4, f"Comp. AL: {eye.values.axial_length_mm:.2f} mm", MONO_BOLD, MONO_PT)
    mark = "!" if eye.borderline else ""
    sheet.text(x + HALF_W - 7.0, top + 100.4, f"(SNR = {eye.snr:.1f}{mark})", MONO, MONO_PT, "right")
    sheet.hline(x, half_right(x), top + 104.3)
    for column in (0, 1):
        sheet.text(x + 10.3 + SUB_W * column, top + 113.9, "AL", SERIF_BOLD, HEAD_PT)
        sheet.text(x + 74.6 + SUB_W * column, top + 113.9, "SNR", SERIF_BOLD, HEAD_PT)
    sheet.hline(x, half_right(x), top + 117.7)
    for i, (al_mm, snr) in enumerate(eye.al_readings):
        xx, yy = x + 10.5 + SUB_W * (i // 10), top + 127.1 + LINE_PT * (i % 10)
        sheet.text(xx, yy, f"{al_mm:.2f} mm{'!' if snr < 2.0 else ''}", MONO, MONO_PT)
        sheet.text(xx + 64.8, yy, f"{snr:.1f}", MONO, MONO_PT)
    sheet.vline(x + SUB_W, top + 104.3, top + 230.5)
    sheet.hline(x, half_right(x), top + 230.5)


def _k_section(sheet: Sheet, plan: Plan500, top: float) -> None:
    """`Keratometer values`: the mean values line, then three reading sets with radii in their own column."""
    _title(sheet, "Keratometer values", top + 243.5)
    for side, eye in plan.eyes.items():
        x = HALF_LEFT[side]
        k = eye.values.k
        mean = MISSING if "k" in eye.missing else f"{k.k1_d:.2f}/{k.k2_d:.2f} D"
        sheet.text(x + 3.7, top + 255.7, f"MV: {mean}", MONO_BOLD, MONO_PT)
        sheet.text(x + SUB_W + 6.8, top + 255.7, "SD: 0.00 mm", MONO, MONO_PT)
        sheet.hline(x, half_right(x), top + 258.0)
        if "k" not in eye.missing:
            _k_sets(sheet, x, top + 258.0, eye)
        sheet.vline(x + SUB_W, top + 246.8, top + 360.8)


def _k_sets(sheet: Sheet, x: float, top: float, eye: Eye500) -> None:
    """Three sets of `K1: 42.51 D x 175°` / `K2:` / `ΔK:`, each under a rule."""
    for n, (k1_d, k2_d, axis) in enumerate(eye.k_sets):
        y = top + 9.7 + K_SET_PT * n
        other = axis + 90 if axis <= 90 else axis - 90
        for i, (label, power, angle) in enumerate((("K1:", k1_d, axis), ("K2:", k2_d, other))):
            sheet.text(x + 4.5, y + LINE_PT * i, f"{label} {power:.2f} D x {angle:>3}\u00b0", MONO, MONO_PT)
            sheet.text(x + SUB_W + 6.8, y + LINE_PT * i, f"{337.5 / power:.2f} mm", MONO, MONO_PT)
        sheet.text(x + 3.5, y + 2 * LINE_PT, "\u0394", DELTA_FONT, MONO_PT * 0.9)
        sheet.text(x + 4.5 + MONO_PITCH_PT, y + 2 * LINE_PT, f"K: {k1_d - k2_d:.2f} D x {axis:>3}\u00b0", MONO, MONO_PT)
        sheet.hline(x, half_right(x), top + K_SET_PT * (n + 1))


def _acd_section(sheet: Sheet, plan: Plan500, top: float) -> None:
    """`ACD: 3.38 mm` over its five readings."""
    _title(sheet, "Anterior chamber depth values", top + 373.6)
    for side, eye in plan.eyes.items():
        x = HALF_LEFT[side]
        value = MISSING if "acd_mm" in eye.missing else f"{eye.values.acd_mm:.2f} mm"
        sheet.text(x + 3.7, top + 385.9, f"ACD: {value}", MONO_BOLD, MONO_PT)
        sheet.hline(x, half_right(x), top + 388.3)
        if "acd_mm" not in eye.missing:
            for i, reading in enumerate(eye.acd_readings):
                sheet.text(x + ACD_INSET_PT + HALF_W / 5 * i, top + 397.8, f"{reading:.2f} mm", MONO, MONO_PT)
                sheet.vline(x + HALF_W / 5 * (i + 1), top + 388.3, top + 400.3, 0.5)
        sheet.hline(x, half_right(x), top + 400.3)


def _wtw_section(sheet: Sheet, plan: Plan500, top: float) -> None:
    """Three white-to-white measurements per eye (the last is the selected one)."""
    _title(sheet, "White-to-white values", top + 413.2)
    for side, eye in plan.eyes.items():
        x = HALF_LEFT[side]
        ix, iy, px, py = eye.offsets
        for n, (wtw_mm, pupil_mm) in enumerate(eye.wtw_rows):
            y = top + 425.5 + WTW_CELL_PT * n  # real frames: 44-px cells, two lines 22 px apart, 5 px to the rule
            sheet.text(x + 3.7, y, f"WTW : {wtw_mm:.1f} mm", MONO, MONO_PT)
            sheet.text(x + SUB_W + 6.8, y, f"Pup: {pupil_mm:.1f} mm", MONO, MONO_PT)
            sheet.text(x + 3.7, y + 11.3, f" Ix:{ix:+.1f}mm Iy:{iy:+.1f}mm", MONO, MONO_PT)
            sheet.text(x + SUB_W + 3.0, y + 11.3, f" Px:{px:+.1f}mm Py:{py:+.1f}mm", MONO, MONO_PT)
            sheet.hline(x, half_right(x), y + 13.9)
        sheet.vline(x + SUB_W, top + 416.5, top + 485.3)


def draw_al_page(sheet: Sheet, plan: Plan500, side: Side) -> None:
    """One eye's AL graph page: the composite, its SNR and `Measurement: Composite` beside the eye label."""
    top = header(sheet, plan, HeaderRows(patient_rows(plan), [], warning=False))
    _title(sheet, "Axial length values", top + 12.0)
    eye = plan.eyes[side]
    label_x = (LEFT, LEFT + 76.0) if side == "OD" else (RIGHT - 76.0, RIGHT)
    eye_label(sheet, side, *label_x, top + 38.5, 24.5)
    colon = 214.7 if side == "OD" else 470.0
    al = MISSING if "axial_length_mm" in eye.missing else f"{eye.values.axial_length_mm:.2f} mm"
    for i, (label, value) in enumerate((("AL:", al), ("SNR:", f"{eye.snr:.1f}"), ("Measurement:", "Composite"))):
        sheet.text(colon, top + 40.7 + LINE_PT * i, label, MONO, MONO_PT, "right")
        sheet.text(colon + 9.1, top + 40.7 + LINE_PT * i, value, MONO, MONO_PT)
    sheet.hline(LEFT, RIGHT, top + 88.0)
    sheet.text(MID, top + 107.0, "Multiple peaks", "Times-Roman", 9.0, "centre")
    sheet.hline(LEFT + 12.0, RIGHT - 12.0, top + 290.0, 0.5)
    sheet.vline(LEFT + 14.0 + 140.0, top + 140.0, top + 290.0, 0.8)
    sheet.rect(LEFT, top, RIGHT, top + 298.0)
    legend(sheet, top + 307.0)
    footer(sheet, plan)


def draw_wtw_page(sheet: Sheet, plan: Plan500) -> None:
    """OD block above OS: the (greyed) photo left, the selected WTW and pupil with their offsets right."""
    top = header(sheet, plan, HeaderRows(patient_rows(plan), [], warning=False))
    for n, (side, eye) in enumerate(plan.eyes.items()):
        y0 = top + 275.8 * n
        sheet.rect(LEFT, y0, RIGHT, y0 + 269.6)
        sheet.fill(64.6, y0 + 2.0, 420.9, y0 + 267.6, 0.5)
        eye_label(sheet, side, 435.1, RIGHT, y0 + 39.0, 16.0)
        ix, iy, px, py = eye.offsets
        rows = (f"WTW : {eye.values.wtw_mm:.1f} mm", f" Ix: {ix:+.1f} mm", f" Iy: {iy:+.1f} mm",
                f"Pup: {eye.values.pupil_mm:.1f} mm", f" Px: {px:+.1f} mm", f" Py: {py:+.1f} mm")  # fmt: skip
        for i, row in enumerate(rows):
            sheet.hline(435.1, RIGHT, y0 + 61.0 + 15.8 * i, 0.5)
            sheet.text(437.0, y0 + 71.5 + 15.8 * i, row, MONO, MONO_PT)
        sheet.vline(435.1, y0, y0 + 269.6)
    footer(sheet, plan)
