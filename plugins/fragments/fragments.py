"""Template fragments rendered once per build and reused.

A listing shows each post as a card, and one build shows the same card on
many pages: the home pages, and the pages of each of its tags, its category
and its author, in each language. The global `cached_fragment` renders a
fragment the first time its key is seen and returns the same HTML after that:

    {% call cached_fragment("post-card", item.url, lang, SITEURL) %}
      ...
    {% endcall %}

The key must name everything the fragment's HTML depends on (here the post,
the page's language, and the site's address, which is relative to each page
when RELATIVE_URLS is on). The cache belongs to one template environment, and
Pelican makes new ones for each build.
"""

from pelican import signals

__all__ = ["FragmentCache", "register"]


class FragmentCache:
    """HTML fragments by key, for one template environment."""

    def __init__(self):
        self.fragments = {}

    def __call__(self, *key, caller):
        if key not in self.fragments:
            self.fragments[key] = caller()
        return self.fragments[key]


# -- signal handlers ---------------------------------------------------------------


def install_fragment_cache(generator):
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["cached_fragment"] = FragmentCache()


def register():
    signals.generator_init.connect(install_fragment_cache)
