"""Export parsers (IOLMaster 700 CSV, EyeSuite XML): generated exports parse to their truth; bad ones go to review."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from biometry.devices import registry
from biometry.devices.exports.eyesuite_xml import EyeSuiteXml
from biometry.devices.exports.iolmaster700_csv import IolMaster700Csv
from biometry.devices.iolmaster700.parser import IolMaster700
from biometry.errors import UnreadableInputError
from biometry.evaluate import compare
from biometry.extract.exports import export_document, sniff_export
from biometry.models import BiometryResult
from biometry.parse import parse_document, unreadable_result
from biometry.synth.exports.report import ExportCase, export_cases, render_csv, render_export, render_xml

Parse = Callable[[bytes, str], BiometryResult]
HEADER = "Pat_ID;Last_Name;First_Name;DOB;Acquisition_Date;Eye_Side;AL;AL_SD;R1;R2;A1;A2;ACD;AQD;LT;CCT;W2W;P"
OD_ROW = "P1;DOE;JANE;1950-01-02;2024-09-12;OD;23,41;0,01;7,72;7,61;95;5;3,10;2,56;4,61;0,541;11,9;3,5"
OS_ROW = "P1;DOE;JANE;1950-01-02;2024-09-12;OS;23,55;0,01;7,70;7,60;85;175;3,12;2,58;4,60;0,540;12,0;3,6"


@pytest.fixture
def parse(monkeypatch: pytest.MonkeyPatch) -> Parse:
    """bytes -> result through parse_document, with the export parsers registered as the lead will wire them."""
    monkeypatch.setattr(registry, "PARSERS", (IolMaster700(), IolMaster700Csv(), EyeSuiteXml()))

    def run(data: bytes, filename: str) -> BiometryResult:
        try:
            document = export_document(data, filename, sniff_export(data) or "")
        except UnreadableInputError as error:
            return unreadable_result(data, filename, error)
        return parse_document(document)

    return run


def csv_export(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8-sig")


def issue_codes(result: BiometryResult) -> set[str]:
    return {i.code for i in result.extraction.issues if i.severity == "error"}


def test_sixty_generated_exports_are_all_accepted_without_a_silent_error(parse: Parse) -> None:
    outcomes = []
    for case in export_cases(60, seed=0):
        data, truth = render_export(case)
        result = parse(data, case.filename)
        comparison = compare(result, BiometryResult.model_validate(truth))
        outcomes.append((case.name, result.status, comparison.wrong, comparison.missed))
    assert [o for o in outcomes if o[1:] != ("accepted", [], [])] == []


@pytest.mark.parametrize("render", [render_csv, render_xml], ids=["csv", "xml"])
def test_result_is_an_export_with_its_parser_name(parse: Parse, render: Callable[..., tuple[bytes, dict]]) -> None:
    data, _ = render(ExportCase(seed=5, format="csv" if render is render_csv else "xml"))
    result = parse(data, "e")
    assert (result.source.text_source, result.extraction.method) == ("export", "export")
    assert result.extraction.parser in ("iolmaster700-csv@1.0", "eyesuite-xml@1.0")


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_each_export_is_claimed_by_its_own_parser_only(fmt: str) -> None:
    data, _ = render_export(ExportCase(seed=9, format=fmt))  # type: ignore[arg-type]
    document = export_document(data, "e", sniff_export(data) or "")
    scores = {p.name: p.score(document) for p in (IolMaster700(), IolMaster700Csv(), EyeSuiteXml())}
    owner = "iolmaster700-csv" if fmt == "csv" else "eyesuite-xml"
    assert scores == {name: (1.0 if name == owner else 0.0) for name in scores}


def test_generator_is_deterministic_by_seed() -> None:
    case = ExportCase(seed=42, format="xml", eyes="OS", missing_rate=0.5)
    assert render_export(case) == render_export(case)


def test_eye_comes_from_eye_side_not_row_order(parse: Parse) -> None:
    result = parse(csv_export(OS_ROW, OD_ROW), "e.csv")
    assert result.eyes.OD is not None and result.eyes.OD.axial_length_mm == 23.41


def test_k_in_dioptres_is_derived_from_the_radius_and_grounded_in_its_derived_cell(parse: Parse) -> None:
    result = parse(csv_export(OD_ROW), "e.csv")
    assert result.eyes.OD is not None and result.eyes.OD.k1_d == 43.72
    assert result.extraction.provenance["OD.k1_d"].text == "43.72"
    assert result.status == "accepted"


def test_cct_in_millimetres_becomes_micrometres(parse: Parse) -> None:
    result = parse(csv_export(OD_ROW), "e.csv")
    assert result.eyes.OD is not None and result.eyes.OD.cct_um == 541.0


def test_empty_cells_become_null_not_zero(parse: Parse) -> None:
    result = parse(csv_export(OD_ROW.replace(";4,61;0,541;", ";;;")), "e.csv")
    assert result.eyes.OD is not None
    assert (result.eyes.OD.lens_thickness_mm, result.eyes.OD.cct_um) == (None, None)


def test_single_eye_export_leaves_the_other_eye_null(parse: Parse) -> None:
    result = parse(csv_export(OS_ROW), "e.csv")
    assert result.eyes.OD is None and result.eyes.OS is not None


def test_eyes_measured_minutes_apart_share_the_exam_date(parse: Parse) -> None:
    od = OD_ROW.replace("2024-09-12", "2024-09-12 10:31:05")
    result = parse(csv_export(od, OS_ROW.replace("2024-09-12", "2024-09-12 10:33:40")), "e.csv")
    assert result.exam_date == "2024-09-12"


def test_patient_and_exam_date_come_from_the_row(parse: Parse) -> None:
    result = parse(csv_export(OD_ROW), "e.csv")
    assert result.patient is not None
    assert (result.patient.name, result.patient.id, result.patient.birth_date) == ("DOE, JANE", "P1", "1950-01-02")
    assert result.exam_date == "2024-09-12"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (csv_export(OD_ROW.replace(";OD;", ";OU;")), "eye_unknown"),
        (csv_export(OD_ROW.replace(";23,41;", ";n/a;")), "export_value_invalid"),
        (csv_export(OD_ROW.replace(";95;", ";195;")), "axis_out_of_range"),
        (csv_export(OD_ROW, OS_ROW.replace("P1;DOE", "P2;ROE")), "export_inconsistent_rows"),
        (csv_export(OD_ROW, OD_ROW.replace(";23,41;", ";23,91;")), "conflicting_values"),
        (csv_export("P1;23,41;7,72", header="Pat_ID;AL;R1"), "export_columns_missing"),
        (csv_export("1;2;3", header="x;y;z"), "unknown_device"),
        (csv_export(OD_ROW.replace(";7,72;7,61;", ";7,61;7,72;")), "k_order"),
    ],
    ids=[
        "unknown-eye",
        "text-in-number",
        "axis-range",
        "two-patients",
        "conflict",
        "wrong-columns",
        "foreign-csv",
        "swapped-radii",
    ],
)
def test_doubtful_csv_goes_to_review_with_a_named_issue(parse: Parse, data: bytes, code: str) -> None:
    result = parse(data, "e.csv")
    assert result.status == "needs_review"
    assert code in issue_codes(result)


def xml_export(eye: str, side: str = "OD") -> bytes:
    body = f'<EYESUITE_EXPORT><EXAMINATION><EYE side="{side}">{eye}</EYE></EXAMINATION></EYESUITE_EXPORT>'
    return f'<?xml version="1.0" encoding="Windows-1252"?>{body}'.encode("cp1252")


AXIAL = '<A-SCAN><AXIAL_LENGTH unit="mm">23,41</AXIAL_LENGTH></A-SCAN>'


def test_xml_decimal_comma_value_is_read_for_its_side(parse: Parse) -> None:
    result = parse(xml_export(AXIAL, side="OS"), "e.xml")
    assert result.eyes.OS is not None and result.eyes.OS.axial_length_mm == 23.41
    assert result.eyes.OD is None


def test_xml_empty_element_is_null_not_zero(parse: Parse) -> None:
    result = parse(xml_export(AXIAL + '<KERATOMETRY><FLAT_MERIDIAN unit="D"/></KERATOMETRY>'), "e.xml")
    assert result.eyes.OD is not None and result.eyes.OD.k1_d is None


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (xml_export(AXIAL.replace('unit="mm"', 'unit="µm"')), "export_unit_unexpected"),
        (xml_export(AXIAL, side="OU"), "eye_unknown"),
        (xml_export(AXIAL)[:-25], "corrupt_export"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>', "unsafe_export"),
    ],
    ids=["unexpected-unit", "unknown-side", "truncated", "entities"],
)
def test_doubtful_xml_goes_to_review_with_a_named_issue(parse: Parse, data: bytes, code: str) -> None:
    result = parse(data, "e.xml")
    assert result.status == "needs_review"
    assert code in issue_codes(result)


def test_csv_cut_mid_row_goes_to_review_not_to_a_shorter_value(parse: Parse) -> None:
    data = csv_export(OD_ROW)[:-4]  # the pupil cell `3,5` loses its last digit
    assert issue_codes(parse(data, "e.csv")) == {"truncated_export"}
