"""IOLMaster 500 IOL pages as the real printout draws them: a summary block per eye, then lens boxes in a 2x2 grid.

The formula page names formula and target in the header and captions each box with its lens (`OptA119.1MA60AC`);
the multi-formula page names the lens in the header (`Lens: OPT 115.54 MTA3U0`) and captions each box with its
formula. A box: caption, constants lines (`A const:  119.10`, `A0 const: -0.705`), `IOL (D)  REF (D)`, seven rows
(the fourth bold), `Emme. IOL: 22.10`. Offsets are from the body's top (198.1 pt on the real formula page).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from biometry.synth.iolmaster500.plan import Box500, Eye500, IolPage500, Plan500, Side, constants_500
from biometry.synth.iolmaster500.sheet import (
    BODY_PT,
    LEFT,
    MID,
    MONO,
    MONO_BOLD,
    MONO_PT,
    RIGHT,
    SERIF,
    SERIF_BOLD,
    HeaderRows,
    Sheet,
    eye_label,
    footer,
    header,
    legend,
    patient_rows,
)

PRINTED_FORMULA = {"SRK/T": "SRK\u00ae/T", "SRK II": "SRK\u00ae II", "Hoffer Q": "HofferQ", "Haigis": "Haigis"}
BOX_COLUMNS: dict[Side, tuple[float, float, float]] = {"OD": (LEFT, 180.1, 306.4), "OS": (308.5, 435.4, RIGHT)}
LABEL_BOX: dict[Side, tuple[float, float]] = {"OD": (LEFT, 116.5), "OS": (500.0, RIGHT)}
SUMMARY_COLON: dict[Side, tuple[float, float]] = {"OD": (168.0, 138.2), "OS": (360.8, 394.2)}  # K lines, ACD lines
SUMMARY_ROWS = (12.4, 24.1, 36.1, 47.9, 59.6, 71.6, 83.4, 107.2)
BOX_TOP = {True: 120.5, False: 155.8}  # below the body's top: formula page, multi-formula page
CAPTION_PT = {True: 41.4, False: 15.7}  # box top to the caption's rule: formula page, multi-formula page
TABLE_PT = 92.0  # the table header and seven rows
TAIL_PT = {True: 12.1, False: 10.5}  # `Emme.` rule to the box's bottom
CONSTANT_PT = 11.5
ROW_PT = 11.3
MISSING = "--"


def draw_iol_page(sheet: Sheet, plan: Plan500, page: IolPage500) -> None:
    """One IOL page: header, summary per eye, the boxes, the legend."""
    target = ("Target ref.:", "plano" if plan.target_d == 0 else f"{plan.target_d:+.2f} D")
    if page.formula is not None:
        formula = ("Formula:", PRINTED_FORMULA[page.formula])
        head = HeaderRows(patient_rows(plan, surgeon=True), [formula, target, ("n:", "1.3375")], warning=True)
    else:
        lens = page.lens.caption if page.lens is not None else ""
        head = HeaderRows(patient_rows(plan, age=True, surgeon=True, lens=lens), [target, ("n:", "1.3375")], True)
    top = header(sheet, plan, head)
    rows = _box_rows(page, top + BOX_TOP[page.formula is not None])
    for side, eye in plan.eyes.items():
        _summary(sheet, side, eye, top)
        for i, box in enumerate(page.boxes.get(side, [])):
            caption = box.lens.caption if page.formula is not None else PRINTED_FORMULA[box.formula]
            _box(sheet, BOX_COLUMNS[side][i % 2 : i % 2 + 2], rows[i // 2], caption, box)
    bottom = rows[-1].bottom
    for y0, y1 in ((top, rows[0].top), *((row.top, row.bottom) for row in rows)):  # a frame per block
        sheet.rect(LEFT, y0, RIGHT, y1)
        for x in (MID - 1.05, MID + 1.05):
            sheet.vline(x, y0, y1)
        if y0 != top:
            for _, middle, _ in BOX_COLUMNS.values():
                sheet.vline(middle, y0, y1)
    legend(sheet, bottom + 8.5)
    footer(sheet, plan)


@dataclass(frozen=True, slots=True)
class BoxRow:
    """One row of lens boxes: its top, caption rule, table header rule and bottom (the rules line up across it)."""

    top: float
    caption_rule: float
    header_rule: float
    bottom: float


def _box_rows(page: IolPage500, top: float) -> list[BoxRow]:
    """The two box rows of a page; a row makes room for the most constants lines of its boxes (Haigis: three)."""
    formula_page = page.formula is not None
    rows = []
    for r in (0, 1):
        boxes = [box for side_boxes in page.boxes.values() for box in side_boxes[2 * r : 2 * r + 2]]
        lines = max((len(constants_lines(box)) for box in boxes), default=1)
        caption_rule = top + CAPTION_PT[formula_page]
        header_rule = caption_rule + CONSTANT_PT * lines + 0.9
        rows.append(BoxRow(top, caption_rule, header_rule, header_rule + TABLE_PT + TAIL_PT[formula_page]))
        top = rows[-1].bottom
    return rows


def _summary(sheet: Sheet, side: Side, eye: Eye500, top: float) -> None:
    """The eye label box and `AL:`, `K1:`, `K2:`, `R / SE:`, `Cyl.:`, `ACD:`, `Refraction:`, `Status:`."""
    x0, x1 = LABEL_BOX[side]
    sheet.rect(x0, top, x1, top + 58.8)
    eye_label(sheet, side, x0, x1, top + 39.4, 13.0)
    k_colon, acd_colon = SUMMARY_COLON[side]
    for (label, value), offset in zip(summary_lines(eye), SUMMARY_ROWS, strict=True):
        colon = k_colon if offset < 60 else acd_colon
        sheet.text(colon, top + offset, label, SERIF, BODY_PT, "right")
        sheet.text(colon + 3.5, top + offset, value, SERIF, BODY_PT)


def summary_lines(eye: Eye500) -> list[tuple[str, str]]:
    """The summary block's labels and values as printed."""
    v, k = eye.values, eye.values.k
    al = MISSING if "axial_length_mm" in eye.missing else f"{v.axial_length_mm:.2f} mm (SNR = {eye.snr:.1f})"
    acd = MISSING if "acd_mm" in eye.missing else f"{v.acd_mm:.2f} mm"
    if "k" in eye.missing:
        ks = [MISSING] * 4
    else:
        radius, se = mean_k(eye)
        ks = [f"{k.k1_d:.2f} D / {k.r1_mm:.2f} mm @ {k.k1_axis_deg}\u00b0",
              f"{k.k2_d:.2f} D / {k.r2_mm:.2f} mm @ {k.k2_axis_deg}\u00b0",
              f"{radius:.2f} mm / {se:.2f} D", f"{k.k1_d - k.k2_d:.2f} D @ {k.k1_axis_deg}\u00b0"]  # fmt: skip
    labels = ("K1:", "K2:", "R / SE:", "Cyl.:")
    return [("AL:", al), *zip(labels, ks, strict=True), ("ACD:", acd),
            ("Refraction:", "0 D 0 D @ 0\u00b0"), ("Status:", "Phakic")]  # fmt: skip


