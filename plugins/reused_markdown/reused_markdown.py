"""One Markdown converter per build, reset between files.

Pelican's Markdown reader makes a new converter for every file it reads,
loading every Markdown extension again: a third of a millisecond a file,
more than converting a short post's summary. This reader makes its two
converters (bodies, and the formatted metadata fields such as `Summary:`)
once and resets them before each use, as Python-Markdown intends a converter
to be reused. The HTML and metadata are the same as Pelican's own reader's.

A `READERS` setting that names another reader for Markdown files wins.
"""

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

__all__ = ["ReusedMarkdownReader", "register"]


class KeepLines(Preprocessor):
    """A preprocessor that changes nothing (see `_parse_metadata`)."""

    def run(self, lines):
        return lines


class ReusedMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with converters made once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._body_converter = None
        self._field_converter = None

    def _converters(self):
        if self._body_converter is None:
            self._body_converter = Markdown(**self.settings["MARKDOWN"])
            self._field_converter = Markdown(**self.settings["MARKDOWN"])
        return self._body_converter, self._field_converter

    def read(self, source_path):
        self._source_path = source_path
        body, fields = self._converters()
        body.reset()
        with pelican_open(source_path) as text:
            content = body.convert(text)
        # Pelican converts the formatted fields with `self._md`, after taking
        # out its `meta` preprocessor (a field holds no metadata). The field
        # converter has only a placeholder to take out, put back each time.
        fields.preprocessors.register(KeepLines(fields), "meta", 0)
        self._md = fields
        return content, self._parse_metadata(body.Meta)


# -- signal handlers ----------------------------------------------------------------


def use_reused_markdown_reader(readers):
    for extension, reader_class in readers.reader_classes.items():
        if reader_class is MarkdownReader:
            readers.reader_classes[extension] = ReusedMarkdownReader


def register():
    signals.readers_init.connect(use_reused_markdown_reader)
