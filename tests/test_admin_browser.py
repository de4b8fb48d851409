"""The CMS at /admin/ end to end, in a real headless Chromium.

A copy of the site's content is built; decap-server (npm, the CMS's local
backend) serves the copy's files on a free port; the CMS, loaded from the
built site under its own Content-Security-Policy, writes into the copy.
"""

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, build_site, chromium, serve
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser

DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
POST = "posts/jinmyaku-zukuri.ja.md"
POST_EN = "posts/jinmyaku-zukuri.en.md"
WAIT = 60  # seconds: the CMS is 5 MB of JavaScript on a busy machine


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, limit=30):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert process.poll() is None, "decap-server stopped"
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"decap-server did not listen on port {port}")


@dataclass
class Cms:
    site: Path  # the project copy decap-server edits: site/content/...
    url: str  # the built site's address
    browser: object

    def file(self, relative):
        return self.site / "content" / relative

    def wait(self, condition, what):
        WebDriverWait(self.browser, WAIT, 0.2).until(lambda _: condition(), what)

    def open(self, fragment):
        self.browser.get(f"{self.url}/admin/#/{fragment}")
        self.wait(lambda: self.labels(), f"the editor of {fragment}")

    def labels(self):
        return self.browser.find_elements(By.CSS_SELECTOR, "label[for]")

    def field(self, label, nth=0):
        """The input of a field of the Japanese side, found by its label."""
        labels = [
            element
            for element in self.labels()
            if element.get_attribute("textContent").startswith(label)
        ]
        target = labels[nth].get_attribute("for")
        return self.browser.find_element(
            By.XPATH,
            f"//*[@id='{target}'] | //label[@for='{target}']"
            "/following::*[@contenteditable='true'][1]",
        )

    def policy_violations(self):
        """What the page's Content-Security-Policy blocked, from the console."""
        return [
            entry["message"]
            for entry in self.browser.get_log("browser")
            if "Content Security Policy" in entry["message"]
        ]

    def publish(self):
        self.browser.find_element(By.XPATH, "//*[text()='公開']").click()
        self.browser.find_element(By.XPATH, "//*[@role='menuitem'][1]").click()
        self.wait(lambda: "保存済" in self.browser.page_source, "the save")


