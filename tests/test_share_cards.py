"""Share cards: the title's line breaks and size, and the cards of a real build."""

import itertools
import runpy

import pytest
from conftest import ROOT, build_site, write_content
from PIL import Image, ImageChops
from share_cards.drawing import (
    CARD_SIZE,
    MAX_TITLE_LINES,
    TITLE_SIZES,
    draw_card,
    load_font,
)
from share_cards.layout import (
    NO_LINE_END,
    NO_LINE_START,
    fit_title,
    wrap_title,
)
from share_cards.share_cards import DEFAULTS, card_look, theme_colours

PREVIEW = "http://127.0.0.1:8000/"
SIZE = 40  # the test font's size: a Japanese character is SIZE pixels wide


def title_font(size=SIZE):
    return load_font(DEFAULTS["title_font"], DEFAULTS["font_index"], size, 0)


def meta(soup, key):
    tags = soup.select(f'meta[property="{key}"], meta[name="{key}"]')
    assert len(tags) == 1, f"{len(tags)} <meta> {key}"
    return tags[0]["content"]


def post(title, slug="a", lang="ja", extra=""):
    return (
        f"Title: {title}\nDate: 2024-05-06 07:08\nCategory: 人脈\nTags: 人脈\n"
        f"Slug: {slug}\nLang: {lang}\nSummary: 要約。\n{extra}\n本文。\n"
    )


# -- line breaks (pure) ---------------------------------------------------------

TRICKY_TITLES = [
    "「人脈」は、勇気から生まれる。",
    "私は、それでも「はい」と言った。",
    "ちょっと待って……本当にそれでいいの？",
    "キャリアの（本当の）意味を、もう一度問う",
    "サッカー、ジャズ、そしてコーチング。",
    "北京で学んだ『人生迷路』の抜け方」",
    "ぁっちゃぃ、ゅょ。ーっ！",
]


@pytest.mark.parametrize("title", TRICKY_TITLES)
@pytest.mark.parametrize("characters", [2, 3, 4, 5, 6, 7, 9, 12])
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
    title, characters
):
    lines = wrap_title(title, "ja", title_font(), characters * SIZE)
    assert "".join(lines) == title
    for line, next_line in itertools.pairwise(lines):
        assert next_line[0] not in NO_LINE_START, lines
        assert line[-1] not in NO_LINE_END, lines
        assert line[-1] + next_line[0] not in ("……", "――"), lines


def test_japanese_breaks_between_phrases_not_inside_words():
    lines = wrap_title("重要な人脈作りに必要なこと", "ja", title_font(), 10 * SIZE)
    assert lines == ["重要な人脈作りに", "必要なこと"]


def test_a_closing_mark_stays_with_its_phrase():
    # Eight characters wide: "「人脈」は、勇気か" would fit, but a line may
    # not end before 、 nor start with it.
    lines = wrap_title("「人脈」は、勇気から生まれる。", "ja", title_font(), 8 * SIZE)
    assert lines[0] == "「人脈」は、"


def test_english_breaks_at_spaces_only():
    title = "What It Takes to Build the Connections That Matter"
    lines = wrap_title(title, "en", title_font(), 12 * SIZE)
    assert len(lines) > 1
    assert " ".join(lines) == title


# -- the size of the title (pure) ------------------------------------------------

WIDTH = CARD_SIZE[0] - 224


def test_a_short_title_is_set_at_the_largest_size():
    size, lines = fit_title(
        "人脈は勇気から", "ja", title_font, WIDTH, TITLE_SIZES, MAX_TITLE_LINES
    )
    assert size == max(TITLE_SIZES)
    assert lines == ["人脈は勇気から"]


def test_a_title_longer_than_three_lines_shrinks():
    title = (
        "パラレルキャリアを始める前に知っておきたい、人脈と勇気と時間の使い方について"
    )
    largest = max(TITLE_SIZES)
    assert len(wrap_title(title, "ja", title_font(largest), WIDTH)) > MAX_TITLE_LINES
    size, lines = fit_title(title, "ja", title_font, WIDTH, TITLE_SIZES, 3)
    assert size < largest
    assert len(lines) <= MAX_TITLE_LINES
    assert "".join(lines) == title
    assert all(title_font(size).getlength(line) <= WIDTH for line in lines)


def test_a_title_too_long_at_the_smallest_size_is_cut_with_an_ellipsis():
    title = "人脈と勇気について" * 12
    size, lines = fit_title(title, "ja", title_font, WIDTH, TITLE_SIZES, 3)
    assert size == min(TITLE_SIZES)
    assert len(lines) == MAX_TITLE_LINES
    assert lines[-1].endswith("…")
    assert all(title_font(size).getlength(line) <= WIDTH for line in lines)


def test_a_character_the_font_lacks_is_left_out_not_drawn_as_a_box(tmp_path):
    settings = runpy.run_path(str(ROOT / "pelicanconf.py"))
    css = (ROOT / "theme" / "static" / "css" / "style.css").read_text()
    colours, _ = theme_colours(css, "style.css")
    look = card_look(settings, DEFAULTS, colours, "ja")
    with_emoji = draw_card("人脈づくり🚀、はじめの一歩", "ja", look)
    without = draw_card("人脈づくり、はじめの一歩", "ja", look)
    assert not differ(with_emoji, without)


