"""Content checks: every problem in content and settings named; then the build fails.

Stock Pelican logs most content problems and carries on: a bad date or a file that
is not UTF-8 is "Could not process" and a missing title "Skipping" (both in
ArticlesGenerator.generate_context), a link to a missing file only a warning when
the page is written. This plugin reads every post and page once, read-only, before
Pelican reads anything (when the articles generator is created, before the output
folder is cleaned), and runs every check on every file. Each problem is one line,
file first:

    content/posts/x.ja.md: Date "2024-13-45" is not a valid date (use YYYY-MM-DD HH:MM)

All problems are logged as errors in one go. Under `--fatal errors` (`make html`,
`make publish`) Pelican's logger raises at the first error, so the plugin lets every
problem through first and then stops the build, leaving the last good output in
place. Without it (`make serve`) the preview goes on and shows the same lines.
Things worth knowing that are not errors (a post with no English translation yet)
are logged as information and never fail the build.
"""

import codecs
import difflib
import functools
import html
import logging
import os
import posixpath
import re
import unicodedata
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlsplit

from markdown import Markdown
from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE
from pelican import signals
from pelican.utils import get_date
from site_common.problems import report_and_stop

logger = logging.getLogger(__name__)

__all__ = ["register"]


# -- what the checks know -----------------------------------------------------

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

DEFAULT_OPTIONS = {
    # Languages a post may be written in (from <slug>.<lang>.md or Lang:).
    "languages": ("ja", "en"),
    # Settings the site cannot be built without.
    "required_settings": ("SITENAME", "AUTHOR", "DEFAULT_LANG", "TIMEZONE"),
    # Settings holding web addresses: a string, a dict of them, or (name, url) pairs.
    # An empty value is allowed (the link is left out); anything else must be an
    # absolute http(s) URL.
    "url_settings": ("SITEURL", "FEED_DOMAIN", "LINKS"),
    # The categories posts may use; None allows any.
    "categories": None,
    # Characters a tag may not contain: Japanese commas mean the tags were not split.
    "tag_forbidden_characters": "、，",
    # Metadata names other plugins read, beside KNOWN_METADATA.
    "extra_metadata": (),
}

STATUSES = ("published", "draft", "hidden", "skip")
LANGUAGE_NAMES = {"ja": "Japanese", "en": "English"}
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")
LINK_KINDS = ("filename", "static", "attach")
DATE_HINT = "use YYYY-MM-DD HH:MM"
SETTINGS = "settings"  # stands where a file would, for problems in the settings
SAVE_AS_UTF8 = (
    'save it again as UTF-8 (VS Code: "Save with Encoding" → "UTF-8"; '
    'Notepad: "Save As" → Encoding "UTF-8")'
)

MARKUP_RE = re.compile(r"<[A-Za-z/!][^>]*>")
# A line that meant to be metadata but is not read as such ("Tags：人脈", "Tags : x").
STRAY_METADATA_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+)(?:[ \t]+[:：]|：)")
LEGACY_JAPANESE_ENCODINGS = (
    ("cp932", "Shift_JIS (CP932)"),
    ("euc_jp", "EUC-JP"),
)
JAPANESE_RANGES = (
    (0x3000, 0x303F),  # Japanese punctuation
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x4E00, 0x9FFF),  # kanji
    (0xFF01, 0xFF5E),  # full-width Latin letters and signs
)


# -- records ------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing to fix: the file (or "settings"), the field at fault, what to do."""

    path: str
    field: str
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Source:
    """A content file as found on disk; it is only ever read."""

    folder: str  # the content folder as the author names it: "content"
    relative: str  # its path inside that folder: "posts/x.ja.md"
    kind: str  # "post" or "page"
    raw: bytes

    @property
    def path(self):
        return posixpath.join(self.folder, self.relative)


