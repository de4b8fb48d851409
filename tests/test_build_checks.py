"""The real build fails on every kind of broken post or setting, naming the file.

Each case builds a real site with scripts/build_site.py (what `make html` and
`make publish` run) and reads its log.
"""

import hashlib
import os
import queue
import shutil
import socket
import subprocess
import threading
import time

import pytest
from conftest import CONTENT, ROOT, build_site

GOOD_POST = "Title: 良い記事\nDate: 2024-05-01 10:00\nCategory: 人脈\n\n本文です。\n"
JAPANESE_POST = (
    "Title: 人脈作り\nDate: 2024-05-01 10:00\n\n人脈は「勇気」から生まれる。\n"
)


@pytest.fixture(autouse=True)
def wide_log(monkeypatch):
    """Pelican's log wraps at the terminal width; keep each message on one line."""
    monkeypatch.setenv("COLUMNS", "400")


def write_files(folder, files):
    """Write {relative path: text or bytes} into a content folder."""
    for relative, data in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    return folder


@pytest.fixture
def build(tmp_path):
    """Build {path: text or bytes} beside the real About pages."""

    def run(files, **settings):
        content = tmp_path / "content"
        shutil.copytree(CONTENT / "pages", content / "pages")
        write_files(content, files)
        return build_site(content, tmp_path / "output", **settings)

    return run


