"""Phrase-aware wrapping, as a real headless Chromium lays the page out."""

import pytest
from conftest import chromium, serve
from japanese_text.headings import phrase_starts

LONG_TITLE = "重要な人脈作りに必要なことは勇気を発揮することだと私は思います"
HEADING = "私が「勇気」で作った転機の人脈と日本での最後の仕事"

# The top of each character of an element's text, in document order.
CHARACTER_TOPS = """
const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
const tops = [];
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  for (let i = 0; i < node.length; i++) {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    tops.push(Math.round(range.getBoundingClientRect().top));
  }
}
return tops;
"""


@pytest.fixture
def served(make_site):
    """A small built site served on 127.0.0.1; yields its base URL."""
    site = make_site(
        {
            "posts/long.ja.md": (
                f"Title: {LONG_TITLE}\nDate: 2024-01-01 10:00\n\n"
                f"## {HEADING}\n\n本文です。\n"
            )
        },
        with_about=False,
    )
    assert site.returncode == 0, site.log
    with serve(site.output) as url:
        yield url + "/"


@pytest.fixture
def phone_browser():
    driver = chromium()
    # A phone's screen: narrower than any desktop window can be made.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 360, "height": 780, "deviceScaleFactor": 2, "mobile": True},
    )
    yield driver
    driver.quit()


def line_starts(driver, element):
    """Offsets in the element's text where a new line begins."""
    tops = driver.execute_script(CHARACTER_TOPS, element)
    return [i for i in range(1, len(tops)) if tops[i] > tops[i - 1]]


@pytest.mark.browser
@pytest.mark.parametrize(("selector", "text"), [("h1", LONG_TITLE), ("h2", HEADING)])
def test_japanese_titles_break_lines_only_between_phrases(
    served, phone_browser, selector, text
):
    phone_browser.get(served + "posts/long/")
    element = phone_browser.find_element("css selector", f"main {selector}")
    assert element.text == text
    starts = line_starts(phone_browser, element)
    assert starts, "the title should need more than one line on a phone"
    assert set(starts) <= set(phrase_starts(text))
