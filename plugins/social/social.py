"""Social: the author's profiles, share links and social and search metadata.

Every post and page gets `share_links` (X, Facebook, LINE, Hatena Bookmark:
plain links, no third-party script) and `social_meta` (canonical URL,
description, Open Graph, Twitter card and JSON-LD, with `json_ld` also on the
content itself). Listing pages get the same metadata from the
`page_social_meta(title)` template global; every template gets the author's
profiles as `social_profiles`. The Markdown of posts gains quoted tweets and
link references whose addresses are settings (see markdown_extensions.py).

Settings: one `SOCIAL` dict, merged over `DEFAULTS` and checked once when
Pelican starts. Canonical and share URLs are always absolute: `site_url`, else
`SITEURL` when it is absolute (production), else `preview_site_url`.
"""

import json
import logging
import re
import struct
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.contents import Article

from .markdown_extensions import LinkReferencesExtension, TweetExtension

logger = logging.getLogger(__name__)

__all__ = ["register"]

DEFAULTS = {
    # Absolute address of the site; empty: SITEURL when absolute, else the next.
    "site_url": "",
    # Where `make serve` shows the site: canonical URLs of a preview point here.
    "preview_site_url": "http://127.0.0.1:8000",
    "x_handle": "",  # without the @; empty: no X profile, no via, no twitter:site
    "facebook_url": "",  # the author's Facebook profile; empty: no link
    "author_bio": {},  # language -> a short biography for the author box
    # {"path": file in the theme's static folder, "alt": {language: text}};
    # the width and height are read from the file. None: no default image.
    "default_image": None,
    "locales": {"ja": "ja_JP", "en": "en_US"},  # language -> og:locale
    "links": {},  # Markdown reference name -> URL ("" leaves the words unlinked)
}

X_HANDLE = re.compile(r"^[A-Za-z0-9_]{1,15}$")
SENTENCE_END = "。！？!?."
AUTOMATIC_DESCRIPTION_LENGTH = 160


class SocialSettingsError(ValueError):
    """A `SOCIAL` setting that cannot be used; the message names it."""


class SocialContentError(ValueError):
    """A post or page field that cannot be used; the message names file and field."""


# -- pure functions: settings ------------------------------------------------


def is_http_url(value):
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _require(condition, key, message):
    if not condition:
        raise SocialSettingsError(f'social: SOCIAL["{key}"] {message}')


def _check_language_texts(value, key):
    _require(
        isinstance(value, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()),
        key,
        'must map each language to a text, like {"ja": "...", "en": "..."}',
    )


def image_size(path):
    """Width and height in pixels of a PNG, GIF or JPEG file, read from its header."""
    data = Path(path).read_bytes()
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", data[6:10])
    if data.startswith(b"\xff\xd8"):
        position = 2
        while position + 9 < len(data):
            if data[position] != 0xFF:
                break
            marker = data[position + 1]
            length = struct.unpack(">H", data[position + 2 : position + 4])[0]
            is_frame_header = 0xC0 <= marker <= 0xCF and marker not in (
                0xC4,
                0xC8,
                0xCC,
            )
            if is_frame_header:
                height, width = struct.unpack(">HH", data[position + 5 : position + 9])
                return width, height
            position += 2 + length
    raise ValueError(f"{path} is not a PNG, GIF or JPEG image")


def resolve_image(relative_path, folder, url_prefix, alt):
    """An image file in `folder` as {path (its URL in the site), width, height, alt}."""
    path = relative_path.strip().removeprefix("{static}").lstrip("/")
    file = Path(folder) / path
    if not file.is_file():
        raise FileNotFoundError(f"there is no file {path} in {folder}")
    width, height = image_size(file)
    url_path = f"{url_prefix}/{path}" if url_prefix else path
    return {"path": url_path, "width": width, "height": height, "alt": alt}


def resolve_site_url(social, siteurl):
    """The absolute address canonical and share URLs start with (no final /)."""
    if social["site_url"]:
        return social["site_url"].rstrip("/")
    if is_http_url(siteurl or ""):
        return siteurl.rstrip("/")
    return social["preview_site_url"].rstrip("/")


def social_settings(settings):
    """`SOCIAL` merged over the defaults and checked; raises SocialSettingsError."""
    given = settings.get("SOCIAL") or {}
    if not isinstance(given, dict):
        raise SocialSettingsError("social: SOCIAL must be a dict of settings")
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise SocialSettingsError(
            f"social: unknown setting SOCIAL[{unknown[0]!r}]; "
            f"the settings are {', '.join(DEFAULTS)}"
        )
    social = {**DEFAULTS, **given}

    for key in ("site_url", "preview_site_url"):
        _require(
            social[key] == "" or is_http_url(social[key]),
            key,
            "must be an absolute address like https://example.org, or empty",
        )
    _require(
        social["x_handle"] == "" or X_HANDLE.match(social["x_handle"]),
        "x_handle",
        "must be an X handle without the @ (letters, digits, _), or empty",
    )
    _require(
        social["facebook_url"] == "" or is_http_url(social["facebook_url"]),
        "facebook_url",
        "must be the address of a Facebook profile (https://...), or empty",
    )
    _check_language_texts(social["author_bio"], "author_bio")
    _check_language_texts(social["locales"], "locales")
    _require(isinstance(social["links"], dict), "links", "must be a dict")
    for name, url in social["links"].items():
        _require(
            isinstance(url, str) and (url == "" or is_http_url(url)),
            f'links"]["{name}',
            "must be an absolute address (https://...), or empty for plain text",
        )

    image = social["default_image"]
    if image:
        _require(
            isinstance(image, dict) and isinstance(image.get("path"), str),
            "default_image",
            'must be {"path": "images/....png", "alt": {"ja": ..., "en": ...}}',
        )
        _check_language_texts(image.get("alt"), 'default_image"]["alt')
        try:
            social["default_image"] = resolve_image(
                image["path"],
                Path(settings["THEME"]) / "static",
                settings["THEME_STATIC_DIR"],
                image["alt"],
            )
        except (OSError, ValueError) as error:
            raise SocialSettingsError(
                f'social: SOCIAL["default_image"]["path"]: {error}'
            ) from None
    else:
        social["default_image"] = None

    social["site_url"] = resolve_site_url(social, settings.get("SITEURL", ""))
    return social


