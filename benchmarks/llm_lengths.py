"""Realistic LLM job lengths: synthetic reports through the one prompt builder, their truths as schema JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from biometry.corpus_eval import corpus_files
from biometry.extract import load_document
from biometry.hosting.tokens import estimate_tokens
from biometry.llm.schema import field_names
from biometry.llm.tier import build_llm_request
from biometry.models import BiometryResult, Eye, IolCalculation
from biometry.parse import parse_bytes
from biometry.synth.corpus import make_corpus

# Printouts only: exports never reach the LLM; scans carry the same layout text as their printouts (and OCR is slow).
PRINTOUT_DEVICES = ("iolmaster700", "eyesuite", "iolmaster500", "unknown")


@dataclass(frozen=True, slots=True)
class Sample:
    """One document's LLM job: the redacted prompt and the answer the model should give."""

    name: str
    prompt: str
    answer: str

    @property
    def prompt_tokens(self) -> int:
        return estimate_tokens(self.prompt)

    @property
    def answer_tokens(self) -> int:
        return estimate_tokens(self.answer)

    def prompt_for(self, cut: bool) -> str:
        """The prompt; cut to its BPE token count in characters for a one-character-per-token model."""
        return self.prompt[: self.prompt_tokens] if cut else self.prompt


def corpus_samples(documents: int, seed: int, directory: Path) -> list[Sample]:
    """Write a small printout corpus and build each document's LLM job as the pipeline would."""
    make_corpus(directory, documents, seed=seed, image_share=0.0, devices=PRINTOUT_DEVICES)
    return [_sample(path) for path in corpus_files(directory)]


def _sample(path: Path) -> Sample:
    data = path.read_bytes()
    request = build_llm_request(load_document(data, path.name, ocr=False), parse_bytes(data, path.name, ocr=False))
    truth = BiometryResult.model_validate_json(path.with_name(path.stem + ".truth.json").read_text(encoding="utf-8"))
    return Sample(path.name, request.prompt, json.dumps(answer_of(truth), separators=(",", ":")))


def answer_of(truth: BiometryResult) -> dict[str, Any]:
    """The truth in the extraction schema's shape: what a perfect model answers."""
    device = truth.device
    return {
        "device_manufacturer": device.manufacturer if device else None,
        "device_model": device.model if device else None,
        "device_software_version": device.software_version if device else None,
        "exam_date": truth.exam_date,
        "OD": _eye(truth.eyes.OD),
        "OS": _eye(truth.eyes.OS),
        "iol_calculations": [_calculation(c) for c in truth.iol_calculations],
    }


def _eye(eye: Eye | None) -> dict[str, Any] | None:
    return None if eye is None else {name: getattr(eye, name) for name in field_names()}


def _calculation(calculation: IolCalculation) -> dict[str, Any]:
    answer = calculation.model_dump(mode="json")
    answer["constants"] = [{"name": k, "value": v} for k, v in calculation.constants.items()]
    return answer
