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

.PHONY: help venv html serve system-packages test lint format messages clean newpost

help:
	@echo "make html       set up and build the site into $(OUTPUTDIR)/"
	@echo "make serve      preview on http://$(HOST):$(PORT) with drafts, reloading on save"
	@echo "make test       set up and run the whole test suite"
	@echo "make lint       check the code with ruff"
	@echo "make format     format the code with ruff"
	@echo "make messages   update the theme's translation catalogs"
	@echo "make clean      remove the build output"
	@echo "make newpost SLUG=my-topic [TITLE=...]   start a Japanese post (a draft)"
	@echo "make newpost SLUG=my-topic LANG=en       start its English translation"

# The virtual environment is rebuilt whenever the pinned requirements change.
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

venv: $(VENV)/.installed

html: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --delete-output-directory --fatal errors

# Drafts included and marked; the page reloads itself after each save.
serve: venv
	$(BIN)/python scripts/serve.py --host $(HOST) --port $(PORT) --output $(OUTPUTDIR) --settings $(CONFFILE)

system-packages:
	@bash scripts/ensure-system-packages.sh

test: venv system-packages
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
	$(BIN)/pybabel extract --mapping-file theme/babel.cfg --output-file theme/translations/messages.pot --no-location --omit-header theme
	$(BIN)/pybabel update --input-file theme/translations/messages.pot --output-dir theme/translations --domain messages --no-fuzzy-matching --omit-header

clean:
	rm -rf $(OUTPUTDIR) cache

# -- Author workflow ---------------------------------------------------------
# LANG is also the locale variable of every shell: only a LANG given on the
# make command line chooses the post's language. SLUG and TITLE reach the
# script through the environment, so any title survives the shell's quoting.
NEWPOST_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),ja)

newpost: venv
	@PYTHONUTF8=1 $(BIN)/python scripts/newpost.py --slug="$$SLUG" --lang="$(NEWPOST_LANG)" --title="$$TITLE"
