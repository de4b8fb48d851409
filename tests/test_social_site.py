"""Social plugin on built sites: metadata, JSON-LD, share links, profiles, escaping."""

import json
import runpy
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from conftest import (
    CONTENT,
    OTHER_POST,
    ROOT,
    SAVED_POST,
    build_site,
    quick_pass_and_full_build,
    write_content,
)
from PIL import Image

PREVIEW = "http://127.0.0.1:8000/"
SITENAME = "Life Integration Coaching Lab."
FIRST_POST = "posts/jinmyaku-zukuri/"
FIRST_POST_EN = "en/posts/jinmyaku-zukuri/"
LOCALES = {"ja": "ja_JP", "en": "en_US"}
SOCIAL = runpy.run_path(str(ROOT / "pelicanconf.py"))["SOCIAL"]

POSTS = [
    (FIRST_POST, "ja", FIRST_POST_EN, "en"),
    (FIRST_POST_EN, "en", FIRST_POST, "ja"),
]
ABOUT_PAGES = [("about/", "ja", "en/about/", "en"), ("en/about/", "en", "about/", "ja")]


def meta(soup, key):
    """The content of <meta property=key> or <meta name=key> (exactly one)."""
    tags = soup.select(f'meta[property="{key}"], meta[name="{key}"]')
    assert len(tags) == 1, f"{len(tags)} <meta> {key}"
    return tags[0]["content"]


def metas(soup, key):
    return [tag["content"] for tag in soup.select(f'meta[property="{key}"]')]


def json_ld(soup):
    """Every JSON-LD block of a page, parsed, by @type."""
    blocks = [
        json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')
    ]
    return {block["@type"]: block for block in blocks}


def query_of(url):
    return parse_qs(urlsplit(url).query, strict_parsing=True)


def relative_url(site, page):
    relative = page.relative_to(site.output).as_posix()
    return relative.removesuffix("index.html")


def post(title="A post", tags="one, two", extra="", body="Text."):
    return (
        f"Title: {title}\nDate: 2024-05-06 07:08\nCategory: 人脈\nTags: {tags}\n"
        f"Summary: A summary.\n{extra}\n{body}\n"
    )


# -- the real site ------------------------------------------------------------


@pytest.mark.parametrize(("url", "lang", "other_url", "other_lang"), POSTS)
def test_posts_have_every_social_meta_tag_in_their_language(
    real_site, url, lang, other_url, other_lang
):
    soup = real_site.soup(url)
    canonical = PREVIEW + url
    assert soup.select_one('link[rel="canonical"]')["href"] == canonical
    assert meta(soup, "og:url") == canonical
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == soup.select_one("h1").get_text(strip=True)
    assert meta(soup, "og:site_name") == SITENAME
    assert meta(soup, "og:description") == meta(soup, "description") != ""
    assert meta(soup, "og:locale") == LOCALES[lang]
    assert metas(soup, "og:locale:alternate") == [LOCALES[other_lang]]

    image = meta(soup, "og:image")
    assert image == PREVIEW + url + "card.png"  # the post's share card
    assert real_site.path(image.removeprefix(PREVIEW)).is_file()
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == (
        "1200",
        "630",
    )
    assert meta(soup, "og:image:alt").startswith(meta(soup, "og:title"))

    for key in ("article:published_time", "article:modified_time"):
        when = datetime.fromisoformat(meta(soup, key))
        assert when.utcoffset() == timedelta(hours=9), key
    assert meta(soup, "article:section") == soup.select_one(".post-meta a").get_text()
    tags = [a.get_text() for a in soup.select(".post-header .tag-list a")]
    assert metas(soup, "article:tag") == tags and len(tags) == 3

    assert meta(soup, "twitter:card") == "summary_large_image"
    assert (
        meta(soup, "twitter:site") == meta(soup, "twitter:creator") == "@MHeartstrings"
    )


def test_japanese_and_english_descriptions_are_the_summaries(real_site):
    ja = meta(real_site.soup(FIRST_POST), "og:description")
    en = meta(real_site.soup(FIRST_POST_EN), "og:description")
    assert ja.startswith("本当に活きる人脈") and ja.endswith("お話しします。")
    assert en.startswith("How do you build") and en.endswith("changed my career.")


