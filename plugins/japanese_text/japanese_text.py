"""Japanese text done right: line breaks, romaji URLs, reading time, summaries
and phrase-aware wrapping.

- Markdown: a line break between two Japanese characters is no space
  (`line_breaks.py`, added to the Markdown extensions at start-up).
- Names: tags, categories and authors are read in NFKC form, and each gets
  a valid slug: Japanese names from the table `JAPANESE_TEXT["slugs"]`
  (`names.py`). A name without a usable slug, a Japanese title that would
  give the address, and two names with one slug fail the build, naming the
  file and field.
- `content.reading_time`: minutes, Japanese counted in characters, other
  languages in words.
- Summaries, when the author wrote none: the start of the text, measured in
  characters or words by language, cut at a sentence end when one is near.
- Jinja filters `phrase_wrap` (a title) and `phrase_wrap_headings` (the
  headings of body HTML): BudouX marks the phrase boundaries of Japanese text
  with `<wbr>`, so narrow screens break lines between phrases, not inside
  words. The text itself is unchanged everywhere else (<title>, feeds, meta).
"""

import functools
import html
import logging
import math
import os
import posixpath
import re
import unicodedata
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser

import budoux
from markupsafe import Markup, escape
from pelican import signals
from pelican.contents import Article, Page
from site_common.messages import Message
from site_common.problems import SETTINGS, Problem
from site_common.problems import report as report_problems

from .line_breaks import EastAsianLineBreakExtension, tag_names
from .names import (
    MAX_SLUG_LENGTH,
    SLUG_PATTERN,
    content_slug_problem,
    has_japanese,
    name_problem,
    normal_name,
    slug_collisions,
)

logger = logging.getLogger(__name__)

__all__ = ["register"]

SETTING = "JAPANESE_TEXT"
DEFAULTS = {
    # The slug of each Japanese tag, category and author name: {name: slug}.
    "slugs": {},
    # Summaries the author did not write: Japanese in characters, others in words.
    "summary_chars": 120,
    "summary_words": 50,
    # Ends a summary cut inside a sentence.
    "summary_suffix": "…",
    # Reading speed: Japanese characters and words of other languages a minute.
    "chars_per_minute": 500,
    "words_per_minute": 230,
    # Languages measured in characters rather than words.
    "char_languages": ["ja"],
}
POSITIVE_WHOLE_NUMBERS = (
    "summary_chars",
    "summary_words",
    "chars_per_minute",
    "words_per_minute",
)

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
INVISIBLE_TAGS = frozenset({"script", "style", "template"})
VERBATIM_TAGS = frozenset({"code", "kbd", "samp", "pre"})
HEADING_TAGS = tag_names("h1 h2 h3 h4 h5 h6")

ZERO_WIDTH_JOINER = "\u200d"
TAXONOMY_GROUPS = {"Category": "categories", "Tag": "tags", "Author": "authors"}


# -- settings ----------------------------------------------------------------


def settings_problems(user_settings):
    """Every problem with the `JAPANESE_TEXT` setting, as Problems."""

    def problem(template, **values):
        return Problem(SETTINGS, SETTING, template, setting=SETTING, **values)

    if not isinstance(user_settings, dict):
        return [
            problem(
                "{setting} must be a dict, not {kind}",
                kind=type(user_settings).__name__,
            )
        ]
    problems = [
        problem(
            '{setting}["{key}"] is not a known setting (known: {known})',
            key=key,
            known=", ".join(DEFAULTS),
        )
        for key in user_settings
        if key not in DEFAULTS
    ]
    for key in POSITIVE_WHOLE_NUMBERS:
        value = user_settings.get(key, DEFAULTS[key])
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            problems.append(
                problem(
                    '{setting}["{key}"] must be a whole number above 0, not {value}',
                    key=key,
                    value=repr(value),
                )
            )
    suffix = user_settings.get("summary_suffix", DEFAULTS["summary_suffix"])
    if not isinstance(suffix, str):
        problems.append(
            problem(
                '{setting}["summary_suffix"] must be text, not {value}',
                value=repr(suffix),
            )
        )
    languages = user_settings.get("char_languages", DEFAULTS["char_languages"])
    if not isinstance(languages, list | tuple) or not all(
        isinstance(lang, str) for lang in languages
    ):
        problems.append(
            problem(
                '{setting}["char_languages"] must be a list of language codes, '
                "not {value}",
                value=repr(languages),
            )
        )
    slugs = user_settings.get("slugs", DEFAULTS["slugs"])
    if not isinstance(slugs, dict):
        problems.append(problem('{setting}["slugs"] must be a dict of name: slug'))
    else:
        problems += [
            problem(
                '{setting}["slugs"]["{name}"] is {slug}: a slug is lower-case '
                "ASCII letters and digits joined by hyphens, at most "
                '{most} characters, such as "hirabayashi-takayuki"',
                name=name,
                slug=repr(slug),
                most=MAX_SLUG_LENGTH,
            )
            for name, slug in slugs.items()
            if not isinstance(slug, str)
            or not SLUG_PATTERN.fullmatch(slug)
            or len(slug) > MAX_SLUG_LENGTH
        ]
    return problems


