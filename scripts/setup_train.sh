#!/usr/bin/env bash
# Builds .venv-train for the fine-tuning pipeline (training/) and its opt-in CPU test: torch (CPU wheel), transformers,
# peft, safetensors, tokenizers, gguf, and llama.cpp's HF-to-GGUF converter taken from the pinned llama-cpp-python
# sdist (vendor/llama.cpp/convert_hf_to_gguf.py with its conversion/ and gguf-py/) into .venv-train/llama.cpp/.
# Quantising and serving need llama-cpp-python: the CPU test borrows .venv-llama (scripts/setup_llama.sh) instead of
# building it twice.
# Usage: scripts/setup_train.sh [python3.11]   then: .venv-train/bin/python -m pytest -m train tests/training -p no:cacheprovider
# VENV=/some/dir overrides where the venv goes. Re-running skips what is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

LLAMA_CPP_VERSION="0.3.36"  # the same pin as scripts/setup_llama.sh: converter and quantiser from one llama.cpp
TORCH_VERSION="2.13.0"
python="${1:-}"
if [ -z "$python" ]; then  # the CPU torch wheel on this machine is for CPython 3.11; else any python3
  for candidate in python3.11 python3.12 python3; do "$candidate" -c "" 2>/dev/null && python="$candidate" && break; done
fi
venv="${VENV:-.venv-train}"

[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
pip=("$venv/bin/python" -m pip install --quiet)
# This machine's pip config finds a CPU wheel of torch on disk (/opt/wheels); elsewhere pip takes PyPI's build.
"$venv/bin/python" -c "import torch" 2>/dev/null || "${pip[@]}" "torch==$TORCH_VERSION"
"${pip[@]}" "transformers>=4.45,<5" "peft>=0.13" safetensors tokenizers sentencepiece gguf numpy jsonschema pytest \
  reportlab  # reportlab: the test makes its synthetic corpus
"${pip[@]}" -e .
if [ ! -f "$venv/llama.cpp/VERSION" ] || [ "$(cat "$venv/llama.cpp/VERSION")" != "$LLAMA_CPP_VERSION" ]; then
  sdist="$(mktemp -d)"
  "$venv/bin/python" -m pip download --quiet --no-deps --no-binary :all: "llama-cpp-python==$LLAMA_CPP_VERSION" -d "$sdist"
  tar -xzf "$sdist"/llama_cpp_python-*.tar.gz -C "$sdist"
  rm -rf "$venv/llama.cpp" && mkdir -p "$venv/llama.cpp"
  source_dir="$(echo "$sdist"/llama_cpp_python-*/vendor/llama.cpp)"
  for part in convert_hf_to_gguf.py gguf-py conversion; do  # conversion/: the converter's model classes (newer trees)
    [ -e "$source_dir/$part" ] && cp -r "$source_dir/$part" "$venv/llama.cpp/"
  done
  echo "$LLAMA_CPP_VERSION" > "$venv/llama.cpp/VERSION"
  rm -rf "$sdist"
fi
"$venv/bin/python" -c 'import torch, transformers, peft; print("torch", torch.__version__, "transformers", transformers.__version__, "peft", peft.__version__, "ready")'
