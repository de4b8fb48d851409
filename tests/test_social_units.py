"""The social plugin's pure functions and Markdown extensions, tested directly."""

import json
from urllib.parse import parse_qs, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from site_common.images import image_size
from site_common.markup_problems import problems_in
from social.links import profiles, share_links
from social.markdown_extensions import (
    REPORTER,
    LinkReferencesExtension,
    TweetExtension,
    TweetSyntaxError,
    parse_tweet_url,
)
from social.metadata import html_to_text, json_ld_script, shorten
from social.settings import DEFAULTS, social_settings

CANONICAL = "https://example.org/posts/jinmyaku-zukuri/"
SOCIAL = {**DEFAULTS, "x_handle": "MHeartstrings"}


def query_of(url):
    return parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)


@pytest.mark.parametrize(
    "title",
    ["重要な人脈作りに必要なこと", 'A<B & "C"', "100% #1 ?x=1&y=2 / 人脈+勇気"],
)
def test_share_links_parse_back_to_the_canonical_url_and_title(title):
    links = {
        link["service"]: link["url"] for link in share_links(CANONICAL, title, SOCIAL)
    }
    assert list(links) == ["x", "facebook", "line", "hatena"]

    assert links["x"].startswith("https://x.com/intent/tweet?")
    assert query_of(links["x"]) == {
        "text": [title],
        "url": [CANONICAL],
        "via": ["MHeartstrings"],
    }
    assert links["facebook"].startswith("https://www.facebook.com/sharer/sharer.php?")
    assert query_of(links["facebook"]) == {"u": [CANONICAL]}
    assert links["line"].startswith("https://social-plugins.line.me/lineit/share?")
    assert query_of(links["line"]) == {"url": [CANONICAL]}
    assert links["hatena"].startswith("https://b.hatena.ne.jp/add?")
    assert query_of(links["hatena"]) == {
        "mode": ["confirm"],
        "url": [CANONICAL],
        "title": [title],
    }
    for url in links.values():
        assert url.isascii() and " " not in url and '"' not in url and "<" not in url


def test_share_on_x_names_no_account_when_there_is_no_handle():
    links = share_links(CANONICAL, "title", {**SOCIAL, "x_handle": ""})
    assert "via" not in query_of(links[0]["url"])


def test_profiles_leave_out_an_empty_facebook_address():
    assert [p["url"] for p in profiles(SOCIAL)] == ["https://x.com/MHeartstrings"]
    with_facebook = {**SOCIAL, "facebook_url": "https://www.facebook.com/example"}
    assert [p["service"] for p in profiles(with_facebook)] == ["x", "facebook"]


@pytest.mark.parametrize(
    "text", ['A<B & "C"', "</script><script>alert(1)</script>", "<!-- x -->", "\u2028"]
)
def test_json_ld_cannot_break_out_of_its_script_element(text):
    data = {"headline": text, "keywords": [text]}
    script = json_ld_script(data)
    assert not set(script) & {"<", ">", "&", "\u2028"}
    assert json.loads(script) == data


def test_the_default_share_image_is_the_size_networks_ask_for():
    path = ROOT / "theme" / "static" / "images" / "og-default.png"
    assert image_size(path) == (1200, 630)


def site_settings(**given):
    return {
        "SOCIAL": given,
        "SITEURL": "",
        "PATH": str(ROOT / "content"),
        "THEME": str(ROOT / "theme"),
        "THEME_STATIC_DIR": "theme",
    }


