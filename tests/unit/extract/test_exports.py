"""Device exports as one Document: sniffing, encodings, cells as positioned words, derived cells, unsafe input."""

from __future__ import annotations

import codecs

import pytest

from biometry.errors import UnreadableInputError
from biometry.extract.exports import CSV, XML, export_document, sniff_export

HEADER = "Pat_ID;Last_Name;First_Name;DOB;Acquisition_Date;Eye_Side;AL;R1;R2;A1;A2;CCT"
ROW = "P1;MÜLLER;JOSÉ;1950-01-02;2024-09-12;OD;23,41;7,72;7,61;95;5;0,541"
XML_TEXT = (
    '<?xml version="1.0" encoding="Windows-1252"?>\n<X><EYE side="OD"><AXIAL_LENGTH>23,41</AXIAL_LENGTH></EYE></X>\n'
)


def csv_document(text: str, encoding: str = "utf-8-sig"):  # type: ignore[no-untyped-def]
    return export_document(text.encode(encoding), "e.csv", CSV)


def words_of(text: str, encoding: str = "utf-8-sig") -> list[str]:
    return [w.text for w in csv_document(text, encoding).pages[0].words]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (f"{HEADER}\r\n".encode("utf-8-sig"), CSV),
        (f"{HEADER}\r\n".encode("utf-16"), CSV),
        (f"{HEADER}\r\n".encode("utf-16-le"), CSV),
        (XML_TEXT.encode("cp1252"), XML),
        (codecs.BOM_UTF8 + b"  <root/>", XML),
        (b"%PDF-1.7\n%binary", None),
        (b"\x89PNG\r\n\x1a\n", None),
        (b"just some text, with commas, only\n", None),
    ],
    ids=["utf8-bom-csv", "utf16-bom-csv", "utf16-no-bom-csv", "cp1252-xml", "bom-xml", "pdf", "png", "prose"],
)
def test_sniff_export_recognises_csv_and_xml_only(data: bytes, expected: str | None) -> None:
    assert sniff_export(data) == expected


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_csv_cells_read_the_same_in_every_encoding(encoding: str) -> None:
    assert "MÜLLER" in words_of(f"{HEADER}\r\n{ROW}\r\n", encoding)


def test_csv_rows_become_lines_and_cells_words_in_header_order() -> None:
    page = csv_document(f"{HEADER}\r\n{ROW}\r\n").pages[0]
    assert [w.text for w in page.lines[0].words][:6] == HEADER.split(";")[:6]
    assert page.lines[1].words[6].text == "23,41"
    assert page.source == "export"


def test_empty_cell_prints_no_word() -> None:
    row = ROW.replace(";23,41;", ";;")
    assert "23,41" not in words_of(f"{HEADER}\r\n{row}\r\n")


def test_radius_and_cct_gain_derived_cells_that_print_their_formula() -> None:
    words = words_of(f"{HEADER}\r\n{ROW}\r\n")
    assert {"K1=337.5/R1", "K2=337.5/R2", "CCT_um=CCT*1000"} <= set(words)
    assert {"43.72", "44.35", "541"} <= set(words)  # 337.5/7.72, 337.5/7.61, 0.541 mm


def test_empty_radius_gives_no_derived_value() -> None:
    words = words_of(f"{HEADER}\r\n{ROW.replace(';7,72;', ';;')}\r\n")
    assert "43.72" not in words


def test_derived_cell_rounds_exactly_like_the_printout() -> None:
    # 337.5 / 7.95 = 42.4528...: printed as 42.45
    words = words_of(f"{HEADER}\r\n{ROW.replace(';7,72;', ';7.95;')}\r\n")
    assert "42.45" in words


def test_document_id_is_the_hash_of_the_file_bytes() -> None:
    import hashlib

    data = f"{HEADER}\r\n{ROW}\r\n".encode("utf-8-sig")
    assert export_document(data, "e.csv", CSV).sha256 == hashlib.sha256(data).hexdigest()


def test_xml_elements_become_indented_lines_with_their_text() -> None:
    lines = [line.text for line in export_document(XML_TEXT.encode("cp1252"), "e.xml", XML).pages[0].lines]
    assert lines == ["X", "EYE side=OD", "AXIAL_LENGTH 23,41"]


def test_xml_without_declaration_in_cp1252_is_read() -> None:
    data = "<X><NAME>MÜLLER</NAME></X>".encode("cp1252")
    assert "MÜLLER" in export_document(data, "e.xml", XML).pages[0].text


def test_xml_declaring_an_unknown_encoding_is_decoded_from_its_bytes() -> None:
    data = '<?xml version="1.0" encoding="Windows-252"?><X><N>MÜLLER</N></X>'.encode("cp1252")
    assert "MÜLLER" in export_document(data, "e.xml", XML).pages[0].text


@pytest.mark.parametrize(
    ("data", "media_type", "code"),
    [
        (XML_TEXT.encode("cp1252")[:-30], XML, "corrupt_export"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>', XML, "unsafe_export"),
        (b"<a>" * 3000 + b"</a>" * 3000, XML, "export_too_large"),
        (f"{HEADER}\r\n{ROW}".encode(), CSV, "truncated_export"),
        (f"{HEADER}\r\n{ROW};extra\r\n".encode(), CSV, "export_row_mismatch"),
        (f"{HEADER}\r\n{ROW.replace(';23,41', '')}\r\n".encode(), CSV, "export_row_mismatch"),
        (f"{HEADER}\r\n".encode(), CSV, "empty_export"),
        (f"{HEADER}\r\n".encode() + b"\x81\x8d;\x90\r\n", CSV, "corrupt_export"),
    ],
    ids=[
        "truncated-xml",
        "entities",
        "deep-nesting",
        "cut-csv",
        "surplus-cell",
        "missing-cell",
        "no-rows",
        "bad-bytes",
    ],
)
def test_bad_export_raises_a_named_error_with_its_media_type(data: bytes, media_type: str, code: str) -> None:
    with pytest.raises(UnreadableInputError) as raised:
        export_document(data, "bad", media_type)
    assert (raised.value.code, raised.value.media_type) == (code, media_type)  # type: ignore[attr-defined]
