"""Images: large ones resized in the output, sizes and lazy loading on <img>."""

import hashlib

import pytest
from bs4 import BeautifulSoup
from images.images import (
    DEFAULTS,
    displayed_size,
    image_settings,
    source_of,
    with_image_attributes,
)
from PIL import Image

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
    assert len(problems) == 3
    assert all(problem.startswith("IMAGES[") for problem in problems)


def test_static_links_are_found_in_the_content_folder(tmp_path):
    posts = tmp_path / "posts"
    assert source_of("{static}/images/a%20b.jpg", tmp_path, posts) == (
        tmp_path / "images" / "a b.jpg"
    )
    assert source_of("{static}photo.jpg?v=1", tmp_path, posts) == posts / "photo.jpg"
    assert source_of("https://example.com/a.jpg", tmp_path, posts) is None


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
    assert site.returncode != 0
    assert "IMAGES['max_width']" in site.log
