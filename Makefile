# Two commands from a fresh clone (only Python 3.10+ needed):
#   make run    create .venv, install requirements.txt, start the app
#   make test   create .venv, install requirements-dev.txt, run every test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test bench clean

run: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.dev
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

bench: $(VENV)/.dev
	$(PY) benchmarks/run_all.py

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10+ is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis artifacts

# K app processes behind a loopback nginx with sticky sessions (deploy/local.py), on
# http://127.0.0.1:$(PORT); Ctrl+C stops them all. Needs nginx (Debian: apt-get install
# nginx). Docker Compose and Kubernetes: deploy/README.md.
K ?= 2
.PHONY: serve
serve: $(VENV)/.runtime
	$(PY) deploy/local.py --servers $(K) --port $(PORT)
