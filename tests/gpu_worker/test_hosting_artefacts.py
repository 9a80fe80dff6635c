"""The hosting recipes beyond RunPod stay consistent with the pipeline: model file name, schema, loopback-only ports."""

from __future__ import annotations

import json
import re
from pathlib import Path

from biometry.llm.schema import extraction_schema

HOSTING = Path(__file__).resolve().parents[2] / "gpu_worker" / "hosting"
GGUF = "biometry-parser.q4_k_m.gguf"


def modelfile_directives() -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for line in (HOSTING / "ollama" / "Modelfile").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            keyword, _, value = line.partition(" ")
            directives.setdefault(keyword, []).append(value.strip())
    return directives


def test_ollama_modelfile_serves_the_fine_tuned_gguf() -> None:
    assert modelfile_directives()["FROM"] == [f"./{GGUF}"]


def test_ollama_modelfile_decodes_greedily() -> None:
    assert "temperature 0" in modelfile_directives()["PARAMETER"]


def test_ollama_image_copies_the_modelfile_and_the_gguf_it_names() -> None:
    dockerfile = (HOSTING / "ollama" / "Dockerfile").read_text()
    assert re.search(rf"^COPY Modelfile {re.escape(GGUF)} ", dockerfile, re.MULTILINE)


def test_ollama_format_schema_is_the_pipelines_extraction_schema() -> None:
    assert json.loads((HOSTING / "ollama" / "schema.json").read_text()) == extraction_schema()


def test_every_published_port_binds_loopback_only() -> None:
    compose = (HOSTING / "compose.yaml").read_text()
    published = re.findall(r"ports: \[([^\]]*)\]", compose)
    assert published and all(p.strip().strip('"').startswith("127.0.0.1:") for p in published)


def test_worker_image_starts_llama_server_on_loopback_with_parallel_slots() -> None:
    start = (HOSTING.parent / "start.sh").read_text()
    assert ("--host 127.0.0.1" in start, '--parallel "$slots"' in start) == (True, True)
