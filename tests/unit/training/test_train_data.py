"""`biometry train-data`: pairs as the worker sees them, one split per document, no PHI, a datasheet that adds up."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from biometry.cli import main
from biometry.extract import load_document
from biometry.llm.merge import answer_eyes, answer_iol
from biometry.llm.schema import extraction_schema
from biometry.llm.tier import build_llm_request
from biometry.models import BiometryResult, Eyes, IolCalculation, Patient
from biometry.parse import parse_document
from biometry.redact.dates import printed_date_for, read_printed_date
from biometry.synth.corpus import DEVICES, make_corpus
from biometry.training.data import build_dataset, example_for, labelled_documents, split_of
from biometry.training.datasheet import filled_fields
from biometry.training.target import extraction_target


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    make_corpus(directory, 6, seed=11, image_share=0.0, devices=DEVICES)
    return directory


@pytest.fixture(scope="module")
def truths(corpus: Path) -> list[BiometryResult]:
    return [item.truth for item in labelled_documents(corpus, "synthetic")]


@pytest.fixture(scope="module")
def dataset(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dataset")
    assert main(["train-data", str(out), "--corpus", str(corpus)]) == 0
    return out


def examples(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for split in ("train", "validation") for line in (out / f"{split}.jsonl").open()]


def reviewed_copy(corpus: Path, destination: Path, **update: Any) -> Path:
    """The first corpus document and its truth as a reviewer's result (`method: manual`) in `destination`."""
    item = next(labelled_documents(corpus, "synthetic"))
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(item.path, destination / item.path.name)
    extraction = item.truth.extraction.model_copy(update={"method": "manual"})
    result = item.truth.model_copy(update={"extraction": extraction, **update})
    (destination / "result.json").write_text(result.model_dump_json(), encoding="utf-8")
    return destination


def test_every_target_is_valid_under_the_extraction_schema(truths: list[BiometryResult]) -> None:
    for truth in truths:
        jsonschema.validate(extraction_target(truth), extraction_schema())


def test_a_target_reads_back_as_the_truths_eye_values_and_iol_calculations(truths: list[BiometryResult]) -> None:
    for truth in truths:
        target = extraction_target(truth)
        unflagged = Eyes.model_validate(truth.eyes.model_dump(exclude={"OD": {"flags"}, "OS": {"flags"}}))
        assert (answer_eyes(target), answer_iol(target)) == (unflagged, truth.iol_calculations)


def test_target_keys_come_in_the_order_the_schema_grammar_emits_them(truths: list[BiometryResult]) -> None:
    keys = list(extraction_target(truths[0]))
    assert keys[:3] == extraction_schema()["required"]


def test_the_exam_date_target_is_the_placeholder_of_the_printed_exam_date(corpus: Path) -> None:
    item = next(i for i in labelled_documents(corpus, "synthetic") if i.path.name.startswith("iolm700"))
    document = load_document(item.path.read_bytes(), item.path.name)
    placeholder = extraction_target(item.truth, document)["exam_date"]
    assert read_printed_date(printed_date_for(placeholder, document) or "", document) == date.fromisoformat(
        item.truth.exam_date
    )


def test_the_prompt_is_the_llm_tiers_own_request(corpus: Path) -> None:
    item = next(labelled_documents(corpus, "synthetic"))
    document = load_document(item.path.read_bytes(), item.path.name)
    example = example_for(document, item.truth, "synthetic", 1.0)
    assert example.prompt == build_llm_request(document, parse_document(document)).prompt


def test_every_document_of_the_corpus_becomes_one_example(dataset: Path, corpus: Path) -> None:
    assert sorted(e["id"] for e in examples(dataset)) == sorted(t.document_id for t in labelled_documents_of(corpus))


def labelled_documents_of(corpus: Path) -> list[BiometryResult]:
    return [item.truth for item in labelled_documents(corpus, "synthetic")]


def test_an_example_lies_in_the_split_of_its_document_hash(dataset: Path) -> None:
    assert all(e["split"] == split_of(e["id"]) for e in examples(dataset))


def test_the_split_sends_about_one_document_in_ten_to_validation() -> None:
    hashes = [f"{k * 2654435761 % 16**8:08x}" + "0" * 56 for k in range(1000)]
    assert 80 <= sum(split_of(h) == "validation" for h in hashes) <= 120


def test_a_document_reviewed_and_in_a_corpus_counts_once_as_reviewed(corpus: Path, tmp_path: Path) -> None:
    reviewed = reviewed_copy(corpus, tmp_path / "reviewed")
    labelled = [*labelled_documents(corpus, "synthetic"), *labelled_documents(reviewed, "reviewed")]
    build_dataset(tmp_path / "out", labelled)
    written = examples(tmp_path / "out")
    reviewed_id = next(labelled_documents(reviewed, "reviewed")).truth.document_id
    assert [(e["source"], e["weight"]) for e in written if e["id"] == reviewed_id] == [("reviewed", 3.0)]


def test_an_example_whose_answer_names_the_patient_is_never_written(corpus: Path, tmp_path: Path) -> None:
    typed = IolCalculation(eye="OD", formula="SRK/T", iol_model="Whitaker lens", rows=[])  # a reviewer's slip
    patient = Patient(name="WHITAKER, BARNABY")
    reviewed = reviewed_copy(corpus, tmp_path / "reviewed", patient=patient, iol_calculations=[typed])
    sheet = build_dataset(tmp_path / "out", labelled_documents(reviewed, "reviewed"))
    assert (sheet.skipped, examples(tmp_path / "out")) == ({"reviewed: phi_leak": 1}, [])


def test_a_result_without_its_document_is_counted_as_skipped(corpus: Path, tmp_path: Path) -> None:
    reviewed = reviewed_copy(corpus, tmp_path / "reviewed")
    next(p for p in reviewed.iterdir() if p.suffix != ".json").unlink()
    assert build_dataset(tmp_path / "out", labelled_documents(reviewed, "reviewed")).skipped == {
        "reviewed: no_source_document": 1
    }


def test_the_datasheet_counts_examples_per_device_source_and_field(dataset: Path) -> None:
    sheet = json.loads((dataset / "datasheet.json").read_text())
    written = examples(dataset)
    device_counts = {d: sum(e["device"] == d for e in written) for d in {e["device"] for e in written}}
    axial = sum("axial_length_mm" in filled_fields(json.loads(e["completion"])) for e in written)
    assert (sheet["devices"], sum(sheet["sources"].values()), sheet["fields"]["axial_length_mm"]) == (
        device_counts,
        len(written),
        axial,
    )


def test_the_markdown_datasheet_states_the_weights_and_the_split_rule(dataset: Path) -> None:
    text = (dataset / "datasheet.md").read_text()
    assert "| reviewed | 3 |" in text and "sha256" in text


def test_train_data_without_a_source_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["train-data", str(tmp_path)]) == 2
