"""Web addresses: which ones the site accepts, read the way a browser reads them.

Python's urlsplit and a browser disagree on some addresses
(``https://x.com\\@evil.example/`` is x.com to one and evil.example to the
other). Before a host is trusted, an address is read by the WHATWG URL
Standard's rules for the parts that matter here: tabs and newlines removed,
backslashes as slashes in http(s) addresses, user names refused.
"""

import re
from urllib.parse import SplitResult, urlsplit

SPECIAL_SCHEMES = ("http", "https")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))


def browser_split(url):
    """The parts of `url` as a browser sees them, or None if it would refuse it.

    An address with a user name or password (``https://user@host/``) is
    refused: nothing on this site needs one, and it is how a host is disguised.
    """
    if not isinstance(url, str):
        return None
    text = _TAB_OR_NEWLINE.sub("", url.strip(_C0_OR_SPACE))
    scheme, colon, rest = text.partition(":")
    if not colon:
        return None
    scheme = scheme.lower()
    if scheme in SPECIAL_SCHEMES:
        text = f"{scheme}:{rest.replace(chr(92), '/')}"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not one
    except ValueError:
        return None
    if "@" in parts.netloc or any(ch.isspace() for ch in text):
        return None
    return parts


def is_http_url(value):
    """An absolute http(s) address with a host, as a browser would read it."""
    parts = browser_split(value)
    return (
        parts is not None and parts.scheme in SPECIAL_SCHEMES and bool(parts.hostname)
    )


def site_url_problem(value):
    """Why `value` cannot be the site's address (SITEURL), or None if it can."""
    parts = browser_split(value)
    if parts is None and _has_user_info(value):
        return "must not have a user name or password (user@): write just the address"
    if parts is None or parts.scheme not in SPECIAL_SCHEMES or not parts.hostname:
        return "is not a full web address: write it with https://"
    if parts.query or parts.fragment or "?" in value or "#" in value:
        return "must not have a ?query or #fragment: write just the address"
    return None


def _has_user_info(value):
    """Whether a browser would read a user name in an address (https://user@host/)."""
    if not isinstance(value, str):
        return False
    text = _TAB_OR_NEWLINE.sub("", value.strip(_C0_OR_SPACE)).replace(chr(92), "/")
    try:
        return "@" in urlsplit(text).netloc
    except ValueError:
        return False


def host_of(parts: SplitResult):
    """The lower-case host of split address parts, without a final dot."""
    return (parts.hostname or "").rstrip(".").lower()
