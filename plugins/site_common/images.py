"""Image files as a browser shows them, read safely: one reader for all plugins.

Pillow reads only an image's header to know its size. A file that is not an
image, or one so large that decoding it could exhaust the memory (a
"decompression bomb": more pixels than Pillow's `Image.MAX_IMAGE_PIXELS`), is
refused with an `UnreadableImage` whose message says what is wrong; a
decompression-bomb warning counts as a refusal too.
"""

import warnings
from contextlib import contextmanager

from site_common.messages import Message

EXIF_ORIENTATION = 0x0112
TURNED_SIDEWAYS = {5, 6, 7, 8}  # EXIF orientations that swap width and height


class UnreadableImage(Exception):
    """A file that cannot be used as an image; `reason` (a Message) says why."""

    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = reason


@contextmanager
def opened_image(path):
    """The image at `path`, opened by Pillow; UnreadableImage if it cannot be."""
    from PIL import Image  # here, not at the top: most builds read no image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(path)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise UnreadableImage(
                Message(
                    "it has more pixels than the {limit} an image may have: "
                    "make it smaller",
                    limit=Image.MAX_IMAGE_PIXELS,
                )
            ) from None
        except (OSError, SyntaxError, ValueError):
            raise UnreadableImage(
                Message(
                    "it is not an image file (PNG, JPEG, GIF, WebP), or it is damaged"
                )
            ) from None
        with image:
            yield image


def is_sideways(image):
    """Whether an opened image's EXIF orientation turns it by a quarter."""
    return image.getexif().get(EXIF_ORIENTATION, 1) in TURNED_SIDEWAYS


def oriented_size(image):
    """An opened image's width and height as a browser shows it (EXIF turned)."""
    width, height = image.size
    return (height, width) if is_sideways(image) else (width, height)


def image_size(path):
    """Width and height of an image file as shown; only its header is read."""
    with opened_image(path) as image:
        return oriented_size(image)
