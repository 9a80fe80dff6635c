"""Reports from devices no regex parser knows, with ground truth, to evaluate the LLM tier.

THE LAYOUT AND THE DEVICE NAMES ARE INVENTED. No real device prints this page: one table with a row per
measurement and a column per eye, then one IOL table per eye. Fictional names (not Argos, OA-2000, ...) keep
a real parser for a real long-tail device from ever claiming these pages. The values, patients, lenses and
IOL tables come from the same generators as the IOLMaster 700 reports.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from biometry.synth.case import Case
from biometry.synth.draw import Painter, new_canvas
from biometry.synth.fonts import register_fonts
from biometry.synth.iol import IolTable, iol_table
from biometry.synth.l10n import DecimalMark, number
from biometry.synth.lenses import FORMULAS, LENSES, Lens, constants, constants_line
from biometry.synth.people import Patient, random_patient
from biometry.synth.truth import truth_result
from biometry.synth.values import KERATOMETRIC_INDEX, EyeValues, fellow_eye, random_eye

DEVICES = (
    ("Acme Optics", "OptiBio 3000", "3.2.1"),
    ("Nordlicht Medical", "AxioScan NB-2", "2.0.7"),
    ("Vistara", "EyeRuler 5", "5.11"),
)
MISSABLE = ("lens_thickness_mm", "wtw_mm", "cct_um", "pupil_mm")
_ROWS = (
    ("Axial length", "mm", "axial_length_mm", 2),
    ("Anterior chamber depth", "mm", "acd_mm", 2),
    ("Lens thickness", "mm", "lens_thickness_mm", 2),
    ("Central corneal thickness", "\u00b5m", "cct_um", 0),
    ("White-to-white", "mm", "wtw_mm", 1),
    ("Pupil diameter", "mm", "pupil_mm", 1),
)
_LEFT, _COL = 50.0, {"OD": 300.0, "OS": 450.0}


def unknown_cases(n: int, seed: int = 0) -> Iterator[Case]:
    """`n` cases for `render_unknown`, alternating decimal marks (only seed, decimal and missing_rate matter)."""
    rng = random.Random(f"unknown:{seed}")
    for i in range(n):
        case_seed = rng.randrange(2**31)
        yield Case(seed=case_seed, decimal="comma" if i % 3 == 2 else "point", name=f"unknown-{seed}-{i:04d}")


def render_unknown(case: Case) -> tuple[bytes, dict[str, Any]]:
    """A one-page text PDF of an invented biometer and the `BiometryResult` dict a perfect reader returns."""
    rng = random.Random(f"unknown-device:{case.seed}")
    device = rng.choice(DEVICES)
    patient = random_patient(rng)
    first = random_eye(rng)
    eyes = {"OD": first, "OS": fellow_eye(first, rng)}
    missing = {side: frozenset(f for f in MISSABLE if rng.random() < case.missing_rate) for side in eyes}
    lens, formula, target = rng.choice(LENSES), rng.choice(FORMULAS), rng.choice((0.0, -0.25, -0.5))
    tables = {side: iol_table(values, lens.a_constant, formula, target) for side, values in eyes.items()}
    pdf = _draw(device, patient, eyes, missing, (lens, formula, target), tables, case.decimal)
    return pdf, _truth(case, pdf, device, patient, eyes, missing, (lens, formula, target), tables)


def _draw(
    device: tuple[str, str, str],
    patient: Patient,
    eyes: dict[str, EyeValues],
    missing: dict[str, frozenset[str]],
    iol: tuple[Lens, str, float],
    tables: dict[str, IolTable],
    mark: DecimalMark,
) -> bytes:
    register_fonts()
    buffer = BytesIO()
    canvas = new_canvas(buffer, title="Biometry report")
    page = Painter(canvas, ((0.0, 0.0),))
    page.real_bold(_LEFT, 50, f"{device[0]} {device[1]} \u2013 Biometry report", size=13)
    page.text(_LEFT, 66, f"Software {device[2]}", size=7)
    for k, (label, value) in enumerate(
        (
            ("Name", patient.name),
            ("ID", patient.patient_id),
            ("Born", patient.birth_date.isoformat()),
            ("Exam", patient.exam_date.isoformat()),
        )
    ):
        page.text(_LEFT + 125 * k, 90, f"{label}: {value}", size=8)
    _draw_measurements(page, eyes, missing, mark)
    _draw_iol(page, iol, tables, mark)
    page.text(_LEFT, 800, f"Printed {patient.printed_date.isoformat()}  -  {device[1]}", size=7)
    page.finish()
    canvas.save()
    return buffer.getvalue()


def _draw_measurements(
    page: Painter, eyes: dict[str, EyeValues], missing: dict[str, frozenset[str]], mark: DecimalMark
) -> None:
    page.real_bold(_LEFT, 125, "Measurement", size=9)
    for side, x in _COL.items():
        page.real_bold(x, 125, f"{'Right' if side == 'OD' else 'Left'} eye ({side})", size=9)
    y = 145.0
    for label, unit, name, decimals in _ROWS:
        page.text(_LEFT, y, f"{label} ({unit})", size=8)
        for side, x in _COL.items():
            value = getattr(eyes[side], name)
            page.text(x, y, "---" if name in missing[side] else number(value, decimals, mark), size=8)
        y += 15
    for label, pick in (("K flat (D / mm @ \u00b0)", 1), ("K steep (D / mm @ \u00b0)", 2)):
        page.text(_LEFT, y, label, size=8)
        for side, x in _COL.items():
            k = eyes[side].k
            power, radius, axis = (k.k1_d, k.r1_mm, k.k1_axis_deg) if pick == 1 else (k.k2_d, k.r2_mm, k.k2_axis_deg)
            page.text(x, y, f"{number(power, 2, mark)} / {number(radius, 2, mark)} @ {axis}\u00b0", size=8)
        y += 15
    page.text(_LEFT, y, "Mean K (D)", size=8)
    for side, x in _COL.items():
        page.text(x, y, number(eyes[side].k.mean_k_d, 2, mark), size=8)
    page.text(_LEFT, y + 15, f"Index n = {number(KERATOMETRIC_INDEX, 4, mark)}; lens: phakic", size=8)


def _draw_iol(page: Painter, iol: tuple[Lens, str, float], tables: dict[str, IolTable], mark: DecimalMark) -> None:
    lens, formula, target = iol
    page.real_bold(_LEFT, 330, f"Lens power  |  {lens.line}  |  formula {formula}", size=9)
    page.text(_LEFT, 345, f"Target: {number(target, 2, mark, True)} D    {constants_line(lens, formula, mark)}", size=8)
    for side, x in (("OD", _LEFT), ("OS", 300.0)):
        page.real_bold(x, 370, f"{side}  power (D) / predicted (D)", size=8)
        table = tables[side]
        for i, (power, refraction) in enumerate(table.rows):
            text = f"{number(power, 2, mark, True)}   {number(refraction, 2, mark, True)}"
            if i == table.selected:
                page.real_bold(x - 10, 386 + 13 * i, f"> {text}", size=8)
            else:
                page.text(x, 386 + 13 * i, text, size=8)


def _truth(
    case: Case,
    pdf: bytes,
    device: tuple[str, str, str],
    patient: Patient,
    eyes: dict[str, EyeValues],
    missing: dict[str, frozenset[str]],
    iol: tuple[Lens, str, float],
    tables: dict[str, IolTable],
) -> dict[str, Any]:
    lens, formula, target = iol
    source = {"filename": case.filename, "media_type": "application/pdf", "pages": 1, "text_source": "text-layer"}
    device_block = {"manufacturer": device[0], "model": device[1], "software_version": device[2]}
    calculations = [
        {
            "eye": side,
            "formula": formula,
            "iol_model": lens.model,
            "iol_manufacturer": lens.manufacturer,
            "constants": constants(lens, formula),
            "target_refraction_d": target,
            "rows": [
                {"iol_power_d": p, "refraction_d": r, "selected": i == table.selected}
                for i, (p, r) in enumerate(table.rows)
            ],
            "emmetropia_power_d": None,
        }
        for side, table in tables.items()
    ]
    eyes_truth = {side: _eye(values, missing[side]) for side, values in eyes.items()}
    return truth_result(pdf, source, device_block, patient, eyes_truth, calculations, method="manual")


def _eye(values: EyeValues, missing: frozenset[str]) -> dict[str, Any]:
    printed = {
        name: float(getattr(values, name)) if name == "cct_um" else getattr(values, name) for _, _, name, _ in _ROWS
    }
    k = values.k
    return {
        **{name: (None if name in missing else value) for name, value in printed.items()},
        "k1_d": k.k1_d,
        "k1_axis_deg": k.k1_axis_deg,
        "k2_d": k.k2_d,
        "k2_axis_deg": k.k2_axis_deg,
        "k1_radius_mm": k.r1_mm,
        "k2_radius_mm": k.r2_mm,
        "mean_k_d": k.mean_k_d,
        "keratometric_index": KERATOMETRIC_INDEX,
        "lens_status": "phakic",
        "flags": {name: ["not_measured"] for name in sorted(missing)},
    }
