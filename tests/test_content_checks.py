"""The content checks' pure functions: each bad input gives its one clear problem."""

import codecs
import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from content_checks import active_html, after_reading, header_dates, settings_checks
from content_checks.content_checks import (
    DEFAULT_OPTIONS,
    check_source,
    header_rules,
    read_plugin_options,
)
from content_checks.source_files import (
    Source,
    check_control_characters,
    check_encoding,
    check_name_twins,
    check_not_empty,
    check_not_markdown,
    guess_japanese_encoding,
)
from pelican.utils import get_date
from site_common.slugs import SLUG_PATTERN, slug_problem

FILENAME_METADATA = r"(?P<slug>[^.]+)\.(?P<lang>[^.]+)"
SETTINGS = {
    "SITENAME": "Lab",
    "AUTHOR": "平林孝之",
    "DEFAULT_LANG": "ja",
    "LANGUAGES": ("ja", "en"),
    "TIMEZONE": "Asia/Tokyo",
    "SITEURL": "",
    "RELATIVE_URLS": True,
    "INTRASITE_LINK_REGEX": "[{|](?P<what>.*?)[|}]",
}
JAPANESE = (
    "Title: 重要な人脈作り\nDate: 2018-09-01 10:00\n\n人脈は「勇気」から生まれる。\n"
)
GOOD_POST = "Title: Good\nDate: 2024-05-01 10:00\n\nText.\n"


def source(relative, text, kind="post"):
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    return Source("content", relative, kind, raw)


def problems_in(relative, text, kind="post", **options):
    """Every problem check_source finds in one file, as strings."""
    rules = header_rules(SETTINGS, {**DEFAULT_OPTIONS, **options})
    found = check_source(source(relative, text, kind), rules, FILENAME_METADATA)
    return [str(problem) for problem in found]


# -- encodings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("shift_jis", "Shift_JIS (CP932)"),
        ("cp932", "Shift_JIS (CP932)"),
        ("euc_jp", "EUC-JP"),
    ],
)
def test_legacy_japanese_encodings_are_named(codec, expected):
    raw = (JAPANESE + "仕事と生活、バラバラなキャリア。\n").encode(codec)
    assert guess_japanese_encoding(raw) == expected
    (problem,) = check_encoding(source("posts/x.ja.md", raw))
    assert problem.field == "encoding"
    assert str(problem).startswith(
        f"content/posts/x.ja.md: the file is not saved as UTF-8: it looks like "
        f"{expected}; save it again as UTF-8"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (codecs.BOM_UTF16_LE + JAPANESE.encode("utf-16-le"), "it looks like UTF-16"),
        (JAPANESE.encode("iso2022_jp"), "it looks like ISO-2022-JP"),
        ("café au lait".encode("latin-1"), "unreadable byte 0xE9 at position 3"),
    ],
    ids=["utf-16", "iso-2022-jp", "latin-1"],
)
def test_other_encodings_are_not_read_as_utf8(raw, expected):
    (problem,) = check_encoding(source("posts/x.ja.md", raw))
    assert expected in problem.message


@pytest.mark.parametrize(
    "raw",
    [JAPANESE.encode("utf-8"), codecs.BOM_UTF8 + JAPANESE.encode("utf-8"), b""],
    ids=["utf-8", "utf-8 with BOM", "empty"],
)
def test_utf8_passes_the_encoding_check(raw):
    assert check_encoding(source("posts/x.ja.md", raw)) == []


@pytest.mark.parametrize(
    ("text", "is_empty"),
    [("", True), ("\n  \n", True), ("\ufeff\n", True), (GOOD_POST, False)],
)
def test_empty_files(text, is_empty):
    found = check_not_empty(source("posts/x.ja.md", text))
    assert bool(found) is is_empty
    if is_empty:
        assert str(found[0]).startswith("content/posts/x.ja.md: the file is empty")


def test_a_file_that_is_not_utf8_gives_that_problem_alone():
    assert problems_in("posts/x.ja.md", JAPANESE.encode("cp932") + b"\x0c") == [
        str(check_encoding(source("posts/x.ja.md", JAPANESE.encode("cp932")))[0])
    ]


# -- control characters --------------------------------------------------------


