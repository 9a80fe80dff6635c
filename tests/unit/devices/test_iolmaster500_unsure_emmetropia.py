"""An IOLMaster 500 `Emme. IOL:` power OCR read unsure is in doubt: the device prints it up to 0.05 D off its rows'
line, so no check tells a misread last digit (`16.39` for 16.37), and the box's copy or a reviewer must settle it."""

from __future__ import annotations

from biometry.devices.iolmaster500.boxes import POWER_PROBLEM, emmetropia
from biometry.document import Line, Word


def _line(power_confidence: float) -> Line:
    return Line(
        [
            Word("Emme.", (0.51, 0.75, 0.56, 0.76)),
            Word("IOL:", (0.58, 0.75, 0.62, 0.76)),
            Word("16.39", (0.63, 0.75, 0.68, 0.76), confidence=power_confidence),
        ]
    )


def test_a_power_read_surely_is_taken() -> None:
    problems: list[str] = []
    found = emmetropia(_line(0.93), problems)
    assert found is not None and found.number == 16.39 and problems == []


def test_a_power_read_unsure_is_a_doubt_about_the_power_alone() -> None:
    problems: list[str] = []
    emmetropia(_line(0.37), problems)
    assert len(problems) == 1 and problems[0].startswith(POWER_PROBLEM) and "unsure" in problems[0]