def options(settings):
    """The plugin's settings, defaults filled in."""
    return {**DEFAULTS, **settings.get(SETTING, {})}


def measure_for(lang, opts):
    """Count in "chars" for languages written without spaces, else in "words"."""
    return "chars" if lang in opts["char_languages"] else "words"


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


# -- names and their slugs -------------------------------------------------------


def where(content):
    """The file a post or page comes from, as the author finds it: the content
    folder relative to the project (content/posts/x.ja.md)."""
    relative = content.get_relative_source_path()
    if relative is None:
        return str(content)
    folder = os.path.relpath(content.settings["PATH"])
    if folder.startswith(os.pardir):
        folder = os.path.basename(os.path.normpath(content.settings["PATH"]))
    return posixpath.join(folder.replace(os.sep, "/"), relative.replace(os.sep, "/"))


def taxonomy_terms(content):
    """The categories, tags and authors of one piece of content."""
    terms = []
    if getattr(content, "category", None):
        terms.append(content.category)
    terms += getattr(content, "tags", [])
    terms += getattr(content, "authors", [])
    return terms


def fallback_slug(term):
    """A slug that can always be written, for a name that was refused: the
    build goes on to find every other problem instead of failing to write."""
    kind = type(term).__name__.lower()
    return f"{kind}-{zlib.crc32(term.name.encode()):08x}"


def files_named(files, shown=3):
    listed = ", ".join(files[:shown])
    more = len(files) - shown
    return listed + (f" (+{more})" if more > 0 else "")


def name_problems(contents, table):
    """Messages for every tag, category and author that has no usable slug.

    One message per name, naming the files that use it.
    """
    users = {}
    for content in contents:
        for term in taxonomy_terms(content):
            kind = type(term).__name__
            problem = name_problem(kind, term.name, term.slug, table)
            if problem:
                users.setdefault(problem, []).append(where(content))
                term.slug = fallback_slug(term)
    return [
        Problem(files_named(sorted(set(files))), problem.values["field"], problem)
        for problem, files in users.items()
    ]


def content_slug_problems(contents):
    messages = []
    for content in contents:
        problem = content_slug_problem(content)
        if problem:
            messages.append(Problem(where(content), "Slug", problem))
    return messages


def by_file(entry):
    return entry[1]


def collision_message(group, slug, names):
    listed = tuple(
        Message("“{name}” ({path})", name=name, path=path)
        for name, path in sorted(names, key=by_file)
    )
    return Problem(
        SETTINGS,
        SETTING,
        '{group} {listed} would both get the address slug "{slug}". '
        'Give one of them its own slug in {setting}["slugs"] in pelicanconf.py.',
        group=Message(group),
        listed=listed,
        slug=slug,
        setting=SETTING,
    )


def collision_problems(contents):
    terms = []
    for content in contents:
        for term in taxonomy_terms(content):
            group = TAXONOMY_GROUPS[type(term).__name__]
            terms.append((group, term.slug, term.name, content))
    return [  # the files are named only for the rare collision
        collision_message(group, slug, [(name, where(c)) for name, c in names])
        for group, slug, names in slug_collisions(terms)
    ]


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


_HEADING_RE = re.compile(
    r"(<(h[1-6])\b[^>]*>)(.*?)(</\2\s*>)", re.IGNORECASE | re.DOTALL
)


