"""The reused-converter reader reads every file as Pelican's own reader does."""

import copy
import html
import os
from types import SimpleNamespace

import pytest
from build_speed.markdown_reader import (
    ReusedConverterReader,
    is_plain_text,
    use_reused_converter,
)
from conftest import CONTENT, ROOT, write_content
from japanese_text.japanese_text import check_settings_and_add_markdown_extension
from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader, Readers
from pelican.settings import read_settings
from social.social import check_settings as add_social_markdown_extensions

# Files that leave state in a converter: footnotes, abbreviations, reference
# links, a table of contents, metadata, a summary that looks like metadata.
STATEFUL = {
    "a.md": (
        "Title: First\nSummary: Note: *this* is a summary\nTags: a, b\n\n"
        "[TOC]\n\n## One\n\nText[^1] about HTML and [a link][ref].\n\n"
        "*[HTML]: Hyper Text Markup Language\n\n[ref]: https://example.com/\n\n"
        "[^1]: The first footnote.\n"
    ),
    "b.md": (
        "Title: Second\n\n## One\n\nHTML again, [a link][ref], no footnote[^1].\n"
    ),
    "c.md": "Title: Third\nSummary: plain\n\n## One\n\n## One\n\nText.\n",
    "d.md": (
        "Title: Fourth\nTags: a\nTags: b\nDate: 2024-01-01\nDate: 2024-02-02\n"
        "Keywords: x\nKeywords: y\nSummary: one\n    two *lines*\n\nText.\n"
    ),
}


@pytest.fixture(scope="module")
def settings():
    """The site's settings, with the Markdown extensions its plugins add."""
    pelican = SimpleNamespace(settings=read_settings(str(ROOT / "pelicanconf.py")))
    check_settings_and_add_markdown_extension(pelican)
    add_social_markdown_extensions(pelican)
    return pelican.settings


def read_all(reader_class, settings, paths):
    reader = reader_class(copy.deepcopy(settings))
    return [reader.read(str(path)) for path in paths]


def test_each_file_reads_as_with_pelicans_reader(settings, tmp_path):
    folder = write_content(tmp_path, STATEFUL)
    paths = [
        *sorted(folder.glob("*.md")),
        *sorted(CONTENT.rglob("*.md")),
        *sorted((ROOT / "tests" / "content").rglob("*.md")),
    ]
    fast = read_all(ReusedConverterReader, settings, paths)
    # Pelican's reader makes a new converter per file: nothing carries over.
    own = read_all(MarkdownReader, settings, paths)
    for path, mine, theirs in zip(paths, fast, own, strict=True):
        assert mine == theirs, path
    first, second, third, fourth = fast[:4]
    assert 'id="fn:1"' in first[0] and "fn:1" not in second[0]
    assert "<abbr" in first[0] and "<abbr" not in second[0]
    assert 'href="https://example.com/"' not in second[0]
    assert str(first[1]["summary"]) == "<p>Note: <em>this</em> is a summary</p>"
    assert 'id="one_1"' in third[0]  # ids are unique within a file only
    assert fourth[1]["keywords"] == ["x", "y"]  # a repeated field is a list...
    assert [str(tag) for tag in fourth[1]["tags"]] == ["a"]  # ...or its first


def test_the_reader_replaces_only_pelicans_markdown_reader(settings):
    class OtherReader(MarkdownReader):
        pass

    settings = {**copy.deepcopy(settings), "READERS": {"mkd": OtherReader}}
    signals.readers_init.connect(use_reused_converter)
    try:
        readers = Readers(settings)
    finally:
        signals.readers_init.disconnect(use_reused_converter)
    assert type(readers.readers["md"]) is ReusedConverterReader
    assert type(readers.readers["markdown"]) is ReusedConverterReader
    assert type(readers.readers["mkd"]) is OtherReader


