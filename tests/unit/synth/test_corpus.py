"""The corpus is a deterministic mix of languages, number formats and layouts."""

from __future__ import annotations

import json
from pathlib import Path

from biometry.models import BiometryResult
from biometry.synth import cases, make_corpus
from biometry.synth.corpus import DEVICES


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    first = make_corpus(tmp_path / "a", 6, seed=3, image_share=0.0)
    second = make_corpus(tmp_path / "b", 6, seed=3, image_share=0.0)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_two_jobs_write_the_same_files_as_one(tmp_path: Path) -> None:
    serial = make_corpus(tmp_path / "a", 3, seed=3, image_share=0.0, devices=DEVICES)
    parallel = make_corpus(tmp_path / "b", 3, seed=3, image_share=0.0, devices=DEVICES, jobs=2)
    assert [(p.name, p.read_bytes()) for p in parallel] == [(p.name, p.read_bytes()) for p in serial]


def test_every_pdf_has_a_valid_truth_file(tmp_path: Path) -> None:
    for pdf in make_corpus(tmp_path, 5, seed=4, image_share=0.0):
        truth = json.loads(pdf.with_suffix(".truth.json").read_text())
        assert BiometryResult.model_validate(truth).source.filename == pdf.name


def test_cases_cover_every_language_layout_pair_in_30() -> None:
    pairs = {(c.language, c.layout) for c in cases(30, seed=0)}
    assert len(pairs) == 30


def test_cases_mix_number_formats() -> None:
    assert {c.decimal for c in cases(30, seed=0)} == {"comma", "point"}


def test_image_share_sets_the_scanned_fraction() -> None:
    scanned = sum(c.image_only for c in cases(200, seed=0, image_share=0.2))
    assert 20 <= scanned <= 60


def test_case_names_are_unique() -> None:
    names = [c.filename for c in cases(100, seed=0)]
    assert len(set(names)) == len(names)


def test_a_mixed_corpus_has_every_device_family(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path, 10, seed=5, image_share=0.0, devices=DEVICES)
    assert len(paths) == 10
    assert {p.suffix for p in paths} == {".pdf", ".csv", ".xml"}
    assert all(p.with_name(p.stem + ".truth.json").is_file() for p in paths)


def test_image_cases_include_clean_renders_realistic_scans_and_phone_photos(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path, 12, seed=5, image_share=1.0, devices=("eyesuite",))
    kinds = {p.name.rsplit("-", 1)[-1] for p in paths}
    assert {"scan.pdf", "realscan.pdf", "photo.jpg"} <= kinds
    photo = next(p for p in paths if p.suffix == ".jpg")
    truth = BiometryResult.model_validate_json(photo.with_name(photo.stem + ".truth.json").read_text())
    assert (truth.source.filename, truth.source.media_type, truth.source.text_source) == (
        photo.name,
        "image/jpeg",
        "ocr",
    )
