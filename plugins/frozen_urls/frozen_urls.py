"""Each post's and page's URL, computed once per build.

Pelican computes `content.url` from the URL settings every time something
asks for it, and a build asks a dozen times per post: its page, its card on
every listing, the feeds, the language links. Once every generator has read
its content, addresses no longer change; each post and page then gets its URL
as Pelican's own `override_url` (the attribute a `URL:` metadata line sets),
which Pelican returns as it is.

An address depends on a post's slug, language and status, which are final
when it is read (japanese_text sets romaji slugs then): no plugin of this
site changes them after the generators ran, and a new one must not either.
"""

from pelican import signals
from pelican.contents import Article, Page

__all__ = ["freeze_urls", "register"]


def freeze_urls(contents):
    for content in contents:
        content.override_url = content.url


# -- signal handlers ----------------------------------------------------------------


def freeze_generated_urls(generators):
    """Every post and page read in this build: drafts, hidden ones, translations."""
    if not generators:
        return
    generated = generators[0].context["generated_content"].values()
    freeze_urls(item for item in generated if isinstance(item, Article | Page))


def register():
    signals.all_generators_finalized.connect(freeze_generated_urls)
