"""Markdown extensions of the social plugin: quoted tweets and link references.

Quoted tweet, rendered as a plain blockquote (no script from X)::

    ::: tweet
    author: PVマフィア
    url: https://x.com/pv_mafia/status/1234567890
    date: 2018-08-20

    人脈はこうした「勇気」から生まれるんだ
    :::

`url` (required) is the post's address on X, or the author's profile when the
post's address is unknown; the handle is read from it. `author` and `date`
(YYYY-MM-DD) are optional. The text may have several paragraphs; its line
breaks are kept and it is shown as written (no Markdown inside).

A block that cannot be rendered (no closing `:::` line, a missing or wrong
field) is replaced by a marker (site_common.markup_problems): the plugin then
reports the mistake naming the file, and the build fails.

Link references from settings: `[words][beijing-blog]` links to the address
set for `beijing-blog`; when that address is empty the words stay, as plain
text.
"""

import re
import xml.etree.ElementTree as etree
from datetime import date

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from site_common.markup_problems import problem_element
from site_common.messages import Message
from site_common.urls import browser_split, host_of

__all__ = [
    "REPORTER",
    "X_HANDLE",
    "LinkReferencesExtension",
    "TweetExtension",
    "parse_tweet_url",
]

REPORTER = "social"  # the plugin that reports this module's problem markers

TWEET_OPENER = re.compile(r"^:::[ \t]*tweet[ \t]*$")
TWEET_CLOSER = ":::"
TWEET_FIELD = re.compile(r"^(author|url|date)[ \t]*:[ \t]*(.*?)[ \t]*$", re.IGNORECASE)
X_HOSTS = {"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"}
X_HANDLE = re.compile(r"^[A-Za-z0-9_]{1,15}$")
X_STATUS_ID = re.compile(r"^[0-9]+$")

# The address a reference gets when its setting is empty; links to it are
# unwrapped after inline processing, so only the words remain.
UNSET_LINK_PREFIX = "social-link-unset:"


class TweetSyntaxError(ValueError):
    """A `::: tweet` block that cannot be rendered; the message names the field."""


def parse_tweet_url(url):
    """(handle, status id or None, address) of a post or profile URL on X.

    The address is read as a browser reads it (site_common.urls.browser_split),
    so one that only Python would take for x.com is refused; the address
    returned is the one the browser would open.
    """
    parts = browser_split(url)
    path = parts.path if parts is not None else ""
    segments = [segment for segment in path.split("/") if segment]
    valid = (
        parts is not None
        and parts.scheme in {"http", "https"}
        and host_of(parts) in X_HOSTS
        and parts.port is None
        and segments
        and X_HANDLE.match(segments[0])
        and (
            len(segments) == 1
            or (
                len(segments) == 3
                and segments[1] == "status"
                and X_STATUS_ID.match(segments[2])
            )
        )
    )
    if not valid:
        raise TweetSyntaxError(
            Message(
                "tweet block: url {url} is not the address of a post "
                "(https://x.com/<handle>/status/<number>) or of a profile "
                "(https://x.com/<handle>) on X",
                url=repr(url),
            )
        )
    status_id = segments[2] if len(segments) == 3 else None
    return segments[0], status_id, parts.geturl()


def parse_tweet_block(lines):
    """Fields and text paragraphs of the lines between `::: tweet` and `:::`."""
    fields = {}
    index = 0
    while index < len(lines):
        match = TWEET_FIELD.match(lines[index])
        if not match:
            break
        name = match.group(1).lower()
        if name in fields:
            raise TweetSyntaxError(
                Message("tweet block: field {name} is given twice", name=repr(name))
            )
        fields[name] = match.group(2)
        index += 1

    paragraphs, current = [], []
    for line in lines[index:]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)

    if not fields.get("url"):
        raise TweetSyntaxError(Message("tweet block: the field 'url' is missing"))
    if not paragraphs:
        raise TweetSyntaxError(Message("tweet block: the tweet's text is missing"))
    handle, _status_id, url = parse_tweet_url(fields["url"])
    tweet_date = None
    if fields.get("date"):
        try:
            tweet_date = date.fromisoformat(fields["date"])
        except ValueError:
            raise TweetSyntaxError(
                Message(
                    "tweet block: date {date} is not a date like 2018-08-20",
                    date=repr(fields["date"]),
                )
            ) from None
    return {
        "author": fields.get("author") or "",
        "handle": handle,
        "url": url,
        "date": tweet_date,
        "paragraphs": paragraphs,
    }


