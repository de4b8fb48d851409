"""Checks on the content files as bytes and names, before Pelican reads them.

What Pelican cannot be trusted to read right: a file that is not UTF-8, an
empty one, control characters pasted from a word processor, two names that
differ only in their Unicode form, a link that leads out of the project, and
files in a format the site does not check.
"""

import codecs
import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass

from site_common.messages import Message
from site_common.problems import Problem

SAVE_AS_UTF8 = Message(
    'save it again as UTF-8 (VS Code: "Save with Encoding" → "UTF-8"; '
    'Notepad: "Save As" → Encoding "UTF-8")'
)
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
# Control characters a text may hold: tab and the line ends.
ALLOWED_CONTROLS = "\t\n\r"
# Every control character (Unicode's category Cc) but those allowed: most
# files have none, and are passed with one search.
CONTROLS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_NAMES = {
    "\x00": "a NUL character",
    "\x08": "a backspace",
    "\x0b": "a vertical tab",
    "\x0c": "a form feed",
    "\x1b": "an escape character",
    "\x7f": "a delete character",
}
# Formats Pelican would read without the site's checks.
NOT_MARKDOWN = (".html", ".htm", ".rst")


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


# -- the bytes of one file ----------------------------------------------------


def japanese_score(text):
    """How much a decoded text looks like Japanese: kana and kanji up, junk down."""
    score = 0
    for ch in text:
        point = ord(ch)
        if any(low <= point <= high for low, high in JAPANESE_RANGES):
            score += 1
        elif 0xFF61 <= point <= 0xFF9F or 0xE000 <= point <= 0xF8FF:
            score -= 1  # half-width katakana and private-use: a wrong guess
        elif unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS:
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
        return raw.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _first_bad_byte(raw):
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return f"0x{raw[error.start]:02X}", error.start
    return "?", "?"


def check_encoding(source):
    """A file must be UTF-8: say what else it looks like and how to save it."""
    raw = source.raw
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        looks_like = "UTF-16"
    elif (text := decode(raw)) is None:
        looks_like = guess_japanese_encoding(raw)
        if looks_like is None:
            message = (
                "the file is not saved as UTF-8 (unreadable byte {byte} at "
                "position {position}); {fix}"
            )
            byte, position = _first_bad_byte(raw)
            return [
                Problem(
                    source.path,
                    "encoding",
                    message,
                    byte=byte,
                    position=position,
                    fix=SAVE_AS_UTF8,
                )
            ]
    elif "\x1b$B" in text or "\x1b$@" in text:
        looks_like = "ISO-2022-JP (JIS)"
    else:
        return []
    message = "the file is not saved as UTF-8: it looks like {encoding}; {fix}"
    return [
        Problem(source.path, "encoding", message, encoding=looks_like, fix=SAVE_AS_UTF8)
    ]


def check_not_empty(source):
    """A file with nothing in it is a post saved too early, or an accident."""
    text = decode(source.raw)
    if text is not None and not text.strip():
        message = (
            'the file is empty: write at least a "Title:" line and some text, '
            "or delete the file"
        )
        return [Problem(source.path, "file", message)]
    return []


def control_name(ch):
    return Message(CONTROL_NAMES.get(ch, "a control character"))


def check_control_characters(path, text):
    """One problem per line holding a control character no reader can see."""
    if not CONTROLS_RE.search(text):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        found = [
            ch
            for ch in dict.fromkeys(line)
            if unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS
        ]
        if found:
            named = tuple(
                Message(
                    "{name} (U+{code})", name=control_name(ch), code=f"{ord(ch):04X}"
                )
                for ch in found
            )
            problems.append(
                Problem(
                    path,
                    "text",
                    "line {number}: {named}, an invisible character (often pasted "
                    "from a word processor) that breaks the page: delete it",
                    number=number,
                    named=named,
                )
            )
    return problems


# -- the names in the content folder ------------------------------------------


def check_name_twins(folder, relatives):
    """Names that differ only in their Unicode form (NFC and NFD, as macOS writes)."""
    by_form = {}
    for relative in sorted(relatives):
        by_form.setdefault(unicodedata.normalize("NFC", relative), []).append(relative)
    problems = []
    for twins in by_form.values():
        first, *others = twins
        problems.extend(
            Problem(
                posixpath.join(folder, other),
                "file",
                "has the same name as {first}, written with "
                "other Unicode characters (as macOS writes accents and dakuten): "
                "the two would be one page; keep one of them",
                first=posixpath.join(folder, first),
            )
            for other in others
        )
    return problems


def check_not_markdown(folder, relatives, source_folders):
    """Posts and pages in another format than Markdown are not checked: refuse."""
    return [
        Problem(
            posixpath.join(folder, relative),
            "file",
            "write posts and pages in Markdown: rename the file to .md "
            "(the site reads and checks only Markdown)",
        )
        for relative in sorted(relatives)
        if relative.lower().endswith(NOT_MARKDOWN)
        and any(is_inside(relative, source) for source in source_folders)
    ]


def is_inside(relative, folder):
    """Whether a content-relative path lies in a content-relative folder."""
    folder = folder.strip("/")
    return not folder or relative == folder or relative.startswith(f"{folder}/")


def walk_content(content_path, project_path):
    """(files, outside links, broken links) under the content folder.

    Files are content-relative posix paths. Symbolic links are followed only
    when they stay inside the project folder: Pelican follows every link when
    it looks for files, so a link to a folder elsewhere would publish it.
    """
    files, outside, broken = [], [], []
    project = os.path.realpath(project_path)
    for folder, dirs, names in os.walk(content_path):
        for name in sorted([*dirs, *names]):
            full = os.path.join(folder, name)
            relative = os.path.relpath(full, content_path).replace(os.sep, "/")
            if os.path.islink(full):
                target = os.path.realpath(full)
                if not os.path.exists(target):
                    broken.append(relative)
                    continue
                if os.path.commonpath([project, target]) != project:
                    outside.append(relative)
                    continue
                if os.path.isdir(full):
                    inside = walk_content(full, project_path)
                    lists = (files, outside, broken)
                    for found, more in zip(lists, inside, strict=True):
                        found.extend(f"{relative}/{inner}" for inner in more)
                    continue
            if name in names:
                files.append(relative)
    return files, outside, broken


def link_problems(folder, outside, broken):
    return [
        *(
            Problem(
                posixpath.join(folder, relative),
                "file",
                "is a symbolic link to a place outside the project folder, which "
                "would be published: copy what it should show into content/, or "
                "delete the link",
            )
            for relative in outside
        ),
        *(
            Problem(
                posixpath.join(folder, relative),
                "file",
                "is a symbolic link to nothing (its target was moved or deleted): "
                "delete the link",
            )
            for relative in broken
        ),
    ]
