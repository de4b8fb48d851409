"""Markdown extensions of the authoring plugin: author's notes and table alignment.

Author's notes: an HTML comment (`<!-- ... -->`) in a post, a page or a
formatted field (`Summary:`) is for the author; it is dropped while Markdown
converts the text, so neither the content, nor `Summary:`, nor the summary
Pelican cuts from the content ever holds one, whatever the order of PLUGINS.
Python-Markdown keeps raw HTML (comments included) aside in its `htmlStash`
and escapes `<` in code, so a comment in a code block is shown as written.
A `<!--` never closed by `-->` would be published as text: it leaves a
marker (site_common.markup_problems) naming its line, which the plugin
reports.

Table alignment: the tables extension aligns a column with
`style="text-align: ..."`, which the site's Content-Security-Policy
(`default-src 'self'`: no inline style) blocks; the alignment becomes a class,
`align-left`, `align-center` or `align-right`, styled in the theme.
"""

import re

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER
from site_common.markup_problems import problem_element
from site_common.messages import Message

__all__ = ["REPORTER", "AlignedTablesExtension", "AuthorNotesExtension"]

REPORTER = "authoring"  # the plugin that reports this module's problem markers
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
NOTE_OPENER = "<!--"
TEXT_ALIGN = re.compile(r"^\s*text-align:\s*(left|center|right)\s*;?\s*$")
CODE_TAGS = {"code", "pre", "kbd", "samp"}


def without_comments(html):
    """Raw HTML without the comments in it."""
    return COMMENT.sub("", html)


def unclosed_note_line(lines, after=""):
    """The line number (from 1) of the `<!--` never closed, or None.

    `after` is the text the reader saw after it, to tell it from a `<!--`
    shown in code when there are several.
    """
    text = "\n".join(lines)
    candidates = []
    position = text.find(NOTE_OPENER)
    while position != -1:
        if text.find("-->", position + len(NOTE_OPENER)) == -1:
            candidates.append(position)
        position = text.find(NOTE_OPENER, position + 1)
    wanted = after.strip()[:20]
    for position in candidates:
        following = text[position + len(NOTE_OPENER) :].lstrip()
        if wanted and following.startswith(wanted):
            return text.count("\n", 0, position) + 1
    return text.count("\n", 0, candidates[0]) + 1 if candidates else None


class SourceLines(Preprocessor):
    """Keep the lines as the author wrote them, to name a line in a problem."""

    def __init__(self, md, source):
        super().__init__(md)
        self.source = source

    def run(self, lines):
        self.source[:] = lines
        return lines


class UnclosedNoteFinder(Treeprocessor):
    """Mark a `<!--` that was never closed: Markdown made it into text."""

    def __init__(self, md, source):
        super().__init__(md)
        self.source = source

    def run(self, root):
        # Nearly every text has no "<!--": one search of all of them (code
        # included) before walking the visible ones.
        if NOTE_OPENER not in "".join(root.itertext()):
            return
        for text in visible_texts(root):
            if NOTE_OPENER in text:
                after = text.split(NOTE_OPENER, 1)[1]
                line = unclosed_note_line(self.source, after)
                message = (
                    Message(
                        "line {line}: the author's note '<!--' is never closed: "
                        "end it with '-->'",
                        line=line,
                    )
                    if line
                    else Message(
                        "the author's note '<!--' is never closed: end it with '-->'"
                    )
                )
                root.append(problem_element(REPORTER, "body", message))
                return


def visible_texts(element):
    """The texts of an element tree outside code, in document order."""
    if element.tag in CODE_TAGS:
        return
    if element.text:
        yield element.text
    for child in element:
        yield from visible_texts(child)
        if child.tail:
            yield child.tail


class NoteRemover(Postprocessor):
    """Drop the comments from the raw HTML Markdown kept aside, before it is
    put back (RawHtmlPostprocessor); a note alone on its lines leaves no
    empty paragraph, one inside a paragraph takes its following spaces along.
    """

    def run(self, text):
        # Idempotent: the toc extension runs the postprocessors on its own
        # HTML too, before the document's.
        stash = self.md.htmlStash
        for index in range(stash.html_counter):
            raw = str(stash.rawHtmlBlocks[index])
            if NOTE_OPENER in raw:
                raw = without_comments(raw)
                stash.rawHtmlBlocks[index] = raw if raw.strip() else ""
            if stash.rawHtmlBlocks[index] == "":
                placeholder = re.escape(HTML_PLACEHOLDER % index)
                text = re.sub(rf"<p>{placeholder}</p>\n?|{placeholder}[ \t]*", "", text)
        return text


class AuthorNotesExtension(Extension):
    """Drop the author's notes: see the module's docstring."""

    def extendMarkdown(self, md):
        source = []  # the lines of the text being converted, per converter
        # Before the meta extension (27) takes the header away: line numbers
        # are the file's.
        md.preprocessors.register(SourceLines(md, source), "author_note_lines", 29)
        # After the inline processor (20), which made text of a lone "<!--".
        md.treeprocessors.register(
            UnclosedNoteFinder(md, source), "author_note_unclosed", 5
        )
        # Before the raw HTML is put back (30).
        md.postprocessors.register(NoteRemover(md), "author_notes", 35)


class AlignmentClasses(Treeprocessor):
    """`style="text-align: right"` on table cells becomes `class="align-right"`."""

    def run(self, root):
        for cell in root.iter():
            if cell.tag not in ("th", "td"):
                continue
            match = TEXT_ALIGN.match(cell.get("style", ""))
            if match:
                del cell.attrib["style"]
                classes = [*cell.get("class", "").split(), f"align-{match[1]}"]
                cell.set("class", " ".join(classes))


class AlignedTablesExtension(Extension):
    """Table alignment as classes: see the module's docstring."""

    def extendMarkdown(self, md):
        md.treeprocessors.register(AlignmentClasses(md), "table_align_classes", 5)
