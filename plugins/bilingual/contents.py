"""Every post and page Pelican read, from the build's context.

Pelican records each file it read in `context["generated_content"]` (a post,
a page, or None for a file it could not use). The plugin walks that, the one
list of everything, rather than the generators' many lists (articles,
translations, drafts, hidden ...).
"""

from pelican.contents import Article, Page
from pelican.utils import order_content


def read_contents(context, content_class):
    """Every post (Article) or page (Page) of the build, in the order read."""
    return [
        item
        for item in context["generated_content"].values()
        if isinstance(item, content_class)
    ]


def read_articles(context):
    return read_contents(context, Article)


def read_pages(context):
    return read_contents(context, Page)


def is_translation(item, default_lang):
    """A version in another language of a post that exists in the default one."""
    return item.lang != default_lang and any(
        other.lang == default_lang for other in item.translations
    )


def in_site_order(items, order_by, default_lang):
    """As Pelican lists them: the originals in the site's order (`order_by`:
    ARTICLE_ORDER_BY or PAGE_ORDER_BY), then the translations by slug."""
    items = sorted(items, key=lambda item: item.slug)
    originals = [item for item in items if not is_translation(item, default_lang)]
    translations = [item for item in items if is_translation(item, default_lang)]
    return order_content(originals, order_by) + translations
