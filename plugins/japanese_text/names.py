"""Address slugs of names: tags, categories, authors, and titles.

One table gives every Japanese name its slug: `JAPANESE_TEXT["slugs"]` in
pelicanconf.py (人脈 → jinmyaku). A tag's URL then stays what the author
chose, whatever a dictionary reads next year. A Japanese name missing from
the table stops the build with the line to add, its reading suggested by
pykakasi (imported only then). Other names keep Pelican's slug.

Every slug must be usable as a folder name and a URL: lower-case ASCII
letters and digits joined by hyphens, at most MAX_SLUG_LENGTH characters.
A name that cannot give one (only emoji, an invisible character, a name so
long its folder could not be written) is refused, naming the file and field.

Names are read in NFKC form (ＡＩ and AI, ｶﾞ and ガ are one name), as Pelican
hands the metadata over, before it makes the post.
"""

import functools
import os
import unicodedata

from pelican.utils import slugify
from site_common.messages import Message
from site_common.options import nearest
from site_common.slugs import SLUG_PATTERN

__all__ = [
    "MAX_SLUG_LENGTH",
    "SLUG_PATTERN",
    "close_name",
    "content_slug_problem",
    "has_japanese",
    "name_problem",
    "normal_name",
    "romaji",
    "slug_collisions",
    "suggested_slug",
]

# A slug is one folder name; file systems allow 255 bytes, URLs read better short.
MAX_SLUG_LENGTH = 60
SETTING = "JAPANESE_TEXT"
SETTINGS_FILE = "pelicanconf.py"
JAPANESE_SCRIPTS = (
    "HIRAGANA",
    "KATAKANA",
    "HALFWIDTH KATAKANA",
    "CJK UNIFIED IDEOGRAPH",
    "CJK COMPATIBILITY IDEOGRAPH",
    "IDEOGRAPHIC ITERATION MARK",
)
# The metadata field each kind of name comes from, as the author writes it.
FIELDS = {"Tag": "Tags", "Category": "Category", "Author": "Author"}
# Pelican's default slug substitutions: what a suggested slug is made with.
SUGGESTION_SUBSTITUTIONS = (
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s_]+", "-"),
)


def normal_name(name):
    """A name as the site knows it: NFKC (one width of letters, one ガ)."""
    return unicodedata.normalize("NFKC", name)


def has_japanese(text):
    if text.isascii():  # most English names and titles: no per-character lookup
        return False
    return any(unicodedata.name(char, "").startswith(JAPANESE_SCRIPTS) for char in text)


def invisible_characters(name):
    """The characters of `name` a reader cannot see (zero-width spaces, marks)."""
    return [char for char in name if unicodedata.category(char) == "Cf"]


@functools.cache
def kakasi():
    """pykakasi's converter, loaded only to suggest a slug (half a second)."""
    import pykakasi

    return pykakasi.kakasi()


def romaji(text):
    """Hepburn romaji of Japanese text, words apart: 人脈作り → jinmyaku tsukuri.

    Latin letters and digits stay as written, joined to their neighbours.
    """
    words = []
    previous_was_japanese = True
    for item in kakasi().convert(normal_name(text)):
        japanese = has_japanese(item["orig"])
        if words and not japanese and not previous_was_japanese:
            words[-1] += item["hepburn"]
        else:
            words.append(item["hepburn"])
        previous_was_japanese = japanese
    return " ".join(word.strip() for word in words if word.strip())


def suggested_slug(name):
    """A slug to offer the author for `name`: its romaji, or its letters."""
    text = romaji(name) if has_japanese(name) else name
    slug = slugify(text, regex_subs=SUGGESTION_SUBSTITUTIONS, use_unicode=False)
    if len(slug) > MAX_SLUG_LENGTH:  # cut between words when there are any
        cut = slug[: MAX_SLUG_LENGTH + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_SLUG_LENGTH]
    return slug if SLUG_PATTERN.fullmatch(slug) else "your-slug"


def add_line(name):
    return Message(
        'add "{name}": "{slug}" to {setting}["slugs"] in {file}',
        name=name,
        slug=suggested_slug(name),
        setting=SETTING,
        file=SETTINGS_FILE,
    )


