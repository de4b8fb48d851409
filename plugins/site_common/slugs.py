"""What a slug (the last part of a post's or page's address) may be: one rule.

`make newpost` and the build's content checks apply the same rule: lower-case
ASCII letters and digits, single hyphens between them, and none of the names
the site itself writes at its root (listing folders, language folders, files
hosts read).
"""

import re

from site_common.messages import Message

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_RULE = "lower-case ASCII letters (a-z), digits and single hyphens between them"

# Folders and files the site writes (or its host reads) at the top of the
# output: a page or a saved path with one of these names would overwrite them.
RESERVED_NAMES = frozenset(
    {
        "404.html",
        "_headers",
        "_redirects",
        "archives",
        "author",
        "authors",
        "categories",
        "category",
        "cname",
        "drafts",
        "feeds",
        "images",
        "index.html",
        "robots.txt",
        "sitemap.xml",
        "tag",
        "tags",
        "theme",
    }
)


def reserved_names(languages=()):
    """Every reserved name, with the site's language folders ("en")."""
    return RESERVED_NAMES | {lang.lower() for lang in languages}


def slug_problem(slug, languages=()):
    """What is wrong with `slug` as an address (a Message), or None.

    `languages` are the site's languages: each has a folder of its own.
    """
    if not slug:
        return Message("the slug is empty: give the file a name, or write a Slug: line")
    if not SLUG_PATTERN.fullmatch(slug):
        return Message(
            'the slug "{slug}" cannot be an address: write it with {rule}',
            slug=slug,
            rule=Message(SLUG_RULE),
        )
    if slug in reserved_names(languages):
        return Message(
            'the slug "{slug}" is a name the site uses for its own pages: '
            "choose another",
            slug=slug,
        )
    return None