def folder_digest(folder):
    """Every file's path and SHA-256 under a folder."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).digest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# Each row: the files of a broken site, and the line its build must log.
CONTENT_CASES = [
    (
        "missing title",
        {"posts/no-title.ja.md": "Date: 2024-05-01 10:00\n\n本文。\n"},
        'content/posts/no-title.ja.md: Title is missing: add a first line like "Title:',
    ),
    (
        "empty title",
        {"posts/empty-title.ja.md": "Title:\nDate: 2024-05-01 10:00\n\n本文。\n"},
        "content/posts/empty-title.ja.md: Title is empty",
    ),
    (
        "page without title",
        {"pages/contact.ja.md": "Summary: 連絡先\n\n本文。\n"},
        "content/pages/contact.ja.md: Title is missing",
    ),
    (
        "bad date",
        {"posts/bad-date.ja.md": "Title: 日付\nDate: 2024-13-45\n\n本文。\n"},
        'content/posts/bad-date.ja.md: Date "2024-13-45" is not a valid date '
        "(use YYYY-MM-DD HH:MM)",
    ),
    (
        "missing date",
        {"posts/no-date.ja.md": "Title: 日付なし\n\n本文。\n"},
        "content/posts/no-date.ja.md: Date is missing",
    ),
    (
        "language in the file name",
        {"posts/post.jp.md": GOOD_POST},
        'content/posts/post.jp.md: the file name gives the language "jp", which is '
        "not a language of this site: name the file post.ja.md or post.en.md",
    ),
    (
        "language in Lang:",
        {"posts/post.ja.md": GOOD_POST.replace("Date:", "Lang: zh\nDate:")},
        'content/posts/post.ja.md: Lang "zh" is not a language of this site',
    ),
    (
        "same slug in the same language",
        {
            "posts/first.ja.md": GOOD_POST,
            "posts/second.ja.md": "Slug: first\n" + GOOD_POST,
        },
        'content/posts/second.ja.md: has the same slug "first" and language (ja) as '
        "content/posts/first.ja.md",
    ),
    (
        "translation in its original's language",
        {
            "posts/post.ja.md": GOOD_POST,
            "posts/post.en.md": "Translation: true\nLang: ja\n" + GOOD_POST,
        },
        'content/posts/post.en.md: is marked "Translation: true" but is in the same '
        "language (ja) as its original content/posts/post.ja.md",
    ),
    (
        "missing image",
        {"posts/photo.ja.md": GOOD_POST + "\n![写真]({static}/images/nai.png)\n"},
        'content/posts/photo.ja.md: image "{static}/images/nai.png" points to a file '
        "that does not exist (content/images/nai.png)",
    ),
    (
        "missing post link",
        {"posts/link.ja.md": GOOD_POST + "\n[次へ]({filename}next.ja.md)\n"},
        'content/posts/link.ja.md: link "{filename}next.ja.md" points to a file that '
        "does not exist (content/posts/next.ja.md)",
    ),
    (
        "missing attachment",
        {"posts/pdf.ja.md": GOOD_POST + "\n[資料]({attach}files/a.pdf)\n"},
        'content/posts/pdf.ja.md: link "{attach}files/a.pdf" points to a file that '
        "does not exist (content/posts/files/a.pdf)",
    ),
    (
        "Shift_JIS",
        {"posts/sjis.ja.md": JAPANESE_POST.encode("cp932")},
        "content/posts/sjis.ja.md: the file is not saved as UTF-8: it looks like "
        "Shift_JIS (CP932); save it again as UTF-8",
    ),
    (
        "EUC-JP",
        {"posts/euc.ja.md": JAPANESE_POST.encode("euc_jp")},
        "content/posts/euc.ja.md: the file is not saved as UTF-8: it looks like "
        "EUC-JP; save it again as UTF-8",
    ),
    (
        "empty file",
        {"posts/empty.ja.md": ""},
        'content/posts/empty.ja.md: the file is empty: write at least a "Title:" line',
    ),
    (
        "misspelt metadata",
        {"posts/typo.ja.md": "Tilte: 題\n" + GOOD_POST},
        'content/posts/typo.ja.md: unknown metadata "Tilte" (did you mean "Title"?)',
    ),
    (
        "full-width colon",
        {"posts/colon.ja.md": GOOD_POST.replace("Category: ", "Category：")},
        'content/posts/colon.ja.md: line 3 "Category：人脈" has a full-width colon',
    ),
    (
        "empty tag",
        {
            "posts/tags.ja.md": GOOD_POST.replace(
                "Category", "Tags: 人脈, , 勇気\nCategory"
            )
        },
        'content/posts/tags.ja.md: Tags "人脈, , 勇気" has an empty tag',
    ),
    (
        "tag with markup",
        {
            "posts/tags.ja.md": GOOD_POST.replace(
                "Category", "Tags: <b>人脈</b>\nCategory"
            )
        },
        'content/posts/tags.ja.md: tag "<b>人脈</b>" contains HTML',
    ),
    (
        "tags joined by a Japanese comma",
        {
            "posts/tags.ja.md": GOOD_POST.replace(
                "Category", "Tags: 人脈、勇気\nCategory"
            )
        },
        'content/posts/tags.ja.md: tag "人脈、勇気" contains "、": separate tags '
        'with a comma, as in "Tags: 人脈, 勇気"',
    ),
]


@pytest.mark.parametrize(
    ("name", "files", "expected"), CONTENT_CASES, ids=[c[0] for c in CONTENT_CASES]
)
def test_each_broken_post_fails_the_build_naming_the_file(build, name, files, expected):
    site = build(files)
    assert site.returncode != 0, site.log
    assert expected in site.log
    assert "The site was not built" in site.log


# Each row: settings given to a build of good content, and the line it must log.
SETTINGS_CASES = [
    (
        "site URL without https",
        {"SITEURL": "example.com"},
        'settings: SITEURL "example.com" is not a full web address: write it with '
        'https:// (or http://), e.g. "https://example.com"',
    ),
    (
        "publishing without a site URL",
        {"RELATIVE_URLS": False, "SITEURL": ""},
        "settings: SITEURL is empty, but RELATIVE_URLS is off",
    ),
    (
        "social URL without https",
        {
            "SOCIAL_PROFILES": {
                "x": "https://x.com/MHeartstrings",
                "facebook": "fb.me/a",
            },
            "CONTENT_CHECKS": {"url_settings": ["SITEURL", "SOCIAL_PROFILES"]},
        },
        'settings: SOCIAL_PROFILES["facebook"] "fb.me/a" is not a full web address',
    ),
    (
        "link without https",
        {"LINKS": [["北京生活ブログ", "www.example.cn"]]},
        'settings: LINKS "北京生活ブログ" "www.example.cn" is not a full web address',
    ),
    ("missing author", {"AUTHOR": None}, "settings: AUTHOR is missing or empty"),
    ("empty site name", {"SITENAME": ""}, "settings: SITENAME is missing or empty"),
    (
        "unknown time zone",
        {"TIMEZONE": "Asia/Tokio"},
        'settings: TIMEZONE "Asia/Tokio" is not a known time zone',
    ),
    (
        "unknown category",
        {"CONTENT_CHECKS": {"categories": ["キャリア", "Career"]}},
        'content/posts/good.ja.md: Category "人脈" is not one of the site\'s '
        "categories (キャリア, Career)",
    ),
    (
        "misspelt plugin option",
        {"CONTENT_CHECKS": {"categoires": ["人脈"]}},
        'settings: CONTENT_CHECKS has no key "categoires" (did you mean "categories"?)',
    ),
]


@pytest.mark.parametrize(
    ("name", "settings", "expected"),
    SETTINGS_CASES,
    ids=[c[0] for c in SETTINGS_CASES],
)
def test_each_bad_setting_fails_the_build_naming_it(build, name, settings, expected):
    site = build({"posts/good.ja.md": GOOD_POST}, **settings)
    assert site.returncode != 0, site.log
    assert expected in site.log


def test_the_real_site_passes_every_check(real_site):
    assert "ERROR" not in real_site.log
    assert "The site was not built" not in real_site.log


def test_one_broken_post_does_not_hide_the_others(build):
    site = build(
        {
            "posts/a-bad-date.ja.md": "Title: 日付\nDate: 2024-13-45\n\n本文。\n",
            "posts/b-no-title.ja.md": "Date: 2024-05-01 10:00\n\n本文。\n",
            "posts/c-sjis.ja.md": JAPANESE_POST.encode("cp932"),
            "posts/d-good.ja.md": GOOD_POST,
        },
        SITEURL="example.com",
    )
    assert site.returncode != 0
    for line in [
        'content/posts/a-bad-date.ja.md: Date "2024-13-45" is not a valid date',
        "content/posts/b-no-title.ja.md: Title is missing",
        "content/posts/c-sjis.ja.md: the file is not saved as UTF-8",
        'settings: SITEURL "example.com" is not a full web address',
    ]:
        assert line in site.log
    assert "The site was not built: 4 problems to fix, listed above." in site.log
    errors = [line for line in site.log.splitlines() if line.startswith("ERROR: ")]
    assert len(errors) == 4
    assert not any("d-good" in line for line in errors)


def test_a_failing_build_leaves_the_last_good_site_in_place(tmp_path):
    content = write_files(tmp_path / "content", {"posts/post.ja.md": GOOD_POST})
    output = tmp_path / "output"
    good = build_site(content, output)
    assert good.returncode == 0, good.log
    before = folder_digest(output)
    write_files(content, {"posts/post.ja.md": "Title: 壊れた\nDate: 2024-13-45\n"})
    broken = build_site(content, output)
    assert broken.returncode != 0
    assert folder_digest(output) == before


def test_with_the_content_cache_on_a_changed_post_is_still_checked(tmp_path):
    tweet = "\n::: tweet\nurl: https://x.com/a/status/1\n\n文\n:::\n"
    content = write_files(
        tmp_path / "content",
        {"posts/a.ja.md": GOOD_POST + tweet, "posts/b.ja.md": GOOD_POST + tweet},
    )
    cache = {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CHECK_MODIFIED_METHOD": "mtime",
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    cold = build_site(content, tmp_path / "output", **cache)
    assert cold.returncode == 0, cold.log
    warm = build_site(content, tmp_path / "output", **cache)
    assert warm.returncode == 0, warm.log
    broken = GOOD_POST + tweet.replace("url: https://x.com/a/status/1", "author: A")
    write_files(content, {"posts/b.ja.md": broken})
    os.utime(content / "posts/b.ja.md", (time.time() + 5, time.time() + 5))
    changed = build_site(content, tmp_path / "output", **cache)
    assert changed.returncode != 0
    # Pelican reads it again, fails, and the checks say why, naming only it.
    assert (
        "ERROR: content/posts/b.ja.md: tweet block: the field 'url' is missing"
        in changed.log
    )
    errors = [line for line in changed.log.splitlines() if line.startswith("ERROR")]
    assert all("posts/b.ja.md" in line for line in errors), errors


def test_make_html_fails_on_a_broken_post(tmp_path):
    content = write_files(tmp_path / "content", {"posts/bad.ja.md": "Date: 2024\n"})
    result = subprocess.run(
        ["make", "html", f"INPUTDIR={content}", f"OUTPUTDIR={tmp_path / 'output'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    # in the author's language, the site's default: Japanese
    assert (
        "content/posts/bad.ja.md: タイトルがありません" in result.stdout + result.stderr
    )


def test_builds_never_modify_the_authors_files(tmp_path):
    before = folder_digest(CONTENT)
    site = build_site(CONTENT, tmp_path / "real")
    assert site.returncode == 0, site.log
    assert folder_digest(CONTENT) == before

    broken_files = {
        "posts/sjis.ja.md": JAPANESE_POST.encode("cp932"),
        "posts/crlf.ja.md": b"Title: x\r\nDate: 2024-13-45\r\n\r\nText\r\n",
        "posts/bom.ja.md": b"\xef\xbb\xbfTitle: x\nDate: 2024-01-01\n\nText\n",
        "posts/empty.ja.md": b"",
    }
    content = write_files(tmp_path / "content", broken_files)
    before = folder_digest(content)
    broken = build_site(content, tmp_path / "broken")
    assert broken.returncode != 0
    assert folder_digest(content) == before


def test_metadata_with_markup_is_text_everywhere_and_the_body_is_markdown(build):
    # Tags and categories may not hold HTML tags (a check forbids them); titles may.
    title, term = 'A<B & "C" <em>x</em>', 'A<B & "C"'
    site = build(
        {
            "posts/markup.ja.md": (
                f"Title: {title}\nDate: 2024-05-01 10:00\nCategory: {term}\n"
                f'Tags: {term}\nSummary: 要約 A<B & "C"\n\n'
                "本文は **太字** と [リンク](https://example.com)。\n"
            )
        }
    )
    assert site.returncode == 0, site.log
    post = site.soup("posts/markup/")
    assert post.select_one("h1").get_text() == title
    assert post.title.get_text().startswith(f"{title} | ")
    assert post.select_one('meta[name="description"]')["content"] == '要約 A<B & "C"'
    assert post.select_one(".post-body strong").get_text() == "太字"
    assert post.select_one('.post-body a[href="https://example.com"]')
    term_pages = [*site_urls(site, "tag/"), *site_urls(site, "category/")]
    assert len(term_pages) == 2
    for url in ["", "archives/", *term_pages]:
        soup = site.soup(url)
        assert any(a.get_text() == title for a in soup.select("main a")), url
    for url in term_pages:
        soup = site.soup(url)
        assert f"「{term}」" in soup.select_one("h1").get_text(), url
        assert f"「{term}」" in soup.title.get_text(), url
    for page in site.pages():
        html = page.read_text(encoding="utf-8")
        assert "<em>x</em>" not in html, page


def site_urls(site, prefix):
    """The listing pages under a folder of the built site (tag/<slug>/ ...)."""
    folder = site.output / prefix
    return [f"{prefix}{child.name}/" for child in sorted(folder.iterdir())]


def test_a_missing_translation_is_information_and_the_build_passes(build):
    site = build({"posts/solo.ja.md": GOOD_POST})
    assert site.returncode == 0, site.log
    assert (
        "INFO: content/posts/solo.ja.md: has no English translation yet (it would "
        'be content/posts/solo.en.md, with "Translation: true")'
    ) in site.log
    assert site.path("posts/solo/").is_file()


# -- make serve ---------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LogReader:
    """Lines a running process prints, read on a thread as they come."""

    def __init__(self, stream):
        self.lines = queue.Queue()
        self.seen = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.lines.put(line)

    def poll(self, text, seconds):
        """The next line holding `text` printed within `seconds`, or None."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line
        return None

    def wait_for(self, text, deadline=90):
        """Wait until a line holding `text` is printed; fail with the log so far."""
        if self.poll(text, deadline) is None:
            pytest.fail(f"never printed {text!r}:\n{''.join(self.seen)}")
