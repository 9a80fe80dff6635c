"""Synthetic ZEISS IOLMaster 500 printouts (text-layer or image-only PDF) with their ground truth."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from io import BytesIO
from typing import Any, get_args

from biometry.models import BiometryResult, TextSource
from biometry.synth.draw import new_canvas
from biometry.synth.image import render_image_pdf
from biometry.synth.iolmaster500.pages import PAGE_H, PAGE_W, Sheet, draw_iol_page, draw_mmt_page
from biometry.synth.iolmaster500.plan import (
    REPORT_TITLE,
    Box500,
    Eye500,
    Iom500Case,
    Layout500,
    Plan500,
    Side,
    constants_500,
    make_plan,
)

__all__ = ["Iom500Case", "cases", "render", "render_text_pdf"]
LAYOUTS_500: tuple[Layout500, ...] = get_args(Layout500)
SCAN_DPI = 300  # at 200 dpi tesseract reads the Courier decimal point as `:` or `..` in about a third of numbers


def render(case: Iom500Case) -> tuple[bytes, dict[str, Any]]:
    """PDF bytes and the ground-truth `BiometryResult` dict for one case."""
    plan = make_plan(case)
    pdf = render_text_pdf(plan)
    if case.image_only:
        pdf = render_image_pdf(pdf, dpi=SCAN_DPI, seed=case.seed)
    return pdf, build_truth(plan, pdf, "ocr" if case.image_only else "text-layer")


def cases(n: int, seed: int = 0, image_share: float = 0.2) -> Iterator[Iom500Case]:
    """`n` cases cycling through the layouts; image variant, missing values and anisometropia by seed."""
    rng = random.Random(f"iom500-corpus:{seed}")
    for i in range(n):
        layout = LAYOUTS_500[i % len(LAYOUTS_500)]
        image_only = rng.random() < image_share
        case_seed = rng.randrange(2**31)
        missing_rate = rng.choice((0.0, 0.06, 0.06, 0.25))
        name = f"iolm500-{seed}-{i:04d}-{layout}{'-scan' if image_only else ''}"
        yield Iom500Case(case_seed, layout, image_only, missing_rate, anisometropia=rng.random() < 0.1, name=name)


def render_text_pdf(plan: Plan500) -> bytes:
    """Draw the MMT page (if any) and one page per IOL formula; the PDF title names the report type."""
    buffer = BytesIO()
    first = "MMT-Full" if plan.has_mmt else REPORT_TITLE[plan.iol_pages[0].formula]
    canvas = new_canvas(buffer, title=first, creator="IOLMaster", pagesize=(PAGE_W, PAGE_H))
    sheet = Sheet(canvas, plan.bold_font)
    if plan.has_mmt:
        draw_mmt_page(sheet, plan)
    for page in plan.iol_pages:
        draw_iol_page(sheet, plan, page)
    canvas.save()
    return buffer.getvalue()


def build_truth(plan: Plan500, pdf: bytes, text_source: TextSource) -> dict[str, Any]:
    """A validated `BiometryResult` as a JSON-ready dict; only what the pages print is filled."""
    result = {
        "document_id": hashlib.sha256(pdf).hexdigest(),
        "source": {
            "filename": plan.case.filename,
            "media_type": "application/pdf",
            "pages": int(plan.has_mmt) + len(plan.iol_pages),
            "text_source": text_source,
        },
        "device": {"manufacturer": "ZEISS", "model": "IOLMaster 500", "software_version": plan.version},
        "exam_date": plan.patient.exam_date.isoformat(),
        "patient": {
            "name": plan.patient.name,
            "id": plan.patient.patient_id,
            "birth_date": plan.patient.birth_date.isoformat(),
            "sex": None,
        },
        "eyes": {side: _eye(plan, plan.eyes[side]) if side in plan.eyes else None for side in ("OD", "OS")},
        "iol_calculations": [
            _calculation(side, box, page.formula, plan.eyes[side])
            for page in plan.iol_pages
            for side, boxes in page.boxes.items()
            for box in boxes
        ],
        "status": "accepted",
        "extraction": {"method": "regex", "parser": "truth", "confidence": 1.0, "issues": [], "provenance": {}},
    }
    return BiometryResult.model_validate(result).model_dump(mode="json")


def _eye(plan: Plan500, eye: Eye500) -> dict[str, Any]:
    v, k = eye.values, eye.values.k
    values: dict[str, Any] = {"axial_length_mm": v.axial_length_mm, "acd_mm": v.acd_mm, "keratometric_index": 1.3375}
    if "k" not in eye.missing:
        values |= {"k1_d": k.k1_d, "k1_axis_deg": k.k1_axis_deg, "k1_radius_mm": k.r1_mm}
        values |= {"k2_d": k.k2_d, "k2_axis_deg": k.k2_axis_deg, "k2_radius_mm": k.r2_mm}
    if plan.show_wtw and plan.has_mmt:
        values["wtw_mm"] = v.wtw_mm
    values = {f: val for f, val in values.items() if f not in eye.missing}
    printed = {"axial_length_mm", "acd_mm", "k"} | ({"wtw_mm"} if plan.show_wtw and plan.has_mmt else set())
    flags: dict[str, list[str]] = {}
    for field in sorted(eye.missing & printed):
        for name in ("k1_d", "k2_d") if field == "k" else (field,):
            flags[name] = ["not_measured"]
    if eye.borderline:
        flags["axial_length_mm"] = ["borderline"]
    return {**values, "lens_status": "phakic", "flags": flags}


def _calculation(side: Side, box: Box500, formula: str, eye: Eye500) -> dict[str, Any]:
    table = box.table
    return {
        "eye": side,
        "formula": formula,
        "iol_model": box.lens.model,
        "iol_manufacturer": box.lens.manufacturer,
        "constants": constants_500(box.lens, formula),
        "target_refraction_d": eye.target_d,
        "rows": [
            {"iol_power_d": p, "refraction_d": r, "selected": i == table.selected}
            for i, (p, r) in enumerate(table.rows)
        ],
        "emmetropia_power_d": table.emmetropia_power_d,
    }
