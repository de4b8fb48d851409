"""Full-text search: Pagefind indexes the built site, one index per language.

Once Pelican has written the whole site (`signals.finalized`), Pagefind's
extended build (the PyPI package `pagefind[extended]`, whose binary segments
Japanese into words) reads the written pages and puts its index and scripts in
`pagefind/` inside the output. It indexes only what the theme marks: the
`data-pagefind-body` of posts and pages, less their `data-pagefind-ignore`
parts (contents, share links, author box...), and keys one index on each
`<html lang>`. The search page (theme/templates/search.html, js/search.js)
loads it; no other page does.

Indexing is part of every build (`make html`, `make serve`, `make publish`):
the index is never out of date, and a failure of Pagefind is a problem of the
build, which then leaves the last good output in place.

Settings, in one dict:

    SEARCH = {
        "index": True,  # False: this build writes no index (see below)
    }

Pagefind is given only the pages that carry `data-pagefind-body` (a glob in
its configuration file): it would otherwise read and segment every listing
too, only to leave them out, which takes it about a tenth longer. It costs
about 1.3 s of processor time whatever the site's size (it loads its
Japanese dictionary). The preview's quick pass, which writes only
the saved posts' pages (site_common.quick_pass), writes no index: the full
build that follows it does. Another build that writes only part of the site
can turn indexing off with "index": False and index the whole output
afterwards with `index_output`.
"""

import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican import signals
from site_common.options import Rule, is_flag, read_options
from site_common.problems import Problem, report, report_and_stop
from site_common.quick_pass import is_quick_pass

logger = logging.getLogger(__name__)

__all__ = ["register"]

SETTING = "SEARCH"
DEFAULTS = {"index": True}
RULES = {"index": Rule(is_flag, "True or False")}

# Where the index and Pagefind's scripts go, inside the output folder.
BUNDLE_DIR = "pagefind"
# Stands where a file would, in the problem a failed indexing reports.
SEARCH_INDEX = "search index"
# Pagefind's list of the indexes, one per language (read by pagefind.js).
ENTRY_FILE = "pagefind-entry.json"
# What the theme puts on the part of a page Pagefind indexes (posts, pages).
BODY_MARK = b"data-pagefind-body"
# Pagefind reads its configuration from this file in the folder it runs in.
CONFIG_FILE = "pagefind.json"
# Characters a glob gives a meaning to: a page whose path has one is not
# named in the glob (the whole site is given to Pagefind instead).
GLOB_CHARACTERS = frozenset("{}[]*?,!\\")
# Pagefind also writes its ready-made interfaces; the search page has its own
# (js/search.js, on pagefind.js), so these are left out of the site. Their
# style sheets would break the site's policy too (data: images and fonts).
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


# -- pure functions -------------------------------------------------------------


def pagefind_command(output_path):
    """Pagefind's own command line (`python -m pagefind`), run on the output."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(output_path),
        "--output-subdir",
        BUNDLE_DIR,
        "--quiet",  # warnings and errors only
    ]


def pages_glob(pages):
    """Pagefind's `glob` naming exactly `pages` (paths relative to the output
    folder, with "/"), or None to let it read every page: when there is no
    page to name, or a path a glob would misread."""
    if not pages or any(GLOB_CHARACTERS & set(page) for page in pages):
        return None
    return "{" + ",".join(sorted(pages)) + "}"


def last_words(text, lines=3):
    """The last few lines Pagefind printed: where it says what went wrong."""
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    return " / ".join(kept[-lines:])


def indexing_problem(returncode, printed):
    """The problem a run of Pagefind that ended with `returncode` causes, or None."""
    if returncode == 0:
        return None
    return Problem(
        SEARCH_INDEX,
        "pagefind",
        "Pagefind could not index the site (exit status {status}): {said}. "
        "Is the pinned pagefind[extended] of requirements.txt installed "
        "(make venv)?",
        status=returncode,
        said=last_words(printed) or "-",
    )


def unused_files(bundle):
    """Pagefind's ready-made interfaces in the folder `bundle`, as written."""
    return [path for name in UNUSED_FILES if (path := Path(bundle) / name).is_file()]


def steady_entry(text):
    """Pagefind's list of indexes with its languages in one order: Pagefind
    lists them in any order, and the same site must build to the same bytes."""
    entry = json.loads(text)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


# -- indexing -------------------------------------------------------------------


def marked_pages(output_path):
    """The written HTML pages that carry the theme's `data-pagefind-body`,
    relative to `output_path`, with "/" (a listing quoting the words in a
    post's text is named too: Pagefind then finds no such element in it)."""
    pages = []
    for folder, _, names in os.walk(output_path):
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                with open(path, "rb") as page:
                    if BODY_MARK in page.read():
                        pages.append(os.path.relpath(path, output_path))
    return [page.replace(os.sep, "/") for page in pages]


def index_output(output_path):
    """Index the written site in `output_path`: [the problem] if Pagefind failed."""
    glob = pages_glob(marked_pages(output_path))
    # The glob names every page, longer than a command line may be: it goes
    # in a configuration file, in a folder of its own that Pagefind runs in.
    with tempfile.TemporaryDirectory() as folder:
        if glob:
            config = Path(folder) / CONFIG_FILE
            config.write_text(json.dumps({"glob": glob}), encoding="utf-8")
        result = subprocess.run(
            pagefind_command(Path(output_path).resolve()),
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
    problem = indexing_problem(result.returncode, result.stdout + result.stderr)
    if problem:
        return [problem]
    bundle = Path(output_path) / BUNDLE_DIR
    entry = bundle / ENTRY_FILE
    entry.write_text(steady_entry(entry.read_text(encoding="utf-8")), encoding="utf-8")
    for path in unused_files(bundle):
        path.unlink()
    return []


# -- signal handlers --------------------------------------------------------------


def check_settings(pelican):
    report_and_stop(read_options(pelican.settings, SETTING, DEFAULTS, RULES)[1], logger)


def index_site(pelican):
    """Index the site Pelican has just written, reporting a failure."""
    options, _ = read_options(pelican.settings, SETTING, DEFAULTS, RULES)
    if options["index"] and not is_quick_pass(pelican.settings):
        report(index_output(pelican.output_path), logger)


def register():
    signals.initialized.connect(check_settings)
    signals.finalized.connect(index_site)
