"""Draws the pages of an EyeSuite IOL 4.12 report as the real Eyestar 900 printout lays them out.

Measured on the real report (A4, points from the top-left): a header with the patient and `Page i of n`, `OD` left and
`OS` right of a vertical rule, per eye the A-scan block (AL, CCT, AD, ACD, LT) beside the anterior-cornea block (K1,
K2, K, +AST, Q), white-to-white beside the posterior cornea, warnings, `Target Refraction`, then lens blocks two a row:
name, manufacturer, `IOL [D]  Eye [D]` (italic, each centred over its column), a grid of five rows from low to high
power (the selected one bold), the formula caption and its constants; a toric lens has a plot beside it. Every page
repeats the biometry.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from biometry.synth.draw import Anchor, Painter
from biometry.synth.eyesuite.plan import Block, EyesuiteEye, EyesuitePlan, Side, constants_line, slots
from biometry.synth.fonts import BOLD, REGULAR
from biometry.synth.values import KERATOMETRIC_INDEX

LEFT, RIGHT, MIDDLE = 57.6, 558.0, 307.0
HALF_X: dict[Side, float] = {"OD": 57.6, "OS": 320.0}
HALF_W = 239.0
EYE_WORDS: dict[Side, str] = {"OD": "right eye", "OS": "left eye"}
ROWS_TOP, ROW_STEP, SIZE = 222.0, 11.2, 8.5  # measurement rows
A_SCAN_LABEL, A_SCAN_VALUE, CORNEA_LABEL, CORNEA_VALUE = 38.0, 65.0, 126.0, 173.0  # x from the half's left edge
BLOCKS_TOP, BLOCK_H, BLOCK_W, NAME_SIZE = 408.0, 139.0, 122.4, 10.5
CELL_X, CELL_W, CELL_H, CELL_SIZE = 8.6, 46.8, 15.9, 10.5
HEADER_SIZE, HEADER_BASELINE = 7.0, 18.5  # the table header, italic: as wide as the real one (its narrower ~8 pt face)
MISSING = "---"


def draw_page(p: Painter, plan: EyesuitePlan, page: int) -> None:
    """One page (0-based): header, both eyes' biometry, this page's lens blocks, footer."""
    _header(p, plan, page)
    p.box(MIDDLE, 176, 0, 591)
    for side, eye in plan.eyes.items():
        x = HALF_X[side]
        _eye_heading(p, side, x)
        _measurements(p, plan, eye, x)
        _target(p, eye, x)
        for block, slot in zip(eye.blocks, slots(eye.blocks), strict=True):
            if slot.page == page:
                _block(p, block, x + BLOCK_W * slot.column, BLOCKS_TOP + BLOCK_H * slot.row)
    _footer(p, plan)
    p.finish()


def _header(p: Painter, plan: EyesuitePlan, page: int) -> None:
    pat = plan.patient
    p.box(LEFT, 100.8, RIGHT - LEFT, 0)
    born = pat.birth_date
    p.text(LEFT, 119, f"{pat.name}, {born.month:02d}/{born.day:02d}/{born.year}", 14)
    p.text(LEFT, 136, f"ID {pat.patient_id}", 11)
    printed = f"{pat.printed_date.month}/{pat.printed_date.day}/{pat.printed_date:%y} - 3:10 PM"
    p.text(RIGHT, 119, f"Calculation ID (CID): {plan.case.seed % 10000:04d}", 10, "right")
    p.text(RIGHT, 131, printed, 10, "right")
    p.text(RIGHT, 143, f"Page {page + 1} of {plan.pages}", 10, "right")


def _eye_heading(p: Painter, side: Side, x: float) -> None:
    """`OD` flush left in its half, `OS` flush right, each with `right eye`/`left eye` and the lens status."""
    anchor: Anchor = "left" if side == "OD" else "right"
    at = x if side == "OD" else RIGHT
    p.text(at, 173, side, 18, anchor)
    p.text(at, 185, EYE_WORDS[side], 10, anchor)
    p.text(at, 196, "Phakic", 8, anchor)


def measurement_rows(plan: EyesuitePlan, eye: EyesuiteEye) -> list[tuple[tuple[str, str, str], tuple[str, str, str]]]:
    """Side-by-side rows: ((label, unit, value) of the A-scan block, (label, unit, value) of the cornea block)."""
    v, k, lenstar = eye.values, eye.values.k, plan.case.model == "lenstar"

    def shown(field: str, text: str) -> str:
        return MISSING if field in eye.missing else text

    r_mean = round((k.r1_mm + k.r2_mm) / 2, 2)
    a_scan = [
        ("AL", "[mm]", f"{v.axial_length_mm:.2f}"),
        ("CCT", "[µm]", f"{v.cct_um}"),
        ("AD", "[mm]", f"{eye.aqueous_depth_mm:.2f}"),
        ("ACD", "[mm]", f"{v.acd_mm:.2f}"),
        ("LT", "[mm]", shown("lens_thickness_mm", f"{v.lens_thickness_mm:.2f}")),
    ]
    cornea = [
        ("K1", "[D/mm/°]", f"{k.k1_d:.2f}/{k.r1_mm:.2f}@ {k.k1_axis_deg}"),
        ("K2", "[D/mm/°]", f"{k.k2_d:.2f}/{k.r2_mm:.2f}@ {k.k2_axis_deg}"),
        ("K", "[D/mm]", f"{k.mean_k_d:.2f}/{r_mean:.2f}"),
        ("AST" if lenstar else "+AST", "[D/°]", f"{k.k2_d - k.k1_d:.2f} @ {k.k2_axis_deg}"),
        ("Q", "", "" if "q" in eye.missing else f"{eye.q:.2f}"),
    ]
    return list(zip(a_scan, cornea, strict=True))


def _measurements(p: Painter, plan: EyesuitePlan, eye: EyesuiteEye, x: float) -> None:
    """The two side-by-side blocks under their headings, then white-to-white, posterior cornea and warnings."""
    exam, device = plan.patient.exam_date, "LS 900" if plan.case.model == "lenstar" else "ES 900"
    _headings(p, x, 211, f"{device} {exam:%b} {exam.day}, {exam.year} - {plan.case.seed % 3}", "Anterior Cornea")
    p.text(x + HALF_W, 211, f"(n={KERATOMETRIC_INDEX})", 5.5, "right")
    for i, (a_scan, cornea) in enumerate(measurement_rows(plan, eye)):
        _row(p, x + A_SCAN_LABEL, x + A_SCAN_VALUE, ROWS_TOP + ROW_STEP * i, a_scan)
        _row(p, x + CORNEA_LABEL, x + CORNEA_VALUE, ROWS_TOP + ROW_STEP * i, cornea)
    lenstar = plan.case.model == "lenstar"
    _headings(p, x, 286, "White-to-White", "" if lenstar else "Posterior Cornea")
    wtw = MISSING if "wtw_mm" in eye.missing else f"{eye.values.wtw_mm:.2f}"
    _row(p, x + A_SCAN_LABEL, x + A_SCAN_VALUE, 297, ("WTW", "[mm]", wtw))
    if lenstar:
        pupil = MISSING if "pupil_mm" in eye.missing else f"{eye.values.pupil_mm:.2f}"
        _row(p, x + A_SCAN_LABEL, x + A_SCAN_VALUE, 308, ("PD", "[mm]", pupil))
    else:
        p.text(x + HALF_W, 286, "(Δpn=-0.04)", 5.5, "right")
        for i, row in enumerate(_posterior_rows(eye)):
            _row(p, x + CORNEA_LABEL, x + CORNEA_VALUE, 297 + ROW_STEP * i, row)
    _headings(p, x, 351, "Warnings:", "")
    for i, text in enumerate(eye.warnings):
        p.text(x + 12, 358 + 9.5 * i, f"{i + 1}: {text}", 5.5)


def _posterior_rows(eye: EyesuiteEye) -> list[tuple[str, str, str]]:
    k1, k2 = eye.simpk
    axis = eye.values.k.k1_axis_deg
    r1, r2 = round(-40 / k1, 2), round(-40 / k2, 2)  # posterior radius from its power: (1.336 - 1.376) / K
    return [
        ("SimPK1", "[D/mm/°]", f"{k1:.2f}/{r1:.2f}@ {axis}"),
        ("SimPK2", "[D/mm/°]", f"{k2:.2f}/{r2:.2f}@ {(axis + 90) % 180}"),
        ("SimPK", "[D/mm]", f"{(k1 + k2) / 2:.2f}/{(r1 + r2) / 2:.2f}"),
        ("P+AST", "[mm/D/°]", f"{k2 - k1:.2f} @ {axis}"),
        ("PQ", "", ""),
    ]


def _headings(p: Painter, x: float, y: float, left: str, middle: str) -> None:
    """A section's small headings over its two blocks, underlined across the half."""
    p.text(x, y, left, 5.5)
    if middle:
        p.text(x + 93, y, middle, 5.5)
    p.box(x, y + 2, HALF_W, 0)


