"""The content checks' pure functions: each bad input gives its one clear problem."""

import codecs
import logging

import pytest
from content_checks import content_checks as checks
from content_checks.content_checks import (
    DEFAULT_OPTIONS,
    Problem,
    Source,
    check_content,
    check_encoding,
    check_not_empty,
    check_settings,
    check_translations,
    did_you_mean,
    guess_japanese_encoding,
    is_web_address,
    make_rules,
    parse_header,
    read_document,
    read_options,
    report,
    translation_notices,
)
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from pelican.utils import get_date
from site_common.problems import BuildStopped

FILENAME_METADATA = r"(?P<slug>[^.]+)\.(?P<lang>[^.]+)"
SETTINGS = {
    "SITENAME": "Lab",
    "AUTHOR": "平林孝之",
    "DEFAULT_LANG": "ja",
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


def rules(content_files=(), **options):
    return make_rules(SETTINGS, {**DEFAULT_OPTIONS, **options}, content_files)


def document(text, relative="posts/x.ja.md", kind="post"):
    return read_document(source(relative, text, kind), {}, FILENAME_METADATA)


def problems_in(files, content_files=(), **options):
    """check_content over {relative path: text}; the problems as strings."""
    sources = [source(path, text) for path, text in files.items()]
    found, _notices = check_content(
        sources,
        rules([*files, *content_files], **options),
        {},
        FILENAME_METADATA,
    )
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


# -- reading the header -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fields", "stray"),
    [
        ("Title: A\nDate: 2024\n\nBody", (("Title", "A"), ("Date", "2024")), None),
        ("---\nTitle: A\n---\nBody", (("Title", "A"),), None),
        ("Summary: one\n    two\n\nBody", (("Summary", "one\ntwo"),), None),
        ("Title: A\nTags：人脈\n\nBody", (("Title", "A"),), (2, "Tags：人脈")),
        ("Title : A\n\nBody", (), (1, "Title : A")),
        ("# A heading\n\nBody", (), None),
        ("\nTitle: A\n", (), None),  # read_document skips the blank line itself
    ],
    ids=["plain", "yaml", "continued", "full-width", "space", "none", "blank"],
)
def test_parse_header_reads_as_markdown_meta_does(text, fields, stray):
    assert parse_header(text) == (fields, stray)


# -- one post at a time -------------------------------------------------------

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
        'unknown metadata "Tilte"; did you mean "Title"?',
    ),
    (
        "typo-project-key",
        "Title: A\nDate: 2024-05-01\nDate_Notes: x\n\nText.",
        'unknown metadata "Date_Notes"; did you mean "Date_Note"?',
    ),
    (
        "status",
        "Title: A\nDate: 2024-05-01\nStatus: publised\n\nText.",
        'Status "publised" is not one of published, draft, hidden, skip; did you '
        'mean "published"?',
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
        "category-markup",
        "Title: A\nDate: 2024-05-01\nCategory: <i>人脈</i>\n\nText.",
        'Category "<i>人脈</i>" contains HTML',
    ),
    (
        "full-width-colon",
        "Title: A\nDate: 2024-05-01\nTags：人脈\n\nText.",
        'line 3 "Tags：人脈" is not read as metadata: write the name, then an '
        'ASCII colon and a space, as in "Tags: ..."',
    ),
    (
        "missing-image",
        "Title: A\nDate: 2024-05-01\n\n![photo]({static}/images/missing.png)",
        'image "{static}/images/missing.png" points to a file that does not exist '
        "(content/images/missing.png)",
    ),
    (
        "missing-relative-link",
        "Title: A\nDate: 2024-05-01\n\n[next]({filename}next.ja.md)",
        'link "{filename}next.ja.md" points to a file that does not exist '
        "(content/posts/next.ja.md)",
    ),
    (
        "missing-attach",
        'Title: A\nDate: 2024-05-01\n\n<a href="{attach}../files/a b.pdf">PDF</a>',
        'link "{attach}../files/a b.pdf" points to a file that does not exist '
        "(content/files/a b.pdf)",
    ),
    ("good", GOOD_POST, None),
    (
        "metadata-with-markup-is-fine",
        'Title: A<B & "C"\nDate: 2024-05-01\nTags: A<B & "C"\n\nText.',
        None,
    ),
    (
        "existing-links",
        "Title: A\nDate: 2024-05-01\n\n![p]({static}/images/photo.png) "
        "[o]({filename}other.ja.md#part) [t]({tag}人脈) [s](#top) "
        "[q]({static}../images/my%20photo.png?v=1)",
        None,
    ),
    ("other-plugins-keys", "Title: A\nDate: 2024-05-01\nImage: x.png\n\nText", None),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), POST_CASES, ids=[c[0] for c in POST_CASES]
)
def test_each_bad_post_gives_its_problem(name, text, expected):
    path = f"posts/{name}.ja.md"
    existing = ["images/photo.png", "images/my photo.png", "posts/other.ja.md"]
    found = problems_in({path: text}, content_files=existing)
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1, found
        assert found[0].startswith(f"content/{path}: {expected}"), found


