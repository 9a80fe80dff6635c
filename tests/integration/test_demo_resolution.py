"""`make demo` shows one review resolution end to end (the real parser on a bundled sample, no fakes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from biometry.local.demo import run_demo

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.slow
def test_demo_resolves_the_unknown_device_sample_as_manual() -> None:
    console = Console(record=True, width=400)
    run_demo([SAMPLES / "unknown-device.pdf"], console=console)
    shown = console.export_text()
    assert ("-> published" in shown, "status accepted, method manual" in shown) == (True, True)
