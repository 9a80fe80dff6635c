"""What one fine-tuning run needs: base model, LoRA shape, optimiser schedule, sequence cap, where things go."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_BASE = "Qwen/Qwen2.5-7B-Instruct"
LORA_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """One run. The defaults are the 7B recipe; `smoke` and the tiny CPU test override steps and sizes."""

    data_dir: Path  # `biometry train-data OUT`: train.jsonl, validation.jsonl, datasheet.json
    out_dir: Path
    base: str = DEFAULT_BASE  # a local directory or a hub id (downloaded where the machine may)
    lora_rank: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    lora_targets: tuple[str, ...] = LORA_TARGETS
    learning_rate: float = 2e-4
    epochs: float = 2.0
    max_steps: int = 0  # > 0 caps the run (smoke runs, tests)
    batch_size: int = 1
    grad_accumulation: int = 8
    warmup_ratio: float = 0.03
    max_seq_tokens: int = 6144  # longer examples are left out, never truncated (a cut answer teaches cut JSON)
    seed: int = 0
    quant_type: str = "q4_k_m"
    eval_max_tokens: int = 4096
    eval_limit: int = 0  # > 0: evaluate only that many validation examples
    n_ctx: int = 16384
    gradient_checkpointing: bool = True
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def adapter_dir(self) -> Path:
        return self.out_dir / "adapter"

    @property
    def merged_dir(self) -> Path:
        return self.out_dir / "merged"

    @property
    def f16_gguf(self) -> Path:
        return self.out_dir / "biometry-parser.f16.gguf"

    @property
    def gguf(self) -> Path:
        return self.out_dir / f"biometry-parser.{self.quant_type}.gguf"
