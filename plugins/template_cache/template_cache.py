"""Work on templates done once per build, not once per page or per generator.

One environment: Pelican gives each generator its own template environment,
and each would load and compile every template of the theme again. The
generators of one build share the first one's environment instead (every
plugin sets up each generator's environment the same way: the same filters,
globals and translations).

Compiled templates are also kept between builds (each preview rebuild is a
new build): in Jinja's own cache folder for the user, in the system's
temporary folder, under names that depend on the Jinja version and the
JINJA_ENVIRONMENT settings, which change the code a template compiles to. Jinja
compiles a template again whenever its source changed. A `bytecode_cache` in
JINJA_ENVIRONMENT replaces this one.

Fragments: a listing shows each post as a card, and one build shows the same
card on many pages: the home pages, and the pages of each of its tags, its
category and its author, in each language. The global `cached_fragment`
renders a fragment the first time its key is seen and returns the same HTML
after that:

    {% call cached_fragment("post-card", item.source_path, lang, SITEURL) %}
      ...
    {% endcall %}

The key must name everything the fragment's HTML depends on (here the post,
by its file, which is cheaper to ask than its URL that Pelican computes on
each use; the page's language; and the site's address, which is relative to
each page when RELATIVE_URLS is on). The fragments belong to one build's
environment.

A fragment that differs between pages only by the site's address takes it as
`siteurl=` rather than in its key, and receives it as the caller's argument:

    {% call(SITEURL) cached_fragment("post-card", item.source_path, lang,
                                     siteurl=SITEURL) %}
      <a href="{{ SITEURL }}/{{ item.url }}">...</a>
    {% endcall %}

It is rendered once, with a placeholder for the address, and each page gets
it with its own address put in (escaped, as `{{ SITEURL }}` would be).
"""

import hashlib
import logging

import jinja2
from markupsafe import Markup
from pelican import signals

logger = logging.getLogger(__name__)

__all__ = ["BuildEnvironment", "FragmentCache", "register", "template_code_cache"]


# Stands for the site's address in a fragment rendered for every address.
# Escaping leaves it as it is, and no text or URL of a page contains it.
SITEURL_PLACEHOLDER = "\x1esiteurl\x1e"


class FragmentCache:
    """HTML fragments by key, for one template environment."""

    def __init__(self):
        self.fragments = {}

    def __call__(self, *key, caller, siteurl=None):
        if siteurl is None:
            if key not in self.fragments:
                self.fragments[key] = caller()
            return self.fragments[key]
        key = (*key, SITEURL_PLACEHOLDER)
        if key not in self.fragments:
            self.fragments[key] = Markup(caller(SITEURL_PLACEHOLDER))
        # Markup.replace escapes the address it puts in.
        return self.fragments[key].replace(SITEURL_PLACEHOLDER, siteurl)


class KeptTemplateCode(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, which never fails a build.

    A template whose code cannot be saved (a full disk, say) is compiled
    again by the next build, as it would be without a cache.
    """

    def dump_bytecode(self, bucket):
        try:
            super().dump_bytecode(bucket)
        except OSError as error:
            logger.debug("template_cache: compiled template not kept: %s", error)


def template_code_cache(jinja_settings):
    """The file cache of compiled templates for environments made so, or None.

    None when Jinja finds no safe folder of the user's own to keep them in.
    """
    options = sorted(
        (name, repr(value))
        for name, value in jinja_settings.items()
        if name != "bytecode_cache"
    )
    digest = hashlib.sha256(repr((jinja2.__version__, options)).encode()).hexdigest()
    try:
        return KeptTemplateCode(pattern=f"pelican-{digest[:16]}-%s.cache")
    except (OSError, RuntimeError) as error:
        logger.debug("template_cache: compiled templates not kept: %s", error)
        return None


class BuildEnvironment:
    """The template environment of the build in progress.

    A build is known by its context: Pelican makes one dictionary per build
    and hands the same one to each of its generators.
    """

    def __init__(self):
        self.context = None
        self.env = None

    def share(self, generator):
        """Give `generator` the build's environment (its own, if it is the first)."""
        if self.context is not generator.context:
            self.context, self.env = generator.context, generator.env
            self.env.globals["cached_fragment"] = FragmentCache()
            jinja_settings = generator.settings.get("JINJA_ENVIRONMENT", {})
            if "bytecode_cache" not in jinja_settings:
                self.env.bytecode_cache = template_code_cache(jinja_settings)
        generator.env = self.env


BUILD = BuildEnvironment()


# -- signal handlers ---------------------------------------------------------------


def share_environment(generator):
    if getattr(generator, "env", None) is not None:
        BUILD.share(generator)


def register():
    signals.generator_init.connect(share_environment)
