#!/usr/bin/env bash
# Builds .venv-llama for the opt-in llama.cpp tests: llama-cpp-python (CPU build from source, 7-13 min on 2 cores) with
# its OpenAI-compatible server (`[server]` extra), gguf, pytest, and the project itself with its runtime deps (the
# end-to-end tests run `biometry parse --llm` against `python -m llama_cpp.server`).
# Usage: scripts/setup_llama.sh [python]    then: .venv-llama/bin/python -m pytest -m llama tests/gpu_worker -p no:cacheprovider
# VENV=/some/dir overrides where the venv goes. Re-running skips the build when the pinned llama-cpp-python is present.
set -euo pipefail
cd "$(dirname "$0")/.."

LLAMA_CPP_VERSION="0.3.36"
python="${1:-}"
if [ -z "$python" ]; then  # python3.12 when it really runs (a pyenv shim may exist and fail), else python3
  for candidate in python3.12 python3; do "$candidate" -c "" 2>/dev/null && python="$candidate" && break; done
fi
venv="${VENV:-.venv-llama}"

[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
pip=("$venv/bin/python" -m pip install --quiet)
installed="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("llama_cpp_python"))' 2>/dev/null || true)"
if [ "$installed" != "$LLAMA_CPP_VERSION" ]; then
  # GGML_NATIVE=OFF: portable CPU code, so a cached wheel also runs on another machine's CPU.
  CMAKE_ARGS="-DGGML_NATIVE=OFF" "${pip[@]}" "llama-cpp-python==$LLAMA_CPP_VERSION"
fi
"${pip[@]}" "llama-cpp-python[server]==$LLAMA_CPP_VERSION" gguf numpy pytest reportlab rich  # synth corpora, eval tables
"${pip[@]}" -e .
"$venv/bin/python" -c 'import llama_cpp, llama_cpp.server, gguf, biometry.cli; print("llama-cpp-python", llama_cpp.__version__, "ready")'
