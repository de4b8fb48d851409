"""Bilingual site: every page in Japanese and English, linked to each other.

Japanese (the default language) lives at the site root and English under
`/en/`; a post and its translation share a slug. Pelican writes the posts,
pages and the default language's listings; this plugin

- gives other-language content its own tag, category and author pages,
- writes every listing (home, archives, tags, categories, authors) again for
  each other language, listing each post in that language when a translation
  exists and in its original language otherwise,
- pairs every page with its counterpart (`routes.py`) for the language toggle,
  the hreflang links and the sitemap,
- writes one Atom feed per language and `sitemap.xml`,
- marks translations whose original changed since (`translation_status.py`),
- renders the theme's words from gettext catalogs and dates with Babel, in
  the language of each page, whatever locales the machine has.
"""

import copy
import io
import logging
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache
from itertools import chain
from operator import attrgetter
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator
from pelican.paginator import Paginator
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import order_content

from .routes import Route, lang_prefix, link_counterparts
from .translation_status import translation_state

logger = logging.getLogger(__name__)

__all__ = ["register"]

DEFAULTS = {
    # The site's languages, the default language (DEFAULT_LANG) first.
    "languages": ("ja", "en"),
    # Atom feed of each language, under that language's folder; "" for none.
    "feed_atom": "feeds/all.atom.xml",
    "sitemap": "sitemap.xml",
    # Known counterparts of taxonomy names: {default-language name: {lang: name}}.
    "tag_names": {},
    "category_names": {},
    "author_names": {},
}

TAXONOMY_SETTINGS = ("TAG", "CATEGORY", "AUTHOR")
TAXONOMY_CLASSES = {"tag": Tag, "category": Category, "author": Author}
DIRECT_LISTINGS = ("index", "archives", "tags", "categories", "authors")


# -- settings -------------------------------------------------------------------


def bilingual_settings(settings):
    """The plugin's settings merged over its defaults."""
    return {**DEFAULTS, **settings.get("BILINGUAL", {})}


def settings_problems(settings):
    """Messages naming each wrong BILINGUAL setting (empty when all is well)."""
    config = bilingual_settings(settings)
    problems = []
    unknown = sorted(set(settings.get("BILINGUAL", {})) - set(DEFAULTS))
    problems += [f'BILINGUAL["{key}"] is not a known setting' for key in unknown]
    languages = config["languages"]
    if not languages or languages[0] != settings["DEFAULT_LANG"]:
        problems.append(
            'BILINGUAL["languages"] must start with DEFAULT_LANG '
            f'("{settings["DEFAULT_LANG"]}"), got {list(languages)!r}'
        )
    for key in ("tag_names", "category_names", "author_names"):
        mapping = config[key]
        if not isinstance(mapping, dict) or not all(
            isinstance(names, dict) for names in mapping.values()
        ):
            problems.append(
                f'BILINGUAL["{key}"] must map a name to {{language: name}}, '
                f"got {mapping!r}"
            )
    return problems


def lang_settings(settings, lang):
    """Settings whose tag, category and author addresses live in `lang`'s folder."""
    prefix = lang_prefix(lang, settings["DEFAULT_LANG"])
    localized = dict(settings)
    for name in TAXONOMY_SETTINGS:
        for suffix in ("URL", "SAVE_AS"):
            key = f"{name}_{suffix}"
            localized[key] = prefix + settings[key]
    return localized


# -- gettext catalogs and dates ------------------------------------------------


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


def context_lang(context, default_lang):
    """The language of the page a template context renders."""
    if context.get("page_lang"):
        return context["page_lang"]
    for key in ("article", "page"):
        lang = getattr(context.get(key), "lang", None)
        if lang:
            return lang
    return default_lang


@cache
def babel_locale(lang):
    """Babel's data for a language, parsed once (listings format many dates)."""
    return Locale.parse(lang)


def long_date(value, lang):
    """A date as readers of `lang` write it: 2018年9月1日, September 1, 2018.

    Of a datetime, its own calendar day (as Babel's format_date takes it).
    """
    day = value.date() if isinstance(value, datetime) else value
    return _long_date(day, lang)


@lru_cache(maxsize=4096)  # a post's date is shown on its page and its cards
def _long_date(day, lang):
    return format_date(day, format="long", locale=babel_locale(lang))


@cache
def language_name(code, in_lang):
    """The name of language `code` in language `in_lang` (英語, Japanese)."""
    return babel_locale(code).get_display_name(babel_locale(in_lang))


# -- listings of one language ---------------------------------------------------


@dataclass
class Listing:
    """Everything the listings of one language show."""

    lang: str
    articles: list
    dates: list
    tags: list = field(default_factory=list)  # [(Tag, [article, ...])]
    categories: list = field(default_factory=list)
    authors: list = field(default_factory=list)


