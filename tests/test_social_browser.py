"""Share buttons in headless Chromium: JavaScript adds buttons, links need none."""

from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import chromium, serve
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser

FIRST_POST = "posts/jinmyaku-zukuri/"
CANONICAL = "http://127.0.0.1:8000/" + FIRST_POST
TITLE = "重要な人脈作りに必要なこと"
# Stands in for the Web Share API, which Chromium on Linux does not have.
FAKE_WEB_SHARE = """
navigator.share = function (data) {
  window.sharedData = {title: data.title, url: data.url};
  return Promise.resolve();
};
"""


@pytest.fixture(scope="module")
def site_url(real_site):
    """The real site served on 127.0.0.1 on a free port."""
    with serve(real_site.output) as url:
        yield url + "/"


def start_chromium(javascript=True):
    return chromium(javascript=javascript, window_size="412,915")


@pytest.fixture
def browser():
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def browser_without_javascript():
    driver = start_chromium(javascript=False)
    yield driver
    driver.quit()


def wait_until_displayed(driver, css):
    element = driver.find_element(By.CSS_SELECTOR, css)
    WebDriverWait(driver, 10).until(lambda _: element.is_displayed())
    return element


def test_javascript_shows_a_copy_link_button_that_copies_the_canonical_url(
    browser, site_url
):
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {
            "origin": site_url.rstrip("/"),
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        },
    )
    browser.get(site_url + FIRST_POST)
    copy = wait_until_displayed(browser, "[data-share-copy] button")
    assert copy.text == "リンクをコピー"
    copy.click()
    status = browser.find_element(By.CSS_SELECTOR, "[data-share-status]")
    WebDriverWait(browser, 10).until(lambda _: status.text)
    assert status.text == "リンクをコピーしました"
    copied = browser.execute_async_script(
        "navigator.clipboard.readText().then(arguments[0], () => arguments[0](null));"
    )
    assert copied == CANONICAL


def test_the_native_share_button_appears_only_with_the_web_share_api(browser, site_url):
    browser.get(site_url + FIRST_POST)
    wait_until_displayed(browser, "[data-share-copy]")
    has_web_share = browser.execute_script("return 'share' in navigator;")
    native = browser.find_element(By.CSS_SELECTOR, "[data-share-native]")
    assert native.is_displayed() == has_web_share

    browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": FAKE_WEB_SHARE}
    )
    browser.get(site_url + FIRST_POST)
    button = wait_until_displayed(browser, "[data-share-native] button")
    button.click()
    shared = browser.execute_script("return window.sharedData;")
    assert shared == {"title": TITLE, "url": CANONICAL}


def test_without_javascript_the_share_links_are_plain_links(
    browser_without_javascript, site_url
):
    driver = browser_without_javascript
    driver.get(site_url + FIRST_POST)
    assert not driver.find_element(By.CSS_SELECTOR, "[data-share-copy]").is_displayed()
    assert not driver.find_element(
        By.CSS_SELECTOR, "[data-share-native]"
    ).is_displayed()
    links = driver.find_elements(By.CSS_SELECTOR, ".share a.share__link")
    assert len(links) == 4
    hosts = []
    for link in links:
        assert link.is_displayed()
        assert link.size["width"] >= 44 and link.size["height"] >= 44
        href = link.get_attribute("href")
        hosts.append(urlsplit(href).hostname)
        query = parse_qs(urlsplit(href).query)
        assert CANONICAL in (query.get("url") or query.get("u")), href
    assert hosts == [
        "x.com",
        "www.facebook.com",
        "social-plugins.line.me",
        "b.hatena.ne.jp",
    ]
