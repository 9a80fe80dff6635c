"""The analysis page: one eye, a big OD/OS label, measurement blocks drawn column by column.

As the real printout (pt-BR, pages 1-2): the eye's status block spans the page under the big eye label, its heading
centred (`Status de olho`), `LS:` and `VS:` side by side on one line and `Ref:` / `VA:` on the next, then the
centred `Valores biométricos` over the blocks (points from the top: heading +60, status +76 and +88, section +107,
first row +122 from the content top). Labels print in 8 pt and the values after them in 10 pt, as the real printout's
8.04 and 9.96 pt."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

from biometry.synth.case import Plan, Side
from biometry.synth.draw import Painter
from biometry.synth.fonts import CLAIMS_BOLD, REGULAR
from biometry.synth.iolmaster700.header import CONTENT_TOP, draw_footer, draw_header
from biometry.synth.iolmaster700.rows import Row, k_rows, length_rows, white_to_white_rows
from biometry.synth.l10n import WORDS

LEADING = 13.0
PAGE_MIDDLE = 297.5
LABEL_SIZE, VALUE_SIZE = 8.0, 10.0  # the real printout's labels in 8.04 pt, the values after them in 9.96 pt
STATUS_X = (66.8, 231.3)  # the status lines' two label columns (`LS:` | `VS:`, `Ref:` | `VA:`)
STATUS_VALUE = 20.0  # a status value's offset from its label
# Column offsets from a block's left edge: label, value (right-aligned), unit, axis, flag (after the unit; on a row
# with an axis, after the axis), SD, extras (`Ix: +0,3 mm`: its label, then its value).
COLUMNS = {"value": 62.0, "unit": 66.0, "axis": 80.0, "flag": 90.0, "sd": 141.0, "sd_value": 185.0,
           "sd_unit": 188.0, "extra": 128.0, "extra2": 206.0}  # fmt: skip
_GAP = 3.0  # between a text and the one after it on a row


def draw_analysis_page(p: Painter, plan: Plan, side: Side) -> None:
    """Header, eye label and status, biometric values, keratometry and (if measured) total keratometry."""
    words, eye, mark, style = WORDS[plan.case.language], plan.eyes[side], plan.case.decimal, plan.style
    draw_header(p, plan, words.analysis)
    top = CONTENT_TOP
    p.overprint(40, top + 28, side, 28)
    _centred(p, top + 60, words.eye_status, 8)
    _status_line(p, top + 76, [("LS:", words.phakic), ("VS:", words.vitreous)])
    _status_line(p, top + 88, [("Ref:", "---"), ("VA:", "---")])
    _centred(p, top + 107, words.biometric_values, 8)
    draw_block(p, 40, top + 122, length_rows(eye, style, mark))
    draw_block(p, 310, top + 122, white_to_white_rows(eye, mark))
    p.overprint(40, top + 187, words.keratometry, 9)
    _draw_k(p, plan, k_rows(eye, style, mark), top + 202)
    if "tk" not in eye.missing:
        p.overprint(40, top + 267, words.total_keratometry, 9)
        _draw_k(p, plan, k_rows(eye, style, mark, total=True), top + 282)
    draw_footer(p, plan)
    p.finish()


def _centred(p: Painter, y: float, text: str, size: float) -> None:
    p.text(PAGE_MIDDLE - stringWidth(text, REGULAR, size) / 2, y, text, size)


def _status_line(p: Painter, y: float, items: list[tuple[str, str]]) -> None:
    """One line of the status block: each label in its column, its value after it."""
    for x, (label, value) in zip(STATUS_X, items, strict=True):
        p.text(x, y, label, LABEL_SIZE)
        p.text(x + STATUS_VALUE, y, value, VALUE_SIZE)


def _draw_k(p: Painter, plan: Plan, rows: list[Row], y: float) -> None:
    """Side by side, SE shares its baseline with K1 (lines merge across blocks); else one column."""
    if plan.style.k_side_by_side:
        draw_block(p, 40, y, [rows[0], rows[3]])
        draw_block(p, 310, y, [rows[1], rows[2]])
    else:
        draw_block(p, 40, y, rows)


def draw_block(
    p: Painter,
    x: float,
    y: float,
    rows: Sequence[Row],
    leading: float = LEADING,
    columns: Mapping[str, float] = COLUMNS,
    value_size: float = VALUE_SIZE,
) -> None:
    """Labels first (LABEL_SIZE), then values, then units, ... (`value_size`): each column is its own run of text
    objects."""
    c, size = columns, value_size
    ys = [y + i * leading for i in range(len(rows))]
    for row, yy in zip(rows, ys, strict=True):
        p.text(x, yy, row.label, LABEL_SIZE)
    for row, yy in zip(rows, ys, strict=True):
        p.text(x + c["value"], yy, row.value, size, "right")
    for row, yy in zip(rows, ys, strict=True):
        p.text(x + c["unit"], yy, row.unit, size)
    _column(p, x + c["axis"], ys, [r.axis for r in rows], size)
    for row, yy in zip(rows, ys, strict=True):
        flag_x = x + (c["axis"] + stringWidth(row.axis, CLAIMS_BOLD, size) + _GAP if row.axis else c["flag"])
        if row.flag == "(!)":
            p.overprint(flag_x, yy, row.flag, size)
        elif row.flag:
            p.text(flag_x, yy, row.flag, size)
    _column(p, x + c["sd"], ys, ["SD:" if r.sd else "" for r in rows], LABEL_SIZE)
    _column(p, x + c["sd_value"], ys, [r.sd[0] if r.sd else "" for r in rows], size, right=True)
    _column(p, x + c["sd_unit"], ys, [r.sd[1] if r.sd else "" for r in rows], size)
    for key, index in (("extra", 0), ("extra2", 1)):
        for row, yy in zip(rows, ys, strict=True):
            if len(row.extras) > index:
                _labelled(p, x + c[key], yy, row.extras[index], size)


def _labelled(p: Painter, x: float, y: float, text: str, size: float) -> None:
    """`Ix: +0,3 mm`: the label in LABEL_SIZE, the value after it in `size`."""
    label, _, value = text.partition(" ")
    p.text(x, y, label, LABEL_SIZE)
    p.text(x + stringWidth(label, CLAIMS_BOLD, LABEL_SIZE) + _GAP, y, value, size)


def _column(p: Painter, x: float, ys: list[float], texts: list[str], size: float, right: bool = False) -> None:
    for text, y in zip(texts, ys, strict=True):
        if text:
            p.text(x, y, text, size, "right" if right else "left")