def version_in(item, lang):
    """`item` in `lang` when it or a translation is, else `item` itself."""
    if item.lang == lang:
        return item
    return next((t for t in item.translations if t.lang == lang), item)


def terms_in(item, lang, localized, names):
    """An item's (kind, term) in `lang`'s listings (`localized`: `lang`'s settings).

    An item in `lang` brings its own terms; an item only in another language
    brings the terms whose name in `lang` is known (`names`, from
    BILINGUAL["tag_names"] and the like), so that it is listed, marked, on
    that tag's page too.
    """
    found = [("tag", tag) for tag in getattr(item, "tags", [])]
    if getattr(item, "category", None):
        found.append(("category", item.category))
    found += [("author", author) for author in getattr(item, "authors", [])]
    if item.lang == lang:
        return found
    twins = []
    for kind, term in found:
        name = names[kind].get(term.name, {}).get(lang)
        if name:
            twins.append((kind, TAXONOMY_CLASSES[kind](name, localized)))
    return twins


def build_listing(originals, lang, settings):
    """The listings of `lang`: each post once, in `lang` where it exists."""
    config = bilingual_settings(settings)
    names = {kind: config[f"{kind}_names"] for kind in TAXONOMY_CLASSES}
    localized = lang_settings(settings, lang)
    articles = [version_in(item, lang) for item in originals]
    groups = {kind: defaultdict(list) for kind in TAXONOMY_CLASSES}
    for item in articles:
        for kind, term in terms_in(item, lang, localized, names):
            groups[kind][term].append(item)
    tags, categories, authors = groups["tag"], groups["category"], groups["author"]
    dates = sorted(
        articles, key=attrgetter("date"), reverse=settings["NEWEST_FIRST_ARCHIVES"]
    )
    return Listing(
        lang=lang,
        articles=articles,
        dates=dates,
        tags=sorted(tags.items()),
        categories=sorted(
            categories.items(), reverse=settings["REVERSE_CATEGORY_ORDER"]
        ),
        authors=sorted(authors.items()),
    )


def taxonomy_key(kind, name, lang, config, default_lang):
    """What a tag, category or author is across languages (its default name)."""
    if lang == default_lang:
        return name
    for default_name, names in config[f"{kind}_names"].items():
        if names.get(lang) == name:
            return default_name
    return f"{lang}:{name}"


# -- routes: every page the build writes ---------------------------------------


def paginated_routes(settings, template, save_as, url, items, lang, kind, key=""):
    """One route per page of a listing, as Pelican's paginator names them."""
    if template not in settings["PAGINATED_TEMPLATES"]:
        return [Route(save_as, url, lang, kind, key)]
    per_page = (
        settings["PAGINATED_TEMPLATES"][template] or settings["DEFAULT_PAGINATION"]
    )
    paginator = Paginator(save_as, url, items, settings, per_page)
    return [
        Route(page.save_as, page.url, lang, kind, key, number)
        for number in range(1, paginator.num_pages + 1)
        for page in [paginator.page(number)]
    ]


def listing_routes(listing, settings, config):
    """Routes of the listings of one language."""
    lang, default_lang = listing.lang, settings["DEFAULT_LANG"]
    prefix = lang_prefix(lang, default_lang)
    routes = []
    for template in DIRECT_LISTINGS:
        if template not in settings["DIRECT_TEMPLATES"]:
            continue
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        url = settings.get(f"{template.upper()}_URL", "")
        if not save_as:
            continue
        routes += paginated_routes(
            settings,
            template,
            prefix + save_as,
            prefix + url,
            listing.articles,
            lang,
            template,
        )
    for kind, groups in (
        ("tag", listing.tags),
        ("category", listing.categories),
        ("author", listing.authors),
    ):
        for term, items in groups:
            key = taxonomy_key(kind, term.name, lang, config, default_lang)
            routes += paginated_routes(
                settings, kind, term.save_as, term.url, items, lang, kind, key
            )
    return routes


def content_routes(items, kind):
    return [
        Route(item.save_as, item.url, item.lang, kind, item.slug)
        for item in items
        if item.save_as
    ]


# -- the whole site's language map ---------------------------------------------


@dataclass
class LanguageMap:
    """Stored in the template context as BILINGUAL_SITE."""

    default_lang: str
    languages: tuple
    listings: dict  # lang -> Listing, for the languages this plugin writes
    links: dict  # save_as -> PageLinks
    feeds: dict  # lang -> feed path ("" when off)
    routes: list


