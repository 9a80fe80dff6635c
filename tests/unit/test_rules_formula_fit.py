"""The ZEISS printouts' SRK/T, Haigis and SRK II boxes are the published formulas' numbers from the eye's printed
values: read by OCR, a box that does not fit them holds a misread, even of a value printed once (AL, ACD, mean K)."""

from __future__ import annotations

import pytest

from biometry.models import Device, Extraction, Eye, IolCalculation, IolRow, Source
from biometry.rules import check_formula_fit
from biometry.validate import validate
from tests.factories import result_of

# The real IOLMaster 500's OD (exam 1) and three of its boxes, as printed.
_OD = {"axial_length_mm": 23.41, "acd_mm": 3.38, "k1_d": 42.51, "k2_d": 43.77, "mean_k_d": 43.14}
_BOXES = {
    "SRK/T": ({"a_constant": 119.1}, 22.1, [(23.5, -0.98), (23.0, -0.62), (22.5, -0.28), (22.0, 0.07), (21.5, 0.41),
                                             (21.0, 0.74), (20.5, 1.07)]),
    "Haigis": ({"a0": -0.705, "a1": 0.4, "a2": 0.1}, 18.62, [(20.0, -1.15), (19.5, -0.73), (19.0, -0.31), (18.5, 0.1),
                                                              (18.0, 0.51), (17.5, 0.91), (17.0, 1.3)]),
    "SRK II": ({"a_constant": 115.3}, 17.96, [(19.5, -1.2), (19.0, -0.8), (18.5, -0.4), (18.0, 0.0), (17.5, 0.4),
                                               (17.0, 0.8), (16.5, 1.2)]),
}  # fmt: skip


def _box(formula: str) -> IolCalculation:
    constants, emmetropia, pairs = _BOXES[formula]
    rows = [IolRow(iol_power_d=p, refraction_d=r, selected=i == 3) for i, (p, r) in enumerate(pairs)]
    return IolCalculation(eye="OD", formula=formula, iol_model="MA60AC", constants=constants,
                          target_refraction_d=0.0, rows=rows, emmetropia_power_d=emmetropia)  # fmt: skip


def _codes(formula: str, read: dict[str, float], *, device: str = "IOLMaster 500") -> set[str]:
    eye = Eye.model_validate({**_OD, **read})
    return {issue.code for issue in check_formula_fit(0, _box(formula), eye, device)}


@pytest.mark.parametrize("formula", list(_BOXES))
def test_the_real_boxes_fit_their_published_formula(formula: str) -> None:
    assert "iol_formula_mismatch" not in _codes(formula, {})


@pytest.mark.parametrize(
    ("formula", "misread"),
    [
        ("SRK/T", {"axial_length_mm": 28.41}),  # a digit of a value printed once
        ("SRK/T", {"axial_length_mm": 23.47}),  # its second decimal: 0.15 D of IOL power
        ("SRK/T", {"mean_k_d": 43.74}),
        ("Haigis", {"acd_mm": 3.88}),
        ("SRK II", {"axial_length_mm": 23.71}),
    ],
)
def test_an_ocr_misread_of_the_biometry_is_doubted_by_the_box(formula: str, misread: dict[str, float]) -> None:
    assert "iol_formula_mismatch" in _codes(formula, misread)


def test_a_device_whose_formulas_are_not_known_to_be_the_published_ones_is_not_asked() -> None:
    assert "iol_formula_mismatch" not in _codes("SRK/T", {"axial_length_mm": 28.41}, device="Eyestar 900")


def test_a_misread_index_moves_haigis_corneal_radius_off_the_box() -> None:
    assert "iol_formula_mismatch" in _codes("Haigis", {"keratometric_index": 1.3315})  # `1,3375` read `1,3315`


def _validated_codes(text_source: str, method: str, eyes: dict[str, dict[str, float]]) -> list[tuple[str, str | None]]:
    source = Source(filename="scan.pdf", media_type="application/pdf", pages=1, text_source=text_source)  # type: ignore[arg-type]
    device = Device(manufacturer="ZEISS", model="IOLMaster 500")
    extraction = Extraction(method=method, parser="test@0", confidence=1.0)  # type: ignore[arg-type]
    result = result_of(source=source, device=device, eyes=eyes, iol_calculations=[_box("SRK/T")], extraction=extraction)
    issues = validate(result, None).extraction.issues
    return [(issue.code, issue.eye) for issue in issues if issue.code == "iol_formula_mismatch"]


def test_the_validator_asks_each_box_of_its_own_eye_as_read_by_ocr() -> None:
    eyes = {"OD": {**_OD, "axial_length_mm": 28.41}, "OS": _OD}
    assert _validated_codes("ocr", "regex", eyes) == [("iol_formula_mismatch", "OD")]
    assert _validated_codes("ocr", "regex", {"OD": _OD, "OS": {**_OD, "axial_length_mm": 28.41}}) == []


def test_the_validator_asks_an_llms_values_on_a_text_layer_but_not_the_text_layers_own() -> None:
    eyes = {"OD": {**_OD, "axial_length_mm": 28.41}}  # the other eye's AL written for this one
    assert _validated_codes("text-layer", "gpu_llm", eyes) == [("iol_formula_mismatch", "OD")]
    assert _validated_codes("text-layer", "regex", eyes) == []
