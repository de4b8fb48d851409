"""Japanese text in built sites: line breaks, romaji URLs, reading time,
summaries and phrase wrapping, with the real settings, theme and plugins."""

import re
import unicodedata

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, write_content
from pelican.settings import read_settings
from site_common.quick_pass import quick_pass_settings

FIRST_POST = "posts/jinmyaku-zukuri/"
FEED = "feeds/all.atom.xml"  # the Japanese feed

# Written the way a Japanese author writes: lines wrapped anywhere.
WRAPPED_POST = """\
Title: 改行のテスト
Date: 2024-01-02 10:00
Category: 人脈
Tags: 人脈, 勇気, キャリア
Summary: 著者が書いた要約も
    行を折り返せます。

日本語の段落は、著者が好きな
ところで行を折り返して書きます。
日本語と
English が混ざる行
では空白が残ります。

- リストの項目も
  折り返されます
- 二つ目の
  項目

> 引用の中の
> 文章も同じです。

**強調の後で**
改行しても続きます。

    コードブロックの
    改行は残ります

```
フェンスの中の
改行も残ります
```
"""

ENGLISH_POST = """\
Title: Wrapped English
Date: 2024-01-03 10:00
Translation: true
Category: Connections
Tags: connections

An English paragraph
wrapped over
three lines.
"""


def is_wide(char):
    return unicodedata.east_asian_width(char) in "FW"


def stray_breaks(soup):
    """Line breaks between two wide characters in text outside code."""
    found = []
    for string in soup.find_all(string=True):
        if string.find_parent(["pre", "code"]):
            continue
        for match in re.finditer(r"(.)\s*\n\s*(.)", str(string)):
            if is_wide(match.group(1)) and is_wide(match.group(2)):
                found.append(match.group(0))
    return found


def post(title, body, date="2024-01-01 10:00", **metadata):
    lines = [f"Title: {title}", f"Date: {date}"]
    lines += [f"{key.title()}: {value}" for key, value in metadata.items()]
    return "\n".join(lines) + "\n\n" + body + "\n"


def single_spaced(log):
    """The build log with its line wrapping and source locations undone."""
    return " ".join(re.sub(r"\S+\.py:\d+", " ", log).split())


# -- soft line breaks ------------------------------------------------------------


@pytest.fixture
def wrapped_site(make_site):
    site = make_site(
        {
            "posts/wrapped.ja.md": WRAPPED_POST,
            "posts/wrapped.en.md": ENGLISH_POST,
        },
    )
    assert site.returncode == 0, site.log
    return site


def test_wrapped_japanese_lines_join_without_spaces(wrapped_site):
    body = wrapped_site.soup("posts/wrapped/").select_one(".post-body")
    paragraphs = [p.get_text() for p in body.find_all("p", recursive=False)]
    assert paragraphs[0] == (
        "日本語の段落は、著者が好きなところで行を折り返して書きます。日本語と\n"
        "English が混ざる行では空白が残ります。"
    )
    assert paragraphs[1] == "強調の後で改行しても続きます。"
    assert [li.get_text() for li in body.select("li")] == [
        "リストの項目も折り返されます",
        "二つ目の項目",
    ]
    assert body.select_one("blockquote").get_text(strip=True) == (
        "引用の中の文章も同じです。"
    )


def test_code_blocks_keep_their_line_breaks(wrapped_site):
    body = wrapped_site.soup("posts/wrapped/").select_one(".post-body")
    assert [pre.get_text() for pre in body.select("pre")] == [
        "コードブロックの\n改行は残ります\n",
        "フェンスの中の\n改行も残ります\n",
    ]


def test_english_keeps_its_line_breaks(wrapped_site):
    body = wrapped_site.soup("en/posts/wrapped/").select_one(".post-body")
    assert body.p.get_text() == "An English paragraph\nwrapped over\nthree lines."


def test_summaries_and_feeds_have_no_stray_breaks(wrapped_site):
    card = wrapped_site.soup("").select_one(".post-card__summary")
    assert card.get_text(strip=True) == "著者が書いた要約も行を折り返せます。"
    feed = feedparser.parse(wrapped_site.path(FEED).read_text(encoding="utf-8"))
    (entry,) = [e for e in feed.entries if e.title == "改行のテスト"]
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    assert "好きなところで行を折り返して" in content.get_text()
    assert stray_breaks(content) == []
    summary = BeautifulSoup(entry.summary, "html.parser").get_text()
    assert summary.strip() == "著者が書いた要約も行を折り返せます。"


