"""Pelican's Markdown reader, with one converter reused for every file.

Reading Markdown is most of what a build does, and Pelican's reader does some
of it again for every file:

- It makes a new converter for every file, loading every Markdown extension
  again: a third of a millisecond a file. This reader makes its two
  converters (bodies, and the formatted metadata fields such as `Summary:`)
  once and resets them before each use, as Python-Markdown intends a
  converter to be reused.
- It runs the whole converter on every `Summary:`, which is nearly always one
  line of plain text. A field with no character Markdown could read as
  syntax (see `is_plain_text`) becomes its paragraph directly.

One thing it does that Pelican's reader does not: a file saved again while it
is read (the preview builds while the author writes) is read again. Pelican
stamps a file in its content cache with its modification time just after
reading it; a save during the read would leave the older text cached under
the newer time, shown until the file is saved again.

The HTML and metadata are the same as Pelican's own reader's (the tests read
every content file and a set of tricky fields with both). A `READERS` setting
that names another reader for Markdown files wins. Off with
`BUILD_SPEED["reused_converter"] = False`.
"""

import html
import logging
import os
import re

from markdown import Markdown
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, MarkdownReader
from pelican.utils import pelican_open

logger = logging.getLogger(__name__)

__all__ = ["ReusedConverterReader", "is_plain_text", "use_reused_converter"]

# Characters that can start Markdown syntax anywhere in a line (emphasis, code,
# links, images, footnotes, HTML, entities, escapes, attribute lists, tables),
# and line breaks and other control characters.
SYNTAX_ANYWHERE = re.compile(r"[\\`*_\[\]<>&!{}|~^\x00-\x1f\x7f]")
# Characters that are syntax at the start of a line (headings, quotes, lists,
# rules, definition lists, blocks, setext underlines); any digit, as
# Markdown's numbered lists take any (１. is a list item too).
SYNTAX_AT_START = re.compile(r"[#>\-+=:.]|\d")
# How many times at most a file saved while it is read is read (the last
# reading is kept, even if it was saved again meanwhile).
READS = 3


def is_plain_text(text):
    """Whether Markdown turns `text` into one paragraph of the same text.

    Conservative: one line, no surrounding space, and no character that
    Markdown or one of the site's extensions could read as syntax.
    """
    return (
        bool(text)
        and text == text.strip()
        and not SYNTAX_AT_START.match(text)
        and not SYNTAX_ANYWHERE.search(text)
    )


class ReusedConverterReader(MarkdownReader):
    """Pelican's Markdown reader, with converters made once and reset for each use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._body_converter = None
        self._field_converter = None

    def _converters(self):
        if self._body_converter is None:
            self._body_converter = Markdown(**self.settings["MARKDOWN"])
            self._field_converter = Markdown(**self.settings["MARKDOWN"])
            # A field holds no metadata of its own.
            self._field_converter.preprocessors.deregister("meta", strict=False)
        return self._body_converter, self._field_converter

    def read(self, source_path):
        self._source_path = source_path
        body, _ = self._converters()
        for _ in range(READS):
            modified = os.stat(source_path).st_mtime_ns
            body.reset()
            with pelican_open(source_path) as text:
                content = body.convert(text)
            if os.stat(source_path).st_mtime_ns == modified:
                break  # not saved again while it was read
        return content, self._parse_metadata(body.Meta)

    def _parse_metadata(self, meta):
        """Pelican's reading of the metadata lines, field by field."""
        output = {}
        for name, values in meta.items():
            name = name.lower()
            if name in self.settings["FORMATTED_FIELDS"]:
                value = self.format_field("\n".join(values))
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
                if len(values) > 1:
                    logger.warning(
                        "Duplicate definition of `%s` for %s. Using first one.",
                        name,
                        self._source_path,
                    )
                value = values[0]
            else:
                value = values if len(values) > 1 else values[0]
            output[name] = self.process_metadata(name, value)
        return output

    def format_field(self, text):
        """The HTML of a formatted field (`Summary:`), as Markdown makes it."""
        if is_plain_text(text):
            return f"<p>{html.escape(text, quote=False)}</p>"
        _, fields = self._converters()
        return fields.reset().convert(text)


def use_reused_converter(readers):
    """Read Markdown with ReusedConverterReader where Pelican's own reader would."""
    for extension, reader_class in readers.reader_classes.items():
        if reader_class is MarkdownReader:
            readers.reader_classes[extension] = ReusedConverterReader
