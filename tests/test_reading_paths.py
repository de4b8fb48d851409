"""Table of contents, previous/next and related posts: the pure functions, and
on built pages in both languages (plugins/reading_paths)."""

import random
import shutil
from datetime import datetime
from types import SimpleNamespace

import pytest
from conftest import CONTENT, build_site, write_content
from reading_paths.reading_paths import (
    TocEntry,
    neighbours,
    reading_list,
    related,
    table_of_contents,
    topic_index,
    topics,
)

# -- table_of_contents -------------------------------------------------------------


def test_table_of_contents_lists_sections_with_their_subsections():
    html = (
        '<p>intro</p><h2 id="one">1. <em>One</em></h2><h3 id="one-a">A &amp; B</h3>'
        '<h2 id="two">Two</h2><h2 id="three">Three</h2>'
    )
    assert table_of_contents(html) == (
        TocEntry("one", "1. One", (TocEntry("one-a", "A & B"),)),
        TocEntry("two", "Two"),
        TocEntry("three", "Three"),
    )


def test_table_of_contents_needs_enough_sections():
    html = '<h2 id="a">A</h2><h3 id="a1">A1</h3><h3 id="a2">A2</h3><h2 id="b">B</h2>'
    assert table_of_contents(html) == ()
    assert len(table_of_contents(html, min_headings=2)) == 2


def test_table_of_contents_skips_headings_without_an_anchor():
    html = '<h2>no id</h2><h2 id="a">A</h2><h2 id="b">B</h2><h3 id="c">C</h3>'
    assert [entry.anchor for entry in table_of_contents(html, 2)] == ["a", "b"]


# -- posts in a language -------------------------------------------------------------


def post(slug, lang, day, tags=(), category=None):
    return SimpleNamespace(
        slug=slug,
        lang=lang,
        date=datetime(2024, 1, day),
        source_path=f"{slug}.{lang}.md",
        tags=[SimpleNamespace(name=name) for name in tags],
        category=SimpleNamespace(name=category) if category else None,
        translations=[],
        title=slug,
    )


def translated(original, translation):
    original.translations = [translation]
    translation.translations = [original]
    return original, translation


@pytest.fixture
def posts():
    """a (ja+en), b (ja only), c (ja+en), d (en only); a is oldest."""
    a_ja, a_en = translated(
        post("a", "ja", 1, ["人脈", "勇気"], "人脈"), post("a", "en", 1, ["courage"])
    )
    b_ja = post("b", "ja", 2, ["勇気"], "書き方")
    c_ja, c_en = translated(
        post("c", "ja", 3, ["キャリア"], "人脈"), post("c", "en", 3, ["career"])
    )
    d_en = post("d", "en", 4, ["courage"], "Notes")
    return SimpleNamespace(
        a_ja=a_ja, a_en=a_en, b_ja=b_ja, c_ja=c_ja, c_en=c_en, d_en=d_en
    )


def everything(p):
    return [p.a_ja, p.a_en, p.b_ja, p.c_ja, p.c_en, p.d_en]


def test_reading_list_has_each_post_once_in_the_language_where_it_can(posts):
    p = posts
    assert reading_list(everything(p), "en", "ja") == [p.d_en, p.c_en, p.b_ja, p.a_en]
    assert reading_list(everything(p), "ja", "ja") == [p.d_en, p.c_ja, p.b_ja, p.a_ja]


def test_neighbours_are_the_older_and_newer_posts_of_the_same_language(posts):
    p = posts
    english = reading_list(everything(p), "en", "ja")
    around = neighbours(english, p.c_en)
    assert (around.older, around.newer) == (p.b_ja, p.d_en)
    oldest = neighbours(english, p.a_en)
    assert (oldest.older, oldest.newer) == (None, p.b_ja)
    assert neighbours(english, p.a_ja) == neighbours([], p.a_ja)  # not listed


