"""The IOLMaster 500 `MV: 42.51/43.77 D` line gives each mean K only where it stands in the printed form."""

from __future__ import annotations

from biometry.models import BiometryResult
from tests.unit.devices.test_iolmaster500_layout import _page, _parse


def _measurement(mv: str) -> BiometryResult:
    return _parse(_page([(0.10, 0.34, "Comp. AL: 23.41 mm (SNR = 122.6)"), (0.10, 0.52, f"MV: {mv} D")]))


def _unread(result: BiometryResult) -> set[str | None]:
    return {i.field for i in result.extraction.issues if i.code == "printed_value_unread"}


def test_both_means_are_read_from_the_printed_form() -> None:
    eye = _measurement("42.51/43.77").eyes.OD
    assert eye is not None and (eye.k1_d, eye.k2_d) == (42.51, 43.77)


def test_a_garbled_first_mean_leaves_k1_unread_and_never_makes_the_second_the_k1() -> None:
    result = _measurement("43-10/43.27")
    assert result.eyes.OD is not None and (result.eyes.OD.k1_d, result.eyes.OD.k2_d) == (None, 43.27)
    assert "OD.k1_d" in _unread(result)


def test_a_slash_read_as_a_digit_leaves_the_second_mean_unread() -> None:
    result = _measurement("42.72/743-38")
    assert result.eyes.OD is not None and (result.eyes.OD.k1_d, result.eyes.OD.k2_d) == (42.72, None)
    assert "OD.k2_d" in _unread(result)
