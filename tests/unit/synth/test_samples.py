"""samples/ holds exactly what scripts/make_samples.py makes from today's generators."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _make_samples() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE_SAMPLES = _make_samples()


@pytest.mark.parametrize("name", sorted(MAKE_SAMPLES.SAMPLES_BY_NAME))
def test_a_bundled_sample_is_what_its_generator_makes_today(name: str) -> None:
    data, truth = MAKE_SAMPLES.SAMPLES_BY_NAME[name]()
    sample = ROOT / "samples" / name
    assert sample.read_bytes() == data, f"samples/{name} is stale: run scripts/make_samples.py"
    if truth is not None:
        truth_file = sample.with_name(sample.stem + ".truth.json")
        assert json.loads(truth_file.read_text()) == truth