@dataclass(frozen=True)
class Document:
    """A post or page as the checks see it: its header as written, its body as HTML."""

    source: Source
    fields: tuple  # ((name as written, value), ...) in file order
    body_html: str
    from_filename: dict  # what the file name says: {"slug": ..., "lang": ...}
    stray_line: tuple | None = None  # (line number, text) of a misspelt metadata line
    starts_blank: bool = False

    @property
    def path(self):
        return self.source.path

    @property
    def kind(self):
        return self.source.kind

    def value(self, name):
        """The first value given for a metadata name (any case), or None."""
        wanted = name.lower()
        return next((v for k, v in self.fields if k.lower() == wanted), None)

    def lang(self, default_lang):
        """The language as Pelican decides it: Lang:, then the file name."""
        lang = self.value("lang")
        if lang is None:
            lang = self.from_filename.get("lang", default_lang)
        return lang.strip()

    @property
    def slug(self):
        # An empty Slug: is dropped, as Pelican drops it.
        return (self.value("slug") or "").strip() or self.from_filename.get("slug")

    @property
    def is_translation(self):
        # Pelican's rule: any value but "false" makes it a translation.
        value = self.value("translation")
        return value is not None and value.lower() != "false"

    @property
    def status(self):
        return (self.value("status") or "").strip() or "published"


@dataclass(frozen=True)
class Rules:
    """What the settings allow, gathered once per build."""

    languages: tuple
    default_lang: str
    known_metadata: tuple
    categories: tuple | None
    tag_forbidden_characters: str
    has_default_date: bool
    link_pattern: re.Pattern
    content_files: frozenset  # every file in the content folder, relative posix paths


# -- small helpers ------------------------------------------------------------


def did_you_mean(word, choices, cutoff=0.75):
    """' (did you mean "X"?)' when a choice is close to word (any case), else ''."""
    by_lower = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=cutoff)
    return f'; did you mean "{by_lower[close[0]]}"?' if close else ""


def language_name(lang):
    return LANGUAGE_NAMES.get(lang, f'"{lang}"')


# The form nearly every post uses (2024-05-01 10:00, ASCII digits), checked
# without dateutil; anything else is left to dateutil, as Pelican reads it.
PLAIN_DATE_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?"
)


def is_valid_date(text):
    """Whether Pelican reads this as a date (it accepts what dateutil parses)."""
    if PLAIN_DATE_RE.fullmatch(text):
        try:
            datetime.fromisoformat(text)
            return True
        except ValueError:
            pass  # 2024-02-30: dateutil says the same, below
    try:
        get_date(text.replace("_", " "))
    except (ValueError, OverflowError):
        return False
    return True


def is_web_address(value):
    """An absolute http(s) URL with a host and no spaces."""
    if not isinstance(value, str) or any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def intrasite_link_pattern(indicator_regex):
    """Pelican's pattern for {filename}, {static}, {attach} links in HTML."""
    attributes = "href|src|poster|data|cite|formaction|action|content"
    return re.compile(
        rf"""(?P<markup><[^>]+(?:{attributes})\s*=\s*)(?P<quote>["'])"""
        rf"""(?P<path>{indicator_regex}(?P<value>.*?))(?P=quote)"""
    )


def filename_metadata(relative, pattern):
    """Slug and language from a file name such as `x.ja.md`, as Pelican reads them."""
    base = os.path.splitext(posixpath.basename(relative))[0]
    match = re.match(pattern, base) if pattern else None
    if not match:
        return {}
    return {k.lower(): v for k, v in match.groupdict().items() if v is not None}


def sibling_path(document, lang):
    """Where the same post in another language would be: content/posts/x.en.md."""
    slug = document.from_filename.get("slug") or document.slug
    folder = posixpath.dirname(document.path)
    extension = os.path.splitext(document.path)[1]
    return posixpath.join(folder, f"{slug}.{lang}{extension}")


# -- reading a file -----------------------------------------------------------


def japanese_score(text):
    """How much a decoded text looks like Japanese: kana and kanji up, junk down."""
    score = 0
    for ch in text:
        point = ord(ch)
        if any(low <= point <= high for low, high in JAPANESE_RANGES):
            score += 1
        elif 0xFF61 <= point <= 0xFF9F or 0xE000 <= point <= 0xF8FF:
            score -= 1  # half-width katakana and private-use: a wrong guess
        elif unicodedata.category(ch) == "Cc" and ch not in "\t\n\r":
            score -= 1
    return score


