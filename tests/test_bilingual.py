"""The bilingual site: listings, toggle, alternates, feeds, sitemap, both languages."""

from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from bilingual.translation_status import source_digest
from conftest import CONTENT, build_site, write_content
from lxml import etree

BOTH_JA = """Title: 両方ある記事
Date: 2024-01-10 09:00
Category: 人脈
Tags: 人脈, 勇気
Summary: 日本語の要約。

日本語の本文。
"""

STALE_JA = """Title: 古い翻訳の記事
Date: 2024-01-07 09:00
Category: 人脈

原文は翻訳のあとで書き換えられました。
"""


def both_en(digest):
    return f"""Title: A post in both languages
Date: 2024-01-10 09:00
Translation: true
Source_Digest: {digest}
Category: Connections
Tags: connections, courage
Summary: The English summary.

The English body.
"""


FILES = {
    "posts/both.ja.md": BOTH_JA,
    "posts/both.en.md": both_en(source_digest(BOTH_JA)),
    "posts/ja-only.ja.md": (
        "Title: 日本語だけの記事\nDate: 2024-01-09 09:00\nCategory: 人脈\n"
        "Tags: 勇気\n\n日本語だけです。\n"
    ),
    "posts/en-only.en.md": (
        "Title: Only in English\nDate: 2024-01-08 09:00\nCategory: Notes\n"
        "Tags: solo\n\nEnglish only.\n"
    ),
    "posts/stale.ja.md": STALE_JA,
    "posts/stale.en.md": (
        "Title: A stale translation\nDate: 2024-01-07 09:00\nTranslation: true\n"
        "Source_Digest: 000000000000\nCategory: Connections\n\nOld text.\n"
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bilingual")
    content = write_content(folder / "content", FILES)
    write_content(
        content,
        {
            f"pages/{p.name}": p.read_text(encoding="utf-8")
            for p in (CONTENT / "pages").glob("*.md")
        },
    )
    built = build_site(content, folder / "output")
    assert built.returncode == 0, built.log
    return built


def toggle_link(soup, lang):
    return soup.select_one(f'.lang-toggle a[hreflang="{lang}"]')


def resolve(page_url, href):
    """Site-relative address of `href` found on the page at `page_url`."""
    return urljoin("/" + page_url, href).lstrip("/")


def listed_titles(soup):
    return {a.get_text(strip=True): a for a in soup.select(".post-card__title a[href]")}


# -- html lang ---------------------------------------------------------------------


def test_every_page_declares_its_language(site):
    for page in site.pages():
        relative = page.relative_to(site.output).as_posix()
        expected = "en" if relative.startswith("en/") else "ja"
        assert site.soup(relative).html["lang"] == expected, relative


# -- listings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["en/", "en/archives/", "en/tags/", "en/categories/", "en/authors/", "en/about/"],
)
def test_english_listings_exist(site, url):
    assert site.path(url).is_file()
    assert site.soup(url).html["lang"] == "en"


def test_english_home_lists_each_post_once_in_english_where_it_can(site):
    titles = listed_titles(site.soup("en/"))
    assert set(titles) == {
        "A post in both languages",
        "日本語だけの記事",
        "Only in English",
        "A stale translation",
    }
    assert resolve("en/", titles["A post in both languages"]["href"]) == (
        "en/posts/both/"
    )


def test_japanese_only_post_on_english_listing_is_marked_and_links_to_japanese(site):
    link = listed_titles(site.soup("en/"))["日本語だけの記事"]
    assert link["lang"] == "ja"
    assert resolve("en/", link["href"]) == "posts/ja-only/"
    card = link.find_parent(class_="post-card")
    assert card.select_one(".post-card__lang-only").get_text(strip=True) == (
        "Only in Japanese"
    )


def test_english_only_post_is_on_japanese_listing_marked_english(site):
    link = listed_titles(site.soup(""))["Only in English"]
    assert link["lang"] == "en"
    assert resolve("", link["href"]) == "en/posts/en-only/"
    card = link.find_parent(class_="post-card")
    assert card.select_one(".post-card__lang-only").get_text(strip=True) == "英語のみ"


def test_english_archives_list_japanese_only_posts_with_their_language(site):
    soup = site.soup("en/archives/")
    links = {a.get_text(strip=True): a for a in soup.select(".archive-list a")}
    assert links["日本語だけの記事"]["lang"] == "ja"
    assert "lang" not in links["A post in both languages"].attrs


def test_english_post_tags_lead_to_english_tag_pages(site):
    soup = site.soup("en/posts/both/")
    tag_urls = [
        resolve("en/posts/both/", a["href"]) for a in soup.select(".tag-list a")
    ]
    assert tag_urls == ["en/tag/connections/", "en/tag/courage/"]
    tag_page = site.soup(tag_urls[0])
    assert tag_page.html["lang"] == "en"
    assert "A post in both languages" in listed_titles(tag_page)


# -- the toggle --------------------------------------------------------------------


def test_toggle_leads_from_a_post_to_its_translation_and_back(site):
    link = toggle_link(site.soup("posts/both/"), "en")
    assert (link["lang"], link.get_text(strip=True)) == ("en", "English")
    assert resolve("posts/both/", link["href"]) == "en/posts/both/"
    back = toggle_link(site.soup("en/posts/both/"), "ja")
    assert (back["lang"], back.get_text(strip=True)) == ("ja", "日本語")
    assert resolve("en/posts/both/", back["href"]) == "posts/both/"


def test_toggle_on_untranslated_post_says_so_and_leads_home(site):
    link = toggle_link(site.soup("posts/ja-only/"), "en")
    assert resolve("posts/ja-only/", link["href"]) == "en/"
    assert link["data-counterpart"] == "missing"
    assert "This post is not available in English yet" in link.get_text()
    back = toggle_link(site.soup("en/posts/en-only/"), "ja")
    assert resolve("en/posts/en-only/", back["href"]) == ""
    assert "日本語版はまだありません" in back.get_text()


@pytest.mark.parametrize(
    ("url", "counterpart"),
    [
        ("", "en/"),
        ("archives/", "en/archives/"),
        ("tags/", "en/tags/"),
        ("categories/", "en/categories/"),
        ("authors/", "en/authors/"),
        ("about/", "en/about/"),
        ("en/about/", "about/"),
    ],
)
def test_toggle_on_listings_and_pages_leads_to_the_same_page(site, url, counterpart):
    link = toggle_link(site.soup(url), "en" if not url.startswith("en/") else "ja")
    assert resolve(url, link["href"]) == counterpart
    assert "data-counterpart" not in link.attrs


def test_toggle_on_tag_with_known_counterpart_leads_to_it(site):
    post = site.soup("posts/both/")
    courage = next(a for a in post.select(".tag-list a") if a.text == "勇気")
    tag_url = resolve("posts/both/", courage["href"])
    link = toggle_link(site.soup(tag_url), "en")
    assert resolve(tag_url, link["href"]) == "en/tag/courage/"
    back = toggle_link(site.soup("en/tag/courage/"), "ja")
    assert resolve("en/tag/courage/", back["href"]) == tag_url


def test_toggle_on_tag_without_counterpart_leads_to_tag_index(site):
    link = toggle_link(site.soup("en/tag/solo/"), "ja")
    assert resolve("en/tag/solo/", link["href"]) == "tags/"


def test_every_toggle_link_leads_to_a_page_that_exists(site):
    for page in site.pages():
        relative = page.relative_to(site.output).as_posix()
        for link in site.soup(relative).select(".lang-toggle a"):
            assert site.path(resolve(relative, link["href"])).is_file(), relative


# -- translation status --------------------------------------------------------------


def test_outdated_translation_shows_a_notice_linking_to_the_original(site):
    soup = site.soup("en/posts/stale/")
    notice = soup.select_one('[data-translation-status="outdated"]')
    assert notice is not None
    original = notice.select_one("a[hreflang=ja]")
    assert resolve("en/posts/stale/", original["href"]) == "posts/stale/"
    assert "has changed" in notice.get_text()


def test_up_to_date_translation_has_no_outdated_notice(site):
    soup = site.soup("en/posts/both/")
    assert soup.select_one('[data-translation-status="outdated"]') is None
    assert soup.select_one('[data-translation-status="ok"]') is not None


def test_build_lists_outdated_translations(site):
    assert "stale.en.md: is an outdated translation" in " ".join(site.log.split())
    assert "both.en.md is an outdated" not in " ".join(site.log.split())


# -- alternates, feeds, sitemap -------------------------------------------------------


def alternates(soup, page_url):
    return {
        link["hreflang"]: resolve(page_url, link["href"])
        for link in soup.select("link[rel=alternate][hreflang]")
    }


def test_counterparts_link_each_other_with_hreflang_and_x_default(site):
    expected = {"ja": "posts/both/", "en": "en/posts/both/", "x-default": "posts/both/"}
    assert alternates(site.soup("posts/both/"), "posts/both/") == expected
    assert alternates(site.soup("en/posts/both/"), "en/posts/both/") == expected


def test_untranslated_post_has_no_hreflang_alternates(site):
    assert alternates(site.soup("posts/ja-only/"), "posts/ja-only/") == {}


@pytest.mark.parametrize(
    ("path", "lang", "titles"),
    [
        (
            "feeds/all.atom.xml",
            "ja",
            {"両方ある記事", "日本語だけの記事", "古い翻訳の記事"},
        ),
        (
            "en/feeds/all.atom.xml",
            "en",
            {"A post in both languages", "Only in English", "A stale translation"},
        ),
    ],
)
def test_each_language_has_its_own_feed(site, path, lang, titles):
    feed = feedparser.parse(site.output / path)
    assert not feed.bozo, feed.bozo_exception
    assert {entry.title for entry in feed.entries} == titles
    assert feed.feed.get("language") == lang
    home = "/" if lang == "ja" else "/en/"
    assert (feed.feed.link, feed.feed.id) == (home, home)


def test_feeds_are_linked_from_pages_of_their_language(site):
    for url, feed in (("", "feeds/all.atom.xml"), ("en/", "en/feeds/all.atom.xml")):
        link = site.soup(url).select_one('link[type="application/atom+xml"]')
        assert resolve(url, link["href"]) == feed


def test_sitemap_lists_every_page_with_its_alternates(site):
    tree = etree.parse(str(site.output / "sitemap.xml"))
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    entries = {
        url.findtext("s:loc", namespaces=ns).lstrip("/"): url
        for url in tree.getroot().findall("s:url", ns)
    }
    pages = {
        p.relative_to(site.output).as_posix().removesuffix("index.html")
        for p in site.pages()
        if p.name != "404.html"  # error pages are not for search engines
    }
    assert set(entries) == pages
    both = entries["posts/both/"].findall("x:link", ns)
    assert {(link.get("hreflang"), link.get("href").lstrip("/")) for link in both} == {
        ("ja", "posts/both/"),
        ("en", "en/posts/both/"),
    }


# -- interface words and dates ---------------------------------------------------------


def test_interface_and_dates_are_in_the_page_language(site):
    ja, en = site.soup("posts/both/"), site.soup("en/posts/both/")
    assert ja.select_one(".site-nav a").get_text() == "ホーム"
    assert en.select_one(".site-nav a").get_text() == "Home"
    assert ja.select_one(".post-meta time").get_text() == "2024年1月10日"
    assert en.select_one(".post-meta time").get_text() == "January 10, 2024"


# -- pagination --------------------------------------------------------------------


def test_paginated_listings_exist_in_both_languages_and_toggle_page_to_page(tmp_path):
    content = write_content(tmp_path / "content", FILES)
    built = build_site(content, tmp_path / "output", DEFAULT_PAGINATION=1)
    assert built.returncode == 0, built.log
    assert built.path("page/4/").is_file() and built.path("en/page/4/").is_file()
    link = toggle_link(built.soup("page/2/"), "en")
    assert resolve("page/2/", link["href"]) == "en/page/2/"
    older = built.soup("en/").select_one(".pagination a[rel=next]")
    assert resolve("en/", older["href"]) == "en/page/2/"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"LANGUAGES": ["en"]},
            'ERROR: settings: DEFAULT_LANG "ja" is not one of the site\'s languages',
        ),
        (
            {"BILINGUAL": {"languages": ["ja", "en"]}},
            'ERROR: settings: BILINGUAL has no key "languages"',
        ),
        (
            {"BILINGUAL": {"tag_names": {"人脈": "connections"}}},
            'ERROR: settings: BILINGUAL["tag_names"] should be a dict of',
        ),
    ],
)
def test_wrong_setting_fails_the_build_naming_it(tmp_path, settings, message):
    content = write_content(tmp_path / "content", FILES)
    built = build_site(content, tmp_path / "output", **settings)
    assert built.returncode != 0
    assert message in built.log
    assert "Traceback" not in built.log
    assert not (tmp_path / "output").exists()


