"""Checks on the `Key: value` lines of each post, before Pelican reads them.

Only what Pelican would refuse with a bare "Could not process", skip with an
error of its own, or change without a word: a header it would not see, a
missing title or date, a date it cannot read or could read two ways, a
language or status it does not know, a slug that is no address, a misspelt
name, tags it would split wrongly. The header is read with site_common.header,
as Markdown reads it.
"""

import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass

from site_common.header import Header, corrected_line, read_header, typed_prefix
from site_common.options import suggestion
from site_common.problems import Problem
from site_common.slugs import slug_problem
from site_common.stubs import placeholders_left

from .header_dates import check_dates

# Every metadata name a post or page may use, in one place: Pelican's own first,
# then the project's. Other plugins add theirs with CONTENT_CHECKS["extra_metadata"].
KNOWN_METADATA = (
    "Title",
    "Date",
    "Modified",
    "Category",
    "Tags",
    "Keywords",
    "Slug",
    "Author",
    "Authors",
    "Summary",
    "Lang",
    "Translation",
    "Status",
    "Template",
    "Save_as",
    "Url",
    "Date_Note",  # why a date was estimated
    "Source_Digest",  # digest of the Japanese original a translation follows
)
STATUSES = ("published", "draft", "hidden", "skip")
# What a Japanese author may write for each status.
STATUS_WORDS = {
    "公開": "published",
    "公開中": "published",
    "公開済み": "published",
    "下書き": "draft",
    "下書": "draft",
    "ドラフト": "draft",
    "非公開": "hidden",
    "隠す": "hidden",
    "スキップ": "skip",
}
SLUG_FIX = "{reason} (rename the file or set Slug:)"
MARKUP_RE = re.compile(r"<[A-Za-z/!][^>]*>")


@dataclass(frozen=True)
class HeaderRules:
    """What the settings allow in a header, gathered once per build."""

    languages: tuple
    default_lang: str
    known_metadata: tuple
    tag_forbidden_characters: str
    has_default_date: bool


@dataclass(frozen=True)
class Document:
    """A post or page as its header is written."""

    path: str  # content/posts/x.ja.md
    kind: str  # "post" or "page"
    header: Header
    from_filename: dict  # what the file name says: {"slug": ..., "lang": ...}
    blank_lines: int = 0  # empty lines above the header, which hide it
    body: str = ""  # the text below the header

    def value(self, name):
        return self.header.value(name)


def filename_metadata(relative, pattern):
    """Slug and language from a file name such as `x.ja.md`, as Pelican reads them."""
    base = os.path.splitext(posixpath.basename(relative))[0]
    match = re.match(pattern, base) if pattern else None
    if not match:
        return {}
    return {k.lower(): v for k, v in match.groupdict().items() if v is not None}


