"""Author files forgive what an author naturally writes.

- A note written as an HTML comment (`<!-- ... -->`) in a post or page is for
  the author, not the reader: it is removed from the built content. The notes
  `make newpost` writes to explain each metadata field are such comments.
- An optional field left empty (`Summary:` with nothing after it) counts as
  not given, so the summary is taken from the start of the body rather than
  shown as nothing.

The author's files are only read, never changed.
"""

import re

from pelican import signals
from pelican.contents import Article, Page

__all__ = ["register"]

# Python-Markdown passes raw comments through; in code blocks it escapes `<`,
# so every `<!--` left in the HTML is a comment the author wrote.
AUTHOR_NOTE = re.compile(r"<!--.*?-->[ \t]*\n?", re.DOTALL)
OPTIONAL_FIELDS = ("summary",)


# -- pure functions ---------------------------------------------------------


def strip_author_notes(html):
    """The HTML without the author's comments."""
    return AUTHOR_NOTE.sub("", html)


def drop_empty_fields(metadata, fields=OPTIONAL_FIELDS):
    """Remove optional fields whose value is empty, in place."""
    for field in fields:
        value = metadata.get(field)
        if isinstance(value, str) and not value.strip():
            del metadata[field]


# -- signal handlers ---------------------------------------------------------


def forget_empty_fields(generator, metadata):
    drop_empty_fields(metadata)


def remove_author_notes(content):
    if isinstance(content, (Article, Page)) and content._content:
        content._content = strip_author_notes(content._content)


def register():
    signals.article_generator_context.connect(forget_empty_fields)
    signals.page_generator_context.connect(forget_empty_fields)
    signals.content_object_init.connect(remove_author_notes)