@pytest.mark.parametrize(
    ("character", "named"),
    [
        ("\x0c", "a form feed (U+000C)"),
        ("\x0b", "a vertical tab (U+000B)"),
        ("\x00", "a NUL character (U+0000)"),
        ("\x1b", "an escape character (U+001B)"),
        ("\x85", "a control character (U+0085)"),
    ],
)
def test_control_characters_are_named_with_their_line(character, named):
    text = f"Title: A\nDate: 2024-05-01\n\nOne.\nTwo{character}three.\n"
    assert check_control_characters("content/posts/x.ja.md", text) == [
        after_reading.Problem(
            "content/posts/x.ja.md",
            "text",
            f"line 5: {named}, an invisible character (often pasted from a word "
            "processor) that breaks the page: delete it",
        )
    ]


def test_tabs_and_line_ends_are_not_control_characters_to_refuse():
    text = "Title: A\r\nDate: 2024-05-01\r\n\r\n\tcode\r\n"
    assert check_control_characters("content/posts/x.ja.md", text) == []


def test_a_control_character_in_the_header_is_found_too():
    found = problems_in("posts/x.ja.md", "Title: A\x0bB\nDate: 2024-05-01\n\nText.")
    assert found == [
        "content/posts/x.ja.md: line 1: a vertical tab (U+000B), an invisible "
        "character (often pasted from a word processor) that breaks the page: "
        "delete it"
    ]


# -- names in the content folder -------------------------------------------------


def test_names_that_differ_only_in_unicode_form_are_refused_naming_both():
    nfc = unicodedata.normalize("NFC", "posts/ガイド.ja.md")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    (problem,) = check_name_twins("content", [nfc, nfd, "posts/other.ja.md"])
    assert problem.path == f"content/{nfc}"
    assert f"has the same name as content/{nfd}" in problem.message


def test_html_and_rst_files_in_the_posts_and_pages_folders_are_refused():
    files = [
        "posts/a.html",
        "posts/b.htm",
        "pages/c.RST",
        "posts/d.ja.md",
        "images/e.html",
    ]
    found = check_not_markdown("content", files, ["posts", "pages"])
    assert [problem.path for problem in found] == [
        "content/pages/c.RST",
        "content/posts/a.html",
        "content/posts/b.htm",
    ]
    assert found[0].message.startswith("write posts and pages in Markdown: rename")


# -- one header at a time ------------------------------------------------------

