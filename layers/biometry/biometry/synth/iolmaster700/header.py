"""Parts on every page: the report header, the warning band under it, and the footer.

Measured on the real pt-BR printout (US Letter, the same header on every page; positions below in its points, scaled
to our A4 page so each line sits at the real fraction of the page): `Paciente` and the name in 12 pt on the first line;
the birth date and patient ID (labels in 8.04 pt, values in 9.96 pt), `Sexo` and its value beside the birth date (in
the operator's columns), with the clinic's block on the right; physician and operator; then the calibration date with
who checked it and the result, and the measurement date with the keratometric index `n:` and the vertex distance
`CVD:` (values in 9 pt); then a grey band with a big `!` holding the device's warnings, worded in the UI language.
The footer spreads across the page's foot in 6.96 pt: `IOLMaster 700`, `Versão 1.90.12.05`, `Gerado em: 01/02/2023
13:20, por Administrator.` and `Página 1 de 1`."""

from __future__ import annotations

import functools

from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase.pdfmetrics import stringWidth

from biometry.synth.case import Plan
from biometry.synth.draw import PAGE_H, PAGE_W
from biometry.synth.fonts import CLAIMS_BOLD, font_path
from biometry.synth.iolmaster700.box import BoxPainter
from biometry.synth.l10n import (
    FOOTER_WORDS,
    HEADER_WORDS,
    MARGIN_NOTICE_WORDS,
    WARNING_WORDS,
    WORDS,
    Language,
    clock,
    date,
    number,
)

CONTENT_TOP = 230.0  # the eye labels start at ~27 % of the page on real printouts, under header and warnings
REAL_W, REAL_H = 612.0, 792.0  # the real printout's page (US Letter)
LABEL_SIZE, VALUE_SIZE, DATE_SIZE, NAME_SIZE = 8.0, 10.0, 9.0, 12.0  # the real's 8.04, 9.96, 9.00 and 12.00 pt
LABEL_X, VALUE_X, MIDDLE_LABEL_X, MIDDLE_VALUE_X = 52.4, 131.3, 236.1, 293.2
DATED_VALUE_X, BY_LABEL_X, BY_VALUE_X, RESULT_LABEL_X, RESULT_VALUE_X = 142.8, 270.4, 298.3, 440.5, 491.7
NAME_BASELINE, BIRTH_BASELINE, ID_BASELINE, STAFF_BASELINE = 46.3, 78.8, 90.4, 112.9
CALIBRATION_BASELINE, MEASURED_BASELINE = 151.6, 162.9
CLINIC_X, CLINIC_BASELINES = 367.0, (89.0, 106.0, 121.7)
WARNING_BAND = (50.3, 167.9, 559.1, 211.8)  # grey (242), outlined 1.6 pt outside
WARNING_MARK_X, WARNING_TEXT_X, WARNING_BASELINE, WARNING_PITCH = 47.0, 64.1, 176.2, 10.0  # `!`: its ink at 53.8
FOOTER_BASELINE, FOOTER_X, FOOTER_RIGHT = 776.5, (55.4, 196.0, 282.0), 565.0
FOOTER_SIZE = 7.0
# The template notice up the left margin, read from the page's foot upwards: ink drawn as paths on the real printout,
# no text; here a picture of it. Its left edge, top and bottom (its width follows from the text's).
NOTICE_X, NOTICE_TOP, NOTICE_BOTTOM = 30.4, 465.2, 770.9
_NOTICE_PX = 24  # the picture's type size in pixels (about 300 dpi: no scan reads finer)
_VALUE_GAP = 4.0  # a value starts at least this far right of its label (a long localised label pushes it)
_CLINIC = ("Sample Eye Clinic", "1 Example Street", "Demo City")
WARNING_GREY = 242 / 255


def real_x(x: float) -> float:
    """A real printout's x (points on Letter) on our page."""
    return float(x * PAGE_W / REAL_W)


def real_y(y: float) -> float:
    """A real printout's y (points from the top on Letter) on our page."""
    return float(y * PAGE_H / REAL_H)


