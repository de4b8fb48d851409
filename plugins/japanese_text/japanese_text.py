"""Japanese text done right: line breaks, romaji URLs, reading time, summaries
and phrase-aware wrapping.

- Markdown: a line break between two Japanese characters is no space
  (`line_breaks.py`, added to the Markdown extensions at start-up).
- Names: tags, categories and authors are read in NFKC form, and each gets
  a valid slug: Japanese names from the table `JAPANESE_TEXT["slugs"]`
  (`names.py`). A name without a usable slug, a Japanese title that would
  give the address, and two names with one slug fail the build, naming the
  file and field (`slug_checks.py`).
- `content.reading_time`: minutes, Japanese counted in characters, other
  languages in words (`summaries.py`).
- Summaries, when the author wrote none: the start of the text, measured in
  characters or words by language, cut at a sentence end when one is near
  (`summaries.py`).
- Jinja filters `phrase_wrap` (a title) and `phrase_wrap_headings` (the
  headings of body HTML): BudouX marks the phrase boundaries of Japanese text
  with `<wbr>`, so narrow screens break lines between phrases, not inside
  words (`headings.py`).

This module holds the setting, the signal handlers and `register()`.
"""

import logging

from pelican import signals
from pelican.contents import Article, Page
from site_common.problems import SETTINGS, Problem
from site_common.problems import report as report_problems
from site_common.quick_pass import writes_pages_of

from .headings import phrase_wrap, phrase_wrap_headings
from .line_breaks import EastAsianLineBreakExtension
from .names import MAX_SLUG_LENGTH, SETTING, SLUG_PATTERN, normal_name
from .slug_checks import (
    collision_problems,
    content_slug_problems,
    name_problems,
    taxonomy_terms,
)
from .summaries import reading_minutes, truncate_html, visible_text

logger = logging.getLogger(__name__)

__all__ = ["register"]

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
    if not writes_pages_of(content.settings, content):
        return  # a quick pass: no page it writes shows another's summary or time
    add_reading_time_and_summary(content)


def report(problems):
    """Log every problem, file first; the build fails once it is done
    (scripts/build_site.py), and goes on until then with fallback slugs, so
    that every problem is found in one build."""
    report_problems(problems, logger)


def check_slugs(contents, settings):
    """Every name and content slug usable, and no two names with one slug."""
    table = options(settings)["slugs"]
    # A quick pass: only a file it writes can have changed its own slug.
    written = [content for content in contents if writes_pages_of(settings, content)]
    report(
        [
            *name_problems(contents, table),
            *content_slug_problems(written),
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
