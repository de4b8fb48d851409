"""Share cards: a 1200×630 PNG for every post and page, in its language.

The card shows the title, large, in the language's font (wrapped and sized by
layout.py), the brand mark, the site's name and the coach's name and role, in
the theme's colours (read from the theme's stylesheet). Each card is written
beside its page (`posts/<slug>/card.png`, `en/posts/<slug>/card.png`) and
attached to the content as `content.share_card` = {path, width, height, alt},
which plugins/social uses for og:image and twitter:image when the post names
no `Image:` of its own.

Cards are kept in `<CACHE_PATH>/share_cards/<digest>.png`, the digest taken of
everything drawn on them: the title, the language, the texts, colours and
sizes, the fonts (path, face, size and date of the file) and this plugin's
code. An unchanged post is copied from there, never drawn again.

Settings: `SHARE_CARDS`, merged over `DEFAULTS` and checked at start-up; a
missing font (or one without Japanese) stops the build and says how to
install it.
"""

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

import budoux
import PIL
from markupsafe import Markup
from pelican import signals
from pelican.contents import Content
from PIL import ImageFont
from site_common.languages import localized, site_languages
from site_common.messages import Message
from site_common.options import Rule, is_language_texts, is_text, read_options
from site_common.problems import SETTINGS, Problem, report_and_stop
from site_common.quick_pass import writes_pages_of

from .drawing import CARD_SIZE, draw_card, draws_japanese

logger = logging.getLogger(__name__)

__all__ = ["register"]

SETTING = "SHARE_CARDS"
NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
DEFAULTS = {
    # Noto Sans CJK JP (Debian's fonts-noto-cjk): face 0 of each .ttc is JP.
    "title_font": NOTO_CJK.format("Bold"),
    "text_font": NOTO_CJK.format("Regular"),
    "font_index": 0,
    # The card's alt text; {title}, {site} and {author} are filled in.
    "alt": {
        "ja": "{title}（{site}・{author}）",
        "en": "{title} ({site}, {author})",
    },
}
FONT_PACKAGE = "fonts-noto-cjk"
CARD_FILE = "card.png"
STYLESHEET = "static/css/style.css"
THEME_COLOURS = ("bg", "text", "muted", "brand", "link")


# -- pure functions: settings --------------------------------------------------


def font_problem(key, path, index):
    """A Problem when the font file at `path` cannot be used, else None."""
    install = Message(
        "install it with: sudo apt-get install {package} "
        "(make html installs it when run as root)",
        package=FONT_PACKAGE,
    )
    if not Path(path).is_file():
        return Problem(
            SETTINGS,
            SETTING,
            '{setting}["{key}"]: there is no font {path}; {install}',
            setting=SETTING,
            key=key,
            path=path,
            install=install,
        )
    try:
        font = ImageFont.truetype(path, 40, index=index)
    except OSError as error:
        return Problem(
            SETTINGS,
            SETTING,
            '{setting}["{key}"]: {path} is not a font ({error})',
            setting=SETTING,
            key=key,
            path=path,
            error=error,
        )
    if not draws_japanese(font):
        return Problem(
            SETTINGS,
            SETTING,
            '{setting}["{key}"]: {path} (face {index}) has no Japanese letters, '
            "so titles would be empty boxes; use Noto Sans CJK JP: {install}",
            setting=SETTING,
            key=key,
            path=path,
            index=index,
            install=install,
        )
    return None


def is_alt_template(languages):
    """{language: text} whose only fields are {title}, {site} and {author}."""
    has_texts = is_language_texts(languages)

    def check(value):
        if not has_texts(value):
            return False
        try:
            for text in value.values():
                text.format(title="", site="", author="")
        except (KeyError, IndexError):  # another field, such as {name} or {0}
            return False
        return True

    return check


def card_options(settings):
    """(options, problems): SHARE_CARDS over the defaults, fonts checked."""
    languages = site_languages(settings)
    rules = {
        "title_font": Rule(is_text, "the path of a font file"),
        "text_font": Rule(is_text, "the path of a font file"),
        "font_index": Rule(
            lambda value: isinstance(value, int) and 0 <= value < 64,
            "the number of the font's face in its .ttc file (0 is JP in Noto CJK)",
        ),
        "alt": Rule(
            is_alt_template(languages),
            "a text for each language, with only {title}, {site} and {author}",
        ),
    }
    options, problems = read_options(settings, SETTING, DEFAULTS, rules)
    for key in ("title_font", "text_font"):
        problem = font_problem(key, options[key], options["font_index"])
        if problem is not None:
            problems.append(problem)
    return options, problems


