"""Amazon Textract responses (one sync response, or every NextToken page of a job) as a Document."""

from __future__ import annotations

from typing import Any

from biometry.document import Document, Page, Word
from biometry.errors import TextractError


def document_from_textract(
    responses: list[dict[str, Any]],
    *,
    filename: str,
    media_type: str,
    sha256: str,
    page_sizes_pt: list[tuple[float, float]] | None = None,
) -> Document:
    """Every page's WORD blocks as words (Textract boxes are already page fractions; confidence 0..1).

    Textract does not report page sizes: pass `page_sizes_pt` when known, else sizes are 0.0 (unknown).
    Raises `TextractError` for a failed job, no pages, or fewer pages than the job reported.
    """
    import trp

    _check_responses(responses)
    try:
        parsed = trp.Document(responses)
        pages = [_page(number, page) for number, page in enumerate(parsed.pages, start=1)]
    except (KeyError, TypeError, ValueError) as exc:
        raise TextractError(f"The Textract response is malformed ({type(exc).__name__}).") from None
    _check_page_count(responses, len(pages))
    for page, (width_pt, height_pt) in zip(pages, page_sizes_pt or [], strict=False):
        page.width_pt, page.height_pt = width_pt, height_pt
    return Document(filename, media_type, sha256, pages)


def _check_responses(responses: list[dict[str, Any]]) -> None:
    if not responses:
        raise TextractError("No Textract response was given.")
    status = responses[0].get("JobStatus", "SUCCEEDED")
    if status not in ("SUCCEEDED", "PARTIAL_SUCCESS"):
        raise TextractError(f"The Textract job ended with status {status}.")
    if responses[-1].get("NextToken"):
        raise TextractError("The Textract result is incomplete: the last response still has a NextToken.")


def _check_page_count(responses: list[dict[str, Any]], found: int) -> None:
    expected = responses[0].get("DocumentMetadata", {}).get("Pages", found)
    if found == 0 or found != expected:
        raise TextractError(f"Textract reported {expected} pages but {found} were found in the responses.")


def _page(number: int, page: Any) -> Page:
    words = [_word(word) for line in page.lines for word in line.words]
    return Page(number=number, width_pt=0.0, height_pt=0.0, source="textract", words=words)


def _word(word: Any) -> Word:
    box = word.geometry.boundingBox
    bbox = (box.left, box.top, box.left + box.width, box.top + box.height)
    return Word(word.text, bbox, bold=False, confidence=min(max(word.confidence / 100, 0.0), 1.0))
