"""Structured device exports (IOLMaster 700 CSV, EyeSuite XML) as one `Document`: cells become positioned words.

A CSV is laid out as a grid (header row, one line per data row, one column per field); an XML file as one line per
element (tag indented by depth, attributes beside it, text in a value column). Each cell or element text is ONE word
(it may hold spaces), so a parser maps words back to columns by position and grounding works unchanged.

Derived cells: the CSV holds corneal radii (mm) and CCT (mm), but the contract wants K (D) and CCT (µm). The exact
derivations are appended as extra columns whose header states the formula (`K1=337.5/R1`, `CCT_um=CCT*1000`), so
every derived value is printed in the document next to its formula and inputs, and grounding confirms it.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Callable, Iterator
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from biometry.document import Document, Page, Word
from biometry.errors import UnreadableInputError
from biometry.extract.sniff import CSV as CSV
from biometry.extract.sniff import XML as XML
from biometry.formula_powers import KERATOMETRIC_INDEX_SUM
from biometry.normalize import parse_number

MAX_EXPORT_BYTES = 5 * 1024 * 1024
MAX_LINES = 400  # rows or elements; a real export has a few dozen, and lines must stay apart on one page
PAGE_SIZE_PT = (595.0, 842.0)
XML_VALUE_X = 0.55  # XML element texts start here; tags and attributes sit left of it
_TOP, _ROW_HEIGHT, _INDENT = 0.04, 0.02, 0.03
# derived column header, source column, derivation, decimals printed
_Derivation = tuple[str, str, Callable[[float], float], int]
DERIVED: tuple[_Derivation, ...] = (
    ("K1=337.5/R1", "R1", lambda r: KERATOMETRIC_INDEX_SUM / r, 2),
    ("K2=337.5/R2", "R2", lambda r: KERATOMETRIC_INDEX_SUM / r, 2),
    ("TK1=337.5/TR1", "TR1", lambda r: KERATOMETRIC_INDEX_SUM / r, 2),
    ("TK2=337.5/TR2", "TR2", lambda r: KERATOMETRIC_INDEX_SUM / r, 2),
    ("CCT_um=CCT*1000", "CCT", lambda mm: mm * 1000, 1),
)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def sniff_export(data: bytes) -> str | None:
    """`text/csv` or `application/xml` when the bytes look like a device export, else None."""
    head = _decode(data[:4096], strict=False).lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        return XML
    first_line = head.split("\n", 1)[0]
    return CSV if first_line.count(";") >= 2 and "\x00" not in first_line else None


def export_document(data: bytes, filename: str, media_type: str) -> Document:
    """Read a CSV or XML export into a one-page Document; unreadable or unsafe input raises `UnreadableInputError`."""
    if len(data) > MAX_EXPORT_BYTES:
        raise _error("file_too_large", f"The export is {len(data)} bytes; the limit is {MAX_EXPORT_BYTES}.", media_type)
    words = _csv_words(data) if media_type == CSV else _xml_words(data)
    page = Page(number=1, width_pt=PAGE_SIZE_PT[0], height_pt=PAGE_SIZE_PT[1], source="export", words=words)
    return Document(filename, media_type, hashlib.sha256(data).hexdigest(), [page])


def _decode(data: bytes, *, strict: bool = True) -> str:
    """Text by BOM (UTF-8, UTF-16), then UTF-16 without BOM (NUL pattern), UTF-8, and Windows-1252 last."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="strict" if strict else "ignore")
    if len(data) > 3 and data[1:4:2] == b"\x00\x00":
        return data.decode("utf-16-le", errors="strict" if strict else "ignore")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict" if strict else "ignore")


def _csv_words(data: bytes) -> list[Word]:
    rows = _csv_rows(data)
    header = [cell.strip() for cell in rows[0]]
    derived = [d for d in DERIVED if d[1] in header]
    grid = [header + [d[0] for d in derived]] + [row + _derived_cells(header, row, derived) for row in rows[1:]]
    columns = len(grid[0])
    height = _line_height(len(grid), CSV)
    return [
        Word(cell.strip(), _cell_box(c / columns, (c + 1) / columns, _TOP + r * height, height))
        for r, row in enumerate(grid)
        for c, cell in enumerate(row)
        if cell.strip()
    ]


