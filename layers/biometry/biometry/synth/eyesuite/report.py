"""Synthetic Haag-Streit EyeSuite IOL reports (Eyestar 900, Lenstar LS 900), text-layer or image-only, with truth."""

from __future__ import annotations

import random
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from biometry.models import TextSource
from biometry.synth.draw import Painter, new_canvas
from biometry.synth.eyesuite.draw import draw_page
from biometry.synth.eyesuite.plan import (
    FORMULAS,
    EyesuiteCase,
    EyesuiteEye,
    EyesuitePlan,
    Model,
    Side,
    WarningLanguage,
    constants,
    make_plan,
)
from biometry.synth.fonts import register_fonts
from biometry.synth.image import render_image_pdf
from biometry.synth.truth import truth_result

__all__ = ["EyesuiteCase", "cases", "render", "render_text_pdf"]
DEVICE_MODEL: dict[Model, str] = {"eyestar": "Eyestar 900", "lenstar": "Lenstar LS 900"}
_NO_OVERPRINT = ((0.0, 0.0),)


def render(case: EyesuiteCase) -> tuple[bytes, dict[str, Any]]:
    """PDF bytes and the ground-truth `BiometryResult` dict for one case."""
    plan = make_plan(case)
    pdf = render_text_pdf(plan)
    if case.image_only:
        pdf = render_image_pdf(pdf, dpi=250 + case.seed % 2 * 50, seed=case.seed)
    return pdf, build_truth(plan, pdf, "ocr" if case.image_only else "text-layer")


def render_text_pdf(plan: EyesuitePlan) -> bytes:
    """The report with a text layer (real bold fonts, no overprinting), one page per two rows of lens blocks."""
    register_fonts()
    buffer = BytesIO()
    canvas = new_canvas(buffer, title="IOL Report", creator="EyeSuite")
    for page in range(plan.pages):
        draw_page(Painter(canvas, _NO_OVERPRINT), plan, page)
    canvas.save()
    return buffer.getvalue()


def cases(n: int, seed: int = 0, image_share: float = 0.25) -> Iterator[EyesuiteCase]:
    """`n` cases alternating Eyestar 900 / Lenstar LS 900; warning language and image variant by seed."""
    rng = random.Random(f"eyesuite-corpus:{seed}")
    languages: tuple[WarningLanguage, ...] = ("en", "en", "de", "fr")
    for i in range(n):
        model: Model = "eyestar" if i % 3 else "lenstar"
        image_only = rng.random() < image_share
        language = rng.choice(languages)
        yield EyesuiteCase(
            seed=rng.randrange(2**31),
            model=model,
            image_only=image_only,
            warning_language=language,
            anisometropia=rng.random() < 0.1,
            name=f"eyesuite-{seed}-{i:04d}-{model}-{language}{'-scan' if image_only else ''}",
        )


def build_truth(plan: EyesuitePlan, pdf: bytes, text_source: TextSource) -> dict[str, Any]:
    """The validated `BiometryResult` a perfect parser returns, as a JSON-ready dict."""
    source = {"filename": plan.case.filename, "media_type": "application/pdf", "pages": plan.pages,
              "text_source": text_source}  # fmt: skip
    device = {"manufacturer": "Haag-Streit", "model": DEVICE_MODEL[plan.case.model], "software_version": plan.version}
    eyes: dict[str, Any] = {side: _eye(plan, eye) for side, eye in plan.eyes.items()}
    calculations = [calc for side, eye in plan.eyes.items() for calc in _calculations(side, eye)]
    return truth_result(pdf, source, device, plan.patient, eyes, calculations)


def _eye(plan: EyesuitePlan, eye: EyesuiteEye) -> dict[str, Any]:
    v, k = eye.values, eye.values.k
    values: dict[str, Any] = {
        "axial_length_mm": v.axial_length_mm,
        "k1_d": k.k1_d,
        "k1_axis_deg": k.k1_axis_deg,
        "k2_d": k.k2_d,
        "k2_axis_deg": k.k2_axis_deg,
        "k1_radius_mm": k.r1_mm,
        "k2_radius_mm": k.r2_mm,
        "mean_k_d": k.mean_k_d,
        "keratometric_index": 1.3375,
        "acd_mm": v.acd_mm,
        "aqueous_depth_mm": eye.aqueous_depth_mm,
        "lens_thickness_mm": v.lens_thickness_mm,
        "wtw_mm": v.wtw_mm,
        "cct_um": float(v.cct_um),
        "pupil_mm": v.pupil_mm if plan.case.model == "lenstar" else None,
    }
    missing = eye.missing & set(values)
    flags = {field: ["not_measured"] for field in sorted(missing)}
    return {
        **{k: (None if k in missing else val) for k, val in values.items()},
        "lens_status": "phakic",
        "flags": flags,
    }


def _calculations(side: Side, eye: EyesuiteEye) -> list[dict[str, Any]]:
    """One calculation per lens block with a table; a box printed without rows has none."""
    return [
        {
            "eye": side,
            "formula": FORMULAS[block.caption],
            "iol_model": block.lens.model,
            "iol_manufacturer": block.lens.manufacturer,
            "constants": constants(block.lens, block.caption),
            "target_refraction_d": eye.target_d,
            "rows": [
                {"iol_power_d": p, "refraction_d": r, "selected": i == block.table.selected}
                for i, (p, r) in enumerate(block.table.rows)
            ],
            "emmetropia_power_d": None,
        }
        for block in eye.blocks
        if block.table is not None
    ]
