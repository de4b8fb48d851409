"""One Atom feed per language, each in its language's folder.

Pelican's FEED_ALL_ATOM would mix the languages; this writes
`feeds/all.atom.xml` (Japanese) and `en/feeds/all.atom.xml` (English) from
every published post, and gives each feed its language's home page and tagline.
"""

from operator import attrgetter

from site_common.languages import lang_prefix, language_name

from .contents import read_articles


def feed_paths(feed_atom, languages, default_lang):
    """{lang: path of its feed}, "" for each when feeds are off."""
    return {
        lang: lang_prefix(lang, default_lang) + feed_atom if feed_atom else ""
        for lang in languages
    }


def feed_items(articles, lang):
    """The published posts in `lang`, newest first."""
    return sorted(
        (item for item in articles if item.status == "published" and item.lang == lang),
        key=attrgetter("date"),
        reverse=True,
    )


def absolute_site_url(settings):
    """The address feeds and the sitemap link to: FEED_DOMAIN, else SITEURL."""
    return settings.get("FEED_DOMAIN") or settings["SITEURL"]


def describe_language_feed(context, feed):
    """A language's feed says its language (xml:lang), and its home page, id and
    subtitle are those of that language's site."""
    lang = context.get("page_lang")
    if not lang:
        return
    prefix = lang_prefix(lang, context["DEFAULT_LANG"])
    home = f"{context['SITEURL']}/{prefix}"
    feed.feed.update({"language": lang, "link": home, "id": home})
    tagline = context.get("SITE_TAGLINE", {}).get(lang)
    if tagline:
        feed.feed.update({"subtitle": tagline, "description": tagline})


def write_feeds(writer, context, paths):
    """Write the feed of each language that has a path (see `feed_paths`)."""
    articles = read_articles(context)
    for lang, path in paths.items():
        if not path:
            continue
        writer.write_feed(
            feed_items(articles, lang),
            {**context, "page_lang": lang, "SITEURL": absolute_site_url(context)},
            path,
            feed_title=language_name(lang, lang),
        )
