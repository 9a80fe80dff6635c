"""The IOL calculation page: OD left half, OS right half, each a status block, biometry, 2x2 boxes."""

from __future__ import annotations

from dataclasses import replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from biometry.synth.case import Box, Plan, Side
from biometry.synth.draw import Painter
from biometry.synth.fonts import CLAIMS_BOLD
from biometry.synth.iolmaster700.analysis import LABEL_SIZE, VALUE_SIZE, draw_block
from biometry.synth.iolmaster700.box import BoxPainter, draw_box
from biometry.synth.iolmaster700.header import CONTENT_TOP, draw_footer, draw_header
from biometry.synth.iolmaster700.rows import Row, k_rows, length_rows, white_to_white_rows
from biometry.synth.l10n import WORDS, number

HALF_X: dict[Side, float] = {"OD": 26.0, "OS": 302.0}
BOX_W, BOX_H, BOX_GAP = 132.0, 129.0, 6.0
GRID_TOP = CONTENT_TOP + 232  # real printouts: boxes from ~56 % to ~85 % of the page, two rows 135 pt apart
LEADING = 12.2  # biometry lines in the status block
K_COLUMN_X = 150.0  # K1/K2 beside SE/ΔK, clear of SE's `SD: 0,01 D`; a flag after K1's axis ends clear of OS's half
# The biometry's values in 9.5 pt (the real printout's 9.96 pt in a face a little narrower than ours: half a page
# holds SE | K1 side by side) and its columns, as the analysis page's drawn closer.
BIOMETRY_VALUE_SIZE = 9.5
COLUMNS = {"value": 52.0, "unit": 55.0, "axis": 68.0, "flag": 77.0, "sd": 92.0, "sd_value": 131.0, "sd_unit": 134.0,
           "extra": 92.0, "extra2": 150.0}  # fmt: skip


def draw_calc_page(p: BoxPainter, plan: Plan, boxes: dict[Side, list[Box]]) -> None:
    """Both eyes side by side; boxes drawn row by row across the page (OD 1, OD 2, OS 1, OS 2, OD 3 ...)."""
    draw_header(p, plan, WORDS[plan.case.language].iol_calculation)
    for side in boxes:
        _draw_eye_head(p, plan, side)
    for grid_row in (0, 1):
        y = GRID_TOP + grid_row * (BOX_H + BOX_GAP)
        for side, eye_boxes in boxes.items():
            for col in (0, 1):
                x = HALF_X[side] + col * (BOX_W + BOX_GAP)
                draw_box(p, x, y, BOX_W, BOX_H, eye_boxes[2 * grid_row + col], plan.case.decimal, plan.case.language)
    draw_footer(p, plan)
    p.finish()


def _draw_eye_head(p: Painter, plan: Plan, side: Side) -> None:
    words, eye, mark, x = WORDS[plan.case.language], plan.eyes[side], plan.case.decimal, HALF_X[side]
    top = CONTENT_TOP
    p.overprint(x + 20, top + 22, side, 20)
    p.text(x + 110, top + 66, words.eye_status, LABEL_SIZE)
    _labelled(p, x + 4, top + 77, "LS:", words.phakic)
    _labelled(p, x + 130, top + 77, "VS:", words.vitreous)
    _labelled(p, x + 4, top + 89, "Ref:", "---")
    _labelled(p, x + 4, top + 113, f"{words.target}:", f"{number(eye.target_d, 2, mark, True)} D")
    p.text(x + 100, top + 129, words.biometric_values, LABEL_SIZE)
    _draw_biometry(p, plan, x, top + 140, side)


def _labelled(p: Painter, x: float, y: float, label: str, value: str) -> None:
    """A status line's label (8 pt) and its value after it (10 pt), as the real printout's 8.04 and 9.96 pt."""
    p.text(x, y, label, LABEL_SIZE)
    p.text(x + stringWidth(label, CLAIMS_BOLD, LABEL_SIZE) + 4, y, value, VALUE_SIZE)


def _draw_biometry(p: Painter, plan: Plan, x: float, y: float, side: Side) -> None:
    """As the real printout: AL, ACD, LT (with SDs), WTW; then SE | K1, ΔK | K2, TSE | TK1, ΔTK | TK2 side by side."""
    eye, mark, style = plan.eyes[side], plan.case.decimal, plan.style
    cct_free = [row for row in length_rows(eye, style, mark) if row.label != "CCT:"]
    wtw = replace(white_to_white_rows(eye, mark)[0], extras=())
    _block(p, x, y, [*cct_free, wtw])
    se = k_rows(eye, style, mark)[0]  # only SE prints its SD on a calculation page
    _, k1, k2, delta = k_rows(eye, style, mark, with_sd=False)
    tse, tk1, tk2, delta_t = k_rows(eye, style, mark, total=True, with_sd=False)
    if "tk" in eye.missing:
        tse, tk1, tk2, delta_t = (replace(r, value="---", unit="", axis="", sd=None) for r in (tse, tk1, tk2, delta_t))
    top = y + 4 * LEADING
    _block(p, x, top, [se, delta, tse, delta_t])
    _block(p, x + K_COLUMN_X, top, [k1, k2, tk1, tk2])


def _block(p: Painter, x: float, y: float, rows: list[Row]) -> None:
    draw_block(p, x, y, rows, leading=LEADING, columns=COLUMNS, value_size=BIOMETRY_VALUE_SIZE)
