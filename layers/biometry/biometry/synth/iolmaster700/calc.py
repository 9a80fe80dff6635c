"""The IOL calculation page, as the real pt-BR printout's pages 3-13 draw it: both eyes in one framed block.

Measured on the real printout's page 3 (US Letter; the positions below are its points, scaled to our A4 page so each
block sits at the real fraction of the page): a frame from 217.4 to 699.4 holds the big `OD` (left, `direita` under
it) and `OS` (right, `esquerda`) with `Cálculo IOL` centred between them; a ruled band (the eye pictures), `Status de
olho` centred over the two halves' status lines (`LS:` | `VS:`, `Ref:` | `VA:`, `LVC:` | `Modo LVC:`, `Refr.-alvo:` |
`SIA:`), `Valores biométricos` in a ruled band, then per half AL, ACD, LT with their SDs, WTW, and the keratometry
two by two (`SE:` | `K1:`, `ΔK:` | `K2:`, `TSE:` | `TK1:`, `ΔTK:` | `TK2:`); a vertical rule parts the halves. Under
them the result boxes fill the frame, four across and two down, edge to edge. Under the frame the legend line and the
comment box, as on the analysis page. Labels print in 8 pt right-aligned on a common edge, the values after them in
10 pt, as the real printout's 8.04 and 9.96 pt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from biometry.synth.case import Box, Plan, Side
from biometry.synth.draw import PAGE_W, Painter
from biometry.synth.fonts import CLAIMS_BOLD
from biometry.synth.iolmaster700.analysis import (
    LABEL_SIZE,
    VALUE_SIZE,
    centred,
    draw_legend_and_comment,
    draw_rows,
)
from biometry.synth.iolmaster700.box import BoxPainter, draw_box
from biometry.synth.iolmaster700.header import draw_footer, draw_header, real_x, real_y
from biometry.synth.iolmaster700.rows import MISSING, Row, k_rows, length_rows, white_to_white_rows
from biometry.synth.l10n import ANALYSIS_WORDS, WORDS, number

FRAME = (50.3, 217.4, 562.9, 699.4)  # left, top, right, bottom
MIDDLE = 306.4  # the vertical rule between the halves
HALF = 256.6  # OS's half: every OD position this far right (the real: 255.1; our `WTW:` is wider)
EYE_X, EYE_BASELINE, EYE_SIZE = (74.3, 500.2), 246.0, 28.0  # the big eye labels (27.96 pt), overprinted
SIDE_WORD_CENTRE, SIDE_WORD_BASELINE, SIDE_WORD_SIZE = (94.2, 519.4), 254.6, 9.0
TITLE_BASELINE, TITLE_SIZE = 244.6, 12.0
RULES = (261.5, 278.5, 289.8, 338.0, 349.3)  # the pictures' band, under `Status de olho`, `Valores biométricos`
STATUS_HEADING, BIOMETRY_HEADING = 286.8, 346.3  # the headings' baselines, centred on the page
STATUS_BASELINES, STATUS_PITCH = 299.0, 11.37
STATUS_ENDS, STATUS_VALUE = (80.8, 216.9), 7.0  # the status labels end at these columns, values start after them
TARGET_X = 59.4  # `Refr.-alvo:` starts here (longer than the column's other labels), its value 6.9 after it
BIOMETRY_BASELINE, ROW_PITCH = 358.6, 11.35  # AL, ACD, LT, WTW, then the keratometry's four lines
LABEL_END, K_LABEL_END = 75.2, 198.0  # the real K1 column ends at 219.8: ours leaves room for a flag after K1's axis
BOXES_TOP, BOX_W, BOX_H = 443.0, 127.2, 127.7  # the result boxes, edge to edge from the frame's left
BOXES_LEFT = 52.0
LEGEND_BASELINE = 707.2
# Offsets from a row's label end (the real's; values 2 pt further right, our face sets figures wider): value (right
# edge), unit, axis, SD label, SD value (right edge), SD unit; the keratometry's SD sits closer (only SE prints one).
LENGTH_COLUMNS = {"value": 33.0, "unit": 36.0, "axis": 47.5, "sd": 89.8, "sd_value": 131.0, "sd_unit": 134.0}
K_COLUMNS = {**LENGTH_COLUMNS, "sd": 48.0, "sd_value": 89.6, "sd_unit": 92.6}


def draw_calc_page(p: BoxPainter, plan: Plan, boxes: dict[Side, list[Box]]) -> None:
    """Header, the framed block (eye labels and title, status, biometry, result boxes), legend, comment, footer."""
    words, more = WORDS[plan.case.language], ANALYSIS_WORDS[plan.case.language]
    draw_header(p, plan, "")
    _draw_frame(p)
    for i, side in enumerate(("OD", "OS")):
        if side not in boxes:  # a single-eye page labels its eye only: its half, the other left empty
            continue
        p.overprint(real_x(EYE_X[i]), real_y(EYE_BASELINE), side, EYE_SIZE)
        side_word = more.right if side == "OD" else more.left
        centred(p, real_x(SIDE_WORD_CENTRE[i]), real_y(SIDE_WORD_BASELINE), side_word, SIDE_WORD_SIZE)
    centred(p, PAGE_W / 2, real_y(TITLE_BASELINE), words.iol_calculation, TITLE_SIZE)
    centred(p, PAGE_W / 2, real_y(STATUS_HEADING), words.eye_status, LABEL_SIZE)
    centred(p, PAGE_W / 2, real_y(BIOMETRY_HEADING), words.biometric_values, LABEL_SIZE)
    for side in boxes:
        _draw_status(p, plan, side)
        _draw_biometry(p, plan, side)
    for grid_row in (0, 1):
        y = real_y(BOXES_TOP + grid_row * BOX_H)
        for k, (side, col) in enumerate((side, col) for side in ("OD", "OS") for col in (0, 1)):
            if side in boxes:
                box = boxes[side][2 * grid_row + col]
                x = real_x(BOXES_LEFT + k * BOX_W)
                draw_box(p, x, y, real_x(BOX_W), real_y(BOX_H), box, plan.case.decimal, plan.case.language)
    draw_legend_and_comment(p, plan.case.language, real_y(LEGEND_BASELINE))
    draw_footer(p, plan)
    p.finish()


def _draw_frame(p: BoxPainter) -> None:
    """The frame, the bands' rules across it and the vertical rule between the halves (not through the headings)."""
    left, top, right, bottom = (real_x(FRAME[0]), real_y(FRAME[1]), real_x(FRAME[2]), real_y(FRAME[3]))
    p.frame(left, top, right - left, bottom - top)
    for y in RULES:
        p.line(left, real_y(y), right, real_y(y))
    for y0, y1 in ((RULES[0], RULES[1]), (RULES[2], RULES[3]), (RULES[4], BOXES_TOP)):
        p.line(real_x(MIDDLE), real_y(y0), real_x(MIDDLE), real_y(y1))