# Each row: a post's text, and the problem it must give (None: no problem).
POST_CASES = [
    ("no-title", "Date: 2024-05-01 10:00\n\nText.", "Title is missing"),
    (
        "blank-first-line",
        "\nTitle: A\nDate: 2024-05-01\n\nText.",
        "the file starts with an empty line, so the metadata lines below it "
        "(Title:, Date:, ...) are not read: remove the empty line at the top",
    ),
    ("empty-title", "Title:   \nDate: 2024-05-01\n\nText.", "Title is empty"),
    (
        "bad-date",
        "Title: A\nDate: 2024-13-45\n\nText.",
        'Date "2024-13-45" is not a valid date (use YYYY-MM-DD HH:MM)',
    ),
    (
        "feb-30",
        "Title: A\nDate: 2024-02-30 10:00\n\nText.",
        'Date "2024-02-30 10:00" is not a valid date',
    ),
    ("no-date", "Title: A\n\nText.", 'Date is missing: add a line like "Date: '),
    ("empty-date", "Title: A\nDate:\n\nText.", "Date is empty"),
    (
        "bad-modified",
        "Title: A\nDate: 2024-05-01\nModified: yesterday\n\nText.",
        'Modified "yesterday" is not a valid date',
    ),
    (
        "lang",
        "Title: A\nDate: 2024-05-01\nLang: fr\n\nText.",
        'Lang "fr" is not a language of this site (use ja or en)',
    ),
    (
        "typo",
        "Tilte: A\nTitle: A\nDate: 2024-05-01\n\nText.",
        'unknown metadata "Tilte" (did you mean "Title"?): fix the name',
    ),
    (
        "typo-project-key",
        "Title: A\nDate: 2024-05-01\nDate_Notes: x\n\nText.",
        'unknown metadata "Date_Notes" (did you mean "Date_Note"?)',
    ),
    (
        "status",
        "Title: A\nDate: 2024-05-01\nStatus: publised\n\nText.",
        'Status "publised" is not one of published, draft, hidden, skip (did you '
        'mean "published"?)',
    ),
    (
        "empty-tag",
        "Title: A\nDate: 2024-05-01\nTags: 人脈, , 勇気\n\nText.",
        'Tags "人脈, , 勇気" has an empty tag',
    ),
    (
        "trailing-comma",
        "Title: A\nDate: 2024-05-01\nTags: 人脈,\n\nText.",
        'Tags "人脈," has an empty tag',
    ),
    (
        "semicolon",
        "Title: A\nDate: 2024-05-01\nTags: 人脈; 勇気\n\nText.",
        'Tags "人脈; 勇気" uses ";", which changes how every tag is split: separate '
        'tags with commas, as in "Tags: 人脈, 勇気"',
    ),
    (
        "tag-markup",
        "Title: A\nDate: 2024-05-01\nTags: <b>人脈</b>\n\nText.",
        'tag "<b>人脈</b>" contains HTML; tags are plain text',
    ),
    (
        "japanese-comma",
        "Title: A\nDate: 2024-05-01\nTags: 人脈、勇気\n\nText.",
        'tag "人脈、勇気" contains "、": separate tags with a comma, as in '
        '"Tags: 人脈, 勇気"',
    ),
    (
        "full-width-colon",
        "Title: A\nDate: 2024-05-01\nTags：人脈\n\nText.",
        'line 3 "Tags：人脈" has a full-width colon "：" after the name: write an '
        'ASCII colon, as in "Tags: 人脈"',
    ),
    (
        "full-width-colon-below-blank-lines",
        "\n\nTitle: A\nDate: 2024-05-01\nTags：人脈\n\nText.",
        "the file starts with an empty line",
    ),
    ("good", GOOD_POST, None),
    (
        "metadata-with-markup-is-fine",
        'Title: A<B & "C"\nDate: 2024-05-01\nTags: A<B & "C"\n\nText.',
        None,
    ),
    ("other-plugins-keys", "Title: A\nDate: 2024-05-01\nImage: x.png\n\nText", None),
    ("japanese-date", "Title: A\nDate: ２０２４-０２-１０ ０９:００\n\nText", None),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), POST_CASES, ids=[c[0] for c in POST_CASES]
)
def test_each_bad_header_gives_its_problem(name, text, expected):
    path = f"posts/{name}.ja.md"
    found = problems_in(path, text)
    if expected is None:
        assert found == []
    else:
        assert found[0].startswith(f"content/{path}: {expected}"), found
        assert len(found) == (2 if "blank-lines" in name else 1), found


def test_a_stray_line_below_blank_lines_is_numbered_in_the_file():
    found = problems_in("posts/x.ja.md", "\n\nTitle: A\nDate: 2024-05-01\nTags：人脈\n")
    assert 'line 5 "Tags：人脈" has a full-width colon' in found[1]


@pytest.mark.parametrize(
    "date", ["01/05/2024", "1/5/2024", "05-01-2024", "01.05.24", "０１/０５/２０２４"]
)
def test_a_date_with_day_and_month_first_is_refused(date):
    (found,) = problems_in("posts/x.ja.md", f"Title: A\nDate: {date}\n\nText.")
    assert found == (
        f'content/posts/x.ja.md: Date "{date}" can be read as two different days '
        "(day/month or month/day): write it year first, as YYYY-MM-DD (use "
        "YYYY-MM-DD HH:MM)"
    )


@pytest.mark.parametrize("date", ["2024/05/01", "2024-05-01", "May 1, 2024"])
def test_a_date_with_the_year_first_or_a_month_name_is_not_ambiguous(date):
    assert not header_dates.is_ambiguous_date(date)


def test_one_post_with_several_problems_gives_them_all():
    text = "Tilte: A\nDate: 2024-13-45\nLang: jp\nTags: a、b\n\nText\x0c"
    found = problems_in("posts/x.ja.md", text)
    fields_named = [problem.split(": ", 1)[1].split(" ")[0] for problem in found]
    assert fields_named == ["line", "Title", "Date", "Lang", "unknown", "tag"]


def test_file_name_language_must_be_a_site_language():
    assert problems_in("posts/post.jp.md", GOOD_POST) == [
        'content/posts/post.jp.md: the file name gives the language "jp", which is '
        "not a language of this site: name the file post.ja.md or post.en.md"
    ]


