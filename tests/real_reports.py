"""Where the real device reports live (../shared/real beside the checkout), and how a test reads one to its truth."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from biometry.evaluate import Comparison, Truth, compare, load_truth
from biometry.models import BiometryResult

REAL_DIR = Path(os.environ.get("BIOMETRY_REAL_DIR", Path(__file__).resolve().parents[1].parent / "shared" / "real"))


def real_report(name: str) -> tuple[bytes, Truth]:
    """The bytes of `REAL_DIR/name` and its truth (`x.truth.json` for `x.pdf` and `x.dcm.zip`), or a skip."""
    path = REAL_DIR / name
    if not path.exists():
        pytest.skip(f"real report {name} not present in {REAL_DIR}")
    return path.read_bytes(), load_truth(path.with_name(path.name.split(".")[0] + ".truth.json"))  # x.dcm.zip: x


def compared(result: BiometryResult, truth: Truth) -> Comparison:
    """The one evaluator's comparison, with the truth's optional calculations allowed to be absent."""
    return compare(result, truth.result, truth.optional)
