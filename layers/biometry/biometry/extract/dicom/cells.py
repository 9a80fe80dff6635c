"""DICOM measurement objects as a Document of cells, like the device exports: one line per attribute value.

A line holds three words: the attribute's path (keywords joined by `.`, sequence items numbered from 1, e.g.
`IntraocularLensCalculationsRightEyeSequence[2].IOLPowerSequence[4].IOLPower`), its tag, and its value as stored
(FL values printed with float32 precision, so 23.41 reads `23.41`). The value is ONE word, so a parser's provenance
points at the exact attribute and grounding works unchanged. Only the measurement modules (groups 0022 and 0046), the
device and study identification and the patient module are laid out; nothing else of the header is copied.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from biometry.document import Page, Word
from biometry.extract.dicom.read import dicom_error

if TYPE_CHECKING:
    from pydicom.dataelem import DataElement
    from pydicom.dataset import Dataset

PAGE_SIZE_PT = (595.0, 842.0)
LINES_PER_PAGE = 60
MAX_LINES = 5000  # a 13-page IOLMaster 700 printout holds under 100 calculations of ~20 values each
PATH_X, TAG_X, VALUE_X = (0.02, 0.60), (0.61, 0.72), (0.73, 0.98)
MEASUREMENT_GROUPS = frozenset({0x0022, 0x0046})
HEADER_KEYWORDS = (
    "SOPClassUID",
    "Manufacturer",
    "ManufacturerModelName",
    "SoftwareVersions",
    "StudyDate",
    "ContentDate",
    "StudyInstanceUID",
    "PatientName",  # PHI: read into `patient` only (redacted before any LLM call, never logged)
    "PatientID",
    "PatientBirthDate",
    "PatientSex",
)
_TOP, _HEIGHT = 0.04, 0.9 / LINES_PER_PAGE
Cell = tuple[str, str, str]  # path, tag, value


def measurement_pages(dataset: Dataset) -> list[Page]:
    """The measurement object as pages of cells (LINES_PER_PAGE lines each)."""
    cells = list(_header_cells(dataset)) + list(_measurement_cells(dataset))
    if len(cells) > MAX_LINES:
        raise dicom_error("export_too_large", f"The DICOM object has {len(cells)} values; the limit is {MAX_LINES}.")
    pages = []
    for start in range(0, max(len(cells), 1), LINES_PER_PAGE):
        chunk = cells[start : start + LINES_PER_PAGE]
        words = [word for line, cell in enumerate(chunk) for word in _line_words(line, cell)]
        width_pt, height_pt = PAGE_SIZE_PT
        number = start // LINES_PER_PAGE + 1
        pages.append(Page(number=number, width_pt=width_pt, height_pt=height_pt, source="export", words=words))
    return pages


def cell_of(line_words: tuple[Word, ...]) -> tuple[str, Word] | None:
    """A line read back: its path and its value word (None for a line that is not a cell)."""
    path = next((w.text for w in line_words if w.bbox[0] < TAG_X[0]), None)
    value = next((w for w in line_words if w.bbox[0] >= VALUE_X[0]), None)
    return None if path is None or value is None else (path, value)


def _header_cells(dataset: Dataset) -> Iterator[Cell]:
    for keyword in HEADER_KEYWORDS:
        if keyword in dataset:
            yield from _cells(dataset[keyword], "")


def _measurement_cells(dataset: Dataset) -> Iterator[Cell]:
    for element in dataset:
        if element.tag.group in MEASUREMENT_GROUPS:
            yield from _cells(element, "")


def _cells(element: DataElement, prefix: str) -> Iterator[Cell]:
    """Leaf values under `element` in document order (iterative over items: nesting is attacker-controlled)."""
    stack: list[tuple[DataElement, str]] = [(element, prefix)]
    while stack:
        current, path = stack.pop()
        name = f"{path}{current.keyword or _tag(current)}"
        if current.VR == "SQ":
            children = [
                (child, f"{name}[{index}].")
                for index, item in enumerate(current.value, start=1)
                for child in item
                if not child.tag.is_private
            ]
            stack.extend(reversed(children))
        elif not current.tag.is_private:
            text = _text(current)
            if text:
                yield name, _tag(current), text


def _text(element: DataElement) -> str:
    values = element.value if element.VM > 1 else [element.value]
    return "\\".join(_one(element.VR, value) for value in values if value is not None and value != "").strip()


def _one(vr: str, value: Any) -> str:
    if vr == "FL":
        import numpy as np

        return str(np.float32(value))
    if isinstance(value, bytes):
        return ""  # binary values are not measurements
    return str(value).strip()


def _tag(element: DataElement) -> str:
    return f"({element.tag.group:04X},{element.tag.element:04X})"


def _line_words(line: int, cell: Cell) -> list[Word]:
    y0 = _TOP + line * _HEIGHT
    return [Word(text, _box(x, y0)) for text, x in zip(cell, (PATH_X, TAG_X, VALUE_X), strict=True)]


def _box(x: tuple[float, float], y0: float) -> tuple[float, float, float, float]:
    return (round(x[0], 4), round(y0, 4), round(x[1], 4), round(y0 + _HEIGHT * 0.8, 4))
