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

import functools
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.contents import Content
from PIL import Image, ImageChops, ImageDraw, ImageFont
from site_common.languages import site_languages
from site_common.options import Rule, is_language_texts, is_text, read_options
from site_common.problems import SETTINGS, Problem, report_and_stop

from .layout import fit_title

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
CARD_SIZE = (1200, 630)
CARD_FILE = "card.png"
STYLESHEET = "static/css/style.css"
THEME_COLOURS = ("bg", "text", "muted", "accent", "link")
JAPANESE_SAMPLE = "あ漢"
NOT_A_CHARACTER = "\U0010fffd"  # drawn as the font's empty box

# Layout, in pixels (the accent bar and margins follow scripts/og-default.html).
BAR = 32
LEFT = BAR + 96
RIGHT = 96
TITLE_SIZES = range(84, 43, -4)
MAX_TITLE_LINES = 3
LINE_HEIGHT = {"ja": 1.4}
LATIN_LINE_HEIGHT = 1.2
MARK_SIZE = 64
NAME_SIZE = 32
BYLINE_SIZE = 30


# -- pure functions: settings --------------------------------------------------


def font_problem(key, path, index):
    """A Problem when the font file at `path` cannot be used, else None."""
    install = (
        f"install it with: sudo apt-get install {FONT_PACKAGE} "
        "(make html installs it when run as root)"
    )
    if not Path(path).is_file():
        return Problem(
            SETTINGS, SETTING, f'{SETTING}["{key}"]: there is no font {path}; {install}'
        )
    try:
        font = ImageFont.truetype(path, 40, index=index)
    except OSError as error:
        return Problem(
            SETTINGS, SETTING, f'{SETTING}["{key}"]: {path} is not a font ({error})'
        )
    if not draws_japanese(font):
        return Problem(
            SETTINGS,
            SETTING,
            f'{SETTING}["{key}"]: {path} (face {index}) has no Japanese letters, '
            f"so titles would be empty boxes; use Noto Sans CJK JP: {install}",
        )
    return None


def draws_japanese(font):
    """Whether `font` draws Japanese letters rather than its empty box."""
    empty_box = font.getmask(NOT_A_CHARACTER)
    for letter in JAPANESE_SAMPLE:
        mask = font.getmask(letter)
        same_size = mask.size == empty_box.size
        if (
            same_size
            and not ImageChops.difference(
                Image.frombytes("L", mask.size, bytes(mask)),
                Image.frombytes("L", empty_box.size, bytes(empty_box)),
            ).getbbox()
        ):
            return False
    return True


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
        "alt": Rule(is_language_texts(languages), "a text for each language"),
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
                    f"--color-{name} is not set to a colour like #1f1d1a; "
                    "the share cards take their colours from it",
                )
            )
    return colours, problems


def localized(texts, lang, default_lang):
    if not isinstance(texts, dict):
        return texts or ""
    return texts.get(lang) or texts.get(default_lang) or ""


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


def card_digest(title, lang, look, code):
    """The cache key: a digest of the title, the language, the look and `code`."""
    data = json.dumps([title, lang, look], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode() + b"\0" + code).hexdigest()


@functools.lru_cache(maxsize=64)
def load_font(path, index, size, modified):
    """A Pillow font; `modified` keys the cache to the file's date."""
    return ImageFont.truetype(path, size, index=index)


def _font(look, key, size):
    font = look["fonts"][key]
    return load_font(font["path"], font["index"], size, font["modified"])


def draw_mark(draw, x, y, size, colours):
    """The brand mark of theme/static/images/favicon.svg (a 32-unit square)."""
    unit = size / 32
    draw.rounded_rectangle(
        (x, y, x + size, y + size), radius=6 * unit, fill=colours["accent"]
    )
    letter = ((10, 7), (14, 7), (14, 21), (23, 21), (23, 25), (10, 25))
    draw.polygon(
        [(x + px * unit, y + py * unit) for px, py in letter], fill=colours["bg"]
    )


def draw_card(title, lang, look):
    """The card of `title` in `lang` as a PIL image."""
    colours = look["colours"]
    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, colours["bg"])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, BAR - 1, height), fill=colours["accent"])

    draw_mark(draw, LEFT, 64, MARK_SIZE, colours)
    draw.text(
        (LEFT + MARK_SIZE + 24, 64 + MARK_SIZE / 2),
        look["site"],
        font=_font(look, "text_font", NAME_SIZE),
        fill=colours["text"],
        anchor="lm",
    )

    size, lines = fit_title(
        title,
        lang,
        lambda size: _font(look, "title_font", size),
        width - LEFT - RIGHT,
        TITLE_SIZES,
        MAX_TITLE_LINES,
    )
    font = _font(look, "title_font", size)
    line_height = size * LINE_HEIGHT.get(lang, LATIN_LINE_HEIGHT)
    top, bottom = 168, 500
    y = top + (bottom - top - line_height * len(lines)) / 2
    for line in lines:
        draw.text(
            (LEFT, y + line_height / 2),
            line,
            font=font,
            fill=colours["text"],
            anchor="lm",
        )
        y += line_height

    draw.rectangle((LEFT, 524, LEFT + 160 - 1, 524 + 8 - 1), fill=colours["link"])
    draw.text(
        (LEFT, 566),
        look["byline"],
        font=_font(look, "text_font", BYLINE_SIZE),
        fill=colours["muted"],
        anchor="lm",
    )
    return image


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
        problems.append(Problem(str(stylesheet), "", f"{stylesheet}: {error}"))
    else:
        problems += theme_colours(css, str(stylesheet))[1]
    report_and_stop(problems, logger)
    settings[SETTING] = options


def save_atomically(image, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".png")
    os.close(handle)
    try:
        image.save(temporary, "PNG")
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
    code = (
        Path(__file__).read_bytes() + (Path(__file__).parent / "layout.py").read_bytes()
    )
    looks = {}
    drawn = reused = 0
    for content in generator.context["generated_content"].values():
        if not isinstance(content, Content) or not content.save_as:
            continue
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
        url = card_url(content.save_as)
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
