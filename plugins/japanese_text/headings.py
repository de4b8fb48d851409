"""Phrase-aware wrapping of titles and headings (Jinja filters).

BudouX marks the phrase boundaries of Japanese text with `<wbr>`, so narrow
screens break lines between phrases, not inside words: `phrase_wrap` for a
title, `phrase_wrap_headings` for the headings of body HTML. The text itself
is unchanged everywhere else (<title>, feeds, meta).
"""

import functools
import itertools
import re

import budoux
from markupsafe import Markup, escape

from .names import has_japanese
from .summaries import tokenize

__all__ = [
    "phrase_starts",
    "phrase_wrap",
    "phrase_wrap_headings",
    "wrap_heading",
    "wrap_plain_heading",
]

VERBATIM_TAGS = frozenset({"code", "kbd", "samp", "pre"})


# -- phrase wrapping ---------------------------------------------------------------


@functools.cache
def phrase_parser():
    """BudouX's Japanese model (read-only)."""
    return budoux.load_default_japanese_parser()


@functools.lru_cache(maxsize=4096)  # headings such as まとめ come back in many posts
def phrase_starts(text):
    """Offsets in `text` where a phrase other than the first begins.

    Boundaries next to a space are left out: a space is a break already.
    """
    starts = []
    offset = 0
    for phrase in phrase_parser().parse(text)[:-1]:
        offset += len(phrase)
        if not (text[offset - 1].isspace() or text[offset].isspace()):
            starts.append(offset)
    return tuple(starts)


def phrase_wrap(text):
    """Escaped `text` with `<wbr>` between its phrases, when it is Japanese."""
    return _phrase_wrap(str(text))


@functools.lru_cache(maxsize=4096)  # a title is shown on many listing pages
def _phrase_wrap(text):
    if not has_japanese(text):
        return escape(text)
    pieces = []
    previous = 0
    for start in [*phrase_starts(text), len(text)]:
        pieces.append(str(escape(text[previous:start])))
        previous = start
    return Markup('<span class="phrases">{}</span>').format(
        Markup("<wbr>".join(pieces))
    )


def wrap_heading(tokens):
    """The HTML inside one heading, with `<wbr>` between Japanese phrases."""
    text = "".join(token.text for token in tokens if token.kind == "text")
    if not has_japanese(text):
        return "".join(token.raw for token in tokens)
    starts = set(phrase_starts(text))
    output = []
    position = 0
    verbatim = 0
    for token in tokens:
        if token.tag in VERBATIM_TAGS:
            verbatim += {"start": 1, "end": -1}.get(token.kind, 0)
        if token.kind != "text":
            output.append(token.raw)
            continue
        if verbatim or token.raw != token.text:  # code or an entity: kept whole
            if position in starts and not verbatim:
                output.append("<wbr>")
            output.append(token.raw)
        else:
            for offset, char in enumerate(token.raw):
                if position + offset in starts:
                    output.append("<wbr>")
                output.append(char)
        position += len(token.text)
    return '<span class="phrases">{}</span>'.format("".join(output))


def wrap_plain_heading(text):
    """What wrap_heading gives for a heading that is text alone (no tags, no
    entities), without parsing it."""
    if not has_japanese(text):
        return text
    bounds = [0, *phrase_starts(text), len(text)]
    pieces = [text[start:end] for start, end in itertools.pairwise(bounds)]
    return '<span class="phrases">{}</span>'.format("<wbr>".join(pieces))


_HEADING_RE = re.compile(
    r"(<(h[1-6])\b[^>]*>)(.*?)(</\2\s*>)", re.IGNORECASE | re.DOTALL
)


def phrase_wrap_headings(markup):
    """Body HTML whose Japanese headings break lines between phrases.

    Only the headings are parsed: the rest of the body is left as it is.
    """

    def wrap(match):
        inner = match.group(3)
        if "<" in inner or "&" in inner:
            inner = wrap_heading(tokenize(inner))
        else:  # most headings: text alone, no tags or entities to keep whole
            inner = wrap_plain_heading(inner)
        return match.group(1) + inner + match.group(4)

    return Markup(_HEADING_RE.sub(wrap, str(markup)))
