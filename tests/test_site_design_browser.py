"""The design as a real headless Chromium lays it out: Japanese headings keep
their own line-height, the table of contents folds on phones only."""

import shutil

import pytest
from conftest import CONTENT, build_site, chromium, serve, write_content

LONG_TITLE = "重要な人脈作りに必要なことは勇気を発揮することだと私は思います"
BODY = "\n\n本文です。\n\n".join(
    ["## 人脈は「勇気」から生まれるという話", "## 異業種交流会?", "## まとめ", ""]
)

LINE_HEIGHTS = """
const element = document.querySelector(arguments[0]);
const span = element.querySelector(".phrases");
const px = (node) => parseFloat(getComputedStyle(node).lineHeight);
return [px(element), px(span), parseFloat(getComputedStyle(element).fontSize)];
"""

# Whether the first link of the contents takes room on the screen.
FIRST_LINK_SHOWN = """
const link = document.querySelector("nav.toc ol a");
return link.checkVisibility() && link.getBoundingClientRect().height > 0;
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("design-browser")
    content = write_content(
        folder / "content",
        {
            "posts/nagai.ja.md": (
                f"Title: {LONG_TITLE}\nDate: 2024-01-01 10:00\n\n{BODY}"
            )
        },
    )
    shutil.copytree(CONTENT / "pages", content / "pages")
    site = build_site(content, folder / "output")
    assert site.returncode == 0, site.log
    with serve(site.output) as url:
        yield url + "/posts/nagai/"


@pytest.fixture(scope="module")
def served_quality(tmp_path_factory):
    """The real content plus tests/content: posts with links, tags, related posts."""
    folder = tmp_path_factory.mktemp("design-quality")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    shutil.copytree(CONTENT.parent / "tests" / "content", content, dirs_exist_ok=True)
    site = build_site(content, folder / "output")
    assert site.returncode == 0, site.log
    with serve(site.output) as url:
        yield url + "/"


def at_width(driver, width):
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": False},
    )


@pytest.fixture(scope="module")
def driver():
    browser = chromium()
    yield browser
    browser.quit()


@pytest.mark.browser
@pytest.mark.parametrize("selector", ["h1.post-title", ".post-body h2"])
def test_japanese_headings_keep_their_line_height_at_phone_width(
    served, driver, selector
):
    at_width(driver, 390)
    driver.get(served)
    heading, span, font_size = driver.execute_script(LINE_HEIGHTS, selector)
    assert span == heading
    # The heading's own leading, not the body's (1.9) its language would give.
    assert heading / font_size == pytest.approx(1.4, abs=0.02)


@pytest.mark.browser
def test_the_table_of_contents_is_folded_on_a_phone_and_open_on_a_desktop(
    served, driver
):
    at_width(driver, 390)
    driver.get(served)
    assert not driver.execute_script(FIRST_LINK_SHOWN)
    driver.find_element("css selector", "nav.toc summary").click()
    assert driver.execute_script(FIRST_LINK_SHOWN)
    at_width(driver, 1280)
    driver.get(served)
    assert driver.execute_script(FIRST_LINK_SHOWN)


HEADER_AND_LINKS = """
const header = document.querySelector(".site-header");
const toggle = document.querySelector(".lang-toggle a");
const box = toggle.getBoundingClientRect();
const underline = (selector) => {
  const link = document.querySelector(selector);
  return getComputedStyle(link).textDecorationLine;
};
return {
  header: header.getBoundingClientRect().height,
  toggle_shown: toggle.checkVisibility() && box.width > 0 && box.bottom <= 844,
  prose: underline(".post-body a"),
  nav: underline(".site-nav a"),
  tag: underline(".tag-list a"),
  related: underline(".related a"),
};
"""


@pytest.mark.browser
def test_the_phone_header_is_compact_and_links_are_underlined_in_prose_only(
    served_quality, driver
):
    at_width(driver, 390)
    for page in ("posts/jinmyaku-zukuri/", "en/posts/jinmyaku-zukuri/"):
        driver.get(served_quality + page)
        found = driver.execute_script(HEADER_AND_LINKS)
        assert found["header"] <= 120, page  # was about 260 px
        assert found["toggle_shown"], page
        assert found["prose"] == "underline", page
        assert (found["nav"], found["tag"], found["related"]) == ("none",) * 3, page
