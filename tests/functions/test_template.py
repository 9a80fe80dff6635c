"""template.yaml keeps the hardening checkov has no rule for: each test names the property it protects."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]


class _Loader(yaml.SafeLoader):
    """Reads CloudFormation's short tags as {"!Tag": value}."""


def _tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return {suffix: value}


_Loader.add_multi_constructor("!", _tag)
TEMPLATE: dict[str, Any] = yaml.load((ROOT / "template.yaml").read_text(), Loader=_Loader)
RESOURCES: dict[str, dict[str, Any]] = TEMPLATE["Resources"]


def _of_type(kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in RESOURCES.items() if r["Type"] == kind}


def _names(value: Any) -> set[str]:
    """Logical ids a !Ref / !GetAtt / list of them points at."""
    if isinstance(value, list):
        return set().union(*(_names(v) for v in value)) if value else set()
    if isinstance(value, dict):
        target = value.get("Ref", value.get("GetAtt"))
        return {str(target).split(".")[0]} if target else set()
    return set()


def test_upload_rule_target_has_a_dead_letter_queue_retries_and_an_alarm() -> None:
    (target,) = RESOURCES["UploadRule"]["Properties"]["Targets"]
    alarms = {a["Properties"]["MetricName"] for a in _of_type("AWS::CloudWatch::Alarm").values()}
    assert ("DeadLetterConfig" in target, "RetryPolicy" in target, "FailedInvocations" in alarms) == (True, True, True)


def test_every_function_logs_to_a_declared_group_with_retention_and_the_data_key() -> None:
    unprotected = []
    for name, function in _of_type("AWS::Serverless::Function").items():
        (group, *_) = sorted(_names(function["Properties"].get("LoggingConfig", {}).get("LogGroup"))) or [""]
        if not {"RetentionInDays", "KmsKeyId"} <= set(RESOURCES.get(group, {}).get("Properties", {})):
            unprotected.append(name)
    assert unprotected == []


def test_phi_stores_are_retained_on_stack_deletion() -> None:
    stores = ("ReportsBucket", "DocumentsTable", "DataKey")
    policies = {
        name: (RESOURCES[name].get("DeletionPolicy"), RESOURCES[name].get("UpdateReplacePolicy")) for name in stores
    }
    protected = RESOURCES["DocumentsTable"]["Properties"].get("DeletionProtectionEnabled")
    assert (policies, protected) == ({name: ("Retain", "Retain") for name in stores}, True)


def test_every_queue_and_topic_denies_requests_without_tls() -> None:
    covered: set[str] = set()
    for policy in [*_of_type("AWS::SQS::QueuePolicy").values(), *_of_type("AWS::SNS::TopicPolicy").values()]:
        statements = policy["Properties"]["PolicyDocument"]["Statement"]
        if any(s["Effect"] == "Deny" and "aws:SecureTransport" in json.dumps(s) for s in statements):
            covered |= _names(policy["Properties"].get("Queues", policy["Properties"].get("Topics")))
    expected = set(_of_type("AWS::SQS::Queue")) | set(_of_type("AWS::SNS::Topic"))
    assert expected - covered == set()


def test_kms_statements_for_aws_services_carry_source_conditions() -> None:
    statements = RESOURCES["DataKey"]["Properties"]["KeyPolicy"]["Statement"]
    unconditioned = [s["Sid"] for s in statements if "Service" in s["Principal"] and "Condition" not in s]
    assert unconditioned == []


def test_alarms_have_a_subscriber_parameter() -> None:
    subscription = RESOURCES["AlarmEmailSubscription"]["Properties"]
    assert (_names(subscription["TopicArn"]), "AlarmEmail" in TEMPLATE["Parameters"]) == ({"AlarmTopic"}, True)


def test_review_messages_raise_an_alarm_before_the_queue_expires_them() -> None:
    retention = RESOURCES["ReviewQueue"]["Properties"]["MessageRetentionPeriod"]
    threshold = RESOURCES["ReviewExpiryAlarm"]["Properties"]["Threshold"]
    assert 0 < threshold < retention


def test_timed_out_and_aborted_executions_and_sweeper_finds_raise_alarms() -> None:
    metrics = {a["Properties"]["MetricName"] for a in _of_type("AWS::CloudWatch::Alarm").values()}
    assert {"ExecutionsTimedOut", "ExecutionsAborted", "SweeperFinds"} <= metrics


def test_xray_never_captures_responses_or_errors() -> None:
    env = TEMPLATE["Globals"]["Function"]["Environment"]["Variables"]
    bare = sorted(
        p.parent.name
        for p in (ROOT / "functions").glob("*/app.py")
        if not re.search(r"^@(step_handler|observed)$", p.read_text(), re.MULTILINE)
    )
    handler = (ROOT / "layers/biometry/biometry/pipeline/handler.py").read_text()
    assert (env["POWERTOOLS_TRACER_CAPTURE_RESPONSE"], env["POWERTOOLS_TRACER_CAPTURE_ERROR"], bare) == (
        "false",
        "false",
        [],
    )
    assert "capture_response=False" in handler and "log_event=False" in handler


def test_every_lambda_task_retries_transient_aws_errors() -> None:
    missing = []
    for asl in (ROOT / "statemachine").glob("*.asl.json"):
        for name, state in json.loads(asl.read_text())["States"].items():
            if state.get("Resource") == "arn:aws:states:::lambda:invoke":
                retried = {e for r in state.get("Retry", []) for e in r["ErrorEquals"]}
                if not {"TransientAwsError", "States.ALL"} & retried:
                    missing.append(f"{asl.name}: {name}")
    assert missing == []


def test_extract_text_is_an_image_built_with_its_own_ocr_engine() -> None:
    function = RESOURCES["ExtractTextFunction"]
    dockerfile = (ROOT / function["Metadata"]["Dockerfile"]).read_text()
    models = ("tesseract-ocr-eng", "tesseract-ocr-script-latn")  # the page's model and the patient name's
    engine = "--no-binary tesserocr" in dockerfile and all(model in dockerfile for model in models)
    properties = function["Properties"]
    assert (properties["PackageType"], properties["Environment"]["Variables"]["LOCAL_OCR"], engine) == (
        "Image",
        "1",
        True,
    )


def test_every_zip_function_has_the_runtime_handler_and_biometry_layer() -> None:
    zipped = {
        n: f["Properties"] for n, f in _of_type("AWS::Serverless::Function").items() if "CodeUri" in f["Properties"]
    }
    missing = [n for n, p in zipped.items() if not (p.get("Runtime") and p.get("Handler") and _names(p.get("Layers")))]
    assert (len(zipped), missing) == (len(_of_type("AWS::Serverless::Function")) - 1, [])


def test_extract_text_lambda_timeout_is_its_states_timeout() -> None:
    states = json.loads((ROOT / "statemachine" / "document_fast_path.asl.json").read_text())["States"]
    timeout_s = RESOURCES["ExtractTextFunction"]["Properties"]["Timeout"]
    assert timeout_s == states["Extract text"]["TimeoutSeconds"]
