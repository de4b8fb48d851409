"""The site's build (scripts/build_site.py): whole, or nothing changes.

Each test builds the real content with the real settings, plus a small plugin
that misbehaves the way a later plugin or Pelican itself could.
"""

import hashlib
import shutil
import textwrap

import build_site as build_site_script
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


JAPANESE_POST = "Title: 朝の習慣\nDate: 2026-11-01 10:00\n\n本文です。\n"
ENGLISH_DRAFT = (
    "Title: Morning habits\nDate: 2026-11-01 10:00\nStatus: draft\n"
    "Translation: true\n\nText.\n"
)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "INFO: content/posts/x.en.md: not published yet: the translation is "
            "still a draft (Status: draft) while its original is published. Nothing "
            "to do until it is translated; then write Status: published",
        ),
        (
            None,  # the site's default: Japanese
            "INFO: content/posts/x.en.md: 翻訳はまだ下書き（Status: draft）なので、"
            "原文だけが公開されています。訳し終えるまで、することはありません"
            "（訳し終えたら Status: published にします）",
        ),
    ],
)
def test_an_english_draft_of_a_published_post_is_calm_news(make_site, lang, expected):
    site = make_site(
        {"posts/x.ja.md": JAPANESE_POST, "posts/x.en.md": ENGLISH_DRAFT},
        MESSAGES_LANG=lang,
    )
    assert site.returncode == 0, site.log
    lines = site.log.splitlines()
    assert expected in lines, site.log
    assert not [line for line in lines if "are translations" in line]


JAPANESE_DRAFT = (
    "Title: 朝の習慣\nDate: 2026-11-01 10:00\nStatus: draft\n\n本文です。\n"
)
ENGLISH_POST = (
    "Title: Morning habits\nDate: 2026-11-01 10:00\nTranslation: true\n\nText.\n"
)


def test_a_published_translation_of_a_draft_is_a_warning_that_says_so(make_site):
    # Pelican's same note, the other way round: the English is published alone.
    site = make_site(
        {"posts/x.ja.md": JAPANESE_DRAFT, "posts/x.en.md": ENGLISH_POST},
        MESSAGES_LANG="en",
    )
    assert site.returncode == 0, site.log
    assert (
        "WARNING: content/posts/x.en.md: published while its original is a draft: "
        "until the original is published, this translation is listed as a post of "
        "its own. Publish the original, or write Status: draft here too"
    ) in site.log.splitlines(), site.log
    assert "not published yet" not in site.log
    home = site.soup("en/").select_one(".post-list")
    assert "Morning habits" in home.get_text()  # as the warning says


def test_pelicans_done_line_is_shown_only_for_a_good_build(tmp_path, make_site):
    good = make_site({"posts/x.ja.md": JAPANESE_POST})
    assert good.returncode == 0, good.log
    assert any(line.startswith("Done: Processed ") for line in good.log.splitlines())
    probe = """
        def late(pelican):
            logger.error("content/posts/x.ja.md: found late")
        signals.finalized.connect(late, weak=False)
    """
    failed = make_site({}, with_about=False, **with_probe(tmp_path, probe))
    assert failed.returncode == 1
    assert "ERROR: content/posts/x.ja.md: found late" in failed.log.splitlines()
    assert "Done: Processed" not in failed.log, failed.log


def test_the_done_line_is_left_out_of_a_failed_builds_console_output():
    printed = "\x1b[1mDone: Processed \x1b[0m1 article\nother line\n"
    assert build_site_script.console_output(printed, failed=True) == "other line\n"
    assert build_site_script.console_output(printed, failed=False) == printed
