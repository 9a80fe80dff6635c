"""Create the local twin of template.yaml's resources on moto (same names of steps, same ASL files)."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import boto3

from biometry.local import handlers

if TYPE_CHECKING:
    from biometry.local.runtime import LocalPipeline

ASL_SUBSTITUTIONS = {
    "ExtractTextFunctionArn": "extract_text",
    "ReadTextractFunctionArn": "read_textract",
    "ParseReportFunctionArn": "parse_report",
    "LlmSubmitFunctionArn": "llm_submit",
    "LlmPollFunctionArn": "llm_poll",
    "BedrockExtractFunctionArn": "bedrock_extract",
    "PublishResultFunctionArn": "publish_result",
    "SendToReviewFunctionArn": "send_to_review",
    "NotifyFunctionArn": "notify",
}
INGEST_PATTERN = {
    "source": ["aws.s3"],
    "detail-type": ["Object Created"],
    "detail": {"object": {"key": [{"prefix": "incoming/"}]}},
}
REVIEWED_PATTERN = {**INGEST_PATTERN, "detail": {"object": {"key": [{"prefix": "reviewed/"}]}}}


def create(pipeline: LocalPipeline) -> None:
    """Bucket, queues, topic, table, functions, state machines: everything the template deploys that runs locally."""
    region = pipeline.s3.meta.region_name
    _bucket(pipeline)
    _queues(pipeline)
    _ingest(pipeline, region)
    _reviewed(pipeline, region)
    _topic(pipeline, region)
    _table(pipeline)
    role_arn = _role(region)
    _functions(pipeline, region, role_arn)
    _state_machines(pipeline, region, role_arn)
    os.environ.update(_function_env(pipeline))


def _bucket(p: LocalPipeline) -> None:
    p.s3.create_bucket(Bucket=p.bucket)
    p.s3.put_bucket_versioning(Bucket=p.bucket, VersioningConfiguration={"Status": "Enabled"})
    p.s3.put_bucket_notification_configuration(
        Bucket=p.bucket, NotificationConfiguration={"EventBridgeConfiguration": {}}
    )


def _queues(p: LocalPipeline) -> None:
    for name in ("ingest", "review", "notifications", "reviewed_events"):
        url = p.sqs.create_queue(QueueName=f"biometry-{name}")["QueueUrl"]
        arn = p.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        setattr(p.res, f"{name}_queue_url", url)
        p.res.arns[f"{name}_queue"] = arn


def _ingest(p: LocalPipeline, region: str) -> None:
    events = boto3.client("events", region_name=region)
    pattern = {**INGEST_PATTERN, "detail": {**INGEST_PATTERN["detail"], "bucket": {"name": [p.bucket]}}}  # type: ignore[dict-item]
    events.put_rule(Name="biometry-uploads", EventPattern=json.dumps(pattern))
    events.put_targets(Rule="biometry-uploads", Targets=[{"Id": "ingest", "Arn": p.res.arns["ingest_queue"]}])


def _reviewed(p: LocalPipeline, region: str) -> None:
    """template.yaml's ReviewedRule invokes Resolve review; moto's EventBridge cannot invoke a Lambda target, so
    the rule puts the event on a stand-in queue and `LocalPipeline.resolve_reviews` hands it to the handler."""
    events = boto3.client("events", region_name=region)
    pattern = {**REVIEWED_PATTERN, "detail": {**REVIEWED_PATTERN["detail"], "bucket": {"name": [p.bucket]}}}  # type: ignore[dict-item]
    events.put_rule(Name="biometry-reviewed", EventPattern=json.dumps(pattern))
    events.put_targets(
        Rule="biometry-reviewed", Targets=[{"Id": "resolve", "Arn": p.res.arns["reviewed_events_queue"]}]
    )


def _topic(p: LocalPipeline, region: str) -> None:
    sns = boto3.client("sns", region_name=region)
    p.res.topic_arn = sns.create_topic(Name="biometry-results")["TopicArn"]
    sns.subscribe(TopicArn=p.res.topic_arn, Protocol="sqs", Endpoint=p.res.arns["notifications_queue"])


def _table(p: LocalPipeline) -> None:
    create_documents_table(p.dynamodb, p.res.table_name)


def create_documents_table(dynamodb: Any, name: str) -> None:
    """The documents table with template.yaml's keys and both indexes (by-status, and the sweeper's in-flight)."""
    attributes = {"document_key": "S", "status": "S", "finished_at": "N", "in_flight": "S", "lease_expires_at": "N"}
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "document_key", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": k, "AttributeType": v} for k, v in attributes.items()],
        GlobalSecondaryIndexes=[
            _index("by-status", "status", "finished_at"),
            _index("in-flight", "in_flight", "lease_expires_at"),
        ],
        BillingMode="PAY_PER_REQUEST",
    )


def _index(name: str, hash_key: str, range_key: str) -> dict[str, Any]:
    keys = [{"AttributeName": hash_key, "KeyType": "HASH"}, {"AttributeName": range_key, "KeyType": "RANGE"}]
    return {"IndexName": name, "KeySchema": keys, "Projection": {"ProjectionType": "ALL"}}


def _role(region: str) -> str:
    iam = boto3.client("iam", region_name=region)
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
    role: dict[str, Any] = iam.create_role(RoleName="biometry-local", AssumeRolePolicyDocument=json.dumps(trust))
    return str(role["Role"]["Arn"])


def _functions(p: LocalPipeline, region: str, role_arn: str) -> None:
    lam = boto3.client("lambda", region_name=region)
    for step in handlers.STEPS:
        answer = lam.create_function(
            FunctionName=handlers.function_name(step),
            Runtime="python3.12",
            Role=role_arn,
            Handler="app.lambda_handler",
            Code={"ZipFile": b"handlers run in-process"},
            MemorySize=handlers.MEMORY_MB.get(step, 512),
        )
        p.res.arns[step] = answer["FunctionArn"]


def _state_machines(p: LocalPipeline, region: str, role_arn: str) -> None:
    root = handlers.repo_root() / "statemachine"
    subs = {name: p.res.arns[step] for name, step in ASL_SUBSTITUTIONS.items()}
    llm = p.sfn.create_state_machine(
        name="biometry-llm-path",
        definition=_substitute((root / "llm_path.asl.json").read_text(), subs),
        roleArn=role_arn,
    )
    p.res.llm_path_arn = llm["stateMachineArn"]
    subs["LlmPathStateMachineArn"] = p.res.llm_path_arn
    fast = p.sfn.create_state_machine(
        name="biometry-fast-path",
        definition=_substitute((root / "document_fast_path.asl.json").read_text(), subs),
        roleArn=role_arn,
        type="EXPRESS",
    )
    p.res.fast_path_arn = fast["stateMachineArn"]


def _substitute(definition: str, subs: dict[str, str]) -> str:
    for name, value in subs.items():
        definition = definition.replace("${" + name + "}", value)
    return definition


def _function_env(p: LocalPipeline) -> dict[str, str]:
    """The environment template.yaml gives the functions (one process here, so one environment)."""
    return {
        "STATE_MACHINE_ARN": p.res.fast_path_arn,
        "TABLE_NAME": p.res.table_name,
        "TOPIC_ARN": p.res.topic_arn,
        "REVIEW_QUEUE_URL": p.res.review_queue_url,
        "INGEST_QUEUE_URL": p.res.ingest_queue_url,
        "REPORTS_BUCKET": p.bucket,
    }
