# The two commands a newcomer needs: `make demo` and `make test`. Each sets up .venv first.
# The Lambdas run python3.12: prefer it (pyenv's or the system's), else any python3 >= 3.11.
PYTHON ?= $(shell for p in /root/.pyenv/versions/3.12.*/bin/python python3.12 python3; do "$$p" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null && { command -v "$$p"; break; }; done)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test test-slow test-llama test-train train check lint bench bench-gpu clean

$(BIN)/biometry: pyproject.toml scripts/setup.sh
	./scripts/setup.sh "$(PYTHON)"
	touch $@

setup: $(BIN)/biometry

demo: setup
	$(BIN)/biometry demo

test: setup
	$(BIN)/pytest -q

test-slow: setup
	$(BIN)/pytest -q -m slow

test-llama: setup
	./scripts/setup_llama.sh "$(PYTHON)"
	.venv-llama/bin/python -m pytest -m llama tests/gpu_worker -p no:cacheprovider

# The fine-tuning chain on a tiny random Qwen2 (CPU, a few minutes): LoRA, merge, GGUF, q4_k_m, the worker answers.
test-train: setup
	./scripts/setup_llama.sh "$(PYTHON)"
	./scripts/setup_train.sh
	.venv-train/bin/python -m pytest -m train tests/training -p no:cacheprovider

# Fine-tune the LLM tier's model (training/README.md): make train DATA=out/train-data [BASE=Qwen/Qwen2.5-7B-Instruct]
# [ARGS=--smoke]; writes out/model/biometry-parser.q4_k_m.gguf and its MODEL_CARD.md.
DATA ?= out/train-data
BASE ?= Qwen/Qwen2.5-7B-Instruct
train:
	./scripts/setup_train.sh
	.venv-train/bin/python -m training.run --data $(DATA) --out out/model --base $(BASE) $(ARGS)

check: setup
	PYTHON="$(PYTHON)" ./scripts/check_static.sh

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/parse_speed.py

# CPU and wall seconds per OCR page and field accuracy per engine arm, on the real scans (docs/performance.md);
# OCR_CORPUS=DIR adds an image corpus (biometry corpus make DIR --image-share 1.0 ...).
bench-ocr: setup
	PYTHONPATH=. $(BIN)/python benchmarks/ocr_speed.py $(if $(OCR_CORPUS),--corpus $(OCR_CORPUS))

# Documents per hour of the LLM worker at several concurrencies (CPU: the tiny model; GPU: see docs/cost.md).
bench-gpu: setup
	./scripts/setup_llama.sh "$(PYTHON)"
	.venv-llama/bin/python benchmarks/gpu_throughput.py

clean:
	rm -rf $(VENV) .venv-worker .venv-tools .venv-llama .venv-train node_modules .pytest_cache .mypy_cache .ruff_cache
