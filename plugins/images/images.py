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
- An image must be a file inside the content folder (`{static}/../../x.jpg`,
  or a symbolic link out, is refused) that Pillow can read whole: one that is
  not an image, is cut short, or is a decompression bomb is reported naming
  the file, and the build fails.
- A large image is never decoded whole when it can be avoided: a JPEG is
  decoded at a reduced scale (`Image.draft`), and the full-size bitmap of
  other formats is let go as soon as it is reduced.

Settings: one `IMAGES` dict, read with site_common.options at start-up.
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
from site_common.content_files import display_path, file_inside
from site_common.images import (
    UnreadableImage,
    image_size,
    is_sideways,
    opened_image,
    oriented_size,
)
from site_common.messages import Message
from site_common.options import Rule, is_whole_number, read_options
from site_common.problems import Problem, report, report_and_stop
from site_common.quick_pass import writes_pages_of

logger = logging.getLogger(__name__)

__all__ = ["register"]

DEFAULTS = {"max_width": 1600, "quality": 85}
RULES = {
    "max_width": Rule(is_whole_number(1), "a whole number of pixels, at least 1"),
    "quality": Rule(is_whole_number(1, 95), "a whole number from 1 to 95"),
}
RESIZABLE = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
MEASURABLE = (*RESIZABLE, ".gif")
INTRASITE_PREFIXES = ("{static}", "{attach}", "{filename}")
REDUCING_GAP = 2.0  # reduce by whole factors down to twice the size, then filter


def DAMAGED(error):
    return Message("it is damaged or cut short ({error})", error=error)


# -- pure functions ---------------------------------------------------------


def image_settings(settings):
    """(IMAGES merged over its defaults, problems naming the key)."""
    return read_options(settings, "IMAGES", DEFAULTS, RULES)


def displayed_size(width, height, max_width):
    """The size an image is shown at once no wider than max_width."""
    if width <= max_width:
        return width, height
    return max_width, max(1, round(height * max_width / width))


def source_of(src, source_dir):
    """The content-folder path an `<img src>` names (`images/a.jpg`), or None.

    Follows Pelican's rule for `{static}` links: a path starting with `/` is
    from the content folder, any other from the folder of the post
    (`source_dir`, relative to the content folder). The path may still lead
    out of the content folder: see site_common.content_files.file_inside.
    """
    for prefix in INTRASITE_PREFIXES:
        if src.startswith(prefix):
            value = unquote(urlsplit(src[len(prefix) :]).path)
            if value.startswith("/"):
                return os.path.normpath(value.lstrip("/"))
            return os.path.normpath(os.path.join(source_dir, value))
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
    animated. Raises UnreadableImage for a file Pillow cannot decode whole.
    The new file replaces the old one by a rename, never by writing into it.
    """
    from PIL import Image, ImageOps  # here, not at the top: most builds have none

    path = Path(path)
    with opened_image(path) as image:
        if getattr(image, "is_animated", False):
            return None
        width, height = oriented_size(image)
        if width <= max_width:
            decode_whole(image)
            return None
        target = displayed_size(width, height, max_width)
        stored = target[::-1] if is_sideways(image) else target
        image.draft(image.mode, stored)  # JPEG: decoded at 1/2, 1/4 or 1/8 scale
        icc_profile = image.info.get("icc_profile")
        exif = image.getexif()
        try:
            if image.mode == "P":  # a palette cannot be filtered: full colours
                image = image.convert("RGBA")
            resized = image.resize(
                stored, Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP
            )
        except OSError as error:
            raise UnreadableImage(DAMAGED(error)) from None
    # Turned upright once small (the EXIF orientation says how).
    resized.getexif().update(exif)
    resized = ImageOps.exif_transpose(resized)
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


def decode_whole(image):
    """Decode an opened image (a JPEG at 1/8 scale): UnreadableImage if cut short."""
    image.draft(image.mode, (1, 1))
    try:
        image.load()
    except OSError as error:
        raise UnreadableImage(DAMAGED(error)) from None


# -- signal handlers ---------------------------------------------------------


def check_settings(pelican):
    report_and_stop(image_settings(pelican.settings)[1], logger)


def size_images_in_content(content):
    if not isinstance(content, (Article, Page)) or not content._content:
        return
    settings = content.settings
    if not writes_pages_of(settings, content):
        return  # a quick pass: only the content's own page shows its images
    max_width = image_settings(settings)[0]["max_width"]
    content_root = settings["PATH"]
    source_dir = os.path.dirname(content.relative_source_path)
    source = display_path(content_root, content.source_path)
    problems = []

    def size_of(src):
        relative = source_of(src, source_dir)
        if relative is None or Path(relative).suffix.lower() not in MEASURABLE:
            return None
        path = file_inside(content_root, relative)
        if path is None:
            problems.append(
                Problem(
                    source,
                    "image",
                    "image {src} leads out of the content folder",
                    src=src,
                )
            )
            return None
        if not path.is_file():
            return None  # Pelican reports links to files it cannot find
        try:
            width, height = image_size(path)
        except UnreadableImage as error:
            problems.append(
                Problem(
                    source,
                    "image",
                    "image {src}: {reason}",
                    src=src,
                    reason=error.reason,
                )
            )
            return None
        if path.suffix.lower() in RESIZABLE:
            return displayed_size(width, height, max_width)
        return width, height

    content._content = with_image_attributes(content._content, size_of)
    report(problems, logger)


def resize_output_images(pelican):
    config = image_settings(pelican.settings)[0]
    output = Path(pelican.output_path)
    content_root = pelican.settings["PATH"]
    problems = []
    for static_path in pelican.settings["STATIC_PATHS"]:
        folder = output / static_path
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in RESIZABLE or not path.is_file():
                continue
            try:
                resize_copy(path, config["max_width"], config["quality"])
            except UnreadableImage as error:
                # The output copy has the author's file's path (STATIC_SAVE_AS).
                relative = path.relative_to(output)
                source = display_path(content_root, Path(content_root) / relative)
                problems.append(
                    Problem(source, "image", "image: {reason}", reason=error.reason)
                )
    report(problems, logger)


def register():
    signals.initialized.connect(check_settings)
    signals.content_object_init.connect(size_images_in_content)
    signals.finalized.connect(resize_output_images)
