"""`make serve`: the preview rebuilds on save, reloads the page, survives errors.

Each test starts scripts/serve.py from a copy of the project on a free port.
Waits are bounded so that a broken server fails the test instead of hanging
it; how long a rebuild takes is never asserted.
"""

import queue
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, run_make
from pelican.settings import read_settings
from preview_http import Builds
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from serve import EVENTS_PATH, RELOAD_PATH, preview_settings, rebuild

POST = "content/posts/jinmyaku-zukuri.ja.md"
POST_URL = "posts/jinmyaku-zukuri/"
TITLE = "重要な人脈作りに必要なこと"
WAIT_LIMIT = 90  # seconds; generous for a loaded machine, never reached normally
SETTINGS = read_settings(str(Path(__file__).resolve().parent.parent / "pelicanconf.py"))


def folder_files(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@dataclass
class Preview:
    project: Path
    port: int
    log_path: Path

    @property
    def log(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}/{path}"

    def get(self, path=""):
        """The page's HTML as the server sends it, or None if it cannot."""
        try:
            with urllib.request.urlopen(self.url(path), timeout=10) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def title(self, path=POST_URL):
        html = self.get(path)
        heading = html and BeautifulSoup(html, "lxml").select_one("h1")
        return heading and heading.get_text(strip=True)

    def wait_for(self, condition, what):
        deadline = time.monotonic() + WAIT_LIMIT
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.2)
        raise AssertionError(f"{what}: not seen. Server log:\n{self.log}")

    def rebuilds(self):
        return self.log.count("プレビューを更新しました")  # Japanese by default


@pytest.fixture
def preview(project_copy, tmp_path):
    port = free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "scripts/serve.py", "--port", str(port)],
            cwd=project_copy,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = Preview(project_copy, port, log_path)
        try:
            server.wait_for(lambda: server.title() == TITLE, "the first preview")
            yield server
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_absolute_addresses_point_at_the_preview_server_itself(preview):
    soup = BeautifulSoup(preview.get(POST_URL), "lxml")
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    assert canonical == preview.url(POST_URL)
    share = soup.select_one(".share__link--facebook")["href"]
    assert f"127.0.0.1%3A{preview.port}" in share


def test_saving_a_post_rebuilds_the_preview(preview):
    edit(preview.project / POST, f"Title: {TITLE}", "Title: 書き直したタイトル")
    preview.wait_for(lambda: preview.title() == "書き直したタイトル", "the new title")
    built = (preview.project / "output" / POST_URL / "index.html").read_text("utf-8")
    assert "書き直したタイトル" in built


def test_saving_the_theme_or_the_settings_rebuilds_the_preview(preview):
    edit(
        preview.project / "theme/templates/partials/site_footer.html",
        "</footer>",
        '<p class="theme-marker">theme saved</p></footer>',
    )
    preview.wait_for(
        lambda: "theme-marker" in (preview.get(POST_URL) or ""), "the theme change"
    )
    edit(
        preview.project / "pelicanconf.py",
        'SITENAME = "Life Integration Coaching Lab."',
        'SITENAME = "Renamed Lab"',
    )
    preview.wait_for(
        lambda: "Renamed Lab" in (preview.get(POST_URL) or ""), "the settings change"
    )


def test_a_settings_change_reaches_the_posts_no_save_touched(preview):
    # Pelican's content cache keeps each post's HTML as Markdown made it: a
    # setting of Markdown's must still reach a post saved before it (the
    # English post, which no test edits).
    def has_permalinks():
        html = preview.get(f"en/{POST_URL}")
        return bool(html) and bool(
            BeautifulSoup(html, "lxml").select("article.post h2 a.headerlink")
        )

    assert not has_permalinks()
    edit(
        preview.project / "pelicanconf.py",
        '"markdown.extensions.toc": {"slugify": slugify_unicode}',
        '"markdown.extensions.toc": {"slugify": slugify_unicode, "permalink": True}',
    )
    preview.wait_for(has_permalinks, "the Markdown setting in an unsaved post")