def guess_japanese_encoding(raw):
    """The legacy Japanese encoding these bytes read best as, or None."""
    best_name, best_score = None, 0
    for codec, name in LEGACY_JAPANESE_ENCODINGS:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        score = japanese_score(text)
        if score > best_score:
            best_name, best_score = name, score
    return best_name


def decode(raw):
    """The text of a UTF-8 file (a BOM is allowed, as Pelican allows it), or None."""
    try:
        # As "utf-8-sig" does, without its codec's slower path for every file.
        return raw.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError:
        return None


def check_encoding(source):
    """A file must be UTF-8: say what else it looks like and how to save it."""
    raw = source.raw
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        looks_like = "UTF-16"
    elif (text := decode(raw)) is None:
        looks_like = guess_japanese_encoding(raw)
        if looks_like is None:
            error = _first_bad_byte(raw)
            return [
                Problem(
                    source.path,
                    "encoding",
                    f"the file is not saved as UTF-8 (unreadable byte {error}); "
                    + SAVE_AS_UTF8,
                )
            ]
    elif "\x1b$B" in text or "\x1b$@" in text:
        looks_like = "ISO-2022-JP (JIS)"
    else:
        return []
    return [
        Problem(
            source.path,
            "encoding",
            f"the file is not saved as UTF-8: it looks like {looks_like}; "
            + SAVE_AS_UTF8,
        )
    ]


def _first_bad_byte(raw):
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return f"0x{raw[error.start]:02X} at position {error.start}"
    return "unknown"


def check_not_empty(source):
    """A file with nothing in it is a post saved too early, or an accident."""
    text = decode(source.raw)
    if text is not None and not text.strip():
        return [
            Problem(
                source.path,
                "file",
                'the file is empty: write at least a "Title:" line and some text, '
                "or delete the file",
            )
        ]
    return []


def parse_header(text):
    """The metadata lines at the top, read as Python-Markdown's meta extension does.

    Returns (fields, stray_line): fields as ((name as written, value), ...), and the
    line that ended the header when it looks like metadata gone wrong.
    """
    lines = text.split("\n")
    start = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    fields = []
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line.strip() or END_RE.match(line):
            break
        if match := META_RE.match(line):
            fields.append([match["key"], match["value"].strip()])
        elif (more := META_MORE_RE.match(line)) and fields:
            fields[-1][1] += "\n" + more["value"].strip()
        else:
            stray = (number, line.strip()) if STRAY_METADATA_RE.match(line) else None
            return tuple(map(tuple, fields)), stray
    return tuple(map(tuple, fields)), None


def markdown_converter(markdown_settings):
    """A Markdown converter with the site's settings (header removed)."""
    config = dict(markdown_settings)
    extensions = list(config.get("extensions", []))
    for name in [*config.get("extension_configs", {}), "markdown.extensions.meta"]:
        if name not in extensions:
            extensions.append(name)
    config["extensions"] = extensions
    return Markdown(**config)


# What the checks need of a body, found in the Markdown source itself, so that
# no post is converted twice: links and images to content files (inline,
# reference definitions, raw HTML), outside code; and `:::` blocks (quoted
# tweets), which are converted alone, since a Markdown extension reports their
# mistakes.
_TARGET = r"\{(?:filename|static|attach)\}"
MARKDOWN_LINK_RE = re.compile(
    rf"(?P<bang>!?)\[[^\]\n]*\]\(\s*<?(?P<target>{_TARGET}[^)\s>]*)"
)
REFERENCE_RE = re.compile(
    rf"^ {{0,3}}\[[^\]\n]+\]:[ \t]*<?(?P<target>{_TARGET}[^\s>]*)", re.MULTILINE
)
HTML_LINK_RE = re.compile(
    rf"<[a-zA-Z]+\b[^>]*?\b(?:href|src)\s*=\s*([\"'])(?P<target>{_TARGET}[^\"']*)\1"
)
CODE_RE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)
BLOCK_RE = re.compile(r"^:::.*?^:::[ \t]*$", re.MULTILINE | re.DOTALL)


