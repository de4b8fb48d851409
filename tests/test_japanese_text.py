"""Unit tests of the japanese_text plugin's pure functions."""

import os
import subprocess
import sys

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from japanese_text import headings, names, summaries
from japanese_text import japanese_text as jt
from japanese_text.line_breaks import (
    EastAsianLineBreakExtension,
    breaks_to_remove,
    has_break_to_remove,
    join_east_asian_lines,
    removes_break,
)


def to_html(source):
    return markdown.markdown(
        source, extensions=[EastAsianLineBreakExtension(), "extra", "toc"]
    )


# -- soft line breaks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "removed"),
    [
        ("本", "語", True),  # kanji, kanji
        ("ね", "カ", True),  # hiragana, katakana
        ("。", "次", True),  # full-width punctuation
        ("語", "「", True),
        ("ｱ", "ｲ", True),  # half-width katakana
        ("Ａ", "日", True),  # full-width Latin
        ("…", "日", True),  # ambiguous punctuation beside a wide character
        ("”", "と", True),
        ("語", "A", False),  # Japanese then Latin: a space stays
        ("A", "語", False),
        ("a", "b", False),
        ("…", "A", False),
        ("한", "국", False),  # Korean is written with spaces
        ("\u200b", "a", True),  # a zero-width space already marks the break
    ],
)
def test_removes_break_follows_the_css_segment_break_rules(before, after, removed):
    assert removes_break(before, after) is removed


def test_join_east_asian_lines_removes_breaks_and_the_spaces_around_them():
    text = "日本語の文章を \n 途中で折り返す。English\nwords と\n日本語\nmixed"
    assert join_east_asian_lines(text) == (
        "日本語の文章を途中で折り返す。English\nwords と日本語\nmixed"
    )


@pytest.mark.parametrize(
    "text",
    [
        "日本語の\n文章",
        "English\nonly\ntext",
        "English\nthen 日本語",
        "café\nnext",  # non-ASCII at the break, but not wide: kept
        "word\u200b\nnext",  # a zero-width space at the break: removed
        "“quoted”\n日本語",  # ambiguous punctuation beside a wide character
        "日本語\n\n段落",
        "終わりの改行\n",
        "\n始まりの改行",
        "",
    ],
)
def test_a_document_is_skipped_only_when_no_break_vanishes(text):
    assert has_break_to_remove(text) is bool(breaks_to_remove(text))


def test_markdown_paragraphs_lists_quotes_and_emphasis_lose_their_soft_breaks():
    soup = BeautifulSoup(
        to_html(
            "段落を好きな\nところで折り返す。\n\n"
            "- リストの\n  項目\n\n"
            "> 引用の\n> 文章\n\n"
            "**強調の後で**\n改行しても\n*続く*\nのです。\n"
        ),
        "html.parser",
    )
    assert [p.get_text() for p in soup.find_all("p", recursive=False)] == [
        "段落を好きなところで折り返す。",
        "強調の後で改行しても続くのです。",
    ]
    assert soup.li.get_text() == "リストの項目"
    assert soup.blockquote.get_text(strip=True) == "引用の文章"


def test_markdown_keeps_breaks_in_code_raw_html_and_hard_breaks():
    html = to_html(
        "`インラインの\nコード`の後\n\n"
        "    コードブロックの\n    改行\n\n"
        "```\nフェンスの\n改行\n```\n\n"
        "一行目<br>\n二行目\n\n"
        "<div>生の\nHTML</div>\n"
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.p.code.get_text() == "インラインの\nコード"
    assert [pre.get_text() for pre in soup.select("pre")] == [
        "コードブロックの\n改行\n",
        "フェンスの\n改行\n",
    ]
    assert "一行目<br>\n二行目" in html
    assert "<div>生の\nHTML</div>" in html


def test_markdown_keeps_the_space_between_japanese_and_latin_lines():
    soup = BeautifulSoup(
        to_html("日本語と\nEnglish が\n混ざる。Plain\nEnglish"), "html.parser"
    )
    assert soup.p.get_text() == "日本語と\nEnglish が混ざる。Plain\nEnglish"


def test_markdown_leaves_english_untouched():
    source = "An English paragraph\nwrapped over\nthree lines."
    assert to_html(source) == markdown.markdown(source)


# -- names and their slugs -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("人脈", "jinmyaku"),
        ("勇気", "yuuki"),
        ("キャリア", "kyaria"),
        ("重要な人脈作りに必要なこと", "juuyouna-jinmyaku-tsukuri-ni-hitsuyou-nakoto"),
        ("「勇気」と人脈", "yuuki-to-jinmyaku"),
        ("ＰＶマフィアさん", "pv-mafia-san"),  # full-width Latin joined, then words
        ("ﾊﾟｿｺﾝ", "pasokon"),  # half-width katakana
        ("東京2020", "toukyou-2020"),
        ("人脈" * 40, "-".join(["jinmyaku"] * 6)),  # cut between words
        ("🎉", "your-slug"),
    ],
)
def test_the_suggested_slug_reads_japanese_names(name, slug):
    assert names.suggested_slug(name) == slug
    assert len(slug) <= names.MAX_SLUG_LENGTH


