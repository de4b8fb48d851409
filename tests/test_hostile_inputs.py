"""Inputs a build must refuse by name, leaving the last good site untouched.

Each case builds a real site over the output of an earlier good build and
expects either a clean refusal (status 1, the file named in one `ERROR:` line,
no traceback, the output byte for byte as it was) or a safe build.
"""

import os
import shutil
import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import CONTENT, build_site
from test_build_checks import folder_digest, write_files

GOOD_POST = "Title: 良い記事\nDate: 2024-05-01 10:00\nCategory: 人脈\n\n本文です。\n"


def post(**fields):
    """A good post with header fields added (or replaced) and a body."""
    body = fields.pop("body", "本文です。")
    header = {"Title": "良い記事", "Date": "2024-05-01 10:00", **fields}
    lines = "".join(f"{name}: {value}\n" for name, value in header.items())
    return f"{lines}\n{body}\n"


@pytest.fixture(scope="module")
def good_output(tmp_path_factory):
    """The output of a good build, to build over."""
    folder = tmp_path_factory.mktemp("good")
    content = write_files(folder / "content", {"posts/good.ja.md": GOOD_POST})
    shutil.copytree(CONTENT / "pages", content / "pages")
    site = build_site(content, folder / "output")
    assert site.returncode == 0, site.log
    return folder / "output"


@pytest.fixture
def build_over(tmp_path, good_output):
    """Build {path: text or bytes} (beside the About pages) over a good output."""

    def run(files, links=None, **settings):
        content = tmp_path / "content"
        shutil.copytree(CONTENT / "pages", content / "pages")
        write_files(content, files)
        for link, target in (links or {}).items():
            (content / link).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, content / link)
        output = tmp_path / "output"
        shutil.copytree(good_output, output)
        before = folder_digest(output)
        site = build_site(content, output, **settings)
        site.unchanged = folder_digest(output) == before
        return site

    return run


def assert_refused(site, *lines):
    assert site.returncode == 1, site.log
    assert "Traceback" not in site.log, site.log
    assert site.unchanged
    errors = [line for line in site.log.splitlines() if line.startswith("ERROR: ")]
    for expected in lines:
        assert any(expected in line for line in errors), (expected, site.log)


NFC_NAME = unicodedata.normalize("NFC", "posts/ガイド.ja.md")