def test_an_empty_tags_line_means_no_tags():
    text = "Title: A\nDate: 2024-05-01\nTags:\n\nText."
    assert problems_in("posts/a.ja.md", text) == []
    assert problems_in("posts/a.ja.md", text.replace("Tags:", "Tags: ,")) != []


def test_pages_need_no_date_but_a_title():
    assert problems_in("pages/about.ja.md", "Summary: x\n\nText.", kind="page") == [
        "content/pages/about.ja.md: Title is missing: add a first line like "
        '"Title: ..."'
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2024-05-01",
        "2024-05-01 10:00",
        "2024-05-01T10:00:30",
        "2024-02-29 23:59",
        "2023-02-29",
        "2024-13-45",
        "2024-05-01 24:00",
        "2024-05-01 10:61",
        "2024/05/01 10:00",
        "May 1, 2024",
        "2024-05-01 10:00+09:00",
        "2024-W01-2",
        "2024",
        "明日",
        "２０２４-０２-１０ ０９:００",  # full-width digits: dateutil reads them
        "２０２４-０２-３０",
    ],
)
def test_a_date_is_valid_exactly_when_pelican_reads_it(text):
    try:
        get_date(text)
        pelican_reads_it = True
    except ValueError:
        pelican_reads_it = False
    assert header_dates.is_valid_date(text) is pelican_reads_it


# -- slugs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("jinmyaku-zukuri", None),
        ("post-2024", None),
        ("My Post", "cannot be an address"),
        ("Upper", "cannot be an address"),
        ("ｆｕｌｌ", "cannot be an address"),
        ("..", "cannot be an address"),
        ("a/b", "cannot be an address"),
        ("-a", "cannot be an address"),
        ("a--b", "cannot be an address"),
        ("", "the slug is empty"),
        ("tags", "is a name the site uses for its own pages"),
        ("en", "is a name the site uses for its own pages"),
        ("robots.txt", "cannot be an address"),
        ("drafts", "is a name the site uses for its own pages"),
    ],
)
def test_slug_problem(slug, expected):
    message = slug_problem(slug, ("ja", "en"))
    if expected is None:
        assert message is None
    else:
        assert expected in str(message)
    assert (SLUG_PATTERN.fullmatch(slug) is not None) or message is not None


# -- what Pelican read -----------------------------------------------------------


def entry(relative="posts/x.ja.md", **fields):
    slug = relative.rsplit("/", 1)[-1].split(".")[0]
    lang = relative.rsplit(".", 2)[-2]
    values = {
        "path": f"content/{relative}",
        "relative": relative,
        "kind": "page" if relative.startswith("pages/") else "post",
        "slug": slug,
        "lang": lang,
        "status": "published",
        "is_translation": False,
        "save_as": f"posts/{slug}/index.html",
        "url": f"posts/{slug}/",
        **fields,
    }
    return after_reading.Entry(**values)


LINK_PATTERN = after_reading.intrasite_link_pattern(SETTINGS["INTRASITE_LINK_REGEX"])
KNOWN = {"images/photo.png", "images/my photo.png", "posts/other.ja.md"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '<p><img alt="p" src="{static}/images/missing.png"></p>',
            'image "{static}/images/missing.png" points to a file that does not '
            "exist (content/images/missing.png)",
        ),
        (
            '<a href="{filename}next.ja.md">next</a>',
            'link "{filename}next.ja.md" points to a file that does not exist '
            "(content/posts/next.ja.md)",
        ),
        (
            '<a href="{attach}../files/a b.pdf">PDF</a>',
            'link "{attach}../files/a b.pdf" points to a file that does not exist '
            "(content/files/a b.pdf)",
        ),
        (
            '<img src="{static}/images/photo.png"> <a href="{filename}other.ja.md'
            '#part">o</a> <a href="{tag}人脈">t</a> <a href="{filename}#top">s</a> '
            '<img src="{static}../images/my%20photo.png?v=1">',
            None,
        ),
    ],
    ids=["image", "relative link", "attachment", "existing"],
)
def test_links_to_missing_files_are_found_in_the_html_pelican_read(body, expected):
    found = after_reading.check_links(entry(), body, LINK_PATTERN, KNOWN, "content")
    if expected is None:
        assert found == []
    else:
        assert [str(p) for p in found] == [f"content/posts/x.ja.md: {expected}"]