@pytest.mark.parametrize(
    ("siteurl", "given", "expected"),
    [
        ("", "", "http://127.0.0.1:8000"),
        ("https://example.org/", "", "https://example.org"),
        (
            "https://example.org",
            "https://mirror.example.net/blog/",
            "https://mirror.example.net/blog",
        ),
        ("../..", "", "http://127.0.0.1:8000"),
    ],
)
def test_canonical_addresses_start_from_an_absolute_site_url(siteurl, given, expected):
    settings = {**site_settings(site_url=given), "SITEURL": siteurl}
    resolved, problems = social_settings(settings)
    assert (resolved["site_url"], problems) == (expected, [])


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({"x_handel": "MHeartstrings"}, 'SOCIAL has no key "x_handel"'),
        ({"x_handle": "@MHeartstrings"}, 'SOCIAL["x_handle"] should be'),
        ({"facebook_url": "facebook.com/someone"}, 'SOCIAL["facebook_url"]'),
        ({"site_url": "example.org"}, 'SOCIAL["site_url"]'),
        ({"site_url": "https://user@example.org"}, 'SOCIAL["site_url"]'),
        ({"links": {"beijing-blog": "not a url"}}, 'SOCIAL["links"]'),
        ({"author_bio": "平林孝之"}, 'SOCIAL["author_bio"]'),
        (
            {"default_image": {"path": "images/none.png", "alt": {}}},
            'SOCIAL["default_image"]["path"]: there is no file images/none.png',
        ),
        (
            {"default_image": {"path": "../../pyproject.toml", "alt": {}}},
            'SOCIAL["default_image"]["path"]: \'../../pyproject.toml\' leads out',
        ),
    ],
)
def test_bad_settings_are_named(given, named):
    _social, problems = social_settings(site_settings(**given))
    assert [problem.path for problem in problems] == ["settings"]
    assert named in problems[0].message


def test_default_image_gets_its_size_and_theme_address():
    settings = site_settings(
        default_image={"path": "images/og-default.png", "alt": {"ja": "画像"}}
    )
    image = social_settings(settings)[0]["default_image"]
    assert image == {
        "path": "theme/images/og-default.png",
        "width": 1200,
        "height": 630,
        "alt": {"ja": "画像"},
    }


def test_html_to_text_decodes_entities_and_drops_tags():
    html = "<p>A&lt;B &amp; &quot;C&quot;\n<em>人脈</em></p>"
    assert html_to_text(html) == 'A<B & "C" 人脈'


def test_shorten_cuts_at_a_sentence_end_and_keeps_short_text():
    text = "人脈は勇気から生まれる。" * 20
    short = shorten(text, 100)
    assert short.endswith("。") and len(short) <= 100
    assert shorten("短い。", 100) == "短い。"
    assert shorten("あ" * 120, 100) == "あ" * 100 + "…"


def render(text, **links):
    extensions = ["extra", TweetExtension(), LinkReferencesExtension(links=links)]
    html = markdown.markdown(text, extensions=extensions, output_format="html5")
    return BeautifulSoup(html, "lxml")


def test_a_quoted_tweet_with_a_status_url_and_a_date():
    soup = render(
        "Before\n\n::: tweet\nauthor: PVマフィア\n"
        "url: https://x.com/pv_mafia/status/1034567890123456789\ndate: 2018-08-20\n\n"
        "人脈はこうした「勇気」から生まれるんだ\n二行目 *not emphasis* & <b>\n\n"
        "second paragraph\n:::\n\nAfter"
    )
    quote = soup.select_one("blockquote.tweet")
    assert quote["cite"] == "https://x.com/pv_mafia/status/1034567890123456789"
    texts = quote.select("p.tweet__text")
    assert [list(p.stripped_strings) for p in texts] == [
        ["人脈はこうした「勇気」から生まれるんだ", "二行目 *not emphasis* & <b>"],
        ["second paragraph"],
    ]
    assert texts[0].select("br") and not texts[0].select("em, b")
    assert quote.select_one(".tweet__author").get_text() == "PVマフィア"
    handle = quote.select_one("a.tweet__handle")
    assert handle.get_text() == "@pv_mafia"
    assert handle["href"] == "https://x.com/pv_mafia/status/1034567890123456789"
    assert quote.select_one("time")["datetime"] == "2018-08-20"
    assert [p.get_text() for p in soup.select("body > p")] == ["Before", "After"]