# Each row: the files of a site, and the lines its refusal must hold.
REFUSED = [
    (
        "form feed in the body",
        {"posts/ff.ja.md": post(body="一行目\n\n二行目\x0cです。")},
        [
            "ERROR: content/posts/ff.ja.md: line 6: a form feed (U+000C), an "
            "invisible character (often pasted from a word processor) that breaks "
            "the page: delete it"
        ],
    ),
    (
        "vertical tab in the header",
        {"posts/vt.ja.md": post(Title="良い\x0b記事")},
        ["ERROR: content/posts/vt.ja.md: line 1: a vertical tab (U+000B)"],
    ),
    (
        "NUL in the body",
        {"posts/nul.ja.md": post(body="本文\x00です。")},
        ["ERROR: content/posts/nul.ja.md: line 4: a NUL character (U+0000)"],
    ),
    (
        "escape in the body",
        {"posts/esc.ja.md": post(body="色\x1b[31mです。")},
        ["ERROR: content/posts/esc.ja.md: line 4: an escape character (U+001B)"],
    ),
    (
        "names differing in Unicode form",
        {
            NFC_NAME: GOOD_POST,
            unicodedata.normalize("NFD", NFC_NAME): GOOD_POST,
        },
        [
            f"ERROR: content/{NFC_NAME}: has the same name as "
            f"content/{unicodedata.normalize('NFD', NFC_NAME)}"
        ],
    ),
    (
        "slug with a space",
        {"posts/My Post.ja.md": GOOD_POST},
        [
            'ERROR: content/posts/My Post.ja.md: the slug "My Post" cannot be an '
            "address: write it with lower-case ASCII letters (a-z), digits and "
            "single hyphens between them (rename the file or set Slug:)"
        ],
    ),
    (
        "upper-case slug",
        {"posts/up.ja.md": post(Slug="About")},
        ['ERROR: content/posts/up.ja.md: the slug "About" cannot be an address'],
    ),
    (
        "full-width slug",
        {"posts/fw.ja.md": post(Slug="ｆｕｌｌ")},
        ['ERROR: content/posts/fw.ja.md: the slug "ｆｕｌｌ" cannot be an address'],
    ),
    (
        "slug going up",
        {"pages/up.ja.md": post(Slug="..")},
        ['ERROR: content/pages/up.ja.md: the slug ".." cannot be an address'],
    ),
    (
        "slug with a slash",
        {"posts/sl.ja.md": post(Slug="a/b")},
        ['ERROR: content/posts/sl.ja.md: the slug "a/b" cannot be an address'],
    ),
    *(
        (
            f"page named {name}",
            {f"pages/{name}.ja.md": GOOD_POST},
            [
                f'ERROR: content/pages/{name}.ja.md: the slug "{name}" is a name the '
                "site uses for its own pages: choose another"
            ],
        )
        for name in ("tags", "archives", "feeds", "category", "en", "drafts")
    ),
    *(
        (
            f"page saved as {address}",
            {"pages/x.ja.md": post(Save_as=address)},
            [
                f'ERROR: content/pages/x.ja.md: Save_as "{address}" is in',
                "it would write over another page; choose another address",
            ],
        )
        for address in (
            "_headers",
            "_redirects",
            "robots.txt",
            "CNAME",
            "sitemap.xml",
            "404.html",
            "images/x.html",
            "theme/x.html",
            "tags/index.html",
        )
    ),
    (
        "page addressed as a listing",
        {"pages/x.ja.md": post(Url="archives/")},
        ['ERROR: content/pages/x.ja.md: Url "archives/" is in "archives"'],
    ),
    (
        "two pages saved to one address",
        {
            "pages/one.ja.md": post(Save_as="same/index.html"),
            "pages/two.ja.md": post(Save_as="same/index.html"),
        },
        [
            "ERROR: content/pages/two.ja.md: would be written to same/index.html, "
            "as content/pages/one.ja.md is"
        ],
    ),
    *(
        (
            f"ambiguous date {date}",
            {"posts/d.ja.md": post(Date=date)},
            [
                f'ERROR: content/posts/d.ja.md: Date "{date}" can be read as two '
                "different days (day/month or month/day): write it year first, as "
                "YYYY-MM-DD"
            ],
        )
        for date in ("01/05/2024", "1/5/2024", "05-01-2024")
    ),
    (
        "semicolon in Tags",
        {"posts/t.ja.md": post(Tags="人脈; 勇気")},
        [
            'ERROR: content/posts/t.ja.md: Tags "人脈; 勇気" uses ";", which changes '
            'how every tag is split: separate tags with commas, as in "Tags: 人脈, '
            '勇気"'
        ],
    ),
    *(
        (
            f"{name} in the content",
            {name: "<html><head><title>x</title></head><body>x</body></html>"},
            [
                f"ERROR: content/{name}: write posts and pages in Markdown: rename "
                "the file to .md"
            ],
        )
        for name in ("posts/old.html", "pages/old.htm", "posts/old.rst")
    ),
]


@pytest.mark.parametrize(
    ("name", "files", "lines"), REFUSED, ids=[c[0] for c in REFUSED]
)
def test_hostile_content_is_refused_by_name(build_over, name, files, lines):
    assert_refused(build_over(files), *lines)


# -- symbolic links ----------------------------------------------------------------


@pytest.fixture
def outside(tmp_path_factory):
    """A folder outside the project, with a secret and a post in it."""
    folder = tmp_path_factory.mktemp("elsewhere")
    write_files(folder, {"secret.txt": "password", "posts/p.ja.md": GOOD_POST})
    return folder


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("images/secret.txt", "secret.txt"),
        ("posts/linked.ja.md", "posts/p.ja.md"),
        ("images/elsewhere", ""),
        ("posts/more", "posts"),
    ],
    ids=["static file", "post", "folder of files", "folder of posts"],
)
def test_links_out_of_the_project_are_refused(build_over, outside, link, target):
    site = build_over({"posts/good.ja.md": GOOD_POST}, links={link: outside / target})
    assert_refused(
        site,
        f"ERROR: content/{link}: is a symbolic link to a place outside the project "
        "folder, which would be published",
    )
    assert "password" not in site.log


