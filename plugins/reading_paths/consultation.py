"""The way to book a session: the consultation page in each language, the
ways to get in touch that the CONSULTATION setting lists, and the coach's
portrait (SITE_PORTRAIT). Part of the reading_paths plugin, which checks the
setting and puts a Consultation in the context (reading_paths.py).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from site_common.problems import SETTINGS, Problem
from site_common.urls import browser_split, is_http_url

__all__ = [
    "Consultation",
    "ContactWay",
    "consultation_links",
    "contact_ways",
    "is_email",
    "is_url_on",
    "portrait_problems",
]

EMAIL = re.compile(r"^[^@\s<>\"'()\[\],;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
X_HOSTS = ("x.com", "twitter.com")
LINE_HOSTS = ("lin.ee", "line.me")


def is_url_on(hosts):
    """An https address on one of `hosts` (or a subdomain), or empty."""

    def check(value):
        if value == "":
            return True
        if not is_http_url(value):
            return False
        host = (browser_split(value).hostname or "").rstrip(".").lower()
        return any(host == h or host.endswith("." + h) for h in hosts)

    return check


def is_email(value):
    return value == "" or bool(EMAIL.match(value))


# -- the consultation page and contact ways ----------------------


@dataclass(frozen=True)
class ContactWay:
    kind: str  # booking, email, x, line: the partial words each one
    url: str
    label: str = ""  # the address itself, where showing it helps (e-mail)


def contact_ways(options):
    """The ways to get in touch that the options give, in a fixed order."""
    ways = []
    if options["booking_url"]:
        ways.append(ContactWay("booking", options["booking_url"]))
    if options["email"]:
        ways.append(ContactWay("email", "mailto:" + options["email"], options["email"]))
    if options["x_dm_url"]:
        ways.append(ContactWay("x", options["x_dm_url"]))
    if options["line_url"]:
        ways.append(ContactWay("line", options["line_url"]))
    return tuple(ways)


@dataclass(frozen=True)
class Consultation:
    pages: dict = field(default_factory=dict)  # lang -> the page, maybe another lang
    ways: tuple = ()

    def page_for(self, lang):
        return self.pages.get(lang)


def consultation_links(pages, slug, languages):
    """{lang: the consultation page to show readers of lang}: the page in
    their language, else the one in the first language that has it."""
    by_lang = {page.lang: page for page in pages if page.slug == slug}
    fallback = next((by_lang[lang] for lang in languages if lang in by_lang), None)
    if fallback is None:
        return {}
    return {lang: by_lang.get(lang, fallback) for lang in languages}


def portrait_problems(settings):
    """SITE_PORTRAIT must be empty or name an image in the content folder."""
    portrait = settings.get("SITE_PORTRAIT", "")
    if portrait == "":
        return []
    if not isinstance(portrait, str):
        return [Problem(SETTINGS, "SITE_PORTRAIT", "SITE_PORTRAIT should be text")]
    relative = portrait.removeprefix("{static}").lstrip("/")
    if not (Path(settings["PATH"]) / relative).is_file():
        return [
            Problem(
                SETTINGS,
                "SITE_PORTRAIT",
                'SITE_PORTRAIT "{portrait}": there is no such file in '
                "{folder} (put the photo in content/images/ and write "
                '"images/<name>.jpg", or leave it empty)',
                portrait=portrait,
                folder=settings["PATH"],
            )
        ]
    if relative.split("/")[0] not in settings.get("STATIC_PATHS", []):
        return [
            Problem(
                SETTINGS,
                "SITE_PORTRAIT",
                'SITE_PORTRAIT "{portrait}" is not in a folder of STATIC_PATHS, '
                "so it would not be copied to the site",
                portrait=portrait,
            )
        ]
    return []
