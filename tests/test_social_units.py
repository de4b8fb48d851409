"""The social plugin's pure functions and Markdown extensions, tested directly."""

import json
import struct
import sys
import zlib
from urllib.parse import parse_qs, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))

from social import social
from social.markdown_extensions import (
    LinkReferencesExtension,
    TweetExtension,
    TweetSyntaxError,
    parse_tweet_url,
)

CANONICAL = "https://example.org/posts/jinmyaku-zukuri/"
SOCIAL = {**social.DEFAULTS, "x_handle": "MHeartstrings"}


def query_of(url):
    return parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)


@pytest.mark.parametrize(
    "title",
    ["重要な人脈作りに必要なこと", 'A<B & "C"', "100% #1 ?x=1&y=2 / 人脈+勇気"],
)
def test_share_links_parse_back_to_the_canonical_url_and_title(title):
    links = {
        link["service"]: link["url"]
        for link in social.share_links(CANONICAL, title, SOCIAL)
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
    links = social.share_links(CANONICAL, "title", {**SOCIAL, "x_handle": ""})
    assert "via" not in query_of(links[0]["url"])


def test_profiles_leave_out_an_empty_facebook_address():
    assert [p["url"] for p in social.profiles(SOCIAL)] == [
        "https://x.com/MHeartstrings"
    ]
    with_facebook = {**SOCIAL, "facebook_url": "https://www.facebook.com/example"}
    assert [p["service"] for p in social.profiles(with_facebook)] == ["x", "facebook"]


@pytest.mark.parametrize(
    "text", ['A<B & "C"', "</script><script>alert(1)</script>", "<!-- x -->", "\u2028"]
)
def test_json_ld_cannot_break_out_of_its_script_element(text):
    data = {"headline": text, "keywords": [text]}
    script = social.json_ld_script(data)
    assert not set(script) & {"<", ">", "&", "\u2028"}
    assert json.loads(script) == data


def png_bytes(width, height):
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(header))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
    )


def jpeg_bytes(width, height):
    app0 = (
        b"\xff\xe0"
        + struct.pack(">H", 16)
        + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    )
    sof0 = (
        b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    )
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.png", png_bytes(1200, 630)),
        ("a.gif", b"GIF89a" + struct.pack("<HH", 640, 480) + b"\x00" * 8),
        ("a.jpg", jpeg_bytes(800, 418)),
    ],
)
def test_image_size_reads_the_header(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    width, height = social.image_size(tmp_path / name)
    expected = {"a.png": (1200, 630), "a.gif": (640, 480), "a.jpg": (800, 418)}[name]
    assert (width, height) == expected


def test_image_size_refuses_other_files(tmp_path):
    (tmp_path / "a.svg").write_text("<svg/>")
    with pytest.raises(ValueError, match="not a PNG, GIF or JPEG"):
        social.image_size(tmp_path / "a.svg")


def test_the_default_share_image_is_the_size_networks_ask_for():
    path = ROOT / "theme" / "static" / "images" / "og-default.png"
    assert social.image_size(path) == (1200, 630)


def site_settings(**social_settings):
    return {
        "SOCIAL": social_settings,
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
    assert social.social_settings(settings)["site_url"] == expected


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({"x_handel": "MHeartstrings"}, "SOCIAL['x_handel']"),
        ({"x_handle": "@MHeartstrings"}, 'SOCIAL["x_handle"]'),
        ({"facebook_url": "facebook.com/someone"}, 'SOCIAL["facebook_url"]'),
        ({"site_url": "example.org"}, 'SOCIAL["site_url"]'),
        ({"links": {"beijing-blog": "not a url"}}, 'SOCIAL["links"]["beijing-blog"]'),
        ({"author_bio": "平林孝之"}, 'SOCIAL["author_bio"]'),
        (
            {"default_image": {"path": "images/none.png", "alt": {}}},
            'SOCIAL["default_image"]["path"]: there is no file images/none.png',
        ),
    ],
)
def test_bad_settings_are_named(given, named):
    with pytest.raises(social.SocialSettingsError) as error:
        social.social_settings(site_settings(**given))
    assert named in str(error.value)


def test_default_image_gets_its_size_and_theme_address():
    settings = site_settings(
        default_image={"path": "images/og-default.png", "alt": {"ja": "画像"}}
    )
    image = social.social_settings(settings)["default_image"]
    assert image == {
        "path": "theme/images/og-default.png",
        "width": 1200,
        "height": 630,
        "alt": {"ja": "画像"},
    }


def test_html_to_text_decodes_entities_and_drops_tags():
    html = "<p>A&lt;B &amp; &quot;C&quot;\n<em>人脈</em></p>"
    assert social.html_to_text(html) == 'A<B & "C" 人脈'


def test_shorten_cuts_at_a_sentence_end_and_keeps_short_text():
    text = "人脈は勇気から生まれる。" * 20
    short = social.shorten(text, 100)
    assert short.endswith("。") and len(short) <= 100
    assert social.shorten("短い。", 100) == "短い。"
    assert social.shorten("あ" * 120, 100) == "あ" * 100 + "…"


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
    ],
)
def test_a_broken_tweet_block_is_named(block, message):
    with pytest.raises(TweetSyntaxError, match="tweet block") as error:
        render(block)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.com/pv_mafia", ("pv_mafia", None)),
        ("https://x.com/pv_mafia/status/123", ("pv_mafia", "123")),
        ("https://mobile.twitter.com/pv_mafia/status/123/", ("pv_mafia", "123")),
    ],
)
def test_parse_tweet_url(url, expected):
    assert parse_tweet_url(url) == expected


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


def test_a_reference_defined_in_the_post_wins_over_the_setting():
    text = "[blog][beijing-blog]\n\n[beijing-blog]: https://example.org/mine"
    soup = render(text, **{"beijing-blog": ""})
    assert soup.select_one("a")["href"] == "https://example.org/mine"
