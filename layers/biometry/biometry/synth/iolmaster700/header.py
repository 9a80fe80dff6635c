"""Parts on every page: the report header, the warning box under it, and the footer."""

from __future__ import annotations

from biometry.synth.case import Plan
from biometry.synth.draw import Painter
from biometry.synth.l10n import WORDS, date, number

CONTENT_TOP = 230.0  # the eye labels start at ~27 % of the page on real printouts, under header and warnings
# The real printout's header: labels and the clinic's lines in 8.04 pt, the values after the labels in 9 pt, rows
# 11.3 pt apart. Each column's values start clear of its longest label in every language (`Fecha de calibración:`).
LABEL_SIZE, VALUE_SIZE, ROW_PITCH = 8.0, 9.0, 11.5
_VALUE_OFFSET = {40: 90.0, 225: 82.0, 400: 122.0}
_CLINIC = ("Sample Eye Clinic", "1 Example Street", "Demo City")


def draw_header(p: Painter, plan: Plan, title: str) -> None:
    """Title, clinic, patient (`LAST, FIRST`), dates, staff, `n: 1,3375`, `CVD: 12,00 mm`, warnings."""
    words, lang, mark, pat = WORDS[plan.case.language], plan.case.language, plan.case.decimal, plan.patient
    if title:  # the analysis page centres its own title beside the eye label
        p.text(250, CONTENT_TOP + 10, title, 10)
    for i, line in enumerate(_CLINIC):
        p.text(440, 22 + 10 * i, line, LABEL_SIZE)
    p.overprint(40, 52, pat.name, 10)
    fields = (
        (40, 0, words.birth_date, date(pat.birth_date, lang)),
        (40, 1, words.patient_id, pat.patient_id),
        (225, 0, words.physician, pat.physician),
        (225, 1, words.operator, pat.operator),
        (225, 2, words.measured, date(pat.exam_date, lang)),
        (400, 0, words.calibration, date(pat.calibration_date, lang)),
        (400, 1, "n", number(1.3375, 4, mark)),
        (400, 2, "CVD", f"{number(12.0, 2, mark)} mm"),
    )
    for x, row, label, value in fields:
        p.text(x, 66 + ROW_PITCH * row, f"{label}:", LABEL_SIZE)
        p.text(x + _VALUE_OFFSET[x], 66 + ROW_PITCH * row, value, VALUE_SIZE)
    _draw_warnings(p, warnings(plan))


def warnings(plan: Plan) -> list[str]:
    """The device's warning texts: high astigmatism per eye, AL difference between the eyes."""
    mark, out = plan.case.decimal, []
    for side, eye in plan.eyes.items():
        cyl = eye.values.k.delta_k_d
        if cyl <= -2.0:
            out.append(f"{side}: Cylinder: {number(cyl, 2, mark)} D. Note: high astigmatism")
    if len(plan.eyes) == 2:
        diff = abs(plan.eyes["OD"].values.axial_length_mm - plan.eyes["OS"].values.axial_length_mm)
        if diff > 0.3:
            out.append(f"OD/OS: AL difference > {number(0.3, 1, mark)} mm. Please check the measurements.")
    return out


def _draw_warnings(p: Painter, texts: list[str]) -> None:
    if not texts:
        return
    p.box(38, 160, 519, 4 + 10 * len(texts))
    for i, text in enumerate(texts):
        p.overprint(44, 169 + 10 * i, "!", 8)
        p.text(54, 169 + 10 * i, text, 7)


def draw_footer(p: Painter, plan: Plan) -> None:
    """`IOLMaster 700  Version 1.90.12.05  Generated on: 11/12/2024  Page 1 of 1`, localised."""
    words = WORDS[plan.case.language]
    printed = date(plan.patient.printed_date, plan.case.language)
    page = words.page_of.format(n=1, m=1)
    p.text(40, 825, f"IOLMaster 700  Version {plan.version}  {words.generated_on}: {printed}  {page}", 7)
