"""Images sized for phones: smaller copies in the output, sizes, lazy loading.

- A raster image in the output copy of a STATIC_PATHS folder that is wider
  than `IMAGES["max_width"]` is replaced by a resized copy: its EXIF
  orientation applied, its colour profile kept, its other metadata (such as
  the place a phone photo was taken) left out. The author's file is never
  written: the copy is made beside the output file and moved over it, which
  also breaks a link Pelican may have made to the source (STATIC_CREATE_LINKS).
- Every `<img>` of a post or page that shows a local image (`{static}/...`)
  gets `width` and `height` (the size it is shown at, after resizing), so the
  page does not jump while it loads; every image but the first also gets
  `loading="lazy"` and `decoding="async"` (the first is usually on screen at
  once, and must not wait).
"""

import logging
import os
import re
import stat
import tempfile
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican import signals
from pelican.contents import Article, Page

logger = logging.getLogger(__name__)

__all__ = ["register"]

DEFAULTS = {"max_width": 1600, "quality": 85}
RESIZABLE = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
MEASURABLE = (*RESIZABLE, ".gif")
INTRASITE_PREFIXES = ("{static}", "{attach}", "{filename}")
EXIF_ORIENTATION = 0x0112
TURNED_SIDEWAYS = {5, 6, 7, 8}  # EXIF orientations that swap width and height


# -- pure functions ---------------------------------------------------------


def image_settings(settings):
    """The IMAGES setting merged with its defaults, and what is wrong with it."""
    given = settings.get("IMAGES") or {}
    if not isinstance(given, dict):
        return dict(DEFAULTS), [f"IMAGES must be a dict like {DEFAULTS}"]
    config = {key: given.get(key, default) for key, default in DEFAULTS.items()}
    problems = [
        f"IMAGES[{key!r}] is not a known key (known: {', '.join(DEFAULTS)})"
        for key in sorted(set(given) - set(DEFAULTS))
    ]
    limits = {"max_width": (1, None), "quality": (1, 95)}
    for key, (low, high) in limits.items():
        value = config[key]
        fits = (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value >= low
            and (high is None or value <= high)
        )
        if not fits:
            span = f"from {low} to {high}" if high else f"of at least {low}"
            problems.append(
                f"IMAGES[{key!r}] is {value!r}: it must be a whole number {span}"
            )
            config[key] = DEFAULTS[key]
    return config, problems


def displayed_size(width, height, max_width):
    """The size an image is shown at once no wider than max_width."""
    if width <= max_width:
        return width, height
    return max_width, max(1, round(height * max_width / width))


def oriented_size(image):
    """An opened image's width and height as a browser shows it (EXIF turned)."""
    width, height = image.size
    if image.getexif().get(EXIF_ORIENTATION, 1) in TURNED_SIDEWAYS:
        return height, width
    return width, height


def read_size(path):
    """Width and height of an image file as shown; only its header is read."""
    from PIL import Image  # here, not at the top: most builds have no image

    with Image.open(path) as image:
        return oriented_size(image)


def source_of(src, content_root, source_dir):
    """The file in the content folder an `<img src>` names, or None.

    Follows Pelican's rule for `{static}` links: a path starting with `/` is
    from the content folder, any other from the folder of the post.
    """
    for prefix in INTRASITE_PREFIXES:
        if src.startswith(prefix):
            value = unquote(urlsplit(src[len(prefix) :]).path)
            if value.startswith("/"):
                return Path(content_root) / value.lstrip("/")
            return Path(source_dir) / value
    return None


