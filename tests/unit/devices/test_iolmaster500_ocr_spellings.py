"""IOLMaster 500 box lines as OCR spells them on the device's 140-dpi frames: `Emme.` with its Courier `mm` merged into
one blot, a table header's `(D)` closed by a brace."""

from __future__ import annotations

import pytest

from biometry.devices.iolmaster500.boxes import boxes, head_parts, is_emmetropia, rows
from biometry.devices.iolmaster500.iol import _header_splits
from biometry.document import Line, Word


def _word(text: str, x0: float = 0.1, x1: float = 0.15) -> Word:
    return Word(text, (x0, 0.5, x1, 0.51))


@pytest.mark.parametrize(
    "text", ["Emme.", "|Eume.", "Eame.", "fame.", "Eeme.", "mume.", "Home.", "JEmme.", "Ewme.", "jemme."]
)
def test_an_emmetropia_word_as_ocr_garbles_its_mm_still_ends_a_lens_box(text: str) -> None:
    assert is_emmetropia(_word(text))


@pytest.mark.parametrize("text", ["jumme.", "J#mme.", "jJZEmme.", "lIZ-mme.", "jxemme.", "|JZEmme."])
def test_an_emmetropia_word_glued_to_the_eye_blocks_rule_still_ends_a_lens_box(text: str) -> None:
    assert is_emmetropia(_word(text))


@pytest.mark.parametrize(
    "text", ["Emmetropia", "Emmetropia:", "Name:", "Eume", "IOL:", "mm", "Gramme", "programme.", "meee.", "ene."]
)
def test_other_words_end_no_lens_box(text: str) -> None:
    assert not is_emmetropia(_word(text))


def test_a_table_header_unit_closed_by_a_brace_still_splits_two_boxes() -> None:
    texts = ["IOL", "(D)}", "REF", "(D}", "IOL", "(D)", "REF", "(D)"]
    line = Line(tuple(_word(t, 0.1 + 0.05 * i, 0.13 + 0.05 * i) for i, t in enumerate(texts)))
    cuts = _header_splits(line)
    assert cuts is not None and len(cuts) == 1 and 0.28 < cuts[0] < 0.3


def _line(text: str, y: float) -> Line:
    return Line(tuple(Word(t, (0.1 + 0.06 * i, y, 0.15 + 0.06 * i, y + 0.01)) for i, t in enumerate(text.split())))


def test_a_rule_read_as_a_line_of_its_own_is_no_caption() -> None:
    texts = ["|", "HofferQ", "pACD const: 3.53", "IOL (D) REF (D)"]
    texts += [f"{20.0 - 0.5 * i:.1f} {-1.3 + 0.4 * i:.1f}" for i in range(7)] + ["Emme. IOL: 18.25"]
    (box,) = boxes([_line(text, 0.4 + 0.013 * i) for i, text in enumerate(texts)])
    assert head_parts(box)[0] == "HofferQ"


@pytest.mark.parametrize("header", ["IOL A. REF (D)", "IOL REF (D)"])
def test_a_table_header_whose_first_unit_ocr_garbled_still_starts_its_table(header: str) -> None:
    rows = [f"{22.0 - 0.5 * i:.1f} {-1.0 + 0.35 * i:.2f}" for i in range(7)]
    texts = ["SRK® II", "A const: 118.80", header, *rows, "Emme. IOL: 20.48"]
    texts += ["SRK®/T", "A const: 119.00", "IOL (D) REF (D)", *rows, "Emme. IOL: 20.68"]
    found = boxes([_line(text, 0.3 + 0.013 * i) for i, text in enumerate(texts)])
    assert [head_parts(box)[0] for box in found] == ["SRK® II", "SRK®/T"]


def test_a_table_read_short_of_its_seven_rows_is_a_problem() -> None:
    problems: list[str] = []
    read = rows(
        [_line(f"{22.0 - 0.5 * i:.1f} {-1.0 + 0.35 * i:.2f}", 0.5 + 0.013 * i) for i in range(6)], problems, ocr=True
    )
    assert len(read) == 6 and problems == ["6 table rows are read, the device prints 7"]


@pytest.mark.parametrize("rule", ["|]", "]", "|}"])
def test_an_emmetropia_line_behind_a_rule_read_with_a_closing_bracket_ends_its_box(rule: str) -> None:
    rows = [f"{22.0 - 0.5 * i:.1f} {-1.0 + 0.35 * i:.2f}" for i in range(7)]
    texts = ["Haigis", "A0 const: -0.705", "IOL (D) REF (D)", *rows, f"{rule} Emme. IOL: 19.85"]
    (box,) = boxes([_line(text, 0.3 + 0.013 * i) for i, text in enumerate(texts)])
    assert box.emmetropia is not None and len(box.rows) == 7


def _row(*words: tuple[str, float, float]) -> Line:
    return Line(tuple(Word(text, (x0, 0.45, x1, 0.46)) for text, x0, x1 in words))


def test_a_refraction_ocr_split_after_its_decimal_mark_is_read_whole() -> None:
    # a generated frame (seed 2026, document 0037): `20.5 -0. 86`, the `86` half a Courier character after `-0.`
    line = _row(("20.5", 0.40, 0.43), ("-0.", 0.436, 0.461), ("86", 0.466, 0.483))
    problems: list[str] = []
    (found,) = rows([line], problems, ocr=True)
    assert (found[1].text, "not a row" in " ".join(problems)) == ("-0.86", False)


def test_decimals_a_character_or_more_after_a_number_cut_at_its_mark_are_no_part_of_it() -> None:
    line = _row(("20.5", 0.40, 0.43), ("-0.", 0.436, 0.461), ("86", 0.475, 0.492))
    problems: list[str] = []
    rows([line], problems, ocr=True)
    assert "the table line `20.5 -0. 86` is not a row" in problems
