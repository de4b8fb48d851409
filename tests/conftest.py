"""Shared fixtures: build real sites with the project's settings, theme and plugins."""

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

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
        return sorted(self.output.rglob("*.html"))


def build_site(content, output, settings_file="pelicanconf.py", **settings):
    """Run the real `pelican` command on `content`, with settings overridden."""
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "--output",
        str(output),
        "--settings",
        str(ROOT / settings_file),
        "--delete-output-directory",
        "--fatal",
        "errors",
    ]
    if settings:
        # One --extra-settings for all: Pelican keeps only the last one given.
        overrides = [f"{key}={json.dumps(value)}" for key, value in settings.items()]
        command += ["--extra-settings", *overrides]
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    return Site(Path(output), result.returncode, result.stdout + result.stderr)


def write_content(folder, files):
    """Write {relative path: text} into a content folder and return it."""
    for relative, text in files.items():
        target = Path(folder) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return Path(folder)


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
