"""The IOLMaster 500 page frame as the real printout draws it: header box, warning box, eye labels, legend, footer.

Coordinates are points from the top-left of the device's page (598.6 x 863 pt, the size of its page images);
every number here was measured on ../shared/real/iolmaster500-exam1.pdf.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from biometry.synth.iolmaster500.hinted import DeviceRun, is_hinted
from biometry.synth.iolmaster500.plan import Plan500, Side

PAGE_W, PAGE_H = 598.62, 862.97  # 1164 x 1678 px at 140 dpi
LEFT, RIGHT = 52.4, 563.6  # the frame's outer rules
MID = 307.45  # the double rule between the OD and OS halves (306.4 and 308.5)
HEADER_TOP = 60.4
HEADER_ROW_PT = 12.6
HEADER_FIRST_BASELINE = 75.3
LABEL_RIGHT, VALUE_LEFT = 134.6, 139.6  # header labels are right-aligned on their colon
RIGHT_LABEL_RIGHT, RIGHT_VALUE_LEFT = 390.1, 395.0
WARNING_BOX_PT = 49.0
BODY_GAP_PT = 4.5
FOOTER_RULE = 819.4
SEGMENT_PT = 20.0  # the longest vertical rule or fill drawn as one object
SERIF, SERIF_BOLD = "Times-Roman", "Times-Bold"
MONO, MONO_BOLD = "Courier", "Courier-Bold"
MONO_PT = 10.4  # Courier New at 10 pt on the device: digits 13 px high and 8 px wide in its 140-dpi frames
MONO_PITCH_PT = 6.0  # ... on Courier New's 10-pt pitch (11.7 px): Courier drawn this narrow (MONO_WIDTH)
MONO_WIDTH = 100 * MONO_PITCH_PT / (0.6 * MONO_PT)  # horizontal scale in per cent (Courier's advance is 0.6 em)
BODY_PT = 10.6  # Times New Roman as the device rasterises it: capitals 14 px, `Examination date:` 150 px wide
SANS_BOLD = "Helvetica-Bold"
SIDE_WORD = {"OD": "right", "OS": "left"}
WARNING = "The measurements should be checked for plausibility, as there may be pathological changes!"
LEGEND = "(* = value has been edited, ! = borderline value)"


class Sheet:
    """Draws on one page with top-left coordinates; with `device_runs` a list, the type the device hints (Courier,
    body Times: `hinted.is_hinted`) is collected there (for `hinted.draw_runs` on the frame) instead of drawn."""

    def __init__(self, canvas: Canvas, device_runs: list[DeviceRun] | None = None) -> None:
        self.canvas = canvas
        self.device_runs = device_runs

    def text(
        self, x: float, y: float, text: str, font: str = MONO, size: float = 8.0, align: str = "left", *,
        outlines: bool = False,
    ) -> None:  # fmt: skip
        """One run of text with its baseline at y; `align` left, right or centre on x; `outlines`: drawn from the
        font's outlines in the current fill colour even where the device hints it (the logo's white type)."""
        mono = font in (MONO, MONO_BOLD)
        if self.device_runs is not None and is_hinted(font, size) and not outlines:
            page = self.canvas.getPageNumber() - 1
            advance = 0.6 * size * MONO_WIDTH / 100 if mono else None  # Courier's advance is 0.6 em
            self.device_runs.append(DeviceRun(page, x, y, text, font, size, advance, align))
            return
        scale = MONO_WIDTH if mono else 100.0
        width = self.canvas.stringWidth(text, font, size) * scale / 100
        shift = {"left": 0.0, "right": width, "centre": width / 2}[align]
        run = self.canvas.beginText(x - shift, PAGE_H - y)
        run.setFont(font, size)
        run.setHorizScale(scale)
        run.textOut(text)
        self.canvas.drawText(run)

    def hline(self, x0: float, x1: float, y: float, width: float = 0.7) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, PAGE_H - y, x1, PAGE_H - y)

    def vline(self, x: float, y0: float, y1: float, width: float = 0.7) -> None:
        """A vertical rule drawn as short segments, as cell borders are: no page object spans several blocks."""
        self.canvas.setLineWidth(width)
        for top in _steps(y0, y1):
            self.canvas.line(x, PAGE_H - top, x, PAGE_H - min(top + SEGMENT_PT, y1))

    def rect(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.9) -> None:
        for y in (y0, y1):
            self.hline(x0, x1, y, width)
        for x in (x0, x1):
            self.vline(x, y0, y1, width)

    def fill(self, x0: float, y0: float, x1: float, y1: float, grey: float) -> None:
        self.canvas.setFillGray(grey)
        for top in _steps(y0, y1):
            self.canvas.rect(
                x0, PAGE_H - min(top + SEGMENT_PT, y1), x1 - x0, min(SEGMENT_PT, y1 - top), stroke=0, fill=1
            )
        self.canvas.setFillGray(0.0)


def _steps(y0: float, y1: float) -> list[float]:
    count = max(1, math.ceil((y1 - y0) / SEGMENT_PT))
    return [y0 + SEGMENT_PT * i for i in range(count)]


def header(sheet: Sheet, plan: Plan500, page: HeaderRows) -> float:
    """Clinic title, the header box (labels right-aligned on their colons) and the warning box; the body's top."""
    sheet.text(LEFT, 40.8, plan.clinic, SERIF_BOLD, 12.2)
    for i, (label, value) in enumerate(page.left):
        y = HEADER_FIRST_BASELINE + HEADER_ROW_PT * i
        sheet.text(LABEL_RIGHT, y, label, SERIF, BODY_PT, "right")
        # the surgeon in the captions' bold (24 ppem: at 12 pt, 23 ppem, the real line's width is 9 px short)
        size, font = {"Name:": (15.0, SERIF_BOLD), "Surgeon:": (12.2, SERIF_BOLD)}.get(label, (BODY_PT, SERIF))
        sheet.text(VALUE_LEFT, y, value, font, size)
    for i, (label, value) in enumerate(page.right):
        y = HEADER_FIRST_BASELINE + HEADER_ROW_PT * (i + 4 - len(page.right))
        sheet.text(RIGHT_LABEL_RIGHT, y, label, SERIF, BODY_PT, "right")
        sheet.text(RIGHT_VALUE_LEFT, y, value, SERIF, BODY_PT)
    _logo(sheet)
    bottom = max(144.6, HEADER_FIRST_BASELINE + HEADER_ROW_PT * (len(page.left) - 1) + 6.0)
    sheet.rect(LEFT, HEADER_TOP, RIGHT, bottom)
    sheet.rect(LEFT, bottom, RIGHT, bottom + WARNING_BOX_PT)
    if page.warning:
        sheet.text(LEFT + 2.3, bottom + 9.7, WARNING, SERIF_BOLD, 9.8)
    return bottom + WARNING_BOX_PT + BODY_GAP_PT


