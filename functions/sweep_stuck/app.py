"""Lambda "Sweep stuck documents" (scheduled): past-lease documents are re-notified, re-driven or sent to review."""

from __future__ import annotations

import os
from typing import Any

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.pipeline.config import outputs_from_env
from biometry.pipeline.handler import logger, metrics, step_handler
from biometry.pipeline.sweeper import sweep

s3 = boto3.client("s3")
dynamodb = boto3.client("dynamodb")
sns = boto3.client("sns")
sqs = boto3.client("sqs")


@step_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """One sweep; the SweeperFinds metric (alarmed) counts the stuck documents it found."""
    outputs = outputs_from_env(s3=s3, dynamodb=dynamodb, sns=sns, sqs=sqs)
    report = sweep(
        outputs=outputs, ingest_queue_url=os.environ["INGEST_QUEUE_URL"], bucket=os.environ["REPORTS_BUCKET"]
    )
    metrics.add_metric(name="SweeperFinds", unit=MetricUnit.Count, value=report.found())
    logger.info(
        "swept",
        extra={
            "renotified": len(report.renotified),
            "redriven": len(report.redriven),
            "reviewed": len(report.reviewed),
        },
    )
    return {"renotified": report.renotified, "redriven": report.redriven, "reviewed": report.reviewed}
