"""Renditions of the real reports, made at test time: office rescans (150-300 dpi), phone photos, PDF reprints (fonts
without their character maps among them), pages rearranged or turned."""

from __future__ import annotations

import io
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from biometry.evaluate import Truth
from biometry.models import BiometryResult
from biometry.parse import parse_bytes
from biometry.synth.image import photo_like, scan_like
from tests.real_reports import compared

REAL_PDFS = ("iolmaster700-ptbr.pdf", "eyestar900-scan.pdf", "iolmaster500-exam1.pdf")
SCAN_DPIS = (150, 200, 300)


@dataclass(frozen=True, slots=True)
class Rendition:
    """One degraded copy of a real report: how it was made and its bytes."""

    name: str
    kind: str  # "scan", "bw" (a black-and-white scan) or "photo"
    dpi: int | None
    page: int | None  # the page photographed
    seed: int
    filename: str
    data: bytes


def renditions(name: str, data: bytes, *, seeds: tuple[int, ...] = (1,), dpis: tuple[int, ...] = SCAN_DPIS,
               photo_pages: tuple[int, ...] = (0,),
               black_and_white_dpis: tuple[int, ...] = ()) -> Iterator[Rendition]:  # fmt: skip
    """Rescans at each dpi and seed (tilt up to 3°, blur, noise, JPEG), black-and-white rescans (a scanner's text mode)
    at each of `black_and_white_dpis`, and a phone photo of each of `photo_pages` (JPEG; a page past the report's last
    is skipped)."""
    pages = len(pdfium.PdfDocument(data))
    for seed in seeds:
        for dpi in dpis:
            scan = scan_like(data, seed=seed, dpi=dpi)
            yield Rendition(name, "scan", dpi, None, seed, f"{name}-scan{dpi}-{seed}.pdf", scan)
        for dpi in black_and_white_dpis:
            scan = scan_like(data, seed=seed, dpi=dpi, black_and_white=True)
            yield Rendition(name, "bw", dpi, None, seed, f"{name}-bw{dpi}-{seed}.pdf", scan)
        for page in (page for page in photo_pages if page < pages):
            photo = photo_like(data, seed=seed, page=page)
            yield Rendition(name, "photo", None, page, seed, f"{name}-photo{page}-{seed}.jpg", photo)


def silent_errors(result: BiometryResult, truth: Truth) -> list[str]:
    """Wrong values in an accepted result. A photo shows one page: values it lacks are missed, never wrong."""
    return compared(result, truth).silent_errors(result)


def printed_on_page(data: bytes, page: int, truth: Truth) -> frozenset[str]:
    """The truth's fields that one page of a report prints: those the page, undegraded and read alone, reads right.

    A photo shows one page, so its omissions are counted against these. A lower bound: a value the clean page cannot
    read alone is not counted (the benchmark prints how much of the truth the clean pages cover together)."""
    alone = parse_bytes(rearranged(data, [page]), f"page{page + 1}.pdf")
    return frozenset(compared(alone, truth).correct)


def reprinted_through_cairo(data: bytes) -> bytes:
    """The PDF printed again to PDF by poppler's cairo backend (`pdftocairo -pdf`), as a Linux or browser PDF printer
    does: same look, its text objects and glyph runs rewritten (overprinted copies come out split apart)."""
    with tempfile.TemporaryDirectory() as folder:
        source, reprint = Path(folder, "in.pdf"), Path(folder, "out.pdf")
        source.write_bytes(data)
        subprocess.run(["pdftocairo", "-pdf", str(source), str(reprint)], check=True, capture_output=True)
        return reprint.read_bytes()


def without_unicode_maps(data: bytes) -> bytes:
    """The PDF as a printer driver that drops its fonts' ToUnicode maps writes it: the same look, but its text layer
    gives glyph codes where the letters were (`Paciente` comes out `3DFLHQWH`). pdfium writes each object whole, so the
    maps' key is renamed in place."""
    rewritten = rearranged(data)
    if b"/ToUnicode" not in rewritten:
        raise ValueError("the PDF's fonts carry no ToUnicode map to drop")
    return rewritten.replace(b"/ToUnicode", b"/NoUnicode")


def rearranged(data: bytes, order: list[int] | None = None, rotation: int = 0) -> bytes:
    """The PDF rebuilt from its pages in `order` (0-based, default as they are; an index twice prints that page twice),
    each turned clockwise by `rotation` degrees the way a viewer's rotate-and-save does (/Rotate)."""
    rebuilt = pdfium.PdfDocument.new()
    rebuilt.import_pages(pdfium.PdfDocument(data), order)
    for page in rebuilt:
        page.set_rotation(rotation)
    return saved(rebuilt)


def saved(pdf: pdfium.PdfDocument) -> bytes:
    """The bytes of an open PDF, as pdfium writes it (each object whole)."""
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()