# -- cards of a real build ---------------------------------------------------------


@pytest.fixture
def two_posts(tmp_path):
    return write_content(
        tmp_path / "content",
        {
            "posts/a.ja.md": post("重要な人脈作りに必要なこと"),
            "posts/a.en.md": post(
                "What It Takes to Build the Connections That Matter",
                lang="en",
                extra="Translation: true\n",
            ),
            "posts/b.ja.md": post("勇気から生まれる人脈", slug="b"),
        },
    )


def card_of(site, url):
    """The card a page's og:image names, opened, after checking the other tags."""
    soup = site.soup(url)
    image_url = meta(soup, "og:image")
    assert meta(soup, "twitter:image") == image_url
    assert image_url == PREVIEW + url + "card.png"
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == (
        "1200",
        "630",
    )
    assert soup.select_one("h1").get_text(strip=True) in meta(soup, "og:image:alt")
    path = site.path(image_url.removeprefix(PREVIEW))
    assert path.is_file()
    return Image.open(path)


def differ(first, second):
    return ImageChops.difference(first.convert("RGB"), second.convert("RGB")).getbbox()


def test_every_post_has_its_own_card_in_each_language(two_posts, tmp_path):
    site = build_site(
        two_posts, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache")
    )
    assert site.returncode == 0, site.log
    cards = {url: card_of(site, url) for url in ("posts/a/", "en/posts/a/", "posts/b/")}
    for card in cards.values():
        assert card.size == CARD_SIZE
        assert card.format == "PNG"
    assert differ(cards["posts/a/"], cards["en/posts/a/"])
    assert differ(cards["posts/a/"], cards["posts/b/"])
    # Listing pages keep the site's card, one per language.
    assert meta(site.soup(""), "og:image") == PREVIEW + "theme/images/og-default.ja.png"
    assert meta(site.soup("en/"), "og:image") == PREVIEW + "theme/images/og-default.png"


def test_a_post_image_wins_over_its_card(tmp_path):
    content = write_content(
        tmp_path / "content",
        {
            "posts/a.ja.md": post(
                "表紙つき", extra="Image: images/c.png\nImage_Alt: 表紙\n"
            )
        },
    )
    (content / "images").mkdir()
    Image.new("RGB", (800, 420), (10, 20, 30)).save(content / "images" / "c.png")
    site = build_site(content, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    assert site.returncode == 0, site.log
    assert meta(site.soup("posts/a/"), "og:image") == PREVIEW + "images/c.png"


def test_a_second_build_draws_no_card(two_posts, tmp_path):
    cache = tmp_path / "cache"
    first = build_site(two_posts, tmp_path / "first", CACHE_PATH=str(cache))
    assert first.returncode == 0, first.log
    drawn = {path.name: path.stat().st_mtime_ns for path in cache.rglob("*.png")}
    assert len(drawn) == 3

    second = build_site(two_posts, tmp_path / "second", CACHE_PATH=str(cache))
    assert second.returncode == 0, second.log
    again = {path.name: path.stat().st_mtime_ns for path in cache.rglob("*.png")}
    assert again == drawn
    for url in ("posts/a/", "en/posts/a/", "posts/b/"):
        assert second.path(url + "card.png").read_bytes() == (
            first.path(url + "card.png").read_bytes()
        )

    # A changed title is drawn again, and only that one.
    (two_posts / "posts" / "b.ja.md").write_text(
        post("勇気から生まれる本当の人脈", slug="b"), encoding="utf-8"
    )
    third = build_site(two_posts, tmp_path / "third", CACHE_PATH=str(cache))
    assert third.returncode == 0, third.log
    after = {path.name: path.stat().st_mtime_ns for path in cache.rglob("*.png")}
    assert set(after) - set(drawn) and len(after) == 4
    assert {name: after[name] for name in drawn} == drawn


def test_the_build_stops_without_the_font(two_posts, tmp_path):
    missing = str(tmp_path / "NotoSansCJK-Bold.ttc")
    site = build_site(
        two_posts,
        tmp_path / "output",
        CACHE_PATH=str(tmp_path / "cache"),
        SHARE_CARDS={"title_font": missing},
    )
    assert site.returncode == 1
    assert (
        f'ERROR: settings: SHARE_CARDS["title_font"]: there is no font {missing}; '
        "install it with: sudo apt-get install fonts-noto-cjk" in site.log
    )
    assert not (tmp_path / "output").exists()
    assert not (tmp_path / "cache").exists()


def test_the_build_stops_with_a_font_without_japanese(two_posts, tmp_path):
    latin = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    site = build_site(
        two_posts,
        tmp_path / "output",
        CACHE_PATH=str(tmp_path / "cache"),
        SHARE_CARDS={"text_font": latin},
    )
    assert site.returncode == 1
    assert f'SHARE_CARDS["text_font"]: {latin} (face 0) has no Japanese' in site.log
    assert "empty boxes" in site.log
