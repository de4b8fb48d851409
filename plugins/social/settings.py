"""The social plugin's one setting, `SOCIAL`: its defaults, its checks, and
what is computed from it once at start-up (the default share image's size,
the absolute address canonical URLs start with).

Read with site_common.options, like every plugin's setting. Canonical and
share URLs are always absolute: `site_url`, else `SITEURL` when it is
absolute (production), else `preview_site_url`.
"""

from pathlib import Path

from site_common.content_files import file_inside
from site_common.images import UnreadableImage, image_size
from site_common.messages import Message
from site_common.options import Rule, is_text, read_options
from site_common.problems import SETTINGS, Problem
from site_common.urls import is_http_url

from .markdown_extensions import X_HANDLE

__all__ = ["DEFAULTS", "resolve_image", "social_settings"]

DEFAULTS = {
    # Absolute address of the site; empty: SITEURL when absolute, else the next.
    "site_url": "",
    # Where `make serve` shows the site: canonical URLs of a preview point here.
    "preview_site_url": "http://127.0.0.1:8000",
    "x_handle": "",  # without the @; empty: no X profile, no via, no twitter:site
    "facebook_url": "",  # the author's Facebook profile; empty: no link
    "author_bio": {},  # language -> a short biography for the author box
    # {"path": file in the theme's static folder, or {language: file},
    # "alt": {language: text}}; the width and height are read from the file.
    # None: no default image.
    "default_image": None,
    "locales": {"ja": "ja_JP", "en": "en_US"},  # language -> og:locale
    "links": {},  # Markdown reference name -> URL ("" leaves the words unlinked)
}

IMAGE_PREFIXES = ("{static}", "{attach}")


def is_address_or_empty(value):
    return value == "" or is_http_url(value)


def is_x_handle_or_empty(value):
    return value == "" or bool(X_HANDLE.match(value))


def is_texts(value):
    """A {language: text} dict."""
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def is_links(value):
    return isinstance(value, dict) and all(
        isinstance(name, str) and is_text(url) and is_address_or_empty(url)
        for name, url in value.items()
    )


def is_image_setting(value):
    return value is None or (
        isinstance(value, dict)
        and set(value) == {"path", "alt"}
        and (is_text(value["path"]) or is_texts(value["path"]))
        and is_texts(value["alt"])
    )


ADDRESS = "an absolute address like https://example.org, or empty"
RULES = {
    "site_url": Rule(is_address_or_empty, ADDRESS),
    "preview_site_url": Rule(is_address_or_empty, ADDRESS),
    "x_handle": Rule(
        is_x_handle_or_empty,
        "an X handle without the @ (letters, digits, _), or empty",
    ),
    "facebook_url": Rule(
        is_address_or_empty,
        "the address of a Facebook profile (https://...), or empty",
    ),
    "author_bio": Rule(is_texts, 'a text for each language, like {"ja": "..."}'),
    "locales": Rule(is_texts, 'a locale for each language, like {"ja": "ja_JP"}'),
    "links": Rule(
        is_links,
        'a dict of names and absolute addresses (https://...), or "" for plain text',
    ),
    "default_image": Rule(
        is_image_setting,
        'None or {"path": "images/....png" (or {"ja": ..., "en": ...}), '
        '"alt": {"ja": ..., "en": ...}}',
    ),
}


def image_path(value):
    """The path an `Image:` field or setting names, without `{static}` or `/`."""
    path = value.strip()
    for prefix in IMAGE_PREFIXES:
        path = path.removeprefix(prefix)
    return path.lstrip("/")


def resolve_image(value, folder, url_prefix, alt):
    """An image file in `folder` as {path (its URL in the site), width, height, alt}.

    Raises UnreadableImage, saying why, for a path that leads out of `folder`,
    names no file there, or names a file that is not an image.
    """
    path = image_path(value)
    file = file_inside(folder, path)
    if file is None:
        raise UnreadableImage(
            Message(
                "{value} leads out of the folder {folder}",
                value=repr(value),
                folder=Path(folder).name,
            )
        )
    if not file.is_file():
        raise UnreadableImage(
            Message(
                "there is no file {path} in {folder}",
                path=path,
                folder=Path(folder).name,
            )
        )
    width, height = image_size(file)
    url_path = f"{url_prefix}/{path}" if url_prefix else path
    return {"path": url_path, "width": width, "height": height, "alt": alt}


def resolve_default_image(image, folder, url_prefix):
    """resolve_image for the default image, whose path may be {language: path}:
    then its path, width and height are {language: value} too."""
    if isinstance(image["path"], str):
        return resolve_image(image["path"], folder, url_prefix, image["alt"])
    found = {
        lang: resolve_image(path, folder, url_prefix, "")
        for lang, path in image["path"].items()
    }
    resolved = {
        key: {lang: value[key] for lang, value in found.items()}
        for key in ("path", "width", "height")
    }
    return {**resolved, "alt": image["alt"]}


def resolve_site_url(social, siteurl):
    """The absolute address canonical and share URLs start with (no final /)."""
    if social["site_url"]:
        return social["site_url"].rstrip("/")
    if is_http_url(siteurl or ""):
        return siteurl.rstrip("/")
    return social["preview_site_url"].rstrip("/")


def social_settings(settings):
    """(SOCIAL merged over the defaults, problems): the image read, URLs resolved."""
    social, problems = read_options(settings, "SOCIAL", DEFAULTS, RULES)
    image = social["default_image"]
    if image:
        try:
            social["default_image"] = resolve_default_image(
                image, Path(settings["THEME"]) / "static", settings["THEME_STATIC_DIR"]
            )
        except UnreadableImage as error:
            social["default_image"] = None
            problems.append(
                Problem(
                    SETTINGS,
                    "SOCIAL",
                    'SOCIAL["default_image"]["path"]: {reason}',
                    reason=error.reason,
                )
            )
    social["site_url"] = resolve_site_url(social, settings.get("SITEURL", ""))
    return social, problems
