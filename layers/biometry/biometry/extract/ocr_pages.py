"""OCR of a document's pages across cores: pages rendered or decoded in the calling thread, read by worker threads.

Tesseract releases the GIL while it recognises and each worker thread has its own engine (`extract.tesseract`), so
pages read in parallel on as many cores as the process may use; pdfium is not thread-safe, so rendering stays in the
calling thread, a few pages ahead of the workers. The workers live as long as the process (a warm Lambda keeps their
engines). CPU per page is the same as one page after another; only the wall time shrinks.
"""

from __future__ import annotations

import functools
import os
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from biometry.document import Page
from biometry.extract.ocr import OCR_DPI, ocr_image
from biometry.extract.sniff import MAX_IMAGE_PIXELS

if TYPE_CHECKING:
    import pypdfium2 as pdfium
    from PIL import Image

PAGES_AHEAD_PER_WORKER = 2  # rendered pages waiting for a worker, at most (each ~9 MB at 300 dpi)


@dataclass(frozen=True, slots=True)
class PageImage:
    """One page to OCR: its grey image, its number, its printed size, the resolution it was stored at and whether it
    was stored in black and white (1 bit a pixel)."""

    image: Image.Image
    number: int
    size_pt: tuple[float, float] | None = None
    source_dpi: float | None = None
    bilevel: bool = False


def ocr_pdf_pages(pdf: pdfium.PdfDocument, indices: Iterable[int]) -> list[Page]:
    """These pages (0-based) rendered one by one and OCR'd, across cores when there are several."""
    return ocr_pages(rendered_page(pdf, index) for index in indices)


def ocr_pages(pages: Iterable[PageImage]) -> list[Page]:
    """OCR every page, in order; with more than one usable core, on worker threads while the next pages are made."""
    workers = page_workers()
    if workers <= 1:
        return [_ocr(page) for page in pages]
    pool, pending, done = _pool(workers), deque[Future[Page]](), []
    for page in pages:
        if len(pending) >= PAGES_AHEAD_PER_WORKER * workers:
            done.append(pending.popleft().result())
        pending.append(pool.submit(_ocr, page))
    return done + [future.result() for future in pending]


def page_workers() -> int:
    """Threads that read pages at once: the cores this process may use ($BIOMETRY_OCR_WORKERS overrides)."""
    configured = os.environ.get("BIOMETRY_OCR_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def rendered_page(pdf: pdfium.PdfDocument, index: int, *, dpi: int = OCR_DPI) -> PageImage:
    """Page `index` (0-based) rendered in grey at `dpi`, capped by the pixel limit (pdfium: calling thread only)."""
    page = pdf[index]
    width_pt, height_pt = page.get_size()
    scale = min(dpi / 72, (MAX_IMAGE_PIXELS / max(width_pt * height_pt, 1.0)) ** 0.5)
    image = page.render(scale=scale, grayscale=True).to_pil()
    raster = _page_raster(page)
    source_dpi = _stored_dpi(raster) if raster is not None else None
    bilevel = raster is not None and raster.get_metadata().bits_per_pixel == 1
    return PageImage(image, index + 1, (width_pt, height_pt), source_dpi, bilevel)


def _ocr(page: PageImage) -> Page:
    return ocr_image(page.image, number=page.number, size_pt=page.size_pt, source_dpi=page.source_dpi,
                     bilevel=page.bilevel)  # fmt: skip


@functools.cache
def _pool(workers: int) -> ThreadPoolExecutor:
    """The process's page readers for this many workers, started once."""
    return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr-page")


def _page_raster(page: pdfium.PdfPage) -> pdfium.PdfImage | None:
    """The one image that fills an image-only page (a scan's); None for any other page.

    The image's bounds are in the page's own space: a page shown turned (/Rotate 90 or 270) is measured across its
    unturned width.
    """
    import pypdfium2.raw as pdfium_c

    width_pt = page.get_size()[1 if page.get_rotation() % 180 else 0]
    images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1))
    if len(images) != 1:
        return None
    x0, _, x1, _ = (float(v) for v in images[0].get_bounds())
    return images[0] if x1 - x0 >= 0.9 * width_pt else None


def _stored_dpi(raster: pdfium.PdfImage) -> float:
    """The resolution a page's image was stored at, across its width in the page's own space."""
    x0, _, x1, _ = (float(v) for v in raster.get_bounds())
    return float(raster.get_px_size()[0]) / ((x1 - x0) / 72)