class _ImgTagFinder(HTMLParser):
    """Records where each `<img>` tag is and what attributes it has."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        # getpos() counts lines at "\n" only, as this does.
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag != "img":
            return
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        raw = self.get_starttag_text()
        self.found.append((start, start + len(raw), attrs, raw.endswith("/>")))


def img_tags(html):
    """[(start, end, attributes, self_closing)] for each `<img>` in the HTML."""
    finder = _ImgTagFinder(html)
    finder.feed(html)
    finder.close()
    return finder.found


def render_img(attrs, self_closing=False):
    """An `<img>` tag with every attribute value escaped."""
    parts = [
        name if value is None else f'{name}="{escape(value, quote=True)}"'
        for name, value in attrs
    ]
    return f"<img {' '.join(parts)}{' /' if self_closing else ''}>"


IMG_START_RE = re.compile(r"<img\b", re.IGNORECASE)


def with_image_attributes(html, size_of):
    """The HTML with sizes on its images and lazy loading after the first.

    `size_of(src)` gives an image's (width, height) as shown, or None when it
    is unknown. Attributes the author wrote are kept; only the tags that
    gain something are rewritten.
    """
    if not IMG_START_RE.search(html):  # most posts: no need to parse at all
        return html
    pieces, done = [], 0
    for index, (start, end, attrs, self_closing) in enumerate(img_tags(html)):
        names = {name for name, _ in attrs}
        extra = []
        size = size_of(dict(attrs).get("src") or "")
        if size and not names & {"width", "height"}:
            extra += [("width", str(size[0])), ("height", str(size[1]))]
        if index > 0:
            extra += [
                (name, value)
                for name, value in (("loading", "lazy"), ("decoding", "async"))
                if name not in names
            ]
        if extra:
            pieces += [html[done:start], render_img(attrs + extra, self_closing)]
            done = end
    pieces.append(html[done:])
    return "".join(pieces)


def resize_copy(path, max_width, quality):
    """Shrink the image file at `path` to max_width; return its new size.

    Returns None, leaving the file alone, when it is narrow enough already or
    animated. The new file replaces the old one by a rename, never by
    writing into it.
    """
    from PIL import Image, ImageOps  # here, not at the top: most builds have none

    path = Path(path)
    with Image.open(path) as image:
        if getattr(image, "is_animated", False):
            return None
        width, height = oriented_size(image)
        if width <= max_width:
            return None
        target = displayed_size(width, height, max_width)
        sideways = image.getexif().get(EXIF_ORIENTATION, 1) in TURNED_SIDEWAYS
        image.draft(image.mode, target[::-1] if sideways else target)  # JPEG only
        icc_profile = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
        if upright.mode == "P":
            upright = upright.convert("RGBA")
        resized = upright.resize(target, Image.Resampling.LANCZOS)
    image_format = RESIZABLE[path.suffix.lower()]
    options = {"optimize": True}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if image_format in ("JPEG", "WEBP"):
        options["quality"] = quality
    if image_format == "JPEG":
        options["progressive"] = True
        if resized.mode not in ("RGB", "L", "CMYK"):
            resized = resized.convert("RGB")
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as new_file:
            resized.save(new_file, format=image_format, **options)
        os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return resized.size


# -- signal handlers ---------------------------------------------------------


def check_settings(pelican):
    for problem in image_settings(pelican.settings)[1]:
        logger.error("images: %s", problem)


def size_images_in_content(content):
    if not isinstance(content, (Article, Page)) or not content._content:
        return
    settings = content.settings
    max_width = image_settings(settings)[0]["max_width"]
    content_root = Path(settings["PATH"])
    source_dir = Path(content.source_path).parent

    def size_of(src):
        path = source_of(src, content_root, source_dir)
        if path is None or path.suffix.lower() not in MEASURABLE or not path.is_file():
            return None
        try:
            width, height = read_size(path)
        except OSError as error:  # Pillow's UnidentifiedImageError is one
            logger.error(
                "%s: image %s cannot be read as an image (%s)",
                content.relative_source_path,
                src,
                error,
            )
            return None
        if path.suffix.lower() in RESIZABLE:
            return displayed_size(width, height, max_width)
        return width, height

    content._content = with_image_attributes(content._content, size_of)


def resize_output_images(pelican):
    config = image_settings(pelican.settings)[0]
    output = Path(pelican.output_path)
    for static_path in pelican.settings["STATIC_PATHS"]:
        folder = output / static_path
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in RESIZABLE or not path.is_file():
                continue
            try:
                resize_copy(path, config["max_width"], config["quality"])
            except OSError as error:  # Pillow's UnidentifiedImageError is one
                logger.error(
                    "%s: cannot be resized (%s)", path.relative_to(output), error
                )


def register():
    signals.initialized.connect(check_settings)
    signals.content_object_init.connect(size_images_in_content)
    signals.finalized.connect(resize_output_images)