# -- pure functions: URLs, text and links -------------------------------------


def absolute_url(site_url, url):
    """A site-relative URL (`posts/x/`) made absolute."""
    return f"{site_url}/{url.lstrip('/')}"


def home_url(site_url, lang, default_lang):
    return f"{site_url}/" if lang == default_lang else f"{site_url}/{lang}/"


def localized(texts, lang, default_lang):
    """The text for `lang` in a {language: text} dict, else the default one."""
    if not isinstance(texts, dict):
        return texts or ""
    return texts.get(lang) or texts.get(default_lang) or ""


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
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


def share_links(url, title, social):
    """Share links for X, Facebook, LINE and Hatena Bookmark: [{service, url}]."""

    def query(params):
        return urlencode(params, quote_via=quote)  # spaces as %20, / and : encoded

    tweet = {"text": title, "url": url}
    if social["x_handle"]:
        tweet["via"] = social["x_handle"]
    return [
        {"service": "x", "url": "https://x.com/intent/tweet?" + query(tweet)},
        {
            "service": "facebook",
            "url": "https://www.facebook.com/sharer/sharer.php?" + query({"u": url}),
        },
        {
            "service": "line",
            "url": "https://social-plugins.line.me/lineit/share?" + query({"url": url}),
        },
        {
            "service": "hatena",
            "url": "https://b.hatena.ne.jp/add?"
            + query({"mode": "confirm", "url": url, "title": title}),
        },
    ]


def profiles(social):
    """The author's profiles: [{service, name, url, handle}], unset ones left out."""
    found = []
    if social["x_handle"]:
        handle = social["x_handle"]
        found.append(
            {
                "service": "x",
                "name": "X",
                "url": f"https://x.com/{handle}",
                "handle": f"@{handle}",
            }
        )
    if social["facebook_url"]:
        found.append(
            {
                "service": "facebook",
                "name": "Facebook",
                "url": social["facebook_url"],
                "handle": "",
            }
        )
    return found


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


# -- pure functions: metadata ---------------------------------------------------


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


def content_image(content, settings):
    """The post's own image (`Image:`, `Image_Alt:`), its share card, or the default."""
    social = settings["SOCIAL"]
    path = content.metadata.get("image")
    if not path:
        card = getattr(content, "share_card", None)  # plugins/share_cards
        if card is not None:
            return card
        image = social["default_image"]
        if image is None:
            return None
        alt = localized(image["alt"], content.lang, settings["DEFAULT_LANG"])
        return {**image, "alt": alt}
    source = content.relative_source_path
    alt = (content.metadata.get("image_alt") or "").strip()
    if not alt:
        raise SocialContentError(
            f"{source}: field Image_Alt: describe the image {path} in words "
            "(for readers who cannot see it)"
        )
    try:
        return resolve_image(path, settings["PATH"], "", alt)
    except (OSError, ValueError) as error:
        raise SocialContentError(f"{source}: field Image: {error}") from None


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


def content_social_meta(content, settings):
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
        "image": content_image(content, settings),
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
        "alternate_langs": [other for other in social["locales"] if other != lang],
        "image": {**image, "alt": localized(image["alt"], lang, default_lang)}
        if image
        else None,
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


def contents_of(generator):
    """Every post or page a generator holds, drafts and hidden ones included."""
    for name in (
        "articles",
        "translations",
        "hidden_articles",
        "hidden_translations",
        "drafts",
        "drafts_translations",
        "pages",
        "hidden_pages",
        "draft_pages",
        "draft_translations",
    ):
        yield from getattr(generator, name, None) or []


# -- signal handlers -------------------------------------------------------------


def check_settings(pelican):
    """Merge and check SOCIAL once, and give Markdown the plugin's extensions."""
    settings = pelican.settings
    social = social_settings(settings)
    settings["SOCIAL"] = social
    markdown = settings.get("MARKDOWN") or {}
    extensions = [
        extension
        for extension in markdown.get("extensions", [])
        if not isinstance(extension, TweetExtension | LinkReferencesExtension)
    ]
    settings["MARKDOWN"] = {
        **markdown,
        "extensions": [
            *extensions,
            TweetExtension(),
            LinkReferencesExtension(links=social["links"]),
        ],
    }
    logger.debug("social: canonical URLs start with %s", social["site_url"])


def install_template_helpers(generator):
    generator.env.filters["json_ld"] = json_ld_script
    generator.env.globals["page_social_meta"] = page_social_meta
    generator.context["social_profiles"] = profiles(generator.settings["SOCIAL"])


def attach_social_data(generators):
    """Give every post and page its share links and social metadata."""
    for generator in generators:
        for content in contents_of(generator):
            settings = generator.settings
            meta = content_social_meta(content, settings)
            content.social_meta = meta
            content.json_ld = meta["json_ld"]
            content.share_links = share_links(
                meta["canonical"], content.title, settings["SOCIAL"]
            )


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(install_template_helpers)
    signals.all_generators_finalized.connect(attach_social_data)
