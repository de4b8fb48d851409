"""Work on templates done once per build, not once per page or per generator.

One environment: Pelican gives each generator its own template environment,
and each would load and compile every template of the theme again. The
generators of one build share the first one's environment instead (every
plugin sets up each generator's environment the same way: the same filters,
globals and translations).

Compiled templates are also kept between builds (each preview rebuild is a
new build): in Jinja's own cache folder for the user, in the system's
temporary folder, under names that depend on the template and on the options
its environment compiles with (delimiters, whitespace control, extensions,
the Jinja version). Jinja compiles a template again whenever its source
changed. A `bytecode_cache` in JINJA_ENVIRONMENT replaces this one.

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
it with its own address put in (escaped, as `{{ SITEURL }}` would be). So the
fragment may only write the address out (`{{ SITEURL }}`, or joined with
`~`): a test on it (`{% if SITEURL %}`) or a filter changing it (`|trim`,
`|urlencode`) would see the placeholder, not the address.

`CACHE_TEMPLATE_FRAGMENTS = False` renders every fragment where it is used,
to compare (the tests build the site both ways and expect the same files).
"""

import hashlib
import logging

import jinja2
from jinja2.bccache import Bucket
from markupsafe import Markup
from pelican import signals

logger = logging.getLogger(__name__)

__all__ = ["FragmentCache", "register", "template_code_cache"]

# Where the build's environment is kept, in its context (a name no template
# can write as a variable).
CONTEXT_KEY = "template_cache.environment"


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


def render_fragment(*key, caller, siteurl=None):
    """`cached_fragment` without the cache: each fragment rendered where it is
    used (CACHE_TEMPLATE_FRAGMENTS = False), to compare the two."""
    del key  # nothing is kept
    return caller() if siteurl is None else caller(siteurl)


# What changes the code Jinja compiles a template to, besides its source.
COMPILE_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
    "newstyle_gettext",  # how {% trans %} blocks compile (jinja2.ext.i18n)
)


def compile_options(env):
    """A digest of everything but the source that makes `env` compile a template."""
    options = [(name, getattr(env, name, None)) for name in COMPILE_OPTIONS]
    options += [
        ("extensions", sorted(env.extensions)),
        ("autoescape", env.autoescape if isinstance(env.autoescape, bool) else "f"),
        ("finalize", env.finalize is not None),
        ("jinja", jinja2.__version__),
    ]
    return hashlib.sha256(repr(options).encode()).hexdigest()


class KeptTemplateCode(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, kept between builds.

    A template's code is found again by its name, its file, and the options
    its environment compiles with; it is used only for the same source. It
    never fails a build: a template whose code cannot be saved (a full disk,
    say) is compiled again by the next build, as it would be without a cache.
    """

    def get_bucket(self, environment, name, filename, source):
        key = self.get_cache_key(f"{name}|{compile_options(environment)}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def dump_bytecode(self, bucket):
        try:
            super().dump_bytecode(bucket)
        except OSError as error:
            logger.debug("template_cache: compiled template not kept: %s", error)


def template_code_cache():
    """The file cache of compiled templates, or None.

    None when Jinja finds no safe folder of the user's own to keep them in.
    """
    try:
        return KeptTemplateCode(pattern="pelican-%s.cache")
    except (OSError, RuntimeError) as error:
        logger.debug("template_cache: compiled templates not kept: %s", error)
        return None


def set_up_build_environment(env, settings):
    """What the build's one environment holds beyond Pelican's setup."""
    cached = settings.get("CACHE_TEMPLATE_FRAGMENTS", True)
    env.globals["cached_fragment"] = FragmentCache() if cached else render_fragment
    if "bytecode_cache" not in settings.get("JINJA_ENVIRONMENT", {}):
        env.bytecode_cache = template_code_cache()


# -- signal handlers ---------------------------------------------------------------


def share_environment(generator):
    """Give each generator the build's environment: the first generator's.

    It is kept in the build's context, which Pelican makes anew for each
    build and hands to all its generators.
    """
    if getattr(generator, "env", None) is None:
        return
    env = generator.context.setdefault(CONTEXT_KEY, generator.env)
    if env is generator.env:
        set_up_build_environment(env, generator.settings)
    generator.env = env


def register():
    signals.generator_init.connect(share_environment)
