"""The preview's builder (scripts/preview_builder.py): each build in a fork,
and the quick pass that puts the saved page in place first."""

import functools
import io
import json
import os
import shutil
import time

import preview_builder as builder
import preview_cache
from bs4 import BeautifulSoup
from conftest import CONTENT, ROOT, build_site
from pelican import signals
from pelican.settings import read_settings
from site_common.quick_pass import quick_pass_settings, writes_pages_of

SETTINGS = ROOT / "pelicanconf.py"
POST = "posts/jinmyaku-zukuri.ja.md"
PAGE = "posts/jinmyaku-zukuri/index.html"


def files(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def preview_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    overrides = {"PREVIEW_DRAFTS": True, **builder.cache_settings(tmp_path)}
    return content, tmp_path / "output", overrides


def full_build_in_child(content, output, overrides, stop=None):
    """A full build of the preview's, in a forked child, as the builder makes it."""
    return builder.in_child(
        functools.partial(
            builder.full_build, content, output, SETTINGS, overrides, stop
        )
    )


def save_with(content, words):
    post = content / POST
    post.write_text(post.read_text(encoding="utf-8") + f"\n{words}\n", "utf-8")
    return str(post)


def test_the_quick_pass_puts_only_the_saved_page_in_place(tmp_path):
    content, output, overrides = preview_site(tmp_path)
    first = full_build_in_child(content, output, overrides)
    assert first["problems"] == 0
    before = files(output)

    saved = save_with(content, "保存した一文。")
    quick = builder.in_child(
        functools.partial(
            builder.quick_build, content, output, SETTINGS, overrides, [saved]
        )
    )
    assert quick == {"pages": ["/posts/jinmyaku-zukuri/", f"/{PAGE}"]}
    after = files(output)
    assert [name for name in after if after[name] != before.get(name)] == [PAGE]
    assert "保存した一文。" in after[PAGE].decode("utf-8")


def one_after_another(requests, answers):
    """The request lines, each given only once the one before was answered."""
    for number, request in enumerate(requests):
        while answers.getvalue().count('"pass": "full"') < number:
            time.sleep(0.05)
        yield f"{request}\n"


def test_a_quick_pass_comes_first_only_once_builds_are_slow(tmp_path):
    content, output, _ = preview_site(tmp_path)
    saved = save_with(content, "一文。")
    request = json.dumps({"overrides": {"PREVIEW_DRAFTS": True}, "changed": [saved]})

    def passes(quick_pass_after):
        answers = io.StringIO()
        builder.serve_requests(
            content.resolve(),
            output,
            SETTINGS,
            tmp_path,
            one_after_another([request, request], answers),
            answers,
            quick_pass_after,
        )
        return [json.loads(line)["pass"] for line in answers.getvalue().splitlines()]

    # The first save has no build time to go by; later ones do.
    assert passes(quick_pass_after=0) == ["full", "quick", "full"]
    assert passes(quick_pass_after=60) == ["full", "full"]


def test_a_newer_save_supersedes_the_build_under_way(tmp_path):
    content, output, _ = preview_site(tmp_path)
    first = json.dumps({"overrides": {"PREVIEW_DRAFTS": True}, "changed": []})
    saved = save_with(content, "後から保存した一文。")
    newer = json.dumps({"overrides": {"PREVIEW_DRAFTS": True}, "changed": [saved]})
    answers = io.StringIO()

    def requests():
        yield f"{first}\n"
        yield f"{newer}\n"  # at once: while the first build runs
        while answers.getvalue().count('"pass": "full"') < 2:
            time.sleep(0.05)  # the requests end only after both were answered

    builder.serve_requests(
        content.resolve(), output, SETTINGS, tmp_path, requests(), answers
    )
    said = [json.loads(line) for line in answers.getvalue().splitlines()]
    assert said[0] == {"pass": "full", "superseded": True}
    assert [(answer["pass"], answer.get("problems")) for answer in said[1:]] == [
        ("full", 0)
    ]
    assert "後から保存した一文。" in (output / PAGE).read_text(encoding="utf-8")


def test_a_stopped_full_build_leaves_the_output_as_it_was(tmp_path):
    content, output, overrides = preview_site(tmp_path)
    built = full_build_in_child(content, output, overrides)
    assert built["problems"] == 0
    before = files(output)
    save_with(content, "止められた一文。")
    stop_reading, stop_writing = os.pipe()
    os.write(stop_writing, b"stop")  # told before its first page
    stopped = full_build_in_child(content, output, overrides, stop_reading)
    assert stopped == {"superseded": True}
    assert files(output) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "cache",
        "content",
        "output",
    ]  # no staging folder left behind
    again = full_build_in_child(content, output, overrides)
    assert again["problems"] == 0
    assert "止められた一文。" in (output / PAGE).read_text(encoding="utf-8")