def test_categories_are_plain_text_and_from_the_list_when_there_is_one():
    check = after_reading.check_category
    assert check(entry(), "人派", None) == []
    (markup,) = check(entry(), "<i>人脈</i>", None)
    assert (
        markup.message
        == 'Category "<i>人脈</i>" contains HTML; a category is plain text'
    )
    (unknown,) = check(entry(), "人派", ("人脈", "Connections"))
    assert unknown.message == (
        'Category "人派" is not one of the site\'s categories (人脈, Connections) '
        '(did you mean "人脈"?): new categories go in CONTENT_CHECKS["categories"] '
        "in pelicanconf.py"
    )


TRANSLATION_CASES = [
    (
        "same slug and language",
        [entry("posts/a.ja.md"), entry("posts/b.ja.md", slug="a")],
        [
            'content/posts/b.ja.md: has the same slug "a" and language (ja) as '
            "content/posts/a.ja.md: two posts cannot share one address; rename one "
            'file or give it another "Slug:"'
        ],
    ),
    (
        "translation in the original's language",
        [
            entry("posts/a.ja.md"),
            entry("posts/a.en.md", lang="ja", is_translation=True),
        ],
        [
            'content/posts/a.en.md: is marked "Translation: true" but is in the same '
            "language (ja) as its original content/posts/a.ja.md: a translation is in "
            "the other language (check the file name and Lang:)"
        ],
    ),
    (
        "a post and its translation",
        [entry("posts/a.ja.md"), entry("posts/a.en.md", is_translation=True)],
        [],
    ),
    (
        "a post and a page share a slug",
        [entry("posts/about.ja.md"), entry("pages/about.ja.md")],
        [],
    ),
]


@pytest.mark.parametrize(
    ("name", "entries", "expected"),
    TRANSLATION_CASES,
    ids=[c[0] for c in TRANSLATION_CASES],
)
def test_one_file_per_slug_and_language(name, entries, expected):
    assert [str(p) for p in after_reading.check_translations(entries)] == expected


def test_missing_translations_are_notices_not_problems():
    entries = [
        entry("posts/solo.ja.md"),
        entry("posts/pair.ja.md"),
        entry("posts/pair.en.md", is_translation=True),
        entry("posts/draft.ja.md", status="draft"),
        entry("posts/orphan.en.md", is_translation=True),
        entry("posts/english.en.md"),
        entry("posts/alone.ja.md"),
    ]
    assert after_reading.check_translations(entries) == []
    notices = after_reading.translation_notices(entries, ("ja", "en"), "content")
    assert [str(n) for n in notices] == [
        'content/posts/orphan.en.md: is marked "Translation: true" but there is no '
        'original with the slug "orphan"; it is shown as a post of its own',
        "content: no English translation yet for 2: content/posts/alone.ja.md and "
        "content/posts/solo.ja.md (a translation is the same file name with .en. "
        'and "Translation: true"; make translations lists them)',
    ]


def test_missing_translations_are_one_notice_in_japanese_too():
    entries = [entry("posts/solo.ja.md"), entry("posts/alone.ja.md")]
    (notice,) = after_reading.translation_notices(entries, ("ja", "en"), "content")
    assert notice.text("ja") == (
        "content: 英語版がまだないものが 2 件あります: content/posts/alone.ja.md、"
        "content/posts/solo.ja.md（翻訳は同じファイル名の .en. で、"
        "「Translation: true」をつけて作ります。一覧は make translations で見られます）"
    )


@pytest.mark.parametrize(
    ("save_as", "reason"),
    [
        ("tags/index.html", 'is in "tags", which the site writes itself'),
        ("en/archives/index.html", 'is in "archives", which the site writes itself'),
        ("robots.txt", 'is in "robots.txt", which the site writes itself'),
        ("_headers", 'is in "_headers", which the site writes itself'),
        ("en/index.html", 'is in "index.html", which the site writes itself'),
        ("../outside.html", "leads out of the site's folder"),
        ("/etc/x.html", "leads out of the site's folder"),
        ("./", "is the home page"),
        ("en/", 'is in "en", which the site writes itself'),
        ("posts/mine/index.html", None),
        ("en/about-me/index.html", None),
    ],
)
def test_addresses_written_in_a_header_must_not_be_the_sites_own(save_as, reason):
    found = after_reading.check_addresses(
        [entry(save_as=save_as, written=("save_as",))], ("ja", "en")
    )
    if reason is None:
        assert found == []
    else:
        assert [p.message for p in found] == [
            f'Save_as "{save_as}" {reason}: it would write over another page; '
            "choose another address"
        ]


