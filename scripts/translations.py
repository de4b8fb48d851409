"""Translation status of every post and page, and marking a translation up to date.

    python scripts/translations.py report     # the table `make translations` prints
    python scripts/translations.py mark SLUG  # what `make translated SLUG=x` does

A translation (<slug>.en.md) is up to date when its `Source_Digest:` matches
the digest of its Japanese original (<slug>.ja.md); see
plugins/bilingual/translation_status.py.
"""

import argparse
from pathlib import Path

from bilingual.translation_status import (
    DIGEST_KEY,
    source_digest,
    translation_state,
    with_digest,
)
from site_common.header import split_source

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


def format_table(rows, headers=("slug", "Japanese", "English", "status")):
    """A plain-text table; columns sized by display width (Japanese is wide)."""
    from unicodedata import east_asian_width

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
    matches = [files for (_, s), files in sources.items() if s == slug]
    if not matches:
        raise SystemExit(f"No post or page with the slug '{slug}' in content/.")
    files = matches[0]
    if ORIGINAL not in files or TRANSLATION not in files:
        raise SystemExit(
            f"'{slug}' needs both {slug}.{ORIGINAL}.md and {slug}.{TRANSLATION}.md."
        )
    digest = source_digest(files[ORIGINAL].read_text(encoding="utf-8"))
    path = files[TRANSLATION]
    path.write_text(
        with_digest(path.read_text(encoding="utf-8"), digest), encoding="utf-8"
    )
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default=str(ROOT / "content"))
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("report", help="print the status of every translation")
    mark = commands.add_parser("mark", help="mark a translation as up to date")
    mark.add_argument("slug")
    args = parser.parse_args(argv)
    sources = find_sources(Path(args.content))
    if args.command == "report":
        print(format_table(status_rows(sources)))
    else:
        path = mark_up_to_date(sources, args.slug)
        print(f"{path.relative_to(Path(args.content).parent)}: marked up to date")


if __name__ == "__main__":
    main()