def test_every_page_has_absolute_canonical_and_open_graph_tags(real_site):
    for page in real_site.pages():
        url = relative_url(real_site, page)
        soup = real_site.soup(url)
        canonical = soup.select_one('link[rel="canonical"]')["href"]
        assert canonical == PREVIEW + url, page
        assert meta(soup, "og:url") == canonical, page
        assert meta(soup, "og:type") in {"article", "website"}, page
        assert meta(soup, "og:title") and meta(soup, "og:description"), page
        assert meta(soup, "og:locale") == LOCALES[soup.html["lang"]], page
        assert meta(soup, "og:image").startswith(PREVIEW), page
        assert meta(soup, "twitter:card") == "summary_large_image", page
        for block in json_ld(soup).values():
            assert block["@context"] == "https://schema.org", page


def test_a_listing_is_titled_without_the_site_name(real_site):
    soup = real_site.soup("archives/")
    assert meta(soup, "og:type") == "website"
    assert meta(soup, "og:title") == "アーカイブ"
    crumbs = json_ld(soup)["BreadcrumbList"]["itemListElement"]
    assert [(c["name"], c["item"]) for c in crumbs] == [
        (SITENAME, PREVIEW),
        ("アーカイブ", PREVIEW + "archives/"),
    ]


@pytest.mark.parametrize(("url", "lang", "other_url", "other_lang"), POSTS)
def test_blog_posting_json_ld_names_its_counterpart(
    real_site, url, lang, other_url, other_lang
):
    soup = real_site.soup(url)
    data = json_ld(soup)
    posting = data["BlogPosting"]
    canonical = PREVIEW + url
    assert posting["headline"] == soup.select_one("h1").get_text(strip=True)
    assert posting["inLanguage"] == lang
    assert posting["mainEntityOfPage"]["@id"] == canonical == posting["url"]
    assert posting["description"] == meta(soup, "description")
    assert datetime.fromisoformat(posting["datePublished"]).utcoffset() is not None
    assert posting["image"]["url"] == meta(soup, "og:image")
    assert posting["image"]["width"] == 1200
    assert posting["author"]["@type"] == "Person"
    assert (
        posting["author"]["name"]
        == {"ja": "平林孝之", "en": "Takayuki Hirabayashi"}[lang]
    )
    assert "https://x.com/MHeartstrings" in posting["author"]["sameAs"]
    assert posting["publisher"]["name"] == SITENAME

    if lang == "ja":
        assert "translationOfWork" not in posting
        (counterpart,) = posting["workTranslation"]
    else:
        assert "workTranslation" not in posting
        counterpart = posting["translationOfWork"]
    assert counterpart["url"] == PREVIEW + other_url
    assert counterpart["inLanguage"] == other_lang
    other_title = real_site.soup(other_url).select_one("h1").get_text(strip=True)
    assert counterpart["headline"] == other_title

    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert crumbs[-1]["item"] == canonical and crumbs[0]["name"] == SITENAME


@pytest.mark.parametrize(("url", "lang", "other_url", "other_lang"), ABOUT_PAGES)
def test_pages_are_web_pages_linked_to_their_translation(
    real_site, url, lang, other_url, other_lang
):
    soup = real_site.soup(url)
    assert meta(soup, "og:type") == "website"
    assert not soup.select('meta[property^="article:"]')
    assert metas(soup, "og:locale:alternate") == [LOCALES[other_lang]]
    page = json_ld(soup)["WebPage"]
    linked = page.get("workTranslation", [None])[0] or page.get("translationOfWork")
    assert linked["url"] == PREVIEW + other_url


def test_the_home_page_describes_the_website(real_site):
    website = json_ld(real_site.soup(""))["WebSite"]
    assert website["url"] == PREVIEW
    assert website["name"] == SITENAME
    assert website["inLanguage"] == "ja"


