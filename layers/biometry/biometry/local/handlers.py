"""The real Lambda handlers, loaded in-process from functions/<step>/app.py and called like Lambda calls them."""

from __future__ import annotations

import importlib.util
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from biometry.errors import BiometryError

Handler = Callable[[dict[str, Any], Any], Any]
FUNCTION_PREFIX = "biometry-"
STEPS = (
    "start_workflow",
    "extract_text",
    "read_textract",
    "parse_report",
    "llm_submit",
    "llm_poll",
    "bedrock_extract",
    "publish_result",
    "send_to_review",
    "notify",
    "sweep_stuck",
    "resolve_review",
)
MEMORY_MB = {"extract_text": 1769, "start_workflow": 256, "resolve_review": 1024}  # template.yaml MemorySize
_modules: dict[str, ModuleType] = {}


class LocalRuntimeError(BiometryError):
    """The local runtime cannot find or run part of the pipeline (repository files missing)."""

    code = "local_runtime"


def repo_root() -> Path:
    """The checkout holding functions/ and statemachine/ (the package is installed editable from it)."""
    root = Path(__file__).resolve().parents[4]
    if not (root / "functions").is_dir() or not (root / "statemachine").is_dir():
        raise LocalRuntimeError(f"functions/ and statemachine/ not found under {root}: run from a checkout")
    return root


def function_name(step: str) -> str:
    """The Lambda function name of a step (as the local runtime creates it)."""
    return FUNCTION_PREFIX + step.replace("_", "-")


def step_of(name_or_arn: str) -> str:
    """The step behind a function name or ARN."""
    name = name_or_arn.split(":function:")[-1].split(":")[0]
    return name.removeprefix(FUNCTION_PREFIX).replace("-", "_")


def handler(step: str) -> Handler:
    """The step's `lambda_handler`, imported once from functions/<step>/app.py."""
    if step not in _modules:
        path = repo_root() / "functions" / step / "app.py"
        spec = importlib.util.spec_from_file_location(f"functions_{step}_app", path)
        if spec is None or spec.loader is None:
            raise LocalRuntimeError(f"cannot load {path}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _modules[step] = module
    found: Handler = _modules[step].lambda_handler
    return found


class LambdaContext:
    """What the Lambda runtime hands a handler (the fields Powertools reads)."""

    def __init__(self, step: str, region: str, account: str) -> None:
        self.function_name = function_name(step)
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:{region}:{account}:function:{self.function_name}"
        self.memory_limit_in_mb = MEMORY_MB.get(step, 512)
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self.log_stream_name = "local"

    def get_remaining_time_in_millis(self) -> int:
        return 60_000


def invoke(step: str, payload: bytes, region: str, account: str) -> tuple[bytes, bool]:
    """Run the step's handler on a JSON payload: (answer JSON, True) or (Lambda error JSON, False)."""
    event = json.loads(payload or b"{}")
    try:
        answer = handler(step)(event, LambdaContext(step, region, account))
    except Exception as error:  # every failure becomes Lambda's error shape, named by its class
        body = {"errorType": type(error).__name__, "errorMessage": str(error), "stackTrace": []}
        return json.dumps(body).encode(), False
    return json.dumps(answer).encode(), True
