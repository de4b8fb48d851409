"""Where a card's title breaks into lines, and at what size it fits.

Japanese breaks between phrases (BudouX, the phrases the headings already
use), other text at spaces; no line starts with a closing mark (。、」…) or a
small kana, and none ends with an opening mark (「（…): the line-break rules
(kinsoku) of JIS X 4051. A phrase too long for a line is broken between
characters under the same rules. Everything here is pure: fonts are Pillow
fonts passed in, nothing is drawn.
"""

import functools

from japanese_text.headings import phrase_starts
from japanese_text.names import has_japanese

# Marks that may not start a line: closing brackets and quotes, stops and
# commas, iteration marks, the long-vowel mark and small kana.
NO_LINE_START = frozenset(
    "、。，．,.・：；:;？！?!‼⁇⁈⁉゛゜ヽヾゝゞ々〻ー‐゠–〜～"
    "）)］]｝}〕〉》」』】〙〗〟’”»"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
    "ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
# Marks that may not end a line: opening brackets and quotes.
NO_LINE_END = frozenset("（(［[｛{〔〈《「『【〘〖〝‘“«")
# Marks never split when doubled (……, ――).
INSEPARABLE = frozenset("…‥―")
ELLIPSIS = "…"


def may_break(text, offset):
    """Whether a line may end before `text[offset]` (kinsoku rules)."""
    before, after = text[offset - 1], text[offset]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return not (before == after and before in INSEPARABLE)


def break_offsets(text, lang):
    """Offsets where a line may end: phrase starts (Japanese) and words."""
    offsets = set()
    if lang == "ja" or has_japanese(text):
        offsets.update(phrase_starts(text))
    offsets.update(
        index
        for index in range(1, len(text))
        if text[index - 1] == " " and text[index] != " "
    )
    return sorted(offset for offset in offsets if may_break(text, offset))


def _emergency_end(text, start, measure, width):
    """The furthest end of a line that must break inside a phrase or word."""
    best = None
    for end in range(start + 1, len(text)):
        if measure(text[start:end].rstrip()) > width:
            break
        if may_break(text, end):
            best = end
    if best is not None:
        return best
    # Not even one character fits, or the rules forbid every break: go on
    # to the first break the rules allow.
    end = start + 1
    while end < len(text) and not may_break(text, end):
        end += 1
    return end


def _wrap(text, lang, measure, width):
    """wrap_title, with `measure(text)` giving the width of a text in pixels."""
    text = " ".join(text.split())
    ends = [*break_offsets(text, lang), len(text)]
    lines = []
    start = 0
    while start < len(text):
        end = None
        for candidate in ends:
            if candidate <= start:
                continue
            if measure(text[start:candidate].rstrip()) > width:
                break
            end = candidate
        if end is None:
            end = _emergency_end(text, start, measure, width)
        lines.append(text[start:end].rstrip())
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    return lines


def wrap_title(text, lang, font, width):
    """The lines of `text` set in `font`, each at most `width` pixels wide."""
    return _wrap(text, lang, font.getlength, width)


def _balanced(text, lang, measure, width, line_count):
    """The narrowest wrap with the same number of lines: no one-word last line."""
    low, high = width // 2, width
    best = _wrap(text, lang, measure, width)
    while high - low > 8:
        middle = (low + high) // 2
        lines = _wrap(text, lang, measure, middle)
        if len(lines) <= line_count:
            best, high = lines, middle
        else:
            low = middle
    return best


def shortened(lines, font, width, max_lines):
    """The first `max_lines` lines, the last one ending in … within `width`."""
    kept = list(lines[:max_lines])
    last = kept[-1]
    while last and font.getlength(last + ELLIPSIS) > width:
        last = last[:-1].rstrip()
    kept[-1] = last + ELLIPSIS
    return kept


def fit_title(text, lang, font_at, width, sizes, max_lines):
    """(size, lines): the largest of `sizes` at which `text` takes at most
    `max_lines` lines of `width` pixels; `font_at(size)` gives the font.

    At the smallest size, a title still too long is cut with "…".
    """
    largest, smallest = max(sizes), min(sizes)
    whole_width = font_at(largest).getlength(" ".join(text.split()))
    for size in sorted(sizes, reverse=True):
        if whole_width * size / largest > (width + size) * max_lines:
            continue  # too long even if every line were full (an em to spare)
        font = font_at(size)
        # Wrapping at several widths measures the same pieces again.
        measure = functools.lru_cache(maxsize=None)(font.getlength)
        lines = _wrap(text, lang, measure, width)
        if len(lines) <= max_lines:
            if len(lines) > 1:
                lines = _balanced(text, lang, measure, width, len(lines))
            return size, lines
    font = font_at(smallest)
    lines = _wrap(text, lang, font.getlength, width)
    return smallest, shortened(lines, font, width, max_lines)
