"""Social: the author's profiles, share links and social and search metadata.

Every post and page gets `share_links` (X, Facebook, LINE, Hatena Bookmark:
plain links, no third-party script, links.py) and `social_meta` (canonical
URL, description, Open Graph, Twitter card and JSON-LD, metadata.py). Listing
pages get the same metadata from the `page_social_meta(title)` template
global; every template gets the author's profiles as `social_profiles`. The
Markdown of posts gains quoted tweets and link references whose addresses are
settings (markdown_extensions.py); a mistake in a quoted tweet is reported
naming the file. An `Image:` must be an image file inside the content folder.

Settings: one `SOCIAL` dict, merged over its defaults and checked once when
Pelican starts (settings.py).
"""

import logging

from pelican import signals
from pelican.contents import Content
from site_common.markup_problems import content_problems
from site_common.problems import report, report_and_stop
from site_common.quick_pass import writes_pages_of

from .links import profiles, share_links
from .markdown_extensions import REPORTER, LinkReferencesExtension, TweetExtension
from .metadata import (
    content_image,
    content_social_meta,
    json_ld_script,
    page_social_meta,
)
from .settings import social_settings

logger = logging.getLogger(__name__)

__all__ = ["register"]


# -- pure functions -------------------------------------------------------------


def contents_of(context):
    """Every post and page Pelican read, drafts and hidden ones included."""
    return [
        item
        for item in context["generated_content"].values()
        if isinstance(item, Content)
    ]


# -- signal handlers -------------------------------------------------------------


def check_settings(pelican):
    """Merge and check SOCIAL once, and give Markdown the plugin's extensions."""
    settings = pelican.settings
    social, problems = social_settings(settings)
    report_and_stop(problems, logger)
    settings["SOCIAL"] = social
    markdown = settings.get("MARKDOWN") or {}
    extensions = [
        extension
        for extension in markdown.get("extensions", [])
        if not isinstance(extension, TweetExtension | LinkReferencesExtension)
    ]
    settings["MARKDOWN"] = {
        **markdown,
        "extensions": [
            *extensions,
            TweetExtension(),
            LinkReferencesExtension(links=social["links"]),
        ],
    }
    logger.debug("social: canonical URLs start with %s", social["site_url"])


def report_tweet_problems(content):
    """Report the mistakes the Markdown extensions found, naming the file."""
    if not isinstance(content, Content):
        return
    if not writes_pages_of(content.settings, content):
        return  # a quick pass: unchanged since a build that passed
    report(content_problems(content, REPORTER), logger)


def install_template_helpers(generator):
    generator.env.filters["json_ld"] = json_ld_script
    generator.env.globals["page_social_meta"] = page_social_meta
    generator.context["social_profiles"] = profiles(generator.settings["SOCIAL"])


def attach_social_data(generators):
    """Give every post and page its share links and social metadata."""
    settings = generators[0].settings
    problems = []
    for content in contents_of(generators[0].context):
        if not writes_pages_of(settings, content):
            continue  # a quick pass: only the written pages show these
        image, image_problems = content_image(content, settings)
        problems += image_problems
        meta = content_social_meta(content, settings, image)
        content.social_meta = meta
        content.share_links = share_links(
            meta["canonical"], content.title, settings["SOCIAL"]
        )
    report(problems, logger)


def register():
    signals.initialized.connect(check_settings)
    signals.content_object_init.connect(report_tweet_problems)
    signals.generator_init.connect(install_template_helpers)
    signals.all_generators_finalized.connect(attach_social_data)
