"""Translation status: digests, `make translations` and `make translated`."""

import subprocess
import sys

import pytest
from bilingual.routes import Route, link_counterparts
from bilingual.translation_status import (
    source_digest,
    split_source,
    translation_state,
    with_digest,
)
from conftest import ROOT, build_site, write_content
from site_common.quick_pass import quick_pass_settings

ORIGINAL = "Title: 元の記事\nDate: 2024-01-01\n\n本文です。\n"


def test_digest_follows_title_and_body_but_not_other_metadata_or_trailing_space():
    digest = source_digest(ORIGINAL)
    assert len(digest) == 12
    assert source_digest(ORIGINAL.replace("2024-01-01", "2024-02-02")) == digest
    assert source_digest(ORIGINAL.replace("本文です。", "本文です。  ")) == digest
    assert source_digest(ORIGINAL.replace("\n", "\r\n")) == digest
    assert source_digest(ORIGINAL.replace("本文", "新しい本文")) != digest
    assert source_digest(ORIGINAL.replace("元の記事", "新しい題")) != digest


def test_translation_state():
    assert translation_state(ORIGINAL, source_digest(ORIGINAL)) == "ok"
    assert translation_state(ORIGINAL, "") == "unchecked"
    assert translation_state(ORIGINAL + "追記。\n", source_digest(ORIGINAL)) == (
        "outdated"
    )


def test_with_digest_adds_then_replaces_the_metadata_line():
    translation = "Title: English\nTranslation: true\n\nBody.\n"
    once = with_digest(translation, "aaaaaaaaaaaa")
    assert split_source(once)[0]["source_digest"] == "aaaaaaaaaaaa"
    assert split_source(once)[1].strip() == "Body."
    twice = with_digest(once, "bbbbbbbbbbbb")
    assert twice.count("Source_Digest") == 1
    assert split_source(twice)[0]["source_digest"] == "bbbbbbbbbbbb"


def run_script(content, *args):
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/translations.py"),
            "--content",
            content,
            *args,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def content(tmp_path):
    return write_content(
        tmp_path / "content",
        {
            "posts/both.ja.md": ORIGINAL,
            "posts/both.en.md": "Title: The original\nTranslation: true\n\nBody.\n",
            "posts/alone.ja.md": "Title: ひとり\n\n本文。\n",
        },
    )


def table(output):
    rows = [line.split() for line in output.splitlines()[2:]]
    return {row[0]: row[-1] for row in rows}


def test_report_then_mark_up_to_date_then_outdated_again(content):
    report = run_script(str(content), "report")
    # in the author's language, Japanese by default
    assert table(report.stdout) == {"posts/both": "未確認", "posts/alone": "翻訳なし"}

    marked = run_script(str(content), "mark", "both")
    assert marked.returncode == 0, marked.stderr
    assert table(run_script(str(content), "report").stdout)["posts/both"] == "最新"

    original = content / "posts/both.ja.md"
    original.write_text(ORIGINAL + "追記。\n", encoding="utf-8")
    assert table(run_script(str(content), "report").stdout)["posts/both"] == ("古い")


def test_mark_unknown_slug_says_so(content):
    result = run_script(str(content), "mark", "nope")
    assert result.returncode != 0
    assert "content/ にスラッグ「nope」の記事もページもありません。" in result.stderr


def test_mark_without_a_slug_asks_for_one(content):
    result = run_script(str(content), "mark", "")
    assert result.returncode == 1
    assert "make translated SLUG=<スラッグ>" in result.stderr


def test_mark_refuses_a_translation_still_the_stub(content):
    stub = content / "posts/both.en.md"
    stub.write_text(
        "Title: Title in English\nTranslation: true\nStatus: draft\n\n"
        "Write the English translation here.\n",
        encoding="utf-8",
    )
    before = stub.read_bytes()
    result = run_script(str(content), "mark", "both")
    assert result.returncode == 1
    assert "make newpost が書いた仮の文のままです（タイトル、本文）" in result.stderr
    assert "make translated SLUG=both" in result.stderr
    assert stub.read_bytes() == before


