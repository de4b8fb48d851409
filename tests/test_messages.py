"""The author's messages: one catalog, Japanese by default, English by setting."""

import ast

import build_site
import messages_doc
import newpost
import pytest
from conftest import ROOT
from content_checks import headers
from site_common.message_catalog import PHRASES, SECTIONS
from site_common.messages import (
    CATALOG,
    Message,
    Phrase,
    messages_language,
    messages_language_problem,
    placeholders,
    render,
)
from site_common.problems import Problem

# Where messages to the author are written: every plugin, and the scripts the
# author runs.
MESSAGE_SOURCES = sorted(
    [
        *(ROOT / "plugins").rglob("*.py"),
        *(
            ROOT / "scripts" / name
            for name in (
                "build_site.py",
                "newpost.py",
                "translations.py",
                "serve.py",
                "preview_builder.py",
                "preview_http.py",
                "pelican_messages.py",
            )
        ),
    ]
)
BROKEN_POST = "Title: 朝の習慣\nDate: 2024-13-45\n\n本文\n"


# -- the catalog --------------------------------------------------------------


def all_entries():
    return [
        (template, japanese)
        for _heading, section in SECTIONS
        for template, japanese in section.items()
    ]


@pytest.mark.parametrize(("template", "japanese"), all_entries())
def test_every_message_has_both_languages_with_the_same_placeholders(
    template, japanese
):
    assert japanese.strip() and japanese != template
    if template in PHRASES:
        return  # shown as written, never filled in
    assert placeholders(japanese) == placeholders(template)
    values = {name: "x" for name in placeholders(template)}
    assert template.format_map(values) and japanese.format_map(values)


def test_no_template_is_in_two_sections():
    templates = [template for template, _ in all_entries()]
    assert len(templates) == len(set(templates)) == len(CATALOG)


# Where the English text is among the arguments of what makes a message.
POSITIONS = {"Problem": 2, "Message": 0, "Phrase": 0, "problem": 0, "Rule": 1}


