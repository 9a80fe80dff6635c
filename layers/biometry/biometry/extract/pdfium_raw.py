"""Bulk reads from pdfium's C API: page chars with boxes, and text objects with bounds and font boldness."""

from __future__ import annotations

import ctypes
from ctypes import c_char, c_float, c_int, c_size_t, c_ushort, c_void_p
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

BOLD_WEIGHT = 600
_FORCE_BOLD_FLAG = 1 << 18

Rect = tuple[float, float, float, float]  # left, top, right, bottom in PDF points (y grows upwards)


@dataclass(frozen=True, slots=True)
class PageChars:
    """Chars of a text page: the full text (one entry per char index), ink indices, and their boxes."""

    text: str
    ink: list[int]
    boxes: list[float]  # 4 floats per ink char, same order as `ink`: left, top, right, bottom


@dataclass(frozen=True, slots=True)
class TextObject:
    """A text object of the page content stream: its handle, bounds and whether its font is bold."""

    handle: int
    bounds: Rect
    bold_font: bool


@dataclass(frozen=True, slots=True)
class TextObjects:
    """The page's text objects as columns: handles, bounds (4 floats each: left, bottom, right, top), bold fonts."""

    handles: list[int]
    edges: list[float]
    bold_font: list[bool]


_TEXT = pdfium_c.FPDF_PAGEOBJ_TEXT


@cache
def _c(name: str, restype: Any, *argtypes: Any) -> Any:
    """The pdfium function `name` with plain pointer/int arguments: much cheaper to call per char. It keeps the GIL
    (`PYFUNCTYPE`): these calls return in microseconds, and releasing and taking the lock again cost ~15 % of each."""
    address = ctypes.cast(getattr(pdfium_c, name), c_void_p).value or 0
    return ctypes.PYFUNCTYPE(restype, *argtypes)(address)


def _handle(raw: Any) -> int:
    return ctypes.cast(raw, c_void_p).value or 0


def spread_chars(textpage: pdfium.PdfTextPage, about: int) -> range:
    """The indices of about `about` chars spread evenly over the page (all of them on a page with fewer)."""
    count = pdfium_c.FPDFText_CountChars(textpage.raw)
    return range(0, max(count, 0), max(1, count // about))


def read_text(textpage: pdfium.PdfTextPage) -> str:
    """The page text in one call, one str entry per pdfium char index (generated spaces included)."""
    count = pdfium_c.FPDFText_CountChars(textpage.raw)
    if count <= 0:
        return ""
    buffer = (c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage.raw, 0, count, buffer)
    text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
    if len(text) != count:  # pdfium inserted or dropped chars (or surrogates): read them one by one
        get_unicode = _c("FPDFText_GetUnicode", ctypes.c_uint, c_void_p, c_int)
        handle = _handle(textpage.raw)
        text = "".join(chr(get_unicode(handle, i)) for i in range(count))
    return text


def loose_boxes(textpage: pdfium.PdfTextPage, indices: list[int]) -> list[float]:
    """Loose (font ascent to descent) boxes of the chars at `indices`: 4 floats each, left, top, right, bottom."""
    boxes = (c_float * (4 * len(indices)))()
    base = ctypes.addressof(boxes)
    loose_box = _c("FPDFText_GetLooseCharBox", c_int, c_void_p, c_int, c_void_p)
    list(
        map(loose_box, repeat(_handle(textpage.raw), len(indices)), indices, range(base, base + 16 * len(indices), 16))
    )
    floats: list[float] = memoryview(boxes).cast("B").cast("f").tolist()  # type: ignore[assignment]
    return floats


def char_angles(textpage: pdfium.PdfTextPage, indices: list[int]) -> list[float]:
    """How the chars at `indices` are turned on the unrotated page: radians counter-clockwise, 0 to 2π (0: upright)."""
    angle = _c("FPDFText_GetCharAngle", c_float, c_void_p, c_int)
    return list(map(angle, repeat(_handle(textpage.raw), len(indices)), indices))


def read_text_objects(page: pdfium.PdfPage) -> list[TextObject]:
    """The page's top-level text objects (pdfium's text page silently drops overprinted copies; these don't)."""
    table = text_objects(page)
    edges = table.edges
    return [
        TextObject(handle, (edges[4 * k], edges[4 * k + 3], edges[4 * k + 2], edges[4 * k + 1]), bold)
        for k, (handle, bold) in enumerate(zip(table.handles, table.bold_font, strict=True))
    ]


def text_objects(page: pdfium.PdfPage) -> TextObjects:
    """`read_text_objects` as columns, read with as few calls as pdfium allows: only a text object has a font, so
    the type is asked only of objects without one."""
    handle, count = _handle(page.raw), pdfium_c.FPDFPage_CountObjects(page.raw)
    objects = list(map(_c("FPDFPage_GetObject", c_void_p, c_void_p, c_int), repeat(handle, count), range(count)))
    fonts = list(map(_c("FPDFTextObj_GetFont", c_void_p, c_void_p), objects))
    if None in fonts:
        kind = _c("FPDFPageObj_GetType", c_int, c_void_p)
        texts = [k for k, (obj, font) in enumerate(zip(objects, fonts, strict=True)) if font or kind(obj) == _TEXT]
        objects, fonts = [objects[k] for k in texts], [fonts[k] for k in texts]
    edges = (c_float * (4 * len(objects)))()
    base = ctypes.addressof(edges)
    corners = (range(base + 4 * k, base + 16 * len(objects), 16) for k in range(4))  # left, bottom, right, top
    found = list(map(_c("FPDFPageObj_GetBounds", c_int, *[c_void_p] * 5), objects, *corners))
    bold = {font: _is_bold_font(font or 0) for font in set(fonts)}
    flat: list[float] = memoryview(edges).cast("B").cast("f").tolist()  # type: ignore[assignment]
    if 0 in found:
        kept = [k for k, ok in enumerate(found) if ok]
        objects, fonts = [objects[k] for k in kept], [fonts[k] for k in kept]
        flat = [flat[4 * k + i] for k in kept for i in range(4)]
    return TextObjects(objects, flat, [bold[font] for font in fonts])


def owner_objects(textpage: pdfium.PdfTextPage, indices: list[int]) -> list[int]:
    """The handle of the text object that drew each char at `indices` (0 for generated chars)."""
    get = _c("FPDFText_GetTextObject", c_void_p, c_void_p, c_int)
    return [obj or 0 for obj in map(get, repeat(_handle(textpage.raw), len(indices)), indices)]


def _is_bold_font(font: int) -> bool:
    if not font:
        return False
    weight = _c("FPDFFont_GetWeight", c_int, c_void_p)(font)
    flags = _c("FPDFFont_GetFlags", c_int, c_void_p)(font)
    name = (c_char * 128)()
    _c("FPDFFont_GetBaseFontName", c_size_t, c_void_p, c_void_p, c_size_t)(font, ctypes.addressof(name), 128)
    return weight >= BOLD_WEIGHT or bool(flags & _FORCE_BOLD_FLAG) or b"bold" in name.value.lower()


def crop_box(page: pdfium.PdfPage) -> tuple[float, float, float, float]:
    """The visible page area (left, bottom, right, top) in PDF points."""
    left, bottom, right, top = page.get_bbox()
    return float(left), float(bottom), float(right), float(top)


__all__ = [
    "PageChars",
    "Rect",
    "TextObject",
    "TextObjects",
    "crop_box",
    "loose_boxes",
    "owner_objects",
    "read_text",
    "read_text_objects",
    "text_objects",
]