def _csv_rows(data: bytes) -> list[list[str]]:
    """Header and data rows; a file cut short or a row whose cells do not line up with the header is refused."""
    try:
        text = _decode(data)
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") if any(row)]
    except (UnicodeDecodeError, csv.Error):
        raise _error("corrupt_export", "The CSV export cannot be decoded or split into cells.", CSV) from None
    if len(rows) < 2:
        raise _error("empty_export", "The CSV export has no data rows.", CSV)
    if not text.endswith(("\n", "\r")):
        raise _error("truncated_export", "The CSV export does not end with a line break: it may be cut short.", CSV)
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            message = f"CSV row {number} has {len(row)} cells; the header has {len(rows[0])}: columns would shift."
            raise _error("export_row_mismatch", message, CSV)
    return rows


def _derived_cells(header: list[str], row: list[str], derived: list[_Derivation]) -> list[str]:
    """One cell per derivation; empty when its input cell is not a non-zero number."""
    cells = dict(zip(header, row, strict=True))
    out = []
    for _, source, derive, places in derived:
        number = parse_number(cells[source].strip())
        out.append(_format(derive(number), places) if number else "")
    return out


def _format(value: float, places: int) -> str:
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if places == 1 else text


def _xml_words(data: bytes) -> list[Word]:
    root = _parse_xml(data)
    elements = list(_walk(root))
    height = _line_height(len(elements), XML)
    words: list[Word] = []
    for line, (element, depth) in enumerate(elements):
        y = _TOP + line * height
        x = 0.02 + depth * _INDENT
        labels = [element.tag, *(f"{k}={v}" for k, v in element.attrib.items())]
        step = (XML_VALUE_X - x) / len(labels)
        words += [Word(t, _cell_box(x + i * step, x + (i + 1) * step, y, height)) for i, t in enumerate(labels)]
        text = (element.text or "").strip()
        if text:
            words.append(Word(text, _cell_box(XML_VALUE_X, 0.98, y, height)))
    return words


def _parse_xml(data: bytes) -> Element:
    """Parse untrusted XML with defusedxml (no entities, no DTD); bytes without a usable encoding retry as text."""
    try:
        return _safe_fromstring(data)
    except (ParseError, LookupError, ValueError):
        pass
    try:
        return _safe_fromstring(_decode(data))
    except (ParseError, LookupError, ValueError):  # UnicodeDecodeError is a ValueError
        raise _error("corrupt_export", "The XML export is truncated or not well-formed.", XML) from None


def _safe_fromstring(data: bytes | str) -> Element:
    try:
        return SafeET.fromstring(data)  # defusedxml defaults: no entity declarations, no external references
    except DefusedXmlException:
        raise _error(
            "unsafe_export", "The XML export declares entities or external references; it is not read.", XML
        ) from None


def _walk(root: Element) -> Iterator[tuple[Element, int]]:
    """Elements in document order with their depth (iterative: nesting depth is attacker-controlled)."""
    stack = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        yield element, depth
        stack.extend((child, depth + 1) for child in reversed(element))


def _line_height(lines: int, media_type: str) -> float:
    if lines > MAX_LINES:
        raise _error(
            "export_too_large", f"The export has {lines} rows or elements; the limit is {MAX_LINES}.", media_type
        )
    return min(_ROW_HEIGHT, 0.9 / max(lines, 1))


def _cell_box(x0: float, x1: float, y0: float, height: float) -> tuple[float, float, float, float]:
    gap = (x1 - x0) * 0.05
    return (round(x0, 4), round(y0, 4), round(x1 - gap, 4), round(y0 + height * 0.8, 4))


def _error(code: str, message: str, media_type: str) -> UnreadableInputError:
    error = UnreadableInputError(code, message)
    error.media_type = media_type  # type: ignore[attr-defined]  # read by parse.unreadable_result
    return error
