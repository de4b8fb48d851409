"""Content checks: every problem in the content and settings named, file first.

Stock Pelican logs most content problems and carries on: a bad date or a file
that is not UTF-8 is "Could not process", a missing title "Skipping", a link
to a missing file only a warning when the page is written. This plugin checks
in two steps, each problem one line, file first:

    content/posts/x.ja.md: Date "2024-13-45" is not a valid date (use YYYY-MM-DD HH:MM)

1. Before Pelican reads anything (when the articles generator is made): the
   settings, the content folder's names and links, each file's bytes and its
   header (source_files.py, headers.py and header_dates.py,
   settings_checks.py). A problem here stops the build: Pelican would only
   stumble on the same files.
2. Once every generator has read its files, before anything is written: what
   Pelican read (after_reading.py, active_html.py). Problems are reported and
   the build goes on, collecting the rest; it stops only when two things would
   be written to one address. Warnings and notices (no English translation
   yet) never fail it.
"""

import logging
import os
import zoneinfo
from datetime import datetime

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from site_common.content_files import display_folder
from site_common.languages import site_languages
from site_common.options import Rule, is_list_of_text, is_text, read_options
from site_common.problems import BuildStopped, report, report_and_stop
from site_common.quick_pass import writes_pages_of, writes_pages_of_file

from . import active_html, after_reading, headers, source_files
from .settings_checks import check_settings

logger = logging.getLogger(__name__)

__all__ = ["register"]

NAME = "CONTENT_CHECKS"
DEFAULT_OPTIONS = {
    # Settings the site cannot be built without.
    "required_settings": ("SITENAME", "AUTHOR", "DEFAULT_LANG", "TIMEZONE"),
    # Settings holding web addresses: a string, a dict of them, or (name, url) pairs.
    # An empty value is allowed (the link is left out); anything else must be an
    # absolute http(s) URL.
    "url_settings": ("SITEURL", "FEED_DOMAIN", "LINKS"),
    # The categories posts may use; None allows any.
    "categories": None,
    # Characters a tag may not contain: Japanese commas mean the tags were not split.
    "tag_forbidden_characters": "、，",
    # Metadata names other plugins read, beside headers.KNOWN_METADATA.
    "extra_metadata": (),
}
OPTION_RULES = {
    "required_settings": Rule(is_list_of_text, "a list of setting names"),
    "url_settings": Rule(is_list_of_text, "a list of setting names"),
    "categories": Rule(
        lambda value: value is None or is_list_of_text(value),
        "a list of category names, or None",
    ),
    "tag_forbidden_characters": Rule(is_text, "a string of characters"),
    "extra_metadata": Rule(is_list_of_text, "a list of metadata names"),
}
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")


def read_plugin_options(settings):
    return read_options(settings, NAME, DEFAULT_OPTIONS, OPTION_RULES)


def header_rules(settings, options):
    return headers.HeaderRules(
        languages=site_languages(settings),
        default_lang=settings["DEFAULT_LANG"],
        known_metadata=(*headers.KNOWN_METADATA, *options["extra_metadata"]),
        tag_forbidden_characters=options["tag_forbidden_characters"],
        has_default_date=bool(settings.get("DEFAULT_DATE")),
    )


def check_source(source, rules, filename_pattern):
    """Every problem in one file's bytes and header."""
    found = source_files.check_encoding(source) or source_files.check_not_empty(source)
    if found:
        return found
    text = source_files.decode(source.raw)
    problems = source_files.check_control_characters(source.path, text)
    if source.relative.lower().endswith(MARKDOWN_EXTENSIONS):
        from_filename = headers.filename_metadata(source.relative, filename_pattern)
        document = headers.read_document(source.path, source.kind, text, from_filename)
        problems += headers.check_header(document, rules)
    return problems


def check_folder(content_path, folder, settings):
    """Names and links in the content folder, which is the project folder's child."""
    project = os.path.dirname(os.path.realpath(content_path))
    files, outside, broken = source_files.walk_content(content_path, project)
    source_folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
    return [
        *source_files.link_problems(folder, outside, broken),
        *source_files.check_name_twins(folder, files),
        *source_files.check_not_markdown(folder, files, source_folders),
    ]


