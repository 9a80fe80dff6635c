"""One result box of the calculation page, drawn as the real printout draws it.

Measured on the real pt-BR printout's page 3 (offsets from a box's top left, in points; the real box is 127.2 wide):
the lens heading in 8.04 pt beside a grey `K` icon in the corner; `- Formula -` (8.04 pt) and the constants (6.96 pt)
centred, the constants clear of the box's sides; `IOL (D)` and `Ref (D)` (8.04 pt) right-aligned over their columns;
five rows of powers and refractions in 9.96 pt, 11.06 apart, right-aligned at 59.2 and 110.3; the selected row on a
light grey band across the box; the emmetropia power (9.96 pt) under the IOL column and `Emmetropia` (8.04 pt) under
the Ref column, between two rules.
"""

from __future__ import annotations

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from biometry.synth.case import Box
from biometry.synth.draw import PAGE_H, Painter
from biometry.synth.fonts import CLAIMS_BOLD
from biometry.synth.l10n import DecimalMark, Language, number
from biometry.synth.lenses import PRINTED_FORMULA, constants_line

REAL_BOX_W = 127.2
HEADING_PT, CELL_PT, CONSTANTS_PT = 8.04, 9.96, 6.96
HAIRLINE = 0.24  # the box outline and rules
FRAME_LINE, FRAME_RULE = 1.5, 0.7  # the analysis block's outline and its bands' rules
RULE_GREY, BAND_GREY, ICON_GREY = 101 / 255, 242 / 255, 211 / 255
ICON_W, ICON_H = 10.2, 11.52
ICON_LETTER_X, ICON_LETTER_Y = 2.9, 7.8
HEADING_X, HEADING_MARGIN = 15.4, 1.5
# The constants line stays this far from the box's sides (the real Haigis line `A0: +1,476 A1: +0,233 A2: +0,122`:
# 8.7 and 8.9); our wider face sets it smaller where it must.
CONSTANTS_MARGIN = 8.7
FACE_WIDER = 1.1  # our face sets text wider than the device's: 1.08 to 1.23 on the real page's box texts
# baselines below the box top
HEADING_Y, WRAPPED_Y, CAPTION_Y, CONSTANTS_Y, HEADER_Y = 8.6, 18.2, 29.1, 37.6, 47.9
ROW_Y, ROW_PITCH = 59.0, 11.06
BAND_ABOVE = 9.3  # a row's band starts this far above its baseline and is one pitch tall
LABEL_RISE = 1.0  # `Emmetropia` sits this much above the power's baseline
# `Emmetropia` ends under the Ref column, apart from the power (the real: 15.7); our wider face keeps at least this
LABEL_GAP = 9.0
# right edges from the box's centre (the real box's centre is 63.6 from its left)
IOL_RIGHT, REF_RIGHT = 59.2 - REAL_BOX_W / 2, 110.3 - REAL_BOX_W / 2
RULE_INSET = 2.5
EMMETROPIA: dict[Language, str] = {"pt": "Emetropia"}  # as the real pt-BR printout spells it; others: `Emmetropia`


class BoxPainter(Painter):
    """A page painter that also draws the result boxes' hairlines, grey rules and grey fills."""

    def hairline_box(self, x: float, y: float, width: float, height: float, grey: float | None = None) -> None:
        """A rectangle from its top-left corner outlined with a hairline, filled with a grey level if given."""
        self._rectangle(x, y, width, height, grey, outlined=True)

    def band(self, x: float, y: float, width: float, height: float, grey: float) -> None:
        """A grey rectangle without an outline, from its top-left corner (drawn before the text over it)."""
        self._rectangle(x, y, width, height, grey, outlined=False)

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """A thin black line from (x0, y0) to (x1, y1), from the top left (the analysis page's ruled bands)."""
        c = self._canvas
        c.saveState()
        c.setLineWidth(FRAME_RULE)
        c.line(x0, PAGE_H - y0, x1, PAGE_H - y1)
        c.restoreState()

    def frame(self, x: float, y: float, width: float, height: float) -> None:
        """The analysis block's heavy black outline, from its top-left corner."""
        c = self._canvas
        c.saveState()
        c.setLineWidth(FRAME_LINE)
        c.rect(x, PAGE_H - y - height, width, height)
        c.restoreState()

    def rule(self, x: float, y: float, width: float) -> None:
        """A grey hairline across from (x, y)."""
        c = self._canvas
        c.saveState()
        c.setLineWidth(HAIRLINE)
        c.setStrokeGray(RULE_GREY)
        c.line(x, PAGE_H - y, x + width, PAGE_H - y)
        c.restoreState()

    def picture(self, x: float, y: float, width: float, height: float, image: Image.Image) -> None:
        """An image (ink, no text) with its top-left corner at (x, y)."""
        self._canvas.drawImage(ImageReader(image), x, PAGE_H - y - height, width, height)

    def _rectangle(self, x: float, y: float, width: float, height: float, grey: float | None, outlined: bool) -> None:
        c = self._canvas
        c.saveState()
        c.setLineWidth(HAIRLINE)
        if grey is not None:
            c.setFillGray(grey)
        c.rect(x, PAGE_H - y - height, width, height, stroke=int(outlined), fill=int(grey is not None))
        c.restoreState()


