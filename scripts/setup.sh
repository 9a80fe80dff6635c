#!/usr/bin/env bash
# Installs everything this project needs on a fresh machine: system OCR, then .venv with the package.
set -euo pipefail
python="${1:-python3}"
cd "$(dirname "$0")/.."

# OCR: tesseract's library, headers, English, Latin-script (a patient's name, accents and all) and orientation models
# (tesserocr is built against them below), and its command line (the process-per-region baseline arm of
# benchmarks/ocr_speed.py).
if ! command -v tesseract >/dev/null || ! command -v pdftoppm >/dev/null || [ ! -d /usr/share/fonts/truetype/dejavu ] \
  || [ ! -d /usr/share/fonts/truetype/liberation2 ] \
  || [ ! -f /usr/include/tesseract/baseapi.h ] || ! command -v g++ >/dev/null || ! command -v pkg-config >/dev/null \
  || ! ls /usr/share/tesseract-ocr/*/tessdata/osd.traineddata >/dev/null 2>&1 \
  || ! ls /usr/share/tesseract-ocr/*/tessdata/Latin.traineddata >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-script-latn \
    libtesseract-dev \
    libleptonica-dev g++ pkg-config poppler-utils fonts-dejavu-core fonts-liberation2 >/dev/null
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# tesserocr from source against the system's tesseract, not its wheel (which bundles another tesseract version that
# reads some glyphs differently, e.g. drops the minus of a bold `-0.39`): in-process OCR reads exactly what the
# `tesseract` command reads (docs/performance.md).
.venv/bin/python -m pip install -q --no-binary tesserocr "tesserocr>=2.8"
.venv/bin/python -m pip install -q -e ".[dev]"
# The RunPod SDK lives only in the worker image; a separate venv lets the tests run the worker's local API server.
[ -x .venv-worker/bin/python ] || "$python" -m venv .venv-worker
.venv-worker/bin/python -m pip install -q -r gpu_worker/requirements-local.txt
