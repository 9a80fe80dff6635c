"""DICOM files for the tests, built in memory with biometry.synth.exports.dicom (a helper module, not a conftest)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

from PIL import Image, ImageDraw

from biometry.synth.exports.dicom import EXAMPLE_STUDY, DicomStudy, dicom_bytes, encapsulated_pdf, secondary_capture

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
PRINTOUT = SAMPLES / "iolmaster700-en-short.pdf"  # its truth: ZEISS IOLMaster 700 1.90.18.03, 2022-12-17
PRINTOUT_STUDY = replace(EXAMPLE_STUDY, software="1.90.18.03", study_date="20221217")


def printout_dicom(study: DicomStudy = PRINTOUT_STUDY) -> bytes:
    """The IOLMaster 700 sample printout as an Encapsulated PDF of `study`."""
    return dicom_bytes(encapsulated_pdf(study, PRINTOUT.read_bytes()))


def page_frames(count: int = 2, size: tuple[int, int] = (827, 1169)) -> list[Image.Image]:
    """`count` white A4 frames at 100 dpi, each with a little text."""
    frames = []
    for number in range(count):
        frame = Image.new("RGB", size, "white")
        ImageDraw.Draw(frame).text((60, 60), f"Page {number + 1}", fill="black")
        frames.append(frame)
    return frames


def capture_dicom(frames: list[Image.Image] | None = None) -> bytes:
    """A Multi-frame True Color Secondary Capture of `frames` (two blank pages by default)."""
    return dicom_bytes(secondary_capture(EXAMPLE_STUDY, frames or page_frames()))


def zipped(*members: tuple[str, bytes]) -> bytes:
    """A zip archive of the named members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()
