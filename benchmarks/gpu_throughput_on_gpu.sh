#!/usr/bin/env bash
# The one command for the GPU figures in docs/cost.md: on a CUDA machine, build llama-server from the llama.cpp that
# llama-cpp-python 0.3.36 vendors (as gpu_worker/Dockerfile does), then measure a random q4 model of Qwen2.5-7B's size
# (the fine-tune's base) at several concurrencies. Needs: nvcc + cmake + a C++ compiler, and .venv-llama (scripts/setup_llama.sh).
# Usage: benchmarks/gpu_throughput_on_gpu.sh [more gpu_throughput.py arguments]   (~10 min build, ~5 min run)
# 16 slots x 16k tokens of KV cache is ~15 GB for Qwen2.5-7B (4 KV heads): 32 slots fit a 48 GB GPU (--concurrency ...).
set -euo pipefail
cd "$(dirname "$0")/.."
server="${LLAMA_SERVER:-.venv-llama/bin/llama-server}"
if [ ! -x "$server" ]; then
  work="$(mktemp -d)"
  .venv-llama/bin/python -m pip download --quiet --no-deps --no-binary :all: -d "$work" "llama-cpp-python==0.3.36"
  tar -xzf "$work"/llama_cpp_python-*.tar.gz -C "$work" --strip-components=1
  cmake -S "$work/vendor/llama.cpp" -B "$work/build" -DGGML_CUDA=ON -DBUILD_SHARED_LIBS=OFF -DLLAMA_OPENSSL=OFF \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_USE_PREBUILT_UI=OFF >/dev/null
  cmake --build "$work/build" --target llama-server -j"$(nproc)"
  cp "$work/build/bin/llama-server" "$server"
fi
exec .venv-llama/bin/python benchmarks/gpu_throughput.py --make-model qwen2.5-7b --server llama-server \
  --llama-server "$server" --documents 60 --seed 7 --concurrency 1,4,8,16 --json gpu_throughput.json "$@"
