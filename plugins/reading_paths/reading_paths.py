"""Paths to keep reading, and the way to book a session, in the reader's language.

Once every post and page is read, each post gets

- `table_of_contents`: its section headings (h2, with their h3), linking to
  the anchors Markdown's toc extension gave them; empty below
  `min_headings` sections, where a contents list would only repeat the page;
- `neighbours`: the older and the newer post in its language's listing, where
  a post not translated appears in its own language, as listings show it;
- `related_posts`: at most `related_limit` posts sharing its tags, then its
  category, those in its language first;

and the context gets `consultation`: the consultation page in each language
and the ways to get in touch the CONSULTATION setting lists. The coach's
portrait (SITE_PORTRAIT, shown by partials/portrait.html beside the call to
book a session) is checked at start-up: empty, or a file in the content
folder. The consultation page, the contact ways and the portrait are
consultation.py's. Templates only render these (partials/toc.html,
post_nav.html, related.html, consult_cta.html, contact_ways.html,
portrait.html).
"""

import heapq
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from operator import attrgetter, itemgetter

from pelican import signals
from pelican.contents import Article, Page
from site_common.languages import site_languages
from site_common.options import Rule, is_text, is_whole_number, read_options
from site_common.problems import SETTINGS, Problem, report, report_and_stop
from site_common.quick_pass import writes_pages_of
from site_common.urls import is_http_url

from .consultation import (
    LINE_HOSTS,
    X_HOSTS,
    Consultation,
    consultation_links,
    contact_ways,
    is_email,
    is_url_on,
    portrait_problems,
)

logger = logging.getLogger(__name__)

__all__ = [
    "TocEntry",
    "neighbours",
    "reading_list",
    "register",
    "related",
    "table_of_contents",
    "topic_index",
]

SETTING = "CONSULTATION"

DEFAULTS = {
    # Slug of the consultation page (content/pages/<slug>.<lang>.md).
    "page_slug": "consultation",
    # Ways to get in touch, each shown as a plain link; "" leaves it out.
    "booking_url": "",  # a booking or form address (https://...)
    "email": "",  # an e-mail address, linked with mailto:
    "x_dm_url": "",  # where a direct message on X starts (https://x.com/...)
    "line_url": "",  # the LINE official account (https://lin.ee/... or line.me)
    # Posts with at least this many sections (h2) get a table of contents.
    "min_headings": 3,
    "related_limit": 3,
}

RULES = {
    "page_slug": Rule(lambda v: is_text(v) and v.strip(), "a page's slug"),
    "booking_url": Rule(lambda v: v == "" or is_http_url(v), "https://... or empty"),
    "email": Rule(is_email, "an e-mail address (name@example.com) or empty"),
    "x_dm_url": Rule(is_url_on(X_HOSTS), "an address on x.com, or empty"),
    "line_url": Rule(is_url_on(LINE_HOSTS), "an address on lin.ee or line.me"),
    "min_headings": Rule(is_whole_number(1, 20), "a whole number from 1 to 20"),
    "related_limit": Rule(is_whole_number(0, 12), "a whole number from 0 to 12"),
}


# -- pure functions: headings --------------------------------------------------


@dataclass(frozen=True)
class TocEntry:
    """One section heading: its anchor, its words, and its subsections."""

    anchor: str
    text: str
    children: tuple = ()