@pytest.mark.parametrize("url", [FIRST_POST, FIRST_POST_EN, "about/", "en/about/"])
def test_share_links_carry_the_canonical_url_and_title(real_site, url):
    soup = real_site.soup(url)
    canonical = PREVIEW + url
    title = soup.select_one("h1").get_text(strip=True)
    links = {
        a["href"].split("?")[0]: query_of(a["href"])
        for a in soup.select("a.share__link")
    }
    assert links == {
        "https://x.com/intent/tweet": {
            "text": [title],
            "url": [canonical],
            "via": ["MHeartstrings"],
        },
        "https://www.facebook.com/sharer/sharer.php": {"u": [canonical]},
        "https://social-plugins.line.me/lineit/share": {"url": [canonical]},
        "https://b.hatena.ne.jp/add": {
            "mode": ["confirm"],
            "url": [canonical],
            "title": [title],
        },
    }
    for link in soup.select("a.share__link"):
        assert link.select_one('svg[role="img"]')["aria-label"], link
    box = soup.select_one("[data-share]")
    assert (box["data-share-url"], box["data-share-title"]) == (canonical, title)
    assert soup.select_one("[data-share-copy]").has_attr("hidden")
    assert soup.select_one("[data-share-native]").has_attr("hidden")
    script = soup.select_one('script[src$="js/share.js"]')
    assert script.has_attr("defer")


def test_listings_have_no_share_links(real_site):
    assert not real_site.soup("").select(".share")


def test_no_page_loads_anything_from_another_host(real_site):
    loaded = (
        "script[src], img[src], iframe, frame, embed, object, video, audio, source, "
        "link[rel~=stylesheet], link[rel~=preload], link[rel~=modulepreload], "
        "link[rel~=icon], link[rel~=manifest]"
    )
    foreign = []
    for page in real_site.pages():
        url = relative_url(real_site, page)
        soup = real_site.soup(url)
        for tag in soup.select(loaded):
            for attribute in ("src", "href", "data", "srcset"):
                if tag.has_attr(attribute):
                    target = urljoin(PREVIEW + url, tag[attribute].split()[0])
                    if not target.startswith(PREVIEW):
                        foreign.append(
                            f"{url}: <{tag.name} {attribute}={tag[attribute]}>"
                        )
            if tag.name in {"iframe", "frame", "embed", "object"}:
                foreign.append(f"{url}: <{tag.name}>")
        inline = soup.select('script:not([src]):not([type="application/ld+json"])')
        foreign += [f"{url}: inline script" for _ in inline]
        handlers = [
            f"{url}: <{tag.name} {name}>"
            for tag in soup.find_all(True)
            for name in tag.attrs
            if name.startswith("on")
        ]
        foreign += handlers
    assert foreign == []


def test_links_opening_a_new_tab_keep_no_opener(real_site):
    for page in real_site.pages():
        soup = real_site.soup(relative_url(real_site, page))
        for link in soup.select('a[target="_blank"]'):
            assert "noopener" in link.get("rel", []), (page, link)


@pytest.mark.parametrize(
    ("url", "name", "role", "lang"),
    [
        (FIRST_POST, "平林孝之", "パラレルキャリアコーチ", "ja"),
        (FIRST_POST_EN, "Takayuki Hirabayashi", "Parallel-career coach", "en"),
    ],
)
def test_each_post_ends_with_the_author_box(real_site, url, name, role, lang):
    soup = real_site.soup(url)
    box = soup.select_one("article .author-box")
    assert box.find_previous_sibling(class_="post-body")
    assert (
        box.select_one(".author-box__name").get_text(" ", strip=True)
        == f"{name} {role}"
    )
    assert box.select_one(".author-box__bio").get_text() == SOCIAL["author_bio"][lang]
    profile = box.select_one('a[href="https://x.com/MHeartstrings"]')
    assert profile.select_one("span").get_text() == "@MHeartstrings"
    assert profile.select_one('svg[role="img"]')["aria-label"] == "X"
    assert not box.select('a[href*="facebook.com"]')


def test_pages_and_listings_have_no_author_box(real_site):
    assert not real_site.soup("about/").select(".author-box")
    assert not real_site.soup("").select(".author-box")


