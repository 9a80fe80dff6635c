"""The model card: what the GGUF is, how it was made, on what data, and how it scored through the worker."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from training.config import TrainConfig


def write_card(config: TrainConfig, run: dict[str, Any], evaluation: dict[str, Any]) -> Path:
    """`MODEL_CARD.md` and `run.json` beside the GGUF."""
    datasheet = _datasheet(config.data_dir)
    (config.out_dir / "run.json").write_text(
        json.dumps({"run": run, "evaluation": evaluation, "datasheet": datasheet}, indent=2) + "\n", encoding="utf-8"
    )
    path = config.out_dir / "MODEL_CARD.md"
    path.write_text(_markdown(config, run, evaluation, datasheet), encoding="utf-8")
    return path


def _datasheet(data_dir: Path) -> dict[str, Any]:
    path = data_dir / "datasheet.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return loaded


def _markdown(config: TrainConfig, run: dict[str, Any], evaluation: dict[str, Any], datasheet: dict[str, Any]) -> str:
    rows = "\n".join(f"| {k.replace('_', ' ')} | {v} |" for k, v in evaluation.items() if k != "split")
    splits = datasheet.get("splits", {})
    return f"""# {config.gguf.name}

The LLM tier's extraction model: `{config.base}` fine-tuned with LoRA (rank {config.lora_rank}, alpha
{config.lora_alpha}, on {", ".join(config.lora_targets)}), merged, converted with llama.cpp's `convert_hf_to_gguf.py`
and quantised to {config.quant_type} with llama.cpp's quantiser. Served by `gpu_worker/` (llama.cpp, JSON-schema
grammar): it answers the flattened extraction schema; every value still goes through the validator and grounding.

## Data

`biometry train-data` ({config.data_dir}): {splits.get("train", 0)} training and {splits.get("validation", 0)}
validation examples, split by document sha256; weights per source {datasheet.get("weights", {})}; per device
{datasheet.get("devices", {})}. Each prompt is the LLM tier's own redacted request; the datasheet lists what was left
out and why. Patient data: none (allow-list redaction, identifier proof on every example).

## Training

{run.get("examples")} examples within {config.max_seq_tokens} tokens ({run.get("too_long")} longer ones left out),
{run.get("steps")} optimiser steps of {config.batch_size} x {config.grad_accumulation} examples, learning rate
{config.learning_rate}, loss {run.get("first_loss")} -> {run.get("last_loss")}, {run.get("train_seconds")} s.

## Evaluation through the worker ({evaluation.get("split")} split, {config.gguf.name})

| figure | value |
|---|---|
{rows}

`field accuracy`: eye values equal to the truth where the report prints one; `invented values`: a value where the
report prints none (the validator and grounding catch these, but a good model makes none). For the pipeline's own
figures on documents (automation, silent errors after the validator), serve the GGUF (llama-server) and run
`biometry eval CORPUS --llm http://127.0.0.1:PORT/v1 --llm BASELINE_URL`.
"""