@pytest.mark.parametrize("link", ["images/x.png", "posts/gone.ja.md"])
def test_a_link_to_nothing_is_refused(build_over, tmp_path, link):
    site = build_over({"posts/good.ja.md": GOOD_POST}, links={link: tmp_path / "gone"})
    assert_refused(site, f"ERROR: content/{link}: is a symbolic link to nothing")


def test_a_link_inside_the_project_is_published(build_over, tmp_path):
    write_files(tmp_path / "shared", {"note.txt": "shared note"})
    site = build_over(
        {"posts/good.ja.md": GOOD_POST},
        links={"images/note.txt": tmp_path / "shared" / "note.txt"},
        STATIC_PATHS=["images"],
    )
    assert site.returncode == 0, site.log
    assert (site.output / "images" / "note.txt").read_text() == "shared note"


# -- the site's address --------------------------------------------------------------

BAD_SITEURLS = [
    "https://example.com/?ref=1",
    "https://example.com/blog#top",
    "https://user@example.com",
    "https://user:secret@example.com",
]


@pytest.mark.parametrize("siteurl", BAD_SITEURLS)
def test_a_siteurl_with_extra_parts_is_refused_in_one_line(build_over, siteurl):
    site = build_over({"posts/good.ja.md": GOOD_POST}, SITEURL=siteurl)
    assert_refused(
        site,
        f'ERROR: settings: SITEURL "{siteurl}" must be the site\'s address alone, with '
        "no user name, ?query or #fragment",
    )


@pytest.mark.parametrize("siteurl", BAD_SITEURLS)
def test_make_publish_refuses_it_too(build_over, monkeypatch, siteurl):
    monkeypatch.setenv("SITEURL", siteurl)
    site = build_over({"posts/good.ja.md": GOOD_POST}, settings_file="publishconf.py")
    assert "Traceback" not in site.log, site.log
    assert site.returncode == 1
    assert site.unchanged
    assert f'ERROR: settings: SITEURL "{siteurl}" must be' in site.log


# -- safe builds, with a warning ----------------------------------------------------


@pytest.mark.parametrize(
    ("files", "warning"),
    [
        (
            {"posts/s.ja.md": post(body="<script>alert(1)</script>\n\n本文。")},
            "WARNING: content/posts/s.ja.md: the body has an <script> element: "
            "the site's Content-Security-Policy stops it",
        ),
        (
            {"posts/s.ja.md": post(body='<img src="x.png" onerror="go()" alt="">')},
            "WARNING: content/posts/s.ja.md: the body has an event attribute "
            '"onerror="',
        ),
        (
            {"posts/s.ja.md": post(body="[押す](javascript:go())")},
            'WARNING: content/posts/s.ja.md: the body has a "javascript:" address in '
            "href=",
        ),
        (
            {"posts/s.ja.md": post(body='<iframe src="https://example.com"></iframe>')},
            "WARNING: content/posts/s.ja.md: the body has an <iframe> element",
        ),
        (
            {"posts/s.ja.md": post(Summary='<b onclick="go()">要約</b>')},
            "WARNING: content/posts/s.ja.md: the Summary has an event attribute "
            '"onclick="',
        ),
    ],
    ids=["script", "event attribute", "javascript link", "iframe", "summary"],
)
def test_active_html_is_a_warning_naming_the_file(build_over, files, warning):
    site = build_over(files)
    assert site.returncode == 0, site.log
    assert warning in site.log


def future(days):
    return datetime.now(ZoneInfo("Asia/Tokyo")) + timedelta(days=days)


def test_a_post_dated_in_the_future_is_a_warning(build_over):
    date = future(3)
    site = build_over({"posts/f.ja.md": post(Date=f"{date:%Y-%m-%d %H:%M}")})
    assert site.returncode == 0, site.log
    assert (
        f"WARNING: content/posts/f.ja.md: Date {date:%Y-%m-%d %H:%M} is in the future"
        in site.log
    )


def test_a_draft_or_a_post_dated_today_is_not_warned_about(build_over):
    site = build_over(
        {
            "posts/draft.ja.md": post(
                Date=f"{future(3):%Y-%m-%d %H:%M}", Status="draft"
            ),
            "posts/today.ja.md": post(Date=f"{future(0):%Y-%m-%d %H:%M}"),
        }
    )
    assert site.returncode == 0, site.log
    assert "in the future" not in site.log