# -- romaji URLs ------------------------------------------------------------------


def test_japanese_tags_categories_and_authors_get_romaji_urls(wrapped_site):
    soup = wrapped_site.soup("posts/wrapped/")
    tags = {a.get_text(): a["href"] for a in soup.select(".tag-list a")}
    assert tags == {
        "人脈": "../../tag/jinmyaku/",
        "勇気": "../../tag/yuuki/",
        "キャリア": "../../tag/kyaria/",
    }
    category = soup.select_one(".post-meta a")
    assert category["href"] == "../../category/jinmyaku/"
    for url in ["tag/jinmyaku/", "category/jinmyaku/"]:
        titles = [a.get_text() for a in wrapped_site.soup(url).select(".post-card a")]
        assert "改行のテスト" in titles, url
    author = wrapped_site.soup("authors/").select_one(".term-list a")
    assert (author.get_text(), author["href"]) == (
        "平林孝之",
        "../author/hirabayashi-takayuki/",
    )
    assert wrapped_site.path("author/hirabayashi-takayuki/").is_file()


def site_slugs(**more):
    """JAPANESE_TEXT with the site's own slugs and `more` ({name: slug})."""
    table = read_settings(str(ROOT / "pelicanconf.py"))["JAPANESE_TEXT"]["slugs"]
    return {"slugs": {**table, **more}}


def refused(site, *lines):
    """The build failed cleanly (status 1, no traceback) saying each line."""
    log = single_spaced(site.log)
    assert site.returncode == 1, site.log
    assert "Traceback" not in site.log
    for line in lines:
        assert line in log


def test_a_japanese_name_missing_from_the_table_stops_the_build(make_site):
    site = make_site(
        {
            "posts/x.ja.md": post("一つ目", "本文です。", tags="人脈, 副業"),
            "posts/y.ja.md": post("二つ目", "本文です。", tags="副業"),
        }
    )
    refused(
        site,
        'content/posts/x.ja.md, content/posts/y.ja.md: Tags "副業" has no slug: '
        'add "副業": "fukugyou" to JAPANESE_TEXT["slugs"] in pelicanconf.py',
    )
    assert "人脈" not in site.log  # in the table


def test_a_name_one_kanji_from_another_posts_name_is_asked_about(make_site):
    site = make_site(
        {
            "posts/x.ja.md": post("一つ目", "本文です。", tags="副業"),
            "posts/y.ja.md": post("二つ目", "本文です。", tags="副行"),
        }
    )
    refused(
        site,
        'content/posts/y.ja.md: Tags "副行" has no slug: is it a typo for "副業"? '
        'If it is a new name, add "副行": ',
    )


def test_names_that_cannot_make_an_address_stop_the_build_naming_file_and_field(
    make_site,
):
    site = make_site(
        {
            "posts/emoji.ja.md": post("絵文字", "本文です。", tags="🎉"),
            "posts/hidden.ja.md": post("見えない", "本文です。", tags="ta\u200bg"),
            "posts/long.ja.md": post("長い", "本文です。", category="word " * 15),
            "posts/writer.ja.md": post("著者", "本文です。", author="東海林"),
        }
    )
    refused(
        site,
        'content/posts/emoji.ja.md: Tags "🎉" has no letters or digits',
        'content/posts/hidden.ja.md: Tags "ta\u200bg" contains an invisible '
        "character (U+200B)",
        "content/posts/long.ja.md: Category",
        "makes an address 74 characters long (at most 60)",
        'content/posts/writer.ja.md: Author "東海林" has no slug: add "東海林": ',
    )


def test_a_japanese_title_without_a_slug_stops_the_build(make_site):
    site = make_site({"posts/note.md": post("勇気の出し方", "本文です。")})
    refused(
        site,
        'content/posts/note.md: Title "勇気の出し方" gives no address: add the line '
        '"Slug: yuuki-no-dashikata"',
    )