def theme_colours(css, stylesheet):
    """({name: "#rrggbb"}, problems): the theme's first (light) colours."""
    colours, problems = {}, []
    for name in THEME_COLOURS:
        found = re.search(rf"--color-{name}:\s*(#[0-9a-fA-F]{{6}})\b", css)
        if found:
            colours[name] = found.group(1).lower()
        else:
            problems.append(
                Problem(
                    stylesheet,
                    f"--color-{name}",
                    "--color-{name} is not set to a colour like #1f1d1a; "
                    "the share cards take their colours from it",
                    name=name,
                )
            )
    return colours, problems


# -- pure functions: one card ----------------------------------------------------


def card_url(save_as):
    """Where the card of the page saved as `save_as` goes: beside it."""
    folder, name = os.path.split(save_as)
    if name == "index.html":
        return f"{folder}/{CARD_FILE}" if folder else CARD_FILE
    return f"{os.path.splitext(save_as)[0]}.{CARD_FILE}"


def card_look(settings, options, colours, lang):
    """Everything on a card but its title: texts, colours, fonts, as plain data."""
    default_lang = settings["DEFAULT_LANG"]
    author = settings.get("SITE_AUTHOR") or {}
    name = localized(author.get("name"), lang, default_lang) or settings["AUTHOR"]
    role = localized(author.get("role"), lang, default_lang)
    fonts = {}
    for key in ("title_font", "text_font"):
        path = options[key]
        status = os.stat(path)
        fonts[key] = {
            "path": path,
            "index": options["font_index"],
            "bytes": status.st_size,
            "modified": status.st_mtime_ns,
        }
    return {
        "site": settings["SITENAME"],
        "author": name,
        "byline": f"{name} — {role}" if role else name,
        "colours": colours,
        "fonts": fonts,
    }


def card_code():
    """What draws a card: a digest of this plugin's code and the libraries'
    versions (taken once per build, not hashed again into every card's key)."""
    modules = sorted(Path(__file__).parent.glob("*.py"))
    versions = f"Pillow {PIL.__version__}, BudouX {budoux.__version__}"
    code = b"".join(module.read_bytes() for module in modules) + versions.encode()
    return hashlib.sha256(code).digest()


def card_digest(title, lang, look, code):
    """The cache key: a digest of the title, the language, the look and `code`."""
    data = json.dumps([title, lang, look], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode() + b"\0" + code).hexdigest()


def plain_title(content):
    """The title as text: markup dropped, entities decoded."""
    return " ".join(Markup(str(content.title)).striptags().split())


# -- signal handlers ---------------------------------------------------------------


def check_settings(pelican):
    """Merge and check SHARE_CARDS once; stop the build without a usable font."""
    settings = pelican.settings
    options, problems = card_options(settings)
    stylesheet = Path(settings["THEME"]) / STYLESHEET
    try:
        css = stylesheet.read_text(encoding="utf-8")
    except OSError as error:
        problems.append(
            Problem(str(stylesheet), "", "it cannot be read ({error})", error=error)
        )
    else:
        problems += theme_colours(css, str(stylesheet))[1]
    report_and_stop(problems, logger)
    settings[SETTING] = options


def save_atomically(image, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".png")
    os.close(handle)
    try:
        # Level 1: half the time of the default level, files 10% larger.
        image.save(temporary, "PNG", compress_level=1)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def make_cards(generator):
    """Draw (or take from the cache) the card of every post and page.

    Runs when the pages are read, after the posts (Pelican's fixed order), so
    `generated_content` holds them all, before social metadata is made.
    """
    settings = generator.settings
    options = settings[SETTING]
    stylesheet = Path(settings["THEME"]) / STYLESHEET
    colours, _ = theme_colours(stylesheet.read_text(encoding="utf-8"), stylesheet)
    cache = Path(settings["CACHE_PATH"]) / "share_cards"
    output = Path(generator.output_path)
    code = card_code()
    looks = {}
    drawn = reused = 0
    for content in generator.context["generated_content"].values():
        # Pelican computes `save_as` on each use: ask once.
        save_as = content.save_as if isinstance(content, Content) else None
        if not save_as:
            continue
        if not writes_pages_of(settings, content):
            continue  # a quick pass: the card is not written, nor shown
        lang = content.lang
        if lang not in looks:
            looks[lang] = card_look(settings, options, colours, lang)
        title = plain_title(content)
        cached = cache / f"{card_digest(title, lang, looks[lang], code)}.png"
        if cached.is_file():
            reused += 1
        else:
            save_atomically(draw_card(title, lang, looks[lang]), cached)
            drawn += 1
        url = card_url(save_as)
        target = output / url
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        alt = localized(options["alt"], lang, settings["DEFAULT_LANG"])
        content.share_card = {
            "path": url,
            "width": CARD_SIZE[0],
            "height": CARD_SIZE[1],
            "alt": alt.format(
                title=title, site=looks[lang]["site"], author=looks[lang]["author"]
            ),
        }
    logger.debug("share_cards: %d cards drawn, %d from the cache", drawn, reused)


def register():
    signals.initialized.connect(check_settings)
    signals.page_generator_finalized.connect(make_cards)
