# Life Integration Coaching Lab. — build, preview, test and publish the site.
# Every target sets up what it needs: a fresh clone only needs `make html`
# or `make test`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py

# A build succeeds whole or leaves $(OUTPUTDIR)/ as it was, and prints every
# problem on one plain line (scripts/build_site.py).
BUILD := $(BIN)/python scripts/build_site.py

HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

.PHONY: help venv dev-venv html serve cms build-packages system-packages test lint \
	format messages clean \
	translations translated messages-doc publish github rsync_upload newpost node-modules \
	lighthouse bench bench-preview screenshots

help:
	@echo "make html       set up and build the site into $(OUTPUTDIR)/"
	@echo "make serve      preview on http://$(HOST):$(PORT) with drafts, reloading on save"
	@echo "make test       set up and run the whole test suite"
	@echo "make lint       check the code with ruff"
	@echo "make format     format the code with ruff"
	@echo "make messages   update the theme's translation catalogs"
	@echo "make translations      list every post with its translation status"
	@echo "make translated SLUG=x mark the English translation of x up to date"
	@echo "make messages-doc      rewrite the guides' lists of messages from the catalog"
	@echo "make clean      remove the build output"
	@echo "make lighthouse audit the built site with Lighthouse (budget: 100s, 30 KiB)"
	@echo "make bench      time the full build against plain Pelican, warm against cold"
	@echo "make bench-preview  time the preview from a save to the new page"
	@echo "make screenshots  photograph the main pages at 390 and 1280 px, light and dark, into screenshots/"
	@echo "make publish    build the production site into $(OUTPUTDIR)/ (SITEURL=https://...)"
	@echo "make github     publish, then push $(OUTPUTDIR)/ to the $(GITHUB_PAGES_BRANCH) branch of $(GITHUB_REMOTE)"
	@echo "make rsync_upload  publish, then copy $(OUTPUTDIR)/ to SSH_USER@SSH_HOST:SSH_TARGET_DIR"

	@echo "make og-image   redraw the default share image from scripts/og-default.html"
	@echo "make newpost SLUG=my-topic [TITLE=...]   start a Japanese post (a draft)"
	@echo "make newpost SLUG=my-topic LANG=en       start its English translation"
	@echo "make cms       the preview, with the CMS at /admin/ writing into content/"

# The virtual environment is rebuilt whenever the pinned requirements change.
# The plugins are installed in it in editable mode (pyproject.toml), so scripts
# and tests import them by name. `make html` needs only the site's packages;
# `make test` adds the test tools.
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

dev-venv: venv $(VENV)/.installed-dev

html: venv build-packages node-modules
	$(BUILD) $(INPUTDIR) --output $(OUTPUTDIR) --settings $(CONFFILE)

# Drafts included and marked; the page reloads itself after each save.
serve: venv build-packages node-modules
	$(BIN)/python scripts/serve.py --host $(HOST) --port $(PORT) --output $(OUTPUTDIR) --settings $(CONFFILE)

# The build's own (the share cards' font), then the tests' (the browser...).
build-packages:
	@bash scripts/ensure-system-packages.sh build

system-packages:
	@bash scripts/ensure-system-packages.sh

test: dev-venv system-packages node-modules
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: dev-venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: dev-venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: venv
	$(BIN)/pybabel extract --mapping-file theme/babel.cfg --keyword translate_to:2 --output-file theme/translations/messages.pot --no-location --no-wrap --sort-output theme
	$(BIN)/pybabel update --input-file theme/translations/messages.pot --output-dir theme/translations --domain messages --no-fuzzy-matching --no-wrap --ignore-pot-creation-date

clean:
	rm -rf $(OUTPUTDIR) cache

# Translations: which posts have an English version, and which are out of date.
messages-doc: venv
	$(BIN)/python scripts/messages_doc.py --write

translations: venv
	@$(BIN)/python scripts/translations.py report