def test_a_file_name_or_a_slug_line_gives_a_japanese_post_its_address(make_site):
    site = make_site(
        {
            "posts/yuuki.ja.md": post("勇気の出し方", "本文です。"),
            "posts/other.md": post("人生迷路", "本文です。", slug="life-maze"),
        }
    )
    assert site.returncode == 0, site.log
    assert site.soup("posts/yuuki/").h1.get_text() == "勇気の出し方"
    assert site.soup("posts/life-maze/").h1.get_text() == "人生迷路"


def test_the_slug_of_a_name_can_be_set(make_site):
    site = make_site(
        {"posts/a.ja.md": post("名前", "本文です。", tags="人脈", author="東海林")},
        JAPANESE_TEXT=site_slugs(東海林="shoji", 人脈="connections"),
    )
    assert site.returncode == 0, site.log
    assert site.path("author/shoji/").is_file()
    assert site.path("tag/connections/").is_file()


def test_names_in_other_widths_are_one_name(make_site):
    site = make_site(
        {
            "posts/a.ja.md": post("一つ目", "本文です。", tags="ＡＩ, ｷｬﾘｱ"),
            "posts/b.ja.md": post("二つ目", "本文です。", tags="AI, キャリア"),
        }
    )
    assert site.returncode == 0, site.log
    for url in ["tag/ai/", "tag/kyaria/"]:
        titles = {a.get_text() for a in site.soup(url).select(".post-card h2 a")}
        assert titles == {"一つ目", "二つ目"}, url
    tags = [a.get_text() for a in site.soup("posts/a/").select(".tag-list a")]
    assert tags == ["AI", "キャリア"]


def test_two_tags_with_one_slug_fail_the_build_naming_both(make_site):
    site = make_site(
        {
            "posts/courage.ja.md": post("一つ目", "本文です。", tags="勇気"),
            "posts/organic.ja.md": post("二つ目", "本文です。", tags="有機"),
        },
        JAPANESE_TEXT=site_slugs(有機="yuuki"),
    )
    refused(
        site,
        "tags “勇気” (content/posts/courage.ja.md) and “有機” "
        '(content/posts/organic.ja.md) would both get the address slug "yuuki"',
    )


def test_two_categories_with_one_slug_fail_the_build(make_site):
    site = make_site(
        {
            "posts/a.ja.md": post("一つ目", "本文です。", category="勇気"),
            "posts/b.ja.md": post("二つ目", "本文です。", category="ゆうき"),
        },
        JAPANESE_TEXT=site_slugs(ゆうき="yuuki"),
    )
    refused(
        site,
        "categories “勇気” (content/posts/a.ja.md) and “ゆうき” "
        "(content/posts/b.ja.md)",
    )


def test_names_differing_only_in_case_share_a_tag_as_in_pelican(make_site):
    site = make_site(
        {
            "posts/a.ja.md": post("一つ目", "本文です。", tags="Career"),
            "posts/b.ja.md": post("二つ目", "本文です。", tags="career"),
        }
    )
    assert site.returncode == 0, site.log
    titles = {a.get_text() for a in site.soup("tag/career/").select(".post-card a")}
    assert {"一つ目", "二つ目"} <= titles


def test_a_bad_setting_fails_the_build_naming_it(make_site):
    site = make_site(
        {"posts/a.ja.md": post("名前", "本文です。")},
        JAPANESE_TEXT={"summary_chars": 0},
    )
    assert site.returncode != 0
    assert 'JAPANESE_TEXT["summary_chars"] must be a whole number above 0' in (
        single_spaced(site.log)
    )


# -- reading time -----------------------------------------------------------------


def test_reading_time_in_characters_and_words(make_site):
    japanese = "これは読む時間を測るための文章です。" * 84  # 1512 characters
    english = " ".join(["word"] * 460)
    site = make_site(
        {
            "posts/long.ja.md": post("長い記事", japanese),
            "posts/long.en.md": post("A long post", english, translation="true"),
        }
    )
    assert site.returncode == 0, site.log
    ja = site.soup("posts/long/").select_one(".post-header .reading-time")
    assert ja.get_text() == "約3分で読めます"
    en = site.soup("en/posts/long/").select_one(".post-header .reading-time")
    assert en.get_text() == "2 min read"
    listed = site.soup("").select_one(".post-card .reading-time")
    assert listed.get_text() == "約3分で読めます"
    assert site.soup("about/").select(".reading-time") == []


