"""Synthetic ZEISS IOLMaster 700 printouts (text-layer or image-only PDF) with their ground truth."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from biometry.synth.case import Case, Plan, make_plan
from biometry.synth.draw import new_canvas
from biometry.synth.fonts import CLAIMS_BOLD, register_fonts
from biometry.synth.image import render_image_pdf
from biometry.synth.iolmaster700.analysis import draw_analysis_page
from biometry.synth.iolmaster700.box import BoxPainter
from biometry.synth.iolmaster700.calc import draw_calc_page
from biometry.synth.iolmaster700.truth import build_truth

__all__ = ["Case", "render", "render_text_pdf"]


def render(case: Case) -> tuple[bytes, dict[str, Any]]:
    """PDF bytes and the ground-truth `BiometryResult` dict for one case."""
    plan = make_plan(case)
    pdf = render_text_pdf(plan)
    if case.image_only:
        pdf = render_image_pdf(pdf, dpi=150 + case.seed % 4 * 50, seed=case.seed)
    return pdf, build_truth(plan, pdf, "ocr" if case.image_only else "text-layer")


def render_text_pdf(plan: Plan) -> bytes:
    """Draw every page of the plan; each page is its own print job (`Page 1 of 1`)."""
    register_fonts()
    buffer = BytesIO()
    canvas = new_canvas(buffer, title="IOLMaster 700", creator="PDF Printer")
    for page in plan.pages:
        painter = BoxPainter(canvas, plan.style.overprint, body_font=CLAIMS_BOLD)
        if isinstance(page, str):
            draw_analysis_page(painter, plan, page)
        else:
            draw_calc_page(painter, plan, page)
    canvas.save()
    return buffer.getvalue()
