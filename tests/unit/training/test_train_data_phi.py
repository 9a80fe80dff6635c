"""The PHI corpus through the training-data builder: no identifier of any language reaches a written example."""

from __future__ import annotations

import functools

import pytest

from biometry.errors import PhiUnredactable
from biometry.models import BiometryResult
from biometry.synth.l10n import LANGUAGES, Language
from biometry.training.data import Example, PhiLeak, example_for
from tests.unit.phi.phi_corpus import FAMILIES, leaked, report

SAMPLES = [(language, family) for language in LANGUAGES for family in FAMILIES]


@functools.cache
def written(language: Language, family: str) -> Example | None:
    """The example the builder would write for the PHI-laden report, or None when it refuses to write one."""
    document, truth = report(family, language)
    try:
        return example_for(document, BiometryResult.model_validate(truth), "synthetic", 1.0)
    except (PhiUnredactable, PhiLeak):
        return None


@pytest.mark.parametrize(("language", "family"), SAMPLES)
def test_no_phi_of_the_corpus_reaches_a_written_example(language: Language, family: str) -> None:
    example = written(language, family)
    assert leaked(f"{example.prompt}\n{example.completion}" if example else "", language) == []


def test_every_phi_laden_report_still_becomes_an_example() -> None:
    assert [sample for sample in SAMPLES if written(*sample) is None] == []