def test_mark_refuses_a_stub_with_only_its_body_left(content):
    stub = content / "posts/both.en.md"
    stub.write_text(
        "Title: The original\nTranslation: true\n\n"
        "Write the English translation here.\n",
        encoding="utf-8",
    )
    result = run_script(str(content), "mark", "both")
    assert result.returncode == 1
    assert "仮の文のままです（本文）" in result.stderr


def test_the_report_in_english_by_setting(content, tmp_path):
    settings = tmp_path / "english.py"
    settings.write_text("DEFAULT_LANG = 'ja'\nMESSAGES_LANG = 'en'\n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/translations.py"),
            "--content",
            str(content),
            "--settings",
            str(settings),
            "report",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:4] == ["slug", "Japanese", "English", "status"]
    assert table(result.stdout) == {"posts/both": "unchecked", "posts/alone": "missing"}


def test_real_content_translations_are_up_to_date():
    result = run_script(str(ROOT / "content"), "report")
    assert table(result.stdout) == {
        "pages/about": "最新",
        "pages/consultation": "最新",
        "posts/jinmyaku-zukuri": "最新",
    }


# -- routes ----------------------------------------------------------------------


def test_link_counterparts_pairs_exact_pages_and_falls_back_by_kind():
    routes = [
        Route("index.html", "", "ja", "index"),
        Route("en/index.html", "en/", "en", "index"),
        Route("tags/index.html", "tags/", "ja", "tags"),
        Route("en/tags/index.html", "en/tags/", "en", "tags"),
        Route("posts/a/index.html", "posts/a/", "ja", "post", "a"),
        Route("en/posts/a/index.html", "en/posts/a/", "en", "post", "a"),
        Route("posts/b/index.html", "posts/b/", "ja", "post", "b"),
        Route("tag/x/index.html", "tag/x/", "ja", "tag", "x"),
        Route("page/2/index.html", "page/2/", "ja", "index", "", 2),
    ]
    links = link_counterparts(routes, ("ja", "en"))
    assert links["posts/a/index.html"].alternates == {
        "ja": "posts/a/",
        "en": "en/posts/a/",
    }
    (missing,) = links["posts/b/index.html"].others
    assert (missing.url, missing.exact) == ("en/", False)
    (tag,) = links["tag/x/index.html"].others
    assert (tag.url, tag.exact) == ("en/tags/", False)
    (second,) = links["page/2/index.html"].others
    assert (second.url, second.exact) == ("en/", False)
    assert links["page/2/index.html"].alternates == {"ja": "page/2/"}


def test_a_quick_pass_marks_the_translations_it_writes(tmp_path):
    """A quick pass (site_common.quick_pass) works out the status of the
    translations whose pages it writes; a full build, of every one."""
    outdated = "Date: 2024-01-01\nTranslation: true\nSource_Digest: 000000000000\n"
    content = write_content(
        tmp_path / "content",
        {
            "posts/saved.ja.md": ORIGINAL,
            "posts/saved.en.md": f"Title: Saved\n{outdated}\nBody.\n",
            "posts/other.ja.md": ORIGINAL.replace("元の記事", "別の記事"),
            "posts/other.en.md": f"Title: Other\n{outdated}\nBody.\n",
        },
    )
    saved = content.resolve() / "posts/saved.en.md"
    quick = build_site(content, tmp_path / "quick", **quick_pass_settings([saved]))
    full = build_site(content, tmp_path / "full")
    assert quick.returncode == 0, quick.log
    assert full.returncode == 0, full.log

    def status(site, url):
        notice = site.soup(url).select_one(".translation-notice")
        return notice["data-translation-status"] if notice else None

    assert status(quick, "en/posts/saved/") == "outdated"
    # The pages of the others, written here by the ordinary writer, lack it.
    assert status(quick, "en/posts/other/") is None
    assert status(full, "en/posts/saved/") == status(full, "en/posts/other/")
    assert status(full, "en/posts/other/") == "outdated"
