"""Shared fixtures: build real sites with the project's settings, theme and plugins."""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from admin.admin import link_bundle_into
from bs4 import BeautifulSoup
from build_site import build_command
from chromium import chromium as start_chromium
from site_common.quick_pass import quick_pass_settings
from static_server import QuietHandler, serve  # noqa: F401 - shared with the tests

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@dataclass
class Site:
    """A built site: its output folder and the build's exit status and log."""

    output: Path
    returncode: int
    log: str

    def path(self, url):
        """The file a site-relative URL (`posts/x/`, `en/`) is served from."""
        target = self.output / url.lstrip("/")
        return target / "index.html" if url.endswith("/") or not url else target

    def soup(self, url):
        return BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "lxml")

    def pages(self):
        """The site's pages; not /admin/, the CMS's page (tests/test_admin*.py)."""
        admin = self.output / "admin"
        return sorted(p for p in self.output.rglob("*.html") if admin not in p.parents)


def build_site(content, output, settings_file="pelicanconf.py", **settings):
    """Build `content` as `make html` does, with settings overridden.

    The messages are in English unless a test asks for another language
    (MESSAGES_LANG=None: the site's default, Japanese): the tests read them.
    """
    settings = {"MESSAGES_LANG": "en", **settings}
    command = build_command(content, output, ROOT / settings_file, settings)
    # A wide console keeps each log message on one line.
    env = {**os.environ, "COLUMNS": "1000"}
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False, env=env
    )
    return Site(Path(output), result.returncode, result.stdout + result.stderr)


def write_content(folder, files):
    """Write {relative path: text} into a content folder and return it."""
    for relative, text in files.items():
        target = Path(folder) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return Path(folder)


# The two posts of quick_pass_and_full_build, as the build's messages name them.
SAVED_POST = "content/posts/saved.ja.md"
OTHER_POST = "content/posts/other.ja.md"


def quick_pass_and_full_build(tmp_path, text, words):
    """Two posts with the same `text`, built as a preview's quick pass that
    writes only the first (site_common.quick_pass) and as a full build: for
    each build, its exit status and the files its ERROR lines with `words`
    name."""
    content = write_content(
        tmp_path / "content", {"posts/saved.ja.md": text, "posts/other.ja.md": text}
    )
    saved = content.resolve() / "posts/saved.ja.md"
    quick = build_site(content, tmp_path / "quick", **quick_pass_settings([saved]))
    full = build_site(content, tmp_path / "full")
    return [
        (
            site.returncode,
            [
                line.split(":")[1].strip()
                for line in site.log.splitlines()
                if line.startswith("ERROR:") and words in line
            ],
        )
        for site in (quick, full)
    ]


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The site built from the real content, as `make html` builds it."""
    site = build_site(CONTENT, tmp_path_factory.mktemp("real") / "output")
    assert site.returncode == 0, site.log
    return site


@pytest.fixture
def make_site(tmp_path):
    """Build a small site from {path: text}, starting from the real About pages."""

    def make(files, with_about=True, **settings):
        content = tmp_path / "content"
        if with_about:
            shutil.copytree(CONTENT / "pages", content / "pages")
        write_content(content, files)
        return build_site(content, tmp_path / "output", **settings)

    return make


# -- serving a built site and driving headless Chromium ------------------------


def chromium(javascript=True, languages="ja", window_size="1280,900"):
    """A real headless Chromium, driven through Debian's chromedriver."""
    return start_chromium(
        languages, window_size, javascript, extra_flags=("--disable-gpu",)
    )


# Run first in every document: the page's Content-Security-Policy violations,
# read back with `return window.cspViolations;`.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    event.effectiveDirective + " blocked " + (event.blockedURI || "inline")
  );
});
"""


def chromium_recording_violations():
    """A headless Chromium that records each page's policy violations."""
    driver = chromium()
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS}
    )
    return driver


@pytest.fixture
def browser():
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture
def project_copy(tmp_path):
    """A copy of the project, without its venv, Node tools and build output, to
    run make in.

    Run make in it with `VENV=` the running environment (see `run_make`).
    """
    copy = tmp_path / "project"
    leave_out = shutil.ignore_patterns(
        ".venv",
        "node_modules",
        "output",
        ".git",
        "cache",
        "__pycache__",
        ".*_cache",
        ".output-*",
        "*.egg-info",
    )
    shutil.copytree(ROOT, copy, ignore=leave_out)
    link_bundle_into(copy)  # every build writes /admin/ with the CMS
    return copy


def run_make(project, *arguments, environment=None):
    """Run make in a project copy with the test run's own virtual environment,
    taken as it is (`--assume-old`): a copy never reinstalls the plugins into
    it, which would leave it pointing into the copy's temporary folder."""
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(project),
            f"--assume-old={sys.prefix}/.installed",
            f"--assume-old={sys.prefix}/.installed-dev",
            *arguments,
            f"VENV={sys.prefix}",
        ],
        env={**os.environ, **(environment or {})},
        capture_output=True,
        text=True,
        check=False,
    )
