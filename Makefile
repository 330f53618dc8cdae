# Two commands do all the set-up on a fresh Debian machine with Python 3.11+ and Node.js:
#   make serve   build the site and serve it at http://127.0.0.1:8000/ (rebuilds on every edit)
#   make test    run every test: lint, engine, Markdown extension, site build and real browser
# Also: make test-fast (everything but the browser tests, for authors), make test-repeat RUNS=3 (the
# browser tests several times in a row, reporting any test that ever failed).
# They install what they need: Python packages in .venv, the npm packages (Pyodide, axe-core), and
# Debian's chromium when there is no Chromium at $(CHROMIUM).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export CHROMIUM

.PHONY: deps setup serve build archive gh-deploy test test-fast test-repeat lint benchmark clean

deps: $(VENV)/.installed node_modules/.installed
setup: deps $(CHROMIUM)

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(CHROMIUM):
	@echo "No Chromium at $(CHROMIUM): installing Debian's chromium package for the browser tests"
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y chromium

serve: deps
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

build: deps
	$(BIN)/mkdocs build

# The built site and a one-file server in one zip, for a laptop in a room without internet. Built
# without the memory snapshot: thirty phones share the room's wifi, and the snapshot doubles each download.
archive: deps
	QUIZ_SNAPSHOT=false $(BIN)/mkdocs build --site-dir build/room-site
	$(BIN)/python -m quiz_engine.serve build/room-site --pack course-site.zip

# Publish to the gh-pages branch instead of the Actions workflow (Pages source: "Deploy from a branch").
gh-deploy: deps
	$(BIN)/mkdocs gh-deploy --force

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Two workers: the browser tests one after another in one (they share a warm page), the rest in the other.
test: lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -m "not browser" -n 2

RUNS ?= 3
test-repeat: setup
	$(BIN)/python -m tests.repeat --runs $(RUNS)

benchmark: setup
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf site build .pytest_cache course-site.zip
