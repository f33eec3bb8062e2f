# Two commands from a fresh clone (only Python 3.11+ needed; 3.11 to 3.13 are tested):
#   make run    create .venv, install requirements.txt, start the app
#   make test   create .venv, install requirements-dev.txt, run every test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test bench clean

run: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.port $(PORT)

# Two workers that steal work: with plain `-n 2` the browser tests (a few seconds each,
# a minute or two for the tour's) piled up on one worker at the end while the other sat
# idle; a full run took 28 minutes where stealing takes 22 (2026-12-08, a slow machine).
test: $(VENV)/.dev
	$(PY) -m pytest -n 2 --dist worksteal $(PYTEST_ARGS)

bench: $(VENV)/.dev
	$(PY) benchmarks/run_all.py

# streamlit 1.67, numpy 2.4, scipy 1.17 and pandas 3.1 need Python 3.11+. A venv whose
# setup or install failed is removed, so a retry (perhaps with PYTHON=python3.12) starts
# clean instead of reusing a half-built .venv made by the wrong Python.
$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else \
		"Python 3.11+ is needed, $(PYTHON) is %d.%d: run make PYTHON=python3.12" % sys.version_info[:2])'
	$(PYTHON) -m venv $(VENV) && $(PY) -m pip install --quiet --upgrade pip \
		|| { rm -rf $(VENV); exit 1; }

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt || { rm -rf $(VENV); exit 1; }
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt || { rm -rf $(VENV); exit 1; }
	touch $(VENV)/.runtime $@

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis artifacts

# K app processes behind a loopback nginx with sticky sessions (deploy/local.py), on
# http://127.0.0.1:$(PORT); Ctrl+C stops them all. Needs nginx (Debian: apt-get install
# nginx). Docker Compose and Kubernetes: deploy/README.md.
K ?= 4
.PHONY: serve
serve: $(VENV)/.runtime
	$(PY) deploy/local.py --servers $(K) --port $(PORT)
