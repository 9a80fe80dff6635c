"""The IOL calculation page: OD left half, OS right half, each a status block, biometry, 2x2 boxes."""

from __future__ import annotations

from dataclasses import replace

from biometry.synth.analysis import draw_block
from biometry.synth.case import Box, Plan, Side
from biometry.synth.draw import Painter
from biometry.synth.header import CONTENT_TOP, draw_footer, draw_header
from biometry.synth.l10n import WORDS, number
from biometry.synth.lenses import PRINTED_FORMULA, constants_line
from biometry.synth.rows import k_rows, length_rows, white_to_white_rows

HALF_X: dict[Side, float] = {"OD": 26.0, "OS": 302.0}
BOX_W, BOX_H, BOX_GAP = 132.0, 112.0, 6.0
GRID_TOP = CONTENT_TOP + 110
SIZE = 6.5


def draw_calc_page(p: Painter, plan: Plan, boxes: dict[Side, list[Box]]) -> None:
    """Both eyes side by side; boxes drawn row by row across the page (OD 1, OD 2, OS 1, OS 2, OD 3 ...)."""
    draw_header(p, plan, WORDS[plan.case.language].iol_calculation)
    for side in boxes:
        _draw_eye_head(p, plan, side)
    for grid_row in (0, 1):
        y = GRID_TOP + grid_row * (BOX_H + BOX_GAP)
        for side, eye_boxes in boxes.items():
            for col in (0, 1):
                x = HALF_X[side] + col * (BOX_W + BOX_GAP)
                _draw_box(p, plan, x, y, eye_boxes[2 * grid_row + col])
    draw_footer(p, plan)
    p.finish()


def _draw_eye_head(p: Painter, plan: Plan, side: Side) -> None:
    words, eye, mark, x = WORDS[plan.case.language], plan.eyes[side], plan.case.decimal, HALF_X[side]
    top = CONTENT_TOP
    p.overprint(x, top + 18, side, 20)
    p.overprint(x + 50, top + 2, words.eye_status, 7.5)
    p.text(x + 50, top + 12, f"LS: {words.phakic}", 7)
    p.text(x + 50, top + 21, f"VS: {words.vitreous}", 7)
    p.text(x + 50, top + 30, f"{words.target}:", 7)
    p.text(x + 125, top + 30, f"{number(eye.target_d, 2, mark, True)} D", 7)
    wtw = replace(white_to_white_rows(eye, mark)[0], extras=())
    lengths = [*length_rows(eye, plan.style, mark, with_sd=False), wtw]
    draw_block(p, x, top + 48, lengths, size=6.5, leading=10)
    draw_block(p, x + BOX_W + BOX_GAP, top + 48, k_rows(eye, plan.style, mark, with_sd=False), 6.5, 10)


def _draw_box(p: Painter, plan: Plan, x: float, y: float, box: Box) -> None:
    """Lens line (bold), `- Formula -`, constants, `IOL (D)  Ref (D)`, five rows, emmetropia."""
    mark = plan.case.decimal
    p.box(x, y, BOX_W, BOX_H)
    p.overprint(x + 4, y + 10, box.lens.line, SIZE)
    p.text(x + 4, y + 20, f"- {PRINTED_FORMULA.get(box.formula, box.formula)} -", SIZE)
    p.text(x + 4, y + 30, constants_line(box.lens, box.formula, mark), 6.0)
    p.text(x + 20, y + 42, "IOL (D)", SIZE)
    p.text(x + 75, y + 42, "Ref (D)", SIZE)
    for i, (power, refraction) in enumerate(box.table.rows):
        yy = y + 53 + 9 * i
        draw = p.overprint if i == box.table.selected else p.text
        draw(x + 45, yy, number(power, 2, mark, True), SIZE, "right")
        draw(x + 100, yy, number(refraction, 2, mark, True), SIZE, "right")
    emme = "---" if box.formula == "Holladay 2" else number(box.table.emmetropia_power_d, 2, mark, True)
    p.text(x + 4, y + 103, f"{emme} Emmetropia", SIZE)
