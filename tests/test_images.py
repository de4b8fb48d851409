"""Images: large ones resized in the output, sizes and lazy loading on <img>."""

import hashlib
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import (
    OTHER_POST,
    SAVED_POST,
    quick_pass_and_full_build,
)
from images.images import (
    DEFAULTS,
    displayed_size,
    image_settings,
    resize_copy,
    source_of,
    with_image_attributes,
)
from PIL import Image
from site_common.images import UnreadableImage, image_size

POST = """\
Title: 写真のある記事
Date: 2026-11-24 10:00
Category: 人脈

最初の写真:

![北京の朝]({static}/images/large.jpg)

二枚目と小さい画像:

![同じ写真]({static}/images/large.jpg)
![小さい画像]({static}/images/small.png)
"""


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_photo(path, size, orientation=None):
    """A noisy photo-like JPEG (noise keeps it from compressing to nothing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.effect_noise(size, 64).convert("RGB")
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(path, quality=92, exif=exif.tobytes())
    return path


@pytest.fixture
def site_with_images(make_site, tmp_path):
    """Build a site whose post shows a 3000x2000 photo twice and a small PNG.

    Returns the site, the content's images folder and their hashes before the build.
    """

    def build(**settings):
        images = tmp_path / "content" / "images"
        make_photo(images / "large.jpg", (3000, 2000))
        Image.new("RGB", (300, 200), "white").save(images / "small.png")
        before = {path.name: sha256(path) for path in images.iterdir()}
        site = make_site({"posts/photos.ja.md": POST}, **settings)
        assert site.returncode == 0, site.log
        return site, images, before

    return build


# -- pure functions ---------------------------------------------------------


def test_displayed_size_keeps_the_aspect_ratio_within_the_width():
    assert displayed_size(3000, 2000, 1600) == (1600, 1067)
    assert displayed_size(1200, 900, 1600) == (1200, 900)
    assert displayed_size(5000, 1, 1600) == (1600, 1)


def test_settings_are_checked_and_fall_back_to_defaults():
    assert image_settings({}) == (DEFAULTS, [])
    config, problems = image_settings(
        {"IMAGES": {"max_width": 0, "quality": True, "maxwidth": 5}}
    )
    assert config == DEFAULTS
    assert [problem.message[:21] for problem in problems] == [
        'IMAGES["max_width"] s',
        'IMAGES["quality"] sho',
        'IMAGES has no key "ma',
    ]
    assert problems[2].message.endswith('(did you mean "max_width"?)')


def test_static_links_are_found_in_the_content_folder():
    assert source_of("{static}/images/a%20b.jpg", "posts") == "images/a b.jpg"
    assert source_of("{static}photo.jpg?v=1", "posts") == "posts/photo.jpg"
    assert source_of("{attach}../images/a.jpg", "posts") == "images/a.jpg"
    assert source_of("{static}/../../etc/passwd", "posts") == "../../etc/passwd"
    assert source_of("https://example.com/a.jpg", "posts") is None


def test_only_images_after_the_first_load_lazily():
    html = '<p><img src="a"></p><img alt="x" src="b"/><img src="c" loading="eager">'
    soup = BeautifulSoup(with_image_attributes(html, lambda src: None), "lxml")
    first, second, third = soup.select("img")
    assert "loading" not in first.attrs and "decoding" not in first.attrs
    assert second["loading"] == "lazy" and second["decoding"] == "async"
    assert third["loading"] == "eager"  # what the author wrote wins
    assert third["decoding"] == "async"


def test_sizes_are_added_and_attribute_values_stay_escaped():
    html = '<p>x</p>\n<img alt="A&lt;B &amp; &quot;C&quot;" src="{static}/a.jpg">'
    sizes = {"{static}/a.jpg": (1600, 1067)}
    rewritten = with_image_attributes(html, sizes.get)
    image = BeautifulSoup(rewritten, "lxml").select_one("img")
    assert image["alt"] == 'A<B & "C"'
    assert (image["width"], image["height"]) == ("1600", "1067")
    assert rewritten.startswith("<p>x</p>\n<img ")


def test_tags_that_gain_nothing_are_left_exactly_as_written():
    html = '<p><img src="{static}/a.jpg"  width="10" height="5"></p>'
    assert with_image_attributes(html, lambda src: (1, 1)) == html


# -- built site -------------------------------------------------------------


@pytest.mark.parametrize("links", [False, True], ids=["copied", "linked"])
def test_a_large_image_is_resized_in_the_output_only(site_with_images, links):
    site, images, before = site_with_images(STATIC_CREATE_LINKS=links)
    with Image.open(site.output / "images" / "large.jpg") as resized:
        assert resized.size == (1600, 1067)
    assert {path.name: sha256(path) for path in images.iterdir()} == before
    with Image.open(images / "large.jpg") as original:
        assert original.size == (3000, 2000)
    output_bytes = (site.output / "images" / "large.jpg").stat().st_size
    assert output_bytes < (images / "large.jpg").stat().st_size / 2


def test_a_small_image_is_copied_as_it_is(site_with_images):
    site, images, _ = site_with_images()
    assert sha256(site.output / "images" / "small.png") == sha256(images / "small.png")


def test_images_in_a_post_get_sizes_and_lazy_loading(site_with_images):
    site, _, _ = site_with_images()
    first, second, small = site.soup("posts/photos/").select(".post-body img")
    assert (first["width"], first["height"]) == ("1600", "1067")
    assert "loading" not in first.attrs
    assert (second["width"], second["height"]) == ("1600", "1067")
    assert second["loading"] == "lazy" and second["decoding"] == "async"
    assert (small["width"], small["height"]) == ("300", "200")
    assert small["loading"] == "lazy"
    assert second["src"] == "../../images/large.jpg"


def test_a_sideways_phone_photo_is_turned_upright(make_site, tmp_path):
    # stored 3000x2000 with EXIF orientation 6: shown 2000 wide, 3000 high
    make_photo(tmp_path / "content" / "images" / "large.jpg", (3000, 2000), 6)
    post = POST.replace("![小さい画像]({static}/images/small.png)", "")
    site = make_site({"posts/photos.ja.md": post})
    assert site.returncode == 0, site.log
    with Image.open(site.output / "images" / "large.jpg") as resized:
        assert resized.size == (1600, 2400)
        assert resized.getexif().get(0x0112) is None
    image = site.soup("posts/photos/").select_one(".post-body img")
    assert (image["width"], image["height"]) == ("1600", "2400")


def test_the_maximum_width_is_a_setting(site_with_images):
    site, _, _ = site_with_images(IMAGES={"max_width": 800})
    with Image.open(site.output / "images" / "large.jpg") as resized:
        assert resized.size == (800, 533)
    image = site.soup("posts/photos/").select_one(".post-body img")
    assert image["width"] == "800"


def test_a_wrong_setting_fails_the_build_naming_it(make_site):
    site = make_site({}, IMAGES={"max_width": "1600px"})
    assert site.returncode == 1
    assert (
        'ERROR: settings: IMAGES["max_width"] should be a whole number of pixels'
        in site.log
    )
    assert "Traceback" not in site.log


def truncated_copy(source, target):
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


BAD_IMAGES = {
    "text.jpg": "is not an image file",
    "cut.jpg": "damaged or cut short",
    "cut-small.jpg": "damaged or cut short",
    "bomb.png": "more pixels than",
}


def write_bad_images(images, tmp_path):
    images.mkdir(parents=True, exist_ok=True)
    (images / "text.jpg").write_text("this is text, not a photo")
    truncated_copy(make_photo(tmp_path / "big.jpg", (3000, 2000)), images / "cut.jpg")
    truncated_copy(
        make_photo(tmp_path / "sm.jpg", (600, 400)), images / "cut-small.jpg"
    )
    # Twice Pillow's limit of pixels, in a few kilobytes: a decompression bomb.
    side = int((2 * Image.MAX_IMAGE_PIXELS) ** 0.5) + 1
    Image.new("1", (side, side)).save(images / "bomb.png")


@pytest.mark.parametrize("name", BAD_IMAGES)
def test_an_image_that_cannot_be_read_whole_is_refused_by_name(
    make_site, tmp_path, name
):
    write_bad_images(tmp_path / "content" / "images", tmp_path)
    for other in set(BAD_IMAGES) - {name}:
        (tmp_path / "content" / "images" / other).unlink()
    post = f"Title: 写真\nDate: 2026-11-24\n\n![写真]({{static}}/images/{name})\n"
    site = make_site({"posts/photo.ja.md": post})
    assert site.returncode == 1, site.log
    errors = [line for line in site.log.splitlines() if line.startswith("ERROR:")]
    assert errors, site.log
    for line in errors:
        assert line.startswith(
            (
                f"ERROR: content/posts/photo.ja.md: image {{static}}/images/{name}: ",
                f"ERROR: content/images/{name}: image: ",
            )
        ), site.log
        assert BAD_IMAGES[name] in line
    assert "Traceback" not in site.log


def test_a_decompression_bomb_warning_is_a_refusal_too(tmp_path):
    # More than MAX_IMAGE_PIXELS (a warning in Pillow), less than twice (an error).
    side = int((1.2 * Image.MAX_IMAGE_PIXELS) ** 0.5)
    Image.new("1", (side, side)).save(tmp_path / "big.png")
    with pytest.raises(UnreadableImage, match="more pixels than"):
        image_size(tmp_path / "big.png")
    with pytest.raises(UnreadableImage, match="more pixels than"):
        resize_copy(tmp_path / "big.png", 1600, 85)


@pytest.mark.parametrize(
    ("src", "reason"),
    [
        # A path climbing out of the content folder.
        ("{static}/../outside.png", "leads out of the content folder"),
        ("{static}../../outside.png", "leads out of the content folder"),
        (
            "{static}/../../../../../../etc/passwd.png",
            "leads out of the content folder",
        ),
        # A link inside the content folder to a file outside it.
        ("{attach}/images/link.png", "leads out of the content folder"),
        ("{static}/images/link.png", "leads out of the content folder"),
    ],
)
def test_an_image_path_leading_out_of_the_content_folder_is_refused(
    make_site, tmp_path, src, reason
):
    Image.new("RGB", (30, 20)).save(tmp_path / "outside.png")
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    (images / "link.png").symlink_to(tmp_path / "outside.png")
    post = f"Title: 写真\nDate: 2026-11-24\n\n![写真]({src})\n"
    site = make_site({"posts/photo.ja.md": post})
    assert site.returncode == 1, site.log
    errors = [line for line in site.log.splitlines() if line.startswith("ERROR:")]
    assert len(errors) == 1, site.log
    assert errors[0].startswith("ERROR: content/posts/photo.ja.md: image "), site.log
    assert src in errors[0] and reason in errors[0]
    assert "Traceback" not in site.log


@pytest.mark.parametrize(
    ("path", "inside"),
    [
        ("images/a.png", True),
        ("posts/../images/a.png", True),
        ("../outside.png", False),
        ("images/../../outside.png", False),
        ("/etc/passwd", False),
        ("images/link.png", False),
    ],
)
def test_file_inside_keeps_to_the_folder(tmp_path, path, inside):
    from site_common.content_files import file_inside

    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "outside.png").write_bytes(b"")
    (tmp_path / "content" / "images" / "link.png").symlink_to(tmp_path / "outside.png")
    found = file_inside(tmp_path / "content", path)
    assert (found is not None) == inside


# The peak memory of this process alone: VmHWM starts afresh with the program,
# where ru_maxrss keeps the peak of the process that started it.
PEAK_MEMORY = """
import re, sys
from pathlib import Path
from images.images import resize_copy

