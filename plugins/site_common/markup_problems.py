"""Problems a Markdown extension finds, carried to the plugin that knows the file.

An extension sees only the text it converts, not the file it came from, and an
exception it raised would reach the author as Pelican's bare "Could not
process <file>". So it leaves a marker element in the HTML instead; the
plugin's `content_object_init` handler, which knows the file, finds the markers
and reports each problem naming the file. The build then fails, so a marker
is never published.
"""

import json
import re
import xml.etree.ElementTree as etree
from html import unescape

from site_common.content_files import display_path
from site_common.messages import Message
from site_common.problems import Problem

TAG = "build-problem"
_MARKER_RE = re.compile(rf"<{TAG}\b(?P<attributes>[^>]*)>")
_ATTRIBUTE_RE = re.compile(r'(?P<name>[a-z-]+)="(?P<value>[^"]*)"')


def problem_element(reporter, field, message):
    """The marker element of one problem, for a Markdown tree.

    `message` is a template without placeholders, or a Message whose values
    are plain text: the marker carries the template and the values, so that
    the problem is put into words in the author's language when reported.
    """
    if isinstance(message, Message):
        template = message.template
        values = {name: str(value) for name, value in message.values.items()}
    else:
        template, values = message, {}
    attributes = {
        "data-reporter": reporter,
        "data-field": field,
        "data-message": template,
        "data-values": json.dumps(values, ensure_ascii=False),
    }
    return etree.Element(TAG, attributes)


def problems_in(html, reporter, path):
    """[Problem] for each marker `reporter` left in `html`, naming `path`."""
    if not html or TAG not in html:
        return []
    found = []
    for marker in _MARKER_RE.finditer(html):
        attributes = {
            match["name"]: unescape(match["value"])
            for match in _ATTRIBUTE_RE.finditer(marker["attributes"])
        }
        if attributes.get("data-reporter") == reporter:
            values = json.loads(attributes.get("data-values") or "{}")
            found.append(
                Problem(
                    path,
                    attributes["data-field"],
                    attributes["data-message"],
                    **values,
                )
            )
    return found


def content_problems(content, reporter):
    """[Problem] for the markers `reporter` left in a post or page (its body and
    its `Summary:`), each once, naming the file as the author sees it."""
    # Pelican keeps the converted body in `_content` (no public reader of it
    # without link rewriting); it is only read here.
    texts = [
        str(text or "") for text in (content._content, content.metadata.get("summary"))
    ]
    if not any(TAG in text for text in texts):
        return []  # most files: no need to work out the path to name
    path = display_path(content.settings["PATH"], content.source_path)
    found = [problems_in(text, reporter, path) for text in texts]
    return list(dict.fromkeys(problem for problems in found for problem in problems))
