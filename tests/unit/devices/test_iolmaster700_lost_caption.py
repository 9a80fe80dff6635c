"""An IOLMaster 700 result box whose formula caption OCR lost whole is still read, from its constants line down; its
formula stays unknown (review) unless its own numbers name it (`formula_check`)."""

from __future__ import annotations

import dataclasses
import functools

from biometry.devices.iolmaster700.boxes import is_caption
from biometry.document import Document
from biometry.extract import load_document
from biometry.models import BiometryResult
from biometry.parse import parse_document
from biometry.synth.iolmaster700.report import Case, render


@functools.lru_cache(maxsize=1)
def _generated() -> tuple[bytes, BiometryResult]:
    data, truth = render(Case(seed=5, language="pt", decimal="comma", layout="calc_only", missing_rate=0.0))
    return data, BiometryResult.model_validate(truth)


def _with_os_caption_lost(box: int) -> Document:
    """The generated printout read as OCR would read it, the `box`-th OS caption of its first page (reading order)
    lost whole."""
    document = load_document(_generated()[0], "scan.pdf")
    page = document.pages[0]
    captions = [line for line in page.lines if is_caption(line)]
    os_captions = [[w for w in line.words if w.bbox[0] >= 0.5] for line in captions]
    parts = [part for line in os_captions for part in _captions_in(line)]
    lost = {id(w) for w in parts[box]}
    words = [w for w in page.words if id(w) not in lost]
    pages = [dataclasses.replace(p, source="ocr", _lines=None, _text=None, _memo={}) for p in document.pages]
    pages[0] = dataclasses.replace(pages[0], words=words)
    return dataclasses.replace(document, pages=pages, _memo={})


def _captions_in(words: list) -> list[list]:  # type: ignore[type-arg]
    """A caption line's words cut into one caption each: `- Haigis -  - SRK®/T -` -> two."""
    groups: list[list] = [[]]  # type: ignore[type-arg]
    for word in sorted(words, key=lambda w: w.bbox[0]):
        groups[-1].append(word)
        if len(groups[-1]) > 1 and word.text == "-":
            groups.append([])
    return [g for g in groups if g]


def test_a_box_whose_caption_ocr_lost_is_read_and_held_for_its_unknown_formula() -> None:
    result = parse_document(_with_os_caption_lost(box=1))
    codes = {i.code for i in result.extraction.issues if i.severity == "error"}
    unknown = [c for c in result.iol_calculations if c.formula == ""]
    assert len(result.iol_calculations) == len(_generated()[1].iol_calculations) and len(unknown) == 1
    assert unknown[0].eye == "OS" and len(unknown[0].rows) == 5
    assert "iol_unknown_formula" in codes and "printed_value_unread" not in codes
