"""A translation not written yet: the file the CMS saves for a side left empty.

The browser CMS (plugins/admin) writes one file per language,
``<slug>.<lang>.md``, even for a language the author left empty. Such a file
holds no text, and no field but those the CMS fills in by itself: the date,
slug and image it copies from the other side, and the default category and
status. (A file of nothing but spaces and line breaks is one too.)

In a language other than the site's default, such a file is "not translated
yet": the build leaves it out and the translation status shows the post
without that language. In the default language it is a post with no text,
which the checks refuse by name. The author's files are only ever read.
"""

import glob
import os
import posixpath
import re

from site_common.content_files import display_path
from site_common.header import read_header
from site_common.languages import site_languages
from site_common.problems import Problem

# What the CMS writes on a side the author left empty (plugins/admin/config.py:
# the fields copied from the other side, `i18n: duplicate`, and those with a
# default); tests/test_untranslated.py keeps the two in step.
FILLED_BY_THE_CMS = frozenset({"date", "slug", "category", "status", "image"})
MARKDOWN_EXTENSION = ".md"  # what the CMS writes
# An unwritten file is a few short lines: a longer one holds something the
# author wrote, and is not read through to find out.
MAX_UNWRITTEN_BYTES = 4096


# -- one file -------------------------------------------------------------------


def is_unwritten(text):
    """Whether a Markdown source holds nothing the author wrote: no text, and
    no field with a value but those the CMS fills in by itself."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    header = read_header("\n".join(lines))
    if any(line.strip() for line in lines[header.body_start :]):
        return False
    return all(
        name.lower() in FILLED_BY_THE_CMS or not value.strip()
        for name, value, _ in header.fields
    )


def file_language(relative, pattern):
    """The language a file's name gives (`x.en.md` → "en"), as FILENAME_METADATA
    reads it; None when the name gives none."""
    base = os.path.splitext(posixpath.basename(relative))[0]
    match = re.match(pattern, base) if pattern else None
    return match.groupdict().get("lang") if match else None


def short_text(path):
    """The text of a short UTF-8 file, or None: a long file is not unwritten,
    nor is one in another encoding (the checks name its encoding)."""
    try:
        with open(path, "rb") as source:
            raw = source.read(MAX_UNWRITTEN_BYTES + 1)
        if len(raw) > MAX_UNWRITTEN_BYTES:
            return None
        return raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


# -- the content folder -----------------------------------------------------------


def markdown_files(content_path, folders):
    """Content-relative posix paths of the Markdown files in `folders`."""
    found = []
    for folder in folders:
        root = os.path.join(content_path, folder)
        for directory, _dirs, names in os.walk(root):
            inside = os.path.relpath(directory, content_path).replace(os.sep, "/")
            found.extend(
                posixpath.normpath(posixpath.join(inside, name))
                for name in names
                if name.endswith(MARKDOWN_EXTENSION)
            )
    return sorted(set(found))


def untranslated_files(content_path, settings):
    """Content-relative paths of the posts and pages not translated yet: the
    unwritten files in a language of the site other than its default."""
    languages = site_languages(settings)
    others = set(languages[1:])
    pattern = settings.get("FILENAME_METADATA")
    folders = [*settings.get("ARTICLE_PATHS", ()), *settings.get("PAGE_PATHS", ())]
    return [
        relative
        for relative in markdown_files(content_path, folders)
        if file_language(relative, pattern) in others
        and (text := short_text(os.path.join(content_path, relative))) is not None
        and is_unwritten(text)
    ]


def ignore_pattern(relative):
    """The IGNORE_FILES pattern that matches this file's name and no other:
    Pelican matches each pattern against the base name, with fnmatch."""
    return glob.escape(posixpath.basename(relative))


def same_name_files(content_path, untranslated):
    """{untranslated file: [other files of the content folder with its name]}:
    leaving one out by its name would leave the others out too."""
    if not untranslated:
        return {}  # the usual case: no need to walk the folder
    left_out = set(untranslated)
    # An escaped pattern matches, through fnmatch, the names equal to it in
    # the system's case (os.path.normcase), and no others.
    by_name = {}
    for directory, _dirs, names in os.walk(content_path):
        inside = os.path.relpath(directory, content_path).replace(os.sep, "/")
        for name in names:
            relative = posixpath.normpath(posixpath.join(inside, name))
            if relative not in left_out:
                by_name.setdefault(os.path.normcase(name), []).append(relative)
    clashes = {}
    for relative in untranslated:
        name = os.path.normcase(posixpath.basename(relative))
        if others := sorted(by_name.get(name, ())):
            clashes[relative] = others
    return clashes


def same_name_problems(content_path, clashes):
    """One problem per untranslated file that shares its name with another."""
    return [
        Problem(
            display_path(content_path, os.path.join(content_path, relative)),
            "file",
            "is not translated yet (no title, no text), but {others} has the same "
            "file name, and the build can leave out only both or neither: write "
            "the translation, or delete the empty file, or rename one of them",
            others=tuple(
                display_path(content_path, os.path.join(content_path, other))
                for other in others
            ),
        )
        for relative, others in sorted(clashes.items())
    ]
