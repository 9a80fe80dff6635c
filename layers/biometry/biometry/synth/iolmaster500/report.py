"""Synthetic ZEISS IOLMaster 500 printouts as the device delivers them (page images, no text layer), with truth.

The real device prints through its DICOM/print path: every page is one image (the real report's six frames are
1164 x 1678 px on 598.6 x 863 pt, 140 dpi) and no text layer, so a generated printout is page images too:
`image_only=False` gives the clean frames the device stores, `image_only=True` a scan of the printed pages.
`render_text_pdf` keeps the drawing before rasterisation (fonts, a text layer) for fast layout tests.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator, Sequence
from io import BytesIO
from typing import Any, get_args

import pypdfium2 as pdfium
from PIL import Image

from biometry.synth.draw import new_canvas
from biometry.synth.fonts import register_fonts
from biometry.synth.image import render_image_pdf
from biometry.synth.iolmaster500.hinted import DeviceRun, draw_runs
from biometry.synth.iolmaster500.iolpages import draw_iol_page, mean_k
from biometry.synth.iolmaster500.pages import draw_al_page, draw_measurement_page, draw_wtw_page
from biometry.synth.iolmaster500.plan import (
    Box500,
    Iom500Case,
    Layout500,
    Plan500,
    Side,
    constants_500,
    make_plan,
)
from biometry.synth.iolmaster500.sheet import PAGE_H, PAGE_W, Sheet
from biometry.synth.truth import truth_result

__all__ = ["Iom500Case", "cases", "render", "render_drawing", "render_frames", "render_text_pdf"]
LAYOUTS_500: tuple[Layout500, ...] = get_args(Layout500)
DEVICE_DPI = 140  # the real frames: 1164 px across 598.6 pt
FRAME_JPEG_QUALITY = 75  # the real frames' quantisation tables are libjpeg's quality 75
SCAN_DPI = 300
_FIXED_DATE = time.gmtime(946684800)  # byte-identical output for a seed


def render(case: Iom500Case) -> tuple[bytes, dict[str, Any]]:
    """PDF bytes (page images) and the ground-truth `BiometryResult` dict for one case."""
    plan = make_plan(case)
    if case.image_only:
        pdf = render_image_pdf(render_text_pdf(plan), dpi=SCAN_DPI, seed=case.seed)
    else:
        pdf = render_frames(plan)
    return pdf, build_truth(plan, pdf, "ocr")


def render_frames(plan: Plan500) -> bytes:
    """The plan's pages as the device stores them: frames, its hinted type drawn on them."""
    runs: list[DeviceRun] = []
    return device_frames(_draw(plan, runs), runs)


def render_drawing(case: Iom500Case) -> tuple[bytes, dict[str, Any]]:
    """The drawing before the device rasterises it (same layout, with a text layer) and its truth: for tests that
    need the printed words without OCR. Never a corpus document: the device delivers page images."""
    plan = make_plan(case)
    drawing = render_text_pdf(plan)
    return drawing, build_truth(plan, drawing, "text-layer")


def cases(n: int, seed: int = 0, image_share: float = 0.2) -> Iterator[Iom500Case]:
    """`n` cases cycling through the layouts; scanned share, missing values and anisometropia by seed."""
    rng = random.Random(f"iom500-corpus:{seed}")
    for i in range(n):
        layout = LAYOUTS_500[i % len(LAYOUTS_500)]
        image_only = rng.random() < image_share
        case_seed = rng.randrange(2**31)
        missing_rate = rng.choice((0.0, 0.06, 0.06, 0.25))
        name = f"iolm500-{seed}-{i:04d}-{layout}{'-scan' if image_only else ''}"
        yield Iom500Case(case_seed, layout, image_only, missing_rate, anisometropia=rng.random() < 0.1, name=name)


def render_text_pdf(plan: Plan500) -> bytes:
    """The drawing of every page in the device's order: measurements, AL graphs, white-to-white, IOL pages."""
    return _draw(plan, None)


def _draw(plan: Plan500, device_runs: list[DeviceRun] | None) -> bytes:
    """The drawing; with `device_runs` a list, the type the device hints is collected there instead of drawn."""
    register_fonts()  # the Δ of `ΔK:` (Courier has none)
    buffer = BytesIO()
    canvas = new_canvas(buffer, title="IOLMaster 500", creator="IOLMaster", pagesize=(PAGE_W, PAGE_H))
    sheet = Sheet(canvas, device_runs)
    if plan.has_mmt:
        draw_measurement_page(sheet, plan)
    if plan.al_pages:
        for side in plan.eyes:
            draw_al_page(sheet, plan, side)
    if plan.wtw_page:
        draw_wtw_page(sheet, plan)
    for page in plan.iol_pages:
        draw_iol_page(sheet, plan, page)
    canvas.save()
    return buffer.getvalue()


