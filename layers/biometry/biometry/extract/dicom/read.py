"""Recognise DICOM by content and read it with pydicom in bounded time and memory; bad files get a specific code."""

from __future__ import annotations

import io
import logging
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from biometry.errors import UnreadableInputError
from biometry.extract.sniff import DICOM as DICOM

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

MAX_DICOM_BYTES = 100 * 1024 * 1024
PREAMBLE_BYTES = 128
MAGIC = b"DICM"
UNDEFINED_LENGTH = 0xFFFFFFFF
# SOP classes (PS3.4 Annex B) and the path each takes
ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1"
SECONDARY_CAPTURE = frozenset(
    {
        "1.2.840.10008.5.1.4.1.1.7",  # Secondary Capture Image
        "1.2.840.10008.5.1.4.1.1.7.1",  # Multi-frame Single Bit SC
        "1.2.840.10008.5.1.4.1.1.7.2",  # Multi-frame Grayscale Byte SC
        "1.2.840.10008.5.1.4.1.1.7.3",  # Multi-frame Grayscale Word SC
        "1.2.840.10008.5.1.4.1.1.7.4",  # Multi-frame True Color SC
    }
)
KERATOMETRY = "1.2.840.10008.5.1.4.1.1.78.3"
OPHTHALMIC_AXIAL_MEASUREMENTS = "1.2.840.10008.5.1.4.1.1.78.7"
IOL_CALCULATION = "1.2.840.10008.5.1.4.1.1.78.8"
MEASUREMENTS = frozenset({KERATOMETRY, OPHTHALMIC_AXIAL_MEASUREMENTS, IOL_CALCULATION})
MEDIA_DIRECTORY = "1.2.840.10008.1.3.10"  # DICOMDIR: an index of files, not a report
_FIRST_GROUPS = (0x0002, 0x0008)  # a dataset without preamble starts with its meta group or the identifying group
_VRS = frozenset(
    b"AE AS AT CS DA DS DT FL FD IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV".split()
)


def looks_like_dicom(data: bytes) -> bool:
    """True for a DICOM file: `DICM` after the 128-byte preamble, `DICM` first, or a bare dataset's first element."""
    if data[PREAMBLE_BYTES : PREAMBLE_BYTES + 4] == MAGIC or data.startswith(MAGIC):
        return True
    return _starts_with_element(data)


def _starts_with_element(data: bytes) -> bool:
    """A bare dataset: group 0002 or 0008, a small element number, then an explicit VR or a sane implicit length."""
    if len(data) < 12:
        return False
    group, element = struct.unpack_from("<HH", data)
    if group not in _FIRST_GROUPS or element > 0x0100:
        return False
    if data[4:6] in _VRS:
        return True
    (length,) = struct.unpack_from("<I", data, 4)
    return bool(length < min(len(data), 1024))


@contextmanager
def quiet_pydicom() -> Iterator[None]:
    """pydicom's warnings and log lines may quote values (patient names, dates): none of them leave this block."""
    from pydicom import config

    config.settings.reading_validation_mode = config.IGNORE
    logger = logging.getLogger("pydicom")
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def read_dataset(data: bytes) -> Dataset:
    """The dataset of a DICOM file, every top-level value checked against its declared length (truncation)."""
    import pydicom
    from pydicom.errors import InvalidDicomError

    if len(data) > MAX_DICOM_BYTES:
        message = f"The DICOM file is {len(data)} bytes; the limit is {MAX_DICOM_BYTES} bytes."
        raise dicom_error("file_too_large", message)
    if data.startswith(MAGIC):
        data = bytes(PREAMBLE_BYTES) + data
    try:
        dataset = pydicom.dcmread(io.BytesIO(data), force=True)
        _check_lengths(dataset)
        sop_class = sop_class_of(dataset)
    except UnreadableInputError:
        raise
    except (InvalidDicomError, EOFError, ValueError, struct.error, KeyError, TypeError, OverflowError, MemoryError):
        raise dicom_error("corrupt_dicom", "The DICOM file is damaged and cannot be read.") from None
    if not sop_class:
        raise dicom_error("corrupt_dicom", "The DICOM file names no SOP class: it is damaged or truncated.")
    if sop_class == MEDIA_DIRECTORY:
        raise dicom_error("dicom_directory", "The file is a DICOMDIR (an index of other files), not a report.")
    _name_transfer_syntax(dataset)
    return dataset


def _name_transfer_syntax(dataset: Dataset) -> None:
    """A bare dataset (no file meta) gets the transfer syntax it was read with, so its pixels can be decoded."""
    from pydicom.uid import ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

    if "TransferSyntaxUID" in dataset.file_meta:
        return
    implicit, little = dataset.original_encoding
    explicit = ExplicitVRLittleEndian if little else ExplicitVRBigEndian
    dataset.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian if implicit else explicit


def sop_class_of(dataset: Dataset) -> str:
    """The SOP Class UID that decides the path (the header's, else the file meta's)."""
    return str(dataset.get("SOPClassUID", "") or dataset.file_meta.get("MediaStorageSOPClassUID", ""))


def _check_lengths(dataset: Dataset) -> None:
    """A value shorter than its declared length means the file was cut (or lies about a 2 GB element)."""
    for tag in list(dataset.keys()):
        raw = dataset.get_item(tag)
        declared = getattr(raw, "length", None)
        value = getattr(raw, "value", None)
        if declared is None or declared == UNDEFINED_LENGTH or not isinstance(value, bytes | bytearray):
            continue
        if len(value) < declared:
            message = f"An element declares {declared} bytes but the file holds {len(value)}: it is truncated."
            raise dicom_error("dicom_truncated", message)


def dicom_error(code: str, message: str) -> UnreadableInputError:
    """An `UnreadableInputError` that reports the DICOM media type."""
    error = UnreadableInputError(code, message)
    error.media_type = DICOM  # type: ignore[attr-defined]  # read by parse.unreadable_result
    return error