def _row(p: Painter, label_x: float, value_x: float, y: float, row: tuple[str, str, str]) -> None:
    """`AL [mm] 25.25`: the label flush right, its unit and value flush left."""
    label, unit, value = row
    p.text(label_x, y, label, SIZE, "right")
    if unit:
        p.text(label_x + 3, y, unit, SIZE)
    if value:  # the value column, or just after a unit wider than the device font's
        p.text(max(value_x, label_x + 6 + stringWidth(unit, REGULAR, SIZE)), y, value, SIZE)


def _target(p: Painter, eye: EyesuiteEye, x: float) -> None:
    p.real_bold(x, 392, f"Target Refraction: {eye.target_d:.2f}", 10.5)
    p.text(x + HALF_W, 392, "Template: unsaved", 5.5, "right")
    p.box(x, 395, HALF_W, 0)


def _block(p: Painter, block: Block, x: float, y: float) -> None:
    """Name, manufacturer, the framed table (or an empty frame), caption, constants; a toric plot beside it."""
    name = block.lens.model  # a long name is set smaller to fit its column, as the device does
    p.text(x, y, name, min(NAME_SIZE, NAME_SIZE * (BLOCK_W - 8) / stringWidth(name, REGULAR, NAME_SIZE)))
    p.text(x, y + 9, block.lens.manufacturer, 8.5)
    p.text(x, y + 19, "↻", 7)
    p.box(x + CELL_X, y + 12, 0, 100)
    if block.table is not None:
        for column, title in enumerate(("IOL [D]", "Eye [D]")):  # italic, centred over its column, as printed
            centre = x + CELL_X + CELL_W * (column + 0.5)
            p.slanted(centre - stringWidth(title, REGULAR, HEADER_SIZE) / 2, y + HEADER_BASELINE, title, HEADER_SIZE)
        for i, (power, refraction) in enumerate(block.table.rows):
            _table_row(p, x, y + 22 + CELL_H * i, (f"{power:.2f}", f"{refraction:.2f}"), i == block.table.selected)
    if block.toric:
        _centred(p, x + 178, y + 55, "No appropriate lens", 9.5)
        _centred(p, x + 178, y + 68, "model found", 9.5)
    p.text(x + CELL_X + 2, y + 112.6, block.caption, 8.5)
    line = constants_line(block.lens, block.caption)
    if line and block.table is not None:  # Hill-RBF prints none, nor does a box without rows (as the real Eyestar)
        p.text(x + CELL_X + 2, y + 122, line, 5)