# -- summaries -------------------------------------------------------------------


def test_summaries_are_cut_at_a_near_sentence_end_in_characters(make_site):
    sentence = "あいうえおかきくけこさしすせそたちつてとなにぬね。"  # 25 characters
    site = make_site(
        {
            "posts/sentences.ja.md": post(
                "文で切る", "## 見出しは要約に入らない\n\n" + sentence * 8
            ),
            "posts/run-on.ja.md": post(
                "途中で切る", "<b>太字の</b>" + "あ" * 200, date="2024-01-02"
            ),
        },
    )
    assert site.returncode == 0, site.log
    cards = {
        card.select_one(".post-card__title").get_text(): card.select_one(
            ".post-card__summary"
        )
        for card in site.soup("").select(".post-card")
    }
    assert cards["文で切る"].get_text(strip=True) == sentence * 4  # 100 characters
    assert cards["文で切る"].select("h2") == []
    assert cards["途中で切る"].get_text(strip=True) == "太字の" + "あ" * 117 + "…"
    feed = feedparser.parse(site.path(FEED).read_text(encoding="utf-8"))
    summaries = {e.title: BeautifulSoup(e.summary, "html.parser") for e in feed.entries}
    assert summaries["文で切る"].get_text(strip=True) == sentence * 4


def test_english_summaries_are_cut_in_words_with_the_lengths_from_settings(
    make_site,
):
    words = [f"word{n}" for n in range(1, 121)]
    site = make_site(
        {"posts/words.en.md": post("Many words", " ".join(words), lang="en")},
        JAPANESE_TEXT={**site_slugs(), "summary_words": 20, "summary_suffix": " [...]"},
    )
    assert site.returncode == 0, site.log
    summary = site.soup("en/posts/words/").select_one('meta[name="description"]')
    assert summary["content"] == " ".join(words[:20]) + " [...]"


def test_summary_written_by_the_author_is_kept(real_site):
    card = real_site.soup("").select_one(".post-card__summary")
    assert card.get_text(strip=True) == (
        "本当に活きる人脈、自分の将来のためになる人脈はどうやって作るのか。"
        "異業種交流会ではなく、「勇気」が発揮されたときに生まれる人脈について、"
        "転機になった私自身の経験からお話しします。"
    )


# -- phrase wrapping --------------------------------------------------------------


def html_parser_soup(site, url):
    """Parsed by html.parser, which knows <wbr> is empty (lxml does not)."""
    return BeautifulSoup(site.path(url).read_text(encoding="utf-8"), "html.parser")


def test_titles_and_headings_wrap_at_phrases_in_the_body_only(make_site):
    site = make_site(
        {
            "posts/title.ja.md": post(
                "重要な人脈作りに必要なこと",
                "## 私が「勇気」で作った転機の人脈\n\n本文です。\n\n## English heading",
            )
        },
    )
    assert site.returncode == 0, site.log
    soup = html_parser_soup(site, "posts/title/")
    h1 = soup.select_one("h1.post-title")
    assert h1.get_text() == "重要な人脈作りに必要なこと"
    assert [str(piece) for piece in h1.span.contents] == [
        "重要な",
        "<wbr/>",
        "人脈作りに",
        "<wbr/>",
        "必要な",
        "<wbr/>",
        "こと",
    ]
    headings = soup.select(".post-body h2")
    assert headings[0].get_text() == "私が「勇気」で作った転機の人脈"
    assert headings[0].select("wbr")
    assert headings[1].select("wbr") == []
    assert (
        soup.title.get_text()
        == "重要な人脈作りに必要なこと | Life Integration Coaching Lab."
    )
    raw = site.path("posts/title/").read_text(encoding="utf-8")
    head = raw.split("</head>")[0]
    assert "<wbr" not in head
    feed = site.path(FEED).read_text(encoding="utf-8")
    assert "<wbr" not in feed and "phrases" not in feed
    card = html_parser_soup(site, "").select_one(".post-card__title a")
    assert card.get_text() == "重要な人脈作りに必要なこと" and card.select("wbr")