def _draw_status(p: Painter, plan: Plan, side: Side) -> None:
    """`LS:` | `VS:`, `Ref:` | `VA:`, `LVC:` | `Modo LVC:`, `Refr.-alvo:` | `SIA:`: labels end at the two columns."""
    words, more = WORDS[plan.case.language], ANALYSIS_WORDS[plan.case.language]
    eye, mark, shift = plan.eyes[side], plan.case.decimal, HALF if side == "OS" else 0.0
    sia = f"{number(0.0, 2, mark, True)} D @ 0{plan.style.degree}"
    lines = (
        (("LS:", words.phakic), ("VS:", words.vitreous)),
        (("Ref:", MISSING), ("VA:", MISSING)),
        (("LVC:", more.untreated), (f"{more.lvc_mode}:", "-")),
        ((f"{words.target}:", f"{number(eye.target_d, 2, mark, True)} D"), ("SIA:", sia)),
    )
    for i, line in enumerate(lines):
        y = real_y(STATUS_BASELINES + i * STATUS_PITCH)
        for k, ((label, value), end) in enumerate(zip(line, STATUS_ENDS, strict=True)):
            if i == len(lines) - 1 and k == 0:  # the target's label is the column's longest: it starts, not ends
                label_x = real_x(TARGET_X + shift)
                value_x = max(real_x(101.9 + shift), label_x + stringWidth(label, CLAIMS_BOLD, LABEL_SIZE) + 5)
                p.text(label_x, y, label, LABEL_SIZE)
                p.text(value_x, y, value, VALUE_SIZE)
                continue
            p.text(real_x(end + shift), y, label, LABEL_SIZE, "right")
            p.text(real_x(end + shift + STATUS_VALUE), y, value, VALUE_SIZE)


def _draw_biometry(p: Painter, plan: Plan, side: Side) -> None:
    """AL, ACD, LT (with SDs), WTW; then SE | K1, ΔK | K2, TSE | TK1, ΔTK | TK2 side by side."""
    eye, mark, style, shift = plan.eyes[side], plan.case.decimal, plan.style, HALF if side == "OS" else 0.0
    ys = [real_y(BIOMETRY_BASELINE + i * ROW_PITCH) for i in range(8)]
    cct_free = [row for row in length_rows(eye, style, mark) if row.label != "CCT:"]
    wtw = replace(white_to_white_rows(eye, mark)[0], extras=())
    draw_rows(p, real_x(LABEL_END + shift), ys[:4], [*cct_free, wtw], LENGTH_COLUMNS)
    se = k_rows(eye, style, mark)[0]  # only SE prints its SD on a calculation page
    _, k1, k2, delta = k_rows(eye, style, mark, with_sd=False)
    tse, tk1, tk2, delta_t = k_rows(eye, style, mark, total=True, with_sd=False)
    if "tk" in eye.missing:
        tse, tk1, tk2, delta_t = (_unmeasured(r) for r in (tse, tk1, tk2, delta_t))
    draw_rows(p, real_x(LABEL_END + shift), ys[4:], [se, delta, tse, delta_t], K_COLUMNS)
    draw_rows(p, real_x(K_LABEL_END + shift), ys[4:], [k1, k2, tk1, tk2], K_COLUMNS)


def _unmeasured(row: Row) -> Row:
    return replace(row, value=MISSING, unit="", axis="", sd=None)


__all__: Sequence[str] = ("draw_calc_page",)
