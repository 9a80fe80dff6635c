"""`biometry train-data OUT`: prompt/target pairs exactly as the GPU worker sees them, from reviewed results,
accepted results and synthetic corpora; split by document hash; every example PHI-checked before it is written."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from biometry.document import Document
from biometry.errors import BiometryError
from biometry.llm.tier import build_llm_request
from biometry.models import BiometryResult
from biometry.parse import parse_document
from biometry.redact import leftover_identifiers
from biometry.training.datasheet import Datasheet
from biometry.training.target import extraction_target, target_text

Source = Literal["reviewed", "accepted", "synthetic"]
Split = Literal["train", "validation"]
# Why these weights: reviewed documents are the LLM tier's real inputs (the regex
# tier could not accept them) checked value by value by a person, and scarce; accepted results are real layouts and
# scan noise but easy cases the LLM rarely sees in production; synthetic reports are unlimited and exact but
# generator-shaped, so they teach the schema and the traps without outvoting real text.
WEIGHTS: dict[str, float] = {"reviewed": 3.0, "accepted": 1.0, "synthetic": 0.5}
PRIORITY: tuple[Source, ...] = ("reviewed", "accepted", "synthetic")  # a document in two sources counts once, here
VALIDATION_SHARE = 0.1
TRUTH_SUFFIX = ".truth.json"


@dataclass(frozen=True, slots=True)
class Example:
    """One training pair: the worker's user prompt and the answer, with where it came from and how much it counts."""

    id: str  # the document's sha256: the split key
    source: Source
    device: str
    text_source: str
    split: Split
    weight: float
    prompt: str
    completion: str


@dataclass(frozen=True, slots=True)
class Labelled:
    """A document file and the result that is its truth (a reviewed, accepted or synthetic-truth result)."""

    path: Path
    truth: BiometryResult
    source: Source


class PhiLeak(BiometryError):
    """An example whose prompt or target still holds something identifying: it is never written."""

    code = "phi_leak"


def example_for(document: Document, truth: BiometryResult, source: Source, weight: float) -> Example:
    """The pair the worker would see for `document`, answered by `truth`.

    The prompt comes from the LLM tier's own request builder (the regex tier's device hint, allow-list redaction,
    the identifier proof); raises PhiUnredactable when that proof fails, PhiLeak when the truth's patient or a
    PHI pattern is still in the prompt or the target.
    """
    request = build_llm_request(document, parse_document(document))
    completion = target_text(truth, document)
    if findings := phi_findings(request.prompt, truth) + phi_findings(completion, truth):
        raise PhiLeak(f"{len(findings)} identifier(s) in the example of {document.sha256[:12]}")
    return Example(
        id=document.sha256,
        source=source,
        device=truth.device.model if truth.device else "unknown",
        text_source=document.text_source,
        split=split_of(document.sha256),
        weight=weight,
        prompt=request.prompt,
        completion=completion,
    )


def phi_findings(text: str, truth: BiometryResult) -> list[str]:
    """The deny-list proof the LLM tier runs before any call (the truth's patient, e-mails, dates, long digit runs),
    over the text without the device's own names: a software version such as `1.90.12` reads like a date."""
    device = truth.device
    for name in (device.software_version, device.model, device.manufacturer) if device else ():
        text = text.replace(name, " ") if name else text
    return leftover_identifiers(text, truth.patient)


def split_of(sha256: str, validation_share: float = VALIDATION_SHARE) -> Split:
    """Validation when the hash's first 32 bits fall in the lowest `validation_share`: stable, by document."""
    return "validation" if int(sha256[:8], 16) < validation_share * 16**8 else "train"


def labelled_documents(directory: Path, source: Source) -> Iterator[Labelled]:
    """Result JSONs beside their documents (matched by sha256, else file name); a corpus's `NAME.truth.json`."""
    if source == "synthetic":
        for truth_path in sorted(directory.glob(f"*{TRUTH_SUFFIX}")):
            truth = BiometryResult.model_validate_json(truth_path.read_text(encoding="utf-8"))
            yield Labelled(directory / truth.source.filename, truth, source)
        return
    documents = [p for p in sorted(directory.rglob("*")) if p.is_file() and p.suffix != ".json"]
    by_name = {p.name: p for p in documents}
    by_hash = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in documents}
    for result_path in sorted(directory.rglob("*.json")):
        truth = BiometryResult.model_validate_json(result_path.read_text(encoding="utf-8"))
        path = by_hash.get(truth.document_id) or by_name.get(truth.source.filename)
        yield Labelled(path or result_path.with_suffix(".missing"), truth, source)


def build_dataset(out_dir: Path, labelled: Iterable[Labelled], weights: Mapping[str, float] = WEIGHTS) -> Datasheet:
    """Write `train.jsonl`, `validation.jsonl` and the datasheet (`datasheet.json`, `datasheet.md`) to `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    sheet, seen = Datasheet(weights=dict(weights)), set[str]()
    files = {split: (out_dir / f"{split}.jsonl").open("w", encoding="utf-8") for split in ("train", "validation")}
    try:
        for item in sorted(labelled, key=lambda item: PRIORITY.index(item.source)):
            outcome = _example_or_reason(item, weights[item.source], seen)
            if isinstance(outcome, str):
                sheet.skip(item.source, outcome)
                continue
            seen.add(outcome.id)
            files[outcome.split].write(json.dumps(asdict(outcome), ensure_ascii=False) + "\n")
            sheet.add(outcome, extraction_target(item.truth))
    finally:
        for handle in files.values():
            handle.close()
    sheet.write(out_dir)
    return sheet


def _example_or_reason(item: Labelled, weight: float, seen: set[str]) -> Example | str:
    """The example of one labelled document, or why it has none (an issue code or a skip reason)."""
    from biometry.extract import load_document

    reason = _skip_reason(item, seen)
    if reason is not None:
        return reason
    try:
        example = example_for(load_document(item.path.read_bytes(), item.path.name), item.truth, item.source, weight)
    except BiometryError as error:  # phi_unredactable, phi_leak, an unreadable file: never written
        return error.code
    return "duplicate_document" if example.id in seen else example


def _skip_reason(item: Labelled, seen: set[str]) -> str | None:
    if not item.path.is_file():
        return "no_source_document"
    if item.source == "accepted" and item.truth.status != "accepted":
        return "not_accepted"
    if item.truth.document_id in seen:
        return "duplicate_document"
    return None