def phrase_wrap_headings(markup):
    """Body HTML whose Japanese headings break lines between phrases.

    Only the headings are parsed: the rest of the body is left as it is.
    """

    def wrap(match):
        inner = wrap_heading(tokenize(match.group(3)))
        return match.group(1) + inner + match.group(4)

    return Markup(_HEADING_RE.sub(wrap, str(markup)))


# -- signal handlers ---------------------------------------------------------------


def check_settings_and_add_markdown_extension(pelican):
    settings = pelican.settings
    problems = settings_problems(settings.get(SETTING, {}))
    report_problems(problems, logger)
    if problems:
        settings[SETTING] = {}
    else:  # names are read in NFKC form: so are the table's
        slugs = settings.get(SETTING, {}).get("slugs", {})
        slugs = {normal_name(name): slug for name, slug in slugs.items()}
        settings[SETTING] = {**settings.get(SETTING, {}), "slugs": slugs}
    markdown = dict(settings.get("MARKDOWN", {}))
    extensions = list(markdown.get("extensions", []))
    if not any(isinstance(ext, EastAsianLineBreakExtension) for ext in extensions):
        extensions.append(EastAsianLineBreakExtension())
    markdown["extensions"] = extensions
    settings["MARKDOWN"] = markdown


def normalize_names(generator, metadata):
    """Tags, categories and authors in NFKC form, as Pelican hands them over
    (before it makes the post): ＡＩ and AI are one tag."""
    del generator  # the same for articles and pages
    terms = [*metadata.get("tags", []), *metadata.get("authors", [])]
    for key in ("category", "author"):
        if metadata.get(key) is not None:
            terms.append(metadata[key])
    for term in terms:
        normal = normal_name(term.name)
        if normal != term.name:
            term.name = normal


def set_name_slugs(content):
    """The slug of each Japanese (or otherwise listed) name, from the table."""
    table = options(content.settings)["slugs"]
    for term in taxonomy_terms(content):
        slug = table.get(term.name)
        if slug:
            term.slug = slug


def add_reading_time_and_summary(content):
    opts = options(content.settings)
    measure = measure_for(content.lang, opts)
    if isinstance(content, Article):
        per_minute = opts[f"{measure}_per_minute"]
        content.reading_time = reading_minutes(
            visible_text(content._content or ""), measure, per_minute
        )
    if "summary" not in content.metadata:
        summary = truncate_html(
            content._content or "",
            opts[f"summary_{measure}"],
            measure,
            opts["summary_suffix"],
        )
        # Pelican uses (and resolves the links of) a summary found in metadata.
        content.metadata["summary"] = summary
        content._summary = summary


def prepare_content(content):
    if not isinstance(content, Article | Page):
        return
    set_name_slugs(content)
    add_reading_time_and_summary(content)


def report(problems):
    """Log every problem, file first; the build fails once it is done
    (scripts/build_site.py), and goes on until then with fallback slugs, so
    that every problem is found in one build."""
    report_problems(problems, logger)


def check_slugs(contents, settings):
    """Every name and content slug usable, and no two names with one slug."""
    table = options(settings)["slugs"]
    report(
        [
            *name_problems(contents, table),
            *content_slug_problems(contents),
            *collision_problems(contents),
        ]
    )


def check_article_slugs(generator):
    everything = [
        *generator.articles,
        *generator.translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
        *generator.drafts,
        *generator.drafts_translations,
    ]
    check_slugs(everything, generator.settings)


def check_page_slugs(generator):
    everything = [
        *generator.pages,
        *generator.translations,
        *generator.hidden_pages,
        *generator.hidden_translations,
        *generator.draft_pages,
        *generator.draft_translations,
    ]
    check_slugs(everything, generator.settings)


def install_template_filters(generator):
    generator.env.filters.update(
        {"phrase_wrap": phrase_wrap, "phrase_wrap_headings": phrase_wrap_headings}
    )


def register():
    signals.initialized.connect(check_settings_and_add_markdown_extension)
    signals.article_generator_context.connect(normalize_names)
    signals.page_generator_context.connect(normalize_names)
    signals.content_object_init.connect(prepare_content)
    signals.article_generator_pretaxonomy.connect(check_article_slugs)
    signals.page_generator_finalized.connect(check_page_slugs)
    signals.generator_init.connect(install_template_filters)
