"""The pipeline on moto in-process: bucket, queues, topic, table, both state machines, handlers dispatched locally."""

from __future__ import annotations

import json
import os
import re
import threading
import time
import types
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from botocore.exceptions import ClientError

from biometry.local import handlers
from biometry.local.faults import MALFORMED_ANSWER, Faults
from biometry.local.textract import TextractStandIn
from biometry.pipeline.payload import ObjectRef, document_key

REGION = "us-east-1"
START_CONCURRENCY = 10  # template.yaml's StartConcurrency default: fast-path executions in flight at once
# Task states time out at this many times their TimeoutSeconds: this machine is not a Lambda (a laptop shared with
# other work may read a page several times slower than a dedicated vCPU), so no route depends on its load. The
# Lambdas' timeouts are sized from CPU seconds measured (docs/cost.md); timeouts are tested by injected faults.
TASK_TIMEOUT_SCALE = 10
ACCOUNT = "123456789012"
BUCKET = "biometry-reports-local"
BASE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
    "POWERTOOLS_SERVICE_NAME": "biometry",
    "POWERTOOLS_METRICS_NAMESPACE": "BiometryPipeline",
    "POWERTOOLS_METRICS_DISABLED": "true",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_LOG_LEVEL": "ERROR",
    "LOCAL_OCR": "1",
    "BEDROCK_MODEL_ID": "",
    "LLM_PROVIDER": "",
}


@dataclass
class Resources:
    """Names and ARNs of what the local runtime created."""

    ingest_queue_url: str = ""
    review_queue_url: str = ""
    notifications_queue_url: str = ""
    reviewed_events_queue_url: str = ""
    topic_arn: str = ""
    fast_path_arn: str = ""
    llm_path_arn: str = ""
    table_name: str = "biometry-documents"
    arns: dict[str, str] = field(default_factory=dict)


