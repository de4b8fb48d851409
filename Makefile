# Life Integration Coaching Lab. — build, preview, test and publish the site.
# Every target sets up what it needs: a fresh clone only needs `make html`
# or `make test`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican

INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py

HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

.PHONY: help venv html serve system-packages test lint format messages clean translations translated node-modules lighthouse bench

help:
	@echo "make html       set up and build the site into $(OUTPUTDIR)/"
	@echo "make serve      preview on http://$(HOST):$(PORT), rebuilding on change"
	@echo "make test       set up and run the whole test suite"
	@echo "make lint       check the code with ruff"
	@echo "make format     format the code with ruff"
	@echo "make messages   update the theme's translation catalogs"
	@echo "make translations      list every post with its translation status"
	@echo "make translated SLUG=x mark the English translation of x up to date"
	@echo "make clean      remove the build output"
	@echo "make lighthouse audit the built site with Lighthouse (budget: 100s, 30 KiB)"
	@echo "make bench      time the full build against plain Pelican, warm against cold"

# The virtual environment is rebuilt whenever the pinned requirements change.
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

venv: $(VENV)/.installed

html: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --delete-output-directory --fatal errors

serve: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --autoreload --listen --bind $(HOST) --port $(PORT)

system-packages:
	@bash scripts/ensure-system-packages.sh

test: venv system-packages node-modules
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: venv
	$(BIN)/pybabel extract --mapping-file theme/babel.cfg --keyword translate_to:2 --output-file theme/translations/messages.pot --no-location --omit-header theme
	$(BIN)/pybabel update --input-file theme/translations/messages.pot --output-dir theme/translations --domain messages --no-fuzzy-matching --omit-header

clean:
	rm -rf $(OUTPUTDIR) cache

# Translations: which posts have an English version, and which are out of date.
translations: venv
	@$(BIN)/python scripts/translations.py report

translated: venv
	@test -n "$(SLUG)" || { echo "Usage: make translated SLUG=<slug>"; exit 2; }
	@$(BIN)/python scripts/translations.py mark "$(SLUG)"

# Quality checks and benchmarks. The Node tools (Nu HTML Checker, axe-core,
# Lighthouse) are pinned in package.json and package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

node-modules: node_modules/.installed

lighthouse: venv system-packages node-modules
	$(BIN)/python scripts/lighthouse.py

bench: venv
	$(BIN)/python scripts/bench.py
