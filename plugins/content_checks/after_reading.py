"""Checks on what Pelican read: the posts and pages in context["generated_content"].

Run once every generator has read its files and before anything is written:
links to files that do not exist (Pelican would only warn when it writes),
addresses that are not addresses or that two things would share, categories,
translations, and, as a warning, posts dated in the future (active HTML the
site's Content-Security-Policy blocks is found by active_html.py).
"""

import html
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from site_common.languages import language_name
from site_common.messages import Message
from site_common.options import suggestion
from site_common.problems import Problem
from site_common.slugs import reserved_names, slug_problem

from .headers import MARKUP_RE, SLUG_FIX

LINK_KINDS = ("filename", "static", "attach")


@dataclass(frozen=True)
class Entry:
    """A post or page as Pelican read it, with what the checks need of it."""

    path: str  # content/posts/x.ja.md
    relative: str  # posts/x.ja.md, inside the content folder
    kind: str  # "post" or "page"
    slug: str
    lang: str
    status: str
    is_translation: bool
    save_as: str
    url: str
    written: tuple = ()  # the address fields given in the header: ("save_as", ...)


def entry_of(content, folder, kind):
    """The Entry of a Pelican Article or Page."""
    translation = str(content.metadata.get("translation", "false"))
    return Entry(
        path=posixpath.join(folder, content.relative_source_path),
        relative=content.relative_source_path,
        kind=kind,
        slug=getattr(content, "slug", "") or "",
        lang=content.lang,
        status=content.status,
        is_translation=translation.lower() != "false",
        save_as=content.save_as or "",
        url=content.url or "",
        written=tuple(name for name in ("save_as", "url") if name in content.metadata),
    )


# -- links to content files ---------------------------------------------------


def intrasite_link_pattern(indicator_regex):
    """Pelican's pattern for {filename}, {static}, {attach} links in HTML."""
    attributes = "href|src|poster|data|cite|formaction|action|content"
    return re.compile(
        rf"""(?P<markup><[^>]+(?:{attributes})\s*=\s*)(?P<quote>["'])"""
        rf"""(?P<path>{indicator_regex}(?P<value>.*?))(?P=quote)"""
    )


def linked_file(relative, link_path):
    """The content-relative file a {filename}/{static}/{attach} path points to."""
    if link_path.startswith("/"):
        return posixpath.normpath(link_path[1:])
    return posixpath.normpath(posixpath.join(posixpath.dirname(relative), link_path))


def check_links(entry, body_html, pattern, known_files, folder):
    """Links and images to content files must point to files Pelican knows."""
    problems = []
    for match in pattern.finditer(body_html or ""):
        if match["what"] not in LINK_KINDS:
            continue
        path = urlsplit(match["value"]).path
        if not path:
            continue  # {filename}#anchor: a link within the page
        # Pelican tries the path as written, URL-unquoted and HTML-unescaped.
        tries = {path, unquote(path), html.unescape(path), unquote(html.unescape(path))}
        targets = [linked_file(entry.relative, tried) for tried in sorted(tries)]
        if any(target in known_files for target in targets):
            continue
        is_image = match["markup"].lstrip("<").lower().startswith("img")
        written = html.unescape(match["path"])
        if targets[0].startswith(".."):
            if is_image:
                continue  # the images plugin refuses it, with the same words
            problems.append(
                Problem(
                    entry.path,
                    "link",
                    'link "{link}" leads out of the content folder',
                    link=written,
                )
            )
            continue
        expected = posixpath.normpath(posixpath.join(folder, targets[0]))
        message = (
            'image "{link}" points to a file that does not exist ({expected})'
            if is_image
            else 'link "{link}" points to a file that does not exist ({expected})'
        )
        problems.append(
            Problem(entry.path, "link", message, link=written, expected=expected)
        )
    return problems


# -- categories ---------------------------------------------------------------


def check_category(entry, category, categories):
    """A category is plain text, and one of the site's when the settings list them."""
    if not category:
        return []
    if MARKUP_RE.search(category):
        message = 'Category "{category}" contains HTML; a category is plain text'
    elif categories is not None and category not in categories:
        message = (
            'Category "{category}" is not one of the site\'s categories '
            "({categories}){suggestion}: new categories go in "
            'CONTENT_CHECKS["categories"] in pelicanconf.py'
        )
    else:
        return []
    return [
        Problem(
            entry.path,
            "Category",
            message,
            category=category,
            categories=", ".join(categories or ()),
            suggestion=suggestion(category, categories or (), cutoff=0.5),
        )
    ]


# -- addresses ----------------------------------------------------------------


def check_slug(entry, languages):
    reason = slug_problem(entry.slug, languages)
    if reason is None:
        return []
    return [Problem(entry.path, "Slug", SLUG_FIX, reason=reason)]


def address_problem(address, languages, status):
    """Why a Save_as or Url address would write over the site's own pages (a
    Message), or None."""
    if address.startswith("/") or posixpath.normpath(address).startswith(".."):
        return Message("leads out of the site's folder")
    parts = [part for part in posixpath.normpath(address).split("/") if part != "."]
    if len(parts) > 1 and parts[0] in languages:
        parts = parts[1:]  # en/about/ is an English page
    if not parts:
        return Message("is the home page")
    first = parts[0].lower()
    if status == "draft" and first == "drafts":
        return None
    if first in reserved_names(languages):
        return Message(
            'is in "{folder}", which the site writes itself', folder=parts[0]
        )
    return None


