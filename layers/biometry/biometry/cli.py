"""The `biometry` command: parse reports, print the contract's schema, make a corpus, evaluate, run the demo."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from biometry.models import BiometryResult

if TYPE_CHECKING:
    from rich.console import Console

SAMPLES_DIR = Path(__file__).resolve().parents[3] / "samples"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = _parser().parse_args(argv)
    return int(args.run(args))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="biometry", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    parse = commands.add_parser("parse", help="parse report files into BiometryResult JSON")
    parse.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parse.add_argument("--jsonl", action="store_true", help="one JSON object per line (the default for many files)")
    parse.add_argument("--table", action="store_true", help="a human summary instead of JSON")
    parse.add_argument("--no-ocr", action="store_true", help="skip OCR of image-only pages")
    parse.add_argument(
        "--llm",
        metavar="URL",
        help="LLM tier for documents the regex tier cannot accept: an OpenAI-compatible server (URL ending in /v1, "
        "e.g. Ollama's http://127.0.0.1:11434/v1) or a RunPod-style API root (the local worker behind "
        "gpu_worker/local_adapter.py: http://127.0.0.1:8001/v2)",
    )
    parse.add_argument("--llm-model", metavar="NAME", help="model name for an OpenAI-compatible server")
    parse.set_defaults(run=_run_parse)

    schema = commands.add_parser("schema", help="print the JSON Schema of the output contract")
    schema.set_defaults(run=_run_schema)

    redrive = commands.add_parser("redrive", help="run a stuck or failed document again (docs/operations.md)")
    redrive.add_argument("document_key", metavar="DOCUMENT_KEY")
    redrive.add_argument("--stack", default="biometry-pipeline", help="the deployed stack whose outputs name the table")
    redrive.add_argument("--reprocess", action="store_true", help="re-run a finished one too (never manual)")
    redrive.set_defaults(run=_run_redrive)

    review = commands.add_parser("review", help="resolve a document in review (docs/operations.md)")
    review_commands = review.add_subparsers(required=True, metavar="ACTION")
    resolve = review_commands.add_parser("resolve", help="upload a corrected result JSON as reviewed/<key>.json")
    resolve.add_argument("file", type=Path, metavar="FILE")
    resolve.add_argument("--document-key", required=True, metavar="KEY")
    resolve.add_argument("--revision", type=int, metavar="N", help="the manual revision this file corrects")
    resolve.add_argument("--stack", default="biometry-pipeline", help="the stack whose outputs name the bucket")
    resolve.set_defaults(run=_run_review_resolve)

    demo = commands.add_parser("demo", help="run the pipeline locally over the bundled sample reports")
    demo.add_argument("files", nargs="*", type=Path, metavar="FILE")
    demo.set_defaults(run=_run_demo)

    evaluate = commands.add_parser("eval", help="measure the regex tier on a corpus with ground truth")
    evaluate.add_argument("directory", type=Path, metavar="DIR")
    evaluate.add_argument("--json", action="store_true", help="machine-readable figures")
    evaluate.add_argument("--llm", action="append", default=[], metavar="URL",
                          help="score the LLM tier at URL on the documents the regex tier cannot accept; "
                          "repeat to compare endpoints side by side")  # fmt: skip
    evaluate.add_argument("--llm-model", action="append", default=[], metavar="NAME",
                          help="model name for the n-th --llm (OpenAI-compatible servers)")  # fmt: skip
    _add_jobs_option(evaluate)
    evaluate.set_defaults(run=_run_eval)

    _add_cost_parser(commands)
    _add_train_data_parser(commands)

    corpus = commands.add_parser("corpus", help="synthetic reports with ground truth")
    corpus_commands = corpus.add_subparsers(required=True, metavar="ACTION")
    make = corpus_commands.add_parser("make", help="write N synthetic reports and their truth JSON to DIR")
    make.add_argument("directory", type=Path, metavar="DIR")
    make.add_argument("--n", type=int, default=60)
    make.add_argument("--seed", type=int, default=0)
    make.add_argument("--image-share", type=float, default=0.2)
    make.add_argument(
        "--devices", default="all", help="comma-separated: iolmaster700,eyesuite,iolmaster500,export,unknown"
    )
    _add_jobs_option(make)
    make.set_defaults(run=_run_corpus_make)
    return parser


def _add_jobs_option(command: argparse.ArgumentParser) -> None:
    from biometry.parallel import cpu_count

    cores = cpu_count()
    command.add_argument("--jobs", type=int, default=cores, metavar="N",
                         help=f"documents in parallel over N processes (default: the {cores} cores)")  # fmt: skip


def _add_cost_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cost = commands.add_parser("cost", help="cost per document and per month by hosting option and volume")
    source = cost.add_mutually_exclusive_group()
    source.add_argument("--eval", type=Path, metavar="FILE", help="route mix from `biometry eval DIR --json` output")
    source.add_argument("--results", type=Path, metavar="DIR", help="route mix and usage from result JSON files")
    cost.add_argument("--volumes", type=_integers, default=[], help="more monthly volumes, e.g. 500,2000")
    cost.add_argument("--llm-share", type=float, help="share of documents that need the LLM tier (0-1)")
    cost.add_argument("--scan-share", type=float, help="share of documents accepted from OCR (0-1)")
    cost.add_argument("--gpu-seconds", type=float, help="GPU seconds of one LLM document (serverless billing)")
    cost.add_argument("--docs-per-gpu-hour", type=float, help="one reserved GPU's documents per hour")
    cost.add_argument("--json", action="store_true", help="machine-readable figures, inputs and price sources")
    cost.add_argument("--plot", type=Path, metavar="PNG", help="write a log-log plot of monthly cost vs volume")
    cost.set_defaults(run=_run_cost)


def _add_train_data_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    data = commands.add_parser("train-data", help="prompt/target pairs for fine-tuning the LLM tier, with a datasheet")
    data.add_argument("directory", type=Path, metavar="OUT")
    data.add_argument("--reviewed", type=Path, action="append", default=[], metavar="DIR",
                      help="reviewed result JSONs beside their source documents (repeatable)")  # fmt: skip
    data.add_argument("--accepted", type=Path, action="append", default=[], metavar="DIR",
                      help="accepted result JSONs beside their source documents (repeatable)")  # fmt: skip
    data.add_argument("--corpus", type=Path, action="append", default=[], metavar="DIR",
                      help="a synthetic corpus from `biometry corpus make` (repeatable)")  # fmt: skip
    data.add_argument("--synthetic", type=int, default=0, metavar="N", help="make N synthetic reports into OUT/corpus")
    data.add_argument("--seed", type=int, default=0, help="seed of the --synthetic corpus")
    data.add_argument("--weight", action="append", default=[], metavar="SOURCE=W",
                      help="override a source's weight, e.g. reviewed=4")  # fmt: skip
    data.set_defaults(run=_run_train_data)


def _integers(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _run_parse(args: argparse.Namespace) -> int:
    from biometry.parse import parse_bytes

    missing = [path for path in args.files if not path.is_file()]
    if missing:
        print(f"biometry: no such file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    results = []
    for path in args.files:
        result = parse_bytes(path.read_bytes(), path.name, ocr=not args.no_ocr)
        if args.llm and result.status != "accepted" and result.source.pages:
            result = _run_llm(path, result, args)
        results.append((path, result))
        if not args.table:
            _print_json(result, lines=args.jsonl or len(args.files) > 1)
    if args.table:
        _print_table(results)
    return 0


def _run_llm(path: Path, result: BiometryResult, args: argparse.Namespace) -> BiometryResult:
    from biometry.extract import load_document
    from biometry.llm.local import provider_for_url, run_llm_tier

    document = load_document(path.read_bytes(), path.name, ocr=not args.no_ocr)
    return run_llm_tier(document, result, provider_for_url(args.llm, args.llm_model))


def _print_json(result: BiometryResult, *, lines: bool) -> None:
    payload = result.model_dump(mode="json")
    print(json.dumps(payload, ensure_ascii=False, indent=None if lines else 2))


def _print_table(results: list[tuple[Path, BiometryResult]]) -> None:

    from biometry.report import results_table

    _console().print(results_table(results))


def _console() -> Console:
    """A console as wide as the terminal, or wide enough for whole rows when the output is a pipe or file."""
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 200)


def _run_schema(args: argparse.Namespace) -> int:
    from biometry.schema import contract_schema

    print(json.dumps(contract_schema(), indent=2, ensure_ascii=False))
    return 0


def _run_redrive(args: argparse.Namespace) -> int:
    from biometry.pipeline.redrive import RedriveError, redrive_in_stack

    try:
        redrive_in_stack(args.stack, args.document_key, reprocess=args.reprocess)
    except RedriveError as error:
        print(f"biometry redrive: {error}", file=sys.stderr)
        return 1
    print(f"{args.document_key}: its upload event is back on the ingest queue")
    return 0


def _run_review_resolve(args: argparse.Namespace) -> int:
    import boto3

    from biometry.pipeline.redrive import RedriveError, stack_outputs
    from biometry.pipeline.resolve import submit_reviewed

    if not args.file.is_file():
        print(f"biometry review resolve: {args.file} not found", file=sys.stderr)
        return 2
    try:
        bucket = stack_outputs(boto3.client("cloudformation"), args.stack)["ReportsBucketName"]
    except RedriveError as error:
        print(f"biometry review resolve: {error}", file=sys.stderr)
        return 1
    body = args.file.read_bytes()
    ref = submit_reviewed(boto3.client("s3"), bucket, args.document_key, body, corrects_revision=args.revision)
    print(f"{ref.uri}: uploaded; the pipeline publishes it or puts the reason on the review queue")
    return 0


def _run_demo(args: argparse.Namespace) -> int:
    paths = args.files or sorted(p for p in SAMPLES_DIR.iterdir() if p.is_file() and p.suffix != ".json")
    try:
        from biometry.local.demo import run_demo
    except ImportError:
        args.files, args.table, args.no_ocr, args.llm, args.jsonl = paths, True, False, None, False
        return _run_parse(args)
    return run_demo(paths)


def _run_eval(args: argparse.Namespace) -> int:
    from biometry.corpus_eval import corpus_files, evaluate_corpus
    from biometry.report import eval_tables

    if not args.directory.is_dir():
        print(f"biometry: no such directory: {args.directory}", file=sys.stderr)
        return 2
    paths = corpus_files(args.directory)
    if args.llm:
        return _run_llm_eval(paths, args)
    if args.json:
        groups = evaluate_corpus(paths, jobs=args.jobs)
        print(json.dumps({name: stats.as_dict() for name, stats in groups.items()}, indent=2))
        return 0
    with _progress("evaluating", len(paths)) as advance:
        groups = evaluate_corpus(paths, jobs=args.jobs, on_document=advance)
    for table in eval_tables(groups):
        _console().print(table)
    return 0


@contextlib.contextmanager
def _progress(description: str, total: int) -> Iterator[Callable[[Path], None]]:
    """A transient progress bar on stderr; yields the callback that advances it by one document."""
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task(description, total=total)
        yield lambda _path: progress.advance(task)


def _run_llm_eval(paths: list[Path], args: argparse.Namespace) -> int:
    from biometry.llm.local import provider_for_url
    from biometry.llm_eval import evaluate_llm_tier

    models = args.llm_model + [None] * (len(args.llm) - len(args.llm_model))
    names = [f"{url} [{model}]" if model else url for url, model in zip(args.llm, models, strict=True)]
    names = [name if names.count(name) == 1 else f"{name} #{k + 1}" for k, name in enumerate(names)]
    providers = {name: provider_for_url(url, model) for name, url, model in zip(names, args.llm, models, strict=True)}
    endpoints = evaluate_llm_tier(paths, providers)
    if args.json:
        print(json.dumps({name: stats.as_dict() for name, stats in endpoints.items()}, indent=2))
        return 0
    from biometry.report import llm_eval_tables

    for table in llm_eval_tables(endpoints):
        _console().print(table)
    return 0


def _run_cost(args: argparse.Namespace) -> int:
    from biometry.hosting.inputs import cost_context
    from biometry.hosting.options import Assumptions
    from biometry.hosting.report import DEFAULT_VOLUMES, cost_report, report_table

    for path in (args.eval, args.results):
        if path is not None and not path.exists():
            print(f"biometry: no such file or directory: {path}", file=sys.stderr)
            return 2
    overrides = {"gpu_seconds_per_document": args.gpu_seconds, "documents_per_gpu_hour": args.docs_per_gpu_hour}
    assumptions = Assumptions(**{k: v for k, v in overrides.items() if v is not None})
    context = cost_context(
        eval_json=args.eval,
        results_dir=args.results,
        llm_share=args.llm_share,
        scan_share=args.scan_share,
        assumptions=assumptions,
    )
    report = cost_report(context, [*DEFAULT_VOLUMES, *args.volumes])
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        _console().print(report_table(report))
    if args.plot:
        from biometry.hosting.plot import plot_report

        print(f"plot written to {plot_report(report, args.plot)}", file=sys.stderr)
    return 0


def _run_train_data(args: argparse.Namespace) -> int:
    from biometry.synth.corpus import DEVICES, make_corpus
    from biometry.training.data import WEIGHTS, Source, build_dataset, labelled_documents

    missing = [p for p in (*args.reviewed, *args.accepted, *args.corpus) if not p.is_dir()]
    if missing or not (args.reviewed or args.accepted or args.corpus or args.synthetic):
        print(f"biometry: no such directory: {', '.join(map(str, missing))}" if missing else
              "biometry: give --reviewed, --accepted, --corpus or --synthetic N", file=sys.stderr)  # fmt: skip
        return 2
    weights = {**WEIGHTS, **{k: float(v) for k, _, v in (w.partition("=") for w in args.weight)}}
    if args.synthetic:
        make_corpus(args.directory / "corpus", args.synthetic, seed=args.seed, devices=DEVICES)
        args.corpus.append(args.directory / "corpus")
    sources: list[tuple[Path, Source]] = [(d, "reviewed") for d in args.reviewed]
    sources += [(d, "accepted") for d in args.accepted]
    sources += [(d, "synthetic") for d in args.corpus]
    labelled = [item for directory, source in sources for item in labelled_documents(directory, source)]
    sheet = build_dataset(args.directory, labelled, weights)
    print(f"wrote {sheet.splits['train']} train and {sheet.splits['validation']} validation examples to "
          f"{args.directory} ({sum(sheet.skipped.values())} documents skipped; see datasheet.md)")  # fmt: skip
    return 0


def _run_corpus_make(args: argparse.Namespace) -> int:
    from biometry.synth.corpus import DEVICES, make_corpus

    devices = DEVICES if args.devices == "all" else tuple(args.devices.split(","))
    with _progress("writing", args.n) as advance:
        options = {"seed": args.seed, "image_share": args.image_share, "devices": devices, "jobs": args.jobs}
        written = make_corpus(args.directory, args.n, on_written=advance, **options)
    print(f"wrote {len(written)} reports with ground truth to {args.directory}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