translated: venv
	@$(BIN)/python scripts/translations.py mark "$(SLUG)"

# -- Publishing ---------------------------------------------------------------
# publishconf.py reads the site's address and custom domain from the
# environment: `make publish SITEURL=https://blog.example.com CUSTOM_DOMAIN=...`.
export SITEURL CUSTOM_DOMAIN

# `make github`: the published site becomes one commit on a branch of a remote
# (a name such as origin, or a path or URL), as GitHub Pages' "deploy from a
# branch" and many other hosts expect.
GITHUB_REMOTE ?= origin
GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_PAGES_COMMIT_MESSAGE ?= Publish the site

# `make rsync_upload`: the published site is mirrored to a folder on a server.
SSH_HOST ?=
SSH_PORT ?= 22
SSH_USER ?=
SSH_TARGET_DIR ?=

ifneq ($(filter rsync_upload,$(MAKECMDGOALS)),)
missing_ssh_settings := $(strip $(foreach setting,SSH_HOST SSH_USER SSH_TARGET_DIR,$(if $($(setting)),,$(setting))))
ifneq ($(missing_ssh_settings),)
$(error make rsync_upload needs $(missing_ssh_settings): e.g. make rsync_upload SSH_HOST=example.com SSH_USER=deploy SSH_TARGET_DIR=/var/www/lab)
endif
endif

publish: venv build-packages node-modules
	$(BUILD) $(INPUTDIR) --output $(OUTPUTDIR) --settings $(PUBLISHCONF)

github: publish
	$(BIN)/ghp-import --no-jekyll --push --remote "$(GITHUB_REMOTE)" --branch "$(GITHUB_PAGES_BRANCH)" --message "$(GITHUB_PAGES_COMMIT_MESSAGE)" "$(OUTPUTDIR)"

# No --cvs-exclude: it would leave out the site's tags/ folder.
rsync_upload: publish
	rsync -e "ssh -p $(SSH_PORT)" -rvzc --delete "$(OUTPUTDIR)"/ "$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)"

# The image shown when a page without its own image is shared on X, Facebook, LINE...
.PHONY: og-image
og-image: system-packages
	bash scripts/make-og-image.sh

# -- Author workflow ---------------------------------------------------------
# LANG is also the locale variable of every shell: only a LANG given on the
# make command line chooses the post's language. SLUG and TITLE reach the
# script through the environment, so any title survives the shell's quoting.
NEWPOST_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),ja)

newpost: venv
	@PYTHONUTF8=1 $(BIN)/python scripts/newpost.py --slug="$$SLUG" --lang="$(NEWPOST_LANG)" --title="$$TITLE"

# The CMS of /admin/ (decap-cms, which every build copies into the site) and
# the Node tools of the checks (Nu HTML Checker, axe-core, Lighthouse,
# decap-server) are pinned in package.json and package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

node-modules: node_modules/.installed

lighthouse: venv system-packages node-modules
	$(BIN)/python scripts/lighthouse.py

# Home, a post, About, the consultation page and a tag page in each language,
# at 390 and 1280 px, light and dark, into screenshots/ (not committed).
screenshots: dev-venv system-packages
	$(BIN)/python scripts/screenshots.py

bench: venv build-packages node-modules
	$(BIN)/python scripts/bench.py

# How long the preview takes from a save to the new page (POSTS=300: the corpus).
bench-preview: venv node-modules
	$(BIN)/python scripts/bench_preview.py $(if $(POSTS),--posts $(POSTS))

# The preview, with the CMS at http://$(HOST):$(PORT)/admin/ editing content/
# through decap-server (its local backend, on port 8081 as ADMIN says), which
# stops with the preview.
cms: venv build-packages node-modules
	PORT=8081 node_modules/.bin/decap-server & server=$$!; trap "kill $$server" EXIT; \
	$(BIN)/python scripts/serve.py --host $(HOST) --port $(PORT) --output $(OUTPUTDIR) --settings $(CONFFILE)