def test_related_posts_share_tags_then_category_same_language_first(posts):
    p = posts
    japanese = reading_list(everything(p), "ja", "ja")
    # b shares 勇気; c shares only the category; d shares "courage" with a's
    # English version, but is in English: after the Japanese ones.
    assert related(japanese, p.a_ja) == [p.b_ja, p.c_ja, p.d_en]
    assert related(japanese, p.a_ja, limit=1) == [p.b_ja]


def test_related_posts_leave_out_the_post_itself_and_unrelated_ones(posts):
    p = posts
    english = reading_list(everything(p), "en", "ja")
    found = related(english, p.c_en)
    assert p.c_en not in found and p.c_ja not in found
    assert found == [p.a_en]  # same category (人脈) through its Japanese version
    assert related(english, p.d_en) == [p.a_en]  # "courage"


def related_by_comparing_every_post(articles, article, limit):
    """The definition of related posts, post against post, as the index must find
    them: most shared tags, then the category, own language first, newest first."""
    tags, categories = topics(article)
    own = [article, *article.translations]
    scored = []
    for position, other in enumerate(articles):
        if any(other is member for member in own):
            continue
        other_tags, other_categories = topics(other)
        shared = len(tags & other_tags)
        same_category = bool(categories & other_categories)
        if shared or same_category:
            key = (other.lang != article.lang, -shared, not same_category, position)
            scored.append((key, other))
    return [other for _, other in sorted(scored, key=lambda pair: pair[0])[:limit]]


def test_related_posts_found_through_the_index_are_those_of_the_definition():
    rng = random.Random(7)
    names = ["人脈", "勇気", "キャリア", "courage", "career", "habits"]
    everything = []
    for number in range(60):
        ja = post(
            f"p{number}",
            "ja",
            1 + number % 28,
            rng.sample(names, rng.randint(0, 3)),
            rng.choice([None, "人脈", "書き方"]),
        )
        everything.append(ja)
        if rng.random() < 0.6:
            en = post(f"p{number}", "en", 1 + number % 28, rng.sample(names, 2))
            everything.extend(translated(ja, en)[1:])
    for lang in ("ja", "en"):
        listing = reading_list(everything, lang, "ja")
        index = topic_index(listing)
        for article in everything:
            expected = related_by_comparing_every_post(listing, article, 5)
            assert related(listing, article, 5, index=index) == expected
            assert related(listing, article, 5) == expected


# -- on built pages -------------------------------------------------------------------

POST = """\
Title: {title}
Date: 2024-01-{day:02d} 10:00
Category: {category}
Tags: {tags}
{extra}
{body}
"""

