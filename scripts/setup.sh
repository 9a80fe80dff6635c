#!/usr/bin/env bash
# Installs everything this project needs on a fresh machine: system OCR, then .venv with the package.
set -euo pipefail
python="${1:-python3}"
cd "$(dirname "$0")/.."

if ! command -v tesseract >/dev/null || ! command -v pdftoppm >/dev/null || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-eng poppler-utils fonts-dejavu-core >/dev/null
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev]"
# The RunPod SDK lives only in the worker image; a separate venv lets the tests run the worker's local API server.
[ -x .venv-worker/bin/python ] || "$python" -m venv .venv-worker
.venv-worker/bin/python -m pip install -q -r gpu_worker/requirements-local.txt
