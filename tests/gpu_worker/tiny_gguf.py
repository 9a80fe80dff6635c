"""Writes a tiny llama-architecture GGUF (2 layers, 64 dims, one token per character) for the llama.cpp tests.

The blocks have small random weights; the embeddings and the output head are set so that every position
prefers the same tokens in a fixed order (`PREFERRED`): a closing quote first, then `}`, `{`, `]`, `,`, `0`.
Under a JSON-schema grammar that makes greedy decoding finish a short, schema-shaped object deterministically;
a model with fully random logits may never close a string, and the test would hinge on luck.
"""

from __future__ import annotations

import string
from pathlib import Path

import numpy as np
from gguf import GGUFWriter, TokenType

N_EMBD, N_HEAD, N_FF, N_LAYER, N_CTX_TRAIN = 64, 4, 128, 2, 2048
SPECIALS = ("<unk>", "<s>", "</s>")
BOS_ID, EOS_ID = 1, 2
PREFERRED = '"}{],0'  # the model's favourite characters, best first (after EOS)
SPACE = "\u2581"  # SentencePiece's visible space


def vocabulary() -> tuple[list[str], list[int]]:
    """Tokens and their types: specials, one per printable ASCII character, byte fallback for the rest."""
    printable = [SPACE if c == " " else c for c in string.printable if c.isprintable()]
    byte_tokens = [f"<0x{b:02X}>" for b in [*range(0x20), *range(0x7F, 0x100)]]
    tokens = [*SPECIALS, *printable, *byte_tokens]
    types = [TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL]
    types += [TokenType.NORMAL] * len(printable) + [TokenType.BYTE] * len(byte_tokens)
    return tokens, [int(t) for t in types]


def write_tiny_gguf(path: Path | str, seed: int = 0) -> Path:
    """Write the model to `path` (about 470 KB) and return the path."""
    tokens, types = vocabulary()
    writer = GGUFWriter(str(path), "llama")
    _add_hyperparameters(writer)
    _add_tokenizer(writer, tokens, types)
    for name, tensor in _tensors(tokens, np.random.default_rng(seed)).items():
        writer.add_tensor(name, tensor)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return Path(path)


def _add_hyperparameters(writer: GGUFWriter) -> None:
    writer.add_name("tiny-random-llama")
    writer.add_context_length(N_CTX_TRAIN)
    writer.add_embedding_length(N_EMBD)
    writer.add_block_count(N_LAYER)
    writer.add_feed_forward_length(N_FF)
    writer.add_head_count(N_HEAD)
    writer.add_head_count_kv(N_HEAD)
    writer.add_rope_dimension_count(N_EMBD // N_HEAD)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(0)  # all F32


def _add_tokenizer(writer: GGUFWriter, tokens: list[str], types: list[int]) -> None:
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores([0.0] * len(tokens))
    writer.add_token_types(types)
    writer.add_unk_token_id(0)
    writer.add_bos_token_id(BOS_ID)
    writer.add_eos_token_id(EOS_ID)
    writer.add_add_bos_token(True)
    writer.add_add_space_prefix(False)


def _tensors(tokens: list[str], rng: np.random.Generator) -> dict[str, np.ndarray]:
    def small(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.02).astype(np.float32)

    ones = np.ones(N_EMBD, dtype=np.float32)
    tensors = {
        "token_embd.weight": np.tile(ones, (len(tokens), 1)) + small(len(tokens), N_EMBD),
        "output_norm.weight": ones,
        "output.weight": np.outer(_preference(tokens), ones / N_EMBD).astype(np.float32),
    }
    for i in range(N_LAYER):
        block = {
            "attn_norm": ones,
            "attn_q": small(N_EMBD, N_EMBD),
            "attn_k": small(N_EMBD, N_EMBD),
            "attn_v": small(N_EMBD, N_EMBD),
            "attn_output": small(N_EMBD, N_EMBD),
            "ffn_norm": ones,
            "ffn_gate": small(N_FF, N_EMBD),
            "ffn_up": small(N_FF, N_EMBD),
            "ffn_down": small(N_EMBD, N_FF),
        }
        tensors |= {f"blk.{i}.{name}.weight": tensor for name, tensor in block.items()}
    return tensors


def _preference(tokens: list[str]) -> np.ndarray:
    """The logit each token gets at every position: EOS highest, then PREFERRED in order, the rest far below."""
    logits = np.full(len(tokens), -10.0, dtype=np.float32)
    logits[EOS_ID] = 10.0
    for rank, char in enumerate(PREFERRED):
        logits[tokens.index(char)] = 9.0 - rank
    return logits
