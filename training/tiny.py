"""A tiny, randomly initialised model of the base's family (Qwen2) with its own byte-level BPE tokenizer: Qwen2's
pre-tokenizer, ChatML template and `<|im_end|>` end of turn, a vocabulary learnt from the training texts. It lets
the whole chain (LoRA, merge, GGUF, q4_k_m, the worker) run on a CPU where no real base can be downloaded."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

# Qwen2's pre-tokenizer split (tokenizer.json of every Qwen2/2.5 model): llama.cpp knows it as `qwen2`.
QWEN2_SPLIT = (
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
)
PRE_TOKENIZER = "qwen2"
CHATML = (
    "{%- for message in messages %}{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + "
    "'<|im_end|>' + '\\n' }}{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)
SPECIALS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")
# Multiples of 256 where llama.cpp's k-quants need them, so q4_k_m quantises these tensors as it would a 7B's.
HIDDEN, FFN, LAYERS, HEADS, KV_HEADS = 256, 512, 2, 4, 2


def write_tiny_base(directory: Path, texts: Iterable[str], vocab_size: int = 1024, seed: int = 0) -> Path:
    """Save a tokenizer learnt from `texts` and a random Qwen2ForCausalLM to `directory` (a few MB); return it."""
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    tokenizer = _tokenizer([CHATML, *texts], vocab_size)
    torch.manual_seed(seed)
    config = Qwen2Config(
        vocab_size=_round_up(len(tokenizer), 64), hidden_size=HIDDEN, intermediate_size=FFN,
        num_hidden_layers=LAYERS, num_attention_heads=HEADS, num_key_value_heads=KV_HEADS,
        max_position_embeddings=16384, rope_theta=1_000_000.0, rms_norm_eps=1e-6, tie_word_embeddings=False,
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
    )  # fmt: skip
    Qwen2ForCausalLM(config).save_pretrained(directory, safe_serialization=True)
    tokenizer.save_pretrained(directory)
    return directory


def _tokenizer(texts: list[str], vocab_size: int) -> Any:
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex(QWEN2_SPLIT), behavior="isolated"),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        ]
    )
    bpe.decoder = decoders.ByteLevel()
    alphabet = pre_tokenizers.ByteLevel.alphabet()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=list(SPECIALS), initial_alphabet=alphabet)
    bpe.train_from_iterator(texts, trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=bpe, eos_token="<|im_end|>", pad_token="<|endoftext|>", chat_template=CHATML
    )


def _round_up(value: int, step: int) -> int:
    return -(-value // step) * step
