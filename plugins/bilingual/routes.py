"""Which page of one language answers which page of the other.

Pure data: every page the build writes is a `Route` (`listing_routes`,
`content_routes`); `link_counterparts` pairs routes across languages by what
they show (the same post, the same listing) and, where no such page exists,
picks the closest page that does.
"""

from dataclasses import dataclass, field

from pelican.paginator import Paginator
from site_common.languages import lang_prefix

# Where a reader goes when the same content does not exist in the other language.
FALLBACK_KIND = {
    "post": "index",
    "draft": "index",
    "page": "index",
    "tag": "tags",
    "category": "categories",
    "author": "authors",
}


@dataclass(frozen=True)
class Route:
    """One written page: its file, address, language and what it shows."""

    save_as: str
    url: str
    lang: str
    kind: str
    key: str = ""
    number: int = 1


@dataclass(frozen=True)
class LangLink:
    """A link from a page to its version in another language."""

    lang: str
    url: str
    exact: bool  # the same content (else the closest page that exists)


@dataclass
class PageLinks:
    """What the language toggle and the hreflang links of one page need."""

    route: Route
    others: list = field(default_factory=list)  # LangLink, one per other language

    @property
    def alternates(self):
        """{lang: url} of this page and its exact counterparts (for hreflang)."""
        found = {self.route.lang: self.route.url}
        found.update({link.lang: link.url for link in self.others if link.exact})
        return found


def link_counterparts(routes, languages):
    """Map each route's save_as to its PageLinks across `languages`."""
    by_identity = {(r.lang, r.kind, r.key, r.number): r for r in routes}
    links = {}
    for route in routes:
        others = []
        for lang in languages:
            if lang == route.lang:
                continue
            others.append(_counterpart(route, lang, by_identity))
        links[route.save_as] = PageLinks(route, others)
    return links


def _counterpart(route, lang, by_identity):
    same_page = by_identity.get((lang, route.kind, route.key, route.number))
    if same_page:
        return LangLink(lang, same_page.url, exact=True)
    first_page = by_identity.get((lang, route.kind, route.key, 1))
    if first_page:
        return LangLink(lang, first_page.url, exact=False)
    fallback_kind = FALLBACK_KIND.get(route.kind, "index")
    fallback = by_identity.get((lang, fallback_kind, "", 1)) or by_identity.get(
        (lang, "index", "", 1)
    )
    return LangLink(lang, fallback.url if fallback else "", exact=False)


# -- every page the build writes ------------------------------------------------

# The listings Pelican writes from DIRECT_TEMPLATES, again in each language,
# and the search page (when DIRECT_TEMPLATES has it).
DIRECT_LISTINGS = ("index", "archives", "tags", "categories", "authors", "search")


def direct_listing_paths(settings, template):
    """(save_as, url) of a direct listing in the default language, or None."""
    if template not in settings["DIRECT_TEMPLATES"]:
        return None
    save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
    if not save_as:
        return None
    return save_as, settings.get(f"{template.upper()}_URL", "")


def taxonomy_key(kind, name, lang, names, default_lang):
    """What a tag, category or author is across languages (its default name).

    `names` is {kind: {default-language name: {lang: name}}}.
    """
    if lang == default_lang:
        return name
    for default_name, translated in names[kind].items():
        if translated.get(lang) == name:
            return default_name
    return f"{lang}:{name}"


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


def listing_routes(listing, settings, names):
    """Routes of the listings of one language (a `listings.Listing`)."""
    lang, default_lang = listing.lang, settings["DEFAULT_LANG"]
    prefix = lang_prefix(lang, default_lang)
    routes = []
    for template in DIRECT_LISTINGS:
        paths = direct_listing_paths(settings, template)
        if paths is None:
            continue
        save_as, url = paths
        routes += paginated_routes(
            settings,
            template,
            prefix + save_as,
            prefix + url,
            listing.articles,
            lang,
            template,
        )
    for kind, groups in listing.taxonomies():
        for term, items in groups:
            key = taxonomy_key(kind, term.name, lang, names, default_lang)
            routes += paginated_routes(
                settings, kind, term.save_as, term.url, items, lang, kind, key
            )
    return routes


def content_routes(items, kind):
    """Routes of posts or pages (those that are written: with a save_as)."""
    return [
        Route(item.save_as, item.url, item.lang, kind, item.slug)
        for item in items
        if item.save_as
    ]
