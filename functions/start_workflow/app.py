"""Lambda "Start workflow": one upload event -> claim the document, run its fast path to the end; duplicates skipped."""

from __future__ import annotations

import os
from typing import Any

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from biometry.pipeline.handler import logger, metrics, observed
from biometry.pipeline.meter import StepMeter
from biometry.pipeline.starter import start_for_message

sfn = boto3.client("stepfunctions")
dynamodb = boto3.client("dynamodb")
s3 = boto3.client("s3")


def record_handler(record: SQSRecord, lambda_context: LambdaContext) -> str:
    """Run (or skip) the fast path for one upload event."""
    meter = StepMeter("start_workflow", lambda_context)
    outcome = start_for_message(
        record.body,
        sfn=sfn,
        dynamodb=dynamodb,
        s3=s3,
        state_machine_arn=os.environ["STATE_MACHINE_ARN"],
        table_name=os.environ["TABLE_NAME"],
        meter=meter,
    )
    metrics.add_metric(name=f"Uploads_{outcome}", unit=MetricUnit.Count, value=1)
    logger.info("upload event handled", extra={"message_id": record.message_id, "outcome": outcome})
    return outcome


@observed
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Process the batch; failed records return to the queue (partial batch response)."""
    processor = BatchProcessor(event_type=EventType.SQS)  # per invocation: no state shared between batches
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
