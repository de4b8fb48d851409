"""Translation status of every post and page, and marking a translation up to date.

    python scripts/translations.py report     # the table `make translations` prints
    python scripts/translations.py mark SLUG  # what `make translated SLUG=x` does

A translation (<slug>.en.md) is up to date when its `Source_Digest:` matches
the digest of its Japanese original (<slug>.ja.md); see
plugins/bilingual/translation_status.py. A translation that is still the stub
`make newpost` wrote is not marked. A translation file with no title and no
text (the CMS writes one for a side left empty) is not translated yet: shown
as missing, not marked (site_common/untranslated.py). The words are in the
language MESSAGES_LANG names in pelicanconf.py.
"""

import argparse
import os
import sys
from pathlib import Path

from bilingual.translation_status import (
    DIGEST_KEY,
    source_digest,
    translation_state,
    with_digest,
)
from pelican.settings import read_settings
from site_common.header import split_source
from site_common.messages import Message, messages_language
from site_common.stubs import placeholders_left
from site_common.untranslated import is_unwritten

ROOT = Path(__file__).resolve().parent.parent

ORIGINAL, TRANSLATION = "ja", "en"


def find_sources(content):
    """{(folder, slug): {lang: path}} for every <slug>.<lang>.md under content/."""
    sources = {}
    for path in sorted(Path(content).rglob("*.md")):
        slug, _, lang = path.stem.rpartition(".")
        if slug:
            key = (path.parent.relative_to(content).as_posix(), slug)
            sources.setdefault(key, {})[lang] = path
    return sources


def status_rows(sources):
    """(slug, Japanese title, English title, status) for each post and page."""
    rows = []
    for (folder, slug), files in sorted(sources.items()):
        texts = {lang: path.read_text(encoding="utf-8") for lang, path in files.items()}
        if TRANSLATION in texts and is_unwritten(texts[TRANSLATION]):
            del texts[TRANSLATION]  # not translated yet
        titles = {
            lang: split_source(text)[0].get("title", "") for lang, text in texts.items()
        }
        if ORIGINAL in texts and TRANSLATION in texts:
            digest = split_source(texts[TRANSLATION])[0].get(DIGEST_KEY.lower(), "")
            status = translation_state(texts[ORIGINAL], digest)
        elif ORIGINAL in texts:
            status = "missing"
        else:
            status = "no original"
        rows.append(
            (
                f"{folder}/{slug}",
                titles.get(ORIGINAL, "-"),
                titles.get(TRANSLATION, "-"),
                status,
            )
        )
    return rows


class NotMarked(Exception):
    """Why a translation was not marked up to date (a Message)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def format_table(rows, lang="en"):
    """A plain-text table; columns sized by display width (Japanese is wide)."""
    from unicodedata import east_asian_width

    headers = tuple(
        Message(word).text(lang) for word in ("slug", "Japanese", "English", "status")
    )
    rows = [(*row[:-1], Message(row[-1]).text(lang)) for row in rows]

    def width(text):
        return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)

    table = [headers, *rows]
    widths = [max(width(row[i]) for row in table) for i in range(len(headers))]
    lines = []
    for row in table:
        cells = [
            cell + " " * (w - width(cell)) for cell, w in zip(row, widths, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def mark_up_to_date(sources, slug):
    """Record the original's digest in the translation; return the file changed."""
    if not slug:
        raise NotMarked(
            Message("Give the slug of the post: make translated SLUG=<slug>")
        )
    matches = [files for (_, s), files in sources.items() if s == slug]
    if not matches:
        raise NotMarked(
            Message("No post or page with the slug '{slug}' in content/.", slug=slug)
        )
    files = matches[0]
    if ORIGINAL not in files or TRANSLATION not in files:
        raise NotMarked(
            Message(
                "'{slug}' needs both {original} and {translation}.",
                slug=slug,
                original=f"{slug}.{ORIGINAL}.md",
                translation=f"{slug}.{TRANSLATION}.md",
            )
        )
    path = files[TRANSLATION]
    text = path.read_text(encoding="utf-8")
    if is_unwritten(text):
        raise NotMarked(
            Message(
                "{path} is not translated yet (it has no title and no text): "
                "translate it first, then run make translated SLUG={slug}.",
                path=Path(os.path.relpath(path)).as_posix(),
                slug=slug,
            )
        )
    header, body = split_source(text)
    if left := placeholders_left(header.get("title"), body):
        parts = {"Title": Message("the title"), "body": Message("the text")}
        raise NotMarked(
            Message(
                "{path} is still the stub make newpost wrote ({parts}): translate "
                "it first, then run make translated SLUG={slug} again.",
                path=Path(os.path.relpath(path)).as_posix(),
                parts=tuple(parts[field] for field, _ in left),
                slug=slug,
            )
        )
    digest = source_digest(files[ORIGINAL].read_text(encoding="utf-8"))
    path.write_text(
        with_digest(path.read_text(encoding="utf-8"), digest), encoding="utf-8"
    )
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("report", help="print the status of every translation")
    mark = commands.add_parser("mark", help="mark a translation as up to date")
    mark.add_argument("slug")
    args = parser.parse_args(argv)
    lang = messages_language(read_settings(args.settings))
    sources = find_sources(Path(args.content))
    if args.command == "report":
        print(format_table(status_rows(sources), lang))
        return 0
    try:
        path = mark_up_to_date(sources, args.slug)
    except NotMarked as refused:
        print(refused.message.text(lang), file=sys.stderr)
        return 1
    shown = path.relative_to(Path(args.content).parent)
    print(Message("{path}: marked up to date", path=shown).text(lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
