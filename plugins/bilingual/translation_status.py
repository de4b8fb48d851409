"""Is a translation up to date with its original?

The translation records a digest of the original's title and body
(`Source_Digest:` in its metadata). When the original changes, the digests
differ and the translation is outdated. Nothing here depends on git history
or file times, so it works the same in a fresh shallow clone.
"""

import hashlib
import re
import unicodedata

DIGEST_KEY = "Source_Digest"
DIGEST_LENGTH = 12
_METADATA_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$")


def split_source(text):
    """Split a Markdown source into ({lowercase key: value}, body)."""
    metadata = {}
    lines = text.replace("\r\n", "\n").split("\n")
    for index, line in enumerate(lines):
        match = _METADATA_LINE.match(line)
        if not match:
            body_start = index + 1 if not line.strip() else index
            return metadata, "\n".join(lines[body_start:])
        metadata[match.group(1).lower()] = match.group(2).strip()
    return metadata, ""


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
    for index, line in enumerate(lines):
        match = _METADATA_LINE.match(line)
        if not match:
            lines.insert(index, new_line)
            return "\n".join(lines)
        if match.group(1).lower() == DIGEST_KEY.lower():
            lines[index] = new_line
            return "\n".join(lines)
    return "\n".join([*lines, new_line])
