"""Ground truth: the `BiometryResult` a perfect parser returns for a synthetic report."""

from __future__ import annotations

from typing import Any

from biometry.models import TextSource
from biometry.synth.case import Box, EyePlan, Plan, Side
from biometry.synth.lenses import constants
from biometry.synth.truth import truth_result

PRINTED_ON_CALC_PAGE = ("axial_length_mm", "acd_mm", "lens_thickness_mm", "wtw_mm", "tk")
ANALYSIS_ONLY = ("pupil_mm", "cct_um")  # the real pt-BR printout prints CCT and pupil on analysis pages only


def build_truth(plan: Plan, pdf: bytes, text_source: TextSource) -> dict[str, Any]:
    """A validated `BiometryResult` as JSON-ready dict; only what the pages print is filled."""
    pages = plan.pages
    analysed = {page for page in pages if isinstance(page, str)}
    has_calc_page = any(not isinstance(page, str) for page in pages)
    source = {"filename": plan.case.filename, "media_type": "application/pdf", "pages": len(pages),
              "text_source": text_source}  # fmt: skip
    device = {"manufacturer": "ZEISS", "model": "IOLMaster 700", "software_version": plan.version}
    eyes = {
        side: _eye(eye, side in analysed, has_calc_page) if side in plan.eyes else None
        for side, eye in ((s, plan.eyes.get(s)) for s in ("OD", "OS"))
    }
    calculations = [
        _calculation(side, box, plan.eyes[side])
        for page in pages
        if not isinstance(page, str)
        for side, boxes in page.items()
        for box in boxes
    ]
    return truth_result(pdf, source, device, plan.patient, eyes, calculations)


def _eye(eye: EyePlan | None, has_analysis_page: bool, has_calc_page: bool) -> dict[str, Any] | None:
    if eye is None:
        return None
    v, printed = eye.values, _printed(has_analysis_page)
    values: dict[str, Any] = {
        "axial_length_mm": v.axial_length_mm,
        "acd_mm": v.acd_mm,
        "lens_thickness_mm": v.lens_thickness_mm,
        "wtw_mm": v.wtw_mm,
        "cct_um": float(v.cct_um),
        "pupil_mm": v.pupil_mm,
        "k1_d": v.k.k1_d,
        "k1_axis_deg": v.k.k1_axis_deg,
        "k2_d": v.k.k2_d,
        "k2_axis_deg": v.k.k2_axis_deg,
        "mean_k_d": v.k.mean_k_d,
        "keratometric_index": 1.3375,
        "tk1_d": v.tk.k1_d,
        "tk1_axis_deg": v.tk.k1_axis_deg,
        "tk2_d": v.tk.k2_d,
        "tk2_axis_deg": v.tk.k2_axis_deg,
    }
    out = {k: (val if _group(k) in printed - eye.missing else None) for k, val in values.items()}
    flags: dict[str, list[str]] = {f: ["not_measured"] for f in eye.missing & printed if f != "tk"}
    if "tk" in eye.missing and (has_calc_page or has_analysis_page):  # both kinds of page print `TK1: ---`
        flags.update({"tk1_d": ["not_measured"], "tk2_d": ["not_measured"]})
    flags.update({f: [flag] for f, flag in eye.flags.items()})
    return {**out, "lens_status": "phakic", "flags": dict(sorted(flags.items()))}


def _printed(has_analysis_page: bool) -> frozenset[str]:
    """Field groups the report prints (a value or `---`): calculation pages lack pupil and CCT."""
    return frozenset({*PRINTED_ON_CALC_PAGE, "k", "index", *(ANALYSIS_ONLY if has_analysis_page else ())})


def _group(field: str) -> str:
    if field.startswith("tk"):
        return "tk"
    if field.startswith(("k1", "k2", "mean_k")):
        return "k"
    return "index" if field == "keratometric_index" else field


def _calculation(side: Side, box: Box, eye: EyePlan) -> dict[str, Any]:
    table = box.table
    return {
        "eye": side,
        "formula": box.formula,
        "iol_model": box.lens.model,
        "iol_manufacturer": box.lens.manufacturer,
        "constants": constants(box.lens, box.formula),
        "target_refraction_d": eye.target_d,
        "rows": [
            {"iol_power_d": p, "refraction_d": r, "selected": i == table.selected}
            for i, (p, r) in enumerate(table.rows)
        ],
        "emmetropia_power_d": None if box.formula == "Holladay 2" else table.emmetropia_power_d,
    }
