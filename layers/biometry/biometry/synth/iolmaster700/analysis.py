"""The analysis page: one eye's measurements in a framed block, as the real pt-BR printout's pages 1-2 draw it.

Measured on the real printout's page 1 (US Letter; the positions below are its points, scaled to our A4 page so each
block sits at the real fraction of the page): a frame from 217.4 to 669.5 holds the big `OD` with `direita` under it
in its left (page 2: `OS` with `esquerda` in its right) and `Análise` centred, then section headings in ruled bands
(`Status de olho`, `Valores biométricos`, `B-Scan` | `Fixação`, `Central Topography` | `Ceratometria` | `Branco a
branco`) over the status lines (`LS:`, `VS:`, `LVC:`; `Ref:`, `VA:`), the biometric values (AL, CCT, ACD, LT with
their SDs; `WTW:` with `Ix:`/`Iy:`, `P:` with `CW-Chord:`), the keratometry in one column (`SE:` ... `ΔK:` with their
SDs) and the total keratometry right of a vertical rule on the same lines (`TSE:` ... `ΔTK:`, `---` where not
measured), and the B-scan and topography pictures (grey areas here). Under the frame the legend line and a comment
box. Labels print in 8 pt right-aligned on a common edge, the values after them in 10 pt, as the real printout's 8.04
and 9.96 pt."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from biometry.synth.case import EyePlan, Plan, Side
from biometry.synth.draw import PAGE_H, PAGE_W, Painter
from biometry.synth.fonts import CLAIMS_BOLD
from biometry.synth.iolmaster700.box import BoxPainter
from biometry.synth.iolmaster700.header import draw_footer, draw_header
from biometry.synth.iolmaster700.rows import MISSING, Row, k_rows, length_rows, white_to_white_rows
from biometry.synth.l10n import ANALYSIS_WORDS, WORDS, DecimalMark, Language, number

LABEL_SIZE, VALUE_SIZE = 8.0, 10.0  # the real printout's labels in 8.04 pt, the values after them in 9.96 pt
REAL_W, REAL_H = 612.0, 792.0  # the real printout's page (US Letter)
FRAME = (48.7, 217.4, 560.6, 669.5)  # left, top, right, bottom
EYE_LABEL_CENTRES: dict[Side, float] = {"OD": 94.2, "OS": 519.4}  # the big label, its side word centred under it
EYE_LABEL_BASELINE, SIDE_WORD_BASELINE, EYE_LABEL_SIZE, SIDE_WORD_SIZE = 246.0, 254.7, 28.0, 9.0
BANDS = ((261.4, 273.4), (305.5, 317.3), (423.1, 434.9), (527.4, 540.1))  # ruled heading bands: top and bottom rule
HEADING_BASE = 3.3  # a band heading's baseline above the band's bottom rule
STATUS_BASELINES, STATUS_COLUMNS = (285.1, 296.5), (80.1, 250.2, 420.3)  # labels end at the columns
STATUS_VALUE = 7.0  # a status value's start after its label's end
LABEL_END = 80.1  # the left blocks' labels end here; the total keratometry's at TK_LABEL_END
TK_LABEL_END, K_RULE_X, K_RULE_Y = 335.2, 307.6, 369.7
BIOMETRY_BASELINE, K_BASELINE, ROW_PITCH = 328.9, 382.9, 11.35
WTW_LABEL_END, OFFSET_X, OFFSET2_X = 338.1, 413.3, 489.7  # `WTW:`/`P:` end; `Ix:`/`CW-Chord:` and `Iy:` start
# Offsets from a row's label end: value (right edge), unit, axis, SD label, SD value (right edge), SD unit; the
# real's, values and SD values 2 and 5 pt further right (our face sets figures wider).
ROW_COLUMNS = {"value": 33.4, "unit": 37.4, "axis": 55.1, "sd": 109.6, "sd_value": 149.8, "sd_unit": 153.9}
LEGEND_BASELINE, LEGEND_X = 678.6, (52.2, 222.0, 392.0)
COMMENT = (50.6, 711.1, 351.8, 757.1)
_GAP = 3.0  # between a text and the one after it on a row
_FLAG_GAP = 6.0


def _x(x: float) -> float:
    """A real printout's x (points on Letter) on our page."""
    return float(x * PAGE_W / REAL_W)


def _y(y: float) -> float:
    """A real printout's y (points from the top on Letter) on our page."""
    return float(y * PAGE_H / REAL_H)


