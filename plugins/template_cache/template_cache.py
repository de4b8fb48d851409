"""Work on templates done once per build, not once per page or per generator.

Compiled templates: each Pelican generator has its own template environment,
and each would compile every template of the theme again. The environments of
one build share their compiled code instead (a Jinja bytecode cache kept in
memory; code is reused only for the same template source).

Fragments: a listing shows each post as a card, and one build shows the same
card on many pages: the home pages, and the pages of each of its tags, its
category and its author, in each language. The global `cached_fragment`
renders a fragment the first time its key is seen and returns the same HTML
after that:

    {% call cached_fragment("post-card", item.url, lang, SITEURL) %}
      ...
    {% endcall %}

The key must name everything the fragment's HTML depends on (here the post,
the page's language, and the site's address, which is relative to each page
when RELATIVE_URLS is on). The fragments belong to one template environment,
and Pelican makes new ones for each build.
"""

from jinja2 import BytecodeCache
from pelican import signals

__all__ = ["FragmentCache", "SharedTemplateCode", "register"]


class SharedTemplateCode(BytecodeCache):
    """Compiled templates by name, kept in memory for the environments of one build."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        checksum, code = self.compiled.get(bucket.key, (None, None))
        # A template whose source changed is compiled again.
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = (bucket.checksum, bucket.code)


class FragmentCache:
    """HTML fragments by key, for one template environment."""

    def __init__(self):
        self.fragments = {}

    def __call__(self, *key, caller):
        if key not in self.fragments:
            self.fragments[key] = caller()
        return self.fragments[key]


# -- signal handlers ---------------------------------------------------------------


def share_template_code(pelican):
    """One compiled-template cache for this build, unless the settings set one."""
    jinja_settings = pelican.settings.get("JINJA_ENVIRONMENT", {})
    if jinja_settings.get("bytecode_cache") is None:
        pelican.settings["JINJA_ENVIRONMENT"] = {
            **jinja_settings,
            "bytecode_cache": SharedTemplateCode(),
        }


def install_fragment_cache(generator):
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["cached_fragment"] = FragmentCache()


def register():
    signals.initialized.connect(share_template_code)
    signals.generator_init.connect(install_fragment_cache)
