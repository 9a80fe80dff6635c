#!/usr/bin/env bash
# The worker image's entry point. PARALLEL_SLOTS > 1 (the default, 8): llama-server on 127.0.0.1 decodes that many
# documents at once (continuous batching) and the handler takes as many jobs at once; PARALLEL_SLOTS=1: llama.cpp
# in-process, one job at a time. Either way no job is taken before the model is loaded.
set -euo pipefail
cd "$(dirname "$0")"
slots="${PARALLEL_SLOTS:-8}"
if [ "$slots" -gt 1 ]; then
  port="${LLAMA_SERVER_PORT:-8080}"
  llama-server --model "$MODEL_PATH" --alias "${MODEL_ID:-biometry}" --host 127.0.0.1 --port "$port" \
    --n-gpu-layers 999 --parallel "$slots" --ctx-size "$(( ${N_CTX:-16384} * slots ))" --cont-batching \
    --log-disable &
  for _ in $(seq 1 600); do  # up to 10 minutes to load the model
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    kill -0 $! 2>/dev/null || { echo "llama-server exited before it was ready" >&2; exit 1; }
    sleep 1
  done
  export LLAMA_SERVER_URL="http://127.0.0.1:$port/v1"
fi
exec python3.11 -u handler.py "$@"
