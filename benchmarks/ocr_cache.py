"""Tuning aid: each page image's page pass read once into a cache directory, then only refiners and bold replayed.

A refiner or parser change needs the page pass (the slow part: tesseract over the whole page and its boxes) only
once per page image. `page_pass_cache(DIR)` patches `extract.ocr._ocr_as_it_lies` in this process: a page image
seen before (same pixels, clean flag and source resolution) takes its cached page-pass words and measured image and
runs the registered refiners and bold on them; a new one is read in full and its page pass stored. Valid while
`extract/` outside the refiners is unchanged: clear the cache after changing the page pass. Used by
`ocr_replay.py` and `real_renditions.py --ocr-cache`; never by the product.

`engine_cache(DIR)` caches one level lower, for a change to the page pass itself: every tesseract call (the words
of one image at one page segmentation mode and character list, an orientation test) is keyed by the pixels handed to
the engine, so everything of ours runs again and only the engine's readings of pixels it has seen are replayed. A
page-pass change is then measured exactly: where it changes what tesseract is shown, tesseract reads it anew.
Slower to replay than page passes (our image work runs: ~0.7 s of CPU a page), and filled on its own first run.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PIL import Image

from biometry.document import Page, Word
from biometry.extract import ocr, tesseract
from biometry.extract.refiners import PageRefiner

_recording = threading.local()  # the page-pass words the current thread's refiners were handed


@contextmanager
def page_pass_cache(directory: Path) -> Iterator[None]:
    """Within the block, OCR in this process reads each page image's page pass from `directory` when it is there."""
    directory.mkdir(parents=True, exist_ok=True)
    original_read, original_refined = ocr._ocr_as_it_lies, ocr.refined

    def recording_refined(image: Image.Image, words: list[Word]) -> list[Word]:
        _recording.entry = (image, list(words))
        return original_refined(image, words)

    def cached_read(image: Image.Image, **options: Any) -> Page:
        path = directory / f"{_key(image, options)}.pkl"
        if path.exists():
            return _replayed(path, image, options, original_refined)
        _recording.entry = None
        page = original_read(image, **options)
        if _recording.entry is not None:
            measured, words = _recording.entry
            _store(path, measured, words)
        return page

    ocr._ocr_as_it_lies, ocr.refined = cached_read, recording_refined  # type: ignore[assignment]
    try:
        yield
    finally:
        ocr._ocr_as_it_lies, ocr.refined = original_read, original_refined  # type: ignore[assignment]


@contextmanager
def engine_cache(directory: Path) -> Iterator[None]:
    """Within the block, each tesseract call in this process replays its reading of the same pixels from `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    original_words, original_orientation = tesseract.read_words, tesseract.orientation

    def cached_words(image: Image.Image, psm: int, language: str = tesseract.LANGUAGE) -> list[tesseract.TesseractWord]:
        allowed = tesseract.engine(language).GetVariableAsString("tessedit_char_whitelist") or ""
        call = ("words", psm, allowed) if language == tesseract.LANGUAGE else ("words", psm, allowed, language)
        return _engine_call(directory, call, image, lambda: original_words(image, psm, language))

    def cached_orientation(image: Image.Image) -> tuple[int, float] | None:
        return _engine_call(directory, ("orientation",), image, lambda: original_orientation(image))

    tesseract.read_words, tesseract.orientation = cached_words, cached_orientation  # type: ignore[assignment]
    try:
        yield
    finally:
        tesseract.read_words, tesseract.orientation = original_words, original_orientation  # type: ignore[assignment]


def _engine_call(directory: Path, call: tuple[Any, ...], image: Image.Image, read: Any) -> Any:
    """The engine's answer for `call` on these pixels: from `directory` when seen before, else read and stored."""
    gray = image if image.mode == "L" else image.convert("L")
    digest = hashlib.sha1(gray.tobytes())
    digest.update(repr((gray.size, call)).encode())
    path = directory / digest.hexdigest()[:2] / f"{digest.hexdigest()}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    answer = read()
    path.parent.mkdir(exist_ok=True)
    partial = path.with_suffix(f".{threading.get_ident()}.part")
    partial.write_bytes(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(path)
    return answer


def _key(image: Image.Image, options: dict[str, Any]) -> str:
    digest = hashlib.sha1(image.tobytes())
    fields = (image.mode, image.size, options.get("clean", True), options.get("source_dpi"))
    digest.update(repr(fields + (("bilevel",) if options.get("bilevel") else ())).encode())  # older keys kept
    return digest.hexdigest()


def _store(path: Path, measured: Image.Image, words: list[Word]) -> None:
    payload = {"mode": measured.mode, "size": measured.size, "pixels": measured.tobytes(), "words": words}
    partial = path.with_suffix(f".{threading.get_ident()}.part")
    partial.write_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(path)


def _replayed(path: Path, image: Image.Image, options: dict[str, Any], refined: PageRefiner) -> Page:
    payload = pickle.loads(path.read_bytes())
    measured = Image.frombytes(payload["mode"], payload["size"], payload["pixels"])
    words = ocr.with_bold(measured, refined(measured, payload["words"]))
    width_pt, height_pt = options.get("size_pt") or ocr.image_page_size_pt(image)
    return Page(number=options["number"], width_pt=width_pt, height_pt=height_pt, source="ocr", words=words)
