"""Bilingual site: the theme's words and dates in the language of each page.

Every page has one language: a post or page its own `lang`, a listing the
language it was written for (`page_lang` in its context), else the site's
default. Interface strings come from gettext catalogs in the theme
(`theme/translations/<lang>/LC_MESSAGES/messages.po`) and dates are formatted
by Babel, so nothing depends on the locales installed on the machine.
"""

import io
import logging
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from pelican import signals

logger = logging.getLogger(__name__)

__all__ = ["register"]


# -- pure functions ---------------------------------------------------------


def load_catalog(po_path):
    """Compile one .po file in memory; no compiled file is written."""
    with open(po_path, "rb") as po_file:
        catalog = read_po(po_file)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def load_catalogs(translations_dir, languages):
    """Map each language to its translations (an identity one when absent)."""
    catalogs = {}
    for lang in languages:
        po_path = Path(translations_dir) / lang / "LC_MESSAGES" / "messages.po"
        catalogs[lang] = load_catalog(po_path) if po_path.is_file() else None
    return {lang: cat or NullTranslations() for lang, cat in catalogs.items()}


def context_lang(context, default_lang):
    """The language of the page a template context renders."""
    if context.get("page_lang"):
        return context["page_lang"]
    for key in ("article", "page"):
        content = context.get(key)
        lang = getattr(content, "lang", None)
        if lang:
            return lang
    return default_lang


def long_date(value, lang):
    """A date as readers of `lang` write it: 2018年9月1日, September 1, 2018."""
    return format_date(value, format="long", locale=lang)


# -- template helpers -------------------------------------------------------


def make_template_helpers(catalogs, default_lang):
    """Gettext callables and filters that follow the language of each page."""

    def catalog_for(context):
        return catalogs.get(context_lang(context, default_lang), NullTranslations())

    @pass_context
    def gettext(context, message):
        return catalog_for(context).gettext(message)

    @pass_context
    def ngettext(context, singular, plural, n):
        return catalog_for(context).ngettext(singular, plural, n)

    @pass_context
    def localdate(context, value):
        return long_date(value, context_lang(context, default_lang))

    @pass_context
    def page_lang(context):
        return context_lang(context, default_lang)

    return {
        "gettext": gettext,
        "ngettext": ngettext,
        "filters": {"localdate": localdate},
        "globals": {"current_lang": page_lang},
    }


# -- signal handlers ---------------------------------------------------------


def install_template_helpers(generator):
    settings = generator.settings
    translations_dir = Path(settings["THEME"]) / "translations"
    languages = settings.get("BILINGUAL_LANGUAGES", ("ja", "en"))
    helpers = make_template_helpers(
        load_catalogs(translations_dir, languages), settings["DEFAULT_LANG"]
    )
    env = generator.env
    env.install_gettext_callables(
        helpers["gettext"], helpers["ngettext"], newstyle=True
    )
    env.filters.update(helpers["filters"])
    env.globals.update(helpers["globals"])


def register():
    signals.generator_init.connect(install_template_helpers)
