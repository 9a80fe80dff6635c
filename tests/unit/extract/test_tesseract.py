"""Tesseract in-process: where its model is found, one engine per thread, and it reads what the command reads."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from biometry.extract import tesseract
from biometry.extract.tesseract import TesseractWord, engine, read_words, tessdata_dir


def _line(text: str) -> Image.Image:
    """One line of type on white, as a table row of a report at 300 dpi."""
    image = Image.new("L", (560, 140), 255)
    ImageDraw.Draw(image).text((40, 40), text, fill=0, font=ImageFont.load_default(size=34))
    return image


def _bold_row(power: str, refraction: str) -> Image.Image:
    """The framed selected row of an IOL table as it reaches OCR: bold, its frame cut off, a white margin around."""
    image = Image.new("L", (517, 101), 255)
    draw, font = ImageDraw.Draw(image), ImageFont.load_default(size=36)
    draw.text((44, 26), power, fill=0, font=font, stroke_width=1)
    draw.text((324, 26), refraction, fill=0, font=font, stroke_width=1)
    return image


def test_the_model_folder_named_by_tessdata_prefix_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "eng.traineddata").write_bytes(b"model")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    assert tessdata_dir() == str(tmp_path)


def test_a_missing_model_is_an_error_that_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    monkeypatch.setattr(tesseract, "TESSDATA_GLOBS", ())
    with pytest.raises(FileNotFoundError, match="tesseract-ocr-eng"):
        tessdata_dir()


def test_word_rows_of_the_tsv_become_words_and_other_levels_are_skipped() -> None:
    tsv = "1\t1\t0\t0\t0\t0\t0\t0\t600\t100\t-1\t\n5\t1\t1\t1\t1\t1\t40\t30\t90\t36\t96.5\t23.41"
    assert tesseract._tsv_words(tsv) == [TesseractWord("23.41", 96.5, 40, 30, 90, 36)]


def test_a_thread_keeps_its_engine_and_another_thread_gets_its_own() -> None:
    here = engine()
    there: list[object] = []
    worker = threading.Thread(target=lambda: there.append(engine()))
    worker.start()
    worker.join()
    assert (engine() is here, there[0] is not here) == (True, True)


def test_the_name_model_has_one_engine_that_every_thread_shares() -> None:
    here = engine(tesseract.NAME_LANGUAGE)
    there: list[object] = []
    worker = threading.Thread(target=lambda: there.append(engine(tesseract.NAME_LANGUAGE)))
    worker.start()
    worker.join()
    assert (there[0] is here, here is not engine()) == (True, True)


def test_a_line_is_read_with_boxes_in_the_image_pixels() -> None:
    words = read_words(_line("AL 23.41 mm"), 7)
    assert [(w.text, 30 < w.left < 560, 30 < w.top < 100) for w in words] == [
        ("AL", True, True),
        ("23.41", True, True),
        ("mm", True, True),
    ]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="the tesseract command is not installed")
def test_in_process_reads_the_minus_of_a_bold_row_as_the_tesseract_command_does() -> None:
    """The tesserocr wheel's own tesseract (5.5) dropped this minus; the engine built on the system's keeps it."""
    import pytesseract

    row = _bold_row("20.00", "-0.39")
    command = pytesseract.image_to_string(row, config="--psm 7").split()
    assert [w.text for w in read_words(row, 7)] == command == ["20.00", "-0.39"]


def test_the_latin_script_model_reads_the_accents_of_a_name_the_english_model_drops() -> None:
    image = Image.new("L", (900, 120), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    ImageDraw.Draw(image).text((30, 30), "MÜLLER-MUSTER, JOÃO", fill=0, font=font)
    models = (tesseract.LANGUAGE, tesseract.NAME_LANGUAGE)
    english, latin = (" ".join(w.text for w in read_words(image, 7, model)) for model in models)
    assert (english, latin) == ("MULLER-MUSTER, JOAO", "MÜLLER-MUSTER, JOÃO")


def test_leptonica_errors_inside_the_engine_do_not_reach_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    """Leptonica reports a box outside the image on stderr; once an engine has started it stays quiet."""
    engine()
    leptonica = next(library for library in map(_loaded, tesseract.LEPTONICA_LIBRARIES) if library is not None)
    leptonica.boxClipToRectangle(None, None)  # an error leptonica reports: "box not defined"
    assert capfd.readouterr().err == ""


def _loaded(name: str) -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(name)
    except OSError:
        return None


@pytest.mark.parametrize("first", ["engine()", "_orientation_engine()"])
def test_tesseract_loads_with_one_openmp_thread_whichever_engine_starts_first(first: str) -> None:
    # its OpenMP threads only add CPU time: a 300-dpi page read in 0.66 CPU s with one thread took 5.3 s without
    code = f"import os; from biometry.extract import tesseract as t; t.{first}; print(os.environ['OMP_THREAD_LIMIT'])"
    environment = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    ran = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "1"