SECTIONS_JA = "\n\n本文。\n\n".join(
    ["## 最初の節", "### 小見出し", "## 二つ目", "## 三つ目", ""]
)
SECTIONS_EN = "\n\nText.\n\n".join(
    ["## First", "### A detail", "## Second", "## Third", ""]
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Three posts in Japanese, two translated, one only in Japanese."""

    folder = tmp_path_factory.mktemp("reading-paths")
    files = {
        "posts/ichi.ja.md": POST.format(
            title="一つ目の記事",
            day=1,
            category="人脈",
            tags="人脈, 勇気",
            extra="",
            body=SECTIONS_JA,
        ),
        "posts/ichi.en.md": POST.format(
            title="The first post",
            day=1,
            category="Connections",
            tags="connections, courage",
            extra="Translation: true\n",
            body=SECTIONS_EN,
        ),
        "posts/ni.ja.md": POST.format(
            title="二つ目の記事",
            day=2,
            category="書き方",
            tags="勇気",
            extra="",
            body="短い記事です。\n",
        ),
        "posts/san.ja.md": POST.format(
            title="三つ目の記事",
            day=3,
            category="人脈",
            tags="キャリア",
            extra="",
            body="## 一\n\n本文。\n\n## 二\n\n本文。\n",
        ),
        "posts/san.en.md": POST.format(
            title="The third post",
            day=3,
            category="Connections",
            tags="career",
            extra="Translation: true\n",
            body="## One\n\nText.\n\n## Two\n\nText.\n",
        ),
    }
    content = write_content(folder / "content", files)
    shutil.copytree(CONTENT / "pages", content / "pages")
    built = build_site(content, folder / "output")
    assert built.returncode == 0, built.log
    return built


@pytest.mark.parametrize(
    ("url", "label", "anchors"),
    [
        ("posts/ichi/", "目次", ["最初の節", "小見出し", "二つ目", "三つ目"]),
        ("en/posts/ichi/", "Contents", ["first", "a-detail", "second", "third"]),
    ],
)
def test_a_post_with_three_sections_has_a_table_of_contents(site, url, label, anchors):
    soup = site.soup(url)
    nav = soup.select_one("nav.toc")
    assert soup.find(id=nav["aria-labelledby"]).get_text(strip=True) == label
    assert nav.select_one("details > summary").get_text(strip=True) == label
    links = [a["href"] for a in nav.select("a")]
    assert links == [f"#{anchor}" for anchor in anchors]
    for anchor in anchors:  # each link leads to a heading of the post
        assert soup.select_one(".post-body").find(id=anchor).name in {"h2", "h3"}


@pytest.mark.parametrize("url", ["posts/san/", "en/posts/san/", "posts/ni/"])
def test_a_post_with_fewer_sections_has_none(site, url):
    assert site.soup(url).select_one("nav.toc") is None


def post_nav(soup):
    nav = soup.select_one("nav.post-nav")
    older = nav.select_one(".post-nav__item--older a")
    newer = nav.select_one(".post-nav__item--newer a")
    return (older and older["href"], newer and newer["href"]), nav


def test_previous_and_next_posts_in_japanese(site):
    (older, newer), _ = post_nav(site.soup("posts/ni/"))
    assert (older, newer) == ("../../posts/ichi/", "../../posts/san/")


def test_previous_and_next_posts_in_english_include_an_untranslated_one_marked(site):
    (older, newer), nav = post_nav(site.soup("en/posts/ichi/"))
    assert older is None
    assert newer == "../../../posts/ni/"  # only in Japanese: shown in Japanese
    link = nav.select_one(".post-nav__item--newer a")
    assert (link["lang"], link["hreflang"]) == ("ja", "ja")
    mark = nav.select_one(".post-nav__item--newer .post-link__lang-only")
    assert mark.get_text(strip=True) == "Only in Japanese"
    assert nav["aria-label"] == "More posts"
    (older, newer), _ = post_nav(site.soup("en/posts/san/"))
    assert (older, newer) == ("../../../posts/ni/", None)


def related_links(soup):
    return [a["href"] for a in soup.select("section.related a")]


def test_related_posts_in_both_languages(site):
    japanese = site.soup("posts/ichi/")
    assert japanese.select_one("#related-title").get_text() == "関連する記事"
    # ni shares the tag 勇気; san only the category 人脈.
    assert related_links(japanese) == ["../../posts/ni/", "../../posts/san/"]
    english = site.soup("en/posts/ichi/")
    assert english.select_one("#related-title").get_text() == "Related posts"
    # The English translation of san first, then ni, only in Japanese.
    assert related_links(english) == ["../../../en/posts/san/", "../../../posts/ni/"]


@pytest.mark.parametrize(
    ("url", "target", "words"),
    [
        ("posts/ni/", "../../consultation/", "体験セッション・ご相談"),
        ("en/posts/ichi/", "../../../en/consultation/", "Book a session"),
    ],
)
def test_every_post_ends_with_a_call_to_book_a_session(site, url, target, words):
    soup = site.soup(url)
    box = soup.select_one("article .consult-cta")
    link = box.select_one("a.button")
    assert (link["href"], link.get_text(strip=True)) == (target, words)
    assert soup.find(id=box["aria-labelledby"]).name == "h2"
    # after the post's words
    assert box.find_previous(class_="post-body") is not None