# Summaries that are plain text, and ones that only look plain.
PLAIN_FIELDS = [
    "本当に活きる人脈はどうやって作るのか。",
    "How do you build connections that work? Not at networking events.",
    "Note: a colon, (parentheses), 'quotes' and \"double quotes\"; 50% off",
    "C++ and C# — dashes - and + signs, a=b, 1.5 times, #hashtag",
    "https://example.com/bare",
]
SYNTAX_FIELDS = [
    "*emphasis* and _this_",
    "**strong**",
    "a `code` span",
    "[a link](https://example.com/)",
    "[a reference][beijing-blog]",
    "<b>raw HTML</b>",
    "AT&T &amp; entities",
    "an escape \\* here",
    "![an image](x.png)",
    "a footnote[^1]",
    "a {: .class} attribute list",
    "a | table | row",
    "~~tilde~~",
    "# a heading",
    "> a quote",
    "- a list",
    "+ a list",
    "1. a numbered list",
    "2024年の話",
    "---",
    "===",
    ": a definition",
    "::: tweet",
    "    indented code",
    "trailing spaces  ",
    "line one\nline two",
    "tab\tinside",
    "<https://example.com/>",
    "...and so on",
]


def outcome(function, *arguments):
    """What a call returns, or the error it raises, to compare two readers."""
    try:
        result = function(*arguments)
    except Exception as error:  # the error is the outcome
        return ("error", type(error), str(error))
    return ("value", type(result), result)


@pytest.mark.parametrize("summary", PLAIN_FIELDS + SYNTAX_FIELDS)
def test_a_summary_reads_as_with_pelicans_reader(settings, tmp_path, summary):
    lines = summary.split("\n")
    header = "Summary: " + "\n    ".join(lines)
    path = write_content(tmp_path, {"a.md": f"Title: A\n{header}\n\nBody.\n"}) / "a.md"
    fast = outcome(read_all, ReusedConverterReader, settings, [path])
    own = outcome(read_all, MarkdownReader, settings, [path])
    assert fast == own


def test_only_plain_text_takes_the_shortcut():
    assert all(map(is_plain_text, PLAIN_FIELDS))
    assert not any(map(is_plain_text, SYNTAX_FIELDS))


# Every printable ASCII character, full-width forms, other scripts' digits and
# Unicode spaces, at the start, inside and at the end of a line.
PROBES = [chr(code) for code in range(0x20, 0x7F)]
PROBES += [chr(code) for code in range(0xFF01, 0xFF5F)]  # ！ to ～, ０ to ９
PROBES += ["٣", "३", "\u00a0", "\u3000", "\u2028", "\u200b", "・", "「", "…"]


def markdown_of(settings, text):
    converter = Markdown(**copy.deepcopy(settings["MARKDOWN"]))
    converter.preprocessors.deregister("meta", strict=False)  # as for a field
    return converter.convert(text)


def test_plain_text_is_exactly_one_paragraph_of_itself(settings):
    checked = 0
    for probe in PROBES:
        for text in (f"{probe}1. 文", f"文 {probe} text", f"text{probe}", probe * 3):
            if is_plain_text(text):
                expected = f"<p>{html.escape(text, quote=False)}</p>"
                assert markdown_of(settings, text) == expected, repr(text)
                checked += 1
    assert checked > 300  # most probes are plain text in the middle of a line


def test_a_file_saved_while_it_is_read_is_read_again(settings, tmp_path):
    post = tmp_path / "post.md"
    post.write_text("Title: Saved twice\n\nThe first version.\n", encoding="utf-8")
    reader = ReusedConverterReader(copy.deepcopy(settings))
    body, _ = reader._converters()
    convert = body.convert
    saved = []

    def convert_while_the_author_saves(text):
        converted = convert(text)
        if not saved:  # the author saves while the first reading runs
            post.write_text("Title: Saved twice\n\nThe second version.\n", "utf-8")
            later = os.stat(post).st_mtime_ns + 1_000_000_000
            os.utime(post, ns=(later, later))  # a newer time, whatever the clock
            saved.append(post)
        return converted

    body.convert = convert_while_the_author_saves
    content, metadata = reader.read(str(post))
    assert saved
    assert "The second version." in content
    assert "first" not in content
    assert metadata["title"] == "Saved twice"
