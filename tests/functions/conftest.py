"""Per-handler fixtures: moto with the bucket, table, topic and queue a step needs, and the sample events."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from unittest import mock

import boto3
import pytest
from moto import mock_aws

from biometry.local import handlers
from biometry.local.resources import create_documents_table
from biometry.local.runtime import ACCOUNT, BASE_ENV, REGION, patch_atomic_writes, patch_express

EVENTS = Path(__file__).resolve().parents[2] / "events"
BUCKET = "biometry-reports-123456789012-us-east-1"


def sample_event(step: str) -> dict[str, Any]:
    """The events/<step>.json sample (the one `sam local invoke` uses)."""
    loaded: dict[str, Any] = json.loads((EVENTS / f"{step}.json").read_text())
    return loaded


@pytest.fixture
def aws() -> Iterator[dict[str, str]]:
    """moto with the shared resources; yields the environment the functions get."""
    with ExitStack() as stack:
        stack.enter_context(mock.patch.dict(os.environ, BASE_ENV))
        stack.enter_context(mock_aws(config={"stepfunctions": {"execute_state_machine": True}}))
        patch_express(stack)
        patch_atomic_writes(stack)
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket=BUCKET)
        s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
        create_documents_table(boto3.client("dynamodb", region_name=REGION), "documents")
        topic = boto3.client("sns", region_name=REGION).create_topic(Name="results")["TopicArn"]
        queue = boto3.client("sqs", region_name=REGION).create_queue(QueueName="review")["QueueUrl"]
        env = {"TABLE_NAME": "documents", "TOPIC_ARN": topic, "REVIEW_QUEUE_URL": queue}
        with mock.patch.dict(os.environ, env):
            yield env


Invoke = Callable[[str, dict[str, Any]], dict[str, Any]]


@pytest.fixture
def invoke(aws: dict[str, str]) -> Invoke:
    """Call a step's real handler like Lambda does; a raised error comes back as Lambda's error JSON."""

    def call(step: str, event: dict[str, Any]) -> dict[str, Any]:
        answer, _ = handlers.invoke(step, json.dumps(event).encode(), REGION, ACCOUNT)
        loaded: dict[str, Any] = json.loads(answer)
        return loaded

    return call
