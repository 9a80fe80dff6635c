"""The one conditional terminal write (pipeline/terminal.py), which the review-resolution feature reuses."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import boto3

from biometry.local.runtime import REGION
from biometry.pipeline.claim import claim
from biometry.pipeline.terminal import Recorded, TerminalState, record_terminal

KEY = "d" * 64
TABLE = "documents"


def _state(status: str = "accepted", method: str = "regex") -> TerminalState:
    return TerminalState(status, method, "ZEISS IOLMaster 700", 0.95, 0.00003, "s3://b/results/k.json", "s3://b/w.json")


def _record(state: TerminalState, run_id: str, expected_revision: int | None = None) -> Recorded:
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    return record_terminal(dynamodb, TABLE, KEY, state, run_id=run_id, expected_revision=expected_revision)


def test_first_automatic_run_wins_and_a_second_finds_it_taken(aws: dict[str, str]) -> None:
    first, second = _record(_state(), "run-1"), _record(_state("needs_review"), "run-2")
    assert (first.won, second.won) == (True, False)


def test_a_retry_of_the_winning_run_is_still_the_winner_at_the_same_revision(aws: dict[str, str]) -> None:
    first, retry = _record(_state(), "run-1"), _record(_state(), "run-1")
    assert (retry.won, retry.revision) == (True, first.revision)


def test_review_of_the_same_run_never_replaces_its_accepted_state(aws: dict[str, str]) -> None:
    _record(_state(), "run-1")
    assert _record(_state("needs_review"), "run-1").won is False


def test_manual_result_replaces_an_automatic_one(aws: dict[str, str]) -> None:
    _record(_state("needs_review"), "run-1")
    assert _record(_state(method="manual"), "reviewer") == Recorded(won=True, revision=2)


def test_automatic_run_never_replaces_a_manual_result(aws: dict[str, str]) -> None:
    _record(_state(method="manual"), "reviewer")
    assert _record(_state(), "run-2").won is False


def test_a_second_manual_result_needs_the_revision_it_corrects(aws: dict[str, str]) -> None:
    _record(_state(method="manual"), "reviewer-1")
    manual = _state(method="manual")
    stale, current = _record(manual, "reviewer-2", 7), _record(manual, "reviewer-2", 1)
    assert (stale.won, current.won) == (False, True)


def test_concurrent_claims_of_one_document_have_one_winner(aws: dict[str, str]) -> None:
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    with ThreadPoolExecutor(max_workers=8) as pool:
        claims = list(pool.map(lambda _: claim(dynamodb, TABLE, KEY), range(8)))
    assert sum(c is not None for c in claims) == 1
