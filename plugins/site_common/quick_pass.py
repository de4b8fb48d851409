"""The preview's quick pass: a build that writes the pages of a few files only.

When an author saves a post, the preview (scripts/preview_builder.py) first
builds the site with only the saved files' pages written, puts those pages in
place, then makes the full build. It tells the plugins through one setting,
QUICK_PASS_SOURCES: the source paths of the files whose pages the quick pass
writes. The setting is absent from every other build.

A plugin may skip, for any other post or page, work whose result only that
content's own page or files show (its table of contents, its share card, its
social metadata), or problems that only that content's own file can cause:
the preview makes a quick pass only after a full build that succeeded, when
nothing but the saved files changed since, so those problems were not there.
Work whose result a written page shows for another post (its title, its
address, its topics for the related posts) must still be done for every one.
"""

SETTING = "QUICK_PASS_SOURCES"


def quick_pass_settings(sources):
    """The setting that makes a build a quick pass writing the pages of `sources`."""
    return {SETTING: sorted(str(source) for source in sources)}


def is_quick_pass(settings):
    """Whether this build is a quick pass (it writes no file but the pages of
    the saved files: no listing, feed or search index)."""
    return SETTING in settings


def writes_pages_of_file(settings, source_path):
    """Whether this build writes the pages of the file at `source_path` (an
    absolute path, as Pelican's `Content.source_path` gives it).

    Always true, but in a quick pass for any file it does not write.
    """
    sources = settings.get(SETTING)
    return sources is None or source_path in sources


def writes_pages_of(settings, content):
    """Whether this build writes the pages of `content` (a Pelican Content)."""
    return writes_pages_of_file(settings, content.source_path)