def told_once_every_page_is_written(stop_writing, work):
    """`work()`, with the pipe `stop_writing` written once Pelican has written
    every page (`finalized`): a newer save while the images and the index are
    made."""

    def newer_save(pelican):
        os.write(stop_writing, b"stop")

    signals.finalized.connect(newer_save)
    return work()


def test_a_full_build_stops_at_once_after_its_last_page(tmp_path):
    content, output, overrides = preview_site(tmp_path)
    built = full_build_in_child(content, output, overrides)
    assert built["problems"] == 0
    before = files(output)
    save_with(content, "索引の前に止められた一文。")
    stop_reading, stop_writing = os.pipe()
    work = functools.partial(
        builder.full_build, content, output, SETTINGS, overrides, stop_reading
    )
    stopped = builder.in_child(
        functools.partial(told_once_every_page_is_written, stop_writing, work)
    )
    assert stopped == {"superseded": True}
    assert files(output) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "cache",
        "content",
        "output",
    ]  # no staging folder left behind


def test_the_quick_pass_page_is_the_full_build_page(tmp_path):
    """What the plugins skip in a quick pass is never shown on the pages it
    writes: the full build that follows writes the same page, byte for byte
    (the preview does not reload it again)."""
    content, output, overrides = preview_site(tmp_path)
    post = content / POST
    # A second post on the same topics: the saved one has related posts and
    # a neighbour, drawn from a post the quick pass does not write.
    text = post.read_text(encoding="utf-8")
    (content / "posts/second.ja.md").write_text(
        text.replace("Title: ", "Title: 二つ目の", 1).replace(
            "Date: 2018-09-01", "Date: 2019-09-01", 1
        ),
        encoding="utf-8",
    )
    first = full_build_in_child(content, output, overrides)
    assert first["problems"] == 0
    post.write_text(
        text.replace("Title: ", "Title: 新しい", 1) + "\n## 新しい節\n\n本文。\n",
        encoding="utf-8",
    )
    quick = builder.in_child(
        functools.partial(
            builder.quick_build, content, output, SETTINGS, overrides, [str(post)]
        )
    )
    assert quick["pages"]
    quick_page = (output / PAGE).read_bytes()
    full = full_build_in_child(content, output, overrides)
    assert full["problems"] == 0
    assert quick_page == (output / PAGE).read_bytes()
    soup = BeautifulSoup(quick_page, "lxml")
    assert soup.select_one("h1").get_text(strip=True).startswith("新しい")
    assert soup.select_one(".related a[href*=second]") is not None
    assert soup.select_one(".share__link--facebook") is not None
    card = soup.select_one('meta[property="og:image"]')["content"]
    assert card.endswith("posts/jinmyaku-zukuri/card.png")


def test_plugins_skip_in_a_quick_pass_what_only_other_pages_show(tmp_path):
    """The setting a quick pass sets (site_common.quick_pass): the written
    post's page is whole; the others, written here by the ordinary writer
    to show it, lack what the plugins skipped for them."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    saved = content.resolve() / "posts/jinmyaku-zukuri.ja.md"
    site = build_site(
        content,
        tmp_path / "output",
        PREVIEW_DRAFTS=True,
        **quick_pass_settings([saved]),
    )
    assert site.returncode == 0, site.log
    written = BeautifulSoup(site.path(PAGE).read_text("utf-8"), "lxml")
    other = BeautifulSoup(
        site.path("en/posts/jinmyaku-zukuri/").read_text("utf-8"), "lxml"
    )
    assert written.select_one(".share__link--facebook") is not None
    assert written.select_one(".toc") is not None
    assert site.path("posts/jinmyaku-zukuri/card.png").is_file()
    assert other.select_one(".share__link--facebook") is None
    assert other.select_one(".toc") is None
    assert not site.path("en/posts/jinmyaku-zukuri/card.png").exists()


def test_every_page_is_written_whole_outside_a_quick_pass():
    class Post:
        source_path = "/site/content/posts/a.ja.md"

    assert writes_pages_of({}, Post())
    assert writes_pages_of(quick_pass_settings([Post.source_path]), Post())
    assert not writes_pages_of(quick_pass_settings(["/site/content/b.md"]), Post())


def test_a_quick_pass_checks_the_files_it_writes(tmp_path):
    """The checks a quick pass skips are those of files it does not write,
    which the full build before it passed; the saved file is checked whole."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    post = content / "posts/jinmyaku-zukuri.ja.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("Tags:", "Tagz:", 1), "utf-8"
    )
    other = content.resolve() / "posts/jinmyaku-zukuri.en.md"

    def quick_pass_of(source):
        return build_site(content, tmp_path / "output", **quick_pass_settings([source]))

    saved = quick_pass_of(content.resolve() / POST)
    assert saved.returncode == 1
    assert f"content/{POST}" in saved.log and "Tagz" in saved.log
    assert quick_pass_of(other).returncode == 0


