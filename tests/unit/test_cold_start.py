"""A Lambda's cold start imports only what a text-layer document needs: the image stack loads on first use."""

from __future__ import annotations

import subprocess
import sys

# What the handlers import, plus what the parse step imports on its first call (benchmarks/parse_speed.py).
LAMBDA_IMPORTS = (
    "biometry.pipeline.steps, biometry.parse, biometry.extract, biometry.devices.registry, biometry.validate"
)
IMAGE_STACK = {"numpy", "PIL", "pypdfium2", "tesserocr", "pytesseract"}


def test_the_handlers_imports_load_no_image_library() -> None:
    code = f"import sys, {LAMBDA_IMPORTS}; print(sorted(set({sorted(IMAGE_STACK)!r}) & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", "numpy/Pillow at import cost a cold start ~130 ms: import them inside the function"
