"""Pelican's own log messages that the author may meet, in the author's words.

scripts/build_site.py prints every log record as one line; for these records
of Pelican's it prints what this module says instead (in the language of the
messages, site_common.messages): why a file could not be read, a header line
written twice, and Pelican's note on a slug whose every file is a translation,
which is only news when the translation is a draft kept back (the English
draft of a published Japanese post) and a mistake to mend when the original is
the draft.
"""

from pathlib import Path

from site_common.content_files import display_path
from site_common.header import split_source
from site_common.messages import Message

# Pelican's message for a file its reader failed on; the reason is the
# exception being handled while it is logged.
COULD_NOT_PROCESS = "Could not process %s"
# Pelican's own messages the author may meet, in the author's words: the names
# of their arguments, and the message (its Japanese is in the catalog).
PELICAN_MESSAGES = {
    "Duplicate definition of `%s` for %s. Using first one.": (
        ("name", "path"),
        Message(
            "{path}: the line {name}: is written twice in the header; the first "
            "one is used: delete the other"
        ),
    ),
}

# Pelican's note on a slug whose every file is a translation: the start of its
# format, which ends with one "\n%s" per file.
ONLY_TRANSLATIONS = 'All items ("%s") "%s" are translations: '


def failure_reason(error):
    """What an exception raised while reading a file says to the author: a
    Message, or the readers' and Markdown extensions' own words."""
    if error is None:
        return Message("could not be read")
    if isinstance(error, ValueError | UnicodeError) and str(error):
        reason = error.args[0] if error.args else None
        return reason if isinstance(reason, Message) else str(error)
    return Message(
        "could not be read ({error})", error=f"{type(error).__name__}: {error}"
    )


def only_translations(record, content):
    """The files of Pelican's "All items ... are translations" note, as the
    author names them (content/posts/x.en.md), or None for another record."""
    paths = translation_note_files(record)
    return [display_path(content, path) for path in paths] or None


def translation_note_files(record):
    """The files Pelican's "All items ... are translations" note names."""
    if not str(record.msg).startswith(ONLY_TRANSLATIONS):
        return []
    args = record.args if isinstance(record.args, tuple) else ()
    return [str(path) for path in args[2:]]


def is_draft(path):
    """Whether a post's header says `Status: draft`."""
    try:
        metadata, _ = split_source(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeError):
        return False
    return str(metadata.get("status", "")).strip().lower() == "draft"


def is_only_news(record):
    """Whether the record is Pelican's note on translations kept as drafts
    (the English draft of a published Japanese post), which is no problem;
    not on published translations whose original is a draft, which Pelican
    then publishes as posts of their own."""
    files = translation_note_files(record)
    return bool(files) and all(map(is_draft, files))


def pelican_message(record, content):
    """The author's words (a Message) for Pelican's note on translations or
    another of PELICAN_MESSAGES, or None for any other record; `content` is
    the content folder."""
    if translations := only_translations(record, content):
        if is_only_news(record):
            template = (
                "{paths}: not published yet: the translation is still a draft "
                "(Status: draft) while its original is published. Nothing to "
                "do until it is translated; then write Status: published"
            )
        else:
            template = (
                "{paths}: published while its original is a draft: until the "
                "original is published, this translation is listed as a post "
                "of its own. Publish the original, or write Status: draft here "
                "too"
            )
        return Message(template, paths=", ".join(translations))
    if record.msg in PELICAN_MESSAGES and isinstance(record.args, tuple):
        names, words = PELICAN_MESSAGES[record.msg]
        if len(names) == len(record.args):
            values = dict(zip(names, map(str, record.args), strict=True))
            return Message(words.template, **values)
    return None