# -- the content cache and what it was made with ---------------------------------


def test_the_reading_key_follows_the_settings_and_the_plugins(tmp_path):
    settings = tmp_path / "pelicanconf.py"
    settings.write_text('SITENAME = "A"\n', encoding="utf-8")
    plugin = tmp_path / "plugins" / "some_plugin" / "some_plugin.py"
    plugin.parent.mkdir(parents=True)
    plugin.write_text("WORDS = 1\n", encoding="utf-8")

    def key(overrides=None):
        code = preview_cache.code_digest([tmp_path / "plugins"])
        return preview_cache.reading_key(
            settings, overrides or {"PREVIEW_DRAFTS": True}, code
        )

    first = key()
    assert key() == first
    assert key({"PREVIEW_DRAFTS": False}) != first
    settings.write_text('SITENAME = "B"\n', encoding="utf-8")
    after_settings = key()
    assert after_settings != first
    plugin.write_text("WORDS = 2\n", encoding="utf-8")
    assert key() not in (first, after_settings)


def test_the_content_cache_is_read_only_under_the_key_it_was_made_with(tmp_path):
    assert not preview_cache.reads_cache(tmp_path, "one")
    preview_cache.record_reading_key(tmp_path, "one")
    assert preview_cache.reads_cache(tmp_path, "one")
    assert not preview_cache.reads_cache(tmp_path, "other")
    assert not preview_cache.reads_cache(tmp_path, None)  # settings unreadable


def serve_once(content, output, project, overrides):
    """One request served to its full build's end: the builder's last answer."""
    request = json.dumps({"overrides": overrides, "changed": []})
    answers = io.StringIO()

    def requests():
        yield f"{request}\n"
        while '"problems"' not in answers.getvalue():
            time.sleep(0.05)  # the end of the requests would stop the build

    builder.serve_requests(
        content.resolve(), output, SETTINGS, project, requests(), answers
    )
    return json.loads(answers.getvalue().splitlines()[-1])


def add_broken_post(content):
    broken = content / "posts" / "broken.ja.md"
    broken.write_text("Title: 壊れた記事\nDate: 2024-13-45\n\n本文\n", "utf-8")
    return broken


def test_only_a_build_that_succeeded_records_the_reading_key(tmp_path):
    content, output, _ = preview_site(tmp_path)
    broken = add_broken_post(content)
    overrides = {"PREVIEW_DRAFTS": True}
    code = preview_cache.code_digest(read_settings(str(SETTINGS))["PLUGIN_PATHS"])
    key = preview_cache.reading_key(SETTINGS, overrides, code)
    assert serve_once(content, output, tmp_path, overrides)["problems"] == 1
    assert not preview_cache.reads_cache(tmp_path, key)
    broken.unlink()
    assert serve_once(content, output, tmp_path, overrides)["problems"] == 0
    assert preview_cache.reads_cache(tmp_path, key)


def test_a_build_under_other_settings_forgets_the_key_it_may_overwrite(tmp_path):
    # Settings changed, and the build under them saved Pelican's cache but
    # failed: changed back, the settings must not find that cache theirs.
    content, output, _ = preview_site(tmp_path)
    preview_cache.record_reading_key(tmp_path, "the settings before")
    add_broken_post(content)
    assert serve_once(content, output, tmp_path, {"PREVIEW_DRAFTS": True})["problems"]
    assert not preview_cache.reads_cache(tmp_path, "the settings before")