def test_every_page_shows_the_authors_profiles(real_site):
    for page in real_site.pages():
        soup = real_site.soup(relative_url(real_site, page))
        footer = soup.select_one("footer.site-footer")
        links = [a["href"] for a in footer.select(".social-profiles a")]
        assert links == ["https://x.com/MHeartstrings"], page


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (FIRST_POST, "私の北京生活ブログ"),
        (FIRST_POST_EN, "my blog about life in Beijing"),
    ],
)
def test_the_unset_beijing_blog_link_leaves_plain_words(real_site, url, words):
    body = real_site.soup(url).select_one(".post-body")
    paragraph = next(p for p in body.select("p") if words in p.get_text())
    assert not paragraph.select("a")
    assert (
        "[" not in paragraph.get_text() and "beijing-blog" not in paragraph.get_text()
    )


@pytest.mark.parametrize(
    ("url", "author"), [(FIRST_POST, "PVマフィア"), (FIRST_POST_EN, "PV Mafia")]
)
def test_the_first_post_quotes_the_tweet_statically(real_site, url, author):
    quote = real_site.soup(url).select_one(".post-body blockquote.tweet")
    assert quote.select_one(".tweet__author").get_text() == author
    handle = quote.select_one("a.tweet__handle")
    assert (handle.get_text(), handle["href"]) == (
        "@pv_mafia",
        "https://x.com/pv_mafia",
    )


# -- small sites ------------------------------------------------------------------


def test_beijing_blog_link_uses_the_address_when_it_is_set(make_site):
    text = (CONTENT / "posts" / "jinmyaku-zukuri.ja.md").read_text(encoding="utf-8")
    links = {"beijing-blog": "https://example.org/beijing/?a=1&b=2"}
    site = make_site(
        {"posts/jinmyaku-zukuri.ja.md": text}, SOCIAL={**SOCIAL, "links": links}
    )
    assert site.returncode == 0, site.log
    link = site.soup(FIRST_POST).select_one(
        '.post-body a[href^="https://example.org/"]'
    )
    assert link["href"] == "https://example.org/beijing/?a=1&b=2"
    assert link.get_text() == "私の北京生活ブログ"


def test_a_facebook_address_adds_the_profile_everywhere(make_site):
    facebook = "https://www.facebook.com/example.profile"
    site = make_site(
        {"posts/a.ja.md": post()}, SOCIAL={**SOCIAL, "facebook_url": facebook}
    )
    assert site.returncode == 0, site.log
    soup = site.soup("posts/a/")
    profile = soup.select_one(f'.author-box a[href="{facebook}"]')
    assert profile.get_text(strip=True) == "Facebook"
    assert profile.select_one("svg")["aria-hidden"] == "true"
    assert soup.select_one(f'footer a[href="{facebook}"]')
    assert facebook in json_ld(soup)["BlogPosting"]["author"]["sameAs"]


def test_production_urls_come_from_an_absolute_siteurl(make_site):
    site = make_site(
        {"posts/a.ja.md": post()}, SITEURL="https://example.org", RELATIVE_URLS=False
    )
    assert site.returncode == 0, site.log
    soup = site.soup("posts/a/")
    assert (
        soup.select_one('link[rel="canonical"]')["href"]
        == "https://example.org/posts/a/"
    )
    assert meta(soup, "og:image") == "https://example.org/posts/a/card.png"
    x_link = soup.select_one("a.share__link--x")["href"]
    assert query_of(x_link)["url"] == ["https://example.org/posts/a/"]
    home = json_ld(site.soup(""))["WebSite"]
    assert home["url"] == "https://example.org/"


def test_a_relative_siteurl_never_leaks_into_canonical_urls(make_site):
    site = make_site(
        {"posts/a.ja.md": post()},
        SOCIAL={**SOCIAL, "site_url": "https://mirror.example.net/blog/"},
    )
    assert site.returncode == 0, site.log
    soup = site.soup("tag/one/")
    expected = "https://mirror.example.net/blog/tag/one/"
    assert soup.select_one('link[rel="canonical"]')["href"] == expected


def write_png(path, width, height):
    """A real PNG file (the build also resizes images, so it must open)."""
    Image.new("RGB", (width, height), (180, 120, 60)).save(path, format="PNG")


