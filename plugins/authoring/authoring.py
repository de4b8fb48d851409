"""Author files forgive what an author naturally writes.

- A note written as an HTML comment (`<!-- ... -->`) in a post, a page or its
  `Summary:` is for the author, not the reader: Markdown drops it while it
  converts the text (markdown_extensions.py), so no page, listing or feed
  shows it. The notes `make newpost` writes to explain each metadata field
  are such comments. A `<!--` never closed is reported, naming the file and
  the line.
- An optional field left empty (`Summary:` with nothing after it) counts as
  not given, so the summary is taken from the start of the body rather than
  shown as nothing.
- Aligned table columns get classes instead of inline styles, which the
  site's Content-Security-Policy would block.

The author's files are only read, never changed.
"""

import logging

from pelican import signals
from pelican.contents import Content
from site_common.markup_problems import content_problems
from site_common.problems import report
from site_common.quick_pass import writes_pages_of

from .markdown_extensions import REPORTER, AlignedTablesExtension, AuthorNotesExtension

logger = logging.getLogger(__name__)

__all__ = ["register"]

OPTIONAL_FIELDS = ("summary",)
EXTENSIONS = (AuthorNotesExtension, AlignedTablesExtension)


# -- pure functions ---------------------------------------------------------


def drop_empty_fields(metadata, fields=OPTIONAL_FIELDS):
    """Remove optional fields whose value is empty, in place."""
    for field in fields:
        value = metadata.get(field)
        if isinstance(value, str) and not value.strip():
            del metadata[field]


def with_extensions(markdown_settings):
    """The MARKDOWN setting with this plugin's extensions added once."""
    markdown = dict(markdown_settings or {})
    extensions = [
        extension
        for extension in markdown.get("extensions", [])
        if not isinstance(extension, EXTENSIONS)
    ]
    markdown["extensions"] = [*extensions, *(kind() for kind in EXTENSIONS)]
    return markdown


# -- signal handlers ---------------------------------------------------------


def add_markdown_extensions(pelican):
    pelican.settings["MARKDOWN"] = with_extensions(pelican.settings.get("MARKDOWN"))


def forget_empty_fields(generator, metadata):
    drop_empty_fields(metadata)


def report_unclosed_notes(content):
    """Report the notes never closed, which the Markdown extension marked."""
    if not isinstance(content, Content):
        return
    if not writes_pages_of(content.settings, content):
        return  # a quick pass: unchanged since a build that passed
    report(content_problems(content, REPORTER), logger)


def register():
    signals.initialized.connect(add_markdown_extensions)
    signals.article_generator_context.connect(forget_empty_fields)
    signals.page_generator_context.connect(forget_empty_fields)
    signals.content_object_init.connect(report_unclosed_notes)
