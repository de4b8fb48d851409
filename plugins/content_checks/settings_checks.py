"""Checks on the settings the site cannot be built without.

Required settings, web addresses (the site's own, SITEURL, checked here and
nowhere else), the time zone and the languages.
"""

import zoneinfo

from site_common.languages import language_problems
from site_common.messages import Message
from site_common.options import suggestion
from site_common.problems import SETTINGS, Problem
from site_common.urls import is_http_url, site_url_problem

# The site's own address: SITEURL, and FEED_DOMAIN, which Pelican copies from it.
SITE_ADDRESS_SETTINGS = ("SITEURL", "FEED_DOMAIN")


def _is_blank(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | tuple | dict | set) and not value


def setting_urls(name, value):
    """(label, value) for each address a setting holds.

    A setting is a string, a dict of them, or Pelican-style (name, url) pairs.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            yield from setting_urls(f'{name}["{key}"]', item)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            is_pair = isinstance(item, list | tuple) and len(item) == 2
            if is_pair and isinstance(item[0], str):
                yield f'{name} "{item[0]}"', item[1]
            else:
                yield from setting_urls(f"{name}[{index}]", item)
    else:
        yield name, value


def address_problem(name, label, value):
    """What is wrong with one address a setting holds, or None."""
    if value is None or value == "":
        return None
    if name in SITE_ADDRESS_SETTINGS:
        # The site's own address: a web address, and nothing but the address.
        problem = site_url_problem(value)
        if problem is None:
            return None
        if not problem.startswith("is not a full web address"):
            return Message(
                '{label} "{value}" {problem}',
                label=label,
                value=value,
                problem=Message(problem),
            )
    elif is_http_url(value):
        return None
    if isinstance(value, str) and "://" not in value:
        return Message(
            '{label} "{value}" is not a full web address: write it with https:// '
            '(or http://), e.g. "https://{value}"',
            label=label,
            value=value,
        )
    return Message(
        '{label} "{value}" is not a full web address: write it with https:// '
        "(or http://)",
        label=label,
        value=value,
    )


def check_address_settings(settings, url_settings):
    problems = []
    for name in url_settings:
        if name == "FEED_DOMAIN" and settings.get(name) == settings.get("SITEURL"):
            continue  # Pelican copies SITEURL here: say it once
        for label, value in setting_urls(name, settings.get(name)):
            if message := address_problem(name, label, value):
                problems.append(
                    Problem(SETTINGS, name, message.template, **message.values)
                )
    if not settings.get("RELATIVE_URLS") and _is_blank(settings.get("SITEURL")):
        message = (
            "SITEURL is empty, but RELATIVE_URLS is off (a build for publishing): "
            'set SITEURL to the site\'s address, e.g. "https://example.com"'
        )
        problems.append(Problem(SETTINGS, "SITEURL", message))
    return problems


def check_timezone(settings):
    timezone = settings.get("TIMEZONE")
    if not isinstance(timezone, str) or not timezone.strip():
        return []
    try:
        zoneinfo.ZoneInfo(timezone)
        return []
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        message = (
            'TIMEZONE "{value}" is not a known time zone (e.g. "Asia/Tokyo")'
            "{suggestion}"
        )
        return [
            Problem(
                SETTINGS,
                "TIMEZONE",
                message,
                value=timezone,
                suggestion=suggestion(timezone, zoneinfo.available_timezones(), 0.8),
            )
        ]


def check_settings(settings, options):
    """Required settings, web addresses, the time zone and the languages."""
    problems = [
        Problem(
            SETTINGS,
            name,
            "{name} is missing or empty: set it in pelicanconf.py",
            name=name,
        )
        for name in options["required_settings"]
        if _is_blank(settings.get(name))
    ]
    problems += check_address_settings(settings, options["url_settings"])
    problems += check_timezone(settings)
    problems += language_problems(settings)
    return problems
