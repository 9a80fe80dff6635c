"""A measurement label OCR garbled in one eye's copy is read from the other copy's layout: both copies print the same
rows, each label at the same place on its line relative to the line's other labels (a photo of the real Eyestar's
page 4 read OS's `AL [mm]` as `AlL[mm]` beside a `K1` read right)."""

from __future__ import annotations

from biometry.models import BiometryResult
from tests.unit.devices.test_eyesuite_layout import BOX, MEASUREMENTS, errors, report

AL_LINE = MEASUREMENTS.index("AL [mm] 25.25 K1 [D/mm/°] 42.60/7.92@ 14")
WTW_LINE = MEASUREMENTS.index("WTW [mm] 12.95")


def with_line(index: int, text: str) -> list[str]:
    return [*MEASUREMENTS[:index], text, *MEASUREMENTS[index + 1 :], *BOX]


def os_value(result: BiometryResult, field: str) -> object:
    assert result.eyes.OS is not None
    return getattr(result.eyes.OS, field)


def test_a_label_garbled_where_the_other_copy_prints_it_is_read_as_that_label() -> None:
    result = report(([*MEASUREMENTS, *BOX], with_line(AL_LINE, "AlL [mm] 25.25 K1 [D/mm/°] 42.60/7.92@ 14")))
    assert (result.status, os_value(result, "axial_length_mm"), errors(result)) == ("accepted", 25.25, set())


def test_a_value_where_the_other_copy_prints_a_label_is_not_read_as_the_label() -> None:
    result = report(([*MEASUREMENTS, *BOX], with_line(AL_LINE, "25 [mm] 25.25 K1 [D/mm/°] 42.60/7.92@ 14")))
    assert os_value(result, "axial_length_mm") is None
    assert result.status == "needs_review" and "printed_value_unread" in errors(result)


def test_a_garbled_label_on_a_line_that_shares_no_label_with_the_other_copy_is_left_to_review() -> None:
    result = report(([*MEASUREMENTS, *BOX], with_line(WTW_LINE, "WWW [mm] 12.95")))
    assert os_value(result, "wtw_mm") is None
    assert result.status == "needs_review" and "printed_value_unread" in errors(result)


def test_a_label_after_icon_remains_in_its_word_places_a_garbled_label_beside_it() -> None:
    # the real Eyestar's page 4 on a photo: OS `WWW [mm] 12.85 )SimPK1[D/mm/°] ...` beside OD `WTW [mm] 12.95 SimPK1...`
    od = with_line(WTW_LINE, "WTW [mm] 12.95 SimPK1[D/mm/°] -5.46/7.32@ 179")
    result = report((od, with_line(WTW_LINE, "WWW [mm] 12.95 )SimPK1[D/mm/°] -5.46/7.32@ 179")))
    assert (result.status, os_value(result, "wtw_mm"), errors(result)) == ("accepted", 12.95, set())
