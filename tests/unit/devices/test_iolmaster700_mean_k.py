"""IOLMaster 700 SE read as two values: the one K1 and K2 give (their harmonic mean) is SE; a reading as near as it,
or K1/K2 in doubt, leaves the conflict in review."""

from __future__ import annotations

from biometry.devices.collect import EyeCollector
from biometry.devices.iolmaster700.mean_k import settle_mean_k
from biometry.devices.measurements import Token
from biometry.document import Word


def _token(text: str) -> Token:
    return Token(text, Word(text, (0.1, 0.1, 0.2, 0.12)))


def _collector(*se_readings: str, k1: str = "41,98", k2: str = "42,19") -> EyeCollector:
    """OS K1 41,98 D and K2 42,19 D (their harmonic mean 42,085 D) and SE as read on each page."""
    collector = EyeCollector()
    collector.set_number("OS", "k1_d", _token(k1), 2)
    collector.set_number("OS", "k2_d", _token(k2), 2)
    for page, text in enumerate(se_readings, start=1):
        collector.set_number("OS", "mean_k_d", _token(text), page)
    settle_mean_k(collector)
    return collector


def _codes(collector: EyeCollector) -> list[str]:
    return [issue.code for issue in collector.issues]


def test_se_read_42_06_beside_42_08_is_the_42_08_that_k1_and_k2_give() -> None:
    collector = _collector("42,06", "42,08")
    assert (collector.value("OS", "mean_k_d"), _codes(collector)) == (42.08, ["ocr_mean_k_by_keratometry"])


def test_the_settled_se_is_grounded_where_that_reading_is_printed() -> None:
    assert _collector("42,06", "42,08").provenance["OS.mean_k_d"].page == 2


def test_se_readings_one_digit_apart_in_the_last_place_stay_in_review() -> None:
    assert _codes(_collector("42,08", "42,09")) == ["conflicting_values"]


def test_se_readings_neither_of_which_k1_and_k2_give_stay_in_review() -> None:
    assert _codes(_collector("42,03", "42,13")) == ["conflicting_values"]


def test_se_is_not_settled_by_k1_and_k2_while_k1_is_read_as_two_values() -> None:
    collector = EyeCollector()
    for page, (field, text) in enumerate([("k1_d", "41,98"), ("k1_d", "41,96"), ("k2_d", "42,19")], start=1):
        collector.set_number("OS", field, _token(text), page)
    collector.set_number("OS", "mean_k_d", _token("42,06"), 4)
    collector.set_number("OS", "mean_k_d", _token("42,08"), 5)
    settle_mean_k(collector)
    assert collector.value("OS", "mean_k_d") == 42.06