def draw_box(p: BoxPainter, x: float, y: float, width: float, height: float, box: Box, mark: DecimalMark,
             language: Language) -> None:  # fmt: skip
    """Lens heading, `- Formula -`, constants, `IOL (D)  Ref (D)`, five rows, emmetropia; (x, y) its top left."""
    centre = x + width / 2
    iol, ref = centre + IOL_RIGHT, centre + REF_RIGHT
    selected_band = y + ROW_Y + ROW_PITCH * box.table.selected - BAND_ABOVE
    p.band(x + HAIRLINE, selected_band, width - 2 * HAIRLINE, ROW_PITCH, BAND_GREY)
    p.hairline_box(x, y, width, height)
    _draw_lens_heading(p, x, y, width, box)
    formula = f"- {PRINTED_FORMULA.get(box.formula, box.formula)} -"
    p.overprint(centre - stringWidth(formula, CLAIMS_BOLD, HEADING_PT) / 2, y + CAPTION_Y, formula, HEADING_PT)
    constants = constants_line(box.lens, box.formula, mark, language)
    size = _fitting(constants, width - 2 * CONSTANTS_MARGIN, CONSTANTS_PT)
    p.text(centre - stringWidth(constants, CLAIMS_BOLD, size) / 2, y + CONSTANTS_Y, constants, size)
    p.text(iol, y + HEADER_Y, "IOL (D)", HEADING_PT, "right")
    p.text(ref, y + HEADER_Y, "Ref (D)", HEADING_PT, "right")
    for i, (power, refraction) in enumerate(box.table.rows):
        row_y = y + ROW_Y + ROW_PITCH * i
        draw = p.overprint if i == box.table.selected else p.text
        draw(iol, row_y, number(power, 2, mark, True), CELL_PT, "right")
        draw(ref, row_y, number(refraction, 2, mark, True), CELL_PT, "right")
    _draw_emmetropia(p, x, y + ROW_Y + ROW_PITCH * len(box.table.rows), width, box, mark, language)


def _draw_emmetropia(
    p: BoxPainter, x: float, y: float, width: float, box: Box, mark: DecimalMark, language: Language
) -> None:
    """The emmetropia power under the IOL column, `Emmetropia` under the Ref column (LABEL_GAP from the power at
    least), ruled above and below; y the power's baseline."""
    centre = x + width / 2
    emme = "---" if box.formula == "Holladay 2" else number(box.table.emmetropia_power_d, 2, mark, True)
    label = EMMETROPIA.get(language, "Emmetropia")
    p.text(centre + IOL_RIGHT, y, emme, CELL_PT, "right")
    label_left = centre + REF_RIGHT - stringWidth(label, CLAIMS_BOLD, HEADING_PT)
    p.text(max(label_left, centre + IOL_RIGHT + LABEL_GAP), y - LABEL_RISE, label, HEADING_PT)
    for rule_y in (y - BAND_ABOVE, y - BAND_ABOVE + ROW_PITCH):
        p.rule(x + RULE_INSET, rule_y, width - 2 * RULE_INSET)


def _draw_lens_heading(p: BoxPainter, x: float, y: float, width: float, box: Box) -> None:
    """`[K] Alcon AcrySof SN60WF`; a line the device's narrower face could not fit in the box wraps as
    `[K] Manufacturer --` over the model, centred right of the icon (the real page 6: `Johnson & Johnson Vision --`
    over `Eyhance`). Our face sets type wider (FACE_WIDER): a line the device fits is drawn
    smaller where it must, to stay in the box."""
    p.hairline_box(x, y, ICON_W, ICON_H, ICON_GREY)
    p.text(x + ICON_LETTER_X, y + ICON_LETTER_Y, "K", CONSTANTS_PT)
    room = width - HEADING_X - HEADING_MARGIN
    if stringWidth(box.lens.line, CLAIMS_BOLD, HEADING_PT) <= FACE_WIDER * room:
        p.overprint(x + HEADING_X, y + HEADING_Y, box.lens.line, _fitting(box.lens.line, room))
        return
    p.overprint(x + HEADING_X, y + HEADING_Y, f"{box.lens.manufacturer} --", HEADING_PT)
    size = _fitting(box.lens.model, room)
    left = x + (HEADING_X + width - 2 * HEADING_MARGIN - stringWidth(box.lens.model, CLAIMS_BOLD, size)) / 2
    p.overprint(left, y + WRAPPED_Y, box.lens.model, size)


def _fitting(text: str, room: float, size: float = HEADING_PT) -> float:
    """The type size (the heading's), or a smaller one that fits `room`."""
    width: float = stringWidth(text, CLAIMS_BOLD, size)
    return min(size, size * room / width)