@contextmanager
def local_pipeline(env: Mapping[str, str] | None = None, wait_scale: float = 0.0) -> Iterator[LocalPipeline]:
    """Start moto with the Step Functions interpreter, build the pipeline, yield it; all gone on exit."""
    from moto import mock_aws

    with ExitStack() as stack:
        stack.enter_context(mock.patch.dict(os.environ, {**BASE_ENV, **(env or {})}))
        stack.enter_context(
            mock_aws(config={"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}})
        )
        faults, textract = Faults(), TextractStandIn()
        _patch_moto(stack, wait_scale, faults, textract)
        patch_express(stack)
        patch_atomic_writes(stack)
        pipeline = LocalPipeline(faults, textract=textract)
        pipeline.build()
        yield pipeline


def _patch_moto(stack: ExitStack, wait_scale: float, faults: Faults, textract: TextractStandIn) -> None:
    """Dispatch Lambda invokes to the real handlers; scale Wait states, Retry intervals and Task timeouts; fix sfn
    casing; answer Textract calls with the stand-in."""
    from botocore.client import BaseClient
    from moto.awslambda_simple.models import LambdaSimpleBackend
    from moto.stepfunctions.parser.asl.component.common.retry import retrier_decl
    from moto.stepfunctions.parser.asl.component.common.timeouts.timeout import TimeoutSeconds
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_sfn import (
        StateTaskServiceSfn,
    )
    from moto.stepfunctions.parser.asl.component.state.wait.wait_function.wait_function import WaitFunction

    def invoke(self: Any, function_name: str, qualifier: Any, body: Any, headers: Any, response_headers: Any) -> bytes:
        step = handlers.step_of(function_name)
        fault = faults.next_fault(step)
        if fault in (None, "malformed"):
            answer, ok = handlers.invoke(step, body, REGION, ACCOUNT)
            answer = json.dumps(MALFORMED_ANSWER).encode() if fault and ok else answer
        else:
            answer, ok = faults.error_answer(step, fault), False
        if not ok:
            response_headers["x-amz-function-error"] = "Unhandled"
        return answer

    def wait_interval(self: Any, env: Any, wait_seconds: int) -> None:
        time.sleep(wait_seconds * wait_scale)

    def timeout_seconds(self: Any, env: Any) -> int:
        return int(self.timeout_seconds * TASK_TIMEOUT_SCALE)

    original_sfn_parameters = StateTaskServiceSfn._normalise_parameters

    def sfn_parameters(self: Any, parameters: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        """moto 5.2.5 passes StateMachineArn/Name/Input to boto3 as written in the ASL; the API wants camelCase."""
        original_sfn_parameters(self, parameters, *args, **kwargs)
        for name in [k for k in parameters if k[:1].isupper()]:
            parameters[name[0].lower() + name[1:]] = parameters.pop(name)

    scaled = types.SimpleNamespace(sleep=lambda seconds: time.sleep(seconds * wait_scale))
    stack.enter_context(mock.patch.object(StateTaskServiceSfn, "_normalise_parameters", sfn_parameters))
    stack.enter_context(mock.patch.object(LambdaSimpleBackend, "invoke", invoke))
    stack.enter_context(mock.patch.object(WaitFunction, "_wait_interval", wait_interval))
    stack.enter_context(mock.patch.object(TimeoutSeconds, "_eval_seconds", timeout_seconds))
    stack.enter_context(mock.patch.object(retrier_decl, "time", scaled))
    stack.enter_context(mock.patch.object(BaseClient, "_make_api_call", _faulty_api_call(faults, textract)))


def _faulty_api_call(faults: Faults, textract: TextractStandIn) -> Any:
    """Every in-process AWS call: injected faults first, Textract's stand-in, else moto. moto's DynamoDB is not
    thread-safe (an item read while a handler thread updates it raised `dictionary changed size during iteration`),
    so its calls take one lock; they never wait on another thread (StartSyncExecution, which does, is not one)."""
    from botocore.client import BaseClient

    original = BaseClient._make_api_call
    dynamodb = threading.Lock()

    def make_api_call(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        service = self.meta.service_model.service_name
        code = faults.api_error(service, operation_name, api_params)
        if code is not None:
            raise ClientError({"Error": {"Code": code, "Message": f"injected {code}"}}, operation_name)
        if service == "textract":
            return textract.answer(operation_name, api_params)
        if service == "dynamodb":
            with dynamodb:
                return original(self, operation_name, api_params)
        return original(self, operation_name, api_params)

    return make_api_call


def patch_express(stack: ExitStack) -> None:
    """Make moto behave like AWS for Express: names are not de-duplicated, StartSyncExecution waits for the end."""
    import moto.backend_index as backend_index
    import moto.stepfunctions.urls as sfn_urls
    from moto.stepfunctions.models import StateMachine
    from moto.stepfunctions.responses import StepFunctionResponse

    original = StateMachine._handle_name_input_idempotency

    def name_idempotency(self: Any, name: str, execution_input: str) -> Any:
        return None if self.type == "EXPRESS" else original(self, name, execution_input)

    sync_url = r"https?://sync-states\.(.+)\.amazonaws.com"
    stack.enter_context(mock.patch.object(StateMachine, "_handle_name_input_idempotency", name_idempotency))
    stack.enter_context(mock.patch.object(sfn_urls, "url_bases", [*sfn_urls.url_bases, sync_url]))
    patterns = [*backend_index.backend_url_patterns, ("stepfunctions", re.compile(sync_url))]
    stack.enter_context(mock.patch.object(backend_index, "backend_url_patterns", patterns))
    stack.enter_context(mock.patch.object(StepFunctionResponse, "start_sync_execution", _start_sync, create=True))


def patch_atomic_writes(stack: ExitStack) -> None:
    """DynamoDB evaluates a condition and writes atomically; moto does not under threads, so serialise its writes."""
    from moto.dynamodb.models import DynamoDBBackend

    lock = threading.Lock()
    for name in ("put_item", "update_item", "delete_item", "transact_write_items"):
        original = getattr(DynamoDBBackend, name)
        stack.enter_context(mock.patch.object(DynamoDBBackend, name, _serialised(original, lock)))


def _serialised(method: Any, lock: threading.Lock) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        with lock:
            return method(*args, **kwargs)

    return call


def _start_sync(self: Any) -> str:
    """StartSyncExecution as AWS answers it: after the execution ended, with its status, output or error."""
    execution = self.stepfunction_backend.start_execution(
        self._get_param("stateMachineArn"), self._get_param("name"), self._get_param("input", if_none="{}")
    )
    while execution.exec_status is None or execution.exec_status.value == "RUNNING":
        time.sleep(0.01)
    answer = {
        "executionArn": execution.execution_arn,
        "stateMachineArn": execution.state_machine_arn,
        "name": execution.name,
        "startDate": execution.start_date.timestamp(),
        "stopDate": time.time(),
        "status": execution.exec_status.value,
    }
    if execution.output is not None:
        answer["output"] = execution.output if isinstance(execution.output, str) else json.dumps(execution.output)
    answer.update({k: v for k, v in (("error", execution.error), ("cause", execution.cause)) if v is not None})
    return json.dumps(answer)


class LocalPipeline:
    """The deployed pipeline's local twin; every call goes through boto3 to moto like on AWS."""

    def __init__(
        self,
        faults: Faults | None = None,
        concurrency: int = START_CONCURRENCY,
        textract: TextractStandIn | None = None,
    ) -> None:
        import boto3

        self.faults = faults or Faults()
        self.textract = textract or TextractStandIn()
        self.concurrency = concurrency
        self.bucket = BUCKET
        self.res = Resources()
        self.s3 = boto3.client("s3", region_name=REGION)
        self.sqs = boto3.client("sqs", region_name=REGION)
        self.sns = boto3.client("sns", region_name=REGION)
        self.sfn = boto3.client("stepfunctions", region_name=REGION)
        self.dynamodb = boto3.client("dynamodb", region_name=REGION)

    def build(self) -> None:
        """Create every resource, then the functions and both state machines."""
        from biometry.local import resources

        resources.create(self)

    def upload(self, name: str, data: bytes) -> ObjectRef:
        """Put a report under incoming/, as a user would (S3 -> EventBridge -> ingest queue follows)."""
        key = f"incoming/{name}"
        answer = self.s3.put_object(Bucket=self.bucket, Key=key, Body=data)
        return ObjectRef(bucket=self.bucket, key=key, version_id=answer.get("VersionId"))

    def key_of(self, ref: ObjectRef) -> str:
        """The document key the pipeline will use for an upload."""
        return document_key(ref.bucket, ref.key, ref.version_id)

    def pump(self) -> int:
        """One poll of the ingest queue, as Lambda's SQS event source does it with BatchSize 1 and MaximumConcurrency:
        up to `concurrency` starter invocations at once, each running its fast path to the end. A failed record
        becomes visible again at once (the visibility timeout, compressed). Returns the records handled."""
        answer = self.sqs.receive_message(
            QueueUrl=self.res.ingest_queue_url, MaxNumberOfMessages=min(10, self.concurrency), AttributeNames=["All"]
        )
        messages = answer.get("Messages", [])
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            list(pool.map(self.start_one, messages))
        return len(messages)

    def start_one(self, message: dict[str, Any]) -> None:
        """One starter invocation for one ingest message; the message is deleted unless its record failed."""
        record = _sqs_record(message, self.res.arns["ingest_queue"])
        raw, ok = handlers.invoke("start_workflow", json.dumps({"Records": [record]}).encode(), REGION, ACCOUNT)
        failed = not ok or bool(json.loads(raw).get("batchItemFailures"))
        if failed:
            self.sqs.change_message_visibility(
                QueueUrl=self.res.ingest_queue_url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
            )
        else:
            self.sqs.delete_message(QueueUrl=self.res.ingest_queue_url, ReceiptHandle=message["ReceiptHandle"])

    def resolve_reviews(self) -> list[dict[str, Any]]:
        """Hand every reviewed/ upload event so far to Resolve review, as EventBridge invokes it; its answers."""
        answers = []
        for message in self.drain(self.res.reviewed_events_queue_url):
            raw, ok = handlers.invoke("resolve_review", message["Body"].encode(), REGION, ACCOUNT)
            answers.append(json.loads(raw) if ok else {"error": json.loads(raw)["errorType"]})
        return answers

    def running(self) -> int:
        """Executions still running, both state machines."""
        total = 0
        for arn in (self.res.fast_path_arn, self.res.llm_path_arn):
            pages = self.sfn.get_paginator("list_executions").paginate(stateMachineArn=arn, statusFilter="RUNNING")
            total += sum(len(p["executions"]) for p in pages)
        return total

    def executions(self) -> list[dict[str, Any]]:
        """Every execution of both state machines."""
        found: list[dict[str, Any]] = []
        for arn in (self.res.fast_path_arn, self.res.llm_path_arn):
            for page in self.sfn.get_paginator("list_executions").paginate(stateMachineArn=arn):
                found.extend(page["executions"])
        return found

    def document(self, key: str) -> dict[str, Any] | None:
        """The documents-table item of a document key, as plain values."""
        item = self.dynamodb.get_item(TableName=self.res.table_name, Key={"document_key": {"S": key}}).get("Item")
        return {name: next(iter(value.values())) for name, value in item.items()} if item else None

    def finished(self, key: str) -> bool:
        """True once the document reached its terminal state and was notified."""
        item = self.document(key)
        return bool(item and "notified_at" in item)

    def run_until_done(self, keys: list[str], timeout_s: float = 120.0, tick: Any = None) -> set[str]:
        """Feed the starter and wait until every key is finished (or the timeout); returns the finished keys."""
        deadline = time.monotonic() + timeout_s
        done: set[str] = set()
        while time.monotonic() < deadline:
            handled = self.pump()
            done |= {k for k in keys if k not in done and self.finished(k)}
            if tick is not None:
                tick(len(done))
            if len(done) == len(keys):
                break
            if not handled:
                time.sleep(0.05)
        return done

    def result(self, key: str) -> dict[str, Any]:
        """The published result JSON of a finished document."""
        item = self.document(key) or {}
        bucket, _, object_key = str(item.get("result_uri", "")).removeprefix("s3://").partition("/")
        body = self.s3.get_object(Bucket=bucket, Key=object_key)["Body"].read()
        parsed: dict[str, Any] = json.loads(body)
        return parsed

    def drain(self, queue_url: str) -> list[dict[str, Any]]:
        """Every message on a queue (read and deleted)."""
        messages: list[dict[str, Any]] = []
        while True:
            answer = self.sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"])
            batch = answer.get("Messages", [])
            if not batch:
                return messages
            messages.extend(batch)
            for message in batch:
                self.sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])


def _sqs_record(message: dict[str, Any], queue_arn: str) -> dict[str, Any]:
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": message.get("Attributes", {}),
        "messageAttributes": {},
        "md5OfBody": message.get("MD5OfBody", ""),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": REGION,
    }
