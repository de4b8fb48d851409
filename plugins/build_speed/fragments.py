"""Template fragments rendered once per build for every page that shows them.

A listing shows each post as a card, and one build shows the same card on
many pages: the home pages, and the pages of each of its tags, its category
and its author, in each language. The template global `cached_fragment`
renders a fragment the first time its key is seen and returns the same HTML
after that:

    {% call cached_fragment("post-card", item.source_path, lang, SITEURL) %}
      <a href="{{ SITEURL }}/{{ item.url }}">...</a>
    {% endcall %}

The key names everything the fragment's HTML depends on: here the post (by
its file, which is cheaper to ask than its URL), the page's language, and the
site's address, which is relative to each page when RELATIVE_URLS is on. A
fragment is otherwise ordinary template code. The fragments belong to one
build's environment.

Off (`BUILD_SPEED["fragment_cache"] = False`), every fragment is rendered
where it is used, as if the `call` were not there.
"""

__all__ = ["FragmentCache", "install_fragment_cache", "render_fragment"]


class FragmentCache:
    """HTML fragments by key, for one template environment."""

    def __init__(self):
        self.fragments = {}

    def __call__(self, *key, caller):
        if key not in self.fragments:
            self.fragments[key] = caller()
        return self.fragments[key]


def render_fragment(*key, caller):
    """`cached_fragment` without the cache: each fragment rendered where used."""
    del key  # nothing is kept
    return caller()


def install_fragment_cache(env, cached=True):
    """Give `env` its `cached_fragment` global, unless it has one already
    (a shared environment keeps the fragments of earlier generators)."""
    env.globals.setdefault(
        "cached_fragment", FragmentCache() if cached else render_fragment
    )
