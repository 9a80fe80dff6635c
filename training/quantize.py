"""GGUF quantisation with llama.cpp's quantiser through llama-cpp-python; run as
`python -m training.quantize IN.gguf OUT.gguf [q4_k_m]` by an interpreter that has llama-cpp-python."""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path

FTYPES = {
    "q4_k_m": "LLAMA_FTYPE_MOSTLY_Q4_K_M",
    "q5_k_m": "LLAMA_FTYPE_MOSTLY_Q5_K_M",
    "q8_0": "LLAMA_FTYPE_MOSTLY_Q8_0",
}


def quantize(source: Path, target: Path, kind: str = "q4_k_m") -> Path:
    """Write `source` quantised to `kind` at `target`; raise when llama.cpp reports a failure."""
    import llama_cpp

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, FTYPES[kind])
    status = llama_cpp.llama_model_quantize(str(source).encode(), str(target).encode(), ctypes.byref(params))
    if status != 0 or not target.is_file():
        raise RuntimeError(f"llama.cpp could not quantise {source} to {kind} (status {status})")
    return target


if __name__ == "__main__":
    quantize(Path(sys.argv[1]), Path(sys.argv[2]), *sys.argv[3:4])