def device_frames(drawing: bytes, device_runs: Sequence[DeviceRun] = ()) -> bytes:
    """The pages as the device stores them: one 140-dpi colour frame per page, no text layer; the runs of type the
    drawing left out (`_draw`) drawn hinted on them (`hinted`)."""
    document = pdfium.PdfDocument(drawing)
    try:
        frames = [_frame(page) for page in document]
    finally:
        document.close()
    for index, frame in enumerate(frames):
        draw_runs(frame, [run for run in device_runs if run.page == index], DEVICE_DPI)
    buffer = BytesIO()
    frames[0].save(buffer, "PDF", save_all=True, append_images=frames[1:], resolution=float(DEVICE_DPI),
                   quality=FRAME_JPEG_QUALITY, creationDate=_FIXED_DATE, modDate=_FIXED_DATE)  # fmt: skip
    return buffer.getvalue()


def _frame(page: pdfium.PdfPage) -> Image.Image:
    """One page as the device stores it: rules and glyphs without anti-aliasing (the real frames' type is one-pixel
    black strokes, no grey edge), JPEG (DCT) in the PDF."""
    bitmap = page.render(scale=DEVICE_DPI / 72, no_smoothpath=True, no_smoothtext=True)
    frame: Image.Image = bitmap.to_pil().convert("RGB")
    return frame


def build_truth(plan: Plan500, pdf: bytes, text_source: str) -> dict[str, Any]:
    """A validated `BiometryResult` as a JSON-ready dict; only what the pages print is filled."""
    source = {"filename": plan.case.filename, "media_type": "application/pdf", "pages": plan.page_count,
              "text_source": text_source}  # fmt: skip
    device = {"manufacturer": "ZEISS", "model": "IOLMaster 500", "software_version": plan.version}
    eyes = {side: _eye(plan, side) if side in plan.eyes else None for side in ("OD", "OS")}
    calculations = [
        _calculation(side, box, plan.target_d)
        for page in plan.iol_pages
        for side, boxes in page.boxes.items()
        for box in boxes
    ]
    return truth_result(pdf, source, device, plan.patient, eyes, calculations)


def _eye(plan: Plan500, side: Side) -> dict[str, Any]:
    """What the pages print as results: the measurement page's composite, MV and ACD; the summaries' K lines and
    R / SE; the white-to-white page's selected WTW and pupil."""
    eye = plan.eyes[side]
    v, k = eye.values, eye.values.k
    summaries = bool(plan.iol_pages)
    values: dict[str, Any] = {"axial_length_mm": v.axial_length_mm, "acd_mm": v.acd_mm, "keratometric_index": 1.3375}
    if "k" not in eye.missing:
        values |= {"k1_d": k.k1_d, "k2_d": k.k2_d}
        if summaries:
            values |= {"k1_axis_deg": k.k1_axis_deg, "k1_radius_mm": k.r1_mm, "mean_k_d": mean_k(eye)[1]}
            values |= {"k2_axis_deg": k.k2_axis_deg, "k2_radius_mm": k.r2_mm}
    if plan.wtw_page:
        values |= {"wtw_mm": v.wtw_mm, "pupil_mm": v.pupil_mm}
    values = {f: val for f, val in values.items() if f not in eye.missing}
    flags: dict[str, list[str]] = {}
    for field in sorted(eye.missing):
        for name in ("k1_d", "k2_d") if field == "k" else (field,):
            flags[name] = ["not_measured"]
    if eye.borderline:
        flags["axial_length_mm"] = ["borderline"]
    return {**values, "lens_status": "phakic", "flags": flags}


def _calculation(side: Side, box: Box500, target_d: float) -> dict[str, Any]:
    table = box.table
    return {
        "eye": side,
        "formula": box.formula,
        "iol_model": box.lens.model,
        "iol_manufacturer": None,
        "constants": constants_500(box),
        "target_refraction_d": target_d,
        "rows": [
            {"iol_power_d": p, "refraction_d": r, "selected": i == table.selected}
            for i, (p, r) in enumerate(table.rows)
        ],
        "emmetropia_power_d": table.emmetropia_power_d,
    }