def test_saving_a_plugin_rebuilds_the_preview_with_the_new_code(preview):
    # The builder imported the plugins when it started: only a new builder
    # runs code saved since (here, code that runs on import).
    plugin = preview.project / "plugins/images/images.py"
    with plugin.open("a", encoding="utf-8") as source:
        source.write(
            "\n\ndef _mark_preview(generator):\n"
            '    generator.context["SITENAME"] = "Plugin Saved"\n\n\n'
            "signals.generator_init.connect(_mark_preview)\n"
        )
    preview.wait_for(
        lambda: "Plugin Saved" in (preview.get(POST_URL) or ""), "the plugin change"
    )


def test_preview_builds_match_a_fresh_build(preview, tmp_path):
    """Nothing carries over from one preview build to the next: after several
    saves the preview is what one fresh build of the same files gives."""
    for number in range(3):
        edit(preview.project / POST, f"Title: {TITLE}", f"Title: {TITLE}{number}")
        preview.wait_for(
            lambda n=number: preview.title() == f"{TITLE}{n}", f"save {number}"
        )
        edit(preview.project / POST, f"Title: {TITLE}{number}", f"Title: {TITLE}")
        preview.wait_for(lambda: preview.title() == TITLE, f"undo {number}")
    fresh = build_site(
        preview.project / "content",
        tmp_path / "fresh",
        settings_file=preview.project / "pelicanconf.py",
        **preview_settings(SETTINGS["SOCIAL"], "127.0.0.1", preview.port),
    )
    assert fresh.returncode == 0, fresh.log
    assert folder_files(preview.project / "output") == folder_files(fresh.output)


def test_a_failed_build_names_the_file_and_keeps_the_last_preview(preview):
    broken = preview.project / "content/posts/broken.ja.md"
    broken.write_text("Title: 壊れた記事\nDate: 2024-13-45\n\n本文\n", encoding="utf-8")
    preview.wait_for(lambda: "ビルドできませんでした" in preview.log, "the failure")
    assert "broken.ja.md" in preview.log
    assert preview.title() == TITLE  # the last good build is still served

    broken.write_text("Title: 直した記事\nDate: 2024-12-24\n\n本文\n", encoding="utf-8")
    preview.wait_for(
        lambda: preview.title("posts/broken/") == "直した記事", "the fixed post"
    )


def test_served_pages_reload_themselves_but_built_files_have_no_reload_script(
    preview,
):
    served = BeautifulSoup(preview.get(POST_URL), "lxml")
    assert served.body.find_all("script")[-1]["src"] == RELOAD_PATH
    reload_script = preview.get(RELOAD_PATH.lstrip("/"))
    assert reload_script and f'new EventSource("{EVENTS_PATH}")' in reload_script

    on_disk = (preview.project / "output" / POST_URL / "index.html").read_text("utf-8")
    assert "__preview__" not in on_disk
    made = run_make(preview.project, "html", "OUTPUTDIR=html-output")
    assert made.returncode == 0, made.stdout + made.stderr
    for page in (preview.project / "html-output").rglob("*.html"):
        assert "__preview__" not in page.read_text(encoding="utf-8"), page


@pytest.mark.browser
def test_the_open_page_reloads_itself_after_a_save(preview, browser):
    browser.get(preview.url(POST_URL))
    browser.execute_script("window.notReloadedYet = true;")
    # The page listens for new builds once the server logs the browser.
    preview.wait_for(
        lambda: "ブラウザーが接続しました" in preview.log, "the connection"
    )
    edit(preview.project / POST, f"Title: {TITLE}", "Title: 自動で再読み込み")
    # The page may be replaced between finding the heading and reading it.
    WebDriverWait(
        browser,
        WAIT_LIMIT,
        poll_frequency=0.2,
        ignored_exceptions=(StaleElementReferenceException,),
    ).until(
        lambda driver: driver.find_element(By.TAG_NAME, "h1").text == "自動で再読み込み"
    )
    assert browser.execute_script("return window.notReloadedYet") is None