@pytest.fixture
def cms(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(CONTENT, site / "content")
    port = free_port()
    built = build_site(
        site / "content",
        tmp_path / "output",
        ADMIN={"local_backend_url": f"http://localhost:{port}/api/v1"},
    )
    assert built.returncode == 0, built.log
    server = subprocess.Popen(
        [str(DECAP_SERVER)],
        cwd=site,
        env={**os.environ, "PORT": str(port), "GIT_REPO_DIRECTORY": str(site)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    browser = None
    try:
        wait_for_port(port, server)
        with serve(tmp_path / "output") as url:
            browser = chromium()
            cms = Cms(site, url, browser)
            browser.get(f"{url}/admin/")
            login = (By.XPATH, "//button[contains(., 'ログイン')]")
            cms.wait(lambda: browser.find_elements(*login), "the sign-in page")
            browser.find_element(*login).click()
            cms.wait(lambda: "記事" in browser.page_source, "the collections")
            yield cms
    finally:
        if browser is not None:
            browser.quit()
        server.terminate()
        server.wait(10)


def test_a_japanese_post_written_in_the_cms_builds(cms, tmp_path):
    cms.open("collections/posts/new")
    cms.field("タイトル").send_keys("ブラウザで書いた記事")
    cms.field("スラッグ").send_keys("browser-post")
    body = cms.field("本文")
    body.click()
    body.send_keys("ブラウザから書きました。")
    # The English side is left empty: the CMS still writes its file.
    cms.publish()

    written = cms.file("posts/browser-post.ja.md").read_text(encoding="utf-8")
    header, body_text = written.split("\n\n", 1)
    fields = dict(line.split(": ", 1) for line in header.split("\n"))
    assert fields["Title"] == "ブラウザで書いた記事"
    assert fields["Slug"] == "browser-post"
    assert fields["Status"] == "draft"  # a new post is a draft until he says
    assert fields["Category"] == "未分類"
    assert list(fields)[:2] == ["Title", "Date"]
    assert body_text == "ブラウザから書きました。\n"
    # Only what the CMS fills in by itself: the post is not translated yet.
    english = cms.file("posts/browser-post.en.md").read_text(encoding="utf-8")
    header_en = english.strip().split("\n")
    assert {line.split(": ", 1)[0] for line in header_en} <= {
        "Date",
        "Slug",
        "Category",
        "Status",
    }

    assert cms.policy_violations() == []
    site = build_site(cms.site / "content", tmp_path / "rebuilt")
    assert site.returncode == 0, site.log
    page = site.soup("drafts/browser-post/")
    assert page.select_one("h1").get_text(strip=True) == "ブラウザで書いた記事"
    assert not (site.output / "en" / "drafts" / "browser-post").exists()
    assert cms.file("posts/browser-post.en.md").read_text(encoding="utf-8") == english


def test_editing_a_body_changes_nothing_else_in_the_files(cms):
    before = cms.file(POST).read_bytes()
    before_en = cms.file(POST_EN).read_bytes()
    cms.open("collections/posts/entries/jinmyaku-zukuri")
    body = cms.field("本文")
    body.click()
    body.send_keys(Keys.CONTROL, Keys.END)
    body.send_keys("追記しました。")
    cms.publish()

    # Typed on the body's last (empty) line: the file ends as it did, with a
    # line break after the new words.
    assert cms.file(POST).read_bytes() == before + "追記しました。\n".encode()
    assert cms.file(POST_EN).read_bytes() == before_en
    assert cms.policy_violations() == []


# -- the format itself, run in the browser where the CMS runs it --------------


def round_trip(cms, text, **changes):
    return cms.browser.execute_script(
        "const format = window.siteHeaderFormat;"
        "const data = Object.assign(format.fromFile(arguments[0]), arguments[1]);"
        "return format.toFile(data);",
        text,
        changes,
    )


def read(cms, text):
    return cms.browser.execute_script(
        "const data = window.siteHeaderFormat.fromFile(arguments[0]);"
        "delete data._source; return data;",
        text,
    )


SOURCE = (
    "title:  Spaced  \n"
    "Date: 2026-11-24 10:00\n"
    "Summary: one\n"
    "    two\n"
    "Source_Digest: abc\n"
    "Tags: 人脈; 勇気\n"
    "\n"
    "Body line\n"
    "\n"
    "Second: not a field\n"
)


def test_the_format_reads_the_header_as_the_build_does(cms):
    from site_common.header import split_source

    data = read(cms, SOURCE)
    fields, body = split_source(SOURCE)
    assert data["body"] == body
    assert data["tags"] == ["人脈", "勇気"]
    assert {
        key: value for key, value in data.items() if key not in ("body", "tags")
    } == {key: value for key, value in fields.items() if key != "tags"}


def test_an_unedited_file_is_written_back_byte_for_byte(cms):
    for path in [*sorted((CONTENT / "posts").glob("*.md")), None]:
        text = path.read_text(encoding="utf-8") if path else SOURCE
        assert round_trip(cms, text) == text, path
    crlf = SOURCE.replace("\n", "\r\n")
    assert round_trip(cms, crlf) == crlf


def test_an_edited_field_is_rewritten_in_place_and_a_cleared_one_removed(cms):
    written = round_trip(cms, SOURCE, summary="新しい紹介文", tags=[], status="draft")
    assert written == SOURCE.replace(
        "Summary: one\n    two\n", "Summary: 新しい紹介文\n"
    ).replace("Tags: 人脈; 勇気\n", "Status: draft\n")
