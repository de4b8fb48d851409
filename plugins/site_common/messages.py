"""Every message the author can meet, in English and in Japanese, in one place.

A message is written in the code as its English template, with named
placeholders (``'Title "{value}" is empty'``), and the values to put in them:
``Message(template, value=...)``. It is put into words only when it is shown,
in the language chosen by the one setting ``MESSAGES_LANG`` (the site's
default language, ``DEFAULT_LANG``, when it is not set);
``site_common.message_catalog`` holds the Japanese text of each template. So
the checks stay pure functions that need no settings, and a test can ask for
either language.

A value may itself be a Message (a reason, a suggestion), put into words in
the same language, or a tuple of them, joined as a list is in that language.
A template without a Japanese text is shown in English: the tests make sure
none is left without.

The author's guides list these messages, generated from the catalog
(``scripts/messages_doc.py``), so that the guide and the messages never drift.
"""

import string

from site_common.message_catalog import CATALOG, SECTIONS

SOURCE_LANG = "en"  # the templates in the code
MESSAGE_LANGUAGES = ("en", "ja")
LIST_SEPARATOR = {"en": ", ", "ja": "、"}


class Message:
    """An English template and its values, to put into words in a language."""

    __slots__ = ("template", "values")

    def __init__(self, template, /, **values):
        self.template = template
        self.values = values

    def text(self, lang=SOURCE_LANG):
        return render(self.template, self.values, lang)

    def __str__(self):
        return self.text(SOURCE_LANG)

    def __repr__(self):
        return f"Message({self.template!r}, **{self.values!r})"

    def __eq__(self, other):
        if not isinstance(other, Message):
            return NotImplemented
        return (self.template, self.values) == (other.template, other.values)

    def __hash__(self):
        return hash((self.template, tuple(sorted(self.values))))


class Phrase(Message):
    """Words shown as written, translated but never filled in: a setting's
    description may hold braces ('a dict of {name: slug}')."""

    __slots__ = ()

    def __init__(self, text):
        super().__init__(text)

    def text(self, lang=SOURCE_LANG):
        return translation(self.template, lang)


def translation(template, lang):
    """The text of a template in `lang`: the catalog's, else the template itself."""
    if lang == SOURCE_LANG:
        return template
    return CATALOG.get(template, {}).get(lang, template)


def in_words(value, lang):
    """A placeholder's value as text in `lang`."""
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, tuple):
        return joined([in_words(v, lang) for v in value], lang)
    return str(value)


def joined(words, lang):
    """A list as the language writes one: "a, b and c"; "a、b、c"."""
    if lang == "en" and len(words) > 1:
        return f"{', '.join(words[:-1])} and {words[-1]}"
    return LIST_SEPARATOR.get(lang, ", ").join(words)


def render(template, values, lang=SOURCE_LANG):
    """The template in `lang`, its placeholders filled in (a literal brace is
    written twice in a template, as in str.format). A message that cannot be
    filled in is shown in English, or as written: it never stops a build."""
    words = {name: in_words(value, lang) for name, value in values.items()}
    for text in (translation(template, lang), template):
        try:
            return text.format_map(words)
        except (KeyError, IndexError, ValueError):
            continue
    return template


def placeholders(text):
    """The names of the {placeholders} in a template: {"name", "value"}."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def messages_language(settings):
    """The language messages are shown in: MESSAGES_LANG, else DEFAULT_LANG,
    and English when that is not a language the messages are written in."""
    lang = settings.get("MESSAGES_LANG") or settings.get("DEFAULT_LANG")
    return lang if lang in MESSAGE_LANGUAGES else SOURCE_LANG


def messages_language_problem(settings):
    """A Message when MESSAGES_LANG is set to a language no message is in."""
    lang = settings.get("MESSAGES_LANG")
    if lang is None or lang in MESSAGE_LANGUAGES:
        return None
    return Message(
        'MESSAGES_LANG "{lang}" is not a language the messages are written in: '
        "use {languages}",
        lang=lang,
        languages=" or ".join(MESSAGE_LANGUAGES),
    )


__all__ = [
    "CATALOG",
    "MESSAGE_LANGUAGES",
    "SECTIONS",
    "Message",
    "Phrase",
    "messages_language",
    "messages_language_problem",
    "placeholders",
    "render",
]