class _HeadingParser(HTMLParser):
    """(level, id, text) of every h2 and h3 that has an id, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []
        self._open = None  # [level, id, [text pieces]] while inside a heading

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3") and self._open is None:
            anchor = dict(attrs).get("id")
            if anchor:
                self._open = [int(tag[1]), anchor, []]

    def handle_endtag(self, tag):
        if self._open is not None and tag == f"h{self._open[0]}":
            level, anchor, pieces = self._open
            text = " ".join("".join(pieces).split())
            self.headings.append((level, anchor, text))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[2].append(data)


# The h2 and h3 elements of a post's HTML: only they are parsed. (Text that
# looks like a heading in the post is escaped, `&lt;h2&gt;`, so never found.)
HEADING_RE = re.compile(r"<h([23])\b[^>]*>.*?</h\1\s*>", re.IGNORECASE | re.DOTALL)


def table_of_contents(html, min_headings=3):
    """The h2 sections of `html` (with their h3) as TocEntry, or () if fewer
    than `min_headings` sections have an anchor."""
    headings = [match.group(0) for match in HEADING_RE.finditer(html or "")]
    if sum(heading[2] == "2" for heading in headings) < min_headings:
        return ()
    parser = _HeadingParser()
    parser.feed("".join(headings))
    parser.close()
    sections = []
    for level, anchor, text in parser.headings:
        if level == 2:
            sections.append((anchor, text, []))
        elif sections:  # an h3 before any h2 is not a subsection of anything
            sections[-1][2].append(TocEntry(anchor, text))
    if len(sections) < min_headings:
        return ()
    return tuple(TocEntry(a, t, tuple(children)) for a, t, children in sections)


# -- pure functions: posts in a language ----------------------------------------


def group_of(post):
    """A post and its translations."""
    return [post, *getattr(post, "translations", [])]


def version_for(group, lang, default_lang):
    """The post of a group in `lang`, else in the default language, else any."""
    by_lang = {post.lang: post for post in group}
    return by_lang.get(lang) or by_lang.get(default_lang) or group[0]


def reading_list(posts, lang, default_lang):
    """Every post once, newest first, in `lang` where it has that version.

    `posts` may hold a post and its translations: they count once.
    """
    seen = set()
    found = []
    for post in posts:
        group = group_of(post)
        key = min(id(member) for member in group)
        if key in seen:
            continue
        seen.add(key)
        found.append(version_for(group, lang, default_lang))
    return sorted(found, key=attrgetter("date", "source_path"), reverse=True)


@dataclass(frozen=True)
class Neighbours:
    older: object = None
    newer: object = None


def neighbours(articles, article):
    """The posts before and after `article` in `articles` (newest first)."""
    if article not in articles:
        return Neighbours()
    index = articles.index(article)
    newer = articles[index - 1] if index > 0 else None
    older = articles[index + 1] if index + 1 < len(articles) else None
    return Neighbours(older=older, newer=newer)


def topics(post):
    """(tag names, category names) of a post in all its languages."""
    tags, categories = set(), set()
    for member in group_of(post):
        tags.update(tag.name for tag in getattr(member, "tags", None) or ())
        category = getattr(member, "category", None)
        if category:
            categories.add(category.name)
    return tags, categories


@dataclass(frozen=True)
class TopicIndex:
    """Where each tag and category appears in a list of posts: their positions."""

    by_tag: dict
    by_category: dict


def topic_index(articles, topics_of=topics):
    """The TopicIndex of `articles`, so that related posts are found among the
    posts sharing a topic instead of by comparing every pair of posts."""
    by_tag, by_category = defaultdict(list), defaultdict(list)
    for position, post in enumerate(articles):
        tags, categories = topics_of(post)
        for tag in tags:
            by_tag[tag].append(position)
        for category in categories:
            by_category[category].append(position)
    return TopicIndex(by_tag=dict(by_tag), by_category=dict(by_category))


def related(articles, article, limit=3, topics_of=topics, index=None):
    """At most `limit` posts of `articles` sharing tags with `article`, then its
    category: most shared tags first, posts in its language before others,
    newer before older. Tags and categories are compared across languages.

    `topics_of` gives a post's topics (`topics`, or a remembered copy of it);
    `index` is the `topic_index` of `articles`, made here when not given.
    """
    if index is None:
        index = topic_index(articles, topics_of)
    tags, categories = topics_of(article)
    shared = Counter()
    for tag in tags:
        shared.update(index.by_tag.get(tag, ()))
    same_category = set()
    for category in categories:
        same_category.update(index.by_category.get(category, ()))
    own = {id(member) for member in group_of(article)}
    scored = []
    for position in shared.keys() | same_category:
        post = articles[position]
        if id(post) in own:
            continue
        other_lang = post.lang != article.lang
        key = (other_lang, -shared[position], position not in same_category, position)
        scored.append((key, post))
    best = heapq.nsmallest(limit, scored, key=itemgetter(0))
    return [post for _, post in best]


# -- signal handlers --------------------------------------------------------------


def check_settings(pelican):
    _options, problems = read_options(pelican.settings, SETTING, DEFAULTS, RULES)
    report_and_stop([*problems, *portrait_problems(pelican.settings)], logger)


def attach_reading_paths(generators):
    """Contents, neighbours and related posts on every post; the consultation
    page and contact ways in the context."""
    if not generators:
        return
    context = generators[0].context
    settings = generators[0].settings
    options, _problems = read_options(settings, SETTING, DEFAULTS, RULES)  # reported
    languages = site_languages(settings)
    default_lang = settings["DEFAULT_LANG"]
    contents = list(context["generated_content"].values())
    posts = [item for item in contents if isinstance(item, Article)]
    published = [post for post in posts if post.status == "published"]
    lists = {lang: reading_list(published, lang, default_lang) for lang in languages}
    # Each post's topics are read once, and related posts are found through
    # an index of each listing.
    known_topics = {}

    def topics_of(post):
        if id(post) not in known_topics:
            known_topics[id(post)] = topics(post)
        return known_topics[id(post)]

    indexes = {lang: topic_index(lists[lang], topics_of) for lang in lists}
    for post in posts:
        if not writes_pages_of(settings, post):
            continue  # a quick pass: only the written posts show these
        if post.lang in lists:
            articles, index = lists[post.lang], indexes[post.lang]
        else:
            articles = reading_list(published, post.lang, default_lang)
            index = topic_index(articles, topics_of)
        post.table_of_contents = table_of_contents(
            post.content, options["min_headings"]
        )
        post.neighbours = neighbours(articles, post)
        post.related_posts = related(
            articles, post, options["related_limit"], topics_of, index
        )
    pages = [
        item
        for item in contents
        if isinstance(item, Page) and item.status == "published"
    ]
    found = consultation_links(pages, options["page_slug"], languages)
    if not found:
        notice = Problem(
            SETTINGS,
            "CONSULTATION",
            'no page has the slug {slug} (CONSULTATION["page_slug"]): '
            "posts show no call to book a session",
            slug=repr(options["page_slug"]),
        )
        report([notice], logger, level=logging.WARNING)
    context["consultation"] = Consultation(pages=found, ways=contact_ways(options))


def register():
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(attach_reading_paths)
