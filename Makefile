# The same commands locally and in CI. `make run` and `make test` set up everything they need.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export LANGSMITH_TEST_TRACKING := false
export CREWAI_DISABLE_TELEMETRY := true
export OTEL_SDK_DISABLED := true
export CREWAI_TRACING_ENABLED := false

.PHONY: install run test lint bench eval clean

# constraints.txt pins every transitive version, so pip resolves in seconds instead of backtracking for minutes.
$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/leadloom demo --if-empty
	$(BIN)/leadloom serve

test: install
	$(BIN)/ruff check leadloom tests benchmarks
	$(BIN)/lint-imports
	# the local model's classifier is trained once here, outside the tests' time limits (minutes when busy)
	$(PY) -m leadloom.agents.local.warm .leadloom-test/cache/local_model
	$(PY) -m pytest

lint: install
	$(BIN)/ruff check leadloom tests benchmarks
	$(BIN)/ruff format --check leadloom tests benchmarks || true
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: install
	$(PY) -m benchmarks.run_all

eval: install
	$(BIN)/leadloom eval

clean:
	rm -rf $(VENV) .leadloom-test .pytest_cache .ruff_cache
