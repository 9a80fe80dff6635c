"""Reading back the Document of cells extract/dicom/cells.py lays out: attribute paths, eyes, value words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from biometry.document import Document, Word
from biometry.extract.dicom.cells import cell_of
from biometry.models import EyeSide

_SEGMENT = re.compile(r"(\w+)(?:\[(\d+)\])?")


@dataclass(frozen=True, slots=True)
class Cell:
    """One attribute value: its keywords from the top (sequence items numbered from 1), its value word, its page."""

    keywords: tuple[str, ...]
    items: tuple[int, ...]
    word: Word
    page: int

    @property
    def leaf(self) -> str:
        return self.keywords[-1]

    @property
    def text(self) -> str:
        return self.word.text

    def under(self, keyword: str) -> bool:
        """True when the value sits inside this sequence."""
        return keyword in self.keywords[:-1]


def cells(document: Document) -> list[Cell]:
    """Every cell of the document in order."""
    found = []
    for page in document.pages:
        for line in page.lines:
            read = cell_of(line.words)
            if read is not None:
                segments = _SEGMENT.findall(read[0])
                keywords = tuple(name for name, _ in segments)
                items = tuple(int(index) for _, index in segments if index)
                found.append(Cell(keywords, items, read[1], page.number))
    return found


def header_value(all_cells: list[Cell], keyword: str) -> str | None:
    """The text of a top-level attribute (`Manufacturer`, `PatientID`), or None."""
    return next((cell.text for cell in all_cells if cell.keywords == (keyword,)), None)


def eye_of(cell: Cell) -> EyeSide | None:
    """OD or OS from the Right/Left Eye Sequence the value sits in (never from order)."""
    top = cell.keywords[0]
    if top.endswith("RightEyeSequence"):
        return "OD"
    return "OS" if top.endswith("LeftEyeSequence") else None