def check_addresses(entries, languages):
    """Every address given in a header is the content's own; none is shared."""
    problems = []
    for entry in entries:
        for field in entry.written:
            address = getattr(entry, field)
            reason = address and address_problem(address, languages, entry.status)
            if reason:
                name = field.capitalize()
                message = (
                    '{name} "{address}" {reason}: it would write over another page; '
                    "choose another address"
                )
                problems.append(
                    Problem(
                        entry.path,
                        name,
                        message,
                        name=name,
                        address=address,
                        reason=reason,
                    )
                )
    owners = defaultdict(list)
    for entry in entries:
        if entry.save_as:
            owners[posixpath.normpath(entry.save_as)].append(entry)
    for save_as, group in sorted(owners.items()):
        first, *others = sorted(group, key=lambda entry: entry.path)
        problems.extend(
            Problem(
                other.path,
                "Save_as",
                "would be written to {save_as}, as {first} is: two pages cannot "
                'share one address; rename one file or give it another "Slug:"',
                save_as=save_as,
                first=first.path,
            )
            for other in others
            if (other.kind, other.slug, other.lang)
            != (first.kind, first.slug, first.lang)
        )
    return problems


# -- translations -------------------------------------------------------------


def group_by_address(entries):
    """Posts (or pages) that share a slug: an original and its translations."""
    groups = defaultdict(list)
    for entry in entries:
        if entry.slug:
            groups[(entry.kind, entry.slug)].append(entry)
    return groups


def same_language_problem(first, other, kind, slug):
    """Why `other` cannot be in the same language as `first`, with that slug."""
    if other.is_translation and not first.is_translation:
        message = (
            'is marked "Translation: true" but is in the same language '
            "({lang}) as its original {first}: a translation is in the "
            "other language (check the file name and Lang:)"
        )
        return Problem(
            other.path, "Translation", message, lang=other.lang, first=first.path
        )
    message = (
        'has the same slug "{slug}" and language ({lang}) as {first}: '
        "two posts cannot share one address; rename one file or give it another "
        '"Slug:"'
        if kind == "post"
        else 'has the same slug "{slug}" and language ({lang}) as {first}: '
        "two pages cannot share one address; rename one file or give it another "
        '"Slug:"'
    )
    return Problem(
        other.path, "Slug", message, slug=slug, lang=other.lang, first=first.path
    )


def check_translations(entries):
    """One file per slug and language; a translation is in another language."""
    problems = []
    for (kind, slug), group in sorted(group_by_address(entries).items()):
        by_lang = defaultdict(list)
        for entry in group:
            by_lang[entry.lang].append(entry)
        for _lang, same in sorted(by_lang.items()):
            first, *others = sorted(same, key=lambda e: (e.is_translation, e.path))
            problems.extend(
                same_language_problem(first, other, kind, slug) for other in others
            )
    return problems


def translation_notices(entries, languages, folder):
    """Information, not errors: what has no translation yet, what has no original.

    The posts without a translation are named in one line per language, not one
    line each: a site translated as it goes has many of them in every build.
    """
    default_lang = languages[0]
    notices = []
    missing = defaultdict(list)
    for (kind, slug), group in sorted(group_by_address(entries).items()):
        langs = {entry.lang for entry in group}
        originals = [entry for entry in group if not entry.is_translation]
        if not originals:
            notices.extend(
                Problem(
                    entry.path,
                    "Translation",
                    'is marked "Translation: true" but there is no original with '
                    'the slug "{slug}"; it is shown as a post of its own'
                    if kind == "post"
                    else 'is marked "Translation: true" but there is no original '
                    'with the slug "{slug}"; it is shown as a page of its own',
                    slug=slug,
                )
                for entry in group
            )
            continue
        for original in originals:
            # Japanese comes first: a post in the default language lacks the others.
            if original.status != "published" or original.lang != default_lang:
                continue
            for lang in languages:
                if lang not in langs:
                    missing[lang].append(original.path)
    for lang in languages:
        if missing[lang]:
            notices.append(
                Problem(
                    folder,
                    "Translation",
                    "no {language} translation yet for {count}: {files} (a "
                    "translation is the same file name with .{lang}. and "
                    '"Translation: true"; make translations lists them)',
                    language=Message(language_name(lang, "en")),
                    count=len(missing[lang]),
                    files=tuple(sorted(missing[lang])),
                    lang=lang,
                )
            )
    return notices


# -- warnings -----------------------------------------------------------------


def check_future_date(entry, date, now):
    """A warning: a published post dated more than a day ahead tops the home page."""
    if entry.kind != "post" or entry.status != "published" or date is None:
        return []
    if date <= now + timedelta(days=1):
        return []
    message = (
        "Date {date} is in the future, so the post stays at the top "
        'of the home page until then: fix the date, or write "Status: draft" if it '
        "is not ready"
    )
    return [Problem(entry.path, "Date", message, date=f"{date:%Y-%m-%d %H:%M}")]
