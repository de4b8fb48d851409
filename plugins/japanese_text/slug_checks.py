"""The slugs of the names and addresses of posts and pages, checked.

Pure functions over content objects: the categories, tags and authors of a
post (`taxonomy_terms`), and the problems that fail the build (a name
without a usable slug, a content slug that would not do, two names with one
slug), each naming the files at fault. The rules for one name or slug are
in `names.py`.
"""

import os
import posixpath
import zlib

from site_common.messages import Message
from site_common.problems import SETTINGS, Problem

from .names import SETTING, content_slug_problem, name_problem, slug_collisions

__all__ = [
    "collision_problems",
    "content_slug_problems",
    "name_problems",
    "taxonomy_terms",
]

TAXONOMY_GROUPS = {"Category": "categories", "Tag": "tags", "Author": "authors"}


# -- names and their slugs -------------------------------------------------------


def where(content):
    """The file a post or page comes from, as the author finds it: the content
    folder relative to the project (content/posts/x.ja.md)."""
    relative = content.get_relative_source_path()
    if relative is None:
        return str(content)
    folder = os.path.relpath(content.settings["PATH"])
    if folder.startswith(os.pardir):
        folder = os.path.basename(os.path.normpath(content.settings["PATH"]))
    return posixpath.join(folder.replace(os.sep, "/"), relative.replace(os.sep, "/"))


def taxonomy_terms(content):
    """The categories, tags and authors of one piece of content."""
    terms = []
    if getattr(content, "category", None):
        terms.append(content.category)
    terms += getattr(content, "tags", [])
    terms += getattr(content, "authors", [])
    return terms


def fallback_slug(term):
    """A slug that can always be written, for a name that was refused: the
    build goes on to find every other problem instead of failing to write."""
    kind = type(term).__name__.lower()
    return f"{kind}-{zlib.crc32(term.name.encode()):08x}"


def files_named(files, shown=3):
    listed = ", ".join(files[:shown])
    more = len(files) - shown
    return listed + (f" (+{more})" if more > 0 else "")


def name_problems(contents, table):
    """Messages for every tag, category and author that has no usable slug.

    One message per name, naming the files that use it; a new name close
    to one the table or another post has is asked about as a typo.
    """
    known = {term.name for content in contents for term in taxonomy_terms(content)}
    users = {}
    for content in contents:
        for term in taxonomy_terms(content):
            kind = type(term).__name__
            problem = name_problem(kind, term.name, term.slug, table, known)
            if problem:
                users.setdefault(problem, []).append(where(content))
                term.slug = fallback_slug(term)
    return [
        Problem(files_named(sorted(set(files))), problem.values["field"], problem)
        for problem, files in users.items()
    ]


def content_slug_problems(contents):
    messages = []
    for content in contents:
        problem = content_slug_problem(content)
        if problem:
            messages.append(Problem(where(content), "Slug", problem))
    return messages


def by_file(entry):
    return entry[1]


def collision_message(group, slug, names):
    listed = tuple(
        Message("“{name}” ({path})", name=name, path=path)
        for name, path in sorted(names, key=by_file)
    )
    return Problem(
        SETTINGS,
        SETTING,
        '{group} {listed} would both get the address slug "{slug}". '
        'Give one of them its own slug in {setting}["slugs"] in pelicanconf.py.',
        group=Message(group),
        listed=listed,
        slug=slug,
        setting=SETTING,
    )


def collision_problems(contents):
    terms = []
    for content in contents:
        for term in taxonomy_terms(content):
            group = TAXONOMY_GROUPS[type(term).__name__]
            terms.append((group, term.slug, term.name, content))
    return [  # the files are named only for the rare collision
        collision_message(group, slug, [(name, where(c)) for name, c in names])
        for group, slug, names in slug_collisions(terms)
    ]
