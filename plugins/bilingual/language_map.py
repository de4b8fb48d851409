"""The whole site's language map: every page, its language and its counterparts.

Built once per build from what Pelican read (the build's context), stored in
the template context as BILINGUAL_SITE: the other languages' listings, the
routes of every page, the links between languages, the feeds and the sitemap.
"""

from dataclasses import dataclass

from site_common.languages import site_languages

from .config import bilingual_options, taxonomy_names
from .contents import in_site_order, read_articles, read_pages
from .feeds import feed_paths
from .listings import Listing, build_listing
from .routes import content_routes, link_counterparts, listing_routes


@dataclass
class LanguageMap:
    """Stored in the template context as BILINGUAL_SITE."""

    default_lang: str
    languages: tuple
    listings: dict  # lang -> Listing, for the languages this plugin writes
    links: dict  # save_as -> PageLinks
    feeds: dict  # lang -> feed path ("" when off)
    routes: list
    sitemap: str = ""  # where the sitemap is written ("" for none)


def default_listing(context, default_lang):
    """The default language's listings, as Pelican filed them."""
    return Listing(
        lang=default_lang,
        articles=context["articles"],
        dates=context["dates"],
        tags=sorted(context["tags"]),
        categories=context["categories"],
        authors=context["authors"],
    )


def every_content_route(context, settings):
    """Routes of every post, draft and page that is written, in the site's order."""
    default_lang = settings["DEFAULT_LANG"]
    articles = read_articles(context)
    pages = read_pages(context)

    def ordered(items, status, order_by):
        chosen = [item for item in items if item.status == status]
        return in_site_order(chosen, settings[order_by], default_lang)

    return (
        content_routes(ordered(articles, "published", "ARTICLE_ORDER_BY"), "post")
        + content_routes(ordered(articles, "draft", "ARTICLE_ORDER_BY"), "draft")
        + content_routes(ordered(pages, "published", "PAGE_ORDER_BY"), "page")
    )


def build_language_map(context, settings):
    """The language map of the build whose context (Pelican's) is `context`."""
    options = bilingual_options(settings)
    names = taxonomy_names(options)
    languages = site_languages(settings)
    default_lang = settings["DEFAULT_LANG"]
    listings = {
        lang: build_listing(context["articles"], lang, settings)
        for lang in languages[1:]
    }
    routes = []
    for listing in [default_listing(context, default_lang), *listings.values()]:
        routes += listing_routes(listing, settings, names)
    routes += every_content_route(context, settings)
    return LanguageMap(
        default_lang=default_lang,
        languages=languages,
        listings=listings,
        links=link_counterparts(routes, languages),
        feeds=feed_paths(options["feed_atom"], languages, default_lang),
        routes=routes,
        sitemap=options["sitemap"],
    )
