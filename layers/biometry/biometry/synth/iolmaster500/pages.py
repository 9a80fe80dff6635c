"""IOLMaster 500 pages in Courier on US Letter: header, OD | OS columns, MMT block, IOL lens boxes, footer."""

from __future__ import annotations

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from biometry.synth.iolmaster500.plan import Box500, Eye500, IolPage500, Plan500, Side, constants_500
from biometry.synth.l10n import date

PAGE_W, PAGE_H = letter
COLUMN_X: dict[Side, float] = {"OD": 54.0, "OS": 316.0}
SIDE_WORD = {"OD": "right", "OS": "left"}
PRINTED_FORMULA = {"SRK/T": "SRK(R)/T", "Hoffer Q": "Hoffer(R) Q"}
REGULAR, BOLD = "Courier", "Courier-Bold"
OVERPRINT = ((0.0, 0.0), (0.25, 0.0), (0.0, 0.25))
PRINT_STROKE_PT = 0.3  # unstroked hairline Courier falls apart under OCR (1 of 2 numbers split at 300 dpi)
BOX_W, BOX_H, BOX_GAP, BOX_TOP = 126.0, 118.0, 7.0, 232.0


class Sheet:
    """Draws on one page with top-left coordinates; bold by font or by overprinting, per the plan."""

    def __init__(self, canvas: Canvas, bold_font: bool) -> None:
        self.canvas = canvas
        self._bold_font = bold_font

    def text(self, x: float, y: float, text: str, size: float = 8.0, right: bool = False, font: str = REGULAR) -> None:
        """Fill and stroke the glyphs: printed Courier on paper is heavier than its hairline outline."""
        self.canvas.setLineWidth(PRINT_STROKE_PT)
        run = self.canvas.beginText()
        run.setFont(font, size)
        run.setTextRenderMode(2)
        run.setTextOrigin(x - (self.canvas.stringWidth(text, font, size) if right else 0.0), PAGE_H - y)
        run.textOut(text)
        self.canvas.drawText(run)

    def bold(self, x: float, y: float, text: str, size: float = 8.0, right: bool = False) -> None:
        if self._bold_font:
            self.text(x, y, text, size, right, BOLD)
            return
        for dx, dy in OVERPRINT:
            self.text(x + dx, y + dy, text, size, right)


def draw_mmt_page(sheet: Sheet, plan: Plan500) -> None:
    """The MMT-Full overview: per eye the composite AL, the readings table, keratometry, ACD and WTW."""
    _header(sheet, plan, "MMT - Biometry overview")
    for side, eye in plan.eyes.items():
        x = COLUMN_X[side]
        _column_head(sheet, x, side)
        sheet.text(x, 160, _al_line(eye))
        _readings_table(sheet, x, 176, eye)
        y = 250.0
        for line in (*_k_lines(plan, eye), _acd_line(eye)):
            sheet.text(x, y, line)
            y += 13
        if plan.show_wtw:
            sheet.text(x, y, "WTW: --" if "wtw_mm" in eye.missing else f"WTW: {eye.values.wtw_mm:.1f} mm")
    _footer(sheet, plan)


