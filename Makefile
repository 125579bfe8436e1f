# One-command set-up: `make run` serves on 127.0.0.1:8080, `make test` runs every test.
# Everything the project needs is installed from here: Debian packages, the venv, the model files.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
SHARED_MODELS := $(abspath ../shared/models)
export VERIFY_MODEL_MIRROR ?= $(if $(wildcard $(SHARED_MODELS)/MODELS.md),$(SHARED_MODELS),)
DEBIAN_PACKAGES := fonts-noto-cjk fonts-dejavu-core chromium postgresql
APT_STAMP := $(VENV)/.apt-done

.PHONY: run test setup models debian lint bench clean

run: setup models
	$(PY) -m verify_service serve --host 127.0.0.1 --port 8080

test: setup models lint
	$(PY) -m pytest

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy verify_service/pipeline verify_service/runtime

setup: debian $(VENV)/.installed

# Fonts for the sample-document generator (CJK) and the reviewer page's overlays; Chromium for the browser
# tests (Playwright drives Debian's chromium: no browser is downloaded); PostgreSQL for the store tests, which
# start their own server in a temporary directory (no system service is used).
debian: $(APT_STAMP)
$(APT_STAMP): Makefile
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@mkdir -p $(VENV) && touch $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python requirements.txt requirements-nodeps.txt pyproject.toml
	$(PIP) install -q -r requirements.txt
	$(PIP) install -q --no-deps -r requirements-nodeps.txt
	# the repo itself, editable (compat mode puts the repo root on sys.path: bench, sample_docs and tests import)
	$(PIP) install -q --no-deps -e . --config-settings editable_mode=compat
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt requirements-ray.txt
	$(PIP) install -q -r requirements-dev.txt -r requirements-ray.txt
	touch $@

models: $(VENV)/.installed
	$(PY) -m verify_service models pull

bench: setup models
	$(PY) bench/eval_id_cards.py
	$(PY) bench/bench_id_card.py

clean:
	rm -rf $(VENV) models/files