def test_a_quoted_tweet_needs_no_date_and_may_link_a_profile():
    soup = render("::: tweet\nurl: https://twitter.com/pv_mafia\n人脈\n:::")
    quote = soup.select_one("blockquote.tweet")
    assert quote.select_one("a.tweet__handle")["href"] == "https://twitter.com/pv_mafia"
    assert not quote.select("time") and not quote.select(".tweet__author")
    assert quote.select_one("p").get_text() == "人脈"


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("::: tweet\nauthor: A\n\ntext\n:::", "field 'url' is missing"),
        ("::: tweet\nurl: https://x.com/a\n:::", "text is missing"),
        (
            "::: tweet\nurl: https://example.org/a\n\ntext\n:::",
            "url 'https://example.org/a'",
        ),
        (
            "::: tweet\nurl: https://x.com/a\ndate: 20 Aug 2018\n\nt\n:::",
            "date '20 Aug 2018'",
        ),
        ("::: tweet\nurl: https://x.com/a\n\ntext", "never closed"),
        (
            "::: tweet\nurl: https://x.com/a\n\ntext\n\nmore\n\n"
            "::: tweet\nurl: https://x.com/b\n\nother\n:::",
            "never closed",
        ),
        (
            "::: tweet\nurl: https://x.com\\@evil.example/a/status/1\n\nt\n:::",
            "is not the address of a post",
        ),
    ],
)
def test_a_broken_tweet_block_leaves_a_marker_naming_the_mistake(block, message):
    html = str(render(block))
    problems = problems_in(html, REPORTER, "content/posts/x.ja.md")
    assert len(problems) == 1
    assert problems[0].path == "content/posts/x.ja.md"
    assert problems[0].message.startswith("tweet block")
    assert message in problems[0].message


def test_an_unclosed_tweet_block_swallows_nothing_after_it():
    soup = render(
        "::: tweet\nurl: https://x.com/a\n\ntext\n\n## Heading\n\n"
        "::: tweet\nurl: https://x.com/b\n\nother\n:::\n\nAfter"
    )
    assert soup.select_one("h2").get_text() == "Heading"
    quotes = soup.select("blockquote.tweet")
    assert [q.select_one("a")["href"] for q in quotes] == ["https://x.com/b"]
    assert soup.select("body > p")[-1].get_text() == "After"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.com/pv_mafia", ("pv_mafia", None, "https://x.com/pv_mafia")),
        (
            "https://x.com/pv_mafia/status/123",
            ("pv_mafia", "123", "https://x.com/pv_mafia/status/123"),
        ),
        (
            "https://mobile.twitter.com/pv_mafia/status/123/",
            ("pv_mafia", "123", "https://mobile.twitter.com/pv_mafia/status/123/"),
        ),
        # A browser reads tabs away and backslashes as slashes: this is x.com.
        (
            "https://x.c\tom\\pv_mafia",
            ("pv_mafia", None, "https://x.com/pv_mafia"),
        ),
    ],
)
def test_parse_tweet_url(url, expected):
    assert parse_tweet_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://x.com\\@evil.example/a/status/1",
        "https://evil.example\\x.com/a",
        "https://x.com@evil.example/a",
        "https://x.com:pw@evil.example/a",
        "https://evil.example/x.com/a",
        "javascript://x.com/%0aalert(1)",
        "https://x.com:8443/a",
    ],
)
def test_a_tweet_url_a_browser_would_not_open_on_x_is_refused(url):
    with pytest.raises(TweetSyntaxError, match="is not the address of a post"):
        parse_tweet_url(url)


def test_a_reference_with_an_address_becomes_a_link():
    soup = render(
        "On [my blog][Beijing-Blog], more.", **{"beijing-blog": "https://example.org/b"}
    )
    link = soup.select_one("a")
    assert link["href"] == "https://example.org/b"
    assert link.get_text() == "my blog"


def test_a_reference_without_an_address_leaves_plain_words():
    soup = render("On [my *own* blog][beijing-blog], more.", **{"beijing-blog": ""})
    paragraph = soup.select_one("p")
    assert not soup.select("a")
    assert paragraph.get_text() == "On my own blog, more."
    assert paragraph.select_one("em").get_text() == "own"


def test_references_without_an_address_are_unwrapped_wherever_they_are():
    text = (
        "[first][beijing-blog] and [kept](https://example.org/k)\n\n"
        "- an item with *[second][beijing-blog]* and [third][beijing-blog]\n"
        "- [fourth][beijing-blog]"
    )
    soup = render(text, **{"beijing-blog": ""})
    assert [a["href"] for a in soup.select("a")] == ["https://example.org/k"]
    assert soup.select_one("p").get_text() == "first and kept"
    items = [item.get_text() for item in soup.select("li")]
    assert items == ["an item with second and third", "fourth"]
    assert soup.select_one("li em").get_text() == "second"


def test_a_reference_defined_in_the_post_wins_over_the_setting():
    text = "[blog][beijing-blog]\n\n[beijing-blog]: https://example.org/mine"
    soup = render(text, **{"beijing-blog": ""})
    assert soup.select_one("a")["href"] == "https://example.org/mine"
