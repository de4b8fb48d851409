"""Is a translation up to date with its original?

The translation records a digest of the original's title and body
(`Source_Digest:` in its metadata). When the original changes, the digests
differ and the translation is outdated. Nothing here depends on git history
or file times, so it works the same in a fresh shallow clone.
"""

import hashlib
import logging
import os
import unicodedata
from pathlib import Path

from site_common.header import read_header, split_source
from site_common.problems import Problem, report
from site_common.quick_pass import writes_pages_of

logger = logging.getLogger(__name__)

DIGEST_KEY = "Source_Digest"
DIGEST_LENGTH = 12


def source_digest(text):
    """A short digest of what a translation translates: the title and the body.

    Whitespace at line ends and blank lines at the ends do not count, so
    re-saving a file in another editor does not mark translations outdated.
    """
    metadata, body = split_source(text)
    body = "\n".join(line.rstrip() for line in body.strip().split("\n"))
    material = unicodedata.normalize("NFC", metadata.get("title", "") + "\n" + body)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def translation_state(original_text, recorded_digest):
    """'ok' when the recorded digest matches the original, 'outdated' when it
    does not, 'unchecked' when the translation was never marked up to date."""
    if not recorded_digest:
        return "unchecked"
    if recorded_digest == source_digest(original_text):
        return "ok"
    return "outdated"


def with_digest(translation_text, digest):
    """The translation's text with `Source_Digest:` set to `digest`."""
    lines = translation_text.split("\n")
    new_line = f"{DIGEST_KEY}: {digest}"
    header = read_header(translation_text)
    for name, _value, number in header.fields:
        if name.lower() == DIGEST_KEY.lower():
            lines[number - 1] = new_line
            return "\n".join(lines)
    # After the header's last line, before the blank line that ends it.
    end = header.body_start
    if end and end <= len(lines):
        end -= 1 if not lines[end - 1].strip() else 0
    lines.insert(end if header.fields else 0, new_line)
    return "\n".join(lines)


def attach_translation_status(item, default_lang):
    """Set `lang_counterpart` and, on translations, `translation_status`.

    An outdated translation is named in the log with what to do about it.
    """
    others = [t for t in item.translations if t.lang != item.lang]
    item.lang_counterpart = others[0] if others else None
    if not writes_pages_of(item.settings, item):
        return  # a quick pass: only the item's own page shows its status
    original = next((t for t in item.translations if t.lang == default_lang), None)
    if item.lang == default_lang or original is None:
        item.translation_status = None
        return
    original_text = Path(original.source_path).read_text(encoding="utf-8")
    item.translation_status = translation_state(
        original_text, item.metadata.get("source_digest", "")
    )
    if item.translation_status == "outdated":
        notice = Problem(
            os.path.relpath(item.source_path),
            "Source_Digest",
            "is an outdated translation: {original} changed since. "
            "Update it, then run: make translated SLUG={slug}",
            original=os.path.relpath(original.source_path),
            slug=item.slug,
        )
        report([notice], logger, level=logging.WARNING)
    elif item.translation_status == "unchecked":
        notice = Problem(
            os.path.relpath(item.source_path),
            "Source_Digest",
            "has not been marked up to date with {original} yet. "
            "Once it is translated, run: make translated SLUG={slug}",
            original=os.path.relpath(original.source_path),
            slug=item.slug,
        )
        report([notice], logger, level=logging.INFO)
