"""The ``Key: value`` lines at the top of a post: one reader for all who read them.

Read as Python-Markdown's meta extension (which Pelican's Markdown reader uses)
reads them: the header runs from the first line to the first blank line; a line
indented by four spaces continues the previous value; an optional ``---`` line
may open and close it. Anything else ends the header.
"""

import re
import unicodedata
from dataclasses import dataclass

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE

# A line that meant to be metadata but is not read as such ("Tags：人脈", "Tags : x").
STRAY_METADATA_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+)(?:[ \t]+[:：]|：)")

# A header line as a Japanese keyboard types it: a full-width colon or space (or
# full-width letters) where the ASCII ones belong ("Title：朝の習慣", "　Tags: x").
TYPED_METADATA_RE = re.compile(
    r"^[ \u3000]*(?P<key>[A-Za-z0-9_\-Ａ-Ｚａ-ｚ０-９＿－]+)"
    r"[ \t\u3000]*[:：][ \t\u3000]*(?P<value>.*)$"
)


def corrected_line(line):
    """A header line Markdown does not read, as it should be written
    ("Title：朝の習慣" → "Title: 朝の習慣"); None when it is no such line."""
    match = TYPED_METADATA_RE.match(line)
    if not match:
        return None
    key = unicodedata.normalize("NFKC", match["key"])
    return f"{key}: {match['value'].strip()}"


def typed_prefix(line):
    """The name and separator of a header line, as typed ("Title：")."""
    match = TYPED_METADATA_RE.match(line)
    return line[: match.start("value")] if match else ""


@dataclass(frozen=True)
class Header:
    """The fields of a header, in file order, and where the body starts."""

    fields: tuple  # ((name as written, value, line number), ...)
    body_start: int  # index of the body's first line (0-based)
    stray_line: tuple | None  # (line number, text) of a line that ended it wrongly

    def value(self, name, default=None):
        """The first value given for a name (any case)."""
        wanted = name.lower()
        return next((v for k, v, _ in self.fields if k.lower() == wanted), default)

    def as_dict(self):
        """{lower-case name: value}, the first value of each name."""
        result = {}
        for name, value, _ in self.fields:
            result.setdefault(name.lower(), value)
        return result


def read_header(text):
    """The header of a Markdown source (its lines joined with "\\n")."""
    lines = text.split("\n")
    start = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    fields = []
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip() or END_RE.match(line):
            return Header(_frozen(fields), index + 1, None)
        if match := META_RE.match(line):
            fields.append([match["key"], match["value"].strip(), index + 1])
        elif (more := META_MORE_RE.match(line)) and fields:
            fields[-1][1] += "\n" + more["value"].strip()
        else:
            is_stray = STRAY_METADATA_RE.match(line) or corrected_line(line)
            # (strip(" \t"): a full-width space at the start is the mistake shown)
            stray = (index + 1, line.strip(" \t")) if is_stray else None
            return Header(_frozen(fields), index, stray)
    return Header(_frozen(fields), len(lines), None)


def _frozen(fields):
    return tuple(tuple(field) for field in fields)


def split_source(text):
    """({lower-case name: value}, body) of a Markdown source."""
    lines = text.replace("\r\n", "\n").split("\n")
    header = read_header("\n".join(lines))
    return header.as_dict(), "\n".join(lines[header.body_start :])