def build_language_map(articles_generator, pages_generator, settings):
    config = bilingual_settings(settings)
    languages = tuple(config["languages"])
    default_lang = settings["DEFAULT_LANG"]
    originals = articles_generator.articles
    listings = {
        lang: build_listing(originals, lang, settings) for lang in languages[1:]
    }
    default_listing = Listing(
        lang=default_lang,
        articles=originals,
        dates=articles_generator.dates,
        tags=sorted(articles_generator.tags.items()),
        categories=articles_generator.categories,
        authors=articles_generator.authors,
    )
    routes = []
    for listing in [default_listing, *listings.values()]:
        routes += listing_routes(listing, settings, config)
    routes += content_routes(
        chain(articles_generator.articles, articles_generator.translations), "post"
    )
    routes += content_routes(
        chain(articles_generator.drafts, articles_generator.drafts_translations),
        "draft",
    )
    routes += content_routes(
        chain(pages_generator.pages, pages_generator.translations), "page"
    )
    feeds = {
        lang: lang_prefix(lang, default_lang) + config["feed_atom"]
        if config["feed_atom"]
        else ""
        for lang in languages
    }
    return LanguageMap(
        default_lang=default_lang,
        languages=languages,
        listings=listings,
        links=link_counterparts(routes, languages),
        feeds=feeds,
        routes=routes,
    )


def sitemap_xml(routes, links, siteurl, skip_kinds=("draft",)):
    """sitemap.xml with each page's language alternates (xhtml:link)."""

    def absolute(url):
        return f"{siteurl}/{url}"

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for route in routes:
        if route.kind in skip_kinds:
            continue
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(absolute(route.url))}</loc>")
        alternates = links[route.save_as].alternates
        if len(alternates) > 1:
            for lang, url in sorted(alternates.items()):
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang={quoteattr(lang)} '
                    f"href={quoteattr(absolute(url))}/>"
                )
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


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


# -- signal handlers -----------------------------------------------------------


def check_settings(pelican):
    for problem in settings_problems(pelican.settings):
        logger.error("bilingual: %s (in the settings file)", problem)


def install_template_helpers(generator):
    settings = generator.settings
    config = bilingual_settings(settings)
    helpers = make_template_helpers(
        load_catalogs(Path(settings["THEME"]) / "translations", config["languages"]),
        settings["DEFAULT_LANG"],
    )
    env = generator.env
    install_gettext(env, helpers)
    env.filters.update(helpers["filters"])
    env.globals.update(helpers["globals"])


def localize_taxonomies(generator):
    """Give other-language posts tag, category and author pages of their language.

    Posts that exist only in another language are set aside while Pelican
    files the default language's tags, categories and authors, and come back
    to its home and archives afterwards (see `restore_other_language_posts`).
    """
    settings = generator.settings
    default_lang = settings["DEFAULT_LANG"]
    config = bilingual_settings(settings)
    names = {kind: config[f"{kind}_names"] for kind in ("tag", "category", "author")}
    localized = {}
    for item in chain(
        generator.articles,
        generator.translations,
        generator.drafts,
        generator.drafts_translations,
        generator.hidden_articles,
        generator.hidden_translations,
    ):
        if item.lang == default_lang:
            continue
        if item.lang not in localized:
            localized[item.lang] = lang_settings(settings, item.lang)
        relocate_taxonomies(item, localized[item.lang], names)
    generator.other_language_posts = [
        item for item in generator.articles if item.lang != default_lang
    ]
    generator.articles[:] = [
        item for item in generator.articles if item.lang == default_lang
    ]


def relocate_taxonomies(item, settings, names):
    """Point an item's tags, category and authors at `settings`' addresses.

    A term whose name in the item's language is known (`names`, from
    BILINGUAL["tag_names"] and the like) takes that name: an English post
    filed under the default category is filed under its English name.
    """

    def moved(term, kind):
        name = names[kind].get(term.name, {}).get(item.lang)
        if name and name != term.name:
            return type(term)(name, settings)
        term = copy.copy(term)
        term.settings = settings
        return term

    if getattr(item, "tags", None):
        item.tags = [moved(tag, "tag") for tag in item.tags]
    if getattr(item, "category", None):
        item.category = moved(item.category, "category")
    if getattr(item, "authors", None):
        item.authors = [moved(author, "author") for author in item.authors]
        item.author = item.authors[0]


def restore_other_language_posts(generator):
    """List posts that exist only in another language on the default listings."""
    settings = generator.settings
    generator.articles.extend(getattr(generator, "other_language_posts", []))
    generator.articles[:] = order_content(
        generator.articles, settings["ARTICLE_ORDER_BY"]
    )
    generator.dates[:] = sorted(
        generator.articles,
        key=attrgetter("date"),
        reverse=settings["NEWEST_FIRST_ARCHIVES"],
    )


