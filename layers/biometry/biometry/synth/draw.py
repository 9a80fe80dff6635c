"""A page painter: top-left coordinates, Δ-trap font switching, and bold faked by overprinting."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Literal

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from biometry.synth.fonts import BOLD, DELTA_TRAP, REGULAR

Anchor = Literal["left", "right"]
SLANT = 0.21  # an oblique face's shear (DejaVu Sans Oblique: about 12 degrees)
PAGE_W, PAGE_H = A4


def new_canvas(
    buffer: BytesIO, *, title: str, creator: str | None = None, pagesize: tuple[float, float] = (PAGE_W, PAGE_H)
) -> Canvas:
    """A reportlab canvas in invariant mode: the same case always gives byte-identical PDFs."""
    rl_config.invariant = 1
    canvas = Canvas(buffer, pagesize=pagesize, invariant=1, pageCompression=1)
    if creator is not None:
        canvas.setCreator(creator)
    canvas.setTitle(title)
    return canvas


@dataclass(frozen=True, slots=True)
class _Text:
    x: float
    y: float
    text: str
    size: float
    anchor: Anchor


class Painter:
    """Draws one page. Overprinted items are drawn at the end in four passes with tiny offsets."""

    def __init__(self, canvas: Canvas, overprint: tuple[tuple[float, float], ...], body_font: str = REGULAR) -> None:
        self._canvas = canvas
        self._offsets = overprint
        self._body = body_font
        self._bold: list[_Text] = []

    def text(self, x: float, y: float, text: str, size: float = 8.0, anchor: Anchor = "left") -> None:
        """One text object at (x, y) from the top-left; y is the baseline."""
        self._draw(_Text(x, y, text, size, anchor), self._body)

    def real_bold(self, x: float, y: float, text: str, size: float = 8.0) -> None:
        """Text in the bold font (used for a few titles)."""
        self._draw(_Text(x, y, text, size, "left"), BOLD)

    def slanted(self, x: float, y: float, text: str, size: float = 8.0) -> None:
        """Text in the body font slanted as an oblique face is (SLANT), from its left end at (x, y)."""
        self._canvas.saveState()
        self._canvas.transform(1, 0, SLANT, 1, x, PAGE_H - y)
        self._canvas.setFont(self._body, size)
        self._canvas.drawString(0, 0, text)
        self._canvas.restoreState()

    def overprint(self, x: float, y: float, text: str, size: float = 8.0, anchor: Anchor = "left") -> None:
        """Bold the way the device does it: the same text four times, a fraction of a point apart."""
        self._bold.append(_Text(x, y, text, size, anchor))

    def box(self, x: float, y: float, width: float, height: float) -> None:
        """A thin rectangle with its top-left corner at (x, y)."""
        self._canvas.setLineWidth(0.4)
        self._canvas.rect(x, PAGE_H - y - height, width, height)

    def finish(self) -> None:
        """Draw the overprinted passes and close the page."""
        for dx, dy in self._offsets:
            for item in self._bold:
                self._draw(_Text(item.x + dx, item.y + dy, item.text, item.size, item.anchor), self._body)
        self._canvas.showPage()

    def _draw(self, item: _Text, font: str) -> None:
        if "\u02c2" in item.text:
            font = DELTA_TRAP
        self._canvas.setFont(font, item.size)
        y = PAGE_H - item.y
        if item.anchor == "right":
            self._canvas.drawRightString(item.x, y, item.text)
        else:
            self._canvas.drawString(item.x, y, item.text)
