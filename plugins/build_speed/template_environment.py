"""One Jinja environment for all the generators of a build.

Pelican gives each generator (articles, pages, static, template pages) its
own Jinja environment, and each would load and compile every template of the
theme again. The generators of one build use the first one's environment
instead; it is kept in the build's context, which Pelican makes anew for each
build and hands to all its generators, so nothing outlives the build.

Why the generators' environments must be set up identically: a template is
compiled once, in the shared environment, and every generator renders it
there. That is only the same as Pelican's own behaviour if each generator's
environment would have held the same things: Pelican builds them all from the
same settings (loader, JINJA_ENVIRONMENT options, JINJA_FILTERS, JINJA_GLOBALS,
JINJA_TESTS), and every plugin of this site must add the same filters,
globals and translations to each generator's `env` on `generator_init`
(never something that depends on which generator it is). A plugin that gave
one generator a different filter would see it replaced, or leak into the
others. The tests build the site with the shared environment off and on and
expect the same files.
"""

__all__ = ["CONTEXT_KEY", "share_environment"]

# Where the build's environment is kept, in its context (a name no template
# can write as a variable).
CONTEXT_KEY = "build_speed.environment"


def share_environment(generator):
    """Give the generator the build's environment: the first generator's."""
    generator.env = generator.context.setdefault(CONTEXT_KEY, generator.env)
