"""Each plugin's one namespaced setting, read the same way in every plugin.

A plugin declares its defaults and, for each key, what a value must be; the
setting in pelicanconf.py overrides the defaults key by key. What is wrong is
returned as problems naming the setting and the key, so that the plugin can
report all of them at start-up and stop the build.
"""

import difflib
from dataclasses import dataclass
from typing import Any

from site_common.messages import Message, Phrase
from site_common.problems import SETTINGS, Problem


@dataclass(frozen=True)
class Rule:
    """What a key's value must be: `check(value)` is true, else `expected`."""

    check: Any
    expected: str  # e.g. "a whole number from 1 to 95"


def did_you_mean(word, choices, cutoff=0.75):
    """' (did you mean "Title"?)' for the choice nearest `word`, or ''."""
    by_lower = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=cutoff)
    return f' (did you mean "{by_lower[close[0]]}"?)' if close else ""


def nearest(word, choices, cutoff=0.75):
    """The choice nearest `word`, or None."""
    by_lower = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=cutoff)
    return by_lower[close[0]] if close else None


def suggestion(word, choices, cutoff=0.75):
    """did_you_mean as a Message, to put into words in the author's language."""
    choice = nearest(word, choices, cutoff)
    if choice is None:
        return ""
    return Message(' (did you mean "{choice}"?)', choice=choice)


def read_options(settings, name, defaults, rules=None):
    """(options, problems): settings[name] over `defaults`, each key checked.

    `rules` maps keys to a Rule; a key without one may hold anything. An
    unknown key is a problem (with the nearest known key), and so is a value
    its rule rejects; the default stands in for it.
    """
    given = settings.get(name)
    options = dict(defaults)
    if given is None:
        return options, []
    if not isinstance(given, dict):
        example = ", ".join(f'"{key}": ...' for key in list(defaults)[:2])
        return options, [
            Problem(
                SETTINGS,
                name,
                "{name} should be a dict, e.g. {{{example}}}",
                name=name,
                example=example,
            )
        ]
    problems = []
    for key, value in given.items():
        if key not in defaults:
            problems.append(
                Problem(
                    SETTINGS,
                    name,
                    '{name} has no key "{key}"{suggestion}',
                    name=name,
                    key=key,
                    suggestion=suggestion(str(key), defaults),
                )
            )
            continue
        rule = (rules or {}).get(key)
        if rule is not None and not _passes(rule, value):
            problems.append(
                Problem(
                    SETTINGS,
                    name,
                    '{name}["{key}"] should be {expected}, not {value}',
                    name=name,
                    key=key,
                    expected=Phrase(rule.expected),
                    value=repr(value),
                )
            )
            continue
        options[key] = value
    return options, problems


def _passes(rule, value):
    try:
        return bool(rule.check(value))
    except (TypeError, ValueError):
        return False


# Rules most plugins need.
def is_text(value):
    return isinstance(value, str)


def is_flag(value):
    return isinstance(value, bool)


def is_whole_number(low, high=None):
    def check(value):
        is_int = isinstance(value, int) and not isinstance(value, bool)
        return is_int and value >= low and (high is None or value <= high)

    return check


def is_list_of_text(value):
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def is_language_texts(languages):
    """A {language: text} dict with a non-empty text for each of `languages`."""

    def check(value):
        return isinstance(value, dict) and all(
            isinstance(value.get(lang), str) and value[lang].strip()
            for lang in languages
        )

    return check