def test_one_post_with_several_problems_gives_them_all():
    text = "Tilte: A\nDate: 2024-13-45\nLang: jp\nTags: a、b\n\n![x]({static}/no.png)"
    found = problems_in({"posts/x.ja.md": text})
    fields_named = [problem.split(": ", 1)[1].split(" ")[0] for problem in found]
    assert fields_named == ["Title", "Date", "Lang", "unknown", "tag", "image"]


def test_file_name_language_must_be_a_site_language():
    found = problems_in({"posts/post.jp.md": GOOD_POST})
    assert found == [
        'content/posts/post.jp.md: the file name gives the language "jp", which is '
        "not a language of this site: name the file post.ja.md or post.en.md"
    ]


def test_an_empty_tags_line_means_no_tags():
    text = "Title: A\nDate: 2024-05-01\nTags:\n\nText."
    assert problems_in({"posts/a.ja.md": text}) == []
    assert problems_in({"posts/a.ja.md": text.replace("Tags:", "Tags: ,")}) != []


def test_pages_need_no_date_but_a_title():
    sources = [source("pages/about.ja.md", "Summary: x\n\nText.", kind="page")]
    found, _ = check_content(sources, rules(), {}, FILENAME_METADATA)
    assert [str(p) for p in found] == [
        "content/pages/about.ja.md: Title is missing: add a first line like "
        '"Title: ..."'
    ]


def test_unknown_category_when_the_settings_list_them():
    text = "Title: A\nDate: 2024-05-01\nCategory: 人派\n\nText."
    assert problems_in({"posts/x.ja.md": text}) == []
    found = problems_in({"posts/x.ja.md": text}, categories=["人脈", "Connections"])
    assert found == [
        'content/posts/x.ja.md: Category "人派" is not one of the site\'s categories '
        '(人脈, Connections); did you mean "人脈"? (new categories go in '
        'CONTENT_CHECKS["categories"] in pelicanconf.py)'
    ]


def test_bad_files_skip_the_other_checks_but_not_the_other_files():
    found = problems_in(
        {
            "posts/a.ja.md": JAPANESE.encode("cp932"),
            "posts/b.ja.md": "",
            "posts/c.ja.md": "Title: C\nDate: 2024-13-45\n\nText.",
        }
    )
    assert [problem.split(":")[0] for problem in found] == [
        "content/posts/a.ja.md",
        "content/posts/b.ja.md",
        "content/posts/c.ja.md",
    ]


# -- across posts -------------------------------------------------------------


def docs(files):
    return [document(text, relative) for relative, text in files.items()]


TRANSLATION_CASES = [
    (
        "same slug and language",
        {"posts/a.ja.md": GOOD_POST, "posts/b.ja.md": "Slug: a\n" + GOOD_POST},
        [
            'content/posts/b.ja.md: has the same slug "a" and language (ja) as '
            "content/posts/a.ja.md: two posts cannot share one address; rename one "
            'file or give it another "Slug:"'
        ],
    ),
    (
        "translation in the original's language",
        {
            "posts/a.ja.md": GOOD_POST,
            "posts/a.en.md": "Lang: ja\nTranslation: true\n" + GOOD_POST,
        },
        [
            'content/posts/a.en.md: is marked "Translation: true" but is in the same '
            "language (ja) as its original content/posts/a.ja.md: a translation is in "
            "the other language (check the file name and Lang:)"
        ],
    ),
    (
        "a post and its translation",
        {
            "posts/a.ja.md": GOOD_POST,
            "posts/a.en.md": "Translation: true\n" + GOOD_POST,
        },
        [],
    ),
    (
        "a post and a page share a slug",
        {"posts/about.ja.md": GOOD_POST, "pages/about.ja.md": GOOD_POST},
        [],
    ),
]


@pytest.mark.parametrize(
    ("name", "files", "expected"),
    TRANSLATION_CASES,
    ids=[c[0] for c in TRANSLATION_CASES],
)
def test_one_file_per_slug_and_language(name, files, expected):
    documents = [
        document(text, relative, "page" if relative.startswith("pages") else "post")
        for relative, text in files.items()
    ]
    assert [str(p) for p in check_translations(documents, "ja")] == expected


def test_missing_translations_are_notices_not_problems():
    documents = docs(
        {
            "posts/solo.ja.md": GOOD_POST,
            "posts/pair.ja.md": GOOD_POST,
            "posts/pair.en.md": "Translation: true\n" + GOOD_POST,
            "posts/draft.ja.md": "Status: draft\n" + GOOD_POST,
            "posts/orphan.en.md": "Translation: true\n" + GOOD_POST,
            "posts/english.en.md": GOOD_POST,
        }
    )
    assert check_translations(documents, "ja") == []
    assert [str(n) for n in translation_notices(documents, rules())] == [
        'content/posts/orphan.en.md: is marked "Translation: true" but there is no '
        'original with the slug "orphan"; it is shown as a post of its own',
        "content/posts/solo.ja.md: has no English translation yet (it would be "
        'content/posts/solo.en.md, with "Translation: true")',
    ]


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
            'TIMEZONE "Asia/Tokio" is not a known time zone (e.g. "Asia/Tokyo"); '
            'did you mean "Asia/Tokyo"?'
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
    found = check_settings({**SETTINGS, **overrides}, DEFAULT_OPTIONS)
    assert len(found) == len(expected), found
    for problem, start in zip(found, expected, strict=True):
        assert str(problem).startswith(f"settings: {start}")