def test_a_post_image_replaces_the_default_one(tmp_path):
    extra = "Image: images/cover.png\nImage_Alt: 北京の朝の通り\n"
    content = write_content(tmp_path / "content", {"posts/a.ja.md": post(extra=extra)})
    (content / "images").mkdir()
    write_png(content / "images" / "cover.png", 1000, 524)
    site = build_site(content, tmp_path / "output")
    assert site.returncode == 0, site.log
    soup = site.soup("posts/a/")
    assert meta(soup, "og:image") == PREVIEW + "images/cover.png"
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == (
        "1000",
        "524",
    )
    assert (
        meta(soup, "og:image:alt")
        == meta(soup, "twitter:image:alt")
        == "北京の朝の通り"
    )
    assert json_ld(soup)["BlogPosting"]["image"]["url"] == PREVIEW + "images/cover.png"


TRICKY = 'A<B & "C"'
BREAKOUT = "Ends </script><!-- here"


def test_markup_and_quotes_in_titles_and_tags_are_escaped_everywhere(make_site):
    site = make_site(
        {
            "posts/tricky.ja.md": post(title=TRICKY, tags=f"{TRICKY}, plain"),
            "posts/breakout.ja.md": post(title=BREAKOUT, tags="plain"),
        }
    )
    assert site.returncode == 0, site.log
    for slug, title in (("tricky", TRICKY), ("breakout", BREAKOUT)):
        url = f"posts/{slug}/"
        raw = site.path(url).read_text(encoding="utf-8")
        assert title not in raw and "<B " not in raw and "<!--" not in raw
        soup = site.soup(url)
        assert soup.select_one("h1").get_text() == title
        assert soup.title.get_text().startswith(title)
        assert meta(soup, "og:title") == title
        assert soup.select_one("[data-share]")["data-share-title"] == title
        for link in soup.select("a.share__link--x, a.share__link--hatena"):
            parsed = query_of(link["href"])
            assert (parsed.get("text") or parsed.get("title")) == [title]
        scripts = soup.select('script[type="application/ld+json"]')
        assert len(scripts) == 2
        assert all(s.has_attr("src") for s in soup.select("script") if s not in scripts)
        data = json_ld(soup)
        assert data["BlogPosting"]["headline"] == title
        assert data["BreadcrumbList"]["itemListElement"][-1]["name"] == title

    soup = site.soup("posts/tricky/")
    assert metas(soup, "article:tag") == [TRICKY, "plain"]
    assert json_ld(soup)["BlogPosting"]["keywords"] == [TRICKY, "plain"]
    tag_link = soup.select_one(".post-header .tag-list a")
    assert tag_link.get_text() == TRICKY
    tag_page = site.soup(
        urlsplit(urljoin(PREVIEW + "posts/tricky/", tag_link["href"])).path
    )
    assert TRICKY in meta(tag_page, "og:title")
    crumbs = json_ld(tag_page)["BreadcrumbList"]["itemListElement"]
    assert TRICKY in crumbs[-1]["name"]