def test_real_site_first_post_toggles_to_its_translation(real_site):
    link = toggle_link(real_site.soup("posts/jinmyaku-zukuri/"), "en")
    assert resolve("posts/jinmyaku-zukuri/", link["href"]) == (
        "en/posts/jinmyaku-zukuri/"
    )
    assert Path(real_site.path("en/posts/jinmyaku-zukuri/")).is_file()


def test_posts_without_category_are_filed_under_the_default_in_each_language(
    make_site,
):
    site = make_site(
        {
            "posts/plain.ja.md": "Title: 分類なし\nDate: 2024-02-01 09:00\n\n本文。\n",
            "posts/plain.en.md": (
                "Title: No category\nDate: 2024-02-01 09:00\nTranslation: true\n\n"
                "Body.\n"
            ),
        }
    )
    assert site.returncode == 0, site.log
    ja_category = site.soup("posts/plain/").select_one(".post-meta a")
    en_category = site.soup("en/posts/plain/").select_one(".post-meta a")
    assert ja_category.get_text(strip=True) == "未分類"
    assert en_category.get_text(strip=True) == "Uncategorized"
    en_url = resolve("en/posts/plain/", en_category["href"])
    assert en_url.startswith("en/category/")
    toggle = toggle_link(site.soup(en_url), "ja")
    assert resolve(en_url, toggle["href"]) == resolve(
        "posts/plain/", ja_category["href"]
    )


def test_japanese_only_post_is_on_the_english_page_of_its_tags_twin(site):
    # ja-only.ja.md is tagged 勇気, whose English twin is "courage" (settings).
    titles = listed_titles(site.soup("en/tag/courage/"))
    assert titles["日本語だけの記事"]["lang"] == "ja"
    assert "A post in both languages" in titles
    card = titles["日本語だけの記事"].find_parent(class_="post-card")
    assert card.select_one(".tag-list")["aria-label"] == "Tags"
    assert {a["lang"] for a in card.select(".tag-list a")} == {"ja"}
    # its category 人脈 has the twin "Connections" too
    assert "日本語だけの記事" in listed_titles(site.soup("en/category/connections/"))
