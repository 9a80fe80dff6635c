"""Random-weights GGUF models of a real architecture and size, for speed measurements only (their answers are noise).

Weights are Q4_K blocks of random bytes with small fixed scales, so a 7B model is written in seconds, about the
size (4-4.5 GB) and the speed of a q4_k_m file. The vocabulary is the tiny test model's (one token per character)
padded to the real size; the benchmark cuts prompts to the token count a BPE tokenizer would give them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from gguf import GGMLQuantizationType, GGUFWriter, TokenType

from tests.gpu_worker.tiny_gguf import BOS_ID, EOS_ID, vocabulary

Q4_K_BLOCK_VALUES, Q4_K_BLOCK_BYTES = 256, 144  # fp16 d, fp16 dmin, 12 bytes of scales, 128 bytes of 4-bit values
SCALE, MIN_SCALE = np.float16(2e-5), np.float16(1.5e-4)  # weights of about +-0.02


@dataclass(frozen=True, slots=True)
class Shape:
    """A llama-architecture model's size (Qwen2.5 7B's for `qwen2.5-7b`, Mistral 7B's for `7b`)."""

    n_embd: int
    n_layer: int
    n_head: int
    n_head_kv: int
    n_ff: int
    n_vocab: int
    n_ctx_train: int


SHAPES = {
    # Qwen2.5-7B's sizes (the fine-tune's base, training/), as a llama-architecture model: its q/k/v biases left out.
    "qwen2.5-7b": Shape(n_embd=3584, n_layer=28, n_head=28, n_head_kv=4, n_ff=18944, n_vocab=152064, n_ctx_train=32768),
    "7b": Shape(n_embd=4096, n_layer=32, n_head=32, n_head_kv=8, n_ff=14336, n_vocab=32000, n_ctx_train=32768),
    "small-q4k": Shape(n_embd=256, n_layer=2, n_head=4, n_head_kv=2, n_ff=512, n_vocab=512, n_ctx_train=32768),
}


def write_random_gguf(path: Path, shape: Shape, seed: int = 0) -> Path:
    """Write the model tensor by tensor (memory stays at one tensor) and return the path."""
    rng = np.random.default_rng(seed)
    writer = GGUFWriter(str(path), "llama")
    _add_metadata(writer, shape)
    tensors = _tensor_shapes(shape)
    for name, (rows, cols) in tensors.items():
        if rows > 1:  # a matrix: Q4_K, its shape given in bytes per row
            byte_shape = (rows, cols // Q4_K_BLOCK_VALUES * Q4_K_BLOCK_BYTES)
            nbytes = byte_shape[0] * byte_shape[1]
            writer.add_tensor_info(name, byte_shape, np.dtype(np.uint8), nbytes, raw_dtype=GGMLQuantizationType.Q4_K)
        else:
            writer.add_tensor_info(name, (cols,), np.dtype(np.float32), cols * 4)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    for rows, cols in tensors.values():
        writer.write_tensor_data(_random_q4k(rng, rows, cols) if rows > 1 else np.ones(cols, dtype=np.float32))
    writer.close()
    return path


def _random_q4k(rng: np.random.Generator, rows: int, cols: int) -> np.ndarray:
    blocks = rng.integers(0, 256, size=(rows * cols // Q4_K_BLOCK_VALUES, Q4_K_BLOCK_BYTES), dtype=np.uint8)
    blocks[:, 0:2] = np.array([SCALE]).view(np.uint8)
    blocks[:, 2:4] = np.array([MIN_SCALE]).view(np.uint8)
    return blocks.reshape(rows, cols // Q4_K_BLOCK_VALUES * Q4_K_BLOCK_BYTES)


def _tensor_shapes(shape: Shape) -> dict[str, tuple[int, int]]:
    """(rows, columns) of every tensor; a norm is one row."""
    n_embd_kv = shape.n_embd // shape.n_head * shape.n_head_kv
    tensors = {"token_embd.weight": (shape.n_vocab, shape.n_embd), "output_norm.weight": (1, shape.n_embd)}
    for i in range(shape.n_layer):
        block = {
            "attn_norm": (1, shape.n_embd),
            "attn_q": (shape.n_embd, shape.n_embd),
            "attn_k": (n_embd_kv, shape.n_embd),
            "attn_v": (n_embd_kv, shape.n_embd),
            "attn_output": (shape.n_embd, shape.n_embd),
            "ffn_norm": (1, shape.n_embd),
            "ffn_gate": (shape.n_ff, shape.n_embd),
            "ffn_up": (shape.n_ff, shape.n_embd),
            "ffn_down": (shape.n_embd, shape.n_ff),
        }
        tensors |= {f"blk.{i}.{name}.weight": rows_cols for name, rows_cols in block.items()}
    tensors["output.weight"] = (shape.n_vocab, shape.n_embd)
    return tensors


def _add_metadata(writer: GGUFWriter, shape: Shape) -> None:
    writer.add_name(f"random-llama-{shape.n_layer}x{shape.n_embd}")
    writer.add_context_length(shape.n_ctx_train)
    writer.add_embedding_length(shape.n_embd)
    writer.add_block_count(shape.n_layer)
    writer.add_feed_forward_length(shape.n_ff)
    writer.add_head_count(shape.n_head)
    writer.add_head_count_kv(shape.n_head_kv)
    writer.add_rope_dimension_count(shape.n_embd // shape.n_head)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(15)  # MOSTLY_Q4_K_M
    tokens, types = vocabulary()
    padding = shape.n_vocab - len(tokens)
    writer.add_tokenizer_model("llama")
    writer.add_token_list([*tokens, *(f"<unused{i}>" for i in range(padding))])
    writer.add_token_scores([0.0] * shape.n_vocab)
    writer.add_token_types([*types, *[int(TokenType.UNUSED)] * padding])
    writer.add_unk_token_id(0)
    writer.add_bos_token_id(BOS_ID)
    writer.add_eos_token_id(EOS_ID)
    writer.add_add_bos_token(True)
    writer.add_add_space_prefix(False)
