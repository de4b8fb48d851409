"""The build's speed pieces, each with an off switch, behind one setting.

    BUILD_SPEED = {
        "shared_environment": True,  # one Jinja environment for all generators
        "fragment_cache": True,  # repeated template fragments rendered once
        "reused_converter": True,  # one Markdown converter, reset for each file
    }

Each piece changes how much work a build does, never what it writes: the
tests build a site with each piece off and on and expect the same files.
Off, a piece does what Pelican does (a fragment is rendered where it is used).
None of them keeps anything beyond one build.
"""

import logging

from pelican import signals
from site_common.options import Rule, is_flag, read_options
from site_common.problems import report_and_stop

from .fragments import install_fragment_cache
from .markdown_reader import use_reused_converter
from .template_environment import share_environment

logger = logging.getLogger(__name__)

__all__ = ["register"]

SETTING = "BUILD_SPEED"
DEFAULTS = {
    "shared_environment": True,
    "fragment_cache": True,
    "reused_converter": True,
}


RULES = {key: Rule(is_flag, "True or False") for key in DEFAULTS}


def options(settings):
    """(which pieces are on, defaults filled in; problems with the setting)."""
    return read_options(settings, SETTING, DEFAULTS, RULES)


# -- signal handlers ----------------------------------------------------------------


def check_settings(pelican):
    report_and_stop(options(pelican.settings)[1], logger)


def set_up_environment(generator):
    if getattr(generator, "env", None) is None:
        return
    opts, _ = options(generator.settings)  # problems reported at start-up
    if opts["shared_environment"]:
        share_environment(generator)
    install_fragment_cache(generator.env, cached=opts["fragment_cache"])


def set_up_readers(readers):
    if options(readers.settings)[0]["reused_converter"]:
        use_reused_converter(readers)


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(set_up_environment)
    signals.readers_init.connect(set_up_readers)
