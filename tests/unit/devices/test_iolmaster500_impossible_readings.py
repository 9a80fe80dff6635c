"""The IOLMaster 500 parser drops a reading outside a field's range once every page is read (`EyeCollector.
drop_impossible_readings`): a radius OCR read from a garbled power (`K2: @3.77 D's` beside the 7.71 mm printed three
times) gives way to the value the other readings agree on."""

from __future__ import annotations

import pytest

from biometry.devices.collect import EyeCollector
from biometry.synth.iolmaster500.plan import Iom500Case
from tests.unit.devices.test_iolmaster500 import _document, _parse


def test_the_parser_drops_impossible_readings_after_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[EyeCollector] = []
    monkeypatch.setattr(EyeCollector, "drop_impossible_readings", lambda self: calls.append(self))
    document, _ = _document(Iom500Case(seed=200, layout="both"))
    _parse(document)
    assert len(calls) == 1
