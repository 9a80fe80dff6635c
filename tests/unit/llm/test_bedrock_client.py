"""Bedrock Converse with a forced tool, checked by botocore's Stubber against the real service model."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import botocore.session
import pytest
from botocore.stub import ANY, Stubber

from biometry.errors import BedrockUnavailable, LlmOutputError
from biometry.llm.bedrock_client import converse_extract, converse_request
from biometry.llm.schema import SCHEMA_NAME, extraction_schema
from biometry.llm.tier import LlmRequest

MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0"
REQUEST = LlmRequest(prompt="AL: 23,41", json_schema=extraction_schema(), max_tokens=1024)
ANSWER = {"OD": {"axial_length_mm": 23.41}, "exam_date": None, "device_model": None, "iol_calculations": []}


def reply(stop: str = "tool_use", content: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    blocks = (
        content if content is not None else [{"toolUse": {"toolUseId": "t1", "name": SCHEMA_NAME, "input": ANSWER}}]
    )
    return {
        "output": {"message": {"role": "assistant", "content": blocks}},
        "stopReason": stop,
        "usage": {"inputTokens": 900, "outputTokens": 60, "totalTokens": 960},
        "metrics": {"latencyMs": 812},
    }


@pytest.fixture
def bedrock() -> Iterator[tuple[Any, Stubber]]:
    session = botocore.session.get_session()
    client = session.create_client(
        "bedrock-runtime", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
    )
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def no_sleep(_: float) -> None:
    return


def throttle(stubber: Stubber) -> None:
    stubber.add_client_error("converse", service_error_code="ThrottlingException", http_status_code=429)


def test_request_forces_the_one_extraction_tool() -> None:
    params = converse_request(MODEL, REQUEST)
    assert params["toolConfig"]["toolChoice"] == {"tool": {"name": SCHEMA_NAME}}
    assert params["toolConfig"]["tools"][0]["toolSpec"]["inputSchema"]["json"] == extraction_schema()


def test_request_always_caps_tokens() -> None:
    assert converse_request(MODEL, REQUEST)["inferenceConfig"]["maxTokens"] == 1024


def test_tool_input_becomes_the_answer_with_token_usage(bedrock: tuple[Any, Stubber]) -> None:
    client, stubber = bedrock
    stubber.add_response("converse", reply(), converse_request(MODEL, REQUEST))
    job = converse_extract(client, MODEL, REQUEST)
    assert (job.output, job.usage["input_tokens"], job.model) == (ANSWER, 900.0, MODEL)


def test_throttling_is_retried_with_backoff(bedrock: tuple[Any, Stubber]) -> None:
    client, stubber = bedrock
    waits: list[float] = []
    throttle(stubber)
    throttle(stubber)
    stubber.add_response(
        "converse",
        reply(),
        {"modelId": MODEL, **{k: ANY for k in ("messages",)}, "inferenceConfig": ANY, "toolConfig": ANY},
    )
    converse_extract(client, MODEL, REQUEST, sleep=waits.append)
    assert waits == [1.0, 2.0]


def test_throttling_past_the_retries_is_bedrock_unavailable(bedrock: tuple[Any, Stubber]) -> None:
    client, stubber = bedrock
    for _ in range(3):
        throttle(stubber)
    with pytest.raises(BedrockUnavailable, match="ThrottlingException"):
        converse_extract(client, MODEL, REQUEST, attempts=3, sleep=no_sleep)


def test_access_denied_is_not_retried(bedrock: tuple[Any, Stubber]) -> None:
    client, stubber = bedrock
    stubber.add_client_error("converse", service_error_code="AccessDeniedException", http_status_code=403)
    with pytest.raises(BedrockUnavailable, match="after 1 attempts"):
        converse_extract(client, MODEL, REQUEST, sleep=no_sleep)


def test_stop_at_max_tokens_is_a_failure(bedrock: tuple[Any, Stubber]) -> None:
    client, stubber = bedrock
    stubber.add_response("converse", reply(stop="max_tokens"))
    with pytest.raises(BedrockUnavailable, match="max_tokens"):
        converse_extract(client, MODEL, REQUEST)


def test_text_instead_of_the_tool_is_an_output_error(bedrock: tuple[Any, Stubber]) -> None:
    client, stubber = bedrock
    stubber.add_response("converse", reply(stop="end_turn", content=[{"text": "AL is 23.41"}]))
    with pytest.raises(LlmOutputError):
        converse_extract(client, MODEL, REQUEST)