def links_html(text, converter):
    """HTML holding the body's links to content files, as Pelican would see them.

    Also parses each `:::` block, so that a mistake in one is reported here,
    naming the file; a Markdown extension's ValueError propagates. Without a
    converter (a file Pelican takes from its content cache) nothing is converted.
    """
    prose = CODE_RE.sub("", text) if "`" in text or "~~~" in text else text
    parts = []
    has_links = any(f"{{{what}}}" in prose for what in ("filename", "static", "attach"))
    for match in MARKDOWN_LINK_RE.finditer(prose) if has_links else ():
        attribute = "img src" if match["bang"] else "a href"
        parts.append(f'<{attribute}="{html.escape(match["target"])}">')
    for match in REFERENCE_RE.finditer(prose) if has_links else ():
        parts.append(f'<a href="{html.escape(match["target"])}">')
    if has_links:
        parts += [match.group(0) + ">" for match in HTML_LINK_RE.finditer(prose)]
    has_blocks = converter is not None and ":::" in prose
    for block in BLOCK_RE.finditer(prose) if has_blocks else ():
        # The preprocessors and block processors (where an extension reads a
        # block's fields), without the inline work of a whole conversion.
        lines = block.group(0).split("\n")
        converter.reset()
        for preprocessor in converter.preprocessors:
            lines = preprocessor.run(lines)
        converter.parser.parseDocument(lines)
    return "\n".join(parts)


def read_document(source, converter, filename_pattern):
    """Parse a UTF-8 Markdown source into a Document."""
    text = decode(source.raw).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    # Metadata after empty lines is lost to Pelican; read it anyway, to check it
    # and to say once what went wrong.
    blank = next((n for n, line in enumerate(lines) if line.strip()), 0)
    fields, stray_line = parse_header("\n".join(lines[blank:]))
    if stray_line:
        stray_line = (stray_line[0] + blank, stray_line[1])
    return Document(
        source=source,
        fields=fields,
        body_html=links_html(text, converter),
        from_filename=filename_metadata(source.relative, filename_pattern),
        stray_line=stray_line,
        starts_blank=blank > 0,
    )


# -- checks on one post or page -----------------------------------------------


def check_header(document, rules):
    """A metadata line written with a full-width colon or a space is body text."""
    del rules  # every check takes the same arguments
    problems = []
    if document.starts_blank and document.fields:
        problems.append(
            Problem(
                document.path,
                "metadata",
                "the file starts with an empty line, so the metadata lines below it "
                "(Title:, Date:, ...) are not read: remove the empty line at the top",
            )
        )
    if document.stray_line:
        number, line = document.stray_line
        name = STRAY_METADATA_RE.match(line)["key"]
        problems.append(
            Problem(
                document.path,
                name,
                f'line {number} "{line}" is not read as metadata: write the name, '
                f'then an ASCII colon and a space, as in "{name}: ..."',
            )
        )
    return problems


def check_title(document, rules):
    del rules
    title = document.value("title")
    if title is None:
        message = 'Title is missing: add a first line like "Title: ..."'
    elif not title.strip():
        message = 'Title is empty: write the title after "Title:"'
    else:
        return []
    return [Problem(document.path, "Title", message)]


def check_dates(document, rules):
    problems = []
    for name in ("Date", "Modified"):
        value = document.value(name)
        if value is None:
            needs_date = document.kind == "post" and not rules.has_default_date
            if name == "Date" and needs_date and "date" not in document.from_filename:
                problems.append(
                    Problem(
                        document.path,
                        name,
                        'Date is missing: add a line like "Date: 2024-05-01 10:00"',
                    )
                )
        elif not value.strip():
            problems.append(
                Problem(document.path, name, f"{name} is empty ({DATE_HINT})")
            )
        elif not is_valid_date(value):
            problems.append(
                Problem(
                    document.path,
                    name,
                    f'{name} "{value}" is not a valid date ({DATE_HINT})',
                )
            )
    return problems


