"""The `biometry` command: one JSON object per file, exit 0 whenever results were produced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from biometry.cli import main
from biometry.synth.iolmaster700.report import Case, render


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "report.pdf"
    path.write_bytes(render(Case(seed=11, language="de", decimal="comma", layout="short"))[0])
    return path


def test_one_file_prints_one_result_object(report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(report)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "accepted"
    assert result["schema_version"] == "1.0"


def test_many_files_print_json_lines(report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert main(["parse", str(report), str(empty)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(line)["status"] for line in lines] == ["accepted", "needs_review"]


def test_a_review_result_still_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "letter.pdf"
    text.write_text("Dear colleague, please find the report attached.")
    assert main(["parse", str(text)]) == 0
    assert json.loads(capsys.readouterr().out)["extraction"]["issues"][0]["code"] == "unsupported_media_type"


def test_a_missing_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(tmp_path / "nope.pdf")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_table_names_the_file_and_status(report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(report), "--table"]) == 0
    out = capsys.readouterr().out
    assert "report.pdf" in out and "accepted" in out


def test_schema_command_prints_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "BiometryResult"