def test_a_port_in_use_is_named_before_anything_is_built(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "scripts/serve.py",
                "--port",
                str(port),
                "--output",
                str(tmp_path / "output"),
            ],
            cwd=Path(__file__).resolve().parent.parent,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode != 0
    assert f"127.0.0.1:{port} は使用中です" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "output").exists()


# -- what the open pages are told (serve.rebuild, with a scripted builder) -------

SAVED_POST = "content/posts/a.ja.md"
POST_PAGES = ["/posts/a/", "/posts/a/index.html"]


class ScriptedBuilder:
    """Answers as the builder would, in order. A callable stands for a moment
    when the build is still running: it is called (a save made meanwhile)."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.sent = []

    def start(self):
        pass

    def send(self, overrides, changed):
        self.sent.append(sorted(changed))

    def answer(self, timeout):
        answer = self.answers.pop(0)
        if callable(answer):
            answer()
            return None
        return answer


def events_of(answers, saved=(SAVED_POST,)):
    changes, builds = queue.Queue(), Builds()
    builder = ScriptedBuilder(answers(changes))
    rebuild(builder, builds, changes, dict, "en", set(saved))
    assert not builder.answers  # every answer was read
    return builder.sent, builds.events


def test_pages_the_quick_pass_wrote_are_not_reloaded_again_after_the_full_build():
    sent, events = events_of(
        lambda changes: [
            {"pass": "quick", "pages": POST_PAGES},
            {"pass": "full", "problems": 0, "seconds": 1.0},
        ]
    )
    assert sent == [[SAVED_POST]]
    assert events == [{"only": POST_PAGES}, {"skip": POST_PAGES}]


def test_a_save_after_the_quick_pass_reloads_every_page_once_built():
    footer = "theme/templates/partials/site_footer.html"
    sent, events = events_of(
        lambda changes: [
            {"pass": "quick", "pages": POST_PAGES},
            lambda: changes.put({footer}),  # saved while the full build runs
            {"pass": "full", "superseded": True},
            {"pass": "full", "problems": 0, "seconds": 1.0},
        ]
    )
    assert sent == [[SAVED_POST], [footer]]
    # The saved post's page changed again (its footer): it reloads too.
    assert events == [{"only": POST_PAGES}, {"skip": []}]


def test_a_quick_pass_made_for_an_older_save_is_shown_but_not_kept():
    footer = "theme/templates/partials/site_footer.html"
    sent, events = events_of(
        lambda changes: [
            lambda: changes.put({footer}),  # saved before the quick pass came
            {"pass": "quick", "pages": POST_PAGES},  # the post's, footer unsaved
            {"pass": "full", "superseded": True},
            {"pass": "full", "problems": 0, "seconds": 1.0},  # no quick pass
        ]
    )
    assert sent == [[SAVED_POST], [footer]]
    assert events == [{"only": POST_PAGES}, {"skip": []}]


def test_the_newest_save_s_quick_pass_is_kept_until_the_full_build():
    other = "content/posts/b.ja.md"
    both = [*POST_PAGES, "/posts/b/", "/posts/b/index.html"]
    sent, events = events_of(
        lambda changes: [
            lambda: changes.put({other}),  # saved before the first quick pass came
            {"pass": "quick", "pages": POST_PAGES},  # the first save's
            {"pass": "full", "superseded": True},
            {"pass": "quick", "pages": both},  # the newest save's: both posts
            {"pass": "full", "problems": 0, "seconds": 1.0},
        ]
    )
    assert sent == [[SAVED_POST], [other]]
    assert events == [{"only": POST_PAGES}, {"only": both}, {"skip": both}]