def test_two_contents_saved_to_one_address_are_refused_naming_both():
    found = after_reading.check_addresses(
        [
            entry("pages/a.ja.md", save_as="a/index.html"),
            entry("pages/b.ja.md", save_as="a/index.html", written=("save_as",)),
        ],
        ("ja", "en"),
    )
    assert [str(p) for p in found] == [
        "content/pages/b.ja.md: would be written to a/index.html, as "
        "content/pages/a.ja.md is: two pages cannot share one address; rename one "
        'file or give it another "Slug:"'
    ]


@pytest.mark.parametrize(
    ("fragment", "found"),
    [
        ("<p>Text <em>only</em>.</p>", []),
        ("<script>alert(1)</script>", ["an <script> element"]),
        ('<iframe src="https://x"></iframe>', ["an <iframe> element"]),
        ('<img src="x.png" onerror="go()">', ['an event attribute "onerror="']),
        ('<a href=" JavaScript:go()">x</a>', ['a "javascript:" address in href=']),
        ('<a href="java\tscript:go()">x</a>', ['a "javascript:" address in href=']),
        ('<a href="&#106;avascript:go()">x</a>', ['a "javascript:" address in href=']),
        ("<p>javascript: is a word here</p>", []),
    ],
)
def test_active_html_is_found(fragment, found):
    assert [str(part) for part in active_html.active_parts(fragment)] == found


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>Text <em>only</em>.</p>",
        "<p>日本語の本文。one = two, on it</p>",
        '<img src="x.png" OnError = "go()">',
        "<img/onload=go()>",
        "<p>\tonclick=</p>",
        "onclick=",
        "<p>bonus=1 icon=2</p>",
        "<SCRIPT>",
        "<IFrame>",
        "JaVa",
        "&#106;",
        "<a \u017fonclick=x>",
        "<\u017fcript>",
        "<p \u212aonx=1>",
        "<p on\u212a=1>",
        "<p \u0130 onx=1>",
    ],
)
def test_the_quick_search_for_active_html_finds_what_the_pattern_finds(fragment):
    expected = active_html.ACTIVE_HINT_RE.search(fragment) is not None
    assert active_html.has_active_hint(fragment) is expected


def test_the_quick_search_for_active_html_skips_plain_text():
    assert not active_html.has_active_hint("<p>one = two; 日本語</p>")
    assert active_html.has_active_hint('<p title="x" onclick="y">')


def test_active_html_in_a_summary_is_a_warning_naming_the_summary():
    (warning,) = active_html.check_active_html(
        entry(), "<p>ok</p>", '<p onclick="x()">要約</p>'
    )
    assert str(warning).startswith(
        'content/posts/x.ja.md: the Summary has an event attribute "onclick=": '
    )


