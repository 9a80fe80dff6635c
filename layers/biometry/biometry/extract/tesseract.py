"""Tesseract in-process (tesserocr's C API): one engine per thread, its page segmentation mode set per call.

The engine loads its model once and then reads any number of regions; a new `tesseract` process per region paid
that start every time (docs/performance.md). An engine is not thread-safe: each thread gets its own. tesserocr is
built against the system's tesseract (scripts/setup.sh), so it reads exactly what the `tesseract` command reads; the
models are the system packages' (`eng.traineddata`: `tesseract-ocr-eng`; `Latin.traineddata`, read on a patient's
name line only: `tesseract-ocr-script-latn`), or wherever $TESSDATA_PREFIX points.
"""

from __future__ import annotations

import ctypes
import functools
import glob
import importlib
import os
import threading
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from PIL import Image
    from tesserocr import PyTessBaseAPI

LANGUAGE = "eng"
# Tesseract's Latin-script model: the accented capitals of names (Ã, É, È, Í, Ü) the English model reads without their
# accents. 87 MB on disk, ~250 MB in memory, 3.5 times the English model's load (0.9 s of CPU) and 1.5 times its time
# a line: read on the patient's name line only (~0.1 s of CPU a page), by one engine per process (`engine`).
NAME_LANGUAGE = "Latin"
ORIENTATION_MODEL = "osd"  # tesseract's orientation and script model (Debian: tesseract-ocr-osd)
TESSDATA_GLOBS = (  # where the system packages put the models (Debian/Ubuntu, Fedora/Alpine, Homebrew)
    "/usr/share/tesseract-ocr/*/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
# Leptonica, tesseract's image library, prints the errors it meets inside the engine to stderr (on photos:
# `Error in boxClipToRectangle: box outside rectangle`, the read unharmed): noise in CloudWatch. Its message level
# NONE silences it; the sonames are Debian bookworm's (1.82) and later releases'.
LEPTONICA_LIBRARIES = ("liblept.so.5", "libleptonica.so.6")
LEPTONICA_SEVERITY_NONE = 6  # leptonica's L_SEVERITY_NONE
_engines = threading.local()
_shared: dict[str, PyTessBaseAPI] = {}  # engines of the models other than English, one per process
_shared_lock = threading.RLock()


class TesseractWord(NamedTuple):
    """One word as tesseract reads it: text, confidence 0..100 and its box in the image's pixels."""

    text: str
    confidence: float
    left: int
    top: int
    width: int
    height: int


def tessdata_dir(language: str = LANGUAGE) -> str:
    """The folder that holds a language model: $TESSDATA_PREFIX, else the first system folder that has it."""
    candidates = [os.environ.get("TESSDATA_PREFIX", "")]
    candidates += sorted((p for pattern in TESSDATA_GLOBS for p in glob.glob(pattern)), reverse=True)
    for folder in candidates:
        if folder and os.path.isfile(os.path.join(folder, f"{language}.traineddata")):
            return folder
    raise FileNotFoundError(f"{language}.traineddata not found (install tesseract-ocr-eng and tesseract-ocr-script-latn"
                            " or set TESSDATA_PREFIX)")  # fmt: skip


def engine(language: str = LANGUAGE) -> PyTessBaseAPI:
    """The engine for a language model, started on first use: this thread's for the English model (every page is
    read with it, in parallel); for another (`NAME_LANGUAGE`: ~250 MB in memory, read a line or two a page) one for
    the process, used under its lock (`read_words`)."""
    if language != LANGUAGE:
        with _shared_lock:
            if language not in _shared:
                _shared[language] = _started(language)
            return _shared[language]
    api: PyTessBaseAPI | None = getattr(_engines, "api", None)
    if api is None:
        api = _engines.api = _started(language)
    return api


def _started(language: str) -> PyTessBaseAPI:
    tesserocr = _tesserocr()
    _quiet_leptonica()
    return tesserocr.PyTessBaseAPI(path=tessdata_dir(language), lang=language)


def _tesserocr() -> ModuleType:
    """tesserocr, loaded with tesseract's OpenMP threads limited to one (read when the library loads): its threads
    only add CPU time, 8 times a page's on this 2-core machine (docs/performance.md, fortieth session)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return importlib.import_module("tesserocr")


@functools.cache
def _quiet_leptonica() -> None:
    """Sets leptonica's message level to NONE in this process, once; a leptonica of another soname stays as it is."""
    for name in LEPTONICA_LIBRARIES:
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        library.setMsgSeverity(LEPTONICA_SEVERITY_NONE)
        return


def read_words(image: Image.Image, psm: int, language: str = LANGUAGE) -> list[TesseractWord]:
    """The words tesseract reads in a grayscale image with page segmentation mode `psm` (4 page, 6 block, 7 line),
    with the English model or another (`NAME_LANGUAGE`, whose one engine threads take in turn)."""
    if language == LANGUAGE:
        return _read(engine(), image, psm)
    with _shared_lock:
        return _read(engine(language), image, psm)


def _read(api: PyTessBaseAPI, image: Image.Image, psm: int) -> list[TesseractWord]:
    api.SetPageSegMode(psm)
    gray = image if image.mode == "L" else image.convert("L")
    api.SetImageBytes(gray.tobytes(), gray.width, gray.height, 1, gray.width)
    api.Recognize()
    return _tsv_words(api.GetTSVText(0))


def _tsv_words(tsv: str) -> list[TesseractWord]:
    """The word rows (level 5) of tesseract's TSV: level, page, block, paragraph, line, word, box, conf, text."""
    words = []
    for row in tsv.splitlines():
        fields = row.split("\t", 11)
        if len(fields) == 12 and fields[0] == "5":
            left, top, width, height = (int(v) for v in fields[6:10])
            words.append(TesseractWord(fields[11], float(fields[10]), left, top, width, height))
    return words


def read_line(image: Image.Image, allowed: str) -> list[TesseractWord]:
    """The words of one text line (psm 7) in a grayscale image, read as only the `allowed` characters (a number
    cell: digits, sign and point); the engine's character list is cleared again afterwards."""
    api = engine()
    api.SetVariable("tessedit_char_whitelist", allowed)
    try:
        return read_words(image, 7)
    finally:
        api.SetVariable("tessedit_char_whitelist", "")


def orientation(image: Image.Image) -> tuple[int, float] | None:
    """How far a grayscale page is turned, as tesseract's orientation detection finds it: (degrees the page must be
    turned counter-clockwise to stand upright: 0, 90, 180 or 270; tesseract's confidence), or None when it finds too
    little text or the orientation model is not installed."""
    api = _orientation_engine()
    if api is None:
        return None
    gray = image if image.mode == "L" else image.convert("L")
    api.SetImageBytes(gray.tobytes(), gray.width, gray.height, 1, gray.width)
    found = api.DetectOrientationScript()
    return (int(found["orient_deg"]), float(found["orient_conf"])) if found else None


def _orientation_engine() -> PyTessBaseAPI | None:
    """This thread's orientation engine (started on first use), None without the orientation model."""
    api: PyTessBaseAPI | None = getattr(_engines, "osd", None)
    if api is None:
        folder = tessdata_dir()
        if not os.path.isfile(os.path.join(folder, f"{ORIENTATION_MODEL}.traineddata")):
            return None
        tesserocr = _tesserocr()
        _quiet_leptonica()
        api = tesserocr.PyTessBaseAPI(path=folder, lang=ORIENTATION_MODEL, psm=tesserocr.PSM.OSD_ONLY)
        _engines.osd = api
    return api
