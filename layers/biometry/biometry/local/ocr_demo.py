"""The demo's scans: which route read each document (from its cost steps), and a faxed copy that needs Textract."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from biometry.document import Document
from biometry.metering import price_table

FAX_SOURCE = "iolmaster700-en-short.pdf"  # a bundled text-layer sample, faxed at 100 dpi for the fallback case
FAX_DPI = 100


def faxed_copy(paths: list[Path]) -> tuple[str, bytes, Document] | None:
    """A 100 dpi image-only copy of the bundled short IOLMaster 700 printout (the local engine misreads it), and the
    words Textract's stand-in answers with: the original's text layer, as a good reader of the copy finds them."""
    from biometry.extract import load_document
    from biometry.synth.image import render_image_pdf

    source = next((path for path in paths if path.name == FAX_SOURCE), None)
    if source is None:
        return None
    original = source.read_bytes()
    words = load_document(original, source.name, ocr=False)
    return source.stem + "-fax.pdf", render_image_pdf(original, dpi=FAX_DPI, seed=1), words


def route_of(result: dict[str, Any]) -> str:
    """How the document's words were read, as its cost steps show it."""
    details = [step["detail"] for step in (result.get("cost") or {}).get("steps", [])]
    local = sum(d.get("ocr_pages_in_lambda", 0) for d in details)
    textract = sum(d.get("textract_detect_pages", 0) for d in details)
    if local and textract:
        return f"OCR in Lambda ({local:g} p.), then Textract ({textract:g} p.)"
    if local:
        return f"OCR in Lambda ({local:g} p.)"
    if textract:
        return f"Textract ({textract:g} p.)"
    source = result.get("source", {})
    return str(source.get("text_source", "")) if source.get("pages") else "unread"


def ocr_cost_line(name: str, result: dict[str, Any]) -> str | None:
    """One line on what reading a scan cost: the Extract text steps that read pages themselves, and Textract's."""
    steps = (result.get("cost") or {}).get("steps", [])
    local = [s for s in steps if s["detail"].get("ocr_pages_in_lambda")]
    textract_pages = sum(s["detail"].get("textract_detect_pages", 0) for s in steps)
    if not local:
        return None
    pages = sum(s["detail"]["ocr_pages_in_lambda"] for s in local)
    usd = sum(s["usd"] for s in local)
    line = f"{name}: {pages:g} page(s) read in Lambda for ${usd:.7f} (${usd / pages:.7f}/page)"
    if textract_pages:
        price = price_table(os.environ)["textract_detect_pages"]
        line += f", then Textract read {textract_pages:g} page(s) (${textract_pages * price:.4f} at ${price}/page)"
    return line
