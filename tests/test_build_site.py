"""The site's build (scripts/build_site.py): whole, or nothing changes.

Each test builds the real content with the real settings, plus a small plugin
that misbehaves the way a later plugin or Pelican itself could.
"""

import hashlib
import shutil
import textwrap

import pytest
from conftest import CONTENT, ROOT, build_site
from pelican.settings import read_settings

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))


def folder_digest(folder):
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).digest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def with_probe(tmp_path, body):
    """Settings that add a plugin `probe` whose register() body is `body`."""
    folder = tmp_path / "probe_plugins"
    folder.mkdir(exist_ok=True)
    (folder / "probe.py").write_text(
        "import logging\nfrom pelican import signals\n"
        "from site_common.problems import BuildStopped\n"
        "logger = logging.getLogger('probe')\n\n"
        "def register():\n" + textwrap.indent(textwrap.dedent(body), "    "),
        encoding="utf-8",
    )
    return {
        "PLUGIN_PATHS": [str(ROOT / "plugins"), str(folder)],
        "PLUGINS": [*SETTINGS["PLUGINS"], "probe"],
    }


@pytest.fixture
def last_good(tmp_path):
    """An output folder holding a good build, and its digest."""
    output = tmp_path / "output"
    site = build_site(CONTENT, output)
    assert site.returncode == 0, site.log
    return output, folder_digest(output)


def leftovers(output):
    """Folders a build left beside the output."""
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith("."))


def test_an_error_logged_after_the_pages_were_written_keeps_the_last_output(
    tmp_path, last_good
):
    output, before = last_good
    probe = """
        def late(pelican):
            logger.error("content/posts/x.ja.md: found late")
        signals.finalized.connect(late, weak=False)
    """
    site = build_site(CONTENT, output, **with_probe(tmp_path, probe))
    assert site.returncode == 1
    assert "ERROR: content/posts/x.ja.md: found late" in site.log.splitlines()
    assert "The site was not built: 1 problem to fix" in site.log
    assert folder_digest(output) == before
    assert leftovers(output) == []


def test_every_error_is_listed_before_the_build_fails(tmp_path, last_good):
    output, before = last_good
    probe = """
        def late(pelican):
            logger.error("content/a.ja.md: first")
            logger.error("content/b.ja.md: second")
        signals.finalized.connect(late, weak=False)
    """
    site = build_site(CONTENT, output, **with_probe(tmp_path, probe))
    lines = site.log.splitlines()
    assert site.returncode == 1
    assert "ERROR: content/a.ja.md: first" in lines
    assert "ERROR: content/b.ja.md: second" in lines
    assert "The site was not built: 2 problems to fix" in site.log
    assert folder_digest(output) == before


def test_a_crash_after_reported_problems_is_one_line_not_a_traceback(
    tmp_path, last_good
):
    output, before = last_good
    probe = """
        def stumble(generators):
            logger.error("content/posts/x.ja.md: Tags: something is wrong")
            raise KeyError("slug")
        signals.all_generators_finalized.connect(stumble, weak=False)
    """
    site = build_site(CONTENT, output, **with_probe(tmp_path, probe))
    assert site.returncode == 1
    assert "Traceback" not in site.log
    assert "the build stopped after the problems above (KeyError" in site.log
    assert folder_digest(output) == before


def test_build_stopped_ends_the_build_quietly(tmp_path, last_good):
    output, before = last_good
    probe = """
        def stop(generators):
            logger.error("content/posts/x.ja.md: cannot go on")
            raise BuildStopped(1)
        signals.all_generators_finalized.connect(stop, weak=False)
    """
    site = build_site(CONTENT, output, **with_probe(tmp_path, probe))
    assert site.returncode == 1
    assert "Traceback" not in site.log
    assert "stopped the build" not in site.log
    assert folder_digest(output) == before


def test_a_bug_with_no_problem_before_it_shows_its_traceback(tmp_path, last_good):
    output, before = last_good
    probe = """
        def bug(generators):
            raise ZeroDivisionError("a bug in the code")
        signals.all_generators_finalized.connect(bug, weak=False)
    """
    site = build_site(CONTENT, output, **with_probe(tmp_path, probe))
    assert site.returncode != 0
    assert "Traceback" in site.log
    assert "ZeroDivisionError: a bug in the code" in site.log
    assert folder_digest(output) == before
    assert leftovers(output) == []


def test_a_settings_file_that_cannot_be_read_is_named(tmp_path, last_good):
    output, before = last_good
    settings = tmp_path / "broken.py"
    settings.write_text('SITENAME = "unclosed\n', encoding="utf-8")
    site = build_site(CONTENT, output, settings_file=settings)
    assert site.returncode == 1
    assert "Traceback" not in site.log
    assert any(
        line.startswith("ERROR: settings: ") and "broken.py could not be read" in line
        for line in site.log.splitlines()
    ), site.log
    assert folder_digest(output) == before


def test_a_good_build_replaces_the_whole_output(last_good):
    output, _ = last_good
    stale = output / "posts" / "removed-long-ago" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", encoding="utf-8")
    site = build_site(CONTENT, output)
    assert site.returncode == 0, site.log
    assert not stale.exists()
    assert (output / "index.html").is_file()
    assert leftovers(output) == []


def test_a_file_a_reader_fails_on_is_named_with_the_reason(tmp_path, last_good):
    output, before = last_good
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "posts" / "odd.boom").write_text("x", encoding="utf-8")
    probe = """
        from pelican.readers import BaseReader
        class Boom(BaseReader):
            enabled = True
            file_extensions = ["boom"]
            def read(self, source_path):
                raise ValueError("line 3: the block is not closed")
        def add(readers):
            readers.reader_classes["boom"] = Boom
        signals.readers_init.connect(add, weak=False)
    """
    site = build_site(content, output, **with_probe(tmp_path, probe))
    assert site.returncode == 1
    assert (
        "ERROR: content/posts/odd.boom: line 3: the block is not closed"
        in site.log.splitlines()
    ), site.log
    assert "Traceback" not in site.log
    assert folder_digest(output) == before
