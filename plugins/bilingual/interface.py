"""The theme's words and dates in the language of each page.

Gettext catalogs (theme/translations/<lang>/LC_MESSAGES/messages.po) are
compiled in memory once per build; dates are written with Babel's data, so
pages read the same whatever locales the machine has.
"""

import io
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from markupsafe import Markup
from site_common.languages import babel_locale, language_name

# -- catalogs ------------------------------------------------------------------


def load_catalog(po_path):
    """Compile one .po file in memory; no compiled file is written."""
    with open(po_path, "rb") as po_file:
        catalog = read_po(po_file)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def load_catalogs(translations_dir, languages):
    """Map each language to its translations (identity when it has none)."""
    catalogs = {}
    for lang in languages:
        po_path = Path(translations_dir) / lang / "LC_MESSAGES" / "messages.po"
        catalogs[lang] = load_catalog(po_path) if po_path.is_file() else None
    return {lang: cat or NullTranslations() for lang, cat in catalogs.items()}


# -- dates and the language of a page -----------------------------------------


def context_lang(context, default_lang):
    """The language of the page a template context renders."""
    if context.get("page_lang"):
        return context["page_lang"]
    for key in ("article", "page"):
        lang = getattr(context.get(key), "lang", None)
        if lang:
            return lang
    return default_lang


def long_date(value, lang):
    """A date as readers of `lang` write it: 2018年9月1日, September 1, 2018.

    Of a datetime, its own calendar day (as Babel's format_date takes it).
    """
    day = value.date() if isinstance(value, datetime) else value
    return _long_date(day, lang)


@lru_cache(maxsize=4096)  # a post's date is shown on its page and its cards
def _long_date(day, lang):
    return format_date(day, format="long", locale=babel_locale(lang))


# -- template helpers ----------------------------------------------------------


def make_template_helpers(catalogs, default_lang):
    """Gettext callables, filters and globals that follow each page's language."""

    identity = NullTranslations()

    def catalog(lang):
        return catalogs.get(lang, identity)

    def page_lang(context):
        return context_lang(context, default_lang)

    # Jinja's "new style" gettext, without its extra layers of calls: the
    # translation is safe markup (autoescape), and always a format string,
    # whose variables are escaped as they go in.
    def formatted(context, translated, variables):
        if context.eval_ctx.autoescape:
            translated = Markup(translated)
        if "%" not in translated:
            return translated  # what formatting would give, without its cost
        return translated % variables

    @pass_context
    def gettext(context, message, /, **variables):
        translated = catalog(page_lang(context)).gettext(message)
        return formatted(context, translated, variables)

    @pass_context
    def ngettext(context, singular, plural, num, /, **variables):
        translated = catalog(page_lang(context)).ngettext(singular, plural, num)
        return formatted(context, translated, {"num": num, **variables})

    def translate_to(lang, message, **variables):
        return catalog(lang).gettext(message) % variables

    @pass_context
    def localdate(context, value):
        return long_date(value, page_lang(context))

    @pass_context
    def language_label(context, code, in_lang=None):
        return language_name(code, in_lang or page_lang(context))

    @pass_context
    def lang_links(context):
        site = context.get("BILINGUAL_SITE")
        return site.links.get(context.get("output_file")) if site else None

    @pass_context
    def current_lang(context):
        return page_lang(context)

    return {
        "gettext": gettext,
        "ngettext": ngettext,
        "filters": {"localdate": localdate, "language_name": language_label},
        "globals": {
            "current_lang": current_lang,
            "lang_links": lang_links,
            "translate_to": translate_to,
        },
    }


def install_gettext(env, helpers):
    """The helpers' gettext callables as `_`, `gettext` and `ngettext`, in place
    of Jinja's i18n extension's wrappers around them (ours do what those do)."""
    env.newstyle_gettext = True  # how {% trans %} blocks call them
    env.globals.update(
        _=helpers["gettext"], gettext=helpers["gettext"], ngettext=helpers["ngettext"]
    )


def install_helpers(env, helpers):
    """Every helper into a Jinja environment."""
    install_gettext(env, helpers)
    env.filters.update(helpers["filters"])
    env.globals.update(helpers["globals"])