def link_languages(generators):
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages_generator = next(g for g in generators if isinstance(g, PagesGenerator))
    settings = articles_generator.settings
    language_map = build_language_map(articles_generator, pages_generator, settings)
    articles_generator.context["BILINGUAL_SITE"] = language_map
    for item in chain(
        articles_generator.articles,
        articles_generator.translations,
        articles_generator.drafts,
        articles_generator.drafts_translations,
        pages_generator.pages,
        pages_generator.translations,
    ):
        attach_translation_status(item, settings["DEFAULT_LANG"])


def attach_translation_status(item, default_lang):
    """Set `lang_counterpart` and, on translations, `translation_status`."""
    others = [t for t in item.translations if t.lang != item.lang]
    item.lang_counterpart = others[0] if others else None
    original = next((t for t in item.translations if t.lang == default_lang), None)
    if item.lang == default_lang or original is None:
        item.translation_status = None
        return
    original_text = Path(original.source_path).read_text(encoding="utf-8")
    item.translation_status = translation_state(
        original_text, item.metadata.get("source_digest", "")
    )
    if item.translation_status == "outdated":
        logger.warning(
            "bilingual: %s is an outdated translation: %s changed since. "
            "Update it, then run: make translated SLUG=%s",
            os.path.relpath(item.source_path),
            os.path.relpath(original.source_path),
            item.slug,
        )
    elif item.translation_status == "unchecked":
        logger.info(
            "bilingual: %s has not been marked up to date with %s yet. "
            "Once it is translated, run: make translated SLUG=%s",
            os.path.relpath(item.source_path),
            os.path.relpath(original.source_path),
            item.slug,
        )


class BilingualGenerator(Generator):
    """Writes the other languages' listings, a feed per language and the sitemap."""

    def generate_output(self, writer):
        language_map = self.context.get("BILINGUAL_SITE")
        if language_map is None:
            return
        for listing in language_map.listings.values():
            self.write_listings(writer, listing)
        self.write_feeds(writer, language_map)
        self.write_sitemap(language_map)

    def write_listings(self, writer, listing):
        settings = self.settings
        prefix = lang_prefix(listing.lang, settings["DEFAULT_LANG"])
        common = {
            "page_lang": listing.lang,
            "articles": listing.articles,
            "dates": listing.dates,
            "tags": listing.tags,
            "categories": listing.categories,
            "authors": listing.authors,
            "all_articles": listing.articles,
            "blog": True,
        }
        write_kwargs = {"relative_urls": settings["RELATIVE_URLS"]}
        for template in DIRECT_LISTINGS:
            save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
            if template not in settings["DIRECT_TEMPLATES"] or not save_as:
                continue
            url = prefix + settings.get(f"{template.upper()}_URL", "")
            writer.write_file(
                prefix + save_as,
                self.get_template(template),
                self.context,
                template_name=template,
                page_name=os.path.splitext(prefix + save_as)[0],
                url=url,
                **write_kwargs,
                **common,
            )
        for kind, groups in (
            ("tag", listing.tags),
            ("category", listing.categories),
            ("author", listing.authors),
        ):
            for term, items in groups:
                members = set(items)
                dates = [item for item in listing.dates if item in members]
                writer.write_file(
                    term.save_as,
                    self.get_template(kind),
                    self.context,
                    template_name=kind,
                    page_name=term.page_name,
                    url=term.url,
                    **write_kwargs,
                    **{**common, "articles": items, "dates": dates, kind: term},
                )

    def write_feeds(self, writer, language_map):
        everything = [
            item
            for item in chain(self.context["articles"], self._translations())
            if item.status == "published"
        ]
        for lang, path in language_map.feeds.items():
            if not path:
                continue
            items = sorted(
                (item for item in everything if item.lang == lang),
                key=attrgetter("date"),
                reverse=True,
            )
            writer.write_feed(
                items,
                {**self.context, "page_lang": lang, "SITEURL": self._siteurl()},
                path,
                feed_title=language_name(lang, lang),
            )

    def write_sitemap(self, language_map):
        config = bilingual_settings(self.settings)
        if not config["sitemap"]:
            return
        path = Path(self.output_path) / config["sitemap"]
        path.write_text(
            sitemap_xml(language_map.routes, language_map.links, self._siteurl()),
            encoding="utf-8",
        )

    def _translations(self):
        return [t for item in self.context["articles"] for t in item.translations]

    def _siteurl(self):
        return self.settings.get("FEED_DOMAIN") or self.settings["SITEURL"]


def describe_feed(context, feed):
    """A language's feed says its language (xml:lang), and its home page, id and
    subtitle are those of that language's site."""
    lang = context.get("page_lang")
    if not lang:
        return
    prefix = lang_prefix(lang, context["DEFAULT_LANG"])
    home = f"{context['SITEURL']}/{prefix}"
    feed.feed.update({"language": lang, "link": home, "id": home})
    tagline = context.get("SITE_TAGLINE", {}).get(lang)
    if tagline:
        feed.feed.update({"subtitle": tagline, "description": tagline})


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
