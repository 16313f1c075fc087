# Set-up and main commands. Each target builds .venv first when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lab lint lock clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

## run: the main job on reports_raw/
run: $(STAMP)
	$(BIN)/workbook reports
	$(BIN)/workbook entries

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## lint: ruff on the package and tests
lint: $(STAMP)
	$(BIN)/ruff check analysis tests

## lock: re-pin requirements.lock after changing dependencies in pyproject.toml
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e '.[dev]'
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^country-report-workbook' > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf build .pytest_cache
