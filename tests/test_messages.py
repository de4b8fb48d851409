"""The author's messages: one catalog, Japanese by default, English by setting."""

import ast

import pytest
from conftest import ROOT
from site_common.message_catalog import SECTIONS
from site_common.messages import (
    CATALOG,
    Message,
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
        *(ROOT / "scripts" / name for name in ("build_site.py",)),
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
    assert placeholders(japanese) == placeholders(template)
    values = {name: "x" for name in placeholders(template)}
    assert template.format_map(values) and japanese.format_map(values)


def test_no_template_is_in_two_sections():
    templates = [template for template, _ in all_entries()]
    assert len(templates) == len(set(templates)) == len(CATALOG)


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
            position = {"Problem": 2, "Message": 0}.get(node.func.id)
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
    headers = ROOT / "plugins" / "content_checks" / "headers.py"
    found = templates_in(headers)
    assert 'Title is missing: add a first line like "Title: ..."' in found
    assert "{name} is empty ({hint})" in found  # through a variable


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
    assert render("{found}", {"found": found}, "en") == "an <script> element, the body"
    assert render("{found}", {"found": found}, "ja") == "<script> 要素、本文"


def test_a_value_is_never_read_as_a_template():
    problem = Problem(
        "a.md", "Title", 'tag "{tag}" contains HTML; tags are plain text', tag="{x}"
    )
    assert (
        problem.text("ja")
        == "a.md: タグ「{x}」に HTML があります。タグはふつうの文字だけで書きます"
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
