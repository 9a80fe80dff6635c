"""LoRA fine-tuning with transformers + peft: a weighted answer-only loss, then the adapter merged into the base."""

from __future__ import annotations

import math
import random
import time
from typing import Any

from training.config import TrainConfig
from training.dataset import IGNORE, Tokenised, collate, read_examples, tokenise


def load_base(config: TrainConfig) -> tuple[Any, Any]:
    """The base model (bf16 on a GPU, fp32 on CPU) and its tokenizer."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    dtype = torch.bfloat16 if torch.cuda.is_available() else torch.float32
    tokenizer = AutoTokenizer.from_pretrained(config.base)
    model = AutoModelForCausalLM.from_pretrained(config.base, torch_dtype=dtype)
    return model.to("cuda" if torch.cuda.is_available() else "cpu"), tokenizer


def train_adapter(config: TrainConfig) -> dict[str, Any]:
    """Train a LoRA adapter on `train.jsonl`, save it and the merged model; return the run's figures."""
    import torch
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(config.seed)
    model, tokenizer = load_base(config)
    examples, too_long = tokenise(tokenizer, read_examples(config.data_dir / "train.jsonl"), config.max_seq_tokens)
    if not examples:
        raise ValueError(f"no training example fits {config.max_seq_tokens} tokens ({too_long} too long)")
    if config.gradient_checkpointing and torch.cuda.is_available():
        model.gradient_checkpointing_enable()
        model.enable_input_require_grads()
    lora = LoraConfig(r=config.lora_rank, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
                      target_modules=list(config.lora_targets), task_type="CAUSAL_LM")  # fmt: skip
    model = get_peft_model(model, lora)
    started = time.perf_counter()
    losses = _optimise(model, examples, tokenizer.pad_token_id or 0, config)
    model.save_pretrained(config.adapter_dir)
    merged = model.merge_and_unload()
    merged.save_pretrained(config.merged_dir, safe_serialization=True)
    tokenizer.save_pretrained(config.merged_dir)
    return {"examples": len(examples), "too_long": too_long, "steps": len(losses), "first_loss": losses[0],
            "last_loss": losses[-1], "train_seconds": round(time.perf_counter() - started, 1)}  # fmt: skip


def _optimise(model: Any, examples: list[Tokenised], pad_id: int, config: TrainConfig) -> list[float]:
    """AdamW over the adapter's weights, linear warm-up then cosine decay; one loss figure per optimiser step."""
    import torch
    from transformers import get_cosine_schedule_with_warmup

    per_epoch = math.ceil(len(examples) / (config.batch_size * config.grad_accumulation))
    steps = config.max_steps or max(1, round(per_epoch * config.epochs))
    optimiser = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=config.learning_rate)
    schedule = get_cosine_schedule_with_warmup(optimiser, round(steps * config.warmup_ratio), steps)
    batches = _batches(examples, config, steps)
    model.train()
    losses = []
    for _ in range(steps):
        total = 0.0
        for _ in range(config.grad_accumulation):
            loss = weighted_loss(model, collate(next(batches), pad_id)) / config.grad_accumulation
            loss.backward()
            total += float(loss.detach())
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        schedule.step()
        optimiser.zero_grad()
        losses.append(round(total, 4))
    return losses


def _batches(examples: list[Tokenised], config: TrainConfig, steps: int) -> Any:
    """Shuffled batches, epoch after epoch, for as long as the steps need."""
    rng = random.Random(config.seed)
    while True:
        order = rng.sample(examples, len(examples))
        for start in range(0, len(order), config.batch_size):
            yield order[start : start + config.batch_size]


def weighted_loss(model: Any, batch: dict[str, Any]) -> Any:
    """Mean over the batch of (each example's mean answer-token cross-entropy x its weight)."""
    import torch

    device = next(model.parameters()).device
    batch = {k: v.to(device) for k, v in batch.items()}
    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits[:, :-1].float()
    targets = batch["labels"][:, 1:]
    per_token = torch.nn.functional.cross_entropy(logits.transpose(1, 2), targets, ignore_index=IGNORE,
                                                  reduction="none")  # fmt: skip
    mask = (targets != IGNORE).float()
    per_example = (per_token * mask).sum(1) / mask.sum(1).clamp(min=1)
    return (per_example * batch["weight"]).mean()
