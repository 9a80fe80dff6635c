# The two commands a newcomer needs: `make demo` and `make test`. Each sets up .venv first.
PYTHON ?= $(shell command -v python3.12 || command -v /root/.pyenv/versions/3.12.1/bin/python || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test test-slow test-llama check lint bench clean

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
	./scripts/check_static.sh

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/parse_speed.py

clean:
	rm -rf $(VENV) .venv-worker .venv-tools .venv-llama node_modules .pytest_cache .mypy_cache .ruff_cache