TABLE = {"東海林": "shoji", "🎉": "celebration"}


@pytest.mark.parametrize(
    ("kind", "name", "slug", "problem"),
    [
        ("Tag", "Career change", "career-change", None),
        ("Author", "東海林", "shoji", None),
        ("Tag", "🎉", "celebration", None),  # the table's own slug
        (
            "Tag",
            "人脈",
            "ren-mai",  # Pelican's pinyin, never used
            'Tags "人脈" has no slug: add "人脈": "jinmyaku" to '
            'JAPANESE_TEXT["slugs"] in pelicanconf.py',
        ),
        (
            "Category",
            "🎈",
            "",
            'Category "🎈" has no letters or digits to make an address from: add '
            '"🎈": "your-slug" to JAPANESE_TEXT["slugs"] in pelicanconf.py',
        ),
        (
            "Tag",
            "ta\u200bg",
            "ta-g",
            'Tags "ta\u200bg" contains an invisible character (U+200B): '
            "delete it from the line",
        ),
        (
            "Author",
            "x" * 61,
            "x" * 61,
            f'Author "{"x" * 61}" makes an address 61 characters long (at most 60): '
            f'shorten it, or add "{"x" * 61}": "{"x" * 60}" to JAPANESE_TEXT["slugs"] '
            "in pelicanconf.py",
        ),
        (
            "Tag",
            "A_B",
            "a_b",
            'Tags "A_B" makes the address "a_b", which is not lower-case letters, '
            'digits and hyphens: add "A_B": "a-b" to JAPANESE_TEXT["slugs"] in '
            "pelicanconf.py",
        ),
    ],
)
def test_name_problem_says_what_to_add_where(kind, name, slug, problem):
    found = names.name_problem(kind, name, slug, TABLE)
    assert (found and str(found)) == problem


@pytest.mark.parametrize(
    ("name", "known", "close"),
    [
        ("人派", ["人脈", "勇気"], "人脈"),  # one kanji wrong, same length
        ("人脈作", ["人脈"], "人脈"),  # as difflib finds it
        ("転職", ["人脈"], None),
        ("派", ["脈"], None),  # a one-character name is no typo of another
        ("キャリヤ", ["キャリア"], "キャリア"),
        ("副業", ["勇気"], None),
    ],
)
def test_a_close_name_is_one_character_apart(name, known, close):
    assert names.close_name(name, known) == close


def test_a_name_close_to_a_known_one_is_asked_about_before_the_line_to_add():
    problem = names.name_problem("Category", "人派", "ren-pai", {"人脈": "jinmyaku"})
    assert str(problem) == (
        'Category "人派" has no slug: is it a typo for "人脈"? If it is a new name, '
        'add "人派": "nin-ha" to JAPANESE_TEXT["slugs"] in pelicanconf.py'
    )
    assert problem.text("ja") == (
        "Category「人派」のアドレス（ローマ字）がまだ決まっていません。"
        "「人脈」の書き間違いではありませんか？新しい名前なら、pelicanconf.py の "
        'JAPANESE_TEXT["slugs"] に次の1行を足してください: "人派": "nin-ha",'
    )


def test_a_name_other_posts_use_is_known_too():
    problem = names.name_problem("Tag", "副行", "fu-xing", {}, known=["副業"])
    assert '"副業"' in str(problem)
    assert (
        names.name_problem("Tag", "副行", "fu-xing", {}, known=[]).values.get("choice")
        is None
    )


