# The two commands a newcomer needs: `make demo` and `make test`. Each sets up .venv first.
# The Lambdas run python3.12: prefer it (pyenv's or the system's), else any python3 >= 3.11.
PYTHON ?= $(shell for p in /root/.pyenv/versions/3.12.*/bin/python python3.12 python3; do "$$p" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null && { command -v "$$p"; break; }; done)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test test-slow test-llama check lint bench bench-gpu clean

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

check: setup
	PYTHON="$(PYTHON)" ./scripts/check_static.sh

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/parse_speed.py

# Documents per hour of the LLM worker at several concurrencies (CPU: the tiny model; GPU: see docs/cost.md).
bench-gpu: setup
	./scripts/setup_llama.sh "$(PYTHON)"
	.venv-llama/bin/python benchmarks/gpu_throughput.py

clean:
	rm -rf $(VENV) .venv-worker .venv-tools .venv-llama node_modules .pytest_cache .mypy_cache .ruff_cache
