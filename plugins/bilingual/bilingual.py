"""Bilingual site: every page in Japanese and English, linked to each other.

Japanese (the default language) lives at the site root and English under
`/en/`; a post and its translation share a slug. The site's languages are the
top-level setting LANGUAGES. Pelican writes the posts, pages and the default
language's listings; this plugin

- gives other-language content its own tag, category and author pages,
- writes every listing (home, archives, tags, categories, authors) again for
  each other language, listing each post in that language when a translation
  exists and in its original language otherwise (`listings.py`),
- pairs every page with its counterpart (`routes.py`, `language_map.py`) for
  the language toggle, the hreflang links and the sitemap (`sitemap.py`),
- writes one Atom feed per language (`feeds.py`),
- marks translations whose original changed since (`translation_status.py`),
- renders the theme's words from gettext catalogs and dates with Babel, in
  the language of each page, whatever locales the machine has (`interface.py`).

This module holds the signal handlers, `register()` last.
"""

import logging
from operator import attrgetter
from pathlib import Path

from pelican import signals
from pelican.utils import order_content
from site_common.languages import language_problems, site_languages
from site_common.problems import report_and_stop

from .config import (
    SITEMAP_CONTEXT_KEY,
    bilingual_options,
    lang_settings,
    read_bilingual,
    taxonomy_names,
)
from .contents import read_articles, read_pages
from .feeds import describe_language_feed
from .interface import install_helpers, load_catalogs, make_template_helpers
from .language_map import build_language_map
from .listings import BilingualGenerator, relocate_taxonomies
from .translation_status import attach_translation_status

logger = logging.getLogger(__name__)

__all__ = ["register"]

# Per-build state, kept in the build's context (shared by its generators).
HELPERS_KEY = "bilingual_template_helpers"
SET_ASIDE_KEY = "bilingual_other_language_posts"


def check_settings(pelican):
    """Stop the build, naming each problem, when LANGUAGES or BILINGUAL is wrong."""
    settings = pelican.settings
    problems = language_problems(settings) + read_bilingual(settings)[1]
    report_and_stop(problems, logger)


def install_template_helpers(generator):
    """Gettext, dates and language links in every generator's templates; the
    catalogs are read once per build."""
    context, settings = generator.context, generator.settings
    helpers = context.get(HELPERS_KEY)
    if helpers is None:
        catalogs = load_catalogs(
            Path(settings["THEME"]) / "translations", site_languages(settings)
        )
        helpers = make_template_helpers(catalogs, settings["DEFAULT_LANG"])
        context[HELPERS_KEY] = helpers
    install_helpers(generator.env, helpers)


def localize_taxonomies(generator):
    """Give other-language posts tag, category and author pages of their language.

    Posts that exist only in another language are set aside while Pelican
    files the default language's tags, categories and authors, and come back
    to its home and archives afterwards (see `restore_other_language_posts`).
    """
    settings = generator.settings
    default_lang = settings["DEFAULT_LANG"]
    names = taxonomy_names(bilingual_options(settings))
    localized = {}
    for item in read_articles(generator.context):
        if item.lang == default_lang:
            continue
        if item.lang not in localized:
            localized[item.lang] = lang_settings(settings, item.lang)
        relocate_taxonomies(item, localized[item.lang], names)
    generator.context[SET_ASIDE_KEY] = [
        item for item in generator.articles if item.lang != default_lang
    ]
    generator.articles[:] = [
        item for item in generator.articles if item.lang == default_lang
    ]


def restore_other_language_posts(generator):
    """List posts that exist only in another language on the default listings."""
    settings = generator.settings
    generator.articles.extend(generator.context.pop(SET_ASIDE_KEY, []))
    generator.articles[:] = order_content(
        generator.articles, settings["ARTICLE_ORDER_BY"]
    )
    generator.dates[:] = sorted(
        generator.articles,
        key=attrgetter("date"),
        reverse=settings["NEWEST_FIRST_ARCHIVES"],
    )


def link_languages(generators):
    """Build the language map and mark every post and page's translation status."""
    context = generators[0].context
    settings = generators[0].settings
    language_map = build_language_map(context, settings)
    context["BILINGUAL_SITE"] = language_map
    if language_map.sitemap:
        context[SITEMAP_CONTEXT_KEY] = language_map.sitemap
    shown = [item for item in read_articles(context) if item.status != "hidden"]
    shown += [item for item in read_pages(context) if item.status == "published"]
    for item in shown:
        attach_translation_status(item, settings["DEFAULT_LANG"])


def describe_feed(context, feed):
    describe_language_feed(context, feed)


def get_generators(pelican):
    return BilingualGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(install_template_helpers)
    signals.article_generator_pretaxonomy.connect(localize_taxonomies)
    signals.article_generator_finalized.connect(restore_other_language_posts)
    signals.all_generators_finalized.connect(link_languages)
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(describe_feed)
