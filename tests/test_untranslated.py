"""A translation not written yet: the file the CMS saves for a side left empty."""

import fnmatch
from urllib.parse import urljoin

import pytest
import translations
from site_common.untranslated import FILLED_BY_THE_CMS, ignore_pattern, is_unwritten

JAPANESE = (
    "Title: ブラウザで書いた記事\nDate: 2026-11-30 09:05\nSlug: browser-post\n\n"
    "ブラウザから書きました。\n"
)
# What the CMS wrote for the English side left empty (tests/test_admin_browser.py).
LEFT_EMPTY = (
    "Date: 2026-11-30 09:05\nSlug: browser-post\nCategory: 未分類\nStatus: draft\n\n\n"
)
ABOUT_JA = "Title: 会社概要\n\n日本語の本文。\n"


@pytest.mark.parametrize(
    "text",
    [
        LEFT_EMPTY,
        "",
        " \n\n\t\n",
        "\ufeff\r\n",
        "Title: \nDate: 2026-11-30 09:05\n\n",  # a title field left empty
        "Image: {static}/images/a.png\n\n  \n",
    ],
)
def test_a_file_with_nothing_the_author_wrote_is_unwritten(text):
    assert is_unwritten(text)


@pytest.mark.parametrize(
    "text",
    [
        "Title: Written\n\n",
        LEFT_EMPTY + "Body.\n",
        "Date: 2026-11-30 09:05\nSummary: a summary\n\n",
        "Title：書いた\n",  # a header line the checks correct, not nothing
        "\nTitle: below an empty line\n",
    ],
)
def test_a_file_with_anything_the_author_wrote_is_not(text):
    assert not is_unwritten(text)


@pytest.mark.parametrize("name", ["x.en.md", "a[b]*?.en.md"])
def test_the_ignore_pattern_matches_the_file_s_name_and_no_other(name):
    # Pelican matches IGNORE_FILES against base names with fnmatch.
    pattern = ignore_pattern(f"posts/{name}")
    assert fnmatch.fnmatch(name, pattern)
    assert not fnmatch.fnmatch("xx.en.md", pattern)
    assert not fnmatch.fnmatch("ab.en.md", pattern)


def test_a_long_file_is_read_no_further(tmp_path):
    from site_common.untranslated import MAX_UNWRITTEN_BYTES, short_text

    short, long = tmp_path / "short.en.md", tmp_path / "long.en.md"
    short.write_text(LEFT_EMPTY, encoding="utf-8")
    long.write_text(" " * (MAX_UNWRITTEN_BYTES + 1), encoding="utf-8")
    assert short_text(short) == LEFT_EMPTY
    assert short_text(long) is None


def test_the_cms_fills_in_by_itself_only_what_an_unwritten_file_may_hold():
    from admin.config import post_fields

    filled = {
        field["name"]
        for field in post_fields(["tag"], ["category"], "未分類")
        if field.get("i18n") == "duplicate" or "default" in field
    }
    assert filled == FILLED_BY_THE_CMS


def resolve(page_url, href):
    return urljoin("/" + page_url, href).lstrip("/")


def test_a_japanese_post_with_its_english_side_left_empty_builds(make_site, tmp_path):
    files = {
        "posts/browser-post.ja.md": JAPANESE,
        "posts/browser-post.en.md": LEFT_EMPTY,
        "posts/spaces.ja.md": JAPANESE.replace("browser-post", "spaces"),
        "posts/spaces.en.md": "  \n\n",
    }
    site = make_site(files)
    assert site.returncode == 0, site.log

    for slug in ("browser-post", "spaces"):
        soup = site.soup(f"posts/{slug}/")
        assert soup.select_one("h1").get_text(strip=True) == "ブラウザで書いた記事"
        assert not (site.output / "en" / "posts" / slug).exists()
        toggle = soup.select_one('.lang-toggle a[hreflang="en"]')
        assert toggle["data-counterpart"] == "missing"
        assert resolve(f"posts/{slug}/", toggle["href"]) == "en/"
        assert not soup.select('link[rel=alternate][hreflang="en"]')
    # The English home lists it as a post only in Japanese, leading to it.
    english_home = site.soup("en/")
    title = english_home.select_one('.post-card__title a[href$="/browser-post/"]')
    assert resolve("en/", title["href"]) == "posts/browser-post/"
    card = title.find_parent("article")
    assert card.select_one(".post-card__lang-only").get_text(strip=True) == (
        "Only in Japanese"
    )
    for page in site.pages():
        relative = page.relative_to(site.output).as_posix()
        for link in site.soup(relative).select("a[href]"):
            target = resolve(relative, link["href"])
            assert not target.startswith(("en/posts/browser-post", "en/posts/spaces"))
    # The build never touches the author's files.
    content = tmp_path / "content"
    for relative, text in files.items():
        assert (content / relative).read_text(encoding="utf-8") == text


def test_an_empty_post_in_the_default_language_is_refused_by_name(make_site):
    site = make_site(
        {"posts/empty.ja.md": " \n", "posts/empty.en.md": LEFT_EMPTY},
    )
    assert site.returncode == 1
    assert "content/posts/empty.ja.md: the file is empty" in site.log
    assert "empty.en.md" not in site.log


def test_an_untranslated_file_sharing_its_name_with_another_is_refused(
    make_site, tmp_path
):
    site = make_site(
        {
            "posts/about.ja.md": JAPANESE.replace("browser-post", "about-post"),
            "posts/about.en.md": LEFT_EMPTY,
        },
    )
    assert site.returncode == 1
    problem = next(
        line for line in site.log.splitlines() if "is not translated yet" in line
    )
    assert problem.startswith("ERROR: content/posts/about.en.md: ")
    assert "content/pages/about.en.md has the same file name" in problem
    # The real About page was read, not hidden with the empty post.
    assert (tmp_path / "content" / "posts" / "about.en.md").read_text(
        encoding="utf-8"
    ) == LEFT_EMPTY


def test_the_translation_status_shows_the_post_without_english(tmp_path):
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "browser-post.ja.md").write_text(JAPANESE, encoding="utf-8")
    (posts / "browser-post.en.md").write_text(LEFT_EMPTY, encoding="utf-8")
    sources = translations.find_sources(tmp_path / "content")
    rows = translations.status_rows(sources)
    assert rows == [("posts/browser-post", "ブラウザで書いた記事", "-", "missing")]
    with pytest.raises(translations.NotMarked) as refused:
        translations.mark_up_to_date(sources, "browser-post")
    assert "is not translated yet" in str(refused.value)
    assert (posts / "browser-post.en.md").read_text(encoding="utf-8") == LEFT_EMPTY