def check_language(document, rules):
    allowed = " or ".join(rules.languages)
    written = document.value("lang")
    if written is not None:
        if written.strip() in rules.languages:
            return []
        message = f'Lang "{written}" is not a language of this site (use {allowed})'
        return [Problem(document.path, "Lang", message)]
    lang = document.from_filename.get("lang")
    if lang is None or lang in rules.languages:
        return []
    slug = document.from_filename.get("slug", "<slug>")
    extension = os.path.splitext(document.path)[1]
    names = " or ".join(f"{slug}.{code}{extension}" for code in rules.languages)
    return [
        Problem(
            document.path,
            "Lang",
            f'the file name gives the language "{lang}", which is not a language '
            f"of this site: name the file {names}",
        )
    ]


def check_status(document, rules):
    del rules
    status = document.value("status")
    if status is None or status.strip() in STATUSES:
        return []
    return [
        Problem(
            document.path,
            "Status",
            f'Status "{status}" is not one of {", ".join(STATUSES)}'
            + did_you_mean(status.strip(), STATUSES, cutoff=0.6),
        )
    ]


def check_metadata_names(document, rules):
    """A name that is unknown but close to a known one is a typo (Tilte → Title)."""
    known = {name.lower() for name in rules.known_metadata}
    problems = []
    for name, _value in document.fields:
        if name.lower() in known:
            continue
        suggestion = did_you_mean(name, rules.known_metadata)
        if suggestion:
            problems.append(
                Problem(
                    document.path,
                    name,
                    f'unknown metadata "{name}"{suggestion} (fix the name, or the '
                    "line is ignored)",
                )
            )
    return problems


def check_category(document, rules):
    category = (document.value("category") or "").strip()
    if not category:
        return []
    if MARKUP_RE.search(category):
        message = f'Category "{category}" contains HTML; a category is plain text'
    elif rules.categories is not None and category not in rules.categories:
        message = (
            f'Category "{category}" is not one of the site\'s categories '
            f"({', '.join(rules.categories)})"
            + did_you_mean(category, rules.categories, cutoff=0.5)
            + ' (new categories go in CONTENT_CHECKS["categories"] in pelicanconf.py)'
        )
    else:
        return []
    return [Problem(document.path, "Category", message)]


def check_tags(document, rules):
    raw = document.value("tags")
    if raw is None or not raw.strip():
        return []  # an empty Tags: line (as `make newpost` writes it) means none
    separator = ";" if ";" in raw else ","  # Pelican's rule
    tags = [tag.strip() for tag in raw.split(separator)]
    problems = []
    if not all(tags):
        problems.append(
            Problem(
                document.path,
                "Tags",
                f'Tags "{raw}" has an empty tag (two commas in a row, or a comma at '
                "the end): remove the extra comma",
            )
        )
    for tag in filter(None, tags):
        if MARKUP_RE.search(tag):
            problems.append(
                Problem(
                    document.path,
                    "Tags",
                    f'tag "{tag}" contains HTML; tags are plain text',
                )
            )
        forbidden = [ch for ch in rules.tag_forbidden_characters if ch in tag]
        if forbidden:
            fixed = raw
            for ch in forbidden:
                fixed = fixed.replace(ch, ", ")
            problems.append(
                Problem(
                    document.path,
                    "Tags",
                    f'tag "{tag}" contains "{"".join(forbidden)}": separate tags with '
                    f'a comma, as in "Tags: {fixed}"',
                )
            )
    return problems


def linked_file(document, link_path):
    """The content-relative file a {filename}/{static}/{attach} path points to."""
    if link_path.startswith("/"):
        target = link_path[1:]
    else:
        target = posixpath.join(posixpath.dirname(document.source.relative), link_path)
    return posixpath.normpath(target)