def test_a_post_dated_more_than_a_day_ahead_is_a_warning_unless_a_draft():
    now = datetime(2024, 5, 1, 12, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    check = after_reading.check_future_date
    assert check(entry(), now + timedelta(hours=23), now) == []
    (warning,) = check(entry(), now + timedelta(days=2), now)
    assert str(warning).startswith(
        "content/posts/x.ja.md: Date 2024-05-03 12:00 is in the future"
    )
    assert check(entry(status="draft"), now + timedelta(days=2), now) == []


# -- settings -----------------------------------------------------------------

SETTINGS_CASES = [
    ("good", {}, []),
    ("no author", {"AUTHOR": None}, ["AUTHOR is missing or empty"]),
    ("blank sitename", {"SITENAME": " "}, ["SITENAME is missing or empty"]),
    (
        "siteurl without scheme",
        {"SITEURL": "example.com"},
        [
            'SITEURL "example.com" is not a full web address: write it with https:// '
            '(or http://), e.g. "https://example.com"'
        ],
    ),
    (
        "ftp siteurl",
        {"SITEURL": "ftp://example.com"},
        ['SITEURL "ftp://example.com" is not a full web address'],
    ),
    *(
        (
            f"siteurl with {what}",
            {"SITEURL": value},
            [
                f'SITEURL "{value}" must be the site\'s address alone, with no user '
                'name, ?query or #fragment, e.g. "https://example.com/blog"'
            ],
        )
        for what, value in [
            ("a query", "https://example.com/?ref=1"),
            ("an empty query", "https://example.com?"),
            ("a fragment", "https://example.com/blog#top"),
            ("a user", "https://user@example.com"),
            ("a password", "https://user:secret@example.com/blog"),
        ]
    ),
    (
        "publishing without siteurl",
        {"RELATIVE_URLS": False},
        ["SITEURL is empty, but RELATIVE_URLS is off (a build for publishing)"],
    ),
    (
        "publishing with siteurl",
        {"RELATIVE_URLS": False, "SITEURL": "https://a.jp"},
        [],
    ),
    (
        "links",
        {"LINKS": (("Beijing blog", "www.example.cn"), ("Empty", ""))},
        ['LINKS "Beijing blog" "www.example.cn" is not a full web address'],
    ),
    (
        "timezone",
        {"TIMEZONE": "Asia/Tokio"},
        [
            'TIMEZONE "Asia/Tokio" is not a known time zone (e.g. "Asia/Tokyo") '
            '(did you mean "Asia/Tokyo"?)'
        ],
    ),
    ("language", {"DEFAULT_LANG": "jp"}, ['DEFAULT_LANG "jp" is not one of']),
]


@pytest.mark.parametrize(
    ("name", "overrides", "expected"),
    SETTINGS_CASES,
    ids=[c[0] for c in SETTINGS_CASES],
)
def test_settings_problems(name, overrides, expected):
    found = settings_checks.check_settings({**SETTINGS, **overrides}, DEFAULT_OPTIONS)
    assert len(found) == len(expected), found
    for problem, start in zip(found, expected, strict=True):
        assert str(problem).startswith(f"settings: {start}")


def test_social_url_settings_are_named_by_the_plugin_setting():
    settings = {**SETTINGS, "SOCIAL": {"x": "https://x.com/a", "facebook": "fb.com/a"}}
    options = {**DEFAULT_OPTIONS, "url_settings": ["SOCIAL"]}
    assert [str(p) for p in settings_checks.check_settings(settings, options)] == [
        'settings: SOCIAL["facebook"] "fb.com/a" is not a full web address: write '
        'it with https:// (or http://), e.g. "https://fb.com/a"'
    ]


@pytest.mark.parametrize(
    ("value", "is_address"),
    [
        ("https://example.com", True),
        ("http://example.com/blog/", True),
        ("example.com", False),
        ("//example.com", False),
        ("https://", False),
        ("https://exa mple.com", False),
        ("mailto:a@example.com", False),
        (42, False),
    ],
)
def test_what_a_web_address_is(value, is_address):
    problem = settings_checks.address_problem("LINKS", "LINKS", value)
    assert (problem is None) is is_address


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, []),
        (
            {"categoires": ["人脈"]},
            ['CONTENT_CHECKS has no key "categoires" (did you mean "categories"?)'],
        ),
        ({"languages": ["ja"]}, ['CONTENT_CHECKS has no key "languages"']),
        ({"categories": "人脈"}, ['CONTENT_CHECKS["categories"] should be a list']),
        ({"categories": None}, []),
    ],
)
def test_plugin_options_are_checked(given, expected):
    options, found = read_plugin_options({"CONTENT_CHECKS": given})
    assert len(found) == len(expected), found
    for problem, start in zip(found, expected, strict=True):
        assert str(problem).startswith(f"settings: {start}")
    assert options["categories"] == (None if found else given.get("categories"))


@pytest.mark.parametrize(
    ("relative", "text", "slug"),
    [
        ("posts/My Post.ja.md", GOOD_POST, "My Post"),
        ("posts/x.ja.md", "Slug: ..\n" + GOOD_POST, ".."),
        ("pages/tags.ja.md", GOOD_POST, "tags"),
    ],
)
def test_the_slug_of_the_file_name_or_slug_line_is_checked_before_reading(
    relative, text, slug
):
    (found,) = problems_in(relative, text)
    assert found.startswith(f'content/{relative}: the slug "{slug}" ')
    assert found.endswith("(rename the file or set Slug:)")
