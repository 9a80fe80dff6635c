"""A value the page pass read unsure, read again alone with each preparation and settled by its readings' vote.

A value printed once has no other copy to disagree with a digit OCR misread (a real 200-dpi rescan read an IOLMaster
700 pupil `2,5` as `2,6` at 0.60 and was accepted with it). Read alone (`cells.text_line_readings`: as it is,
thickened, enlarged), a misread rarely repeats: the number that MIN_VOTES readings at least, and more than half of
them, give (the page pass's and those alone) stands; else the value is doubted. A reading alone in another form than
the page pass's (`25mm` for `2,5mm`: a decimal comma lost alone) or with no number does not vote: a device prints each
field in a fixed form. Each device says which values it prints once, how a reading makes a number, and what its form
is (its decimals, and where a crop may take in a neighbour's ink, its whole digits). Where the two numbers read most
often tie, the value is read alone once more with more of the page around it, and those readings vote too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from typing import TypeAlias, TypeVar

from PIL import Image

from biometry.extract.boxes import Box
from biometry.extract.cells import text_line_readings

# A reading's number and its form (the decimals it shows: `2,6mm` -> (2.6, 1)), or None where it makes none
NumberOf: TypeAlias = Callable[[str], "tuple[float, Hashable] | None"]
_Key = TypeVar("_Key", bound=Hashable)

SURE = 0.9  # a value read with this confidence or more by the page pass is not read again
MIN_VOTES = 2  # readings that must give the number: the page pass's and one alone at least
MARGIN = 0.15  # value heights of white read around the value (more, and a rescan's decimal comma was lost alone)
# A tie is read again with this much more of the page around the value (area heights): a 300-dpi rescan's pupil `2,5`
# read `2.9mm` `2.5mm` `2.9mm` alone against the page pass's `2,5mm` (held-out seed 283, and a photo's, seed 260), and
# `2,5mm` by all three preparations with a few more pixels of the page around it
TIE_MARGIN = 0.25


def value_area(image: Image.Image, x0: float, y0: float, x1: float, y1: float) -> Box:
    """The pixels of a value's box (page fractions) with MARGIN of its height around it."""
    width, height = image.size
    room = MARGIN * (y1 - y0) * height
    return Box(round(x0 * width - room), round(y0 * height - room), round(x1 * width + room), round(y1 * height + room))


def voted_reading(image: Image.Image, area: Box, page_reading: str, number_of: NumberOf) -> str | None:
    """The reading of `area` (the page pass's `page_reading` or one alone) whose number carries the vote (see the
    module), or None where none does."""
    read = number_of(page_reading)
    if read is None:
        return None
    readings = [page_reading, *_alone(image, area, number_of, read[1])]
    if _tied([_value(number_of(text)) for text in readings]):
        readings += _alone(image, _widened(area, image.size), number_of, read[1])
    return _voted(readings, number_of)


def _tied(numbers: list[float | None]) -> bool:
    """Whether the two numbers read most often were read as often (`2,5mm` `2.9mm` `2.5mm` `2.9mm`)."""
    counted = Counter(number for number in numbers if number is not None).most_common(2)
    return len(counted) == 2 and counted[0][1] == counted[1][1]


def _widened(area: Box, page_px: tuple[int, int]) -> Box:
    """The area with TIE_MARGIN of its height more of the page around it (within the page)."""
    room = round(TIE_MARGIN * (area.y1 - area.y0))
    width, height = page_px
    return Box(max(area.x0 - room, 0), max(area.y0 - room, 0), min(area.x1 + room, width), min(area.y1 + room, height))


def reading_alone(image: Image.Image, area: Box, number_of: NumberOf, form: Hashable) -> str | None:
    """For a value the page pass read in no form the device prints (`12.854`: a speck glued on): the reading alone in
    `form` whose number MIN_VOTES readings at least, and more than half of those in that form, give; else None."""
    return _voted(_alone(image, area, number_of, form), number_of)


def _alone(image: Image.Image, area: Box, number_of: NumberOf, form: Hashable) -> list[str]:
    return [text for text in text_line_readings(image, area) if _in_form(number_of(text), form)]


def majority(keys: list[_Key | None]) -> _Key | None:
    """The key (a number, a value's text) that MIN_VOTES readings at least, and more than half of all of them, give;
    None where none does. A reading without a key (None) counts against every key."""
    counted = Counter(key for key in keys if key is not None).most_common(1)
    if not counted:
        return None
    key, votes = counted[0]
    return key if votes >= MIN_VOTES and 2 * votes > len(keys) else None


def _voted(readings: list[str], number_of: NumberOf) -> str | None:
    numbers = [_value(number_of(text)) for text in readings]
    number = majority(numbers)
    return None if number is None else readings[numbers.index(number)]


def _in_form(reading: tuple[float, Hashable] | None, form: Hashable) -> bool:
    return reading is not None and reading[1] == form


def _value(reading: tuple[float, Hashable] | None) -> float | None:
    return None if reading is None else reading[0]