@pytest.mark.parametrize(
    ("extra", "body", "named"),
    [
        ("Image: images/missing.png\nImage_Alt: 写真\n", "Text.", "field Image:"),
        ("Image: images/og.png\n", "Text.", "field Image_Alt:"),
        ("Image: ../../pyproject.toml\nImage_Alt: 写真\n", "Text.", "leads out"),
        (
            "Image: {static}/../../../etc/passwd\nImage_Alt: 写真\n",
            "Text.",
            "leads out",
        ),
        ("Image: /etc/passwd\nImage_Alt: 写真\n", "Text.", "no file etc/passwd"),
        (
            "Image: javascript:alert(1)\nImage_Alt: 写真\n",
            "Text.",
            "no file javascript:alert(1)",
        ),
        ("Image: images/text.png\nImage_Alt: 写真\n", "Text.", "not an image"),
        ("Image: images/out.png\nImage_Alt: 写真\n", "Text.", "leads out"),
        (
            "",
            "::: tweet\nurl: https://x.com/a\ndate: 2018/08/20\n\n文\n:::",
            "date '2018/08/20'",
        ),
        ("", "::: tweet\nauthor: A\n\n文\n:::", "field 'url' is missing"),
        ("", "::: tweet\nurl: https://x.com/a\n\n文\n\n続き", "never closed"),
        (
            "",
            "::: tweet\nurl: https://x.com\\\\@evil.example/a/status/1\n\n文\n:::",
            "is not the address of a post",
        ),
        (
            "",
            "::: tweet\nurl: https://x.com@evil.example/a\n\n文\n:::",
            "is not the address of a post",
        ),
    ],
)
def test_a_broken_post_stops_the_build_naming_file_and_field(
    make_site, tmp_path, extra, body, named
):
    outside = tmp_path / "outside.png"
    write_png(outside, 10, 10)
    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "content" / "images" / "out.png").symlink_to(outside)
    (tmp_path / "content" / "images" / "text.png").write_text("not a picture")
    site = make_site({"posts/broken.ja.md": post(extra=extra, body=body)})
    assert site.returncode == 1, site.log
    errors = [line for line in site.log.splitlines() if line.startswith("ERROR:")]
    assert errors[0].startswith("ERROR: content/posts/broken.ja.md: "), site.log
    assert named in errors[0]
    assert "Could not process" not in site.log
    assert "Traceback" not in site.log
    assert "The site was not built" in site.log


HEAD_BREAKERS = {
    "title": "T \"><script>alert(1)</script><!-- & 'q'",
    "summary": 'S "><script>alert(2)</script></script> & <b>bold</b>',
    "tag": "Tag \"q\" & 'x'",  # content_checks refuses HTML in tags
}


def test_nothing_from_a_post_reaches_the_head_unescaped(make_site):
    site = make_site(
        {
            "posts/x.ja.md": (
                f"Title: {HEAD_BREAKERS['title']}\nDate: 2024-05-06\n"
                f"Tags: {HEAD_BREAKERS['tag']}\n"
                f"Summary: {HEAD_BREAKERS['summary']}\n\nText."
            )
        }
    )
    assert site.returncode == 0, site.log
    for url in ("posts/x/", ""):
        head = site.soup(url).head
        # The only scripts in <head> are the site's own files and JSON-LD.
        for script in head.select("script"):
            assert script.has_attr("src") or script["type"] == "application/ld+json"
            assert "alert(" not in (script.get("src") or "")
        assert not head.select("b, title script, meta script")
        raw_head = site.path(url).read_text(encoding="utf-8").split("</head>")[0]
        assert "<script>alert" not in raw_head and "<!--" not in raw_head
        for script in head.select('script[type="application/ld+json"]'):
            assert not set(script.string) & {"<", ">", "&"}
            json.loads(script.string)

    head = site.soup("posts/x/").head
    assert meta(head, "og:title") == HEAD_BREAKERS["title"]
    description = 'S "> & bold'
    assert head.select_one('meta[name="description"]')["content"] == description
    assert meta(head, "og:description") == description
    assert json_ld(head)["BlogPosting"]["description"] == description
    assert json_ld(head)["BlogPosting"]["headline"] == HEAD_BREAKERS["title"]
    assert metas(head, "article:tag") == [HEAD_BREAKERS["tag"]]


def test_a_broken_setting_stops_the_build_naming_it(make_site):
    site = make_site(
        {"posts/a.ja.md": post()}, SOCIAL={**SOCIAL, "x_handle": "@MHeartstrings"}
    )
    assert site.returncode == 1
    assert 'ERROR: settings: SOCIAL["x_handle"] should be an X handle' in site.log
    assert "Traceback" not in site.log


def test_a_quick_pass_reports_the_tweet_mistakes_of_the_file_it_writes(tmp_path):
    """A quick pass (site_common.quick_pass) checks the files it writes; a
    full build, every one."""
    text = "Title: 引用\nDate: 2026-11-24\n\n::: tweet\nurl: https://x.com/a\n\n本文\n"
    (quick_status, quick), (full_status, full) = quick_pass_and_full_build(
        tmp_path, text, "tweet block"
    )
    assert quick_status == 1 and SAVED_POST in quick
    assert full_status == 1
    assert sorted(full) == [OTHER_POST, SAVED_POST]