def check_links(document, rules):
    """Links and images to content files must point to files that exist."""
    problems = []
    for match in rules.link_pattern.finditer(document.body_html):
        if match["what"] not in LINK_KINDS:
            continue
        path = urlsplit(match["value"]).path
        if not path:
            continue  # {filename}#anchor: a link within the page
        # Pelican tries the path as written, URL-unquoted and HTML-unescaped.
        tries = {path, unquote(path), html.unescape(path), unquote(html.unescape(path))}
        targets = [linked_file(document, tried) for tried in sorted(tries)]
        if any(target in rules.content_files for target in targets):
            continue
        is_image = match["markup"].lstrip("<").lower().startswith("img")
        written = html.unescape(match["path"])
        expected = posixpath.normpath(
            posixpath.join(document.source.folder, targets[0])
        )
        problems.append(
            Problem(
                document.path,
                "link",
                f'{"image" if is_image else "link"} "{written}" points to a file that '
                f"does not exist ({expected})",
            )
        )
    return problems


DOCUMENT_CHECKS = (
    check_header,
    check_title,
    check_dates,
    check_language,
    check_status,
    check_metadata_names,
    check_category,
    check_tags,
    check_links,
)


def check_document(document, rules):
    return [problem for check in DOCUMENT_CHECKS for problem in check(document, rules)]


# -- checks across files ------------------------------------------------------


def group_by_address(documents):
    """Posts (or pages) that share a slug: an original and its translations."""
    groups = defaultdict(list)
    for document in documents:
        if document.slug:
            groups[(document.kind, document.slug)].append(document)
    return groups


def check_translations(documents, default_lang):
    """One file per slug and language; a translation is in another language."""
    problems = []
    for (kind, slug), group in sorted(group_by_address(documents).items()):
        by_lang = defaultdict(list)
        for document in group:
            by_lang[document.lang(default_lang)].append(document)
        for lang, same in sorted(by_lang.items()):
            first, *others = sorted(same, key=lambda d: (d.is_translation, d.path))
            for other in others:
                if other.is_translation and not first.is_translation:
                    message = (
                        f'is marked "Translation: true" but is in the same language '
                        f"({lang}) as its original {first.path}: a translation is in "
                        "the other language (check the file name and Lang:)"
                    )
                    field = "Translation"
                else:
                    message = (
                        f'has the same slug "{slug}" and language ({lang}) as '
                        f"{first.path}: two {kind}s cannot share one address; rename "
                        'one file or give it another "Slug:"'
                    )
                    field = "Slug"
                problems.append(Problem(other.path, field, message))
    return problems


def translation_notices(documents, rules):
    """Information, not errors: what has no translation yet, what has no original."""
    notices = []
    for (kind, slug), group in sorted(group_by_address(documents).items()):
        langs = {document.lang(rules.default_lang) for document in group}
        originals = [document for document in group if not document.is_translation]
        if not originals:
            notices.extend(
                Problem(
                    document.path,
                    "Translation",
                    f'is marked "Translation: true" but there is no original with '
                    f'the slug "{slug}"; it is shown as a {kind} of its own',
                )
                for document in group
            )
            continue
        for original in originals:
            # Japanese comes first: a post in the default language lacks the others.
            is_default = original.lang(rules.default_lang) == rules.default_lang
            if original.status != "published" or not is_default:
                continue
            for lang in rules.languages:
                if lang not in langs:
                    notices.append(
                        Problem(
                            original.path,
                            "Translation",
                            f"has no {language_name(lang)} translation yet (it would "
                            f"be {sibling_path(original, lang)}, with "
                            '"Translation: true")',
                        )
                    )
    return notices


def check_content(
    sources, rules, markdown_settings, filename_pattern, cached=lambda source: False
):
    """Every problem and notice in the content, all files at once.

    `cached(source)` tells a file Pelican takes from its content cache: it has
    not changed since a build that converted it without error, so its `:::`
    blocks are not converted again.
    """
    problems, documents = [], []
    converter = markdown_converter(markdown_settings)
    for source in sources:
        found = check_encoding(source) or check_not_empty(source)
        problems.extend(found)
        if found or not source.relative.lower().endswith(MARKDOWN_EXTENSIONS):
            continue
        try:
            document = read_document(
                source, None if cached(source) else converter, filename_pattern
            )
        except ValueError as error:  # a Markdown extension rejected the body
            problems.append(Problem(source.path, "body", str(error)))
            continue
        problems.extend(check_document(document, rules))
        documents.append(document)
    problems.extend(check_translations(documents, rules.default_lang))
    return problems, translation_notices(documents, rules)


