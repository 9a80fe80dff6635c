"""Draws the one A4 page of an EyeSuite IOL report: header, OD | OS halves, measurements, lens blocks, footer."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from biometry.synth.draw import Painter
from biometry.synth.eyesuite_plan import Block, EyesuiteEye, EyesuitePlan, Side, constants_line
from biometry.synth.fonts import BOLD
from biometry.synth.values import KERATOMETRIC_INDEX

HALF_X: dict[Side, float] = {"OD": 30.0, "OS": 310.0}
EYE_WORDS: dict[Side, str] = {"OD": "right eye", "OS": "left eye"}
MEASURE_TOP, LEADING, VALUE_DX = 150.0, 13.0, 82.0
IOL_TOP, BLOCK_W, BLOCK_H = 420.0, 136.0, 150.0
SIZE = 9.5
MISSING = "---"


def draw_page(p: Painter, plan: EyesuitePlan) -> None:
    """The whole page; OD in the left half, OS in the right half, a vertical rule between them."""
    _header(p, plan)
    p.box(297.5, 92, 0, 712)
    for side, eye in plan.eyes.items():
        x = HALF_X[side]
        p.real_bold(x, 112, side, 18)
        p.text(x + 34, 104, EYE_WORDS[side], 9)
        p.text(x + 34, 115, "Phakic", 9)
        y = _measurements(p, plan, eye, x)
        for i, text in enumerate(eye.warnings):
            p.text(x, y + 12 * i, f"{i + 1}: {text}", 7.5)
        _iol_section(p, eye, x)
    _footer(p, plan)
    p.finish()


def _header(p: Painter, plan: EyesuitePlan) -> None:
    pat, lenstar = plan.patient, plan.case.model == "lenstar"
    p.real_bold(30, 36, "EyeSuite IOL" + (" - Lenstar" if lenstar else ""), 14)
    p.text(565, 30, "Haag-Streit", 9, "right")
    printed = f"{pat.printed_date.month}/{pat.printed_date.day}/{pat.printed_date:%y} - 3:10 PM"
    p.text(565, 42, printed, 8, "right")
    p.text(30, 62, f"Patient: {pat.name}", 8.5)
    p.text(250, 62, f"Patient ID: {pat.patient_id}", 8.5)
    p.text(420, 62, f"DOB: {pat.birth_date.month}/{pat.birth_date.day}/{pat.birth_date.year}", 8.5)
    p.text(30, 75, f"Physician: {pat.physician}", 8)
    p.text(250, 75, f"Operator: {pat.operator}", 8)


def measurement_rows(plan: EyesuitePlan, eye: EyesuiteEye) -> list[tuple[str, str]]:
    """(label, value) pairs as printed, `---` for what was not measured."""
    v, k, lenstar = eye.values, eye.values.k, plan.case.model == "lenstar"

    def shown(field: str, text: str) -> str:
        return MISSING if field in eye.missing else text

    r_mean = round((k.r1_mm + k.r2_mm) / 2, 2)
    rows = [
        ("AL [mm]", f"{v.axial_length_mm:.2f}"),
        ("CCT [µm]", f"{v.cct_um}"),
        ("AD [mm]", f"{eye.aqueous_depth_mm:.2f}"),
        ("ACD [mm]", f"{v.acd_mm:.2f}"),
        ("LT [mm]", shown("lens_thickness_mm", f"{v.lens_thickness_mm:.2f}")),
        ("WTW [mm]", shown("wtw_mm", f"{v.wtw_mm:.2f}")),
        ("K1 [D/mm/°]", f"{k.k1_d:.2f}/{k.r1_mm:.2f}@ {k.k1_axis_deg}"),
        ("K2 [D/mm/°]", f"{k.k2_d:.2f}/{k.r2_mm:.2f}@ {k.k2_axis_deg}"),
        ("K [D/mm]", f"{k.mean_k_d:.2f}/{r_mean:.2f}"),
        ("AST [D/°]" if lenstar else "+AST [D/°]", f"{k.k2_d - k.k1_d:.2f} @ {k.k2_axis_deg}"),
    ]
    if lenstar:
        return [*rows, ("PD [mm]", shown("pupil_mm", f"{v.pupil_mm:.2f}"))]
    return [
        *rows,
        ("Q", shown("q", f"{eye.q:.2f}")),
        ("SimPK1 [D]", f"{eye.simpk[0]:.2f}"),
        ("SimPK2 [D]", f"{eye.simpk[1]:.2f}"),
    ]


def _measurements(p: Painter, plan: EyesuitePlan, eye: EyesuiteEye, x: float) -> float:
    """The label/value column, the index, the measurement line; returns the y below them."""
    rows = measurement_rows(plan, eye)
    for i, (label, value) in enumerate(rows):
        p.text(x, MEASURE_TOP + LEADING * i, label, SIZE)
        p.text(x + VALUE_DX, MEASURE_TOP + LEADING * i, value, SIZE)
    y = MEASURE_TOP + LEADING * len(rows) + 4
    p.text(x, y, f"(n={KERATOMETRIC_INDEX})", 8)
    exam, device = plan.patient.exam_date, "LS 900" if plan.case.model == "lenstar" else "ES 900"
    p.text(x, y + 14, f"{device} {exam:%b} {exam.day}, {exam.year} - {plan.case.seed % 3}", 8)
    return y + 32


def _iol_section(p: Painter, eye: EyesuiteEye, x: float) -> None:
    p.real_bold(x, IOL_TOP, "IOL calculation", 10)
    p.text(x, IOL_TOP + 14, f"Target refraction: {eye.target_d:.2f} D", 8)
    for i, block in enumerate(eye.blocks):
        _block(p, block, x + BLOCK_W * (i % 2), IOL_TOP + 34 + BLOCK_H * (i // 2))


def _block(p: Painter, block: Block, x: float, y: float) -> None:
    """Model line, manufacturer line, `IOL [D] | Eye [D]`, five rows (middle bold and boxed), caption, constants."""
    p.real_bold(x, y, block.lens.model, 8)
    p.text(x, y + 11, block.lens.manufacturer, 8)
    if block.table is None:
        p.text(x, y + 40, "No appropriate lens", 8)
        p.text(x, y + 51, "model found", 8)
    else:
        p.text(x, y + 25, "IOL [D] | Eye [D]", 8)
        for i, (power, refraction) in enumerate(block.table.rows):
            yy = y + 40 + 13 * i
            if i == block.table.selected:
                p.box(x - 4, yy - 10.5, 96, 14)
                _bold_right(p, x + 34, yy, f"{power:.2f}")
                _bold_right(p, x + 84, yy, f"{refraction:.2f}")
            else:
                p.text(x + 34, yy, f"{power:.2f}", SIZE, "right")
                p.text(x + 84, yy, f"{refraction:.2f}", SIZE, "right")
    p.text(x, y + 112, block.caption, 8)
    p.text(x, y + 123, constants_line(block.lens, block.caption), 7)


def _bold_right(p: Painter, x: float, y: float, text: str) -> None:
    p.real_bold(x - stringWidth(text, BOLD, SIZE), y, text, SIZE)


def _footer(p: Painter, plan: EyesuitePlan) -> None:
    p.text(30, 822, f"EyeSuite IOL, V{plan.version}", 7)
    p.text(565, 822, "Haag-Streit AG, 3098 Koeniz, Switzerland", 7, "right")