def read_document(path, kind, text, from_filename):
    """The header of a Markdown text, read even below empty lines, to check it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blank = next((n for n, line in enumerate(lines) if line.strip()), 0)
    header = read_header("\n".join(lines[blank:]))
    body = "\n".join(lines[blank + header.body_start :])
    if header.stray_line:
        number, line = header.stray_line
        header = Header(header.fields, header.body_start, (number + blank, line))
    return Document(path, kind, header, from_filename, blank, body)


# -- checks on one header -----------------------------------------------------


def check_header_lines(document, rules):
    """Lines Pelican would not read as metadata, and say nothing about."""
    del rules  # every check takes the same arguments
    problems = []
    if document.blank_lines and document.header.fields:
        problems.append(
            Problem(
                document.path,
                "metadata",
                "the file starts with an empty line, so the metadata lines below it "
                "(Title:, Date:, ...) are not read: remove the empty line at the top",
            )
        )
    if document.header.stray_line:
        number, line = document.header.stray_line
        fixed = corrected_line(line)
        name = fixed.split(":", 1)[0]
        prefix = typed_prefix(line)
        if "：" in prefix:
            message = (
                'line {number} "{line}" has a full-width colon "：" after the name: '
                'write an ASCII colon, as in "{fixed}"'
            )
        elif "\u3000" in prefix:
            message = (
                'line {number} "{line}" has a full-width space "\u3000": delete it '
                'or write an ASCII space, as in "{fixed}"'
            )
        else:
            message = (
                'line {number} "{line}" is not read as metadata: write the name, '
                'then an ASCII colon and a space, as in "{fixed}"'
            )
        problems.append(
            Problem(document.path, name, message, number=number, line=line, fixed=fixed)
        )
    return problems


def check_title(document, rules):
    del rules
    title = document.value("title")
    if title is None and document.header.stray_line:
        return []  # the line that ended the header is reported, corrected
    if title is None:
        message = 'Title is missing: add a first line like "Title: ..."'
    elif not title.strip():
        message = 'Title is empty: write the title after "Title:"'
    else:
        return []
    return [Problem(document.path, "Title", message)]


def check_language(document, rules):
    allowed = " or ".join(rules.languages)
    written = document.value("lang")
    if written is not None:
        if written.strip() in rules.languages:
            return []
        message = 'Lang "{value}" is not a language of this site (use {allowed})'
        return [Problem(document.path, "Lang", message, value=written, allowed=allowed)]
    lang = document.from_filename.get("lang")
    if lang is None or lang in rules.languages:
        return []
    slug = document.from_filename.get("slug", "<slug>")
    extension = os.path.splitext(document.path)[1]
    names = " or ".join(f"{slug}.{code}{extension}" for code in rules.languages)
    message = (
        'the file name gives the language "{lang}", which is not a language '
        "of this site: name the file {names}"
    )
    return [Problem(document.path, "Lang", message, lang=lang, names=names)]


def check_status(document, rules):
    del rules
    status = document.value("status")
    if status is None or status.strip() in STATUSES:
        return []
    fixed = STATUS_WORDS.get(unicodedata.normalize("NFKC", status).strip())
    if fixed is not None:
        return [
            Problem(
                document.path,
                "Status",
                'Status "{value}" is not one of {statuses}: write it as '
                '"Status: {fixed}"',
                value=status,
                statuses=", ".join(STATUSES),
                fixed=fixed,
            )
        ]
    return [
        Problem(
            document.path,
            "Status",
            'Status "{value}" is not one of {statuses}{suggestion}',
            value=status,
            statuses=", ".join(STATUSES),
            suggestion=suggestion(status.strip(), STATUSES, cutoff=0.6),
        )
    ]


def check_metadata_names(document, rules):
    """A name that is unknown but close to a known one is a typo (Tilte → Title)."""
    known = {name.lower() for name in rules.known_metadata}
    problems = []
    for name, _value, _line in document.header.fields:
        if name.lower() in known:
            continue
        if nearest := suggestion(name, rules.known_metadata):
            message = (
                'unknown metadata "{name}"{suggestion}: fix the name, or the line '
                "is ignored"
            )
            problems.append(
                Problem(document.path, name, message, name=name, suggestion=nearest)
            )
    return problems


def check_tags(document, rules):
    raw = document.value("tags")
    if raw is None or not raw.strip():
        return []  # an empty Tags: line (as `make newpost` writes it) means none
    if ";" in raw:
        fixed = ", ".join(tag.strip() for tag in raw.split(";") if tag.strip())
        message = (
            'Tags "{value}" uses ";", which changes how every tag is split: separate '
            'tags with commas, as in "Tags: {fixed}"'
        )
        return [Problem(document.path, "Tags", message, value=raw, fixed=fixed)]
    tags = [tag.strip() for tag in raw.split(",")]
    problems = []
    if not all(tags):
        message = (
            'Tags "{value}" has an empty tag (two commas in a row, or a comma at '
            "the end): remove the extra comma"
        )
        problems.append(Problem(document.path, "Tags", message, value=raw))
    for tag in filter(None, tags):
        if MARKUP_RE.search(tag):
            message = 'tag "{tag}" contains HTML; tags are plain text'
            problems.append(Problem(document.path, "Tags", message, tag=tag))
        forbidden = [ch for ch in rules.tag_forbidden_characters if ch in tag]
        if forbidden:
            fixed = raw
            for ch in forbidden:
                fixed = fixed.replace(ch, ", ")
            message = (
                'tag "{tag}" contains "{characters}": separate tags with '
                'a comma, as in "Tags: {fixed}"'
            )
            problems.append(
                Problem(
                    document.path,
                    "Tags",
                    message,
                    tag=tag,
                    characters="".join(forbidden),
                    fixed=fixed,
                )
            )
    return problems


def check_slug(document, rules):
    """The slug the header or the file name gives must be an address of its own.

    Checked before reading, as Pelican skips a page whose slug leads out of
    the output folder with a message of its own; a slug Pelican makes from
    the title is checked after reading.
    """
    slug = (document.value("slug") or "").strip() or document.from_filename.get("slug")
    if slug is None:
        return []
    reason = slug_problem(slug, rules.languages)
    if reason is None:
        return []
    return [Problem(document.path, "Slug", SLUG_FIX, reason=reason)]


def check_placeholders(document, rules):
    """A post `make newpost` started is not published with its placeholders."""
    del rules
    status = (document.value("status") or "published").strip()
    if status != "published":
        return []
    found = placeholders_left(document.value("title"), document.body)
    return [
        Problem(
            document.path,
            field,
            'Title is still "{placeholder}", the placeholder make newpost wrote: '
            'write the title, or keep "Status: draft" until the post is ready'
            if field == "Title"
            else 'the text still has "{placeholder}", the placeholder make newpost '
            'wrote: write the text in its place, or keep "Status: draft" until the '
            "post is ready",
            placeholder=placeholder,
        )
        for field, placeholder in found
    ]


HEADER_CHECKS = (
    check_header_lines,
    check_title,
    check_slug,
    check_dates,
    check_language,
    check_status,
    check_metadata_names,
    check_tags,
    check_placeholders,
)


def check_header(document, rules):
    return [problem for check in HEADER_CHECKS for problem in check(document, rules)]