def draw_iol_page(sheet: Sheet, plan: Plan500, page: IolPage500) -> None:
    """One formula: per eye the compact biometry, the target and up to four lens boxes in a 2x2 grid."""
    _header(sheet, plan, f"IOL calculation   Formula: {PRINTED_FORMULA.get(page.formula, page.formula)}")
    for side, eye in plan.eyes.items():
        x = COLUMN_X[side]
        _column_head(sheet, x, side)
        lines = [_al_line(eye), *_k_lines(plan, eye)[:2], _acd_line(eye), f"Target ref.: {eye.target_d:+.2f} D"]
        for i, line in enumerate(lines):
            sheet.text(x, 160 + 13 * i, line)
        boxes = page.boxes.get(side)
        if not boxes:
            sheet.text(x, BOX_TOP + 12, "No calculation possible")
        for i, box in enumerate(boxes or []):
            _lens_box(sheet, x + (i % 2) * (BOX_W + BOX_GAP), BOX_TOP + (i // 2) * (BOX_H + BOX_GAP), page, box)
    _footer(sheet, plan)


def _header(sheet: Sheet, plan: Plan500, title: str) -> None:
    pat = plan.patient
    sheet.text(54, 40, "Sample Eye Clinic - Biometry", 8)
    sheet.text(54, 58, f"Patient: {pat.name}", 9)
    sheet.text(54, 71, f"Date of birth: {date(pat.birth_date, 'en')}", 8)
    sheet.text(316, 71, f"Exam date: {date(pat.exam_date, 'en')}", 8)
    sheet.text(54, 83, f"Patient ID: {pat.patient_id}", 8)
    sheet.text(316, 83, f"Operator: {pat.operator}", 8)
    sheet.text(316, 95, "n: 1.3375", 8)
    sheet.bold(54, 110, title, 10)


def _column_head(sheet: Sheet, x: float, side: Side) -> None:
    sheet.bold(x, 132, side, 14)
    sheet.text(x + 30, 132, SIDE_WORD[side], 9)
    sheet.text(x, 146, "Eye status: phakic", 8)


def _footer(sheet: Sheet, plan: Plan500) -> None:
    sheet.text(54, 765, f"IOLMaster(R) Advanced Technology V.{plan.version}", 7)
    sheet.canvas.showPage()


def _al_line(eye: Eye500) -> str:
    if "axial_length_mm" in eye.missing:
        return "AL: --"
    mark = "!" if eye.borderline else ""
    return f"AL: {eye.values.axial_length_mm:.2f} mm (SNR = {eye.snr:.1f}{mark})"


def _readings_table(sheet: Sheet, x: float, y: float, eye: Eye500) -> None:
    sheet.text(x + 12, y, "AL (mm)   SNR", 8)
    for i, reading in enumerate(eye.readings):
        yy = y + 12 * (i + 1)
        shown = reading.al_mm is not None and "axial_length_mm" not in eye.missing
        sheet.text(x + 50, yy, f"{reading.al_mm:.2f}" if shown else "--", 8, right=True)
        snr = f"{reading.snr:.1f}{'!' if reading.snr < 2.0 else ''}" if shown else "--"
        sheet.text(x + 98, yy, snr, 8, right=True)


def _k_lines(plan: Plan500, eye: Eye500) -> list[str]:
    """`K1: 43.25 D / 7.80 mm @ 90°` (or mm first), K2, and the cylinder (minus at K1 axis, plus at K2 axis)."""
    if "k" in eye.missing:
        return ["K1: --", "K2: --", "Cyl.: --"]
    k = eye.values.k
    lines = []
    for label, d, r, axis in (("K1", k.k1_d, k.r1_mm, k.k1_axis_deg), ("K2", k.k2_d, k.r2_mm, k.k2_axis_deg)):
        pair = f"{r:.2f} mm / {d:.2f} D" if plan.k_mm_first else f"{d:.2f} D / {r:.2f} mm"
        lines.append(f"{label}: {pair} @ {axis}\u00b0")
    cyl = round(k.k2_d - k.k1_d, 2)
    if plan.plus_cyl:
        lines.append(f"Cyl.: {cyl:+.2f} D @ {k.k2_axis_deg}\u00b0")
    else:
        lines.append(f"Cyl.: {-cyl:.2f} D @ {k.k1_axis_deg}\u00b0" if cyl else f"Cyl.: 0.00 D @ {k.k1_axis_deg}\u00b0")
    return lines


def _acd_line(eye: Eye500) -> str:
    return "ACD: --" if "acd_mm" in eye.missing else f"ACD: {eye.values.acd_mm:.2f} mm"


def _lens_box(sheet: Sheet, x: float, y: float, page: IolPage500, box: Box500) -> None:
    """Model, manufacturer, constants, `IOL (D)  REF (D)`, five rows (one bold), `Emme. IOL: 20.52`; no frame."""
    sheet.text(x + 5, y + 11, box.lens.model, 7.5)
    sheet.text(x + 5, y + 21, box.lens.manufacturer, 7)
    constants = _constants_lines(box, page.formula)
    for i, line in enumerate(constants):
        sheet.text(x + 5, y + 31 + 9 * i, line, 7)
    top = y + 36 + 9 * len(constants)
    sheet.text(x + 8, top, "IOL (D)", 7.5)
    sheet.text(x + 66, top, "REF (D)", 7.5)
    for i, (power, refraction) in enumerate(box.table.rows):
        draw = sheet.bold if i == box.table.selected else sheet.text
        draw(x + 44, top + 12 + 10 * i, f"{power:.2f}", 8, True)
        draw(x + 102, top + 12 + 10 * i, f"{refraction:+.2f}" if refraction else "0.00", 8, True)
    sheet.text(x + 5, top + 66, f"Emme. IOL:  {box.table.emmetropia_power_d:.2f}", 8)


def _constants_lines(box: Box500, formula: str) -> list[str]:
    """`a0: -0.769  a1: 0.234` over `a2: 0.217`; `SF: 1.84`; `pACD: 5.64`; `A const: 118.70`."""
    values = constants_500(box.lens, formula)
    if formula == "Haigis":
        return [f"a0: {values['a0']:.3f}  a1: {values['a1']:.3f}", f"a2: {values['a2']:.3f}"]
    if formula == "Holladay 1":
        return [f"SF: {values['sf']:.2f}"]
    if formula == "Hoffer Q":
        return [f"pACD: {values['pacd']:.2f}"]
    return [f"A const: {values['a_constant']:.2f}"]