def one_character_apart(first, second):
    """Same length, one character different: 人派 and 人脈."""
    different = sum(a != b for a, b in zip(first, second, strict=False))
    return len(first) == len(second) and different == 1


def close_name(name, known):
    """The known name `name` is most likely a typo of, or None.

    A Japanese name of two characters or more is close to a known name of the
    same length with one character different (人派 → 人脈), as a wrong kanji
    from the input method is; other names as difflib finds them.
    """
    others = sorted(other for other in set(known) if other != name)
    if has_japanese(name) and len(name) > 1:
        for other in others:
            if one_character_apart(name, other):
                return other
    return nearest(name, others)


def name_problem(kind, name, slug, table, known=()):
    """What is wrong with the slug of a tag, category or author, or None.

    `kind` is "Tag", "Category" or "Author"; `table` the slugs setting;
    `known` other names the site uses, which a new name may be a typo of
    (the table's names are known too).
    """
    field = FIELDS[kind]
    if name in table:
        return None  # the settings check validated the table's slugs
    invisible = invisible_characters(name)
    if invisible:
        codes = ", ".join(f"U+{ord(char):04X}" for char in dict.fromkeys(invisible))
        return Message(
            '{field} "{name}" contains an invisible character ({codes}): '
            "delete it from the line",
            field=field,
            name=name,
            codes=codes,
        )
    if has_japanese(name):
        choice = close_name(name, [*table, *known])
        if choice is not None:
            return Message(
                '{field} "{name}" has no slug: is it a typo for "{choice}"? '
                "If it is a new name, {add}",
                field=field,
                name=name,
                choice=choice,
                add=add_line(name),
            )
        return Message(
            '{field} "{name}" has no slug: {add}',
            field=field,
            name=name,
            add=add_line(name),
        )
    if not slug:
        return Message(
            '{field} "{name}" has no letters or digits to make an address from: {add}',
            field=field,
            name=name,
            add=add_line(name),
        )
    if len(slug) > MAX_SLUG_LENGTH:
        return Message(
            '{field} "{name}" makes an address {length} characters long '
            "(at most {most}): shorten it, or {add}",
            field=field,
            name=name,
            length=len(slug),
            most=MAX_SLUG_LENGTH,
            add=add_line(name),
        )
    if not SLUG_PATTERN.fullmatch(slug):
        return Message(
            '{field} "{name}" makes the address "{slug}", which is not lower-case '
            "letters, digits and hyphens: {add}",
            field=field,
            name=name,
            slug=slug,
            add=add_line(name),
        )
    return None


def slug_source(content):
    """The Japanese text Pelican made `content.slug` from, or None.

    None when a `Slug:` line or an ASCII file name gave the slug.
    """
    given = content.metadata.get("slug")
    if given is None:
        if content.settings["SLUGIFY_SOURCE"] == "title":
            source = getattr(content, "title", None)
        elif content.source_path is None:
            return None
        else:
            source = os.path.basename(os.path.splitext(content.source_path)[0])
        return source if source and has_japanese(source) else None
    from pelican.readers import parse_path_metadata

    from_file_name = parse_path_metadata(content.source_path, content.settings)
    if has_japanese(given) and given == from_file_name.get("slug"):
        return given
    return None


def content_slug_problem(content):
    """What is wrong with the slug of a post or page, or None."""
    source = slug_source(content)
    if source is None:
        return None
    template = (
        'Title "{source}" gives no address: add the line "Slug: {slug}" under the title'
        if source == getattr(content, "title", None)
        else 'the file name "{source}" gives no address: add the line '
        '"Slug: {slug}" under the title'
    )
    return Message(template, source=source, slug=suggested_slug(source))


def same_name(first, second):
    return normal_name(first).casefold() == normal_name(second).casefold()


def slug_collisions(entries):
    """Groups of different names that share one slug.

    `entries` are (group, slug, name, origin) tuples (the origin says where a
    name was first seen); names of one group (tags, say) with the same slug
    collide unless they only differ in case or width.
    """
    seen = {}
    for group, slug, name, origin in entries:
        names = seen.setdefault((group, slug), {})
        if name not in names and not any(same_name(name, known) for known in names):
            names[name] = origin
    return [
        (group, slug, list(names.items()))
        for (group, slug), names in seen.items()
        if len(names) > 1
    ]