# -- checks on the settings ---------------------------------------------------


def _is_blank(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | tuple | dict | set) and not value


def read_options(settings):
    """The plugin's options over their defaults, and problems with CONTENT_CHECKS."""
    given = settings.get("CONTENT_CHECKS") or {}
    problems = []
    if not isinstance(given, dict):
        message = "CONTENT_CHECKS must be a dict of options, e.g. {'categories': [...]}"
        return dict(DEFAULT_OPTIONS), [Problem(SETTINGS, "CONTENT_CHECKS", message)]
    options = dict(DEFAULT_OPTIONS)
    for key, value in given.items():
        if key not in DEFAULT_OPTIONS:
            problems.append(
                Problem(
                    SETTINGS,
                    "CONTENT_CHECKS",
                    f'CONTENT_CHECKS has no option "{key}"'
                    + did_you_mean(key, DEFAULT_OPTIONS),
                )
            )
        elif not _option_is_valid(key, value):
            problems.append(
                Problem(
                    SETTINGS,
                    "CONTENT_CHECKS",
                    f'CONTENT_CHECKS["{key}"] should be '
                    + (
                        "a string of characters"
                        if key == "tag_forbidden_characters"
                        else "a list of strings"
                        + (" or None" if key == "categories" else "")
                    ),
                )
            )
        else:
            options[key] = value
    return options, problems