def draw_analysis_page(p: BoxPainter, plan: Plan, side: Side) -> None:
    """Header, the framed analysis block (eye, status, biometric values, keratometry beside total keratometry,
    pictures), the legend, the comment box and the footer."""
    words, more = WORDS[plan.case.language], ANALYSIS_WORDS[plan.case.language]
    eye, mark, style = plan.eyes[side], plan.case.decimal, plan.style
    draw_header(p, plan, "")
    _draw_frame(p)
    _draw_pictures(p)
    centre = _x(EYE_LABEL_CENTRES[side])
    label_x = centre - stringWidth(side, CLAIMS_BOLD, EYE_LABEL_SIZE) / 2
    p.overprint(label_x, _y(EYE_LABEL_BASELINE), side, EYE_LABEL_SIZE)
    centred(p, centre, _y(SIDE_WORD_BASELINE), more.right if side == "OD" else more.left, SIDE_WORD_SIZE)
    centred(p, PAGE_W / 2, _y(244.7), words.analysis, 12)
    headings = ([words.eye_status], [words.biometric_values], ["B-Scan", more.fixation],
                ["Central Topography", more.keratometry, more.white_to_white])  # fmt: skip
    for (_, bottom), texts in zip(BANDS, headings, strict=True):
        _band_headings(p, _y(bottom - HEADING_BASE), texts)
    status = ((("LS:", words.phakic), ("VS:", words.vitreous), ("LVC:", more.untreated)),
              (("Ref:", MISSING), ("VA:", MISSING)))  # fmt: skip
    for baseline, items in zip(STATUS_BASELINES, status, strict=True):
        for end, (label, value) in zip(STATUS_COLUMNS, items, strict=False):
            p.text(_x(end), _y(baseline), label, LABEL_SIZE, "right")
            p.text(_x(end + STATUS_VALUE), _y(baseline), value, VALUE_SIZE)
    _draw_biometry(p, eye, plan, mark)
    k = k_rows(eye, style, mark)
    tk = k_rows(eye, style, mark, total=True)
    if "tk" in eye.missing:  # `TSE: ---`: no unit, axis or SD
        tk = [replace(r, value=MISSING, unit="", axis="", sd=None) for r in tk]
    k_ys = [_y(K_BASELINE + i * ROW_PITCH) for i in range(4)]
    draw_rows(p, _x(LABEL_END), k_ys, k)
    draw_rows(p, _x(TK_LABEL_END), k_ys, tk)
    draw_legend_and_comment(p, plan.case.language, _y(LEGEND_BASELINE))
    draw_footer(p, plan)
    p.finish()


def draw_legend_and_comment(p: BoxPainter, language: Language, baseline: float) -> None:
    """Under the frame (both kinds of page): `(!) Valor-limite  (*) Valor editado manualmente  --- nenhum valor
    medido` on `baseline`, then the comment box with its title."""
    more = ANALYSIS_WORDS[language]
    legend = (f"(!) {more.borderline}", f"(*) {more.edited}", f"--- {more.none_measured}")
    for x, text in zip(LEGEND_X, legend, strict=True):
        p.text(_x(x), baseline, text, LABEL_SIZE)
    left, top, right, bottom = COMMENT
    p.hairline_box(_x(left), _y(top), _x(right - left), _y(bottom - top))
    p.text(_x(57.1), _y(725.0), more.comment, VALUE_SIZE)


def _draw_frame(p: BoxPainter) -> None:
    """The frame, its heading bands' rules, the rule over the keratometry and the one between K and TK."""
    left, top, right, bottom = (_x(FRAME[0]), _y(FRAME[1]), _x(FRAME[2]), _y(FRAME[3]))
    p.frame(left, top, right - left, bottom - top)
    for band in BANDS:
        for y in band:
            p.line(left, _y(y), right, _y(y))
    p.line(_x(55.1), _y(K_RULE_Y), _x(554.4), _y(K_RULE_Y))
    p.line(_x(K_RULE_X), _y(372.8), _x(K_RULE_X), _y(421.0))


def _draw_pictures(p: BoxPainter) -> None:
    """Grey areas where the real printout prints the B-scan, keratometer and white-to-white pictures."""
    scan_top, scan_bottom = _y(BANDS[2][1]), _y(BANDS[3][0])
    p.band(_x(FRAME[0]), scan_top, _x(FRAME[2] - FRAME[0]), scan_bottom - scan_top, 0.82)
    pictures_top, pictures_bottom = _y(BANDS[3][1]), _y(FRAME[3])
    for left, right, grey in ((220.0, 392.0, 0.95), (392.0, FRAME[2], 0.5)):
        p.band(_x(left), pictures_top, _x(right - left), pictures_bottom - pictures_top, grey)


