"""Active HTML in what Pelican read: code the site's Content-Security-Policy
stops in readers' browsers (<script>, <iframe>, event attributes,
javascript: addresses), so that it does nothing there. Found in a post's or
page's body and Summary once Pelican has read them, and reported as a
warning naming the file.
"""

import re
from html.parser import HTMLParser

from site_common.messages import Message
from site_common.problems import Problem

# Attributes that hold an address a browser follows or loads.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))


class _ActiveParts(HTMLParser):
    """Collects what in a piece of HTML would run code in a reader's browser."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe"):
            self.found.append(Message("an <{tag}> element", tag=tag))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(Message('an event attribute "{name}="', name=name))
            elif name in URL_ATTRIBUTES and is_javascript_url(value or ""):
                self.found.append(
                    Message('a "javascript:" address in {name}=', name=name)
                )

    handle_startendtag = handle_starttag


def is_javascript_url(value):
    """Whether a browser reads an address as a javascript: one."""
    text = _TAB_OR_NEWLINE.sub("", value).lstrip(_C0_OR_SPACE)
    return text.lower().startswith("javascript:")


# What any code-running part of HTML holds, written plainly or with entities:
# a fragment without it has none, and is not parsed.
ACTIVE_HINT_RE = re.compile(r"(?i)<(?:script|iframe)|[\"'\s/]on[a-z]+\s*=|java|&#")
# The same search in a lower-cased fragment, in parts Python finds quickly:
# plain substrings, and the event attributes by their literal start "on".
ACTIVE_HINT_WORDS = ("<script", "<iframe", "java", "&#")
EVENT_ATTRIBUTE_RE = re.compile(r"on[a-z]+\s*=")
# The letters besides ASCII ones that an ASCII letter matches case-insensitively
# (Python's re documentation); lower() does not turn them into ASCII.
CASE_FOLDED_LETTERS = ("\u0130", "\u0131", "\u017f", "\u212a")


def has_active_hint(fragment):
    """Whether ACTIVE_HINT_RE finds something in `fragment`, found several times
    faster on a post's body, which is searched whole in every build."""
    if any(letter in fragment for letter in CASE_FOLDED_LETTERS):
        return ACTIVE_HINT_RE.search(fragment) is not None
    lower = fragment.lower()
    if any(word in lower for word in ACTIVE_HINT_WORDS):
        return True
    for match in EVENT_ATTRIBUTE_RE.finditer(lower):
        before = lower[match.start() - 1] if match.start() else ""
        if before and (before in "\"'/" or before.isspace()):
            return True
    return False


def active_parts(fragment):
    """What in an HTML fragment would run code: ["an <script> element", ...]."""
    if not has_active_hint(fragment or ""):
        return []
    parser = _ActiveParts()
    parser.feed(fragment or "")
    parser.close()
    return list(dict.fromkeys(parser.found))


def check_active_html(entry, body_html, summary_html):
    """Warnings: code in a body or Summary that the site's policy stops."""
    warnings = []
    for where, fragment in (("the body", body_html), ("the Summary", summary_html)):
        if found := active_parts(fragment):
            message = (
                "{where} has {found}: the site's Content-Security-Policy "
                "stops it in readers' browsers, so it does nothing there; remove it"
            )
            warnings.append(
                Problem(
                    entry.path,
                    "body",
                    message,
                    where=Message(where),
                    found=tuple(found),
                )
            )
    return warnings
