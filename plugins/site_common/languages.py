"""The site's languages and the addresses of each language's pages.

One setting, ``LANGUAGES`` in pelicanconf.py, lists the languages a post may be
written in, the default language (``DEFAULT_LANG``, at the site's root) among
them; every other language lives in a folder of its own (``/en/``).
"""

from functools import cache

from babel import Locale, UnknownLocaleError

from site_common.problems import SETTINGS, Problem


def site_languages(settings):
    """The site's languages, the default one first: ("ja", "en")."""
    default_lang = settings["DEFAULT_LANG"]
    given = settings.get("LANGUAGES") or (default_lang,)
    return (default_lang, *(lang for lang in given if lang != default_lang))


def language_problems(settings):
    """What is wrong with LANGUAGES and DEFAULT_LANG, as problems to report."""
    given = settings.get("LANGUAGES")
    if given is None:
        return []
    if not isinstance(given, list | tuple) or not all(
        isinstance(lang, str) and lang for lang in given
    ):
        return [
            Problem(
                SETTINGS,
                "LANGUAGES",
                'LANGUAGES should be a list of language codes, e.g. ("ja", "en")',
            )
        ]
    problems = [
        Problem(
            SETTINGS,
            "LANGUAGES",
            'LANGUAGES: "{lang}" is not a known language',
            lang=lang,
        )
        for lang in given
        if babel_locale(lang) is None
    ]
    default_lang = settings.get("DEFAULT_LANG")
    if default_lang not in given:
        problems.append(
            Problem(
                SETTINGS,
                "DEFAULT_LANG",
                'DEFAULT_LANG "{lang}" is not one of the site\'s '
                "languages ({languages}): add it to LANGUAGES",
                lang=default_lang,
                languages=", ".join(given),
            )
        )
    return problems


@cache
def babel_locale(lang):
    """Babel's locale for a language code, or None for an unknown code."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (TypeError, ValueError, UnknownLocaleError):
        return None


def language_name(lang, in_lang=None):
    """The name of a language, in `in_lang` (英語) or in itself (English, 日本語).

    An unknown code is returned quoted, so a message about it still reads.
    """
    locale = babel_locale(lang)
    where = babel_locale(in_lang or lang) or babel_locale("en")
    return locale.get_display_name(where) if locale else f'"{lang}"'


def localized(texts, lang, default_lang):
    """The text for `lang` in a {language: text} dict, else the default
    language's; a plain value stands for every language."""
    if not isinstance(texts, dict):
        return texts or ""
    return texts.get(lang) or texts.get(default_lang) or ""


def lang_prefix(lang, default_lang):
    """The folder a language lives in: "" for the default, "en/" for English."""
    return "" if lang == default_lang else f"{lang}/"


def home_url(site_url, lang, default_lang):
    """The home page of a language: the site's root, or its /<lang>/ folder."""
    return f"{site_url}/{lang_prefix(lang, default_lang)}"
