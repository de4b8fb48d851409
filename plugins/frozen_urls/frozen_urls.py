"""Each post's and page's URL, computed once per build.

Pelican computes `content.url` from the URL settings every time something
asks for it, and a build asks a dozen times per post: its page, its card on
every listing, the feeds, the language links. Once every generator has read
its content, addresses no longer change; each post and page then gets its URL
as Pelican's own `override_url` (the attribute a `URL:` metadata line sets),
which Pelican returns as it is.
"""

from pelican import signals

__all__ = ["freeze_urls", "register"]

CONTENT_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def contents_of(generator):
    """Every post or page a generator holds, drafts and hidden ones included."""
    for name in CONTENT_LISTS:
        yield from getattr(generator, name, None) or []


def freeze_urls(contents):
    for content in contents:
        content.override_url = content.url


# -- signal handlers ----------------------------------------------------------------


def freeze_generator_urls(generators):
    for generator in generators:
        freeze_urls(contents_of(generator))


def register():
    signals.all_generators_finalized.connect(freeze_generator_urls)