def templates_in(path):
    """The English templates given to Problem(...) and Message(...) in a file:
    string constants, both sides of `a if x else b`, and a variable's values
    assigned in the same function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.Module):
            continue
        assigned = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(node.value)
        for node in ast.walk(function):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            position = POSITIONS.get(node.func.id)
            if position is None or len(node.args) <= position:
                continue
            found += constants(node.args[position], assigned)
    return found


def constants(node, assigned):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):  # an f-string: no template to translate
        return [f"f-string on line {node.lineno}"]
    if isinstance(node, ast.IfExp):
        return constants(node.body, assigned) + constants(node.orelse, assigned)
    if isinstance(node, ast.Name):
        return [
            text for value in assigned.get(node.id, []) for text in constants(value, {})
        ]
    return []


@pytest.mark.parametrize("path", MESSAGE_SOURCES, ids=lambda p: p.name)
def test_every_message_in_the_code_is_in_the_catalog(path):
    missing = [text for text in templates_in(path) if text not in CATALOG]
    assert missing == []


def test_the_scan_finds_the_messages_it_checks():
    checks = ROOT / "plugins" / "content_checks"
    found = templates_in(checks / "headers.py")
    assert 'Title is missing: add a first line like "Title: ..."' in found
    assert "Title is empty" in " ".join(found)  # through a variable
    dates = templates_in(checks / "header_dates.py")
    assert "{name} is empty ({hint})" in dates  # through a local problem()


# -- putting a message into words ---------------------------------------------


def test_a_message_is_put_into_words_in_the_language_asked():
    message = Message(
        "{name} is empty ({hint})", name="Date", hint=Message("use YYYY-MM-DD HH:MM")
    )
    assert message.text("en") == "Date is empty (use YYYY-MM-DD HH:MM)"
    assert (
        message.text("ja")
        == "Date が空です（「年-月-日 時:分」の形で、例: 2024-05-01 10:00）"
    )


def test_a_list_of_messages_is_joined_as_the_language_joins_lists():
    found = (Message("an <{tag}> element", tag="script"), Message("the body"))
    assert render("{found}", {"found": found}, "en") == (
        "an <script> element and the body"
    )
    assert render("{found}", {"found": found}, "ja") == "<script> 要素、本文"


def test_a_value_is_never_read_as_a_template():
    problem = Problem(
        "a.md", "Title", 'tag "{tag}" contains HTML; tags are plain text', tag="{x}"
    )
    assert (
        problem.text("ja")
        == "a.md: タグ「{x}」に HTML があります。タグはふつうの文字だけで書きます"
    )


def test_a_setting_description_is_shown_as_written():
    phrase = Phrase("a dict of {header name: value, or None to leave it out}")
    assert (
        phrase.text("en") == "a dict of {header name: value, or None to leave it out}"
    )
    assert phrase.text("ja") == "{ヘッダー名: 値（出さないなら None）} の辞書"


def test_a_message_that_cannot_be_filled_in_never_stops_the_report():
    assert render("{missing} and {name}", {"name": "x"}, "ja") == (
        "{missing} and {name}"
    )


def test_a_problem_says_its_message_in_english_when_no_language_is_asked():
    problem = Problem("a.md", "Title", 'Title is empty: write the title after "Title:"')
    assert str(problem) == 'a.md: Title is empty: write the title after "Title:"'
    assert problem.message == 'Title is empty: write the title after "Title:"'


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"DEFAULT_LANG": "ja"}, "ja"),
        ({"DEFAULT_LANG": "ja", "MESSAGES_LANG": "en"}, "en"),
        ({"DEFAULT_LANG": "en", "MESSAGES_LANG": "ja"}, "ja"),
        ({"DEFAULT_LANG": "fr"}, "en"),
        ({"DEFAULT_LANG": "ja", "MESSAGES_LANG": "fr"}, "en"),
    ],
)
def test_the_language_of_the_messages(settings, expected):
    assert messages_language(settings) == expected


def test_a_language_with_no_messages_is_named():
    assert messages_language_problem({"MESSAGES_LANG": "ja"}) is None
    wrong = messages_language_problem({"MESSAGES_LANG": "jp"})
    assert wrong.text("en").startswith('MESSAGES_LANG "jp" is not a language')


# -- a build ------------------------------------------------------------------


def problem_lines(log):
    return [line for line in log.splitlines() if line.startswith("ERROR: ")]


def test_a_broken_post_is_reported_in_japanese_by_default(make_site):
    site = make_site({"posts/x.ja.md": BROKEN_POST}, MESSAGES_LANG=None)
    assert site.returncode == 1
    assert problem_lines(site.log) == [
        "ERROR: content/posts/x.ja.md: Date「2024-13-45」は日付として読めません"
        "（「年-月-日 時:分」の形で、例: 2024-05-01 10:00）"
    ]
    assert site.log.rstrip().endswith(
        "サイトは作られませんでした。直すところが 1 か所あります（上の一覧）。"
        "output フォルダは前のままです。"
    )


def test_the_settings_file_says_japanese():
    namespace = {}
    exec((ROOT / "pelicanconf.py").read_text(encoding="utf-8"), namespace)
    assert messages_language(namespace) == "ja"


def test_english_messages_by_setting(make_site):
    site = make_site({"posts/x.ja.md": BROKEN_POST}, MESSAGES_LANG="en")
    assert problem_lines(site.log) == [
        'ERROR: content/posts/x.ja.md: Date "2024-13-45" is not a valid date '
        "(use YYYY-MM-DD HH:MM)"
    ]
    assert "The site was not built: 1 problem to fix" in site.log


def test_an_unknown_messages_language_is_a_problem(make_site):
    site = make_site({}, MESSAGES_LANG="jp")
    assert site.returncode == 1
    assert problem_lines(site.log) == [
        'ERROR: settings: MESSAGES_LANG "jp" is not a language the messages are '
        "written in: use en or ja"
    ]


# -- the typist's mistakes: the message shows the corrected line --------------

RULES = headers.HeaderRules(
    languages=("ja", "en"),
    default_lang="ja",
    known_metadata=headers.KNOWN_METADATA,
    tag_forbidden_characters="、",
    has_default_date=False,
)


def header_problems(text):
    document = headers.read_document("content/posts/x.ja.md", "post", text, {})
    return headers.check_header(document, RULES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Title：朝の習慣\nDate: 2026-11-30 10:00\n\n本文\n",
            "1 行目「Title：朝の習慣」の名前のあとのコロンが全角の「：」です。"
            "半角の「:」にしてください。正しい行: Title: 朝の習慣",
        ),
        (
            "Title: 朝の習慣\nTags　：人脈, 勇気\n\n本文\n",
            "2 行目「Tags　：人脈, 勇気」の名前のあとのコロンが全角の「：」です。"
            "半角の「:」にしてください。正しい行: Tags: 人脈, 勇気",
        ),
        (
            "Title: 朝の習慣\nDate: 2026-11-30 10:00\n　Tags: 人脈\n\n本文\n",
            "3 行目「　Tags: 人脈」に全角スペース「　」があります。"
            "消すか、半角スペースにしてください。正しい行: Tags: 人脈",
        ),
        (
            "Title: 朝の習慣\nDate: 2026年11月30日\n\n本文\n",
            "Date「2026年11月30日」は「年月日」で書かれています。"
            "「年-月-日 時:分」の形にしてください。正しい行: Date: 2026-11-30"
            "（時刻も書くなら Date: 2026-11-30 10:00）",
        ),
        (
            "Title: 朝の習慣\nDate: 11/29/2026\n\n本文\n",
            "Date「11/29/2026」は「月/日/年」の順に書かれています。年を先に書いて"
            "ください。正しい行: Date: 2026-11-29"
            "（時刻も書くなら Date: 2026-11-29 10:00）",
        ),
        (
            "Title: 朝の習慣\nDate: 29.11.2026 9:30\n\n本文\n",
            "Date「29.11.2026 9:30」は「日/月/年」の順に書かれています。年を先に書いて"
            "ください。正しい行: Date: 2026-11-29 09:30",
        ),
        (
            "Title: 朝の習慣\nDate: 2026-11-30 10:00\nStatus: 公開\n\n本文\n",
            "Status「公開」は使えません"
            "（published, draft, hidden, skip のどれかです）。"
            "正しい行: Status: published",
        ),
        (
            "Title: 朝の習慣\nDate: 2026-11-30 10:00\nStatus: 下書き\n\n本文\n",
            "Status「下書き」は使えません"
            "（published, draft, hidden, skip のどれかです）。"
            "正しい行: Status: draft",
        ),
        (
            "Title: 朝の習慣\nDate: 2026年1月5日 9時30分\n\n本文\n",
            "Date「2026年1月5日 9時30分」は「年月日」で書かれています。"
            "「年-月-日 時:分」の形にしてください。正しい行: Date: 2026-01-05 09:30",
        ),
        (
            "Title: 朝の習慣\nDate: ２０２６-１１-３０ １０：００\n\n本文\n",
            "Date「２０２６-１１-３０ １０：００」に全角の文字（数字・記号・スペース）"
            "があります。半角にしてください。正しい行: Date: 2026-11-30 10:00",
        ),
    ],
)
def test_a_typed_mistake_is_shown_with_the_corrected_line(text, expected):
    (problem,) = header_problems(text)
    assert problem.text("ja") == f"content/posts/x.ja.md: {expected}"


def test_a_typed_mistake_in_english():
    (problem,) = header_problems("Title：朝の習慣\nDate: 2026-11-30\n\n本文\n")
    assert problem.message == (
        'line 1 "Title：朝の習慣" has a full-width colon "：" after the name: '
        'write an ASCII colon, as in "Title: 朝の習慣"'
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Title: A\nDate: 11/29/2026\n\nText\n",
            'Date "11/29/2026" is written month/day/year: write it year first, as '
            '"Date: 2026-11-29", or with the time, as "Date: 2026-11-29 10:00"',
        ),
        (
            "Title: A\nDate: 29/11/2026 18:05\n\nText\n",
            'Date "29/11/2026 18:05" is written day/month/year: write it year '
            'first, as "Date: 2026-11-29 18:05"',
        ),
        (
            "Title: A\nDate: 2026年12月1日\n\nText\n",
            'Date "2026年12月1日" is written with 年月日: write it as "Date: '
            '2026-12-01", or with the time, as "Date: 2026-12-01 10:00"',
        ),
        (
            "Title: A\nDate: 2026-11-30 10:00\nStatus: 非公開\n\nText\n",
            'Status "非公開" is not one of published, draft, hidden, skip: write it '
            'as "Status: hidden"',
        ),
    ],
)
def test_a_typed_date_or_status_in_english(text, expected):
    (problem,) = header_problems(text)
    assert problem.message == expected


@pytest.mark.parametrize("date", ["01/05/2026", "5/1/2026", "01.05.26"])
def test_a_date_both_readings_make_is_still_refused_as_ambiguous(date):
    (problem,) = header_problems(f"Title: A\nDate: {date}\n\nText\n")
    assert "can be read as two different days" in problem.message


def test_a_full_width_colon_in_the_body_is_no_header_line():
    text = "Title: 朝の習慣\nDate: 2026-11-30\n\n注意：これは本文です。\nQ：なぜ？\n"
    assert header_problems(text) == []


def test_the_fields_below_a_stray_line_are_not_reported_missing():
    """One message for one mistake: not also "Title is missing"."""
    problems = header_problems("Title：朝の習慣\nDate: 2026-11-30\n\n本文\n")
    assert [problem.field for problem in problems] == ["Title"]


def test_a_typed_mistake_in_a_build_is_japanese_by_default(make_site):
    site = make_site(
        {"posts/x.ja.md": "Title：朝の習慣\nDate: 2026-11-30 10:00\n\n本文\n"},
        MESSAGES_LANG=None,
    )
    assert problem_lines(site.log) == [
        "ERROR: content/posts/x.ja.md: 1 行目「Title：朝の習慣」の名前のあとの"
        "コロンが全角の「：」です。半角の「:」にしてください。正しい行: Title: 朝の習慣"
    ]


# -- the guide lists the messages ----------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_guides_list_of_messages_is_current(lang):
    guide = messages_doc.GUIDES[lang].read_text(encoding="utf-8")
    assert messages_doc.with_list(guide, lang) == guide, "run: make messages-doc"


def test_the_japanese_guide_lists_the_messages_in_japanese():
    guide = messages_doc.GUIDES["ja"].read_text(encoding="utf-8")
    listed = guide[guide.index(messages_doc.BEGIN) : guide.index(messages_doc.END)]
    assert "- … 行目「…」の名前のあとのコロンが全角の「：」です。" in listed
    assert "- サイトは作られませんでした。" in listed
    assert "the file is empty" not in listed
    assert "- NUL 文字" not in listed  # a word inside another message


def test_a_stale_list_is_found():
    guide = messages_doc.GUIDES["ja"].read_text(encoding="utf-8")
    stale = guide.replace("タイトルが空です。", "タイトルがからです。")
    assert messages_doc.with_list(stale, "ja") == guide


# -- an untouched make newpost stub is not published ---------------------------

ENGLISH_STUB = newpost.render_english_translation(
    "asa",
    "",
    "2026-11-30 10:00",
    "Connections",
    {"path": "content/posts/asa.ja.md", "title": "朝の習慣"},
)


def test_the_english_stub_has_a_placeholder_title_and_text():
    assert header_problems(ENGLISH_STUB) == []  # a draft
    published = ENGLISH_STUB.replace("Status: draft", "Status: published")
    problems = header_problems(published)
    assert [(p.path, p.field) for p in problems] == [
        ("content/posts/x.ja.md", "Title"),
        ("content/posts/x.ja.md", "body"),
    ]
    assert (
        problems[0]
        .text("ja")
        .endswith(
            "タイトルが make newpost の仮の文「Title in English」のままです。"
            "タイトルを書くか、公開できるまで「Status: draft」のままにしてください"
        )
    )


def test_a_stub_with_no_status_is_published_so_refused():
    no_status = ENGLISH_STUB.replace("Status: draft\n", "")
    assert [p.field for p in header_problems(no_status)] == ["Title", "body"]


def test_a_translated_stub_passes():
    done = (
        ENGLISH_STUB.replace("Title in English", "Morning habits")
        .replace("Write the English translation here.", "Every morning, I ...")
        .replace("Status: draft", "Status: published")
    )
    assert header_problems(done) == []


def test_an_untouched_stub_stops_the_build_naming_the_file(make_site):
    japanese = "Title: 朝の習慣\nDate: 2026-11-30 10:00\n\n本文\n"
    stub = ENGLISH_STUB.replace("Status: draft", "Status: published")
    site = make_site(
        {"posts/asa.ja.md": japanese, "posts/asa.en.md": stub}, MESSAGES_LANG=None
    )
    assert site.returncode == 1
    assert [line.split(": ", 2)[1] for line in problem_lines(site.log)] == [
        "content/posts/asa.en.md",
        "content/posts/asa.en.md",
    ]
    assert "Write the English translation here." in site.log


# -- CI: the run's summary page lists the problems, file by file --------------


def test_the_job_summary_groups_the_problems_by_file():
    lines = [
        ("ERROR", "content/posts/b.ja.md", "Title <b> is empty"),
        ("WARNING", "content/posts/a.ja.md", "a warning"),
        ("ERROR", "content/posts/a.ja.md", "first"),
        ("ERROR", None, "the build stopped"),
        ("ERROR", "content/posts/a.ja.md", "second"),
    ]
    assert build_site.job_summary(lines, 4, "ja").splitlines() == [
        "## サイトは作られませんでした。直すところ（4 か所）をファイルごとに示します",
        "",
        "### `content/posts/a.ja.md`",
        "",
        "- first",
        "- second",
        "",
        "### `content/posts/b.ja.md`",
        "",
        "- Title &lt;b&gt; is empty",
        "",
        "### そのほかの問題",
        "",
        "- the build stopped",
    ]


def test_a_failed_build_in_ci_writes_the_summary_in_japanese(
    make_site, tmp_path, monkeypatch
):
    page = tmp_path / "summary.md"
    page.write_text("earlier steps\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(page))
    site = make_site({"posts/x.ja.md": BROKEN_POST}, MESSAGES_LANG=None)
    assert site.returncode == 1
    assert page.read_text(encoding="utf-8").splitlines() == [
        "earlier steps",
        "## サイトは作られませんでした。直すところ（1 か所）をファイルごとに示します",
        "",
        "### `content/posts/x.ja.md`",
        "",
        "- Date「2024-13-45」は日付として読めません"
        "（「年-月-日 時:分」の形で、例: 2024-05-01 10:00）",
        "",
    ]


def test_a_good_build_writes_no_summary(make_site, tmp_path, monkeypatch):
    page = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(page))
    good = "Title: 朝の習慣\nDate: 2026-11-30 10:00\n\n本文\n"
    assert make_site({"posts/x.ja.md": good}).returncode == 0
    assert not page.exists()


def test_a_value_may_be_named_like_a_problems_own_fields():
    problem = Problem("settings", "X", "no font {path} ({field})", path="/a", field="b")
    assert problem.path == "settings"
    assert problem.message == "no font /a (b)"
