"""The listings of each language: home, archives, tags, categories, authors.

Pelican writes the default language's listings. For every other language,
`build_listing` lists each post once, in that language where it exists and in
its original language otherwise, and files it under that language's tags,
categories and authors; `BilingualGenerator` writes those listings (and,
through `feeds` and `sitemap`, each language's feed and the sitemap).
"""

import copy
import os
from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from pelican.generators import Generator
from pelican.urlwrappers import Author, Category, Tag
from site_common.languages import lang_prefix

from .config import bilingual_options, lang_settings, taxonomy_names
from .feeds import write_feeds
from .routes import DIRECT_LISTINGS, direct_listing_paths
from .sitemap import write_sitemap

TAXONOMY_CLASSES = {"tag": Tag, "category": Category, "author": Author}


@dataclass
class Listing:
    """Everything the listings of one language show."""

    lang: str
    articles: list
    dates: list
    tags: list = field(default_factory=list)  # [(Tag, [article, ...])]
    categories: list = field(default_factory=list)
    authors: list = field(default_factory=list)

    def taxonomies(self):
        """(kind, [(term, [article, ...]), ...]) for tags, categories, authors."""
        return (
            ("tag", self.tags),
            ("category", self.categories),
            ("author", self.authors),
        )


# -- pure functions -------------------------------------------------------------


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
    names = taxonomy_names(bilingual_options(settings))
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


# -- the generator ----------------------------------------------------------------


class BilingualGenerator(Generator):
    """Writes the other languages' listings, a feed per language and the sitemap."""

    def generate_output(self, writer):
        language_map = self.context.get("BILINGUAL_SITE")
        if language_map is None:
            return
        for listing in language_map.listings.values():
            self.write_listings(writer, listing)
        write_feeds(writer, self.context, language_map.feeds)
        write_sitemap(self.output_path, self.context, language_map)

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
            paths = direct_listing_paths(settings, template)
            if paths is None:
                continue
            save_as, url = paths
            writer.write_file(
                prefix + save_as,
                self.get_template(template),
                self.context,
                template_name=template,
                page_name=os.path.splitext(prefix + save_as)[0],
                url=prefix + url,
                **write_kwargs,
                **common,
            )
        for kind, groups in listing.taxonomies():
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
