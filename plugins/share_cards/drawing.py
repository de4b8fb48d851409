"""Drawing a card: the brand mark, the site's name, the title, the byline.

`draw_card(title, lang, look)` is pure: `look` (share_cards.card_look) holds
every text, colour and font that is not the title, as plain data, so that the
cache key can be taken of it.
"""

import functools

from PIL import Image, ImageChops, ImageDraw, ImageFont

from .layout import fit_title

CARD_SIZE = (1200, 630)
JAPANESE_SAMPLE = "あ漢"
NOT_A_CHARACTER = "\U0010fffd"  # drawn as the font's empty box
HALF_BLANK_OPENINGS = frozenset("「『（【〔〈《［｛〘〖〝")

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


def _same_shape(font, first, second):
    """Whether `font` draws the two characters alike."""
    masks = [font.getmask(character) for character in (first, second)]
    if masks[0].size != masks[1].size:
        return False
    first_image, second_image = (
        Image.frombytes("L", mask.size, bytes(mask)) for mask in masks
    )
    return not ImageChops.difference(first_image, second_image).getbbox()


def draws_japanese(font):
    """Whether `font` draws Japanese letters rather than its empty box."""
    return not any(
        _same_shape(font, letter, NOT_A_CHARACTER) for letter in JAPANESE_SAMPLE
    )


@functools.lru_cache(maxsize=4096)
def has_glyph(path, index, modified, character):
    """Whether the font draws `character` (an emoji in Noto CJK it does not)."""
    font = load_font(path, index, 40, modified)
    return character.isspace() or not _same_shape(font, character, NOT_A_CHARACTER)


def drawable(text, look, key):
    """`text` without the characters the font would draw as empty boxes."""
    font = look["fonts"][key]
    kept = "".join(
        character
        for character in text
        if has_glyph(font["path"], font["index"], font["modified"], character)
    )
    return " ".join(kept.split())


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
        (x, y, x + size, y + size), radius=6 * unit, fill=colours["brand"]
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
    draw.rectangle((0, 0, BAR - 1, height), fill=colours["brand"])

    draw_mark(draw, LEFT, 64, MARK_SIZE, colours)
    draw.text(
        (LEFT + MARK_SIZE + 24, 64 + MARK_SIZE / 2),
        drawable(look["site"], look, "text_font"),
        font=_font(look, "text_font", NAME_SIZE),
        fill=colours["text"],
        anchor="lm",
    )

    title = drawable(title, look, "title_font")
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
        # A full-width opening bracket's left half is blank: set it half an
        # em into the margin, so the line does not look indented.
        indent = size / 2 if line[0] in HALF_BLANK_OPENINGS else 0
        draw.text(
            (LEFT - indent, y + line_height / 2),
            line,
            font=font,
            fill=colours["text"],
            anchor="lm",
        )
        y += line_height

    draw.rectangle((LEFT, 524, LEFT + 160 - 1, 524 + 8 - 1), fill=colours["link"])
    draw.text(
        (LEFT, 566),
        drawable(look["byline"], look, "text_font"),
        font=_font(look, "text_font", BYLINE_SIZE),
        fill=colours["muted"],
        anchor="lm",
    )
    return image
