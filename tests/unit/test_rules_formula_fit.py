"""The ZEISS printouts' SRK/T, Haigis and SRK II boxes are the published formulas' numbers from the eye's printed
values: read by OCR, a box that does not fit them holds a misread, even of a value printed once (AL, ACD, mean K)."""

from __future__ import annotations

import pytest

from biometry.formula_powers import k_from_mean_radius_d, srkt_power_d
from biometry.models import Device, Extraction, Eye, IolCalculation, IolRow, Source
from biometry.rules import check_formula_fit
from biometry.synth.iol import inverted_curve
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
        ("SRK/T", {"k1_d": 47.51, "mean_k_d": 45.64}),  # K1 and the mean both off: the mean rule sees neither
        ("Haigis", {"acd_mm": 3.88}),
        ("SRK II", {"axial_length_mm": 23.71}),
    ],
)
def test_an_ocr_misread_of_the_biometry_is_doubted_by_the_box(formula: str, misread: dict[str, float]) -> None:
    assert "iol_formula_mismatch" in _codes(formula, misread)


def test_an_iolmaster_700_box_takes_the_mean_k_it_prints() -> None:
    assert "iol_formula_mismatch" in _codes("SRK/T", {"mean_k_d": 43.74}, device="IOLMaster 700")


def test_an_iolmaster_500_box_takes_k_from_the_mean_radius_not_its_se_the_mean_of_the_powers() -> None:
    # 3.5 D of cylinder: the SE printed (the mean of the powers) lies 0.07 D above K from the mean radius, which the
    # device's formulas take (its real boxes fit it within 0.009 D, its SE within 0.018)
    k1_d, k2_d = 42.0, 45.5
    from_mean_radius = k_from_mean_radius_d(k1_d, k2_d)
    curve = inverted_curve(lambda refraction: srkt_power_d(_OD["axial_length_mm"], from_mean_radius, 119.1, refraction))
    rows = [IolRow(iol_power_d=power, refraction_d=round(curve.refraction_for(power), 2), selected=k == 2)
            for k, power in enumerate((21.0, 20.5, 20.0, 19.5, 19.0))]  # fmt: skip
    box = IolCalculation(eye="OD", formula="SRK/T", iol_model="MA60AC", constants={"a_constant": 119.1},
                         target_refraction_d=0.0, rows=rows)  # fmt: skip
    eye = Eye.model_validate({**_OD, "k1_d": k1_d, "k2_d": k2_d, "mean_k_d": round((k1_d + k2_d) / 2, 2)})
    assert check_formula_fit(0, box, eye, "IOLMaster 500") == []


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
