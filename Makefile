# Set-up and main commands. Each target builds .venv first when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lab lint lock clean browser bench

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

## run: the main job: every notebook of the plan on reports_raw/ -> figures/, build/html/
run: $(STAMP)
	$(BIN)/workbook run

## test: the whole test suite (installs Debian's chromium for the browser test when missing)
test: $(STAMP) browser
	$(BIN)/python -m pytest

## browser: headless Chromium from Debian's packages, driven by Playwright in tests/test_browser.py
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium (for tests/test_browser.py)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## lab: JupyterLab on notebooks/, localhost only (open the URL with the token from the log);
##      no news feed, update check or PyPI extension manager, so it makes no outside request;
##      as root (a container) with --allow-root, which JupyterLab otherwise refuses
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks --ServerApp.ip=127.0.0.1 \
		$$( [ "$$(id -u)" = 0 ] && echo --allow-root ) \
		--LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
		--LabApp.extension_manager=readonly

## bench: load_corpus on 10 to 5,000 synthetic reports against two floors (SIZES=10,100 for a quick run)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py $(if $(SIZES),--sizes $(SIZES))

## lint: ruff on the package and tests
lint: $(STAMP)
	$(BIN)/ruff check analysis tests

## lock: re-pin requirements.lock after changing dependencies in pyproject.toml
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e '.[dev,bench,test]'
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^country-report-workbook' > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf build .pytest_cache
