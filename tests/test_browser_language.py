"""The language toggle in a real headless Chromium, with and without JavaScript."""

import pytest
from conftest import chromium, serve
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser

FIRST_POST = "/posts/jinmyaku-zukuri/"
FIRST_POST_EN = "/en/posts/jinmyaku-zukuri/"


@pytest.fixture(scope="module")
def site_url(real_site):
    with serve(real_site.output) as url:
        yield url


def click_toggle(driver, lang):
    driver.find_element(By.CSS_SELECTOR, f'.lang-toggle a[hreflang="{lang}"]').click()


def wait_for_path(driver, base, path):
    WebDriverWait(driver, 10).until(lambda d: d.current_url == base + path)
    return driver.current_url


def test_toggle_leads_to_the_translation_and_the_root_remembers(site_url):
    driver = chromium()
    try:
        driver.get(site_url + FIRST_POST)
        click_toggle(driver, "en")
        assert wait_for_path(driver, site_url, FIRST_POST_EN)
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"

        driver.get(site_url + "/")
        assert wait_for_path(driver, site_url, "/en/")

        # Choosing Japanese again makes the root stay Japanese.
        click_toggle(driver, "ja")
        wait_for_path(driver, site_url, "/")
        driver.get(site_url + "/")
        driver.find_element(By.CSS_SELECTOR, ".lang-toggle")
        assert driver.current_url == site_url + "/"
        assert driver.execute_script(
            "return localStorage.getItem('preferred-language')"
        ) == ("ja")
    finally:
        driver.quit()


def test_a_post_is_never_redirected_by_the_stored_choice(site_url):
    driver = chromium()
    try:
        driver.get(site_url + FIRST_POST)
        driver.execute_script("localStorage.setItem('preferred-language', 'en')")
        driver.get(site_url + FIRST_POST)
        driver.find_element(By.CSS_SELECTOR, ".post-title")
        assert driver.current_url == site_url + FIRST_POST
    finally:
        driver.quit()


def test_without_javascript_the_toggle_still_leads_to_the_translation(site_url):
    driver = chromium(javascript=False)
    try:
        driver.get(site_url + FIRST_POST)
        click_toggle(driver, "en")
        assert wait_for_path(driver, site_url, FIRST_POST_EN)
        suggestion = driver.find_element(By.CSS_SELECTOR, ".lang-suggestion")
        assert not suggestion.is_displayed()
    finally:
        driver.quit()


def test_english_reader_gets_a_dismissible_suggestion(site_url):
    driver = chromium(languages="en-US,en")
    try:
        driver.get(site_url + FIRST_POST)
        suggestion = driver.find_element(
            By.CSS_SELECTOR, '.lang-suggestion[data-suggest-lang="en"]'
        )
        WebDriverWait(driver, 10).until(lambda d: suggestion.is_displayed())
        link = suggestion.find_element(By.CSS_SELECTOR, "a")
        assert link.get_attribute("href") == site_url + FIRST_POST_EN
        assert driver.current_url == site_url + FIRST_POST  # never redirected

        suggestion.find_element(By.CSS_SELECTOR, "button").click()
        assert not suggestion.is_displayed()
        driver.get(site_url + FIRST_POST)
        driver.find_element(By.CSS_SELECTOR, ".post-title")
        again = driver.find_element(By.CSS_SELECTOR, ".lang-suggestion")
        assert not again.is_displayed()
    finally:
        driver.quit()


def test_japanese_reader_gets_no_suggestion(site_url):
    driver = chromium(languages="ja,en-US")
    try:
        driver.get(site_url + FIRST_POST)
        driver.find_element(By.CSS_SELECTOR, ".post-title")
        suggestion = driver.find_element(By.CSS_SELECTOR, ".lang-suggestion")
        assert not suggestion.is_displayed()
    finally:
        driver.quit()
