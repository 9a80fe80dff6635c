"""`biometry eval`: figures per device and field over a corpus with ground truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from biometry.cli import main
from biometry.corpus_eval import corpus_files, evaluate_corpus
from biometry.synth.corpus import DEVICES, make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    make_corpus(directory, 6, seed=3, image_share=0.0)
    return directory


def test_every_document_with_a_truth_file_is_evaluated(corpus: Path) -> None:
    assert len(corpus_files(corpus)) == 6


def test_a_small_text_layer_slice_has_no_silent_errors_and_is_accepted(corpus: Path) -> None:
    groups = evaluate_corpus(corpus_files(corpus))
    stats = groups["IOLMaster 700 / text-layer"]
    assert stats.silent_error_values == 0
    assert stats.accepted == stats.documents == 6


def test_json_figures_name_the_automation_rate_and_field_accuracy(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(corpus), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["IOLMaster 700 / text-layer"]
    assert figures["automation_rate"] == 1.0
    assert figures["field_accuracy"]["axial_length_mm"] == 1.0


@pytest.mark.slow
def test_iolmaster700_corpus_of_60_has_no_silent_errors_and_accepts_98_percent_of_text_layer(tmp_path: Path) -> None:
    make_corpus(tmp_path, 60, seed=2026, image_share=0.2)
    groups = evaluate_corpus(corpus_files(tmp_path))
    assert sum(stats.silent_error_values for stats in groups.values()) == 0
    text = groups["IOLMaster 700 / text-layer"]
    assert text.accepted >= 0.98 * text.documents


@pytest.mark.slow
def test_every_device_family_text_and_exports_fully_automated_unknown_never_accepted(tmp_path: Path) -> None:
    make_corpus(tmp_path, 120, seed=7, image_share=0.0, devices=DEVICES)
    groups = evaluate_corpus(corpus_files(tmp_path))
    assert sum(stats.silent_error_values for stats in groups.values()) == 0
    for name, stats in groups.items():
        if name.startswith("unknown device"):
            assert stats.accepted == 0
        else:
            assert stats.accepted >= 0.98 * stats.documents, name


def test_figures_do_not_depend_on_the_number_of_jobs(corpus: Path) -> None:
    def figures(jobs: int) -> dict[str, dict[str, object]]:
        groups = evaluate_corpus(corpus_files(corpus)[:3], jobs=jobs)
        return {name: {**stats.as_dict(), "median_seconds": None} for name, stats in groups.items()}

    assert figures(2) == figures(1)


def test_every_document_is_reported_once_in_corpus_order_over_two_jobs(corpus: Path) -> None:
    seen: list[Path] = []
    evaluate_corpus(corpus_files(corpus)[:3], jobs=2, on_document=seen.append)
    assert seen == corpus_files(corpus)[:3]