def draw_header(p: BoxPainter, plan: Plan, title: str) -> None:
    """Patient (`LAST, FIRST`), birth date and ID, clinic, staff, calibration and measurement dates with `n: 1,3375`
    and `CVD: 12,00 mm`, warnings; `title` (if any) over the content."""
    words, more = WORDS[plan.case.language], HEADER_WORDS[plan.case.language]
    lang, mark, pat = plan.case.language, plan.case.decimal, plan.patient
    if title:  # the analysis page centres its own title beside the eye label
        p.text(250, CONTENT_TOP + 10, title, 10)
    p.text(real_x(LABEL_X), real_y(NAME_BASELINE), more.patient, LABEL_SIZE)
    p.overprint(real_x(VALUE_X), real_y(NAME_BASELINE), pat.name, NAME_SIZE)
    for i, line in enumerate(_CLINIC):
        # the clinic's name overprinted four times, as the real printout bolds it
        (p.overprint if i == 0 else p.text)(real_x(CLINIC_X), real_y(CLINIC_BASELINES[i]), line, LABEL_SIZE)
    fields = (
        (BIRTH_BASELINE, LABEL_X, VALUE_X, words.birth_date, date(pat.birth_date, lang), VALUE_SIZE),
        (BIRTH_BASELINE, MIDDLE_LABEL_X, MIDDLE_VALUE_X, more.sex, more.male if plan.sex == "M" else more.female,
         VALUE_SIZE),
        (ID_BASELINE, LABEL_X, VALUE_X, words.patient_id, pat.patient_id, VALUE_SIZE),
        (STAFF_BASELINE, LABEL_X, VALUE_X, words.physician, pat.physician, VALUE_SIZE),
        (STAFF_BASELINE, MIDDLE_LABEL_X, MIDDLE_VALUE_X, words.operator, pat.operator, VALUE_SIZE),
        (CALIBRATION_BASELINE, LABEL_X, DATED_VALUE_X, f"{words.calibration}:", date(pat.calibration_date, lang),
         DATE_SIZE),
        (CALIBRATION_BASELINE, BY_LABEL_X, BY_VALUE_X, f"{more.by}:", "Administrator", DATE_SIZE),
        (CALIBRATION_BASELINE, RESULT_LABEL_X, RESULT_VALUE_X, f"{more.result}:", "OK", DATE_SIZE),
        (MEASURED_BASELINE, LABEL_X, DATED_VALUE_X, f"{words.measured}:", date(pat.exam_date, lang), DATE_SIZE),
        (MEASURED_BASELINE, BY_LABEL_X, BY_VALUE_X, "n:", number(1.3375, 4, mark), DATE_SIZE),
        (MEASURED_BASELINE, RESULT_LABEL_X, RESULT_VALUE_X, "CVD:", f"{number(12.0, 2, mark)} mm", DATE_SIZE),
    )  # fmt: skip
    columns: dict[float, float] = {}  # each value column starts right of its longest label (`Kalibrierungsprüfung:`)
    for _, label_x, value_x, label, _, _ in fields:
        end = real_x(label_x) + stringWidth(label, CLAIMS_BOLD, LABEL_SIZE) + _VALUE_GAP
        columns[value_x] = max(columns.get(value_x, real_x(value_x)), end)
    for baseline, label_x, value_x, label, value, size in fields:
        p.text(real_x(label_x), real_y(baseline), label, LABEL_SIZE)
        p.text(columns[value_x], real_y(baseline), value, size)
    _draw_warnings(p, warnings(plan))


def warnings(plan: Plan) -> list[str]:
    """The device's warning texts in the UI language: high astigmatism per eye, AL difference between the eyes."""
    mark, texts, out = plan.case.decimal, WARNING_WORDS[plan.case.language], []
    for side, eye in plan.eyes.items():
        cyl = eye.values.k.delta_k_d
        if cyl <= -2.0:
            out.append(texts.cylinder.format(side=side, value=number(cyl, 2, mark)))
    if len(plan.eyes) == 2:
        diff = abs(plan.eyes["OD"].values.axial_length_mm - plan.eyes["OS"].values.axial_length_mm)
        if diff > 0.3:
            out.append(texts.al_difference.format(limit=number(0.3, 1, mark)))
    return out


def _draw_warnings(p: BoxPainter, texts: list[str]) -> None:
    """The grey band with a big `!` at its left and the warnings one per line (the real: one line, room for four)."""
    if not texts:
        return
    left, top, right, bottom = (real_x(WARNING_BAND[0]), real_y(WARNING_BAND[1]), real_x(WARNING_BAND[2]),
                                real_y(WARNING_BAND[3]))  # fmt: skip
    p.band(left, top, right - left, bottom - top, WARNING_GREY)
    p.hairline_box(left - 1.6, top - 1.6, right - left + 3.2, bottom - top + 3.2)
    p.text(real_x(WARNING_MARK_X), bottom - 3.5, "!", 50)
    for i, text in enumerate(texts):
        p.text(real_x(WARNING_TEXT_X), real_y(WARNING_BASELINE + WARNING_PITCH * i), text, LABEL_SIZE)


def draw_footer(p: BoxPainter, plan: Plan) -> None:
    """`IOLMaster 700 | Version 1.90.12.05 | Generated on: 11/12/2024 1:20 PM, by Administrator. | Page 1 of 1`,
    spread across the page's foot as the real printout's, localised."""
    lang = plan.case.language
    words, footer = WORDS[lang], FOOTER_WORDS[lang]
    printed = f"{date(plan.patient.printed_date, lang)} {clock(plan.printed_time, lang)}"
    y = real_y(FOOTER_BASELINE)
    parts = ("IOLMaster 700", f"{footer.version} {plan.version}",
             f"{words.generated_on}: {printed}, {footer.by} Administrator.")  # fmt: skip
    for x, text in zip(FOOTER_X, parts, strict=True):
        p.text(real_x(x), y, text, FOOTER_SIZE)
    p.text(real_x(FOOTER_RIGHT), y, words.page_of.format(n=1, m=1), FOOTER_SIZE, "right")
    notice = _notice_picture(lang)
    top, bottom = real_y(NOTICE_TOP), real_y(NOTICE_BOTTOM)
    p.picture(real_x(NOTICE_X), top, (bottom - top) * notice.width / notice.height, bottom - top, notice)


def margin_notice(language: Language) -> str:
    """`Z E I S S | V e r s ã o  d e  T e m p l a t e  0.1 05/2012 | - C o p y r i g h t  2 0 1 2  Todos os direitos
    reservados`: letter-spaced as the real printout's, but for the template's date and the rights reserved."""
    version, rights = MARGIN_NOTICE_WORDS[language]

    def spaced(text: str) -> str:
        return "   ".join(" ".join(word) for word in text.split())

    return f"{spaced(f'ZEISS | {version}')}  0.1 05/2012 | - {spaced('Copyright 2012')}  {rights}"


@functools.cache
def _notice_picture(language: Language) -> Image.Image:
    """The margin notice as a grey-level picture, turned to read upwards."""
    text = margin_notice(language)
    font = ImageFont.truetype(str(font_path("DejaVuSans.ttf")), _NOTICE_PX)
    left, top, right, bottom = (round(v) for v in font.getbbox(text))
    picture = Image.new("L", (right - left + 4, bottom - top + 4), 255)
    ImageDraw.Draw(picture).text((2 - left, 2 - top), text, font=font, fill=0)
    return picture.rotate(90, expand=True)
