"""Amazon Textract responses become the one document model, every page, boxes and confidence as fractions."""

from __future__ import annotations

from typing import Any

import pytest

from biometry.errors import TextractError
from biometry.extract.textract import document_from_textract


def _box(left: float, top: float, width: float = 0.1, height: float = 0.02) -> dict[str, Any]:
    return {"BoundingBox": {"Width": width, "Height": height, "Left": left, "Top": top}, "Polygon": []}


def _page_blocks(page: int, words: list[tuple[str, float, float, float]]) -> list[dict[str, Any]]:
    """A PAGE block, one LINE holding every word, and the WORD blocks (text, left, top, confidence 0..100)."""
    word_ids = [f"w{page}-{k}" for k in range(len(words))]
    line = {
        "BlockType": "LINE",
        "Id": f"l{page}",
        "Page": page,
        "Confidence": 99.0,
        "Text": " ".join(w[0] for w in words),
        "Geometry": _box(0.05, words[0][2], 0.9),
        "Relationships": [{"Type": "CHILD", "Ids": word_ids}],
    }
    page_block = {
        "BlockType": "PAGE",
        "Id": f"p{page}",
        "Page": page,
        "Geometry": _box(0, 0, 1, 1),
        "Relationships": [{"Type": "CHILD", "Ids": [f"l{page}"]}],
    }
    word_blocks = [
        {
            "BlockType": "WORD",
            "Id": wid,
            "Page": page,
            "Confidence": conf,
            "Text": text,
            "TextType": "PRINTED",
            "Geometry": _box(left, top),
        }
        for wid, (text, left, top, conf) in zip(word_ids, words, strict=True)
    ]
    return [page_block, line, *word_blocks]


def _job(pages: int = 2, reported: int | None = None) -> list[dict[str, Any]]:
    """An async job's results: page 1 in a first response with a NextToken, the other pages in a second."""
    blocks = [
        _page_blocks(p, [("AL:", 0.1, 0.2 + p / 100, 98.5), ("23,41", 0.3, 0.2 + p / 100, 87.0)])
        for p in range(1, pages + 1)
    ]
    meta = {"Pages": reported or pages}
    first = {"JobStatus": "SUCCEEDED", "DocumentMetadata": meta, "Blocks": blocks[0], "NextToken": "token-1"}
    rest = {"JobStatus": "SUCCEEDED", "DocumentMetadata": meta, "Blocks": [b for page in blocks[1:] for b in page]}
    return [first, rest]


def _document(responses: list[dict[str, Any]]) -> Any:
    return document_from_textract(responses, filename="scan.pdf", media_type="application/pdf", sha256="ab" * 32)


def test_words_of_every_page_are_read_from_both_nexttoken_responses() -> None:
    document = _document(_job(pages=3))
    assert [[w.text for w in page.words] for page in document.pages] == [["AL:", "23,41"]] * 3


def test_pages_are_numbered_from_one_and_marked_textract() -> None:
    document = _document(_job(pages=2))
    assert [(p.number, p.source) for p in document.pages] == [(1, "textract"), (2, "textract")]


def test_confidence_becomes_a_fraction() -> None:
    assert _document(_job()).pages[0].words[1].confidence == pytest.approx(0.87)


def test_bounding_box_becomes_left_top_right_bottom() -> None:
    assert _document(_job()).pages[0].words[0].bbox == pytest.approx((0.1, 0.21, 0.2, 0.23))


def test_single_synchronous_response_is_one_page_document() -> None:
    response = {"DocumentMetadata": {"Pages": 1}, "Blocks": _page_blocks(1, [("K1:", 0.1, 0.1, 99.0)])}
    assert [w.text for w in _document([response]).pages[0].words] == ["K1:"]


def test_page_sizes_can_be_supplied() -> None:
    document = document_from_textract(
        _job(pages=1), filename="a.pdf", media_type="application/pdf", sha256="0" * 64, page_sizes_pt=[(595.0, 842.0)]
    )
    assert (document.pages[0].width_pt, document.pages[0].height_pt) == (595.0, 842.0)


def test_missing_page_raises_textract_error() -> None:
    with pytest.raises(TextractError):
        _document(_job(pages=2, reported=3))


def test_unfinished_pagination_raises_textract_error() -> None:
    with pytest.raises(TextractError):
        _document(_job(pages=2)[:1])


def test_failed_job_raises_textract_error() -> None:
    with pytest.raises(TextractError):
        _document([{"JobStatus": "FAILED", "StatusMessage": "bad file", "Blocks": []}])


def test_no_response_raises_textract_error() -> None:
    with pytest.raises(TextractError):
        _document([])


def test_malformed_block_raises_textract_error() -> None:
    responses = _job(pages=1)
    del responses[0]["Blocks"][2]["Geometry"]
    responses[0].pop("NextToken")
    with pytest.raises(TextractError):
        _document(responses[:1])