def test_names_are_read_in_one_width_and_form():
    assert names.normal_name("ＡＩ") == "AI"
    assert names.normal_name("ｷｬﾘｱ") == "キャリア"
    assert names.normal_name("人脈") == "人脈"


def test_pykakasi_is_loaded_only_to_suggest_a_slug():
    code = (
        "import sys\n"
        "from japanese_text import japanese_text, names\n"
        "assert 'pykakasi' not in sys.modules\n"
        "names.suggested_slug('人脈')\n"
        "assert 'pykakasi' in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_slug_collisions_find_different_names_with_one_slug():
    entries = [
        ("tags", "yuuki", "勇気", "a.md"),
        ("tags", "yuuki", "勇気", "b.md"),
        ("tags", "yuuki", "有機", "c.md"),
        ("tags", "career", "Career", "a.md"),
        ("tags", "career", "ｃａｒｅｅｒ", "b.md"),  # same name, other width
        ("categories", "yuuki", "ゆうき", "d.md"),  # another group
    ]
    assert names.slug_collisions(entries) == [
        ("tags", "yuuki", [("勇気", "a.md"), ("有機", "c.md")])
    ]


# -- measuring text -------------------------------------------------------------------


def test_characters_are_what_a_reader_sees_as_one():
    decomposed_ga = "か\u3099"
    family = "👨\u200d👩\u200d👧"
    flags = "🇯🇵🇬🇧"
    heart = "❤\ufe0f"
    text = f"あ {decomposed_ga}{family}{flags}{heart}\n"
    assert summaries.count_units(text, "chars") == 6
    assert summaries.unit_ends(text, "chars")[-1] == len(text) - 1


def test_words_are_runs_without_spaces():
    assert summaries.count_units("  Two words,\nthree really. ", "words") == 4


@pytest.mark.parametrize(
    ("units", "measure", "per_minute", "minutes"),
    [
        (1, "chars", 500, 1),  # never less than a minute
        (1499, "chars", 500, 3),
        (1250, "chars", 500, 3),  # halves round up
        (1249, "chars", 500, 2),
        (460, "words", 230, 2),
    ],
)
def test_reading_minutes_round_to_the_nearest_minute(
    units, measure, per_minute, minutes
):
    text = "字" * units if measure == "chars" else "word " * units
    assert summaries.reading_minutes(text, measure, per_minute) == minutes


def test_find_cut_prefers_a_sentence_end_near_the_limit():
    text = "一二三四五六七八。" + "あ" * 20  # a stop after 9 characters
    assert summaries.find_cut(text, 10, "chars") == (9, True)


def test_find_cut_ignores_a_sentence_end_far_from_the_limit():
    text = "一。" + "あ" * 30
    assert summaries.find_cut(text, 10, "chars") == (10, False)


def test_find_cut_counts_words_and_takes_paragraph_ends_near_the_limit():
    text = "one two three four five six seven eight nine ten eleven"
    ten_words = len(text) - len(" eleven")
    near = len("one two three four five six seven eight")
    far = len("one two three four")
    assert summaries.find_cut(text, 10, "words") == (ten_words, False)
    assert summaries.find_cut(text, 10, "words", breaks=[far]) == (ten_words, False)
    assert summaries.find_cut(text, 10, "words", breaks=[far, near]) == (near, True)


def test_find_cut_leaves_short_text_whole():
    assert summaries.find_cut("短い。", 10, "chars") is None


# -- summaries ---------------------------------------------------------------------


def test_truncate_html_closes_what_it_opens_and_adds_the_suffix_mid_sentence():
    html = "<p>あいう<strong>えおかき<em>くけこ</em></strong>さしすせそ</p>"
    assert summaries.truncate_html(html, 8, "chars", "…") == (
        "<p>あいう<strong>えおかき<em>く…</em></strong></p>"
    )


def test_truncate_html_ends_at_a_sentence_end_without_suffix():
    html = "<p>一二三四五六七八九。</p>\n<p>" + "あ" * 30 + "</p>"
    assert (
        summaries.truncate_html(html, 12, "chars", "…") == "<p>一二三四五六七八九。</p>"
    )


def test_truncate_html_ends_at_a_paragraph_end_without_punctuation():
    html = "<p>今回のお題は</p>\n<p>" + "あ" * 30 + "</p>"
    assert summaries.truncate_html(html, 7, "chars", "…") == "<p>今回のお題は</p>"


def test_truncate_html_never_splits_an_entity_or_a_character():
    html = "<p>A&amp;B か\u3099き</p>"
    assert summaries.truncate_html(html, 2, "chars", "…") == "<p>A&amp;…</p>"
    assert summaries.truncate_html(html, 4, "chars", "…") == "<p>A&amp;B か\u3099…</p>"


def test_truncate_html_leaves_out_headings_code_and_media():
    html = (
        '<div class="toc"><ul><li>目次</li></ul></div>'
        '<h2 id="x">見出し</h2><p>本文<img src="a.png" alt="画像">です。</p>'
        "<pre><code>code</code></pre><p>続き</p>"
    )
    summary = summaries.truncate_html(html, 100, "chars", "…")
    assert summary == "<p>本文です。</p><p>続き</p>"


def test_truncate_html_counts_english_in_words():
    words = " ".join(f"w{n}" for n in range(1, 80))
    summary = summaries.truncate_html(f"<p>{words}</p>", 50, "words", "…")
    assert summary == "<p>" + " ".join(f"w{n}" for n in range(1, 51)) + "…</p>"


# -- phrase wrapping ---------------------------------------------------------------


def test_phrase_wrap_marks_phrase_boundaries_of_a_japanese_title():
    wrapped = headings.phrase_wrap("重要な人脈作りに必要なこと")
    assert wrapped == (
        '<span class="phrases">重要な<wbr>人脈作りに<wbr>必要な<wbr>こと</span>'
    )


def test_phrase_wrap_escapes_and_leaves_english_alone():
    assert headings.phrase_wrap("A <b> & C") == "A &lt;b&gt; &amp; C"
    wrapped = headings.phrase_wrap("「A<B」の話")
    assert "&lt;" in wrapped and "<B" not in wrapped
    text = BeautifulSoup(str(wrapped), "html.parser").get_text()
    assert text == "「A<B」の話"


def test_phrase_wrap_headings_changes_japanese_headings_only():
    html = (
        '<h2 id="a">私が<a href="#x">「勇気」</a>で作った<code>転機の人脈</code></h2>\n'
        "<p>本文の段落はそのまま</p>\n<h3>English heading</h3>"
    )
    soup = BeautifulSoup(str(headings.phrase_wrap_headings(html)), "html.parser")
    original = BeautifulSoup(html, "html.parser")
    assert soup.get_text() == original.get_text()
    assert soup.h2.select("wbr") and soup.h2.span["class"] == ["phrases"]
    assert soup.h2["id"] == "a"
    assert not soup.h2.code.select("wbr")
    assert soup.p == original.p and soup.h3 == original.h3


@pytest.mark.parametrize(
    "text",
    [
        "重要な人脈作りに必要なこと",
        "まとめ",
        "English heading",
        "AIと 人生 の話",
        "「パラレルキャリア」を始める前に 知っておきたい 3 つのこと",
        "",
    ],
)
def test_a_heading_of_text_alone_is_wrapped_as_the_parsed_one_is(text):
    assert headings.wrap_plain_heading(text) == headings.wrap_heading(
        summaries.tokenize(text)
    )


def test_a_heading_of_text_alone_gets_its_phrase_breaks():
    html = '<h2 id="m">重要な人脈作りに必要なこと</h2>'
    assert str(headings.phrase_wrap_headings(html)) == (
        '<h2 id="m"><span class="phrases">重要な<wbr>人脈作りに<wbr>必要な<wbr>'
        "こと</span></h2>"
    )


# -- settings ------------------------------------------------------------------------


def test_settings_problems_name_each_bad_setting():
    problems = jt.settings_problems(
        {
            "summary_char": 100,
            "summary_words": 0,
            "chars_per_minute": "500",
            "slugs": {"平林孝之": "Hirabayashi Takayuki"},
        }
    )
    assert len(problems) == 4
    messages = [problem.message for problem in problems]
    assert 'JAPANESE_TEXT["summary_char"] is not a known setting' in messages[0]
    assert any('JAPANESE_TEXT["summary_words"]' in m for m in messages)
    assert any('JAPANESE_TEXT["chars_per_minute"]' in m for m in messages)
    assert any('JAPANESE_TEXT["slugs"]["平林孝之"]' in m for m in messages)


def test_settings_problems_accept_the_defaults():
    assert jt.settings_problems({}) == []
    assert jt.settings_problems(dict(jt.DEFAULTS)) == []
