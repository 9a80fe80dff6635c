"""A Lambda's cold start imports only what a text-layer document needs: the image stack and the device parse modules
load on first use, a device's parse modules only when the registry picks that device."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from biometry.synth.exports.report import ExportCase, render_csv
from biometry.synth.eyesuite.report import EyesuiteCase
from biometry.synth.eyesuite.report import render as render_eyesuite
from biometry.synth.iolmaster500.report import Iom500Case, render_drawing
from biometry.synth.iolmaster700.report import Case
from biometry.synth.iolmaster700.report import render as render_iolmaster700

# What the handlers import, plus what the parse step imports on its first call (benchmarks/parse_speed.py).
LAMBDA_IMPORTS = (
    "biometry.pipeline.steps, biometry.parse, biometry.extract, biometry.devices.registry, biometry.validate"
)
IMAGE_STACK = {"numpy", "PIL", "pypdfium2", "tesserocr", "pytesseract"}
# Each device's parser module (it imports the device's other parse modules).
PARSE_MODULES = {
    "iolmaster700": "biometry.devices.iolmaster700.parser",
    "iolmaster500": "biometry.devices.iolmaster500.parser",
    "eyesuite": "biometry.devices.eyesuite.parser",
    "dicom-measurements": "biometry.devices.exports.dicom_measurements",
    "iolmaster700-csv": "biometry.devices.exports.iolmaster700_csv",
    "eyesuite-xml": "biometry.devices.exports.eyesuite_xml",
}
# Shared modules only device parsers use.
PARSER_HELPERS = {"biometry.devices.collect", "biometry.devices.layout", "biometry.devices.measurements"}


def _loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running `code`."""
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; {code}; print(*sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


def test_the_handlers_imports_load_no_image_library() -> None:
    loaded = _loaded_after(f"import {LAMBDA_IMPORTS}")
    assert not IMAGE_STACK & loaded, "numpy/Pillow at import cost a cold start ~130 ms: import them inside the function"


def test_the_handlers_imports_load_no_device_parse_module() -> None:
    loaded = _loaded_after(f"import {LAMBDA_IMPORTS}")
    assert sorted((set(PARSE_MODULES.values()) | PARSER_HELPERS) & loaded) == []


def test_the_lambdas_after_the_parse_load_no_parser() -> None:
    """Publish, notify, review and the LLM steps need a result's device name, not the regex tier that found it."""
    after_parse = (
        "biometry.pipeline.publish, biometry.pipeline.notify, biometry.pipeline.review, biometry.pipeline.llm_steps"
    )
    loaded = _loaded_after(f"import {after_parse}")
    assert sorted({"biometry.parse", "biometry.devices.registry"} & loaded) == []


# One sample per device, in the reverse of the registry's order: a parser asked before another's is then still
# unimported when the other's document is parsed, so a score that imported its parse modules would show.
SAMPLES: tuple[tuple[str, str, Callable[[], bytes]], ...] = (
    ("iolmaster700-csv", "a.csv", lambda: render_csv(ExportCase(seed=4))[0]),
    ("eyesuite", "b.pdf", lambda: render_eyesuite(EyesuiteCase(seed=21))[0]),
    ("iolmaster500", "c.pdf", lambda: render_drawing(Iom500Case(seed=5))[0]),
    ("iolmaster700", "d.pdf", lambda: render_iolmaster700(Case(seed=3, language="en", decimal="comma"))[0]),
)
# In one interpreter: for each document, its parser and the parse modules its parse imported.
_PARSE_EACH = """
import json, sys
from pathlib import Path
from biometry.parse import parse_bytes
for path in map(Path, sys.argv[1:]):
    before = set(sys.modules)
    result = parse_bytes(path.read_bytes(), path.name, ocr=False)
    print(json.dumps([result.extraction.parser.split("@")[0], sorted(set(sys.modules) - before)]))
"""


def test_parsing_a_document_imports_its_devices_parse_modules_and_no_others(tmp_path: Path) -> None:
    paths = []
    for _, filename, render in SAMPLES:
        paths.append(tmp_path / filename)
        paths[-1].write_bytes(render())
    done = subprocess.run(
        [sys.executable, "-c", _PARSE_EACH, *map(str, paths)], capture_output=True, text=True, check=True
    )
    runs = [json.loads(line) for line in done.stdout.splitlines()]
    imported = [(parser, sorted(set(PARSE_MODULES.values()).intersection(new))) for parser, new in runs]
    assert imported == [(device, [PARSE_MODULES[device]]) for device, _, _ in SAMPLES]
