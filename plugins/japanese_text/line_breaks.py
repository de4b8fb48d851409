"""Python-Markdown extension: a line break inside Japanese text is no space.

Japanese authors wrap lines anywhere, and browsers render each line break of
the source as a space, even between two Japanese characters. This extension
applies the segment-break rules of CSS Text (level 3, plus level 4's rule for
ambiguous-width punctuation) to the parsed document: a line break between two
East Asian wide characters disappears, a break between Japanese and Latin text
stays a space. Code and preformatted text are never touched, raw HTML is left
as the author wrote it, and hard breaks (`<br>`) stay where they are.
"""

import functools
import re
import unicodedata

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

__all__ = ["EastAsianLineBreakExtension", "join_east_asian_lines", "removes_break"]


def tag_names(words):
    """A set of element names, written as one string of words."""
    return frozenset(words.split())


# Elements whose text flows on the same line as the text around them. Any
# other element (a block, a hard break, an image, raw HTML) ends a line of text.
INLINE_TAGS = tag_names(
    "a abbr b bdi bdo cite code data del dfn em i ins kbd mark q rp rt "
    "ruby s samp small span strong sub sup time u var"
)
# Inline elements whose text is read as a neighbour but never changed.
VERBATIM_INLINE_TAGS = frozenset({"code", "kbd", "samp"})
# Blocks whose text is neither read nor changed.
VERBATIM_BLOCK_TAGS = frozenset({"pre", "script", "style", "textarea", "math"})

# A line break with the spaces and tabs around it (CSS removes those too).
LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
ZERO_WIDTH_SPACE = "\u200b"
# A line break with a non-ASCII character on either side.
NON_ASCII_AT_BREAK = re.compile(r"[^\x00-\x7f][ \t]*\n|\n[ \t]*[^\x00-\x7f]")


# -- pure functions ---------------------------------------------------------


def is_hangul(char):
    return unicodedata.name(char, "").startswith("HANGUL")


def is_wide(char):
    """East Asian width F, W or H, and not Hangul (which is written with spaces)."""
    return unicodedata.east_asian_width(char) in "FWH" and not is_hangul(char)


def is_ambiguous_punctuation(char):
    """Punctuation or a symbol of ambiguous width, such as “ ” … ※ ○."""
    return unicodedata.east_asian_width(char) == "A" and unicodedata.category(
        char
    ).startswith(("P", "S"))


@functools.lru_cache(maxsize=8192)  # a text has few distinct pairs of neighbours
def removes_break(before, after):
    """Whether a line break between the characters `before` and `after` vanishes."""
    if not before or not after:
        return False
    if ZERO_WIDTH_SPACE in (before, after):
        return True
    if is_wide(before) and is_wide(after):
        return True
    return (is_ambiguous_punctuation(before) and is_wide(after)) or (
        is_wide(before) and is_ambiguous_punctuation(after)
    )


def vanishes(match):
    """Whether the line break `match` found (in `match.string`) vanishes."""
    text, (start, end) = match.string, match.span()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return removes_break(before, after)


def breaks_to_remove(text):
    """The (start, end) spans of the line breaks in `text` that vanish."""
    return [match.span() for match in LINE_BREAK.finditer(text) if vanishes(match)]


def has_break_to_remove(text):
    """Whether any line break in `text` vanishes (stops at the first one)."""
    if not NON_ASCII_AT_BREAK.search(text):
        return False  # English text, say: every vanishing break touches non-ASCII
    return any(map(vanishes, LINE_BREAK.finditer(text)))


def join_east_asian_lines(text):
    """`text` with the line breaks between East Asian wide characters removed."""
    return LINE_BREAK.sub(lambda match: "" if vanishes(match) else match.group(0), text)


# -- the tree processor -----------------------------------------------------


def text_runs(root):
    """Split the text under `root` into runs of text that flow as one line.

    Each run is a list of slots `(element, "text" or "tail", editable)` in
    document order. A block, a hard break or any other non-inline element
    ends a run, so a line is only ever joined to its own neighbours.
    """
    runs = [[]]

    def visit(element, editable):
        runs[-1].append((element, "text", editable))
        for child in element:
            if isinstance(child.tag, str) and child.tag in INLINE_TAGS:
                visit(child, editable and child.tag not in VERBATIM_INLINE_TAGS)
            else:
                runs.append([])
                if isinstance(child.tag, str) and child.tag not in VERBATIM_BLOCK_TAGS:
                    visit(child, editable)
                runs.append([])
            runs[-1].append((child, "tail", editable))

    visit(root, True)
    return [run for run in runs if run]


def join_run(run):
    """Remove the vanishing line breaks of one run, slot by slot."""
    texts = [getattr(element, attribute) or "" for element, attribute, _ in run]
    joined = "".join(texts)
    if "\n" not in joined:
        return
    if len(run) == 1:  # a paragraph of plain text: one slot, nothing to map
        element, attribute, editable = run[0]
        if editable:
            set_text(element, attribute, join_east_asian_lines(joined))
        return
    starts = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text)

    def slots_touched(start, end):
        return [
            index
            for index, slot_start in enumerate(starts)
            if slot_start < end and start < slot_start + len(texts[index])
        ]

    # A break is removed only where every slot it spans may be edited.
    removed = [
        (start, end)
        for start, end in breaks_to_remove(joined)
        if all(run[index][2] for index in slots_touched(start, end))
    ]
    if not removed:
        return
    for index, (element, attribute, _) in enumerate(run):
        set_text(element, attribute, cut_spans(texts[index], starts[index], removed))


def set_text(element, attribute, text):
    """Set an element's text or tail, still atomic if it was (no inline parsing)."""
    original = getattr(element, attribute) or ""
    if text != original:
        is_atomic = isinstance(original, AtomicString)
        setattr(element, attribute, AtomicString(text) if is_atomic else text)


def cut_spans(text, offset, spans):
    """`text`, which starts at `offset` of a run, without the run's `spans`."""
    pieces, position = [], 0
    for start, end in spans:
        start, end = max(start - offset, position), min(end - offset, len(text))
        if start < end:
            pieces.append(text[position:start])
            position = end
    pieces.append(text[position:])
    return "".join(pieces)


class EastAsianLineBreakProcessor(Treeprocessor):
    def run(self, root):
        # A document with no vanishing break anywhere in its text (one in
        # English, say) has none in any run of its text: nothing to walk.
        if not has_break_to_remove("".join(root.itertext())):
            return
        for run in text_runs(root):
            join_run(run)


class EastAsianLineBreakExtension(Extension):
    """Remove line breaks between East Asian wide characters."""

    def extendMarkdown(self, md):
        # After inline parsing (20), before the output is prettified (10).
        md.treeprocessors.register(
            EastAsianLineBreakProcessor(md), "east_asian_line_breaks", 12
        )


def makeExtension(**kwargs):
    return EastAsianLineBreakExtension(**kwargs)
