# Two commands do all set-up: `make run` starts the program, `make test` runs the tests.
# Both create and fill .venv on first use (only Python 3.11+ is needed).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# pytest-xdist workers for `make test` (`make test WORKERS=0` runs the tests in one process)
WORKERS ?= auto

.PHONY: run test lint demo bench build pot clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/mipg-desktop

test: $(STAMP)
	$(BIN)/ruff check mipg_desktop ui tests benchmarks
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -n $(WORKERS)

demo: $(STAMP)
	$(BIN)/mipg demo

bench: $(STAMP)
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

build: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[build]'
	$(BIN)/pyinstaller --noconfirm build.spec

pot: $(STAMP)
	$(BIN)/pybabel -q extract --no-location -k _ -k ngettext:1,2 -o resources/translations/mipg.pot mipg_desktop ui

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
