"""The tuning aid's engine-level OCR cache: tesseract reads the same pixels once, whatever runs around it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from benchmarks.ocr_cache import engine_cache
from biometry.extract import tesseract
from biometry.extract.tesseract import TesseractWord


class _Engine:
    """Stands in for tesserocr's API: only the character list the cache keys on."""

    allowed = ""

    def GetVariableAsString(self, name: str) -> str:
        return self.allowed


@pytest.fixture
def engine_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    """Each call that reaches the engine, as (page segmentation mode, character list)."""
    reads: list[tuple[int, str]] = []
    stand_in = _Engine()

    def read_words(image: Image.Image, psm: int, language: str = tesseract.LANGUAGE) -> list[TesseractWord]:
        reads.append((psm, stand_in.allowed if language == tesseract.LANGUAGE else language))
        return [TesseractWord(f"{image.getpixel((0, 0))}", 96.0, 0, 0, 4, 4)]

    monkeypatch.setattr(tesseract, "engine", lambda language=tesseract.LANGUAGE: stand_in)
    monkeypatch.setattr(tesseract, "read_words", read_words)
    return reads


def test_the_same_pixels_are_read_once_across_runs(engine_reads: list[tuple[int, str]], tmp_path: Path) -> None:
    image = Image.new("L", (8, 8), 200)
    with engine_cache(tmp_path):
        first = tesseract.read_words(image, 7)
    with engine_cache(tmp_path):
        again = tesseract.read_words(image.copy(), 7)
    assert (again, engine_reads) == (first, [(7, "")])


def test_other_pixels_or_another_mode_are_read_anew(engine_reads: list[tuple[int, str]], tmp_path: Path) -> None:
    with engine_cache(tmp_path):
        tesseract.read_words(Image.new("L", (8, 8), 200), 7)
        tesseract.read_words(Image.new("L", (8, 8), 0), 7)
        tesseract.read_words(Image.new("L", (8, 8), 200), 6)
    assert engine_reads == [(7, ""), (7, ""), (6, "")]


def test_a_character_list_is_part_of_the_call(engine_reads: list[tuple[int, str]], tmp_path: Path) -> None:
    image = Image.new("L", (8, 8), 200)
    with engine_cache(tmp_path):
        tesseract.read_words(image, 7)
        tesseract.engine().allowed = "0123456789.-"
        tesseract.read_words(image, 7)
    assert engine_reads == [(7, ""), (7, "0123456789.-")]


def test_another_model_is_part_of_the_call(engine_reads: list[tuple[int, str]], tmp_path: Path) -> None:
    image = Image.new("L", (8, 8), 200)
    with engine_cache(tmp_path):
        tesseract.read_words(image, 7)
        tesseract.read_words(image, 7, tesseract.NAME_LANGUAGE)
    assert engine_reads == [(7, ""), (7, tesseract.NAME_LANGUAGE)]


def test_the_engine_is_itself_again_after_the_block(engine_reads: list[tuple[int, str]], tmp_path: Path) -> None:
    original = tesseract.read_words
    with engine_cache(tmp_path):
        assert tesseract.read_words is not original
    assert tesseract.read_words is original
