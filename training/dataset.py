"""Training examples as token ids: the worker's chat (its system message, the prompt), loss on the answer only."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

IGNORE = -100  # label of a token that carries no loss (the prompt)


@dataclass(frozen=True, slots=True)
class Tokenised:
    """One example ready for the model: ids, labels (prompt masked) and its normalised weight."""

    input_ids: list[int]
    labels: list[int]
    weight: float


def read_examples(path: Path) -> list[dict[str, Any]]:
    """The lines of a `biometry train-data` JSONL file."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def chat_prompt(tokenizer: Any, prompt: str) -> str:
    """The text the worker's engine feeds the model: the one user prompt (instructions included) in the chat
    template, ending where the assistant's answer starts."""
    messages = [{"role": "user", "content": prompt}]
    text: str = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    return text


def tokenise(tokenizer: Any, examples: list[dict[str, Any]], max_tokens: int) -> tuple[list[Tokenised], int]:
    """Token ids of every example that fits `max_tokens`, weights divided by their mean; and how many did not fit."""
    mean_weight = sum(e["weight"] for e in examples) / max(len(examples), 1)
    kept: list[Tokenised] = []
    for example in examples:
        prompt_ids = tokenizer(chat_prompt(tokenizer, example["prompt"]), add_special_tokens=False)["input_ids"]
        answer_ids = tokenizer(example["completion"] + tokenizer.eos_token, add_special_tokens=False)["input_ids"]
        if len(prompt_ids) + len(answer_ids) <= max_tokens:
            labels = [IGNORE] * len(prompt_ids) + answer_ids
            kept.append(Tokenised(prompt_ids + answer_ids, labels, example["weight"] / mean_weight))
    return kept, len(examples) - len(kept)


def collate(batch: list[Tokenised], pad_id: int) -> dict[str, Any]:
    """A right-padded batch as tensors: input_ids, attention_mask, labels, weight."""
    import torch

    width = max(len(item.input_ids) for item in batch)
    pad = [width - len(item.input_ids) for item in batch]
    return {
        "input_ids": torch.tensor([i.input_ids + [pad_id] * p for i, p in zip(batch, pad, strict=True)]),
        "attention_mask": torch.tensor([[1] * len(i.input_ids) + [0] * p for i, p in zip(batch, pad, strict=True)]),
        "labels": torch.tensor([i.labels + [IGNORE] * p for i, p in zip(batch, pad, strict=True)]),
        "weight": torch.tensor([i.weight for i in batch], dtype=torch.float32),
    }
