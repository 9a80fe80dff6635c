"""Regenerate the bundled sample reports in samples/ (deterministic): one of each kind the demo shows.

Run: .venv/bin/python scripts/make_samples.py
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from biometry.synth.exports import dicom
from biometry.synth.exports.report import ExportCase, render_export
from biometry.synth.eyesuite import report as eyesuite
from biometry.synth.image import scan_like
from biometry.synth.iolmaster500 import report as iolmaster500
from biometry.synth.iolmaster700.report import Case, render
from biometry.synth.unknown import render_unknown

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
Sample = Callable[[], tuple[bytes, dict[str, Any] | None]]


def _dicom_iol_calculation() -> tuple[bytes, dict[str, Any] | None]:
    data = dicom.dicom_bytes(dicom.iol_calculation(dicom.EXAMPLE_STUDY))
    return data, dicom.study_truth(dicom.EXAMPLE_STUDY, data, "iolmaster700-iol-calculation.dcm")


def _scan() -> tuple[bytes, dict[str, Any] | None]:
    pdf, _ = render(Case(seed=41, language="en", decimal="point", layout="short"))
    return scan_like(pdf, seed=41, dpi=300), None  # truth differs in text_source/document_id: not scored


SAMPLES_BY_NAME: dict[str, Sample] = {
    "iolmaster700-en-short.pdf": lambda: render(Case(seed=21, language="en", decimal="point", layout="short")),
    "iolmaster700-de-13-pages.pdf": lambda: render(Case(seed=22, language="de", decimal="comma", layout="full13")),
    "iolmaster700-pt-single-eye.pdf": lambda: render(
        Case(seed=23, language="pt", decimal="comma", layout="single_eye_OS")
    ),
    "iolmaster700-scan.pdf": _scan,
    "iolmaster500.pdf": lambda: iolmaster500.render(next(iter(iolmaster500.cases(1, 28, 0.0)))),
    "eyesuite-printout.pdf": lambda: eyesuite.render(next(iter(eyesuite.cases(1, 29, 0.0)))),
    "iolmaster700-export.csv": lambda: render_export(ExportCase(seed=24, format="csv")),
    "eyesuite-export.xml": lambda: render_export(ExportCase(seed=25, format="xml", decimal="comma")),
    "iolmaster700-iol-calculation.dcm": _dicom_iol_calculation,  # DICOM IOL Calculation object (export path)
    "unknown-device.pdf": lambda: render_unknown(Case(seed=26)),
    "corrupt-truncated.pdf": lambda: (render(Case(seed=27))[0][:900], None),
}


def main() -> None:
    SAMPLES.mkdir(exist_ok=True)
    for name, make in SAMPLES_BY_NAME.items():
        data, truth = make()
        path = SAMPLES / name
        path.write_bytes(data)
        if truth is not None:
            truth_path = path.with_name(path.stem + ".truth.json")
            truth_path.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n")
        print(f"{path.relative_to(SAMPLES.parent)}  {len(data) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
