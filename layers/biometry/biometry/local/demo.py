"""`biometry demo`: sample reports through the real state machines on moto, with a table of what happened."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from biometry.local.ocr_demo import faxed_copy, ocr_cost_line, route_of
from biometry.local.runtime import LocalPipeline, local_pipeline

LLM_ENV_PREFIXES = ("LLM_", "OPENAI_", "RUNPOD_", "BEDROCK_")
DEMO_WAIT_SCALE = 0.02  # Wait states and Retry intervals run at 2 % of their real length


def run_demo(paths: list[Path], *, console: Console | None = None, timeout_s: float = 600.0) -> int:
    """Upload the files, run every document to its end, print results, notifications and review messages."""
    console = console or Console()
    llm_env = {k: v for k, v in os.environ.items() if k.startswith(LLM_ENV_PREFIXES)}
    console.print(_llm_status(llm_env))
    with local_pipeline(env=llm_env, wait_scale=DEMO_WAIT_SCALE) as pipeline:
        started = time.monotonic()
        uploads = {path.name: pipeline.key_of(pipeline.upload(path.name, path.read_bytes())) for path in paths}
        uploads |= _upload_fax(pipeline, paths)
        _wait(pipeline, list(uploads.values()), console, timeout_s)
        console.print(_results_table(pipeline, uploads))
        console.print(
            f"[dim]{len(uploads)} documents in {time.monotonic() - started:.1f} s on moto (no AWS account)[/dim]"
        )
        _print_ocr_costs(pipeline, uploads, console)
        _print_notifications(pipeline, console)
        _print_reviews(pipeline, console)
        _demo_resolution(pipeline, paths, uploads, console)
    return 0


def _upload_fax(pipeline: LocalPipeline, paths: list[Path]) -> dict[str, str]:
    """The faxed copy of a bundled printout: read in Lambda, not accepted, read again by Textract (the stand-in)."""
    fax = faxed_copy(paths)
    if fax is None:
        return {}
    name, data, textract_words = fax
    pipeline.textract.read_as(data, textract_words)
    return {name: pipeline.key_of(pipeline.upload(name, data))}


def _print_ocr_costs(pipeline: LocalPipeline, uploads: dict[str, str], console: Console) -> None:
    finished = {name: key for name, key in uploads.items() if pipeline.finished(key)}
    lines = [ocr_cost_line(name, pipeline.result(key)) for name, key in finished.items()]
    console.rule("Scans read inside the Extract text Lambda (Textract only as the fallback)")
    for line in [line for line in lines if line] or ["No scanned document in this run."]:
        console.print(line, highlight=False)


def _llm_status(env: dict[str, str]) -> str:
    provider = env.get("LLM_PROVIDER") or "none"
    bedrock = env.get("BEDROCK_MODEL_ID") or "none"
    if provider == "none" and bedrock == "none":
        return (
            "[yellow]LLM tier: no endpoint configured[/yellow] — documents the regex tier cannot accept go to review. "
            "Set LLM_PROVIDER=openai with OPENAI_BASE_URL/OPENAI_MODEL (e.g. Ollama), or LLM_PROVIDER=runpod with "
            "RUNPOD_ENDPOINT_ID/RUNPOD_API_KEY, to use it."
        )
    return f"LLM tier: GPU provider {provider}, Bedrock model {bedrock}"


def _wait(pipeline: LocalPipeline, keys: list[str], console: Console, timeout_s: float) -> None:
    columns = (TextColumn("Processing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("documents", total=len(keys))
        pipeline.run_until_done(keys, timeout_s=timeout_s, tick=lambda done: progress.update(task, completed=done))


def _results_table(pipeline: LocalPipeline, uploads: dict[str, str]) -> Table:
    table = Table(title="Documents")
    for column in ("file", "status", "device", "method", "read by", "cost (USD)", "seconds"):
        numeric = column in ("cost (USD)", "seconds")
        table.add_column(column, justify="right" if numeric else "left", overflow="fold", no_wrap=numeric)
    for name, key in uploads.items():
        item = pipeline.document(key) or {}
        if "notified_at" not in item:
            table.add_row(name, "[red]not finished[/red]", "", "", "", "", "")
            continue
        seconds = float(item["finished_at"]) - float(item["received_at"])
        status = "[green]accepted[/green]" if item["status"] == "accepted" else "[yellow]needs_review[/yellow]"
        cost = f"{float(item['cost_usd']):.7f}"
        route = route_of(pipeline.result(key))
        table.add_row(name, status, str(item["device"]), str(item["method"]), route, cost, f"{seconds:.2f}")
    return table


def _print_notifications(pipeline: LocalPipeline, console: Console) -> None:
    messages = pipeline.drain(pipeline.res.notifications_queue_url)
    console.rule(f"SNS notifications received ({len(messages)})")
    for message in messages:
        envelope: dict[str, Any] = json.loads(message["Body"])
        attributes = {k: v["Value"] for k, v in envelope.get("MessageAttributes", {}).items()}
        console.print(f"attributes {attributes}", highlight=False)
        console.print(f"  {envelope['Message']}", highlight=False, soft_wrap=True)


def _print_reviews(pipeline: LocalPipeline, console: Console) -> None:
    messages = pipeline.drain(pipeline.res.review_queue_url)
    console.rule(f"Manual review queue ({len(messages)} messages)")
    for message in messages:
        console.print(Panel(message["Body"], expand=False), highlight=False)


def _demo_resolution(pipeline: LocalPipeline, paths: list[Path], uploads: dict[str, str], console: Console) -> None:
    """Play the reviewer once: the first needs_review sample with a truth file is typed in and saved under reviewed/."""
    from biometry.pipeline.resolve import submit_reviewed, training_ref

    truths = {p.name: p.with_suffix(".truth.json") for p in paths if p.with_suffix(".truth.json").is_file()}
    found = next(((n, k) for n, k in uploads.items() if n in truths and _in_review(pipeline, k)), None)
    console.rule("Review resolution")
    if found is None:
        console.print("[dim]No needs_review document whose values the demo reviewer knows (a .truth.json).[/dim]")
        return
    name, key = found
    typed = _reviewer_file(pipeline.result(key), json.loads(truths[name].read_text()))
    submit_reviewed(pipeline.s3, pipeline.bucket, key, json.dumps(typed).encode())
    (answer,) = pipeline.resolve_reviews()
    console.print(f"{name}: the reviewer saved reviewed/{key}.json -> {answer.get('outcome', answer)}", highlight=False)
    item = pipeline.document(key) or {}
    console.print(f"  documents table: status {item.get('status')}, method {item.get('method')}", highlight=False)
    if answer.get("outcome") == "published":
        console.print(f"  training example: {training_ref(pipeline.bucket, key).uri}", highlight=False)
    _print_notifications(pipeline, console)
    _print_reviews(pipeline, console)


def _in_review(pipeline: LocalPipeline, key: str) -> bool:
    item = pipeline.document(key) or {}
    return item.get("status") == "needs_review" and "notified_at" in item


def _reviewer_file(result: dict[str, Any], printed: dict[str, Any]) -> dict[str, Any]:
    """What a reviewer uploads: the downloaded result with the values typed from the printout (here: the sample's
    truth file) and the pipeline's issues removed."""
    typed = {name: printed[name] for name in ("device", "exam_date", "patient", "eyes", "iol_calculations")}
    return {**result, **typed, "extraction": {**result["extraction"], "issues": []}}
