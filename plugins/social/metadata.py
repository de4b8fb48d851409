"""Social and search metadata of a page: description, canonical URL, Open Graph,
Twitter card and JSON-LD.

Text from posts and settings reaches `<head>` only through the templates'
autoescaping and `json_ld_script`, which escapes `<`, `>` and `&`.
"""

import json
from html.parser import HTMLParser

from jinja2 import pass_context
from markupsafe import Markup
from pelican.contents import Article
from site_common.content_files import display_path
from site_common.images import UnreadableImage
from site_common.languages import home_url, localized, site_languages
from site_common.problems import Problem

from .links import profiles
from .settings import resolve_image

__all__ = [
    "content_image",
    "content_social_meta",
    "html_to_text",
    "json_ld_script",
    "page_social_meta",
    "shorten",
]

SENTENCE_END = "。！？!?."
AUTOMATIC_DESCRIPTION_LENGTH = 160


def absolute_url(site_url, url):
    """A site-relative URL (`posts/x/`) made absolute."""
    return f"{site_url}/{url.lstrip('/')}"


class _TextExtractor(HTMLParser):
    """The text a reader sees: what scripts and styles hold is left out."""

    HIDDEN = frozenset({"script", "style", "template"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(markup):
    """The text of an HTML fragment: tags dropped, entities decoded, one line."""
    extractor = _TextExtractor()
    extractor.feed(markup or "")
    extractor.close()
    return " ".join("".join(extractor.parts).split())


def shorten(text, limit=AUTOMATIC_DESCRIPTION_LENGTH):
    """`text` cut to `limit` characters, at a sentence end when there is one."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(mark) for mark in SENTENCE_END)
    if end >= limit // 2:
        return cut[: end + 1]
    return cut.rstrip() + "…"


def json_ld_script(data):
    """JSON for a `<script type="application/ld+json">` block.

    `<`, `>` and `&` become JSON escapes, so no text can close the script
    element or open an HTML comment; the JSON means the same.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(character, escape)
    return Markup(text)


def is_translation(content):
    """Pelican's rule: `Translation:` set to anything but false."""
    return str(content.metadata.get("translation", "false")).lower() != "false"


def counterpart(content):
    """The same post or page in the other language, or None."""
    other = getattr(content, "lang_counterpart", None)
    if other is not None:
        return other
    return next(
        (item for item in content.translations if item.lang != content.lang), None
    )


def image_in(image, lang, default_lang):
    """The default image (settings.resolve_default_image) for a page in `lang`."""
    return {key: localized(value, lang, default_lang) for key, value in image.items()}


def content_image(content, settings):
    """(image, problems): the post's own image (`Image:`, `Image_Alt:`), its
    share card (plugins/share_cards), or the site's default one; None and the
    problems when the post's own cannot be used."""
    social = settings["SOCIAL"]
    value = content.metadata.get("image")
    if not value:
        card = getattr(content, "share_card", None)
        if card is not None:
            return card, []
        image = social["default_image"]
        if image is None:
            return None, []
        return image_in(image, content.lang, settings["DEFAULT_LANG"]), []
    source = display_path(settings["PATH"], content.source_path)
    alt = (content.metadata.get("image_alt") or "").strip()
    if not alt:
        message = (
            "field Image_Alt: describe the image {value} in words "
            "(for readers who cannot see it)"
        )
        return None, [Problem(source, "Image_Alt", message, value=value)]
    try:
        return resolve_image(str(value), settings["PATH"], "", alt), []
    except UnreadableImage as error:
        return None, [
            Problem(source, "Image", "field Image: {reason}", reason=error.reason)
        ]


def image_object(image, site_url):
    return {
        "@type": "ImageObject",
        "url": absolute_url(site_url, image["path"]),
        "width": image["width"],
        "height": image["height"],
    }


def author_person(settings, lang):
    author = settings.get("SITE_AUTHOR") or {}
    default_lang = settings["DEFAULT_LANG"]
    person = {
        "@type": "Person",
        "name": localized(author.get("name"), lang, default_lang)
        or settings.get("AUTHOR", ""),
    }
    role = localized(author.get("role"), lang, default_lang)
    if role:
        person["jobTitle"] = role
    same_as = [profile["url"] for profile in profiles(settings["SOCIAL"])]
    if same_as:
        person["sameAs"] = same_as
    return person


def publisher(settings, lang):
    return {
        "@type": "Organization",
        "name": settings["SITENAME"],
        "url": home_url(settings["SOCIAL"]["site_url"], lang, settings["DEFAULT_LANG"]),
    }


def breadcrumbs(settings, lang, trail):
    """A BreadcrumbList from the home page through [(name, url)]."""
    site_url = settings["SOCIAL"]["site_url"]
    items = [(settings["SITENAME"], home_url(site_url, lang, settings["DEFAULT_LANG"]))]
    items += trail
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def work_reference(content, site_url, work_type):
    url = absolute_url(site_url, content.url)
    return {
        "@type": work_type,
        "@id": url,
        "url": url,
        "headline": content.title,
        "inLanguage": content.lang,
    }


def creative_work(content, page, settings):
    """BlogPosting (posts) or WebPage (pages), linked to its counterpart."""
    site_url = settings["SOCIAL"]["site_url"]
    work_type = "BlogPosting" if page["type"] == "article" else "WebPage"
    work = {
        "@context": "https://schema.org",
        "@type": work_type,
        "@id": page["url"],
        "url": page["url"],
        "headline": page["title"],
        "name": page["title"],
        "description": page["description"],
        "inLanguage": page["lang"],
        "mainEntityOfPage": {"@type": "WebPage", "@id": page["url"]},
        "author": author_person(settings, page["lang"]),
        "publisher": publisher(settings, page["lang"]),
    }
    if page["published"]:
        work["datePublished"] = page["published"]
        work["dateModified"] = page["modified"] or page["published"]
    if page["image"]:
        work["image"] = image_object(page["image"], site_url)
    if page["section"]:
        work["articleSection"] = page["section"]
    if page["tags"]:
        work["keywords"] = page["tags"]
    other = counterpart(content)
    if other is not None:
        reference = work_reference(other, site_url, work_type)
        if is_translation(content):
            work["translationOfWork"] = reference
        else:
            work["workTranslation"] = [reference]
    return work


def website(settings, lang):
    site_url = settings["SOCIAL"]["site_url"]
    site = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings["SITENAME"],
        "url": home_url(site_url, lang, settings["DEFAULT_LANG"]),
        "inLanguage": lang,
        "publisher": publisher(settings, lang),
    }
    tagline = localized(settings.get("SITE_TAGLINE"), lang, settings["DEFAULT_LANG"])
    if tagline:
        site["description"] = tagline
    return site


def meta_tags(page, settings):
    """Open Graph, article and Twitter card tags: [(attribute, key, value)]."""
    social = settings["SOCIAL"]
    locales = social["locales"]
    tags = [
        ("property", "og:type", page["type"]),
        ("property", "og:title", page["title"]),
        ("property", "og:description", page["description"]),
        ("property", "og:url", page["url"]),
        ("property", "og:site_name", settings["SITENAME"]),
    ]
    if page["lang"] in locales:
        tags.append(("property", "og:locale", locales[page["lang"]]))
    tags += [
        ("property", "og:locale:alternate", locales[lang])
        for lang in page["alternate_langs"]
        if lang in locales
    ]
    image = page["image"]
    if image:
        tags += [
            ("property", "og:image", absolute_url(social["site_url"], image["path"])),
            ("property", "og:image:width", str(image["width"])),
            ("property", "og:image:height", str(image["height"])),
            ("property", "og:image:alt", image["alt"]),
        ]
    if page["type"] == "article":
        if page["published"]:
            tags.append(("property", "article:published_time", page["published"]))
            tags.append(
                (
                    "property",
                    "article:modified_time",
                    page["modified"] or page["published"],
                )
            )
        if page["section"]:
            tags.append(("property", "article:section", page["section"]))
        tags += [("property", "article:tag", tag) for tag in page["tags"]]
    card = "summary_large_image" if image else "summary"
    tags.append(("name", "twitter:card", card))
    if social["x_handle"]:
        tags.append(("name", "twitter:site", "@" + social["x_handle"]))
        tags.append(("name", "twitter:creator", "@" + social["x_handle"]))
    if image:
        tags.append(
            ("name", "twitter:image", absolute_url(social["site_url"], image["path"]))
        )
        tags.append(("name", "twitter:image:alt", image["alt"]))
    return tags


def content_social_meta(content, settings, image):
    """Canonical URL, description, meta tags and JSON-LD of a post or page."""
    social = settings["SOCIAL"]
    default_lang = settings["DEFAULT_LANG"]
    url = absolute_url(social["site_url"], content.url)
    # The author's `Summary:` is used whole; one Pelican made from the text is cut.
    description = html_to_text(content.summary)
    if "summary" not in content.metadata:
        description = shorten(description)
    description = description or localized(
        settings.get("SITE_TAGLINE"), content.lang, default_lang
    )
    published = getattr(content, "date", None)
    modified = getattr(content, "modified", None)
    category = getattr(content, "category", None)
    other = counterpart(content)
    page = {
        "type": "article" if isinstance(content, Article) else "website",
        "title": content.title,
        "description": description,
        "url": url,
        "lang": content.lang,
        "alternate_langs": [other.lang] if other is not None else [],
        "image": image,
        "published": published.isoformat() if published else None,
        "modified": modified.isoformat() if modified else None,
        "section": str(category) if category else "",
        "tags": [str(tag) for tag in getattr(content, "tags", None) or []],
    }
    return {
        "canonical": url,
        "title": page["title"],
        "description": description,
        "meta": meta_tags(page, settings),
        "json_ld": [
            creative_work(content, page, settings),
            breadcrumbs(settings, content.lang, [(content.title, url)]),
        ],
    }


def listing_social_meta(output_file, lang, title, settings):
    """The same data for a listing page (home, tag, archives...) at `output_file`."""
    social = settings["SOCIAL"]
    default_lang = settings["DEFAULT_LANG"]
    relative = output_file.removesuffix("index.html")
    url = absolute_url(social["site_url"], relative)
    title = title.removesuffix(f" | {settings['SITENAME']}")
    image = social["default_image"]
    page = {
        "type": "website",
        "title": title or settings["SITENAME"],
        "description": localized(settings.get("SITE_TAGLINE"), lang, default_lang)
        or settings.get("SITESUBTITLE", ""),
        "url": url,
        "lang": lang,
        # Every listing exists in each of the site's languages.
        "alternate_langs": [
            other for other in site_languages(settings) if other != lang
        ],
        "image": image_in(image, lang, default_lang) if image else None,
        "published": None,
        "modified": None,
        "section": "",
        "tags": [],
    }
    is_home = url == home_url(social["site_url"], lang, default_lang)
    return {
        "canonical": url,
        "title": page["title"],
        "description": page["description"],
        "meta": meta_tags(page, settings),
        "json_ld": [website(settings, lang)]
        if is_home
        else [breadcrumbs(settings, lang, [(page["title"], url)])],
    }


@pass_context
def page_social_meta(context, title=""):
    """Template global: the social metadata of the page being rendered.

    Posts and pages carry theirs; a listing's is made from its output file,
    its language (`page_lang`, else the default) and its `<title>`.
    """
    content = context.get("article") or context.get("page")
    if content is not None and hasattr(content, "social_meta"):
        return content.social_meta
    lang = context.get("page_lang") or context["DEFAULT_LANG"]
    return listing_social_meta(
        context.get("output_file", ""), lang, html_to_text(str(title)), context
    )
