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
