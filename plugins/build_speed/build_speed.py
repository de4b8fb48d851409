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


def settings_problems(user_settings):
    """Every problem with the `BUILD_SPEED` setting, as messages."""
    if not isinstance(user_settings, dict):
        return [f"{SETTING} must be a dict, not {type(user_settings).__name__}"]
    problems = [
        f'{SETTING}["{key}"] is not a known setting (known: {", ".join(DEFAULTS)})'
        for key in user_settings
        if key not in DEFAULTS
    ]
    problems += [
        f'{SETTING}["{key}"] must be True or False, not {value!r}'
        for key, value in user_settings.items()
        if key in DEFAULTS and not isinstance(value, bool)
    ]
    return problems


def options(settings):
    """Which pieces are on, defaults filled in."""
    return {**DEFAULTS, **settings.get(SETTING, {})}


# -- signal handlers ----------------------------------------------------------------


def check_settings(pelican):
    problems = settings_problems(pelican.settings.get(SETTING, {}))
    for problem in problems:
        logger.error("build_speed: %s (in the settings)", problem)
    if problems:
        pelican.settings[SETTING] = {}


def set_up_environment(generator):
    if getattr(generator, "env", None) is None:
        return
    opts = options(generator.settings)
    if opts["shared_environment"]:
        share_environment(generator)
    install_fragment_cache(generator.env, cached=opts["fragment_cache"])


def set_up_readers(readers):
    if options(readers.settings)["reused_converter"]:
        use_reused_converter(readers)


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(set_up_environment)
    signals.readers_init.connect(set_up_readers)
