"""Token estimates split text the way a BPE tokenizer's pre-tokenizer does (Qwen2.5 / Llama 3 style)."""

from __future__ import annotations

from biometry.hosting.tokens import estimate_tokens


def test_each_digit_is_a_token() -> None:
    assert estimate_tokens("2341") == 4


def test_a_word_with_its_leading_space_is_one_token() -> None:
    assert estimate_tokens("axial length") == 2


def test_a_run_of_layout_spaces_is_one_token() -> None:
    assert estimate_tokens("OD" + " " * 40 + "OS") == 3


def test_punctuation_between_digits_is_its_own_token() -> None:
    assert estimate_tokens("23,41") == 5
