"""Page refiners: extraction runs what the devices register, and imports no device module itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PIL import Image

import biometry.extract
from biometry.document import Word
from biometry.extract import refiners
from biometry.extract.refiners import PageRefiner, refined, register_page_refiners

EXTRACT_DIR = Path(biometry.extract.__file__).parent


def _word(text: str) -> Word:
    return Word(text, (0.1, 0.1, 0.2, 0.2), bold=False, confidence=1.0)


def _appending(text: str) -> PageRefiner:
    def refiner(image: Image.Image, words: list[Word]) -> list[Word]:
        return [*words, _word(text)]

    return refiner


@pytest.fixture
def no_refiners(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refiners, "_REFINERS", [])


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return names | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}


def test_extraction_imports_no_device_module() -> None:
    importing = {
        str(path.relative_to(EXTRACT_DIR))
        for path in EXTRACT_DIR.rglob("*.py")
        if any(name.startswith("biometry.devices") for name in _imported_modules(path))
    }
    assert importing == set()


@pytest.mark.usefixtures("no_refiners")
def test_registered_refiners_run_in_order_of_registration() -> None:
    register_page_refiners([_appending("first"), _appending("second")])
    words = refined(Image.new("L", (10, 10), 255), [_word("page")])
    assert [w.text for w in words] == ["page", "first", "second"]


@pytest.mark.usefixtures("no_refiners")
def test_a_refiner_registered_twice_runs_once() -> None:
    refiner = _appending("again")
    register_page_refiners([refiner])
    register_page_refiners([refiner])
    assert [w.text for w in refined(Image.new("L", (10, 10), 255), [])] == ["again"]


@pytest.mark.usefixtures("no_refiners")
def test_a_failing_refiner_leaves_the_words_as_they_were_and_the_next_one_runs() -> None:
    def failing(image: Image.Image, words: list[Word]) -> list[Word]:
        raise TypeError("a bug")

    register_page_refiners([_appending("before"), failing, _appending("after")])
    assert [w.text for w in refined(Image.new("L", (10, 10), 255), [_word("page")])] == ["page", "before", "after"]


def test_the_regex_tier_registers_the_iolmaster500_lens_cell_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    import biometry.parse  # noqa: F401  (its import registers the devices' refiners)
    from biometry.devices.iolmaster500 import cells

    seen: list[list[Word]] = []
    monkeypatch.setattr(cells, "with_lens_cells", lambda image, words: seen.append(words) or words)
    words = [Word("Emme.", (0.1, 0.1, 0.2, 0.12), False, 0.9)]
    refiners.refined(Image.new("L", (200, 200), 255), words)
    assert seen == [words]