def _table_row(p: Painter, x: float, top: float, cells: tuple[str, str], selected: bool) -> None:
    """Two framed cells, numbers flush right; the selected row in bold."""
    for column, text in enumerate(cells):
        left = x + CELL_X + CELL_W * column
        p.box(left, top, CELL_W, CELL_H)
        right = left + CELL_W - 10
        if selected:
            p.real_bold(right - stringWidth(text, BOLD, CELL_SIZE), top + 12, text, CELL_SIZE)
        else:
            p.text(right, top + 12, text, CELL_SIZE, "right")


def _footer(p: Painter, plan: EyesuitePlan) -> None:
    p.box(LEFT, 769, RIGHT - LEFT, 0)
    p.text(LEFT, 776, "EyeSuite", 6)
    p.real_bold(LEFT, 788, "IOL", 12)
    _centred(p, MIDDLE - 9.5, 778, f"EyeSuite™ IOL, V{plan.version}", 10)
    _centred(p, MIDDLE - 9.5, 790, "SID: 000", 10)
    p.real_bold(RIGHT - stringWidth("HAAG-STREIT", BOLD, 10), 780, "HAAG-STREIT", 10)
    p.text(RIGHT, 789, "DIAGNOSTICS", 9, "right")


def _centred(p: Painter, x: float, y: float, text: str, size: float) -> None:
    p.text(x - stringWidth(text, REGULAR, size) / 2, y, text, size)
