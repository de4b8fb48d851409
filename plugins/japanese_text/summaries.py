"""Text measures and summaries: reading time and the start of a post.

- Measures: Japanese (and any language in `char_languages`) is counted in
  characters as a reader sees them, other languages in words.
- `reading_minutes`: minutes to read a text, rounded, at least one.
- `truncate_html`: a summary the author did not write, the start of the body
  HTML cut at a sentence or paragraph end when one is near; headings, code,
  tables and media left out; every element left open closed.
- `tokenize`: HTML as tokens written back as they were (also used to wrap
  headings, `headings.py`).
"""

import html
import math
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

from markupsafe import escape

from .line_breaks import tag_names

__all__ = [
    "Token",
    "count_units",
    "find_cut",
    "reading_minutes",
    "tokenize",
    "truncate_html",
    "unit_ends",
    "visible_text",
]

# A summary ends at a sentence end found in the last 30% of its length;
# further back, it is cut at its full length instead.
SENTENCE_END_REACH = 0.3
SENTENCE_END = re.compile(
    r"[。．！？!?]+[」』）〕】)\]\"'”’]*"  # Japanese stops, ! and ? anywhere
    r"|\.[)\]\"'”’]*(?=\s|$)"  # a full stop before a space
)

# Elements left out of summaries: a listing shows prose, not its headings,
# code, tables, media or navigation.
SUMMARY_SKIPPED_TAGS = tag_names(
    "h1 h2 h3 h4 h5 h6 pre table figure img picture video audio iframe "
    "object embed svg math script style template form nav hr"
)
SUMMARY_SKIPPED_CLASSES = frozenset({"toc", "footnote"})
# Elements whose end is the end of a block of text (a sentence end of sorts).
BLOCK_TAGS = tag_names("p li dd dt blockquote div ul ol dl br")
VOID_TAGS = tag_names("area base br col embed hr img input link meta source track wbr")

ZERO_WIDTH_JOINER = "\u200d"


# -- text measures -------------------------------------------------------------


def is_extending(text, index):
    """Whether text[index] belongs to the character before it.

    Combining marks, variation selectors, emoji modifiers and tags, anything
    joined by a zero-width joiner, and the second half of a flag.
    """
    char = text[index]
    if index and text[index - 1] == ZERO_WIDTH_JOINER:
        return True
    if char == ZERO_WIDTH_JOINER or unicodedata.category(char) in ("Mn", "Me", "Mc"):
        return True
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:  # variation selectors
        return True
    if 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:  # modifiers, tags
        return True
    if 0x1F1E6 <= code <= 0x1F1FF:  # regional indicators pair into flags
        run = 0
        while index - run - 1 >= 0 and 0x1F1E6 <= ord(text[index - run - 1]) <= 0x1F1FF:
            run += 1
        return run % 2 == 1
    return False


def unit_ends(text, measure):
    """The index just after each character ("chars") or word ("words") of text.

    Characters are what a reader sees as one (a base and its combining marks,
    an emoji sequence); white space is not counted.
    """
    if measure == "words":
        return [match.end() for match in re.finditer(r"\S+", text)]
    ends = []
    for index, char in enumerate(text):
        if is_extending(text, index):
            if ends and ends[-1] == index:
                ends[-1] = index + 1
        elif not char.isspace():
            ends.append(index + 1)
    return ends


# Latin, punctuation, kana, CJK and full-width forms: blocks in which no code
# point joins the one before it (see is_extending). A text made only of these
# counts one character per code point that is not white space.
_SIMPLE_TEXT_RE = re.compile(
    "[\x00-\u02ff\u2000-\u200c\u200e-\u206f\u2e80-\u3029\u3030-\u3098"
    "\u309b-\u9fff\uf900-\ufaff\uff00-\uffef]*"
)


def count_units(text, measure):
    if measure == "words":
        return len(text.split())  # the runs of non-space that unit_ends finds
    if _SIMPLE_TEXT_RE.fullmatch(text):
        return len("".join(text.split()))  # the characters that are not space
    return len(unit_ends(text, measure))


def reading_minutes(text, measure, per_minute):
    """Minutes to read `text`, rounded, at least one."""
    return max(1, math.floor(count_units(text, measure) / per_minute + 0.5))


def find_cut(text, limit, measure, breaks=()):
    """Where to cut `text` to `limit` units: (index, at_sentence_end) or None.

    A sentence end (or one of the `breaks`, the ends of paragraphs) in the
    last part of the allowed length wins; otherwise the text is cut after its
    `limit`-th character or word.
    """
    ends = unit_ends(text, measure)
    if len(ends) <= limit:
        return None
    hard = ends[limit - 1]
    floor = ends[max(0, math.ceil(limit * (1 - SENTENCE_END_REACH)) - 1)]
    sentence_ends = [match.end() for match in SENTENCE_END.finditer(text)]
    candidates = [i for i in [*sentence_ends, *breaks] if floor <= i <= hard]
    if candidates:
        return max(candidates), True
    return hard, False


