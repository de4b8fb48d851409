"""Which page of one language answers which page of the other.

Pure data: every page the build writes is a `Route`; `link_counterparts` pairs
routes across languages by what they show (the same post, the same listing)
and, where no such page exists, picks the closest page that does.
"""

from dataclasses import dataclass, field

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


def lang_prefix(lang, default_lang):
    """The folder a language lives in: '' for the default, 'en/' for English."""
    return "" if lang == default_lang else f"{lang}/"