def _option_is_valid(key, value):
    if key == "tag_forbidden_characters":
        return isinstance(value, str)
    if key == "categories" and value is None:
        return True
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def setting_urls(name, value):
    """(label, value) for each address a setting holds.

    A setting is a string, a dict of them, or Pelican-style (name, url) pairs.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            yield from setting_urls(f'{name}["{key}"]', item)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            is_pair = isinstance(item, list | tuple) and len(item) == 2
            if is_pair and isinstance(item[0], str):
                yield f'{name} "{item[0]}"', item[1]
            else:
                yield from setting_urls(f"{name}[{index}]", item)
    else:
        yield name, value


def check_settings(settings, options):
    """Required settings, web addresses, the time zone and the default language."""
    problems = []
    for name in options["required_settings"]:
        if _is_blank(settings.get(name)):
            problems.append(
                Problem(
                    SETTINGS,
                    name,
                    f"{name} is missing or empty: set it in pelicanconf.py",
                )
            )
    for name in options["url_settings"]:
        if name == "FEED_DOMAIN" and settings.get(name) == settings.get("SITEURL"):
            continue  # Pelican copies SITEURL here: say it once
        for label, value in setting_urls(name, settings.get(name)):
            if value is None or value == "" or is_web_address(value):
                continue
            example = (
                f', e.g. "https://{value}"'
                if isinstance(value, str) and "://" not in value
                else ""
            )
            problems.append(
                Problem(
                    SETTINGS,
                    name,
                    f'{label} "{value}" is not a full web address: write it with '
                    f"https:// (or http://){example}",
                )
            )
    if not settings.get("RELATIVE_URLS") and _is_blank(settings.get("SITEURL")):
        problems.append(
            Problem(
                SETTINGS,
                "SITEURL",
                "SITEURL is empty, but RELATIVE_URLS is off (a build for publishing): "
                'set SITEURL to the site\'s address, e.g. "https://example.com"',
            )
        )
    timezone = settings.get("TIMEZONE")
    if isinstance(timezone, str) and timezone.strip():
        try:
            zoneinfo.ZoneInfo(timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            problems.append(
                Problem(
                    SETTINGS,
                    "TIMEZONE",
                    f'TIMEZONE "{timezone}" is not a known time zone '
                    '(e.g. "Asia/Tokyo")'
                    + did_you_mean(timezone, zoneinfo.available_timezones(), 0.8),
                )
            )
    default_lang = settings.get("DEFAULT_LANG")
    if default_lang and default_lang not in options["languages"]:
        problems.append(
            Problem(
                SETTINGS,
                "DEFAULT_LANG",
                f'DEFAULT_LANG "{default_lang}" is not one of the site\'s '
                f"languages ({', '.join(options['languages'])})",
            )
        )
    return problems


def make_rules(settings, options, content_files):
    return Rules(
        languages=tuple(options["languages"]),
        default_lang=settings["DEFAULT_LANG"],
        known_metadata=(*KNOWN_METADATA, *options["extra_metadata"]),
        categories=(
            None if options["categories"] is None else tuple(options["categories"])
        ),
        tag_forbidden_characters=options["tag_forbidden_characters"],
        has_default_date=bool(settings.get("DEFAULT_DATE")),
        link_pattern=intrasite_link_pattern(settings["INTRASITE_LINK_REGEX"]),
        content_files=frozenset(content_files),
    )


# -- reading the content folder (read-only) -----------------------------------


def display_folder(content_path, working_dir):
    """The content folder as the author names it: relative to the project."""
    relative = os.path.relpath(content_path, working_dir)
    if relative.startswith(os.pardir):
        return os.path.basename(os.path.normpath(content_path))
    return relative.replace(os.sep, "/")


def list_content_files(content_path):
    """Every file under the content folder, as content-relative posix paths."""
    for folder, _dirs, files in os.walk(content_path, followlinks=True):
        for name in files:
            relative = os.path.relpath(os.path.join(folder, name), content_path)
            yield relative.replace(os.sep, "/")


def find_sources(generator):
    """The posts and pages Pelican is about to read, with their bytes."""
    settings = generator.settings
    folder = display_folder(generator.path, os.getcwd())
    for kind, paths, excludes in (
        ("post", "ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
        ("page", "PAGE_PATHS", "PAGE_EXCLUDES"),
    ):
        found = generator.get_files(settings[paths], exclude=settings[excludes])
        for relative in sorted(found):
            with open(os.path.join(generator.path, relative), "rb") as source_file:
                raw = source_file.read()
            yield Source(folder, relative.replace(os.sep, "/"), kind, raw)


def report(problems, notices):
    """Log every notice and problem; then stop the build if there was a problem.

    Nothing is read further: Pelican and the other plugins would only stumble
    on the same files.
    """
    if notices and logger.getEffectiveLevel() == logging.WARNING:
        logger.setLevel(logging.INFO)  # Pelican shows warnings up; show these too
    for notice in notices:
        logger.info("%s", notice)
    report_and_stop(problems, logger)


# -- signal handlers ----------------------------------------------------------


def in_content_cache(generator, source):
    """Whether Pelican reuses what it read of this post in an earlier build.

    Asked as Pelican asks it (same key, same file stamp). Only posts: the
    pages' cache belongs to a generator not made yet.
    """
    settings = generator.settings
    if source.kind != "post" or not settings.get("LOAD_CONTENT_CACHE"):
        return False
    if settings.get("CONTENT_CACHING_LAYER") == "generator":
        return generator.get_cached_data(source.relative, None) is not None
    path = os.path.abspath(os.path.join(generator.path, source.relative))
    return generator.readers.get_cached_data(path, None) is not None


def check_before_build(generator):
    """Check the settings and every post and page before Pelican reads any."""
    settings = generator.settings
    options, problems = read_options(settings)
    problems += check_settings(settings, options)
    rules = make_rules(settings, options, list_content_files(generator.path))
    content_problems, notices = check_content(
        find_sources(generator),
        rules,
        settings["MARKDOWN"],
        settings.get("FILENAME_METADATA"),
        cached=functools.partial(in_content_cache, generator),
    )
    report(problems + content_problems, notices)


class PlainLines(logging.StreamHandler):
    """`LEVEL: message`, one line each, for `pelican --log-handler plain`."""

    def __init__(self):
        super().__init__()
        self.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))


def show_plain_lines(pelican):
    """Under `--log-handler plain` Pelican installs no handler at all, so only
    bare warnings reach the terminal; give every message its level instead,
    and let the notices (INFO) through."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(PlainLines())


def register():
    signals.initialized.connect(show_plain_lines)
    signals.article_generator_init.connect(check_before_build)