def test_phrase_wrapping_keeps_the_html_valid(make_site):
    site = make_site(
        {"posts/markup.ja.md": post("「A<B & C」の話", "## 見出しの<em>強調</em>と話")}
    )
    assert site.returncode == 0, site.log
    soup = html_parser_soup(site, "posts/markup/")
    assert soup.h1.get_text() == "「A<B & C」の話"
    assert soup.h1.find("b") is None
    phrasing = {"a", "em", "strong", "code", "span", "wbr", "b", "i", "kbd"}
    for span in soup.select("span.phrases"):
        assert span.parent.name in {"h1", "h2", "h3", "h4", "h5", "h6", "a"}
        assert {tag.name for tag in span.find_all(True)} <= phrasing
    assert all(wbr.contents == [] for wbr in soup.select("wbr"))
    assert soup.select_one(".post-body h2 em").get_text() == "強調"


# -- the real first post ------------------------------------------------------------


def test_first_post_has_no_stray_breaks_and_romaji_urls(real_site):
    soup = real_site.soup(FIRST_POST)
    assert stray_breaks(soup.select_one(".post-body")) == []
    tags = [a["href"] for a in soup.select(".tag-list a")]
    assert tags == ["../../tag/jinmyaku/", "../../tag/yuuki/", "../../tag/kyaria/"]
    assert soup.select_one(".post-meta a")["href"] == "../../category/jinmyaku/"
    for url in [*(t.removeprefix("../../") for t in tags), "category/jinmyaku/"]:
        assert real_site.path(url).is_file(), url
    assert real_site.path("author/hirabayashi-takayuki/").is_file()


def test_first_post_shows_its_reading_time(real_site):
    soup = real_site.soup(FIRST_POST)
    text = soup.select_one(".post-body").get_text()
    characters = len(re.sub(r"\s", "", text))
    minutes = max(1, int(characters / 500 + 0.5))
    assert soup.select_one(".post-header .reading-time").get_text() == (
        f"約{minutes}分で読めます"
    )
    english = real_site.soup("en/" + FIRST_POST)
    assert re.fullmatch(
        r"\d+ min read", english.select_one(".post-header .reading-time").get_text()
    )


def test_a_quick_pass_measures_the_posts_it_writes(make_site, tmp_path):
    """A quick pass (site_common.quick_pass) gives a reading time and a summary
    to the posts whose pages it writes; a full build, to every one."""
    body = "これは読む時間を測るための文章です。" * 84
    files = {
        "posts/saved.ja.md": post("保存した記事", body),
        "posts/other.ja.md": post("ほかの記事", body, date="2024-01-02 10:00"),
    }
    saved = (tmp_path / "content" / "posts/saved.ja.md").resolve()
    quick = make_site(files, **quick_pass_settings([saved]))
    assert quick.returncode == 0, quick.log

    def measured(url):
        soup = quick.soup(url)
        time = soup.select_one(".post-header .reading-time")
        description = soup.select_one('meta[name="description"]')
        return time and time.get_text(), description and description["content"]

    summary = "これは読む時間を測るための文章です。" * 6  # cut at a sentence end
    assert measured("posts/saved/") == ("約3分で読めます", summary)
    # The pages of the others, written here by the ordinary writer, lack it.
    assert measured("posts/other/")[0] is None
    full = build_site(tmp_path / "content", tmp_path / "full")
    assert full.returncode == 0, full.log
    for url in ("posts/saved/", "posts/other/"):
        assert full.soup(url).select_one(".post-header .reading-time") is not None


def test_a_quick_pass_checks_the_address_of_the_file_it_writes(tmp_path):
    """A quick pass (site_common.quick_pass) checks the slugs of the files it
    writes; a full build, of every one."""
    content = write_content(
        tmp_path / "content",
        {
            "posts/saved.md": post("勇気の出し方", "本文です。"),
            "posts/other.md": post("人脈の作り方", "本文です。"),
        },
    )
    saved = content.resolve() / "posts/saved.md"
    quick = build_site(content, tmp_path / "quick", **quick_pass_settings([saved]))
    full = build_site(content, tmp_path / "full")
    saved_refused = 'content/posts/saved.md: Title "勇気の出し方" gives no address'
    refused(quick, saved_refused)
    refused(full, saved_refused, 'content/posts/other.md: Title "人脈の作り方"')