def tweet_element(tweet):
    """The `<blockquote class="tweet">` element of a parsed tweet."""
    quote = etree.Element("blockquote", {"class": "tweet", "cite": tweet["url"]})
    for lines in tweet["paragraphs"]:
        paragraph = etree.SubElement(quote, "p", {"class": "tweet__text"})
        paragraph.text = AtomicString(lines[0])
        for line in lines[1:]:
            line_break = etree.SubElement(paragraph, "br")
            line_break.tail = AtomicString(line)

    footer = etree.SubElement(quote, "footer", {"class": "tweet__meta"})
    footer.text = AtomicString("— ")
    if tweet["author"]:
        author = etree.SubElement(footer, "span", {"class": "tweet__author"})
        author.text = AtomicString(tweet["author"])
        author.tail = AtomicString(" ")
    handle = etree.SubElement(
        footer, "a", {"class": "tweet__handle", "href": tweet["url"]}
    )
    handle.text = AtomicString("@" + tweet["handle"])
    if tweet["date"]:
        handle.tail = AtomicString(" · ")
        when = etree.SubElement(
            footer,
            "time",
            {"class": "tweet__date", "datetime": tweet["date"].isoformat()},
        )
        when.text = AtomicString(tweet["date"].isoformat())
    return quote


class TweetBlockProcessor(BlockProcessor):
    """Turn a `::: tweet` ... `:::` block into a quoted tweet."""

    def test(self, parent, block):
        return block.startswith(":::") and bool(
            TWEET_OPENER.match(block.split("\n", 1)[0])
        )

    def run(self, parent, blocks):
        lines = closed_block_lines(blocks)
        if lines is None:
            opener = blocks.pop(0).split("\n", 1)
            message = Message(
                "tweet block: '::: tweet' is never closed: end the quoted "
                "tweet with a line ':::'"
            )
            parent.append(problem_element(REPORTER, "body", message))
            if len(opener) > 1:  # the rest is read as the post's own text
                blocks.insert(0, opener[1])
            return
        try:
            parent.append(tweet_element(parse_tweet_block(lines)))
        except TweetSyntaxError as error:
            parent.append(problem_element(REPORTER, "body", error.args[0]))


def closed_block_lines(blocks):
    """The lines of the `::: tweet` block at blocks[0], taken from `blocks`.

    The block ends at the first line `:::`; what follows that line in the same
    block is put back. None, with `blocks` left as they were, when no line
    `:::` comes before the next `::: tweet` or the end of the text.
    """
    lines = []
    for count, block in enumerate(blocks):
        block_lines = block.split("\n")
        if count == 0:
            block_lines = block_lines[1:]
        elif lines:
            lines.append("")
        for index, line in enumerate(block_lines):
            if TWEET_OPENER.match(line):
                return None
            if line.strip() == TWEET_CLOSER:
                rest = "\n".join(block_lines[index + 1 :])
                del blocks[: count + 1]
                if rest.strip():
                    blocks.insert(0, rest)
                return lines
            lines.append(line)
    return None


class TweetExtension(Extension):
    """Quoted tweets rendered statically: see the module's docstring."""

    def extendMarkdown(self, md):
        md.parser.blockprocessors.register(TweetBlockProcessor(md.parser), "tweet", 75)


class ReferenceDefinitions(Preprocessor):
    """Define the link references from the settings before the text is read.

    A definition written in the post itself still wins, as it is read later.
    """

    def __init__(self, md, links):
        super().__init__(md)
        self.links = links

    def run(self, lines):
        for name, url in self.links.items():
            self.md.references[name.lower()] = (url or UNSET_LINK_PREFIX + name, None)
        return lines


class UnsetLinkRemover(Treeprocessor):
    """Replace each link to an unset reference by its words."""

    def run(self, root):
        unset = {id(link) for link in root.iter("a") if is_unset_link(link)}
        if not unset:
            return
        for parent in root.iter():
            # Only the few elements holding such a link are looked at closely.
            if not any(id(child) in unset for child in parent):
                continue
            for position, child in reversed(list(enumerate(parent))):
                if child.tag == "a" and is_unset_link(child):
                    unwrap(parent, position, child)


def is_unset_link(link):
    return link.get("href", "").startswith(UNSET_LINK_PREFIX)


def unwrap(parent, position, element):
    """Put an element's text and children in its place in `parent`."""
    previous = parent[position - 1] if position > 0 else None
    text = element.text or ""
    if previous is None:
        parent.text = (parent.text or "") + text
    else:
        previous.tail = (previous.tail or "") + text
    children = list(element)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(position + offset, child)
    tail = element.tail or ""
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    elif previous is None:
        parent.text = (parent.text or "") + tail
    else:
        previous.tail = (previous.tail or "") + tail


class LinkReferencesExtension(Extension):
    """Link references whose addresses are settings: see the module's docstring."""

    def __init__(self, **kwargs):
        self.config = {"links": [{}, "reference name -> URL ('' for plain text)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        links = self.getConfig("links")
        md.preprocessors.register(ReferenceDefinitions(md, links), "social_links", 1)
        # After the inline processor (20), which made the links.
        md.treeprocessors.register(UnsetLinkRemover(md), "social_unset_links", 15)