# -- HTML tokens ----------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """One piece of HTML: a tag, a run of text, an entity or anything else."""

    kind: str  # "start", "end", "empty", "text" or "other"
    raw: str  # the source, written back as it was
    tag: str = ""
    text: str = ""  # what a reader sees, for "text" tokens
    attrs: tuple = ()


class _Tokenizer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.tokens = []

    def handle_starttag(self, tag, attrs):
        kind = "empty" if tag in VOID_TAGS else "start"
        raw = self.get_starttag_text()
        self.tokens.append(Token(kind, raw, tag, attrs=tuple(attrs)))

    def handle_startendtag(self, tag, attrs):
        raw = self.get_starttag_text()
        self.tokens.append(Token("empty", raw, tag, attrs=tuple(attrs)))

    def handle_endtag(self, tag):
        self.tokens.append(Token("end", f"</{tag}>", tag))

    def handle_data(self, data):
        self.tokens.append(Token("text", data, text=data))

    def handle_entityref(self, name):
        raw = f"&{name};"
        self.tokens.append(Token("text", raw, text=html.unescape(raw)))

    def handle_charref(self, name):
        raw = f"&#{name};"
        self.tokens.append(Token("text", raw, text=html.unescape(raw)))

    def handle_comment(self, data):
        self.tokens.append(Token("other", f"<!--{data}-->"))

    def handle_decl(self, decl):
        self.tokens.append(Token("other", f"<!{decl}>"))

    def handle_pi(self, data):
        self.tokens.append(Token("other", f"<?{data}>"))

    def unknown_decl(self, data):
        self.tokens.append(Token("other", f"<![{data}]>"))


def tokenize(markup):
    tokenizer = _Tokenizer()
    tokenizer.feed(markup)
    tokenizer.close()
    return tokenizer.tokens


_INVISIBLE_RE = re.compile(
    r"<(script|style|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|li|dd|dt|blockquote|div|ul|ol|dl|br)\b[^>]*>", re.IGNORECASE
)
_MARKUP_RE = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)


def visible_text(markup):
    """The text a reader sees in an HTML fragment (Pelican's own, well-formed).

    Regular expressions rather than a parser: this runs on every post, whole.
    """
    text = _INVISIBLE_RE.sub("", markup)
    text = _BLOCK_TAG_RE.sub("\n", text)
    return html.unescape(_MARKUP_RE.sub("", text))


def is_skipped(token):
    classes = set((dict(token.attrs).get("class") or "").split())
    return token.tag in SUMMARY_SKIPPED_TAGS or bool(classes & SUMMARY_SKIPPED_CLASSES)


def summary_tokens(tokens):
    """The tokens of a summary's source: prose only (see SUMMARY_SKIPPED_TAGS)."""
    kept = []
    depth = 0
    for token in tokens:
        if depth:
            depth += {"start": 1, "end": -1}.get(token.kind, 0)
        elif token.kind in ("start", "empty") and is_skipped(token):
            depth = 1 if token.kind == "start" else 0
        else:
            kept.append(token)
    return kept


def close_tags(open_tags):
    return "".join(f"</{tag}>" for tag in reversed(open_tags))


def truncate_html(markup, limit, measure, suffix):
    """The start of an HTML fragment, `limit` characters or words long.

    Cut at a sentence end or a paragraph end when one is near (see
    `find_cut`), otherwise after the last whole character or word, followed by
    `suffix`. Never cuts inside a tag, an entity or a character; every element
    left open is closed.
    """
    tokens = summary_tokens(tokenize(markup))
    text = []
    positions = []  # for each character of the text: (token index, offset)
    breaks = []
    for index, token in enumerate(tokens):
        if token.kind == "text":
            if token.raw == token.text:
                positions += [(index, offset) for offset in range(len(token.text))]
            else:  # an entity is one character that cannot be split
                positions += [(index, 0)] * len(token.text)
            text.append(token.text)
        elif token.tag in BLOCK_TAGS and token.kind in ("end", "empty"):
            breaks.append(len(positions))
            positions.append((index, 0))  # a block end separates words
            text.append("\n")
    positions.append((len(tokens), 0))

    cut = find_cut("".join(text), limit, measure, breaks)
    stop, stop_offset = positions[cut[0]] if cut else (len(tokens), 0)
    output = []
    open_tags = []
    for token in tokens[:stop]:
        output.append(token.raw)
        if token.kind == "start":
            open_tags.append(token.tag)
        elif token.kind == "end" and token.tag in open_tags:
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(token.tag) :]
    if stop_offset:
        output.append(tokens[stop].raw[:stop_offset])
    if cut and not cut[1]:
        output.append(str(escape(suffix)))
    output.append(close_tags(open_tags))
    return "".join(output).strip()
