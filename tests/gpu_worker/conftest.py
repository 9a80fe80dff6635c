"""The worker's modules are imported the way the image runs them: `handler` and `engine` side by side."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

WORKER_DIR = Path(__file__).resolve().parents[2] / "gpu_worker"


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The handler module, freshly imported with the fake engine loaded."""
    monkeypatch.syspath_prepend(str(WORKER_DIR))
    monkeypatch.setenv("ENGINE_FACTORY", "tests.gpu_worker.worker_fakes:make_engine")
    for name in ("handler", "engine"):
        sys.modules.pop(name, None)
    yield importlib.import_module("handler")
    for name in ("handler", "engine"):
        sys.modules.pop(name, None)
