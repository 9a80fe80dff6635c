"""Token counts of LLM text without a tokenizer: the pieces a BPE tokenizer's pre-tokenizer splits text into."""

from __future__ import annotations

import re

# Qwen2/Llama-3 style pre-tokenisation: a word with its leading space, each digit alone, a punctuation run, a
# whitespace run. Common words are one token each after BPE, so the piece count is a close (slightly low) estimate.
_PIECES = re.compile(r" ?[^\W\d_]+|\d| ?[^\s\w]+|\s+|_+")


def estimate_tokens(text: str) -> int:
    """About how many tokens a BPE tokenizer (Qwen2.5, Llama 3) makes of `text`."""
    return len(_PIECES.findall(text))
