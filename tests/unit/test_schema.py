"""The committed JSON Schema is the contract: it must match the models."""

import json
from pathlib import Path

from biometry.schema import contract_schema

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "contract" / "biometry-result.schema.json"


def test_committed_schema_matches_the_models() -> None:
    assert json.loads(COMMITTED.read_text()) == contract_schema(), "run: biometry schema > " + str(COMMITTED)