def find_sources(generator, folder):
    """The posts and pages Pelican is about to read, with their bytes."""
    settings = generator.settings
    for kind, paths, excludes in (
        ("post", "ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
        ("page", "PAGE_PATHS", "PAGE_EXCLUDES"),
    ):
        found = generator.get_files(settings[paths], exclude=settings[excludes])
        for relative in sorted(found):
            full = os.path.join(generator.path, relative)
            if not os.path.isfile(full):
                continue  # a link to nothing: check_folder names it
            if not writes_pages_of_file(settings, full):
                continue  # a quick pass: unchanged since a build that passed
            with open(full, "rb") as source_file:
                raw = source_file.read()
            yield source_files.Source(folder, relative.replace(os.sep, "/"), kind, raw)


def read_contents(context, folder):
    """(entry, content) for each post and page Pelican read, in path order."""
    found = []
    for content in context["generated_content"].values():
        if content is None or not hasattr(content, "relative_source_path"):
            continue
        kind = "post" if isinstance(content, Article) else "page"
        found.append((after_reading.entry_of(content, folder, kind), content))
    return sorted(found, key=lambda pair: pair[0].path)


def check_read_contents(pairs, context, settings, options, folder, content_path):
    """(problems, collisions, warnings, notices) in what Pelican read."""
    languages = site_languages(settings)
    # Pelican lists a file a post links to with {static} even when it does not
    # exist (and warns when it copies it): only files on disk count.
    folder_files = {
        *(path for path, content in context["generated_content"].items() if content),
        *(
            path
            for path in context["static_content"]
            if os.path.isfile(os.path.join(content_path, path))
        ),
    }
    pattern = after_reading.intrasite_link_pattern(settings["INTRASITE_LINK_REGEX"])
    now = datetime.now(zoneinfo.ZoneInfo(settings["TIMEZONE"]))
    categories = options["categories"]
    problems, warnings = [], []
    for entry, content in pairs:
        if not writes_pages_of(settings, content):
            continue  # a quick pass: unchanged since a build that passed
        problems += after_reading.check_slug(entry, languages)
        problems += after_reading.check_links(
            entry, content._content, pattern, folder_files, folder
        )
        if isinstance(content, Article):
            category = getattr(content, "category", None)
            name = category.name if category else ""
            problems += after_reading.check_category(entry, name, categories)
            warnings += after_reading.check_future_date(
                entry, getattr(content, "date", None), now
            )
        summary = content.metadata.get("summary")
        warnings += active_html.check_active_html(entry, content._content, summary)
    entries = [entry for entry, _ in pairs]
    problems += after_reading.check_translations(entries)
    collisions = after_reading.check_addresses(entries, languages)
    notices = after_reading.translation_notices(entries, languages, folder)
    return problems, collisions, warnings, notices


# -- signal handlers ----------------------------------------------------------


def check_before_reading(generator):
    """Check the settings, the folder and every post and page before Pelican reads."""
    settings = generator.settings
    options, problems = read_plugin_options(settings)
    problems += check_settings(settings, options)
    folder = display_folder(generator.path, os.getcwd())
    problems += check_folder(generator.path, folder, settings)
    rules = header_rules(settings, options)
    pattern = settings.get("FILENAME_METADATA")
    for source in find_sources(generator, folder):
        problems += check_source(source, rules, pattern)
    report_and_stop(problems, logger)


def check_after_reading(generators):
    """Check what every generator read, before anything is written."""
    # Every generator shares the settings, the context and the content folder;
    # the articles generator also has the readers that read the posts.
    generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings, context = generator.settings, generator.context
    options, _ = read_plugin_options(settings)  # reported before reading
    folder = display_folder(generator.path, os.getcwd())
    pairs = read_contents(context, folder)
    problems, collisions, warnings, notices = check_read_contents(
        pairs, context, settings, options, folder, generator.path
    )
    if notices and logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)  # Pelican shows warnings up; show these too
    report(notices, logger, level=logging.INFO)
    report(warnings, logger, level=logging.WARNING)
    report(problems, logger)
    if collisions:
        report(collisions, logger)
        raise BuildStopped(len(problems) + len(collisions))


def register():
    signals.article_generator_init.connect(check_before_reading)
    signals.all_generators_finalized.connect(check_after_reading)