def peak_kb():
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status)[1])

before = peak_kb()
resize_copy(sys.argv[1], 1600, 85)
print((peak_kb() - before) // 1024)
"""


def test_resizing_a_large_jpeg_never_holds_its_full_size_bitmap(tmp_path):
    # 8000x6000 pixels: 192 MB decoded whole (Pillow keeps 4 bytes a pixel).
    photo = tmp_path / "huge.jpg"
    gradient = Image.linear_gradient("L").resize((8000, 6000))
    Image.merge("RGB", (gradient, gradient.transpose(0), gradient)).save(photo)
    result = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, str(photo)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(result.stdout) < 100, f"{result.stdout} MB"
    with Image.open(photo) as resized:
        assert resized.size == (1600, 1200)


def test_a_quick_pass_reports_the_image_mistakes_of_the_file_it_writes(tmp_path):
    """A quick pass (site_common.quick_pass) checks the images of the files it
    writes; a full build, of every one."""
    text = "Title: 写真\nDate: 2026-11-24\n\n![写真]({static}/../../outside.png)\n"
    (quick_status, quick), (full_status, full) = quick_pass_and_full_build(
        tmp_path, text, "leads out of the content folder"
    )
    assert quick_status == 1 and SAVED_POST in quick
    assert full_status == 1
    assert sorted(full) == [OTHER_POST, SAVED_POST]