def _band_headings(p: Painter, y: float, texts: list[str]) -> None:
    """One heading centred on the page; two as the B-scan band (centred, right-aligned); three centred in thirds."""
    if len(texts) == 1:
        centred(p, PAGE_W / 2, y, texts[0], LABEL_SIZE)
    elif len(texts) == 2:
        centred(p, _x(278.5), y, texts[0], LABEL_SIZE)
        p.text(_x(547.3), y, texts[1], LABEL_SIZE, "right")
    else:
        for x, text in zip((137.0, 306.9, 477.1), texts, strict=True):
            centred(p, _x(x), y, text, LABEL_SIZE)


def centred(p: Painter, x: float, y: float, text: str, size: float) -> None:
    p.text(x - stringWidth(text, CLAIMS_BOLD, size) / 2, y, text, size)


def _draw_biometry(p: Painter, eye: EyePlan, plan: Plan, mark: DecimalMark) -> None:
    """AL, CCT, ACD, LT with their SDs; right of them `WTW:` with `Ix:`/`Iy:` and `P:` with `CW-Chord:`."""
    ys = [_y(BIOMETRY_BASELINE + i * ROW_PITCH) for i in range(4)]
    draw_rows(p, _x(LABEL_END), ys, length_rows(eye, plan.style, mark))
    wtw, pupil = white_to_white_rows(eye, mark)
    rows = [replace(wtw, extras=()), replace(pupil, extras=())]
    draw_rows(p, _x(WTW_LABEL_END), ys[:2], rows, {**ROW_COLUMNS, "value": 28.4, "unit": 32.4})
    if wtw.extras:
        for x, text in zip((OFFSET_X, OFFSET2_X), wtw.extras, strict=True):
            _labelled(p, _x(x), ys[0], text, VALUE_SIZE)
    if pupil.extras:
        _labelled(p, _x(OFFSET_X), ys[1], f"CW-Chord: {_chord(eye, plan, mark)}", VALUE_SIZE)


def _chord(eye: EyePlan, plan: Plan, mark: DecimalMark) -> str:
    """`0,3 mm @ 212°`: the pupil centre's offset as a length and an angle."""
    ix, iy = eye.values.offsets_mm[2:]
    angle = round(math.degrees(math.atan2(iy, ix))) % 360
    return f"{number(math.hypot(ix, iy), 1, mark)} mm @ {angle}{plan.style.degree}"


def draw_rows(
    p: Painter, end: float, ys: list[float], rows: Sequence[Row], columns: Mapping[str, float] = ROW_COLUMNS
) -> None:
    """Rows of one block, column by column (labels, values, units, axes, flags, SDs): each its own text object.
    Labels end at `end`, every other column sits at its offset from there."""
    c = {key: _x(offset) for key, offset in columns.items()}
    for row, y in zip(rows, ys, strict=True):
        p.text(end, y, row.label, LABEL_SIZE, "right")
    for row, y in zip(rows, ys, strict=True):
        p.text(end + c["value"], y, row.value, VALUE_SIZE, "right")
    for row, y in zip(rows, ys, strict=True):
        if row.unit:
            p.text(end + c["unit"], y, row.unit, VALUE_SIZE)
    _column(p, end + c["axis"], ys, [r.axis for r in rows], VALUE_SIZE)
    for row, y in zip(rows, ys, strict=True):
        if not row.flag:
            continue
        after = (c["axis"], row.axis) if row.axis else (c["unit"], row.unit)
        flag_x = end + after[0] + stringWidth(after[1], CLAIMS_BOLD, VALUE_SIZE) + _FLAG_GAP
        (p.overprint if row.flag == "(!)" else p.text)(flag_x, y, row.flag, VALUE_SIZE)
    _column(p, end + c["sd"], ys, ["SD:" if r.sd else "" for r in rows], LABEL_SIZE)
    _column(p, end + c["sd_value"], ys, [r.sd[0] if r.sd else "" for r in rows], VALUE_SIZE, right=True)
    _column(p, end + c["sd_unit"], ys, [r.sd[1] if r.sd else "" for r in rows], VALUE_SIZE)


def _labelled(p: Painter, x: float, y: float, text: str, size: float) -> None:
    """`Ix: +0,3 mm`: the label in LABEL_SIZE, the value after it in `size`."""
    label, _, value = text.partition(" ")
    p.text(x, y, label, LABEL_SIZE)
    p.text(x + stringWidth(label, CLAIMS_BOLD, LABEL_SIZE) + _GAP, y, value, size)


def _column(p: Painter, x: float, ys: list[float], texts: list[str], size: float, right: bool = False) -> None:
    for text, y in zip(texts, ys, strict=True):
        if text:
            p.text(x, y, text, size, "right" if right else "left")