def test_social_url_settings_are_named_by_the_plugin_setting():
    settings = {**SETTINGS, "SOCIAL": {"x": "https://x.com/a", "facebook": "fb.com/a"}}
    options = {**DEFAULT_OPTIONS, "url_settings": ["SOCIAL"]}
    assert [str(p) for p in check_settings(settings, options)] == [
        'settings: SOCIAL["facebook"] "fb.com/a" is not a full web address: write '
        'it with https:// (or http://), e.g. "https://fb.com/a"'
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, []),
        (
            {"categoires": ["人脈"]},
            ['CONTENT_CHECKS has no option "categoires"; did you mean "categories"?'],
        ),
        ({"languages": "ja"}, ['CONTENT_CHECKS["languages"] should be a list']),
        ({"categories": None}, []),
    ],
)
def test_plugin_options_are_checked(given, expected):
    options, found = read_options({"CONTENT_CHECKS": given})
    assert len(found) == len(expected), found
    for problem, start in zip(found, expected, strict=True):
        assert str(problem).startswith(f"settings: {start}")
    assert options["languages"] == ("ja", "en")


# -- small helpers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
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
def test_is_web_address(value, expected):
    assert is_web_address(value) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Tilte", "Title"), ("tag", "Tags"), ("Catgory", "Category"), ("Image", "")],
)
def test_did_you_mean(word, expected):
    suggestion = did_you_mean(word, checks.KNOWN_METADATA)
    assert suggestion == (f'; did you mean "{expected}"?' if expected else "")


# -- reporting ------------------------------------------------------------------


def test_report_logs_every_notice_and_problem_then_stops(caplog):
    problems = [
        Problem("content/a.md", "Title", "one"),
        Problem("settings", "X", "two"),
    ]
    notices = [Problem("content/b.md", "Translation", "no English yet")]
    with (
        caplog.at_level(logging.INFO, logger=checks.logger.name),
        pytest.raises(BuildStopped) as stopped,
    ):
        report(problems, notices)
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "content/b.md: no English yet"),
        ("ERROR", "content/a.md: one"),
        ("ERROR", "settings: two"),
    ]
    assert stopped.value.count == 2


def test_report_of_notices_alone_goes_on(caplog):
    notices = [Problem("content/c.md", "Translation", "no English translation")]
    with caplog.at_level(logging.INFO, logger=checks.logger.name):
        report([], notices)
    assert [r.levelname for r in caplog.records] == ["INFO"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[next][n]\n\n[n]: {filename}gone.ja.md", ['link "{filename}gone.ja.md"']),
        ('<img src="{static}/images/gone.png" alt="">', ['image "{static}/images/']),
        ("```\n![x]({static}/images/gone.png)\n```", []),
        ("Write `[x]({filename}gone.ja.md)` to link.", []),
    ],
)
def test_links_are_found_in_every_markdown_form_but_not_in_code(body, expected):
    found = problems_in({"posts/a.ja.md": f"Title: A\nDate: 2024-05-01\n\n{body}\n"})
    assert len(found) == len(expected)
    for problem, start in zip(found, expected, strict=True):
        assert start in problem


# -- files Pelican takes from its content cache --------------------------------

BROKEN_TWEET = GOOD_POST + "\n::: tweet\nauthor: A\n\n文\n:::\n"


class RefusingExtension(Extension):
    """A Markdown extension that refuses every `:::` block with a ValueError."""

    class Refuse(BlockProcessor):
        def test(self, parent, block):
            return block.startswith(":::")

        def run(self, parent, blocks):
            raise ValueError("tweet block: the field 'url' is missing")

    def extendMarkdown(self, md):
        md.parser.blockprocessors.register(self.Refuse(md.parser), "refuse", 75)


def tweet_problems(cached):
    found, _ = check_content(
        [source("posts/x.ja.md", BROKEN_TWEET)],
        rules(["posts/x.ja.md"]),
        {"extensions": [RefusingExtension()]},
        FILENAME_METADATA,
        cached=cached,
    )
    return [str(problem) for problem in found]


def test_a_changed_file_has_its_blocks_converted_and_checked():
    assert any("field 'url' is missing" in p for p in tweet_problems(lambda s: False))


def test_a_file_from_the_content_cache_is_not_converted_again():
    # It converted without error in the build that filled the cache.
    assert tweet_problems(lambda s: s.relative == "posts/x.ja.md") == []


# -- dates ---------------------------------------------------------------------


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
    assert checks.is_valid_date(text) is pelican_reads_it