@dataclass(frozen=True, slots=True)
class HeaderRows:
    """What one page's header prints: left rows, right rows (ending on the fourth row) and the warning."""

    left: list[tuple[str, str]]
    right: list[tuple[str, str]]
    warning: bool


def patient_rows(
    plan: Plan500, *, age: bool = False, surgeon: bool = False, lens: str | None = None
) -> list[tuple[str, str]]:
    """Name, ID, date of birth, [age], examination date, [surgeon], [lens]."""
    pat = plan.patient
    rows = [("Name:", pat.name), ("ID:", pat.patient_id), ("Date of birth:", date_text(plan, pat.birth_date))]
    if age:
        rows.append(("Age of patient:", str((pat.exam_date - pat.birth_date).days // 365)))
    rows.append(("Examination date:", date_text(plan, pat.exam_date)))
    if surgeon:
        rows.append(("Surgeon:", plan.surgeon))
    if lens is not None:
        rows.append(("Lens:", lens))
    return rows


def _logo(sheet: Sheet) -> None:
    """The blue ZEISS badge at the header's right."""
    sheet.canvas.setFillColorRGB(0.09, 0.18, 0.62)
    sheet.canvas.rect(502.0, PAGE_H - 124.0, 46.0, 54.0, stroke=0, fill=1)
    sheet.canvas.setFillColorRGB(1.0, 1.0, 1.0)
    sheet.text(525.0, 95.0, "ZEISS", SERIF_BOLD, 10.0, "centre", outlines=True)
    sheet.canvas.setFillColorRGB(0.0, 0.0, 0.0)


def eye_label(sheet: Sheet, side: Side, x0: float, x1: float, baseline: float, word_gap: float) -> None:
    """The big `OD`/`OS` (baseline given) with `right`/`left` `word_gap` under it, centred between x0 and x1."""
    centre = (x0 + x1) / 2
    sheet.text(centre, baseline, side, SERIF_BOLD, 42.0, "centre")
    sheet.text(centre, baseline + word_gap, SIDE_WORD[side], SERIF_BOLD, 8.0, "centre")


def legend(sheet: Sheet, y: float) -> None:
    sheet.text(RIGHT, y, LEGEND, SERIF_BOLD, 8.5, "right")


def footer(sheet: Sheet, plan: Plan500) -> None:
    """`Carl Zeiss IOLMaster® Advanced Technology V. 7.7`, the print time and the calibration date; next page."""
    sheet.hline(LEFT, RIGHT, FOOTER_RULE, 0.5)
    sheet.text(LEFT, 831.0, f"Carl Zeiss IOLMaster\u00ae Advanced Technology V. {plan.version}", SANS_BOLD, 11.9)
    printed = f"Printed on: {date_text(plan, plan.patient.printed_date)} at {plan.printed_time}."
    sheet.text(RIGHT, 828.5, printed, MONO, 8.5, "right")
    sheet.text(LEFT, 841.0, f"Calibration checked on: {date_text(plan, plan.patient.calibration_date)}", MONO, 7.5)
    sheet.canvas.showPage()


def date_text(plan: Plan500, day: dt.date) -> str:
    """Dates as the device's Windows locale writes them: day or month first."""
    return day.strftime("%d/%m/%Y" if plan.day_first else "%m/%d/%Y")
