"""A zip upload holding one report (a DICOM export arrives zipped): its member, read in bounded time and memory."""

from __future__ import annotations

import io
import zipfile

from biometry.errors import UnreadableInputError

ZIP = "application/zip"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a first member, or the end record of an empty archive
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # the largest single file any path accepts
MAX_ENTRIES = 16  # directory entries and OS junk (`__MACOSX/`, `.DS_Store`) included
_CHUNK = 1024 * 1024
_JUNK = ("__MACOSX/", ".DS_Store", "Thumbs.db")


def looks_like_zip(data: bytes) -> bool:
    """True for a zip archive (local file header first)."""
    return data.startswith(ZIP_MAGICS)


def single_member(data: bytes) -> bytes:
    """The one file inside the zip; empty, multi-file, nested, encrypted, damaged or bomb archives are refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise _error("archive_too_many_members", f"The zip holds {len(entries)} entries; one report is read.")
            files = [e for e in entries if not e.is_dir() and not e.filename.startswith(_JUNK)]
            if len(files) != 1:
                code = "archive_empty" if not files else "archive_too_many_members"
                raise _error(code, f"The zip holds {len(files)} files; exactly one report is read from a zip.")
            member = _read(archive, files[0])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise _error("corrupt_archive", "The zip archive is damaged or uses an unsupported compression.") from None
    if looks_like_zip(member):
        raise _error("archive_nested", "The zip holds another zip; only one level is read.")
    return member


def _read(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """Decompress one member in chunks, stopping at MAX_MEMBER_BYTES whatever its header claims (zip bombs)."""
    if entry.flag_bits & 0x1:
        raise _error("encrypted_archive", "The zip is protected by a password.")
    if entry.file_size > MAX_MEMBER_BYTES:
        message = f"The zipped file is {entry.file_size} bytes; the limit is {MAX_MEMBER_BYTES}."
        raise _error("archive_too_large", message)
    out = bytearray()
    with archive.open(entry) as stream:
        while chunk := stream.read(_CHUNK):
            out += chunk
            if len(out) > MAX_MEMBER_BYTES:
                raise _error("archive_too_large", f"The zipped file unpacks past {MAX_MEMBER_BYTES} bytes.")
    return bytes(out)


def _error(code: str, message: str) -> UnreadableInputError:
    error = UnreadableInputError(code, message)
    error.media_type = ZIP  # type: ignore[attr-defined]  # read by parse.unreadable_result
    return error
