"""The reused Markdown reader reads every file as Pelican's own reader does."""

import copy
from types import SimpleNamespace

import pytest
from conftest import CONTENT, ROOT, write_content
from japanese_text.japanese_text import check_settings_and_add_markdown_extension
from pelican import signals
from pelican.readers import MarkdownReader, Readers
from pelican.settings import read_settings
from reused_markdown.reused_markdown import (
    ReusedMarkdownReader,
    use_reused_markdown_reader,
)
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
    reused = read_all(ReusedMarkdownReader, settings, paths)
    # Pelican's reader makes a new converter per file: nothing carries over.
    own = read_all(MarkdownReader, settings, paths)
    for path, mine, theirs in zip(paths, reused, own, strict=True):
        assert mine == theirs, path
    first, second, third = reused[:3]
    assert 'id="fn:1"' in first[0] and "fn:1" not in second[0]
    assert "<abbr" in first[0] and "<abbr" not in second[0]
    assert 'href="https://example.com/"' not in second[0]
    assert str(first[1]["summary"]) == "<p>Note: <em>this</em> is a summary</p>"
    assert 'id="one_1"' in third[0]  # ids are unique within a file only


def test_the_reader_replaces_only_pelicans_markdown_reader(settings):
    class OtherReader(MarkdownReader):
        pass

    settings = {**copy.deepcopy(settings), "READERS": {"mkd": OtherReader}}
    signals.readers_init.connect(use_reused_markdown_reader)
    try:
        readers = Readers(settings)
    finally:
        signals.readers_init.disconnect(use_reused_markdown_reader)
    assert type(readers.readers["md"]) is ReusedMarkdownReader
    assert type(readers.readers["markdown"]) is ReusedMarkdownReader
    assert type(readers.readers["mkd"]) is OtherReader
