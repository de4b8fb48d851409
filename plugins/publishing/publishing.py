"""Production extras: a 404 page in each language, robots.txt, _headers, CNAME.

Static hosts look for these files at fixed places: GitHub Pages and Netlify serve
`/404.html` for any missing address (Cloudflare Pages the nearest `404.html` up
the tree, hence `/en/404.html` too); crawlers read `/robots.txt`; Netlify and
Cloudflare Pages read response headers from `/_headers`; GitHub Pages deployed
from a branch reads the custom domain from `/CNAME`.

Settings, in one dict (defaults below):

    PUBLISHING = {
        "not_found_pages": {"ja": "404.html", "en": "en/404.html"},
        "sitemap": "sitemap.xml",   # named in robots.txt when SITEURL is absolute
        "headers": {...},           # merged over DEFAULT_HEADERS; None drops one
        "custom_domain": "",        # e.g. "blog.example.com": writes CNAME
    }
"""

import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)

__all__ = ["register"]

# `default-src 'self'`: every script, style, image and font comes from the site
# itself, no inline script or style. The tests check that every page keeps to it.
DEFAULT_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'; object-src 'none'"
    ),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=31536000",
}

DEFAULTS = {
    "not_found_pages": {"ja": "404.html", "en": "en/404.html"},
    "sitemap": "sitemap.xml",
    "headers": {},
    "custom_domain": "",
}

HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")
HOSTNAME = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)


class PublishingSettingsError(ValueError):
    """A PUBLISHING setting the build cannot use."""


# -- pure functions ---------------------------------------------------------


def publishing_settings(settings):
    """PUBLISHING merged over the defaults and checked; raises naming the key."""
    given = settings.get("PUBLISHING") or {}
    if not isinstance(given, dict):
        raise PublishingSettingsError("publishing: PUBLISHING must be a dict")
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise PublishingSettingsError(
            f"publishing: PUBLISHING has unknown keys {unknown}; "
            f"known keys are {sorted(DEFAULTS)}"
        )
    merged = {**DEFAULTS, **given}
    return {
        "not_found_pages": checked_not_found_pages(merged["not_found_pages"]),
        "sitemap": checked_path("PUBLISHING['sitemap']", merged["sitemap"]),
        "headers": merged_headers(merged["headers"]),
        "custom_domain": checked_custom_domain(
            merged["custom_domain"], settings.get("SITEURL", "")
        ),
    }


def checked_path(label, value):
    """A file path inside the output folder, as `label` names the setting."""
    if not isinstance(value, str) or not value or value.startswith("/"):
        raise PublishingSettingsError(
            f"publishing: {label} must be a path inside the site "
            f"such as 'sitemap.xml', not {value!r}"
        )
    return value


def checked_not_found_pages(pages):
    if not isinstance(pages, dict) or not pages:
        raise PublishingSettingsError(
            "publishing: PUBLISHING['not_found_pages'] must map each language "
            "to the file of its 404 page, e.g. {'ja': '404.html'}"
        )
    for lang, save_as in pages.items():
        checked_path(f"PUBLISHING['not_found_pages'][{lang!r}]", save_as)
        language_name(lang)  # an unknown language code fails here
    return dict(pages)


def merged_headers(overrides):
    """DEFAULT_HEADERS with the author's headers on top; None drops a header."""
    if not isinstance(overrides, dict):
        raise PublishingSettingsError(
            "publishing: PUBLISHING['headers'] must map header names to values"
        )
    headers = {**DEFAULT_HEADERS, **overrides}
    for name, value in headers.items():
        if not HEADER_NAME.match(str(name)):
            raise PublishingSettingsError(
                f"publishing: PUBLISHING['headers'] has an invalid header name {name!r}"
            )
        if value is not None and (not isinstance(value, str) or "\n" in value):
            raise PublishingSettingsError(
                f"publishing: PUBLISHING['headers'][{name!r}] must be one line "
                f"of text (or None to leave the header out)"
            )
    return {name: value for name, value in headers.items() if value is not None}


def checked_custom_domain(domain, siteurl):
    """The bare host name for CNAME ('' for none), matching SITEURL's host."""
    if not domain:
        return ""
    if not isinstance(domain, str) or not HOSTNAME.match(domain.lower()):
        raise PublishingSettingsError(
            f"publishing: PUBLISHING['custom_domain'] must be a bare host name "
            f"such as 'blog.example.com' (no https://, no path), not {domain!r}"
        )
    domain = domain.lower()
    site_host = urlsplit(siteurl).hostname
    if site_host and site_host != domain:
        raise PublishingSettingsError(
            f"publishing: PUBLISHING['custom_domain'] is {domain!r} but SITEURL "
            f"{siteurl!r} is on {site_host!r}: links would point to another host"
        )
    return domain


def language_name(lang):
    """A language's name in that language (日本語, English), for links to it."""
    try:
        return Locale.parse(lang).get_display_name(lang)
    except (TypeError, ValueError, UnknownLocaleError) as error:
        raise PublishingSettingsError(
            f"publishing: PUBLISHING['not_found_pages'] names an unknown "
            f"language {lang!r}"
        ) from error


def home_url(siteurl, lang, default_lang):
    """The home page of a language: the site root, or /<lang>/."""
    return f"{siteurl}/" if lang == default_lang else f"{siteurl}/{lang}/"


def is_absolute(siteurl):
    parts = urlsplit(siteurl)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def robots_txt(siteurl, sitemap):
    """Let every crawler in; name the sitemap when its absolute URL is known."""
    lines = ["User-agent: *", "Allow: /"]
    if is_absolute(siteurl):
        lines += ["", f"Sitemap: {siteurl}/{sitemap}"]
    return "\n".join(lines) + "\n"


def headers_file(headers):
    """Netlify / Cloudflare Pages `_headers`: the same headers on every path."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


# -- generator ---------------------------------------------------------------


class PublishingGenerator(Generator):
    """Writes the 404 pages and the host files once the site is built."""

    def generate_output(self, writer):
        options = publishing_settings(self.settings)
        self.write_not_found_pages(writer, options["not_found_pages"])
        self.write_text("robots.txt", robots_txt(self.siteurl, options["sitemap"]))
        self.write_text("_headers", headers_file(options["headers"]))
        if options["custom_domain"]:
            self.write_text("CNAME", options["custom_domain"] + "\n")

    @property
    def siteurl(self):
        return self.settings["SITEURL"].rstrip("/")

    def write_not_found_pages(self, writer, pages):
        template = self.get_template("404")
        default_lang = self.settings["DEFAULT_LANG"]
        for lang, save_as in pages.items():
            other_languages = [
                {
                    "lang": other,
                    "name": language_name(other),
                    "url": home_url(self.siteurl, other, default_lang),
                }
                for other in pages
                if other != lang
            ]
            # Absolute (or root-relative in a preview) links: hosts serve this
            # page at whatever address was missing, at any depth.
            writer.write_file(
                save_as,
                template,
                self.context,
                relative_urls=False,
                page_lang=lang,
                other_languages=other_languages,
            )

    def write_text(self, name, text):
        path = Path(self.output_path) / name
        path.write_text(text, encoding="utf-8")
        logger.info('Writing "%s"', path)


# -- signal handlers ---------------------------------------------------------


def check_settings(pelican):
    publishing_settings(pelican.settings)


def add_generator(pelican):
    return PublishingGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(add_generator)
