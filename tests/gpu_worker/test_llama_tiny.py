"""The real llama.cpp engine on a tiny random GGUF: it loads, obeys the schema's grammar and max_tokens.

Opt-in: `.venv-llama/bin/python -m pytest -m llama tests/gpu_worker -p no:cacheprovider` (venv from
scripts/setup_llama.sh). Answer quality is irrelevant here; shape, limits and failures are not.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed: run scripts/setup_llama.sh")
pytest.importorskip("gguf", reason="gguf is not installed: run scripts/setup_llama.sh")

from biometry.llm.schema import extraction_schema
from gpu_worker import engine as worker_engine
from tests.gpu_worker.tiny_gguf import write_tiny_gguf

pytestmark = pytest.mark.llama

WORKER_DIR = Path(__file__).resolve().parents[2] / "gpu_worker"
PROMPT = "IOLMaster 700  OD  AL: 23,41 mm  K1: 42,10 D"
_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
}


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_gguf(tmp_path_factory.mktemp("gguf") / "tiny.gguf")


@pytest.fixture(scope="module")
def engine(model_path: Path) -> worker_engine.Engine:
    return load(model_path)


def load(model_path: Path) -> worker_engine.Engine:
    return worker_engine.load_engine({"MODEL_PATH": str(model_path), "N_CTX": "1024", "N_GPU_LAYERS": "0"})


def job(**changes: Any) -> dict[str, Any]:
    return {"prompt": PROMPT, "json_schema": extraction_schema(), "max_tokens": 512, **changes}


def error_code(result: dict[str, Any]) -> str:
    return str(json.loads(result["error"])["code"])


def shape_errors(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """Where `value` leaves the schema's shape (types, enums, keys, required keys, items); [] when it fits."""
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else types
    if types and not any(_is_type(value, name) for name in types):
        return [f"{where}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} not in {schema['enum']}"]
    if isinstance(value, dict):
        return _object_errors(value, schema, where)
    if isinstance(value, list) and "items" in schema:
        return [error for i, item in enumerate(value) for error in shape_errors(item, schema["items"], f"{where}[{i}]")]
    return []


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("number", "integer"):
        return False
    return isinstance(value, _PYTHON_TYPES[name])


def _object_errors(value: dict[str, Any], schema: dict[str, Any], where: str) -> list[str]:
    properties = schema.get("properties", {})
    errors = [f"{where}: unexpected key {key!r}" for key in value if key not in properties]
    errors += [f"{where}: missing key {key!r}" for key in schema.get("required", []) if key not in value]
    for key in value.keys() & properties.keys():
        errors += shape_errors(value[key], properties[key], f"{where}.{key}")
    return errors


def test_tiny_model_loads_in_well_under_a_second(model_path: Path) -> None:
    started = time.perf_counter()
    load(model_path)
    assert time.perf_counter() - started < 1.0


def test_engine_is_the_real_llama_engine(engine: worker_engine.Engine) -> None:
    assert isinstance(engine, worker_engine.LlamaEngine)


def test_answer_comes_back_as_a_parsed_json_object(engine: worker_engine.Engine) -> None:
    result = worker_engine.run_job(engine, job())
    assert isinstance(result.get("output"), dict), result


def test_answer_has_exactly_the_shape_the_schema_allows(engine: worker_engine.Engine) -> None:
    output = worker_engine.run_job(engine, job())["output"]
    assert shape_errors(output, extraction_schema()) == []


def test_answer_reports_model_usage_and_timings(engine: worker_engine.Engine) -> None:
    result = worker_engine.run_job(engine, job())
    assert (result["model"], result["usage"]["completion_tokens"] > 0, "generate_s" in result["timings"]) == (
        "tiny.gguf",
        True,
        True,
    )


def test_generation_stops_at_max_tokens(engine: worker_engine.Engine) -> None:
    generation = engine.generate(PROMPT, extraction_schema(), max_tokens=5)
    assert (generation.completion_tokens, generation.finish_reason) == (5, "length")


def test_tiny_max_tokens_is_reported_as_truncated_not_as_an_answer(engine: worker_engine.Engine) -> None:
    result = worker_engine.run_job(engine, job(max_tokens=5))
    assert ("output" not in result, error_code(result)) == (True, "truncated")


def test_schema_that_does_not_compile_fails_instead_of_being_dropped(engine: worker_engine.Engine) -> None:
    broken = {"type": "object", "properties": {"a": {"$ref": "#/$defs/missing"}}}
    assert error_code(worker_engine.run_job(engine, job(json_schema=broken))) == "schema_invalid"


@pytest.fixture
def real_handler(model_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The worker's handler module imported as the image runs it, loading the tiny model from MODEL_PATH."""
    monkeypatch.delenv("ENGINE_FACTORY", raising=False)
    for name, value in {"MODEL_PATH": str(model_path), "N_CTX": "1024", "N_GPU_LAYERS": "0"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.syspath_prepend(str(WORKER_DIR))
    for name in ("handler", "engine"):
        sys.modules.pop(name, None)
    yield importlib.import_module("handler")
    for name in ("handler", "engine"):
        sys.modules.pop(name, None)


def test_handler_loads_the_model_named_by_model_path_and_answers(real_handler: ModuleType) -> None:
    result = real_handler.handler({"id": "job-1", "input": job()})
    assert shape_errors(result["output"], extraction_schema()) == []