def mean_k(eye: Eye500) -> tuple[float, float]:
    """`R / SE`: the mean radius and the mean of the two powers, rounded half up as the device prints them."""
    k = eye.values.k
    return _half_up((k.r1_mm + k.r2_mm) / 2), _half_up((k.k1_d + k.k2_d) / 2)


def _half_up(value: float) -> float:
    return float(Decimal(repr(round(value, 6))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def constants_lines(box: Box500) -> list[tuple[str, str]]:
    """`A const:  119.10`; Haigis `A0 const:` .. `A2 const:` to three decimals; `pACD const:`."""
    values = constants_500(box)
    if box.formula == "Haigis":
        return [(f"A{i} const:", f"{values[f'a{i}']:.3f}") for i in range(3)]
    if box.formula == "Hoffer Q":
        return [("pACD const:", f"{values['pacd']:.2f}")]
    return [("A const:", f"{values['a_constant']:.2f}")]


def _box(sheet: Sheet, edges: tuple[float, ...], row: BoxRow, caption: str, box: Box500) -> None:
    """One lens box between its column's `edges` in its row: caption, constants, table header, seven rows (the fourth
    bold), emmetropia. Its rules run from column rule to column rule, as on the real frames."""
    x, right = edges
    sheet.text(x + 2.3, row.top + 12.4, caption, SERIF_BOLD, 12.2)
    sheet.hline(x, right, row.caption_rule)
    for i, (label, value) in enumerate(constants_lines(box)):
        sheet.text(x + 1.8, row.caption_rule + 9.6 + CONSTANT_PT * i, label, SERIF, BODY_PT)
        sheet.text(x + 72.5, row.caption_rule + 9.6 + CONSTANT_PT * i, value, SERIF, BODY_PT)
    header_rule = row.header_rule
    sheet.hline(x, right, header_rule)
    sheet.text(x + 14.5, header_rule + 9.4, "IOL (D)", MONO, MONO_PT)
    sheet.text(x + 77.9, header_rule + 9.4, "REF (D)", MONO, MONO_PT)
    table = box.table
    for i, (power, refraction) in enumerate(table.rows):
        font = MONO_BOLD if i == table.selected else MONO
        y = header_rule + 20.7 + ROW_PT * i
        sheet.text(x + 42.1, y, f"{power:.1f}", font, MONO_PT, "right")
        sheet.text(x + 110.0, y, f"{refraction:.{table.decimals}f}", font, MONO_PT, "right")
    sheet.hline(x, right, header_rule + TABLE_PT)
    sheet.text(x + 2.3, header_rule + TABLE_PT + 7.7, f"Emme. IOL: {table.emmetropia_power_d:.2f}", MONO, MONO_PT)
    sheet.hline(x, right, row.bottom)
