"""IOLMaster 500 lens tables: a power cell read off the column's even steps is read again, and taken only where its
own readings put it back on the steps at least five other powers keep."""

from __future__ import annotations

from biometry.devices.iolmaster500.power_steps import powers_on_their_steps, read_on_the_line
from biometry.document import Word
from tests.unit.devices.rendered_words import number_cell

POWERS = ["24.5", "24.0", "23.5", "23.0", "22.5", "22.0", "21.5"]


def _reads(*texts: str | None) -> list[Word | None]:
    return [Word(t, (0.1, 0.1 * i, 0.2, 0.1 * i + 0.05)) if t is not None else None for i, t in enumerate(texts)]


def test_a_power_read_off_the_steps_is_taken_as_its_cell_reads_it_on_them() -> None:
    image, cell = number_cell("24.0")
    reads = _reads("24.5", "24.9", *POWERS[2:])
    repaired = powers_on_their_steps(image, [cell] * len(POWERS), reads)
    assert [(row, read.text) for row, read in repaired] == [(1, "24.0")]


def test_a_power_off_the_steps_whose_cell_reads_nothing_on_them_is_left_as_read() -> None:
    image, cell = number_cell("24.9")
    reads = _reads("24.5", "24.9", *POWERS[2:])
    assert powers_on_their_steps(image, [cell] * len(POWERS), reads) == []


def test_two_powers_off_the_steps_five_others_keep_are_each_read_on_them() -> None:
    image, cell = number_cell("24.0")
    reads = _reads("24.5", "24.9", None, *POWERS[3:])
    repaired = powers_on_their_steps(image, [cell] * len(POWERS), reads)
    assert [row for row, _ in repaired] == [1]  # the cell reads 24.0: on the line at row 1, not at row 2 (23.5)


def test_three_powers_off_the_steps_are_left_as_read() -> None:
    image, cell = number_cell("24.0")
    reads = _reads("24.5", "24.9", "23.9", "23.9", *POWERS[4:])
    assert powers_on_their_steps(image, [cell] * len(POWERS), reads) == []


def test_a_column_on_its_steps_is_left_as_read() -> None:
    image, cell = number_cell("24.0")
    assert powers_on_their_steps(image, [cell] * len(POWERS), _reads(*POWERS)) == []


def test_a_power_each_of_whose_characters_one_preparation_reads_at_its_place_is_read_on_the_line() -> None:
    assert read_on_the_line(["27.9", "27.9", "24.0"], 27.0) == "27.0"


def test_a_power_whose_decimal_no_preparation_reads_is_not_read_on_the_line() -> None:
    assert read_on_the_line(["27.9", "27.9", "24.9"], 27.0) is None


def test_readings_of_another_length_do_not_spell_the_power_on_the_line() -> None:
    assert read_on_the_line(["27.9", "127.0"], 27.0) is None
