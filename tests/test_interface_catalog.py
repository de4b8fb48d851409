"""Every interface word of the theme has its Japanese translation."""

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import ROOT

THEME = ROOT / "theme"
CATALOG = THEME / "translations" / "ja" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "translate_to": (2,)}


def template_messages():
    """The message ids the templates use, as `make messages` extracts them."""
    found = extract_from_dir(
        str(THEME / "templates"),
        method_map=[("**.html", "jinja2")],
        options_map={"**.html": {"extensions": "jinja2.ext.i18n"}},
        keywords=KEYWORDS,
    )
    messages = set()
    for _filename, _line, message, _comments, _context in found:
        messages.add(message[0] if isinstance(message, tuple) else message)
    return messages


def test_templates_use_interface_words():
    assert {"Skip to content", "Read more", "Archives"} <= template_messages()


def test_every_interface_word_has_a_japanese_translation():
    with open(CATALOG, "rb") as po_file:
        catalog = read_po(po_file)
    translated = {m.id for m in catalog if m.id and m.string}
    assert sorted(template_messages() - translated) == []
